//! A self-contained HTML report (no scripts, no external assets) that a vendor can hand to
//! a hospital: summary, findings by clause, inputs and their coverage.

use super::junit::{escape, escape_into};
use super::{fix_example, push_location, GroupCtx, Report};
use crate::i18n::Lang;
use crate::rules::Finding;
use std::fmt::Write as _;
use std::io;

/// Table rows for one group's findings, escaped straight into the output (location and fix
/// text go through one scratch string).
pub fn fragment(group: GroupCtx, findings: &[Finding], lang: Lang) -> Vec<u8> {
    let ja = lang == Lang::Ja;
    let mut o = String::with_capacity(findings.len() * 512);
    let mut scratch = String::new();
    for f in findings {
        let sev = f.severity.name();
        // A waived finding says so where the eye looks first, with the severity it would
        // have beside it.
        match &f.waiver {
            Some(_) => {
                let _ = write!(
                    o,
                    "<tr class=\"waived\"><td class=\"sev\">{}<br><small class=\"{sev}\">{}</small></td><td>{}</td><td>",
                    if ja { "例外承認" } else { "waived" },
                    f.severity.label(lang),
                    f.rule
                );
            }
            None => {
                let _ = write!(o, "<tr><td class=\"sev {sev}\">{}</td><td>{}</td><td>", f.severity.label(lang), f.rule);
            }
        }
        for (n, c) in f.clauses().iter().enumerate() {
            if n > 0 {
                o.push_str(", ");
            }
            o.push_str(c);
        }
        o.push_str("</td><td>");
        f.message_pieces(lang, |piece| escape_into(&mut o, piece));
        if let Some(w) = &f.waiver {
            let _ = write!(
                o,
                "<br><em>{}: {} ({}, {})</em>",
                if ja { "例外承認" } else { "waived" },
                escape(&w.reason),
                escape(&w.owner),
                escape(&w.expires)
            );
        }
        o.push_str("</td><td>");
        scratch.clear();
        push_location(&mut scratch, f);
        escape_into(&mut o, &scratch);
        o.push_str("<br><code>");
        escape_into(&mut o, &f.origin.evidence_in(lang));
        o.push_str("</code></td><td>");
        escape_into(&mut o, f.fix(lang));
        // The example for this input's format, on its own line, as config text.
        if let Some(example) = fix_example(f, group.format, lang) {
            o.push_str("<br><code>");
            escape_into(&mut o, example);
            o.push_str("</code>");
        }
        o.push_str("</td></tr>\n");
    }
    o.into_bytes()
}

pub fn write(r: &Report, w: &mut dyn io::Write) -> io::Result<()> {
    let ja = r.lang == Lang::Ja;
    let s = r.summary();
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>kensa report</title>\n<style>{FLAT_CSS}</style></head><body>\n",
        if ja { "ja" } else { "en" }
    );
    let _ = writeln!(
        o,
        "<h1>kensa — {}</h1>",
        if ja {
            "医療情報システム安全管理ガイドライン 第6.0版 13章 点検結果"
        } else {
            "MHLW guideline 6.0 chapter 13 check"
        }
    );
    let _ = writeln!(
        o,
        "<p>{}: {} {} / {} {} / {} {} / {} {}</p><p>{}: {} ({})</p>",
        if ja { "集計" } else { "Summary" },
        s.error,
        if ja { "エラー" } else { "errors" },
        s.warning,
        if ja { "警告" } else { "warnings" },
        s.info,
        if ja { "情報" } else { "info" },
        s.waived,
        if ja { "例外承認" } else { "waived" },
        if ja { "ポリシー" } else { "Policy" },
        escape(&r.policy.title),
        escape(&r.policy.source)
    );
    let advisories = crate::advisories::in_use();
    let _ = writeln!(
        o,
        "<p>{}: {}</p>",
        if ja { "脆弱性情報" } else { "Advisories" },
        escape(&advisories.summary(r.lang))
    );
    let _ = writeln!(
        o,
        "<p>{}: {}</p>",
        if ja { "点検日時 (UTC)" } else { "Run at (UTC)" },
        crate::rfc3339(crate::run_time())
    );
    let findings = [
        (Some("w-sev"), ("重大度", "Severity")),
        (Some("w-rule"), ("ルール", "Rule")),
        (Some("w-clause"), ("条項", "Clauses")),
        (None, ("内容", "Message")),
        (Some("w-where"), ("場所", "Location")),
        (Some("w-fix"), ("対処", "Fix")),
    ];
    open_table(&mut o, r.lang, ("所見", "Findings"), Some("findings"), &findings);
    w.write_all(o.as_bytes())?;
    r.findings.copy_to(w, false)?;
    let mut o = String::new();
    o.push_str("</table>\n");
    let inputs = [
        (Some("w-path"), ("パス", "Path")),
        (Some("w-format"), ("形式", "Format")),
        (Some("w-lines"), ("行数 (解釈不能)", "Lines (unrecognised)")),
        (None, ("エラー", "Error")),
    ];
    open_table(&mut o, r.lang, ("入力", "Inputs"), None, &inputs);
    for i in r.inputs {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{} ({})</td><td>{}</td></tr>",
            escape(&i.path),
            i.format.map_or("?", |f| f.name()),
            i.lines,
            i.unrecognized_lines,
            escape(&i.error().map(|d| d.kind.message(r.lang)).unwrap_or_default())
        );
    }
    for e in r.endpoints {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>probe</td><td>{} handshakes, {} ms</td><td>{}</td></tr>",
            escape(&e.target),
            e.handshakes,
            e.elapsed_ms,
            escape(&e.error.as_ref().map(|e| e.message(r.lang)).unwrap_or_default())
        );
    }
    o.push_str("</table>\n");
    let _ = writeln!(
        o,
        "<h2>{}</h2><p>{}</p></body></html>",
        if ja { "手作業で確認する項目" } else { "Items to confirm by hand" },
        if ja {
            "13-1 (責任分界の文書化)、13-3 (閉域網の通信経路のセキュリティ範囲の確認)、13-7 (情報そのものの暗号化) は設定から判断できません。運用者に確認してください。"
        } else {
            "13-1 (documented responsibility boundaries), 13-3 (scope of a carrier closed network's channel security) and 13-7 (encrypting the information itself) cannot be seen in a configuration; confirm them with the operator."
        }
    );
    w.write_all(o.as_bytes())
}

