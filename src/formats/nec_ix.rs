//! NEC UNIVERGE IX (IX2000/IX3000 series) `show running-config`: one command per line,
//! sub-mode commands (`interface`, `ppp profile`, `ip dhcp profile` ...) indented by two
//! spaces, `!` separators and comments, the firmware banner as `!` lines at the top
//! (`! IX Series IX2215 (magellan-sec) Software, Version 10.2.16, RELEASE SOFTWARE`).
//!
//! Built as docs/architecture.md's walkthrough says: `read` turns lines into blocks with the
//! one lexer, `collect` gathers what they say into named structs (`Config`), `Lower` turns
//! those into the model section by section.
//!
//! What the syntax itself says, and the defaults kensa relies on (sources in
//! docs/vendor-defaults.md, "NEC UNIVERGE IX"; [V] the vendor's text, [S] a secondary source
//! quoting it, [K] not confirmed, kept at the weaker reading and said so):
//! services run only where `telnet-server ip enable`, `ssh-server ip enable`,
//! `http-server ip enable`, `snmp-agent ip enable` and `syslog ip enable` say so [S];
//! `ike policy` is IKEv1 and main mode unless `mode aggressive` [V]; no PFS unless the
//! `ipsec autokey-map` says `pfs GROUP` [S]; an `ike proposal` without `group` is read as
//! 1024-bit [K]; `username ... password plain` is plaintext, `password hash` the device's
//! encoded form [K: not judged as plaintext, and not as a strong hash either];
//! a `tunnel mode ipsec-ikev2` interface is an IKEv2 tunnel whose own `ikev2 sa-proposal`,
//! `child-proposal`, `child-pfs` lines win over `ikev2 default-profile`'s [S]; what neither
//! says (NEC's built-in IKEv2 defaults) is not judged, and said.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::router_common::{
    default_route_via, in_prefix, is_bogon_prefix, is_public_ipv4, layout, lower_accounts, mask_line, masked_origin, pfs, placeholder_value, unrecognized_text,
    Cap, Layout,
};
use crate::formats::{lex, ParseCx, SecretRecord};
use crate::i18n::notes::Note;
use crate::model::*;
use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::sync::Arc;

/// First words of UNIVERGE IX global commands besides [`GLOBAL_ONLY`]'s (those are known
/// too). Others are counted unrecognised. `ikev2` is read on its own (`ikev2_global`): only
/// the forms kensa knows count as read.
const KNOWN: &[&str] = &[
    "ip",
    "ipv6",
    "snmpv3",
    "ppp",
    "ddns",
    "nm",
    "radius",
    "aaa",
    "route-map",
    "router",
    "clock",
    "terminal",
    "bridge",
    "vrrp",
    "pki",
    "no",
    "exit",
    "end",
    "auto-config",
    "class-map",
    "policy-map",
    "dns",
    "l2tp",
    "web-auth",
    "system",
    "access-list",
    "ipv6-access-list",
    "ip-access-list",
    "service",
    "license",
    "supervisor",
    "dhcp",
    "dhcpv6",
    "schedule",
    "track",
    "vlan",
    "mobile",
    "usbmem",
    "utm",
    "ngn",
    "monitor-log",
];

/// Commands that open a sub-mode: in a config whose indentation was lost, the lines after
/// them stay in the mode until a global command or `exit`.
fn opens_mode(w: &[&str]) -> bool {
    matches!(
        w,
        ["interface", ..]
            | ["ppp", "profile", ..]
            | ["ip", "dhcp", "profile", _]
            | ["ipv6", "dhcp", _, _]
            | ["device", ..]
            | ["watch-group", ..]
            | ["ip", "router", ..]
            | ["ipv6", "router", ..]
            | ["router", ..]
            | ["route-map", ..]
            | ["class-map", ..]
            | ["policy-map", ..]
            | ["ikev2", "default-profile"]
            | ["ikev2", "profile", _]
    )
}

/// First words only the global mode has: where they stand is the config's margin, and in a
/// flush config they end the open sub-mode.
const GLOBAL_ONLY: &[&str] = &[
    "hostname",
    "timezone",
    "username",
    "syslog",
    "ike",
    "ipsec",
    "telnet-server",
    "ssh-server",
    "http-server",
    "snmp-agent",
    "ntp",
    "proxy-dns",
    "interface",
    "device",
    "watch-group",
    "network-monitor",
    "logging",
];

/// `ip ...` commands of the global mode (the others, `ip address`, `ip napt`, `ip filter`,
/// belong to an interface).
fn global_ip(second: &str) -> bool {
    matches!(
        second,
        "route" | "access-list" | "ufs-cache" | "name-server" | "domain-name" | "host" | "router" | "dhcp-relay" | "multicast-routing"
    )
}

fn leaves_mode(w: &[&str]) -> bool {
    match w {
        ["ip", "dhcp", "enable" | "profile", ..] => true,
        ["ip", second, ..] | ["ipv6", second, ..] => global_ip(second),
        // `ikev2 peer`, `ikev2 connect-type` ... belong to a tunnel interface.
        ["ikev2", second, ..] => matches!(*second, "authentication" | "default-profile" | "profile"),
        [first, ..] => GLOBAL_ONLY.contains(first) || opens_mode(w),
        [] => false,
    }
}

/// Tunnels (autokey and dynamic maps) turned into the model per file.
const MAX_TUNNELS: usize = 10_000;
/// Proposals one map or policy names that are judged.
const MAX_PROPOSALS: usize = 64;

pub fn parse(cx: &mut ParseCx, src: &Arc<SourceFile>) {
    let src: &SourceFile = src;
    let (banner, blocks) = read(cx, src);
    let conf = collect(cx, src, banner, &blocks);
    Lower::new(cx, src, conf).run();
}

// Reading: the file's lines into commands.

/// One command line: its words (borrowed from the file) and its span.
struct Command<'a> {
    words: Vec<&'a str>,
    start: usize,
    end: usize,
}

impl Command<'_> {
    /// The line as evidence, masked after any secret keyword: a command kensa reads for
    /// something else may still hold a secret further on.
    fn origin(&self, src: &SourceFile) -> Origin {
        masked_origin(src, self.start, self.end, &mask_line(&self.words.join(" ")))
    }

    /// The line as written, for the commands whose syntax holds no secret but whose words
    /// look like secret keywords to the masker (`hash md5`, `autokey-map`).
    fn plain_origin(&self, src: &SourceFile) -> Origin {
        src.origin(self.start, self.end)
    }
}

/// A global command and the commands of the sub-mode it opens.
struct Block<'a> {
    head: Command<'a>,
    children: Vec<Command<'a>>,
    /// `exit` closed the mode.
    closed: bool,
}

/// The firmware banner: `! IX Series IX2215 (magellan-sec) Software, Version 10.2.16, ...`.
struct Banner {
    model: Option<String>,
    version: String,
    origin: Origin,
}

fn command(at: usize, line: &str) -> Command<'_> {
    let (ws, _) = lex::words(at, line, lex::Syntax::PLAIN);
    Command {
        words: ws.iter().map(|w| &line[w.start - at..w.end - at]).collect(),
        start: ws.first().map_or(at, |w| w.start),
        end: ws.last().map_or(at, |w| w.end),
    }
}

