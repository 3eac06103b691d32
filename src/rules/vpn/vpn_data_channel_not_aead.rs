//! ## What it does
//! Flags OpenVPN data channels that allow a non-AEAD cipher (AES-CBC, AES-CTR, ...) in
//! `data-ciphers`, `data-ciphers-fallback` or static-key `cipher`. Ciphers that are weak
//! outright (BF-CBC, DES) are reported by VPN003 instead.
//!
//! ## Why
//! Non-AEAD modes rely on a separate HMAC (`auth`, SHA-1 by default) for integrity;
//! AEAD ciphers (AES-GCM, ChaCha20-Poly1305) protect confidentiality and integrity in one
//! step. Clause 13-8 asks that data cannot be tampered with in transit.
//!
//! ## Example
//! `data-ciphers AES-256-GCM:AES-256-CBC` → VPN012.

use crate::model::{Cipher, Model, VpnKind};
use crate::rules::msg::VpnDataChannelNotAead;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in model.vpn_tunnels.iter().filter(|t| t.kind == VpnKind::OpenVpn) {
        let Some(s) = &t.child_proposals else { continue };
        cx.examined();
        let bad: Vec<String> = s
            .value
            .iter()
            .flat_map(|p| p.encryption.iter())
            .map(|e| Cipher::of(e))
            .filter(|c| !c.is_aead() && !c.is_weak())
            .map(|c| c.openvpn_name())
            .collect();
        if !bad.is_empty() {
            cx.report(&t.subject, &s.origin, VpnDataChannelNotAead { ciphers: bad.join(", ") });
        }
    }
}
