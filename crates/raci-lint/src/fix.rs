//! Applying the fixes findings carry to the source they were found in, the
//! way `ruff --fix` does: non-overlapping edits at once, then lint again and
//! repeat, until nothing fixable is left (or a bound on passes is reached).

use std::ops::Range;

use raci_diagnostics::{Applicability, Diagnostic, Fix};
use raci_model::Span;

/// Passes over one text at most: each pass applies every fix that does not
/// overlap another, so a few passes settle any real page.
pub const MAX_PASSES: usize = 10;

/// The byte range of `span` in `source`: the 1-based line, from the 1-based
/// character column, `span.len` characters. `None` when the span is not
/// inside its line (a fix is then not applied).
pub fn byte_range(source: &str, span: Span) -> Option<Range<usize>> {
    let line_index = usize::try_from(span.line).ok()?.checked_sub(1)?;
    let line_start = if line_index == 0 {
        0
    } else {
        source
            .match_indices('\n')
            .nth(line_index - 1)
            .map(|(at, _)| at + 1)?
    };
    let line_end = source[line_start..]
        .find('\n')
        .map_or(source.len(), |at| line_start + at);
    let line = source[line_start..line_end].trim_end_matches('\r');
    let first = usize::try_from(span.column).ok()?.checked_sub(1)?;
    let mut chars = line.char_indices().map(|(at, _)| at).chain([line.len()]);
    let start = chars.nth(first)?;
    let end = if span.len == 0 {
        start
    } else {
        chars.nth(usize::try_from(span.len).ok()? - 1)?
    };
    Some(line_start + start..line_start + end)
}

/// Whether `fix` may be applied when unsafe fixes are (or are not) allowed.
pub fn allowed(fix: &Fix, unsafe_fixes: bool) -> bool {
    fix.applicability == Applicability::Safe || unsafe_fixes
}

/// Applies, in one pass, the allowed fixes of `diagnostics` that do not
/// overlap an earlier one. Returns the new text and the diagnostics fixed.
pub fn apply_once<'d>(
    source: &str,
    diagnostics: &'d [Diagnostic],
    unsafe_fixes: bool,
) -> (String, Vec<&'d Diagnostic>) {
    let mut edits: Vec<(Range<usize>, &'d Diagnostic)> = diagnostics
        .iter()
        .filter_map(|diagnostic| {
            let fix = diagnostic.fix.as_ref()?;
            if !allowed(fix, unsafe_fixes) {
                return None;
            }
            Some((byte_range(source, fix.span)?, diagnostic))
        })
        .collect();
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut chosen: Vec<(Range<usize>, &'d Diagnostic)> = Vec::new();
    for (range, diagnostic) in edits {
        let overlaps = chosen.last().is_some_and(|(last, _)| {
            range.start < last.end || (range.start == last.start && range.is_empty())
        });
        if !overlaps {
            chosen.push((range, diagnostic));
        }
    }
    let mut text = source.to_owned();
    for (range, diagnostic) in chosen.iter().rev() {
        if let Some(fix) = &diagnostic.fix {
            text.replace_range(range.clone(), &fix.replacement);
        }
    }
    (text, chosen.into_iter().map(|(_, d)| d).collect())
}

/// The outcome of fixing one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fixed {
    /// The text with every fix applied.
    pub text: String,
    /// The findings fixed, in the order they were.
    pub fixed: Vec<Diagnostic>,
    /// What is left: the findings of the fixed text.
    pub remaining: Vec<Diagnostic>,
}

/// Fixes `source` until no allowed fix is left: `lint` gives the findings of
/// a text (`None` when the text can no longer be read, which stops the
/// fixing at the last text that could).
pub fn fix_all(
    source: &str,
    unsafe_fixes: bool,
    lint: &dyn Fn(&str) -> Option<Vec<Diagnostic>>,
) -> Fixed {
    let mut text = source.to_owned();
    let mut fixed = Vec::new();
    let Some(mut remaining) = lint(&text) else {
        return Fixed {
            text,
            ..Fixed::default()
        };
    };
    for _ in 0..MAX_PASSES {
        let (next, applied) = apply_once(&text, &remaining, unsafe_fixes);
        if applied.is_empty() || next == text {
            break;
        }
        let Some(found) = lint(&next) else {
            break;
        };
        fixed.extend(applied.into_iter().cloned());
        text = next;
        remaining = found;
    }
    Fixed {
        text,
        fixed,
        remaining,
    }
}

#[cfg(test)]
mod tests {
    use raci_diagnostics::Severity;

    use super::*;

    fn with_fix(line: u32, column: u32, len: u32, replacement: &str, safe: bool) -> Diagnostic {
        let span = Span::new(line, column, len);
        let fix = if safe {
            Fix::safe("f", span, replacement)
        } else {
            Fix::unsafe_edit("f", span, replacement)
        };
        Diagnostic::new("RACI005", "x", Severity::Warning, span, "m").with_fix(fix)
    }

    #[test]
    fn spans_become_byte_ranges_counting_characters() {
        let text = "ab\r\n| é | IR |\nend";
        assert_eq!(byte_range(text, Span::new(2, 7, 2)), Some(11..13));
        assert_eq!(&text[11..13], "IR");
        assert_eq!(byte_range(text, Span::new(3, 1, 3)), Some(16..19));
        assert_eq!(byte_range(text, Span::new(3, 2, 9)), None);
        assert_eq!(byte_range(text, Span::new(9, 1, 1)), None);
        assert_eq!(byte_range(text, Span::new(0, 1, 1)), None);
    }

    #[test]
    fn one_pass_applies_safe_fixes_that_do_not_overlap() {
        let text = "| a | IR | AI |\n";
        let diagnostics = [
            with_fix(1, 7, 2, "RI", true),
            with_fix(1, 7, 2, "R", true),
            with_fix(1, 12, 2, "A", false),
        ];
        let (fixed, applied) = apply_once(text, &diagnostics, false);
        assert_eq!(fixed, "| a | RI | AI |\n");
        assert_eq!(applied.len(), 1);
        let (fixed, applied) = apply_once(text, &diagnostics, true);
        assert_eq!(fixed, "| a | RI | A |\n");
        assert_eq!(applied.len(), 2);
    }

    #[test]
    fn fixing_repeats_until_nothing_is_left_and_stops_on_unreadable_text() {
        // A toy linter: every `IR` is fixable to `RI`, one at a time.
        let lint = |text: &str| -> Option<Vec<Diagnostic>> {
            if text.contains('!') {
                return None;
            }
            Some(
                text.find("IR")
                    .map(|at| with_fix(1, at as u32 + 1, 2, "RI", true))
                    .into_iter()
                    .collect(),
            )
        };
        let result = fix_all("IR IR IR", false, &lint);
        assert_eq!(result.text, "RI RI RI");
        assert_eq!(result.fixed.len(), 3);
        assert!(result.remaining.is_empty());
        let result = fix_all("IR !", false, &lint);
        assert_eq!(result.text, "IR !");
        assert!(result.fixed.is_empty());
    }
}
