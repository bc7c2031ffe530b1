//! Credentials for the store, HTTP basic or bearer, and the `Authorization` header they
//! make. They come from the environment (the command line reads it; the library is handed
//! them), are marked sensitive in the header, and are never shown: not by `Debug`, not in
//! an error.

use std::fmt;
use ureq::http::HeaderValue;

/// Credentials for the store: HTTP basic (user and password) or a bearer token.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// `Authorization: Basic base64(user:password)`.
    Basic {
        /// The user name.
        user: String,
        /// The password.
        password: String,
    },
    /// `Authorization: Bearer TOKEN`.
    Bearer(String),
}

/// Never shows the secrets.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Basic { .. } => f.write_str("Credentials::Basic(<redacted>)"),
            Self::Bearer(_) => f.write_str("Credentials::Bearer(<redacted>)"),
        }
    }
}

impl Credentials {
    /// The `Authorization` header value, marked sensitive.
    pub(crate) fn header(&self) -> Result<HeaderValue, String> {
        let text = match self {
            Self::Basic { user, password } => {
                let mut pair = user.clone().into_bytes();
                pair.push(b':');
                pair.extend_from_slice(password.as_bytes());
                let mut value = String::from("Basic ");
                value.push_str(&base64(&pair));
                value
            }
            Self::Bearer(token) => {
                let mut value = String::from("Bearer ");
                value.push_str(token);
                value
            }
        };
        let mut value = HeaderValue::try_from(text).map_err(|_| {
            "the credentials hold a character that cannot be sent in an HTTP header (a line break or a control character)".to_owned()
        })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

/// Standard base64 with padding (RFC 4648, section 4), for HTTP basic credentials.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= group.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_follows_rfc_4648() {
        // The test vectors of RFC 4648, section 10.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
        // RFC 7617's example.
        assert_eq!(
            base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }

    #[test]
    fn credentials_are_never_shown() {
        let basic = Credentials::Basic {
            user: "dba".into(),
            password: "s3cret".into(),
        };
        let bearer = Credentials::Bearer("t0ken".into());
        for c in [&basic, &bearer] {
            let shown = format!("{c:?} {:?}", c.header().unwrap());
            assert!(
                !shown.contains("s3cret") && !shown.contains("t0ken"),
                "{shown}"
            );
        }
        assert!(Credentials::Bearer("a\nb".into()).header().is_err());
    }
}
