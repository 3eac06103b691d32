//! strongSwan's legacy `ipsec.conf` (starter/stroke): `config setup`, `conn <name>` and
//! `ca <name>` sections of indented `key=value` lines, `conn %default`, `also=` and
//! `include`. Each conn that starter loads (`auto=add|route|start`; the default `ignore`
//! leaves templates for `also=`) becomes a [`VpnTunnel`].
//!
//! Defaults are those of ipsec.conf(5) for strongSwan 5.9: `keyexchange=ike` (IKEv2 when
//! initiating, any version when responding), `ike=aes128-sha256-modp3072` and
//! `esp=aes128-sha256` (no DH group: no PFS) with "the daemon's extensive default proposal"
//! appended unless the list ends in `!`, `authby=pubkey`, `aggressive=no`, `left`/`right`
//! `%any`.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::ipsec_proposal;
use crate::formats::swanctl::auth_method;
use crate::formats::vpn_common::{dflt, is_any_address, is_any_identity, unquote, unrecognized_word, yes_no};
use crate::formats::ParseCx;
use crate::i18n::notes::{InheritedBy, Note};
use crate::model::{AuthMethod, Origin, Proposal, Setting, VpnKind, VpnRole, VpnTunnel, VpnUse};
use crate::source::SourceFile;
use nom::bytes::complete::take_while1;
use nom::character::complete::{char as ch, space0};
use nom::IResult;
use nom::Parser;
use std::collections::BTreeMap;
use std::sync::Arc;

/// `also=` chains longer than this are cut (a loop in the config must not hang kensa).
const MAX_ALSO_DEPTH: usize = 16;

#[derive(Debug, Clone)]
struct Val {
    value: String,
    origin: Origin,
}

#[derive(Debug, Clone)]
struct Conn {
    name: String,
    origin: Origin,
    /// Settings in order; later ones override earlier.
    kvs: Vec<(String, Val)>,
}

/// A conn with `also=` and `%default` folded in ([`resolve`]): the settings that apply, in
/// order, borrowed from the conns that set them (not copied: a fleet's conns share long
/// `%default` sections).
struct Merged<'a> {
    name: &'a str,
    origin: &'a Origin,
    /// Settings in order; later ones override earlier.
    kvs: Vec<&'a (String, Val)>,
}

