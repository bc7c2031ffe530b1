//! The query page at `/query`: the named questions, an editor (a form that sends the query in
//! the URL, so that a result can be shared as a link), and the answer as a table with linked
//! IRIs (or the RDF of a CONSTRUCT), with downloads in every format. `?name=summits` fills the
//! editor with a named question and runs it. Queries run on the same engine, with the same
//! limits, as the SPARQL endpoint.

use super::super::http::{encode, Problem, Reply};
use super::super::sparql::{job, problem, returns_rdf};
use super::super::State;
use super::{layout, term, with_status};
use maud::{html, Markup};
use oxhttp::model::StatusCode;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};

/// The query page.
pub fn page(state: &State, params: &[(String, String)]) -> Result<Reply, Problem> {
    let param = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let named = param("name").and_then(|n| state.queries.iter().find(|q| q.name == n));
    let text = param("query").or_else(|| named.map(|q| q.text.clone()));
    let (status, answer) = match text.as_deref().filter(|t| !t.trim().is_empty()) {
        None if param("name").is_some() => (
            StatusCode::NOT_FOUND,
            Some(
                html! { p.error { "There is no named question of that name; pick one from the list." } },
            ),
        ),
        None => (StatusCode::OK, None),
        Some(text) => match run(state, text) {
            Ok(markup) => (StatusCode::OK, Some(markup)),
            Err(problem) => (
                problem.status,
                Some(html! { p.error { (problem.message) } }),
            ),
        },
    };
    let main = html! {
        h1 { "Ask the graph" }
        details open[text.is_none()] {
            summary { "Named questions" }
            ul {
                @for query in &state.queries {
                    li { a href={ "/query?" (encode(&[("name", &query.name)])) } { (query.header.question) } }
                }
            }
        }
        form method="get" action="/query" {
            label for="query" { "SPARQL query (the prefixes cica:, summit:, place:, rdfs: … are predefined)" }
            textarea #query name="query" spellcheck="false" { (text.clone().unwrap_or_default()) }
            button type="submit" { "Run" }
        }
        @if let Some(answer) = answer {
            h2 { "Answer" }
            @if let Some(named) = named.filter(|_| param("query").is_none()) {
                p.lead { (named.header.question) }
            }
            (answer)
        }
    };
    Ok(with_status(status, layout("Query", main)))
}

/// Runs a query and shows its answer, with the download links.
fn run(state: &State, text: &str) -> Result<Markup, Problem> {
    let graph = returns_rdf(state, text)?;
    let job = job(state, text, if graph { "turtle" } else { "json" });
    let bytes = state
        .engine
        .run(&state.kg, &state.prefixes, &job)
        .map_err(problem)?;
    let formats: &[(&str, &str)] = if graph {
        &[
            ("turtle", "Turtle"),
            ("ntriples", "N-Triples"),
            ("jsonld", "JSON-LD"),
            ("rdfxml", "RDF/XML"),
        ]
    } else {
        &[
            ("json", "JSON"),
            ("xml", "XML"),
            ("csv", "CSV"),
            ("tsv", "TSV"),
        ]
    };
    let body = if graph {
        html! { pre { (String::from_utf8_lossy(&bytes)) } }
    } else {
        table(state, &bytes)?
    };
    Ok(html! {
        (body)
        p.formats {
            "Download: "
            @for (i, (name, label)) in formats.iter().enumerate() {
                @if i > 0 { " · " }
                a href={ "/sparql?" (encode(&[("query", text), ("format", name)])) } { (label) }
            }
        }
    })
}

/// SPARQL JSON results as a table (or a yes/no for ASK).
fn table(state: &State, json: &[u8]) -> Result<Markup, Problem> {
    let failed = |e: &dyn std::fmt::Display| {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot read the answer: {e}"),
        )
    };
    let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
        .for_slice(json)
        .map_err(|e| failed(&e))?;
    let solutions = match parsed {
        SliceQueryResultsParserOutput::Boolean(value) => {
            return Ok(html! { p.lead { (if value { "Yes (true)" } else { "No (false)" }) } })
        }
        SliceQueryResultsParserOutput::Solutions(solutions) => solutions,
    };
    let variables = solutions.variables().to_vec();
    let rows = solutions
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| failed(&e))?;
    let plural = if rows.len() == 1 { "" } else { "s" };
    Ok(html! {
        p.muted { (rows.len()) " row" (plural) }
        div.scroll {
            table.results {
                thead { tr { @for v in &variables { th { (v.as_str()) } } } }
                tbody {
                    @for row in &rows {
                        tr {
                            @for v in &variables {
                                td { @if let Some(value) = row.get(v) { (term(state, value, None)) } }
                            }
                        }
                    }
                }
            }
        }
    })
}
