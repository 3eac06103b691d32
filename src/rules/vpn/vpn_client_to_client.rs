//! ## What it does
//! Flags VPN servers that forward traffic between connected clients (OpenVPN
//! `client-to-client`).
//!
//! ## Why
//! Clause 13-6 asks software VPNs to counter "回り込み": reaching a session by a path other
//! than the proper route. With client-to-client, one compromised laptop reaches every other
//! connected client, bypassing the firewall in front of the hospital network.
//!
//! ## Example
//! `client-to-client` in server.conf → VPN016.

use crate::model::Model;
use crate::rules::msg::VpnClientToClient;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        cx.judge(&t.subject, t.client_to_client.as_ref(), |allowed| *allowed, VpnClientToClient);
    }
}
