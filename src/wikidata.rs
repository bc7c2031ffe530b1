//! Wikidata: links, the Wikidata-shaped view of the facts, and the alignments both read.
//!
//! People who work with Wikidata should be able to use this graph with the habits and queries
//! they already have. This module gives them
//!
//! - the **links**: each entity with a verified QID is `owl:sameAs` its item (written by
//!   [`crate::triples`]); [`write_report`] lists them and, for every entity left unlinked, the
//!   words a person would search Wikidata for (QIDs are never guessed);
//! - the **alignments** of `ontology/cica.ttl` ([`alignments`]): which `wdt:` property each
//!   cica-kg property is equivalent to or a sub-property of, and which `wd:` class each class
//!   maps to;
//! - the **Wikidata profile** ([`profile`]): the facts rewritten by one SPARQL CONSTRUCT over
//!   the store (which holds the ontology graph, so the mapping is data, not code): linked
//!   entities become their `wd:` items, aligned properties their `wdt:` direct claims,
//!   classes `wdt:P31`, descriptions `schema:description`, while unlinked entities keep their
//!   cica-kg IRIs and unaligned facts their cica-kg property.
//!
//! [`crate::quickstatements`] turns the same alignments into QuickStatements.

use crate::facts::{Entity, Facts};
use crate::query;
use crate::store::KnowledgeGraph;
use crate::table;
use crate::vocab::{terms, GraphName, CICA, VOCABULARY_PREFIXES, WD, WDT};
use anyhow::{bail, Context, Result};
use oxigraph::model::{GraphName as OxGraphName, NamedNodeRef, Quad, Term};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// The vocabulary a command speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Profile {
    /// cica-kg's own ontology, with owl:sameAs links to Wikidata items
    #[default]
    Cica,
    /// Wikidata's vocabulary: wd: items, wdt: direct claims (P31 from the class), rdfs:label,
    /// skos:altLabel, schema:description; unlinked entities and unaligned facts keep their
    /// cica-kg IRIs
    Wikidata,
}

// ── Links ───────────────────────────────────────────────────────────────────

/// The entities with a verified QID (and that QID), and those without, in file order.
pub fn links(facts: &Facts) -> (Vec<(&Entity, &str)>, Vec<&Entity>) {
    let mut linked = Vec::new();
    let mut unlinked = Vec::new();
    for entity in &facts.entities {
        match &entity.wikidata {
            Some(qid) => linked.push((entity, qid.as_str())),
            None => unlinked.push(entity),
        }
    }
    (linked, unlinked)
}

/// What a person would search Wikidata for to find an unlinked entity's item: its `search`
/// text, else its label.
pub fn search_text(entity: &Entity) -> &str {
    entity.search.as_deref().unwrap_or(&entity.label)
}

/// The Wikidata search page for `text`.
pub fn search_url(text: &str) -> String {
    let mut url = String::from("https://www.wikidata.org/w/index.php?search=");
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                url.push(char::from(byte));
            }
            b' ' => url.push('+'),
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

/// `cica-kg link --report`: every linked entity (id, label, QID), in columns separated by at
/// least two spaces, then every unlinked one (id and label) with the text to search Wikidata
/// for and the search page, on lines of their own.
pub fn write_report(facts: &Facts, out: &mut dyn Write) -> Result<()> {
    let (linked, unlinked) = links(facts);
    writeln!(
        out,
        "Linked: {} entities, each owl:sameAs its Wikidata item (http://www.wikidata.org/entity/QID).",
        linked.len()
    )?;
    let mut rows: Vec<Vec<&str>> = vec![vec!["id", "label", "QID"]];
    rows.extend(
        linked
            .iter()
            .map(|(e, qid)| vec![e.id.as_str(), e.label.as_str(), *qid]),
    );
    let widths = table::widths(&rows);
    for row in &rows {
        writeln!(out, "  {}", table::line(row, &widths))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Not linked: {} entities without a verified QID. To link one, search Wikidata for the text below, check that the item is the very same thing, and add wikidata = \"Q...\" to its entry in data/entities.toml (or try it for one run: cica-kg quickstatements --qid ID=Q...).",
        unlinked.len()
    )?;
    for entity in unlinked {
        writeln!(out, "  {}  {}", entity.id, entity.label)?;
        writeln!(out, "    search: {}", search_text(entity))?;
        writeln!(out, "    {}", search_url(search_text(entity)))?;
    }
    Ok(())
}

