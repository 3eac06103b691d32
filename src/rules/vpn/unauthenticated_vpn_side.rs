//! ## What it does
//! Flags tunnels where one side is not authenticated at all (strongSwan `auth = null`,
//! `authby=never`, OpenVPN `verify-client-cert none` without any password check, a
//! WireGuard peer without a public key).
//!
//! ## Why
//! Clause 13-12 asks for mutual authentication of the communicating parties: each end must
//! prove who it is, or anyone can take its place.
//!
//! ## Example
//! `remote { auth = null }` → VPN010.

use crate::model::{AuthMethod, Model};
use crate::rules::msg::UnauthenticatedVpnSide;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        for (side, a) in [("local", &t.local_auth), ("remote", &t.remote_auth)] {
            if a.is_some() {
                cx.examined();
            }
            if let Some(a) = a.as_ref().filter(|a| a.value == AuthMethod::None) {
                cx.report(&t.subject, &a.origin, UnauthenticatedVpnSide { side: side.to_string() });
            }
        }
    }
}
