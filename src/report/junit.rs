//! JUnit XML for CI dashboards: one test suite per input (or probe target), one test case
//! per rule that ran; a finding that is not waived is a failure of its rule's case.

use super::{location_string, GroupCtx, Report};
use crate::i18n::Lang;
use crate::rules::{registry, Finding};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io;

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

/// The `<testsuite>` of one input or probe target: a case per rule that runs, failed by
/// that rule's unwaived findings, plus a `parse` case when the input could not be read.
pub fn fragment(group: GroupCtx, findings: &[Finding], lang: Lang) -> Vec<u8> {
    let rules = checked_rules();
    let mut out = String::new();
    let failed_rules: BTreeSet<&str> = findings.iter().filter(|f| f.waiver.is_none()).map(|f| f.rule).collect();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
        escape(group.key),
        rules.len(),
        failed_rules.len(),
        usize::from(group.error.is_some())
    );
    if let Some(e) = group.error {
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
                    escape(&f.message(lang)),
                    escape(&body)
                );
            }
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
    out.into_bytes()
}

fn checked_rules() -> Vec<&'static registry::Rule> {
    registry::all().iter().filter(|x| x.check.is_some()).collect()
}

/// Test suites ordered by input path or target.
pub fn write(r: &Report, w: &mut dyn io::Write) -> io::Result<()> {
    let suites = r.findings.keys().count();
    write!(
        w,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"kensa\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
        suites * checked_rules().len(),
        r.findings.failed_rules().len(),
        r.failed_inputs()
    )?;
    r.findings.copy_to(w, b"", true)?;
    w.write_all(b"</testsuites>\n")
}
