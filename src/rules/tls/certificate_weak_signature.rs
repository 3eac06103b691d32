//! ## What it does
//! Flags server (leaf) certificates signed with a broken hash: SHA-1, MD5 or MD2.
//!
//! ## Why
//! Clause 13-6 requires CRYPTREC's 高セキュリティ型 settings, which prohibit SHA-1 for
//! server certificates. Collisions for SHA-1 and MD5 have been produced in practice, so a
//! signature made with them does not reliably bind the key to the name. Only leaf
//! certificates are judged: the signature on a trust anchor is never checked by clients.
//!
//! ## Example
//! A certificate made with `openssl req -x509 -sha1 ...` → TLS012.

use crate::certs::signature_is_weak;
use crate::model::Model;
use crate::rules::msg::CertificateWeakSignature;
use crate::rules::tls::{certificate_name, loaded_leaves};
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in &model.tls_endpoints {
        for (c, f) in loaded_leaves(ep) {
            cx.examined();
            if signature_is_weak(&f.signature) {
                cx.report(
                    &ep.subject,
                    &c.origin,
                    CertificateWeakSignature {
                        certificate: certificate_name(c, Some(f)),
                        signature: f.signature.clone(),
                    },
                );
            }
        }
    }
}
