//! Aligned text columns for people: the query results table and the `link --report` listing
//! both lay their cells out with these two functions.

/// The width of each column: the longest cell of that column, in characters.
pub fn widths<S: AsRef<str>>(rows: &[Vec<S>]) -> Vec<usize> {
    let mut widths = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let width = cell.as_ref().chars().count();
            match widths.get_mut(i) {
                Some(w) => *w = width.max(*w),
                None => widths.push(width),
            }
        }
    }
    widths
}

/// One line: each cell padded to its column's width, two spaces between columns, no trailing
/// space.
pub fn line<S: AsRef<str>>(cells: &[S], widths: &[usize]) -> String {
    let padded: Vec<String> = cells
        .iter()
        .zip(widths)
        .map(|(cell, width)| format!("{:<width$}", cell.as_ref()))
        .collect();
    padded.join("  ").trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_by_characters() {
        let rows = vec![vec!["a", "Türkiye"], vec!["long", "x"]];
        let widths = widths(&rows);
        assert_eq!(widths, [4, 7]);
        assert_eq!(line(&rows[0], &widths), "a     Türkiye");
        assert_eq!(line(&rows[1], &widths), "long  x");
    }
}
