//! The home page: what the graph is, the source articles, counts, the timeline, every entity
//! by class, the named questions, and where programs get the data.

use super::super::http::{encode, Problem, Reply};
use super::super::state::{literal, named, number};
use super::super::State;
use super::{
    fact_anchor, href, layout, literal_words, quote_anchor, reply, search, term, timeline,
};
use crate::vocab::GraphKind;
use maud::{html, Markup};
use std::collections::BTreeMap;

/// The home page.
pub fn page(state: &State) -> Result<Reply, Problem> {
    let facts_graph = state.iris().graph(GraphKind::Facts);
    let entities = state.internal("serve-entities", &[("graph", facts_graph.into())])?;
    let mut classes: BTreeMap<String, Vec<(i64, String, String)>> = BTreeMap::new();
    for row in &entities {
        let (Some(entity), Some(label)) = (named(row, "entity"), literal(row, "label")) else {
            continue;
        };
        let class = literal(row, "classLabel").unwrap_or_else(|| "other".to_owned());
        let target = href(state, entity.as_str()).unwrap_or_default();
        let ordinal = number(row, "ordinal").unwrap_or(i64::MAX);
        classes
            .entry(class)
            .or_default()
            .push((ordinal, label, target));
    }
    // Summits by ordinal, the others by label.
    for members in classes.values_mut() {
        members.sort();
        members.dedup();
    }
    let count: usize = classes.values().map(Vec::len).sum();
    let events = timeline::events(state)?;
    let forum = events
        .iter()
        .find(|e| e.kind == "operation")
        .and_then(|e| href(state, e.entity.as_str()));
    let main = html! {
        h1 { "The CICA, as the news tells it" }
        p.lead {
            "A knowledge graph of what news articles say about the "
            @match &forum {
                Some(target) => a href=(target) { strong { "Conference on Interaction and Confidence Building Measures in Asia" } },
                None => strong { "Conference on Interaction and Confidence Building Measures in Asia" },
            }
            " (CICA): its origin, summits, members, mechanisms and secretariat. "
            "Each of its " (state.kg.facts().statements.len()) " facts about "
            (count) " entities comes with the exact words of the article that support it."
        }
        (search::form(""))
        (key_facts(state, &events)?)
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
                    ul { @for (_, label, target) in members.iter().take(SHOWN) { li { a href=(target) { (label) } } } }
                    @if members.len() > SHOWN {
                        p.muted { "and " (members.len() - SHOWN) " more: " a href=(search::address(class)) { "search" } " for them." }
                    }
                }
            }
        }
        (for_programs(state))
    };
    Ok(reply(layout("CICA knowledge graph", main)))
}

/// The most entities of a class listed on the home page; search finds the others.
const SHOWN: usize = 40;

/// The key facts: members and observers with their dates, the presidency since when, the
/// secretariat and its seat, the last summit; each linked to the fact and to its quote.
fn key_facts(state: &State, events: &[timeline::Event]) -> Result<Markup, Problem> {
    let rows = state.internal("serve-key-facts", &[])?;
    let fact = |key: &str| {
        rows.iter()
            .find(|r| literal(r, "key").as_deref() == Some(key))
    };
    let line = |key: &str, name: &str, since: &str| -> Markup {
        let Some(row) = fact(key) else {
            return html! {};
        };
        let (Some(subject), Some(property), Some(value)) = (
            named(row, "subject"),
            named(row, "property"),
            row.get("value"),
        ) else {
            return html! {};
        };
        let page = href(state, subject.as_str()).unwrap_or_default();
        let when = match row.get("when") {
            Some(oxigraph::model::Term::Literal(l)) => Some(literal_words(l)),
            _ => None,
        };
        let quote = match (named(row, "source"), number(row, "start")) {
            (Some(source), Some(start)) => href(state, source.as_str())
                .map(|a| format!("{a}#{}", quote_anchor(usize::try_from(start).unwrap_or(0)))),
            _ => None,
        };
        html! {
            tr {
                th scope="row" { (name) }
                td {
                    (term(state, value, literal(row, "valueLabel").as_deref()))
                    @if let Some(when) = when { " " (since) " " (when) }
                    " " a.anchor href={ (page) "#" (fact_anchor(&property, value)) } title="the fact" { "fact" }
                    @if let Some(quote) = quote { " · " a.anchor href=(quote) title="the words of the article" { "quote ↗" } }
                }
            }
        }
    };
    let last = events.iter().rfind(|e| e.kind == "summit");
    Ok(html! {
        section.key aria-label="Key facts" {
            h2 { "Key facts" }
            table.key {
                tbody {
                    (line("members", "Member states", "as of"))
                    (line("observers", "Observers", "as of"))
                    (line("presidency", "Presidency", "since"))
                    (line("secretariat", "Secretariat", ""))
                    (line("seat", "Seat of the secretariat", "since"))
                    @if let Some(summit) = last {
                        tr {
                            th scope="row" { "Last summit" }
                            td {
                                a href=(href(state, summit.entity.as_str()).unwrap_or_default()) { (summit.caption) }
                                @if let Some(place) = &summit.place { ", " (place) }
                                ", " (summit.date.words())
                                @if let Some(end) = summit.end { " to " (end.words()) }
                            }
                        }
                    }
                }
            }
        }
    })
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
