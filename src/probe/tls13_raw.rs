//! kensa's own TLS 1.3 handshake, for servers whose only TLS 1.3 groups rustls cannot do.
//!
//! rustls, and ring under it, has no secp521r1 key exchange, yet a server may be set to
//! `ssl_ecdh_curve secp521r1` (nginx) or `-groups P-521` (OpenSSL) with TLS 1.3 only. TLS 1.3
//! encrypts everything after the ServerHello (the CertificateRequest with its CA names, the
//! server's chain) and the server judges the client's Certificate only after the client's
//! Finished, so the raw engine's TLS <= 1.2 shortcut ([`client_auth_raw`](super::client_auth_raw))
//! cannot see anything there: without a handshake, client authentication and the chain would
//! stay unknown. This module completes one (RFC 8446):
//!
//! 1. a ClientHello offering the server's accepted suites that ring can do (AES-GCM,
//!    ChaCha20-Poly1305) and one key share, secp521r1 (RustCrypto `p521`);
//! 2. the key schedule (section 7.1) with ring's HKDF and HMAC over SHA-256 or SHA-384;
//! 3. the server's flight, decrypted with ring's AEAD: EncryptedExtensions,
//!    CertificateRequest (its `certificate_authorities`), Certificate (the chain and a
//!    stapled OCSP response), and the server's Finished, checked: the proof that the keys
//!    are right;
//! 4. the client's answer: a Certificate, empty or the run's throwaway certificate with its
//!    CertificateVerify, then Finished;
//! 5. what comes back under the application keys, after `GET /` over HTTPS: judged as the
//!    rustls engine judges it ([`handshake::judge_after`]).
//!
//! [`ride`] does the same on a connection of the enumeration that the server answered with
//! a HelloRetryRequest for secp521r1: the second ClientHello is the first with one
//! secp521r1 share (RFC 8446 4.1.2), the first enters the transcript as its hash (4.4.1),
//! and the client-certificate checks cost no connection of their own.
//!
//! [`other_chain`] opens the same way offering only one key type's signature schemes, to see
//! a second certificate (an RSA and an ECDSA one side by side), and stops at the chain;
//! [`ride_chain`] asks the same in the second ClientHello of an enumeration connection no
//! other check rode, and says when the answer decided nothing.
//!
//! The server's CertificateVerify signature is not checked, as the rustls engine's recording
//! verifier does not: the probe measures, it does not trust. Every read is bounded (records
//! by [`MAX_RECORD`], messages by [`MAX_HANDSHAKE_MSG`], the flight by [`MAX_FLIGHT`]) and
//! runs under the connection's deadline; a server that breaks the protocol gets a verdict of
//! "undecided" with what it did, never a panic.

use super::cert::{KeyFamily, Presented};
use super::client_cert::{ca_names, describe_ca_names, throwaway};
use super::client_hello::{
    client_hello_message, client_hello_signing, frame_records, with_key_share, with_key_share_signing, HelloSpec, KeyShares, GROUP_SECP521R1,
};
use super::enumerate::{is_reset, Conn, RawFindings};
use super::flight::{parse_server_hello, MAX_FLIGHT, MAX_HANDSHAKE_MSG, MAX_RECORD};
use super::handshake::{completed, judge_after, After, Answer, HandshakeOutcome, Present};
use super::{http, registry, ProbeError};
use crate::model::TlsVersion;
use p521::elliptic_curve::rand_core::OsRng;
use ring::{aead, digest, hkdf, hmac};
use rustls::{AlertDescription, SignatureScheme};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{timeout_at, Instant};

/// How an error says the server answered the ClientHello with an alert.
const REFUSED: &str = "the server refused the hello";

/// Groups this handshake does that rustls cannot.
pub const GROUPS: [u16; 1] = [GROUP_SECP521R1];

/// Can this handshake complete TLS 1.3 with `suite` over `group`?
pub fn can_complete(suite: u16, group: u16) -> bool {
    GROUPS.contains(&group) && Suite::of(suite).is_some()
}

/// What to offer one server: a group of [`GROUPS`] it accepts, and its accepted TLS 1.3
/// suites that ring can do, in the server's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub group: u16,
    pub suites: Vec<u16>,
}

impl Plan {
    /// The plan for a server whose TLS 1.3 the raw engine measured, when this handshake can
    /// do one of its groups and one of its suites.
    pub fn for_server(raw: &RawFindings) -> Option<Plan> {
        let group = raw.groups13.iter().copied().find(|g| GROUPS.contains(g))?;
        let suites: Vec<u16> = raw
            .suites
            .get(&TlsVersion::Tls13)?
            .iter()
            .copied()
            .filter(|&s| Suite::of(s).is_some())
            .collect();
        (!suites.is_empty()).then_some(Plan { group, suites })
    }
}

/// The algorithms of one TLS 1.3 cipher suite.
struct Suite {
    hash: &'static digest::Algorithm,
    hkdf: hkdf::Algorithm,
    hmac: hmac::Algorithm,
    aead: &'static aead::Algorithm,
}

impl Suite {
    fn of(id: u16) -> Option<Suite> {
        let sha256 = (&digest::SHA256, hkdf::HKDF_SHA256, hmac::HMAC_SHA256);
        let ((hash, hkdf, hmac), aead) = match id {
            0x1301 => (sha256, &aead::AES_128_GCM),
            0x1302 => ((&digest::SHA384, hkdf::HKDF_SHA384, hmac::HMAC_SHA384), &aead::AES_256_GCM),
            0x1303 => (sha256, &aead::CHACHA20_POLY1305),
            _ => return None,
        };
        Some(Suite { hash, hkdf, hmac, aead })
    }

