//! Palo Alto PAN-OS: the running configuration as XML (`show config running` in XML, an
//! exported `running-config.xml`, or an XML API `<response><result><config>`), or as `set`
//! commands (`set cli config-output-format set`, then `show`). One format: the parser tells
//! the two apart by the first character.
//!
//! Both are the same tree: **read** turns either into statements in set form (`Stmt`: the
//! words from the top of the tree down to a value; an XML `<entry name="X">` is the word X, a
//! `<member>` its text, `[ a b ]` one statement per member), with the device, template and
//! vsys prefixes stripped (`config devices localhost.localdomain`, `vsys vsys1`, `shared`,
//! Panorama `template T config devices D`); **collect** gathers what the statements say into
//! named structs (`Config`); **lower** turns those into the model section by section.
//!
//! Defaults where the config shows nothing (sources in docs/vendor-defaults.md; [V] read in
//! Palo Alto's documentation, [K] unconfirmed and kept at the value that reports the weaker
//! setup): IKE gateway `protocol version` ikev1 [K]; IKEv1 `exchange-mode` auto, which
//! answers both main and aggressive mode [K]; `ike-crypto-profile` / `ipsec-crypto-profile`
//! "default" [V]; crypto profile `dh-group` group2 [V] (IKE; the IPsec profile [K]); SSL/TLS
//! service profile `min-version` tls1-0 [K] and `max-version` max [K]; a GlobalProtect
//! gateway without access routes tunnels everything [V]; the management port answers HTTPS
//! and SSH unless `disable-https` / `disable-ssh` [K], and any source unless `permitted-ip`
//! [K]. Telnet and HTTP on the management port are judged only where the config says
//! `disable-telnet no` / `disable-http no` (the factory configuration disables both [K]):
//! the one default not kept at the weaker value, as docs/vendor-defaults.md says.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::router_common::{dh_group_number, is_any_address, is_public_ipv4, placeholder_value, unrecognized_text};
use crate::formats::xml;
use crate::formats::{lex, ParseCx, SecretRecord};
use crate::i18n::notes::Note;
use crate::model::*;
use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::sync::Arc;

/// More statements than this are not read (a hostile file); a diagnostic says so.
const MAX_STMTS: usize = 400_000;
/// IKE gateways and GlobalProtect portals/gateways lowered at most.
const MAX_TUNNELS: usize = 4096;

/// Top-level words of PAN-OS configuration trees (after the device/vsys prefixes). Others
/// are counted unrecognised.
const KNOWN: &[&str] = &[
    "deviceconfig",
    "network",
    "mgt-config",
    "zone",
    "rulebase",
    "address",
    "address-group",
    "service",
    "service-group",
    "application",
    "application-group",
    "application-filter",
    "application-status",
    "application-tag",
    "profiles",
    "profile-group",
    "log-settings",
    "ssl-tls-service-profile",
    "certificate",
    "certificate-profile",
    "authentication-profile",
    "authentication-sequence",
    "server-profile",
    "global-protect",
    "import",
    "tag",
    "reports",
    "report-group",
    "pdf-summary-report",
    "email-scheduler",
    "response-page",
    "threats",
    "external-list",
    "schedule",
    "region",
    "admin-role",
    "local-user-database",
    "user-id-collector",
    "ocsp-responder",
    "ssl-decrypt",
    "content-preview",
    "botnet",
    "authentication-object",
    "dynamic-user-group",
    "display-name",
    "setting",
    "scep",
    "ca-settings",
    "alg-override",
    "dns-proxy",
    "captive-portal",
    "user-id-agent",
    "ts-agent",
    "redistribution-agent",
    "group-mapping",
    "cert-prof",
    "devices",
    "device-group",
    "template",
    "template-stack",
    "panorama",
    "log-collector",
    "log-collector-group",
    "readonly",
    "policy",
    "shared",
    "vsys",
    "config",
    "system",
    "route",
    "url-admin-override",
    "credential-collection",
    "hip-objects",
    "hip-profiles",
    "mobile-device",
    "saml-idp",
    "cloud-identity-engine",
    "decryption-profile",
    "sdwan",
    "ldap-profile",
];

/// Leaf names whose value is a secret: masked in evidence.
const SECRET_LEAVES: &[&str] = &[
    "phash",
    "password",
    "key",
    "secret",
    "snmp-community-string",
    "community",
    "authpwd",
    "privpwd",
    "bind-password",
    "passphrase",
    "private-key",
    "shared-secret",
    "password-hash",
    "api-key",
    "auth-password",
    "priv-password",
];

/// Leaf names that look like secret keywords but name algorithms or references.
const NOT_SECRET: &[&str] = &[
    "hash",
    "authentication",
    "authentication-type",
    "authentication-profile",
    "auth-algo",
    "authentication-modifier",
];

/// One statement in set form.
struct Stmt {
    /// Every word as written (XML: element names, entry names, the leaf text).
    words: Vec<String>,
    /// Where the statement's own path starts in `words` (after the device/vsys prefix).
    from: usize,
    start: usize,
    end: usize,
    /// Read from XML (not a `set` line).
    xml: bool,
}

impl Stmt {
    fn path(&self) -> &[String] {
        self.words.get(self.from..).unwrap_or(&[])
    }

    /// The statement as a `set` command, with every secret value masked: a `set` line as
    /// written, an XML leaf by its own path (the device/vsys prefix left out).
    fn evidence(&self) -> String {
        let words = if self.xml { self.path() } else { &self.words[..] };
        format!("set {}", masked(words))
    }

    fn origin(&self, src: &SourceFile) -> Origin {
        src.origin_showing(self.start, self.end, &crate::formats::evidence_text(&self.evidence()))
    }
}

/// The words joined, values after a secret leaf masked.
fn masked(words: &[String]) -> String {
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut masking = false;
    for (i, w) in words.iter().enumerate() {
        if masking {
            out.push(SECRET_MASK);
            continue;
        }
        out.push(w.as_str());
        let last_value = i + 2 == words.len();
        if SECRET_LEAVES.contains(&w.as_str()) || (last_value && is_secret_keyword(w) && !NOT_SECRET.iter().any(|n| w.starts_with(n))) {
            masking = true;
        }
    }
    out.join(" ")
}

/// Reads one `panos` file into the model.
pub fn parse(cx: &mut ParseCx, src: &Arc<SourceFile>) {
    let src: &SourceFile = src;
    let mut read = if is_xml(&src.text) { read_xml(cx, src) } else { read_set(cx, src) };
    for s in &mut read.stmts {
        s.from = prefix_len(&s.words);
    }
    let conf = collect(cx, src, &read);
    Lower::new(cx, src, conf, read.version).run();
}

/// XML when a line starting with `<` comes before any `set` line: a capture of `show config
/// running` may begin with the CLI prompt.
fn is_xml(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with('<') || l.starts_with("set "))
        .is_some_and(|l| l.starts_with('<'))
}

/// What reading found: the statements, and the release the file names.
struct Read {
    stmts: Vec<Stmt>,
    version: Option<VersionSeen>,
}

/// Where the release comes from.
struct VersionSeen {
    version: String,
    /// True when only the configuration schema (`<config version="10.2.0">`) names it: the
    /// release train, not the maintenance release.
    train_only: bool,
    origin: Origin,
}

/// Words of the device/template/vsys prefix in front of a statement's own path.
fn prefix_len(w: &[String]) -> usize {
    let mut i = 0;
    let mut guard = 0;
    while guard < 8 {
        guard += 1;
        let rest = w.get(i..).unwrap_or(&[]);
        let n = match rest.first().map(String::as_str) {
            Some("config") => 1,
            Some("devices") if rest.len() > 2 => 2,
            Some("template" | "template-stack" | "vsys") if rest.len() > 2 => 2,
            Some("shared") if rest.len() > 1 => 1,
            _ => 0,
        };
        if n == 0 {
            break;
        }
        i += n;
    }
    i
}

