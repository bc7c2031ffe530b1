//! An article as the drafter reads it: its words (tokens, each with its byte span and its
//! lower-case form) and its sentences, found in one pass over the text.

use std::ops::Range;

/// The article, tokenized.
pub struct Doc<'t> {
    /// The text, unchanged.
    pub text: &'t str,
    /// Byte span of each word: a run of letters and digits (an apostrophe inside a word, as in
    /// "CICA's", ends it, so that a possessive still shows the name).
    spans: Vec<Range<usize>>,
    lower: Vec<String>,
    /// The token ranges of the sentences.
    pub sentences: Vec<Range<usize>>,
    /// The words the text also writes in lower case (common words, not names).
    uncapitalized: std::collections::HashSet<String>,
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 20] = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "no", "u", "s",
];

impl<'t> Doc<'t> {
    /// Tokenizes `text`.
    pub fn new(text: &'t str) -> Self {
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    spans.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            spans.push(s..text.len());
        }
        let lower: Vec<String> = spans
            .iter()
            .map(|r| text[r.clone()].to_lowercase())
            .collect();
        let mut uncapitalized = std::collections::HashSet::new();
        for (r, l) in spans.iter().zip(&lower) {
            // One copy of each word, however often it occurs.
            if !uncapitalized.contains(l)
                && text[r.clone()] == *l
                && l.chars().any(char::is_alphabetic)
            {
                uncapitalized.insert(l.clone());
            }
        }
        let mut doc = Self {
            text,
            spans,
            lower,
            sentences: Vec::new(),
            uncapitalized,
        };
        doc.sentences = doc.split_sentences();
        doc
    }

    /// How many tokens.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there is no token.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Whether the text writes word `i` in lower case somewhere ("leaders"): a common word,
    /// whatever case it has at a sentence's start.
    pub fn written_lower(&self, i: usize) -> bool {
        self.uncapitalized.contains(self.lower(i))
    }

    /// Token `i` in lower case, or "" past the end.
    pub fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    /// Token `i` as written.
    pub fn word(&self, i: usize) -> &'t str {
        self.spans.get(i).map_or("", |r| &self.text[r.clone()])
    }

    /// The byte span of token `i`.
    pub fn span(&self, i: usize) -> Range<usize> {
        self.spans[i].clone()
    }

    /// The byte span from token `first` to token `last`.
    pub fn bytes(&self, first: usize, last: usize) -> Range<usize> {
        self.spans[first].start..self.spans[last].end
    }

    /// Whether token `i` starts with an upper-case letter.
    pub fn capitalized(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether tokens `i` and `i + 1` are joined by a hyphen ("twenty-seven").
    pub fn joined_by_hyphen(&self, i: usize) -> bool {
        i + 1 < self.spans.len() && &self.text[self.spans[i].end..self.spans[i + 1].start] == "-"
    }

    /// What stands between tokens `i` and `i + 1` (punctuation and spaces).
    pub fn between(&self, i: usize) -> &'t str {
        match (self.spans.get(i), self.spans.get(i + 1)) {
            (Some(a), Some(b)) => &self.text[a.end..b.start],
            _ => "",
        }
    }

    /// The first token that starts at or after byte `offset`.
    pub fn token_at(&self, offset: usize) -> usize {
        self.spans.partition_point(|r| r.start < offset)
    }

    /// The sentence (index) of token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences.partition_point(|s| s.end <= i)
    }

    fn split_sentences(&self) -> Vec<Range<usize>> {
        let mut sentences = Vec::new();
        let mut start = 0;
        for i in 0..self.spans.len() {
            let gap = self.between(i);
            let ends = gap.contains('\n')
                || ((gap.contains(". ")
                    || gap.contains("? ")
                    || gap.contains("! ")
                    || gap.contains(".\""))
                    && !(gap.starts_with('.') && ABBREVIATIONS.contains(&self.lower(i)))
                    && !(gap.starts_with('.') && self.word(i).len() == 1));
            if ends || i + 1 == self.spans.len() {
                sentences.push(start..i + 1);
                start = i + 1;
            }
        }
        sentences
    }
}

/// Character offsets of byte offsets, for a text read once: ascending queries only.
pub struct CharOffsets<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    /// Starts at the beginning of `text`.
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The character offset of byte offset `byte` (restarting if it is behind).
    pub fn of(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}
