//! One HTTP exchange with the store, with Oxigraph's HTTP client (oxhttp; https through
//! rustls): the credentials ([`super::auth`]) as an `Authorization` header, the timeout, the
//! answer cap, and the sorting of failures into those worth trying again (the connection
//! failed or dropped, the store answered 5xx) and those that are not (4xx, redirects, bad
//! URLs, an answer over the cap). Nothing here writes HTTP by hand.
//!
//! The timeout bounds each request's whole exchange: connecting, sending the body and
//! reading the whole answer. oxhttp's own timeout bounds each read and write only (a store
//! that drips a byte a second never trips it), so the exchange runs on a thread of its own
//! and the caller stops waiting at the deadline; that thread ends by itself at its next read
//! of the body (an [`input::Deadline`](crate::input::Deadline) reader) or when its socket times out, and the answer it may
//! still read is capped, so memory stays bounded. Redirects are not followed: a PUT or POST
//! re-sent elsewhere, or turned into a GET, is not what was asked.

use super::auth::Credentials;
use super::shown::{excerpt, redact};
use super::{Connection, PushError, ANSWER_CAP};
use crate::input;
use oxhttp::model::header::{
    ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, LOCATION, WWW_AUTHENTICATE,
};
use oxhttp::model::{HeaderValue, Method, Request, StatusCode, Uri};
use std::io::{self, Read};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// Reads an endpoint URL: absolute http(s) with a host, without credentials or a fragment.
pub fn parse_url(url: &str) -> Result<Uri, PushError> {
    let bad = |why: &str| PushError::Url {
        url: redact(url),
        why: why.to_owned(),
    };
    let uri: Uri = url.parse().map_err(|e: oxhttp::model::uri::InvalidUri| {
        bad(&format!("is not a valid URL ({})", redact(&e.to_string())))
    })?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) || uri.host().is_none() {
        return Err(bad(
            "is not an http:// or https:// URL with a host, such as http://127.0.0.1:7878/store",
        ));
    }
    if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
        return Err(bad(
            "holds credentials; leave them out of the URL and give them in the environment",
        ));
    }
    if url.contains('#') {
        return Err(bad("has a fragment (#...); leave it out"));
    }
    Ok(uri)
}

/// Why one request failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Worth trying again: the connection failed or dropped, or a 5xx answer.
    Retry(String),
    /// A 4xx answer.
    Refused {
        /// The status.
        status: u16,
        /// The start of the body.
        excerpt: String,
        /// The authentication scheme a 401 asks for (`WWW-Authenticate`), such as `Digest`.
        challenge: Option<String>,
    },
    /// Cannot succeed as it is.
    Fatal(String),
}

impl Failure {
    /// Whether the store refused the request for its size: 413, or a 400 or 500 that says so
    /// (Virtuoso: "SP031: ... The length of generated SQL text has exceeded 10000 lines").
    pub(crate) fn request_too_large(&self) -> bool {
        let says_so = |text: &str| {
            let text = text.to_ascii_lowercase();
            ["sp031", "too large", "too big", "too long", "exceeded"]
                .iter()
                .any(|word| text.contains(word))
        };
        match self {
            Self::Refused { status: 413, .. } => true,
            Self::Refused {
                status: 400,
                excerpt,
                ..
            } => says_so(excerpt),
            Self::Retry(reason) => {
                reason.starts_with("the store answered HTTP 500") && says_so(reason)
            }
            _ => false,
        }
    }

    /// The error to report after `attempts` attempts of `what` to `url`.
    pub(crate) fn into_error(self, what: &str, url: &str, attempts: u32) -> PushError {
        let (what, url) = (what.to_owned(), url.to_owned());
        match self {
            Self::Retry(reason) => PushError::GaveUp {
                what,
                url,
                attempts,
                reason,
            },
            Self::Refused {
                status,
                excerpt,
                challenge,
            } => PushError::Refused {
                what,
                url,
                status,
                excerpt,
                challenge,
            },
            Self::Fatal(why) => PushError::Failed { what, url, why },
        }
    }
}

/// A successful answer.
pub(crate) struct Answer {
    /// Its media type.
    pub content_type: String,
    /// Its body.
    pub body: Vec<u8>,
}

/// Oxigraph's HTTP client with the credentials and the timeout.
pub(crate) struct Client {
    client: Arc<oxhttp::Client>,
    authorization: Option<HeaderValue>,
    timeout: Duration,
}

