//! The rustls engine: a complete handshake (TLS 1.3, or 1.2 when that is the best the
//! server does) with a verifier that accepts and records any chain and a client-certificate
//! resolver that records whether the server asked and then sends no certificate.
//!
//! Client auth in TLS 1.3: the CertificateRequest is encrypted and the server's verdict on
//! the (empty) client Certificate comes after the client considers the handshake done. So
//! after the handshake we write a small request and read: `certificate_required` (or another
//! certificate alert) means required; a NewSessionTicket, data or a clean close means the
//! server accepted no certificate (optional); nothing decisive means unknown.

use super::enumerate::Conn;
use super::ProbeError;
use crate::model::{ClientAuth, TlsVersion};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ClientSessionStore, ResolvesClientCert, Resumption};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{AlertDescription, ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{timeout_at, Instant};

/// What the rustls handshake showed.
#[derive(Debug, Clone)]
pub struct HandshakeOutcome {
    pub version: Option<TlsVersion>,
    pub suite: Option<u16>,
    pub group: Option<u16>,
    /// DER chain as presented (leaf first); empty when the handshake did not get that far.
    pub chain: Vec<Vec<u8>>,
    pub certificate_requested: bool,
    pub client_auth: ClientAuth,
    /// What was observed, for the finding's evidence.
    pub evidence: String,
}

#[derive(Debug, Default)]
struct Recorder {
    chain: Mutex<Vec<Vec<u8>>>,
    requested: AtomicBool,
    ticket: AtomicBool,
}

#[derive(Debug)]
struct RecordingVerifier {
    rec: Arc<Recorder>,
    schemes: Vec<SignatureScheme>,
}

impl ServerCertVerifier for RecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let mut chain = vec![end_entity.as_ref().to_vec()];
        chain.extend(intermediates.iter().map(|c| c.as_ref().to_vec()));
        if let Ok(mut c) = self.rec.chain.lock() {
            *c = chain;
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.schemes.clone()
    }
}

#[derive(Debug)]
struct RecordingResolver(Arc<Recorder>);

impl ResolvesClientCert for RecordingResolver {
    fn resolve(&self, _hints: &[&[u8]], _schemes: &[SignatureScheme]) -> Option<Arc<rustls::sign::CertifiedKey>> {
        self.0.requested.store(true, Ordering::SeqCst);
        None
    }
    fn has_certs(&self) -> bool {
        true
    }
}

/// Session store that only notes that a TLS 1.3 ticket arrived.
#[derive(Debug)]
struct TicketWitness(Arc<Recorder>);

