//! Every candidate is checked before it is shown, whoever proposed it (the built-in rules or
//! an extractor) and again when it is accepted: the property is in the ontology, it has one
//! value of the property's kind, its subject and entity value are known entities of the
//! domain's and range's classes, its dates are at a precision (a year, a month or a day), a
//! time-varying property says when it holds and no other property does, and its quote occurs
//! exactly once in the article.

use super::{Candidate, Dropped};
use crate::facts::{locate_quotes, parse_date, QuoteMatch};
use crate::ontology::{Schema, ValueKind};
use std::collections::HashMap;

/// Checks `candidates` against the article `text`: each is returned with its quote's
/// character offsets, or refused with the reason. The quotes are searched in one pass.
pub fn check_all(
    candidates: Vec<Candidate>,
    text: &str,
    schema: &Schema,
    entities: &HashMap<String, String>,
) -> Vec<Result<Candidate, Box<Dropped>>> {
    let quotes: Vec<&str> = candidates.iter().map(|c| c.quote.as_str()).collect();
    let found = locate_quotes(text, &quotes);
    candidates
        .into_iter()
        .zip(found)
        .map(|(mut c, found)| {
            if let Err(why) = check(&c, schema, entities) {
                return Err(Box::new(Dropped { candidate: c, reason: why }));
            }
            match found {
                QuoteMatch::Once(q) => {
                    c.quote_start = Some(q.start);
                    c.quote_end = Some(q.end);
                    Ok(c)
                }
                QuoteMatch::Missing => Err(Box::new(Dropped { candidate: c, reason: "its quote is not in the article (copy the article's exact words)".to_owned() })),
                QuoteMatch::Several(n) => Err(Box::new(Dropped { candidate: c, reason: format!("its quote occurs {n} times in the article (lengthen it until it occurs once)") })),
            }
        })
        .collect()
}

/// Checks one candidate, where its quote stands aside.
pub fn check(
    c: &Candidate,
    schema: &Schema,
    entities: &HashMap<String, String>,
) -> Result<(), String> {
    // A statement's quote is one line of text (facts::text), so `accept` would refuse it.
    if c.quote.contains(['\n', '\r']) {
        return Err(
            "its quote spans a line break: a quote is words of one paragraph (shorten it to one line of the article)"
                .to_owned(),
        );
    }
    let property = schema
        .property(&c.property)
        .ok_or_else(|| format!("unknown property '{}': not in the ontology", c.property))?;
    let given: Vec<ValueKind> = [
        (c.object.is_some(), ValueKind::Entity),
        (c.text.is_some(), ValueKind::Text),
        (c.date.is_some(), ValueKind::Date),
        (c.integer.is_some(), ValueKind::Integer),
        (c.boolean.is_some(), ValueKind::Boolean),
    ]
    .into_iter()
    .filter_map(|(given, kind)| given.then_some(kind))
    .collect();
    match given.as_slice() {
        [kind] if *kind == property.kind => {}
        [kind] => {
            return Err(format!(
                "{} takes {} = ..., not {kind} (the range in the ontology)",
                c.property, property.kind
            ))
        }
        [] => {
            return Err(format!(
                "no value: {} takes {} = ...",
                c.property, property.kind
            ))
        }
        _ => return Err("more than one value: give exactly one".to_owned()),
    }
    let class_of = |id: &str, role: &str| {
        entities
            .get(id)
            .ok_or_else(|| format!("{role} '{id}' is not a known or proposed entity"))
    };
    let subject = class_of(&c.subject, "subject")?;
    if !property.domain.is_empty() && !property.domain.iter().any(|d| schema.is_a(subject, d)) {
        return Err(format!(
            "the subject {} is a {subject}, not of the domain of {} ({})",
            c.subject,
            c.property,
            property.domain.join(" or ")
        ));
    }
    if let Some(object) = &c.object {
        let class = class_of(object, "object")?;
        if let Some(range) = &property.range {
            if !schema.is_a(class, range) {
                return Err(format!(
                    "the value {object} is a {class}, not a {range} (the range of {})",
                    c.property
                ));
            }
        }
        if property.irreflexive && *object == c.subject {
            return Err(format!("{} never relates an entity to itself", c.property));
        }
    }
    if let Some(text) = &c.text {
        if text.trim().is_empty() {
            return Err("empty text".to_owned());
        }
    }
    for (key, date) in [
        ("date", &c.date),
        ("point_in_time", &c.point_in_time),
        ("start", &c.start),
        ("end", &c.end),
    ] {
        if let Some(date) = date {
            parse_date(date).map_err(|e| format!("{key}: {e}"))?;
        }
    }
    let timed = c.point_in_time.is_some() || c.start.is_some() || c.end.is_some();
    if property.time_varying && !timed {
        return Err(format!("{} changes over time, and the candidate does not say when it holds (point_in_time, start or end)", c.property));
    }
    if !property.time_varying && timed {
        return Err(format!(
            "{} does not change over time, so it takes no point_in_time, start or end",
            c.property
        ));
    }
    if let (Some(start), Some(end)) = (&c.start, &c.end) {
        if end < start {
            return Err(format!("it ends ({end}) before it starts ({start})"));
        }
    }
    if c.quote.is_empty() {
        return Err("empty quote".to_owned());
    }
    if !(0.0..=1.0).contains(&c.confidence) {
        return Err(format!(
            "confidence {} is not between 0 and 1",
            c.confidence
        ));
    }
    Ok(())
}
