//! The JSON-LD context shipped in `ontology/context.jsonld`, read as a compactor needs it: its
//! default language, its prefixes (terms whose IRI ends with `/` or `#`), and for each IRI the
//! term that names it, with the term's type coercion and language. The entity prefixes
//! (`summit:`, `place:` ...) follow `--base`: the text is rewritten before it is read, so that
//! the context written into an export and the one used to compact it are the same.

use super::JsonLdError;
use crate::vocab::Iris;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The shipped context file.
pub const SHIPPED: &str = include_str!("../../../ontology/context.jsonld");

/// How a term reads a plain JSON string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coercion {
    /// As text (in the term's language).
    None,
    /// As an IRI (`"@type": "@id"`).
    Id,
    /// As a literal of this datatype.
    Datatype(String),
}

/// A term of the context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Its name.
    pub name: String,
    /// How it reads strings.
    pub coercion: Coercion,
    /// The language of its plain strings (`None`: no language, an `xsd:string`).
    pub language: Option<String>,
}

/// The context, ready to compact with.
#[derive(Debug, Clone)]
pub struct Context {
    /// The context file's text, entity prefixes following the base.
    pub text: String,
    /// The default language.
    pub language: Option<String>,
    /// Prefix name and namespace, longest namespace first.
    prefixes: Vec<(String, String)>,
    /// IRI -> the term that names it.
    terms: HashMap<String, Term>,
}

impl Context {
    /// The shipped context with the entity prefixes under the base of `iris`.
    pub fn shipped(iris: &Iris) -> Result<Self, JsonLdError> {
        let mut text = SHIPPED.to_owned();
        for ((_, default), (_, moved)) in Iris::default().prefixes().iter().zip(iris.prefixes()) {
            if *default != moved {
                text = text.replace(&json_string(default), &json_string(&moved));
            }
        }
        Self::parse(text)
    }

    /// Reads a context document `{"@context": {...}}`.
    pub fn parse(text: String) -> Result<Self, JsonLdError> {
        let bad = |why: &str| JsonLdError::Context(why.to_owned());
        let document: Value =
            serde_json::from_str(&text).map_err(|e| bad(&format!("not JSON: {e}")))?;
        let Some(Value::Object(definitions)) = document.get("@context") else {
            return Err(bad("no \"@context\" object"));
        };
        if document.as_object().map_or(0, Map::len) != 1 {
            return Err(bad("the document holds more than \"@context\""));
        }
        let language = match definitions.get("@language") {
            Some(Value::String(l)) => Some(l.clone()),
            _ => None,
        };
        let mut prefixes: Vec<(String, String)> = definitions
            .iter()
            .filter_map(|(name, value)| match value {
                Value::String(iri) if iri.ends_with(['/', '#']) && !name.starts_with('@') => {
                    Some((name.clone(), iri.clone()))
                }
                _ => None,
            })
            .collect();
        prefixes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        let mut context = Self {
            text,
            language,
            prefixes,
            terms: HashMap::new(),
        };
        for (name, value) in definitions {
            if name.starts_with('@') || context.prefixes.iter().any(|(p, _)| p == name) {
                continue;
            }
            let term = context
                .term(name, value)
                .map_err(|why| bad(&format!("term {name}: {why}")))?;
            let iri = term.0;
            let keep = context.terms.get(&iri).is_none_or(|t| t.name > term.1.name);
            if keep {
                context.terms.insert(iri, term.1);
            }
        }
        Ok(context)
    }

    /// Reads one term definition: its IRI and what it does.
    fn term(&self, name: &str, value: &Value) -> Result<(String, Term), String> {
        let (id, coercion, language) = match value {
            Value::String(id) => (id.as_str(), None, None),
            Value::Object(definition) => (
                definition
                    .get("@id")
                    .and_then(Value::as_str)
                    .ok_or("no \"@id\"")?,
                definition.get("@type"),
                definition.get("@language"),
            ),
            _ => return Err("neither a string nor an object".to_owned()),
        };
        let coercion = match coercion {
            None => Coercion::None,
            Some(Value::String(t)) if t == "@id" => Coercion::Id,
            Some(Value::String(t)) => Coercion::Datatype(self.expand(t)),
            Some(_) => return Err("a \"@type\" that is not a string".to_owned()),
        };
        let language = match language {
            None => self.language.clone(),
            Some(Value::Null) => None,
            Some(Value::String(l)) => Some(l.clone()),
            Some(_) => return Err("a \"@language\" that is not a string".to_owned()),
        };
        let term = Term {
            name: name.to_owned(),
            coercion,
            language,
        };
        Ok((self.expand(id), term))
    }

    /// A compact IRI (`prefix:local`) expanded with the prefixes; anything else as it is.
    pub fn expand(&self, iri: &str) -> String {
        if let Some((prefix, local)) = iri.split_once(':') {
            if let Some((_, namespace)) = self.prefixes.iter().find(|(p, _)| p == prefix) {
                return format!("{namespace}{local}");
            }
        }
        iri.to_owned()
    }

    /// The term that names `iri`, if any.
    pub fn term_for(&self, iri: &str) -> Option<&Term> {
        self.terms.get(iri)
    }

    /// `iri` as short as the context allows: a term's name when `vocab` (property names,
    /// types and datatypes), else or then `prefix:local` with the longest namespace, else the
    /// IRI itself. Blank nodes (`_:b`) stay as they are.
    pub fn compact_iri(&self, iri: &str, vocab: bool) -> String {
        if iri.starts_with("_:") {
            return iri.to_owned();
        }
        if vocab {
            if let Some(term) = self.terms.get(iri) {
                return term.name.clone();
            }
        }
        for (prefix, namespace) in &self.prefixes {
            if let Some(local) = iri.strip_prefix(namespace.as_str()) {
                if !local.is_empty() && !local.starts_with("//") {
                    return format!("{prefix}:{local}");
                }
            }
        }
        iri.to_owned()
    }
}

/// A string as a JSON string literal.
fn json_string(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::cica;

    #[test]
    fn the_shipped_context_reads() {
        let context = Context::shipped(&Iris::default()).unwrap();
        assert_eq!(context.language.as_deref(), Some("en"));
        let location = context.term_for(cica::term("location").as_str()).unwrap();
        assert_eq!(location.name, "location");
        assert_eq!(location.coercion, Coercion::Id);
        assert_eq!(
            context.compact_iri("https://w3id.org/cica-kg/place/almaty", false),
            "place:almaty"
        );
        let summit = cica::term("Summit");
        assert_eq!(context.compact_iri(summit.as_str(), true), "Summit");
        assert_eq!(context.compact_iri(summit.as_str(), false), "cica:Summit");
        assert_eq!(
            context.compact_iri("http://example.org/x", true),
            "http://example.org/x"
        );
    }

    #[test]
    fn entity_prefixes_follow_the_base() {
        let context = Context::shipped(&Iris::new("http://example.org/kg#").unwrap()).unwrap();
        assert!(context
            .text
            .contains("\"summit\": \"http://example.org/kg#summit/\""));
        assert!(context
            .text
            .contains("\"cica\": \"https://w3id.org/cica-kg/ontology#\""));
        assert_eq!(
            context.compact_iri("http://example.org/kg#summit/6", false),
            "summit:6"
        );
        assert_eq!(
            context.compact_iri("https://w3id.org/cica-kg/summit/6", false),
            "https://w3id.org/cica-kg/summit/6"
        );
    }
}
