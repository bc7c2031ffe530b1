//! A cache keyed by query texts, bounded in bytes rather than in entries: the server's kinds
//! of queries ([`super::state`]), the query page's answers ([`super::answers`]), the entity
//! pages slow to render ([`super::kept`]) and a worker's parsed queries ([`super::worker`]).
//!
//! A client chooses its texts, up to the largest request body (1 MiB by default): a cache of
//! a few thousand entries could hold gigabytes. This one keeps a text only up to a length, and
//! at most a total of text bytes; when a new text would pass the total, it starts over empty
//! (clients repeat a few queries, which come back at once).

use std::collections::HashMap;

/// Values kept by their query text.
#[derive(Debug)]
pub(crate) struct TextCache<V> {
    entries: HashMap<String, V>,
    /// The bytes of the texts kept.
    bytes: usize,
    /// The longest text kept.
    longest: usize,
    /// The most bytes of text kept.
    total: usize,
}

impl<V: Clone> TextCache<V> {
    /// An empty cache of texts up to `longest` bytes, `total` bytes in all.
    pub(crate) fn new(longest: usize, total: usize) -> Self {
        Self {
            entries: HashMap::new(),
            bytes: 0,
            longest,
            total,
        }
    }

    /// The value kept for `text`.
    pub(crate) fn get(&self, text: &str) -> Option<V> {
        self.entries.get(text).cloned()
    }

    /// Keeps `value` for `text`, unless the text is longer than the longest kept.
    pub(crate) fn insert(&mut self, text: &str, value: V) {
        self.insert_weighing(text, value, 0);
    }

    /// Keeps `value` for `text`, counting `weight` bytes for the value beside the text's own:
    /// not if the two together are longer than the longest kept.
    pub(crate) fn insert_weighing(&mut self, text: &str, value: V, weight: usize) {
        let cost = text.len().saturating_add(weight);
        if cost > self.longest || self.entries.contains_key(text) {
            return;
        }
        if self.bytes + cost > self.total {
            self.entries = HashMap::new();
            self.bytes = 0;
        }
        self.bytes += cost;
        self.entries.insert(text.to_owned(), value);
    }

    /// How many texts are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The bytes of the texts kept (and of the values weighed).
    #[cfg(test)]
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_past_the_longest_are_not_kept() {
        let mut cache = TextCache::new(10, 100);
        cache.insert("ASK {}", 1);
        cache.insert("ASK { ?s ?p ?o }", 2);
        assert_eq!(cache.get("ASK {}"), Some(1));
        assert_eq!(cache.get("ASK { ?s ?p ?o }"), None);
        assert_eq!(cache.bytes(), 6);
    }

    #[test]
    fn the_total_is_never_passed() {
        let mut cache = TextCache::new(10, 25);
        for i in 0..1000 {
            cache.insert(&format!("query {i:04}"), i);
            assert!(cache.bytes() <= 25, "{} bytes", cache.bytes());
            assert_eq!(cache.get(&format!("query {i:04}")), Some(i));
        }
        // The same text again costs nothing.
        let kept = cache.bytes();
        cache.insert("query 0999", 0);
        assert_eq!((cache.bytes(), cache.get("query 0999")), (kept, Some(999)));
    }

    #[test]
    fn values_weighed_count_toward_the_total() {
        let mut cache = TextCache::new(100, 150);
        cache.insert_weighing("a", 1, 60);
        cache.insert_weighing("b", 2, 200);
        assert_eq!((cache.get("a"), cache.get("b")), (Some(1), None));
        assert_eq!(cache.bytes(), 61);
        cache.insert_weighing("c", 3, 60);
        cache.insert_weighing("d", 4, 60);
        assert!(cache.bytes() <= 150, "{} bytes", cache.bytes());
        assert_eq!(cache.get("d"), Some(4));
    }
}
