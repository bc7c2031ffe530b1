//! The cica-kg ontology, `ontology/cica.ttl`: its namespace and the terms the program itself
//! writes. The classes and properties a statement may use are not listed here: they are read
//! from the ontology file ([`crate::ontology::Schema`]).

use oxigraph::model::NamedNode;

vocabulary! {
    /// The namespace of the ontology (fixed: a vocabulary does not move with `--base`).
    namespace = "https://w3id.org/cica-kg/ontology#", prefix = "cica";
    /// cica:evidence, from a statement to the annotation that locates its quote.
    EVIDENCE = "evidence";
    /// cica:datelinePlace, the place of a source's dateline.
    DATELINE_PLACE = "datelinePlace";
    /// cica:datelineDate, the date of a source's dateline.
    DATELINE_DATE = "datelineDate";
    /// cica:editorName, the editor of a source as printed.
    EDITOR_NAME = "editorName";
    /// cica:Date, the datatype of dates at the source's precision.
    DATE = "Date";
    /// cica:idPrefix, the first segment of the ids of a class's instances.
    ID_PREFIX = "idPrefix";
    /// cica:timeVarying: true on a property whose value changes over time.
    TIME_VARYING = "timeVarying";
    /// cica:cue: words that signal a property in an article (for `cica-kg draft`).
    CUE = "cue";
    /// cica:seriesStep: a property relating the events of a numbered series (for `cica-kg draft`).
    SERIES_STEP = "seriesStep";
    /// cica:Statement, a statement of a fact with its time, source and rank.
    STATEMENT = "Statement";
    /// cica:BestStatement, a statement that gives its subject's direct triple.
    BEST_STATEMENT = "BestStatement";
    /// cica:rank, from a statement to its rank.
    RANK = "rank";
    /// cica:PreferredRank
    PREFERRED_RANK = "PreferredRank";
    /// cica:NormalRank
    NORMAL_RANK = "NormalRank";
    /// cica:DeprecatedRank
    DEPRECATED_RANK = "DeprecatedRank";
    /// cica:pointInTime, the time at which a statement holds.
    POINT_IN_TIME = "pointInTime";
    /// cica:startTime, the time from which a statement holds.
    START_TIME = "startTime";
    /// cica:endTime, the time until which a statement held.
    END_TIME = "endTime";
}

/// The IRI of the ontology document itself.
pub const ONTOLOGY: &str = "https://w3id.org/cica-kg/ontology";

/// A class or property of the ontology by its local name, such as `term("Summit")`. Callers
/// pass names the ontology declares ([`crate::ontology::Schema`] checks the facts' names).
pub fn term(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{NAMESPACE}{local}"))
}
