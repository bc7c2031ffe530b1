//! The search box of every page, answered on the server at `/search?q=WORDS` (no JavaScript):
//! the entities whose label, other name or short name has every word (`serve-entities.rq`,
//! `serve-other-names.rq`), and the facts whose quote in the article has every word
//! (`serve-article.rq`, unbound), each linked to its entity page, to the fact on it and to the
//! quote in the article; 25 of each a page (`&page=2`).
//!
//! The index is read from the graph once, when the server starts, and kept: a search is a scan
//! of a few strings per entity and per quote in memory, not a query. The article pages take
//! their quotes from it too.

use super::super::http::{encode, Problem, Reply};
use super::super::state::{literal, named, number};
use super::super::State;
use super::article::Span;
use super::paging::{self, Page};
use super::{fact_anchor, href, layout, quote_anchor, reply, short, term, words_of};
use crate::vocab::GraphKind;
use maud::{html, Markup};
use oxigraph::model::NamedNode;
use std::collections::HashMap;

/// The most words of a search that are used; the rest are ignored.
const MAX_WORDS: usize = 8;
/// The most characters of a search that are read.
const MAX_CHARS: usize = 200;
/// The most entities and facts listed on a page of a search (`&page=N` for the others).
pub const SHOWN: usize = 25;

/// An entity's name, for search.
#[derive(Debug)]
struct Name {
    entity: NamedNode,
    label: String,
    name: String,
    lower: String,
    class: Option<String>,
}

impl Name {
    fn new(entity: &NamedNode, label: &str, name: &str, class: Option<&str>) -> Self {
        Self {
            entity: entity.clone(),
            label: label.to_owned(),
            name: name.to_owned(),
            lower: name.to_lowercase(),
            class: class.map(str::to_owned),
        }
    }
}

/// A quote and the fact it supports, for search.
#[derive(Debug)]
struct Quoted {
    source: NamedNode,
    words: String,
    lower: String,
    fact: Span,
}

/// What a search looks in.
#[derive(Debug, Default)]
pub struct Index {
    names: Vec<Name>,
    quotes: Vec<Quoted>,
    /// The label of every IRI that has one (`serve-labels.rq`), for result cells.
    labels: HashMap<String, String>,
    /// The page order of properties (`serve-page-order.rq`).
    order: HashMap<String, i64>,
}

/// The index of the server, read once, on first use (the server starts reading it as soon as
/// it listens); a request that needs it while it is read waits for it.
pub fn index(state: &State) -> Result<&Index, Problem> {
    state
        .search
        .get_or_init(|| Index::build(state))
        .as_ref()
        .map_err(Clone::clone)
}

impl Index {
    /// Reads the names and quotes of the graph.
    fn build(state: &State) -> Result<Self, Problem> {
        // Each entity's label, then its other names, with its label and class.
        let mut names = Vec::new();
        let mut known: HashMap<&NamedNode, (&str, Option<&str>)> = HashMap::new();
        for (class, members) in &super::lists::lists(state)?.classes {
            let class = (class != super::lists::NO_CLASS).then_some(class.as_str());
            for member in members {
                known.insert(&member.entity, (&member.label, class));
                names.push(Name::new(
                    &member.entity,
                    &member.label,
                    &member.label,
                    class,
                ));
            }
        }
        let graph = state.iris().graph(GraphKind::Facts);
        for row in state.internal("serve-other-names", &[("graph", graph.into())])? {
            let (Some(entity), Some(name)) = (named(&row, "entity"), literal(&row, "name")) else {
                continue;
            };
            if let Some((label, class)) = known.get(&entity) {
                names.push(Name::new(&entity, label, &name, *class));
            }
        }
        names.sort_by(|a, b| (&a.entity, &a.name).cmp(&(&b.entity, &b.name)));
        names.dedup_by(|a, b| a.entity == b.entity && a.name == b.name);
        let texts: HashMap<NamedNode, Vec<char>> = state
            .kg
            .facts()
            .sources
            .iter()
            .map(|s| (state.iris().source(&s.id), s.text.chars().collect()))
            .collect();
        let mut quotes = Vec::new();
        for row in state.internal("serve-article", &[])? {
            let (Some(source), Some(fact)) = (named(&row, "source"), Span::read(&row)) else {
                continue;
            };
            let Some(words) = texts
                .get(&source)
                .and_then(|t| t.get(fact.start..fact.end))
                .map(|c| c.iter().collect::<String>())
            else {
                continue;
            };
            quotes.push(Quoted {
                source,
                lower: words.to_lowercase(),
                words,
                fact,
            });
        }
        quotes.sort_by(|a, b| (&a.source, a.fact.start).cmp(&(&b.source, b.fact.start)));
        let mut labels = HashMap::new();
        for row in state.internal("serve-labels", &[])? {
            if let (Some(iri), Some(label)) = (named(&row, "iri"), literal(&row, "label")) {
                labels.entry(iri.into_string()).or_insert(label);
            }
        }
        let order = state
            .internal("serve-page-order", &[])?
            .iter()
            .filter_map(|row| Some((named(row, "property")?.into_string(), number(row, "order")?)))
            .collect();
        Ok(Self {
            names,
            quotes,
            labels,
            order,
        })
    }

    /// The quotes of the article `source` and the facts they support, in the order of the
    /// article.
    pub(super) fn spans(&self, source: &NamedNode) -> Vec<Span> {
        let first = self.quotes.partition_point(|q| q.source < *source);
        self.quotes[first..]
            .iter()
            .take_while(|q| q.source == *source)
            .map(|q| q.fact.clone())
            .collect()
    }

