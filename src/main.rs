//! The `cica-kg` binary: parse the arguments, turn them into checked settings, run, print
//! the error chain, and exit with a deliberate status (0 done, 1 problems found, 2 could not
//! run).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    quiet_contained_panics();
    let result = match cli::parse() {
        cli::Parsed::Generate(what) => cli::generate(what),
        cli::Parsed::Run(args) => {
            // The server and its workers stop cleanly on their own signal handling; every
            // other command catches SIGXFSZ (and removes the temporary file of an output file
            // being written on SIGINT, SIGTERM or SIGHUP).
            if !args.serves() {
                cli::handle_signals();
            }
            cli::run(*args)
        }
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", cli::error_chain(&error));
            ExitCode::from(2)
        }
    }
}

/// A panic inside the query engine is caught and reported as an error (exit status 2, see
/// `cica_kg::query::containing`), so the default hook's "thread 'main' panicked at ..." would
/// only repeat it with noise; any other panic is printed as usual.
fn quiet_contained_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !cica_kg::query::containing() {
            default(info);
        }
    }));
}
