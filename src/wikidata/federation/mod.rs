//! Federated queries: the `SERVICE` calls of `cica-kg query`.
//!
//! Oxigraph evaluates `SERVICE <endpoint> { ... }` by handing the inner pattern to a
//! [`DefaultServiceHandler`]. Its own handler sends the call to any IRI as written, with no
//! time or size limit by default and with errors that do not always say which endpoint
//! failed. [`ServiceHandler`] replaces it so that
//!
//! - only endpoints on an [`Allowlist`] are called (Wikidata's query service, the mapped
//!   services, the endpoints allowed for the run), or none when federation is off; any other
//!   SERVICE fails before a connection is made, and Wikidata's label service never reaches
//!   the network;
//! - a service map (`IRI=URL`) sends the calls for a service IRI to another URL (a mirror, or
//!   a local Oxigraph server loaded with a fixture in the tests), while the query keeps the IRI
//!   its readers know, such as `<https://query.wikidata.org/sparql>`;
//! - a timeout bounds the whole exchange (connecting, sending, and reading the results), and
//!   a cap bounds the size of the answer held in memory;
//! - every failure names the service IRI, the URL it was sent to, and what to do; its
//!   [`ServiceFailure`] kind lets a caller add how to change the setting at fault.
//!
//! The request is the SPARQL 1.1 protocol's "query via POST directly" (as Oxigraph's own
//! handler sends it), made by `answer`; redirections are not followed.

mod allowlist;
mod answer;
mod mapping;

pub(crate) use allowlist::is_label_service;
pub use allowlist::{Allowlist, AllowlistError};
pub use mapping::{parse_mapping, MappingError, ServiceMapping};

use mapping::endpoint_uri;

use crate::input::Cap;
use oxhttp::model::Uri;
use oxigraph::model::NamedNode;
use oxigraph::sparql::{DefaultServiceHandler, QuerySolutionIter};
use oxiri::Iri;
use spargebra::algebra::GraphPattern;
use std::collections::BTreeMap;
use std::time::Duration;

/// How long a `SERVICE` call may take unless told otherwise: the limit that the Wikidata
/// Query Service itself puts on a query.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The largest answer a `SERVICE` call may return unless told otherwise: 64 MiB.
pub const DEFAULT_ANSWER_CAP: Cap = Cap(64 << 20);

/// The settings of a [`ServiceHandler`].
#[derive(Debug, Clone)]
pub struct ServiceSettings {
    /// Where the calls for some service IRIs go instead (these services are allowed).
    pub mappings: Vec<ServiceMapping>,
    /// The endpoints that may be called besides the mapped ones.
    pub allowlist: Allowlist,
    /// The longest a call may take.
    pub timeout: Duration,
    /// The largest answer read.
    pub answer_cap: Cap,
}

impl Default for ServiceSettings {
    /// No mapping, Wikidata's query service only, [`DEFAULT_TIMEOUT`], [`DEFAULT_ANSWER_CAP`].
    fn default() -> Self {
        Self {
            mappings: Vec::new(),
            allowlist: Allowlist::default(),
            timeout: DEFAULT_TIMEOUT,
            answer_cap: DEFAULT_ANSWER_CAP,
        }
    }
}

/// The `SERVICE` handler of `cica-kg query`: calls allowed endpoints only, rewrites endpoints
/// with the service map, bounds each call by the timeout and the answer cap, and explains
/// failures.
pub struct ServiceHandler {
    map: BTreeMap<String, Uri>,
    allowlist: Allowlist,
    timeout: Duration,
    answer_cap: Cap,
    client: oxhttp::Client,
}

impl ServiceHandler {
    /// A handler with these settings (a timeout of at least a second, a cap of a byte or
    /// more; no service mapped twice, and never the label service).
    pub fn new(settings: ServiceSettings) -> Result<Self, MappingError> {
        let ServiceSettings {
            mappings,
            mut allowlist,
            timeout,
            answer_cap,
        } = settings;
        if timeout < Duration::from_secs(1) {
            return Err(MappingError::ZeroTimeout);
        }
        if answer_cap.0 == 0 {
            return Err(MappingError::ZeroCap);
        }
        let mut map = BTreeMap::new();
        for mapping in mappings {
            allowlist.allow_mapped(&mapping.service)?;
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
            allowlist,
            timeout,
            answer_cap,
            client,
        })
    }

    /// Where the calls for `service` go: its mapped URL, or the service IRI itself; an error,
    /// before any connection, when it may not be called.
    pub fn endpoint(&self, service: &NamedNode) -> Result<Uri, ServiceError> {
        let iri = service.as_str();
        let refuse = |kind, why: String| ServiceError {
            kind,
            message: format!("SERVICE <{iri}>: {why}"),
        };
        if is_label_service(service) {
            return Err(refuse(ServiceFailure::LabelService, "the label service runs locally, on the graph's own labels, and is never called over the network; it could not be rewritten where it stands (inside another SERVICE or a subquery): put it in the WHERE clause, or use rdfs:label".to_owned()));
        }
        if self.allowlist == Allowlist::Off {
            return Err(refuse(
                ServiceFailure::Off,
                "federation is turned off, so it was not called".to_owned(),
            ));
        }
        if !self.allowlist.allows(service) {
            return Err(refuse(ServiceFailure::NotAllowed, "not an allowed endpoint (Wikidata's query service, the mapped services and the endpoints allowed for this run), so it was not called".to_owned()));
        }
        if let Some(uri) = self.map.get(iri) {
            return Ok(uri.clone());
        }
        endpoint_uri(iri).map_err(|e| {
            refuse(
                ServiceFailure::NotHttp,
                format!("{e}, so it cannot be called; map it to a SPARQL endpoint ({iri}=http://HOST:PORT/PATH)"),
            )
        })
    }

    /// Sends `query` to the endpoint and reads the whole answer, within the timeout and cap.
    fn call(
        &self,
        service: &NamedNode,
        uri: &Uri,
        query: String,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        let fail = |(kind, what): (ServiceFailure, String)| ServiceError {
            kind,
            message: format!("SERVICE <{}> (sent to {uri}): {what}", service.as_str()),
        };
        let answer =
            answer::send(&self.client, uri, query, self.timeout, self.answer_cap).map_err(fail)?;
        if !answer.status.is_success() {
            let text = String::from_utf8_lossy(&answer.body);
            let excerpt: String = text.trim().chars().take(500).collect();
            return Err(fail((ServiceFailure::BadAnswer, format!(
                "the endpoint answered HTTP {}: {excerpt}; check that the URL is a SPARQL query endpoint and that the query inside SERVICE is valid there", answer.status
            ))));
        }
        answer::solutions(&answer.content_type, answer.body)
            .map_err(|what| fail((ServiceFailure::BadAnswer, what)))
    }
}

