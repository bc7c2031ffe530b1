//! SHACL, for reading the targets of `ontology/shapes.ttl`.

vocabulary! {
    /// The SHACL namespace.
    namespace = "http://www.w3.org/ns/shacl#", prefix = "sh";
    /// sh:targetClass
    TARGET_CLASS = "targetClass";
    /// sh:targetNode
    TARGET_NODE = "targetNode";
    /// sh:targetSubjectsOf
    TARGET_SUBJECTS_OF = "targetSubjectsOf";
    /// sh:targetObjectsOf
    TARGET_OBJECTS_OF = "targetObjectsOf";
}
