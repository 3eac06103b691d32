//! ## What it does
//! Flags site-to-site tunnels that accept a peer from any address (`right=%any`,
//! `remote_addrs` unset or `%any`, remote gateway 0.0.0.0). Remote-access servers, where
//! any address is normal and users are authenticated individually, are not flagged.
//!
//! ## Why
//! A site-to-site link is between two known facilities. A responder open to any address
//! lets anyone who holds (or guesses) the credential in — the Okayama hospital 2024
//! ransomware entered through a VPN device open to the internet. Clause 13-12 asks for
//! mutual authentication of the communicating parties.
//!
//! ## Example
//! `conn branch` with `right=%any` and `authby=secret` → VPN006.

use crate::model::{Model, VpnUse};
use crate::rules::msg::PeerNotRestricted;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in model.vpn_tunnels.iter().filter(|t| t.usage == VpnUse::SiteToSite) {
        cx.judge(&t.subject, t.peer_restricted.as_ref(), |restricted| !restricted, PeerNotRestricted);
    }
}
