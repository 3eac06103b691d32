//! Cisco IOS / IOS-XE running-config: top-level commands with indented children, `!`
//! separators, `banner` blocks with their delimiters, certificate hex blocks.
//!
//! Defaults where the config shows nothing (sources in docs/vendor-defaults.md; [V] read in
//! Cisco's text, [K] unconfirmed, kept at the value that reports the weaker setup):
//! `ip http server` / `ip http secure-server` off unless present [V] (the web UI advisory
//! cisco-sa-iosxe-webui-privesc-j22SaA4z tells customers to look for exactly these lines);
//! HTTPS server without `ip http tls-version`: TLS 1.1 and 1.2 on IOS XE 17 [V] (Cisco
//! document 223097, 17.6), TLS 1.2 and 1.3 on IOS XE 26 [S], TLS 1.0–1.2 assumed before [K];
//! `ip source-route` on [S]; ISAKMP policy DES / SHA-1 / group 1 / rsa-sig [S]; aggressive
//! mode answered unless `crypto isakmp aggressive-mode disable` [V]; no PFS unless `set pfs`
//! [V]; the IKEv2 default proposal of each train [S] (`default_ikev2_proposal`); vty
//! `transport input` ssh on IOS XE 17 and later [S], `telnet ssh` on IOS XE 16 and `all` on
//! IOS [K]. ([S]: a secondary source or the vendor's sample output.)

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::router_common::{
    cisco_type7_decode, dh_group_names, dh_group_number, ipv4, is_bogon_prefix, is_public_ipv4, lines, mask_line, masked_origin, push_secret, words,
};
use crate::formats::ParseCx;
use crate::model::*;
use crate::source::SourceFile;
use std::collections::BTreeMap;

/// First words of IOS configuration commands (top level). Others are counted unrecognised.
const KNOWN: &[&str] = &[
    "aaa",
    "spd",
    "bba-group",
    "wlccp",
    "nat64",
    "bfd",
    "vxlan",
    "nve",
    "evpn",
    "access-list",
    "alias",
    "archive",
    "authentication",
    "banner",
    "boot",
    "boot-end-marker",
    "boot-start-marker",
    "bridge",
    "call-home",
    "card",
    "cdp",
    "class-map",
    "clock",
    "config-register",
    "control-plane",
    "controller",
    "crypto",
    "cts",
    "device-tracking",
    "diagnostic",
    "dial-peer",
    "dialer",
    "dialer-list",
    "dot11",
    "dot1x",
    "enable",
    "end",
    "epm",
    "errdisable",
    "ethernet",
    "event",
    "file",
    "flow",
    "hostname",
    "hw-module",
    "interface",
    "ip",
    "ipv6",
    "key",
    "l2",
    "l2vpn",
    "license",
    "line",
    "lldp",
    "logging",
    "login",
    "mac",
    "mac-address-table",
    "memory",
    "mls",
    "monitor",
    "mpls",
    "multilink",
    "netconf-yang",
    "network-clock",
    "no",
    "ntp",
    "object-group",
    "parameter-map",
    "platform",
    "pnp",
    "policy-map",
    "port-channel",
    "power",
    "privilege",
    "process",
    "pseudowire-class",
    "qos",
    "radius",
    "radius-server",
    "redundancy",
    "restconf",
    "rmon",
    "route-map",
    "router",
    "sampler",
    "scheduler",
    "security",
    "service",
    "snmp",
    "snmp-server",
    "spanning-tree",
    "subscriber",
    "system",
    "table-map",
    "tacacs",
    "tacacs-server",
    "telemetry",
    "template",
    "track",
    "transceiver",
    "udld",
    "username",
    "version",
    "vlan",
    "voice",
    "vrf",
    "vtp",
    "wsma",
    "zone",
    "zone-pair",
    "xconnect",
    "ipx",
    "appfw",
    "chat-script",
    "alarm",
    "archive",
    "dns",
    "gatekeeper",
    "gateway",
    "sccp",
    "stcapp",
    "telephony-service",
    "ephone",
    "ephone-dn",
    "srst",
    "isdn",
    "frame-relay",
    "atm",
    "x25",
    "async-bootp",
    "exception",
    "cns",
    "virtual-profile",
    "vpdn",
    "vpdn-group",
    "username",
    "mgcp",
    "ccm-manager",
    "rtr",
    "ip-sla",
    "warm-reboot",
    "wism",
    "fabric",
    "stack-mac",
    "switch",
    "source",
    "vstack",
    "macro",
    "udp",
    "tftp-server",
    "ftp",
    "ssh",
    "statistics",
    "queue-set",
    "sdm",
    "port-security",
    "storm-control",
    "ptp",
    "errdisable",
    "hw-switch",
    "ntp",
    "lacp",
    "pagp",
    "ip-address",
    "nat",
    "hsrp",
    "vrrp",
    "glbp",
    "object",
    "cef",
    "default",
    "vlan-group",
    "exit",
    "address-family",
    "tunnel",
    "mpls",
    "segment-routing",
    "multicast",
    "archive",
    "auto",
    "guest-shell",
    "iox",
    "app-hosting",
    "ipv4",
    "spanning",
    "beep",
    "scp",
    "buffers",
    "downward-compatible-config",
    "exec",
    "global",
    "upgrade",
    "wireless",
    "ap",
    "wlan",
    "line-mode",
    "aqm-register-fnf",
];

/// ISAKMP policies judged per file (IOS allows 1–10000; real configs use a handful). Every
/// tunnel carries the whole list, so this also bounds memory on hostile input.
const MAX_ISAKMP_POLICIES: usize = 64;
/// Crypto map entries / protected tunnel interfaces turned into tunnels per file.
const MAX_TUNNELS: usize = 10_000;

struct Child<'a> {
    words: Vec<&'a str>,
    start: usize,
    end: usize,
}

struct Block<'a> {
    words: Vec<&'a str>,
    start: usize,
    end: usize,
    children: Vec<Child<'a>>,
}

/// Commands IOS only ever accepts in global configuration mode (`crypto`, `ip`, `logging`
/// also occur in sub-modes and are not here): where they stand is where the config's
/// margin is.
const GLOBAL_ONLY: &[&str] = &[
    "version",
    "hostname",
    "interface",
    "line",
    "router",
    "service",
    "enable",
    "username",
    "snmp-server",
    "ntp",
    "access-list",
    "aaa",
    "banner",
    "end",
    "boot-start-marker",
    "boot-end-marker",
    "control-plane",
];

/// The config's left margin: the least indentation of a global-only command (a config
/// pasted into a ticket or mail often has every line shifted by a space or a tab). Without
/// such a command, the least indentation of any command line.
fn margin(text: &str) -> usize {
    let indent = |t: &str| t.len() - t.trim_start().len();
    let commands = || lines(text).map(|l| l.text).filter(|t| !t.trim().is_empty() && !t.trim_start().starts_with('!'));
    commands()
        .filter(|t| t.split_whitespace().next().is_some_and(|w| GLOBAL_ONLY.contains(&w)))
        .map(indent)
        .min()
        .or_else(|| commands().map(indent).min())
        .unwrap_or(0)
}

/// Splits the config into top-level commands and their children. IOS reads commands, not
/// layout: a line is a child when it is indented past the config's margin (see [`margin`]),
/// so the same config shifted right parses the same.
fn blocks<'a>(cx: &mut ParseCx, src: &'a SourceFile) -> Vec<Block<'a>> {
    let mut out: Vec<Block<'a>> = Vec::new();
    let margin = margin(&src.text);
    let mut it = lines(&src.text);
    while let Some(line) = it.next() {
        let t = line.text;
        let trimmed = t.trim();
        if trimmed.is_empty() || trimmed.starts_with('!') || trimmed.starts_with("Building configuration") || trimmed.starts_with("Current configuration") {
            continue;
        }
        let indent = (t.len() - t.trim_start().len()).saturating_sub(margin);
        let ws = words(line.start, t);
        let w: Vec<&'a str> = ws.iter().map(|x| x.text).collect();
        let (start, end) = (ws[0].start, ws.last().map_or(ws[0].end, |x| x.end));
        if indent > 0 {
            match out.last_mut() {
                Some(b) => {
                    b.children.push(Child { words: w, start, end });
                    b.end = end;
                }
                None => cx.unrecognized(src, start, &crate::formats::router_common::unrecognized_text(trimmed)),
            }
            continue;
        }
        // banner <type> <delim>text<delim>: skip lines until the delimiter closes.
        if w[0] == "banner" && w.len() >= 2 {
            let after_type = t.find(w[1]).map(|i| i + w[1].len()).unwrap_or(t.len());
            let rest = t[after_type..].trim_start();
            let delim: String = if rest.starts_with("^C") {
                "^C".into()
            } else {
                rest.chars().next().map(String::from).unwrap_or_default()
            };
            let mut end = start + t.len();
            if !delim.is_empty() && !rest[delim.len()..].contains(delim.as_str()) {
                let mut closed = false;
                for l in it.by_ref() {
                    end = l.start + l.text.len();
                    if l.text.contains(delim.as_str()) {
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    cx.diag(
                        DiagLevel::Error,
                        src,
                        start,
                        DiagKind::Syntax {
                            detail: crate::cat!("banner not closed by ", delim),
                        },
                    );
                }
            }
            out.push(Block {
                words: vec!["banner", w[1]],
                start,
                end,
                children: vec![],
            });
            continue;
        }
        // Certificate hex dumps continue with deeper indentation until `quit`: they become
        // children like any other.
        out.push(Block {
            words: w,
            start,
            end,
            children: vec![],
        });
    }
    out
}

