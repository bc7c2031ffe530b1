//! The ontology page at `/ontology`: every class, property and individual of the cica-kg ontology
//! (`serve-ontology.rq`), each under an anchor named after its local name, so that a term's IRI
//! (`…/ontology#Summit`) leads to its entry.

use super::super::http::{Problem, Reply};
use super::super::state::{literal, named};
use super::super::State;
use super::{layout, rdf_links, reply, term};
use crate::vocab::{cica, owl, GraphKind};
use maud::html;
use oxigraph::model::NamedNode;
use std::collections::BTreeMap;

/// A term of the ontology.
#[derive(Debug, Default)]
struct Entry {
    kind: Option<NamedNode>,
    label: String,
    comment: Option<String>,
    parents: Vec<NamedNode>,
}

/// The kinds of term, in the order of the page, with their headings.
const KINDS: &[(&str, &str)] = &[
    ("Class", "Classes"),
    ("ObjectProperty", "Relations between entities"),
    ("DatatypeProperty", "Values"),
    ("AnnotationProperty", "Annotations"),
    ("Datatype", "Datatypes"),
    ("NamedIndividual", "Individuals"),
];

/// The terms of the ontology by local name.
fn entries(state: &State) -> Result<BTreeMap<String, Entry>, Problem> {
    let graph = state.iris().graph(GraphKind::Ontology);
    let rows = state.internal("serve-ontology", &[("graph", graph.into())])?;
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for row in &rows {
        let Some(term) = named(row, "term") else {
            continue;
        };
        let Some(local) = term.as_str().strip_prefix(cica::NAMESPACE) else {
            continue;
        };
        let entry = entries.entry(local.to_owned()).or_default();
        entry.kind = entry.kind.take().or_else(|| named(row, "kind"));
        entry.label = literal(row, "label").unwrap_or_default();
        entry.comment = literal(row, "comment");
        if let Some(parent) = named(row, "parent") {
            if !entry.parents.contains(&parent) {
                entry.parents.push(parent);
            }
        }
    }
    Ok(entries)
}

/// The ontology page.
pub fn page(state: &State) -> Result<Reply, Problem> {
    let entries = entries(state)?;
    let kind_of = |entry: &Entry| {
        let kind = entry.kind.as_ref().map_or("", |k| {
            k.as_str()
                .strip_prefix(owl::NAMESPACE)
                .or_else(|| k.as_str().strip_prefix(crate::vocab::RDFS))
                .unwrap_or("")
        });
        KINDS
            .iter()
            .position(|(k, _)| *k == kind)
            .unwrap_or(KINDS.len())
    };
    let main = html! {
        h1 { "The cica-kg ontology" }
        p {
            "The classes and properties of the graph, each refining a term of schema.org or "
            "another vocabulary. Namespace: " code { (cica::NAMESPACE) }
        }
        @for (index, (_, heading)) in KINDS.iter().enumerate() {
            h2 { (heading) }
            @for (local, entry) in entries.iter().filter(|(_, e)| kind_of(e) == index) {
                section id=(local) {
                    h3 { (entry.label) " " code.muted { "cica:" (local) } }
                    @if let Some(comment) = &entry.comment { p { (comment) } }
                    @if !entry.parents.is_empty() {
                        p.muted {
                            @if index == 0 { "A kind of: " } @else { "Refines: " }
                            @for (i, parent) in entry.parents.iter().enumerate() {
                                @if i > 0 { ", " }
                                (term(state, &parent.clone().into(), None))
                            }
                        }
                    }
                }
            }
        }
        (rdf_links("/ontology"))
    };
    Ok(reply(layout("Ontology", main)))
}
