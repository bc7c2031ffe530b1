//! QuickStatements: the article's facts as QuickStatements V1 commands, so that a Wikidata
//! editor can review them and add them to Wikidata with their source.
//!
//! A statement is written when its property is mapped to a `wdt:` property in
//! `ontology/cica-wikidata.ttl` (the same mapping as the Wikidata profile, read by
//! [`crate::wikidata::mapping::alignments`]), its subject has a QID, and its object, if an
//! entity, has one too. QIDs come from `data/entities.toml` (verified) or are given for one
//! run by a person who looked them up. Each line carries the article as its reference:
//! publication date (S577), publisher (S123) and title (S1476). A claim carries its
//! statement's time as qualifiers: point in time (P585, a count as of a date), start time
//! (P580, a presidency since 2020), end time (P582). Deprecated statements are not written.
//! Everything that cannot be written is returned as a note saying why, for standard error.
//!
//! Drafts of `CREATE` / `LAST` blocks (label, aliases, description, instance of, and the
//! entity's statements) can be asked for entities without an item, for an editor to review.
//! Fields are separated by tabs; `values` says how each value is written.

mod create;
pub(crate) mod values;
mod writer;

pub(crate) use writer::time_qualifiers;

use super::diff::{Comparison, Status};
use super::{links, mapping, WikidataError};
use crate::facts::Entity;
use crate::rdf::KnowledgeGraph;
use crate::vocab::wikidata::Qid;
use std::collections::{BTreeMap, BTreeSet};
use writer::Writer;

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Entity id -> the QID a person looked up, for this run.
    pub qids: Vec<(String, Qid)>,
    /// Draft items for these entities (all entities without a QID when the list is empty);
    /// `None`: no drafts.
    pub create: Option<Vec<String>>,
    /// What Wikidata already says, from [`crate::wikidata::diff`]: with it, only the claims
    /// Wikidata lacks are written (`--only-missing`).
    pub known: Option<Vec<Comparison>>,
    /// With `known`: also write the claims Wikidata has without one of their qualifiers, so
    /// that QuickStatements adds the qualifier to Wikidata's statement (`--add-qualifiers`);
    /// each is named in a note.
    pub add_qualifiers: bool,
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

/// Reads `ID=QID`: an entity id and the QID a person found for its item.
pub fn parse_qid_argument(argument: &str) -> Result<(String, Qid), WikidataError> {
    let form = "write ID=QID: the entity id of data/entities.toml, then the QID a person found for its item (Q followed by digits)";
    let (id, qid) = argument
        .split_once('=')
        .ok_or_else(|| WikidataError::Input(format!("'{argument}': no '='; {form}")))?;
    let qid = qid
        .trim()
        .parse::<Qid>()
        .map_err(|e| WikidataError::Input(format!("'{argument}': {e}; {form}")))?;
    Ok((id.trim().to_owned(), qid))
}

/// Builds the QuickStatements of the knowledge graph (loading its Wikidata mapping).
pub fn build(kg: &KnowledgeGraph, options: &Options) -> Result<Batch, WikidataError> {
    kg.load_mapping()?;
    let mut writer = Writer {
        kg,
        qids: qids(kg, &options.qids)?,
        alignments: mapping::alignments(kg)?,
        creating: BTreeSet::new(),
        add_qualifiers: options.add_qualifiers,
        batch: Batch::default(),
    };
    writer.creating = writer.creating(options.create.as_deref())?;
    let references: Vec<Vec<String>> = kg
        .facts()
        .sources
        .iter()
        .map(|source| writer.references(source))
        .collect();
    let mut blocks: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (index, statement) in kg.facts().statements.iter().enumerate() {
        let known = known_claims(options.known.as_deref(), index);
        let Some(lines) = writer.statement_lines(statement, &known, &references[statement.source])
        else {
            continue;
        };
        writer.batch.written += 1;
        if writer.creating.contains(statement.subject.as_str()) {
            blocks.entry(&statement.subject).or_default().extend(lines);
        } else {
            writer.batch.lines.extend(lines);
        }
    }
    let creating: Vec<&Entity> = kg
        .facts()
        .entities
        .iter()
        .filter(|e| writer.creating.contains(e.id.as_str()))
        .collect();
    for entity in creating {
        let statements = blocks.remove(entity.id.as_str()).unwrap_or_default();
        let first_source = kg
            .facts()
            .statements
            .iter()
            .find(|s| s.subject == entity.id)
            .map_or(0, |s| s.source);
        let block = writer.create_block(entity, statements, &references[first_source])?;
        writer.batch.lines.extend(block);
    }
    Ok(writer.batch)
}

