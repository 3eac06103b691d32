//! Cisco ASA `show running-config`: top-level commands with indented children (`interface`,
//! `crypto ikev1 policy`, `tunnel-group ... ipsec-attributes`, `group-policy ... attributes`,
//! `webvpn`), one-line `crypto map NAME SEQ set ...` entries, route-based tunnels (an
//! `interface` with `tunnel destination` and `tunnel protection ipsec profile`, the profile's
//! `set ...` its phase 2 [V]), per-interface management access (`telnet|ssh|http NET MASK
//! IFNAME`).
//!
//! Built on the walkthrough of docs/architecture.md: `read` turns lines into blocks with the
//! one lexer, `collect` gathers what they say into named structs (`Config`), and `Lower`
//! turns those into the model section by section.
//!
//! Defaults where the config shows nothing (sources in docs/vendor-defaults.md, "Cisco ASA";
//! [V] read in Cisco's text, [K] as Cisco's command reference is generally known but not
//! re-read, kept at the value that reports the weaker setup where it matters): a named
//! interface without `security-level` has level 0, `inside` 100 [V]; IKEv1 aggressive mode
//! answered unless `crypto ikev1 am-disable` [K]; no PFS unless `set pfs` (alone: group 2)
//! [K]; `ssl server-version` not set: TLS 1.0 and up [K] (SSLv3 and TLS 1.0 before 9.3 [K]);
//! the highest TLS version TLS 1.2 from 9.3(2) [K], TLS 1.3 from 9.19 [K]; the `tunnel-group
//! webvpn-attributes` `authentication` default `aaa` [K]; `split-tunnel-policy` default
//! `tunnelall` [K]; `logging host` sends nothing without `logging enable` [K]; SNMP polls are
//! answered only from `snmp-server host` hosts [K]; Telnet is refused on the lowest-security
//! interface outside an IPsec tunnel [K].
//! `show running-config` masks pre-shared keys, communities and server keys as `*****`:
//! such a value is unreadable, not weak.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::router_common::{
    cisco_ikev2_proposal, command, dh_group_number, ipv4, is_bogon_prefix, is_public_ipv4, lower_accounts, mask_line, masked_origin, pfs, pfs_groups,
    secret_not_read, unrecognized_text, with_pfs_groups, Cap, Command,
};
use crate::formats::tls_common::{fill_endpoint, OpensslTls};
use crate::formats::{lex, ParseCx, SecretRecord};
use crate::i18n::notes::Note;
use crate::model::*;
use crate::source::SourceFile;
use std::collections::BTreeMap;

/// First words of ASA global configuration commands. Others are counted unrecognised.
const KNOWN: &[&str] = &[
    ":",
    "ASA",
    "PIX",
    "FWSM",
    "Cryptochecksum:",
    "aaa",
    "aaa-server",
    "access-group",
    "access-list",
    "anyconnect",
    "arp",
    "asdm",
    "auth-prompt",
    "banner",
    "boot",
    "call-home",
    "class-map",
    "clock",
    "command-alias",
    "community-list",
    "console",
    "crashinfo",
    "crypto",
    "ctl-provider",
    "dhcp-client",
    "dhcpd",
    "dhcprelay",
    "dns",
    "dns-guard",
    "domain-name",
    "dynamic-access-policy-record",
    "dynamic-filter",
    "eigrp",
    "enable",
    "end",
    "established",
    "failover",
    "firewall",
    "flow-export",
    "fragment",
    "ftp",
    "group-policy",
    "hostname",
    "hpm",
    "http",
    "icmp",
    "igmp",
    "interface",
    "ip",
    "ip-client",
    "ipsec",
    "ipv6",
    "isakmp",
    "jumbo-frame",
    "ldap",
    "license",
    "logging",
    "mac-address",
    "mac-address-table",
    "management-access",
    "monitor-interface",
    "mtu",
    "multicast-routing",
    "name",
    "names",
    "nat",
    "no",
    "ntp",
    "object",
    "object-group",
    "pager",
    "passwd",
    "password",
    "password-policy",
    "phone-proxy",
    "pim",
    "policy-list",
    "policy-map",
    "prefix-list",
    "priority-queue",
    "privilege",
    "prompt",
    "quit",
    "route",
    "route-map",
    "router",
    "same-security-traffic",
    "scansafe",
    "service",
    "service-module",
    "service-policy",
    "sla",
    "smtp-server",
    "snmp-map",
    "snmp-server",
    "ssh",
    "ssl",
    "static",
    "sysopt",
    "telnet",
    "terminal",
    "tftp-server",
    "threat-detection",
    "time-range",
    "timeout",
    "tls-proxy",
    "track",
    "tunnel-group",
    "tunnel-group-map",
    "user-identity",
    "username",
    "virtual",
    "vpdn",
    "vpn",
    "vpn-addr-assign",
    "vpn-sessiondb",
    "webvpn",
    "wccp",
    "xlate",
    "zone",
    "global",
    "dhcp",
    "inspect",
    "fixup",
    "rip",
    "conduit",
    "outbound",
    "apply",
    "floodguard",
    "fips",
    "cts",
    "netflow",
    "snort",
    "url-server",
    "filter",
    "lacp",
    "port-channel",
    "ddns",
    "regex",
    "connection",
    "flow-offload",
    "cluster",
    "bfd",
    "ssp",
    "ipv4",
];

/// The first words a line of a sub-mode never has (ASA's global commands that sub-modes do
/// not reuse): in a config written without indentation, such a line ends the open sub-mode.
const GLOBAL_ONLY: &[&str] = &[
    ":",
    "ASA",
    "PIX",
    "hostname",
    "domain-name",
    "interface",
    "crypto",
    "tunnel-group",
    "group-policy",
    "webvpn",
    "username",
    "access-list",
    "access-group",
    "object",
    "object-group",
    "route",
    "nat",
    "telnet",
    "ssh",
    "http",
    "ssl",
    "snmp-server",
    "logging",
    "ntp",
    "aaa",
    "aaa-server",
    "mtu",
    "icmp",
    "asdm",
    "pager",
    "names",
    "name",
    "passwd",
    "timeout",
    "threat-detection",
    "class-map",
    "policy-map",
    "service-policy",
    "prompt",
    "same-security-traffic",
    "dhcpd",
    "failover",
    "sysopt",
    "console",
    "management-access",
    "end",
    "Cryptochecksum:",
    "router",
    "dynamic-access-policy-record",
    "isakmp",
];

/// IKE policies judged per file; every tunnel carries the whole list.
const MAX_IKE_POLICIES: usize = 64;
/// Crypto map entries turned into tunnels per file.
const MAX_TUNNELS: usize = 10_000;

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    let blocks = read(cx, src);
    let conf = collect(cx, src, &blocks);
    Lower::new(cx, src, conf).run();
}

// Reading: the file's lines into blocks.

/// A top-level command and the commands of the sub-mode it opens.
struct Block<'a> {
    head: Command<'a>,
    children: Vec<Command<'a>>,
}

impl Block<'_> {
    /// The block's own command line.
    fn head_origin(&self, src: &SourceFile) -> Origin {
        self.head.origin(src)
    }
}

/// Commands that open a sub-mode (for configs written without indentation).
fn opens_mode(w: &[&str]) -> bool {
    match w {
        ["interface" | "webvpn" | "object" | "object-group" | "class-map" | "policy-map" | "router" | "dynamic-access-policy-record", ..] => true,
        ["crypto", "ikev1" | "ikev2" | "isakmp", "policy", ..] => true,
        ["crypto", "ipsec", "ikev2", "ipsec-proposal", ..] | ["crypto", "ca", "trustpoint" | "certificate", ..] => true,
        ["crypto", "ipsec", "profile", ..] => true,
        ["tunnel-group", _, attrs] => attrs.ends_with("-attributes"),
        ["group-policy" | "username", _, "attributes"] => true,
        ["aaa-server", _, _, "host", ..] | ["aaa-server", _, "host", ..] => true,
        _ => false,
    }
}

/// Splits the config into top-level commands and their children: a line indented past the
/// config's margin (the least indentation of a command line) is a child; in a config with
/// no indentation, a line stays in an open sub-mode until a global-only command. A `banner`
/// is one line on the ASA; `: ` lines are the running config's header comments.
fn read<'a>(cx: &mut ParseCx, src: &'a SourceFile) -> Vec<Block<'a>> {
    let indent = |t: &str| t.len() - t.trim_start().len();
    let is_command = |t: &str| {
        let t = t.trim();
        !t.is_empty() && !t.starts_with('!') && !t.starts_with(':')
    };
    let margin = lex::physical(&src.text)
        .map(|(_, t)| t)
        .filter(|t| is_command(t))
        .map(indent)
        .min()
        .unwrap_or(0);
    let flush = lex::physical(&src.text).map(|(_, t)| t).filter(|t| is_command(t)).all(|t| indent(t) <= margin);
    let mut out: Vec<Block<'a>> = Vec::new();
    let mut prev_opened = false;
    for (at, t) in lex::physical(&src.text) {
        let trimmed = t.trim();
        if trimmed.is_empty() || trimmed.starts_with('!') || trimmed.starts_with(':') || trimmed.starts_with("Cryptochecksum:") {
            continue;
        }
        let cmd = command(at, t);
        let global = cmd.words.first().is_some_and(|w| GLOBAL_ONLY.contains(w))
            || matches!(cmd.words[..], ["enable", "password", ..] | ["ip", "local" | "verify" | "audit", ..])
            || matches!(cmd.words[..], ["no", second, ..] if GLOBAL_ONLY.contains(&second));
        let child = if flush { prev_opened && !global } else { indent(t) > margin };
        if child {
            match out.last_mut() {
                Some(b) => b.children.push(cmd),
                None => cx.unrecognized(src, cmd.start, &unrecognized_text(trimmed)),
            }
            continue;
        }
        prev_opened = opens_mode(&cmd.words);
        out.push(Block { head: cmd, children: vec![] });
    }
    out
}

