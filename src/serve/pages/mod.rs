//! The pages for people: [`home`] (what the graph is, its sources, counts, a timeline, every
//! entity and named query), [`entity`] (one resource: its facts with the article's words),
//! [`query`] (the named questions, an editor, results as a table), [`article`] (the text with
//! every quote highlighted and linked to its facts), and [`ontology`].
//!
//! They are rendered on the server with maud, whose templates are checked at compile time and
//! escape every value by default: text from the data or from a query can never become markup.
//! They need no JavaScript, load nothing from elsewhere, and read on a phone (a viewport, one
//! column, a style sheet of a few rules written here).

pub mod article;
pub mod empty;
pub mod endpoint;
pub mod entity;
pub mod home;
pub mod links;
pub mod lists;
pub mod ontology;
pub mod paging;
pub mod query;
pub mod results;
pub mod search;
pub mod timeline;

pub use entity::resource;

use super::http::{self, Reply};
use super::State;
use crate::query::plain;
use crate::vocab::{cica, xsd};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use oxhttp::model::StatusCode;
use oxigraph::model::{NamedNode, Term, TermRef};

/// The style sheet of every page.
const STYLE: &str = include_str!("style.css");

/// A whole page: the shared header and navigation, then `main`.
pub fn layout(title: &str, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · cica-kg" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                a.skip href="#main" { "Skip to the content" }
                header {
                    nav {
                        a href="/" { "cica-kg" }
                        a href="/query" { "Query" }
                        a href="/ontology" { "Ontology" }
                        a href="/sparql" { "SPARQL endpoint" }
                        form.find role="search" method="get" action="/search" {
                            input type="search" name="q" aria-label="Search the graph" placeholder="Search";
                            button type="submit" { "Search" }
                        }
                    }
                }
                main #main { (main) }
                footer {
                    "Every fact comes with the words of the article that support it. "
                    "Programs: SPARQL at " code { "/sparql" } ", graphs at " code { "/store" }
                    ", every resource as RDF at its own address."
                }
            }
        }
    }
}

/// The page of a path that leads nowhere (404): the site's navigation, the closest paths that
/// lead somewhere, and the search box.
pub fn not_found(state: &State, path: &str, why: &str) -> Reply {
    let base = state.iris().base();
    let paths: Vec<String> = search::index(state)
        .map(|i| {
            i.labelled()
                .filter_map(|iri| iri.strip_prefix(base).map(|l| format!("/{l}")))
                .collect()
        })
        .unwrap_or_default();
    let near = crate::suggest::near(path, paths.iter().map(String::as_str), 5);
    let words = path.trim_matches('/').replace(['/', '-', '_'], " ");
    let main = html! {
        h1 { "Nothing here" }
        p.error { (why) }
        @if !near.is_empty() {
            p { "Close to it:" }
            ul {
                @for path in &near {
                    @let label = search::index(state).ok().and_then(|i| i.label(&format!("{base}{}", &path[1..]))).map(str::to_owned);
                    li { a href=(path) { (label.unwrap_or_else(|| (*path).to_owned())) } " " code.muted { (path) } }
                }
            }
        }
        (search::form(&words))
        p { "Or start from the " a href="/" { "home page" } ", which links to every entity." }
    };
    with_status(StatusCode::NOT_FOUND, layout("Not found", main))
}

/// A 200 HTML response.
pub fn reply(markup: Markup) -> Reply {
    with_status(StatusCode::OK, markup)
}

/// An HTML response with this status.
pub fn with_status(status: StatusCode, markup: Markup) -> Reply {
    http::body(
        status,
        "text/html; charset=utf-8",
        markup.into_string().into_bytes(),
    )
}

/// Where an IRI leads from a page: a resource of the data to its path on this server, a term of
/// the ontology to its entry on the ontology page, an http(s) IRI elsewhere to itself; any
/// other IRI (`javascript:`, `urn:`) to nowhere.
pub fn href(state: &State, iri: &str) -> Option<String> {
    if let Some(local) = iri.strip_prefix(state.iris().base()) {
        return Some(format!("/{local}"));
    }
    if let Some(term) = iri.strip_prefix(cica::NAMESPACE) {
        return Some(format!("/ontology#{term}"));
    }
    if iri == cica::ONTOLOGY {
        return Some("/ontology".to_owned());
    }
    (iri.starts_with("http://") || iri.starts_with("https://")).then(|| iri.to_owned())
}