#[derive(Default)]
struct Isakmp {
    enc: Option<(String, Origin)>,
    hash: Option<(String, Origin)>,
    group: Option<(String, Origin)>,
    auth: Option<(AuthMethod, Origin)>,
    origin: Option<Origin>,
}

/// `crypto ipsec profile`: transform sets, PFS group, IKEv2 profile, origin.
type IpsecProfile = (Vec<String>, Option<String>, Option<String>, Origin);
/// `crypto map` entry: subject, transform sets, PFS group, IKEv2 profile, dynamic, origin,
/// `set peer` origin.
type CryptoMap = (String, Vec<String>, Option<String>, Option<String>, bool, Origin, Option<Origin>);

struct Vty {
    origin: Origin,
    transport: Option<(Vec<String>, Origin)>,
    access_class: Option<(String, Origin)>,
}

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    let bl = blocks(cx, src);
    let o = |s: usize, e: usize| src.origin(s, e);
    let mo = |s: usize, e: usize, m: &str| masked_origin(src, s, e, m);

    let mut version: Option<(String, Origin)> = None;
    let mut hostname = None;
    let mut source_route: Option<(bool, Origin)> = None;
    let mut http: Option<Origin> = None;
    let mut https: Option<Origin> = None;
    let mut http_acl: Option<String> = None;
    let mut http_tls: Option<(Vec<TlsVersion>, Origin)> = None;
    let mut vtys: Vec<Vty> = Vec::new();
    let mut isakmp: Vec<Isakmp> = Vec::new();
    let mut aggressive_off: Option<Origin> = None;
    let mut isakmp_keys: Vec<(String, Origin)> = Vec::new(); // peer address
    let mut transform_sets: BTreeMap<String, (Proposal, Origin)> = BTreeMap::new();
    let mut ikev2_proposals: BTreeMap<String, (Proposal, Origin)> = BTreeMap::new();
    let mut ikev2_policy_props: Vec<String> = Vec::new();
    let mut ikev2_profiles: BTreeMap<String, (Option<AuthMethod>, bool, Origin)> = BTreeMap::new(); // auth, any-peer
    let mut keyring_any: Vec<Origin> = Vec::new();
    let mut ipsec_profiles: BTreeMap<String, IpsecProfile> = BTreeMap::new(); // ts, pfs, ikev2 profile
    let mut ntp_auth = false;
    let mut ntp_servers: Vec<(String, bool, Origin)> = Vec::new();
    let mut acl_bogon: BTreeMap<String, bool> = BTreeMap::new();
    let mut tunnels_pending: Vec<VpnTunnel> = Vec::new();
    let mut crypto_maps: Vec<CryptoMap> = Vec::new();
    let mut default_routes: Vec<String> = Vec::new();
    // `aaa authentication login ... group radius|tacacs+|NAME`: logins checked by a server,
    // which may ask for a second factor kensa cannot see.
    let mut login_by_server = false;

    for b in &bl {
        let w = &b.words;
        let (s, e) = (b.start, b.end);
        let head_end = b.children.first().map_or(e, |c| c.start.saturating_sub(1).max(s));
        let ho = || src.origin(s, head_end);
        if !KNOWN.contains(&w[0]) {
            cx.unrecognized(src, s, &crate::formats::router_common::unrecognized_text(&w.join(" ")));
            continue;
        }
        match w.as_slice() {
            ["version", v] => version = Some((v.to_string(), o(s, e))),
            ["hostname", h] => hostname = Some(h.to_string()),
            ["no", "ip", "source-route"] => source_route = Some((false, o(s, e))),
            ["ip", "source-route"] => source_route = Some((true, o(s, e))),
            ["ip", "http", "server"] => http = Some(o(s, e)),
            ["ip", "http", "secure-server"] => https = Some(o(s, e)),
            ["ip", "http", "access-class", rest @ ..] => http_acl = rest.last().map(|x| x.to_string()),
            ["ip", "http", "tls-version", v] => {
                let vs = match *v {
                    "TLSv1.0" => vec![TlsVersion::Tls10],
                    "TLSv1.1" => vec![TlsVersion::Tls11],
                    "TLSv1.3" => vec![TlsVersion::Tls13],
                    _ => vec![TlsVersion::Tls12],
                };
                http_tls = Some((vs, o(s, e)));
            }
            ["ip", "ftp", "password", rest @ ..] => {
                let (storage, value) = cisco_secret("password", rest);
                let ev = format!("ip ftp password {}", masked_secret_arg(rest));
                push_secret(
                    cx,
                    SecretKind::UserPassword,
                    storage,
                    "Cisco ip ftp password".into(),
                    mo(s, e, &ev),
                    value.as_deref(),
                    None,
                    false,
                );
            }
            ["service", "password-encryption"] | ["no", "service", "password-encryption"] => {}
            ["enable", kind @ ("secret" | "password"), rest @ ..] => {
                // `enable secret level 15 5 $1$...`: the privilege level is not the value.
                let (level, rest) = match rest {
                    ["level", n, tail @ ..] => (format!("level {n} "), tail),
                    _ => (String::new(), rest),
                };
                let (storage, value) = cisco_secret(kind, rest);
                let ev = format!("enable {kind} {level}{}", masked_secret_arg(rest));
                push_secret(
                    cx,
                    SecretKind::EnablePassword,
                    storage,
                    crate::cat!("Cisco enable ", kind),
                    mo(s, e, &ev),
                    value.as_deref(),
                    None,
                    false,
                );
            }
            ["username", name, rest @ ..] => {
                let priv15 = rest.windows(2).any(|p| p[0] == "privilege" && p[1] == "15");
                let kw = rest.iter().position(|x| *x == "secret" || *x == "password");
                let ev = match kw {
                    Some(i) => format!(
                        "username {name} {} {} {}",
                        mask_line(&rest[..i].join(" ")),
                        rest[i],
                        masked_secret_arg(&rest[i + 1..])
                    ),
                    None => format!("username {name} {}", mask_line(&rest.join(" "))),
                };
                let origin = mo(s, e, &crate::formats::evidence_text(&ev));
                cx.model.accounts.push(Account {
                    name: name.to_string(),
                    origin: origin.clone(),
                    admin: priv15,
                    remote_access: false,
                    default_name: matches!(*name, "cisco" | "admin" | "root"),
                    second_factor: None,
                    trusted_hosts: None,
                });
                if let Some(i) = kw {
                    let (storage, value) = cisco_secret(rest[i], &rest[i + 1..]);
                    push_secret(
                        cx,
                        SecretKind::Password,
                        storage,
                        crate::cat!("Cisco user ", name),
                        origin,
                        value.as_deref(),
                        Some(name),
                        false,
                    );
                } else if rest.contains(&"nopassword") {
                    push_secret(
                        cx,
                        SecretKind::Password,
                        SecretStorage::Plaintext,
                        crate::cat!("Cisco user ", name),
                        origin,
                        Some(""),
                        Some(name),
                        false,
                    );
                }
            }
            ["line", "vty", ..] => {
                let mut v = Vty {
                    origin: ho(),
                    transport: None,
                    access_class: None,
                };
                for c in &b.children {
                    match c.words.as_slice() {
                        ["transport", "input", ps @ ..] => v.transport = Some((ps.iter().map(|p| p.to_string()).collect(), o(c.start, c.end))),
                        ["access-class", acl, "in", ..] => v.access_class = Some((acl.to_string(), o(c.start, c.end))),
                        ["password", rest @ ..] => {
                            line_password(cx, &w.join(" "), rest, mo(c.start, c.end, &format!("password {}", masked_secret_arg(rest))));
                        }
                        _ => {}
                    }
                }
                vtys.push(v);
            }
            ["line", ..] => {
                for c in &b.children {
                    if let ["password", rest @ ..] = c.words.as_slice() {
                        line_password(cx, &w.join(" "), rest, mo(c.start, c.end, &format!("password {}", masked_secret_arg(rest))));
                    }
                }
            }
            ["snmp-server", "community", _name, rest @ ..] => {
                let rw = rest.iter().any(|x| x.eq_ignore_ascii_case("RW"));
                let acl = rest
                    .iter()
                    .position(|x| x.eq_ignore_ascii_case("RO") || x.eq_ignore_ascii_case("RW"))
                    .and_then(|k| rest.get(k + 1))
                    .filter(|x| !x.starts_with("ipv6"));
                let origin = mo(s, e, &format!("snmp-server community **** {}", rest.join(" ")));
                let subject = format!("Cisco SNMP community ({})", if rw { "RW" } else { "RO" });
                cx.model.mgmt_services.push(MgmtService {
                    subject: subject.clone(),
                    protocol: MgmtProtocol::Snmp,
                    origin: origin.clone(),
                    enabled: Setting::explicit(true, origin.clone()),
                    reachable_from: Setting::explicit(
                        match acl {
                            Some(a) => Reachability::Restricted(vec![a.to_string()]),
                            None => Reachability::Unrestricted,
                        },
                        origin.clone(),
                    ),
                    version: Some(Setting::explicit(2, origin.clone())),
                    strong_auth: Some(Setting::explicit(false, origin.clone())),
                });
                push_secret(cx, SecretKind::SnmpCommunity, SecretStorage::Plaintext, subject, origin, Some(w[2]), None, rw);
            }
            ["snmp-server", "group", g, "v3", level, ..] => {
                let origin = o(s, e);
                cx.model.mgmt_services.push(MgmtService {
                    subject: crate::cat!("Cisco SNMPv3 group ", g),
                    protocol: MgmtProtocol::Snmp,
                    origin: origin.clone(),
                    enabled: Setting::explicit(true, origin.clone()),
                    reachable_from: Setting::explicit(
                        if w.contains(&"access") {
                            Reachability::Restricted(vec![w.last().unwrap_or(&"").to_string()])
                        } else {
                            Reachability::Unrestricted
                        },
                        origin.clone(),
                    ),
                    version: Some(Setting::explicit(3, origin.clone())),
                    strong_auth: Some(Setting::explicit(*level == "priv", origin)),
                });
            }
            ["logging", "host", rest @ ..] => {
                let host = rest.iter().find(|x| ipv4(x).is_some() || x.contains(':') || x.contains('.')).unwrap_or(&"?");
                let encrypted = rest.windows(2).any(|p| p[0] == "transport" && p[1] == "tls");
                cx.model.log_targets.push(LogTarget {
                    origin: o(s, e),
                    destination: crate::cat!("syslog ", host),
                    remote: true,
                    encrypted,
                });
            }
            ["logging", ip] if ipv4(ip).is_some() => cx.model.log_targets.push(LogTarget {
                origin: o(s, e),
                destination: crate::cat!("syslog ", ip),
                remote: true,
                encrypted: false,
            }),
            ["ntp", "authenticate"] => ntp_auth = true,
            ["ntp", "server", rest @ ..] => {
                let server = rest.iter().find(|x| !matches!(**x, "vrf")).unwrap_or(&"?").to_string();
                let keyed = rest.contains(&"key");
                ntp_servers.push((server, keyed, o(s, e)));
            }
            ["ntp", "authentication-key", id, _alg, rest @ ..] => {
                let (storage, value) = match rest {
                    [v, "7", ..] => (SecretStorage::Reversible, cisco_type7_decode(v)),
                    [v, ..] => (SecretStorage::Plaintext, Some(v.to_string())),
                    [] => (SecretStorage::Plaintext, Some(String::new())),
                };
                push_secret(
                    cx,
                    SecretKind::AuthKey,
                    storage,
                    crate::cat!("Cisco NTP key ", id),
                    mo(s, e, &format!("ntp authentication-key {id} {} ****", w[3])),
                    value.as_deref(),
                    None,
                    false,
                );
            }
            ["access-list", n, "deny", rest @ ..] => {
                let src_addr = if matches!(rest.first(), Some(&"ip")) { rest.get(1) } else { rest.first() };
                if src_addr.is_some_and(|a| is_bogon_prefix(a)) {
                    acl_bogon.insert(n.to_string(), true);
                }
            }
            ["ip", "access-list", _kind, name, ..] => {
                let bogon = b.children.iter().any(|c| {
                    let cw: Vec<&str> = c.words.iter().copied().skip_while(|x| x.chars().all(|ch| ch.is_ascii_digit())).collect();
                    cw.first() == Some(&"deny") && cw.get(2).is_some_and(|a| is_bogon_prefix(a))
                        || cw.first() == Some(&"deny") && cw.get(1).is_some_and(|a| is_bogon_prefix(a))
                });
                acl_bogon.insert(name.to_string(), bogon);
            }
            ["crypto", "isakmp", "policy", _n] => {
                let mut p = Isakmp {
                    origin: Some(ho()),
                    ..Default::default()
                };
                for c in &b.children {
                    let co = o(c.start, c.end);
                    match c.words.as_slice() {
                        ["encryption" | "encr", alg, rest @ ..] => p.enc = Some((cisco_enc(alg, rest.first().copied()), co)),
                        ["hash", h] => p.hash = Some((cisco_hash(h), co)),
                        ["group", g] => p.group = Some((g.parse().ok().and_then(dh_group_number).unwrap_or("unknown").to_string(), co)),
                        ["authentication", a] => p.auth = Some((if *a == "pre-share" { AuthMethod::Psk } else { AuthMethod::Certificate }, co)),
                        _ => {}
                    }
                }
                if isakmp.len() < MAX_ISAKMP_POLICIES {
                    isakmp.push(p);
                } else if isakmp.len() == MAX_ISAKMP_POLICIES {
                    cx.diag(
                        DiagLevel::Warning,
                        src,
                        s,
                        DiagKind::Syntax {
                            detail: format!("more than {MAX_ISAKMP_POLICIES} crypto isakmp policies; the rest are not judged"),
                        },
                    );
                }
            }
            ["crypto", "isakmp", "aggressive-mode", "disable"] => aggressive_off = Some(o(s, e)),
            // IOS: `crypto isakmp key [0|6] KEY {address IP [MASK] | address ipv6 P | hostname H}`.
            // Anything else (Allied Telesis `key 8 ...`) is another syntax: which word is the
            // key is unknown, so all are masked and nothing is judged.
            ["crypto", "isakmp", "key", rest @ ..] => {
                let parsed = match rest {
                    ["6", v, a @ ..] => Some((SecretStorage::DeviceEncrypted, *v, a)),
                    ["0", v, a @ ..] => Some((SecretStorage::Plaintext, *v, a)),
                    [v, a @ ..] => Some((SecretStorage::Plaintext, *v, a)),
                    [] => None,
                };
                let Some((storage, value, after)) = parsed.filter(|(_, _, a)| matches!(a.first(), Some(&"address" | &"hostname"))) else {
                    secret_not_ios(cx, src, s, e, &w.join(" "), "crypto isakmp key");
                    continue;
                };
                let addr = match after {
                    ["address", a, m, ..] if ipv4(m).is_some() => crate::cat!(a, " ", m),
                    ["address", a, ..] => a.to_string(),
                    ["hostname", h, ..] => h.to_string(),
                    _ => String::new(),
                };
                let ty = if rest.len() > after.len() + 1 {
                    format!("{} ", rest[0])
                } else {
                    String::new()
                };
                let origin = mo(s, e, &format!("crypto isakmp key {ty}**** {}", after.join(" ")));
                push_secret(
                    cx,
                    SecretKind::IpsecPsk,
                    storage,
                    crate::cat!("Cisco ISAKMP key for ", addr),
                    origin.clone(),
                    (storage == SecretStorage::Plaintext).then_some(value),
                    None,
                    false,
                );
                isakmp_keys.push((addr, origin));
            }
            ["crypto", "ipsec", "transform-set", name, algs @ ..] => {
                let mut p = Proposal::default();
                let mut i = 0;
                while i < algs.len() {
                    let a = algs[i];
                    let bits = algs.get(i + 1).filter(|x| x.chars().all(|c| c.is_ascii_digit())).copied();
                    if bits.is_some() {
                        i += 1;
                    }
                    match a {
                        "esp-des" => p.encryption.push("des".into()),
                        "esp-3des" => p.encryption.push("3des".into()),
                        "esp-aes" => p.encryption.push(format!("aes{}", bits.unwrap_or("128"))),
                        "esp-gcm" => p.encryption.push(format!("aes{}gcm16", bits.unwrap_or("128"))),
                        "esp-gmac" => p.encryption.push(format!("aes{}gmac", bits.unwrap_or("128"))),
                        "esp-null" => p.encryption.push("null".into()),
                        "esp-seal" => p.encryption.push("seal".into()),
                        x if x.starts_with("esp-") && x.ends_with("-hmac") || x.starts_with("ah-") => {
                            let h = x.trim_start_matches("esp-").trim_start_matches("ah-").trim_end_matches("-hmac");
                            p.integrity.push(cisco_hash(h));
                        }
                        _ => {}
                    }
                    i += 1;
                }
                if p.integrity.is_empty() {
                    p.integrity.push("none".into());
                }
                transform_sets.insert(name.to_string(), (p, o(s, e)));
            }
            ["crypto", "ikev2", "proposal", name] => {
                let mut p = Proposal::default();
                for c in &b.children {
                    match c.words.as_slice() {
                        ["encryption", algs @ ..] => p.encryption.extend(algs.iter().map(|a| ikev2_enc(a))),
                        ["integrity", algs @ ..] => p.integrity.extend(algs.iter().map(|a| cisco_hash(a))),
                        ["prf", algs @ ..] => p.prf.extend(algs.iter().map(|a| format!("prf{}", cisco_hash(a)))),
                        ["group", gs @ ..] => p.dh_groups.extend(dh_group_names(gs)),
                        _ => {}
                    }
                }
                if p.integrity.is_empty() && p.encryption.iter().all(|x| x.contains("gcm")) {
                    p.integrity.push("none".into());
                }
                ikev2_proposals.insert(name.to_string(), (p, ho()));
            }
            ["crypto", "ikev2", "policy", _] => {
                for c in &b.children {
                    if let ["proposal", ps @ ..] = c.words.as_slice() {
                        ikev2_policy_props.extend(ps.iter().map(|x| x.to_string()));
                    }
                }
            }
            ["crypto", "ikev2", "keyring", name] => {
                for c in &b.children {
                    match c.words.as_slice() {
                        ["address", a, rest @ ..] if a.starts_with("0.0.0.0") || *a == "::/0" => {
                            let _ = rest;
                            keyring_any.push(o(c.start, c.end));
                        }
                        ["pre-shared-key", rest @ ..] => {
                            let rest: Vec<&str> = rest.iter().copied().skip_while(|x| matches!(*x, "local" | "remote")).collect();
                            let (storage, value) = match rest.as_slice() {
                                ["6", _, ..] => (SecretStorage::DeviceEncrypted, None),
                                ["0", v, ..] | [v, ..] => (SecretStorage::Plaintext, Some(v.to_string())),
                                [] => (SecretStorage::Plaintext, None),
                            };
                            push_secret(
                                cx,
                                SecretKind::IpsecPsk,
                                storage,
                                crate::cat!("Cisco IKEv2 keyring ", name),
                                mo(c.start, c.end, "pre-shared-key ****"),
                                value.as_deref(),
                                None,
                                false,
                            );
                        }
                        _ => {}
                    }
                }
            }
            ["crypto", "ikev2", "profile", name] => {
                let mut auth = None;
                let mut any = false;
                for c in &b.children {
                    match c.words.as_slice() {
                        ["match", "identity", "remote", "address", a, ..] if a.starts_with("0.0.0.0") => any = true,
                        ["match", "identity", "remote", "any"] => any = true,
                        ["authentication", "remote", m, ..] => {
                            auth = Some(match *m {
                                "pre-share" => AuthMethod::Psk,
                                "rsa-sig" | "ecdsa-sig" => AuthMethod::Certificate,
                                "eap" => AuthMethod::Eap("eap".into()),
                                _ => AuthMethod::Unknown,
                            })
                        }
                        _ => {}
                    }
                }
                ikev2_profiles.insert(name.to_string(), (auth, any, ho()));
            }
            ["crypto", "ipsec", "profile", name] => {
                let (mut ts, mut pfs, mut v2) = (Vec::new(), None, None);
                for c in &b.children {
                    match c.words.as_slice() {
                        ["set", "transform-set", t @ ..] => ts.extend(t.iter().map(|x| x.to_string())),
                        ["set", "pfs", g, ..] => pfs = Some(g.to_string()),
                        ["set", "pfs"] => pfs = Some("group2".into()),
                        ["set", "ikev2-profile", p] => v2 = Some(p.to_string()),
                        _ => {}
                    }
                }
                ipsec_profiles.insert(name.to_string(), (ts, pfs, v2, ho()));
            }
            ["crypto", kind @ ("map" | "dynamic-map"), name, seq, rest @ ..]
                if !rest.contains(&"local-address") && !rest.contains(&"client") && !rest.contains(&"dynamic") =>
            {
                let dynamic = *kind == "dynamic-map" || rest.contains(&"dynamic");
                let (mut ts, mut pfs, mut v2, mut peer) = (Vec::new(), None, None, None);
                for c in &b.children {
                    match c.words.as_slice() {
                        ["set", "transform-set", t @ ..] => ts.extend(t.iter().map(|x| x.to_string())),
                        ["set", "pfs", g, ..] => pfs = Some(g.to_string()),
                        ["set", "pfs"] => pfs = Some("group2".into()),
                        ["set", "ikev2-profile", p] => v2 = Some(p.to_string()),
                        ["set", "peer", p, ..] => peer = Some(o(c.start, c.end).with_evidence(&crate::cat!("set peer ", p))),
                        _ => {}
                    }
                }
                if crypto_maps.len() < MAX_TUNNELS {
                    crypto_maps.push((crate::cat!("crypto ", kind, " ", name, " ", seq), ts, pfs, v2, dynamic, ho(), peer));
                } else {
                    cx.diag(
                        DiagLevel::Error,
                        src,
                        s,
                        DiagKind::Syntax {
                            detail: format!("more than {MAX_TUNNELS} crypto map entries; the rest are not judged"),
                        },
                    );
                }
            }
            ["interface", name, ..] => interface(cx, src, b, name, &acl_bogon, &ipsec_profiles, &mut tunnels_pending),
            ["ip", "route", "0.0.0.0", "0.0.0.0", via, ..] => default_routes.push(via.to_string()),
            ["aaa", "authentication", "login", _list, methods @ ..] => login_by_server |= methods.contains(&"group"),
            // `radius-server key [0|6|7] LINE`, `tacacs-server host X key ...`, and the
            // server blocks `radius server R` / `tacacs server T` with a ` key` child.
            [server @ ("radius-server" | "tacacs-server"), rest @ ..] => {
                if let Some(k) = rest.iter().position(|x| *x == "key") {
                    let what = if *server == "radius-server" { "RADIUS" } else { "TACACS+" };
                    // IOS options before `key` (host, auth-port, timeout ...) hold no secret.
                    let head = w[..k + 2].join(" ");
                    aaa_server_key(
                        cx,
                        what.to_string(),
                        &rest[k + 1..],
                        mo(s, e, &format!("{head} {}", masked_secret_arg(&rest[k + 1..]))),
                    );
                }
            }
            [kind @ ("radius" | "tacacs"), "server", name] => {
                for c in &b.children {
                    if let ["key", rest @ ..] = c.words.as_slice() {
                        let what = format!("{} server {name}", if *kind == "radius" { "RADIUS" } else { "TACACS+" });
                        aaa_server_key(cx, what, rest, mo(c.start, c.end, &format!("key {}", masked_secret_arg(rest))));
                    }
                }
            }
            _ => {}
        }
    }

    default_route_egress(&mut cx.model.interfaces, &default_routes);
    // Without an authentication server, a privilege-15 local user logs in with its password
    // alone (IOS has no local second factor). With one, whether the server asks for a second
    // factor is not in this file: left unknown.
    if !login_by_server {
        for a in cx.model.accounts.iter_mut().filter(|a| a.admin && a.second_factor.is_none()) {
            a.second_factor = Some(Setting::default_at(
                false,
                a.origin.with_note("no aaa authentication login with a server group: local password only"),
            ));
        }
    }

    // Device, firmware.
    let dev_origin = src.origin(0, 0).with_evidence("Cisco IOS configuration");
    // The release train: IOS XE numbers its releases from 16 (then 17, then 26); classic IOS
    // (and IOS XE 3.x, which reported the IOS 15 number) is below.
    let major = version.as_ref().and_then(|(v, _)| v.split('.').next()?.parse::<u32>().ok());
    let xe = major.is_some_and(|m| m >= 16);
    cx.model.device = Some(Device {
        product: if xe { "Cisco IOS XE".into() } else { "Cisco IOS".into() },
        hostname,
        is_network_device: true,
        origin: version.as_ref().map(|x| x.1.clone()).unwrap_or_else(|| dev_origin.clone()),
        source_routing: Some(match &source_route {
            Some((on, o)) => Setting::explicit(*on, o.clone()),
            None => Setting::default_at(
                true,
                dev_origin.with_note(crate::i18n::notes::Note::not_set_default_of("no ip source-route", "IOS", "ip source-route on")),
            ),
        }),
    });
    if let Some((v, origin)) = &version {
        let mut features = Vec::new();
        if http.is_some() || https.is_some() {
            features.push("http-server".to_string());
        }
        cx.model.firmware.push(Firmware {
            product: if xe { "IOS XE".into() } else { "IOS".into() },
            model: None,
            version: v.clone(),
            build: None,
            origin: origin.clone(),
            features,
        });
    }

    // HTTP(S) management.
    let http_reach = |o: &Origin| {
        Setting::explicit(
            http_acl
                .as_ref()
                .map_or(Reachability::Unrestricted, |a| Reachability::Restricted(vec![a.clone()])),
            o.clone(),
        )
    };
    for (on, proto, name) in [
        (&http, MgmtProtocol::Http, "ip http server"),
        (&https, MgmtProtocol::Https, "ip http secure-server"),
    ] {
        if let Some(origin) = on {
            cx.model.mgmt_services.push(MgmtService {
                subject: crate::cat!("Cisco ", name),
                protocol: proto,
                origin: origin.clone(),
                enabled: Setting::explicit(true, origin.clone()),
                reachable_from: http_reach(origin),
                version: None,
                strong_auth: None,
            });
        }
    }
    if let Some(origin) = &https {
        // Without `ip http tls-version`: IOS XE 17 accepts TLS 1.1 and 1.2 (Cisco document
        // 223097 on 17.6.5 [V]; `show ip http server all` on a Catalyst 8000v shows "TLSv1.2
        // TLSv1.1" [S]); IOS XE 26 TLS 1.2 and 1.3 [S]; older releases are assumed to accept
        // TLS 1.0-1.2 [K].
        let versions = match &http_tls {
            Some((v, o)) => Setting::explicit(v.clone(), o.clone()),
            None if major.is_some_and(|m| m >= 26) => Setting::default_at(
                vec![TlsVersion::Tls12, TlsVersion::Tls13],
                origin.with_evidence("ip http secure-server (ip http tls-version not set: TLS 1.2 and 1.3 on IOS XE 26)"),
            ),
            None if major == Some(17) => Setting::default_at(
                vec![TlsVersion::Tls11, TlsVersion::Tls12],
                origin.with_evidence("ip http secure-server (ip http tls-version not set: TLS 1.1 and 1.2 accepted on IOS XE 17)"),
            ),
            None => Setting::default_at(
                vec![TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12],
                origin.with_evidence("ip http secure-server (ip http tls-version not set: TLS 1.0, 1.1 and 1.2 accepted)"),
            ),
        };
        let mut ep = TlsEndpoint::new(
            "Cisco HTTPS admin server".into(),
            TlsRole::Server,
            TlsService::AdminGui,
            origin.clone(),
            versions,
        );
        ep.client_auth = Some(Setting::default_at(ClientAuth::None, origin.clone()));
        cx.model.tls_endpoints.push(ep);
    }

    // vty lines.
    for v in vtys {
        let (protos, porigin) = match &v.transport {
            Some((p, o)) => (p.clone(), Setting::explicit((), o.clone()).origin),
            None => {
                // IOS XE 17 on: ssh only (`default transport input` leaves "Allowed input
                // transports are ssh" [S]). IOS XE 16 `telnet ssh`, IOS `all` [K] unconfirmed:
                // both keep telnet reported.
                let d = match major {
                    Some(m) if m >= 17 => "ssh",
                    Some(16) => "telnet ssh",
                    _ => "all",
                };
                (vec![d.to_string()], v.origin.with_note_parts(&["transport input not set: default ", d]))
            }
        };
        let defaulted = v.transport.is_none();
        let reach = match &v.access_class {
            Some((acl, o)) => Setting::explicit(Reachability::Restricted(vec![acl.clone()]), o.clone()),
            None => Setting::default_at(Reachability::Unrestricted, v.origin.with_note("no access-class")),
        };
        for (proto, words) in [(MgmtProtocol::Telnet, ["telnet", "all"]), (MgmtProtocol::Ssh, ["ssh", "all"])] {
            let on = protos
                .iter()
                .any(|p| words.contains(&p.as_str()) || (p == "telnet ssh" && proto != MgmtProtocol::Other));
            if !on {
                continue;
            }
            cx.model.mgmt_services.push(MgmtService {
                subject: format!("Cisco {} ({})", v.origin.evidence, if proto == MgmtProtocol::Telnet { "telnet" } else { "ssh" }),
                protocol: proto,
                origin: v.origin.clone(),
                enabled: Setting {
                    value: true,
                    origin: porigin.clone(),
                    defaulted,
                },
                reachable_from: reach.clone(),
                version: None,
                strong_auth: None,
            });
        }
    }

    for (server, keyed, origin) in ntp_servers {
        cx.model.time_sources.push(TimeSource {
            origin,
            server,
            authenticated: keyed && ntp_auth,
        });
    }

    // IKE proposals: IKEv1 from the ISAKMP policies, IKEv2 from the proposals in policies.
    let v1_props: Vec<Proposal> = isakmp
        .iter()
        .map(|p| Proposal {
            encryption: vec![p.enc.as_ref().map_or("des".into(), |x| x.0.clone())],
            integrity: vec![p.hash.as_ref().map_or("sha1".into(), |x| x.0.clone())],
            prf: vec![],
            dh_groups: vec![p.group.as_ref().map_or("modp768".into(), |x| x.0.clone())],
        })
        .collect();
    let v1_setting = || -> Option<Setting<Vec<Proposal>>> {
        let first = isakmp.first()?;
        let block = first.origin.clone().unwrap_or_else(|| dev_origin.clone());
        let missing: Vec<&str> = isakmp
            .iter()
            .flat_map(|p| {
                [
                    (p.enc.is_none(), "encryption not set: default des"),
                    (p.hash.is_none(), "hash not set: default sha"),
                    (p.group.is_none(), "group not set: default 1"),
                ]
            })
            .filter(|(m, _)| *m)
            .map(|(_, t)| t)
            .collect();
        let defaulted_block = isakmp.iter().find(|p| p.enc.is_none() || p.hash.is_none() || p.group.is_none());
        Some(match defaulted_block {
            Some(p) => {
                let o = p.origin.clone().unwrap_or_else(|| block.clone());
                Setting::default_at(v1_props.clone(), o.with_note(*missing.first().unwrap_or(&"")))
            }
            None => Setting::explicit(v1_props.clone(), first.enc.as_ref().map_or(block, |x| x.1.clone())),
        })
    };
    let v1_auth = isakmp.first().map(|p| match &p.auth {
        Some((a, o)) => Setting::explicit(a.clone(), o.clone()),
        None => Setting::default_at(AuthMethod::Certificate, p.origin.clone().unwrap_or_else(|| dev_origin.clone())),
    });
    let v2_props = || -> Setting<Vec<Proposal>> {
        let chosen: Vec<&(Proposal, Origin)> = if ikev2_policy_props.is_empty() {
            ikev2_proposals.values().take(MAX_ISAKMP_POLICIES).collect()
        } else {
            ikev2_policy_props
                .iter()
                .filter_map(|n| ikev2_proposals.get(n))
                .take(MAX_ISAKMP_POLICIES)
                .collect()
        };
        match chosen.first() {
            Some((_, o)) => Setting::explicit(chosen.iter().map(|x| x.0.clone()).collect(), o.clone()),
            None => default_ikev2_proposal(major, &dev_origin),
        }
    };
    if !transform_sets.contains_key("default") {
        // IOS XE default transform set [K]: esp-aes esp-sha-hmac.
        transform_sets.insert(
            "default".into(),
            (
                Proposal {
                    encryption: vec!["aes128".into()],
                    integrity: vec!["sha1".into()],
                    prf: vec![],
                    dh_groups: vec![],
                },
                dev_origin.with_evidence("(default transform-set: esp-aes esp-sha-hmac)"),
            ),
        );
    }
    let v1_once = v1_setting();
    let v2_once = v2_props();
    let any_key = isakmp_keys.iter().find(|(a, _)| a.starts_with("0.0.0.0") || a.is_empty()).map(|x| x.1.clone());
    let child_of = |ts: &[String], pfs: &Option<String>, block: &Origin| -> (Option<Setting<Vec<Proposal>>>, Setting<bool>) {
        let dh: Vec<String> = pfs
            .as_ref()
            .and_then(|g| g.trim_start_matches("group").parse().ok().and_then(dh_group_number))
            .map(|x| vec![x.to_string()])
            .unwrap_or_default();
        let props: Vec<(Proposal, Origin)> = ts
            .iter()
            .filter_map(|t| transform_sets.get(t).cloned())
            .map(|(mut p, o)| {
                p.dh_groups = dh.clone();
                (p, o)
            })
            .collect();
        let child = props
            .first()
            .map(|(_, o)| Setting::explicit(props.iter().map(|x| x.0.clone()).collect(), o.clone()));
        let pfs_s = match pfs {
            Some(g) => Setting::explicit(true, block.with_evidence(&crate::cat!("set pfs ", g))),
            None => Setting::default_at(false, block.with_note("set pfs not set: no PFS")),
        };
        (child, pfs_s)
    };
    let build = |subject: String, block: Origin, ts: &[String], pfs: &Option<String>, v2: &Option<String>, dynamic: bool, peer: Option<Origin>| -> VpnTunnel {
        let mut t = VpnTunnel::new(
            subject,
            VpnKind::Ipsec,
            VpnUse::SiteToSite,
            if dynamic { VpnRole::Server } else { VpnRole::Peer },
            block.clone(),
        );
        let (child, pfs_s) = child_of(ts, pfs, &block);
        t.child_proposals = child;
        t.pfs = Some(pfs_s);
        if let Some(p) = v2 {
            t.ike_version = Some(Setting::explicit(2, block.with_evidence(&crate::cat!("set ikev2-profile ", p))));
            t.ike_proposals = Some(v2_once.clone());
            let prof = ikev2_profiles.get(p);
            if let Some((Some(a), _, o)) = prof {
                t.remote_auth = Some(Setting::explicit(a.clone(), o.clone()));
                t.local_auth = Some(Setting::explicit(a.clone(), o.clone()));
            }
            let any = prof.is_some_and(|x| x.1) || !keyring_any.is_empty();
            t.peer_restricted = Some(match (any, prof) {
                (true, Some((_, _, o))) => Setting::explicit(false, o.with_note("match identity remote address 0.0.0.0")),
                (true, None) => Setting::explicit(false, keyring_any[0].clone()),
                _ => Setting::explicit(!dynamic, peer.clone().unwrap_or_else(|| block.clone())),
            });
        } else {
            t.ike_version = Some(Setting::explicit(1, block.with_note("crypto isakmp: IKEv1")));
            t.ike_proposals = v1_once.clone();
            t.aggressive = Some(match &aggressive_off {
                Some(o) => Setting::explicit(false, o.clone()),
                None => Setting::default_at(true, block.with_note("crypto isakmp aggressive-mode disable not set: aggressive mode answered")),
            });
            if let Some(a) = &v1_auth {
                t.local_auth = Some(a.clone());
                t.remote_auth = Some(a.clone());
            }
            t.peer_restricted = Some(match (&any_key, dynamic) {
                (Some(o), _) => Setting::explicit(false, o.clone()),
                (None, true) => Setting::explicit(false, block.with_note("dynamic map: any peer")),
                (None, false) => Setting::explicit(true, peer.clone().unwrap_or_else(|| block.clone())),
            });
        }
        t
    };
    for (subject, ts, pfs, v2, dynamic, block, peer) in &crypto_maps {
        let t = build(crate::cat!("Cisco ", subject), block.clone(), ts, pfs, v2, *dynamic, peer.clone());
        cx.model.vpn_tunnels.push(t);
    }
    for mut pending in tunnels_pending {
        // `tunnel protection ipsec profile P` recorded the profile name in allowed_services
        // slot-free form: subject carries "… via profile P".
        let prof_name = pending.subject.rsplit(' ').next().unwrap_or("").to_string();
        let (ts, pfs, v2, porigin) = ipsec_profiles
            .get(&prof_name)
            .cloned()
            .unwrap_or_else(|| (vec!["default".into()], None, None, pending.origin.clone()));
        let _ = porigin;
        let t = build(
            pending.subject.clone(),
            pending.origin.clone(),
            &ts,
            &pfs,
            &v2,
            false,
            pending.peer_restricted.take().map(|p| p.origin),
        );
        cx.model.vpn_tunnels.push(t);
    }
}