// Collecting: what the commands say, in named parts, before anything is lowered.

#[derive(Default)]
struct Config {
    /// `ASA Version 9.8(4)20`: the version as Cisco's advisories write it, and the line.
    version: Option<(String, Origin)>,
    hostname: Option<String>,
    interfaces: Vec<InterfaceConf>,
    /// `ip verify reverse-path interface IF`.
    reverse_path: BTreeMap<String, Origin>,
    /// `access-group ACL in interface IF`: interface name → (ACL, line).
    access_groups: BTreeMap<String, (String, Origin)>,
    /// ACL name → whether it denies bogon sources.
    acl_bogon: BTreeMap<String, bool>,
    /// `telnet|ssh|http NET MASK IF` lines.
    mgmt: Vec<MgmtLine>,
    http_server: Option<Origin>,
    ssh_version: Option<(u8, Origin)>,
    snmp: Snmp,
    logging_enable: Option<Origin>,
    log_hosts: Vec<LogTarget>,
    ntp: Ntp,
    accounts: Vec<Account>,
    /// `aaa authentication ssh|telnet|http|serial|enable console GROUP` with a server group
    /// (not LOCAL): logins checked by a server, which may ask for a second factor.
    login_by_server: bool,
    crypto: Crypto,
    tunnel_groups: BTreeMap<String, TunnelGroup>,
    group_policies: BTreeMap<String, GroupPolicy>,
    webvpn: Option<Webvpn>,
    ssl: Ssl,
    /// `crypto ikev2 enable IF client-services`: AnyConnect over IKEv2 with the web services.
    ikev2_client_services: Option<Origin>,
}

/// `interface X` and its children.
struct InterfaceConf {
    name: String,
    origin: Origin,
    nameif: Option<String>,
    level: Option<(u8, Origin)>,
    addresses: Vec<String>,
    public: bool,
    /// `ip address dhcp` / `ip address pppoe`: an address from a carrier.
    carrier: bool,
    enabled: bool,
    /// `tunnel ...` lines: a virtual tunnel interface (VTI), whose traffic comes out of an
    /// IPsec tunnel, not from the network its level would otherwise suggest.
    vti: Option<Vti>,
}

/// A virtual tunnel interface's `tunnel destination` and `tunnel protection ipsec profile`.
#[derive(Default)]
struct Vti {
    destination: Option<(String, Origin)>,
    profile: Option<(String, Origin)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum MgmtKind {
    Telnet,
    Ssh,
    Http,
}

/// `telnet|ssh|http NET MASK IF`.
struct MgmtLine {
    kind: MgmtKind,
    net: String,
    mask: String,
    ifname: String,
    origin: Origin,
}

#[derive(Default)]
struct Snmp {
    /// `snmp-server community`.
    communities: Vec<Origin>,
    /// `snmp-server host ... community`: the same agent, when no global community is set.
    host_communities: Vec<Origin>,
    /// Keyed fingerprints (never values) of the `snmp-server community` strings, wherever
    /// they stand in the file.
    global_fingerprints: Vec<Fingerprint>,
    /// `snmp-server host IF ADDR ...`: the hosts that may poll.
    hosts: Vec<String>,
    v3_groups: Vec<(String, bool, Origin)>,
    /// `no snmp-server enable`.
    disabled: bool,
}

#[derive(Default)]
struct Ntp {
    authenticate: bool,
    trusted: Vec<String>,
    servers: Vec<NtpServer>,
}

struct NtpServer {
    server: String,
    key: Option<String>,
    origin: Origin,
}

#[derive(Default)]
struct Crypto {
    ikev1: Vec<IkePolicy>,
    ikev2: Vec<Proposal>,
    ikev2_origin: Option<Origin>,
    am_disable: Option<Origin>,
    /// `crypto ikev1 enable IF` / `crypto isakmp enable IF`.
    ikev1_enabled: Option<Origin>,
    transform_sets: BTreeMap<String, (Proposal, Origin)>,
    ikev2_proposals: BTreeMap<String, (Proposal, Origin)>,
    /// `crypto map NAME SEQ ...` and `crypto dynamic-map NAME SEQ ...` entries.
    maps: BTreeMap<(bool, String, u32), MapEntry>,
    /// `crypto map NAME SEQ ipsec-isakmp dynamic DYN`: the dynamic maps in use.
    dynamic_used: Vec<String>,
    /// `crypto ipsec profile NAME`: the phase 2 of route-based (VTI) tunnels, with the
    /// same `set ...` words as a crypto map entry (its peer is the VTI's destination).
    profiles: BTreeMap<String, MapEntry>,
}

/// `crypto ikev1 policy N` (or `crypto isakmp policy N`).
struct IkePolicy {
    origin: Origin,
    enc: Option<String>,
    hash: Option<String>,
    group: Option<String>,
    auth: Option<AuthMethod>,
}

/// One crypto map entry: every `crypto map NAME SEQ set ...` line of one NAME and SEQ.
#[derive(Clone)]
struct MapEntry {
    origin: Origin,
    peer: Option<(String, Origin)>,
    ikev1_sets: Vec<String>,
    ikev2_proposals: Vec<String>,
    pfs: Option<(String, Origin)>,
    /// An IPsec profile's `set ikev1 transform-set` / `set ikev2 ipsec-proposal` line (a
    /// crypto map entry's lines are its own, told by their evidence).
    sets_at: Option<Origin>,
}

/// `tunnel-group NAME type ...` and its attribute blocks.
#[derive(Default)]
struct TunnelGroup {
    kind: Option<String>,
    origin: Option<Origin>,
    psk: Option<Origin>,
    trust_point: Option<Origin>,
    /// `authentication aaa|certificate|aaa certificate` in webvpn-attributes.
    webvpn_auth: Option<(Vec<String>, Origin)>,
    /// `authentication-server-group G` (general-attributes): not LOCAL.
    server_group: Option<String>,
    default_group_policy: Option<String>,
}

#[derive(Default)]
struct GroupPolicy {
    split: Option<(bool, Origin)>,
}

/// The `webvpn` block.
struct Webvpn {
    origin: Origin,
    /// `enable IF`.
    interfaces: Vec<(String, Origin)>,
}

/// `ssl ...` global commands.
#[derive(Default)]
struct Ssl {
    server_version: Option<(String, Origin)>,
    /// `ssl cipher VERSION custom "STRING"|LEVEL` → (version word, OpenSSL cipher string).
    ciphers: Vec<(String, String, Origin)>,
    /// `ssl encryption ...` (before 9.3) as an OpenSSL cipher string.
    encryption: Option<(String, Origin)>,
    trust_points: Vec<(String, Origin)>,
    /// `crypto ca trustpoint NAME`: the CAs the ASA validates client certificates against
    /// (a trustpoint's `validation-usage` is `ipsec-client ssl-client` by default [V]).
    ca_trustpoints: Vec<(String, Origin)>,
}

fn collect(cx: &mut ParseCx, src: &SourceFile, blocks: &[Block]) -> Config {
    let mut conf = Config::default();
    conf.snmp.global_fingerprints = blocks
        .iter()
        .filter_map(|b| match b.head.words.as_slice() {
            ["snmp-server", "community", v, ..] => Fingerprint::of(v),
            _ => None,
        })
        .collect();
    for b in blocks {
        let w = &b.head.words;
        if !w.first().is_some_and(|first| KNOWN.contains(first)) {
            cx.unrecognized(src, b.head.start, &unrecognized_text(&w.join(" ")));
            continue;
        }
        match w.as_slice() {
            ["interface", name, ..] => conf.interfaces.push(interface(src, b, name)),
            ["crypto", ..] => crypto(cx, src, b, &mut conf),
            ["tunnel-group", name, rest @ ..] => tunnel_group(cx, src, b, name, rest, &mut conf),
            ["group-policy", name, "attributes"] => {
                let gp = conf.group_policies.entry(name.to_string()).or_default();
                for c in &b.children {
                    if let ["split-tunnel-policy", p] = c.words.as_slice() {
                        gp.split = Some((*p != "tunnelall", c.origin(src)));
                    }
                }
            }
            ["webvpn"] => {
                let mut wv = Webvpn {
                    origin: b.head_origin(src),
                    interfaces: Vec::new(),
                };
                for c in &b.children {
                    if let ["enable", ifname, ..] = c.words.as_slice() {
                        wv.interfaces.push((ifname.to_string(), c.origin(src)));
                    }
                }
                conf.webvpn = Some(wv);
            }
            ["aaa-server", name, ..] => {
                for c in &b.children {
                    secret_child(cx, src, c, &format!("aaa-server {name}"));
                }
            }
            ["username", name, "attributes"] => {
                for c in &b.children {
                    secret_child(cx, src, c, &format!("username {name} attributes"));
                }
            }
            _ => global(cx, src, b, &mut conf),
        }
    }
    conf
}

/// Sub-mode lines that carry a secret ASA does not mask (`key` of an `aaa-server` host,
/// `ldap-login-password`): recorded as stored, never shown.
fn secret_child(cx: &mut ParseCx, src: &SourceFile, c: &Command, owner: &str) {
    let (kind, kw, rest) = match c.words.as_slice() {
        ["key", rest @ ..] => (SecretKind::AaaServerKey, "key", rest),
        ["ldap-login-password", rest @ ..] => (SecretKind::Password, "ldap-login-password", rest),
        ["password", rest @ ..] => (SecretKind::Password, "password", rest),
        _ => return,
    };
    let origin = masked_origin(src, c.start, c.end, &format!("{kw} ****"));
    let (storage, value) = asa_secret_value(rest);
    cx.secret(SecretRecord::new(kind, storage, format!("Cisco ASA {owner} {kw}"), origin).value(value));
}

/// A secret's value as `show running-config` writes it: `*****` (masked by the ASA itself:
/// unreadable), `8 VALUE` (encrypted with the master passphrase), else the value itself.
fn asa_secret_value<'a>(rest: &[&'a str]) -> (SecretStorage, Option<&'a str>) {
    match rest {
        ["8", _, ..] => (SecretStorage::DeviceEncrypted, None),
        ["0", v, ..] | [v, ..] => (SecretStorage::Plaintext, Some(*v)),
        [] => (SecretStorage::Plaintext, Some("")),
    }
}

