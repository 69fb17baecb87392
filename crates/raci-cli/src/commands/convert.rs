//! `raci convert FILE --to md|csv|xlsx|json|yaml|oscal [-o OUT]`: one matrix in
//! another form.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use raci_model::Document;

use crate::args::{ConvertArgs, Global, OutputFormat};
use crate::exit::Outcome;
use crate::{files, input, output};

pub fn run(args: &ConvertArgs, global: &Global) -> Result<Outcome> {
    let format = match (args.to, &args.output) {
        (Some(format), _) => format,
        (None, Some(out)) => from_extension(out)?,
        (None, None) => bail!(
            "say which format to write: `--to md|csv|xlsx|json|yaml|oscal|oscal-ssp|fedramp-crm|caiq`"
        ),
    };
    let loaded = input::load(&args.file, args.input_format)?;
    let activities = format!("{} activities", loaded.document.activities.len());
    let (mut bytes, written, notes) = match format {
        OutputFormat::OscalSsp | OutputFormat::FedrampCrm | OutputFormat::Caiq => {
            crate::commands::controls::export(&loaded.document, format, args.profile.as_deref())
        }
        _ if args.profile.is_some() => bail!("`--profile` goes with `--to oscal-ssp` only"),
        _ => write(&loaded.document, format).map(|bytes| (bytes, activities, Vec::new())),
    }
    .with_context(|| format!("{}: cannot write it as {format:?}", loaded.name))?;
    if format == OutputFormat::Oscal {
        bytes = crate::commands::oscal::stamp_undated(bytes, &loaded.document, &args.file)?;
    }
    if !global.quiet {
        for note in notes {
            output::note(&format!("{}: {note}", loaded.name));
        }
    }
    match &args.output {
        Some(out) => {
            files::replace(out, &bytes)?;
            if !global.quiet {
                output::note(&format!(
                    "{}: {written} written to {}",
                    loaded.name,
                    out.display()
                ));
            }
        }
        None if is_binary(format) && std::io::stdout().is_terminal() => {
            bail!("an XLSX workbook is binary: give `-o FILE.xlsx`, or redirect the output")
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe is not worth an error.
            let _ = stdout.write_all(&bytes).and_then(|()| stdout.flush());
        }
    }
    Ok(Outcome::Clean)
}

/// The document in `format`.
pub fn write(document: &Document, format: OutputFormat) -> Result<Vec<u8>> {
    Ok(match format {
        OutputFormat::Md => raci_render::markdown::write(document).into_bytes(),
        OutputFormat::Csv => raci_render::csv::write(document)?.into_bytes(),
        OutputFormat::Xlsx => raci_render::xlsx::write(document)?,
        OutputFormat::Json => format!("{}\n", document.to_json()).into_bytes(),
        OutputFormat::Yaml => document.to_yaml()?.into_bytes(),
        OutputFormat::Oscal => format!(
            "{}\n",
            serde_json::to_string_pretty(&raci_oscal::to_oscal(document))?
        )
        .into_bytes(),
        OutputFormat::OscalSsp | OutputFormat::FedrampCrm | OutputFormat::Caiq => {
            crate::commands::controls::export(document, format, None)?.0
        }
    })
}

/// Whether `format` is a binary workbook, never printed to a terminal.
fn is_binary(format: OutputFormat) -> bool {
    matches!(
        format,
        OutputFormat::Xlsx | OutputFormat::FedrampCrm | OutputFormat::Caiq
    )
}

fn from_extension(path: &Path) -> Result<OutputFormat> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    Ok(match extension.as_deref() {
        Some("md" | "markdown") => OutputFormat::Md,
        Some("csv") => OutputFormat::Csv,
        Some("xlsx") => OutputFormat::Xlsx,
        Some("json") => OutputFormat::Json,
        Some("yaml" | "yml") => OutputFormat::Yaml,
        // `.json` is the canonical form; OSCAL is asked for by name.
        _ => bail!(
            "{}: cannot tell the format from the extension; say `--to md|csv|xlsx|json|yaml|oscal`",
            path.display()
        ),
    })
}
