//! Client authentication on TLS <= 1.2 servers that rustls cannot handshake with (CBC-only
//! suites, static RSA, DHE, ...), decided by the raw engine.
//!
//! In TLS 1.2 everything up to the client's ChangeCipherSpec is in clear, and a server
//! judges the client's Certificate message as soon as it arrives. So the raw engine sends a
//! ClientHello, reads the flight up to ServerHelloDone (with the CertificateRequest and its
//! CA names), then sends a Certificate (empty, or the run's throwaway self-signed one) and
//! at once a ChangeCipherSpec, where the server expects a ClientKeyExchange:
//!
//! - a certificate alert (handshake_failure, certificate_required, bad_certificate,
//!   unknown_ca, ...) means the server refused the Certificate;
//! - `unexpected_message` means it got past the Certificate and stumbled on the missing
//!   ClientKeyExchange: it accepted what was presented.
//!
//! No key exchange, no encryption, no timeout to wait out. What the service does above TLS
//! cannot be seen this way; the caller says so for HTTPS targets.

use super::client_cert::throwaway;
use super::client_hello::{client_hello, frame_records, HelloSpec};
use super::enumerate::{exchange_keep, is_reset, Answer as Hello, Conn};
use super::flight::{alert_name, FlightParser, ServerFlight, StopAt};
use super::handshake::{Answer, Present};
use super::{registry, ProbeError};
use crate::model::TlsVersion;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{timeout_at, Instant};

/// What the raw drive showed.
#[derive(Debug, Clone)]
pub struct RawAuth {
    pub requested: bool,
    /// DER CA names of the CertificateRequest.
    pub ca_der: Vec<Vec<u8>>,
    pub answer: Answer,
    pub evidence: String,
}

/// Alerts by which a TLS <= 1.2 server refuses the client's Certificate.
fn refuses(desc: u8) -> bool {
    matches!(desc, 40..=46 | 48 | 49 | 116)
}

/// The TLS <= 1.2 client Certificate message (type 11) with no certificate or the throwaway one.
pub(super) fn certificate_message(present: Present) -> Result<Vec<u8>, ProbeError> {
    let certs: Vec<&[u8]> = match present {
        Present::Nothing => Vec::new(),
        Present::Throwaway => vec![&throwaway().map_err(ProbeError::Internal)?.der],
    };
    let list: usize = certs.iter().map(|c| 3 + c.len()).sum();
    let mut m = vec![11];
    m.extend_from_slice(&((list + 3) as u32).to_be_bytes()[1..]);
    m.extend_from_slice(&(list as u32).to_be_bytes()[1..]);
    for c in certs {
        m.extend_from_slice(&(c.len() as u32).to_be_bytes()[1..]);
        m.extend_from_slice(c);
    }
    Ok(m)
}

/// Drives one handshake at `v` (offering the server's accepted `suites`) to the server's
/// verdict on `present`.
pub async fn probe(conn: &mut Conn, v: TlsVersion, suites: &[u16], present: Present) -> Result<RawAuth, ProbeError> {
    let sni = conn.sni.clone();
    let groups = registry::all_groups();
    let spec = HelloSpec {
        version: v,
        suites,
        groups: &groups,
        key_shares: &[],
        sni: sni.as_deref(),
        offer_deflate: false,
    };
    let (hello, stream) = exchange_keep(conn, &client_hello(&spec, None), StopAt::ServerHelloDone).await?;
    let flight = match hello {
        Hello::Flight(f) if f.hello_done && f.hello.as_ref().is_some_and(|h| h.version == v.wire()) => f,
        other => return Ok(undecided(format!("{v}: no complete server flight to answer ({other:?})"))),
    };
    drive(stream, &flight, v, present, conn.timeout_ms()).await
}

fn undecided(evidence: String) -> RawAuth {
    RawAuth {
        requested: false,
        ca_der: Vec::new(),
        answer: Answer::Undecided,
        evidence,
    }
}

/// Answers the server's complete TLS `v` `flight` on its connection `stream` (None: the
/// server closed it) with `present`, and reads the verdict. The enumeration calls this on
/// its own connections, so the verdicts cost no connection of their own.
pub async fn drive(stream: Option<(TcpStream, Instant)>, flight: &ServerFlight, v: TlsVersion, present: Present, ms: u64) -> Result<RawAuth, ProbeError> {
    let what = present.what();
    if !flight.certificate_request {
        return Ok(RawAuth {
            answer: Answer::NotAsked,
            ..undecided(format!("{v}: no CertificateRequest in the server's flight"))
        });
    }
    let names = super::client_cert::ca_names(flight.certificate_authorities.iter().map(Vec::as_slice));
    let shown = format!("{v}: CertificateRequest ({})", super::client_cert::describe_ca_names(&names));
    let decided = |answer: Answer, evidence: String| RawAuth {
        requested: true,
        ca_der: flight.certificate_authorities.clone(),
        answer,
        evidence,
    };
    let Some((mut s, deadline)) = stream else {
        return Ok(decided(Answer::Undecided, format!("{shown}, then the connection closed")));
    };
    let mut out = frame_records(22, v.wire(), &certificate_message(present)?);
    out.extend_from_slice(&frame_records(20, v.wire(), &[1]));
    let wrote = match timeout_at(deadline, s.write_all(&out)).await {
        Ok(r) => r,
        Err(_) => Err(std::io::ErrorKind::TimedOut.into()),
    };
    if let Err(e) = wrote {
        return Ok(decided(Answer::Undecided, format!("{shown}, sending {what} failed ({e})")));
    }
    let mut p = FlightParser::new(StopAt::ServerHelloDone);
    let mut buf = [0u8; 4096];
    let seen = loop {
        match timeout_at(deadline, s.read(&mut buf)).await {
            Err(_) => break format!("no answer within {ms} ms"),
            Ok(Ok(0)) => break "connection closed without alert".to_string(),
            Ok(Err(e)) if is_reset(&e) => break "connection reset without alert".to_string(),
            Ok(Err(e)) => break format!("i/o error {e}"),
            Ok(Ok(n)) => match p.feed(&buf[..n]) {
                Ok(false) => {}
                Ok(true) => match p.flight().alert {
                    Some((_, d)) if refuses(d) => {
                        return Ok(decided(Answer::Refused, format!("{shown}, then alert {} after {what}", alert_name(d))));
                    }
                    Some((_, 10)) => {
                        let ev = format!("{shown}, then {what} was let through: alert unexpected_message for the missing ClientKeyExchange");
                        return Ok(decided(Answer::Accepted, ev));
                    }
                    Some((_, d)) => break format!("alert {}", alert_name(d)),
                    None => break "a message other than an alert".to_string(),
                },
                Err(e) => break e.to_string(),
            },
        }
    };
    Ok(decided(Answer::Undecided, format!("{shown}, then {seen} after {what}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_messages() {
        assert_eq!(certificate_message(Present::Nothing).unwrap(), vec![11, 0, 0, 3, 0, 0, 0]);
        let m = certificate_message(Present::Throwaway).unwrap();
        let der = &throwaway().unwrap().der;
        assert_eq!(m.len(), 4 + 3 + 3 + der.len());
        assert_eq!(&m[10..], &der[..]);
        assert!(refuses(40) && refuses(48) && refuses(116) && !refuses(10) && !refuses(20));
    }
}
