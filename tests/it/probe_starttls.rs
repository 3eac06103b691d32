//! The probe behind STARTTLS on 127.0.0.1: SMTP (RFC 3207), IMAP (RFC 3501), POP3 (RFC
//! 2595), FTP (RFC 4217), LDAP (RFC 4511 StartTLS) and RDP (X.224 negotiation). `openssl
//! s_server` cannot play the server side of these, so the plain-text part is a few lines
//! here per protocol (for SMTP: greeting, EHLO reply advertising STARTTLS, 220) and the
//! socket is then handed to a real rustls server, or relayed to a real `openssl s_server`:
//! everything kensa measures after the exchange is a real TLS stack's answer.

use crate::probe_support;

use kensa::model::{ChainTrust, TlsVersion};
use kensa::probe::{ProbeOptions, StartTls, Target};
use probe_support::*;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;
use std::collections::BTreeSet;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What the plain-text side answers to the request for TLS.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// Agree, then TLS.
    Agree,
    /// Refuse (SMTP 454, RFC 3207: TLS not available).
    Refuse,
}

/// Reads one line (up to LF) byte by byte, so nothing after it is consumed.
async fn line(s: &mut TcpStream) -> Option<String> {
    let mut out = Vec::new();
    let mut b = [0u8; 1];
    while out.len() < 1024 {
        if s.read(&mut b).await.ok()? == 0 {
            return None;
        }
        out.push(b[0]);
        if b[0] == b'\n' {
            return Some(String::from_utf8_lossy(&out).into_owned());
        }
    }
    None
}

async fn exact(s: &mut TcpStream, n: usize) -> Option<Vec<u8>> {
    let mut b = vec![0u8; n];
    s.read_exact(&mut b).await.ok()?;
    Some(b)
}

/// The plain-text part of each protocol, as its RFC has the server speak it; true when TLS
/// should start.
async fn front(s: &mut TcpStream, proto: StartTls, answer: Answer) -> Option<bool> {
    let agree = answer == Answer::Agree;
    match proto {
        StartTls::Smtp => {
            s.write_all(b"220 mail.hospital.example ESMTP test\r\n").await.ok()?;
            loop {
                let l = line(s).await?.to_ascii_uppercase();
                if l.starts_with("EHLO") {
                    s.write_all(b"250-mail.hospital.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n").await.ok()?;
                } else if l.starts_with("STARTTLS") {
                    let reply: &[u8] = if agree {
                        b"220 2.0.0 Ready to start TLS\r\n"
                    } else {
                        b"454 4.7.0 TLS not available due to local problem\r\n"
                    };
                    s.write_all(reply).await.ok()?;
                    return Some(agree);
                } else {
                    s.write_all(b"500 5.5.1 command unrecognized\r\n").await.ok()?;
                }
            }
        }
        StartTls::Imap => {
            s.write_all(b"* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n").await.ok()?;
            let l = line(s).await?;
            let tag = l.split_whitespace().next()?.to_string();
            s.write_all(format!("{tag} OK Begin TLS negotiation now\r\n").as_bytes()).await.ok()?;
            Some(l.to_ascii_uppercase().contains("STARTTLS"))
        }
        StartTls::Pop3 => {
            s.write_all(b"+OK POP3 ready\r\n").await.ok()?;
            let ok = line(s).await?.trim_end() == "STLS";
            s.write_all(b"+OK Begin TLS negotiation\r\n").await.ok()?;
            Some(ok)
        }
        StartTls::Ftp => {
            s.write_all(b"220-Welcome\r\n220 FTP ready\r\n").await.ok()?;
            let ok = line(s).await?.trim_end() == "AUTH TLS";
            s.write_all(b"234 AUTH TLS successful\r\n").await.ok()?;
            Some(ok)
        }
        StartTls::Ldap => {
            let req = exact(s, 31).await?;
            // ExtendedResponse { messageID 1, resultCode success, "", "", responseName }
            let mut resp = vec![0x30, 0x24, 0x02, 0x01, 0x01, 0x78, 0x1f, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00, 0x8a, 0x16];
            resp.extend_from_slice(b"1.3.6.1.4.1.1466.20037");
            s.write_all(&resp).await.ok()?;
            Some(req.ends_with(b"1.3.6.1.4.1.1466.20037"))
        }
        StartTls::Rdp => {
            let req = exact(s, 19).await?;
            // X.224 Connection Confirm with RDP_NEG_RSP selecting PROTOCOL_SSL
            s.write_all(&[3, 0, 0, 19, 14, 0xd0, 0, 0, 0x12, 0x34, 0, 2, 0, 8, 0, 1, 0, 0, 0]).await.ok()?;
            Some(req[5] == 0xe0 && req[11] == 1)
        }
    }
}

