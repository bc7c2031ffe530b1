//! The shapes that restate the ontology (domains, ranges, irreflexive properties, the facts
//! that need a reified statement) say exactly what `ontology/cica.ttl` declares, and each rule
//! of `queries/checks/` lists the same properties as its shape: a property added to the
//! ontology without its shapes, or a shape that drifts from its rule, fails here.

use cica_kg::ontology;
use oxigraph::model::{NamedOrBlankNode, Term, Triple};
use std::collections::{BTreeMap, BTreeSet};

const CICA: &str = "https://w3id.org/cica-kg/ontology#";
const SHAPES: &str = "https://w3id.org/cica-kg/shapes#";
const SH: &str = "http://www.w3.org/ns/shacl#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS_RANGE: &str = "http://www.w3.org/2000/01/rdf-schema#range";
const OWL_OBJECT_PROPERTY: &str = "http://www.w3.org/2002/07/owl#ObjectProperty";

struct Shapes(Vec<Triple>);

impl Shapes {
    fn load() -> Self {
        Self(ontology::shipped_file("shapes.ttl").unwrap())
    }

    fn objects(&self, subject: &NamedOrBlankNode, predicate: &str) -> Vec<Term> {
        self.0
            .iter()
            .filter(|t| &t.subject == subject && t.predicate.as_str() == predicate)
            .map(|t| t.object.clone())
            .collect()
    }

    fn shape(local: &str) -> NamedOrBlankNode {
        oxigraph::model::NamedNode::new(format!("{SHAPES}{local}"))
            .unwrap()
            .into()
    }

    /// The local names of a shape's sh:targetSubjectsOf properties.
    fn targets(&self, shape: &NamedOrBlankNode) -> BTreeSet<String> {
        self.objects(shape, &format!("{SH}targetSubjectsOf"))
            .iter()
            .map(|t| cica_local(t).expect("a cica: property"))
            .collect()
    }

    /// The classes a shape requires: its sh:class, or those of the shapes of its sh:or.
    fn classes(&self, shape: &NamedOrBlankNode) -> BTreeSet<String> {
        let mut classes: BTreeSet<String> = self
            .objects(shape, &format!("{SH}class"))
            .iter()
            .filter_map(cica_local)
            .collect();
        for list in self.objects(shape, &format!("{SH}or")) {
            for member in self.list(list) {
                let member = NamedOrBlankNode::try_from(member).unwrap();
                classes.extend(self.classes(&member));
            }
        }
        classes
    }

    /// The local names of the properties of a shape's sh:path (one, or an alternative path).
    fn path(&self, shape: &NamedOrBlankNode) -> BTreeSet<String> {
        let mut path = BTreeSet::new();
        for p in self.objects(shape, &format!("{SH}path")) {
            match cica_local(&p) {
                Some(local) => {
                    path.insert(local);
                }
                None => {
                    let node = NamedOrBlankNode::try_from(p).unwrap();
                    for list in self.objects(&node, &format!("{SH}alternativePath")) {
                        path.extend(self.list(list).iter().filter_map(cica_local));
                    }
                }
            }
        }
        path
    }

    fn list(&self, mut cell: Term) -> Vec<Term> {
        let mut items = Vec::new();
        while let Ok(node) = NamedOrBlankNode::try_from(cell.clone()) {
            let Some(first) = self.objects(&node, &format!("{RDF}first")).pop() else {
                break;
            };
            items.push(first);
            cell = self.objects(&node, &format!("{RDF}rest")).pop().unwrap();
        }
        items
    }

    /// The named shapes whose local name ends with `suffix`.
    fn named(&self, suffix: &str) -> Vec<(String, NamedOrBlankNode)> {
        let names: BTreeSet<String> = self
            .0
            .iter()
            .filter_map(|t| match &t.subject {
                NamedOrBlankNode::NamedNode(n) => n.as_str().strip_prefix(SHAPES),
                _ => None,
            })
            .filter(|local| local.ends_with(suffix))
            .map(str::to_owned)
            .collect();
        names
            .into_iter()
            .map(|n| {
                let shape = Self::shape(&n);
                (n, shape)
            })
            .collect()
    }

    /// The cica: properties named in a SHACL-SPARQL shape's sh:select.
    fn select_properties(&self, shape: &NamedOrBlankNode) -> BTreeSet<String> {
        let mut properties = BTreeSet::new();
        for constraint in self.objects(shape, &format!("{SH}sparql")) {
            let constraint = NamedOrBlankNode::try_from(constraint).unwrap();
            for select in self.objects(&constraint, &format!("{SH}select")) {
                let Term::Literal(select) = select else {
                    panic!("sh:select is a literal")
                };
                for piece in select.value().split(&format!("<{CICA}")).skip(1) {
                    properties.insert(piece.split('>').next().unwrap().to_owned());
                }
            }
        }
        properties
    }
}

fn cica_local(term: &Term) -> Option<String> {
    match term {
        Term::NamedNode(n) => n.as_str().strip_prefix(CICA).map(str::to_owned),
        _ => None,
    }
}

