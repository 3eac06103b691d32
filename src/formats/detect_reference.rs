//! The content detector as it was before its lines carried precomputed features
//! (session 5): kept, test-only, as the reference the faster scorers must agree with.

use super::super::Format;
use std::path::Path;

/// Picks the format of a file, or None when nothing fits well enough.
pub fn detect(path: &Path, text: &str) -> Option<Format> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let full = path.to_string_lossy().to_ascii_lowercase();
    match name.as_str() {
        "nginx.conf" => return Some(Format::Nginx),
        "httpd.conf" | "apache2.conf" | "httpd-ssl.conf" => return Some(Format::Apache),
        "haproxy.cfg" => return Some(Format::Haproxy),
        // Apache httpd / HAProxy stock file names (Debian, RHEL).
        "default-ssl.conf" | "000-default.conf" | "000-default-le-ssl.conf" | "ports.conf" => return Some(Format::Apache),
        "haproxy.conf" | "haproxy-ssl.cfg" => return Some(Format::Haproxy),
        "swanctl.conf" => return Some(Format::Swanctl),
        "ipsec.conf" => return Some(Format::IpsecConf),
        "ipsec.secrets" => return Some(Format::IpsecSecrets),
        _ => {}
    }
    // Only the first 64 KiB is sniffed: enough for any header, cheap for a 50 MB file. Its
    // first SNIFF_LINES statements nearly always decide; when they do not (a long `map`
    // before the first `server`), the whole head is scored. Lines are split, trimmed and cut
    // at their first word once; every scorer walks the same slice.
    let head = head_of(text);
    let (ls, whole) = sniffed_lines(head, SNIFF_LINES);
    match by_content(&name, &full, head, &ls) {
        None if !whole => by_content(&name, &full, head, &sniffed_lines(head, usize::MAX).0),
        found => found,
    }
}

/// The content rules of `detect`, on the lines sniffed from `head`.
fn by_content(name: &str, full: &str, head: &str, ls: &[Line]) -> Option<Format> {
    if let Some(f) = detect_wlan(name, head, ls) {
        return Some(f);
    }
    // Routers and firewalls: a FortiOS backup always starts with its header line.
    if head.trim_start().starts_with("#config-version=") {
        return Some(Format::Fortios);
    }
    if name.ends_with(".ovpn") {
        return Some(Format::Openvpn);
    }
    if name.ends_with(".secrets") && full.contains("ipsec") {
        return Some(Format::IpsecSecrets);
    }
    let mut scores = [
        (Format::Nginx, score_nginx(ls)),
        (Format::Apache, score_apache(ls)),
        (Format::Haproxy, score_haproxy(ls)),
        // VPN formats
        (Format::Swanctl, score_swanctl(ls)),
        (Format::IpsecConf, score_ipsec_conf(ls)),
        (Format::IpsecSecrets, score_ipsec_secrets(ls)),
        (Format::Openvpn, score_openvpn(ls)),
        (Format::Wireguard, score_wireguard(ls)),
        // Routers and firewalls
        (Format::Fortios, score_fortios(ls)),
        (Format::YamahaRtx, score_yamaha(ls)),
        (Format::CiscoIos, score_cisco(ls)),
    ];
    // Directory names are a hint, not a verdict.
    for (f, s) in scores.iter_mut() {
        let hint = match f {
            Format::Nginx => full.contains("nginx"),
            Format::Apache => full.contains("apache") || full.contains("httpd"),
            Format::Haproxy => full.contains("haproxy"),
            Format::Swanctl => full.contains("swanctl"),
            Format::IpsecConf => full.contains("ipsec.d") || full.contains("strongswan"),
            Format::IpsecSecrets => false,
            Format::Openvpn => full.contains("openvpn"),
            Format::Wireguard => full.contains("wireguard"),
            Format::Hostapd | Format::WpaSupplicant | Format::Nmconnection | Format::WlanXml => false,
            Format::Fortios => full.contains("forti"),
            Format::YamahaRtx => full.contains("yamaha") || full.contains("rtx"),
            Format::CiscoIos => full.contains("cisco") || full.contains("ios"),
        };
        if hint {
            *s += 2;
        }
    }
    scores.sort_by_key(|(_, s)| std::cmp::Reverse(*s));
    let (best, score) = scores[0];
    (score >= 3 && score > scores[1].1).then_some(best)
}

