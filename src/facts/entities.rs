//! Checking an `[[entity]]`: its id (`kind/slug`, unique), its class (declared by the
//! ontology, and one whose instances have ids of that kind), its names, QID and notes.

use super::files::{EntityDoc, InputFile};
use super::load::Loader;
use super::model::Entity;
use crate::diagnostic::Span;
use crate::suggest::closest;
use crate::vocab::wikidata::Qid;
use crate::vocab::ENTITY_KINDS;
use toml::Spanned;

impl Loader<'_> {
    pub(super) fn entity(&mut self, file: &InputFile, doc: &Spanned<EntityDoc>) {
        let doc = doc.get_ref();
        let origin = file.span(doc.id.span());
        let id = doc.id.get_ref();
        let before = self.problems.len();
        self.check_entity_id(&origin, id);
        if let Some(Some(previous)) = self.entity_index.get(id) {
            let first = self.facts.entities[*previous].origin.clone();
            self.problem(
                origin.clone(),
                format!("duplicate entity id '{id}' (first defined at {first})"),
                "give each entity its own id, or merge the two",
            );
        }
        let class = doc.class.get_ref();
        self.check_class(file.span(doc.class.span()), id, class);
        self.check_names(file, doc, id);
        let wikidata = self.entity_qid(file, doc);
        if self.problems.len() > before {
            // Remember the id so that statements about it are not reported twice.
            self.entity_index.entry(id.clone()).or_insert(None);
            return;
        }
        self.entity_index
            .insert(id.clone(), Some(self.facts.entities.len()));
        self.facts.entities.push(Entity {
            id: id.clone(),
            class: class.clone(),
            label: doc.label.get_ref().trim().to_owned(),
            other_names: doc
                .other_names
                .iter()
                .map(|n| n.get_ref().trim().to_owned())
                .collect(),
            wikidata,
            search: doc.search.as_ref().map(|s| s.get_ref().trim().to_owned()),
            note: doc.note.as_ref().map(|n| n.get_ref().clone()),
            origin,
        });
    }

    /// Reports an empty label, other name or search text.
    fn check_names(&mut self, file: &InputFile, doc: &EntityDoc, id: &str) {
        if doc.label.get_ref().trim().is_empty() {
            self.problem(
                file.span(doc.label.span()),
                format!("entity '{id}' has an empty label"),
                "write its English name in label",
            );
        }
        for name in &doc.other_names {
            if name.get_ref().trim().is_empty() {
                self.problem(
                    file.span(name.span()),
                    format!("entity '{id}' has an empty other name"),
                    "remove it from other_names",
                );
            }
        }
        if let Some(search) = &doc.search {
            if search.get_ref().trim().is_empty() {
                self.problem(
                    file.span(search.span()),
                    format!("entity '{id}' has an empty search text"),
                    "write the words a person would search Wikidata for, or leave search out",
                );
            }
        }
    }

    /// The entity's QID, if it has one that is well-formed (a malformed one is reported).
    fn entity_qid(&mut self, file: &InputFile, doc: &EntityDoc) -> Option<Qid> {
        let qid = doc.wikidata.as_ref()?;
        qid.get_ref()
            .parse::<Qid>()
            .map_err(|e| {
                self.problem(
                    file.span(qid.span()),
                    format!("malformed Wikidata QID: {e}"),
                    "write it as Q followed by digits, such as \"Q232\", or leave wikidata out",
                )
            })
            .ok()
    }

    fn check_entity_id(&mut self, origin: &Span, id: &str) {
        let valid = id.split_once('/').is_some_and(|(kind, slug)| {
            ENTITY_KINDS.contains(&kind)
                && !slug.is_empty()
                && slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        });
        if !valid {
            self.problem(
                origin.clone(),
                format!("invalid entity id '{id}'"),
                format!(
                    "write it as kind/slug with kind one of {} and a slug of a-z, 0-9 and '-', such as \"place/astana\"",
                    ENTITY_KINDS.join(", ")
                ),
            );
        }
    }

    /// The class must be declared, and its instances' ids must start with the id's kind.
    fn check_class(&mut self, span: Span, id: &str, class: &str) {
        let schema = self.schema;
        let Some(prefix) = schema.id_prefix(class) else {
            let names: Vec<&str> = schema.class_names().collect();
            let near = closest(class, names.iter().copied())
                .map(|near| format!("did you mean '{near}'? "))
                .unwrap_or_default();
            self.problem(
                span,
                format!("unknown class '{class}'"),
                format!("{near}use one of: {}", names.join(", ")),
            );
            return;
        };
        let Some((kind, _)) = id.split_once('/') else {
            return;
        };
        if ENTITY_KINDS.contains(&kind) && kind != prefix {
            let fitting: Vec<&str> = schema.classes_with_prefix(kind).collect();
            self.problem(
                span,
                format!("entity '{id}' is a {kind}, so it cannot be of class '{class}' (whose ids start with {prefix}/)"),
                format!(
                    "give it one of the classes of {kind}/ ids: {}, or an id that starts with {prefix}/",
                    fitting.join(", ")
                ),
            );
        }
    }
}
