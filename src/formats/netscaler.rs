//! Citrix NetScaler ADC / Gateway `ns.conf` (the saved configuration, `show ns runningConfig`):
//! one command per line (`add lb vserver ...`, `set ssl vserver ... -tls1 DISABLED`), options
//! written `-name value`, values double- or single-quoted where they hold spaces, `#` lines
//! as comments (the first one names the release: `#NS13.1 Build 37.38`).
//!
//! Shaped as the walkthrough in docs/architecture.md says: `read` turns lines into commands
//! with the one lexer, `collect` gathers what they say into named structs (`Config`), `Lower`
//! turns those into the model section by section. ns.conf saves only what differs from the
//! defaults, so nearly every judgement relies on a documented default (sources in
//! docs/vendor-defaults.md, "Citrix NetScaler"; [V] read in Citrix's text):
//! SSL virtual server (legacy, no default profile): SSLv3, TLS 1.0, 1.1 and 1.2 ENABLED,
//! TLS 1.3 DISABLED, client authentication DISABLED [V]; a user SSL profile: SSLv3 DISABLED,
//! TLS 1.0–1.2 ENABLED [V]; the default front-end profile `ns_default_ssl_profile_frontend`
//! (when `set ssl parameter -defaultProfile ENABLED`): SSLv3 DISABLED, TLS 1.0–1.2 ENABLED
//! [V]; TLS 1.3 DISABLED wherever the config does not enable it [V] (the parameter's default);
//! management on an IP address: telnet, FTP, GUI (HTTP and HTTPS), SSH and SNMP ENABLED [V];
//! SNMP answers every host while no `add snmp manager` is configured [V]; Gateway split
//! tunnel OFF [V]. The built-in cipher groups (DEFAULT, HIGH, ...) change between releases:
//! their suites are not judged, and a diagnostic says so.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::router_common::{is_public_ipv4, masked_origin, unrecognized_text};
use crate::formats::{lex, ParseCx, SecretRecord};
use crate::i18n::notes::Note;
use crate::model::*;
use crate::source::SourceFile;
use crate::tls::suites;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Words are split on blanks; `"..."` and `'...'` quote, a backslash escapes (the CLI's
/// quoting of names and expressions).
const SYNTAX: lex::Syntax = lex::Syntax {
    quotes: lex::Quotes::Inline,
    comment: lex::Comment::None,
};

/// Upper bounds on lists a hostile file could grow without end.
const MAX_VSERVERS: usize = 20_000;
const MAX_BINDINGS: usize = 100_000;

/// Reads one `ns.conf` into the model.
pub fn parse(cx: &mut ParseCx, src: &Arc<SourceFile>) {
    let cmds = read(cx, src);
    let conf = collect(cx, src, &cmds);
    Lower::new(cx, src, conf).run();
}

// ---------------------------------------------------------------------------------------
// Read: lines into commands.

/// One command line: its words (unquoted) and its place, with evidence already masked.
struct Cmd {
    at: usize,
    words: Vec<String>,
    origin: Origin,
}

impl Cmd {
    /// The options after the first `skip` words: `-name value` pairs (names lowercased), a
    /// flag (`-encrypted`) with no value.
    fn options(&self, skip: usize) -> Options {
        let mut out = Vec::new();
        let mut it = self.words.iter().skip(skip).peekable();
        while let Some(w) = it.next() {
            let Some(name) = w.strip_prefix('-').filter(|n| !n.is_empty() && !n.starts_with(|c: char| c.is_ascii_digit())) else {
                continue;
            };
            let value = it.next_if(|v| !is_option_name(v)).cloned();
            out.push((name.to_ascii_lowercase(), value));
        }
        Options(out)
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.words.get(i).map(String::as_str)
    }
}

fn is_option_name(w: &str) -> bool {
    w.strip_prefix('-').is_some_and(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// The `-name value` options of a command.
struct Options(Vec<(String, Option<String>)>);

impl Options {
    /// The value of option `name` (lowercase), when given.
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }
    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(n, _)| n == name)
    }
    /// `ENABLED`/`DISABLED` (also `ON`/`OFF`, `YES`/`NO`) of option `name`.
    fn state(&self, name: &str) -> Option<bool> {
        match self.get(name)?.to_ascii_uppercase().as_str() {
            "ENABLED" | "ON" | "YES" => Some(true),
            "DISABLED" | "OFF" | "NO" => Some(false),
            _ => None,
        }
    }
}

/// Options whose value is a secret (lowercase, without the dash).
const SECRET_OPTIONS: &[&str] = &[
    "password",
    "passwd",
    "authpasswd",
    "privpasswd",
    "radkey",
    "ldapbinddnpassword",
    "keyvalue",
    "passcrypt",
    "secret",
    "sharedsecret",
    "tacacssecret",
    "communityname",
    "preSharedKey",
    "psk",
    "clientsecret",
    "key",
    "serverkey",
];

/// Commands whose word at the index is a secret given without an option name.
fn positional_secret(words: &[String]) -> Option<usize> {
    let w = |i: usize| words.get(i).map(|s| s.to_ascii_lowercase());
    match (w(0).as_deref(), w(1).as_deref(), w(2).as_deref()) {
        // add/set system user NAME PASSWORD ...
        (Some("add" | "set"), Some("system"), Some("user")) => words.get(4).filter(|p| !is_option_name(p)).map(|_| 4),
        // add snmp community NAME PERMISSION
        (Some("add"), Some("snmp"), Some("community")) => Some(3),
        _ => None,
    }
}

/// The line as evidence, every secret word replaced by `****`.
fn masked_text(words: &[String]) -> String {
    let positional = positional_secret(words);
    let mut out = Vec::with_capacity(words.len());
    let mut mask_next = false;
    for (i, w) in words.iter().enumerate() {
        let shown = if mask_next || Some(i) == positional {
            "****".to_string()
        } else if w.contains(char::is_whitespace) || w.is_empty() {
            format!("\"{w}\"")
        } else {
            w.clone()
        };
        mask_next = w.strip_prefix('-').is_some_and(|n| SECRET_OPTIONS.iter().any(|s| s.eq_ignore_ascii_case(n)));
        out.push(shown);
    }
    out.join(" ")
}

fn read(cx: &mut ParseCx, src: &SourceFile) -> Vec<Cmd> {
    let mut out = Vec::new();
    for (at, line) in lex::physical(&src.text) {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let (words, open) = lex::words(at, line, SYNTAX);
        if open {
            cx.diag(DiagLevel::Warning, src, at, DiagKind::UnterminatedQuote);
            cx.unrecognized_lines += 1;
            continue;
        }
        let words: Vec<String> = words.into_iter().map(|w| w.text.into_owned()).collect();
        let origin = masked_origin(src, at, at + line.len(), &masked_text(&words));
        out.push(Cmd { at, words, origin });
    }
    out
}

// ---------------------------------------------------------------------------------------
// Collect: what the commands say, in named structs.

/// An SSL protocol version switch and the other per-entity SSL settings a `set ssl vserver`
/// or an SSL profile holds.
#[derive(Default, Clone)]
struct SslSettings {
    /// `-ssl3 -tls1 -tls11 -tls12 -tls13`, each with the line that set it.
    versions: BTreeMap<TlsVersion, (bool, Origin)>,
    client_auth: Option<(bool, Origin)>,
    client_cert: Option<(String, Origin)>,
    profile: Option<(String, Origin)>,
}

impl SslSettings {
    fn read(&mut self, o: &Options, origin: &Origin) {
        for (name, v) in VERSION_OPTIONS {
            if let Some(on) = o.state(name) {
                self.versions.insert(*v, (on, origin.clone()));
            }
        }
        if let Some(on) = o.state("clientauth") {
            self.client_auth = Some((on, origin.clone()));
        }
        if let Some(c) = o.get("clientcert") {
            self.client_cert = Some((c.to_ascii_lowercase(), origin.clone()));
        }
        if let Some(p) = o.get("sslprofile") {
            self.profile = Some((p.to_string(), origin.clone()));
        }
    }
}

const VERSION_OPTIONS: &[(&str, TlsVersion)] = &[
    ("ssl3", TlsVersion::Ssl3),
    ("tls1", TlsVersion::Tls10),
    ("tls11", TlsVersion::Tls11),
    ("tls12", TlsVersion::Tls12),
    ("tls13", TlsVersion::Tls13),
];

/// What kind of virtual server terminates TLS.
#[derive(Clone, Copy, PartialEq, Eq)]
enum VserverKind {
    Lb,
    Cs,
    /// NetScaler Gateway (`add vpn vserver`).
    Vpn,
    /// AAA (`add authentication vserver`).
    Aaa,
}

