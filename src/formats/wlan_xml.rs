//! Windows WLAN profiles as `netsh wlan export profile` writes them (`<WLANProfile>` XML).
//!
//! Read per Microsoft's "WLAN_profile Schema" (learn.microsoft.com, windows/win32/nativewifi):
//! `SSIDConfig/SSID/name`, `MSM/security/authEncryption` (`authentication` open, shared,
//! WPA, WPAPSK, WPA2, WPA2PSK, WPA3, WPA3ENT192, WPA3ENT, WPA3SAE, OWE; `encryption` none,
//! WEP, TKIP, AES, GCMP, GCMP256; `useOneX`), `sharedKey` (`keyType`, `protected`: false
//! unless given, true = encrypted with the machine key, `keyMaterial`), and the `OneX`
//! EAP configuration (EapHostConfig with the MsPeap / EapTls / EapTtls connection
//! properties): `ServerValidation` with `TrustedRootCA` (or `TrustedRootCAHash`),
//! `ServerNames`, `DisableUserPromptForServerValidation` (or `DisablePrompt`; false unless
//! given = Windows asks the user to trust an unknown server), and PEAP's
//! `PeapExtensions/PerformServerValidation` (false = no server validation at all).
//! Elements are matched by local name, so namespace prefixes and schema versions do not
//! matter.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::xml::{self, Document, Element};
use crate::formats::{ParseCx, SecretRecord};
use crate::model::{Device, Origin, SecretKind, SecretStorage, Setting, Wlan, WlanAuth, WlanCipher, WlanRole};
use crate::source::SourceFile;

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    let doc = xml::parse(&src.text);
    for e in &doc.errors {
        cx.diag(DiagLevel::Error, src, e.offset, DiagKind::Syntax { detail: e.detail.clone() });
    }
    cx.model.device = Some(Device {
        product: "Windows WLAN profile".into(),
        hostname: None,
        is_network_device: false,
        origin: src.origin(0, 0),
        source_routing: None,
    });
    let Some((root_i, root)) = doc.find(&["WLANProfile"]).next() else {
        if doc.errors.is_empty() {
            cx.diag(
                DiagLevel::Error,
                src,
                0,
                DiagKind::Syntax {
                    detail: "no <WLANProfile> element".into(),
                },
            );
        }
        return;
    };
    let leaf = |e: &Element| -> Origin {
        src.origin(e.start, e.end)
            .with_evidence(&format!("<{0}>{1}</{0}>", e.local, crate::formats::evidence_text(&e.text)))
    };
    let within = |suffix: &'static [&'static str]| doc.find(suffix).find(|(i, _)| doc.within(*i, root_i)).map(|(_, e)| e);
    let name = within(&["WLANProfile", "name"]).map(|e| e.text.clone()).unwrap_or_default();
    let ssid = within(&["SSIDConfig", "SSID", "name"])
        .map(|e| e.text.clone())
        .or_else(|| within(&["SSIDConfig", "SSID", "hex"]).map(|e| hex_ssid(&e.text)));
    let block = src.origin(root.start, root.end).with_evidence(&format!("<WLANProfile> {name}"));
    let subject = format!(
        "Windows WLAN profile \"{}\"",
        if name.is_empty() { ssid.clone().unwrap_or_default() } else { name.clone() }
    );
    let connection_type = within(&["WLANProfile", "connectionType"])
        .map(|e| e.text.to_ascii_uppercase())
        .unwrap_or_else(|| "ESS".into());
    let _ = connection_type;

    let Some(auth_e) = within(&["authEncryption", "authentication"]) else {
        cx.diag(
            DiagLevel::Error,
            src,
            root.start,
            DiagKind::Syntax {
                detail: "WLANProfile without MSM/security/authEncryption/authentication".into(),
            },
        );
        return;
    };
    let enc_e = within(&["authEncryption", "encryption"]);
    let one_x = within(&["authEncryption", "useOneX"]).is_some_and(|e| e.text.eq_ignore_ascii_case("true"));
    let auth_name = auth_e.text.to_ascii_lowercase();
    let enc_name = enc_e.map(|e| e.text.to_ascii_lowercase()).unwrap_or_default();
    let auth = match auth_name.as_str() {
        "open" if enc_name == "wep" => WlanAuth::Wep,
        "open" => WlanAuth::Open,
        "shared" => WlanAuth::Wep,
        "wpa" => WlanAuth::WpaEap,
        "wpapsk" => WlanAuth::WpaPsk,
        "wpa2" => WlanAuth::Wpa2Eap,
        "wpa2psk" => WlanAuth::Wpa2Psk,
        "wpa3" | "wpa3ent" | "wpa3ent192" => WlanAuth::Wpa3Eap,
        "wpa3sae" => WlanAuth::Wpa3Sae,
        "owe" => WlanAuth::Owe,
        other => {
            cx.bad_value(src, auth_e.start, "authentication", other);
            return;
        }
    };
    let cipher = match enc_name.as_str() {
        "none" | "" => WlanCipher::None,
        "wep" => WlanCipher::Wep,
        "tkip" => WlanCipher::Tkip,
        "aes" => WlanCipher::Ccmp,
        "gcmp" => WlanCipher::Gcmp,
        "gcmp256" => WlanCipher::Gcmp256,
        other => {
            cx.bad_value(src, enc_e.map_or(auth_e.start, |e| e.start), "encryption", other);
            WlanCipher::None
        }
    };
    let auth_o = leaf(auth_e);
    let enc_o = enc_e.map(leaf).unwrap_or_else(|| auth_o.clone());
    let mut w = Wlan::new(
        subject.clone(),
        WlanRole::Client,
        block.clone(),
        Setting::explicit(vec![auth], auth_o.clone()),
        Setting::explicit(vec![cipher], enc_o),
    );
    w.ssid = ssid;

    // Shared key: masked; `protected` true = encrypted with the machine key (DPAPI).
    if let Some(km) = within(&["sharedKey", "keyMaterial"]) {
        let protected = within(&["sharedKey", "protected"]).is_some_and(|e| e.text.eq_ignore_ascii_case("true"));
        let o = src.origin(km.start, km.end).with_evidence("<keyMaterial>****</keyMaterial>");
        let storage = if protected {
            SecretStorage::DeviceEncrypted
        } else {
            SecretStorage::Plaintext
        };
        let kind = if auth == WlanAuth::Wep {
            SecretKind::SymmetricKey
        } else {
            SecretKind::WifiPsk
        };
        let record = SecretRecord::new(kind, storage, format!("{subject} keyMaterial"), o).value(km.text.as_str());
        cx.secret(record.link(w.ssid.as_deref()).plaintext_format());
    }

    let eap = matches!(auth, WlanAuth::WpaEap | WlanAuth::Wpa2Eap | WlanAuth::Wpa3Eap) || one_x;
    if eap {
        eap_config(src, &doc, root_i, &mut w, &block);
    }
    cx.model.wlans.push(w);
}

