//! A file of one error repeated (50,000 stray `}`) gives the first diagnostics of that kind
//! and one more saying how many were left out and where, in every output and both
//! languages: the report stays readable and the problem is still not passed silently.

use assert_cmd::Command;
use serde_json::Value;

const STRAY: usize = 50_000;

fn kensa() -> Command {
    let mut c = Command::cargo_bin("kensa").unwrap();
    c.env("KENSA_NOW", "2026-12-01")
        .env("SOURCE_DATE_EPOCH", "1796083200")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    c
}

fn stray_closes() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let text = format!("http {{\n}}\n{}", "}\n".repeat(STRAY));
    std::fs::write(d.path().join("nginx.conf"), text).unwrap();
    d
}

fn lint(dir: &tempfile::TempDir, args: &[&str]) -> (i32, String) {
    let out = kensa().arg("lint").arg(dir.path().join("nginx.conf")).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

fn json_diagnostics(dir: &tempfile::TempDir, lang: &str) -> Vec<(u64, String)> {
    let (code, out) = lint(dir, &["--output-format", "json", "--lang", lang]);
    assert_eq!(code, 2, "a stray `}}` is an error");
    let v: Value = serde_json::from_str(&out).unwrap();
    v["inputs"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["message"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn repeated_diagnostics_are_capped_with_a_count_and_their_lines() {
    let d = stray_closes();
    let diags = json_diagnostics(&d, "en");
    assert_eq!(diags.len(), kensa::diag::MAX_ALIKE + 1, "{:?}", &diags[..diags.len().min(30)]);
    // The first ones as they are, at their lines (the strays start at line 3).
    for (i, (line, m)) in diags[..kensa::diag::MAX_ALIKE].iter().enumerate() {
        assert_eq!(*line, 3 + i as u64);
        assert!(m.contains("unexpected closing"), "{m}");
    }
    let (line, summary) = &diags[kensa::diag::MAX_ALIKE];
    let more = STRAY - kensa::diag::MAX_ALIKE;
    let last = STRAY + 2;
    assert_eq!(*line, 23, "at the first left out");
    assert_eq!(
        summary,
        &format!("and {more} more like this at lines 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, …, {last}: unexpected closing of a block that was not opened")
    );
}

#[test]
fn the_summary_is_said_in_japanese_too() {
    let d = stray_closes();
    let diags = json_diagnostics(&d, "ja");
    assert_eq!(diags.len(), kensa::diag::MAX_ALIKE + 1);
    let summary = &diags[kensa::diag::MAX_ALIKE].1;
    let more = STRAY - kensa::diag::MAX_ALIKE;
    assert!(
        summary.starts_with(&format!("ほかに同じ種類の診断が {more} 件あります (行 23, 24,")),
        "{summary}"
    );
    assert!(!summary.contains("unexpected"), "{summary}");
}

#[test]
fn human_and_sarif_outputs_are_capped_too() {
    let d = stray_closes();
    let (_, human) = lint(&d, &["--lang", "en"]);
    assert!(human.lines().count() < 200, "{} lines", human.lines().count());
    assert!(human.contains(&format!("and {} more like this", STRAY - kensa::diag::MAX_ALIKE)), "{human}");
    let (_, sarif) = lint(&d, &["--output-format", "sarif", "--lang", "en"]);
    // Measured against the same file without the strays: the log describes every rule
    // (about 86 kB, growing with each new rule), and 21 notifications add about 14 kB;
    // 50,000 uncapped would add megabytes.
    let clean = tempfile::tempdir().unwrap();
    std::fs::write(clean.path().join("nginx.conf"), "http {\n}\n").unwrap();
    let (_, baseline) = lint(&clean, &["--output-format", "sarif", "--lang", "en"]);
    let added = sarif.len().saturating_sub(baseline.len());
    assert!(added < 30_000, "{added} bytes for the diagnostics ({} in all)", sarif.len());
}

#[test]
fn a_few_alike_diagnostics_are_all_kept() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("nginx.conf"), format!("http {{\n}}\n{}", "}\n".repeat(kensa::diag::MAX_ALIKE))).unwrap();
    let diags = json_diagnostics(&d, "en");
    assert_eq!(diags.len(), kensa::diag::MAX_ALIKE);
    assert!(diags.iter().all(|(_, m)| !m.contains("more like this")), "{diags:?}");
}