/// `interface X` and its children.
fn interface(
    cx: &mut ParseCx,
    src: &SourceFile,
    b: &Block,
    name: &str,
    acl_bogon: &BTreeMap<String, bool>,
    _profiles: &BTreeMap<String, IpsecProfile>,
    pending: &mut Vec<VpnTunnel>,
) {
    let head_end = b.children.first().map_or(b.end, |c| c.start.saturating_sub(1).max(b.start));
    let origin = src.origin(b.start, head_end);
    let lname = name.to_ascii_lowercase();
    let mut zone = if lname.starts_with("tunnel") || lname.starts_with("virtual-template") || lname.starts_with("virtual-access") {
        InterfaceZone::Tunnel
    } else if lname.starts_with("dialer") || lname.starts_with("cellular") {
        InterfaceZone::External
    } else {
        InterfaceZone::Unknown
    };
    let mut enabled = true;
    let mut addresses = Vec::new();
    let mut public = false;
    let mut urpf = None;
    let mut acl_in: Option<(String, Origin)> = None;
    let mut protection: Option<(String, Origin)> = None;
    let mut destination: Option<Origin> = None;
    for c in &b.children {
        let co = src.origin(c.start, c.end);
        match c.words.as_slice() {
            // A description is a person's note, not configuration: it can make an interface
            // internal (fewer claims), never internet-facing (issue 17 §3).
            ["description", d @ ..] => {
                let d = d.join(" ").to_ascii_lowercase();
                if zone == InterfaceZone::Unknown && ["lan", "inside", "internal", "院内", "user", "server"].iter().any(|k| d.contains(k)) {
                    zone = InterfaceZone::Internal;
                }
            }
            ["nameif", n] => {
                zone = if *n == "outside" { InterfaceZone::External } else { InterfaceZone::Internal };
            }
            ["ip", "nat", "outside"] => zone = InterfaceZone::External,
            ["ip", "nat", "inside"] if zone == InterfaceZone::Unknown => zone = InterfaceZone::Internal,
            ["ip", "address", "dhcp", ..] | ["ip", "address", "negotiated", ..] => {
                if zone == InterfaceZone::Unknown {
                    zone = InterfaceZone::External;
                }
                addresses.push("dhcp".to_string());
            }
            ["ip", "address", a, m, ..] => {
                public |= is_public_ipv4(a);
                addresses.push(crate::cat!(a, " ", m));
            }
            ["shutdown"] => enabled = false,
            ["ip", "verify", "unicast", rest @ ..] => {
                urpf = Some(Setting::explicit(
                    rest.contains(&"rx") || rest.contains(&"reverse-path") || rest.contains(&"any"),
                    co,
                ))
            }
            ["ip", "access-group", acl, "in"] => acl_in = Some((acl.to_string(), co)),
            ["tunnel", "protection", "ipsec", "profile", p, ..] => protection = Some((p.to_string(), co)),
            ["tunnel", "destination", _] => destination = Some(co),
            _ => {}
        }
    }
    // A public address faces the internet unless the config says otherwise (nat inside).
    if zone == InterfaceZone::Unknown && public {
        zone = InterfaceZone::External;
    }
    let ev_missing = |what: &str| origin.with_note_parts(&[what, " not set"]);
    let anti = Some(urpf.unwrap_or_else(|| Setting::default_at(false, ev_missing("ip verify unicast source reachable-via rx"))));
    let (inbound, bogon) = match &acl_in {
        Some((acl, o)) => (
            Some(Setting::explicit(true, o.clone())),
            Some(Setting::explicit(acl_bogon.get(acl).copied().unwrap_or(false), o.clone())),
        ),
        None => (
            Some(Setting::default_at(false, ev_missing("ip access-group in"))),
            Some(Setting::default_at(false, ev_missing("ip access-group in"))),
        ),
    };
    cx.model.interfaces.push(Interface {
        name: name.to_string(),
        origin: origin.clone(),
        zone,
        enabled,
        anti_spoofing: anti,
        bogon_filter: bogon,
        inbound_filter: inbound,
        addresses,
    });
    if let Some((p, co)) = protection {
        let mut t = VpnTunnel::new(
            crate::cat!("Cisco interface ", name, " via profile ", p),
            VpnKind::Ipsec,
            VpnUse::SiteToSite,
            VpnRole::Peer,
            co,
        );
        // The destination line (if any) restricts the peer; carried to the builder here.
        t.peer_restricted = destination.map(|d| Setting::explicit(true, d));
        if pending.len() < MAX_TUNNELS {
            pending.push(t);
        }
    }
}

