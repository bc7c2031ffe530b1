//! What push shows of text that comes from elsewhere: a store's error body (markup removed,
//! white space collapsed, control and bidirectional-override characters escaped so that no
//! escape sequence reaches the terminal, at most 300 characters) and a URL given with a
//! password in it (the password replaced by `***`).

/// The most characters of a store's body an error message shows.
const EXCERPT_CHARS: usize = 300;

/// The start of an answer's body for an error message: HTML markup removed, white space
/// collapsed, control characters escaped (`\u{1b}`), at most 300 characters.
pub(crate) fn excerpt(body: &[u8], html: bool) -> String {
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
    let joined = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let escaped = escape(&joined);
    if escaped.chars().count() > EXCERPT_CHARS {
        let mut cut: String = escaped.chars().take(EXCERPT_CHARS).collect();
        cut.push('…');
        cut
    } else {
        escaped
    }
}

/// `text` with control characters and the bidirectional controls (which reorder what a
/// terminal shows) written as `\u{…}`.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// `url` with the password of its user information, if any, replaced by `***`
/// (`http://user:***@host/`), and escaped for the terminal.
pub(crate) fn redact(url: &str) -> String {
    let start = url.find("://").map_or(0, |i| i + 3);
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    let authority = &url[start..end];
    let shown = match authority.rfind('@') {
        Some(at) => {
            let userinfo = &authority[..at];
            let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
            let hidden = if userinfo.contains(':') { ":***" } else { "" };
            format!(
                "{}{user}{hidden}{}{}",
                &url[..start],
                &authority[at..],
                &url[end..]
            )
        }
        None => url.to_owned(),
    };
    escape(&shown)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            excerpt("a\u{1b}[2J b\u{7}\u{202e}c\r\nd".as_bytes(), false),
            r"a\u{1b}[2J b\u{7}\u{202e}c d"
        );
    }

    #[test]
    fn passwords_are_redacted() {
        for (url, shown) in [
            ("http://u:pw@h:1/p?q#f", "http://u:***@h:1/p?q#f"),
            ("http://u@h/", "http://u@h/"),
            ("http://u:p@w@h/x", "http://u:***@h/x"),
            ("http://h/a@b", "http://h/a@b"),
            ("not a url", "not a url"),
        ] {
            assert_eq!(redact(url), shown, "{url}");
        }
    }
}
