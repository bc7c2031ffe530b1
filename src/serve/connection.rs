//! The connection layer: HTTP/1.1 over TCP with hyper, in front of the plain
//! [`handle`](super::handle) function.
//!
//! Why hyper and not oxhttp's server (which Oxigraph uses, and this server used before):
//! oxhttp gives each connection a thread and a read timeout *per read*, so 128 connections
//! that send a header byte every 10 s held every slot and every other client waited (issue 17;
//! measured: an `ASK {}` took until the attackers gave up); it reads each request through a new
//! buffer, so a pipelined second request was lost (answered 500 after 30 s); and its handler
//! cannot see the socket, so a client that disconnects cannot cancel its query. hyper's
//! HTTP/1 server has a total deadline for a request's head (which also closes idle keep-alive
//! connections), keeps pipelined requests, and drops the request's future when the client
//! goes away mid-request; a connection costs a task, not a thread, until its head has arrived.
//! Measured with `bench/serve.sh attacks` (2 cores, `ASK {}` every 50 ms): on oxhttp's server
//! (main at 3599806, a debug build) the ASK under a 256-connection slowloris failed after 30 s,
//! and under two runaway clients took 8.6–10 s; behind hyper, medians 0.5 ms (slowloris),
//! 7.3 ms and 2.2 ms (runaway clients hanging up, or waiting), and the throughput of
//! `bench/serve.sh` went on meeting its target (1.83× and 2.07× Oxigraph's at 8 and 32
//! clients). See BENCHMARKS.md.
//!
//! Per connection: the head must arrive within `read_timeout` of when the server starts
//! waiting for it (so a connection idle that long after its last answer is closed too), then
//! the body within another `read_timeout` (408 beyond), kept up to one byte past
//! `max_body_bytes` (the handler answers 413; the rest is read and dropped, up to 64 MiB, so
//! that the client reads the answer). The handler runs on a blocking thread with the
//! request's [`Client`] in its extensions; when hyper drops the request (the client closed the
//! connection), the client's [`Cancel`](super::clients::Cancel) flag is raised and its query's
//! worker is killed. An answer must be taken too: a write to the client that makes no progress
//! for `read_timeout` (its buffers full: it reads nothing) closes the connection. At most
//! `max_connections` connections are open; more wait to be accepted.

use super::clients::Client;
use super::{Event, State};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode};
use std::convert::Infallible;
use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;

/// The value of the `Server` header.
const SERVER: &str = concat!("cica-kg/", env!("CARGO_PKG_VERSION"));

/// Serves `listener` on `runtime` until the runtime is shut down.
pub fn spawn(
    runtime: &tokio::runtime::Runtime,
    listener: std::net::TcpListener,
    state: Arc<State>,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = {
        let _entered = runtime.enter();
        tokio::net::TcpListener::from_std(listener)?
    };
    runtime.spawn(accept(listener, state));
    Ok(())
}

/// The runtime of the connection layer: a few threads for the connections, and blocking
/// threads for the handlers (at most one per connection).
pub fn runtime(max_connections: usize) -> std::io::Result<tokio::runtime::Runtime> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores.clamp(1, 4))
        .max_blocking_threads(max_connections + 4)
        .thread_name("cica-kg serve")
        .enable_io()
        .enable_time()
        .build()
}

/// Accepts connections, at most `max_connections` open at once.
async fn accept(listener: tokio::net::TcpListener, state: Arc<State>) {
    let permits = Arc::new(Semaphore::new(state.options.limits.max_connections));
    loop {
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            return;
        };
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of file descriptors, most often: wait for some to be closed.
                (state.log)(&Event::CannotAccept(error.to_string()));
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let read_timeout = state.options.limits.read_timeout;
            let log = Arc::clone(&state.log);
            let service = service_fn(move |request| respond(Arc::clone(&state), peer, request));
            // A write that takes nothing for `read_timeout` fails: a client that reads none of
            // its answers holds no connection (its socket buffers full, the write would wait
            // for ever).
            let mut stream = TimeoutStream::new(stream);
            stream.set_write_timeout(Some(read_timeout));
            let served = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(read_timeout)
                .serve_connection(TokioIo::new(Box::pin(stream)), service)
                .await;
            if let Err(error) = served {
                let seconds = read_timeout.as_secs_f64();
                if error.is_timeout() {
                    log(&Event::HeadTimedOut { peer, seconds });
                } else if write_timed_out(&error) {
                    log(&Event::WriteTimedOut { peer, seconds });
                }
            }
            drop(permit);
        });
    }
}