/// The interfaces the default route leaves by (`ip route 0.0.0.0 0.0.0.0 Dialer1`, or a next
/// hop inside an interface's subnet) face the internet, unless the config already says
/// which side they are on.
fn default_route_egress(interfaces: &mut [Interface], routes: &[String]) {
    let in_subnet = |hop: [u8; 4], addr: &str| {
        let mut it = addr.split_whitespace();
        match (it.next().and_then(ipv4), it.next().and_then(ipv4)) {
            (Some(a), Some(m)) => (0..4).all(|i| a[i] & m[i] == hop[i] & m[i]),
            _ => false,
        }
    };
    for via in routes {
        let hop = ipv4(via);
        for i in interfaces.iter_mut().filter(|i| i.zone == InterfaceZone::Unknown) {
            let egress = match hop {
                Some(h) => i.addresses.iter().any(|a| in_subnet(h, a)),
                None => i.name == *via,
            };
            if egress {
                i.zone = InterfaceZone::External;
                i.origin = i.origin.with_note(format!("default route via {via}"));
            }
        }
    }
}

/// The shared secret with a RADIUS / TACACS+ server: `[TYPE] LINE` as for passwords (type 6
/// device-encrypted, 7 reversible, 0 or none plaintext).
fn aaa_server_key(cx: &mut ParseCx, what: String, rest: &[&str], origin: Origin) {
    let (storage, value) = cisco_secret("key", rest);
    push_secret(
        cx,
        SecretKind::AaaServerKey,
        storage,
        format!("Cisco {what} key"),
        origin,
        value.as_deref(),
        None,
        false,
    );
}

