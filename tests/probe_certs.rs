//! Every certificate chain a server presents, and the verdicts on them, against real
//! `openssl s_server`s on 127.0.0.1: a dual RSA + ECDSA server whose weak RSA certificate
//! must not hide behind the ECDSA one (TLS 1.2 and TLS 1.3-only), and a self-signed
//! certificate for another name.

mod probe_support;

use kensa::model::{CertificateState, ChainTrust, Model, TlsEndpoint};
use kensa::policy::TlsPolicy;
use kensa::probe::ProbeOptions;
use kensa::rules::Engine;
use probe_support::*;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Rule codes the built-in policy reports on one probed endpoint.
fn verdicts(ep: &TlsEndpoint) -> BTreeSet<&'static str> {
    let m = Model {
        tls_endpoints: vec![ep.clone()],
        ..Default::default()
    };
    Engine::new(TlsPolicy::builtin(), now()).check(&m).iter().map(|f| f.rule).collect()
}

/// (key type, bits, signature) of each chain's leaf, in the order found.
fn leaves(ep: &TlsEndpoint) -> Vec<(String, u32, String)> {
    ep.chains
        .iter()
        .map(|c| match &c.certificates[0].state {
            CertificateState::Loaded(f) => (f.key_type.clone(), f.key_bits, f.signature.clone()),
            other => panic!("unreadable leaf: {other:?}"),
        })
        .collect()
}

/// RSA-1024/SHA-1 (`-cert`) beside ECDSA P-256 (`-dcert`), as an nginx with two
/// `ssl_certificate` lines serves them.
fn dual(pki: &Pki, extra: &[&str]) -> SServer {
    let (rc, rk) = pki.openssl_rsa("weak", 1024, "sha1");
    let (ec, ek) = pki.rcgen_ec("ec", (2025, 1, 1), (2030, 1, 1));
    let mut args = vec![
        "-cert",
        p(&rc),
        "-key",
        p(&rk),
        "-dcert",
        p(&ec),
        "-dkey",
        p(&ek),
        "-cipher",
        "DEFAULT:@SECLEVEL=0",
        "-www",
    ];
    args.extend_from_slice(extra);
    SServer::start(&args)
}

#[test]
fn dual_certificate_server_shows_both_chains_over_tls12() {
    let pki = Pki::new();
    let s = dual(&pki, &[]);
    let r = probe(s.target(), &opts());
    let ep = endpoint(&r);
    let found: BTreeSet<(String, u32, String)> = leaves(ep).into_iter().collect();
    let want = BTreeSet::from([
        ("RSA".to_string(), 1024, "sha1WithRSAEncryption".to_string()),
        ("EC".to_string(), 256, "ecdsa-with-SHA256".to_string()),
    ]);
    assert_eq!(found, want, "{:?}", ep.chains);
    assert_eq!(ep.certificates.len(), 2, "the leaf of each chain");
    let v = verdicts(ep);
    assert!(v.contains("TLS011") && v.contains("TLS012"), "the RSA-1024/SHA-1 certificate is judged: {v:?}");
    // TLS <= 1.2 flights carry both chains: no extra connection was needed for them
    let rsa = ep
        .chains
        .iter()
        .find(|c| matches!(&c.certificates[0].state, CertificateState::Loaded(f) if f.key_type == "RSA"))
        .unwrap();
    assert!(
        rsa.origin.evidence.contains("TLS1.2 handshake choosing TLS_") && rsa.origin.evidence.contains("_RSA_"),
        "{:?}",
        rsa.origin
    );
    every_origin_is_the_probe(ep, &r.target);
}

#[test]
fn dual_certificate_server_shows_both_chains_over_tls13_only() {
    let pki = Pki::new();
    let s = dual(&pki, &["-tls1_3"]);
    let r = probe(s.target(), &opts());
    let ep = endpoint(&r);
    let types: BTreeSet<String> = leaves(ep).into_iter().map(|(t, b, _)| format!("{t}-{b}")).collect();
    assert_eq!(types, BTreeSet::from(["RSA-1024".to_string(), "EC-256".to_string()]), "{:?}", ep.chains);
    assert!(
        ep.chains.iter().any(|c| c.origin.evidence.contains("offering only")),
        "the second chain came from the scheme-restricted handshake: {:?}",
        ep.chains
    );
    let v = verdicts(ep);
    assert!(v.contains("TLS011") && v.contains("TLS012"), "{v:?}");
}

/// A self-signed certificate made for another name, probed by IP without SNI: self-signed
/// (TLS023), not for 127.0.0.1 (TLS025, with the --sni hint), and both true.
#[test]
fn self_signed_certificate_for_another_name() {
    let pki = Pki::new();
    let (c, k) = other_name_cert(&pki);
    let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-www"]);
    let r = probe(s.target(), &opts());
    let ep = endpoint(&r);
    assert_eq!(ep.chains.len(), 1);
    let chain = &ep.chains[0];
    assert!(matches!(chain.trust, ChainTrust::SelfSigned { .. }), "{:?}", chain.trust);
    assert_eq!(
        (chain.name_matches, chain.sni_sent, chain.checked_name.as_str()),
        (Some(false), false, "127.0.0.1")
    );
    let v = verdicts(ep);
    assert!(v.contains("TLS023") && v.contains("TLS025"), "{v:?}");
    assert!(!v.contains("TLS026"), "a one-certificate chain is in order");

    // with the right SNI the name matches; given as the CA, the certificate is trusted
    let o = ProbeOptions {
        sni: Some("records.hospital.example".into()),
        ca_file: Some(c.clone()),
        ..opts()
    };
    let r = probe(s.target(), &o);
    let ep = endpoint(&r);
    assert_eq!(ep.chains[0].name_matches, Some(true));
    assert!(matches!(ep.chains[0].trust, ChainTrust::Trusted { .. }), "{:?}", ep.chains[0].trust);
    let v = verdicts(ep);
    assert!(!v.contains("TLS023") && !v.contains("TLS025"), "{v:?}");
}

