//! JUnit XML for CI dashboards: one test suite per input (or probe target) with a test case
//! for the input and one per rule that found something there; a finding that is not waived
//! is a failure of its rule's case.

use super::{push_location, GroupCtx, Report};
use crate::i18n::Lang;
use crate::rules::{registry, Finding};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io;

pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    escape_into(&mut o, s);
    o
}

/// [`escape`] appended to `o`. Works character by character, so text escaped in pieces
/// comes out the same as escaped whole.
pub fn escape_into(o: &mut String, s: &str) {
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
}

/// The `<testsuite>` of one input or probe target: one case for the input itself (an error
/// when it could not be read), and one case per rule that has findings there, failed by
/// its unwaived findings (skipped when every finding is waived). Rules that found nothing
/// are not listed: a case per rule per file made a fleet's report mostly empty cases.
pub fn fragment(group: GroupCtx, findings: &[Finding], lang: Lang) -> Vec<u8> {
    let mut out = String::new();
    let mut body = String::new();
    let mut rules: Vec<&'static str> = findings.iter().map(|f| f.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    let failed_rules: BTreeSet<&str> = findings.iter().filter(|f| f.waiver.is_none()).map(|f| f.rule).collect();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
        escape(group.key),
        1 + rules.len(),
        failed_rules.len(),
        usize::from(group.error.is_some())
    );
    let _ = write!(out, "    <testcase name=\"{}\" classname=\"kensa.input\"", escape(group.key));
    match group.error {
        Some(e) => {
            let _ = writeln!(out, "><error message=\"{}\"/></testcase>", escape(e));
        }
        None => out.push_str("/>\n"),
    }
    for code in rules {
        let Some(rule) = registry::find(code) else { continue };
        let _ = writeln!(
            out,
            "    <testcase name=\"{} {}\" classname=\"kensa.{}\">",
            code,
            escape(&rule.meta.name),
            rule.meta.family
        );
        for f in findings.iter().filter(|f| f.rule == code) {
            if let Some(w) = &f.waiver {
                let _ = writeln!(
                    out,
                    "      <skipped message=\"{}\"/>",
                    escape(&format!("waived: {} ({}, {})", w.reason, w.owner, w.expires))
                );
            } else {
                // Escaped straight into the output: the message in its pieces, the body
                // (location, evidence, clauses, subject) assembled in `body` first.
                let _ = write!(out, "      <failure type=\"{}\" message=\"", f.severity.name());
                f.message_pieces(lang, |piece| escape_into(&mut out, piece));
                out.push_str("\">");
                body.clear();
                push_location(&mut body, f);
                let _ = write!(body, "\n{}\n", f.origin.evidence);
                for (n, c) in f.clauses().iter().enumerate() {
                    if n > 0 {
                        body.push_str(", ");
                    }
                    body.push_str(c);
                }
                body.push('\n');
                body.push_str(&f.subject);
                escape_into(&mut out, &body);
                out.push_str("</failure>\n");
            }
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
    out.into_bytes()
}

/// Test suites ordered by input path or target.
pub fn write(r: &Report, w: &mut dyn io::Write) -> io::Result<()> {
    write!(
        w,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"kensa\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
        r.findings.junit_cases(),
        r.findings.failed_cases(),
        r.failed_inputs()
    )?;
    r.findings.copy_to(w, true)?;
    w.write_all(b"</testsuites>\n")
}