/// A secret-bearing command not in IOS syntax: a warning whose text is masked after the
/// secret keyword, and the input counted as partly understood.
fn secret_not_ios(cx: &mut ParseCx, src: &SourceFile, start: usize, end: usize, line: &str, subject: &str) {
    let origin = masked_origin(src, start, end, &mask_line(line));
    cx.unrecognized_lines += 1;
    cx.diag_at(
        &origin,
        DiagKind::SecretNotJudged {
            subject: subject.to_string(),
            redacted: false,
        },
    );
}

/// The `[TYPE] LINE` argument of `password` / `secret` as IOS reads it: a one-digit
/// encryption type when a value follows it, then the value. An untyped (or type 0) value is
/// the rest of the line, spaces included; a typed one is one word. ASA's trailing
/// `encrypted` marker is not part of the value.
fn ios_secret_arg<'a>(rest: &[&'a str]) -> (Option<&'a str>, String) {
    let rest: Vec<&str> = rest.iter().copied().filter(|x| *x != "encrypted").collect();
    match rest.as_slice() {
        [t @ ("0" | "4" | "5" | "6" | "7" | "8" | "9"), v, tail @ ..] => {
            let value = if *t == "0" { [&[*v][..], tail].concat().join(" ") } else { v.to_string() };
            (Some(t), value)
        }
        _ => (None, rest.join(" ")),
    }
}

