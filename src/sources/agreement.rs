//! How the sources agree, fact by fact. A fact is a subject, a property and a value; the
//! report, pure over the checked facts and the ontology's schema, sorts every statement that
//! is not deprecated (a deprecated one is known to be wrong: it is counted, not compared):
//!
//! - **corroborated**: facts that two or more sources state (each statement with its source
//!   and quote). The time is not part of the fact: two articles that give 27 members at two
//!   dates both state that the CICA had 27 members;
//! - **stated once**: facts that one source states;
//! - **conflicts**: different values for one subject and property that cannot both hold: for
//!   a property that changes over time (`cica:timeVarying`), only at the same time (the same
//!   point in time, or the same start and end); for a property with one value
//!   (`owl:FunctionalProperty`, such as a summit's start date), any two values; a property
//!   with several values at once (a role, a mechanism) never conflicts. A conflict is
//!   **resolved** when the statements of one value are preferred (`rank = "preferred"`) and
//!   no other value's are; deprecating the wrong statements resolves it too, since they are
//!   no longer compared;
//! - **changes over time**: a time-varying property that has had several values, each with
//!   the time it holds, in order: not a conflict.

use crate::facts::{Facts, Rank, Statement, Time, Value};
use crate::ontology::Schema;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One statement as the report shows it: who says it, in which words, when it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Said {
    /// The id of its source.
    pub source: String,
    /// The source's words.
    pub quote: String,
    /// When it holds, as written (`2022-10-12`, `since 2020`); empty for a property that does
    /// not change over time.
    pub time: String,
    /// `preferred` or `normal`.
    pub rank: &'static str,
    /// Where the statement is written: `file:line:column`.
    pub at: String,
}

/// A fact and the statements that give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// The subject's entity id.
    pub subject: String,
    /// The property's local name.
    pub property: String,
    /// The value as the facts files write it: an entity id, a text, a date, a number.
    pub value: String,
    /// The statements, in the order the facts files were read.
    pub statements: Vec<Said>,
}

/// One value of a conflict, and the statements that give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stated {
    /// The value.
    pub value: String,
    /// The statements.
    pub statements: Vec<Said>,
}

/// Values of one subject and property that cannot all hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The subject's entity id.
    pub subject: String,
    /// The property's local name.
    pub property: String,
    /// The time the values are given for (a time-varying property); empty for a property
    /// with one value.
    pub time: String,
    /// One value's statements are preferred and no other value's are.
    pub resolved: bool,
    /// The values, each with its statements.
    pub values: Vec<Stated>,
}

/// One value of a time-varying property at one time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moment {
    /// When it holds.
    pub time: String,
    /// The value.
    pub value: String,
    /// The statements.
    pub statements: Vec<Said>,
}

/// The values a time-varying property has had, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The subject's entity id.
    pub subject: String,
    /// The property's local name.
    pub property: String,
    /// Each value at each time.
    pub timeline: Vec<Moment>,
}

/// The counts of the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Sources read.
    pub sources: usize,
    /// Statements read.
    pub statements: usize,
    /// Deprecated statements: counted, not compared.
    pub deprecated: usize,
    /// Facts stated by more than one source.
    pub corroborated: usize,
    /// Facts stated by one source.
    pub single: usize,
    /// Conflicts.
    pub conflicts: usize,
    /// Conflicts that no rank resolves.
    pub unresolved: usize,
    /// Time-varying properties that have had several values.
    pub changes: usize,
}

/// The agreement report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Agreement {
    /// The counts.
    pub summary: Summary,
    /// Facts stated by more than one source, sorted by subject, property and value.
    pub corroborated: Vec<Fact>,
    /// Conflicts, sorted by subject, property and time.
    pub conflicts: Vec<Conflict>,
    /// Changes over time, sorted by subject and property.
    pub changes: Vec<Change>,
    /// Facts stated by one source, sorted by subject, property and value.
    pub single: Vec<Fact>,
}

impl Agreement {
    /// A conflict that no rank resolves: what `--fail-on-conflict` fails on.
    pub fn has_unresolved_conflict(&self) -> bool {
        self.summary.unresolved > 0
    }
}

/// Compares the statements of all sources.
pub fn agreement(facts: &Facts, schema: &Schema) -> Agreement {
    let standing: Vec<&Statement> = facts
        .statements
        .iter()
        .filter(|s| s.rank != Rank::Deprecated)
        .collect();
    let said = |s: &Statement| Said {
        source: facts.sources[s.source].id.clone(),
        quote: s.quote.text.clone(),
        time: s.time.to_string(),
        rank: s.rank.name(),
        at: s.origin.to_string(),
    };
    let (corroborated, single) = by_sources(&standing, &said);
    let (conflicts, changes) = disagreements(&standing, schema, &said);
    let summary = Summary {
        sources: facts.sources.len(),
        statements: facts.statements.len(),
        deprecated: facts.statements.len() - standing.len(),
        corroborated: corroborated.len(),
        single: single.len(),
        conflicts: conflicts.len(),
        unresolved: conflicts.iter().filter(|c| !c.resolved).count(),
        changes: changes.len(),
    };
    Agreement {
        summary,
        corroborated,
        conflicts,
        changes,
        single,
    }
}

