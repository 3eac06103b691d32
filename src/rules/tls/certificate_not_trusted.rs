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
use crate::rules::msg::CertificateNotTrusted;
use crate::rules::tls::{chain_leaf_name, presented_chains};
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for (ep, chain) in presented_chains(model) {
        let (store, problem) = match &chain.trust {
            ChainTrust::SelfSigned { store } => (store, None),
            ChainTrust::Untrusted { store, problem } => (store, Some(problem)),
            ChainTrust::Trusted { .. } => {
                cx.examined();
                continue;
            }
            ChainTrust::Unknown { .. } => continue,
        };
        let args = CertificateNotTrusted {
            certificate: chain_leaf_name(chain),
            store: Store::of(store).into(),
            problem: Problem::of(problem).into(),
        };
        cx.report(&ep.subject, &chain.origin, args);
    }
}

crate::i18n::terms! {
    /// The store the chain was checked against: the system bundle or the file given with `--ca`.
    enum Store {
        System { path: String } => "システムの CA 証明書 ({path}) ", "the system's CA certificates ({path})";
        CaFile { path: String } => " --ca で指定した CA 証明書 ({path}) ", "the CA file given with --ca ({path})";
    }
}

impl Store {
    fn of(s: &TrustStore) -> Store {
        let path = s.path.to_string();
        if s.system {
            Store::System { path }
        } else {
            Store::CaFile { path }
        }
    }
}

crate::i18n::terms! {
    /// Why the chain fails.
    enum Problem {
        SelfSigned => "自己署名証明書です", "it is self-signed";
        UnknownIssuer => "発行元の CA が見つかりません (未知の CA か、サーバが中間証明書を送っていません)",
            "its issuer is not found (an unknown CA, or an intermediate certificate the server does not send)";
        BadSignature => "チェーン内の署名が正しく検証できません", "a signature in the chain does not verify";
        UnsupportedSignature => "現在のクライアントが受け付けない署名アルゴリズム (SHA-1 など) で署名されています",
            "it is signed with an algorithm current clients refuse (such as SHA-1)";
        WrongPurpose => "TLS サーバ認証用の証明書ではありません", "it is not valid for TLS server authentication";
        Other { error: String } => "検証エラー {error}", "verification error {error}";
    }
}

impl Problem {
    /// None: the leaf is self-signed.
    fn of(problem: Option<&TrustProblem>) -> Problem {
        match problem {
            None => Problem::SelfSigned,
            Some(TrustProblem::UnknownIssuer) => Problem::UnknownIssuer,
            Some(TrustProblem::BadSignature) => Problem::BadSignature,
            Some(TrustProblem::UnsupportedSignature) => Problem::UnsupportedSignature,
            Some(TrustProblem::WrongPurpose) => Problem::WrongPurpose,
            Some(TrustProblem::Other(e)) => Problem::Other { error: e.to_string() },
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
