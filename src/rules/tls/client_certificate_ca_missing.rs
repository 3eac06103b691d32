//! ## What it does
//! Flags TLS servers that request client certificates without naming the CA that must have
//! issued them.
//!
//! ## Why
//! Clause 13-12 requires mutual authentication. A client certificate proves nothing unless
//! the server checks it against the CA the organisation controls; `optional_no_ca` (nginx)
//! or a missing CA file accepts any certificate, including one the client made itself.
//!
//! ## Example
//! `ssl_verify_client optional_no_ca;` → TLS009.

use crate::model::{ClientAuth, Model};
use crate::rules::tls::servers;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in servers(model) {
        let Some(ca) = &ep.client_auth else { continue };
        if matches!(ca.value, ClientAuth::Required | ClientAuth::Optional) && ep.client_ca.is_none() {
            cx.report(&ep.subject, &ca.origin, vec![("client_auth", ca.value.name().to_string())]);
        }
    }
}
