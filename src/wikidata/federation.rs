//! Federated queries: the `SERVICE` calls of `cica-kg query`.
//!
//! Oxigraph evaluates `SERVICE <endpoint> { ... }` by handing the inner pattern to a
//! [`DefaultServiceHandler`]. Its own handler sends the call to the IRI as written, with no
//! time limit by default and with errors that do not always say which endpoint failed.
//! [`ServiceHandler`] replaces it so that
//!
//! - a service map (`IRI=URL`) sends the calls for a service IRI to another URL (a mirror, or
//!   a local Oxigraph server loaded with a fixture in the tests), while the query keeps the IRI
//!   its readers know, such as `<https://query.wikidata.org/sparql>`;
//! - a timeout bounds the whole exchange (connecting, sending, and reading the results);
//! - every failure names the service IRI, the URL it was sent to, and what to do.
//!
//! The request is the SPARQL 1.1 protocol's "query via POST directly" (as Oxigraph's own
//! handler sends it), made with Oxigraph's HTTP client (oxhttp); the answer is read with
//! Oxigraph's SPARQL results parser. Nothing here speaks HTTP or parses results by hand.

use oxhttp::model::header::{ACCEPT, CONTENT_TYPE};
use oxhttp::model::{Method, Request, StatusCode, Uri};
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

/// How long a `SERVICE` call may take unless told otherwise: the limit that the Wikidata
/// Query Service itself puts on a query.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The media types asked for, in order of preference.
const ACCEPTED: &str = "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.8, text/csv;q=0.7";

/// A service IRI, as queries write it, and the http(s) URL of the SPARQL endpoint its calls go
/// to instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceMapping {
    /// The IRI in the query.
    pub service: NamedNode,
    /// Where its calls go.
    pub endpoint: Uri,
}

/// Why a service mapping or the handler's settings are refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    /// Not `IRI=URL`, a bad IRI or a bad URL.
    #[error("'{mapping}': {why}; write IRI=URL, such as https://query.wikidata.org/sparql=http://127.0.0.1:7878/query")]
    Malformed {
        /// The mapping as given.
        mapping: String,
        /// What is wrong.
        why: String,
    },
    /// The same service mapped twice.
    #[error("<{service}> is mapped twice (the first time to {first}); keep one")]
    Twice {
        /// The service IRI.
        service: String,
        /// Its first endpoint.
        first: String,
    },
    /// A zero timeout.
    #[error("the timeout must be at least 1 second")]
    ZeroTimeout,
}

/// Reads `IRI=URL`: the service IRI as queries write it, and the http(s) URL of the SPARQL
/// endpoint to send its calls to.
pub fn parse_mapping(mapping: &str) -> Result<ServiceMapping, MappingError> {
    let bad = |why: String| MappingError::Malformed {
        mapping: mapping.to_owned(),
        why,
    };
    // The IRI may itself contain '=' (in a query string): the URL starts at "=http".
    let split = ["=http://", "=https://"]
        .iter()
        .filter_map(|marker| mapping.find(marker))
        .min()
        .ok_or_else(|| bad("no '=' followed by an http:// or https:// URL".to_owned()))?;
    let (iri, url) = (&mapping[..split], &mapping[split + 1..]);
    let service = NamedNode::new(iri)
        .map_err(|e| bad(format!("the service '{iri}' is not an absolute IRI ({e})")))?;
    let endpoint = endpoint_uri(url).map_err(bad)?;
    Ok(ServiceMapping { service, endpoint })
}