impl VserverKind {
    fn word(self) -> &'static str {
        match self {
            VserverKind::Lb => "lb",
            VserverKind::Cs => "cs",
            VserverKind::Vpn => "vpn",
            VserverKind::Aaa => "authentication",
        }
    }
}

/// `add lb|cs|vpn|authentication vserver NAME SSL IP PORT ...`.
struct Vserver {
    kind: VserverKind,
    name: String,
    address: String,
    port: String,
    origin: Origin,
    /// An address of its own (a non-addressable vserver, `0.0.0.0 0`, is reached only
    /// through a content-switching vserver).
    addressable: bool,
    /// Gateway: `-authnProfile` hands authentication to an AAA vserver (nFactor), whose
    /// factors this file shows only through that vserver.
    authn_profile: bool,
}

/// An IP address the appliance owns, with its management switches.
#[derive(Default)]
struct IpConf {
    address: String,
    origin: Option<Origin>,
    /// NSIP (`set ns config -IPAddress`): management is always on.
    nsip: bool,
    mgmt_access: Option<(bool, Origin)>,
    /// telnet, ftp, gui, ssh, snmp as the lines set them.
    switches: BTreeMap<&'static str, (String, Origin)>,
}

/// `add/set system user`.
struct SystemUser {
    name: String,
    origin: Origin,
}

/// `bind vpn vserver NAME -policy P [-secondary]`.
struct VpnAuthBinding {
    secondary: bool,
    origin: Origin,
}

#[derive(Default)]
struct Config {
    /// (release "13.1-37.38", line).
    version: Option<(String, Origin)>,
    fips: bool,
    hostname: Option<String>,
    ips: Vec<IpConf>,
    default_profile: Option<(bool, Origin)>,
    profiles: BTreeMap<String, SslSettings>,
    ssl_vservers: BTreeMap<String, SslSettings>,
    vservers: Vec<Vserver>,
    /// Cipher names bound to a vserver or a profile, by its name.
    vserver_ciphers: BTreeMap<String, Vec<(String, Origin)>>,
    profile_ciphers: BTreeMap<String, Vec<(String, Origin)>>,
    /// `bind ssl vserver|profile X -eccCurveName C`: the curves offered for ECDHE.
    vserver_curves: BTreeMap<String, Vec<(String, Origin)>>,
    profile_curves: BTreeMap<String, Vec<(String, Origin)>>,
    /// CA certificates bound to a vserver for client authentication.
    vserver_ca: BTreeMap<String, (String, Origin)>,
    /// User cipher groups: `add ssl cipher G`, `bind ssl cipher G -cipherName X`.
    cipher_groups: BTreeMap<String, Vec<String>>,
    users: Vec<SystemUser>,
    /// A `set system user nsroot PASSWORD` line exists.
    nsroot_password: bool,
    /// `bind system global POLICY`: administrators authenticate at an external server.
    system_external_auth: Option<Origin>,
    snmp_communities: Vec<Origin>,
    snmp_managers: Vec<String>,
    snmp_v3: Vec<(Origin, bool)>,
    log_targets: Vec<LogTarget>,
    ntp_servers: Vec<TimeSource>,
    ntp_sync: bool,
    vpn_auth: BTreeMap<String, Vec<VpnAuthBinding>>,
    split_tunnel: Option<(bool, Origin)>,
    acls: Vec<Acl>,
}

/// `add ns acl NAME ALLOW|DENY [-srcIP [=] A[-B]] [-destIP [=] D] ...` (extended ACLs, applied
/// in priority order; a packet no ACL matches is allowed).
struct Acl {
    allow: bool,
    src: Option<String>,
    dest: Option<String>,
    origin: Origin,
}

/// First words (two or three) of commands kensa reads but does not judge. Others are counted
/// unrecognised.
const KNOWN: &[&str] = &[
    "enable ns feature",
    "enable ns mode",
    "disable ns feature",
    "disable ns mode",
    "set ns param",
    "set ns tcpparam",
    "set ns httpparam",
    "set ns tcpprofile",
    "set ns httpprofile",
    "add ns tcpprofile",
    "add ns httpprofile",
    "set ns weblogparam",
    "set ns rpcnode",
    "set ns encryptionparams",
    "set ns timeout",
    "set ns diameter",
    "set ns variable",
    "add ns variable",
    "add ns acl",
    "apply ns acls",
    "add ns limitidentifier",
    "add ns trafficdomain",
    "set ns hardwareparam",
    "set ns pbrs",
    "add ns pbr",
    "apply ns pbrs",
    "set system parameter",
    "add system group",
    "bind system group",
    "set system group",
    "add system cmdpolicy",
    "bind system user",
    "set ssl service",
    "set ssl servicegroup",
    "set ssl monitor",
    "bind ssl service",
    "bind ssl servicegroup",
    "add ssl certkey",
    "link ssl certkey",
    "set ssl certkey",
    "add ssl dtlsprofile",
    "set ssl fips",
    "add ssl fipskey",
    "set ssl policy",
    "add ssl policy",
    "add ssl action",
    "bind ssl global",
    "add ssl cachegroup",
    "set ssl parameter",
    "add server",
    "add service",
    "add servicegroup",
    "bind service",
    "bind servicegroup",
    "set service",
    "set servicegroup",
    "add lb monitor",
    "set lb monitor",
    "bind lb monitor",
    "bind lb vserver",
    "set lb vserver",
    "set lb parameter",
    "add lb group",
    "bind cs vserver",
    "set cs vserver",
    "add cs policy",
    "add cs action",
    "add vlan",
    "bind vlan",
    "set vlan",
    "add route",
    "set route",
    "add ns ip6",
    "set ns ip6",
    "set interface",
    "add channel",
    "set channel",
    "set lacp",
    "set rsskeytype",
    "set ha node",
    "add ha node",
    "set ha",
    "add dns nameserver",
    "add dns addrec",
    "add dns nsrec",
    "add dns soarec",
    "set dns parameter",
    "add rewrite action",
    "add rewrite policy",
    "bind rewrite global",
    "add responder action",
    "add responder policy",
    "bind responder global",
    "set responder param",
    "add policy patset",
    "bind policy patset",
    "add policy stringmap",
    "bind policy stringmap",
    "add policy expression",
    "add policy dataset",
    "bind policy dataset",
    "add audit syslogpolicy",
    "bind audit syslogglobal",
    "add audit nslogaction",
    "add audit nslogpolicy",
    "bind audit nslogglobal",
    "set audit syslogparams",
    "set audit nslogparams",
    "add audit messageaction",
    "add authentication ldapaction",
    "add authentication ldappolicy",
    "add authentication radiusaction",
    "add authentication radiuspolicy",
    "add authentication tacacsaction",
    "add authentication tacacspolicy",
    "add authentication samlaction",
    "add authentication samlpolicy",
    "add authentication certaction",
    "add authentication certpolicy",
    "add authentication localpolicy",
    "add authentication policy",
    "add authentication policylabel",
    "bind authentication policylabel",
    "add authentication loginschema",
    "add authentication loginschemapolicy",
    "add authentication authnprofile",
    "add authentication oauthaction",
    "add authentication dfaaction",
    "add authentication epaaction",
    "add authentication noauthaction",
    "bind authentication vserver",
    "set authentication vserver",
    "add authorization policy",
    "add vpn sessionpolicy",
    "add vpn intranetapplication",
    "add vpn url",
    "add vpn portaltheme",
    "add vpn clientlessaccesspolicy",
    "add vpn trafficaction",
    "add vpn trafficpolicy",
    "bind vpn global",
    "set vpn vserver",
    "add aaa group",
    "add aaa user",
    "bind aaa group",
    "set aaa parameter",
    "set aaa radiusparams",
    "set aaa ldapparams",
    "set aaa tacacsparams",
    "add aaa kcdaccount",
    "add tm sessionaction",
    "add tm sessionpolicy",
    "bind tm global",
    "set tm sessionparameter",
    "add ica action",
    "add ica policy",
    "set ica parameter",
    "add rdp clientprofile",
    "add appfw profile",
    "add appfw policy",
    "bind appfw global",
    "set appfw settings",
    "add bot profile",
    "add cmp policy",
    "set cmp parameter",
    "bind cmp global",
    "add cache contentgroup",
    "add cache policy",
    "set cache parameter",
    "add dns view",
    "add gslb site",
    "add gslb vserver",
    "add gslb service",
    "bind gslb vserver",
    "set gslb parameter",
    "add appflow collector",
    "add appflow action",
    "add appflow policy",
    "set appflow param",
    "add snmp alarm",
    "set snmp alarm",
    "set snmp mib",
    "add snmp view",
    "add snmp group",
    "add snmp trap",
    "bind snmp trap",
    "set snmp option",
    "set ntp param",
    "add ntp key",
    "set ns config",
    "set ns hostname",
    "set ns ip",
    "add ns ip",
    "add ns netprofile",
    "add ns ipset",
    "add ns tcpbufparam",
    "set lb sipparameters",
    "add lb metrictable",
    "add lb profile",
    "add lb persistentsessions",
    "add network",
    "set l4param",
    "set ipsec parameter",
    "add ipsec profile",
    "add netprofile",
    "set cloud",
    "add cloud",
    "set analytics",
    "add analytics profile",
    "set callhome",
    "enable feature",
    "disable feature",
    "set ssl profile",
    "add ssl profile",
    "bind ssl profile",
    "add ssl cipher",
    "bind ssl cipher",
    "set ssl vserver",
    "bind ssl vserver",
    "set nd6ravariables",
    "bind nd6ravariables",
    "set ipv6",
    "set urlfiltering parameter",
    "set videooptimization parameter",
    "set bot settings",
    "set reputation settings",
    "set ns feature",
    "set subscriber gxinterface",
    "set smpp param",
    "set qos parameters",
    "set lsn parameter",
    "set ptp",
    "set ns spparams",
    "set aaa otpparameter",
    "add smartcontrol",
    "add db user",
    "set db dbprofile",
    "add stream selector",
    "add stream identifier",
    "add spillover policy",
    "add transform profile",
    "add transform action",
    "add transform policy",
    "add filter action",
    "add filter policy",
    "add cr vserver",
    "bind cr vserver",
    "add cr policy",
    "set cr vserver",
    "add ns pbr6",
    "add ns simpleacl",
    "add ns acl6",
    "set dns profile",
    "add dns profile",
    "set vpn parameter",
    "add vpn sessionaction",
    "bind vpn vserver",
    "add vpn vserver",
    "add lb vserver",
    "add cs vserver",
    "add authentication vserver",
    "add system user",
    "set system user",
    "bind system global",
    "add snmp community",
    "add snmp manager",
    "add snmp user",
    "add audit syslogaction",
    "add ntp server",
    "enable ntp sync",
    "disable ntp sync",
];

