//! Aligned text columns for people: the query results table and the `link --report` listing
//! both lay their cells out with these functions. A cell's width is the columns a terminal
//! gives it ([`width`]: a CJK character takes two, a combining accent none). Cells of any
//! length are padded by hand (`format!`'s width stops at 65,535, and counts characters).
//! [`thousands`] groups the digits of counts.

use unicode_width::UnicodeWidthStr;

/// The columns `cell` takes on a terminal (Unicode's East Asian Width: wide and fullwidth
/// characters take two, combining marks and zero-width characters none).
pub fn width(cell: &str) -> usize {
    cell.width()
}

/// The width of each column: the widest cell of that column (see [`width`]).
pub fn widths<S: AsRef<str>>(rows: &[Vec<S>]) -> Vec<usize> {
    let mut widths = Vec::new();
    widen(&mut widths, rows);
    widths
}

/// Widens `widths` to fit `rows`.
pub fn widen<S: AsRef<str>>(widths: &mut Vec<usize>, rows: &[Vec<S>]) {
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let width = width(cell.as_ref());
            match widths.get_mut(i) {
                Some(w) => *w = width.max(*w),
                None => widths.push(width),
            }
        }
    }
}

/// One line: each cell padded to its column's width, two spaces between columns, no trailing
/// space.
pub fn line<S: AsRef<str>>(cells: &[S], widths: &[usize]) -> String {
    let mut line = String::new();
    for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push_str("  ");
        }
        let cell = cell.as_ref();
        line.push_str(cell);
        let pad = width.saturating_sub(self::width(cell));
        line.extend(std::iter::repeat_n(' ', pad));
    }
    line.truncate(line.trim_end().len());
    line
}

/// Right-aligns the cells of some columns (numbers), by padding them on the left to the
/// column's width.
pub fn align_right(rows: &mut [Vec<String>], columns: &[usize]) {
    let widths = widths(rows);
    for row in rows.iter_mut() {
        for &column in columns {
            if let (Some(cell), Some(width)) = (row.get_mut(column), widths.get(column)) {
                let pad = width.saturating_sub(self::width(cell));
                cell.insert_str(0, &" ".repeat(pad));
            }
        }
    }
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_can_be_aligned_right() {
        let mut rows = vec![
            vec!["graph".to_owned(), "triples".to_owned()],
            vec!["facts".to_owned(), "162".to_owned()],
        ];
        align_right(&mut rows, &[1]);
        assert_eq!(rows[1][1], "    162");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn columns_line_up_by_characters() {
        let rows = vec![vec!["a", "Türkiye"], vec!["long", "x"]];
        let widths = widths(&rows);
        assert_eq!(widths, [4, 7]);
        assert_eq!(line(&rows[0], &widths), "a     Türkiye");
        assert_eq!(line(&rows[1], &widths), "long  x");
    }

    #[test]
    fn columns_line_up_by_display_width() {
        // 北京 takes four columns; "Café" written with a combining acute accent (e, U+0301)
        // takes four, though it is five characters; the fullwidth Ａ takes two.
        let rows = vec![
            vec!["北京", "capital"],
            vec!["Cafe\u{301}", "x"],
            vec!["\u{ff21}", "y"],
        ];
        let widths = widths(&rows);
        assert_eq!(widths, [4, 7]);
        assert_eq!(line(&rows[0], &widths), "北京  capital");
        assert_eq!(line(&rows[1], &widths), "Cafe\u{301}  x");
        assert_eq!(line(&rows[2], &widths), "\u{ff21}    y");
        let mut numbers = vec![vec!["北京".to_owned()], vec!["7".to_owned()]];
        align_right(&mut numbers, &[0]);
        assert_eq!(numbers[1][0], "   7");
    }

    #[test]
    fn very_long_cells_are_padded() {
        let long = "x".repeat(70_000);
        let rows = vec![vec![long.as_str(), "a"], vec!["y", "b"]];
        let widths = widths(&rows);
        assert_eq!(line(&rows[1], &widths).len(), 70_000 + 3);
    }
}
