//! VANN, for the ontology's preferred prefix.

vocabulary! {
    /// The VANN namespace.
    namespace = "http://purl.org/vocab/vann/", prefix = "vann";
    /// vann:preferredNamespacePrefix
    PREFERRED_NAMESPACE_PREFIX = "preferredNamespacePrefix";
}
