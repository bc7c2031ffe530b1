//! QuickStatements: the article's facts as QuickStatements V1 commands, so that a Wikidata
//! editor can review them and add them to Wikidata with their source.
//!
//! A statement is written when its property is aligned to a `wdt:` property in
//! `ontology/cica.ttl` (the same alignments as the Wikidata profile, read by
//! [`crate::wikidata::alignments`]), its subject has a QID, and its object, if an entity,
//! has one too. QIDs come from `data/entities.toml` (verified) or from `--qid ID=Q...` (looked
//! up by a person for one run). Each line carries the article as its reference: publication
//! date (S577), publisher (S123) and title (S1476). Counts get a point in time (P585)
//! qualifier: the article's date, as of which they hold. Everything that cannot be written is
//! returned as a note saying why, for standard error.
//!
//! `--create` drafts `CREATE` / `LAST` blocks (label, aliases, description, instance of, and
//! the entity's statements) for entities without an item, for an editor to review.
//!
//! Value syntax (QuickStatements V1): items `Q148`; quantities `27`; monolingual text
//! `en:"CICA"`; strings and URLs `"..."`; times `+2002-06-00T00:00:00Z/10` with precision
//! `/9` (year), `/10` (month) or `/11` (day). Fields are separated by tabs.

use crate::facts::{self, Date, Entity, Precision, Source, Statement, Value};
use crate::store::KnowledgeGraph;
use crate::wikidata::{self, Alignments};
use anyhow::{anyhow, bail, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The Wikidata datatype of a property: it decides how a value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Datatype {
    /// An item: `Q148`.
    Item,
    /// A point in time: `+2002-06-00T00:00:00Z/10`.
    Time,
    /// A quantity: `27`.
    Quantity,
    /// Text in a language: `en:"CICA"`.
    MonolingualText,
    /// A URL, written as a string: `"https://..."`.
    Url,
}

impl fmt::Display for Datatype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Item => "item",
            Self::Time => "time",
            Self::Quantity => "quantity",
            Self::MonolingualText => "monolingual text",
            Self::Url => "URL",
        })
    }
}

/// The datatype of each Wikidata property the ontology aligns to or the references use. The
/// PIDs are those of ../shared/wikidata-ids.md (and P123, P577, P1476 for references); the
/// datatypes were read from a public table of Wikidata property labels and types
/// (hiropppe/neo4j-js-ng2, src/app/service/wikidata.service.ts) and from the notes of
/// ../shared/wikidata-ids.md (P2124 quantity; P1448, P1813 monolingual text).
pub const DATATYPES: &[(&str, Datatype)] = &[
    ("P17", Datatype::Item),
    ("P30", Datatype::Item),
    ("P31", Datatype::Item),
    ("P36", Datatype::Item),
    ("P112", Datatype::Item),
    ("P123", Datatype::Item),
    ("P131", Datatype::Item),
    ("P155", Datatype::Item),
    ("P156", Datatype::Item),
    ("P159", Datatype::Item),
    ("P276", Datatype::Item),
    ("P279", Datatype::Item),
    ("P361", Datatype::Item),
    ("P463", Datatype::Item),
    ("P488", Datatype::Item),
    ("P527", Datatype::Item),
    ("P571", Datatype::Time),
    ("P577", Datatype::Time),
    ("P580", Datatype::Time),
    ("P582", Datatype::Time),
    ("P585", Datatype::Time),
    ("P664", Datatype::Item),
    ("P710", Datatype::Item),
    ("P740", Datatype::Item),
    ("P793", Datatype::Item),
    ("P856", Datatype::Url),
    ("P973", Datatype::Url),
    ("P1132", Datatype::Quantity),
    ("P1344", Datatype::Item),
    ("P1448", Datatype::MonolingualText),
    ("P1476", Datatype::MonolingualText),
    ("P1813", Datatype::MonolingualText),
    ("P2124", Datatype::Quantity),
];

