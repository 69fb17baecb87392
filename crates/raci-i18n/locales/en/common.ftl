# Words every raci interface shares: dates. Month names are numbered 1 to 12.
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# A day: { $day } of { $month } (a name above), { $year }.
date = { $day } { $month } { $year }
# A day and a time of day, in UTC.
date-time = { $date }, { $time } UTC
