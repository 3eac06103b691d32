//! Output of `scan`, `diff` and `history`: for people (Japanese or English), JSON, and JSON
//! Lines (one change per line, for a SIEM). Shapes are in docs/json.md.

use super::changes::{ChangeKind, Diff};
use super::{CertEntry, Pruned, RunInfo};
use crate::i18n::Lang;
use crate::report::json::rfc3339;
use serde_json::json;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    Human,
    Json,
    /// One JSON object per line: one per change (diff, scan), run or certificate.
    Jsonl,
}

const KINDS: [ChangeKind; 6] = [
    ChangeKind::New,
    ChangeKind::Returned,
    ChangeKind::Worse,
    ChangeKind::Resolved,
    ChangeKind::NotChecked,
    ChangeKind::StillOpen,
];

fn kind_key(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::New => "new",
        ChangeKind::Returned => "returned",
        ChangeKind::Worse => "worse",
        ChangeKind::Resolved => "resolved",
        ChangeKind::NotChecked => "not_checked",
        ChangeKind::StillOpen => "still_open",
    }
}

fn time(t: i64) -> String {
    rfc3339(t).replace('T', " ").replace('Z', " UTC")
}

fn run_json(r: &RunInfo) -> serde_json::Value {
    json!({"id": r.id, "started_at": rfc3339(r.started_at), "finished_at": r.finished_at.map(rfc3339),
           "complete": r.complete(), "kensa_version": r.kensa_version, "targets": r.targets, "inputs": r.inputs})
}

fn gap_reason(reason: &str, lang: Lang) -> &str {
    match (reason, lang) {
        ("unreachable", Lang::Ja) => "到達できず",
        ("unreadable", Lang::Ja) => "読み込めず",
        ("not_scanned", Lang::Ja) => "今回は点検対象外",
        ("unreachable", _) => "unreachable",
        ("unreadable", _) => "could not be read",
        ("not_scanned", _) => "not scanned this time",
        (r, _) => r,
    }
}

/// A diff (also what `kensa scan` prints about its own run).
pub fn write_diff(d: &Diff, site: &str, format: HistoryFormat, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    match format {
        HistoryFormat::Json => {
            let mut summary = serde_json::Map::new();
            for k in KINDS {
                summary.insert(kind_key(k).into(), json!(d.count(k)));
            }
            let v = json!({
                "schema": "kensa/diff-v1",
                "site": site,
                "from": (d.from.id > 0).then(|| run_json(&d.from)),
                "to": run_json(&d.to),
                "summary": summary,
                "changes": d.changes,
                "gaps": d.gaps.iter().map(|(s, r)| json!({"scope": s, "reason": r})).collect::<Vec<_>>(),
            });
            writeln!(w, "{}", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
        HistoryFormat::Jsonl => {
            let at = rfc3339(d.to.finished_at.unwrap_or(d.to.started_at));
            let from = (d.from.id > 0).then_some(d.from.id);
            for c in d.changes.iter().filter(|c| c.change != ChangeKind::StillOpen) {
                let mut v = serde_json::to_value(c).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.insert("schema".into(), json!("kensa/change-v1"));
                    o.insert("site".into(), json!(site));
                    o.insert("from_run".into(), json!(from));
                    o.insert("to_run".into(), json!(d.to.id));
                    o.insert("at".into(), json!(at));
                }
                writeln!(w, "{v}")?;
            }
            for (scope, reason) in &d.gaps {
                let v = json!({"schema": "kensa/change-v1", "change": "gap", "reason": reason, "scope": scope, "site": site,
                               "from_run": from, "to_run": d.to.id, "at": at});
                writeln!(w, "{v}")?;
            }
            Ok(())
        }
        HistoryFormat::Human => write_diff_human(d, site, lang, w),
    }
}

fn write_diff_human(d: &Diff, site: &str, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let ja = lang == Lang::Ja;
    let to = format!("{} {} ({})", if ja { "実行" } else { "run" }, d.to.id, time(d.to.started_at));
    if d.from.id > 0 {
        let from = format!("{} {} ({})", if ja { "実行" } else { "run" }, d.from.id, time(d.from.started_at));
        if ja {
            writeln!(w, "サイト {site}: {from} → {to} の変化")?;
        } else {
            writeln!(w, "site {site}: changes from {from} to {to}")?;
        }
    } else if ja {
        writeln!(w, "サイト {site}: {to} (最初の実行: すべての所見が新規)")?;
    } else {
        writeln!(w, "site {site}: {to} (first run: every finding is new)")?;
    }
    let counts: Vec<String> = KINDS.iter().map(|k| format!("{} {}", short(*k, lang), d.count(*k))).collect();
    writeln!(w, "{}", counts.join(" / "))?;
    for k in KINDS.iter().filter(|k| **k != ChangeKind::StillOpen) {
        let list: Vec<_> = d.changes.iter().filter(|c| c.change == *k).collect();
        if list.is_empty() {
            continue;
        }
        writeln!(w, "\n{}:", k.label(lang))?;
        for c in list {
            let sev = crate::history::observe::severity_from_number(c.severity_n).label(lang);
            let was = match c.severity_before {
                Some(b) => format!(" ({} {})", if ja { "以前は" } else { "was" }, label_of(b, lang)),
                None => String::new(),
            };
            let waived = if c.waived {
                if ja {
                    " [例外承認済み]"
                } else {
                    " [waived]"
                }
            } else {
                ""
            };
            writeln!(w, "  {sev}{was} {} {}{waived}: {}", c.rule, c.location, c.message)?;
        }
    }
    if !d.gaps.is_empty() {
        writeln!(
            w,
            "\n{}:",
            if ja {
                "この実行で点検できなかった対象"
            } else {
                "not judged in this run"
            }
        )?;
        for (scope, reason) in &d.gaps {
            writeln!(w, "  {scope} ({})", gap_reason(reason, lang))?;
        }
    }
    Ok(())
}

fn short(k: ChangeKind, lang: Lang) -> &'static str {
    lang.of(match k {
        ChangeKind::New => ("新規", kind_key(k)),
        ChangeKind::Returned => ("再発", kind_key(k)),
        ChangeKind::Worse => ("悪化", kind_key(k)),
        ChangeKind::Resolved => ("解消", kind_key(k)),
        ChangeKind::NotChecked => ("未確認", kind_key(k)),
        ChangeKind::StillOpen => ("継続", kind_key(k)),
    })
}

