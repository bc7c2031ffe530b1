//! The query page at `/query`: the named questions, an editor (a form that sends the query in
//! the URL, so that a result can be shared as a link), and the answer as a table with labelled,
//! linked IRIs (see [`results`](super::results)), with downloads in every format.
//! `?name=summits` fills the editor with a named question and runs it; a named question's
//! variables (`--bind subject=…` on the command line) are form fields here
//! (`?name=statements&bind.subject=organization:cica`), and a variable left open is shown as
//! a column. A question that needs a SERVICE the server does not allow says so instead of
//! failing. An empty answer says why, where that can be known ([`empty`](super::empty)).
//! Queries run on the same engine, with the same limits, as the SPARQL endpoint.

use super::super::http::{encode, Problem, Reply};
use super::super::sparql::{job, problem, returns_rdf};
use super::super::State;
use super::paging::{param, Page};
use super::{empty, layout, results, with_status};
use crate::query::{bind, NamedQuery, QueryText};
use crate::serve::{Engine, Job, Window};
use crate::suggest;
use maud::{html, Markup};
use oxhttp::model::StatusCode;
use oxigraph::model::Variable;
use spargebra::algebra::GraphPattern;
use spargebra::Query;

/// The prefix of a form field that binds a variable of a named question: `bind.subject`.
const BIND: &str = "bind.";

/// The SERVICE endpoint a named question needs that the server does not allow, if any.
pub fn blocked_service<'a>(state: &State, query: &'a NamedQuery) -> Option<&'a str> {
    let requires = query.header.requires.as_deref()?;
    let url = requires.split_once('<')?.1.split_once('>')?.0;
    (!state.options.services.iter().any(|s| s == url)).then_some(url)
}

/// The question as a reader asks it: without the command line's `--bind` instructions.
pub fn question(query: &NamedQuery) -> String {
    let text = &query.header.question;
    let mut kept = String::new();
    // Up to the first sentence that speaks of --bind (whose "..." would cut it into more).
    for sentence in text.split_inclusive(['?', '.']) {
        if sentence.contains("--bind") {
            break;
        }
        kept.push_str(sentence);
    }
    let kept = kept.trim();
    if kept.is_empty() {
        text.clone()
    } else {
        kept.to_owned()
    }
}

/// The variables of a named question that a reader may give: those its header binds.
pub fn fields(query: &NamedQuery) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    let text = format!(
        "{} {}",
        query.header.question,
        query.header.example.join(" ")
    );
    for part in text.split("--bind").skip(1) {
        let name: String = part
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && !fields.contains(&name) {
            fields.push(name);
        }
        // "subject=..., property=..., object=...": the other names in the same phrase.
        for more in part.split(", ").skip(1) {
            if let Some((name, _)) = more.split_once('=') {
                let name = name.trim();
                if !name.is_empty()
                    && name.chars().all(|c| c.is_alphanumeric() || c == '_')
                    && !fields.contains(&name.to_owned())
                {
                    fields.push(name.to_owned());
                }
            }
        }
    }
    fields
}

/// The named questions as a list: each a link, or, when it needs a SERVICE the server does
/// not allow, what it needs and the flag that allows it.
pub fn questions(state: &State) -> Markup {
    html! {
        ul.questions {
            @for query in &state.queries {
                li {
                    @match blocked_service(state, query) {
                        None => a href={ "/query?" (encode(&[("name", &query.name)])) } { (question(query)) },
                        Some(url) => {
                            (question(query)) br;
                            span.muted { "Needs SERVICE " code { (url) } ", which this server does not allow: start it with "
                                code { "--allow-service " (url) } ". " }
                            a href={ "/query?" (encode(&[("name", &query.name)])) } { "See the query" }
                        }
                    }
                }
            }
        }
    }
}

