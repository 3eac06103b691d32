//! ## What it does
//! Flags server certificates whose public key is smaller than the policy minimum: RSA and
//! DSA below 2048 bit, elliptic-curve keys below 256 bit (policy `[certificates]`).
//!
//! ## Why
//! Clause 13-6 requires CRYPTREC's 高セキュリティ型 settings, which set minimum key sizes
//! for server certificates. A 1024-bit RSA key is within reach of a well-funded attacker;
//! whoever factors it can impersonate the server.
//!
//! ## Example
//! `ssl_certificate /etc/nginx/ssl/old-1024.pem;` naming an RSA-1024 certificate → TLS011.

use crate::model::Model;
use crate::rules::msg::CertificateWeakKey;
use crate::rules::tls::{certificate_name, loaded_leaves};
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    let p = &cx.policy.certificates;
    let (min_rsa, min_dsa, min_ec) = (p.min_rsa_bits, p.min_dsa_bits, p.min_ec_bits);
    for ep in &model.tls_endpoints {
        for (c, f) in loaded_leaves(ep) {
            let min = match f.key_type.as_str() {
                "RSA" => min_rsa,
                "DSA" => min_dsa,
                "EC" => min_ec,
                _ => continue, // Ed25519/Ed448 have fixed, adequate sizes
            };
            cx.examined();
            if f.key_bits < min {
                let args = CertificateWeakKey {
                    certificate: certificate_name(c, Some(f)),
                    key_type: f.key_type.clone(),
                    bits: f.key_bits.to_string(),
                    min: min.to_string(),
                };
                cx.report(&ep.subject, &c.origin, args);
            }
        }
    }
}
