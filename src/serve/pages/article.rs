//! The article page, at the address of a source: the text as published, with every quoted
//! span highlighted and linked to the facts it supports (`serve-article.rq`), then the facts
//! themselves, in the order of their quotes. Quotes overlap: the text is cut at every start
//! and end of a quote, and each piece links to the shortest quote that covers it.

use super::super::http::{Problem, Reply};
use super::super::state::{literal, named, number};
use super::super::State;
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

/// The page of the source article `iri`.
pub fn page(state: &State, iri: &NamedNode) -> Result<Reply, Problem> {
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
    let rows = state.internal("serve-article", &[("source", iri.clone().into())])?;
    let mut spans: Vec<Span> = rows.iter().filter_map(Span::read).collect();
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
    let main = html! {
        h1 { (source.title) }
        p.muted {
            "Dateline " (dateline) " · published " (super::timeline::date_time_words(&source.published.to_string())) " · editor " (source.editor)
            " · " (spans.len()) " facts quoted; each highlight leads to the facts it supports, "
            "and the darker and more underlined, the more facts it supports (one, two, three or more)."
        }
        div.article { (highlighted(state, &text, &spans)) }
        h2 { "The facts, in the order of their quotes" }
        ol.facts {
            @for (i, span) in spans.iter().enumerate() {
                li id={ "fact-" (i + 1) } {
                    (term(state, &span.subject.clone().into(), span.subject_label.as_deref()))
                    " — " (term(state, &span.property.clone().into(), span.property_label.as_deref()))
                    " — " (term(state, &span.value, span.value_label.as_deref()))
                    blockquote { mark { (text.get(span.start..span.end.min(text.len())).map(|c| c.iter().collect::<String>()).unwrap_or_default()) } }
                }
            }
        }
        (rdf_links(&path))
    };
    Ok(reply(layout(&source.title, main)))
}

/// The text cut at every quote boundary; each quoted piece marked and linked to the shortest
/// quote covering it, its title listing every fact it supports.
fn highlighted(state: &State, text: &[char], spans: &[Span]) -> Markup {
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for span in spans
        .iter()
        .filter(|s| s.start < s.end && s.end <= text.len())
    {
        cuts.insert(span.start);
        cuts.insert(span.end);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    html! {
        @for pair in cuts.windows(2) {
            @let (a, b) = (pair[0], pair[1]);
            @let piece: String = text[a..b].iter().collect();
            @let covering: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].start <= a && spans[i].end >= b).collect();
            @match covering.iter().min_by_key(|&&i| spans[i].end - spans[i].start) {
                None => (piece),
                Some(&shortest) => {
                    @let title = covering.iter().map(|&i| spans[i].words(state)).collect::<Vec<_>>().join("; ");
                    @let id = covering.iter().any(|&i| spans[i].start == a).then(|| quote_anchor(a));
                    a.quote id=[id] href={ "#fact-" (shortest + 1) } title=(title) {
                        mark class={ "q" (covering.len().min(3)) } { (piece) }
                    }
                }
            }
        }
    }
}
