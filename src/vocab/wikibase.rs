//! The Wikibase ontology, as the Wikidata Query Service writes it.

vocabulary! {
    /// The Wikibase ontology namespace.
    namespace = "http://wikiba.se/ontology#", prefix = "wikibase";
    /// wikibase:label, the label service.
    LABEL = "label";
    /// wikibase:language, the label service's languages.
    LANGUAGE = "language";
    /// wikibase:claim, from a property entity to its `p:` property.
    CLAIM = "claim";
    /// wikibase:statementProperty, to its `ps:` property.
    STATEMENT_PROPERTY = "statementProperty";
    /// wikibase:statementValue, to its `psv:` property.
    STATEMENT_VALUE = "statementValue";
    /// wikibase:rank
    RANK = "rank";
    /// wikibase:timePrecision: 9 a year, 10 a month, 11 a day.
    TIME_PRECISION = "timePrecision";
    /// wikibase:DeprecatedRank
    DEPRECATED_RANK = "DeprecatedRank";
}