/// Splits the file into global commands and their sub-mode commands: a line is a child
/// when indented past the margin, or, in a config whose indentation was lost, while the
/// mode a command opened is not left by a global command. `exit` closes a mode.
fn read<'a>(cx: &mut ParseCx, src: &'a SourceFile) -> (Option<Banner>, Vec<Block<'a>>) {
    let Layout { margin, flush } = layout(&src.text, GLOBAL_ONLY);
    let indented = !flush;
    let mut banner = None;
    let mut out: Vec<Block<'a>> = Vec::new();
    for (at, t) in lex::physical(&src.text) {
        let trimmed = t.trim();
        if let Some(comment) = trimmed.strip_prefix('!') {
            if banner.is_none() {
                banner = read_banner(comment).map(|(model, version)| {
                    let lead = t.len() - t.trim_start().len();
                    Banner {
                        model,
                        version,
                        origin: src.origin(at + lead, at + lead + trimmed.len()),
                    }
                });
            }
            continue;
        }
        if trimmed.is_empty() || trimmed == "end" {
            continue;
        }
        let cmd = command(at, t);
        if cmd.words == ["exit"] {
            if let Some(b) = out.last_mut() {
                b.closed = true;
            }
            continue;
        }
        let indent = (t.len() - t.trim_start().len()).saturating_sub(margin);
        let open = out.last().is_some_and(|b| !b.closed && opens_mode(&b.head.words));
        let child = if indented { indent > 0 } else { open && !leaves_mode(&cmd.words) };
        if child {
            match out.last_mut() {
                Some(b) if !b.closed => b.children.push(cmd),
                _ => cx.unrecognized(src, cmd.start, &unrecognized_text(trimmed)),
            }
            continue;
        }
        out.push(Block {
            head: cmd,
            children: Vec::new(),
            closed: false,
        });
    }
    (banner, out)
}

/// The model and release in a banner comment (without its `!`), if it is the firmware line.
fn read_banner(comment: &str) -> Option<(Option<String>, String)> {
    let (_, after) = comment.split_once("Software, Version ")?;
    let version: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
    if version.is_empty() {
        return None;
    }
    let model = comment
        .split_once("IX Series ")
        .and_then(|(_, m)| m.split_whitespace().next())
        .map(str::to_string);
    Some((model, version))
}

// Collecting: what the commands say, before anything is lowered (`show running-config`
// prints `ike policy` before the interfaces that bind its maps). Secrets are measured and
// masked at their line; no collected part holds one.

#[derive(Default)]
struct Config {
    banner: Option<Banner>,
    hostname: Option<String>,
    accounts: Vec<Account>,
    /// `aaa` or `radius` lines: logins may be checked by a server kensa cannot see.
    login_by_server: bool,
    telnet: Server,
    ssh: Server,
    http: Server,
    snmp: Snmp,
    syslog: Syslog,
    ntp: Vec<TimeSource>,
    /// ACL name → whether it denies a bogon source.
    acl_bogon: BTreeMap<String, bool>,
    /// `ip route default X`: interface names or next hops.
    default_routes: Vec<String>,
    interfaces: Vec<InterfaceConf>,
    ike_proposals: BTreeMap<String, IkeProposal>,
    ike_policies: Vec<IkePolicy>,
    esp_proposals: BTreeMap<String, (Proposal, Origin)>,
    maps: Vec<IpsecMap>,
    /// `ikev2 default-profile`: what IKEv2 tunnels use where their interface does not say.
    ikev2_default: Ikev2Profile,
    /// PPP profiles whose users authenticate by password (`authentication password`).
    ppp_passwords: BTreeMap<String, Origin>,
}

/// `telnet-server ip ...`, `ssh-server ip ...`, `http-server ip ...`.
#[derive(Default)]
struct Server {
    enable: Option<Origin>,
    acl: Option<(String, Origin)>,
}

#[derive(Default)]
struct Snmp {
    enable: Option<Origin>,
    communities: Vec<Community>,
    /// `snmpv3 user ...`: (origin, privacy configured).
    v3_users: Vec<(Origin, bool)>,
}

struct Community {
    origin: Origin,
    acl: Option<String>,
    rw: bool,
}

#[derive(Default)]
struct Syslog {
    enable: Option<Origin>,
    hosts: Vec<(String, Origin)>,
}

/// `interface X` and its sub-mode.
struct InterfaceConf {
    name: String,
    origin: Origin,
    zone: InterfaceZone,
    enabled: bool,
    addresses: Vec<String>,
    filters_in: Vec<(String, Origin)>,
    /// `ipsec policy tunnel|transport MAP`.
    ipsec_map: Option<String>,
    /// `tunnel mode l2tp-lns ipsec`: L2TP/IPsec remote access.
    l2tp: Option<Origin>,
    /// `ppp binding PROFILE`.
    ppp_profile: Option<String>,
    /// `tunnel mode ipsec-ikev2`: an IKEv2 tunnel interface.
    ikev2: Option<Origin>,
    /// `ikev2 peer ADDR authentication psk id ...`: the peer and whether a PSK authenticates.
    ikev2_peer: Option<(String, bool, Origin)>,
    /// `ikev2 sa-proposal ...`, `ikev2 child-proposal ...`, `ikev2 child-pfs ...` on the
    /// interface, before the default profile's.
    ikev2_own: Ikev2Profile,
}

/// The algorithms of an IKEv2 profile (`ikev2 default-profile`, `ikev2 profile NAME`) or of
/// one tunnel interface: each list with the line that set it (the last one wins, as on the
/// device).
#[derive(Default)]
struct Ikev2Profile {
    sa_enc: Option<(Vec<String>, Origin)>,
    sa_integrity: Option<(Vec<String>, Origin)>,
    sa_dh: Option<(Vec<String>, Origin)>,
    sa_prf: Option<(Vec<String>, Origin)>,
    child_enc: Option<(Vec<String>, Origin)>,
    child_integrity: Option<(Vec<String>, Origin)>,
    /// `child-pfs GROUP` (Some(group)) or `child-pfs off` (None).
    child_pfs: Option<(Option<String>, Origin)>,
}

impl Ikev2Profile {
    /// Reads one profile command (without a leading `ikev2`); false when it is not one
    /// kensa knows.
    fn read(&mut self, w: &[&str], origin: Origin) -> bool {
        let list = |v: &[&str], f: fn(&str) -> String| v.iter().take(MAX_PROPOSALS).map(|x| f(x)).collect::<Vec<_>>();
        match w {
            ["sa-proposal", "enc", v @ ..] if !v.is_empty() => self.sa_enc = Some((list(v, ikev2_enc), origin)),
            ["sa-proposal", "integrity", v @ ..] if !v.is_empty() => self.sa_integrity = Some((list(v, ike_hash), origin)),
            ["sa-proposal", "dh", v @ ..] if !v.is_empty() => self.sa_dh = Some((list(v, ike_group), origin)),
            ["sa-proposal", "prf", v @ ..] if !v.is_empty() => self.sa_prf = Some((list(v, ike_hash), origin)),
            ["child-proposal", "enc", v @ ..] if !v.is_empty() => self.child_enc = Some((list(v, ikev2_enc), origin)),
            ["child-proposal", "integrity", v @ ..] if !v.is_empty() => self.child_integrity = Some((list(v, ike_hash), origin)),
            ["child-pfs", "off"] => self.child_pfs = Some((None, origin)),
            ["child-pfs", g] => self.child_pfs = Some((Some(ike_group(g)), origin)),
            // Timers, addresses and identities: read, nothing kensa judges.
            ["dpd", ..]
            | ["source-address", _]
            | ["sa-lifetime", ..]
            | ["child-lifetime", ..]
            | ["ipsec-mode", _]
            | ["local-authentication", ..]
            | ["description", ..] => {}
            _ => return false,
        }
        true
    }
}

