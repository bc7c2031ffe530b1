//! The ontology is well formed: an owl:Ontology header with version, license and preferred
//! prefix; a label and a comment on every term; and every class and property the facts may
//! use (src/vocab.rs) is declared there.

use crate::common::{read, repo};
use cica_kg::vocab::{CICA, CLASSES, PROPERTIES};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

fn ontology() -> Vec<Triple> {
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(read(&repo().join("ontology/cica.ttl")).as_bytes())
        .map(|q| Triple::from(q.expect("ontology/cica.ttl parses")))
        .collect()
}

fn objects<'a>(triples: &'a [Triple], subject: &str, predicate: &str) -> Vec<&'a str> {
    triples
        .iter()
        .filter(|t| {
            t.subject.to_string() == format!("<{subject}>") && t.predicate.as_str() == predicate
        })
        .map(|t| match t.object.as_ref() {
            oxigraph::model::TermRef::NamedNode(n) => n.as_str(),
            oxigraph::model::TermRef::Literal(l) => l.value(),
            _ => "",
        })
        .collect()
}

#[test]
fn the_header_has_version_license_and_prefix() {
    let triples = ontology();
    let header = "https://w3id.org/cica-kg/ontology";
    assert_eq!(
        objects(&triples, header, RDF_TYPE),
        ["http://www.w3.org/2002/07/owl#Ontology"]
    );
    for predicate in [
        "http://www.w3.org/2002/07/owl#versionIRI",
        "http://www.w3.org/2002/07/owl#versionInfo",
        "http://purl.org/dc/terms/license",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.w3.org/2000/01/rdf-schema#comment",
    ] {
        assert_eq!(objects(&triples, header, predicate).len(), 1, "{predicate}");
    }
    assert_eq!(
        objects(
            &triples,
            header,
            "http://purl.org/vocab/vann/preferredNamespacePrefix"
        ),
        ["cica"]
    );
}

#[test]
fn every_term_has_a_label_and_a_comment() {
    let triples = ontology();
    let terms: Vec<String> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == RDF_TYPE)
        .map(|t| t.subject.to_string().trim_matches(['<', '>']).to_owned())
        .filter(|s| s.starts_with(CICA))
        .collect();
    assert!(terms.len() >= CLASSES.len() + PROPERTIES.len());
    for term in terms {
        for predicate in [
            "http://www.w3.org/2000/01/rdf-schema#label",
            "http://www.w3.org/2000/01/rdf-schema#comment",
        ] {
            let values = objects(&triples, &term, predicate);
            assert_eq!(values.len(), 1, "{term} needs exactly one {predicate}");
            assert!(
                !values[0].trim().is_empty(),
                "{term} has an empty {predicate}"
            );
        }
    }
}

#[test]
fn every_class_and_property_of_the_facts_is_declared() {
    let triples = ontology();
    for class in CLASSES {
        let iri = format!("{CICA}{class}");
        assert_eq!(
            objects(&triples, &iri, RDF_TYPE),
            ["http://www.w3.org/2002/07/owl#Class"],
            "{class}"
        );
    }
    for (property, kind) in PROPERTIES {
        let iri = format!("{CICA}{property}");
        let types = objects(&triples, &iri, RDF_TYPE);
        let expected = if *kind == cica_kg::vocab::ValueKind::Entity {
            "http://www.w3.org/2002/07/owl#ObjectProperty"
        } else {
            "http://www.w3.org/2002/07/owl#DatatypeProperty"
        };
        assert!(
            types.contains(&expected),
            "{property} should be an {expected}, is {types:?}"
        );
    }
}
