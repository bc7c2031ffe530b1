//! Wikidata: the links ([`links`]), the mapping of `ontology/cica-wikidata.ttl` ([`mapping`]),
//! the Wikidata-shaped view of the facts ([`profile`]), QuickStatements for editors
//! ([`quickstatements`]), federated SERVICE calls ([`federation`]), and what the Wikidata
//! Query Service's own engine does to a query, done locally: its label service
//! ([`label_service`]) and its optimizer hints, removed (`hints`).

pub mod diff;
pub mod federation;
pub(crate) mod hints;
pub mod label_service;
pub mod links;
pub mod mapping;
pub mod profile;
pub mod quickstatements;
pub mod reconcile;
mod walk;

use crate::query::QueryError;
use crate::rdf::StoreError;
use crate::vocab::{schema, wikidata, Iris};

crate::named::named_enum! {
    /// The vocabulary a command speaks.
    #[derive(Default)]
    pub enum Profile {
        #[default]
        Cica = "cica": "cica-kg's own ontology, with owl:sameAs links to Wikidata items",
        Wikidata = "wikidata": "Wikidata's vocabulary: wd: items, wdt: direct claims (P31 from the class), rdfs:label, skos:altLabel, schema:description; unlinked entities and unmapped facts keep their cica-kg IRIs",
    }
    /// A profile name that is not cica or wikidata.
    error UnknownProfile = "profile";
}

impl Profile {
    /// The prefixes predefined in a query of this profile: the Wikidata profile's `schema:`
    /// is `http://schema.org/`, as Wikibase's RDF writes it (cica-kg's own graph uses
    /// `https://schema.org/`), so that a query copied from the Wikidata Query Service finds
    /// `schema:description`.
    pub fn prefixes(self, iris: &Iris) -> Vec<(String, String)> {
        let mut prefixes = iris.prefixes();
        if self == Self::Wikidata {
            for (prefix, namespace) in &mut prefixes {
                if prefix == schema::PREFIX {
                    *namespace = wikidata::SCHEMA_NAMESPACE.to_owned();
                }
            }
        }
        prefixes
    }
}

/// Why a Wikidata command failed.
#[derive(Debug, thiserror::Error)]
pub enum WikidataError {
    /// The mapping or its queries do not fit together (a defect of the program).
    #[error("{0}")]
    Mapping(String),
    /// A mapping query failed.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The store failed, or the mapping file is missing.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A QID or an entity given for QuickStatements does not fit.
    #[error("{0}")]
    Input(String),
    /// Asking Wikidata (or the endpoint standing in for it) failed.
    #[error("{0}")]
    Service(String),
}