impl Client {
    /// A client for `connection`.
    pub(crate) fn new(connection: &Connection) -> Result<Self, PushError> {
        let authorization = connection
            .credentials
            .as_ref()
            .map(Credentials::header)
            .transpose()
            .map_err(|why| PushError::Url {
                url: "(credentials)".to_owned(),
                why,
            })?;
        let client = oxhttp::Client::new()
            .with_global_timeout(connection.timeout)
            .with_user_agent(concat!("cica-kg/", env!("CARGO_PKG_VERSION"), " (push)"))
            .expect("the User-Agent is a valid header value");
        Ok(Self {
            client: Arc::new(client),
            authorization,
            timeout: connection.timeout,
        })
    }

    /// Sends one request and reads the whole answer (at most [`ANSWER_CAP`]), all of it
    /// within the timeout.
    pub(crate) fn send(
        &self,
        method: &Method,
        url: &Uri,
        content_type: &str,
        accept: Option<&str>,
        body: Vec<u8>,
    ) -> Result<Answer, Failure> {
        let mut request = Request::builder()
            .method(method.clone())
            .uri(url.clone())
            .header(CONTENT_TYPE, content_type);
        if let Some(accept) = accept {
            request = request.header(ACCEPT, accept);
        }
        if let Some(authorization) = &self.authorization {
            request = request.header(AUTHORIZATION, authorization.clone());
        }
        let request = request
            .body(body)
            .map_err(|e| Failure::Fatal(format!("cannot build the request ({e})")))?;
        let (client, timeout) = (Arc::clone(&self.client), self.timeout);
        let deadline = Instant::now() + timeout;
        let base = url_base(url);
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("push-request".to_owned())
            .spawn(move || {
                let _ = sender.send(exchange(&client, request, base, deadline, timeout));
            })
            .map_err(|e| Failure::Retry(format!("cannot start a thread for the request ({e})")))?;
        match receiver.recv_timeout(timeout) {
            Ok(answer) => answer,
            Err(mpsc::RecvTimeoutError::Timeout) => Err(timed_out(timeout)),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Retry(
                "the request stopped without an answer".to_owned(),
            )),
        }
    }
}

/// `scheme://authority` of `url`, to resolve a `Location` that starts with `/`.
fn url_base(url: &Uri) -> String {
    format!(
        "{}://{}",
        url.scheme_str().unwrap_or("http"),
        url.authority().map_or("", |a| a.as_str())
    )
}

/// The exchange itself, on its own thread: send, then read the answer by `deadline`.
fn exchange(
    client: &oxhttp::Client,
    request: Request<Vec<u8>>,
    base: String,
    deadline: Instant,
    timeout: Duration,
) -> Result<Answer, Failure> {
    let response = client
        .request(request)
        .map_err(|e| io_failure(e, timeout))?;
    let status = response.status();
    let content_type = header(&response, CONTENT_TYPE);
    let mut location = header(&response, LOCATION);
    if location.starts_with('/') {
        location.insert_str(0, &base);
    }
    let challenge = header(&response, WWW_AUTHENTICATE);
    let too_large = || {
        Failure::Fatal(format!(
            "the store's answer is larger than the {ANSWER_CAP} cap for store answers (HTTP {}); check that the URL is the store's endpoint",
            status.as_u16()
        ))
    };
    let length = header(&response, CONTENT_LENGTH).parse::<u64>().ok();
    if status.is_success() && length.is_some_and(|n| n > ANSWER_CAP.0) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    input::Deadline {
        inner: response.into_body(),
        deadline,
    }
    .take(ANSWER_CAP.0 + 1)
    .read_to_end(&mut body)
    .map_err(|e| io_failure(e, timeout))?;
    if body.len() as u64 > ANSWER_CAP.0 {
        if status.is_success() {
            return Err(too_large());
        }
        body.truncate(ANSWER_CAP.0 as usize);
    }
    classify(status, &location, &content_type, body)
        .map(|body| Answer { content_type, body })
        .map_err(|failure| match failure {
            Failure::Refused {
                status, excerpt, ..
            } => Failure::Refused {
                status,
                excerpt,
                challenge: challenge.split_whitespace().next().map(str::to_owned),
            },
            other => other,
        })
}

/// The failure of an exchange that did not end in time.
fn timed_out(timeout: Duration) -> Failure {
    Failure::Retry(format!(
        "no complete answer within {} s (--timeout, which bounds each request: connecting, sending and reading the whole answer; raise it if the store is slow)",
        timeout.as_secs()
    ))
}

