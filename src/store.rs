//! The store: an embedded, in-memory Oxigraph store holding the three named graphs (facts,
//! provenance, ontology). Every command starts by building one with [`KnowledgeGraph::load`].

use crate::embedded;
use crate::facts::{self, DataSource, Facts};
use crate::triples;
use crate::vocab::{terms, GraphName, Iris};
use anyhow::{Context, Result};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, NamedNodeRef, Quad};
use oxigraph::store::Store;

/// The knowledge graph: the checked facts and the store built from them.
pub struct KnowledgeGraph {
    /// The facts it was built from.
    pub facts: Facts,
    /// The IRIs it uses.
    pub iris: Iris,
    /// The store: facts, provenance and ontology graphs.
    pub store: Store,
}

impl KnowledgeGraph {
    /// Reads the facts and builds the store: ontology, facts and provenance.
    pub fn load(data: &DataSource, iris: Iris) -> Result<Self> {
        let facts = facts::load(data)?;
        Self::from_facts(facts, iris)
    }

    /// Builds the store from facts already read.
    pub fn from_facts(facts: Facts, iris: Iris) -> Result<Self> {
        let store = Store::new().context("cannot create the in-memory store")?;
        let ontology_graph = iris.graph(GraphName::Ontology);
        for (name, text) in embedded::ONTOLOGY {
            if name.ends_with(".ttl") && *name != "shapes.ttl" {
                store
                    .load_from_reader(
                        RdfParser::from_format(RdfFormat::Turtle)
                            .with_default_graph(ontology_graph.as_ref()),
                        text.as_bytes(),
                    )
                    .with_context(|| format!("the shipped ontology/{name} does not parse"))?;
            }
        }
        store
            .extend(triples::build(&facts, &iris))
            .context("cannot fill the store")?;
        Ok(Self { facts, iris, store })
    }

    /// The quads of some graphs, in a stable order: by graph (facts, provenance, ontology),
    /// then subject, then predicate (`rdf:type` and `rdfs:label` first), then object.
    pub fn quads(&self, graphs: &[GraphName]) -> Result<Vec<Quad>> {
        let mut quads = Vec::new();
        for graph in graphs {
            let name = self.iris.graph(*graph);
            for quad in self.store.quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(name.as_ref())),
            ) {
                quads.push(quad.context("cannot read the store")?);
            }
        }
        let graph_rank = |quad: &Quad| {
            graphs
                .iter()
                .position(|g| quad.graph_name == self.iris.graph(*g).into())
                .unwrap_or(usize::MAX)
        };
        quads.sort_by_cached_key(|quad| {
            (
                graph_rank(quad),
                quad.subject.to_string(),
                predicate_rank(quad.predicate.as_ref()),
                quad.predicate.as_str().to_owned(),
                quad.object.to_string(),
            )
        });
        Ok(quads)
    }
}

/// `rdf:type` first, then `rdfs:label`, then every other predicate.
fn predicate_rank(predicate: NamedNodeRef<'_>) -> u8 {
    if predicate == terms::RDF_TYPE {
        0
    } else if predicate == terms::RDFS_LABEL {
        1
    } else {
        2
    }
}
