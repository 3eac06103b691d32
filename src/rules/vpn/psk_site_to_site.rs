//! ## What it does
//! Notes site-to-site IPsec tunnels authenticated by a pre-shared key where certificates
//! could be used.
//!
//! ## Why
//! Clause 13-4 lists PKI first among hard-to-break authentication methods. A PSK is shared
//! by both ends, often written in several places and rarely rotated; a certificate can be
//! revoked and its private key never leaves the device.
//!
//! ## Example
//! `remote { auth = psk }` on a site-to-site connection → VPN008.

use crate::model::{AuthMethod, Model, VpnKind, VpnUse};
use crate::rules::msg::PskSiteToSite;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in model.vpn_tunnels.iter().filter(|t| t.usage == VpnUse::SiteToSite && t.kind == VpnKind::Ipsec) {
        if t.remote_auth.is_some() || t.local_auth.is_some() {
            cx.examined();
        }
        let psk = t
            .remote_auth
            .as_ref()
            .filter(|a| a.value == AuthMethod::Psk)
            .or(t.local_auth.as_ref().filter(|a| a.value == AuthMethod::Psk));
        if let Some(a) = psk {
            cx.report(&t.subject, &a.origin, PskSiteToSite);
        }
    }
}