/// NetScaler CLI modules (a command's second word) whose other commands kensa reads as
/// NetScaler's and does not judge (`bind cache policylabel`, `set appfw profile`, ...).
/// Commands of the modules kensa judges (ns, ssl, system, vpn, snmp, audit, ntp,
/// authentication, lb, cs) are listed one by one in `KNOWN`.
const UNJUDGED_MODULES: &[&str] = &[
    "aaa",
    "appflow",
    "appfw",
    "appqoe",
    "arp",
    "authorization",
    "bot",
    "bridgegroup",
    "cache",
    "callhome",
    "channel",
    "cloud",
    "cmp",
    "contentinspection",
    "cr",
    "db",
    "dns",
    "feo",
    "filter",
    "gslb",
    "ha",
    "ica",
    "inat",
    "interface",
    "ip6tunnelparam",
    "ipsec",
    "ipv6",
    "l4param",
    "lacp",
    "location",
    "lsn",
    "mapbmr",
    "nd6",
    "nd6ravariables",
    "netbridge",
    "netprofile",
    "network",
    "policy",
    "ptp",
    "qos",
    "rdp",
    "reputation",
    "responder",
    "rewrite",
    "rnat",
    "route",
    "route6",
    "rsskeytype",
    "server",
    "service",
    "servicegroup",
    "smpp",
    "spillover",
    "stream",
    "subscriber",
    "tm",
    "transform",
    "tunnel",
    "urlfiltering",
    "videooptimization",
    "vlan",
    "vxlan",
    "cloudtunnel",
    "analytics",
    "adm",
    "pq",
    "sc",
    "ipset",
    "vrid",
    "vrid6",
    "fis",
    "forwardingsession",
    "protocol",
    "user",
    "auditnslog",
];

/// Verbs of NetScaler's CLI.
const VERBS: &[&str] = &["add", "set", "bind", "unbind", "enable", "disable", "link", "apply", "unset", "rm"];

/// A NetScaler command of a module kensa does not judge.
fn unjudged_module(c: &Cmd) -> bool {
    let lower = |i: usize| c.word(i).map(str::to_ascii_lowercase).unwrap_or_default();
    VERBS.contains(&lower(0).as_str()) && UNJUDGED_MODULES.contains(&lower(1).as_str())
}

/// The command's first words, lowercased, as `KNOWN` lists them: three when the second is a
/// module that names the object with a third (`add ssl profile`), else two.
fn head(c: &Cmd) -> String {
    let w: Vec<String> = c.words.iter().take(3).map(|w| w.to_ascii_lowercase()).collect();
    let three = w.join(" ");
    if KNOWN.contains(&three.as_str()) {
        return three;
    }
    w.iter().take(2).cloned().collect::<Vec<_>>().join(" ")
}

