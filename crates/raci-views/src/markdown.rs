//! Text put into Markdown.

/// `text` with the characters that would start inline markup, or break a
/// table cell, escaped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_pipes() {
        assert_eq!(super::escape("a*b|c [x]"), r"a\*b\|c \[x\]");
        assert_eq!(super::escape("plain text"), "plain text");
    }
}