    fn hash_len(&self) -> usize {
        self.hash.output_len()
    }

    fn digest(&self, data: &[u8]) -> Vec<u8> {
        digest::digest(self.hash, data).as_ref().to_vec()
    }

    /// HKDF-Extract(salt, ikm) as the key for later expansions.
    fn extract(&self, salt: &[u8], ikm: &[u8]) -> hkdf::Prk {
        hkdf::Salt::new(self.hkdf, salt).extract(ikm)
    }

    /// A secret as the key for HKDF-Expand.
    fn prk(&self, secret: &[u8]) -> hkdf::Prk {
        hkdf::Prk::new_less_safe(self.hkdf, secret)
    }

    /// Derive-Secret(secret, label, messages), given the transcript hash of the messages.
    fn derive(&self, prk: &hkdf::Prk, label: &str, transcript_hash: &[u8]) -> Result<Vec<u8>, String> {
        expand_label(prk, label, transcript_hash, self.hash_len())
    }

    /// The Finished verify_data of the side whose handshake traffic secret is `secret`.
    fn finished(&self, secret: &[u8], transcript_hash: &[u8]) -> Result<Vec<u8>, String> {
        let key = expand_label(&self.prk(secret), "finished", &[], self.hash_len())?;
        Ok(hmac::sign(&hmac::Key::new(self.hmac, &key), transcript_hash).as_ref().to_vec())
    }
}

/// An output length for ring's HKDF-Expand.
struct Len(usize);

impl hkdf::KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

/// HKDF-Expand-Label (RFC 8446 7.1).
fn expand_label(prk: &hkdf::Prk, label: &str, context: &[u8], len: usize) -> Result<Vec<u8>, String> {
    let label = format!("tls13 {label}");
    let info: [&[u8]; 5] = [
        &(len as u16).to_be_bytes(),
        &[label.len() as u8],
        label.as_bytes(),
        &[context.len() as u8],
        context,
    ];
    let mut out = vec![0; len];
    prk.expand(&info, Len(len))
        .and_then(|okm| okm.fill(&mut out))
        .map_err(|_| format!("key schedule: cannot expand {len} bytes"))?;
    Ok(out)
}

/// One direction's record protection: key, IV and sequence number.
struct Traffic {
    key: aead::LessSafeKey,
    iv: [u8; aead::NONCE_LEN],
    seq: u64,
}

impl Traffic {
    fn new(suite: &Suite, secret: &[u8]) -> Result<Traffic, String> {
        let prk = suite.prk(secret);
        let key = expand_label(&prk, "key", &[], suite.aead.key_len())?;
        let iv = expand_label(&prk, "iv", &[], aead::NONCE_LEN)?;
        let key = aead::UnboundKey::new(suite.aead, &key).map_err(|_| "key schedule: bad key length".to_string())?;
        let mut nonce = [0; aead::NONCE_LEN];
        nonce.copy_from_slice(&iv);
        Ok(Traffic {
            key: aead::LessSafeKey::new(key),
            iv: nonce,
            seq: 0,
        })
    }

    /// The per-record nonce: the IV XOR the sequence number (RFC 8446 5.3).
    fn nonce(&mut self) -> aead::Nonce {
        let mut n = self.iv;
        for (b, s) in n[4..].iter_mut().zip(self.seq.to_be_bytes()) {
            *b ^= s;
        }
        self.seq += 1;
        aead::Nonce::assume_unique_for_key(n)
    }

    /// `data` of content type `typ` as protected records.
    fn seal(&mut self, typ: u8, data: &[u8]) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        for chunk in data.chunks(16384) {
            let mut inner = chunk.to_vec();
            inner.push(typ);
            let len = inner.len() + self.key.algorithm().tag_len();
            let header = [23, 3, 3, (len >> 8) as u8, len as u8];
            let nonce = self.nonce();
            self.key
                .seal_in_place_append_tag(nonce, aead::Aad::from(header), &mut inner)
                .map_err(|_| "record encryption failed".to_string())?;
            out.extend_from_slice(&header);
            out.extend_from_slice(&inner);
        }
        Ok(out)
    }

    /// The content type and content of a protected record.
    fn open(&mut self, header: [u8; 5], mut body: Vec<u8>) -> Result<(u8, Vec<u8>), String> {
        let nonce = self.nonce();
        let plain = self
            .key
            .open_in_place(nonce, aead::Aad::from(header), &mut body)
            .map_err(|_| "a record that does not decrypt".to_string())?;
        let end = plain.iter().rposition(|&b| b != 0).ok_or("a record of padding only")?;
        Ok((plain[end], plain[..end].to_vec()))
    }
}

