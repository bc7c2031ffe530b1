//! `cica-kg review`: its arguments, checked settings and run. The server is the library's
//! ([`cica_kg::review`]); this file binds the address asked for, says where the page is, and
//! runs until the process is stopped.

use anyhow::{bail, Context, Result};
use cica_kg::facts::DataSource;
use cica_kg::ontology;
use cica_kg::review::{server, State};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// `cica-kg review`
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// Listen on this address only (HOST:PORT; port 0 picks a free one). Anyone who can reach
    /// it can change the facts files: keep it on the loopback interface
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1:7879")]
    pub bind: SocketAddr,
}

/// `review`, checked.
#[derive(Debug)]
pub struct ReviewJob {
    /// The data folder whose drafts are reviewed.
    pub dir: PathBuf,
    /// Where to listen.
    pub bind: SocketAddr,
}

/// Checks the arguments: the data folder is --data DIR, or ./data.
pub fn settings(args: ReviewArgs, data: &DataSource) -> Result<ReviewJob> {
    let dir = match data {
        DataSource::Directory(dir) => dir.clone(),
        _ if std::path::Path::new("data").is_dir() => PathBuf::from("data"),
        _ => bail!("review edits the facts files: give the data folder with --data DIR (there is no ./data here)"),
    };
    if !dir.is_dir() {
        bail!(
            "--data {}: not a folder; give the data folder holding the drafts",
            dir.display()
        );
    }
    Ok(ReviewJob {
        dir,
        bind: args.bind,
    })
}

/// Runs `review` until the process is stopped.
pub fn run(job: ReviewJob) -> Result<ExitCode> {
    let ontology = ontology::shipped()?;
    let listener = std::net::TcpListener::bind(job.bind).with_context(|| {
        format!(
            "--bind {}: cannot listen there; choose another port",
            job.bind
        )
    })?;
    let address = listener.local_addr().context("--bind")?;
    let state = State::new(job.dir.clone(), ontology, address)
        .context("cannot read a random token from /dev/urandom")?;
    // Each decision writes a facts file: on SIGINT, SIGTERM or SIGHUP, a temporary file
    // being written is removed before the process ends.
    super::signals::guard_output_files();
    if !address.ip().is_loopback() {
        eprintln!("cica-kg review: warning: {address} is not a loopback address; anyone who can reach it can change the facts files");
    }
    eprintln!(
        "cica-kg review: the drafts of {} at http://{address}/ (each decision rewrites a facts file); Ctrl-C stops it",
        job.dir.display()
    );
    server::serve(listener, Arc::new(state)).context("the review server stopped")?;
    Ok(ExitCode::SUCCESS)
}
