//! The exports as people get them: one entry point over the serializations that picks, per
//! format, the readable writer (`turtle` for Turtle and TriG with their header,
//! `jsonld` for compact JSON-LD) or Oxigraph's own ([`super::export`]), after giving
//! blank nodes stable labels (Oxigraph's parser labels the ontology's blank nodes at random,
//! so without this an export with the ontology changed from run to run).

use super::export::{self, ExportError, ExportFormat};
use super::jsonld::{self, JsonLdError, JsonLdForm};
use super::turtle::{Header, Layout};
use crate::facts::Facts;
use crate::table::thousands;
use crate::vocab::{owl, GraphKind, Iris};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, GraphName, NamedOrBlankNode, Quad, QuadRef, Term};

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PresentError {
    /// Oxigraph's serializers.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// Compact JSON-LD.
    #[error(transparent)]
    JsonLd(#[from] JsonLdError),
}

/// What is written, besides the quads and the format.
#[derive(Debug, Clone, Copy)]
pub struct Presentation<'a> {
    /// What the quads are, for the header: "the facts graph".
    pub what: &'a str,
    /// The JSON-LD form.
    pub jsonld: JsonLdForm,
}

/// Writes `quads` (in their stable export order) in `format`; returns how many triples or
/// quads were written.
pub fn write(
    facts: &Facts,
    iris: &Iris,
    quads: Vec<Quad>,
    format: ExportFormat,
    presentation: Presentation<'_>,
    out: &mut dyn std::io::Write,
) -> Result<usize, PresentError> {
    let quads = stable_blank_nodes(quads);
    let prefixes = iris.prefixes();
    Ok(match format {
        ExportFormat::Turtle | ExportFormat::Trig => {
            let header = header(facts, iris, &quads, format, presentation.what);
            let mut layout = Layout::new(out, header);
            let written = export::write(&quads, format, &prefixes, &mut layout)?;
            layout.finish().map_err(ExportError::from)?;
            written
        }
        ExportFormat::Jsonld if presentation.jsonld == JsonLdForm::Compact => {
            jsonld::write(&quads, iris, out)?
        }
        _ => export::write(&quads, format, &prefixes, out)?,
    })
}

/// The quads with their blank nodes relabelled by canonicalization (same graph, same labels),
/// in export order again. Quads without blank nodes are returned as they are.
///
/// Only the quads that hold a blank node are canonicalized: they are all the algorithm needs
/// (two graphs that are the same up to blank-node labels have the same such quads, up to the
/// same labels), and they are few (the ontology's lists and restrictions), where the whole
/// export may be millions of quads. They are taken out in place and put back into the run of
/// their graph, which alone is sorted again: no second copy of the export is made.
pub(crate) fn stable_blank_nodes(mut quads: Vec<Quad>) -> Vec<Quad> {
    let blank = |q: &Quad| {
        matches!(q.subject, NamedOrBlankNode::BlankNode(_))
            || matches!(q.object, Term::BlankNode(_))
    };
    if !quads.iter().any(blank) {
        return quads;
    }
    let mut graphs: Vec<GraphName> = Vec::new();
    for quad in &quads {
        if !graphs.contains(&quad.graph_name) {
            graphs.push(quad.graph_name.clone());
        }
    }
    let mut with_blanks = Vec::new();
    quads.retain(|q| {
        let keep = !blank(q);
        if !keep {
            with_blanks.push(q.clone());
        }
        keep
    });
    let mut dataset: Dataset = with_blanks.into_iter().collect();
    dataset.canonicalize(CanonicalizationAlgorithm::Unstable);
    let relabelled: Vec<Quad> = dataset.iter().map(QuadRef::into_owned).collect();
    let position = |graph: &GraphName| graphs.iter().position(|g| g == graph);
    for (index, graph) in graphs.iter().enumerate() {
        let mine: Vec<Quad> = relabelled
            .iter()
            .filter(|q| q.graph_name == *graph)
            .cloned()
            .collect();
        if mine.is_empty() {
            continue;
        }
        let start = quads.partition_point(|q| position(&q.graph_name) < Some(index));
        let end = quads.partition_point(|q| position(&q.graph_name) <= Some(index));
        let added = mine.len();
        quads.splice(end..end, mine);
        quads[start..end + added].sort_unstable_by(export::compare);
    }
    quads
}

