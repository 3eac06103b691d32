//! Format auto-detection: by file name and directory first, then by content. Each format
//! scores the text; the best score above a threshold wins, so a config needs only a couple
//! of characteristic lines to be recognised and a README never is.

use super::{Format, FORMATS};
use std::path::Path;

/// Extensions that are never configs kensa reads (certificates, keys, docs, images,
/// archives): a directory walk skips them without opening them.
const NEVER: &[&str] = &[
    "pem", "crt", "cer", "der", "key", "csr", "p12", "pfx", "jks", "md", "rst", "txt.gz", "gz", "xz", "zst", "bz2", "zip", "tar", "png", "jpg", "jpeg", "gif",
    "svg", "pdf", "html", "css", "js", "json", "lock", "rs", "py", "sh", "so", "o", "a", "exe", "dll", "bin", "img", "iso", "log",
];

/// Could this file be a config at all (without reading it)?
pub fn plausible(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    !NEVER
        .iter()
        .any(|ext| name.len() > ext.len() && name.ends_with(ext) && name.as_bytes()[name.len() - ext.len() - 1] == b'.')
}

/// What the scorers see of a file: its name and path (lower case), the head of its text,
/// and the head's lines cut once.
pub struct Sniff<'a> {
    pub name: &'a str,
    pub full: &'a str,
    pub head: &'a str,
    lines: &'a [Line<'a>],
}

/// A score that decides by itself: a marker no other format writes (a FortiOS header, a
/// `<WLANProfile>`, a `network={` block).
const CERTAIN: u32 = 100;
/// The least a format must score (path hint included) to be chosen.
const THRESHOLD: u32 = 3;
/// What a path word adds to a content score that is not zero.
const HINT: u32 = 2;

/// Picks the format of a file, or None when nothing fits well enough. A format needs
/// positive evidence in the text: a file name of its own, or its own vocabulary (a path
/// word only adds to that). Scripts (`#!`) and XML documents other than WLAN profiles are
/// never configs kensa reads.
pub fn detect(path: &Path, text: &str) -> Option<Format> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let full = path.to_string_lossy().to_ascii_lowercase();
    let named = FORMATS
        .iter()
        .find(|s| s.file_names.contains(&name.as_str()) && !s.not_under.iter().any(|w| full.contains(w)));
    if let Some(spec) = named {
        return Some(spec.format);
    }
    // Only the first 64 KiB is sniffed: enough for any header, cheap for a 50 MB file. Its
    // first SNIFF_LINES statements nearly always decide; when they do not (a long `map`
    // before the first `server`), the whole head is scored. Lines are split, trimmed and cut
    // at their first word once; every scorer walks the same slice.
    let head = head_of(text);
    if head.starts_with("#!") {
        return None;
    }
    let (ls, whole) = sniffed_lines(head, SNIFF_LINES);
    match by_content(&name, &full, head, &ls) {
        None if !whole => by_content(&name, &full, head, &sniffed_lines(head, usize::MAX).0),
        found => found,
    }
}

/// The content rules of `detect`, on the lines sniffed from `head`: the best score at or
/// above [`THRESHOLD`] wins; a tie decides nothing.
fn by_content(name: &str, full: &str, head: &str, ls: &[Line]) -> Option<Format> {
    let sniff = Sniff { name, full, head, lines: ls };
    let (mut best, mut score, mut second) = (None, 0, 0);
    for spec in FORMATS {
        let mut s = (spec.score)(&sniff);
        if s > 0 && spec.path_hints.iter().any(|h| full.contains(h)) {
            s += HINT;
        }
        if s > score {
            (best, second, score) = (Some(spec.format), score, s);
        } else if s > second {
            second = s;
        }
    }
    best.filter(|_| score >= THRESHOLD && score > second)
}

/// A line of the sniffed head: as written, trimmed, and what the scorers ask of it, worked
/// out once (eleven scorers each searching every line for `=` and `:` was most of the cost
/// of detection).
struct Line<'a> {
    raw: &'a str,
    t: &'a str,
    /// First whitespace-separated word of `t`.
    first: &'a str,
    /// Byte offset of the first `=` in `t`.
    eq: Option<usize>,
    /// Whether `t` has a `:`.
    colon: bool,
    /// Neither blank nor a `#` comment.
    statement: bool,
}

impl<'a> Line<'a> {
    fn new(raw: &'a str) -> Self {
        let (t, first) = trim_and_first_word(raw);
        Line {
            raw,
            t,
            first,
            eq: memchr::memchr(b'=', t.as_bytes()),
            colon: memchr::memchr(b':', t.as_bytes()).is_some(),
            statement: !t.is_empty() && !t.starts_with('#'),
        }
    }

    /// `t` before its first `=`, if it has one.
    fn key(&self) -> Option<&'a str> {
        self.eq.map(|i| &self.t[..i])
    }
}

