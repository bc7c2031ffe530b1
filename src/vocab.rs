//! Every IRI cica-kg writes or reads, in one place: the namespaces it reuses, the terms of
//! its own ontology, the property and class tables the facts are checked against, and the
//! [`Iris`] that mints the IRIs of entities, statements, sources and graphs under the base
//! namespace (overridable with `--base`).

use oxigraph::model::{NamedNode, NamedNodeRef};
use std::fmt;

/// The namespace of the cica-kg ontology (fixed: a vocabulary does not move with `--base`).
pub const CICA: &str = "https://w3id.org/cica-kg/ontology#";
/// The IRI of the ontology document itself.
pub const ONTOLOGY: &str = "https://w3id.org/cica-kg/ontology";
/// The default base namespace of the data. The w3id.org redirect is not registered yet;
/// `--base` puts the data under any other namespace.
pub const DEFAULT_BASE: &str = "https://w3id.org/cica-kg/";

/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// RDF Schema.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// OWL.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// SKOS.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// schema.org.
pub const SCHEMA: &str = "https://schema.org/";
/// PROV-O.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// Dublin Core terms.
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// W3C Web Annotation vocabulary.
pub const OA: &str = "http://www.w3.org/ns/oa#";
/// VANN, for the ontology's preferred prefix.
pub const VANN: &str = "http://purl.org/vocab/vann/";
/// SHACL.
pub const SH: &str = "http://www.w3.org/ns/shacl#";
/// The SHACL shapes of `ontology/shapes.ttl` (fixed, like the ontology's namespace).
pub const SHAPES: &str = "https://w3id.org/cica-kg/shapes#";
/// Wikidata items.
pub const WD: &str = "http://www.wikidata.org/entity/";
/// Wikidata direct claims.
pub const WDT: &str = "http://www.wikidata.org/prop/direct/";

/// The prefixes of the vocabularies cica-kg uses, in the order they are tried.
pub const VOCABULARY_PREFIXES: &[(&str, &str)] = &[
    ("cica", CICA),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("skos", SKOS),
    ("schema", SCHEMA),
    ("prov", PROV),
    ("dcterms", DCTERMS),
    ("oa", OA),
    ("vann", VANN),
    ("sh", SH),
    ("wd", WD),
    ("wdt", WDT),
];

/// A term of a namespace, as a [`NamedNode`].
fn term(namespace: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{namespace}{local}"))
}

/// A term of the cica-kg ontology, such as `cica("Summit")`.
pub fn cica(local: &str) -> NamedNode {
    term(CICA, local)
}

/// A Wikidata item, such as `wd("Q232")`.
pub fn wd(qid: &str) -> NamedNode {
    term(WD, qid)
}

/// A Wikidata direct-claim property, such as `wdt("P276")`.
pub fn wdt(pid: &str) -> NamedNode {
    term(WDT, pid)
}

/// Terms of other vocabularies that cica-kg writes.
pub mod terms {
    use super::NamedNodeRef;

