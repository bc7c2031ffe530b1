//! OWL, for the Wikidata links and the ontology's declarations.

vocabulary! {
    /// The OWL namespace.
    namespace = "http://www.w3.org/2002/07/owl#", prefix = "owl";
    /// owl:sameAs, from an entity to its Wikidata item.
    SAME_AS = "sameAs";
    /// owl:Class
    CLASS = "Class";
    /// owl:ObjectProperty
    OBJECT_PROPERTY = "ObjectProperty";
    /// owl:DatatypeProperty
    DATATYPE_PROPERTY = "DatatypeProperty";
    /// owl:FunctionalProperty
    FUNCTIONAL_PROPERTY = "FunctionalProperty";
}
