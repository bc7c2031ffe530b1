//! The media types the server writes, in its order of preference, and how a client chooses
//! one: by `?format=` (a format's name or media type), else by its `Accept` header
//! ([`super::negotiate`]).

use super::http::Problem;
use super::negotiate;
use crate::query::ResultFormat;
use crate::rdf::export::ExportFormat;

/// The formats of SELECT and ASK answers: the W3C result formats, and the generic JSON and
/// XML types that some clients send.
pub const SOLUTIONS: &[(&str, ResultFormat)] = &[
    ("application/sparql-results+json", ResultFormat::Json),
    ("application/sparql-results+xml", ResultFormat::Xml),
    ("text/csv", ResultFormat::Csv),
    ("text/tab-separated-values", ResultFormat::Tsv),
    ("application/json", ResultFormat::Json),
    ("application/xml", ResultFormat::Xml),
    ("text/xml", ResultFormat::Xml),
];

/// The RDF formats of graphs (CONSTRUCT and DESCRIBE answers, Linked Data documents, the
/// graphs of the graph store), and their usual aliases.
pub const GRAPHS: &[(&str, ExportFormat)] = &[
    ("text/turtle", ExportFormat::Turtle),
    ("application/n-triples", ExportFormat::Ntriples),
    ("application/ld+json", ExportFormat::Jsonld),
    ("application/rdf+xml", ExportFormat::Rdfxml),
    ("application/n-quads", ExportFormat::Nquads),
    ("application/trig", ExportFormat::Trig),
    ("application/x-turtle", ExportFormat::Turtle),
    ("text/plain", ExportFormat::Ntriples),
    ("application/json", ExportFormat::Jsonld),
    ("application/xml", ExportFormat::Rdfxml),
];

/// The formats of a whole dataset, with its named graphs.
pub const DATASETS: &[(&str, ExportFormat)] = &[
    ("application/n-quads", ExportFormat::Nquads),
    ("application/trig", ExportFormat::Trig),
];

/// A SELECT or ASK format by name (`json`, `xml`, `csv`, `tsv`).
pub fn solutions_by_name(name: &str) -> Option<ResultFormat> {
    name.parse()
        .ok()
        .filter(|format| *format != ResultFormat::Table)
}

/// An RDF format by name (`turtle`, `ntriples`, ...) or by a usual extension (`ttl`, `nt`,
/// `rdf`, `xml`, `json`, ...), as clients such as SPARQLWrapper send them.
pub fn graphs_by_name(name: &str) -> Option<ExportFormat> {
    name.parse()
        .ok()
        .or_else(|| ExportFormat::from_extension(name))
}

/// The format chosen by `?format=` (a name that `by_name` reads, or a media type), else by
/// the `Accept` header. `names` lists the names, for the error message.
pub fn choose<T: Copy + PartialEq>(
    format: Option<&str>,
    accept: Option<&str>,
    offers: &[(&'static str, T)],
    by_name: impl Fn(&str) -> Option<T>,
    names: &str,
) -> Result<(&'static str, T), Problem> {
    if let Some(wanted) = format {
        let wanted = wanted.trim().to_ascii_lowercase();
        let found = match by_name(&wanted) {
            Some(format) => offers.iter().find(|(_, f)| *f == format),
            None => offers.iter().find(|(m, _)| *m == wanted),
        };
        return found.copied().ok_or_else(|| {
            Problem::bad_request(format!(
                "format '{wanted}' is not available here; use one of: {names}"
            ))
        });
    }
    negotiate::choose(accept, offers).copied().ok_or_else(|| {
        let types: Vec<&str> = offers.iter().map(|(m, _)| *m).collect();
        Problem::not_acceptable(&types)
    })
}

/// The names of the SELECT and ASK formats.
pub const SOLUTION_NAMES: &str = "json, xml, csv, tsv";

/// The names of the RDF formats.
pub const GRAPH_NAMES: &str = "turtle, ntriples, nquads, trig, rdfxml, jsonld";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_name_wins_over_accept() {
        let (media, format) = choose(
            Some("csv"),
            Some("application/sparql-results+json"),
            SOLUTIONS,
            solutions_by_name,
            SOLUTION_NAMES,
        )
        .unwrap();
        assert_eq!((media, format), ("text/csv", ResultFormat::Csv));
        let (media, _) = choose(
            Some("text/tab-separated-values"),
            None,
            SOLUTIONS,
            solutions_by_name,
            SOLUTION_NAMES,
        )
        .unwrap();
        assert_eq!(media, "text/tab-separated-values");
        let error = choose(
            Some("turtle"),
            None,
            SOLUTIONS,
            solutions_by_name,
            SOLUTION_NAMES,
        )
        .unwrap_err();
        assert_eq!(error.status.as_u16(), 400);
        assert!(
            error.message.contains("json, xml, csv, tsv"),
            "{}",
            error.message
        );
    }

    #[test]
    fn accept_chooses_otherwise() {
        let (media, format) = choose(
            None,
            Some("application/n-triples"),
            GRAPHS,
            graphs_by_name,
            GRAPH_NAMES,
        )
        .unwrap();
        assert_eq!(
            (media, format),
            ("application/n-triples", ExportFormat::Ntriples)
        );
        let error =
            choose(None, Some("image/png"), GRAPHS, graphs_by_name, GRAPH_NAMES).unwrap_err();
        assert_eq!(error.status.as_u16(), 406);
        assert!(error.message.contains("text/turtle"));
        let (_, format) = choose(Some("XML"), None, GRAPHS, graphs_by_name, GRAPH_NAMES).unwrap();
        assert_eq!(format, ExportFormat::Rdfxml);
    }
}
