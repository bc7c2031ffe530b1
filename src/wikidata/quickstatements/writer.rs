//! Writing the claims of a statement: its Wikidata property and value, its qualifiers (its
//! time: point in time P585, start time P580, end time P582, as the mapping says), and the
//! references of its source; or the reason it cannot be written, as a note.

use super::values::{datatype, kind, quoted, shown, time, Datatype};
use super::{give_qid, unlinked_ids, Batch};
use crate::facts::{self, Rank, Source, Statement, Value};
use crate::rdf::KnowledgeGraph;
use crate::vocab::cica;
use crate::vocab::wikidata::Qid;
use crate::wikidata::diff::{Comparison, Status};
use crate::wikidata::mapping::Alignments;
use crate::wikidata::WikidataError;
use std::collections::{BTreeMap, BTreeSet};

/// One written claim of a statement.
pub(super) enum Claim {
    /// `P276<TAB>Q35493`, with any qualifiers, without subject and references.
    Fields(Vec<String>),
    /// The text of a description, `"..."`, for a new item's `Den`.
    Description(String),
}

pub(super) struct Writer<'a> {
    pub kg: &'a KnowledgeGraph,
    pub qids: BTreeMap<String, Qid>,
    pub alignments: Alignments,
    pub creating: BTreeSet<String>,
    pub add_qualifiers: bool,
    pub batch: Batch,
}

