//! WireGuard `wg-quick` configs (wg-quick(8), wg(8)): an `[Interface]` section and
//! `[Peer]` sections of `Key = Value` lines. Each peer becomes a [`VpnTunnel`].
//! `PrivateKey` and `PresharedKey` values are never kept; when the config itself holds a
//! `PrivateKey`, its file mode is checked (wg-quick warns when it is world-accessible).
//!
//! Usage is inferred: a config with one peer that has an `Endpoint`, no `ListenPort`, and a
//! single-host `Address` is a remote-access client profile; a peer without `Endpoint` on an
//! interface with `ListenPort` is a client of this server; peers with endpoints on a
//! listening interface link sites.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::vpn_common::{dflt, key_file_fact, masked_origin, unrecognized_word};
use crate::formats::ParseCx;
use crate::model::{AuthMethod, Device, Origin, Setting, VpnKind, VpnRole, VpnTunnel, VpnUse};
use crate::source::SourceFile;
use nom::bytes::complete::take_while1;
use nom::character::complete::{char as ch, space0};
use nom::IResult;
use nom::Parser;

const INTERFACE_KEYS: &[&str] = &[
    "privatekey",
    "listenport",
    "fwmark",
    "address",
    "dns",
    "mtu",
    "table",
    "preup",
    "postup",
    "predown",
    "postdown",
    "saveconfig",
];
const PEER_KEYS: &[&str] = &["publickey", "presharedkey", "allowedips", "endpoint", "persistentkeepalive"];

#[derive(Debug, Clone)]
struct Kv {
    key: String,
    value: String,
    origin: Origin,
}

#[derive(Debug, Clone)]
struct Sect {
    peer: bool,
    origin: Origin,
    kvs: Vec<Kv>,
}

impl Sect {
    fn get(&self, k: &str) -> Option<&Kv> {
        self.kvs.iter().rev().find(|kv| kv.key == k)
    }
    /// Values of a key that may repeat and holds comma-separated lists (Address, AllowedIPs).
    fn list(&self, k: &str) -> Vec<String> {
        self.kvs
            .iter()
            .filter(|kv| kv.key == k)
            .flat_map(|kv| kv.value.split(',').map(|s| s.trim().to_string()))
            .filter(|s| !s.is_empty())
            .collect()
    }
}

