//! Cisco IOS / IOS-XE running-config: top-level commands with indented children, `!`
//! separators, `banner` blocks with their delimiters, certificate hex blocks.
//!
//! The template for line-oriented vendors (docs/architecture.md, "Adding a vendor"): `read`
//! turns lines into commands with the one lexer (`formats/lex.rs`), `collect` gathers
//! what they say into named structs (`Config`), and `Lower` turns those into the model
//! section by section.
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
    cisco_ikev2_proposal, cisco_type7_decode, command, default_route_via, description_zone, dh_group_names, dh_group_number, ipv4, is_bogon_prefix,
    is_public_ipv4, layout, lower_accounts, mask_line, masked_origin, pfs, pfs_groups, push_child, secret_not_read, snmp_community, unrecognized_text,
    with_pfs_groups, Block, Cap, Command, Ntp, NtpServer,
};
use crate::formats::{lex, ParseCx, SecretRecord};
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
    "hw-switch",
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
    "segment-routing",
    "multicast",
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
/// The note on a vty whose logins check local user names and passwords only.
const LOCAL_ONLY: &str = "local user passwords only";

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

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    let blocks = read(cx, src);
    let conf = collect(cx, src, &blocks);
    Lower::new(cx, src, conf).run();
}

// Reading: the file's lines into commands.

impl Block<'_> {
    /// The block's own command line (not its children).
    fn head_origin(&self, src: &SourceFile) -> Origin {
        let head_end = self.children.first().map_or(self.end, |c| c.start.saturating_sub(1).max(self.head.start));
        src.origin(self.head.start, head_end)
    }
}

/// Commands that open a sub-mode (configuration modes whose commands kensa reads or that
/// commonly hold many lines).
fn opens_mode(w: &[&str]) -> bool {
    match w {
        // `crypto map NAME` (three words) applies a map inside `interface`.
        ["crypto", "map", _] | ["crypto", "isakmp", "key" | "aggressive-mode" | "keepalive" | "nat", ..] => false,
        ["crypto", _, _, ..] => true,
        ["ip" | "ipv6", "access-list", ..] | ["ip", "dhcp", "pool", ..] | ["ip", "sla", ..] => true,
        ["radius" | "tacacs", "server", _] | ["aaa", "group", "server", ..] | ["key", "chain", _] => true,
        [first, ..] => matches!(
            *first,
            "interface"
                | "line"
                | "router"
                | "class-map"
                | "policy-map"
                | "route-map"
                | "control-plane"
                | "archive"
                | "redundancy"
                | "parameter-map"
                | "zone"
                | "zone-pair"
                | "object-group"
                | "track"
        ),
        [] => false,
    }
}

/// A command only the global mode has (or one that opens another mode): in a flush config
/// it ends the open sub-mode.
fn leaves_mode(w: &[&str]) -> bool {
    if opens_mode(w) {
        return true;
    }
    match w {
        ["no", rest @ ..] => leaves_mode(rest),
        ["crypto", "map", _] => false,
        ["crypto", ..] => true,
        [first, ..] if GLOBAL_ONLY.contains(first) => true,
        ["ip", second, ..] => {
            matches!(
                *second,
                "route"
                    | "http"
                    | "domain"
                    | "domain-name"
                    | "domain-lookup"
                    | "name-server"
                    | "cef"
                    | "ssh"
                    | "scp"
                    | "forward-protocol"
                    | "dhcp"
                    | "source-route"
                    | "ftp"
                    | "tftp"
                    | "host"
                    | "default-gateway"
                    | "classless"
                    | "subnet-zero"
                    | "multicast-routing"
                    | "prefix-list"
                    | "bootp"
                    | "finger"
                    | "radius"
                    | "tacacs"
                    | "vrf"
                    | "local"
            ) || matches!(w, ["ip", "nat", "inside" | "outside", "source", ..] | ["ip", "nat", "pool", ..])
        }
        ["ipv6", "route" | "unicast-routing" | "cef", ..] => true,
        ["logging", second, ..] => {
            ipv4(second).is_some()
                || matches!(
                    *second,
                    "host" | "trap" | "buffered" | "console" | "monitor" | "facility" | "source-interface" | "origin-id" | "on" | "rate-limit"
                )
        }
        [first, ..] => matches!(
            *first,
            "radius-server" | "tacacs-server" | "clock" | "vtp" | "license" | "platform" | "multilink" | "dialer-list" | "errdisable" | "alias" | "privilege"
        ),
        [] => false,
    }
}

/// Splits the config into top-level commands and their children. IOS reads commands, not
/// layout: a line is a child when it is indented past the config's margin (see [`Layout`](crate::formats::router_common::Layout)),
/// so the same config shifted right parses the same; in a config with no indentation at
/// all, by the commands themselves. A `banner`'s text is skipped up to its
/// closing delimiter; certificate hex dumps (deeper indentation until `quit`) become
/// children like any other.
fn read<'a>(cx: &mut ParseCx, src: &'a SourceFile) -> Vec<Block<'a>> {
    let mut out: Vec<Block<'a>> = Vec::new();
    let layout = layout(&src.text, GLOBAL_ONLY);
    let mut it = lex::physical(&src.text);
    while let Some((at, t)) = it.next() {
        let trimmed = t.trim();
        if trimmed.is_empty() || trimmed.starts_with('!') || trimmed.starts_with("Building configuration") || trimmed.starts_with("Current configuration") {
            continue;
        }
        let indent = (t.len() - t.trim_start().len()).saturating_sub(layout.margin);
        let cmd = command(at, t);
        let in_mode = layout.flush && out.last().is_some_and(|b| opens_mode(&b.head.words)) && !leaves_mode(&cmd.words);
        if indent > 0 || in_mode {
            push_child(cx, src, &mut out, cmd, trimmed);
            continue;
        }
        if let ["banner", kind, ..] = cmd.words[..] {
            let end = skip_banner(cx, src, &mut it, t, &cmd);
            out.push(Block::new(Command {
                words: vec!["banner", kind],
                start: cmd.start,
                end,
            }));
            continue;
        }
        out.push(Block::new(cmd));
    }
    out
}

/// `banner <type> <delim>text<delim>`: the lines up to the closing delimiter are text, not
/// commands. Returns where the banner ends.
fn skip_banner<'a>(cx: &mut ParseCx, src: &SourceFile, lines: &mut impl Iterator<Item = (usize, &'a str)>, t: &str, cmd: &Command) -> usize {
    let kind = cmd.words[1];
    let after_type = t.find(kind).map(|i| i + kind.len()).unwrap_or(t.len());
    let rest = t[after_type..].trim_start();
    let delim: String = if rest.starts_with("^C") {
        "^C".into()
    } else {
        rest.chars().next().map(String::from).unwrap_or_default()
    };
    let mut end = cmd.start + t.len();
    if !delim.is_empty() && !rest[delim.len()..].contains(delim.as_str()) {
        let mut closed = false;
        for (at, l) in lines.by_ref() {
            end = at + l.len();
            if l.contains(delim.as_str()) {
                closed = true;
                break;
            }
        }
        if !closed {
            cx.diag(
                DiagLevel::Error,
                src,
                cmd.start,
                DiagKind::Syntax {
                    detail: format!("banner not closed by {delim}"),
                },
            );
        }
    }
    end
}

// Collecting: what the commands say, in named parts, before anything is lowered (an
// `interface` names ACLs and IPsec profiles that `show running-config` prints after it).
// Secrets are measured and masked at their line: no collected part holds a secret value.

