//! The lists behind the home page's summaries: every entity of the facts graph by class
//! (`serve-entities.rq`; summits by ordinal, the others by label), every source article
//! (`serve-sources.rq`, by date of publication) and the timeline's events, read from the graph
//! once and kept; and the pages of the first two, a page at a time:
//! `/entities?class=CICA+summit&page=2` and `/sources?page=2`.

use super::super::http::{encode, Problem, Reply};
use super::super::state::{literal, named, number};
use super::super::State;
use super::paging::{param, Page};
use super::{href, layout, reply, timeline};
use crate::vocab::GraphKind;
use maud::{html, Markup};
use oxhttp::model::StatusCode;
use oxigraph::model::NamedNode;
use std::collections::BTreeMap;

/// The heading of the entities whose class has no label.
pub const NO_CLASS: &str = "other";

/// The entities or sources on one page of a list.
pub const PAGE: usize = 100;

/// An entity in a list: its label and the path of its page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Member {
    /// The ordinal, for summits (the others sort by label).
    pub ordinal: i64,
    /// The label.
    pub label: String,
    /// The path of its page.
    pub target: String,
    /// Its IRI.
    pub entity: NamedNode,
}

/// A source article: its title, publisher, date of publication (in words) and page.
#[derive(Debug, Clone)]
pub struct Source {
    /// The title.
    pub title: String,
    /// The publisher's name.
    pub publisher: String,
    /// When it was published, in words.
    pub published: String,
    /// The path of its page.
    pub target: String,
}

/// The lists, read once.
#[derive(Debug, Default)]
pub struct Lists {
    /// The members of each class, by the class's label.
    pub classes: BTreeMap<String, Vec<Member>>,
    /// The source articles.
    pub sources: Vec<Source>,
    /// The events of the timeline, in order of date.
    pub events: Vec<timeline::Event>,
}

/// The lists of the server, read once, on first use (with the home page, by
/// `State::warm_home`: `cica-kg serve` runs it before its first worker starts, then listens); a
/// request that needs them while they are read waits for them.
pub fn lists(state: &State) -> Result<&Lists, Problem> {
    state
        .lists
        .get_or_init(|| Lists::build(state))
        .as_ref()
        .map_err(Clone::clone)
}

impl Lists {
    fn build(state: &State) -> Result<Self, Problem> {
        let facts_graph = state.iris().graph(GraphKind::Facts);
        let mut classes: BTreeMap<String, Vec<Member>> = BTreeMap::new();
        for row in &state.internal("serve-entities", &[("graph", facts_graph.into())])? {
            let (Some(entity), Some(label)) = (named(row, "entity"), literal(row, "label")) else {
                continue;
            };
            let class = literal(row, "classLabel").unwrap_or_else(|| NO_CLASS.to_owned());
            classes.entry(class).or_default().push(Member {
                ordinal: number(row, "ordinal").unwrap_or(i64::MAX),
                label,
                target: href(state, entity.as_str()).unwrap_or_default(),
                entity,
            });
        }
        // Summits by ordinal, the others by label.
        for members in classes.values_mut() {
            members.sort();
            members.dedup();
        }
        let mut sources: Vec<(String, Source)> = state
            .internal("serve-sources", &[])?
            .iter()
            .map(|row| {
                let issued = literal(row, "issued").unwrap_or_default();
                let source = Source {
                    title: literal(row, "title").unwrap_or_default(),
                    publisher: literal(row, "publisher").unwrap_or_default(),
                    published: timeline::date_time_words(&issued),
                    target: named(row, "source")
                        .and_then(|s| href(state, s.as_str()))
                        .unwrap_or_default(),
                };
                (issued, source)
            })
            .collect();
        sources.sort_by(|(a, x), (b, y)| (a, &x.title).cmp(&(b, &y.title)));
        Ok(Self {
            classes,
            sources: sources.into_iter().map(|(_, s)| s).collect(),
            events: timeline::events(state)?,
        })
    }

    /// How many entities there are.
    pub fn entities(&self) -> usize {
        self.classes.values().map(Vec::len).sum()
    }
}

/// The address of the list of a class's members.
pub fn class_address(class: &str, page: usize) -> String {
    match page {
        1 => format!("/entities?{}", encode(&[("class", class)])),
        n => format!(
            "/entities?{}",
            encode(&[("class", class), ("page", &n.to_string())])
        ),
    }
}

/// The address of a page of the sources.
pub fn sources_address(page: usize) -> String {
    match page {
        1 => "/sources".to_owned(),
        n => format!("/sources?page={n}"),
    }
}

/// A source in a list.
pub fn source_item(source: &Source) -> Markup {
    html! {
        li {
            a href=(source.target) { (source.title) }
            ", " (source.publisher) ", published " (source.published)
        }
    }
}

/// `/entities?class=NAME&page=N`: the members of a class, a page at a time.
pub fn class_page(state: &State, params: &[(String, String)]) -> Result<Reply, Problem> {
    let lists = lists(state)?;
    let class = param(params, "class").unwrap_or_default();
    let Some(members) = lists.classes.get(class) else {
        let names: Vec<&str> = lists.classes.keys().map(String::as_str).collect();
        return Err(Problem::new(
            StatusCode::NOT_FOUND,
            format!(
                "there is no class \"{class}\" in the graph; its classes are {}",
                names.join(", ")
            ),
        ));
    };
    let page = Page::of(members.len(), PAGE, param(params, "page"));
    let title = format!("Every {class} ({})", members.len());
    let main = html! {
        h1 { (title) }
        p.muted { (shown(page, members.len())) }
        ol start=(page.start + 1) {
            @for member in page.slice(members) { li { a href=(member.target) { (member.label) } } }
        }
        (page.nav("pages of the list", |n| class_address(class, n)))
    };
    Ok(reply(layout(&title, main)))
}

/// `/sources?page=N`: the source articles, a page at a time.
pub fn sources_page(state: &State, params: &[(String, String)]) -> Result<Reply, Problem> {
    let sources = &lists(state)?.sources;
    let page = Page::of(sources.len(), PAGE, param(params, "page"));
    let title = format!("Every source ({})", sources.len());
    let main = html! {
        h1 { (title) }
        p.muted { (shown(page, sources.len())) }
        ol start=(page.start + 1) { @for source in page.slice(sources) { (source_item(source)) } }
        (page.nav("pages of the list", sources_address))
    };
    Ok(reply(layout(&title, main)))
}

/// "1 to 100 of 19,006".
fn shown(page: Page, total: usize) -> String {
    if page.pages == 1 {
        format!("{total} in all.")
    } else {
        format!("{} to {} of {total}.", page.start + 1, page.end)
    }
}
