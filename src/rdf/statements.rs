//! Facts to quads, pure and without I/O:
//!
//! - the **facts** graph: each entity's class, labels, Wikidata link and note, and one triple
//!   per value of the best statements ([`crate::facts::best_statements`]) of each subject
//!   and property (`summit:1 cica:location place:almaty`);
//! - the **provenance** graph: each source article's record (title, publisher, editor, time,
//!   dateline, language), and for every statement an `rdf:Statement` (RDF 1.1 reification)
//!   that is also a `cica:Statement` (a `cica:BestStatement` if it is best), with its time
//!   (`cica:pointInTime`, `cica:startTime`, `cica:endTime`) and `cica:rank`, that is
//!   `prov:wasDerivedFrom` the article and has `cica:evidence`, a W3C Web Annotation
//!   `oa:SpecificResource` with an `oa:TextQuoteSelector` (the verbatim quote) and an
//!   `oa:TextPositionSelector` (its character offsets in the article).

use super::key::statement_key;
use super::select::Selection;
use crate::facts::{self, Date, Entity, Facts, Precision, Rank, Source, Statement, Value};
use crate::ontology::Schema;
use crate::vocab::{
    cica, dcterms, iso639, oa, owl, prov, rdf, rdfs, schema, skos, xsd, GraphKind, Iris,
};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use std::cell::LazyCell;
use std::ops::Deref;

/// The language tag of the English labels and texts.
const EN: &str = "en";

/// The quads of the facts and provenance graphs that `select` wants, made one entity,
/// statement or source at a time, so that a store or an export takes them without a copy of
/// them all in memory.
pub fn build<'a>(
    facts: &'a Facts,
    schema: &Schema,
    iris: &'a Iris,
    select: &'a dyn Selection,
) -> impl Iterator<Item = Quad> + 'a {
    let best = facts::best_statements(facts, schema);
    facts_graph(facts, best.clone(), iris, select)
        .chain(provenance_graph(facts, best, iris, select))
}

/// The quads of the facts graph that `select` wants: each entity's, then one per best
/// statement (`best`, one flag per statement: see [`facts::best_statements`]).
pub fn facts_graph<'a>(
    facts: &'a Facts,
    best: Vec<bool>,
    iris: &'a Iris,
    select: &'a dyn Selection,
) -> impl Iterator<Item = Quad> + 'a {
    let graph = GraphName::from(iris.graph(GraphKind::Facts));
    let entities = {
        let graph = graph.clone();
        facts
            .entities
            .iter()
            .flat_map(move |entity| each(&graph, select, |out| entity_quads(entity, iris, out)))
    };
    let statements = facts
        .statements
        .iter()
        .zip(best)
        .filter(|(_, best)| *best)
        .map(move |(statement, _)| {
            Quad::new(
                iris.entity(&statement.subject),
                cica::term(&statement.property),
                value(&statement.value, iris),
                graph.clone(),
            )
        })
        .filter(|quad| select.object(quad.predicate.as_ref(), quad.object.as_ref()));
    entities.chain(statements)
}

/// The quads of the provenance graph that `select` wants: each source's record, then each
/// statement's node (its time, rank and whether it is `best`) and evidence.
pub fn provenance_graph<'a>(
    facts: &'a Facts,
    best: Vec<bool>,
    iris: &'a Iris,
    select: &'a dyn Selection,
) -> impl Iterator<Item = Quad> + 'a {
    sources_provenance(facts, iris, select).chain(statements_provenance(
        facts,
        best,
        iris,
        select,
        |_| true,
    ))
}

/// The quads of the provenance graph about the sources: each one's record.
pub fn sources_provenance<'a>(
    facts: &'a Facts,
    iris: &'a Iris,
    select: &'a dyn Selection,
) -> impl Iterator<Item = Quad> + 'a {
    let graph = GraphName::from(iris.graph(GraphKind::Provenance));
    facts
        .sources
        .iter()
        .flat_map(move |source| each(&graph, select, |out| source_quads(source, iris, out)))
}

