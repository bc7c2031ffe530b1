//! The ontology files are what the program relies on: `ontology/cica.ttl` is an OWL 2 DL
//! vocabulary with a full header, a label, comment and `rdfs:isDefinedBy` on every term, one
//! kind per property, ranges that match that kind, and one `cica:idPrefix` per class, and it
//! names no Wikidata term; `ontology/cica-wikidata.ttl` maps cica terms to Wikidata with SKOS
//! mapping properties only; and the facts files use the ontology's properties with the value
//! kind that their type and range give, and its classes with their id prefixes.
//!
//! The files are read directly with Oxigraph's Turtle parser; the IRIs are spelled out here so
//! that the test does not depend on the program's own constants. Whether the ontology is in
//! the OWL 2 DL profile is asked of the OWL API (`tests/owl/DlProfile.java`).

use crate::common::{read, repo};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Term, Triple};
use std::collections::{BTreeMap, BTreeSet};

pub const CICA: &str = "https://w3id.org/cica-kg/ontology#";
const ONTOLOGY: &str = "https://w3id.org/cica-kg/ontology";

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const RDFS_COMMENT: &str = "http://www.w3.org/2000/01/rdf-schema#comment";
const RDFS_IS_DEFINED_BY: &str = "http://www.w3.org/2000/01/rdf-schema#isDefinedBy";
const RDFS_DOMAIN: &str = "http://www.w3.org/2000/01/rdf-schema#domain";
const RDFS_RANGE: &str = "http://www.w3.org/2000/01/rdf-schema#range";
const RDFS_SUB_CLASS_OF: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
const RDFS_SUB_PROPERTY_OF: &str = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf";
const RDFS_DATATYPE: &str = "http://www.w3.org/2000/01/rdf-schema#Datatype";
const OWL_ONTOLOGY: &str = "http://www.w3.org/2002/07/owl#Ontology";
const OWL_CLASS: &str = "http://www.w3.org/2002/07/owl#Class";
const OWL_OBJECT_PROPERTY: &str = "http://www.w3.org/2002/07/owl#ObjectProperty";
const OWL_DATATYPE_PROPERTY: &str = "http://www.w3.org/2002/07/owl#DatatypeProperty";
const OWL_ANNOTATION_PROPERTY: &str = "http://www.w3.org/2002/07/owl#AnnotationProperty";
const OWL_UNION_OF: &str = "http://www.w3.org/2002/07/owl#unionOf";
const OWL_VERSION_IRI: &str = "http://www.w3.org/2002/07/owl#versionIRI";
const OWL_VERSION_INFO: &str = "http://www.w3.org/2002/07/owl#versionInfo";
const RDF_FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
const RDF_REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
const RDF_NIL: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const VANN: &str = "http://purl.org/vocab/vann/";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// schema.org as Wikibase's RDF writes it: where Wikidata keeps descriptions.
const WIKIBASE_SCHEMA: &str = "http://schema.org/";
const WIKIDATA: &str = "http://www.wikidata.org/";
const WD: &str = "http://www.wikidata.org/entity/";
const WDT: &str = "http://www.wikidata.org/prop/direct/";
const PQ: &str = "http://www.wikidata.org/prop/qualifier/";
const WIKIBASE: &str = "http://wikiba.se/ontology#";

/// The classes of the statement model: their instances are statements and ranks, not
/// entities of the facts, so they have no id prefix.
const STATEMENT_CLASSES: [&str; 3] = ["Statement", "BestStatement", "Rank"];

/// The three kinds a property may have.
const PROPERTY_KINDS: [&str; 3] = [
    OWL_OBJECT_PROPERTY,
    OWL_DATATYPE_PROPERTY,
    OWL_ANNOTATION_PROPERTY,
];

/// The SKOS mapping properties.
const SKOS_MAPPINGS: [&str; 5] = [
    "exactMatch",
    "closeMatch",
    "broadMatch",
    "narrowMatch",
    "relatedMatch",
];