/// `interface X` and its children.
fn interface(src: &SourceFile, b: &Block, name: &str) -> InterfaceConf {
    let mut i = InterfaceConf {
        name: name.to_string(),
        origin: b.head_origin(src),
        nameif: None,
        level: None,
        addresses: Vec::new(),
        public: false,
        carrier: false,
        enabled: true,
        vti: None,
    };
    for c in &b.children {
        match c.words.as_slice() {
            ["nameif", n] => i.nameif = Some(n.to_string()),
            ["tunnel", rest @ ..] => {
                let vti = i.vti.get_or_insert_with(Vti::default);
                match rest {
                    ["destination", a] => vti.destination = Some((a.to_string(), c.origin(src))),
                    ["protection", "ipsec", "profile", p] => vti.profile = Some((p.to_string(), c.origin(src))),
                    _ => {}
                }
            }
            ["security-level", l] => i.level = l.parse().ok().map(|l| (l, c.origin(src))),
            ["ip", "address", "dhcp" | "pppoe", ..] => {
                i.carrier = true;
                i.addresses.push(c.words[2].to_string());
            }
            ["ip", "address", a, m, ..] => {
                i.public |= is_public_ipv4(a);
                i.addresses.push(format!("{a} {m}"));
            }
            ["shutdown"] => i.enabled = false,
            _ => {}
        }
    }
    i
}

/// Global one-line commands (and the few blocks read by their head alone).
fn global(cx: &mut ParseCx, src: &SourceFile, b: &Block, conf: &mut Config) {
    let w = &b.head.words;
    let o = || b.head_origin(src);
    let mo = |m: &str| masked_origin(src, b.head.start, b.head.end, m);
    match w.as_slice() {
        ["ASA" | "PIX", "Version", v, ..] => conf.version = Some((advisory_version(v), o())),
        ["hostname", h] => conf.hostname = Some(h.to_string()),
        ["ip", "verify", "reverse-path", "interface", ifname] => {
            conf.reverse_path.insert(ifname.to_string(), o());
        }
        ["access-group", acl, "in", "interface", ifname, ..] => {
            conf.access_groups.insert(ifname.to_string(), (acl.to_string(), o()));
        }
        ["access-list", name, rest @ ..] => {
            let rest: &[&str] = match rest {
                ["extended", tail @ ..] => tail,
                _ => rest,
            };
            // `deny ip|PROTO SRC MASK ...` / `deny ip host A ...`.
            if let ["deny", _proto, a, ..] = rest {
                if is_bogon_prefix(a) {
                    conf.acl_bogon.insert(name.to_string(), true);
                }
            }
            conf.acl_bogon.entry(name.to_string()).or_insert(false);
        }
        [kind @ ("telnet" | "ssh" | "http"), net, mask, ifname] if ipv4(net).is_some() || net.contains(':') => conf.mgmt.push(MgmtLine {
            kind: match *kind {
                "telnet" => MgmtKind::Telnet,
                "ssh" => MgmtKind::Ssh,
                _ => MgmtKind::Http,
            },
            net: net.to_string(),
            mask: mask.to_string(),
            ifname: ifname.to_string(),
            origin: o(),
        }),
        ["http", "server", "enable", ..] => conf.http_server = Some(o()),
        ["ssh", "version", v] => conf.ssh_version = v.parse().ok().map(|v| (v, o())),
        ["enable", "password", rest @ ..] => {
            // `enable password VALUE [level N] [encrypted|pbkdf2]`.
            let (storage, value) = asa_password(rest);
            let level = rest.windows(2).find(|p| p[0] == "level").map_or(String::new(), |p| format!(" level {}", p[1]));
            let ev = format!("enable password ****{level}{}", storage_word(rest));
            let record = SecretRecord::new(SecretKind::EnablePassword, storage, "Cisco ASA enable password", mo(&ev));
            cx.secret(if factory_hash(rest, PIX_MD5_EMPTY) {
                record.value(Some("")).factory_default()
            } else {
                record.value(value)
            });
        }
        ["passwd" | "password", rest @ ..] => {
            // The login password of Telnet/SSH before local users (8.x and earlier).
            let (storage, value) = asa_password(rest);
            let ev = format!("{} ****{}", w[0], storage_word(rest));
            let record = SecretRecord::new(SecretKind::Password, storage, "Cisco ASA passwd", mo(&ev));
            cx.secret(if factory_hash(rest, PIX_MD5_CISCO) {
                record.value(Some("cisco")).factory_default()
            } else {
                record.value(value)
            });
        }
        ["username", name, rest @ ..] => conf.accounts.push(username(cx, src, b, name, rest)),
        ["aaa", "authentication", _what, "console", group, ..] => conf.login_by_server |= *group != "LOCAL",
        ["snmp-server", "enable"] => {}
        ["no", "snmp-server", "enable"] => conf.snmp.disabled = true,
        ["snmp-server", "community", value, ..] => {
            let origin = mo("snmp-server community ****");
            conf.snmp.communities.push(origin.clone());
            cx.secret(SecretRecord::new(SecretKind::SnmpCommunity, SecretStorage::Plaintext, "Cisco ASA snmp-server community", origin).value(Some(*value)));
        }
        ["snmp-server", "host", ifname, host, rest @ ..] => {
            conf.snmp.hosts.push(format!("{host} ({ifname})"));
            if let Some(k) = rest.iter().position(|x| *x == "community") {
                let value = rest.get(k + 1).copied().unwrap_or("");
                let origin = mo(&format!("snmp-server host {ifname} {host} community ****"));
                conf.snmp.host_communities.push(origin.clone());
                // A host naming the agent's own community repeats that one secret (judged at
                // its `snmp-server community` line): not a second place it is used.
                let same = Fingerprint::of(value).is_some_and(|f| conf.snmp.global_fingerprints.contains(&f));
                if !same {
                    cx.secret(
                        SecretRecord::new(
                            SecretKind::SnmpCommunity,
                            SecretStorage::Plaintext,
                            format!("Cisco ASA snmp-server host {ifname} {host} community"),
                            origin,
                        )
                        .value(Some(value)),
                    );
                }
            }
        }
        ["snmp-server", "group", g, "v3", level, ..] => conf.snmp.v3_groups.push((g.to_string(), *level == "priv", o())),
        ["snmp-server", "user", user, _group, "v3", rest @ ..] => {
            let origin = mo(&format!("snmp-server user {user} ... v3 ****"));
            // `encrypted` keys are localized digests, not the passwords themselves.
            if !rest.contains(&"encrypted") {
                if let Some(k) = rest.iter().position(|x| *x == "auth") {
                    let value = rest.get(k + 2).copied();
                    cx.secret(
                        SecretRecord::new(
                            SecretKind::UserPassword,
                            SecretStorage::Plaintext,
                            format!("Cisco ASA snmp-server user {user} v3"),
                            origin,
                        )
                        .value(value)
                        .account(Some(*user)),
                    );
                }
            }
        }
        ["logging", "enable"] => conf.logging_enable = Some(o()),
        ["logging", "host", ifname, host, rest @ ..] => conf.log_hosts.push(LogTarget {
            origin: o(),
            destination: format!("syslog {host} ({ifname})"),
            remote: true,
            encrypted: rest.contains(&"secure"),
        }),
        ["ntp", "authenticate"] => conf.ntp.authenticate = true,
        ["ntp", "trusted-key", k] => conf.ntp.trusted.push(k.to_string()),
        ["ntp", "server", server, rest @ ..] => conf.ntp.servers.push(NtpServer {
            server: server.to_string(),
            key: rest.windows(2).find(|p| p[0] == "key").map(|p| p[1].to_string()),
            origin: o(),
        }),
        ["ntp", "authentication-key", id, alg, rest @ ..] => {
            let (storage, value) = asa_secret_value(rest);
            let origin = mo(&format!("ntp authentication-key {id} {alg} ****"));
            cx.secret(SecretRecord::new(SecretKind::AuthKey, storage, format!("Cisco ASA ntp authentication-key {id}"), origin).value(value));
        }
        ["failover", "key", rest @ ..] => {
            let (storage, value) = asa_secret_value(rest);
            cx.secret(SecretRecord::new(SecretKind::AuthKey, storage, "Cisco ASA failover key", mo("failover key ****")).value(value));
        }
        ["ssl", "server-version", v, ..] => conf.ssl.server_version = Some((v.to_string(), o())),
        ["ssl", "cipher", version, rest @ ..] => {
            let spec = match rest {
                ["custom", s, ..] => Some(s.trim_matches('"').to_string()),
                ["low" | "all"] => Some(LOW_SUITES.to_string()),
                _ => None,
            };
            if let Some(s) = spec {
                conf.ssl.ciphers.push((version.to_string(), s, o()));
            }
        }
        ["ssl", "encryption", algs @ ..] => {
            let names: Vec<&str> = algs.iter().filter_map(|a| ssl_encryption_suite(a)).collect();
            conf.ssl.encryption = Some((names.join(":"), o()));
        }
        ["ssl", "trust-point", tp, ..] => conf.ssl.trust_points.push((tp.to_string(), o())),
        // A secret-bearing line kensa does not read: masked after the keyword, counted.
        _ if w.iter().any(|x| matches!(*x, "key" | "password" | "secret" | "community" | "pre-shared-key")) => {
            secret_not_read(cx, src, b.head.start, b.head.end, &w.join(" "), w[0]);
        }
        _ => {}
    }
}

