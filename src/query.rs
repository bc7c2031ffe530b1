//! SPARQL over the knowledge graph: the named competency questions of `queries/` (each
//! `.rq` file starts with its question in words and its expected answer), evaluation with
//! Oxigraph (the default graph is the union of the named graphs, unless the query says
//! otherwise), and the result formats: an aligned table for people, and the W3C SPARQL
//! result formats (CSV, TSV, JSON, XML) for programs.

use crate::embedded;
use crate::export::{self, ExportFormat};
use crate::table;
use anyhow::{anyhow, bail, Context, Result};
use oxigraph::model::{Literal, NamedNode, Quad, Term, TermRef};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator, Variable};
use oxigraph::store::Store;
use std::fmt;
use std::io::Write;

/// A competency question shipped in `queries/`.
#[derive(Debug, Clone)]
pub struct NamedQuery {
    /// The file name without `.rq`: `summits`.
    pub name: String,
    /// The SPARQL text, with its header comment.
    pub text: String,
    /// The header: question and expected answer.
    pub header: Header,
}

/// What a query's header comment says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// `# Question: ...`
    pub question: String,
    /// `# Answer ...` and the rows under it, if any.
    pub answer: Option<Answer>,
    /// `# Requires: ...`: what the query needs beyond the local graph (such as a SERVICE).
    pub requires: Option<String>,
    /// `# Example: --bind ...`: the arguments the expected answer was written for.
    pub example: Vec<String>,
}

/// An expected answer, written by hand from the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// `# Answer: true` for an ASK query.
    Boolean(bool),
    /// A table: column names, rows of cells, and whether the order matters.
    Table {
        /// The projected variables, in order.
        columns: Vec<String>,
        /// The rows, each cell as [`plain`] renders a term (empty for unbound).
        rows: Vec<Vec<String>>,
        /// `# Answer (ordered):` when the query has ORDER BY.
        ordered: bool,
    },
}

impl Header {
    /// Reads the leading `#` comment of a query.
    ///
    /// ```text
    /// # Question: Where and when was each CICA summit held, in order?
    /// # Answer (ordered):
    /// #   ordinal | city    | date
    /// #   1       | Almaty  | 2002-06
    /// ```
    pub fn parse(text: &str) -> Result<Self> {
        let mut header = Header::default();
        let mut table: Option<(bool, Vec<Vec<String>>)> = None;
        for line in text.lines() {
            let Some(comment) = line.strip_prefix('#') else {
                break;
            };
            let body = comment.trim();
            if let Some(question) = body.strip_prefix("Question:") {
                header.question = question.trim().to_owned();
            } else if let Some(example) = body.strip_prefix("Example:") {
                header.example = example.split_whitespace().map(str::to_owned).collect();
            } else if let Some(requires) = body.strip_prefix("Requires:") {
                header.requires = Some(requires.trim().to_owned());
            } else if let Some(rest) = body.strip_prefix("Answer") {
                let (ordered, value) = match rest.strip_prefix(" (ordered)") {
                    Some(value) => (true, value),
                    None => (false, rest),
                };
                let value = value
                    .strip_prefix(':')
                    .ok_or_else(|| anyhow!("'# Answer' must be followed by ':'"))?
                    .trim();
                match value {
                    "true" => header.answer = Some(Answer::Boolean(true)),
                    "false" => header.answer = Some(Answer::Boolean(false)),
                    "" => table = Some((ordered, Vec::new())),
                    other => bail!("'# Answer: {other}': write true, false, or a table below"),
                }
            } else if let Some((_, rows)) = &mut table {
                if comment.starts_with("  ") && !body.is_empty() {
                    rows.push(body.split('|').map(|cell| cell.trim().to_owned()).collect());
                } else {
                    let (ordered, rows) = table.take().expect("a table is open");
                    header.answer = Some(table_answer(ordered, rows)?);
                }
            }
        }
        if let Some((ordered, rows)) = table {
            header.answer = Some(table_answer(ordered, rows)?);
        }
        if header.question.is_empty() {
            bail!("the query has no '# Question: ...' header line");
        }
        Ok(header)
    }
}

fn table_answer(ordered: bool, mut rows: Vec<Vec<String>>) -> Result<Answer> {
    if rows.is_empty() {
        bail!("'# Answer:' has no table under it: write a column line and one line per row");
    }
    let columns = rows.remove(0);
    if let Some(bad) = rows.iter().find(|row| row.len() != columns.len()) {
        bail!(
            "expected-answer row {bad:?} has {} cells but there are {} columns",
            bad.len(),
            columns.len()
        );
    }
    Ok(Answer::Table {
        columns,
        rows,
        ordered,
    })
}

