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
use crate::rules::tls::servers;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    // An appliance's admin GUI is judged by the management rules (MGMT001/MGMT002/MGMT006:
    // not reachable from outside, trusted hosts, second factor), not by 13-6's client
    // certificates for services offered over an open network.
    for ep in servers(model).filter(|ep| ep.service != crate::model::TlsService::AdminGui) {
        if let Some(ca) = &ep.client_auth {
            cx.examined();
            if ca.value == ClientAuth::None {
                cx.report(&ep.subject, &ca.origin, ClientCertificateNotRequired);
            }
        }
    }
}
