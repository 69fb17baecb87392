//! Text copied from a web page where each row became one line with the role
//! letters glued to the end of the activity (`Choose the service locationRAI`),
//! and the header row one word (`ActivityCustomerOVHcloud`).

use raci_model::Span;

use crate::blocks::{Cell, Layout, Parsed, Row, Table};
use crate::{flat_text, vocabulary};

/// Whether the text looks like this format: a glued header row.
pub(crate) fn sniff(text: &str) -> bool {
    text.lines()
        .take(2_000)
        .any(|line| header_parties(line.trim()).is_some_and(|p| p.len() >= 2))
}

/// The party names of a glued header row (`ActivityCustomerOVHcloud`).
pub(crate) fn header_parties(line: &str) -> Option<Vec<String>> {
    let rest = flat_text::strip_activity_word(line)?;
    if rest.is_empty() || !rest.starts_with(char::is_uppercase) || rest.chars().count() > 120 {
        return None;
    }
    let mut parties: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    for c in rest.chars() {
        // A new party starts where a capital follows a lower-case letter.
        if c.is_uppercase() && previous.is_some_and(char::is_lowercase) || parties.is_empty() {
            parties.push(String::new());
        }
        if let Some(last) = parties.last_mut() {
            last.push(c);
        }
        previous = Some(c);
    }
    let parties: Vec<String> = parties.iter().map(|p| p.trim().to_owned()).collect();
    (parties.len() >= 2 && parties.iter().all(|p| !p.is_empty())).then_some(parties)
}

/// Reads the page.
pub(crate) fn read(text: &str) -> Parsed {
    let lines = flat_text::lines(text);
    let mut parsed = Parsed {
        meta: flat_text::metadata(&lines),
        blocks: Vec::new(),
    };
    let mut table: Option<Table> = None;
    for &(span, line) in &lines {
        if let Some(parties) = header_parties(line) {
            flat_text::flush(&mut parsed, &mut table);
            let word_len =
                line.chars().count() - parties.iter().map(|p| p.chars().count()).sum::<usize>();
            let mut header = vec![Cell::new(
                &line[..line.len() - parties.concat().len()],
                span,
            )];
            let mut column = span.column + word_len as u32;
            for party in parties {
                let len = party.chars().count() as u32;
                header.push(Cell::new(party, Span::new(span.line, column, len)));
                column += len;
            }
            table = Some(Table {
                header,
                span,
                layout: Layout::Flattened,
                ..Table::default()
            });
            continue;
        }
        if let Some(heading) = flat_text::heading(line, span) {
            flat_text::flush(&mut parsed, &mut table);
            parsed.blocks.push(heading);
            continue;
        }
        let party_count = table
            .as_ref()
            .map_or(0, |t| t.header.len().saturating_sub(1));
        match (table.as_mut(), split_glued(line, party_count)) {
            (Some(table), Some(split)) => {
                let text_len = split.text.chars().count() as u32;
                let mut cells = vec![Cell::new(
                    split.text,
                    Span::new(span.line, span.column, text_len),
                )];
                let mut column = span.column + text_len;
                for group in split.groups {
                    let len = group.chars().count() as u32;
                    cells.push(Cell::new(group, Span::new(span.line, column, len)));
                    column += len;
                }
                let cell_count = cells.len();
                table.rows.push(Row {
                    cells,
                    span,
                    cell_count,
                    ..Row::default()
                });
            }
            _ => {
                flat_text::flush(&mut parsed, &mut table);
                if !flat_text::is_chrome(line) {
                    parsed.blocks.push(flat_text::paragraph(line, span));
                }
            }
        }
    }
    flat_text::flush(&mut parsed, &mut table);
    parsed
}

/// An activity line split into its text and its groups of letters.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct GluedRow<'a> {
    pub text: &'a str,
    pub groups: Vec<&'a str>,
}

/// Splits the role letters off the end of `line` and into at most
/// `party_count` groups, choosing among all readings the one RACI makes most
/// plausible: a party is not both R and I, nor A and I; C rarely sits with R
/// or A; letters are written R A C I; fewer groups are simpler; and the text
/// keeps a trailing acronym (`…by using APIRA` is `API` + `RA`).
pub(crate) fn split_glued(line: &str, party_count: usize) -> Option<GluedRow<'_>> {
    if party_count == 0 {
        return None;
    }
    let suffix_len = line
        .chars()
        .rev()
        .take_while(|c| matches!(c, 'R' | 'A' | 'C' | 'I' | 'S'))
        .take(5 * party_count.min(4))
        .count();
    let mut best: Option<(u32, GluedRow<'_>)> = None;
    for letters_len in 1..=suffix_len {
        let cut = line.len() - letters_len; // role letters are ASCII
        let (text, letters) = line.split_at(cut);
        let text = text.trim_end();
        if !text.chars().any(char::is_lowercase) {
            continue;
        }
        let Some(boundary) = boundary_penalty(text) else {
            continue;
        };
        if let Some((grouping, groups)) = best_grouping(letters, party_count) {
            let score = boundary + grouping;
            if best
                .as_ref()
                .is_none_or(|(best_score, _)| score < *best_score)
            {
                best = Some((score, GluedRow { text, groups }));
            }
        }
    }
    best.map(|(_, row)| row)
}

