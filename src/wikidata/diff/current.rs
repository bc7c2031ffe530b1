//! What Wikidata (or the endpoint standing in for it) says today: first whether it knows
//! Wikibase's property entities at all (`queries/internal/wikidata-property-entities.rq`),
//! then the statements of the items for the properties, with their rank and qualifiers
//! (`queries/internal/wikidata-current-claims.rq`).

use crate::query::{bind, catalog, parse, QueryError};
use crate::vocab::wikibase;
use crate::vocab::wikidata::{self, Qid};
use crate::wikidata::federation::{ServiceError, ServiceHandler};
use crate::wikidata::WikidataError;
use oxigraph::model::{NamedNode, Term, Variable};
use oxigraph::sparql::QuerySolutionIter;
use std::collections::{BTreeMap, BTreeSet};

/// One statement of Wikidata: its value, for a time its precision, whether it is deprecated,
/// and its qualifiers (PID, value, precision of a time).
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Theirs {
    pub value: Option<Term>,
    pub precision: Option<u8>,
    pub deprecated: bool,
    pub qualifiers: Vec<(String, Term, Option<u8>)>,
}

impl Theirs {
    /// As QuickStatements would write it, with its qualifiers and, if so, `(deprecated)`:
    /// `Q1520 P580 +1997-12-10T00:00:00Z/11`.
    pub fn shown(&self) -> String {
        let mut shown = self
            .value
            .as_ref()
            .map_or_else(String::new, |v| shown(v, self.precision));
        for (pid, value, precision) in &self.qualifiers {
            shown.push_str(&format!(" {pid} {}", self::shown(value, *precision)));
        }
        if self.deprecated {
            shown.push_str(" (deprecated)");
        }
        shown
    }
}

/// A value as QuickStatements would write it (a time with its precision).
fn shown(value: &Term, precision: Option<u8>) -> String {
    match value {
        Term::NamedNode(n) => n
            .as_str()
            .strip_prefix(wikidata::WD_NAMESPACE)
            .unwrap_or(n.as_str())
            .to_owned(),
        Term::Literal(l) if l.language().is_some() => {
            format!("{}:\"{}\"", l.language().unwrap_or_default(), l.value())
        }
        Term::Literal(l) => match precision {
            Some(p) => format!("+{}/{p}", l.value().trim_start_matches('+')),
            None => l.value().to_owned(),
        },
        other => other.to_string(),
    }
}

/// Stops unless the endpoint knows the property entity of every claim property
/// (`wikibase:claim`, `wikibase:statementProperty`) and of every qualifier
/// (`wikibase:qualifier`): without them, every fact would look missing.
pub(super) fn check_property_entities(
    services: &ServiceHandler,
    claims: &BTreeSet<&String>,
    qualifiers: &BTreeSet<&String>,
) -> Result<(), WikidataError> {
    let all: BTreeSet<&String> = claims.union(qualifiers).copied().collect();
    let query = query(
        "wikidata-property-entities",
        &[(
            "property",
            all.iter().map(|p| wikidata::property(p).into()).collect(),
        )],
    )?;
    let mut known: BTreeSet<(String, String)> = BTreeSet::new();
    for solution in select(services, &query)? {
        let solution = solution.map_err(|e| WikidataError::Service(e.to_string()))?;
        if let (Some(Term::NamedNode(property)), Some(Term::Literal(role))) =
            (solution.get("property"), solution.get("role"))
        {
            if let Some(pid) = property.as_str().strip_prefix(wikidata::WD_NAMESPACE) {
                known.insert((pid.to_owned(), role.value().to_owned()));
            }
        }
    }
    let lacks = |pids: &BTreeSet<&String>, roles: &[&str]| -> Vec<String> {
        pids.iter()
            .filter(|pid| {
                roles
                    .iter()
                    .any(|r| !known.contains(&((**pid).clone(), (*r).to_owned())))
            })
            .map(|pid| (*pid).clone())
            .collect()
    };
    let mut unknown = lacks(claims, &["claim", "statementProperty"]);
    unknown.extend(lacks(qualifiers, &["qualifier"]));
    if unknown.is_empty() {
        return Ok(());
    }
    let service = NamedNode::new_unchecked(wikidata::QUERY_SERVICE);
    let url = services
        .endpoint(&service)
        .map_or_else(|_| wikidata::QUERY_SERVICE.to_owned(), |u| u.to_string());
    Err(WikidataError::Service(format!(
        "the endpoint {url} does not know Wikibase's property entities of {} (wd:P… wikibase:claim, wikibase:statementProperty, and wikibase:qualifier for qualifiers), so it is not a Wikidata query service: every fact would look missing there. Nothing was compared or written; send the query to the Wikidata Query Service or a full mirror of it",
        unknown.join(", ")
    )))
}