/// How a `password` / `secret` is stored (types 8/9 strong hashes, 4/5 weak ones, 6
/// device-encrypted, 7 reversible, 0 or none plaintext) and the value when the file reveals
/// it. An untyped `secret` holding a crypt string (`$1$`, `$8$`, `$9$`) is that hash.
fn cisco_secret(kind: &str, rest: &[&str]) -> (SecretStorage, Option<String>) {
    let (ty, value) = ios_secret_arg(rest);
    // ASA / PIX `enable password <hash> encrypted`: an MD5-based one-way hash.
    if ty.is_none() && rest.len() >= 2 && rest.last() == Some(&"encrypted") {
        return (SecretStorage::WeakHash, None);
    }
    match ty {
        Some("8" | "9") => (SecretStorage::StrongHash, None),
        Some("4" | "5") => (SecretStorage::WeakHash, None),
        Some("6") => (SecretStorage::DeviceEncrypted, None),
        Some("7") => (
            SecretStorage::Reversible,
            cisco_type7_decode(&value).or_else(|| crate::model::is_redacted(&value).then_some(value)),
        ),
        _ if kind == "secret" && value.starts_with("$1$") => (SecretStorage::WeakHash, None),
        _ if kind == "secret" && (value.starts_with("$8$") || value.starts_with("$9$")) => (SecretStorage::StrongHash, None),
        _ => (SecretStorage::Plaintext, Some(value)),
    }
}

