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
use crate::model::{AuthMethod, Origin, Setting, VpnKind, VpnRole, VpnTunnel, VpnUse};
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
    /// Conn name → index in `conns` (a repeated `conn` header continues that conn).
    by_name: std::collections::HashMap<String, usize>,
    current: Current,
}

pub fn parse(cx: &mut ParseCx, src: &Arc<SourceFile>) {
    let mut st = State {
        conns: Vec::new(),
        by_name: Default::default(),
        current: Current::None,
    };
    read_file(cx, src, &mut st);
    cx.model.device = Some(crate::formats::vpn_common::strongswan_device(src));
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
        let t = lower(cx, &merged);
        cx.model.vpn_tunnels.push(t);
    }
    // Every loaded conn inherits `%default`: its findings already cover it.
    if cx.model.vpn_tunnels.len() == tunnels_before {
        if let Some(t) = default.and_then(|d| judge_default(cx, d)) {
            cx.model.vpn_tunnels.push(t);
        }
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
fn judge_default(cx: &mut ParseCx, d: &Conn) -> Option<VpnTunnel> {
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
    let full = lower(cx, &merged);
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
                    Current::Setup | Current::Ca => {}
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

fn lower(cx: &mut ParseCx, c: &Merged) -> VpnTunnel {
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
    let mut t = VpnTunnel::new(format!("strongSwan conn {}", c.name), VpnKind::Ipsec, usage, role, o.clone());

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

#[cfg(test)]
mod tests {
    use crate::formats::{parse_text, Format};
    use crate::model::{AuthMethod, VpnUse};
    use crate::testutil::parse_clean;

    #[test]
    fn also_default_and_strictness() {
        let text = "config setup\n\tuniqueids=yes\n\nconn %default\n\tkeyexchange=ikev1\n\tauthby=secret\n\nconn base\n\tike=3des-md5-modp1024\n\tesp=aes128-sha1\n\tauto=ignore\n\nconn branch\n\talso=base\n\tleft=198.51.100.1\n\tright=%any\n\taggressive=yes\n\tauto=add\n";
        let p = parse_clean(Format::IpsecConf, "ipsec.conf", text);
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
            let p = parse_clean(Format::IpsecConf, "ipsec.conf", &format!("{base}{extra}"));
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

    #[test]
    fn also_loops_end() {
        let text = "conn a\n\talso=b\n\tauto=add\nconn b\n\talso=a\n\tright=192.0.2.1\n\tauto=route\n";
        let p = parse_text(Format::IpsecConf, "ipsec.conf", text);
        assert_eq!(p.model.vpn_tunnels.len(), 2);
        assert!(p.model.vpn_tunnels[0].peer_restricted.as_ref().unwrap().value);
    }
}
