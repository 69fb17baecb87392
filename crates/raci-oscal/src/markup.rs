//! OSCAL's text data types in JSON: `markup-line` and `markup-multiline`
//! are Markdown, `string` is one trimmed line. Our text is plain, so it is
//! escaped on the way out and unescaped on the way in.

/// Characters that would start Markdown inline markup.
const SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>'];

/// Plain text as Markdown that renders as that text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown's backslash escapes removed: `\*` → `*` (any ASCII punctuation).
pub fn unescape(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut chars = markup.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Whether `text` is a valid OSCAL `string`: non-empty, one line, no
/// whitespace at either end.
pub fn is_oscal_string(text: &str) -> bool {
    !text.is_empty()
        && !text.contains(['\n', '\r'])
        && !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
}

/// `text` made a valid OSCAL `string`: whitespace runs collapsed to one
/// space, ends trimmed; `-` when nothing is left.
pub fn to_oscal_string(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        "-".to_owned()
    } else {
        collapsed
    }
}

/// `text` made a valid `markup-line` (no line break).
pub fn to_markup_line(text: &str) -> String {
    let line = escape(&text.replace(['\n', '\r'], " "));
    if line.is_empty() {
        "-".to_owned()
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips_and_neutralises_markup() {
        for text in [
            "Back up *all* data",
            r"C:\temp\ [x] <b>",
            "snake_case `code`",
            "plain",
            "\\*",
        ] {
            assert_eq!(unescape(&escape(text)), text);
        }
        assert_eq!(escape("a*b_c"), r"a\*b\_c");
        assert_eq!(unescape(r"keep \n and \é"), r"keep \n and \é");
    }

    #[test]
    fn oscal_strings_are_one_trimmed_line() {
        assert!(is_oscal_string("RA*"));
        assert!(!is_oscal_string(" x"));
        assert!(!is_oscal_string("a\nb"));
        assert!(!is_oscal_string(""));
        assert_eq!(to_oscal_string("  a \n b "), "a b");
        assert_eq!(to_oscal_string(" "), "-");
        assert_eq!(to_markup_line("a\nb*"), r"a b\*");
    }
}
