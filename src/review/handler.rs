//! The review server's handler: one plain function from a request to a response, tested
//! in-process. `GET /` lists the drafts, `GET /draft/NAME` shows one, and
//! `POST /draft/NAME/candidate/N` makes a decision, then redirects back (303) to the page, or
//! shows the page again with the problems (422) and the file unchanged.
//!
//! Against requests from other sites: every request must name the bound address as its
//! `Host` (a DNS-rebinding page cannot read the token), and a decision must carry the
//! process's random token from the page's form and, when the browser sends an `Origin` (or a
//! `Referer`), come from the page's own origin; otherwise 403 with the reason. Bodies are
//! capped ([`super::MAX_BODY_BYTES`]); decisions are made one at a time.

use super::decide::{self, DecideError, Decision, Done, Edit};
use super::{drafts, pages, State, MAX_BODY_BYTES};
use hyper::header::{HeaderValue, CONTENT_TYPE, HOST, LOCATION, ORIGIN, REFERER};
use hyper::{Method, StatusCode};
use std::collections::HashMap;

/// A request: its body read whole (at most [`MAX_BODY_BYTES`] + 1 bytes).
pub type Request = hyper::Request<Vec<u8>>;
/// A response.
pub type Response = hyper::Response<Vec<u8>>;

/// Answers one request.
pub fn handle(state: &State, request: &Request) -> Response {
    let mut response =
        route(state, request).unwrap_or_else(|(status, message)| text(status, &message));
    if response.status() == StatusCode::METHOD_NOT_ALLOWED {
        let allow = if request.uri().path().contains("/candidate/") {
            "POST"
        } else {
            "GET, HEAD"
        };
        response
            .headers_mut()
            .insert(hyper::header::ALLOW, HeaderValue::from_static(allow));
    }
    let headers = response.headers_mut();
    for (name, value) in [
        // No script, no frame (against clickjacking), forms only to this server.
        ("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("cache-control", "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

type Refusal = (StatusCode, String);

fn route(state: &State, request: &Request) -> Result<Response, Refusal> {
    let host = allowed_host(state, request)?;
    let path = request.uri().path();
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let method = request.method();
    match (parts.as_slice(), method) {
        ([""], &Method::GET | &Method::HEAD) => Ok(html(
            StatusCode::OK,
            pages::index(&drafts::list(&state.dir), &state.dir),
        )),
        (["draft", name], &Method::GET | &Method::HEAD) => {
            let notice = query(request).get("done").cloned();
            show(state, name, notice.as_deref(), &[], StatusCode::OK)
        }
        (["draft", name, "candidate", index], &Method::POST) => {
            let index: usize = index.parse().map_err(|_| not_found(path))?;
            check_origin(request, &host)?;
            post(state, request, name, index)
        }
        ([""] | ["draft", _], _) => Err(not_allowed(method, "GET or HEAD")),
        (["draft", _, "candidate", _], _) => Err(not_allowed(method, "POST")),
        _ => Err(not_found(path)),
    }
}

/// The page of a draft, with a notice or problems.
fn show(
    state: &State,
    name: &str,
    notice: Option<&str>,
    problems: &[String],
    status: StatusCode,
) -> Result<Response, Refusal> {
    let view = drafts::view(&state.dir, name, state.ontology)
        .ok_or_else(|| not_found(&format!("/draft/{name}")))?;
    Ok(html(
        status,
        pages::draft(&view, &state.token, notice, problems),
    ))
}

/// A decision: the token, then the decision, then 303 back to the page (or the page with the
/// problems, 422).
fn post(state: &State, request: &Request, name: &str, index: usize) -> Result<Response, Refusal> {
    if request.body().len() > MAX_BODY_BYTES {
        return Err((
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the form is larger than {MAX_BODY_BYTES} bytes; a decision is a few hundred"),
        ));
    }
    let form_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if !form_type {
        return Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the page's form (application/x-www-form-urlencoded)".to_owned(),
        ));
    }
    let form: HashMap<String, String> = form_urlencoded::parse(request.body())
        .into_owned()
        .collect();
    let token = form.get("token").map(String::as_str).unwrap_or_default();
    if !same(token.as_bytes(), state.token.as_bytes()) {
        return Err((StatusCode::FORBIDDEN, "refused: the form's token is missing or wrong (it changes each time cica-kg review starts); reload the review page and decide again".to_owned()));
    }
    let field = |k: &str| form.get(k).cloned().unwrap_or_default();
    let decision = match field("action").as_str() {
        "accept" => Decision::Accept,
        "reject" => Decision::Reject,
        "edit" => Decision::Edit(Edit {
            subject: field("subject"),
            property: field("property"),
            value: field("value"),
            point_in_time: field("point_in_time"),
            start: field("start"),
            end: field("end"),
            quote: field("quote"),
        }),
        other => {
            return Err((
                StatusCode::BAD_REQUEST,
                format!("unknown action '{other}': accept, reject or edit"),
            ))
        }
    };
    let decided = {
        let _one_at_a_time = state.writing.lock().unwrap_or_else(|e| e.into_inner());
        decide::decide(
            &state.dir,
            name,
            state.ontology,
            index,
            &field("seen"),
            &decision,
        )
    };
    match decided {
        Ok(done) => {
            let notice = match done {
                Done::Accepted(a) if !a.entities.is_empty() => "accepted-new",
                Done::Accepted(_) => "accepted",
                Done::Rejected => "rejected",
                Done::Edited => "edited",
            };
            let mut response = html(
                StatusCode::SEE_OTHER,
                maud::html! { a href=(format!("/draft/{name}?done={notice}")) { "back to the draft" } },
            );
            let location = HeaderValue::from_str(&format!("/draft/{name}?done={notice}"))
                .map_err(|_| not_found(name))?;
            response.headers_mut().insert(LOCATION, location);
            Ok(response)
        }
        Err(DecideError::NoDraft(_)) => Err(not_found(&format!("/draft/{name}"))),
        Err(DecideError::Accept(decide_accept_error)) => {
            let problems = match decide_accept_error {
                crate::draft::accept::AcceptError::Refused(p) => {
                    p.0.iter().map(ToString::to_string).collect()
                }
                other => vec![other.to_string()],
            };
            let mut all = vec![format!(
                "candidate {} not accepted; the file is unchanged:",
                index + 1
            )];
            all.extend(problems);
            show(state, name, None, &all, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => show(
            state,
            name,
            None,
            &[format!("nothing changed: {e}")],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    }
}

/// The `Host` the request names, if it is the bound address (or `localhost` at its port, for
/// a loopback address); else 403.
fn allowed_host(state: &State, request: &Request) -> Result<String, Refusal> {
    let host = request
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let address = state.address;
    let allowed = host == address.to_string()
        || (address.ip().is_loopback() && host == format!("localhost:{}", address.port()))
        || address.ip().is_unspecified();
    if allowed && !host.is_empty() {
        Ok(host)
    } else {
        Err((StatusCode::FORBIDDEN, format!("refused: this review server answers only at http://{address}/ (the request named the host '{host}')")))
    }
}

/// A decision must come from the page's own origin, when the browser says where it comes from.
fn check_origin(request: &Request, host: &str) -> Result<(), Refusal> {
    let own = format!("http://{host}");
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let from = match (header(ORIGIN), header(REFERER)) {
        (Some(origin), _) if origin == own => return Ok(()),
        (Some(origin), _) => origin.to_owned(),
        (None, Some(referer))
            if referer
                .strip_prefix(&own)
                .is_some_and(|r| r.starts_with('/')) =>
        {
            return Ok(())
        }
        (None, Some(referer)) => referer.to_owned(),
        (None, None) => return Ok(()),
    };
    Err((StatusCode::FORBIDDEN, format!("refused: a decision from another origin ({from}); only the review page at {own}/ may send one")))
}

/// Whether two byte strings are equal, in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

fn query(request: &Request) -> HashMap<String, String> {
    form_urlencoded::parse(request.uri().query().unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

fn not_found(path: &str) -> Refusal {
    (
        StatusCode::NOT_FOUND,
        format!("nothing here: {path}; the drafts are listed at /"),
    )
}

fn not_allowed(method: &Method, allow: &str) -> Refusal {
    (
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed here; use {allow}"),
    )
}

fn html(status: StatusCode, markup: maud::Markup) -> Response {
    respond(status, "text/html; charset=utf-8", markup.into_string())
}

fn text(status: StatusCode, message: &str) -> Response {
    respond(status, "text/plain; charset=utf-8", format!("{message}\n"))
}

fn respond(status: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut response = Response::new(body.into_bytes());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
