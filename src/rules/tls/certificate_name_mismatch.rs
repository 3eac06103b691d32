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

use crate::i18n::Words;
use crate::model::{CertificateState, Model};
use crate::rules::msg::CertificateNameMismatch;
use crate::rules::tls::{chain_leaf_name, presented_chains};
use crate::rules::Checker;

crate::i18n::terms! {
    /// What to try when the name was checked without SNI.
    enum Hint {
        NoSni => "。IP アドレスに SNI なしで接続しました。利用者が名前で接続するなら --sni 名前 で確認し直してください",
            "; probed by IP address without SNI: if clients connect by name, try --sni NAME";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for (ep, chain) in presented_chains(model) {
        if cx.decided(chain.name_matches) != Some(false) {
            continue;
        }
        let names = match chain.certificates.first().map(|c| &c.state) {
            Some(CertificateState::Loaded(f)) if !f.san.is_empty() => f.san.join(", "),
            Some(CertificateState::Loaded(f)) => f.subject.clone(),
            _ => String::new(),
        };
        let args = CertificateNameMismatch {
            certificate: chain_leaf_name(chain),
            name: chain.checked_name.clone(),
            names,
            hint: if chain.sni_sent { Words::nothing() } else { Hint::NoSni.into() },
        };
        cx.report(&ep.subject, &chain.origin, args);
    }
}