    macro_rules! terms {
        ($($(#[$doc:meta])* $name:ident = $iri:literal;)*) => {
            $($(#[$doc])* pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked($iri);)*
        };
    }

    terms! {
        /// rdf:type
        RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
        /// rdf:Statement
        RDF_STATEMENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement";
        /// rdf:subject
        RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject";
        /// rdf:predicate
        RDF_PREDICATE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate";
        /// rdf:object
        RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object";
        /// rdfs:label
        RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
        /// owl:sameAs
        OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs";
        /// skos:altLabel
        SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel";
        /// skos:editorialNote
        SKOS_EDITORIAL_NOTE = "http://www.w3.org/2004/02/skos/core#editorialNote";
        /// schema:NewsArticle
        SCHEMA_NEWS_ARTICLE = "https://schema.org/NewsArticle";
        /// schema:editor
        SCHEMA_EDITOR = "https://schema.org/editor";
        /// prov:Entity
        PROV_ENTITY = "http://www.w3.org/ns/prov#Entity";
        /// prov:wasDerivedFrom
        PROV_WAS_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom";
        /// dcterms:title
        DCTERMS_TITLE = "http://purl.org/dc/terms/title";
        /// dcterms:publisher
        DCTERMS_PUBLISHER = "http://purl.org/dc/terms/publisher";
        /// dcterms:issued
        DCTERMS_ISSUED = "http://purl.org/dc/terms/issued";
        /// dcterms:language
        DCTERMS_LANGUAGE = "http://purl.org/dc/terms/language";
        /// dcterms:identifier
        DCTERMS_IDENTIFIER = "http://purl.org/dc/terms/identifier";
        /// oa:SpecificResource
        OA_SPECIFIC_RESOURCE = "http://www.w3.org/ns/oa#SpecificResource";
        /// oa:hasSource
        OA_HAS_SOURCE = "http://www.w3.org/ns/oa#hasSource";
        /// oa:hasSelector
        OA_HAS_SELECTOR = "http://www.w3.org/ns/oa#hasSelector";
        /// oa:TextQuoteSelector
        OA_TEXT_QUOTE_SELECTOR = "http://www.w3.org/ns/oa#TextQuoteSelector";
        /// oa:TextPositionSelector
        OA_TEXT_POSITION_SELECTOR = "http://www.w3.org/ns/oa#TextPositionSelector";
        /// oa:exact
        OA_EXACT = "http://www.w3.org/ns/oa#exact";
        /// oa:start
        OA_START = "http://www.w3.org/ns/oa#start";
        /// oa:end
        OA_END = "http://www.w3.org/ns/oa#end";
        /// xsd:gYear
        XSD_G_YEAR = "http://www.w3.org/2001/XMLSchema#gYear";
        /// xsd:gYearMonth
        XSD_G_YEAR_MONTH = "http://www.w3.org/2001/XMLSchema#gYearMonth";
        /// xsd:date
        XSD_DATE = "http://www.w3.org/2001/XMLSchema#date";
        /// xsd:dateTime
        XSD_DATE_TIME = "http://www.w3.org/2001/XMLSchema#dateTime";
        /// xsd:integer
        XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer";
        /// xsd:boolean
        XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean";
    }
}

/// The kind of value a property takes in the facts files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// `object = "place/astana"`: another entity.
    Entity,
    /// `text = "..."`: English text.
    Text,
    /// `date = "2002-06"`: a year, a month or a day.
    Date,
    /// `integer = 27`.
    Integer,
    /// `boolean = true`.
    Boolean,
}

impl ValueKind {
    /// The TOML key that carries a value of this kind.
    pub fn key(self) -> &'static str {
        match self {
            Self::Entity => "object",
            Self::Text => "text",
            Self::Date => "date",
            Self::Integer => "integer",
            Self::Boolean => "boolean",
        }
    }
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The properties a statement may use: the local name in the `cica:` namespace and the kind
/// of value it takes. Each is declared in `ontology/cica.ttl` (a test checks it).
pub const PROPERTIES: &[(&str, ValueKind)] = &[
    ("adopted", ValueKind::Entity),
    ("aim", ValueKind::Text),
    ("alternatesWith", ValueKind::Entity),
    ("capital", ValueKind::Entity),
    ("country", ValueKind::Entity),
    ("date", ValueKind::Date),
    ("description", ValueKind::Text),
    ("endDate", ValueKind::Date),
    ("followedBy", ValueKind::Entity),
    ("follows", ValueKind::Entity),
    ("fromLocation", ValueKind::Entity),
    ("headquarters", ValueKind::Entity),
    ("hostedByPresidency", ValueKind::Boolean),
    ("inception", ValueKind::Date),
    ("location", ValueKind::Entity),
    ("mechanism", ValueKind::Entity),
    ("memberCount", ValueKind::Integer),
    ("movedOrganization", ValueKind::Entity),
    ("observerCount", ValueKind::Integer),
    ("officialName", ValueKind::Text),
    ("operationStart", ValueKind::Date),
    ("ordinal", ValueKind::Integer),
    ("organizer", ValueKind::Entity),
    ("partOf", ValueKind::Entity),
    ("presidency", ValueKind::Entity),
    ("presidencySince", ValueKind::Date),
    ("proposedAt", ValueKind::Entity),
    ("proposedBy", ValueKind::Entity),
    ("proposedIn", ValueKind::Date),
    ("region", ValueKind::Entity),
    ("role", ValueKind::Text),
    ("secretariat", ValueKind::Entity),
    ("shortName", ValueKind::Text),
    ("startDate", ValueKind::Date),
    ("toLocation", ValueKind::Entity),
];

/// The classes an entity may have, as local names in the `cica:` namespace.
pub const CLASSES: &[&str] = &[
    "AssemblySession",
    "City",
    "Continent",
    "Country",
    "Document",
    "Forum",
    "MeetingFormat",
    "Organization",
    "Relocation",
    "Secretariat",
    "Summit",
];

/// The kinds of entity id (`kind/slug`); each is a path segment of the entity IRIs and a
/// prefix in the exports (`summit:6`).
pub const ENTITY_KINDS: &[&str] = &[
    "document",
    "event",
    "mechanism",
    "organization",
    "place",
    "summit",
];

/// The named graphs of the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphName {
    /// The facts: entities and the triples the article supports.
    Facts,
    /// Where each fact comes from: reified statements, quotes, offsets, the source record.
    Provenance,
    /// The ontology, `ontology/cica.ttl`.
    Ontology,
}

impl GraphName {
    /// Every graph, in export order.
    pub const ALL: [GraphName; 3] = [Self::Facts, Self::Provenance, Self::Ontology];

    /// The path segment of the graph's IRI.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Facts => "facts",
            Self::Provenance => "provenance",
            Self::Ontology => "ontology",
        }
    }
}

