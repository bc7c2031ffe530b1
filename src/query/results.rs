//! Query results for people and programs: an aligned table, the W3C SPARQL result formats
//! (CSV, TSV, JSON, XML) for SELECT and ASK, and RDF (sorted like `export`) for CONSTRUCT and
//! DESCRIBE. Every output ends with a newline. Results are written as they are produced; what
//! is held in memory is bounded (see [`write_results`]).

use super::QueryError;
use crate::output::EndsWithNewline;
use crate::rdf::export::ExportError;
use crate::rdf::export::{self, ExportFormat};
use crate::table;
use oxigraph::io::RdfSerializer;
use oxigraph::model::{GraphName, Quad, TermRef, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolution, QuerySolutionIter};
use std::io::Write;

crate::named::named_enum! {
    /// How SELECT and ASK results are written.
    pub enum ResultFormat {
        Table = "table": "An aligned table for people (the default on a terminal)",
        Csv = "csv": "SPARQL 1.1 Query Results CSV",
        Tsv = "tsv": "SPARQL 1.1 Query Results TSV (the default when piped)",
        Json = "json": "SPARQL 1.1 Query Results JSON",
        Xml = "xml": "SPARQL Query Results XML",
    }
    /// A result format name that is not one of [`ResultFormat::ALL`].
    error UnknownResultFormat = "result format";
}

impl ResultFormat {
    pub(crate) fn w3c(self) -> QueryResultsFormat {
        match self {
            Self::Csv => QueryResultsFormat::Csv,
            Self::Tsv => QueryResultsFormat::Tsv,
            Self::Json => QueryResultsFormat::Json,
            Self::Xml | Self::Table => QueryResultsFormat::Xml,
        }
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
    let columns = column_names(&solutions);
    let rows = solutions
        .map(|s| {
            Ok(plain_row(
                &s.map_err(QueryError::evaluation)?,
                &columns,
                prefixes,
            ))
        })
        .collect::<Result<_, QueryError>>()?;
    Ok((columns, rows))
}

fn column_names(solutions: &QuerySolutionIter<'_>) -> Vec<String> {
    solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect()
}

/// One solution as [`plain`] strings, in the order of `columns` (empty where unbound).
fn plain_row(
    solution: &QuerySolution,
    columns: &[String],
    prefixes: &[(String, String)],
) -> Vec<String> {
    columns
        .iter()
        .map(|v| {
            solution
                .get(v.as_str())
                .map(|t| plain(t.as_ref(), prefixes))
                .unwrap_or_default()
        })
        .collect()
}

/// How many triples of a CONSTRUCT or DESCRIBE result are held to be sorted like `export`; a
/// larger result is written as it comes.
pub const SORTED_TRIPLES: usize = 100_000;

/// How many rows (and, at most, how many bytes of cells) of a table set its column widths;
/// the rows after them are written as they come, in those widths.
pub const TABLE_WIDTH_ROWS: usize = 1_000;
const TABLE_WIDTH_BYTES: usize = 4 << 20;

/// Writes query results in the formats of `output`, each solution or triple as the engine
/// produces it, so that memory does not grow with the result (see `SORTED_TRIPLES` and
/// `TABLE_WIDTH_ROWS` for what is held). If the evaluation fails half-way, what was written
/// before the error stays written.
pub fn write_results(
    results: QueryResults<'_>,
    output: Output,
    prefixes: &[(String, String)],
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let mut out = EndsWithNewline::new(out);
    match results {
        QueryResults::Graph(triples) => {
            let triples = triples.map(|t| t.map_err(QueryError::evaluation));
            write_graph(triples, output.rdf, prefixes, &mut out)?;
        }
        QueryResults::Boolean(value) if output.solutions == ResultFormat::Table => {
            writeln!(out, "{value}")?;
        }
        QueryResults::Solutions(solutions) if output.solutions == ResultFormat::Table => {
            write_table(solutions, prefixes, &mut out)?;
        }
        QueryResults::Boolean(value) => {
            QueryResultsSerializer::from_format(output.solutions.w3c())
                .serialize_boolean_to_writer(&mut out, value)?;
        }
        QueryResults::Solutions(solutions) => {
            let mut writer = QueryResultsSerializer::from_format(output.solutions.w3c())
                .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())?;
            let xml = output.solutions == ResultFormat::Xml;
            for solution in solutions {
                let solution = solution.map_err(QueryError::evaluation)?;
                if xml {
                    for (_, term) in solution.iter() {
                        export::xml_safe(term.as_ref(), "XML results")?;
                    }
                }
                writer.serialize(&solution)?;
            }
            writer.finish()?;
        }
    }
    out.finish()?;
    Ok(())
}

