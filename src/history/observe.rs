//! What one scan saw, in the form the store keeps: findings with a stable fingerprint,
//! measurements of probed endpoints, the scopes (targets, files) judged in full, and the
//! gaps (targets unreachable, files unreadable).

use crate::i18n::Lang;
use crate::model::{CertificateState, TlsEndpoint};
use crate::rules::Finding;
use rustc_hash::FxHashSet;

/// One finding as stored: masked evidence and messages only, never a secret (the rules
/// never put one into a finding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservedFinding {
    pub fingerprint: String,
    /// The target (`target:host:port`) or file (`file:path`) it was found in.
    pub scope: String,
    pub rule: String,
    /// 1 info, 2 warning, 3 error.
    pub severity: i64,
    pub waived: bool,
    pub subject: String,
    pub message_en: String,
    pub message_ja: String,
    /// `path:line` or the target: where it is now (not part of the fingerprint).
    pub location: String,
    pub evidence: String,
}

/// Everything a scan saw.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    pub findings: Vec<ObservedFinding>,
    /// (scope, kind, value): versions, suites, groups, client auth, certificates.
    pub measurements: Vec<(String, String, String)>,
    /// Scopes judged in full: only their findings and measurements can end.
    pub judged: FxHashSet<String>,
    /// Scopes this run could not judge, with why: `unreachable`, `unreadable`.
    pub gaps: Vec<(String, String)>,
    pub targets: usize,
    pub inputs: usize,
}

pub fn target_scope(target: &str) -> String {
    format!("target:{target}")
}

pub fn file_scope(path: &str) -> String {
    format!("file:{path}")
}

/// The scope a finding belongs to: its target, else its file.
pub fn scope_of(f: &Finding) -> String {
    match (&f.origin.target, &f.origin.path) {
        (Some(t), _) => target_scope(t),
        (None, Some(p)) => file_scope(p),
        (None, None) => "kensa".to_string(),
    }
}

pub fn severity_number(s: crate::rules::meta::Severity) -> i64 {
    s as i64 + 1
}

pub fn severity_from_number(n: i64) -> crate::rules::meta::Severity {
    use crate::rules::meta::Severity;
    match n {
        3.. => Severity::Error,
        2 => Severity::Warning,
        _ => Severity::Info,
    }
}

impl ObservedFinding {
    pub fn new(f: &Finding, scope: String) -> ObservedFinding {
        let location = match (&f.origin.path, &f.origin.target) {
            (Some(p), _) if f.origin.line > 0 => format!("{p}:{}", f.origin.line),
            (Some(p), _) => p.to_string(),
            (None, Some(t)) => t.to_string(),
            (None, None) => String::new(),
        };
        ObservedFinding {
            fingerprint: fingerprint(f, &scope),
            scope,
            rule: f.rule.to_string(),
            severity: severity_number(f.severity),
            waived: f.waiver.is_some(),
            subject: f.subject.to_string(),
            message_en: f.message(Lang::En),
            message_ja: f.message(Lang::Ja),
            location,
            evidence: f.origin.evidence.to_string(),
        }
    }
}

/// Message values that are measurements, not identity: the same problem with another count,
/// date or list of offending versions is still the same problem.
/// `places` and `count` (MGMT009) list where a reused secret is, with line numbers: the
/// finding is about the secret, not about where its lines stand.
const MEASURED_KEYS: &[&str] = &[
    "versions",
    "suites",
    "weak",
    "allowed",
    "min",
    "days",
    "not_after",
    "not_before",
    "places",
    "count",
];

/// A finding's identity across runs: rule, scope, subject, the side it is about, and the
/// message values that name what it is about (a certificate, a setting) — not the line,
/// not the evidence text, not measured values (counts, dates, lists of versions), so a
/// finding keeps its fingerprint when lines move or a date nears.
pub fn fingerprint(f: &Finding, scope: &str) -> String {
    let mut args: Vec<(&str, &str)> = f
        .args
        .iter()
        .map(|(k, v)| (*k, v.get(crate::i18n::Lang::En)))
        .filter(|(k, v)| !MEASURED_KEYS.contains(k) && !is_measured_value(v))
        .collect();
    args.sort_unstable();
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    for piece in [f.rule, scope, &f.subject, if f.client_side { "client" } else { "server" }] {
        ctx.update(piece.as_bytes());
        ctx.update(&[0]);
    }
    for (k, v) in args {
        ctx.update(k.as_bytes());
        ctx.update(b"=");
        ctx.update(v.as_bytes());
        ctx.update(&[0]);
    }
    ctx.finish().as_ref()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Numbers and dates: values that change while the problem stays.
fn is_measured_value(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b':' | b'T' | b'Z' | b' '))
}

impl Observed {
    /// Adds the findings of one scope.
    pub fn add_findings(&mut self, findings: &[Finding]) {
        self.findings.extend(findings.iter().map(|f| ObservedFinding::new(f, scope_of(f))));
    }

    /// Adds what the probe measured on an endpoint, each fact a measurement.
    pub fn add_endpoint(&mut self, target: &str, ep: &TlsEndpoint) {
        let scope = target_scope(target);
        let mut put = |kind: &str, value: String| self.measurements.push((scope.clone(), kind.to_string(), value));
        put("versions", ep.versions.value.iter().map(|v| v.name()).collect::<Vec<_>>().join(" "));
        for (v, s) in &ep.cipher_suites {
            let names: Vec<String> = s
                .value
                .iter()
                .map(|c| crate::tls::suites::by_code(*c).map_or_else(|| format!("0x{c:04X}"), |x| x.iana.to_string()))
                .collect();
            put(&format!("suites {}", v.name()), names.join(" "));
        }
        if let Some(g) = &ep.groups {
            put("groups", g.value.iter().map(|x| &*x.name).collect::<Vec<&str>>().join(" "));
        }
        if let Some(c) = &ep.client_auth {
            put("client_auth", c.value.name().to_string());
        }
        let mut certs: Vec<String> = Vec::new();
        let all = ep.certificates.iter().chain(ep.chains.iter().flat_map(|c| c.certificates.iter()));
        for c in all {
            if let CertificateState::Loaded(f) = &c.state {
                let v = serde_json::json!({"subject": f.subject, "issuer": f.issuer, "not_after": f.not_after,
                                           "key": format!("{} {}", f.key_type, f.key_bits), "signature": f.signature});
                let v = v.to_string();
                if !certs.contains(&v) {
                    certs.push(v);
                }
            }
        }
        for v in certs {
            put("certificate", v);
        }
    }

    /// Findings with one row per fingerprint: two findings that share one (a rule reporting
    /// the same subject twice) keep the more severe.
    pub fn unique_findings(&self) -> Vec<&ObservedFinding> {
        let mut best: rustc_hash::FxHashMap<&str, &ObservedFinding> = rustc_hash::FxHashMap::default();
        for f in &self.findings {
            best.entry(&f.fingerprint)
                .and_modify(|b| {
                    if f.severity > b.severity {
                        *b = f;
                    }
                })
                .or_insert(f);
        }
        let mut v: Vec<&ObservedFinding> = best.into_values().collect();
        v.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_counts_are_measured_values_names_are_not() {
        assert!(is_measured_value("2027-01-01T00:00:00Z"));
        assert!(is_measured_value("29"));
        assert!(!is_measured_value("CN=pacs.example.jp"));
        assert!(!is_measured_value("TLS1.0"));
        assert!(!is_measured_value(""));
    }
}
