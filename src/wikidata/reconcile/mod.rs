//! Reconciliation: asks a service that follows the W3C Entity Reconciliation API (the protocol
//! OpenRefine uses; by default the public Wikidata reconciliation service) for candidate items
//! for every unlinked entity, with its type (the Wikidata class its class maps to) and the
//! properties that tell candidates apart (a city's country, a summit's location: every mapped
//! statement whose value is a linked entity). Nothing is linked here: a person reads the
//! candidates and accepts one ([`crate::facts::accept`]).
//!
//! As OpenRefine does, the service's manifest is read first (a GET of the service URL): its
//! `identifierSpace` must be Wikidata's (`http://www.wikidata.org/entity/`), since the
//! candidates' ids are taken for QIDs, and the queries are sent in batches of its `batchSize`
//! (10 when it gives none; the specification sets no default).

mod http;

use super::mapping::Alignments;
use crate::facts::{Entity, Value};
use crate::rdf::KnowledgeGraph;
use crate::vocab::wikidata::Qid;
use http::{manifest, send};
use oxhttp::model::Uri;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// How to reach the reconciliation service.
#[derive(Debug, Clone)]
pub struct Service {
    /// The service's endpoint.
    pub endpoint: Uri,
    /// How long the whole exchange may take.
    pub timeout: Duration,
    /// How many candidates to ask for per entity.
    pub limit: usize,
}

/// Why reconciliation failed.
#[derive(Debug, thiserror::Error)]
pub enum ReconcileError {
    /// No connection, no answer in time, or another transport failure.
    #[error("the reconciliation service at {endpoint} cannot be reached: {why}")]
    Unreachable {
        /// The endpoint.
        endpoint: String,
        /// What failed.
        why: String,
    },
    /// An HTTP error status.
    #[error("the reconciliation service at {endpoint} answered HTTP {status}: {excerpt}")]
    Status {
        /// The endpoint.
        endpoint: String,
        /// The status.
        status: u16,
        /// The start of the answer.
        excerpt: String,
    },
    /// A service whose identifiers are not Wikidata's items.
    #[error("the reconciliation service at {endpoint} reconciles against {identifier_space}, not Wikidata ({}); its candidates' ids would not be Wikidata items, so nothing was asked: give a Wikidata reconciliation service with --reconcile-url", crate::vocab::wikidata::WD_NAMESPACE)]
    NotWikidata {
        /// The endpoint.
        endpoint: String,
        /// The `identifierSpace` of its manifest.
        identifier_space: String,
    },
    /// An answer that is not what the specification says.
    #[error("the reconciliation service at {endpoint} answered something that is not a reconciliation result: {why}")]
    Malformed {
        /// The endpoint.
        endpoint: String,
        /// What is wrong.
        why: String,
    },
}

/// One entity's reconciliation query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The entity id.
    pub entity: String,
    /// The text searched: the entity's search text or label.
    pub text: String,
    /// The Wikidata class its class maps to, if any.
    pub class: Option<String>,
    /// (PID, QID) pairs that tell candidates apart.
    pub properties: Vec<(String, Qid)>,
}

/// A candidate item.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Candidate {
    /// The QID.
    pub id: String,
    /// Its label.
    pub name: String,
    /// The service's score.
    pub score: f64,
    /// Whether the service thinks it is a match.
    #[serde(default, rename = "match")]
    pub matched: bool,
    /// Its description.
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Serialize)]
struct WireQuery<'a> {
    query: &'a str,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    class: Option<&'a str>,
    limit: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    properties: Vec<WireProperty<'a>>,
}

#[derive(Serialize)]
struct WireProperty<'a> {
    pid: &'a str,
    v: &'a str,
}

#[derive(Deserialize)]
struct WireResult {
    result: Vec<Candidate>,
}

/// The questions for every entity without a QID, in file order.
pub fn questions(kg: &KnowledgeGraph, alignments: &Alignments) -> Vec<Question> {
    let facts = kg.facts();
    let qid = |id: &str| facts.entity(id).and_then(|e| e.wikidata.clone());
    facts
        .entities
        .iter()
        .filter(|e| e.wikidata.is_none())
        .map(|entity: &Entity| {
            let mut properties = Vec::new();
            for statement in facts.statements.iter().filter(|s| s.subject == entity.id) {
                let Value::Entity(object) = &statement.value else {
                    continue;
                };
                let (Some(pids), Some(value)) =
                    (alignments.claims.get(&statement.property), qid(object))
                else {
                    continue;
                };
                properties.extend(pids.iter().map(|pid| (pid.clone(), value.clone())));
            }
            Question {
                entity: entity.id.clone(),
                text: super::links::search_text(entity).to_owned(),
                class: alignments
                    .class_items
                    .get(&entity.class)
                    .and_then(|items| items.first().cloned()),
                properties,
            }
        })
        .collect()
}