/// The properties whose values are dates.
const DATE_PROPERTIES: [&str; 10] = [
    "date",
    "startDate",
    "endDate",
    "inception",
    "operationStart",
    "proposedIn",
    "datelineDate",
    "pointInTime",
    "startTime",
    "endTime",
];

/// A parsed Turtle file, with look-ups by subject and predicate.
pub struct Graph {
    triples: Vec<Triple>,
}

impl Graph {
    fn parse(path: &str) -> Self {
        let text = read(&repo().join(path));
        let triples = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(text.as_bytes())
            .map(|q| Triple::from(q.unwrap_or_else(|e| panic!("{path} does not parse: {e}"))))
            .collect();
        Self { triples }
    }

    pub fn ontology() -> Self {
        Self::parse("ontology/cica.ttl")
    }

    fn mapping() -> Self {
        Self::parse("ontology/cica-wikidata.ttl")
    }

    /// The objects of `subject predicate ?`, `subject` an IRI or a blank node (`_:id`).
    fn objects(&self, subject: &str, predicate: &str) -> Vec<&Term> {
        self.triples
            .iter()
            .filter(|t| {
                node(&t.subject.clone().into()) == subject && t.predicate.as_str() == predicate
            })
            .map(|t| &t.object)
            .collect()
    }

    /// The IRIs, literal values or blank node ids of `subject predicate ?`, sorted.
    fn values(&self, subject: &str, predicate: &str) -> Vec<String> {
        let mut values: Vec<String> = self
            .objects(subject, predicate)
            .into_iter()
            .map(node)
            .collect();
        values.sort();
        values
    }

    /// The IRI subjects of `? rdf:type type`.
    fn typed(&self, type_: &str) -> BTreeSet<String> {
        self.triples
            .iter()
            .filter(|t| t.predicate.as_str() == RDF_TYPE && node(&t.object) == type_)
            .map(|t| node(&t.subject.clone().into()))
            .filter(|s| !s.starts_with("_:"))
            .collect()
    }

    /// Every IRI of the file, in any position.
    fn iris(&self) -> BTreeSet<String> {
        let mut iris = BTreeSet::new();
        for t in &self.triples {
            for term in [t.subject.clone().into(), t.object.clone()] {
                if let Term::NamedNode(n) = term {
                    iris.insert(n.as_str().to_owned());
                }
            }
            iris.insert(t.predicate.as_str().to_owned());
        }
        iris
    }

    /// The items of the RDF list whose head is `head`.
    fn list(&self, head: &str) -> Vec<String> {
        let mut items = Vec::new();
        let mut cell = head.to_owned();
        while cell != RDF_NIL {
            let first = self.values(&cell, RDF_FIRST);
            let rest = self.values(&cell, RDF_REST);
            assert!(
                first.len() == 1 && rest.len() == 1,
                "{cell} is not a well-formed RDF list cell"
            );
            items.push(first[0].clone());
            cell = rest[0].clone();
        }
        items
    }
}