fn label_of(name: &str, lang: Lang) -> &'static str {
    let n = match name {
        "error" => 3,
        "warning" => 2,
        _ => 1,
    };
    crate::history::observe::severity_from_number(n).label(lang)
}

/// `kensa history`: the runs, with the findings open at each.
pub fn write_runs(runs: &[(RunInfo, i64)], site: &str, format: HistoryFormat, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let ja = lang == Lang::Ja;
    match format {
        HistoryFormat::Json => {
            let list: Vec<_> = runs
                .iter()
                .map(|(r, open)| {
                    let mut v = run_json(r);
                    v["open_findings"] = json!(r.complete().then_some(*open));
                    v
                })
                .collect();
            let v = json!({"schema": "kensa/history-v1", "site": site, "runs": list});
            writeln!(w, "{}", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
        HistoryFormat::Jsonl => {
            for (r, open) in runs {
                let mut v = run_json(r);
                v["site"] = json!(site);
                v["open_findings"] = json!(r.complete().then_some(*open));
                writeln!(w, "{v}")?;
            }
            Ok(())
        }
        HistoryFormat::Human => {
            if ja {
                writeln!(w, "サイト {site} の実行履歴")?;
                writeln!(
                    w,
                    "{:>6}  {:<24}  {:<10}  {:>6}  {:>8}  {:>6}",
                    "実行", "開始", "状態", "接続先", "ファイル", "所見"
                )?;
            } else {
                writeln!(w, "runs of site {site}")?;
                writeln!(
                    w,
                    "{:>6}  {:<24}  {:<10}  {:>7}  {:>6}  {:>6}",
                    "run", "started", "status", "targets", "inputs", "open"
                )?;
            }
            for (r, open) in runs {
                let status = match (r.complete(), ja) {
                    (true, true) => "完了",
                    (false, true) => "未完了",
                    (true, false) => "complete",
                    (false, false) => "incomplete",
                };
                if r.complete() {
                    writeln!(
                        w,
                        "{:>6}  {:<24}  {:<10}  {:>7}  {:>6}  {:>6}",
                        r.id,
                        time(r.started_at),
                        status,
                        r.targets,
                        r.inputs,
                        open
                    )?;
                } else {
                    writeln!(w, "{:>6}  {:<24}  {:<10}", r.id, time(r.started_at), status)?;
                }
            }
            Ok(())
        }
    }
}

/// `kensa history certs`: the certificate calendar.
pub fn write_certs(certs: &[CertEntry], site: &str, format: HistoryFormat, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let ja = lang == Lang::Ja;
    let item = |c: &CertEntry| {
        json!({"subject": c.subject, "issuer": c.issuer, "not_after": rfc3339(c.not_after), "days_left": c.days_left,
               "key": c.key, "signature": c.signature, "targets": c.targets, "current": c.current,
               "first_run": c.first_run, "ended_run": c.ended_run})
    };
    match format {
        HistoryFormat::Json => {
            let v = json!({"schema": "kensa/certificates-v1", "site": site, "certificates": certs.iter().map(item).collect::<Vec<_>>()});
            writeln!(w, "{}", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
        HistoryFormat::Jsonl => {
            for c in certs {
                let mut v = item(c);
                v["site"] = json!(site);
                writeln!(w, "{v}")?;
            }
            Ok(())
        }
        HistoryFormat::Human => {
            writeln!(
                w,
                "{}",
                if ja {
                    format!("サイト {site} の証明書 (有効期限の近い順)")
                } else {
                    format!("certificates of site {site}, soonest expiry first")
                }
            )?;
            for c in certs {
                let left = match (c.days_left < 0, ja) {
                    (true, true) => format!("期限切れ ({} 日前)", -c.days_left),
                    (false, true) => format!("残り {} 日", c.days_left),
                    (true, false) => format!("expired {} day(s) ago", -c.days_left),
                    (false, false) => format!("{} day(s) left", c.days_left),
                };
                let status = match (c.current, ja) {
                    (true, _) => "",
                    (false, true) => " (現在は提示されていない)",
                    (false, false) => " (no longer presented)",
                };
                writeln!(
                    w,
                    "  {:<22} {}  {}  [{}]{status}",
                    left,
                    &rfc3339(c.not_after)[..10],
                    c.subject,
                    c.targets.join(", ")
                )?;
            }
            Ok(())
        }
    }
}

/// `kensa history prune`.
pub fn write_pruned(p: &Pruned, format: HistoryFormat, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    match (format, lang) {
        (HistoryFormat::Human, Lang::Ja) => writeln!(w, "実行 {} 件と記録 {} 行を削除しました", p.runs, p.rows),
        (HistoryFormat::Human, _) => writeln!(w, "removed {} run(s) and {} row(s)", p.runs, p.rows),
        _ => writeln!(w, "{}", json!({"schema": "kensa/prune-v1", "runs_removed": p.runs, "rows_removed": p.rows})),
    }
}
