//! The rustls engine: a complete handshake (TLS 1.3, or 1.2 when that is the best the
//! server does) with a verifier that accepts and records any chain and a client-certificate
//! resolver that records whether the server asked (and the CA names it gave) and presents
//! either nothing or the run's throwaway self-signed certificate ([`Present`]).
//!
//! Client auth in TLS 1.3: the CertificateRequest is encrypted and the server's verdict on
//! the client Certificate comes after the client considers the handshake done. So after the
//! handshake we write a request and read: a certificate alert means refused. Over HTTPS the
//! request is `GET /` and the answer decides (servers such as nginx refuse above TLS, with
//! HTTP 400); elsewhere a NewSessionTicket, data or a clean close means the server let the
//! client in. Nothing decisive is [`Answer::Undecided`], which becomes "unknown", never a pass.

use super::client_cert::{ca_names, describe_ca_names, throwaway};
use super::enumerate::Conn;
use super::http::{self, Head, HttpAnswer};
use super::{Phase, ProbeError};
use crate::model::TlsVersion;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ClientSessionStore, ResolvesClientCert, Resumption};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{AlertDescription, ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{timeout_at, Instant};

/// What the client presents when the server asks for a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Present {
    /// An empty Certificate message: is a certificate required?
    Nothing,
    /// The run's throwaway self-signed certificate: is any certificate accepted?
    Throwaway,
}

impl Present {
    pub(crate) fn what(self) -> &'static str {
        match self {
            Present::Nothing => "an empty client Certificate",
            Present::Throwaway => "a self-signed client certificate",
        }
    }
}

/// How the server treated what was presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// No CertificateRequest.
    NotAsked,
    /// The server let the client in (handshake done and, over HTTPS, a non-refusing answer).
    Accepted,
    /// A certificate alert, or an HTTP refusal.
    Refused,
    /// Nothing decisive (timeout, close without alert, unreadable answer).
    Undecided,
}

/// What the rustls handshake showed.
#[derive(Debug, Clone)]
pub struct HandshakeOutcome {
    pub version: Option<TlsVersion>,
    pub suite: Option<u16>,
    pub group: Option<u16>,
    /// DER chain as presented (leaf first); empty when the handshake did not get that far.
    pub chain: Vec<Vec<u8>>,
    pub certificate_requested: bool,
    /// CA names of the CertificateRequest, readable (empty when it names none).
    pub ca_names: Vec<String>,
    pub answer: Answer,
    /// What was observed, for the finding's evidence.
    pub evidence: String,
    /// The answer to `GET /` (HTTPS targets), when one was read.
    pub http: Option<HttpAnswer>,
    /// Why no HTTP answer was read on an HTTPS target.
    pub http_missing: Option<String>,
    /// Whether the server stapled an OCSP response to its certificate; None when the
    /// certificate was not reached. rustls always sends status_request, and in TLS 1.3 the
    /// response travels inside the encrypted Certificate message, where the raw engine
    /// cannot see it.
    pub ocsp_stapled: Option<bool>,
}

#[derive(Debug, Default)]
struct Recorder {
    chain: Mutex<Vec<Vec<u8>>>,
    /// Set when the certificate is verified: was an OCSP response stapled to it?
    ocsp: Mutex<Option<bool>>,
    requested: AtomicBool,
    hints: Mutex<Vec<Vec<u8>>>,
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
        ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut o) = self.rec.ocsp.lock() {
            *o = Some(!ocsp_response.is_empty());
        }
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
struct RecordingResolver {
    rec: Arc<Recorder>,
    present: Option<Arc<rustls::sign::CertifiedKey>>,
}

