//! Federated queries: the `SERVICE` calls of `cica-kg query`.
//!
//! Oxigraph evaluates `SERVICE <endpoint> { ... }` by handing the inner pattern to a
//! [`DefaultServiceHandler`]. Its own handler sends the call to the IRI as written, with no
//! time limit by default and with errors that do not always say which endpoint failed.
//! [`ServiceHandler`] replaces it so that
//!
//! - `--service-map IRI=URL` sends the calls for a service IRI to another URL (a mirror, or a
//!   local Oxigraph server loaded with a fixture in the tests), while the query keeps the IRI
//!   its readers know, such as `<https://query.wikidata.org/sparql>`;
//! - `--service-timeout SECONDS` bounds the whole exchange (connecting, sending, and reading
//!   the results);
//! - every failure names the service IRI, the URL it was sent to, and what to do.
//!
//! The request is the SPARQL 1.1 protocol's "query via POST directly" (as Oxigraph's own
//! handler sends it), made with Oxigraph's HTTP client (oxhttp); the answer is read with
//! Oxigraph's SPARQL results parser. Nothing here speaks HTTP or parses results by hand.

use anyhow::{anyhow, bail, Result};
use oxhttp::model::header::{ACCEPT, CONTENT_TYPE};
use oxhttp::model::{Method, Request, Uri};
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{DefaultServiceHandler, QuerySolutionIter};
use oxiri::Iri;
use spargebra::algebra::GraphPattern;
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::time::{Duration, Instant};

/// How long a `SERVICE` call may take when `--service-timeout` is not given: the limit that
/// the Wikidata Query Service itself puts on a query.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 60;

/// The media types asked for, in order of preference.
const ACCEPTED: &str = "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.8, text/csv;q=0.7";

/// Reads `--service-map IRI=URL`: the service IRI as queries write it, and the http(s) URL of
/// the SPARQL endpoint to send its calls to.
pub fn parse_mapping(mapping: &str) -> Result<(NamedNode, Uri)> {
    let form = "write --service-map IRI=URL, such as --service-map https://query.wikidata.org/sparql=http://127.0.0.1:7878/query";
    // The IRI may itself contain '=' (in a query string): the URL starts at "=http".
    let split = ["=http://", "=https://"]
        .iter()
        .filter_map(|marker| mapping.find(marker))
        .min()
        .ok_or_else(|| {
            anyhow!(
                "--service-map {mapping}: no '=' followed by an http:// or https:// URL; {form}"
            )
        })?;
    let (iri, url) = (&mapping[..split], &mapping[split + 1..]);
    let iri = NamedNode::new(iri).map_err(|e| {
        anyhow!("--service-map {mapping}: the service '{iri}' is not an absolute IRI ({e}); {form}")
    })?;
    let uri = endpoint_uri(url).map_err(|e| anyhow!("--service-map {mapping}: {e}; {form}"))?;
    Ok((iri, uri))
}

/// Checks that `url` is an absolute http(s) URL with a host.
fn endpoint_uri(url: &str) -> Result<Uri> {
    let uri: Uri = url
        .parse()
        .map_err(|e| anyhow!("'{url}' is not a valid URL ({e})"))?;
    match uri.scheme_str() {
        Some("http" | "https") if uri.host().is_some() => Ok(uri),
        _ => bail!("'{url}' is not an http:// or https:// URL with a host"),
    }
}

/// The `SERVICE` handler of `cica-kg query`: rewrites endpoints with the service map, bounds
/// each call by the timeout, and explains failures.
pub struct ServiceHandler {
    map: BTreeMap<String, Uri>,
    timeout: Duration,
    client: oxhttp::Client,
}

impl ServiceHandler {
    /// A handler for the `--service-map` arguments and a timeout in seconds (at least 1).
    pub fn new(mappings: &[String], timeout_seconds: u64) -> Result<Self> {
        if timeout_seconds == 0 {
            bail!("--service-timeout must be at least 1 (seconds)");
        }
        let mut map = BTreeMap::new();
        for mapping in mappings {
            let (iri, uri) = parse_mapping(mapping)?;
            if let Some(previous) = map.insert(iri.as_str().to_owned(), uri) {
                bail!(
                    "--service-map maps <{}> twice (the first time to {previous}); keep one",
                    iri.as_str()
                );
            }
        }
        let timeout = Duration::from_secs(timeout_seconds);
        let client = oxhttp::Client::new()
            .with_global_timeout(timeout)
            .with_user_agent(concat!(
                "cica-kg/",
                env!("CARGO_PKG_VERSION"),
                " (SPARQL federated query; https://w3id.org/cica-kg/)"
            ))
            .map_err(|e| anyhow!("invalid User-Agent: {e}"))?;
        Ok(Self {
            map,
            timeout,
            client,
        })
    }

    /// Where the calls for `service` go: its mapped URL, or the service IRI itself.
    pub fn endpoint(&self, service: &NamedNode) -> Result<Uri, ServiceError> {
        if let Some(uri) = self.map.get(service.as_str()) {
            return Ok(uri.clone());
        }
        endpoint_uri(service.as_str()).map_err(|e| ServiceError {
            message: format!(
                "SERVICE <{}>: {e}, so it cannot be called; map it to a SPARQL endpoint with --service-map {}=http://HOST:PORT/PATH",
                service.as_str(),
                service.as_str()
            ),
        })
    }

