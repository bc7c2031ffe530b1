//! The store: an embedded, in-memory Oxigraph store holding the named graphs (facts,
//! provenance, ontology; the Wikidata mapping when a command asks for it). Every command
//! starts by building one with [`KnowledgeGraph::load`]: ontology -> schema -> facts ->
//! quads -> store.

use super::statements;
use crate::diagnostic::Problems;
use crate::facts::{self, DataSource, Facts};
use crate::ontology::{self, OntologyError, Schema};
use crate::vocab::{rdf, rdfs, GraphKind, Iris};
use oxigraph::model::{GraphName, GraphNameRef, NamedNodeRef, Quad};
use oxigraph::store::{StorageError, Store};

/// Why the knowledge graph could not be built.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The facts have problems (each with its file, line and column).
    #[error(transparent)]
    Facts(#[from] Problems),
    /// A shipped ontology file is missing or does not parse.
    #[error(transparent)]
    Ontology(#[from] OntologyError),
    /// The store failed.
    #[error("the in-memory store failed: {0}")]
    Storage(#[from] StorageError),
}

/// The knowledge graph: the checked facts, the IRIs they are minted under, the schema they
/// follow, and the store built from them. Its store always holds exactly the ontology and the
/// quads of its facts (and, once [`KnowledgeGraph::load_mapping`] ran, the mapping).
pub struct KnowledgeGraph {
    facts: Facts,
    iris: Iris,
    schema: &'static Schema,
    store: Store,
}

impl KnowledgeGraph {
    /// Reads the facts and builds the store: ontology, facts and provenance.
    pub fn load(data: &DataSource, iris: Iris) -> Result<Self, StoreError> {
        let ontology = ontology::shipped()?;
        let facts = facts::load(data, &ontology.schema)?;
        Self::from_facts(facts, iris)
    }

    /// Builds the store from facts already read.
    pub fn from_facts(facts: Facts, iris: Iris) -> Result<Self, StoreError> {
        let ontology = ontology::shipped()?;
        let store = Store::new()?;
        let graph = GraphName::from(iris.graph(GraphKind::Ontology));
        let ontology_quads = ontology
            .triples
            .iter()
            .map(|t| t.clone().in_graph(graph.clone()));
        store.extend(ontology_quads.chain(statements::build(&facts, &ontology.schema, &iris)))?;
        Ok(Self {
            facts,
            iris,
            schema: &ontology.schema,
            store,
        })
    }

    /// The facts it was built from.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// The IRIs it uses.
    pub fn iris(&self) -> &Iris {
        &self.iris
    }

    /// What the facts may say.
    pub fn schema(&self) -> &Schema {
        self.schema
    }

    /// The store, to query.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Adds the Wikidata mapping, `ontology/cica-wikidata.ttl`, as the graph
    /// [`Iris::mapping_graph`], for the commands that speak Wikidata.
    pub fn load_mapping(&self) -> Result<(), StoreError> {
        let graph = GraphName::from(self.iris.mapping_graph());
        let triples = ontology::shipped_file("cica-wikidata.ttl")?;
        self.store
            .extend(triples.into_iter().map(|t| t.in_graph(graph.clone())))?;
        Ok(())
    }

    /// The quads of some graphs, in a stable order: by graph (in the order given), then
    /// subject, then predicate (`rdf:type` and `rdfs:label` first), then object.
    pub fn quads(&self, graphs: &[GraphKind]) -> Result<Vec<Quad>, StoreError> {
        let mut quads = Vec::new();
        for graph in graphs {
            let name = self.iris.graph(*graph);
            for quad in self.store.quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(name.as_ref())),
            ) {
                quads.push(quad?);
            }
        }
        let names: Vec<GraphName> = graphs
            .iter()
            .map(|g| GraphName::from(self.iris.graph(*g)))
            .collect();
        quads.sort_by_cached_key(|quad| {
            (
                names.iter().position(|g| *g == quad.graph_name),
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
pub fn predicate_rank(predicate: NamedNodeRef<'_>) -> u8 {
    if predicate == rdf::TYPE {
        0
    } else if predicate == rdfs::LABEL {
        1
    } else {
        2
    }
}
