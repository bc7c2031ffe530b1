//! VoID, the Vocabulary of Interlinked Datasets: how many triples a graph of the served
//! dataset has, in the service description of `cica-kg serve`.

vocabulary! {
    /// The VoID namespace.
    namespace = "http://rdfs.org/ns/void#", prefix = "void";
    /// void:triples
    TRIPLES = "triples";
}
