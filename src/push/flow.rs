//! The order of a push, per protocol. With the Graph Store Protocol each graph goes straight
//! into place, and a failure names the graphs already replaced. With SPARQL Update every graph
//! goes into its staging graph ([`super::staging`]), then one request moves them all into
//! place; a failure before drops the staging graphs and leaves every target graph as it was.

use super::http::Client;
use super::send::{retry, upload};
use super::{staging, update, GraphReport, GraphUpload, Plan, Progress, PushError};
use oxigraph::model::NamedNode;
use std::time::{Duration, Instant};
use ureq::http::Method;

/// "facts <IRI>".
fn named(graph: &GraphUpload) -> String {
    format!("{} <{}>", graph.name, graph.iri.as_str())
}

/// Sends one graph into `into` and reports it.
fn send_one(
    plan: &Plan,
    graph: &GraphUpload,
    into: &NamedNode,
    client: &Client,
    retries: u32,
    size: &mut usize,
    progress: &mut dyn Progress,
) -> Result<GraphReport, PushError> {
    let started = Instant::now();
    let sent = upload(plan, graph, into, client, retries, size, progress)?;
    let report = GraphReport {
        name: graph.name.clone(),
        iri: graph.iri.as_str().to_owned(),
        sent: sent.triples,
        requests: sent.requests,
        elapsed: started.elapsed(),
        stored: None,
    };
    progress.uploaded(graph, &report);
    Ok(report)
}

/// Graph Store Protocol: each graph straight into place; a failure names the graphs already
/// replaced, and the one being sent if the store had taken a request of it.
pub(super) fn push_graph_store(
    plan: &Plan,
    client: &Client,
    retries: u32,
    progress: &mut dyn Progress,
) -> Result<Vec<GraphReport>, PushError> {
    let mut size = plan.chunk_size;
    let mut reports = Vec::with_capacity(plan.graphs.len());
    for graph in &plan.graphs {
        let mut watch = Watch {
            inner: &mut *progress,
            touched: false,
        };
        match send_one(
            plan, graph, &graph.iri, client, retries, &mut size, &mut watch,
        ) {
            Ok(report) => reports.push(report),
            Err(error) if reports.is_empty() && !watch.touched => return Err(error),
            Err(error) => {
                return Err(PushError::Incomplete {
                    error: Box::new(error),
                    replaced: plan.graphs[..reports.len()].iter().map(named).collect(),
                    failed: watch.touched.then(|| named(graph)),
                })
            }
        }
    }
    Ok(reports)
}

/// Passes progress on, noting whether the store took a request.
struct Watch<'a> {
    inner: &'a mut dyn Progress,
    touched: bool,
}

impl Progress for Watch<'_> {
    fn sent(&mut self, graph: &GraphUpload, sent: usize) {
        self.touched = true;
        self.inner.sent(graph, sent);
    }
    fn retrying(&mut self, what: &str, reason: &str, attempt: u32, attempts: u32, wait: Duration) {
        self.inner.retrying(what, reason, attempt, attempts, wait);
    }
    fn halved(&mut self, graph: &GraphUpload, refused: usize, size: usize) {
        self.inner.halved(graph, refused, size);
    }
    fn uploaded(&mut self, graph: &GraphUpload, report: &GraphReport) {
        self.inner.uploaded(graph, report);
    }
}

/// SPARQL Update: every graph into its staging graph, then one request moves them all into
/// place; on a failure the staging graphs are dropped.
pub(super) fn push_staged(
    plan: &Plan,
    client: &Client,
    retries: u32,
    progress: &mut dyn Progress,
) -> Result<Vec<GraphReport>, PushError> {
    let run = staging::run_id();
    let staging: Vec<NamedNode> = plan
        .graphs
        .iter()
        .enumerate()
        .map(|(i, g)| staging::iri(&run, i, &g.name))
        .collect();
    let not_applied = |error: PushError, swapping: bool| PushError::NotApplied {
        error: Box::new(error),
        swapping,
        cleanup: client
            .send(
                &Method::POST,
                &plan.target.url,
                update::SPARQL_UPDATE,
                None,
                staging::drop_all(&staging).into_bytes(),
            )
            .map(|_| ())
            .map_err(|f| {
                f.into_error("dropping", &plan.target.url.to_string(), 1)
                    .to_string()
            }),
        staging: staging.iter().map(|g| g.as_str().to_owned()).collect(),
    };
    let mut size = plan.chunk_size;
    let mut reports = Vec::with_capacity(plan.graphs.len());
    for (graph, into) in plan.graphs.iter().zip(&staging) {
        match send_one(plan, graph, into, client, retries, &mut size, progress) {
            Ok(report) => reports.push(report),
            Err(error) => return Err(not_applied(error, false)),
        }
    }
    let swap: Vec<(NamedNode, NamedNode, bool)> = plan
        .graphs
        .iter()
        .zip(&staging)
        .map(|(g, s)| (s.clone(), g.iri.clone(), g.triples() == 0))
        .collect();
    let what = "moving the staging graphs into place (MOVE)";
    retry(what, &plan.target.url, retries, progress, |_| {
        client.send(
            &Method::POST,
            &plan.target.url,
            update::SPARQL_UPDATE,
            None,
            staging::swap(&swap).into_bytes(),
        )
    })
    .map_err(|error| not_applied(error, true))?;
    Ok(reports)
}
