//! RDF: facts to quads ([`statements`]), the in-memory store ([`store`]), the serializations
//! ([`export`]; for people, [`present`] with readable [`turtle`] and compact [`jsonld`]) and
//! output files that are never left half-written ([`output`]).

pub mod export;
pub mod jsonld;
pub mod output;
pub mod present;
pub mod statements;
pub mod store;
pub mod turtle;

pub use store::{KnowledgeGraph, StoreError};
