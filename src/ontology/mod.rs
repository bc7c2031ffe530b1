//! The shipped files of `ontology/`, embedded by build.rs as N-Triples, and
//! `ontology/cica.ttl` as the [`Ontology`]: the [`Schema`] the facts are checked against, and
//! its triples.

mod schema;

pub use schema::{Property, Schema, ValueKind};

use crate::embedded;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNodeRef, Triple};
use std::sync::OnceLock;

/// The shipped ontology, `ontology/cica.ttl`: its schema and its triples.
#[derive(Debug)]
pub struct Ontology {
    /// What the facts may say.
    pub schema: Schema,
    triples: Vec<Triple>,
}

impl Ontology {
    /// Its triples whose predicate `wanted` accepts.
    pub fn triples_with(&self, wanted: impl Fn(NamedNodeRef<'_>) -> bool) -> Vec<&Triple> {
        self.triples
            .iter()
            .filter(|t| wanted(t.predicate.as_ref()))
            .collect()
    }

    /// All its triples.
    pub fn triples(&self) -> Vec<&Triple> {
        self.triples.iter().collect()
    }
}

/// A file of `ontology/` that is missing from the build, or does not parse: a defect of the
/// program, not of the user's input.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the shipped ontology/{file} {problem}")]
pub struct OntologyError {
    file: &'static str,
    problem: String,
}

/// The file [`shipped`] reads.
const ONTOLOGY_FILE: &str = "cica.ttl";

/// The triples of a Turtle file shipped in `ontology/`, all of them, in the file's order.
pub fn shipped_file(file: &'static str) -> Result<Vec<Triple>, OntologyError> {
    let (_, ntriples) = embedded::ONTOLOGY
        .iter()
        .find(|(name, _)| *name == file)
        .ok_or_else(|| OntologyError {
            file,
            problem: "is missing from the build".to_owned(),
        })?;
    // build.rs wrote these N-Triples from Oxigraph's parse of the Turtle file: valid, so read
    // without checking each IRI again (IRI checks showed in a cold query's profile).
    RdfParser::from_format(RdfFormat::NTriples)
        .lenient()
        .for_slice(ntriples.as_bytes())
        .map(|quad| quad.map(Triple::from))
        .collect::<Result<_, _>>()
        .map_err(|e| OntologyError {
            file,
            problem: format!("does not parse as embedded: {e}"),
        })
}

/// The file of the drafter's cues ([`shipped_cues`]).
const CUES_FILE: &str = "cues.ttl";

/// The `cica:cue` annotations of the ontology's properties, `ontology/cues.ttl`, read on first
/// use: only `cica-kg draft` reads them, so they are kept apart from the ontology that every
/// command reads (a third of its triples).
pub fn shipped_cues() -> Result<&'static [Triple], OntologyError> {
    static CUES: OnceLock<Result<Vec<Triple>, OntologyError>> = OnceLock::new();
    CUES.get_or_init(|| shipped_file(CUES_FILE))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// The shipped ontology, read and its schema derived on first use.
pub fn shipped() -> Result<&'static Ontology, OntologyError> {
    static ONTOLOGY: OnceLock<Result<Ontology, OntologyError>> = OnceLock::new();
    ONTOLOGY
        .get_or_init(|| {
            let triples = shipped_file(ONTOLOGY_FILE)?;
            let schema = Schema::from_triples(&triples.iter().collect::<Vec<_>>());
            Ok(Ontology { schema, triples })
        })
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What build.rs embedded is what Oxigraph's Turtle parser reads from each file today
    /// (blank nodes aside, whose labels differ: the graphs are compared canonicalized).
    #[test]
    fn the_embedded_triples_are_those_of_the_turtle_files() {
        use oxigraph::io::{RdfFormat, RdfParser};
        use oxigraph::model::graph::CanonicalizationAlgorithm;
        use oxigraph::model::Graph;
        assert!(embedded::ONTOLOGY.len() >= 3);
        for (file, _) in embedded::ONTOLOGY {
            let path = format!("{}/ontology/{file}", env!("CARGO_MANIFEST_DIR"));
            let turtle = std::fs::read(&path).unwrap();
            let mut parsed: Graph = RdfParser::from_format(RdfFormat::Turtle)
                .for_slice(&turtle)
                .map(|quad| Triple::from(quad.unwrap()))
                .collect();
            let mut embedded: Graph = shipped_file(file).unwrap().into_iter().collect();
            assert_eq!(embedded.len(), parsed.len(), "{file}");
            parsed.canonicalize(CanonicalizationAlgorithm::Unstable);
            embedded.canonicalize(CanonicalizationAlgorithm::Unstable);
            assert_eq!(embedded, parsed, "{file}");
        }
        let all = shipped().unwrap().triples();
        assert_eq!(all.len(), shipped_file(ONTOLOGY_FILE).unwrap().len());
    }

    #[test]
    fn the_schema_knows_the_ontology_s_properties() {
        assert!(shipped().unwrap().schema.property("startDate").is_some());
    }
}