/// Asks the service all the questions, in the batches its manifest asks for; the candidates
/// of each, best first.
pub fn ask(
    service: &Service,
    questions: &[Question],
) -> Result<Vec<Vec<Candidate>>, ReconcileError> {
    let batch_size = manifest(service)?;
    let mut answers = Vec::with_capacity(questions.len());
    for batch in questions.chunks(batch_size) {
        answers.extend(ask_batch(service, batch)?);
    }
    Ok(answers)
}

/// Asks one batch of questions in one request.
fn ask_batch(
    service: &Service,
    questions: &[Question],
) -> Result<Vec<Vec<Candidate>>, ReconcileError> {
    let endpoint = service.endpoint.to_string();
    let batch: BTreeMap<String, WireQuery<'_>> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let query = WireQuery {
                query: &q.text,
                class: q.class.as_deref(),
                limit: service.limit,
                properties: q
                    .properties
                    .iter()
                    .map(|(pid, qid)| WireProperty {
                        pid,
                        v: qid.as_str(),
                    })
                    .collect(),
            };
            (format!("q{i}"), query)
        })
        .collect();
    let json = serde_json::to_string(&batch).map_err(|e| ReconcileError::Malformed {
        endpoint: endpoint.clone(),
        why: e.to_string(),
    })?;
    let form = form_urlencoded::Serializer::new(String::new())
        .append_pair("queries", &json)
        .finish();
    let body = send(service, &form)?;
    let mut answer: BTreeMap<String, WireResult> =
        serde_json::from_slice(&body).map_err(|e| ReconcileError::Malformed {
            endpoint: endpoint.clone(),
            why: e.to_string(),
        })?;
    (0..questions.len())
        .map(|i| {
            let mut result = answer
                .remove(&format!("q{i}"))
                .ok_or_else(|| ReconcileError::Malformed {
                    endpoint: endpoint.clone(),
                    why: format!("no result for query q{i}"),
                })?
                .result;
            if let Some(bad) = result.iter().find(|c| c.id.parse::<Qid>().is_err()) {
                return Err(ReconcileError::Malformed {
                    endpoint: endpoint.clone(),
                    why: format!("candidate id '{}' is not a Wikidata QID", bad.id),
                });
            }
            result.sort_by(|a, b| b.score.total_cmp(&a.score));
            Ok(result)
        })
        .collect()
}

/// `cica-kg link --suggest`: for each unlinked entity, what was asked and the candidates (score,
/// QID, label, description, page), best first. Nothing is linked.
pub fn write_suggestions(
    questions: &[Question],
    answers: &[Vec<Candidate>],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for (question, candidates) in questions.iter().zip(answers) {
        let mut asked = vec![format!("\"{}\"", question.text)];
        if let Some(class) = &question.class {
            asked.push(format!("type {class}"));
        }
        asked.extend(
            question
                .properties
                .iter()
                .map(|(pid, qid)| format!("{pid}={qid}")),
        );
        writeln!(out, "{}  ({})", question.entity, asked.join(", "))?;
        if candidates.is_empty() {
            writeln!(out, "  no candidate")?;
        }
        for c in candidates {
            let matched = if c.matched { "  [match]" } else { "" };
            let description = c.description.as_deref().unwrap_or("(no description)");
            writeln!(
                out,
                "  {:>5.1}  {}  {} — {}  {}{}{matched}",
                c.score,
                c.id,
                c.name,
                description,
                crate::vocab::wikidata::ITEM_PAGE,
                c.id
            )?;
        }
    }
    writeln!(
        out,
        "Nothing was linked. To link an entity, check that the item is the very same thing, then: cica-kg --data DIR link --accept ID=QID"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_read_the_specified_fields() {
        let answer: BTreeMap<String, WireResult> = serde_json::from_str(
            r#"{"q0":{"result":[{"id":"Q35493","name":"Almaty","score":98.5,"match":true,"description":"city in Kazakhstan","type":[{"id":"Q515","name":"city"}]}]}}"#,
        )
        .unwrap();
        let candidate = &answer["q0"].result[0];
        assert_eq!(candidate.id, "Q35493");
        assert!(candidate.matched);
        assert_eq!(candidate.description.as_deref(), Some("city in Kazakhstan"));
    }

    #[test]
    fn queries_are_written_as_the_specification_says() {
        let query = WireQuery {
            query: "Almaty",
            class: Some("Q515"),
            limit: 3,
            properties: vec![WireProperty {
                pid: "P17",
                v: "Q232",
            }],
        };
        assert_eq!(
            serde_json::to_string(&query).unwrap(),
            r#"{"query":"Almaty","type":"Q515","limit":3,"properties":[{"pid":"P17","v":"Q232"}]}"#
        );
    }
}