/// Why reading stopped.
pub(super) enum End {
    Closed(&'static str),
    Timeout,
    Bad(String),
}

/// The connection: whole records in, bytes out, all under one deadline (kensa's own TLS 1.2
/// handshake, [`tls12_raw`](super::tls12_raw), reads the same way).
pub(super) struct Wire {
    pub(super) tcp: TcpStream,
    pub(super) deadline: Instant,
    pub(super) ms: u64,
    pub(super) buf: Vec<u8>,
}

impl Wire {
    /// The next record (header, body). The buffer never holds more than one record and one read.
    pub(super) async fn record(&mut self) -> Result<([u8; 5], Vec<u8>), End> {
        loop {
            if let [typ, major, _, a, b, ..] = self.buf[..] {
                let len = usize::from(u16::from_be_bytes([a, b]));
                if !(20..=24).contains(&typ) || major != 3 {
                    return Err(End::Bad(format!("bad record header {:02x?}", &self.buf[..5])));
                }
                if len > MAX_RECORD {
                    return Err(End::Bad(format!("record length {len} > {MAX_RECORD}")));
                }
                if self.buf.len() >= 5 + len {
                    let header = [typ, major, self.buf[2], a, b];
                    let body = self.buf[5..5 + len].to_vec();
                    self.buf.drain(..5 + len);
                    return Ok((header, body));
                }
            }
            let mut chunk = [0u8; 8192];
            match timeout_at(self.deadline, self.tcp.read(&mut chunk)).await {
                Err(_) => return Err(End::Timeout),
                Ok(Ok(0)) => return Err(End::Closed("closed")),
                Ok(Ok(n)) => self.buf.extend_from_slice(&chunk[..n]),
                Ok(Err(e)) if is_reset(&e) => return Err(End::Closed("reset")),
                Ok(Err(e)) => return Err(End::Bad(format!("i/o error {e}"))),
            }
        }
    }

    pub(super) async fn send(&mut self, bytes: &[u8]) -> Result<(), String> {
        match timeout_at(self.deadline, self.tcp.write_all(bytes)).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(format!("write failed ({e})")),
            Err(_) => Err("write timed out".into()),
        }
    }
}

/// Handshake messages reassembled from record contents, within the size limits.
#[derive(Default)]
pub(super) struct Messages {
    buf: Vec<u8>,
    total: usize,
}

impl Messages {
    pub(super) fn push(&mut self, data: &[u8]) -> Result<(), String> {
        self.total += data.len();
        if self.total > MAX_FLIGHT {
            return Err(format!("handshake messages over {MAX_FLIGHT} bytes"));
        }
        self.buf.extend_from_slice(data);
        Ok(())
    }

    /// The next whole message (type and the message with its header), if one has arrived.
    pub(super) fn next(&mut self) -> Result<Option<(u8, Vec<u8>)>, String> {
        let [typ, a, b, c, ..] = self.buf[..] else { return Ok(None) };
        let len = u32::from_be_bytes([0, a, b, c]) as usize;
        if len > MAX_HANDSHAKE_MSG {
            return Err(format!("handshake message type {typ} of {len} bytes > {MAX_HANDSHAKE_MSG}"));
        }
        if self.buf.len() < 4 + len {
            return Ok(None);
        }
        Ok(Some((typ, self.buf.drain(..4 + len).collect())))
    }
}

/// A reader of TLS's length-prefixed fields; None when the input is shorter than it says.
struct Fields<'a>(&'a [u8]);

impl<'a> Fields<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }

    /// A field prefixed by its length in `width` bytes (1, 2 or 3).
    fn vec(&mut self, width: usize) -> Option<&'a [u8]> {
        let len = self.take(width)?.iter().fold(0usize, |n, &b| n << 8 | usize::from(b));
        self.take(len)
    }

    fn done(&self) -> bool {
        self.0.is_empty()
    }
}

/// Extensions (type, data) of a `extensions<..2^16-1>` field.
fn extensions(data: &[u8]) -> Option<Vec<(u16, &[u8])>> {
    let mut f = Fields(data);
    let mut out = Vec::new();
    while !f.done() {
        let typ = u16::from_be_bytes(f.take(2)?.try_into().ok()?);
        out.push((typ, f.vec(2)?));
    }
    Some(out)
}

/// What the server's encrypted flight showed.
#[derive(Debug, Default)]
struct Flight {
    /// certificate_request_context and the DER CA names of a CertificateRequest.
    request: Option<(Vec<u8>, Vec<Vec<u8>>)>,
    chain: Vec<Vec<u8>>,
    /// Was an OCSP response stapled to the leaf? None until the Certificate arrived.
    ocsp: Option<bool>,
    finished: bool,
}

impl Flight {
    /// Reads one handshake message (the whole message in `msg`, body after 4 bytes).
    fn read(&mut self, typ: u8, msg: &[u8]) -> Result<(), String> {
        let body = &msg[4..];
        match typ {
            13 => {
                let bad = || "malformed CertificateRequest".to_string();
                let mut f = Fields(body);
                let context = f.vec(1).ok_or_else(bad)?.to_vec();
                let exts = extensions(f.vec(2).ok_or_else(bad)?).ok_or_else(bad)?;
                let mut names = Vec::new();
                // certificate_authorities (47): DistinguishedName authorities<3..2^16-1>
                if let Some((_, data)) = exts.iter().find(|(t, _)| *t == 47) {
                    let mut list = Fields(Fields(data).vec(2).ok_or_else(bad)?);
                    while !list.done() {
                        names.push(list.vec(2).ok_or_else(bad)?.to_vec());
                    }
                }
                self.request = Some((context, names));
            }
            11 => {
                let bad = || "malformed Certificate".to_string();
                let mut f = Fields(body);
                f.vec(1).ok_or_else(bad)?;
                let mut list = Fields(f.vec(3).ok_or_else(bad)?);
                while !list.done() {
                    let cert = list.vec(3).ok_or_else(bad)?;
                    let exts = extensions(list.vec(2).ok_or_else(bad)?).ok_or_else(bad)?;
                    if self.chain.is_empty() {
                        // status_request (5) on the leaf carries the stapled OCSP response.
                        self.ocsp = Some(exts.iter().any(|(t, d)| *t == 5 && !d.is_empty()));
                    }
                    self.chain.push(cert.to_vec());
                }
            }
            // EncryptedExtensions, CertificateVerify: nothing kensa judges.
            8 | 15 => {}
            20 => self.finished = true,
            _ => return Err(format!("unexpected handshake message {typ} in the server's flight")),
        }
        Ok(())
    }
}

