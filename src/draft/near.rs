//! Where the rules look in a sentence: the occurrences of a cue's words, the value or subject
//! on the side the cue says and nearest it, and the items listed with it ("A, B and C"); the
//! owner of a possessive; a subject the sentence leaves out; counts of several kinds summed;
//! a value inside a relative clause for the nearer cue; an opening phrase before its subject.
//! A count beside its cue and another count of an unclaimed noun after it are summed.
//! A list ends with its conjunction: an apposition ("the CICA, the forum") or two clauses
//! joined by ", and" are no list.

use super::beside::beside;
use super::cues::{Cue, Side};
use super::inflect::{gerund_noun, inflected};
use super::mentions::Refers;
use super::rules::{Item, RawValue, Rules, JOINERS, REACH};
use super::text::Doc;
use super::values::Found;
use crate::facts::Value;

pub(super) fn literal<T>(found: &Found<T>, value: Value) -> Item {
    Item {
        first: found.first,
        last: found.last,
        value: RawValue::Literal(value),
    }
}

/// Whether the cue at token `cs` is only wished for, not told: a few words after a suggestion
/// "that" ("a paper suggesting that the secretariat relocate to …") or a "should" or "might"
/// ("the body should move to …"); a suggestion told ("first suggested the forum at …") is a
/// fact. Tokens before `start` (the sentence's) do not count.
pub(super) fn only_wished(doc: &Doc, start: usize, cs: usize) -> bool {
    (cs.saturating_sub(6).max(start)..cs).any(|i| {
        let w = doc.lower(i);
        let suggests = ["suggest", "recommend", "propos", "demand"]
            .iter()
            .any(|x| w.starts_with(x));
        (suggests && doc.lower(i + 1) == "that") || matches!(w, "should" | "might")
    })
}

/// Where the cue's words occur in the sentence: first and last token of each occurrence.
pub(super) fn cue_hits(
    doc: &Doc,
    tokens: &std::ops::Range<usize>,
    cue: &Cue,
) -> Vec<(usize, usize)> {
    // "14-15 June": the hyphen between two days reads as "to", on the first day's token.
    let dash = |j: usize| {
        let day = |t: usize| {
            let w = doc.lower(t);
            !w.is_empty() && w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit())
        };
        doc.joined_by_hyphen(j) && day(j) && day(j + 1)
    };
    let matches_at = |i: usize, words: &[String]| {
        words.iter().enumerate().all(|(k, w)| {
            i + k < tokens.end
                && ((inflected(doc.lower(i + k), w) && !gerund_noun(doc, i + k, w))
                    || (w == "to" && dash(i + k)))
        })
    };
    let mut hits = Vec::new();
    for i in tokens.clone() {
        if !matches_at(i, &cue.parts[0]) {
            continue;
        }
        let mut end = i + cue.parts[0].len() - 1;
        let mut ok = true;
        for part in &cue.parts[1..] {
            match (end + 1..(end + 8).min(tokens.end)).find(|&j| matches_at(j, part)) {
                Some(j) => end = j + part.len() - 1,
                None => ok = false,
            }
        }
        if ok {
            hits.push((i, end));
        }
    }
    hits
}

/// The item the side asks for, nearest the cue `(cs, ce)`.
pub(super) fn pick(items: &[Item], side: Side, (cs, ce): (usize, usize)) -> Option<usize> {
    pick_in(None, items, side, (cs, ce))
}

/// [`pick`], with the text to tell the articles that an adjacent item may have before it.
pub(super) fn pick_in(
    doc: Option<&Doc>,
    items: &[Item],
    side: Side,
    (cs, ce): (usize, usize),
) -> Option<usize> {
    let distance = |x: &Item| {
        if x.last < cs {
            cs - x.last
        } else {
            x.first.saturating_sub(ce)
        }
    };
    items
        .iter()
        .enumerate()
        .filter(|(_, x)| match side {
            Side::After { adjacent: true } => x.first > ce && beside(doc, ce, x.first),
            Side::After { adjacent: false } => x.first > ce && x.first - ce <= REACH,
            Side::Before { adjacent: true } => x.last < cs && beside(doc, x.last, cs),
            Side::Before { adjacent: false } => x.last < cs && cs - x.last <= REACH,
            Side::Either => distance(x) <= REACH,
        })
        .min_by_key(|(_, x)| distance(x))
        .map(|(k, _)| k)
}

/// A subject: as the side asks, or (either side) the first between the cue's parts ("relocate
/// the secretariat … to"), else the nearest before the cue, else after.
pub(super) fn pick_subject(
    doc: &Doc,
    items: &[Item],
    side: Side,
    (cs, ce): (usize, usize),
) -> Option<usize> {
    if side != Side::Either {
        return pick_in(Some(doc), items, side, (cs, ce));
    }
    items
        .iter()
        .enumerate()
        .find(|(_, x)| x.first > cs && x.last < ce)
        .or_else(|| {
            items
                .iter()
                .enumerate()
                .filter(|(_, x)| x.first <= cs)
                .max_by_key(|(_, x)| x.first)
        })
        .map(|(k, _)| k)
        .or_else(|| pick(items, Side::After { adjacent: false }, (cs, ce)))
}

