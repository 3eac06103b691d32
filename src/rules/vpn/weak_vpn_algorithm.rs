//! ## What it does
//! Flags weak algorithms in any IKE or CHILD_SA/ESP proposal, or in an OpenVPN data
//! channel: DES, 3DES, Blowfish, CAST, NULL encryption, MD5 or SHA-1 integrity/PRF, and DH
//! groups below 112-bit strength (MODP 768/1024/1536).
//!
//! ## Why
//! Clause 13-8 asks that data cannot be tampered with in transit and 13-10 that it cannot
//! be sniffed; these algorithms no longer give either (RFC 8247 deprecates them for IKE and
//! ESP, CRYPTREC lists none of them as recommended).
//!
//! ## Example
//! `ike=3des-md5-modp1024` → VPN003; `ike=aes256gcm16-prfsha384-ecp384!` passes.

use crate::model::{Cipher, Model, Proposal, Setting, VpnKind};
use crate::rules::msg::WeakVpnAlgorithm;
use crate::rules::vpn::weak_in;
use crate::rules::Checker;

crate::i18n::terms! {
    /// Which proposals hold the weak algorithm.
    enum Phase {
        Ike => "IKE", "IKE";
        ChildSa => "CHILD_SA", "CHILD_SA";
        OpenVpnData => "データチャネルの暗号", "data-channel cipher";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        // OpenVPN has no IKE; its "CHILD_SA proposals" are the data-channel ciphers, named
        // as OpenVPN names them.
        let openvpn = t.kind == VpnKind::OpenVpn;
        let child = if openvpn { Phase::OpenVpnData } else { Phase::ChildSa };
        for (phase, s) in [(Phase::Ike, &t.ike_proposals), (child, &t.child_proposals)] {
            if let Some(s) = s {
                cx.examined();
                judge(cx, &t.subject, phase, s, openvpn);
            }
        }
    }
}

fn judge(cx: &mut Checker, subject: &str, phase: Phase, s: &Setting<Vec<Proposal>>, openvpn: bool) {
    let mut weak: Vec<String> = Vec::new();
    for p in &s.value {
        for w in weak_in(p) {
            let w = if openvpn { Cipher::of(&w).openvpn_name() } else { w };
            if !weak.contains(&w) {
                weak.push(w);
            }
        }
    }
    if !weak.is_empty() {
        let message = WeakVpnAlgorithm {
            phase: phase.into(),
            algorithms: weak.join(", "),
        };
        cx.report(subject, &s.origin, message);
    }
}
