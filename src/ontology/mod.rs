//! The shipped files of `ontology/`, embedded by build.rs as their triples grouped by
//! predicate, and `ontology/cica.ttl` as the [`Ontology`]: the [`Schema`] the facts are
//! checked against, and its triples. A run makes only the triples of the predicates it reads:
//! the schema needs no label or comment, and a query's store no predicate the query cannot
//! read (`rdf::select`).

mod schema;

pub use schema::{Property, Schema, ValueKind};

use crate::embedded::{self, Groups};
use oxigraph::model::{
    BlankNode, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple,
};
use std::sync::OnceLock;

/// The shipped ontology, `ontology/cica.ttl`: its schema, and its triples, each predicate's
/// made when first asked for.
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
    pairs: &'static [(embedded::Subject, embedded::Term)],
    triples: OnceLock<Vec<Triple>>,
}

impl Group {
    fn triples(&self) -> &[Triple] {
        self.triples.get_or_init(|| {
            self.pairs
                .iter()
                .map(|(s, o)| triple(self.predicate, *s, *o))
                .collect()
        })
    }
}

impl Ontology {
    /// Its triples whose predicate `wanted` accepts, grouped by predicate; only those are
    /// made.
    pub fn triples_with(&self, wanted: impl Fn(NamedNodeRef<'_>) -> bool) -> Vec<&Triple> {
        triples_with(&self.groups, wanted)
    }

    /// All its triples, grouped by predicate.
    pub fn triples(&self) -> Vec<&Triple> {
        self.triples_with(|_| true)
    }
}

/// The triples of the `groups` whose predicate `wanted` accepts; only those are made.
fn triples_with(groups: &[Group], wanted: impl Fn(NamedNodeRef<'_>) -> bool) -> Vec<&Triple> {
    groups
        .iter()
        .filter(|g| wanted(g.predicate))
        .flat_map(Group::triples)
        .collect()
}

/// A file of `ontology/` that is missing from the build: a defect of the program, not of the
/// user's input.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the shipped ontology/{file} is missing from the build")]
pub struct OntologyError {
    file: &'static str,
}

/// The file [`shipped`] reads.
const ONTOLOGY_FILE: &str = "cica.ttl";

/// The predicate groups of a shipped file of `ontology/`.
fn groups(file: &'static str) -> Result<Groups, OntologyError> {
    embedded::ONTOLOGY
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, groups)| *groups)
        .ok_or(OntologyError { file })
}

/// A triple of the embedded terms, which build.rs read with Oxigraph's parser: valid, so
/// taken as they are.
fn triple(
    predicate: NamedNodeRef<'static>,
    subject: embedded::Subject,
    object: embedded::Term,
) -> Triple {
    let subject: NamedOrBlankNode = match subject {
        embedded::Subject::Iri(iri) => NamedNode::new_unchecked(iri).into(),
        embedded::Subject::Blank(id) => BlankNode::new_unchecked(id).into(),
    };
    Triple::new(subject, predicate, term(object))
}

fn term(term: embedded::Term) -> Term {
    match term {
        embedded::Term::Iri(iri) => NamedNode::new_unchecked(iri).into(),
        embedded::Term::Blank(id) => BlankNode::new_unchecked(id).into(),
        embedded::Term::Typed(value, datatype) => {
            Literal::new_typed_literal(value, NamedNode::new_unchecked(datatype)).into()
        }
        embedded::Term::LangString(value, language) => {
            Literal::new_language_tagged_literal_unchecked(value, language).into()
        }
    }
}

/// The triples of a Turtle file shipped in `ontology/`, all of them.
pub fn shipped_file(file: &'static str) -> Result<Vec<Triple>, OntologyError> {
    Ok(groups(file)?
        .iter()
        .flat_map(|(predicate, pairs)| {
            let predicate = NamedNodeRef::new_unchecked(predicate);
            pairs.iter().map(move |(s, o)| triple(predicate, *s, *o))
        })
        .collect())
}

/// The shipped ontology, its schema derived on first use from the triples it reads.
pub fn shipped() -> Result<&'static Ontology, OntologyError> {
    static ONTOLOGY: OnceLock<Result<Ontology, OntologyError>> = OnceLock::new();
    ONTOLOGY
        .get_or_init(|| {
            let groups: Vec<Group> = groups(ONTOLOGY_FILE)?
                .iter()
                .map(|(predicate, pairs)| Group {
                    predicate: NamedNodeRef::new_unchecked(predicate),
                    pairs,
                    triples: OnceLock::new(),
                })
                .collect();
            let schema =
                Schema::from_triples(&triples_with(&groups, |p| Schema::READS.contains(&p)));
            Ok(Ontology { schema, groups })
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
    fn the_schema_needs_only_the_predicates_it_reads() {
        let whole = shipped_file(ONTOLOGY_FILE).unwrap();
        let all: Vec<&Triple> = whole.iter().collect();
        assert_eq!(shipped().unwrap().schema, Schema::from_triples(&all));
        assert!(shipped().unwrap().schema.property("startDate").is_some());
    }
}
