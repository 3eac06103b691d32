//! Client certificates and HSTS measured on real servers on 127.0.0.1 (issue 20): nginx
//! `ssl_verify_client on` / `optional` / `optional_no_ca`, `openssl s_server -Verify 1` with
//! and without `-verify_return_error`, CBC-only TLS 1.2 and P-521-only TLS 1.3 servers (s_server
//! and nginx, judged above TLS over HTTPS), and an X448-only one that stays unknown.
//! Expected verdicts come from the servers' documented behaviour (and
//! /work/shared/references/tls-peers.md, measured with s_client), never from kensa.

use crate::probe_support;

use kensa::model::{ClientAuth, TlsEndpoint};
use probe_support::nginx::Nginx;
use probe_support::*;
use std::path::PathBuf;

/// A self-signed RSA certificate whose subject names a hospital CA: it serves as the
/// server certificate and as the CA the server verifies clients against.
fn hospital_ca(pki: &Pki) -> (PathBuf, PathBuf) {
    pki.openssl_rsa_subject("ca", 2048, "sha256", "/CN=localhost/O=Kensa Test Hospital")
}

const CA_NAME: &str = "CN=localhost, O=Kensa Test Hospital";

fn rules(ep: &TlsEndpoint) -> Vec<&'static str> {
    rules_on(ep)
}

fn evidence(ep: &TlsEndpoint) -> String {
    ep.client_auth.as_ref().unwrap().origin.evidence.to_string()
}

fn foreign(ep: &TlsEndpoint) -> Option<bool> {
    ep.accepts_foreign_client_cert.as_ref().map(|s| s.value)
}

fn ca_names(ep: &TlsEndpoint) -> Vec<String> {
    ep.client_ca_names.as_ref().expect("CertificateRequest seen").value.clone()
}

fn nginx(ca: &(PathBuf, PathBuf), verify: &str, extra: &str) -> Nginx {
    Nginx::start(&format!(
        "ssl_certificate {};\n    ssl_certificate_key {};\n    ssl_client_certificate {};\n    ssl_verify_client {verify};\n    {extra}",
        p(&ca.0),
        p(&ca.1),
        p(&ca.0)
    ))
}

fn nginx_without_client_auth(ca: &(PathBuf, PathBuf), extra: &str) -> Nginx {
    Nginx::start(&format!("ssl_certificate {};\n    ssl_certificate_key {};\n    {extra}", p(&ca.0), p(&ca.1)))
}

#[test]
fn nginx_verify_client_on_is_required_by_its_http_answer() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    // TLS 1.3: the handshake completes without a certificate; nginx refuses the request.
    for protocols in ["ssl_protocols TLSv1.3;", "ssl_protocols TLSv1.2;"] {
        let n = nginx(&ca, "on", protocols);
        let r = probe(n.target("https://"), &opts());
        let ep = endpoint(&r);
        assert_eq!(client_auth(ep), ClientAuth::Required, "{protocols} {:?} {}", r.notes, n.stderr());
        let ev = evidence(ep);
        assert!(ev.contains("HTTP 400") && ev.contains("No required SSL certificate was sent"), "{ev}");
        assert_eq!(ca_names(ep), vec![CA_NAME.to_string()]);
        // the self-signed certificate is refused too ("The SSL certificate error")
        assert_eq!(foreign(ep), Some(false), "{:?}", r.notes);
        assert!(ep.accepts_foreign_client_cert.as_ref().unwrap().origin.evidence.contains("HTTP 400"));
        // the only answer was a refusal: HSTS is not judged from it, and says so
        assert!(ep.hsts.is_none());
        assert!(r.notes.iter().any(|n| n.starts_with("HSTS not judged")), "{:?}", r.notes);
        let found = rules(ep);
        assert!(
            !found.contains(&"TLS008") && !found.contains(&"TLS009") && !found.contains(&"TLS010"),
            "{found:?}"
        );
    }
}

