//! YAMAHA RTX `show config` text: flat commands, with `pp select N` / `tunnel select N`
//! setting the context of the lines after them. Defaults come from the YAMAHA RTX command
//! reference (chapter 15 "IPsec の設定" [V], as recorded in the project's vendor notes): an
//! IPsec gateway without `ipsec ike version`/`encryption`/`hash`/`group`/`pfs`/
//! `negotiate-strictly` runs IKEv1, 3DES-CBC, SHA-1, MODP1024, no PFS, and accepts any
//! supported proposal. The management-daemon defaults are unconfirmed [K] (the command
//! reference on www.rtpro.yamaha.co.jp could not be read for them; see
//! docs/vendor-defaults.md) and are kept at values that report exposure.
//!
//! In the shape of the Cisco IOS parser: `collect` reads every command (lines the terminal
//! wrapped joined again by the lexer) into named structs (`Config`), `Lower` turns them
//! into the model section by section.

use crate::formats::router_common::{is_bogon_prefix, masked_origin, unrecognized_text};
use crate::formats::{lex, ParseCx, SecretRecord};
use crate::model::*;
use crate::source::SourceFile;
use std::collections::{BTreeMap, BTreeSet};

/// First words of RTX commands kensa knows exist (lines starting otherwise are counted as
/// unrecognised). Only some of them are lowered into the model.
const KNOWN: &[&str] = &[
    "administrator",
    "alarm",
    "auth",
    "bgp",
    "bridge",
    "clear",
    "console",
    "description",
    "dhcp",
    "dns",
    "ethernet",
    "httpd",
    "ip",
    "ipsec",
    "ipv6",
    "l2tp",
    "lan",
    "login",
    "nat",
    "netvolante-dns",
    "ntpdate",
    "operation",
    "ospf",
    "pp",
    "ppp",
    "pppoe",
    "provider",
    "queue",
    "rip",
    "schedule",
    "security",
    "sftpd",
    "sip",
    "snmp",
    "snmpv3",
    "sntpd",
    "sshd",
    "statistics",
    "switch",
    "syslog",
    "telnetd",
    "tftp",
    "timezone",
    "tunnel",
    "upnp",
    "url",
    "user",
    "vlan",
    "wins",
    "show",
    "save",
    "cold",
    "mail",
    "remote",
    "ids",
    "firewall",
    "line",
    "isdn",
    "analog",
    "external-memory",
    "usbhost",
    "sd",
    "wlan",
    "wireless",
    "lua",
    "http",
    "yno",
    "nd",
    "dashboard",
    "hide",
    "packet-buffer",
    "qac-tm",
    "heartbeat",
    "interface",
    "ip6",
    "cooperation",
    "mobile",
    "tcp",
    "embedded",
    "status-led",
    "system",
    "openflow",
    "routing",
];

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    let conf = collect(cx, src);
    Lower::new(cx, src, conf).run();
}

// Collecting: every command in the order of the file, into named parts; the lines after
// `pp select N` / `tunnel select N` belong to that interface. Secrets are measured and
// masked at their line: no collected part holds a secret value.

/// The interface `pp select N` / `tunnel select N` makes current for the lines after it.
#[derive(Clone)]
enum Ctx {
    None,
    Pp(String),
    Tunnel(String),
}

#[derive(Default)]
struct Config {
    /// `# RTX1210 Rev.14.01.38 (...)`: model, revision, where.
    header: Option<(String, String, Origin)>,
    hostname: Option<String>,
    source_route: Option<(bool, Origin)>,
    /// IPsec gateways by number.
    gateways: BTreeMap<String, Gateway>,
    /// Tunnel number → its `tunnel select` line.
    tunnel_origin: BTreeMap<String, Origin>,
    /// Tunnel number → IPsec policy (`ipsec tunnel <policy>`).
    tunnel_policy: BTreeMap<String, String>,
    /// Policy → gateway (`ipsec sa policy <policy> <gw> ...`).
    policy_gw: BTreeMap<String, String>,
    /// `ip filter <id> reject|pass <source> ...`.
    filters: BTreeMap<String, Filter>,
    interfaces: Interfaces,
    /// `telnetd` / `sshd` / `httpd` / `sftpd`.
    daemons: BTreeMap<&'static str, Daemon>,
    login_password: Option<Origin>,
    admin_password: Option<Origin>,
    /// `login user` accounts, in the order of the file.
    accounts: Vec<Account>,
    /// `user attribute NAME administrator=on`.
    admins: Vec<String>,
    /// Users that dial in (`pp auth username`, `auth user`).
    remote_users: Vec<(String, Origin)>,
    snmp: Snmp,
    log_targets: Vec<LogTarget>,
    time_sources: Vec<TimeSource>,
}

/// `ipsec ike ... <gw>` settings and the SA policies that use the gateway.
#[derive(Default)]
struct Gateway {
    origin: Option<Origin>,
    version: Option<(u8, Origin)>,
    encryption: Option<(Vec<String>, Origin)>,
    hash: Option<(Vec<String>, Origin)>,
    group: Option<(Vec<String>, Origin)>,
    pfs: Option<(bool, Origin)>,
    strict: Option<(bool, Origin)>,
    remote_any: Option<(bool, Origin)>,
    auth_cert: Option<Origin>,
    named_peer: Option<Origin>,
    xauth: Option<Origin>,
    /// `ipsec sa policy` proposals and their lines.
    child: Vec<(Proposal, Origin)>,
    /// The tunnel is L2TP/IPsec (remote access).
    l2tp: bool,
}

struct Filter {
    reject: bool,
    source: String,
}

