//! ## What it does
//! Flags probed servers whose certificate does not cover the name kensa connected to: the
//! SNI sent (`--sni` or the target's host name), or the IP address when the target was an
//! address. Names are matched as RFC 6125 says (subjectAltName first; a wildcard stands for
//! exactly one left-most label). Probed by IP without SNI, the message suggests `--sni`.
//!
//! ## Why
//! Clause 13-6 asks for TLS that resists fake servers; clients tell the real server from
//! an impostor by the name in its certificate.
//!
//! ## Example
//! `kensa probe --sni portal.hospital.example 192.0.2.10:443` answered with a certificate
//! for `localhost` → TLS025.

use crate::model::{CertificateState, Model};
use crate::rules::tls::chain_leaf_name;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in &model.tls_endpoints {
        for chain in &ep.chains {
            if chain.name_matches.is_some() {
                cx.examined();
            }
            if chain.name_matches != Some(false) {
                continue;
            }
            let names = match chain.certificates.first().map(|c| &c.state) {
                Some(CertificateState::Loaded(f)) if !f.san.is_empty() => f.san.join(", "),
                Some(CertificateState::Loaded(f)) => f.subject.clone(),
                _ => String::new(),
            };
            let (hint_ja, hint_en) = if chain.sni_sent {
                (String::new(), String::new())
            } else {
                (
                    "。IP アドレスに SNI なしで接続しました。利用者が名前で接続するなら --sni 名前 で確認し直してください".to_string(),
                    "; probed by IP address without SNI: if clients connect by name, try --sni NAME".to_string(),
                )
            };
            let args = vec![
                ("certificate", chain_leaf_name(chain)),
                ("name", chain.checked_name.clone()),
                ("names", names),
                ("hint_ja", hint_ja),
                ("hint_en", hint_en),
            ];
            cx.report(&ep.subject, &chain.origin, args);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::ChainTrust;
    use crate::rules::tls::testutil::{model_of, probed_chain, probed_server, run};

    #[test]
    fn mismatch_is_reported_with_the_sni_hint_only_without_sni() {
        let mut ep = probed_server();
        let mut chain = probed_chain("portal.example", ChainTrust::Unknown { reason: String::new() });
        chain.name_matches = Some(false);
        chain.sni_sent = false;
        chain.checked_name = "127.0.0.1".into();
        ep.chains.push(chain.clone());
        let f = run("TLS025", &model_of(ep.clone()));
        assert_eq!(f.len(), 1);
        ep.chains[0].name_matches = Some(true);
        assert!(run("TLS025", &model_of(ep.clone())).is_empty());
        ep.chains[0].name_matches = None;
        assert!(run("TLS025", &model_of(ep)).is_empty(), "unknown is not an accusation");
    }
}
