//! The one integration-test binary of cica-kg: it runs the real `cica-kg` binary (and, for
//! interoperability, real peers: RDFLib and the Oxigraph server from ./.venv) and compares
//! what they say with answers written by hand from the article.

mod common;

mod agreement;
mod bad_facts;
mod bad_input;
mod base;
mod bind;
mod browser;
mod browser_pages;
mod browser_review;
mod cli;
mod competency;
mod differential;
mod docs;
mod draft;
mod export;
mod federation;
mod formats;
mod generate;
mod interop;
mod jsonld;
mod label_service;
mod limits;
mod ontology;
mod output;
mod outputs;
mod owl_dl;
mod push;
mod query;
mod reach;
mod reconcile;
mod robustness;
mod serve;
mod serve_attacks;
mod serve_memory;
mod service_limits;
mod shapes;
mod sources;
mod statements;
mod streaming;
mod validate;
mod wikidata;
mod wikidata_diff;
mod wikidata_profile;
