//! Finding quotes in their article: every quote of an article in one pass over its text (an
//! Aho-Corasick automaton), so that checking N quotes costs one scan, not N. A quote must
//! occur exactly once (overlapping occurrences count), so that its offsets are unambiguous.

use super::model::Quote;
use aho_corasick::AhoCorasick;

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

/// Finds every one of `quotes` in `text`, with character (not byte) offsets, in one pass.
/// Empty quotes are [`QuoteMatch::Missing`].
pub fn locate_quotes(text: &str, quotes: &[&str]) -> Vec<QuoteMatch> {
    let mut found: Vec<(usize, Option<usize>)> = vec![(0, None); quotes.len()];
    let searchable: Vec<(usize, &str)> = quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| !q.is_empty())
        .map(|(i, q)| (i, *q))
        .collect();
    // Identical quotes share one pattern.
    let mut patterns: Vec<&str> = searchable.iter().map(|(_, q)| *q).collect();
    patterns.sort_unstable();
    patterns.dedup();
    if !patterns.is_empty() {
        let automaton =
            AhoCorasick::new(&patterns).expect("a few thousand quotes fit an automaton");
        let mut counts = vec![(0usize, usize::MAX); patterns.len()];
        for hit in automaton.find_overlapping_iter(text) {
            let entry = &mut counts[hit.pattern().as_usize()];
            entry.0 += 1;
            entry.1 = entry.1.min(hit.start());
        }
        for (i, quote) in &searchable {
            let p = patterns
                .binary_search(quote)
                .expect("every quote is a pattern");
            let (count, start) = counts[p];
            found[*i] = (count, (count > 0).then_some(start));
        }
    }
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
}
