//! wpa_supplicant `wpa_supplicant.conf`: global `key=value` lines and `network={ ... }`
//! blocks (one per network the client may join; `cred={...}` blocks are read and skipped).
//!
//! Defaults are those documented in the reference `wpa_supplicant.conf` of wpa_supplicant
//! 2.10 (Debian: /usr/share/doc/wpasupplicant/examples/wpa_supplicant.conf):
//! `key_mgmt` "WPA-PSK WPA-EAP", `proto` "WPA RSN", `pairwise` "CCMP TKIP", `group`
//! "CCMP TKIP WEP104 WEP40", `ieee80211w` from the global `pmf` (default 0 = disabled), and
//! for EAP all methods allowed, no `ca_cert` (= the server certificate is not verified)
//! and no server name constraint. `mode=2` makes the network an access point.
//! Comments: `#` to the end of the line, outside double quotes.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::vpn_common::masked_origin;
use crate::formats::wlan_common::{self as wc, KvLine};
use crate::formats::{ParseCx, SecretRecord};
use crate::model::{Device, Origin, Pmf, SecretKind, SecretStorage, Setting, Wlan, WlanAuth, WlanCipher, WlanRole};
use crate::source::SourceFile;

type At<T> = Option<(T, Origin)>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Network,
    /// cred={...} (Hotspot 2.0 credentials) or an unknown block: secrets masked, rest skipped.
    Cred,
    /// blob-base64-NAME={...}: base64 lines.
    Blob,
}

#[derive(Default)]
struct Net {
    origin: Option<Origin>,
    ssid: Option<String>,
    key_mgmt: At<Vec<String>>,
    proto: At<Vec<String>>,
    pairwise: At<Vec<WlanCipher>>,
    ieee80211w: At<i64>,
    mode: i64,
    eap: At<Vec<String>>,
    /// phase2="auth=PAP" / "autheap=MSCHAPV2": the inner methods, lowercase.
    phase2: Vec<String>,
    ca: At<bool>,
    name_match: At<String>,
    wep: Option<Origin>,
    psk: Option<Origin>,
    /// eap=, identity= or a CA is configured: the network is meant for EAP.
    eap_configured: bool,
}

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    cx.model.device = Some(Device {
        product: "wpa_supplicant".into(),
        hostname: None,
        is_network_device: false,
        origin: src.origin(0, 0),
        source_routing: None,
    });
    let mut global_pmf: At<i64> = None;
    // (block kind, opening offset, network)
    let mut open: Option<(Kind, usize, Net)> = None;
    let mut count = 0usize;
    for (at, raw) in crate::formats::lex::physical(&src.text) {
        let line = crate::formats::lex::strip_hash_comment(raw.trim_start()).trim_end();
        if line.is_empty() {
            continue;
        }
        if line == "}" {
            match open.take() {
                Some((Kind::Network, _, net)) => {
                    count += 1;
                    lower(cx, src, net, count, &global_pmf);
                }
                Some(_) => {}
                None => cx.diag(DiagLevel::Error, src, at, DiagKind::UnexpectedClose),
            }
            continue;
        }
        if matches!(open, Some((Kind::Blob, _, _))) {
            continue; // base64 lines of a blob-base64-NAME={ } block
        }
        if let Some(name) = line.strip_suffix('{') {
            let name = name.trim_end().trim_end_matches('=').trim_end();
            if let Some((_, opened, _)) = &open {
                let (l, _) = src.line_col(*opened);
                cx.diag(DiagLevel::Error, src, at, DiagKind::UnterminatedBlock { opened_line: l });
            }
            match name {
                "network" => {
                    open = Some((
                        Kind::Network,
                        at,
                        Net {
                            origin: Some(src.origin(at, at + line.len())),
                            ..Net::default()
                        },
                    ))
                }
                "cred" => open = Some((Kind::Cred, at, Net::default())),
                _ if name.starts_with("blob-base64-") => open = Some((Kind::Blob, at, Net::default())),
                _ => {
                    cx.unrecognized(src, at, &format!("{name}={{"));
                    open = Some((Kind::Cred, at, Net::default()));
                }
            }
            continue;
        }
        let Some(kv) = wc::key_value(cx, src, at, line) else { continue };
        match &mut open {
            Some((Kind::Network, _, net)) => setting(cx, src, &kv, net),
            Some(_) => {
                if matches!(kv.key, "password" | "private_key_passwd" | "pin" | "realm_password") {
                    let o = masked_origin(src, kv.start, kv.end, kv.key, "=");
                    let record = SecretRecord::new(SecretKind::UserPassword, SecretStorage::Plaintext, "wpa_supplicant cred", o);
                    cx.secret(record.value(wc::unquote(kv.value)).plaintext_format());
                }
            }
            None => {
                if kv.key == "pmf" {
                    global_pmf = wc::small_int(kv.value).map(|n| (n, src.origin(kv.start, kv.end)));
                }
            }
        }
    }
    if let Some((_, opened, _)) = open {
        let (l, _) = src.line_col(opened);
        cx.diag(DiagLevel::Error, src, opened, DiagKind::UnterminatedBlock { opened_line: l });
    }
}