/// Whether hyper's `error` is a write that timed out (tokio-io-timeout's `TimedOut`).
fn write_timed_out(error: &hyper::Error) -> bool {
    std::error::Error::source(error)
        .and_then(|source| source.downcast_ref::<std::io::Error>())
        .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
}

/// Raises the client's cancel flag when dropped before [`Disarm::disarm`]: hyper drops the
/// request's future when its client disconnects.
struct Disarm(Option<Client>);

impl Disarm {
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for Disarm {
    fn drop(&mut self) {
        if let Some(client) = self.0.take() {
            client.cancel.cancel();
        }
    }
}

/// Reads the body (within the deadline and one byte past the limit), then has the handler
/// answer on a blocking thread.
async fn respond(
    state: Arc<State>,
    peer: SocketAddr,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let limits = &state.options.limits;
    let (parts, incoming) = request.into_parts();
    let read = read_body(incoming, limits.max_body_bytes + 1);
    let bytes = match tokio::time::timeout(limits.read_timeout, read).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(error)) => {
            return Ok(closing(
                StatusCode::BAD_REQUEST,
                format!("cannot read the request body: {error}"),
            ))
        }
        Err(_) => {
            return Ok(closing(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the request body did not arrive within {} s (the server's --read-timeout); send it at once",
                    limits.read_timeout.as_secs_f64()
                ),
            ))
        }
    };
    let client = Client::new(peer.ip());
    let guard = Disarm(Some(client.clone()));
    let answered = tokio::task::spawn_blocking(move || {
        // oxhttp's body is not Send: the request is made on the thread that handles it.
        let mut request = Request::from_parts(parts, Body::from(bytes));
        request.extensions_mut().insert(client);
        let reply = super::logged(&state, &mut request);
        let (parts, mut body) = reply.into_parts();
        let mut bytes = Vec::new();
        let _ = body.read_to_end(&mut bytes);
        (parts, bytes)
    })
    .await;
    guard.disarm();
    Ok(match answered {
        Ok((mut parts, bytes)) => {
            parts
                .headers
                .insert("server", HeaderValue::from_static(SERVER));
            hyper::Response::from_parts(parts, Full::new(Bytes::from(bytes)))
        }
        Err(error) => closing(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the request's handler failed: {error}"),
        ),
    })
}

/// How much of a body past `--max-body-bytes` is read and dropped before the 413 answer.
const DISCARDED: usize = 64 << 20;

/// The body's bytes, at most `most` of them. The rest of a longer body is read and dropped (up
/// to [`DISCARDED`] bytes, within the caller's deadline): a client still sending it then reads
/// the 413 answer, where closing on it would have reset the connection under its feet (its
/// write fails with "broken pipe" before it reads the answer).
async fn read_body(mut incoming: Incoming, most: usize) -> Result<Vec<u8>, hyper::Error> {
    let mut bytes = Vec::new();
    let mut dropped = 0usize;
    while let Some(frame) = incoming.frame().await {
        if let Ok(data) = frame?.into_data() {
            let room = most - bytes.len();
            bytes.extend_from_slice(&data[..data.len().min(room)]);
            dropped += data.len().saturating_sub(room);
            if dropped > DISCARDED {
                break;
            }
        }
    }
    Ok(bytes)
}

/// A plain-text answer after which the connection is closed.
fn closing(status: StatusCode, message: String) -> hyper::Response<Full<Bytes>> {
    let mut reply = Response::new(Full::new(Bytes::from(format!("{message}\n"))));
    *reply.status_mut() = status;
    let headers = reply.headers_mut();
    headers.insert(
        "content-type",
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert("connection", HeaderValue::from_static("close"));
    headers.insert("server", HeaderValue::from_static(SERVER));
    reply
}