/// The competency questions shipped in `queries/`, by name.
pub fn named_queries() -> Result<Vec<NamedQuery>> {
    embedded::QUERIES
        .iter()
        .map(|(file, text)| {
            let name = file.trim_end_matches(".rq").to_owned();
            let header =
                Header::parse(text).with_context(|| format!("queries/{file} has a bad header"))?;
            Ok(NamedQuery {
                name,
                text: (*text).to_owned(),
                header,
            })
        })
        .collect()
}

/// The named query `name`, or an error that lists the names.
pub fn named_query(name: &str) -> Result<NamedQuery> {
    let queries = named_queries()?;
    let names: Vec<String> = queries.iter().map(|q| q.name.clone()).collect();
    queries
        .into_iter()
        .find(|q| q.name == name)
        .ok_or_else(|| {
            anyhow!(
                "unknown query '{name}': give a .rq file, -e 'SELECT ...', or one of the named queries: {} (see cica-kg query --list)",
                names.join(", ")
            )
        })
}

/// A SPARQL evaluator with these prefixes predefined.
pub fn evaluator<P: AsRef<str>, N: AsRef<str>>(prefixes: &[(P, N)]) -> Result<SparqlEvaluator> {
    let mut evaluator = SparqlEvaluator::new();
    for (name, iri) in prefixes {
        evaluator = evaluator
            .with_prefix(name.as_ref(), iri.as_ref())
            .with_context(|| format!("invalid prefix IRI <{}>", iri.as_ref()))?;
    }
    Ok(evaluator)
}

/// Evaluates `text` (named `origin` in errors) on a store: the knowledge graph's, or the
/// Wikidata profile's ([`crate::wikidata::profile_store`]). Without FROM clauses the default
/// graph is the union of the named graphs.
pub fn evaluate<'a>(
    store: &'a Store,
    origin: &str,
    text: &str,
    evaluator: SparqlEvaluator,
    bindings: &[(Variable, Term)],
) -> Result<QueryResults<'a>> {
    let mut prepared = evaluator.parse_query(text).map_err(|e| {
        // Oxigraph's message says "error at LINE:COLUMN: expected ...".
        anyhow!("{origin}: SPARQL syntax error: {e}; fix the query at that line and column")
    })?;
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    for (variable, value) in bindings {
        prepared = prepared.substitute_variable(variable.clone(), value.clone());
    }
    prepared
        .on_store(store)
        .execute()
        .with_context(|| format!("{origin}: the query failed"))
}

/// Reads `--bind VAR=TERM`: TERM is `<iri>`, `prefix:local` (with the export prefixes),
/// `"text"`, `"text"@lang`, an integer, or `true`/`false`.
pub fn parse_binding(binding: &str, prefixes: &[(String, String)]) -> Result<(Variable, Term)> {
    let forms = "TERM is <iri>, prefix:local, \"text\", \"text\"@en, an integer, true or false";
    let (name, value) = binding.split_once('=').ok_or_else(|| {
        anyhow!("--bind {binding}: write VAR=TERM, such as subject=summit:1; {forms}")
    })?;
    let variable = Variable::new(name.trim_start_matches(['?', '$']))
        .map_err(|e| anyhow!("--bind {binding}: invalid variable name '{name}': {e}"))?;
    let term: Term = if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        NamedNode::new(iri)
            .map_err(|e| anyhow!("--bind {binding}: invalid IRI <{iri}>: {e}"))?
            .into()
    } else if let Some(rest) = value.strip_prefix('"') {
        match rest.rsplit_once('"') {
            Some((text, "")) => Literal::new_simple_literal(text).into(),
            Some((text, tag)) if tag.starts_with('@') => {
                Literal::new_language_tagged_literal(text, &tag[1..])
                    .map_err(|e| anyhow!("--bind {binding}: invalid language tag: {e}"))?
                    .into()
            }
            _ => bail!("--bind {binding}: unterminated text; {forms}"),
        }
    } else if let Ok(n) = value.parse::<i64>() {
        Literal::from(n).into()
    } else if value == "true" || value == "false" {
        Literal::from(value == "true").into()
    } else if let Some((prefix, local)) = value.split_once(':') {
        let namespace = prefixes
            .iter()
            .find(|(p, _)| p == prefix)
            .map(|(_, ns)| ns)
            .ok_or_else(|| {
                let names: Vec<&str> = prefixes.iter().map(|(p, _)| p.as_str()).collect();
                anyhow!(
                    "--bind {binding}: unknown prefix '{prefix}:'; use one of {}",
                    names.join(", ")
                )
            })?;
        NamedNode::new(format!("{namespace}{local}"))
            .map_err(|e| anyhow!("--bind {binding}: invalid IRI: {e}"))?
            .into()
    } else {
        bail!("--bind {binding}: cannot read the term '{value}'; {forms}");
    };
    Ok((variable, term))
}

