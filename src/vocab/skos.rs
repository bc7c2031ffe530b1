//! SKOS, for other names, editorial notes, and the Wikidata mapping properties.

vocabulary! {
    /// The SKOS namespace.
    namespace = "http://www.w3.org/2004/02/skos/core#", prefix = "skos";
    /// skos:altLabel
    ALT_LABEL = "altLabel";
    /// skos:editorialNote
    EDITORIAL_NOTE = "editorialNote";
    /// skos:exactMatch
    EXACT_MATCH = "exactMatch";
    /// skos:closeMatch
    CLOSE_MATCH = "closeMatch";
    /// skos:broadMatch
    BROAD_MATCH = "broadMatch";
}