/// The `owl:sameAs` links of the facts graph, as quads in that graph, sorted.
pub fn link_quads(kg: &KnowledgeGraph) -> Result<Vec<Quad>> {
    let graph = kg.iris.graph(GraphName::Facts);
    let mut quads = Vec::new();
    for quad in kg.store.quads_for_pattern(
        None,
        Some(terms::OWL_SAME_AS),
        None,
        Some(graph.as_ref().into()),
    ) {
        quads.push(quad.context("cannot read the store")?);
    }
    quads.sort_by_cached_key(|q| (q.subject.to_string(), q.object.to_string()));
    Ok(quads)
}

// ── Alignments ──────────────────────────────────────────────────────────────

/// Binds `?claim` to each `wdt:` property that `?property` is equivalent to or a
/// sub-property of: a fact `s ?property o` entails the direct claim `s ?claim o`.
const PROPERTY_CLAIM: &str = "
    ?property owl:equivalentProperty|rdfs:subPropertyOf ?claim .
    FILTER(STRSTARTS(STR(?claim), STR(wdt:)))";

/// Binds `?term` to the Wikidata term property (`schema:description`, `rdfs:label`,
/// `skos:altLabel`) that `?property` is equivalent to. Only equivalence counts: Wikidata has
/// one description per language, so sub-properties of schema:description (an organization's
/// aim, its role) are not descriptions.
const PROPERTY_TERM: &str = "
    ?property owl:equivalentProperty ?term .
    FILTER(?term IN (schema:description, rdfs:label, skos:altLabel))";

/// Binds `?item` to the Wikidata class of `?class`: the `wd:` class that the nearest aligned
/// class among `?class` and its superclasses is equivalent to or a subclass of (a secretariat
/// is aligned through organization; a forum by its own alignment, not its superclass's).
const CLASS_ITEM: &str = "
    ?class rdfs:subClassOf* ?aligned .
    ?aligned owl:equivalentClass|rdfs:subClassOf ?item .
    FILTER(STRSTARTS(STR(?item), STR(wd:)))
    FILTER NOT EXISTS {
      ?class rdfs:subClassOf* ?closer .
      ?closer rdfs:subClassOf+ ?aligned .
      ?closer owl:equivalentClass|rdfs:subClassOf ?closerItem .
      FILTER(STRSTARTS(STR(?closerItem), STR(wd:)))
    }";

/// What `ontology/cica.ttl` says about Wikidata, by local name in the `cica:` namespace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignments {
    /// Property -> the PIDs of the direct claims it entails (`P276`).
    pub claims: BTreeMap<String, Vec<String>>,
    /// Properties equivalent to `schema:description`.
    pub descriptions: BTreeSet<String>,
    /// Class -> the QIDs of its Wikidata classes (`Q515`), for `P31`.
    pub class_items: BTreeMap<String, Vec<String>>,
    /// Class -> its English label (`CICA summit`).
    pub class_labels: BTreeMap<String, String>,
    /// Qualifier property -> the property whose claim it qualifies and the qualifier's PID
    /// (`presidencySince` -> (`presidency`, `P580`)), from `cica:qualifies` and
    /// `cica:wikidataQualifier`.
    pub qualifiers: BTreeMap<String, (String, String)>,
}