/// A short name for an IRI: `prefix:local` where a prefix fits, else the IRI.
pub fn short(state: &State, iri: &str) -> String {
    let node = oxigraph::model::NamedNodeRef::new_unchecked(iri);
    let text = plain(TermRef::NamedNode(node), &state.prefixes);
    text.strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .map_or(text.clone(), str::to_owned)
}

/// A term on a page: an IRI as a link (with `label`, else its short name), a literal as its
/// text (a date at its precision, in words).
pub fn term(state: &State, term: &Term, label: Option<&str>) -> Markup {
    match term {
        Term::NamedNode(node) => {
            let text = label.map_or_else(|| short(state, node.as_str()), str::to_owned);
            match href(state, node.as_str()) {
                Some(target) => {
                    html! { a href=(target) title=[label.map(|_| node.as_str())] { (text) } }
                }
                None => html! { span.iri title=[label.map(|_| node.as_str())] { (text) } },
            }
        }
        Term::Literal(literal) => match timeline::Date::from_literal(literal) {
            Some(date) => html! { time datetime=(literal.value()) { (date.words()) } },
            None if literal.datatype() == xsd::DATE_TIME => {
                html! { time datetime=(literal.value()) { (timeline::date_time_words(literal.value())) } }
            }
            None => html! { (literal.value()) },
        },
        other => html! { (other.to_string()) },
    }
}

/// The anchor of a fact on its subject's page, from its property and value, so that a search
/// result or another page can link to one fact: `fact-location-almaty`.
pub fn fact_anchor(property: &NamedNode, value: &Term) -> String {
    let last = |iri: &str| iri.rsplit(['#', '/']).next().unwrap_or_default().to_owned();
    let value = match value {
        Term::NamedNode(node) => last(node.as_str()),
        Term::Literal(literal) => literal.value().to_owned(),
        other => other.to_string(),
    };
    let slug: String = value
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .take(40)
        .collect();
    format!("fact-{}-{slug}", last(property.as_str()))
}

/// The anchor of the quote that starts at character `start` of its article.
pub fn quote_anchor(start: usize) -> String {
    format!("q{start}")
}

/// `text` with every occurrence of the (lower-case) `words` marked.
pub fn words_of(text: &str, words: &[String]) -> Markup {
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(one), None) => one,
                _ => *c,
            }
        })
        .collect();
    let mut marked = vec![false; chars.len()];
    for word in words {
        let word: Vec<char> = word.chars().collect();
        if word.is_empty() || word.len() > lower.len() {
            continue;
        }
        for i in 0..=lower.len() - word.len() {
            if lower[i..i + word.len()] == word[..] {
                marked[i..i + word.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    let mut pieces: Vec<(bool, String)> = Vec::new();
    for (c, m) in chars.iter().zip(&marked) {
        match pieces.last_mut() {
            Some((last, piece)) if last == m => piece.push(*c),
            _ => pieces.push((*m, c.to_string())),
        }
    }
    html! {
        @for (m, piece) in &pieces {
            @if *m { mark { (piece) } } @else { (piece) }
        }
    }
}

/// A literal in words: a date at its precision, a time as `12 October 2022, 23:39`, any
/// other value as it is.
pub fn literal_words(literal: &oxigraph::model::Literal) -> String {
    match timeline::Date::from_literal(literal) {
        Some(date) => date.words(),
        None if literal.datatype() == xsd::DATE_TIME => timeline::date_time_words(literal.value()),
        None => literal.value().to_owned(),
    }
}

/// The links to the RDF documents of the resource at `path`.
pub fn rdf_links(path: &str) -> Markup {
    html! {
        p.formats {
            "As RDF: "
            a href={ (path) ".ttl" } { "Turtle" } " · "
            a href={ (path) ".nt" } { "N-Triples" } " · "
            a href={ (path) ".jsonld" } { "JSON-LD" } " · "
            a href={ (path) ".rdf" } { "RDF/XML" }
        }
    }
}