#[test]
fn nginx_optional_lets_clients_without_certificate_in_but_refuses_foreign_ones() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let n = nginx(
        &ca,
        "optional",
        "ssl_protocols TLSv1.3;\n    add_header Strict-Transport-Security \"max-age=63072000; includeSubDomains\" always;",
    );
    let r = probe(n.target("https://"), &opts());
    let ep = endpoint(&r);
    assert_eq!(client_auth(ep), ClientAuth::Optional, "{:?}", r.notes);
    assert!(evidence(ep).contains("HTTP 200"), "{}", evidence(ep));
    assert_eq!(foreign(ep), Some(false), "{:?}", r.notes);
    // HSTS present and long enough: no TLS018
    let hsts = ep.hsts.as_ref().expect("HSTS judged").value.clone().expect("header sent");
    assert_eq!((hsts.max_age, hsts.include_subdomains), (63_072_000, true));
    let found = rules(ep);
    assert!(found.contains(&"TLS008"), "{found:?}");
    assert!(!found.contains(&"TLS009") && !found.contains(&"TLS018"), "{found:?}");
}

#[test]
fn nginx_optional_no_ca_accepts_any_certificate_and_no_hsts_is_reported() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let n = nginx(&ca, "optional_no_ca", "");
    let r = probe(n.target("https://"), &opts());
    let ep = endpoint(&r);
    assert_eq!(client_auth(ep), ClientAuth::Optional, "{:?}", r.notes);
    assert_eq!(foreign(ep), Some(true), "{:?}", r.notes);
    let ev = &ep.accepts_foreign_client_cert.as_ref().unwrap().origin.evidence;
    assert!(ev.contains("self-signed client certificate") && ev.contains("HTTP 200"), "{ev}");
    // no Strict-Transport-Security header at all
    assert_eq!(ep.hsts.as_ref().expect("HSTS judged").value, None);
    let found = rules(ep);
    for code in ["TLS008", "TLS009", "TLS018"] {
        assert!(found.contains(&code), "{code} missing from {found:?}");
    }
}

#[test]
fn s_server_verify_without_return_error_accepts_a_self_signed_certificate() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let base = ["-cert", p(&ca.0), "-key", p(&ca.1), "-CAfile", p(&ca.0), "-Verify", "1"];
    for version in ["-tls1_3", "-tls1_2"] {
        let s = SServer::start(&[&base[..], &[version]].concat());
        let r = probe(s.target(), &opts());
        let ep = endpoint(&r);
        assert_eq!(client_auth(ep), ClientAuth::Required, "{version} {:?}", r.notes);
        assert!(evidence(ep).contains("alert"), "{}", evidence(ep));
        assert_eq!(ca_names(ep), vec![CA_NAME.to_string()], "{version}");
        assert_eq!(foreign(ep), Some(true), "{version} {:?}", r.notes);
        assert!(rules(ep).contains(&"TLS009"), "{version}");

        let s = SServer::start(&[&base[..], &[version, "-verify_return_error"]].concat());
        let r = probe(s.target(), &opts());
        let ep = endpoint(&r);
        assert_eq!(client_auth(ep), ClientAuth::Required, "{version} {:?}", r.notes);
        assert_eq!(foreign(ep), Some(false), "{version} {:?}", r.notes);
        let found = rules(ep);
        assert!(!found.contains(&"TLS009") && !found.contains(&"TLS008"), "{version} {found:?}");
    }
}