impl Writer<'_> {
    /// The entities to draft items for: those asked for (every entity without a QID when
    /// none is named) whose class has a verified Wikidata class, so that the item gets an
    /// instance of (P31); the others are named in a note, with why.
    pub fn creating(
        &mut self,
        create: Option<&[String]>,
    ) -> Result<BTreeSet<String>, WikidataError> {
        let Some(ids) = create else {
            return Ok(BTreeSet::new());
        };
        let asked: Vec<String> = if ids.is_empty() {
            self.kg
                .facts()
                .entities
                .iter()
                .filter(|e| !self.qids.contains_key(&e.id))
                .map(|e| e.id.clone())
                .collect()
        } else {
            ids.to_vec()
        };
        let mut creating = BTreeSet::new();
        for id in asked {
            let Some(entity) = self.kg.facts().entity(&id) else {
                return Err(WikidataError::Input(format!(
                    "cannot draft an item for {id}: no such entity; use the id of an entity without a QID: {}",
                    unlinked_ids(self.kg)
                )));
            };
            if let Some(qid) = self.qids.get(&id) {
                return Err(WikidataError::Input(format!(
                    "cannot draft an item for {id}: it already has the item {qid}; leave it out"
                )));
            }
            if !self.alignments.class_items.contains_key(&entity.class) {
                self.batch.notes.push(format!(
                    "{id}: no item drafted: its class cica:{} has no verified Wikidata class, and a new item needs an instance of (P31); find the class on Wikidata, verify it, and map it in ontology/cica-wikidata.ttl",
                    entity.class
                ));
                continue;
            }
            creating.insert(id);
        }
        Ok(creating)
    }

    /// The reference fields of every line from `source`: reference URL and when it was
    /// retrieved, publication date, publisher, title.
    pub fn references(&mut self, source: &Source) -> Vec<String> {
        let mut fields = Vec::new();
        match source.url.as_deref().map(quoted) {
            Some(Ok(url)) => {
                fields.extend(["S854".to_owned(), url]);
                // Retrieved: when the URL was read, as Wikidata's guidance on URL references
                // asks.
                if let Some(date) = &source.retrieved {
                    fields.extend(["S813".to_owned(), time(date)]);
                }
            }
            _ => self.batch.notes.push(format!(
                "source {}: no url, so the references have no reference URL (S854); add url = \"...\" to its [source]",
                source.id
            )),
        }
        let day = source.published.split('T').next().unwrap_or_default();
        match facts::parse_date(day) {
            Ok(date) => fields.extend(["S577".to_owned(), time(&date)]),
            Err(_) => self.batch.notes.push(format!(
                "source {}: its publication time '{}' has no date, so the references have no publication date (S577)",
                source.id, source.published
            )),
        }
        match self.qids.get(&source.publisher) {
            Some(qid) => fields.extend(["S123".to_owned(), qid.to_string()]),
            None => self.batch.notes.push(format!(
                "source {}: its publisher {} has no Wikidata QID, so the references have no publisher (S123); {}",
                source.id,
                source.publisher,
                give_qid(&source.publisher)
            )),
        }
        match quoted(&source.title) {
            Ok(title) => {
                fields.extend(["S1476".to_owned(), format!("{}:{title}", source.language)])
            }
            Err(why) => self.batch.notes.push(format!(
                "source {}: its title {why}, so the references have no title (S1476)",
                source.id
            )),
        }
        fields
    }

    /// The lines of one statement (with `LAST` as subject for an item being drafted), or
    /// `None` with a note saying why it has none.
    pub fn statement_lines(
        &mut self,
        statement: &Statement,
        known: &BTreeMap<String, &Comparison>,
        references: &[String],
    ) -> Option<Vec<String>> {
        let subject = statement.subject.as_str();
        if statement.rank == Rank::Deprecated {
            let reason = "its rank is deprecated (known to be wrong); QuickStatements V1 cannot write a rank, so a deprecated claim is left to a person";
            self.skip(statement, reason);
            return None;
        }
        let creating = self.creating.contains(subject);
        let claims = match self.claims(statement, creating) {
            Ok(claims) => claims,
            Err(reason) => {
                self.skip(statement, &reason);
                return None;
            }
        };
        let subject_field = match self.qids.get(subject) {
            Some(qid) => qid.to_string(),
            None if creating => "LAST".to_owned(),
            None => {
                let reason = format!(
                    "the subject {subject} has no Wikidata QID; {}, or draft an item with --create {subject}",
                    give_qid(subject)
                );
                self.skip(statement, &reason);
                return None;
            }
        };
        let claims = self.not_known(statement, claims, known);
        if claims.is_empty() {
            self.batch.skipped += 1;
            return None;
        }
        let lines = claims
            .into_iter()
            .map(|claim| match claim {
                // Only for a new item (claims() refuses it otherwise): it becomes Den.
                Claim::Description(text) => format!("{subject_field}\tDen\t{text}"),
                Claim::Fields(fields) => {
                    let mut line = vec![subject_field.clone()];
                    line.extend(fields);
                    line.extend(references.iter().cloned());
                    line.join("\t")
                }
            })
            .collect();
        Some(lines)
    }

    /// The claims Wikidata does not have yet (all of them without a diff), with a note for each
    /// left out.
    fn not_known(
        &mut self,
        statement: &Statement,
        claims: Vec<Claim>,
        known: &BTreeMap<String, &Comparison>,
    ) -> Vec<Claim> {
        let mut kept = Vec::new();
        for claim in claims {
            let known = match &claim {
                Claim::Fields(fields) => fields.first().and_then(|pid| known.get(pid)),
                Claim::Description(_) => None,
            };
            let Some(known) = known else {
                kept.push(claim);
                continue;
            };
            let theirs = known.theirs.join(" ; ");
            let missing = known.missing_qualifiers.join(", ");
            let why = match known.status {
                Status::Missing => {
                    kept.push(claim);
                    continue;
                }
                Status::QualifierMissing if self.add_qualifiers => {
                    kept.push(claim);
                    format!("written to add the qualifiers {missing} to Wikidata's statement {} {} {theirs} (--add-qualifiers)", known.item, known.pid)
                }
                Status::QualifierMissing => format!("not written: Wikidata has the value ({theirs}) without the qualifiers {missing}, and QuickStatements would add them to that statement; --add-qualifiers writes it so"),
                Status::Different => format!("not written: Wikidata has another value ({theirs}); compare them by hand"),
                Status::Deprecated => format!("not written: Wikidata has this value only as a deprecated statement ({theirs}), marked wrong there, and QuickStatements would add to that statement; compare them by hand"),
                Status::Present => "not written: Wikidata has it already".to_owned(),
            };
            self.batch.notes.push(format!(
                "{}: {} {} {}: {why}",
                statement.origin,
                statement.subject,
                statement.property,
                shown(&statement.value)
            ));
        }
        kept
    }

    /// The claims of a statement, or why it has none.
    fn claims(&self, statement: &Statement, creating: bool) -> Result<Vec<Claim>, String> {
        let property = statement.property.as_str();
        if self.alignments.descriptions.contains(property) {
            let Value::Text(text) = &statement.value else {
                return Err(format!(
                    "cica:{property} is a description, but the value is not text"
                ));
            };
            if !creating {
                return Err(format!(
                    "cica:{property} is a description, not a claim; Den would replace the item's English description, so compare it with the item by hand"
                ));
            }
            return Ok(vec![Claim::Description(quoted(text)?)]);
        }
        let Some(pids) = self.alignments.claims.get(property) else {
            return Err(format!(
                "cica:{property} has no Wikidata property (ontology/cica-wikidata.ttl maps it to no wdt: property)"
            ));
        };
        let mut claims = Vec::new();
        for pid in pids {
            let datatype = datatype(pid).ok_or_else(|| {
                format!("the Wikidata datatype of {pid} is not known; add it to DATATYPES in src/quickstatements.rs")
            })?;
            let mut fields = vec![pid.clone(), self.value(pid, datatype, &statement.value)?];
            fields.extend(self.qualifiers(statement)?);
            claims.push(Claim::Fields(fields));
        }
        Ok(claims)
    }

    /// The qualifiers of a statement's claim: its time, each part as the Wikidata qualifier
    /// the mapping names (`P580 +2020-00-00T00:00:00Z/9` for the presidency since 2020,
    /// `P585 +2022-10-12T00:00:00Z/11` for a count as of that day).
    fn qualifiers(&self, statement: &Statement) -> Result<Vec<String>, String> {
        let mut fields = Vec::new();
        for (pid, date) in time_qualifiers(statement, &self.alignments)? {
            let value = self.value(&pid, Datatype::Time, &Value::Date(date))?;
            fields.extend([pid, value]);
        }
        Ok(fields)
    }

    /// A value in QuickStatements syntax for a property of `datatype`.
    fn value(&self, pid: &str, datatype: Datatype, value: &Value) -> Result<String, String> {
        match (datatype, value) {
            (Datatype::Item, Value::Entity(id)) => match self.qids.get(id) {
                Some(qid) => Ok(qid.to_string()),
                None if self.creating.contains(id) => Err(format!(
                    "the object {id} has no item yet (a CREATE draft cannot point to another new item); once its item exists, run again with --qid {id}=Q..."
                )),
                None => Err(format!("the object {id} has no Wikidata QID; {}", give_qid(id))),
            },
            (Datatype::Time, Value::Date(date)) => Ok(time(date)),
            (Datatype::Quantity, Value::Integer(n)) => Ok(n.to_string()),
            (Datatype::MonolingualText, Value::Text(text)) => Ok(format!("en:{}", quoted(text)?)),
            (Datatype::Url, Value::Text(text)) => quoted(text),
            (datatype, value) => Err(format!(
                "{pid} takes {datatype} values, and this statement's value is {}",
                kind(value)
            )),
        }
    }

    pub fn skip(&mut self, statement: &Statement, reason: &str) {
        self.batch.skipped += 1;
        self.batch.notes.push(format!(
            "{}: {} {} {}: not written: {reason}",
            statement.origin,
            statement.subject,
            statement.property,
            shown(&statement.value)
        ));
    }
}

/// A statement's time as the qualifiers of its claims: (PID, date) for its point in time,
/// start time and end time, as the mapping names them; or why one has no qualifier.
pub(crate) fn time_qualifiers(
    statement: &Statement,
    alignments: &Alignments,
) -> Result<Vec<(String, facts::Date)>, String> {
    let time = &statement.time;
    let mut qualifiers = Vec::new();
    for (property, date) in [
        (cica::POINT_IN_TIME, &time.point_in_time),
        (cica::START_TIME, &time.start),
        (cica::END_TIME, &time.end),
    ] {
        let Some(date) = date else {
            continue;
        };
        let local = &property.as_str()[cica::NAMESPACE.len()..];
        let pid = alignments.qualifiers.get(local).ok_or_else(|| {
            format!("its time ({time}) is a cica:{local}, which ontology/cica-wikidata.ttl maps to no pq: qualifier")
        })?;
        qualifiers.push((pid.clone(), date.clone()));
    }
    Ok(qualifiers)
}
