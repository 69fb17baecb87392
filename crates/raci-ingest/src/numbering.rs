//! Numbered lifecycle headings: `3.1.2. Access management`, `2 Service availability`.

/// The depth of a numbered heading (`3.1.2.` is 3), or `None` when the text
/// does not start with a section number followed by a title.
pub(crate) fn depth(text: &str) -> Option<usize> {
    let text = text.trim_start_matches(['*', '_', ' ']);
    let number_len = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let number = &text[..number_len];
    let rest = &text[number_len..];
    if number.is_empty()
        || !number.starts_with(|c: char| c.is_ascii_digit())
        || number.contains("..")
    {
        return None;
    }
    // The number must be followed by white space and a title starting with a letter.
    let title = rest.strip_prefix(char::is_whitespace)?.trim_start();
    if !title.starts_with(char::is_alphabetic) {
        return None;
    }
    let parts = number.trim_end_matches('.').split('.').collect::<Vec<_>>();
    if parts.iter().any(|p| p.is_empty() || p.len() > 2) || parts.len() > 6 {
        return None;
    }
    Some(parts.len())
}

#[cfg(test)]
mod tests {
    use super::depth;

    #[test]
    fn reads_the_depth_of_numbered_headings() {
        assert_eq!(depth("1. Before subscription"), Some(1));
        assert_eq!(depth("3.1.2. Access management"), Some(3));
        assert_eq!(depth("**3.2.2 Changes**"), Some(3));
        assert_eq!(depth("2.1 Install"), Some(2));
    }

    #[test]
    fn refuses_dates_counts_and_prose() {
        assert_eq!(depth("2023-07-06"), None);
        assert_eq!(depth("187 views"), None);
        assert_eq!(depth("04.07.2023 Cloud"), None);
        assert_eq!(depth("Activity"), None);
        assert_eq!(depth("1.2"), None);
    }
}