/// How unlikely it is that the activity text ends where it would: after a
/// lower-case letter, a digit or punctuation it is natural; after capitals
/// only when they form a known acronym. `None` when the text would end in the
/// middle of a word.
fn boundary_penalty(text: &str) -> Option<u32> {
    let last = text.chars().last()?;
    if !last.is_uppercase() {
        return Some(0);
    }
    let word_start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_uppercase())
        .map_or(0, |(at, c)| at + c.len_utf8());
    let capitals = &text[word_start..];
    let follows_lower = text[..word_start]
        .chars()
        .last()
        .is_some_and(char::is_lowercase);
    if vocabulary::is_acronym(capitals) && !follows_lower {
        Some(0)
    } else if capitals.chars().count() == 1 && !follows_lower {
        // A one-letter word such as a plan name (`Model : S , M or L`).
        Some(2)
    } else {
        Some(6)
    }
}

/// The best way to cut `letters` into at most `party_count` groups, with its penalty.
fn best_grouping(letters: &str, party_count: usize) -> Option<(u32, Vec<&str>)> {
    let mut best: Option<(u32, Vec<&str>)> = None;
    let len = letters.len();
    // Each bit of `cuts` says whether a group ends after that letter.
    for cuts in 0u32..(1 << (len - 1)) {
        if cuts.count_ones() as usize + 1 > party_count {
            continue;
        }
        let mut groups = Vec::new();
        let mut start = 0;
        for at in 1..=len {
            if at == len || cuts & (1 << (at - 1)) != 0 {
                groups.push(&letters[start..at]);
                start = at;
            }
        }
        let Some(penalty) = groups.iter().map(|g| group_penalty(g)).sum::<Option<u32>>() else {
            continue;
        };
        let penalty = penalty + cuts.count_ones();
        if best.as_ref().is_none_or(|(b, _)| penalty < *b) {
            best = Some((penalty, groups));
        }
    }
    best
}

/// How implausible one party's group of letters is; `None` when impossible
/// (a letter twice).
fn group_penalty(group: &str) -> Option<u32> {
    let has = |c| group.contains(c);
    let mut seen = String::new();
    for c in group.chars() {
        if seen.contains(c) {
            return None;
        }
        seen.push(c);
    }
    let mut penalty = 0;
    if has('I') && (has('R') || has('A')) {
        penalty += 3;
    }
    if has('C') && (has('R') || has('A')) {
        penalty += 2;
    }
    let order = |c| "RASCI".find(c).unwrap_or(0);
    if group
        .chars()
        .zip(group.chars().skip(1))
        .any(|(a, b)| order(a) > order(b))
    {
        penalty += 1;
    }
    Some(penalty)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> (String, Vec<String>) {
        let row = split_glued(line, 2).expect("splits");
        (
            row.text.to_owned(),
            row.groups.iter().map(|g| g.to_string()).collect(),
        )
    }

    #[test]
    fn header_rows_give_the_parties() {
        assert_eq!(
            header_parties("ActivityCustomerProvider").unwrap(),
            ["Customer", "Provider"]
        );
        assert_eq!(
            header_parties("ActivitéClientCloud Temple").unwrap(),
            ["Client", "Cloud Temple"]
        );
        assert_eq!(
            header_parties("ActivityCustomerOVHcloud").unwrap(),
            ["Customer", "OVHcloud"]
        );
        assert!(header_parties("Activity").is_none());
        assert!(header_parties("Activity log").is_none());
    }

    #[test]
    fn splits_letters_into_plausible_groups() {
        assert_eq!(
            split("Pick the regionRAI"),
            ("Pick the region".into(), vec!["RA".into(), "I".into()])
        );
        assert_eq!(
            split("Watch the disksIRA"),
            ("Watch the disks".into(), vec!["I".into(), "RA".into()])
        );
        assert_eq!(
            split("Patch the hostsIAR"),
            ("Patch the hosts".into(), vec!["I".into(), "AR".into()])
        );
        assert_eq!(
            split("Read the manualRACI"),
            ("Read the manual".into(), vec!["RA".into(), "CI".into()])
        );
        assert_eq!(
            split("Rotate the logsRA"),
            ("Rotate the logs".into(), vec!["RA".into()])
        );
    }

    #[test]
    fn keeps_trailing_acronyms_in_the_text() {
        assert_eq!(
            split("Read the logs through the APIRA"),
            ("Read the logs through the API".into(), vec!["RA".into()])
        );
        assert_eq!(split("Open the web UIRA").0, "Open the web UI");
        assert_eq!(split("Pick a plan (S, M or L)RAI").1, vec!["RA", "I"]);
    }

    #[test]
    fn lines_without_letters_are_not_rows() {
        assert!(split_glued("Go further", 2).is_none());
        assert!(split_glued("RA", 2).is_none());
        assert!(split_glued("Anything", 0).is_none());
    }
}