/// `raw.trim()` and its first whitespace-separated word. ASCII lines (nearly all) are
/// walked byte by byte: decoding characters for `trim` and `split_whitespace` was the larger
/// part of sniffing a line.
fn trim_and_first_word(raw: &str) -> (&str, &str) {
    if !raw.is_ascii() {
        let t = raw.trim();
        return (t, t.split_whitespace().next().unwrap_or(""));
    }
    let space = |c: &u8| crate::formats::is_space_byte(*c);
    let b = raw.as_bytes();
    let start = b.iter().position(|c| !space(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !space(c)).map_or(start, |i| i + 1);
    let t = &raw[start..end];
    let first = t.as_bytes().iter().position(space).map_or(t, |i| &t[..i]);
    (t, first)
}

/// Statements (lines neither blank nor `#` comments) scored first. Every scorer saturates
/// after about 20 characteristic lines, so a real config is decided well within these
/// (stock httpd.conf opens with ~40 comment lines, which do not count).
const SNIFF_LINES: usize = 64;

/// The head's lines up to the `limit`-th statement, and whether the head ended first.
fn sniffed_lines(head: &str, limit: usize) -> (Vec<Line<'_>>, bool) {
    let mut out = Vec::with_capacity(limit.min(1024));
    let mut statements = 0;
    for raw in text_lines(head) {
        let line = Line::new(raw);
        let statement = line.statement;
        out.push(line);
        if statement {
            statements += 1;
            if statements == limit {
                return (out, false);
            }
        }
    }
    (out, true)
}

/// The lines of `text` exactly as [`str::lines`] cuts them (a `\n` or `\r\n` ends a line; a
/// final line needs no end), found with memchr: `lines` searched char by char and was the
/// largest part of sniffing.
fn text_lines(text: &str) -> impl Iterator<Item = &str> {
    crate::formats::lines_inclusive(text).map(|l| match l.strip_suffix('\n') {
        Some(l) => l.strip_suffix('\r').unwrap_or(l),
        None => l,
    })
}

/// The first 64 KiB of `text`, cut at a character boundary.
fn head_of(text: &str) -> &str {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A scorer stops adding points above this: more cannot change the verdict.
const ENOUGH: u32 = 20;

/// The points `points` gives each line, added up until they pass [`ENOUGH`] (the rest of
/// the file is not read).
fn add_up<'a>(lines: impl Iterator<Item = &'a Line<'a>>, mut points: impl FnMut(&'a Line<'a>) -> u32) -> u32 {
    let mut s = 0;
    for line in lines {
        s += points(line);
        if s > ENOUGH {
            break;
        }
    }
    s
}

/// Lines that are neither blank nor `#` comments.
fn lines<'a>(ls: &'a [Line<'a>]) -> impl Iterator<Item = &'a Line<'a>> {
    ls.iter().filter(|l| l.statement)
}

pub fn score_nginx(x: &Sniff) -> u32 {
    add_up(lines(x.lines), |&Line { t: l, first, .. }| {
        if matches!(first, "server" | "http" | "location" | "upstream" | "stream" | "events") && l.ends_with('{') {
            2
        } else if l.ends_with(';')
            && (starts(first, "ssl_")
                || starts(first, "proxy_")
                || matches!(first, "listen" | "server_name" | "root" | "worker_processes" | "include" | "add_header"))
        {
            1
        } else {
            0
        }
    })
}

/// Apache httpd: its section containers (`<VirtualHost>`, `<IfModule>`, ... and their
/// closers) and its directives. An XML document (`<?xml`, `<!DOCTYPE`, `<!--`: fontconfig,
/// D-Bus policy, Maven settings) is never Apache, however many `</...>` it closes.
pub fn score_apache(x: &Sniff) -> u32 {
    const SECTIONS: &[&str] = &[
        "VirtualHost",
        "IfModule",
        "IfDefine",
        "IfVersion",
        "IfFile",
        "IfDirective",
        "IfSection",
        "Directory",
        "DirectoryMatch",
        "Files",
        "FilesMatch",
        "Location",
        "LocationMatch",
        "Proxy",
        "ProxyMatch",
        "If",
        "ElseIf",
        "Else",
        "Limit",
        "LimitExcept",
        "RequireAll",
        "RequireAny",
        "RequireNone",
        "Macro",
        "AuthnProviderAlias",
        "AuthzProviderAlias",
        "Virtualhost",
    ];
    let section = |word: &str| {
        let word = word.strip_prefix("</").or_else(|| word.strip_prefix('<')).unwrap_or("");
        let word = word.trim_end_matches('>');
        SECTIONS.iter().any(|s| s.eq_ignore_ascii_case(word))
    };
    let mut s: u32 = 0;
    for &Line { t: l, first, .. } in lines(x.lines) {
        if starts(l, "<?xml") || starts(l, "<!DOCTYPE") || starts(l, "<!--") {
            return 0;
        }
        if first.starts_with('<') {
            if section(first) {
                s += 2;
            }
        } else if starts(first, "SSL")
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
        if s > ENOUGH {
            break;
        }
    }
    s
}

pub fn score_haproxy(x: &Sniff) -> u32 {
    add_up(lines(x.lines), |&Line { t: l, first, .. }| {
        if matches!(first, "global" | "defaults" | "frontend" | "backend" | "listen") && !l.ends_with(';') && !l.ends_with('{') {
            2
        } else if (first == "bind" && haproxy_bind_address(l))
            || matches!(
                first,
                "mode" | "balance" | "timeout" | "default_backend" | "use_backend" | "maxconn" | "http-request" | "http-response" | "default-server"
            )
            || starts(first, "ssl-default-")
            || starts(first, "tune.ssl.")
        {
            1
        } else {
            0
        }
    })
}

/// Whether a `bind` line names what HAProxy binds to: an address with a port (`:443`,
/// `*:443`, `[::]:443`), a `proto@` address (`ipv4@`, `quic4@`, `unix@`, `fd@`) or a
/// socket path. NetScaler's `bind lb vserver …`, `bind ssl vserver …`, `bind service …`
/// are not HAProxy lines: a lab command list full of them was taken for HAProxy.
fn haproxy_bind_address(line: &str) -> bool {
    line.split_whitespace()
        .nth(1)
        .is_some_and(|addr| addr.contains(':') || addr.contains('@') || addr.starts_with('/'))
}

// ---- VPN formats ----

pub fn score_swanctl(x: &Sniff) -> u32 {
    add_up(lines(x.lines), |line| {
        let l = line.t;
        // The first word cut at `=` or `{` (`proposals=...`, `connections{`).
        let first = match line.first.bytes().position(|c| c == b'=' || c == b'{') {
            Some(i) => &line.first[..i],
            None => line.first,
        };
        if l.ends_with('{') && matches!(first, "connections" | "children" | "secrets" | "pools" | "authorities") {
            3
        } else if line.eq.is_some()
            && matches!(
                first,
                "remote_addrs" | "local_addrs" | "esp_proposals" | "proposals" | "local_ts" | "remote_ts" | "start_action" | "auth" | "certs"
            )
        {
            1
        } else {
            0
        }
    })
}

pub fn score_ipsec_conf(x: &Sniff) -> u32 {
    add_up(lines(x.lines), |line| {
        let (raw, l) = (line.raw, line.t);
        let indented = raw.starts_with([' ', '\t']);
        if !indented && (starts(l, "conn ") || l == "config setup") {
            3
        } else if let (true, Some(k)) = (indented, line.key()) {
            let k = k.trim();
            u32::from(starts(k, "left") || starts(k, "right") || matches!(k, "keyexchange" | "ike" | "esp" | "authby" | "auto" | "also" | "aggressive"))
        } else {
            0
        }
    })
}

/// strongSwan ipsec.secrets: `: PSK`, `: RSA`, ... entries; any `*.secrets` under an ipsec
/// path is one.
pub fn score_ipsec_secrets(x: &Sniff) -> u32 {
    const MARKERS: [&str; 6] = [": PSK", ": RSA", ": EAP", ": XAUTH", ": ECDSA", ": P12"];
    if x.name.ends_with(".secrets") && x.full.contains("ipsec") {
        return CERTAIN;
    }
    add_up(lines(x.lines).filter(|l| l.colon), |line| {
        // A marker starts the line or follows a space (`@id : PSK "..."`); ASCII
        // case-insensitive. Every marker starts with `:`, so only colons are tried.
        let b = line.t.as_bytes();
        let hit = memchr::memchr_iter(b':', b).any(|i| (i == 0 || b[i - 1] == b' ') && MARKERS.iter().any(|m| starts_with_ci(&line.t[i..], m)));
        if hit {
            3
        } else {
            0
        }
    })
}

/// `s.starts_with(prefix)` for a non-empty literal prefix, deciding on the first byte inline
/// (a `starts_with` call per pattern per line, each a `memcmp`, was most of detection).
#[inline]
fn starts(s: &str, prefix: &str) -> bool {
    let (s, p) = (s.as_bytes(), prefix.as_bytes());
    s.len() >= p.len() && s.first() == p.first() && s[..p.len()] == *p
}

/// ASCII case-insensitive `starts_with`, without allocating.
fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

pub fn score_openvpn(x: &Sniff) -> u32 {
    if x.name.ends_with(".ovpn") {
        return CERTAIN;
    }
    add_up(lines(x.lines).filter(|l| !l.t.starts_with(';')), |&Line { t: l, first, eq, .. }| {
        if matches!(l, "client" | "tls-client" | "tls-server" | "persist-key" | "persist-tun" | "nobind")
            || starts(l, "<ca>")
            || starts(l, "<tls-crypt>")
            || starts(l, "<tls-auth>")
        {
            2
        } else if eq.is_none()
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
            1
        } else {
            0
        }
    })
}

