//! The pages stay bounded on a larger graph (issue 21, item 14): the shipped data and twelve
//! fictional articles written here (marked fictional), with 114 more summits than the
//! shipped six, 15 more aims of the CICA, and one article of 104 facts. Every list that grows
//! with the data shows its first items, says how many there are, and links to the rest, a
//! page at a time. The counts below are worked out by hand from what is written here.

use super::*;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Summits of the first article (104 statements: more than a page of its facts).
const FIRST: usize = 26;
/// Summits of each of the other eleven articles.
const OTHERS: usize = 8;

fn summits_of(k: usize) -> usize {
    if k == 0 {
        FIRST
    } else {
        OTHERS
    }
}

/// Writes the data folder: the shipped files, the summits' entities, twelve articles.
fn write_data(dir: &PathBuf) {
    std::fs::create_dir_all(dir).unwrap();
    let shipped = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    for entry in std::fs::read_dir(shipped).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let mut entities = String::from("# FICTIONAL: written by src/serve/tests/scale.rs.\n");
    for k in 0..12 {
        for j in 0..summits_of(k) {
            writeln!(
                entities,
                "\n[[entity]]\nid = \"summit/t{k}-{j}\"\nclass = \"Summit\"\nlabel = \"test summit T{k}x{j} (fictional)\""
            )
            .unwrap();
        }
    }
    std::fs::write(dir.join("test-entities.toml"), entities).unwrap();
    for k in 0..12 {
        let mut sentences = Vec::new();
        let mut statements = String::new();
        let mut state = |sentence: String, subject: &str, property: &str, value: String| {
            writeln!(
                statements,
                "\n[[statement]]\nsubject = \"{subject}\"\nproperty = \"{property}\"\n{value}\nquote = \"{sentence}\""
            )
            .unwrap();
            sentences.push(sentence);
        };
        for j in 0..summits_of(k) {
            let (s, name) = (format!("summit/t{k}-{j}"), format!("Test summit T{k}x{j}"));
            state(
                format!("{name} was number {} of its series.", j + 1),
                &s,
                "ordinal",
                format!("integer = {}", j + 1),
            );
            state(
                format!("{name} was a meeting of the CICA."),
                &s,
                "organizer",
                "object = \"organization/cica\"".into(),
            );
            state(
                format!("{name} was held in Almaty."),
                &s,
                "location",
                "object = \"place/almaty\"".into(),
            );
            state(
                format!("{name} opened in June {}.", 1995 + j),
                &s,
                "startDate",
                format!("date = \"{}-06\"", 1995 + j),
            );
        }
        if k == 1 {
            for a in 1..=15 {
                state(
                    format!("Test aim number {a} of the CICA is aim {a}."),
                    "organization/cica",
                    "aim",
                    format!("text = \"aim {a} (fictional)\""),
                );
            }
        }
        let id = format!("test-{k:02}");
        std::fs::write(
            dir.join(format!("{id}.txt")),
            format!(
                "FICTIONAL TEST ARTICLE {id}: its facts are made up.\n\n{}\n",
                sentences.join(" ")
            ),
        )
        .unwrap();
        let source = format!(
            "# FICTIONAL: written by src/serve/tests/scale.rs.\n\n[source]\nid = \"{id}\"\nfile = \"{id}.txt\"\n\
             title = \"Fictional test article {id}\"\npublisher = \"organization/xinhua\"\neditor = \"test\"\n\
             published = \"2001-01-{:02}T12:00:00\"\ndateline_place = \"place/astana\"\n\
             dateline_date = \"2001-01-{:02}\"\nlanguage = \"en\"\n",
            k + 1,
            k + 1
        );
        std::fs::write(dir.join(format!("{id}.toml")), source + &statements).unwrap();
    }
}

fn large() -> &'static State {
    static STATE: OnceLock<State> = OnceLock::new();
    STATE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("cica-kg-serve-scale-{}", std::process::id()));
        write_data(&dir);
        let kg = KnowledgeGraph::load(
            &DataSource::Directory(dir.clone()),
            Iris::new(BASE).unwrap(),
        );
        std::fs::remove_dir_all(&dir).unwrap();
        State::new(
            kg.unwrap(),
            Engine::in_process(Services::default()),
            Options::default(),
        )
        .unwrap()
    })
}

fn page(uri: &str) -> (u16, String) {
    let mut request = Request::builder()
        .uri(format!("http://127.0.0.1:7878{uri}"))
        .header("accept", "text/html")
        .body(Body::empty())
        .unwrap();
    let reply = handle(large(), &mut request);
    (
        reply.status().as_u16(),
        reply.into_body().to_string().unwrap(),
    )
}

