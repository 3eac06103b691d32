//! ## What it does
//! Flags SSL-VPN portals that give tunnel-mode clients split tunnelling (only some routes
//! through the VPN, the rest straight to the internet).
//!
//! ## Why
//! Clause 13-6 requires, for SSL-VPN and software VPNs, countermeasures against 回り込み:
//! reaching the protected session by another path. A split-tunnel client sits on the
//! internet and on the hospital network at once and can relay between them.
//!
//! ## Example
//! FortiOS `config vpn ssl web portal` / `set tunnel-mode enable` without
//! `set split-tunneling disable` → VPN101.

use crate::model::{Model, VpnKind};
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in model
        .vpn_tunnels
        .iter()
        .filter(|t| t.kind == VpnKind::SslVpn)
    {
        if let Some(s) = t.split_tunnel.as_ref().filter(|s| s.value) {
            cx.report(&t.subject, &s.origin, &[]);
        }
    }
}