/// A line of the sniffed head: as written, trimmed, and its first whitespace-separated word.
struct Line<'a> {
    raw: &'a str,
    t: &'a str,
    first: &'a str,
}

/// Statements (lines neither blank nor `#` comments) scored first. Every scorer saturates
/// after about 20 characteristic lines, so a real config is decided well within these
/// (stock httpd.conf opens with ~40 comment lines, which do not count).
const SNIFF_LINES: usize = 64;

/// The head's lines up to the `limit`-th statement, and whether the head ended first.
fn sniffed_lines(head: &str, limit: usize) -> (Vec<Line<'_>>, bool) {
    let mut out = Vec::with_capacity(limit.min(1024));
    let mut statements = 0;
    for raw in head.lines() {
        let t = raw.trim();
        let first = t.split_whitespace().next().unwrap_or("");
        out.push(Line { raw, t, first });
        if !t.is_empty() && !t.starts_with('#') {
            statements += 1;
            if statements == limit {
                return (out, false);
            }
        }
    }
    (out, true)
}

/// The first 64 KiB of `text`, cut at a character boundary.
fn head_of(text: &str) -> &str {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Lines that are neither blank nor `#` comments.
fn lines<'a>(ls: &'a [Line<'a>]) -> impl Iterator<Item = &'a Line<'a>> {
    ls.iter().filter(|l| !l.t.is_empty() && !l.t.starts_with('#'))
}

fn score_nginx(ls: &[Line]) -> u32 {
    let mut s: u32 = 0;
    for &Line { t: l, first, .. } in lines(ls) {
        if matches!(first, "server" | "http" | "location" | "upstream" | "stream" | "events") && l.ends_with('{') {
            s += 2;
        } else if l.ends_with(';')
            && (first.starts_with("ssl_")
                || first.starts_with("proxy_")
                || matches!(first, "listen" | "server_name" | "root" | "worker_processes" | "include" | "add_header"))
        {
            s += 1;
        }
        if s > 20 {
            break;
        }
    }
    s
}

fn score_apache(ls: &[Line]) -> u32 {
    let mut s: u32 = 0;
    for &Line { t: l, first, .. } in lines(ls) {
        if first.starts_with("<VirtualHost") || first.starts_with("<IfModule") || first.starts_with("<Directory") || first.starts_with("</") {
            s += 2;
        } else if first.starts_with("SSL")
            || matches!(
                first,
                "ServerName" | "DocumentRoot" | "Listen" | "LoadModule" | "ServerRoot" | "Include" | "IncludeOptional" | "Header"
            )
        {
            s += 1;
        }
        if l.ends_with(';') || l.ends_with('{') {
            s = s.saturating_sub(1);
        }
        if s > 20 {
            break;
        }
    }
    s
}

fn score_haproxy(ls: &[Line]) -> u32 {
    let mut s: u32 = 0;
    for &Line { t: l, first, .. } in lines(ls) {
        if matches!(first, "global" | "defaults" | "frontend" | "backend" | "listen") && !l.ends_with(';') && !l.ends_with('{') {
            s += 2;
        } else if matches!(
            first,
            "bind" | "mode" | "balance" | "timeout" | "default_backend" | "use_backend" | "maxconn" | "http-request" | "http-response" | "default-server"
        ) || first.starts_with("ssl-default-")
            || first.starts_with("tune.ssl.")
        {
            s += 1;
        }
        if s > 20 {
            break;
        }
    }
    s
}

// ---- VPN formats ----

fn score_swanctl(ls: &[Line]) -> u32 {
    let mut s: u32 = 0;
    for &Line { t: l, .. } in lines(ls) {
        let first = l.split(|c: char| c.is_whitespace() || c == '=' || c == '{').next().unwrap_or("");
        if l.ends_with('{') && matches!(first, "connections" | "children" | "secrets" | "pools" | "authorities") {
            s += 3;
        } else if l.contains('=')
            && matches!(
                first,
                "remote_addrs" | "local_addrs" | "esp_proposals" | "proposals" | "local_ts" | "remote_ts" | "start_action" | "auth" | "certs"
            )
        {
            s += 1;
        }
        if s > 20 {
            break;
        }
    }
    s
}

fn score_ipsec_conf(ls: &[Line]) -> u32 {
    let mut s: u32 = 0;
    for line in ls {
        let (raw, l) = (line.raw, line.t);
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let indented = raw.starts_with([' ', '\t']);
        if !indented && (l.starts_with("conn ") || l == "config setup") {
            s += 3;
        } else if indented && l.contains('=') {
            let k = l.split('=').next().unwrap_or("").trim();
            if k.starts_with("left") || k.starts_with("right") || matches!(k, "keyexchange" | "ike" | "esp" | "authby" | "auto" | "also" | "aggressive") {
                s += 1;
            }
        }
        if s > 20 {
            break;
        }
    }
    s
}

fn score_ipsec_secrets(ls: &[Line]) -> u32 {
    const MARKERS: [&str; 6] = [": PSK", ": RSA", ": EAP", ": XAUTH", ": ECDSA", ": P12"];
    let mut s: u32 = 0;
    for &Line { t: l, .. } in lines(ls) {
        // A marker starts the line or follows a space (`@id : PSK "..."`); ASCII case-insensitive.
        let hit = l.contains(':')
            && MARKERS.iter().any(|m| {
                starts_with_ci(l, m)
                    || l.as_bytes()
                        .windows(m.len() + 1)
                        .any(|w| w[0] == b' ' && w[1..].eq_ignore_ascii_case(m.as_bytes()))
            });
        if hit {
            s += 3;
        }
        if s > 20 {
            break;
        }
    }
    s
}

/// ASCII case-insensitive `starts_with`, without allocating.
fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn score_openvpn(ls: &[Line]) -> u32 {
    let mut s: u32 = 0;
    for &Line { t: l, first, .. } in lines(ls).filter(|l| !l.t.starts_with(';')) {
        if matches!(l, "client" | "tls-client" | "tls-server" | "persist-key" | "persist-tun" | "nobind")
            || l.starts_with("<ca>")
            || l.starts_with("<tls-crypt>")
            || l.starts_with("<tls-auth>")
        {
            s += 2;
        } else if !l.contains('=')
            && !l.ends_with(';')
            && !l.ends_with('{')
            && matches!(
                first,
                "dev"
                    | "proto"
                    | "remote"
                    | "remote-cert-tls"
                    | "verify-x509-name"
                    | "tls-auth"
                    | "tls-crypt"
                    | "data-ciphers"
                    | "cipher"
                    | "verb"
                    | "server"
                    | "ifconfig-pool-persist"
                    | "keepalive"
                    | "tls-version-min"
                    | "auth-user-pass"
                    | "push"
                    | "resolv-retry"
                    | "dh"
            )
        {
            s += 1;
        }
        if s > 20 {
            break;
        }
    }
    s
}

fn score_wireguard(ls: &[Line]) -> u32 {
    let mut s: u32 = 0;
    for &Line { t: l, .. } in lines(ls) {
        if l.eq_ignore_ascii_case("[interface]") || l.eq_ignore_ascii_case("[peer]") {
            s += 3;
        } else if l.contains('=')
            && ["privatekey", "publickey", "allowedips", "endpoint", "presharedkey", "listenport"]
                .iter()
                .any(|k| starts_with_ci(l, k))
        {
            s += 1;
        }
        if s > 20 {
            break;
        }
    }
    s
}

/// Wireless formats: distinctive enough to decide on their own (a `network={` block, a
/// `<WLANProfile>`, a keyfile with a `[wifi]` section, hostapd's own keys).
fn detect_wlan(name: &str, head: &str, ls: &[Line]) -> Option<Format> {
    if head.contains("<WLANProfile") {
        return Some(Format::WlanXml);
    }
    let keyfile_wifi = ls
        .iter()
        .any(|l| matches!(l.t, "[wifi]" | "[802-11-wireless]" | "type=wifi" | "type=802-11-wireless"));
    if keyfile_wifi && (name.ends_with(".nmconnection") || ls.iter().any(|l| l.t == "[connection]")) {
        return Some(Format::Nmconnection);
    }
    let mut network_block = false;
    let mut hostapd = 0u32;
    for &Line { t: l, .. } in lines(ls) {
        if l.starts_with("network") && l.chars().filter(|c| !c.is_whitespace()).eq("network={".chars()) {
            network_block = true;
            break;
        }
        let key = l.split('=').next().unwrap_or("");
        if l.contains('=')
            && matches!(
                key,
                "hw_mode"
                    | "wpa_key_mgmt"
                    | "wpa_passphrase"
                    | "rsn_pairwise"
                    | "wpa_pairwise"
                    | "ignore_broadcast_ssid"
                    | "macaddr_acl"
                    | "auth_algs"
                    | "ieee80211n"
                    | "ieee80211ac"
                    | "ieee80211ax"
                    | "bss"
                    | "beacon_int"
                    | "ctrl_interface_group"
                    | "wmm_enabled"
                    | "ieee8021x"
                    | "auth_server_addr"
            )
        {
            hostapd += 1;
        }
    }
    if network_block || name.starts_with("wpa_supplicant") && name.ends_with(".conf") {
        return Some(Format::WpaSupplicant);
    }
    (hostapd >= 2 || (name.starts_with("hostapd") && name.ends_with(".conf") && hostapd >= 1)).then_some(Format::Hostapd)
}

/// FortiOS without its header (a partial export): `config x y` … `edit` … `set` … `end`.
fn score_fortios(ls: &[Line]) -> u32 {
    let mut s: u32 = 0;
    for &Line { t: l, .. } in lines(ls) {
        if l.starts_with("config ") || l == "end" || l == "next" || l.starts_with("edit ") || (l.starts_with("set ") && s > 0) {
            s += 1;
        }
        if s > 20 {
            break;
        }
    }
    s / 2
}

/// YAMAHA RTX `show config`: the `# RTX1210 Rev.14.01.38` banner and its flat commands.
fn score_yamaha(ls: &[Line]) -> u32 {
    let mut s: u32 = 0;
    for l in ls.iter().map(|l| l.t) {
        if l.starts_with("# RTX") || l.starts_with("# NVR") || l.starts_with("# vRX") || l.starts_with("# Reporting Date") {
            s += 4;
        }
        let mut words = l.split_whitespace();
        match (words.next(), words.next()) {
            (Some("tunnel"), Some("select"))
            | (Some("pp"), Some("select"))
            | (Some("ipsec"), Some("ike"))
            | (Some("ipsec"), Some("sa"))
            | (Some("ipsec"), Some("tunnel"))
            | (Some("tunnel"), Some("enable"))
            | (Some("ip"), Some("route"))
            | (Some("nat"), Some("descriptor"))
            | (Some("login"), Some("password"))
            | (Some("administrator"), Some("password")) => s += 2,
            (Some("ip"), Some(x)) if x.starts_with("lan") || x == "pp" || x.starts_with("tunnel") => s += 1,
            (Some("telnetd" | "sshd" | "httpd" | "dns" | "syslog"), Some(_)) => s += 1,
            _ => {}
        }
        if s > 20 {
            break;
        }
    }
    s
}

/// Cisco IOS running-config: `version 15.x`, `!` separators, `interface`, `line vty`.
fn score_cisco(ls: &[Line]) -> u32 {
    let mut s: u32 = 0;
    for l in ls {
        let t = l.raw.trim_end();
        if t == "!" {
            s += 1;
        } else if t.starts_with("version ")
            || t.starts_with("hostname ")
            || t.starts_with("line vty")
            || t.starts_with("interface ")
            || t.starts_with("ip route ")
            || t.starts_with("service ")
            || t.starts_with("no ip ")
            || t == "end"
        {
            s += 2;
        } else if t.starts_with("Building configuration") || t.starts_with("Current configuration") {
            s += 4;
        }
        if s > 20 {
            break;
        }
    }
    s / 2
}
