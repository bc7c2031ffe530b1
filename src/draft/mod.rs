//! Drafting the facts of a new article for a person to review (`cica-kg draft`): the program
//! proposes, with the article's exact words for every candidate; a person decides
//! (`cica-kg accept`); nothing unreviewed ever becomes a fact.
//!
//! [`source`] proposes the `[source]` table; `mentions` finds the entities the text names;
//! `values` its dates, numbers and time expressions; `cues` reads what the rules know from
//! the ontology (`cica:cue`, `cica:seriesStep`); `rules` proposes; `tidy` keeps one candidate
//! per fact, with a quote that occurs once; `check` checks every
//! candidate, the rules' and an [`extractor`]'s alike; [`write`](mod@write) writes the draft (TOML or
//! JSON); [`accept`] turns reviewed candidates into statements.

pub mod accept;
mod apposition;
mod article;
mod beside;
mod by_facts;
mod capital;
pub(crate) mod check;
pub(crate) mod cues;
mod elided;
mod events;
pub mod extractor;
mod in_name;
mod inflect;
pub(crate) mod mentions;
mod near;
mod office;
mod owned;
mod place_pair;
mod possessive;
mod refer;
mod relative;
pub(crate) mod resolve;
pub(crate) mod rules;
pub mod source;
pub mod text;
mod tidy;
mod time_phrases;
mod timeline;
mod topic;
pub(crate) mod values;
mod when;
pub mod write;

use crate::facts::{Date, Facts, Value};
use crate::ontology::Ontology;
use mentions::Known;
use rules::{Raw, RawValue, Rules};
use serde::{Deserialize, Serialize};
use source::ProposedSource;
use std::collections::{HashMap, HashSet};

/// A proposed fact: the keys of a `[[statement]]`, with its confidence and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Entity id.
    pub subject: String,
    /// Property local name.
    pub property: String,
    /// An entity value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// A text value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A date value at the text's precision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// An integer value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integer: Option<i64>,
    /// A boolean value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boolean: Option<bool>,
    /// When it holds (time-varying properties).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point_in_time: Option<String>,
    /// From when it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Until when it held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// The article's exact words.
    pub quote: String,
    /// Character offset of the quote in the article, as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_start: Option<usize>,
    /// Character offset just after the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_end: Option<usize>,
    /// 0 to 1.
    #[serde(default)]
    pub confidence: f64,
    /// Which rule or cue proposed it.
    #[serde(default)]
    pub why: String,
}

impl Candidate {
    /// Sets the value from a facts value.
    pub fn set_value(&mut self, value: &Value) {
        match value {
            Value::Entity(id) => self.object = Some(id.clone()),
            Value::Text(t) => self.text = Some(t.clone()),
            Value::Date(d) => self.date = Some(d.lexical.clone()),
            Value::Integer(n) => self.integer = Some(*n),
            Value::Boolean(b) => self.boolean = Some(*b),
        }
    }
}

/// An entity a draft uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftEntity {
    /// Its id.
    pub id: String,
    /// Its class.
    pub class: String,
    /// Its label.
    pub label: String,
    /// Proposed (`[[new_entity]]`), not in the data.
    #[serde(default)]
    pub new: bool,
}

/// A candidate that did not pass the checks, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    /// The candidate.
    pub candidate: Candidate,
    /// Why it was dropped.
    pub reason: String,
}

/// A draft: the proposed source, the entities the candidates use, the checked candidates.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The `[source]` proposed.
    pub source: ProposedSource,
    /// The entities the candidates use, new ones included.
    pub entities: Vec<DraftEntity>,
    /// The candidates that pass every check.
    pub candidates: Vec<Candidate>,
    /// Those that did not.
    pub dropped: Vec<Dropped>,
}

