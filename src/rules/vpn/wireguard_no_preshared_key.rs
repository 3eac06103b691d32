//! ## What it does
//! Notes WireGuard peers without a `PresharedKey`.
//!
//! ## Why
//! WireGuard's optional pre-shared key is mixed into the handshake; it keeps recorded
//! traffic confidential even against a future quantum computer that breaks Curve25519.
//! Medical records must stay confidential for decades (clause 13-10).
//!
//! ## Example
//! `[Peer]` without `PresharedKey` → VPN020.

use crate::model::Model;
use crate::rules::msg::WireguardNoPresharedKey;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        cx.judge(&t.subject, t.preshared_key.as_ref(), |has_psk| !has_psk, WireguardNoPresharedKey);
    }
}
