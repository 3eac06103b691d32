//! ## What it does
//! Flags administrator and remote-access (VPN) accounts, and remote-access VPNs, that log in
//! with one factor only. The message names that factor as the config gives it: a
//! certificate login (OpenVPN `cert` without `auth-user-pass`, swanctl `pubkey`, EAP-TLS) is
//! one factor too, but it is not a password, and saying so would be a false accusation.
//!
//! ## Why
//! Clause 14-5 asks for two-factor authentication for remote access on new or updated
//! systems. In every one of the three hospital ransomware cases a password alone opened the
//! VPN.
//!
//! ## Example
//! FortiOS `config user local` / `edit "vendor01"` without `set two-factor` → MGMT006.

use crate::model::{AuthMethod, Model, VpnKind, VpnRole, VpnTunnel, VpnUse};
use crate::rules::Checker;

const PASSWORD: (&str, &str) = ("パスワード", "a password");

/// The one factor the users of a remote-access tunnel log in with, in both languages.
fn sole_factor(t: &VpnTunnel) -> (&'static str, &'static str) {
    // L2TP/IPsec: the IPsec PSK only opens the tunnel; users then log in over PPP with a
    // user name and password.
    if t.kind == VpnKind::L2tp {
        return PASSWORD;
    }
    let user_auth = if t.role == VpnRole::Client { &t.local_auth } else { &t.remote_auth };
    match user_auth.as_ref().map(|a| &a.value) {
        Some(AuthMethod::Certificate) => ("証明書", "a certificate"),
        Some(AuthMethod::Eap(m)) if m.to_ascii_lowercase().contains("tls") && !m.to_ascii_lowercase().contains("ttls") => ("証明書", "a certificate"),
        Some(AuthMethod::Psk) => ("事前共有鍵", "a pre-shared key"),
        Some(AuthMethod::PublicKey | AuthMethod::StaticKey) => ("鍵", "a key"),
        _ => PASSWORD,
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for a in model.accounts.iter().filter(|a| a.admin || a.remote_access) {
        if let Some(f) = &a.second_factor {
            cx.examined();
            if !f.value {
                let (ja, en) = if a.admin {
                    ("管理者", "administrator")
                } else {
                    ("リモートアクセス利用者", "remote-access user")
                };
                let args = vec![
                    ("role_ja", ja.into()),
                    ("role_en", en.into()),
                    ("factor_ja", PASSWORD.0.into()),
                    ("factor_en", PASSWORD.1.into()),
                ];
                cx.report(&format!("{en} {}", a.name), &f.origin, args);
            }
        }
    }
    for t in model.vpn_tunnels.iter().filter(|t| t.usage == VpnUse::RemoteAccess) {
        if let Some(f) = &t.second_factor {
            cx.examined();
            if !f.value {
                let (factor_ja, factor_en) = sole_factor(t);
                let args = vec![
                    ("role_ja", "リモートアクセス VPN".into()),
                    ("role_en", "remote-access VPN".into()),
                    ("factor_ja", factor_ja.into()),
                    ("factor_en", factor_en.into()),
                ];
                cx.report(&t.subject, &f.origin, args);
            }
        }
    }
}
