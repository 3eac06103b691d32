//! Embeds the rule metadata and policy tables from `rules/` into the binary, so one file
//! per rule stays the source of truth and the binary needs nothing beside it; and generates
//! the check registry from the same files, so a rule is two files (`rules/CODE.toml` and
//! `src/rules/<family>/<name>.rs`, named as its TOML `name`), not four edits.

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
    write_check_registry(root, &files);
    write_messages(&files);
    println!("cargo:rerun-if-changed=rules");
    for p in &files {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("rule_toml.rs");
    std::fs::write(dest, out).unwrap();
}

/// A top-level `key = "value"` of a rule TOML (before its first table), read by line: the
/// build script needs only `family` and `name`, and the registry test parses the whole file.
fn top_level(text: &str, key: &str) -> Option<String> {
    text.lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
}

/// `CHECKS` (code → check function) and, per family, the `mod` items of its rule files.
/// A CFG rule (kensa's own configuration) may have no file: the engine itself judges
/// waivers (CFG001).
fn write_check_registry(root: &Path, files: &[std::path::PathBuf]) {
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let mut checks = String::from("/// Every check function, by rule code (generated from rules/*.toml).\npub static CHECKS: &[(&str, CheckFn)] = &[\n");
    // Rules whose TOML has `[options]` define `pub struct Options` beside their check; a
    // site's `[rules.CODE]` is checked against it when kensa.toml is loaded.
    let mut options = String::from(
        "/// Rules with options: code → kensa.toml `[rules.CODE]` checked against the rule's `Options`.\npub static OPTIONS: &[(&str, OptionsCheck)] = &[\n",
    );
    let mut mods: std::collections::BTreeMap<String, String> = ["tls", "vpn", "wlan", "mgmt", "net", "cfg"]
        .iter()
        .map(|f| (f.to_string(), String::new()))
        .collect();
    for p in files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let code = p.file_stem().unwrap().to_string_lossy();
        let family = top_level(&text, "family")
            .unwrap_or_else(|| panic!("{}: no family", p.display()))
            .to_ascii_lowercase();
        let name = top_level(&text, "name").unwrap_or_else(|| panic!("{}: no name", p.display())).replace('-', "_");
        let file = root.join("src/rules").join(&family).join(format!("{name}.rs"));
        if family == "cfg" && !file.is_file() {
            continue;
        }
        assert!(
            file.is_file(),
            "rules/{code}.toml is rule `{name}` of family {family}: its check belongs in {} (named as the TOML name)",
            file.display()
        );
        let family_mods = mods
            .get_mut(&family)
            .unwrap_or_else(|| panic!("rules/{code}.toml: family {family} has no folder under src/rules/"));
        writeln!(family_mods, "#[path = {:?}]\npub mod {name};", file.display().to_string()).unwrap();
        writeln!(checks, "    ({code:?}, crate::rules::{family}::{name}::check),").unwrap();
        if text.lines().any(|l| l.trim() == "[options]") {
            writeln!(
                options,
                "    ({code:?}, |meta, site| crate::rules::checker::merged_options::<crate::rules::{family}::{name}::Options>(meta, site).map(drop)),"
            )
            .unwrap();
        }
    }
    checks.push_str("];\n");
    options.push_str("];\n");
    checks.push_str(&options);
    std::fs::write(Path::new(&out_dir).join("rule_checks.rs"), checks).unwrap();
    for (family, text) in mods {
        std::fs::write(Path::new(&out_dir).join(format!("rule_mods_{family}.rs")), text).unwrap();
        println!("cargo:rerun-if-changed={}", root.join("src/rules").join(&family).display());
    }
}

