//! Sending one graph's triples into one graph of the store, and trying again. The chunks of
//! the plan go in order (the first request replaces the graph, the others add to it); when the
//! store refuses a request for its size (413, or a 400 or 500 that says so, such as Virtuoso's
//! "SP031 ... exceeded 10000 lines"), the chunk is halved and sent again, down to
//! [`MIN_CHUNK`] triples, and the later chunks are cut to the size that was taken. A failure
//! worth another attempt (a connection error, a 5xx) sends the whole graph again from its
//! first request, after a backoff, so the graph ends up exactly as planned even when the store
//! had applied part of a failed attempt.

use super::http::{Client, Failure};
use super::plan::GraphUpload;
use super::{chunk, gsp, update, Plan, Progress, Protocol, PushError};
use oxigraph::model::{NamedNode, Triple};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::time::Duration;
use ureq::http::{Method, Uri};

/// The smallest request halving goes down to, in triples: a store that refuses this many
/// in one request is not refusing them for their number.
pub const MIN_CHUNK: usize = 100;

/// How one graph went.
pub(crate) struct Sent {
    /// Triples sent.
    pub triples: usize,
    /// Requests made, retries and halved requests included.
    pub requests: usize,
}

/// Sends `graph` into the store's graph `into`, trying it again whole after a retryable
/// failure; `size` is the largest chunk the store takes, lowered when it refuses one.
pub(crate) fn upload(
    plan: &Plan,
    graph: &GraphUpload,
    into: &NamedNode,
    client: &Client,
    retries: u32,
    size: &mut usize,
    progress: &mut dyn Progress,
) -> Result<Sent, PushError> {
    let what = format!("sending graph {} <{}>", graph.name, graph.iri.as_str());
    let url = target_url(plan, into);
    let mut requests = 0;
    let triples = retry(&what, &url, retries, progress, |progress| {
        send_graph(plan, graph, into, client, size, &mut requests, progress)
    })?;
    Ok(Sent { triples, requests })
}

/// Where the requests of graph `into` go.
fn target_url(plan: &Plan, into: &NamedNode) -> Uri {
    match plan.target.protocol {
        Protocol::GraphStore => gsp::graph_url(&plan.target.url, into),
        Protocol::Update => plan.target.url.clone(),
    }
}

/// One attempt: every chunk of `graph`, in order, halving those the store finds too large.
fn send_graph(
    plan: &Plan,
    graph: &GraphUpload,
    into: &NamedNode,
    client: &Client,
    size: &mut usize,
    requests: &mut usize,
    progress: &mut dyn Progress,
) -> Result<usize, Failure> {
    let mut pending: VecDeque<Cow<'_, [Triple]>> =
        graph.chunks.iter().map(|c| Cow::Borrowed(&c[..])).collect();
    if pending.is_empty() {
        // An empty graph: one request that only empties it.
        pending.push_back(Cow::Borrowed(&[]));
    }
    let (mut first, mut sent) = (true, 0);
    while let Some(piece) = pending.pop_front() {
        if piece.len() > *size {
            let parts = chunk::chunks(piece.to_vec(), *size);
            if parts.len() > 1 {
                push_front_all(&mut pending, parts);
                continue;
            }
        }
        let (method, content_type, body) = request(plan, into, &piece, first);
        *requests += 1;
        match client.send(&method, &target_url(plan, into), content_type, None, body) {
            Ok(_) => {
                first = false;
                sent += piece.len();
                progress.sent(graph, sent);
            }
            Err(failure) if failure.request_too_large() && piece.len() > MIN_CHUNK => {
                let half = piece.len().div_ceil(2);
                let parts = chunk::chunks(piece.to_vec(), half);
                if parts.len() < 2 {
                    // One group of triples joined by blank nodes: it cannot be cut.
                    return Err(failure);
                }
                *size = half.min(*size);
                progress.halved(graph, piece.len(), half);
                push_front_all(&mut pending, parts);
            }
            Err(failure) => return Err(failure),
        }
    }
    Ok(sent)
}

/// Puts `parts` in front of `queue`, in their order.
fn push_front_all(queue: &mut VecDeque<Cow<'_, [Triple]>>, parts: Vec<Vec<Triple>>) {
    for part in parts.into_iter().rev() {
        queue.push_front(Cow::Owned(part));
    }
}

/// The method, media type and body of the request that sends `triples` into `into`.
fn request(
    plan: &Plan,
    into: &NamedNode,
    triples: &[Triple],
    first: bool,
) -> (Method, &'static str, Vec<u8>) {
    match plan.target.protocol {
        Protocol::GraphStore => (
            if first { Method::PUT } else { Method::POST },
            gsp::N_TRIPLES,
            gsp::body(triples),
        ),
        Protocol::Update => (
            Method::POST,
            update::SPARQL_UPDATE,
            update::body(into, triples, first).into_bytes(),
        ),
    }
}

/// Runs `call` until it succeeds, fails for good, or has failed `retries + 1` times.
pub(crate) fn retry<T>(
    what: &str,
    url: &Uri,
    retries: u32,
    progress: &mut dyn Progress,
    mut call: impl FnMut(&mut dyn Progress) -> Result<T, Failure>,
) -> Result<T, PushError> {
    let attempts = retries + 1;
    let mut attempt = 1;
    loop {
        match call(progress) {
            Ok(value) => return Ok(value),
            Err(Failure::Retry(reason)) if attempt < attempts => {
                let wait = backoff(attempt);
                progress.retrying(what, &reason, attempt, attempts, wait);
                std::thread::sleep(wait);
                attempt += 1;
            }
            Err(failure) => return Err(failure.into_error(what, &url.to_string(), attempts)),
        }
    }
}

/// The wait before attempt `attempt + 1`: half a second, doubling each time, at most 8 s.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(500 << attempt.saturating_sub(1).min(4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_bound() {
        let waits: Vec<u64> = (1..=7).map(|a| backoff(a).as_millis() as u64).collect();
        assert_eq!(waits, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
    }
}
