//! Compacting one node object of Oxigraph's expanded JSON-LD with our [`Context`]: the subject
//! as a compact IRI, `rdf:type` as `@type` with class terms, each property under its term
//! (else a compact IRI), and each value in the shortest form that expands back to the same
//! RDF term under that key: a compact IRI string where the term reads strings as IRIs, a bare
//! string for text in the key's language, a JSON number for a canonical `xsd:integer`, a JSON
//! boolean for `xsd:boolean`, and a value object (`@value` with `@type` or `@language`)
//! otherwise. Written by hand as JSON text so that keys keep a readable order.

use super::context::{Coercion, Context, Term};
use crate::vocab::{rdf, rdfs, xsd};
use serde_json::{Map, Value};

/// A compacted JSON value, in the order it is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// An object, keys in order.
    Obj(Vec<(String, Json)>),
    /// An array.
    Arr(Vec<Json>),
}

impl Json {
    /// One line of JSON: `{ "k": v, ... }`, `[a, b]`.
    pub fn inline(&self) -> String {
        match self {
            Self::Str(s) => Value::String(s.clone()).to_string(),
            Self::Int(n) => n.to_string(),
            Self::Bool(b) => b.to_string(),
            Self::Obj(entries) => {
                let inner: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", Self::Str(k.clone()).inline(), v.inline()))
                    .collect();
                format!("{{ {} }}", inner.join(", "))
            }
            Self::Arr(items) => {
                let inner: Vec<String> = items.iter().map(Self::inline).collect();
                format!("[{}]", inner.join(", "))
            }
        }
    }

    /// A node object over several lines, each entry on its own line, at `indent` spaces.
    pub fn block(entries: &[(String, Json)], indent: usize) -> String {
        let pad = " ".repeat(indent);
        let mut text = format!("{pad}{{\n");
        for (i, (key, value)) in entries.iter().enumerate() {
            text.push_str(&pad);
            text.push_str("  ");
            text.push_str(&Self::Str(key.clone()).inline());
            text.push_str(": ");
            text.push_str(&value.inline());
            if i + 1 < entries.len() {
                text.push(',');
            }
            text.push('\n');
        }
        text.push_str(&pad);
        text.push('}');
        text
    }
}

/// Why an expanded node cannot be compacted (Oxigraph wrote something unexpected: a defect).
pub type Unexpected = String;

/// Compacts one expanded node object to its entries: `@id`, `@type`, then the properties
/// (the label first, then by key).
pub fn node(
    context: &Context,
    node: &Map<String, Value>,
) -> Result<Vec<(String, Json)>, Unexpected> {
    let mut entries = Vec::new();
    if let Some(id) = node.get("@id").and_then(Value::as_str) {
        entries.push(("@id".to_owned(), Json::Str(context.compact_iri(id, false))));
    }
    let mut types: Vec<Json> = Vec::new();
    let mut properties: Vec<(u8, String, Json)> = Vec::new();
    for (key, values) in node {
        if key == "@id" {
            continue;
        }
        let values = values
            .as_array()
            .ok_or_else(|| format!("the values of {key} are not an array"))?;
        if key == "@type" || key == rdf::TYPE.as_str() {
            let (classes, others): (Vec<&Value>, Vec<&Value>) = values
                .iter()
                .partition(|v| is_reference(v) || v.is_string());
            for class in classes {
                let iri = class
                    .as_str()
                    .or_else(|| class.get("@id").and_then(Value::as_str));
                types.push(Json::Str(
                    context.compact_iri(iri.unwrap_or_default(), true),
                ));
            }
            if others.is_empty() {
                continue;
            }
            let owned: Vec<Value> = others.into_iter().cloned().collect();
            properties.push(property(context, key, &owned)?);
            continue;
        }
        if key.starts_with('@') {
            return Err(format!("unexpected keyword {key} in a node object"));
        }
        properties.push(property(context, key, values)?);
    }
    if !types.is_empty() {
        entries.push(("@type".to_owned(), one_or_many(types)));
    }
    properties.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    entries.extend(properties.into_iter().map(|(_, k, v)| (k, v)));
    Ok(entries)
}

fn is_reference(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|o| o.len() == 1 && o.contains_key("@id"))
}

/// One property: its key (the term, else a compact IRI), its rank (the label first) and its
/// values.
fn property(
    context: &Context,
    iri: &str,
    values: &[Value],
) -> Result<(u8, String, Json), Unexpected> {
    let term = context.term_for(iri);
    let key = match term {
        Some(term) => term.name.clone(),
        None => context.compact_iri(iri, false),
    };
    let compacted = values
        .iter()
        .map(|v| value(context, term, v))
        .collect::<Result<Vec<_>, _>>()?;
    let rank = u8::from(iri != rdfs::LABEL.as_str());
    Ok((rank, key, one_or_many(compacted)))
}

fn one_or_many(mut values: Vec<Json>) -> Json {
    if values.len() == 1 {
        values.remove(0)
    } else {
        Json::Arr(values)
    }
}

