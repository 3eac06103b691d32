//! TLS rules (clauses 13-6, 13-8, 13-9, 13-12): they judge `TlsEndpoint`s, whether parsed
//! from a server config or measured by the probe.

pub mod legacy_protocol;

// TLS002..TLS024 (branch rules-tls)
pub mod certificate_chain_order;
pub mod certificate_expired;
pub mod certificate_expiring;
pub mod certificate_name_mismatch;
pub mod certificate_not_checked;
pub mod certificate_not_trusted;
pub mod certificate_trust_not_checked;
pub mod certificate_weak_key;
pub mod certificate_weak_signature;
pub mod client_auth_unknown;
pub mod client_certificate_ca_missing;
pub mod client_certificate_not_required;
pub mod client_certificate_optional;
pub mod client_cipher_order;
pub mod factory_default_certificate;
pub mod hsts_missing;
pub mod insecure_renegotiation;
pub mod not_recommended_suite;
pub mod ocsp_stapling_off;
pub mod prohibited_cipher_suite;
pub mod suite_outside_high_security;
pub mod tls12_exception;
pub mod tls_compression;
pub mod upstream_not_verified;
pub mod upstream_without_client_certificate;
pub mod weak_key_exchange;

use crate::model::{Certificate, CertificateFacts, CertificateState, Origin, TlsEndpoint, TlsService, TlsVersion};
use crate::policy::SuiteClass;
use crate::rules::Checker;

/// "TLS1.0, TLS1.1" for messages.
pub fn version_list(v: &[TlsVersion]) -> String {
    let mut out = String::new();
    for (n, x) in v.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        out.push_str(x.name());
    }
    out
}

/// IANA names of suites, for messages.
pub fn suite_list(codes: &[u16]) -> String {
    let mut out = String::with_capacity(codes.len() * 40);
    push_suite_list(&mut out, codes);
    out
}

/// [`suite_list`] into an existing string (one allocation per message, not one per suite).
fn push_suite_list(out: &mut String, codes: &[u16]) {
    use std::fmt::Write;
    for (n, &c) in codes.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        match crate::tls::suites::by_code(c) {
            Some(s) => out.push_str(s.iana),
            None => {
                let _ = write!(out, "0x{c:04X}");
            }
        }
    }
}

/// At most this many suites are named in one message; the rest are counted.
pub const MAX_LISTED_SUITES: usize = 6;

/// IANA names of at most [`MAX_LISTED_SUITES`] suites, then "… (+N)" for the rest. The tail
/// is written without words so it reads the same in a Japanese and an English message.
pub fn suite_list_capped(codes: &[u16]) -> String {
    if codes.len() <= MAX_LISTED_SUITES {
        return suite_list(codes);
    }
    use std::fmt::Write;
    let mut out = String::with_capacity(MAX_LISTED_SUITES * 40 + 16);
    push_suite_list(&mut out, &codes[..MAX_LISTED_SUITES]);
    let _ = write!(out, ", … (+{})", codes.len() - MAX_LISTED_SUITES);
    out
}

/// Endpoints that accept connections (servers, portals, probed targets).
/// Endpoints whose protocol versions the TLS version rules (TLS001/TLS002) judge. A VPN's
/// own minimum-version setting (OpenVPN `tls-version-min`, FortiOS `ssl-min-proto-ver`) is
/// judged by VPN011 instead — one setting, one finding — so an OpenVPN control channel, and
/// an SSL-VPN portal whose tunnel carries that setting, are left out here.
pub fn version_judged(m: &crate::model::Model) -> impl Iterator<Item = &TlsEndpoint> {
    m.tls_endpoints.iter().filter(move |e| match e.service {
        TlsService::VpnControl => false,
        TlsService::SslVpn => !m.vpn_tunnels.iter().any(|t| t.subject == e.subject && t.tls_min_version.is_some()),
        _ => true,
    })
}

pub fn servers(m: &crate::model::Model) -> impl Iterator<Item = &TlsEndpoint> {
    m.tls_endpoints.iter().filter(|e| e.role == crate::model::TlsRole::Server)
}

/// Endpoints that open connections (proxies to their upstreams, VPN clients).
pub fn clients(m: &crate::model::Model) -> impl Iterator<Item = &TlsEndpoint> {
    m.tls_endpoints.iter().filter(|e| e.role == crate::model::TlsRole::Client)
}

/// The suites of a list that `pick` selects, remembered per list: the endpoints of a model
/// share their lists (`Arc`s from one cipher string), which run to 100+ suites, and three
/// rules pick from every list of every endpoint.
pub struct Picked<P: Fn(u16) -> bool> {
    pick: P,
    memo: Vec<(ListKey, std::rc::Rc<[u16]>)>,
}

/// A suite list by its address and length (the model holds the lists while a rule runs,
/// so two lists with one key are the same list).
type ListKey = (usize, usize);