pub fn score_wireguard(x: &Sniff) -> u32 {
    add_up(lines(x.lines), |&Line { t: l, eq, .. }| {
        if l.eq_ignore_ascii_case("[interface]") || l.eq_ignore_ascii_case("[peer]") {
            3
        } else if eq.is_some()
            && ["privatekey", "publickey", "allowedips", "endpoint", "presharedkey", "listenport"]
                .iter()
                .any(|k| starts_with_ci(l, k))
        {
            1
        } else {
            0
        }
    })
}

// ---- Wireless formats: distinctive enough to decide on their own ----

/// Windows WLAN profile: its `<WLANProfile>` root element.
pub fn score_wlan_xml(x: &Sniff) -> u32 {
    if memchr::memmem::find(x.head.as_bytes(), b"<WLANProfile").is_some() {
        CERTAIN
    } else {
        0
    }
}

/// NetworkManager keyfile of a Wi-Fi connection: a `[wifi]` section (or `type=wifi`) in a
/// `*.nmconnection` file or beside a `[connection]` section.
pub fn score_nmconnection(x: &Sniff) -> u32 {
    let ls = x.lines;
    let wifi = ls
        .iter()
        .any(|l| matches!(l.t, "[wifi]" | "[802-11-wireless]" | "type=wifi" | "type=802-11-wireless"));
    if wifi && (x.name.ends_with(".nmconnection") || ls.iter().any(|l| l.t == "[connection]")) {
        CERTAIN
    } else {
        0
    }
}