/// The quads of the provenance graph about the statements that `wanted` picks (by their
/// index in `facts.statements`): each one's node and evidence. No two statements share any
/// of these quads (each is about the statement's own node, named by its key).
pub fn statements_provenance<'a>(
    facts: &'a Facts,
    best: Vec<bool>,
    iris: &'a Iris,
    select: &'a dyn Selection,
    wanted: impl Fn(usize) -> bool + 'a,
) -> impl Iterator<Item = Quad> + 'a {
    let graph = GraphName::from(iris.graph(GraphKind::Provenance));
    facts
        .statements
        .iter()
        .zip(best)
        .enumerate()
        .filter(move |(index, _)| wanted(*index))
        .flat_map(move |(_, (statement, best))| {
            let id = &facts.sources[statement.source].id;
            each(&graph, select, |out| {
                provenance_quads(statement, id, best, iris, out)
            })
        })
}

/// About how many quads [`build`] makes (a little more, never much less).
pub fn estimated_len(facts: &Facts) -> usize {
    facts.entities.len() * 5 + facts.sources.len() * 10 + facts.statements.len() * 24
}

/// The quads `add` makes, in `graph`, that `select` wants.
fn each(
    graph: &GraphName,
    select: &dyn Selection,
    add: impl FnOnce(&mut Quads),
) -> std::vec::IntoIter<Quad> {
    let mut out = Quads {
        quads: Vec::new(),
        graph,
        select,
    };
    add(&mut out);
    out.quads.into_iter()
}

fn entity_quads(entity: &Entity, iris: &Iris, out: &mut Quads) {
    let s = LazyCell::new(|| iris.entity(&entity.id));
    out.push(&s, rdf::TYPE, || cica::term(&entity.class));
    out.push(&s, rdfs::LABEL, || english(&entity.label));
    for name in &entity.other_names {
        out.push(&s, skos::ALT_LABEL, || english(name));
    }
    if let Some(qid) = &entity.wikidata {
        out.push(&s, owl::SAME_AS, || qid.iri());
    }
    if let Some(note) = &entity.note {
        out.push(&s, skos::EDITORIAL_NOTE, || english(note));
    }
}

fn source_quads(source: &Source, iris: &Iris, out: &mut Quads) {
    let s = LazyCell::new(|| iris.source(&source.id));
    out.push_type(&s, schema::NEWS_ARTICLE);
    out.push_type(&s, prov::ENTITY);
    out.push(&s, dcterms::IDENTIFIER, || {
        Literal::from(source.id.as_str())
    });
    out.push(&s, dcterms::TITLE, || english(&source.title));
    out.push(&s, dcterms::PUBLISHER, || iris.entity(&source.publisher));
    out.push(&s, cica::EDITOR_NAME, || {
        Literal::from(source.editor.as_str())
    });
    out.push(&s, dcterms::ISSUED, || {
        Literal::new_typed_literal(&source.published, xsd::DATE_TIME)
    });
    out.push(&s, dcterms::LANGUAGE, || language(&source.language));
    if let Some(url) = &source.url {
        out.push(&s, schema::URL, || NamedNode::new_unchecked(url.as_str()));
    }
    out.push(&s, cica::DATELINE_PLACE, || {
        iris.entity(&source.dateline_place)
    });
    out.push(&s, cica::DATELINE_DATE, || date(&source.dateline_date));
}

fn provenance_quads(
    statement: &Statement,
    source_id: &str,
    best: bool,
    iris: &Iris,
    out: &mut Quads,
) {
    // Each IRI is minted when a quad that needs it is wanted: a store for a query about
    // summits wants none of these.
    let source = LazyCell::new(|| iris.source(source_id));
    let key = LazyCell::new(|| statement_key(statement, source_id));
    let node = LazyCell::new(|| iris.statement(&key, None));
    statement_model_quads(statement, &node, best, out);
    let evidence = LazyCell::new(|| iris.statement(&key, Some("evidence")));
    let quote = LazyCell::new(|| iris.statement(&key, Some("quote")));
    let position = LazyCell::new(|| iris.statement(&key, Some("position")));
    out.push_type(&node, rdf::STATEMENT);
    out.push(&node, rdf::SUBJECT, || iris.entity(&statement.subject));
    out.push(&node, rdf::PREDICATE, || cica::term(&statement.property));
    out.push(&node, rdf::OBJECT, || value(&statement.value, iris));
    out.push(&node, prov::WAS_DERIVED_FROM, || source.clone());
    out.push(&node, cica::EVIDENCE, || evidence.clone());
    out.push_type(&evidence, oa::SPECIFIC_RESOURCE);
    out.push(&evidence, oa::HAS_SOURCE, || source.clone());
    out.push(&evidence, oa::HAS_SELECTOR, || quote.clone());
    out.push(&evidence, oa::HAS_SELECTOR, || position.clone());
    out.push_type(&quote, oa::TEXT_QUOTE_SELECTOR);
    out.push(&quote, oa::EXACT, || {
        Literal::from(statement.quote.text.as_str())
    });
    out.push_type(&position, oa::TEXT_POSITION_SELECTOR);
    out.push(&position, oa::START, || count(statement.quote.start));
    out.push(&position, oa::END, || count(statement.quote.end));
}