impl Merged<'_> {
    fn get(&self, key: &str) -> Option<&Val> {
        self.kvs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

enum Current {
    None,
    Setup,
    Conn(usize),
    Ca,
}

fn key(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.').parse(i)
}

/// `key = value` (blanks around `=` allowed).
fn key_value(i: &str) -> IResult<&str, &str> {
    let (i, k) = key(i)?;
    let (i, _) = space0(i)?;
    let (i, _) = ch('=').parse(i)?;
    let (i, _) = space0(i)?;
    Ok((i, k))
}

struct State {
    conns: Vec<Conn>,
    /// `config setup` settings, in order (read for telling Libreswan from strongSwan).
    setup: Vec<(String, Val)>,
    /// Conn name → index in `conns` (a repeated `conn` header continues that conn).
    by_name: std::collections::HashMap<String, usize>,
    current: Current,
}

pub fn parse(cx: &mut ParseCx, src: &Arc<SourceFile>) {
    let mut st = State {
        conns: Vec::new(),
        setup: Vec::new(),
        by_name: Default::default(),
        current: Current::None,
    };
    read_file(cx, src, &mut st);
    let libreswan = Libreswan::detect(cx, &st);
    let mut device = crate::formats::vpn_common::strongswan_device(src);
    if libreswan.is_some() {
        device.product = "Libreswan".into();
    }
    cx.model.device = Some(device);
    let default = st.conns.iter().find(|c| c.name == "%default");
    let by_name: BTreeMap<&str, usize> = st.conns.iter().enumerate().map(|(i, c)| (c.name.as_str(), i)).collect();
    let tunnels_before = cx.model.vpn_tunnels.len();
    for c in &st.conns {
        if c.name == "%default" {
            continue;
        }
        let merged = resolve(cx, c, &st.conns, &by_name, default);
        // `auto` defaults to ignore (ipsec.conf(5)): such conns are templates for also=
        // and are never loaded by starter.
        if merged.get("auto").is_none_or(|v| v.value == "ignore") {
            continue;
        }
        let t = lower(cx, &merged, libreswan.as_ref());
        cx.model.vpn_tunnels.push(t);
        // Libreswan's leftcert names a certificate in its NSS database, not a file.
        for key in ["leftcert", "rightcert"].into_iter().filter(|_| libreswan.is_none()) {
            if let Some(v) = merged.get(key) {
                cx.strongswan_file_present(src, &v.value, "/etc/ipsec.d/certs", &v.origin);
            }
        }
    }
    // Every loaded conn inherits `%default`: its findings already cover it.
    if cx.model.vpn_tunnels.len() == tunnels_before {
        if let Some(t) = default.and_then(|d| judge_default(cx, d, libreswan.as_ref())) {
            cx.model.vpn_tunnels.push(t);
        }
    }
    let psk_at = cx.model.vpn_tunnels[tunnels_before..].iter().find_map(|t| psk_origin(t).cloned());
    if let Some(at) = psk_at {
        secrets_beside(cx, src, &at);
    }
}

/// Where a tunnel says it authenticates with a pre-shared key (`authby=secret`,
/// `leftauth=psk`), if it does.
pub(crate) fn psk_origin(t: &VpnTunnel) -> Option<&Origin> {
    [&t.local_auth, &t.remote_auth]
        .into_iter()
        .flatten()
        .find(|a| a.value == AuthMethod::Psk && !a.defaulted)
        .map(|a| &a.origin)
}

/// The pre-shared keys of `authby=secret` conns are in ipsec.secrets (ipsec.secrets(5):
/// "/etc/ipsec.secrets", the same place for Libreswan). When this input read none (an
/// `include` of the file would have), the standard place in the audited tree is read as an
/// include, its keys masked and judged as for ipsec.secrets given as an input; when it is
/// not there, a note at the `authby` line says the key's strength is not judged.
fn secrets_beside(cx: &mut ParseCx, src: &Arc<SourceFile>, at: &Origin) {
    const STANDARD: &str = "/etc/ipsec.secrets";
    if cx.model.secrets.iter().any(|s| s.kind == crate::model::SecretKind::IpsecPsk) {
        return;
    }
    if cx.resolve(src, STANDARD).iter().any(|p| crate::memo::is_file(p)) {
        let offset = if at.path.as_deref() == Some(&*src.path) { at.span.0 } else { 0 };
        cx.include(src, offset, STANDARD, &mut |cx, file| crate::formats::ipsec_secrets::read(cx, file));
    } else {
        let needs = crate::diag::PskSource::IpsecSecrets;
        cx.diag_level_at(DiagLevel::Info, at, DiagKind::PskNotRead { needs });
    }
}

/// Who inherits `conn %default` settings judged where no conn of the input does.
const INHERITED: Note = Note::Inherited(InheritedBy::IpsecConn);

/// `conn %default` when no conn of this input is loaded (the conns live in another file,
/// or are all `auto=ignore` templates): judged as the conn that every one not overriding
/// it would be, but only on what the section itself sets (IKE version, aggressive mode,
/// proposals and with them DH groups and PFS). Who the peer is and how it authenticates
/// are each conn's own, so nothing is said about them. None when the section sets none of
/// what is judged.
fn judge_default(cx: &mut ParseCx, d: &Conn, libreswan: Option<&Libreswan>) -> Option<VpnTunnel> {
    fn own<T>(s: Option<Setting<T>>) -> Option<Setting<T>> {
        s.filter(|s| !s.defaulted)
    }
    let noted = Conn {
        name: d.name.clone(),
        origin: d.origin.clone(),
        kvs: d
            .kvs
            .iter()
            .map(|(k, v)| {
                let origin = v.origin.with_note(INHERITED);
                (
                    k.clone(),
                    Val {
                        value: v.value.clone(),
                        origin,
                    },
                )
            })
            .collect(),
    };
    let merged = Merged {
        name: &noted.name,
        origin: &noted.origin,
        kvs: noted.kvs.iter().collect(),
    };
    let full = lower(cx, &merged, libreswan);
    let mut t = VpnTunnel::new(full.subject, VpnKind::Ipsec, VpnUse::Unknown, VpnRole::Peer, full.origin);
    t.ike_version = own(full.ike_version);
    t.ike_proposals = own(full.ike_proposals);
    t.child_proposals = own(full.child_proposals);
    t.strict_proposals = own(full.strict_proposals);
    t.pfs = own(full.pfs);
    // Aggressive mode is judged with the authentication it is used with (VPN002): only
    // when the section sets both.
    let auth = own(full.local_auth);
    if auth.is_some() {
        t.aggressive = own(full.aggressive);
        t.remote_auth = own(full.remote_auth);
        t.local_auth = auth;
    }
    let judged = t.ike_version.is_some() || t.ike_proposals.is_some() || t.child_proposals.is_some() || t.aggressive.is_some();
    judged.then_some(t)
}

fn read_file(cx: &mut ParseCx, src: &Arc<SourceFile>, st: &mut State) {
    let text = src.text.as_str();
    for (at, line) in crate::formats::lex::physical(text) {
        let line = crate::formats::lex::strip_hash_comment(line);
        let body = line.trim();
        if body.is_empty() {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let body_at = at + (line.len() - line.trim_start().len());
        if !indented {
            let mut words = body.split_whitespace();
            match (words.next(), words.next()) {
                (Some("conn"), Some(name)) => {
                    let origin = src.origin(body_at, body_at + body.len());
                    if let Some(&i) = st.by_name.get(name) {
                        st.current = Current::Conn(i);
                    } else {
                        st.by_name.insert(name.to_string(), st.conns.len());
                        st.conns.push(Conn {
                            name: name.to_string(),
                            origin,
                            // A conn sets about a dozen keys: room for them without regrowing.
                            kvs: Vec::with_capacity(16),
                        });
                        st.current = Current::Conn(st.conns.len() - 1);
                    }
                    continue;
                }
                (Some("config"), Some("setup")) => {
                    st.current = Current::Setup;
                    continue;
                }
                (Some("ca"), Some(_)) => {
                    st.current = Current::Ca;
                    continue;
                }
                (Some("include"), Some(pattern)) => {
                    let pattern = unquote(pattern).to_string();
                    cx.include(src, body_at, &pattern, &mut |cx, file| read_file(cx, file, st));
                    continue;
                }
                (Some("version"), Some(_)) => continue, // "version 2" header of old files
                _ => {}
            }
        }
        match key_value(body) {
            Ok((value, k)) => {
                let value = unquote(value.trim()).to_string();
                match st.current {
                    Current::Conn(i) => {
                        let origin = src.origin(body_at, body_at + body.len());
                        if let Some(c) = st.conns.get_mut(i) {
                            c.kvs.push((k.to_string(), Val { value, origin }));
                        }
                    }
                    Current::Setup => {
                        let origin = src.origin(body_at, body_at + body.len());
                        st.setup.push((k.to_string(), Val { value, origin }));
                    }
                    Current::Ca => {}
                    Current::None => unrecognized_word(cx, src, body_at, body),
                }
            }
            Err(_) => unrecognized_word(cx, src, body_at, body),
        }
    }
}

/// A conn with `also=` and `%default` folded in: own settings win over `also` ones, which
/// win over `%default` (ipsec.conf(5) "also", "conn %default").
fn resolve<'a>(cx: &mut ParseCx, c: &'a Conn, all: &'a [Conn], by_name: &BTreeMap<&str, usize>, default: Option<&'a Conn>) -> Merged<'a> {
    let mut layers: Vec<&Conn> = Vec::new();
    let mut stack: Vec<(&Conn, usize)> = vec![(c, 0)];
    let mut seen: Vec<&str> = Vec::new();
    while let Some((conn, depth)) = stack.pop() {
        if seen.contains(&conn.name.as_str()) || depth > MAX_ALSO_DEPTH {
            continue;
        }
        seen.push(&conn.name);
        layers.push(conn);
        for (k, v) in conn.kvs.iter().rev() {
            if k == "also" {
                match by_name.get(v.value.as_str()).and_then(|i| all.get(*i)) {
                    Some(other) => stack.push((other, depth + 1)),
                    None => {
                        if let Some(path) = v.origin.path.clone() {
                            cx.diags.push(crate::diag::Diagnostic::new(
                                DiagLevel::Error,
                                &path,
                                v.origin.line,
                                v.origin.column,
                                DiagKind::Syntax {
                                    detail: format!("also={} names no conn", v.value),
                                },
                            ));
                        }
                    }
                }
            }
        }
    }
    let mut kvs: Vec<&(String, Val)> = Vec::new();
    if let Some(d) = default {
        kvs.extend(d.kvs.iter());
    }
    // Deepest layers first, so the conn's own lines come last and win.
    for l in layers.iter().rev() {
        kvs.extend(l.kvs.iter().filter(|(k, _)| k != "also"));
    }
    Merged {
        name: &c.name,
        origin: &c.origin,
        kvs,
    }
}

