//! `cica-kg serve` and its hidden worker, `cica-kg serve-worker`: the checked settings of a
//! server (each limit with its flag), starting the worker processes (this same binary, with
//! the same --data and --base), and running the server until SIGINT or SIGTERM.

use super::args::{ServeArgs, ServeWorkerArgs};
use anyhow::{bail, Context, Result};
use cica_kg::facts::DataSource;
use cica_kg::rdf::KnowledgeGraph;
use cica_kg::serve::{self, Engine, Limits, Options, Pool, Services, State};
use cica_kg::vocab::Iris;
use oxigraph::model::NamedNode;
use std::ffi::OsString;
use std::net::SocketAddr;
use std::process::{Command, ExitCode};
use std::time::Duration;

/// A server to run.
pub struct ServeJob {
    /// Where it listens.
    pub bind: SocketAddr,
    /// Its limits and options.
    pub options: Options,
}

/// Checks the flags of `serve`.
pub fn settings(args: ServeArgs) -> Result<ServeJob> {
    if !(args.timeout.is_finite() && (0.1..=3600.0).contains(&args.timeout)) {
        bail!(
            "--timeout {}: give a number of seconds from 0.1 to 3600",
            args.timeout
        );
    }
    let positive = |value: usize, flag: &str| -> Result<usize> {
        if value == 0 {
            bail!("{flag} 0: give at least 1");
        }
        Ok(value)
    };
    let concurrent = args
        .max_concurrent_queries
        .unwrap_or_else(Limits::default_concurrent_queries);
    if !(1..=256).contains(&concurrent) {
        bail!("--max-concurrent-queries {concurrent}: give a number from 1 to 256 (each is a process)");
    }
    for service in &args.allow_service {
        let iri = NamedNode::new(service.as_str())
            .with_context(|| format!("--allow-service {service}: not an absolute IRI"))?;
        if !iri.as_str().starts_with("http://") && !iri.as_str().starts_with("https://") {
            bail!("--allow-service {service}: give the http:// or https:// URL of a SPARQL endpoint, exactly as queries write it after SERVICE");
        }
    }
    Ok(ServeJob {
        bind: args.bind,
        options: Options {
            limits: Limits {
                timeout: Duration::from_secs_f64(args.timeout),
                concurrent_queries: concurrent,
                max_body_bytes: positive(args.max_body_bytes, "--max-body-bytes")?,
                max_result_bytes: positive(args.max_result_bytes, "--max-result-bytes")?,
                max_connections: positive(args.max_connections, "--max-connections")?,
            },
            cors: args.cors,
            services: args.allow_service,
        },
    })
}

/// The settings of a worker.
pub fn worker_settings(args: ServeWorkerArgs) -> Services {
    Services {
        allowed: args.allow_service,
        timeout: Duration::from_millis(args.service_timeout_ms.max(1000)),
    }
}

/// Builds the graph, starts the workers and serves until SIGINT or SIGTERM.
pub fn run(data: &DataSource, iris: Iris, job: ServeJob) -> Result<ExitCode> {
    let kg = KnowledgeGraph::load(data, iris)?;
    let worker = worker_command(data, kg.iris(), &job.options)?;
    let pool = Pool::start(job.options.limits.concurrent_queries, move || {
        let mut command = Command::new(&worker.0);
        command.args(&worker.1);
        command
    })?;
    let state = State::new(kg, Engine::Workers(pool), job.options)?;
    serve::serve(state, job.bind)?;
    Ok(ExitCode::SUCCESS)
}

/// This binary and the arguments of its `serve-worker`: the same data and base, the allowed
/// services.
fn worker_command(
    data: &DataSource,
    iris: &Iris,
    options: &Options,
) -> Result<(std::path::PathBuf, Vec<OsString>)> {
    let exe =
        std::env::current_exe().context("cannot find this program to start its query workers")?;
    let mut args: Vec<OsString> = Vec::new();
    if let DataSource::Directory(dir) = data {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.clone());
        args.extend([OsString::from("--data"), dir.into_os_string()]);
    }
    args.extend([OsString::from("--base"), OsString::from(iris.base())]);
    args.push("serve-worker".into());
    for service in &options.services {
        args.extend([OsString::from("--allow-service"), OsString::from(service)]);
    }
    let timeout = options.limits.timeout.as_millis().to_string();
    args.extend([
        OsString::from("--service-timeout-ms"),
        OsString::from(timeout),
    ]);
    Ok((exe, args))
}

/// A worker: loads the graph, then answers the jobs of standard input on standard output.
pub fn run_worker(data: &DataSource, iris: Iris, services: &Services) -> Result<ExitCode> {
    let kg = KnowledgeGraph::load(data, iris)?;
    let input = std::io::stdin().lock();
    let output = std::io::BufWriter::new(std::io::stdout().lock());
    serve::worker::run_worker(&kg, services, input, output).context("the query worker failed")?;
    Ok(ExitCode::SUCCESS)
}
