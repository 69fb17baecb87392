//! `raci controls FILE`: per security control, the activities that bear on
//! it, each party's letters and who owns the control. Also what the other
//! commands need of controls: the compliance formats `raci convert` writes
//! (`oscal-ssp`, `fedramp-crm`, `caiq`), `raci diff --by control`, and the
//! workbooks `raci parse` reads back.

use std::fmt::Write as _;
use std::path::Path;

use anstyle::{AnsiColor, Style};
use anyhow::{anyhow, bail, Context, Result};
use raci_controls::{
    letters, ownership_line, ControlChangeKind, ControlsDiff, ControlsView, Framework, Ownership,
    Share, Source,
};
use raci_ingest::InputFormat;
use raci_model::Document;

use crate::args::{
    ControlsArgs, ControlsFormat, DiffArgs, DiffFormat, FailOn, FrameworkArg, Global, OutputFormat,
};
use crate::commands::diff::header;
use crate::exit::Outcome;
use crate::{input, output};

pub fn run(args: &ControlsArgs, global: &Global) -> Result<Outcome> {
    let viewed = load(&args.file, args.framework.map(framework), args.input_format)?;
    let text = match args.format {
        ControlsFormat::Json => serde_json::to_string_pretty(&viewed.view)?,
        ControlsFormat::Markdown => viewed.view.to_markdown(),
        ControlsFormat::Human => human(&viewed.view, output::color_enabled(global), global.quiet),
    };
    output::print(&text);
    Ok(Outcome::Clean)
}

pub fn framework(arg: FrameworkArg) -> Framework {
    match arg {
        FrameworkArg::Nist80053 => Framework::Nist80053,
        FrameworkArg::Ccm => Framework::Ccm,
    }
}

/// A file seen as controls.
pub struct Viewed {
    pub view: ControlsView,
    /// The matrix, when the file was one (a workbook holds none).
    pub document: Option<Document>,
}

/// A FedRAMP CIS/CRM or CAIQ workbook read back, or a matrix and its
/// controls view in `framework` (NIST SP 800-53 when `None`).
pub fn load(
    path: &Path,
    framework: Option<Framework>,
    input_format: Option<InputFormat>,
) -> Result<Viewed> {
    let (name, bytes) = input::read(path)?;
    if let Some(view) = workbook(&name, &bytes, input_format)? {
        if let Some(wanted) = framework.filter(|f| *f != view.framework) {
            bail!(
                "{name}: this workbook states {} controls, not {} ones",
                view.framework.name(),
                wanted.name()
            );
        }
        return Ok(Viewed {
            view,
            document: None,
        });
    }
    let loaded = input::parse(name, bytes, input_format)?;
    let view = ControlsView::of(&loaded.document, framework.unwrap_or(Framework::Nist80053));
    Ok(Viewed {
        view,
        document: Some(loaded.document),
    })
}

/// The controls view a workbook raci wrote states, when `bytes` are one.
pub fn workbook(
    name: &str,
    bytes: &[u8],
    input_format: Option<InputFormat>,
) -> Result<Option<ControlsView>> {
    if input_format.is_some_and(|f| f != InputFormat::Xlsx) {
        return Ok(None);
    }
    raci_controls::workbook::read(bytes).map_err(|e| anyhow!("{name}: {e}"))
}

/// What a workbook read back cannot hold, said once under its view.
pub fn lost_note(view: &ControlsView) -> Option<&'static str> {
    match view.source {
        Source::Matrix => None,
        Source::FedrampCrm => Some(
            "a FedRAMP CIS/CRM workbook holds who owns each control, not a RACI matrix: the \
             activities, their R/A/C/I letters, the parties' names, the sections and the language \
             are not in it (the CRM text quotes the activities of shared and customer controls)",
        ),
        Source::Caiq => Some(
            "CAIQ SSRM columns hold who owns each CCM control, not a RACI matrix: the activities, \
             their R/A/C/I letters, the parties' names, the sections and the language are not in \
             them (the descriptions quote the activities)",
        ),
    }
}

fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_owned()
    }
}

fn ownership_style(ownership: Ownership) -> Style {
    let color = match ownership {
        Ownership::Provider => AnsiColor::Green,
        Ownership::Shared => AnsiColor::Yellow,
        Ownership::Customer => AnsiColor::Red,
        Ownership::Undetermined => AnsiColor::BrightBlack,
    };
    Style::new().fg_color(Some(color.into()))
}

