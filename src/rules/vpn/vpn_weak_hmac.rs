//! ## What it does
//! Flags an OpenVPN `auth` digest of MD5, SHA-1 or none when it is set explicitly, or when
//! the default SHA-1 is actually used (a non-AEAD data cipher or static-key mode).
//!
//! ## Why
//! `auth` is the HMAC that protects non-AEAD data packets and tls-auth control packets.
//! Clause 13-8 asks for integrity protection; MD5 and SHA-1 are deprecated for it, and
//! `none` switches it off.
//!
//! ## Example
//! `auth SHA1` → VPN013; `auth SHA256` passes.

use crate::model::{Cipher, Integrity, Model};
use crate::rules::msg::VpnWeakHmac;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        let Some(a) = &t.data_auth else { continue };
        cx.examined();
        let digest = Integrity::of(&a.value);
        if !(digest.is_weak() || digest == Integrity::None) {
            continue;
        }
        let used = !a.defaulted
            || t.child_proposals
                .as_ref()
                .is_some_and(|s| s.value.iter().flat_map(|p| p.encryption.iter()).any(|e| !Cipher::of(e).is_aead()));
        if used {
            cx.report(
                &t.subject,
                &a.origin,
                VpnWeakHmac {
                    digest: a.value.to_ascii_uppercase(),
                },
            );
        }
    }
}
