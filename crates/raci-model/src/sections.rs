//! The section tree, built from the activities' section paths.

use crate::Document;

/// One section and what it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionNode {
    pub title: String,
    /// Indexes of the activities directly in this section.
    pub activities: Vec<usize>,
    pub children: Vec<SectionNode>,
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
