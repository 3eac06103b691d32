//! Terminal output in the style of miette/rustc: severity, code, message, the location and
//! the directive (masked evidence, never the raw line, so secrets cannot leak), the clause
//! and the fix.

use super::{diag_level_label, diag_location, fix_text, location_string, GroupCtx, Report};
use crate::diag::DiagLevel;
use crate::i18n::Lang;
use crate::rules::{Finding, Severity};
use std::fmt::Write as _;
use std::io;

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn sev(&self, s: Severity, lang: Lang) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, s.label(lang))
    }
}

/// One group's findings, each followed by a blank line.
pub fn fragment(group: GroupCtx, findings: &[Finding], lang: Lang, color: bool) -> Vec<u8> {
    let st = Style { on: color };
    let mut out = String::new();
    for f in findings {
        let waived = f.waiver.is_some();
        let head = format!("{}[{}]", st.sev(f.severity, lang), f.rule);
        let _ = writeln!(out, "{head}: {}", st.paint("1", &f.message(lang)));
        let _ = writeln!(out, "  {} {}", st.paint("34", "-->"), location_string(f));
        if !f.origin.evidence.is_empty() {
            let gutter = if f.origin.line > 0 { f.origin.line.to_string() } else { String::new() };
            let pad = " ".repeat(gutter.len());
            let _ = writeln!(out, "  {pad} {}", st.paint("34", "|"));
            let _ = writeln!(out, "  {} {} {}", st.paint("34", &gutter), st.paint("34", "|"), f.origin.evidence);
            let _ = writeln!(out, "  {pad} {}", st.paint("34", "|"));
        }
        let clause_label = if lang == Lang::Ja { "ガイドライン" } else { "guideline" };
        let _ = writeln!(out, "  = {clause_label}: {}", f.clauses().join(", "));
        let fix_label = if lang == Lang::Ja { "対処" } else { "fix" };
        let _ = writeln!(out, "  = {fix_label}: {}", fix_text(f, group.format, lang));
        if let Some(w) = &f.waiver {
            let label = if lang == Lang::Ja { "例外承認済み" } else { "waived" };
            let _ = writeln!(
                out,
                "  = {}: {} ({}, {} {})",
                st.paint("35", label),
                w.reason,
                w.owner,
                if lang == Lang::Ja { "期限" } else { "until" },
                w.expires
            );
        }
        let _ = waived;
        out.push('\n');
    }
    out.into_bytes()
}

pub fn write(r: &Report, w: &mut dyn io::Write) -> io::Result<()> {
    let st = Style { on: r.findings.color };
    let lang = r.lang;
    let mut out = String::new();
    for d in r.diagnostics() {
        let code = match d.level {
            DiagLevel::Error => "1;31",
            DiagLevel::Warning => "1;33",
            DiagLevel::Info => "2",
        };
        let _ = writeln!(
            out,
            "{}: {}: {}",
            st.paint(code, diag_level_label(d.level, lang)),
            diag_location(d),
            d.kind.message(lang)
        );
    }
    for p in r.endpoints {
        if let Some(e) = &p.error {
            let label = if lang == Lang::Ja { "プローブ失敗" } else { "probe failed" };
            let _ = writeln!(out, "{}: {}: {}", st.paint("1;31", label), p.target, e);
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    w.write_all(out.as_bytes())?;
    r.findings.copy_to(w, b"", false)?;
    let mut out = String::new();
    let s = r.summary();
    let inputs = r.inputs.len() + r.endpoints.len();
    let failed = r.failed_inputs();
    let line = match lang {
        Lang::Ja => {
            let mut l = format!(
                "エラー {} 件、警告 {} 件、情報 {} 件 (例外承認 {} 件) / 入力 {} 件",
                s.error, s.warning, s.info, s.waived, inputs
            );
            if failed > 0 {
                let _ = write!(l, "、うち {failed} 件は読み込みまたは解析に失敗");
            }
            if r.skipped > 0 {
                let _ = write!(l, "、形式不明でスキップしたファイル {} 件", r.skipped);
            }
            l
        }
        Lang::En => {
            let mut l = format!(
                "{} error(s), {} warning(s), {} info ({} waived) in {} input(s)",
                s.error, s.warning, s.info, s.waived, inputs
            );
            if failed > 0 {
                let _ = write!(l, "; {failed} could not be read or parsed");
            }
            if r.skipped > 0 {
                let _ = write!(l, "; {} file(s) of unknown format skipped", r.skipped);
            }
            l
        }
    };
    let _ = writeln!(out, "{}", st.paint("1", &line));
    let _ = writeln!(
        out,
        "{} {} ({})",
        if lang == Lang::Ja { "ポリシー:" } else { "policy:" },
        r.policy.name,
        r.policy.source
    );
    w.write_all(out.as_bytes())
}
