//! ## What it does
//! Flags remote-access VPNs where users log in with something shared or a password alone
//! (PSK, XAUTH, EAP-MSCHAPv2, OpenVPN auth-user-pass without certificates, or one
//! certificate shared by many users via `duplicate-cn`) and no second factor.
//!
//! ## Why
//! Clause 7-13 asks that staff remote access be protected against spoofing, and 14-5 asks
//! for two-factor authentication for remote access. A per-user certificate (something the
//! user has) or a second factor on top of the password meets it.
//!
//! ## Example
//! `remote { auth = eap-mschapv2 }` with `pools` and no certificate round → VPN009.

use crate::model::{Model, VpnRole, VpnUse};
use crate::rules::msg::RemoteAccessWeakUserAuth;
use crate::rules::vpn::{password_like, user_login, UserLogin};
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in model.vpn_tunnels.iter().filter(|t| t.usage == VpnUse::RemoteAccess) {
        // The user side: our own credential on a client, the peers' on a server.
        let user_auth = if t.role == VpnRole::Client { &t.local_auth } else { &t.remote_auth };
        if t.second_factor.is_some() || user_auth.is_some() || t.per_user_credentials.is_some() {
            cx.examined();
        }
        if t.second_factor.as_ref().is_some_and(|s| s.value) {
            continue;
        }
        if let Some((a, login)) = user_auth
            .as_ref()
            .filter(|a| password_like(&a.value))
            .and_then(|a| Some((a, user_login(&a.value)?)))
        {
            cx.report(&t.subject, &a.origin, RemoteAccessWeakUserAuth { method: login.into() });
            continue;
        }
        if let Some(p) = t.per_user_credentials.as_ref().filter(|p| !p.value) {
            cx.report(
                &t.subject,
                &p.origin,
                RemoteAccessWeakUserAuth {
                    method: UserLogin::SharedCertificate.into(),
                },
            );
        }
    }
}
