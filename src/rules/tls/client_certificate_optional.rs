//! ## What it does
//! Warns about TLS servers that ask for a client certificate but let clients in without one.
//!
//! ## Why
//! Clauses 13-6 and 13-12 ask for client-certificate authentication. "Optional" means the
//! server verifies a certificate when one is sent but also accepts clients that send none,
//! so it authenticates only the clients that volunteer; whether the application then
//! refuses the others (for example by checking `$ssl_client_verify`) is not visible in the
//! TLS settings and has to be shown separately.
//!
//! ## Example
//! `ssl_verify_client optional;` → TLS008.

use crate::model::{ClientAuth, Model};
use crate::rules::msg::ClientCertificateOptional;
use crate::rules::tls::servers;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    // An appliance's admin GUI is judged by the management rules (MGMT001/MGMT002/MGMT006:
    // not reachable from outside, trusted hosts, second factor), not by 13-6's client
    // certificates for services offered over an open network.
    for ep in servers(model).filter(|ep| ep.service != crate::model::TlsService::AdminGui) {
        if let Some(ca) = &ep.client_auth {
            cx.examined();
            if ca.value == ClientAuth::Optional {
                cx.report(&ep.subject, &ca.origin, ClientCertificateOptional);
            }
        }
    }
}
