//! The `cica-kg` binary: parse the arguments, turn them into checked settings, run, print
//! the error chain, and exit with a deliberate status (0 done, 1 problems found, 2 could not
//! run).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::handle_signals();
    let args = cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", cli::error_chain(&error));
            ExitCode::from(2)
        }
    }
}
