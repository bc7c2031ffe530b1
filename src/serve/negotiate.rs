//! Content negotiation (RFC 9110, section 12.5.1): which of the media types a resource can be
//! written in a client prefers, by its `Accept` header.
//!
//! Each offered type gets the quality (`q`) of the most specific range of the header that
//! matches it (`text/turtle` before `text/*` before `*/*`); the offer with the highest
//! quality above zero wins, and among equals the one the server lists first. No header, or an
//! empty one, accepts anything.

/// One media range of an `Accept` header.
#[derive(Debug, Clone, PartialEq)]
struct Range {
    kind: String,
    subtype: String,
    /// The quality, in thousandths.
    quality: u16,
}

impl Range {
    /// How specific the range is when it matches `kind/subtype`: 2 exact, 1 `kind/*`, 0
    /// `*/*`; `None` when it does not match.
    fn specificity(&self, kind: &str, subtype: &str) -> Option<u8> {
        match (self.kind.as_str(), self.subtype.as_str()) {
            ("*", "*") => Some(0),
            (k, "*") if k.eq_ignore_ascii_case(kind) => Some(1),
            (k, s) if k.eq_ignore_ascii_case(kind) && s.eq_ignore_ascii_case(subtype) => Some(2),
            _ => None,
        }
    }
}

/// The ranges of an `Accept` header; a range with a malformed quality is left out.
fn ranges(header: &str) -> Vec<Range> {
    header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let (kind, subtype) = parts.next()?.trim().split_once('/')?;
            let mut quality = 1000;
            for parameter in parts {
                if let Some((name, value)) = parameter.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        quality = parse_quality(value.trim())?;
                    }
                }
            }
            Some(Range {
                kind: kind.trim().to_owned(),
                subtype: subtype.trim().to_owned(),
                quality,
            })
        })
        .collect()
}

/// `0`, `0.5`, `1.000`: at most three decimals, between 0 and 1.
fn parse_quality(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u16 = match whole {
        "0" => 0,
        "1" => 1,
        _ => return None,
    };
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    let quality = whole * 1000 + thousandths;
    (quality <= 1000).then_some(quality)
}

/// The quality `header` gives `media_type` (`kind/subtype`), in thousandths.
pub fn quality(header: &str, media_type: &str) -> u16 {
    let Some((kind, subtype)) = media_type.split_once('/') else {
        return 0;
    };
    ranges(header)
        .iter()
        .filter_map(|r| r.specificity(kind, subtype).map(|s| (s, r.quality)))
        .max_by_key(|(specificity, _)| *specificity)
        .map_or(0, |(_, quality)| quality)
}

/// The offer the client prefers, from `offers` (media type and value, in the server's order
/// of preference); `None` when it accepts none of them.
pub fn choose<'a, T>(
    accept: Option<&str>,
    offers: &'a [(&'static str, T)],
) -> Option<&'a (&'static str, T)> {
    let header = match accept.map(str::trim) {
        None | Some("") => return offers.first(),
        Some(header) => header,
    };
    let mut best: Option<(&(&'static str, T), u16)> = None;
    for offer in offers {
        let q = quality(header, offer.0);
        if q > 0 && best.as_ref().is_none_or(|(_, b)| q > *b) {
            best = Some((offer, q));
        }
    }
    best.map(|(offer, _)| offer)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFERS: &[(&str, u8)] = &[
        ("application/sparql-results+json", 1),
        ("application/sparql-results+xml", 2),
        ("text/csv", 3),
        ("text/tab-separated-values", 4),
    ];

    fn pick(accept: &str) -> Option<u8> {
        choose(Some(accept), OFFERS).map(|(_, v)| *v)
    }

    #[test]
    fn the_most_specific_range_gives_the_quality() {
        assert_eq!(pick("text/*;q=0.5, text/csv;q=0.1, */*;q=0.2"), Some(4));
        assert_eq!(pick("*/*;q=0.1, text/csv"), Some(3));
        assert_eq!(pick("text/csv;q=0, text/*"), Some(4));
    }

    #[test]
    fn the_highest_quality_wins_and_ties_keep_the_server_order() {
        assert_eq!(
            pick("application/sparql-results+xml, application/sparql-results+json;q=0.9"),
            Some(2)
        );
        assert_eq!(pick("text/tab-separated-values, text/csv"), Some(3));
        assert_eq!(pick("*/*"), Some(1));
        assert_eq!(choose(None, OFFERS).map(|o| o.1), Some(1));
        assert_eq!(pick(""), Some(1));
    }

    #[test]
    fn nothing_acceptable_is_none() {
        assert_eq!(pick("text/html"), None);
        assert_eq!(pick("text/csv;q=0"), None);
        assert_eq!(pick("application/*;q=0, text/*;q=0"), None);
    }

    #[test]
    fn qualities_are_read_strictly() {
        assert_eq!(parse_quality("0.5"), Some(500));
        assert_eq!(parse_quality("1"), Some(1000));
        assert_eq!(parse_quality("1.0"), Some(1000));
        assert_eq!(parse_quality("0.001"), Some(1));
        assert_eq!(parse_quality("1.5"), None);
        assert_eq!(parse_quality("0.1234"), None);
        assert_eq!(parse_quality("x"), None);
        // A range with a bad quality is ignored, not taken as q=1.
        assert_eq!(
            pick("text/csv;q=x, application/sparql-results+xml;q=0.5"),
            Some(2)
        );
    }

    #[test]
    fn types_match_without_regard_to_case() {
        assert_eq!(pick("TEXT/CSV"), Some(3));
    }
}
