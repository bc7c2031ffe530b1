//! The pages for people (issue 21), in-process: search, the dead ends of the query page, the
//! not-found pages, the reading order and anchors of entity pages, the home page's key facts.
//! Expected answers written by hand from the article.

use super::*;

fn page(uri: &str) -> Answer {
    get(uri, "text/html")
}

#[test]
fn search_finds_entities_by_name_and_acronym_and_facts_by_their_quote() {
    let found = page("/search?q=astana");
    assert_eq!(found.status, 200);
    assert!(
        found.body.contains("<a href=\"/place/astana\">Astana</a>"),
        "{}",
        found.body
    );
    assert!(found
        .body
        .contains("<title>Search: astana · cica-kg</title>"));
    // By acronym: CICA is the forum's other name.
    let cica = page("/search?q=cica");
    let first = cica.body.find("<ul class=\"found\">").unwrap();
    assert!(
        cica.body[first..].starts_with("<ul class=\"found\"><li><a href=\"/organization/cica\">Conference on Interaction and Confidence Building Measures in Asia</a> (CICA)"),
        "{}",
        &cica.body[first..first + 300]
    );
    // By the words of a quote: the fact, its quote with the words marked, the links.
    let quote = page("/search?q=Turkish+city");
    assert!(
        quote
            .body
            .contains("<mark>Turkish</mark> <mark>city</mark>"),
        "{}",
        quote.body
    );
    assert!(
        quote
            .body
            .contains("href=\"/summit/3#fact-location-istanbul\""),
        "{}",
        quote.body
    );
    let article = "/source/xinhua-2022-10-12-cica-backgrounder";
    let link = format!("href=\"{article}#q");
    assert!(quote.body.contains(&link));
    // The anchors exist where they lead.
    let start = quote.body.find(&link).unwrap() + link.len() - 1;
    let anchor: String = quote.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    assert!(
        page(article).body.contains(&format!("id=\"{anchor}\"")),
        "{anchor}"
    );
    assert!(page("/summit/3")
        .body
        .contains("id=\"fact-location-istanbul\""));
    // Nothing found says so; markup in the search is text.
    let none = page("/search?q=%3Cscript%3Ezzz");
    assert!(none.body.contains("No entity has a name with these words."));
    assert!(!none.body.contains("<script>zzz"));
    // Every page has the search box and a skip link.
    for path in ["/", "/query", "/summit/1", "/ontology", article] {
        let body = page(path).body;
        assert!(body.contains("action=\"/search\""), "{path}");
        assert!(body.contains("href=\"#main\""), "{path}");
    }
}

fn asked(query: &str) -> Answer {
    page(&format!("/query?{}", http::encode(&[("query", query)])))
}

#[test]
fn an_empty_answer_says_why() {
    let text = |a: &Answer| {
        a.body
            .split("<h2>Answer</h2>")
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    };
    // Issue 21 item 1: a plain literal where the data has only tagged ones.
    let summits = named_text("summits");
    let edited = summits.replace(
        "OPTIONAL { ?s cica:endDate ?end }",
        "OPTIONAL { ?s cica:endDate ?end }\n  FILTER(?country = \"Kazakhstan\")",
    );
    assert_ne!(edited, summits, "the edit applies");
    let answer = text(&asked(&edited));
    assert!(answer.contains("0 rows"), "{answer}");
    assert!(
        answer.contains("&quot;Kazakhstan&quot;@en")
            && answer.contains("STR(?country) = &quot;Kazakhstan&quot;"),
        "{answer}"
    );
    // A misspelt property, with the closest the graph has.
    let answer = text(&asked("SELECT ?s ?p WHERE { ?s cica:locaton ?p }"));
    assert!(
        answer.contains("The graph has no property cica:locaton. Did you mean cica:location?"),
        "{answer}"
    );
    // A class it does not have.
    let answer = text(&asked("SELECT ?s WHERE { ?s a cica:Sumit }"));
    assert!(
        answer.contains("nothing of the class cica:Sumit. Did you mean cica:Summit?"),
        "{answer}"
    );
    // An empty answer whose reason cannot be told still says it is empty.
    let answer = text(&asked("SELECT ?s WHERE { ?s cica:ordinal 99 }"));
    assert!(
        answer.contains("No rows: nothing in the graph matches"),
        "{answer}"
    );
    // An empty query says so.
    let empty = page("/query?query=+");
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains("The query is empty"));
}

fn named_text(name: &str) -> String {
    crate::query::named_query(name).unwrap().text
}

