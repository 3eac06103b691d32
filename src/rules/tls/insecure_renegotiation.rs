//! ## What it does
//! Flags TLS servers that do not support secure renegotiation (RFC 5746), as seen by the probe.
//!
//! ## Why
//! Clause 13-9 requires protection against message insertion. Without RFC 5746 a man in
//! the middle can splice his own request in front of a victim's session (CVE-2009-3555),
//! and the server treats both as one authenticated conversation — including the client
//! certificate the victim presents during the renegotiation.
//!
//! ## Example
//! `kensa probe 192.0.2.10:443` where the ServerHello carries no `renegotiation_info` → TLS020.

use crate::model::Model;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in &model.tls_endpoints {
        if let Some(r) = &ep.secure_renegotiation {
            cx.examined();
            if !r.value {
                cx.report(&ep.subject, &r.origin, vec![]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Origin, Setting, TlsVersion};
    use crate::rules::tls::testutil::{model_of, probed_server, run};

    #[test]
    fn missing_secure_renegotiation_is_reported() {
        let mut ep = probed_server();
        ep.versions.value = vec![TlsVersion::Tls12, TlsVersion::Tls13];
        ep.secure_renegotiation = Some(Setting::explicit(
            false,
            Origin::probe("127.0.0.1:8443", "ServerHello without renegotiation_info"),
        ));
        let f = run("TLS020", &model_of(ep.clone()));
        assert_eq!(f.len(), 1);
        assert_eq!(&*f[0].origin.evidence, "ServerHello without renegotiation_info");
        ep.secure_renegotiation = Some(Setting::explicit(true, Origin::probe("127.0.0.1:8443", "renegotiation_info present")));
        assert!(run("TLS020", &model_of(ep)).is_empty());
    }
}
