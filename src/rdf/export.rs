//! Export: writes quads in the six RDF formats with Oxigraph's serializers, declaring only
//! the prefixes the output uses, in a deterministic order (same data, same bytes, see
//! [`sort`]), so that a change to the facts shows as a small diff. Every output ends with a
//! newline.

use crate::output::EndsWithNewline;
use crate::vocab::{rdf, rdfs, wikidata, xsd};
use oxigraph::io::{JsonLdProfile, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNodeRef, NamedOrBlankNode, Quad, Term, TermRef, Triple};
use std::cmp::Ordering;
use std::collections::HashSet;
use std::io::{self, Write};

crate::named::named_enum! {
    /// The RDF formats cica-kg writes.
    pub enum ExportFormat {
        Turtle = "turtle": "Turtle (.ttl)",
        Ntriples = "ntriples": "N-Triples (.nt)",
        Nquads = "nquads": "N-Quads, with named graphs (.nq)",
        Trig = "trig": "TriG, with named graphs (.trig)",
        Rdfxml = "rdfxml": "RDF/XML (.rdf)",
        Jsonld = "jsonld": "JSON-LD (.jsonld)",
    }
    /// A format name that is not one of [`ExportFormat::ALL`].
    error UnknownFormat = "RDF format";
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A prefix's namespace is not an IRI (a defect of the program).
    #[error("invalid prefix IRI <{0}>")]
    Prefix(String),
    /// A character that XML 1.0 cannot carry, for an XML format.
    #[error("the data holds the character U+{code:04X}, which XML 1.0 cannot carry, so it cannot be written as {format}; choose another format (JSON, CSV or TSV results; Turtle or N-Triples for RDF), or leave the character out")]
    NotXml {
        /// The character's code point.
        code: u32,
        /// The format ("RDF/XML", "XML results").
        format: &'static str,
    },
}

/// Refuses a term that holds a character XML 1.0 cannot carry (the C0 controls but tab,
/// line feed and carriage return, U+FFFE and U+FFFF): written as XML, it would make the file
/// ill-formed. `format` names the format in the message.
pub(crate) fn xml_safe(
    term: oxigraph::model::TermRef<'_>,
    format: &'static str,
) -> Result<(), ExportError> {
    use oxigraph::model::TermRef;
    let text = match term {
        TermRef::NamedNode(n) => n.as_str(),
        TermRef::BlankNode(b) => b.as_str(),
        TermRef::Literal(l) => l.value(),
    };
    match text
        .chars()
        .find(|&c| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}'))
    {
        Some(c) => Err(ExportError::NotXml {
            code: u32::from(c),
            format,
        }),
        None => Ok(()),
    }
}

impl ExportFormat {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Turtle => "ttl",
            Self::Ntriples => "nt",
            Self::Nquads => "nq",
            Self::Trig => "trig",
            Self::Rdfxml => "rdf",
            Self::Jsonld => "jsonld",
        }
    }

    /// The format a file extension names (`ttl`, `nt`, `nq`, `trig`, `rdf`/`owl`/`xml`, `jsonld`/`json`).
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension.to_ascii_lowercase().as_str() {
            "ttl" | "turtle" => Some(Self::Turtle),
            "nt" => Some(Self::Ntriples),
            "nq" => Some(Self::Nquads),
            "trig" => Some(Self::Trig),
            "rdf" | "owl" | "xml" => Some(Self::Rdfxml),
            "jsonld" | "json" => Some(Self::Jsonld),
            _ => None,
        }
    }

    /// Whether the format keeps named graphs (N-Quads, TriG).
    pub fn is_dataset(self) -> bool {
        matches!(self, Self::Nquads | Self::Trig)
    }

    /// Oxigraph's format.
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::Ntriples => RdfFormat::NTriples,
            Self::Nquads => RdfFormat::NQuads,
            Self::Trig => RdfFormat::TriG,
            Self::Rdfxml => RdfFormat::RdfXml,
            Self::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfile::Streaming.into(),
            },
        }
    }

    /// Whether the format writes prefix declarations.
    fn has_prefixes(self) -> bool {
        !matches!(self, Self::Ntriples | Self::Nquads)
    }
}

/// Sorts quads into the export order: by graph (in the order of `graphs`; others last), then
/// subject, then predicate (the type first: `rdf:type` or `wdt:P31`; then `rdfs:label`; then
/// the others by IRI), then object; and drops duplicates.
pub fn sort(quads: &mut Vec<Quad>, graphs: &[GraphName]) {
    let position = |quad: &Quad| graphs.iter().position(|g| *g == quad.graph_name);
    quads.sort_by(|a, b| position(a).cmp(&position(b)).then_with(|| compare(a, b)));
    quads.dedup();
}

