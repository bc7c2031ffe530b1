//! The one integration-test binary of cica-kg: it runs the real `cica-kg` binary (and, for
//! interoperability, real peers: RDFLib and the Oxigraph server from ./.venv) and compares
//! what they say with answers written by hand from the article.

mod common;

mod agreement;
mod bad_input;
mod cli;
mod competency;
mod export;
mod federation;
mod interop;
mod ontology;
mod sources;
mod statements;
mod validate;
mod wikidata;