/// The statements of the items for the properties, by (item, PID), with their qualifiers.
pub(super) fn claims(
    services: &ServiceHandler,
    items: &BTreeSet<&Qid>,
    pids: &BTreeSet<&String>,
) -> Result<BTreeMap<(Qid, String), Vec<Theirs>>, WikidataError> {
    let query = query(
        "wikidata-current-claims",
        &[
            ("item", items.iter().map(|q| q.iri().into()).collect()),
            (
                "property",
                pids.iter().map(|p| wikidata::property(p).into()).collect(),
            ),
        ],
    )?;
    // By (item, PID), then by statement, so that a statement's qualifier rows are one.
    let mut statements: BTreeMap<(Qid, String), BTreeMap<String, Theirs>> = BTreeMap::new();
    for solution in select(services, &query)? {
        let solution = solution.map_err(|e| WikidataError::Service(e.to_string()))?;
        let (Some(qid), Some(pid), Some(statement), Some(value)) = (
            entity_id(solution.get("item")).and_then(|q| q.parse::<Qid>().ok()),
            entity_id(solution.get("property")),
            solution.get("statement"),
            solution.get("value"),
        ) else {
            continue;
        };
        let theirs = statements
            .entry((qid, pid))
            .or_default()
            .entry(statement.to_string())
            .or_default();
        theirs.value = Some(value.clone());
        theirs.precision = precision(solution.get("precision"));
        theirs.deprecated = matches!(solution.get("rank"), Some(Term::NamedNode(rank)) if rank.as_ref() == wikibase::DEPRECATED_RANK);
        if let (Some(qualifier), Some(value)) = (
            entity_id(solution.get("qualifier")),
            solution.get("qualifierValue"),
        ) {
            let qualifier = (
                qualifier,
                value.clone(),
                precision(solution.get("qualifierPrecision")),
            );
            if !theirs.qualifiers.contains(&qualifier) {
                theirs.qualifiers.push(qualifier);
            }
        }
    }
    Ok(statements
        .into_iter()
        .map(|(key, by_statement)| (key, by_statement.into_values().collect()))
        .collect())
}

/// `P17` of `wd:P17`, `Q232` of `wd:Q232`.
fn entity_id(term: Option<&Term>) -> Option<String> {
    match term {
        Some(Term::NamedNode(n)) => n
            .as_str()
            .strip_prefix(wikidata::WD_NAMESPACE)
            .map(str::to_owned),
        _ => None,
    }
}

fn precision(term: Option<&Term>) -> Option<u8> {
    match term {
        Some(Term::Literal(l)) => l.value().parse().ok(),
        _ => None,
    }
}

/// An internal query with each variable bound to its rows.
fn query(name: &str, columns: &[(&str, Vec<Term>)]) -> Result<spargebra::Query, WikidataError> {
    let origin = format!("queries/internal/{name}.rq");
    let text = catalog::internal(name).map_err(QueryError::from)?;
    let mut query = parse::parse(&origin, text, &[]).map_err(QueryError::from)?;
    for (variable, terms) in columns {
        let rows: Vec<Vec<Term>> = terms.iter().map(|t| vec![t.clone()]).collect();
        query = bind::apply_rows(query, &[Variable::new_unchecked(*variable)], &rows)
            .map_err(QueryError::from)?;
    }
    Ok(query)
}

/// Sends a query to Wikidata's query service (or where the service map sends it).
fn select(
    services: &ServiceHandler,
    query: &spargebra::Query,
) -> Result<QuerySolutionIter<'static>, WikidataError> {
    let service = NamedNode::new_unchecked(wikidata::QUERY_SERVICE);
    services
        .select(&service, query)
        .map_err(|e: ServiceError| WikidataError::Service(e.to_string()))
}
