//! The measurement of one probed endpoint for the terminal, shown before the findings:
//! versions, suites per version in the order the server chose them, groups, the
//! client-certificate verdict (how it was reached, the CA names, the self-signed test),
//! the certificate, HSTS, handshakes and time. Compact: one screen for a simple server.
//!
//! Labels are in the report's language; what was observed on the wire (suite and group
//! names, alert names, HTTP status lines, DNs) is shown as the server sent it, like config
//! text in lint findings.

use super::ProbedEndpoint;
use crate::i18n::Lang;
use crate::model::{CertificateState, ClientAuth, TlsEndpoint, TlsService};
use crate::probe::http::{HSTS_NOT_JUDGED_ERROR_ANSWER as ERROR_ANSWER, HSTS_NOT_JUDGED_REFUSED as REFUSED};
use crate::probe::registry;
use std::fmt::Write as _;

/// Width the suite lists are wrapped to.
const WIDTH: usize = 100;
/// Column where values start.
const LABEL: usize = 18;

/// Appends the block of one endpoint (nothing for a target that could not be measured).
pub fn write(out: &mut String, p: &ProbedEndpoint, lang: Lang, bold: &dyn Fn(&str) -> String) {
    let Some(ep) = &p.endpoint else { return };
    let ja = lang == Lang::Ja;
    let cost = if ja {
        format!("ハンドシェイク {} 回、{} ms", p.handshakes, p.elapsed_ms)
    } else {
        format!("{} handshakes, {} ms", p.handshakes, p.elapsed_ms)
    };
    let _ = writeln!(out, "{} ({cost})", bold(&p.target));

    let versions: Vec<&str> = ep.versions.value.iter().map(|v| v.name()).collect();
    line(out, if ja { "バージョン" } else { "versions" }, &versions.join(", "));
    let order = match ep.server_preference.as_ref().map(|s| s.value) {
        Some(true) if ja => "サーバの優先順",
        Some(true) => "server's order",
        Some(false) if ja => "クライアントの順に従う",
        Some(false) => "follows the client's order",
        None if ja => "選ばれた順",
        None => "order chosen",
    };
    for (v, suites) in ep.cipher_suites.iter().rev() {
        let names: Vec<String> = suites.value.iter().map(|&c| registry::suite_name(c)).collect();
        wrapped(out, v.name(), &names, &format!("({order})"));
    }
    if let Some(g) = &ep.groups {
        let names: Vec<String> = g.value.iter().map(|g| g.name.to_string()).collect();
        wrapped(out, if ja { "グループ" } else { "groups" }, &names, "");
    }
    client_certificate(out, ep, ja);
    certificate(out, ep, ja);
    if ep.service == TlsService::Http {
        let hsts = match &ep.hsts {
            Some(h) => match &h.value {
                Some(x) => format!("max-age={}{}", x.max_age, if x.include_subdomains { "; includeSubDomains" } else { "" }),
                None if ja => "なし".to_string(),
                None => "none".to_string(),
            },
            None => {
                let why = |prefix: &str| p.notes.iter().any(|n| n.starts_with(prefix));
                let text = if why(REFUSED) {
                    if ja {
                        "判定せず (証明書なしの要求は拒否された。拒否の応答からは判定しない)"
                    } else {
                        "not judged (the request without a certificate was refused; a refusal is not judged)"
                    }
                } else if why(ERROR_ANSWER) {
                    if ja {
                        "判定せず (GET / へのエラー応答にヘッダがない。成功の応答にだけ付けるサーバがある)"
                    } else {
                        "not judged (GET / got an error answer without it; some servers add it only to successful answers)"
                    }
                } else if ja {
                    "判定せず (判定できる HTTP の応答がない)"
                } else {
                    "not judged (no HTTP answer to judge)"
                };
                text.to_string()
            }
        };
        line(out, "HSTS", &hsts);
    }
    let shown = |n: &&String| !n.starts_with("client auth ") && !n.starts_with(REFUSED) && !n.starts_with(ERROR_ANSWER);
    for n in p.notes.iter().filter(shown) {
        line(out, if ja { "注記" } else { "note" }, n);
    }
}

fn line(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "  {label}{} {value}", pad(label));
}

/// Spaces after a label so that values line up (Japanese characters count as two columns).
fn pad(label: &str) -> String {
    let width: usize = label.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    " ".repeat(LABEL.saturating_sub(width))
}

