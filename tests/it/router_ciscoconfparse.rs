//! Runs kensa over the real Cisco IOS configs shipped as test fixtures in the PyPI sdist of
//! ciscoconfparse2: every file parses (no error diagnostics; the unrecognised-line count is
//! printed), and the findings match what reading the files shows — plaintext/type-7
//! passwords, SNMP communities, `ip http server`, telnet on vty lines. The expectations are
//! derived from the text by a separate, deliberately simple reading (regex-free line scans),
//! not from kensa's parser.
//!
//! The sdist is fetched by `scripts/fetch-test-inputs.sh` (a missing one fails the test with
//! that command).

use crate::test_inputs;

use kensa::formats::{parse_path, Format};
use kensa::policy::TlsPolicy;
use kensa::rules::Engine;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

const NOW: i64 = 1_796_083_200;

/// The ciscoconfparse2 sdist (`.tar.gz`) among the test inputs.
fn sdist() -> Result<PathBuf, String> {
    let dir = test_inputs::path("ciscoconfparse2");
    std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(".tar.gz"))
        .ok_or_else(|| format!("no .tar.gz in {}: run scripts/fetch-test-inputs.sh", dir.display()))
}

fn fixtures() -> Result<(tempfile::TempDir, Vec<PathBuf>), String> {
    let tar_gz = sdist()?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let st = Command::new("tar")
        .arg("xzf")
        .arg(&tar_gz)
        .arg("-C")
        .arg(dir.path())
        .status()
        .map_err(|e| format!("tar not runnable: {e}"))?;
    if !st.success() {
        return Err(format!("tar could not extract {}", tar_gz.display()));
    }
    let mut files = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).map_err(|e| e.to_string())?.filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "ios") {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok((dir, files))
}

/// What reading the text shows, as (rule, subject) pairs kensa must report.
fn expected(text: &str) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let lines: Vec<&str> = text.lines().collect();
    let major: u32 = lines
        .iter()
        .find_map(|l| l.strip_prefix("version "))
        .and_then(|v| v.split('.').next()?.trim().parse().ok())
        .unwrap_or(15);
    for (i, l) in lines.iter().enumerate() {
        let w: Vec<&str> = l.split_whitespace().collect();
        if l.starts_with("username ") {
            if let Some(k) = w.iter().position(|x| *x == "password") {
                if matches!(w.get(k + 1), Some(&"7") | Some(&"0")) {
                    out.insert(("MGMT004".into(), format!("Cisco user {}", w[1])));
                }
            }
        }
        if l.starts_with("enable password") {
            out.insert(("MGMT004".into(), "Cisco enable password".into()));
        }
        if *l == "ip http server" {
            out.insert(("MGMT003".into(), "Cisco ip http server".into()));
        }
        if l.starts_with("snmp-server community ") {
            let rw = w.iter().any(|x| x.eq_ignore_ascii_case("RW"));
            out.insert(("MGMT003".into(), format!("Cisco SNMP community ({})", if rw { "RW" } else { "RO" })));
        }
        if l.starts_with("line vty ") {
            let head = l.trim_end();
            let body: Vec<&str> = lines[i + 1..].iter().take_while(|c| c.starts_with(' ')).copied().collect();
            let transport = body.iter().find_map(|c| c.trim().strip_prefix("transport input "));
            let telnet = match transport {
                Some(t) => t.split_whitespace().any(|p| p == "telnet" || p == "all"),
                None => true, // IOS default "all", IOS XE default "telnet ssh"
            };
            let _ = major;
            if telnet {
                out.insert(("MGMT003".into(), format!("Cisco {head} (telnet)")));
            }
            if body.iter().any(|c| c.trim().starts_with("password 7 ") || c.trim().starts_with("password 0 ")) {
                out.insert(("MGMT004".into(), format!("Cisco {head} password")));
            }
        }
    }
    out
}

#[test]
fn ciscoconfparse2_fixtures_parse_and_findings_match_the_text() {
    let (_dir, files) = fixtures().unwrap_or_else(|reason| panic!("ciscoconfparse2 fixtures: {reason}"));
    assert!(files.len() >= 5, "expected the sdist's tests/fixtures/configs/*.ios, found {}", files.len());
    let engine = Engine::new(TlsPolicy::builtin(), NOW);
    let mut problems = Vec::new();
    for f in &files {
        let shown = f.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let input = parse_path(f, &shown, Some(Format::CiscoIos), NOW);
        println!("{shown}: {} lines, {} unrecognised", input.lines, input.unrecognized_lines);
        if let Some(e) = input.error() {
            problems.push(format!("{shown}: parse error {e:?}"));
            continue;
        }
        let findings = engine.check(&input.model);
        let got: BTreeSet<(String, String)> = findings.iter().map(|f| (f.rule.to_string(), f.subject.to_string())).collect();
        let want_all = expected(&text);
        println!("{shown}: {} expected findings read from the text, {} findings", want_all.len(), findings.len());
        for want in want_all {
            if !got.contains(&want) {
                problems.push(format!("{shown}: expected {} on {:?}", want.0, want.1));
            }
        }
        // Secrets never reach the output: no type-7 string or community of the file appears
        // in any finding's evidence or message.
        for l in text.lines() {
            let w: Vec<&str> = l.split_whitespace().collect();
            let secret = match w.as_slice() {
                ["snmp-server", "community", c, ..] => Some(*c),
                [.., "password", "7", v] | [.., "password", "0", v] => Some(*v),
                _ => None,
            };
            if let Some(s) = secret {
                for f in &findings {
                    if f.origin.evidence.contains(s) || f.message(kensa::i18n::Lang::En).contains(s) {
                        problems.push(format!("{shown}: secret {s:?} leaked in {} evidence/message", f.rule));
                    }
                }
            }
        }
    }
    // Spot checks on files whose content is known (sample_01: ip http server with
    // access-class 99, community with ACL 99, ddclient type 7, telnet on vty 0 4).
    if let Some(f) = files.iter().find(|f| f.ends_with("configs/sample_01.ios")) {
        let input = parse_path(f, "sample_01.ios", Some(Format::CiscoIos), NOW);
        let findings = engine.check(&input.model);
        let has = |rule: &str, subj: &str| findings.iter().any(|x| x.rule == rule && *x.subject == *subj);
        assert!(has("MGMT004", "Cisco user ddclient"));
        assert!(has("MGMT003", "Cisco ip http server"));
        assert!(!has("MGMT001", "Cisco ip http server"), "ip http access-class 99 restricts it");
        assert!(!has("MGMT001", "Cisco SNMP community (RW)"), "the community carries ACL 99");
        assert!(has("MGMT003", "Cisco line vty 0 4 (telnet)"));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