/// An IRI as its string, a literal as its value, a blank node as `_:id`.
fn node(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// The cica terms the ontology declares (with any rdf:type).
pub fn cica_terms(ontology: &Graph) -> BTreeSet<String> {
    ontology
        .triples
        .iter()
        .filter(|t| t.predicate.as_str() == RDF_TYPE)
        .map(|t| node(&t.subject.clone().into()))
        .filter(|s| s.starts_with(CICA))
        .collect()
}

/// The cica properties: declared with one of the three property kinds.
fn cica_properties(ontology: &Graph) -> BTreeSet<String> {
    PROPERTY_KINDS
        .iter()
        .flat_map(|kind| ontology.typed(kind))
        .filter(|p| p.starts_with(CICA))
        .collect()
}

/// The kinds (object, datatype, annotation property) an IRI is declared with.
fn kinds(ontology: &Graph, iri: &str) -> Vec<String> {
    let types = ontology.values(iri, RDF_TYPE);
    types
        .into_iter()
        .filter(|t| PROPERTY_KINDS.contains(&t.as_str()))
        .collect()
}

/// A datatype: a built-in one of XML Schema, rdf:langString, or one the ontology declares.
fn is_datatype(ontology: &Graph, iri: &str) -> bool {
    iri.starts_with(XSD) || iri == RDF_LANG_STRING || ontology.typed(RDFS_DATATYPE).contains(iri)
}

/// A class description: a declared class, or a blank node that is the union of declared
/// classes.
fn is_class(ontology: &Graph, term: &str) -> bool {
    if term.starts_with("_:") {
        let unions = ontology.values(term, OWL_UNION_OF);
        return unions.len() == 1
            && ontology
                .list(&unions[0])
                .iter()
                .all(|c| is_class(ontology, c))
            && ontology.values(term, RDF_TYPE) == [OWL_CLASS];
    }
    ontology.typed(OWL_CLASS).contains(term)
}

/// The value kind of a facts statement, as the program derives it from the property's type
/// and range: `object`, `text`, `date`, `integer` or `boolean`.
fn value_kind(ontology: &Graph, property: &str) -> Option<&'static str> {
    let kinds = kinds(ontology, property);
    if kinds == [OWL_OBJECT_PROPERTY] {
        return Some("object");
    }
    if kinds != [OWL_DATATYPE_PROPERTY] {
        return None;
    }
    let ranges = ontology.values(property, RDFS_RANGE);
    match ranges.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [RDF_LANG_STRING] => Some("text"),
        [range] if range == format!("{CICA}Date") || range == format!("{XSD}date") => Some("date"),
        [range] if range == format!("{XSD}integer") => Some("integer"),
        [range] if range == format!("{XSD}boolean") => Some("boolean"),
        _ => None,
    }
}

/// The lower-case words of a camel-case local name: `memberCount` -> `member`, `count`.
fn words(local: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    for c in local.chars() {
        if c.is_uppercase() && !words.last().unwrap().is_empty() {
            words.push(String::new());
        }
        words.last_mut().unwrap().extend(c.to_lowercase());
    }
    words
}

#[test]
fn the_header_has_version_license_creator_and_prefix() {
    let ontology = Graph::ontology();
    assert_eq!(
        ontology.typed(OWL_ONTOLOGY),
        BTreeSet::from([ONTOLOGY.to_owned()])
    );
    let header = |predicate: &str| ontology.values(ONTOLOGY, predicate);
    assert_eq!(
        header(OWL_VERSION_IRI),
        [format!("{ONTOLOGY}/0.3.0")],
        "the version IRI names the version"
    );
    assert_eq!(header(OWL_VERSION_INFO), ["0.3.0"]);
    // "MIT OR Apache-2.0", as in Cargo.toml: two alternative SPDX licences.
    assert_eq!(
        header(&format!("{DCTERMS}license")),
        [
            "https://spdx.org/licenses/Apache-2.0",
            "https://spdx.org/licenses/MIT"
        ]
    );
    assert!(
        read(&repo().join("Cargo.toml")).contains("license = \"MIT OR Apache-2.0\""),
        "the ontology's licences follow Cargo.toml"
    );
    assert_eq!(
        header(&format!("{DCTERMS}creator")),
        ["cica-kg contributors"]
    );
    assert_eq!(header(&format!("{VANN}preferredNamespacePrefix")), ["cica"]);
    assert_eq!(header(&format!("{VANN}preferredNamespaceUri")), [CICA]);
    for predicate in [
        RDFS_LABEL,
        RDFS_COMMENT,
        &format!("{DCTERMS}title"),
        &format!("{DCTERMS}created"),
        &format!("{DCTERMS}modified"),
    ] {
        let values = header(predicate);
        assert_eq!(values.len(), 1, "the header needs exactly one {predicate}");
        assert!(
            !values[0].trim().is_empty(),
            "the header's {predicate} is empty"
        );
    }
}