/// `ike proposal NAME encryption E hash H [group G] [lifetime N]`.
struct IkeProposal {
    encryption: String,
    hash: String,
    group: Option<String>,
    origin: Origin,
}

/// `ike policy NAME peer ADDR key KEY [mode aggressive] PROPOSALS`.
struct IkePolicy {
    name: String,
    peer: Option<String>,
    psk: bool,
    aggressive: bool,
    proposals: Vec<String>,
    origin: Origin,
}

/// `ipsec autokey-map MAP ACL [peer ADDR] PROPOSALS [pfs G] [ike POLICY]` or
/// `ipsec dynamic-map MAP ACL PROPOSALS ...`.
struct IpsecMap {
    name: String,
    dynamic: bool,
    peer: Option<String>,
    proposals: Vec<String>,
    pfs: Option<String>,
    ike_policy: Option<String>,
    origin: Origin,
}

fn collect(cx: &mut ParseCx, src: &SourceFile, banner: Option<Banner>, blocks: &[Block]) -> Config {
    let mut conf = Config { banner, ..Config::default() };
    for b in blocks {
        let w = b.head.words.as_slice();
        // The IKEv2 key (`ikev2 authentication psk id KIND ID key [char|hex|secret] KEY`) is
        // judged; the rest of IKEv2 is not read yet and stays counted.
        if let ["ikev2", "authentication", "psk", "id", rest @ ..] = w {
            if let Some(k) = rest.iter().position(|x| *x == "key") {
                ikev2_psk(cx, src, &b.head, &rest[..k], &rest[k + 1..]);
                continue;
            }
        }
        if w.first() == Some(&"ikev2") {
            ikev2_global(cx, src, b, &mut conf);
            continue;
        }
        if !w.first().is_some_and(|f| GLOBAL_ONLY.contains(f) || KNOWN.contains(f)) {
            cx.unrecognized(src, b.head.start, &unrecognized_text(&w.join(" ")));
            continue;
        }
        let o = || b.head.origin(src);
        match w {
            ["hostname", h] => conf.hostname = Some(h.to_string()),
            ["username", name, rest @ ..] => conf.accounts.push(username(cx, src, &b.head, name, rest)),
            ["aaa" | "radius", ..] => conf.login_by_server = true,
            ["telnet-server", "ip", rest @ ..] => server(&mut conf.telnet, rest, o()),
            ["ssh-server", "ip", rest @ ..] => server(&mut conf.ssh, rest, o()),
            ["http-server", "ip", rest @ ..] => server(&mut conf.http, rest, o()),
            ["http-server", "username", name, kind @ ("password" | "secret-password"), value, ..] => {
                let storage = if *kind == "password" {
                    SecretStorage::Plaintext
                } else {
                    SecretStorage::DeviceEncrypted
                };
                let origin = masked_origin(src, b.head.start, b.head.end, &format!("http-server username {name} {kind} ****"));
                cx.secret(
                    SecretRecord::new(SecretKind::Password, storage, format!("NEC IX web login {name}"), origin)
                        .value(Some(*value))
                        .account(Some(*name)),
                );
            }
            ["snmp-agent", "ip", "enable"] => conf.snmp.enable = Some(o()),
            ["snmp-agent", "ip", "community", name, rest @ ..] => {
                let rw = rest.iter().any(|x| matches!(*x, "read-write" | "rw" | "RW"));
                let acl = rest
                    .iter()
                    .find(|x| !matches!(**x, "read-write" | "read-only" | "rw" | "ro" | "RW" | "RO"))
                    .map(|x| x.to_string());
                let origin = masked_origin(src, b.head.start, b.head.end, &format!("snmp-agent ip community **** {}", rest.join(" ")));
                let subject = format!("NEC IX SNMP community ({})", if rw { "read-write" } else { "read-only" });
                cx.secret(
                    SecretRecord::new(SecretKind::SnmpCommunity, SecretStorage::Plaintext, subject, origin.clone())
                        .value(Some(*name))
                        .read_write(rw),
                );
                conf.snmp.communities.push(Community { origin, acl, rw });
            }
            ["snmpv3", "user", ..] => conf.snmp.v3_users.push((o(), w.contains(&"priv"))),
            ["syslog", "ip", "enable"] => conf.syslog.enable = Some(o()),
            ["syslog", "ip", "host", host, ..] | ["syslog", "host", host, ..] => conf.syslog.hosts.push((host.to_string(), o())),
            ["ntp", "server", server, ..] => conf.ntp.push(TimeSource {
                origin: o(),
                server: server.to_string(),
                authenticated: false,
            }),
            ["ip", "access-list", name, "deny", _proto, "src", addr, ..] if is_bogon_prefix(addr) => {
                conf.acl_bogon.insert(name.to_string(), true);
            }
            ["ip", "route", "default", via, ..] => conf.default_routes.push(via.to_string()),
            ["interface", name, ..] => conf.interfaces.push(interface(cx, src, b, name)),
            ["ppp", "profile", name] => ppp_profile(cx, src, b, name, &mut conf),
            ["ike", "proposal", name, rest @ ..] => {
                conf.ike_proposals.insert(name.to_string(), ike_proposal(rest, b.head.plain_origin(src)));
            }
            ["ike", "policy", name, rest @ ..] => {
                let p = ike_policy(cx, src, &b.head, name, rest);
                conf.ike_policies.push(p);
            }
            ["ipsec", "autokey-proposal", name, algs @ ..] => {
                conf.esp_proposals.insert(name.to_string(), (esp_proposal(algs), b.head.plain_origin(src)));
            }
            ["ipsec", kind @ ("autokey-map" | "dynamic-map"), name, _acl, rest @ ..] => {
                let map = ipsec_map(name, *kind == "dynamic-map", rest, b.head.plain_origin(src));
                Cap::new(MAX_TUNNELS, "ipsec maps", DiagLevel::Error).push(cx, src, b.head.start, &mut conf.maps, map);
            }
            _ => {}
        }
    }
    conf
}

/// `ikev2 default-profile` and its sub-mode. A named `ikev2 profile NAME` is not read (how
/// an interface binds one is not known to kensa): it stays counted as unrecognised, so
/// the file is shown as partly judged.
fn ikev2_global(cx: &mut ParseCx, src: &SourceFile, b: &Block, conf: &mut Config) {
    match b.head.words.as_slice() {
        ["ikev2", "default-profile"] => {
            for c in &b.children {
                if !conf.ikev2_default.read(&c.words, c.plain_origin(src)) {
                    cx.unrecognized(src, c.start, &unrecognized_text(&c.words.join(" ")));
                }
            }
        }
        w => {
            cx.unrecognized(src, b.head.start, &unrecognized_text(&w.join(" ")));
            for c in &b.children {
                cx.unrecognized(src, c.start, &unrecognized_text(&c.words.join(" ")));
            }
        }
    }
}

/// `ip enable` / `ip access-list NAME` of a server.
fn server(s: &mut Server, rest: &[&str], origin: Origin) {
    match rest {
        ["enable"] => s.enable = Some(origin),
        ["access-list", acl] => s.acl = Some((acl.to_string(), origin)),
        _ => {}
    }
}

/// Role words that may end a `username` line.
const ROLES: &[&str] = &["administrator", "operator", "monitor"];