fn key_eq(i: &str) -> IResult<&str, &str> {
    let (i, k) = take_while1(|c: char| c.is_ascii_alphanumeric()).parse(i)?;
    let (i, _) = space0(i)?;
    let (i, _) = ch('=').parse(i)?;
    let (i, _) = space0(i)?;
    Ok((i, k))
}

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    cx.model.device = Some(Device {
        product: "WireGuard".into(),
        hostname: None,
        is_network_device: false,
        origin: src.origin(0, 0),
        source_routing: None,
    });
    let text = src.text.as_str();
    let mut sects: Vec<Sect> = Vec::new();
    for (at, line) in crate::formats::lex::physical(text) {
        let no_comment = line.split('#').next().unwrap_or("");
        let body = no_comment.trim();
        if body.is_empty() {
            continue;
        }
        let body_at = at + (line.len() - line.trim_start().len());
        let origin = || src.origin(body_at, body_at + body.len());
        if body.starts_with('[') {
            match body.to_ascii_lowercase().as_str() {
                "[interface]" => sects.push(Sect {
                    peer: false,
                    origin: origin(),
                    kvs: Vec::new(),
                }),
                "[peer]" => sects.push(Sect {
                    peer: true,
                    origin: origin(),
                    kvs: Vec::new(),
                }),
                _ => unrecognized_word(cx, src, body_at, body),
            }
            continue;
        }
        let Ok((value, key)) = key_eq(body) else {
            unrecognized_word(cx, src, body_at, body);
            continue;
        };
        let k = key.to_ascii_lowercase();
        let Some(sect) = sects.last_mut() else {
            unrecognized_word(cx, src, body_at, body);
            continue;
        };
        let allowed = if sect.peer { PEER_KEYS } else { INTERFACE_KEYS };
        if !allowed.contains(&k.as_str()) {
            unrecognized_word(cx, src, body_at, body);
            continue;
        }
        let o = if k == "privatekey" || k == "presharedkey" {
            masked_origin(src, body_at, body_at + body.len(), key, " = ")
        } else {
            origin()
        };
        // Secret values are reduced to "present" before they are stored.
        let value = if k == "privatekey" || k == "presharedkey" {
            if value.trim().is_empty() {
                String::new()
            } else {
                "present".into()
            }
        } else {
            value.trim().to_string()
        };
        // `PrivateKey = #Input the key here`: wg reads `#` as a comment and refuses the empty
        // key. Said, and an empty private or preshared key is taken as not there (no key file
        // to guard); a peer stays keyed by its PublicKey line.
        if matches!(k.as_str(), "privatekey" | "publickey" | "presharedkey") && value.is_empty() {
            cx.diag(DiagLevel::Warning, src, body_at, DiagKind::EmptyValue { directive: key.to_string() });
            if k != "publickey" {
                continue;
            }
        }
        sect.kvs.push(Kv { key: k, value, origin: o });
    }

    let iface_name = src.path.rsplit(['/', '\\']).next().unwrap_or("wg").trim_end_matches(".conf").to_string();
    let Some(iface) = sects.iter().find(|s| !s.peer).cloned() else {
        if !sects.is_empty() {
            cx.diag(
                DiagLevel::Error,
                src,
                0,
                DiagKind::Syntax {
                    detail: "no [Interface] section".into(),
                },
            );
        }
        return;
    };
    let peers: Vec<&Sect> = sects.iter().filter(|s| s.peer).collect();
    let listen = iface.get("listenport");
    let addresses = iface.list("address");
    let single_host = !addresses.is_empty() && addresses.iter().all(|a| a.ends_with("/32") || a.ends_with("/128") || !a.contains('/'));
    let client_profile = peers.len() == 1 && peers[0].get("endpoint").is_some() && listen.is_none() && (single_host || iface.get("dns").is_some());
    let private_key = iface.get("privatekey");
    // The same for every peer's tunnel: the file's mode, read once.
    let key_file_world_readable = private_key.and_then(|kv| key_file_fact(cx, src, &kv.origin));
    for (i, peer) in peers.iter().enumerate() {
        let endpoint = peer.get("endpoint");
        let (role, usage) = if client_profile {
            (VpnRole::Client, VpnUse::RemoteAccess)
        } else if endpoint.is_none() && listen.is_some() {
            let hosts = peer.list("allowedips").iter().all(|a| a.ends_with("/32") || a.ends_with("/128"));
            (VpnRole::Server, if hosts { VpnUse::RemoteAccess } else { VpnUse::SiteToSite })
        } else {
            (VpnRole::Peer, VpnUse::SiteToSite)
        };
        let label = peer
            .get("publickey")
            .map_or_else(|| format!("#{}", i + 1), |k| k.value.chars().take(8).collect::<String>() + "...");
        let mut t = VpnTunnel::new(
            format!("WireGuard {iface_name} peer {label}"),
            VpnKind::WireGuard,
            usage,
            role,
            peer.origin.clone(),
        );
        t.local_auth = Some(match private_key {
            Some(kv) => Setting::explicit(AuthMethod::PublicKey, kv.origin.clone()),
            None => match iface.kvs.iter().find(|kv| kv.key.starts_with("post") && kv.value.contains("private-key")) {
                Some(kv) => Setting::explicit(AuthMethod::PublicKey, kv.origin.clone()),
                None => dflt(AuthMethod::Unknown, &iface.origin, "no PrivateKey: set by wg set"),
            },
        });
        t.remote_auth = Some(match peer.get("publickey") {
            Some(kv) => Setting::explicit(AuthMethod::PublicKey, kv.origin.clone()),
            None => dflt(AuthMethod::None, &peer.origin, "no PublicKey"),
        });
        t.preshared_key = Some(match peer.get("presharedkey") {
            Some(kv) => Setting::explicit(!kv.value.is_empty(), kv.origin.clone()),
            None => dflt(false, &peer.origin, "no PresharedKey"),
        });
        // Peers are admitted by key; the Endpoint, if any, is where this side connects.
        t.peer_restricted = Some(Setting::explicit(
            true,
            peer.get("publickey").map_or(peer.origin.clone(), |kv| kv.origin.clone()),
        ));
        t.pfs = Some(Setting::default_at(true, peer.origin.with_note("Noise IK handshake: ephemeral keys")));
        if role == VpnRole::Client {
            let allowed = peer.list("allowedips");
            let full4 = allowed.iter().any(|a| a == "0.0.0.0/0") || (allowed.iter().any(|a| a == "0.0.0.0/1") && allowed.iter().any(|a| a == "128.0.0.0/1"));
            t.split_tunnel = Some(match peer.get("allowedips") {
                Some(kv) => Setting::explicit(!full4, kv.origin.clone()),
                None => dflt(true, &peer.origin, "no AllowedIPs"),
            });
        }
        t.key_file_world_readable = key_file_world_readable.clone();
        cx.model.vpn_tunnels.push(t);
    }
}

#[cfg(test)]
mod tests {
    use crate::formats::{parse_text, Format};
    use crate::model::{VpnRole, VpnUse};
    use crate::testutil::parse_clean;

    #[test]
    fn client_profile_split_tunnel() {
        let text = "[Interface]\nPrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=\nAddress = 10.20.0.5/32\nDNS = 10.20.0.1\n\n[Peer]\nPublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\nAllowedIPs = 10.20.0.0/24, 192.168.10.0/24\nEndpoint = vpn.example.jp:51820\n";
        let p = parse_clean(Format::Wireguard, "wg0.conf", text);
        let t = &p.model.vpn_tunnels[0];
        assert_eq!((t.role, t.usage), (VpnRole::Client, VpnUse::RemoteAccess));
        assert!(t.split_tunnel.as_ref().unwrap().value);
        assert!(!t.preshared_key.as_ref().unwrap().value);
        assert_eq!(&*t.local_auth.as_ref().unwrap().origin.evidence, "PrivateKey = ****");
        assert!(!format!("{:?}", p.model).contains("yAnz5"));
        assert!(t.key_file_world_readable.is_none(), "no file: mode unknown");
    }

    #[test]
    fn server_with_road_warriors() {
        let text = "[Interface]\nAddress = 10.20.0.1/24\nListenPort = 51820\nPrivateKey = abc=\n[Peer]\nPublicKey = p1=\nPresharedKey = q=\nAllowedIPs = 10.20.0.5/32\n[Peer]\nPublicKey = p2=\nAllowedIPs = 10.30.0.0/16\nEndpoint = 203.0.113.7:51820\n";
        let p = parse_text(Format::Wireguard, "wg0.conf", text);
        let t = &p.model.vpn_tunnels;
        assert_eq!((t[0].role, t[0].usage), (VpnRole::Server, VpnUse::RemoteAccess));
        assert!(t[0].preshared_key.as_ref().unwrap().value);
        assert_eq!(t[1].usage, VpnUse::SiteToSite);
    }
}