/// Sorts an I/O error: a bad URL or a redirect cannot succeed; anything else may on another
/// attempt.
fn io_failure(error: io::Error, timeout: Duration) -> Failure {
    // oxhttp follows no redirect (its limit is 0) and reports a 301, 302 or 303 as this
    // error, with the target; the answer itself is gone.
    let message = error.to_string();
    if let Some(target) = message
        .strip_prefix("The server requested too many redirects")
        .and_then(|rest| rest.split_once("The latest redirection target is "))
        .map(|(_, target)| target.trim())
    {
        return Failure::Fatal(redirected("a redirect (HTTP 301, 302 or 303)", target));
    }
    match error.kind() {
        io::ErrorKind::InvalidInput => Failure::Fatal(format!("cannot send the request ({error})")),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => timed_out(timeout),
        io::ErrorKind::ConnectionRefused => Failure::Retry(format!(
            "cannot connect ({error}); check that the store is running at that address"
        )),
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe
        | io::ErrorKind::UnexpectedEof => Failure::Retry(format!(
            "the store closed the connection before it answered ({error})"
        )),
        _ => Failure::Retry(format!("the request failed ({error})")),
    }
}

/// Says that the store answered `what` to `target` and that it is not followed.
fn redirected(what: &str, target: &str) -> String {
    format!(
        "the store answered {what} to '{}'; redirects are not followed (the request would be sent again elsewhere, or turned into a GET): give that URL instead if it is the store's endpoint",
        redact(target)
    )
}

fn header(
    response: &oxhttp::model::Response<oxhttp::model::Body>,
    name: oxhttp::model::HeaderName,
) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

/// 2xx is success; 5xx is worth another attempt; 4xx is refused; a redirect names where to go.
fn classify(
    status: StatusCode,
    location: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Result<Vec<u8>, Failure> {
    if status.is_success() {
        return Ok(body);
    }
    let excerpt = excerpt(&body, content_type.contains("html"));
    let code = status.as_u16();
    if status.is_server_error() {
        let mut reason = format!("the store answered HTTP {code}");
        if !excerpt.is_empty() {
            reason.push_str(": ");
            reason.push_str(&excerpt);
        }
        Err(Failure::Retry(reason))
    } else if status.is_client_error() {
        Err(Failure::Refused {
            status: code,
            excerpt,
            challenge: None,
        })
    } else if status.is_redirection() {
        Err(Failure::Fatal(redirected(
            &format!("HTTP {code}, a redirect,"),
            location,
        )))
    } else {
        Err(Failure::Fatal(format!("unexpected answer HTTP {code}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked() {
        assert!(parse_url("http://127.0.0.1:7878/store").is_ok());
        assert!(parse_url("https://example.org/sparql?x=1").is_ok());
        for (bad, why) in [
            ("ftp://example.org/", "http://"),
            ("/store", "http://"),
            ("http://user:pw@example.org/", "environment"),
            ("http://example.org/store#x", "fragment"),
            ("not a url", "not a valid URL"),
        ] {
            let error = parse_url(bad).unwrap_err().to_string();
            assert!(error.contains(why), "{bad}: {error}");
            assert!(!error.contains(":pw@"), "{error}");
        }
    }

    #[test]
    fn requests_refused_for_their_size_are_told_apart() {
        let refused = |status, excerpt: &str| Failure::Refused {
            status,
            excerpt: excerpt.to_owned(),
            challenge: None,
        };
        assert!(refused(413, "").request_too_large());
        assert!(refused(400, "Virtuoso 37000 Error SP031: SPARQL: Internal error: The length of generated SQL text has exceeded 10000 lines of code").request_too_large());
        assert!(!refused(400, "Parse error: unexpected '}'").request_too_large());
        assert!(!refused(401, "too large").request_too_large());
        assert!(Failure::Retry("the store answered HTTP 500: SP031".into()).request_too_large());
        assert!(!Failure::Retry("the store answered HTTP 503: busy".into()).request_too_large());
        assert!(!Failure::Retry("cannot connect".into()).request_too_large());
    }

    #[test]
    fn answers_are_sorted() {
        assert!(classify(StatusCode::NO_CONTENT, "", "", Vec::new()).is_ok());
        assert!(matches!(
            classify(StatusCode::INTERNAL_SERVER_ERROR, "", "text/plain", b"boom".to_vec()),
            Err(Failure::Retry(r)) if r == "the store answered HTTP 500: boom"
        ));
        assert!(matches!(
            classify(StatusCode::UNAUTHORIZED, "", "", Vec::new()),
            Err(Failure::Refused { status: 401, .. })
        ));
        assert!(matches!(
            classify(StatusCode::FOUND, "http://x/", "", Vec::new()),
            Err(Failure::Fatal(r)) if r.contains("http://x/")
        ));
    }
}
