//! Shared by the router tests: a model's findings as plain tuples to compare and search.
#![allow(dead_code)]

use kensa::model::Model;
use kensa::policy::TlsPolicy;
use kensa::rules::{Engine, Severity};

/// The fixed "now" of the router tests (2026-12-01).
pub const NOW: i64 = 1_796_083_200;

/// (rule, severity, line, subject, evidence) of one finding.
pub type Finding = (String, Severity, u32, String, String);

/// Every finding the built-in rules give on `model`, in engine order.
pub fn judged(model: &Model) -> Vec<Finding> {
    let engine = Engine::new(TlsPolicy::builtin(), NOW);
    engine
        .check(model)
        .into_iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.severity,
                f.origin.line,
                f.subject.to_string(),
                f.origin.evidence.to_string(),
            )
        })
        .collect()
}
