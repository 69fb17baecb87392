//! Text written back into Markdown so that a Markdown reader gives it back
//! unchanged: punctuation that would be markup is escaped.

/// Escapes `text` for a table cell or a heading.
pub(crate) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_entity(&text[at + 1..]) => out.push_str("\\&"),
            '#' if text[at..].trim_end_matches('#').is_empty() => out.push_str("\\#"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether `rest` (after a `&`) would make an entity (`amp;`, `#38;`).
fn starts_entity(rest: &str) -> bool {
    let body = rest.strip_prefix('#').unwrap_or(rest);
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    name_len > 0 && body[name_len..].starts_with(';')
}

/// The word heading the activity column in the document's language: one the
/// readers know.
pub(crate) fn activity_word(language: Option<&str>) -> &'static str {
    let language = language.unwrap_or("en").to_ascii_lowercase();
    match language.get(..2).unwrap_or("") {
        "fr" => "Activité",
        "de" => "Aktivität",
        "es" => "Actividad",
        "it" => "Attività",
        "pl" => "Działanie",
        "pt" => "Atividade",
        _ => "Activity",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_be_markup() {
        assert_eq!(inline("a|b *c* _d_ `e`"), "a\\|b \\*c\\* \\_d\\_ \\`e\\`");
        assert_eq!(inline("R&D &amp; more"), "R&D \\&amp; more");
        assert_eq!(inline("C# and issue #3"), "C# and issue #3");
        assert_eq!(inline("Tag ##"), "Tag \\#\\#");
        assert_eq!(inline("<br> [x]"), "\\<br> \\[x\\]");
    }

    #[test]
    fn the_activity_word_follows_the_language() {
        assert_eq!(activity_word(Some("fr-fr")), "Activité");
        assert_eq!(activity_word(None), "Activity");
        assert_eq!(activity_word(Some("nl")), "Activity");
    }
}
