//! The page of one resource (`serve-resource.rq`): its label, class, other names, note and
//! Wikidata link; each fact with its value linked, its qualifiers (`serve-qualifiers.rq`) and
//! the sentence of the article with the quoted words highlighted; what links to it
//! ([`links`]); and links to its RDF. A source article gets the article page. A property with
//! more than [`VALUES_SHOWN`] values shows the first of them and a link to the page of its
//! values (`?property=IRI&page=N`), so that the page stays bounded whatever the data.

use super::super::http::{self, encode, Problem, Reply};
use super::super::state::{literal, named};
use super::super::State;
use super::paging::{self, Page};
use super::{article, fact_anchor, href, layout, links, quote_anchor, rdf_links, short, term};
use crate::vocab::{owl, rdf, rdfs, schema, skos};
use maud::{html, Markup};
use oxhttp::model::StatusCode;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QuerySolution;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

/// One triple of the resource, with labels and, if the article says it, its quote.
#[derive(Debug, Clone)]
struct Fact {
    property: NamedNode,
    property_label: Option<String>,
    value: Term,
    value_label: Option<String>,
    quote: Option<Quote>,
}

/// A quote: its words, its character offsets, and its article.
#[derive(Debug, Clone)]
pub struct Quote {
    /// Where the quote starts in the article's text, in characters.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// The article.
    pub source: NamedNode,
}

impl Fact {
    fn read(row: &QuerySolution) -> Option<Self> {
        let quote = match (
            super::super::state::number(row, "start"),
            super::super::state::number(row, "end"),
            named(row, "source"),
        ) {
            (Some(start), Some(end), Some(source)) => Some(Quote {
                start: usize::try_from(start).ok()?,
                end: usize::try_from(end).ok()?,
                source,
            }),
            _ => None,
        };
        Some(Self {
            property: named(row, "property")?,
            property_label: literal(row, "propertyLabel"),
            value: row.get("value")?.clone(),
            value_label: literal(row, "valueLabel"),
            quote,
        })
    }

    fn is(&self, property: oxigraph::model::NamedNodeRef<'_>) -> bool {
        self.property == property
    }

    fn text(&self) -> Option<&str> {
        match &self.value {
            Term::Literal(l) => Some(l.value()),
            _ => None,
        }
    }
}

/// The most values of one property shown on an entity's page; the page of that property's
/// values (`?property=IRI`) has them all, [`PAGE`] at a time.
pub const VALUES_SHOWN: usize = 10;
/// The values on a page of one property's values.
pub const PAGE: usize = 100;
/// The most qualifiers shown with a fact.
const QUALIFIERS_SHOWN: usize = 10;

