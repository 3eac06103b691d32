//! ## What it does
//! Flags tunnels whose CHILD_SAs (ESP / quick mode) are negotiated without a DH group, so
//! rekeyed SAs have no perfect forward secrecy. strongSwan's default ESP proposal has none.
//!
//! ## Why
//! Without PFS, one stolen IKE key decrypts every later CHILD_SA recorded off the wire.
//! Clause 13-10 asks that content between facilities cannot be sniffed.
//!
//! ## Example
//! `esp_proposals = aes256gcm16` → VPN004; `esp_proposals = aes256gcm16-ecp384` passes.

use crate::model::Model;
use crate::rules::msg::NoPfs;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        // Static-key OpenVPN has no key exchange at all: VPN018 says so.
        let static_key = t.local_auth.as_ref().is_some_and(|a| a.value == crate::model::AuthMethod::StaticKey);
        cx.judge(&t.subject, t.pfs.as_ref(), |pfs| !pfs && !static_key, NoPfs);
    }
}