/// One value, as short as the key's term allows.
fn value(context: &Context, term: Option<&Term>, value: &Value) -> Result<Json, Unexpected> {
    let coercion = term.map_or(&Coercion::None, |t| &t.coercion);
    let language = match term {
        Some(term) => term.language.as_deref(),
        None => context.language.as_deref(),
    };
    let object = value
        .as_object()
        .ok_or_else(|| format!("a value that is not an object: {value}"))?;
    if let Some(id) = object.get("@id").and_then(Value::as_str) {
        let iri = context.compact_iri(id, false);
        return Ok(match coercion {
            Coercion::Id => Json::Str(iri),
            _ => Json::Obj(vec![("@id".to_owned(), Json::Str(iri))]),
        });
    }
    let text = object
        .get("@value")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("a value without a string @value: {value}"))?;
    let plain = *coercion == Coercion::None;
    if let Some(tag) = object.get("@language").and_then(Value::as_str) {
        if plain && language == Some(tag) {
            return Ok(Json::Str(text.to_owned()));
        }
        return Ok(value_object(text, "@language", tag.to_owned()));
    }
    let datatype = object
        .get("@type")
        .and_then(Value::as_str)
        .unwrap_or(xsd::STRING.as_str());
    if datatype == xsd::STRING.as_str() {
        return Ok(if plain && language.is_none() {
            Json::Str(text.to_owned())
        } else {
            Json::Obj(vec![("@value".to_owned(), Json::Str(text.to_owned()))])
        });
    }
    if *coercion == Coercion::Datatype(datatype.to_owned()) {
        return Ok(Json::Str(text.to_owned()));
    }
    if plain && datatype == xsd::INTEGER.as_str() {
        if let Some(n) = canonical_integer(text) {
            return Ok(Json::Int(n));
        }
    }
    if plain && datatype == xsd::BOOLEAN.as_str() && matches!(text, "true" | "false") {
        return Ok(Json::Bool(text == "true"));
    }
    Ok(value_object(
        text,
        "@type",
        context.compact_iri(datatype, true),
    ))
}

fn value_object(text: &str, key: &str, tag: String) -> Json {
    Json::Obj(vec![
        ("@value".to_owned(), Json::Str(text.to_owned())),
        (key.to_owned(), Json::Str(tag)),
    ])
}

/// An integer whose JSON number expands back to the same lexical form (no sign but `-`, no
/// leading zero) and that every JSON parser reads exactly (|n| < 2^53).
fn canonical_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && text != "-0";
    let n: i64 = text.parse().ok().filter(|_| canonical)?;
    (n.unsigned_abs() < 1 << 53).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Iris;
    use serde_json::json;

    fn compact(node_json: Value) -> String {
        let context = Context::shipped(&Iris::default()).unwrap();
        let entries = node(&context, node_json.as_object().unwrap()).unwrap();
        Json::block(&entries, 0)
    }

    #[test]
    fn values_take_their_shortest_form() {
        let ns = "https://w3id.org/cica-kg/";
        let text = compact(json!({
            "@id": format!("{ns}summit/1"),
            rdf::TYPE.as_str(): [{"@id": format!("{ns}ontology#Summit")}],
            format!("{ns}ontology#location"): [{"@id": format!("{ns}place/almaty")}],
            format!("{ns}ontology#ordinal"): [{"@value": "1", "@type": xsd::INTEGER.as_str()}],
            format!("{ns}ontology#startDate"): [{"@value": "2002-06", "@type": xsd::G_YEAR_MONTH.as_str()}],
            format!("{ns}ontology#hostedByPresidency"): [{"@value": "true", "@type": xsd::BOOLEAN.as_str()}],
            format!("{ns}ontology#editorName"): [{"@value": "huaxia"}],
            "http://www.w3.org/ns/oa#exact": [{"@value": "a \"quote\""}],
            rdfs::LABEL.as_str(): [{"@value": "first CICA summit", "@language": "en"}, {"@value": "1-й саммит", "@language": "ru"}],
        }));
        assert_eq!(
            text,
            r#"{
  "@id": "summit:1",
  "@type": "Summit",
  "label": ["first CICA summit", { "@value": "1-й саммит", "@language": "ru" }],
  "editorName": "huaxia",
  "exact": "a \"quote\"",
  "hostedByPresidency": true,
  "location": "place:almaty",
  "ordinal": 1,
  "startDate": { "@value": "2002-06", "@type": "xsd:gYearMonth" }
}"#
        );
    }

    #[test]
    fn values_that_would_expand_otherwise_keep_a_value_object() {
        let text = compact(json!({
            "@id": "_:b0",
            "http://example.org/p": [
                {"@value": "plain"},
                {"@value": "007", "@type": xsd::INTEGER.as_str()},
                {"@value": "1", "@type": xsd::BOOLEAN.as_str()},
                {"@value": "English"  , "@language": "en"},
                {"@id": "http://example.org/o"}
            ],
        }));
        assert!(text.contains(r#""@id": "_:b0""#), "{text}");
        assert!(text.contains(r#""http://example.org/p": [{ "@value": "plain" }, { "@value": "007", "@type": "xsd:integer" }, { "@value": "1", "@type": "xsd:boolean" }, "English", { "@id": "http://example.org/o" }]"#), "{text}");
    }

    #[test]
    fn only_canonical_integers_become_numbers() {
        assert_eq!(canonical_integer("27"), Some(27));
        assert_eq!(canonical_integer("-3"), Some(-3));
        assert_eq!(canonical_integer("0"), Some(0));
        for bad in ["007", "+1", "-0", "", "1.0", "9007199254740993"] {
            assert_eq!(canonical_integer(bad), None, "{bad}");
        }
    }
}
