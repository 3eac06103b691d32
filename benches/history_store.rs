//! The history store at fleet scale (issue 19): 10,000 endpoints scanned weekly for a year
//! (52 runs), 1% of the endpoints changing per run. Prints the store's size, the slowest
//! and mean write of one run, and the time of `diff` between the last two runs.
//!
//! `cargo bench --bench history_store` (writes into a temporary folder; figures in
//! docs/performance.md). Each endpoint has three findings and five measurements; a changed
//! endpoint loses one finding, gains another and presents a renewed certificate.

use kensa::history::backend::Location;
use kensa::history::{Observed, ObservedFinding, Store};
use std::time::Instant;

const ENDPOINTS: usize = 10_000;
const RUNS: usize = 52;
const CHANGED_PER_RUN: usize = ENDPOINTS / 100;

fn finding(endpoint: usize, rule: &str, generation: usize) -> ObservedFinding {
    let scope = format!("target:10.{}.{}.{}:443", endpoint / 65536, (endpoint / 256) % 256, endpoint % 256);
    ObservedFinding {
        fingerprint: format!("{endpoint:08x}{rule}{generation:04x}"),
        rule: rule.to_string(),
        severity: 3,
        waived: false,
        subject: scope[7..].to_string(),
        message_en: format!("{} enables legacy protocol TLS1.0; clause 13-6 requires TLS 1.3", &scope[7..]),
        message_ja: format!("{} で旧式のプロトコル TLS1.0 が有効です。13-6 は TLS 1.3 を求めています", &scope[7..]),
        location: scope[7..].to_string(),
        evidence: "ServerHello for TLS1.0; TLS1.1 refused (server answered with TLS1.0)".to_string(),
        scope,
    }
}

/// What run `run` sees: endpoint e has changed `gen(e)` times so far.
fn observed(generations: &[usize]) -> Observed {
    let mut seen = Observed {
        targets: ENDPOINTS,
        ..Default::default()
    };
    for (e, &g) in generations.iter().enumerate() {
        for rule in ["TLS001", "TLS007"] {
            seen.findings.push(finding(e, rule, 0));
        }
        // The finding that changes: one per generation.
        seen.findings.push(finding(e, "TLS004", g));
        let scope = seen.findings.last().expect("just pushed").scope.clone();
        for (kind, value) in [
            ("versions", "TLS1.0 TLS1.2".to_string()),
            (
                "suites TLS1.2",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384".to_string(),
            ),
            ("groups", "x25519 secp256r1".to_string()),
            ("client_auth", "none".to_string()),
            (
                "certificate",
                format!(
                    r#"{{"subject":"CN=host{e}.example.jp","issuer":"CN=Hospital CA","not_after":{},"key":"RSA 2048","signature":"sha256WithRSAEncryption"}}"#,
                    1_830_000_000 + g * 86400
                ),
            ),
        ] {
            seen.measurements.push((scope.clone(), kind.to_string(), value));
        }
        seen.judged.insert(scope);
    }
    seen
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("history.db");
    let mut generations = vec![0usize; ENDPOINTS];
    let (mut slowest, mut total) = (0f64, 0f64);
    for run in 0..RUNS {
        if run > 0 {
            for i in 0..CHANGED_PER_RUN {
                generations[(run * 7919 + i * 101) % ENDPOINTS] += 1;
            }
        }
        let seen = observed(&generations);
        let mut store = Store::open_to_write(Location::Sqlite(path.clone()), "bench").expect("store");
        let id = store.start_run(1_800_000_000 + run as i64 * 7 * 86400).expect("run");
        let t = Instant::now();
        store.record(id, &seen, 1_800_000_000 + run as i64 * 7 * 86400 + 600).expect("record");
        let s = t.elapsed().as_secs_f64();
        slowest = slowest.max(s);
        total += s;
    }
    let mut store = Store::open_to_read(Location::Sqlite(path.clone()), "bench").expect("store");
    let t = Instant::now();
    let (a, b) = store.pick_runs(None, None).expect("two runs");
    let diff = store.diff(&a, &b).expect("diff");
    let diff_s = t.elapsed().as_secs_f64();
    drop(store);
    let size: u64 = ["history.db", "history.db-wal"]
        .iter()
        .filter_map(|n| std::fs::metadata(dir.path().join(n)).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "history_store: {ENDPOINTS} endpoints, {RUNS} runs, {CHANGED_PER_RUN} changed per run: store {:.1} MB; write per run: slowest {:.3} s, mean {:.3} s; diff of the last two runs {:.3} s ({} changes, {} new, {} resolved)",
        size as f64 / 1e6,
        slowest,
        total / RUNS as f64,
        diff_s,
        diff.changes.len(),
        diff.count(kensa::history::ChangeKind::New),
        diff.count(kensa::history::ChangeKind::Resolved),
    );
}