/// The view for the terminal: each control, its ownership, and the
/// activities that bear on it with their letters.
pub fn human(view: &ControlsView, color: bool, quiet: bool) -> String {
    let mut out = String::new();
    let bold = Style::new().bold();
    if !quiet {
        let _ = writeln!(
            out,
            "{}",
            paint(
                color,
                bold,
                &format!(
                    "{} ({}, {}) — {}",
                    view.title.as_deref().unwrap_or("untitled"),
                    view.language.as_deref().unwrap_or("?"),
                    view.edition
                        .as_deref()
                        .map_or("no date".to_owned(), |e| format!("edition {e}")),
                    view.framework.name()
                )
            )
        );
        if let (Some(customer), Some(provider)) = (&view.customer, &view.provider) {
            let _ = writeln!(out, "customer: {customer} · provider: {provider}");
        }
    }
    let width = view
        .controls
        .iter()
        .map(|c| c.label.len())
        .max()
        .unwrap_or(0);
    for row in &view.controls {
        let _ = writeln!(
            out,
            "\n{}  {}",
            paint(color, bold, &format!("{:width$}", row.label)),
            paint(color, ownership_style(row.ownership), &ownership_line(row))
        );
        for activity in &row.activities {
            let _ = writeln!(
                out,
                "{:width$}  {} (line {}, {})",
                "", activity.text, activity.line, activity.entry
            );
            let share = match activity.share {
                Share::Unassigned => "nobody holds R or A".to_owned(),
                share => share.as_str().to_owned(),
            };
            let _ = writeln!(out, "{:width$}      {} → {share}", "", letters(activity));
        }
        for text in row.provided.iter().chain(&row.responsibilities) {
            for line in text.lines() {
                let _ = writeln!(out, "{:width$}  {line}", "");
            }
        }
    }
    if !quiet {
        let _ = writeln!(out, "\n{}", view.summary());
    }
    out
}

/// `raci convert` to `oscal-ssp`, `fedramp-crm` or `caiq`: the bytes, what
/// they hold (`17 controls`), and notes on what was left out.
pub fn export(
    document: &Document,
    format: OutputFormat,
    profile: Option<&str>,
) -> Result<(Vec<u8>, String, Vec<String>)> {
    if profile.is_some() && format != OutputFormat::OscalSsp {
        bail!("`--profile` goes with `--to oscal-ssp` only");
    }
    let mut notes = Vec::new();
    let written = |view: &ControlsView| {
        let [provider, shared, customer, _] = view.counts();
        format!(
            "{} controls of {}",
            provider + shared + customer,
            view.framework.name()
        )
    };
    let (bytes, what) = match format {
        OutputFormat::OscalSsp => {
            let options = ssp_options(profile)?;
            let plan = raci_oscal::ssp::leveraged_ssp(document, &options);
            if !plan.outside_profile.is_empty() {
                notes.push(format!(
                    "left out, as the profile does not include them: {}",
                    plan.outside_profile.join(", ")
                ));
            }
            if !plan.undetermined.is_empty() {
                notes.push(format!(
                    "left out, as no activity bearing on them has an owner (R or A): {}",
                    plan.undetermined.join(", ")
                ));
            }
            let count = plan.value["system-security-plan"]["control-implementation"]
                ["implemented-requirements"]
                .as_array()
                .map_or(0, Vec::len);
            if count == 0 {
                bail!(
                    "no control to write: a system security plan needs at least one, and {}",
                    if notes.is_empty() {
                        "no activity bears on a control of NIST SP 800-53 rev5".to_owned()
                    } else {
                        notes.join("; ")
                    }
                );
            }
            (
                format!("{}\n", serde_json::to_string_pretty(&plan.value)?).into_bytes(),
                format!("{count} controls of {}", Framework::Nist80053.name()),
            )
        }
        OutputFormat::FedrampCrm => {
            let view = ControlsView::of(document, Framework::Nist80053);
            (raci_controls::workbook::crm::write(&view)?, written(&view))
        }
        OutputFormat::Caiq => {
            let view = ControlsView::of(document, Framework::Ccm);
            (raci_controls::workbook::caiq::write(&view)?, written(&view))
        }
        other => bail!("{other:?} is not a controls format"),
    };
    Ok((bytes, what, notes))
}

/// `--profile`: a URL is written as it is; a file is read for its title and
/// controls, and its path written as given.
fn ssp_options(profile: Option<&str>) -> Result<raci_oscal::ssp::SspOptions> {
    let Some(profile) = profile else {
        return Ok(raci_oscal::ssp::SspOptions {
            profile_href: raci_oscal::ssp::MODERATE_BASELINE_HREF.to_owned(),
            profile: None,
        });
    };
    if profile.starts_with("https://") || profile.starts_with("http://") {
        return Ok(raci_oscal::ssp::SspOptions {
            profile_href: profile.to_owned(),
            profile: None,
        });
    }
    let (name, bytes) = input::read(Path::new(profile))?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .with_context(|| format!("{name}: not JSON (an OSCAL profile in JSON was expected)"))?;
    let info = raci_oscal::ssp::profile_info(&value).map_err(|e| anyhow!("{name}: {e}"))?;
    Ok(raci_oscal::ssp::SspOptions {
        profile_href: profile.to_owned(),
        profile: Some(info),
    })
}

