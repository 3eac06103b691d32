//! NetworkManager keyfiles (`/etc/NetworkManager/system-connections/*.nmconnection`), the
//! Wi-Fi parts: `[connection]` type, `[wifi]` (alias `[802-11-wireless]`),
//! `[wifi-security]` (alias `[802-11-wireless-security]`) and `[802-1x]`.
//!
//! Defaults per nm-settings-nmcli(5) / nm-settings-keyfile(5) (NetworkManager 1.42):
//! no `[wifi-security]` section = an open network; `key-mgmt=none` = static WEP;
//! `key-mgmt=ieee8021x` = dynamic WEP; empty `proto` = WPA and RSN allowed; empty
//! `pairwise` = all pairwise ciphers (TKIP and CCMP) allowed; `pmf=0` (default) = the global
//! default, which is "optional" unless NetworkManager.conf says otherwise; `psk-flags=0` =
//! the secret is stored in this file; `mode` defaults to infrastructure (a client);
//! `mode=ap` is a hotspot, where `hidden=true` stops the SSID being broadcast; without
//! `ca-cert`, `ca-path` or `system-ca-certs=true` the 802.1X server is not verified.
//! Lists are `;`-separated; values use GKeyFile escapes.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::wlan_common as wc;
use crate::formats::{ParseCx, SecretRecord};
use crate::model::{Band, Device, Origin, Pmf, SecretKind, SecretStorage, Setting, Wlan, WlanAuth, WlanCipher, WlanRole};
use crate::source::SourceFile;
use std::collections::BTreeMap;

