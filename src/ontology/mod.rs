//! The shipped files of `ontology/`, embedded as N-Triples by build.rs, and `ontology/cica.ttl`
//! as the [`Ontology`]: the [`Schema`] the facts are checked against, and its triples. build.rs
//! groups each file's triples by predicate, so that a run parses only the predicates it reads:
//! the schema needs no label or comment, and a query's store no predicate the query cannot
//! read (`rdf::select`).

mod schema;

pub use schema::{Property, Schema, ValueKind};

use crate::embedded;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNodeRef, Triple};
use std::sync::OnceLock;

/// The shipped ontology, `ontology/cica.ttl`: its schema, and its triples, each predicate's
/// parsed when first asked for.
#[derive(Debug)]
pub struct Ontology {
    /// What the facts may say.
    pub schema: Schema,
    groups: Vec<Group>,
}

/// The triples of one predicate.
#[derive(Debug)]
struct Group {
    predicate: NamedNodeRef<'static>,
    text: &'static str,
    triples: OnceLock<Result<Vec<Triple>, OntologyError>>,
}

impl Group {
    fn triples(&self) -> Result<&[Triple], OntologyError> {
        self.triples
            .get_or_init(|| parse(ONTOLOGY_FILE, self.text))
            .as_deref()
            .map_err(Clone::clone)
    }
}

impl Ontology {
    /// Its triples whose predicate `wanted` accepts, grouped by predicate; only those are
    /// parsed.
    pub fn triples_with(
        &self,
        wanted: impl Fn(NamedNodeRef<'_>) -> bool,
    ) -> Result<Vec<&Triple>, OntologyError> {
        let mut triples = Vec::new();
        for group in self.groups.iter().filter(|g| wanted(g.predicate)) {
            triples.extend(group.triples()?);
        }
        Ok(triples)
    }

    /// All its triples, grouped by predicate.
    pub fn triples(&self) -> Result<Vec<&Triple>, OntologyError> {
        self.triples_with(|_| true)
    }
}

/// A file of `ontology/` that is missing from the build or does not parse: a defect of the
/// program, not of the user's input.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the shipped ontology/{file} {why}")]
pub struct OntologyError {
    file: &'static str,
    why: String,
}

/// The file [`shipped`] reads.
const ONTOLOGY_FILE: &str = "cica.ttl";

/// The embedded N-Triples of a file of `ontology/`.
fn text(file: &'static str) -> Result<&'static str, OntologyError> {
    embedded::ONTOLOGY
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| *text)
        .ok_or_else(|| OntologyError {
            file,
            why: "is missing from the build".to_owned(),
        })
}

/// Parses embedded N-Triples of `file`.
fn parse(file: &'static str, text: &str) -> Result<Vec<Triple>, OntologyError> {
    // Converted and checked by build.rs: no need to check again.
    RdfParser::from_format(RdfFormat::NTriples)
        .lenient()
        .for_slice(text.as_bytes())
        .map(|quad| quad.map(Triple::from))
        .collect::<Result<_, _>>()
        .map_err(|e| OntologyError {
            file,
            why: format!("does not parse: {e}"),
        })
}

/// Parses a Turtle file shipped in `ontology/`, all of it.
pub fn shipped_file(file: &'static str) -> Result<Vec<Triple>, OntologyError> {
    parse(file, text(file)?)
}

/// The predicate groups of a file, not parsed yet.
fn groups(file: &'static str) -> Result<Vec<Group>, OntologyError> {
    let text = text(file)?;
    let (_, ranges) = embedded::ONTOLOGY_PREDICATES
        .iter()
        .find(|(name, _)| *name == file)
        .ok_or_else(|| OntologyError {
            file,
            why: "has no predicate index in the build".to_owned(),
        })?;
    ranges
        .iter()
        .map(|(predicate, range)| {
            Ok(Group {
                // Written by build.rs from a parsed IRI.
                predicate: NamedNodeRef::new_unchecked(predicate),
                text: text.get(range.clone()).ok_or_else(|| OntologyError {
                    file,
                    why: format!("has a bad range for <{predicate}>"),
                })?,
                triples: OnceLock::new(),
            })
        })
        .collect()
}

/// The shipped ontology, its schema derived on first use from the triples it reads.
pub fn shipped() -> Result<&'static Ontology, OntologyError> {
    static ONTOLOGY: OnceLock<Result<Ontology, OntologyError>> = OnceLock::new();
    ONTOLOGY
        .get_or_init(|| {
            let mut ontology = Ontology {
                schema: Schema::default(),
                groups: groups(ONTOLOGY_FILE)?,
            };
            let read = ontology.triples_with(|p| Schema::READS.contains(&p))?;
            let schema = Schema::from_triples(&read);
            ontology.schema = schema;
            Ok(ontology)
        })
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_predicate_groups_hold_the_whole_file() {
        let whole = shipped_file(ONTOLOGY_FILE).unwrap();
        let mut grouped: Vec<Triple> = shipped()
            .unwrap()
            .triples()
            .unwrap()
            .into_iter()
            .cloned()
            .collect();
        let mut whole_sorted = whole.clone();
        grouped.sort_by_key(ToString::to_string);
        whole_sorted.sort_by_key(ToString::to_string);
        assert_eq!(grouped, whole_sorted);
        assert!(whole.len() > 400, "cica.ttl has {} triples", whole.len());
    }

    #[test]
    fn the_schema_needs_only_the_predicates_it_reads() {
        let whole = shipped_file(ONTOLOGY_FILE).unwrap();
        let all: Vec<&Triple> = whole.iter().collect();
        assert_eq!(shipped().unwrap().schema, Schema::from_triples(&all));
        assert!(shipped().unwrap().schema.property("startDate").is_some());
    }
}
