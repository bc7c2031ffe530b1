//! The Wikidata profile: the facts rewritten by one SPARQL CONSTRUCT over the store
//! (`queries/internal/wikidata-profile.rq`, reading the mapping graph, so the mapping is data,
//! not code): linked entities become their `wd:` items, mapped properties their `wdt:` direct
//! claims, classes `wdt:P31`, descriptions `schema:description`, while unlinked entities keep
//! their cica-kg IRIs and unmapped facts their cica-kg property.

use super::mapping::graph_bindings;
use super::WikidataError;
use crate::query::{catalog, run_internal, QueryError};
use crate::rdf::{export, KnowledgeGraph, StoreError};
use oxigraph::model::{GraphName, Quad};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;

/// The facts in Wikidata's vocabulary, as triples in the default graph, sorted by subject,
/// then predicate (`wdt:P31` and `rdf:type` first, then `rdfs:label`), then object. Loads
/// the mapping graph into the knowledge graph's store.
pub fn profile(kg: &KnowledgeGraph) -> Result<Vec<Quad>, WikidataError> {
    kg.load_mapping()?;
    let origin = "queries/internal/wikidata-profile.rq";
    let text = catalog::internal("wikidata-profile").map_err(QueryError::from)?;
    let QueryResults::Graph(triples) = run_internal(kg.store(), origin, text, &graph_bindings(kg))?
    else {
        return Err(WikidataError::Mapping(format!(
            "{origin} is not a CONSTRUCT query"
        )));
    };
    let mut quads = triples
        .map(|t| t.map(|t| t.in_graph(GraphName::DefaultGraph)))
        .collect::<Result<Vec<Quad>, _>>()
        .map_err(QueryError::evaluation)?;
    export::sort(&mut quads, &[]);
    Ok(quads)
}

/// A store holding the Wikidata profile in its default graph, for `query --profile wikidata`.
pub fn profile_store(kg: &KnowledgeGraph) -> Result<Store, WikidataError> {
    let store = Store::new().map_err(StoreError::from)?;
    store.extend(profile(kg)?).map_err(StoreError::from)?;
    Ok(store)
}
