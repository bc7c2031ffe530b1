//! The pages of `cica-kg serve` in a real browser: Debian's Chromium, headless, driven through
//! chromedriver's W3C WebDriver HTTP API (a few JSON requests with oxhttp's client). The home
//! page's timeline has six summits, an entity page highlights its quote, the query page runs
//! `summits` and shows six rows, and a label with `<script>` in it shows as text. Screenshots go
//! to target/tmp/serve-screenshots/.

use crate::common::{data_with_a_script_label, free_port, shared_server, temp_dir, CicaServer};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// The key of an element reference in the W3C WebDriver protocol.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A program of the test command's Debian packages, or the path in an environment variable.
fn program(variable: &str, path: &str) -> PathBuf {
    let path = std::env::var_os(variable).map_or_else(|| PathBuf::from(path), PathBuf::from);
    assert!(
        path.exists(),
        "{} is missing: run ./scripts/test.sh, which installs Debian's chromium and chromium-driver (or set {variable})",
        path.display()
    );
    path
}

/// A headless Chromium session, through chromedriver.
pub(crate) struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Self {
        let chromium = program("CICA_KG_CHROMIUM", "/usr/bin/chromium");
        let chromedriver = program("CICA_KG_CHROMEDRIVER", "/usr/bin/chromedriver");
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = temp_dir();
        let mut browser = Self {
            driver,
            port,
            session: String::new(),
            _profile: profile,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver does not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            &format!("--user-data-dir={}", browser._profile.path().display()),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args}
        }}});
        let created = browser.call("POST", "/session", Some(capabilities));
        browser.session = created["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        browser.size(1280, 1500);
        browser
    }

    /// Sends one WebDriver command and returns its `value`.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("http://127.0.0.1:{}{path}", self.port);
        let body = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        let answer =
            crate::common::http(method, &url, &[("content-type", "application/json")], body);
        let value: Value = serde_json::from_str(&answer.body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}: {}", answer.body));
        assert_eq!(answer.status, 200, "{method} {path}: {value}");
        value["value"].clone()
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    pub(crate) fn size(&self, width: u32, height: u32) {
        let path = self.session_path("/window/rect");
        self.call(
            "POST",
            &path,
            Some(json!({"width": width, "height": height})),
        );
    }

    pub(crate) fn go(&self, url: &str) {
        self.call(
            "POST",
            &self.session_path("/url"),
            Some(json!({ "url": url })),
        );
    }

    /// Waits (up to 30 s) until the current URL satisfies `done`: a click that starts a
    /// navigation may return before the new page is there.
    pub(crate) fn wait_for_url(&self, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let url = self.url();
            if done(&url) || Instant::now() > deadline {
                return url;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub(crate) fn url(&self) -> String {
        self.call("GET", &self.session_path("/url"), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The elements matching a CSS selector.
    pub(crate) fn find(&self, css: &str) -> Vec<String> {
        let found = self.call(
            "POST",
            &self.session_path("/elements"),
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e[ELEMENT].as_str().unwrap().to_owned())
            .collect()
    }

    pub(crate) fn text(&self, element: &str) -> String {
        let path = self.session_path(&format!("/element/{element}/text"));
        self.call("GET", &path, None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub(crate) fn click(&self, element: &str) {
        let path = self.session_path(&format!("/element/{element}/click"));
        self.call("POST", &path, Some(json!({})));
    }

    /// Runs a script in the page and returns its value.
    pub(crate) fn script(&self, script: &str) -> Value {
        let path = self.session_path("/execute/sync");
        self.call("POST", &path, Some(json!({"script": script, "args": []})))
    }

    /// Empties an input or a text area.
    pub(crate) fn clear(&self, element: &str) {
        let path = self.session_path(&format!("/element/{element}/clear"));
        self.call("POST", &path, Some(json!({})));
    }

    /// Types text into an element.
    pub(crate) fn type_into(&self, element: &str, text: &str) {
        let path = self.session_path(&format!("/element/{element}/value"));
        self.call("POST", &path, Some(json!({ "text": text })));
    }

    /// Saves a PNG of the window in target/tmp/serve-screenshots/NAME.png.
    pub(crate) fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.call("GET", &self.session_path("/screenshot"), None);
        let bytes = base64(png.as_str().unwrap());
        assert!(bytes.starts_with(b"\x89PNG"), "a PNG screenshot");
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let url = format!("http://127.0.0.1:{}/session/{}", self.port, self.session);
            let _ =
                std::panic::catch_unwind(|| crate::common::http("DELETE", &url, &[], Vec::new()));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Decodes standard base64 (the screenshot).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
        .map(value)
        .collect();
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, d)| n | u32::from(*d) << (18 - 6 * i));
        bytes.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    bytes
}

/// The browser the tests share, one test at a time.
pub(crate) fn browser() -> Arc<Mutex<Browser>> {
    static SHARED: Mutex<Weak<Mutex<Browser>>> = Mutex::new(Weak::new());
    let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(browser) = shared.upgrade() {
        return browser;
    }
    let browser = Arc::new(Mutex::new(Browser::start()));
    *shared = Arc::downgrade(&browser);
    browser
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs Chromium and chromedriver: ./scripts/test.sh installs it and runs with --features peers"
)]
fn the_timeline_has_six_summits() {
    let server = shared_server();
    let browser = browser();
    let browser = browser.lock().unwrap_or_else(|e| e.into_inner());
    browser.go(&server.url("/"));
    assert_eq!(browser.find(".timeline svg .summit").len(), 6);
    assert_eq!(browser.find(".timeline svg .milestone").len(), 4);
    let events: Vec<String> = browser
        .find("ol.events li")
        .iter()
        .map(|e| browser.text(e))
        .collect();
    assert_eq!(
        events.first().map(String::as_str),
        Some("1992: proposed by Kazakhstan")
    );
    assert!(
        events
            .contains(&"12 October 2022 to 13 October 2022: sixth CICA summit, Astana".to_owned()),
        "{events:?}"
    );
    browser.screenshot("home");
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs Chromium and chromedriver: ./scripts/test.sh installs it and runs with --features peers"
)]
fn an_entity_page_highlights_its_quote() {
    let server = shared_server();
    let browser = browser();
    let browser = browser.lock().unwrap_or_else(|e| e.into_inner());
    browser.go(&server.url("/summit/1"));
    let marked: Vec<String> = browser
        .find("dl.facts blockquote mark")
        .iter()
        .map(|e| browser.text(e))
        .collect();
    assert!(
        marked.contains(&"Almaty in June 2002".to_owned()),
        "{marked:?}"
    );
    let heading = browser.find("h1");
    assert_eq!(browser.text(&heading[0]), "first CICA summit");
    browser.screenshot("entity");
    browser.size(390, 844);
    browser.screenshot("entity-phone");
    browser.size(1280, 1500);
    browser.go(&server.url("/source/xinhua-2022-10-12-cica-backgrounder"));
    assert!(
        browser.find(".article a.quote mark").len() > 40,
        "the article's quotes are marked"
    );
    browser.screenshot("article");
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs Chromium and chromedriver: ./scripts/test.sh installs it and runs with --features peers"
)]
fn the_query_page_runs_summits_and_shows_six_rows() {
    let server = shared_server();
    let browser = browser();
    let browser = browser.lock().unwrap_or_else(|e| e.into_inner());
    browser.go(&server.url("/query"));
    let link = browser.find("a[href='/query?name=summits']");
    browser.click(&link[0]);
    browser.wait_for_url(|url| url.ends_with("/query?name=summits"));
    let editor = browser.find("textarea#query");
    assert!(browser.text(&editor[0]).contains("?s a cica:Summit"));
    let run = browser.find("form:has(textarea) button[type=submit]");
    browser.click(&run[0]);
    let url = browser.wait_for_url(|url| url.contains("/query?query="));
    assert!(
        url.contains("cica%3ASummit"),
        "the query is in the URL: {url}"
    );
    let rows = browser.find("table.results tbody tr");
    assert_eq!(rows.len(), 6);
    assert_eq!(
        browser.text(&rows[0]),
        "1 first CICA summit Almaty Kazakhstan June 2002"
    );
    assert_eq!(
        browser.text(&rows[5]),
        "6 sixth CICA summit Astana Kazakhstan 12 October 2022 13 October 2022"
    );
    browser.screenshot("query");
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs Chromium and chromedriver: ./scripts/test.sh installs it and runs with --features peers"
)]
fn a_label_with_a_script_tag_shows_as_text() {
    let data = data_with_a_script_label();
    let server = CicaServer::start(&["--data", data.path().to_str().unwrap()]);
    let browser = browser();
    let browser = browser.lock().unwrap_or_else(|e| e.into_inner());
    browser.go(&server.url("/summit/6"));
    let heading = browser.find("h1");
    assert_eq!(browser.text(&heading[0]), "<script>alert(1)</script>");
    assert!(browser.find("script").is_empty(), "no script element");
}
