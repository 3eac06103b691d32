//! Juniper Junos OS configuration, hierarchical (`show configuration`) or `display set`:
//! both are read into the same set-path statements ([`read`]), collected into named
//! structs ([`Config`]), then lowered into the model section by section ([`Lower`]).
//!
//! Vendor facts relied on (docs/vendor-defaults.md, "Juniper Junos OS"):
//! - [V] A service runs only when `system services` names it; `host-inbound-traffic
//!   system-services` of a security zone (or of one interface in it, which replaces the
//!   zone's list) decides on an SRX which zone's interfaces answer it.
//! - [V] An IKE policy without `mode` negotiates main mode.
//! - [K] An IKE gateway without `version` is taken as IKEv1 (`v1-only`), the weaker
//!   reading, and the evidence says so.
//! - [V] An IPsec policy without `perfect-forward-secrecy` (and without a proposal set that
//!   carries a group) negotiates no PFS.
//! - [V] `$9$` secrets are an obfuscation anyone can reverse; `$1$` is MD5-crypt; `$5$`,
//!   `$6$` and `$sha1$` are iterated hashes.
//! - [K] A security zone named `untrust` is the internet side of the SRX factory-default
//!   configuration; it is taken as such and the evidence says so.

mod filter;
mod read;

use crate::formats::router_common::{dh_group_number, is_bogon_prefix, is_public_ipv4, masked_origin, unrecognized_text};
use crate::formats::{ParseCx, SecretRecord};
use crate::model::*;
use crate::source::SourceFile;
use read::Stmt;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Top-level hierarchies of a Junos configuration (statements under others are counted as
/// unrecognised).
const KNOWN: &[&str] = &[
    "version",
    "system",
    "interfaces",
    "security",
    "snmp",
    "routing-options",
    "protocols",
    "policy-options",
    "firewall",
    "groups",
    "apply-groups",
    "chassis",
    "vlans",
    "poe",
    "ethernet-switching-options",
    "services",
    "applications",
    "access",
    "access-profile",
    "forwarding-options",
    "class-of-service",
    "routing-instances",
    "event-options",
    "virtual-chassis",
    "switch-options",
    "bridge-domains",
    "logical-systems",
    "multi-chassis",
    "schedulers",
    "smtp",
    "tenants",
    "wlan",
    "dynamic-profiles",
    "jsrc",
    "jsrc-partition",
    "diameter",
    "fabric",
    "session-limit-group",
    "vmhost",
    "accounting-options",
    "apply-macro",
    "protocols-group",
    "utility-mapping",
    "unified-edge",
];

/// Entries a hostile file could grow without bound are capped at this many per list.
const MAX_ITEMS: usize = 10_000;
/// `host-inbound-traffic system-services` entries kept per zone or interface (Junos names
/// about forty services).
const MAX_SERVICES: usize = 256;

/// Reads one `junos` file into the model.
pub fn parse(cx: &mut ParseCx, src: &Arc<SourceFile>) {
    let mut conf = Config::default();
    read::statements(cx, src, &mut |cx, st| conf.statement(cx, src, st, false));
    conf.apply_groups(cx, src);
    if let Some((f, o)) = &conf.lo0_filter {
        if !conf.filters.contains_key(f) {
            // The services are then taken as restricted by it, and this says the filter's
            // terms were not read.
            cx.diag(
                crate::diag::DiagLevel::Warning,
                src,
                o.span.0,
                crate::diag::DiagKind::ReferenceMissing {
                    name: format!("firewall filter {f}"),
                },
            );
        }
    }
    Lower::new(cx, src, conf).run();
}

/// Where a statement is, and its text as `set ...` (the evidence, whatever the input's form).
fn set_text(path: &[&str], mask_from: Option<usize>) -> String {
    let mut s = String::from("set");
    for (i, w) in path.iter().enumerate() {
        s.push(' ');
        if mask_from.is_some_and(|m| i >= m) {
            s.push_str("****");
            if mask_from == Some(i) {
                break;
            }
        } else if w.is_empty() || w.contains(char::is_whitespace) {
            s.push('"');
            s.push_str(w);
            s.push('"');
        } else {
            s.push_str(w);
        }
    }
    s
}

/// Words after which Junos writes a secret (PPP CHAP/PAP secrets, routing-protocol and NTP
/// keys, RADIUS secrets, SNMP communities, passwords).
const SECRET_WORDS: &[&str] = &[
    "secret",
    "default-chap-secret",
    "default-pap-password",
    "password",
    "encrypted-password",
    "plain-text-password-value",
    "pre-shared-key",
    "seeded-pre-shared-key",
    "authentication-key",
    "privacy-key",
    "key",
    "community",
    "simple-password",
    "ascii-text",
    "hexadecimal",
    "value",
];

/// The statement's origin. Whatever the statement, a word after a secret keyword (or a
/// stored secret's own `$9$`/`$8$`/crypt form) is masked: the collector builds origins
/// from statements it reads for other facts (an interface's first line may be its PPP
/// secret), and masking must not depend on which statement that was.
fn origin(src: &SourceFile, st: &Stmt) -> Origin {
    let from = st
        .path
        .iter()
        .position(|w| SECRET_WORDS.contains(w))
        .map(|i| i + 1)
        .into_iter()
        .chain(st.path.iter().position(|w| w.starts_with('$')))
        .min()
        .filter(|i| *i < st.path.len());
    match from {
        Some(i) => masked(src, st, i),
        None => src.origin_showing(st.start, st.end, &crate::formats::evidence_text(&set_text(st.path, None))),
    }
}

/// The statement's origin with every word from `from` on masked.
fn masked(src: &SourceFile, st: &Stmt, from: usize) -> Origin {
    masked_origin(src, st.start, st.end, &set_text(st.path, Some(from)))
}

// Collecting.

#[derive(Default)]
struct Config {
    version: Option<(String, Origin)>,
    hostname: Option<String>,
    /// First statement only an SRX holds (security zones, policies, NAT, flow, cluster).
    srx: Option<Origin>,
    /// First statement only an EX holds (PoE, `ethernet-switching-options`).
    ex: Option<Origin>,
    /// `system services` by name (telnet, ssh, ftp, http, https).
    services: BTreeMap<&'static str, Service>,
    users: BTreeMap<String, User>,
    /// Login classes with `permissions all`.
    admin_classes: BTreeSet<String>,
    /// `system authentication-order` names RADIUS or TACACS+.
    auth_by_server: bool,
    /// `root-authentication` with a password: where it is set.
    root_password: Option<Origin>,
    /// `system services ssh root-login allow`: root may log in over SSH with that password.
    root_ssh_allowed: bool,
    snmp: BTreeMap<String, Community>,
    snmp_v3: BTreeMap<String, SnmpV3User>,
    snmp_client_lists: BTreeMap<String, Vec<String>>,
    ntp_servers: BTreeMap<String, NtpServer>,
    ntp_trusted: BTreeSet<String>,
    /// `system syslog host H`, by host.
    syslog_hosts: BTreeMap<String, SyslogHost>,
    /// Security policies by "from to name".
    policies: BTreeMap<String, ZonePolicy>,
    /// `security log stream S host H`.
    stream_hosts: BTreeMap<String, Origin>,
    interfaces: BTreeMap<String, Iface>,
    zones: BTreeMap<String, Zone>,
    screens_spoofing: BTreeSet<String>,
    /// `interfaces lo0 unit 0 family inet filter input F`: the routing engine's own filter.
    lo0_filter: Option<(String, Origin)>,
    default_hops: Vec<String>,
    /// Firewall filters that discard or reject bogon sources.
    filter_terms: BTreeMap<(String, String), FilterTerm>,
    /// `firewall family inet filter F` terms in order, read for the lo0 filter.
    filters: BTreeMap<String, filter::Filter>,
    /// A `services ipsec-vpn` statement was seen (MX/M services-card IPsec, not judged).
    services_ipsec_vpn: bool,
    ike_proposals: BTreeMap<String, IkeProposal>,
    ike_policies: BTreeMap<String, IkePolicy>,
    gateways: BTreeMap<String, Gateway>,
    ipsec_proposals: BTreeMap<String, IpsecProposal>,
    ipsec_policies: BTreeMap<String, IpsecPolicy>,
    vpns: BTreeMap<String, Vpn>,
    /// Statements under `groups NAME`, kept to apply the groups `apply-groups` names.
    group_stmts: Vec<GroupStmt>,
    applied_groups: Vec<String>,
}

struct GroupStmt {
    group: String,
    path: Vec<String>,
    start: usize,
    end: usize,
}

#[derive(Default)]
struct Service {
    origin: Option<Origin>,
    /// `web-management http|https interface X`: J-Web listens only there.
    interfaces: Vec<String>,
    /// `web-management http|https port N`: J-Web listens on N, not on 80/443.
    port: Option<u16>,
}

#[derive(Default)]
struct User {
    origin: Option<Origin>,
    class: Option<String>,
    password: bool,
}

struct Community {
    origin: Origin,
    read_write: bool,
    clients: Vec<String>,
    client_list: Option<String>,
}

#[derive(Default)]
struct NtpServer {
    origin: Option<Origin>,
    key: Option<String>,
}

#[derive(Default)]
struct SyslogHost {
    origin: Option<Origin>,
    tls: bool,
}

/// `snmp v3 usm local-engine user U`: whether it encrypts (`privacy-*`), and its first line.
#[derive(Default)]
struct SnmpV3User {
    privacy: bool,
    origin: Option<Origin>,
}

#[derive(Default)]
struct Iface {
    origin: Option<Origin>,
    addresses: Vec<String>,
    dhcp: Option<Origin>,
    pppoe: bool,
    rpf: Option<Origin>,
    filter_in: Option<(String, Origin)>,
    disabled: bool,
}

#[derive(Default)]
struct Zone {
    origin: Option<Origin>,
    interfaces: BTreeSet<String>,
    /// Zone-wide `host-inbound-traffic system-services`: (service, except).
    services: Vec<(String, bool, Origin)>,
    /// Per-interface lists, which replace the zone's for that interface.
    iface_services: BTreeMap<String, Vec<(String, bool, Origin)>>,
    screen: Option<String>,
}

#[derive(Default)]
struct FilterTerm {
    bogon_source: bool,
    drops: bool,
}

#[derive(Default)]
struct IkeProposal {
    origin: Option<Origin>,
    method: Option<String>,
    dh: Option<String>,
    auth: Option<String>,
    enc: Option<String>,
}

#[derive(Default)]
struct IkePolicy {
    origin: Option<Origin>,
    mode: Option<(String, Origin)>,
    proposals: Vec<(String, Origin)>,
    set: Option<(String, Origin)>,
    psk: Option<Origin>,
    certificate: Option<Origin>,
}

#[derive(Default)]
struct Gateway {
    origin: Option<Origin>,
    policy: Option<String>,
    address: Option<Origin>,
    dynamic: Option<Origin>,
    group_ike_id: bool,
    xauth: Option<Origin>,
    version: Option<(String, Origin)>,
    external_interface: Option<String>,
}

#[derive(Default)]
struct IpsecProposal {
    protocol: Option<String>,
    auth: Option<String>,
    enc: Option<String>,
}

#[derive(Default)]
struct IpsecPolicy {
    origin: Option<Origin>,
    pfs: Option<(String, Origin)>,
    proposals: Vec<(String, Origin)>,
    set: Option<(String, Origin)>,
}

#[derive(Default)]
struct Vpn {
    origin: Option<Origin>,
    gateway: Option<String>,
    policy: Option<String>,
    /// `bind-interface st0.N`: a route-based VPN; the zone of st0.N is the tunnel's side.
    bind_interface: Option<String>,
}

/// `security policies from-zone A to-zone B policy P`: what NET004 weighs.
#[derive(Default)]
struct ZonePolicy {
    origin: Option<Origin>,
    from: String,
    to: String,
    applications: Vec<String>,
    permit: bool,
}

/// Inserts into a capped map: a hostile file cannot grow it past [`MAX_ITEMS`].
fn entry<'m, V: Default>(m: &'m mut BTreeMap<String, V>, k: &str) -> Option<&'m mut V> {
    if m.len() >= MAX_ITEMS && !m.contains_key(k) {
        return None;
    }
    Some(m.entry(k.to_string()).or_default())
}

