//! Views of a responsibility matrix for the people who use it:
//!
//! - [`duties`]: one party's obligations as a checklist, by lifecycle phase;
//! - [`who`]: the activities matching some words or a taxonomy entry, with
//!   each party's role;
//! - [`stats`]: how many activities each party is R, A, C or I for, per phase;
//! - [`heatmap`]: the matrix as a picture (SVG, and PNG rasterized from it).
//!
//! Pure: the views are built from a [`raci_model::Document`] and rendered to
//! strings or bytes; only [`heatmap::png`] reads something (the system's fonts).

pub mod duties;
pub mod heatmap;
mod markdown;
mod party;
pub mod stats;
pub mod who;

pub use party::{find_party, PartyNotFound};

/// The phase of activities outside any section.
pub const NO_SECTION: &str = "(no section)";

/// The lifecycle phases of a document: the outermost headings that tell its
/// activities apart. Headings every activity shares (a page whose only
/// top heading is `RACI`) are skipped.
pub(crate) struct Phases {
    /// How many leading headings every activity shares.
    shared: usize,
}

impl Phases {
    pub(crate) fn of(document: &raci_model::Document) -> Phases {
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

    /// The phase of `activity`.
    pub(crate) fn phase<'a>(&self, activity: &'a raci_model::Activity) -> &'a str {
        activity
            .section
            .get(self.shared)
            .or(activity.section.last())
            .map_or(NO_SECTION, String::as_str)
    }

    /// The headings of `activity` below its phase.
    pub(crate) fn below<'a>(&self, activity: &'a raci_model::Activity) -> &'a [String] {
        activity.section.get(self.shared + 1..).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use raci_model::{Activity, Document};

    use super::Phases;

    fn document(sections: &[&[&str]]) -> Document {
        let mut document = Document::new();
        for section in sections {
            document.activities.push(Activity {
                section: section.iter().map(|s| s.to_string()).collect(),
                ..Activity::default()
            });
        }
        document
    }

    #[test]
    fn phases_skip_headings_every_activity_shares() {
        let d = document(&[&["RACI", "Security", "Keys"], &["RACI", "Backups"]]);
        let phases = Phases::of(&d);
        assert_eq!(phases.phase(&d.activities[0]), "Security");
        assert_eq!(phases.below(&d.activities[0]), ["Keys"]);
        assert_eq!(phases.phase(&d.activities[1]), "Backups");
        let d = document(&[&["1. Plan", "1.1"], &["2. Run"], &[]]);
        let phases = Phases::of(&d);
        assert_eq!(phases.phase(&d.activities[0]), "1. Plan");
        assert_eq!(phases.phase(&d.activities[2]), "(no section)");
        let d = document(&[&["Only"], &["Only"]]);
        assert_eq!(Phases::of(&d).phase(&d.activities[0]), "Only");
    }
}
