//! Probe targets and print one JSON object per line, in the shape of design.md's
//! `endpoints[]` (until the CLI wiring lands). Used by benches/compare-probe.sh.
//!
//!     cargo run --example probe -- [--sni NAME] [--concurrency N] [--timeout-ms N]
//!         [--targets FILE] [--summary] TARGET...

use kensa::model::CertificateState;
use kensa::probe::{parse_targets_file, probe_targets, registry, ProbeOptions, ProbeResult, Target};
use serde_json::{json, Map, Value};

fn main() {
    let mut opts = ProbeOptions::default();
    let mut targets = Vec::new();
    let mut summary = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| die(&format!("{a} needs a value")));
        match a.as_str() {
            "--sni" => opts.sni = Some(val()),
            "--concurrency" => opts.concurrency = val().parse().unwrap_or_else(|_| die("bad --concurrency")),
            "--timeout-ms" => opts.timeout_ms = val().parse().unwrap_or_else(|_| die("bad --timeout-ms")),
            "--targets" => {
                let path = val();
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| die(&format!("{path}: {e}")));
                targets.extend(parse_targets_file(&text, None).unwrap_or_else(|e| die(&format!("{path}: {e}"))));
            }
            "--summary" => summary = true,
            t => targets.push(Target::parse(t).unwrap_or_else(|e| die(&e))),
        }
    }
    let start = std::time::Instant::now();
    let results = probe_targets(&targets, &opts, None);
    let wall = start.elapsed().as_millis();
    if summary {
        let ok = results.iter().filter(|r| r.error.is_none()).count();
        let hs: u32 = results.iter().map(|r| r.handshakes).sum();
        println!("{}", json!({"targets": results.len(), "ok": ok, "handshakes": hs, "wall_ms": wall as u64}));
        return;
    }
    for r in &results {
        println!("{}", to_json(r));
    }
}

fn die(msg: &str) -> ! {
    eprintln!("probe: {msg}");
    std::process::exit(2)
}

fn to_json(r: &ProbeResult) -> Value {
    let mut o = Map::new();
    o.insert("target".into(), json!(r.target));
    if let Some(ep) = &r.endpoint {
        let versions: Vec<&str> = ep.versions.value.iter().map(|v| v.name()).collect();
        o.insert("versions".into(), json!(versions));
        let mut suites = Map::new();
        for (v, s) in &ep.cipher_suites {
            let names: Vec<String> = s.value.iter().map(|&c| registry::suite_name(c)).collect();
            suites.insert(v.name().into(), json!(names));
        }
        o.insert("cipher_suites".into(), Value::Object(suites));
        let groups: Vec<String> = ep
            .groups
            .as_ref()
            .map(|g| g.value.iter().map(|g| g.name.to_string()).collect())
            .unwrap_or_default();
        o.insert("groups".into(), json!(groups));
        o.insert("client_auth".into(), json!(ep.client_auth.as_ref().map(|c| c.value.name())));
        o.insert("server_preference".into(), json!(ep.server_preference.as_ref().map(|s| s.value)));
        o.insert("compression".into(), json!(ep.compression.as_ref().map(|s| s.value)));
        o.insert("secure_renegotiation".into(), json!(ep.secure_renegotiation.as_ref().map(|s| s.value)));
        o.insert("dh_bits".into(), json!(ep.dh_bits.as_ref().map(|s| s.value)));
        if let Some(c) = ep.certificates.first() {
            if let CertificateState::Loaded(f) = &c.state {
                o.insert(
                    "certificate".into(),
                    json!({"subject": f.subject, "key": format!("{} {}", f.key_type, f.key_bits),
                           "signature": f.signature, "not_after": f.not_after, "self_signed": f.self_signed}),
                );
            }
        }
    }
    o.insert("name_matches".into(), json!(r.name_matches));
    o.insert("handshakes".into(), json!(r.handshakes));
    o.insert("elapsed_ms".into(), json!(r.elapsed_ms));
    if let Some(e) = &r.error {
        o.insert("error".into(), json!(e.to_string()));
    }
    if !r.notes.is_empty() {
        o.insert("notes".into(), json!(r.notes));
    }
    Value::Object(o)
}
