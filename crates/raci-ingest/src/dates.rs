//! Edition dates as pages write them: `2023-07-06`, `04.07.2023`, `06/07/2023`.

/// The first date in `text`, as `YYYY-MM-DD`, when it is a real calendar date.
pub(crate) fn find_date(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find_map(|at| {
        if at > 0 && bytes[at - 1].is_ascii_digit() {
            return None;
        }
        iso_at(&bytes[at..]).or_else(|| day_first_at(&bytes[at..]))
    })
}

fn digits(bytes: &[u8], len: usize) -> Option<u32> {
    let part = bytes.get(..len)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(part).ok()?.parse().ok()
}

fn iso_at(bytes: &[u8]) -> Option<String> {
    let year = digits(bytes, 4)?;
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let month = digits(&bytes[5..], 2)?;
    let day = digits(&bytes[8..], 2)?;
    if bytes.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    valid(year, month, day)
}

fn day_first_at(bytes: &[u8]) -> Option<String> {
    let day = digits(bytes, 2)?;
    let separator = *bytes.get(2)?;
    if !matches!(separator, b'.' | b'/') || bytes.get(5) != Some(&separator) {
        return None;
    }
    let month = digits(&bytes[3..], 2)?;
    let year = digits(&bytes[6..], 4)?;
    if bytes.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    valid(year, month, day)
}

fn valid(year: u32, month: u32, day: u32) -> Option<String> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1900..=2200).contains(&year).then_some(())?;
    (1..=days)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::find_date;

    #[test]
    fn finds_iso_and_day_first_dates() {
        assert_eq!(find_date("2023-07-06").as_deref(), Some("2023-07-06"));
        assert_eq!(
            find_date("187 views 04.07.2023 Cloud").as_deref(),
            Some("2023-07-04")
        );
        assert_eq!(find_date("le 29/02/2024").as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn refuses_impossible_dates_and_longer_numbers() {
        assert_eq!(find_date("2023-02-30"), None);
        assert_eq!(find_date("12023-07-06"), None);
        assert_eq!(find_date("3.1.2. Access"), None);
        assert_eq!(find_date("é2023-07-06").as_deref(), Some("2023-07-06"));
    }
}
