//! `cica-kg serve`: the knowledge graph on the web, for programs and for people.
//!
//! - **SPARQL 1.1 Protocol** at `/sparql` ([`sparql`]), with a service description
//!   ([`description`]), and the **Graph Store Protocol**, read-only, at `/store` ([`store`]);
//! - **Linked Data**: every IRI of the data under the base answers at its path with content
//!   negotiation, and so does the ontology ([`ld`]);
//! - **pages** for people who do not write SPARQL ([`pages`]): home with a timeline, entity,
//!   query and article pages, rendered on the server from templates that escape by default.
//!
//! The server is oxhttp's (one thread per connection, as Oxigraph's own server; an async stack
//! would add many crates for no gain with a synchronous store). [`handler::handle`] is a plain
//! function from a request to a response, tested in-process. The queries of clients are
//! evaluated by an [`Engine`]: in `cica-kg serve`, worker processes that are killed when a
//! query passes its time limit ([`pool`], [`worker`]). The server is read-only: updates and
//! writes answer 403. One line per request goes to standard error; SIGINT and SIGTERM stop
//! it cleanly.

mod cache;
pub mod description;
pub mod engine;
pub mod formats;
pub mod handler;
pub mod http;
pub mod ld;
pub mod negotiate;
pub mod pages;
pub mod pool;
pub mod sparql;
mod state;
pub mod store;
#[cfg(test)]
mod tests;
pub mod worker;

pub use engine::{Engine, Job, RunError, Services};
pub use handler::handle;
pub use pool::{Pool, PoolError};
pub use state::{Limits, Options, State};

use crate::query::QueryError;
use crate::rdf::StoreError;
use std::net::SocketAddr;
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
    /// The signal handlers could not be installed.
    #[error("cannot watch for SIGINT and SIGTERM: {0}")]
    Signals(std::io::Error),
}

/// How long a connection may stay silent (while sending a request, or idle between two).
pub const IO_TIMEOUT: Duration = Duration::from_secs(30);

/// Serves `state` on `address` until SIGINT or SIGTERM, then stops the workers and returns.
pub fn serve(state: State, address: SocketAddr) -> Result<(), ServeError> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).map_err(ServeError::Signals)?;
    let state = Arc::new(state);
    let connections = state.options.limits.max_connections;
    let shared = Arc::clone(&state);
    let server = oxhttp::Server::new(move |request| logged(&shared, request))
        .bind(address)
        .with_global_timeout(IO_TIMEOUT)
        .with_max_concurrent_connections(connections);
    let server = server
        .with_server_name(concat!("cica-kg/", env!("CARGO_PKG_VERSION")))
        .expect("the server name is a valid header value");
    let _listening = server
        .spawn()
        .map_err(|source| ServeError::Bind { address, source })?;
    eprintln!(
        "cica-kg serve: listening on http://{address}/ (SPARQL endpoint /sparql, graph store /store); Ctrl-C stops it"
    );
    if let Some(signal) = signals.forever().next() {
        let name = if signal == SIGINT {
            "SIGINT"
        } else {
            "SIGTERM"
        };
        eprintln!("cica-kg serve: {name} received; stopping");
    }
    state.engine.shutdown();
    Ok(())
}

/// Handles a request and logs it: method, path, status, milliseconds.
fn logged(state: &State, request: &mut oxhttp::model::Request<oxhttp::model::Body>) -> http::Reply {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let reply = handle(state, request);
    eprintln!(
        "{method} {path} {} {} ms",
        reply.status().as_u16(),
        started.elapsed().as_millis()
    );
    reply
}
