//! ## What it does
//! Flags IPsec tunnels that use or accept IKEv1 (`version = 1`, `keyexchange=ikev1`, or
//! strongSwan's default `version = 0`, which accepts IKEv1 as responder).
//!
//! ## Why
//! IKEv1 is deprecated (RFC 9395): aggressive mode leaks a crackable PSK hash, and its
//! negotiation is weaker than IKEv2's. Clauses 13-4 and 13-8 ask for authentication that
//! is hard to break and for tamper-proof transport; IKEv2 gives both.
//!
//! ## Example
//! `connections { b { version = 1 } }` → VPN001; `version = 2` passes.

use crate::model::Model;
use crate::rules::msg::Ikev1Allowed;
use crate::rules::vpn::ikev1_allowed;
use crate::rules::Checker;

crate::i18n::terms! {
    /// The IKE versions a tunnel accepts, IKEv1 among them.
    enum Versions {
        Both => "IKEv1 と IKEv2", "IKEv1 and IKEv2";
        V1 => "IKEv1", "IKEv1";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        if t.ike_version.is_some() {
            cx.examined();
        }
        if ikev1_allowed(t) {
            if let Some(v) = &t.ike_version {
                let versions = if v.value == 0 { Versions::Both } else { Versions::V1 };
                cx.report(&t.subject, &v.origin, Ikev1Allowed { versions: versions.into() });
            }
        }
    }
}
