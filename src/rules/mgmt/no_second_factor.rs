//! ## What it does
//! Flags administrator and remote-access (VPN) accounts, and remote-access VPNs, that log in
//! with a password only.
//!
//! ## Why
//! Clause 14-5 asks for two-factor authentication for remote access on new or updated
//! systems. In every one of the three hospital ransomware cases a password alone opened the
//! VPN.
//!
//! ## Example
//! FortiOS `config user local` / `edit "vendor01"` without `set two-factor` → MGMT006.

use crate::model::{Model, VpnUse};
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for a in model.accounts.iter().filter(|a| a.admin || a.remote_access) {
        if let Some(f) = &a.second_factor {
            if !f.value {
                let (ja, en) = if a.admin {
                    ("管理者", "administrator")
                } else {
                    ("リモートアクセス利用者", "remote-access user")
                };
                cx.report(&format!("{en} {}", a.name), &f.origin, vec![("role_ja", ja.into()), ("role_en", en.into())]);
            }
        }
    }
    for t in model.vpn_tunnels.iter().filter(|t| t.usage == VpnUse::RemoteAccess) {
        if let Some(f) = &t.second_factor {
            if !f.value {
                cx.report(
                    &t.subject,
                    &f.origin,
                    vec![("role_ja", "リモートアクセス VPN".into()), ("role_en", "remote-access VPN".into())],
                );
            }
        }
    }
}