/// A list under a label, wrapped at [`WIDTH`], with a tail after the last item.
fn wrapped(out: &mut String, label: &str, items: &[String], tail: &str) {
    let indent = " ".repeat(LABEL + 3);
    let mut cur = format!("  {label}{} ", pad(label));
    let start = cur.len();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() { format!("{item}, ") } else { item.clone() };
        if cur.len() > start && cur.len() + piece.len() > WIDTH {
            out.push_str(cur.trim_end());
            out.push('\n');
            cur = indent.clone();
        }
        cur.push_str(&piece);
    }
    if !tail.is_empty() {
        cur.push(' ');
        cur.push_str(tail);
    }
    out.push_str(&cur);
    out.push('\n');
}

fn client_certificate(out: &mut String, ep: &TlsEndpoint, ja: bool) {
    let Some(ca) = &ep.client_auth else { return };
    let lang = if ja { Lang::Ja } else { Lang::En };
    let ev = &*ca.origin.evidence_in(lang);
    let verdict = lang.of(match ca.value {
        ClientAuth::Required => ("必須", "required"),
        ClientAuth::Optional => ("任意 (証明書なしでも接続できる)", "optional (clients without one get in)"),
        ClientAuth::None => ("要求しない", "not requested"),
        ClientAuth::Unknown => ("判定できず", "unknown"),
    });
    let how = if ev.contains("HTTP ") && ca.value != ClientAuth::None {
        if ja {
            "HTTP の応答で判定"
        } else {
            "decided by the HTTP answer"
        }
    } else if ev.contains("alert") && matches!(ca.value, ClientAuth::Required | ClientAuth::Optional) {
        if ja {
            "TLS のアラートで判定"
        } else {
            "decided by a TLS alert"
        }
    } else if matches!(ca.value, ClientAuth::Optional) {
        if ja {
            "証明書なしでハンドシェイクが完了"
        } else {
            "handshake completed without a certificate"
        }
    } else {
        ""
    };
    let label = if ja { "クライアント証明書" } else { "client cert" };
    if how.is_empty() {
        line(out, label, verdict);
    } else {
        line(out, label, &format!("{verdict}: {how}"));
    }
    line(out, "", &format!("| {ev}"));
    if let Some(names) = &ep.client_ca_names {
        let shown = if names.value.is_empty() {
            if ja {
                "(CA 名の指定なし)".to_string()
            } else {
                "(names none)".to_string()
            }
        } else {
            names.value.join("; ")
        };
        line(out, "", &format!("{} {shown}", if ja { "要求された CA:" } else { "CA names:" }));
    }
    if let Some(f) = &ep.accepts_foreign_client_cert {
        let v = lang.of(match f.value {
            true => ("受け入れた (どの証明書でも通る)", "accepted (any certificate gets in)"),
            false => ("拒否した", "refused"),
        });
        line(out, "", &format!("{} {v}", if ja { "自己署名証明書:" } else { "self-signed certificate:" }));
    }
}

fn certificate(out: &mut String, ep: &TlsEndpoint, ja: bool) {
    let Some(c) = ep.certificates.first() else { return };
    let label = if ja { "証明書" } else { "certificate" };
    let CertificateState::Loaded(f) = &c.state else {
        line(out, label, if ja { "読み取れず" } else { "unreadable" });
        return;
    };
    let until = crate::rules::waiver::date_string(f.not_after);
    let mut s = format!("{}, {} {}, {}, ", f.subject, f.key_type, f.key_bits, f.signature);
    s.push_str(&if ja { format!("{until} まで") } else { format!("until {until}") });
    if f.self_signed {
        s.push_str(if ja { "、自己署名" } else { ", self-signed" });
    }
    if ep.certificates.len() > 1 {
        let n = ep.certificates.len();
        s.push_str(&if ja { format!(" (チェーン {n} 枚)") } else { format!(" (chain of {n})") });
    }
    line(out, label, &s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_line_up_in_both_scripts_and_lists_wrap() {
        assert_eq!(pad("groups").len() + 6, LABEL);
        assert_eq!(pad("グループ").len() + 8, LABEL);
        assert_eq!(pad("クライアント証明書").len(), 0);
        let mut out = String::new();
        let items: Vec<String> = (0..12).map(|i| format!("TLS_SUITE_NUMBER_{i:02}_WITH_AES")).collect();
        wrapped(&mut out, "TLS1.2", &items, "(server's order)");
        assert!(out.lines().count() > 1);
        assert!(out.lines().all(|l| l.len() <= WIDTH + 20), "{out}");
        assert!(out.trim_end().ends_with("(server's order)"));
    }
}
