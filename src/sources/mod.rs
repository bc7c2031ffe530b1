//! Many sources: the facts may come from any number of articles (each a text and its facts
//! file, sharing the entities), and this module says what each source contributes
//! (`list`: the `cica-kg sources` listing) and how the sources agree (`agreement`:
//! facts stated by more than one source, conflicts, changes over time, facts stated once),
//! pure over the checked [`Facts`](crate::facts::Facts) and the ontology's
//! [`Schema`](crate::ontology::Schema), and writes both as a table or JSON (`report`).

pub(crate) mod agreement;
pub(crate) mod list;
pub(crate) mod report;

pub use agreement::{agreement, Agreement};
pub use list::{summaries, SourceSummary};
pub use report::{write_list, SourcesFormat, UnknownSourcesFormat};