/// The query page.
pub fn page(state: &State, params: &[(String, String)]) -> Result<Reply, Problem> {
    let param = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let name = param("name");
    let named = name
        .as_deref()
        .and_then(|n| state.queries.iter().find(|q| q.name == n));
    let own = param("query");
    let text = own.clone().or_else(|| named.map(|q| q.text.clone()));
    let asked = named.filter(|_| own.is_none());
    let fields = asked.map(fields).unwrap_or_default();
    let values: Vec<(String, String)> = fields
        .iter()
        .map(|f| {
            let value = param(&format!("{BIND}{f}")).unwrap_or_default();
            (f.clone(), value.trim().to_owned())
        })
        .collect();
    let (status, answer) = match (&name, named, text.as_deref()) {
        (Some(name), None, None) => {
            let names = state.queries.iter().map(|q| q.name.as_str());
            let near = suggest::near(name, names, 3);
            let hint = match near.as_slice() {
                [] => String::new(),
                some => format!(" Did you mean {}?", some.join(", ")),
            };
            (
                StatusCode::NOT_FOUND,
                Some(
                    html! { p.error { "There is no named question \"" (name) "\"." (hint) " Pick one from the list." } },
                ),
            )
        }
        (_, _, None) => (StatusCode::OK, None),
        (_, _, Some(text)) if text.trim().is_empty() => (
            StatusCode::BAD_REQUEST,
            Some(
                html! { p.error { "The query is empty: write one in the editor, or pick a named question." } },
            ),
        ),
        (_, Some(query), Some(_)) if asked.is_some() && blocked_service(state, query).is_some() => {
            let url = blocked_service(state, query).unwrap_or_default();
            (
                StatusCode::OK,
                Some(html! {
                    p.error {
                        "This question needs SERVICE " code { (url) } ", which this server does not allow, so it is not run. "
                        "Start the server with " code { "--allow-service " (url) } " to answer it."
                    }
                }),
            )
        }
        (_, _, Some(text)) => match run(state, &state.engine, text, &values, params) {
            Ok(markup) => (StatusCode::OK, Some(markup)),
            Err(problem) => (
                problem.status,
                Some(html! { p.error { (problem.message) } }),
            ),
        },
    };
    let title = asked.map_or_else(
        || {
            if own.is_some() {
                "Your query".to_owned()
            } else {
                "Ask the graph".to_owned()
            }
        },
        question,
    );
    let main = html! {
        h1 { (title) }
        @if let (Some(query), false) = (asked, fields.is_empty()) {
            (field_form(state, query, &values))
        }
        details open[text.is_none()] {
            summary { "Named questions" }
            (questions(state))
        }
        form method="get" action="/query" {
            label for="query" { "SPARQL query (the prefixes cica:, summit:, place:, rdfs: … are predefined)" }
            textarea #query name="query" spellcheck="false" { (text.clone().unwrap_or_default()) }
            button type="submit" { "Run" }
        }
        @if let Some(answer) = answer {
            h2 { "Answer" }
            (answer)
        }
    };
    Ok(with_status(status, layout(&title, main)))
}

/// The fields of a named question's variables, with the entities and properties of the graph
/// to choose from.
fn field_form(state: &State, query: &NamedQuery, values: &[(String, String)]) -> Markup {
    let choices = results::choices(state);
    html! {
        form.fields method="get" action="/query" {
            input type="hidden" name="name" value=(query.name);
            p { "Narrow the answer (leave a field empty for every value):" }
            @for (field, value) in values {
                @let list = if field == "property" { "properties" } else { "entities" };
                label for={ "field-" (field) } { (field) }
                input id={ "field-" (field) } name={ (BIND) (field) } value=(value) list=(list)
                    placeholder=(if field == "property" { "cica:location" } else { "summit:1" });
            }
            button type="submit" { "Answer" }
            datalist #entities { @for (name, label) in &choices.entities { option value=(name) { (label) } } }
            datalist #properties { @for (name, label) in &choices.properties { option value=(name) { (label) } } }
        }
    }
}

/// Answers the named question `query` as its page does when a reader opens it (its fields,
/// if it has any, left empty), on `engine`, so that its first page of rows is kept for that
/// reader ([`State::warm_up`]).
pub fn keep_first_page(state: &State, engine: &Engine, query: &NamedQuery) -> Result<(), Problem> {
    let params = [("name".to_owned(), query.name.clone())];
    let empty: Vec<(String, String)> = fields(query)
        .into_iter()
        .map(|field| (field, String::new()))
        .collect();
    run(state, engine, &query.text, &empty, &params).map(drop)
}

