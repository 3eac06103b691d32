//! ## What it does
//! Notes server certificates that a config names but kensa could not read (the file is not
//! there, or is not a certificate), so none of the certificate rules judged them.
//!
//! ## Why
//! Clause 13-6 sets requirements on the server certificate (key size, signature, validity).
//! A certificate kensa did not see is not a pass: the report says so, and the operator
//! either lints the config together with its certificate files or checks them by hand
//! (or probes the running server).
//!
//! ## Example
//! Linting `/etc/nginx` copied without `/etc/ssl` → TLS015 for every `ssl_certificate`.

use crate::model::{CertificateState, Model};
use crate::rules::msg::CertificateNotChecked;
use crate::rules::tls::{certificate_name, leaf_certificates};
use crate::rules::Checker;

crate::i18n::terms! {
    /// Why the certificate was not read.
    enum Reason {
        Missing => "点検対象のツリーにありません", "not in the audited tree";
        /// The system's reason, which comes in English only.
        Unreadable { reason: String } => "{reason}", "{reason}";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in &model.tls_endpoints {
        for c in leaf_certificates(ep) {
            cx.examined();
            let reason = match &c.state {
                CertificateState::Loaded(_) => continue,
                CertificateState::Missing => Reason::Missing,
                CertificateState::Unreadable { reason } => Reason::Unreadable { reason: reason.clone() },
            };
            let message = CertificateNotChecked {
                certificate: certificate_name(c, None),
                reason: reason.into(),
            };
            cx.report(&ep.subject, &c.origin, message);
        }
    }
}
