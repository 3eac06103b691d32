//! ## What it does
//! Reports probed chains whose trust kensa could not judge: no system CA bundle was found
//! (and no `--ca` given), or the path builder could not parse a certificate.
//!
//! ## Why
//! A compliance gate never passes silently: a chain that was not verified is "not
//! checked", which TLS023's silence must not be mistaken for.
//!
//! ## Example
//! `kensa probe 192.0.2.10:443` on a machine without `/etc/ssl/certs/ca-certificates.crt`
//! → TLS027.

use crate::model::{ChainTrust, Model};
use crate::rules::msg::CertificateTrustNotChecked;
use crate::rules::tls::{chain_leaf_name, presented_chains};
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for (ep, chain) in presented_chains(model) {
        cx.examined();
        // The reason comes from the system or the path builder, in English only.
        if let ChainTrust::Unknown { reason } = &chain.trust {
            cx.report(
                &ep.subject,
                &chain.origin,
                CertificateTrustNotChecked {
                    certificate: chain_leaf_name(chain),
                    reason: reason.clone(),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{ChainTrust, TrustStore};
    use crate::rules::tls::testutil::{model_of, probed_chain, probed_server, run};

    #[test]
    fn only_unknown_trust_is_reported() {
        let mut ep = probed_server();
        ep.chains.push(probed_chain(
            "portal.example",
            ChainTrust::Unknown {
                reason: "no system CA bundle found".into(),
            },
        ));
        let f = run("TLS027", &model_of(ep.clone()));
        assert_eq!(f.len(), 1);
        assert!(f[0].message(crate::i18n::Lang::En).contains("no system CA bundle found"));
        let store = TrustStore {
            path: "/etc/ssl/certs/ca-certificates.crt".into(),
            system: true,
        };
        ep.chains[0].trust = ChainTrust::SelfSigned { store };
        assert!(run("TLS027", &model_of(ep)).is_empty());
    }
}
