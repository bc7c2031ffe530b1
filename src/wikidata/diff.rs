//! A diff against Wikidata: for every linked item, its current claims for the mapped
//! properties (one query, `queries/internal/wikidata-current-claims.rq`, to the Wikidata Query
//! Service or the endpoint a service map names), compared with each fact that QuickStatements
//! would write: already in Wikidata, missing (QuickStatements can add it), or different (in
//! value or in precision: both values are shown, with the article's words).

use super::federation::{ServiceError, ServiceHandler};
use super::mapping::Alignments;
use super::quickstatements::values::time;
use super::WikidataError;
use crate::facts::{Precision, Statement, Value};
use crate::query::{bind, catalog, parse, QueryError};
use crate::rdf::KnowledgeGraph;
use crate::vocab::wikidata::{self, Qid};
use oxigraph::model::{NamedNode, Term, Variable};
use std::collections::{BTreeMap, BTreeSet};

/// How a fact stands in Wikidata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Wikidata has the same value at the same precision.
    Present,
    /// Wikidata has no value for the item and property.
    Missing,
    /// Wikidata has other values (or the same date at another precision).
    Different,
}

impl Status {
    /// The word shown.
    pub fn name(self) -> &'static str {
        match self {
            Self::Present => "present",
            Self::Missing => "missing",
            Self::Different => "different",
        }
    }
}

/// One fact compared with Wikidata.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Index of the statement in the facts.
    pub statement: usize,
    /// The claim's property, `P17`.
    pub pid: String,
    /// The item.
    pub item: Qid,
    /// Our value, as QuickStatements writes it.
    pub ours: String,
    /// Wikidata's values, as QuickStatements would write them.
    pub theirs: Vec<String>,
    /// The verdict.
    pub status: Status,
}

/// One statement of Wikidata: its value and, for a time, its precision.
#[derive(Debug, Clone, PartialEq)]
struct Theirs {
    value: Term,
    precision: Option<u8>,
}

/// Compares every fact that has a claim (its subject linked, its property mapped, its value
/// writable) with what Wikidata says.
pub fn diff(
    kg: &KnowledgeGraph,
    alignments: &Alignments,
    qids: &BTreeMap<String, Qid>,
    services: &ServiceHandler,
) -> Result<Vec<Comparison>, WikidataError> {
    let facts = kg.facts();
    let mut wanted = Vec::new();
    for (index, statement) in facts.statements.iter().enumerate() {
        let Some(item) = qids.get(&statement.subject) else {
            continue;
        };
        for pid in alignments
            .claims
            .get(&statement.property)
            .into_iter()
            .flatten()
        {
            if let Some(ours) = ours(statement, qids) {
                wanted.push((index, pid.clone(), item.clone(), ours));
            }
        }
    }
    let items: BTreeSet<&Qid> = wanted.iter().map(|(_, _, item, _)| item).collect();
    let pids: BTreeSet<&String> = wanted.iter().map(|(_, pid, _, _)| pid).collect();
    let current = current_claims(services, &items, &pids)?;
    Ok(wanted
        .into_iter()
        .map(|(statement, pid, item, ours)| {
            let theirs = current
                .get(&(item.clone(), pid.clone()))
                .cloned()
                .unwrap_or_default();
            let status = if theirs.iter().any(|t| same(&ours, t)) {
                Status::Present
            } else if theirs.is_empty() {
                Status::Missing
            } else {
                Status::Different
            };
            Comparison {
                statement,
                ours: ours.shown(),
                theirs: theirs.iter().map(shown).collect(),
                pid,
                item,
                status,
            }
        })
        .collect())
}

/// Our value of a claim, if QuickStatements can write it.
#[derive(Debug, Clone)]
enum Ours {
    Item(Qid),
    Time(crate::facts::Date),
    Quantity(i64),
    Text(String),
}

impl Ours {
    fn shown(&self) -> String {
        match self {
            Self::Item(qid) => qid.to_string(),
            Self::Time(date) => time(date),
            Self::Quantity(n) => n.to_string(),
            Self::Text(text) => format!("en:\"{text}\""),
        }
    }
}

fn ours(statement: &Statement, qids: &BTreeMap<String, Qid>) -> Option<Ours> {
    Some(match &statement.value {
        Value::Entity(id) => Ours::Item(qids.get(id)?.clone()),
        Value::Date(date) => Ours::Time(date.clone()),
        Value::Integer(n) => Ours::Quantity(*n),
        Value::Text(text) => Ours::Text(text.clone()),
        Value::Boolean(_) => return None,
    })
}

/// Whether Wikidata's statement has our value, at our precision for a time.
fn same(ours: &Ours, theirs: &Theirs) -> bool {
    match (ours, &theirs.value) {
        (Ours::Item(qid), Term::NamedNode(n)) => n.as_str() == qid.iri().as_str(),
        (Ours::Quantity(n), Term::Literal(l)) => {
            l.value().trim_start_matches('+').parse::<f64>().ok() == Some(*n as f64)
        }
        (Ours::Text(text), Term::Literal(l)) => l.value() == text && l.language() == Some("en"),
        (Ours::Time(date), Term::Literal(l)) => {
            let precision = match date.precision {
                Precision::Year => 9,
                Precision::Month => 10,
                Precision::Day => 11,
            };
            l.value().trim_start_matches('+').starts_with(&date.lexical)
                && theirs.precision == Some(precision)
        }
        _ => false,
    }
}