fn read_xml(cx: &mut ParseCx, src: &SourceFile) -> Read {
    let doc = xml::parse(&src.text);
    for e in doc.errors.iter().take(20) {
        cx.diag(DiagLevel::Error, src, e.offset, DiagKind::Syntax { detail: e.detail.clone() });
    }
    let mut read = Read {
        stmts: Vec::new(),
        version: None,
    };
    // `show system info` in XML (or an API answer) names the exact release.
    if let Some(e) = doc.elements.iter().find(|e| e.local == "sw-version" && !e.text.is_empty()) {
        read.version = Some(VersionSeen {
            version: e.text.clone(),
            train_only: false,
            origin: src.origin_showing(e.start, e.end, &crate::formats::evidence_text(&format!("<sw-version>{}</sw-version>", e.text))),
        });
    }
    let Some(root) = doc.elements.iter().position(|e| e.local == "config") else {
        if doc.errors.is_empty() {
            cx.diag(
                DiagLevel::Error,
                src,
                0,
                DiagKind::Syntax {
                    detail: "no <config> element".into(),
                },
            );
        }
        return read;
    };
    let attr = |i: usize, name: &str| doc.elements[i].attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    if read.version.is_none() {
        let e = &doc.elements[root];
        let tag_end = src.text.get(e.start..).and_then(|t| t.find('>')).map_or(e.start, |n| e.start + n + 1);
        if let Some(v) = attr(root, "detail-version") {
            let o = src.origin_showing(e.start, tag_end, &format!("<config detail-version=\"{}\">", crate::formats::evidence_text(&v)));
            read.version = Some(VersionSeen {
                version: v,
                train_only: false,
                origin: o,
            });
        } else if let Some(v) = attr(root, "version") {
            // The schema is named for its feature release ("10.2.0"): the train.
            let train: Vec<&str> = v.split('.').take(2).collect();
            let o = src.origin_showing(e.start, tag_end, &format!("<config version=\"{}\">", crate::formats::evidence_text(&v)));
            read.version = Some(VersionSeen {
                version: train.join("."),
                train_only: true,
                origin: o,
            });
        }
    }
    let mut has_child = vec![false; doc.elements.len()];
    for e in &doc.elements {
        if let Some(p) = e.parent {
            has_child[p] = true;
        }
    }
    for (i, e) in doc.elements.iter().enumerate().skip(root + 1) {
        if has_child[i] || !doc.within(i, root) {
            continue;
        }
        if read.stmts.len() >= MAX_STMTS {
            too_many(cx, src, e.start);
            break;
        }
        let mut words = Vec::new();
        let mut cur = e.parent;
        let mut guard = 0;
        while let Some(c) = cur.filter(|&c| c != root) {
            words.push(element_word(&doc.elements[c]));
            cur = doc.elements[c].parent;
            guard += 1;
            if guard > xml::MAX_DEPTH {
                break;
            }
        }
        words.reverse();
        if e.local == "member" {
            words.push(e.text.clone());
        } else {
            words.push(element_word(e));
            if !e.text.is_empty() {
                words.push(e.text.clone());
            }
        }
        read.stmts.push(Stmt {
            words,
            from: 0,
            start: e.start,
            end: e.end,
            xml: true,
        });
    }
    read
}

/// An element's word in set form: an `<entry name="X">` is X.
fn element_word(e: &xml::Element) -> String {
    if e.local == "entry" {
        if let Some((_, v)) = e.attrs.iter().find(|(k, _)| k == "name") {
            return v.clone();
        }
    }
    e.local.clone()
}

const SET_SYNTAX: lex::Syntax = lex::Syntax {
    quotes: lex::Quotes::Whole,
    comment: lex::Comment::None,
};

/// A template placeholder written with spaces (`{{ remote_wan_ip }}`, as Ansible and Jinja
/// templates write them) is one value, not three words: `peer-address ip {{ remote_wan_ip }}`
/// names the peer, and reading `{{` as the address (or the line as too long to match) made
/// the gateway look as if it accepted any peer.
fn join_placeholders(words: Vec<String>) -> Vec<String> {
    if !words.iter().any(|w| w.starts_with("{{") && !w.ends_with("}}")) {
        return words;
    }
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut out = Vec::with_capacity(refs.len());
    let mut i = 0;
    while i < refs.len() {
        // An unclosed `{{` keeps its words as they were written.
        let (word, n) = placeholder_value(&refs[i..]).unwrap_or_else(|| (refs[i].to_string(), 1));
        out.push(word);
        i += n;
    }
    out
}

fn read_set(cx: &mut ParseCx, src: &SourceFile) -> Read {
    let mut read = Read {
        stmts: Vec::new(),
        version: None,
    };
    for (at, raw) in lex::physical(&src.text) {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let at = at + lead;
        // `show system info` pasted before the config: the exact release.
        if let Some(v) = line.strip_prefix("sw-version:") {
            let v = v.trim();
            if !v.is_empty() {
                read.version = Some(VersionSeen {
                    version: v.to_string(),
                    train_only: false,
                    origin: src.origin(at, at + line.len()),
                });
            }
            continue;
        }
        let (words, open) = lex::words(at, line, SET_SYNTAX);
        if open {
            cx.diag(DiagLevel::Error, src, at, DiagKind::UnterminatedQuote);
        }
        let words = join_placeholders(words.into_iter().map(|w| w.text.into_owned()).collect());
        match words.first().map(String::as_str) {
            Some("set") => {}
            Some("delete") => {
                let path = &words[1..];
                if !path.is_empty() {
                    read.stmts.retain(|s| !s.words.starts_with(path));
                }
                continue;
            }
            // `show system info` lines, prompts and `show` commands around the config.
            Some(w) if w.ends_with(':') || w.ends_with('>') || w.ends_with('#') || w == "show" || w == "exit" || w == "quit" => continue,
            _ => {
                cx.unrecognized(src, at, &unrecognized_text(line));
                continue;
            }
        }
        let body = &words[1..];
        // `[ a b c ]`: one statement per member.
        let (before, members) = match body.iter().position(|w| w == "[") {
            Some(open_at) => {
                let close = body.iter().rposition(|w| w == "]").filter(|&c| c > open_at).unwrap_or(body.len());
                (&body[..open_at], body[open_at + 1..close].to_vec())
            }
            None => (body, Vec::new()),
        };
        let parts: Vec<Vec<String>> = if members.is_empty() {
            vec![before.to_vec()]
        } else {
            members
                .into_iter()
                .map(|m| {
                    let mut v = before.to_vec();
                    v.push(m);
                    v
                })
                .collect()
        };
        for words in parts {
            if read.stmts.len() >= MAX_STMTS {
                too_many(cx, src, at);
                return read;
            }
            read.stmts.push(Stmt {
                words,
                from: 0,
                start: at,
                end: at + line.len(),
                xml: false,
            });
        }
    }
    read
}

fn too_many(cx: &mut ParseCx, src: &SourceFile, at: usize) {
    cx.diag(
        DiagLevel::Error,
        src,
        at,
        DiagKind::Syntax {
            detail: format!("more than {MAX_STMTS} statements; the rest is not read"),
        },
    );
}

/// A value and where it was set.
type At<T> = (T, Origin);

/// Management port (`deviceconfig system`).
#[derive(Default)]
struct MgmtPort {
    ip: Option<At<String>>,
    /// `service disable-<proto> yes|no`.
    disable: BTreeMap<String, At<bool>>,
    permitted: Vec<String>,
    permitted_origin: Option<Origin>,
    /// `ssl-tls-service-profile` of the web interface.
    ssl_profile: Option<At<String>>,
}

/// `network profiles interface-management-profile NAME`.
struct MgmtProfile {
    origin: Origin,
    /// `http yes`, `telnet yes`, ...
    services: BTreeMap<String, At<bool>>,
    permitted: Vec<String>,
}

/// `network interface ethernet|aggregate-ethernet|vlan|loopback|tunnel NAME` (and units).
struct IfConf {
    origin: Origin,
    addresses: Vec<String>,
    /// Address from the carrier: `dhcp-client`, `pppoe`.
    carrier: Option<Origin>,
    /// `dhcp-client create-default-route no`: the DHCP server's gateway is not the default
    /// route (a cloud VM's inside interface), so DHCP says nothing about the internet side.
    dhcp_no_default_route: bool,
    profile: Option<At<String>>,
}

/// `network ike crypto-profiles ike-crypto-profiles|ipsec-crypto-profiles NAME`.
#[derive(Default)]
struct CryptoProfile {
    origin: Option<Origin>,
    encryption: Vec<String>,
    integrity: Vec<String>,
    dh: Vec<String>,
    /// IPsec: `dh-group no-pfs`.
    no_pfs: Option<Origin>,
    dh_origin: Option<Origin>,
}

/// `network ike gateway NAME`.
#[derive(Default)]
struct IkeGateway {
    origin: Option<Origin>,
    version: Option<At<String>>,
    v1_profile: Option<String>,
    v2_profile: Option<String>,
    exchange_mode: Option<At<String>>,
    psk: Option<Origin>,
    certificate: Option<Origin>,
    peer_dynamic: Option<Origin>,
    peer: Option<At<String>>,
    passive: bool,
    /// `disabled yes`: negotiates nothing, not judged.
    disabled: bool,
}

/// `network tunnel ipsec NAME auto-key`.
#[derive(Default)]
struct IpsecTunnel {
    gateways: Vec<String>,
    profile: Option<String>,
    /// `tunnel-interface tunnel.N`: the zone it sits in is where the tunnel's traffic enters.
    interface: Option<String>,
}