impl ServiceHandler {
    /// Sends a whole SELECT query to the endpoint of `service` (its mapped URL, or the IRI
    /// itself, if allowed), within the timeout and the cap: for the program's own questions to
    /// Wikidata.
    pub fn select(
        &self,
        service: &NamedNode,
        query: &spargebra::Query,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        let uri = self.endpoint(service)?;
        self.call(service, &uri, query.to_string())
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

/// What kind of failure a [`ServiceError`] is, so that a caller can say which setting to
/// change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceFailure {
    /// Federation is off: nothing was sent.
    Off,
    /// The endpoint is not on the allowlist: nothing was sent.
    NotAllowed,
    /// Wikidata's label service: nothing was sent.
    LabelService,
    /// Not an http(s) URL, and not mapped to one: nothing was sent.
    NotHttp,
    /// No connection, or the request failed.
    Unreachable,
    /// No whole answer within the timeout.
    TimedOut,
    /// The answer is larger than the cap.
    TooLarge,
    /// An HTTP error status, or not SPARQL results.
    BadAnswer,
    /// Anything else.
    Other,
}

/// Why a `SERVICE` call failed, naming the service, the URL and the fix.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ServiceError {
    kind: ServiceFailure,
    message: String,
}

impl ServiceError {
    /// What kind of failure this is.
    pub fn kind(&self) -> ServiceFailure {
        self.kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handler(mappings: Vec<ServiceMapping>) -> Result<ServiceHandler, MappingError> {
        ServiceHandler::new(ServiceSettings {
            mappings,
            ..ServiceSettings::default()
        })
    }

    #[test]
    fn allowed_services_must_be_http_unless_mapped() {
        let m = parse_mapping("urn:example:service=http://127.0.0.1:1/q").unwrap();
        let mut settings = ServiceSettings::default();
        settings
            .allowlist
            .allow_mapped(&NamedNode::new("urn:example:service").unwrap())
            .unwrap();
        let allowed = ServiceHandler::new(settings).unwrap();
        let error = allowed
            .endpoint(&NamedNode::new("urn:example:service").unwrap())
            .unwrap_err()
            .to_string();
        assert!(error.contains("SERVICE <urn:example:service>"), "{error}");
        assert!(error.contains("urn:example:service=http"), "{error}");
        assert_eq!(
            handler(vec![m])
                .unwrap()
                .endpoint(&NamedNode::new("urn:example:service").unwrap())
                .unwrap()
                .to_string(),
            "http://127.0.0.1:1/q"
        );
        assert_eq!(
            allowed
                .endpoint(&NamedNode::new("https://query.wikidata.org/sparql").unwrap())
                .unwrap()
                .to_string(),
            "https://query.wikidata.org/sparql"
        );
    }

    #[test]
    fn a_zero_timeout_or_cap_and_a_double_mapping_are_refused() {
        for settings in [
            ServiceSettings {
                timeout: Duration::ZERO,
                ..ServiceSettings::default()
            },
            ServiceSettings {
                answer_cap: Cap(0),
                ..ServiceSettings::default()
            },
        ] {
            assert!(ServiceHandler::new(settings).is_err());
        }
        let m = parse_mapping("urn:a=http://127.0.0.1:1/q").unwrap();
        let error = handler(vec![m.clone(), m]).err().unwrap();
        assert!(error.to_string().contains("mapped twice"));
    }

    #[test]
    fn services_off_the_list_are_refused_before_any_connection() {
        let handler = handler(Vec::new()).unwrap();
        let refused = |iri: &str| handler.endpoint(&NamedNode::new(iri).unwrap()).unwrap_err();
        let error = refused("http://127.0.0.1:1/query");
        assert_eq!(error.kind(), ServiceFailure::NotAllowed);
        assert!(error
            .to_string()
            .starts_with("SERVICE <http://127.0.0.1:1/query>: not an allowed endpoint"));
        let error = refused("http://wikiba.se/ontology#label");
        assert_eq!(error.kind(), ServiceFailure::LabelService);
        assert!(error.to_string().contains("the label service runs locally"));
        let off = ServiceHandler::new(ServiceSettings {
            allowlist: Allowlist::Off,
            ..ServiceSettings::default()
        })
        .unwrap();
        let error = off
            .endpoint(&NamedNode::new(crate::vocab::wikidata::QUERY_SERVICE).unwrap())
            .unwrap_err();
        assert_eq!(error.kind(), ServiceFailure::Off);
    }
}
