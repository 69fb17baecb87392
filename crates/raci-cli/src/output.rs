//! Writing to the terminal: colours that respect NO_COLOR and `--color`,
//! progress bars only where someone watches.

use std::io::{IsTerminal, Write};

use anstream::ColorChoice;
use indicatif::{ProgressBar, ProgressStyle};

use crate::args::{ColorWhen, Global};

/// Whether standard output gets colours.
pub fn color_enabled(global: &Global) -> bool {
    match global.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            !matches!(ColorChoice::global(), ColorChoice::Never)
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Prints `text` to standard output as it is.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`raci lint | head`) is not an error worth reporting.
    let _ = out.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = out.write_all(b"\n");
    }
    let _ = out.flush();
}

/// Prints `text` to standard output with no line ending added.
pub fn print_raw(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Prints a one-line error to standard error.
pub fn error_line(message: &str) {
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{style}error{style:#}: {message}");
}

/// Prints a one-line note to standard error, apart from the results.
pub fn note(message: &str) {
    let style = anstyle::Style::new().bold();
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{style}note{style:#}: {message}");
}

/// A progress bar on standard error for `len` files, hidden when quiet, when
/// there is one file, or when nobody watches the terminal.
pub fn progress(len: usize, global: &Global) -> ProgressBar {
    if global.quiet || len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
