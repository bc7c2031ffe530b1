//! The shipped `data/`, `ontology/` and `queries/` (named, `checks/` and `internal/`) files, built into the binary by `build.rs`
//! so that cica-kg works from any directory. The ontology files come as their triples, parsed
//! by build.rs (see [`Term`]); the others as their text.

/// The subject of a shipped ontology triple, as build.rs read it with Oxigraph's Turtle
/// parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// An IRI.
    Iri(&'static str),
    /// A blank node, labelled by its file (`cica-shapes-b0`).
    Blank(&'static str),
}

/// The object of a shipped ontology triple, as build.rs read it with Oxigraph's Turtle parser:
/// valid terms, taken as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// An IRI.
    Iri(&'static str),
    /// A blank node, labelled by its file (`cica-shapes-b0`).
    Blank(&'static str),
    /// A literal and its datatype IRI (`xsd:string` for a simple literal).
    Typed(&'static str, &'static str),
    /// A language-tagged string and its language tag.
    LangString(&'static str, &'static str),
}

/// A file's triples by predicate: each predicate's IRI and its `(subject, object)` pairs.
pub type Groups = &'static [(&'static str, &'static [(Subject, Term)])];

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