#[test]
fn every_term_has_a_label_a_comment_and_its_ontology() {
    let ontology = Graph::ontology();
    let terms = cica_terms(&ontology);
    assert!(terms.len() >= 45, "only {} cica terms", terms.len());
    for term in &terms {
        for predicate in [RDFS_LABEL, RDFS_COMMENT] {
            let values = ontology.objects(term, predicate);
            assert_eq!(values.len(), 1, "{term} needs exactly one {predicate}");
            let Term::Literal(literal) = values[0] else {
                panic!("{term}: its {predicate} is not a literal");
            };
            assert_eq!(
                literal.language(),
                Some("en"),
                "{term}: {predicate} is not @en"
            );
            assert!(
                !literal.value().trim().is_empty(),
                "{term}: empty {predicate}"
            );
        }
        assert_eq!(
            ontology.values(term, RDFS_IS_DEFINED_BY),
            [ONTOLOGY],
            "{term} is rdfs:isDefinedBy the ontology"
        );
        // The label says the term's name: cica:date is "date", not "point in time".
        let label = ontology.values(term, RDFS_LABEL).remove(0).to_lowercase();
        let label_words: Vec<&str> = label.split(|c: char| !c.is_alphanumeric()).collect();
        for word in words(term.strip_prefix(CICA).unwrap()) {
            assert!(
                label_words.contains(&word.as_str()),
                "{term}: the label \"{label}\" does not say \"{word}\""
            );
        }
    }
}

#[test]
fn the_ontology_names_no_wikidata_term() {
    let text = read(&repo().join("ontology/cica.ttl"));
    assert!(
        !text.contains("wikidata.org"),
        "ontology/cica.ttl mentions a Wikidata IRI or prefix; mappings go to ontology/cica-wikidata.ttl"
    );
    for prefix in ["wd:", "wdt:", "p:", "ps:", "pq:"] {
        assert!(
            !text.contains(&format!("@prefix {prefix}")),
            "ontology/cica.ttl declares the prefix {prefix}"
        );
    }
    let ontology = Graph::ontology();
    let wikidata: Vec<String> = ontology
        .iris()
        .into_iter()
        .filter(|iri| iri.starts_with(WIKIDATA))
        .collect();
    assert!(
        wikidata.is_empty(),
        "Wikidata IRIs in ontology/cica.ttl: {wikidata:?}"
    );
    assert!(
        !text.contains("../"),
        "ontology/cica.ttl points outside the repository"
    );
}