/// `username NAME password {plain [N] PW | hash HASH} [administrator]`: the account, and
/// its password recorded as a secret. Every word after `plain` / `hash` but a role is
/// masked, whatever the syntax turns out to be.
fn username(cx: &mut ParseCx, src: &SourceFile, c: &Command, name: &str, rest: &[&str]) -> Account {
    let admin = rest.contains(&"administrator");
    let role_at = rest.iter().rposition(|x| ROLES.contains(x)).filter(|i| *i + 1 == rest.len());
    let body = &rest[..role_at.unwrap_or(rest.len())];
    let role = role_at.map_or(String::new(), |i| format!(" {}", rest[i]));
    let subject = format!("NEC IX user {name}");
    let (ev, record) = match body {
        ["password", "plain", value @ ..] if !value.is_empty() => {
            // `plain 1 PW` (a digit, then the password) as newer releases write it.
            let value: &str = match value {
                [n, v] if n.bytes().all(|b| b.is_ascii_digit()) => v,
                _ => value[value.len() - 1],
            };
            (
                format!("username {name} password plain ****{role}"),
                Some((SecretStorage::Plaintext, Some(value))),
            )
        }
        ["password", "hash", ..] => (
            format!("username {name} password hash ****{role}"),
            Some((SecretStorage::DeviceEncrypted, None)),
        ),
        _ => (format!("username {name} {}", mask_line(&rest.join(" "))), None),
    };
    let origin = masked_origin(src, c.start, c.end, &ev);
    match record {
        Some((storage, value)) => cx.secret(
            SecretRecord::new(SecretKind::Password, storage, subject, origin.clone())
                .value(value)
                .account(Some(name)),
        ),
        // A password form kensa does not know: masked, and said not judged.
        None if rest.iter().any(|x| crate::model::is_secret_keyword(x)) => cx.secret_not_read(&origin, subject.clone()),
        None => {}
    }
    Account {
        name: name.to_string(),
        origin,
        admin,
        remote_access: false,
        default_name: matches!(name, "admin" | "root"),
        second_factor: None,
        trusted_hosts: None,
    }
}

/// `ppp profile NAME` with `authentication password USER PW` (the PPPoE account, or the
/// users of L2TP remote access) and `authentication secret-password [N] USER ENC`.
fn ppp_profile(cx: &mut ParseCx, src: &SourceFile, b: &Block, name: &str, conf: &mut Config) {
    for c in &b.children {
        let (storage, user, value) = match c.words.as_slice() {
            ["authentication", "password", user, value] => (SecretStorage::Plaintext, *user, Some(*value)),
            ["authentication", "secret-password", rest @ ..] => match rest {
                [n, user, _] if n.bytes().all(|b| b.is_ascii_digit()) => (SecretStorage::DeviceEncrypted, *user, None),
                [user, _] => (SecretStorage::DeviceEncrypted, *user, None),
                _ => continue,
            },
            _ => continue,
        };
        let kw = c.words[1];
        let origin = masked_origin(src, c.start, c.end, &format!("authentication {kw} {user} ****"));
        cx.secret(
            SecretRecord::new(SecretKind::UserPassword, storage, format!("NEC IX PPP {name} {user}"), origin.clone())
                .value(value)
                .account(Some(user)),
        );
        conf.ppp_passwords.entry(name.to_string()).or_insert(origin);
    }
}

/// `interface X` and its sub-mode. The side an interface faces is read from what the
/// config says: NAPT on it, PPPoE, an address from the carrier (DHCP, IPCP) or a public one.
fn interface(cx: &mut ParseCx, src: &SourceFile, b: &Block, name: &str) -> InterfaceConf {
    let mut i = InterfaceConf {
        name: name.to_string(),
        origin: b.head.origin(src),
        zone: if name.starts_with("Tunnel") {
            InterfaceZone::Tunnel
        } else {
            InterfaceZone::Unknown
        },
        enabled: true,
        addresses: Vec::new(),
        filters_in: Vec::new(),
        ipsec_map: None,
        l2tp: None,
        ppp_profile: None,
        ikev2: None,
        ikev2_peer: None,
        ikev2_own: Ikev2Profile::default(),
    };
    let mut outward: Option<Origin> = None;
    // PPPoE faces the carrier only once the session carries IP: a spare PPPoE interface
    // with `no ip address` and no binding (IX2105 templates leave two) has nothing to spoof.
    let mut pppoe: Option<Origin> = None;
    let mut carries_ip = false;
    let mut inside = false;
    for c in &b.children {
        let co = || c.origin(src);
        match c.words.as_slice() {
            ["description", d @ ..] => {
                let d = d.join(" ").to_ascii_lowercase();
                inside |= ["lan", "inside", "internal", "院内", "user", "server", "mgmt"].iter().any(|k| d.contains(k));
            }
            ["ip", "napt", "enable", ..] => outward = outward.or(Some(co())),
            ["encapsulation", "pppoe", ..] => pppoe = pppoe.or(Some(co())),
            ["ip", "unnumbered", ..] | ["ipv6", "enable" | "address", ..] | ["ppp", "binding", _] => {
                carries_ip = true;
                if let ["ppp", "binding", p] = c.words.as_slice() {
                    i.ppp_profile = Some(p.to_string());
                }
            }
            ["ip", "address", kind @ ("dhcp" | "ipcp"), ..] => {
                i.addresses.push(kind.to_string());
                outward = outward.or(Some(co()));
            }
            ["ip", "address", a, ..] => {
                if is_public_ipv4(a) {
                    outward = outward.or(Some(co()));
                }
                i.addresses.push(a.to_string());
            }
            ["shutdown"] => i.enabled = false,
            ["no", "shutdown"] => i.enabled = true,
            ["ip", "filter", acl, _seq, "in"] => i.filters_in.push((acl.to_string(), co())),
            ["ipsec", "policy", "tunnel" | "transport", map, ..] => i.ipsec_map = Some(map.to_string()),
            ["tunnel", "mode", mode, ..] if mode.starts_with("l2tp") => i.l2tp = Some(co()),
            ["tunnel", "mode", "ipsec-ikev2"] => i.ikev2 = Some(c.plain_origin(src)),
            ["ikev2", "peer", words @ ..] if !words.is_empty() => {
                // A template's `ikev2 peer {{ remote_wan_ip }} authentication psk …`: the
                // placeholder is the peer, one value.
                let (peer, n) = placeholder_value(words).unwrap_or_else(|| (words[0].to_string(), 1));
                let psk = words[n..].starts_with(&["authentication", "psk"]);
                i.ikev2_peer = Some((peer, psk, c.plain_origin(src)));
            }
            // Connection and fragmentation behaviour: read, nothing kensa judges.
            ["ikev2", "connect-type" | "outgoing-interface", _] | ["ikev2", "ipsec", "pre-fragment"] => {}
            // The tunnel's own algorithms are read in the guard; what it does not know counts.
            ["ikev2", rest @ ..] if !i.ikev2_own.read(rest, c.plain_origin(src)) => {
                cx.unrecognized(src, c.start, &unrecognized_text(&c.words.join(" ")));
            }
            _ => {}
        }
    }
    if carries_ip || !i.addresses.is_empty() {
        // The first line that says so is the evidence.
        outward = match (outward, pppoe) {
            (Some(o), Some(p)) => Some(if p.line < o.line { p } else { o }),
            (o, p) => o.or(p),
        };
    }
    if i.zone == InterfaceZone::Unknown {
        if let Some(o) = outward {
            i.zone = InterfaceZone::External;
            // The interface is shown with the line that says it faces outward.
            i.origin = o;
        } else if inside {
            i.zone = InterfaceZone::Internal;
        }
    }
    i
}