/// A plain-text front for `proto` in front of a rustls server; stopped on drop.
struct StartTlsServer(TaskServer, StartTls);

impl StartTlsServer {
    fn start(cfg: ServerConfig, proto: StartTls, answer: Answer) -> StartTlsServer {
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(cfg));
        StartTlsServer(
            TaskServer::start(move |mut tcp| {
                let acceptor = acceptor.clone();
                async move {
                    if front(&mut tcp, proto, answer).await != Some(true) {
                        return;
                    }
                    let Ok(mut tls) = acceptor.accept(tcp).await else { return };
                    let mut buf = [0u8; 256];
                    let _ = tls.read(&mut buf).await;
                    let _ = tls.shutdown().await;
                }
            }),
            proto,
        )
    }

    fn target(&self) -> Target {
        Target::parse(&format!("{}://127.0.0.1:{}", self.1, self.0.port)).unwrap()
    }
}

/// A CA, and a TLS 1.2 + 1.3 server config with a leaf it signed for mail.hospital.example.
fn config() -> (ServerConfig, CertificateDer<'static>) {
    let mut ca_p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_p.distinguished_name.push(rcgen::DnType::CommonName, "Example Hospital Internal CA");
    let ca_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let ca = ca_p.self_signed(&ca_key).unwrap();
    let mut leaf_p = rcgen::CertificateParams::new(vec!["mail.hospital.example".to_string()]).unwrap();
    leaf_p.distinguished_name.push(rcgen::DnType::CommonName, "mail.hospital.example");
    let leaf_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let leaf = leaf_p.signed_by(&leaf_key, &ca, &ca_key).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let cfg = ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone(), ca.der().clone()], key)
        .unwrap();
    (cfg, ca.der().clone())
}

#[test]
fn smtp_starttls_is_enumerated_like_a_tls_port() {
    let (cfg, ca) = config();
    let srv = StartTlsServer::start(cfg, StartTls::Smtp, Answer::Agree);
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("hospital-ca.der");
    std::fs::write(&ca_file, ca.as_ref()).unwrap();
    let o = ProbeOptions {
        sni: Some("mail.hospital.example".into()),
        ca_file: Some(ca_file),
        ..opts()
    };
    let t = srv.target();
    assert_eq!(t.starttls, Some(StartTls::Smtp));
    let r = probe(t, &o);
    assert_eq!(r.target, format!("smtp://127.0.0.1:{}", srv.0.port));
    let ep = endpoint(&r);
    assert_eq!(ep.versions.value, vec![TlsVersion::Tls12, TlsVersion::Tls13]);
    // the suites rustls's ring provider serves with an ECDSA certificate
    let mut want: BTreeSet<String> = BTreeSet::new();
    for s in rustls::crypto::ring::default_provider().cipher_suites {
        let name = format!("{:?}", s.suite());
        if name.starts_with("TLS13_") || name.contains("ECDSA") {
            want.insert(name.replace("TLS13_", "TLS_"));
        }
    }
    let got: BTreeSet<String> = suites(ep).values().flatten().cloned().collect();
    assert_eq!(got, want);
    assert!(ep.groups.as_ref().is_some_and(|g| g.value.iter().any(|g| &*g.name == "x25519")));
    assert_eq!(ep.chains.len(), 1);
    assert_eq!(ep.chains[0].certificates.len(), 2);
    assert_eq!(ep.chains[0].name_matches, Some(true));
    assert!(matches!(ep.chains[0].trust, ChainTrust::Trusted { .. }), "{:?}", ep.chains[0].trust);
    every_origin_is_the_probe(ep, &r.target);
}

