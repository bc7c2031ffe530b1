//! The rules' raw candidates made ready to write: a fact its sentence says with its time said
//! more closely wins, one candidate per fact, and each quote widened until it occurs once.

use super::rules::Raw;
use super::text;
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
