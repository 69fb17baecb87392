//! Every option of every command says what it does in `--help`, and the
//! definition passes clap's own checks.

use clap::CommandFactory;

use crate::args::Cli;

fn undocumented(command: &clap::Command, path: &str, out: &mut Vec<String>) {
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        if ["help", "version"].contains(&id) {
            continue;
        }
        if arg.get_help().is_none() && arg.get_long_help().is_none() {
            out.push(format!("{path} --{id}"));
        }
    }
    for sub in command.get_subcommands() {
        if sub.get_about().is_none() && sub.get_long_about().is_none() {
            out.push(format!("{path} {} (no about)", sub.get_name()));
        }
        undocumented(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

#[test]
fn every_option_and_command_has_a_help_text() {
    let mut missing = Vec::new();
    undocumented(&Cli::command(), "raci", &mut missing);
    assert!(missing.is_empty(), "no help text: {missing:#?}");
}

/// clap's own checks of the definition (conflicting ids, bad defaults,
/// required arguments after optional ones…), which it runs only when a
/// command is parsed in a debug build: here for every command at once.
#[test]
fn the_command_line_definition_is_consistent() {
    Cli::command().debug_assert();
}