/// The client's TLS 1.3 Certificate message: `context` echoed, then no certificate or the
/// throwaway one (without extensions).
fn certificate_message(context: &[u8], present: Present) -> Result<Vec<u8>, String> {
    let certs: Vec<&[u8]> = match present {
        Present::Nothing => Vec::new(),
        Present::Throwaway => vec![&throwaway()?.der],
    };
    let list: Vec<u8> = certs.iter().flat_map(|c| [&u24(c.len())[..], c, &[0, 0]].concat()).collect();
    let body = [&[context.len() as u8][..], context, &u24(list.len()), &list].concat();
    Ok([&[11][..], &u24(body.len()), &body].concat())
}

pub(super) fn u24(n: usize) -> [u8; 3] {
    let b = (n as u32).to_be_bytes();
    [b[1], b[2], b[3]]
}

/// The client's TLS 1.3 CertificateVerify over the transcript so far (RFC 8446 4.4.3).
fn certificate_verify(transcript_hash: &[u8]) -> Result<Vec<u8>, String> {
    signed_certificate_verify(&[&[0x20; 64][..], b"TLS 1.3, client CertificateVerify\0", transcript_hash].concat())
}

/// A CertificateVerify message (scheme, signature) over `signed`, signed with the throwaway
/// key: TLS 1.3 signs a padded transcript hash, TLS 1.2 the handshake messages themselves.
pub(super) fn signed_certificate_verify(signed: &[u8]) -> Result<Vec<u8>, String> {
    let signer = throwaway()?
        .key
        .key
        .choose_scheme(&[SignatureScheme::ECDSA_NISTP256_SHA256])
        .ok_or("the throwaway key cannot sign with ecdsa_secp256r1_sha256")?;
    let sig = signer.sign(signed).map_err(|e| format!("signing CertificateVerify: {e}"))?;
    let body = [&u16::from(signer.scheme()).to_be_bytes()[..], &(sig.len() as u16).to_be_bytes(), &sig].concat();
    Ok([&[15][..], &u24(body.len()), &body].concat())
}

/// A handshake past the ServerHello: the connection, the suite, the transcript so far and
/// the handshake traffic secrets.
struct Opened {
    label: String,
    wire: Wire,
    messages: Messages,
    suite_id: u16,
    suite: Suite,
    transcript: Vec<u8>,
    handshake_secret: hkdf::Prk,
    client_hs: Vec<u8>,
    server_hs: Vec<u8>,
    server_keys: Traffic,
}

/// The label every verdict of this handshake starts with.
fn label(group: u16) -> String {
    format!("TLS1.3 with {} (kensa's own handshake)", registry::group(group).name)
}

/// Connects, sends the ClientHello with a fresh secp521r1 share (offering `sig_algs`, or
/// every scheme), reads the ServerHello and derives the handshake keys. Err when the server
/// refuses or answers with something else than the offer.
async fn open(conn: &mut Conn, plan: &Plan, sig_algs: Option<&[u16]>) -> Result<Opened, ProbeError> {
    let label = label(plan.group);
    let ms = conn.timeout_ms();
    let fail = |why: String| ProbeError::OwnTls13(format!("{label}: {why}"));
    let secret = p521::ecdh::EphemeralSecret::random(&mut OsRng);
    let public = p521::EncodedPoint::from(secret.public_key()).as_bytes().to_vec();
    let sni = conn.sni.clone();
    let spec = HelloSpec {
        version: TlsVersion::Tls13,
        suites: &plan.suites,
        groups: &[plan.group],
        key_shares: &[plan.group],
        sni: sni.as_deref(),
        offer_deflate: false,
    };
    let shares = KeyShares::only(plan.group, public);
    let hello = match sig_algs {
        Some(algs) => client_hello_signing(&spec, Some(&shares), algs),
        None => client_hello_message(&spec, Some(&shares)),
    };
    let deadline = Instant::now() + conn.timeout;
    let tcp = conn.connect(deadline).await?;
    let wire = Wire {
        tcp,
        deadline,
        ms,
        buf: Vec::new(),
    };
    let sent = Sent {
        hello: &frame_records(22, 0x0301, &hello),
        transcript: hello.clone(),
        suites: &plan.suites,
        group: plan.group,
    };
    after_hello(wire, label.clone(), secret, sent).await.map_err(fail)
}

/// A ClientHello on its way: the bytes to send, the transcript through it, and what the
/// ServerHello may choose.
struct Sent<'a> {
    hello: &'a [u8],
    transcript: Vec<u8>,
    suites: &'a [u16],
    group: u16,
}

