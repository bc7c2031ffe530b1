//! More of the bad-input catalogue (run by `bad_input.rs`): characters no text may hold,
//! language tags, year 0, an empty article, and statements whose subject or object does not
//! fit the property's domain and range. Columns are counted here by hand from the edited line:
//! a problem with a character points at the character itself (the backslash of an escape).

use crate::bad_input::{append, line_of, replace_in_statement, replace_line, Case};
use crate::common::read;

const TEXT_HELP: &str = "remove it: this field is one line of visible text";

pub(crate) fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "a control character written as an escape in a label",
            setup: |c| {
                let path = c.data("entities.toml");
                // `label = "` is 9 characters; "Alm" 10-12; the escape starts at column 13.
                let line = replace_line(&path, "label = \"Almaty\"", "label = \"Alm\\u0001aty\"");
                vec![
                    format!(
                        "{}:{line}:13: `label` holds U+0001 (a control character) at character 4 of its value",
                        path.display()
                    ),
                    TEXT_HELP.into(),
                ]
            },
            args: &["export", "-f", "rdfxml", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a line break in a label",
            setup: |c| {
                let path = c.data("entities.toml");
                let line = replace_line(&path, "label = \"Almaty\"", "label = \"Almaty\\nCity\"");
                vec![
                    format!(
                        "{}:{line}:16: `label` holds U+000A (a control character) at character 7 of its value",
                        path.display()
                    ),
                    TEXT_HELP.into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a C1 control character written as itself in a quote",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "organization/cica",
                    "memberCount",
                    "quote = \"Currently, the CICA has 27 member states\"",
                    "quote = \"Currently,\u{85} the CICA has 27 member states\"",
                );
                // `quote = "` is 9 characters and "Currently," 10 more: column 20.
                vec![
                    format!(
                        "{}:{line}:20: `quote` holds U+0085 (a control character) at character 11 of its value",
                        path.display()
                    ),
                    TEXT_HELP.into(),
                    // Reported once, for the character, not again as a quote not found.
                    "!quote not found".into(),
                    " 1 problem".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a noncharacter (U+FFFE) in a text value",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "organization/cica",
                    "shortName",
                    "text = \"CICA\"",
                    "text = \"CI\\uFFFECA\"",
                );
                vec![
                    format!(
                        "{}:{line}:11: `text` holds U+FFFE (a Unicode noncharacter) at character 3 of its value",
                        path.display()
                    ),
                    TEXT_HELP.into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a noncharacter of the last plane (U+10FFFF) in the source title",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let old = "title = \"Backgrounder: Conference on Interaction and Confidence Building Measures in Asia\"";
                let line = replace_line(&path, old, &old.replace("= \"", "= \"\\U0010FFFF"));
                vec![
                    format!(
                        "{}:{line}:10: `title` holds U+10FFFF (a Unicode noncharacter) at character 1 of its value",
                        path.display()
                    ),
                    TEXT_HELP.into(),
                ]
            },
            args: &["query", "source", "-f", "xml", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a tab in the editor's name",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_line(&path, "editor = \"huaxia\"", "editor = \"hua\\txia\"");
                vec![
                    format!(
                        "{}:{line}:14: `editor` holds U+0009 (a control character) at character 4 of its value",
                        path.display()
                    ),
                    TEXT_HELP.into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a control character in the article",
            setup: |c| {
                let path = c.data("cica-backgrounder.txt");
                let text = read(&path);
                // After the fourth character of the article's third line.
                let third = text.match_indices('\n').nth(1).unwrap().0 + 1;
                let at = third + text[third..].char_indices().nth(4).unwrap().0;
                std::fs::write(&path, format!("{}\u{1}{}", &text[..at], &text[at..])).unwrap();
                vec![
                    format!(
                        "{}:3:5: the source article holds U+0001 (a control character)",
                        path.display()
                    ),
                    "remove it from the article's text".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "an empty article",
            setup: |c| {
                std::fs::write(c.data("cica-backgrounder.txt"), "").unwrap();
                let facts = c.data("cica-backgrounder.toml");
                let line = line_of(&facts, "file = \"cica-backgrounder.txt\"");
                vec![
                    format!(
                        "{}:{line}:8: the source article cica-backgrounder.txt is empty, so none of its quotes can be found",
                        facts.display()
                    ),
                    "put the article's text in the file".into(),
                    // One message, not one per quote.
                    "!quote not found".into(),
                    " 1 problem".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a language tag that is not BCP 47",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_line(&path, "language = \"en\"", "language = \"en_GB\"");
                vec![
                    format!("{}:{line}:12: invalid language tag 'en_GB'", path.display()),
                    "write a BCP 47 tag such as \"en\"".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "the year 0000",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "organization/cica",
                    "proposedIn",
                    "date = \"1992\"",
                    "date = \"0000\"",
                );
                vec![
                    format!(
                        "{}:{line}:8: invalid date '0000': there is no year 0000 (years start at 0001)",
                        path.display()
                    ),
                    "write a year \"1992\", a month \"2002-06\" or a day \"2022-10-12\"".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "the presidency points at a city",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "organization/cica",
                    "presidency",
                    "object = \"place/kazakhstan\"",
                    "object = \"place/astana\"",
                );
                vec![
                    format!(
                        "{}:{line}:10: property 'presidency' points at a Country (its rdfs:range), but 'place/astana' is a City",
                        path.display()
                    ),
                    "give it an object of class Country, or use another property".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a summit follows itself",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "summit/2",
                    "follows",
                    "object = \"summit/1\"",
                    "object = \"summit/2\"",
                );
                vec![
                    format!(
                        "{}:{line}:10: 'summit/2' cannot be its own 'follows' (an owl:IrreflexiveProperty relates two different entities)",
                        path.display()
                    ),
                    "give it another entity as its object".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a city with a member count",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = append(
                    &path,
                    "[[statement]]\nsubject = \"place/almaty\"\nproperty = \"memberCount\"\ninteger = 27\npoint_in_time = \"2022-10-12\"\nquote = \"Currently, the CICA has 27 member states\"\n",
                );
                vec![
                    format!(
                        "{}:{}:11: property 'memberCount' is about an Organization (its rdfs:domain), but 'place/almaty' is a City",
                        path.display(),
                        line + 1
                    ),
                    "give it a subject of class Forum, Organization, Secretariat, or use another property".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
    ]
}