/// A4 (210 mm less 14 mm margins each side): the screen layout has the printed width, so
/// what fits on screen fits on paper. Fixed table layout with set column widths, and long
/// paths, evidence and config lines wrap anywhere instead of widening the table past the
/// page; severity words never break (Japanese "エラー" was set one character per line).
const FLAT_CSS: &str = "@page{size:A4;margin:14mm}\
*{box-sizing:border-box}\
html{font-family:system-ui,'Noto Sans CJK JP','Hiragino Sans','Yu Gothic','Meiryo',sans-serif;font-size:9pt;line-height:1.4}\
body{width:182mm;max-width:100%;margin:0 auto}\
table{border-collapse:collapse;width:100%;table-layout:fixed}\
td,th{border:1px solid #ccc;padding:1mm 1.5mm;text-align:left;vertical-align:top;overflow-wrap:anywhere}\
tr{break-inside:avoid;page-break-inside:avoid}\
thead{display:table-header-group}\
.sev{white-space:nowrap;word-break:keep-all}\
.error{color:#b00}.warning{color:#a60}.info{color:#06a}\
tr.waived{background:#eef;color:#444}\
code{font-family:ui-monospace,'Noto Sans Mono CJK JP',monospace;font-size:8pt;background:#f4f4f4;white-space:pre-wrap;overflow-wrap:anywhere}\
col.w-sev{width:17mm}col.w-rule{width:17mm}col.w-clause{width:15mm}col.w-where{width:42mm}col.w-fix{width:44mm}\
col.w-path{width:80mm}col.w-format{width:25mm}col.w-lines{width:30mm}";

/// A section's heading and the head of its table: each column's class (None: none) and its
/// header, in Japanese and English.
fn open_table(o: &mut String, lang: Lang, heading: (&str, &str), class: Option<&str>, columns: &[(Option<&str>, (&str, &str))]) {
    // `<tag>`, or `<tag class="…">`.
    let open = |o: &mut String, tag: &str, class: Option<&str>| {
        let _ = match class {
            Some(class) => write!(o, "<{tag} class=\"{class}\">"),
            None => write!(o, "<{tag}>"),
        };
    };
    let _ = write!(o, "<h2>{}</h2>", lang.of(heading));
    open(o, "table", class);
    o.push_str("<colgroup>");
    for (class, _) in columns {
        open(o, "col", *class);
    }
    o.push_str("</colgroup><tr>");
    for (_, header) in columns {
        let _ = write!(o, "<th>{}</th>", lang.of(*header));
    }
    o.push_str("</tr>\n");
}
