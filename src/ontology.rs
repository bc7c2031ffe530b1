//! The shipped ontology, `ontology/cica.ttl`, parsed once per process, and the [`Schema`] the
//! facts are checked against, derived from it: which classes an entity may have (and the id
//! prefix of each), which properties a statement may use and the kind of value each takes.
//! The schema is written once, in the ontology; nothing here lists a class or a property.

use crate::embedded;
use crate::vocab::{cica, owl, rdf, rdfs, xsd};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, Term, Triple};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

/// The kind of value a property takes in the facts files, from its type and range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// `object = "place/astana"`: another entity (an `owl:ObjectProperty`).
    Entity,
    /// `text = "..."`: English text (range `rdf:langString`).
    Text,
    /// `date = "2002-06"`: a year, a month or a day (range `cica:Date` or `xsd:date`).
    Date,
    /// `integer = 27` (range `xsd:integer` or `xsd:nonNegativeInteger`).
    Integer,
    /// `boolean = true` (range `xsd:boolean`).
    Boolean,
}

impl ValueKind {
    /// The TOML key that carries a value of this kind.
    pub fn key(self) -> &'static str {
        match self {
            Self::Entity => "object",
            Self::Text => "text",
            Self::Date => "date",
            Self::Integer => "integer",
            Self::Boolean => "boolean",
        }
    }

    fn of_range(range: NamedNodeRef<'_>) -> Option<Self> {
        if range == rdf::LANG_STRING {
            Some(Self::Text)
        } else if range == cica::DATE || range == xsd::DATE {
            Some(Self::Date)
        } else if range == xsd::INTEGER || range == xsd::NON_NEGATIVE_INTEGER {
            Some(Self::Integer)
        } else if range == xsd::BOOLEAN {
            Some(Self::Boolean)
        } else {
            None
        }
    }
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A property a statement may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// The kind of its values.
    pub kind: ValueKind,
    /// It changes over time and holds one value at a time (`cica:timeVarying true`): each
    /// statement of it says when it holds, and the latest gives the direct triple.
    pub time_varying: bool,
    /// It has one value per subject (`owl:FunctionalProperty`): two different values disagree.
    pub functional: bool,
}

/// What the facts may say, as the ontology declares it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    /// Property local name -> what it takes.
    properties: BTreeMap<String, Property>,
    /// Class local name -> the id prefix of its instances (`summit`).
    classes: BTreeMap<String, String>,
}

impl Schema {
    /// The property with this local name, if statements may use it.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.get(name)
    }

    /// The local names of the properties statements may use, sorted.
    pub fn property_names(&self) -> impl Iterator<Item = &str> {
        self.properties.keys().map(String::as_str)
    }

    /// The id prefix of a class's instances, if entities may have the class.
    pub fn id_prefix(&self, class: &str) -> Option<&str> {
        self.classes.get(class).map(String::as_str)
    }

    /// The local names of the classes entities may have, sorted.
    pub fn class_names(&self) -> impl Iterator<Item = &str> {
        self.classes.keys().map(String::as_str)
    }

    /// The classes whose instances' ids start with `prefix`, sorted.
    pub fn classes_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> {
        self.classes
            .iter()
            .filter(move |(_, p)| *p == prefix)
            .map(|(c, _)| c.as_str())
    }

    /// The id prefixes of all classes, sorted and unique.
    pub fn id_prefixes(&self) -> BTreeSet<&str> {
        self.classes.values().map(String::as_str).collect()
    }

    /// Derives the schema from the ontology's triples: the `cica:` classes that have a
    /// `cica:idPrefix` (the classes entities may have), then the `cica:` properties whose
    /// value kind follows from their type and range and whose domain (and, for an object
    /// property, range), if named, is one of those classes, so that the properties the
    /// program writes about statements and sources are not offered to the facts.
    pub fn from_triples(triples: &[Triple]) -> Self {
        let mut schema = Schema::default();
        let typed = |class: NamedNodeRef<'static>| {
            let class = Term::from(class.into_owned());
            triples
                .iter()
                .filter(move |t| t.predicate == rdf::TYPE && t.object == class)
                .map(|t| &t.subject)
        };
        for subject in typed(owl::CLASS) {
            if let (Some(name), Some(Term::Literal(prefix))) = (
                local(subject),
                objects(triples, subject, cica::ID_PREFIX).next(),
            ) {
                schema
                    .classes
                    .insert(name.to_owned(), prefix.value().to_owned());
            }
        }
        let properties = typed(owl::OBJECT_PROPERTY)
            .map(|s| (s, true))
            .chain(typed(owl::DATATYPE_PROPERTY).map(|s| (s, false)));
        for (subject, is_object) in properties {
            let Some(name) = local(subject) else {
                continue;
            };
            let Some(kind) = schema.kind_of(triples, subject, is_object) else {
                continue;
            };
            let functional = Term::from(owl::FUNCTIONAL_PROPERTY.into_owned());
            let property = Property {
                kind,
                time_varying: objects(triples, subject, cica::TIME_VARYING).any(
                    |v| matches!(v, Term::Literal(l) if l.value() == "true" || l.value() == "1"),
                ),
                functional: objects(triples, subject, rdf::TYPE).any(|t| *t == functional),
            };
            schema.properties.insert(name.to_owned(), property);
        }
        schema
    }

    /// The kind of value a property takes in the facts files, or `None` when the facts
    /// may not use it: its domain or (for an object property) its range is a named class
    /// entities may not have.
    fn kind_of(
        &self,
        triples: &[Triple],
        subject: &NamedOrBlankNode,
        is_object: bool,
    ) -> Option<ValueKind> {
        let outside = |predicate| {
            objects(triples, subject, predicate).any(|class| match class {
                Term::NamedNode(class) => !class
                    .as_str()
                    .strip_prefix(cica::NAMESPACE)
                    .is_some_and(|local| self.classes.contains_key(local)),
                _ => false,
            })
        };
        if outside(rdfs::DOMAIN) {
            return None;
        }
        if is_object {
            return (!outside(rdfs::RANGE)).then_some(ValueKind::Entity);
        }
        objects(triples, subject, rdfs::RANGE).find_map(|range| match range {
            Term::NamedNode(range) => ValueKind::of_range(range.as_ref()),
            _ => None,
        })
    }
}