fn lower(cx: &mut ParseCx, c: &Merged, libreswan: Option<&Libreswan>) -> VpnTunnel {
    let o = c.origin.clone();
    let g = |k: &str| c.get(k);
    // Authentication: leftauth/rightauth, else authby (both sides).
    let authby = g("authby");
    let side_auth = |k: &str, side: &str| -> Setting<AuthMethod> {
        if let Some(v) = g(k) {
            return Setting::explicit(auth_method(&v.value), v.origin.clone());
        }
        match authby {
            Some(v) => {
                let a = match v.value.to_ascii_lowercase().as_str() {
                    "psk" | "secret" | "xauthpsk" => AuthMethod::Psk,
                    "pubkey" | "rsasig" | "ecdsasig" | "xauthrsasig" => AuthMethod::Certificate,
                    "never" => AuthMethod::None,
                    _ => AuthMethod::Unknown,
                };
                Setting::explicit(a, v.origin.clone())
            }
            None => dflt(AuthMethod::Certificate, &o, format!("{side} and authby not set: default pubkey")),
        }
    };
    let local_auth = side_auth("leftauth", "leftauth");
    let remote_auth = side_auth("rightauth", "rightauth");
    let xauth = authby.is_some_and(|v| v.value.starts_with("xauth"));
    let right = g("right");
    let unrestricted = right.is_none_or(|v| is_any_address(&v.value));
    let client = g("leftsourceip").is_some_and(|v| v.value.starts_with("%config") || v.value.starts_with("%modeconfig"));
    let pool = g("rightsourceip").is_some();
    let password = |a: &AuthMethod| matches!(a, AuthMethod::Eap(m) if !m.contains("tls")) || matches!(a, AuthMethod::Xauth);
    let remote_access = client || pool || xauth || password(&remote_auth.value) || password(&local_auth.value) || g("rightauth2").is_some();
    let role = if client {
        VpnRole::Client
    } else if pool || unrestricted {
        VpnRole::Server
    } else {
        VpnRole::Peer
    };
    let usage = if remote_access { VpnUse::RemoteAccess } else { VpnUse::SiteToSite };
    let product = if libreswan.is_some() { "Libreswan" } else { "strongSwan" };
    let mut t = VpnTunnel::new(format!("{product} conn {}", c.name), VpnKind::Ipsec, usage, role, o.clone());
    match libreswan {
        Some(lib) => lib.lower(cx, c, &mut t),
        None => strongswan_ike(cx, c, &mut t),
    }
    // VPN014: a conn that initiates to one known gateway and expects a certificate or raw
    // key from it must also say which gateway that is (see `pins_right`).
    if role != VpnRole::Server && !unrestricted && remote_auth.value == AuthMethod::Certificate {
        t.verifies_server = pins_right(c);
    }
    t.local_auth = Some(local_auth);
    t.remote_auth = Some(remote_auth);
    // A responder asks for a second round (rightauth2); a client gives one (leftauth2).
    let second_key = if role == VpnRole::Client { "leftauth2" } else { "rightauth2" };
    t.second_factor = Some(match g(second_key) {
        Some(v) => Setting::explicit(true, v.origin.clone()),
        None if xauth => Setting::explicit(true, authby.map_or(o.clone(), |v| v.origin.clone())),
        None => dflt(false, &o, format!("{second_key} not set")),
    });
    t.peer_restricted = Some(match right {
        Some(v) => Setting::explicit(!unrestricted, v.origin.clone()),
        None => dflt(false, &o, Note::not_set_default("right", "%any")),
    });
    t
}

