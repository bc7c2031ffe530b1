//! What the Wikidata mapping, `ontology/cica-wikidata.ttl`, says, as the QuickStatements
//! writer needs it: which direct claims each property entails, which properties are
//! descriptions, each class's Wikidata class, and the qualifiers that a statement's time
//! becomes. Read by the
//! internal queries `queries/internal/wikidata-*.rq` from the store (with the mapping graph
//! loaded), the graph IRIs bound by substitution.

use super::WikidataError;
use crate::query::{catalog, run_internal, Binding, QueryError};
use crate::rdf::KnowledgeGraph;
use crate::vocab::{cica, wikidata};
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::QueryResults;
use std::collections::{BTreeMap, BTreeSet};

/// What the mapping says, by local name in the `cica:` namespace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignments {
    /// Property -> the PIDs of the direct claims it entails (`P276`).
    pub claims: BTreeMap<String, Vec<String>>,
    /// Properties that are Wikidata descriptions (`schema:description`).
    pub descriptions: BTreeSet<String>,
    /// Class -> the QIDs of its Wikidata classes (`Q515`), for `P31`.
    pub class_items: BTreeMap<String, Vec<String>>,
    /// A property of a statement that is a qualifier of its claim -> the qualifier's PID
    /// (`startTime` -> `P580`).
    pub qualifiers: BTreeMap<String, String>,
}

/// The graph IRIs the internal queries take, as bindings.
pub(crate) fn graph_bindings(kg: &KnowledgeGraph) -> Vec<Binding> {
    use crate::vocab::GraphKind;
    let iris = kg.iris();
    [
        ("factsGraph", iris.graph(GraphKind::Facts)),
        ("provenanceGraph", iris.graph(GraphKind::Provenance)),
        ("ontologyGraph", iris.graph(GraphKind::Ontology)),
        ("mappingGraph", iris.mapping_graph()),
    ]
    .into_iter()
    .map(|(name, iri)| Binding {
        variable: Variable::new_unchecked(name),
        term: iri.into(),
    })
    .collect()
}

/// The graph bindings a query text uses (binding a variable the pattern lacks is refused).
pub(crate) fn graph_bindings_of(kg: &KnowledgeGraph, text: &str) -> Vec<Binding> {
    graph_bindings(kg)
        .into_iter()
        .filter(|b| text.contains(&format!("?{}", b.variable.as_str())))
        .collect()
}

/// Runs an internal SELECT with the graph variables bound that it uses, and returns each row
/// as variable -> IRI or literal value.
pub fn select(
    kg: &KnowledgeGraph,
    name: &str,
) -> Result<Vec<BTreeMap<String, String>>, WikidataError> {
    let text = catalog::internal(name).map_err(QueryError::from)?;
    let origin = format!("queries/internal/{name}.rq");
    let bindings = graph_bindings_of(kg, text);
    let QueryResults::Solutions(solutions) = run_internal(kg.store(), &origin, text, &bindings)?
    else {
        return Err(WikidataError::Mapping(format!(
            "{origin} is not a SELECT query"
        )));
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(QueryError::evaluation)?;
        rows.push(
            solution
                .iter()
                .map(|(variable, term)| {
                    let value = match term {
                        Term::NamedNode(n) => n.as_str().to_owned(),
                        Term::Literal(l) => l.value().to_owned(),
                        other => other.to_string(),
                    };
                    (variable.as_str().to_owned(), value)
                })
                .collect(),
        );
    }
    Ok(rows)
}

/// The local name of the IRI bound to `variable` in `row`, in `namespace`.
fn local(
    row: &BTreeMap<String, String>,
    variable: &str,
    namespace: &str,
) -> Result<String, WikidataError> {
    let iri = row.get(variable).ok_or_else(|| {
        WikidataError::Mapping(format!("?{variable} is unbound in a mapping query"))
    })?;
    match iri.strip_prefix(namespace) {
        Some(local) if !local.is_empty() => Ok(local.to_owned()),
        _ => Err(WikidataError::Mapping(format!(
            "<{iri}> is not in the namespace <{namespace}>"
        ))),
    }
}

/// Reads the alignments; the mapping graph must be loaded ([`KnowledgeGraph::load_mapping`]).
pub fn alignments(kg: &KnowledgeGraph) -> Result<Alignments, WikidataError> {
    let mut a = Alignments::default();
    for row in select(kg, "wikidata-claims")? {
        a.claims
            .entry(local(&row, "property", cica::NAMESPACE)?)
            .or_default()
            .push(local(&row, "claim", wikidata::WDT_NAMESPACE)?);
    }
    for row in select(kg, "wikidata-descriptions")? {
        a.descriptions
            .insert(local(&row, "property", cica::NAMESPACE)?);
    }
    for row in select(kg, "wikidata-classes")? {
        a.class_items
            .entry(local(&row, "class", cica::NAMESPACE)?)
            .or_default()
            .push(local(&row, "item", wikidata::WD_NAMESPACE)?);
    }
    for row in select(kg, "wikidata-qualifiers")? {
        a.qualifiers.insert(
            local(&row, "qualifier", cica::NAMESPACE)?,
            local(&row, "pid", wikidata::PQ_NAMESPACE)?,
        );
    }
    for values in a.claims.values_mut().chain(a.class_items.values_mut()) {
        values.sort();
        values.dedup();
    }
    Ok(a)
}