#[derive(Default)]
struct Config {
    version: Option<(String, Origin)>,
    hostname: Option<String>,
    source_route: Option<(bool, Origin)>,
    http: HttpServer,
    vtys: Vec<Vty>,
    /// Items one line says completely, in the order of the file.
    accounts: Vec<Account>,
    snmp: Vec<MgmtService>,
    log_targets: Vec<LogTarget>,
    ntp: Ntp,
    /// `aaa authentication login ... group radius|tacacs+|NAME`: logins checked by a
    /// server, which may ask for a second factor kensa cannot see.
    login_by_server: bool,
    /// `aaa new-model`: lines log in through AAA method lists, and `login` / `login local`
    /// on a line no longer apply.
    aaa_new_model: bool,
    /// `aaa authentication login LIST METHOD...`: each list's methods, in order.
    login_lists: BTreeMap<String, Vec<String>>,
    /// ACL name or number → whether it denies bogon sources.
    acl_bogon: BTreeMap<String, bool>,
    interfaces: Vec<InterfaceConf>,
    /// Next hops or interfaces of `ip route 0.0.0.0 0.0.0.0`.
    default_routes: Vec<String>,
    crypto: Crypto,
}

/// `ip http ...`.
#[derive(Default)]
struct HttpServer {
    server: Option<Origin>,
    secure_server: Option<Origin>,
    access_class: Option<String>,
    tls_versions: Option<(Vec<TlsVersion>, Origin)>,
}

/// `line vty ...` and its children.
struct Vty {
    origin: Origin,
    transport: Option<(Vec<String>, Origin)>,
    access_class: Option<(String, Origin)>,
    /// How the line asks for credentials, when a child says it.
    login: Option<VtyLogin>,
    /// Whether the line has its own `password`.
    password: bool,
}

impl Vty {
    /// `login` (the line's password) with no `password` on the line and no AAA: IOS refuses
    /// every login on it ("Password required, but none set", Cisco document 45843;
    /// docs/vendor-defaults.md). Such a line is no way in, by telnet or SSH.
    fn refuses_logins(&self, aaa_new_model: bool) -> bool {
        !aaa_new_model && matches!(self.login, Some(VtyLogin::Line)) && !self.password
    }
}

/// A vty's `login` child. Without `aaa new-model`, `login` asks for the line's `password`
/// and `login local` for a local user name and password; with it, only
/// `login authentication LIST` counts (Cisco document 200173).
enum VtyLogin {
    Line,
    Local,
    Off,
    List(String),
}

/// `interface X` and its children.
struct InterfaceConf {
    name: String,
    origin: Origin,
    zone: InterfaceZone,
    enabled: bool,
    addresses: Vec<String>,
    /// An `ip address` that is routable on the internet.
    public: bool,
    urpf: Option<Setting<bool>>,
    acl_in: Option<(String, Origin)>,
    /// `tunnel protection ipsec profile P`.
    protection: Option<(String, Origin)>,
    /// `tunnel destination`: the protected tunnel's one peer.
    destination: Option<Origin>,
}

#[derive(Default)]
struct Crypto {
    isakmp: Vec<IsakmpPolicy>,
    aggressive_off: Option<Origin>,
    isakmp_keys: Vec<IsakmpKey>,
    transform_sets: BTreeMap<String, ProposalAt>,
    ikev2_proposals: BTreeMap<String, ProposalAt>,
    /// Proposal names the `crypto ikev2 policy` blocks list.
    ikev2_policy_proposals: Vec<String>,
    ikev2_profiles: BTreeMap<String, Ikev2Profile>,
    /// Keyring `address 0.0.0.0 ...` entries: a key for any peer.
    keyring_any: Vec<Origin>,
    ipsec_profiles: BTreeMap<String, Protection>,
    maps: Vec<CryptoMap>,
}

/// `crypto isakmp policy N`.
struct IsakmpPolicy {
    origin: Origin,
    enc: Option<(String, Origin)>,
    hash: Option<(String, Origin)>,
    group: Option<(String, Origin)>,
    auth: Option<(AuthMethod, Origin)>,
}

/// `crypto isakmp key ... address|hostname PEER`: the peer as written.
struct IsakmpKey {
    peer: String,
    origin: Origin,
}

/// A named proposal (transform set, IKEv2 proposal) and where it is defined.
#[derive(Clone)]
struct ProposalAt {
    proposal: Proposal,
    origin: Origin,
}

/// `crypto ikev2 profile`.
struct Ikev2Profile {
    auth: Option<AuthMethod>,
    /// `match identity remote address 0.0.0.0` / `any`.
    any_peer: bool,
    origin: Origin,
}

/// How a `crypto map` entry or a `crypto ipsec profile` protects traffic: its `set` lines.
#[derive(Clone, Default)]
struct Protection {
    transform_sets: Vec<String>,
    pfs: Option<String>,
    ikev2_profile: Option<String>,
}

impl Protection {
    /// Reads one `set ...` child; false when it is none of these.
    fn set(&mut self, words: &[&str]) -> bool {
        match words {
            ["set", "transform-set", t @ ..] => self.transform_sets.extend(t.iter().map(|x| x.to_string())),
            ["set", "pfs", g, ..] => self.pfs = Some(g.to_string()),
            ["set", "pfs"] => self.pfs = Some("group2".into()),
            ["set", "ikev2-profile", p] => self.ikev2_profile = Some(p.to_string()),
            _ => return false,
        }
        true
    }
}

/// `crypto map NAME SEQ` / `crypto dynamic-map NAME SEQ`.
struct CryptoMap {
    subject: String,
    protection: Protection,
    dynamic: bool,
    origin: Origin,
    /// `set peer`.
    peer: Option<Origin>,
}

/// Reads every block into a [`Config`]; secrets and unrecognised lines are reported here,
/// in the order of the file.
fn collect(cx: &mut ParseCx, src: &SourceFile, blocks: &[Block]) -> Config {
    let mut conf = Config::default();
    for b in blocks {
        let w = &b.head.words;
        if !KNOWN.contains(&w[0]) {
            cx.unrecognized(src, b.head.start, &unrecognized_text(&w.join(" ")));
            continue;
        }
        match w.as_slice() {
            ["line", ..] => conf.vtys.extend(line(cx, src, b)),
            ["interface", name, ..] => conf.interfaces.push(interface(src, b, name)),
            ["crypto", ..] => crypto(cx, src, b, &mut conf.crypto),
            ["ip", "access-list", _kind, name, ..] => {
                let bogon = b.children.iter().any(|c| {
                    let cw: Vec<&str> = c.words.iter().copied().skip_while(|x| x.chars().all(|ch| ch.is_ascii_digit())).collect();
                    cw.first() == Some(&"deny") && cw.get(2).is_some_and(|a| is_bogon_prefix(a))
                        || cw.first() == Some(&"deny") && cw.get(1).is_some_and(|a| is_bogon_prefix(a))
                });
                conf.acl_bogon.insert(name.to_string(), bogon);
            }
            [kind @ ("radius" | "tacacs"), "server", name] => {
                for c in &b.children {
                    if let ["key", rest @ ..] = c.words.as_slice() {
                        let what = format!("{} server {name}", if *kind == "radius" { "RADIUS" } else { "TACACS+" });
                        let origin = masked_origin(src, c.start, c.end, &format!("key {}", masked_secret_arg(rest)));
                        aaa_server_key(cx, what, rest, origin);
                    }
                }
            }
            _ => global(cx, src, b, &mut conf),
        }
    }
    conf
}

