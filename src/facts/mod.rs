//! The facts as reviewable data: reads the TOML files of `data/` (or of another folder),
//! checks every entity and statement against the ontology's [`Schema`](crate::ontology::Schema),
//! finds each statement's quote in its source article (with character offsets), and reports
//! every problem with its file, line and column and what to change. Nothing here knows about
//! RDF: `rdf::statements` turns [`Facts`] into quads.

mod best;
mod date;
pub(crate) mod edit;
mod entities;
mod files;
mod load;
mod model;
mod qualifiers;
mod quote;
mod sources;
mod statements;
mod text;

pub(crate) use best::best_statements;
pub(crate) use date::is_local_date_time;
pub use date::{parse_date, Date, DateError, Precision};
pub use edit::{accept, accept_all, Accepted, EditError};
pub use load::{load, read, Read};
pub use model::{Awaiting, DataSource, Entity, Facts, Quote, Source, Statement, Value};
pub use qualifiers::{Rank, Time, UnknownRank};
pub(crate) use quote::{locate_quotes, QuoteMatch};
