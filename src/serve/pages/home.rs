//! The home page: what the graph is, the source articles, counts, the timeline, every entity
//! by class, the named questions, and where programs get the data.

use super::super::http::{encode, Problem, Reply};
use super::super::state::{literal, named, number};
use super::super::State;
use super::{
    fact_anchor, href, layout, lists, literal_words, quote_anchor, reply, search, term, timeline,
};
use crate::vocab::cica;
use maud::{html, Markup, PreEscaped};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QuerySolution;

/// The home page, rendered once (the graph does not change while the server runs).
pub fn page(state: &State) -> Result<Reply, Problem> {
    let html = state
        .home
        .get_or_init(|| render(state).map(Markup::into_string))
        .clone()?;
    Ok(reply(PreEscaped(html)))
}

fn render(state: &State) -> Result<Markup, Problem> {
    let lists = lists::lists(state)?;
    let count = lists.entities();
    let events = &lists.events;
    let forum = events
        .iter()
        .find(|e| e.kind == "operation")
        .and_then(|e| href(state, e.entity.as_str()));
    // The list of the class of the summits, for the timeline's counts by year.
    let every_summit = events
        .iter()
        .find(|e| e.kind == "summit")
        .and_then(|e| href(state, e.entity.as_str()))
        .and_then(|target| {
            lists
                .classes
                .iter()
                .find(|(_, members)| members.iter().any(|m| m.target == target))
        })
        .map(|(class, _)| lists::class_address(class, 1));
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
        (key_facts(state, events)?)
        (sources(lists))
        h2 { "Timeline" }
        (timeline::section(state, events, every_summit.as_deref()))
        h2 { "Ask a question" }
        p { "Pick a question, or write your own SPARQL on the " a href="/query" { "query page" } "." }
        (super::query::questions(state))
        h2 { "Everything in the graph" }
        div.columns {
            @for (class, members) in &lists.classes {
                section {
                    h3 { (class) @if members.len() > SHOWN { " (" (members.len()) ")" } }
                    ul { @for member in members.iter().take(SHOWN) { li { a href=(member.target) { (member.label) } } } }
                    @if members.len() > SHOWN {
                        p.muted { "and " (members.len() - SHOWN) " more: " a href=(lists::class_address(class, 1)) { "every " (class) } ", a page at a time." }
                    }
                }
            }
        }
        (for_programs(state))
    };
    Ok(layout("CICA knowledge graph", main))
}

/// The most entities of a class listed on the home page; the class's list has the others.
const SHOWN: usize = 40;

/// The entities the key facts are about (the forum, its secretariat), whose pages are the
/// most read after the home page (`State::warm_up` renders them).
pub fn key_entities(state: &State) -> Vec<NamedNode> {
    let mut entities: Vec<NamedNode> = Vec::new();
    let rows = state.internal("serve-key-facts", &[]).unwrap_or_default();
    for entity in rows.iter().filter_map(|row| named(row, "subject")) {
        if !entities.contains(&entity) {
            entities.push(entity);
        }
    }
    entities
}

/// The key facts: members and observers with their dates, the presidency since when, the
/// secretariat and its seat, the last summit; each linked to the fact and to its quote.
fn key_facts(state: &State, events: &[timeline::Event]) -> Result<Markup, Problem> {
    let rows = state.internal("serve-key-facts", &[])?;
    // The facts and qualifiers of the forum and of its secretariat, as on their pages.
    let mut about: Vec<(NamedNode, Vec<QuerySolution>, Vec<QuerySolution>)> = Vec::new();
    for subject in rows.iter().filter_map(|r| named(r, "subject")) {
        if !about.iter().any(|(s, _, _)| *s == subject) {
            let entity = [("entity", Term::from(subject.clone()))];
            let facts = state.internal("serve-resource", &entity)?;
            let qualifiers = state.internal("serve-qualifiers", &entity)?;
            about.push((subject, facts, qualifiers));
        }
    }
    let fact = |key: &str| {
        rows.iter()
            .find(|r| literal(r, "key").as_deref() == Some(key))
    };
    let line = |key: &str, name: &str, since: &str| -> Result<Markup, Problem> {
        let Some(row) = fact(key) else {
            return Ok(html! {});
        };
        let (Some(subject), Some(property), Some(value)) = (
            named(row, "subject"),
            named(row, "property"),
            row.get("value"),
        ) else {
            return Ok(html! {});
        };
        let page = href(state, subject.as_str()).unwrap_or_default();
        // When (its best statement's qualifiers) and where the article says it (the quote of
        // its first statement).
        let Some((_, facts, qualifiers)) = about.iter().find(|(s, _, _)| *s == subject) else {
            return Ok(html! {});
        };
        let when = qualifiers
            .iter()
            .filter(|q| {
                named(q, "property").as_ref() == Some(&property) && q.get("object") == Some(value)
            })
            .find(|q| {
                named(q, "qualifier")
                    .is_some_and(|n| n == cica::POINT_IN_TIME || n == cica::START_TIME)
            })
            .and_then(|q| match q.get("value") {
                Some(oxigraph::model::Term::Literal(l)) => Some(literal_words(l)),
                _ => None,
            });
        let quote = facts
            .iter()
            .filter(|f| {
                named(f, "property").as_ref() == Some(&property) && f.get("value") == Some(value)
            })
            .find_map(|f| Some((named(f, "source")?, number(f, "start")?)))
            .and_then(|(source, start)| {
                href(state, source.as_str())
                    .map(|a| format!("{a}#{}", quote_anchor(usize::try_from(start).unwrap_or(0))))
            });
        Ok(html! {
            tr {
                th scope="row" { (name) }
                td {
                    (term(state, value, literal(row, "valueLabel").as_deref()))
                    @if let Some(when) = when { " " (since) " " (when) }
                    " " a.anchor href={ (page) "#" (fact_anchor(&property, value)) } title="the fact" { "fact" }
                    @if let Some(quote) = quote { " · " a.anchor href=(quote) title="the words of the article" { "quote ↗" } }
                }
            }
        })
    };
    let last = events.iter().rfind(|e| e.kind == "summit");
    Ok(html! {
        section.key aria-label="Key facts" {
            h2 { "Key facts" }
            table.key {
                tbody {
                    (line("members", "Member states", "as of")?)
                    (line("observers", "Observers", "as of")?)
                    (line("presidency", "Presidency", "since")?)
                    (line("secretariat", "Secretariat", "")?)
                    (line("seat", "Seat of the secretariat", "since")?)
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

/// The source articles, each linked to its page: the first [`SHOWN_SOURCES`], and a link to
/// the others.
fn sources(lists: &lists::Lists) -> Markup {
    let sources = &lists.sources;
    html! {
        h2 { @if sources.len() > 1 { "Sources (" (sources.len()) ")" } @else { "Source" } }
        ul { @for source in sources.iter().take(SHOWN_SOURCES) { (lists::source_item(source)) } }
        @if sources.len() > SHOWN_SOURCES {
            p.muted { "and " (sources.len() - SHOWN_SOURCES) " more: " a href=(lists::sources_address(1)) { "every source" } ", a page at a time." }
        }
    }
}

/// The most sources listed on the home page.
const SHOWN_SOURCES: usize = 10;

/// The graphs and their sizes, and the machine interfaces.
fn for_programs(state: &State) -> Markup {
    html! {
        h2 { "For programs" }
        table {
            thead { tr { th { "Named graph" } th { "Triples" } th { "Download" } } }
            tbody {
                @for (graph, triples) in state.graph_sizes() {
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
