//! What every CLI test needs: the workspace root, the `raci` binary run
//! there with colours off, its output as text or JSON, and the shared corpus
//! (skipped, saying why, where absent).

#![allow(dead_code, clippy::print_stderr)] // each test file uses some of these

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The `raci` binary under test: the one cargo built, or the one
/// `RACI_TEST_BIN` names (to run a test against an older build and see it
/// fail before a fix).
pub fn raci_command() -> Command {
    match std::env::var_os("RACI_TEST_BIN") {
        Some(bin) => Command::new(bin),
        None => Command::cargo_bin("raci").unwrap(),
    }
}

/// Runs `raci` in `dir` with `NO_COLOR` set, `stdin` on its standard input.
pub fn raci_in(dir: &Path, args: &[&str], stdin: &str) -> Output {
    raci_command()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .write_stdin(stdin.as_bytes().to_vec())
        .output()
        .unwrap()
}

/// Runs `raci` in the workspace root with `NO_COLOR` set.
pub fn raci(args: &[&str]) -> Output {
    raci_command()
        .current_dir(workspace())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Asserts that `raci` exited with `code` and that its standard error says `message`.
#[track_caller]
pub fn refused_with(output: &Output, code: i32, message: &str) {
    assert_eq!(output.status.code(), Some(code), "{}", stderr(output));
    assert!(stderr(output).contains(message), "{}", stderr(output));
}

pub fn json(output: &Output) -> Value {
    serde_json::from_str(&stdout(output)).unwrap()
}

/// `../shared/corpus` when present; says so and gives `None` when absent.
pub fn corpus() -> Option<PathBuf> {
    let path = workspace().join("../shared/corpus");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: no shared corpus at {}", path.display());
        None
    }
}

/// The path of the seed whose file name starts with `prefix` (`000_`).
pub fn seed(corpus: &Path, prefix: &str) -> String {
    std::fs::read_dir(corpus.join("seeds"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap()
        .to_string_lossy()
        .into_owned()
}