impl ResolvesClientCert for RecordingResolver {
    fn resolve(&self, hints: &[&[u8]], _schemes: &[SignatureScheme]) -> Option<Arc<rustls::sign::CertifiedKey>> {
        self.rec.requested.store(true, Ordering::SeqCst);
        if let Ok(mut h) = self.rec.hints.lock() {
            *h = hints.iter().map(|n| n.to_vec()).collect();
        }
        self.present.clone()
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

fn config(rec: &Arc<Recorder>, version: TlsVersion, present: Present) -> Result<Arc<ClientConfig>, ProbeError> {
    let key = match present {
        Present::Nothing => None,
        Present::Throwaway => Some(throwaway().map_err(ProbeError::Internal)?.key.clone()),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let schemes = provider.signature_verification_algorithms.supported_schemes();
    let versions: &[&rustls::SupportedProtocolVersion] = if version == TlsVersion::Tls13 {
        &[&rustls::version::TLS13]
    } else {
        &[&rustls::version::TLS12]
    };
    let mut cfg = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .map_err(|e| ProbeError::Rustls(format!("config: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(RecordingVerifier { rec: rec.clone(), schemes }))
        .with_client_cert_resolver(Arc::new(RecordingResolver {
            rec: rec.clone(),
            present: key,
        }));
    cfg.resumption = Resumption::store(Arc::new(TicketWitness(rec.clone())));
    cfg.enable_sni = true;
    Ok(Arc::new(cfg))
}

/// Alerts by which a server refuses a missing client certificate.
pub(crate) fn is_cert_refusal(a: AlertDescription) -> bool {
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

/// What came back after the handshake, to the request written then (by either engine that
/// completes handshakes: rustls here, [`tls13_raw`](super::tls13_raw) for groups rustls lacks).
pub(crate) enum After {
    Ticket,
    Data,
    CloseNotify,
    Http(HttpAnswer),
    NotHttp(String),
    Alert(AlertDescription),
    Error(String),
    Eof(&'static str),
    Timeout,
}

/// Writes `request` and reads until something decisive: for HTTP the response head, else
/// the first ticket, data, close or alert.
async fn converse(tls: &mut ClientConnection, tcp: &mut TcpStream, rec: &Recorder, request: &[u8], want_http: bool, deadline: Instant) -> After {
    let mut buf = vec![0u8; 16 * 1024];
    let mut answer = Vec::new();
    if std::io::Write::write_all(&mut tls.writer(), request).is_err() || flush(tls, tcp, deadline).await.is_err() {
        return After::Eof("refused the request");
    }
    loop {
        if !want_http && rec.ticket.load(Ordering::SeqCst) {
            return After::Ticket;
        }
        let mut app = [0u8; 4096];
        match std::io::Read::read(&mut tls.reader(), &mut app) {
            Ok(0) => return After::CloseNotify,
            Ok(n) if want_http => {
                answer.extend_from_slice(&app[..n]);
                match http::parse(&answer) {
                    Head::Partial => continue,
                    Head::Done(a) => return After::Http(a),
                    Head::Invalid(why) => return After::NotHttp(why),
                }
            }
            Ok(_) => return After::Data,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(_) => return After::Eof("closed without close_notify"),
        }
        match read_some(tls, tcp, &mut buf, deadline).await {
            Read::Data => {}
            Read::Timeout => return After::Timeout,
            Read::Eof(how) => return After::Eof(how),
        }
        if let Err(e) = tls.process_new_packets() {
            return match e {
                rustls::Error::AlertReceived(a) => After::Alert(a),
                e => After::Error(e.to_string()),
            };
        }
    }
}

/// Runs one rustls handshake at `version` (TLS1.3 or TLS1.2) presenting `present` when asked,
/// and tells how the server treated it. With `http_host` (HTTPS targets) it then sends
/// `GET /` with that Host and reads the answer's head, also when no certificate was asked.
pub async fn probe(
    conn: &mut Conn,
    server_name: ServerName<'static>,
    version: TlsVersion,
    present: Present,
    http_host: Option<&str>,
) -> Result<HandshakeOutcome, ProbeError> {
    let rec = Arc::new(Recorder::default());
    let cfg = config(&rec, version, present)?;
    let deadline = Instant::now() + conn.timeout;
    let ms = conn.timeout_ms();
    let mut tcp = conn.connect(deadline).await?;
    let mut tls = ClientConnection::new(cfg, server_name).map_err(|e| ProbeError::Rustls(e.to_string()))?;
    let mut buf = vec![0u8; 16 * 1024];
    let mut out = HandshakeOutcome {
        version: None,
        suite: None,
        group: None,
        chain: Vec::new(),
        certificate_requested: false,
        ca_names: Vec::new(),
        answer: Answer::Undecided,
        evidence: String::new(),
        http: None,
        http_missing: None,
        ocsp_stapled: None,
    };
    let what = present.what();
    let requested = |rec: &Recorder| rec.requested.load(Ordering::SeqCst);
    let finish = |mut out: HandshakeOutcome, rec: &Recorder, answer: Answer, evidence: String| {
        out.chain = rec.chain.lock().map(|c| c.clone()).unwrap_or_default();
        out.ocsp_stapled = rec.ocsp.lock().ok().and_then(|o| *o);
        out.certificate_requested = requested(rec);
        let hints = rec.hints.lock().map(|h| h.clone()).unwrap_or_default();
        out.ca_names = ca_names(hints.iter().map(Vec::as_slice));
        out.answer = answer;
        out.evidence = evidence;
        out
    };
    let cr = |rec: &Recorder| {
        let hints = rec.hints.lock().map(|h| h.clone()).unwrap_or_default();
        format!("CertificateRequest ({})", describe_ca_names(&ca_names(hints.iter().map(Vec::as_slice))))
    };

    // The handshake.
    while tls.is_handshaking() {
        if let Err(e) = flush(&mut tls, &mut tcp, deadline).await {
            if requested(&rec) {
                let ev = format!("{version}: {}, write failed after {what} ({e})", cr(&rec));
                return Ok(finish(out, &rec, Answer::Undecided, ev));
            }
            return Err(ProbeError::io(&e));
        }
        if !tls.is_handshaking() {
            break;
        }
        match read_some(&mut tls, &mut tcp, &mut buf, deadline).await {
            Read::Data => {}
            Read::Timeout if requested(&rec) => {
                let ev = format!("{version}: {}, no answer within {ms} ms after {what}", cr(&rec));
                return Ok(finish(out, &rec, Answer::Undecided, ev));
            }
            Read::Timeout => {
                return Err(ProbeError::Timeout {
                    ms,
                    during: Phase::RustlsHandshake,
                })
            }
            Read::Eof(how) if requested(&rec) => {
                let ev = format!("{version}: {}, then connection {how} without alert after {what}", cr(&rec));
                return Ok(finish(out, &rec, Answer::Undecided, ev));
            }
            Read::Eof(how) => return Err(ProbeError::HandshakeEnded(how)),
        }
        if let Err(e) = tls.process_new_packets() {
            return match e {
                rustls::Error::AlertReceived(a) if requested(&rec) && is_cert_refusal(a) => {
                    let ev = format!("{version}: {}, then handshake alert {a:?} after {what}", cr(&rec));
                    Ok(finish(out, &rec, Answer::Refused, ev))
                }
                e if requested(&rec) => {
                    let ev = format!("{version}: {}, then handshake error after {what}: {e}", cr(&rec));
                    Ok(finish(out, &rec, Answer::Undecided, ev))
                }
                e => Err(ProbeError::Rustls(e.to_string())),
            };
        }
    }
    out.version = tls.protocol_version().and_then(|v| TlsVersion::from_wire(u16::from(v)));
    out.suite = tls.negotiated_cipher_suite().map(|s| u16::from(s.suite()));
    out.group = tls.negotiated_key_exchange_group().map(|g| u16::from(g.name()));
    let _ = flush(&mut tls, &mut tcp, deadline).await;
    let asked = requested(&rec);
    let shown = completed(&version.to_string(), asked.then(|| cr(&rec)).as_deref(), what);

    // Nothing more to learn: no certificate asked and no HTTP, or TLS 1.2 (whose Finished
    // came after the server saw the client Certificate) without HTTP.
    if http_host.is_none() && (!asked || version != TlsVersion::Tls13) {
        let answer = if asked { Answer::Accepted } else { Answer::NotAsked };
        return Ok(finish(out, &rec, answer, shown));
    }

    let request = http_host.map_or_else(|| b"\n".to_vec(), http::request);
    let after = converse(&mut tls, &mut tcp, &rec, &request, http_host.is_some(), deadline).await;
    let ticket = rec.ticket.load(Ordering::SeqCst);
    let (answer, ev, http) = judge_after(after, &shown, asked, http_host.is_some(), ticket, ms);
    out.http = http;
    if http_host.is_some() && out.http.is_none() {
        out.http_missing = Some(ev.clone());
    }
    Ok(finish(out, &rec, answer, ev))
}

/// "TLS1.3: CertificateRequest (names ...), handshake completed with an empty client
/// Certificate", or "...: handshake completed without a CertificateRequest" when `cr` is None.
pub(crate) fn completed(label: &str, cr: Option<&str>, what: &str) -> String {
    match cr {
        Some(cr) => format!("{label}: {cr}, handshake completed with {what}"),
        None => format!("{label}: handshake completed without a CertificateRequest"),
    }
}

/// The verdict on what came back after a completed handshake (`shown` says how far it got):
/// over HTTPS the answer to `GET /` decides (a refusal status means required), elsewhere a
/// certificate alert means refused and a ticket, data or a clean close means let in. Returns
/// the answer, its evidence, and the HTTP answer when one was read.
pub(crate) fn judge_after(after: After, shown: &str, asked: bool, https: bool, ticket: bool, ms: u64) -> (Answer, String, Option<HttpAnswer>) {
    let sent = if https { "GET /" } else { "a request" };
    match after {
        After::Http(a) => {
            let answer = match (asked, a.refuses()) {
                (false, _) => Answer::NotAsked,
                (true, true) => Answer::Refused,
                (true, false) => Answer::Accepted,
            };
            let mut ev = format!("{shown}, then {} to {sent}", a.describe());
            if !asked && a.refuses() {
                // Apache's per-directory SSLVerifyClient asks by renegotiation (TLS 1.2) or
                // post-handshake authentication (TLS 1.3), neither of which kensa does.
                ev.push_str(" (a certificate asked for only later, by renegotiation or post-handshake authentication, is not seen)");
            }
            (answer, ev, Some(a))
        }
        After::Alert(a) if asked && is_cert_refusal(a) => (Answer::Refused, format!("{shown}, then alert {a:?} after {sent}"), None),
        After::Ticket | After::Data | After::CloseNotify if asked => {
            let seen = match after {
                After::Ticket => "NewSessionTicket",
                After::Data => "application data",
                _ => "close_notify",
            };
            (Answer::Accepted, format!("{shown}, then {seen}"), None)
        }
        After::Timeout if asked && ticket => (
            Answer::Accepted,
            format!("{shown}, then NewSessionTicket but no answer to {sent} within {ms} ms"),
            None,
        ),
        other => {
            let seen = match other {
                After::NotHttp(why) => why,
                After::Alert(a) => format!("alert {a:?}"),
                After::Error(e) => format!("error: {e}"),
                After::Eof(how) => format!("connection {how}"),
                After::Timeout => format!("no answer within {ms} ms"),
                After::CloseNotify => "close_notify before an answer".into(),
                After::Ticket | After::Data => "application data".into(),
                After::Http(a) => a.describe(),
            };
            // TLS 1.2 let the client in at the TLS layer; only the service's answer is missing.
            let answer = if asked { Answer::Undecided } else { Answer::NotAsked };
            (answer, format!("{shown}, then {seen} after {sent}"), None)
        }
    }
}