#[test]
fn cbc_only_tls12_server_is_decided_by_the_raw_engine() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let base = ["-cert", p(&ca.0), "-key", p(&ca.1), "-CAfile", p(&ca.0), "-tls1_2"];
    let cbc = ["-cipher", "ECDHE-RSA-AES128-SHA:AES256-SHA256"];
    let cases = [
        (vec!["-Verify", "1", "-verify_return_error"], ClientAuth::Required, Some(false)),
        (vec!["-Verify", "1"], ClientAuth::Required, Some(true)),
        (vec!["-verify", "1"], ClientAuth::Optional, Some(true)),
    ];
    for (flags, want, want_foreign) in cases {
        let s = SServer::start(&[&base[..], &cbc[..], &flags[..]].concat());
        let r = probe(s.target(), &opts());
        let ep = endpoint(&r);
        assert_eq!(client_auth(ep), want, "{flags:?} {:?}", r.notes);
        assert_eq!(ca_names(ep), vec![CA_NAME.to_string()]);
        assert_eq!(foreign(ep), want_foreign, "{flags:?} {:?}", r.notes);
        assert!(r.notes.iter().any(|n| n.contains("cannot complete (CBC")), "{:?}", r.notes);
    }

    // Over HTTPS the TLS layer's "let in" is not the whole answer: kensa's own TLS 1.2
    // handshake goes on to the HTTP answer (s_server -www answers 200), with the records
    // encrypt-then-MAC (RFC 7366, OpenSSL's default when offered) and MAC-then-encrypt.
    for mac_order in [&[][..], &["-no_etm"]] {
        let s = SServer::start(&[&base[..], &cbc[..], &["-verify", "1", "-www"], mac_order].concat());
        let t = kensa::probe::Target::parse(&format!("https://127.0.0.1:{}", s.port)).unwrap();
        let r = probe(t, &opts());
        let ep = endpoint(&r);
        assert_eq!(client_auth(ep), ClientAuth::Optional, "{mac_order:?} {:?}", r.notes);
        let ev = evidence(ep);
        assert!(
            ev.starts_with("TLS1.2 with TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (kensa's own handshake): CertificateRequest"),
            "{ev}"
        );
        assert!(ev.contains("then HTTP 200"), "{ev}");
        assert_eq!(foreign(ep), Some(true), "{mac_order:?} {:?}", r.notes);
        let found = rules(ep);
        assert!(
            found.contains(&"TLS008") && found.contains(&"TLS009") && !found.contains(&"TLS010"),
            "{found:?}"
        );
        assert_eq!(ep.hsts.as_ref().expect("HSTS judged").value, None);
    }
}

/// nginx with TLS 1.2 and only CBC suites (one ECDHE, one static RSA): rustls cannot
/// handshake, kensa's own TLS 1.2 handshake does, up to nginx's HTTP answer, which is where
/// `ssl_verify_client on` refuses a client without a certificate (HTTP 400).
#[test]
fn nginx_cbc_only_tls12_is_judged_above_tls_by_kensas_own_handshake() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let cbc = "ssl_protocols TLSv1.2;\n    ssl_ciphers ECDHE-RSA-AES128-SHA:AES256-SHA;";
    let hsts = "add_header Strict-Transport-Security \"max-age=31536000\" always;";
    // The second `on` turns off the extended master secret (RFC 7627), encrypt-then-MAC and
    // session tickets, which the first has: the handshake's other paths.
    let plain = "ssl_conf_command Options -ExtendedMasterSecret;\n    ssl_conf_command Options -EncryptThenMac;\n    ssl_session_tickets off;";
    let cases = [
        ("on", "", ClientAuth::Required, Some(false), "No required SSL certificate was sent"),
        ("on", plain, ClientAuth::Required, Some(false), "No required SSL certificate was sent"),
        ("optional", "", ClientAuth::Optional, Some(false), "HTTP 200"),
        ("optional_no_ca", "", ClientAuth::Optional, Some(true), "HTTP 200"),
    ];
    for (verify, extra, want, want_foreign, answer) in cases {
        let n = nginx(&ca, verify, &format!("{cbc}\n    {hsts}\n    {extra}"));
        let r = probe(n.target("https://"), &opts());
        let ep = endpoint(&r);
        let tls12: Vec<String> = ordered(ep, kensa::model::TlsVersion::Tls12);
        assert_eq!(tls12.len(), 2, "{tls12:?}");
        // The handshakes ride on the enumeration's connections: within a quarter of the
        // floor (accepted suites + versions + groups), as the raw drive was.
        let floor = tls12.len() + 1 + ep.groups.as_ref().unwrap().value.len();
        assert!(r.handshakes as usize * 4 <= floor * 5, "{} connections for a floor of {floor}", r.handshakes);
        assert_eq!(client_auth(ep), want, "{verify} {:?} {}", r.notes, n.stderr());
        let ev = evidence(ep);
        assert!(
            ev.starts_with("TLS1.2 with TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (kensa's own handshake): CertificateRequest"),
            "{verify}: {ev}"
        );
        assert!(ev.contains(answer), "{verify}: {ev}");
        assert_eq!(ca_names(ep), vec![CA_NAME.to_string()], "{verify}");
        assert_eq!(foreign(ep), want_foreign, "{verify} {:?}", r.notes);
        let foreign_ev = &ep.accepts_foreign_client_cert.as_ref().unwrap().origin.evidence;
        assert!(
            foreign_ev.contains("kensa's own handshake") && foreign_ev.contains("HTTP"),
            "{verify}: {foreign_ev}"
        );
        let found = rules(ep);
        assert!(!found.contains(&"TLS010") && !found.contains(&"TLS015"), "{verify} {found:?}");
        assert_eq!(found.contains(&"TLS008"), want == ClientAuth::Optional, "{verify} {found:?}");
        assert_eq!(found.contains(&"TLS009"), want_foreign == Some(true), "{verify} {found:?}");
        // HSTS from the answer the service gave (not from a refusal).
        if want == ClientAuth::Required {
            assert!(ep.hsts.is_none() && r.notes.iter().any(|n| n.starts_with("HSTS not judged")), "{:?}", r.notes);
        } else {
            let h = ep.hsts.as_ref().expect("HSTS judged").value.clone().expect("header sent");
            assert_eq!(h.max_age, 31_536_000, "{verify}");
            assert!(!found.contains(&"TLS018"), "{verify} {found:?}");
        }
    }

    // No client certificate asked: the handshake still reads the answer, so HSTS is judged.
    let n = nginx_without_client_auth(&ca, cbc);
    let r = probe(n.target("https://"), &opts());
    let ep = endpoint(&r);
    assert_eq!(client_auth(ep), ClientAuth::None, "{:?}", r.notes);
    assert!(evidence(ep).contains("without a CertificateRequest, then HTTP 200"), "{}", evidence(ep));
    assert_eq!(ep.hsts.as_ref().expect("HSTS judged").value, None);
    assert!(rules(ep).contains(&"TLS018"));
}

