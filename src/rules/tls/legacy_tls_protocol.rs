//! ## What it does
//! Flags TLS endpoints that enable SSL 2.0, SSL 3.0, TLS 1.0 or TLS 1.1.
//!
//! ## Why
//! Clause 13-6 allows only TLS 1.3 (and TLS 1.2 as a documented exception) over open
//! networks; CRYPTREC 3.0.1 prohibits SSL 3.0 in every profile and keeps TLS 1.0/1.1 only
//! in the セキュリティ例外型 profile.
//!
//! ## Example
//! `ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;` (Debian's stock nginx line) → TLS001.

use crate::model::{Model, TlsVersion};
use crate::rules::msg::LegacyTlsProtocol;
use crate::rules::tls::version_list;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    // A VPN control channel's versions are its tls-version-min, which VPN011 judges; one
    // setting gets one finding.
    for ep in crate::rules::tls::version_judged(model) {
        cx.examined();
        let legacy: Vec<TlsVersion> = ep.versions.value.iter().copied().filter(|v| *v < TlsVersion::Tls12).collect();
        if !legacy.is_empty() {
            cx.report(
                &ep.subject,
                &ep.versions.origin,
                LegacyTlsProtocol {
                    versions: version_list(&legacy),
                },
            );
        }
    }
}
