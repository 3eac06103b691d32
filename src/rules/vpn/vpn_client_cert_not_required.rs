//! ## What it does
//! Flags VPN servers that do not require client certificates (OpenVPN `verify-client-cert
//! none|optional`, `client-cert-not-required`).
//!
//! ## Why
//! Clause 13-12 asks for mutual authentication; without a client certificate the server
//! knows the client only by a password, which can be phished or guessed.
//!
//! ## Example
//! `verify-client-cert optional` → VPN015; the default `require` passes.

use crate::model::Model;
use crate::rules::msg::VpnClientCertNotRequired;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        cx.judge(&t.subject, t.requires_client_cert.as_ref(), |required| !required, VpnClientCertNotRequired);
    }
}