/// The export order of two quads of one graph: by subject, then predicate (see [`sort`]),
/// then object, each as their N-Triples forms (`<iri>`, `_:id`, `"text"@en`) compare, but
/// without writing them (the export of a large graph sorts millions of quads).
pub fn compare(a: &Quad, b: &Quad) -> Ordering {
    compare_subjects(&a.subject, &b.subject)
        .then_with(|| {
            predicate_rank(a.predicate.as_ref()).cmp(&predicate_rank(b.predicate.as_ref()))
        })
        .then_with(|| a.predicate.as_str().cmp(b.predicate.as_str()))
        .then_with(|| match (&a.object, &b.object) {
            (Term::NamedNode(x), Term::NamedNode(y)) => compare_bracketed(x.as_str(), y.as_str()),
            // Two values of one property of one subject, other than two IRIs: rare.
            (x, y) => x.to_string().cmp(&y.to_string()),
        })
}

/// Subjects as their N-Triples forms compare: `<iri>` before `_:id` (`<` is before `_`).
fn compare_subjects(a: &NamedOrBlankNode, b: &NamedOrBlankNode) -> Ordering {
    match (a, b) {
        (NamedOrBlankNode::NamedNode(a), NamedOrBlankNode::NamedNode(b)) => {
            compare_bracketed(a.as_str(), b.as_str())
        }
        (NamedOrBlankNode::BlankNode(a), NamedOrBlankNode::BlankNode(b)) => {
            a.as_str().cmp(b.as_str())
        }
        (NamedOrBlankNode::NamedNode(_), _) => Ordering::Less,
        (_, NamedOrBlankNode::NamedNode(_)) => Ordering::Greater,
    }
}

/// `<a>` compared with `<b>`, without writing them: where one IRI is a prefix of the other,
/// the `>` that closes the shorter one is compared with the longer one's next character.
fn compare_bracketed(a: &str, b: &str) -> Ordering {
    let common = a.len().min(b.len());
    a.as_bytes()[..common]
        .cmp(&b.as_bytes()[..common])
        .then_with(|| {
            let next = |s: &str| s.as_bytes().get(common).copied().unwrap_or(b'>');
            next(a).cmp(&next(b))
        })
        .then_with(|| a.len().cmp(&b.len()))
}

/// The type first, then the label, then every other predicate.
pub(crate) fn predicate_rank(predicate: NamedNodeRef<'_>) -> u8 {
    if predicate == rdf::TYPE || predicate.as_str() == wikidata::direct("P31").as_str() {
        0
    } else if predicate == rdfs::LABEL {
        1
    } else {
        2
    }
}

/// Writes `quads` (already in their stable order) in `format`. Graph formats drop the graph
/// names (and any duplicate triple); dataset formats, and JSON-LD of several graphs, keep
/// them. Returns how many triples or quads were written.
///
/// ```
/// use cica_kg::facts::DataSource;
/// use cica_kg::rdf::export::{self, ExportFormat};
/// use cica_kg::rdf::KnowledgeGraph;
/// use cica_kg::vocab::{GraphKind, Iris};
///
/// let kg = KnowledgeGraph::load(&DataSource::Embedded, Iris::default())?;
/// let quads = kg.quads(&[GraphKind::Facts])?;
/// let mut out = Vec::new();
/// let written = export::write(&quads, ExportFormat::Ntriples, &[], &mut out)?;
/// let text = String::from_utf8(out)?;
/// assert_eq!(text.lines().count(), written);
/// assert!(text.contains(
///     "<https://w3id.org/cica-kg/summit/6> <http://www.w3.org/2000/01/rdf-schema#label> \"sixth CICA summit\"@en .\n"
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(
    quads: &[Quad],
    format: ExportFormat,
    prefixes: &[(String, String)],
    out: impl Write,
) -> Result<usize, ExportError> {
    if format == ExportFormat::Rdfxml {
        for quad in quads {
            xml_safe(quad.subject.as_ref().into(), "RDF/XML")?;
            xml_safe(quad.predicate.as_ref().into(), "RDF/XML")?;
            xml_safe(quad.object.as_ref(), "RDF/XML")?;
        }
    }
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    if format.has_prefixes() {
        for (name, iri) in used_prefixes(quads, prefixes, format.is_dataset()) {
            serializer = serializer
                .with_prefix(name, iri)
                .map_err(|_| ExportError::Prefix(iri.to_owned()))?;
        }
    }
    let mut writer = serializer.for_writer(EndsWithNewline::new(out));
    let mut written = 0;
    // JSON-LD of several graphs keeps their names (each an object with `@id` and `@graph`),
    // as the compact form does; one graph is written as the default graph.
    if format.is_dataset() || (format == ExportFormat::Jsonld && several_graphs(quads)) {
        for quad in quads {
            writer.serialize_quad(quad)?;
            written += 1;
        }
    } else {
        let mut seen = HashSet::new();
        for quad in quads {
            let triple = Triple::from(quad.clone());
            if seen.insert(triple.clone()) {
                writer.serialize_triple(&triple)?;
                written += 1;
            }
        }
    }
    writer.finish()?.finish()?;
    Ok(written)
}

