//! ## What it does
//! Flags remote-access VPN profiles that do not send all traffic through the tunnel: an
//! OpenVPN server that pushes routes but not `redirect-gateway`, a WireGuard client whose
//! `AllowedIPs` is not 0.0.0.0/0 (a warning), and, as information, an OpenVPN server that
//! pushes neither: it does not force a full tunnel, and each client's own profile decides.
//!
//! ## Why
//! With split tunnelling the remote PC is on the internet and inside the hospital network at
//! once, a bridge an attacker can use to reach the hospital by a path other than the proper
//! route ("回り込み"), which clause 13-6 asks to counter. A server that pushes nothing does
//! not split the tunnel itself, so it is not accused of it: it only leaves the choice to
//! the clients, which the server's configuration cannot show.
//!
//! ## Example
//! WireGuard client `AllowedIPs = 10.20.0.0/24` → VPN017; `AllowedIPs = 0.0.0.0/0` passes.

use crate::model::{Model, VpnUse};
use crate::rules::msg::VpnSplitTunnel;
use crate::rules::{Checker, Severity};

crate::i18n::terms! {
    /// What the configuration says about the traffic that goes through the tunnel.
    enum How {
        Split => "一部の宛先だけを VPN に通すスプリットトンネル構成です",
            "sends only some destinations through the tunnel (split tunnel)";
        LeftToClients => "全通信を VPN に通すよう指示していません (redirect-gateway も経路も配布していないため、どこまで通すかは各クライアントの設定次第です)",
            "does not make clients send all traffic through the tunnel: it pushes neither redirect-gateway nor any route, so each client's own profile decides";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for t in model.vpn_tunnels.iter().filter(|t| t.usage == VpnUse::RemoteAccess) {
        let Some(split) = cx.decided(t.split_tunnel.as_ref()).filter(|s| s.value) else {
            continue;
        };
        if t.split_left_to_clients {
            cx.report_as(
                Severity::Info,
                &t.subject,
                &split.origin,
                VpnSplitTunnel {
                    how: How::LeftToClients.into(),
                },
            );
        } else {
            cx.report(&t.subject, &split.origin, VpnSplitTunnel { how: How::Split.into() });
        }
    }
}
