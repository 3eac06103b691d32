//! Every certificate chain a server presents, and the verdicts on them, against real
//! `openssl s_server`s on 127.0.0.1: a dual RSA + ECDSA server whose weak RSA certificate
//! must not hide behind the ECDSA one (TLS 1.2 and TLS 1.3-only), a self-signed
//! certificate for another name, TLS 1.2 curves of an ECDSA server; and the 13-9 facts of
//! the raw ServerHello (compression, secure renegotiation) from a scripted first flight.

use crate::probe_support;

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

/// Over TLS 1.3 only, and over TLS 1.3 with secp521r1 as the only group (where kensa's own
/// TLS 1.3 handshake stands in for rustls, which has no P-521).
#[test]
fn dual_certificate_server_shows_both_chains_over_tls13_only() {
    let pki = Pki::new();
    for extra in [&["-tls1_3"][..], &["-tls1_3", "-groups", "P-521"]] {
        let s = dual(&pki, extra);
        let r = probe(s.target(), &opts());
        let ep = endpoint(&r);
        let types: BTreeSet<String> = leaves(ep).into_iter().map(|(t, b, _)| format!("{t}-{b}")).collect();
        assert_eq!(
            types,
            BTreeSet::from(["RSA-1024".to_string(), "EC-256".to_string()]),
            "{extra:?} {:?}",
            ep.chains
        );
        assert!(
            ep.chains.iter().any(|c| c.origin.evidence.contains("offering only")),
            "the second chain came from the scheme-restricted handshake: {:?}",
            ep.chains
        );
        let v = verdicts(ep);
        assert!(v.contains("TLS011") && v.contains("TLS012") && !v.contains("TLS015"), "{extra:?} {v:?}");
        if extra.len() == 3 {
            // With P-521, the second chain was asked for on a HelloRetryRequest connection of
            // the enumeration: within a quarter of the floor (suites + version + group).
            let floor = ep.cipher_suites.values().map(|s| s.value.len()).sum::<usize>() + 1 + 1;
            assert!(r.handshakes as usize * 4 <= floor * 5, "{} connections for a floor of {floor}", r.handshakes);
        }
    }
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

/// A scripted TLS 1.2 "server" (first flight only) that selects DEFLATE compression and
/// sends no renegotiation_info: what no current library serves (Debian's OpenSSL is built
/// without zlib and always sends renegotiation_info), judged from the raw ServerHello.
fn scripted_tls12_answer(hello: &[u8], leaf: &[u8]) -> Vec<u8> {
    use tls_parser::{parse_tls_plaintext, TlsMessage, TlsMessageHandshake};
    let alert = |d: u8| vec![21, 3, 3, 0, 2, 2, d];
    let Ok((_, rec)) = parse_tls_plaintext(hello) else { return alert(50) };
    let Some(TlsMessage::Handshake(TlsMessageHandshake::ClientHello(ch))) = rec.msg.first() else {
        return alert(10);
    };
    // TLS 1.3 hellos carry legacy_version 0x0303 too, but also supported_versions
    let exts = ch
        .ext
        .and_then(|e| tls_parser::parse_tls_extensions(e).ok())
        .map(|(_, e)| e)
        .unwrap_or_default();
    let tls13 = exts.iter().any(|e| matches!(e, tls_parser::TlsExtension::SupportedVersions(_)));
    if ch.version.0 != 0x0303 || tls13 {
        return alert(70);
    }
    const SUITE: u16 = 0xC02B; // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
    if !ch.ciphers.iter().any(|c| c.0 == SUITE) {
        return alert(40);
    }
    let deflate = ch.comp.iter().any(|c| c.0 == 1);
    let mut hs = vec![2, 0, 0, 38, 3, 3];
    hs.extend_from_slice(&[7; 32]);
    hs.push(0); // no session id
    hs.extend_from_slice(&SUITE.to_be_bytes());
    hs.push(u8::from(deflate)); // no extensions at all: no renegotiation_info
    let n = leaf.len();
    let (l1, l2) = (n + 3, n + 6);
    hs.extend_from_slice(&[11, (l2 >> 16) as u8, (l2 >> 8) as u8, l2 as u8]);
    hs.extend_from_slice(&[(l1 >> 16) as u8, (l1 >> 8) as u8, l1 as u8, (n >> 16) as u8, (n >> 8) as u8, n as u8]);
    hs.extend_from_slice(leaf);
    // ServerKeyExchange: named_curve x25519 + point (the probe reads only the curve)
    hs.extend_from_slice(&[12, 0, 0, 40, 3, 0, 0x1d, 32]);
    hs.extend_from_slice(&[5; 32]);
    hs.extend_from_slice(&[0, 0, 0, 0]); // not a real signature: never verified
    hs.extend_from_slice(&[14, 0, 0, 0]);
    let mut out = vec![22, 3, 3, (hs.len() >> 8) as u8, hs.len() as u8];
    out.extend_from_slice(&hs);
    out
}

#[test]
fn compression_and_missing_secure_renegotiation_are_judged_from_the_server_hello() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let leaf = rcgen::CertificateParams::new(vec!["localhost".to_string()])
        .unwrap()
        .self_signed(&key)
        .unwrap()
        .der()
        .to_vec();
    let srv = TaskServer::start(move |mut tcp| {
        let leaf = leaf.clone();
        async move {
            let mut buf = vec![0u8; 16 * 1024];
            let mut got = 0;
            // one ClientHello record: header, then its length
            while got < 5 || got < 5 + u16::from_be_bytes([buf[3], buf[4]]) as usize {
                match tcp.read(&mut buf[got..]).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => got += n,
                }
            }
            let _ = tcp.write_all(&scripted_tls12_answer(&buf[..got], &leaf)).await;
            let _ = tcp.shutdown().await;
        }
    });
    let t = kensa::probe::Target::parse(&format!("127.0.0.1:{}", srv.port)).unwrap();
    let r = probe(t, &opts());
    let ep = endpoint(&r);
    assert_eq!(ep.versions.value, vec![kensa::model::TlsVersion::Tls12], "{r:?}");
    assert_eq!(
        ep.compression.as_ref().map(|c| (c.value, &*c.origin.evidence)),
        Some((true, "ServerHello selected DEFLATE compression"))
    );
    assert_eq!(ep.secure_renegotiation.as_ref().map(|c| c.value), Some(false));
    let v = verdicts(ep);
    assert!(v.contains("TLS019") && v.contains("TLS020"), "{v:?}");
}

