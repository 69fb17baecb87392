//! `raci oscal export FILE` and `raci oscal import FILE.json`: a matrix as an
//! OSCAL component definition, and back.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};

use crate::args::{Global, ImportFormat, OscalCommand, OscalExportArgs, OscalImportArgs};
use crate::exit::Outcome;
use crate::{input, output};

pub fn run(command: &OscalCommand, global: &Global) -> Result<Outcome> {
    match command {
        OscalCommand::Export(args) => export(args, global),
        OscalCommand::Import(args) => import(args, global),
        OscalCommand::Inherit(args) => crate::commands::inherit::run(args, global),
    }
}

fn export(args: &OscalExportArgs, global: &Global) -> Result<Outcome> {
    let loaded = input::load(&args.file, None)?;
    let bytes =
        crate::commands::convert::write(&loaded.document, crate::args::OutputFormat::Oscal)?;
    write(args.output.as_deref(), &String::from_utf8(bytes)?, global)?;
    Ok(Outcome::Clean)
}

fn import(args: &OscalImportArgs, global: &Global) -> Result<Outcome> {
    let name = args.file.display().to_string();
    let text = if args.file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("<stdin>: cannot read standard input")?;
        text
    } else {
        std::fs::read_to_string(&args.file)
            .with_context(|| format!("{name}: cannot read the file"))?
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{name}: not JSON"))?;
    let document = raci_oscal::from_oscal(&value).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let text = match args.format {
        ImportFormat::Json => document.to_json(),
        ImportFormat::Yaml => document.to_yaml()?,
    };
    write(args.output.as_deref(), &text, global)?;
    Ok(Outcome::Clean)
}

/// Writes `text` to `path`, or prints it when there is none.
fn write(path: Option<&Path>, text: &str, global: &Global) -> Result<()> {
    match path {
        Some(path) => {
            std::fs::write(path, text)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            if !global.quiet {
                output::note(&format!("written to {}", path.display()));
            }
        }
        None => output::print(text),
    }
    Ok(())
}