/// Prepares the query (with the fields' values bound, and the open fields shown as columns),
/// runs it on `engine` and shows its answer, with the download links.
fn run(
    state: &State,
    engine: &Engine,
    text: &str,
    values: &[(String, String)],
    params: &[(String, String)],
) -> Result<Markup, Problem> {
    let mut bindings = Vec::new();
    for (field, value) in values.iter().filter(|(_, v)| !v.is_empty()) {
        let binding = bind::parse_binding(&format!("{field}={value}"), &state.prefixes)
            .map_err(|e| Problem::bad_request(format!("{field}: {e}")))?;
        bindings.push(binding);
    }
    let prepared = QueryText {
        origin: "query",
        text,
        prefixes: &state.prefixes,
        bindings: &bindings,
    }
    .prepare();
    // What was asked: the text and its fields. The query written back from its parse cannot
    // say it, since it differs from one parse of the same text to the next (a property path
    // gets a fresh variable each time).
    let asked = format!("{text}\n{values:?}");
    let text = match (&prepared, values.is_empty()) {
        (Ok(query), false) => {
            let open: Vec<Variable> = values
                .iter()
                .filter(|(_, v)| v.is_empty())
                .map(|(f, _)| Variable::new_unchecked(f.clone()))
                .collect();
            show_columns(query.clone(), &open).to_string()
        }
        _ => text.to_owned(),
    };
    let graph = returns_rdf(state, &text)?;
    let mut job = job(state, &text, if graph { "turtle" } else { "json" });
    // Sorted by none of its columns, a table comes in the query's order: only the rows of
    // its page are asked for (with the number of rows), not every row.
    let select = matches!(prepared, Ok(spargebra::Query::Select { .. }));
    if select && param(params, "sort").is_none() {
        job.window = Some(Window {
            page: Page::asked(param(params, "page")),
            size: results::PAGE,
        });
    }
    // A page of rows is kept: the graph does not change while the server runs.
    let key = Job {
        query: asked,
        ..job.clone()
    };
    let bytes = state
        .answers
        .get_or_run(&key, || engine.run(&state.kg, &state.prefixes, &job))
        .map_err(problem)?;
    let formats: &[(&str, &str)] = if graph {
        &[
            ("turtle", "Turtle"),
            ("ntriples", "N-Triples"),
            ("jsonld", "JSON-LD"),
            ("rdfxml", "RDF/XML"),
        ]
    } else {
        &[
            ("json", "JSON"),
            ("xml", "XML"),
            ("csv", "CSV"),
            ("tsv", "TSV"),
        ]
    };
    let (body, rows) = if graph {
        let rdf = String::from_utf8_lossy(&bytes).into_owned();
        let rows = rdf
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('@'))
            .count();
        (html! { pre { (rdf) } }, rows)
    } else if let Some(window) = job.window {
        let (total, rows) = super::super::window::split(&bytes).ok_or_else(|| {
            Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the answer does not say how many rows it has",
            )
        })?;
        let page = Page::numbered(total, window.size, window.page);
        results::page_table(state, rows, total, page, params)?
    } else {
        results::table(state, &bytes, params)?
    };
    let why = if rows == 0 {
        prepared
            .map(|q| empty::reasons(state, &q))
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    Ok(html! {
        (body)
        @if rows == 0 {
            div.empty {
                @if why.is_empty() {
                    p { "No rows: nothing in the graph matches every pattern of the query." }
                } @else {
                    p { "No rows. Why:" }
                    ul { @for reason in &why { li { (reason) } } }
                }
            }
        }
        p.formats {
            "Download: "
            @for (i, (name, label)) in formats.iter().enumerate() {
                @if i > 0 { " · " }
                a href={ "/sparql?" (encode(&[("query", &text), ("format", name)])) } { (label) }
            }
        }
    })
}

/// A SELECT query that also projects `open` (the fields left empty), first, so that the rows
/// say which subject and property each is about. Other queries are left as they are.
fn show_columns(query: Query, open: &[Variable]) -> Query {
    if open.is_empty() {
        return query;
    }
    match query {
        Query::Select { .. } => bind::rewrite_pattern(query, |pattern| project(pattern, open)),
        other => other,
    }
}

fn project(pattern: GraphPattern, open: &[Variable]) -> GraphPattern {
    match pattern {
        GraphPattern::Project { inner, variables } => {
            let mut all: Vec<Variable> = open
                .iter()
                .filter(|v| !variables.contains(v))
                .cloned()
                .collect();
            all.extend(variables);
            GraphPattern::Project {
                inner,
                variables: all,
            }
        }
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: Box::new(project(*inner, open)),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: Box::new(project(*inner, open)),
        },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: Box::new(project(*inner, open)),
            start,
            length,
        },
        other => other,
    }
}
