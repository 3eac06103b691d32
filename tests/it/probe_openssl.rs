//! The probe against real `openssl s_server`s on 127.0.0.1 ephemeral ports. Expected sets
//! come from the server's configuration (via `openssl ciphers`), never from kensa.

use crate::probe_support;

use kensa::model::{CertificateState, ClientAuth, TlsService, TlsVersion};
use kensa::probe::ProbeOptions;
use probe_support::*;
use std::collections::{BTreeMap, BTreeSet};
use TlsVersion::*;

fn leaf(ep: &kensa::model::TlsEndpoint) -> kensa::model::CertificateFacts {
    match &ep.certificates.first().expect("a certificate").state {
        CertificateState::Loaded(f) => f.clone(),
        other => panic!("certificate not parsed: {other:?}"),
    }
}

#[test]
fn tls13_only_exact_suites_and_groups() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("srv", 2048, "sha256");
    let list = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256";
    let s = SServer::start(&[
        "-cert",
        p(&c),
        "-key",
        p(&k),
        "-tls1_3",
        "-ciphersuites",
        list,
        "-groups",
        "X25519:P-384",
        "-www",
    ]);
    let r = probe(s.target(), &opts());
    assert!(r.error.is_none(), "{:?}", r.error);
    let ep = endpoint(&r);
    assert_eq!(ep.versions.value, vec![Tls13]);
    assert_eq!(suites(ep), BTreeMap::from([(Tls13, tls13_suites(list))]));
    let groups: Vec<&str> = ep.groups.as_ref().unwrap().value.iter().map(|g| &*g.name).collect();
    assert_eq!(groups.iter().copied().collect::<BTreeSet<_>>(), BTreeSet::from(["x25519", "secp384r1"]));
    assert_eq!(client_auth(ep), ClientAuth::None);
    assert_eq!(ep.service, TlsService::Other);
    assert_eq!(ep.compression.as_ref().unwrap().value, false);
    let f = leaf(ep);
    assert_eq!((f.key_type.as_str(), f.key_bits), ("RSA", 2048));
    assert_eq!(r.name_matches, Some(true));
    every_origin_is_the_probe(ep, &r.target);
    // suites and groups eliminated together (2 joint picks; then the top two suites go last
    // and reversed in each offer, so the refusal of the other groups is the groups' end, the
    // third suite, and the hello that ends the suites also tells the order), 1 rustls, the
    // TLS 1.2 hello refused with protocol_version (which decides the lower versions), and
    // (TLS 1.3 only, RSA certificate seen) one handshake offering only ECDSA schemes to
    // look for a second certificate
    assert_eq!(r.handshakes, 5 + 1 + 1 + 1, "{r:?}");
    assert!(ep
        .versions
        .origin
        .evidence
        .contains("TLS1.1 refused (not probed: the TLS1.2 hello was refused with alert protocol_version"));
    assert_eq!(ep.chains.len(), 1, "one certificate: the ECDSA-only handshake finds none");
}

#[test]
fn tls10_to_13_with_cbc_static_rsa_and_camellia() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("srv", 2048, "sha256");
    let cipher = "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA:AES128-SHA:AES256-SHA256:\
                  DES-CBC3-SHA:CAMELLIA128-SHA:@SECLEVEL=0";
    let t13 = "TLS_AES_128_GCM_SHA256";
    let s = SServer::start(&[
        "-cert",
        p(&c),
        "-key",
        p(&k),
        "-min_protocol",
        "TLSv1",
        "-cipher",
        cipher,
        "-ciphersuites",
        t13,
        "-www",
    ]);
    let r = probe(s.target(), &opts());
    let ep = endpoint(&r);
    assert_eq!(ep.versions.value, vec![Tls10, Tls11, Tls12, Tls13]);
    let expected = BTreeMap::from([
        (Tls10, openssl_suites("-tls1", cipher, false)),
        (Tls11, openssl_suites("-tls1_1", cipher, false)),
        (Tls12, openssl_suites("-tls1_2", cipher, false)),
        (Tls13, tls13_suites(t13)),
    ]);
    assert_eq!(suites(ep), expected);
    // (this OpenSSL build has no 3DES; the registry candidates include it all the same)
    for legacy in [
        "TLS_RSA_WITH_AES_128_CBC_SHA",
        "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",
        "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
    ] {
        assert!(expected[&Tls10].contains(legacy), "{legacy}");
    }
    assert!(!ep.enables(Ssl3));
    assert_eq!(ep.server_preference.as_ref().unwrap().value, false, "s_server follows the client by default");
    assert_eq!(ep.secure_renegotiation.as_ref().unwrap().value, true);
    assert_eq!(ep.compression.as_ref().unwrap().value, false);
    assert!(ep.dh_bits.as_ref().unwrap().value >= 1024);
    assert_eq!(client_auth(ep), ClientAuth::None);
}

