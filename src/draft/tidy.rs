//! The rules' raw candidates made ready to write: a fact its sentence says with its time said
//! more closely wins, a value held one at a time ends when its sentence starts the next, one
//! candidate per fact, and each quote widened until it occurs once.

use super::rules::{Raw, RawValue};
use super::text;
use crate::facts::Date;
use crate::ontology::Schema;
use std::collections::HashMap;

/// Leaves out a candidate when its sentence says the same fact (subject, property, value)
/// with a time said more closely: a time expression ("since 2020") beats the article's date
/// taken for want of a time, and a cue's own `[start]` or `[end]` ("took over ... from
/// Uzbekistan in 2030") beats both. A start before an end is another fact than that end:
/// neither beats the other ("X, which has chaired it since 2034, will pass the presidency in
/// 2036" starts and ends X's term).
pub(super) fn superseded(doc: &text::Doc, raws: Vec<Raw>) -> Vec<Raw> {
    let key = |r: &Raw| {
        (
            r.subject,
            r.property.clone(),
            format!("{:?}", r.value),
            doc.sentence_of(r.first),
        )
    };
    let mut same: HashMap<(usize, String, String, usize), Vec<usize>> = HashMap::new();
    for (k, r) in raws.iter().enumerate() {
        same.entry(key(r)).or_default().push(k);
    }
    let other_fact = |r: &Raw, o: &Raw| {
        let (a, b) = (&r.time, &o.time);
        match (&a.start, &a.end, &b.start, &b.end) {
            (Some(s), None, None, Some(e)) | (None, Some(e), Some(s), None) => {
                s.lexical < e.lexical
            }
            _ => false,
        }
    };
    let beaten = |r: &Raw| {
        same[&key(r)]
            .iter()
            .any(|&o| raws[o].time_said > r.time_said && !other_fact(r, &raws[o]))
    };
    let keep: Vec<bool> = raws.iter().map(|r| !beaten(r)).collect();
    raws.into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect()
}

/// One candidate per fact (subject, property, value, time): the most confident.
pub(super) fn dedupe(raws: Vec<Raw>) -> Vec<Raw> {
    let mut best: Vec<Raw> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for r in raws {
        let key = format!("{}|{}|{:?}|{:?}", r.subject, r.property, r.value, r.time);
        match index.get(&key) {
            Some(&k) if best[k].confidence >= r.confidence => {}
            Some(&k) => best[k] = r,
            None => {
                index.insert(key, best.len());
                best.push(r);
            }
        }
    }
    best.sort_by_key(|r| (r.first, r.last));
    best
}

/// Each candidate's quote: the words of its tokens, widened a word on each side until it
/// occurs once in the article. One pass over the text per round, so that a long article with
/// many candidates stays linear.
pub(super) fn unique_quotes(doc: &text::Doc, raws: &[Raw]) -> Vec<String> {
    let mut spans: Vec<(usize, usize)> = raws.iter().map(|r| (r.first, r.last)).collect();
    let quote = |(a, b): (usize, usize)| doc.text[doc.bytes(a, b)].to_owned();
    for _ in 0..12 {
        let quotes: Vec<String> = spans.iter().map(|s| quote(*s)).collect();
        let refs: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let found = crate::facts::locate_quotes(doc.text, &refs);
        let mut again = false;
        for (span, found) in spans.iter_mut().zip(found) {
            if matches!(found, crate::facts::QuoteMatch::Several(_)) {
                *span = (span.0.saturating_sub(1), (span.1 + 1).min(doc.len() - 1));
                again = true;
            }
        }
        if !again {
            break;
        }
    }
    spans.into_iter().map(quote).collect()
}

/// A place that holds one value at a time (`cica:timeVarying`, an entity value) and that a
/// sentence says started on a date ends when the same sentence says the next value started,
/// by the article's date `today`, as a change ("It opened in Almaty in June 2006 and moved to Astana in
/// September 2014": Almaty until September 2014). Not a later sentence: "it has changed
/// cities several times since" leaves the moves between untold. Not a start still to come:
/// "will pass the presidency to Azerbaijan in 2036" is a plan. The candidate's evidence then
/// reaches the next start.
pub(super) fn chained(
    doc: &text::Doc,
    schema: &Schema,
    today: Option<&Date>,
    mut raws: Vec<Raw>,
) -> Vec<Raw> {
    let open = |r: &Raw| {
        matches!(r.value, RawValue::Entity(_))
            && r.time.point_in_time.is_none()
            && r.time.end.is_none()
            && r.time.start.is_some()
            && schema.property(&r.property).is_some_and(|p| p.time_varying)
    };
    // By sentence, so that each looks only at its own sentence.
    let mut starts: Vec<(usize, usize)> = (0..raws.len())
        .filter(|&k| open(&raws[k]))
        .map(|k| (doc.sentence_of(raws[k].first), k))
        .collect();
    starts.sort_unstable();
    for &(sentence, k) in &starts {
        let r = &raws[k];
        let Some(start) = r.time.start.as_ref().map(|d| d.lexical.clone()) else {
            continue;
        };
        let from = starts.partition_point(|&(s, _)| s < sentence);
        let next = starts[from..]
            .iter()
            .take_while(|&&(s, _)| s == sentence)
            .map(|&(_, o)| &raws[o])
            .filter(|o| o.subject == r.subject && o.property == r.property && o.value != r.value)
            // Told as a change ("moved to", a cue's `[start]`), not as a state ("has had its
            // headquarters in Seoul since 2042" leaves the seats between untold).
            .filter(|o| o.cue.ends_with("[start]"))
            .filter_map(|o| Some((o.time.start.as_ref()?, o.last)))
            // Strictly later, at a precision that tells ("2014" is not after "2014-09").
            .filter(|(d, _)| d.lexical > start && !d.lexical.starts_with(&start))
            .filter(|(d, _)| today.is_some_and(|t| d.lexical <= t.lexical))
            .min_by(|a, b| a.0.lexical.cmp(&b.0.lexical))
            .map(|(d, last)| (d.clone(), last));
        if let Some((end, last)) = next {
            raws[k].time.end = Some(end);
            raws[k].last = raws[k].last.max(last);
        }
    }
    raws
}
