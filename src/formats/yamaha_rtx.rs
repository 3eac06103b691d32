//! YAMAHA RTX `show config` text: flat commands, with `pp select N` / `tunnel select N`
//! setting the context of the lines after them. Defaults come from the YAMAHA RTX command
//! reference (chapter 15 "IPsec の設定" [V], as recorded in the project's vendor notes): an
//! IPsec gateway without `ipsec ike version`/`encryption`/`hash`/`group`/`pfs`/
//! `negotiate-strictly` runs IKEv1, 3DES-CBC, SHA-1, MODP1024, no PFS, and accepts any
//! supported proposal. The management-daemon defaults are unconfirmed [K] (the command
//! reference on www.rtpro.yamaha.co.jp could not be read for them; see
//! docs/vendor-defaults.md) and are kept at values that report exposure.

use crate::formats::router_common::{is_bogon_prefix, lines, masked_origin, push_secret, words, Tok};
use crate::formats::ParseCx;
use crate::model::*;
use crate::source::SourceFile;
use std::collections::BTreeMap;

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

#[derive(Default)]
struct Gw {
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
    child: Vec<(Proposal, Origin)>,
    l2tp: bool,
}

/// `<daemon> service` and `<daemon> host` lines.
type Daemon = (Option<(bool, Origin)>, Option<(Vec<String>, Origin)>);

