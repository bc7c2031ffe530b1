//! The [`Schema`] the facts are checked against, derived from the ontology's triples: which
//! classes an entity may have (the id prefix of each, and its superclasses), which properties
//! a statement may use, the kind of value each takes, the classes of its subject (domain) and
//! object (range), and whether it may relate an entity to itself.
//! The schema is written once, in the ontology; nothing here lists a class or a property.

use crate::vocab::{cica, owl, rdf, rdfs, xsd};
use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, Term, Triple};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

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
    /// The classes its subject must have one of (its `rdfs:domain`, or the members of an
    /// `owl:unionOf` domain); empty when it has no domain.
    pub domain: Vec<String>,
    /// The class its object must have (the `rdfs:range` of an object property).
    pub range: Option<String>,
    /// Whether it never relates an entity to itself (`owl:IrreflexiveProperty`).
    pub irreflexive: bool,
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
    /// Class local name -> its direct `cica:` superclasses (`rdfs:subClassOf`).
    superclasses: BTreeMap<String, Vec<String>>,
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

    /// Whether an entity of `class` is a `wanted`: the same class, or a subclass of it.
    pub fn is_a(&self, class: &str, wanted: &str) -> bool {
        if class == wanted {
            return true;
        }
        let mut seen = BTreeSet::new();
        let mut todo = vec![class];
        while let Some(class) = todo.pop() {
            if class == wanted {
                return true;
            }
            if seen.insert(class) {
                if let Some(parents) = self.superclasses.get(class) {
                    todo.extend(parents.iter().map(String::as_str));
                }
            }
        }
        false
    }

    /// The classes that are a `wanted` (itself and its subclasses), sorted.
    pub fn classes_that_are<'a>(&'a self, wanted: &'a str) -> impl Iterator<Item = &'a str> {
        self.class_names().filter(move |c| self.is_a(c, wanted))
    }

    /// The id prefixes of all classes, sorted and unique.
    pub fn id_prefixes(&self) -> BTreeSet<&str> {
        self.classes.values().map(String::as_str).collect()
    }

    /// Derives the schema from the ontology's triples: the `cica:` classes that have a `cica:idPrefix` (the
    /// classes entities may have), then the `cica:` properties whose value kind follows from
    /// their type and range and whose domain (and, for an object property, range), if named,
    /// is one of those classes, so that the properties the program writes about statements
    /// and sources are not offered to the facts.
    pub fn from_triples(triples: &[&Triple]) -> Self {
        let mut schema = Schema::default();
        let index = by_subject(triples);
        let index = &index;
        let typed = |class: NamedNodeRef<'static>| {
            let class = Term::from(class.into_owned());
            triples
                .iter()
                .filter(move |t| t.predicate == rdf::TYPE && t.object == class)
                .map(|t| &t.subject)
        };
        for subject in typed(owl::CLASS) {
            let Some(name) = local(subject) else {
                continue;
            };
            if let Some(Term::Literal(prefix)) = objects(index, subject, cica::ID_PREFIX).next() {
                schema
                    .classes
                    .insert(name.to_owned(), prefix.value().to_owned());
            }
            let parents = objects(index, subject, rdfs::SUB_CLASS_OF)
                .filter_map(cica_local)
                .map(str::to_owned)
                .collect();
            schema.superclasses.insert(name.to_owned(), parents);
        }
        let properties = typed(owl::OBJECT_PROPERTY)
            .map(|s| (s, true))
            .chain(typed(owl::DATATYPE_PROPERTY).map(|s| (s, false)));
        for (subject, is_object) in properties {
            let Some(name) = local(subject) else {
                continue;
            };
            let Some(kind) = schema.kind_of(index, subject, is_object) else {
                continue;
            };
            let functional = Term::from(owl::FUNCTIONAL_PROPERTY.into_owned());
            let irreflexive = Term::from(owl::IRREFLEXIVE_PROPERTY.into_owned());
            let property = Property {
                kind,
                domain: domain(index, subject),
                range: objects(index, subject, rdfs::RANGE)
                    .filter(|_| kind == ValueKind::Entity)
                    .find_map(cica_local)
                    .map(str::to_owned),
                irreflexive: objects(index, subject, rdf::TYPE).any(|t| *t == irreflexive),
                time_varying: objects(index, subject, cica::TIME_VARYING).any(
                    |v| matches!(v, Term::Literal(l) if l.value() == "true" || l.value() == "1"),
                ),
                functional: objects(index, subject, rdf::TYPE).any(|t| *t == functional),
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
        index: &BySubject<'_>,
        subject: &NamedOrBlankNode,
        is_object: bool,
    ) -> Option<ValueKind> {
        let outside = |predicate| {
            objects(index, subject, predicate).any(|class| match class {
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
        objects(index, subject, rdfs::RANGE).find_map(|range| match range {
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

/// The local name of a `cica:` IRI term.
fn cica_local(term: &Term) -> Option<&str> {
    match term {
        Term::NamedNode(n) => n.as_str().strip_prefix(cica::NAMESPACE),
        _ => None,
    }
}

/// The `cica:` classes of a property's domain: its `rdfs:domain`, or the members of the
/// `owl:unionOf` list of a blank-node domain.
fn domain(index: &BySubject<'_>, property: &NamedOrBlankNode) -> Vec<String> {
    let mut classes = Vec::new();
    for domain in objects(index, property, rdfs::DOMAIN) {
        match domain {
            Term::BlankNode(b) => {
                let union = NamedOrBlankNode::from(b.clone());
                let mut list = objects(index, &union, owl::UNION_OF).next().cloned();
                while let Some(Term::BlankNode(cell)) = list {
                    let cell = NamedOrBlankNode::from(cell);
                    classes.extend(
                        objects(index, &cell, rdf::FIRST)
                            .filter_map(cica_local)
                            .map(str::to_owned),
                    );
                    list = objects(index, &cell, rdf::REST).next().cloned();
                }
            }
            other => classes.extend(cica_local(other).map(str::to_owned)),
        }
    }
    classes
}

/// The objects of `subject`'s `predicate` triples.
fn objects<'a>(
    index: &'a BySubject<'a>,
    subject: &'a NamedOrBlankNode,
    predicate: NamedNodeRef<'a>,
) -> impl Iterator<Item = &'a Term> + 'a {
    index
        .get(subject)
        .into_iter()
        .flatten()
        .filter(move |t| t.predicate == predicate)
        .map(|t| &t.object)
}

/// The triples of each subject: the schema asks hundreds of questions of a few hundred
/// triples, each about one subject.
type BySubject<'a> = HashMap<&'a NamedOrBlankNode, Vec<&'a Triple>>;

fn by_subject<'a>(triples: &[&'a Triple]) -> BySubject<'a> {
    let mut index: BySubject<'a> = HashMap::new();
    for triple in triples {
        index.entry(&triple.subject).or_default().push(triple);
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::shipped;
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
    fn properties_have_the_domain_and_range_the_ontology_declares() {
        let schema = &shipped().unwrap().schema;
        let presidency = schema.property("presidency").unwrap();
        assert_eq!(presidency.domain, ["Organization"]);
        assert_eq!(presidency.range.as_deref(), Some("Country"));
        let aim = schema.property("aim").unwrap();
        assert_eq!(aim.domain, ["Organization", "Document"]);
        assert_eq!(aim.range, None);
        assert!(schema.property("description").unwrap().domain.is_empty());
        assert!(schema.property("follows").unwrap().irreflexive);
        assert!(!schema.property("capital").unwrap().irreflexive);
        assert!(schema.is_a("Forum", "Organization"));
        assert!(schema.is_a("Summit", "Event"));
        assert!(!schema.is_a("City", "Country"));
        let organizations: Vec<&str> = schema.classes_that_are("Organization").collect();
        assert_eq!(organizations, ["Forum", "Organization", "Secretariat"]);
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
