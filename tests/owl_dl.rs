//! The ontology is in the OWL 2 DL profile, as a real reasoner's API says: the OWL API (Debian's
//! `libowlapi-java`) checks `ontology/cica.ttl`, and copies broken on purpose show that the
//! check can fail.

use crate::common::owlapi::dl_profile;
use crate::common::{read, repo, temp_dir};
use crate::ontology::{cica_terms, Graph, CICA};

/// The exit status and standard output of the OWL 2 DL profile check of a file.
fn dl_check(file: &std::path::Path) -> (Option<i32>, String) {
    let output = dl_profile(file);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    (output.status.code(), format!("{stdout}{stderr}"))
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs Java and the OWL API: ./scripts/test.sh installs it and runs with --features peers"
)]
fn the_ontology_is_in_the_owl_2_dl_profile() {
    let (status, report) = dl_check(&repo().join("ontology/cica.ttl"));
    assert_eq!(
        status,
        Some(0),
        "the OWL API finds ontology/cica.ttl outside the OWL 2 DL profile:\n{report}"
    );
    assert!(
        !report.contains("violation:") && !report.contains("unparsed triple:"),
        "{report}"
    );
    // The whole file was read: at least one declaration axiom for each term it types.
    let axioms: usize = report
        .lines()
        .find_map(|line| line.strip_suffix(" axioms, in the OWL 2 DL profile"))
        .and_then(|summary| summary.rsplit(": ").next()?.parse().ok())
        .unwrap_or_else(|| panic!("no summary line in:\n{report}"));
    let terms = cica_terms(&Graph::ontology()).len();
    assert!(axioms > terms, "{axioms} axioms for {terms} cica terms");
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs Java and the OWL API: ./scripts/test.sh installs it and runs with --features peers"
)]
fn the_owl_2_dl_check_names_what_breaks_the_profile() {
    let dir = temp_dir();
    let path = dir.path().join("cica.ttl");
    let ontology = read(&repo().join("ontology/cica.ttl"));
    let check = |addition: &str| {
        std::fs::write(&path, format!("{ontology}\n{addition}\n")).unwrap();
        dl_check(&path)
    };
    // A property that is both an object and a datatype property, and a class that is used
    // but not declared, are outside OWL 2 DL.
    for (addition, kind, term) in [
        (
            "cica:memberCount a owl:ObjectProperty .",
            "IllegalPunning",
            "memberCount",
        ),
        (
            "cica:Summit rdfs:subClassOf cica:Gathering .",
            "UseOfUndeclaredClass",
            "Gathering",
        ),
    ] {
        let (status, report) = check(addition);
        assert_eq!(status, Some(1), "{addition}\n{report}");
        let violations: Vec<&str> = report
            .lines()
            .filter(|line| line.starts_with("violation: "))
            .collect();
        assert!(
            !violations.is_empty(),
            "{addition}: no violation in\n{report}"
        );
        for violation in violations {
            assert!(
                violation.starts_with(&format!("violation: {kind}: "))
                    && violation.contains(&format!("<{CICA}{term}>")),
                "{addition}: {violation}"
            );
        }
    }
    // A class that is also an individual is a punning that OWL 2 DL allows.
    let (status, report) = check("cica:Summit a owl:NamedIndividual .");
    assert_eq!(status, Some(0), "{report}");
    // A file that is not Turtle cannot be checked.
    let (status, report) = check("cica:Summit a");
    assert_eq!(status, Some(2), "{report}");
    assert!(report.contains("cannot be loaded"), "{report}");
}