/// Reads the alignments from the ontology graph of the store.
pub fn alignments(kg: &KnowledgeGraph) -> Result<Alignments> {
    let ontology = kg.iris.graph(GraphName::Ontology);
    let ontology = ontology.as_str();
    let select = |body: &str| -> Result<Vec<Row>> {
        rows(
            &kg.store,
            &format!("SELECT * WHERE {{ GRAPH <{ontology}> {{ {body} }} }}"),
        )
    };
    let mut alignments = Alignments::default();
    for row in select(&format!(
        "{PROPERTY_CLAIM} FILTER(STRSTARTS(STR(?property), STR(cica:)))"
    ))? {
        alignments
            .claims
            .entry(row.local("property", CICA)?)
            .or_default()
            .push(row.local("claim", WDT)?);
    }
    for row in select(&format!(
        "{PROPERTY_TERM} FILTER(?term = schema:description && STRSTARTS(STR(?property), STR(cica:)))"
    ))? {
        alignments.descriptions.insert(row.local("property", CICA)?);
    }
    for row in select(&format!(
        "?class a owl:Class . FILTER(STRSTARTS(STR(?class), STR(cica:))) {CLASS_ITEM}"
    ))? {
        alignments
            .class_items
            .entry(row.local("class", CICA)?)
            .or_default()
            .push(row.local("item", WD)?);
    }
    for row in select(
        "?class a owl:Class ; rdfs:label ?label . FILTER(STRSTARTS(STR(?class), STR(cica:)) && LANGMATCHES(LANG(?label), 'en'))",
    )? {
        alignments
            .class_labels
            .insert(row.local("class", CICA)?, row.get("label")?.to_owned());
    }
    for row in select(
        "?qualifier cica:qualifies ?property ; cica:wikidataQualifier ?pid . FILTER(STRSTARTS(STR(?qualifier), STR(cica:)))",
    )? {
        alignments.qualifiers.insert(
            row.local("qualifier", CICA)?,
            (row.local("property", CICA)?, row.local("pid", WDT)?),
        );
    }
    for values in alignments
        .claims
        .values_mut()
        .chain(alignments.class_items.values_mut())
    {
        values.sort();
        values.dedup();
    }
    Ok(alignments)
}

/// One solution of an alignment query: each variable's IRI or literal value.
struct Row(BTreeMap<String, String>);

impl Row {
    fn get(&self, variable: &str) -> Result<&str> {
        self.0
            .get(variable)
            .map(String::as_str)
            .with_context(|| format!("?{variable} is unbound in an alignment query"))
    }

    /// The local name of the IRI bound to `variable`, in `namespace`.
    fn local(&self, variable: &str, namespace: &str) -> Result<String> {
        local(self.get(variable)?, namespace)
    }
}

/// The local name of `iri` in `namespace`.
fn local(iri: &str, namespace: &str) -> Result<String> {
    match iri.strip_prefix(namespace) {
        Some(local) if !local.is_empty() => Ok(local.to_owned()),
        _ => bail!("<{iri}> is not in the namespace <{namespace}>"),
    }
}

/// Runs a SELECT with [`PREFIXES`] over the store.
fn rows(store: &Store, select: &str) -> Result<Vec<Row>> {
    let QueryResults::Solutions(solutions) = query::evaluator(VOCABULARY_PREFIXES)?
        .parse_query(select)
        .context("an alignment query does not parse")?
        .on_store(store)
        .execute()
        .context("an alignment query failed")?
    else {
        bail!("an alignment query is not a SELECT");
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.context("an alignment query failed")?;
        rows.push(Row(solution
            .iter()
            .map(|(variable, term)| {
                let value = match term {
                    Term::NamedNode(n) => n.as_str().to_owned(),
                    Term::Literal(l) => l.value().to_owned(),
                    other => other.to_string(),
                };
                (variable.as_str().to_owned(), value)
            })
            .collect()));
    }
    Ok(rows)
}

// ── The Wikidata profile ────────────────────────────────────────────────────