/// strongSwan's IKE version, aggressive mode, proposals (with their strictness) and PFS
/// for a conn, with ipsec.conf(5)'s defaults.
fn strongswan_ike(cx: &mut ParseCx, c: &Merged, t: &mut VpnTunnel) {
    let o = c.origin.clone();
    let g = |k: &str| c.get(k);
    t.ike_version = Some(match g("keyexchange") {
        Some(v) => {
            let n = match v.value.to_ascii_lowercase().as_str() {
                "ikev1" => 1,
                "ikev2" => 2,
                "ike" => 0,
                _ => {
                    cx.diag_at(
                        &v.origin,
                        DiagKind::BadValue {
                            directive: "keyexchange".into(),
                            value: v.value.clone(),
                        },
                    );
                    0
                }
            };
            Setting::explicit(n, v.origin.clone())
        }
        None => dflt(0, &o, "keyexchange not set: default ike accepts IKEv1 and IKEv2 as responder"),
    });
    t.aggressive = Some(match g("aggressive") {
        Some(v) => Setting::explicit(yes_no(&v.value).unwrap_or(false), v.origin.clone()),
        None => dflt(false, &o, Note::not_set_default("aggressive", "no")),
    });
    let mut strict: Option<Setting<bool>> = None;
    let mut proposals = |key: &str, default: &str, ike: bool| {
        match g(key) {
            Some(v) => {
                let p = ipsec_proposal::parse_list(&v.value, ike);
                if !p.unknown.is_empty() {
                    cx.diag_at(
                        &v.origin,
                        DiagKind::BadValue {
                            directive: key.into(),
                            value: p.unknown.join(", "),
                        },
                    );
                }
                // A non-strict list lets the responder accept charon's defaults as well.
                if !p.strict && strict.as_ref().is_none_or(|s| s.value) {
                    strict = Some(Setting::explicit(false, v.origin.clone()));
                } else if p.strict && strict.is_none() {
                    strict = Some(Setting::explicit(true, v.origin.clone()));
                }
                Setting::explicit(p.proposals, v.origin.clone())
            }
            None => dflt(ipsec_proposal::parse_list(default, ike).proposals, &o, Note::not_set_default(key, default)),
        }
    };
    t.ike_proposals = Some(proposals("ike", "aes128-sha256-modp3072", true));
    let esp = proposals(if g("ah").is_some() { "ah" } else { "esp" }, "aes128-sha256", false);
    t.strict_proposals = strict;
    let has_dh = !esp.value.is_empty() && esp.value.iter().all(|p| !p.dh_groups.is_empty());
    t.pfs = Some(Setting {
        value: has_dh,
        origin: esp.origin.clone(),
        defaulted: esp.defaulted,
    });
    t.child_proposals = Some(esp);
}

/// Whether the conn pins who the right peer is (ipsec.conf(5), strongSwan 5.9): `rightca`
/// (CA constraint), `rightcert` (that certificate), `rightsigkey`/`rightrsasigkey` (a raw
/// key), `rightcertpolicy` (a policy OID), or an identity. `rightid` defaults to `right`
/// (stroke's build_auth_cfg: "leftid/rightid fallback to address"), so a conn with a
/// concrete `right` and no `rightid` still requires the peer's certificate to certify that
/// address or name; only `rightid=%any` with none of the others accepts any certificate
/// from any trusted CA.
fn pins_right(c: &Merged) -> Option<Setting<bool>> {
    for key in ["rightca", "rightcert", "rightsigkey", "rightrsasigkey", "rightcertpolicy"] {
        if let Some(v) = c.get(key).filter(|v| !matches!(v.value.as_str(), "" | "%cert" | "%none")) {
            return Some(Setting::explicit(true, v.origin.clone()));
        }
    }
    match c.get("rightid") {
        Some(v) => Some(Setting::explicit(!is_any_identity(&v.value), v.origin.clone())),
        None => {
            let right = c.get("right")?;
            Some(dflt(
                true,
                &right.origin,
                format!("rightid not set: defaults to {}, which the peer's certificate must certify", right.value),
            ))
        }
    }
}