    /// Sends `query` to the endpoint and reads the whole answer, within the timeout.
    fn call(
        &self,
        service: &NamedNode,
        uri: &Uri,
        query: String,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        let deadline = Instant::now() + self.timeout;
        let fail = |what: String| ServiceError {
            message: format!("SERVICE <{}> (sent to {uri}): {what}", service.as_str()),
        };
        let io_fail = |error: io::Error| {
            let seconds = self.timeout.as_secs();
            fail(match error.kind() {
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => format!(
                    "no answer within {seconds} s; raise --service-timeout (now {seconds}) or try again later"
                ),
                io::ErrorKind::ConnectionRefused => format!(
                    "cannot connect ({error}); check that the endpoint is running at that address, or map the service to a reachable endpoint with --service-map IRI=URL"
                ),
                _ => format!(
                    "the request failed ({error}); check the endpoint's address and the network, or map the service to a reachable endpoint with --service-map IRI=URL"
                ),
            })
        };
        let request = Request::builder()
            .method(Method::POST)
            .uri(uri.clone())
            .header(ACCEPT, ACCEPTED)
            .header(CONTENT_TYPE, "application/sparql-query; charset=utf-8")
            .body(query.into_bytes())
            .map_err(|e| fail(format!("cannot build the request: {e}")))?;
        let response = self.client.request(request).map_err(io_fail)?;
        let status = response.status();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let mut body = Vec::new();
        Deadline {
            inner: response.into_body(),
            deadline,
        }
        .read_to_end(&mut body)
        .map_err(io_fail)?;
        if !status.is_success() {
            let text = String::from_utf8_lossy(&body);
            let excerpt: String = text.trim().chars().take(500).collect();
            return Err(fail(format!(
                "the endpoint answered HTTP {status}: {excerpt}; check that the URL is a SPARQL query endpoint and that the query inside SERVICE is valid there"
            )));
        }
        let format = QueryResultsFormat::from_media_type(&content_type).ok_or_else(|| {
            fail(format!(
                "the answer is '{content_type}', not SPARQL results (JSON, XML, CSV or TSV); check that the URL is a SPARQL query endpoint, such as http://HOST:PORT/query for an Oxigraph server"
            ))
        })?;
        let parsed = QueryResultsParser::from_format(format)
            .for_reader(io::Cursor::new(body))
            .map_err(|e| fail(format!("the answer is not valid {}: {e}", format.name())))?;
        let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else {
            return Err(fail(
                "the answer is a boolean, not solutions; SERVICE needs a SELECT answer".to_owned(),
            ));
        };
        let variables = solutions.variables().to_vec();
        let mut rows = Vec::new();
        for solution in solutions {
            rows.push(solution.map_err(|e| fail(format!("the answer has a bad solution: {e}")))?);
        }
        Ok(QuerySolutionIter::new(
            variables.into(),
            rows.into_iter().map(Ok),
        ))
    }
}

impl DefaultServiceHandler for ServiceHandler {
    type Error = ServiceError;

    fn handle(
        &self,
        service_name: &NamedNode,
        pattern: &GraphPattern,
        base_iri: Option<&Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        let uri = self.endpoint(service_name)?;
        let query = spargebra::Query::Select {
            dataset: None,
            pattern: pattern.clone(),
            base_iri: base_iri.cloned(),
        }
        .to_string();
        self.call(service_name, &uri, query)
    }
}

/// Why a `SERVICE` call failed, naming the service, the URL and the fix.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ServiceError {
    message: String,
}

/// A reader that fails with `TimedOut` once its deadline has passed, so that a server that
/// trickles its answer cannot hold the query past `--service-timeout` (each single read is
/// already bounded by the socket timeout).
struct Deadline<R> {
    inner: R,
    deadline: Instant,
}

impl<R: Read> Read for Deadline<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if Instant::now() > self.deadline {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the deadline has passed",
            ));
        }
        self.inner.read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_split_at_the_url() {
        let (iri, uri) =
            parse_mapping("https://query.wikidata.org/sparql=http://127.0.0.1:7878/query").unwrap();
        assert_eq!(iri.as_str(), "https://query.wikidata.org/sparql");
        assert_eq!(uri.to_string(), "http://127.0.0.1:7878/query");
        let (iri, uri) =
            parse_mapping("http://example.org/s?a=b=https://mirror.example/q?x=1").unwrap();
        assert_eq!(iri.as_str(), "http://example.org/s?a=b");
        assert_eq!(uri.to_string(), "https://mirror.example/q?x=1");
    }

    #[test]
    fn bad_mappings_say_how_to_write_one() {
        for bad in [
            "https://query.wikidata.org/sparql",
            "https://query.wikidata.org/sparql=ftp://x/",
            "not an iri=http://127.0.0.1:1/query",
            "urn:x=http:///query",
        ] {
            let error = parse_mapping(bad).unwrap_err().to_string();
            assert!(error.contains("--service-map IRI=URL"), "{bad}: {error}");
        }
    }

    #[test]
    fn unmapped_services_must_be_http() {
        let handler = ServiceHandler::new(&[], 1).unwrap();
        let error = handler
            .endpoint(&NamedNode::new("urn:example:service").unwrap())
            .unwrap_err()
            .to_string();
        assert!(error.contains("SERVICE <urn:example:service>"), "{error}");
        assert!(
            error.contains("--service-map urn:example:service="),
            "{error}"
        );
        assert_eq!(
            handler
                .endpoint(&NamedNode::new("https://query.wikidata.org/sparql").unwrap())
                .unwrap()
                .to_string(),
            "https://query.wikidata.org/sparql"
        );
    }

    #[test]
    fn a_zero_timeout_is_refused() {
        assert!(ServiceHandler::new(&[], 0).is_err());
    }
}
