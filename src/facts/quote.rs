//! Finding quotes in their article, all of them at once, in one pass over the text: an
//! Aho-Corasick automaton of the quotes, whose memory is that of the quotes, not of the text.
//! A quote must occur exactly once (overlapping occurrences count), so that its offsets are
//! unambiguous.

use super::model::Quote;
use aho_corasick::{AhoCorasick, AhoCorasickKind};

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
    let found = occurrences(text, quotes);
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

/// [`Occurrences`] in one pass of an automaton of the quotes (identical quotes share one
/// pattern).
fn occurrences(text: &str, quotes: &[&str]) -> Occurrences {
    let mut patterns: Vec<&str> = quotes.iter().copied().filter(|q| !q.is_empty()).collect();
    patterns.sort_unstable();
    patterns.dedup();
    let mut counts = vec![(0usize, None::<usize>); patterns.len()];
    let mut count = |pattern: usize, start: usize| {
        let (count, first) = &mut counts[pattern];
        *count += 1;
        *first = Some(first.map_or(start, |f| f.min(start)));
    };
    // A noncontiguous NFA: the quickest to build (the default would pick a DFA for a news
    // article's few dozen quotes, whose 256-way tables took 2.5 ms of a 3 ms cold query to
    // fill; a contiguous NFA is built from this one, which took a third as long again), and as
    // quick to search the 10 MB article of 100,000 quotes of bench/generate.py, with less
    // memory. Overlapping matches are searched, as the standard match kind allows. Building
    // fails only past limits (billions of states) that quotes no longer than their capped
    // article cannot reach; should it fail all the same, each quote is searched on its own.
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .build(&patterns);
    match automaton {
        Ok(automaton) => {
            for hit in automaton.find_overlapping_iter(text) {
                count(hit.pattern().as_usize(), hit.start());
            }
        }
        Err(_) => {
            for (pattern, quote) in patterns.iter().enumerate() {
                let mut from = 0;
                while let Some(at) = text[from..].find(quote) {
                    count(pattern, from + at);
                    from += at + text[from + at..].chars().next().map_or(1, char::len_utf8);
                }
            }
        }
    }
    quotes
        .iter()
        .map(|quote| match patterns.binary_search(quote) {
            Ok(p) => counts[p],
            Err(_) => (0, None),
        })
        .collect()
}

/// Finds one quote; see [`locate_quotes`].
#[cfg(test)]
fn locate_quote(text: &str, words: &str) -> QuoteMatch {
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
    fn quotes_are_found_in_a_long_text() {
        const LONG: usize = 4 << 20;
        let mut text = "x".repeat(LONG);
        text.push_str(" Astana, then Almaty and Almaty.");
        let found = locate_quotes(&text, &["Astana", "Almaty", "Dushanbe"]);
        let start = LONG + 1;
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
