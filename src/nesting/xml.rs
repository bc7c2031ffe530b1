//! The nesting of XML: elements, outside comments, CDATA sections, processing instructions,
//! the DOCTYPE and attribute values (quoted, so they may hold `>`).

use super::{Levels, TooDeep};

/// Scans `text`.
pub fn scan(text: &[u8]) -> Result<(), TooDeep> {
    let mut levels = Levels::new(text, "XML elements");
    let mut i = 0;
    while i < text.len() {
        if text[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        i = if rest.starts_with(b"<!--") {
            after(text, i + 4, b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            after(text, i + 9, b"]]>")
        } else if rest.starts_with(b"<?") {
            after(text, i + 2, b"?>")
        } else if rest.starts_with(b"<!") {
            declaration_end(text, i + 2)
        } else if rest.starts_with(b"</") {
            levels.close();
            tag_end(text, i + 2)
        } else {
            let end = tag_end(text, i + 1);
            if text[..end].ends_with(b"/>") {
                end
            } else {
                levels.open(b'<', 1, false, i)?;
                end
            }
        };
    }
    Ok(())
}

/// The position after the first `marker` from `from` (the end of the text without one).
fn after(text: &[u8], from: usize, marker: &[u8]) -> usize {
    text.get(from..)
        .and_then(|rest| rest.windows(marker.len()).position(|w| w == marker))
        .map_or(text.len(), |p| from + p + marker.len())
}

/// The position after the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(text: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < text.len() {
        match text[i] {
            b'>' => return i + 1,
            quote @ (b'"' | b'\'') => {
                i = text[i + 1..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(text.len(), |p| i + 1 + p + 1)
            }
            _ => i += 1,
        }
    }
    text.len()
}

/// The position after a `<!…>` declaration (a DOCTYPE, with its internal subset in `[ ]`).
fn declaration_end(text: &[u8], from: usize) -> usize {
    let mut subset = false;
    let mut i = from;
    while i < text.len() {
        match text[i] {
            b'[' => subset = true,
            b']' => subset = false,
            b'>' if !subset => return i + 1,
            quote @ (b'"' | b'\'') => {
                i = text[i + 1..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(text.len(), |p| i + 1 + p);
            }
            _ => {}
        }
        i += 1;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::super::{check, Syntax, NESTING_LIMIT};

    fn nested(n: usize) -> String {
        format!(
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ATTLIST a b CDATA \"<\">]><!-- <a> -->{}<![CDATA[<a><a>]]><e/><e a='>'/>{}",
            "<a x=\"<a>\">".repeat(n),
            "</a>".repeat(n)
        )
    }

    #[test]
    fn elements_count_and_nothing_else() {
        assert!(check(nested(NESTING_LIMIT).as_bytes(), Syntax::Xml).is_ok());
        let error = check(nested(NESTING_LIMIT + 1).as_bytes(), Syntax::Xml).unwrap_err();
        assert!(
            error.to_string().contains("XML elements nest more than 64"),
            "{error}"
        );
        let siblings = "<r>".to_owned() + &"<a><b/></a>".repeat(1000) + "</r>";
        assert!(check(siblings.as_bytes(), Syntax::Xml).is_ok());
    }
}