/// A security rule's match and action (`rulebase security rules NAME`), as much as NET004
/// weighs: the zones, applications and services it allows.
#[derive(Default)]
struct SecurityRule {
    origin: Option<Origin>,
    from: Vec<String>,
    to: Vec<String>,
    application: Vec<String>,
    service: Vec<String>,
    allow: bool,
    disabled: bool,
}

/// `global-protect global-protect-portal|global-protect-gateway NAME`.
#[derive(Default)]
struct GpServer {
    origin: Option<Origin>,
    ssl_profile: Option<At<String>>,
    cert_profile: Option<At<String>>,
    interface: Option<String>,
    auth_profiles: Vec<At<String>>,
    /// Access routes that send only some traffic through the tunnel.
    split: Option<Origin>,
    /// Access routes of 0.0.0.0/0: everything through the tunnel.
    full: Option<Origin>,
}

/// `ssl-tls-service-profile NAME`.
#[derive(Default)]
struct SslProfile {
    origin: Option<Origin>,
    min: Option<At<String>>,
    max: Option<At<String>>,
}

/// `authentication-profile NAME`.
#[derive(Default)]
struct AuthProfile {
    method: Option<String>,
    mfa: Option<At<bool>>,
}

/// `mgt-config users NAME`.
#[derive(Default)]
struct AdminUser {
    origin: Option<Origin>,
    superuser: bool,
    auth_profile: Option<String>,
    /// An SSH `public-key` is set.
    public_key: bool,
    /// A readable `phash` (`*` stands for none, or for one not shown).
    password: bool,
}

#[derive(Default)]
struct Config {
    hostname: Option<String>,
    mgmt: MgmtPort,
    profiles: BTreeMap<String, MgmtProfile>,
    interfaces: BTreeMap<String, IfConf>,
    /// Interface → (zone name, zone statement).
    zone_of: BTreeMap<String, At<String>>,
    /// Zone → its zone protection profile.
    zone_protection: BTreeMap<String, At<String>>,
    /// Zone protection profiles that drop spoofed sources (`discard-ip-spoof yes` or
    /// `strict-ip-check yes`).
    spoof_checks: BTreeMap<String, Origin>,
    /// Static routes: (default route, egress interface).
    routes: BTreeMap<String, (bool, Option<String>)>,
    ike_profiles: BTreeMap<String, CryptoProfile>,
    ipsec_profiles: BTreeMap<String, CryptoProfile>,
    gateways: BTreeMap<String, IkeGateway>,
    tunnels: BTreeMap<String, IpsecTunnel>,
    rules: BTreeMap<String, SecurityRule>,
    portals: BTreeMap<String, GpServer>,
    gp_gateways: BTreeMap<String, GpServer>,
    ssl_profiles: BTreeMap<String, SslProfile>,
    auth_profiles: BTreeMap<String, AuthProfile>,
    /// `certificate-profile NAME CA X`: the CAs that verify client certificates.
    cert_profiles: BTreeMap<String, Vec<At<String>>>,
    admins: BTreeMap<String, AdminUser>,
    /// SNMP: (version, where), communities' and v3 users' origins.
    snmp_version: Option<At<u8>>,
    snmp_v3_users: bool,
    syslog: Vec<At<String>>,
    syslog_tls: BTreeMap<String, bool>,
    panorama: Vec<At<String>>,
    /// Some log forwarding sends to Panorama (`send-to-panorama yes`): only then is
    /// Panorama a place the logs go.
    send_to_panorama: bool,
    ntp: BTreeMap<String, At<String>>,
    ntp_auth: BTreeMap<String, bool>,
}

fn collect(cx: &mut ParseCx, src: &SourceFile, read: &Read) -> Config {
    let mut c = Config::default();
    let mut unknown_seen = 0usize;
    for s in &read.stmts {
        let p: Vec<&str> = s.path().iter().map(String::as_str).collect();
        let o = || s.origin(src);
        match p.as_slice() {
            ["deviceconfig", "system", rest @ ..] => system(cx, src, s, rest, &mut c),
            ["mgt-config", "users", name, rest @ ..] => {
                let u = c.admins.entry(name.to_string()).or_default();
                u.origin.get_or_insert_with(o);
                match rest {
                    ["permissions", "role-based", "superuser", "yes"] => u.superuser = true,
                    ["authentication-profile", p] => u.auth_profile = Some(p.to_string()),
                    ["phash", h] => {
                        u.password |= *h != "*";
                        password_hash(cx, s.origin(src), &format!("PAN-OS administrator {name}"), name, h);
                    }
                    ["public-key", ..] => u.public_key = true,
                    _ => {}
                }
            }
            ["local-user-database", "user", name, "phash", h] => password_hash(cx, s.origin(src), &format!("PAN-OS local user {name}"), name, h),
            ["network", "profiles", "interface-management-profile", name, rest @ ..] => {
                let m = c.profiles.entry(name.to_string()).or_insert_with(|| MgmtProfile {
                    origin: o(),
                    services: BTreeMap::new(),
                    permitted: Vec::new(),
                });
                match rest {
                    ["permitted-ip", ip, ..] => m.permitted.push(ip.to_string()),
                    [svc, v @ ("yes" | "no")] => {
                        m.services.insert(svc.to_string(), (*v == "yes", o()));
                    }
                    _ => {}
                }
            }
            ["network", "interface", kind, name, rest @ ..] if !matches!(*kind, "ethernet" | "aggregate-ethernet") || rest.first() != Some(&"layer3") => {
                // vlan/loopback/tunnel NAME ..., or `ethernet NAME` without a layer: the
                // interface itself; `vlan units X` etc.
                let (name, rest) = match rest {
                    ["units", unit, more @ ..] => (*unit, more),
                    _ => (*name, rest),
                };
                interface(&mut c, name, rest, o);
            }
            ["network", "interface", _, name, "layer3", rest @ ..] => {
                let (name, rest) = match rest {
                    ["units", unit, more @ ..] => (*unit, more),
                    _ => (*name, rest),
                };
                interface(&mut c, name, rest, o);
            }
            ["zone", zone, "network", "zone-protection-profile", prof] => {
                c.zone_protection.insert(zone.to_string(), (prof.to_string(), o()));
            }
            ["zone", zone, "network", _, ifname] => {
                c.zone_of.insert(ifname.to_string(), (zone.to_string(), o()));
            }
            ["network", "profiles", "zone-protection-profile", prof, key @ ("discard-ip-spoof" | "strict-ip-check"), "yes"] => {
                let _ = key;
                c.spoof_checks.entry(prof.to_string()).or_insert_with(o);
            }
            ["network", "virtual-router", vr, "routing-table", "ip", "static-route", route, rest @ ..] => {
                let r = c.routes.entry(format!("{vr} {route}")).or_default();
                match rest {
                    ["interface", ifname] => r.1 = Some(ifname.to_string()),
                    ["destination", dest] => r.0 = is_any_address(dest),
                    _ => {}
                }
            }
            ["network", "ike", "crypto-profiles", kind @ ("ike-crypto-profiles" | "ipsec-crypto-profiles"), name, rest @ ..] => {
                let map = if *kind == "ike-crypto-profiles" {
                    &mut c.ike_profiles
                } else {
                    &mut c.ipsec_profiles
                };
                let pr = map.entry(name.to_string()).or_default();
                pr.origin.get_or_insert_with(o);
                match rest {
                    ["encryption" | "esp" | "ah", ..] | ["hash", _] | ["dh-group", _] => crypto_item(pr, rest, o),
                    _ => {}
                }
            }
            ["network", "ike", "gateway", name, rest @ ..] => {
                let g = c.gateways.entry(name.to_string()).or_default();
                g.origin.get_or_insert_with(o);
                gateway(cx, src, s, g, name, rest);
            }
            ["network", "tunnel", "ipsec", name, "tunnel-interface", ifname] => {
                c.tunnels.entry(name.to_string()).or_default().interface = Some(ifname.to_string());
            }
            ["rulebase", "security", "rules", name, rest @ ..] if c.rules.len() < MAX_RULES || c.rules.contains_key(*name) => {
                let r = c.rules.entry(name.to_string()).or_default();
                r.origin.get_or_insert_with(o);
                security_rule(r, rest);
            }
            ["network", "tunnel", "ipsec", name, "auto-key", rest @ ..] => {
                let t = c.tunnels.entry(name.to_string()).or_default();
                match rest {
                    ["ike-gateway", gw, ..] => t.gateways.push(gw.to_string()),
                    ["ipsec-crypto-profile", p] => t.profile = Some(p.to_string()),
                    _ => {}
                }
            }
            ["global-protect", kind @ ("global-protect-portal" | "global-protect-gateway"), name, rest @ ..] => {
                let portal = *kind == "global-protect-portal";
                let map = if portal { &mut c.portals } else { &mut c.gp_gateways };
                let g = map.entry(name.to_string()).or_default();
                g.origin.get_or_insert_with(o);
                let rest = if portal {
                    rest.strip_prefix(&["portal-config"]).unwrap_or(rest)
                } else {
                    rest
                };
                gp_server(g, rest, o);
            }
            ["ssl-tls-service-profile", name, rest @ ..] => {
                let pr = c.ssl_profiles.entry(name.to_string()).or_default();
                pr.origin.get_or_insert_with(o);
                match rest {
                    ["protocol-settings", "min-version", v] => pr.min = Some((v.to_string(), o())),
                    ["protocol-settings", "max-version", v] => pr.max = Some((v.to_string(), o())),
                    _ => {}
                }
            }
            ["certificate-profile", name, rest @ ..] => {
                let cas = c.cert_profiles.entry(name.to_string()).or_default();
                if let ["CA", ca, ..] = rest {
                    if cas.len() < 16 {
                        cas.push((ca.to_string(), o()));
                    }
                }
            }
            ["authentication-profile", name, rest @ ..] => {
                let a = c.auth_profiles.entry(name.to_string()).or_default();
                match rest {
                    ["method", m, ..] => a.method = Some(m.to_string()),
                    ["multi-factor-auth", "mfa-enable", v] => a.mfa = Some((*v == "yes", o())),
                    _ => {}
                }
            }
            ["log-settings", .., "send-to-panorama", "yes"] => c.send_to_panorama = true,
            ["log-settings", "syslog", _, "server", srv, rest @ ..] => match rest {
                ["server", addr] => c.syslog.push((addr.to_string(), o())),
                ["transport", t] => {
                    c.syslog_tls.insert(srv.to_string(), t.eq_ignore_ascii_case("ssl"));
                }
                _ => {}
            },
            ["server-profile", "radius" | "tacplus" | "ldap", prof, "server", srv, key @ ("secret" | "bind-password" | "password"), v] => {
                let _ = key;
                let storage = device_storage(v);
                cx.secret(
                    SecretRecord::new(
                        SecretKind::AaaServerKey,
                        storage,
                        format!("PAN-OS server-profile {prof} server {srv}"),
                        s.origin(src),
                    )
                    .value((storage == SecretStorage::Plaintext).then_some(*v)),
                );
            }
            [first, ..] if !KNOWN.contains(first) => {
                unknown_seen += 1;
                if unknown_seen <= 50 {
                    cx.unrecognized(src, s.start, &unrecognized_text(&s.evidence()));
                } else {
                    cx.unrecognized_lines += 1;
                }
            }
            _ => {}
        }
    }
    c
}