/// What the config says about interfaces, by name (`lan1`, `pp 1`, `tunnel 1`).
#[derive(Default)]
struct Interfaces {
    address: BTreeMap<String, (String, Origin)>,
    secure_in: BTreeMap<String, (Vec<String>, Origin)>,
    /// Facing the internet: a carrier or public address, NAT, PPPoE.
    wan: BTreeSet<String>,
    /// LAN ports that only carry PPPoE: filtering happens on the pp interface.
    pppoe_carriers: BTreeSet<String>,
}

/// `<daemon> service` and `<daemon> host` lines.
#[derive(Default)]
struct Daemon {
    service: Option<(bool, Origin)>,
    hosts: Option<(Vec<String>, Origin)>,
}

#[derive(Default)]
struct Snmp {
    /// `snmp host`: who may query (none listed: anyone).
    hosts: Vec<String>,
    /// `snmp community` and `snmpv3 usm user` lines.
    access: Vec<SnmpAccess>,
}

struct SnmpAccess {
    subject: String,
    origin: Origin,
    /// An SNMPv3 user and whether it encrypts; None for a community (v2c).
    v3_privacy: Option<bool>,
}

fn collect(cx: &mut ParseCx, src: &SourceFile) -> Config {
    let mut conf = Config::default();
    let mut ctx = Ctx::None;
    for line in lex::lines(&src.text, JOIN) {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(c) = t.strip_prefix('#') {
            // "# RTX1210 Rev.14.01.38 (Fri Jun 26 16:34:11 2020)"
            let w: Vec<&str> = c.split_whitespace().collect();
            if conf.header.is_none() && w.len() >= 2 && w[1].starts_with("Rev.") {
                let origin = src.origin(line.start, line.start + line.text.len());
                conf.header = Some((w[0].to_string(), w[1].trim_start_matches("Rev.").to_string(), origin));
            }
            continue;
        }
        let (ws, _) = line.words(lex::Syntax::PLAIN);
        let w: Vec<&str> = ws.iter().map(lex::Word::as_str).collect();
        let (start, end) = (ws.first().map_or(line.start, |x| x.start), ws.last().map_or(line.start, |x| x.end));
        if !KNOWN.contains(&w[0]) {
            cx.unrecognized(src, start, &unrecognized_text(t));
            continue;
        }
        let cmd = Cmd {
            src,
            start,
            end,
            // A joined line's span holds the terminal's line break: its evidence is the joined text.
            joined: line.is_joined().then_some(t),
        };
        command(cx, &cmd, &w, &mut ctx, &mut conf);
    }
    conf
}

/// Where a command is, for its origins.
struct Cmd<'a> {
    src: &'a SourceFile,
    start: usize,
    end: usize,
    /// The joined text of a line the terminal wrapped.
    joined: Option<&'a str>,
}

impl Cmd<'_> {
    fn origin(&self) -> Origin {
        match self.joined {
            None => self.src.origin(self.start, self.end),
            Some(t) => self.src.origin_showing(self.start, self.end, &crate::formats::evidence_text(t)),
        }
    }

    /// The command's span with `masked` as its evidence.
    fn masked(&self, masked: &str) -> Origin {
        masked_origin(self.src, self.start, self.end, masked)
    }
}