/// The RFC 7919 ffdhe2048 group as a DH parameters file for nginx (`ssl_dhparam`: without
/// one nginx 1.11+ turns DHE off), written by the openssl CLI.
fn ffdhe2048(pki: &Pki) -> PathBuf {
    let path = pki.path("ffdhe2048.pem");
    let st = std::process::Command::new("openssl")
        .args(["genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out"])
        .arg(&path)
        .status()
        .unwrap();
    assert!(st.success());
    path
}

/// nginx with TLS 1.2 and only DHE or static RSA suites, AES-GCM and AES-CBC: rustls can
/// do none of them, kensa's own TLS 1.2 handshake (finite-field DHE, the premaster secret
/// encrypted to the certificate's RSA key) reaches nginx's HTTP answer, where
/// `ssl_verify_client on` refuses a client without a certificate (HTTP 400) and HSTS is read.
#[test]
fn nginx_dhe_and_static_rsa_only_tls12_is_judged_above_tls_by_kensas_own_handshake() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let dh = ffdhe2048(&pki);
    let hsts = "add_header Strict-Transport-Security \"max-age=31536000\" always;";
    // The server's order decides which suite carries the first handshake (its evidence).
    let sets = [
        ("DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
        ("DHE-RSA-AES256-SHA:DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
        ("AES128-SHA256:AES256-GCM-SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA256"),
        ("AES128-GCM-SHA256:AES256-SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
    ];
    let tls12 = |ciphers: &str| {
        format!(
            "ssl_protocols TLSv1.2;\n    ssl_ciphers {ciphers};\n    ssl_prefer_server_ciphers on;\n    ssl_dhparam {};\n    {hsts}",
            p(&dh)
        )
    };
    for (ciphers, first) in sets {
        for (verify, want, want_foreign, answer) in [
            ("on", ClientAuth::Required, Some(false), "No required SSL certificate was sent"),
            ("optional_no_ca", ClientAuth::Optional, Some(true), "HTTP 200"),
        ] {
            let n = nginx(&ca, verify, &tls12(ciphers));
            let r = probe(n.target("https://"), &opts());
            let ep = endpoint(&r);
            assert_eq!(ordered(ep, kensa::model::TlsVersion::Tls12).len(), 2, "{ciphers}");
            assert_eq!(client_auth(ep), want, "{ciphers} {verify} {:?} {}", r.notes, n.stderr());
            let ev = evidence(ep);
            assert!(
                ev.starts_with(&format!("TLS1.2 with {first} (kensa's own handshake): CertificateRequest")),
                "{ciphers} {verify}: {ev}"
            );
            assert!(ev.contains(answer), "{ciphers} {verify}: {ev}");
            assert_eq!(ca_names(ep), vec![CA_NAME.to_string()], "{ciphers}");
            assert_eq!(foreign(ep), want_foreign, "{ciphers} {verify} {:?}", r.notes);
            let foreign_ev = &ep.accepts_foreign_client_cert.as_ref().unwrap().origin.evidence;
            assert!(foreign_ev.contains("kensa's own handshake") && foreign_ev.contains("HTTP"), "{foreign_ev}");
            let found = rules(ep);
            assert!(!found.contains(&"TLS010") && !found.contains(&"TLS015"), "{ciphers} {verify} {found:?}");
            assert_eq!(found.contains(&"TLS009"), want_foreign == Some(true), "{ciphers} {verify} {found:?}");
            if want == ClientAuth::Required {
                assert!(ep.hsts.is_none(), "{ciphers}: HSTS judged from a refusal");
            } else {
                let h = ep.hsts.as_ref().expect("HSTS judged").value.clone().expect("header sent");
                assert_eq!(h.max_age, 31_536_000, "{ciphers}");
                assert!(!found.contains(&"TLS018"), "{ciphers} {found:?}");
            }
        }
    }

    // No client certificate asked and no HSTS header: the answer is read, TLS018 fires.
    for (ciphers, _) in sets {
        let n = nginx_without_client_auth(&ca, &format!("ssl_protocols TLSv1.2;\n    ssl_ciphers {ciphers};\n    ssl_dhparam {};", p(&dh)));
        let r = probe(n.target("https://"), &opts());
        let ep = endpoint(&r);
        assert_eq!(client_auth(ep), ClientAuth::None, "{ciphers} {:?}", r.notes);
        assert!(evidence(ep).contains("without a CertificateRequest, then HTTP 200"), "{}", evidence(ep));
        assert_eq!(ep.hsts.as_ref().expect("HSTS judged").value, None, "{ciphers}");
        assert!(rules(ep).contains(&"TLS018"), "{ciphers}");
    }
}

/// The subject of each presented chain's leaf.
fn leaf_subjects(ep: &TlsEndpoint) -> Vec<String> {
    ep.chains
        .iter()
        .map(|c| match &c.certificates[0].state {
            kensa::model::CertificateState::Loaded(f) => f.subject.clone(),
            other => panic!("leaf not read: {other:?}"),
        })
        .collect()
}

/// TLS 1.3 with secp521r1 as the only group: rustls has no P-521 key exchange, so kensa's
/// own TLS 1.3 handshake reaches the CertificateRequest, the chain and the server's verdict.
#[test]
fn p521_only_tls13_server_is_decided_by_kensas_own_handshake() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let base = ["-cert", p(&ca.0), "-key", p(&ca.1), "-CAfile", p(&ca.0), "-tls1_3", "-groups", "P-521"];
    let cases = [
        (vec!["-Verify", "1", "-verify_return_error"], ClientAuth::Required, Some(false)),
        (vec!["-Verify", "1"], ClientAuth::Required, Some(true)),
        (vec!["-verify", "1"], ClientAuth::Optional, Some(true)),
    ];
    for (flags, want, want_foreign) in cases {
        let s = SServer::start(&[&base[..], &flags[..]].concat());
        let r = probe(s.target(), &opts());
        let ep = endpoint(&r);
        let groups: Vec<String> = ep.groups.as_ref().unwrap().value.iter().map(|g| g.name.to_string()).collect();
        assert_eq!(groups, ["secp521r1"], "{flags:?}");
        assert_eq!(client_auth(ep), want, "{flags:?} {:?}", r.notes);
        let ev = evidence(ep);
        assert!(ev.starts_with("TLS1.3 with secp521r1 (kensa's own handshake): CertificateRequest"), "{ev}");
        if want == ClientAuth::Required {
            assert!(ev.contains("alert CertificateRequired"), "{ev}");
        } else {
            assert!(ev.contains("then NewSessionTicket"), "{ev}");
        }
        assert_eq!(ca_names(ep), vec![CA_NAME.to_string()], "{flags:?}");
        assert_eq!(foreign(ep), want_foreign, "{flags:?} {:?}", r.notes);
        // The chain was read from the same encrypted flight: no TLS015 "not checked".
        assert_eq!(leaf_subjects(ep), vec![CA_NAME.to_string()], "{flags:?}");
        let found = rules(ep);
        assert!(!found.contains(&"TLS010") && !found.contains(&"TLS015"), "{flags:?} {found:?}");
        assert_eq!(found.contains(&"TLS009"), want_foreign == Some(true), "{flags:?} {found:?}");
        assert_eq!(found.contains(&"TLS008"), want == ClientAuth::Optional, "{flags:?} {found:?}");
    }

    // An SNI that rustls refuses as a server name is sent as it is by kensa's own handshake.
    let s = SServer::start(&[&base[..], &["-Verify", "1", "-verify_return_error"]].concat());
    let odd = kensa::probe::ProbeOptions {
        sni: Some("records..hospital.example".into()),
        ..opts()
    };
    let r = probe(s.target(), &odd);
    assert_eq!(client_auth(endpoint(&r)), ClientAuth::Required, "{:?}", r.notes);

    // No client certificate asked, over HTTPS: the answer to GET / is read (HSTS judged).
    let s = SServer::start(&[&base[..4], &base[6..], &["-www"]].concat());
    let t = kensa::probe::Target::parse(&format!("https://127.0.0.1:{}", s.port)).unwrap();
    let r = probe(t, &opts());
    let ep = endpoint(&r);
    assert_eq!(client_auth(ep), ClientAuth::None, "{:?}", r.notes);
    assert!(evidence(ep).contains("without a CertificateRequest, then HTTP 200"), "{}", evidence(ep));
    assert_eq!(ep.hsts.as_ref().expect("HSTS judged").value, None);
    let found = rules(ep);
    assert!(
        found.contains(&"TLS007") && found.contains(&"TLS018") && !found.contains(&"TLS015"),
        "{found:?}"
    );
}

/// nginx with `ssl_ecdh_curve secp521r1` and TLS 1.3 only: `ssl_verify_client on` lets the
/// handshake complete and refuses the request (HTTP 400), `optional_no_ca` lets anything in.
#[test]
fn nginx_p521_only_tls13_is_judged_by_its_http_answer() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let only = "ssl_protocols TLSv1.3;\n    ssl_ecdh_curve secp521r1;";
    let n = nginx(&ca, "on", only);
    let r = probe(n.target("https://"), &opts());
    let ep = endpoint(&r);
    assert_eq!(client_auth(ep), ClientAuth::Required, "{:?} {}", r.notes, n.stderr());
    let ev = evidence(ep);
    assert!(
        ev.contains("kensa's own handshake") && ev.contains("HTTP 400") && ev.contains("No required SSL certificate was sent"),
        "{ev}"
    );
    assert_eq!(ca_names(ep), vec![CA_NAME.to_string()]);
    assert_eq!(foreign(ep), Some(false), "{:?}", r.notes);
    assert_eq!(leaf_subjects(ep), vec![CA_NAME.to_string()]);
    let found = rules(ep);
    for code in ["TLS008", "TLS009", "TLS010", "TLS015"] {
        assert!(!found.contains(&code), "{code} in {found:?}");
    }

    let n = nginx(&ca, "optional_no_ca", only);
    let r = probe(n.target("https://"), &opts());
    let ep = endpoint(&r);
    assert_eq!(client_auth(ep), ClientAuth::Optional, "{:?}", r.notes);
    assert_eq!(foreign(ep), Some(true), "{:?}", r.notes);
    assert!(ep.accepts_foreign_client_cert.as_ref().unwrap().origin.evidence.contains("HTTP 200"));
    let found = rules(ep);
    assert!(found.contains(&"TLS008") && found.contains(&"TLS009"), "{found:?}");
}