/// `config setup` keys that only Openswan and Libreswan read (Libreswan ipsec.conf(5));
/// strongSwan 4 and 5 have none of them. `nat_traversal`, `virtual_private`,
/// `keyingtries=%forever` are no proof: strongSwan 4's pluto read them too.
const LIBRESWAN_SETUP: &[&str] = &[
    "protostack",
    "nhelpers",
    "plutostderrlog",
    "ikev1-policy",
    "logfile",
    "logappend",
    "logtime",
    "logip",
    "dumpdir",
    "secretsfile",
    "ipsecdir",
    "nssdir",
    "listen-tcp",
    "listen-udp",
    "ddos-mode",
    "seccomp",
    "dnssec-enable",
    "virtual-private",
    "global-redirect",
    "audit-log",
];

/// conn keys that only Openswan and Libreswan read.
const LIBRESWAN_CONN: &[&str] = &[
    "ikev2",
    "phase2",
    "phase2alg",
    "leftsubnets",
    "rightsubnets",
    "sha2-truncbug",
    "sha2_truncbug",
    "nic-offload",
    "encapsulation",
    "ikepad",
    "narrowing",
    "remote-peer-type",
    "remote_peer_type",
    "xauthby",
    "leftxauthserver",
    "rightxauthserver",
    "leftxauthclient",
    "rightxauthclient",
];

/// The Libreswan release that made IKEv2 the default connection and limited `ikev2=` to
/// `yes`/`no` (CHANGES v3.28: "IKE: Change default connection from IKEv1 to IKEv2",
/// "ikev2= keyword changed to only accept "yes" or "no"").
const IKEV2_DEFAULT_SINCE: (u32, u32, u32) = (3, 28, 0);

/// Libreswan's built-in IKE proposals as its ipsec.conf(5) `ike=` describes them: for
/// IKEv2 "AES, AES-GCM, DH14 and stronger, and SHA2", 256-bit keys; for IKEv1 (3.32) "SHA1
/// and MODP1536(dh5) are still allowed per default", 3DES and MODP1024 are not.
const LIBRESWAN_IKE_V2: &str = "aes256gcm16-prfsha256-prfsha512-modp2048-modp3072-modp4096-modp8192-ecp256-ecp384-ecp521-x25519,aes256-sha256-sha512-modp2048-modp3072-modp4096-modp8192-ecp256-ecp384-ecp521-x25519";
const LIBRESWAN_IKE_V1: &str = "aes256-aes128-sha256-sha512-sha1-modp2048-modp1536";
/// The ESP proposals kensa takes for an unset `esp=` ("a secure set of defaults", esp=):
/// the IKEv2 set's ciphers and integrity; for IKEv1 "ESP aes-sha1" (CHANGES v4.15).
const LIBRESWAN_ESP_V2: &str = "aes256gcm16,aes256-sha256-sha512";
const LIBRESWAN_ESP_V1: &str = "aes256-aes128-sha1-sha256-sha512";

/// An ipsec.conf that Libreswan (or its predecessor Openswan) reads: its own defaults
/// apply, not strongSwan's (docs/vendor-defaults.md, "Libreswan").
struct Libreswan {
    /// kensa.toml `[assume] libreswan`: as written, and as a number.
    release: Option<(String, (u32, u32, u32))>,
}

impl Libreswan {
    /// Libreswan when `config setup` or a conn uses a key only Libreswan (or Openswan) has.
    fn detect(cx: &ParseCx, st: &State) -> Option<Libreswan> {
        let setup = st.setup.iter().find(|(k, _)| LIBRESWAN_SETUP.contains(&k.as_str()));
        let conn = || st.conns.iter().flat_map(|c| &c.kvs).find(|(k, _)| LIBRESWAN_CONN.contains(&k.as_str()));
        setup.or_else(conn)?;
        let release = cx
            .assumed_release("libreswan")
            .and_then(|r| crate::formats::release_number(r).map(|n| (r.to_string(), n)));
        Some(Libreswan { release })
    }