/// Mints the IRIs of the data under one base namespace.
#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
}

impl Default for Iris {
    fn default() -> Self {
        Self::new(DEFAULT_BASE).expect("the default base is a valid IRI")
    }
}

impl Iris {
    /// Uses `base` as the namespace of the data. It must be an absolute IRI ending in `/` or `#`.
    pub fn new(base: &str) -> Result<Self, String> {
        NamedNode::new(base).map_err(|e| {
            format!("invalid base IRI <{base}>: {e}; give an absolute IRI such as {DEFAULT_BASE}")
        })?;
        if !base.ends_with('/') && !base.ends_with('#') {
            return Err(format!(
                "invalid base IRI <{base}>: it must end with '/' or '#', such as {DEFAULT_BASE}"
            ));
        }
        Ok(Self {
            base: base.to_owned(),
        })
    }

    /// The base namespace.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// An entity, from its id `kind/slug`: `<base>summit/6`.
    pub fn entity(&self, id: &str) -> NamedNode {
        term(&self.base, id)
    }

    /// A source document: `<base>source/<id>`.
    pub fn source(&self, id: &str) -> NamedNode {
        term(&self.base, &format!("source/{id}"))
    }

    /// A reified statement, with an optional part such as `evidence`: `<base>statement/<key>-<part>`.
    pub fn statement(&self, key: &str, part: Option<&str>) -> NamedNode {
        match part {
            Some(part) => term(&self.base, &format!("statement/{key}-{part}")),
            None => term(&self.base, &format!("statement/{key}")),
        }
    }

    /// A named graph: `<base>graph/facts`.
    pub fn graph(&self, graph: GraphName) -> NamedNode {
        term(&self.base, &format!("graph/{}", graph.slug()))
    }

    /// Every prefix of the data and the vocabularies, most specific first.
    pub fn prefixes(&self) -> Vec<(String, String)> {
        let mut prefixes: Vec<(String, String)> = ENTITY_KINDS
            .iter()
            .chain(&["source", "statement", "graph"])
            .map(|kind| (kind.to_string(), format!("{}{kind}/", self.base)))
            .collect();
        prefixes.extend(
            VOCABULARY_PREFIXES
                .iter()
                .map(|(p, ns)| (p.to_string(), ns.to_string())),
        );
        prefixes
    }
}

/// The value kind of a property of [`PROPERTIES`], by local name.
pub fn property_kind(name: &str) -> Option<ValueKind> {
    PROPERTIES
        .iter()
        .find(|(p, _)| *p == name)
        .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_must_be_an_absolute_namespace() {
        assert!(Iris::new("https://example.org/kg/").is_ok());
        assert!(Iris::new("https://example.org/kg#").is_ok());
        assert!(Iris::new("not an iri")
            .unwrap_err()
            .contains("invalid base IRI"));
        assert!(Iris::new("https://example.org/kg")
            .unwrap_err()
            .contains("end with"));
    }

    #[test]
    fn entity_iris_are_readable_slugs() {
        let iris = Iris::default();
        assert_eq!(
            iris.entity("summit/6").as_str(),
            "https://w3id.org/cica-kg/summit/6"
        );
    }

    #[test]
    fn property_table_is_sorted_and_unique() {
        let names: Vec<_> = PROPERTIES.iter().map(|(p, _)| *p).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(names, sorted);
    }
}
