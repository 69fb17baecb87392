//! `raci diff OLD NEW`: what changed, activity by activity, with each
//! party's role changes; exit 1 on role changes for CI gates.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use raci_align::{roles_or_dash, Change, ChangeKind, Diff};
use raci_model::Activity;

use crate::args::{DiffArgs, DiffBy, DiffFormat, FailOn, Global};
use crate::exit::Outcome;
use crate::{input, output};

pub fn run(args: &DiffArgs, global: &Global) -> Result<Outcome> {
    if args.by == DiffBy::Control {
        return crate::commands::controls::diff(args, global);
    }
    let old = input::load(&args.old, None)?;
    let new = input::load(&args.new, None)?;
    let alignment = raci_align::align(&old.document, &new.document);
    let diff = raci_align::diff(&old.document, &new.document, &alignment);
    let text = match args.format {
        DiffFormat::Json => serde_json::to_string_pretty(&diff)?,
        DiffFormat::Markdown => markdown(&diff, args.all),
        DiffFormat::Human => human(&diff, args.all, output::color_enabled(global), global.quiet),
    };
    output::print(&text);
    let failed = match args.fail_on {
        FailOn::Roles => diff.roles_changed(),
        FailOn::Any => diff.any_change(),
        FailOn::Never => false,
    };
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn the_activity(change: &Change) -> Option<&Activity> {
    change.new.as_ref().or(change.old.as_ref())
}

/// `Customer: RA → —, OVHcloud: — → RA`.
fn role_changes(change: &Change) -> String {
    change
        .roles
        .iter()
        .map(|r| {
            format!(
                "{}: {} → {}",
                r.party,
                roles_or_dash(r.old),
                roles_or_dash(r.new)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Customer RA · OVHcloud I`.
fn roles_of(activity: &Activity) -> String {
    activity
        .roles
        .iter()
        .map(|(party, roles)| format!("{party} {roles}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn lines(change: &Change) -> String {
    match (&change.old, &change.new) {
        (Some(a), Some(b)) => format!("line {} → {}", a.source.line, b.source.line),
        (Some(a), None) => format!("line {}", a.source.line),
        (None, Some(b)) => format!("line {}", b.source.line),
        (None, None) => String::new(),
    }
}

fn summary(diff: &Diff) -> String {
    let count = |kind| diff.changes.iter().filter(|c| c.kind == kind).count();
    let with_roles = diff.changes.iter().filter(|c| !c.roles.is_empty()).count();
    format!(
        "{} unchanged, {} changed ({} with role changes), {} added, {} removed",
        count(ChangeKind::Unchanged),
        count(ChangeKind::Changed),
        with_roles,
        count(ChangeKind::Added),
        count(ChangeKind::Removed)
    )
}

/// `Managed Kubernetes (en, 2023-07-05)`: a document in a diff's header.
pub fn header(h: &raci_align::DocumentHeader) -> String {
    format!(
        "{} ({}, {})",
        h.title.as_deref().unwrap_or("untitled"),
        h.language.as_deref().unwrap_or("?"),
        h.edition.as_deref().unwrap_or("no date")
    )
}

fn human(diff: &Diff, all: bool, color: bool, quiet: bool) -> String {
    let paint = |style: Style, text: &str| {
        if color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    };
    let heading = Style::new().bold();
    let mut out = String::new();
    if !quiet {
        let _ = writeln!(
            out,
            "{}",
            paint(heading, &format!("--- {}", header(&diff.old)))
        );
        let _ = writeln!(
            out,
            "{}",
            paint(heading, &format!("+++ {}", header(&diff.new)))
        );
    }
    let mut section: Option<String> = None;
    for change in &diff.changes {
        if change.kind == ChangeKind::Unchanged && !all {
            continue;
        }
        let Some(activity) = the_activity(change) else {
            continue;
        };
        let this_section = activity.section.join(" > ");
        if section.as_deref() != Some(this_section.as_str()) {
            let _ = writeln!(
                out,
                "\n{}",
                paint(
                    heading,
                    if this_section.is_empty() {
                        "(no section)"
                    } else {
                        &this_section
                    }
                )
            );
            section = Some(this_section);
        }
        let (mark, style) = match change.kind {
            ChangeKind::Added => ("+", Style::new().fg_color(Some(AnsiColor::Green.into()))),
            ChangeKind::Removed => ("-", Style::new().fg_color(Some(AnsiColor::Red.into()))),
            ChangeKind::Changed => ("~", Style::new().fg_color(Some(AnsiColor::Yellow.into()))),
            ChangeKind::Unchanged => ("=", Style::new().dimmed()),
        };
        let _ = writeln!(
            out,
            "  {} {}  ({})",
            paint(style, mark),
            activity.text,
            lines(change)
        );
        match change.kind {
            ChangeKind::Added | ChangeKind::Removed => {
                let _ = writeln!(out, "      {}", roles_of(activity));
            }
            _ => {
                for role in &change.roles {
                    let _ = writeln!(
                        out,
                        "      {}: {} → {}",
                        role.party,
                        paint(
                            Style::new().fg_color(Some(AnsiColor::Red.into())),
                            &roles_or_dash(role.old)
                        ),
                        paint(
                            Style::new().fg_color(Some(AnsiColor::Green.into())),
                            &roles_or_dash(role.new)
                        )
                    );
                }
                if change.text_changed {
                    if let Some(old) = &change.old {
                        let _ = writeln!(out, "      text was: {}", old.text);
                    }
                }
                if change.section_changed {
                    if let Some(old) = &change.old {
                        let _ = writeln!(out, "      moved from: {}", old.section.join(" > "));
                    }
                }
                if !change.merged.is_empty() {
                    let _ = writeln!(out, "      merged with: {}", change.merged.join(", "));
                }
                if !change.split.is_empty() {
                    let _ = writeln!(out, "      split into: {}", change.split.join(", "));
                }
            }
        }
    }
    if !quiet {
        let _ = writeln!(out, "\n{}", summary(diff));
    }
    out
}

fn markdown(diff: &Diff, all: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| change | where | activity | roles |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    for change in &diff.changes {
        if change.kind == ChangeKind::Unchanged && !all {
            continue;
        }
        let Some(activity) = the_activity(change) else {
            continue;
        };
        let roles = match change.kind {
            ChangeKind::Added | ChangeKind::Removed => roles_of(activity),
            _ => role_changes(change),
        };
        let kind = match change.kind {
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::Changed => "changed",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
        };
        let _ = writeln!(
            out,
            "| {kind} | {} | {} | {} |",
            lines(change),
            activity.text.replace('|', "\\|"),
            roles.replace('|', "\\|")
        );
    }
    let _ = writeln!(out, "\n{}", summary(diff));
    out
}
