//! JSON output, schema "kensa/v1" (design.md). Fields may be added; none renamed.

use super::Report;
use crate::model::{CertificateState, TlsVersion};
use crate::rules::Severity;
use serde_json::{json, Map, Value};

pub fn render(r: &Report) -> String {
    let s = r.summary();
    let inputs: Vec<Value> = r
        .inputs
        .iter()
        .map(|i| {
            let mut o = Map::new();
            o.insert("path".into(), json!(i.path));
            o.insert("format".into(), json!(i.format.map(|f| f.name())));
            o.insert("lines".into(), json!(i.lines));
            o.insert("unrecognized_lines".into(), json!(i.unrecognized_lines));
            if !i.included.is_empty() {
                o.insert("included".into(), json!(i.included));
            }
            if let Some(e) = i.error() {
                o.insert("error".into(), json!(e.kind.message(r.lang)));
            }
            let diags: Vec<Value> = i
                .diagnostics
                .iter()
                .map(|d| json!({"level": d.level, "path": d.path, "line": d.line, "column": d.column, "message": d.kind.message(r.lang)}))
                .collect();
            if !diags.is_empty() {
                o.insert("diagnostics".into(), Value::Array(diags));
            }
            Value::Object(o)
        })
        .collect();
    let endpoints: Vec<Value> = r.endpoints.iter().map(endpoint_json).collect();
    let findings: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            let location = f
                .origin
                .path
                .as_ref()
                .map(|p| json!({"path": p, "line": f.origin.line, "column": f.origin.column}));
            json!({
                "rule": f.rule,
                "name": f.meta.name,
                "clauses": f.clauses(),
                "severity": f.severity,
                "message": f.message(r.lang),
                "subject": f.subject,
                "location": location,
                "target": f.origin.target,
                "evidence": f.origin.evidence,
                "waiver": f.waiver,
            })
        })
        .collect();
    let doc = json!({
        "schema": "kensa/v1",
        "tool": {"name": "kensa", "version": env!("CARGO_PKG_VERSION")},
        "policy": {"name": r.policy.name, "source": r.policy.source},
        "inputs": inputs,
        "endpoints": endpoints,
        "findings": findings,
        "summary": {"error": s.error, "warning": s.warning, "info": s.info, "waived": s.waived, "skipped_files": r.skipped},
    });
    let mut out = serde_json::to_string_pretty(&doc).expect("JSON values serialise");
    out.push('\n');
    out
}

fn endpoint_json(p: &super::ProbedEndpoint) -> Value {
    let mut o = Map::new();
    o.insert("target".into(), json!(p.target));
    if let Some(ep) = &p.endpoint {
        o.insert("versions".into(), json!(ep.versions.value.iter().map(|v| v.name()).collect::<Vec<_>>()));
        let mut suites = Map::new();
        for (v, s) in &ep.cipher_suites {
            suites.insert(
                v.name().into(),
                json!(s
                    .value
                    .iter()
                    .map(|c| crate::tls::suites::by_code(*c).map_or_else(|| format!("0x{c:04X}"), |x| x.iana.to_string()))
                    .collect::<Vec<_>>()),
            );
        }
        o.insert("cipher_suites".into(), Value::Object(suites));
        o.insert(
            "groups".into(),
            json!(ep
                .groups
                .as_ref()
                .map(|g| g.value.iter().map(|x| x.name.clone()).collect::<Vec<_>>())
                .unwrap_or_default()),
        );
        o.insert("client_auth".into(), json!(ep.client_auth.as_ref().map_or("unknown", |c| c.value.name())));
        if let Some(sp) = &ep.server_preference {
            o.insert("server_preference".into(), json!(sp.value));
        }
        if let Some(c) = ep.certificates.first() {
            if let CertificateState::Loaded(f) = &c.state {
                o.insert(
                    "certificate".into(),
                    json!({"subject": f.subject, "issuer": f.issuer, "san": f.san, "key": format!("{} {}", f.key_type, f.key_bits), "signature": f.signature,
                           "not_before": rfc3339(f.not_before), "not_after": rfc3339(f.not_after)}),
                );
            }
        }
        let _ = TlsVersion::Tls13;
    }
    o.insert("handshakes".into(), json!(p.handshakes));
    o.insert("elapsed_ms".into(), json!(p.elapsed_ms));
    if let Some(e) = &p.error {
        o.insert("error".into(), json!(e));
    }
    Value::Object(o)
}

/// 2027-01-01T00:00:00Z
pub fn rfc3339(unix: i64) -> String {
    let day = crate::rules::waiver::date_string(unix);
    let secs = unix.rem_euclid(86400);
    format!("{day}T{:02}:{:02}:{:02}Z", secs / 3600, (secs / 60) % 60, secs % 60)
}

pub fn severity_name(s: Severity) -> &'static str {
    s.name()
}
