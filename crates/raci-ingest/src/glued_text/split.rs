//! Splitting the role letters glued to the end of an activity line
//! (`Choose the service locationRAI`) into the text and one group of letters
//! per non-empty cell. Every reading that gives each letter to some cell is
//! weighed; where the text keeps capitals that could be letters, or two
//! readings are as plausible, the row says so, so that no letter is ever
//! lost without a finding.

use crate::vocabulary;

/// The letters a page's cells may hold: R, A, C, I, and S only where the
/// page defines it (a RASCI legend), since capital S ends many words
/// (`IaaS`, `LLMaaS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Letters {
    supportive: bool,
}

impl Letters {
    /// The letters `text` uses: S only with a legend entry for it
    /// (`S: …`, `(S) …`) or the word `RASCI`.
    pub fn of_page(text: &str) -> Letters {
        let defines_s = text.lines().any(|line| {
            let line = line.trim_start();
            line.starts_with("(S)")
                || line
                    .strip_prefix('S')
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
        });
        Letters {
            supportive: defines_s || text.contains("RASCI"),
        }
    }

    fn is_role(self, c: char) -> bool {
        matches!(c, 'R' | 'A' | 'C' | 'I') || (self.supportive && c == 'S')
    }
}

/// An activity line split into its text and its groups of letters.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct GluedRow<'a> {
    pub text: &'a str,
    pub groups: Vec<&'a str>,
    /// Why the split is uncertain, when it is.
    pub doubt: Option<String>,
}

/// The most letters a row's cells hold together.
const MAX_LETTERS: usize = 5 * 4;

/// Splits the letters off the end of `line` into at most `party_count`
/// groups, choosing the reading RACI makes most plausible: a party is not
/// both R and I (nor, less strongly, A and I); C rarely sits with R or A;
/// letters are written R A C I; a footnote mark (`*`) closes a cell; letters
/// joined by `, ` or `/` are one cell; fewer cuts are simpler; and the text
/// ends naturally (after a small letter, a digit, punctuation, a capital no
/// cell can hold, or a known acronym written as a word: `…using APIRA` is
/// `API` + `RA`).
pub(crate) fn split_glued(
    line: &str,
    party_count: usize,
    letters: Letters,
) -> Option<GluedRow<'_>> {
    if party_count == 0 {
        return None;
    }
    let suffix = letter_suffix(line, letters, MAX_LETTERS.min(5 * party_count));
    let mut readings: Vec<Reading<'_>> = Vec::new();
    for &start in &suffix.starts {
        let text = line[..start].trim_end();
        if !text.chars().any(char::is_lowercase) {
            continue;
        }
        let (boundary, boundary_doubt) = boundary_penalty(text, letters);
        for (grouping, groups) in groupings(&line[start..], letters, party_count) {
            readings.push(Reading {
                score: boundary + grouping,
                text,
                groups,
                boundary_doubt: boundary_doubt.clone(),
            });
        }
    }
    // Lowest score first; on a tie the one giving more letters to the cells.
    readings.sort_by(|a, b| a.score.cmp(&b.score).then(a.text.len().cmp(&b.text.len())));
    let best = readings.first()?;
    let rival = readings
        .iter()
        .skip(1)
        .find(|other| other.groups != best.groups && other.score <= best.score);
    let doubt = best.boundary_doubt.clone().or_else(|| {
        rival.map(|other| {
            format!(
                "the letters could as well read `{}` as `{}`",
                other.groups.join("`, `"),
                best.groups.join("`, `"),
            )
        })
    });
    Some(GluedRow {
        text: best.text,
        groups: best.groups.clone(),
        doubt,
    })
}

/// One way to read a line.
struct Reading<'a> {
    score: u32,
    text: &'a str,
    groups: Vec<&'a str>,
    boundary_doubt: Option<String>,
}

/// Where the letters at the end of a line may start.
struct Suffix {
    /// Byte offsets where the letters may begin, the shortest suffix first.
    starts: Vec<usize>,
}

/// The run of letters (with footnote marks and `, ` or `/` between
/// letters) at the end of `line`, holding at most `max_letters` letters.
fn letter_suffix(line: &str, letters: Letters, max_letters: usize) -> Suffix {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let is_separator = |c: char| matches!(c, ',' | '/' | ' ');
    let mut starts = Vec::new();
    let mut count = 0;
    let mut at = chars.len();
    while at > 0 {
        let (offset, c) = chars[at - 1];
        let right = chars.get(at).map(|(_, c)| *c);
        let accepted = if letters.is_role(c) {
            count += 1;
            count <= max_letters
        } else if c == '*' {
            right.is_none_or(|r| letters.is_role(r) || r == '*')
        } else if is_separator(c) {
            // Only between letters: `C, I`, `C,I`, `C/I`.
            let left = at.checked_sub(2).map(|i| chars[i].1);
            let right_is_role = right.is_some_and(|r| letters.is_role(r));
            match c {
                ' ' => left == Some(',') && right_is_role,
                _ => {
                    left.is_some_and(|l| letters.is_role(l))
                        && (right_is_role || (c == ',' && right == Some(' ')))
                }
            }
        } else {
            false
        };
        if !accepted {
            break;
        }
        // A reading may start at a letter that does not continue a cell
        // written with separators (`C, I` is read whole).
        let left = at.checked_sub(2).map(|i| chars[i].1);
        // Nor right after a mark closing letters (`RA*|I*`): that mark ends a cell.
        let after_marked_letters = left == Some('*')
            && chars[..at - 1]
                .iter()
                .rev()
                .find(|(_, c)| *c != '*')
                .is_some_and(|(_, c)| letters.is_role(*c));
        if letters.is_role(c)
            && !after_marked_letters
            && !left.is_some_and(|l| l == ',' || l == '/')
        {
            let joined_by_space =
                left == Some(' ') && at.checked_sub(3).is_some_and(|i| chars[i].1 == ',');
            if !joined_by_space {
                starts.push(offset);
            }
        }
        at -= 1;
    }
    Suffix { starts }
}