#[test]
fn a_question_that_needs_a_service_says_so_instead_of_failing() {
    let home = page("/");
    assert!(
        !home
            .body
            .contains("<a href=\"/query?name=summit-coordinates\">Where"),
        "not offered as a link that fails"
    );
    assert!(home
        .body
        .contains("--allow-service https://query.wikidata.org/sparql"));
    let answer = page("/query?name=summit-coordinates");
    assert_eq!(answer.status, 200);
    assert!(answer
        .body
        .contains("which this server does not allow, so it is not run"));
}

#[test]
fn a_named_question_s_variables_are_form_fields() {
    let statements = page("/query?name=statements");
    assert_eq!(statements.status, 200);
    let outside_editor = statements.body.split("<textarea").next().unwrap();
    assert!(
        !outside_editor.contains("--bind"),
        "no command-line advice on the web"
    );
    assert!(statements.body.contains("name=\"bind.subject\""));
    assert!(statements.body.contains("name=\"bind.property\""));
    assert!(statements
        .body
        .contains("<option value=\"summit:1\">first CICA summit</option>"));
    assert!(statements
        .body
        .contains("<option value=\"cica:location\">location</option>"));
    assert!(
        statements
            .body
            .contains("<title>What does each source state about a subject"),
        "its own title"
    );
    // Unbound: the subject and property are columns.
    assert!(
        statements.body.contains(">subject</a></th>"),
        "{}",
        statements.body
    );
    assert!(statements.body.contains(">property</a></th>"));
    // Bound: the answer of the command line's example.
    let bound = page(
        "/query?name=statements&bind.subject=organization%3Acica&bind.property=cica%3AmemberCount",
    );
    assert_eq!(bound.status, 200, "{}", bound.body);
    assert!(bound.body.contains("1 row"), "{}", bound.body);
    assert!(bound
        .body
        .contains("Currently, the CICA has 27 member states"));
    assert!(
        bound.body.contains("value=\"organization:cica\""),
        "the field keeps its value"
    );
    let evidence =
        page("/query?name=evidence&bind.subject=summit%3A1&bind.property=cica%3Alocation");
    assert!(evidence.body.contains("name=\"bind.object\""));
    assert!(
        evidence
            .body
            .contains("Its first summit was held in the Kazakh city of Almaty"),
        "{}",
        evidence.body
    );
    let bad = page("/query?name=evidence&bind.subject=nowhere%3Ax");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("unknown prefix"), "{}", bad.body);
}

#[test]
fn result_cells_show_labels_and_sort_and_page() {
    let answer =
        asked("SELECT ?summit ?place WHERE { ?summit cica:location ?place } ORDER BY ?summit");
    assert!(
        answer.body.contains("<a href=\"/place/istanbul\" title=\"http://127.0.0.1:7878/place/istanbul\">Istanbul</a>"),
        "{}",
        answer.body
    );
    assert!(!answer.body.contains(">summit:3<"), "no raw names");
    // Sorted by the place's label, descending.
    let sorted = page(&format!(
        "/query?{}",
        http::encode(&[
            (
                "query",
                "SELECT ?summit ?place WHERE { ?summit a cica:Summit ; cica:location ?place }"
            ),
            ("sort", "place"),
            ("order", "desc")
        ])
    ));
    let body = sorted.body.split("<tbody>").nth(1).unwrap();
    let first = body.find("Shanghai").unwrap();
    assert!(
        first < body.find("Istanbul").unwrap()
            && body.find("Istanbul").unwrap() < body.find("Almaty").unwrap(),
        "{body}"
    );
    assert!(sorted.body.contains("aria-sort=\"descending\""));
    // Paged past 100 rows, with links to the next page.
    let many = asked("SELECT ?s ?p WHERE { ?s ?p ?o } LIMIT 250");
    assert!(
        many.body.contains("page 1 of 3"),
        "{}",
        &many.body[..2000.min(many.body.len())]
    );
    assert_eq!(
        many.body
            .split("<tbody>")
            .nth(1)
            .unwrap()
            .matches("<tr>")
            .count(),
        100
    );
    assert!(many.body.contains("rel=\"next\""));
    let second = page(&format!(
        "/query?{}",
        http::encode(&[
            ("query", "SELECT ?s ?p WHERE { ?s ?p ?o } LIMIT 250"),
            ("page", "2")
        ])
    ));
    assert!(second.body.contains("page 2 of 3"));
}

