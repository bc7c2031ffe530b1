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
    /// wikibase:BestRank, the class of the statements with the best rank of their property.
    BEST_RANK = "BestRank";
    /// wikibase:timeCalendarModel: the calendar of a time value.
    TIME_CALENDAR_MODEL = "timeCalendarModel";
    /// wikibase:timeTimezone: a time value's offset from UTC in minutes.
    TIME_TIMEZONE = "timeTimezone";
    /// wikibase:quantityAmount
    QUANTITY_AMOUNT = "quantityAmount";
    /// wikibase:quantityUnit: the unit of a quantity (the item "1" for a count).
    QUANTITY_UNIT = "quantityUnit";
}
