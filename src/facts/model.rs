//! The facts as the rest of the program sees them, checked: sources, entities and statements.
//! Nothing here knows about TOML or RDF.

use crate::diagnostic::Span;
use crate::vocab::wikidata::Qid;
use std::path::PathBuf;

pub use super::date::Date;
pub use super::qualifiers::{Rank, Time};

/// Where the facts are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// The `data/` folder shipped inside the binary.
    Embedded,
    /// A folder of `*.toml` files and the articles they cite.
    Directory(PathBuf),
}

/// All the facts: sources, entities and statements, checked.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The source articles.
    pub sources: Vec<Source>,
    /// The entities, in file order.
    pub entities: Vec<Entity>,
    /// The statements, in file order.
    pub statements: Vec<Statement>,
    /// The candidates of drafts (`[[candidate]]`) awaiting a person's review: never facts.
    pub awaiting: Vec<Awaiting>,
}

/// A `[[candidate]]` of a draft facts file, awaiting review: listed by `validate`, never in
/// the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Awaiting {
    /// Its subject, as written (empty if missing).
    pub subject: String,
    /// Its property, as written (empty if missing).
    pub property: String,
    /// Where it is written.
    pub origin: Span,
}

impl Facts {
    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }
}

/// A source article and its metadata.
#[derive(Debug, Clone)]
pub struct Source {
    /// Stable id, the last segment of its IRI.
    pub id: String,
    /// The text file's name, as written in the facts file.
    pub file: String,
    /// The article's text, unchanged.
    pub text: String,
    /// Headline.
    pub title: String,
    /// The publisher's entity id.
    pub publisher: String,
    /// The editor, as printed.
    pub editor: String,
    /// Publication time as printed, without a time zone (none is given).
    pub published: String,
    /// The dateline's place, an entity id.
    pub dateline_place: String,
    /// The dateline's date.
    pub dateline_date: Date,
    /// BCP 47 language tag.
    pub language: String,
    /// Where the article is published (an http or https URL), if known.
    pub url: Option<String>,
    /// When the article was read at its url, if recorded: the reference's retrieved date.
    pub retrieved: Option<Date>,
}

/// A thing the article talks about.
#[derive(Debug, Clone)]
pub struct Entity {
    /// `kind/slug`, such as `summit/6`.
    pub id: String,
    /// Local name of its class in the ontology, such as `Summit`.
    pub class: String,
    /// English label.
    pub label: String,
    /// Other English names.
    pub other_names: Vec<String>,
    /// Verified Wikidata item.
    pub wikidata: Option<Qid>,
    /// What a person would type into Wikidata's search to find the item of an unlinked
    /// entity, when its label alone is not enough (`cica-kg link --report`).
    pub search: Option<String>,
    /// Editor's note.
    pub note: Option<String>,
    /// Where it is defined.
    pub origin: Span,
}

/// One fact, with the words of the article that support it.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Entity id of the subject.
    pub subject: String,
    /// Local name of the property in the ontology.
    pub property: String,
    /// The value.
    pub value: Value,
    /// The supporting quote, located in the source.
    pub quote: Quote,
    /// Index of its source in [`Facts::sources`].
    pub source: usize,
    /// Where it is written.
    pub origin: Span,
    /// When it holds (its qualifiers); empty for a property that does not change over time.
    pub time: Time,
    /// How much it counts among the statements of its subject and property.
    pub rank: Rank,
}

/// The value of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// Another entity, by id.
    Entity(String),
    /// English text.
    Text(String),
    /// A date at the article's precision.
    Date(Date),
    /// A whole number.
    Integer(i64),
    /// True or false.
    Boolean(bool),
}

/// A verbatim quote and where it is in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The exact words.
    pub text: String,
    /// Character offset of its first character in the source text (0-based).
    pub start: usize,
    /// Character offset just after its last character.
    pub end: usize,
}