/// Sends `sent.hello`, reads the ServerHello and derives the handshake keys.
async fn after_hello(mut wire: Wire, label: String, secret: p521::ecdh::EphemeralSecret, sent: Sent<'_>) -> Result<Opened, String> {
    let ms = wire.ms;
    wire.send(sent.hello).await?;

    // The ServerHello, in clear.
    let mut messages = Messages::default();
    let server_hello = loop {
        match messages.next()? {
            Some((2, msg)) => break msg,
            Some((typ, _)) => return Err(format!("handshake message {typ} before the ServerHello")),
            None => {}
        }
        match wire.record().await {
            Ok(([22, ..], body)) => messages.push(&body)?,
            Ok(([20, ..], _)) => continue,
            Ok(([21, ..], body)) => return Err(format!("{REFUSED} ({})", alert_text(&body))),
            Ok((h, _)) => return Err(format!("record type {} before the ServerHello", h[0])),
            Err(e) => return Err(end_text(e, ms, "ServerHello")),
        }
    };
    let sh = parse_server_hello(&server_hello[4..]).map_err(|e| e.to_string())?;
    if sh.hello_retry || sh.version != 0x0304 || sh.key_share_group != Some(sent.group) || !sent.suites.contains(&sh.suite) {
        return Err(format!(
            "the server did not take the offer (version 0x{:04x}, suite 0x{:04x}, group {:?}{})",
            sh.version,
            sh.suite,
            sh.key_share_group,
            if sh.hello_retry { ", HelloRetryRequest" } else { "" }
        ));
    }
    let suite = Suite::of(sh.suite).ok_or_else(|| format!("suite 0x{:04x} is not one this handshake does", sh.suite))?;
    let server_public = p521::PublicKey::from_sec1_bytes(&sh.key_share).map_err(|_| "the server's key share is not a secp521r1 point".to_string())?;
    let shared = secret.diffie_hellman(&server_public);

    // The key schedule up to the handshake traffic secrets.
    let transcript = [&sent.transcript[..], &server_hello].concat();
    let zeros = vec![0u8; suite.hash_len()];
    let early = suite.extract(&zeros, &zeros);
    let handshake_secret = suite.extract(&suite.derive(&early, "derived", &suite.digest(&[]))?, shared.raw_secret_bytes());
    let hash = suite.digest(&transcript);
    let client_hs = suite.derive(&handshake_secret, "c hs traffic", &hash)?;
    let server_hs = suite.derive(&handshake_secret, "s hs traffic", &hash)?;
    let server_keys = Traffic::new(&suite, &server_hs)?;
    Ok(Opened {
        label,
        wire,
        messages,
        suite_id: sh.suite,
        suite,
        transcript,
        handshake_secret,
        client_hs,
        server_hs,
        server_keys,
    })
}

/// An enumeration connection the server answered with a HelloRetryRequest for a group of
/// [`GROUPS`]: the connection, what was read past the HelloRetryRequest, the first
/// ClientHello and the HelloRetryRequest (both as handshake messages).
pub struct Retry {
    pub tcp: TcpStream,
    pub deadline: Instant,
    pub ms: u64,
    pub unread: Vec<u8>,
    pub first_hello: Vec<u8>,
    pub retry_request: Vec<u8>,
    pub suite: u16,
    pub group: u16,
}

/// [`probe`] on a connection the enumeration opened anyway: answers its HelloRetryRequest
/// with the second ClientHello (the first with one secp521r1 share, RFC 8446 4.1.2) and
/// completes the handshake there, so the client-certificate checks need no connection of
/// their own. Same verdicts and evidence as [`probe`].
pub async fn ride(retry: Retry, present: Present, http_host: Option<&str>) -> Result<HandshakeOutcome, ProbeError> {
    let group = retry.group;
    let h = answer_retry(retry, None)
        .await
        .map_err(|why| ProbeError::OwnTls13(format!("{}: {why}", label(group))))?;
    complete(h, group, present, http_host).await
}

/// Sends the second ClientHello on a HelloRetryRequest's connection (the first with one
/// secp521r1 share, and offering only `sig_algs` when given), reads the ServerHello and
/// derives the handshake keys.
async fn answer_retry(retry: Retry, sig_algs: Option<&[u16]>) -> Result<Opened, String> {
    let suite = Suite::of(retry.suite).ok_or_else(|| format!("suite 0x{:04x} is not one this handshake does", retry.suite))?;
    let secret = p521::ecdh::EphemeralSecret::random(&mut OsRng);
    let public = p521::EncodedPoint::from(secret.public_key()).as_bytes().to_vec();
    let second = match sig_algs {
        None => with_key_share(&retry.first_hello, retry.group, &public),
        Some(algs) => with_key_share_signing(&retry.first_hello, retry.group, &public, algs),
    }
    .ok_or("the first ClientHello has no key_share to replace")?;
    // RFC 8446 4.4.1: the first ClientHello enters the transcript as its hash.
    let hash_len = suite.hash_len();
    let transcript = [
        &[254, 0, 0, hash_len as u8][..],
        &suite.digest(&retry.first_hello),
        &retry.retry_request,
        &second,
    ]
    .concat();
    let wire = Wire {
        tcp: retry.tcp,
        deadline: retry.deadline,
        ms: retry.ms,
        buf: retry.unread,
    };
    let sent = Sent {
        hello: &frame_records(22, 0x0303, &second),
        transcript,
        suites: &[retry.suite],
        group: retry.group,
    };
    after_hello(wire, label(retry.group), secret, sent).await
}

/// [`other_chain`] on a connection the enumeration opened anyway: answers its
/// HelloRetryRequest with a second ClientHello offering only `want`'s signature schemes (the
/// first offered every scheme) and reads the server's flight up to the chain. RFC 8446 4.1.2
/// does not let a client change its schemes there, so only two answers decide: the chain,
/// or a `handshake_failure` alert in place of the ServerHello (OpenSSL's answer to any hello
/// whose schemes none of its certificates can sign with). Anything else (Go's
/// `illegal_parameter` for a changed hello, a close) is Err: [`other_chain`] then asks on
/// a connection of its own.
pub async fn ride_chain(retry: Retry, want: KeyFamily) -> Result<Option<Presented>, String> {
    let schemes: Vec<u16> = want.schemes().into_iter().map(u16::from).collect();
    let no_such_certificate = format!("{REFUSED} ({})", super::flight::alert_name(40));
    let mut h = match answer_retry(retry, Some(&schemes)).await {
        Ok(h) => h,
        Err(why) if why == no_such_certificate => return Ok(None),
        Err(why) => return Err(why),
    };
    let mut flight = Flight::default();
    h.read_flight(&mut flight, true).await?;
    if flight.chain.is_empty() {
        return Err("no certificate in the server's flight".into());
    }
    Ok(Some(Presented {
        how: other_how(want),
        chain: flight.chain,
    }))
}

