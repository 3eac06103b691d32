//! ## What it does
//! Notes OpenVPN configs without `tls-crypt`, `tls-crypt-v2` or `tls-auth`.
//!
//! ## Why
//! These add an HMAC (or encryption) to the TLS control channel, so the server answers
//! only peers holding the key: port scans, TLS-stack exploits and DoS from the internet
//! are dropped before TLS starts. Clause 13-6 asks SSL-VPNs to resist fake servers and
//! attacks over open networks.
//!
//! ## Example
//! server.conf without `tls-crypt` → VPN019.

use crate::model::Model;
use crate::rules::msg::VpnNoControlChannelProtection;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        cx.judge(
            &t.subject,
            t.control_channel_protection.as_ref(),
            |protected| !protected,
            VpnNoControlChannelProtection,
        );
    }
}
