//! The two exchanges with a reconciliation service: the manifest (a GET of the service URL)
//! and a batch of queries (a POST of a `queries=` form), each within the timeout and the size
//! cap, with a service that does not answer in time said to be so.

use super::{ReconcileError, Service};
use crate::vocab::wikidata::WD_NAMESPACE;
use oxhttp::model::header::{ACCEPT, CONTENT_TYPE};
use oxhttp::model::{Method, Request};
use serde::Deserialize;
use std::io::{self, Read};

/// The most an answer may weigh.
const MAX_ANSWER_BYTES: u64 = 16 * 1024 * 1024;

/// How many queries a request holds when the manifest does not say.
pub(super) const DEFAULT_BATCH_SIZE: usize = 10;

/// The fields of the service manifest that matter here.
#[derive(Deserialize)]
struct Manifest {
    #[serde(rename = "identifierSpace")]
    identifier_space: String,
    /// Read to check that the manifest is one (the specification requires it).
    #[serde(rename = "schemaSpace")]
    #[allow(dead_code)]
    schema_space: String,
    #[serde(rename = "batchSize", default)]
    batch_size: Option<usize>,
}

/// Reads the service's manifest: checks that its identifiers are Wikidata's, and returns how
/// many queries a request may hold.
pub(super) fn manifest(service: &Service) -> Result<usize, ReconcileError> {
    let endpoint = service.endpoint.to_string();
    let malformed = |why: String| ReconcileError::Malformed {
        endpoint: endpoint.clone(),
        why,
    };
    let body = exchange(service, Method::GET, None)?;
    let manifest: Manifest = serde_json::from_slice(&body).map_err(|e| {
        malformed(format!(
            "its manifest (the answer to a GET of the service URL) is not one: {e}"
        ))
    })?;
    if manifest.identifier_space != WD_NAMESPACE {
        return Err(ReconcileError::NotWikidata {
            endpoint,
            identifier_space: manifest.identifier_space,
        });
    }
    match manifest.batch_size {
        Some(0) => Err(malformed(
            "its manifest gives a batchSize of 0; a batch holds at least one query".to_owned(),
        )),
        Some(n) => Ok(n),
        None => Ok(DEFAULT_BATCH_SIZE),
    }
}

/// POSTs the form and reads the answer.
pub(super) fn send(service: &Service, form: &str) -> Result<Vec<u8>, ReconcileError> {
    exchange(service, Method::POST, Some(form))
}

/// Sends a request to the service URL and reads the answer, within the timeout and the cap.
fn exchange(
    service: &Service,
    method: Method,
    form: Option<&str>,
) -> Result<Vec<u8>, ReconcileError> {
    let endpoint = service.endpoint.to_string();
    let seconds = service.timeout.as_secs();
    let unreachable = |e: io::Error| ReconcileError::Unreachable {
        endpoint: endpoint.clone(),
        why: match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                format!("it did not answer within {seconds} s")
            }
            _ => e.to_string(),
        },
    };
    let other = |why: String| ReconcileError::Unreachable {
        endpoint: endpoint.clone(),
        why,
    };
    let client = oxhttp::Client::new()
        .with_global_timeout(service.timeout)
        .with_user_agent(concat!(
            "cica-kg/",
            env!("CARGO_PKG_VERSION"),
            " (reconciliation)"
        ))
        .map_err(|e| other(e.to_string()))?;
    let mut request = Request::builder()
        .method(method)
        .uri(service.endpoint.clone())
        .header(ACCEPT, "application/json");
    if form.is_some() {
        request = request.header(CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let request = request
        .body(form.unwrap_or_default().as_bytes().to_vec())
        .map_err(|e| other(e.to_string()))?;
    let response = client.request(request).map_err(unreachable)?;
    let status = response.status();
    let mut body = Vec::new();
    response
        .into_body()
        .take(MAX_ANSWER_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(unreachable)?;
    if body.len() as u64 > MAX_ANSWER_BYTES {
        return Err(ReconcileError::Malformed {
            endpoint,
            why: format!("the answer is larger than {MAX_ANSWER_BYTES} bytes"),
        });
    }
    if !status.is_success() {
        let excerpt: String = String::from_utf8_lossy(&body)
            .trim()
            .chars()
            .take(300)
            .collect();
        return Err(ReconcileError::Status {
            endpoint,
            status: status.as_u16(),
            excerpt,
        });
    }
    Ok(body)
}