/// One command line.
fn command(cx: &mut ParseCx, cmd: &Cmd, w: &[&str], ctx: &mut Ctx, conf: &mut Config) {
    let o = || cmd.origin();
    match w {
        ["pp", "select", n] => *ctx = if *n == "none" { Ctx::None } else { Ctx::Pp(n.to_string()) },
        ["tunnel", "select", n] => {
            if *n == "none" {
                *ctx = Ctx::None
            } else {
                *ctx = Ctx::Tunnel(n.to_string());
                conf.tunnel_origin.entry(n.to_string()).or_insert_with(o);
            }
        }
        ["tunnel", "encapsulation", kind, ..] if kind.starts_with("l2tp") && !kind.starts_with("l2tpv3") => {
            if let Ctx::Tunnel(n) = ctx {
                conf.gateways.entry(n.clone()).or_default().l2tp = true;
            }
        }
        ["ipsec", "tunnel", pid] => {
            if let Ctx::Tunnel(n) = ctx {
                conf.tunnel_policy.insert(n.clone(), pid.to_string());
            }
        }
        ["ipsec", "sa", "policy", pid, gw, proto, rest @ ..] => {
            conf.policy_gw.insert(pid.to_string(), gw.to_string());
            conf.gateways.entry(gw.to_string()).or_default().child.push((sa_proposal(proto, rest), o()));
        }
        ["ipsec", "ike", rest @ ..] => ike_line(cx, cmd, rest, &mut conf.gateways),
        ["ip", "filter", "source-route", v] => conf.source_route = Some((*v == "off", o())),
        ["ip", "filter", "dynamic", ..] => {}
        ["ip", "filter", id, action, source, ..] => {
            let filter = Filter {
                reject: action.starts_with("reject"),
                source: source.to_string(),
            };
            conf.filters.insert(id.to_string(), filter);
        }
        ["ip", ifname, "secure", "filter", "in", ids @ ..] => {
            let ids: Vec<String> = ids.iter().take_while(|x| **x != "dynamic").map(|x| x.to_string()).collect();
            conf.interfaces.secure_in.insert(iface(ifname, ctx), (ids, o()));
        }
        ["ip", ifname, "address", addr, ..] => {
            let ifn = iface(ifname, ctx);
            // An address from the carrier (DHCP) or a public one: the interface faces out.
            if *addr == "dhcp" || crate::formats::router_common::is_public_ipv4(addr) {
                conf.interfaces.wan.insert(ifn.clone());
            }
            conf.interfaces.address.insert(ifn, (addr.to_string(), o()));
        }
        ["ip", ifname, "nat", "descriptor", ..] => {
            conf.interfaces.wan.insert(iface(ifname, ctx));
        }
        ["pppoe", "use", lan] => {
            conf.interfaces.wan.insert(lan.to_string());
            conf.interfaces.pppoe_carriers.insert(lan.to_string());
            if let Ctx::Pp(n) = ctx {
                conf.interfaces.wan.insert(format!("pp {n}"));
            }
        }
        // `pp auth username NAME PASSWORD ...`: a user that dials in.
        ["pp", "auth", "username", name, rest @ ..] => {
            let origin = cmd.masked(&format!("pp auth username {name} ****"));
            remote_user(cx, conf, format!("YAMAHA PPP user {name}"), name, origin, rest.first().copied());
        }
        // `pp auth myname NAME PASSWORD`: the name and password this router logs in to its
        // provider (or the peer router) with, in clear in the file. A key between machines,
        // not a person's login: recorded (masked, measured) as the NTP keys are.
        ["pp", "auth", "myname", name, rest @ ..] => {
            let origin = cmd.masked(&format!("pp auth myname {name} ****"));
            let subject = format!("YAMAHA PPP myname {name}");
            cx.secret(
                SecretRecord::new(SecretKind::AuthKey, SecretStorage::Plaintext, subject, origin)
                    .value(rest.first().copied())
                    .account(Some(*name)),
            );
        }
        // `l2tp tunnel auth on PASSWORD`: the password both ends of an L2TP tunnel share.
        ["l2tp", "tunnel", "auth", "on", password, ..] => {
            let tunnel = match ctx {
                Ctx::Tunnel(n) => format!("tunnel {n}"),
                _ => "tunnel".to_string(),
            };
            let origin = cmd.masked("l2tp tunnel auth on ****");
            let subject = format!("YAMAHA L2TP {tunnel} auth");
            cx.secret(SecretRecord::new(SecretKind::AuthKey, SecretStorage::Plaintext, subject, origin).value(Some(*password)));
        }
        ["auth", "user", id, name, rest @ ..] => {
            let origin = cmd.masked(&format!("auth user {id} {name} ****"));
            remote_user(cx, conf, format!("YAMAHA auth user {name}"), name, origin, rest.first().copied());
        }
        [which @ ("login" | "administrator"), "password", rest @ ..] => {
            let (storage, value) = secret_form(rest);
            let encrypted = if rest.first() == Some(&"encrypted") { " encrypted" } else { "" };
            let origin = cmd.masked(&format!("{which} password{encrypted} ****"));
            if *which == "login" {
                conf.login_password = Some(origin.clone());
            } else {
                conf.admin_password = Some(origin.clone());
            }
            cx.secret(SecretRecord::new(SecretKind::Password, storage, format!("YAMAHA {which} password"), origin).value(value));
        }
        ["login", "user", name, rest @ ..] => {
            let (storage, value) = secret_form(rest);
            let encrypted = if rest.first() == Some(&"encrypted") { " encrypted" } else { "" };
            let origin = cmd.masked(&format!("login user {name}{encrypted} ****"));
            conf.accounts.push(Account {
                name: name.to_string(),
                origin: origin.clone(),
                admin: false,
                remote_access: false,
                default_name: matches!(*name, "admin" | "root" | "user"),
                // RTX logins have no second factor to configure: not applicable.
                second_factor: None,
                trusted_hosts: None,
            });
            cx.secret(
                SecretRecord::new(SecretKind::Password, storage, format!("YAMAHA login user {name}"), origin)
                    .value(value)
                    .account(Some(*name)),
            );
        }
        ["user", "attribute", name, attrs @ ..] if attrs.iter().any(|a| *a == "administrator=on" || *a == "administrator=2") => {
            conf.admins.push(name.to_string());
        }
        // sftpd has no `service` switch (command reference 12.01): it runs with sshd.
        [d @ ("telnetd" | "sshd" | "httpd"), "service", v, ..] => {
            conf.daemons.entry(daemon_key(d)).or_default().service = Some((*v == "on", o()));
        }
        ["sshd", "host", "key", ..] => {}
        [d @ ("telnetd" | "sshd" | "httpd" | "sftpd" | "tftp"), "host", hosts @ ..] => {
            conf.daemons.entry(daemon_key(d)).or_default().hosts = Some((hosts.iter().map(|h| h.to_string()).collect(), o()));
        }
        ["syslog", "host", host, ..] => conf.log_targets.push(LogTarget {
            origin: o(),
            destination: format!("syslog {host}"),
            remote: true,
            encrypted: false,
        }),
        ["ntpdate", server, ..] => conf.time_sources.push(TimeSource {
            origin: o(),
            server: server.to_string(),
            authenticated: false,
        }),
        ["schedule", "at", ..] => {
            if let Some(server) = w.iter().position(|x| *x == "ntpdate").and_then(|i| w.get(i + 1)) {
                conf.time_sources.push(TimeSource {
                    origin: o(),
                    server: server.to_string(),
                    authenticated: false,
                });
            }
        }
        ["snmp", "host", hosts @ ..] => conf.snmp.hosts.extend(hosts.iter().filter(|h| **h != "any").map(|h| h.to_string())),
        ["snmp", "community", mode, name] => {
            let origin = cmd.masked(&format!("snmp community {mode} ****"));
            let subject = format!("YAMAHA SNMP community ({mode})");
            conf.snmp.access.push(SnmpAccess {
                subject: subject.clone(),
                origin: origin.clone(),
                v3_privacy: None,
            });
            let rw = *mode == "read-write";
            cx.secret(
                SecretRecord::new(SecretKind::SnmpCommunity, SecretStorage::Plaintext, subject, origin)
                    .value(Some(*name))
                    .read_write(rw),
            );
        }
        ["snmpv3", "usm", "user", id, name, rest @ ..] => {
            let privacy = rest
                .iter()
                .any(|x| x.contains("cbc") || x.contains("cfb") || x.starts_with("aes") || x.starts_with("des"));
            let origin = cmd.masked(&format!("snmpv3 usm user {id} {name} ****"));
            conf.snmp.access.push(SnmpAccess {
                subject: format!("YAMAHA SNMPv3 user {name}"),
                origin,
                v3_privacy: Some(privacy),
            });
        }
        ["ip", "host", name, ..] if conf.hostname.is_none() => conf.hostname = Some(name.to_string()),
        _ => {}
    }
}

