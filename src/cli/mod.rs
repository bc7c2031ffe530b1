//! The command line, and only the binary knows it: [`args`] (what the user typed, clap
//! derive), [`settings`] (the typed, checked configuration built before any work starts),
//! [`run`] (each command over the library), [`destination`] (standard output or a file) and
//! [`signals`] (Ctrl-C and the like remove a temporary output file); [`generate`] writes the
//! man page and the shells' completion scripts from the same definitions. [`link`] runs the
//! editor's workflow; the commands with many options keep their arguments, settings and run in
//! one file each: [`push`], [`serve`] (the server and its workers) and [`sources`].

mod args;
mod destination;
mod draft;
mod generate;
mod link;
mod push;
mod review;
mod run;
mod serve;
mod settings;
mod signals;
mod sources;

pub use args::Args;
pub use generate::{generate, Generate};
pub use run::run;
pub use signals::install as handle_signals;

use args::Cli;
use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};

/// What the command line asks for.
pub enum Parsed {
    /// Run a command.
    Run(Box<Args>),
    /// Write the man page or a completion script (`--generate`).
    Generate(Generate),
}

/// Parses the command line.
pub fn parse() -> Parsed {
    let mut command = command();
    let matches = command.get_matches_mut();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut command).exit());
    match (cli.generate, cli.command) {
        (Some(what), None) => Parsed::Generate(what),
        (Some(_), Some(_)) => command
            .error(
                ErrorKind::ArgumentConflict,
                "the argument '--generate <WHAT>' cannot be used with a command",
            )
            .exit(),
        (None, Some(subcommand)) => Parsed::Run(Box::new(Args {
            data: cli.data,
            base: cli.base,
            command: subcommand,
        })),
        (None, None) => command
            .error(
                ErrorKind::MissingSubcommand,
                "a command is required (or --generate); see the list of commands in --help",
            )
            .exit(),
    }
}

/// The command line's definition, as `--help`, the man page and the completions show it:
/// `query --help` lists the predefined prefixes.
fn command() -> clap::Command {
    // mut_subcommands keeps the commands' order (mut_subcommand would move query last).
    Cli::command().mut_subcommands(|c| match c.get_name() {
        "query" => c.after_help(prefix_help()),
        _ => c,
    })
}

/// "Predefined prefixes ...", then a line per prefix and its namespace.
fn prefix_help() -> String {
    let prefixes = cica_kg::vocab::Iris::default().prefixes();
    let width = prefixes.iter().map(|(p, _)| p.len()).max().unwrap_or(0);
    let mut help = String::from("Predefined prefixes (entity prefixes follow --base):\n");
    for (prefix, namespace) in &prefixes {
        help.push_str(&format!("  {prefix:<width$}  <{namespace}>\n"));
    }
    help
}

/// The error and its causes, joined by ": ", leaving out a cause that only repeats the message
/// before it (Oxigraph wraps a SERVICE error in one that displays it again).
pub fn error_chain(error: &anyhow::Error) -> String {
    let mut messages: Vec<String> = Vec::new();
    for cause in error.chain() {
        let message = cause.to_string();
        if !messages.iter().any(|m| m.contains(&message)) {
            messages.push(message);
        }
    }
    messages.join(": ")
}
