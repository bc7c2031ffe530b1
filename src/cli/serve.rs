//! `cica-kg serve` and its hidden worker, `cica-kg serve-worker`: their arguments, the
//! checked settings of a server (each limit with its flag), starting the worker processes
//! (this same binary, with the same --data and --base), and running the server until SIGINT
//! or SIGTERM.

use anyhow::{bail, Context, Result};
use cica_kg::facts::{self, DataSource};
use cica_kg::ontology;
use cica_kg::query::MemoryCap;
use cica_kg::rdf::{KnowledgeGraph, StoreError};
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
    /// Whether the base IRI is the server's own address (no --base), to be made from the
    /// address actually bound (port 0 is a free port).
    pub base_from_bind: bool,
    /// Its limits and options.
    pub options: Options,
}

/// Checks the flags of `serve`.
pub fn settings(args: ServeArgs, base_from_bind: bool) -> Result<ServeJob> {
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
    let per_client = args
        .max_queries_per_client
        .unwrap_or_else(|| Limits::default_queries_per_client(concurrent));
    if !(1..=concurrent).contains(&per_client) {
        bail!("--max-queries-per-client {per_client}: give a number from 1 to --max-concurrent-queries ({concurrent})");
    }
    if !(args.read_timeout.is_finite() && (1.0..=300.0).contains(&args.read_timeout)) {
        bail!(
            "--read-timeout {}: give a number of seconds from 1 to 300",
            args.read_timeout
        );
    }
    if !(1..=65536).contains(&args.max_connections) {
        bail!(
            "--max-connections {}: give a number from 1 to 65536 (each is a file descriptor)",
            args.max_connections
        );
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
        base_from_bind,
        options: Options {
            limits: Limits {
                timeout: Duration::from_secs_f64(args.timeout),
                concurrent_queries: concurrent,
                max_queries_per_client: per_client,
                read_timeout: Duration::from_secs_f64(args.read_timeout),
                max_body_bytes: positive(args.max_body_bytes, "--max-body-bytes")?,
                max_result_bytes: positive(args.max_result_bytes, "--max-result-bytes")?,
                max_connections: args.max_connections,
                max_query_memory: args.max_query_memory,
                max_memory: args.max_memory,
            },
            cors: args.cors,
            services: args.allow_service,
        },
    })
}

/// The settings of a worker: its services and its memory cap.
pub fn worker_settings(args: ServeWorkerArgs) -> (Services, MemoryCap) {
    let services = Services {
        allowed: args.allow_service,
        timeout: Duration::from_millis(args.service_timeout_ms.max(1000)),
    };
    (services, args.max_query_memory)
}

/// Binds, reads the facts, builds the graph but the statements' provenance, renders the home
/// page, starts the first worker, and serves (adding the provenance, then reading what the
/// pages keep) until SIGINT or SIGTERM (the workers load in the background, more start
/// as queries need them). Without --base, the IRIs are made from the address actually bound
/// (with `--bind HOST:0`, the port the system chose).
pub fn run(data: &DataSource, iris: Iris, job: ServeJob) -> Result<ExitCode> {
    let listener = serve::bind(job.bind)?;
    let iris = match listener.local_addr() {
        Some(bound) if job.base_from_bind => {
            Iris::new(&format!("http://{bound}/")).context("the server's own address")?
        }
        _ => iris,
    };
    // The facts are read and checked first, so that bad facts are told once (not by every
    // worker too). The graph is built without the provenance of the statements (nine quads in
    // ten): the home page needs only that of its key facts (`State::warm_home` adds it), the
    // rest is added as the server listens (`serve::serve`), and every request but the home
    // page's waits for it. With bench/serve_scale.py's data the first answer (the home page)
    // comes after 2.5 s rather than 4.6-6 s.
    let facts = facts::load(data, &ontology::shipped().map_err(StoreError::from)?.schema)
        .map_err(StoreError::from)?;
    let (kg, pending) = KnowledgeGraph::without_provenance(facts, iris)?;
    let worker = worker_command(data, kg.iris(), &job.options)?;
    let limits = &job.options.limits;
    let memory = Some(limits.max_query_memory);
    let log: serve::Log = std::sync::Arc::new(print_event);
    let command = move || {
        let mut command = Command::new(&worker.0);
        command.args(&worker.1);
        command
    };
    let budget = Some(limits.max_memory);
    let size = limits.concurrent_queries;
    // The home page (its lists, the size of each graph) is rendered before the first worker
    // starts loading, so that the two do not share the CPU before the first answer. Until then
    // no query is evaluated: the in-process engine (offline) only stands in.
    let offline = Engine::in_process(Services::default());
    let state = State::new(kg, offline, job.options)?
        .with_log(log.clone())
        .with_pending(pending);
    state.warm_home();
    let pool = Pool::start(size, memory, budget, command, log)?;
    serve::serve(state.with_engine(Engine::workers(pool)), listener)?;
    Ok(ExitCode::SUCCESS)
}

