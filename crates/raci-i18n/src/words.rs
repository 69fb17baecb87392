//! The words of one request: a catalog in the locale the person reads.

use fluent_bundle::{FluentArgs, FluentValue};
use num_format::ToFormattedString;
use time::OffsetDateTime;

use crate::{Catalog, Locale};

/// A catalog in one locale, as templates use it.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    pub catalog: &'a Catalog,
    pub locale: Locale,
}

impl<'a> Words<'a> {
    pub fn new(catalog: &'a Catalog, locale: Locale) -> Words<'a> {
        Words { catalog, locale }
    }

    /// Message `id`.
    pub fn t(&self, id: &str) -> String {
        self.catalog.format(self.locale, id, None)
    }

    /// Message `id` with text arguments (`[("name", "Ada")]`).
    pub fn with<'v>(&self, id: &str, args: impl AsRef<[(&'v str, &'v str)]>) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args.as_ref() {
            fluent.set(*name, FluentValue::from(*value));
        }
        self.catalog.format(self.locale, id, Some(&fluent))
    }

    /// Message `id` for a count: `$count` selects the plural form, `$n` is
    /// the count written in the locale.
    pub fn count(&self, id: &str, n: usize) -> String {
        let mut fluent = FluentArgs::new();
        fluent.set("count", FluentValue::from(n));
        fluent.set("n", FluentValue::from(self.number(n)));
        self.catalog.format(self.locale, id, Some(&fluent))
    }

    /// A whole number with the locale's grouping (`1,234`; in French
    /// `1 234` with a narrow no-break space).
    pub fn number(&self, n: usize) -> String {
        n.to_formatted_string(&self.locale.numbers())
    }

    /// The day of a time (milliseconds since the epoch, UTC), written out
    /// in the locale (`2 December 2026`, `2 décembre 2026`).
    pub fn date(&self, ms: i64) -> String {
        let Some(at) = datetime(ms) else {
            return String::new();
        };
        let month = self.t(&format!("month-{}", u8::from(at.month())));
        let day = at.day().to_string();
        let year = at.year().to_string();
        self.with(
            "date",
            [("day", day.as_str()), ("month", &month), ("year", &year)],
        )
    }

    /// The day and time of day (UTC) of a time, in the locale.
    pub fn date_time(&self, ms: i64) -> String {
        let Some(at) = datetime(ms) else {
            return String::new();
        };
        let time = format!("{:02}:{:02}", at.hour(), at.minute());
        let date = self.date(ms);
        self.with("date-time", [("date", date.as_str()), ("time", &time)])
    }
}

/// The day of a time as `YYYY-MM-DD` (a date input's value, a `<time>`'s
/// `datetime`), UTC; empty when out of range.
pub fn iso(ms: i64) -> String {
    datetime(ms)
        .map(|at| {
            format!(
                "{:04}-{:02}-{:02}",
                at.year(),
                u8::from(at.month()),
                at.day()
            )
        })
        .unwrap_or_default()
}

/// The time at the start of a `YYYY-MM-DD` day (UTC), in milliseconds
/// since the epoch; none when it is not such a day.
pub fn parse_iso_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let month = time::Month::try_from(month).ok()?;
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    let seconds = date.midnight().assume_utc().unix_timestamp();
    seconds.checked_mul(1000)
}

fn datetime(ms: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-02 14:05 UTC.
    const AT: i64 = 1_796_220_300_000;

    #[test]
    fn dates_and_numbers_in_each_locale() {
        let catalog = Catalog::new(&[]).unwrap();
        let en = Words::new(&catalog, Locale::En);
        let fr = Words::new(&catalog, Locale::Fr);
        assert_eq!(en.date(AT), "2 December 2026");
        assert_eq!(fr.date(AT), "2 décembre 2026");
        assert_eq!(en.date_time(AT), "2 December 2026, 14:05 UTC");
        assert_eq!(fr.date_time(AT), "2 décembre 2026 à 14:05 UTC");
        assert_eq!(en.number(1_234_567), "1,234,567");
        assert_eq!(fr.number(1234), "1\u{202f}234");
        assert_eq!(iso(AT), "2026-12-02");
        assert_eq!(en.date(i64::MAX), "");
    }

    #[test]
    fn iso_days_read_back() {
        assert_eq!(
            parse_iso_date("2026-12-02").map(iso).as_deref(),
            Some("2026-12-02")
        );
        assert_eq!(parse_iso_date("1970-01-01"), Some(0));
        for bad in ["2026-02-30", "2026-13-01", "12/02/2026", "", "2026-12"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
