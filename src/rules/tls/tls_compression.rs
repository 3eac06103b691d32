//! ## What it does
//! Flags TLS endpoints that accept TLS-level compression (seen by the probe).
//!
//! ## Why
//! Clause 13-9 requires protection against message insertion and man-in-the-middle attacks.
//! With compression, an attacker who can inject chosen text into requests (a script on
//! another site) learns secrets such as session cookies from the record sizes (CRIME).
//! TLS 1.3 removed compression; current OpenSSL builds disable it.
//!
//! ## Example
//! `kensa probe 192.0.2.10:443` where the server accepts the DEFLATE method → TLS019.

use crate::model::Model;
use crate::rules::msg::TlsCompression;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in &model.tls_endpoints {
        cx.judge(&ep.subject, ep.compression.as_ref(), |compresses| *compresses, TlsCompression);
    }
}
