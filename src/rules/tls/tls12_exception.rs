//! ## What it does
//! Flags TLS endpoints that enable TLS 1.2.
//!
//! ## Why
//! Clause 13-6 asks for TLS 1.3 over open networks and allows TLS 1.2 only where TLS 1.3
//! cannot be used (an old modality, a partner's appliance). Such an exception is a decision
//! someone must take and write down: kensa reports it until a waiver (reason, owner, expiry)
//! in kensa.toml records it.
//!
//! ## Example
//! `ssl_protocols TLSv1.2 TLSv1.3;` → TLS002 (waive it if TLS 1.2 is really needed).

use crate::model::{Model, TlsVersion};
use crate::rules::msg::Tls12Exception;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    // A VPN control channel's versions are its tls-version-min, which VPN011 judges; one
    // setting gets one finding.
    for ep in crate::rules::tls::version_judged(model) {
        cx.examined();
        if ep.enables(TlsVersion::Tls12) {
            cx.report(&ep.subject, &ep.versions.origin, Tls12Exception);
        }
    }
}
