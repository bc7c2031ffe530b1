//! JSON-LD a person can read. Oxigraph writes expanded JSON-LD only (full IRIs everywhere,
//! `rdf:type` as a property, every value an object); this module compacts that output with
//! the context shipped in `ontology/context.jsonld` ([`context`]): each subject's triples go
//! through Oxigraph's JSON-LD serializer, and the node object it writes is compacted
//! ([`compact`]) and laid out one property a line. The context is written inline, so that the
//! file reads offline. One graph is written as the default graph; several (`--graph all`) as
//! named graphs, one `@graph` each. [`JsonLdForm::Expanded`] keeps Oxigraph's own output.
//!
//! This is a compactor for our own context, not a JSON-LD processor: the tests prove it by
//! parsing every compacted export back, with RDFLib and with Oxigraph, to a graph isomorphic
//! to the N-Quads export.

pub mod compact;
pub mod context;

use crate::output::EndsWithNewline;
use crate::vocab::Iris;
use compact::Json;
use context::Context;
use oxigraph::io::{JsonLdProfile, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Quad, Triple};
use serde_json::Value;
use std::collections::HashSet;
use std::io::{self, Write};

crate::named::named_enum! {
    /// Compacted with our context, or Oxigraph's expanded form.
    #[derive(Default)]
    pub enum JsonLdForm {
        #[default]
        Compact = "compact": "Compacted with the shipped context: terms, @type, native numbers and booleans, English text as plain strings",
        Expanded = "expanded": "Expanded, as Oxigraph writes it: full IRIs, every value an object",
    }
    /// A form name that is not one of [`JsonLdForm::ALL`].
    error UnknownForm = "JSON-LD form";
}

/// Why compact JSON-LD could not be written.
#[derive(Debug, thiserror::Error)]
pub enum JsonLdError {
    /// Writing failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The shipped context is broken (a defect of the program).
    #[error("ontology/context.jsonld: {0}")]
    Context(String),
    /// Oxigraph's expanded output was not what the compactor expects (a defect).
    #[error("cannot compact Oxigraph's JSON-LD: {0}")]
    Unexpected(String),
}

/// Writes `quads` (in their stable export order) as compact JSON-LD with the shipped context,
/// the entity prefixes under the base of `iris`. Quads of one graph are written as triples
/// (each once); of several graphs, as named graphs. Returns how many triples or quads were
/// written.
pub fn write(quads: &[Quad], iris: &Iris, out: impl Write) -> Result<usize, JsonLdError> {
    let context = Context::shipped(iris)?;
    let mut out = EndsWithNewline::new(out);
    let mut graphs: Vec<&GraphName> = Vec::new();
    for quad in quads {
        if !graphs.contains(&&quad.graph_name) {
            graphs.push(&quad.graph_name);
        }
    }
    let head = context.text.trim_end();
    let head = head
        .strip_suffix('}')
        .ok_or_else(|| JsonLdError::Context("the document does not end with '}'".to_owned()))?;
    out.write_all(head.trim_end().as_bytes())?;
    out.write_all(b",\n  \"@graph\": [")?;
    let mut written = 0;
    if graphs.len() > 1 {
        for (i, graph) in graphs.iter().enumerate() {
            let GraphName::NamedNode(name) = graph else {
                return Err(JsonLdError::Unexpected(
                    "a default graph among named graphs".into(),
                ));
            };
            let id = Json::Str(context.compact_iri(name.as_str(), false)).inline();
            let separator = if i == 0 { "\n" } else { ",\n" };
            write!(
                out,
                "{separator}    {{\n      \"@id\": {id},\n      \"@graph\": ["
            )?;
            let triples = quads
                .iter()
                .filter(|q| &q.graph_name == *graph)
                .map(|q| Triple::from(q.clone()));
            written += nodes(&context, triples, 8, &mut out)?;
            out.write_all(b"\n    }")?;
        }
        out.write_all(b"\n  ]")?;
    } else {
        let mut seen = HashSet::new();
        let triples = quads
            .iter()
            .map(|q| Triple::from(q.clone()))
            .filter(|t| seen.insert(t.clone()));
        written += nodes(&context, triples, 4, &mut out)?;
    }
    out.write_all(b"\n}\n")?;
    out.finish()?;
    Ok(written)
}

