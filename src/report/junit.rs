//! JUnit XML for CI dashboards: one test suite per input (or probe target), one test case
//! per rule that ran; a finding that is not waived is a failure of its rule's case.

use super::{location_string, Report};
use crate::rules::registry;
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => o.push(c),
        }
    }
    o
}

pub fn render(r: &Report) -> String {
    // Group findings by the input they belong to.
    let mut by_input: BTreeMap<String, Vec<&crate::rules::Finding>> = BTreeMap::new();
    for i in r.inputs {
        by_input.entry(i.path.to_string()).or_default();
    }
    for e in r.endpoints {
        by_input.entry(e.target.clone()).or_default();
    }
    for f in r.findings {
        let key = f
            .origin
            .path
            .as_deref()
            .and_then(|p| {
                r.inputs
                    .iter()
                    .find(|i| &*i.path == p || i.included.iter().any(|x| &**x == p))
                    .map(|i| i.path.to_string())
            })
            .or_else(|| f.origin.target.as_deref().map(str::to_string))
            .unwrap_or_default();
        by_input.entry(key).or_default().push(f);
    }
    let rules: Vec<_> = registry::all().iter().filter(|x| x.check.is_some()).collect();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let total_fail: usize = r
        .findings
        .iter()
        .filter(|f| f.waiver.is_none())
        .map(|f| f.rule)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let errors = r.failed_inputs();
    let _ = writeln!(
        out,
        "<testsuites name=\"kensa\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
        by_input.len() * rules.len(),
        total_fail,
        errors
    );
    for (input, findings) in &by_input {
        let failed_rules: std::collections::BTreeSet<&str> = findings.iter().filter(|f| f.waiver.is_none()).map(|f| f.rule).collect();
        let input_error = r
            .inputs
            .iter()
            .find(|i| &*i.path == input)
            .and_then(|i| i.error())
            .map(|d| d.kind.message(r.lang))
            .or_else(|| r.endpoints.iter().find(|e| &e.target == input).and_then(|e| e.error.clone()));
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
            escape(input),
            rules.len(),
            failed_rules.len(),
            usize::from(input_error.is_some())
        );
        if let Some(e) = &input_error {
            let _ = writeln!(
                out,
                "    <testcase name=\"parse\" classname=\"kensa.input\"><error message=\"{}\"/></testcase>",
                escape(e)
            );
        }
        for rule in &rules {
            let code = &rule.meta.code;
            let _ = write!(
                out,
                "    <testcase name=\"{} {}\" classname=\"kensa.{}\"",
                code,
                escape(&rule.meta.name),
                rule.meta.family
            );
            let mine: Vec<_> = findings.iter().filter(|f| f.rule == code).collect();
            if mine.is_empty() {
                out.push_str("/>\n");
                continue;
            }
            out.push_str(">\n");
            for f in &mine {
                let body = format!("{}\n{}\n{}\n{}", location_string(f), f.origin.evidence, f.clauses().join(", "), f.subject);
                if let Some(w) = &f.waiver {
                    let _ = writeln!(
                        out,
                        "      <skipped message=\"{}\"/>",
                        escape(&format!("waived: {} ({}, {})", w.reason, w.owner, w.expires))
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                        f.severity.name(),
                        escape(&f.message(r.lang)),
                        escape(&body)
                    );
                }
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
