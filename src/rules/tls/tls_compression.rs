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
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in &model.tls_endpoints {
        if let Some(c) = &ep.compression {
            cx.examined();
            if c.value {
                cx.report(&ep.subject, &c.origin, vec![]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Origin, Setting};
    use crate::rules::tls::testutil::{model_of, probed_server, run};

    #[test]
    fn compression_accepted_is_reported() {
        let mut ep = probed_server();
        ep.compression = Some(Setting::explicit(
            true,
            Origin::probe("127.0.0.1:8443", "compression methods accepted: DEFLATE"),
        ));
        assert_eq!(run("TLS019", &model_of(ep.clone())).len(), 1);
        ep.compression = Some(Setting::explicit(false, Origin::probe("127.0.0.1:8443", "compression methods accepted: null")));
        assert!(run("TLS019", &model_of(ep.clone())).is_empty());
        ep.compression = None;
        assert!(run("TLS019", &model_of(ep)).is_empty());
    }
}