fn words(v: &str) -> Vec<String> {
    wc::unquote(v).split_whitespace().map(str::to_string).collect()
}

fn setting(cx: &mut ParseCx, src: &SourceFile, kv: &KvLine, net: &mut Net) {
    // Built only for the settings that keep one.
    let origin = || src.origin(kv.start, kv.end);
    let subject = || match net.ssid.as_deref() {
        Some(s) => format!("wpa_supplicant network \"{s}\""),
        None => "wpa_supplicant network (no ssid)".to_string(),
    };
    if matches!(kv.key, "eap" | "identity" | "ca_cert" | "client_cert" | "phase2") {
        net.eap_configured = true;
    }
    match kv.key {
        "ssid" => net.ssid = Some(wc::ssid_value(kv.value.trim())),
        "key_mgmt" => net.key_mgmt = Some((words(kv.value), origin())),
        "proto" => net.proto = Some((words(kv.value), origin())),
        "pairwise" => net.pairwise = Some((wc::cipher_list(cx, src, kv, &[]), origin())),
        "ieee80211w" => net.ieee80211w = wc::small_int(kv.value).map(|n| (n, origin())),
        "mode" => net.mode = wc::small_int(kv.value).unwrap_or(0),
        "eap" => net.eap = Some((words(kv.value).into_iter().map(|m| m.to_ascii_lowercase()).collect(), origin())),
        "phase2" => {
            let methods = words(wc::unquote(kv.value)).into_iter();
            net.phase2 = methods.filter_map(|w| w.split_once('=').map(|(_, m)| m.to_ascii_lowercase())).collect();
        }
        "ca_cert" | "ca_path" | "ca_cert_id" => {
            let v = wc::unquote(kv.value);
            // probe:// only fetches the server certificate; hash:// pins the server itself.
            let pinned = !v.is_empty() && !v.starts_with("probe://");
            if v.starts_with("hash://") {
                net.name_match = Some((v.to_string(), origin()));
            }
            if !net.ca.as_ref().is_some_and(|(p, _)| *p) {
                net.ca = Some((pinned, origin()));
            }
        }
        "domain_suffix_match" | "domain_match" | "altsubject_match" | "subject_match" | "check_cert_subject" if !wc::unquote(kv.value).is_empty() => {
            net.name_match = Some((kv.key.to_string(), origin()));
        }
        "psk" | "sae_password" => {
            let o = masked_origin(src, kv.start, kv.end, kv.key, "=");
            let v = kv.value.trim();
            // psk="passphrase" (8..63 chars) or psk=<64 hex digits> (the PSK itself).
            let value = if v.starts_with('"') { wc::unquote(v) } else { v };
            let record = SecretRecord::new(SecretKind::WifiPsk, SecretStorage::Plaintext, format!("{} {}", subject(), kv.key), o.clone());
            cx.secret(record.value(value).link(net.ssid.as_deref()).plaintext_format());
            net.psk = Some(o);
        }
        "password" => {
            let o = masked_origin(src, kv.start, kv.end, kv.key, "=");
            let v = wc::unquote(kv.value);
            // hash:<NtPasswordHash> is an unsalted MD4 of the password.
            let storage = if v.starts_with("hash:") {
                SecretStorage::WeakHash
            } else {
                SecretStorage::Plaintext
            };
            let record = SecretRecord::new(SecretKind::UserPassword, storage, format!("{} EAP password", subject()), o);
            cx.secret(record.value(v).plaintext_format());
        }
        "private_key_passwd" | "private_key2_passwd" => {
            let o = masked_origin(src, kv.start, kv.end, kv.key, "=");
            let record = SecretRecord::new(SecretKind::PrivateKey, SecretStorage::Plaintext, format!("{} {}", subject(), kv.key), o);
            cx.secret(record.value(wc::unquote(kv.value)).plaintext_format());
        }
        "pin" | "pin2" => {
            let o = masked_origin(src, kv.start, kv.end, kv.key, "=");
            let record = SecretRecord::new(SecretKind::Password, SecretStorage::Plaintext, format!("{} smart card PIN", subject()), o);
            cx.secret(record.value(wc::unquote(kv.value)).plaintext_format());
        }
        "wep_key0" | "wep_key1" | "wep_key2" | "wep_key3" => {
            let o = masked_origin(src, kv.start, kv.end, kv.key, "=");
            let record = SecretRecord::new(SecretKind::SymmetricKey, SecretStorage::Plaintext, format!("{} WEP key", subject()), o.clone());
            cx.secret(record.value(wc::unquote(kv.value)).plaintext_format());
            net.wep = Some(o);
        }
        _ => {}
    }
}

