//! ## What it does
//! Flags probed servers whose certificate chain does not lead to a trust anchor of the
//! system's CA bundle (or of `--ca FILE`): self-signed certificates, certificates of an
//! unknown CA, chains sent without their intermediate, signatures that do not verify.
//!
//! ## Why
//! Clause 13-6 asks for TLS that resists fake servers. A certificate the clients cannot
//! verify cannot be told apart from an impostor's, and users learn to click through the
//! warning. Hospitals that run a private CA give it with `--ca`.
//!
//! ## Example
//! `kensa probe 192.0.2.10:443` answered with a self-signed certificate → TLS023.

use crate::model::{ChainTrust, Model, TrustProblem, TrustStore};
use crate::rules::tls::chain_leaf_name;
use crate::i18n::{Lang, Term};
use crate::rules::msg::CertificateNotTrusted;
use crate::rules::Checker;
use std::borrow::Cow;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in &model.tls_endpoints {
        for chain in &ep.chains {
            let (store, problem) = match &chain.trust {
                ChainTrust::SelfSigned { store } => (store, None),
                ChainTrust::Untrusted { store, problem } => (store, Some(problem)),
                ChainTrust::Trusted { .. } | ChainTrust::Unknown { .. } => continue,
            };
            let args = CertificateNotTrusted {
                certificate: chain_leaf_name(chain),
                store: Store(store).into(),
                problem: Problem(problem).into(),
            };
            cx.report(&ep.subject, &chain.origin, args);
        }
    }
}

/// The store the chain was checked against: the system bundle or the file given with `--ca`.
struct Store<'a>(&'a TrustStore);

impl Term for Store<'_> {
    fn say(&self, lang: Lang) -> Cow<'static, str> {
        let path = &self.0.path;
        match (self.0.system, lang) {
            (true, Lang::Ja) => format!("システムの CA 証明書 ({path}) ").into(),
            (true, Lang::En) => format!("the system's CA certificates ({path})").into(),
            (false, Lang::Ja) => format!(" --ca で指定した CA 証明書 ({path}) ").into(),
            (false, Lang::En) => format!("the CA file given with --ca ({path})").into(),
        }
    }
}

/// Why the chain fails (None: the leaf is self-signed).
struct Problem<'a>(Option<&'a TrustProblem>);

impl Term for Problem<'_> {
    fn say(&self, lang: Lang) -> Cow<'static, str> {
        use Lang::{En, Ja};
        match (self.0, lang) {
            (None, Ja) => "自己署名証明書です".into(),
            (None, En) => "it is self-signed".into(),
            (Some(TrustProblem::UnknownIssuer), Ja) => "発行元の CA が見つかりません (未知の CA か、サーバが中間証明書を送っていません)".into(),
            (Some(TrustProblem::UnknownIssuer), En) => {
                "its issuer is not found (an unknown CA, or an intermediate certificate the server does not send)".into()
            }
            (Some(TrustProblem::BadSignature), Ja) => "チェーン内の署名が正しく検証できません".into(),
            (Some(TrustProblem::BadSignature), En) => "a signature in the chain does not verify".into(),
            (Some(TrustProblem::UnsupportedSignature), Ja) => "現在のクライアントが受け付けない署名アルゴリズム (SHA-1 など) で署名されています".into(),
            (Some(TrustProblem::UnsupportedSignature), En) => "it is signed with an algorithm current clients refuse (such as SHA-1)".into(),
            (Some(TrustProblem::WrongPurpose), Ja) => "TLS サーバ認証用の証明書ではありません".into(),
            (Some(TrustProblem::WrongPurpose), En) => "it is not valid for TLS server authentication".into(),
            (Some(TrustProblem::Other(e)), Ja) => format!("検証エラー {e}").into(),
            (Some(TrustProblem::Other(e)), En) => format!("verification error {e}").into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{ChainTrust, TrustProblem, TrustStore};
    use crate::rules::tls::testutil::{model_of, probed_chain, probed_server, run};

    #[test]
    fn self_signed_and_unknown_issuer_are_reported_trusted_and_unknown_are_not() {
        let store = TrustStore {
            path: "/etc/ssl/certs/ca-certificates.crt".into(),
            system: true,
        };
        let verdicts = [
            (ChainTrust::SelfSigned { store: store.clone() }, 1),
            (
                ChainTrust::Untrusted {
                    store: store.clone(),
                    problem: TrustProblem::UnknownIssuer,
                },
                1,
            ),
            (ChainTrust::Trusted { store }, 0),
            (ChainTrust::Unknown { reason: "no bundle".into() }, 0),
        ];
        for (trust, n) in verdicts {
            let mut ep = probed_server();
            ep.chains.push(probed_chain("portal.example", trust.clone()));
            assert_eq!(run("TLS023", &model_of(ep)).len(), n, "{trust:?}");
        }
    }
}
