//! The flags of `raci lint`, kept beside the command (`args.rs` re-exports them).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use raci_ingest::InputFormat;

#[derive(Args, Debug, Clone)]
pub struct LintArgs {
    /// Files or directories to lint (directories are searched recursively;
    /// `-` reads standard input).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, short, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Read every input as this format instead of detecting it
    /// (markdown, html, web-text, glued-text, json, yaml, csv, xlsx).
    #[arg(long)]
    pub input_format: Option<InputFormat>,
    /// The configuration file for every input (default: for each file, the
    /// nearest `raci.toml` in its folder or above it).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Apply the safe fixes in place, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there are some.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// With `--fix` or `--diff`, also apply the fixes that change who does
    /// what (such as dropping a second A); without, show them as available.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Run only these rules (names, codes, code prefixes such as `RACI01`,
    /// or `ALL`; comma-separated), in place of the configuration's `select`.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Run these rules too, on top of the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Never run these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Print how many findings each rule made instead of each finding.
    #[arg(long)]
    pub statistics: bool,
    /// Write the report to this file instead of standard output (no colours).
    #[arg(long, short, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Exit 0 even when error-level findings are found (2 still means unusable input).
    #[arg(long)]
    pub exit_zero: bool,
    /// Exit 1 when more than N warnings are found.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Lint again each time a file under the paths (or a `raci.toml`) changes; stop with Ctrl-C.
    #[arg(long, conflicts_with_all = ["fix", "diff", "output_file"])]
    pub watch: bool,
    /// The name of the page read from standard input (`-`): shown in the
    /// findings, and used to detect its format and find its `raci.toml`.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LintFormat {
    /// Each finding with its source line, and a summary.
    Human,
    /// One line a finding: `file:line:column: CODE message`.
    Concise,
    /// The JSON array of `PRODUCT.md`'s contract.
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, GitLab).
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…`), shown on the pull request.
    Github,
}
