//! The stable key of a statement, from which its IRI is made (`statement/KEY`): a hash of
//! what makes it a statement of its own, pinned by a test so that IRIs do not change between
//! versions.

use crate::facts::{Date, Statement, Value};

/// A stable key for a statement, independent of the base IRI and of file order: a 64-bit
/// FNV-1a hash of its subject, property, value, time and source (the id of its source), in
/// hex. Two sources that state the same fact make two statements, with two keys.
pub fn statement_key(statement: &Statement, source: &str) -> String {
    let number;
    let (kind, value) = match &statement.value {
        Value::Entity(id) => ("entity:", id.as_str()),
        Value::Text(text) => ("text:", text.as_str()),
        Value::Date(d) => ("date:", d.lexical.as_str()),
        Value::Integer(n) => {
            number = n.to_string();
            ("integer:", number.as_str())
        }
        Value::Boolean(b) => ("boolean:", if *b { "true" } else { "false" }),
    };
    let time = &statement.time;
    fn when(date: &Option<Date>) -> &str {
        date.as_ref().map_or("", |d| d.lexical.as_str())
    }
    // The hash of these lines, joined by "\n", fed in one by one (no text is built).
    let lines = [
        statement.subject.as_str(),
        "\n",
        statement.property.as_str(),
        "\n",
        kind,
        value,
        "\n",
        when(&time.point_in_time),
        "\n",
        when(&time.start),
        "\n",
        when(&time.end),
        "\n",
        source,
    ];
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in lines.iter().flat_map(|part| part.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;
    use crate::facts::{parse_date, Quote, Rank, Time};

    fn statement(property: &str, value: Value) -> Statement {
        Statement {
            subject: "summit/1".into(),
            property: property.into(),
            value,
            quote: Quote {
                text: "June 2002".into(),
                start: 3,
                end: 12,
            },
            source: 0,
            origin: Span::at("f", 1, 1),
            time: Time::default(),
            rank: Rank::Normal,
        }
    }

    #[test]
    fn keys_differ_by_value_time_and_source_and_do_not_depend_on_the_base() {
        let a = statement("date", Value::Integer(1));
        let b = statement("date", Value::Integer(2));
        assert_ne!(statement_key(&a, "s"), statement_key(&b, "s"));
        assert_ne!(statement_key(&a, "s"), statement_key(&a, "t"));
        let mut later = a.clone();
        later.time.point_in_time = Some(parse_date("2023").unwrap());
        assert_ne!(statement_key(&a, "s"), statement_key(&later, "s"));
        assert_eq!(statement_key(&a, "s").len(), 16);
        // Statement IRIs must not change between versions: the FNV-1a hash of the lines
        // "summit/1", "date", "integer:1", three empty times and "s", joined by "\n",
        // worked out apart from this code (Python).
        assert_eq!(statement_key(&a, "s"), "7c3f2d7b49c6c03e");
        assert_eq!(statement_key(&later, "s"), "cccde6f43c4dce73");
    }
}
