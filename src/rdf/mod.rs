//! RDF: facts to quads ([`statements`]), the in-memory store ([`store`]), the serializations
//! ([`export`]) and output files that are never left half-written ([`output`]).

pub mod export;
pub mod output;
pub mod statements;
pub mod store;

pub use store::{KnowledgeGraph, StoreError};
