//! ## What it does
//! Flags TLS clients (a reverse proxy towards its upstream, a VPN or sync client) that do
//! not verify the server's certificate.
//!
//! ## Why
//! Clause 13-9 requires protection against man-in-the-middle attacks. A client that accepts
//! any certificate encrypts its traffic to whoever answers, including an attacker in the
//! path. nginx does not verify upstream certificates unless `proxy_ssl_verify on;` is set,
//! so every `proxy_pass https://...` without it is affected.
//!
//! ## Example
//! `location / { proxy_pass https://emr.internal; }` without `proxy_ssl_verify on;` → TLS016.

use crate::model::Model;
use crate::rules::msg::UpstreamNotVerified;
use crate::rules::tls::clients;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in clients(model) {
        cx.judge(&ep.subject, ep.verify_peer.as_ref(), |verifies| !verifies, UpstreamNotVerified);
    }
}
