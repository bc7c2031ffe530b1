//! Checking a `[[statement]]`: a known subject, a property the ontology offers, exactly one
//! value of the kind that property takes, a subject and an object of the classes the
//! property's domain and range name (and not the same entity, for an irreflexive
//! property), its time and rank ([`super::qualifiers`]), a non-empty quote, and no duplicate
//! within its source. Its quote is
//! located later, with all the quotes of its article ([`Loader::locate_quotes`]).

use super::date::{parse_date, DateError};
use super::files::{InputFile, StatementDoc};
use super::load::{Loader, Pending};
use super::model::{Quote, Statement, Value};
use crate::diagnostic::Span;
use crate::ontology::ValueKind;
use crate::suggest::closest;
use std::ops::Range;
use toml::Spanned;

impl Loader<'_> {
    pub(super) fn statement(
        &mut self,
        file: &InputFile,
        source: usize,
        doc: &Spanned<StatementDoc>,
    ) {
        let origin = file.span(doc.span());
        let doc = doc.get_ref();
        let before = self.problems.len();
        let subject = doc.subject.get_ref();
        self.known_entity(file.span(doc.subject.span()), subject, "subject");
        let property = doc.property.get_ref();
        let kind = self.property_kind(file.span(doc.property.span()), property);
        let value = self.value(file, &origin, doc, kind);
        let qualifiers = self.qualifiers(file, &origin, doc);
        let words = doc.quote.get_ref();
        let quote_span = file.span(doc.quote.span());
        if words.trim().is_empty() {
            self.problem(
                quote_span.clone(),
                "empty quote",
                "copy the words of the article that say this fact",
            );
        }
        let (Some(value), Some((time, rank))) = (value, qualifiers) else {
            return;
        };
        if self.problems.len() > before || !self.fits(file, doc, &value) {
            return;
        }
        let key = (
            source,
            subject.clone(),
            property.clone(),
            value.clone(),
            time.clone(),
        );
        if !self.statement_keys.insert(key) {
            self.problem(
                origin,
                format!("duplicate statement: '{subject}' {property} is stated twice with the same value (and time) by this source"),
                "remove one of the two",
            );
            return;
        }
        let statement = Statement {
            subject: subject.clone(),
            property: property.clone(),
            value,
            quote: Quote {
                text: words.clone(),
                start: 0,
                end: 0,
            },
            source,
            origin,
            time,
            rank,
        };
        self.pending[source].push(Pending {
            statement,
            quote_span,
        });
    }

    /// Whether the subject's class is in the property's domain, the object's class in its
    /// range, and the object is not the subject where the property is irreflexive; each
    /// misfit is reported at the entity that does not fit.
    fn fits(&mut self, file: &InputFile, doc: &StatementDoc, value: &Value) -> bool {
        let schema = self.schema;
        let property_name = doc.property.get_ref();
        let Some(property) = schema.property(property_name) else {
            return true;
        };
        let before = self.problems.len();
        let subject = doc.subject.get_ref();
        if let Some(class) = self.class_of(subject) {
            if !property.domain.is_empty()
                && !property.domain.iter().any(|d| schema.is_a(&class, d))
            {
                let wanted = property.domain.join(" or ");
                let fitting: Vec<&str> = property
                    .domain
                    .iter()
                    .flat_map(|d| schema.classes_that_are(d))
                    .collect();
                self.problem(
                    file.span(doc.subject.span()),
                    format!("property '{property_name}' is about {} {wanted} (its rdfs:domain), but '{subject}' is {} {class}", article(&wanted.to_ascii_lowercase()), article(&class.to_ascii_lowercase())),
                    format!("give it a subject of class {}, or use another property", fitting.join(", ")),
                );
            }
        }
        let (Value::Entity(object), Some(span)) =
            (value, doc.object.as_ref().map(|o| file.span(o.span())))
        else {
            return self.problems.len() == before;
        };
        if let (Some(range), Some(class)) = (&property.range, self.class_of(object)) {
            if !schema.is_a(&class, range) {
                let fitting: Vec<&str> = schema.classes_that_are(range).collect();
                self.problem(
                    span.clone(),
                    format!("property '{property_name}' points at {} {range} (its rdfs:range), but '{object}' is {} {class}", article(&range.to_ascii_lowercase()), article(&class.to_ascii_lowercase())),
                    format!("give it an object of class {}, or use another property", fitting.join(", ")),
                );
            }
        }
        if property.irreflexive && object == subject {
            self.problem(
                span,
                format!("'{subject}' cannot be its own '{property_name}' (an owl:IrreflexiveProperty relates two different entities)"),
                "give it another entity as its object",
            );
        }
        self.problems.len() == before
    }

    /// The class of a known entity without problems.
    fn class_of(&self, id: &str) -> Option<String> {
        let index = (*self.entity_index.get(id)?)?;
        Some(self.facts.entities[index].class.clone())
    }

    /// The kind of value a property takes, or a problem naming the properties there are.
    fn property_kind(&mut self, span: Span, property: &str) -> Option<ValueKind> {
        let schema = self.schema;
        if let Some(p) = schema.property(property) {
            return Some(p.kind);
        }
        let names: Vec<&str> = schema.property_names().collect();
        let near = closest(property, names.iter().copied())
            .map(|near| format!("did you mean '{near}'? "))
            .unwrap_or_default();
        self.problem(
            span,
            format!("unknown property '{property}'"),
            format!("{near}use one of: {}", names.join(", ")),
        );
        None
    }

    /// The one value given, if it is of the kind the property takes.
    fn value(
        &mut self,
        file: &InputFile,
        origin: &Span,
        doc: &StatementDoc,
        kind: Option<ValueKind>,
    ) -> Option<Value> {
        let mut given: Vec<(ValueKind, Range<usize>)> = [
            doc.object.as_ref().map(|v| (ValueKind::Entity, v.span())),
            doc.text.as_ref().map(|v| (ValueKind::Text, v.span())),
            doc.date.as_ref().map(|v| (ValueKind::Date, v.span())),
            doc.integer.as_ref().map(|v| (ValueKind::Integer, v.span())),
            doc.boolean.as_ref().map(|v| (ValueKind::Boolean, v.span())),
        ]
        .into_iter()
        .flatten()
        .collect();
        // In file order, so that "more than one value" points at the one written second.
        given.sort_by_key(|(_, span)| span.start);
        // For the help of a problem only.
        let expected = || {
            kind.map_or_else(
                || "one of object, text, date, integer or boolean".to_owned(),
                |k| format!("{} = ...", k.key()),
            )
        };
        let (given_kind, span) = match given.as_slice() {
            [] => {
                let message = format!("statement about '{}' has no value", doc.subject.get_ref());
                self.problem(origin.clone(), message, format!("add {}", expected()));
                return None;
            }
            [one] => one.clone(),
            [_, second, ..] => {
                self.problem(
                    file.span(second.1.clone()),
                    "statement has more than one value",
                    format!("keep only {}", expected()),
                );
                return None;
            }
        };
        let kind = kind?;
        let span = file.span(span);
        if given_kind != kind {
            self.problem(
                span,
                format!(
                    "property '{}' takes {} {kind} value, not {} {given_kind} value",
                    doc.property.get_ref(),
                    article(kind.key()),
                    article(given_kind.key())
                ),
                format!(
                    "write {} = ... instead of {} = ...",
                    kind.key(),
                    given_kind.key()
                ),
            );
            return None;
        }
        self.checked_value(span, doc, kind)
    }

    /// The value of `kind` (the one given), checked.
    fn checked_value(&mut self, span: Span, doc: &StatementDoc, kind: ValueKind) -> Option<Value> {
        match kind {
            ValueKind::Entity => {
                let id = doc.object.as_ref()?.get_ref();
                self.known_entity(span, id, "object")
                    .then(|| Value::Entity(id.clone()))
            }
            ValueKind::Text => {
                let text = doc.text.as_ref()?.get_ref().trim();
                if text.is_empty() {
                    let help = "write the text, or remove the statement";
                    self.problem(span, "empty text value", help);
                    return None;
                }
                Some(Value::Text(text.to_owned()))
            }
            ValueKind::Date => match parse_date(doc.date.as_ref()?.get_ref()) {
                Ok(date) => Some(Value::Date(date)),
                Err(e) => {
                    self.problem(span, e.to_string(), DateError::HELP);
                    None
                }
            },
            ValueKind::Integer => {
                let n = *doc.integer.as_ref()?.get_ref();
                if n < 0 {
                    let help = "counts and ordinals are zero or more";
                    self.problem(span, format!("negative count {n}"), help);
                    return None;
                }
                Some(Value::Integer(n))
            }
            ValueKind::Boolean => Some(Value::Boolean(*doc.boolean.as_ref()?.get_ref())),
        }
    }
}

/// "an" before a word that starts with a vowel ("an integer value"), else "a".
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
