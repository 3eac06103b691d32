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

use crate::formats::ipsec_proposal::is_aead;
use crate::model::Model;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        let Some(a) = &t.data_auth else { continue };
        cx.examined();
        if !matches!(a.value.as_str(), "md5" | "sha1" | "none") {
            continue;
        }
        let used = !a.defaulted
            || t.child_proposals
                .as_ref()
                .is_some_and(|s| s.value.iter().flat_map(|p| p.encryption.iter()).any(|e| !is_aead(e)));
        if used {
            cx.report(&t.subject, &a.origin, vec![("digest", a.value.to_ascii_uppercase())]);
        }
    }
}
