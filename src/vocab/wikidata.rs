//! Wikidata's namespaces, as the Wikidata Query Service writes them: items (`wd:`), direct
//! claims (`wdt:`), statements (`p:`), statement values (`ps:`), qualifiers (`pq:`) and
//! references (`pr:`), their value nodes (`psv:`, `pqv:`, `prv:`), the nodes themselves (`wds:`,
//! `wdref:`, `wdv:`) and schema.org as Wikibase writes it; and functions that mint their IRIs from a checked QID or PID.

use oxigraph::model::NamedNode;
use std::fmt;
use std::str::FromStr;

/// Items: `wd:Q232`.
pub const WD_NAMESPACE: &str = "http://www.wikidata.org/entity/";
/// Direct claims: `wdt:P276`.
pub const WDT_NAMESPACE: &str = "http://www.wikidata.org/prop/direct/";
/// Statements: `p:P276`.
pub const P_NAMESPACE: &str = "http://www.wikidata.org/prop/";
/// Statement values: `ps:P276`.
pub const PS_NAMESPACE: &str = "http://www.wikidata.org/prop/statement/";
/// Qualifiers: `pq:P580`.
pub const PQ_NAMESPACE: &str = "http://www.wikidata.org/prop/qualifier/";
/// Reference values: `pr:P854`.
pub const PR_NAMESPACE: &str = "http://www.wikidata.org/prop/reference/";

/// Wikidata's search page, followed by the search text (URL-encoded).
pub const SEARCH_PAGE: &str = "https://www.wikidata.org/w/index.php?search=";

/// Statement value nodes (time precision and the like): `psv:P580`.
pub const PSV_NAMESPACE: &str = "http://www.wikidata.org/prop/statement/value/";
/// Qualifier value nodes: `pqv:P585`.
pub const PQV_NAMESPACE: &str = "http://www.wikidata.org/prop/qualifier/value/";
/// Reference value nodes: `prv:P577`.
pub const PRV_NAMESPACE: &str = "http://www.wikidata.org/prop/reference/value/";
/// Statement nodes: `wds:Q232-…`.
pub const WDS_NAMESPACE: &str = "http://www.wikidata.org/entity/statement/";
/// Reference nodes: `wdref:…`.
pub const WDREF_NAMESPACE: &str = "http://www.wikidata.org/reference/";
/// Full value nodes: `wdv:…`.
pub const WDV_NAMESPACE: &str = "http://www.wikidata.org/value/";
/// schema.org as Wikibase's RDF writes it (`http:`, not the `https:` of cica-kg's own graph):
/// `schema:description`, `schema:name`, `schema:about`.
pub const SCHEMA_NAMESPACE: &str = "http://schema.org/";
/// `schema:description` as Wikibase's RDF writes it: an entity's description.
pub const DESCRIPTION: oxigraph::model::NamedNodeRef<'static> =
    oxigraph::model::NamedNodeRef::new_unchecked("http://schema.org/description");

/// The Wikidata Query Service's SPARQL endpoint, the one federation endpoint allowed without
/// being asked for.
pub const QUERY_SERVICE: &str = "https://query.wikidata.org/sparql";
/// The same endpoint under its Blazegraph path, which the query service also answers.
pub const QUERY_SERVICE_ALIAS: &str = "https://query.wikidata.org/bigdata/namespace/wdq/sparql";

/// An item's page for people: `https://www.wikidata.org/wiki/Q232`.
pub const ITEM_PAGE: &str = "https://www.wikidata.org/wiki/";

/// The public Wikidata reconciliation service (the W3C Reconciliation Service API, as
/// OpenRefine uses it), English.
pub const RECONCILIATION_SERVICE: &str = "https://wikidata.reconci.link/en/api";

/// Prefix of [`WD_NAMESPACE`].
pub const WD: &str = "wd";
/// Prefix of [`WDT_NAMESPACE`].
pub const WDT: &str = "wdt";
/// Prefix of [`P_NAMESPACE`].
pub const P: &str = "p";
/// Prefix of [`PS_NAMESPACE`].
pub const PS: &str = "ps";
/// Prefix of [`PQ_NAMESPACE`].
pub const PQ: &str = "pq";
/// Prefix of [`PR_NAMESPACE`].
pub const PR: &str = "pr";
/// Prefix of [`PSV_NAMESPACE`].
pub const PSV: &str = "psv";
/// Prefix of [`PQV_NAMESPACE`].
pub const PQV: &str = "pqv";
/// Prefix of [`PRV_NAMESPACE`].
pub const PRV: &str = "prv";
/// Prefix of [`WDS_NAMESPACE`].
pub const WDS: &str = "wds";
/// Prefix of [`WDREF_NAMESPACE`].
pub const WDREF: &str = "wdref";
/// Prefix of [`WDV_NAMESPACE`].
pub const WDV: &str = "wdv";

/// A Wikidata item id, checked once where it is read: `Q` and digits, no leading zero.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Qid(String);

/// Why a text is not a QID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a Wikidata QID (Q followed by digits, without a leading zero, such as Q232)")]
pub struct QidError(pub String);

impl FromStr for Qid {
    type Err = QidError;

    fn from_str(text: &str) -> Result<Self, QidError> {
        let valid = text.strip_prefix('Q').is_some_and(|n| {
            !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
        });
        if valid {
            Ok(Self(text.to_owned()))
        } else {
            Err(QidError(text.to_owned()))
        }
    }
}

impl Qid {
    /// `Q232`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The item's IRI: `wd:Q232`.
    pub fn iri(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{WD_NAMESPACE}{}", self.0))
    }
}

impl fmt::Display for Qid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The IRI of an item, from a checked QID: `item("Q232")`.
pub fn item(qid: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{WD_NAMESPACE}{qid}"))
}

/// The property entity of a checked PID: `property("P17")` is `wd:P17`.
pub fn property(pid: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{WD_NAMESPACE}{pid}"))
}

/// The direct-claim property of a checked PID: `direct("P31")`.
pub fn direct(pid: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{WDT_NAMESPACE}{pid}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qids_are_checked() {
        assert_eq!("Q232".parse::<Qid>().unwrap().as_str(), "Q232");
        for bad in ["Q", "232", "Q023", "Q23x", " Q1"] {
            assert!(bad.parse::<Qid>().is_err(), "{bad}");
        }
    }

    #[test]
    fn minted_iris_are_valid() {
        assert!(NamedNode::new(item("Q232").as_str()).is_ok());
        assert!(NamedNode::new(direct("P31").as_str()).is_ok());
        for ns in [
            WD_NAMESPACE,
            WDT_NAMESPACE,
            P_NAMESPACE,
            PS_NAMESPACE,
            PQ_NAMESPACE,
            PR_NAMESPACE,
            PSV_NAMESPACE,
            PQV_NAMESPACE,
            PRV_NAMESPACE,
            WDS_NAMESPACE,
            WDREF_NAMESPACE,
            WDV_NAMESPACE,
            SCHEMA_NAMESPACE,
            DESCRIPTION.as_str(),
            QUERY_SERVICE,
            QUERY_SERVICE_ALIAS,
        ] {
            assert!(NamedNode::new(ns).is_ok(), "{ns}");
        }
    }
}
