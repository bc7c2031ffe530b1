//! The SHACL shapes of `ontology/shapes.ttl`, whose namespace is fixed like the ontology's.

vocabulary! {
    /// The namespace of the shapes.
    namespace = "https://w3id.org/cica-kg/shapes#", prefix = "cicash";
}
