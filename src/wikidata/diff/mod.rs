//! A diff against Wikidata: for every linked item, its current statements for the mapped
//! properties (`queries/internal/wikidata-current-claims.rq`, to the Wikidata Query Service or
//! the endpoint a service map names, after `current` has checked that the endpoint knows
//! Wikibase's property entities), compared with each claim that QuickStatements would write,
//! value and qualifiers: present; present with a qualifier missing (QuickStatements would add
//! the qualifier to Wikidata's statement); missing (QuickStatements can add it); different (in
//! value, in precision or in a qualifier: both are shown, with the article's words); or
//! deprecated on Wikidata (the value is there only as a statement marked wrong, which
//! QuickStatements would add to).

mod current;
mod report;

pub use report::write_report;

use super::federation::{ServiceHandler, ServiceMapping};
use super::mapping::Alignments;
use super::quickstatements::time_qualifiers;
use super::quickstatements::values::time;
use super::WikidataError;
use crate::facts::{Date, Precision, Statement, Value};
use crate::rdf::KnowledgeGraph;

use crate::vocab::wikidata::{self, Qid};
use current::Theirs;
use oxigraph::model::{NamedNode, Term};
use std::collections::{BTreeMap, BTreeSet};

/// How a claim stands in Wikidata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Wikidata has a statement with the same value at the same precision, and every
    /// qualifier of ours with the same value.
    Present,
    /// Wikidata has the value, but its statement lacks a qualifier of ours: QuickStatements
    /// would add the qualifier to that statement.
    QualifierMissing,
    /// Wikidata has no value for the item and property (or only deprecated other values).
    Missing,
    /// Wikidata has other values, the same date at another precision, or our value with
    /// another value of one of our qualifiers.
    Different,
    /// Wikidata has our value only as a deprecated statement (known to be wrong there).
    Deprecated,
}

impl Status {
    /// Every status, in the report's order.
    pub const ALL: [Status; 5] = [
        Self::Present,
        Self::QualifierMissing,
        Self::Missing,
        Self::Different,
        Self::Deprecated,
    ];

    /// The words shown.
    pub fn name(self) -> &'static str {
        match self {
            Self::Present => "present",
            Self::QualifierMissing => "present, qualifier missing",
            Self::Missing => "missing",
            Self::Different => "different",
            Self::Deprecated => "deprecated on Wikidata",
        }
    }
}

/// One claim compared with Wikidata.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Index of the statement in the facts.
    pub statement: usize,
    /// The claim's property, `P17`.
    pub pid: String,
    /// The item.
    pub item: Qid,
    /// Our value and qualifiers, as QuickStatements writes them.
    pub ours: String,
    /// Wikidata's statements (value, qualifiers, deprecated), as QuickStatements would
    /// write them.
    pub theirs: Vec<String>,
    /// The verdict.
    pub status: Status,
    /// With [`Status::QualifierMissing`]: the qualifiers QuickStatements would add
    /// (`P585 +2022-10-12T00:00:00Z/11`).
    pub missing_qualifiers: Vec<String>,
}

/// Our claim: its value and its qualifiers (PID, date).
#[derive(Debug, Clone)]
struct OurClaim {
    value: Ours,
    qualifiers: Vec<(String, Date)>,
}

/// Refuses a service map that names another service than Wikidata's query service: the diff
/// sends its queries to that one only, so another mapping would be ignored and the queries
/// would go to the real service. Its other address (`…/bigdata/namespace/wdq/sparql`) is taken
/// for it.
pub fn query_service_mappings(
    mappings: Vec<ServiceMapping>,
) -> Result<Vec<ServiceMapping>, WikidataError> {
    mappings
        .into_iter()
        .map(|mut mapping| match mapping.service.as_str() {
            wikidata::QUERY_SERVICE => Ok(mapping),
            wikidata::QUERY_SERVICE_ALIAS => {
                mapping.service = NamedNode::new_unchecked(wikidata::QUERY_SERVICE);
                Ok(mapping)
            }
            other => Err(WikidataError::Input(format!(
                "<{other}> is not Wikidata's query service, and the comparison with Wikidata asks only that one; map it instead: {}=URL",
                wikidata::QUERY_SERVICE
            ))),
        })
        .collect()
}

