//! Wikidata: the links ([`links`]), the mapping of `ontology/cica-wikidata.ttl` ([`mapping`]),
//! the Wikidata-shaped view of the facts ([`profile`]), QuickStatements for editors
//! ([`quickstatements`]), federated SERVICE calls ([`federation`]), and what the Wikidata
//! Query Service's own engine does to a query, done locally: its label service
//! ([`label_service`]) and its optimizer hints, removed ([`hints`]).

pub mod diff;
pub mod federation;
pub mod hints;
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
use std::fmt;
use std::str::FromStr;

/// The vocabulary a command speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// cica-kg's own ontology, with owl:sameAs links to Wikidata items
    #[default]
    Cica,
    /// Wikidata's vocabulary: wd: items, wdt: direct claims (P31 from the class), rdfs:label,
    /// skos:altLabel, schema:description; unlinked entities and unmapped facts keep their
    /// cica-kg IRIs
    Wikidata,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 2] = [Self::Cica, Self::Wikidata];

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

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Cica => "cica",
            Self::Wikidata => "wikidata",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A profile name that is not cica or wikidata.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile '{0}'; use one of: cica, wikidata")]
pub struct UnknownProfile(pub String);

impl FromStr for Profile {
    type Err = UnknownProfile;

    fn from_str(name: &str) -> Result<Self, UnknownProfile> {
        Self::ALL
            .into_iter()
            .find(|p| p.name() == name)
            .ok_or_else(|| UnknownProfile(name.to_owned()))
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
