//! `raci oscal export FILE` and `raci oscal import FILE.json`: a matrix as an
//! OSCAL component definition, and back.

use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

use anyhow::{Context, Result};
use raci_model::Document;

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
    let bytes = stamp_undated(bytes, &loaded.document, &args.file)?;
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

/// An OSCAL export of a page with no edition date: its `last-modified` is
/// the time the file was last modified (now for standard input), not the
/// placeholder the library writes when it knows no date.
pub(crate) fn stamp_undated(bytes: Vec<u8>, document: &Document, path: &Path) -> Result<Vec<u8>> {
    if document.edition.is_some() {
        return Ok(bytes);
    }
    let modified = std::fs::metadata(path)
        .and_then(|metadata| metadata.modified())
        .unwrap_or_else(|_| SystemTime::now());
    let seconds = modified
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let mut value: serde_json::Value = serde_json::from_slice(&bytes)?;
    let metadata = &mut value["component-definition"]["metadata"];
    if metadata.is_object() {
        metadata["last-modified"] = serde_json::Value::from(rfc3339(seconds));
    }
    Ok(format!("{}\n", serde_json::to_string_pretty(&value)?).into_bytes())
}

/// `2024-03-18T09:30:00Z` for seconds since 1970 (UTC), by the civil-from-days
/// computation of the proleptic Gregorian calendar.
fn rfc3339(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
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

#[cfg(test)]
mod tests {
    use super::rfc3339;

    #[test]
    fn seconds_become_utc_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_710_754_200), "2024-03-18T09:30:00Z");
        assert_eq!(rfc3339(4_107_542_399), "2100-02-28T23:59:59Z");
    }
}