/// A user that dials in (`pp auth username`, `auth user`), with its password in clear.
fn remote_user(cx: &mut ParseCx, conf: &mut Config, subject: String, name: &str, origin: Origin, password: Option<&str>) {
    conf.remote_users.push((name.to_string(), origin.clone()));
    cx.secret(
        SecretRecord::new(SecretKind::UserPassword, SecretStorage::Plaintext, subject, origin)
            .value(password)
            .account(Some(name)),
    );
}

/// `ipsec sa policy ... esp|ah ALG [HMAC]` as a proposal.
fn sa_proposal(proto: &str, rest: &[&str]) -> Proposal {
    let mut p = Proposal::default();
    if proto == "esp" {
        if let Some(e) = rest.first() {
            p.encryption.push(yamaha_enc(e));
        }
        // AES-GCM carries no separate HMAC.
        p.integrity.push(
            rest.get(1)
                .filter(|a| a.ends_with("-hmac"))
                .map_or_else(|| "none".to_string(), |a| yamaha_hash(a.trim_end_matches("-hmac"))),
        );
    } else {
        p.encryption.push("null".into());
        if let Some(a) = rest.first() {
            p.integrity.push(yamaha_hash(a.trim_end_matches("-hmac")));
        }
    }
    p
}

// Lowering: the collected parts into the model, section by section.

struct Lower<'a> {
    cx: &'a mut ParseCx,
    conf: Config,
    /// The header line (or the whole file), for settings that rely on a default.
    dev_origin: Origin,
}

impl<'a> Lower<'a> {
    fn new(cx: &'a mut ParseCx, src: &SourceFile, conf: Config) -> Self {
        let dev_origin = conf
            .header
            .as_ref()
            .map(|h| h.2.clone())
            .unwrap_or_else(|| src.origin(0, 0).with_evidence("YAMAHA RTX configuration"));
        Lower { cx, conf, dev_origin }
    }

    fn run(mut self) {
        self.device();
        self.interfaces();
        // SNMPv3 users, then the daemons, then the communities (the order reports have had).
        self.snmp(true);
        self.daemons();
        self.snmp(false);
        self.accounts();
        self.cx.model.log_targets.append(&mut self.conf.log_targets);
        self.cx.model.time_sources.append(&mut self.conf.time_sources);
        self.tunnels();
    }

    /// Device, firmware, source routing.
    fn device(&mut self) {
        // `ip filter source-route on` (default) drops source-routed packets [K], unconfirmed.
        let source_routing = Some(match &self.conf.source_route {
            Some((accepted, o)) => Setting::explicit(*accepted, o.clone()),
            None => Setting::default_at(
                false,
                self.dev_origin
                    .with_note("ip filter source-route not set: default on, source-routed packets dropped"),
            ),
        });
        self.cx.model.device = Some(Device {
            product: "YAMAHA RTX".into(),
            hostname: self.conf.hostname.take(),
            is_network_device: true,
            origin: self.dev_origin.clone(),
            source_routing,
        });
        // `show config` starts with `# RTX1210 Rev.14.01.38 (…)`; without it the input may
        // be a part (a tunnel template), whose other settings it does not show
        // (docs/trees.md, "Excerpts").
        if self.conf.header.is_none() {
            self.cx.model.excerpt = Some("# RTX… Rev.…".into());
        }
        if let Some((model, version, origin)) = &self.conf.header {
            self.cx.model.firmware.push(Firmware {
                product: Product::YamahaRtx,
                model: Some(model.clone()),
                version: version.clone(),
                build: None,
                origin: origin.clone(),
                features: vec![],
            });
        }
    }

    /// Interfaces with an address or a filter, and those facing out.
    fn interfaces(&mut self) {
        let i = &self.conf.interfaces;
        let mut names: Vec<String> = i.address.keys().cloned().collect();
        names.extend(i.secure_in.keys().cloned());
        names.extend(
            i.wan
                .iter()
                .filter(|w| !i.pppoe_carriers.contains(*w) || i.address.contains_key(*w) || i.secure_in.contains_key(*w))
                .cloned(),
        );
        names.sort();
        names.dedup();
        for name in names {
            let zone = if name.starts_with("tunnel") {
                InterfaceZone::Tunnel
            } else if i.wan.contains(&name) || (name.starts_with("pp ") && name != "pp anonymous") {
                InterfaceZone::External
            } else if name == "pp anonymous" {
                InterfaceZone::Tunnel
            } else {
                InterfaceZone::Internal
            };
            let origin = i
                .address
                .get(&name)
                .map(|x| x.1.clone())
                .or_else(|| i.secure_in.get(&name).map(|x| x.1.clone()))
                .unwrap_or_else(|| self.dev_origin.clone());
            let (inbound, bogon) = match i.secure_in.get(&name) {
                Some((ids, o)) => {
                    let bogon = ids
                        .iter()
                        .any(|id| self.conf.filters.get(id).is_some_and(|f| f.reject && f.source.split(',').any(is_bogon_prefix)));
                    (Some(Setting::explicit(!ids.is_empty(), o.clone())), Some(Setting::explicit(bogon, o.clone())))
                }
                None => {
                    let d = origin.with_evidence(&format!("ip {name} secure filter in not set"));
                    (Some(Setting::default_at(false, d.clone())), Some(Setting::default_at(false, d)))
                }
            };
            let addresses = i.address.get(&name).map(|x| vec![x.0.clone()]).unwrap_or_default();
            self.cx.model.interfaces.push(Interface {
                name,
                origin,
                zone,
                enabled: true,
                anti_spoofing: None,
                bogon_filter: bogon,
                inbound_filter: inbound,
                addresses,
            });
        }
    }

