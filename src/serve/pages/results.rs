//! A query's answer as a table for people: an IRI of the graph shows its label and links to
//! its page (the IRI on hover), a date reads in words; any column sorts by a link
//! (`&sort=city&order=desc`, on the server); past [`PAGE`] rows the table is paged
//! (`&page=2`), and the downloads hold every row.

use super::super::http::{encode, Problem};
use super::super::state::{literal, named};
use super::super::State;
use super::paging::{param, Page};
use super::{search, short, term};
use crate::vocab::{cica, GraphKind};
use maud::{html, Markup};
use oxhttp::model::StatusCode;
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use oxigraph::sparql::QuerySolution;
use std::cmp::Ordering;

/// The rows of a page of results.
pub const PAGE: usize = 100;
/// The most entities offered in a field's list.
const CHOICES: usize = 500;

/// What the fields of a named question offer: entities and properties, as `prefix:local`
/// and label.
pub struct Choices {
    /// The entities of the facts graph.
    pub entities: Vec<(String, String)>,
    /// The properties of the ontology.
    pub properties: Vec<(String, String)>,
}

/// The entities and properties of the graph, for the fields: read once (the graph does not
/// change while the server runs; with bench/serve_scale.py's 80,000 statements, reading them
/// took 90 ms of each render of a question with fields).
pub fn choices(state: &State) -> &Choices {
    state.choices.get_or_init(|| read_choices(state))
}