/// SMTP STARTTLS in front of a real `openssl s_server` that requires a client certificate:
/// once STARTTLS is agreed, the front relays the socket's bytes to s_server's port, so the
/// enumeration and the client-certificate verdicts are OpenSSL's answers, and they equal
/// what the same server gives on its own TLS port.
#[test]
fn smtp_starttls_before_openssl_s_server_requiring_a_client_certificate() {
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("mail", 2048, "sha256");
    let s = SServer::start(&["-cert", p(&c), "-key", p(&k), "-CAfile", p(&c), "-Verify", "1", "-verify_return_error"]);
    let backend = s.port;
    let relay = TaskServer::start(move |mut tcp| async move {
        if front(&mut tcp, StartTls::Smtp, Answer::Agree).await != Some(true) {
            return;
        }
        let Ok(mut tls) = TcpStream::connect(("127.0.0.1", backend)).await else {
            return;
        };
        let _ = tokio::io::copy_bidirectional(&mut tcp, &mut tls).await;
    });
    let r = probe(Target::parse(&format!("smtp://127.0.0.1:{}", relay.port)).unwrap(), &opts());
    let ep = endpoint(&r);
    let direct = probe(s.target(), &opts());
    let on_port = endpoint(&direct);
    assert_eq!(ep.versions.value, vec![TlsVersion::Tls12, TlsVersion::Tls13]);
    assert_eq!(suites(ep), suites(on_port));
    assert_eq!(client_auth(ep), kensa::model::ClientAuth::Required, "{:?}", r.notes);
    let ca_names = &ep.client_ca_names.as_ref().expect("CertificateRequest seen").value;
    assert_eq!(ca_names, &vec!["CN=localhost".to_string()]);
    assert_eq!(ep.accepts_foreign_client_cert.as_ref().map(|a| a.value), Some(false), "{:?}", r.notes);
    assert_eq!(ep.chains.len(), 1);
    let found = rules_on(ep);
    assert!(
        !found.contains(&"TLS008") && !found.contains(&"TLS009") && !found.contains(&"TLS010"),
        "{found:?}"
    );
}

#[test]
fn smtp_server_that_refuses_starttls_is_an_error_quoting_it() {
    let (cfg, _) = config();
    let srv = StartTlsServer::start(cfg, StartTls::Smtp, Answer::Refuse);
    let r = probe(srv.target(), &opts());
    assert!(r.endpoint.is_none());
    let e = r.error.map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("smtp STARTTLS refused: 454 4.7.0"), "{e}");
}

/// IMAP, POP3, FTP, LDAP and RDP: each protocol's exchange, then the same TLS measured.
#[test]
fn every_starttls_protocol_reaches_the_tls_behind_it() {
    for proto in [StartTls::Imap, StartTls::Pop3, StartTls::Ftp, StartTls::Ldap, StartTls::Rdp] {
        let (cfg, _) = config();
        let srv = StartTlsServer::start(cfg, proto, Answer::Agree);
        let r = probe(srv.target(), &opts());
        let ep = endpoint(&r);
        assert_eq!(ep.versions.value, vec![TlsVersion::Tls12, TlsVersion::Tls13], "{proto}");
        assert_eq!(ep.chains.len(), 1, "{proto}");
        assert!(r.target.starts_with(&format!("{proto}://")), "{}", r.target);
    }
}

#[test]
fn starttls_option_and_scheme_set_the_protocol_and_its_port() {
    let t = Target::parse_as("mail.hospital.example", Some(StartTls::Smtp)).unwrap();
    assert_eq!((t.port, t.starttls), (25, Some(StartTls::Smtp)));
    let t = Target::parse("ldap://[::1]").unwrap();
    assert_eq!((t.port, t.starttls, t.to_string()), (389, Some(StartTls::Ldap), "ldap://[::1]:389".to_string()));
    let t = Target::parse("rdp://10.0.0.5:3390").unwrap();
    assert_eq!((t.port, t.starttls), (3390, Some(StartTls::Rdp)));
    assert!(Target::parse("gopher://x").unwrap_err().contains("unknown protocol"));
    assert_eq!(Target::parse("x:443").unwrap().starttls, None);
}