    /// SNMP access: the v3 users (`v3`) or the communities. Who may query is the `snmp
    /// host` list, wherever it stands in the file.
    fn snmp(&mut self, v3: bool) {
        let (these, rest): (Vec<SnmpAccess>, Vec<SnmpAccess>) = std::mem::take(&mut self.conf.snmp.access)
            .into_iter()
            .partition(|a| a.v3_privacy.is_some() == v3);
        self.conf.snmp.access = rest;
        for SnmpAccess { subject, origin, v3_privacy } in these {
            let version = match v3_privacy {
                Some(_) => Setting::explicit(3, origin.clone()),
                None => Setting::default_at(2, origin.clone()),
            };
            self.cx.model.mgmt_services.push(MgmtService {
                subject,
                protocol: MgmtProtocol::Snmp,
                origin: origin.clone(),
                enabled: Setting::explicit(true, origin.clone()),
                reachable_from: Setting::explicit(snmp_reach(&self.conf.snmp.hosts), origin.clone()),
                version: Some(version),
                strong_auth: Some(Setting::explicit(v3_privacy.unwrap_or(false), origin)),
            });
        }
    }

    /// Management daemons. Initial values from the YAMAHA RTX command reference (12.01,
    /// docs/vendor-defaults.md): telnetd service on, host any; httpd service on, host lan
    /// (Rev.14.00.34 and later; older firmware may answer any host, which kensa would then
    /// under-report); sshd service off, host any; sftpd host none. sftpd has no service
    /// switch: it answers, with sshd, the hosts `sftpd host` names. The TFTP server has no
    /// service switch either: it reads and writes the configuration and firmware, without
    /// a password, for the hosts `tftp host` names (§4.54; none unless a line says).
    fn daemons(&mut self) {
        let sshd_service = self.conf.daemons.get("sshd").and_then(|d| d.service.clone());
        for (key, proto, on_default, host_default) in [
            ("telnetd", MgmtProtocol::Telnet, true, "any"),
            ("httpd", MgmtProtocol::Http, true, "lan"),
            ("sshd", MgmtProtocol::Ssh, false, "any"),
            ("sftpd", MgmtProtocol::Ssh, false, "none"),
            ("tftp", MgmtProtocol::Tftp, true, "none"),
        ] {
            let Daemon { service, hosts } = self.conf.daemons.remove(key).unwrap_or_default();
            let service = match key {
                "sftpd" => sshd_service.clone(),
                // No service switch: the host list alone decides.
                "tftp" => service.or_else(|| hosts.as_ref().map(|(_, o)| (true, o.clone()))),
                _ => service,
            };
            let enabled = match &service {
                Some((on, o)) => Setting::explicit(*on, o.clone()),
                None => Setting::default_at(
                    on_default,
                    self.dev_origin
                        .with_note_parts(&[key, " service not set: default ", if on_default { "on" } else { "off" }]),
                ),
            };
            if !enabled.value {
                continue;
            }
            let reachable = match &hosts {
                Some((h, o)) => Setting::explicit(h.clone(), o.clone()),
                None => Setting::default_at(
                    vec![host_default.to_string()],
                    self.dev_origin.with_evidence(&format!("({key} host not set: default {host_default})")),
                ),
            };
            if reachable.value.iter().any(|h| h == "none") {
                continue;
            }
            let origin = hosts
                .as_ref()
                .map(|x| x.1.clone())
                .or(service.as_ref().map(|x| x.1.clone()))
                .unwrap_or_else(|| self.dev_origin.clone());
            self.cx.model.mgmt_services.push(MgmtService {
                subject: format!("YAMAHA {key}"),
                protocol: proto,
                origin,
                enabled,
                reachable_from: Setting {
                    value: reach_of(&reachable.value, &self.conf.interfaces.wan),
                    origin: reachable.origin,
                    defaulted: reachable.defaulted,
                },
                version: None,
                strong_auth: None,
            });
        }
    }

    /// Accounts and passwords: no `login password` / `administrator password` line means
    /// the factory state, an empty password.
    fn accounts(&mut self) {
        for (which, have) in [("login", &self.conf.login_password), ("administrator", &self.conf.admin_password)] {
            if have.is_none() {
                let o = self.dev_origin.with_note_parts(&[which, " password not set: empty"]);
                let subject = format!("YAMAHA {which} password");
                // The factory state (docs/vendor-defaults.md, factory-default passwords).
                self.cx.secret(
                    SecretRecord::new(SecretKind::Password, SecretStorage::Plaintext, subject, o)
                        .value(Some(""))
                        .factory_default(),
                );
            }
        }
        for mut a in std::mem::take(&mut self.conf.accounts) {
            a.admin |= self.conf.admins.contains(&a.name);
            self.cx.model.accounts.push(a);
        }
        for (name, origin) in std::mem::take(&mut self.conf.remote_users) {
            self.cx.model.accounts.push(Account {
                name,
                origin: origin.clone(),
                admin: false,
                remote_access: true,
                default_name: false,
                second_factor: Some(Setting::default_at(false, origin.with_note("password only"))),
                trusted_hosts: None,
            });
        }
    }