/// Evidence for a `password` / `secret` argument: the type digit, then the mask.
fn masked_secret_arg(rest: &[&str]) -> String {
    match ios_secret_arg(rest).0 {
        Some(t) => format!("{t} ****"),
        None => "****".to_string(),
    }
}

fn cisco_enc(alg: &str, bits: Option<&str>) -> String {
    match alg {
        "des" => "des".into(),
        "3des" => "3des".into(),
        "aes" => format!("aes{}", bits.filter(|b| b.chars().all(|c| c.is_ascii_digit())).unwrap_or("128")),
        other => other.to_string(),
    }
}

fn cisco_hash(h: &str) -> String {
    match h {
        "sha" | "sha1" => "sha1".into(),
        other => other.to_string(),
    }
}

/// IKEv2 proposal encryption names (aes-cbc-256, aes-gcm-128, 3des, des).
fn ikev2_enc(a: &str) -> String {
    match a {
        "aes-cbc-128" => "aes128",
        "aes-cbc-192" => "aes192",
        "aes-cbc-256" => "aes256",
        "aes-gcm-128" => "aes128gcm16",
        "aes-gcm-256" => "aes256gcm16",
        "3des" => "3des",
        "des" => "des",
        other => other,
    }
    .to_string()
}

/// A `password` under a `line` block (vty, console, aux): stored as the line's secret.
fn line_password(cx: &mut ParseCx, line: &str, rest: &[&str], origin: Origin) {
    let (storage, value) = cisco_secret("password", rest);
    push_secret(
        cx,
        SecretKind::Password,
        storage,
        crate::cat!("Cisco ", line, " password"),
        origin,
        value.as_deref(),
        None,
        false,
    );
}

/// The built-in IKEv2 proposal used when the config defines none, as `show crypto ikev2
/// proposal default` prints it on each train (Cisco's genieparser outputs [S]): IOS XE 16/17
/// AES-CBC-256, SHA-512/384, groups 19 14 21 5; IOS XE 26 the same without group 5; classic
/// IOS (and an unknown release) AES-CBC 256/192/128, SHA-512..MD5, groups 5 and 2.
fn default_ikev2_proposal(major: Option<u32>, dev_origin: &Origin) -> Setting<Vec<Proposal>> {
    let (encryption, integrity, dh_groups, text) = match major {
        Some(m) if m >= 26 => (
            vec!["aes256"],
            vec!["sha512", "sha384"],
            dh_group_names(["19", "14", "21"]),
            "IOS XE default proposal AES-CBC-256, SHA-512/384, groups 19, 14, 21",
        ),
        Some(m) if m >= 16 => (
            vec!["aes256"],
            vec!["sha512", "sha384"],
            dh_group_names(["19", "14", "21", "5"]),
            "IOS XE default proposal AES-CBC-256, SHA-512/384, groups 19, 14, 21, 5",
        ),
        _ => (
            vec!["aes256", "aes192", "aes128"],
            vec!["sha512", "sha384", "sha256", "sha1", "md5"],
            dh_group_names(["5", "2"]),
            "IOS default proposal with SHA-1/MD5 and groups 5, 2",
        ),
    };
    let strings = |v: Vec<&str>| v.into_iter().map(str::to_string).collect();
    Setting::default_at(
        vec![Proposal {
            encryption: strings(encryption),
            integrity: strings(integrity),
            prf: vec![],
            dh_groups,
        }],
        dev_origin.with_evidence(&crate::cat!("(no crypto ikev2 proposal: ", text, ")")),
    )
}

#[cfg(test)]
mod tests {
    use crate::formats::{parse_text, Format};
    use crate::model::*;

    fn https_versions(conf: &str) -> Setting<Vec<TlsVersion>> {
        let p = parse_text(Format::CiscoIos, "r.ios", conf);
        p.model
            .tls_endpoints
            .iter()
            .find(|e| e.service == TlsService::AdminGui)
            .unwrap()
            .versions
            .clone()
    }