/// A CONSTRUCT or DESCRIBE result: up to [`SORTED_TRIPLES`] triples sorted and without
/// duplicates, as `export` writes them; beyond that, in the engine's order, with every
/// predefined prefix declared (which ones the rest uses is not known in advance).
fn write_graph(
    mut triples: impl Iterator<Item = Result<Triple, QueryError>>,
    format: ExportFormat,
    prefixes: &[(String, String)],
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let in_default = |t: Triple| t.in_graph(GraphName::DefaultGraph);
    let mut quads = triples
        .by_ref()
        .take(SORTED_TRIPLES + 1)
        .map(|t| t.map(in_default))
        .collect::<Result<Vec<Quad>, _>>()?;
    if quads.len() <= SORTED_TRIPLES {
        export::sort(&mut quads, &[]);
        export::write(&quads, format, prefixes, out)?;
        return Ok(());
    }
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    for (name, iri) in prefixes {
        serializer = serializer
            .with_prefix(name, iri)
            .map_err(|_| ExportError::Prefix(iri.clone()))?;
    }
    let mut writer = serializer.for_writer(out);
    for quad in &quads {
        if format == ExportFormat::Rdfxml {
            export::xml_safe(quad.subject.as_ref().into(), "RDF/XML")?;
            export::xml_safe(quad.predicate.as_ref().into(), "RDF/XML")?;
            export::xml_safe(quad.object.as_ref(), "RDF/XML")?;
        }
        writer.serialize_triple(quad.as_ref())?;
    }
    drop(quads);
    for triple in triples {
        let triple = triple?;
        if format == ExportFormat::Rdfxml {
            export::xml_safe(triple.subject.as_ref().into(), "RDF/XML")?;
            export::xml_safe(triple.predicate.as_ref().into(), "RDF/XML")?;
            export::xml_safe(triple.object.as_ref(), "RDF/XML")?;
        }
        writer.serialize_triple(&triple)?;
    }
    writer.finish()?;
    Ok(())
}

/// An aligned table: a header, a rule, the rows, and a row count. The first
/// [`TABLE_WIDTH_ROWS`] rows set the column widths; a longer cell further down pushes the
/// rest of its line to the right.
fn write_table(
    solutions: QuerySolutionIter<'_>,
    prefixes: &[(String, String)],
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let columns = column_names(&solutions);
    let mut rows = solutions.map(|s| {
        s.map(|s| plain_row(&s, &columns, prefixes))
            .map_err(QueryError::evaluation)
    });
    let mut first = Vec::new();
    let mut held = 0;
    while first.len() < TABLE_WIDTH_ROWS && held < TABLE_WIDTH_BYTES {
        let Some(row) = rows.next().transpose()? else {
            break;
        };
        held += row.iter().map(String::len).sum::<usize>();
        first.push(row);
    }
    let header: Vec<String> = columns.iter().map(|c| format!("?{c}")).collect();
    let mut widths = table::widths(std::slice::from_ref(&header));
    table::widen(&mut widths, &first);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", table::line(&header, &widths))?;
    writeln!(out, "{}", table::line(&rule, &widths))?;
    let mut count = first.len();
    for row in first {
        writeln!(out, "{}", table::line(&row, &widths))?;
    }
    for row in rows {
        writeln!(out, "{}", table::line(&row?, &widths))?;
        count += 1;
    }
    let plural = if count == 1 { "" } else { "s" };
    writeln!(out, "({count} row{plural})")?;
    Ok(())
}
