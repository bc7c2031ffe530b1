//! The IRIs of the data: entities, sources, statements and named graphs, all under one base
//! namespace (`--base` moves them; the vocabularies' namespaces stay fixed).

use oxigraph::model::{IriParseError, NamedNode};
use std::fmt;

/// The default base namespace of the data. The w3id.org redirect is not registered yet; a base
/// given at run time puts the data under any other namespace.
pub const DEFAULT_BASE: &str = "https://w3id.org/cica-kg/";

/// The kinds of entity id (`kind/slug`); each is a path segment of the entity IRIs and a prefix
/// in the exports (`summit:6`). The ontology says which classes each kind may have
/// (`cica:idPrefix`).
pub const ENTITY_KINDS: &[&str] = &[
    "document",
    "event",
    "mechanism",
    "organization",
    "place",
    "summit",
];

/// The named graphs of the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GraphKind {
    /// The facts: entities and the triples the articles support.
    Facts,
    /// Where each fact comes from: reified statements, quotes, offsets, the source records.
    Provenance,
    /// The ontology, `ontology/cica.ttl`.
    Ontology,
}

impl GraphKind {
    /// Every graph, in export order.
    pub const ALL: [GraphKind; 3] = [Self::Facts, Self::Provenance, Self::Ontology];

    /// The path segment of the graph's IRI, and its name for people.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Facts => "facts",
            Self::Provenance => "provenance",
            Self::Ontology => "ontology",
        }
    }
}

impl fmt::Display for GraphKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// Why a base namespace is refused.
#[derive(Debug, thiserror::Error)]
pub enum BaseError {
    /// Not an absolute IRI.
    #[error("invalid base IRI <{base}>: {source}; give an absolute IRI such as {DEFAULT_BASE}")]
    Invalid {
        /// The base as given.
        base: String,
        /// Why it does not parse.
        #[source]
        source: IriParseError,
    },
    /// Does not end a namespace.
    #[error("invalid base IRI <{0}>: it must end with '/' or '#', such as {DEFAULT_BASE}")]
    NotANamespace(String),
}

/// Mints the IRIs of the data under one base namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iris {
    base: String,
}

impl Default for Iris {
    fn default() -> Self {
        Self {
            base: DEFAULT_BASE.to_owned(),
        }
    }
}

impl Iris {
    /// Uses `base` as the namespace of the data: an absolute IRI ending in `/` or `#`.
    pub fn new(base: &str) -> Result<Self, BaseError> {
        NamedNode::new(base).map_err(|source| BaseError::Invalid {
            base: base.to_owned(),
            source,
        })?;
        if !base.ends_with(['/', '#']) {
            return Err(BaseError::NotANamespace(base.to_owned()));
        }
        Ok(Self {
            base: base.to_owned(),
        })
    }

    /// The base namespace.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `<base>` followed by `path`. The base is a checked absolute namespace and every path
    /// given here is made of checked ids, so the IRI is valid without checking it again.
    fn mint(&self, path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{path}", self.base))
    }

    /// An entity, from its checked id `kind/slug`: `<base>summit/6`.
    pub fn entity(&self, id: &str) -> NamedNode {
        self.mint(id)
    }

    /// A source document: `<base>source/<id>`.
    pub fn source(&self, id: &str) -> NamedNode {
        self.mint(&format!("source/{id}"))
    }

    /// A reified statement, with an optional part such as `evidence`:
    /// `<base>statement/<key>-<part>`.
    pub fn statement(&self, key: &str, part: Option<&str>) -> NamedNode {
        match part {
            Some(part) => self.mint(&format!("statement/{key}-{part}")),
            None => self.mint(&format!("statement/{key}")),
        }
    }

    /// A named graph: `<base>graph/facts`.
    pub fn graph(&self, graph: GraphKind) -> NamedNode {
        self.mint(&format!("graph/{}", graph.slug()))
    }

    /// The graph of a `validate --graph-file`: `<base>graph/validated`.
    pub fn validated_graph(&self) -> NamedNode {
        self.mint("graph/validated")
    }

    /// The graph of the Wikidata mapping, `<base>graph/wikidata-mapping`, loaded only for the
    /// commands that need it.
    pub fn mapping_graph(&self) -> NamedNode {
        self.mint("graph/wikidata-mapping")
    }

    /// Every prefix of the data and the vocabularies, most specific first.
    pub fn prefixes(&self) -> Vec<(String, String)> {
        let mut prefixes: Vec<(String, String)> = ENTITY_KINDS
            .iter()
            .chain(&["source", "statement", "graph"])
            .map(|kind| (kind.to_string(), format!("{}{kind}/", self.base)))
            .collect();
        prefixes.extend(
            super::PREFIXES
                .iter()
                .map(|(p, ns)| (p.to_string(), ns.to_string())),
        );
        prefixes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_must_be_an_absolute_namespace() {
        assert!(Iris::new("https://example.org/kg/").is_ok());
        assert!(Iris::new("https://example.org/kg#").is_ok());
        assert!(Iris::new("not an iri")
            .unwrap_err()
            .to_string()
            .contains("invalid base IRI"));
        assert!(Iris::new("https://example.org/kg")
            .unwrap_err()
            .to_string()
            .contains("end with"));
    }

    #[test]
    fn entity_iris_are_readable_slugs() {
        assert_eq!(
            Iris::default().entity("summit/6").as_str(),
            "https://w3id.org/cica-kg/summit/6"
        );
    }

    #[test]
    fn minted_iris_are_valid() {
        let iris = Iris::new("https://example.org/kg#").unwrap();
        for iri in [
            iris.entity("summit/6"),
            iris.source("x"),
            iris.statement("00ff", Some("quote")),
            iris.graph(GraphKind::Facts),
            iris.validated_graph(),
            iris.mapping_graph(),
        ] {
            assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}");
        }
    }
}
