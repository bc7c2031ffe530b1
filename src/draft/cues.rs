//! What the drafter knows about each property, read from the ontology rather than written in
//! Rust: its cues (`cica:cue`, words that signal it, with where its subject and value stand,
//! in `ontology/cues.ttl`) and its series step (`cica:seriesStep`); and each class's noun (the last word of its
//! `rdfs:label`: "summit", "session", "secretariat"), by which the text names its instances.

use crate::ontology::{self, Ontology, OntologyError};
use crate::vocab::{cica, rdfs};
use oxigraph::model::{NamedOrBlankNode, Term};
use std::collections::BTreeMap;

/// Where a subject or value stands with respect to a cue's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// On either side, the nearest.
    Either,
    /// Before the words: right before (`adjacent`), or anywhere before in the sentence.
    Before {
        /// At most one word away.
        adjacent: bool,
    },
    /// After the words.
    After {
        /// At most one word away.
        adjacent: bool,
    },
}

/// One cue of a property, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// As written in the ontology.
    pub text: String,
    /// Its words, lower case, in parts that a gap of a few words may separate ("moved … to").
    pub parts: Vec<Vec<String>>,
    /// Where the subject stands.
    pub subject: Side,
    /// Where the value stands.
    pub value: Side,
    /// A date near the value is when it starts to hold (`[start]`).
    pub starts: bool,
    /// A date near the value is when it stops holding (`[end]`).
    pub ends: bool,
}

impl Cue {
    /// Parses a cue: words, `{s}` and `{v}` markers (punctuation beside a marker is left
    /// out), `…` gaps and a trailing `[start]` or `[end]`.
    pub fn parse(text: &str) -> Option<Cue> {
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let mut parts: Vec<Vec<String>> = vec![Vec::new()];
        let (mut subject, mut value, mut starts, mut ends) =
            (Side::Either, Side::Either, false, false);
        for (i, token) in tokens.iter().enumerate() {
            let gap_before = i > 0 && (tokens[i - 1] == "…" || tokens[i - 1] == "...");
            let gap_after = tokens.get(i + 1).is_some_and(|t| *t == "…" || *t == "...");
            let words_seen = parts.iter().any(|p| !p.is_empty());
            let side = if words_seen {
                Side::After {
                    adjacent: !gap_before,
                }
            } else {
                Side::Before {
                    adjacent: !gap_after,
                }
            };
            match token.trim_matches([',', ';', ':']) {
                "{s}" => subject = side,
                "{v}" => value = side,
                "[start]" => starts = true,
                "[end]" => ends = true,
                "…" | "..." => {
                    if parts.last().is_some_and(|p| !p.is_empty()) {
                        parts.push(Vec::new());
                    }
                }
                word => parts.last_mut()?.extend(
                    word.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_lowercase),
                ),
            }
        }
        parts.retain(|p| !p.is_empty());
        (!parts.is_empty()).then(|| Cue {
            text: text.to_owned(),
            parts,
            subject,
            value,
            starts,
            ends,
        })
    }
}

/// The drafter's knowledge from the ontology.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    /// Property local name -> its cues.
    pub cues: BTreeMap<String, Vec<Cue>>,
    /// Property local name -> its series step.
    pub steps: BTreeMap<String, i64>,
    /// Class local name -> its noun, lower case.
    pub nouns: BTreeMap<String, String>,
    /// Class local name -> its label ("CICA summit"), for the labels of new entities.
    pub class_labels: BTreeMap<String, String>,
}

impl Knowledge {
    /// Reads the cues ([`ontology::shipped_cues`]), steps and class nouns of the ontology.
    pub fn of(ontology: &Ontology) -> Result<Self, OntologyError> {
        let mut knowledge = Knowledge::default();
        let local = |s: &NamedOrBlankNode| match s {
            NamedOrBlankNode::NamedNode(n) => {
                n.as_str().strip_prefix(cica::NAMESPACE).map(str::to_owned)
            }
            NamedOrBlankNode::BlankNode(_) => None,
        };
        let wanted =
            |p: oxigraph::model::NamedNodeRef<'_>| p == cica::SERIES_STEP || p == rdfs::LABEL;
        let cues = ontology::shipped_cues()?
            .iter()
            .filter(|t| t.predicate == cica::CUE);
        for triple in ontology.triples_with(wanted).into_iter().chain(cues) {
            let (Some(name), Term::Literal(literal)) = (local(&triple.subject), &triple.object)
            else {
                continue;
            };
            if triple.predicate == cica::CUE {
                if let Some(cue) = Cue::parse(literal.value()) {
                    knowledge.cues.entry(name).or_default().push(cue);
                }
            } else if triple.predicate == cica::SERIES_STEP {
                if let Ok(step) = literal.value().parse() {
                    knowledge.steps.insert(name, step);
                }
            } else if ontology.schema.id_prefix(&name).is_some() {
                if let Some(noun) = literal.value().split_whitespace().last() {
                    knowledge.nouns.insert(name.clone(), noun.to_lowercase());
                }
                knowledge
                    .class_labels
                    .insert(name, literal.value().to_owned());
            }
        }
        Ok(knowledge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_say_where_subject_and_value_stand() {
        let cue = Cue::parse("{v} member states").unwrap();
        assert_eq!(cue.parts, [["member", "states"]]);
        assert_eq!(cue.value, Side::Before { adjacent: true });
        assert_eq!(cue.subject, Side::Either);
        let cue = Cue::parse("moved … to {v} [start]").unwrap();
        assert_eq!(cue.parts, [vec!["moved"], vec!["to"]]);
        assert_eq!(cue.value, Side::After { adjacent: true });
        assert!(cue.starts);
        let cue = Cue::parse("held in … {v}").unwrap();
        assert_eq!(cue.value, Side::After { adjacent: false });
        let cue = Cue::parse("{v} city {s}").unwrap();
        assert_eq!(cue.subject, Side::After { adjacent: true });
        assert_eq!(cue.value, Side::Before { adjacent: true });
        assert!(Cue::parse("{v}").is_none());
        // A marker with punctuation beside it is still a marker, not the word "s".
        assert!(Cue::parse("{s}, {v}").is_none());
        let cue = Cue::parse("took over … from {v} [end]").unwrap();
        assert!(cue.ends && !cue.starts);
        assert_eq!(cue.parts, [vec!["took", "over"], vec!["from"]]);
    }

    #[test]
    fn the_shipped_ontology_gives_cues_steps_and_nouns() {
        let k = Knowledge::of(crate::ontology::shipped().unwrap()).unwrap();
        assert!(k.cues["memberCount"]
            .iter()
            .any(|c| c.text == "{v} member states"));
        assert_eq!(k.steps["followedBy"], 1);
        assert_eq!(k.nouns["Summit"], "summit");
        assert_eq!(k.nouns["AssemblySession"], "session");
    }
}
