//! Terminal output in the style of miette/rustc: severity, code, message, the location and
//! the directive (masked evidence, never the raw line, so secrets cannot leak), the clause
//! and the fix.

use super::{diag_level_label, diag_location, fix_example, push_location, GroupCtx, Report};
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
    fn sev_into(&self, out: &mut String, s: Severity, lang: Lang) {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint_into(out, code, s.label(lang))
    }
    /// [`Style::paint`] appended to `out`.
    fn paint_into(&self, out: &mut String, code: &str, s: &str) {
        self.open(out, code);
        out.push_str(s);
        self.close(out);
    }
    fn open(&self, out: &mut String, code: &str) {
        if self.on {
            let _ = write!(out, "\x1b[{code}m");
        }
    }
    fn close(&self, out: &mut String) {
        if self.on {
            out.push_str("\x1b[0m");
        }
    }
}

/// One group's findings, each followed by a blank line. Written straight into one string:
/// the message, location, fix text and styling are not built as strings of their own.
pub fn fragment(group: GroupCtx, findings: &[Finding], lang: Lang, color: bool) -> Vec<u8> {
    let st = Style { on: color };
    let mut out = String::with_capacity(findings.len() * 512);
    let clause_label = if lang == Lang::Ja { "ガイドライン" } else { "guideline" };
    let fix_label = if lang == Lang::Ja { "対処" } else { "fix" };
    let example_label = if lang == Lang::Ja { "設定例" } else { "example" };
    for f in findings {
        st.sev_into(&mut out, f.severity, lang);
        let _ = write!(out, "[{}]: ", f.rule);
        st.open(&mut out, "1");
        f.message_pieces(lang, |piece| out.push_str(piece));
        st.close(&mut out);
        out.push_str("\n  ");
        st.paint_into(&mut out, "34", "-->");
        out.push(' ');
        push_location(&mut out, f);
        out.push('\n');
        if !f.origin.evidence.is_empty() {
            let mut digits = itoa_u32(f.origin.line);
            if f.origin.line == 0 {
                digits.1 = 0;
            }
            let gutter = std::str::from_utf8(&digits.0[digits.0.len() - digits.1..]).expect("ASCII digits");
            let pad = &"                    "[..gutter.len()];
            let _ = write!(out, "  {pad} ");
            st.paint_into(&mut out, "34", "|");
            out.push_str("\n  ");
            st.paint_into(&mut out, "34", gutter);
            out.push(' ');
            st.paint_into(&mut out, "34", "|");
            let _ = write!(out, " {}\n  {pad} ", f.origin.evidence_in(lang));
            st.paint_into(&mut out, "34", "|");
            out.push('\n');
        }
        let _ = write!(out, "  = {clause_label}: ");
        for (n, c) in f.clauses().iter().enumerate() {
            if n > 0 {
                out.push_str(", ");
            }
            out.push_str(c);
        }
        // The general fix, then the example for this input's format on its own line: config
        // text, copied as it is.
        let _ = writeln!(out, "\n  = {fix_label}: {}", f.fix(lang));
        if let Some(example) = fix_example(f, group.format, lang) {
            let _ = writeln!(out, "  = {example_label}: {example}");
        }
        if let Some(w) = &f.waiver {
            let label = if lang == Lang::Ja { "例外承認済み" } else { "waived" };
            out.push_str("  = ");
            st.paint_into(&mut out, "35", label);
            let _ = writeln!(
                out,
                ": {} ({}, {} {})",
                w.reason,
                w.owner,
                if lang == Lang::Ja { "期限" } else { "until" },
                w.expires
            );
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// Decimal digits of `n` right-aligned in a buffer, with how many there are.
fn itoa_u32(mut n: u32) -> ([u8; 10], usize) {
    let mut buf = [0u8; 10];
    let mut len = 0;
    loop {
        len += 1;
        buf[10 - len] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return (buf, len);
        }
    }
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
            if p.try_sni {
                let hint = if lang == Lang::Ja {
                    "サーバ名 (SNI) を送らずに接続しました。名前を指定しないと応答しないサーバかもしれません: --sni 名前 を試してください"
                } else {
                    "no server name (SNI) was sent; the server may answer only for a name: try --sni NAME"
                };
                let _ = writeln!(out, "  = {hint}");
            }
        }
    }
    // What was measured, per endpoint, before the findings.
    for p in r.endpoints.iter().filter(|p| p.endpoint.is_some()) {
        if !out.is_empty() {
            out.push('\n');
        }
        super::probe_view::write(&mut out, p, lang, &|s| st.paint("1", s));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    w.write_all(out.as_bytes())?;
    r.findings.copy_to(w, false)?;
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
            if !r.skipped.is_empty() {
                let _ = write!(l, "、形式不明でスキップしたファイル {} 件", r.skipped.len());
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
            if !r.skipped.is_empty() {
                let _ = write!(l, "; {} file(s) of unknown format skipped", r.skipped.len());
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
    let advisories = crate::advisories::in_use();
    let _ = writeln!(out, "{}: {}", crate::advisories::AdvisoryTable::heading(lang), advisories.summary(lang));
    outside_files(&mut out, r, lang);
    w.write_all(out.as_bytes())
}

/// Files shown in the summary's list of files read outside the inputs, at most.
const MAX_OUTSIDE_SHOWN: usize = 20;

/// How many inputs were only partly judged, and which files outside the inputs were read
/// (includes, certificates, DH parameters): a clean result is evidence only of what was read.
fn outside_files(out: &mut String, r: &Report, lang: Lang) {
    let partly = r.inputs.iter().filter(|i| i.partly_judged()).count();
    if partly > 0 {
        let _ = match lang {
            Lang::Ja => writeln!(out, "一部しか判定できなかった入力: {partly} 件 (上の診断を参照)"),
            Lang::En => writeln!(out, "partly judged inputs: {partly} (see the diagnostics above)"),
        };
    }
    let mut files: Vec<&str> = r.inputs.iter().flat_map(|i| i.included.iter().chain(&i.read_files)).map(|p| &**p).collect();
    files.sort_unstable();
    files.dedup();
    if files.is_empty() {
        return;
    }
    let _ = match lang {
        Lang::Ja => writeln!(out, "入力の外から読んだファイル: {} 件", files.len()),
        Lang::En => writeln!(out, "files read outside the inputs: {}", files.len()),
    };
    for f in files.iter().take(MAX_OUTSIDE_SHOWN) {
        let _ = writeln!(out, "  {f}");
    }
    if files.len() > MAX_OUTSIDE_SHOWN {
        let rest = files.len() - MAX_OUTSIDE_SHOWN;
        let _ = match lang {
            Lang::Ja => writeln!(out, "  ほか {rest} 件 (JSON の inputs[].included / read_files に全件)"),
            Lang::En => writeln!(out, "  and {rest} more (all in JSON inputs[].included / read_files)"),
        };
    }
}