fn collect(cx: &mut ParseCx, src: &SourceFile, cmds: &[Cmd]) -> Config {
    let mut conf = Config::default();
    for (at, line) in lex::physical(&src.text) {
        if let Some(v) = line.trim_start().strip_prefix("#NS") {
            conf.version = release(v).map(|(r, fips)| {
                conf.fips |= fips;
                (r, src.origin(at, at + line.len()))
            });
            break;
        }
    }
    let mut bindings = 0usize;
    for c in cmds {
        let h = head(c);
        let lower = |i: usize| c.word(i).map(str::to_ascii_lowercase);
        match h.as_str() {
            "set ns config" => {
                if let Some(ip) = c.options(3).get("ipaddress") {
                    let ipc = ip_conf(&mut conf.ips, ip);
                    ipc.nsip = true;
                    ipc.origin.get_or_insert_with(|| c.origin.clone());
                }
            }
            "set ns hostname" => conf.hostname = c.word(3).map(str::to_string),
            "set ns ip" | "add ns ip" => ns_ip(&mut conf, c),
            "set ssl parameter" => {
                if let Some(on) = c.options(3).state("defaultprofile") {
                    conf.default_profile = Some((on, c.origin.clone()));
                }
            }
            "add ssl profile" | "set ssl profile" => {
                if let Some(name) = c.word(3) {
                    let o = c.options(4);
                    if h == "add ssl profile" && o.get("sslprofiletype").is_some_and(|t| t.eq_ignore_ascii_case("backend")) {
                        continue;
                    }
                    conf.profiles.entry(name.to_string()).or_default().read(&o, &c.origin);
                }
            }
            "set ssl vserver" => {
                if let Some(name) = c.word(3) {
                    conf.ssl_vservers.entry(name.to_string()).or_default().read(&c.options(4), &c.origin);
                }
            }
            "bind ssl vserver" | "bind ssl profile" => {
                let Some(name) = c.word(3) else { continue };
                let o = c.options(4);
                bindings += 1;
                if bindings > MAX_BINDINGS {
                    continue;
                }
                let (ciphers, curves) = if h == "bind ssl vserver" {
                    (&mut conf.vserver_ciphers, &mut conf.vserver_curves)
                } else {
                    (&mut conf.profile_ciphers, &mut conf.profile_curves)
                };
                for (key, map) in [("ciphername", ciphers), ("ecccurvename", curves)] {
                    if let Some(v) = o.get(key) {
                        map.entry(name.to_string()).or_default().push((v.to_string(), c.origin.clone()));
                    }
                }
                if let (Some(cert), true) = (o.get("certkeyname"), o.has("ca")) {
                    conf.vserver_ca.insert(name.to_string(), (cert.to_string(), c.origin.clone()));
                }
            }
            "add ssl cipher" => {
                if let Some(g) = c.word(3) {
                    conf.cipher_groups.entry(g.to_ascii_uppercase()).or_default();
                }
            }
            "bind ssl cipher" => {
                let (Some(g), Some(name)) = (c.word(3), c.options(4).get("ciphername").map(str::to_string)) else {
                    continue;
                };
                bindings += 1;
                if bindings <= MAX_BINDINGS {
                    conf.cipher_groups.entry(g.to_ascii_uppercase()).or_default().push(name);
                }
            }
            "add lb vserver" | "add cs vserver" | "add vpn vserver" | "add authentication vserver" => {
                let kind = match lower(1).as_deref() {
                    Some("lb") => VserverKind::Lb,
                    Some("cs") => VserverKind::Cs,
                    Some("vpn") => VserverKind::Vpn,
                    _ => VserverKind::Aaa,
                };
                vserver(cx, src, &mut conf, c, kind);
            }
            "bind vpn vserver" => {
                let Some(name) = c.word(3) else { continue };
                let o = c.options(4);
                if o.get("policy").is_some() && is_authentication_binding(&o) {
                    bindings += 1;
                    if bindings <= MAX_BINDINGS {
                        conf.vpn_auth.entry(name.to_string()).or_default().push(VpnAuthBinding {
                            secondary: o.has("secondary"),
                            origin: c.origin.clone(),
                        });
                    }
                }
            }
            "set vpn vserver" => {
                if c.options(4).get("authnprofile").is_some() {
                    if let Some(v) = conf
                        .vservers
                        .iter_mut()
                        .find(|v| v.kind == VserverKind::Vpn && Some(v.name.as_str()) == c.word(3))
                    {
                        v.authn_profile = true;
                    }
                }
            }
            "add vpn sessionaction" | "set vpn parameter" => {
                let o = c.options(if h == "add vpn sessionaction" { 4 } else { 3 });
                if let Some(v) = o.get("splittunnel") {
                    let on = !v.eq_ignore_ascii_case("OFF");
                    // One portal that splits is enough to report.
                    if conf.split_tunnel.as_ref().is_none_or(|(s, _)| !s) {
                        conf.split_tunnel = Some((on, c.origin.clone()));
                    }
                }
            }
            "add system user" | "set system user" => system_user(cx, &mut conf, c),
            "bind system global" => {
                if c.word(3).is_some() {
                    conf.system_external_auth.get_or_insert_with(|| c.origin.clone());
                }
            }
            "add snmp community" => {
                conf.snmp_communities.push(c.origin.clone());
                if let Some(community) = c.word(3) {
                    cx.secret(
                        SecretRecord::new(
                            SecretKind::SnmpCommunity,
                            SecretStorage::Plaintext,
                            "NetScaler SNMP community",
                            c.origin.clone(),
                        )
                        .value(community),
                    );
                }
            }
            "add snmp manager" => {
                if let Some(m) = c.word(3) {
                    let mask = c.options(4).get("netmask").map(|n| format!("/{n}")).unwrap_or_default();
                    conf.snmp_managers.push(format!("{m}{mask}"));
                }
            }
            "add snmp user" => {
                let o = c.options(4);
                conf.snmp_v3
                    .push((c.origin.clone(), o.get("privtype").is_some() && o.get("authtype").is_some()));
                for (opt, what) in [("authpasswd", "auth"), ("privpasswd", "priv")] {
                    if let Some(v) = o.get(opt) {
                        let storage = option_secret_storage(&o);
                        let subject = format!("NetScaler SNMPv3 user {} ({what})", c.word(3).unwrap_or("?"));
                        cx.secret(SecretRecord::new(SecretKind::SnmpCommunity, storage, subject, c.origin.clone()).value(v));
                    }
                }
            }
            "add audit syslogaction" => syslog(&mut conf, c),
            "add ntp server" => {
                if let Some(server) = c.word(3) {
                    let o = c.options(4);
                    conf.ntp_servers.push(TimeSource {
                        origin: c.origin.clone(),
                        server: server.to_string(),
                        authenticated: o.state("autokey") == Some(true) || o.get("key").is_some() || o.has("autokey"),
                    });
                }
            }
            "add ns acl" => {
                if conf.acls.len() < MAX_BINDINGS {
                    if let Some(acl) = acl(c) {
                        conf.acls.push(acl);
                    }
                }
            }
            "enable ntp sync" => conf.ntp_sync = true,
            "disable ntp sync" => conf.ntp_sync = false,
            "add authentication radiusaction" | "add authentication tacacsaction" | "add authentication ldapaction" => {
                let o = c.options(4);
                for opt in ["radkey", "tacacssecret", "ldapbinddnpassword"] {
                    if let Some(v) = o.get(opt) {
                        let subject = format!("NetScaler {} {}", c.word(2).unwrap_or(""), c.word(3).unwrap_or(""));
                        cx.secret(SecretRecord::new(SecretKind::AaaServerKey, option_secret_storage(&o), subject, c.origin.clone()).value(v));
                    }
                }
            }
            "set ns rpcnode" => {
                let o = c.options(4);
                if let Some(v) = o.get("password") {
                    let subject = format!("NetScaler rpcNode {}", c.word(3).unwrap_or(""));
                    cx.secret(SecretRecord::new(SecretKind::Password, option_secret_storage(&o), subject, c.origin.clone()).value(v));
                }
            }
            "add aaa user" => {
                let o = c.options(4);
                if let (Some(name), Some(v)) = (c.word(3), o.get("password")) {
                    let subject = format!("NetScaler AAA user {name}");
                    cx.secret(
                        SecretRecord::new(SecretKind::UserPassword, option_secret_storage(&o), subject, c.origin.clone())
                            .value(v)
                            .account(name),
                    );
                }
            }
            _ if KNOWN.contains(&h.as_str()) || unjudged_module(c) => {}
            _ => {
                if secret_bearing(c) {
                    cx.diag_at(
                        &c.origin,
                        DiagKind::SecretNotJudged {
                            subject: format!("NetScaler {}", c.words.iter().take(3).cloned().collect::<Vec<_>>().join(" ")),
                            redacted: false,
                        },
                    );
                }
                cx.unrecognized(src, c.at, &unrecognized_text(&c.origin.evidence));
            }
        }
    }
    conf
}

/// `13.1 Build 37.38` (after `#NS`) → ("13.1-37.38", FIPS build). FIPS builds carry their own
/// numbers on the 12.1 and 13.1 trains (12.1-55.2xx/3xx, 13.1-37.1xx/2xx: build numbers the
/// standard trains never reached on those lines), or say `fips` in the build string.
fn release(text: &str) -> Option<(String, bool)> {
    let mut w = text.split_whitespace();
    let train = w.next()?;
    if !train.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let build_word = match w.next() {
        Some(b) if b.eq_ignore_ascii_case("build") => w.next()?,
        _ => return None,
    };
    let lower = build_word.to_ascii_lowercase();
    let build: String = build_word.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let build = build.trim_end_matches('.');
    let mut nums = build.split('.').map(|p| p.parse::<u32>().ok());
    let (Some(Some(major)), Some(Some(minor))) = (nums.next(), nums.next()) else {
        return None;
    };
    let fips_numbered = matches!((train, major), ("12.1", 55) | ("13.1", 37)) && minor >= 100;
    Some((format!("{train}-{build}"), lower.contains("fips") || fips_numbered))
}

/// Is a `bind vpn vserver -policy` an authentication policy (not a session or traffic one)?
/// Session and other policies are bound with their own options too; authentication ones
/// carry `-secondary`/`-groupExtraction` or are bound without a `-type`. Names alone say
/// nothing, so the binding's own words decide: a policy bound with `-type` is not one.
fn is_authentication_binding(o: &Options) -> bool {
    o.get("type").is_none() && !o.has("gotopriorityexpression") || o.has("secondary")
}

fn ip_conf<'a>(ips: &'a mut Vec<IpConf>, address: &str) -> &'a mut IpConf {
    let i = match ips.iter().position(|i| i.address == address) {
        Some(i) => i,
        None => {
            ips.push(IpConf {
                address: address.to_string(),
                ..Default::default()
            });
            ips.len() - 1
        }
    };
    &mut ips[i]
}

/// An extended ACL; `-srcIP = X` and `-srcIP X` both name the source (`!=` negates, which
/// this reader does not follow: such an ACL is left out).
fn acl(c: &Cmd) -> Option<Acl> {
    let allow = match c.word(4)?.to_ascii_uppercase().as_str() {
        "ALLOW" => true,
        "DENY" | "DROP" => false,
        _ => return None,
    };
    let mut src = None;
    let mut dest = None;
    let mut it = c.words.iter().skip(5);
    while let Some(w) = it.next() {
        let slot = match w.to_ascii_lowercase().as_str() {
            "-srcip" => &mut src,
            "-destip" => &mut dest,
            _ => continue,
        };
        let mut v = it.next()?.clone();
        if v == "!=" {
            return None;
        }
        if v == "=" {
            v = it.next()?.clone();
        }
        *slot = Some(v);
    }
    Some(Acl {
        allow,
        src,
        dest,
        origin: c.origin.clone(),
    })
}

/// Who may reach management on `address`: restricted when ACLs allow listed sources to it
/// and deny everyone else (a DENY for the address, or for all, with no source).
fn acl_reach(acls: &[Acl], address: &str) -> Option<(Vec<String>, Origin)> {
    let to_it = |a: &Acl| a.dest.as_deref().is_none_or(|d| d == address || d.split('-').next() == Some(address));
    let deny = acls.iter().find(|a| !a.allow && a.src.is_none() && to_it(a))?;
    let allowed: Vec<String> = acls.iter().filter(|a| a.allow && to_it(a)).filter_map(|a| a.src.clone()).collect();
    (!allowed.is_empty()).then(|| (allowed, deny.origin.clone()))
}