/// Writes the node objects of `triples` (grouped by consecutive subject) at `indent`, after
/// the opening bracket of their array, and closes the array; returns the number of triples.
fn nodes(
    context: &Context,
    triples: impl Iterator<Item = Triple>,
    indent: usize,
    out: &mut impl Write,
) -> Result<usize, JsonLdError> {
    let mut count = 0;
    let mut first = true;
    let mut group: Vec<Triple> = Vec::new();
    let mut flush = |group: &mut Vec<Triple>, out: &mut dyn Write| -> Result<(), JsonLdError> {
        if group.is_empty() {
            return Ok(());
        }
        for node in expanded(group)? {
            let entries = compact::node(context, &node).map_err(JsonLdError::Unexpected)?;
            out.write_all(if first { b"\n" } else { b",\n" })?;
            out.write_all(Json::block(&entries, indent).as_bytes())?;
            first = false;
        }
        group.clear();
        Ok(())
    };
    for triple in triples {
        count += 1;
        if group.last().is_some_and(|t| t.subject != triple.subject) {
            flush(&mut group, out)?;
        }
        group.push(triple);
    }
    flush(&mut group, out)?;
    if first {
        // An empty graph: the array stays on one line.
    } else {
        write!(out, "\n{}", " ".repeat(indent.saturating_sub(2)))?;
    }
    out.write_all(b"]")?;
    Ok(count)
}

/// Oxigraph's expanded JSON-LD of some triples, as node objects.
fn expanded(triples: &[Triple]) -> Result<Vec<serde_json::Map<String, Value>>, JsonLdError> {
    let format = RdfFormat::JsonLd {
        profile: JsonLdProfile::Streaming.into(),
    };
    let mut serializer = RdfSerializer::from_format(format).for_writer(Vec::new());
    for triple in triples {
        serializer.serialize_triple(triple)?;
    }
    let bytes = serializer.finish()?;
    let document: Value = serde_json::from_slice(&bytes)
        .map_err(|e| JsonLdError::Unexpected(format!("not JSON: {e}")))?;
    let Value::Array(nodes) = document else {
        return Err(JsonLdError::Unexpected(
            "not an array of node objects".into(),
        ));
    };
    nodes
        .into_iter()
        .map(|node| match node {
            Value::Object(node) => Ok(node),
            other => Err(JsonLdError::Unexpected(format!(
                "not a node object: {other}"
            ))),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    #[test]
    fn forms_are_named() {
        for &form in JsonLdForm::ALL {
            assert_eq!(form.name().parse::<JsonLdForm>(), Ok(form));
        }
        assert!("flat".parse::<JsonLdForm>().is_err());
    }

    #[test]
    fn an_empty_export_is_an_empty_graph() {
        let mut out = Vec::new();
        assert_eq!(write(&[], &Iris::default(), &mut out).unwrap(), 0);
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with(",\n  \"@graph\": []\n}\n"), "{text}");
        serde_json::from_str::<Value>(&text).unwrap();
    }

    #[test]
    fn several_graphs_stay_named() {
        let iris = Iris::default();
        let n = |s: &str| NamedNode::new(format!("http://example.org/{s}")).unwrap();
        let quads = vec![
            Quad::new(
                n("a"),
                n("p"),
                Literal::from(1),
                iris.graph(crate::vocab::GraphKind::Facts),
            ),
            Quad::new(
                n("a"),
                n("p"),
                Literal::from(1),
                iris.graph(crate::vocab::GraphKind::Ontology),
            ),
        ];
        let mut out = Vec::new();
        assert_eq!(write(&quads, &iris, &mut out).unwrap(), 2);
        let text = String::from_utf8(out).unwrap();
        let document: Value = serde_json::from_str(&text).unwrap();
        let graphs = document["@graph"].as_array().unwrap();
        assert_eq!(graphs.len(), 2);
        assert_eq!(graphs[0]["@id"], "graph:facts");
        assert_eq!(graphs[1]["@graph"][0]["http://example.org/p"], 1);
    }
}
