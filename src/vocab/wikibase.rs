//! The Wikibase ontology, as the Wikidata Query Service writes it.

vocabulary! {
    /// The Wikibase ontology namespace.
    namespace = "http://wikiba.se/ontology#", prefix = "wikibase";
    /// wikibase:label, the label service.
    LABEL = "label";
    /// wikibase:language, the label service's languages.
    LANGUAGE = "language";
}
