//! Every certificate chain a probed server presents, and what kensa finds about each.
//!
//! A server may hold one certificate per key type (nginx and Apache name an RSA and an
//! ECDSA one side by side) and shows each only to clients that can use it. The raw engine
//! sees every TLS <= 1.2 chain in clear: each accepted suite names its certificate's key
//! type, so the enumeration's own flights carry them all, at no extra connection. TLS 1.3
//! picks the certificate by the client's signature schemes and encrypts it: for a server
//! without TLS <= 1.2, one more rustls handshake offering only the other key type's schemes
//! shows the second certificate, and stops as soon as the chain arrives (for secp521r1,
//! kensa's own TLS 1.3 handshake asks on the enumeration's HelloRetryRequest connections,
//! [`tls13_raw::ride_chain`](super::tls13_raw::ride_chain)).
//!
//! Facts about each certificate come from the one extractor, [`crate::certs`].

use super::enumerate::Conn;
use super::{trust, Phase, ProbeError};
use crate::model::{Certificate, CertificateState, Origin, PresentedChain};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::time::{timeout_at, Instant};

/// One chain as presented (leaf first) and the handshake that showed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented {
    pub how: String,
    pub chain: Vec<Vec<u8>>,
}

/// Key types a server may hold one certificate each of, told apart by signature schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFamily {
    Rsa,
    Ecdsa,
}

impl KeyFamily {
    /// The family of a leaf certificate (None for EdDSA, DSA and unreadable ones).
    pub fn of(leaf: &[u8]) -> Option<KeyFamily> {
        match crate::certs::facts_from_der(leaf).ok()?.key_type.as_str() {
            "RSA" | "RSA-PSS" => Some(KeyFamily::Rsa),
            "EC" => Some(KeyFamily::Ecdsa),
            _ => None,
        }
    }

    pub fn other(self) -> KeyFamily {
        match self {
            KeyFamily::Rsa => KeyFamily::Ecdsa,
            KeyFamily::Ecdsa => KeyFamily::Rsa,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            KeyFamily::Rsa => "RSA",
            KeyFamily::Ecdsa => "ECDSA",
        }
    }

    /// TLS 1.3 signature schemes a certificate of this family signs with.
    pub fn schemes(self) -> Vec<SignatureScheme> {
        match self {
            KeyFamily::Rsa => vec![
                SignatureScheme::RSA_PSS_SHA256,
                SignatureScheme::RSA_PSS_SHA384,
                SignatureScheme::RSA_PSS_SHA512,
            ],
            KeyFamily::Ecdsa => vec![
                SignatureScheme::ECDSA_NISTP256_SHA256,
                SignatureScheme::ECDSA_NISTP384_SHA384,
                SignatureScheme::ECDSA_NISTP521_SHA512,
            ],
        }
    }
}

/// Adds `p` unless a chain with the same leaf is already known.
pub fn add_distinct(all: &mut Vec<Presented>, p: Presented) {
    if !p.chain.is_empty() && !all.iter().any(|q| q.chain.first() == p.chain.first()) {
        all.push(p);
    }
}