/// wpa_supplicant: a `network={` block, or a `wpa_supplicant*.conf` file with one of its
/// global settings (D-Bus ships a policy XML named wpa_supplicant.conf).
pub fn score_wpa_supplicant(x: &Sniff) -> u32 {
    let block = lines(x.lines).any(|line| starts(line.t, "network") && line.t.chars().filter(|c| !c.is_whitespace()).eq("network={".chars()));
    let named = starts(x.name, "wpa_supplicant") && x.name.ends_with(".conf");
    let global = || {
        lines(x.lines).any(|line| {
            line.key().is_some_and(|k| {
                matches!(
                    k.trim(),
                    "ctrl_interface"
                        | "ctrl_interface_group"
                        | "update_config"
                        | "ap_scan"
                        | "country"
                        | "eapol_version"
                        | "fast_reauth"
                        | "p2p_disabled"
                        | "pmf"
                )
            })
        })
    };
    if block || named && global() {
        CERTAIN
    } else {
        0
    }
}

/// hostapd: two of its own keys, or one in a `hostapd*.conf` file.
pub fn score_hostapd(x: &Sniff) -> u32 {
    let keys = lines(x.lines)
        .filter(|line| {
            line.key().is_some_and(|key| {
                matches!(
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
            })
        })
        .count();
    let named = starts(x.name, "hostapd") && x.name.ends_with(".conf");
    if keys >= 2 || named && keys >= 1 {
        // Below the certain markers: a `network={` block makes it wpa_supplicant.
        CERTAIN / 2
    } else {
        0
    }
}

/// FortiOS: a backup always starts with its `#config-version=` header; a partial export
/// without it needs `config x y` … `end` with `edit`/`set` between.
pub fn score_fortios(x: &Sniff) -> u32 {
    if x.head.trim_start().starts_with("#config-version=") {
        return CERTAIN;
    }
    let (mut s, mut config, mut end): (u32, bool, bool) = (0, false, false);
    for &Line { t: l, .. } in lines(x.lines) {
        config |= starts(l, "config ");
        end |= l == "end";
        if starts(l, "config ") || l == "end" || l == "next" || starts(l, "edit ") || (starts(l, "set ") && s > 0) {
            s += 1;
        }
        if s > ENOUGH {
            break;
        }
    }
    if config && end {
        s / 2
    } else {
        0
    }
}

/// YAMAHA RTX `show config`: the `# RTX1210 Rev.14.01.38` banner and its flat commands.
pub fn score_yamaha(x: &Sniff) -> u32 {
    let ls = x.lines;
    let mut s: u32 = 0;
    for line in ls {
        let l = line.t;
        if l.starts_with('#') && (starts(l, "# RTX") || starts(l, "# NVR") || starts(l, "# vRX") || starts(l, "# Reporting Date")) {
            s += 4;
        }
        // The second word is cut only after a first word that can score.
        let second = || l[line.first.len()..].split_whitespace().next();
        match line.first {
            "tunnel" => s += if matches!(second(), Some("select" | "enable")) { 2 } else { 0 },
            "pp" => s += if second() == Some("select") { 2 } else { 0 },
            "ipsec" => s += if matches!(second(), Some("ike" | "sa" | "tunnel")) { 2 } else { 0 },
            "ip" => match second() {
                // YAMAHA writes `ip route NETWORK gateway ...`; Cisco IOS's `ip route` has no
                // `gateway` word, and a router config with many static routes is not YAMAHA's.
                Some("route") => s += if l.split_whitespace().any(|w| w == "gateway") { 2 } else { 0 },
                Some(x) if starts(x, "lan") || x == "pp" || starts(x, "tunnel") => s += 1,
                _ => {}
            },
            "nat" => s += if second() == Some("descriptor") { 2 } else { 0 },
            "login" | "administrator" => s += if second() == Some("password") { 2 } else { 0 },
            "telnetd" | "sshd" | "httpd" | "dns" | "syslog" => s += if second().is_some() { 1 } else { 0 },
            _ => {}
        }
        if s > ENOUGH {
            break;
        }
    }
    s
}

/// Cisco IOS running-config: `version 15.x`, `hostname`, `interface`, `line vty`, with `!`
/// separators. `!` lines alone are no evidence (X resource files comment with `!`).
pub fn score_cisco(x: &Sniff) -> u32 {
    let (mut s, mut strong): (u32, bool) = (0, false);
    // A paste indented as a whole (a markdown list item, a quoted mail) keeps IOS's
    // structure one level in: the indentation every statement shares is not the config's
    // (`!` comments, a note added above the paste included, do not count).
    let shared = lines(x.lines)
        .filter(|l| !l.t.starts_with('!'))
        .map(|l| l.raw.len() - l.raw.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    for l in x.lines {
        let raw = l.raw.get(shared..).unwrap_or("");
        // Every scoring line starts in column one.
        if raw.starts_with([' ', '\t']) {
            continue;
        }
        let t = raw.trim_end();
        if t == "!" {
            s += 1;
        } else if starts(t, "version ")
            || starts(t, "hostname ")
            || starts(t, "line vty")
            || starts(t, "interface ")
            || starts(t, "ip route ")
            || starts(t, "service ")
            || starts(t, "no ip ")
        {
            s += 2;
            strong = true;
        } else if t == "end" {
            s += 2;
        } else if starts(t, "Building configuration") || starts(t, "Current configuration") {
            s += 4;
            strong = true;
        }
        if s > ENOUGH && strong {
            break;
        }
    }
    if strong {
        s / 2
    } else {
        0
    }
}

/// A line only NEC UNIVERGE IX writes: its IKE/IPsec and server commands, `password
/// plain|hash`, NAPT, `GigaEthernet` interfaces (IOS spells `GigabitEthernet`).
fn nec_ix_line(l: &Line) -> bool {
    let t = l.t;
    let second = || t[l.first.len()..].split_whitespace().next().unwrap_or("");
    match l.first {
        "ike" => matches!(second(), "proposal" | "policy" | "nat-traversal"),
        "ipsec" => matches!(second(), "autokey-proposal" | "autokey-map" | "dynamic-map"),
        // IKEv2 (`ikev2 authentication psk id …`, `ikev2 default-profile`, and in a tunnel
        // interface `ikev2 outgoing-interface` / `ikev2 connect-type`); ASA's
        // `ikev2 remote-authentication` in a tunnel group is another word.
        "ikev2" => matches!(second(), "authentication" | "default-profile" | "outgoing-interface" | "connect-type"),
        "telnet-server" | "ssh-server" | "http-server" | "snmp-agent" | "proxy-dns" => second() == "ip",
        "username" => t.contains(" password plain ") || t.contains(" password hash "),
        "ip" => starts(t, "ip napt ") || starts(t, "ip ufs-cache"),
        "interface" | "device" => t.contains("GigaEthernet"),
        "ppp" => second() == "binding",
        _ => false,
    }
}

/// NEC UNIVERGE IX `show running-config`: the firmware banner decides; without it, lines
/// only the IX writes (one is enough to beat IOS, which shares `hostname` and `interface`).
pub fn score_nec_ix(x: &Sniff) -> u32 {
    let mut s: u32 = 0;
    for l in x.lines {
        if l.t.starts_with('!') && (l.t.contains("NEC Portable Internetwork Core") || l.t.contains("IX Series ")) {
            return CERTAIN;
        }
        if nec_ix_line(l) {
            s += 1;
            if s >= 2 {
                return CERTAIN / 2;
            }
        }
    }
    if s > 0 {
        20
    } else {
        0
    }
}

/// Whether a line is one only AlliedWare Plus writes (IOS-like as the rest of the file
/// is): `service telnet` / `service http` (IOS has `ip http server` and vty `transport`),
/// `log host` (IOS `logging host`), `interface port1.0.1` / `eth1`, `crypto isakmp key 8`
/// (IOS knows types 0 and 6), `transform 1 integrity ...` in an ISAKMP or IPsec profile,
/// the factory account `manager`, a `show version` header naming the product, the
/// `boot system` `.rel` file.
fn allied_line(l: &Line) -> bool {
    let t = l.t;
    let second = || t[l.first.len()..].split_whitespace().next().unwrap_or("");
    match l.first {
        "service" | "no" => {
            let rest = if l.first == "no" { t[2..].trim_start() } else { t };
            matches!(rest, "service telnet" | "service http" | "service ssh") || starts(rest, "service telnet ") || starts(rest, "service http ")
        }
        "log" => matches!(second(), "host" | "buffered" | "console" | "monitor" | "permanent" | "external"),
        "interface" => {
            let name = second();
            // IOS capitalises its names (`Vlan1`, `Tunnel0`, `Dialer1`).
            let numbered = |prefix: &str| starts(name, prefix) && name.len() > prefix.len() && name[prefix.len()..].bytes().all(|b| b.is_ascii_digit());
            starts(name, "port1.") || starts(name, "port2.") || ["eth", "vlan", "tunnel", "ppp"].into_iter().any(numbered)
        }
        "crypto" => starts(t, "crypto isakmp key 8 "),
        "transform" => t.contains(" integrity ") && t.contains(" encryption "),
        "username" => starts(t, "username manager "),
        "boot" => starts(t, "boot system ") && t.ends_with(".rel"),
        "stack" => starts(t, "stack virtual-chassis-id"),
        "platform" => starts(t, "platform hwfilter-size"),
        "atmf" | "ecofriendly" => true,
        // Every other line of every file comes here: a `W` is looked for first (memchr),
        // as the substring search sets itself up on each call (docs/performance.md).
        _ => (memchr::memchr(b'W', t.as_bytes()).is_some() && t.contains("AlliedWare Plus")) || (starts(t, "Build name") && t.ends_with(".rel")),
    }
}

/// Allied Telesis AlliedWare Plus `show running-config`: at least two lines only it writes
/// ([`allied_line`]). Two such lines outscore anything the rest of the file can give the
/// other router scorers, which stop counting a little past 20 ([`score_cisco`] then halves;
/// [`score_yamaha`] counts every `ip route`, which AlliedWare Plus writes too), so an
/// AlliedWare Plus file is not taken for Cisco IOS or YAMAHA — and their files, which have
/// none of these lines, score nothing here.
pub fn score_allied_awplus(x: &Sniff) -> u32 {
    let own = x.lines.iter().filter(|l| l.statement && allied_line(l)).take(16).count() as u32;
    if own >= 2 {
        (own * 4).max(32)
    } else {
        0
    }
}

/// Lines only Cisco ASA writes: the interface naming and levels of its sub-mode, and
/// global commands IOS spells otherwise (`crypto ikev1`, `tunnel-group`, `group-policy`,
/// `access-group ... in interface`, `http server enable`, `asdm image`).
fn asa_mark(l: &Line) -> bool {
    let t = l.t;
    let top = !l.raw.starts_with([' ', '\t']);
    match l.first {
        "nameif" | "security-level" => true,
        _ if !top => false,
        "tunnel-group" | "group-policy" | "same-security-traffic" | "asdm" | "pager" | "threat-detection" | "dynamic-access-policy-record" | "anyconnect" => {
            true
        }
        "webvpn" => t == "webvpn",
        "crypto" => starts(t, "crypto ikev1 ") || starts(t, "crypto ikev2 enable ") || starts(t, "crypto ipsec ikev1 ") || starts(t, "crypto ipsec ikev2 "),
        "access-group" => t.contains(" in interface ") || t.contains(" out interface "),
        "http" => t == "http server enable",
        "ssl" => starts(t, "ssl server-version ") || starts(t, "ssl trust-point ") || starts(t, "ssl cipher "),
        "Cryptochecksum:" => true,
        _ => false,
    }
}

/// Cisco ASA: its `ASA Version` line decides; without it (a pasted excerpt), two or more
/// ASA-only lines outscore the IOS vocabulary the two share (`hostname`, `interface`, `!`).
pub fn score_cisco_asa(x: &Sniff) -> u32 {
    let mut marks = 0;
    for l in x.lines {
        if starts(l.t, "ASA Version ") || starts(l.t, "PIX Version ") {
            return CERTAIN;
        }
        if asa_mark(l) {
            marks += 1;
        }
    }
    match marks {
        0 => 0,
        1 => 3,
        // Above what score_cisco can reach (it stops past 20 and halves: at most 12).
        n => 13 + n.min(20),
    }
}

/// Palo Alto PAN-OS: the running-config XML (`<config version=".." urldb=..>` or its
/// `<deviceconfig>` / `<mgt-config>` / `localhost.localdomain` device entry; never a document
/// with a `<WLANProfile>`), or `set` commands under PAN-OS's own top levels (`set deviceconfig`,
/// `set mgt-config`, `set network ike|interface|profiles|virtual-router`, `set zone .. network`,
/// `set rulebase`), of which at least one strong line is needed.
pub fn score_panos(x: &Sniff) -> u32 {
    let head = x.head.as_bytes();
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    // XML, possibly after the CLI prompt of a `show config running` capture.
    if has(b"<config") && !has(b"<WLANProfile") {
        let own = [&b"urldb=\""[..], b"<deviceconfig>", b"<mgt-config>", b"\"localhost.localdomain\""];
        if own.iter().any(|n| has(n)) {
            return CERTAIN;
        }
    }
    if head.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'<') {
        return 0;
    }
    let (mut s, mut strong): (u32, bool) = (0, false);
    for l in lines(x.lines) {
        let Some(rest) = l.t.strip_prefix("set ") else { continue };
        let rest = rest.trim_start();
        let second = rest.split_whitespace().nth(1).unwrap_or("");
        let own = starts(rest, "deviceconfig ")
            || starts(rest, "mgt-config ")
            || starts(rest, "rulebase ")
            || (starts(rest, "network ") && matches!(second, "ike" | "interface" | "profiles" | "virtual-router" | "tunnel"))
            || (starts(rest, "zone ") && rest.contains(" network "));
        if own {
            s += 3;
            strong = true;
        } else if starts(rest, "shared ") || starts(rest, "vsys ") || starts(rest, "address ") || starts(rest, "service ") {
            s += 1;
        }
        if s > 30 {
            break;
        }
    }
    if strong {
        s
    } else {
        0
    }
}

/// `set` lines whose hierarchy only Junos has (VyOS and PAN-OS also write `set` lines, with
/// `service`, `deviceconfig`, `network` ... instead).
const JUNOS_SET_STRONG: &[&str] = &[
    "set version ",
    "set system root-authentication ",
    "set system login user ",
    "set system services ",
    "set security zones ",
    "set security ike ",
    "set security policies ",
    "set routing-options ",
    "set snmp community ",
    "set policy-options ",
    "set chassis ",
    "set poe ",
    "set ethernet-switching-options ",
];

/// Juniper Junos OS, hierarchical or `display set`: a Junos-only `set` hierarchy, or the
/// curly-brace statements only Junos writes (`## Last commit:`, `version X;`,
/// `root-authentication {`, `unit 0 {`, `family inet {`, `security-zone`).
pub fn score_junos(x: &Sniff) -> u32 {
    let (mut s, mut strong) = (0u32, false);
    for l in x.lines {
        let t = l.t;
        if starts(t, "set ") {
            if JUNOS_SET_STRONG.iter().any(|p| starts(t, p)) || (starts(t, "set interfaces ") && t.contains(" unit ")) {
                s += 2;
                strong = true;
            } else if starts(t, "set system ") || starts(t, "set interfaces ") || starts(t, "set protocols ") || starts(t, "set firewall ") {
                s += 1;
            }
        } else if starts(t, "## Last commit:") || starts(t, "## Last changed:") {
            s += 4;
            strong = true;
        } else if (starts(t, "version ") && t.ends_with(';'))
            || t == "root-authentication {"
            || t == "security-zone"
            || starts(t, "security-zone ")
            || starts(t, "host-inbound-traffic")
            || (starts(t, "unit ") && t.ends_with('{'))
            || starts(t, "family inet")
            || starts(t, "encrypted-password ")
        {
            s += 2;
            strong = true;
        } else if matches!(
            t,
            "system {" | "interfaces {" | "security {" | "routing-options {" | "protocols {" | "snmp {" | "policy-options {" | "firewall {" | "services {"
        ) || starts(t, "host-name ")
        {
            s += 1;
        }
        if s > 20 && strong {
            break;
        }
    }
    if strong {
        s.min(40)
    } else {
        0
    }
}

/// Commands only NetScaler's CLI writes (`enable ns feature`, `set ns config`, `add lb
/// vserver`...): three lowercase-insensitive words at the start of a line.
const NETSCALER_COMMANDS: &[&str] = &[
    "enable ns feature",
    "enable ns mode",
    "set ns config",
    "set ns hostname",
    "set ns ip",
    "add ns ip",
    "set ns param",
    "add lb vserver",
    "bind lb vserver",
    "add cs vserver",
    "add vpn vserver",
    "set ssl vserver",
    "bind ssl vserver",
    "add ssl certkey",
    "set ssl profile",
    "add ssl profile",
    "set system user",
    "set system parameter",
    "add audit syslogaction",
];

/// Citrix NetScaler ADC / Gateway `ns.conf`: the `#NS13.1 Build 37.38` header decides alone;
/// otherwise NetScaler's own commands (at least three of them).
pub fn score_netscaler(x: &Sniff) -> u32 {
    let mut s = 0u32;
    for l in x.lines {
        if let Some(rest) = l.t.strip_prefix("#NS") {
            if rest.starts_with(|c: char| c.is_ascii_digit()) && rest.contains(" Build ") {
                return CERTAIN;
            }
            continue;
        }
        if !matches!(l.first, "add" | "set" | "bind" | "enable") {
            continue;
        }
        if NETSCALER_COMMANDS
            .iter()
            .any(|c| starts_with_ci(l.t, c) && l.t.as_bytes().get(c.len()).is_none_or(|b| *b == b' '))
        {
            s += 2;
            if s > 20 {
                break;
            }
        }
    }
    if s >= 6 {
        s / 2
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Lines that move one scorer or another, written the ways configs write them.
    const VOCABULARY: &[&str] = &[
        "server {",
        "location / {",
        "http {",
        "}",
        "listen 443 ssl;",
        "ssl_protocols TLSv1.2;",
        "include conf.d/*.conf;",
        "<VirtualHost *:443>",
        "</VirtualHost>",
        "SSLProtocol all -SSLv3",
        "ServerName a.example",
        "Include x.conf",
        "Header always set X 1",
        "global",
        "defaults",
        "frontend fe",
        "backend be",
        "bind :443 ssl crt /x.pem",
        "mode http",
        "ssl-default-bind-ciphers HIGH",
        "connections {",
        "children {",
        "secrets {",
        "proposals = aes256-sha256-modp2048",
        "remote_addrs=%any",
        "auth = psk",
        "conn vpn",
        "config setup",
        "  left=%defaultroute",
        "\tright=%any",
        "  keyexchange=ikev1",
        "  also = base",
        ": PSK \"x\"",
        "@a : psk \"x\"",
        "%any : RSA key.pem",
        "a: eap y",
        "x :XAUTH y",
        "host:PSK",
        "client",
        "tls-client",
        "<ca>",
        "dev tun",
        "remote vpn.example 1194",
        "cipher AES-256-GCM",
        "push \"route 10.0.0.0\"",
        ";comment",
        "[Interface]",
        "[peer]",
        "PrivateKey = x",
        "AllowedIPs = 0.0.0.0/0",
        "Endpoint=a:51820",
        "network={",
        "network = {",
        "ssid=\"x\"",
        "hw_mode=g",
        "wpa_key_mgmt=WPA-PSK",
        "bss=wlan1",
        "[wifi]",
        "[connection]",
        "type=wifi",
        "<WLANProfile xmlns=\"x\">",
        "#config-version=FGT60F-7.2.5",
        "config system global",
        "edit 1",
        "set x y",
        "next",
        "end",
        "# RTX1210 Rev.14.01.38",
        "# Reporting Date: x",
        "tunnel select 1",
        "tunnel enable 1",
        "pp select 1",
        "ipsec ike encryption 1 aes",
        "ipsec sa policy 1 1 esp",
        "ip route default gateway pp 1",
        "ip lan1 address 1.2.3.4/24",
        "ip pp mtu 1454",
        "ip tunnel1 x",
        "nat descriptor type 1 masquerade",
        "login password x",
        "administrator password x",
        "telnetd host lan",
        "syslog host 1.2.3.4",
        "dns",
        "!",
        " !",
        "version 15.2",
        "hostname r1",
        "interface Gi0/0",
        " ip address 10.0.0.1 255.255.255.0",
        "line vty 0 4",
        "service password-encryption",
        "no ip source-route",
        "Building configuration...",
        "Current configuration : 100 bytes",
        "ip route 0.0.0.0 0.0.0.0 1.1.1.1",
        "",
        "# comment",
        "  ",
        "key=value",
        "a:b",
        "x = y",
        "\u{3000}ip route x",
        "ip\u{3000}route",
        "tunnel\tselect 1",
    ];

    const NAMES: &[&str] = &[
        "a.conf",
        "x.cfg",
        "vpn.ovpn",
        "ipsec.secrets",
        "/etc/ipsec.d/x.secrets",
        "hostapd.conf",
        "wpa_supplicant.conf",
        "/etc/nginx/x",
        "/etc/apache2/x",
        "/srv/haproxy/x",
        "swanctl/x.conf",
        "/etc/strongswan/x",
        "/etc/openvpn/x",
        "/etc/wireguard/wg0.conf",
        "fortigate.conf",
        "yamaha-rtx.txt",
        "cisco-ios.txt",
        "home.nmconnection",
        "README",
    ];

    fn file() -> impl Strategy<Value = (String, String)> {
        let line = prop_oneof![
            8 => prop::sample::select(VOCABULARY).prop_map(str::to_string),
            1 => "[ \t=:a-z{};#!\u{3000}]{0,12}",
        ];
        let indent = prop::sample::select(&["", "", "", "  ", "\t"][..]);
        (prop::sample::select(NAMES), prop::collection::vec((indent, line), 0..90))
            .prop_map(|(name, lines)| (name.to_string(), lines.into_iter().map(|(i, l)| format!("{i}{l}\n")).collect()))
    }

    proptest! {
        /// The byte-wise path trims and cuts the first word exactly as `trim` and
        /// `split_whitespace` do.
        #[test]
        fn ascii_trim_and_first_word_match_str_methods(raw in "[a-z= \t\x0b\x0c\r\x1c]{0,16}|[a-z \u{3000}é]{0,8}") {
            let t = raw.trim();
            prop_assert_eq!(trim_and_first_word(&raw), (t, t.split_whitespace().next().unwrap_or("")));
        }
    }

    proptest! {
        #[test]
        fn text_lines_cut_as_str_lines(text in "[a\r\n\u{e9}]{0,40}") {
            prop_assert_eq!(text_lines(&text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Any mix of config vocabulary, under any name, is decided without a panic, and a
        /// file decided by content alone scored some vocabulary of its own.
        #[test]
        fn decides_on_vocabulary((name, text) in file()) {
            let path = Path::new(&name);
            if let Some(found) = detect(path, &text) {
                let lname = name.to_ascii_lowercase();
                let leaf = lname.rsplit('/').next().unwrap_or("");
                let (ls, _) = sniffed_lines(&text, usize::MAX);
                let sniff = Sniff { name: leaf, full: &lname, head: &text, lines: &ls };
                prop_assert!(found.spec().file_names.contains(&leaf) || (found.spec().score)(&sniff) > 0, "{}: {:?}", name, found);
            }
        }
    }

    /// A conf.d snippet that opens with a long redirect `map` (no nginx score in its first
    /// SNIFF_LINES statements) is still recognised from the server block after it.
    /// An IOS config with many static routes is IOS: YAMAHA's `ip route` says `gateway`
    /// (a count of `ip route` lines once made it YAMAHA's).
    #[test]
    fn static_routes_without_gateway_are_not_yamaha() {
        let mut text = String::from("version 15.2\nhostname r1\ninterface GigabitEthernet0/0\n ip address 192.0.2.1 255.255.255.0\n");
        for i in 0..15 {
            text.push_str(&format!("ip route 10.{i}.0.0 255.255.0.0 192.0.2.254\n"));
        }
        text.push_str("line vty 0 4\n transport input ssh\nend\n");
        assert_eq!(detect(Path::new("r1.txt"), &text), Some(Format::CiscoIos));
        let yamaha = "ip route default gateway pp 1\nip route 10.2.0.0/16 gateway tunnel 1\nip lan1 address 192.168.0.1/24\npp select 1\n pp always-on on\ntunnel select 1\n";
        assert_eq!(detect(Path::new("config.txt"), yamaha), Some(Format::YamahaRtx));
    }

    #[test]
    fn long_prelude_falls_back_to_the_whole_head() {
        let mut text = String::from("map $request_uri $new_uri {\n");
        for i in 0..(SNIFF_LINES + 50) {
            text.push_str(&format!("    /old/{i} /new/{i};\n"));
        }
        text.push_str("}\nserver {\n    listen 443 ssl;\n    server_name a.example;\n    ssl_protocols TLSv1.2;\n    ssl_ciphers HIGH;\n}\n");
        assert_eq!(detect(Path::new("redirects.conf"), &text), Some(Format::Nginx));
    }

    /// The first statements decide: a Cisco config is not re-scored past them.
    #[test]
    fn decided_within_the_first_statements() {
        let mut text =
            String::from("version 15.2\nhostname r1\n!\ninterface Gi0/0\n ip address 10.0.0.1 255.255.255.0\n!\nline vty 0 4\n transport input ssh\n!\n");
        for i in 0..500 {
            text.push_str(&format!("access-list 10 permit 10.0.{}.0 0.0.0.255\n", i % 250));
        }
        let (ls, whole) = sniffed_lines(&text, SNIFF_LINES);
        assert!(!whole && ls.len() < 250, "{} lines sniffed", ls.len());
        assert_eq!(detect(Path::new("r1-confg"), &text), Some(Format::CiscoIos));
    }

    /// An IOS block pasted one level in (a markdown list item): the indentation every line
    /// shares is the paste's, so it is IOS as the same block in column one is.
    #[test]
    fn ios_pasted_with_shared_indentation_is_ios() {
        let block = "version 15.4\nhostname R15\n!\ninterface Tunnel1\n ip address 10.0.4.15 255.255.255.0\n tunnel protection ipsec profile DMVPN\n!\ncrypto isakmp policy 5\n encr 3des\n!\nline vty 0 4\n transport input ssh\n!\nend\n";
        assert_eq!(detect(Path::new("r15.txt"), block), Some(Format::CiscoIos));
        let indented: String = "! pasted from a lab report\n".to_string() + &block.lines().map(|l| format!("   {l}\n")).collect::<String>();
        assert_eq!(detect(Path::new("r15.txt"), &indented), Some(Format::CiscoIos));
    }

    #[test]
    fn first_word_is_cut_once() {
        let (ls, whole) = sniffed_lines("  ssl_protocols\tTLSv1.2;\n\n# c\nx", SNIFF_LINES);
        assert!(whole);
        assert_eq!(ls.iter().map(|l| l.first).collect::<Vec<_>>(), ["ssl_protocols", "", "#", "x"]);
    }
}