/// Item `k` and the items listed with it ("A, B and C"), in order.
pub(super) fn list(doc: &Doc, items: &[Item], k: usize) -> Vec<Item> {
    let joined = |a: &Item, b: &Item| {
        b.first > a.last
            && b.first - a.last <= 4
            && (a.last + 1..b.first).all(|i| JOINERS.contains(&doc.lower(i)))
    };
    let (mut lo, mut hi) = (k, k);
    while lo > 0 && joined(&items[lo - 1], &items[lo]) {
        lo -= 1;
    }
    while hi + 1 < items.len() && joined(&items[hi], &items[hi + 1]) {
        hi += 1;
    }
    // A list ends with its conjunction: "A, B and C", "A and B". Two items joined by a comma
    // alone are one thing named twice ("the CICA, the forum"), and two joined by a comma and
    // "and" are two clauses ("the second met in May, and the third was held ..."): neither
    // is a list.
    let comma = |a: &Item, b: &Item| (a.last..b.first).any(|i| doc.between(i).contains(','));
    let conjunction = |a: &Item, b: &Item| {
        (a.last + 1..b.first).any(|i| matches!(doc.lower(i), "and" | "or" | "well"))
    };
    if hi > lo
        && (!conjunction(&items[hi - 1], &items[hi])
            || (hi == lo + 1 && comma(&items[lo], &items[hi])))
    {
        return vec![items[k].clone()];
    }
    items[lo..=hi].to_vec()
}

/// Whether tokens `start..=value` are a sentence's opening phrase, with no comma inside, that
/// a comma closes right before the subject at `subject` ("Set up on a proposal made in 1995,
/// the forum …"): such a phrase tells of the subject after it.
pub(super) fn opening_phrase(doc: &Doc, start: usize, value: usize, subject: usize) -> bool {
    let comma = |i: usize| doc.between(i).contains(',');
    value < subject
        && !(start..value).any(comma)
        && (value..subject).filter(|&i| comma(i)).count() == 1
        && (value..subject)
            .position(comma)
            .is_some_and(|k| subject - (value + k) <= 2)
}

/// A literal value claimed by cues of several properties (the same words, the same subject):
/// a cue with a relative clause ("that …", "which …") between it and the value loses the
/// value to a cue of another property nearer it ("founded on a proposal that Kazakhstan put
/// forward in 1992": the proposal's year, not the founding's). Each raw comes with its value's first token and its
/// cue's first and last tokens.
pub(super) fn nearest_cue_claims(
    doc: &Doc,
    raws: Vec<(super::rules::Raw, usize, usize, usize)>,
) -> Vec<super::rules::Raw> {
    let relative = |from: usize, to: usize| {
        (from..to).any(|k| matches!(doc.lower(k), "that" | "which" | "who" | "whom"))
    };
    let loses = |(r, at, _, ce): &(super::rules::Raw, usize, usize, usize)| {
        matches!(r.value, RawValue::Literal(_))
            && *ce < *at
            && raws.iter().any(|(o, oat, ocs, _)| {
                oat == at
                    && o.subject == r.subject
                    && o.value == r.value
                    && o.property != r.property
                    && ocs > ce
                    && ocs < at
            })
            && relative(ce + 1, *at)
    };
    raws.iter()
        .filter(|x| !loses(x))
        .map(|(r, _, _, _)| r.clone())
        .collect()
}

/// A count of several kinds ("nine states and six organizations hold observer status"): item
/// `k` with the numbers listed before it, each followed by its noun, summed; when the cue
/// stands a few words after them (a cue right beside one number counts that one alone).
pub(super) fn summed(doc: &Doc, items: &[Item], k: usize, side: Side) -> Option<Item> {
    if side != (Side::Before { adjacent: false }) {
        return None;
    }
    let number = |x: &Item| match x.value {
        RawValue::Literal(Value::Integer(n)) => Some(n),
        _ => None,
    };
    let mut first = k;
    // "N nouns and M": one to three words, the last "and".
    while first > 0 {
        let (a, b) = (&items[first - 1], &items[first]);
        let words: Vec<&str> = (a.last + 1..b.first).map(|i| doc.lower(i)).collect();
        let punctuated = (a.last..b.first).any(|i| !doc.between(i).trim().is_empty());
        if words.len() < 2 || words.len() > 4 || words.last() != Some(&"and") || punctuated {
            break;
        }
        first -= 1;
    }
    if first == k {
        return None;
    }
    let total = items[first..=k].iter().map(number).sum::<Option<i64>>()?;
    Some(Item {
        first: items[first].first,
        last: items[k].last,
        value: RawValue::Literal(Value::Integer(total)),
    })
}

