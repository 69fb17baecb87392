//! `raci lint --watch`: lints once, then again each time a file under the
//! paths changes (a matrix or a `raci.toml`), until interrupted.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};

use super::{check, LintArgs};
use crate::args::Global;
use crate::exit::Outcome;
use crate::output;

/// How long to wait for more changes before linting again (an editor's
/// save is often several events).
const SETTLE: Duration = Duration::from_millis(200);

pub(super) fn run(args: &LintArgs, global: &Global) -> Result<Outcome> {
    if args.paths.iter().any(|path| path.as_os_str() == "-") {
        anyhow::bail!("--watch cannot watch standard input: name files or folders");
    }
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if !matches!(event.kind, notify::EventKind::Access(_)) {
                let _ = sender.send(event);
            }
        }
    })
    .context("cannot watch the files")?;
    for path in &args.paths {
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        watcher
            .watch(path, mode)
            .with_context(|| format!("{}: cannot watch it", path.display()))?;
    }
    loop {
        if std::io::stdout().is_terminal() {
            // Clear the screen, as `ruff check --watch` does.
            output::print_raw("\u{1b}[2J\u{1b}[H");
        }
        if let Err(error) = check(args, global) {
            output::error_line(&format!("{error:#}"));
        }
        if !global.quiet {
            output::note("watching for changes; Ctrl-C stops");
        }
        // Wait for a change that concerns us, then for the changes to settle.
        loop {
            let event = receiver.recv().context("the file watcher stopped")?;
            if event.paths.iter().any(|path| concerns(path)) {
                break;
            }
        }
        while receiver.recv_timeout(SETTLE).is_ok() {}
    }
}

/// Whether a change to `path` may change the findings.
fn concerns(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with(".raci-") || name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    name == raci_lint::discovery::CONFIG_FILE || crate::input::has_matrix_extension(path)
}