fn lower(cx: &mut ParseCx, src: &SourceFile, net: Net, n: usize, global_pmf: &At<i64>) {
    let block = net.origin.clone().unwrap_or_else(|| src.origin(0, 0));
    let subject = match &net.ssid {
        Some(s) => format!("wpa_supplicant network \"{s}\""),
        None => format!("wpa_supplicant network #{n} (any SSID)"),
    };
    let dflt = |what: &str| block.with_note(what);
    let (names, km_origin, km_default) = match &net.key_mgmt {
        Some((v, o)) => (v.clone(), o.clone(), false),
        // The default allows EAP too, but a network with a psk and no EAP settings cannot
        // authenticate that way: judge it as the PSK network it is.
        None if net.psk.is_some() && !net.eap_configured => (vec!["WPA-PSK".into()], dflt("key_mgmt not set: default WPA-PSK WPA-EAP, psk given"), true),
        None => (
            vec!["WPA-PSK".into(), "WPA-EAP".into()],
            dflt("key_mgmt not set: default WPA-PSK WPA-EAP"),
            true,
        ),
    };
    let (wpa1, rsn, proto_origin, proto_default) = match &net.proto {
        Some((v, o)) => {
            let wpa1 = v.iter().any(|p| p.eq_ignore_ascii_case("WPA"));
            let rsn = v.iter().any(|p| p.eq_ignore_ascii_case("RSN") || p.eq_ignore_ascii_case("WPA2"));
            (wpa1, rsn, o.clone(), false)
        }
        None => (true, true, dflt("proto not set: default WPA RSN"), true),
    };
    let mut auth = Vec::new();
    let mut any_wpa = false;
    for name in &names {
        match name.to_ascii_uppercase().as_str() {
            "NONE" => auth.push(if net.wep.is_some() { WlanAuth::Wep } else { WlanAuth::Open }),
            // IEEE 802.1X with dynamic WEP keys.
            "IEEE8021X" => auth.push(WlanAuth::Wep),
            other => match wc::key_mgmt(other, wpa1, rsn) {
                Some(v) => {
                    any_wpa |= !v.is_empty();
                    auth.extend(v);
                }
                None if wc::key_mgmt_ignored(other) => {}
                None => cx.bad_value(src, km_origin.span.0, "key_mgmt", other),
            },
        }
    }
    // The auth setting points at key_mgmt, or at proto when that is what allows WPA v1.
    let auth_origin = if wpa1 && any_wpa && !proto_default {
        proto_origin.clone()
    } else {
        km_origin.clone()
    };
    let mut auth_origin = auth_origin;
    if wpa1 && any_wpa && proto_default {
        auth_origin = km_origin.with_note("proto not set: default WPA RSN");
    }
    let auth = Setting {
        value: wc::norm(auth),
        origin: auth_origin,
        defaulted: km_default && proto_default,
    };
    let mut ciphers = Vec::new();
    if auth.value.iter().any(|a| matches!(a, WlanAuth::Open)) {
        ciphers.push(WlanCipher::None);
    }
    if auth.value.iter().any(|a| matches!(a, WlanAuth::Wep)) {
        ciphers.push(WlanCipher::Wep);
    }
    let mut pairwise_origin = net.wep.clone().unwrap_or_else(|| auth.origin.clone());
    let mut pairwise_default = false;
    if any_wpa {
        match &net.pairwise {
            Some((v, o)) => {
                ciphers.extend(v.iter().copied());
                pairwise_origin = o.clone();
            }
            None => {
                ciphers.extend([WlanCipher::Ccmp, WlanCipher::Tkip]);
                pairwise_origin = dflt("pairwise not set: default CCMP TKIP");
                pairwise_default = true;
            }
        }
    }
    let pairwise = Setting {
        value: wc::norm(ciphers),
        origin: pairwise_origin,
        defaulted: pairwise_default,
    };
    let role = if net.mode == 2 { WlanRole::AccessPoint } else { WlanRole::Client };
    let mut w = Wlan::new(subject, role, block.clone(), auth, pairwise);
    w.ssid = net.ssid.clone();
    if any_wpa {
        w.pmf = Some(match (&net.ieee80211w, global_pmf) {
            (Some((n, o)), _) | (None, Some((n, o))) => Setting::explicit(wc::pmf_of(*n), o.clone()),
            (None, None) => Setting::default_at(Pmf::Disabled, dflt("ieee80211w not set: default from pmf=0, disabled")),
        });
    }
    let eap = w
        .auth
        .value
        .iter()
        .any(|a| matches!(a, WlanAuth::WpaEap | WlanAuth::Wpa2Eap | WlanAuth::Wpa3Eap))
        || names.iter().any(|n| n.eq_ignore_ascii_case("IEEE8021X"));
    if eap {
        w.eap_methods = match &net.eap {
            Some((v, _)) => v.clone(),
            None => vec!["any".into()],
        };
        w.inner_methods = net.phase2.clone();
        if role == WlanRole::Client {
            w.ca_pinned = Some(match &net.ca {
                Some((p, o)) => Setting::explicit(*p, o.clone()),
                None => Setting::default_at(false, dflt("ca_cert not set: the RADIUS server's certificate is not verified")),
            });
            w.server_name_matched = Some(match &net.name_match {
                Some((_, o)) => Setting::explicit(true, o.clone()),
                None => Setting::default_at(
                    false,
                    dflt("no domain_suffix_match / domain_match / altsubject_match: any server name accepted"),
                ),
            });
        } else {
            w.radius = Some(Setting::explicit(true, w.auth.origin.clone()));
        }
    }
    if role == WlanRole::AccessPoint {
        w.answers_broadcast_probe = Some(Setting::default_at(true, dflt("AP mode: SSID broadcast")));
        w.mac_acl = Some(Setting::default_at(false, block.clone()));
    }
    cx.model.wlans.push(w);
}
