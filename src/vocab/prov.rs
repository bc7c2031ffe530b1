//! PROV-O, for where each fact comes from.

vocabulary! {
    /// The PROV namespace.
    namespace = "http://www.w3.org/ns/prov#", prefix = "prov";
    /// prov:Entity
    ENTITY = "Entity";
    /// prov:wasDerivedFrom
    WAS_DERIVED_FROM = "wasDerivedFrom";
}