/// Everything OpenSSL can do at security level 0, with an RSA certificate.
#[test]
fn all_at_seclevel0_is_complete() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("srv", 2048, "sha256");
    let cipher = "ALL:@SECLEVEL=0";
    let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-min_protocol", "TLSv1", "-cipher", cipher, "-www"]);
    let r = probe(s.target(), &opts());
    let ep = endpoint(&r);
    let got = suites(ep);
    for (v, flag) in [(Tls10, "-tls1"), (Tls11, "-tls1_1"), (Tls12, "-tls1_2")] {
        assert_eq!(got[&v], openssl_suites(flag, cipher, true), "{v}");
    }
    assert_eq!(got[&Tls13].len(), 3);
    let accepted: usize = got.values().map(|s| s.len()).sum();
    // Handshakes grow with what is accepted, not with the ~350-suite registry.
    assert!((r.handshakes as usize) < accepted + 40, "{} handshakes for {accepted} suites", r.handshakes);
}

#[test]
fn server_order_versus_client_order() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("srv", 2048, "sha256");
    // Deliberately not kensa's offer order: CBC before GCM, static RSA first.
    let cipher = "AES256-SHA:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256";
    let base = ["-cert", p(&c), "-key", p(&k), "-tls1_2", "-cipher", cipher, "-www"];
    let s = SServer::start(&[&base[..], &["-serverpref"]].concat());
    let r = probe(s.target(), &opts());
    let ep = endpoint(&r);
    assert_eq!(ep.server_preference.as_ref().unwrap().value, true);
    let want: Vec<String> = [
        "TLS_RSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(ordered(ep, Tls12), want, "server preference order");

    let s = SServer::start(&base);
    let ep2 = probe(s.target(), &opts()).endpoint.unwrap();
    assert_eq!(ep2.server_preference.as_ref().unwrap().value, false);
    assert_eq!(suites(&ep2)[&Tls12], want.iter().cloned().collect());
}

#[test]
fn client_certificate_required_tls12() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("srv", 2048, "sha256");
    let cipher = "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA";
    let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-CAfile", p(&c), "-Verify", "1", "-tls1_2", "-cipher", cipher]);
    let r = probe(s.target(), &opts());
    let ep = endpoint(&r);
    assert_eq!(ep.versions.value, vec![Tls12]);
    // A ServerHello choosing the suite counts, even though the handshake later needs a cert.
    assert_eq!(suites(ep)[&Tls12], openssl_suites("-tls1_2", cipher, false));
    assert_eq!(client_auth(ep), ClientAuth::Required, "{:?}", r.notes);
}

#[test]
fn client_certificate_required_tls13() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("srv", 2048, "sha256");
    let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-CAfile", p(&c), "-Verify", "1", "-tls1_3"]);
    let r = probe(s.target(), &opts());
    let ep = endpoint(&r);
    assert_eq!(ep.versions.value, vec![Tls13]);
    assert_eq!(client_auth(ep), ClientAuth::Required, "{:?}", r.notes);
    assert!(ep.client_auth.as_ref().unwrap().origin.evidence.contains("CertificateRequired"));
}

#[test]
fn client_certificate_optional_tls13_and_tls12() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("srv", 2048, "sha256");
    for version in ["-tls1_3", "-tls1_2"] {
        let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-CAfile", p(&c), "-verify", "1", version]);
        let r = probe(s.target(), &opts());
        let ep = endpoint(&r);
        assert_eq!(client_auth(ep), ClientAuth::Optional, "{version}: {:?}", r.notes);
    }
}

#[test]
fn rsa1024_sha1_certificate() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("weak", 1024, "sha1");
    let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-cipher", "DEFAULT:@SECLEVEL=0", "-www"]);
    let r = probe(s.target(), &opts());
    let f = leaf(endpoint(&r));
    assert_eq!((f.key_type.as_str(), f.key_bits), ("RSA", 1024));
    assert_eq!(f.signature, "sha1WithRSAEncryption");
    assert!(f.self_signed);
}