/// For a TLS 1.3 server whose only chain so far is of one key family: one more handshake
/// offering only the other family's schemes. Ok(None) when the server has no such
/// certificate (it refuses the handshake).
pub async fn other_tls13_chain(conn: &mut Conn, name: ServerName<'static>, seen: KeyFamily) -> Result<Option<Presented>, ProbeError> {
    let want = seen.other();
    let chain = Arc::new(Mutex::new(Vec::new()));
    let verifier = ChainTaker {
        chain: chain.clone(),
        schemes: want.schemes(),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let cfg = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|e| ProbeError::Rustls(format!("config: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    let mut tls = ClientConnection::new(Arc::new(cfg), name).map_err(|e| ProbeError::Rustls(e.to_string()))?;
    let deadline = Instant::now() + conn.timeout;
    let ms = conn.timeout_ms();
    let mut tcp = conn.connect(deadline).await?;
    let timeout = || ProbeError::Timeout {
        ms,
        during: Phase::Tls13Certificate,
    };
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let mut out = Vec::new();
        while tls.wants_write() {
            tls.write_tls(&mut out).map_err(|e| ProbeError::io(&e))?;
        }
        if !out.is_empty() {
            timeout_at(deadline, tcp.write_all(&out))
                .await
                .map_err(|_| timeout())?
                .map_err(|e| ProbeError::io(&e))?;
        }
        let n = timeout_at(deadline, tcp.read(&mut buf)).await.map_err(|_| timeout())?.unwrap_or(0);
        if n == 0 {
            return Ok(None);
        }
        let mut slice = &buf[..n];
        while !slice.is_empty() {
            if tls.read_tls(&mut slice).is_err() {
                return Ok(None);
            }
        }
        let processed = tls.process_new_packets();
        let got = chain.lock().map(|c| c.clone()).unwrap_or_default();
        if !got.is_empty() {
            let how = format!("in a TLS1.3 handshake offering only {} signature schemes", want.name());
            return Ok(Some(Presented { how, chain: got }));
        }
        if processed.is_err() || !tls.is_handshaking() {
            return Ok(None);
        }
    }
}

/// Takes the chain and ends the handshake there: nothing after the Certificate is needed.
#[derive(Debug)]
struct ChainTaker {
    chain: Arc<Mutex<Vec<Vec<u8>>>>,
    schemes: Vec<SignatureScheme>,
}

impl ServerCertVerifier for ChainTaker {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut c) = self.chain.lock() {
            *c = std::iter::once(end_entity).chain(intermediates).map(|d| d.as_ref().to_vec()).collect();
        }
        Err(rustls::Error::General("chain recorded".into()))
    }

    fn verify_tls12_signature(&self, _: &[u8], _: &CertificateDer<'_>, _: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
        Err(rustls::Error::General("not reached".into()))
    }

    fn verify_tls13_signature(&self, _: &[u8], _: &CertificateDer<'_>, _: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
        Err(rustls::Error::General("not reached".into()))
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.schemes.clone()
    }
}

/// The name a probed leaf is checked against, and whether it was sent as SNI.
#[derive(Debug, Clone)]
pub struct Checked<'a> {
    pub name: &'a str,
    pub sni_sent: bool,
}

/// Model chains for everything `target` presented: each certificate's facts, the leaf's
/// name, the order, and the trust verdict against `anchors`.
pub fn to_model(presented: &[Presented], target: &str, checked: &Checked<'_>, anchors: &Result<trust::Anchors, String>) -> Vec<PresentedChain> {
    presented
        .iter()
        .map(|p| {
            let certificates: Vec<Certificate> = p
                .chain
                .iter()
                .enumerate()
                .map(|(i, der)| {
                    let role = if i == 0 {
                        "server certificate".to_string()
                    } else {
                        format!("chain certificate {i}")
                    };
                    let state = match crate::certs::facts_from_der(der) {
                        Ok(f) => CertificateState::Loaded(f),
                        Err(reason) => CertificateState::Unreadable { reason },
                    };
                    let origin = Origin::probe(target, &format!("{role} presented {}", p.how));
                    Certificate { origin, file: None, state }
                })
                .collect();
            let leaf = match certificates.first().map(|c| &c.state) {
                Some(CertificateState::Loaded(f)) => Some(f),
                _ => None,
            };
            let trust = trust::judge(
                anchors,
                &p.chain,
                leaf.map(|f| (f.not_before, f.not_after)),
                leaf.is_some_and(|f| f.self_signed),
            );
            PresentedChain {
                origin: Origin::probe(target, &format!("chain of {} presented {}", p.chain.len(), p.how)),
                name_matches: p.chain.first().and_then(|l| crate::certs::matches_name(l, checked.name)),
                in_order: crate::certs::chain_in_order(&p.chain),
                checked_name: checked.name.to_string(),
                sni_sent: checked.sni_sent,
                trust,
                certificates,
            }
        })
        .collect()
}
