//! One HTTP exchange with the store, with ureq (https through rustls and the platform's
//! verifier): the credentials ([`super::auth`]) as an `Authorization` header, the timeout, the
//! answer cap, and the sorting of failures into those worth trying again (the connection
//! failed or dropped, the store answered 5xx) and those that are not (4xx, redirects, bad
//! URLs, an answer over the cap). Nothing here writes HTTP by hand.
//!
//! The timeout bounds each request's whole exchange: connecting, sending the body and
//! reading the whole answer (ureq's global timeout, which every read and write is given the
//! rest of), so a store that drips a byte a second is cut off at the deadline. All of it runs
//! on the calling thread, the host name's lookup too ([`super::resolver`]): when
//! [`Client::send`] returns, nothing of the exchange is left running. Redirects are not
//! followed: a PUT or POST re-sent elsewhere, or turned into a GET, is not what was asked.

use super::auth::Credentials;
use super::resolver::OnThisThread;
use super::shown::{excerpt, redact};
use super::{Connection, PushError, ANSWER_CAP};
use std::io::{self, Read};
use std::sync::Arc;
use std::time::Duration;
use ureq::http::header::{
    ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, LOCATION, WWW_AUTHENTICATE,
};
use ureq::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode, Uri};
use ureq::tls::{RootCerts, TlsConfig, TlsProvider};
use ureq::unversioned::transport::DefaultConnector;
use ureq::Agent;

/// Reads an endpoint URL: absolute http(s) with a host, without credentials or a fragment.
pub fn parse_url(url: &str) -> Result<Uri, PushError> {
    let bad = |why: &str| PushError::Url {
        url: redact(url),
        why: why.to_owned(),
    };
    let uri: Uri = url.parse().map_err(|e: ureq::http::uri::InvalidUri| {
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

/// ureq's client with the credentials and the timeout.
pub(crate) struct Client {
    agent: Agent,
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
        let tls = TlsConfig::builder()
            .provider(TlsProvider::Rustls)
            .root_certs(RootCerts::PlatformVerifier)
            .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .build();
        // The global timeout bounds every phase (the connection, each read and write get what
        // is left of it), so no phase needs its own. No proxy from the environment, no
        // connection kept for the next request, no redirect followed: as push did with oxhttp.
        let config = Agent::config_builder()
            .timeout_global(Some(connection.timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .proxy(None)
            .max_idle_connections(0)
            .user_agent(concat!("cica-kg/", env!("CARGO_PKG_VERSION"), " (push)"))
            .tls_config(tls)
            .build();
        Ok(Self {
            agent: Agent::with_parts(config, DefaultConnector::default(), OnThisThread),
            authorization,
            timeout: connection.timeout,
        })
    }

    /// Sends one request and reads the whole answer (at most [`ANSWER_CAP`]), all of it
    /// within the timeout, on this thread.
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
        let response = self.agent.run(request).map_err(|e| self.failure(e))?;
        let (head, answer) = response.into_parts();
        let (status, headers) = (head.status, head.headers);
        let content_type = header(&headers, CONTENT_TYPE);
        let mut location = header(&headers, LOCATION);
        if location.starts_with('/') {
            location.insert_str(0, &url_base(url));
        }
        let too_large = || {
            Failure::Fatal(format!(
                "the store's answer is larger than the {ANSWER_CAP} cap for store answers (HTTP {}); check that the URL is the store's endpoint",
                status.as_u16()
            ))
        };
        let length = header(&headers, CONTENT_LENGTH).parse::<u64>().ok();
        if status.is_success() && length.is_some_and(|n| n > ANSWER_CAP.0) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        answer
            .into_reader()
            .take(ANSWER_CAP.0 + 1)
            .read_to_end(&mut body)
            .map_err(|e| self.failure(e.into()))?;
        if body.len() as u64 > ANSWER_CAP.0 {
            if status.is_success() {
                return Err(too_large());
            }
            body.truncate(ANSWER_CAP.0 as usize);
        }
        let challenge = header(&headers, WWW_AUTHENTICATE);
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

    /// Sorts an error of ureq: past the deadline, or a bad request, or an I/O error.
    fn failure(&self, error: ureq::Error) -> Failure {
        match error {
            ureq::Error::Timeout(_) => timed_out(self.timeout),
            ureq::Error::Io(error) => io_failure(error, self.timeout),
            ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
                Failure::Fatal(format!("cannot send the request ({error})"))
            }
            other => Failure::Retry(format!("the request failed ({other})")),
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

/// The failure of an exchange that did not end in time.
fn timed_out(timeout: Duration) -> Failure {
    Failure::Retry(format!(
        "no complete answer within {} s (--timeout, which bounds each request: connecting, sending and reading the whole answer; raise it if the store is slow)",
        timeout.as_secs()
    ))
}

/// Sorts an I/O error: a bad request cannot succeed; anything else may on another attempt.
fn io_failure(error: io::Error, timeout: Duration) -> Failure {
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

/// A header's value, or "" when it is absent or not text.
fn header(headers: &HeaderMap, name: HeaderName) -> String {
    headers
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