/// What kensa still cannot complete stays "unknown", a finding: TLS 1.3 whose only group is
/// X448 (neither rustls nor kensa's own handshake does it).
#[test]
fn x448_only_tls13_server_is_unknown_with_the_reason() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let s = SServer::start(&[
        "-cert",
        p(&ca.0),
        "-key",
        p(&ca.1),
        "-CAfile",
        p(&ca.0),
        "-Verify",
        "1",
        "-tls1_3",
        "-groups",
        "X448",
    ]);
    let r = probe(s.target(), &opts());
    let ep = endpoint(&r);
    assert_eq!(client_auth(ep), ClientAuth::Unknown, "{:?}", r.notes);
    assert!(evidence(ep).contains("x448"), "{}", evidence(ep));
    let found = rules(ep);
    assert!(
        found.contains(&"TLS010") && found.contains(&"TLS015"),
        "unknown is a finding, never a pass: {found:?}"
    );
}

#[test]
fn no_client_certificate_asked_over_https_reads_hsts() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let n = nginx_without_client_auth(&ca, "add_header Strict-Transport-Security \"max-age=600\";");
    let r = probe(n.target("https://"), &opts());
    let ep = endpoint(&r);
    assert_eq!(client_auth(ep), ClientAuth::None, "{:?}", r.notes);
    assert!(ep.client_ca_names.is_none() && ep.accepts_foreign_client_cert.is_none());
    let hsts = ep.hsts.as_ref().expect("HSTS judged");
    assert_eq!(hsts.value.as_ref().map(|h| h.max_age), Some(600));
    assert!(
        hsts.origin.evidence.contains("Strict-Transport-Security: max-age=600"),
        "{}",
        hsts.origin.evidence
    );
    let found = rules(ep);
    assert!(found.contains(&"TLS007") && found.contains(&"TLS018"), "{found:?}");
}

