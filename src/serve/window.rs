//! One page of a SELECT query's answer, for the query page when the reader sorts by no column.
//!
//! The page shows 100 rows and says how many there are; the `summits` question with 80,000
//! statements has 19,006. Rather than every row serialized by the engine (7.8 MB of JSON),
//! sent and parsed again by the page, a job with a [`Window`] is answered with the number of
//! rows of the whole answer and the rows of one page only, in the query's order: the engine
//! still evaluates (and sorts) every row, but serializes those of the page alone. The page
//! asked is clamped as [`Page::of`](super::pages::paging::Page::of) clamps it: past the end,
//! the last page.
//!
//! The answer's bytes: the number of rows (8 bytes, big-endian), then the page's rows in the
//! job's format ([`split`] reads them apart).

use crate::query::QueryError;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QuerySolutionIter;
use serde::{Deserialize, Serialize};
use std::io::Write;

/// The page of the answer a job asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// The page, from 1 (past the last page: the last).
    pub page: usize,
    /// The rows of a page.
    pub size: usize,
}

/// Reads every solution, keeps those of the window's page, and writes their number and
/// those rows in `format`. At most two pages of rows are held.
pub fn write(
    solutions: QuerySolutionIter<'_>,
    window: Window,
    format: QueryResultsFormat,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let variables = solutions.variables().to_vec();
    let (total, rows) = page(solutions.map(|s| s.map_err(QueryError::evaluation)), window)?;
    out.write_all(&(total as u64).to_be_bytes())?;
    let mut writer = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(out, variables)?;
    for row in &rows {
        writer.serialize(row)?;
    }
    writer.finish()?;
    Ok(())
}

/// The number of rows, and the rows of the window's page (of the last page, if the answer
/// ends before it).
fn page<T, E>(
    rows: impl Iterator<Item = Result<T, E>>,
    window: Window,
) -> Result<(usize, Vec<T>), E> {
    let size = window.size.max(1);
    let wanted = window.page.max(1) - 1;
    let mut total = 0;
    let mut page = Vec::new();
    // The rows of the latest page before the one wanted, in case the answer ends before it.
    let mut last = Vec::new();
    for row in rows {
        let row = row?;
        let chunk = total / size;
        if chunk == wanted {
            page.push(row);
        } else if chunk < wanted {
            if total % size == 0 {
                last.clear();
            }
            last.push(row);
        }
        total += 1;
    }
    Ok((total, if total > wanted * size { page } else { last }))
}

/// The number of rows and the page's rows of a windowed answer, `None` if it is too short.
pub fn split(bytes: &[u8]) -> Option<(usize, &[u8])> {
    let (count, rows) = bytes.split_first_chunk::<8>()?;
    Some((usize::try_from(u64::from_be_bytes(*count)).ok()?, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(total: usize, asked: usize) -> (usize, Vec<usize>) {
        let rows = (1..=total).map(Ok::<_, ()>);
        page(
            rows,
            Window {
                page: asked,
                size: 3,
            },
        )
        .unwrap()
    }

    #[test]
    fn a_window_holds_the_rows_of_its_page_and_counts_every_row() {
        // Seven rows, three a page: 1 2 3 | 4 5 6 | 7.
        assert_eq!(pages(7, 1), (7, vec![1, 2, 3]));
        assert_eq!(pages(7, 2), (7, vec![4, 5, 6]));
        assert_eq!(pages(7, 3), (7, vec![7]));
        // Past the end, or page 0: the last page, the first.
        assert_eq!(pages(7, 9), (7, vec![7]));
        assert_eq!(pages(7, 0), (7, vec![1, 2, 3]));
        // Six rows fill two pages: past the end is the second, whole.
        assert_eq!(pages(6, 5), (6, vec![4, 5, 6]));
        // No rows: one empty page.
        assert_eq!(pages(0, 1), (0, vec![]));
        assert_eq!(pages(0, 4), (0, vec![]));
    }

    #[test]
    fn the_count_leads_the_rows() {
        let mut bytes = 19_006_u64.to_be_bytes().to_vec();
        bytes.extend_from_slice(b"{}");
        assert_eq!(split(&bytes), Some((19_006, &b"{}"[..])));
        assert_eq!(split(b"short"), None);
    }
}
