//! One HTTP exchange with the store, with Oxigraph's HTTP client (oxhttp; https through
//! rustls): the credentials ([`super::auth`]) as an `Authorization` header, the timeout, and the sorting of failures into those worth trying again (the connection
//! failed or dropped, the store answered 5xx) and those that are not (4xx, redirects, bad
//! URLs). Nothing here writes HTTP by hand.

use super::auth::Credentials;
use super::{Connection, PushError};
use oxhttp::model::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, LOCATION, WWW_AUTHENTICATE};
use oxhttp::model::{HeaderValue, Method, Request, StatusCode, Uri};
use std::io::{self, Read};
use std::time::Duration;

/// Reads an endpoint URL: absolute http(s) with a host, without credentials or a fragment.
pub fn parse_url(url: &str) -> Result<Uri, PushError> {
    let bad = |why: &str| PushError::Url {
        url: url.to_owned(),
        why: why.to_owned(),
    };
    let uri: Uri = url
        .parse()
        .map_err(|e| bad(&format!("is not a valid URL ({e})")))?;
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
    client: oxhttp::Client,
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
            client,
            authorization,
            timeout: connection.timeout,
        })
    }

    /// Sends one request and reads the whole answer.
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
        let response = self
            .client
            .request(request)
            .map_err(|e| self.io_failure(e))?;
        let status = response.status();
        let content_type = header(&response, CONTENT_TYPE);
        let location = header(&response, LOCATION);
        let challenge = header(&response, WWW_AUTHENTICATE);
        let mut body = Vec::new();
        response
            .into_body()
            .read_to_end(&mut body)
            .map_err(|e| self.io_failure(e))?;
        let answer = classify(status, &location, &content_type, body);
        answer
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

    /// Sorts an I/O error: a bad URL cannot succeed; anything else may on another attempt.
    fn io_failure(&self, error: io::Error) -> Failure {
        let seconds = self.timeout.as_secs();
        match error.kind() {
            io::ErrorKind::InvalidInput => {
                Failure::Fatal(format!("cannot send the request ({error})"))
            }
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Failure::Retry(format!(
                "no answer within {seconds} s (the timeout; raise it if the store is slow)"
            )),
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
        Err(Failure::Fatal(format!(
            "the store answered HTTP {code}, a redirect to '{location}'; give that URL instead"
        )))
    } else {
        Err(Failure::Fatal(format!("unexpected answer HTTP {code}")))
    }
}

/// The start of an answer's body for an error message: HTML markup removed, white space
/// collapsed, at most 300 characters.
fn excerpt(body: &[u8], html: bool) -> String {
    let text = String::from_utf8_lossy(body);
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' if html => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    let joined = words.join(" ");
    if joined.chars().count() > 300 {
        let mut cut: String = joined.chars().take(300).collect();
        cut.push('…');
        cut
    } else {
        joined
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
            assert!(!error.contains("pw@") || bad.contains("pw@"));
        }
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

    #[test]
    fn excerpts_are_short_plain_text() {
        assert_eq!(
            excerpt(
                b"<html><h1>403</h1>\n<xmp>SQ110: Permission   denied</xmp></html>",
                true
            ),
            "403 SQ110: Permission denied"
        );
        assert_eq!(
            excerpt(b"no <http://x/> here", false),
            "no <http://x/> here"
        );
        assert_eq!(excerpt(&[b'a'; 400], false).chars().count(), 301);
    }
}
