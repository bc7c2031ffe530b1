//! Requests at the edges of HTTP, in-process (issue 17): HEAD gives the length GET would, a
//! program's `Accept: application/*` gets data rather than a page, and a URL that is not UTF-8
//! once percent-decoded is refused rather than read with replacement characters.

use super::*;

#[test]
fn head_gives_the_content_length_of_get_without_a_body() {
    // Not the service description: its blank nodes, so its length, differ at each request.
    for uri in [
        query_uri("ASK {}"),
        "/summit/6.ttl".to_owned(),
        "/summit/6".to_owned(),
    ] {
        let got = get(&uri, "*/*");
        let head = send(Method::HEAD, &uri, &[("accept", "*/*")], "");
        assert_eq!(head.status, got.status, "{uri}");
        assert_eq!(head.body, "", "{uri}");
        assert!(!got.body.is_empty(), "{uri}");
        assert_eq!(
            head.headers.get("content-length").unwrap(),
            &got.body.len().to_string(),
            "{uri}"
        );
        assert_eq!(head.content_type, got.content_type, "{uri}");
    }
}

#[test]
fn accept_application_any_gets_a_machine_format() {
    let resource = get("/summit/6", "application/*");
    assert_eq!(resource.status, 200);
    assert_eq!(resource.content_type, "application/n-triples");
    let description = get("/sparql", "application/*");
    assert_eq!(description.status, 200, "{}", description.body);
    assert!(
        description.content_type.starts_with("application/"),
        "{}",
        description.content_type
    );
    let ask = get(&query_uri("ASK {}"), "application/*");
    assert_eq!(ask.content_type, "application/sparql-results+json");
    // A browser still gets the page.
    let page = get("/summit/6", "text/html,application/xhtml+xml,*/*;q=0.8");
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
}

#[test]
fn a_url_that_is_not_utf8_is_refused_with_400() {
    for uri in [
        "/sparql?query=ASK%20%7B%7D%FF",
        "/summit/%C3%28",
        "/query?name=%E2%82",
    ] {
        let answer = get(uri, "*/*");
        assert_eq!(answer.status, 400, "{uri}: {}", answer.body);
        assert!(answer.body.contains("not UTF-8"), "{uri}: {}", answer.body);
    }
    // Percent-encoded UTF-8 is fine, and so is a lone '%'.
    let fine = get(&query_uri("ASK { ?s ?p \"Астана\" }"), "*/*");
    assert_eq!(fine.status, 200, "{}", fine.body);
    assert_eq!(get("/summit/6%", "*/*").status, 404);
}