/// Every way to cut `letters` into at most `party_count` groups, with its
/// penalty; a footnote mark always closes a group.
fn groupings(suffix: &str, letters: Letters, party_count: usize) -> Vec<(u32, Vec<&str>)> {
    let chars: Vec<(usize, char)> = suffix.char_indices().collect();
    // Byte offsets where a group may end, and those where one must.
    let mut optional = Vec::new();
    let mut forced = Vec::new();
    for pair in chars.windows(2) {
        let ((_, left), (offset, right)) = (pair[0], pair[1]);
        if !letters.is_role(right) {
            continue;
        }
        if left == '*' {
            forced.push(offset);
        } else if letters.is_role(left) {
            optional.push(offset);
        }
    }
    if forced.len() + 1 > party_count {
        return Vec::new();
    }
    let free = party_count - 1 - forced.len();
    let mut out = Vec::new();
    let mut chosen = Vec::new();
    choose_cuts(&optional, 0, free, &mut chosen, &mut |cuts| {
        let mut ends: Vec<usize> = cuts.iter().chain(&forced).copied().collect();
        ends.sort_unstable();
        let mut groups = Vec::new();
        let mut start = 0;
        for end in ends.iter().copied().chain([suffix.len()]) {
            groups.push(&suffix[start..end]);
            start = end;
        }
        let penalty: Option<u32> = groups.iter().map(|g| group_penalty(g, letters)).sum();
        if let Some(penalty) = penalty {
            out.push((penalty + cuts.len() as u32, groups));
        }
    });
    out
}

/// Calls `each` with every subset of `cuts[from..]` of at most `left` cuts.
fn choose_cuts(
    cuts: &[usize],
    from: usize,
    left: usize,
    chosen: &mut Vec<usize>,
    each: &mut dyn FnMut(&[usize]),
) {
    each(chosen);
    if left == 0 {
        return;
    }
    for at in from..cuts.len() {
        chosen.push(cuts[at]);
        choose_cuts(cuts, at + 1, left - 1, chosen, each);
        chosen.pop();
    }
}

/// How implausible one party's group of letters is; `None` when impossible
/// (no letter, or a letter twice).
fn group_penalty(group: &str, letters: Letters) -> Option<u32> {
    let letters: Vec<char> = group.chars().filter(|c| letters.is_role(*c)).collect();
    if letters.is_empty() {
        return None;
    }
    for (at, c) in letters.iter().enumerate() {
        if letters[..at].contains(c) {
            return None;
        }
    }
    let has = |c| letters.contains(&c);
    let mut penalty = 0;
    if has('I') && has('R') {
        penalty += 3;
    }
    if has('I') && has('A') {
        penalty += 2;
    }
    if has('C') && (has('R') || has('A')) {
        penalty += 2;
    }
    let order = |c| "RASCI".find(c).unwrap_or(0);
    if letters.windows(2).any(|w| order(w[0]) > order(w[1])) {
        penalty += 2;
    }
    Some(penalty)
}

