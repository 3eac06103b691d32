//! ## What it does
//! Flags responders that accept proposals beyond the configured ones (ipsec.conf `ike=` /
//! `esp=` without the `!` suffix; YAMAHA without negotiate-strictly).
//!
//! ## Why
//! A configured strong proposal means little when the responder also accepts the
//! daemon's whole default list: a peer (or an attacker) can pick the weakest one. Clause
//! 13-8 asks for tamper-proof transport with known algorithms.
//!
//! ## Example
//! `ike=aes256-sha256-modp2048` → VPN005; `ike=aes256-sha256-modp2048!` passes.

use crate::model::Model;
use crate::rules::msg::ProposalsNotStrict;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        cx.judge(&t.subject, t.strict_proposals.as_ref(), |strict| !strict, ProposalsNotStrict);
    }
}
