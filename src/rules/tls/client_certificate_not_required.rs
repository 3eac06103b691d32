//! ## What it does
//! Flags TLS servers that do not ask for a client certificate at all.
//!
//! ## Why
//! Clause 13-6 requires TLS client-certificate authentication for HTTPS over open networks,
//! and 13-12 requires that both parties of a connection authenticate each other. A server
//! that never asks for a client certificate lets anyone who reaches it start a session;
//! only a password (or nothing) stands in the way.
//!
//! ## Example
//! A `server { listen 443 ssl; ... }` without `ssl_verify_client on;` → TLS007.

use crate::model::{ClientAuth, Model};
use crate::rules::msg::ClientCertificateNotRequired;
use crate::rules::tls::client_certificates_judged;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in client_certificates_judged(model) {
        let client_auth = ep.client_auth.as_ref();
        cx.judge(&ep.subject, client_auth, |auth| *auth == ClientAuth::None, ClientCertificateNotRequired);
    }
}
