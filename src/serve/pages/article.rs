//! The article page, at the address of a source: the text as published, with every quoted
//! span highlighted and linked to the facts it supports (`serve-article.rq`, kept in the search
//! index), then the facts themselves, in the order of their quotes, [`PAGE`] at a time
//! (`?page=N`). Quotes overlap: the text is cut at every start and end of a quote, and each
//! piece links to the shortest quote that covers it.

use super::super::http::{Problem, Reply};
use super::super::state::{literal, named, number};
use super::super::State;
use super::paging::{param, Page};
use super::{layout, quote_anchor, rdf_links, reply, short, term};
use maud::{html, Markup};
use oxhttp::model::StatusCode;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QuerySolution;
use std::collections::BTreeSet;

/// A quote of the article and the fact it supports.
#[derive(Debug, Clone)]
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) subject: NamedNode,
    pub(super) subject_label: Option<String>,
    pub(super) property: NamedNode,
    pub(super) property_label: Option<String>,
    pub(super) value: Term,
    pub(super) value_label: Option<String>,
}

impl Span {
    /// A row of `serve-article.rq`.
    pub(super) fn read(row: &QuerySolution) -> Option<Self> {
        Some(Self {
            start: usize::try_from(number(row, "start")?).ok()?,
            end: usize::try_from(number(row, "end")?).ok()?,
            subject: named(row, "subject")?,
            subject_label: literal(row, "subjectLabel"),
            property: named(row, "property")?,
            property_label: literal(row, "propertyLabel"),
            value: row.get("value")?.clone(),
            value_label: literal(row, "valueLabel"),
        })
    }

    /// The fact in words: subject, property, value.
    fn words(&self, state: &State) -> String {
        let value = match &self.value {
            Term::Literal(l) => super::literal_words(l),
            Term::NamedNode(n) => self
                .value_label
                .clone()
                .unwrap_or_else(|| short(state, n.as_str())),
            other => other.to_string(),
        };
        format!(
            "{} — {}: {value}",
            self.subject_label
                .clone()
                .unwrap_or_else(|| short(state, self.subject.as_str())),
            self.property_label
                .clone()
                .unwrap_or_else(|| short(state, self.property.as_str()))
        )
    }
}

/// The facts on a page of the list under the article.
pub const PAGE: usize = 100;
/// The most facts named in the tooltip of a highlight.
const TITLE_FACTS: usize = 5;

/// The page of the source article `iri`; `?page=N` for the Nth page of its facts.
pub fn page(state: &State, iri: &NamedNode, params: &[(String, String)]) -> Result<Reply, Problem> {
    let Some(source) = state
        .kg
        .facts()
        .sources
        .iter()
        .find(|s| state.iris().source(&s.id) == *iri)
    else {
        return Err(Problem::new(
            StatusCode::NOT_FOUND,
            format!("the text of <{}> is not loaded", iri.as_str()),
        ));
    };
    // The quotes of the article, from the search index (`serve-article.rq` for every article,
    // read once): asked for one article, the query took 400 ms with 80,000 statements.
    let mut spans: Vec<Span> = super::search::index(state)?.spans(iri);
    spans.sort_by_key(|s| (s.start, s.end, s.subject.as_str().to_owned()));
    let text: Vec<char> = source.text.chars().collect();
    let path = super::href(state, iri.as_str()).unwrap_or_default();
    let place = state
        .kg
        .facts()
        .entity(&source.dateline_place)
        .map_or(source.dateline_place.as_str(), |e| e.label.as_str());
    let date = crate::rdf::statements::date(&source.dateline_date);
    let dateline = match super::timeline::Date::from_literal(&date) {
        Some(date) => format!("{place}, {}", date.words()),
        None => format!("{place}, {}", source.dateline_date.lexical),
    };
    let page = Page::of(spans.len(), PAGE, param(params, "page"));
    let main = html! {
        h1 { (source.title) }
        p.muted {
            "Dateline " (dateline) " · published " (super::timeline::date_time_words(&source.published.to_string())) " · editor " (source.editor)
            " · " (spans.len()) " facts quoted; each highlight leads to the facts it supports, "
            "and the darker and more underlined, the more facts it supports (one, two, three or more)."
        }
        div.article { (highlighted(state, &text, &spans, page)) }
        h2 { "The facts, in the order of their quotes" }
        @if page.pages > 1 { p.muted { (page.start + 1) " to " (page.end) " of " (spans.len()) "." } }
        ol.facts start=(page.start + 1) {
            @for (i, span) in spans.iter().enumerate().skip(page.start).take(page.end - page.start) {
                li id={ "fact-" (i + 1) } {
                    (term(state, &span.subject.clone().into(), span.subject_label.as_deref()))
                    " — " (term(state, &span.property.clone().into(), span.property_label.as_deref()))
                    " — " (term(state, &span.value, span.value_label.as_deref()))
                    blockquote { mark { (text.get(span.start..span.end.min(text.len())).map(|c| c.iter().collect::<String>()).unwrap_or_default()) } }
                }
            }
        }
        (page.nav("pages of the facts", |n| format!("{path}?page={n}")))
        (rdf_links(&path))
    };
    Ok(reply(layout(&source.title, main)))
}

/// The text cut at every quote boundary; each quoted piece marked and linked to the shortest
/// quote covering it (on this `page` of the facts, or on its own), its title listing the
/// facts it supports (the first [`TITLE_FACTS`] of them). `spans` are in order of their start.
fn highlighted(state: &State, text: &[char], spans: &[Span], page: Page) -> Markup {
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for span in spans
        .iter()
        .filter(|s| s.start < s.end && s.end <= text.len())
    {
        cuts.insert(span.start);
        cuts.insert(span.end);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    // The spans that cover each piece, by one pass over the pieces: those started, not ended.
    let mut pieces: Vec<(usize, usize, Vec<usize>)> = Vec::with_capacity(cuts.len());
    let (mut next, mut open): (usize, Vec<usize>) = (0, Vec::new());
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        while next < spans.len() && spans[next].start <= a {
            open.push(next);
            next += 1;
        }
        open.retain(|&i| spans[i].end > a);
        let covering = open
            .iter()
            .copied()
            .filter(|&i| spans[i].end >= b)
            .collect();
        pieces.push((a, b, covering));
    }
    let target = |i: usize| {
        if (page.start..page.end).contains(&i) {
            format!("#fact-{}", i + 1)
        } else {
            format!("?page={}#fact-{}", i / PAGE + 1, i + 1)
        }
    };
    let title = |covering: &[usize]| {
        let mut title: Vec<String> = covering
            .iter()
            .take(TITLE_FACTS)
            .map(|&i| spans[i].words(state))
            .collect();
        if covering.len() > TITLE_FACTS {
            title.push(format!("and {} more", covering.len() - TITLE_FACTS));
        }
        title.join("; ")
    };
    html! {
        @for (a, b, covering) in &pieces {
            @let piece: String = text[*a..*b].iter().collect();
            @match covering.iter().min_by_key(|&&i| spans[i].end - spans[i].start) {
                None => (piece),
                Some(&shortest) => {
                    @let title = title(covering);
                    @let id = covering.iter().any(|&i| spans[i].start == *a).then(|| quote_anchor(*a));
                    a.quote id=[id] href=(target(shortest)) title=(title) {
                        mark class={ "q" (covering.len().min(3)) } { (piece) }
                    }
                }
            }
        }
    }
}