    #[test]
    fn https_server_tls_default_follows_the_release() {
        // Cisco document 223097: IOS XE 17.6.5 accepts TLS 1.1 without ip http tls-version.
        let v = https_versions("version 17.6\nip http secure-server\n");
        assert!(v.defaulted && v.value == [TlsVersion::Tls11, TlsVersion::Tls12], "{v:?}");
        assert!(v.origin.evidence.contains("TLS 1.1 and 1.2 accepted on IOS XE 17"), "{}", v.origin.evidence);
        let v = https_versions("version 26.2\nip http secure-server\n");
        assert_eq!(v.value, [TlsVersion::Tls12, TlsVersion::Tls13]);
        let v = https_versions("version 16.12\nip http secure-server\n");
        assert_eq!(v.value, [TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12]);
        let v = https_versions("version 15.2\nip http secure-server\n");
        assert_eq!(v.value, [TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12]);
        let v = https_versions("version 17.9\nip http secure-server\nip http tls-version TLSv1.2\n");
        assert!(!v.defaulted && v.value == [TlsVersion::Tls12]);
    }

    /// Issue 17 §3: how IOS stores each password form, and redacted values not judged.
    #[test]
    fn password_types_are_read_as_ios_stores_them() {
        let conf = "enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM\n\
enable password cisco123\n\
username a privilege 15 secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n\
username b secret 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs\n\
username c password 7 070C285F4D06\n\
username d password 0 correct horse battery staple\n\
username e privilege 15 secret <removed>\n\
username f password 7 <removed>\n\
username g password [REDACTED]\n\
enable secret level 15 5 $1$aaaa$bbbbbbbbbbbbbbbbbbbbbb\n";
        let p = parse_text(Format::CiscoIos, "r.ios", conf);
        let storage = |subject: &str| {
            let s = p.model.secrets.iter().find(|s| s.subject == subject).unwrap_or_else(|| panic!("{subject}"));
            (s.storage, s.strength.map(|st| st.length))
        };
        let enable: Vec<_> = p
            .model
            .secrets
            .iter()
            .filter(|s| s.subject == "Cisco enable secret")
            .map(|s| s.storage)
            .collect();
        assert_eq!(enable, [SecretStorage::StrongHash, SecretStorage::WeakHash]);
        assert_eq!(storage("Cisco enable password"), (SecretStorage::Plaintext, Some(8)));
        assert_eq!(storage("Cisco user a"), (SecretStorage::WeakHash, None));
        assert_eq!(storage("Cisco user b"), (SecretStorage::StrongHash, None));
        assert_eq!(storage("Cisco user c"), (SecretStorage::Reversible, Some(5)));
        // Type 0 and untyped values are the rest of the line, spaces included.
        assert_eq!(storage("Cisco user d"), (SecretStorage::Plaintext, Some(28)));
        // Redacted: an untyped secret is unreadable; a typed one keeps its known storage.
        assert_eq!(storage("Cisco user e"), (SecretStorage::Redacted, None));
        assert_eq!(storage("Cisco user f"), (SecretStorage::Reversible, None));
        assert_eq!(storage("Cisco user g"), (SecretStorage::Redacted, None));
        let redacted = p
            .diagnostics
            .iter()
            .filter(|d| matches!(d.kind, crate::diag::DiagKind::SecretNotJudged { redacted: true, .. }))
            .count();
        assert_eq!(redacted, 3);
    }

    #[test]
    fn vty_transport_default_follows_the_release() {
        let telnet = |version: &str| {
            let p = parse_text(Format::CiscoIos, "r.ios", &format!("version {version}\nline vty 0 4\n login local\n"));
            let on = |proto| p.model.mgmt_services.iter().any(|m| m.protocol == proto);
            assert!(on(MgmtProtocol::Ssh), "{version}");
            on(MgmtProtocol::Telnet)
        };
        assert!(!telnet("17.9"));
        assert!(!telnet("26.1"));
        assert!(telnet("16.12"));
        assert!(telnet("15.2"));
    }

    #[test]
    fn ikev2_default_proposal_follows_the_release() {
        let groups = |version: &str| {
            let conf = format!(
                "version {version}\ncrypto ikev2 profile P\n match identity remote address 198.51.100.1 255.255.255.255\n authentication remote pre-share\n authentication local pre-share\ncrypto map VPN 10 ipsec-isakmp\n set peer 198.51.100.1\n set ikev2-profile P\n match address 101\n"
            );
            let p = parse_text(Format::CiscoIos, "r.ios", &conf);
            let props = p.model.vpn_tunnels[0].ike_proposals.clone().unwrap();
            assert!(props.defaulted, "{props:?}");
            (props.value[0].dh_groups.clone(), props.value[0].integrity.clone())
        };
        assert_eq!(
            groups("17.9"),
            (
                vec!["ecp256".to_string(), "modp2048".into(), "ecp521".into(), "modp1536".into()],
                vec!["sha512".to_string(), "sha384".into()]
            )
        );
        assert_eq!(groups("26.1").0, ["ecp256", "modp2048", "ecp521"]);
        let (dh, integrity) = groups("15.2");
        assert_eq!(dh, ["modp1536", "modp1024"]);
        assert!(integrity.contains(&"md5".to_string()));
    }

    #[test]
    fn banner_passwords_vty_and_crypto() {
        let conf = "!\nversion 15.2\nservice password-encryption\nhostname R1\n!\nbanner motd ^C\nAuthorized access only\n  password 0 notapassword\n^C\nenable password 7 070C285F4D06\nusername admin privilege 15 password 0 cisco\n!\ncrypto isakmp policy 10\n authentication pre-share\ncrypto isakmp key 0 secret123 address 0.0.0.0 0.0.0.0\ncrypto ipsec transform-set TS esp-3des esp-md5-hmac\ncrypto map VPN 10 ipsec-isakmp\n set peer 198.51.100.1\n set transform-set TS\n match address 101\n!\ninterface GigabitEthernet0/0\n description WAN to ISP\n ip address 203.0.113.2 255.255.255.252\n ip nat outside\n!\nline vty 0 4\n password 7 070C285F4D06\n login\n transport input telnet\n!\nend\n";
        let p = parse_text(Format::CiscoIos, "r1.ios", conf);
        assert_eq!(p.unrecognized_lines, 0, "{:?}", p.diagnostics);
        assert!(p.error().is_none());
        // The banner's content is not parsed as commands.
        assert_eq!(p.model.secrets.iter().filter(|s| s.kind == SecretKind::Password).count(), 2);
        let en = p.model.secrets.iter().find(|s| s.kind == SecretKind::EnablePassword).unwrap();
        assert_eq!(en.storage, SecretStorage::Reversible);
        assert!(en.strength.unwrap().common);
        let t = &p.model.vpn_tunnels[0];
        assert_eq!(t.ike_proposals.as_ref().unwrap().value[0].encryption, vec!["des"]);
        assert!(t.ike_proposals.as_ref().unwrap().defaulted);
        assert!(!t.peer_restricted.as_ref().unwrap().value);
        assert!(!t.pfs.as_ref().unwrap().value);
        assert_eq!(t.child_proposals.as_ref().unwrap().value[0].integrity, vec!["md5"]);
        let wan = &p.model.interfaces[0];
        assert_eq!(wan.zone, InterfaceZone::External);
        assert!(p.model.device.as_ref().unwrap().source_routing.as_ref().unwrap().value);
        assert!(p
            .model
            .mgmt_services
            .iter()
            .any(|m| m.protocol == MgmtProtocol::Telnet && m.reachable_from.value == Reachability::Unrestricted));
        for s in &p.model.secrets {
            assert!(
                !s.origin.evidence.contains("secret123") && !s.origin.evidence.contains("070C285F4D06"),
                "{}",
                s.origin.evidence
            );
        }
    }

    #[test]
    fn forty_thousand_lines_parse() {
        let mut conf = String::from("version 17.9\nhostname big\n");
        let mut n = 2;
        let mut i = 0;
        while n < 40_000 {
            conf.push_str(&format!("interface GigabitEthernet1/0/{i}\n description access port {i}\n switchport access vlan {}\n switchport mode access\n spanning-tree portfast\n!\n", i % 400));
            conf.push_str(&format!(
                "ip access-list extended ACL{i}\n 10 permit tcp 10.{}.0.0 0.0.255.255 any eq 443\n 20 deny ip any any log\n!\n",
                i % 250
            ));
            n += 10;
            i += 1;
        }
        let p = parse_text(Format::CiscoIos, "big.ios", &conf);
        assert!(p.lines >= 40_000);
        assert_eq!(p.unrecognized_lines, 0);
        assert_eq!(p.model.interfaces.len(), i);
    }
}
