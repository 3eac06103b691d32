//! ## What it does
//! Flags server certificates that have expired, or are not valid yet.
//!
//! ## Why
//! Clause 13-6 asks for TLS that resists a fake server. Clients reject an expired
//! certificate, and users who are trained to click through the warning can no longer tell
//! the real server from an impostor.
//!
//! ## Example
//! A certificate whose notAfter is in the past → TLS013.

use crate::model::Model;
use crate::rules::msg::CertificateExpired;
use crate::rules::tls::{certificate_name, loaded_leaves};
use crate::rules::waiver::date_string;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    let now = cx.now;
    for ep in &model.tls_endpoints {
        for (c, f) in loaded_leaves(ep) {
            cx.examined();
            if now > f.not_after || now < f.not_before {
                let args = CertificateExpired {
                    certificate: certificate_name(c, Some(f)),
                    not_before: date_string(f.not_before),
                    not_after: date_string(f.not_after),
                };
                cx.report(&ep.subject, &c.origin, args);
            }
        }
    }
}