/// A count whose cue stands beside it, listed with another count of a noun no other count
/// claims ("eight observer states and five regional bodies take part": the bodies take part
/// as observers too): item `k` and the number after it, summed. `claimed(i)` says whether the
/// words from token `i` on are another count's cue ("… and 27 member states").
pub(super) fn summed_after(
    doc: &Doc,
    items: &[Item],
    k: usize,
    (cs, ce): (usize, usize),
    claimed: impl Fn(usize) -> bool,
) -> Option<Item> {
    let number = |x: &Item| match x.value {
        RawValue::Literal(Value::Integer(n)) => Some(n),
        _ => None,
    };
    let (this, next) = (&items[k], items.get(k + 1)?);
    // "N <cue> [a word or two] and M …": the cue beside the number, then "and" before the
    // next number.
    let punctuated = (this.last..next.first).any(|i| !doc.between(i).trim().is_empty());
    if cs <= this.last
        || cs > this.last + 2
        || next.first <= ce + 1
        || next.first > ce + 4
        || doc.lower(next.first - 1) != "and"
        || punctuated
    {
        return None;
    }
    if (next.last + 1..next.last + 3).any(&claimed) {
        return None;
    }
    Some(Item {
        first: this.first,
        last: next.last,
        value: RawValue::Literal(Value::Integer(number(this)? + number(next)?)),
    })
}

impl Rules<'_> {
    /// The count of several kinds that a count property's cue at `at` gives, if any
    /// ([`summed`], [`summed_after`]), and how much less sure it is.
    pub(super) fn total(
        &self,
        property: &crate::ontology::Property,
        name: &str,
        values: &[Item],
        chosen: usize,
        cue: &Cue,
        at: (usize, usize),
    ) -> (Option<Item>, f64) {
        if property.kind != crate::ontology::ValueKind::Integer || property.functional {
            return (None, 0.0);
        }
        if let Some(total) = summed(self.doc, values, chosen, cue.value) {
            return (Some(total), 0.0);
        }
        // A count listed with a count of another noun: less sure.
        let others = self.other_count_words(name);
        let claimed = |i: usize| others.contains(&self.doc.lower(i));
        match summed_after(self.doc, values, chosen, at, claimed) {
            Some(total) => (Some(total), 0.1),
            None => (None, 0.0),
        }
    }

    /// The first words of the cues of the counts (integer properties) other than `property`
    /// whose number stands right before them ("member" of "{v} member states").
    pub(super) fn other_count_words(&self, property: &str) -> Vec<&str> {
        self.knowledge
            .cues
            .iter()
            .filter(|(name, _)| {
                name.as_str() != property
                    && self
                        .schema
                        .property(name)
                        .is_some_and(|p| p.kind == crate::ontology::ValueKind::Integer)
            })
            .flat_map(|(_, cues)| cues)
            .filter(|c| c.value == (Side::Before { adjacent: true }))
            .filter_map(|c| c.parts.first().and_then(|p| p.first()).map(String::as_str))
            .collect()
    }

    /// The items but a possessive whose owned thing is one of them: in "its second summit" the
    /// summit is the subject, not what "its" refers to; in "its secretariat", when the
    /// secretariat is the value, "its" is.
    pub(super) fn owners(&self, subjects: &[Item]) -> Vec<Item> {
        let owned_at = |s: &Item| match self.doc.lower(s.first) {
            "its" | "their" => Some(s.last + 1),
            // "the forum's secretariat": the secretariat, not the forum.
            _ if self.doc.lower(s.last + 1) == "s"
                && self.doc.between(s.last).ends_with(['\'', '\u{2019}']) =>
            {
                Some(s.last + 2)
            }
            _ => None,
        };
        subjects
            .iter()
            .filter(|s| owned_at(s).is_none_or(|at| !subjects.iter().any(|o| o.first == at)))
            .cloned()
            .collect()
    }

    /// The subject of a sentence that names none of the property's domain ("Nine states hold
    /// observer status."): the last entity of the data of that domain named in the sentence
    /// before in the same paragraph, outside a longer name.
    pub(super) fn left_out_subject(&self, start: usize, domain: &[String]) -> Vec<Item> {
        let sentence = self.doc.sentence_of(start);
        let Some(previous) = sentence.checked_sub(1).map(|s| &self.doc.sentences[s]) else {
            return Vec::new();
        };
        // In the same paragraph: a quote is one line.
        if self.doc.text[self.doc.bytes(previous.start, start)].contains('\n') {
            return Vec::new();
        }
        let from = self.m.list.partition_point(|x| x.first < previous.start);
        self.m.list[from..]
            .iter()
            .take_while(|x| x.first < start)
            .filter_map(|x| match x.refers {
                Refers::Entity(e)
                    if !x.nested && !self.m.entities[e].new && self.fits(e, domain) =>
                {
                    Some(Item {
                        first: x.first,
                        last: x.last,
                        value: RawValue::Entity(e),
                    })
                }
                _ => None,
            })
            .last()
            .into_iter()
            .collect()
    }
}
