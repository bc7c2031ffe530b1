//! The command line, and only the binary knows it: [`args`] (what the user typed, clap
//! derive), [`settings`] (the typed, checked configuration built before any work starts),
//! [`run`] (each command over the library), [`destination`] (standard output or a file) and
//! [`signals`] (Ctrl-C and the like remove a temporary output file). [`link`] runs the
//! editor's workflow; the commands with many options keep their arguments, settings and run in
//! one file each: [`push`], [`serve`] (the server and its workers) and [`sources`].

mod args;
mod destination;
mod draft;
mod link;
mod push;
mod run;
mod serve;
mod settings;
mod signals;
mod sources;

pub use args::Args;
pub use run::run;
pub use signals::install as handle_signals;

use clap::{CommandFactory, FromArgMatches};

/// Parses the command line; `query --help` lists the predefined prefixes.
pub fn parse() -> Args {
    let command = Args::command().mut_subcommand("query", |query| query.after_help(prefix_help()));
    let matches = command.get_matches();
    Args::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
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
