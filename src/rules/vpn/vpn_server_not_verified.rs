//! ## What it does
//! Flags VPN clients (and site-to-site initiators) that accept any certificate their CA
//! issued as the server's: OpenVPN clients without `remote-cert-tls server`,
//! `verify-x509-name` or `peer-fingerprint`; strongSwan connections to one known gateway
//! that authenticate it by certificate but pin neither its identity (swanctl.conf
//! `remote.id` unset or `%any`, ipsec.conf `rightid=%any`) nor its CA, certificate or key.
//!
//! ## Why
//! Any client certificate from the same CA can otherwise pose as the VPN server and read
//! or alter everything (a man in the middle). Clause 13-9 asks to prevent that, and 13-6
//! asks SSL-VPNs to resist fake servers.
//!
//! ## Example
//! `client` without `remote-cert-tls server` → VPN014; a swanctl.conf `remote { auth =
//! pubkey }` with `remote_addrs = vpn.example-hospital.jp` → VPN014.

use crate::model::Model;
use crate::rules::msg::VpnServerNotVerified;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        cx.judge(&t.subject, t.verifies_server.as_ref(), |verified| !verified, VpnServerNotVerified);
    }
}
