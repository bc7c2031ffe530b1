//! The home page: what the graph is, the source articles, counts, the timeline, every entity
//! by class, the named questions, and where programs get the data.

use super::super::http::{encode, Problem, Reply};
use super::super::state::{literal, named};
use super::super::State;
use super::{href, layout, reply, timeline};
use crate::vocab::GraphKind;
use maud::{html, Markup};
use std::collections::BTreeMap;

/// The home page.
pub fn page(state: &State) -> Result<Reply, Problem> {
    let facts_graph = state.iris().graph(GraphKind::Facts);
    let entities = state.internal("serve-entities", &[("graph", facts_graph.into())])?;
    let mut classes: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for row in &entities {
        let (Some(entity), Some(label)) = (named(row, "entity"), literal(row, "label")) else {
            continue;
        };
        let class = literal(row, "classLabel").unwrap_or_else(|| "other".to_owned());
        let target = href(state, entity.as_str()).unwrap_or_default();
        classes.entry(class).or_default().push((label, target));
    }
    for members in classes.values_mut() {
        members.sort();
        members.dedup();
    }
    let count: usize = classes.values().map(Vec::len).sum();
    let main = html! {
        h1 { "The CICA, as the news tells it" }
        p.lead {
            "A knowledge graph of what news articles say about the "
            strong { "Conference on Interaction and Confidence Building Measures in Asia" }
            " (CICA): its origin, summits, members, mechanisms and secretariat. "
            "Each of its " (state.kg.facts().statements.len()) " facts about "
            (count) " entities comes with the exact words of the article that support it."
        }
        (sources(state)?)
        h2 { "Timeline" }
        (timeline::section(state)?)
        h2 { "Ask a question" }
        p { "Pick a question, or write your own SPARQL on the " a href="/query" { "query page" } "." }
        (super::query::questions(state))
        h2 { "Everything in the graph" }
        div.columns {
            @for (class, members) in &classes {
                section {
                    h3 { (class) }
                    ul { @for (label, target) in members { li { a href=(target) { (label) } } } }
                }
            }
        }
        (for_programs(state))
    };
    Ok(reply(layout("CICA knowledge graph", main)))
}

/// The source articles, each linked to its page.
fn sources(state: &State) -> Result<Markup, Problem> {
    let rows = state.internal("serve-sources", &[])?;
    Ok(html! {
        h2 { "Source" }
        ul {
            @for row in &rows {
                @let target = named(row, "source").and_then(|s| href(state, s.as_str())).unwrap_or_default();
                li {
                    a href=(target) { (literal(row, "title").unwrap_or_default()) }
                    ", " (literal(row, "publisher").unwrap_or_default())
                    ", published " (timeline::date_time_words(&literal(row, "issued").unwrap_or_default()))
                }
            }
        }
    })
}

/// The graphs and their sizes, and the machine interfaces.
fn for_programs(state: &State) -> Markup {
    html! {
        h2 { "For programs" }
        table {
            thead { tr { th { "Named graph" } th { "Triples" } th { "Download" } } }
            tbody {
                @for (graph, triples) in &state.graph_sizes {
                    @let store = format!("/store?{}", encode(&[("graph", graph.as_str())]));
                    tr {
                        td { code { (graph.as_str()) } }
                        td { (triples) }
                        td {
                            a href={ (store) "&format=turtle" } { "Turtle" } " · "
                            a href={ (store) "&format=ntriples" } { "N-Triples" }
                        }
                    }
                }
            }
        }
        p {
            "SPARQL 1.1 endpoint: " code { "/sparql" } " (GET or POST; its description at "
            a href="/sparql" { "/sparql" } "). Graph store: " code { "/store?graph=IRI" } ", "
            code { "/store?default" } ", and the whole dataset as "
            a href="/store?format=nquads" { "N-Quads" } " or " a href="/store?format=trig" { "TriG" } ". "
            "Every resource answers at its own address in Turtle, N-Triples, JSON-LD or RDF/XML; the "
            a href="/ontology" { "ontology" } " too."
        }
    }
}
