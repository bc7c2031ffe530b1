//! "in Thimphu, Bhutan, on 17 April": a city and, after its comma, its country, the way news
//! prose places a city no reader need know.

use super::mentions::Refers;
use super::rules::{Raw, RawValue, Rules};
use crate::facts::Time;

impl Rules<'_> {
    /// A name after "in", a comma and one more name that ends its sentence or is followed by
    /// a comma and a lower-case word (not a list, "in Kazakhstan, Russia and China"): the
    /// first a city, the second its country, when neither is known as the other kind.
    pub(super) fn city_comma_country(&self, out: &mut Vec<Raw>) {
        let Some(country) = self.schema.property("country") else {
            return;
        };
        let doc = self.doc;
        let names = |x: &super::mentions::Mention| {
            !x.nested && matches!(x.refers, Refers::Entity(_) | Refers::Name(_))
        };
        for k in 1..self.m.list.len() {
            let (a, b) = (&self.m.list[k - 1], &self.m.list[k]);
            if !(names(a) && names(b))
                || a.first == 0
                || doc.lower(a.first - 1) != "in"
                || b.first != a.last + 1
                || doc.between(a.last) != ", "
                || doc.sentence_of(a.first) != doc.sentence_of(b.last)
                || !doc.capitalized(a.first)
                || !doc.capitalized(b.first)
            {
                continue;
            }
            let sentence = &doc.sentences[doc.sentence_of(b.last)];
            let ends = b.last + 1 >= sentence.end
                || (doc.between(b.last).starts_with(',') && !doc.capitalized(b.last + 1));
            if !ends {
                continue;
            }
            let (Some(city), Some(nation)) = (
                self.resolve(k - 1, &country.domain),
                self.resolve(k, country.range.as_slice()),
            ) else {
                continue;
            };
            out.push(Raw {
                subject: city,
                property: "country".to_owned(),
                value: RawValue::Entity(nation),
                time: Time::default(),
                first: a.first,
                last: b.last,
                confidence: 0.5,
                why: "a city, a comma and its country".to_owned(),
                cue: String::new(),
                time_said: 1,
            });
        }
    }
}
