//! cica-kg turns what a Xinhua backgrounder says about the Conference on Interaction and
//! Confidence Building Measures in Asia (CICA) into a linked-data knowledge graph.
//!
//! Data flows one way: [`facts`] (TOML, each statement with its quote) -> [`triples`] ->
//! [`store`] (an in-memory Oxigraph store) -> [`query`] / [`export`]. [`vocab`] holds every
//! IRI; [`cli`] and [`commands`] are the thin command line over this library. [`wikidata`]
//! (links, the Wikidata-shaped view), [`quickstatements`] and [`federation`] (SERVICE calls)
//! connect the graph with Wikidata. [`validate`] checks the facts, their quotes and the SHACL
//! shapes of `ontology/shapes.ttl`.

pub mod cli;
pub mod commands;
pub mod embedded;
pub mod export;
pub mod facts;
pub mod federation;
pub mod output;
pub mod query;
pub mod quickstatements;
pub mod store;
pub mod table;
pub mod triples;
pub mod validate;
pub mod vocab;
pub mod wikidata;
