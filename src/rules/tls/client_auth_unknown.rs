//! ## What it does
//! Warns about TLS servers for which kensa could not tell whether a client certificate is
//! required (typically a probed endpoint that neither requested a certificate nor rejected
//! the connection in a way that shows the answer).
//!
//! ## Why
//! Clauses 13-6 and 13-12 require client-certificate authentication. "Unknown" is never a
//! pass: the operator has to confirm the setting on the server itself.
//!
//! ## Example
//! `kensa probe 192.0.2.10:443` where the server closed the connection before the answer
//! was visible → TLS010.

use crate::model::{ClientAuth, Model};
use crate::rules::tls::servers;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in servers(model) {
        if let Some(ca) = &ep.client_auth {
            cx.examined();
            if ca.value == ClientAuth::Unknown {
                cx.report(&ep.subject, &ca.origin, vec![]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{ClientAuth, Origin, Setting};
    use crate::rules::tls::testutil::{model_of, probed_server, run};

    #[test]
    fn unknown_client_auth_is_reported_and_required_is_not() {
        let mut ep = probed_server();
        ep.client_auth = Some(Setting::explicit(
            ClientAuth::Unknown,
            Origin::probe("127.0.0.1:8443", "client certificate: no decisive answer"),
        ));
        let f = run("TLS010", &model_of(ep.clone()));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].origin.target.as_deref(), Some("127.0.0.1:8443"));
        assert_eq!(&*f[0].subject, "127.0.0.1:8443");

        ep.client_auth = Some(Setting::explicit(
            ClientAuth::Required,
            Origin::probe("127.0.0.1:8443", "client certificate: required"),
        ));
        assert!(run("TLS010", &model_of(ep.clone())).is_empty());
        ep.client_auth = None;
        assert!(run("TLS010", &model_of(ep)).is_empty());
    }
}
