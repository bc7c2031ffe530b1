//! "What links here" on an entity's page: the resources of the facts graph whose facts have
//! the entity as value, by property, read once for every entity (`serve-links.rq`) and kept. Each property shows its first
//! [`SHOWN`] resources and its count; the rest are on the page of that property's links
//! (`?links=IRI&page=N`), [`PAGE`] at a time, so that an entity that thousands of resources
//! name (the CICA, organizer of every summit) keeps a page of a reader's size.

use super::super::http::{encode, Problem};
use super::super::state::{literal, named};
use super::super::State;
use super::paging::{self, Page};
use super::{layout, reply, short, term};
use crate::vocab::GraphKind;
use maud::{html, Markup};
use oxhttp::model::StatusCode;
use oxigraph::model::NamedNode;
use std::collections::HashMap;

/// The most resources shown for one property on the entity's page.
pub const SHOWN: usize = 10;
/// The resources on a page of one property's links.
pub const PAGE: usize = 100;

/// A resource that links here.
#[derive(Debug)]
struct Link {
    subject: NamedNode,
    label: Option<String>,
}

/// A property and the resources that link here with it.
#[derive(Debug)]
struct Group {
    property: NamedNode,
    name: String,
    links: Vec<Link>,
}

/// What links to each resource, by its IRI.
#[derive(Debug, Default)]
pub struct Incoming(HashMap<String, Vec<Group>>);

/// What links to each resource, read once, on first use (the server starts reading it as soon
/// as it listens).
pub fn incoming(state: &State) -> Result<&Incoming, Problem> {
    state
        .links
        .get_or_init(|| Incoming::build(state))
        .as_ref()
        .map_err(Clone::clone)
}

impl Incoming {
    /// Every link of the facts graph, by the resource linked to, then by property (in the
    /// order of their first row), each sorted by label.
    fn build(state: &State) -> Result<Self, Problem> {
        let graph = state.iris().graph(GraphKind::Facts);
        let rows = state.internal("serve-links", &[("graph", graph.into())])?;
        let mut map: HashMap<String, Vec<Group>> = HashMap::new();
        for row in &rows {
            let (Some(entity), Some(subject), Some(property)) = (
                named(row, "entity"),
                named(row, "subject"),
                named(row, "property"),
            ) else {
                continue;
            };
            let groups = map.entry(entity.into_string()).or_default();
            let link = Link {
                subject,
                label: literal(row, "subjectLabel"),
            };
            match groups.iter_mut().find(|g| g.property == property) {
                Some(group) => group.links.push(link),
                None => groups.push(Group {
                    name: literal(row, "propertyLabel")
                        .unwrap_or_else(|| short(state, property.as_str())),
                    property,
                    links: vec![link],
                }),
            }
        }
        for group in map.values_mut().flatten() {
            group
                .links
                .sort_by(|a, b| (&a.label, &a.subject).cmp(&(&b.label, &b.subject)));
            group.links.dedup_by(|a, b| a.subject == b.subject);
        }
        Ok(Self(map))
    }

    /// What links to `iri`.
    fn groups(&self, iri: &NamedNode) -> &[Group] {
        self.0.get(iri.as_str()).map_or(&[], Vec::as_slice)
    }
}

/// One resource that links here, and how.
fn item(state: &State, link: &Link, name: &str) -> Markup {
    html! {
        li { (term(state, &link.subject.clone().into(), link.label.as_deref())) " — " (name) }
    }
}

/// The address of a page of what links to the entity at `path` with `property`.
fn address(path: &str, property: &NamedNode, page: usize) -> String {
    let page = page.to_string();
    format!(
        "{path}?{}",
        encode(&[("links", property.as_str()), ("page", &page)])
    )
}

/// The section of the entity's page (nothing when nothing links here).
pub fn section(state: &State, iri: &NamedNode, path: &str) -> Result<Markup, Problem> {
    let groups = incoming(state)?.groups(iri);
    if groups.is_empty() {
        return Ok(html! {});
    }
    Ok(html! {
        h2 { "What links here" }
        ul {
            @for group in groups {
                @for link in group.links.iter().take(SHOWN) { (item(state, link, &group.name)) }
                @if group.links.len() > SHOWN {
                    li.muted {
                        "and " (group.links.len() - SHOWN) " more with " (group.name) ": "
                        a href=(address(path, &group.property, 1)) { "all " (group.links.len()) ", a page at a time" }
                    }
                }
            }
        }
    })
}

/// The page of what links to the entity `iri` (labelled `label`) with the property `property`.
pub fn page(
    state: &State,
    iri: &NamedNode,
    label: &str,
    property: &str,
    params: &[(String, String)],
) -> Result<super::super::http::Reply, Problem> {
    let path = super::href(state, iri.as_str()).unwrap_or_default();
    let groups = incoming(state)?.groups(iri);
    let Some(group) = groups.iter().find(|g| g.property.as_str() == property) else {
        return Err(Problem::new(
            StatusCode::NOT_FOUND,
            format!("nothing links to {label} with the property <{property}>"),
        ));
    };
    let page = Page::of(group.links.len(), PAGE, paging::param(params, "page"));
    let main = html! {
        h1 { (label) }
        p { a href=(path) { "← every fact of " (label) } }
        h2 { "What links here with " (group.name) " (" (group.links.len()) ")" }
        ul {
            @for link in page.slice(&group.links) { (item(state, link, &group.name)) }
        }
        (page.nav("pages of the links", |n| address(&path, &group.property, n)))
    };
    Ok(reply(layout(label, main)))
}
