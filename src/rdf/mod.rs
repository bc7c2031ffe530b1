//! RDF: facts to quads (`statements`, all of them or a selection), the in-memory store
//! ([`KnowledgeGraph`]), the serializations ([`export`]; for people, [`present`] with readable
//! `turtle` and compact `jsonld`). Output files are written by [`crate::output`].

pub mod export;
pub(crate) mod jsonld;
pub(crate) mod key;
pub mod present;
pub(crate) mod select;
pub(crate) mod staged;
pub(crate) mod statements;
pub(crate) mod store;
pub(crate) mod turtle;

pub use jsonld::JsonLdForm;
pub use select::Selection;
pub use staged::Pending;
pub use store::{graph_quads, KnowledgeGraph, StoreError};