/// section → key → (value, origin of the line)
type Sections = BTreeMap<String, BTreeMap<String, (String, Origin)>>;

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    let mut sections: Sections = BTreeMap::new();
    let mut section_origin: BTreeMap<String, Origin> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (at, raw) in crate::formats::lex::physical(&src.text) {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if line.starts_with('[') {
            match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                Some(name) => {
                    let name = canonical_section(name.trim());
                    section_origin.entry(name.clone()).or_insert_with(|| src.origin(at, at + raw.len()));
                    sections.entry(name.clone()).or_default();
                    current = Some(name);
                }
                None => {
                    cx.diag(
                        DiagLevel::Error,
                        src,
                        at,
                        DiagKind::Syntax {
                            detail: "section header without closing ]".into(),
                        },
                    );
                    cx.unrecognized_lines += 1;
                }
            }
            continue;
        }
        let Some(kv) = wc::key_value(cx, src, at, line) else { continue };
        let Some(sec) = &current else {
            // Only the key: the value may be a secret.
            cx.unrecognized(src, at, &format!("{}= (outside any [section])", kv.key));
            continue;
        };
        let secret = is_secret(sec, kv.key);
        let evidence = if secret {
            wc::masked(kv.key, "=")
        } else {
            format!("[{sec}] {}", crate::formats::evidence_text(line))
        };
        let origin = src.origin_showing(kv.start, kv.end, &evidence);
        sections
            .entry(sec.clone())
            .or_default()
            .insert(kv.key.to_string(), (unescape(kv.value.trim()), origin));
    }
    let get = |s: &str, k: &str| sections.get(s).and_then(|m| m.get(k));
    let ctype = get("connection", "type").map(|(v, _)| v.as_str()).unwrap_or("");
    let is_wifi = matches!(ctype, "wifi" | "802-11-wireless") || (ctype.is_empty() && sections.contains_key("wifi"));
    let id = get("connection", "id").map(|(v, _)| v.clone()).unwrap_or_default();
    cx.model.device = Some(Device {
        product: "NetworkManager".into(),
        hostname: None,
        is_network_device: false,
        origin: section_origin.get("connection").cloned().unwrap_or_else(|| src.origin(0, 0)),
        source_routing: None,
    });
    if !is_wifi {
        return;
    }
    let block = section_origin
        .get("wifi")
        .or_else(|| section_origin.get("connection"))
        .cloned()
        .unwrap_or_else(|| src.origin(0, 0));
    let dflt = |what: &str| block.with_note(what);
    let ssid = get("wifi", "ssid").map(|(v, _)| v.clone());
    let subject = format!(
        "NetworkManager connection \"{}\"",
        if id.is_empty() { ssid.clone().unwrap_or_default() } else { id.clone() }
    );
    let mode = get("wifi", "mode")
        .map(|(v, _)| v.to_ascii_lowercase())
        .unwrap_or_else(|| "infrastructure".into());
    let role = if mode == "ap" { WlanRole::AccessPoint } else { WlanRole::Client };

    let km = get("wifi-security", "key-mgmt");
    let list = |s: &str, k: &str| -> Option<(Vec<String>, Origin)> {
        get(s, k).map(|(v, o)| {
            (
                v.split(';').map(|x| x.trim().to_ascii_lowercase()).filter(|x| !x.is_empty()).collect(),
                o.clone(),
            )
        })
    };
    let proto = list("wifi-security", "proto").filter(|(v, _)| !v.is_empty());
    let (wpa1, rsn) = match &proto {
        Some((v, _)) => (v.iter().any(|p| p == "wpa"), v.iter().any(|p| p == "rsn")),
        None => (true, true),
    };
    if let Some((v, o)) = km.filter(|(v, _)| v.eq_ignore_ascii_case("none")) {
        // key-mgmt=none: static WEP (an open network has no [wifi-security] section at all).
        let _ = v;
        let mut w = Wlan::new(
            subject.clone(),
            role,
            block.clone(),
            Setting::explicit(vec![WlanAuth::Wep], o.clone()),
            Setting::explicit(vec![WlanCipher::Wep], o.clone()),
        );
        w.ssid = ssid;
        secrets(cx, &sections, &subject);
        cx.model.wlans.push(w);
        return;
    }
    let (auth, any_wpa) = match km {
        None => {
            let o = if sections.contains_key("wifi-security") {
                dflt("[wifi-security] without key-mgmt")
            } else {
                dflt("no [wifi-security] section: open network")
            };
            (Setting::default_at(vec![WlanAuth::Open], o), false)
        }
        Some((v, o)) => {
            let v = v.to_ascii_lowercase();
            let name = match v.as_str() {
                "wpa-psk" => "WPA-PSK",
                "wpa-eap" => "WPA-EAP",
                "wpa-eap-suite-b-192" => "WPA-EAP-SUITE-B-192",
                "sae" => "SAE",
                "owe" => "OWE",
                "ieee8021x" => "IEEE8021X",
                _ => {
                    cx.bad_value(src, o.span.0, "key-mgmt", &v);
                    return;
                }
            };
            if name == "IEEE8021X" {
                (Setting::explicit(vec![WlanAuth::Wep], o.clone()), false)
            } else {
                let a = wc::key_mgmt(name, wpa1, rsn).unwrap_or_default();
                let origin = match (&proto, wpa1 && matches!(name, "WPA-PSK" | "WPA-EAP")) {
                    (None, true) => o.with_note("proto not set: WPA and RSN allowed"),
                    (Some((_, po)), true) => po.clone(),
                    _ => o.clone(),
                };
                (Setting::explicit(wc::norm(a), origin), true)
            }
        }
    };
    let pairwise = if any_wpa {
        match list("wifi-security", "pairwise").filter(|(v, _)| !v.is_empty()) {
            Some((v, o)) => Setting::explicit(wc::norm(v.iter().filter_map(|c| wc::cipher(c)).collect()), o),
            None => Setting::default_at(
                vec![WlanCipher::Tkip, WlanCipher::Ccmp],
                auth.origin.with_note("pairwise not set: TKIP and CCMP allowed"),
            ),
        }
    } else if auth.value.contains(&WlanAuth::Wep) {
        Setting {
            value: vec![WlanCipher::Wep],
            origin: auth.origin.clone(),
            defaulted: auth.defaulted,
        }
    } else {
        Setting {
            value: vec![WlanCipher::None],
            origin: auth.origin.clone(),
            defaulted: auth.defaulted,
        }
    };
    let mut w = Wlan::new(subject.clone(), role, block.clone(), auth, pairwise);
    w.ssid = ssid;
    if any_wpa {
        w.pmf = Some(match get("wifi-security", "pmf") {
            Some((v, o)) => match v.trim() {
                "1" => Setting::explicit(Pmf::Disabled, o.clone()),
                "2" => Setting::explicit(Pmf::Optional, o.clone()),
                "3" => Setting::explicit(Pmf::Required, o.clone()),
                _ => Setting::default_at(Pmf::Optional, o.with_note("global default: optional")),
            },
            None => Setting::default_at(Pmf::Optional, dflt("pmf not set: NetworkManager global default, optional")),
        });
    }
    w.bands = get("wifi", "band").and_then(|(v, o)| match v.to_ascii_lowercase().as_str() {
        "bg" => Some(Setting::explicit(vec![Band::Ghz2_4], o.clone())),
        "a" => Some(Setting::explicit(vec![Band::Ghz5], o.clone())),
        _ => None,
    });
    if role == WlanRole::AccessPoint {
        w.answers_broadcast_probe = Some(match get("wifi", "hidden") {
            Some((v, o)) => Setting::explicit(!v.eq_ignore_ascii_case("true"), o.clone()),
            None => Setting::default_at(true, dflt("hidden not set: SSID broadcast")),
        });
        w.mac_acl = Some(Setting::default_at(false, block.clone()));
    }
    let eap_used = w
        .auth
        .value
        .iter()
        .any(|a| matches!(a, WlanAuth::WpaEap | WlanAuth::Wpa2Eap | WlanAuth::Wpa3Eap))
        || km.is_some_and(|(v, _)| v.eq_ignore_ascii_case("ieee8021x"));
    if eap_used {
        let x = "802-1x";
        w.eap_methods = list(x, "eap").map(|(v, _)| v).unwrap_or_default();
        w.inner_methods = ["phase2-auth", "phase2-autheap"]
            .iter()
            .filter_map(|k| get(x, k))
            .map(|(v, _)| v.to_ascii_lowercase())
            .collect();
        if role == WlanRole::Client {
            let sec_origin = section_origin.get(x).cloned().unwrap_or_else(|| block.clone());
            let ca = get(x, "ca-cert").or_else(|| get(x, "ca-path")).map(|(_, o)| o.clone()).or_else(|| {
                get(x, "system-ca-certs")
                    .filter(|(v, _)| v.eq_ignore_ascii_case("true"))
                    .map(|(_, o)| o.clone())
            });
            w.ca_pinned = Some(match ca {
                Some(o) => Setting::explicit(true, o),
                None => Setting::default_at(false, sec_origin.with_note("no ca-cert: the RADIUS server's certificate is not verified")),
            });
            // The certificate and key files the profile names (a path or a file:// URI; an
            // inline blob is no file): one not in the audited tree is said at its line.
            for k in [
                "ca-cert",
                "client-cert",
                "private-key",
                "phase2-ca-cert",
                "phase2-client-cert",
                "phase2-private-key",
            ] {
                if let Some((v, o)) = get(x, k) {
                    if let Some(path) = v.strip_prefix("file://").or(Some(v.as_str()).filter(|p| p.starts_with('/'))) {
                        cx.named_file_present(src, path, o);
                    }
                }
            }
            let name = ["domain-suffix-match", "domain-match", "subject-match", "altsubject-matches"]
                .iter()
                .find_map(|k| get(x, k).filter(|(v, _)| !v.is_empty()));
            w.server_name_matched = Some(match name {
                Some((_, o)) => Setting::explicit(true, o.clone()),
                None => Setting::default_at(false, sec_origin.with_note("no domain-suffix-match: any server name accepted")),
            });
        }
    }
    secrets(cx, &sections, &subject);
    cx.model.wlans.push(w);
}

