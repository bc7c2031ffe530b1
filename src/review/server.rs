//! The review server's connections: HTTP/1.1 with hyper on a small tokio runtime, in front of
//! the plain [`handle`] function. A request's head must arrive within
//! [`READ_TIMEOUT`], then its body within another; a body over [`MAX_BODY_BYTES`] is not read
//! further (413); at most [`MAX_CONNECTIONS`] connections are open. It listens only on the
//! listener it is given (bound by the caller where the person asked).

use super::{handle, State, MAX_BODY_BYTES, MAX_CONNECTIONS, READ_TIMEOUT};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::StatusCode;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Serves `listener` until the process ends; returns only if it cannot start.
pub fn serve(listener: std::net::TcpListener, state: Arc<State>) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(MAX_CONNECTIONS)
        .thread_name("cica-kg review")
        .enable_io()
        .enable_time()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        loop {
            let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
                return Ok(());
            };
            let Ok((stream, _)) = listener.accept().await else {
                // Out of file descriptors, most often: wait for some to be closed.
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                continue;
            };
            let state = Arc::clone(&state);
            tokio::spawn(async move {
                let service = service_fn(move |request| respond(Arc::clone(&state), request));
                let _ = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(READ_TIMEOUT)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
                drop(permit);
            });
        }
    })
}

/// Reads the body within its deadline and size, then has the handler answer on a blocking
/// thread (it reads and writes files).
async fn respond(
    state: Arc<State>,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let (parts, incoming) = request.into_parts();
    let read = Limited::new(incoming, MAX_BODY_BYTES).collect();
    let body = match tokio::time::timeout(READ_TIMEOUT, read).await {
        Ok(Ok(collected)) => collected.to_bytes().to_vec(),
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => {
            return Ok(plain(StatusCode::PAYLOAD_TOO_LARGE, format!("the request body is larger than {MAX_BODY_BYTES} bytes; a decision is a few hundred")));
        }
        Ok(Err(error)) => {
            return Ok(plain(
                StatusCode::BAD_REQUEST,
                format!("cannot read the request body: {error}"),
            ))
        }
        Err(_) => {
            return Ok(plain(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the request body did not arrive within {} s",
                    READ_TIMEOUT.as_secs()
                ),
            ));
        }
    };
    let request = hyper::Request::from_parts(parts, body);
    let answered = tokio::task::spawn_blocking(move || handle(&state, &request)).await;
    Ok(match answered {
        Ok(response) => response.map(|b| Full::new(Bytes::from(b))),
        Err(error) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the request's handler failed: {error}"),
        ),
    })
}

/// A plain-text answer, after which the connection is closed.
fn plain(status: StatusCode, message: String) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::new(Full::new(Bytes::from(format!("{message}\n"))));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        "content-type",
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(
        "connection",
        hyper::header::HeaderValue::from_static("close"),
    );
    response
}
