//! cica-kg turns what news articles say about the Conference on Interaction and Confidence
//! Building Measures in Asia (CICA) into a linked-data knowledge graph.
//!
//! [`draft`] proposes the facts of a new article as candidates for a person to review, and
//! accepts the reviewed ones as statements; [`review`] is the browser page where a person
//! accepts, rejects or edits them one by one.
//!
//! Data flows one way: the [`ontology`] gives the schema; [`facts`] (TOML, each statement with
//! its quote) are checked against it; [`rdf`] turns them into quads (`rdf::statements`) and
//! an in-memory Oxigraph store (`rdf::store`), and writes RDF (`rdf::export`); [`query`] asks
//! the store SPARQL questions; [`validate`] checks the facts, their quotes and the SHACL
//! shapes; [`sources`] lists the sources and reports how they agree; [`wikidata`] links the
//! graph with Wikidata (links, the Wikidata-shaped view, QuickStatements, federated queries);
//! [`serve`] puts it on the web (SPARQL protocol, Linked Data, pages). [`input`] reads the
//! files a person names, within caps; [`output`] writes files that are never left
//! half-written. [`vocab`] holds every IRI; [`diagnostic`] the one type of problem a person
//! reads; [`named`] the enums of named choices (formats, profiles). The library knows no
//! command line: `src/main.rs` and `src/cli/` turn arguments into the typed settings these
//! modules take.

pub mod diagnostic;
pub mod draft;
pub mod embedded;
pub mod facts;
pub mod input;
pub mod named;
pub mod nesting;
pub mod ontology;
pub mod output;
pub mod push;
pub mod query;
pub mod rdf;
pub mod review;
pub mod serve;
pub mod sources;
pub mod suggest;
pub mod table;
pub mod validate;
pub mod vocab;
pub mod wikidata;
