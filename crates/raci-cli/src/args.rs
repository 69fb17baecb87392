//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use raci_ingest::InputFormat;

#[derive(Parser, Debug)]
#[command(
    name = "raci",
    version,
    about = "Shared-responsibility (RACI) matrices as code: parse, lint, explain."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Args, Debug)]
pub struct Global {
    /// Print nothing but results and errors (no progress, no summary).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// When to use colours (also off with NO_COLOR set).
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read a matrix and print its canonical model.
    Parse(ParseArgs),
    /// Find defects in matrices: files or directories (searched recursively).
    Lint(LintArgs),
    /// List the lint rules, or explain one.
    Rule(RuleArgs),
    /// What changed between two editions or translations, activity by activity.
    Diff(DiffArgs),
    /// Drift between the locales of each page in a folder (`guide.en-gb.md`, `guide.fr-fr.md`…).
    Drift(DriftArgs),
}

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// The matrix to read (`-` for standard input).
    pub file: PathBuf,
    #[arg(long, short, value_enum, default_value_t = ParseFormat::Human)]
    pub format: ParseFormat,
    /// Read the input as this format instead of detecting it
    /// (markdown, html, web-text, glued-text, json, yaml).
    #[arg(long)]
    pub input_format: Option<InputFormat>,
    /// Another edition or translation of the same page, to settle the columns
    /// a flattened page lost.
    #[arg(long)]
    pub reference: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The older edition (or the original of a translation).
    pub old: PathBuf,
    /// The newer edition (or the translation).
    pub new: PathBuf,
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// What makes the exit code 1: role changes (and added or removed rows), any change, or nothing.
    #[arg(long, value_enum, default_value_t = FailOn::Roles)]
    pub fail_on: FailOn,
    /// Also list the unchanged activities.
    #[arg(long)]
    pub all: bool,
}

#[derive(Args, Debug)]
pub struct DriftArgs {
    /// Folders holding one page in several locales; searched recursively.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The locale the others are compared with (falls back to `en`, then to the first).
    #[arg(long, default_value = "en-gb")]
    pub base: String,
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    Human,
    Json,
    Markdown,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Roles,
    Any,
    Never,
}

#[derive(Args, Debug)]
pub struct LintArgs {
    /// Files or directories to lint.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, short, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Read every input as this format instead of detecting it
    /// (markdown, html, web-text, glued-text, json, yaml).
    #[arg(long)]
    pub input_format: Option<InputFormat>,
    /// The configuration file (default: the nearest `raci.toml` above the current directory).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct RuleArgs {
    /// A rule's name or code; all rules are listed when left out.
    pub name: Option<String>,
    #[arg(long, short, value_enum, default_value_t = RuleFormat::Human)]
    pub format: RuleFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseFormat {
    Human,
    Json,
    Yaml,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LintFormat {
    Human,
    Json,
    Sarif,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleFormat {
    Human,
    Json,
}
