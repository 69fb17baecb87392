//! `raci`: shared-responsibility models as code.

mod args;
mod commands;
mod exit;
mod input;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match &cli.command {
        args::Command::Parse(parse) => commands::parse::run(parse, &cli.global),
        args::Command::Lint(lint) => commands::lint::run(lint, &cli.global),
        args::Command::Rule(rule) => commands::rule::run(rule, &cli.global),
        args::Command::Diff(diff) => commands::diff::run(diff, &cli.global),
        args::Command::Drift(drift) => commands::drift::run(drift, &cli.global),
    };
    match result {
        Ok(code) => code.into(),
        Err(error) => {
            output::error_line(&format!("{error:#}"));
            exit::Outcome::Unusable.into()
        }
    }
}