#[test]
fn expired_certificate_and_name_mismatch() {
    let pki = Pki::new();
    let (c, k) = pki.rcgen_ec("old", (2020, 1, 1), (2021, 1, 1));
    let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-www"]);
    let opts = ProbeOptions {
        sni: Some("portal.hospital.example".into()),
        ..opts()
    };
    let r = probe(s.target(), &opts);
    let ep = endpoint(&r);
    let f = leaf(ep);
    assert!(f.not_after < now(), "not_after {}", f.not_after);
    assert_eq!((f.key_type.as_str(), f.key_bits), ("EC", 256));
    assert_eq!(f.signature, "ecdsa-with-SHA256");
    assert_eq!(r.name_matches, Some(false));
    // ECDSA certificate: only ECDSA (and anonymous) suites can be chosen
    assert!(suites(ep)[&Tls12].iter().all(|s| s.contains("ECDSA") || s.contains("anon")), "{:?}", suites(ep));
}

#[test]
fn https_port_is_http_service_and_refused_port_is_an_error() {
    // Port probing needs no server: a closed loopback port is refused.
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    let r = probe(kensa::probe::Target::parse(&format!("127.0.0.1:{port}")).unwrap(), &opts());
    assert!(r.endpoint.is_none());
    assert_eq!(r.error.as_ref().map(|e| e.to_string()).as_deref(), Some("connection refused"));
    assert_eq!(kensa::probe::Target::parse("127.0.0.1:8443").unwrap().service(), TlsService::Http);
}

#[test]
fn ipv6_literal_and_host_name_targets() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("srv", 2048, "sha256");
    let s6 = SServer::start_on("[::1]:0", &["-cert", p(&c), "-key", p(&k), "-www"]);
    let t = kensa::probe::Target::parse(&format!("[::1]:{}", s6.port)).unwrap();
    let r = probe(t, &opts());
    assert_eq!(r.target, format!("[::1]:{}", s6.port));
    let ep = endpoint(&r);
    assert!(ep.enables(Tls12) && ep.enables(Tls13));
    assert_eq!(r.name_matches, Some(false), "certificate names 127.0.0.1, not ::1");

    // a name: resolved (localhost may give ::1 first; the refused address gives way), SNI sent
    let s4 = SServer::start(&["-cert", p(&c), "-key", p(&k), "-www"]);
    let t = kensa::probe::Target::parse(&format!("localhost:{}", s4.port)).unwrap();
    let r = probe(t, &opts());
    assert!(endpoint(&r).enables(Tls13), "{:?}", r.error);
    assert_eq!(r.name_matches, Some(true));
}

/// Connections per endpoint: accepted suites + versions + groups is the floor any
/// enumeration needs; the probe stays within 1.25 times it on the benchmark's lab servers,
/// client-certificate checks and certificate chains included (issue 20, "Speed").
fn floor(ep: &kensa::model::TlsEndpoint) -> u32 {
    let suites: usize = ep.cipher_suites.iter().map(|(_, s)| s.value.len()).sum();
    let groups = ep.groups.as_ref().map_or(0, |g| g.value.len());
    (suites + ep.versions.value.len() + groups) as u32
}

#[test]
fn tls13_only_lab_server_within_a_quarter_of_the_floor() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("srv", 2048, "sha256");
    let list = "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256";
    // benches/compare-probe.sh's tls13-only: OpenSSL's default groups (ten in 3.0).
    for order in [&[][..], &["-serverpref"][..]] {
        let s = SServer::start(&[&["-cert", p(&c), "-key", p(&k), "-tls1_3", "-ciphersuites", list, "-www"][..], order].concat());
        let r = probe(s.target(), &opts());
        let ep = endpoint(&r);
        assert_eq!(suites(ep), BTreeMap::from([(Tls13, tls13_suites(list))]));
        assert_eq!(ep.server_preference.as_ref().unwrap().value, !order.is_empty());
        let groups: Vec<&str> = ep.groups.as_ref().unwrap().value.iter().map(|g| &*g.name).collect();
        assert!(groups.len() >= 5 && groups[..2] == ["x25519", "secp256r1"], "{groups:?}");
        let floor = floor(ep);
        assert!(r.handshakes * 4 <= floor * 5, "{order:?}: {} connections for a floor of {floor}", r.handshakes);
        // the joint elimination (groups + 1: the refusal that ends the groups; a server
        // choosing by its own order + 1 more: its refusal that ends the suites), the TLS 1.2
        // refusal, rustls; the second-key check (ECDSA only) rode on the elimination's
        // HelloRetryRequest for secp521r1, one of OpenSSL's default groups, and was refused
        assert!(groups.contains(&"secp521r1"), "{groups:?}");
        assert_eq!(r.handshakes, groups.len() as u32 + 1 + order.len() as u32 + 2, "{order:?}");
        assert_eq!(ep.chains.len(), 1, "{order:?}");
    }
}

