//! What the server reports as it runs, as values: each request, starting and stopping, and the
//! fate of its connections and query workers. The library never prints: the program gives a
//! [`Log`] (`cica-kg serve` writes each [`Event`] on standard error, one line each), and an
//! embedding program may keep, count or drop them.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

/// Where the server's events go; called from the threads that serve.
pub type Log = Arc<dyn Fn(&Event) + Send + Sync>;

/// A log that drops every event (the default of a [`super::State`] and a [`super::Pool`]).
pub fn silent() -> Log {
    Arc::new(|_: &Event| {})
}

/// Something the server did or met. Its `Display` is the line `cica-kg serve` writes (after
/// `cica-kg serve: `, except for [`Event::Request`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The server listens on this address.
    Listening(SocketAddr),
    /// What the pages keep has been read (`State::warm_up`), this long after listening: from
    /// then on no page waits for it.
    Ready(std::time::Duration),
    /// The provenance of every statement is in the server's store, this long after listening
    /// (`State::finish_loading`): from then on every request is answered.
    Loaded(std::time::Duration),
    /// The server's store could not be built: why (every request but the home page's is
    /// answered 500).
    LoadFailed(String),
    /// A signal (its name) asks the server to stop.
    Stopping(&'static str),
    /// A request was answered.
    Request {
        /// Its method.
        method: String,
        /// Its path.
        path: String,
        /// The answer's status code.
        status: u16,
        /// How long the answer took, in milliseconds.
        millis: u128,
    },
    /// A connection could not be accepted (most often: out of file descriptors).
    CannotAccept(String),
    /// A connection was closed: its request head did not arrive within the read timeout.
    HeadTimedOut {
        /// The client.
        peer: SocketAddr,
        /// The read timeout, in seconds.
        seconds: f64,
    },
    /// A connection was closed because its client took nothing of an answer for the read
    /// timeout (it reads nothing, or too slowly to take a byte in that time).
    WriteTimedOut {
        /// The client.
        peer: SocketAddr,
        /// The read timeout, in seconds.
        seconds: f64,
    },
    /// A query worker was killed, so that its query stops at once.
    WorkerKilled {
        /// The worker's process id.
        pid: u32,
        /// Why: its client went away (else its query passed the time limit).
        client_gone: bool,
    },
    /// A query worker ended past its memory cap.
    WorkerOutOfMemory {
        /// The worker's process id.
        pid: u32,
        /// How it ended.
        status: String,
    },
    /// A worker to replace another could not be started; it is tried again in a second.
    WorkerNotStarted(String),
    /// Another query worker would pass the memory budget, so queries wait for a busy one (told
    /// the first time only).
    WorkerHeldBack {
        /// What the server and its workers use, in MiB.
        used_mib: u64,
        /// What one more worker would use (the largest ready one), in MiB.
        worker_mib: u64,
        /// The budget, as `--max-memory` reads it.
        budget: String,
    },
}

impl Event {
    /// Whether this is the line of a request.
    pub fn is_request(&self) -> bool {
        matches!(self, Self::Request { .. })
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Listening(address) => write!(
                f,
                "listening on http://{address}/ (SPARQL endpoint /sparql, graph store /store); Ctrl-C stops it"
            ),
            Self::Ready(took) => write!(
                f,
                "pages ready: what they keep (home, lists, key entity pages, search, first page of each question) read in {:.1} s",
                took.as_secs_f64()
            ),
            Self::Loaded(took) => write!(
                f,
                "graph loaded: the provenance of every statement is in, {:.1} s after listening; every page answers",
                took.as_secs_f64()
            ),
            Self::LoadFailed(why) => write!(f, "the graph could not be built: {why}"),
            Self::Stopping(signal) => write!(f, "{signal} received; stopping"),
            Self::Request {
                method,
                path,
                status,
                millis,
            } => write!(f, "{method} {path} {status} {millis} ms"),
            Self::CannotAccept(error) => write!(f, "cannot accept a connection: {error}"),
            Self::HeadTimedOut { peer, seconds } => write!(
                f,
                "closed the connection of {peer}: no complete request head within {seconds} s (--read-timeout)"
            ),
            Self::WriteTimedOut { peer, seconds } => write!(
                f,
                "closed the connection of {peer}: it took nothing of its answer for {seconds} s (--read-timeout)"
            ),
            Self::WorkerKilled { pid, client_gone } => {
                let why = if *client_gone {
                    "its client went away"
                } else {
                    "its query passed the time limit"
                };
                write!(f, "killing query worker {pid} ({why})")
            }
            Self::WorkerOutOfMemory { pid, status } => {
                write!(f, "query worker {pid} passed the memory cap ({status})")
            }
            Self::WorkerNotStarted(error) => write!(f, "{error}; trying again in a second"),
            Self::WorkerHeldBack {
                used_mib,
                worker_mib,
                budget,
            } => write!(
                f,
                "no more query workers: the server and its workers use {used_mib} MiB, another would add about {worker_mib} MiB, past the memory budget of {budget} (--max-memory); queries wait for a busy worker"
            ),
        }
    }
}