    /// IPsec tunnels, one per gateway; IKE settings not given take the documented defaults.
    fn tunnels(&mut self) {
        let c = &mut self.conf;
        for (n, pid) in &c.tunnel_policy {
            if let (Some(gw), Some(o)) = (c.policy_gw.get(pid), c.tunnel_origin.get(n)) {
                c.gateways.entry(gw.clone()).or_default().origin.get_or_insert_with(|| o.clone());
            }
        }
        for (gw, g) in std::mem::take(&mut c.gateways) {
            if g.child.is_empty() && g.encryption.is_none() && g.version.is_none() && g.remote_any.is_none() {
                continue;
            }
            let block = g
                .origin
                .clone()
                .or_else(|| self.conf.tunnel_origin.get(&gw).cloned())
                .or_else(|| g.child.first().map(|c| c.1.clone()))
                .unwrap_or_else(|| self.dev_origin.clone());
            self.cx.model.vpn_tunnels.push(tunnel(&gw, g, block));
        }
    }
}

/// One IPsec gateway as a tunnel.
fn tunnel(gw: &str, g: Gateway, block: Origin) -> VpnTunnel {
    let dflt = |what: &str, v: &str| block.with_note_parts(&["ipsec ike ", what, " not set: default ", v]);
    let explicit_or = |set: &Option<(Vec<String>, Origin)>, default: &str, what: &str, text: &str| {
        set.as_ref().map_or_else(
            || Setting::default_at(vec![default.to_string()], dflt(what, text)),
            |(v, o)| Setting::explicit(v.clone(), o.clone()),
        )
    };
    let remote_access = g.l2tp || g.xauth.is_some();
    let mut t = VpnTunnel::new(
        format!("YAMAHA IPsec gateway {gw}"),
        if g.l2tp { VpnKind::L2tp } else { VpnKind::Ipsec },
        if remote_access { VpnUse::RemoteAccess } else { VpnUse::SiteToSite },
        if remote_access { VpnRole::Server } else { VpnRole::Peer },
        block.clone(),
    );
    let version = g
        .version
        .as_ref()
        .map_or_else(|| Setting::default_at(1u8, dflt("version", "1")), |(v, o)| Setting::explicit(*v, o.clone()));
    let enc = explicit_or(&g.encryption, "3des", "encryption", "3des-cbc");
    let hash = explicit_or(&g.hash, "sha1", "hash", "sha");
    let group = explicit_or(&g.group, "modp1024", "group", "modp1024");
    // The proposal's origin is the first line that relies on a default, if any, so the
    // finding says which default is weak; else the first explicit line.
    let parts = [(enc.defaulted, &enc.origin), (hash.defaulted, &hash.origin), (group.defaulted, &group.origin)];
    let (p_def, p_origin) = parts
        .iter()
        .find(|(d, _)| *d)
        .map(|(d, o)| (*d, (*o).clone()))
        .unwrap_or((false, enc.origin.clone()));
    let prop = Proposal {
        encryption: enc.value.clone(),
        integrity: hash.value.clone(),
        prf: hash.value.iter().map(|h| format!("prf{h}")).collect(),
        dh_groups: group.value.clone(),
    };
    t.ike_proposals = Some(Setting {
        value: vec![prop],
        origin: p_origin,
        defaulted: p_def,
    });
    t.ike_version = Some(version);
    let pfs = g
        .pfs
        .as_ref()
        .map_or_else(|| Setting::default_at(false, dflt("pfs", "off")), |(v, o)| Setting::explicit(*v, o.clone()));
    if let Some((_, first)) = g.child.first() {
        let mut props: Vec<Proposal> = g.child.iter().map(|c| c.0.clone()).collect();
        if pfs.value {
            // PFS uses the phase-2 group when given, else the phase-1 group.
            for p in props.iter_mut() {
                p.dh_groups = group.value.clone();
            }
        }
        t.child_proposals = Some(Setting::explicit(props, first.clone()));
    }
    t.pfs = Some(pfs);
    t.strict_proposals = Some(g.strict.as_ref().map_or_else(
        || Setting::default_at(false, dflt("negotiate-strictly", "off")),
        |(v, o)| Setting::explicit(*v, o.clone()),
    ));
    t.aggressive = Some(match &g.named_peer {
        // IKEv1 peers identified by name (dynamic-address sites) use aggressive mode [K].
        Some(o) if t.ike_version.as_ref().is_some_and(|v| v.value == 1) => Setting::explicit(true, o.clone()),
        _ => Setting::default_at(false, block.with_note("main mode")),
    });
    let auth = match &g.auth_cert {
        Some(o) => Setting::explicit(AuthMethod::Certificate, o.clone()),
        None => Setting::default_at(AuthMethod::Psk, dflt("auth method", "pre-shared-key")),
    };
    t.local_auth = Some(auth.clone());
    t.remote_auth = Some(auth);
    t.peer_restricted = Some(match &g.remote_any {
        Some((any, o)) => Setting::explicit(!any, o.clone()),
        None => Setting::default_at(false, block.with_note("ipsec ike remote address not set: any peer")),
    });
    if remote_access {
        let o = g.xauth.clone().unwrap_or_else(|| block.clone());
        t.second_factor = Some(Setting::default_at(false, o.with_note("user name and password only")));
    }
    t
}

/// Terminal width of a `show config` captured from a console or SSH session.
const TERMINAL_COLUMNS: usize = 80;