/// `add ns ip ADDR MASK [-type T] [-mgmtAccess E] [-telnet E] ...` and `set ns ip ADDR ...`.
fn ns_ip(conf: &mut Config, c: &Cmd) {
    let Some(addr) = c.word(3) else { return };
    if conf.ips.len() > MAX_VSERVERS {
        return;
    }
    let o = c.options(4);
    let ipc = ip_conf(&mut conf.ips, addr);
    ipc.origin.get_or_insert_with(|| c.origin.clone());
    if let Some(on) = o.state("mgmtaccess") {
        ipc.mgmt_access = Some((on, c.origin.clone()));
    }
    for sw in ["telnet", "ftp", "gui", "ssh", "snmp"] {
        if let Some(v) = o.get(sw) {
            ipc.switches.insert(sw, (v.to_ascii_uppercase(), c.origin.clone()));
        }
    }
}

fn vserver(cx: &mut ParseCx, src: &SourceFile, conf: &mut Config, c: &Cmd, kind: VserverKind) {
    let (Some(name), Some(service)) = (c.word(3), c.word(4)) else {
        cx.diag(
            DiagLevel::Warning,
            src,
            c.at,
            DiagKind::Syntax {
                detail: format!("add {} vserver without a name and type", kind.word()),
            },
        );
        return;
    };
    if conf.vservers.len() >= MAX_VSERVERS {
        return;
    }
    // Only these service types terminate TLS on the appliance (SSL_BRIDGE passes it through).
    if !matches!(service.to_ascii_uppercase().as_str(), "SSL" | "SSL_TCP") && kind != VserverKind::Vpn && kind != VserverKind::Aaa {
        return;
    }
    let address = c.word(5).filter(|w| !is_option_name(w)).unwrap_or("0.0.0.0").to_string();
    let port = c.word(6).filter(|w| !is_option_name(w)).unwrap_or("0").to_string();
    let addressable = !(address == "0.0.0.0" || address == "::") || port != "0";
    let o = c.options(5);
    conf.vservers.push(Vserver {
        kind,
        name: name.to_string(),
        addressable,
        authn_profile: o.get("authnprofile").is_some(),
        address,
        port,
        origin: c.origin.clone(),
    });
    // A Gateway or AAA vserver of type DTLS or other is still the Gateway feature; only
    // SSL ones are TLS endpoints.
    if !matches!(service.to_ascii_uppercase().as_str(), "SSL" | "SSL_TCP") {
        if let Some(v) = conf.vservers.last_mut() {
            v.addressable = false;
        }
    }
}

/// `-encrypted` with `-encryptmethod ENCMTHD_3` (or `-kek`): encrypted under the appliance's
/// own key-encryption key. Without `-encrypted` the value is plaintext.
fn option_secret_storage(o: &Options) -> SecretStorage {
    if o.has("encrypted") {
        SecretStorage::DeviceEncrypted
    } else {
        SecretStorage::Plaintext
    }
}

/// A line outside kensa's vocabulary that carries a secret option.
fn secret_bearing(c: &Cmd) -> bool {
    c.words
        .iter()
        .any(|w| w.strip_prefix('-').is_some_and(|n| SECRET_OPTIONS.iter().any(|s| s.eq_ignore_ascii_case(n))))
}

/// `add system user NAME [PASSWORD] [-encrypted] [-hashmethod H] ...` / `set system user`.
fn system_user(cx: &mut ParseCx, conf: &mut Config, c: &Cmd) {
    let Some(name) = c.word(3) else { return };
    let o = c.options(4);
    if !conf.users.iter().any(|u| u.name == name) {
        conf.users.push(SystemUser {
            name: name.to_string(),
            origin: c.origin.clone(),
        });
    }
    let Some(pw) = c.word(4).filter(|p| !is_option_name(p)) else { return };
    conf.nsroot_password |= name == "nsroot";
    let storage = if o.has("encrypted") {
        password_hash_storage(pw, o.get("hashmethod"))
    } else {
        SecretStorage::Plaintext
    };
    let subject = format!("NetScaler system user {name}");
    let mut r = SecretRecord::new(SecretKind::Password, storage, subject, c.origin.clone())
        .value(pw)
        .account(name);
    // nsroot's factory password is nsroot (Citrix: "The default user name and password is
    // nsroot"): the value, not a guess, when the config writes it in plaintext.
    if name == "nsroot" && storage == SecretStorage::Plaintext && pw == "nsroot" {
        r = r.factory_default();
    }
    if storage == SecretStorage::Redacted {
        cx.diag_at(
            &c.origin,
            DiagKind::SecretNotJudged {
                subject: format!("NetScaler system user {name}"),
                redacted: true,
            },
        );
    }
    cx.secret(r);
}

/// How an `-encrypted` system-user password is hashed: `-hashmethod SHA512` (salted
/// SHA-512) is strong; SHA1 and MD5 are weak; with no `-hashmethod`, releases before the
/// SHA-512 default wrote a salted SHA-1 of 49 hex digits (a version digit, an 8-digit salt,
/// 40 digits of SHA-1). A value of any other shape is not judged.
fn password_hash_storage(value: &str, method: Option<&str>) -> SecretStorage {
    match method.map(str::to_ascii_uppercase).as_deref() {
        Some("SHA512" | "SHA256") => SecretStorage::StrongHash,
        Some("SHA1" | "MD5") => SecretStorage::WeakHash,
        _ if value.len() == 49 && value.bytes().all(|b| b.is_ascii_hexdigit()) => SecretStorage::WeakHash,
        _ if value.len() >= 100 && value.bytes().all(|b| b.is_ascii_hexdigit()) => SecretStorage::StrongHash,
        _ => SecretStorage::Redacted,
    }
}

/// `add audit syslogAction NAME SERVER|-serverDomainName D [-serverPort P] [-transport T]`.
fn syslog(conf: &mut Config, c: &Cmd) {
    let o = c.options(4);
    let server = c
        .word(4)
        .filter(|w| !is_option_name(w))
        .map(str::to_string)
        .or_else(|| o.get("serverdomainname").map(str::to_string));
    if let Some(server) = server {
        conf.log_targets.push(LogTarget {
            origin: c.origin.clone(),
            destination: format!("syslog {server}"),
            remote: true,
            encrypted: false,
        });
    }
}

// ---------------------------------------------------------------------------------------
// Lower: the collected config into the model.

struct Lower<'a> {
    cx: &'a mut ParseCx,
    conf: Config,
    /// The whole file, for settings no line shows.
    dev_origin: Origin,
    /// `-snmp DISABLED` on every management address (the first such line): no SNMP query
    /// is answered.
    snmp_blocked: Option<Origin>,
}

impl<'a> Lower<'a> {
    fn new(cx: &'a mut ParseCx, src: &'a SourceFile, conf: Config) -> Self {
        let dev_origin = src.origin(0, 0).with_evidence("NetScaler ns.conf");
        Lower {
            cx,
            conf,
            dev_origin,
            snmp_blocked: None,
        }
    }

    fn run(mut self) {
        self.device();
        self.accounts();
        self.management();
        self.snmp();
        self.cx.model.log_targets.append(&mut self.conf.log_targets);
        self.ntp();
        self.tls();
    }

    fn device(&mut self) {
        let c = &self.conf;
        // Neither the `#NS` line a saved ns.conf starts with nor the NSIP a first setup
        // gives (`set ns config -IPAddress`): a script for an appliance already running,
        // whose other settings this input does not show (docs/trees.md, "Excerpts").
        if c.version.is_none() && !c.ips.iter().any(|ip| ip.nsip) {
            self.cx.model.excerpt = Some("#NS… Build …".into());
        }
        let origin = c.version.as_ref().map_or_else(|| self.dev_origin.clone(), |(_, o)| o.clone());
        self.cx.model.device = Some(Device {
            product: "NetScaler".into(),
            hostname: c.hostname.clone(),
            is_network_device: true,
            origin,
            source_routing: None,
        });
        let Some((version, origin)) = &c.version else { return };
        let mut features = Vec::new();
        // Citrix's advisories: exposed "when configured as a Gateway (VPN virtual server, ICA
        // Proxy, CVPN, RDP Proxy) or AAA virtual server".
        if c.vservers.iter().any(|v| matches!(v.kind, VserverKind::Vpn | VserverKind::Aaa)) {
            features.push(Feature::Gateway);
        }
        self.cx.model.firmware.push(Firmware {
            product: if c.fips { Product::NetScalerFips } else { Product::NetScaler },
            model: None,
            version: version.clone(),
            build: None,
            origin: origin.clone(),
            features,
        });
    }

