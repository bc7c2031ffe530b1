//! Finding quotes in their article, all of them at once, never one scan of the text per
//! quote. A news article (up to [`SORTED_POSITIONS_UP_TO`] bytes) has its positions sorted
//! once by the bytes that start there, and each quote is looked up by binary search and
//! confirmed byte for byte: building an automaton of all the quotes would cost more than the
//! search. A longer text is searched in one pass by an Aho-Corasick automaton of its quotes,
//! whose memory is that of the quotes, not 16 bytes per character of the text. A quote must
//! occur exactly once (overlapping occurrences count), so that its offsets are unambiguous.

use super::model::Quote;
use aho_corasick::AhoCorasick;

/// The longest text whose positions are sorted (16 MiB of index at most); a longer one is
/// searched with an automaton.
pub const SORTED_POSITIONS_UP_TO: usize = 1 << 20;

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

/// Finds every one of `quotes` in `text`, with character (not byte) offsets, without a scan
/// of the text per quote. Empty quotes are [`QuoteMatch::Missing`].
pub fn locate_quotes(text: &str, quotes: &[&str]) -> Vec<QuoteMatch> {
    let found = if text.len() <= SORTED_POSITIONS_UP_TO {
        by_positions(text, quotes)
    } else {
        by_automaton(text, quotes).unwrap_or_else(|| by_positions(text, quotes))
    };
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

/// How many times each quote occurs (overlapping occurrences included) and the byte offset of
/// the first: `(0, None)` for an empty quote.
type Occurrences = Vec<(usize, Option<usize>)>;

/// [`Occurrences`] through the text's sorted positions.
fn by_positions(text: &str, quotes: &[&str]) -> Occurrences {
    let index = Positions::new(text);
    quotes
        .iter()
        .map(|quote| match quote.is_empty() {
            true => (0, None),
            false => index.occurrences(quote),
        })
        .collect()
}

/// [`Occurrences`] in one pass of an automaton of the quotes (identical quotes share one
/// pattern); `None` if the automaton cannot be built.
fn by_automaton(text: &str, quotes: &[&str]) -> Option<Occurrences> {
    let mut patterns: Vec<&str> = quotes.iter().copied().filter(|q| !q.is_empty()).collect();
    patterns.sort_unstable();
    patterns.dedup();
    let automaton = AhoCorasick::new(&patterns).ok()?;
    let mut counts = vec![(0usize, None::<usize>); patterns.len()];
    for hit in automaton.try_find_overlapping_iter(text).ok()? {
        let (count, first) = &mut counts[hit.pattern().as_usize()];
        *count += 1;
        *first = Some(first.map_or(hit.start(), |f| f.min(hit.start())));
    }
    Some(
        quotes
            .iter()
            .map(|quote| match patterns.binary_search(quote) {
                Ok(p) => counts[p],
                Err(_) => (0, None),
            })
            .collect(),
    )
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
        // By key only: positions that share a key may stay in any order (the first
        // occurrence is the least position found).
        sorted.sort_unstable_by_key(|&(key, _)| key);
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

    #[test]
    fn the_automaton_finds_what_the_sorted_positions_find() {
        let text = "aaaa ab\u{0}c Ünï Ünï. abcdefghij abcdefghiX abcdefgh";
        let quotes = [
            "a", "aa", "aaaa", "aaaaa", "ab", "Ünï", "Ünï.", "abcdefgh", "", "x", "aa",
        ];
        let by_positions = by_positions(text, &quotes);
        assert_eq!(by_automaton(text, &quotes), Some(by_positions.clone()));
        // Every byte offset at which a quote starts, overlapping ones included.
        for (quote, (count, first)) in quotes.iter().zip(by_positions) {
            let starts: Vec<usize> = (0..text.len())
                .filter(|&at| {
                    !quote.is_empty() && text.as_bytes()[at..].starts_with(quote.as_bytes())
                })
                .collect();
            assert_eq!(
                (count, first),
                (starts.len(), starts.first().copied()),
                "{quote:?}"
            );
        }
    }

    #[test]
    fn quotes_are_found_in_a_text_longer_than_the_sorted_positions_limit() {
        let mut text = "x".repeat(SORTED_POSITIONS_UP_TO);
        text.push_str(" Astana, then Almaty and Almaty.");
        let found = locate_quotes(&text, &["Astana", "Almaty", "Dushanbe"]);
        let start = SORTED_POSITIONS_UP_TO + 1;
        assert_eq!(
            found,
            [
                QuoteMatch::Once(Quote {
                    text: "Astana".into(),
                    start,
                    end: start + 6
                }),
                QuoteMatch::Several(2),
                QuoteMatch::Missing
            ]
        );
    }
}
