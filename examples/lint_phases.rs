//! Where `kensa lint` spends its time, phase by phase, on one thread: read+detect+parse,
//! rule checks, and rendering the JSON findings fragment, summed over every file of a
//! directory. Best of N passes (the development VM's timings wander by ±20% from run to
//! run; the best pass is the least disturbed one). Output is not written anywhere.
//!
//! ```sh
//! cargo run --release --example lint_phases -- /tmp/kensa-corpus/nginx 3
//! ```

use kensa::report::store::Renderer;
use std::time::{Duration, Instant};

/// 2026-12-01, as the other benches: certificate judgements do not move.
const NOW: i64 = 1_796_083_200;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: lint_phases DIR [PASSES=3]");
        std::process::exit(2);
    };
    let passes: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    let (files, _) = kensa::lint::expand_paths(&[dir.into()]);
    let engine = kensa::rules::Engine::new(kensa::policy::TlsPolicy::builtin(), NOW);
    let renderer = Renderer {
        format: kensa::report::OutputFormat::Json,
        lang: kensa::i18n::Lang::En,
        color: false,
    };
    let bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(&f.path).ok()).map(|m| m.len()).sum();
    let mut best = [Duration::MAX; 3];
    let (mut findings, mut out) = (0, 0);
    for _ in 0..passes {
        let mut t = [Duration::ZERO; 3];
        (findings, out) = (0, 0);
        for f in &files {
            let t0 = Instant::now();
            let p = kensa::formats::parse_path(&f.path, &f.shown, None, NOW);
            let t1 = Instant::now();
            let found = engine.check(&p.model);
            let t2 = Instant::now();
            let fragment = renderer.render(kensa::lint::group_of(&p, renderer.lang).as_ctx(), &found);
            t[0] += t1 - t0;
            t[1] += t2 - t1;
            t[2] += t2.elapsed();
            findings += found.len();
            out += fragment.bytes.len();
        }
        for (b, x) in best.iter_mut().zip(t) {
            *b = (*b).min(x);
        }
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} files, {mb:.1} MB in, {findings} findings, {:.1} MB of JSON findings",
        files.len(),
        out as f64 / 1e6
    );
    for (name, d) in ["parse", "check", "render"].iter().zip(best) {
        let s = d.as_secs_f64();
        println!("{name:>6}: {s:.3} s  {:.1} MB/s  {:.0} µs/file", mb / s, s * 1e6 / files.len().max(1) as f64);
    }
}