#[test]
fn a_server_that_answers_only_with_sni_suggests_try_sni() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let named = format!(
        "  server {{ listen 127.0.0.1:PORT ssl; server_name localhost; ssl_certificate {}; ssl_certificate_key {}; }}\n",
        p(&ca.0),
        p(&ca.1)
    );
    let n = Nginx::start_with("ssl_reject_handshake on;", &named);
    let r = probe(n.target(""), &opts());
    assert!(r.endpoint.is_none() && r.try_sni, "{r:?}");
    assert!(r.error.as_ref().unwrap().to_string().contains("try --sni NAME"), "{:?}", r.error);
    let with_name = kensa::probe::ProbeOptions {
        sni: Some("localhost".into()),
        ..opts()
    };
    let r = probe(n.target(""), &with_name);
    assert!(endpoint(&r).enables(kensa::model::TlsVersion::Tls12) && !r.try_sni);

    for (lang, hint) in [("en", "try --sni NAME"), ("ja", "--sni 名前 を試してください")] {
        let out = kensa_probe(&[&format!("127.0.0.1:{}", n.port), "--lang", lang]);
        assert!(out.contains(hint), "{lang}: {out}");
    }
}

/// `kensa probe ARGS --color never` in the terminal format.
fn kensa_probe(args: &[&str]) -> String {
    let out = assert_cmd::Command::cargo_bin("kensa")
        .unwrap()
        .env_remove("LANG")
        .arg("probe")
        .args(args)
        .args(["--color", "never", "--timeout-ms", "3000"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_terminal_shows_the_measurement_before_the_findings_in_both_languages() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let n = nginx(
        &ca,
        "on",
        "ssl_protocols TLSv1.3;\n    ssl_conf_command Ciphersuites TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256;\n    ssl_prefer_server_ciphers on;",
    );
    let target = format!("https://127.0.0.1:{}", n.port);
    let en = kensa_probe(&[&target, "--lang", "en"]);
    let measured = [
        "versions           TLS1.3",
        "TLS1.3             TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256 (server's order)",
        "client cert        required: decided by the HTTP answer",
        "HTTP 400 Bad Request (\"No required SSL certificate was sent\")",
        &format!("CA names: {CA_NAME}"),
        "self-signed certificate: refused",
        "certificate        CN=localhost, O=Kensa Test Hospital, RSA 2048, sha256WithRSAEncryption, until ",
        "HSTS               not judged (the request without a certificate was refused",
    ];
    for m in measured {
        assert!(en.contains(m), "missing {m:?} in\n{en}");
    }
    let first_finding = en.find("[TLS").expect("findings");
    assert!(en.find("client cert").unwrap() < first_finding, "{en}");
    assert!(en.lines().next().unwrap().contains(" handshakes, "), "{en}");

    let ja = kensa_probe(&[&target, "--lang", "ja"]);
    for m in [
        "バージョン         TLS1.3",
        "クライアント証明書 必須: HTTP の応答で判定",
        "要求された CA: CN=localhost",
        "自己署名証明書: 拒否した",
        "、自己署名",
        "HSTS               判定せず",
    ] {
        assert!(ja.contains(m), "missing {m:?} in\n{ja}");
    }
    assert!(ja.lines().next().unwrap().contains("ハンドシェイク"), "{ja}");
}

#[test]
fn probe_json_carries_the_client_certificate_facts_and_matches_the_schema() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    let n = nginx(&ca, "optional_no_ca", "add_header Strict-Transport-Security \"max-age=300\";");
    let out = assert_cmd::Command::cargo_bin("kensa")
        .unwrap()
        .env_remove("LANG")
        .args([
            "probe",
            &format!("https://127.0.0.1:{}", n.port),
            "--output-format",
            "json",
            "--timeout-ms",
            "3000",
        ])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ep = &doc["endpoints"][0];
    assert_eq!(ep["client_auth"], "optional");
    assert_eq!(ep["client_ca_names"], serde_json::json!([CA_NAME]));
    assert_eq!(ep["accepts_foreign_client_cert"], true);
    assert_eq!(ep["hsts"], serde_json::json!({"max_age": 300, "include_subdomains": false}));
    assert!(ep["client_auth_evidence"].as_str().unwrap().contains("HTTP 200"));
    let rules: Vec<&str> = doc["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"TLS009") && rules.contains(&"TLS018"), "{rules:?}");

    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/kensa-v1.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::draft7::options().should_validate_formats(true).build(&schema).unwrap();
    let errs: Vec<String> = validator.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errs.is_empty(), "{errs:?}");
    let mut bad = doc.clone();
    bad["endpoints"][0]["hsts"] = serde_json::json!({"max_age": "300"});
    assert!(!validator.is_valid(&bad));
}

#[test]
fn hsts_is_not_judged_from_an_error_answer_without_the_header() {
    let pki = Pki::new();
    let ca = hospital_ca(&pki);
    // nginx adds add_header (without `always`) only to successful answers.
    let n = nginx_without_client_auth(
        &ca,
        "add_header Strict-Transport-Security \"max-age=63072000\";\n    location = / { return 404; }",
    );
    let r = probe(n.target("https://"), &opts());
    let ep = endpoint(&r);
    assert!(ep.hsts.is_none(), "{:?}", ep.hsts);
    assert!(r.notes.iter().any(|n| n.contains("GET / answered HTTP 404")), "{:?}", r.notes);
    assert!(!rules(ep).contains(&"TLS018"));
    let en = kensa_probe(&[&format!("https://127.0.0.1:{}", n.port), "--lang", "en"]);
    assert!(en.contains("HSTS               not judged (GET / got an error answer"), "{en}");
}
