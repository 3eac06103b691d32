//! ## What it does
//! Flags firewall policies that allow traffic from one VPN tunnel into another (spoke to
//! spoke through this device, or SSL-VPN users on to another site).
//!
//! ## Why
//! Clause 13-5 says that, with VPNs, routes must not let traffic pass between different
//! facilities through the facility's own router: a hub that forwards tunnel to tunnel joins
//! networks of organisations that agreed to talk only to the hub.
//!
//! ## Example
//! FortiOS `set srcintf "to-clinicA"` / `set dstintf "to-clinicB"` / `set action accept`
//! → NET003.

use crate::model::{FilterAction, InterfaceZone, Model};
use crate::rules::msg::TunnelToTunnelForwarding;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for p in &model.filter_policies {
        cx.examined();
        if p.action == FilterAction::Allow && p.from_zone == InterfaceZone::Tunnel && p.to_zone == InterfaceZone::Tunnel {
            cx.report(
                &p.subject,
                &p.origin,
                TunnelToTunnelForwarding {
                    from: p.from_interfaces.join(", "),
                    to: p.to_interfaces.join(", "),
                },
            );
        }
    }
}