/// A line exactly this wide was broken by the terminal when its next line could not be a
/// command of its own (its first word is no RTX command and it is no comment): the
/// terminal broke the command at the edge, so the parts are joined without a separator. A
/// line that merely happens to be 80 wide is followed by a real command and stays as is.
const JOIN: lex::Join = lex::Join::TerminalWrap {
    columns: TERMINAL_COLUMNS,
    continues: |next| next.split_whitespace().next().is_some_and(|w| !KNOWN.contains(&w) && !w.starts_with('#')),
};

/// `ipsec ike <setting> <gw> <values>`: the gateway's IKE settings and pre-shared key.
fn ike_line(cx: &mut ParseCx, cmd: &Cmd, rest: &[&str], gws: &mut BTreeMap<String, Gateway>) {
    let (key, gw, vals): (&str, &str, &[&str]) = match rest {
        ["remote", "address", gw, vals @ ..] => ("remote address", gw, vals),
        ["remote", "name", gw, vals @ ..] => ("remote name", gw, vals),
        ["local", "name", gw, vals @ ..] => ("local name", gw, vals),
        ["local", "address", gw, vals @ ..] => ("local address", gw, vals),
        ["auth", "method", gw, vals @ ..] => ("auth method", gw, vals),
        ["xauth", "request", gw, vals @ ..] => ("xauth request", gw, vals),
        ["pki", "file", gw, vals @ ..] => ("pki file", gw, vals),
        ["keepalive", "use", gw, vals @ ..] => ("keepalive", gw, vals),
        [k, gw, vals @ ..] => (k, gw, vals),
        _ => return,
    };
    let o = cmd.origin();
    let g = gws.entry(gw.to_string()).or_default();
    match key {
        "version" => g.version = vals.first().and_then(|v| v.parse().ok()).map(|v| (v, o)),
        "encryption" => g.encryption = Some((vals.iter().map(|v| yamaha_enc(v)).collect(), o)),
        "hash" => g.hash = Some((vals.iter().map(|v| yamaha_hash(v)).collect(), o)),
        "group" => g.group = Some((vals.iter().take(1).map(|v| v.to_string()).collect(), o)),
        "pfs" => g.pfs = Some((vals.first() == Some(&"on"), o)),
        "negotiate-strictly" | "proposal-limitation" => g.strict = Some((vals.first() == Some(&"on"), o)),
        "remote address" => g.remote_any = Some((vals.first().is_none_or(|v| *v == "any" || *v == "0.0.0.0"), o)),
        "remote name" | "local name" => {
            g.named_peer.get_or_insert(o);
        }
        "auth method" if vals.first().is_some_and(|v| *v == "certificate") => g.auth_cert = Some(o),
        "pki file" => {
            g.auth_cert.get_or_insert(o);
        }
        "xauth request" if vals.first() == Some(&"on") => g.xauth = Some(o),
        "pre-shared-key" => {
            // `text <secret>` or `0x<hex>`.
            let value = match vals {
                ["text", v, ..] => Some(v.to_string()),
                [v, ..] => Some(v.to_string()),
                [] => None,
            };
            let masked = cmd.masked(&format!(
                "ipsec ike pre-shared-key {gw} {}****",
                if vals.first() == Some(&"text") { "text " } else { "" }
            ));
            // RTX writes the key only as `text` or hex (no encrypted form): clear by design.
            cx.secret(
                SecretRecord::new(SecretKind::IpsecPsk, SecretStorage::Plaintext, format!("YAMAHA IPsec gateway {gw}"), masked)
                    .value(value.as_deref())
                    .plaintext_format(),
            );
        }
        _ => {}
    }
}

fn iface(name: &str, ctx: &Ctx) -> String {
    match (name, ctx) {
        ("pp", Ctx::Pp(n)) => format!("pp {n}"),
        ("tunnel", Ctx::Tunnel(n)) => format!("tunnel {n}"),
        _ => name.to_string(),
    }
}

fn daemon_key(d: &str) -> &'static str {
    match d {
        "telnetd" => "telnetd",
        "sshd" => "sshd",
        "httpd" => "httpd",
        "tftp" => "tftp",
        _ => "sftpd",
    }
}

/// `telnetd host lan1` / `any` / `192.168.0.1-192.168.0.10` → reachability.
fn reach_of(hosts: &[String], wan: &BTreeSet<String>) -> Reachability {
    if hosts.iter().any(|h| h == "any") {
        return Reachability::Unrestricted;
    }
    // A tunnel is a VPN peer, not the internet side.
    if let Some(h) = hosts.iter().find(|h| wan.contains(*h) || h.starts_with("pp")) {
        return Reachability::External(h.clone());
    }
    if hosts.iter().all(|h| h.starts_with("lan") || h.starts_with("bridge") || h.starts_with("vlan")) {
        return Reachability::Internal(hosts.join(" "));
    }
    Reachability::Restricted(hosts.to_vec())
}

/// `encrypted <hash>` / `*` (hidden) / `<plain>`.
fn secret_form<'a>(rest: &[&'a str]) -> (SecretStorage, Option<&'a str>) {
    match rest {
        ["encrypted", ..] | ["*", ..] => (SecretStorage::DeviceEncrypted, None),
        [v, ..] => (SecretStorage::Plaintext, Some(v)),
        [] => (SecretStorage::Plaintext, Some("")),
    }
}

/// YAMAHA encryption names → proposal vocabulary.
pub fn yamaha_enc(v: &str) -> String {
    match v {
        "des-cbc" => "des",
        "3des-cbc" => "3des",
        "aes-cbc" | "aes128-cbc" => "aes128",
        "aes256-cbc" => "aes256",
        "aes-gcm" | "aes128-gcm" => "aes128gcm16",
        "aes256-gcm" => "aes256gcm16",
        other => other,
    }
    .to_string()
}

