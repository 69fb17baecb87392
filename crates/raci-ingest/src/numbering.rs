//! Numbered lifecycle headings: `3.1.2. Access management`, `2 Service availability`.

/// The depth of a numbered heading (`3.1.2.` is 3), or `None` when the text
/// does not start with a section number followed by a title. The rule lives
/// in the model, so the writers nest headings the way this reader reads them.
pub(crate) fn depth(text: &str) -> Option<usize> {
    raci_model::number_depth(text)
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