impl<P: Fn(u16) -> bool> Picked<P> {
    /// Lists remembered at most (a model with more distinct lists filters the rest anew).
    const MAX: usize = 64;

    pub fn new(pick: P) -> Self {
        Picked { pick, memo: Vec::new() }
    }

    fn of(&mut self, list: &[u16]) -> std::rc::Rc<[u16]> {
        let key = (list.as_ptr() as usize, list.len());
        if let Some((_, hits)) = self.memo.iter().find(|(k, _)| *k == key) {
            return hits.clone();
        }
        let hits: std::rc::Rc<[u16]> = list.iter().copied().filter(|&c| (self.pick)(c)).collect();
        if self.memo.len() < Self::MAX {
            self.memo.push((key, hits.clone()));
        }
        hits
    }
}

/// The enabled suites of the given versions that `picked` selects, grouped by the setting
/// that enables them: one entry per distinct origin (a cipher string shared by TLS 1.0–1.2
/// gives one entry; the probe's per-version results give one each). Suites are deduplicated
/// in first-seen order.
pub fn suites_by_origin(
    ep: &TlsEndpoint,
    versions: impl Fn(TlsVersion) -> bool,
    picked: &mut Picked<impl Fn(u16) -> bool>,
) -> Vec<(Origin, Vec<TlsVersion>, Vec<u16>)> {
    let mut out: Vec<(Origin, Vec<TlsVersion>, Vec<u16>)> = Vec::new();
    // Codes already in each entry, as a bit set over the code space, made when a second
    // version joins an entry: lists run to 100+ suites merged over up to four versions, and
    // a `contains` per code was quadratic.
    let mut seen: Vec<Option<Box<[u64; 1024]>>> = Vec::new();
    for (&v, s) in &ep.cipher_suites {
        if !versions(v) || !ep.enables(v) {
            continue;
        }
        let hits = picked.of(&s.value);
        if hits.is_empty() {
            continue;
        }
        let i = match out.iter().position(|(o, _, _)| *o == s.origin) {
            Some(i) => i,
            None => {
                out.push((s.origin.clone(), Vec::new(), Vec::new()));
                seen.push(None);
                out.len() - 1
            }
        };
        let entry = &mut out[i];
        entry.1.push(v);
        if entry.1.len() == 1 {
            // A version's list names each suite once (model invariant, checked in tests).
            entry.2.extend_from_slice(&hits);
            debug_assert!(entry.2.iter().enumerate().all(|(k, c)| !entry.2[..k].contains(c)), "{:?}", entry.2);
            continue;
        }
        let set = seen[i].get_or_insert_with(|| {
            let mut set = Box::new([0u64; 1024]);
            for &c in &entry.2 {
                set[usize::from(c) / 64] |= 1 << (c % 64);
            }
            set
        });
        for &c in hits.iter() {
            let (word, bit) = (usize::from(c) / 64, 1u64 << (c % 64));
            if set[word] & bit == 0 {
                set[word] |= bit;
                entry.2.push(c);
            }
        }
    }
    out
}

/// Reports every group of suites of one class (TLS003/TLS004/TLS005 share this shape).
pub fn report_suites_of_class(model: &crate::model::Model, cx: &mut Checker, class: SuiteClass, versions: impl Fn(TlsVersion) -> bool + Copy) {
    let policy = cx.policy;
    let mut picked = Picked::new(|c| policy.classify(c) == class);
    for ep in &model.tls_endpoints {
        let groups = suites_by_origin(ep, versions, &mut picked);
        for (origin, vs, codes) in groups {
            cx.report(
                &ep.subject,
                &origin,
                vec![
                    ("versions", version_list(&vs)),
                    ("count", codes.len().to_string()),
                    ("suites", suite_list_capped(&codes)),
                ],
            );
        }
    }
}

/// The end-entity certificates of an endpoint: every certificate a config names (nginx and
/// Apache may name one per key type), or the leaf of each chain a probed server presented.
pub fn leaf_certificates(ep: &TlsEndpoint) -> impl Iterator<Item = &Certificate> {
    ep.certificates.iter()
}

/// How a message names a presented chain: by its leaf's subject.
pub fn chain_leaf_name(chain: &crate::model::PresentedChain) -> String {
    match chain.certificates.first() {
        Some(c) => match &c.state {
            CertificateState::Loaded(f) => certificate_name(c, Some(f)),
            _ => certificate_name(c, None),
        },
        None => certificate_name_missing(),
    }
}

fn certificate_name_missing() -> String {
    "(certificate)".to_string()
}

/// Leaf certificates that could be read, with their facts.
pub fn loaded_leaves(ep: &TlsEndpoint) -> impl Iterator<Item = (&Certificate, &CertificateFacts)> {
    leaf_certificates(ep).filter_map(|c| match &c.state {
        CertificateState::Loaded(f) => Some((c, f)),
        _ => None,
    })
}

