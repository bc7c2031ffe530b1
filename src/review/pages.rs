//! The review pages, maud templates (every value escaped): the index of the drafts, and a
//! draft's page: the article with every candidate's quote marked (each mark links to its
//! candidate), then each candidate as plain forms (accept, reject; edit in a `<details>`),
//! with the entity ids and labels of the data as a datalist and the ontology's properties as
//! a select list. No script: it works with JavaScript off.

use super::drafts::{Listed, Shown, View};
use crate::draft::Candidate;
use maud::{html, Markup, DOCTYPE};
use std::path::Path;

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#222}\
.article{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:1rem}\
mark a{color:inherit;text-decoration:none}\
.candidate{border:1px solid #ccc;border-radius:4px;padding:.5rem 1rem;margin:1rem 0}\
.problems,.problem{color:#a00}.notice{color:#060}\
form.decide{display:inline}label{display:block;margin:.25rem 0}\
input[type=text],textarea,select{width:100%;box-sizing:border-box}";

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · cica-kg review" }
                style { (maud::PreEscaped(STYLE)) }
            }
            body { (body) }
        }
    }
}

/// The list of drafts.
pub fn index(drafts: &[Listed], dir: &Path) -> Markup {
    layout(
        "Drafts",
        html! {
            h1 { "Drafts to review" }
            p { "In " code { (dir.display()) } ": the facts files with candidates awaiting review." }
            @if drafts.is_empty() {
                p { "No draft. Write one with " code { "cica-kg --data DIR draft ARTICLE.txt -o DIR/SOURCE.toml" } "." }
            }
            ul.drafts {
                @for d in drafts {
                    li {
                        a href=(format!("/draft/{}", d.name)) { (d.name) }
                        @if !d.title.is_empty() { ": " (d.title) }
                        " (" (d.candidates) " candidate" @if d.candidates != 1 { "s" } ")"
                    }
                }
            }
        },
    )
}

/// What a notice in the page's URL (after a decision) says.
fn notice_text(notice: &str) -> Option<&'static str> {
    Some(match notice {
        "accepted" => "Accepted: the candidate is now a statement.",
        "accepted-new" => {
            "Accepted: the candidate is now a statement, and its new entities are in entities.toml."
        }
        "rejected" => "Rejected: the candidate is removed.",
        "edited" => "Edited: the candidate is changed; check it below, then accept it.",
        _ => return None,
    })
}

/// A draft's page.
pub fn draft(view: &View, token: &str, notice: Option<&str>, problems: &[String]) -> Markup {
    layout(
        &view.title,
        html! {
            p { a href="/" { "All drafts" } }
            h1 { (view.title) }
            p { "Draft " code { (view.file.display()) } ": " (view.candidates.len()) " candidates. Each decision rewrites the file at once." }
            @if let Some(text) = notice.and_then(notice_text) { p.notice role="status" { (text) } }
            @if !problems.is_empty() || !view.problems.is_empty() {
                ul.problems role="alert" {
                    @for (i, p) in problems.iter().chain(&view.problems).enumerate() {
                        // The problems of a refused decision are most often those of the page.
                        @if !problems[..i.min(problems.len())].contains(p) { li { (p) } }
                    }
                }
            }
            datalist #entities {
                @for (id, label) in &view.entities { option value=(id) { (label) } }
            }
            @if let Some(article) = &view.article {
                h2 { "The article" }
                div.article { (marked(article, &view.candidates)) }
            }
            @if !view.new_entities.is_empty() {
                h2 { "New entities" }
                p { "Each is added to entities.toml with the first accepted candidate that uses it." }
                ul.new-entities {
                    @for e in &view.new_entities { li { code { (e.id) } " (" (e.class) "): " (e.label) } }
                }
            }
            h2 { "Candidates" }
            @for shown in &view.candidates { (candidate(shown, view, token)) }
        },
    )
}