/// The part of `page` from `from` to the next `to`.
fn part<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let start = page.find(from).unwrap_or_else(|| panic!("no {from}"));
    let rest = &page[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

// 114 test summits and the shipped 6: 120; 12 test articles and the shipped one: 13.

#[test]
fn home_summarises_the_summits_and_the_sources_and_links_to_their_lists() {
    let (status, home) = page("/");
    assert_eq!(status, 200);
    let sources = part(&home, "<h2>Sources (13)</h2>", "</p>");
    assert_eq!(sources.matches("<li>").count(), 10, "{sources}");
    assert!(sources.contains("and 3 more"), "{sources}");
    assert!(sources.contains("href=\"/sources\""), "{sources}");
    let summits = part(&home, "<h3>CICA summit (120)</h3>", "</section>");
    assert_eq!(summits.matches("<li>").count(), 40, "{summits}");
    assert!(summits.contains("and 80 more"), "{summits}");
    assert!(
        summits.contains("href=\"/entities?class=CICA+summit\""),
        "{summits}"
    );
    // The timeline counts the summits by year instead of listing 120 of them.
    let timeline = part(
        &home,
        "<figure class=\"timeline\">",
        "<h2>Ask a question</h2>",
    );
    assert!(timeline.contains("120 summits, by year"), "{timeline}");
    assert!(
        timeline.contains("1995 (12)"),
        "every article's first summit, and none shipped: {timeline}"
    );
    assert!(!timeline.contains("test summit"), "{timeline}");
}

#[test]
fn a_class_list_is_paged() {
    let (status, first) = page("/entities?class=CICA+summit");
    assert_eq!(status, 200);
    assert!(first.contains("1 to 100 of 120."), "{first}");
    assert_eq!(part(&first, "<ol", "</ol>").matches("<li>").count(), 100);
    assert!(
        first.contains("href=\"/entities?class=CICA+summit&amp;page=2\""),
        "{first}"
    );
    for uri in [
        "/entities?class=CICA+summit&page=2",
        "/entities?class=CICA+summit&page=9",
    ] {
        let (_, second) = page(uri);
        assert!(second.contains("101 to 120 of 120."), "{second}");
        assert_eq!(part(&second, "<ol", "</ol>").matches("<li>").count(), 20);
        assert!(second.contains("start=\"101\""), "{second}");
    }
    let (status, none) = page("/entities?class=unicorn");
    assert_eq!(status, 404);
    assert!(
        none.contains("CICA summit"),
        "the classes are named: {none}"
    );
    let (_, sources) = page("/sources");
    assert!(sources.contains("13 in all."), "{sources}");
    assert_eq!(part(&sources, "<ol", "</ol>").matches("<li>").count(), 13);
}

#[test]
fn an_entity_page_shows_the_first_values_of_a_property_and_pages_the_rest() {
    let (status, cica) = page("/organization/cica");
    assert_eq!(status, 200);
    let aim = "https://w3id.org/cica-kg/ontology#aim";
    // The shipped aim and 15 written here: 10 shown, a link to all 16.
    assert_eq!(cica.matches("id=\"fact-aim-").count(), 10, "{cica}");
    assert!(cica.contains("and 6 more values of aim"), "{cica}");
    assert!(
        cica.contains("href=\"/organization/cica?property=https%3A%2F%2Fw3id.org%2Fcica-kg%2Fontology%23aim&amp;page=1\""),
        "{cica}"
    );
    let (status, all) = page(&format!(
        "/organization/cica?{}",
        http::encode(&[("property", aim)])
    ));
    assert_eq!(status, 200);
    assert!(all.contains("<h2>aim (16)</h2>"), "{all}");
    assert_eq!(all.matches("id=\"fact-aim-").count(), 16);
    assert!(
        !all.contains("fact-memberCount"),
        "only the property's values: {all}"
    );
    // What links here: 120 summits have the CICA as organizer; 10 are shown.
    let links = part(&cica, "<h2>What links here</h2>", "</ul>");
    assert_eq!(links.matches("— organizer").count(), 10, "{links}");
    assert!(links.contains("and 110 more with organizer"), "{links}");
    let organizer = "https://w3id.org/cica-kg/ontology#organizer";
    let uri = |page: &str| {
        format!(
            "/organization/cica?{}",
            http::encode(&[("links", organizer), ("page", page)])
        )
    };
    let (_, second) = page(&uri("2"));
    assert!(
        second.contains("What links here with organizer (120)"),
        "{second}"
    );
    assert_eq!(second.matches("— organizer").count(), 20, "{second}");
    assert!(second.contains("page 2 of 2"), "{second}");
    let (status, _) = page(&format!(
        "/organization/cica?{}",
        http::encode(&[("property", organizer)])
    ));
    assert_eq!(status, 404, "the CICA has no organizer");
}

#[test]
fn an_article_of_many_facts_pages_its_list_of_facts() {
    let (status, first) = page("/source/test-00");
    assert_eq!(status, 200);
    // 26 summits × 4 facts: 100 on the first page, 4 on the second.
    assert_eq!(first.matches("<li id=\"fact-").count(), 100);
    assert!(first.contains("1 to 100 of 104."), "{first}");
    assert!(first.contains("href=\"/source/test-00?page=2\""), "{first}");
    // The highlights of the facts on page 2 lead there.
    assert!(first.contains("href=\"?page=2#fact-104\""), "{first}");
    assert!(first.contains("href=\"#fact-1\""), "{first}");
    let (_, second) = page("/source/test-00?page=2");
    assert_eq!(second.matches("<li id=\"fact-").count(), 4);
    assert!(second.contains("<li id=\"fact-101\">"), "{second}");
    assert!(second.contains("href=\"?page=1#fact-1\""), "{second}");
}

#[test]
fn search_results_are_paged() {
    // 114 test summits are named "test summit …"; their 456 facts quote "Test summit …".
    let (_, first) = page("/search?q=test+summit");
    assert!(first.contains("Entities (114)"), "{first}");
    assert!(first.contains("1 to 25 of 114;"), "{first}");
    assert!(first.contains("1 to 25 of 456;"), "{first}");
    assert!(
        first.contains("href=\"/search?q=test+summit&amp;page=2\""),
        "{first}"
    );
    let (_, fifth) = page("/search?q=test+summit&page=5");
    assert!(fifth.contains("101 to 114 of 114;"), "{fifth}");
    assert!(fifth.contains("101 to 125 of 456;"), "{fifth}");
    assert!(
        fifth.contains("<ol class=\"found\" start=\"101\">"),
        "{fifth}"
    );
}

/// The `?summit` cell of each row of the result table.
fn summit_cells(page: &str) -> Vec<String> {
    let body = part(page, "<tbody>", "</tbody>");
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let cell = row.split("<td>").nth(2).unwrap_or_default();
            cell[..cell.find("</td>").unwrap_or(cell.len())].to_owned()
        })
        .collect()
}