#[test]
fn every_property_has_one_kind_and_a_range_of_that_kind() {
    let ontology = Graph::ontology();
    let properties = cica_properties(&ontology);
    assert!(
        properties.len() >= 40,
        "only {} cica properties",
        properties.len()
    );
    for property in &properties {
        let kinds = kinds(&ontology, property);
        assert_eq!(
            kinds.len(),
            1,
            "{property} has the kinds {kinds:?}; OWL 2 DL needs one"
        );
        let ranges = ontology.values(property, RDFS_RANGE);
        match kinds[0].as_str() {
            OWL_OBJECT_PROPERTY => {
                assert_eq!(ranges.len(), 1, "{property}: one rdfs:range");
                assert!(
                    is_class(&ontology, &ranges[0]),
                    "{property}: the range {} is not a declared class",
                    ranges[0]
                );
            }
            OWL_DATATYPE_PROPERTY => {
                assert_eq!(ranges.len(), 1, "{property}: one rdfs:range");
                assert!(
                    is_datatype(&ontology, &ranges[0]),
                    "{property}: the range {} is not a datatype",
                    ranges[0]
                );
            }
            _ => assert!(
                ranges.is_empty(),
                "{property}: an annotation property has no range"
            ),
        }
        for domain in ontology.values(property, RDFS_DOMAIN) {
            assert!(
                is_class(&ontology, &domain),
                "{property}: the domain {domain} is not a declared class"
            );
        }
        // A sub-property is of its super-property's kind.
        for parent in ontology.values(property, RDFS_SUB_PROPERTY_OF) {
            assert_eq!(
                self::kinds(&ontology, &parent),
                kinds,
                "{property} is a sub-property of {parent}, which is not declared of the same kind"
            );
        }
    }
    // The annotation properties of the ontology itself.
    for annotation in ["idPrefix", "timeVarying", "cue", "seriesStep"] {
        assert_eq!(
            kinds(&ontology, &format!("{CICA}{annotation}")),
            [OWL_ANNOTATION_PROPERTY],
            "cica:{annotation}"
        );
    }
    // Every property used in an axiom or an annotation is declared with exactly one kind,
    // external ones included (no punning between kinds).
    let used: BTreeSet<String> = ontology
        .triples
        .iter()
        .map(|t| t.predicate.as_str().to_owned())
        .filter(|p| !p.starts_with("http://www.w3.org/"))
        .chain(
            ontology
                .triples
                .iter()
                .filter(|t| t.predicate.as_str() == RDFS_SUB_PROPERTY_OF)
                .map(|t| node(&t.object)),
        )
        .collect();
    for property in used {
        assert_eq!(
            kinds(&ontology, &property).len(),
            1,
            "{property} is used in ontology/cica.ttl but not declared with exactly one kind"
        );
    }
}

#[test]
fn no_iri_is_both_a_class_and_a_property() {
    let ontology = Graph::ontology();
    let classes = ontology.typed(OWL_CLASS);
    let datatypes = ontology.typed(RDFS_DATATYPE);
    for kind in PROPERTY_KINDS {
        for property in ontology.typed(kind) {
            assert!(
                !classes.contains(&property),
                "{property} is a class and a property"
            );
            assert!(
                !datatypes.contains(&property),
                "{property} is a datatype and a property"
            );
        }
    }
    for class in &classes {
        assert!(
            !datatypes.contains(class),
            "{class} is a class and a datatype"
        );
    }
    // Every class used in a subclass axiom is declared.
    for t in &ontology.triples {
        if t.predicate.as_str() == RDFS_SUB_CLASS_OF {
            for class in [node(&t.subject.clone().into()), node(&t.object)] {
                assert!(
                    is_class(&ontology, &class),
                    "{class} is not a declared class"
                );
            }
        }
    }
}

#[test]
fn every_class_has_one_id_prefix() {
    let ontology = Graph::ontology();
    let classes: Vec<String> = ontology
        .typed(OWL_CLASS)
        .into_iter()
        .filter(|c| c.starts_with(CICA))
        .filter(|c| !STATEMENT_CLASSES.contains(&c.strip_prefix(CICA).unwrap()))
        .collect();
    let prefixes: BTreeMap<&str, String> = classes
        .iter()
        .map(|class| {
            let values = ontology.values(class, &format!("{CICA}idPrefix"));
            assert_eq!(values.len(), 1, "{class} needs exactly one cica:idPrefix");
            let prefix = values[0].clone();
            assert!(
                !prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{class}: the id prefix \"{prefix}\" is not a lower-case path segment"
            );
            (class.strip_prefix(CICA).unwrap(), prefix)
        })
        .collect();
    for (class, prefix) in [
        ("Summit", "summit"),
        ("City", "place"),
        ("Country", "place"),
        ("Continent", "place"),
        ("Organization", "organization"),
        ("Forum", "organization"),
        ("Secretariat", "organization"),
        ("AssemblySession", "event"),
        ("Relocation", "event"),
        ("Document", "document"),
        ("MeetingFormat", "mechanism"),
    ] {
        assert_eq!(
            prefixes.get(class).map(String::as_str),
            Some(prefix),
            "cica:{class}"
        );
    }
}

