//! Query results for people and programs: an aligned table, the W3C SPARQL result formats
//! (CSV, TSV, JSON, XML) for SELECT and ASK, and RDF (sorted like `export`) for CONSTRUCT and
//! DESCRIBE. Every output ends with a newline.

use super::QueryError;
use crate::rdf::export::{self, ExportFormat};
use crate::rdf::output::EndsWithNewline;
use crate::table;
use oxigraph::model::{GraphName, Quad, TermRef};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::fmt;
use std::io::Write;
use std::str::FromStr;

/// How SELECT and ASK results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    /// An aligned table for people (the default on a terminal)
    Table,
    /// SPARQL 1.1 Query Results CSV
    Csv,
    /// SPARQL 1.1 Query Results TSV (the default when piped)
    Tsv,
    /// SPARQL 1.1 Query Results JSON
    Json,
    /// SPARQL Query Results XML
    Xml,
}

impl ResultFormat {
    /// Every format, in help order.
    pub const ALL: [ResultFormat; 5] = [Self::Table, Self::Csv, Self::Tsv, Self::Json, Self::Xml];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Json => "json",
            Self::Xml => "xml",
        }
    }

    fn w3c(self) -> QueryResultsFormat {
        match self {
            Self::Csv => QueryResultsFormat::Csv,
            Self::Tsv => QueryResultsFormat::Tsv,
            Self::Json => QueryResultsFormat::Json,
            Self::Xml | Self::Table => QueryResultsFormat::Xml,
        }
    }
}

impl fmt::Display for ResultFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A result format name that is not one of [`ResultFormat::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown result format '{0}'; use one of: table, csv, tsv, json, xml")]
pub struct UnknownResultFormat(pub String);

impl FromStr for ResultFormat {
    type Err = UnknownResultFormat;

    fn from_str(name: &str) -> Result<Self, UnknownResultFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| UnknownResultFormat(name.to_owned()))
    }
}

/// How results are written: SELECT and ASK in `solutions`, CONSTRUCT and DESCRIBE in `rdf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output {
    /// The format of SELECT and ASK results.
    pub solutions: ResultFormat,
    /// Whether the user chose `solutions` (then a CONSTRUCT or DESCRIBE is an error), or it is
    /// the default.
    pub solutions_chosen: bool,
    /// The format of CONSTRUCT and DESCRIBE results.
    pub rdf: ExportFormat,
}

impl Output {
    /// Refuses a result format chosen for a query that returns RDF.
    pub fn check(&self, query: &spargebra::Query) -> Result<(), QueryError> {
        let graph = matches!(
            query,
            spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. }
        );
        if graph && self.solutions_chosen {
            return Err(QueryError::FormatForGraph {
                format: self.solutions,
            });
        }
        Ok(())
    }
}

/// A term as people read it: a literal's value, an IRI as `prefix:local` where a prefix
/// fits, or `<iri>`; blank nodes as `_:id`. Expected answers are written this way.
pub fn plain(term: TermRef<'_>, prefixes: &[(String, String)]) -> String {
    match term {
        TermRef::NamedNode(n) => prefixes
            .iter()
            .find_map(|(p, ns)| {
                n.as_str()
                    .strip_prefix(ns.as_str())
                    .filter(|local| !local.is_empty() && !local.contains(['/', '#']))
                    .map(|local| format!("{p}:{local}"))
            })
            .unwrap_or_else(|| format!("<{}>", n.as_str())),
        TermRef::BlankNode(b) => b.to_string(),
        TermRef::Literal(l) => l.value().to_owned(),
        #[allow(unreachable_patterns)]
        _ => term.to_string(),
    }
}

/// The rows of a SELECT result as [`plain`] strings, with the variable names.
pub fn plain_rows(
    results: QueryResults<'_>,
    prefixes: &[(String, String)],
) -> Result<(Vec<String>, Vec<Vec<String>>), QueryError> {
    let QueryResults::Solutions(solutions) = results else {
        return Err(QueryError::NotSelect);
    };
    let columns: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(QueryError::evaluation)?;
        rows.push(
            columns
                .iter()
                .map(|v| {
                    solution
                        .get(v.as_str())
                        .map(|t| plain(t.as_ref(), prefixes))
                        .unwrap_or_default()
                })
                .collect(),
        );
    }
    Ok((columns, rows))
}

/// Writes query results in the formats of `output`.
pub fn write_results(
    results: QueryResults<'_>,
    output: Output,
    prefixes: &[(String, String)],
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let mut out = EndsWithNewline::new(out);
    match results {
        QueryResults::Graph(triples) => {
            let mut quads = triples
                .map(|t| t.map(|t| t.in_graph(GraphName::DefaultGraph)))
                .collect::<Result<Vec<Quad>, _>>()
                .map_err(QueryError::evaluation)?;
            export::sort(&mut quads, &[]);
            export::write(&quads, output.rdf, prefixes, &mut out)?;
        }
        QueryResults::Boolean(value) if output.solutions == ResultFormat::Table => {
            writeln!(out, "{value}")?;
        }
        results @ QueryResults::Solutions(_) if output.solutions == ResultFormat::Table => {
            let (columns, rows) = plain_rows(results, prefixes)?;
            write_table(&columns, &rows, &mut out)?;
        }
        QueryResults::Boolean(value) => {
            QueryResultsSerializer::from_format(output.solutions.w3c())
                .serialize_boolean_to_writer(&mut out, value)?;
        }
        QueryResults::Solutions(solutions) => {
            let mut writer = QueryResultsSerializer::from_format(output.solutions.w3c())
                .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())?;
            for solution in solutions {
                writer.serialize(&solution.map_err(QueryError::evaluation)?)?;
            }
            writer.finish()?;
        }
    }
    out.finish()?;
    Ok(())
}

/// An aligned table: a header, a rule, the rows, and a row count.
fn write_table(
    columns: &[String],
    rows: &[Vec<String>],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let header: Vec<String> = columns.iter().map(|c| format!("?{c}")).collect();
    let mut widths = table::widths(std::slice::from_ref(&header));
    table::widen(&mut widths, rows);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", table::line(&header, &widths))?;
    writeln!(out, "{}", table::line(&rule, &widths))?;
    for row in rows {
        writeln!(out, "{}", table::line(row, &widths))?;
    }
    let plural = if rows.len() == 1 { "" } else { "s" };
    writeln!(out, "({} row{plural})", rows.len())
}