/// How SELECT and ASK results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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

impl fmt::Display for ResultFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Table => "table",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Json => "json",
            Self::Xml => "xml",
        })
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
) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let QueryResults::Solutions(solutions) = results else {
        bail!("not a SELECT query");
    };
    let columns: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
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

/// Writes query results: SELECT and ASK in `format`, CONSTRUCT and DESCRIBE in `rdf_format`.
pub fn write_results(
    results: QueryResults<'_>,
    format: ResultFormat,
    rdf_format: ExportFormat,
    prefixes: &[(String, String)],
    out: &mut dyn Write,
) -> Result<()> {
    match results {
        QueryResults::Graph(triples) => {
            let quads = triples
                .map(|t| t.map(|t| t.in_graph(oxigraph::model::GraphName::DefaultGraph)))
                .collect::<Result<Vec<Quad>, _>>()?;
            export::write(&quads, rdf_format, prefixes, out)?;
        }
        QueryResults::Boolean(value) if format == ResultFormat::Table => {
            writeln!(out, "{value}")?;
        }
        results @ QueryResults::Solutions(_) if format == ResultFormat::Table => {
            let (columns, rows) = plain_rows(results, prefixes)?;
            write_table(&columns, &rows, out)?;
        }
        QueryResults::Boolean(value) => {
            QueryResultsSerializer::from_format(results_format(format))
                .serialize_boolean_to_writer(&mut *out, value)?;
        }
        QueryResults::Solutions(solutions) => {
            let mut writer = QueryResultsSerializer::from_format(results_format(format))
                .serialize_solutions_to_writer(&mut *out, solutions.variables().to_vec())?;
            for solution in solutions {
                writer.serialize(&solution?)?;
            }
            writer.finish()?;
        }
    }
    Ok(())
}

fn results_format(format: ResultFormat) -> QueryResultsFormat {
    match format {
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Tsv => QueryResultsFormat::Tsv,
        ResultFormat::Json => QueryResultsFormat::Json,
        ResultFormat::Xml | ResultFormat::Table => QueryResultsFormat::Xml,
    }
}

/// An aligned table: a header, a rule, the rows, and a row count.
fn write_table(columns: &[String], rows: &[Vec<String>], out: &mut dyn Write) -> Result<()> {
    let header: Vec<String> = columns.iter().map(|c| format!("?{c}")).collect();
    let mut all = vec![header];
    all.extend(rows.iter().cloned());
    let widths = table::widths(&all);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", table::line(&all[0], &widths))?;
    writeln!(out, "{}", table::line(&rule, &widths))?;
    for row in rows {
        writeln!(out, "{}", table::line(row, &widths))?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_give_question_and_answer() {
        let header = Header::parse(
            "# Question: Who?\n# Answer (ordered):\n#   a | b\n#   1 | x\n#   2 |\n#\nSELECT",
        )
        .unwrap();
        assert_eq!(header.question, "Who?");
        assert_eq!(
            header.answer,
            Some(Answer::Table {
                columns: vec!["a".into(), "b".into()],
                rows: vec![vec!["1".into(), "x".into()], vec!["2".into(), "".into()]],
                ordered: true,
            })
        );
        let ask = Header::parse("# Question: Is it?\n# Answer: true\nASK {}").unwrap();
        assert_eq!(ask.answer, Some(Answer::Boolean(true)));
    }

    #[test]
    fn a_header_needs_a_question() {
        assert!(Header::parse("SELECT * {}").is_err());
        assert!(Header::parse("# Question: q\n# Answer: maybe\n").is_err());
    }

    #[test]
    fn every_shipped_query_has_a_header() {
        let queries = named_queries().unwrap();
        assert!(queries.len() >= 12, "{} named queries", queries.len());
        for query in queries {
            assert!(!query.header.question.is_empty(), "{}", query.name);
            assert!(
                query.header.answer.is_some(),
                "{} has no expected answer",
                query.name
            );
        }
    }
}
