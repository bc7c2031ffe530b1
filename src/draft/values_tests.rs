//! Tests of the values the drafter reads: dates, numbers in words, time expressions.
use super::*;
use crate::draft::time_phrases::{whens, When};

fn today() -> Date {
    parse_date("2022-10-12").unwrap()
}

fn all_dates(text: &str) -> Vec<String> {
    let doc = Doc::new(text);
    dates(&doc, 0..doc.len(), Some(&today()))
        .into_iter()
        .map(|d| d.value.lexical)
        .collect()
}

#[test]
fn dates_keep_the_text_s_precision() {
    assert_eq!(all_dates("held in June 2002."), ["2002-06"]);
    assert_eq!(all_dates("in 1992 at the session"), ["1992"]);
    assert_eq!(
        all_dates("on Oct. 12, 2021 and 3 March 2020"),
        ["2021-10-12", "2020-03-03"]
    );
    // A day without a year is of the article's year; a weekday is the nearest such day.
    assert_eq!(all_dates("ASTANA, Oct. 12 (Xinhua)"), ["2022-10-12"]);
    assert_eq!(
        all_dates("from Wednesday to Thursday"),
        ["2022-10-12", "2022-10-13"]
    );
    assert_eq!(all_dates("on Monday"), ["2022-10-10"]);
    assert_eq!(all_dates("the 30th anniversary of the founding"), ["1992"]);
    // "may" the verb is no month; a number is no year.
    assert!(all_dates("leaders may meet, 27 member states").is_empty());
}

#[test]
fn numbers_in_words_count_as_numbers() {
    let doc = Doc::new("nine formats, twenty-seven members, 14 observers and Eight more");
    let found: Vec<i64> = numbers(&doc, 0..doc.len(), &[])
        .into_iter()
        .map(|n| n.value)
        .collect();
    assert_eq!(found, [9, 27, 14, 8]);
    let doc = Doc::new("the sixth summit, the 47th session, the twenty-first year");
    let mut ordinals = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        match ordinal_at(&doc, i) {
            Some((n, last)) => {
                ordinals.push(n);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    assert_eq!(ordinals, [6, 47, 21]);
    assert_eq!(ordinal_word(7), "seventh");
    assert_eq!(ordinal_word(21), "twenty-first");
    assert_eq!(ordinal_word(47), "forty-seventh");
    assert_eq!(ordinal_word(112), "112th");
}

#[test]
fn time_expressions_say_when_a_fact_holds() {
    let whens_of = |text: &str| {
        let doc = Doc::new(text);
        whens(&doc, 0..doc.len(), Some(&today()))
            .into_iter()
            .map(|w| w.value)
            .collect::<Vec<_>>()
    };
    let d = |s: &str| parse_date(s).unwrap();
    assert_eq!(
        whens_of("Currently, it has 27 members"),
        [When::Point(today())]
    );
    assert_eq!(whens_of("at present it has"), [When::Point(today())]);
    assert_eq!(
        whens_of("as of June 2023 it had"),
        [When::Point(d("2023-06"))]
    );
    assert_eq!(
        whens_of("has held the presidency since 2020"),
        [When::Start(d("2020"))]
    );
    assert_eq!(
        whens_of("from 2020 to 2024"),
        [When::Between(d("2020"), d("2024"))]
    );
    assert_eq!(whens_of("until March 2019"), [When::End(d("2019-03"))]);
    assert!(whens_of("in 2020 it moved").is_empty());
    // Since an event, then its date a few words on.
    assert_eq!(
        whens_of(
            "has led the bloc since the Hue meeting, which was held in May 2027, without a break"
        ),
        [When::Start(d("2027-05"))]
    );
    // Not a date past another time word: "since the crisis" is not "since 2031".
    assert!(whens_of("has led it since the crisis and will until 2031").len() == 1);
    assert!(!whens_of("has led it since the crisis and will until 2031")
        .contains(&When::Start(d("2031"))));
}

#[test]
fn a_range_of_days_gives_both_days() {
    // "14-15 June 2032": the first day borrows the month and year of the second.
    assert_eq!(
        all_dates("held on 14-15 June 2032."),
        ["2032-06-14", "2032-06-15"]
    );
    assert_eq!(
        all_dates("held on June 14-15, 2032."),
        ["2032-06-14", "2032-06-15"]
    );
    // A hyphen between numbers that are no days of a month is no range.
    assert!(all_dates("a 2-1 vote").is_empty());
}

#[test]
fn dates_said_relative_to_the_article_s_date_keep_the_text_s_precision() {
    // The article is of 12 October 2022.
    assert_eq!(all_dates("the talks of March last year"), ["2021-03"]);
    assert_eq!(all_dates("a vote due in May next year"), ["2023-05"]);
    assert_eq!(all_dates("leaders gather next year"), ["2023"]);
    // "next" and "last" name a month's nearest occurrence after or before the article's.
    assert_eq!(all_dates("to open next February"), ["2023-02"]);
    assert_eq!(all_dates("to open next November"), ["2022-11"]);
    assert_eq!(all_dates("it closed last November"), ["2021-11"]);
    assert_eq!(all_dates("it closed last April"), ["2022-04"]);
    // A month after a preposition is of the article's year; a bare month is no date.
    assert_eq!(all_dates("the vote will be held in December."), ["2022-12"]);
    assert!(all_dates("March for peace, they said.").is_empty());
}