    /// IKE version, aggressive mode, proposals and PFS with Libreswan's defaults.
    fn lower(&self, cx: &mut ParseCx, c: &Merged, t: &mut VpnTunnel) {
        let o = c.origin.clone();
        let g = |k: &str| c.get(k);
        let newest = self.release.as_ref().is_none_or(|(_, n)| *n >= IKEV2_DEFAULT_SINCE);
        let version = g("keyexchange").or_else(|| g("ikev2"));
        t.ike_version = Some(match version {
            Some(v) => {
                let n = match v.value.to_ascii_lowercase().as_str() {
                    "ikev2" | "yes" | "insist" | "always" => 2,
                    "ikev1" | "no" | "never" => 1,
                    // Before 3.28 either version was allowed; from 3.28 propose means yes and
                    // permit no (ikev2= in Libreswan's ipsec.conf(5)).
                    "propose" | "permit" if !newest => 0,
                    "propose" => 2,
                    "permit" => 1,
                    _ => {
                        let kind = DiagKind::BadValue {
                            directive: "ikev2".into(),
                            value: v.value.clone(),
                        };
                        cx.diag_at(&v.origin, kind);
                        0
                    }
                };
                Setting::explicit(n, v.origin.clone())
            }
            None => self.default_version(cx, t, &o),
        });
        let v1 = t.ike_version.as_ref().is_some_and(|v| v.value == 1);
        t.aggressive = Some(match g("aggressive").or_else(|| g("aggrmode")) {
            Some(v) => Setting::explicit(yes_no(&v.value).unwrap_or(false), v.origin.clone()),
            None => dflt(false, &o, Note::not_set_default_of("aggressive", "Libreswan", "no")),
        });
        let mut strict: Option<Setting<bool>> = None;
        let mut proposals = |keys: &[&str], default: &str, ike: bool| -> Setting<Vec<Proposal>> {
            match keys.iter().find_map(|k| g(k).map(|v| (*k, v))) {
                Some((key, v)) => {
                    let p = ipsec_proposal::parse_list(&strongswan_syntax(&v.value), ike);
                    if !p.unknown.is_empty() {
                        let kind = DiagKind::BadValue {
                            directive: key.into(),
                            value: p.unknown.join(", "),
                        };
                        cx.diag_at(&v.origin, kind);
                    }
                    // "If an ike= line is specified, no other received proposals will be
                    // accepted than those specified on the IKE line" (ike=).
                    strict.get_or_insert_with(|| Setting::explicit(true, v.origin.clone()));
                    Setting::explicit(p.proposals, v.origin.clone())
                }
                None => {
                    let list = ipsec_proposal::parse_list(default, ike).proposals;
                    dflt(list, &o, Note::not_set_default_of(keys[0], "Libreswan", default))
                }
            }
        };
        let ike = proposals(&["ike"], if v1 { LIBRESWAN_IKE_V1 } else { LIBRESWAN_IKE_V2 }, true);
        let mut esp = proposals(&["esp", "phase2alg", "ah"], if v1 { LIBRESWAN_ESP_V1 } else { LIBRESWAN_ESP_V2 }, false);
        // Unset, only the built-in proposals are accepted.
        t.strict_proposals = Some(strict.unwrap_or_else(|| Setting {
            value: true,
            origin: ike.origin.clone(),
            defaulted: true,
        }));
        // pfs= (default yes): "When PFS is enabled, and the DH algorithms are omitted, each
        // PROPOSAL will automatically include the DH algorithm negotiated during the IKE
        // exchange" (esp=).
        let pfs = match g("pfs") {
            Some(v) => Setting::explicit(yes_no(&v.value).unwrap_or(true), v.origin.clone()),
            None => dflt(true, &o, Note::not_set_default_of("pfs", "Libreswan", "yes")),
        };
        let ike_groups: Vec<String> = ike.value.iter().flat_map(|p| p.dh_groups.iter().cloned()).collect();
        for p in &mut esp.value {
            if !pfs.value {
                p.dh_groups.clear();
            } else if p.dh_groups.is_empty() {
                p.dh_groups = ike_groups.clone();
            }
        }
        t.pfs = Some(pfs);
        t.ike_proposals = Some(ike);
        t.child_proposals = Some(esp);
    }

    /// The IKE version of a conn that sets neither `keyexchange=` nor `ikev2=`: IKEv2 only
    /// from 3.28, IKEv1 before (and in Openswan). Unpinned, the newest is judged and CFG002
    /// says the verdict rests on the release.
    fn default_version(&self, cx: &mut ParseCx, t: &VpnTunnel, o: &Origin) -> Setting<u8> {
        match &self.release {
            Some((written, n)) => {
                let (v, value) = if *n >= IKEV2_DEFAULT_SINCE { (2, "IKEv2") } else { (1, "IKEv1") };
                let note = Note::NotSetDefault {
                    what: "keyexchange".into(),
                    by: Some(format!("Libreswan {written}").into()),
                    value: value.into(),
                    assumed: true,
                };
                dflt(v, o, note)
            }
            None => {
                cx.model.assumptions.push(crate::model::Assumption {
                    subject: t.subject.clone(),
                    product: "libreswan",
                    setting: "keyexchange",
                    releases_ja: "3.28 以降は IKEv2 のみ、それより前 (と Openswan) は IKEv1 です".into(),
                    releases_en: "IKEv2 only from 3.28, IKEv1 before 3.28 (and in Openswan)".into(),
                    origin: o.clone(),
                });
                dflt(2, o, Note::not_set_default_of("keyexchange", "Libreswan 3.28+", "IKEv2"))
            }
        }
    }
}

