//! The OWL API, the reference Java implementation of OWL 2 (Debian's `libowlapi-java`,
//! version 5.1.20), run by `tests/owl/DlProfile.java` to tell whether an ontology file is in
//! the OWL 2 DL profile. The program is compiled with javac once per test binary, into
//! cargo's folder for test files; without Java or the OWL API the tests that need them fail
//! and say how to install them, rather than pass without checking.

use super::{checked, read, repo};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Where Debian installs Java libraries.
const DEBIAN_JARS: &str = "/usr/share/java";

/// The jars that the OWL API needs to read Turtle and check a profile, as Debian names them:
/// those of `libowlapi-java` and of the packages it depends on (slf4j-nop silences the
/// logger's warning that it has no back end).
const JARS: [&str; 13] = [
    "owlapi-api",
    "owlapi-apibinding",
    "owlapi-impl",
    "owlapi-parsers",
    "atinject-jsr330-api",
    "caffeine",
    "commons-io",
    "commons-rdf-api",
    "guava",
    "hppcrt",
    "slf4j-api",
    "slf4j-nop",
    "xz",
];

/// What to do when Java or the OWL API is missing.
const INSTALL: &str = "run ./scripts/test.sh as root, which installs Java and the OWL API \
    (apt-get install libowlapi-java default-jdk-headless), \
    or set CICA_KG_OWLAPI_CLASSPATH to the jars of the OWL API 5 and its dependencies";

/// The OWL API's class path: `CICA_KG_OWLAPI_CLASSPATH`, or Debian's jars.
pub fn classpath() -> String {
    if let Ok(classpath) = std::env::var("CICA_KG_OWLAPI_CLASSPATH") {
        return classpath;
    }
    let jars: Vec<String> = JARS
        .iter()
        .map(|jar| format!("{DEBIAN_JARS}/{jar}.jar"))
        .collect();
    let missing: Vec<&String> = jars.iter().filter(|j| !Path::new(j).exists()).collect();
    assert!(
        missing.is_empty(),
        "the OWL API is missing ({} not found): {INSTALL}",
        missing
            .iter()
            .map(|j| j.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    jars.join(":")
}

/// Runs `java DlProfile FILE`: exit status 0 when the file is in the OWL 2 DL profile, 1 with
/// a `violation: KIND: DETAILS` line for each violation when it is not, 2 when it cannot be
/// loaded.
pub fn dl_profile(file: &Path) -> Output {
    let classes = compiled();
    Command::new("java")
        // A short run: the quick compiler and the simple collector start fastest.
        .args(["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp"])
        .arg(format!("{}:{}", classes.display(), classpath()))
        .arg("DlProfile")
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("java cannot be run ({e}): {INSTALL}"))
}

/// The folder of the compiled `DlProfile.class`, compiled on the first call.
fn compiled() -> &'static Path {
    static CLASSES: OnceLock<PathBuf> = OnceLock::new();
    CLASSES.get_or_init(compile)
}

/// Compiles tests/owl/DlProfile.java into a folder of cargo's test files named by the
/// source and the class path, unless an earlier run already did.
fn compile() -> PathBuf {
    let source = repo().join("tests/owl/DlProfile.java");
    let classpath = classpath();
    let mut hasher = DefaultHasher::new();
    (read(&source), &classpath).hash(&mut hasher);
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let classes = tmp.join(format!("dl-profile-{:016x}", hasher.finish()));
    if classes.join("DlProfile.class").exists() {
        return classes;
    }
    let build = tempfile::tempdir_in(tmp).expect("cargo's folder for test files is writable");
    let output = Command::new("javac")
        .arg("-d")
        .arg(build.path())
        .arg("-cp")
        .arg(&classpath)
        .arg(&source)
        .output()
        .unwrap_or_else(|e| panic!("javac cannot be run ({e}): {INSTALL}"));
    checked(output, "javac tests/owl/DlProfile.java");
    // A test binary running at the same time may have made the folder first: its classes,
    // from the same source, do as well, and this copy is removed with `build`.
    let _ = std::fs::rename(build.path(), &classes);
    classes
}