#[test]
fn cbc_only_client_auth_lab_server_within_a_quarter_of_the_floor() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("srv", 2048, "sha256");
    let cipher = "ECDHE-RSA-AES128-SHA:AES256-SHA256";
    for flags in [&["-Verify", "1", "-verify_return_error"][..], &["-Verify", "1"][..]] {
        let s = SServer::start(
            &[
                &["-cert", p(&c), "-key", p(&k), "-CAfile", p(&c), "-tls1_2", "-cipher", cipher, "-www"][..],
                flags,
            ]
            .concat(),
        );
        let r = probe(s.target(), &opts());
        let ep = endpoint(&r);
        assert_eq!(suites(ep), BTreeMap::from([(Tls12, openssl_suites("-tls1_2", cipher, false))]));
        assert_eq!(client_auth(ep), ClientAuth::Required, "{:?}", r.notes);
        let foreign = ep.accepts_foreign_client_cert.as_ref().map(|s| s.value);
        assert_eq!(foreign, Some(flags.len() == 2), "{flags:?} {:?}", r.notes);
        assert_eq!(ep.server_preference.as_ref().unwrap().value, false);
        let floor = floor(ep);
        assert!(r.handshakes * 4 <= floor * 5, "{flags:?}: {} connections for a floor of {floor}", r.handshakes);
        // TLS 1.3 refused, 2 suites + the hello that ends them and tells the order, TLS 1.1
        // refused (deciding 1.0 and SSL 3.0), the curves after the first (+1); both
        // client-certificate verdicts ride on suite-enumeration connections
        let curves = ep.groups.as_ref().unwrap().value.len() as u32;
        assert_eq!(r.handshakes, 1 + 3 + 1 + curves, "{flags:?}");
    }
}

/// benches/compare-probe.sh's p521-only-client-cert: TLS 1.3 with secp521r1 as the only
/// group (rustls has no P-521, kensa's own TLS 1.3 handshake completes it) and a client
/// certificate asked for. Both client-certificate handshakes answer HelloRetryRequests of
/// the enumeration on its own connections, and so do the second-certificate checks (a
/// second ClientHello offering only ECDSA, then only RSA schemes, on the HelloRetryRequests
/// no client-certificate handshake rides); what is left above the floor of 5 is the
/// refusal that ends the groups (a single-group server cannot fold it into a pick).
#[test]
fn p521_only_client_auth_lab_server_rides_the_enumeration() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("srv", 2048, "sha256");
    let list = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";
    let base = [
        "-cert",
        p(&c),
        "-key",
        p(&k),
        "-CAfile",
        p(&c),
        "-tls1_3",
        "-groups",
        "P-521",
        "-ciphersuites",
        list,
        "-www",
    ];
    for flags in [&["-Verify", "1", "-verify_return_error"][..], &["-Verify", "1"][..]] {
        let s = SServer::start(&[&base[..], flags].concat());
        let r = probe(s.target(), &opts());
        let ep = endpoint(&r);
        assert_eq!(suites(ep), BTreeMap::from([(Tls13, tls13_suites(list))]));
        let groups: Vec<&str> = ep.groups.as_ref().unwrap().value.iter().map(|g| &*g.name).collect();
        assert_eq!(groups, ["secp521r1"]);
        assert_eq!(ep.server_preference.as_ref().unwrap().value, false);
        assert_eq!(client_auth(ep), ClientAuth::Required, "{:?}", r.notes);
        let ev = &ep.client_auth.as_ref().unwrap().origin.evidence;
        assert!(ev.starts_with("TLS1.3 with secp521r1 (kensa's own handshake): CertificateRequest"), "{ev}");
        let foreign = ep.accepts_foreign_client_cert.as_ref().map(|s| s.value);
        assert_eq!(foreign, Some(flags.len() == 2), "{flags:?} {:?}", r.notes);
        assert_eq!(ep.chains.len(), 1, "one certificate: the ECDSA-only handshake finds none");
        assert!(!r.notes.iter().any(|n| n.contains("second-certificate")), "{:?}", r.notes);
        assert_eq!(floor(ep), 5);
        // TLS 1.3: the first pick (the ECDSA-only second ClientHello on its connection,
        // refused with handshake_failure), a refusal of the other suites with the other
        // groups, the other suites and groups again with the known ones after them (a new
        // suite: the groups had run out; the RSA-only second ClientHello), the third suite
        // (no certificate), the hello that ends the suites and tells the order (the
        // throwaway certificate); the TLS 1.2 refusal. 6 for 5: 1.2x.
        assert_eq!(r.handshakes, 5 + 1, "{flags:?} {:?}", r.notes);
        assert!(r.handshakes * 4 <= floor(ep) * 5);
    }
}
