//! Entity pages that were slow to render, kept as rendered: the graph does not change while
//! the server runs, so such a page is the same the next time it is asked. With
//! bench/serve_scale.py's 80,000 statements, the CICA's page reads thousands of facts to show
//! the first ten of each property (70-95 ms); the pages of most entities take a few
//! milliseconds and are not kept. At most [`KeptPages::TOTAL`] bytes of addresses and pages
//! are kept (see [`TextCache`]), whatever addresses clients ask for.

use super::cache::TextCache;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The kept pages, by their address (the resource and the page's parameters).
pub(crate) struct KeptPages(Mutex<TextCache<Arc<str>>>);

impl Default for KeptPages {
    fn default() -> Self {
        Self(Mutex::new(TextCache::new(Self::LARGEST, Self::TOTAL)))
    }
}

impl KeptPages {
    /// A page that took at least this long to render is kept.
    pub(crate) const SLOW: Duration = Duration::from_millis(20);
    /// The largest address and page kept, together.
    pub(crate) const LARGEST: usize = 1024 * 1024;
    /// The most bytes of addresses and pages kept.
    pub(crate) const TOTAL: usize = 16 * 1024 * 1024;

    /// The page kept for `address`.
    pub(crate) fn get(&self, address: &str) -> Option<Arc<str>> {
        self.0.lock().ok()?.get(address)
    }

    /// Keeps `page` for `address` if it took [`Self::SLOW`] or longer to render.
    pub(crate) fn keep_if_slow(&self, address: &str, page: &Arc<str>, took: Duration) {
        if took < Self::SLOW {
            return;
        }
        if let Ok(mut kept) = self.0.lock() {
            kept.insert_weighing(address, Arc::clone(page), page.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_slow_to_render_are_kept() {
        let kept = KeptPages::default();
        let page: Arc<str> = Arc::from("<p>the CICA</p>");
        kept.keep_if_slow("/organization/cica", &page, Duration::from_millis(5));
        assert_eq!(kept.get("/organization/cica"), None);
        kept.keep_if_slow("/organization/cica", &page, Duration::from_millis(70));
        assert_eq!(
            kept.get("/organization/cica").as_deref(),
            Some("<p>the CICA</p>")
        );
        assert_eq!(kept.get("/summit/6"), None);
        // A page past the largest is not kept.
        let huge: Arc<str> = Arc::from("x".repeat(KeptPages::LARGEST));
        kept.keep_if_slow("/place/astana", &huge, Duration::from_secs(1));
        assert_eq!(kept.get("/place/astana"), None);
    }
}