#[derive(Clone)]
enum Ctx {
    None,
    Pp(String),
    Tunnel(String),
}

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    let mut ctx = Ctx::None;
    let mut gws: BTreeMap<String, Gw> = BTreeMap::new();
    let mut tunnel_origin: BTreeMap<String, Origin> = BTreeMap::new();
    // tunnel number → gateway (from `ipsec tunnel <policy>` → `ipsec sa policy <policy> <gw>`)
    let mut tunnel_policy: BTreeMap<String, String> = BTreeMap::new();
    let mut policy_gw: BTreeMap<String, String> = BTreeMap::new();
    let mut filters: BTreeMap<String, (bool, String)> = BTreeMap::new(); // id → (reject, src)
    let mut secure_in: BTreeMap<String, (Vec<String>, Origin)> = BTreeMap::new();
    let mut if_addr: BTreeMap<String, (String, Origin)> = BTreeMap::new();
    let mut wan_ifs: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    // LAN ports that only carry PPPoE: filtering happens on the pp interface.
    let mut pppoe_carriers: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut daemons: BTreeMap<&'static str, Daemon> = BTreeMap::new();
    let mut login_pw: Option<Origin> = None;
    let mut admin_pw: Option<Origin> = None;
    let mut users: Vec<(String, Origin)> = Vec::new();
    let mut admins: Vec<String> = Vec::new();
    let mut source_route: Option<(bool, Origin)> = None;
    let mut snmp_hosts: Vec<String> = Vec::new();
    let mut snmp_comm: Vec<(bool, Origin, String)> = Vec::new();
    let mut header: Option<(String, String, Origin)> = None;
    let mut hostname: Option<String> = None;

    for line in logical_lines(&src.text) {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(c) = t.strip_prefix('#') {
            // "# RTX1210 Rev.14.01.38 (Fri Jun 26 16:34:11 2020)"
            let w: Vec<&str> = c.split_whitespace().collect();
            if header.is_none() && w.len() >= 2 && w[1].starts_with("Rev.") {
                header = Some((
                    w[0].to_string(),
                    w[1].trim_start_matches("Rev.").to_string(),
                    src.origin(line.start, line.start + line.text.len()),
                ));
            }
            continue;
        }
        let ws = line.words();
        let w: Vec<&str> = ws.iter().map(|x| x.text).collect();
        let (start, end) = (ws.first().map_or(line.start, |x| x.start), ws.last().map_or(line.start, |x| x.end));
        // A joined line's span holds the terminal's line break: its evidence is the joined text.
        let o = || {
            if line.joins.is_empty() {
                src.origin(start, end)
            } else {
                src.origin_showing(start, end, &crate::formats::evidence_text(t))
            }
        };
        let mo = |masked: &str| masked_origin(src, start, end, masked);
        if !KNOWN.contains(&w[0]) {
            cx.unrecognized(src, start, &crate::formats::router_common::unrecognized_text(t));
            continue;
        }
        match w.as_slice() {
            ["pp", "select", n] => ctx = if *n == "none" { Ctx::None } else { Ctx::Pp(n.to_string()) },
            ["tunnel", "select", n] => {
                if *n == "none" {
                    ctx = Ctx::None
                } else {
                    ctx = Ctx::Tunnel(n.to_string());
                    tunnel_origin.entry(n.to_string()).or_insert_with(o);
                }
            }
            ["tunnel", "encapsulation", kind, ..] if kind.starts_with("l2tp") && !kind.starts_with("l2tpv3") => {
                if let Ctx::Tunnel(n) = &ctx {
                    gws.entry(n.clone()).or_default().l2tp = true;
                }
            }
            ["ipsec", "tunnel", pid] => {
                if let Ctx::Tunnel(n) = &ctx {
                    tunnel_policy.insert(n.clone(), pid.to_string());
                }
            }
            ["ipsec", "sa", "policy", pid, gw, proto, rest @ ..] => {
                policy_gw.insert(pid.to_string(), gw.to_string());
                let g = gws.entry(gw.to_string()).or_default();
                let mut p = Proposal::default();
                if *proto == "esp" {
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
                g.child.push((p, o()));
            }
            ["ipsec", "ike", rest @ ..] => ike_line(cx, src, &ws, rest, &ctx, &mut gws, o(), &mo),
            ["ip", "filter", "source-route", v] => source_route = Some((*v == "off", o())),
            ["ip", "filter", "dynamic", ..] => {}
            ["ip", "filter", id, action, srcaddr, ..] => {
                filters.insert(id.to_string(), (action.starts_with("reject"), srcaddr.to_string()));
            }
            ["ip", ifname, "secure", "filter", "in", ids @ ..] => {
                let ifn = iface(ifname, &ctx);
                let ids: Vec<String> = ids.iter().take_while(|x| **x != "dynamic").map(|x| x.to_string()).collect();
                secure_in.insert(ifn, (ids, o()));
            }
            ["ip", ifname, "address", addr, ..] => {
                let ifn = iface(ifname, &ctx);
                // An address from the carrier (DHCP) or a public one: the interface faces out.
                if *addr == "dhcp" || crate::formats::router_common::is_public_ipv4(addr) {
                    wan_ifs.insert(ifn.clone());
                }
                if_addr.insert(ifn, (addr.to_string(), o()));
            }
            ["ip", ifname, "nat", "descriptor", ..] => {
                let ifn = iface(ifname, &ctx);
                wan_ifs.insert(ifn);
            }
            ["pppoe", "use", lan] => {
                wan_ifs.insert(lan.to_string());
                pppoe_carriers.insert(lan.to_string());
                if let Ctx::Pp(n) = &ctx {
                    wan_ifs.insert(crate::cat!("pp ", n));
                }
            }
            ["pp", "auth", "username", name, rest @ ..] => {
                let name = name.to_string();
                let pw = rest.first().copied();
                let origin = mo(&crate::cat!("pp auth username ", name, " ****"));
                users.push((name.clone(), origin.clone()));
                push_secret(
                    cx,
                    SecretKind::UserPassword,
                    SecretStorage::Plaintext,
                    crate::cat!("YAMAHA PPP user ", name),
                    origin,
                    pw,
                    Some(&name),
                    false,
                );
            }
            ["auth", "user", _id, name, rest @ ..] => {
                let name = name.to_string();
                let pw = rest.first().copied();
                let origin = mo(&format!("auth user {} {name} ****", w[2]));
                users.push((name.clone(), origin.clone()));
                push_secret(
                    cx,
                    SecretKind::UserPassword,
                    SecretStorage::Plaintext,
                    crate::cat!("YAMAHA auth user ", name),
                    origin,
                    pw,
                    Some(&name),
                    false,
                );
            }
            ["login", "password", rest @ ..] | ["administrator", "password", rest @ ..] => {
                let which = w[0];
                let (storage, value) = secret_form(rest);
                let origin = mo(&format!(
                    "{which} password{} ****",
                    if rest.first() == Some(&"encrypted") { " encrypted" } else { "" }
                ));
                if which == "login" {
                    login_pw = Some(origin.clone());
                } else {
                    admin_pw = Some(origin.clone());
                }
                push_secret(
                    cx,
                    SecretKind::Password,
                    storage,
                    crate::cat!("YAMAHA ", which, " password"),
                    origin,
                    value,
                    None,
                    false,
                );
            }
            ["login", "user", name, rest @ ..] => {
                let (storage, value) = secret_form(rest);
                let origin = mo(&format!(
                    "login user {name}{} ****",
                    if rest.first() == Some(&"encrypted") { " encrypted" } else { "" }
                ));
                cx.model.accounts.push(Account {
                    name: name.to_string(),
                    origin: origin.clone(),
                    admin: false,
                    remote_access: false,
                    default_name: matches!(*name, "admin" | "root" | "user"),
                    // RTX logins have no second factor to configure: not applicable.
                    second_factor: None,
                    trusted_hosts: None,
                });
                push_secret(
                    cx,
                    SecretKind::Password,
                    storage,
                    crate::cat!("YAMAHA login user ", name),
                    origin,
                    value,
                    Some(name),
                    false,
                );
            }
            ["user", "attribute", name, attrs @ ..] if attrs.iter().any(|a| *a == "administrator=on" || *a == "administrator=2") => {
                admins.push(name.to_string());
            }
            // sftpd has no `service` switch (command reference 12.01): it runs with sshd.
            [d @ ("telnetd" | "sshd" | "httpd"), "service", v, ..] => {
                let key = daemon_key(d);
                daemons.entry(key).or_default().0 = Some((*v == "on", o()));
            }
            ["sshd", "host", "key", ..] => {}
            [d @ ("telnetd" | "sshd" | "httpd" | "sftpd"), "host", hosts @ ..] => {
                let key = daemon_key(d);
                daemons.entry(key).or_default().1 = Some((hosts.iter().map(|h| h.to_string()).collect(), o()));
            }
            ["syslog", "host", host, ..] => {
                cx.model.log_targets.push(LogTarget {
                    origin: o(),
                    destination: crate::cat!("syslog ", host),
                    remote: true,
                    encrypted: false,
                });
            }
            ["ntpdate", server, ..] => cx.model.time_sources.push(TimeSource {
                origin: o(),
                server: server.to_string(),
                authenticated: false,
            }),
            ["schedule", "at", ..] => {
                if let Some(i) = w.iter().position(|x| *x == "ntpdate") {
                    if let Some(server) = w.get(i + 1) {
                        cx.model.time_sources.push(TimeSource {
                            origin: o(),
                            server: server.to_string(),
                            authenticated: false,
                        });
                    }
                }
            }
            ["snmp", "host", hosts @ ..] => snmp_hosts.extend(hosts.iter().filter(|h| **h != "any").map(|h| h.to_string())),
            ["snmp", "community", mode, name] => {
                let origin = mo(&crate::cat!("snmp community ", mode, " ****"));
                let rw = *mode == "read-write";
                snmp_comm.push((rw, origin.clone(), crate::cat!("YAMAHA SNMP community (", mode, ")")));
                push_secret(
                    cx,
                    SecretKind::SnmpCommunity,
                    SecretStorage::Plaintext,
                    crate::cat!("YAMAHA SNMP community (", mode, ")"),
                    origin,
                    Some(name),
                    None,
                    rw,
                );
            }
            ["snmpv3", "usm", "user", _id, name, rest @ ..] => {
                let priv_ = rest
                    .iter()
                    .any(|x| x.contains("cbc") || x.contains("cfb") || x.starts_with("aes") || x.starts_with("des"));
                let origin = mo(&format!("snmpv3 usm user {} {name} ****", w[3]));
                cx.model.mgmt_services.push(MgmtService {
                    subject: crate::cat!("YAMAHA SNMPv3 user ", name),
                    protocol: MgmtProtocol::Snmp,
                    origin: origin.clone(),
                    enabled: Setting::explicit(true, origin.clone()),
                    reachable_from: Setting::explicit(snmp_reach(&snmp_hosts), origin.clone()),
                    version: Some(Setting::explicit(3, origin.clone())),
                    strong_auth: Some(Setting::explicit(priv_, origin)),
                });
            }
            ["description", rest @ ..] if matches!(ctx, Ctx::None) && hostname.is_none() => {
                let _ = rest;
            }
            ["ip", "host", name, ..] if hostname.is_none() => hostname = Some(name.to_string()),
            _ => {}
        }
    }

    // Device and firmware.
    let dev_origin = header
        .as_ref()
        .map(|h| h.2.clone())
        .unwrap_or_else(|| src.origin(0, 0).with_evidence("YAMAHA RTX configuration"));
    cx.model.device = Some(Device {
        product: "YAMAHA RTX".into(),
        hostname,
        is_network_device: true,
        origin: dev_origin.clone(),
        source_routing: None,
    });
    if let Some((model, version, origin)) = &header {
        cx.model.firmware.push(Firmware {
            product: Product::YamahaRtx,
            model: Some(model.clone()),
            version: version.clone(),
            build: None,
            origin: origin.clone(),
            features: vec![],
        });
    }
    // `ip filter source-route on` (default) drops source-routed packets [K], unconfirmed.
    if let Some(d) = cx.model.device.as_mut() {
        d.source_routing = Some(match &source_route {
            Some((accepted, o)) => Setting::explicit(*accepted, o.clone()),
            None => Setting::default_at(
                false,
                dev_origin.with_note("ip filter source-route not set: default on, source-routed packets dropped"),
            ),
        });
    }

    // Interfaces.
    let mut names: Vec<String> = if_addr.keys().cloned().collect();
    names.extend(secure_in.keys().cloned());
    names.extend(
        wan_ifs
            .iter()
            .filter(|w| !pppoe_carriers.contains(*w) || if_addr.contains_key(*w) || secure_in.contains_key(*w))
            .cloned(),
    );
    names.sort();
    names.dedup();
    for name in names {
        let zone = if name.starts_with("tunnel") {
            InterfaceZone::Tunnel
        } else if wan_ifs.contains(&name) || (name.starts_with("pp ") && name != "pp anonymous") {
            InterfaceZone::External
        } else if name == "pp anonymous" {
            InterfaceZone::Tunnel
        } else {
            InterfaceZone::Internal
        };
        let origin = if_addr
            .get(&name)
            .map(|x| x.1.clone())
            .or_else(|| secure_in.get(&name).map(|x| x.1.clone()))
            .unwrap_or_else(|| dev_origin.clone());
        let (inbound, bogon) = match secure_in.get(&name) {
            Some((ids, o)) => {
                let bogon = ids
                    .iter()
                    .any(|id| filters.get(id).is_some_and(|(reject, s)| *reject && s.split(',').any(is_bogon_prefix)));
                (Some(Setting::explicit(!ids.is_empty(), o.clone())), Some(Setting::explicit(bogon, o.clone())))
            }
            None => {
                let d = origin.with_evidence(&crate::cat!("ip ", name, " secure filter in not set"));
                (Some(Setting::default_at(false, d.clone())), Some(Setting::default_at(false, d)))
            }
        };
        let addresses = if_addr.get(&name).map(|x| vec![x.0.clone()]).unwrap_or_default();
        cx.model.interfaces.push(Interface {
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

    // Management daemons. Initial values from the YAMAHA RTX command reference (12.01,
    // docs/vendor-defaults.md): telnetd service on, host any; httpd service on, host lan
    // (Rev.14.00.34 and later; older firmware may answer any host, which kensa would then
    // under-report); sshd service off, host any; sftpd host none. sftpd has no service
    // switch: it answers, with sshd, the hosts `sftpd host` names.
    let sshd_service = daemons.get("sshd").and_then(|(svc, _)| svc.clone());
    for (key, proto, on_default, host_default) in [
        ("telnetd", MgmtProtocol::Telnet, true, "any"),
        ("httpd", MgmtProtocol::Http, true, "lan"),
        ("sshd", MgmtProtocol::Ssh, false, "any"),
        ("sftpd", MgmtProtocol::Ssh, false, "none"),
    ] {
        let (svc, host) = daemons.remove(key).unwrap_or_default();
        let svc = if key == "sftpd" { sshd_service.clone() } else { svc };
        let enabled = match &svc {
            Some((on, o)) => Setting::explicit(*on, o.clone()),
            None => Setting::default_at(
                on_default,
                dev_origin.with_note_parts(&[key, " service not set: default ", if on_default { "on" } else { "off" }]),
            ),
        };
        if !enabled.value {
            continue;
        }
        let (hosts, horigin, defaulted) = match &host {
            Some((h, o)) => (h.clone(), o.clone(), false),
            None => (
                vec![host_default.to_string()],
                dev_origin.with_evidence(&crate::cat!("(", key, " host not set: default ", host_default, ")")),
                true,
            ),
        };
        if hosts.iter().any(|h| h == "none") {
            continue;
        }
        let reach = reach_of(&hosts, &wan_ifs);
        let origin = host
            .as_ref()
            .map(|x| x.1.clone())
            .or(svc.as_ref().map(|x| x.1.clone()))
            .unwrap_or_else(|| dev_origin.clone());
        cx.model.mgmt_services.push(MgmtService {
            subject: crate::cat!("YAMAHA ", key),
            protocol: proto,
            origin,
            enabled,
            reachable_from: Setting {
                value: reach,
                origin: horigin,
                defaulted,
            },
            version: None,
            strong_auth: None,
        });
    }
    for (rw, origin, subject) in snmp_comm {
        let _ = rw;
        cx.model.mgmt_services.push(MgmtService {
            subject,
            protocol: MgmtProtocol::Snmp,
            origin: origin.clone(),
            enabled: Setting::explicit(true, origin.clone()),
            reachable_from: Setting::explicit(snmp_reach(&snmp_hosts), origin.clone()),
            version: Some(Setting::default_at(2, origin.clone())),
            strong_auth: Some(Setting::explicit(false, origin)),
        });
    }

    // Accounts and passwords: no `login password` / `administrator password` line means
    // the factory state, an empty password.
    for (which, have) in [("login", &login_pw), ("administrator", &admin_pw)] {
        if have.is_none() {
            let o = dev_origin.with_note_parts(&[which, " password not set: empty"]);
            push_secret(
                cx,
                SecretKind::Password,
                SecretStorage::Plaintext,
                crate::cat!("YAMAHA ", which, " password"),
                o,
                Some(""),
                None,
                false,
            );
        }
    }
    for a in cx.model.accounts.iter_mut() {
        if admins.contains(&a.name) {
            a.admin = true;
        }
    }
    for (name, origin) in users {
        cx.model.accounts.push(Account {
            name,
            origin: origin.clone(),
            admin: false,
            remote_access: true,
            default_name: false,
            second_factor: Some(Setting::default_at(false, origin.with_note("password only"))),
            trusted_hosts: None,
        });
    }

    // IPsec tunnels, one per gateway.
    for (n, pid) in &tunnel_policy {
        if let Some(gw) = policy_gw.get(pid) {
            if let Some(o) = tunnel_origin.get(n) {
                gws.entry(gw.clone()).or_default().origin.get_or_insert_with(|| o.clone());
            }
        }
    }
    for (gw, g) in gws {
        if g.child.is_empty() && g.encryption.is_none() && g.version.is_none() && g.remote_any.is_none() {
            continue;
        }
        let block = g
            .origin
            .clone()
            .or_else(|| tunnel_origin.get(&gw).cloned())
            .or_else(|| g.child.first().map(|c| c.1.clone()))
            .unwrap_or_else(|| dev_origin.clone());
        let dflt = |what: &str, v: &str| block.with_note_parts(&["ipsec ike ", what, " not set: default ", v]);
        let remote_access = g.l2tp || g.xauth.is_some();
        let usage = if remote_access { VpnUse::RemoteAccess } else { VpnUse::SiteToSite };
        let mut t = VpnTunnel::new(
            crate::cat!("YAMAHA IPsec gateway ", gw),
            if g.l2tp { VpnKind::L2tp } else { VpnKind::Ipsec },
            usage,
            if remote_access { VpnRole::Server } else { VpnRole::Peer },
            block.clone(),
        );
        let version = g
            .version
            .as_ref()
            .map_or_else(|| Setting::default_at(1u8, dflt("version", "1")), |(v, o)| Setting::explicit(*v, o.clone()));
        let enc = g.encryption.as_ref().map_or_else(
            || Setting::default_at(vec!["3des".to_string()], dflt("encryption", "3des-cbc")),
            |(v, o)| Setting::explicit(v.clone(), o.clone()),
        );
        let hash = g.hash.as_ref().map_or_else(
            || Setting::default_at(vec!["sha1".to_string()], dflt("hash", "sha")),
            |(v, o)| Setting::explicit(v.clone(), o.clone()),
        );
        let group = g.group.as_ref().map_or_else(
            || Setting::default_at(vec!["modp1024".to_string()], dflt("group", "modp1024")),
            |(v, o)| Setting::explicit(v.clone(), o.clone()),
        );
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
            prf: hash.value.iter().map(|h| crate::cat!("prf", h)).collect(),
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
        if !g.child.is_empty() {
            let mut props: Vec<Proposal> = g.child.iter().map(|c| c.0.clone()).collect();
            if pfs.value {
                // PFS uses the phase-2 group when given, else the phase-1 group.
                for p in props.iter_mut() {
                    p.dh_groups = group.value.clone();
                }
            }
            t.child_proposals = Some(Setting::explicit(props, g.child[0].1.clone()));
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
        cx.model.vpn_tunnels.push(t);
    }
}

/// Terminal width of a `show config` captured from a console or SSH session.
const TERMINAL_COLUMNS: usize = 80;

/// A command as the router printed it: one physical line, or several that an 80-column
/// terminal wrapped.
struct Logical<'a> {
    start: usize,
    text: std::borrow::Cow<'a, str>,
    /// (byte position in `text` where a wrapped part begins, bytes of line break before it).
    joins: Vec<(usize, usize)>,
}

impl Logical<'_> {
    /// The words with offsets in the source file (past a join, shifted over the line break).
    fn words(&self) -> Vec<Tok<'_>> {
        let mut ws = words(self.start, &self.text);
        for t in ws.iter_mut() {
            let (rel_start, rel_end) = (t.start - self.start, t.end - self.start);
            t.start += self.joins.iter().filter(|(pos, _)| rel_start >= *pos).map(|(_, gap)| gap).sum::<usize>();
            t.end += self.joins.iter().filter(|(pos, _)| rel_end > *pos).map(|(_, gap)| gap).sum::<usize>();
        }
        ws
    }
}

/// Columns a character takes in a terminal: East Asian wide and full-width forms take two.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// The file's lines with terminal wraps undone. A physical line exactly
/// [`TERMINAL_COLUMNS`] wide continues on the next line when that line could not be a
/// command of its own (its first word is no RTX command and it is no comment): the
/// terminal broke the command at the edge, so the parts are joined without a separator.
/// A line that merely happens to be 80 wide is followed by a real command and stays as is.
fn logical_lines(text: &str) -> Vec<Logical<'_>> {
    let mut out: Vec<Logical<'_>> = Vec::new();
    let mut last_width = 0usize;
    for line in lines(text) {
        let continues = last_width == TERMINAL_COLUMNS && {
            let first = line.text.split_whitespace().next();
            first.is_some_and(|w| !KNOWN.contains(&w) && !w.starts_with('#'))
        };
        match out.last_mut() {
            Some(prev) if continues => {
                let gap = line.start - (prev.start + prev.text.len() + prev.joins.iter().map(|(_, g)| g).sum::<usize>());
                let joined = prev.text.len();
                prev.text.to_mut().push_str(line.text);
                prev.joins.push((joined, gap));
            }
            _ => out.push(Logical {
                start: line.start,
                text: std::borrow::Cow::Borrowed(line.text),
                joins: Vec::new(),
            }),
        }
        // Columns never exceed bytes in UTF-8: short lines need no counting.
        last_width = if line.text.len() < TERMINAL_COLUMNS { 0 } else { columns(line.text) };
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn ike_line(
    cx: &mut ParseCx,
    _src: &SourceFile,
    ws: &[Tok],
    rest: &[&str],
    _ctx: &Ctx,
    gws: &mut BTreeMap<String, Gw>,
    o: Origin,
    mo: &dyn Fn(&str) -> Origin,
) {
    let _ = ws;
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
            let masked = mo(&format!(
                "ipsec ike pre-shared-key {gw} {}****",
                if vals.first() == Some(&"text") { "text " } else { "" }
            ));
            push_secret(
                cx,
                SecretKind::IpsecPsk,
                SecretStorage::Plaintext,
                crate::cat!("YAMAHA IPsec gateway ", gw),
                masked,
                value.as_deref(),
                None,
                false,
            );
        }
        _ => {}
    }
}

fn iface(name: &str, ctx: &Ctx) -> String {
    match (name, ctx) {
        ("pp", Ctx::Pp(n)) => crate::cat!("pp ", n),
        ("tunnel", Ctx::Tunnel(n)) => crate::cat!("tunnel ", n),
        _ => name.to_string(),
    }
}

fn daemon_key(d: &str) -> &'static str {
    match d {
        "telnetd" => "telnetd",
        "sshd" => "sshd",
        "httpd" => "httpd",
        _ => "sftpd",
    }
}

/// `telnetd host lan1` / `any` / `192.168.0.1-192.168.0.10` → reachability.
fn reach_of(hosts: &[String], wan: &std::collections::BTreeSet<String>) -> Reachability {
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
}
