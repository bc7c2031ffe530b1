//! Other extractors (`cica-kg draft --extractor 'COMMAND'`): a program that reads one JSON
//! request on standard input (the text, the proposed source, the ontology's properties with
//! their domain, range, time-varying flag and cues, the known entities) and writes one JSON
//! response (`{"candidates": [...], "entities": [...]}`) on standard output. Its candidates
//! are checked exactly as the built-in drafter's (docs/draft-protocol.md, with its schema).

use super::cues::Knowledge;
use super::mentions::Known;
use super::source::ProposedSource;
use super::{Candidate, DraftEntity};
use crate::facts::Facts;
use crate::ontology::{Ontology, Schema};
use serde::Deserialize;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// The most an extractor may write (bytes): beyond it, its answer is refused.
pub(crate) const MAX_RESPONSE: u64 = 64 << 20;

/// Why an extractor's answer cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ExtractorError {
    /// It could not be started or talked to.
    #[error("the extractor '{command}' could not run: {why}")]
    Run {
        /// The command.
        command: String,
        /// What failed.
        why: String,
    },
    /// It exited with a failure.
    #[error("the extractor '{command}' failed ({status}): {stderr}")]
    Failed {
        /// The command.
        command: String,
        /// Its exit status.
        status: String,
        /// The end of what it wrote on standard error.
        stderr: String,
    },
    /// Its answer is not the protocol's JSON.
    #[error("the extractor '{command}' answered with something else than the protocol's JSON (docs/draft-protocol.md): {why}")]
    Answer {
        /// The command.
        command: String,
        /// What is wrong.
        why: String,
    },
}

/// An extractor's answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Its candidates.
    pub candidates: Vec<Candidate>,
    /// The new entities its candidates use.
    #[serde(default)]
    pub entities: Vec<DraftEntity>,
}

/// The request: the text, the source, the properties and the known entities.
pub fn request(
    text: &str,
    source: &ProposedSource,
    facts: &Facts,
    ontology: &Ontology,
) -> Result<Value, crate::ontology::OntologyError> {
    let knowledge = Knowledge::of(ontology)?;
    let properties: Vec<Value> = ontology
        .schema
        .property_names()
        .filter_map(|name| {
            let p = ontology.schema.property(name)?;
            let cues: Vec<&str> = knowledge.cues.get(name).into_iter().flatten().map(|c| c.text.as_str()).collect();
            Some(json!({"name": name, "kind": p.kind.key(), "domain": p.domain, "range": p.range, "time_varying": p.time_varying, "functional": p.functional, "cues": cues}))
        })
        .collect();
    let entities: Vec<Value> = facts.entities.iter().map(|e| json!({"id": e.id, "class": e.class, "label": e.label, "other_names": e.other_names})).collect();
    Ok(
        json!({"protocol": 1, "text": text, "source": source, "properties": properties, "entities": entities}),
    )
}

/// Runs `command` (with `sh -c`) on the request and reads its response.
pub fn run(command: &str, request: &Value) -> Result<Response, ExtractorError> {
    let fail = |why: String| ExtractorError::Run {
        command: command.to_owned(),
        why,
    };
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| fail(e.to_string()))?;
    let body = serde_json::to_vec(request).map_err(|e| fail(e.to_string()))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| fail("no standard input".into()))?;
    // Written from a thread, so that an extractor that answers before reading all cannot
    // block both sides.
    let writer = std::thread::spawn(move || stdin.write_all(&body));
    let mut stdout = Vec::new();
    let mut out = child
        .stdout
        .take()
        .ok_or_else(|| fail("no standard output".into()))?;
    let read = (&mut out).take(MAX_RESPONSE + 1).read_to_end(&mut stdout);
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.by_ref().take(1 << 20).read_to_string(&mut stderr);
    }
    if read.is_err() || stdout.len() as u64 > MAX_RESPONSE {
        let _ = child.kill();
    }
    let status = child.wait().map_err(|e| fail(e.to_string()))?;
    let _ = writer.join();
    read.map_err(|e| fail(e.to_string()))?;
    if stdout.len() as u64 > MAX_RESPONSE {
        return Err(ExtractorError::Answer {
            command: command.to_owned(),
            why: format!("more than {MAX_RESPONSE} bytes"),
        });
    }
    if !status.success() {
        let tail: String = stderr
            .trim()
            .chars()
            .rev()
            .take(500)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Err(ExtractorError::Failed {
            command: command.to_owned(),
            status: status.to_string(),
            stderr: tail,
        });
    }
    serde_json::from_slice(&stdout).map_err(|e| ExtractorError::Answer {
        command: command.to_owned(),
        why: e.to_string(),
    })
}

/// The entities an extractor's candidates may use: the data's, and its new ones. A new one
/// with an id of the data, a class entities may not have, or an id without its class's prefix
/// (`summit/...` for a `Summit`) is left out, so that the candidates that use it are dropped.
pub fn known(facts: &Facts, response: &Response, schema: &Schema) -> Vec<Known> {
    let mut known: Vec<Known> = facts.entities.iter().map(Known::of).collect();
    for e in &response.entities {
        let prefixed = schema.id_prefix(&e.class).is_some_and(|p| {
            e.id.strip_prefix(p)
                .is_some_and(|rest| rest.len() > 1 && rest.starts_with('/'))
        });
        if prefixed && !e.label.trim().is_empty() && !known.iter().any(|k| k.id == e.id) {
            known.push(Known {
                id: e.id.clone(),
                class: e.class.clone(),
                label: e.label.clone(),
                new: true,
            });
        }
    }
    known
}
