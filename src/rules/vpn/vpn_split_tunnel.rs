//! ## What it does
//! Flags remote-access VPN profiles that send only some networks through the tunnel (an
//! OpenVPN server that does not push `redirect-gateway`, a WireGuard client whose
//! `AllowedIPs` is not 0.0.0.0/0).
//!
//! ## Why
//! With split tunnelling the remote PC is on the internet and inside the hospital network at
//! once, a bridge an attacker can use to reach the hospital by a path other than the proper
//! route ("回り込み"), which clause 13-6 asks to counter.
//!
//! ## Example
//! WireGuard client `AllowedIPs = 10.20.0.0/24` → VPN017; `AllowedIPs = 0.0.0.0/0` passes.

use crate::model::{Model, VpnUse};
use crate::rules::msg::VpnSplitTunnel;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in model.vpn_tunnels.iter().filter(|t| t.usage == VpnUse::RemoteAccess) {
        cx.judge(&t.subject, t.split_tunnel.as_ref(), |split| *split, VpnSplitTunnel);
    }
}
