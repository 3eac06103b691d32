//! ## What it does
//! Warns about server certificates that expire within `days` days (option, default 30).
//!
//! ## Why
//! Clause 13-6 asks for TLS that resists a fake server; an expired certificate breaks
//! that (see TLS013). Renewal in a hospital often needs a vendor visit or a change window,
//! so kensa warns while there is still time.
//!
//! ## Example
//! A certificate with notAfter two weeks from now → TLS014. Tune with
//! `[rules.TLS014] days = 60` in kensa.toml.

use crate::model::Model;
use crate::rules::msg::CertificateExpiring;
use crate::rules::tls::{certificate_name, loaded_leaves};
use crate::rules::waiver::date_string;
use crate::rules::Checker;

/// `[options]` in rules/TLS014.toml (defaults) and `[rules.TLS014]` in kensa.toml.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Certificates that expire within this many days are reported.
    pub days: u32,
}

pub fn check(model: &Model, cx: &mut Checker) {
    let now = cx.now;
    let days = i64::from(cx.options::<Options>().days);
    for ep in &model.tls_endpoints {
        for (c, f) in loaded_leaves(ep) {
            cx.examined();
            let valid = now >= f.not_before && now <= f.not_after;
            if valid && f.not_after - now <= days.saturating_mul(86400) {
                let left = (f.not_after - now) / 86400;
                let args = CertificateExpiring {
                    certificate: certificate_name(c, Some(f)),
                    not_after: date_string(f.not_after),
                    days_left: left.to_string(),
                    days: days.to_string(),
                };
                cx.report(&ep.subject, &c.origin, args);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Certificate, CertificateFacts, CertificateState, ChainTrust, Origin};
    use crate::policy::TlsPolicy;
    use crate::rules::tls::testutil::{model_of, probed_chain, probed_server, run, NOW};
    use crate::rules::{Engine, Selection};

    fn leaf_ending_in(days: i64) -> Certificate {
        let facts = CertificateFacts {
            subject: "CN=portal.example.jp".into(),
            issuer: "CN=Example CA".into(),
            san: vec!["portal.example.jp".into()],
            key_type: "EC".into(),
            key_bits: 256,
            signature: "ecdsa-with-SHA256".into(),
            not_before: NOW - 300 * 86400,
            not_after: NOW + days * 86400,
            self_signed: false,
            factory_default: false,
        };
        Certificate {
            origin: Origin::probe("127.0.0.1:8443", "certificate 0"),
            file: None,
            state: CertificateState::Loaded(facts),
        }
    }

    #[test]
    fn threshold_comes_from_the_option_and_kensa_toml_overrides_it() {
        let mut ep = probed_server();
        ep.certificates.push(leaf_ending_in(15));
        let m = model_of(ep);
        let f = run("TLS014", &m);
        assert_eq!(f.len(), 1, "15 days left, default threshold 30");
        assert!(f[0]
            .args
            .iter()
            .any(|(k, v)| *k == "days_left" && *v == crate::rules::checker::Arg::Text("15".into())));

        let mut e = Engine::new(TlsPolicy::builtin(), NOW);
        e.selection = Selection {
            select: vec!["TLS014".into()],
            ignore: vec![],
        };
        e.options.insert("TLS014".into(), toml::from_str("days = 10").unwrap());
        assert!(e.check(&m).is_empty(), "[rules.TLS014] days = 10 silences a 15-day certificate");
    }

    #[test]
    fn expired_certificates_are_left_to_tls013() {
        let mut ep = probed_server();
        ep.certificates.push(leaf_ending_in(-2));
        assert!(run("TLS014", &model_of(ep.clone())).is_empty());
        assert_eq!(run("TLS013", &model_of(ep)).len(), 1);
    }

    /// A probed endpoint's `certificates` are the leaves; intermediates live only in its
    /// `chains` and are not this rule's business.
    #[test]
    fn only_the_leaf_of_a_probed_chain_is_judged() {
        let mut ep = probed_server();
        let mut chain = probed_chain("portal.example.jp", ChainTrust::Unknown { reason: String::new() });
        chain.certificates = vec![leaf_ending_in(400), leaf_ending_in(5)];
        ep.certificates.push(chain.certificates[0].clone());
        ep.chains.push(chain);
        assert!(run("TLS014", &model_of(ep)).is_empty());
    }
}
