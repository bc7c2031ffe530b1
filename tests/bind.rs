//! `query --bind VAR=TERM` joins a VALUES block to the query's pattern (what `query --help`
//! and the README say), not a substitution of the text.

use crate::common::run_ok;

#[test]
fn a_binding_is_joined_as_values_and_the_help_says_so() {
    // The summits query has OPTIONAL { ?s cica:endDate ?end }: only the sixth summit has an
    // end date (2022-10-13). Joined, end="x" drops the sixth (its end differs) and is taken
    // by the first five (their end is unbound): 5 rows. A substitution would keep all 6.
    let out = run_ok(&["query", "summits", "-f", "tsv", "--bind", "end=\"x\""]);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 5, "{out}");
    assert!(rows.iter().all(|r| r.ends_with("\t\"x\"")), "{out}");
    let help = run_ok(&["query", "--help"]);
    assert!(!help.contains("before the query runs"), "{help}");
    assert!(help.contains("VALUES"), "{help}");
}
