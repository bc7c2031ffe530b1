//! The links to Wikidata: each entity with a verified QID is `owl:sameAs` its item (written
//! by `rdf::statements`); [`write_report`] lists them and, for every entity left
//! unlinked, the words a person would search Wikidata for (QIDs are never guessed).

use crate::facts::{Entity, Facts};
use crate::rdf::{KnowledgeGraph, StoreError};
use crate::table;
use crate::vocab::wikidata::{self, Qid};
use crate::vocab::{owl, GraphKind};
use oxigraph::model::{GraphName, Quad};
use std::io::{self, Write};

/// The entities with a verified QID (and that QID), and those without, in file order.
pub fn links(facts: &Facts) -> (Vec<(&Entity, &Qid)>, Vec<&Entity>) {
    let mut linked = Vec::new();
    let mut unlinked = Vec::new();
    for entity in &facts.entities {
        match &entity.wikidata {
            Some(qid) => linked.push((entity, qid)),
            None => unlinked.push(entity),
        }
    }
    (linked, unlinked)
}

/// What a person would search Wikidata for to find an unlinked entity's item: its `search`
/// text, else its label.
pub(crate) fn search_text(entity: &Entity) -> &str {
    entity.search.as_deref().unwrap_or(&entity.label)
}

/// The Wikidata search page for `text`, which is encoded as a value of the URL's query
/// (`application/x-www-form-urlencoded`: spaces as `+`, `&` and `+` escaped).
pub(crate) fn search_url(text: &str) -> String {
    let query: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
    format!("{}{query}", wikidata::SEARCH_PAGE)
}

/// `cica-kg link --report`: every linked entity (id, label, QID), in columns separated by at
/// least two spaces, then every unlinked one (id and label) with the text to search Wikidata
/// for and the search page, on lines of their own.
pub fn write_report(facts: &Facts, out: &mut dyn Write) -> io::Result<()> {
    let (linked, unlinked) = links(facts);
    writeln!(
        out,
        "Linked: {} entities, each owl:sameAs its Wikidata item ({}QID).",
        linked.len(),
        wikidata::WD_NAMESPACE
    )?;
    let mut rows: Vec<Vec<&str>> = vec![vec!["id", "label", "QID"]];
    rows.extend(
        linked
            .iter()
            .map(|(e, qid)| vec![e.id.as_str(), e.label.as_str(), qid.as_str()]),
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
pub fn link_quads(kg: &KnowledgeGraph) -> Result<Vec<Quad>, StoreError> {
    let graph = kg.iris().graph(GraphKind::Facts);
    let mut quads = kg
        .store()
        .quads_for_pattern(None, Some(owl::SAME_AS), None, Some(graph.as_ref().into()))
        .collect::<Result<Vec<_>, _>>()?;
    crate::rdf::export::sort(&mut quads, &[GraphName::from(graph)]);
    Ok(quads)
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
        assert_eq!(
            search_url("a+b=c/d#e"),
            "https://www.wikidata.org/w/index.php?search=a%2Bb%3Dc%2Fd%23e"
        );
    }
}