    /// nsroot exists on every appliance (it cannot be deleted) with superuser rights; other
    /// users are administrators when bound to the `superuser` command policy, which this
    /// reader does not follow: only nsroot is taken as an administrator.
    fn accounts(&mut self) {
        let second_factor = match &self.conf.system_external_auth {
            Some(_) => None,
            None => Some(Setting::default_at(false, self.dev_origin.with_note(Note::absent("bind system global")))),
        };
        let origin = self
            .conf
            .users
            .iter()
            .find(|u| u.name == "nsroot")
            .map_or_else(|| self.dev_origin.with_note(Note::absent("set system user nsroot")), |u| u.origin.clone());
        // No password written for nsroot: the documented default `nsroot` applies (Citrix's
        // reset procedure removes exactly this line to restore it). The value is the
        // vendor's published one, not read from the file.
        if !self.conf.nsroot_password {
            let o = origin.with_note(Note::not_set_default_of("set system user nsroot PASSWORD", "NetScaler", "nsroot"));
            self.cx.model.secrets.push(Secret {
                kind: SecretKind::Password,
                storage: SecretStorage::External,
                subject: "NetScaler system user nsroot".into(),
                origin: o,
                strength: Some(SecretStrength::measure("nsroot", Some("nsroot"))),
                read_write: false,
                factory_default: true,
                fingerprint: None,
                link: None,
                clear_by_design: false,
                peer: None,
            });
        }
        self.cx.model.accounts.push(Account {
            name: "nsroot".into(),
            origin,
            admin: true,
            remote_access: false,
            default_name: true,
            second_factor,
            trusted_hosts: None,
        });
    }

    /// Telnet, FTP, HTTP, HTTPS and SSH on the NSIP and on every address with
    /// `-mgmtAccess ENABLED`.
    fn management(&mut self) {
        let mut snmp_open = false;
        for ip in std::mem::take(&mut self.conf.ips) {
            let Some(ip_origin) = ip.origin.clone() else { continue };
            if !ip.nsip && !ip.mgmt_access.as_ref().is_some_and(|(on, _)| *on) {
                continue;
            }
            match ip.switches.get("snmp") {
                Some((v, o)) if v == "DISABLED" => {
                    self.snmp_blocked.get_or_insert_with(|| o.clone());
                }
                _ => snmp_open = true,
            }
            let who = if ip.nsip {
                format!("NSIP {}", ip.address)
            } else {
                format!("IP {}", ip.address)
            };
            let reach = if let Some((allowed, o)) = acl_reach(&self.conf.acls, &ip.address) {
                Setting::explicit(Reachability::Restricted(allowed), o)
            } else if is_public_ipv4(&ip.address) {
                Setting::explicit(Reachability::External(ip.address.clone()), ip_origin.clone())
            } else {
                Setting::default_at(Reachability::Unrestricted, ip_origin.with_note(Note::absent("add ns acl")))
            };
            let switch = |name: &'static str| -> (String, Origin, bool) {
                match ip.switches.get(name) {
                    Some((v, o)) => (v.clone(), o.clone(), false),
                    None => (
                        "ENABLED".to_string(),
                        ip_origin.with_note(Note::not_set_default_of(&format!("-{name}"), "NetScaler", "ENABLED")),
                        true,
                    ),
                }
            };
            let mut services: Vec<(MgmtProtocol, &str, (String, Origin, bool))> = Vec::new();
            for (proto, name) in [(MgmtProtocol::Telnet, "telnet"), (MgmtProtocol::Ftp, "ftp"), (MgmtProtocol::Ssh, "ssh")] {
                services.push((proto, name, switch(name)));
            }
            let gui = switch("gui");
            if gui.0 == "ENABLED" {
                services.push((MgmtProtocol::Http, "gui", gui.clone()));
            }
            if gui.0 == "ENABLED" || gui.0 == "SECUREONLY" {
                services.push((MgmtProtocol::Https, "gui", gui));
            }
            for (proto, name, (value, origin, defaulted)) in services {
                if value != "ENABLED" && value != "SECUREONLY" {
                    continue;
                }
                let shown = match proto {
                    MgmtProtocol::Http => "gui (HTTP)".to_string(),
                    MgmtProtocol::Https => "gui (HTTPS)".to_string(),
                    _ => name.to_string(),
                };
                self.cx.model.mgmt_services.push(MgmtService {
                    subject: format!("NetScaler {who} {shown}"),
                    protocol: proto,
                    origin: origin.clone(),
                    enabled: Setting {
                        value: true,
                        origin,
                        defaulted,
                    },
                    reachable_from: reach.clone(),
                    version: None,
                    strong_auth: None,
                });
            }
        }
        if snmp_open {
            self.snmp_blocked = None;
        }
    }

    /// SNMP v1/v2c when a community is configured (no community, no answer), SNMPv3 users.
    /// Without `add snmp manager` every host may query [V].
    fn snmp(&mut self) {
        let reach = |o: &Origin, managers: &[String]| {
            if managers.is_empty() {
                Setting::default_at(Reachability::Unrestricted, o.with_note(Note::absent("add snmp manager")))
            } else {
                Setting::explicit(Reachability::Restricted(managers.to_vec()), o.clone())
            }
        };
        if self.snmp_blocked.is_some() {
            // Communities and users stay configured, but no address answers queries.
            return;
        }
        if let Some(first) = self.conf.snmp_communities.first() {
            self.cx.model.mgmt_services.push(MgmtService {
                subject: "NetScaler SNMP v1/v2c".into(),
                protocol: MgmtProtocol::Snmp,
                origin: first.clone(),
                enabled: Setting::explicit(true, first.clone()),
                reachable_from: reach(first, &self.conf.snmp_managers),
                version: Some(Setting::explicit(2, first.clone())),
                strong_auth: None,
            });
        }
        for (origin, strong) in std::mem::take(&mut self.conf.snmp_v3) {
            self.cx.model.mgmt_services.push(MgmtService {
                subject: "NetScaler SNMPv3".into(),
                protocol: MgmtProtocol::Snmp,
                origin: origin.clone(),
                enabled: Setting::explicit(true, origin.clone()),
                reachable_from: reach(&origin, &self.conf.snmp_managers),
                version: Some(Setting::explicit(3, origin.clone())),
                strong_auth: Some(Setting::explicit(strong, origin)),
            });
        }
    }

    /// NTP servers count only while `enable ntp sync` has the appliance use them.
    fn ntp(&mut self) {
        if self.conf.ntp_sync {
            self.cx.model.time_sources.append(&mut self.conf.ntp_servers);
        }
    }

    /// Every SSL virtual server: its protocol versions, suites and client authentication, from
    /// its own settings, its SSL profile, or the default profile; Gateway vservers also as an
    /// SSL VPN.
    fn tls(&mut self) {
        let vservers = std::mem::take(&mut self.conf.vservers);
        for v in &vservers {
            if !v.addressable {
                continue;
            }
            let own = self.conf.ssl_vservers.get(&v.name).cloned().unwrap_or_default();
            // A profile the file does not define is one of the appliance's other built-in
            // profiles (`ns_default_ssl_profile_secure_frontend`) or one set up elsewhere:
            // its protocols and client authentication are not known, so not judged.
            if let Some((p, o)) = &own.profile {
                if p != DEFAULT_FRONTEND && !self.conf.profiles.contains_key(p) {
                    self.cx.diag_at(
                        o,
                        DiagKind::ReferenceMissing {
                            name: format!("ssl profile {p}"),
                        },
                    );
                    continue;
                }
            }
            let enhanced = self.conf.default_profile.as_ref().is_some_and(|(on, _)| *on);
            let (settings, base, base_name, cipher_owner) = match &own.profile {
                Some((p, _)) => (
                    self.conf.profiles.get(p).cloned().unwrap_or_default(),
                    Base::Profile,
                    p.clone(),
                    Some(p.clone()),
                ),
                None if enhanced => (
                    self.conf.profiles.get(DEFAULT_FRONTEND).cloned().unwrap_or_default(),
                    Base::Profile,
                    DEFAULT_FRONTEND.to_string(),
                    Some(DEFAULT_FRONTEND.to_string()),
                ),
                None => (own.clone(), Base::Legacy, String::new(), None),
            };
            let block = match (&own.profile, base) {
                (Some((_, o)), _) => o.clone(),
                _ => v.origin.clone(),
            };
            let by = if base == Base::Legacy {
                "NetScaler".to_string()
            } else {
                format!("NetScaler SSL profile {base_name}")
            };
            let versions = versions(&settings, base, &block, &by);
            let subject = format!("NetScaler {} vserver {} ({}:{})", v.kind.word(), v.name, v.address, v.port);
            let service = match v.kind {
                VserverKind::Vpn => TlsService::SslVpn,
                _ => TlsService::Http,
            };
            let mut ep = TlsEndpoint::new(subject.clone(), TlsRole::Server, service, v.origin.clone(), versions.clone());
            // Suites: the names bound to the vserver (legacy) or to its profile.
            let bound = match &cipher_owner {
                Some(p) => self.conf.profile_ciphers.get(p).cloned().unwrap_or_default(),
                None => self.conf.vserver_ciphers.get(&v.name).cloned().unwrap_or_default(),
            };
            self.suites(&mut ep, &bound, &block);
            let curves = match &cipher_owner {
                Some(p) => self.conf.profile_curves.get(p),
                None => self.conf.vserver_curves.get(&v.name),
            };
            ep.groups = curves.and_then(|c| ecc_curves(c));
            let client_auth = client_auth(&settings, &block, &by);
            if let Some((ca, o)) = self.conf.vserver_ca.get(&v.name) {
                ep.client_ca = Some(Setting::explicit(ca.clone(), o.clone()));
            }
            ep.client_auth = Some(client_auth.clone());
            self.cx.model.tls_endpoints.push(ep);
            if v.kind == VserverKind::Vpn {
                self.gateway(v, subject, &versions, &client_auth);
            }
        }
    }

    /// The suites of the cipher names bound (or the built-in DEFAULT group when none is):
    /// each name expanded through user cipher groups; built-in groups are named in a
    /// diagnostic and not judged.
    fn suites(&mut self, ep: &mut TlsEndpoint, bound: &[(String, Origin)], block: &Origin) {
        let mut codes: Vec<u16> = Vec::new();
        let mut unknown: BTreeSet<String> = BTreeSet::new();
        let names: Vec<(String, Origin)> = if bound.is_empty() {
            vec![("DEFAULT".to_string(), block.clone())]
        } else {
            bound.to_vec()
        };
        for (name, _) in &names {
            let upper = name.to_ascii_uppercase();
            let members: Vec<String> = match self.conf.cipher_groups.get(&upper) {
                Some(m) => m.clone(),
                None => vec![name.clone()],
            };
            for m in members {
                match ns_cipher(&m) {
                    Some(c) if !codes.contains(&c) => codes.push(c),
                    Some(_) => {}
                    None => {
                        unknown.insert(m);
                    }
                }
            }
        }
        let origin = names.first().map_or_else(|| block.clone(), |(_, o)| o.clone());
        let (builtin, unknown): (Vec<String>, Vec<String>) = unknown
            .into_iter()
            .partition(|m| BUILTIN_CIPHER_GROUPS.contains(&m.to_ascii_uppercase().as_str()));
        if !builtin.is_empty() {
            let groups = builtin.join(", ");
            self.cx.diag_at(
                &origin,
                DiagKind::BuiltinCipherGroups {
                    product: "NetScaler".into(),
                    groups,
                },
            );
        }
        if !unknown.is_empty() {
            let tokens = unknown.join(":");
            self.cx.diag_at(&origin, DiagKind::UnknownCipherTokens { tokens });
        }
        if codes.is_empty() {
            return;
        }
        let enabled = ep.versions.value.clone();
        for v in enabled {
            let usable: Vec<u16> = codes.iter().copied().filter(|c| suites::by_code(*c).is_some_and(|s| s.usable_in(v))).collect();
            ep.cipher_suites.insert(
                v,
                Setting {
                    value: Arc::from(usable),
                    origin: origin.clone(),
                    defaulted: bound.is_empty(),
                },
            );
        }
    }

    /// A Gateway vserver as an SSL VPN: its TLS floor, client certificates, second factor
    /// and split tunnelling.
    fn gateway(&mut self, v: &Vserver, subject: String, versions: &Setting<Vec<TlsVersion>>, client_auth: &Setting<ClientAuth>) {
        let mut t = VpnTunnel::new(subject, VpnKind::SslVpn, VpnUse::RemoteAccess, VpnRole::Server, v.origin.clone());
        if let Some(min) = versions.value.first() {
            t.tls_min_version = Some(Setting {
                value: *min,
                origin: versions.origin.clone(),
                defaulted: versions.defaulted,
            });
        }
        t.requires_client_cert = Some(client_auth.clone().map(|c| c == ClientAuth::Required));
        let binds = self.conf.vpn_auth.get(&v.name);
        t.second_factor = if v.authn_profile {
            // nFactor through an AAA vserver: its factors are policy labels this reader does
            // not follow.
            None
        } else if let Some(b) = binds.and_then(|b| b.iter().find(|b| b.secondary)) {
            Some(Setting::explicit(true, b.origin.clone()))
        } else {
            binds
                .and_then(|b| b.first())
                .map(|b| Setting::default_at(false, b.origin.with_note(Note::absent("-secondary"))))
        };
        t.split_tunnel = Some(match &self.conf.split_tunnel {
            Some((on, o)) => Setting::explicit(*on, o.clone()),
            None => Setting::default_at(false, v.origin.with_note(Note::not_set_default_of("-splitTunnel", "NetScaler", "OFF"))),
        });
        self.cx.model.vpn_tunnels.push(t);
    }
}

