//! The store: an embedded, in-memory Oxigraph store holding the named graphs (facts,
//! provenance, ontology; the Wikidata mapping when a command asks for it). Every command
//! starts by building one with [`KnowledgeGraph::load`]: ontology -> schema -> facts ->
//! quads -> store.

use super::select::{Everything, Selection};
use super::{export, statements};
use crate::diagnostic::Problems;
use crate::facts::{self, DataSource, Facts};
use crate::ontology::{self, Ontology, OntologyError, Schema};
use crate::vocab::{GraphKind, Iris};
use oxigraph::model::{GraphName, Quad};
use oxigraph::store::{StorageError, Store};

/// Why the knowledge graph could not be built.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The facts have problems (each with its file, line and column).
    #[error(transparent)]
    Facts(#[from] Problems),
    /// A shipped ontology file is missing from the build.
    #[error(transparent)]
    Ontology(#[from] OntologyError),
    /// The store failed.
    #[error("the in-memory store failed: {0}")]
    Storage(#[from] StorageError),
}

/// From how many statements the quads of the facts are made on a second thread while the store
/// takes them ([`insert_beside`]): below, a thread costs more than it saves (a cold query of
/// the shipped 79 statements would start one for its 126 quads).
const TWO_THREADS_FROM: usize = 10_000;

/// How many quads of the facts go to the store at a time, and how many such batches may wait
/// for it (a megabyte or so). The second thread's allocations cost some memory all the same:
/// with 80,000 statements, 10 MiB more resident in the server and in each worker.
const BATCH: usize = 256;
const BATCHES_AHEAD: usize = 4;

/// The knowledge graph: the checked facts, the IRIs they are minted under, the schema they
/// follow, and the store built from them. Its store holds exactly the ontology and the quads
/// of its facts (and, once [`KnowledgeGraph::load_mapping`] ran, the mapping); or, built for
/// one query by [`KnowledgeGraph::load_selected`], those of them the query can read.
pub struct KnowledgeGraph {
    pub(super) facts: Facts,
    pub(super) iris: Iris,
    pub(super) schema: &'static Schema,
    pub(super) store: Store,
}

impl KnowledgeGraph {
    /// Reads the facts and builds the store: ontology, facts and provenance.
    pub fn load(data: &DataSource, iris: Iris) -> Result<Self, StoreError> {
        Self::load_selected(data, iris, &Everything)
    }

    /// Reads the facts and builds a store of only the quads `select` wants: for one query,
    /// those it can read (see `query::Reach`), which may be far fewer than all of them.
    pub fn load_selected(
        data: &DataSource,
        iris: Iris,
        select: &dyn Selection,
    ) -> Result<Self, StoreError> {
        let facts = facts::load(data, &ontology::shipped()?.schema)?;
        Self::from_facts_selected(facts, iris, select)
    }

    /// Builds the store from facts already read.
    pub fn from_facts(facts: Facts, iris: Iris) -> Result<Self, StoreError> {
        Self::from_facts_selected(facts, iris, &Everything)
    }

    /// Builds a store of only the quads `select` wants from facts already read.
    pub fn from_facts_selected(
        facts: Facts,
        iris: Iris,
        select: &dyn Selection,
    ) -> Result<Self, StoreError> {
        let ontology = ontology::shipped()?;
        let store = Store::new()?;
        insert(
            &store,
            ontology_quads(ontology, &iris, select),
            || statements::build(&facts, &ontology.schema, &iris, select),
            facts.statements.len(),
        )?;
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

    /// The quads of some graphs, in the export order; see [`graph_quads`].
    pub fn quads(&self, graphs: &[GraphKind]) -> Result<Vec<Quad>, StoreError> {
        graph_quads(&self.facts, &self.iris, graphs)
    }
}

/// The quads of some graphs of `facts`, exactly those the store of a [`KnowledgeGraph`] holds
/// in them, in the export order: by graph (in the order given), then subject, then predicate
/// (`rdf:type` and `rdfs:label` first), then object ([`export::compare`]). They are made from
/// the facts and the ontology, without a store: an export needs nothing else, and a store of
/// the same quads would as much as double the memory it takes.
pub fn graph_quads(
    facts: &Facts,
    iris: &Iris,
    graphs: &[GraphKind],
) -> Result<Vec<Quad>, StoreError> {
    let ontology = ontology::shipped()?;
    let ontology_triples = if graphs.contains(&GraphKind::Ontology) {
        ontology.triples()
    } else {
        Vec::new()
    };
    let mut quads = Vec::with_capacity(statements::estimated_len(facts) + ontology_triples.len());
    let best = facts::best_statements(facts, &ontology.schema);
    for graph in graphs {
        let start = quads.len();
        match graph {
            GraphKind::Facts => quads.extend(statements::facts_graph(
                facts,
                best.clone(),
                iris,
                &Everything,
            )),
            GraphKind::Provenance => quads.extend(statements::provenance_graph(
                facts,
                best.clone(),
                iris,
                &Everything,
            )),
            GraphKind::Ontology => {
                let name = GraphName::from(iris.graph(GraphKind::Ontology));
                quads.extend(
                    ontology_triples
                        .iter()
                        .map(|t| (*t).clone().in_graph(name.clone())),
                );
            }
        }
        quads[start..].sort_unstable_by(export::compare);
    }
    // The store is a set: a quad made twice (a name written twice) is there once.
    quads.dedup();
    Ok(quads)
}

/// The ontology's triples that `select` wants, as quads of the ontology graph.
pub(super) fn ontology_quads<'a>(
    ontology: &'a Ontology,
    iris: &Iris,
    select: &'a dyn Selection,
) -> impl Iterator<Item = Quad> + 'a {
    let graph = GraphName::from(iris.graph(GraphKind::Ontology));
    ontology
        .triples_with(|p| select.predicate(p))
        .into_iter()
        .filter(|t| select.object(t.predicate.as_ref(), t.object.as_ref()))
        .map(move |t| t.clone().in_graph(graph.clone()))
}

/// Puts `first`, then the quads `make` makes of `statements` statements, into `store`: on a
/// second thread ([`insert_beside`]) from [`TWO_THREADS_FROM`] statements, else at once.
pub(super) fn insert<I>(
    store: &Store,
    first: impl Iterator<Item = Quad>,
    make: impl FnOnce() -> I + Send,
    statements: usize,
) -> Result<(), StoreError>
where
    I: Iterator<Item = Quad>,
{
    if statements < TWO_THREADS_FROM {
        store.extend(first.chain(make()))?;
        Ok(())
    } else {
        insert_beside(store, first, make)
    }
}

/// Puts `first`, then the quads `make` makes, into `store` in one transaction, in that order,
/// while `make` runs on a second thread, a batch at a time: making the quads of the facts is
/// about a seventh of the build (with 80,000 statements: 0.5 s of 3.8 s). Each batch, once
/// in the store, goes back to the second thread, which drops its quads and fills it again:
/// the store's thread then frees none of the second thread's memory (that cost it 0.2-0.5 s
/// of its 4.5-4.8 s of CPU before serve's first answer: glibc's locks between the arenas).
fn insert_beside<I>(
    store: &Store,
    first: impl Iterator<Item = Quad>,
    make: impl FnOnce() -> I + Send,
) -> Result<(), StoreError>
where
    I: Iterator<Item = Quad>,
{
    std::thread::scope(|scope| -> Result<(), StoreError> {
        let (send, batches) = std::sync::mpsc::sync_channel::<Vec<Quad>>(BATCHES_AHEAD);
        let (give_back, used) = std::sync::mpsc::channel::<Vec<Quad>>();
        scope.spawn(move || {
            let empty = || match used.try_recv() {
                Ok(mut batch) => {
                    batch.clear();
                    batch
                }
                Err(_) => Vec::with_capacity(BATCH),
            };
            let mut batch = empty();
            for quad in make() {
                batch.push(quad);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, empty());
                    if send.send(full).is_err() {
                        return; // The store failed: nobody takes them.
                    }
                }
            }
            let _ = send.send(batch);
        });
        let mut transaction = store.start_transaction()?;
        for quad in first {
            transaction.insert(&quad);
        }
        for batch in batches {
            for quad in &batch {
                transaction.insert(quad);
            }
            // Once the second thread is done, it takes no more: the batch is dropped here.
            let _ = give_back.send(batch);
        }
        transaction.commit()?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphNameRef, NamedNode};

    #[test]
    fn the_export_quads_are_the_stores_in_the_order_of_their_n_triples_forms() {
        let kg = KnowledgeGraph::load(&DataSource::Embedded, Iris::default()).unwrap();
        for graphs in [
            &GraphKind::ALL[..],
            &[GraphKind::Provenance],
            &[GraphKind::Ontology, GraphKind::Facts],
        ] {
            let mut expected = Vec::new();
            for graph in graphs {
                let name = kg.iris().graph(*graph);
                let mut quads: Vec<Quad> = kg
                    .store()
                    .quads_for_pattern(
                        None,
                        None,
                        None,
                        Some(GraphNameRef::NamedNode(name.as_ref())),
                    )
                    .collect::<Result<_, _>>()
                    .unwrap();
                // The order by strings, as the export wrote it before it compared terms.
                quads.sort_by_cached_key(|q| {
                    (
                        q.subject.to_string(),
                        export::predicate_rank(q.predicate.as_ref()),
                        q.predicate.as_str().to_owned(),
                        q.object.to_string(),
                    )
                });
                expected.extend(quads);
            }
            assert!(expected.len() > 100);
            assert_eq!(kg.quads(graphs).unwrap(), expected, "{graphs:?}");
        }
    }

    #[test]
    fn quads_made_beside_the_store_all_arrive_once() {
        // Several batches and a part batch, after quads of their own.
        let quad = |i: usize| {
            let node = NamedNode::new_unchecked(format!("https://example.org/{i}"));
            Quad::new(node.clone(), node.clone(), node, GraphName::DefaultGraph)
        };
        let store = Store::new().unwrap();
        insert_beside(&store, (0..3).map(quad), || (3..BATCH * 5 + 7).map(quad)).unwrap();
        assert_eq!(store.len().unwrap(), BATCH * 5 + 7);
        for i in [0, 2, 3, BATCH, BATCH * 5 + 6] {
            assert!(store.contains(&quad(i)).unwrap(), "quad {i}");
        }
    }
}
