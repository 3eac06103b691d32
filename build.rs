//! Embeds the rule metadata and policy tables from `rules/` into the binary, so one file
//! per rule stays the source of truth and the binary needs nothing beside it.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // The directory cargo runs this script for (read at run time: a build script compiled
    // once can be reused for a checkout at another path sharing the target directory).
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir);
    let mut out = String::from("/// (code, TOML text) of every rule in rules/.\npub static RULE_TOML: &[(&str, &str)] = &[\n");
    let mut files: Vec<_> = std::fs::read_dir(root.join("rules"))
        .unwrap_or_else(|e| panic!("{}: {e}", root.join("rules").display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    // An empty registry would build a kensa that finds nothing: refuse it here.
    assert!(
        files.iter().any(|p| p.extension().is_some_and(|e| e == "toml")),
        "no rule TOML files in {}",
        root.join("rules").display()
    );
    for p in &files {
        if p.extension().is_some_and(|e| e == "toml") {
            let code = p.file_stem().unwrap().to_string_lossy();
            writeln!(out, "    ({code:?}, include_str!({:?})),", p.display().to_string()).unwrap();
        }
    }
    out.push_str("];\n");
    println!("cargo:rerun-if-changed=rules");
    for p in &files {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("rule_toml.rs");
    std::fs::write(dest, out).unwrap();
}
