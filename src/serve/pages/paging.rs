//! Pages of a long list: which slice of the items a page shows (`?page=N`, counted from 1,
//! clamped to the pages there are), and the links to the previous and next pages. Every list
//! of the pages that grows with the data (result rows, a property's values, what links to an
//! entity, a class's members, the sources, search results) is cut so, so that no page grows
//! without bound.

use maud::{html, Markup};

/// One page of `total` items, `size` a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// The page shown, from 1.
    pub number: usize,
    /// How many pages there are (at least 1).
    pub pages: usize,
    /// The first item shown (an index).
    pub start: usize,
    /// One past the last item shown.
    pub end: usize,
}

impl Page {
    /// Page `asked` (the text of `?page=`, if any) of `total` items, `size` a page: a missing
    /// or unreadable number is page 1, one past the end the last page.
    pub fn of(total: usize, size: usize, asked: Option<&str>) -> Self {
        Self::numbered(total, size, Self::asked(asked))
    }

    /// Page `number` of `total` items, `size` a page, clamped to the pages there are.
    pub fn numbered(total: usize, size: usize, number: usize) -> Self {
        let size = size.max(1);
        let pages = total.div_ceil(size).max(1);
        let number = number.clamp(1, pages);
        let start = ((number - 1) * size).min(total);
        Self {
            number,
            pages,
            start,
            end: (start + size).min(total),
        }
    }

    /// The page number `?page=` asks for, before it is clamped to the pages there are: 1 if
    /// it is missing or unreadable.
    pub fn asked(asked: Option<&str>) -> usize {
        asked
            .and_then(|p| p.trim().parse::<usize>().ok())
            .unwrap_or(1)
    }

    /// The items of this page.
    pub fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        &items[self.start.min(items.len())..self.end.min(items.len())]
    }

    /// The links to the previous and next pages, nothing when there is one page; `address`
    /// makes the address of a page.
    pub fn nav(&self, label: &str, address: impl Fn(usize) -> String) -> Markup {
        if self.pages <= 1 {
            return html! {};
        }
        html! {
            nav.pages aria-label=(label) {
                @if self.number > 1 {
                    a rel="prev" href=(address(self.number - 1)) { "← previous" } " "
                }
                span { "page " (self.number) " of " (self.pages) } " "
                @if self.number < self.pages {
                    a rel="next" href=(address(self.number + 1)) { "next →" }
                }
            }
        }
    }
}

/// The value of the parameter `name`, if given.
pub fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_a_slice_of_its_size_clamped_to_the_pages_there_are() {
        let items: Vec<usize> = (0..250).collect();
        let first = Page::of(items.len(), 100, None);
        assert_eq!((first.number, first.pages), (1, 3));
        assert_eq!(first.slice(&items), &items[0..100]);
        let last = Page::of(items.len(), 100, Some("3"));
        assert_eq!(last.slice(&items), &items[200..250]);
        // Past the end: the last page; nonsense and 0: the first.
        assert_eq!(Page::of(250, 100, Some("99")).number, 3);
        assert_eq!(Page::of(250, 100, Some("0")).number, 1);
        assert_eq!(Page::of(250, 100, Some("-2")).number, 1);
        assert_eq!(Page::of(250, 100, Some("two")).number, 1);
        // Nothing to show is one empty page.
        let empty = Page::of(0, 100, Some("5"));
        assert_eq!((empty.number, empty.pages), (1, 1));
        assert!(empty.slice::<usize>(&[]).is_empty());
    }

    #[test]
    fn the_links_lead_to_the_neighbouring_pages_only() {
        let address = |n: usize| format!("/x?page={n}");
        assert_eq!(
            Page::of(50, 100, None).nav("pages", address).into_string(),
            ""
        );
        let middle = Page::of(250, 100, Some("2"))
            .nav("pages", address)
            .into_string();
        assert!(middle.contains(r#"href="/x?page=1""#), "{middle}");
        assert!(middle.contains(r#"href="/x?page=3""#), "{middle}");
        assert!(middle.contains("page 2 of 3"), "{middle}");
        let first = Page::of(250, 100, None).nav("pages", address).into_string();
        assert!(!first.contains("rel=\"prev\""), "{first}");
        let last = Page::of(250, 100, Some("3"))
            .nav("pages", address)
            .into_string();
        assert!(!last.contains("rel=\"next\""), "{last}");
    }
}