/// Compares every claim of the facts (its subject linked, its property mapped, its value
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
        let (Some(value), Ok(qualifiers)) = (
            ours(statement, qids),
            time_qualifiers(statement, alignments),
        ) else {
            continue;
        };
        let claim = OurClaim { value, qualifiers };
        for pid in alignments
            .claims
            .get(&statement.property)
            .into_iter()
            .flatten()
        {
            wanted.push((index, pid.clone(), item.clone(), claim.clone()));
        }
    }
    let items: BTreeSet<&Qid> = wanted.iter().map(|(_, _, item, _)| item).collect();
    let pids: BTreeSet<&String> = wanted.iter().map(|(_, pid, _, _)| pid).collect();
    let qualifier_pids: BTreeSet<&String> = wanted
        .iter()
        .flat_map(|(_, _, _, claim)| claim.qualifiers.iter().map(|(pid, _)| pid))
        .collect();
    if items.is_empty() || pids.is_empty() {
        return Ok(Vec::new());
    }
    current::check_property_entities(services, &pids, &qualifier_pids)?;
    let current = current::claims(services, &items, &pids)?;
    Ok(wanted
        .into_iter()
        .map(|(statement, pid, item, claim)| {
            let theirs = current
                .get(&(item.clone(), pid.clone()))
                .cloned()
                .unwrap_or_default();
            let (status, missing_qualifiers) = verdict(&claim, &theirs);
            Comparison {
                statement,
                ours: shown_claim(&claim),
                theirs: theirs.iter().map(Theirs::shown).collect(),
                pid,
                item,
                status,
                missing_qualifiers,
            }
        })
        .collect())
}

/// How our claim stands against Wikidata's statements of the item and property, and with
/// [`Status::QualifierMissing`] the qualifiers QuickStatements would add.
fn verdict(ours: &OurClaim, theirs: &[Theirs]) -> (Status, Vec<String>) {
    let same: Vec<&Theirs> = theirs
        .iter()
        .filter(|t| {
            t.value
                .as_ref()
                .is_some_and(|v| same_value(&ours.value, v, t.precision))
        })
        .collect();
    let live: Vec<&Theirs> = same.iter().copied().filter(|t| !t.deprecated).collect();
    let mut best: Option<(Status, Vec<String>)> = None;
    for statement in &live {
        let found = qualifiers_of(ours, statement);
        if best.as_ref().is_none_or(|(status, _)| found.0 < *status) {
            best = Some(found);
        }
    }
    match best {
        // Two statements with our value: which one QuickStatements would add to is not
        // known, so a person decides.
        Some((Status::QualifierMissing, _)) if live.len() > 1 => (Status::Different, Vec::new()),
        Some(found) => found,
        None if !same.is_empty() => (Status::Deprecated, Vec::new()),
        None if theirs.iter().any(|t| !t.deprecated) => (Status::Different, Vec::new()),
        None => (Status::Missing, Vec::new()),
    }
}

/// How our qualifiers stand on one of Wikidata's statements with our value: all there
/// (present), some absent (qualifier missing, with those), or one with another value
/// (different).
fn qualifiers_of(ours: &OurClaim, theirs: &Theirs) -> (Status, Vec<String>) {
    let mut missing = Vec::new();
    for (pid, date) in &ours.qualifiers {
        let values: Vec<&(String, Term, Option<u8>)> = theirs
            .qualifiers
            .iter()
            .filter(|(p, _, _)| p == pid)
            .collect();
        let ours = Ours::Time(date.clone());
        if values.is_empty() {
            missing.push(format!("{pid} {}", time(date)));
        } else if !values.iter().any(|(_, v, p)| same_value(&ours, v, *p)) {
            return (Status::Different, Vec::new());
        }
    }
    match missing.is_empty() {
        true => (Status::Present, missing),
        false => (Status::QualifierMissing, missing),
    }
}

/// Our value of a claim, if QuickStatements can write it.
#[derive(Debug, Clone)]
enum Ours {
    Item(Qid),
    Time(Date),
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

/// Our claim as QuickStatements writes it: `Q1520 P585 +2022-10-12T00:00:00Z/11`.
fn shown_claim(claim: &OurClaim) -> String {
    let mut shown = claim.value.shown();
    for (pid, date) in &claim.qualifiers {
        shown.push_str(&format!(" {pid} {}", time(date)));
    }
    shown
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

/// Whether Wikidata's value is ours, at our precision for a time.
fn same_value(ours: &Ours, theirs: &Term, precision: Option<u8>) -> bool {
    match (ours, theirs) {
        (Ours::Item(qid), Term::NamedNode(n)) => n.as_str() == qid.iri().as_str(),
        (Ours::Quantity(n), Term::Literal(l)) => {
            l.value().trim_start_matches('+').parse::<f64>().ok() == Some(*n as f64)
        }
        (Ours::Text(text), Term::Literal(l)) => l.value() == text && l.language() == Some("en"),
        (Ours::Time(date), Term::Literal(l)) => {
            let wanted = match date.precision {
                Precision::Year => 9,
                Precision::Month => 10,
                Precision::Day => 11,
            };
            l.value().trim_start_matches('+').starts_with(&date.lexical)
                && precision == Some(wanted)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
