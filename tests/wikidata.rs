//! Wikidata: the links and the report of what is unlinked, the Wikidata-shaped view (queries a
//! Wikidata user would write, with answers written by hand from the article and
//! docs/wikidata.md), and QuickStatements lines written by hand.

use crate::common::{checked, cica_kg, run_ok};
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
    // The first two summits were held in Almaty (Q35493), in June 2002 and June 2006: dates
    // keep the article's precision (a month).
    assert_eq!(
        wikidata_rows("SELECT ?s ?date WHERE { ?s wdt:P276 wd:Q35493 ; wdt:P580 ?date }"),
        set(&[
            &format!("<{SUMMIT}1>\t\"2002-06\"^^<{XSD}gYearMonth>"),
            &format!("<{SUMMIT}2>\t\"2006-06\"^^<{XSD}gYearMonth>"),
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
            "\"2022-10-12\"^^<{XSD}date>\t\"2022-10-13\"^^<{XSD}date>"
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
        ask("ASK { ?cica wdt:P31 wd:Q484652 ; wdt:P2124 27 ; wdt:P1813 \"CICA\"@en ; wdt:P488 wd:Q232 ; schema:description \"a forum on security issues\"@en }"),
        "true"
    );
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
            &format!("<{SUMMIT}1> \"2002-06\"^^<{XSD}gYearMonth>"),
            &format!("<{SUMMIT}2> \"2006-06\"^^<{XSD}gYearMonth>"),
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
const REFERENCES: &str = "S577\t+2022-10-12T00:00:00Z/11\tS123\tQ204839\tS1476\ten:\"Backgrounder: Conference on Interaction and Confidence Building Measures in Asia\"";

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
    assert!(
        stderr.contains("7 statements written as 7 QuickStatements lines"),
        "{stderr}"
    );
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
        // The presidency: Kazakhstan chairs it, since 2020 (its statement's start time, a
        // year).
        format!("{SANDBOX}\tP488\tQ232\tP580\t+2020-00-00T00:00:00Z/9"),
    ] {
        let line = format!("{claim}\t{REFERENCES}");
        assert!(lines.contains(&line), "missing {line:?} in {lines:#?}");
    }
    assert_eq!(lines.len(), 7 + 5, "{lines:#?}");
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
fn create_drafts_an_item_for_a_summit() {
    let qid = format!("organization/cica={SANDBOX}");
    let (lines, stderr) = quickstatements(&["--qid", &qid, "--create", "summit/1", "summit/6"]);
    let create = lines.iter().position(|l| l == "CREATE").expect("a CREATE");
    let with_references = |claim: &str| format!("{claim}\t{REFERENCES}");
    assert_eq!(
        lines[create..],
        [
            "CREATE".to_owned(),
            "LAST\tLen\t\"first CICA summit\"".to_owned(),
            "LAST\tDen\t\"CICA summit\"".to_owned(),
            with_references(&format!("LAST\tP664\t{SANDBOX}")),
            with_references("LAST\tP276\tQ35493"),
            with_references("LAST\tP580\t+2002-06-00T00:00:00Z/10"),
            "CREATE".to_owned(),
            "LAST\tLen\t\"sixth CICA summit\"".to_owned(),
            "LAST\tDen\t\"CICA summit\"".to_owned(),
            with_references(&format!("LAST\tP664\t{SANDBOX}")),
            with_references("LAST\tP276\tQ1520"),
            with_references("LAST\tP580\t+2022-10-12T00:00:00Z/11"),
            with_references("LAST\tP582\t+2022-10-13T00:00:00Z/11"),
        ]
    );
    // A summit has no verified Wikidata class, and the next summit has no item yet.
    assert!(
        stderr.contains("summit/1: no instance of (P31) line: its class cica:Summit has no verified Wikidata class"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "summit/1 followedBy summit/2: not written: the object summit/2 has no Wikidata QID"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("summit/6: drafted a CREATE block"),
        "{stderr}"
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
            "LAST\tDen\t\"the permanent administrative body of the CICA\"".to_owned(),
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
            ("presidency", "P488"),
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