/// Whether `quads` are in more than one graph.
pub fn several_graphs(quads: &[Quad]) -> bool {
    quads
        .first()
        .is_some_and(|first| quads.iter().any(|q| q.graph_name != first.graph_name))
}

/// The prefixes that `quads` use, in the order given: a prefix is used when an IRI written as
/// a subject, predicate (other than `rdf:type`, written `a`), object, graph name or literal
/// datatype (other than those Turtle writes bare) starts with its namespace. The longest
/// matching namespace wins, as in Oxigraph's serializer.
pub(crate) fn used_prefixes<'a>(
    quads: &[Quad],
    prefixes: &'a [(String, String)],
    with_graphs: bool,
) -> Vec<(&'a str, &'a str)> {
    let mut used = vec![false; prefixes.len()];
    let mut mark = |iri: &str| {
        let best = prefixes
            .iter()
            .enumerate()
            .filter(|(_, (_, ns))| {
                iri.strip_prefix(ns.as_str())
                    .is_some_and(|local| !local.is_empty() && is_simple_local_name(local))
            })
            .max_by_key(|(_, (_, ns))| ns.len());
        if let Some((i, _)) = best {
            used[i] = true;
        }
    };
    for quad in quads {
        if let NamedOrBlankNode::NamedNode(s) = &quad.subject {
            mark(s.as_str());
        }
        if quad.predicate != rdf::TYPE {
            mark(quad.predicate.as_str());
        }
        match quad.object.as_ref() {
            TermRef::NamedNode(o) => mark(o.as_str()),
            TermRef::Literal(l) => {
                let datatype = l.datatype();
                let bare = l.language().is_some()
                    || datatype == xsd::BOOLEAN
                    || datatype == xsd::STRING
                    || (datatype == xsd::INTEGER && l.value().bytes().all(|b| b.is_ascii_digit()));
                if !bare {
                    mark(datatype.as_str());
                }
            }
            _ => {}
        }
        if with_graphs {
            if let GraphName::NamedNode(g) = &quad.graph_name {
                mark(g.as_str());
            }
        }
    }
    prefixes
        .iter()
        .zip(used)
        .filter(|(_, used)| *used)
        .map(|((name, iri), _)| (name.as_str(), iri.as_str()))
        .collect()
}

/// A local name Oxigraph writes as `prefix:local` without escapes.
fn is_simple_local_name(local: &str) -> bool {
    local
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quads_compare_as_their_n_triples_forms() {
        use oxigraph::model::{BlankNode, Literal, NamedNode};
        let iri = |s: &str| NamedNode::new_unchecked(format!("http://e.org/{s}"));
        let subjects: Vec<NamedOrBlankNode> = vec![
            iri("a").into(),
            iri("a-b").into(),
            iri("ab").into(),
            iri("a/").into(),
            iri("b").into(),
            BlankNode::new_unchecked("x").into(),
            BlankNode::new_unchecked("a").into(),
        ];
        let objects: Vec<Term> = vec![
            iri("a").into(),
            iri("a-b").into(),
            Literal::new_language_tagged_literal_unchecked("z", "en").into(),
            Literal::from("a").into(),
            Literal::from(7).into(),
            BlankNode::new_unchecked("b").into(),
        ];
        let p = iri("p");
        for s1 in &subjects {
            for s2 in &subjects {
                for o1 in &objects {
                    for o2 in &objects {
                        let a =
                            Quad::new(s1.clone(), p.clone(), o1.clone(), GraphName::DefaultGraph);
                        let b =
                            Quad::new(s2.clone(), p.clone(), o2.clone(), GraphName::DefaultGraph);
                        let expected =
                            (s1.to_string(), o1.to_string()).cmp(&(s2.to_string(), o2.to_string()));
                        assert_eq!(compare(&a, &b), expected, "{a} / {b}");
                    }
                }
            }
        }
    }

    #[test]
    fn extensions_name_formats() {
        for &format in ExportFormat::ALL {
            assert_eq!(
                ExportFormat::from_extension(format.extension()),
                Some(format)
            );
        }
        assert_eq!(ExportFormat::from_extension("csv"), None);
        assert_eq!("trig".parse::<ExportFormat>().unwrap(), ExportFormat::Trig);
        assert!("yaml"
            .parse::<ExportFormat>()
            .unwrap_err()
            .to_string()
            .contains("jsonld"));
    }
}