/// UNIVERGE IX IKE encryption names → proposal vocabulary.
fn ike_enc(e: &str) -> String {
    match e {
        "des" => "des",
        "3des" => "3des",
        "aes" | "aes-128" => "aes128",
        "aes-192" => "aes192",
        "aes-256" => "aes256",
        "aes-gcm-128" => "aes128gcm16",
        "aes-gcm-256" => "aes256gcm16",
        other => other,
    }
    .to_string()
}

/// UNIVERGE IX IKEv2 encryption names (`aes-cbc-256`, `aes-gcm-256-16`, `3des-cbc`) →
/// proposal vocabulary; others as written (not judged).
fn ikev2_enc(e: &str) -> String {
    if let Some(bits) = e.strip_prefix("aes-cbc-") {
        return format!("aes{bits}");
    }
    if let Some((bits, icv)) = e.strip_prefix("aes-gcm-").and_then(|r| r.split_once('-')) {
        return format!("aes{bits}gcm{icv}");
    }
    match e {
        "3des-cbc" | "3des" => "3des",
        "des-cbc" | "des" => "des",
        other => other,
    }
    .to_string()
}

/// UNIVERGE IX hash names (`sha` is SHA-1, `sha2-256` ...) → vocabulary.
fn ike_hash(h: &str) -> String {
    match h {
        "sha" | "sha1" => "sha1".to_string(),
        other => other.strip_prefix("sha2-").map_or_else(|| other.to_string(), |bits| format!("sha{bits}")),
    }
}

/// UNIVERGE IX DH group names (`1024-bit`) → vocabulary; others as written (not judged).
fn ike_group(g: &str) -> String {
    match g {
        "768-bit" => "modp768",
        "1024-bit" => "modp1024",
        "1536-bit" => "modp1536",
        "2048-bit" => "modp2048",
        "3072-bit" => "modp3072",
        "4096-bit" => "modp4096",
        other => other,
    }
    .to_string()
}

fn ike_proposal(rest: &[&str], origin: Origin) -> IkeProposal {
    let after = |kw: &str| rest.windows(2).find(|p| p[0] == kw).map(|p| p[1]);
    IkeProposal {
        encryption: after("encryption").map_or_else(|| "unknown".to_string(), ike_enc),
        hash: after("hash").map_or_else(|| "unknown".to_string(), ike_hash),
        group: after("group").map(ike_group),
        origin,
    }
}

/// Words that say how a key is written (`key-type char`, `key char ...`) rather than being
/// it.
const KEY_FORMS: &[&str] = &["char", "hex", "secret", "plain", "ascii"];

/// `ike policy NAME peer ADDR key KEY [mode aggressive] PROPOSALS`: the PSK is measured and
/// masked here.
fn ike_policy(cx: &mut ParseCx, src: &SourceFile, c: &Command, name: &str, rest: &[&str]) -> IkePolicy {
    let mut p = IkePolicy {
        name: name.to_string(),
        peer: None,
        psk: false,
        aggressive: false,
        proposals: Vec::new(),
        origin: c.origin(src),
    };
    let mut shown = vec!["ike", "policy", name];
    let mut key: Option<(SecretStorage, &str)> = None;
    let mut odd = false;
    let mut i = 0;
    while i < rest.len() {
        let w = rest[i];
        let next = rest.get(i + 1).copied();
        match (w, next) {
            (peer, Some(a)) if peer.starts_with("peer") => {
                p.peer = Some(a.to_string());
                shown.extend([peer, a]);
                i += 1;
            }
            ("key-type", Some(t)) => {
                shown.extend([w, t]);
                i += 1;
            }
            ("key", Some(form)) if KEY_FORMS.contains(&form) && rest.get(i + 2).is_some() => {
                let storage = if form == "secret" {
                    SecretStorage::DeviceEncrypted
                } else {
                    SecretStorage::Plaintext
                };
                key = Some((storage, rest[i + 2]));
                shown.extend(["key", form, "****"]);
                i += 2;
            }
            ("key", Some(v)) => {
                key = Some((SecretStorage::Plaintext, v));
                shown.extend(["key", "****"]);
                i += 1;
            }
            ("mode", Some(m)) => {
                p.aggressive = m == "aggressive";
                shown.extend([w, m]);
                i += 1;
            }
            // The proposal list ends the line (`ikeprop` or `p1,p2,p3`).
            _ if i + 1 == rest.len() => {
                p.proposals
                    .extend(w.split(',').filter(|x| !x.is_empty()).take(MAX_PROPOSALS).map(str::to_string));
                shown.push(w);
            }
            // A word kensa does not know the meaning of: masked (it may be a secret in a
            // form kensa has not seen), and the line counted as not fully understood.
            _ => {
                shown.push("****");
                odd = true;
            }
        }
        i += 1;
    }
    p.origin = masked_origin(src, c.start, c.end, &shown.join(" "));
    if odd {
        cx.secret_not_read(&p.origin, format!("NEC IX IKE policy {name}"));
    }
    if let Some((storage, value)) = key {
        p.psk = true;
        cx.secret(nec_psk(
            SecretRecord::new(SecretKind::IpsecPsk, storage, format!("NEC IX IKE policy {name}"), p.origin.clone()),
            storage,
            value,
        ));
    }
    p
}

/// `ikev2 authentication psk id KIND ID key [FORM] KEY`: the key measured and masked.
fn ikev2_psk(cx: &mut ParseCx, src: &SourceFile, c: &Command, id: &[&str], key: &[&str]) {
    let (form, storage, value) = match key {
        [form, v] if KEY_FORMS.contains(form) => (
            format!("{form} "),
            if *form == "secret" {
                SecretStorage::DeviceEncrypted
            } else {
                SecretStorage::Plaintext
            },
            *v,
        ),
        [v] => (String::new(), SecretStorage::Plaintext, *v),
        _ => {
            cx.unrecognized(src, c.start, &unrecognized_text(&c.words.join(" ")));
            return;
        }
    };
    let id = id.join(" ");
    let origin = masked_origin(src, c.start, c.end, &format!("ikev2 authentication psk id {id} key {form}****"));
    cx.secret(nec_psk(
        SecretRecord::new(SecretKind::IpsecPsk, storage, format!("NEC IX IKEv2 key for {id}"), origin),
        storage,
        value,
    ));
}

/// A pre-shared key's value, read only when in clear. No NEC source known to kensa
/// documents an encrypted form for keys written in clear (whether `secret` is one is
/// unconfirmed), so a key in clear is clear by design: MGMT004 reminds, it does not accuse.
fn nec_psk<'a>(r: SecretRecord<'a>, storage: SecretStorage, value: &'a str) -> SecretRecord<'a> {
    match storage {
        SecretStorage::Plaintext => r.value(Some(value)).plaintext_format(),
        _ => r,
    }
}

/// `ipsec autokey-proposal NAME esp-aes-256 esp-sha [lifetime ...]` as a proposal.
fn esp_proposal(algs: &[&str]) -> Proposal {
    let mut p = Proposal::default();
    for a in algs.iter().filter_map(|a| a.strip_prefix("esp-")) {
        match a {
            "des" => p.encryption.push("des".into()),
            "3des" => p.encryption.push("3des".into()),
            "null" => p.encryption.push("null".into()),
            "aes" | "aes-128" => p.encryption.push("aes128".into()),
            "aes-192" => p.encryption.push("aes192".into()),
            "aes-256" => p.encryption.push("aes256".into()),
            "gcm-128" | "aes-gcm-128" => p.encryption.push("aes128gcm16".into()),
            "gcm-256" | "aes-gcm-256" => p.encryption.push("aes256gcm16".into()),
            "md5" | "sha" | "sha1" => p.integrity.push(ike_hash(a)),
            h if h.starts_with("sha2-") => p.integrity.push(ike_hash(h)),
            other => p.encryption.push(other.to_string()),
        }
    }
    if p.integrity.is_empty() {
        p.integrity.push("none".into());
    }
    p
}

