//! Embeds the shipped `data/`, `ontology/` and `queries/` files into the binary, so that
//! `cica-kg` works from any directory. Writes `$OUT_DIR/embedded.rs`: one sorted list of
//! `(relative path, contents)` per folder, each read with `include_str!`.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    let mut code = String::new();
    for (name, dir, extensions) in [
        ("DATA", "data", &["toml", "txt"][..]),
        ("ONTOLOGY", "ontology", &["ttl"][..]),
        ("QUERIES", "queries", &["rq"][..]),
        ("CHECKS", "queries/checks", &["rq"][..]),
        ("INTERNAL", "queries/internal", &["rq"][..]),
    ] {
        let folder = root.join(dir);
        println!("cargo::rerun-if-changed={}", folder.display());
        // A folder may be missing (git keeps no empty folder): it then embeds no file.
        let mut files: Vec<String> = fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .map(|entry| entry.expect("readable directory entry").path())
            .filter(|path| {
                path.is_file()
                    && path
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| extensions.contains(&e))
            })
            .map(|path| {
                println!("cargo::rerun-if-changed={}", path.display());
                path.file_name().unwrap().to_string_lossy().into_owned()
            })
            .collect();
        files.sort();
        writeln!(code, "/// The files of `{dir}/`, sorted by name.").unwrap();
        writeln!(code, "pub const {name}: &[(&str, &str)] = &[").unwrap();
        for file in files {
            let path = folder.join(&file);
            writeln!(
                code,
                "    ({file:?}, include_str!({:?})),",
                path.display().to_string()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
