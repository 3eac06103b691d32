//! `kensa explain CODE`: a rule's full text, in the style of `ruff rule`.

use crate::i18n::Lang;
use crate::rules::RuleMeta;
use std::fmt::Write as _;

pub fn explain(m: &RuleMeta, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut o = String::new();
    let _ = writeln!(o, "# {} {} ({})\n", m.code, m.title.get(lang), m.name);
    let _ = writeln!(o, "{}: {}", if ja { "ガイドライン条項" } else { "Guideline clauses" }, m.clauses.join(", "));
    let _ = writeln!(o, "{}: {}", if ja { "重大度" } else { "Severity" }, m.severity.label(lang));
    let applies: Vec<&str> = m.applies_to.iter().map(|t| model_kind(t, lang)).collect();
    let _ = writeln!(o, "{}: {}\n", if ja { "対象" } else { "Applies to" }, applies.join(", "));
    let _ = writeln!(o, "## {}\n\n{}\n", if ja { "理由" } else { "Why" }, m.why.get(lang));
    let _ = writeln!(o, "## {}\n\n{}\n", if ja { "対処" } else { "Fix" }, m.fix.get(lang));
    if let Some(t) = &m.fix_client {
        let label = if ja {
            "上流サーバへの接続では"
        } else {
            "For the connection to an upstream server"
        };
        let _ = writeln!(o, "{label}: {}\n", t.get(lang));
    }
    for (fmt, t) in m.fix_by_format.iter().filter(|(_, t)| !t.get(lang).is_empty()) {
        match fmt.strip_suffix("-client") {
            Some(base) if ja => _ = writeln!(o, "- {base} (上流サーバへの接続): `{}`", t.get(lang)),
            Some(base) => _ = writeln!(o, "- {base} (to the upstream server): `{}`", t.get(lang)),
            None => _ = writeln!(o, "- {fmt}: `{}`", t.get(lang)),
        }
    }
    if !m.fix_by_format.is_empty() {
        o.push('\n');
    }
    if !m.options.is_empty() {
        let _ = writeln!(
            o,
            "## {}\n",
            if ja {
                "設定項目 (kensa.toml [rules.CODE])"
            } else {
                "Options (kensa.toml [rules.CODE])"
            }
        );
        for (k, v) in &m.options {
            let _ = writeln!(o, "- {k} = {v}");
        }
        o.push('\n');
    }
    let _ = writeln!(o, "## {}\n", if ja { "例" } else { "Examples" });
    for e in &m.examples {
        let label = match (e.kind.as_str(), ja) {
            ("bad", true) => "違反",
            ("good", true) => "適合",
            ("bad", false) => "Bad",
            _ => {
                if ja {
                    "適合"
                } else {
                    "Good"
                }
            }
        };
        let _ = writeln!(o, "{label} ({}):\n```\n{}\n```\n", e.format, e.text.trim_end());
    }
    o
}

/// A rule's `applies_to` entry (a model type name) as readers call it.
fn model_kind(kind: &str, lang: Lang) -> &str {
    let (ja, en) = match kind {
        "TlsEndpoint" => ("TLS エンドポイント", "TLS endpoint"),
        "VpnTunnel" => ("VPN トンネル", "VPN tunnel"),
        "Wlan" => ("無線 LAN", "wireless LAN"),
        "Account" => ("アカウント", "account"),
        "Secret" => ("鍵・パスワード", "key or password"),
        "MgmtService" => ("管理サービス", "management service"),
        "FilterPolicy" => ("通信フィルタ", "filter policy"),
        "Firmware" => ("ファームウェア", "firmware"),
        "Interface" => ("インタフェース", "interface"),
        "Device" => ("機器", "device"),
        "LogTarget" => ("ログの送信先", "log destination"),
        "TimeSource" => ("時刻の同期先", "time source"),
        "Waiver" => ("例外承認", "waiver"),
        other => (other, other),
    };
    if lang == Lang::Ja {
        ja
    } else {
        en
    }
}