fn ipsec_map(name: &str, dynamic: bool, rest: &[&str], origin: Origin) -> IpsecMap {
    let mut m = IpsecMap {
        name: name.to_string(),
        dynamic,
        peer: None,
        proposals: Vec::new(),
        pfs: None,
        ike_policy: None,
        origin,
    };
    let mut i = 0;
    while i < rest.len() {
        match (rest[i], rest.get(i + 1)) {
            ("peer", Some(a)) => m.peer = Some(a.to_string()),
            ("pfs", Some(g)) => m.pfs = Some(g.to_string()),
            ("ike", Some(p)) => m.ike_policy = Some(p.to_string()),
            ("lifetime" | "sa-lifetime", Some(_)) => {}
            (w, _) => {
                m.proposals
                    .extend(w.split(',').filter(|x| !x.is_empty()).take(MAX_PROPOSALS).map(str::to_string));
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    m
}

// Lowering: the collected parts into the model, section by section.

struct Lower<'a> {
    cx: &'a mut ParseCx,
    conf: Config,
    dev_origin: Origin,
}

impl<'a> Lower<'a> {
    fn new(cx: &'a mut ParseCx, src: &'a SourceFile, conf: Config) -> Self {
        let dev_origin = match &conf.banner {
            Some(b) => b.origin.clone(),
            None => src.origin(0, 0).with_evidence("NEC UNIVERGE IX configuration"),
        };
        Lower { cx, conf, dev_origin }
    }

    fn run(mut self) {
        self.device();
        self.interfaces();
        self.accounts();
        self.services();
        self.logging();
        self.tunnels();
    }

    fn device(&mut self) {
        self.cx.model.device = Some(Device {
            product: "NEC UNIVERGE IX".into(),
            hostname: self.conf.hostname.clone(),
            is_network_device: true,
            origin: self.dev_origin.clone(),
            source_routing: None,
        });
        if let Some(b) = &self.conf.banner {
            self.cx.model.firmware.push(Firmware {
                product: Product::UnivergeIx,
                model: b.model.clone(),
                version: b.version.clone(),
                build: None,
                origin: b.origin.clone(),
                features: Vec::new(),
            });
        }
    }

    /// Interfaces with their inbound filters; the default route's egress faces outward too.
    fn interfaces(&mut self) {
        for i in &self.conf.interfaces {
            let (inbound, bogon) = match i.filters_in.first() {
                Some((_, o)) => {
                    let bogon = i.filters_in.iter().any(|(acl, _)| self.conf.acl_bogon.get(acl).copied().unwrap_or(false));
                    (Setting::explicit(true, o.clone()), Setting::explicit(bogon, o.clone()))
                }
                None => {
                    let o = i.origin.with_note(Note::absent("ip filter ... in"));
                    (Setting::default_at(false, o.clone()), Setting::default_at(false, o))
                }
            };
            let mut zone = i.zone;
            if zone == InterfaceZone::Unknown && default_route_via(&self.conf.default_routes, &i.name, &i.addresses, in_subnet).is_some() {
                zone = InterfaceZone::External;
            }
            self.cx.model.interfaces.push(Interface {
                name: i.name.clone(),
                origin: i.origin.clone(),
                zone,
                enabled: i.enabled,
                anti_spoofing: None,
                bogon_filter: Some(bogon),
                inbound_filter: Some(inbound),
                addresses: i.addresses.clone(),
            });
        }
    }

    /// Accounts: without a RADIUS or `aaa` line, an administrator logs in with a local
    /// password alone.
    fn accounts(&mut self) {
        let accounts = std::mem::take(&mut self.conf.accounts);
        lower_accounts(&mut self.cx.model, accounts, self.conf.login_by_server, "local password only");
    }

    /// telnet, SSH and the web console where their `enable` line is, SNMP.
    fn services(&mut self) {
        for (server, proto, name) in [
            (&self.conf.telnet, MgmtProtocol::Telnet, "telnet-server"),
            (&self.conf.ssh, MgmtProtocol::Ssh, "ssh-server"),
            (&self.conf.http, MgmtProtocol::Http, "http-server"),
        ] {
            let Some(on) = &server.enable else { continue };
            let reach = match &server.acl {
                Some((acl, o)) => Setting::explicit(Reachability::Restricted(vec![acl.clone()]), o.clone()),
                None => Setting::default_at(Reachability::Unrestricted, on.with_note(Note::absent(&format!("{name} ip access-list")))),
            };
            self.cx.model.mgmt_services.push(MgmtService {
                subject: format!("NEC IX {name}"),
                protocol: proto,
                origin: on.clone(),
                enabled: Setting::explicit(true, on.clone()),
                reachable_from: reach,
                version: None,
                strong_auth: None,
            });
        }
        let snmp = &self.conf.snmp;
        let enabled = |o: &Origin| match &snmp.enable {
            Some(e) => Setting::explicit(true, e.clone()),
            None => Setting::default_at(false, o.with_note(Note::not_set_value("snmp-agent ip enable", "off"))),
        };
        for c in &snmp.communities {
            let reach = match &c.acl {
                Some(acl) => Reachability::Restricted(vec![acl.clone()]),
                None => Reachability::Unrestricted,
            };
            self.cx.model.mgmt_services.push(MgmtService {
                subject: format!("NEC IX SNMP community ({})", if c.rw { "read-write" } else { "read-only" }),
                protocol: MgmtProtocol::Snmp,
                origin: c.origin.clone(),
                enabled: enabled(&c.origin),
                reachable_from: Setting::explicit(reach, c.origin.clone()),
                version: Some(Setting::explicit(2, c.origin.clone())),
                strong_auth: Some(Setting::explicit(false, c.origin.clone())),
            });
        }
        for (o, privacy) in &snmp.v3_users {
            self.cx.model.mgmt_services.push(MgmtService {
                subject: "NEC IX SNMPv3 user".into(),
                protocol: MgmtProtocol::Snmp,
                origin: o.clone(),
                enabled: enabled(o),
                reachable_from: Setting::explicit(Reachability::Unrestricted, o.clone()),
                version: Some(Setting::explicit(3, o.clone())),
                strong_auth: Some(Setting::explicit(*privacy, o.clone())),
            });
        }
    }

    /// Remote syslog (sent only with `syslog ip enable`) and NTP servers.
    fn logging(&mut self) {
        if self.conf.syslog.enable.is_some() {
            for (host, origin) in &self.conf.syslog.hosts {
                self.cx.model.log_targets.push(LogTarget {
                    origin: origin.clone(),
                    destination: format!("syslog {host}"),
                    remote: true,
                    encrypted: false,
                });
            }
        }
        self.cx.model.time_sources.append(&mut self.conf.ntp);
    }

    /// One tunnel per autokey or dynamic map, with the IKE policy that serves its peer.
    fn tunnels(&mut self) {
        let conf = std::mem::take(&mut self.conf);
        let c = &conf;
        let mut out = Vec::new();
        // Map name → the first interface that applies it (looked up once per map).
        let mut bound: BTreeMap<&str, &InterfaceConf> = BTreeMap::new();
        for i in &c.interfaces {
            if let Some(n) = &i.ipsec_map {
                bound.entry(n.as_str()).or_insert(i);
            }
        }
        for m in &c.maps {
            let binding = bound.get(m.name.as_str()).copied();
            let l2tp = binding.and_then(|i| i.l2tp.as_ref().map(|o| (o, i.ppp_profile.as_deref())));
            let kind = if m.dynamic { "dynamic-map" } else { "autokey-map" };
            let mut t = VpnTunnel::new(
                format!("NEC IX ipsec {kind} {}", m.name),
                VpnKind::Ipsec,
                if l2tp.is_some() { VpnUse::RemoteAccess } else { VpnUse::SiteToSite },
                if m.dynamic || l2tp.is_some() { VpnRole::Server } else { VpnRole::Peer },
                m.origin.clone(),
            );
            let policy = m
                .ike_policy
                .as_ref()
                .and_then(|n| c.ike_policies.iter().find(|p| &p.name == n))
                .or_else(|| m.peer.as_ref().and_then(|a| c.ike_policies.iter().find(|p| p.peer.as_ref() == Some(a))))
                .or_else(|| c.ike_policies.iter().find(|p| p.peer.as_deref() == Some("any")))
                .or_else(|| (c.ike_policies.len() == 1).then(|| &c.ike_policies[0]));
            if let Some(p) = policy {
                t.ike_version = Some(Setting::explicit(1, p.origin.clone()));
                t.aggressive = Some(Setting::explicit(p.aggressive, p.origin.clone()));
                t.ike_proposals = ike_proposals(c, p);
                if p.psk {
                    t.local_auth = Some(Setting::explicit(AuthMethod::Psk, p.origin.clone()));
                    t.remote_auth = Some(Setting::explicit(AuthMethod::Psk, p.origin.clone()));
                }
                let any = p.peer.as_deref() == Some("any");
                t.peer_restricted = Some(Setting::explicit(!any, p.origin.clone()));
            } else {
                // No `ike policy` serves this map's peer: its IKE side is not judged.
                self.cx.diag_at(
                    &m.origin,
                    DiagKind::BadValue {
                        directive: format!("ipsec {kind} {}", m.name),
                        value: m.peer.clone().unwrap_or_else(|| "peer".into()),
                    },
                );
                self.cx.unrecognized_lines += 1;
            }
            if let Some((o, profile)) = l2tp {
                // L2TP users log in with the PPP password of the bound profile.
                let origin = profile.and_then(|n| c.ppp_passwords.get(n)).unwrap_or(o);
                t.remote_auth = Some(Setting::explicit(AuthMethod::Password, origin.clone()));
            }
            t.child_proposals = self.child_proposals(c, m);
            t.pfs = Some(pfs(m.pfs.as_ref().map(|_| m.origin.clone()), &m.origin, "pfs not set: no PFS"));
            out.push(t);
        }
        for i in c.interfaces.iter().filter(|i| i.ikev2.is_some()) {
            out.push(self.ikev2_tunnel(&c.ikev2_default, i));
        }
        self.cx.model.vpn_tunnels.append(&mut out);
    }

    /// One tunnel per `tunnel mode ipsec-ikev2` interface: its own `ikev2 ...` algorithms,
    /// else the default profile's. What neither says is NEC's built-in default, which no
    /// source known to kensa documents: said as not judged, never assumed.
    fn ikev2_tunnel(&mut self, default: &Ikev2Profile, i: &InterfaceConf) -> VpnTunnel {
        let mode = i.ikev2.clone().unwrap_or_else(|| i.origin.clone());
        let mut t = VpnTunnel::new(
            format!("NEC IX interface {} (IKEv2)", i.name),
            VpnKind::Ipsec,
            VpnUse::SiteToSite,
            VpnRole::Peer,
            mode.clone(),
        );
        t.ike_version = Some(Setting::explicit(2, mode.clone()));
        if let Some((peer, psk, o)) = &i.ikev2_peer {
            t.peer_restricted = Some(Setting::explicit(peer != "any", o.clone()));
            if *psk {
                t.local_auth = Some(Setting::explicit(AuthMethod::Psk, o.clone()));
                t.remote_auth = Some(Setting::explicit(AuthMethod::Psk, o.clone()));
            }
        }
        let own = &i.ikev2_own;
        let mut missing = Vec::new();
        let (enc, integ, dh) = (
            pick(&mut missing, "sa-proposal enc", &own.sa_enc, &default.sa_enc),
            pick(&mut missing, "sa-proposal integrity", &own.sa_integrity, &default.sa_integrity),
            pick(&mut missing, "sa-proposal dh", &own.sa_dh, &default.sa_dh),
        );
        let prf = own.sa_prf.as_ref().or(default.sa_prf.as_ref());
        if let (Some((e, o)), Some((h, _)), Some((g, _))) = (enc, integ, dh) {
            t.ike_proposals = Some(Setting::explicit(
                vec![Proposal {
                    encryption: e.clone(),
                    integrity: h.clone(),
                    prf: prf.map_or_else(Vec::new, |(p, _)| p.clone()),
                    dh_groups: g.clone(),
                }],
                o.clone(),
            ));
        }
        let pfs = own.child_pfs.as_ref().or(default.child_pfs.as_ref());
        let groups: Vec<String> = pfs.and_then(|(g, _)| g.clone()).into_iter().collect();
        let (enc, integ) = (
            pick(&mut missing, "child-proposal enc", &own.child_enc, &default.child_enc),
            pick(&mut missing, "child-proposal integrity", &own.child_integrity, &default.child_integrity),
        );
        if let (Some((e, o)), Some((h, _))) = (enc, integ) {
            t.child_proposals = Some(Setting::explicit(
                vec![Proposal {
                    encryption: e.clone(),
                    integrity: h.clone(),
                    prf: vec![],
                    dh_groups: groups.clone(),
                }],
                o.clone(),
            ));
        }
        match pfs {
            Some((g, o)) => t.pfs = Some(Setting::explicit(g.is_some(), o.clone())),
            None => missing.push("child-pfs"),
        }
        for m in missing {
            self.cx.diag_at(
                &mode,
                DiagKind::BadValue {
                    directive: format!("interface {} ikev2", i.name),
                    value: m.into(),
                },
            );
            self.cx.unrecognized_lines += 1;
        }
        t
    }

    /// The ESP proposals a map names, each with the map's PFS group. A proposal kensa
    /// cannot see (`default`, or one not defined in the file) is said, not guessed.
    fn child_proposals(&mut self, conf: &Config, m: &IpsecMap) -> Option<Setting<Vec<Proposal>>> {
        let pfs: Vec<String> = m.pfs.iter().map(|g| ike_group(g)).collect();
        let mut value = Vec::new();
        let mut first = None;
        for n in &m.proposals {
            match conf.esp_proposals.get(n) {
                Some((p, o)) => {
                    first.get_or_insert(o.clone());
                    value.push(Proposal {
                        dh_groups: pfs.clone(),
                        ..p.clone()
                    });
                }
                None => {
                    // `default` or a proposal not in this file: its algorithms are not judged.
                    self.cx.diag_at(
                        &m.origin,
                        DiagKind::BadValue {
                            directive: format!("ipsec {} {}", if m.dynamic { "dynamic-map" } else { "autokey-map" }, m.name),
                            value: n.clone(),
                        },
                    );
                    self.cx.unrecognized_lines += 1;
                }
            }
        }
        first.map(|o| Setting::explicit(value, o))
    }
}

/// The IKE proposals a policy names; a proposal without `group` is read as 1024-bit.
fn ike_proposals(conf: &Config, p: &IkePolicy) -> Option<Setting<Vec<Proposal>>> {
    let found: Vec<&IkeProposal> = p.proposals.iter().filter_map(|n| conf.ike_proposals.get(n)).collect();
    let first = found.first()?;
    let value = found
        .iter()
        .map(|x| Proposal {
            encryption: vec![x.encryption.clone()],
            integrity: vec![x.hash.clone()],
            prf: vec![],
            dh_groups: vec![x.group.clone().unwrap_or_else(|| "modp1024".into())],
        })
        .collect();
    Some(match found.iter().find(|x| x.group.is_none()) {
        Some(x) => Setting::default_at(value, x.origin.with_note("group not set: 1024-bit assumed (the weaker reading)")),
        None => Setting::explicit(value, first.origin.clone()),
    })
}

/// The interface's own setting, else the default profile's; `name` noted as missing when
/// neither says it.
fn pick<'a>(
    missing: &mut Vec<&'static str>,
    name: &'static str,
    own: &'a Option<(Vec<String>, Origin)>,
    default: &'a Option<(Vec<String>, Origin)>,
) -> Option<&'a (Vec<String>, Origin)> {
    let v = own.as_ref().or(default.as_ref());
    if v.is_none() {
        missing.push(name);
    }
    v
}

