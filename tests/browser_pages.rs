//! The pages of issue 21 in Chromium: search from the box on every page, a named question's
//! fields, a helpful empty answer, the phone width (390 px), and the eight questions of the
//! analyst, each walked from home in at most two clicks or one search with the quote on
//! screen. Screenshots go to target/tmp/serve-screenshots/ (the ones in docs/ are copies).

use crate::browser::{browser, Browser};
use crate::common::shared_server;

/// Clicks the first element matching `css` and waits for the URL to satisfy `done`.
fn follow(browser: &Browser, css: &str, done: impl Fn(&str) -> bool) -> String {
    let found = browser.find(css);
    assert!(!found.is_empty(), "no {css} on {}", browser.url());
    browser.click(&found[0]);
    browser.wait_for_url(done)
}

/// The text of the page's main part.
fn main_text(browser: &Browser) -> String {
    let main = browser.find("main");
    browser.text(&main[0])
}

/// Whether an element matching `css` is inside the window.
fn on_screen(browser: &Browser, css: &str) -> bool {
    let script = format!(
        "const e = document.querySelector({css:?}); if (!e) return false; const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight && r.width > 0;"
    );
    browser.script(&script).as_bool().unwrap_or(false)
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs Chromium and chromedriver: ./scripts/test.sh installs it and runs with --features peers"
)]
fn search_from_the_box_leads_to_the_quote() {
    let server = shared_server();
    let browser = browser();
    let browser = browser.lock().unwrap_or_else(|e| e.into_inner());
    browser.size(1280, 1000);
    browser.go(&server.url("/summit/2"));
    let input = browser.find("nav input[name=q]");
    browser.type_into(&input[0], "Turkish city");
    let button = browser.find("nav form.find button");
    browser.click(&button[0]);
    browser.wait_for_url(|url| url.contains("/search?q=Turkish"));
    let marked: Vec<String> = browser
        .find("ol.found blockquote mark")
        .iter()
        .map(|e| browser.text(e))
        .collect();
    assert!(marked.contains(&"Turkish".to_owned()), "{marked:?}");
    browser.screenshot("search");
    let url = follow(&browser, "ol.found p.links a:last-child", |u| {
        u.contains("#q")
    });
    assert!(
        url.contains("/source/xinhua-2022-10-12-cica-backgrounder#q"),
        "{url}"
    );
    assert!(on_screen(&browser, ":target"), "the quote is on screen");
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs Chromium and chromedriver: ./scripts/test.sh installs it and runs with --features peers"
)]
fn a_question_s_fields_and_a_helpful_empty_answer() {
    let server = shared_server();
    let browser = browser();
    let browser = browser.lock().unwrap_or_else(|e| e.into_inner());
    browser.size(1280, 1200);
    browser.go(&server.url("/query?name=statements"));
    let subject = browser.find("input[name='bind.subject']");
    browser.type_into(&subject[0], "organization:cica");
    let property = browser.find("input[name='bind.property']");
    browser.type_into(&property[0], "cica:memberCount");
    browser.screenshot("question-fields");
    follow(&browser, "form.fields button", |u| {
        u.contains("bind.subject=organization")
    });
    let rows = browser.find("table.results tbody tr");
    assert_eq!(rows.len(), 1);
    assert!(browser
        .text(&rows[0])
        .contains("Currently, the CICA has 27 member states"));
    let query = "SELECT ?summit ?country WHERE { ?s a cica:Summit ; rdfs:label ?summit ; cica:location/cica:country/rdfs:label ?country FILTER(?country = \"Kazakhstan\") }";
    browser.go(&server.url(&format!(
        "/query?query={}",
        query
            .replace(' ', "+")
            .replace('"', "%22")
            .replace('?', "%3F")
            .replace('{', "%7B")
            .replace('}', "%7D")
            .replace(';', "%3B")
    )));
    let why = browser.find("div.empty");
    assert!(
        browser.text(&why[0]).contains("\"Kazakhstan\"@en"),
        "{}",
        browser.text(&why[0])
    );
    browser.screenshot("query-empty");
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs Chromium and chromedriver: ./scripts/test.sh installs it and runs with --features peers"
)]
fn the_pages_fit_a_phone() {
    let server = shared_server();
    let browser = browser();
    let browser = browser.lock().unwrap_or_else(|e| e.into_inner());
    browser.size(390, 844);
    for path in [
        "/",
        "/summit/1",
        "/organization/cica",
        "/query?name=summits",
        "/search?q=astana",
        "/source/xinhua-2022-10-12-cica-backgrounder",
        "/ontology",
        "/sparql",
    ] {
        browser.go(&server.url(path));
        let width = browser
            .script("return document.documentElement.scrollWidth")
            .as_f64()
            .unwrap();
        let inner = browser.script("return window.innerWidth").as_f64().unwrap();
        assert!(width <= inner, "{path} scrolls sideways: {width} > {inner}");
        if path == "/" {
            let svg = browser
                .script(
                    "return document.querySelector('.timeline svg').getBoundingClientRect().width",
                )
                .as_f64()
                .unwrap();
            assert!(svg <= inner, "the timeline fits: {svg}");
            let year = browser.script("return document.querySelector('.timeline .short').getBoundingClientRect().height").as_f64().unwrap();
            assert!(year >= 9.0, "the years are legible: {year} px");
            browser.screenshot("home-phone");
        }
    }
    browser.size(1280, 1500);
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs Chromium and chromedriver: ./scripts/test.sh installs it and runs with --features peers"
)]
fn the_eight_questions_of_the_analyst_from_home() {
    let server = shared_server();
    let browser = browser();
    let browser = browser.lock().unwrap_or_else(|e| e.into_inner());
    browser.size(1280, 1000);
    let home = || browser.go(&server.url("/"));
    let quoted = |words: &str| {
        let marks: Vec<String> = browser
            .find("blockquote mark")
            .iter()
            .map(|e| browser.text(e))
            .collect();
        assert!(
            marks.iter().any(|m| m.contains(words)),
            "{words} not among {marks:?} on {}",
            browser.url()
        );
    };
    // 1. Where and when was the third summit: one click on the timeline.
    home();
    follow(&browser, "ol.events a[href='/summit/3']", |u| {
        u.ends_with("/summit/3")
    });
    assert!(main_text(&browser).contains("Istanbul"));
    quoted("Istanbul");
    // 2. Who proposed the CICA, when and where: one click on its name.
    home();
    follow(&browser, "p.lead a[href='/organization/cica']", |u| {
        u.ends_with("/organization/cica")
    });
    let text = main_text(&browser);
    assert!(
        text.contains("proposed by") && text.contains("Kazakhstan") && text.contains("1992"),
        "{text}"
    );
    quoted("1992");
    // 3. Members and observers as of when: on home, the quote one click away.
    home();
    let text = main_text(&browser);
    assert!(
        text.contains("27 as of 12 October 2022") && text.contains("14 as of 12 October 2022"),
        "{text}"
    );
    follow(
        &browser,
        "table.key tr:first-child a[title='the words of the article']",
        |u| u.contains("#q"),
    );
    assert!(on_screen(&browser, ":target"));
    // 4. The secretariat's launch and move: one click on the timeline.
    home();
    follow(
        &browser,
        "ol.events a[href='/event/secretariat-relocation']",
        |u| u.ends_with("/event/secretariat-relocation"),
    );
    assert!(main_text(&browser).contains("Astana"));
    quoted("2014");
    // 5. Which countries hosted summits, how many each: one click on the question.
    home();
    follow(&browser, "a[href='/query?name=summits-per-country']", |u| {
        u.contains("summits-per-country")
    });
    let rows: Vec<String> = browser
        .find("table.results tbody tr")
        .iter()
        .map(|e| browser.text(e))
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Kazakhstan") && r.ends_with('3')),
        "{rows:?}"
    );
    // 6. The presidency and since when: on home, its quote one click away.
    home();
    assert!(main_text(&browser).contains("Kazakhstan since 2020"));
    follow(
        &browser,
        "table.key tr:nth-child(3) a[title='the words of the article']",
        |u| u.contains("#q"),
    );
    assert!(on_screen(&browser, ":target"));
    // 7. What the first summit adopted: one click on the timeline.
    home();
    follow(&browser, "ol.events a[href='/summit/1']", |u| {
        u.ends_with("/summit/1")
    });
    assert!(main_text(&browser).contains("Almaty Act"));
    quoted("Almaty Act");
    // 8. The four mechanisms: one click on the CICA's name.
    home();
    follow(&browser, "p.lead a[href='/organization/cica']", |u| {
        u.ends_with("/organization/cica")
    });
    let text = main_text(&browser);
    for mechanism in [
        "meetings of foreign ministers",
        "sessions of the senior officials committee",
        "meetings of the special working group",
        "meetings of heads of state and government (summits)",
    ] {
        assert!(text.contains(mechanism), "{mechanism}: {text}");
    }
    assert_eq!(
        browser
            .find("dt[id^='fact-mechanism-'] + dd blockquote mark")
            .len(),
        4,
        "each with its quote"
    );
}
