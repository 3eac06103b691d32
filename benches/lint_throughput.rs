//! Lint throughput on a generated corpus (about 10 MB of nginx, Apache httpd and HAProxy
//! configs in 1,000 files): `kensa::lint::parse_all` + `check_all`, and `lint_all` (what
//! `kensa lint DIR` runs), minus report rendering. The end-to-end figure on 100 MB comes from
//! `benches/throughput.sh`; see docs/performance.md.
//!
//! ```sh
//! cargo bench --bench lint_throughput
//! ```

#[path = "support/corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kensa::policy::TlsPolicy;
use kensa::rules::Engine;
use std::time::Duration;

/// 2026-12-01, fixed so certificate judgements do not move.
const NOW: i64 = 1_796_083_200;

fn lint_throughput(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (bytes, _) = corpus::generate(dir.path(), 10_000_000, 1_000).expect("corpus");
    let (files, missing) = kensa::lint::expand_paths(&[dir.path().to_path_buf()]);
    assert!(missing.is_empty());
    let engine = Engine::new(TlsPolicy::builtin(), NOW);

    let mut g = c.benchmark_group("lint");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("parse_all+check_all 10MB", |b| {
        b.iter(|| {
            let (inputs, _skipped) = kensa::lint::parse_all(&files, None, NOW);
            let findings = kensa::lint::check_all(&engine, &inputs);
            assert!(!findings.is_empty());
            (inputs.len(), findings.len())
        })
    });
    g.bench_function("lint_all (streaming) 10MB", |b| {
        b.iter(|| {
            let (inputs, findings, _skipped) = kensa::lint::lint_all(&engine, &files, None, NOW);
            assert!(!findings.is_empty());
            (inputs.len(), findings.len())
        })
    });
    g.finish();
}

criterion_group!(benches, lint_throughput);
criterion_main!(benches);