impl Config {
    /// One statement (`in_group`: replayed from an applied group).
    fn statement(&mut self, cx: &mut ParseCx, src: &SourceFile, st: &Stmt, in_group: bool) {
        let o = || origin(src, st);
        match st.path {
            ["version", v, ..] => {
                if self.version.is_none() {
                    self.version = Some((v.to_string(), o()));
                }
            }
            ["groups", g, rest @ ..] if !in_group => {
                if self.group_stmts.len() < MAX_ITEMS && !rest.is_empty() {
                    self.group_stmts.push(GroupStmt {
                        group: g.to_string(),
                        path: rest.iter().map(|w| w.to_string()).collect(),
                        start: st.start,
                        end: st.end,
                    });
                }
            }
            ["apply-groups", g] => self.applied_groups.push(g.to_string()),
            ["system", rest @ ..] => self.system(cx, src, st, rest),
            ["snmp", rest @ ..] => self.snmp(src, st, rest),
            ["interfaces", rest @ ..] => self.interface(st, rest, o),
            ["security", rest @ ..] => self.security(cx, src, st, rest),
            ["routing-options", "static", "route", "0.0.0.0/0", "next-hop", hop, ..]
            | ["routing-options", "static", "route", "0.0.0.0/0", "qualified-next-hop", hop, ..] => {
                if self.default_hops.len() < MAX_ITEMS {
                    self.default_hops.push(hop.to_string());
                }
            }
            ["firewall", "family", "inet", "filter", f, "term", t, rest @ ..] | ["firewall", "filter", f, "term", t, rest @ ..] => {
                if let Some(filter) = entry(&mut self.filters, f) {
                    filter.statement(t, rest, o);
                }
                if self.filter_terms.len() < MAX_ITEMS {
                    let term = self.filter_terms.entry((f.to_string(), t.to_string())).or_default();
                    match rest {
                        ["from", "source-address", a, ..] if !rest.contains(&"except") => term.bogon_source |= is_bogon_prefix(a),
                        ["from", "source-prefix-list", l, ..] => term.bogon_source |= l.contains("bogon") || l.contains("martian") || l.contains("rfc1918"),
                        ["then", "discard" | "reject", ..] => term.drops = true,
                        _ => {}
                    }
                }
            }
            ["chassis", "cluster", ..] => {
                self.srx.get_or_insert_with(o);
            }
            // The services card's IPsec (MX, M): its IKE and IPsec proposals and rules are
            // not read. Said once, at its first statement, so the input is partly judged.
            ["services", "ipsec-vpn", ..] => {
                if !std::mem::replace(&mut self.services_ipsec_vpn, true) {
                    cx.unrecognized(src, st.start, "services ipsec-vpn");
                }
            }
            ["poe", ..] | ["ethernet-switching-options", ..] => {
                self.ex.get_or_insert_with(o);
            }
            [first, ..] if KNOWN.contains(first) => {}
            _ => {
                let shown = st.path.join(" ");
                cx.unrecognized(src, st.start, &unrecognized_text(&shown));
            }
        }
    }

