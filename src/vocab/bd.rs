//! Blazegraph's namespace, in which the Wikidata Query Service's label service takes its
//! parameters (`bd:serviceParam`).

vocabulary! {
    /// The Blazegraph namespace.
    namespace = "http://www.bigdata.com/rdf#", prefix = "bd";
    /// bd:serviceParam
    SERVICE_PARAM = "serviceParam";
}
