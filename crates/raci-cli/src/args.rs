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
}

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// The matrix to read (`-` for standard input).
    pub file: PathBuf,
    #[arg(long, short, value_enum, default_value_t = ParseFormat::Human)]
    pub format: ParseFormat,
    /// Read the input as this format instead of detecting it
    /// (markdown, html, web-text, glued-text, json, yaml).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
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
    #[arg(long, value_enum)]
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