/// Wikidata's value as QuickStatements would write it (a time with its precision).
fn shown(theirs: &Theirs) -> String {
    match &theirs.value {
        Term::NamedNode(n) => n
            .as_str()
            .strip_prefix(wikidata::WD_NAMESPACE)
            .unwrap_or(n.as_str())
            .to_owned(),
        Term::Literal(l) if l.language().is_some() => {
            format!("{}:\"{}\"", l.language().unwrap_or_default(), l.value())
        }
        Term::Literal(l) => match theirs.precision {
            Some(p) => format!("+{}/{p}", l.value().trim_start_matches('+')),
            None => l.value().to_owned(),
        },
        other => other.to_string(),
    }
}

/// The current claims of the items for the properties, by (item, PID): one query.
fn current_claims(
    services: &ServiceHandler,
    items: &BTreeSet<&Qid>,
    pids: &BTreeSet<&String>,
) -> Result<BTreeMap<(Qid, String), Vec<Theirs>>, WikidataError> {
    let mut claims: BTreeMap<(Qid, String), Vec<Theirs>> = BTreeMap::new();
    if items.is_empty() || pids.is_empty() {
        return Ok(claims);
    }
    let origin = "queries/internal/wikidata-current-claims.rq";
    let text = catalog::internal("wikidata-current-claims").map_err(QueryError::from)?;
    let query = parse::parse(origin, text, &[]).map_err(QueryError::from)?;
    let column = |name: &str, terms: Vec<Term>| {
        (
            vec![Variable::new_unchecked(name)],
            terms.into_iter().map(|t| vec![t]).collect::<Vec<_>>(),
        )
    };
    let (item_var, item_rows) = column("item", items.iter().map(|q| q.iri().into()).collect());
    let (pid_var, pid_rows) = column(
        "property",
        pids.iter().map(|p| wikidata::property(p).into()).collect(),
    );
    let query = bind::apply_rows(query, &item_var, &item_rows).map_err(QueryError::from)?;
    let query = bind::apply_rows(query, &pid_var, &pid_rows).map_err(QueryError::from)?;
    let service = NamedNode::new_unchecked(wikidata::QUERY_SERVICE);
    let solutions = services.select(&service, &query).map_err(service_error)?;
    for solution in solutions {
        let solution = solution.map_err(|e| WikidataError::Mapping(e.to_string()))?;
        let (Some(Term::NamedNode(item)), Some(Term::NamedNode(property)), Some(value)) = (
            solution.get("item"),
            solution.get("property"),
            solution.get("value"),
        ) else {
            continue;
        };
        let (Some(qid), Some(pid)) = (
            item.as_str()
                .strip_prefix(wikidata::WD_NAMESPACE)
                .and_then(|q| q.parse::<Qid>().ok()),
            property.as_str().strip_prefix(wikidata::WD_NAMESPACE),
        ) else {
            continue;
        };
        let precision = match solution.get("precision") {
            Some(Term::Literal(l)) => l.value().parse().ok(),
            _ => None,
        };
        claims
            .entry((qid, pid.to_owned()))
            .or_default()
            .push(Theirs {
                value: value.clone(),
                precision,
            });
    }
    Ok(claims)
}

fn service_error(error: ServiceError) -> WikidataError {
    WikidataError::Service(error.to_string())
}

/// `cica-kg wikidata diff`: one line per fact (status, subject, claim, our value, Wikidata's,
/// the article's words), then the count of each status.
pub fn write_report(
    kg: &KnowledgeGraph,
    comparisons: &[Comparison],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut rows = vec![vec![
        "status".to_owned(),
        "subject".to_owned(),
        "item".to_owned(),
        "claim".to_owned(),
        "ours".to_owned(),
        "wikidata".to_owned(),
        "quote".to_owned(),
    ]];
    let mut sorted: Vec<&Comparison> = comparisons.iter().collect();
    sorted.sort_by_key(|c| (c.status, c.statement, c.pid.clone()));
    for c in &sorted {
        let statement = &kg.facts().statements[c.statement];
        rows.push(vec![
            c.status.name().to_owned(),
            statement.subject.clone(),
            c.item.to_string(),
            c.pid.clone(),
            c.ours.clone(),
            if c.theirs.is_empty() {
                "-".to_owned()
            } else {
                c.theirs.join(" ; ")
            },
            format!("\"{}\"", statement.quote.text),
        ]);
    }
    let widths = crate::table::widths(&rows);
    for row in &rows {
        writeln!(out, "{}", crate::table::line(row, &widths))?;
    }
    let count = |status| comparisons.iter().filter(|c| c.status == status).count();
    writeln!(
        out,
        "{} present, {} missing (quickstatements --only-missing writes them), {} different (review by hand)",
        count(Status::Present),
        count(Status::Missing),
        count(Status::Different)
    )
}
