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
mod words;

pub use party::{find_party, PartyNotFound};

pub use raci_model::{Phases, NO_SECTION};

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
