//! Which SERVICE endpoints a query may call. A query, or a `.rq` file someone shares, must not
//! be able to send requests to any host it names, so federation follows the Wikidata Query
//! Service's own rule: only endpoints on a list. The list holds Wikidata's query service (under
//! both of its paths) unless federation is off, and the handler adds the mapped services and
//! those allowed explicitly. Wikidata's label service (`wikibase:label`) is never an endpoint:
//! it is a feature of the Wikidata Query Service's own engine, and a request for it would
//! only send the query's pattern somewhere.

use crate::vocab::{wikibase, wikidata};
use oxigraph::model::NamedNode;
use std::collections::BTreeSet;

/// The SERVICE IRIs that may be called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allowlist {
    /// No SERVICE call at all.
    Off,
    /// These IRIs, exactly as written in a query.
    Only(BTreeSet<String>),
}

/// Why an IRI cannot be put on the list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllowlistError {
    /// Not an http(s) URL.
    #[error("'{0}' is not an http:// or https:// URL with a host; give the SPARQL endpoint's URL, as queries write it after SERVICE")]
    NotHttp(String),
    /// The label service.
    #[error("<{0}> is Wikidata's label service, which runs inside the Wikidata Query Service and is never called over the network; use rdfs:label instead")]
    LabelService(String),
}

impl Default for Allowlist {
    /// Wikidata's query service only.
    fn default() -> Self {
        Self::Only(
            [wikidata::QUERY_SERVICE, wikidata::QUERY_SERVICE_ALIAS]
                .into_iter()
                .map(str::to_owned)
                .collect(),
        )
    }
}

impl Allowlist {
    /// Adds an endpoint (an http or https URL); nothing is added when federation is off.
    pub fn allow(&mut self, service: &NamedNode) -> Result<(), AllowlistError> {
        check(service)?;
        super::endpoint_uri(service.as_str())
            .map_err(|_| AllowlistError::NotHttp(service.as_str().to_owned()))?;
        self.add(service);
        Ok(())
    }

    /// Adds a service IRI that the handler maps to an endpoint (any IRI, but not the label
    /// service).
    pub(super) fn allow_mapped(&mut self, service: &NamedNode) -> Result<(), AllowlistError> {
        check(service)?;
        self.add(service);
        Ok(())
    }

    fn add(&mut self, service: &NamedNode) {
        if let Self::Only(iris) = self {
            iris.insert(service.as_str().to_owned());
        }
    }

    /// Whether `service` may be called.
    pub fn allows(&self, service: &NamedNode) -> bool {
        match self {
            Self::Off => false,
            Self::Only(iris) => iris.contains(service.as_str()),
        }
    }
}

/// Whether `service` is Wikidata's label service.
pub fn is_label_service(service: &NamedNode) -> bool {
    service.as_ref() == wikibase::LABEL
}

fn check(service: &NamedNode) -> Result<(), AllowlistError> {
    if is_label_service(service) {
        return Err(AllowlistError::LabelService(service.as_str().to_owned()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iri(text: &str) -> NamedNode {
        NamedNode::new(text).unwrap()
    }

    #[test]
    fn wikidata_is_allowed_by_default_and_nothing_else() {
        let list = Allowlist::default();
        assert!(list.allows(&iri(wikidata::QUERY_SERVICE)));
        assert!(list.allows(&iri(wikidata::QUERY_SERVICE_ALIAS)));
        assert!(!list.allows(&iri("https://query.wikidata.org/sparql/")));
        assert!(!list.allows(&iri("http://127.0.0.1:7878/query")));
        assert!(!Allowlist::Off.allows(&iri(wikidata::QUERY_SERVICE)));
    }

    #[test]
    fn endpoints_are_added_when_federation_is_on() {
        let mut list = Allowlist::default();
        list.allow(&iri("http://127.0.0.1:7878/query")).unwrap();
        assert!(list.allows(&iri("http://127.0.0.1:7878/query")));
        let mut off = Allowlist::Off;
        off.allow(&iri("http://127.0.0.1:7878/query")).unwrap();
        assert!(!off.allows(&iri("http://127.0.0.1:7878/query")));
    }

    #[test]
    fn the_label_service_and_other_schemes_are_refused() {
        let mut list = Allowlist::default();
        let error = list.allow(&wikibase::LABEL.into_owned()).unwrap_err();
        assert!(error.to_string().contains("never called over the network"));
        assert!(list.allow_mapped(&wikibase::LABEL.into_owned()).is_err());
        let error = list.allow(&iri("urn:example:service")).unwrap_err();
        assert!(error.to_string().contains("not an http:// or https:// URL"));
        list.allow_mapped(&iri("urn:example:service")).unwrap();
        assert!(list.allows(&iri("urn:example:service")));
    }
}