const DEFAULT_FRONTEND: &str = "ns_default_ssl_profile_frontend";

/// Where a vserver's SSL settings come from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Base {
    /// The vserver's own `set ssl vserver` parameters (no default profile).
    Legacy,
    /// An SSL profile (a user profile or the default front-end profile).
    Profile,
}

/// The enabled versions: each switch as set, else the default of the settings' base. The
/// setting's origin is the switch that enabled the oldest version (or the block that relies
/// on its default).
fn versions(s: &SslSettings, base: Base, block: &Origin, by: &str) -> Setting<Vec<TlsVersion>> {
    let mut on: Vec<(TlsVersion, Origin, bool)> = Vec::new();
    for (name, v) in VERSION_OPTIONS {
        let default_on = match v {
            TlsVersion::Ssl3 => base == Base::Legacy,
            TlsVersion::Tls13 => false,
            _ => true,
        };
        match s.versions.get(v) {
            Some((true, o)) => on.push((*v, o.clone(), false)),
            Some((false, _)) => {}
            None if default_on => on.push((*v, block.with_note(Note::not_set_default_of(&format!("-{name}"), by, "ENABLED")), true)),
            None => {}
        }
    }
    let origin = on.first().map_or_else(|| (block.clone(), false), |(_, o, d)| (o.clone(), *d));
    Setting {
        value: on.into_iter().map(|(v, _, _)| v).collect(),
        origin: origin.0,
        defaulted: origin.1,
    }
}

/// `-clientAuth ENABLED -clientCert Mandatory|Optional`; DISABLED by default [V]. Enabled
/// with no `-clientCert` is not judged (unknown).
fn client_auth(s: &SslSettings, block: &Origin, by: &str) -> Setting<ClientAuth> {
    match (&s.client_auth, &s.client_cert) {
        (Some((true, o)), Some((cert, _))) => Setting::explicit(if cert == "mandatory" { ClientAuth::Required } else { ClientAuth::Optional }, o.clone()),
        (Some((true, o)), None) => Setting::explicit(ClientAuth::Unknown, o.clone()),
        (Some((false, o)), _) => Setting::explicit(ClientAuth::None, o.clone()),
        (None, _) => Setting::default_at(ClientAuth::None, block.with_note(Note::not_set_default_of("-clientAuth", by, "DISABLED"))),
    }
}

/// The ECDHE curves bound (`-eccCurveName P_256`): NetScaler's names for the NIST curves
/// and X25519. A saved ns.conf lists every curve bound, the default ones (P_256, P_384,
/// P_224, P_521) included, so the list is what the vserver offers; none bound is not judged.
fn ecc_curves(bound: &[(String, Origin)]) -> Option<Setting<Arc<[Group]>>> {
    let groups: Vec<Group> = bound
        .iter()
        .filter_map(|(c, _)| {
            let name = match c.to_ascii_uppercase().as_str() {
                "P_224" => "secp224r1",
                "P_256" => "secp256r1",
                "P_384" => "secp384r1",
                "P_521" => "secp521r1",
                "X_25519" => "x25519",
                _ => return None,
            };
            crate::tls::groups::by_name(name).map(|g| g.to_model())
        })
        .collect();
    let origin = bound.first()?.1.clone();
    (!groups.is_empty()).then(|| Setting::explicit(Arc::from(groups), origin))
}

