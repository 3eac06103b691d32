//! `kensa probe` end to end: a real `openssl s_server` on 127.0.0.1, judged by the same TLS
//! rules as configs, reported in JSON with `endpoints[]` and per-target errors.

use crate::probe_support;

use assert_cmd::Command;
use probe_support::{Pki, SServer};
use serde_json::Value;

fn probe_json(args: &[&str]) -> (i32, Value) {
    let out = Command::cargo_bin("kensa")
        .unwrap()
        .env_remove("LANG")
        .arg("probe")
        .args(args)
        .args(["--output-format", "json", "--timeout-ms", "3000"])
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), v)
}

#[test]
fn legacy_server_is_measured_and_judged_with_the_lint_rules() {
    let pki = Pki::new();
    let server = SServer::legacy_tls11(&pki);
    let target = format!("127.0.0.1:{}", server.port);
    let (code, v) = probe_json(&[&target]);
    assert_eq!(code, 1, "{v}");
    let ep = &v["endpoints"][0];
    assert_eq!(ep["target"], target.as_str());
    assert_eq!(ep["versions"], serde_json::json!(["TLS1.1"]));
    assert!(ep["handshakes"].as_u64().unwrap() > 0);
    assert_eq!(ep["client_auth"], "none");
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"TLS001"), "{rules:?}");
    assert!(rules.contains(&"TLS007"), "{rules:?}");
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "TLS001").unwrap();
    assert_eq!(f["target"], target.as_str());
    assert!(f["location"].is_null());
}

#[test]
fn a_target_that_is_down_is_a_per_target_error_and_the_scan_goes_on() {
    let pki = Pki::new();
    let (cert, key) = pki.openssl_rsa("ok", 2048, "sha256");
    let server = SServer::start(&[
        "-cert",
        probe_support::p(&cert),
        "-key",
        probe_support::p(&key),
        "-tls1_3",
        "-Verify",
        "1",
        "-CAfile",
        probe_support::p(&cert),
    ]);
    // Bind then drop a listener to get a port that refuses connections.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let list = pki.path("targets.txt");
    std::fs::write(
        &list,
        format!("# hospital endpoints\n127.0.0.1:{closed}\n127.0.0.1:{}  # portal\n", server.port),
    )
    .unwrap();
    let (code, v) = probe_json(&["--targets", probe_support::p(&list)]);
    assert_eq!(code, 2, "an unreachable target makes the run exit 2");
    let eps = v["endpoints"].as_array().unwrap();
    assert_eq!(eps.len(), 2);
    assert!(eps[0]["error"].as_str().unwrap().contains("refused"), "{}", eps[0]);
    assert_eq!(eps[1]["versions"], serde_json::json!(["TLS1.3"]));
    assert_eq!(eps[1]["client_auth"], "required");
}

#[test]
fn bad_target_syntax_is_a_usage_error() {
    let out = Command::cargo_bin("kensa").unwrap().args(["probe", "[::1:443"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid target"));
}