/// How unlikely it is that the activity text ends where it would, and why
/// the row must be reported if it does: after a small letter, a digit,
/// punctuation or a capital no cell holds (`EU`, `10GB`) it is natural;
/// after capitals that could be letters, only when they form a known
/// acronym written as a word, and even then the row is reported when every
/// capital of it is a letter (`CI`, `AI`).
fn boundary_penalty(text: &str, letters: Letters) -> (u32, Option<String>) {
    let Some(last) = text.chars().last() else {
        return (0, None);
    };
    if !last.is_uppercase() {
        return (0, None);
    }
    let word_start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_uppercase())
        .map_or(0, |(at, c)| at + c.len_utf8());
    let capitals = &text[word_start..];
    let stands_alone = text[..word_start]
        .chars()
        .last()
        .is_none_or(|c| c.is_whitespace() || "([/-\"'«".contains(c));
    if !letters.is_role(last) {
        // No cell holds this capital; but a word of capitals that is no
        // acronym may have been cut short (`VP` + `CIRA` for `VPC` + `IRA`).
        let cut_short =
            stands_alone && capitals.chars().count() >= 2 && !vocabulary::is_acronym(capitals);
        return (u32::from(cut_short), None);
    }
    let all_letters = capitals.chars().all(|c| letters.is_role(c));
    let kept = || {
        Some(format!(
            "the text ends in `{capitals}`, whose capitals could be letters of the cells"
        ))
    };
    if vocabulary::is_acronym(capitals) && stands_alone {
        if all_letters {
            (1, kept())
        } else {
            (0, None)
        }
    } else if capitals.chars().count() == 1 && stands_alone {
        // A one-letter word such as a plan name (`Model : S , M or A`).
        (2, kept())
    } else {
        (10, kept())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RACI: Letters = Letters { supportive: false };

    fn split(line: &str) -> (String, Vec<String>, bool) {
        let row = split_glued(line, 2, RACI).expect("splits");
        (
            row.text.to_owned(),
            row.groups.iter().map(|g| g.to_string()).collect(),
            row.doubt.is_some(),
        )
    }

    fn groups(line: &str) -> Vec<String> {
        split(line).1
    }

    #[test]
    fn splits_letters_into_plausible_groups() {
        assert_eq!(
            split("Pick the regionRAI"),
            (
                "Pick the region".into(),
                vec!["RA".into(), "I".into()],
                false
            )
        );
        assert_eq!(groups("Watch the disksIRA"), ["I", "RA"]);
        assert_eq!(groups("Read the manualRACI"), ["RA", "CI"]);
        assert_eq!(groups("Rotate the logsRA"), ["RA"]);
        assert_eq!(groups("Process incidents (tickets)AIRA"), ["AI", "RA"]);
        assert_eq!(groups("Encrypt with the keys of the ClientAR"), ["A", "R"]);
        assert_eq!(groups("Test the restorationRIA"), ["RI", "A"]);
        assert_eq!(groups("Check the restorationAIRC"), ["AI", "RC"]);
        assert_eq!(
            groups("Encrypt the backups of the optionAIRI"),
            ["AI", "RI"]
        );
    }

    #[test]
    fn acronyms_and_units_stay_in_the_text_and_no_letter_is_lost() {
        assert_eq!(
            split("Choose the service's sizing 10GBRAI"),
            (
                "Choose the service's sizing 10GB".into(),
                vec!["RA".into(), "I".into()],
                false
            )
        );
        assert_eq!(
            split("Choose service location in EUIRA"),
            (
                "Choose service location in EU".into(),
                vec!["I".into(), "RA".into()],
                false
            )
        );
        assert_eq!(
            split("Manage availability following the SLARA").0,
            "Manage availability following the SLA"
        );
        assert_eq!(split("Run the platform (API, GPU)IRA").1, ["I", "RA"]);
        assert_eq!(split("Keep the VPC router upIRA").1, ["I", "RA"]);
        assert_eq!(split("Keep up the VPCIRA").0, "Keep up the VPC");
        assert_eq!(split("Read the logs through the APIRA").1, ["RA"]);
        assert_eq!(split("Open the web UIRA").0, "Open the web UI");
        assert_eq!(split("Host the LLMaaSIRA").0, "Host the LLMaaS");
        // `IS` ends the text: S is no letter of this page.
        assert_eq!(split("Back up the ISRA").0, "Back up the IS");
    }

    #[test]
    fn capitals_that_could_be_letters_are_reported() {
        // `CI` may be the acronym or the customer's C and I.
        let (text, _, doubtful) = split("Run the CIRA");
        assert!(doubtful, "{text}");
        let (_, _, doubtful) = split("Check the backup ACRA");
        assert!(doubtful);
        // A capital no cell holds ends the text: nothing to report.
        assert_eq!(
            split("Run the pipeline ABRA"),
            ("Run the pipeline AB".into(), vec!["RA".into()], false)
        );
    }

    #[test]
    fn marks_close_cells_and_separators_join_letters() {
        assert_eq!(groups("Back up the applicationsRA*I*"), ["RA*", "I*"]);
        assert_eq!(groups("Manage the podsRAI*"), ["RA", "I*"]);
        assert_eq!(
            split("Manage model updates (additions)C, IRA").1,
            ["C, I", "RA"]
        );
        assert_eq!(groups("Tune itC/IRA"), ["C/I", "RA"]);
    }

    #[test]
    fn supportive_only_where_the_page_defines_it() {
        let rasci = Letters::of_page("S: helps\nDo itRS");
        assert!(rasci.supportive);
        assert!(!Letters::of_page("Scale the IaaS\nR: does").supportive);
        let row = split_glued("Do itRAS", 2, rasci).unwrap();
        assert_eq!((row.text, row.groups.concat()), ("Do it", "RAS".to_owned()));
    }

    #[test]
    fn lines_without_letters_are_not_rows() {
        assert!(split_glued("Go further", 2, RACI).is_none());
        assert!(split_glued("RA", 2, RACI).is_none());
        assert!(split_glued("Anything", 0, RACI).is_none());
        assert!(split_glued("", 2, RACI).is_none());
        assert!(split_glued("*,, /", 2, RACI).is_none());
    }
}