fn canonical_section(name: &str) -> String {
    match name {
        "802-11-wireless" => "wifi".into(),
        "802-11-wireless-security" => "wifi-security".into(),
        other => other.to_string(),
    }
}

fn is_secret(section: &str, key: &str) -> bool {
    matches!(
        (section, key),
        ("wifi-security", "psk" | "wep-key0" | "wep-key1" | "wep-key2" | "wep-key3" | "leap-password")
            | (
                "802-1x",
                "password" | "private-key-password" | "phase2-private-key-password" | "pin" | "password-raw" | "identity" | "anonymous-identity"
            )
    )
}

/// Records the secrets of the file: measured when stored here (`*-flags=0`), external when
/// an agent holds them.
fn secrets(cx: &mut ParseCx, sections: &Sections, subject: &str) {
    let items: [(&str, &str, &str, SecretKind); 9] = [
        ("wifi-security", "psk", "psk-flags", SecretKind::WifiPsk),
        ("wifi-security", "wep-key0", "wep-key-flags", SecretKind::SymmetricKey),
        ("wifi-security", "wep-key1", "wep-key-flags", SecretKind::SymmetricKey),
        ("wifi-security", "wep-key2", "wep-key-flags", SecretKind::SymmetricKey),
        ("wifi-security", "wep-key3", "wep-key-flags", SecretKind::SymmetricKey),
        ("wifi-security", "leap-password", "leap-password-flags", SecretKind::UserPassword),
        ("802-1x", "password", "password-flags", SecretKind::UserPassword),
        ("802-1x", "private-key-password", "private-key-password-flags", SecretKind::PrivateKey),
        (
            "802-1x",
            "phase2-private-key-password",
            "phase2-private-key-password-flags",
            SecretKind::PrivateKey,
        ),
    ];
    for (sec, key, flags, kind) in items {
        let m = sections.get(sec);
        let Some((v, o)) = m.and_then(|m| m.get(key)) else {
            continue;
        };
        let flag = m.and_then(|m| m.get(flags)).and_then(|(f, _)| f.trim().parse::<u32>().ok()).unwrap_or(0);
        let storage = if flag & 0b11 != 0 {
            SecretStorage::External
        } else {
            SecretStorage::Plaintext
        };
        // Every access point of one SSID and its clients hold one passphrase.
        let ssid = sections.get("wifi").and_then(|m| m.get("ssid")).map(|(s, _)| s.as_str());
        let link = ssid.filter(|_| kind == SecretKind::WifiPsk);
        cx.secret(
            SecretRecord::new(kind, storage, format!("{subject} {key}"), o.clone())
                .value(v.as_str())
                .link(link)
                .plaintext_format(),
        );
    }
}

/// GKeyFile escapes: \s \n \t \r \\ (others kept as written).
fn unescape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut it = v.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('s') => out.push(' '),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}