/// How a chain asked for with only `want`'s signature schemes was seen.
fn other_how(want: KeyFamily) -> String {
    format!("in a TLS1.3 handshake offering only {} signature schemes", want.name())
}

impl Opened {
    /// Reads and decrypts the server's flight after the ServerHello into `flight`, up to its
    /// Finished (which it checks), or only up to the Certificate when `chain_only`; every
    /// message goes into the transcript.
    async fn read_flight(&mut self, flight: &mut Flight, chain_only: bool) -> Result<(), String> {
        loop {
            while let Some((typ, msg)) = self.messages.next()? {
                if typ == 20 {
                    let expected = self.suite.finished(&self.server_hs, &self.suite.digest(&self.transcript))?;
                    if msg[4..] != expected[..] {
                        return Err("the server's Finished does not verify".into());
                    }
                }
                flight.read(typ, &msg)?;
                self.transcript.extend_from_slice(&msg);
                if flight.finished || (chain_only && !flight.chain.is_empty()) {
                    return Ok(());
                }
            }
            let (header, body) = self.wire.record().await.map_err(|e| end_text(e, self.wire.ms, "server Finished"))?;
            match header[0] {
                20 => {}
                21 => return Err(format!("alert {}", alert_text(&body))),
                23 => match self.server_keys.open(header, body)? {
                    (22, data) => self.messages.push(&data)?,
                    (21, data) => return Err(format!("alert {}", alert_text(&data))),
                    (typ, _) => return Err(format!("content type {typ} inside the server's flight")),
                },
                typ => return Err(format!("record type {typ} in clear after the ServerHello")),
            }
        }
    }
}

/// Runs one handshake with `plan`, presenting `present` when the server asks, and tells how
/// the server treated it; with `http_host` (HTTPS targets) then sends `GET /` and reads the
/// answer's head. Err when nothing was learned (no connection, the hello refused, the
/// server's flight unreadable before a CertificateRequest or chain); otherwise the outcome,
/// with [`Answer::Undecided`] and what was seen when the server broke off.
pub async fn probe(conn: &mut Conn, plan: &Plan, present: Present, http_host: Option<&str>) -> Result<HandshakeOutcome, ProbeError> {
    let h = open(conn, plan, None).await?;
    complete(h, plan.group, present, http_host).await
}

/// The handshake from the server's encrypted flight on: [`probe`] and [`ride`] after their
/// ServerHello.
async fn complete(mut h: Opened, group: u16, present: Present, http_host: Option<&str>) -> Result<HandshakeOutcome, ProbeError> {
    let label = h.label.clone();
    let fail = |why: String| ProbeError::OwnTls13(format!("{label}: {why}"));
    let mut flight = Flight::default();
    let read = h.read_flight(&mut flight, false).await;
    let outcome = |flight: &Flight, answer: Answer, evidence: String| HandshakeOutcome {
        version: Some(TlsVersion::Tls13),
        suite: Some(h.suite_id),
        group: Some(group),
        chain: flight.chain.clone(),
        certificate_requested: flight.request.is_some(),
        ca_names: flight.request.as_ref().map(|(_, n)| ca_names(n.iter().map(Vec::as_slice))).unwrap_or_default(),
        answer,
        evidence,
        http: None,
        http_missing: None,
        ocsp_stapled: flight.ocsp,
    };
    let cr = flight
        .request
        .as_ref()
        .map(|(_, n)| format!("CertificateRequest ({})", describe_ca_names(&ca_names(n.iter().map(Vec::as_slice)))));
    if let Err(why) = read {
        return match &cr {
            Some(cr) => Ok(outcome(&flight, Answer::Undecided, format!("{label}: {cr}, then {why}"))),
            None if !flight.chain.is_empty() => Ok(outcome(&flight, Answer::Undecided, format!("{label}: the server's flight broke off: {why}"))),
            None => Err(fail(why)),
        };
    }

    // Application traffic secrets: from the transcript through the server's Finished.
    let suite = &h.suite;
    let hash = suite.digest(&h.transcript);
    let zeros = vec![0u8; suite.hash_len()];
    let master = suite.extract(&suite.derive(&h.handshake_secret, "derived", &suite.digest(&[])).map_err(fail)?, &zeros);
    let mut client_app = Traffic::new(suite, &suite.derive(&master, "c ap traffic", &hash).map_err(fail)?).map_err(fail)?;
    let mut server_app = Traffic::new(suite, &suite.derive(&master, "s ap traffic", &hash).map_err(fail)?).map_err(fail)?;

    // The client's answer: Certificate (and CertificateVerify), Finished.
    let what = present.what();
    let shown = completed(&label, cr.as_deref(), what);
    let undecided = |flight: &Flight, why: String| {
        let seen = cr.as_deref().unwrap_or("no CertificateRequest");
        Ok(outcome(flight, Answer::Undecided, format!("{label}: {seen}, {why}")))
    };
    let mut answer = Vec::new();
    if let Some((context, _)) = &flight.request {
        let cert = match certificate_message(context, present) {
            Ok(c) => c,
            Err(why) => return undecided(&flight, why),
        };
        h.transcript.extend_from_slice(&cert);
        answer.extend_from_slice(&cert);
        if present == Present::Throwaway {
            let cv = match certificate_verify(&suite.digest(&h.transcript)) {
                Ok(cv) => cv,
                Err(why) => return undecided(&flight, why),
            };
            h.transcript.extend_from_slice(&cv);
            answer.extend_from_slice(&cv);
        }
    }
    let verify_data = suite.finished(&h.client_hs, &suite.digest(&h.transcript)).map_err(fail)?;
    answer.extend([&[20][..], &u24(verify_data.len()), &verify_data].concat());
    let mut client_keys = Traffic::new(suite, &h.client_hs).map_err(fail)?;
    // A ChangeCipherSpec first: the hello's session id asked for middlebox compatibility.
    let mut out = vec![20, 3, 3, 0, 1, 1];
    out.extend(client_keys.seal(22, &answer).map_err(fail)?);
    let asked = flight.request.is_some();
    if http_host.is_none() && !asked {
        let _ = h.wire.send(&out).await;
        return Ok(outcome(&flight, Answer::NotAsked, shown));
    }
    let request = http_host.map_or_else(|| b"\n".to_vec(), http::request);
    out.extend(client_app.seal(23, &request).map_err(fail)?);
    if let Err(why) = h.wire.send(&out).await {
        return undecided(&flight, format!("{why} after {what}"));
    }
    let (after, ticket) = converse(&mut h.wire, &mut server_app, http_host.is_some()).await;
    let (answer, evidence, http) = judge_after(after, &shown, asked, http_host.is_some(), ticket, h.wire.ms);
    let mut o = outcome(&flight, answer, evidence);
    if http_host.is_some() && http.is_none() {
        o.http_missing = Some(o.evidence.clone());
    }
    o.http = http;
    Ok(o)
}

