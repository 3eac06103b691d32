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
use crate::rules::tls::client_certificates_judged;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in client_certificates_judged(model) {
        let client_auth = ep.client_auth.as_ref();
        cx.judge(&ep.subject, client_auth, |auth| *auth == ClientAuth::Optional, ClientCertificateOptional);
    }
}