/// How a message names a certificate: the file as written in the config, else its subject.
pub fn certificate_name(c: &Certificate, f: Option<&CertificateFacts>) -> String {
    match (&c.file, f) {
        (Some(file), _) => file.clone(),
        (None, Some(f)) => f.subject.clone(),
        (None, None) => certificate_name_missing(),
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::probed_server;
    use super::*;
    use crate::model::{Origin, Setting};

    #[test]
    fn long_suite_lists_are_capped() {
        assert_eq!(suite_list_capped(&[0x1301, 0x1302]), "TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384");
        let many = [0xC02B, 0xC02C, 0xC02F, 0xC030, 0xCCA8, 0xCCA9, 0x009E, 0x009F];
        let s = suite_list_capped(&many);
        assert!(s.ends_with(", … (+2)"), "{s}");
        assert_eq!(s.matches("TLS_").count(), MAX_LISTED_SUITES);
    }

    #[test]
    fn suites_are_grouped_by_the_setting_that_enables_them() {
        let mut ep = probed_server();
        ep.versions.value = vec![TlsVersion::Tls11, TlsVersion::Tls12, TlsVersion::Tls13];
        let cbc = Origin::probe("127.0.0.1:8443", "suites accepted");
        ep.cipher_suites
            .insert(TlsVersion::Tls11, Setting::explicit(vec![0x002F, 0x0035].into(), cbc.clone()));
        ep.cipher_suites
            .insert(TlsVersion::Tls12, Setting::explicit(vec![0xC02F, 0x002F].into(), cbc.clone()));
        ep.cipher_suites.insert(
            TlsVersion::Tls13,
            Setting::explicit(vec![0x1301].into(), cbc.with_evidence("TLS1.3 suites accepted")),
        );
        let g = suites_by_origin(&ep, |_| true, &mut Picked::new(|c| c == 0x002F || c == 0x0035 || c == 0x1301));
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].1, vec![TlsVersion::Tls11, TlsVersion::Tls12]);
        assert_eq!(g[0].2, vec![0x002F, 0x0035], "deduplicated, first-seen order");
        assert_eq!(g[1].2, vec![0x1301]);
        // A version listed with suites but not enabled is ignored.
        ep.versions.value = vec![TlsVersion::Tls13];
        assert_eq!(suites_by_origin(&ep, |_| true, &mut Picked::new(|_| true)).len(), 1);
    }
}

/// Helpers for the in-module tests: run one rule over a hand-built model.
#[cfg(test)]
pub(crate) mod testutil {
    use crate::model::{Model, Origin, Setting, TlsEndpoint, TlsRole, TlsService, TlsVersion};
    use crate::policy::TlsPolicy;
    use crate::rules::{Engine, Finding, Selection};

    /// 2026-12-01, as in tests/rule_registry.rs.
    pub const NOW: i64 = 1_796_083_200;

    pub fn run(code: &str, model: &Model) -> Vec<Finding> {
        let mut e = Engine::new(TlsPolicy::builtin(), NOW);
        e.selection = Selection {
            select: vec![code.to_string()],
            ignore: vec![],
        };
        e.check(model).into_iter().filter(|f| f.rule == code).collect()
    }

    /// A probed TLS 1.3-only server, as the probe would describe 127.0.0.1:8443.
    pub fn probed_server() -> TlsEndpoint {
        let o = Origin::probe("127.0.0.1:8443", "probe 127.0.0.1:8443");
        TlsEndpoint::new(
            "127.0.0.1:8443".into(),
            TlsRole::Server,
            TlsService::Http,
            o.clone(),
            Setting::explicit(vec![TlsVersion::Tls13], o.with_evidence("versions accepted: TLS1.3")),
        )
    }

    /// A chain of one self-signed leaf for `name`, as the probe would model it.
    pub fn probed_chain(name: &str, trust: crate::model::ChainTrust) -> crate::model::PresentedChain {
        let o = Origin::probe("127.0.0.1:8443", "chain of 1 presented in the TLS1.3 handshake");
        let facts = crate::model::CertificateFacts {
            subject: format!("CN={name}"),
            issuer: format!("CN={name}"),
            san: vec![name.to_string()],
            key_type: "EC".into(),
            key_bits: 256,
            signature: "ecdsa-with-SHA256".into(),
            not_before: NOW - 86_400,
            not_after: NOW + 86_400 * 90,
            self_signed: true,
            factory_default: false,
        };
        crate::model::PresentedChain {
            origin: o.clone(),
            certificates: vec![crate::model::Certificate {
                origin: o,
                file: None,
                state: crate::model::CertificateState::Loaded(facts),
            }],
            checked_name: name.to_string(),
            sni_sent: true,
            name_matches: Some(true),
            in_order: Some(true),
            trust,
        }
    }

    pub fn model_of(ep: TlsEndpoint) -> Model {
        Model {
            tls_endpoints: vec![ep],
            ..Model::default()
        }
    }
}
