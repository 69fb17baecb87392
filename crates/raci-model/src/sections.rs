//! The section tree, built from the activities' section paths.

use crate::{Activity, Document};

/// One section and what it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionNode {
    pub title: String,
    /// Indexes of the activities directly in this section.
    pub activities: Vec<usize>,
    pub children: Vec<SectionNode>,
}

/// The depth of a numbered heading (`3.1.2.` is 3), or `None` when the text
/// does not start with a section number followed by a title.
pub fn number_depth(text: &str) -> Option<usize> {
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

impl Document {
    /// The sections as a tree, in document order. Activities with no section
    /// sit in the root node, whose title is empty.
    pub fn section_tree(&self) -> SectionNode {
        let mut root = SectionNode::default();
        for heading in &self.facts.headings {
            node_at(&mut root, &heading.path);
        }
        for (index, activity) in self.activities.iter().enumerate() {
            node_at(&mut root, &activity.section).activities.push(index);
        }
        root
    }
}

fn node_at<'a>(root: &'a mut SectionNode, path: &[String]) -> &'a mut SectionNode {
    let mut node = root;
    for title in path {
        let position = match node
            .children
            .iter()
            .rposition(|child| &child.title == title)
        {
            Some(position) => position,
            None => {
                node.children.push(SectionNode {
                    title: title.clone(),
                    ..SectionNode::default()
                });
                node.children.len() - 1
            }
        };
        node = &mut node.children[position];
    }
    node
}

/// The phase of activities outside any section.
pub const NO_SECTION: &str = "(no section)";

/// The lifecycle phases of a document: the outermost headings that tell its
/// activities apart. Headings every activity shares (a page whose only
/// top heading is `RACI`) are skipped.
pub struct Phases {
    /// How many leading headings every activity shares.
    shared: usize,
}

impl Phases {
    pub fn of(document: &Document) -> Phases {
        let mut activities = document.activities.iter().filter(|a| !a.section.is_empty());
        let Some(first) = activities.next() else {
            return Phases { shared: 0 };
        };
        let mut shared = first.section.len();
        for activity in activities {
            shared = shared.min(
                first
                    .section
                    .iter()
                    .zip(&activity.section)
                    .take_while(|(a, b)| a == b)
                    .count(),
            );
        }
        // Every activity outside any section, or with all its headings shared,
        // keeps its innermost heading as its phase.
        let shortest = document
            .activities
            .iter()
            .filter(|a| !a.section.is_empty())
            .map(|a| a.section.len())
            .min()
            .unwrap_or(0);
        Phases {
            shared: shared.min(shortest.saturating_sub(1)),
        }
    }

    /// How many leading headings every activity shares.
    pub fn shared(&self) -> usize {
        self.shared
    }

    /// The phase of `activity`.
    pub fn phase<'a>(&self, activity: &'a Activity) -> &'a str {
        activity
            .section
            .get(self.shared)
            .or(activity.section.last())
            .map_or(NO_SECTION, String::as_str)
    }

    /// The headings of `activity` below its phase.
    pub fn below<'a>(&self, activity: &'a Activity) -> &'a [String] {
        activity.section.get(self.shared + 1..).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use crate::{Activity, Document};

    #[test]
    fn builds_nested_sections_in_order() {
        let mut document = Document::new();
        for (section, text) in [
            (&["1", "1.1"][..], "a"),
            (&["1", "1.2"], "b"),
            (&["2"], "c"),
            (&["1", "1.1"], "d"),
        ] {
            document.activities.push(Activity {
                section: section.iter().map(|s| s.to_string()).collect(),
                text: text.into(),
                ..Activity::default()
            });
        }
        let tree = document.section_tree();
        assert_eq!(tree.children.len(), 2);
        assert_eq!(tree.children[0].children[0].activities, vec![0, 3]);
        assert_eq!(tree.children[1].activities, vec![2]);
    }
}