/// The value as the facts files write it.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Entity(id) => id.clone(),
        Value::Text(text) => text.clone(),
        Value::Date(date) => date.lexical.clone(),
        Value::Integer(n) => n.to_string(),
        Value::Boolean(b) => b.to_string(),
    }
}

/// The facts stated by more than one source, and those stated by one.
fn by_sources(
    standing: &[&Statement],
    said: &dyn Fn(&Statement) -> Said,
) -> (Vec<Fact>, Vec<Fact>) {
    let mut groups: HashMap<(&str, &str, &Value), Vec<&Statement>> = HashMap::new();
    for s in standing {
        groups
            .entry((&s.subject, &s.property, &s.value))
            .or_default()
            .push(s);
    }
    let (mut corroborated, mut single) = (Vec::new(), Vec::new());
    for ((subject, property, value), statements) in groups {
        let first = statements[0].source;
        let several = statements.iter().any(|s| s.source != first);
        let fact = Fact {
            subject: subject.to_owned(),
            property: property.to_owned(),
            value: value_text(value),
            statements: statements.into_iter().map(said).collect(),
        };
        if several {
            corroborated.push(fact);
        } else {
            single.push(fact);
        }
    }
    let order = |f: &Fact| (f.subject.clone(), f.property.clone(), f.value.clone());
    corroborated.sort_by_cached_key(order);
    single.sort_by_cached_key(order);
    (corroborated, single)
}

/// The conflicts and the changes over time.
fn disagreements(
    standing: &[&Statement],
    schema: &Schema,
    said: &dyn Fn(&Statement) -> Said,
) -> (Vec<Conflict>, Vec<Change>) {
    let mut groups: HashMap<(&str, &str), Vec<&Statement>> = HashMap::new();
    for s in standing {
        groups.entry((&s.subject, &s.property)).or_default().push(s);
    }
    let (mut conflicts, mut changes) = (Vec::new(), Vec::new());
    for ((subject, property), statements) in groups {
        let Some(p) = schema.property(property) else {
            continue;
        };
        if p.time_varying {
            let mut by_time: BTreeMap<&Time, Vec<&Statement>> = BTreeMap::new();
            for s in &statements {
                by_time.entry(&s.time).or_default().push(s);
            }
            for (time, group) in by_time {
                conflicts.extend(conflict(subject, property, time, &group, said));
            }
            changes.extend(change(subject, property, &statements, said));
        } else if p.functional {
            conflicts.extend(conflict(
                subject,
                property,
                &Time::default(),
                &statements,
                said,
            ));
        }
    }
    conflicts.sort_by(|a, b| {
        (&a.subject, &a.property, &a.time).cmp(&(&b.subject, &b.property, &b.time))
    });
    changes.sort_by(|a, b| (&a.subject, &a.property).cmp(&(&b.subject, &b.property)));
    (conflicts, changes)
}

/// The statements grouped by value, in the order each value first appears.
fn by_value<'a>(statements: &[&'a Statement]) -> Vec<(&'a Value, Vec<&'a Statement>)> {
    let mut values: Vec<(&Value, Vec<&Statement>)> = Vec::new();
    for s in statements {
        match values.iter_mut().find(|(v, _)| *v == &s.value) {
            Some((_, group)) => group.push(s),
            None => values.push((&s.value, vec![s])),
        }
    }
    values
}

/// A conflict, if the statements (of one subject and property, at one time) give more than
/// one value.
fn conflict(
    subject: &str,
    property: &str,
    time: &Time,
    statements: &[&Statement],
    said: &dyn Fn(&Statement) -> Said,
) -> Option<Conflict> {
    let values = by_value(statements);
    if values.len() < 2 {
        return None;
    }
    let preferred = values
        .iter()
        .filter(|(_, group)| group.iter().any(|s| s.rank == Rank::Preferred))
        .count();
    Some(Conflict {
        subject: subject.to_owned(),
        property: property.to_owned(),
        time: time.to_string(),
        resolved: preferred == 1,
        values: values
            .into_iter()
            .map(|(value, group)| Stated {
                value: value_text(value),
                statements: group.into_iter().map(said).collect(),
            })
            .collect(),
    })
}

/// Where a statement stands in time ([`Time::order`]).
type Order<'a> = Option<(&'a str, bool)>;

/// The timeline of a time-varying property, if it has had more than one value.
fn change(
    subject: &str,
    property: &str,
    statements: &[&Statement],
    said: &dyn Fn(&Statement) -> Said,
) -> Option<Change> {
    if by_value(statements).len() < 2 {
        return None;
    }
    let mut moments: BTreeMap<(Order, String), Vec<&Statement>> = BTreeMap::new();
    for s in statements {
        moments
            .entry((s.time.order(), value_text(&s.value)))
            .or_default()
            .push(s);
    }
    let timeline = moments
        .into_iter()
        .map(|((_, value), group)| Moment {
            time: group[0].time.to_string(),
            value,
            statements: group.into_iter().map(said).collect(),
        })
        .collect();
    Some(Change {
        subject: subject.to_owned(),
        property: property.to_owned(),
        timeline,
    })
}