    fn system(&mut self, cx: &mut ParseCx, src: &SourceFile, st: &Stmt, rest: &[&str]) {
        let o = || origin(src, st);
        match rest {
            ["host-name", h, ..] => {
                self.hostname.get_or_insert_with(|| h.to_string());
            }
            ["services", svc @ ..] => {
                self.root_ssh_allowed |= matches!(svc, ["ssh", "root-login", "allow", ..]);
                let (key, iface): (&'static str, Option<&str>) = match svc {
                    ["telnet", ..] => ("telnet", None),
                    ["ssh", ..] => ("ssh", None),
                    ["ftp", ..] => ("ftp", None),
                    ["web-management", "http", "interface", i, ..] => ("http", Some(i)),
                    ["web-management", "https", "interface", i, ..] => ("https", Some(i)),
                    ["web-management", "http", ..] => ("http", None),
                    ["web-management", "https", ..] => ("https", None),
                    _ => return,
                };
                let s = self.services.entry(key).or_default();
                s.origin.get_or_insert_with(o);
                if let ["web-management", _, "port", n, ..] = svc {
                    s.port = n.parse().ok();
                }
                if let Some(i) = iface {
                    if s.interfaces.len() < MAX_ITEMS {
                        s.interfaces.push(i.to_string());
                    }
                }
            }
            ["root-authentication", how, value, ..] if is_password_form(how) => {
                let origin = masked(src, st, 3);
                self.root_password.get_or_insert_with(|| origin.clone());
                login_secret(cx, "Junos root-authentication", "root", how, value, origin);
            }
            ["login", "user", name, more @ ..] => {
                let Some(u) = entry(&mut self.users, name) else { return };
                u.origin.get_or_insert_with(o);
                match more {
                    ["class", c, ..] => u.class = Some(c.to_string()),
                    ["authentication", how, value, ..] if is_password_form(how) => {
                        u.password = true;
                        let origin = masked(src, st, 6);
                        login_secret(cx, &format!("Junos login user {name}"), name, how, value, origin);
                    }
                    _ => {}
                }
            }
            ["login", "class", c, "permissions", "all", ..] => {
                self.admin_classes.insert(c.to_string());
            }
            ["authentication-order", m, ..] => self.auth_by_server |= matches!(*m, "radius" | "tacplus"),
            ["ntp", "server", addr, more @ ..] => {
                let key = match more {
                    ["key", k, ..] => Some(k.to_string()),
                    _ => None,
                };
                let Some(server) = entry(&mut self.ntp_servers, addr) else { return };
                server.origin.get_or_insert_with(o);
                server.key = server.key.take().or(key);
            }
            ["ntp", "trusted-key", k, ..] => {
                self.ntp_trusted.insert(k.to_string());
            }
            ["ntp", "authentication-key", id, more @ ..] => {
                if let Some(i) = more.iter().position(|w| *w == "value") {
                    let value = more.get(i + 1).copied().unwrap_or("");
                    let origin = masked(src, st, 4 + i + 1);
                    junos_secret(cx, SecretKind::AuthKey, format!("Junos NTP authentication-key {id}"), value, origin, None);
                }
            }
            ["syslog", "host", host, more @ ..] => {
                let Some(h) = entry(&mut self.syslog_hosts, host) else { return };
                h.origin.get_or_insert_with(o);
                h.tls |= matches!(more, ["transport", "tls", ..]);
            }
            [kind @ ("radius-server" | "tacplus-server"), addr, "secret", value, ..] => {
                let origin = masked(src, st, 4);
                let what = if *kind == "radius-server" { "RADIUS" } else { "TACACS+" };
                junos_secret(cx, SecretKind::AaaServerKey, format!("Junos {what} server {addr}"), value, origin, None);
            }
            _ => {}
        }
    }

    fn snmp(&mut self, src: &SourceFile, st: &Stmt, rest: &[&str]) {
        match rest {
            ["community", name, more @ ..] => {
                let is_new = !self.snmp.contains_key(*name);
                if is_new && self.snmp.len() >= MAX_ITEMS {
                    return;
                }
                let origin = masked(src, st, 2);
                let c = self.snmp.entry(name.to_string()).or_insert_with(|| Community {
                    origin: origin.clone(),
                    read_write: false,
                    clients: Vec::new(),
                    client_list: None,
                });
                match more {
                    ["authorization", a, ..] => c.read_write = *a == "read-write",
                    ["clients", addr] if c.clients.len() < MAX_ITEMS => c.clients.push(addr.to_string()),
                    ["client-list-name", l, ..] => c.client_list = Some(l.to_string()),
                    _ => {}
                }
            }
            ["client-list", l, addr] => {
                if let Some(v) = entry(&mut self.snmp_client_lists, l) {
                    v.push(addr.to_string());
                }
            }
            ["v3", "usm", "local-engine", "user", u, more @ ..] => {
                let origin = masked(src, st, 6);
                let privacy = more.first().is_some_and(|w| w.starts_with("privacy-") && *w != "privacy-none");
                if let Some(e) = entry(&mut self.snmp_v3, u) {
                    e.privacy |= privacy;
                    e.origin.get_or_insert(origin);
                }
            }
            _ => {}
        }
    }

    fn interface(&mut self, st: &Stmt, rest: &[&str], o: impl Fn() -> Origin) {
        let (name, more): (String, &[&str]) = match rest {
            [ifd, "unit", u, more @ ..] => (format!("{ifd}.{u}"), more),
            [ifd, "disable"] => {
                for (n, i) in self.interfaces.iter_mut() {
                    if n.split('.').next() == Some(ifd) {
                        i.disabled = true;
                    }
                }
                return;
            }
            _ => return,
        };
        let _ = st;
        let Some(i) = entry(&mut self.interfaces, &name) else { return };
        i.origin.get_or_insert_with(&o);
        match more {
            ["family", "inet", "address", a, ..] => i.addresses.push(a.to_string()),
            ["family", "inet", "dhcp" | "dhcp-client", ..] => {
                i.dhcp.get_or_insert_with(&o);
            }
            ["family", "inet", "negotiate-address", ..] | ["pppoe-options", ..] => i.pppoe = true,
            ["family", "inet", "rpf-check", ..] => {
                i.rpf.get_or_insert_with(&o);
            }
            ["family", "inet", "filter", "input", f, ..] => i.filter_in = Some((f.to_string(), o())),
            ["disable"] => i.disabled = true,
            _ => {}
        }
        if name == "lo0.0" {
            if let ["family", "inet", "filter", "input", f, ..] = more {
                self.lo0_filter = Some((f.to_string(), o()));
            }
        }
    }

