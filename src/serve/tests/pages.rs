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
