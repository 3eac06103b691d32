//! Embeds the rule metadata and policy tables from `rules/` into the binary, so one file
//! per rule stays the source of truth and the binary needs nothing beside it.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = String::from("/// (code, TOML text) of every rule in rules/.\npub static RULE_TOML: &[(&str, &str)] = &[\n");
    let mut files: Vec<_> = std::fs::read_dir(root.join("rules"))
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
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
