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

use crate::i18n::{Lang, Term};
use crate::model::{AuthMethod, Model, VpnKind, VpnRole, VpnTunnel, VpnUse};
use crate::rules::msg::NoSecondFactor;
use crate::rules::Checker;

crate::i18n::terms! {
    /// Whose login it is.
    enum Role {
        Administrator => "管理者", "administrator";
        RemoteUser => "リモートアクセス利用者", "remote-access user";
        RemoteAccessVpn => "リモートアクセス VPN", "remote-access VPN";
    }
}

crate::i18n::terms! {
    /// The one factor a login takes.
    enum Factor {
        Password => "パスワード", "a password";
        Certificate => "証明書", "a certificate";
        Psk => "事前共有鍵", "a pre-shared key";
        Key => "鍵", "a key";
    }
}

/// The one factor the users of a remote-access tunnel log in with.
fn sole_factor(t: &VpnTunnel) -> Factor {
    // L2TP/IPsec: the IPsec PSK only opens the tunnel; users then log in over PPP with a
    // user name and password.
    if t.kind == VpnKind::L2tp {
        return Factor::Password;
    }
    let user_auth = if t.role == VpnRole::Client { &t.local_auth } else { &t.remote_auth };
    match user_auth.as_ref().map(|a| &a.value) {
        Some(AuthMethod::Certificate) => Factor::Certificate,
        Some(AuthMethod::Eap(m)) if m.to_ascii_lowercase().contains("tls") && !m.to_ascii_lowercase().contains("ttls") => Factor::Certificate,
        Some(AuthMethod::Psk) => Factor::Psk,
        Some(AuthMethod::PublicKey | AuthMethod::StaticKey) => Factor::Key,
        _ => Factor::Password,
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for a in model.accounts.iter().filter(|a| a.admin || a.remote_access) {
        if let Some(f) = &a.second_factor {
            cx.examined();
            if !f.value {
                let role = if a.admin { Role::Administrator } else { Role::RemoteUser };
                // The subject is an English identifier (waivers name it), in either language.
                let subject = format!("{} {}", role.say(Lang::En), a.name);
                let args = NoSecondFactor {
                    role: role.into(),
                    factor: Factor::Password.into(),
                };
                cx.report(&subject, &f.origin, args);
            }
        }
    }
    for t in model.vpn_tunnels.iter().filter(|t| t.usage == VpnUse::RemoteAccess) {
        if let Some(f) = &t.second_factor {
            cx.examined();
            if !f.value {
                let args = NoSecondFactor {
                    role: Role::RemoteAccessVpn.into(),
                    factor: sole_factor(t).into(),
                };
                cx.report(&t.subject, &f.origin, args);
            }
        }
    }
}
