//! Every IRI cica-kg writes or reads, in one place, one module per vocabulary with its terms as
//! constants (as `oxrdf::vocab` does; its `rdf`, `rdfs` and `xsd` modules are reused as they
//! are), and [`Iris`], which mints the IRIs of the data under the base namespace.

mod iris;

pub(crate) use iris::ENTITY_KINDS;
pub use iris::{BaseError, GraphKind, Iris, DEFAULT_BASE};
pub use oxigraph::model::vocab::{rdf, rdfs, xsd};

/// Declares a vocabulary module's namespace, preferred prefix and terms, and `TERMS`, the list
/// of them (tested to be valid IRIs).
macro_rules! vocabulary {
    (
        $(#[$doc:meta])* namespace = $ns:literal, prefix = $prefix:literal;
        $($(#[$term_doc:meta])* $name:ident = $local:literal;)*
    ) => {
        use oxigraph::model::NamedNodeRef;
        $(#[$doc])*
        pub const NAMESPACE: &str = $ns;
        /// The preferred prefix of the namespace.
        pub const PREFIX: &str = $prefix;
        $(
            $(#[$term_doc])*
            pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));
        )*
        /// Every term declared here.
        #[allow(dead_code)]
        pub const TERMS: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

pub mod bd;
pub mod cica;
pub mod cicash;
pub mod dcterms;
pub mod hint;
pub mod iso639;
pub mod oa;
pub mod owl;
pub mod prov;
pub mod schema;
pub mod sd;
pub mod sh;
pub mod skos;
pub mod vann;
pub mod void;
pub mod wikibase;
pub mod wikidata;

/// `rdf:` namespace (terms in [`rdf`]).
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// `rdfs:` namespace (terms in [`rdfs`]).
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// `xsd:` namespace (terms in [`xsd`]).
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// The prefixes of the vocabularies, in the order they are tried: predefined in every query,
/// declared (when used) in every export.
pub const PREFIXES: &[(&str, &str)] = &[
    (cica::PREFIX, cica::NAMESPACE),
    ("rdf", RDF),
    ("rdfs", RDFS),
    (owl::PREFIX, owl::NAMESPACE),
    ("xsd", XSD),
    (skos::PREFIX, skos::NAMESPACE),
    (schema::PREFIX, schema::NAMESPACE),
    (prov::PREFIX, prov::NAMESPACE),
    (dcterms::PREFIX, dcterms::NAMESPACE),
    (oa::PREFIX, oa::NAMESPACE),
    (vann::PREFIX, vann::NAMESPACE),
    (sh::PREFIX, sh::NAMESPACE),
    (wikidata::WD, wikidata::WD_NAMESPACE),
    (wikidata::WDT, wikidata::WDT_NAMESPACE),
    (wikidata::P, wikidata::P_NAMESPACE),
    (wikidata::PS, wikidata::PS_NAMESPACE),
    (wikidata::PQ, wikidata::PQ_NAMESPACE),
    (wikidata::PR, wikidata::PR_NAMESPACE),
    (wikidata::PSV, wikidata::PSV_NAMESPACE),
    (wikidata::PQV, wikidata::PQV_NAMESPACE),
    (wikidata::PRV, wikidata::PRV_NAMESPACE),
    (wikidata::WDS, wikidata::WDS_NAMESPACE),
    (wikidata::WDREF, wikidata::WDREF_NAMESPACE),
    (wikidata::WDV, wikidata::WDV_NAMESPACE),
    (wikibase::PREFIX, wikibase::NAMESPACE),
    (bd::PREFIX, bd::NAMESPACE),
    (hint::PREFIX, hint::NAMESPACE),
];

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn every_term_is_a_valid_iri() {
        let terms = [
            bd::TERMS,
            cica::TERMS,
            cicash::TERMS,
            dcterms::TERMS,
            hint::TERMS,
            oa::TERMS,
            owl::TERMS,
            prov::TERMS,
            schema::TERMS,
            sd::TERMS,
            sh::TERMS,
            skos::TERMS,
            vann::TERMS,
            wikibase::TERMS,
            void::TERMS,
        ];
        let mut count = 0;
        for term in terms.iter().flat_map(|t| t.iter()) {
            NamedNode::new(term.as_str()).unwrap_or_else(|e| panic!("{term}: {e}"));
            count += 1;
        }
        assert!(count > 40, "{count} terms");
        NamedNode::new(iso639::language("en").as_str()).unwrap();
        for (prefix, namespace) in PREFIXES {
            let iri = NamedNode::new(*namespace).unwrap_or_else(|e| panic!("{prefix}: {e}"));
            assert!(
                iri.as_str().ends_with(['/', '#']),
                "{prefix}: a namespace ends with / or #"
            );
        }
    }

    #[test]
    fn prefixes_are_unique() {
        let mut names: Vec<&str> = PREFIXES.iter().map(|(p, _)| *p).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), PREFIXES.len());
    }
}
