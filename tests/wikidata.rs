//! Wikidata: the links and the report of what is unlinked, the Wikidata-shaped view (queries a
//! Wikidata user would write, with answers written by hand from the article and
//! docs/wikidata.md), and QuickStatements lines written by hand.

use crate::common::{checked, cica_kg, read, repo, run_ok};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use predicates::str::contains;
use std::collections::BTreeSet;

/// The cells of a report line: split where two or more spaces separate them.
fn cells(line: &str) -> Vec<&str> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn the_report_lists_every_link_and_every_unlinked_entity() {
    let report = run_ok(&["link", "--report"]);
    let lines: Vec<&str> = report.lines().collect();
    assert!(lines[0].starts_with("Linked: 12 entities"), "{}", lines[0]);
    assert_eq!(cells(lines[1]), ["id", "label", "QID"]);
    // Every entity of data/entities.toml with a QID of docs/wikidata.md.
    let linked: Vec<Vec<&str>> = lines[2..14].iter().map(|l| cells(l)).collect();
    assert_eq!(
        linked,
        [
            [
                "organization/un-general-assembly",
                "United Nations General Assembly",
                "Q47423"
            ],
            ["organization/xinhua", "Xinhua News Agency", "Q204839"],
            ["place/asia", "Asia", "Q48"],
            ["place/kazakhstan", "Kazakhstan", "Q232"],
            ["place/turkey", "Turkey", "Q43"],
            ["place/china", "China", "Q148"],
            ["place/tajikistan", "Tajikistan", "Q863"],
            ["place/astana", "Astana", "Q1520"],
            ["place/almaty", "Almaty", "Q35493"],
            ["place/istanbul", "Istanbul", "Q406"],
            ["place/shanghai", "Shanghai", "Q8686"],
            ["place/dushanbe", "Dushanbe", "Q9365"],
        ]
    );
    assert_eq!(lines[14], "");
    assert!(
        lines[15].starts_with("Not linked: 16 entities"),
        "{}",
        lines[15]
    );
    assert!(lines[15].contains("data/entities.toml"), "{}", lines[15]);
    // Each unlinked entity: id and label, then what to search for, then the search page.
    let unlinked: BTreeSet<&str> = lines[16..]
        .chunks(3)
        .map(|block| cells(block[0])[0])
        .collect();
    let expected: BTreeSet<&str> = [
        "organization/cica",
        "organization/cica-secretariat",
        "event/unga-47",
        "event/secretariat-relocation",
        "document/almaty-act",
        "document/declaration-on-eliminating-terrorism",
        "summit/1",
        "summit/2",
        "summit/3",
        "summit/4",
        "summit/5",
        "summit/6",
        "mechanism/summits",
        "mechanism/foreign-ministers-meetings",
        "mechanism/senior-officials-committee",
        "mechanism/special-working-group",
    ]
    .into();
    assert_eq!(unlinked, expected);
    assert_eq!(lines.len(), 16 + 3 * 16);
    let cica = lines
        .iter()
        .position(|l| l.starts_with("  organization/cica  "))
        .unwrap();
    assert_eq!(
        lines[cica..cica + 3],
        [
            "  organization/cica  Conference on Interaction and Confidence Building Measures in Asia",
            "    search: Conference on Interaction and Confidence Building Measures in Asia",
            "    https://www.wikidata.org/w/index.php?search=Conference+on+Interaction+and+Confidence+Building+Measures+in+Asia",
        ]
    );
    let first = lines
        .iter()
        .position(|l| l.starts_with("  summit/1  "))
        .unwrap();
    assert_eq!(
        lines[first..first + 3],
        [
            "  summit/1  first CICA summit",
            "    search: CICA summit 2002 Almaty",
            "    https://www.wikidata.org/w/index.php?search=CICA+summit+2002+Almaty",
        ]
    );
}