/// What `ssl cipher ... low` and `all` allow (ASA command reference: every cipher but
/// NULL-SHA for `low`), as OpenSSL names: RC4, DES and 3DES among them.
const LOW_SUITES: &str = "DHE-RSA-AES256-SHA:AES256-SHA:DHE-RSA-AES128-SHA:AES128-SHA:DES-CBC3-SHA:DES-CBC-SHA:RC4-SHA:RC4-MD5";

/// `ssl encryption` algorithm names (ASA 8.x–9.2) as OpenSSL suite names.
fn ssl_encryption_suite(a: &str) -> Option<&'static str> {
    Some(match a {
        "des-sha1" => "DES-CBC-SHA",
        "3des-sha1" => "DES-CBC3-SHA",
        "rc4-sha1" => "RC4-SHA",
        "rc4-md5" => "RC4-MD5",
        "aes128-sha1" => "AES128-SHA",
        "aes256-sha1" => "AES256-SHA",
        "dhe-aes128-sha1" => "DHE-RSA-AES128-SHA",
        "dhe-aes256-sha1" => "DHE-RSA-AES256-SHA",
        "null-sha1" => "NULL-SHA",
        _ => return None,
    })
}

/// `9.8(4)20` → `9.8.4.20`, `9.4(1.4)` → `9.4.1.4`: the release as Cisco's advisories
/// (and the advisory table) write it.
fn advisory_version(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for ch in v.chars() {
        match ch {
            '(' | ')' | '.' if !out.is_empty() && !out.ends_with('.') => out.push('.'),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out.trim_end_matches('.').to_string()
}

/// The `encrypted` (PIX-MD5) form of an empty password: the factory configuration's
/// `enable password` (Cisco: "When prompted for the password, press Enter. The password is
/// blank", docs/vendor-defaults.md). PIX-MD5 is MD5 over the password padded with NULs to 16
/// bytes, three bytes of each four printed in crypt's alphabet (the computation is shown in
/// docs/vendor-defaults.md).
const PIX_MD5_EMPTY: &str = "8Ry2YjIyt7RRXU24";

/// The PIX-MD5 form of `cisco`: the factory Telnet/SSH login password (`passwd`) of
/// releases before 9.0 (docs/vendor-defaults.md).
const PIX_MD5_CISCO: &str = "2KFQnbNIdI.2KYOU";

/// Whether `VALUE encrypted` is exactly the given factory hash.
fn factory_hash(rest: &[&str], hash: &str) -> bool {
    matches!(rest, [v, "encrypted", ..] if *v == hash)
}

/// How ASA stores a `password VALUE [encrypted|pbkdf2|nt-encrypted]`: `pbkdf2` a strong
/// hash (PBKDF2-SHA512, 9.5 on [V]), `encrypted` the MD5-based hash of earlier releases,
/// `nt-encrypted` an MD4 hash; without a marker the value as written.
fn asa_password<'a>(rest: &[&'a str]) -> (SecretStorage, Option<&'a str>) {
    let value = rest.first().copied().filter(|v| !matches!(*v, "level" | "privilege" | "encrypted" | "pbkdf2"));
    if rest.contains(&"pbkdf2") {
        (SecretStorage::StrongHash, None)
    } else if rest.contains(&"encrypted") || rest.contains(&"nt-encrypted") {
        (SecretStorage::WeakHash, None)
    } else {
        (SecretStorage::Plaintext, Some(value.unwrap_or("")))
    }
}

/// The storage marker of a password line, for its masked evidence.
fn storage_word(rest: &[&str]) -> &'static str {
    if rest.contains(&"pbkdf2") {
        " pbkdf2"
    } else if rest.contains(&"nt-encrypted") {
        " nt-encrypted"
    } else if rest.contains(&"encrypted") {
        " encrypted"
    } else {
        ""
    }
}

/// `username NAME password VALUE [encrypted|pbkdf2] [privilege N]` / `username NAME
/// nopassword [privilege N]`.
fn username(cx: &mut ParseCx, src: &SourceFile, b: &Block, name: &str, rest: &[&str]) -> Account {
    let privilege = rest.windows(2).find(|p| p[0] == "privilege").and_then(|p| p[1].parse::<u8>().ok());
    let priv_text = privilege.map_or(String::new(), |p| format!(" privilege {p}"));
    let subject = format!("Cisco ASA user {name}");
    let origin = match rest {
        ["password", tail @ ..] => {
            let origin = masked_origin(
                src,
                b.head.start,
                b.head.end,
                &format!("username {name} password ****{}{priv_text}", storage_word(tail)),
            );
            let (storage, value) = asa_password(tail);
            cx.secret(
                SecretRecord::new(SecretKind::Password, storage, subject, origin.clone())
                    .value(value)
                    .account(Some(name)),
            );
            origin
        }
        ["nopassword", ..] => {
            let origin = masked_origin(src, b.head.start, b.head.end, &format!("username {name} nopassword{priv_text}"));
            cx.secret(
                SecretRecord::new(SecretKind::Password, SecretStorage::Plaintext, subject, origin.clone())
                    .value(Some(""))
                    .account(Some(name)),
            );
            origin
        }
        _ => masked_origin(src, b.head.start, b.head.end, &format!("username {name} {}", mask_line(&rest.join(" ")))),
    };
    Account {
        name: name.to_string(),
        origin,
        // Privilege 15 is the administrator; a user without `privilege` has level 2.
        admin: privilege == Some(15),
        remote_access: false,
        default_name: matches!(name, "cisco" | "admin" | "root"),
        second_factor: None,
        trusted_hosts: None,
    }
}