/// What makes a statement a statement of its own, beyond its triple: its class, whether it
/// is best, its time (the qualifiers) and its rank.
fn statement_model_quads(
    statement: &Statement,
    node: &impl Deref<Target = NamedNode>,
    best: bool,
    out: &mut Quads,
) {
    out.push_type(node, cica::STATEMENT);
    if best {
        out.push_type(node, cica::BEST_STATEMENT);
    }
    let time = &statement.time;
    for (property, value) in [
        (cica::POINT_IN_TIME, &time.point_in_time),
        (cica::START_TIME, &time.start),
        (cica::END_TIME, &time.end),
    ] {
        if let Some(value) = value {
            out.push(node, property, || date(value));
        }
    }
    let rank = match statement.rank {
        Rank::Preferred => cica::PREFERRED_RANK,
        Rank::Normal => cica::NORMAL_RANK,
        Rank::Deprecated => cica::DEPRECATED_RANK,
    };
    out.push(node, cica::RANK, || rank.into_owned());
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
        Precision::Year => xsd::G_YEAR,
        Precision::Month => xsd::G_YEAR_MONTH,
        Precision::Day => xsd::DATE,
    };
    Literal::new_typed_literal(&date.lexical, datatype)
}

fn english(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, EN)
}

/// The language of a source: the Library of Congress IRI of its ISO 639-1 code (the primary
/// subtag of its checked BCP 47 tag).
fn language(tag: &str) -> NamedNode {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    iso639::language(&primary)
}

/// A character offset. The Web Annotation model types offsets as xsd:nonNegativeInteger, but
/// Oxigraph's store keeps every integer as xsd:integer, so they are written as such here rather
/// than changed silently on the way into the store.
fn count(n: usize) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}

/// Quads of one graph at a time, those `select` wants.
struct Quads<'s> {
    /// Empty, with no room taken, until a quad is wanted.
    quads: Vec<Quad>,
    graph: &'s GraphName,
    select: &'s dyn Selection,
}

impl Quads<'_> {
    /// Adds a quad if it is wanted: its object is made only if its predicate may be, and its
    /// subject only if both are.
    fn push<T: Into<Term>>(
        &mut self,
        subject: &impl Deref<Target = NamedNode>,
        predicate: NamedNodeRef<'_>,
        object: impl FnOnce() -> T,
    ) {
        if !self.select.predicate(predicate) {
            return;
        }
        let object = object().into();
        if self.select.object(predicate, object.as_ref()) {
            self.add(subject, predicate, object);
        }
    }

    /// Adds `subject rdf:type class` if it is wanted, the class made only then.
    fn push_type(&mut self, subject: &impl Deref<Target = NamedNode>, class: NamedNodeRef<'_>) {
        if self.select.predicate(rdf::TYPE) && self.select.object(rdf::TYPE, class.into()) {
            self.add(subject, rdf::TYPE, class.into_owned().into());
        }
    }

    fn add(
        &mut self,
        subject: &impl Deref<Target = NamedNode>,
        predicate: NamedNodeRef<'_>,
        object: Term,
    ) {
        // A statement makes up to 24 quads: room for them at once.
        if self.quads.capacity() == 0 {
            self.quads.reserve(24);
        }
        self.quads.push(Quad::new(
            NamedNode::clone(subject),
            predicate.into_owned(),
            object,
            self.graph.clone(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::parse_date;

    #[test]
    fn dates_are_typed_by_precision() {
        let month = parse_date("2002-06").unwrap();
        assert_eq!(
            date(&month).to_string(),
            "\"2002-06\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>"
        );
    }

    #[test]
    fn languages_are_iris() {
        assert_eq!(
            language("en-GB").as_str(),
            "http://id.loc.gov/vocabulary/iso639-1/en"
        );
    }
}