/// The server's log: one line on standard error for each event, a request's as
/// `GET /sparql 200 1 ms`, the others after `cica-kg serve: `.
fn print_event(event: &serve::Event) {
    if event.is_request() {
        eprintln!("{event}");
    } else {
        eprintln!("cica-kg serve: {event}");
    }
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
        OsString::from("--max-query-memory"),
        OsString::from(options.limits.max_query_memory.to_string()),
    ]);
    Ok((exe, args))
}

/// A worker: loads the graph, then answers the jobs of standard input on standard output,
/// each query under the memory cap. When a query does not stop (past its time limit or its
/// memory cap) or the server is gone, the library says why and the worker ends here, with the
/// exit status the server reads (`WorkerStop::exit_code`).
pub fn run_worker(
    data: &DataSource,
    iris: Iris,
    (services, memory): &(Services, MemoryCap),
) -> Result<ExitCode> {
    let kg = KnowledgeGraph::load(data, iris)?;
    let input = std::io::stdin().lock();
    let output = std::io::BufWriter::new(std::io::stdout().lock());
    let stop: serve::StopWorker = std::sync::Arc::new(|why: serve::WorkerStop| {
        eprintln!("cica-kg serve-worker: {why}");
        std::process::exit(why.exit_code());
    });
    serve::run_worker(&kg, services, Some(*memory), input, output, stop)
        .context("the query worker failed")?;
    Ok(ExitCode::SUCCESS)
}

/// `cica-kg serve`
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on; the data's IRIs are then http://ADDRESS/kind/slug,
    /// answering at their paths, unless --base gives another namespace
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,

    /// Stop a query after SECONDS (the answer is 503): its worker process is killed, so it
    /// stops using the CPU at once
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout: f64,

    /// How many queries are evaluated at once, each in a worker process of its own; more wait
    /// for a free one (within their timeout) [default: the number of CPU cores + 1]
    #[arg(long, value_name = "N")]
    pub max_concurrent_queries: Option<usize>,

    /// How many queries one client (IP address; IPv6: its /64) may have running at once; its
    /// others wait for one of them to end, within their timeout (then 429)
    /// [default: --max-concurrent-queries - 1, at least 1]
    #[arg(long, value_name = "N")]
    pub max_queries_per_client: Option<usize>,

    /// Close a connection whose request head (or then body) has not fully arrived SECONDS
    /// after the server started reading it, that stays idle SECONDS between requests, or
    /// whose client takes nothing of its answer for SECONDS
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub read_timeout: f64,

    /// Refuse a request body larger than BYTES (413)
    #[arg(long, value_name = "BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,

    /// Refuse an answer larger than BYTES (500, with a message)
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_result_bytes: usize,

    /// Serve at most N connections at once; more wait to be accepted
    #[arg(long, value_name = "N", default_value_t = 512)]
    pub max_connections: usize,

    /// Stop a query when it has used more than SIZE of memory in its worker, such as 512MiB or
    /// 1GiB, from 16MiB to 1TiB (the answer is 503, naming the cap; a new worker takes its
    /// place). Measured every 10 ms, and the kernel refuses a worker more than twice SIZE plus
    /// 64 MiB above its graph; Linux only, not enforced elsewhere
    #[arg(long, value_name = "SIZE", default_value = "512MiB", value_parser = super::args::memory_cap)]
    pub max_query_memory: MemoryCap,

    /// Start another query worker only while the server and its workers, with one more worker
    /// (as large as the largest), stay within SIZE of resident memory, such as 1536MiB or 2GiB,
    /// from 16MiB to 1TiB; past it queries wait for a busy worker. One worker always runs. Each
    /// holds a copy of the graph. Linux only, not enforced elsewhere
    #[arg(long, value_name = "SIZE", default_value = "1536MiB", value_parser = super::args::memory_cap)]
    pub max_memory: MemoryCap,

    /// Let web pages from any origin query the server (CORS: Access-Control-Allow-Origin: *),
    /// such as a hosted YASGUI
    #[arg(long)]
    pub cors: bool,

    /// Let SERVICE calls reach the SPARQL endpoint URL, exactly as queries write it
    /// (repeatable); without it, a query with SERVICE answers 403
    #[arg(long = "allow-service", value_name = "URL")]
    pub allow_service: Vec<String>,
}

/// `cica-kg serve-worker` (hidden)
#[derive(Debug, clap::Args)]
pub struct ServeWorkerArgs {
    /// A SERVICE endpoint queries may call (repeatable)
    #[arg(long = "allow-service", value_name = "URL")]
    pub allow_service: Vec<String>,

    /// How long a SERVICE call may take, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub service_timeout_ms: u64,

    /// The memory cap of each query
    #[arg(long, value_name = "SIZE", default_value = "512MiB", value_parser = super::args::memory_cap)]
    pub max_query_memory: MemoryCap,
}
