//! The Wikidata profile: what the Wikidata Query Service would hold, built by two SPARQL
//! CONSTRUCTs over the store (reading the mapping graph, so the mapping is data, not code):
//! `queries/internal/wikidata-profile.rq` gives the truthy view (linked entities become their
//! `wd:` items, mapped properties their `wdt:` direct claims with times as `xsd:dateTime`,
//! classes `wdt:P31`, descriptions `schema:description`; unlinked entities keep their cica-kg
//! IRIs and unmapped facts their cica-kg property), `queries/internal/wikidata-statements.rq`
//! the statements (`p:`/`ps:`/`pq:`, rank, references with `pr:` values, time and quantity
//! value nodes).

use super::mapping::graph_bindings_of;
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
    let mut quads = construct(kg, "wikidata-profile")?;
    quads.extend(construct(kg, "wikidata-statements")?);
    export::sort(&mut quads, &[]);
    Ok(quads)
}

/// The triples of one internal CONSTRUCT, in the default graph.
fn construct(kg: &KnowledgeGraph, name: &str) -> Result<Vec<Quad>, WikidataError> {
    let origin = format!("queries/internal/{name}.rq");
    let text = catalog::internal(name).map_err(QueryError::from)?;
    let bindings = graph_bindings_of(kg, text);
    let QueryResults::Graph(triples) = run_internal(kg.store(), &origin, text, &bindings)? else {
        return Err(WikidataError::Mapping(format!(
            "{origin} is not a CONSTRUCT query"
        )));
    };
    Ok(triples
        .map(|t| t.map(|t| t.in_graph(GraphName::DefaultGraph)))
        .collect::<Result<Vec<Quad>, _>>()
        .map_err(QueryError::evaluation)?)
}

/// A store holding the Wikidata profile in its default graph, for `query --profile wikidata`.
pub fn profile_store(kg: &KnowledgeGraph) -> Result<Store, WikidataError> {
    let store = Store::new().map_err(StoreError::from)?;
    store.extend(profile(kg)?).map_err(StoreError::from)?;
    Ok(store)
}