/// Drafts `text` (read from the file named `file`) against the data's `facts`; `date` is the
/// article's date when the text does not give its year. Fails only if the shipped cues
/// (`ontology/cues.ttl`) are missing from the build.
pub fn draft(
    text: &str,
    file: &str,
    date: Option<&Date>,
    facts: &Facts,
    ontology: &Ontology,
) -> Result<Draft, crate::ontology::OntologyError> {
    let schema = &ontology.schema;
    let source = source::propose(text, file, facts, date);
    let today = crate::facts::parse_date(&source.dateline_date)
        .ok()
        .or_else(|| date.cloned());
    let doc = text::Doc::new(text);
    let knowledge = cues::Knowledge::of(ontology)?;
    let body = doc.token_at(source::body_start(text));
    let here = [&source.dateline_place, &source.dateline_name]
        .into_iter()
        .find(|h| !h.is_empty())
        .map(String::as_str);
    let mut mentions = mentions::find(&doc, body, facts, schema, &knowledge, here, today.as_ref());
    events::find(&doc, body, &mut mentions, schema, &knowledge);
    let rules = Rules {
        doc: &doc,
        m: &mentions,
        schema,
        knowledge: &knowledge,
        today: today.as_ref(),
        facts,
        extra: Default::default(),
        topics: Default::default(),
    };
    let mut raws = Vec::new();
    for sentence in doc.sentences.iter().filter(|s| s.end > body) {
        rules.sentence(sentence.start.max(body)..sentence.end, &mut raws);
    }
    rules.whole(&mut raws);
    // The new entities of unknown names get their ids; a told event, its label first.
    let mut extra = rules.extra.into_inner();
    let first_extra = mentions.entities.len();
    let told: Vec<bool> = extra.iter().map(events::unlabelled).collect();
    let unplaced: HashSet<usize> = (first_extra..first_extra + extra.len())
        .filter(|&e| told[e - first_extra] && !events::placed(e, &raws))
        .collect();
    raws.retain(|r| {
        !unplaced.contains(&r.subject)
            && !matches!(r.value, RawValue::Entity(e) if unplaced.contains(&e))
    });
    for k in 0..extra.len() {
        if events::unlabelled(&extra[k]) {
            let class_label = knowledge
                .class_labels
                .get(&extra[k].class)
                .cloned()
                .unwrap_or_default();
            let label = events::label(first_extra + k, &class_label, &raws, |e| {
                match e.checked_sub(first_extra) {
                    Some(x) => extra[x].label.clone(),
                    None => mentions.entities[e].label.clone(),
                }
            });
            extra[k].label = label;
        }
    }
    let raws = tidy::superseded(&doc, raws);
    let raws = tidy::chained(&doc, schema, today.as_ref(), raws);
    let used: HashSet<usize> = raws
        .iter()
        .flat_map(|r| {
            std::iter::once(r.subject).chain(match r.value {
                RawValue::Entity(e) => Some(e),
                RawValue::Literal(_) => None,
            })
        })
        .collect();
    let remap: Vec<usize> = extra
        .iter()
        .enumerate()
        .map(|(k, e)| match used.contains(&(first_extra + k)) {
            true if told[k] => events::in_data(
                first_extra + k,
                &e.class,
                &raws,
                &mentions.entities,
                facts,
                schema,
            )
            .or_else(|| mentions.new_entity(schema, &e.class, &e.label, None))
            .unwrap_or(usize::MAX),
            true => mentions
                .new_entity(schema, &e.class, &e.label, None)
                .unwrap_or(usize::MAX),
            false => usize::MAX,
        })
        .collect();
    let map = |e: usize| {
        if e >= first_extra {
            remap[e - first_extra]
        } else {
            e
        }
    };
    let raws: Vec<Raw> = raws
        .into_iter()
        .map(|mut r| {
            r.subject = map(r.subject);
            if let RawValue::Entity(e) = &mut r.value {
                *e = map(*e);
            }
            r
        })
        .filter(|r| r.subject != usize::MAX && r.value != RawValue::Entity(usize::MAX))
        .collect();
    let raws = tidy::dedupe(raws);
    let quotes = tidy::unique_quotes(&doc, &raws);
    let candidates: Vec<Candidate> = raws
        .iter()
        .zip(quotes)
        .map(|(r, quote)| {
            let mut c = Candidate {
                subject: mentions.entities[r.subject].id.clone(),
                property: r.property.clone(),
                quote,
                confidence: (r.confidence * 100.0).round() / 100.0,
                why: r.why.clone(),
                ..Candidate::default()
            };
            match &r.value {
                RawValue::Entity(e) => c.object = Some(mentions.entities[*e].id.clone()),
                RawValue::Literal(v) => c.set_value(v),
            }
            c.point_in_time = r.time.point_in_time.as_ref().map(|d| d.lexical.clone());
            c.start = r.time.start.as_ref().map(|d| d.lexical.clone());
            c.end = r.time.end.as_ref().map(|d| d.lexical.clone());
            c
        })
        .collect();
    let mut source = source;
    if source.dateline_place.is_empty() {
        let new = mentions.entities.iter().find(|e| {
            e.new && e.label == source.dateline_name && ontology.schema.is_a(&e.class, "City")
        });
        if let Some(e) = new {
            source.dateline_place = e.id.clone();
            source.proposed.insert(
                "dateline_place".into(),
                format!(
                    "the dateline's place \"{}\", a new entity",
                    source.dateline_name
                ),
            );
        }
    }
    Ok(finish(
        source,
        &mentions.entities,
        candidates,
        text,
        ontology,
    ))
}

/// Checks the candidates and lists the entities the passing ones use.
pub fn finish(
    source: ProposedSource,
    known: &[Known],
    candidates: Vec<Candidate>,
    text: &str,
    ontology: &Ontology,
) -> Draft {
    let classes: HashMap<String, String> = known
        .iter()
        .map(|k| (k.id.clone(), k.class.clone()))
        .collect();
    let mut draft = Draft {
        source,
        ..Draft::default()
    };
    for result in check::check_all(candidates, text, &ontology.schema, &classes) {
        match result {
            Ok(c) => draft.candidates.push(c),
            Err(dropped) => draft.dropped.push(*dropped),
        }
    }
    let mut used: HashSet<&str> = draft
        .candidates
        .iter()
        .flat_map(|c| std::iter::once(c.subject.as_str()).chain(c.object.as_deref()))
        .collect();
    used.insert(draft.source.dateline_place.as_str());
    draft.entities = known
        .iter()
        .filter(|k| used.contains(k.id.as_str()))
        .map(|k| DraftEntity {
            id: k.id.clone(),
            class: k.class.clone(),
            label: k.label.clone(),
            new: k.new,
        })
        .collect();
    draft
}

#[cfg(test)]
mod class_tests;
#[cfg(test)]
mod events_tests;
#[cfg(test)]
mod paraphrase_tests;
#[cfg(test)]
mod precision_tests;
#[cfg(test)]
mod recall_tests;
#[cfg(test)]
mod rules_tests;
#[cfg(test)]
mod seat_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod wording_tests;
