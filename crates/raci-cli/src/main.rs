//! `raci`: shared-responsibility models as code.

mod args;
mod commands;
mod exit;
mod files;
#[cfg(test)]
mod help_texts;
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
        args::Command::Convert(convert) => commands::convert::run(convert, &cli.global),
        args::Command::Fmt(fmt) => commands::fmt::run(fmt, &cli.global),
        args::Command::Schema => commands::schema::run(&cli.global),
        args::Command::Duties(duties) => commands::duties::run(duties, &cli.global),
        args::Command::Who(who) => commands::who::run(who, &cli.global),
        args::Command::Stats(stats) => commands::stats::run(stats, &cli.global),
        args::Command::Oscal(oscal) => commands::oscal::run(oscal, &cli.global),
        args::Command::Compare(compare) => commands::compare::run(compare, &cli.global),
        args::Command::Controls(controls) => commands::controls::run(controls, &cli.global),
        args::Command::Site(site) => commands::site::run(site, &cli.global),
        args::Command::Serve(serve) => commands::serve::run(serve, &cli.global),
        args::Command::Admin(admin) => commands::admin::run(admin, &cli.global),
        args::Command::Audit(audit) => commands::audit::run(audit, &cli.global),
        args::Command::Remote(remote) => commands::remote::run(remote, &cli.global),
        args::Command::Lsp => commands::lsp::run(),
    };
    match result {
        Ok(code) => code.into(),
        Err(error) => {
            output::error_line(&format!("{error:#}"));
            exit::Outcome::Unusable.into()
        }
    }
}