#[test]
fn dates_have_a_date_range() {
    let ontology = Graph::ontology();
    let date = format!("{CICA}Date");
    assert_eq!(ontology.values(&date, RDF_TYPE), [RDFS_DATATYPE]);
    assert_eq!(
        ontology.values(&date, RDFS_LABEL),
        ["date at the source's precision"]
    );
    for property in DATE_PROPERTIES {
        let iri = format!("{CICA}{property}");
        let ranges = ontology.values(&iri, RDFS_RANGE);
        assert!(
            ranges == [date.clone()] || ranges == [format!("{XSD}date")],
            "cica:{property} has the range {ranges:?}, not cica:Date or xsd:date"
        );
        assert_eq!(value_kind(&ontology, &iri), Some("date"), "cica:{property}");
    }
    // Every property with a date range is one of them.
    for property in cica_properties(&ontology) {
        if value_kind(&ontology, &property) == Some("date") {
            assert!(
                DATE_PROPERTIES.contains(&property.strip_prefix(CICA).unwrap()),
                "{property} has a date range but is not a known date property"
            );
        }
    }
}

#[test]
fn the_source_record_has_its_own_editor_name() {
    let ontology = Graph::ontology();
    let editor = format!("{CICA}editorName");
    assert_eq!(kinds(&ontology, &editor), [OWL_DATATYPE_PROPERTY]);
    assert_eq!(
        ontology.values(&editor, RDFS_RANGE),
        [format!("{XSD}string")]
    );
    assert_eq!(ontology.values(&editor, RDFS_LABEL), ["editor name"]);
    // dcterms:language takes an IRI, such as <http://id.loc.gov/vocabulary/iso639-1/en>.
    assert_eq!(
        kinds(&ontology, &format!("{DCTERMS}language")),
        [OWL_ANNOTATION_PROPERTY]
    );
}

