//! The SPARQL 1.1 Service Description vocabulary and the W3C format IRIs, for the description
//! that `cica-kg serve` gives of its endpoint (a GET of /sparql without a query).

vocabulary! {
    /// The SPARQL 1.1 Service Description namespace.
    namespace = "http://www.w3.org/ns/sparql-service-description#", prefix = "sd";
    /// sd:Service
    SERVICE = "Service";
    /// sd:endpoint
    ENDPOINT = "endpoint";
    /// sd:supportedLanguage
    SUPPORTED_LANGUAGE = "supportedLanguage";
    /// sd:SPARQL11Query
    SPARQL11_QUERY = "SPARQL11Query";
    /// sd:resultFormat
    RESULT_FORMAT = "resultFormat";
    /// sd:feature
    FEATURE = "feature";
    /// sd:UnionDefaultGraph: the default graph is the union of the named graphs.
    UNION_DEFAULT_GRAPH = "UnionDefaultGraph";
    /// sd:BasicFederatedQuery: SERVICE is supported.
    BASIC_FEDERATED_QUERY = "BasicFederatedQuery";
    /// sd:defaultDataset
    DEFAULT_DATASET = "defaultDataset";
    /// sd:Dataset
    DATASET = "Dataset";
    /// sd:defaultGraph
    DEFAULT_GRAPH = "defaultGraph";
    /// sd:namedGraph
    NAMED_GRAPH = "namedGraph";
    /// sd:NamedGraph
    NAMED_GRAPH_CLASS = "NamedGraph";
    /// sd:name
    NAME = "name";
    /// sd:graph
    GRAPH = "graph";
    /// sd:Graph
    GRAPH_CLASS = "Graph";
}

/// The namespace of the W3C's format IRIs (`formats:Turtle`, `formats:SPARQL_Results_JSON`).
pub const FORMATS: &str = "http://www.w3.org/ns/formats/";

/// A format IRI by its local name, such as `format("Turtle")`.
pub fn format(local: &str) -> oxigraph::model::NamedNode {
    oxigraph::model::NamedNode::new_unchecked(format!("{FORMATS}{local}"))
}