/// The one extractor serves the probe too: a server presenting a FortiGate factory
/// certificate (subject and issuer as FortiOS units ship them, the vendor CA sent along) is
/// judged TLS022, as the same certificate named in a config is.
#[test]
fn factory_certificate_on_a_probed_appliance_is_tls022() {
    let pki = Pki::new();
    let ca_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let mut ca_p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    for (t, v) in [
        (rcgen::DnType::OrganizationName, "Fortinet Ltd."),
        (rcgen::DnType::CommonName, "fortinet-subca2001"),
    ] {
        ca_p.distinguished_name.push(t, v);
    }
    let ca = ca_p.self_signed(&ca_key).unwrap();
    let mut p_ = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    for (t, v) in [
        (rcgen::DnType::OrganizationName, "Fortinet"),
        (rcgen::DnType::OrganizationalUnitName, "FortiGate"),
        (rcgen::DnType::CommonName, "FGT60FTK2109XXXX"),
    ] {
        p_.distinguished_name.push(t, v);
    }
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let leaf = p_.signed_by(&key, &ca, &ca_key).unwrap();
    let (cp, kp, chp) = (pki.path("fgt.crt"), pki.path("fgt.key"), pki.path("fgt-ca.crt"));
    std::fs::write(&cp, leaf.pem()).unwrap();
    std::fs::write(&kp, key.serialize_pem()).unwrap();
    std::fs::write(&chp, ca.pem()).unwrap();
    let s = SServer::start(&["-cert", p(&cp), "-key", p(&kp), "-cert_chain", p(&chp), "-www"]);
    let r = probe(s.target(), &opts());
    let ep = endpoint(&r);
    assert_eq!(ep.chains[0].certificates.len(), 2, "{:?}", ep.chains);
    let v = verdicts(ep);
    assert!(v.contains("TLS022"), "{v:?}");
    assert!(v.contains("TLS023"), "the vendor CA is in no system store: {v:?}");
}

/// A server that refuses names it does not serve (s_server `-servername_fatal`): probed with
/// another name, the error says so and points at --sni; with its name, it is measured.
#[test]
fn refused_name_points_at_sni() {
    let pki = Pki::new();
    let (c, k) = pki.rcgen_ec("ec", (2025, 1, 1), (2030, 1, 1));
    let s = SServer::start(&[
        "-cert",
        p(&c),
        "-key",
        p(&k),
        "-cert2",
        p(&c),
        "-key2",
        p(&k),
        "-servername",
        "portal.hospital.example",
        "-servername_fatal",
        "-www",
    ]);
    let wrong = ProbeOptions {
        sni: Some("other.hospital.example".into()),
        ..opts()
    };
    let r = probe(s.target(), &wrong);
    let e = r.error.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        e.contains("unrecognized_name") && e.contains("does not serve the name other.hospital.example: check --sni"),
        "{e}"
    );
    let right = ProbeOptions {
        sni: Some("portal.hospital.example".into()),
        ..opts()
    };
    assert!(probe(s.target(), &right).endpoint.is_some());
}

/// A TLS 1.3-only server with X448 as its only group: neither rustls nor kensa's own TLS 1.3
/// handshake (secp521r1) can complete that handshake, and TLS 1.3 hides the certificate from
/// the raw engine. The certificate is then reported as not checked (TLS015), never passed in
/// silence.
#[test]
fn certificate_out_of_reach_is_reported_not_checked() {
    let pki = Pki::new();
    let (c, k) = pki.rcgen_ec("ec", (2025, 1, 1), (2030, 1, 1));
    let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-tls1_3", "-groups", "X448", "-www"]);
    let r = probe(s.target(), &opts());
    let ep = endpoint(&r);
    assert!(ep.chains.is_empty(), "{:?}", ep.chains);
    let v = verdicts(ep);
    assert!(v.contains("TLS015"), "{v:?} {:?}", ep.certificates);
}
