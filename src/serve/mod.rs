//! `cica-kg serve`: the knowledge graph on the web, for programs and for people.
//!
//! - **SPARQL 1.1 Protocol** at `/sparql` (`sparql`), with a service description
//!   (`description`), and the **Graph Store Protocol**, read-only, at `/store` (`store`);
//! - **Linked Data**: every IRI of the data under the base answers at its path with content
//!   negotiation, and so does the ontology (`ld`);
//! - **pages** for people who do not write SPARQL (`pages`): home with a timeline, entity,
//!   query and article pages, rendered on the server from templates that escape by default.
//!
//! The connections are hyper's (`connection`: a deadline for each request's head, pipelined
//! requests kept, a disconnecting client's query stopped); [`handle`] is a plain
//! function from a request to a response, tested in-process. The queries of clients are
//! evaluated by an [`Engine`]: in `cica-kg serve`, worker processes that are killed when a
//! query passes its time limit or its client goes away (`pool`, `worker`), each client
//! with a limit on its queries running at once (`clients`). The server is read-only: updates and
//! writes answer 403. What it does (each request, its workers' fates) it reports as [`Event`]s
//! to the [`Log`] the program gives (`log`), never printing; SIGINT and SIGTERM stop it
//! cleanly.

mod answers;
mod cache;
pub(crate) mod clients;
pub(crate) mod connection;
pub(crate) mod description;
pub(crate) mod engine;
pub(crate) mod formats;
pub(crate) mod handler;
pub(crate) mod http;
mod kept;
pub(crate) mod ld;
mod loading;
pub(crate) mod log;
pub(crate) mod negotiate;
mod options;
pub(crate) mod pages;
pub(crate) mod pool;
pub(crate) mod sparql;
mod state;
pub(crate) mod store;
#[cfg(test)]
mod tests;
pub(crate) mod window;
pub(crate) mod worker;

pub use engine::{Engine, Job, RunError, Services};
pub use handler::handle;
pub use log::{Event, Log};
pub use options::{Limits, Options};
pub use pool::{Pool, PoolError};
pub use state::State;
pub use window::Window;
pub use worker::{run_worker, StopWorker, WorkerStop};

use crate::query::QueryError;
use crate::rdf::StoreError;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Why the server could not start or run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The graph could not be built.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A query file is broken (a defect of the program).
    #[error(transparent)]
    Query(#[from] QueryError),
    /// One of the program's own queries failed (a defect of the program).
    #[error("{0}")]
    Internal(String),
    /// The worker processes could not be started.
    #[error(transparent)]
    Pool(#[from] PoolError),
    /// The address cannot be listened on.
    #[error("cannot listen on {address}: {source}; choose another address or port, or stop the program that uses it")]
    Bind {
        /// The address.
        address: SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The connection layer could not start.
    #[error("cannot start serving connections: {0}")]
    Runtime(std::io::Error),
    /// The signal handlers could not be installed.
    #[error("cannot watch for SIGINT and SIGTERM: {0}")]
    Signals(std::io::Error),
}

/// An address bound but not yet listened on: connections are refused until [`serve`] listens,
/// once the graph and the workers are ready.
pub struct Bound(socket2::Socket);

impl Bound {
    /// The address bound (port 0 in `--bind` is now the port the system chose).
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.0.local_addr().ok()?.as_socket()
    }
}

/// Binds `address` (port 0: a free port).
pub fn bind(address: SocketAddr) -> Result<Bound, ServeError> {
    use socket2::{Domain, Socket, Type};
    let error = |source| ServeError::Bind { address, source };
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, None).map_err(error)?;
    socket.set_reuse_address(true).map_err(error)?;
    socket.bind(&address.into()).map_err(error)?;
    Ok(Bound(socket))
}

/// Listens on `bound` and serves `state` until SIGINT or SIGTERM, then stops the workers and
/// the connection layer's threads (waiting for the requests under way, at most the query time
/// limit and a second), joins the thread that reads what the pages keep (`State::warm_up`,
/// started as the server listens) and returns.
pub fn serve(state: State, bound: Bound) -> Result<(), ServeError> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).map_err(ServeError::Signals)?;
    let address = bound.local_addr().ok_or_else(|| {
        ServeError::Runtime(std::io::Error::other(
            "the bound address is not an IP address",
        ))
    })?;
    bound
        .0
        .listen(1024)
        .map_err(|source| ServeError::Bind { address, source })?;
    let listener = TcpListener::from(bound.0);
    let state = Arc::new(state);
    let runtime =
        connection::runtime(state.options.limits.max_connections).map_err(ServeError::Runtime)?;
    connection::spawn(&runtime, listener, Arc::clone(&state)).map_err(ServeError::Runtime)?;
    (state.log)(&Event::Listening(address));
    // The rest of the graph is added here, on the thread that built the first part: the store's
    // memory then stays in one allocator arena (from another thread, the server held 96 MiB
    // more with bench/serve_scale.py's data). A signal meanwhile is taken once it is in.
    let started = Instant::now();
    let loaded = match state.finish_loading() {
        Ok(added) => {
            if added {
                (state.log)(&Event::Loaded(started.elapsed()));
            }
            true
        }
        Err(error) => {
            (state.log)(&Event::LoadFailed(error.to_string()));
            false
        }
    };
    // What the pages keep is read meanwhile, so that the first visitors do not wait for it.
    let warm = Arc::clone(&state);
    let warming = std::thread::spawn(move || {
        if loaded {
            warm.warm_up();
            (warm.log)(&Event::Ready(started.elapsed()));
        }
    });
    if let Some(signal) = signals.forever().next() {
        let name = if signal == SIGINT {
            "SIGINT"
        } else {
            "SIGTERM"
        };
        (state.log)(&Event::Stopping(name));
    }
    state.engine.shutdown();
    runtime.shutdown_timeout(state.options.limits.timeout + Duration::from_secs(1));
    let _ = warming.join();
    Ok(())
}

/// Handles a request and logs it: method, path, status, milliseconds.
fn logged(state: &State, request: &mut oxhttp::model::Request<oxhttp::model::Body>) -> http::Reply {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let reply = handle(state, request);
    (state.log)(&Event::Request {
        method: method.to_string(),
        path,
        status: reply.status().as_u16(),
        millis: started.elapsed().as_millis(),
    });
    reply
}
