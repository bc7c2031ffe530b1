//! The `cica-kg` binary: parse the arguments, run, print the error chain, exit.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cica_kg::cli::Args::parse();
    match cica_kg::commands::run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", chain(&error));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, joined by ": ", leaving out a cause that only repeats the message
/// before it (Oxigraph wraps a SERVICE error in one that displays it again).
fn chain(error: &anyhow::Error) -> String {
    let mut messages: Vec<String> = Vec::new();
    for cause in error.chain() {
        let message = cause.to_string();
        if messages.last() != Some(&message) {
            messages.push(message);
        }
    }
    messages.join(": ")
}