fn read_choices(state: &State) -> Choices {
    let graph = state.iris().graph(GraphKind::Facts);
    let mut entities: Vec<(String, String)> = state
        .internal("serve-entities", &[("graph", graph.into())])
        .unwrap_or_default()
        .iter()
        .filter_map(|row| {
            Some((
                short(state, named(row, "entity")?.as_str()),
                literal(row, "label")?,
            ))
        })
        .collect();
    entities.sort();
    entities.dedup_by(|a, b| a.0 == b.0);
    entities.truncate(CHOICES);
    let mut properties: Vec<(String, String)> = search::index(state)
        .map(|index| {
            index
                .labelled()
                .filter(|iri| {
                    iri.strip_prefix(cica::NAMESPACE)
                        .is_some_and(|l| l.starts_with(|c: char| c.is_lowercase()))
                })
                .map(|iri| {
                    (
                        short(state, iri),
                        index.label(iri).unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    properties.sort();
    Choices {
        entities,
        properties,
    }
}

/// The text a cell sorts by: its label, or its value; numbers as numbers.
fn sort_key(
    state: &State,
    index: Option<&search::Index>,
    term: Option<&Term>,
) -> (u8, f64, String) {
    match term {
        None => (2, 0.0, String::new()),
        Some(Term::Literal(l)) => match l.value().parse::<f64>() {
            Ok(n) => (0, n, String::new()),
            Err(_) => (1, 0.0, l.value().to_lowercase()),
        },
        Some(Term::NamedNode(n)) => {
            let text = index
                .and_then(|i| i.label(n.as_str()))
                .map_or_else(|| short(state, n.as_str()), str::to_owned);
            (1, 0.0, text.to_lowercase())
        }
        Some(other) => (1, 0.0, other.to_string()),
    }
}

/// A parsed answer: yes or no, or the variables and rows of a table.
enum Parsed {
    Boolean(bool),
    Table(Vec<Variable>, Vec<QuerySolution>),
}

fn parse(json: &[u8]) -> Result<Parsed, Problem> {
    let failed = |e: &dyn std::fmt::Display| {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot read the answer: {e}"),
        )
    };
    let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
        .for_slice(json)
        .map_err(|e| failed(&e))?;
    match parsed {
        SliceQueryResultsParserOutput::Boolean(value) => Ok(Parsed::Boolean(value)),
        SliceQueryResultsParserOutput::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows = solutions
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| failed(&e))?;
            Ok(Parsed::Table(variables, rows))
        }
    }
}

/// Yes or no, for ASK.
fn boolean(value: bool) -> (Markup, usize) {
    (
        html! { p.lead { (if value { "Yes (true)" } else { "No (false)" }) } },
        1,
    )
}

/// SPARQL JSON results, every row of the answer, as a table (or a yes/no for ASK), sorted by
/// the column `&sort=` names and paged; and the number of rows.
pub fn table(
    state: &State,
    json: &[u8],
    params: &[(String, String)],
) -> Result<(Markup, usize), Problem> {
    let (variables, mut rows) = match parse(json)? {
        Parsed::Boolean(value) => return Ok(boolean(value)),
        Parsed::Table(variables, rows) => (variables, rows),
    };
    let sorted = param(params, "sort").and_then(|s| variables.iter().find(|v| v.as_str() == s));
    let descending = param(params, "order") == Some("desc");
    if let Some(column) = sorted {
        // Each row's key made once, not at each comparison; the sort is stable.
        let index = search::index(state).ok();
        let mut keyed: Vec<_> = rows
            .into_iter()
            .map(|row| (sort_key(state, index, row.get(column)), row))
            .collect();
        keyed.sort_by(|(ka, _), (kb, _)| {
            let order = (ka.0, &ka.2)
                .cmp(&(kb.0, &kb.2))
                .then(ka.1.partial_cmp(&kb.1).unwrap_or(Ordering::Equal));
            if descending {
                order.reverse()
            } else {
                order
            }
        });
        rows = keyed.into_iter().map(|(_, row)| row).collect();
    }
    let page = Page::of(rows.len(), PAGE, param(params, "page"));
    let shown = Shown {
        variables: &variables,
        rows: page.slice(&rows),
        total: rows.len(),
        page,
        sorted: sorted.map(Variable::as_str),
        descending,
    };
    Ok((render(state, &shown, params), rows.len()))
}

/// SPARQL JSON results that hold only the rows of `page`, in the query's order, of an answer
/// of `total` rows (see [`super::window`]), as a table; and the number of rows.
pub fn page_table(
    state: &State,
    json: &[u8],
    total: usize,
    page: Page,
    params: &[(String, String)],
) -> Result<(Markup, usize), Problem> {
    let (variables, rows) = match parse(json)? {
        Parsed::Boolean(value) => return Ok(boolean(value)),
        Parsed::Table(variables, rows) => (variables, rows),
    };
    let shown = Shown {
        variables: &variables,
        rows: &rows,
        total,
        page,
        sorted: None,
        descending: false,
    };
    Ok((render(state, &shown, params), total))
}

/// The rows of a page of an answer, and how they were chosen.
struct Shown<'a> {
    variables: &'a [Variable],
    /// The rows of the page.
    rows: &'a [QuerySolution],
    /// The rows of the answer.
    total: usize,
    page: Page,
    /// The column the rows are sorted by, if any.
    sorted: Option<&'a str>,
    descending: bool,
}

/// The table of a page of an answer: its count, the columns (each a link that sorts by it),
/// the rows (IRIs labelled), the links to the other pages.
fn render(state: &State, shown: &Shown<'_>, params: &[(String, String)]) -> Markup {
    let Shown {
        variables,
        rows,
        total,
        page,
        sorted,
        descending,
    } = *shown;
    let index = search::index(state).ok();
    // The address of this answer with other sorting or paging.
    let kept: Vec<(&str, &str)> = params
        .iter()
        .filter(|(n, _)| !matches!(n.as_str(), "sort" | "order" | "page"))
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let with = |extra: &[(&str, &str)]| {
        let mut all = kept.clone();
        all.extend_from_slice(extra);
        format!("/query?{}", encode(&all))
    };
    let plural = if total == 1 { "" } else { "s" };
    let sort_params: Vec<(&str, &str)> = sorted
        .map(|s| {
            vec![
                ("sort", s),
                ("order", if descending { "desc" } else { "asc" }),
            ]
        })
        .unwrap_or_default();
    let page_address = |n: usize| {
        let n = n.to_string();
        with(&[sort_params.as_slice(), &[("page", n.as_str())]].concat())
    };
    html! {
        p.muted {
            (total) " row" (plural)
            @if page.pages > 1 { "; page " (page.number) " of " (page.pages) " (" (PAGE) " a page)" }
            @if total > 1 { "; a column's name sorts by it" }
        }
        div.scroll {
            table.results {
                thead { tr { @for v in variables {
                    @let this = sorted == Some(v.as_str());
                    @let order = if this && !descending { "desc" } else { "asc" };
                    th aria-sort=[this.then_some(if descending { "descending" } else { "ascending" })] {
                        a href=(with(&[("sort", v.as_str()), ("order", order)])) { (v.as_str()) }
                        @if this { (if descending { " ▼" } else { " ▲" }) }
                    }
                } } }
                tbody {
                    @for row in rows {
                        tr {
                            @for v in variables {
                                td { @if let Some(value) = row.get(v) { (cell(state, index, value)) } }
                            }
                        }
                    }
                }
            }
        }
        (page.nav("pages of the answer", page_address))
    }
}

/// A cell: an IRI with a label shows the label (the IRI on hover).
fn cell(state: &State, index: Option<&search::Index>, value: &Term) -> Markup {
    let label = match value {
        Term::NamedNode(n) => index.and_then(|i| i.label(n.as_str())),
        _ => None,
    };
    term(state, value, label)
}