/// The properties of the `VALUES ?property { ... }` block of a rule, or its one `BIND(cica:x
/// AS ?property)`.
fn rule_properties(shape: &str) -> BTreeSet<String> {
    let rule = cica_kg::validate::checks()
        .unwrap()
        .into_iter()
        .find(|c| c.shape == format!("{SHAPES}{shape}"))
        .unwrap_or_else(|| panic!("no rule for {shape}"));
    let block = match rule.text.split_once("VALUES ?property {") {
        Some((_, rest)) => rest.split('}').next().unwrap().to_owned(),
        None => rule
            .text
            .split_once("BIND(")
            .and_then(|(_, rest)| rest.split_once(" AS ?property"))
            .map(|(term, _)| term.to_owned())
            .unwrap_or_else(|| panic!("{}: no ?property list", rule.name)),
    };
    block
        .split_whitespace()
        .map(|t| {
            t.strip_prefix("cica:")
                .expect("cica: properties")
                .to_owned()
        })
        .collect()
}

#[test]
fn the_domain_shapes_are_the_ontology_domains() {
    let schema = &ontology::shipped().unwrap().schema;
    let shapes = Shapes::load();
    let mut expected: BTreeMap<BTreeSet<String>, BTreeSet<String>> = BTreeMap::new();
    for name in schema.property_names() {
        let domain = &schema.property(name).unwrap().domain;
        if !domain.is_empty() {
            let classes = domain.iter().cloned().collect();
            expected.entry(classes).or_default().insert(name.to_owned());
        }
    }
    let mut actual = BTreeMap::new();
    for (name, shape) in shapes.named("DomainShape") {
        let targets = shapes.targets(&shape);
        assert_eq!(
            rule_properties(&name),
            targets,
            "{name}: rule and shape differ"
        );
        assert!(
            actual.insert(shapes.classes(&shape), targets).is_none(),
            "{name}: two shapes for one domain"
        );
    }
    assert_eq!(actual, expected);
    assert!(expected.len() >= 9, "{expected:?}");
}

#[test]
fn the_range_shapes_are_the_ontology_ranges() {
    let triples = ontology::shipped().unwrap().triples();
    let object_properties: std::collections::HashSet<&NamedOrBlankNode> = triples
        .iter()
        .filter(|t| matches!(&t.object, Term::NamedNode(n) if n.as_str() == OWL_OBJECT_PROPERTY))
        .map(|t| &t.subject)
        .collect();
    let mut expected: BTreeMap<BTreeSet<String>, BTreeSet<String>> = BTreeMap::new();
    for t in &triples {
        if t.predicate.as_str() == RDFS_RANGE && object_properties.contains(&t.subject) {
            if let (NamedOrBlankNode::NamedNode(p), Some(class)) =
                (&t.subject, cica_local(&t.object))
            {
                let property = p.as_str().strip_prefix(CICA).unwrap().to_owned();
                // A statement's rank is the statement model's: cicash:StatementRankShape
                // requires one of the three ranks (sh:in), so it has no range shape of its own.
                if property == "rank" {
                    continue;
                }
                expected
                    .entry(BTreeSet::from([class]))
                    .or_default()
                    .insert(property);
            }
        }
    }
    let shapes = Shapes::load();
    let mut actual = BTreeMap::new();
    for (name, shape) in shapes.named("RangeShape") {
        let targets = shapes.targets(&shape);
        assert_eq!(
            shapes.path(&shape),
            targets,
            "{name}: targets and path differ"
        );
        assert_eq!(
            rule_properties(&name),
            targets,
            "{name}: rule and shape differ"
        );
        assert!(
            actual.insert(shapes.classes(&shape), targets).is_none(),
            "{name}: two shapes for one range"
        );
    }
    assert_eq!(actual, expected);
    assert!(expected.contains_key(&BTreeSet::from(["Country".to_owned()])));
}

#[test]
fn every_fact_property_needs_its_statement_and_irreflexive_ones_are_checked() {
    let schema = &ontology::shipped().unwrap().schema;
    let shapes = Shapes::load();
    let facts: BTreeSet<String> = schema.property_names().map(str::to_owned).collect();
    let shape = Shapes::shape("FactStatementShape");
    assert_eq!(shapes.targets(&shape), facts);
    assert_eq!(shapes.select_properties(&shape), facts);
    assert_eq!(rule_properties("FactStatementShape"), facts);
    let irreflexive: BTreeSet<String> = schema
        .property_names()
        .filter(|p| schema.property(p).unwrap().irreflexive)
        .map(str::to_owned)
        .collect();
    assert_eq!(
        irreflexive,
        BTreeSet::from(["alternatesWith", "followedBy", "follows"].map(str::to_owned))
    );
    let shape = Shapes::shape("IrreflexiveShape");
    assert_eq!(shapes.targets(&shape), irreflexive);
    assert_eq!(shapes.select_properties(&shape), irreflexive);
    assert_eq!(rule_properties("IrreflexiveShape"), irreflexive);
    // The checks are compiled in, with the shapes file.
    assert!(cica_kg::validate::checks()
        .unwrap()
        .iter()
        .any(|check| check.name == "fact-statement"));
}