#[test]
fn a_long_answer_is_paged_in_the_query_s_order_and_sorts_by_any_column_across_every_row() {
    // 120 summits. By ordinal, ties broken by the label: ordinals 1 to 6 have 13 summits
    // each (the shipped one and one of each article: 78 rows), 7 and 8 have 12 each (rows 79
    // to 102), 9 to 26 one each (the first article's). Page 1 ends in ordinal 8 at its tenth
    // label, in the order of their characters: T0x7, T10x7, T11x7, T1x7, …, T7x7.
    let (status, first) = page("/query?name=summits");
    assert_eq!(status, 200);
    assert!(
        first.contains("120 rows; page 1 of 2 (100 a page)"),
        "{first}"
    );
    let rows = summit_cells(&first);
    assert_eq!(rows.len(), 100);
    assert_eq!(rows[0], "first CICA summit");
    assert_eq!(rows[1], "test summit T0x0 (fictional)");
    assert_eq!(rows[99], "test summit T7x7 (fictional)");
    assert!(
        first.contains("href=\"/query?name=summits&amp;page=2\""),
        "{first}"
    );
    for uri in ["/query?name=summits&page=2", "/query?name=summits&page=7"] {
        let (_, second) = page(uri);
        assert!(
            second.contains("120 rows; page 2 of 2 (100 a page)"),
            "{second}"
        );
        let rows = summit_cells(&second);
        assert_eq!(rows.len(), 20);
        assert_eq!(rows[0], "test summit T8x7 (fictional)");
        assert_eq!(rows[1], "test summit T9x7 (fictional)");
        assert_eq!(rows[2], "test summit T0x8 (fictional)");
        assert_eq!(rows[19], "test summit T0x25 (fictional)");
    }
    // Sorted by the summit's label, descending, over all 120 rows: "third CICA summit"
    // comes before "test summit T9x7 …" ("th" after "te"), "fifth CICA summit" last.
    let (_, sorted) = page("/query?name=summits&sort=summit&order=desc");
    let rows = summit_cells(&sorted);
    assert_eq!(rows.len(), 100);
    assert_eq!(rows[0], "third CICA summit");
    assert_eq!(rows[1], "test summit T9x7 (fictional)");
    let (_, last) = page("/query?name=summits&sort=summit&order=desc&page=2");
    let rows = summit_cells(&last);
    assert_eq!(rows.len(), 20);
    assert_eq!(rows[19], "fifth CICA summit");
    assert!(
        last.contains("href=\"/query?name=summits&amp;sort=summit&amp;order=desc&amp;page=1\""),
        "{last}"
    );
}