#[test]
fn link_writes_one_same_as_per_linked_entity() {
    let out = run_ok(&["link", "--format", "ntriples"]);
    let actual: BTreeSet<&str> = out.lines().collect();
    let expected: BTreeSet<String> = [
        ("organization/un-general-assembly", "Q47423"),
        ("organization/xinhua", "Q204839"),
        ("place/asia", "Q48"),
        ("place/kazakhstan", "Q232"),
        ("place/turkey", "Q43"),
        ("place/china", "Q148"),
        ("place/tajikistan", "Q863"),
        ("place/astana", "Q1520"),
        ("place/almaty", "Q35493"),
        ("place/istanbul", "Q406"),
        ("place/shanghai", "Q8686"),
        ("place/dushanbe", "Q9365"),
    ]
    .iter()
    .map(|(id, qid)| {
        format!(
            "<https://w3id.org/cica-kg/{id}> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/{qid}> ."
        )
    })
    .collect();
    assert_eq!(actual, expected.iter().map(String::as_str).collect());
}

/// Runs a SELECT through `cica-kg query --profile wikidata` and returns the TSV rows.
fn wikidata_rows(sparql: &str) -> BTreeSet<String> {
    run_ok(&["query", "--profile", "wikidata", "-f", "tsv", "-e", sparql])
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

fn set(rows: &[&str]) -> BTreeSet<String> {
    rows.iter().map(|r| (*r).to_owned()).collect()
}

const SUMMIT: &str = "https://w3id.org/cica-kg/summit/";
const WD: &str = "http://www.wikidata.org/entity/";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

#[test]
fn a_wikidata_users_query_runs_unchanged_on_the_profile() {
    // The first two summits were held in Almaty (Q35493), in June 2002 and June 2006: as the
    // Wikidata Query Service writes times, the first instant of the month (its precision is
    // on the statement's value node).
    assert_eq!(
        wikidata_rows("SELECT ?s ?date WHERE { ?s wdt:P276 wd:Q35493 ; wdt:P580 ?date }"),
        set(&[
            &format!("<{SUMMIT}1>\t\"2002-06-01T00:00:00Z\"^^<{XSD}dateTime>"),
            &format!("<{SUMMIT}2>\t\"2006-06-01T00:00:00Z\"^^<{XSD}dateTime>"),
        ])
    );
    // Almaty and Astana are in Kazakhstan (P17); Astana is its capital (P36).
    assert_eq!(
        wikidata_rows("SELECT ?city WHERE { ?city wdt:P17 wd:Q232 }"),
        set(&[&format!("<{WD}Q35493>"), &format!("<{WD}Q1520>")])
    );
    assert_eq!(
        wikidata_rows("SELECT ?capital WHERE { wd:Q863 wdt:P36 ?capital }"),
        set(&[&format!("<{WD}Q9365>")])
    );
    // The sixth summit runs from 12 to 13 October 2022 (P580, P582), days.
    assert_eq!(
        wikidata_rows(
            "SELECT ?start ?end WHERE { ?s wdt:P276 wd:Q1520 ; wdt:P580 ?start ; wdt:P582 ?end }"
        ),
        set(&[&format!(
            "\"2022-10-12T00:00:00Z\"^^<{XSD}dateTime>\t\"2022-10-13T00:00:00Z\"^^<{XSD}dateTime>"
        )])
    );
    // The secretariat: headquarters in Astana (P159), launched in June 2006 (P571).
    assert_eq!(
        wikidata_rows(
            "SELECT ?label ?year WHERE { ?s wdt:P159 wd:Q1520 ; rdfs:label ?label ; wdt:P571 ?inception BIND(YEAR(?inception) AS ?year) }"
        ),
        set(&["\"CICA Secretariat\"@en\t2006"])
    );
}

#[test]
fn the_profile_types_names_and_counts_in_wikidata_terms() {
    let ask = |sparql: &str| {
        run_ok(&[
            "query",
            "--profile",
            "wikidata",
            "-f",
            "table",
            "-e",
            sparql,
        ])
        .trim()
        .to_owned()
    };
    // The CICA: an international organization (Q484652) with 27 members, short name CICA.
    assert_eq!(
        ask("ASK { ?cica wdt:P31 wd:Q484652 ; wdt:P2124 ?members ; wdt:P1813 \"CICA\"@en ; schema:description \"a forum on security issues\"@en FILTER(?members = 27) }"),
        "true"
    );
    // The presidency is held by a country: no chairperson (P488) claim.
    assert_eq!(ask("ASK { ?s wdt:P488 ?o }"), "false");
    // The cities are cities (Q515), the countries countries (Q6256), the assembly an
    // organization (Q43229).
    assert_eq!(
        ask("ASK { wd:Q1520 wdt:P31 wd:Q515 . wd:Q148 wdt:P31 wd:Q6256 . wd:Q47423 wdt:P31 wd:Q43229 }"),
        "true"
    );
    // The summits follow one another (P155/P156) and are the CICA's (P664).
    assert_eq!(
        ask("ASK { summit:2 wdt:P155 summit:1 ; wdt:P156 summit:3 ; wdt:P664 organization:cica ; a cica:Summit }"),
        "true"
    );
    // The 47th session is part of (P361) the General Assembly.
    assert_eq!(ask("ASK { event:unga-47 wdt:P361 wd:Q47423 }"), "true");
    // Nothing is left in the cica: terms that have a Wikidata counterpart, and no link remains.
    assert_eq!(
        ask("ASK { { ?s cica:location ?o } UNION { ?s cica:date ?o } UNION { ?s owl:sameAs ?o } UNION { ?s a cica:City } UNION { ?s cica:description ?o } }"),
        "false"
    );
    // A linked entity is its item: the cica-kg IRI of Almaty is gone.
    assert_eq!(ask("ASK { place:almaty ?p ?o }"), "false");
}

#[test]
fn the_profile_export_parses_and_answers_the_same() {
    let turtle = run_ok(&["export", "--profile", "wikidata"]);
    let store = Store::new().unwrap();
    store
        .load_from_reader(RdfParser::from_format(RdfFormat::Turtle), turtle.as_bytes())
        .expect("the profile export parses");
    let QueryResults::Solutions(solutions) = SparqlEvaluator::new()
        .parse_query(
            "PREFIX wd: <http://www.wikidata.org/entity/> PREFIX wdt: <http://www.wikidata.org/prop/direct/> \
             SELECT ?s ?date WHERE { ?s wdt:P276 wd:Q35493 ; wdt:P580 ?date }",
        )
        .unwrap()
        .on_store(&store)
        .execute()
        .unwrap()
    else {
        panic!("not solutions");
    };
    let rows: BTreeSet<String> = solutions
        .map(|s| {
            let s = s.unwrap();
            format!("{} {}", s.get("s").unwrap(), s.get("date").unwrap())
        })
        .collect();
    assert_eq!(
        rows,
        set(&[
            &format!("<{SUMMIT}1> \"2002-06-01T00:00:00Z\"^^<{XSD}dateTime>"),
            &format!("<{SUMMIT}2> \"2006-06-01T00:00:00Z\"^^<{XSD}dateTime>"),
        ])
    );
    // The view is in Wikidata's vocabulary: its prefixes say so.
    assert!(turtle.contains("@prefix wdt: <http://www.wikidata.org/prop/direct/> ."));
    assert!(!turtle.contains("owl#sameAs"));
}

#[test]
fn the_profile_follows_the_base_namespace() {
    let out = run_ok(&[
        "--base",
        "http://example.org/kg/",
        "query",
        "--profile",
        "wikidata",
        "-f",
        "tsv",
        "-e",
        "SELECT ?s WHERE { ?s wdt:P276 wd:Q406 }",
    ]);
    assert_eq!(out, "?s\n<http://example.org/kg/summit/3>\n");
}

#[test]
fn the_wikidata_profile_has_no_graphs_to_choose() {
    cica_kg()
        .args(["export", "--profile", "wikidata", "--graph", "all"])
        .assert()
        .code(2)
        .stderr(contains("--graph"))
        .stderr(contains("--profile cica"));
}

/// The reference fields of every line: the article's publication date, publisher (Xinhua,
/// Q204839) and title.
const REFERENCES: &str = "S854\t\"https://english.news.cn/20221012/5b362cce06d345519b5f960a41ae9f30/c.html\"\tS577\t+2022-10-12T00:00:00Z/11\tS123\tQ204839\tS1476\ten:\"Backgrounder: Conference on Interaction and Confidence Building Measures in Asia\"";

fn quickstatements(args: &[&str]) -> (Vec<String>, String) {
    let output = cica_kg()
        .arg("quickstatements")
        .args(args)
        .output()
        .unwrap();
    let output = checked(output, "cica-kg");
    (
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn quickstatements_write_the_statements_of_linked_subjects() {
    let (lines, stderr) = quickstatements(&[]);
    // Only the places have QIDs and aligned statements: the country of each city (P17) and the
    // capitals (P36). A capital changes over time: each claim has its statement's point in
    // time (P585), the article's day for Astana and the month of the summit it tells of for
    // Dushanbe ("the Tajik capital of Dushanbe in June 2019").
    let expected: Vec<String> = [
        "Q35493\tP17\tQ232",
        "Q406\tP17\tQ43",
        "Q8686\tP17\tQ148",
        "Q9365\tP17\tQ863",
        "Q1520\tP17\tQ232",
        "Q232\tP36\tQ1520\tP585\t+2022-10-12T00:00:00Z/11",
        "Q863\tP36\tQ9365\tP585\t+2019-06-00T00:00:00Z/10",
    ]
    .iter()
    .map(|claim| format!("{claim}\t{REFERENCES}"))
    .collect();
    assert_eq!(lines, expected);
    // What cannot be written is on standard error, with the reason and the fix.
    assert!(
        stderr.contains("summit/1 location place/almaty: not written: the subject summit/1 has no Wikidata QID; give one with --qid summit/1=Q..."),
        "{stderr}"
    );
    assert!(
        stderr.contains("organization/cica observerCount 14: not written: cica:observerCount has no Wikidata property"),
        "{stderr}"
    );
    // The summary, read whole: 7 written as the 7 lines above, and a note for each other
    // statement of the facts files.
    let (written, line_count, not_written) = summary(&stderr);
    assert_eq!((written, line_count), (7, lines.len()));
    let notes = stderr
        .lines()
        .filter(|l| l.starts_with("note: ") && l.contains(": not written: "))
        .count();
    assert_eq!(not_written, notes, "{stderr}");
    let statements: usize = ["cica-backgrounder.toml", "entities.toml"]
        .iter()
        .map(|file| {
            read(&repo().join("data").join(file))
                .lines()
                .filter(|l| l.trim() == "[[statement]]")
                .count()
        })
        .sum();
    // Every statement is either written or named as not written: a statement's time is a
    // qualifier of its own claim, not a statement of its own.
    assert_eq!(written + not_written, statements);
}

/// The last line of quickstatements' standard error, `W statements written as L QuickStatements
/// lines; N not written (see the notes above)`, read whole: (W, L, N).
fn summary(stderr: &str) -> (usize, usize, usize) {
    let last = stderr.lines().last().unwrap_or("");
    let number = |text: &str| -> usize {
        assert!(
            text.bytes().all(|b| b.is_ascii_digit()),
            "{text:?} in {last:?}"
        );
        text.parse()
            .unwrap_or_else(|_| panic!("no count in {last:?}"))
    };
    let (written, rest) = last
        .split_once(" statements written as ")
        .unwrap_or_else(|| panic!("no summary: {last:?}"));
    let (lines, rest) = rest
        .split_once(" QuickStatements lines; ")
        .unwrap_or_else(|| panic!("no line count: {last:?}"));
    let not_written = rest
        .strip_suffix(" not written (see the notes above)")
        .unwrap_or_else(|| panic!("no count of what was not written: {last:?}"));
    (number(written), number(lines), number(not_written))
}

/// The Wikidata sandbox item: a placeholder for the CICA's QID in these tests (not the CICA's
/// item), so that lines pasted by mistake would edit nothing real.
const SANDBOX: &str = "Q4115189";

#[test]
fn a_qid_given_for_the_run_writes_that_entitys_statements() {
    let qid = format!("organization/cica={SANDBOX}");
    let (lines, stderr) = quickstatements(&["--qid", &qid]);
    for claim in [
        // 27 member states as of the article's date: a quantity with its statement's point in
        // time.
        format!("{SANDBOX}\tP2124\t27\tP585\t+2022-10-12T00:00:00Z/11"),
        // Founded in 1992: a year.
        format!("{SANDBOX}\tP571\t+1992-00-00T00:00:00Z/9"),
        // Names are monolingual text.
        format!("{SANDBOX}\tP1813\ten:\"CICA\""),
        format!(
            "{SANDBOX}\tP1448\ten:\"Conference on Interaction and Confidence Building Measures in Asia\""
        ),
    ] {
        let line = format!("{claim}\t{REFERENCES}");
        assert!(lines.contains(&line), "missing {line:?} in {lines:#?}");
    }
    assert_eq!(lines.len(), 6 + 5, "{lines:#?}");
    // A country holding the presidency does not preside the way chairperson (P488) values do:
    // no claim, and so no start-time qualifier either.
    assert!(!lines.iter().any(|l| l.contains("\tP488\t")), "{lines:#?}");
    assert!(
        stderr.contains("organization/cica presidency place/kazakhstan: not written: cica:presidency has no Wikidata property"),
        "{stderr}"
    );
    // The secretariat has no item, so "has part" cannot be written.
    assert!(
        stderr.contains("organization/cica secretariat organization/cica-secretariat: not written: the object organization/cica-secretariat has no Wikidata QID"),
        "{stderr}"
    );
    // A description is not a claim.
    assert!(
        stderr.contains("organization/cica description \"a forum on security issues\": not written: cica:description is a description"),
        "{stderr}"
    );
}

#[test]
fn create_drafts_no_item_without_a_verified_class() {
    let qid = format!("organization/cica={SANDBOX}");
    let (lines, stderr) = quickstatements(&["--qid", &qid, "--create", "summit/1", "summit/6"]);
    // A summit has no verified Wikidata class: an item without an instance of (P31) is not
    // drafted, and standard error says which and why.
    assert!(!lines.iter().any(|l| l == "CREATE"), "{lines:#?}");
    for id in ["summit/1", "summit/6"] {
        assert!(
            stderr.contains(&format!("{id}: no item drafted: its class cica:Summit has no verified Wikidata class, and a new item needs an instance of (P31)")),
            "{stderr}"
        );
    }
    // So their statements have no subject item.
    assert!(
        stderr.contains(
            "summit/1 location place/almaty: not written: the subject summit/1 has no Wikidata QID"
        ),
        "{stderr}"
    );
}

#[test]
fn create_drafts_the_forum_with_a_wikidata_style_description() {
    let (lines, _) = quickstatements(&["--create", "organization/cica"]);
    let create = lines.iter().position(|l| l == "CREATE").expect("a CREATE");
    let with_references = |claim: &str| format!("{claim}\t{REFERENCES}");
    assert_eq!(
        lines[create..],
        [
            "CREATE".to_owned(),
            "LAST\tLen\t\"Conference on Interaction and Confidence Building Measures in Asia\"".to_owned(),
            "LAST\tAen\t\"CICA\"".to_owned(),
            // "a forum on security issues", as Wikidata writes descriptions: no article.
            "LAST\tDen\t\"forum on security issues\"".to_owned(),
            // An intergovernmental forum is an international organization (Q484652).
            with_references("LAST\tP31\tQ484652"),
            with_references("LAST\tP1448\ten:\"Conference on Interaction and Confidence Building Measures in Asia\""),
            with_references("LAST\tP1813\ten:\"CICA\""),
            with_references("LAST\tP571\t+1992-00-00T00:00:00Z/9"),
            format!("LAST\tP2124\t27\tP585\t+2022-10-12T00:00:00Z/11\t{REFERENCES}"),
        ]
    );
}

#[test]
fn create_gives_a_new_organization_its_class_and_description() {
    let (lines, _) = quickstatements(&["--create", "organization/cica-secretariat"]);
    let create = lines.iter().position(|l| l == "CREATE").expect("a CREATE");
    assert_eq!(
        lines[create..],
        [
            "CREATE".to_owned(),
            "LAST\tLen\t\"CICA Secretariat\"".to_owned(),
            "LAST\tAen\t\"secretariat of the CICA\"".to_owned(),
            "LAST\tDen\t\"permanent administrative body of the CICA\"".to_owned(),
            // A secretariat is an organization (Q43229), through its superclass.
            format!("LAST\tP31\tQ43229\t{REFERENCES}"),
            format!("LAST\tP571\t+2006-06-00T00:00:00Z/10\t{REFERENCES}"),
            // Its seat is in Astana since September 2014 (its statement's start time).
            format!("LAST\tP159\tQ1520\tP580\t+2014-09-00T00:00:00Z/10\t{REFERENCES}"),
        ]
    );
}

#[test]
fn bad_qids_and_create_requests_name_the_fix() {
    for (args, message) in [
        (
            &["--qid", "organization/cica=4115189"][..],
            "is not a Wikidata QID",
        ),
        (&["--qid", "organization/cica"][..], "write ID=QID"),
        (
            &["--qid", "summit/99=Q4115189"][..],
            "no entity 'summit/99'",
        ),
        (
            &["--qid", "place/almaty=Q4115189"][..],
            "already has the verified QID Q35493",
        ),
        (
            &["--create", "place/almaty"][..],
            "already has the item Q35493",
        ),
        (&["--create", "summit/99"][..], "no such entity"),
        // One item is one thing: the same QID for two entities, or for an entity while a
        // verified one already has it (Q232 is Kazakhstan's), is refused.
        (
            &["--qid", "summit/1=Q4115189", "--qid", "summit/2=Q4115189"][..],
            "Q4115189 would be the item of both summit/1 and summit/2",
        ),
        (
            &["--qid", "organization/cica=Q232"][..],
            "Q232 would be the item of both organization/cica and place/kazakhstan",
        ),
    ] {
        cica_kg()
            .arg("quickstatements")
            .args(args)
            .assert()
            .code(2)
            .stderr(contains(message));
    }
}

// The verified IDs of docs/wikidata.md, copied by hand: the only ones the mapping and the
// entities may use (QIDs are never guessed).

/// Items named in the article.
const ITEMS: &[&str] = &[
    "Q232", "Q1520", "Q35493", "Q406", "Q43", "Q8686", "Q148", "Q9365", "Q863", "Q47423", "Q1065",
    "Q204839", "Q48",
];
/// Classes.
const CLASSES: &[&str] = &["Q43229", "Q484652", "Q6256", "Q515"];
/// Properties.
const PROPERTIES: &[&str] = &[
    "P31", "P279", "P17", "P131", "P276", "P585", "P580", "P582", "P571", "P159", "P463", "P2124",
    "P710", "P1344", "P664", "P112", "P361", "P527", "P36", "P30", "P856", "P973", "P793", "P155",
    "P156", "P488", "P1813", "P1448", "P625", "P1132", "P740",
];

fn verified(id: &str) -> bool {
    [ITEMS, CLASSES, PROPERTIES]
        .iter()
        .any(|ids| ids.contains(&id))
}

#[test]
fn the_mapping_and_the_entities_use_verified_ids_only() {
    let ontology = crate::common::read(&crate::common::repo().join("ontology/cica-wikidata.ttl"));
    let mut used = BTreeSet::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(ontology.as_bytes()) {
        let quad = quad.expect("the ontology parses");
        let object = match &quad.object {
            oxigraph::model::Term::NamedNode(n) => n.as_str().to_owned(),
            _ => continue,
        };
        for namespace in [
            "http://www.wikidata.org/entity/",
            "http://www.wikidata.org/prop/direct/",
            "http://www.wikidata.org/prop/qualifier/",
        ] {
            if let Some(id) = object.strip_prefix(namespace) {
                used.insert(id.to_owned());
            }
        }
    }
    let links = run_ok(&["link", "--format", "ntriples"]);
    for line in links.lines() {
        let qid = line
            .rsplit("<http://www.wikidata.org/entity/")
            .next()
            .and_then(|rest| rest.split('>').next())
            .unwrap();
        used.insert(qid.to_owned());
    }
    assert!(used.len() > 20, "{used:?}");
    for id in &used {
        assert!(verified(id), "{id} is not a verified ID");
    }
}

#[test]
fn the_alignments_are_read_from_the_mapping() {
    use cica_kg::facts::DataSource;
    use cica_kg::rdf::KnowledgeGraph;
    use cica_kg::vocab::Iris;
    let kg = KnowledgeGraph::load(&DataSource::Embedded, Iris::default()).unwrap();
    kg.load_mapping().unwrap();
    let alignments = cica_kg::wikidata::mapping::alignments(&kg).unwrap();
    let claims: Vec<(&str, &str)> = alignments
        .claims
        .iter()
        .flat_map(|(p, pids)| pids.iter().map(move |pid| (p.as_str(), pid.as_str())))
        .collect();
    // The mapping table of the README, written by hand.
    assert_eq!(
        claims,
        [
            ("capital", "P36"),
            ("country", "P17"),
            ("date", "P585"),
            ("endDate", "P582"),
            ("followedBy", "P156"),
            ("follows", "P155"),
            ("headquarters", "P159"),
            ("inception", "P571"),
            ("location", "P276"),
            ("memberCount", "P2124"),
            ("officialName", "P1448"),
            ("organizer", "P664"),
            ("partOf", "P361"),
            ("secretariat", "P527"),
            ("shortName", "P1813"),
            ("startDate", "P580"),
        ]
    );
    assert_eq!(alignments.descriptions, ["description".to_owned()].into());
    let classes: Vec<(&str, &str)> = alignments
        .class_items
        .iter()
        .flat_map(|(c, items)| items.iter().map(move |q| (c.as_str(), q.as_str())))
        .collect();
    assert_eq!(
        classes,
        [
            ("City", "Q515"),
            ("Country", "Q6256"),
            ("Forum", "Q484652"),
            ("Organization", "Q43229"),
            ("Secretariat", "Q43229"),
        ]
    );
}

#[test]
fn the_label_service_runs_locally_on_the_profile() {
    // Copied in the style of the Wikidata Query Service: automatic mode, the first language
    // that has a label wins. Where were the summits held? (the article: Almaty twice,
    // Istanbul, Shanghai, Dushanbe, Astana).
    let rows = wikidata_rows(
        "SELECT ?summitLabel ?cityLabel WHERE { ?summit wdt:P276 ?city . \
         SERVICE wikibase:label { bd:serviceParam wikibase:language \"[AUTO_LANGUAGE],en\". } }",
    );
    assert_eq!(
        rows,
        set(&[
            "\"first CICA summit\"@en\t\"Almaty\"@en",
            "\"second CICA summit\"@en\t\"Almaty\"@en",
            "\"third CICA summit\"@en\t\"Istanbul\"@en",
            "\"fourth CICA summit\"@en\t\"Shanghai\"@en",
            "\"fifth CICA summit\"@en\t\"Dushanbe\"@en",
            "\"sixth CICA summit\"@en\t\"Astana\"@en",
        ])
    );
    // Explicit mode, in a language the graph has no label in: WDQS shows the item's id.
    let rows = wikidata_rows(
        "SELECT ?name ?english WHERE { VALUES ?country { wd:Q232 } ?country wdt:P31 ?class . \
         SERVICE wikibase:label { bd:serviceParam wikibase:language \"fr\". ?country rdfs:label ?name } \
         SERVICE wikibase:label { bd:serviceParam wikibase:language \"en\". ?country rdfs:label ?english } }",
    );
    assert_eq!(rows, set(&["\"Q232\"\t\"Kazakhstan\"@en"]));
}

/// Runs a query copied in the style of the Wikidata Query Service on the profile, as TSV rows.
fn wdqs(sparql: &str) -> BTreeSet<String> {
    wikidata_rows(sparql)
}

#[test]
fn wdqs_style_queries_run_unchanged_on_the_statement_shape() {
    // A FILTER on xsd:dateTime: which summits started in 2010 or later? (the article: Istanbul
    // June 2010, Shanghai May 2014, Dushanbe June 2019, Astana 12 October 2022).
    assert_eq!(
        wdqs("SELECT ?summitLabel WHERE { ?summit wdt:P580 ?start . FILTER(?start >= \"2010-01-01T00:00:00Z\"^^xsd:dateTime) SERVICE wikibase:label { bd:serviceParam wikibase:language \"en\". } }"),
        set(&[
            "\"third CICA summit\"@en",
            "\"fourth CICA summit\"@en",
            "\"fifth CICA summit\"@en",
            "\"sixth CICA summit\"@en",
        ])
    );
    // p:/ps:/psv: with the time's precision: the CICA was founded in 1992, a year (9).
    assert_eq!(
        wdqs("SELECT ?value ?precision WHERE { ?cica wdt:P31 wd:Q484652 ; p:P571 ?statement . ?statement ps:P571 ?value ; psv:P571 ?node . ?node wikibase:timePrecision ?precision }"),
        set(&[&format!("\"1992-01-01T00:00:00Z\"^^<{XSD}dateTime>\t9")])
    );
    // The first summit's start is a month (10), the sixth's a day (11).
    assert_eq!(
        wdqs("SELECT ?precision WHERE { ?s wdt:P276 wd:Q1520 ; p:P580/psv:P580/wikibase:timePrecision ?precision }"),
        set(&["11"])
    );
    // A count with its point in time (pq:P585, the article's date) and its amount.
    assert_eq!(
        wdqs("SELECT ?amount ?when WHERE { ?cica p:P2124 ?st . ?st ps:P2124 ?amount ; pq:P585 ?when ; psv:P2124/wikibase:quantityAmount ?amount ; wikibase:rank wikibase:NormalRank }"),
        set(&[&format!(
            "\"27\"^^<{XSD}decimal>\t\"2022-10-12T00:00:00Z\"^^<{XSD}dateTime>"
        )])
    );
    // References: where does the claim that Almaty is in Kazakhstan come from? Xinhua
    // (Q204839), published 2022-10-12, with the article's title.
    assert_eq!(
        wdqs("SELECT ?publisher ?published ?title ?url WHERE { wd:Q35493 p:P17 ?st . ?st ps:P17 wd:Q232 ; prov:wasDerivedFrom ?ref . ?ref pr:P123 ?publisher ; pr:P577 ?published ; pr:P1476 ?title ; pr:P854 ?url }"),
        set(&[&format!("<{WD}Q204839>\t\"2022-10-12T00:00:00Z\"^^<{XSD}dateTime>\t\"Backgrounder: Conference on Interaction and Confidence Building Measures in Asia\"@en\t<https://english.news.cn/20221012/5b362cce06d345519b5f960a41ae9f30/c.html>")])
    );
}

#[test]
fn the_profile_keeps_every_statement_with_its_time_and_the_truthy_claim_is_the_latest() {
    // The shipped article (27 member states, 2022-10-12) and a fictional one of 2023 (28).
    let data = crate::sources::data_with(&["fictional-2023-members"]);
    let dir = data.path().to_str().unwrap();
    let rows = |sparql: &str| -> BTreeSet<String> {
        run_ok(&[
            "--data",
            dir,
            "query",
            "--profile",
            "wikidata",
            "-f",
            "tsv",
            "-e",
            sparql,
        ])
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
    };
    // WDQS's statements: both counts, each with its point in time and rank.
    assert_eq!(
        rows("SELECT ?n ?when ?rank WHERE { ?cica p:P2124 ?st . ?st ps:P2124 ?n ; pq:P585 ?when ; wikibase:rank ?rank }"),
        set(&[
            &format!("\"27\"^^<{XSD}decimal>\t\"2022-10-12T00:00:00Z\"^^<{XSD}dateTime>\t<http://wikiba.se/ontology#NormalRank>"),
            &format!("\"28\"^^<{XSD}decimal>\t\"2023-06-15T00:00:00Z\"^^<{XSD}dateTime>\t<http://wikiba.se/ontology#NormalRank>"),
        ])
    );
    // The truthy claim is the best one: the latest count.
    assert_eq!(
        rows("SELECT ?n WHERE { ?cica wdt:P2124 ?n }"),
        set(&[&format!("\"28\"^^<{XSD}decimal>")])
    );
}