/// YAMAHA hash names (`sha`, `md5`, `sha256`, `sha-hmac` stem) → vocabulary.
pub fn yamaha_hash(v: &str) -> String {
    match v {
        "sha" | "sha1" => "sha1",
        other => other,
    }
    .to_string()
}

/// Who may query SNMP: the `snmp host` list, or anyone when there is none.
fn snmp_reach(hosts: &[String]) -> Reachability {
    if hosts.is_empty() {
        Reachability::Unrestricted
    } else {
        Reachability::Restricted(hosts.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use crate::formats::{parse_text, Format};
    use crate::model::*;

    const CONF: &str = "# RTX1210 Rev.14.01.38 (Fri Jun 26 16:34:11 2020)
# Reporting Date: Nov 26 10:00:00 2026
login password encrypted *
ip lan1 address 192.168.100.1/24
pp select 1
 pp auth myname user@isp secret
 pppoe use lan2
 ip pp secure filter in 200003
pp select none
tunnel select 1
 ipsec tunnel 101
  ipsec sa policy 101 1 esp aes-cbc sha-hmac
  ipsec ike pre-shared-key 1 text hospital1
  ipsec ike remote address 1 any
 tunnel enable 1
ip filter 200003 reject 10.0.0.0/8 * * * *
telnetd host lan1
syslog host 192.168.100.10
";

    /// 40,000 interfaces, each named twice (NAT descriptor, then address), become 40,000
    /// interfaces, each with its own address: every line found its interface. (This shape
    /// was quadratic in a naive lowering; its speed is measured in benches/router_parse.rs,
    /// not asserted here.)
    #[test]
    fn many_interfaces_each_lowered_once_with_their_settings() {
        let mut c = String::new();
        for i in 0..40_000 {
            c.push_str(&format!("ip lan{i} nat descriptor 1000\nip lan{i} address 10.{}.{}.1/24\n", i / 256, i % 256));
        }
        let p = parse_text(Format::YamahaRtx, "rtx.conf", &c);
        assert_eq!(p.model.interfaces.len(), 40_000);
        let mut seen = vec![false; 40_000];
        for x in &p.model.interfaces {
            let i: usize = x.name.strip_prefix("lan").and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{}", x.name));
            assert!(!std::mem::replace(&mut seen[i], true), "{} twice", x.name);
            assert_eq!(x.addresses, [format!("10.{}.{}.1/24", i / 256, i % 256)], "{}", x.name);
        }
    }

    #[test]
    fn defaults_fill_a_bare_tunnel() {
        let p = parse_text(Format::YamahaRtx, "rtx.conf", CONF);
        assert_eq!(p.unrecognized_lines, 0, "{:?}", p.diagnostics);
        let t = &p.model.vpn_tunnels[0];
        let ike = t.ike_proposals.as_ref().unwrap();
        assert!(ike.defaulted);
        assert_eq!(ike.value[0].encryption, vec!["3des"]);
        assert!(
            ike.origin.evidence.contains("(ipsec ike encryption not set: default 3des-cbc)"),
            "{}",
            ike.origin.evidence
        );
        assert_eq!(ike.origin.line, 10);
        assert!(!t.peer_restricted.as_ref().unwrap().value);
        assert!(!t.pfs.as_ref().unwrap().value);
        assert_eq!(t.child_proposals.as_ref().unwrap().value[0].encryption, vec!["aes128"]);
        let psk = p.model.secrets.iter().find(|s| s.kind == SecretKind::IpsecPsk).unwrap();
        assert!(psk.strength.unwrap().common || psk.strength.unwrap().length == 9);
        assert!(!psk.origin.evidence.contains("hospital1"));
        assert_eq!(p.model.firmware[0].version, "14.01.38");
        let pp = p.model.interfaces.iter().find(|i| i.name == "pp 1").unwrap();
        assert_eq!(pp.zone, InterfaceZone::External);
        assert!(pp.bogon_filter.as_ref().unwrap().value);
    }

    /// sftpd answers only with sshd on and only the hosts `sftpd host` names (initial value
    /// none); it has no `service` command of its own.
    #[test]
    fn sftpd_follows_sshd_and_its_host_list() {
        let sftpd = |conf: &str| {
            let p = parse_text(Format::YamahaRtx, "rtx.conf", conf);
            p.model.mgmt_services.into_iter().find(|m| m.subject == "YAMAHA sftpd")
        };
        assert!(sftpd("sshd service on\n").is_none(), "sftpd host not set: none");
        assert!(sftpd("sftpd host any\n").is_none(), "sshd off: no sftpd");
        let on = sftpd("sshd service on\nsftpd host any\n");
        let on = on.expect("sshd on and a host list: sftpd answers");
        assert_eq!(on.protocol, MgmtProtocol::Ssh);
        assert_eq!(on.reachable_from.value, Reachability::Unrestricted);
        assert!(sftpd("sftpd service on\nsftpd host any\n").is_none(), "no such switch: sshd decides");
    }

    /// The TFTP server (configuration and firmware read and written without a password)
    /// answers the hosts `tftp host` names; without the line, nobody (command reference §4.54).
    #[test]
    fn tftp_answers_the_hosts_tftp_host_names() {
        let tftp = |conf: &str| {
            let p = parse_text(Format::YamahaRtx, "rtx.conf", conf);
            p.model.mgmt_services.into_iter().find(|m| m.subject == "YAMAHA tftp")
        };
        assert!(tftp("ip lan1 address 192.168.0.1/24\n").is_none());
        assert!(tftp("tftp host none\n").is_none());
        let any = tftp("tftp host any\n").expect("tftp host any");
        assert_eq!(any.protocol, MgmtProtocol::Tftp);
        assert!(any.enabled.value && !any.enabled.defaulted);
        assert_eq!(any.reachable_from.value, Reachability::Unrestricted);
    }
}
