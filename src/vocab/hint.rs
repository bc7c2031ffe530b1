//! Blazegraph's query hints, which queries copied from the Wikidata Query Service carry
//! (`hint:Query hint:optimizer "None" .`): advice for that engine's optimizer, not data.

vocabulary! {
    /// The query-hint namespace.
    namespace = "http://www.bigdata.com/queryHints#", prefix = "hint";
    /// hint:Query, the scope of a hint that applies to the whole query.
    QUERY = "Query";
}