/// NetScaler's predefined cipher groups and aliases (Citrix "Ciphers available on the
/// NetScaler appliances": `sh cipher DEFAULT`, `DEFAULT_BACKEND`, `sh cipher ECDHE`; the
/// OpenSSL-style aliases the appliance lists beside them): bound (or `DEFAULT` when nothing
/// is), their suites are not judged, as their contents change between releases.
const BUILTIN_CIPHER_GROUPS: [&str; 10] = [
    "DEFAULT",
    "DEFAULT_BACKEND",
    "ALL",
    "HIGH",
    "MEDIUM",
    "LOW",
    "EXPORT",
    "SECURE",
    "NULL",
    "ECDHE",
];

/// A NetScaler cipher name (`TLS1.2-ECDHE-RSA-AES256-GCM-SHA384`, `SSL3-DES-CBC3-SHA`,
/// `TLS1-AES-256-CBC-SHA`, `TLS1.3-AES128-GCM-SHA256`) as its IANA code point: the name
/// after its protocol prefix is OpenSSL's, spelt with a few NetScaler variants. Built-in
/// groups and aliases (DEFAULT, HIGH, SECURE, ...) give None.
fn ns_cipher(name: &str) -> Option<u16> {
    let upper = name.to_ascii_uppercase();
    let tls13 = [
        ("TLS1.3-AES256-GCM-SHA384", "TLS_AES_256_GCM_SHA384"),
        ("TLS1.3-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256"),
        ("TLS1.3-CHACHA20-POLY1305-SHA256", "TLS_CHACHA20_POLY1305_SHA256"),
        ("TLS1.3-AES128-CCM-SHA256", "TLS_AES_128_CCM_SHA256"),
        ("TLS1.3-AES128-CCM-8-SHA256", "TLS_AES_128_CCM_8_SHA256"),
    ];
    if let Some((_, iana)) = tls13.iter().find(|(n, _)| *n == upper) {
        return suites::by_iana(iana).map(|s| s.code);
    }
    let rest = ["TLS1.2-", "TLS1.1-", "TLS1-", "SSL3-", "SSL2-"].iter().find_map(|p| upper.strip_prefix(p))?;
    let rest = rest
        .replace("AES-128-CBC-SHA256", "AES128-SHA256")
        .replace("AES-256-CBC-SHA256", "AES256-SHA256")
        .replace("AES-128-CBC-SHA", "AES128-SHA")
        .replace("AES-256-CBC-SHA", "AES256-SHA")
        .replace("AES-128", "AES128")
        .replace("AES-256", "AES256");
    let candidates = [rest.clone(), rest.replace("EDH-", "DHE-"), rest.replace("DHE-", "EDH-")];
    candidates.iter().find_map(|n| suites::by_openssl(n)).map(|s| s.code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{parse_text, Format};

    fn parse(text: &str) -> crate::formats::ParsedInput {
        parse_text(Format::Netscaler, "ns.conf", text)
    }

    #[test]
    fn release_line_names_train_build_and_fips() {
        assert_eq!(release("13.1 Build 37.38"), Some(("13.1-37.38".into(), false)));
        assert_eq!(release("14.1 Build 12.35"), Some(("14.1-12.35".into(), false)));
        assert_eq!(release("13.1 Build 37.164"), Some(("13.1-37.164".into(), true)));
        assert_eq!(release("12.1 Build 55.18"), Some(("12.1-55.18".into(), false)));
        assert_eq!(release("13.0 Build 92.19.nc"), Some(("13.0-92.19".into(), false)));
        assert_eq!(release("garbage"), None);
    }

    /// A built-in group (bound, or `DEFAULT` when nothing is) is named as one and not
    /// judged; a word that is neither a cipher nor a group is still an unknown word.
    #[test]
    fn builtin_cipher_groups_are_named_not_called_unknown() {
        let text = "#NS13.1 Build 37.38\nadd ssl certKey site -cert site.crt -key site.key\nadd lb vserver web SSL 192.0.2.10 443\nbind ssl vserver web -certkeyName site\nbind ssl vserver web -cipherName HIGH\nbind ssl vserver web -cipherName TLS1.2-NOSUCH-SUITE\n";
        let p = parse(text);
        let kinds: Vec<_> = p.diagnostics.iter().map(|d| &d.kind).collect();
        assert!(
            kinds
                .iter()
                .any(|k| matches!(k, DiagKind::BuiltinCipherGroups { groups, .. } if groups == "HIGH")),
            "{kinds:?}"
        );
        assert!(
            kinds
                .iter()
                .any(|k| matches!(k, DiagKind::UnknownCipherTokens { tokens } if tokens == "TLS1.2-NOSUCH-SUITE")),
            "{kinds:?}"
        );
    }

    #[test]
    fn cipher_names_map_to_iana() {
        let iana = |n: &str| ns_cipher(n).and_then(suites::by_code).map(|s| s.iana);
        assert_eq!(iana("TLS1.2-ECDHE-RSA-AES256-GCM-SHA384"), Some("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
        assert_eq!(iana("TLS1-AES-256-CBC-SHA"), Some("TLS_RSA_WITH_AES_256_CBC_SHA"));
        assert_eq!(iana("TLS1.2-ECDHE-RSA-AES-128-SHA256"), Some("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"));
        assert_eq!(iana("SSL3-DES-CBC3-SHA"), Some("TLS_RSA_WITH_3DES_EDE_CBC_SHA"));
        assert_eq!(iana("TLS1.3-AES256-GCM-SHA384"), Some("TLS_AES_256_GCM_SHA384"));
        assert_eq!(iana("DEFAULT"), None);
        assert_eq!(iana("SECURE"), None);
    }

    #[test]
    fn password_forms_are_read_as_netscaler_stores_them() {
        let p = parse(
            "#NS13.1 Build 49.13\n\
             set system user nsroot 35b7a39540c7f42a4c85455a750fed309e506d6d83fcaae83 -encrypted -hashmethod SHA1\n\
             add system user ops 1f7a3bfe0cf18f70c5b1bbe7a4a7b4e1cfd1fb3c7a2c2d3a8b4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6 -encrypted -hashmethod SHA512\n\
             add system user temp Temp1234\n\
             add authentication ldapAction ad -serverIP 10.0.0.5 -ldapBindDnPassword 36e2fd1867ca398c -encrypted -encryptmethod ENCMTHD_3\n",
        );
        let storage: Vec<SecretStorage> = p.model.secrets.iter().map(|s| s.storage).collect();
        assert_eq!(
            storage,
            [
                SecretStorage::WeakHash,
                SecretStorage::StrongHash,
                SecretStorage::Plaintext,
                SecretStorage::DeviceEncrypted
            ]
        );
        let shown = format!("{:?}", p.model);
        assert!(
            !shown.contains("Temp1234") && !shown.contains("36e2fd18") && !shown.contains("35b7a395"),
            "{shown}"
        );
    }

    #[test]
    fn legacy_vserver_defaults_and_explicit_switches() {
        let p = parse(
            "#NS13.1 Build 37.38\n\
             add lb vserver web SSL 10.0.0.20 443\n\
             add lb vserver api SSL 10.0.0.21 443\n\
             set ssl vserver api -ssl3 DISABLED -tls1 DISABLED -tls11 DISABLED -tls13 ENABLED -clientAuth ENABLED -clientCert Mandatory\n",
        );
        let web = &p.model.tls_endpoints[0];
        assert_eq!(web.versions.value, [TlsVersion::Ssl3, TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12]);
        assert!(web.versions.defaulted);
        assert_eq!(web.client_auth.as_ref().unwrap().value, ClientAuth::None);
        let api = &p.model.tls_endpoints[1];
        assert_eq!(api.versions.value, [TlsVersion::Tls12, TlsVersion::Tls13]);
        assert_eq!(api.client_auth.as_ref().unwrap().value, ClientAuth::Required);
    }

    #[test]
    fn default_profile_drops_sslv3() {
        let p = parse(
            "set ssl parameter -defaultProfile ENABLED\n\
             set ssl profile ns_default_ssl_profile_frontend -tls1 DISABLED\n\
             add cs vserver cs1 SSL 10.0.0.30 443\n",
        );
        assert_eq!(p.model.tls_endpoints[0].versions.value, [TlsVersion::Tls11, TlsVersion::Tls12]);
    }

    #[test]
    fn unterminated_quote_and_garbage_do_not_panic() {
        let p = parse("add lb vserver \"x SSL\nset ssl vserver\nbind ssl vserver\nadd ns ip\nadd system user\n\u{0}\u{7f}");
        assert!(p.unrecognized_lines >= 1);
    }
}
