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
    /// owl:IrreflexiveProperty: nothing is related to itself by it.
    IRREFLEXIVE_PROPERTY = "IrreflexiveProperty";
    /// owl:unionOf, of a class that is the union of others (a union domain).
    UNION_OF = "unionOf";
    /// owl:versionInfo, the ontology's version, written in the header of Turtle exports.
    VERSION_INFO = "versionInfo";
    /// owl:FunctionalProperty
    FUNCTIONAL_PROPERTY = "FunctionalProperty";
}
