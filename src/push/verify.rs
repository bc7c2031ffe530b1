//! After a push, asks the store how many triples each graph holds: the query is
//! `queries/internal/push-count.rq` with `?graph` bound by substitution (a `VALUES` block
//! joined into its algebra by [`crate::query::bind`]), printed by spargebra and sent to the
//! store's SPARQL query endpoint ("query via URL-encoded POST", which every store takes); the
//! answer is read with Oxigraph's SPARQL results parser.

use super::http::{Client, Failure};
use crate::query::{catalog, Binding, QueryError, QueryText};
use oxigraph::model::{NamedNode, Term, Variable};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use ureq::http::{Method, Uri};

/// The internal query's name.
const QUERY: &str = "push-count";

/// The media types asked for.
const ACCEPTED: &str = "application/sparql-results+json, application/sparql-results+xml;q=0.9";

/// The count query for `graph`, as SPARQL text.
pub fn count_query(graph: &NamedNode) -> Result<String, QueryError> {
    let text = catalog::internal(QUERY)?;
    let bindings = [Binding {
        variable: Variable::new_unchecked("graph"),
        term: Term::NamedNode(graph.clone()),
    }];
    let query = QueryText {
        origin: "queries/internal/push-count.rq",
        text,
        prefixes: &[],
        bindings: &bindings,
    }
    .prepare()?;
    Ok(query.to_string())
}

/// Counts the triples of `graph` through the query endpoint `url`.
pub(crate) fn count(client: &Client, url: &Uri, graph: &NamedNode) -> Result<u64, Failure> {
    let query = count_query(graph).map_err(|e| Failure::Fatal(e.to_string()))?;
    let body: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", &query)
        .finish();
    let answer = client.send(
        &Method::POST,
        url,
        "application/x-www-form-urlencoded",
        Some(ACCEPTED),
        body.into_bytes(),
    )?;
    read_count(&answer.content_type, &answer.body).map_err(Failure::Fatal)
}

/// Reads the `?count` of the first solution.
fn read_count(content_type: &str, body: &[u8]) -> Result<u64, String> {
    let not_results = || {
        format!(
            "the answer is '{content_type}', not SPARQL results; check that this is the store's SPARQL query endpoint (Oxigraph: /query, Virtuoso: /sparql)"
        )
    };
    let format = QueryResultsFormat::from_media_type(content_type).ok_or_else(not_results)?;
    let parsed = QueryResultsParser::from_format(format)
        .for_slice(body)
        .map_err(|e| format!("the answer is not valid {}: {e}", format.name()))?;
    let SliceQueryResultsParserOutput::Solutions(mut solutions) = parsed else {
        return Err(not_results());
    };
    let row = solutions
        .next()
        .ok_or("the count query has no answer")?
        .map_err(|e| format!("the answer has a bad solution: {e}"))?;
    let Some(Term::Literal(count)) = row.get("count") else {
        return Err(
            "the answer has no ?count number; check that this is the store's SPARQL query endpoint"
                .to_owned(),
        );
    };
    count
        .value()
        .parse()
        .map_err(|_| format!("the count '{}' is not a number", count.value()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use spargebra::SparqlParser;

    #[test]
    fn the_graph_is_bound_by_substitution() {
        let graph = NamedNode::new("https://w3id.org/cica-kg/graph/facts").unwrap();
        let text = count_query(&graph).unwrap();
        assert!(
            text.contains("VALUES ( ?graph ) { ( <https://w3id.org/cica-kg/graph/facts> )"),
            "{text}"
        );
        SparqlParser::new().parse_query(&text).unwrap();
    }

    #[test]
    fn counts_are_read_from_json_and_xml() {
        // Virtuoso's JSON: the old "typed-literal" type.
        let json = br#"{ "head": { "vars": ["count"] }, "results": { "bindings": [
            { "count": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "1210" }} ] } }"#;
        assert_eq!(
            read_count("application/sparql-results+json", json),
            Ok(1210)
        );
        let xml = br#"<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="count"/></head><results><result><binding name="count"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">7</literal></binding></result></results></sparql>"#;
        assert_eq!(
            read_count("application/sparql-results+xml; charset=utf-8", xml),
            Ok(7)
        );
        let error = read_count("text/html", b"<html/>").unwrap_err();
        assert!(error.contains("SPARQL query endpoint"), "{error}");
    }
}