/// `raci diff OLD NEW --by control`: ownership changes per control.
pub fn diff(args: &DiffArgs, global: &Global) -> Result<Outcome> {
    let framework = framework(args.framework);
    let old = load(&args.old, Some(framework), None)?;
    let new = load(&args.new, Some(framework), None)?;
    let pairs: Vec<(usize, usize)> = match (&old.document, &new.document) {
        (Some(a), Some(b)) => raci_align::align(a, b)
            .pairs
            .iter()
            .flat_map(|pair| {
                pair.old
                    .iter()
                    .flat_map(move |o| pair.new.iter().map(move |n| (*o, *n)))
            })
            .collect(),
        _ => Vec::new(),
    };
    let diff = ControlsDiff::between(&old.view, &new.view, &pairs);
    let text = match args.format {
        DiffFormat::Json => serde_json::to_string_pretty(&diff)?,
        DiffFormat::Markdown => diff_markdown(&diff, args.all),
        DiffFormat::Human => {
            diff_human(&diff, args.all, output::color_enabled(global), global.quiet)
        }
    };
    output::print(&text);
    let failed = match args.fail_on {
        FailOn::Roles | FailOn::Any => diff.ownership_changed(),
        FailOn::Never => false,
    };
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn owned(owned: Option<&raci_controls::Owned>) -> String {
    match owned {
        None => "—".to_owned(),
        Some(o) => match o.inheritable {
            Some(i) => format!("{} ({})", o.ownership.as_str(), i.as_str()),
            None => o.ownership.as_str().to_owned(),
        },
    }
}

fn share(share: Option<Share>) -> &'static str {
    share.map_or("—", Share::as_str)
}

fn diff_human(diff: &ControlsDiff, all: bool, color: bool, quiet: bool) -> String {
    let mut out = String::new();
    let bold = Style::new().bold();
    if !quiet {
        let _ = writeln!(
            out,
            "{}",
            paint(color, bold, &format!("--- {}", header(&diff.old)))
        );
        let _ = writeln!(
            out,
            "{}",
            paint(color, bold, &format!("+++ {}", header(&diff.new)))
        );
        let _ = writeln!(out, "{}\n", diff.framework.name());
    }
    for change in &diff.changes {
        if change.kind == ControlChangeKind::Unchanged && !all {
            continue;
        }
        let (mark, style) = match change.kind {
            ControlChangeKind::Added => ("+", Style::new().fg_color(Some(AnsiColor::Green.into()))),
            ControlChangeKind::Removed => ("-", Style::new().fg_color(Some(AnsiColor::Red.into()))),
            ControlChangeKind::Changed => {
                ("~", Style::new().fg_color(Some(AnsiColor::Yellow.into())))
            }
            ControlChangeKind::Unchanged => ("=", Style::new().dimmed()),
        };
        let _ = writeln!(
            out,
            "  {} {}  {} → {}",
            paint(color, style, mark),
            paint(color, bold, &change.label),
            owned(change.old.as_ref()),
            owned(change.new.as_ref())
        );
        for moved in &change.moves {
            let lines = match (moved.old_line, moved.new_line) {
                (Some(a), Some(b)) => format!("line {a} → {b}"),
                (Some(a), None) => format!("line {a}"),
                (None, Some(b)) => format!("line {b}"),
                (None, None) => String::new(),
            };
            let _ = writeln!(
                out,
                "      {}: {} → {}  ({lines})",
                moved.text,
                share(moved.old),
                share(moved.new)
            );
        }
    }
    if !quiet {
        let _ = writeln!(out, "\n{}", diff.summary());
    }
    out
}

fn diff_markdown(diff: &ControlsDiff, all: bool) -> String {
    let cell = |t: &str| t.replace('|', "\\|");
    let mut out = String::new();
    let _ = writeln!(out, "| change | control | before | after | activities |");
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for change in &diff.changes {
        if change.kind == ControlChangeKind::Unchanged && !all {
            continue;
        }
        let kind = match change.kind {
            ControlChangeKind::Unchanged => "unchanged",
            ControlChangeKind::Changed => "changed",
            ControlChangeKind::Added => "added",
            ControlChangeKind::Removed => "removed",
        };
        let moves: Vec<String> = change
            .moves
            .iter()
            .map(|m| format!("{}: {} → {}", cell(&m.text), share(m.old), share(m.new)))
            .collect();
        let _ = writeln!(
            out,
            "| {kind} | {} | {} | {} | {} |",
            change.label,
            owned(change.old.as_ref()),
            owned(change.new.as_ref()),
            if moves.is_empty() {
                "—".to_owned()
            } else {
                moves.join("<br>")
            }
        );
    }
    let _ = writeln!(out, "\n{}", diff.summary());
    out
}
