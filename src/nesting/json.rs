//! The nesting of JSON: objects and arrays, outside strings (with `\` escapes).

use super::{Levels, TooDeep};

/// Scans `text`.
pub fn scan(text: &[u8]) -> Result<(), TooDeep> {
    let mut levels = Levels::new(text, "JSON objects and arrays");
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'"' => {
                i += 1;
                while i < text.len() && text[i] != b'"' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
            }
            byte @ (b'{' | b'[') => levels.open(byte, 1, false, i)?,
            b'}' | b']' => levels.close(),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{check, Syntax, NESTING_LIMIT};

    #[test]
    fn objects_and_arrays_count_strings_do_not() {
        let nested = |n: usize| format!("{}\"v\"{}", "{\"p\":".repeat(n), "}".repeat(n));
        assert!(check(nested(NESTING_LIMIT).as_bytes(), Syntax::Json).is_ok());
        assert!(check(nested(NESTING_LIMIT + 1).as_bytes(), Syntax::Json).is_err());
        let arrays = format!(
            "{}{}",
            "[".repeat(NESTING_LIMIT + 1),
            "]".repeat(NESTING_LIMIT + 1)
        );
        assert!(check(arrays.as_bytes(), Syntax::Json).is_err());
        let text = format!("{{\"a\\\"{}\": 1}}", "{[".repeat(100));
        assert!(check(text.as_bytes(), Syntax::Json).is_ok());
    }
}
