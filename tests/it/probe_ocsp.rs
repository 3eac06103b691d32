//! OCSP stapling measured on TLS 1.3-only servers (TLS024): the response travels inside the
//! encrypted Certificate message, so the rustls handshake reports it. Real `openssl s_server`
//! on 127.0.0.1 with and without `-status_file` (an OCSP response made here with `openssl
//! ocsp` for the server's certificate).

use crate::probe_support::{endpoint, opts, p, probe, Pki, SServer};
use std::process::Command;

fn openssl(args: &[&str]) {
    let out = Command::new("openssl").args(args).output().expect("openssl");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A CA, a server certificate it signed, and a "good" OCSP response for that certificate.
fn pki_with_ocsp_response(pki: &Pki) -> (String, String, String) {
    let f = |n: &str| p(&pki.path(n)).to_string();
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        &f("ca.key"),
        "-out",
        &f("ca.crt"),
        "-subj",
        "/CN=kensa test CA",
        "-days",
        "3",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        &f("s.key"),
        "-out",
        &f("s.csr"),
        "-subj",
        "/CN=localhost",
    ]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        &f("s.csr"),
        "-CA",
        &f("ca.crt"),
        "-CAkey",
        &f("ca.key"),
        "-CAcreateserial",
        "-out",
        &f("s.crt"),
        "-days",
        "2",
    ]);
    let serial = Command::new("openssl")
        .args(["x509", "-in", &f("s.crt"), "-noout", "-serial"])
        .output()
        .expect("openssl");
    let serial = String::from_utf8_lossy(&serial.stdout).trim().trim_start_matches("serial=").to_string();
    std::fs::write(pki.path("index.txt"), format!("V\t301231000000Z\t\t{serial}\tunknown\t/CN=localhost\n")).unwrap();
    openssl(&[
        "ocsp",
        "-index",
        &f("index.txt"),
        "-rsigner",
        &f("ca.crt"),
        "-rkey",
        &f("ca.key"),
        "-CA",
        &f("ca.crt"),
        "-issuer",
        &f("ca.crt"),
        "-serial",
        &format!("0x{serial}"),
        "-respout",
        &f("resp.der"),
        "-ndays",
        "1",
    ]);
    (f("s.crt"), f("s.key"), f("resp.der"))
}

fn tls024(r: &kensa::probe::ProbeResult) -> usize {
    let ep = endpoint(r);
    let model = kensa::model::Model {
        tls_endpoints: vec![ep.clone()],
        ..Default::default()
    };
    let engine = kensa::rules::Engine::new(kensa::policy::TlsPolicy::builtin(), crate::probe_support::now());
    engine.check(&model).iter().filter(|f| f.rule == "TLS024").count()
}

/// Also with secp521r1 as the only group, where kensa's own TLS 1.3 handshake reads the
/// Certificate message (rustls has no P-521).
#[test]
fn tls13_only_server_stapling_ocsp_is_seen_and_one_without_is_reported() {
    let pki = Pki::new();
    let (cert, key, resp) = pki_with_ocsp_response(&pki);
    let https = |port: u16| kensa::probe::Target::parse(&format!("https://127.0.0.1:{port}")).unwrap();
    for groups in [&[][..], &["-groups", "P-521"]] {
        let base = [&["-cert", &cert, "-key", &key, "-tls1_3", "-www"][..], groups].concat();
        let stapling = SServer::start(&[&base[..], &["-status_file", &resp]].concat());
        // Written https:// so both targets are HTTPS services, the ones TLS024 judges.
        let r = probe(https(stapling.port), &opts());
        let s = endpoint(&r).ocsp_stapling.as_ref().expect("OCSP stapling measured on a TLS 1.3-only server");
        assert!(s.value, "{groups:?} {}", s.origin.evidence);
        assert!(s.origin.evidence.contains("TLS1.3"), "{}", s.origin.evidence);
        assert_eq!(tls024(&r), 0, "a server that staples is not reported");

        let plain = SServer::start(&base);
        let r = probe(https(plain.port), &opts());
        let s = endpoint(&r).ocsp_stapling.as_ref().expect("OCSP stapling measured on a TLS 1.3-only server");
        assert!(!s.value, "{groups:?} {}", s.origin.evidence);
        assert_eq!(tls024(&r), 1, "HTTPS port without stapling: TLS024");
    }
}
