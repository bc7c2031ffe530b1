//! RDF: facts to quads ([`statements`], all of them or a [`select`]ion), the in-memory store
//! ([`store`]), the serializations ([`export`]; for people, [`present`] with readable
//! [`turtle`] and compact [`jsonld`]). Output files are written by [`crate::output`].

pub mod export;
pub mod jsonld;
pub mod present;
pub mod select;
pub mod statements;
pub mod store;
pub mod turtle;

pub use store::{KnowledgeGraph, StoreError};