#[test]
fn a_page_that_is_not_there_has_the_navigation_and_close_names() {
    let summit = page("/summit/7");
    assert_eq!(summit.status, 404);
    assert!(summit.body.contains("<nav>"), "the site's navigation");
    assert!(
        summit
            .body
            .contains("<a href=\"/summit/1\">first CICA summit</a>"),
        "{}",
        summit.body
    );
    assert!(summit.body.contains("action=\"/search\""));
    let foo = page("/foo");
    assert_eq!(foo.status, 404);
    assert!(foo.body.contains("<h1>Nothing here</h1>"));
    // Programs still get text.
    let program = get("/summit/7", "text/turtle");
    assert_eq!(program.status, 404);
    assert!(!program.body.contains("<nav>"));
    // A misspelt question name gets the close ones, as the command line does.
    let misspelt = page("/query?name=sumits");
    assert_eq!(misspelt.status, 404);
    assert!(
        misspelt.body.contains("Did you mean summits"),
        "{}",
        misspelt.body
    );
}

#[test]
fn every_ontology_term_linked_from_a_page_has_its_anchor() {
    let ontology = page("/ontology").body;
    for path in [
        "/",
        "/summit/1",
        "/organization/cica",
        "/query?name=statements",
        "/source/xinhua-2022-10-12-cica-backgrounder",
    ] {
        let body = page(path).body;
        for link in body.split("href=\"/ontology#").skip(1) {
            let term: String = link.chars().take_while(|c| *c != '"').collect();
            assert!(
                ontology.contains(&format!("id=\"{term}\"")),
                "{path} links /ontology#{term}"
            );
        }
    }
    assert!(ontology.contains("id=\"NormalRank\""));
    assert!(ontology.contains("id=\"pageOrder\""));
}

#[test]
fn entity_pages_read_in_order_and_show_no_raw_values() {
    // Item 7: dates, then place, then the rest, by cica:pageOrder.
    let summit = page("/summit/3").body;
    let at = |needle: &str| {
        summit
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}: {summit}"))
    };
    assert!(at("id=\"fact-ordinal-3\"") < at("id=\"fact-startDate-2010-06\""));
    assert!(at("id=\"fact-startDate-2010-06\"") < at("id=\"fact-location-istanbul\""));
    assert!(at("id=\"fact-location-istanbul\"") < at("id=\"fact-follows-2\""));
    // Each fact links to itself; the quote to its place in the article.
    assert!(summit.contains("href=\"#fact-location-istanbul\""));
    assert!(summit.contains("href=\"/source/xinhua-2022-10-12-cica-backgrounder#q"));
    // Item 10: no editor-only notes, a time in words, tooltips in words.
    let cica = page("/organization/cica").body;
    assert!(!cica.contains("No Wikidata QID is verified"));
    assert!(!page("/").body.contains("2022-10-12T23:39:15"));
    let article = page("/source/xinhua-2022-10-12-cica-backgrounder").body;
    assert!(
        article.contains("published 12 October 2022, 23:39"),
        "time in words"
    );
    assert!(
        article.contains("first CICA summit — start date: June 2002"),
        "tooltips in words"
    );
    assert!(!article.contains("— 2002-06"));
}

#[test]
fn home_has_key_facts_linked_to_facts_and_quotes() {
    let home = page("/").body;
    let key = home
        .split("<section class=\"key\"")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    for expected in [
        "Member states</th><td>27 as of 12 October 2022",
        "Observers</th><td>14 as of 12 October 2022",
        ">Kazakhstan</a> since 2020",
        ">CICA Secretariat</a>",
        ">Astana</a> since September 2014",
        ">sixth CICA summit</a>, Astana, 12 October 2022 to 13 October 2022",
        "href=\"/organization/cica#fact-memberCount-27\"",
        "href=\"/organization/cica-secretariat#fact-headquarters-astana\"",
        "href=\"/source/xinhua-2022-10-12-cica-backgrounder#q",
    ] {
        assert!(key.contains(expected), "{expected}: {key}");
    }
    assert!(
        home.contains("<a href=\"/organization/cica\"><strong>Conference on Interaction"),
        "the CICA's name links to its page"
    );
    assert!(
        home.contains("aria-label=\"first CICA summit, Almaty, June 2002\""),
        "a named tab stop"
    );
    assert!(
        home.contains(">Almaty 2002</text>"),
        "the marker names its city"
    );
    // Summits by ordinal, not by label ("fifth" < "first" alphabetically).
    let summits = home.split("<h3>CICA summit</h3>").nth(1).unwrap();
    assert!(
        summits.find("first CICA summit").unwrap() < summits.find("fifth CICA summit").unwrap()
    );
    // The questions read as questions, without the command line's --bind.
    assert!(
        home.contains(">Which words of the article say this?</a>"),
        "{home}"
    );
}
