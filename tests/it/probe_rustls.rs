//! The probe against in-process rustls servers on 127.0.0.1. Expected sets come from the
//! server's own configuration (its provider's suites and groups).

use crate::probe_support;

use kensa::model::{ChainTrust, ClientAuth, TlsVersion, TrustProblem, TrustStore};
use kensa::probe::{ProbeOptions, Target};
use probe_support::*;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig, SupportedCipherSuite};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A CA and a leaf it signed (ECDSA P-256), for localhost and 127.0.0.1.
struct Chain {
    ca: CertificateDer<'static>,
    leaf: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
}

fn chain() -> Chain {
    let mut ca_p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_p.distinguished_name.push(rcgen::DnType::CommonName, "kensa test CA");
    let ca_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let ca = ca_p.self_signed(&ca_key).unwrap();
    let mut leaf_p = rcgen::CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
    leaf_p.distinguished_name.push(rcgen::DnType::CommonName, "localhost");
    let leaf_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let leaf = leaf_p.signed_by(&leaf_key, &ca, &ca_key).unwrap();
    Chain {
        ca: ca.der().clone(),
        leaf: leaf.der().clone(),
        key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
    }
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

enum Auth {
    None,
    Required,
    Optional,
}

fn config(c: &Chain, versions: &[&'static rustls::SupportedProtocolVersion], auth: Auth) -> ServerConfig {
    let b = ServerConfig::builder_with_provider(provider()).with_protocol_versions(versions).unwrap();
    let mut roots = RootCertStore::empty();
    roots.add(c.ca.clone()).unwrap();
    let roots = Arc::new(roots);
    let b = match auth {
        Auth::None => b.with_no_client_auth(),
        Auth::Required => b.with_client_cert_verifier(WebPkiClientVerifier::builder_with_provider(roots, provider()).build().unwrap()),
        Auth::Optional => b.with_client_cert_verifier(
            WebPkiClientVerifier::builder_with_provider(roots, provider())
                .allow_unauthenticated()
                .build()
                .unwrap(),
        ),
    };
    b.with_single_cert(vec![c.leaf.clone(), c.ca.clone()], c.key.clone_key()).unwrap()
}

/// A rustls server on its own thread and runtime; stopped on drop.
struct RustlsServer(TaskServer);

impl RustlsServer {
    fn start(cfg: ServerConfig) -> RustlsServer {
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(cfg));
        RustlsServer(TaskServer::start(move |tcp| {
            let acceptor = acceptor.clone();
            async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else { return };
                let mut buf = [0u8; 256];
                if let Ok(n) = tls.read(&mut buf).await {
                    if n > 0 {
                        let _ = tls.write_all(b"HTTP/1.0 200 OK\r\n\r\n").await;
                    }
                }
                let _ = tls.shutdown().await;
            }
        }))
    }

    fn target(&self) -> Target {
        Target::parse(&format!("127.0.0.1:{}", self.0.port)).unwrap()
    }
}

/// Suites the provider can serve with an ECDSA certificate, per version, in its order.
fn expected_suites() -> BTreeMap<TlsVersion, Vec<u16>> {
    let mut m: BTreeMap<TlsVersion, Vec<u16>> = BTreeMap::new();
    for s in &provider().cipher_suites {
        let code = u16::from(s.suite());
        match s {
            SupportedCipherSuite::Tls13(_) => m.entry(TlsVersion::Tls13).or_default().push(code),
            SupportedCipherSuite::Tls12(t) => {
                if t.sign.iter().any(|sch| format!("{sch:?}").starts_with("ECDSA")) {
                    m.entry(TlsVersion::Tls12).or_default().push(code)
                }
            }
        }
    }
    m
}

fn codes(ep: &kensa::model::TlsEndpoint) -> BTreeMap<TlsVersion, BTreeSet<u16>> {
    ep.cipher_suites.iter().map(|(v, s)| (*v, s.value.iter().copied().collect())).collect()
}