/// The placeholders of one language of a rule's `[message]`, in order, each once (read by
/// line: `ja = "..."` / `en = "..."`, continuation lines of a multi-line string included).
fn message_placeholders(text: &str, lang: &str) -> Vec<String> {
    let mut in_message = false;
    let mut key = String::new();
    let mut found: Vec<String> = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            in_message = t == "[message]";
            key.clear();
            continue;
        }
        if !in_message {
            continue;
        }
        if let Some((k, _)) = t.split_once('=').filter(|(k, _)| matches!(k.trim(), "ja" | "en")) {
            key = k.trim().to_string();
        }
        if key != lang {
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let name = &after[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') && !found.iter().any(|f| f == name) {
                found.push(name.to_string());
            }
            rest = &after[close + 1..];
        }
    }
    found
}

/// `legacy-tls-protocol` → `LegacyTlsProtocol`.
fn camel(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// `crate::rules::msg`: per rule, a struct of its message's placeholders (named as the
/// rule, `legacy-tls-protocol` → `LegacyTlsProtocol`), so a missing or misspelt argument is
/// a compile error instead of a `{placeholder}` left in a report. `{subject}` comes with
/// every finding. A word placeholder, `{x_ja}` in the Japanese text and `{x_en}` in the
/// English one, is one field `x: Words`, said in both languages from one place
/// ([`crate::i18n::Term`]); any other placeholder is language-neutral text (names,
/// numbers, the config's own words): `String`.
fn write_messages(files: &[std::path::PathBuf]) {
    let mut out = String::new();
    for p in files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let code = p.file_stem().unwrap().to_string_lossy();
        let name = top_level(&text, "name").unwrap_or_else(|| panic!("{}: no name", p.display()));
        let (ja, en) = (message_placeholders(&text, "ja"), message_placeholders(&text, "en"));
        // (field, is words), in the order the English message names them, then Japanese-only ones.
        let mut fields: Vec<(String, bool)> = Vec::new();
        for (lang, names, other) in [("en", &en, &ja), ("ja", &ja, &en)] {
            for n in names.iter().filter(|n| *n != "subject") {
                let (own, foreign) = if lang == "ja" { ("_ja", "_en") } else { ("_en", "_ja") };
                assert!(
                    !n.ends_with(foreign),
                    "rules/{code}.toml: the {lang} message names {{{n}}}, the other language's word"
                );
                let field = match n.strip_suffix(own) {
                    Some(stem) => {
                        let pair = format!("{stem}{foreign}");
                        assert!(
                            other.contains(&pair),
                            "rules/{code}.toml: {{{n}}} in the {lang} message has no {{{pair}}} in the other: a word placeholder is said in both languages"
                        );
                        (stem.to_string(), true)
                    }
                    None => (n.clone(), false),
                };
                if !fields.iter().any(|(f, _)| *f == field.0) {
                    fields.push(field);
                }
            }
        }
        let ty = camel(&name);
        writeln!(
            out,
            "/// The arguments of {code}'s message (`{name}`, rules/{code}.toml), besides `{{subject}}`."
        )
        .unwrap();
        if fields.is_empty() {
            writeln!(out, "pub struct {ty};").unwrap();
        } else {
            writeln!(out, "pub struct {ty} {{").unwrap();
            for (f, words) in &fields {
                let t = if *words { "crate::i18n::Words" } else { "String" };
                writeln!(out, "    pub {f}: {t},").unwrap();
            }
            out.push_str("}\n");
        }
        let _ = writeln!(out, "impl crate::rules::checker::Message for {ty} {{\n    const CODE: &'static str = {code:?};");
        if fields.is_empty() {
            out.push_str("    fn into_args(self) -> Vec<(&'static str, crate::rules::checker::Arg)> {\n        Vec::new()\n    }\n}\n");
        } else {
            out.push_str("    fn into_args(self) -> Vec<(&'static str, crate::rules::checker::Arg)> {\n        vec![");
            for (f, _) in &fields {
                write!(out, "({f:?}, self.{f}.into()), ").unwrap();
            }
            out.push_str("]\n    }\n}\n");
        }
    }
    std::fs::write(Path::new(&std::env::var("OUT_DIR").unwrap()).join("rule_messages.rs"), out).unwrap();
}