/// The datatype of a PID, if known.
pub fn datatype(pid: &str) -> Option<Datatype> {
    DATATYPES
        .iter()
        .find(|(p, _)| *p == pid)
        .map(|(_, datatype)| *datatype)
}

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--qid ID=Q...`: QIDs a person looked up, for this run.
    pub qids: Vec<String>,
    /// `--create [ID...]`: draft items for these entities (all entities without a QID when
    /// the list is empty); `None` without `--create`.
    pub create: Option<Vec<String>>,
}

/// The commands, and the notes for standard error.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// QuickStatements V1 lines, tab-separated.
    pub lines: Vec<String>,
    /// Why each statement that was not written could not be, and what the drafts need.
    pub notes: Vec<String>,
    /// How many statements were written (as claims, or as the description of a new item).
    pub written: usize,
    /// How many statements were not.
    pub skipped: usize,
}

/// Reads `--qid ID=Q...`.
pub fn parse_qid(argument: &str) -> Result<(String, String)> {
    let form = "write --qid ID=QID: the entity id of data/entities.toml, then the QID a person found for its item (Q followed by digits)";
    let (id, qid) = argument
        .split_once('=')
        .ok_or_else(|| anyhow!("--qid {argument}: no '='; {form}"))?;
    let (id, qid) = (id.trim(), qid.trim());
    if !facts::is_qid(qid) {
        bail!("--qid {argument}: '{qid}' is not a QID (Q followed by digits, without a leading zero); {form}");
    }
    Ok((id.to_owned(), qid.to_owned()))
}

/// Builds the QuickStatements of the knowledge graph.
pub fn build(kg: &KnowledgeGraph, options: &Options) -> Result<Batch> {
    let alignments = wikidata::alignments(kg)?;
    let mut writer = Writer {
        kg,
        qids: qids(kg, &options.qids)?,
        alignments,
        creating: BTreeSet::new(),
        batch: Batch::default(),
    };
    writer.creating = writer.creating(options.create.as_deref())?;
    let references: Vec<Vec<String>> = kg
        .facts
        .sources
        .iter()
        .map(|source| writer.references(source))
        .collect();

    let mut blocks: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for statement in &kg.facts.statements {
        let subject = statement.subject.as_str();
        if let Some((claim, pid)) = writer.alignments.qualifiers.get(&statement.property) {
            // Written on the line of the claim it qualifies, if that claim is written.
            writer.batch.notes.push(format!(
                "{}: {subject} {} {}: a {pid} qualifier of the cica:{claim} claim, not a claim of its own",
                statement.origin,
                statement.property,
                shown(&statement.value)
            ));
            continue;
        }
        let creating = writer.creating.contains(subject);
        let lines = match writer.claims(statement, creating) {
            Ok(lines) => lines,
            Err(reason) => {
                writer.skip(statement, &reason);
                continue;
            }
        };
        let subject_field = match writer.qids.get(subject) {
            Some(qid) => qid.clone(),
            None if creating => "LAST".to_owned(),
            None => {
                writer.skip(
                    statement,
                    &format!(
                        "the subject {subject} has no Wikidata QID; {}, or draft an item with --create {subject}",
                        give_qid(subject)
                    ),
                );
                continue;
            }
        };
        let mut out = Vec::new();
        for claim in lines {
            match claim {
                Claim::Description(text) => {
                    // Only for a new item (claims() refuses it otherwise): it becomes Den.
                    out.push(format!("{subject_field}\tDen\t{text}"));
                }
                Claim::Fields(fields) => {
                    let mut line = vec![subject_field.clone()];
                    line.extend(fields);
                    line.extend(references[statement.source].iter().cloned());
                    out.push(line.join("\t"));
                }
            }
        }
        writer.batch.written += 1;
        if creating {
            blocks.entry(subject).or_default().extend(out);
        } else {
            writer.batch.lines.extend(out);
        }
    }

    let creating: Vec<&Entity> = kg
        .facts
        .entities
        .iter()
        .filter(|e| writer.creating.contains(e.id.as_str()))
        .collect();
    for entity in creating {
        let statements = blocks.remove(entity.id.as_str()).unwrap_or_default();
        let first_source = kg
            .facts
            .statements
            .iter()
            .find(|s| s.subject == entity.id)
            .map_or(0, |s| s.source);
        let block = writer.create_block(entity, statements, &references[first_source])?;
        writer.batch.lines.extend(block);
    }
    Ok(writer.batch)
}

/// The QIDs of the run: the verified ones of the facts, and those given with `--qid`.
fn qids(kg: &KnowledgeGraph, arguments: &[String]) -> Result<BTreeMap<String, String>> {
    let mut qids: BTreeMap<String, String> = kg
        .facts
        .entities
        .iter()
        .filter_map(|e| e.wikidata.clone().map(|q| (e.id.clone(), q)))
        .collect();
    let mut given = BTreeSet::new();
    for argument in arguments {
        let (id, qid) = parse_qid(argument)?;
        let Some(entity) = kg.facts.entity(&id) else {
            bail!(
                "--qid {argument}: no entity '{id}'; use the id of an entity without a QID: {}",
                unlinked_ids(kg)
            );
        };
        if !given.insert(id.clone()) {
            bail!("--qid gives '{id}' twice; keep one");
        }
        if let Some(verified) = &entity.wikidata {
            if *verified != qid {
                bail!(
                    "--qid {argument}: {id} already has the verified QID {verified} in data/entities.toml; --qid is for entities without one: {}",
                    unlinked_ids(kg)
                );
            }
        }
        qids.insert(id, qid);
    }
    Ok(qids)
}

fn unlinked_ids(kg: &KnowledgeGraph) -> String {
    let (_, unlinked) = wikidata::links(&kg.facts);
    unlinked
        .iter()
        .map(|e| e.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How to give an entity a QID, for notes.
fn give_qid(id: &str) -> String {
    format!("give one with --qid {id}=Q... once a person has found its item (cica-kg link --report says what to search for)")
}

/// One written claim of a statement.
enum Claim {
    /// `P276<TAB>Q35493`, with any qualifiers, without subject and references.
    Fields(Vec<String>),
    /// The text of a description, `"..."`, for a new item's `Den`.
    Description(String),
}

struct Writer<'a> {
    kg: &'a KnowledgeGraph,
    qids: BTreeMap<String, String>,
    alignments: Alignments,
    creating: BTreeSet<String>,
    batch: Batch,
}

impl Writer<'_> {
    /// The entities to draft items for.
    fn creating(&mut self, create: Option<&[String]>) -> Result<BTreeSet<String>> {
        let Some(ids) = create else {
            return Ok(BTreeSet::new());
        };
        if ids.is_empty() {
            return Ok(self
                .kg
                .facts
                .entities
                .iter()
                .filter(|e| !self.qids.contains_key(&e.id))
                .map(|e| e.id.clone())
                .collect());
        }
        let mut creating = BTreeSet::new();
        for id in ids {
            if self.kg.facts.entity(id).is_none() {
                bail!(
                    "--create {id}: no such entity; use the id of an entity without a QID: {}",
                    unlinked_ids(self.kg)
                );
            }
            if let Some(qid) = self.qids.get(id) {
                bail!("--create {id}: it already has the item {qid}; leave it out of --create");
            }
            creating.insert(id.clone());
        }
        Ok(creating)
    }

    /// The reference fields of every line from `source`: publication date, publisher, title.
    fn references(&mut self, source: &Source) -> Vec<String> {
        let mut fields = Vec::new();
        let day = source.published.split('T').next().unwrap_or_default();
        match facts::parse_date(day) {
            Ok(date) => fields.extend(["S577".to_owned(), time(&date)]),
            Err(_) => self.batch.notes.push(format!(
                "source {}: its publication time '{}' has no date, so the references have no publication date (S577)",
                source.id, source.published
            )),
        }
        match self.qids.get(&source.publisher) {
            Some(qid) => fields.extend(["S123".to_owned(), qid.clone()]),
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
                "cica:{property} has no Wikidata property (ontology/cica.ttl aligns it to no wdt: property)"
            ));
        };
        let mut claims = Vec::new();
        for pid in pids {
            let datatype = datatype(pid).ok_or_else(|| {
                format!("the Wikidata datatype of {pid} is not known; add it to DATATYPES in src/quickstatements.rs")
            })?;
            let mut fields = vec![pid.clone(), self.value(pid, datatype, &statement.value)?];
            if datatype == Datatype::Quantity {
                // A count holds as of the article's date.
                let source = &self.kg.facts.sources[statement.source];
                let day = source.published.split('T').next().unwrap_or_default();
                if let Ok(date) = facts::parse_date(day) {
                    fields.extend(["P585".to_owned(), time(&date)]);
                }
            }
            fields.extend(self.qualifiers(statement)?);
            claims.push(Claim::Fields(fields));
        }
        Ok(claims)
    }

    /// The qualifiers of a statement's claim: the values of the same subject's properties
    /// that the ontology declares qualifiers of this one (`P580 +2020-00-00T00:00:00Z/9` for
    /// the presidency).
    fn qualifiers(&self, statement: &Statement) -> Result<Vec<String>, String> {
        let mut fields = Vec::new();
        for (qualifier, (claim, pid)) in &self.alignments.qualifiers {
            if *claim != statement.property {
                continue;
            }
            let datatype = datatype(pid).ok_or_else(|| {
                format!("the Wikidata datatype of {pid} is not known; add it to DATATYPES in src/quickstatements.rs")
            })?;
            for other in &self.kg.facts.statements {
                if other.subject == statement.subject && other.property == *qualifier {
                    fields.extend([pid.clone(), self.value(pid, datatype, &other.value)?]);
                }
            }
        }
        Ok(fields)
    }

    /// A value in QuickStatements syntax for a property of `datatype`.
    fn value(&self, pid: &str, datatype: Datatype, value: &Value) -> Result<String, String> {
        match (datatype, value) {
            (Datatype::Item, Value::Entity(id)) => match self.qids.get(id) {
                Some(qid) => Ok(qid.clone()),
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

    /// The CREATE block of an entity: CREATE, label, aliases, description, instance of, and
    /// the lines of its statements (already prefixed with LAST).
    fn create_block(
        &mut self,
        entity: &Entity,
        statements: Vec<String>,
        references: &[String],
    ) -> Result<Vec<String>> {
        let mut block = vec!["CREATE".to_owned()];
        let label =
            quoted(&entity.label).map_err(|why| anyhow!("{}: its label {why}", entity.id))?;
        block.push(format!("LAST\tLen\t{label}"));
        for name in &entity.other_names {
            match quoted(name) {
                Ok(name) => block.push(format!("LAST\tAen\t{name}")),
                Err(why) => self.batch.notes.push(format!(
                    "{}: the other name {why}; it is left out",
                    entity.id
                )),
            }
        }
        let has_description = statements.iter().any(|l| l.starts_with("LAST\tDen\t"));
        if !has_description {
            // The facts give no description: the class's label stands in, for the editor.
            match self
                .alignments
                .class_labels
                .get(&entity.class)
                .map(|l| quoted(l))
            {
                Some(Ok(description)) => block.push(format!("LAST\tDen\t{description}")),
                _ => self.batch.notes.push(format!(
                    "{}: no description; add a LAST<TAB>Den line by hand",
                    entity.id
                )),
            }
        }
        let (descriptions, claims): (Vec<String>, Vec<String>) = statements
            .into_iter()
            .partition(|l| l.starts_with("LAST\tDen\t"));
        if descriptions.len() > 1 {
            self.batch.notes.push(format!(
                "{}: the facts give {} descriptions; the draft keeps the first (Wikidata has one per language)",
                entity.id,
                descriptions.len()
            ));
        }
        block.extend(descriptions.into_iter().take(1));
        match self.alignments.class_items.get(&entity.class) {
            Some(items) => {
                for item in items {
                    let mut line = vec!["LAST".to_owned(), "P31".to_owned(), item.clone()];
                    line.extend(references.iter().cloned());
                    block.push(line.join("\t"));
                }
            }
            None => self.batch.notes.push(format!(
                "{}: no instance of (P31) line: its class cica:{} has no verified Wikidata class; add one by hand",
                entity.id, entity.class
            )),
        }
        block.extend(claims);
        self.batch.notes.push(format!(
            "{}: drafted a CREATE block; before running it, search Wikidata for \"{}\" ({}) to be sure the item does not exist yet",
            entity.id,
            wikidata::search_text(entity),
            wikidata::search_url(wikidata::search_text(entity))
        ));
        Ok(block)
    }

    fn skip(&mut self, statement: &Statement, reason: &str) {
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

/// A time value: `+2002-06-00T00:00:00Z/10`, at the date's own precision.
pub fn time(date: &Date) -> String {
    let mut parts = date.lexical.split('-');
    let year = parts.next().unwrap_or("0000");
    let month = parts.next().unwrap_or("00");
    let day = parts.next().unwrap_or("00");
    let precision = match date.precision {
        Precision::Year => 9,
        Precision::Month => 10,
        Precision::Day => 11,
    };
    format!("+{year}-{month}-{day}T00:00:00Z/{precision}")
}

/// A string value: `"..."`. QuickStatements V1 cannot escape a double quote, a tab or a line
/// break inside one.
pub fn quoted(text: &str) -> Result<String, String> {
    if text.contains(['"', '\t', '\n', '\r']) {
        return Err(format!(
            "\"{text}\" contains a double quote, a tab or a line break, which QuickStatements V1 cannot write inside a string"
        ));
    }
    Ok(format!("\"{text}\""))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Entity(_) => "an entity",
        Value::Text(_) => "text",
        Value::Date(_) => "a date",
        Value::Integer(_) => "an integer",
        Value::Boolean(_) => "a boolean",
    }
}

/// A value as the notes show it.
fn shown(value: &Value) -> String {
    match value {
        Value::Entity(id) => id.clone(),
        Value::Text(text) if text.chars().count() > 60 => {
            format!("\"{}...\"", text.chars().take(57).collect::<String>())
        }
        Value::Text(text) => format!("\"{text}\""),
        Value::Date(date) => date.lexical.clone(),
        Value::Integer(n) => n.to_string(),
        Value::Boolean(b) => b.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_keep_their_precision() {
        let at = |lexical: &str| time(&facts::parse_date(lexical).unwrap());
        assert_eq!(at("1992"), "+1992-00-00T00:00:00Z/9");
        assert_eq!(at("2002-06"), "+2002-06-00T00:00:00Z/10");
        assert_eq!(at("2022-10-12"), "+2022-10-12T00:00:00Z/11");
    }

    #[test]
    fn strings_cannot_hold_quotes() {
        assert_eq!(quoted("CICA").unwrap(), "\"CICA\"");
        assert!(quoted("say \"hi\"").is_err());
        assert!(quoted("a\tb").is_err());
    }

    #[test]
    fn qid_arguments_are_checked() {
        assert_eq!(
            parse_qid("organization/cica=Q4115189").unwrap(),
            ("organization/cica".to_owned(), "Q4115189".to_owned())
        );
        for bad in [
            "organization/cica",
            "organization/cica=4115189",
            "x=Q01",
            "x=Q12x",
        ] {
            let error = parse_qid(bad).unwrap_err().to_string();
            assert!(error.contains("--qid ID=QID"), "{bad}: {error}");
        }
    }

    #[test]
    fn every_datatype_is_known_once() {
        let pids: BTreeSet<&str> = DATATYPES.iter().map(|(p, _)| *p).collect();
        assert_eq!(pids.len(), DATATYPES.len());
        assert_eq!(datatype("P2124"), Some(Datatype::Quantity));
        assert_eq!(datatype("P1813"), Some(Datatype::MonolingualText));
        assert_eq!(datatype("P2975"), None);
    }
}