#[test]
fn the_mapping_file_uses_skos_from_cica_terms_to_wikidata() {
    let ontology = Graph::ontology();
    let mapping = Graph::mapping();
    let terms = cica_terms(&ontology);
    let classes = ontology.typed(OWL_CLASS);
    // The statement model: the properties of a statement (its time is a qualifier in
    // Wikidata), its classes and its ranks.
    let statement = format!("{CICA}Statement");
    let qualifiers: BTreeSet<String> = ontology
        .triples
        .iter()
        .filter(|t| t.predicate.as_str() == RDFS_DOMAIN && node(&t.object) == statement)
        .map(|t| node(&t.subject.clone().into()))
        .collect();
    let statement_model: BTreeSet<String> = STATEMENT_CLASSES
        .iter()
        .map(|c| format!("{CICA}{c}"))
        .chain(ontology.typed(&format!("{CICA}Rank")))
        .chain([format!("{CICA}rank")])
        .collect();
    assert!(
        mapping.triples.len() >= 20,
        "only {} mappings",
        mapping.triples.len()
    );
    for t in &mapping.triples {
        let (subject, predicate, object) = (
            node(&t.subject.clone().into()),
            t.predicate.as_str(),
            node(&t.object),
        );
        let relation = predicate.strip_prefix(SKOS).unwrap_or(predicate);
        assert!(
            SKOS_MAPPINGS.contains(&relation),
            "{subject} {predicate}: not a SKOS mapping property"
        );
        assert!(
            terms.contains(&subject),
            "{subject} is mapped but is not a term of ontology/cica.ttl"
        );
        assert!(
            matches!(t.object, Term::NamedNode(_)),
            "{subject} is mapped to a literal or a blank node"
        );
        let expected = if statement_model.contains(&subject) {
            vec![WIKIBASE]
        } else if classes.contains(&subject) {
            vec![WD]
        } else if qualifiers.contains(&subject) {
            vec![PQ]
        } else {
            vec![WDT, WIKIBASE_SCHEMA]
        };
        assert!(
            expected.iter().any(|ns| object.starts_with(ns)),
            "{subject} is mapped to {object}, outside {expected:?}"
        );
        let id = object.rsplit('/').next().unwrap();
        if object.starts_with(WIKIDATA) {
            let (letter, digits) = id.split_at(1);
            assert!(
                (letter == "Q" || letter == "P")
                    && !digits.starts_with('0')
                    && !digits.is_empty()
                    && digits.chars().all(|c| c.is_ascii_digit()),
                "{object} is not a Wikidata ID"
            );
        }
    }
    // The mappings the programs rely on.
    let used = |subject: &str| {
        let mut objects = Vec::new();
        for relation in ["exactMatch", "broadMatch"] {
            objects
                .extend(mapping.values(&format!("{CICA}{subject}"), &format!("{SKOS}{relation}")));
        }
        objects
    };
    assert_eq!(used("City"), [format!("{WD}Q515")]);
    assert_eq!(used("Forum"), [format!("{WD}Q484652")]);
    assert_eq!(used("location"), [format!("{WDT}P276")]);
    assert_eq!(
        used("description"),
        [format!("{WIKIBASE_SCHEMA}description")]
    );
    assert_eq!(used("pointInTime"), [format!("{PQ}P585")]);
    assert_eq!(used("startTime"), [format!("{PQ}P580")]);
    assert_eq!(used("endTime"), [format!("{PQ}P582")]);
    // Dates are narrower than Wikidata's point in time, start and end time: not exact.
    for property in ["date", "startDate", "endDate"] {
        assert!(
            mapping
                .values(&format!("{CICA}{property}"), &format!("{SKOS}exactMatch"))
                .is_empty(),
            "cica:{property} is not the same as its Wikidata property"
        );
    }
    // A country holding the presidency does not preside as chairperson's (P488) values do.
    assert!(used("presidency").is_empty());
    assert_eq!(
        mapping.values(&format!("{CICA}presidency"), &format!("{SKOS}relatedMatch")),
        [format!("{WDT}P488")]
    );
    // Proposed by is not founded by (P112): a related match, which writes no claim.
    assert!(used("proposedBy").is_empty());
    assert_eq!(
        mapping.values(&format!("{CICA}proposedBy"), &format!("{SKOS}relatedMatch")),
        [format!("{WDT}P112")]
    );
}

#[test]
fn the_facts_use_declared_terms_with_their_kind_and_id_prefix() {
    let ontology = Graph::ontology();
    let facts: toml::Table = read(&repo().join("data/cica-backgrounder.toml"))
        .parse()
        .expect("data/cica-backgrounder.toml parses");
    let statements = facts["statement"].as_array().expect("[[statement]]");
    assert!(!statements.is_empty());
    for statement in statements {
        let property = statement["property"].as_str().unwrap();
        let iri = format!("{CICA}{property}");
        let kind = value_kind(&ontology, &iri)
            .unwrap_or_else(|| panic!("cica:{property} has no value kind (type and range)"));
        let keys: Vec<&str> = ["object", "text", "date", "integer", "boolean"]
            .into_iter()
            .filter(|k| statement.get(*k).is_some())
            .collect();
        assert_eq!(
            keys,
            [kind],
            "a cica:{property} statement takes a {kind} value"
        );
    }
    let entities: toml::Table = read(&repo().join("data/entities.toml"))
        .parse()
        .expect("data/entities.toml parses");
    for entity in entities["entity"].as_array().expect("[[entity]]") {
        let id = entity["id"].as_str().unwrap();
        let class = format!("{CICA}{}", entity["class"].as_str().unwrap());
        assert!(is_class(&ontology, &class), "{id}: {class} is not a class");
        let prefix = ontology.values(&class, &format!("{CICA}idPrefix"));
        assert_eq!(
            [id.split('/').next().unwrap()],
            prefix.as_slice(),
            "{id} does not start with the id prefix of {class}"
        );
    }
}