/// A global command read by its own line (its span covers any children it has).
fn global(cx: &mut ParseCx, src: &SourceFile, b: &Block, conf: &mut Config) {
    let w = &b.head.words;
    let o = || b.origin(src);
    let mo = |m: &str| masked_origin(src, b.head.start, b.end, m);
    match w.as_slice() {
        ["version", v] => conf.version = Some((v.to_string(), o())),
        ["hostname", h] => conf.hostname = Some(h.to_string()),
        ["no", "ip", "source-route"] => conf.source_route = Some((false, o())),
        ["ip", "source-route"] => conf.source_route = Some((true, o())),
        ["ip", "http", "server"] => conf.http.server = Some(o()),
        ["ip", "http", "secure-server"] => conf.http.secure_server = Some(o()),
        ["ip", "http", "access-class", rest @ ..] => conf.http.access_class = rest.last().map(|x| x.to_string()),
        ["ip", "http", "tls-version", v] => {
            let vs = match *v {
                "TLSv1.0" => vec![TlsVersion::Tls10],
                "TLSv1.1" => vec![TlsVersion::Tls11],
                "TLSv1.3" => vec![TlsVersion::Tls13],
                _ => vec![TlsVersion::Tls12],
            };
            conf.http.tls_versions = Some((vs, o()));
        }
        ["ip", "ftp", "password", rest @ ..] => {
            let (storage, value) = cisco_secret("password", rest);
            let ev = format!("ip ftp password {}", masked_secret_arg(rest));
            cx.secret(SecretRecord::new(SecretKind::UserPassword, storage, "Cisco ip ftp password", mo(&ev)).value(value.as_deref()));
        }
        ["enable", kind @ ("secret" | "password"), rest @ ..] => {
            // `enable secret level 15 5 $1$...`: the privilege level is not the value.
            let (level, rest) = match rest {
                ["level", n, tail @ ..] => (format!("level {n} "), tail),
                _ => (String::new(), rest),
            };
            let (storage, value) = cisco_secret(kind, rest);
            let ev = format!("enable {kind} {level}{}", masked_secret_arg(rest));
            cx.secret(SecretRecord::new(SecretKind::EnablePassword, storage, format!("Cisco enable {kind}"), mo(&ev)).value(value.as_deref()));
        }
        ["username", name, rest @ ..] => conf.accounts.push(username(cx, src, b, name, rest)),
        ["snmp-server", "community", name, rest @ ..] => {
            let rw = rest.iter().any(|x| x.eq_ignore_ascii_case("RW"));
            let acl = rest
                .iter()
                .position(|x| x.eq_ignore_ascii_case("RO") || x.eq_ignore_ascii_case("RW"))
                .and_then(|k| rest.get(k + 1))
                .filter(|x| !x.starts_with("ipv6"));
            let origin = mo(&format!("snmp-server community **** {}", rest.join(" ")));
            let subject = format!("Cisco SNMP community ({})", if rw { "RW" } else { "RO" });
            snmp_community(cx, &mut conf.snmp, subject, origin, name, rw, acl.copied());
        }
        ["snmp-server", "group", g, "v3", level, ..] => {
            let origin = o();
            conf.snmp.push(MgmtService {
                subject: format!("Cisco SNMPv3 group {g}"),
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
            conf.log_targets.push(LogTarget {
                origin: o(),
                destination: format!("syslog {host}"),
                remote: true,
                encrypted,
            });
        }
        ["logging", ip] if ipv4(ip).is_some() => conf.log_targets.push(LogTarget {
            origin: o(),
            destination: format!("syslog {ip}"),
            remote: true,
            encrypted: false,
        }),
        ["ntp", "authenticate"] => conf.ntp.authenticate = true,
        ["ntp", "server", rest @ ..] => conf.ntp.servers.push(NtpServer {
            server: rest.iter().find(|x| !matches!(**x, "vrf")).unwrap_or(&"?").to_string(),
            keyed: rest.contains(&"key"),
            origin: o(),
        }),
        ["ntp", "authentication-key", id, alg, rest @ ..] => {
            let (storage, value) = match rest {
                [v, "7", ..] => (SecretStorage::Reversible, cisco_type7_decode(v)),
                [v, ..] => (SecretStorage::Plaintext, Some(v.to_string())),
                [] => (SecretStorage::Plaintext, Some(String::new())),
            };
            cx.secret(
                SecretRecord::new(
                    SecretKind::AuthKey,
                    storage,
                    format!("Cisco NTP key {id}"),
                    mo(&format!("ntp authentication-key {id} {alg} ****")),
                )
                .value(value.as_deref()),
            );
        }
        ["access-list", n, "deny", rest @ ..] => {
            let src_addr = if matches!(rest.first(), Some(&"ip")) { rest.get(1) } else { rest.first() };
            if src_addr.is_some_and(|a| is_bogon_prefix(a)) {
                conf.acl_bogon.insert(n.to_string(), true);
            }
        }
        ["ip", "route", "0.0.0.0", "0.0.0.0", via, ..] => conf.default_routes.push(via.to_string()),
        ["aaa", "new-model"] => conf.aaa_new_model = true,
        ["aaa", "authentication", "login", list, methods @ ..] => {
            conf.login_by_server |= methods.contains(&"group");
            conf.login_lists.insert(list.to_string(), methods.iter().map(|m| m.to_string()).collect());
        }
        // `radius-server key [0|6|7] LINE`, `tacacs-server host X key ...` (the server
        // blocks `radius server R` / `tacacs server T` are read in [`collect`]).
        [server @ ("radius-server" | "tacacs-server"), rest @ ..] => {
            if let Some(k) = rest.iter().position(|x| *x == "key") {
                let what = if *server == "radius-server" { "RADIUS" } else { "TACACS+" };
                // IOS options before `key` (host, auth-port, timeout ...) hold no secret.
                let head = w[..k + 2].join(" ");
                aaa_server_key(
                    cx,
                    what.to_string(),
                    &rest[k + 1..],
                    mo(&format!("{head} {}", masked_secret_arg(&rest[k + 1..]))),
                );
            }
        }
        _ => {}
    }
}

/// `username NAME [privilege N] [secret|password [TYPE] VALUE | nopassword]`: the account,
/// and its password recorded as a secret.
fn username(cx: &mut ParseCx, src: &SourceFile, b: &Block, name: &str, rest: &[&str]) -> Account {
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
    let origin = masked_origin(src, b.head.start, b.end, &crate::formats::evidence_text(&ev));
    let subject = format!("Cisco user {name}");
    if let Some(i) = kw {
        let (storage, value) = cisco_secret(rest[i], &rest[i + 1..]);
        // `username cisco ... 0 cisco`: the one-time account of Cisco's factory configuration
        // (docs/vendor-defaults.md, factory-default passwords).
        let factory = name == "cisco" && value.as_deref() == Some("cisco");
        let record = SecretRecord::new(SecretKind::Password, storage, subject, origin.clone())
            .value(value.as_deref())
            .account(Some(name));
        cx.secret(if factory { record.factory_default() } else { record });
    } else if rest.contains(&"nopassword") {
        cx.secret(
            SecretRecord::new(SecretKind::Password, SecretStorage::Plaintext, subject, origin.clone())
                .value(Some(""))
                .account(Some(name)),
        );
    }
    Account {
        name: name.to_string(),
        origin,
        admin: priv15,
        remote_access: false,
        default_name: matches!(name, "cisco" | "admin" | "root"),
        second_factor: None,
        trusted_hosts: None,
    }
}

/// `line vty|console|aux ...`: the passwords of every line, and the vty's transports and
/// access class.
fn line(cx: &mut ParseCx, src: &SourceFile, b: &Block) -> Option<Vty> {
    let head = b.head.words.join(" ");
    let mut vty = (b.head.words.get(1) == Some(&"vty")).then(|| Vty {
        origin: b.head_origin(src),
        transport: None,
        access_class: None,
        login: None,
        password: false,
    });
    for c in &b.children {
        match (c.words.as_slice(), vty.as_mut()) {
            (["login"], Some(v)) => v.login = Some(VtyLogin::Line),
            (["login", "local"], Some(v)) => v.login = Some(VtyLogin::Local),
            (["no", "login"], Some(v)) => v.login = Some(VtyLogin::Off),
            (["login", "authentication", list], Some(v)) => v.login = Some(VtyLogin::List(list.to_string())),
            (["transport", "input", ps @ ..], Some(v)) => v.transport = Some((ps.iter().map(|p| p.to_string()).collect(), c.origin(src))),
            (["access-class", acl, "in", ..], Some(v)) => v.access_class = Some((acl.to_string(), c.origin(src))),
            (["password", rest @ ..], v) => {
                if let Some(v) = v {
                    v.password = true;
                }
                let (storage, value) = cisco_secret("password", rest);
                let origin = masked_origin(src, c.start, c.end, &format!("password {}", masked_secret_arg(rest)));
                cx.secret(SecretRecord::new(SecretKind::Password, storage, format!("Cisco {head} password"), origin).value(value.as_deref()));
            }
            _ => {}
        }
    }
    vty
}

/// `interface X` and its children.
fn interface(src: &SourceFile, b: &Block, name: &str) -> InterfaceConf {
    let lname = name.to_ascii_lowercase();
    let mut i = InterfaceConf {
        name: name.to_string(),
        origin: b.head_origin(src),
        zone: if lname.starts_with("tunnel") || lname.starts_with("virtual-template") || lname.starts_with("virtual-access") {
            InterfaceZone::Tunnel
        } else if lname.starts_with("dialer") || lname.starts_with("cellular") {
            InterfaceZone::External
        } else {
            InterfaceZone::Unknown
        },
        enabled: true,
        addresses: Vec::new(),
        public: false,
        urpf: None,
        acl_in: None,
        protection: None,
        destination: None,
    };
    for c in &b.children {
        let co = || c.origin(src);
        match c.words.as_slice() {
            ["description", d @ ..] => i.zone = description_zone(i.zone, d),
            ["nameif", n] => i.zone = if *n == "outside" { InterfaceZone::External } else { InterfaceZone::Internal },
            ["ip", "nat", "outside"] => i.zone = InterfaceZone::External,
            ["ip", "nat", "inside"] if i.zone == InterfaceZone::Unknown => i.zone = InterfaceZone::Internal,
            ["ip", "address", "dhcp", ..] | ["ip", "address", "negotiated", ..] => {
                if i.zone == InterfaceZone::Unknown {
                    i.zone = InterfaceZone::External;
                }
                i.addresses.push("dhcp".to_string());
            }
            ["ip", "address", a, m, ..] => {
                i.public |= is_public_ipv4(a);
                i.addresses.push(format!("{a} {m}"));
            }
            ["shutdown"] => i.enabled = false,
            ["ip", "verify", "unicast", rest @ ..] => {
                i.urpf = Some(Setting::explicit(
                    rest.contains(&"rx") || rest.contains(&"reverse-path") || rest.contains(&"any"),
                    co(),
                ))
            }
            ["ip", "access-group", acl, "in"] => i.acl_in = Some((acl.to_string(), co())),
            ["tunnel", "protection", "ipsec", "profile", p, ..] => i.protection = Some((p.to_string(), co())),
            ["tunnel", "destination", _] => i.destination = Some(co()),
            _ => {}
        }
    }
    // A public address faces the internet unless the config says otherwise (nat inside).
    if i.zone == InterfaceZone::Unknown && i.public {
        i.zone = InterfaceZone::External;
    }
    i
}

/// `crypto ...` blocks.
fn crypto(cx: &mut ParseCx, src: &SourceFile, b: &Block, c: &mut Crypto) {
    let cmd = &b.head;
    let head = || b.head_origin(src);
    match cmd.words.as_slice() {
        ["crypto", "isakmp", "policy", _n] => {
            let mut p = IsakmpPolicy {
                origin: head(),
                enc: None,
                hash: None,
                group: None,
                auth: None,
            };
            for ch in &b.children {
                let co = ch.origin(src);
                match ch.words.as_slice() {
                    ["encryption" | "encr", alg, rest @ ..] => p.enc = Some((cisco_enc(alg, rest.first().copied()), co)),
                    ["hash", h] => p.hash = Some((cisco_hash(h), co)),
                    ["group", g] => p.group = Some((g.parse().ok().and_then(dh_group_number).unwrap_or("unknown").to_string(), co)),
                    ["authentication", a] => p.auth = Some((if *a == "pre-share" { AuthMethod::Psk } else { AuthMethod::Certificate }, co)),
                    _ => {}
                }
            }
            Cap::new(MAX_ISAKMP_POLICIES, "crypto isakmp policies", DiagLevel::Warning).push(cx, src, cmd.start, &mut c.isakmp, p);
        }
        ["crypto", "isakmp", "aggressive-mode", "disable"] => c.aggressive_off = Some(b.origin(src)),
        ["crypto", "isakmp", "key", rest @ ..] => isakmp_key(cx, src, b, rest, c),
        ["crypto", "ipsec", "transform-set", name, algs @ ..] => {
            c.transform_sets.insert(
                name.to_string(),
                ProposalAt {
                    proposal: transform_set(algs),
                    origin: b.origin(src),
                },
            );
        }
        ["crypto", "ikev2", "proposal", name] => {
            let mut p = cisco_ikev2_proposal(&b.children, ikev2_enc, cisco_hash);
            if p.integrity.is_empty() && p.encryption.iter().all(|x| x.contains("gcm")) {
                p.integrity.push("none".into());
            }
            c.ikev2_proposals.insert(name.to_string(), ProposalAt { proposal: p, origin: head() });
        }
        ["crypto", "ikev2", "policy", _] => {
            for ch in &b.children {
                if let ["proposal", ps @ ..] = ch.words.as_slice() {
                    c.ikev2_policy_proposals.extend(ps.iter().map(|x| x.to_string()));
                }
            }
        }
        ["crypto", "keyring", name, ..] => isakmp_keyring(cx, src, b, name, c),
        ["crypto", "ikev2", "keyring", name] => {
            for ch in &b.children {
                match ch.words.as_slice() {
                    ["address", a, ..] if a.starts_with("0.0.0.0") || *a == "::/0" => c.keyring_any.push(ch.origin(src)),
                    ["pre-shared-key", rest @ ..] => {
                        let rest: Vec<&str> = rest.iter().copied().skip_while(|x| matches!(*x, "local" | "remote")).collect();
                        let (storage, value) = match rest.as_slice() {
                            ["6", _, ..] => (SecretStorage::DeviceEncrypted, None),
                            ["0", v, ..] | [v, ..] => (SecretStorage::Plaintext, Some(v.to_string())),
                            [] => (SecretStorage::Plaintext, None),
                        };
                        cx.secret(
                            SecretRecord::new(
                                SecretKind::IpsecPsk,
                                storage,
                                format!("Cisco IKEv2 keyring {name}"),
                                masked_origin(src, ch.start, ch.end, "pre-shared-key ****"),
                            )
                            .value(value.as_deref()),
                        );
                    }
                    _ => {}
                }
            }
        }
        ["crypto", "ikev2", "profile", name] => {
            let mut p = Ikev2Profile {
                auth: None,
                any_peer: false,
                origin: head(),
            };
            for ch in &b.children {
                match ch.words.as_slice() {
                    ["match", "identity", "remote", "address", a, ..] if a.starts_with("0.0.0.0") => p.any_peer = true,
                    ["match", "identity", "remote", "any"] => p.any_peer = true,
                    ["authentication", "remote", m, ..] => {
                        p.auth = Some(match *m {
                            "pre-share" => AuthMethod::Psk,
                            "rsa-sig" | "ecdsa-sig" => AuthMethod::Certificate,
                            "eap" => AuthMethod::Eap("eap".into()),
                            _ => AuthMethod::Unknown,
                        })
                    }
                    _ => {}
                }
            }
            c.ikev2_profiles.insert(name.to_string(), p);
        }
        ["crypto", "ipsec", "profile", name] => {
            let mut p = Protection::default();
            for ch in &b.children {
                p.set(&ch.words);
            }
            c.ipsec_profiles.insert(name.to_string(), p);
        }
        ["crypto", kind @ ("map" | "dynamic-map"), name, seq, rest @ ..]
            if !rest.contains(&"local-address") && !rest.contains(&"client") && !rest.contains(&"dynamic") =>
        {
            let mut m = CryptoMap {
                subject: format!("crypto {kind} {name} {seq}"),
                protection: Protection::default(),
                dynamic: *kind == "dynamic-map" || rest.contains(&"dynamic"),
                origin: head(),
                peer: None,
            };
            for ch in &b.children {
                if !m.protection.set(&ch.words) {
                    if let ["set", "peer", p, ..] = ch.words.as_slice() {
                        m.peer = Some(ch.origin(src).with_evidence(&format!("set peer {p}")));
                    }
                }
            }
            if c.maps.len() < MAX_TUNNELS {
                c.maps.push(m);
            } else {
                // Every entry over the limit is reported (each is a tunnel not judged).
                Cap::new(MAX_TUNNELS, "crypto map entries", DiagLevel::Error).report(cx, src, cmd.start);
            }
        }
        _ => {}
    }
}

/// IOS: `crypto isakmp key [0|6] KEY {address IP [MASK] | address ipv6 P | hostname H}`.
/// Anything else (Allied Telesis `key 8 ...`) is another syntax: which word is the key is
/// unknown, so all are masked and nothing is judged.
fn isakmp_key(cx: &mut ParseCx, src: &SourceFile, b: &Block, rest: &[&str], c: &mut Crypto) {
    let parsed = match rest {
        ["6", v, a @ ..] => Some((SecretStorage::DeviceEncrypted, *v, a)),
        ["0", v, a @ ..] => Some((SecretStorage::Plaintext, *v, a)),
        [v, a @ ..] => Some((SecretStorage::Plaintext, *v, a)),
        [] => None,
    };
    let Some((storage, value, after)) = parsed.filter(|(_, _, a)| matches!(a.first(), Some(&"address" | &"hostname"))) else {
        secret_not_read(cx, src, b.head.start, b.end, &b.head.words.join(" "), "crypto isakmp key");
        return;
    };
    let peer = match after {
        ["address", a, m, ..] if ipv4(m).is_some() => format!("{a} {m}"),
        ["address", a, ..] => a.to_string(),
        ["hostname", h, ..] => h.to_string(),
        _ => String::new(),
    };
    let ty = if rest.len() > after.len() + 1 {
        format!("{} ", rest[0])
    } else {
        String::new()
    };
    let origin = masked_origin(src, b.head.start, b.end, &format!("crypto isakmp key {ty}**** {}", after.join(" ")));
    cx.secret(
        SecretRecord::new(SecretKind::IpsecPsk, storage, format!("Cisco ISAKMP key for {peer}"), origin.clone())
            .value((storage == SecretStorage::Plaintext).then_some(value))
            .peer(&peer),
    );
    c.isakmp_keys.push(IsakmpKey { peer, origin });
}

/// IOS ISAKMP (IKEv1) keyring: `crypto keyring NAME` with children
/// `pre-shared-key {address IP [MASK] | hostname H} key [0|6] KEY`. The keys are the same
/// kind of secret as `crypto isakmp key` (strength, reuse, storage), and a key for
/// 0.0.0.0 lets any peer in. A child of another shape masks every word after its keyword.
fn isakmp_keyring(cx: &mut ParseCx, src: &SourceFile, b: &Block, name: &str, c: &mut Crypto) {
    for ch in &b.children {
        let ["pre-shared-key", rest @ ..] = ch.words.as_slice() else { continue };
        let Some(k) = rest.iter().position(|w| *w == "key") else {
            secret_not_read(cx, src, ch.start, ch.end, &ch.words.join(" "), "pre-shared-key");
            continue;
        };
        let (peer_words, key) = (&rest[..k], &rest[k + 1..]);
        let (storage, value) = match key {
            ["6", _, ..] => (SecretStorage::DeviceEncrypted, None),
            ["0", v, ..] | [v] => (SecretStorage::Plaintext, Some(v.to_string())),
            _ => {
                secret_not_read(cx, src, ch.start, ch.end, &ch.words.join(" "), "pre-shared-key");
                continue;
            }
        };
        let peer = match peer_words {
            ["address", a, m, ..] if ipv4(m).is_some() => format!("{a} {m}"),
            ["address", a, ..] | ["hostname", a, ..] => a.to_string(),
            _ => String::new(),
        };
        let ty = if key.len() > 1 { format!("{} ", key[0]) } else { String::new() };
        let shown = format!("pre-shared-key {} key {ty}****", peer_words.join(" "));
        let origin = masked_origin(src, ch.start, ch.end, &shown);
        cx.secret(
            SecretRecord::new(
                SecretKind::IpsecPsk,
                storage,
                format!("Cisco crypto keyring {name} pre-shared-key for {peer}"),
                origin.clone(),
            )
            .value(value.as_deref())
            .peer(&peer),
        );
        c.isakmp_keys.push(IsakmpKey { peer, origin });
    }
}

/// `crypto ipsec transform-set NAME esp-aes 256 esp-sha-hmac ...` as a proposal.
fn transform_set(algs: &[&str]) -> Proposal {
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
    p
}

// Lowering: the collected parts into the model, section by section.

struct Lower<'a> {
    cx: &'a mut ParseCx,
    conf: Config,
    /// The whole file, for settings that rely on a default no line shows.
    dev_origin: Origin,
    /// The release train: IOS XE numbers its releases from 16 (then 17, then 26); classic
    /// IOS (and IOS XE 3.x, which reported the IOS 15 number) is below.
    major: Option<u32>,
}

impl<'a> Lower<'a> {
    fn new(cx: &'a mut ParseCx, src: &'a SourceFile, mut conf: Config) -> Self {
        let major = conf.version.as_ref().and_then(|(v, _)| v.split('.').next()?.parse::<u32>().ok());
        let dev_origin = src.origin(0, 0).with_evidence("Cisco IOS configuration");
        if !conf.crypto.transform_sets.contains_key("default") {
            // IOS XE default transform set [K]: esp-aes esp-sha-hmac.
            let proposal = Proposal {
                encryption: vec!["aes128".into()],
                integrity: vec!["sha1".into()],
                prf: vec![],
                dh_groups: vec![],
            };
            let origin = dev_origin.with_evidence("(default transform-set: esp-aes esp-sha-hmac)");
            conf.crypto.transform_sets.insert("default".into(), ProposalAt { proposal, origin });
        }
        Lower { cx, conf, dev_origin, major }
    }

    fn run(mut self) {
        let protected = self.interfaces();
        self.accounts();
        self.device();
        self.cx.model.mgmt_services.append(&mut self.conf.snmp);
        self.http();
        self.vtys();
        self.cx.model.log_targets.append(&mut self.conf.log_targets);
        self.ntp();
        self.tunnels(protected);
    }

    /// Interfaces (with the ACLs they apply, wherever defined) and the tunnels their
    /// `tunnel protection` lines make: (subject, protection line, profile, destination).
    fn interfaces(&mut self) -> Vec<(String, Origin, String, Option<Origin>)> {
        let mut protected = Vec::new();
        for i in std::mem::take(&mut self.conf.interfaces) {
            let ev_missing = |what: &str| i.origin.with_note_parts(&[what, " not set"]);
            let anti = Some(
                i.urpf
                    .unwrap_or_else(|| Setting::default_at(false, ev_missing("ip verify unicast source reachable-via rx"))),
            );
            let (inbound, bogon) = match &i.acl_in {
                Some((acl, o)) => (
                    Some(Setting::explicit(true, o.clone())),
                    Some(Setting::explicit(self.conf.acl_bogon.get(acl).copied().unwrap_or(false), o.clone())),
                ),
                None => (
                    Some(Setting::default_at(false, ev_missing("ip access-group in"))),
                    Some(Setting::default_at(false, ev_missing("ip access-group in"))),
                ),
            };
            if let Some((profile, origin)) = i.protection {
                if protected.len() < MAX_TUNNELS {
                    protected.push((format!("Cisco interface {} via profile {profile}", i.name), origin, profile, i.destination));
                }
            }
            self.cx.model.interfaces.push(Interface {
                name: i.name,
                origin: i.origin,
                zone: i.zone,
                enabled: i.enabled,
                anti_spoofing: anti,
                bogon_filter: bogon,
                inbound_filter: inbound,
                addresses: i.addresses,
            });
        }
        default_route_egress(&mut self.cx.model.interfaces, &self.conf.default_routes);
        protected
    }

    /// Accounts. Without an authentication server, a privilege-15 local user logs in with
    /// its password alone (IOS has no local second factor). With one, whether the server
    /// asks for a second factor is not in this file: left unknown.
    fn accounts(&mut self) {
        let note = "no aaa authentication login with a server group: local password only";
        let admins_flagged = lower_accounts(&mut self.cx.model, std::mem::take(&mut self.conf.accounts), self.conf.login_by_server, note);
        self.vty_logins(admins_flagged);
    }

    /// Remote logins on vty lines that take a password alone, as one administrator login
    /// each (a vty login is the way to the device's command line; `enable` then asks for
    /// one more password, not a second factor). The line's own `password`, or local user
    /// names, when the vty's method says so; a line whose logins a RADIUS/TACACS+ group
    /// checks is left unknown, as the server may ask for a one-time password kensa cannot
    /// see. Local logins are said once: by the privilege-15 users when there are any
    /// (`admins_flagged`), else by the line. Console lines are not remote access (14-5).
    fn vty_logins(&mut self, admins_flagged: bool) {
        for v in &self.conf.vtys {
            // `transport input none`: no remote login on this line.
            let remote = v.transport.as_ref().is_none_or(|(p, _)| p.iter().any(|x| x != "none"));
            // `no login` without AAA: the line asks for nothing, an empty password (MGMT005).
            if remote && !self.conf.aaa_new_model && matches!(v.login, Some(VtyLogin::Off)) {
                let origin = v.origin.with_note("no login: no credentials asked");
                let subject = format!("Cisco {} login", v.origin.evidence);
                self.cx
                    .secret(SecretRecord::new(SecretKind::Password, SecretStorage::Plaintext, subject, origin).value(Some("")));
                continue;
            }
            let Some(only) = self.vty_password_only(v).filter(|_| remote && !v.refuses_logins(self.conf.aaa_new_model)) else {
                continue;
            };
            if only == LOCAL_ONLY && admins_flagged {
                continue;
            }
            let origin = v.origin.with_note(only);
            self.cx.model.accounts.push(Account {
                name: v.origin.evidence.to_string(),
                origin: origin.clone(),
                admin: true,
                remote_access: false,
                default_name: false,
                second_factor: Some(Setting::default_at(false, origin)),
                trusted_hosts: None,
            });
        }
    }

    /// What alone a vty's logins take, by its `login` child or, with `aaa new-model`, the
    /// method list it uses (`default` unless `login authentication` names one; with no
    /// `default` list IOS checks the local user database [S]). None when a server group
    /// checks them, when nothing is asked (`no login`, method `none`), or when the config
    /// does not say.
    fn vty_password_only(&self, v: &Vty) -> Option<&'static str> {
        let first = if self.conf.aaa_new_model {
            let list = match &v.login {
                Some(VtyLogin::List(l)) => l.as_str(),
                _ => "default",
            };
            match self.conf.login_lists.get(list) {
                Some(methods) if methods.iter().any(|m| m == "group") => return None,
                Some(methods) => methods.first()?.as_str(),
                None if list == "default" => "local",
                None => return None,
            }
        } else {
            match v.login.as_ref()? {
                VtyLogin::Line => "line",
                VtyLogin::Local => "local",
                VtyLogin::Off | VtyLogin::List(_) => return None,
            }
        };
        match first {
            "local" | "local-case" => Some(LOCAL_ONLY),
            "line" => Some("line password only"),
            "enable" => Some("enable password only"),
            _ => None,
        }
    }

    /// Device and firmware.
    fn device(&mut self) {
        let c = &self.conf;
        let xe = self.major.is_some_and(|m| m >= 16);
        self.cx.model.device = Some(Device {
            product: if xe { "Cisco IOS XE".into() } else { "Cisco IOS".into() },
            hostname: c.hostname.clone(),
            is_network_device: true,
            origin: c.version.as_ref().map(|x| x.1.clone()).unwrap_or_else(|| self.dev_origin.clone()),
            source_routing: Some(match &c.source_route {
                Some((on, o)) => Setting::explicit(*on, o.clone()),
                None => Setting::default_at(
                    true,
                    self.dev_origin
                        .with_note(crate::i18n::notes::Note::not_set_default_of("no ip source-route", "IOS", "ip source-route on")),
                ),
            }),
        });
        if let Some((v, origin)) = &c.version {
            let mut features = Vec::new();
            if c.http.server.is_some() || c.http.secure_server.is_some() {
                features.push(Feature::HttpServer);
            }
            self.cx.model.firmware.push(Firmware {
                product: if xe { Product::IosXe } else { Product::Ios },
                model: None,
                version: v.clone(),
                build: None,
                origin: origin.clone(),
                features,
            });
        }
    }

    /// HTTP(S) management and the HTTPS server's TLS versions.
    fn http(&mut self) {
        let h = &self.conf.http;
        let reach = |o: &Origin| {
            Setting::explicit(
                h.access_class
                    .as_ref()
                    .map_or(Reachability::Unrestricted, |a| Reachability::Restricted(vec![a.clone()])),
                o.clone(),
            )
        };
        for (on, proto, name) in [
            (&h.server, MgmtProtocol::Http, "ip http server"),
            (&h.secure_server, MgmtProtocol::Https, "ip http secure-server"),
        ] {
            if let Some(origin) = on {
                self.cx.model.mgmt_services.push(MgmtService {
                    subject: format!("Cisco {name}"),
                    protocol: proto,
                    origin: origin.clone(),
                    enabled: Setting::explicit(true, origin.clone()),
                    reachable_from: reach(origin),
                    version: None,
                    strong_auth: None,
                });
            }
        }
        let Some(origin) = &h.secure_server else { return };
        // Without `ip http tls-version`: IOS XE 17 accepts TLS 1.1 and 1.2 (Cisco document
        // 223097 on 17.6.5 [V]; `show ip http server all` on a Catalyst 8000v shows "TLSv1.2
        // TLSv1.1" [S]); IOS XE 26 TLS 1.2 and 1.3 [S]; older releases are assumed to accept
        // TLS 1.0-1.2 [K].
        let versions = match &h.tls_versions {
            Some((v, o)) => Setting::explicit(v.clone(), o.clone()),
            None if self.major.is_some_and(|m| m >= 26) => Setting::default_at(
                vec![TlsVersion::Tls12, TlsVersion::Tls13],
                origin.with_evidence("ip http secure-server (ip http tls-version not set: TLS 1.2 and 1.3 on IOS XE 26)"),
            ),
            None if self.major == Some(17) => Setting::default_at(
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
        self.cx.model.tls_endpoints.push(ep);
    }

    /// vty lines: telnet and SSH as their transports (or the train's default) allow.
    fn vtys(&mut self) {
        for v in std::mem::take(&mut self.conf.vtys) {
            if v.refuses_logins(self.conf.aaa_new_model) {
                continue;
            }
            let (protos, porigin) = match &v.transport {
                Some((p, o)) => (p.clone(), o.clone()),
                None => {
                    // IOS XE 17 on: ssh only (`default transport input` leaves "Allowed input
                    // transports are ssh" [S]). IOS XE 16 `telnet ssh`, IOS `all` [K]
                    // unconfirmed: both keep telnet reported.
                    let d = match self.major {
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
                self.cx.model.mgmt_services.push(MgmtService {
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
    }

    fn ntp(&mut self) {
        std::mem::take(&mut self.conf.ntp).lower(&mut self.cx.model);
    }

    /// IKEv1 proposals from the ISAKMP policies, DES / SHA-1 / group 1 where one leaves a
    /// value out; the first policy that relies on a default is the setting's origin.
    fn ikev1_proposals(&self) -> Option<Setting<Vec<Proposal>>> {
        let isakmp = &self.conf.crypto.isakmp;
        let first = isakmp.first()?;
        let props: Vec<Proposal> = isakmp
            .iter()
            .map(|p| Proposal {
                encryption: vec![p.enc.as_ref().map_or("des".into(), |x| x.0.clone())],
                integrity: vec![p.hash.as_ref().map_or("sha1".into(), |x| x.0.clone())],
                prf: vec![],
                dh_groups: vec![p.group.as_ref().map_or("modp768".into(), |x| x.0.clone())],
            })
            .collect();
        let missing = isakmp
            .iter()
            .flat_map(|p| {
                [
                    (p.enc.is_none(), "encryption not set: default des"),
                    (p.hash.is_none(), "hash not set: default sha"),
                    (p.group.is_none(), "group not set: default 1"),
                ]
            })
            .find(|(m, _)| *m)
            .map_or("", |(_, t)| t);
        Some(match isakmp.iter().find(|p| p.enc.is_none() || p.hash.is_none() || p.group.is_none()) {
            Some(p) => Setting::default_at(props, p.origin.with_note(missing)),
            None => Setting::explicit(props, first.enc.as_ref().map_or_else(|| first.origin.clone(), |x| x.1.clone())),
        })
    }

    /// IKEv2 proposals: those the `crypto ikev2 policy` blocks name (else every one
    /// defined), else the train's default proposal.
    fn ikev2_proposals(&self) -> Setting<Vec<Proposal>> {
        let c = &self.conf.crypto;
        let chosen: Vec<&ProposalAt> = if c.ikev2_policy_proposals.is_empty() {
            c.ikev2_proposals.values().take(MAX_ISAKMP_POLICIES).collect()
        } else {
            c.ikev2_policy_proposals
                .iter()
                .filter_map(|n| c.ikev2_proposals.get(n))
                .take(MAX_ISAKMP_POLICIES)
                .collect()
        };
        match chosen.first() {
            Some(p) => Setting::explicit(chosen.iter().map(|x| x.proposal.clone()).collect(), p.origin.clone()),
            None => default_ikev2_proposal(self.major, &self.dev_origin),
        }
    }

    /// Crypto map entries, then the interfaces their `tunnel protection` makes tunnels.
    fn tunnels(&mut self, protected: Vec<(String, Origin, String, Option<Origin>)>) {
        let ike = Ike {
            v1: self.ikev1_proposals(),
            v1_auth: self.conf.crypto.isakmp.first().map(|p| match &p.auth {
                Some((a, o)) => Setting::explicit(a.clone(), o.clone()),
                None => Setting::default_at(AuthMethod::Certificate, p.origin.clone()),
            }),
            v2: self.ikev2_proposals(),
            any_key: self
                .conf
                .crypto
                .isakmp_keys
                .iter()
                .find(|k| k.peer.starts_with("0.0.0.0") || k.peer.is_empty())
                .map(|k| k.origin.clone()),
        };
        let c = &self.conf.crypto;
        let mut out = Vec::new();
        for m in &c.maps {
            out.push(tunnel(
                c,
                &ike,
                format!("Cisco {}", m.subject),
                m.origin.clone(),
                &m.protection,
                m.dynamic,
                m.peer.clone(),
            ));
        }
        for (subject, origin, profile, destination) in protected {
            let default = Protection {
                transform_sets: vec!["default".into()],
                ..Protection::default()
            };
            let protection = c.ipsec_profiles.get(&profile).unwrap_or(&default);
            out.push(tunnel(c, &ike, subject, origin, protection, false, destination));
        }
        self.cx.model.vpn_tunnels.append(&mut out);
    }
}

/// What every tunnel shares: the IKE proposals and authentication of the device.
struct Ike {
    v1: Option<Setting<Vec<Proposal>>>,
    v1_auth: Option<Setting<AuthMethod>>,
    v2: Setting<Vec<Proposal>>,
    /// A `crypto isakmp key` for any peer (0.0.0.0).
    any_key: Option<Origin>,
}

/// One IPsec tunnel: a crypto map entry or a protected tunnel interface.
fn tunnel(c: &Crypto, ike: &Ike, subject: String, block: Origin, protection: &Protection, dynamic: bool, peer: Option<Origin>) -> VpnTunnel {
    let mut t = VpnTunnel::new(
        subject,
        VpnKind::Ipsec,
        VpnUse::SiteToSite,
        if dynamic { VpnRole::Server } else { VpnRole::Peer },
        block.clone(),
    );
    let dh = protection.pfs.as_deref().map(pfs_groups).unwrap_or_default();
    let props: Vec<&ProposalAt> = protection.transform_sets.iter().filter_map(|t| c.transform_sets.get(t)).collect();
    t.child_proposals = props
        .first()
        .map(|first| Setting::explicit(with_pfs_groups(props.iter().map(|p| &p.proposal), &dh), first.origin.clone()));
    let set = protection.pfs.as_ref().map(|g| block.with_evidence(&format!("set pfs {g}")));
    t.pfs = Some(pfs(set, &block, "set pfs not set: no PFS"));
    if let Some(p) = &protection.ikev2_profile {
        t.ike_version = Some(Setting::explicit(2, block.with_evidence(&format!("set ikev2-profile {p}"))));
        t.ike_proposals = Some(ike.v2.clone());
        let prof = c.ikev2_profiles.get(p.as_str());
        if let Some(Ikev2Profile { auth: Some(a), origin, .. }) = prof {
            t.remote_auth = Some(Setting::explicit(a.clone(), origin.clone()));
            t.local_auth = Some(Setting::explicit(a.clone(), origin.clone()));
        }
        let any = prof.is_some_and(|x| x.any_peer) || !c.keyring_any.is_empty();
        t.peer_restricted = Some(match (any, prof) {
            (true, Some(pr)) => Setting::explicit(false, pr.origin.with_note("match identity remote address 0.0.0.0")),
            (true, None) => Setting::explicit(false, c.keyring_any[0].clone()),
            _ => Setting::explicit(!dynamic, peer.unwrap_or_else(|| block.clone())),
        });
    } else {
        t.ike_version = Some(Setting::explicit(1, block.with_note("crypto isakmp: IKEv1")));
        t.ike_proposals = ike.v1.clone();
        t.aggressive = Some(match &c.aggressive_off {
            Some(o) => Setting::explicit(false, o.clone()),
            None => Setting::default_at(true, block.with_note("crypto isakmp aggressive-mode disable not set: aggressive mode answered")),
        });
        if let Some(a) = &ike.v1_auth {
            t.local_auth = Some(a.clone());
            t.remote_auth = Some(a.clone());
        }
        t.peer_restricted = Some(match (&ike.any_key, dynamic) {
            (Some(o), _) => Setting::explicit(false, o.clone()),
            (None, true) => Setting::explicit(false, block.with_note("dynamic map: any peer")),
            (None, false) => Setting::explicit(true, peer.unwrap_or_else(|| block.clone())),
        });
    }
    t
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
    for i in interfaces.iter_mut().filter(|i| i.zone == InterfaceZone::Unknown) {
        if let Some(via) = default_route_via(routes, &i.name, &i.addresses, in_subnet) {
            i.zone = InterfaceZone::External;
            i.origin = i.origin.with_note(format!("default route via {via}"));
        }
    }
}

/// The shared secret with a RADIUS / TACACS+ server: `[TYPE] LINE` as for passwords (type 6
/// device-encrypted, 7 reversible, 0 or none plaintext).
fn aaa_server_key(cx: &mut ParseCx, what: String, rest: &[&str], origin: Origin) {
    let (storage, value) = cisco_secret("key", rest);
    cx.secret(SecretRecord::new(SecretKind::AaaServerKey, storage, format!("Cisco {what} key"), origin).value(value.as_deref()));
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
        dev_origin.with_evidence(&format!("(no crypto ikev2 proposal: {text})")),
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

    /// Which vty logins take a password alone (MGMT006), by `login` without AAA and by the
    /// method list with `aaa new-model`; a server group, `no login`, `transport input none`
    /// and the console are not judged.
    /// `login` on a vty that has no `password` (and no AAA): IOS answers "Password required,
    /// but none set" and closes the session, so the line is no way in: no telnet, no SSH,
    /// no password-only login to report. The same line with a password is one.
    #[test]
    fn vty_login_without_a_password_refuses_every_login() {
        let ways_in = |conf: &str| {
            let p = parse_text(Format::CiscoIos, "r.ios", &format!("version 15.5\n{conf}end\n"));
            (
                p.model.mgmt_services.len(),
                p.model.accounts.iter().filter(|a| a.name.starts_with("line ")).count(),
            )
        };
        assert_eq!(ways_in("line vty 0\n login\nline vty 2 4\n login\n transport input telnet\n"), (0, 0));
        assert_eq!(ways_in("line vty 0 4\n password 0 Vty-Pw\n login\n"), (2, 1));
        // With AAA the line's password is not what `login` asks for.
        assert_eq!(ways_in("aaa new-model\nline vty 0 4\n login\n transport input ssh\n").0, 1);
    }

    #[test]
    fn vty_logins_without_a_second_factor_follow_the_login_method() {
        let vty_notes = |conf: &str| -> Vec<String> {
            let p = parse_text(Format::CiscoIos, "r.ios", &format!("version 15.2\n{conf}end\n"));
            p.model
                .accounts
                .iter()
                .filter(|a| a.name.starts_with("line "))
                .map(|a| {
                    assert!(a.admin && a.second_factor.as_ref().is_some_and(|f| !f.value));
                    a.origin.evidence.to_string()
                })
                .collect()
        };
        assert_eq!(
            vty_notes("line con 0\n password 0 Console-Pw\n login\nline vty 0 4\n password 0 Vty-Pw\n login\n"),
            ["line vty 0 4 (line password only)"]
        );
        assert_eq!(
            vty_notes("username op password 0 Op-Pw\nline vty 0 4\n login local\n"),
            ["line vty 0 4 (local user passwords only)"]
        );
        // A privilege-15 user already says that local logins take a password alone.
        assert!(vty_notes("username adm privilege 15 secret 0 Adm-Pw\nline vty 0 4\n login local\n").is_empty());
        assert!(vty_notes("line vty 0 4\n password 0 Vty-Pw\n login\n transport input none\n").is_empty());
        assert!(vty_notes("line vty 0 4\n no login\n").is_empty());
        // ... but a vty that asks for nothing is an empty password (MGMT005), not a pass.
        let p = parse_text(
            Format::CiscoIos,
            "r.ios",
            "version 15.2\nline vty 0 4\n no login\n transport input telnet\nend\n",
        );
        let s = p.model.secrets.iter().find(|s| s.subject == "Cisco line vty 0 4 login").expect("the vty login");
        assert!(s.strength.is_some_and(|st| st.empty), "{s:?}");
        assert!(s.origin.evidence.contains("no login: no credentials asked"), "{:?}", s.origin);
        // aaa new-model: the default list, or the local database when there is none.
        assert_eq!(
            vty_notes("aaa new-model\nline vty 0 4\n transport input ssh\n"),
            ["line vty 0 4 (local user passwords only)"]
        );
        assert_eq!(
            vty_notes("aaa new-model\naaa authentication login default line\nline vty 0 4\n"),
            ["line vty 0 4 (line password only)"]
        );
        assert!(vty_notes("aaa new-model\naaa authentication login default group tacacs+ local\nline vty 0 4\n").is_empty());
        assert_eq!(
            vty_notes(
                "aaa new-model\naaa authentication login default group radius\naaa authentication login VTY local\nline vty 0 4\n login authentication VTY\n"
            ),
            ["line vty 0 4 (local user passwords only)"]
        );
        // `login` means nothing once aaa new-model is on: the default list decides.
        assert!(vty_notes("aaa new-model\naaa authentication login default group radius\nline vty 0 4\n password 0 Vty-Pw\n login\n").is_empty());
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

    /// `show running-config` prints access lists after the interfaces that apply them: the
    /// interface's filter is judged with the list wherever it stands.
    #[test]
    fn an_access_list_after_its_interface_still_filters_bogons() {
        let conf = "interface GigabitEthernet0/0\n ip address 203.0.113.2 255.255.255.252\n ip access-group WAN-IN in\n ip access-group 110 out\n!\ninterface GigabitEthernet0/1\n ip address 203.0.113.6 255.255.255.252\n ip access-group 120 in\n!\nip access-list extended WAN-IN\n 10 deny ip 10.0.0.0 0.255.255.255 any\n 20 permit ip any any\naccess-list 120 deny ip 192.168.0.0 0.0.255.255 any\n";
        let p = parse_text(Format::CiscoIos, "r.ios", conf);
        let bogon = |name: &str| {
            let i = p.model.interfaces.iter().find(|i| i.name == name).unwrap();
            i.bogon_filter.as_ref().unwrap().value
        };
        assert!(bogon("GigabitEthernet0/0"));
        assert!(bogon("GigabitEthernet0/1"));
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