/// What Wikidata already has of statement `index`'s claims: PID -> its comparison, for the
/// claims that are not missing there.
fn known_claims(known: Option<&[Comparison]>, index: usize) -> BTreeMap<String, &Comparison> {
    known
        .into_iter()
        .flatten()
        .filter(|c| c.statement == index && c.status != Status::Missing)
        .map(|c| (c.pid.clone(), c))
        .collect()
}

/// The QIDs of the run: the verified ones of the facts, and those given for this run.
pub fn qids(
    kg: &KnowledgeGraph,
    given: &[(String, Qid)],
) -> Result<BTreeMap<String, Qid>, WikidataError> {
    let mut qids: BTreeMap<String, Qid> = kg
        .facts()
        .entities
        .iter()
        .filter_map(|e| e.wikidata.clone().map(|q| (e.id.clone(), q)))
        .collect();
    let mut seen = BTreeSet::new();
    for (id, qid) in given {
        let Some(entity) = kg.facts().entity(id) else {
            return Err(WikidataError::Input(format!(
                "no entity '{id}'; use the id of an entity without a QID: {}",
                unlinked_ids(kg)
            )));
        };
        if !seen.insert(id.clone()) {
            return Err(WikidataError::Input(format!(
                "a QID for '{id}' is given twice; keep one"
            )));
        }
        if let Some(verified) = &entity.wikidata {
            if verified != qid {
                return Err(WikidataError::Input(format!(
                    "{id} already has the verified QID {verified} in data/entities.toml; a QID given for one run is for entities without one: {}",
                    unlinked_ids(kg)
                )));
            }
        }
        qids.insert(id.clone(), qid.clone());
    }
    check_one_entity_per_item(&qids)?;
    Ok(qids)
}

/// Refuses a QID that two entities would share: one item is one thing, and writing both
/// entities' facts onto it would put, say, the CICA's member count onto Kazakhstan.
fn check_one_entity_per_item(qids: &BTreeMap<String, Qid>) -> Result<(), WikidataError> {
    let mut owners: BTreeMap<&Qid, &str> = BTreeMap::new();
    for (id, qid) in qids {
        if let Some(first) = owners.insert(qid, id) {
            return Err(WikidataError::Input(format!(
                "{qid} would be the item of both {first} and {id}; an item is one thing: give each entity its own QID"
            )));
        }
    }
    Ok(())
}

/// The ids of the entities without a verified QID, for messages.
fn unlinked_ids(kg: &KnowledgeGraph) -> String {
    let (_, unlinked) = links::links(kg.facts());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_belongs_to_one_entity() {
        let q1: Qid = "Q1".parse().unwrap();
        let map = |pairs: &[(&str, &Qid)]| {
            pairs
                .iter()
                .map(|(id, q)| ((*id).to_owned(), (*q).clone()))
                .collect::<BTreeMap<_, _>>()
        };
        let error = check_one_entity_per_item(&map(&[("summit/1", &q1), ("summit/2", &q1)]))
            .unwrap_err()
            .to_string();
        assert!(error.contains("both summit/1 and summit/2"), "{error}");
        assert!(check_one_entity_per_item(&map(&[("summit/1", &q1)])).is_ok());
    }

    #[test]
    fn qid_arguments_are_checked() {
        let (id, qid) = parse_qid_argument("organization/cica=Q4115189").unwrap();
        assert_eq!(
            (id.as_str(), qid.as_str()),
            ("organization/cica", "Q4115189")
        );
        for bad in [
            "organization/cica",
            "organization/cica=4115189",
            "x=Q01",
            "x=Q12x",
        ] {
            let error = parse_qid_argument(bad).unwrap_err().to_string();
            assert!(error.contains("write ID=QID"), "{bad}: {error}");
        }
    }
}
