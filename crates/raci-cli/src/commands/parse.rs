//! `raci parse FILE`: the canonical model of one matrix.

use std::fmt::Write as _;

use anyhow::Result;
use raci_model::{Document, Role};

use crate::args::{Global, ParseArgs, ParseFormat};
use crate::commands::controls;
use crate::exit::Outcome;
use crate::{input, output};

pub fn run(args: &ParseArgs, global: &Global) -> Result<Outcome> {
    let (name, bytes) = input::read(&args.file)?;
    // A FedRAMP CIS/CRM or CAIQ workbook holds controls, not a matrix: it
    // reads back into the controls view.
    if let Some(view) = controls::workbook(&name, &bytes, args.input_format)? {
        return workbook(&name, &view, args.format, global);
    }
    let mut loaded = input::parse(name, bytes, args.input_format)?;
    if let Some(reference_path) = &args.reference {
        let reference = input::load(reference_path, None)?;
        let report = raci_align::resolve_from_reference(
            &mut loaded.document,
            &reference.document,
            &reference.name,
        );
        if !global.quiet {
            output::note(&format!(
                "{}: {} doubtful rows settled from {}, {} in conflict with it, {} without a counterpart",
                loaded.name, report.resolved, reference.name, report.conflicting, report.unmatched
            ));
        }
    }
    let document = &loaded.document;
    let text = match args.format {
        ParseFormat::Json => document.to_json(),
        ParseFormat::Yaml => document.to_yaml()?,
        ParseFormat::Human => summary(document),
    };
    output::print(&text);
    Ok(Outcome::Clean)
}

fn workbook(
    name: &str,
    view: &raci_controls::ControlsView,
    format: ParseFormat,
    global: &Global,
) -> Result<Outcome> {
    if let (Some(lost), false) = (controls::lost_note(view), global.quiet) {
        output::note(&format!("{name}: {lost}"));
    }
    let text = match format {
        ParseFormat::Json => serde_json::to_string_pretty(view)?,
        ParseFormat::Yaml => serde_norway::to_string(view)?,
        ParseFormat::Human => controls::human(view, output::color_enabled(global), global.quiet),
    };
    output::print(&text);
    Ok(Outcome::Clean)
}

/// A short account of the document: what it is, who its parties are, and how
/// the roles fall per section.
pub fn summary(document: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", document.title.as_deref().unwrap_or("(untitled)"));
    let _ = writeln!(
        out,
        "  format: {}, language: {}, edition: {}",
        if document.facts.format.is_empty() {
            "canonical"
        } else {
            &document.facts.format
        },
        document.language.as_deref().unwrap_or("unknown"),
        document.edition.as_deref().unwrap_or("unknown"),
    );
    let _ = writeln!(out, "  parties: {}", document.parties.join(", "));
    let _ = writeln!(out, "  activities: {}", document.activities.len());
    for (index, party) in document.parties.iter().enumerate() {
        let uses_s = document.activities.iter().any(|a| {
            a.roles
                .values()
                .any(|roles| roles.contains(Role::Supportive))
        });
        let counts: Vec<String> = Role::ALL
            .into_iter()
            .filter(|role| *role != Role::Supportive || uses_s)
            .map(|role| {
                let count = document
                    .activities
                    .iter()
                    .filter(|a| document.roles_of(a, index).contains(role))
                    .count();
                format!("{}={count}", role.letter())
            })
            .collect();
        let _ = writeln!(out, "    {party}: {}", counts.join(" "));
    }
    let _ = writeln!(out, "  sections:");
    let mut last: Option<&[String]> = None;
    let mut count = 0;
    let flush = |out: &mut String, section: Option<&[String]>, count: usize| {
        if let Some(section) = section {
            let name = if section.is_empty() {
                "(no section)".to_owned()
            } else {
                section.join(" > ")
            };
            let _ = writeln!(out, "    {count:>3}  {name}");
        }
    };
    for activity in &document.activities {
        if last != Some(activity.section.as_slice()) {
            flush(&mut out, last, count);
            last = Some(&activity.section);
            count = 0;
        }
        count += 1;
    }
    flush(&mut out, last, count);
    rows(document, &mut out);
    out
}

/// Every row under its section: line, activity, each party's letters; then
/// what the letters mean.
fn rows(document: &Document, out: &mut String) {
    let _ = writeln!(out, "  rows:");
    let width = document
        .activities
        .iter()
        .map(|a| a.text.chars().count().min(60))
        .max()
        .unwrap_or(0);
    let mut last: Option<&[String]> = None;
    for activity in &document.activities {
        if last != Some(activity.section.as_slice()) {
            let name = if activity.section.is_empty() {
                "(no section)".to_owned()
            } else {
                activity.section.join(" › ")
            };
            let _ = writeln!(out, "    {name}");
            last = Some(&activity.section);
        }
        let roles: Vec<String> = document
            .parties
            .iter()
            .enumerate()
            .map(|(index, party)| {
                let roles = document.roles_of(activity, index);
                format!(
                    "{party} {}",
                    if roles.is_empty() {
                        "—".to_owned()
                    } else {
                        roles.to_string()
                    }
                )
            })
            .collect();
        let text: String = if activity.text.chars().count() > 60 {
            activity.text.chars().take(59).chain(['…']).collect()
        } else {
            activity.text.clone()
        };
        let _ = writeln!(
            out,
            "      {:>4}  {text:<width$}  {}",
            activity.source.line,
            roles.join(" · ")
        );
    }
    let language = document.language.as_deref().unwrap_or("en");
    let legend: Vec<String> = Role::ALL
        .into_iter()
        .map(|role| {
            let meaning = role.meaning(language);
            format!("{} {}: {}", role.letter(), meaning.name, meaning.meaning)
        })
        .collect();
    let _ = writeln!(out, "  letters: {}", legend.join("; "));
}