/// The page of the resource `iri` (or the article page of a source); `?property=IRI&page=N`
/// for the values of one property, `?links=IRI&page=N` for what links here with one property.
pub fn resource(
    state: &State,
    iri: &NamedNode,
    params: &[(String, String)],
) -> Result<Reply, Problem> {
    // A page slow to render is kept ([`crate::serve::kept`]).
    let address = address(iri, params);
    if let Some(page) = state.kept_pages.get(&address) {
        return Ok(html_reply(&page));
    }
    let started = Instant::now();
    let rows = state.internal("serve-resource", &[("entity", iri.clone().into())])?;
    let mut seen = HashSet::new();
    let mut facts: Vec<Fact> = rows
        .iter()
        .filter_map(Fact::read)
        .filter(|f| seen.insert((f.property.clone(), f.value.clone())))
        .collect();
    // The reading order of the ontology (cica:pageOrder), then the order of the article;
    // those without a quote last.
    let index = super::search::index(state)?;
    facts.sort_by_key(|f| {
        (
            index.page_order(f.property.as_str()).unwrap_or(i64::MAX),
            f.quote.as_ref().map_or((1, 0), |q| (0, q.start)),
        )
    });
    let is_article = facts
        .iter()
        .any(|f| f.is(rdf::TYPE) && f.value == Term::from(schema::NEWS_ARTICLE.into_owned()));
    if is_article {
        return article::page(state, iri, params);
    }
    let label = facts
        .iter()
        .find(|f| f.is(rdfs::LABEL))
        .and_then(Fact::text)
        .map_or_else(|| short(state, iri.as_str()), str::to_owned);
    let head = [
        rdf::TYPE,
        rdfs::LABEL,
        skos::ALT_LABEL,
        skos::EDITORIAL_NOTE,
        owl::SAME_AS,
    ];
    let path = href(state, iri.as_str()).unwrap_or_default();
    let mut groups: Vec<(&NamedNode, Vec<&Fact>)> = Vec::new();
    for fact in facts.iter().filter(|f| !head.iter().any(|h| f.is(*h))) {
        match groups.iter_mut().find(|(p, _)| **p == fact.property) {
            Some((_, values)) => values.push(fact),
            None => groups.push((&fact.property, vec![fact])),
        }
    }
    if let Some(links) = paging::param(params, "links") {
        return links::page(state, iri, &label, links, params);
    }
    let qualifiers = state.internal("serve-qualifiers", &[("entity", iri.clone().into())])?;
    let main = match paging::param(params, "property") {
        Some(property) => {
            let Some((property, values)) = groups.iter().find(|(p, _)| p.as_str() == property)
            else {
                return Err(Problem::new(
                    StatusCode::NOT_FOUND,
                    format!("{label} has no fact with the property <{property}>"),
                ));
            };
            let name = property_name(state, values[0]);
            let page = Page::of(values.len(), PAGE, paging::param(params, "page"));
            html! {
                h1 { (label) }
                p { a href=(path) { "← every fact of " (label) } }
                h2 { (name) " (" (values.len()) ")" }
                dl.facts {
                    @for fact in page.slice(values) { (fact_entry(state, fact, &qualifiers)) }
                }
                (page.nav("pages of the values", |n| property_address(&path, property, n)))
            }
        }
        None => html! {
            h1 { (label) }
            (summary(state, iri, &facts))
            h2 { "Facts" }
            dl.facts {
                @for (property, values) in &groups {
                    @for fact in values.iter().take(VALUES_SHOWN) {
                        (fact_entry(state, fact, &qualifiers))
                    }
                    @if values.len() > VALUES_SHOWN {
                        dd.more {
                            "and " (values.len() - VALUES_SHOWN) " more values of " (property_name(state, values[0])) ": "
                            a href=(property_address(&path, property, 1)) { "all " (values.len()) ", a page at a time" }
                        }
                    }
                }
            }
            (links::section(state, iri, &path)?)
            (rdf_links(&path))
        },
    };
    let page: Arc<str> = layout(&label, main).into_string().into();
    state
        .kept_pages
        .keep_if_slow(&address, &page, started.elapsed());
    Ok(html_reply(&page))
}

/// What a resource's page is kept by: the resource and the page's parameters.
pub(crate) fn address(iri: &NamedNode, params: &[(String, String)]) -> String {
    format!("{}\n{params:?}", iri.as_str())
}

/// A page as an answer.
fn html_reply(page: &str) -> Reply {
    http::body(
        StatusCode::OK,
        "text/html; charset=utf-8",
        page.as_bytes().to_vec(),
    )
}

/// The address of a page of the values of `property` on the page at `path`.
fn property_address(path: &str, property: &NamedNode, page: usize) -> String {
    let page = page.to_string();
    format!(
        "{path}?{}",
        encode(&[("property", property.as_str()), ("page", &page)])
    )
}

/// The name of a fact's property: its label, else its short name.
fn property_name(state: &State, fact: &Fact) -> String {
    fact.property_label
        .clone()
        .unwrap_or_else(|| short(state, fact.property.as_str()))
}

/// Class, IRI, other names, note, Wikidata.
fn summary(state: &State, iri: &NamedNode, facts: &[Fact]) -> Markup {
    let values = |p| facts.iter().filter(move |f| f.is(p));
    let names: Vec<&str> = values(skos::ALT_LABEL).filter_map(Fact::text).collect();
    html! {
        p {
            @for class in values(rdf::TYPE) {
                span.class { (term(state, &class.value, class.value_label.as_deref())) } " "
            }
            code.iri { (iri.as_str()) }
        }
        @if !names.is_empty() {
            p { "Also called: " (names.join("; ")) }
        }
        @for same in values(owl::SAME_AS) {
            p { "On Wikidata: " (term(state, &same.value, None)) }
        }
    }
}