/// `deviceconfig system ...`
fn system(cx: &mut ParseCx, src: &SourceFile, s: &Stmt, rest: &[&str], c: &mut Config) {
    let o = || s.origin(src);
    match rest {
        ["hostname", h] => c.hostname = Some(h.to_string()),
        ["ip-address", ip] => c.mgmt.ip = Some((ip.to_string(), o())),
        ["service", key, v @ ("yes" | "no")] => {
            if let Some(proto) = key.strip_prefix("disable-") {
                c.mgmt.disable.insert(proto.to_string(), (*v == "yes", o()));
            }
        }
        ["permitted-ip", ip, ..] => {
            c.mgmt.permitted.push(ip.to_string());
            c.mgmt.permitted_origin.get_or_insert_with(o);
        }
        ["ssl-tls-service-profile", p] => c.mgmt.ssl_profile = Some((p.to_string(), o())),
        ["ntp-servers", which, "ntp-server-address", addr] => {
            c.ntp.insert(which.to_string(), (addr.to_string(), o()));
        }
        ["ntp-servers", which, "authentication-type", kind, ..] => {
            c.ntp_auth.insert(which.to_string(), matches!(*kind, "symmetric-key" | "autokey"));
        }
        ["panorama-server" | "panorama-server-2", addr] => c.panorama.push((addr.to_string(), o())),
        ["panorama", "local-panorama", "panorama-server" | "panorama-server-2", addr] => c.panorama.push((addr.to_string(), o())),
        ["snmp-setting", "access-setting", "version", v, more @ ..] => {
            let n = match *v {
                "v2c" => 2,
                "v3" => 3,
                _ => 1,
            };
            if c.snmp_version.as_ref().is_none_or(|(old, _)| n < *old) {
                c.snmp_version = Some((n, o()));
            }
            match more {
                ["snmp-community-string", value] => {
                    let storage = device_storage(value);
                    cx.secret(
                        SecretRecord::new(SecretKind::SnmpCommunity, storage, "PAN-OS SNMP community", o())
                            .value((storage == SecretStorage::Plaintext).then_some(*value)),
                    );
                }
                ["users", _, "authpwd" | "privpwd", _] => c.snmp_v3_users = true,
                _ => {}
            }
        }
        _ => {}
    }
}

/// A secret PAN-OS keeps encrypted with its master key (`-AQ==...`), or one written in
/// clear (a `set` file prepared for loading).
fn device_storage(v: &str) -> SecretStorage {
    if v.starts_with("-AQ==") || v.starts_with("-AA") {
        SecretStorage::DeviceEncrypted
    } else if crate::model::is_redacted(v) {
        SecretStorage::Redacted
    } else {
        SecretStorage::Plaintext
    }
}

/// `phash`: MD5-crypt (`$1$`) is a weak hash; SHA-256/512-crypt (`$5$`, `$6$`) strong.
/// A value that is no crypt string at all (`*`, as bootstrap files published with their
/// hash taken out hold) says nothing about the password: unreadable, not weak.
fn password_hash(cx: &mut ParseCx, origin: Origin, subject: &str, account: &str, h: &str) {
    let storage = if h.starts_with("$1$") {
        SecretStorage::WeakHash
    } else if h.starts_with("$5$") || h.starts_with("$6$") || h.starts_with("$2") {
        SecretStorage::StrongHash
    } else if crate::model::is_redacted(h) || !h.starts_with('$') {
        SecretStorage::Redacted
    } else {
        SecretStorage::WeakHash
    };
    cx.secret(SecretRecord::new(SecretKind::Password, storage, subject, origin).account(account));
}

fn interface(c: &mut Config, name: &str, rest: &[&str], o: impl Fn() -> Origin) {
    let i = c.interfaces.entry(name.to_string()).or_insert_with(|| IfConf {
        origin: o(),
        addresses: Vec::new(),
        carrier: None,
        dhcp_no_default_route: false,
        profile: None,
    });
    match rest {
        ["ip", addr, ..] if i.addresses.len() < 8 => i.addresses.push(addr.to_string()),
        ["dhcp-client", "create-default-route", "no"] => {
            i.dhcp_no_default_route = true;
            i.carrier.get_or_insert_with(o);
        }
        ["dhcp-client", ..] | ["pppoe", ..] => {
            i.carrier.get_or_insert_with(o);
        }
        ["interface-management-profile", p] => i.profile = Some((p.to_string(), o())),
        _ => {}
    }
}

fn crypto_item(pr: &mut CryptoProfile, rest: &[&str], o: impl Fn() -> Origin) {
    match rest {
        ["encryption" | "esp", "encryption", v] | ["encryption", v] => pr.encryption.push(ike_cipher(v)),
        ["hash", v] | ["esp" | "ah", "authentication", v] => pr.integrity.push(ike_hash(v)),
        ["dh-group", "no-pfs"] => pr.no_pfs = Some(o()),
        ["dh-group", g] => {
            if let Some(n) = g.strip_prefix("group").and_then(|n| n.parse::<u32>().ok()).and_then(dh_group_number) {
                pr.dh.push(n.to_string());
            } else {
                pr.dh.push(g.to_string());
            }
            pr.dh_origin.get_or_insert_with(o);
        }
        _ => {}
    }
}

/// PAN-OS encryption names → the proposal vocabulary.
fn ike_cipher(v: &str) -> String {
    match v {
        "aes-128-cbc" => "aes128",
        "aes-192-cbc" => "aes192",
        "aes-256-cbc" => "aes256",
        "aes-128-gcm" => "aes128gcm16",
        "aes-256-gcm" => "aes256gcm16",
        "aes-128-ccm" => "aes128ccm16",
        "3des" => "3des",
        "des" => "des",
        "null" => "null",
        other => return other.to_string(),
    }
    .to_string()
}

fn ike_hash(v: &str) -> String {
    match v {
        "non-auth" | "none" => "none".to_string(),
        other => other.to_string(),
    }
}

/// Security rules read, and members kept per list (bounds on what one file can make kensa
/// hold).
const MAX_RULES: usize = 4096;
const MAX_RULE_ITEMS: usize = 256;

