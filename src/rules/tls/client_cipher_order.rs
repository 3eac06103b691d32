//! ## What it does
//! Notes TLS servers that follow the client's cipher-suite order while their TLS 1.2-or-older
//! suites span more than one policy class (for example recommended GCM suites next to CBC).
//!
//! ## Why
//! Clause 13-6 asks for CRYPTREC's 高セキュリティ型 settings. When the client chooses, an
//! old or manipulated client gets the weakest suite the server allows, so the server's
//! careful ordering means nothing. Info only: the weaker suites are themselves reported by
//! TLS003/TLS004/TLS005; with only one class enabled the order does not matter.
//!
//! ## Example
//! `ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA;` without
//! `ssl_prefer_server_ciphers on;` → TLS021.

use crate::model::{Model, TlsRole, TlsVersion};
use crate::rules::msg::ClientCipherOrder;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for (i, ep) in model.tls_endpoints.iter().enumerate() {
        if ep.role != TlsRole::Server {
            continue;
        }
        let Some(pref) = &ep.server_preference else { continue };
        cx.examined();
        if pref.value {
            continue;
        }
        let below_tls13 = ep
            .cipher_suites
            .iter()
            .enumerate()
            .filter(|(_, (v, _))| **v < TlsVersion::Tls13 && ep.enables(**v))
            .map(|(n, _)| n);
        if cx.suite_classes.count_classes(i, below_tls13) > 1 {
            cx.report(&ep.subject, &pref.origin, ClientCipherOrder);
        }
    }
}
