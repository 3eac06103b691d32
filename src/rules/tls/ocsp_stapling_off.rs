//! ## What it does
//! Notes HTTPS servers that do not staple OCSP responses.
//!
//! ## Why
//! Clause 13-6 asks for TLS that resists a fake server. Revocation is how a stolen server
//! key stops working; with stapling the server delivers fresh revocation status itself, so
//! clients check it without asking the CA (and without leaking which site is visited).
//! Info only: certificates from a private CA without an OCSP responder cannot be stapled.
//!
//! ## Example
//! A `server { listen 443 ssl; ... }` without `ssl_stapling on;` → TLS024.

use crate::model::{Model, TlsService};
use crate::rules::msg::OcspStaplingOff;
use crate::rules::tls::servers;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in servers(model).filter(|e| e.service == TlsService::Http) {
        cx.judge(&ep.subject, ep.ocsp_stapling.as_ref(), |staples| !staples, OcspStaplingOff);
    }
}
