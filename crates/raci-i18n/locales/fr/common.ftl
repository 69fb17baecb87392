# Mots communs à toutes les interfaces de raci : les dates. Mois numérotés de 1 à 12.
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date = { $day } { $month } { $year }
date-time = { $date } à { $time } UTC
