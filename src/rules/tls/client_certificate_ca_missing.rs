//! ## What it does
//! Flags TLS servers that let in client certificates no CA of theirs issued: in a config, a
//! server that requests client certificates without naming the CA that must have issued
//! them; in a probe, a server that accepted a self-signed certificate kensa made for the run.
//!
//! ## Why
//! Clause 13-12 requires mutual authentication. A client certificate proves nothing unless
//! the server checks it against the CA the organisation controls; `optional_no_ca` (nginx),
//! a missing CA file, or `openssl s_server -verify` without `-verify_return_error` accepts
//! any certificate, including one the client made itself.
//!
//! A probe decides this only by presenting a throwaway self-signed certificate: the CA
//! names of a CertificateRequest say nothing (a server may verify without naming its CA, or
//! name one and verify nothing). A probe whose test was not decided reports nothing here;
//! the undecided verdict is in the probe's notes and, when client auth itself is unknown,
//! in TLS010.
//!
//! ## Example
//! `ssl_verify_client optional_no_ca;` → TLS009.

use crate::model::{ClientAuth, Model};
use crate::rules::msg::ClientCertificateCaMissing;
use crate::rules::tls::servers;
use crate::rules::Checker;

crate::i18n::terms! {
    /// What shows that any client certificate is accepted.
    enum Basis {
        ForeignAccepted => "kensa がこの検査のために作った自己署名証明書を受け入れました。どの証明書でも受け付けてしまいます",
            "accepted a self-signed certificate kensa made for this run, so any certificate is accepted";
        NoCa => "検証に使う CA 証明書が指定されていません。どの証明書でも受け付けてしまいます",
            "names no CA to verify them against, so any certificate is accepted";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in servers(model) {
        let Some(ca) = &ep.client_auth else { continue };
        cx.examined();
        let (origin, basis) = match &ep.accepts_foreign_client_cert {
            Some(foreign) if foreign.value => (&foreign.origin, Basis::ForeignAccepted),
            // Tried and refused; or a probe that could not try: no basis either way.
            Some(_) => continue,
            None if ep.origin.target.is_some() => continue,
            None if matches!(ca.value, ClientAuth::Required | ClientAuth::Optional) && ep.client_ca.is_none() => (&ca.origin, Basis::NoCa),
            None => continue,
        };
        let args = ClientCertificateCaMissing {
            client_auth: ca.value.name().to_string(),
            basis: basis.into(),
        };
        cx.report(&ep.subject, origin, args);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{ClientAuth, Origin, Setting};
    use crate::rules::tls::testutil::{model_of, probed_server, run};

    #[test]
    fn probe_fires_only_when_the_self_signed_certificate_got_in() {
        let mut ep = probed_server();
        let o = |ev: &str| Origin::probe("127.0.0.1:8443", ev);
        ep.client_auth = Some(Setting::explicit(ClientAuth::Optional, o("TLS1.3: CertificateRequest, then HTTP 200 OK")));
        // not tried: no basis, no finding (even though a probe never knows a CA file)
        assert!(run("TLS009", &model_of(ep.clone())).is_empty());
        ep.accepts_foreign_client_cert = Some(Setting::explicit(false, o("then HTTP 400 Bad Request")));
        assert!(run("TLS009", &model_of(ep.clone())).is_empty());
        ep.accepts_foreign_client_cert = Some(Setting::explicit(true, o("self-signed, then HTTP 200 OK")));
        let f = run("TLS009", &model_of(ep));
        assert_eq!(f.len(), 1);
        assert_eq!(&*f[0].origin.evidence, "self-signed, then HTTP 200 OK");
        let en = f[0].message(crate::i18n::Lang::En);
        assert!(en.contains("accepted a self-signed certificate kensa made"), "{en}");
        let ja = f[0].message(crate::i18n::Lang::Ja);
        assert!(ja.contains("自己署名証明書を受け入れました"), "{ja}");
    }
}
