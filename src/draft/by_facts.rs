//! Entities mentioned by their facts: a place followed by a date ("Almaty in June 2006") is
//! the one entity of the data that has both as values (the summit held there then).

use super::mentions::{Mention, Mentions, Refers};
use super::text::Doc;
use super::values::date_at;
use std::collections::{BTreeMap, HashMap};

/// (entity value's id, date) -> the data's entities that have both as values.
pub(super) type PlaceDate = HashMap<(String, String), Vec<usize>>;

/// The index of [`find`]: each subject's entity values and dates (by subject id), paired.
pub(super) fn place_date(
    values: &BTreeMap<&str, (Vec<&str>, Vec<&str>)>,
    index: &HashMap<&str, usize>,
) -> PlaceDate {
    let mut place_date = PlaceDate::new();
    for (subject, (entities, dates)) in values {
        for e in entities {
            for d in dates {
                place_date
                    .entry(((*e).to_owned(), (*d).to_owned()))
                    .or_default()
                    .push(index[subject]);
            }
        }
    }
    place_date
}

/// The mentions by facts: an entity mention followed within three words by a date that one
/// entity of the data has both as values.
pub(super) fn find(
    doc: &Doc,
    m: &Mentions,
    place_date: &PlaceDate,
    today: Option<&crate::facts::Date>,
) -> Vec<Mention> {
    let mut by_facts = Vec::new();
    for mention in &m.list {
        let Refers::Entity(e) = mention.refers else {
            continue;
        };
        for j in mention.last + 1..=mention.last + 3 {
            if let Some((date, last)) = date_at(doc, j, today) {
                if let Some([subject]) = place_date
                    .get(&(m.entities[e].id.clone(), date.lexical.clone()))
                    .map(Vec::as_slice)
                {
                    by_facts.push(Mention {
                        first: mention.first,
                        last,
                        refers: Refers::Entity(*subject),
                        how: "facts: the data's entity with this place and date",
                        nested: false,
                    });
                }
                break;
            }
        }
    }
    by_facts
}