/// The article with each candidate's quote marked: the text is cut at every quote's start and
/// end, and a piece inside quotes links to the first candidate quoting it.
fn marked(article: &str, candidates: &[Shown]) -> Markup {
    let chars: Vec<char> = article.chars().collect();
    let mut cuts: Vec<usize> = candidates
        .iter()
        .filter_map(|c| c.quote)
        .flat_map(|(s, e)| [s, e])
        .chain([0, chars.len()])
        .filter(|&i| i <= chars.len())
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    html! {
        @for piece in cuts.windows(2) {
            @let (start, end) = (piece[0], piece[1]);
            @let words: String = chars[start..end].iter().collect();
            @let inside: Vec<&Shown> = candidates.iter().filter(|c| c.quote.is_some_and(|(s, e)| s <= start && end <= e)).collect();
            @if let Some(first) = inside.first() {
                mark data-candidates=(inside.iter().map(|c| (c.index + 1).to_string()).collect::<Vec<_>>().join(" ")) {
                    a href=(format!("#c{}", first.index + 1)) { (words) }
                }
            } @else {
                (words)
            }
        }
    }
}

/// The value of a candidate as text.
fn value_of(c: &Candidate) -> String {
    c.object
        .clone()
        .or_else(|| c.text.clone())
        .or_else(|| c.date.clone())
        .or_else(|| c.integer.map(|n| n.to_string()))
        .or_else(|| c.boolean.map(|b| b.to_string()))
        .unwrap_or_default()
}

/// A candidate: what it says, its problems, its forms.
fn candidate(shown: &Shown, view: &View, token: &str) -> Markup {
    let c = &shown.candidate;
    let action = format!("/draft/{}/candidate/{}", view.name, shown.index);
    let time = [
        ("at", &c.point_in_time),
        ("from", &c.start),
        ("until", &c.end),
    ]
    .iter()
    .filter_map(|(w, t)| t.as_ref().map(|t| format!("{w} {t}")))
    .collect::<Vec<_>>()
    .join(" ");
    let hidden = html! {
        input type="hidden" name="token" value=(token);
        input type="hidden" name="seen" value=(shown.fingerprint);
    };
    html! {
        section.candidate id=(format!("c{}", shown.index + 1)) {
            h3 {
                (shown.index + 1) ". " code.subject { (c.subject) } " " code.property { (c.property) } " "
                code.value { (value_of(c)) } @if !time.is_empty() { " " span.time { (time) } }
            }
            blockquote.quote { (c.quote) }
            p.why { "Line " (shown.line) "; confidence " (c.confidence) "; " (c.why) }
            @if shown.quote.is_none() { p.problem { "Its quote is not found exactly once in the article." } }
            @for p in &shown.problems { p.problem { (p) } }
            form.decide method="post" action=(action) {
                (hidden)
                button type="submit" name="action" value="accept" { "Accept" }
                " "
                button type="submit" name="action" value="reject" { "Reject" }
            }
            details {
                summary { "Edit" }
                form.edit method="post" action=(action) {
                    (hidden)
                    input type="hidden" name="action" value="edit";
                    label { "Subject " input type="text" name="subject" list="entities" value=(c.subject) required; }
                    label { "Property "
                        select name="property" {
                            @for p in &view.properties { option value=(p) selected[*p == c.property] { (p) } }
                        }
                    }
                    label { "Value (an entity id, text, date, number, true or false, as the property takes) " input type="text" name="value" list="entities" value=(value_of(c)) required; }
                    label { "Point in time " input type="text" name="point_in_time" value=(c.point_in_time.clone().unwrap_or_default()); }
                    label { "Start " input type="text" name="start" value=(c.start.clone().unwrap_or_default()); }
                    label { "End " input type="text" name="end" value=(c.end.clone().unwrap_or_default()); }
                    label { "Quote (the article's exact words) " textarea name="quote" rows="2" required { (c.quote) } }
                    button type="submit" { "Save the edit" }
                }
            }
        }
    }
}
