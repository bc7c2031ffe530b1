//! cica-kg turns what news articles say about the Conference on Interaction and Confidence
//! Building Measures in Asia (CICA) into a linked-data knowledge graph.
//!
//! Data flows one way: the [`ontology`] gives the schema; [`facts`] (TOML, each statement with
//! its quote) are checked against it; [`rdf`] turns them into quads and an in-memory Oxigraph
//! store ([`rdf::KnowledgeGraph`]), and writes RDF ([`rdf::export`], [`rdf::present`]);
//! [`query`] asks the store SPARQL questions; [`validate`] checks the facts, their quotes and
//! the SHACL shapes; [`sources`] lists the sources and reports how they agree; [`wikidata`]
//! links the graph with Wikidata (links, the Wikidata-shaped view, QuickStatements, federated
//! queries); [`push`] sends graphs to a triple store; [`serve`] puts the graph on the web
//! (SPARQL protocol, Linked Data, pages). [`draft`] proposes the facts of a new article as
//! candidates for a person to review, and accepts the reviewed ones as statements; [`review`]
//! is the browser page where a person accepts, rejects or edits them one by one.
//!
//! # The library's API
//!
//! What a program embedding cica-kg needs is public; everything else is the crate's own.
//!
//! - **Load the facts and build the graph**: [`facts::load`] (or [`rdf::KnowledgeGraph::load`],
//!   which does both) from [`facts::DataSource::Embedded`] (the shipped data) or a folder,
//!   with the IRIs of [`vocab::Iris`].
//! - **Query**: [`query::named_query`] (the shipped questions) or any text through
//!   [`query::QueryText`], [`query::evaluate`], then [`query::write_results`] or
//!   [`query::plain_rows`]; a [`query::Watch`] enforces time limits and memory caps.
//! - **Export**: [`rdf::KnowledgeGraph::quads`] and [`rdf::export::write`] in six formats.
//! - **Validate**: [`validate::validate`] returns a [`validate::Report`].
//! - **Serve**: [`serve::handle`] answers one HTTP request from a [`serve::State`]; the whole
//!   server is [`serve::bind`] and [`serve::serve`], its events given to a [`serve::Log`].
//! - The commands' own entry points, settings and errors: [`push`], [`sources`],
//!   [`wikidata`], [`draft`], [`review`]; [`input`] reads files within caps, [`output`]
//!   writes files that are never left half-written, [`vocab`] names every IRI,
//!   [`diagnostic`] is the one type of problem a person reads, [`named`] the named choices
//!   (formats, profiles), [`table`] lays out text tables.
//!
//! The library knows no command line (`src/main.rs` and `src/cli/` turn arguments into the
//! typed settings these modules take), and never prints or exits: it returns values and typed
//! errors, and reports events through callbacks the program gives. It joins every thread it
//! starts and leaves none running (ARCHITECTURE.md, "Invariants").
//!
//! ```
//! use cica_kg::facts::DataSource;
//! use cica_kg::rdf::KnowledgeGraph;
//! use cica_kg::vocab::Iris;
//!
//! // The shipped facts, checked against the shipped ontology, in an in-memory store.
//! let kg = KnowledgeGraph::load(&DataSource::Embedded, Iris::default())?;
//! let summit = kg.facts().entity("summit/6").expect("data/entities.toml names it");
//! assert_eq!(summit.label, "sixth CICA summit");
//! assert_eq!(kg.iris().base(), "https://w3id.org/cica-kg/");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod diagnostic;
pub mod draft;
mod embedded;
pub mod facts;
pub mod input;
pub mod named;
mod nesting;
pub mod ontology;
pub mod output;
pub mod push;
pub mod query;
pub mod rdf;
pub mod review;
pub mod serve;
pub mod sources;
mod suggest;
pub mod table;
pub mod validate;
pub mod vocab;
pub mod wikidata;