impl ClientSessionStore for TicketWitness {
    fn set_kx_hint(&self, _: ServerName<'static>, _: rustls::NamedGroup) {}
    fn kx_hint(&self, _: &ServerName<'_>) -> Option<rustls::NamedGroup> {
        None
    }
    fn set_tls12_session(&self, _: ServerName<'static>, _: rustls::client::Tls12ClientSessionValue) {}
    fn tls12_session(&self, _: &ServerName<'_>) -> Option<rustls::client::Tls12ClientSessionValue> {
        None
    }
    fn remove_tls12_session(&self, _: &ServerName<'static>) {}
    fn insert_tls13_ticket(&self, _: ServerName<'static>, _: rustls::client::Tls13ClientSessionValue) {
        self.0.ticket.store(true, Ordering::SeqCst);
    }
    fn take_tls13_ticket(&self, _: &ServerName<'_>) -> Option<rustls::client::Tls13ClientSessionValue> {
        None
    }
}

fn config(rec: &Arc<Recorder>, version: TlsVersion) -> Result<Arc<ClientConfig>, ProbeError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let schemes = provider.signature_verification_algorithms.supported_schemes();
    let versions: &[&rustls::SupportedProtocolVersion] = if version == TlsVersion::Tls13 {
        &[&rustls::version::TLS13]
    } else {
        &[&rustls::version::TLS12]
    };
    let mut cfg = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .map_err(|e| ProbeError::Other(format!("rustls config: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(RecordingVerifier { rec: rec.clone(), schemes }))
        .with_client_cert_resolver(Arc::new(RecordingResolver(rec.clone())));
    cfg.resumption = Resumption::store(Arc::new(TicketWitness(rec.clone())));
    cfg.enable_sni = true;
    Ok(Arc::new(cfg))
}

/// Alerts by which a server refuses a missing client certificate.
fn is_cert_refusal(a: AlertDescription) -> bool {
    matches!(
        a,
        AlertDescription::CertificateRequired
            | AlertDescription::HandshakeFailure
            | AlertDescription::BadCertificate
            | AlertDescription::CertificateUnknown
            | AlertDescription::UnsupportedCertificate
            | AlertDescription::AccessDenied
            | AlertDescription::UnknownCA
    )
}

async fn flush(tls: &mut ClientConnection, tcp: &mut TcpStream, deadline: Instant) -> std::io::Result<()> {
    let mut out = Vec::new();
    while tls.wants_write() {
        tls.write_tls(&mut out)?;
    }
    if !out.is_empty() {
        match timeout_at(deadline, tcp.write_all(&out)).await {
            Ok(r) => r?,
            Err(_) => return Err(std::io::ErrorKind::TimedOut.into()),
        }
    }
    Ok(())
}

enum Read {
    Data,
    Eof(&'static str),
    Timeout,
}

async fn read_some(tls: &mut ClientConnection, tcp: &mut TcpStream, buf: &mut [u8], deadline: Instant) -> Read {
    match timeout_at(deadline, tcp.read(buf)).await {
        Err(_) => Read::Timeout,
        Ok(Ok(0)) => Read::Eof("closed"),
        Ok(Err(_)) => Read::Eof("reset"),
        Ok(Ok(n)) => {
            let mut slice = &buf[..n];
            while !slice.is_empty() {
                if tls.read_tls(&mut slice).is_err() {
                    return Read::Eof("unreadable");
                }
            }
            Read::Data
        }
    }
}

/// Runs one rustls handshake at `version` (TLS1.3 or TLS1.2) and decides client auth.
/// `request` is written after a handshake in which a certificate was requested.
pub async fn probe(conn: &mut Conn, server_name: ServerName<'static>, version: TlsVersion, request: &[u8]) -> Result<HandshakeOutcome, ProbeError> {
    let rec = Arc::new(Recorder::default());
    let cfg = config(&rec, version)?;
    let deadline = Instant::now() + conn.timeout;
    let ms = conn.timeout_ms();
    let mut tcp = conn.connect(deadline).await?;
    let mut tls = ClientConnection::new(cfg, server_name).map_err(|e| ProbeError::Other(format!("rustls: {e}")))?;
    let mut buf = vec![0u8; 16 * 1024];
    let mut out = HandshakeOutcome {
        version: None,
        suite: None,
        group: None,
        chain: Vec::new(),
        certificate_requested: false,
        client_auth: ClientAuth::Unknown,
        evidence: String::new(),
    };
    let requested = |rec: &Recorder| rec.requested.load(Ordering::SeqCst);
    let finish = |mut out: HandshakeOutcome, rec: &Recorder, auth: ClientAuth, evidence: String| {
        out.chain = rec.chain.lock().map(|c| c.clone()).unwrap_or_default();
        out.certificate_requested = requested(rec);
        out.client_auth = auth;
        out.evidence = evidence;
        out
    };

    // The handshake.
    while tls.is_handshaking() {
        if let Err(e) = flush(&mut tls, &mut tcp, deadline).await {
            if requested(&rec) {
                let ev = format!("{version}: write failed after CertificateRequest ({e})");
                return Ok(finish(out, &rec, ClientAuth::Unknown, ev));
            }
            return Err(ProbeError::Io(e.to_string()));
        }
        if !tls.is_handshaking() {
            break;
        }
        match read_some(&mut tls, &mut tcp, &mut buf, deadline).await {
            Read::Data => {}
            Read::Timeout if requested(&rec) => {
                let ev = format!("{version}: no answer within {ms} ms after an empty client Certificate");
                return Ok(finish(out, &rec, ClientAuth::Unknown, ev));
            }
            Read::Timeout => {
                return Err(ProbeError::Timeout {
                    ms,
                    during: "in the rustls handshake",
                })
            }
            Read::Eof(how) if requested(&rec) => {
                let ev = format!("{version}: connection {how} without alert after an empty client Certificate");
                return Ok(finish(out, &rec, ClientAuth::Unknown, ev));
            }
            Read::Eof(how) => return Err(ProbeError::Other(format!("rustls handshake: connection {how}"))),
        }
        if let Err(e) = tls.process_new_packets() {
            return match e {
                rustls::Error::AlertReceived(a) if requested(&rec) && is_cert_refusal(a) => {
                    let ev = format!("{version}: CertificateRequest, then alert {a:?} after an empty client Certificate");
                    Ok(finish(out, &rec, ClientAuth::Required, ev))
                }
                e if requested(&rec) => {
                    let ev = format!("{version}: CertificateRequest, then handshake error: {e}");
                    Ok(finish(out, &rec, ClientAuth::Unknown, ev))
                }
                e => Err(ProbeError::Other(format!("rustls handshake: {e}"))),
            };
        }
    }
    out.version = tls.protocol_version().and_then(|v| TlsVersion::from_wire(u16::from(v)));
    out.suite = tls.negotiated_cipher_suite().map(|s| u16::from(s.suite()));
    out.group = tls.negotiated_key_exchange_group().map(|g| u16::from(g.name()));
    let _ = flush(&mut tls, &mut tcp, deadline).await;

    if !requested(&rec) {
        let ev = format!("{version}: handshake completed without a CertificateRequest");
        return Ok(finish(out, &rec, ClientAuth::None, ev));
    }
    if version != TlsVersion::Tls13 {
        // TLS 1.2: the server's Finished came after it saw the empty Certificate.
        let ev = format!("{version}: CertificateRequest, handshake completed with an empty client Certificate");
        return Ok(finish(out, &rec, ClientAuth::Optional, ev));
    }

    // TLS 1.3: write, then read for the verdict.
    let sent = std::io::Write::write_all(&mut tls.writer(), request).is_ok() && flush(&mut tls, &mut tcp, deadline).await.is_ok();
    loop {
        if rec.ticket.load(Ordering::SeqCst) {
            let ev = "TLS1.3: CertificateRequest, empty client Certificate, then NewSessionTicket".to_string();
            return Ok(finish(out, &rec, ClientAuth::Optional, ev));
        }
        let mut app = [0u8; 512];
        match std::io::Read::read(&mut tls.reader(), &mut app) {
            Ok(0) => {
                let ev = "TLS1.3: CertificateRequest, empty client Certificate, then close_notify".to_string();
                return Ok(finish(out, &rec, ClientAuth::Optional, ev));
            }
            Ok(_) => {
                let ev = "TLS1.3: CertificateRequest, empty client Certificate, then application data".to_string();
                return Ok(finish(out, &rec, ClientAuth::Optional, ev));
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(_) => {
                let ev = "TLS1.3: CertificateRequest, then connection closed without alert".to_string();
                return Ok(finish(out, &rec, ClientAuth::Unknown, ev));
            }
        }
        match read_some(&mut tls, &mut tcp, &mut buf, deadline).await {
            Read::Data => {}
            Read::Timeout => {
                let ev = format!(
                    "TLS1.3: CertificateRequest, no verdict within {ms} ms after {}",
                    if sent { "a request" } else { "the handshake" }
                );
                return Ok(finish(out, &rec, ClientAuth::Unknown, ev));
            }
            Read::Eof(how) => {
                let ev = format!("TLS1.3: CertificateRequest, then connection {how} without alert");
                return Ok(finish(out, &rec, ClientAuth::Unknown, ev));
            }
        }
        if let Err(e) = tls.process_new_packets() {
            let (auth, ev) = match e {
                rustls::Error::AlertReceived(a) if is_cert_refusal(a) => (
                    ClientAuth::Required,
                    format!("TLS1.3: CertificateRequest, then alert {a:?} after an empty client Certificate"),
                ),
                e => (ClientAuth::Unknown, format!("TLS1.3: CertificateRequest, then error: {e}")),
            };
            return Ok(finish(out, &rec, auth, ev));
        }
    }
}
