//! The Library of Congress's ISO 639-1 language codes, for the language of a source
//! (`dcterms:language` takes an IRI, not a string).

use oxigraph::model::NamedNode;

/// The namespace of the ISO 639-1 codes: `http://id.loc.gov/vocabulary/iso639-1/en`.
pub const NAMESPACE: &str = "http://id.loc.gov/vocabulary/iso639-1/";

/// The IRI of a checked two-letter code, such as `language("en")`.
pub fn language(code: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{NAMESPACE}{code}"))
}