/// One rule statement: an XML member (`from Trust`) or a set line that writes several
/// pairs at once (`from VPN to trust source any … application any service
/// application-default action allow`).
fn security_rule(r: &mut SecurityRule, rest: &[&str]) {
    let mut i = 0;
    while i + 1 < rest.len() {
        let v = rest[i + 1].to_string();
        let list = match rest[i] {
            "from" => &mut r.from,
            "to" => &mut r.to,
            "application" => &mut r.application,
            "service" => &mut r.service,
            "action" => {
                r.allow = v == "allow";
                i += 2;
                continue;
            }
            "disabled" => {
                r.disabled = v == "yes";
                i += 2;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        if list.len() < MAX_RULE_ITEMS {
            list.push(v);
        }
        i += 2;
    }
}

fn gateway(cx: &mut ParseCx, src: &SourceFile, s: &Stmt, g: &mut IkeGateway, name: &str, rest: &[&str]) {
    let o = || s.origin(src);
    match rest {
        ["protocol", "version", v] => g.version = Some((v.to_string(), o())),
        ["protocol", "ikev1", "ike-crypto-profile", p] => g.v1_profile = Some(p.to_string()),
        ["protocol", "ikev2", "ike-crypto-profile", p] => g.v2_profile = Some(p.to_string()),
        ["protocol", "ikev1", "exchange-mode", m] => g.exchange_mode = Some((m.to_string(), o())),
        ["protocol-common", "passive-mode", "yes"] => g.passive = true,
        ["disabled", "yes"] => g.disabled = true,
        ["authentication", "pre-shared-key", "key", v] => {
            g.psk.get_or_insert_with(o);
            let storage = device_storage(v);
            cx.secret(
                SecretRecord::new(SecretKind::IpsecPsk, storage, format!("PAN-OS IKE gateway {name}"), o())
                    .value((storage == SecretStorage::Plaintext).then_some(*v)),
            );
        }
        ["authentication", "pre-shared-key", ..] => {
            g.psk.get_or_insert_with(o);
        }
        ["authentication", "certificate", ..] => {
            g.certificate.get_or_insert_with(o);
        }
        ["peer-address", "dynamic", ..] => g.peer_dynamic = Some(o()),
        ["peer-address", "ip" | "fqdn", addr] => g.peer = Some((addr.to_string(), o())),
        _ => {}
    }
}

fn gp_server(g: &mut GpServer, rest: &[&str], o: impl Fn() -> Origin) {
    match rest {
        ["ssl-tls-service-profile", p] => g.ssl_profile = Some((p.to_string(), o())),
        ["certificate-profile", p] => g.cert_profile = Some((p.to_string(), o())),
        ["local-address", "interface", i] => g.interface = Some(i.to_string()),
        ["client-auth", _, "authentication-profile", p] if g.auth_profiles.len() < 64 => g.auth_profiles.push((p.to_string(), o())),
        ["remote-user-tunnel-configs", _, "split-tunneling", kind, route] => match (*kind, *route) {
            ("access-route", r) if is_any_address(r) => {
                g.full.get_or_insert_with(o);
            }
            ("access-route" | "include-domains" | "include-applications", _) => {
                g.split.get_or_insert_with(o);
            }
            _ => {}
        },
        _ => {}
    }
}

/// Puts the collected configuration into the model, section by section.
struct Lower<'a> {
    cx: &'a mut ParseCx,
    src: &'a SourceFile,
    conf: Config,
    version: Option<VersionSeen>,
    /// The whole file, for settings that rely on a default no statement shows.
    dev_origin: Origin,
    zones: BTreeMap<String, InterfaceZone>,
}

impl<'a> Lower<'a> {
    fn new(cx: &'a mut ParseCx, src: &'a SourceFile, conf: Config, version: Option<VersionSeen>) -> Self {
        let dev_origin = src.origin(0, 0).with_evidence("PAN-OS configuration");
        Lower {
            cx,
            src,
            conf,
            version,
            dev_origin,
            zones: BTreeMap::new(),
        }
    }

    fn run(mut self) {
        self.interfaces();
        self.device();
        self.accounts();
        self.management_port();
        self.management_profiles();
        self.snmp();
        self.logging();
        self.ntp();
        self.ipsec();
        self.global_protect();
    }

    /// Interfaces and their roles: outward where the config says so (an address from the
    /// carrier, a public address, the egress of the default route, or a zone PAN-OS's own
    /// convention names for the internet side: `untrust`, `outside`, `internet`, `wan`).
    fn interfaces(&mut self) {
        let default_egress: Vec<String> = self
            .conf
            .routes
            .values()
            .filter(|(default, _)| *default)
            .filter_map(|(_, i)| i.clone())
            .collect();
        for (name, i) in &self.conf.interfaces {
            let zone_name = self.conf.zone_of.get(name).map(|(z, _)| z.to_ascii_lowercase());
            let outward_zone = zone_name
                .as_deref()
                .is_some_and(|z| z.contains("untrust") || matches!(z, "outside" | "internet" | "wan" | "external" | "isp"));
            let inward_zone = zone_name.as_deref().is_some_and(|z| {
                !z.contains("untrust") && (z.contains("trust") || z.contains("inside") || z.contains("lan") || z.contains("dmz") || z.contains("internal"))
            });
            let zone = if name.starts_with("tunnel") {
                InterfaceZone::Tunnel
            } else if (i.carrier.is_some() && !i.dhcp_no_default_route)
                || i.addresses.iter().any(|a| is_public_ipv4(a))
                || default_egress.contains(name)
                || outward_zone
            {
                InterfaceZone::External
            } else if inward_zone {
                InterfaceZone::Internal
            } else {
                InterfaceZone::Unknown
            };
            self.zones.insert(name.clone(), zone);
            // Spoofed sources are dropped by the zone's protection profile
            // (`discard-ip-spoof` / `strict-ip-check`); PAN-OS has no per-interface uRPF.
            let zone_entry = self.conf.zone_of.get(name);
            let protection = zone_entry.and_then(|(z, _)| self.conf.zone_protection.get(z));
            let anti_spoofing = match protection.and_then(|(p, _)| self.conf.spoof_checks.get(p)) {
                Some(o) => Setting::explicit(true, o.clone()),
                None => {
                    let at = protection.map(|(_, o)| o).or(zone_entry.map(|(_, o)| o)).unwrap_or(&i.origin);
                    Setting::default_at(false, at.with_note(Note::absent("zone-protection-profile discard-ip-spoof")))
                }
            };
            self.cx.model.interfaces.push(Interface {
                name: name.clone(),
                origin: i.origin.clone(),
                zone,
                enabled: true,
                anti_spoofing: Some(anti_spoofing),
                bogon_filter: None,
                inbound_filter: None,
                addresses: i.addresses.clone(),
            });
        }
    }

    /// Device and firmware: the release from `sw-version` or `detail-version`, else the
    /// release train the configuration schema names.
    fn device(&mut self) {
        let gp = !self.conf.portals.is_empty() || !self.conf.gp_gateways.is_empty();
        // The management web interface answers: HTTPS on the management port unless
        // disabled (on by default), HTTP where enabled, or a profile allowing either.
        let web_port = ["https", "http"].iter().any(|k| match self.conf.mgmt.disable.get(*k) {
            Some((disabled, _)) => !disabled,
            None => *k == "https",
        });
        let web_profile = self.conf.interfaces.values().filter_map(|i| i.profile.as_ref()).any(|(p, _)| {
            self.conf
                .profiles
                .get(p)
                .is_some_and(|m| ["https", "http"].iter().any(|k| m.services.get(*k).is_some_and(|(on, _)| *on)))
        });
        self.cx.model.device = Some(Device {
            product: "Palo Alto PAN-OS".into(),
            hostname: self.conf.hostname.clone(),
            is_network_device: true,
            origin: self.version.as_ref().map_or_else(|| self.dev_origin.clone(), |v| v.origin.clone()),
            source_routing: None,
        });
        if let Some(v) = &self.version {
            let _ = v.train_only;
            self.cx.model.firmware.push(Firmware {
                product: Product::PanOs,
                model: None,
                version: v.version.clone(),
                build: None,
                origin: v.origin.clone(),
                features: [(gp, Feature::Globalprotect), (web_port || web_profile, Feature::AdminGui)]
                    .into_iter()
                    .filter_map(|(on, f)| on.then_some(f))
                    .collect(),
            });
        }
    }

    /// The management port: where its services answer from.
    fn mgmt_reach(&self) -> Setting<Reachability> {
        let m = &self.conf.mgmt;
        match (&m.permitted_origin, &m.ip) {
            (Some(o), _) => Setting::explicit(Reachability::Restricted(m.permitted.clone()), o.clone()),
            (None, Some((ip, o))) if is_public_ipv4(ip) => Setting::explicit(Reachability::External("management".into()), o.clone()),
            (None, Some((_, o))) => Setting::default_at(Reachability::Unrestricted, o.with_note(Note::absent("permitted-ip"))),
            (None, None) => Setting::default_at(Reachability::Unrestricted, self.dev_origin.with_note(Note::absent("permitted-ip"))),
        }
    }

    /// Administrators: superusers, their password storage (read at the line), a second
    /// factor only through an authentication profile with MFA, and the management port's
    /// permitted IPs as their trusted hosts.
    fn accounts(&mut self) {
        let m = &self.conf.mgmt;
        let trusted = match &m.permitted_origin {
            Some(o) => Setting::explicit(m.permitted.clone(), o.clone()),
            None => Setting::default_at(Vec::new(), self.dev_origin.with_note(Note::absent("deviceconfig system permitted-ip"))),
        };
        for (name, u) in &self.conf.admins {
            let origin = u.origin.clone().unwrap_or_else(|| self.dev_origin.clone());
            let second = match u.auth_profile.as_ref().and_then(|p| self.conf.auth_profiles.get(p).map(|a| (p, a))) {
                Some((_, a)) if a.mfa.as_ref().is_some_and(|(on, _)| *on) => a.mfa.as_ref().map(|(on, o)| Setting::explicit(*on, o.clone())),
                Some((p, a)) if a.method.as_deref() == Some("local-database") => Some(Setting::default_at(
                    false,
                    origin.with_note(Note::not_set_value(&format!("authentication-profile {p} multi-factor-auth"), "no")),
                )),
                Some(_) => None,
                None if u.auth_profile.is_some() => None,
                // An SSH key and no readable password (`phash *`): the file shows a key login,
                // not a password one; "a password only" would claim what it does not say.
                None if u.public_key && !u.password => None,
                None => Some(Setting::default_at(false, origin.with_note(Note::absent("authentication-profile")))),
            };
            self.cx.model.accounts.push(Account {
                name: name.clone(),
                origin,
                admin: u.superuser,
                remote_access: false,
                default_name: name == "admin",
                second_factor: second,
                trusted_hosts: Some(trusted.clone()),
            });
        }
    }

    /// `deviceconfig system service`: HTTPS and SSH answer unless disabled; telnet and HTTP
    /// only where `disable-telnet no` / `disable-http no` is written.
    fn management_port(&mut self) {
        let reach = self.mgmt_reach();
        let base = self.conf.mgmt.ip.as_ref().map_or_else(|| self.dev_origin.clone(), |(_, o)| o.clone());
        for (proto, key, on_by_default) in [
            (MgmtProtocol::Https, "https", true),
            (MgmtProtocol::Ssh, "ssh", true),
            (MgmtProtocol::Telnet, "telnet", false),
            (MgmtProtocol::Http, "http", false),
        ] {
            let enabled = match self.conf.mgmt.disable.get(key) {
                Some((disabled, o)) => Setting::explicit(!disabled, o.clone()),
                None if on_by_default => Setting::default_at(
                    true,
                    base.with_note(Note::not_set_default_of(&format!("service disable-{key}"), "PAN-OS", "no")),
                ),
                None => continue,
            };
            if !enabled.value {
                continue;
            }
            self.cx.model.mgmt_services.push(MgmtService {
                subject: format!("PAN-OS management port {key}"),
                protocol: proto,
                origin: enabled.origin.clone(),
                enabled,
                reachable_from: reach.clone(),
                version: None,
                strong_auth: None,
            });
        }
        let https_on = self.cx.model.mgmt_services.iter().any(|m| m.protocol == MgmtProtocol::Https);
        if let (true, Some((p, o))) = (https_on, self.conf.mgmt.ssl_profile.clone()) {
            if let Some(versions) = self.profile_versions(&p, &o) {
                let mut ep = TlsEndpoint::new(
                    "PAN-OS management web interface".into(),
                    TlsRole::Server,
                    TlsService::AdminGui,
                    o.clone(),
                    versions,
                );
                ep.client_auth = Some(Setting::default_at(ClientAuth::None, o));
                self.cx.model.tls_endpoints.push(ep);
            }
        }
    }

    /// Interface management profiles on the interfaces that carry them.
    fn management_profiles(&mut self) {
        for (ifname, i) in &self.conf.interfaces {
            let Some((pname, porigin)) = &i.profile else { continue };
            let Some(p) = self.conf.profiles.get(pname) else {
                self.cx
                    .unrecognized(self.src, porigin.span.0, &format!("interface-management-profile {pname} (not in this file)"));
                continue;
            };
            let zone = self.zones.get(ifname).copied().unwrap_or(InterfaceZone::Unknown);
            for (svc, (on, o)) in &p.services {
                let proto = match svc.as_str() {
                    "http" => MgmtProtocol::Http,
                    "https" => MgmtProtocol::Https,
                    "telnet" => MgmtProtocol::Telnet,
                    "ssh" => MgmtProtocol::Ssh,
                    "snmp" => MgmtProtocol::Snmp,
                    _ => continue,
                };
                if !on {
                    continue;
                }
                // `permitted-ip` limits the profile's services to those sources on every
                // interface, the internet side included.
                let reach = match zone {
                    _ if !p.permitted.is_empty() => Reachability::Restricted(p.permitted.clone()),
                    InterfaceZone::External => Reachability::External(ifname.clone()),
                    InterfaceZone::Internal => Reachability::Internal(ifname.clone()),
                    _ => Reachability::Unrestricted,
                };
                let version = (proto == MgmtProtocol::Snmp)
                    .then(|| self.conf.snmp_version.as_ref().map(|(v, vo)| Setting::explicit(*v, vo.clone())))
                    .flatten();
                self.cx.model.mgmt_services.push(MgmtService {
                    subject: format!("PAN-OS {ifname} interface-management-profile {pname} {svc}"),
                    protocol: proto,
                    origin: o.clone(),
                    enabled: Setting::explicit(true, o.clone()),
                    reachable_from: Setting::explicit(reach, porigin.clone()),
                    version,
                    strong_auth: None,
                });
                let _ = &p.origin;
            }
        }
    }

    /// SNMP on the management port (`snmp-setting access-setting version`).
    fn snmp(&mut self) {
        let Some((v, o)) = self.conf.snmp_version.clone() else { return };
        if self.conf.mgmt.disable.get("snmp").is_some_and(|(d, _)| *d) {
            return;
        }
        let strong = (v == 3).then(|| Setting::explicit(true, o.clone()));
        let _ = self.conf.snmp_v3_users;
        self.cx.model.mgmt_services.push(MgmtService {
            subject: "PAN-OS management port snmp".into(),
            protocol: MgmtProtocol::Snmp,
            origin: o.clone(),
            enabled: Setting::explicit(true, o.clone()),
            reachable_from: self.mgmt_reach(),
            version: Some(Setting::explicit(v, o)),
            strong_auth: strong,
        });
    }

    /// Syslog server profiles, and Panorama where log forwarding sends to it.
    fn logging(&mut self) {
        for (addr, o) in std::mem::take(&mut self.conf.syslog) {
            let encrypted = self.conf.syslog_tls.values().all(|tls| *tls) && !self.conf.syslog_tls.is_empty();
            self.cx.model.log_targets.push(LogTarget {
                origin: o,
                destination: format!("syslog {addr}"),
                remote: true,
                encrypted,
            });
        }
        let panorama = std::mem::take(&mut self.conf.panorama);
        for (addr, o) in panorama.into_iter().filter(|_| self.conf.send_to_panorama) {
            self.cx.model.log_targets.push(LogTarget {
                origin: o,
                destination: format!("panorama {addr}"),
                remote: true,
                encrypted: true,
            });
        }
    }

    fn ntp(&mut self) {
        for (which, (addr, o)) in std::mem::take(&mut self.conf.ntp) {
            self.cx.model.time_sources.push(TimeSource {
                origin: o,
                server: addr,
                authenticated: self.conf.ntp_auth.get(&which).copied().unwrap_or(false),
            });
        }
    }

    /// A crypto profile as one proposal; None (and a diagnostic) when the file lacks it.
    fn proposal(&mut self, ipsec: bool, name: &str, at: &Origin) -> Option<(Proposal, Origin, Option<Setting<bool>>)> {
        let map = if ipsec { &self.conf.ipsec_profiles } else { &self.conf.ike_profiles };
        let Some(p) = map.get(name) else {
            let what = if ipsec { "ipsec-crypto-profile" } else { "ike-crypto-profile" };
            self.cx.unrecognized(self.src, at.span.0, &format!("{what} {name} (not in this file)"));
            return None;
        };
        let origin = p.origin.clone().unwrap_or_else(|| at.clone());
        let mut dh = p.dh.clone();
        let mut pfs = None;
        if ipsec {
            pfs = Some(match (&p.no_pfs, &p.dh_origin) {
                (Some(o), _) => {
                    dh.clear();
                    Setting::explicit(false, o.clone())
                }
                (None, Some(o)) => Setting::explicit(true, o.clone()),
                // IPsec crypto profile dh-group default group2 [V].
                (None, None) => {
                    dh = vec!["modp1024".into()];
                    Setting::default_at(true, origin.with_note(Note::not_set_default_of("dh-group", "PAN-OS", "group2")))
                }
            });
        } else if dh.is_empty() {
            // IKE crypto profile dh-group default group2 [V].
            dh = vec!["modp1024".into()];
        }
        let proposal = Proposal {
            encryption: p.encryption.clone(),
            integrity: p.integrity.clone(),
            prf: Vec::new(),
            dh_groups: dh,
        };
        Some((proposal, origin, pfs))
    }

    /// IKE gateways with the crypto profiles they use and the IPsec tunnels over them.
    fn ipsec(&mut self) {
        let gateways = std::mem::take(&mut self.conf.gateways);
        let tunnels = std::mem::take(&mut self.conf.tunnels);
        for (name, g) in gateways.iter().filter(|(_, g)| !g.disabled).take(MAX_TUNNELS) {
            let origin = g.origin.clone().unwrap_or_else(|| self.dev_origin.clone());
            let dynamic = g.peer_dynamic.is_some() || g.peer.as_ref().is_some_and(|(a, _)| is_any_address(a));
            let role = if dynamic || g.passive { VpnRole::Server } else { VpnRole::Peer };
            let mut t = VpnTunnel::new(format!("PAN-OS IKE gateway {name}"), VpnKind::Ipsec, VpnUse::SiteToSite, role, origin.clone());
            // `protocol version` default ikev1 [K]; ikev2-preferred still answers IKEv1.
            let (ver, ver_setting) = match &g.version {
                Some((v, o)) => (v.as_str(), Setting::explicit(if v == "ikev2" { 2u8 } else { 1 }, o.clone())),
                None => (
                    "ikev1",
                    Setting::default_at(1u8, origin.with_note(Note::not_set_default_of("protocol version", "PAN-OS", "ikev1"))),
                ),
            };
            t.ike_version = Some(ver_setting);
            let v1 = ver != "ikev2";
            if v1 {
                // exchange-mode default auto [S]: answers main and aggressive mode.
                t.aggressive = Some(match &g.exchange_mode {
                    Some((m, o)) => Setting::explicit(m != "main", o.clone()),
                    None => Setting::default_at(
                        true,
                        origin.with_note(Note::not_set_default_of("protocol ikev1 exchange-mode", "PAN-OS", "auto")),
                    ),
                });
            }
            let mut props = Vec::new();
            let mut prop_origin = None;
            let profiles: Vec<&str> = match ver {
                "ikev1" => vec![g.v1_profile.as_deref().unwrap_or("default")],
                "ikev2" => vec![g.v2_profile.as_deref().unwrap_or("default")],
                _ => vec![g.v1_profile.as_deref().unwrap_or("default"), g.v2_profile.as_deref().unwrap_or("default")],
            };
            let mut seen = Vec::new();
            for p in profiles {
                if seen.contains(&p) {
                    continue;
                }
                seen.push(p);
                if let Some((prop, o, _)) = self.proposal(false, p, &origin) {
                    props.push(prop);
                    prop_origin.get_or_insert(o);
                }
            }
            if let Some(o) = prop_origin {
                t.ike_proposals = Some(Setting::explicit(props, o));
            }
            let auth = match (&g.certificate, &g.psk) {
                (Some(o), _) => Some(Setting::explicit(AuthMethod::Certificate, o.clone())),
                (None, Some(o)) => Some(Setting::explicit(AuthMethod::Psk, o.clone())),
                _ => None,
            };
            t.local_auth = auth.clone();
            t.remote_auth = auth;
            t.peer_restricted = Some(match (&g.peer_dynamic, &g.peer) {
                // A dynamic peer: any address may try (a `peer-id` narrows the identity, not
                // the address).
                (Some(o), _) => Setting::explicit(false, o.clone()),
                (None, Some((a, o))) => Setting::explicit(!is_any_address(a), o.clone()),
                (None, None) => Setting::default_at(false, origin.with_note(Note::absent("peer-address"))),
            });
            // Phase 2: the tunnels over this gateway.
            let mut child = Vec::new();
            let mut child_origin = None;
            let mut pfs: Option<Setting<bool>> = None;
            for tun in tunnels.values().filter(|x| x.gateways.iter().any(|n| n == name)) {
                let pname = tun.profile.clone().unwrap_or_else(|| "default".into());
                if let Some((prop, o, this_pfs)) = self.proposal(true, &pname, &origin) {
                    child.push(prop);
                    child_origin.get_or_insert(o);
                    if let Some(p) = this_pfs {
                        if pfs.as_ref().is_none_or(|x| x.value && !p.value) {
                            pfs = Some(p);
                        }
                    }
                }
            }
            if let Some(o) = child_origin {
                t.child_proposals = Some(Setting::explicit(child, o));
            }
            t.pfs = pfs;
            t.allowed_services = self.tunnel_services(tunnels.values().filter(|x| x.gateways.iter().any(|n| n == name)));
            self.cx.model.vpn_tunnels.push(t);
        }
    }

    /// What the allowing security rules let through the tunnels' zones, in either
    /// direction: `any` where a rule allows any application on any service (or on the
    /// applications' own ports, `application-default`, which with `application any` is every
    /// port an application uses). None when no rule names those zones.
    fn tunnel_services<'t>(&self, tunnels: impl Iterator<Item = &'t IpsecTunnel>) -> Option<Setting<Vec<String>>> {
        let zones: Vec<&str> = tunnels
            .filter_map(|t| t.interface.as_ref())
            .filter_map(|i| self.conf.zone_of.get(i).map(|(z, _)| z.as_str()))
            .collect();
        if zones.is_empty() {
            return None;
        }
        let names = |l: &[String]| l.iter().any(|z| z == "any" || zones.contains(&z.as_str()));
        let mut services = Vec::new();
        // The finding shows a rule that opens everything to the tunnel's side (else one that
        // opens everything towards it, else the first allowing one).
        let (mut any_in, mut any_at, mut first_at) = (None, None, None);
        for r in self.conf.rules.values().filter(|r| r.allow && !r.disabled && (names(&r.from) || names(&r.to))) {
            let any_app = r.application.is_empty() || r.application.iter().any(|a| a == "any");
            let any_port = r.service.is_empty() || r.service.iter().any(|x| x == "any" || x == "application-default");
            if any_app && any_port {
                services.push("any".to_string());
                if names(&r.from) {
                    any_in = any_in.or_else(|| r.origin.clone());
                }
                any_at = any_at.or_else(|| r.origin.clone());
            } else {
                services.extend(r.application.iter().chain(&r.service).cloned());
            }
            first_at = first_at.or_else(|| r.origin.clone());
        }
        any_in.or(any_at).or(first_at).map(|o| Setting::explicit(services, o))
    }

    /// TLS versions of an SSL/TLS service profile; None (and a diagnostic) when the file
    /// lacks it.
    fn profile_versions(&mut self, name: &str, at: &Origin) -> Option<Setting<Vec<TlsVersion>>> {
        let Some(p) = self.conf.ssl_profiles.get(name) else {
            self.cx
                .unrecognized(self.src, at.span.0, &format!("ssl-tls-service-profile {name} (not in this file)"));
            return None;
        };
        let origin = p.origin.clone().unwrap_or_else(|| at.clone());
        // min-version default tls1-0 [K]; max-version default max [K] (TLS 1.2, or 1.3
        // where the release has it: nothing below judges the top).
        let min = match &p.min {
            Some((v, o)) => Setting::explicit(tls_version(v).unwrap_or(TlsVersion::Tls10), o.clone()),
            None => Setting::default_at(
                TlsVersion::Tls10,
                origin.with_note(Note::not_set_default_of("protocol-settings min-version", "PAN-OS", "tls1-0")),
            ),
        };
        let max = p.max.as_ref().and_then(|(v, _)| tls_version(v)).unwrap_or(TlsVersion::Tls13);
        let versions = TlsVersion::ALL.into_iter().filter(|v| *v >= min.value && *v <= max).collect();
        Some(Setting {
            value: versions,
            origin: min.origin,
            defaulted: min.defaulted,
        })
    }

    /// GlobalProtect portals and gateways: TLS endpoints, and the gateways as remote-access
    /// VPNs.
    fn global_protect(&mut self) {
        let portals = std::mem::take(&mut self.conf.portals);
        let gateways = std::mem::take(&mut self.conf.gp_gateways);
        for (portal, (name, g)) in portals.iter().map(|x| (true, x)).chain(gateways.iter().map(|x| (false, x))).take(MAX_TUNNELS) {
            let origin = g.origin.clone().unwrap_or_else(|| self.dev_origin.clone());
            let kind = if portal { "portal" } else { "gateway" };
            let on = g.interface.as_ref().map(|i| format!(" ({i})")).unwrap_or_default();
            let subject = format!("PAN-OS GlobalProtect {kind} {name}{on}");
            let client_cert = match &g.cert_profile {
                Some((_, o)) => Setting::explicit(true, o.clone()),
                None => Setting::default_at(false, origin.with_note(Note::absent("certificate-profile"))),
            };
            let versions = match &g.ssl_profile {
                Some((p, o)) => self.profile_versions(p, o),
                None => {
                    self.cx.unrecognized(
                        self.src,
                        origin.span.0,
                        &format!("global-protect {kind} {name} ssl-tls-service-profile (not in this file)"),
                    );
                    None
                }
            };
            let min = versions.as_ref().and_then(|v| {
                v.value.first().map(|lowest| Setting {
                    value: *lowest,
                    origin: v.origin.clone(),
                    defaulted: v.defaulted,
                })
            });
            if let Some((p, o)) = g.cert_profile.as_ref().filter(|(p, _)| !self.conf.cert_profiles.contains_key(p)) {
                self.cx.unrecognized(self.src, o.span.0, &format!("certificate-profile {p} (not in this file)"));
            }
            if let Some(versions) = versions {
                let mut ep = TlsEndpoint::new(subject.clone(), TlsRole::Server, TlsService::SslVpn, origin.clone(), versions);
                ep.client_auth = Some(client_cert.clone().map(|b| if b { ClientAuth::Required } else { ClientAuth::None }));
                ep.client_ca = g.cert_profile.as_ref().and_then(|(p, o)| match self.conf.cert_profiles.get(p) {
                    // A profile with no CA verifies nothing.
                    Some(cas) => cas
                        .first()
                        .map(|(_, co)| Setting::explicit(cas.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "), co.clone())),
                    // Defined elsewhere (Panorama): its CAs are not in this file, not judged.
                    None => Some(Setting::explicit(format!("certificate-profile {p}"), o.clone())),
                });
                self.cx.model.tls_endpoints.push(ep);
            }
            if portal {
                continue;
            }
            let mut t = VpnTunnel::new(subject, VpnKind::SslVpn, VpnUse::RemoteAccess, VpnRole::Server, origin.clone());
            t.requires_client_cert = Some(client_cert.clone());
            t.tls_min_version = min;
            // No access route: every client route goes through the tunnel [V].
            t.split_tunnel = Some(match (&g.split, &g.full) {
                (Some(o), _) => Setting::explicit(true, o.clone()),
                (None, Some(o)) => Setting::explicit(false, o.clone()),
                (None, None) => Setting::default_at(false, origin.with_note(Note::absent("split-tunneling access-route"))),
            });
            // Users' second factor: a client certificate beside the password, or an
            // authentication profile with MFA; a local-database profile without MFA is a
            // password alone. Other methods (RADIUS, SAML) are not judged from this file.
            let profiles: Vec<(&AuthProfile, &Origin)> = g
                .auth_profiles
                .iter()
                .filter_map(|(p, o)| self.conf.auth_profiles.get(p).map(|a| (a, o)))
                .collect();
            let password = !g.auth_profiles.is_empty();
            t.remote_auth = Some(if password {
                Setting::explicit(AuthMethod::Password, g.auth_profiles[0].1.clone())
            } else if let Some((_, o)) = &g.cert_profile {
                Setting::explicit(AuthMethod::Certificate, o.clone())
            } else {
                Setting::default_at(AuthMethod::Password, origin.with_note(Note::absent("client-auth")))
            });
            t.second_factor = if client_cert.value && password {
                Some(client_cert.clone())
            } else if let Some((a, _)) = profiles.iter().find(|(a, _)| a.mfa.as_ref().is_some_and(|(on, _)| *on)) {
                a.mfa.as_ref().map(|(on, o)| Setting::explicit(*on, o.clone()))
            } else if let Some((_, o)) = profiles.iter().find(|(a, _)| a.method.as_deref() == Some("local-database")) {
                Some(Setting::default_at(
                    false,
                    o.with_note(Note::not_set_value("multi-factor-auth mfa-enable", "no")),
                ))
            } else {
                None
            };
            self.cx.model.vpn_tunnels.push(t);
        }
    }
}

/// PAN-OS protocol-settings names (`tls1-0` ... `tls1-3`, `max`).
fn tls_version(v: &str) -> Option<TlsVersion> {
    match v {
        "tls1-0" => Some(TlsVersion::Tls10),
        "tls1-1" => Some(TlsVersion::Tls11),
        "tls1-2" => Some(TlsVersion::Tls12),
        "tls1-3" | "max" => Some(TlsVersion::Tls13),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::formats::{parse_text, Format};
    use crate::model::*;

    fn model(text: &str) -> Model {
        parse_text(Format::Panos, "t", text).model
    }

    #[test]
    fn xml_and_set_give_the_same_tunnel() {
        let set = "set deviceconfig system hostname fw1\n\
set network ike crypto-profiles ike-crypto-profiles weak encryption [ 3des aes-128-cbc ]\n\
set network ike crypto-profiles ike-crypto-profiles weak hash sha1\n\
set network ike crypto-profiles ike-crypto-profiles weak dh-group group2\n\
set network ike gateway branch authentication pre-shared-key key -AQ==abc\n\
set network ike gateway branch protocol ikev1 ike-crypto-profile weak\n\
set network ike gateway branch protocol ikev1 exchange-mode aggressive\n\
set network ike gateway branch peer-address ip 198.51.100.7\n";
        let xml = r#"<config version="10.1.0" urldb="paloaltonetworks"><devices><entry name="localhost.localdomain"><network><ike>
<crypto-profiles><ike-crypto-profiles><entry name="weak"><encryption><member>3des</member><member>aes-128-cbc</member></encryption>
<hash><member>sha1</member></hash><dh-group><member>group2</member></dh-group></entry></ike-crypto-profiles></crypto-profiles>
<gateway><entry name="branch"><authentication><pre-shared-key><key>-AQ==abc</key></pre-shared-key></authentication>
<protocol><ikev1><ike-crypto-profile>weak</ike-crypto-profile><exchange-mode>aggressive</exchange-mode></ikev1></protocol>
<peer-address><ip>198.51.100.7</ip></peer-address></entry></gateway></ike></network>
<deviceconfig><system><hostname>fw1</hostname></system></deviceconfig></entry></devices></config>"#;
        for m in [model(set), model(xml)] {
            let t = &m.vpn_tunnels[0];
            assert_eq!(t.subject, "PAN-OS IKE gateway branch");
            assert!(t.aggressive.as_ref().unwrap().value);
            assert_eq!(t.ike_version.as_ref().unwrap().value, 1);
            let p = &t.ike_proposals.as_ref().unwrap().value[0];
            assert_eq!(p.encryption, ["3des", "aes128"]);
            assert_eq!(p.integrity, ["sha1"]);
            assert_eq!(p.dh_groups, ["modp1024"]);
            assert_eq!(t.local_auth.as_ref().unwrap().value, AuthMethod::Psk);
            assert_eq!(m.device.as_ref().unwrap().hostname.as_deref(), Some("fw1"));
            assert!(!t.ike_proposals.as_ref().unwrap().origin.evidence.contains("-AQ=="));
        }
        // The XML schema names the train only.
        assert_eq!(model(xml).firmware[0].version, "10.1");
    }

    /// A `show config running` capture starts with the CLI prompt; a disabled gateway
    /// negotiates nothing.
    #[test]
    fn prompt_before_xml_and_disabled_gateways() {
        let text = "admin@PA-850> show config running\n<config version=\"10.2.0\" urldb=\"paloaltonetworks\"><devices><entry name=\"localhost.localdomain\"><network><ike><gateway>\n<entry name=\"on\"><peer-address><ip>198.51.100.1</ip></peer-address></entry>\n<entry name=\"off\"><disabled>yes</disabled><peer-address><dynamic/></peer-address></entry>\n</gateway></ike></network></entry></devices></config>\nadmin@PA-850>\n";
        assert_eq!(crate::formats::detect::detect(std::path::Path::new("fw.txt"), text), Some(Format::Panos));
        let m = model(text);
        let subjects: Vec<&str> = m.vpn_tunnels.iter().map(|t| t.subject.as_str()).collect();
        assert_eq!(subjects, ["PAN-OS IKE gateway on"]);
        assert_eq!(m.firmware[0].version, "10.2");
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for s in [
            "<config>",
            "<config><devices>",
            "set",
            "set [ ]",
            "set a [ b",
            "delete",
            "set \"x",
            "<config version='x'><a><entry/></a></config>",
        ] {
            let _ = model(s);
        }
        let deep = format!("<config>{}</config>", "<a>".repeat(5000));
        let _ = model(&deep);
    }
}