#[test]
fn rustls_tls12_and_13_exact_suites_groups_chain() {
    let c = chain();
    let srv = RustlsServer::start(config(&c, &[&rustls::version::TLS13, &rustls::version::TLS12], Auth::None));
    let o = ProbeOptions {
        sni: Some("localhost".into()),
        ..opts()
    };
    let r = probe(srv.target(), &o);
    let ep = endpoint(&r);
    assert_eq!(ep.versions.value, vec![TlsVersion::Tls12, TlsVersion::Tls13]);
    let want: BTreeMap<TlsVersion, BTreeSet<u16>> = expected_suites().into_iter().map(|(v, s)| (v, s.into_iter().collect())).collect();
    assert_eq!(codes(ep), want);
    let groups: BTreeSet<u16> = ep.groups.as_ref().unwrap().value.iter().map(|g| g.code).collect();
    let want_groups: BTreeSet<u16> = provider().kx_groups.iter().map(|g| u16::from(g.name())).collect();
    assert_eq!(groups, want_groups);
    assert_eq!(client_auth(ep), ClientAuth::None);
    assert_eq!(ep.server_preference.as_ref().unwrap().value, false);
    // one chain (leaf + CA, in order), its leaf the endpoint's one certificate
    assert_eq!(ep.certificates.len(), 1);
    assert_eq!(ep.chains.len(), 1);
    assert_eq!(ep.chains[0].certificates.len(), 2);
    assert_eq!(r.chain_in_order, Some(true));
    assert_eq!(r.name_matches, Some(true));
    every_origin_is_the_probe(ep, &r.target);
    // the test CA is in no system store
    assert!(
        matches!(&ep.chains[0].trust, ChainTrust::Untrusted { problem: TrustProblem::UnknownIssuer, store } if store.system),
        "{:?}",
        ep.chains[0].trust
    );
}

/// `--ca FILE` (a hospital's private CA): the same chain is verified against it.
#[test]
fn chain_is_trusted_against_the_ca_given_with_ca_file() {
    let c = chain();
    let srv = RustlsServer::start(config(&c, &[&rustls::version::TLS13], Auth::None));
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("hospital-ca.der");
    std::fs::write(&ca, c.ca.as_ref()).unwrap();
    let o = ProbeOptions {
        sni: Some("localhost".into()),
        ca_file: Some(ca.clone()),
        ..opts()
    };
    let r = probe(srv.target(), &o);
    let ep = endpoint(&r);
    let want = ChainTrust::Trusted {
        store: TrustStore {
            path: ca.display().to_string(),
            system: false,
        },
    };
    assert_eq!(ep.chains[0].trust, want);
    let m = kensa::model::Model {
        tls_endpoints: vec![ep.clone()],
        ..Default::default()
    };
    let e = kensa::rules::Engine::new(kensa::policy::TlsPolicy::builtin(), now());
    let codes: Vec<&str> = e.check(&m).iter().map(|f| f.rule).collect();
    assert!(!codes.contains(&"TLS023") && !codes.contains(&"TLS025"), "{codes:?}");
}

#[test]
fn rustls_server_order_is_detected_and_listed_in_order() {
    let c = chain();
    let mut cfg = config(&c, &[&rustls::version::TLS12], Auth::None);
    cfg.ignore_client_order = true;
    let srv = RustlsServer::start(cfg);
    let r = probe(srv.target(), &opts());
    let ep = endpoint(&r);
    assert_eq!(ep.server_preference.as_ref().unwrap().value, true);
    assert_eq!(*ep.cipher_suites[&TlsVersion::Tls12].value, expected_suites()[&TlsVersion::Tls12]);
}

#[test]
fn rustls_client_auth_required_and_optional() {
    let c = chain();
    let cases = [
        (vec![&rustls::version::TLS13], Auth::Required, ClientAuth::Required),
        (vec![&rustls::version::TLS12], Auth::Required, ClientAuth::Required),
        (vec![&rustls::version::TLS13], Auth::Optional, ClientAuth::Optional),
        (vec![&rustls::version::TLS12], Auth::Optional, ClientAuth::Optional),
        (vec![&rustls::version::TLS13, &rustls::version::TLS12], Auth::Required, ClientAuth::Required),
    ];
    for (versions, auth, want) in cases {
        let srv = RustlsServer::start(config(&c, &versions, auth));
        let r = probe(srv.target(), &opts());
        let ep = endpoint(&r);
        assert_eq!(client_auth(ep), want, "{versions:?}: {:?}", r.notes);
        // the chain is recorded even when the server then refuses us
        assert!(!ep.certificates.is_empty());
    }
}
