//! Facts to triples: turns checked [`Facts`] into the quads of two named graphs, pure and
//! without I/O.
//!
//! - the **facts** graph: each entity's class, labels and Wikidata link, and one triple per
//!   statement (`summit:1 cica:location place:almaty`);
//! - the **provenance** graph: the source article's record (title, publisher, editor, time,
//!   dateline), and for every statement an `rdf:Statement` (RDF 1.1 reification) that is
//!   `prov:wasDerivedFrom` the article and has `cica:evidence`, a W3C Web Annotation
//!   `oa:SpecificResource` with an `oa:TextQuoteSelector` (the verbatim quote) and an
//!   `oa:TextPositionSelector` (its character offsets in the article).

use crate::facts::{Date, Facts, Precision, Statement, Value};
use crate::vocab::{self, terms, GraphName, Iris};
use oxigraph::model::{GraphName as OxGraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

/// The language tag of the English labels and texts.
const EN: &str = "en";

/// All the quads of the facts and provenance graphs.
pub fn build(facts: &Facts, iris: &Iris) -> Vec<Quad> {
    let mut out = Quads::default();
    let facts_graph = iris.graph(GraphName::Facts);
    let provenance = iris.graph(GraphName::Provenance);

    for entity in &facts.entities {
        let s = iris.entity(&entity.id);
        out.push(
            &s,
            terms::RDF_TYPE.into(),
            vocab::cica(&entity.class),
            &facts_graph,
        );
        out.push(
            &s,
            terms::RDFS_LABEL.into(),
            english(&entity.label),
            &facts_graph,
        );
        for name in &entity.other_names {
            out.push(
                &s,
                terms::SKOS_ALT_LABEL.into(),
                english(name),
                &facts_graph,
            );
        }
        if let Some(qid) = &entity.wikidata {
            out.push(&s, terms::OWL_SAME_AS.into(), vocab::wd(qid), &facts_graph);
        }
        if let Some(note) = &entity.note {
            out.push(
                &s,
                terms::SKOS_EDITORIAL_NOTE.into(),
                english(note),
                &facts_graph,
            );
        }
    }

    for source in &facts.sources {
        let s = iris.source(&source.id);
        let g = &provenance;
        out.push(
            &s,
            terms::RDF_TYPE.into(),
            terms::SCHEMA_NEWS_ARTICLE.into_owned(),
            g,
        );
        out.push(
            &s,
            terms::RDF_TYPE.into(),
            terms::PROV_ENTITY.into_owned(),
            g,
        );
        out.push(
            &s,
            terms::DCTERMS_IDENTIFIER.into(),
            Literal::from(source.id.as_str()),
            g,
        );
        out.push(&s, terms::DCTERMS_TITLE.into(), english(&source.title), g);
        out.push(
            &s,
            terms::DCTERMS_PUBLISHER.into(),
            iris.entity(&source.publisher),
            g,
        );
        out.push(
            &s,
            terms::SCHEMA_EDITOR.into(),
            Literal::from(source.editor.as_str()),
            g,
        );
        out.push(
            &s,
            terms::DCTERMS_ISSUED.into(),
            Literal::new_typed_literal(&source.published, terms::XSD_DATE_TIME),
            g,
        );
        out.push(
            &s,
            terms::DCTERMS_LANGUAGE.into(),
            Literal::from(source.language.as_str()),
            g,
        );
        out.push(
            &s,
            vocab::cica("datelinePlace"),
            iris.entity(&source.dateline_place),
            g,
        );
        out.push(
            &s,
            vocab::cica("datelineDate"),
            date(&source.dateline_date),
            g,
        );
    }

    for statement in &facts.statements {
        let subject = iris.entity(&statement.subject);
        let predicate = vocab::cica(&statement.property);
        let object = value(&statement.value, iris);
        out.push(&subject, predicate.clone(), object.clone(), &facts_graph);

        let key = statement_key(statement);
        let node = iris.statement(&key, None);
        let evidence = iris.statement(&key, Some("evidence"));
        let quote = iris.statement(&key, Some("quote"));
        let position = iris.statement(&key, Some("position"));
        let source = iris.source(&facts.sources[statement.source].id);
        let g = &provenance;
        out.push(
            &node,
            terms::RDF_TYPE.into(),
            terms::RDF_STATEMENT.into_owned(),
            g,
        );
        out.push(&node, terms::RDF_SUBJECT.into(), subject, g);
        out.push(&node, terms::RDF_PREDICATE.into(), predicate, g);
        out.push(&node, terms::RDF_OBJECT.into(), object, g);
        out.push(
            &node,
            terms::PROV_WAS_DERIVED_FROM.into(),
            source.clone(),
            g,
        );
        out.push(&node, vocab::cica("evidence"), evidence.clone(), g);
        out.push(
            &evidence,
            terms::RDF_TYPE.into(),
            terms::OA_SPECIFIC_RESOURCE.into_owned(),
            g,
        );
        out.push(&evidence, terms::OA_HAS_SOURCE.into(), source, g);
        out.push(&evidence, terms::OA_HAS_SELECTOR.into(), quote.clone(), g);
        out.push(
            &evidence,
            terms::OA_HAS_SELECTOR.into(),
            position.clone(),
            g,
        );
        out.push(
            &quote,
            terms::RDF_TYPE.into(),
            terms::OA_TEXT_QUOTE_SELECTOR.into_owned(),
            g,
        );
        out.push(
            &quote,
            terms::OA_EXACT.into(),
            Literal::from(statement.quote.text.as_str()),
            g,
        );
        out.push(
            &position,
            terms::RDF_TYPE.into(),
            terms::OA_TEXT_POSITION_SELECTOR.into_owned(),
            g,
        );
        out.push(
            &position,
            terms::OA_START.into(),
            count(statement.quote.start),
            g,
        );
        out.push(
            &position,
            terms::OA_END.into(),
            count(statement.quote.end),
            g,
        );
    }
    out.0
}

/// A stable key for a statement, independent of the base IRI and of file order: a 64-bit
/// FNV-1a hash of its subject, property and value, in hex.
pub fn statement_key(statement: &Statement) -> String {
    let value = match &statement.value {
        Value::Entity(id) => format!("entity:{id}"),
        Value::Text(text) => format!("text:{text}"),
        Value::Date(d) => format!("date:{}", d.lexical),
        Value::Integer(n) => format!("integer:{n}"),
        Value::Boolean(b) => format!("boolean:{b}"),
    };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{}\n{}\n{value}", statement.subject, statement.property).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The RDF term of a statement's value.
pub fn value(value: &Value, iris: &Iris) -> Term {
    match value {
        Value::Entity(id) => iris.entity(id).into(),
        Value::Text(text) => english(text).into(),
        Value::Date(d) => date(d).into(),
        Value::Integer(n) => Literal::from(*n).into(),
        Value::Boolean(b) => Literal::from(*b).into(),
    }
}

/// A date typed by its precision: `xsd:gYear`, `xsd:gYearMonth` or `xsd:date`.
pub fn date(date: &Date) -> Literal {
    let datatype = match date.precision {
        Precision::Year => terms::XSD_G_YEAR,
        Precision::Month => terms::XSD_G_YEAR_MONTH,
        Precision::Day => terms::XSD_DATE,
    };
    Literal::new_typed_literal(&date.lexical, datatype)
}

fn english(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, EN)
}

/// A character offset. The Web Annotation model types offsets as xsd:nonNegativeInteger, but
/// Oxigraph's store keeps every integer as xsd:integer, so they are written as such here rather
/// than changed silently on the way into the store.
fn count(n: usize) -> Literal {
    Literal::new_typed_literal(n.to_string(), terms::XSD_INTEGER)
}

#[derive(Default)]
struct Quads(Vec<Quad>);

impl Quads {
    fn push(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNode,
        object: impl Into<Term>,
        graph: &NamedNode,
    ) {
        self.0.push(Quad::new(
            NamedOrBlankNode::from(subject.clone()),
            predicate,
            object,
            OxGraphName::from(graph.clone()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Origin, Quote};

    fn statement(property: &str, value: Value) -> Statement {
        Statement {
            subject: "summit/1".into(),
            property: property.into(),
            value,
            quote: Quote {
                text: "June 2002".into(),
                start: 3,
                end: 12,
            },
            source: 0,
            origin: Origin {
                file: "f".into(),
                line: 1,
                column: 1,
            },
        }
    }

    #[test]
    fn keys_differ_by_value_and_do_not_depend_on_the_base() {
        let a = statement("date", Value::Integer(1));
        let b = statement("date", Value::Integer(2));
        assert_ne!(statement_key(&a), statement_key(&b));
        assert_eq!(statement_key(&a).len(), 16);
    }

    #[test]
    fn dates_are_typed_by_precision() {
        let month = crate::facts::parse_date("2002-06").unwrap();
        assert_eq!(
            date(&month).to_string(),
            "\"2002-06\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>"
        );
    }
}