/// A next hop inside an interface's `ip address A/LEN` (a bare address is a host).
fn in_subnet(hop: [u8; 4], address: &str) -> bool {
    let (addr, len) = address.split_once('/').unwrap_or((address, "32"));
    in_prefix(hop, addr, len)
}

#[cfg(test)]
mod tests {
    use crate::formats::{parse_text, Format};
    use crate::model::*;

    #[test]
    fn banner_gives_model_and_release() {
        let p = parse_text(
            Format::NecIx,
            "ix.conf",
            "! NEC Portable Internetwork Core Operating System Software\n! IX Series IX2215 (magellan-sec) Software, Version 10.2.16, RELEASE SOFTWARE\nhostname ix\n",
        );
        let f = &p.model.firmware[0];
        assert_eq!(
            (f.product, f.model.as_deref(), f.version.as_str()),
            (Product::UnivergeIx, Some("IX2215"), "10.2.16")
        );
    }

    /// Issue 17 §3: how the IX stores each password form.
    #[test]
    fn password_forms_are_read_as_the_ix_writes_them() {
        let conf = "username a password plain admin administrator\nusername b password plain 1 Longer-Passw0rd! administrator\nusername c password hash 0C34240482 administrator\nusername d password [REDACTED] administrator\n";
        let p = parse_text(Format::NecIx, "ix.conf", conf);
        let s = |subject: &str| {
            let s = p.model.secrets.iter().find(|s| s.subject == subject).unwrap();
            (s.storage, s.strength.map(|st| (st.length, st.common)))
        };
        assert_eq!(s("NEC IX user a"), (SecretStorage::Plaintext, Some((5, true))));
        assert_eq!(s("NEC IX user b"), (SecretStorage::Plaintext, Some((16, false))));
        assert_eq!(s("NEC IX user c"), (SecretStorage::DeviceEncrypted, None));
        assert!(p.model.secrets.iter().all(|s| s.subject != "NEC IX user d"));
        assert_eq!(p.unrecognized_lines, 1);
        for s in &p.model.secrets {
            assert!(
                !s.origin.evidence.contains("admin ") && !s.origin.evidence.contains("0C34"),
                "{}",
                s.origin.evidence
            );
        }
        assert!(p.model.accounts.iter().all(|a| a.admin));
    }

