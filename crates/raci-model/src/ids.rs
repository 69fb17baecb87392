//! Stable activity ids: derived from the text, so they survive re-parsing,
//! reformatting and moving rows between tables.

use std::collections::HashMap;

use crate::Document;

const MAX_SLUG_LEN: usize = 64;

/// A short slug of `text`, cut at a word boundary.
pub fn slug_of(text: &str) -> String {
    let mut slug = slug::slugify(text);
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug.push_str("activity");
    }
    slug
}

/// Gives every activity an id unique in the document: the slug of its text;
/// where two rows share it, the slug of the section is put in front; where
/// that still clashes, a counter follows.
pub fn assign_ids(document: &mut Document) {
    let mut by_text: HashMap<String, usize> = HashMap::new();
    for activity in &document.activities {
        *by_text.entry(slug_of(&activity.text)).or_default() += 1;
    }
    let mut taken: HashMap<String, usize> = HashMap::new();
    for activity in &mut document.activities {
        let text_slug = slug_of(&activity.text);
        let mut id = if by_text[&text_slug] > 1 {
            match activity.section.last() {
                Some(section) => format!("{}--{}", slug_of(section), text_slug),
                None => text_slug,
            }
        } else {
            text_slug
        };
        let seen = taken.entry(id.clone()).or_default();
        *seen += 1;
        if *seen > 1 {
            id = format!("{id}-{seen}");
        }
        activity.id = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Activity;

    fn activity(section: &str, text: &str) -> Activity {
        Activity {
            section: vec![section.to_owned()],
            text: text.to_owned(),
            ..Activity::default()
        }
    }

    #[test]
    fn ids_come_from_the_text_and_stay_unique() {
        let mut document = Document::new();
        document.activities = vec![
            activity("1. Set-up", "Choose the région"),
            activity("2. Run", "Restart the nodes"),
            activity("4. Exit", "Restart the nodes"),
            activity("4. Exit", "Restart the nodes"),
        ];
        assign_ids(&mut document);
        let ids: Vec<_> = document.activities.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "choose-the-region",
                "2-run--restart-the-nodes",
                "4-exit--restart-the-nodes",
                "4-exit--restart-the-nodes-2"
            ]
        );
    }

    #[test]
    fn long_texts_are_cut_at_a_word() {
        let slug = slug_of(&"word ".repeat(40));
        assert!(slug.len() <= MAX_SLUG_LEN);
        assert!(slug.ends_with("word"));
        assert_eq!(slug_of("***"), "activity");
    }
}