/// `tunnel-group NAME type T` and `tunnel-group NAME *-attributes` blocks.
fn tunnel_group(cx: &mut ParseCx, src: &SourceFile, b: &Block, name: &str, rest: &[&str], conf: &mut Config) {
    let tg = conf.tunnel_groups.entry(name.to_string()).or_default();
    if tg.origin.is_none() {
        tg.origin = Some(b.head_origin(src));
    }
    // The built-in groups have no `type` line.
    if tg.kind.is_none() {
        tg.kind = match name {
            "DefaultWEBVPNGroup" | "DefaultRAGroup" => Some("remote-access".into()),
            "DefaultL2LGroup" => Some("ipsec-l2l".into()),
            _ => None,
        };
    }
    match rest {
        ["type", t] => {
            tg.kind = Some(t.to_string());
            tg.origin = Some(b.head_origin(src));
        }
        ["ipsec-attributes"] => {
            for c in &b.children {
                let (kw, value_rest) = match c.words.as_slice() {
                    ["ikev1", "pre-shared-key", v @ ..] => ("ikev1 pre-shared-key", v),
                    ["pre-shared-key", v @ ..] => ("pre-shared-key", v),
                    ["ikev2", side @ ("remote-authentication" | "local-authentication"), "pre-shared-key", v @ ..] => (
                        if *side == "remote-authentication" {
                            "ikev2 remote-authentication pre-shared-key"
                        } else {
                            "ikev2 local-authentication pre-shared-key"
                        },
                        v,
                    ),
                    ["ikev1" | "ikev2", "trust-point", ..] | ["trust-point", ..] | ["ikev2", "remote-authentication", "certificate", ..] => {
                        tg.trust_point = Some(c.origin(src));
                        continue;
                    }
                    _ => continue,
                };
                let origin = masked_origin(src, c.start, c.end, &format!("{kw} ****"));
                let (storage, value) = asa_secret_value(value_rest);
                tg.psk = Some(origin.clone());
                cx.secret(SecretRecord::new(SecretKind::IpsecPsk, storage, format!("Cisco ASA tunnel-group {name}"), origin).value(value));
            }
        }
        ["webvpn-attributes"] => {
            for c in &b.children {
                if let ["authentication", methods @ ..] = c.words.as_slice() {
                    tg.webvpn_auth = Some((methods.iter().map(|m| m.to_string()).collect(), c.origin(src)));
                }
            }
        }
        ["general-attributes"] => {
            for c in &b.children {
                match c.words.as_slice() {
                    ["authentication-server-group", g, ..] if *g != "LOCAL" => tg.server_group = Some(g.to_string()),
                    ["default-group-policy", g] => tg.default_group_policy = Some(g.to_string()),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// `crypto ...` commands and blocks.
fn crypto(cx: &mut ParseCx, src: &SourceFile, b: &Block, conf: &mut Config) {
    let c = &mut conf.crypto;
    let o = || b.head_origin(src);
    match b.head.words.as_slice() {
        ["crypto", "ikev1" | "isakmp", "policy", _] => {
            let mut p = IkePolicy {
                origin: o(),
                enc: None,
                hash: None,
                group: None,
                auth: None,
            };
            for ch in &b.children {
                match ch.words.as_slice() {
                    ["encryption", a] => p.enc = Some(asa_enc(a)),
                    ["hash", h] => p.hash = Some(asa_hash(h)),
                    ["group", g] => p.group = Some(g.parse().ok().and_then(dh_group_number).unwrap_or("unknown").to_string()),
                    ["authentication", a] => {
                        p.auth = Some(match *a {
                            "pre-share" => AuthMethod::Psk,
                            "rsa-sig" => AuthMethod::Certificate,
                            _ => AuthMethod::Unknown,
                        })
                    }
                    _ => {}
                }
            }
            Cap::new(MAX_IKE_POLICIES, "crypto ikev1 policies", DiagLevel::Warning).push(cx, src, b.head.start, &mut c.ikev1, p);
        }
        ["crypto", "ikev2", "policy", _] => {
            let mut p = cisco_ikev2_proposal(&b.children, asa_enc, asa_hash);
            if p.integrity.is_empty() && !p.encryption.is_empty() && p.encryption.iter().all(|x| x.contains("gcm")) {
                p.integrity.push("none".into());
            }
            if c.ikev2.len() < MAX_IKE_POLICIES {
                c.ikev2_origin.get_or_insert_with(o);
                c.ikev2.push(p);
            }
        }
        ["crypto", "ca", "trustpoint", name] => conf.ssl.ca_trustpoints.push((name.to_string(), o())),
        ["crypto", "ikev1" | "isakmp", "am-disable"] => c.am_disable = Some(o()),
        ["crypto", "ikev1" | "isakmp", "enable", ..] => {
            c.ikev1_enabled.get_or_insert_with(o);
        }
        ["crypto", "ikev2", "enable", _ifname, rest @ ..] if rest.contains(&"client-services") => {
            conf.ikev2_client_services.get_or_insert_with(o);
        }
        ["crypto", "ipsec", "ikev1", "transform-set", name, algs @ ..] | ["crypto", "ipsec", "transform-set", name, algs @ ..] => {
            c.transform_sets.insert(name.to_string(), (transform_set(algs), o()));
        }
        ["crypto", "ipsec", "ikev2", "ipsec-proposal", name] => {
            let mut p = Proposal::default();
            for ch in &b.children {
                match ch.words.as_slice() {
                    ["protocol", "esp", "encryption", algs @ ..] => p.encryption.extend(algs.iter().map(|a| asa_enc(a))),
                    ["protocol", "esp", "integrity", algs @ ..] => p.integrity.extend(algs.iter().map(|a| asa_hash(a))),
                    _ => {}
                }
            }
            if p.integrity.is_empty() {
                p.integrity.push("none".into());
            }
            c.ikev2_proposals.insert(name.to_string(), (p, o()));
        }
        ["crypto", "ipsec", "profile", name] => {
            let mut e = MapEntry::new(o());
            for ch in &b.children {
                if let ["set", rest @ ..] = ch.words.as_slice() {
                    if let ["ikev1" | "ikev2", "transform-set" | "ipsec-proposal", ..] = rest {
                        e.sets_at.get_or_insert_with(|| ch.origin(src));
                    }
                    e.set(rest, ch.origin(src));
                }
            }
            c.profiles.insert(name.to_string(), e);
        }
        ["crypto", kind @ ("map" | "dynamic-map"), name, seq, rest @ ..] => {
            let Ok(seq) = seq.parse::<u32>() else { return };
            if let ["ipsec-isakmp", "dynamic", dynamic] = rest {
                c.dynamic_used.push(dynamic.to_string());
                return;
            }
            let dynamic = *kind == "dynamic-map";
            let key = (dynamic, name.to_string(), seq);
            if !c.maps.contains_key(&key) && c.maps.len() >= MAX_TUNNELS {
                if c.maps.len() == MAX_TUNNELS {
                    Cap::new(MAX_TUNNELS, "crypto map entries", DiagLevel::Warning).report(cx, src, b.head.start);
                }
                return;
            }
            let e = c.maps.entry(key).or_insert_with(|| MapEntry::new(o()));
            if let ["set", rest @ ..] = rest {
                e.set(rest, o());
            }
        }
        _ => {}
    }
}

impl MapEntry {
    /// An entry or profile with nothing set yet, opened at `origin`.
    fn new(origin: Origin) -> Self {
        MapEntry {
            origin,
            peer: None,
            ikev1_sets: Vec::new(),
            ikev2_proposals: Vec::new(),
            pfs: None,
            sets_at: None,
        }
    }

    /// One `set ...` of a crypto map entry or an IPsec profile (the words after `set`).
    fn set(&mut self, words: &[&str], at: Origin) {
        match words {
            ["peer", p, ..] => self.peer = Some((p.to_string(), at)),
            ["ikev1", "transform-set", ts @ ..] | ["transform-set", ts @ ..] => self.ikev1_sets.extend(ts.iter().map(|t| t.to_string())),
            ["ikev2", "ipsec-proposal", ps @ ..] => self.ikev2_proposals.extend(ps.iter().map(|p| p.to_string())),
            ["pfs", g, ..] => self.pfs = Some((g.to_string(), at)),
            ["pfs"] => self.pfs = Some(("group2".into(), at)),
            _ => {}
        }
    }
}

/// ASA encryption names (`aes-256`, `aes-gcm-256`, `3des`) in the proposal vocabulary.
fn asa_enc(a: &str) -> String {
    match a {
        "aes" => "aes128",
        "aes-192" => "aes192",
        "aes-256" => "aes256",
        "aes-gcm" => "aes128gcm16",
        "aes-gcm-192" => "aes192gcm16",
        "aes-gcm-256" => "aes256gcm16",
        "aes-gmac" => "aes128gmac",
        "aes-gmac-192" => "aes192gmac",
        "aes-gmac-256" => "aes256gmac",
        other => other,
    }
    .to_string()
}

/// ASA hash / integrity names (`sha`, `sha-256`, `md5`) in the proposal vocabulary.
fn asa_hash(h: &str) -> String {
    match h {
        "sha" | "sha-1" | "sha1" => "sha1",
        "sha-256" | "sha256" => "sha256",
        "sha-384" | "sha384" => "sha384",
        "sha-512" | "sha512" => "sha512",
        "null" | "none" => "none",
        other => other,
    }
    .to_string()
}

/// `crypto ipsec ikev1 transform-set NAME esp-aes-256 esp-sha-hmac` as a proposal.
fn transform_set(algs: &[&str]) -> Proposal {
    let mut p = Proposal::default();
    for a in algs {
        match *a {
            "esp-des" => p.encryption.push("des".into()),
            "esp-3des" => p.encryption.push("3des".into()),
            "esp-aes" => p.encryption.push("aes128".into()),
            "esp-aes-192" => p.encryption.push("aes192".into()),
            "esp-aes-256" => p.encryption.push("aes256".into()),
            "esp-null" => p.encryption.push("null".into()),
            "esp-none" => p.integrity.push("none".into()),
            x if x.starts_with("esp-") && x.ends_with("-hmac") => p.integrity.push(asa_hash(x.trim_start_matches("esp-").trim_end_matches("-hmac"))),
            _ => {}
        }
    }
    if p.integrity.is_empty() {
        p.integrity.push("none".into());
    }
    p
}

// Lowering: the collected parts into the model, section by section.

struct Lower<'a> {
    cx: &'a mut ParseCx,
    src: &'a SourceFile,
    conf: Config,
    /// The whole file, for settings that rely on a default no line shows.
    dev_origin: Origin,
    /// The release as numbers (`9.8(4)20` → [9, 8, 4, 20]); empty when unknown.
    release: Vec<u32>,
    /// nameif → zone, as the interfaces say.
    zones: BTreeMap<String, InterfaceZone>,
    /// The virtual tunnel interfaces (`X (nameif)` of `interface X`, its `tunnel` lines),
    /// lowered as tunnels after the crypto maps.
    vtis: Vec<(String, Vti)>,
}

impl<'a> Lower<'a> {
    fn new(cx: &'a mut ParseCx, src: &'a SourceFile, conf: Config) -> Self {
        let release = conf
            .version
            .as_ref()
            .map(|(v, _)| v.split('.').map_while(|p| p.parse().ok()).collect())
            .unwrap_or_default();
        let dev_origin = src.origin(0, 0).with_evidence("Cisco ASA configuration");
        Lower {
            cx,
            src,
            conf,
            dev_origin,
            release,
            zones: BTreeMap::new(),
            vtis: Vec::new(),
        }
    }

    fn run(mut self) {
        self.interfaces();
        self.accounts();
        self.device();
        self.mgmt();
        self.snmp();
        self.logging();
        self.ntp();
        self.tunnels();
        self.webvpn();
    }

    /// Before release `v` (`[9, 3, 2]`); an unknown release is not before anything.
    fn before(&self, v: &[u32]) -> bool {
        !self.release.is_empty() && self.release.as_slice() < v
    }

    /// Interfaces: `security-level 0` (or the name `outside`, whose default level is 0)
    /// faces outward, as does an address from a carrier or a public address on an interface
    /// with no level; other named interfaces are inside. A virtual tunnel interface is a
    /// tunnel whatever its level: its level says how much the ASA trusts what comes out of
    /// the tunnel, not that it faces the internet.
    fn interfaces(&mut self) {
        for mut i in std::mem::take(&mut self.conf.interfaces) {
            let vti = i.vti.is_some();
            if let Some(v) = i.vti.take() {
                self.vtis
                    .push((i.nameif.as_ref().map_or_else(|| i.name.clone(), |n| format!("{} ({n})", i.name)), v));
            }
            let (zone, origin) = match (&i.level, i.nameif.as_deref()) {
                _ if vti => (InterfaceZone::Tunnel, i.origin.clone()),
                (Some((0, _)), _) => {
                    let nameif = i.nameif.as_deref().unwrap_or("-");
                    (
                        InterfaceZone::External,
                        i.origin.with_evidence(&format!("interface {} nameif {nameif} security-level 0", i.name)),
                    )
                }
                // A named interface without a level has the default level 0, but `inside` 100.
                (Some(_), _) | (None, Some("inside")) => (InterfaceZone::Internal, i.origin.clone()),
                (None, Some(_)) => (
                    InterfaceZone::External,
                    i.origin.with_note(Note::not_set_default_of("security-level", "ASA", "0")),
                ),
                _ if i.carrier || i.public => (InterfaceZone::External, i.origin.clone()),
                (None, None) => (InterfaceZone::Unknown, i.origin.clone()),
            };
            let Some(nameif) = i.nameif else {
                // An interface without nameif passes no traffic of its own (a member of a
                // port-channel, a parent of subinterfaces): nothing to judge.
                continue;
            };
            self.zones.insert(nameif.clone(), zone);
            let rpf = self.conf.reverse_path.get(&nameif).map(|o| Setting::explicit(true, o.clone()));
            let missing = |what: &str| origin.with_note(Note::absent(what));
            let (inbound, bogon) = match self.conf.access_groups.get(&nameif) {
                Some((acl, o)) => (
                    Setting::explicit(true, o.clone()),
                    Setting::explicit(self.conf.acl_bogon.get(acl).copied().unwrap_or(false), o.clone()),
                ),
                None => (
                    Setting::default_at(false, missing(&format!("access-group ... in interface {nameif}"))),
                    Setting::default_at(false, missing(&format!("access-group ... in interface {nameif}"))),
                ),
            };
            let anti = rpf.unwrap_or_else(|| Setting::default_at(false, missing(&format!("ip verify reverse-path interface {nameif}"))));
            self.cx.model.interfaces.push(Interface {
                name: format!("{} ({nameif})", i.name),
                origin,
                zone,
                enabled: i.enabled,
                anti_spoofing: Some(anti),
                bogon_filter: Some(bogon),
                inbound_filter: Some(inbound),
                addresses: i.addresses,
            });
        }
    }

    /// Accounts: without an authentication server, a privilege-15 user logs in with its
    /// password alone; with one, the second factor is not in this file (left unknown).
    fn accounts(&mut self) {
        let accounts = std::mem::take(&mut self.conf.accounts);
        lower_accounts(&mut self.cx.model, accounts, self.conf.login_by_server, "local password only");
    }

    /// Device and firmware (with the web services as the advisories' feature).
    fn device(&mut self) {
        let c = &self.conf;
        self.cx.model.device = Some(Device {
            product: "Cisco ASA".into(),
            hostname: c.hostname.clone(),
            is_network_device: true,
            origin: c.version.as_ref().map_or_else(|| self.dev_origin.clone(), |x| x.1.clone()),
            source_routing: None,
        });
        if let Some((v, origin)) = &c.version {
            let mut features = Vec::new();
            // cisco-sa-asaftd-ro-path-KJuQhB86: the web services exist with `webvpn` `enable
            // IF` (AnyConnect / clientless SSL VPN) or `crypto ikev2 enable IF
            // client-services`.
            if c.webvpn.as_ref().is_some_and(|w| !w.interfaces.is_empty()) || c.ikev2_client_services.is_some() {
                features.push(Feature::Webvpn);
            }
            self.cx.model.firmware.push(Firmware {
                product: Product::Asa,
                model: None,
                version: v.clone(),
                build: None,
                origin: origin.clone(),
                features,
            });
        }
    }

    fn zone(&self, ifname: &str) -> InterfaceZone {
        self.zones.get(ifname).copied().unwrap_or(InterfaceZone::Unknown)
    }

    /// Telnet, SSH and ASDM (HTTPS) access per interface and source network.
    fn mgmt(&mut self) {
        for m in std::mem::take(&mut self.conf.mgmt) {
            let (protocol, name) = match m.kind {
                MgmtKind::Telnet => (MgmtProtocol::Telnet, "telnet"),
                MgmtKind::Ssh => (MgmtProtocol::Ssh, "ssh"),
                MgmtKind::Http => (MgmtProtocol::Https, "http"),
            };
            let enabled = match (m.kind, &self.conf.http_server) {
                (MgmtKind::Http, None) => Setting::explicit(false, m.origin.with_note(Note::absent("http server enable"))),
                _ => Setting::explicit(true, m.origin.clone()),
            };
            let any = matches!(m.net.as_str(), "0.0.0.0" | "::" | "0::0") && matches!(m.mask.as_str(), "0.0.0.0" | "0" | "::");
            let external = self.zone(&m.ifname) == InterfaceZone::External;
            let reach = if !any {
                Reachability::Restricted(vec![format!("{} {} ({})", m.net, m.mask, m.ifname)])
            } else if external && m.kind == MgmtKind::Telnet {
                // The ASA refuses Telnet on the lowest-security interface unless it comes
                // through an IPsec tunnel.
                Reachability::Restricted(vec![format!("IPsec tunnels to {}", m.ifname)])
            } else if external {
                Reachability::External(m.ifname.clone())
            } else if self.zone(&m.ifname) == InterfaceZone::Internal {
                Reachability::Internal(m.ifname.clone())
            } else {
                Reachability::Unrestricted
            };
            let version = match (m.kind, &self.conf.ssh_version) {
                (MgmtKind::Ssh, Some((v, o))) => Some(Setting::explicit(*v, o.clone())),
                _ => None,
            };
            self.cx.model.mgmt_services.push(MgmtService {
                subject: format!("Cisco ASA {name} {} {} {}", m.net, m.mask, m.ifname),
                protocol,
                origin: m.origin.clone(),
                enabled,
                reachable_from: Setting::explicit(reach, m.origin),
                version,
                strong_auth: None,
            });
        }
    }

    /// SNMP: each community (v1/v2c) and v3 group; polls are answered only from the hosts
    /// `snmp-server host` names.
    fn snmp(&mut self) {
        let s = std::mem::take(&mut self.conf.snmp);
        if s.disabled {
            return;
        }
        let reach = |o: &Origin| Setting::explicit(Reachability::Restricted(s.hosts.clone()), o.clone());
        let communities = if s.communities.is_empty() { &s.host_communities } else { &s.communities };
        for o in communities {
            self.cx.model.mgmt_services.push(MgmtService {
                subject: "Cisco ASA snmp-server community".into(),
                protocol: MgmtProtocol::Snmp,
                origin: o.clone(),
                enabled: Setting::explicit(true, o.clone()),
                reachable_from: reach(o),
                version: Some(Setting::explicit(2, o.clone())),
                strong_auth: Some(Setting::explicit(false, o.clone())),
            });
        }
        for (g, privacy, o) in &s.v3_groups {
            self.cx.model.mgmt_services.push(MgmtService {
                subject: format!("Cisco ASA snmp-server group {g} v3"),
                protocol: MgmtProtocol::Snmp,
                origin: o.clone(),
                enabled: Setting::explicit(true, o.clone()),
                reachable_from: reach(o),
                version: Some(Setting::explicit(3, o.clone())),
                strong_auth: Some(Setting::explicit(*privacy, o.clone())),
            });
        }
    }

    /// `logging host` lines send only with `logging enable`.
    fn logging(&mut self) {
        let hosts = std::mem::take(&mut self.conf.log_hosts);
        if self.conf.logging_enable.is_some() {
            self.cx.model.log_targets.extend(hosts);
        }
        // Without `logging enable` the hosts are configured but nothing is sent: MGMT007
        // reports the device as having no remote syslog.
    }

    fn ntp(&mut self) {
        let ntp = std::mem::take(&mut self.conf.ntp);
        for s in ntp.servers {
            let authenticated = ntp.authenticate && s.key.as_ref().is_some_and(|k| ntp.trusted.contains(k));
            self.cx.model.time_sources.push(TimeSource {
                origin: s.origin,
                server: s.server,
                authenticated,
            });
        }
    }

    /// IKEv1 proposals from the policies (every policy line is in `show running-config`;
    /// a value left out is reported at the weak default: 3DES [K], SHA-1, group 2).
    fn ikev1_proposals(&self) -> Option<Setting<Vec<Proposal>>> {
        let policies = &self.conf.crypto.ikev1;
        let first = policies.first()?;
        let props = policies
            .iter()
            .map(|p| Proposal {
                encryption: vec![p.enc.clone().unwrap_or_else(|| "3des".into())],
                integrity: vec![p.hash.clone().unwrap_or_else(|| "sha1".into())],
                prf: vec![],
                dh_groups: vec![p.group.clone().unwrap_or_else(|| "modp1024".into())],
            })
            .collect();
        Some(match policies.iter().find(|p| p.enc.is_none() || p.hash.is_none() || p.group.is_none()) {
            Some(p) => Setting::default_at(
                props,
                p.origin.with_note(Note::not_set_default_of("encryption/hash/group", "ASA", "3des sha 2")),
            ),
            None => Setting::explicit(props, first.origin.clone()),
        })
    }

    /// Crypto map entries (static: one peer; dynamic: any peer) and virtual tunnel
    /// interfaces (their destination the peer, their profile the phase 2) as IPsec tunnels.
    fn tunnels(&mut self) {
        let c = &self.conf.crypto;
        let remote_access_groups: Vec<&TunnelGroup> = self
            .conf
            .tunnel_groups
            .values()
            .filter(|g| g.kind.as_deref() == Some("remote-access"))
            .collect();
        let mut out = Vec::new();
        for ((dynamic, name, seq), e) in &c.maps {
            if *dynamic && !c.dynamic_used.contains(name) {
                continue;
            }
            let kind = if *dynamic { "dynamic-map" } else { "map" };
            // A dynamic map answers remote-access clients when a remote-access tunnel group
            // has IPsec settings; otherwise unknown site-to-site peers (DefaultL2LGroup).
            let ra = *dynamic && remote_access_groups.iter().any(|g| g.psk.is_some() || g.trust_point.is_some());
            // The tunnel group of the peer, else the default group for unknown peers.
            let group = match &e.peer {
                Some((p, _)) => self.conf.tunnel_groups.get(p.as_str()),
                None if ra => remote_access_groups.iter().copied().find(|g| g.psk.is_some() || g.trust_point.is_some()),
                None => self.conf.tunnel_groups.get("DefaultL2LGroup"),
            };
            let mut t = self.ipsec_tunnel(
                format!("Cisco ASA crypto {kind} {name} {seq}"),
                &format!("crypto {kind} {name} {seq}"),
                e,
                e.origin.clone(),
                group,
                (*dynamic, ra),
            );
            if ra {
                // IKEv1 remote access with a group key: every user holds the same key.
                let group_psk = group.is_some_and(|g| g.psk.is_some() && g.trust_point.is_none());
                if group_psk {
                    t.per_user_credentials = Some(Setting::explicit(false, group.and_then(|g| g.psk.clone()).unwrap_or_else(|| e.origin.clone())));
                }
            }
            t.peer_restricted = Some(match (&e.peer, dynamic) {
                (Some((_, o)), false) => Setting::explicit(true, o.clone()),
                _ => Setting::explicit(false, e.origin.with_note("dynamic map: any peer")),
            });
            out.push(t);
        }
        for (ifname, vti) in &self.vtis {
            // A VTI without a profile carries nothing of IPsec's to judge; the ASA refuses
            // `tunnel mode ipsec` without `tunnel protection` in any case.
            let Some((profile, protection)) = &vti.profile else { continue };
            let Some(e) = c.profiles.get(profile) else {
                self.cx.diag(
                    DiagLevel::Warning,
                    self.src,
                    protection.span.0,
                    DiagKind::ReferenceMissing {
                        name: format!("crypto ipsec profile {profile}"),
                    },
                );
                continue;
            };
            let group = vti.destination.as_ref().and_then(|(d, _)| self.conf.tunnel_groups.get(d.as_str()));
            let mut t = self.ipsec_tunnel(
                format!("Cisco ASA interface {ifname}"),
                &format!("crypto ipsec profile {profile}"),
                e,
                protection.clone(),
                group,
                (false, false),
            );
            // The destination is the one peer; without it the peer is not known here.
            t.peer_restricted = vti.destination.as_ref().map(|(_, o)| Setting::explicit(true, o.clone()));
            out.push(t);
        }
        self.cx.model.vpn_tunnels.append(&mut out);
    }

    /// One IPsec tunnel from its phase 2 `e` (a crypto map entry or an IPsec profile, named
    /// `phase2` in evidence), the IKE policies (they apply to every tunnel) and the peer's
    /// tunnel group; `dynamic`: any peer (a dynamic map), `ra`: remote access.
    fn ipsec_tunnel(&self, subject: String, phase2: &str, e: &MapEntry, origin: Origin, group: Option<&TunnelGroup>, (dynamic, ra): (bool, bool)) -> VpnTunnel {
        let c = &self.conf.crypto;
        let mut t = VpnTunnel::new(
            subject,
            VpnKind::Ipsec,
            if ra { VpnUse::RemoteAccess } else { VpnUse::SiteToSite },
            if dynamic { VpnRole::Server } else { VpnRole::Peer },
            origin,
        );
        let v1 = !e.ikev1_sets.is_empty();
        let sets: Vec<&(Proposal, Origin)> = if v1 {
            e.ikev1_sets.iter().filter_map(|s| c.transform_sets.get(s)).collect()
        } else {
            e.ikev2_proposals.iter().filter_map(|s| c.ikev2_proposals.get(s)).collect()
        };
        let dh = e.pfs.as_ref().map(|(g, _)| pfs_groups(g)).unwrap_or_default();
        t.child_proposals = sets
            .first()
            .map(|(_, o)| Setting::explicit(with_pfs_groups(sets.iter().map(|(p, _)| p), &dh), o.clone()));
        t.pfs = Some(pfs(e.pfs.as_ref().map(|(_, o)| o.clone()), &e.origin, "set pfs not set: no PFS"));
        let auth = group.and_then(|g| match (&g.trust_point, &g.psk) {
            (Some(o), _) => Some(Setting::explicit(AuthMethod::Certificate, o.clone())),
            (None, Some(o)) => Some(Setting::explicit(AuthMethod::Psk, o.clone())),
            _ => None,
        });
        t.local_auth = auth.clone();
        t.remote_auth = auth;
        let sets_at = |evidence: String| e.sets_at.clone().unwrap_or_else(|| e.origin.with_evidence(&evidence));
        if v1 {
            t.ike_version = Some(Setting::explicit(
                1,
                sets_at(format!("{phase2} set ikev1 transform-set {}", e.ikev1_sets.join(" "))),
            ));
            t.ike_proposals = self.ikev1_proposals();
            t.aggressive = Some(match &c.am_disable {
                Some(o) => Setting::explicit(false, o.clone()),
                None => Setting::default_at(true, e.origin.with_note("crypto ikev1 am-disable not set: aggressive mode answered")),
            });
        } else if !e.ikev2_proposals.is_empty() {
            t.ike_version = Some(Setting::explicit(
                2,
                sets_at(format!("{phase2} set ikev2 ipsec-proposal {}", e.ikev2_proposals.join(" "))),
            ));
            t.ike_proposals = c.ikev2_origin.as_ref().map(|o| Setting::explicit(c.ikev2.clone(), o.clone()));
        }
        t
    }

    /// The TLS versions the ASA accepts as a server (`ssl server-version`, else the
    /// release's default), for WebVPN/AnyConnect and ASDM alike.
    fn server_versions(&self, at: &Origin) -> Setting<Vec<TlsVersion>> {
        let max = if self.before(&[9, 3, 2]) {
            TlsVersion::Tls10
        } else if self.before(&[9, 19]) || self.release.is_empty() {
            TlsVersion::Tls12
        } else {
            TlsVersion::Tls13
        };
        let from = |min: TlsVersion| TlsVersion::ALL.into_iter().filter(|v| *v >= min && *v <= max.max(min)).collect::<Vec<_>>();
        match &self.conf.ssl.server_version {
            Some((v, o)) => {
                let versions = match v.as_str() {
                    "any" => from(TlsVersion::Ssl3),
                    "sslv3" => from(TlsVersion::Ssl3),
                    "sslv3-only" => vec![TlsVersion::Ssl3],
                    "tlsv1-only" => vec![TlsVersion::Tls10],
                    "tlsv1.1" => from(TlsVersion::Tls11),
                    "tlsv1.2" => from(TlsVersion::Tls12),
                    "tlsv1.3" => vec![TlsVersion::Tls13],
                    _ => from(TlsVersion::Tls10),
                };
                Setting::explicit(versions, o.clone())
            }
            None if self.before(&[9, 3]) => Setting::default_at(
                from(TlsVersion::Ssl3),
                at.with_note(Note::not_set_default_of("ssl server-version", "ASA 8.x-9.2", "any")),
            ),
            None => Setting::default_at(
                from(TlsVersion::Tls10),
                at.with_note(Note::not_set_default_of("ssl server-version", "ASA", "tlsv1")),
            ),
        }
    }

    /// A TLS server endpoint of the ASA with its versions and, where `ssl cipher ... custom`
    /// or `ssl encryption` says, its suites per version.
    fn endpoint(&mut self, subject: String, service: TlsService, origin: Origin) -> TlsEndpoint {
        let versions = self.server_versions(&origin);
        let mut ep = TlsEndpoint::new(subject, TlsRole::Server, service, origin, versions);
        for v in ep.versions.value.clone() {
            let word = match v {
                TlsVersion::Ssl3 => "sslv3",
                TlsVersion::Tls10 => "tlsv1",
                TlsVersion::Tls11 => "tlsv1.1",
                TlsVersion::Tls12 => "tlsv1.2",
                TlsVersion::Tls13 => "tlsv1.3",
                TlsVersion::Ssl2 => continue,
            };
            let ssl = &self.conf.ssl;
            let spec = ssl
                .ciphers
                .iter()
                .find(|(w, _, _)| w == word)
                .or_else(|| ssl.ciphers.iter().find(|(w, _, _)| w == "default"))
                .map(|(_, s, o)| (s.clone(), o.clone()))
                .or_else(|| ssl.encryption.clone());
            let Some((string, o)) = spec.filter(|_| v != TlsVersion::Tls13) else {
                continue;
            };
            let mut one = TlsEndpoint::new(String::new(), TlsRole::Server, service, o.clone(), Setting::explicit(vec![v], o.clone()));
            let spec = OpensslTls {
                versions: Setting::explicit(vec![v], o.clone()),
                cipher_string: Setting::explicit(string, o.clone()),
                tls13_suites: Setting::explicit(String::new(), o.clone()),
                groups: Setting::explicit(String::new(), o.clone()),
                dhparam: None,
                dhe_without_file: true,
                builtin_dh_bits: None,
                certificates: Vec::new(),
            };
            fill_endpoint(self.cx, self.src, &mut one, spec);
            if let Some(s) = one.cipher_suites.get(&v) {
                ep.cipher_suites.insert(v, s.clone());
            }
        }
        ep
    }

    /// `webvpn` `enable IF`: the AnyConnect / clientless SSL VPN portal on each interface
    /// (a TLS endpoint) and the remote-access VPN it serves; `http server enable`: ASDM.
    fn webvpn(&mut self) {
        let Some(wv) = self.conf.webvpn.take() else { return self.asdm() };
        let Some((_, first)) = wv.interfaces.first().cloned() else {
            return self.asdm();
        };
        // The remote-access tunnel groups (DefaultWEBVPNGroup and DefaultRAGroup are built in
        // and have no `type` line); with none configured, the built-in DefaultWEBVPNGroup
        // with its defaults (`authentication aaa` against LOCAL [V]) serves the portal.
        let builtin = TunnelGroup {
            kind: Some("remote-access".into()),
            origin: Some(wv.origin.with_note(Note::not_set_default_of(
                "tunnel-group DefaultWEBVPNGroup webvpn-attributes authentication",
                "ASA",
                "aaa",
            ))),
            ..TunnelGroup::default()
        };
        let mut groups: Vec<&TunnelGroup> = self
            .conf
            .tunnel_groups
            .values()
            .filter(|g| g.kind.as_deref() == Some("remote-access"))
            .collect();
        if groups.is_empty() {
            groups.push(&builtin);
        }
        // Client certificates: every remote-access group authenticates with a certificate
        // (`authentication certificate` or `aaa certificate`); the default is `aaa` [V].
        let cert = |g: &TunnelGroup| g.webvpn_auth.as_ref().is_some_and(|(m, _)| m.iter().any(|x| x == "certificate"));
        let aaa = |g: &TunnelGroup| g.webvpn_auth.as_ref().is_none_or(|(m, _)| m.iter().any(|x| x == "aaa"));
        let at = |g: &TunnelGroup| match (&g.webvpn_auth, &g.origin) {
            (Some((_, o)), _) => o.clone(),
            (None, Some(o)) => o.with_note(Note::not_set_default_of("authentication", "ASA", "aaa")),
            (None, None) => wv.origin.clone(),
        };
        let requires_cert = match groups.iter().find(|g| !cert(g)) {
            Some(g) => Setting {
                value: false,
                origin: at(g),
                defaulted: g.webvpn_auth.is_none(),
            },
            None => Setting::explicit(true, at(groups[0])),
        };
        // A second factor: certificate plus AAA; AAA against a server group may be OTP
        // (not in this file); AAA against the local database is a password only.
        let by_local_password = groups.iter().find(|g| aaa(g) && !cert(g) && g.server_group.is_none());
        let second_factor = if groups.iter().all(|g| cert(g) && aaa(g)) {
            Some(Setting::explicit(true, at(groups[0])))
        } else {
            by_local_password.map(|g| Setting::default_at(false, at(g).with_note("password only")))
        };
        // The users' own credential: a group that logs them in against the local database
        // alone authenticates staff by password (VPN009), as an L2TP or IKEv2-EAP group does.
        let user_auth = by_local_password.map(|g| Setting::default_at(AuthMethod::Password, at(g).with_note("password only")));
        let split = {
            let used: Vec<&String> = groups.iter().filter_map(|g| g.default_group_policy.as_ref()).collect();
            self.conf
                .group_policies
                .iter()
                .filter(|(n, _)| used.is_empty() || used.contains(n))
                .filter_map(|(_, p)| p.split.clone())
                .find(|(s, _)| *s)
                .map(|(s, o)| Setting::explicit(s, o))
        };
        for (ifname, o) in &wv.interfaces {
            let mut ep = self.endpoint(format!("Cisco ASA webvpn enable {ifname}"), TlsService::SslVpn, o.clone());
            if let Some((_, tp)) = self.conf.ssl.ca_trustpoints.first() {
                let names: Vec<&str> = self.conf.ssl.ca_trustpoints.iter().map(|(n, _)| n.as_str()).collect();
                ep.client_ca = Some(Setting::explicit(format!("crypto ca trustpoint {}", names.join(", ")), tp.clone()));
            }
            ep.client_auth = Some(requires_cert.clone().map(|b| if b { ClientAuth::Required } else { ClientAuth::None }));
            self.cx.model.tls_endpoints.push(ep);
        }
        let mut t = VpnTunnel::new(
            "Cisco ASA webvpn".into(),
            VpnKind::SslVpn,
            VpnUse::RemoteAccess,
            VpnRole::Server,
            wv.origin.clone(),
        );
        let versions = self.server_versions(&first);
        if let Some(min) = versions.value.first() {
            t.tls_min_version = Some(Setting {
                value: *min,
                origin: versions.origin.clone(),
                defaulted: versions.defaulted,
            });
        }
        t.requires_client_cert = Some(requires_cert);
        t.remote_auth = user_auth;
        t.split_tunnel =
            Some(split.unwrap_or_else(|| Setting::default_at(false, wv.origin.with_note(Note::not_set_default_of("split-tunnel-policy", "ASA", "tunnelall")))));
        t.second_factor = second_factor;
        self.cx.model.vpn_tunnels.push(t);
        self.asdm();
    }

    /// `http server enable`: the HTTPS server ASDM uses, on the interfaces `http` lines name.
    fn asdm(&mut self) {
        let Some(o) = self.conf.http_server.clone() else { return };
        let mut ep = self.endpoint("Cisco ASA http server enable".into(), TlsService::AdminGui, o.clone());
        ep.client_auth = Some(Setting::default_at(
            ClientAuth::None,
            o.with_note(Note::absent("http authentication-certificate")),
        ));
        self.cx.model.tls_endpoints.push(ep);
    }
}

#[cfg(test)]
mod tests {
    use super::advisory_version;
    use crate::diag::DiagKind;
    use crate::formats::ParseCx;
    use crate::model::{AuthMethod, InterfaceZone};
    use crate::source::SourceFile;
    use std::path::Path;

    /// A route-based tunnel as Cisco's ASA VPN guide writes it (IKEv2, "Virtual Tunnel
    /// Interface"): the VTI's destination is the peer, its profile the phase 2, the IKE
    /// policy and the tunnel group's key apply as to a crypto map. The VTI is a tunnel, not
    /// an outside interface for want of `security-level`; a profile that is not there is
    /// said, not passed.
    #[test]
    fn virtual_tunnel_interfaces_are_ipsec_tunnels() {
        let text = "\
crypto ikev2 policy 10
 encryption aes-256
 integrity sha256
 group 14
 prf sha256
crypto ikev2 enable outside
crypto ipsec ikev2 ipsec-proposal AES256
 protocol esp encryption aes-256
 protocol esp integrity sha-256
crypto ipsec profile VTI-PROF
 set ikev2 ipsec-proposal AES256
 set pfs group14
 set security-association lifetime seconds 28800
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 198.51.100.2 255.255.255.0
interface Tunnel1
 nameif vti-branch
 ip address 169.254.10.1 255.255.255.252
 tunnel source interface outside
 tunnel destination 203.0.113.9
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile VTI-PROF
interface Tunnel2
 nameif vti-other
 ip address 169.254.20.1 255.255.255.252
 tunnel source interface outside
 tunnel destination 203.0.113.10
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile MISSING
tunnel-group 203.0.113.9 type ipsec-l2l
tunnel-group 203.0.113.9 ipsec-attributes
 ikev2 remote-authentication pre-shared-key *****
 ikev2 local-authentication pre-shared-key *****
";
        let mut cx = ParseCx::new(Path::new("asa.cfg"), 0);
        super::parse(&mut cx, &SourceFile::from_text("asa.cfg", text.to_string()));
        let [t] = cx.model.vpn_tunnels.as_slice() else {
            panic!("{:?}", cx.model.vpn_tunnels)
        };
        assert_eq!(t.subject, "Cisco ASA interface Tunnel1 (vti-branch)");
        assert_eq!(t.origin.line, 24);
        let v = t.ike_version.as_ref().unwrap();
        assert_eq!((v.value, v.origin.line), (2, 11));
        assert_eq!(t.ike_proposals.as_ref().unwrap().value[0].dh_groups, ["modp2048"]);
        let child = &t.child_proposals.as_ref().unwrap().value[0];
        assert_eq!(
            (child.encryption.as_slice(), child.integrity.as_slice()),
            (&["aes256".to_string()][..], &["sha256".to_string()][..])
        );
        assert_eq!(child.dh_groups, ["modp2048"]);
        assert!(t.pfs.as_ref().unwrap().value);
        let peer = t.peer_restricted.as_ref().unwrap();
        assert_eq!((peer.value, peer.origin.line), (true, 22));
        assert_eq!(t.local_auth.as_ref().unwrap().value, AuthMethod::Psk);
        let zones: Vec<_> = cx.model.interfaces.iter().map(|i| (i.name.as_str(), i.zone)).collect();
        assert_eq!(
            zones,
            [
                ("GigabitEthernet0/0 (outside)", InterfaceZone::External),
                ("Tunnel1 (vti-branch)", InterfaceZone::Tunnel),
                ("Tunnel2 (vti-other)", InterfaceZone::Tunnel),
            ]
        );
        assert!(
            cx.diags.iter().any(|d| d.line == 31
                && d.kind
                    == DiagKind::ReferenceMissing {
                        name: "crypto ipsec profile MISSING".into()
                    }),
            "{:?}",
            cx.diags
        );
    }

    #[test]
    fn versions_are_written_as_the_advisories_write_them() {
        assert_eq!(advisory_version("9.8(4)20"), "9.8.4.20");
        assert_eq!(advisory_version("9.4(1.4)"), "9.4.1.4");
        assert_eq!(advisory_version("9.9"), "9.9");
        assert_eq!(advisory_version("8.2(5)"), "8.2.5");
        assert_eq!(advisory_version("9.16(4)"), "9.16.4");
    }
}