    #[test]
    fn flush_config_keeps_interface_children() {
        let conf = "interface GigaEthernet0.1\nencapsulation pppoe\nip address ipcp\nno shutdown\ntelnet-server ip enable\n";
        let p = parse_text(Format::NecIx, "ix.conf", conf);
        assert_eq!(p.model.interfaces[0].zone, InterfaceZone::External);
        assert_eq!(p.model.mgmt_services.len(), 1);
        assert_eq!(p.unrecognized_lines, 0);
    }

    /// IKEv2 as `show running-config` prints it (indented sub-modes): the tunnel interface's
    /// own `ikev2 child-pfs off` and `ikev2 sa-proposal dh` win over the default profile,
    /// the rest comes from the profile; a named profile is not read and said so.
    #[test]
    fn ikev2_tunnel_takes_its_own_settings_then_the_default_profile() {
        let conf = "ikev2 authentication psk id ipv4 192.0.2.1 key char Secret-Key-1234\n!\nikev2 default-profile\n  child-pfs 2048-bit\n  child-proposal enc aes-gcm-256-16\n  child-proposal integrity sha2-256\n  sa-proposal enc aes-cbc-256\n  sa-proposal integrity sha2-256\n  sa-proposal dh 2048-bit\n  dpd interval 10\n!\nikev2 profile other\n  sa-proposal dh 1024-bit\n!\ninterface Tunnel0.0\n  tunnel mode ipsec-ikev2\n  ip unnumbered GigaEthernet0.1\n  ikev2 sa-proposal dh 1024-bit\n  ikev2 child-pfs off\n  ikev2 connect-type auto\n  ikev2 outgoing-interface GigaEthernet0.1\n  ikev2 peer 192.0.2.1 authentication psk id ipv4 192.0.2.1\n  no shutdown\n";
        let p = parse_text(Format::NecIx, "ix.conf", conf);
        let t = &p.model.vpn_tunnels[0];
        assert_eq!(t.ike_version.as_ref().unwrap().value, 2);
        let ike = &t.ike_proposals.as_ref().unwrap().value[0];
        assert_eq!(
            (ike.encryption.as_slice(), ike.dh_groups.as_slice()),
            (&["aes256".to_string()][..], &["modp1024".to_string()][..])
        );
        let child = &t.child_proposals.as_ref().unwrap().value[0];
        assert_eq!(child.encryption, ["aes256gcm16"]);
        assert!(child.dh_groups.is_empty());
        assert!(!t.pfs.as_ref().unwrap().value);
        assert_eq!(t.remote_auth.as_ref().unwrap().value, AuthMethod::Psk);
        assert!(t.peer_restricted.as_ref().unwrap().value);
        // `ikev2 profile other` and its one line: not read, counted.
        assert_eq!(p.unrecognized_lines, 2);
        assert!(p.model.secrets.iter().all(|s| !s.origin.evidence.contains("Secret-Key")));
    }

    /// Where neither the interface nor the default profile sets an algorithm, NEC's default
    /// is not known to kensa: said, not assumed.
    #[test]
    fn ikev2_without_proposals_is_said_not_judged() {
        let conf = "interface Tunnel1.0\n  tunnel mode ipsec-ikev2\n  ikev2 peer 192.0.2.1 authentication psk id ipv4 192.0.2.1\n";
        let p = parse_text(Format::NecIx, "ix.conf", conf);
        let t = &p.model.vpn_tunnels[0];
        assert!(t.ike_proposals.is_none() && t.child_proposals.is_none() && t.pfs.is_none());
        assert_eq!(p.unrecognized_lines, 6);
    }

    #[test]
    fn default_route_next_hop_makes_its_interface_outward() {
        let conf = "ip route default 10.0.0.254\ninterface GigaEthernet0.0\n  ip address 10.0.0.1/24\n  no shutdown\n!\ninterface GigaEthernet1.0\n  ip address 192.168.1.1/24\n";
        let p = parse_text(Format::NecIx, "ix.conf", conf);
        assert_eq!(p.model.interfaces[0].zone, InterfaceZone::External);
        assert_eq!(p.model.interfaces[1].zone, InterfaceZone::Unknown);
    }
}