/// Checks that `url` is an absolute http(s) URL with a host.
fn endpoint_uri(url: &str) -> Result<Uri, String> {
    let uri: Uri = url
        .parse()
        .map_err(|e| format!("'{url}' is not a valid URL ({e})"))?;
    match uri.scheme_str() {
        Some("http" | "https") if uri.host().is_some() => Ok(uri),
        _ => Err(format!(
            "'{url}' is not an http:// or https:// URL with a host"
        )),
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
    /// A handler for these mappings and a timeout of at least a second.
    pub fn new(mappings: Vec<ServiceMapping>, timeout: Duration) -> Result<Self, MappingError> {
        if timeout < Duration::from_secs(1) {
            return Err(MappingError::ZeroTimeout);
        }
        let mut map = BTreeMap::new();
        for mapping in mappings {
            let service = mapping.service.as_str().to_owned();
            if let Some(first) = map.insert(service.clone(), mapping.endpoint) {
                return Err(MappingError::Twice {
                    service,
                    first: first.to_string(),
                });
            }
        }
        let client = oxhttp::Client::new()
            .with_global_timeout(timeout)
            .with_user_agent(concat!(
                "cica-kg/",
                env!("CARGO_PKG_VERSION"),
                " (SPARQL federation; https://w3id.org/cica-kg/)"
            ))
            .expect("the User-Agent is a valid header value");
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
                "SERVICE <{}>: {e}, so it cannot be called; map it to a SPARQL endpoint ({}=http://HOST:PORT/PATH)",
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
        let fail = |what: String| ServiceError {
            message: format!("SERVICE <{}> (sent to {uri}): {what}", service.as_str()),
        };
        let (status, content_type, body) = self.send(uri, query).map_err(&fail)?;
        if !status.is_success() {
            let text = String::from_utf8_lossy(&body);
            let excerpt: String = text.trim().chars().take(500).collect();
            return Err(fail(format!(
                "the endpoint answered HTTP {status}: {excerpt}; check that the URL is a SPARQL query endpoint and that the query inside SERVICE is valid there"
            )));
        }
        solutions(&content_type, body).map_err(fail)
    }

    /// POSTs the query and reads the status, content type and body before the deadline.
    fn send(&self, uri: &Uri, query: String) -> Result<(StatusCode, String, Vec<u8>), String> {
        let deadline = Instant::now() + self.timeout;
        let io_fail = |error: io::Error| {
            let seconds = self.timeout.as_secs();
            match error.kind() {
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => format!(
                    "no answer within {seconds} s; raise the service timeout (now {seconds} s) or try again later"
                ),
                io::ErrorKind::ConnectionRefused => format!(
                    "cannot connect ({error}); check that the endpoint is running at that address, or map the service to a reachable endpoint (IRI=URL)"
                ),
                _ => format!(
                    "the request failed ({error}); check the endpoint's address and the network, or map the service to a reachable endpoint (IRI=URL)"
                ),
            }
        };
        let request = Request::builder()
            .method(Method::POST)
            .uri(uri.clone())
            .header(ACCEPT, ACCEPTED)
            .header(CONTENT_TYPE, "application/sparql-query; charset=utf-8")
            .body(query.into_bytes())
            .map_err(|e| format!("cannot build the request: {e}"))?;
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
        Ok((status, content_type, body))
    }
}

/// Reads a SELECT answer with Oxigraph's results parser.
fn solutions(content_type: &str, body: Vec<u8>) -> Result<QuerySolutionIter<'static>, String> {
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

impl ServiceHandler {
    /// Sends a whole SELECT query to the endpoint of `service` (its mapped URL, or the IRI
    /// itself), within the timeout: for the program's own questions to Wikidata.
    pub fn select(
        &self,
        service: &NamedNode,
        query: &spargebra::Query,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        let uri = self.endpoint(service)?;
        self.call(service, &uri, query.to_string())
    }
}

/// Why a `SERVICE` call failed, naming the service, the URL and the fix.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ServiceError {
    message: String,
}

/// A reader that fails with `TimedOut` once its deadline has passed, so that a server that
/// trickles its answer cannot hold the query past the timeout (each single read is
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
        let m =
            parse_mapping("https://query.wikidata.org/sparql=http://127.0.0.1:7878/query").unwrap();
        assert_eq!(m.service.as_str(), "https://query.wikidata.org/sparql");
        assert_eq!(m.endpoint.to_string(), "http://127.0.0.1:7878/query");
        let m = parse_mapping("http://example.org/s?a=b=https://mirror.example/q?x=1").unwrap();
        assert_eq!(m.service.as_str(), "http://example.org/s?a=b");
        assert_eq!(m.endpoint.to_string(), "https://mirror.example/q?x=1");
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
            assert!(error.contains("write IRI=URL"), "{bad}: {error}");
        }
    }

    #[test]
    fn unmapped_services_must_be_http() {
        let handler = ServiceHandler::new(Vec::new(), DEFAULT_TIMEOUT).unwrap();
        let error = handler
            .endpoint(&NamedNode::new("urn:example:service").unwrap())
            .unwrap_err()
            .to_string();
        assert!(error.contains("SERVICE <urn:example:service>"), "{error}");
        assert!(error.contains("urn:example:service=http"), "{error}");
        assert_eq!(
            handler
                .endpoint(&NamedNode::new("https://query.wikidata.org/sparql").unwrap())
                .unwrap()
                .to_string(),
            "https://query.wikidata.org/sparql"
        );
    }

    #[test]
    fn a_zero_timeout_and_a_double_mapping_are_refused() {
        assert!(ServiceHandler::new(Vec::new(), Duration::ZERO).is_err());
        let m = parse_mapping("urn:a=http://127.0.0.1:1/q").unwrap();
        let error = ServiceHandler::new(vec![m.clone(), m], DEFAULT_TIMEOUT)
            .err()
            .unwrap();
        assert!(error.to_string().contains("mapped twice"));
    }
}