    fn security(&mut self, cx: &mut ParseCx, src: &SourceFile, st: &Stmt, rest: &[&str]) {
        let o = || origin(src, st);
        if matches!(rest.first(), Some(&("zones" | "policies" | "nat" | "flow" | "screen"))) {
            self.srx.get_or_insert_with(o);
        }
        match rest {
            ["zones", "security-zone", z, more @ ..] => {
                let Some(zone) = entry(&mut self.zones, z) else { return };
                zone.origin.get_or_insert_with(o);
                match more {
                    ["interfaces", i, tail @ ..] => {
                        if zone.interfaces.len() < MAX_ITEMS {
                            zone.interfaces.insert(i.to_string());
                        }
                        if let ["host-inbound-traffic", "system-services", s, ex @ ..] = tail {
                            if let Some(list) = entry(&mut zone.iface_services, i) {
                                if list.len() < MAX_SERVICES {
                                    list.push((s.to_string(), ex.first() == Some(&"except"), o()));
                                }
                            }
                        }
                    }
                    ["host-inbound-traffic", "system-services", s, ex @ ..] if zone.services.len() < MAX_SERVICES => {
                        zone.services.push((s.to_string(), ex.first() == Some(&"except"), o()));
                    }
                    ["screen", s, ..] => zone.screen = Some(s.to_string()),
                    _ => {}
                }
            }
            ["log", "stream", _, "host", host, ..] if self.stream_hosts.len() < MAX_ITEMS => {
                self.stream_hosts.entry(host.to_string()).or_insert_with(o);
            }
            ["screen", "ids-option", s, "ip", "spoofing", ..] => {
                self.screens_spoofing.insert(s.to_string());
            }
            ["ike", "proposal", p, more @ ..] => {
                let Some(x) = entry(&mut self.ike_proposals, p) else { return };
                x.origin.get_or_insert_with(o);
                for (k, v) in pairs(more) {
                    match k {
                        "authentication-method" => x.method = Some(v.to_string()),
                        "dh-group" => x.dh = Some(v.to_string()),
                        "authentication-algorithm" => x.auth = Some(v.to_string()),
                        "encryption-algorithm" => x.enc = Some(v.to_string()),
                        _ => {}
                    }
                }
            }
            ["ike", "policy", p, more @ ..] => {
                let Some(x) = entry(&mut self.ike_policies, p) else { return };
                x.origin.get_or_insert_with(o);
                // Everything after `pre-shared-key` is its form and value: masked, and not
                // read for other leaves.
                let psk_at = more.iter().position(|w| *w == "pre-shared-key");
                if let Some(i) = psk_at {
                    let origin = masked(src, st, 4 + i + 2);
                    let value = more.get(i + 2).copied().unwrap_or("");
                    x.psk = Some(origin.clone());
                    junos_secret(cx, SecretKind::IpsecPsk, format!("Junos IKE policy {p}"), value, origin, None);
                }
                let leaves = &more[..psk_at.unwrap_or(more.len())];
                for (k, v) in pairs(leaves) {
                    match k {
                        "mode" => x.mode = Some((v.to_string(), o())),
                        "proposals" => x.proposals.push((v.to_string(), o())),
                        "proposal-set" => x.set = Some((v.to_string(), o())),
                        _ => {}
                    }
                }
                if matches!(more.first(), Some(&("certificate" | "local-certificate"))) {
                    x.certificate.get_or_insert_with(o);
                }
            }
            ["ike", "gateway", g, more @ ..] => {
                let Some(x) = entry(&mut self.gateways, g) else { return };
                x.origin.get_or_insert_with(o);
                match more {
                    ["dynamic", tail @ ..] => {
                        x.dynamic.get_or_insert_with(o);
                        x.group_ike_id |= matches!(tail, ["ike-user-type", "group-ike-id" | "shared-ike-id", ..]);
                    }
                    ["aaa", "access-profile", ..] | ["xauth", "access-profile", ..] => {
                        x.xauth.get_or_insert_with(o);
                    }
                    _ => {
                        for (k, v) in pairs(more) {
                            match k {
                                "ike-policy" => x.policy = Some(v.to_string()),
                                "address" => {
                                    x.address.get_or_insert_with(o);
                                }
                                "version" => x.version = Some((v.to_string(), o())),
                                "external-interface" => x.external_interface = Some(v.to_string()),
                                _ => {}
                            }
                        }
                    }
                }
            }
            ["ipsec", "proposal", p, more @ ..] => {
                let Some(x) = entry(&mut self.ipsec_proposals, p) else { return };
                for (k, v) in pairs(more) {
                    match k {
                        "protocol" => x.protocol = Some(v.to_string()),
                        "authentication-algorithm" => x.auth = Some(v.to_string()),
                        "encryption-algorithm" => x.enc = Some(v.to_string()),
                        _ => {}
                    }
                }
            }
            ["ipsec", "policy", p, more @ ..] => {
                let Some(x) = entry(&mut self.ipsec_policies, p) else { return };
                x.origin.get_or_insert_with(o);
                for (k, v) in pairs(more) {
                    match k {
                        "keys" if more.first() == Some(&"perfect-forward-secrecy") => x.pfs = Some((v.to_string(), o())),
                        "proposals" => x.proposals.push((v.to_string(), o())),
                        "proposal-set" => x.set = Some((v.to_string(), o())),
                        _ => {}
                    }
                }
            }
            ["policies", "from-zone", from, "to-zone", to, "policy", p, more @ ..] => {
                let Some(x) = entry(&mut self.policies, &format!("{from} {to} {p}")) else {
                    return;
                };
                x.origin.get_or_insert_with(o);
                x.from = from.to_string();
                x.to = to.to_string();
                match more {
                    ["match", "application", a, ..] if x.applications.len() < MAX_ITEMS => x.applications.push(a.to_string()),
                    ["then", "permit", ..] => x.permit = true,
                    _ => {}
                }
            }
            ["ipsec", "vpn", v, "bind-interface", i, ..] => {
                if let Some(x) = entry(&mut self.vpns, v) {
                    x.origin.get_or_insert_with(o);
                    x.bind_interface = Some(i.to_string());
                }
            }
            ["ipsec", "vpn", v, more @ ..] => {
                let Some(x) = entry(&mut self.vpns, v) else { return };
                x.origin.get_or_insert_with(o);
                if more.first() == Some(&"ike") {
                    for (k, v) in pairs(more) {
                        match k {
                            "gateway" => x.gateway = Some(v.to_string()),
                            "ipsec-policy" => x.policy = Some(v.to_string()),
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Replays the statements of the groups `apply-groups` names at the top level
    /// (`${node}` of a chassis cluster stands for `node0` and `node1`). Statements of the
    /// configuration itself were read first, so they win where both set one value.
    fn apply_groups(&mut self, cx: &mut ParseCx, src: &SourceFile) {
        let applied: Vec<String> = std::mem::take(&mut self.applied_groups);
        let stmts = std::mem::take(&mut self.group_stmts);
        let is_applied = |g: &str| applied.iter().any(|a| a == g || (a == "${node}" && (g == "node0" || g == "node1")));
        for g in stmts.iter().filter(|g| is_applied(&g.group)) {
            // Wildcard paths (`<*>`) apply to whatever matches them: not modelled.
            if g.path.iter().any(|w| w.starts_with('<')) {
                continue;
            }
            let path: Vec<&str> = g.path.iter().map(String::as_str).collect();
            self.statement(cx, src, &Stmt::new(&path, g.start, g.end), true);
        }
    }
}

/// Each word of `words` with the word after it: the keyword/value pairs of one statement,
/// or of a `set` line that names several leaves of one container at once (`set security ike
/// proposal P dh-group group14 encryption-algorithm aes-256-cbc`, as hand-written
/// configurations do; `display set` prints one leaf a line).
fn pairs<'w>(words: &'w [&'w str]) -> impl Iterator<Item = (&'w str, &'w str)> + 'w {
    words.windows(2).map(|w| (w[0], w[1]))
}

fn is_password_form(how: &str) -> bool {
    matches!(how, "encrypted-password" | "plain-text-password-value")
}

/// A login password as Junos stores it: `encrypted-password` holds a crypt(3) hash
/// (`$1$` MD5, `$5$`/`$6$` SHA-2, `$sha1$` iterated HMAC-SHA1), `plain-text-password-value`
/// the password itself.
fn login_secret(cx: &mut ParseCx, subject: &str, account: &str, how: &str, value: &str, origin: Origin) {
    let (storage, readable) = if how == "plain-text-password-value" {
        (SecretStorage::Plaintext, Some(value))
    } else if value.starts_with("$1$") {
        (SecretStorage::WeakHash, None)
    } else if value.starts_with("$5$") || value.starts_with("$6$") || value.starts_with("$sha1$") {
        (SecretStorage::StrongHash, None)
    } else if crate::model::is_redacted(value) {
        // Given as readable so that the record says it was redacted (and not judged).
        (SecretStorage::Plaintext, Some(value))
    } else {
        (SecretStorage::External, None)
    };
    cx.secret(
        SecretRecord::new(SecretKind::Password, storage, subject, origin)
            .value(readable)
            .account(Some(account)),
    );
}

/// A secret Junos keeps as `$9$...` (reversible: decoded to measure it) or, in a file
/// written by hand, as the value itself.
fn junos_secret(cx: &mut ParseCx, kind: SecretKind, subject: String, value: &str, origin: Origin, account: Option<&str>) {
    if value.starts_with("$8$") {
        // Encrypted under the device's master password (`system master-password`).
        cx.secret(SecretRecord::new(kind, SecretStorage::DeviceEncrypted, subject, origin).account(account));
        return;
    }
    let decoded = value.strip_prefix("$9$").map(decode_9);
    let (storage, readable) = match &decoded {
        Some(Some(v)) => (SecretStorage::Reversible, Some(v.as_str())),
        // A `$9$` text that does not decode: stored reversibly, strength unknown.
        Some(None) => (SecretStorage::Reversible, None),
        None => (SecretStorage::Plaintext, Some(value)),
    };
    cx.secret(SecretRecord::new(kind, storage, subject, origin).value(readable).account(account));
}

/// The alphabet families of Junos `$9$` obfuscation: each character's family says how many
/// filler characters follow the first one.
const FAMILIES: [&str; 4] = ["QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx", "7N-dVbwsY2g4oaJZGUDj", "iHkq.mPf5T"];
/// The gap weights, cycled per decoded character.
const ENCODING: [&[u32]; 7] = [&[1, 4, 32], &[1, 16, 32], &[1, 8, 32], &[1, 64], &[1, 32], &[1, 4, 16, 128], &[1, 32, 64]];

/// Decodes a `$9$` secret (the text after `$9$`): a fixed, published obfuscation, not
/// encryption, so anyone holding the configuration reads the secret. None when the text is
/// not well-formed.
pub fn decode_9(enc: &str) -> Option<String> {
    let alpha: Vec<char> = FAMILIES.concat().chars().collect();
    let pos = |c: char| alpha.iter().position(|&a| a == c);
    let extra = |c: char| FAMILIES.iter().position(|f| f.contains(c)).map(|i| 3 - i);
    let chars: Vec<char> = enc.chars().collect();
    let first = *chars.first()?;
    let toss = extra(first)?;
    let mut at = 1 + toss;
    let mut prev = first;
    let mut out = String::new();
    if at > chars.len() {
        return None;
    }
    while at < chars.len() {
        let weights = ENCODING[out.chars().count() % ENCODING.len()];
        let nibble = chars.get(at..at + weights.len())?;
        at += weights.len();
        let mut n: u32 = 0;
        for (c, w) in nibble.iter().zip(weights.iter()) {
            let gap = (pos(*c)? as i64 - pos(prev)? as i64).rem_euclid(alpha.len() as i64) - 1;
            n += u32::try_from(gap).ok()? * w;
            prev = *c;
        }
        out.push(char::from_u32(n % 256)?);
    }
    Some(out)
}

// Lowering.

struct Lower<'a> {
    cx: &'a mut ParseCx,
    conf: Config,
    dev_origin: Origin,
    /// Interface → the security zone it is in (the first zone naming it).
    iface_zone: BTreeMap<String, String>,
}

/// Interfaces facing outward: named by (interface, the evidence's origin).
type Outward = BTreeMap<String, Origin>;

impl<'a> Lower<'a> {
    fn new(cx: &'a mut ParseCx, src: &SourceFile, conf: Config) -> Self {
        let dev_origin = conf
            .version
            .as_ref()
            .map(|v| v.1.clone())
            .unwrap_or_else(|| src.origin(0, 0).with_evidence("Junos OS configuration"));
        let mut iface_zone = BTreeMap::new();
        for (name, z) in &conf.zones {
            for i in &z.interfaces {
                iface_zone.entry(i.clone()).or_insert_with(|| name.clone());
            }
        }
        Lower {
            cx,
            conf,
            dev_origin,
            iface_zone,
        }
    }

    fn run(mut self) {
        self.device();
        let outward = self.interfaces();
        self.services(&outward);
        self.snmp(&outward);
        self.accounts();
        self.logging();
        self.time();
        self.tunnels();
    }

    fn device(&mut self) {
        let c = &self.conf;
        self.cx.model.device = Some(Device {
            product: "Junos OS".into(),
            hostname: c.hostname.clone(),
            is_network_device: true,
            origin: self.dev_origin.clone(),
            source_routing: None,
        });
        if let Some((v, o)) = &c.version {
            let mut features = Vec::new();
            if c.services.contains_key("http") || c.services.contains_key("https") {
                features.push(Feature::JWeb);
            }
            if c.srx.is_some() || c.ex.is_some() {
                features.push(Feature::ExOrSrx);
            }
            // JSA72300's CVEs each name one platform. SRX branch models can carry switching
            // stanzas too, so SRX markers win and EX needs the switching ones alone.
            if c.srx.is_some() {
                features.push(Feature::SrxSeries);
            } else if c.ex.is_some() {
                features.push(Feature::ExSeries);
            }
            self.cx.model.firmware.push(Firmware {
                product: Product::JunosOs,
                model: None,
                version: v.clone(),
                build: None,
                origin: o.clone(),
                features,
            });
        }
    }

    /// What the permitting policies into or out of a route-based VPN's zone let through:
    /// `any` for `match application any` (shown at a policy from the tunnel's zone where
    /// there is one). None when the interface is in no zone or no policy names that zone.
    fn zone_services(&self, ifname: &str) -> Option<Setting<Vec<String>>> {
        let zone = self.zone_of(ifname)?;
        let mut services = Vec::new();
        let (mut any_in, mut any_at, mut first_at) = (None, None, None);
        for p in self.conf.policies.values().filter(|p| p.permit && (p.from == zone || p.to == zone)) {
            if p.applications.iter().any(|a| a == "any") {
                services.push("any".to_string());
                if p.from == zone {
                    any_in = any_in.or_else(|| p.origin.clone());
                }
                any_at = any_at.or_else(|| p.origin.clone());
            } else {
                services.extend(p.applications.iter().cloned());
            }
            first_at = first_at.or_else(|| p.origin.clone());
        }
        any_in.or(any_at).or(first_at).map(|o| Setting::explicit(services, o))
    }

    /// The zone an interface is in.
    fn zone_of(&self, ifname: &str) -> Option<&str> {
        self.iface_zone.get(ifname).map(String::as_str)
    }

    /// Interfaces into the model; returns those facing outward (a public or carrier
    /// address, PPPoE, the default route's egress, or a zone named `untrust`).
    fn interfaces(&mut self) -> Outward {
        let mut outward = Outward::new();
        let hops: Vec<[u8; 4]> = self.conf.default_hops.iter().filter_map(|h| crate::formats::router_common::ipv4(h)).collect();
        let names: Vec<String> = self.conf.interfaces.keys().cloned().collect();
        for name in &names {
            let i = &self.conf.interfaces[name];
            let origin = i.origin.clone().unwrap_or_else(|| self.dev_origin.clone());
            let public = i.addresses.iter().any(|a| is_public_ipv4(a));
            // The default route's egress faces out on a firewall (SRX); on a switch it leads
            // to the core router inside the hospital, not to the internet.
            let egress = self.conf.srx.is_some() && i.addresses.iter().any(|a| hops.iter().any(|h| in_subnet(*h, a)));
            let zone = self.zone_of(name).map(str::to_string);
            let untrust = zone.as_deref().is_some_and(|z| z.eq_ignore_ascii_case("untrust"));
            let why = if let Some(d) = &i.dhcp {
                Some(d.clone())
            } else if public || egress || i.pppoe {
                Some(origin.clone())
            } else if untrust {
                Some(origin.with_note("zone named untrust: taken as the internet side"))
            } else {
                None
            };
            if let Some(w) = &why {
                outward.insert(name.clone(), w.clone());
            }
        }
        // Every interface of a zone that holds an outward interface faces outward too.
        for z in self.conf.zones.values() {
            if let Some(o) = z.interfaces.iter().find_map(|i| outward.get(i).cloned()) {
                for i in &z.interfaces {
                    outward.entry(i.clone()).or_insert_with(|| o.clone());
                }
            }
        }
        for name in names {
            let i = &self.conf.interfaces[&name];
            let origin = i.origin.clone().unwrap_or_else(|| self.dev_origin.clone());
            let zone_name = self.zone_of(&name);
            let tunnel = ["st0", "gr-", "ip-", "lt-"].iter().any(|p| name.starts_with(p));
            let zone = if tunnel {
                InterfaceZone::Tunnel
            } else if outward.contains_key(&name) {
                InterfaceZone::External
            } else if zone_name.is_some() {
                InterfaceZone::Internal
            } else {
                InterfaceZone::Unknown
            };
            let screen_spoof = zone_name
                .and_then(|z| self.conf.zones.get(z))
                .and_then(|z| z.screen.as_ref())
                .is_some_and(|s| self.conf.screens_spoofing.contains(s));
            let anti = match &i.rpf {
                Some(o) => Setting::explicit(true, o.clone()),
                None if screen_spoof => Setting::explicit(true, origin.clone()),
                None => Setting::default_at(false, origin.with_note("no rpf-check")),
            };
            let (inbound, bogon) = match &i.filter_in {
                Some((f, o)) => {
                    let drops_bogons = self.conf.filter_terms.iter().any(|((n, _), t)| n == f && t.bogon_source && t.drops);
                    (Setting::explicit(true, o.clone()), Setting::explicit(drops_bogons, o.clone()))
                }
                None => {
                    let d = origin.with_note("no filter input");
                    (Setting::default_at(false, d.clone()), Setting::default_at(false, d))
                }
            };
            let iface = Interface {
                name: name.clone(),
                origin: match outward.get(&name) {
                    Some(o) if zone == InterfaceZone::External => o.clone(),
                    _ => origin,
                },
                zone,
                enabled: !i.disabled,
                anti_spoofing: Some(anti),
                bogon_filter: Some(bogon),
                inbound_filter: Some(inbound),
                addresses: i.addresses.clone(),
            };
            self.cx.model.interfaces.push(iface);
        }
        outward
    }

    /// From where `service` (a `host-inbound-traffic system-services` name) answers,
    /// given the interfaces it listens on (`only`, empty for all).
    fn reach(&self, service: &str, port: Option<u16>, only: &[String], svc_origin: &Origin, outward: &Outward) -> Setting<Reachability> {
        // Without a filter on lo0 every source reaches the routing engine; with one, its
        // terms decide (a term that accepts from any source leaves the service open).
        let mut unfiltered = svc_origin.with_note(crate::i18n::notes::Note::absent("lo0 filter input"));
        if let Some((f, o)) = &self.conf.lo0_filter {
            match self.conf.filters.get(f).map(|filter| filter.reach(service, port)) {
                // Not in this file: said by a diagnostic where the filter is applied.
                None => return Setting::explicit(Reachability::Restricted(vec![format!("lo0 filter input {f}")]), o.clone()),
                Some(filter::FilterReach::Sources(sources)) => return Setting::explicit(Reachability::Restricted(sources), o.clone()),
                Some(filter::FilterReach::Open(t)) => {
                    let at = t.origin.as_ref().unwrap_or(o);
                    unfiltered = at.with_note(crate::i18n::notes::Note::FilterTermOpen {
                        filter: f.as_str().into(),
                        term: t.name.as_str().into(),
                    });
                }
            }
        }
        let listens = |i: &str| only.is_empty() || only.iter().any(|x| x == i);
        if self.conf.srx.is_some() {
            // SRX: the zones' host-inbound-traffic decides; an interface's own list replaces
            // its zone's.
            let mut allowed: Vec<(String, Origin)> = Vec::new();
            for z in self.conf.zones.values() {
                for i in z.interfaces.iter().filter(|i| listens(i)) {
                    let list = z.iface_services.get(i).unwrap_or(&z.services);
                    if let Some(o) = allows(list, service) {
                        allowed.push((i.clone(), o));
                    }
                }
            }
            if let Some((i, o)) = allowed.iter().find(|(i, _)| outward.contains_key(i)) {
                return Setting::explicit(Reachability::External(i.clone()), o.clone());
            }
            return match allowed.first() {
                Some((_, o)) => Setting::explicit(
                    Reachability::Internal(allowed.iter().map(|a| a.0.as_str()).collect::<Vec<_>>().join(" ")),
                    o.clone(),
                ),
                // No zone lets it in: it answers only on the out-of-band management port,
                // the maintenance network by Juniper's design, not an inside zone's PCs.
                None => Setting::explicit(
                    Reachability::Restricted(vec!["fxp0".into()]),
                    svc_origin.with_note(format!("no host-inbound-traffic system-services {service}")),
                ),
            };
        }
        if let Some((i, _)) = outward.iter().find(|(i, _)| listens(i)) {
            return Setting::explicit(Reachability::External(i.clone()), unfiltered);
        }
        Setting::explicit(Reachability::Unrestricted, unfiltered)
    }

    fn services(&mut self, outward: &Outward) {
        for (key, proto, subject) in [
            ("telnet", MgmtProtocol::Telnet, "Junos telnet"),
            ("ftp", MgmtProtocol::Ftp, "Junos ftp"),
            ("ssh", MgmtProtocol::Ssh, "Junos ssh"),
            ("http", MgmtProtocol::Http, "Junos J-Web http"),
            ("https", MgmtProtocol::Https, "Junos J-Web https"),
        ] {
            let Some(s) = self.conf.services.get(key) else { continue };
            let origin = s.origin.clone().unwrap_or_else(|| self.dev_origin.clone());
            let reach = self.reach(key, s.port, &s.interfaces, &origin, outward);
            self.cx.model.mgmt_services.push(MgmtService {
                subject: subject.to_string(),
                protocol: proto,
                origin: origin.clone(),
                enabled: Setting::explicit(true, origin),
                reachable_from: reach,
                version: None,
                strong_auth: None,
            });
        }
    }

    fn snmp(&mut self, outward: &Outward) {
        let communities = std::mem::take(&mut self.conf.snmp);
        for (name, c) in communities {
            let subject = format!("Junos SNMP community ({})", if c.read_write { "read-write" } else { "read-only" });
            self.cx.secret(
                SecretRecord::new(SecretKind::SnmpCommunity, SecretStorage::Plaintext, subject.clone(), c.origin.clone())
                    .value(Some(name.as_str()))
                    .read_write(c.read_write),
            );
            let mut clients: Vec<String> = c.clients.iter().filter(|x| !x.ends_with("restrict")).cloned().collect();
            if let Some(l) = c.client_list.as_ref().and_then(|l| self.conf.snmp_client_lists.get(l)) {
                clients.extend(l.iter().cloned());
            }
            let reach = if clients.is_empty() || clients.iter().any(|x| x == "0.0.0.0/0") {
                self.reach("snmp", None, &[], &c.origin, outward)
            } else {
                Setting::explicit(Reachability::Restricted(clients), c.origin.clone())
            };
            self.cx.model.mgmt_services.push(MgmtService {
                subject,
                protocol: MgmtProtocol::Snmp,
                origin: c.origin.clone(),
                enabled: Setting::explicit(true, c.origin.clone()),
                reachable_from: reach,
                version: Some(Setting::explicit(2, c.origin.clone())),
                strong_auth: Some(Setting::explicit(false, c.origin)),
            });
        }
        for (user, SnmpV3User { privacy, origin }) in std::mem::take(&mut self.conf.snmp_v3) {
            let o = origin.unwrap_or_else(|| self.dev_origin.clone());
            let reach = self.reach("snmp", None, &[], &o, outward);
            self.cx.model.mgmt_services.push(MgmtService {
                subject: format!("Junos SNMPv3 user {user}"),
                protocol: MgmtProtocol::Snmp,
                origin: o.clone(),
                enabled: Setting::explicit(true, o.clone()),
                reachable_from: reach,
                version: Some(Setting::explicit(3, o.clone())),
                strong_auth: Some(Setting::explicit(privacy, o)),
            });
        }
    }

    /// Login users: administrators are class `super-user` or a class with `permissions
    /// all`. Without RADIUS or TACACS+ in `authentication-order`, a password user logs in
    /// with its password alone.
    fn accounts(&mut self) {
        // root with a password that `root-login allow` opens to SSH: an administrator who
        // logs in with that password alone (Junos's default for `root-login` differs
        // between releases, so only the written `allow` is judged).
        if let Some(pw) = self.conf.root_password.take().filter(|_| self.conf.root_ssh_allowed) {
            let second_factor = (!self.conf.auth_by_server)
                .then(|| Setting::default_at(false, pw.with_note("no system authentication-order radius/tacplus: local password only")));
            self.cx.model.accounts.push(Account {
                name: "root".into(),
                origin: pw,
                admin: true,
                remote_access: false,
                default_name: false,
                second_factor,
                trusted_hosts: None,
            });
        }
        for (name, u) in std::mem::take(&mut self.conf.users) {
            let origin = u.origin.unwrap_or_else(|| self.dev_origin.clone());
            let admin = u.class.as_deref().is_some_and(|c| c == "super-user" || self.conf.admin_classes.contains(c));
            let second_factor = (admin && u.password && !self.conf.auth_by_server)
                .then(|| Setting::default_at(false, origin.with_note("no system authentication-order radius/tacplus: local password only")));
            self.cx.model.accounts.push(Account {
                name,
                origin,
                admin,
                remote_access: false,
                default_name: false,
                second_factor,
                trusted_hosts: None,
            });
        }
    }

    /// Remote syslog (`system syslog host`) and SRX security-log streams.
    fn logging(&mut self) {
        for (host, h) in std::mem::take(&mut self.conf.syslog_hosts) {
            self.cx.model.log_targets.push(LogTarget {
                origin: h.origin.unwrap_or_else(|| self.dev_origin.clone()),
                destination: format!("syslog {host}"),
                remote: true,
                encrypted: h.tls,
            });
        }
        for (host, origin) in std::mem::take(&mut self.conf.stream_hosts) {
            self.cx.model.log_targets.push(LogTarget {
                origin,
                destination: format!("security log stream {host}"),
                remote: true,
                encrypted: false,
            });
        }
    }

    /// NTP servers; one is authenticated when its `key` is a `trusted-key`.
    fn time(&mut self) {
        for (server, n) in std::mem::take(&mut self.conf.ntp_servers) {
            let authenticated = n.key.is_some_and(|k| self.conf.ntp_trusted.contains(&k));
            let origin = n.origin.unwrap_or_else(|| self.dev_origin.clone());
            self.cx.model.time_sources.push(TimeSource { origin, server, authenticated });
        }
    }

    /// One tunnel per `security ipsec vpn`, and one per IKE gateway no VPN uses.
    fn tunnels(&mut self) {
        let mut used = BTreeSet::new();
        let vpns = std::mem::take(&mut self.conf.vpns);
        for (name, v) in &vpns {
            if let Some(g) = &v.gateway {
                used.insert(g.clone());
            }
            let origin = v.origin.clone().unwrap_or_else(|| self.dev_origin.clone());
            let mut t = self.tunnel(format!("Junos IPsec VPN {name}"), v.gateway.as_deref(), v.policy.as_deref(), origin);
            t.allowed_services = v.bind_interface.as_deref().and_then(|i| self.zone_services(i));
            self.cx.model.vpn_tunnels.push(t);
        }
        let gws: Vec<(String, Origin)> = self
            .conf
            .gateways
            .iter()
            .filter(|(g, _)| !used.contains(*g))
            .map(|(g, x)| (g.clone(), x.origin.clone().unwrap_or_else(|| self.dev_origin.clone())))
            .collect();
        for (g, origin) in gws {
            let t = self.tunnel(format!("Junos IKE gateway {g}"), Some(&g), None, origin);
            self.cx.model.vpn_tunnels.push(t);
        }
    }

    fn tunnel(&self, subject: String, gw: Option<&str>, policy: Option<&str>, block: Origin) -> VpnTunnel {
        let g = gw.and_then(|g| self.conf.gateways.get(g));
        let remote_access = g.is_some_and(|g| g.group_ike_id || g.xauth.is_some());
        let mut t = VpnTunnel::new(
            subject,
            VpnKind::Ipsec,
            if remote_access { VpnUse::RemoteAccess } else { VpnUse::SiteToSite },
            if remote_access { VpnRole::Server } else { VpnRole::Peer },
            block.clone(),
        );
        let Some(g) = g else { return t };
        let gblock = g.origin.clone().unwrap_or_else(|| block.clone());
        t.ike_version = Some(match &g.version {
            Some((v, o)) => Setting::explicit(if v == "v2-only" { 2 } else { 1 }, o.clone()),
            None => Setting::default_at(1, gblock.with_note(crate::i18n::notes::Note::not_set_value("version", "IKEv1"))),
        });
        t.peer_restricted = Some(match (&g.address, &g.dynamic) {
            (Some(o), _) => Setting::explicit(true, o.clone()),
            (None, Some(o)) => Setting::explicit(false, o.clone()),
            (None, None) => Setting::default_at(false, gblock.with_note("no address")),
        });
        if remote_access {
            let o = g.xauth.clone().or(g.dynamic.clone()).unwrap_or_else(|| gblock.clone());
            t.second_factor = Some(Setting::default_at(false, o.with_note("user name and password only")));
        }
        let pol = g.policy.as_deref().and_then(|p| self.conf.ike_policies.get(p));
        if let Some(p) = pol {
            let pblock = p.origin.clone().unwrap_or_else(|| gblock.clone());
            t.aggressive = Some(match &p.mode {
                Some((m, o)) => Setting::explicit(m == "aggressive", o.clone()),
                None => Setting::default_at(false, pblock.with_note("mode not set: default main")),
            });
            let (props, methods, origin) = self.ike_proposals(p, &pblock);
            if !props.is_empty() {
                t.ike_proposals = Some(Setting::explicit(props, origin));
            }
            let cert = methods.iter().any(|m| m.contains("signature") || m == "certificates") || (p.psk.is_none() && p.certificate.is_some());
            let auth = match (&p.psk, cert) {
                (_, true) => Some(Setting::explicit(
                    AuthMethod::Certificate,
                    p.certificate.clone().unwrap_or_else(|| pblock.clone()),
                )),
                (Some(o), false) => Some(Setting::explicit(AuthMethod::Psk, o.clone())),
                (None, false) if methods.iter().any(|m| m == "pre-shared-keys") => Some(Setting::explicit(AuthMethod::Psk, pblock.clone())),
                _ => None,
            };
            t.local_auth = auth.clone();
            t.remote_auth = auth;
        }
        if let Some(ip) = policy.and_then(|p| self.conf.ipsec_policies.get(p)) {
            let iblock = ip.origin.clone().unwrap_or_else(|| block.clone());
            let (mut props, set_pfs, origin) = self.ipsec_proposals(ip, &iblock);
            let pfs_group = ip.pfs.as_ref().and_then(|(g, _)| dh_name(g));
            if let Some(g) = &pfs_group {
                for p in props.iter_mut() {
                    p.dh_groups = vec![g.to_string()];
                }
            }
            t.pfs = Some(match (&ip.pfs, set_pfs) {
                (Some((_, o)), _) => Setting::explicit(true, o.clone()),
                (None, Some(o)) => Setting::explicit(true, o),
                (None, None) => Setting::default_at(false, iblock.with_note("no perfect-forward-secrecy")),
            });
            if !props.is_empty() {
                t.child_proposals = Some(Setting::explicit(props, origin));
            }
        }
        t
    }

    /// The IKE proposals of a policy (named, or a predefined `proposal-set`), their
    /// authentication methods, and the line they come from.
    fn ike_proposals(&self, p: &IkePolicy, block: &Origin) -> (Vec<Proposal>, Vec<String>, Origin) {
        if let Some((set, o)) = &p.set {
            let (props, method) = ike_proposal_set(set);
            return (props, vec![method.to_string()], o.clone());
        }
        let mut out = Vec::new();
        let mut methods = Vec::new();
        for (name, _) in &p.proposals {
            if let Some(x) = self.conf.ike_proposals.get(name) {
                let mut prop = Proposal::default();
                if let Some(e) = x.enc.as_deref().and_then(enc_name) {
                    prop.encryption.push(e);
                }
                if let Some(a) = x.auth.as_deref().map(hash_name) {
                    prop.prf.push(format!("prf{a}"));
                    prop.integrity.push(a);
                }
                if let Some(g) = x.dh.as_deref().and_then(dh_name) {
                    prop.dh_groups.push(g.to_string());
                }
                if let Some(m) = &x.method {
                    methods.push(m.clone());
                }
                out.push(prop);
            }
        }
        let origin = p
            .proposals
            .first()
            .and_then(|(n, _)| self.conf.ike_proposals.get(n).and_then(|x| x.origin.clone()))
            .unwrap_or_else(|| block.clone());
        (out, methods, origin)
    }

    /// The ESP/AH proposals of an IPsec policy, the origin of PFS a proposal set carries,
    /// and the line they come from.
    fn ipsec_proposals(&self, p: &IpsecPolicy, block: &Origin) -> (Vec<Proposal>, Option<Origin>, Origin) {
        if let Some((set, o)) = &p.set {
            let (props, pfs) = ipsec_proposal_set(set);
            return (props, pfs.then(|| o.clone()), o.clone());
        }
        let mut out = Vec::new();
        for (name, _) in &p.proposals {
            if let Some(x) = self.conf.ipsec_proposals.get(name) {
                let mut prop = Proposal::default();
                if x.protocol.as_deref() == Some("ah") {
                    prop.encryption.push("null".into());
                } else if let Some(e) = x.enc.as_deref().and_then(enc_name) {
                    prop.encryption.push(e);
                }
                match x.auth.as_deref() {
                    Some(a) => prop.integrity.push(hash_name(a)),
                    None if prop.encryption.iter().any(|e| Cipher::of(e).is_aead()) => prop.integrity.push("none".into()),
                    None => {}
                }
                out.push(prop);
            }
        }
        let origin = p.proposals.first().map_or_else(|| block.clone(), |(_, o)| o.clone());
        (out, None, origin)
    }
}

/// Whether a `system-services` list lets `service` in: named without `except`, or `all`
/// without `service except`. Returns the line that lets it in.
fn allows(list: &[(String, bool, Origin)], service: &str) -> Option<Origin> {
    let excepted = list.iter().any(|(s, ex, _)| s == service && *ex);
    if excepted {
        return None;
    }
    list.iter()
        .find(|(s, ex, _)| !ex && s == service)
        .or_else(|| list.iter().find(|(s, ex, _)| !ex && s == "all"))
        .map(|(_, _, o)| o.clone())
}

fn in_subnet(hop: [u8; 4], addr: &str) -> bool {
    let Some((a, len)) = addr.split_once('/') else { return false };
    let (Some(a), Ok(len)) = (crate::formats::router_common::ipv4(a), len.parse::<u32>()) else {
        return false;
    };
    if len == 0 || len > 32 {
        return false;
    }
    let mask = u32::MAX << (32 - len);
    (u32::from_be_bytes(a) & mask) == (u32::from_be_bytes(hop) & mask)
}

/// Junos encryption-algorithm names → the proposal vocabulary.
fn enc_name(e: &str) -> Option<String> {
    Some(
        match e {
            "des-cbc" => "des",
            "3des-cbc" => "3des",
            "aes-128-cbc" => "aes128",
            "aes-192-cbc" => "aes192",
            "aes-256-cbc" => "aes256",
            "aes-128-gcm" => "aes128gcm16",
            "aes-192-gcm" => "aes192gcm16",
            "aes-256-gcm" => "aes256gcm16",
            "chacha20-poly1305" => "chacha20poly1305",
            _ => return None,
        }
        .to_string(),
    )
}

/// Junos authentication-algorithm names (IKE `sha-256`, IPsec `hmac-sha-256-128`) → the
/// vocabulary.
fn hash_name(a: &str) -> String {
    let a = a.strip_prefix("hmac-").unwrap_or(a);
    if a.starts_with("md5") {
        "md5"
    } else if a.starts_with("sha1") || a == "sha-1" || a.starts_with("sha1-") {
        "sha1"
    } else if a.starts_with("sha-256") || a.starts_with("sha256") {
        "sha256"
    } else if a.starts_with("sha-384") || a.starts_with("sha384") {
        "sha384"
    } else if a.starts_with("sha-512") || a.starts_with("sha512") {
        "sha512"
    } else {
        return a.to_string();
    }
    .to_string()
}

/// `group14` → `modp2048`.
fn dh_name(g: &str) -> Option<&'static str> {
    g.strip_prefix("group").and_then(|n| n.parse().ok()).and_then(dh_group_number)
}

fn prop(enc: &str, hash: &str, dh: &str) -> Proposal {
    Proposal {
        encryption: vec![enc.into()],
        integrity: vec![hash.into()],
        prf: if hash == "none" { vec![] } else { vec![format!("prf{hash}")] },
        dh_groups: if dh.is_empty() { vec![] } else { vec![dh.into()] },
    }
}

/// The predefined IKE proposal sets (`proposal-set`), as the Junos documentation lists
/// them (docs/vendor-defaults.md), and their authentication method.
fn ike_proposal_set(set: &str) -> (Vec<Proposal>, &'static str) {
    let props = match set {
        "basic" => vec![prop("des", "sha1", "modp768"), prop("3des", "sha1", "modp768")],
        "compatible" => vec![
            prop("3des", "sha1", "modp1024"),
            prop("aes128", "sha1", "modp1024"),
            prop("des", "sha1", "modp1024"),
        ],
        "standard" => vec![prop("aes128", "sha1", "modp1024"), prop("3des", "sha1", "modp1024")],
        "suiteb-gcm-128" | "prime-128" => vec![prop("aes128gcm16", "sha256", "ecp256")],
        "suiteb-gcm-256" | "prime-256" => vec![prop("aes256gcm16", "sha384", "ecp384")],
        _ => vec![],
    };
    let method = if set.starts_with("suiteb") { "ecdsa-signatures" } else { "pre-shared-keys" };
    (props, method)
}

/// The predefined IPsec proposal sets, and whether they carry PFS.
fn ipsec_proposal_set(set: &str) -> (Vec<Proposal>, bool) {
    let esp = |enc: &str, hash: &str, dh: &str| prop(enc, hash, dh);
    match set {
        "basic" => (vec![esp("des", "sha1", ""), esp("des", "md5", "")], false),
        "compatible" => (
            vec![esp("3des", "sha1", ""), esp("3des", "md5", ""), esp("des", "sha1", ""), esp("des", "md5", "")],
            false,
        ),
        "standard" => (vec![esp("3des", "sha1", "modp1024"), esp("aes128", "sha1", "modp1024")], true),
        "suiteb-gcm-128" | "prime-128" => (vec![esp("aes128gcm16", "none", "ecp256")], true),
        "suiteb-gcm-256" | "prime-256" => (vec![esp("aes256gcm16", "none", "ecp384")], true),
        _ => (vec![], false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the published `$9$` algorithm: `$9$LbHX-wg4Z` is `lc`.
    #[test]
    fn dollar9_decodes_the_published_example() {
        assert_eq!(decode_9("LbHX-wg4Z").as_deref(), Some("lc"));
        assert_eq!(decode_9(""), None);
        assert_eq!(decode_9("#"), None);
    }
}