/// The CONSTRUCT of the Wikidata profile, for the facts and ontology graphs given.
fn profile_query(facts: &str, ontology: &str) -> String {
    format!(
        "CONSTRUCT {{ ?subject2 ?predicate2 ?object2 }}
WHERE {{
  {{
    # Every fact but the type and the link: an aligned property becomes its direct claim
    # (or Wikidata's description property); any other keeps its own IRI.
    GRAPH <{facts}> {{ ?subject ?property ?object }}
    FILTER(?property NOT IN (rdf:type, owl:sameAs))
    OPTIONAL {{ GRAPH <{ontology}> {{ {PROPERTY_CLAIM} }} }}
    OPTIONAL {{ GRAPH <{ontology}> {{ {PROPERTY_TERM} }} }}
    BIND(COALESCE(?claim, ?term, ?property) AS ?predicate2)
  }} UNION {{
    # The type: instance of (P31) the Wikidata class of the entity's class, if it has one.
    GRAPH <{facts}> {{ ?subject rdf:type ?class }}
    OPTIONAL {{ GRAPH <{ontology}> {{ {CLASS_ITEM} }} }}
    BIND(IF(BOUND(?item), wdt:P31, rdf:type) AS ?predicate2)
    BIND(COALESCE(?item, ?class) AS ?object)
  }}
  # A linked entity is its item, as subject and as object.
  OPTIONAL {{
    GRAPH <{facts}> {{ ?subject owl:sameAs ?subjectItem }}
    FILTER(STRSTARTS(STR(?subjectItem), STR(wd:)))
  }}
  OPTIONAL {{
    GRAPH <{facts}> {{ ?object owl:sameAs ?objectItem }}
    FILTER(STRSTARTS(STR(?objectItem), STR(wd:)))
  }}
  BIND(COALESCE(?subjectItem, ?subject) AS ?subject2)
  BIND(COALESCE(?objectItem, ?object) AS ?object2)
}}"
    )
}

/// The facts in Wikidata's vocabulary, as triples in the default graph, sorted by subject,
/// then predicate (`wdt:P31` and `rdf:type` first, then `rdfs:label`), then object.
pub fn profile(kg: &KnowledgeGraph) -> Result<Vec<Quad>> {
    let query = profile_query(
        kg.iris.graph(GraphName::Facts).as_str(),
        kg.iris.graph(GraphName::Ontology).as_str(),
    );
    let QueryResults::Graph(triples) = query::evaluator(VOCABULARY_PREFIXES)?
        .parse_query(&query)
        .context("the Wikidata profile query does not parse")?
        .on_store(&kg.store)
        .execute()
        .context("the Wikidata profile query failed")?
    else {
        bail!("the Wikidata profile query is not a CONSTRUCT");
    };
    let mut quads = triples
        .map(|t| t.map(|t| t.in_graph(OxGraphName::DefaultGraph)))
        .collect::<Result<Vec<Quad>, _>>()
        .context("the Wikidata profile query failed")?;
    let p31 = crate::vocab::wdt("P31");
    let rank = |predicate: NamedNodeRef<'_>| {
        if predicate == p31.as_ref() || predicate == terms::RDF_TYPE {
            0
        } else if predicate == terms::RDFS_LABEL {
            1
        } else {
            2
        }
    };
    quads.sort_by_cached_key(|q| {
        (
            q.subject.to_string(),
            rank(q.predicate.as_ref()),
            q.predicate.as_str().to_owned(),
            q.object.to_string(),
        )
    });
    quads.dedup();
    Ok(quads)
}

/// A store holding the Wikidata profile in its default graph, for `query --profile wikidata`.
pub fn profile_store(kg: &KnowledgeGraph) -> Result<Store> {
    let store = Store::new().context("cannot create the in-memory store")?;
    store
        .extend(profile(kg)?)
        .context("cannot fill the Wikidata profile store")?;
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_urls_are_encoded() {
        assert_eq!(
            search_url("CICA summit 2002 Almaty"),
            "https://www.wikidata.org/w/index.php?search=CICA+summit+2002+Almaty"
        );
        assert_eq!(
            search_url("Türkiye & (CICA)"),
            "https://www.wikidata.org/w/index.php?search=T%C3%BCrkiye+%26+%28CICA%29"
        );
    }

    #[test]
    fn local_names_need_their_namespace() {
        assert_eq!(local(&format!("{WDT}P17"), WDT).unwrap(), "P17");
        assert!(local("http://example.org/P17", WDT).is_err());
        assert!(local(WDT, WDT).is_err());
    }
}