/// The local name of a `cica:` IRI.
fn local(node: &NamedOrBlankNode) -> Option<&str> {
    match node {
        NamedOrBlankNode::NamedNode(n) => n.as_str().strip_prefix(cica::NAMESPACE),
        _ => None,
    }
}

/// The objects of `subject`'s `predicate` triples.
fn objects<'a>(
    triples: &'a [Triple],
    subject: &'a NamedOrBlankNode,
    predicate: NamedNodeRef<'a>,
) -> impl Iterator<Item = &'a Term> + 'a {
    triples
        .iter()
        .filter(move |t| &t.subject == subject && t.predicate == predicate)
        .map(|t| &t.object)
}

/// The shipped ontology: its triples and the schema derived from them.
#[derive(Debug)]
pub struct Ontology {
    /// The triples of `ontology/cica.ttl`.
    pub triples: Vec<Triple>,
    /// What the facts may say.
    pub schema: Schema,
}

/// A file of `ontology/` that is missing from the build or does not parse: a defect of the
/// program, not of the user's input.
#[derive(Debug, thiserror::Error)]
#[error("the shipped ontology/{file} {why}")]
pub struct OntologyError {
    file: &'static str,
    why: String,
}

/// Parses a Turtle file shipped in `ontology/`.
pub fn shipped_file(file: &'static str) -> Result<Vec<Triple>, OntologyError> {
    let (_, text) = embedded::ONTOLOGY
        .iter()
        .find(|(name, _)| *name == file)
        .ok_or_else(|| OntologyError {
            file,
            why: "is missing from the build".to_owned(),
        })?;
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(text.as_bytes())
        .map(|quad| quad.map(Triple::from))
        .collect::<Result<_, _>>()
        .map_err(|e| OntologyError {
            file,
            why: format!("does not parse: {e}"),
        })
}

/// The shipped ontology, parsed on first use.
pub fn shipped() -> Result<&'static Ontology, OntologyError> {
    static ONTOLOGY: OnceLock<Result<Ontology, String>> = OnceLock::new();
    ONTOLOGY
        .get_or_init(|| {
            let triples = shipped_file("cica.ttl").map_err(|e| e.why)?;
            let schema = Schema::from_triples(&triples);
            Ok(Ontology { triples, schema })
        })
        .as_ref()
        .map_err(|why| OntologyError {
            file: "cica.ttl",
            why: why.clone(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::ENTITY_KINDS;

    #[test]
    fn the_schema_has_the_facts_properties_with_their_kinds() {
        let schema = &shipped().unwrap().schema;
        let kind = |p: &str| schema.property(p).map(|p| p.kind);
        assert_eq!(kind("location"), Some(ValueKind::Entity));
        assert_eq!(kind("startDate"), Some(ValueKind::Date));
        assert_eq!(kind("memberCount"), Some(ValueKind::Integer));
        assert_eq!(kind("hostedByPresidency"), Some(ValueKind::Boolean));
        assert_eq!(kind("shortName"), Some(ValueKind::Text));
        // Written by the program about statements and sources, not stated by the facts.
        assert_eq!(kind("evidence"), None);
        assert_eq!(kind("datelinePlace"), None);
        assert_eq!(kind("pointInTime"), None);
        assert_eq!(kind("rank"), None);
    }

    #[test]
    fn the_schema_knows_which_properties_change_over_time() {
        let schema = &shipped().unwrap().schema;
        let time_varying: Vec<&str> = schema
            .property_names()
            .filter(|p| schema.property(p).is_some_and(|p| p.time_varying))
            .collect();
        assert_eq!(
            time_varying,
            [
                "capital",
                "headquarters",
                "memberCount",
                "observerCount",
                "presidency"
            ]
        );
        let functional = |p: &str| schema.property(p).is_some_and(|p| p.functional);
        assert!(functional("ordinal") && functional("startDate") && functional("location"));
        assert!(!functional("role") && !functional("mechanism") && !functional("memberCount"));
    }

    #[test]
    fn every_class_has_an_id_prefix_of_a_known_kind() {
        let schema = &shipped().unwrap().schema;
        assert_eq!(schema.id_prefix("Summit"), Some("summit"));
        assert_eq!(schema.id_prefix("City"), Some("place"));
        let prefixes: Vec<&str> = schema.id_prefixes().into_iter().collect();
        assert_eq!(prefixes, ENTITY_KINDS);
    }
}