/// The header of a Turtle or TriG export: what it is, its sources, the ontology's version,
/// the counts.
fn header(facts: &Facts, iris: &Iris, quads: &[Quad], format: ExportFormat, what: &str) -> Header {
    let name = if format == ExportFormat::Trig {
        "TriG"
    } else {
        "Turtle"
    };
    let mut lines = vec![format!(
        "The CICA knowledge graph: {what}, written as {name} by cica-kg {}.",
        env!("CARGO_PKG_VERSION")
    )];
    let sources = &facts.sources;
    for source in sources.iter().take(3) {
        let publisher = facts
            .entities
            .iter()
            .find(|e| e.id == source.publisher)
            .map_or(source.publisher.as_str(), |e| e.label.as_str());
        lines.push(format!(
            "Source: \"{}\", {publisher}, {} (source:{}).",
            source.title, source.published, source.id
        ));
    }
    if sources.len() > 3 {
        lines.push(format!("... and {} more sources.", sources.len() - 3));
    }
    let version = crate::ontology::shipped().ok().and_then(|o| {
        o.triples_with(|p| p == owl::VERSION_INFO)
            .into_iter()
            .find_map(|t| match &t.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
    });
    lines.push(format!(
        "Ontology: <{}>, version {}.",
        crate::vocab::cica::ONTOLOGY,
        version.as_deref().unwrap_or("unknown")
    ));
    lines.push(counts(iris, quads, format.is_dataset()));
    Header { lines }
}

/// "Counts: 1,372 quads: facts 162, provenance 1,210."
fn counts(iris: &Iris, quads: &[Quad], dataset: bool) -> String {
    let mut per_graph: Vec<(String, usize)> = Vec::new();
    for quad in quads {
        let name = match &quad.graph_name {
            GraphName::NamedNode(g) => GraphKind::ALL
                .into_iter()
                .find(|k| iris.graph(*k) == *g)
                .map_or_else(|| g.as_str().to_owned(), |k| k.slug().to_owned()),
            _ => "default graph".to_owned(),
        };
        match per_graph.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => per_graph.push((name, 1)),
        }
    }
    let unit = if dataset { "quads" } else { "triples" };
    let total = if dataset {
        quads.len()
    } else {
        let distinct: std::collections::HashSet<_> = quads
            .iter()
            .map(|q| (&q.subject, &q.predicate, &q.object))
            .collect();
        distinct.len()
    };
    let graphs: Vec<String> = per_graph
        .iter()
        .map(|(n, c)| format!("{n} {}", thousands(*c)))
        .collect();
    format!(
        "Counts: {} {unit} ({}).",
        thousands(total),
        graphs.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, Literal, NamedNode};

    /// `s p _:a . _:a q _:b . _:b r "x" . t p "y"`, with the blank nodes labelled `a` and `b`.
    fn chain(a: &str, b: &str) -> Vec<Quad> {
        let iri = |local: &str| NamedNode::new_unchecked(format!("http://example.org/{local}"));
        let (a, b) = (BlankNode::new_unchecked(a), BlankNode::new_unchecked(b));
        vec![
            Quad::new(iri("s"), iri("p"), a.clone(), GraphName::DefaultGraph),
            Quad::new(a, iri("q"), b.clone(), GraphName::DefaultGraph),
            Quad::new(b, iri("r"), Literal::from("x"), GraphName::DefaultGraph),
            Quad::new(
                iri("t"),
                iri("p"),
                Literal::from("y"),
                GraphName::DefaultGraph,
            ),
        ]
    }

    #[test]
    fn blank_nodes_get_the_same_labels_whatever_they_had() {
        let first = stable_blank_nodes(chain("a1", "a2"));
        assert_eq!(first, stable_blank_nodes(chain("zz", "b0")));
        assert_eq!(first.len(), 4);
        assert!(first
            .iter()
            .any(|q| q.to_string() == "<http://example.org/t> <http://example.org/p> \"y\""));
    }

    #[test]
    fn relabelled_quads_go_back_into_the_run_of_their_graph_in_export_order() {
        let graph = |name: &str| {
            GraphName::from(NamedNode::new_unchecked(format!(
                "http://example.org/{name}"
            )))
        };
        let in_graph = |quads: Vec<Quad>, name: &str| -> Vec<Quad> {
            quads
                .into_iter()
                .map(|q| Quad::new(q.subject, q.predicate, q.object, graph(name)))
                .collect()
        };
        // Graph a (with blank nodes) is written before graph b, each in export order.
        let mut quads = in_graph(chain("a1", "a2"), "a");
        quads.sort_unstable_by(export::compare);
        let without_blanks = in_graph(chain("b1", "b2"), "b")
            .into_iter()
            .filter(|q| q.to_string().contains("/t>"));
        quads.extend(without_blanks);
        let stable = stable_blank_nodes(quads);
        assert_eq!(stable.len(), 5);
        assert!(stable[..4].iter().all(|q| q.graph_name == graph("a")));
        assert_eq!(stable[4].graph_name, graph("b"));
        assert!(stable[..4]
            .windows(2)
            .all(|w| export::compare(&w[0], &w[1]).is_lt()));
    }
}