fn hex_ssid(h: &str) -> String {
    let bytes: Vec<u8> = (0..h.len() / 2)
        .filter_map(|i| h.get(2 * i..2 * i + 2).and_then(|x| u8::from_str_radix(x, 16).ok()))
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// EAP method type numbers (IANA "Extensible Authentication Protocol Numbers").
fn eap_name(t: &str) -> String {
    match t.trim() {
        "13" => "tls".into(),
        "25" => "peap".into(),
        "21" => "ttls".into(),
        "26" => "mschapv2".into(),
        "18" => "sim".into(),
        "23" => "aka".into(),
        "50" => "aka'".into(),
        "43" => "fast".into(),
        "55" => "teap".into(),
        other => format!("eap-{other}"),
    }
}

fn eap_config(src: &SourceFile, doc: &Document, root: usize, w: &mut Wlan, block: &Origin) {
    let leaf = |e: &Element| -> Origin {
        src.origin(e.start, e.end)
            .with_evidence(&format!("<{0}>{1}</{0}>", e.local, crate::formats::evidence_text(&e.text)))
    };
    let in_root = |suffix: &'static [&'static str]| doc.find(suffix).filter(move |(i, _)| doc.within(*i, root));
    let method = in_root(&["EapHostConfig", "EapMethod", "Type"]).next().map(|(_, e)| eap_name(&e.text));
    w.eap_methods = method.clone().into_iter().collect();
    // SIM/AKA authenticate the network through the SIM; no server certificate to check.
    if method.as_deref().is_some_and(|m| matches!(m, "sim" | "aka" | "aka'")) {
        return;
    }
    let one_x_o = in_root(&["OneX"])
        .next()
        .map(|(_, e)| src.origin(e.start, e.end).with_evidence("<OneX>"))
        .unwrap_or_else(|| block.clone());
    let Some((sv_i, sv)) = in_root(&["ServerValidation"]).next() else {
        let o = one_x_o.with_note("no ServerValidation: Windows trusts any server certificate the user accepts");
        w.ca_pinned = Some(Setting::default_at(false, o.clone()));
        w.server_name_matched = Some(Setting::default_at(false, o.clone()));
        w.user_prompt_for_server = Some(Setting::default_at(true, o));
        return;
    };
    let sv_o = src.origin(sv.start, sv.end).with_evidence("<ServerValidation>");
    let child = |n: &'static str| doc.children(sv_i, n).next().map(|(_, e)| e);
    let ca: Vec<&Element> = ["TrustedRootCA", "TrustedRootCAHash"]
        .iter()
        .flat_map(|n| doc.children(sv_i, n).map(|(_, e)| e))
        .filter(|e| !e.text.is_empty())
        .collect();
    w.ca_pinned = Some(match ca.first() {
        Some(e) => Setting::explicit(true, leaf(e)),
        None => Setting::explicit(false, sv_o.with_evidence("<ServerValidation> without <TrustedRootCA>")),
    });
    let names = child("ServerNames");
    w.server_name_matched = Some(match names {
        Some(e) if !e.text.is_empty() => Setting::explicit(true, leaf(e)),
        Some(e) => Setting::explicit(false, leaf(e)),
        None => Setting::explicit(false, sv_o.with_evidence("<ServerValidation> without <ServerNames>")),
    });
    let prompt = child("DisableUserPromptForServerValidation").or_else(|| child("DisablePrompt"));
    w.user_prompt_for_server = Some(match prompt {
        Some(e) => Setting::explicit(!e.text.eq_ignore_ascii_case("true"), leaf(e)),
        None => Setting::default_at(
            true,
            sv_o.with_evidence("<ServerValidation> (DisableUserPromptForServerValidation not set: false, the user is asked)"),
        ),
    });
    // PEAP V2 extensions: PerformServerValidation=false turns validation off entirely;
    // AcceptServerName=false ignores ServerNames.
    if let Some((_, e)) = in_root(&["PeapExtensions", "PerformServerValidation"]).next() {
        if e.text.eq_ignore_ascii_case("false") {
            w.ca_pinned = Some(Setting::explicit(false, leaf(e)));
            w.server_name_matched = Some(Setting::explicit(false, leaf(e)));
        }
    }
    if let Some((_, e)) = in_root(&["PeapExtensions", "AcceptServerName"]).next() {
        if e.text.eq_ignore_ascii_case("false") && w.server_name_matched.as_ref().is_some_and(|s| s.value) {
            w.server_name_matched = Some(Setting::explicit(false, leaf(e)));
        }
    }
}
