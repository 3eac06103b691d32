//! GitLab Code Quality report (`--output-format gitlab`), as ruff writes it: a JSON array
//! of issues with `description`, `check_name`, `fingerprint`, `severity` and `location`.
//! The fingerprint is a hash of what identifies the finding (rule, place, subject,
//! evidence), not of its line, so that a finding keeps its identity when lines above it
//! move. Waived findings are accepted exceptions: none is written.

use crate::i18n::Lang;
use crate::rules::{Finding, Severity};
use serde_json::json;

/// The issues of one group, comma-separated (the report writes the brackets).
pub fn fragment(findings: &[Finding], lang: Lang) -> Vec<u8> {
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for f in findings.iter().filter(|f| f.waiver.is_none()) {
        let path = f.origin.path.as_deref().or(f.origin.target.as_deref()).unwrap_or("");
        let mut fingerprint = fingerprint(&[f.rule, path, &f.subject, &f.origin.evidence]);
        // The same finding twice in one place stays two issues.
        let mut n = 1;
        while seen.contains(&fingerprint) {
            fingerprint = self::fingerprint(&[f.rule, path, &f.subject, &f.origin.evidence, &n.to_string()]);
            n += 1;
        }
        seen.push(fingerprint.clone());
        let issue = json!({
            "description": format!("{}: {}", f.rule, f.message(lang)),
            "check_name": f.rule,
            "fingerprint": fingerprint,
            "severity": match f.severity {
                Severity::Error => "critical",
                Severity::Warning => "major",
                Severity::Info => "info",
            },
            "location": {"path": path, "lines": {"begin": f.origin.line.max(1)}},
        });
        if !out.is_empty() {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(b"  ");
        out.extend_from_slice(issue.to_string().as_bytes());
    }
    out
}

/// SHA-256 of the parts (each length-prefixed), the first 16 bytes in hex.
fn fingerprint(parts: &[&str]) -> String {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    for p in parts {
        ctx.update(&(p.len() as u64).to_le_bytes());
        ctx.update(p.as_bytes());
    }
    ctx.finish().as_ref()[..16].iter().map(|b| format!("{b:02x}")).collect()
}
