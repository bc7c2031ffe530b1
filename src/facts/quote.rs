//! Finding quotes in their article: the article's positions are sorted once by the bytes that
//! start there, and each quote is looked up by binary search and confirmed byte for byte, so
//! that checking N quotes costs one sort and N lookups, not N scans of the text (nor building
//! an automaton of all the quotes, which costs more than the search for an article's worth). A
//! quote must occur exactly once (overlapping occurrences count), so that its offsets are
//! unambiguous.

use super::model::Quote;

/// Where a quote stands in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteMatch {
    /// Found once, at these character offsets.
    Once(Quote),
    /// Not found.
    Missing,
    /// Found this many times.
    Several(usize),
}

/// Finds every one of `quotes` in `text`, with character (not byte) offsets: one sort of the
/// text's positions, then a binary search per quote. Empty quotes are [`QuoteMatch::Missing`].
pub fn locate_quotes(text: &str, quotes: &[&str]) -> Vec<QuoteMatch> {
    let index = Positions::new(text);
    let found: Vec<(usize, Option<usize>)> = quotes
        .iter()
        .map(|quote| match quote.is_empty() {
            true => (0, None),
            false => index.occurrences(quote),
        })
        .collect();
    let starts: Vec<usize> = found.iter().filter_map(|(_, s)| *s).collect();
    let chars = char_offsets(text, starts);
    quotes
        .iter()
        .zip(found)
        .map(|(words, (count, byte_start))| match (count, byte_start) {
            (1, Some(byte_start)) => {
                let start = chars[&byte_start];
                QuoteMatch::Once(Quote {
                    text: (*words).to_owned(),
                    start,
                    end: start + words.chars().count(),
                })
            }
            (0, _) | (_, None) => QuoteMatch::Missing,
            (n, _) => QuoteMatch::Several(n),
        })
        .collect()
}

/// Every character position of a text, sorted by the (up to) 8 bytes that start there: the
/// occurrences of a quote are then next to each other, found by binary search on its first
/// bytes and confirmed byte for byte.
struct Positions<'t> {
    text: &'t [u8],
    /// (the 8 bytes from the position, big-endian, zero-padded at the end; the position)
    sorted: Vec<(u64, usize)>,
}

impl<'t> Positions<'t> {
    fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut sorted: Vec<(u64, usize)> = text
            .char_indices()
            .map(|(at, _)| (prefix_key(&bytes[at..]), at))
            .collect();
        sorted.sort_unstable();
        Self {
            text: bytes,
            sorted,
        }
    }

    /// How many times `quote` (not empty) occurs, overlapping occurrences included, and the
    /// byte offset of the first.
    fn occurrences(&self, quote: &str) -> (usize, Option<usize>) {
        let quote = quote.as_bytes();
        let known = quote.len().min(8);
        // Every key that starts with the quote's first `known` bytes lies in [low, high].
        let low = prefix_key(quote);
        let high = low | u64::MAX.checked_shr(8 * known as u32).unwrap_or(0);
        let from = self.sorted.partition_point(|(key, _)| *key < low);
        let to = self.sorted.partition_point(|(key, _)| *key <= high);
        self.sorted[from..to]
            .iter()
            .map(|(_, at)| *at)
            .filter(|&at| self.text[at..].starts_with(quote))
            .fold((0, None), |(count, first), at| {
                (count + 1, Some(first.map_or(at, |f: usize| f.min(at))))
            })
    }
}

/// The first 8 bytes of `bytes` as a big-endian number, zero-padded.
fn prefix_key(bytes: &[u8]) -> u64 {
    let mut key = [0; 8];
    let n = bytes.len().min(8);
    key[..n].copy_from_slice(&bytes[..n]);
    u64::from_be_bytes(key)
}

/// Finds one quote; see [`locate_quotes`].
pub fn locate_quote(text: &str, words: &str) -> QuoteMatch {
    locate_quotes(text, &[words]).remove(0)
}

/// The character offset of each byte offset, in one pass over the text.
fn char_offsets(text: &str, mut bytes: Vec<usize>) -> std::collections::HashMap<usize, usize> {
    bytes.sort_unstable();
    bytes.dedup();
    let mut map = std::collections::HashMap::with_capacity(bytes.len());
    let (mut chars, mut from) = (0, 0);
    for byte in bytes {
        chars += text[from..byte].chars().count();
        from = byte;
        map.insert(byte, chars);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_located_by_character() {
        assert_eq!(
            locate_quote("Türkiye and Astana", "Astana"),
            QuoteMatch::Once(Quote {
                text: "Astana".into(),
                start: 12,
                end: 18
            })
        );
        assert_eq!(locate_quote("a b a", "a"), QuoteMatch::Several(2));
        assert_eq!(locate_quote("aaa", "aa"), QuoteMatch::Several(2));
        assert_eq!(locate_quote("abc", "x"), QuoteMatch::Missing);
        assert_eq!(locate_quote("abc", ""), QuoteMatch::Missing);
    }

    #[test]
    fn many_quotes_in_one_pass_agree_with_one_at_a_time() {
        let text = "Ünïcode first, then second; a second time: second. Last words.";
        let quotes = [
            "first",
            "second",
            "Last words.",
            "Ünïcode",
            "nowhere",
            "first",
        ];
        let all = locate_quotes(text, &quotes);
        for (quote, found) in quotes.iter().zip(&all) {
            let expected = match text.match_indices(quote).count() {
                0 => QuoteMatch::Missing,
                1 => {
                    let byte = text.find(quote).unwrap();
                    let start = text[..byte].chars().count();
                    QuoteMatch::Once(Quote {
                        text: (*quote).into(),
                        start,
                        end: start + quote.chars().count(),
                    })
                }
                n => QuoteMatch::Several(n),
            };
            assert_eq!(found, &expected, "{quote}");
        }
    }

    #[test]
    fn every_occurrence_counts_whatever_the_quote_s_length() {
        let text = "aaaa ab\u{0}c Ünï Ünï. abcdefghij abcdefghiX abcdefgh";
        let quotes = [
            "a",
            "aa",
            "aaaa",
            "aaaaa",
            "ab",
            "\u{0}c",
            "Ünï",
            "Ünï.",
            "abcdefgh",
            "abcdefghi",
            "abcdefghij",
            "abcdefghijk",
            "gh",
            "h",
            text,
            "x",
        ];
        for (quote, found) in quotes.iter().zip(locate_quotes(text, &quotes)) {
            // Every byte offset at which the quote starts, overlapping ones included.
            let starts: Vec<usize> = (0..text.len())
                .filter(|&at| text.as_bytes()[at..].starts_with(quote.as_bytes()))
                .collect();
            let expected = match starts.as_slice() {
                [] => QuoteMatch::Missing,
                [byte] => {
                    let start = text[..*byte].chars().count();
                    QuoteMatch::Once(Quote {
                        text: (*quote).into(),
                        start,
                        end: start + quote.chars().count(),
                    })
                }
                many => QuoteMatch::Several(many.len()),
            };
            assert_eq!(found, expected, "{quote:?}");
        }
    }
}
