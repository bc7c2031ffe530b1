//! The small HTTP vocabulary of the server's handlers: responses, the [`Problem`] a handler
//! answers with when it cannot serve a request (a status and a message a person can act on),
//! the parameters of a URL or form, and reading a request body within its size limit.

use oxhttp::model::header::{ALLOW, CONTENT_LENGTH, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode};
use std::io::Read;

/// A response of the server.
pub type Reply = Response<Body>;

/// Why a request cannot be served: its status, a message, and any headers it needs
/// (`Allow` for 405, `Retry-After` for 503).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The status.
    pub status: StatusCode,
    /// What went wrong and what to do, as plain text.
    pub message: String,
    /// Extra headers.
    pub headers: Vec<(&'static str, String)>,
}

impl Problem {
    /// A problem with this status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            headers: Vec::new(),
        }
    }

    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404 Not Found.
    pub fn not_found(path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            format!("nothing here: {path} is not a page, an endpoint or a resource of this graph; the home page / links to every entity"),
        )
    }

    /// 405 Method Not Allowed, with the methods that are.
    pub fn method_not_allowed(method: &str, allow: &str) -> Self {
        let mut problem = Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{method} is not allowed here; use {allow}"),
        );
        problem.headers.push((ALLOW.as_str(), allow.to_owned()));
        problem
    }

    /// 403 Forbidden: the server is read-only.
    pub fn read_only(what: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            format!("{what}: this server is read-only; the graph is built from the facts of the articles (edit them and restart it)"),
        )
    }

    /// 406 Not Acceptable, listing what is offered.
    pub fn not_acceptable(offers: &[&str]) -> Self {
        Self::new(
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "none of the media types in the Accept header is available here; ask for one of: {}",
                offers.join(", ")
            ),
        )
    }

    /// 503 Service Unavailable, to be tried again after `seconds`.
    pub fn unavailable(message: impl Into<String>, seconds: u64) -> Self {
        let mut problem = Self::new(StatusCode::SERVICE_UNAVAILABLE, message);
        problem
            .headers
            .push((RETRY_AFTER.as_str(), seconds.to_string()));
        problem
    }

    /// The response.
    pub fn into_reply(self) -> Reply {
        let mut reply = text(self.status, format!("{}\n", self.message));
        for (name, value) in self.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                reply.headers_mut().insert(name, value);
            }
        }
        reply
    }
}

/// A response with a body of this media type.
pub fn body(status: StatusCode, media_type: &str, bytes: Vec<u8>) -> Reply {
    let mut reply = Response::builder()
        .status(status)
        .body(Body::from(bytes))
        .expect("a status and a body make a response");
    if let Ok(value) = HeaderValue::from_str(media_type) {
        reply.headers_mut().insert(CONTENT_TYPE, value);
    }
    reply
}

/// A plain-text response.
pub fn text(status: StatusCode, message: String) -> Reply {
    body(status, "text/plain; charset=utf-8", message.into_bytes())
}

/// A redirect to `location`.
pub fn redirect(status: StatusCode, location: &str) -> Reply {
    let mut reply = text(status, format!("see {location}\n"));
    if let Ok(value) = HeaderValue::from_str(location) {
        reply.headers_mut().insert(LOCATION, value);
    }
    reply
}

/// Adds a header, leaving out a value that is not a valid header value.
pub fn set_header(reply: &mut Reply, name: &'static str, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        reply.headers_mut().insert(name, value);
    }
}

/// The value of a request header, if it is text.
pub fn header<'a>(request: &'a Request<Body>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The media type of the request body, lower case, without parameters.
pub fn content_type(request: &Request<Body>) -> Option<String> {
    header(request, CONTENT_TYPE.as_str()).map(|v| {
        v.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    })
}

/// Refuses (400) a URL whose path or query string is not UTF-8 once percent-decoded, rather
/// than reading it with replacement characters.
pub fn check_url(request: &Request<Body>) -> Result<(), Problem> {
    let uri = request.uri();
    for (part, text) in [
        ("path", uri.path()),
        ("query string", uri.query().unwrap_or("")),
    ] {
        if let Err(error) = String::from_utf8(percent_decode(text.as_bytes())) {
            let at = error.utf8_error().valid_up_to();
            return Err(Problem::bad_request(format!(
                "the URL's {part} is not UTF-8 once percent-decoded (byte {at} of the decoded text starts an invalid sequence); percent-encode the UTF-8 bytes of the text"
            )));
        }
    }
    Ok(())
}

/// The bytes of percent-encoded text (a `%` not followed by two hex digits stays as it is).
fn percent_decode(text: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut bytes = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        match (
            text[i],
            text.get(i + 1).copied().and_then(hex),
            text.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                bytes.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                bytes.push(byte);
                i += 1;
            }
        }
    }
    bytes
}

/// The parameters of the URL's query string, decoded.
pub fn url_parameters(request: &Request<Body>) -> Vec<(String, String)> {
    form(request.uri().query().unwrap_or_default().as_bytes())
}

/// `application/x-www-form-urlencoded` parameters, decoded.
pub fn form(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

/// A query string for these parameters, encoded.
pub fn encode(parameters: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(parameters)
        .finish()
}

/// The request body, refused with 413 when it is longer than `limit` bytes.
pub fn read_body(request: &mut Request<Body>, limit: usize) -> Result<Vec<u8>, Problem> {
    let too_large = || {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than this server's limit of {limit} bytes; send a shorter query"),
        )
    };
    let declared = header(request, CONTENT_LENGTH.as_str()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    request
        .body_mut()
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::bad_request(format!("cannot read the request body: {e}")))?;
    if bytes.len() > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The body as UTF-8 text.
pub fn utf8(bytes: Vec<u8>) -> Result<String, Problem> {
    String::from_utf8(bytes).map_err(|_| Problem::bad_request("the request body is not UTF-8"))
}