/// A Libreswan proposal list in strongSwan's syntax, which [`ipsec_proposal`] reads:
/// `;` and `+` join algorithms of one proposal as `-` does (`aes128-sha1;modp2048`,
/// `aes_gcm+chacha20_poly1305;dh14+dh19`), and Libreswan's names become strongSwan's
/// (`aes_gcm256` → `aes256gcm16`, `aes_gcm_a` → `aes128gcm8`, `chacha20_poly1305`,
/// `sha2` → `sha256`).
fn strongswan_syntax(list: &str) -> String {
    let token = |t: &str| -> String {
        let t = t.trim().to_ascii_lowercase();
        if let Some(rest) = t.strip_prefix("aes_gcm").or_else(|| t.strip_prefix("aes_ccm")) {
            let mode = if t.starts_with("aes_gcm") { "gcm" } else { "ccm" };
            let (icv, bits) = match rest.strip_prefix('_') {
                Some(r) if r.starts_with('a') => ("8", &r[1..]),
                Some(r) if r.starts_with('b') => ("12", &r[1..]),
                Some(r) if r.starts_with('c') => ("16", &r[1..]),
                _ => ("16", rest),
            };
            let bits = if bits.is_empty() { "128" } else { bits };
            return format!("aes{bits}{mode}{icv}");
        }
        match t.as_str() {
            "aes_ctr" => "aes128ctr".into(),
            "chacha20_poly1305" => "chacha20poly1305".into(),
            "sha2" => "sha256".into(),
            _ => t,
        }
    };
    list.split(',')
        .map(|p| {
            p.split(['-', ';', '+'])
                .filter(|t| !t.trim().is_empty())
                .map(token)
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use crate::diag::DiagKind;
    use crate::formats::{parse_text, Format};
    use crate::model::{AuthMethod, VpnUse};

    #[test]
    fn also_default_and_strictness() {
        let text = "config setup\n\tuniqueids=yes\n\nconn %default\n\tkeyexchange=ikev1\n\tauthby=secret\n\nconn base\n\tike=3des-md5-modp1024\n\tesp=aes128-sha1\n\tauto=ignore\n\nconn branch\n\talso=base\n\tleft=198.51.100.1\n\tright=%any\n\taggressive=yes\n\tauto=add\n";
        let p = parse_text(Format::IpsecConf, "ipsec.conf", text);
        // authby=secret with no ipsec.secrets beside the text: the PSK is said not judged.
        assert!(
            p.diagnostics.iter().all(|d| matches!(d.kind, DiagKind::PskNotRead { .. }) && d.line == 6),
            "{:?}",
            p.diagnostics
        );
        assert_eq!(p.model.vpn_tunnels.len(), 1, "auto=ignore templates are not tunnels");
        let t = &p.model.vpn_tunnels[0];
        assert_eq!(t.ike_version.as_ref().unwrap().value, 1);
        assert!(t.aggressive.as_ref().unwrap().value);
        assert_eq!(t.local_auth.as_ref().unwrap().value, AuthMethod::Psk);
        assert_eq!(t.ike_proposals.as_ref().unwrap().value[0].encryption, ["3des"]);
        assert!(!t.strict_proposals.as_ref().unwrap().value);
        assert!(!t.pfs.as_ref().unwrap().value);
        assert!(!t.peer_restricted.as_ref().unwrap().value);
        assert_eq!(t.usage, VpnUse::SiteToSite);
        assert_eq!(t.ike_proposals.as_ref().unwrap().origin.line, 9);
    }

    #[test]
    fn initiator_must_pin_the_gateway() {
        let base = "conn hospital\n\tkeyexchange=ikev2\n\tleft=%defaultroute\n\tleftsourceip=%config\n\tleftcert=staff.pem\n\tright=vpn.example-hospital.jp\n\trightsubnet=0.0.0.0/0\n\tauto=start\n";
        let verifies = |extra: &str| {
            // leftcert=staff.pem is not beside the text (nor ipsec.secrets for a PSK): notes only.
            let p = parse_text(Format::IpsecConf, "ipsec.conf", &format!("{base}{extra}"));
            assert!(p
                .diagnostics
                .iter()
                .all(|d| matches!(&d.kind, DiagKind::FileReferenced { path, .. } if path.ends_with(".pem")) || matches!(d.kind, DiagKind::PskNotRead { .. })));
            p.model.vpn_tunnels[0].verifies_server.clone()
        };
        // rightid falls back to right: the gateway's certificate must certify that name.
        let v = verifies("").unwrap();
        assert!(v.value && v.defaulted);
        assert_eq!(v.origin.line, 6);
        // rightid=%any accepts any certificate from any trusted CA.
        let v = verifies("\trightid=%any\n").unwrap();
        assert!(!v.value && !v.defaulted);
        assert_eq!(v.origin.line, 9);
        for pin in [
            "\trightca=\"C=JP, O=Example Hospital, CN=Server CA\"\n",
            "\trightcert=vpn-gw.pem\n",
            "\trightid=@vpn.example-hospital.jp\n",
        ] {
            let v = verifies(&format!("\trightid=%any\n{pin}")).unwrap();
            assert!(v.value, "{pin}");
        }
        // A client's second factor is its own second round (leftauth2).
        let p = parse_text(Format::IpsecConf, "ipsec.conf", &format!("{base}\tleftauth2=eap-gtc\n"));
        assert!(p.model.vpn_tunnels[0].second_factor.as_ref().unwrap().value);
        let p = parse_text(Format::IpsecConf, "ipsec.conf", base);
        assert!(!p.model.vpn_tunnels[0].second_factor.as_ref().unwrap().value);
        // PSK peers and responders are not judged.
        assert!(verifies("\tauthby=secret\n").is_none());
        let p = parse_text(
            Format::IpsecConf,
            "ipsec.conf",
            &base
                .replace("right=vpn.example-hospital.jp", "right=%any")
                .replace("\tleftsourceip=%config\n", ""),
        );
        assert!(p.model.vpn_tunnels[0].verifies_server.is_none());
    }

    /// The JeffMuniz/SRE-v1 AWS block's shape (tests/fixtures/real/ipsec-conf): a key only
    /// Libreswan has makes it Libreswan, whose defaults then apply.
    #[test]
    fn libreswan_defaults_by_release() {
        let text = "config setup\n protostack=netkey\n\nconn aws\n left=10.10.0.212\n right=192.0.2.58\n authby=secret\n auto=start\n";
        let lower = |text: &str, pin: Option<&str>| {
            let mut cx = crate::formats::ParseCx::new(std::path::Path::new("ipsec.conf"), 0);
            if let Some(r) = pin {
                cx.assume = std::sync::Arc::new([("libreswan".to_string(), r.to_string())].into());
            }
            let src = std::sync::Arc::new(crate::source::SourceFile::from_text("ipsec.conf", text.to_string()));
            super::parse(&mut cx, &src);
            cx.model
        };
        let m = lower(text, None);
        let t = &m.vpn_tunnels[0];
        assert_eq!(t.subject, "Libreswan conn aws");
        assert_eq!(m.device.as_ref().unwrap().product, "Libreswan");
        // Unpinned: the newest default (IKEv2 only, since 3.28), said as an assumption.
        assert_eq!(t.ike_version.as_ref().unwrap().value, 2);
        assert_eq!(m.assumptions.len(), 1);
        assert_eq!(m.assumptions[0].product, "libreswan");
        // pfs= defaults to yes: ESP proposals carry the IKE groups.
        assert!(t.pfs.as_ref().unwrap().value && t.pfs.as_ref().unwrap().defaulted);
        assert!(t.child_proposals.as_ref().unwrap().value.iter().all(|p| !p.dh_groups.is_empty()));
        // Pinned before 3.28: IKEv1, no assumption.
        let m = lower(text, Some("3.23"));
        assert_eq!(m.vpn_tunnels[0].ike_version.as_ref().unwrap().value, 1);
        assert!(m.assumptions.is_empty());
        assert_eq!(lower(text, Some("4.x")).vpn_tunnels[0].ike_version.as_ref().unwrap().value, 2);
        // What the conn says wins; pfs=no leaves no group on ESP; ike= is strict.
        let m = lower(
            &text.replace(
                " auto=start",
                " ikev2=no\n pfs=no\n ike=3des-sha1;modp1024\n phase2alg=aes128-sha1\n auto=start",
            ),
            None,
        );
        let t = &m.vpn_tunnels[0];
        assert_eq!(t.ike_version.as_ref().unwrap().value, 1);
        assert!(m.assumptions.is_empty());
        assert!(!t.pfs.as_ref().unwrap().value);
        assert!(t.child_proposals.as_ref().unwrap().value.iter().all(|p| p.dh_groups.is_empty()));
        let ike = &t.ike_proposals.as_ref().unwrap().value[0];
        assert_eq!(
            (ike.encryption.as_slice(), ike.dh_groups.as_slice()),
            (&["3des".to_string()][..], &["modp1024".to_string()][..])
        );
        assert!(t.strict_proposals.as_ref().unwrap().value);
        // keyingtries=%forever and nat_traversal alone are not Libreswan (strongSwan 4 had them).
        let m = lower(
            "config setup\n nat_traversal=yes\nconn a\n right=192.0.2.1\n keyingtries=%forever\n auto=add\n",
            None,
        );
        assert_eq!(m.vpn_tunnels[0].subject, "strongSwan conn a");
    }

    #[test]
    fn libreswan_proposal_names() {
        assert_eq!(super::strongswan_syntax("aes_gcm256;sha2_256"), "aes256gcm16-sha2_256");
        assert_eq!(
            super::strongswan_syntax("aes_gcm_a-null,aes128-sha2;dh19+dh14"),
            "aes128gcm8-null,aes128-sha256-dh19-dh14"
        );
        assert_eq!(super::strongswan_syntax("chacha20_poly1305,AES_CCM"), "chacha20poly1305,aes128ccm16");
    }

    /// The PSK of authby=secret is in ipsec.secrets: read from the standard place in the tree
    /// when the input holds none, said not judged when it is not there.
    #[test]
    fn ipsec_secrets_beside_the_conf() {
        let conf = "conn site\n\tkeyexchange=ikev2\n\tright=192.0.2.1\n\tauthby=secret\n\tauto=add\n";
        let dir = crate::testutil::temp_tree(&[("ipsec.conf", conf), ("ipsec.secrets", ": PSK \"short\"\n")]);
        let p = crate::formats::parse_path(&dir.path().join("ipsec.conf"), "ipsec.conf", None, 0);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert_eq!(p.included.len(), 1);
        let psk = &p.model.secrets[0];
        assert_eq!(psk.kind, crate::model::SecretKind::IpsecPsk);
        assert!(!format!("{:?}", p.model).contains("short\""));
        let p = parse_text(Format::IpsecConf, "ipsec.conf", conf);
        let notes: Vec<u32> = p
            .diagnostics
            .iter()
            .filter(|d| matches!(d.kind, DiagKind::PskNotRead { .. }))
            .map(|d| d.line)
            .collect();
        assert_eq!(notes, [4]);
        assert!(p.partly_judged());
    }

    #[test]
    fn also_loops_end() {
        let text = "conn a\n\talso=b\n\tauto=add\nconn b\n\talso=a\n\tright=192.0.2.1\n\tauto=route\n";
        let p = parse_text(Format::IpsecConf, "ipsec.conf", text);
        assert_eq!(p.model.vpn_tunnels.len(), 2);
        assert!(p.model.vpn_tunnels[0].peer_restricted.as_ref().unwrap().value);
    }
}
