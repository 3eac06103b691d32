//! What a finding is about (its subject), as a Japanese reader reads it.
//!
//! Parsers name subjects once, in English glue around config names ("nginx upstream U
//! (from server S)", "FortiGate http on wan1"). This is the one place that knows those
//! shapes and puts the names into Japanese word order; names stay as written.

/// `subject` in Japanese, or `None` when it reads the same (names and config words only).
pub fn ja(subject: &str) -> Option<String> {
    let mut s = std::borrow::Cow::Borrowed(subject);
    for shape in SHAPES {
        if let Some(t) = shape(&s) {
            s = std::borrow::Cow::Owned(t);
        }
    }
    match s {
        std::borrow::Cow::Owned(t) => Some(t),
        std::borrow::Cow::Borrowed(_) => None,
    }
}

/// `s.split_once(pat)` for a `pat` that begins with a space: only the subject's spaces
/// (found with memchr) are tried. Every subject of a Japanese report passes every shape, and
/// a substring searcher set up on each call (core's two-way, memchr's `memmem::find`) was
/// most of the cost of this module (docs/performance.md, session 15).
fn split_once<'a>(s: &'a str, pat: &str) -> Option<(&'a str, &'a str)> {
    debug_assert!(pat.starts_with(' '), "{pat:?}");
    let i = memchr::memchr_iter(b' ', s.as_bytes()).find(|&i| s.as_bytes()[i..].starts_with(pat.as_bytes()))?;
    Some((&s[..i], &s[i + pat.len()..]))
}

type Shape = fn(&str) -> Option<String>;

const SHAPES: &[Shape] = &[
    |s| {
        let (head, server) = split_once(s.strip_suffix(')')?, " (from server ")?;
        let upstream = head.strip_prefix("nginx upstream ")?;
        Some(format!("nginx server {server} の上流サーバ {upstream}"))
    },
    |s| split_once(s, " proxy to ").map(|(vhost, to)| format!("{vhost} のプロキシ先 {to}")),
    |s| s.strip_prefix("FortiGate admin GUI").map(|rest| format!("FortiGate 管理画面{rest}")),
    |s| {
        let (what, on) = split_once(s.strip_prefix("FortiGate ")?, " on ")?;
        // `what` is Japanese after the admin GUI shape: no space joins it to の.
        let no = super::join_literal("の ", false, what.starts_with(super::is_japanese));
        Some(format!("FortiGate {on} {no}{what}"))
    },
    |s| s.strip_prefix("NetworkManager connection ").map(|rest| format!("NetworkManager の接続 {rest}")),
    |s| s.strip_prefix("strongSwan connection ").map(|rest| format!("strongSwan の接続 {rest}")),
    |s| s.strip_prefix("Windows WLAN profile ").map(|rest| format!("Windows WLAN プロファイル {rest}")),
    |s| s.strip_suffix(" control channel").map(|x| format!("{x} の制御チャネル")),
    |s| {
        let (iface, key) = split_once(s.strip_prefix("WireGuard ")?, " peer ")?;
        Some(format!("WireGuard {iface} のピア {key}"))
    },
    |s| split_once(s, " ISAKMP key for ").map(|(x, peer)| format!("{x} crypto isakmp key (相手 {peer})")),
    |s| split_once(s, " pre-shared-key for ").map(|(x, peer)| format!("{x} pre-shared-key (相手 {peer})")),
    |s| split_once(s, " via profile ").map(|(x, p)| format!("{x} (IPsec プロファイル {p} 経由)")),
    |s| s.strip_suffix(" stats page").map(|x| format!("{x} 統計ページ")),
    |s| s.strip_suffix(" PSK for any peer").map(|x| format!("{x} の全相手向けの項目")),
    // After the line above: `ipsec.secrets PSK for any peer` is already Japanese there.
    |s| s.strip_prefix("ipsec.secrets PSK for ").map(|ids| format!("ipsec.secrets の {ids} 向けの項目")),
    |s| split_once(s, " IKEv2 key for ").map(|(x, id)| format!("{x} IKEv2 の事前共有鍵 (ID {id})")),
    |s| s.strip_prefix("OpenVPN peer ").map(|x| format!("OpenVPN 対向 {x}")),
    |s| s.strip_prefix("probed endpoint ").map(|t| format!("接続先 {t}")),
];

#[cfg(test)]
mod tests {
    use super::ja;

    #[test]
    fn english_glue_becomes_japanese_word_order_with_names_as_written() {
        let cases = [
            (
                "nginx upstream https://10.20.0.15:8443 (from server pacs.example-hospital.jp)",
                Some("nginx server pacs.example-hospital.jp の上流サーバ https://10.20.0.15:8443"),
            ),
            ("FortiGate http on wan1", Some("FortiGate wan1 の http")),
            (
                "OpenVPN client client-bad.ovpn control channel",
                Some("OpenVPN client client-bad.ovpn の制御チャネル"),
            ),
            ("haproxy backend emr_app server app1 10.0.20.11:8443", None),
            (
                "Cisco interface Tunnel1 via profile ipsec-vpn-1",
                Some("Cisco interface Tunnel1 (IPsec プロファイル ipsec-vpn-1 経由)"),
            ),
            (
                "Cisco crypto keyring K pre-shared-key for 192.0.2.1",
                Some("Cisco crypto keyring K pre-shared-key (相手 192.0.2.1)"),
            ),
            (
                "ipsec.secrets PSK for @a.example.jp @b.example.jp",
                Some("ipsec.secrets の @a.example.jp @b.example.jp 向けの項目"),
            ),
            ("ipsec.secrets PSK for any peer", Some("ipsec.secrets の全相手向けの項目")),
            ("NEC IX IKEv2 key for keyid:branch1", Some("NEC IX IKEv2 の事前共有鍵 (ID keyid:branch1)")),
        ];
        for (subject, want) in cases {
            assert_eq!(ja(subject).as_deref(), want, "{subject}");
        }
    }
}