    /// The label of an IRI, if it has one.
    pub fn label(&self, iri: &str) -> Option<&str> {
        self.labels.get(iri).map(String::as_str)
    }

    /// The place of a property on a page (`cica:pageOrder`), if the ontology gives one.
    pub fn page_order(&self, property: &str) -> Option<i64> {
        self.order.get(property).copied()
    }

    /// Every IRI with a label, for suggestions.
    pub fn labelled(&self) -> impl Iterator<Item = &str> {
        self.labels.keys().map(String::as_str)
    }

    /// The entities with a name that has every word, best first: a name that is the search,
    /// then one that starts with it, then the others; one line per entity.
    fn entities(&self, words: &[String]) -> Vec<&Name> {
        let whole = words.join(" ");
        let mut found: Vec<(u8, &Name)> = self
            .names
            .iter()
            .filter(|n| words.iter().all(|w| n.lower.contains(w.as_str())))
            .map(|n| {
                let rank = if n.lower == whole {
                    0
                } else if n.lower.starts_with(&whole) {
                    1
                } else {
                    2
                };
                (rank, n)
            })
            .collect();
        found.sort_by(|(ra, a), (rb, b)| {
            (ra, a.label.len(), &a.label).cmp(&(rb, b.label.len(), &b.label))
        });
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .filter(|(_, n)| seen.insert(n.entity.clone()))
            .map(|(_, n)| n)
            .collect()
    }

    /// The facts whose quote has every word, in the order of the article.
    fn facts(&self, words: &[String]) -> Vec<&Quoted> {
        self.quotes
            .iter()
            .filter(|q| words.iter().all(|w| q.lower.contains(w.as_str())))
            .collect()
    }
}

/// The words of a search: lower case, at most [`MAX_WORDS`] of the first [`MAX_CHARS`].
pub fn search_words(query: &str) -> Vec<String> {
    let text: String = query.chars().take(MAX_CHARS).collect();
    text.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == ',' || c == '"')
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(str::to_owned)
        .collect()
}

/// The search page.
pub fn page(state: &State, params: &[(String, String)]) -> Result<Reply, Problem> {
    let query = params
        .iter()
        .find(|(n, _)| n == "q")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let words = search_words(&query);
    let index = index(state)?;
    let main = if words.is_empty() {
        html! {
            h1 { "Search" }
            (form(&query))
            p { "Type a name (Astana, CICA, secretariat) or words of the article (\"first summit\")." }
        }
    } else {
        let entities = index.entities(&words);
        let facts = index.facts(&words);
        let asked = paging::param(params, "page");
        let (entity_page, fact_page) = (
            Page::of(entities.len(), SHOWN, asked),
            Page::of(facts.len(), SHOWN, asked),
        );
        let address = |n: usize| {
            let n = n.to_string();
            format!("/search?{}", encode(&[("q", query.as_str()), ("page", &n)]))
        };
        html! {
            h1 { "Search: " (query) }
            (form(&query))
            h2 { "Entities (" (entities.len()) ")" }
            @if entities.is_empty() {
                p.muted { "No entity has a name with these words." }
            }
            ul.found {
                @for name in entity_page.slice(&entities) {
                    li {
                        a href=(href(state, name.entity.as_str()).unwrap_or_default()) { (name.label) }
                        @if name.name != name.label { " (" (name.name) ")" }
                        @if let Some(class) = &name.class { " " span.class { (class) } }
                    }
                }
            }
            @if entity_page.pages > 1 { p.muted { (entity_page.start + 1) " to " (entity_page.end) " of " (entities.len()) "; add a word to narrow the search." } }
            (entity_page.nav("pages of the entities found", address))
            h2 { "Facts whose quote has these words (" (facts.len()) ")" }
            @if facts.is_empty() {
                p.muted { "No quote of the article has all of these words." }
            }
            ol.found start=(fact_page.start + 1) {
                @for fact in fact_page.slice(&facts) { (found_fact(state, fact, &words)) }
            }
            @if fact_page.pages > 1 { p.muted { (fact_page.start + 1) " to " (fact_page.end) " of " (facts.len()) "; add a word to narrow the search." } }
            (fact_page.nav("pages of the facts found", address))
        }
    };
    let title = if words.is_empty() {
        "Search".to_owned()
    } else {
        format!("Search: {query}")
    };
    Ok(reply(layout(&title, main)))
}

/// The search form, filled in.
pub fn form(query: &str) -> Markup {
    html! {
        form.search role="search" method="get" action="/search" {
            label for="q" { "Search the graph" }
            input #q type="search" name="q" value=(query) placeholder="a name or words of the article";
            button type="submit" { "Search" }
        }
    }
}

/// One fact found by its quote: subject, property and value linked, the quote with the words
/// marked, and links to the fact and to the quote in the article.
fn found_fact(state: &State, quoted: &Quoted, words: &[String]) -> Markup {
    let fact = &quoted.fact;
    let subject_page = href(state, fact.subject.as_str()).unwrap_or_default();
    let anchor = fact_anchor(&fact.property, &fact.value);
    let article = href(state, quoted.source.as_str()).unwrap_or_default();
    let subject = fact
        .subject_label
        .clone()
        .unwrap_or_else(|| short(state, fact.subject.as_str()));
    html! {
        li {
            a href=(subject_page) { (subject) } " — "
            (term(state, &fact.property.clone().into(), fact.property_label.as_deref())) " — "
            (term(state, &fact.value, fact.value_label.as_deref()))
            blockquote { (words_of(&quoted.words, words)) }
            p.links {
                a href={ (subject_page) "#" (anchor) } { "the fact" } " · "
                a href={ (article) "#" (quote_anchor(fact.start)) } { "the quote in the article ↗" }
            }
        }
    }
}