/// For a server whose only chain so far is of key family `seen`: one more handshake offering
/// only the other family's signature schemes, stopped once the chain arrives (the same
/// check as [`cert::other_tls13_chain`](super::cert::other_tls13_chain), for the groups
/// rustls lacks). Ok(None) when the server refuses it: it holds no such certificate.
pub async fn other_chain(conn: &mut Conn, plan: &Plan, seen: KeyFamily) -> Result<Option<Presented>, ProbeError> {
    let want = seen.other();
    let schemes: Vec<u16> = want.schemes().into_iter().map(u16::from).collect();
    let mut h = match open(conn, plan, Some(&schemes)).await {
        Ok(h) => h,
        // A refusal of the hello: no certificate the schemes allow.
        Err(ProbeError::OwnTls13(why)) if why.contains(REFUSED) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut flight = Flight::default();
    h.read_flight(&mut flight, true)
        .await
        .map_err(|why| ProbeError::OwnTls13(format!("{}: {why}", h.label)))?;
    Ok(Some(Presented {
        how: other_how(want),
        chain: flight.chain,
    }))
}

/// Reads what comes back under the application keys until something decisive: for HTTP the
/// response head, else a ticket, data, close or alert. Also says whether a ticket came.
async fn converse(wire: &mut Wire, keys: &mut Traffic, want_http: bool) -> (After, bool) {
    let mut ticket = false;
    let mut messages = Messages::default();
    let mut answer = Vec::new();
    let alert = |data: &[u8]| match data {
        [_, 0] => After::CloseNotify,
        [_, d] => After::Alert(AlertDescription::from(*d)),
        _ => After::Error("malformed alert".into()),
    };
    loop {
        let (header, body) = match wire.record().await {
            Ok(r) => r,
            Err(End::Timeout) => return (After::Timeout, ticket),
            Err(End::Closed(how)) => return (After::Eof(how), ticket),
            Err(End::Bad(why)) => return (After::Error(why), ticket),
        };
        let (typ, data) = match header[0] {
            23 => match keys.open(header, body) {
                Ok(r) => r,
                Err(why) => return (After::Error(why), ticket),
            },
            // An alert in clear: the server could not read the client's records.
            21 => (21, body),
            20 => continue,
            typ => return (After::Error(format!("record type {typ} in clear")), ticket),
        };
        match typ {
            21 => return (alert(&data), ticket),
            22 => {
                if let Err(why) = messages.push(&data) {
                    return (After::Error(why), ticket);
                }
                // NewSessionTicket (4); KeyUpdate and the like change nothing kensa reads.
                while let Ok(Some((t, _))) = messages.next() {
                    ticket |= t == 4;
                }
                if ticket && !want_http {
                    return (After::Ticket, ticket);
                }
            }
            23 if want_http => {
                answer.extend_from_slice(&data);
                match http::parse(&answer) {
                    http::Head::Partial => {}
                    http::Head::Done(a) => return (After::Http(a), ticket),
                    http::Head::Invalid(why) => return (After::NotHttp(why), ticket),
                }
            }
            23 => return (After::Data, ticket),
            typ => return (After::Error(format!("content type {typ}")), ticket),
        }
    }
}

/// `certificate_required` for an alert record's body.
pub(super) fn alert_text(body: &[u8]) -> String {
    match body {
        [_, d] => super::flight::alert_name(*d),
        _ => "malformed alert".into(),
    }
}

/// "connection closed before the ServerHello", "no server Finished within 5000 ms".
pub(super) fn end_text(e: End, ms: u64, waiting_for: &str) -> String {
    match e {
        End::Closed(how) => format!("connection {how} before the {waiting_for}"),
        End::Timeout => format!("no {waiting_for} within {ms} ms"),
        End::Bad(why) => why,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Bytes from hex digits (published test vectors; [`tls12_raw`](super::super::tls12_raw)'s tests too).
    pub(in crate::probe) fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    /// RFC 8448 section 3 (a simple 1-RTT handshake, TLS_AES_128_GCM_SHA256): from the
    /// published (EC)DHE shared secret and transcript hashes, the key schedule must give
    /// the published traffic secrets, keys and IVs.
    #[test]
    fn key_schedule_matches_rfc8448() {
        let suite = Suite::of(0x1301).unwrap();
        let zeros = vec![0u8; 32];
        let early = suite.extract(&zeros, &zeros);
        let derived = suite.derive(&early, "derived", &suite.digest(&[])).unwrap();
        assert_eq!(derived, hex("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"));
        let shared = hex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");
        let hs = suite.extract(&derived, &shared);
        // Transcript hash of ClientHello..ServerHello in RFC 8448 section 3.
        let ch_sh = hex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8");
        let server_hs = suite.derive(&hs, "s hs traffic", &ch_sh).unwrap();
        assert_eq!(server_hs, hex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38"));
        let client_hs = suite.derive(&hs, "c hs traffic", &ch_sh).unwrap();
        assert_eq!(client_hs, hex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21"));
        let prk = suite.prk(&server_hs);
        assert_eq!(expand_label(&prk, "key", &[], 16).unwrap(), hex("3fce516009c21727d0f2e4e86ee403bc"));
        assert_eq!(expand_label(&prk, "iv", &[], 12).unwrap(), hex("5d313eb2671276ee13000b30"));
        assert_eq!(
            expand_label(&prk, "finished", &[], 32).unwrap(),
            hex("008d3b66f816ea559f96b537e885c31fc068bf492c652f01f288a1d8cdc19fc8")
        );
        // Application traffic secrets, from the transcript hash through the server's Finished.
        let master = suite.extract(&suite.derive(&hs, "derived", &suite.digest(&[])).unwrap(), &zeros);
        let ch_sf = hex("9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13");
        assert_eq!(
            suite.derive(&master, "c ap traffic", &ch_sf).unwrap(),
            hex("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5")
        );
        assert_eq!(
            suite.derive(&master, "s ap traffic", &ch_sf).unwrap(),
            hex("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643")
        );
    }

    #[test]
    fn records_round_trip_and_tampering_is_refused() {
        let suite = Suite::of(0x1302).unwrap();
        let secret = vec![7u8; 48];
        let mut tx = Traffic::new(&suite, &secret).unwrap();
        let mut rx = Traffic::new(&suite, &secret).unwrap();
        let rec = tx.seal(22, b"hello").unwrap();
        let header: [u8; 5] = rec[..5].try_into().unwrap();
        assert_eq!(rx.open(header, rec[5..].to_vec()).unwrap(), (22, b"hello".to_vec()));
        let mut bad = tx.seal(23, b"data").unwrap();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(rx.open(header, bad[5..].to_vec()).is_err());
    }

    #[test]
    fn hostile_messages_are_errors_not_panics() {
        let mut m = Messages::default();
        m.push(&[13, 0, 0, 3, 0]).unwrap();
        assert_eq!(m.next(), Ok(None));
        m.push(&[0, 0]).unwrap();
        let (typ, msg) = m.next().unwrap().unwrap();
        let mut f = Flight::default();
        // context empty, extensions length 0: no CA names
        f.read(typ, &msg).unwrap();
        assert_eq!(f.request, Some((vec![], vec![])));
        // lengths beyond the message
        for body in [&[5u8][..], &[0, 0, 9], &[0, 0, 6, 0, 47, 0, 2, 0, 9]] {
            let msg = [&[13, 0, 0, body.len() as u8][..], body].concat();
            assert!(Flight::default().read(13, &msg).is_err(), "{body:?}");
        }
        let msg = [&[11u8, 0, 0, 5][..], &[0, 0, 0, 9, 1]].concat();
        assert!(Flight::default().read(11, &msg).is_err());
        assert!(Flight::default().read(4, &[4, 0, 0, 0]).is_err());
        let mut big = Messages::default();
        big.push(&[11, 0xff, 0xff, 0xff]).unwrap();
        assert!(big.next().is_err());
        assert!(Messages::default().push(&vec![0; MAX_FLIGHT + 1]).is_err());
    }

    #[test]
    fn a_certificate_with_a_stapled_response_and_the_ca_names() {
        let der = throwaway().unwrap().der.clone();
        let mut msg = certificate_message(&[], Present::Throwaway).unwrap();
        // The client's message has the server's layout: read it back, then staple a response.
        let mut f = Flight::default();
        f.read(11, &msg).unwrap();
        assert_eq!((f.chain.clone(), f.ocsp), (vec![der.clone()], Some(false)));
        let n = msg.len();
        msg.truncate(n - 2);
        msg.extend_from_slice(&[0, 7, 0, 5, 0, 3, 1, 0, 0]);
        let fix = |m: &mut Vec<u8>| {
            let body = m.len() - 4;
            m[1..4].copy_from_slice(&u24(body));
            m[5..8].copy_from_slice(&u24(body - 4));
        };
        fix(&mut msg);
        let mut f = Flight::default();
        f.read(11, &msg).unwrap();
        assert_eq!(f.ocsp, Some(true));
        assert_eq!(certificate_message(&[1, 2], Present::Nothing).unwrap(), vec![11, 0, 0, 6, 2, 1, 2, 0, 0, 0]);
    }
}
