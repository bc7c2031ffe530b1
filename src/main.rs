//! The `cica-kg` binary: parse the arguments, run, print the error chain, exit.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cica_kg::cli::Args::parse();
    match cica_kg::commands::run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", cica_kg::commands::error_chain(&error));
            ExitCode::from(2)
        }
    }
}
