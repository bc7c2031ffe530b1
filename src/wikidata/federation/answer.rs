//! One SERVICE exchange: POST the query with Oxigraph's HTTP client (oxhttp), read the answer
//! within the deadline and the size cap, and parse it with Oxigraph's SPARQL results parser.
//! Nothing here speaks HTTP or parses results by hand.

use super::ServiceFailure;
use crate::input;
use crate::input::Cap;
use oxhttp::model::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE};
use oxhttp::model::{Method, Request, StatusCode, Uri};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::QuerySolutionIter;
use std::io::{self, Read};
use std::time::{Duration, Instant};

/// The media types asked for, in order of preference.
const ACCEPTED: &str = "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.8, text/csv;q=0.7";

/// Why an exchange failed, and what to say about it.
pub(super) type Failure = (ServiceFailure, String);

/// What the endpoint answered.
pub(super) struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// POSTs `query` to `uri` and reads the answer before `timeout` has passed, refusing one
/// larger than `cap`.
pub(super) fn send(
    client: &oxhttp::Client,
    uri: &Uri,
    query: String,
    timeout: Duration,
    cap: Cap,
) -> Result<Answer, Failure> {
    let deadline = Instant::now() + timeout;
    let io_fail = |error: io::Error| io_failure(error, timeout);
    let request = Request::builder()
        .method(Method::POST)
        .uri(uri.clone())
        .header(ACCEPT, ACCEPTED)
        .header(CONTENT_TYPE, "application/sparql-query; charset=utf-8")
        .body(query.into_bytes())
        .map_err(|e| {
            (
                ServiceFailure::Other,
                format!("cannot build the request: {e}"),
            )
        })?;
    let response = client.request(request).map_err(io_fail)?;
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let too_large = || {
        (
            ServiceFailure::TooLarge,
            format!("the answer is larger than the {cap} cap; raise the service answer cap, or ask for less inside SERVICE"),
        )
    };
    if header(CONTENT_LENGTH)
        .parse::<u64>()
        .is_ok_and(|length| length > cap.0)
    {
        return Err(too_large());
    }
    let (status, content_type) = (response.status(), header(CONTENT_TYPE));
    let mut body = Vec::new();
    input::Deadline {
        inner: response.into_body(),
        deadline,
    }
    .take(cap.0.saturating_add(1))
    .read_to_end(&mut body)
    .map_err(io_fail)?;
    if body.len() as u64 > cap.0 {
        return Err(too_large());
    }
    Ok(Answer {
        status,
        content_type,
        body,
    })
}

/// Says what an I/O error of the exchange means.
fn io_failure(error: io::Error, timeout: Duration) -> Failure {
    let seconds = timeout.as_secs();
    match error.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => (
            ServiceFailure::TimedOut,
            format!("no answer within {seconds} s; raise the service timeout (now {seconds} s) or try again later"),
        ),
        io::ErrorKind::ConnectionRefused => (
            ServiceFailure::Unreachable,
            format!("cannot connect ({error}); check that the endpoint is running at that address, or map the service to a reachable endpoint (IRI=URL)"),
        ),
        _ => (
            ServiceFailure::Unreachable,
            format!("the request failed ({error}); check the endpoint's address and the network, or map the service to a reachable endpoint (IRI=URL)"),
        ),
    }
}

/// Reads a SELECT answer with Oxigraph's results parser.
pub(super) fn solutions(
    content_type: &str,
    body: Vec<u8>,
) -> Result<QuerySolutionIter<'static>, String> {
    let format = QueryResultsFormat::from_media_type(content_type).ok_or_else(|| {
        format!(
            "the answer is '{content_type}', not SPARQL results (JSON, XML, CSV or TSV); check that the URL is a SPARQL query endpoint, such as http://HOST:PORT/query for an Oxigraph server"
        )
    })?;
    let parsed = QueryResultsParser::from_format(format)
        .for_reader(io::Cursor::new(body))
        .map_err(|e| format!("the answer is not valid {}: {e}", format.name()))?;
    let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else {
        return Err(
            "the answer is a boolean, not solutions; SERVICE needs a SELECT answer".to_owned(),
        );
    };
    let variables = solutions.variables().to_vec();
    let rows = solutions
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("the answer has a bad solution: {e}"))?;
    Ok(QuerySolutionIter::new(
        variables.into(),
        rows.into_iter().map(Ok),
    ))
}