/// One fact: the property, the value, its qualifiers, and the article's sentence.
fn fact_entry(state: &State, fact: &Fact, qualifiers: &[QuerySolution]) -> Markup {
    let all = qualifiers.iter().filter(|row| {
        named(row, "property").as_ref() == Some(&fact.property)
            && row.get("object") == Some(&fact.value)
    });
    let more = all.clone().count().saturating_sub(QUALIFIERS_SHOWN);
    let qualifiers: Vec<(String, Term)> = all
        .take(QUALIFIERS_SHOWN)
        .filter_map(|row| {
            let label = literal(row, "qualifierLabel")
                .or_else(|| named(row, "qualifier").map(|q| short(state, q.as_str())))?;
            Some((label, row.get("value")?.clone()))
        })
        .collect();
    let property = property_name(state, fact);
    html! {
        dt id=(fact_anchor(&fact.property, &fact.value)) {
            (term(state, &fact.property.clone().into(), Some(&property)))
            " " a.anchor href={ "#" (fact_anchor(&fact.property, &fact.value)) } title="a link to this fact" { "#" }
        }
        dd {
            (term(state, &fact.value, fact.value_label.as_deref()))
            @if !qualifiers.is_empty() {
                ul.qualifiers {
                    @for (label, value) in &qualifiers { li { (label) ": " (term(state, value, None)) } }
                    @if more > 0 { li.muted { "and " (more) " more" } }
                }
            }
            @if let Some(quote) = &fact.quote {
                (quoted(state, quote))
            }
        }
    }
}

/// The sentence of the article around a quote, with the quoted words marked.
pub fn quoted(state: &State, quote: &Quote) -> Markup {
    let source = state
        .kg
        .facts()
        .sources
        .iter()
        .find(|s| state.iris().source(&s.id) == quote.source);
    let Some((before, words, after)) =
        source.and_then(|s| sentence(&s.text, quote.start, quote.end))
    else {
        return html! {};
    };
    let target = href(state, quote.source.as_str()).unwrap_or_default();
    html! {
        blockquote {
            (before) mark { (words) } (after)
            " " a href={ (target) "#" (quote_anchor(quote.start)) } title="this quote in the article" { "↗" }
        }
    }
}

/// The sentence (or sentences) around characters `start..end` of `text`: the words before
/// the quote, the quote, and the words after it.
pub fn sentence(text: &str, start: usize, end: usize) -> Option<(String, String, String)> {
    let chars: Vec<char> = text.chars().collect();
    if start > end || end > chars.len() {
        return None;
    }
    // A sentence ends at a line break, or at a full stop followed by a space and a capital.
    let ends_at = |i: usize| {
        chars[i] == '\n'
            || (chars[i] == '.'
                && match (chars.get(i + 1), chars.get(i + 2)) {
                    (None, _) => true,
                    (Some(c), next) => {
                        c.is_whitespace() && next.is_none_or(|n| n.is_uppercase() || *n == '\n')
                    }
                })
    };
    let from = (0..start).rev().find(|&i| ends_at(i)).map_or(0, |i| i + 1);
    let to = if end > start && ends_at(end - 1) {
        end
    } else {
        (end..chars.len())
            .find(|&i| ends_at(i))
            .map_or(chars.len(), |i| if chars[i] == '\n' { i } else { i + 1 })
    };
    let part = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    Some((
        part(from, start).trim_start().to_owned(),
        part(start, end),
        part(end, to),
    ))
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn the_sentence_around_a_quote() {
        let text = "ASTANA, Oct. 12 (Xinhua) -- First one. The CICA started operation in March 1993. Next.";
        let start = text.find("March").unwrap();
        let (before, words, after) = sentence(text, start, start + "March 1993".len()).unwrap();
        assert_eq!(before, "The CICA started operation in ");
        assert_eq!(words, "March 1993");
        assert_eq!(after, ".");
        // "Oct. 12" does not end a sentence.
        let (before, _, _) = sentence(
            text,
            text.find("First").unwrap(),
            text.find("First").unwrap() + 5,
        )
        .unwrap();
        assert_eq!(before, "ASTANA, Oct. 12 (Xinhua) -- ");
        assert!(sentence(text, 5, 2).is_none());
    }
}