/// The TLS025 message names the certificate's names and, probed by IP, suggests --sni.
#[test]
fn name_mismatch_message_suggests_sni_in_both_languages() {
    let pki = Pki::new();
    let (c, k) = other_name_cert(&pki);
    let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-www"]);
    let r = probe(s.target(), &opts());
    let m = Model {
        tls_endpoints: vec![endpoint(&r).clone()],
        ..Default::default()
    };
    let findings = Engine::new(TlsPolicy::builtin(), now()).check(&m);
    let f = findings.iter().find(|f| f.rule == "TLS025").expect("TLS025");
    let en = f.message(kensa::i18n::Lang::En);
    let ja = f.message(kensa::i18n::Lang::Ja);
    assert!(en.contains("records.hospital.example") && en.contains("--sni NAME"), "{en}");
    assert!(ja.contains("records.hospital.example") && ja.contains("--sni"), "{ja}");
}

/// rcgen: a self-signed ECDSA certificate for records.hospital.example only.
fn other_name_cert(pki: &Pki) -> (PathBuf, PathBuf) {
    let mut params = rcgen::CertificateParams::new(vec!["records.hospital.example".to_string()]).unwrap();
    params.distinguished_name.push(rcgen::DnType::CommonName, "records.hospital.example");
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let cert = params.self_signed(&key).unwrap();
    let (cp, kp) = (pki.path("other.crt"), pki.path("other.key"));
    std::fs::write(&cp, cert.pem()).unwrap();
    std::fs::write(&kp, key.serialize_pem()).unwrap();
    (cp, kp)
}

/// `kensa probe --output-format json`: `certificates[]` lists both chains of the dual
/// server with their verdicts; `certificate` (compatibility) is still the first leaf.
#[test]
fn json_lists_every_chain() {
    let pki = Pki::new();
    let s = dual(&pki, &[]);
    let target = format!("127.0.0.1:{}", s.port);
    let out = assert_cmd::Command::cargo_bin("kensa")
        .unwrap()
        .env_remove("LANG")
        .args(["probe", &target, "--output-format", "json", "--timeout-ms", "3000"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ep = &v["endpoints"][0];
    let chains = ep["certificates"].as_array().expect("certificates[]");
    let keys: BTreeSet<&str> = chains.iter().map(|c| c["chain"][0]["key"].as_str().unwrap()).collect();
    assert_eq!(keys, BTreeSet::from(["RSA 1024", "EC 256"]), "{ep}");
    assert!(
        chains.iter().all(|c| c["trust"]["verdict"] == "self_signed" && c["name_matches"] == true),
        "{ep}"
    );
    assert_eq!(ep["certificate"]["key"], chains[0]["chain"][0]["key"]);
    let rules: BTreeSet<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains("TLS011") && rules.contains("TLS012") && rules.contains("TLS023"), "{rules:?}");
}

/// Group names the probe reports, and whether it says the list may be partial.
fn groups(ep: &TlsEndpoint) -> (BTreeSet<String>, bool) {
    let g = ep.groups.as_ref().expect("groups measured");
    (g.value.iter().map(|x| x.name.to_string()).collect(), ep.groups_partial)
}

/// A TLS 1.2-only ECDSA P-256 server may only use its certificate when the client lists
/// P-256, so P-256 stays in every offer once found. Following the client's order, the
/// server then shows all its curves (OpenSSL's default TLS 1.2 list, taken from
/// `openssl s_client -groups X:prime256v1` one by one); choosing by its own order, it hides
/// those it ranks below P-256, and the probe says the list is partial.
#[test]
fn tls12_only_ecdsa_server_groups_complete_or_marked_partial() {
    let pki = Pki::new();
    let (c, k) = pki.rcgen_ec("ec", (2025, 1, 1), (2030, 1, 1));
    let all = BTreeSet::from(["x25519", "secp256r1", "x448", "secp521r1", "secp384r1"].map(String::from));

    let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-tls1_2", "-www"]);
    let ep = endpoint(&probe(s.target(), &opts())).clone();
    assert_eq!(groups(&ep), (all.clone(), false));

    let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-tls1_2", "-serverpref", "-www"]);
    let ep = endpoint(&probe(s.target(), &opts())).clone();
    let (found, partial) = groups(&ep);
    assert!(partial, "{found:?}");
    assert!(found.contains("secp256r1") && found.is_subset(&all), "{found:?}");
    assert!(ep.groups.as_ref().unwrap().origin.evidence.contains("list may be partial"), "{:?}", ep.groups);
}
