//! kensa's own TLS 1.2 handshake, for HTTPS servers whose only TLS 1.2 suites are ones
//! rustls lacks: AES-CBC, finite-field DHE and static RSA key exchange.
//!
//! rustls has no CBC, DHE or static RSA suites, so on a server that accepts only
//! `ECDHE-RSA-AES128-SHA`, `DHE-RSA-AES128-GCM-SHA256` or `AES128-SHA256` and the like, no
//! rustls handshake completes, and the raw engine's TLS <= 1.2 shortcut
//! ([`client_auth_raw`](super::client_auth_raw)) sees only what the TLS layer does with a
//! client Certificate. A web server may let the handshake through and refuse the request
//! (nginx `ssl_verify_client on` answers HTTP 400), and the same answer carries HSTS: both
//! need the request sent and the answer read. This module completes the handshake (RFC 5246):
//!
//! 1. the server's flight up to ServerHelloDone, as the raw engine read it (its handshake
//!    messages enter the transcript as received);
//! 2. the key exchange: ECDHE over P-256, P-384 or X25519 with ring's `agreement` (the
//!    ServerKeyExchange's curve and point); DHE with the ServerKeyExchange's prime and
//!    generator, or the premaster secret encrypted to the certificate's RSA key
//!    ([`tls12_kx`], bounded sizes);
//! 3. the client's answer: a Certificate when asked (empty, or the run's throwaway one with
//!    its CertificateVerify), the ClientKeyExchange, ChangeCipherSpec and Finished;
//! 4. the master secret (extended, RFC 7627, when the server agreed to it), the key block
//!    and the Finished values with the TLS 1.2 PRF (section 5, HMAC from ring);
//! 5. records protected with AES-CBC (RustCrypto `aes` and `cbc`: ring has no CBC mode) and
//!    HMAC-SHA1/SHA256/SHA384, MAC-then-encrypt with an explicit IV per record (section
//!    6.2.3.2), or encrypt-then-MAC when the server agreed to it (RFC 7366); or with AES-GCM
//!    from ring (RFC 5288: a 4-byte salt from the key block, an 8-byte explicit nonce);
//! 6. the server's Finished, checked: the proof that the keys are right; then `GET /` and
//!    the answer's head, judged as the rustls engine judges it ([`judge_after`]).
//!
//! It is a probe of the server, not a secure channel: the server's certificate chain and its
//! ServerKeyExchange signature are not verified (the chain is measured separately, as for
//! the rustls engine's recording verifier), nothing secret is sent, and the connection is
//! closed after the answer's head. [`ride`] runs on a connection the enumeration opened
//! anyway, so the check costs no connection of its own when that connection chose a suite
//! (and curve, or DH group, or RSA key) this handshake can do. Every read is bounded and
//! runs under the connection's deadline; a server that breaks the protocol gets
//! "undecided" or an error, never a panic.

use super::client_auth_raw::certificate_message;
use super::client_cert::{ca_names, describe_ca_names};
use super::client_hello::{client_hello_message, frame_records, HelloSpec, GROUP_SECP256R1, GROUP_X25519};
use super::enumerate::{exchange_keep, Answer as Hello, Conn, RawFindings};
use super::flight::{alert_name, ServerFlight, StopAt};
use super::handshake::{completed, is_cert_refusal, judge_after, After, Answer, HandshakeOutcome, Present};
use super::tls12_kx::{DhParams, RsaKey};
use super::tls13_raw::{end_text, signed_certificate_verify, u24, End, Messages, Wire};
use super::{http, registry, ProbeError};
use crate::model::TlsVersion;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use ring::rand::{SecureRandom, SystemRandom};
use ring::{aead, agreement, digest, hmac};
use rustls::AlertDescription;
use tokio::net::TcpStream;
use tokio::time::Instant;

/// secp384r1's code point.
const GROUP_SECP384R1: u16 = 0x0018;

/// ServerHello extensions that change the handshake: extended_master_secret (RFC 7627)
/// and encrypt_then_mac (RFC 7366). kensa's TLS <= 1.2 hellos offer both.
const EXT_EXTENDED_MASTER_SECRET: u16 = 23;
const EXT_ENCRYPT_THEN_MAC: u16 = 22;

/// AES block size, and the explicit IV's length.
const BLOCK: usize = 16;

/// How the premaster secret is agreed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Exchange {
    Ecdhe,
    Dhe,
    Rsa,
}

/// How records are protected: AES-CBC with this HMAC, or AES-GCM.
#[derive(Clone, Copy)]
enum Protect {
    Cbc(hmac::Algorithm),
    Gcm(&'static aead::Algorithm),
}

/// The algorithms of one suite (RFC 5246, RFC 4492, RFC 5288, RFC 5289).
#[derive(Clone, Copy)]
struct Suite {
    exchange: Exchange,
    key_len: usize,
    protect: Protect,
    /// The PRF's HMAC, and the Finished transcript hash that goes with it.
    prf: hmac::Algorithm,
    hash: &'static digest::Algorithm,
}

impl Suite {
    fn of(id: u16) -> Option<Suite> {
        use Exchange::{Dhe, Ecdhe, Rsa};
        let sha1 = Protect::Cbc(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY);
        let sha256 = Protect::Cbc(hmac::HMAC_SHA256);
        let (gcm128, gcm256) = (Protect::Gcm(&aead::AES_128_GCM), Protect::Gcm(&aead::AES_256_GCM));
        let prf256 = (hmac::HMAC_SHA256, &digest::SHA256);
        let prf384 = (hmac::HMAC_SHA384, &digest::SHA384);
        let (exchange, key_len, protect, (prf, hash)) = match id {
            // ECDHE-{ECDSA,RSA}-AES128-SHA, -AES256-SHA
            0xC009 | 0xC013 => (Ecdhe, 16, sha1, prf256),
            0xC00A | 0xC014 => (Ecdhe, 32, sha1, prf256),
            // ECDHE-{ECDSA,RSA}-AES128-SHA256, -AES256-SHA384
            0xC023 | 0xC027 => (Ecdhe, 16, sha256, prf256),
            0xC024 | 0xC028 => (Ecdhe, 32, Protect::Cbc(hmac::HMAC_SHA384), prf384),
            // ECDHE-{ECDSA,RSA}-AES128-GCM-SHA256, -AES256-GCM-SHA384
            0xC02B | 0xC02F => (Ecdhe, 16, gcm128, prf256),
            0xC02C | 0xC030 => (Ecdhe, 32, gcm256, prf384),
            // DHE-{DSS,RSA}-AES128-SHA, -AES256-SHA, -AES128-SHA256, -AES256-SHA256
            0x0032 | 0x0033 => (Dhe, 16, sha1, prf256),
            0x0038 | 0x0039 => (Dhe, 32, sha1, prf256),
            0x0040 | 0x0067 => (Dhe, 16, sha256, prf256),
            0x006A | 0x006B => (Dhe, 32, sha256, prf256),
            // DHE-RSA-AES128-GCM-SHA256, -AES256-GCM-SHA384, and the DSS ones
            0x009E | 0x00A2 => (Dhe, 16, gcm128, prf256),
            0x009F | 0x00A3 => (Dhe, 32, gcm256, prf384),
            // AES128-SHA, AES256-SHA, AES128-SHA256, AES256-SHA256 (static RSA)
            0x002F => (Rsa, 16, sha1, prf256),
            0x0035 => (Rsa, 32, sha1, prf256),
            0x003C => (Rsa, 16, sha256, prf256),
            0x003D => (Rsa, 32, sha256, prf256),
            // AES128-GCM-SHA256, AES256-GCM-SHA384 (static RSA)
            0x009C => (Rsa, 16, gcm128, prf256),
            0x009D => (Rsa, 32, gcm256, prf384),
            _ => return None,
        };
        Some(Suite {
            exchange,
            key_len,
            protect,
            prf,
            hash,
        })
    }

    /// The MAC key length (none for AES-GCM).
    fn mac_len(&self) -> usize {
        match self.protect {
            Protect::Cbc(mac) => mac.digest_algorithm().output_len(),
            Protect::Gcm(_) => 0,
        }
    }

    fn digest(&self, data: &[u8]) -> Vec<u8> {
        digest::digest(self.hash, data).as_ref().to_vec()
    }
}

/// ring's key agreement for a curve this handshake does.
fn curve(group: u16) -> Option<&'static agreement::Algorithm> {
    match group {
        GROUP_SECP256R1 => Some(&agreement::ECDH_P256),
        GROUP_SECP384R1 => Some(&agreement::ECDH_P384),
        GROUP_X25519 => Some(&agreement::X25519),
        _ => None,
    }
}

/// Can this handshake complete TLS 1.2 with `suite`, over the ECDHE curve `group` when the
/// suite's key exchange is ECDHE (DHE and static RSA take no curve)?
pub fn can_complete(suite: u16, group: u16) -> bool {
    Suite::of(suite).is_some_and(|s| s.exchange != Exchange::Ecdhe || curve(group).is_some())
}

/// Can it complete the handshake this flight began (its suite; the curve of its ECDHE
/// ServerKeyExchange, the DH group of a DHE one, the RSA key of the certificate for static
/// RSA; no compression)?
pub fn completes(flight: &ServerFlight) -> bool {
    let Some(h) = &flight.hello else { return false };
    let Some(suite) = Suite::of(h.suite) else { return false };
    let ske = flight.server_key_exchange.as_deref();
    h.version == TlsVersion::Tls12.wire()
        && h.compression == 0
        && match suite.exchange {
            Exchange::Ecdhe => ske.and_then(ske_point).is_some_and(|(g, _)| curve(g).is_some()),
            Exchange::Dhe => ske.is_some_and(|ske| DhParams::read(ske).is_ok()),
            Exchange::Rsa => ske.is_none() && flight.certificates.first().is_some_and(|der| RsaKey::of_certificate(der).is_ok()),
        }
}

/// What to offer one server on a connection of this handshake's own: its accepted TLS 1.2
/// suites this handshake can do, in the server's order, and its curves likewise (none when
/// no ECDHE suite is offered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub suites: Vec<u16>,
    pub curves: Vec<u16>,
}

impl Plan {
    /// The plan for a server whose TLS 1.2 the raw engine measured, when this handshake can
    /// do one of its suites (an ECDHE one only with one of its curves).
    pub fn for_server(raw: &RawFindings) -> Option<Plan> {
        let curves: Vec<u16> = raw.curves12.iter().copied().filter(|&g| curve(g).is_some()).collect();
        let suites: Vec<u16> = raw
            .suites
            .get(&TlsVersion::Tls12)?
            .iter()
            .copied()
            .filter(|&s| Suite::of(s).is_some_and(|s| s.exchange != Exchange::Ecdhe || !curves.is_empty()))
            .collect();
        let ecdhe = suites.iter().any(|&s| Suite::of(s).is_some_and(|s| s.exchange == Exchange::Ecdhe));
        (!suites.is_empty()).then(|| Plan {
            suites,
            curves: if ecdhe { curves } else { Vec::new() },
        })
    }
}

/// The curve and the public point of an ECDHE ServerKeyExchange (RFC 4492 5.4:
/// named_curve(3), the curve, a point of 1..255 bytes; the signature after it is not read).
pub fn ske_point(ske: &[u8]) -> Option<(u16, &[u8])> {
    match ske {
        [3, a, b, len, rest @ ..] if *len > 0 => Some((u16::from_be_bytes([*a, *b]), rest.get(..usize::from(*len))?)),
        _ => None,
    }
}

/// The TLS 1.2 PRF (RFC 5246 5): P_hash(secret, label + seed), `len` bytes.
fn prf(alg: hmac::Algorithm, secret: &[u8], label: &str, seed: &[u8], len: usize) -> Vec<u8> {
    let key = hmac::Key::new(alg, secret);
    let seed = [label.as_bytes(), seed].concat();
    let mut a = hmac::sign(&key, &seed);
    let mut out = Vec::with_capacity(len + alg.digest_algorithm().output_len());
    while out.len() < len {
        let mut ctx = hmac::Context::with_key(&key);
        ctx.update(a.as_ref());
        ctx.update(&seed);
        out.extend_from_slice(ctx.sign().as_ref());
        a = hmac::sign(&key, a.as_ref());
    }
    out.truncate(len);
    out
}

/// AES-CBC over whole blocks in place (TLS pads its own way: no padding here), with the
/// key size the suite uses.
fn cbc_encrypt(key: &[u8], iv: &[u8], data: &mut [u8]) -> Result<(), String> {
    let len = data.len();
    let bad = |_| "record encryption: bad key, IV or block length".to_string();
    match key.len() {
        16 => cbc::Encryptor::<aes::Aes128>::new_from_slices(key, iv)
            .map_err(bad)?
            .encrypt_padded_mut::<NoPadding>(data, len)
            .map(|_| ()),
        _ => cbc::Encryptor::<aes::Aes256>::new_from_slices(key, iv)
            .map_err(bad)?
            .encrypt_padded_mut::<NoPadding>(data, len)
            .map(|_| ()),
    }
    .map_err(|_| "record encryption: not whole blocks".to_string())
}

fn cbc_decrypt(key: &[u8], iv: &[u8], data: &mut [u8]) -> Result<(), String> {
    let bad = |_| "record decryption: bad key, IV or block length".to_string();
    match key.len() {
        16 => cbc::Decryptor::<aes::Aes128>::new_from_slices(key, iv)
            .map_err(bad)?
            .decrypt_padded_mut::<NoPadding>(data)
            .map(|_| ()),
        _ => cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv)
            .map_err(bad)?
            .decrypt_padded_mut::<NoPadding>(data)
            .map(|_| ()),
    }
    .map_err(|_| "record decryption: not whole blocks".to_string())
}

/// One direction's record protection: AES key, MAC key, sequence number, and whether the
/// MAC comes after the encryption (RFC 7366) or before it (RFC 5246 6.2.3.2).
pub struct Cbc {
    key: Vec<u8>,
    mac: hmac::Key,
    mac_len: usize,
    etm: bool,
    seq: u64,
}

impl Cbc {
    fn new(mac: hmac::Algorithm, key: &[u8], mac_key: &[u8], etm: bool) -> Cbc {
        Cbc {
            key: key.to_vec(),
            mac: hmac::Key::new(mac, mac_key),
            mac_len: mac.digest_algorithm().output_len(),
            etm,
            seq: 0,
        }
    }

    /// AES-CBC with `key` (16 or 32 bytes) and HMAC-SHA1 with `mac_key`, sequence 0: for the
    /// fuzz target and tests, which open records the way the handshake does.
    pub fn sha1(key: &[u8], mac_key: &[u8], etm: bool) -> Cbc {
        Cbc::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, key, mac_key, etm)
    }

    /// HMAC over seq_num, type, version, length and `data` (RFC 5246 6.2.3.1).
    fn tag(&self, seq: u64, typ: u8, version: [u8; 2], data: &[u8]) -> hmac::Tag {
        let mut ctx = hmac::Context::with_key(&self.mac);
        ctx.update(&seq.to_be_bytes());
        ctx.update(&[typ, version[0], version[1]]);
        ctx.update(&(data.len() as u16).to_be_bytes());
        ctx.update(data);
        ctx.sign()
    }

    /// `data` of content type `typ` as protected records (each at most 2^14 bytes of plain text).
    pub fn seal(&mut self, typ: u8, data: &[u8]) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let rng = SystemRandom::new();
        for chunk in data.chunks(16384) {
            let seq = self.seq;
            self.seq += 1;
            let mut iv = [0u8; BLOCK];
            rng.fill(&mut iv).map_err(|_| "no randomness for the record IV".to_string())?;
            let mut plain = chunk.to_vec();
            if !self.etm {
                plain.extend_from_slice(self.tag(seq, typ, [3, 3], chunk).as_ref());
            }
            // Padding: n+1 bytes of value n, up to a whole block (6.2.3.2).
            let pad = BLOCK - 1 - plain.len() % BLOCK;
            plain.extend(std::iter::repeat_n(pad as u8, pad + 1));
            cbc_encrypt(&self.key, &iv, &mut plain)?;
            let mut body = [&iv[..], &plain].concat();
            if self.etm {
                let tag = self.tag(seq, typ, [3, 3], &body);
                body.extend_from_slice(tag.as_ref());
            }
            out.extend_from_slice(&[typ, 3, 3]);
            out.extend_from_slice(&(body.len() as u16).to_be_bytes());
            out.extend_from_slice(&body);
        }
        Ok(out)
    }

    /// The content of a protected record, or why it is not one.
    pub fn open(&mut self, header: [u8; 5], mut body: Vec<u8>) -> Result<Vec<u8>, String> {
        let (typ, version) = (header[0], [header[1], header[2]]);
        let bad = || "a record that does not decrypt".to_string();
        let forged = || "a record whose MAC does not verify".to_string();
        let seq = self.seq;
        self.seq += 1;
        if self.etm {
            let split = body.len().checked_sub(self.mac_len).ok_or_else(bad)?;
            if self.tag(seq, typ, version, &body[..split]).as_ref() != &body[split..] {
                return Err(forged());
            }
            body.truncate(split);
        }
        if body.len() < 2 * BLOCK || body.len() % BLOCK != 0 {
            return Err(bad());
        }
        let mut plain = body.split_off(BLOCK);
        cbc_decrypt(&self.key, &body, &mut plain)?;
        let pad = usize::from(*plain.last().ok_or_else(bad)?);
        let mac_len = if self.etm { 0 } else { self.mac_len };
        let end = plain.len().checked_sub(pad + 1 + mac_len).ok_or_else(bad)?;
        if plain[end + mac_len..].iter().any(|&b| usize::from(b) != pad) {
            return Err(bad());
        }
        if !self.etm && self.tag(seq, typ, version, &plain[..end]).as_ref() != &plain[end..end + mac_len] {
            return Err(forged());
        }
        plain.truncate(end);
        Ok(plain)
    }
}

/// One direction's AES-GCM record protection (RFC 5288): the key, the 4-byte salt from the
/// key block, and the sequence number, which is also the explicit nonce kensa sends.
pub struct Gcm {
    key: aead::LessSafeKey,
    salt: [u8; 4],
    seq: u64,
}

/// GCM's explicit nonce and tag lengths.
const EXPLICIT_NONCE: usize = 8;
const TAG: usize = 16;

impl Gcm {
    /// `alg` (AES-128-GCM or AES-256-GCM) with `key` and `salt`, sequence 0.
    pub fn new(alg: &'static aead::Algorithm, key: &[u8], salt: [u8; 4]) -> Result<Gcm, String> {
        let key = aead::UnboundKey::new(alg, key).map_err(|_| "record protection: bad AES-GCM key".to_string())?;
        Ok(Gcm {
            key: aead::LessSafeKey::new(key),
            salt,
            seq: 0,
        })
    }

    /// AES-128-GCM or AES-256-GCM by the key's length, sequence 0: for the fuzz target,
    /// which opens records the way the handshake does.
    pub fn aes(key: &[u8], salt: [u8; 4]) -> Result<Gcm, String> {
        Gcm::new(if key.len() == 16 { &aead::AES_128_GCM } else { &aead::AES_256_GCM }, key, salt)
    }

    /// The nonce (salt and explicit part) and the additional data (RFC 5246 6.2.3.3).
    fn nonce_aad(&self, seq: u64, explicit: &[u8], typ: u8, version: [u8; 2], len: usize) -> Result<(aead::Nonce, aead::Aad<[u8; 13]>), String> {
        let nonce: [u8; 12] = [&self.salt[..], explicit]
            .concat()
            .try_into()
            .map_err(|_| "a short explicit nonce".to_string())?;
        let mut aad = [0u8; 13];
        aad[..8].copy_from_slice(&seq.to_be_bytes());
        aad[8..11].copy_from_slice(&[typ, version[0], version[1]]);
        aad[11..].copy_from_slice(&(len as u16).to_be_bytes());
        Ok((aead::Nonce::assume_unique_for_key(nonce), aead::Aad::from(aad)))
    }

    pub fn seal(&mut self, typ: u8, data: &[u8]) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        for chunk in data.chunks(16384) {
            let seq = self.seq;
            self.seq += 1;
            let explicit = seq.to_be_bytes();
            let (nonce, aad) = self.nonce_aad(seq, &explicit, typ, [3, 3], chunk.len())?;
            let mut sealed = chunk.to_vec();
            self.key
                .seal_in_place_append_tag(nonce, aad, &mut sealed)
                .map_err(|_| "record encryption failed".to_string())?;
            out.extend_from_slice(&[typ, 3, 3]);
            out.extend_from_slice(&((EXPLICIT_NONCE + sealed.len()) as u16).to_be_bytes());
            out.extend_from_slice(&explicit);
            out.extend_from_slice(&sealed);
        }
        Ok(out)
    }

    pub fn open(&mut self, header: [u8; 5], body: Vec<u8>) -> Result<Vec<u8>, String> {
        let seq = self.seq;
        self.seq += 1;
        let len = body
            .len()
            .checked_sub(EXPLICIT_NONCE + TAG)
            .ok_or_else(|| "a record too short for AES-GCM".to_string())?;
        let (explicit, sealed) = body.split_at(EXPLICIT_NONCE);
        let (nonce, aad) = self.nonce_aad(seq, explicit, header[0], [header[1], header[2]], len)?;
        let mut sealed = sealed.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, aad, &mut sealed)
            .map_err(|_| "a record that does not decrypt and verify".to_string())?;
        Ok(plain.to_vec())
    }
}

/// One direction's record protection, as the suite says. Two exist per handshake, so the
/// size of the GCM variant (ring's AES key schedule) does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Records {
    Cbc(Cbc),
    Gcm(Gcm),
}

impl Records {
    pub fn seal(&mut self, typ: u8, data: &[u8]) -> Result<Vec<u8>, String> {
        match self {
            Records::Cbc(c) => c.seal(typ, data),
            Records::Gcm(g) => g.seal(typ, data),
        }
    }

    pub fn open(&mut self, header: [u8; 5], body: Vec<u8>) -> Result<Vec<u8>, String> {
        match self {
            Records::Cbc(c) => c.open(header, body),
            Records::Gcm(g) => g.open(header, body),
        }
    }
}

/// The label every verdict of this handshake starts with.
fn label(suite: u16) -> String {
    format!("TLS1.2 with {} (kensa's own handshake)", registry::suite_name(suite))
}

/// Runs one handshake on a connection of its own, offering the `plan`'s suites and curves,
/// presenting `present` when asked; over HTTPS then `GET /`. As [`ride`].
pub async fn probe(conn: &mut Conn, plan: &Plan, present: Present, http_host: Option<&str>) -> Result<HandshakeOutcome, ProbeError> {
    let sni = conn.sni.clone();
    let spec = HelloSpec {
        version: TlsVersion::Tls12,
        suites: &plan.suites,
        groups: &plan.curves,
        key_shares: &[],
        sni: sni.as_deref(),
        offer_deflate: false,
    };
    let hello = client_hello_message(&spec, None);
    let ms = conn.timeout_ms();
    let (answer, stream) = exchange_keep(conn, &frame_records(22, 0x0301, &hello), StopAt::ServerHelloDone).await?;
    match (answer, stream) {
        (Hello::Flight(f), Some(stream)) if completes(&f) => ride(stream, ms, &hello, &f, present, http_host).await,
        (Hello::Flight(ServerFlight { hello: Some(h), .. }), _) => Err(ProbeError::OwnTls12(format!(
            "the server answered the offer with {} and nothing this handshake can go on from",
            registry::suite_name(h.suite)
        ))),
        (answer, _) => Err(ProbeError::OwnTls12(format!("the server did not take the offer ({})", answer.refusal()))),
    }
}

/// The handshake after the server's flight `flight` (answering the ClientHello message
/// `hello`, on the still open `stream`): presents `present` when asked, then over HTTPS sends
/// `GET /` and reads the answer. Err when nothing was learned; otherwise the outcome, with
/// [`Answer::Undecided`] and what was seen when the server broke off.
pub async fn ride(
    stream: (TcpStream, Instant),
    ms: u64,
    hello: &[u8],
    flight: &ServerFlight,
    present: Present,
    http_host: Option<&str>,
) -> Result<HandshakeOutcome, ProbeError> {
    let Some(sh) = flight.hello.as_ref().filter(|_| flight.hello_done) else {
        return Err(ProbeError::OwnTls12("no complete server flight".into()));
    };
    let fail = |why: String| ProbeError::OwnTls12(format!("{}: {why}", label(sh.suite)));
    let suite = Suite::of(sh.suite).ok_or_else(|| fail("a suite this handshake does not do".into()))?;
    let client_version = hello
        .get(4..6)
        .and_then(|v| v.try_into().ok())
        .ok_or_else(|| fail("a short ClientHello".into()))?;
    let Exchanged { group, pms, cke } = key_exchange(&suite, flight, client_version).map_err(fail)?;
    let unread = flight.unread.clone().ok_or_else(|| fail("the server's flight was cut in a message".into()))?;
    let wire = Wire {
        tcp: stream.0,
        deadline: stream.1,
        ms,
        buf: unread,
    };
    let own = Own {
        label: label(sh.suite),
        suite,
        group,
        wire,
        transcript: [hello, &flight.messages].concat(),
        client_random: hello.get(6..38).ok_or_else(|| fail("a short ClientHello".into()))?.to_vec(),
        server_random: flight.messages.get(6..38).ok_or_else(|| fail("a short ServerHello".into()))?.to_vec(),
        ems: sh.extensions.contains(&EXT_EXTENDED_MASTER_SECRET),
        etm: sh.extensions.contains(&EXT_ENCRYPT_THEN_MAC),
    };
    own.finish(flight, &pms, &cke, present, http_host).await.map_err(fail)
}

/// What the key exchange gave: the ECDHE curve (None for DHE and static RSA), the premaster
/// secret and the ClientKeyExchange message.
struct Exchanged {
    group: Option<u16>,
    pms: Vec<u8>,
    cke: Vec<u8>,
}

/// The key exchange the suite names, with what the server's flight offers.
fn key_exchange(suite: &Suite, flight: &ServerFlight, client_version: [u8; 2]) -> Result<Exchanged, String> {
    let ske = flight.server_key_exchange.as_deref();
    match suite.exchange {
        Exchange::Ecdhe => {
            let (group, point) = ske.and_then(ske_point).ok_or("no ECDHE ServerKeyExchange")?;
            let alg = curve(group).ok_or_else(|| format!("curve {} is not one this handshake does", registry::group(group).name))?;
            let rng = SystemRandom::new();
            let secret = agreement::EphemeralPrivateKey::generate(alg, &rng).map_err(|_| "no key pair for the key exchange".to_string())?;
            let public = secret.compute_public_key().map_err(|_| "no public key for the key exchange".to_string())?;
            let pms = agreement::agree_ephemeral(secret, &agreement::UnparsedPublicKey::new(alg, point), |k| k.to_vec())
                .map_err(|_| format!("the server's key share is not a {} point", registry::group(group).name))?;
            let public = public.as_ref();
            let cke = [&[16][..], &u24(public.len() + 1), &[public.len() as u8], public].concat();
            Ok(Exchanged { group: Some(group), pms, cke })
        }
        Exchange::Dhe => {
            let (pms, cke) = DhParams::read(ske.ok_or("no DHE ServerKeyExchange")?)?.agree()?;
            Ok(Exchanged { group: None, pms, cke })
        }
        Exchange::Rsa => {
            if ske.is_some() {
                return Err("a ServerKeyExchange with static RSA key exchange".into());
            }
            let leaf = flight.certificates.first().ok_or("no server certificate to encrypt the premaster secret to")?;
            let (pms, cke) = RsaKey::of_certificate(leaf)?.encrypt_premaster(client_version)?;
            Ok(Exchanged { group: None, pms, cke })
        }
    }
}

/// A TLS 1.2 handshake past the server's flight.
struct Own {
    label: String,
    suite: Suite,
    /// The ECDHE curve; None for DHE and static RSA.
    group: Option<u16>,
    wire: Wire,
    transcript: Vec<u8>,
    client_random: Vec<u8>,
    server_random: Vec<u8>,
    ems: bool,
    etm: bool,
}

/// The key block's parts for both directions.
struct Keys {
    master: Vec<u8>,
    client: Records,
    server: Records,
}

impl Own {
    /// The master secret (RFC 7627 when `ems`, else RFC 5246 8.1) and the key block (6.3):
    /// MAC keys and AES keys for CBC; AES keys and 4-byte salts for GCM (RFC 5288 3).
    fn keys(&self, pms: &[u8], session_hash: &[u8]) -> Result<Keys, String> {
        let s = &self.suite;
        let master = if self.ems {
            prf(s.prf, pms, "extended master secret", session_hash, 48)
        } else {
            prf(s.prf, pms, "master secret", &[&self.client_random[..], &self.server_random].concat(), 48)
        };
        let (m, k) = (s.mac_len(), s.key_len);
        let iv = if matches!(s.protect, Protect::Gcm(_)) { 4 } else { 0 };
        let block = prf(
            s.prf,
            &master,
            "key expansion",
            &[&self.server_random[..], &self.client_random].concat(),
            2 * m + 2 * k + 2 * iv,
        );
        let (client_mac, rest) = block.split_at(m);
        let (server_mac, rest) = rest.split_at(m);
        let (client_key, rest) = rest.split_at(k);
        let (server_key, rest) = rest.split_at(k);
        let (client_iv, server_iv) = rest.split_at(iv);
        let records = |key: &[u8], mac_key: &[u8], salt: &[u8]| match s.protect {
            Protect::Cbc(mac) => Ok(Records::Cbc(Cbc::new(mac, key, mac_key, self.etm))),
            Protect::Gcm(alg) => Gcm::new(alg, key, salt.try_into().map_err(|_| "a short key block".to_string())?).map(Records::Gcm),
        };
        Ok(Keys {
            client: records(client_key, client_mac, client_iv)?,
            server: records(server_key, server_mac, server_iv)?,
            master,
        })
    }

    /// A Finished message's verify_data (RFC 5246 7.4.9).
    fn verify_data(&self, master: &[u8], label: &str) -> Vec<u8> {
        prf(self.suite.prf, master, label, &self.suite.digest(&self.transcript), 12)
    }

    async fn finish(mut self, flight: &ServerFlight, pms: &[u8], cke: &[u8], present: Present, http_host: Option<&str>) -> Result<HandshakeOutcome, String> {
        let asked = flight.certificate_request;
        let names = ca_names(flight.certificate_authorities.iter().map(Vec::as_slice));
        let cr = asked.then(|| format!("CertificateRequest ({})", describe_ca_names(&names)));
        let what = present.what();
        let label = self.label.clone();
        let group = self.group;
        let outcome = |answer: Answer, evidence: String| HandshakeOutcome {
            version: Some(TlsVersion::Tls12),
            suite: flight.hello.as_ref().map(|h| h.suite),
            group,
            chain: flight.certificates.clone(),
            certificate_requested: asked,
            ca_names: names.clone(),
            answer,
            evidence,
            http: None,
            http_missing: None,
            ocsp_stapled: flight.hello.as_ref().map(|h| h.status_request && flight.certificate_status),
        };

        // The client's flight: Certificate, ClientKeyExchange, CertificateVerify.
        let mut clear = Vec::new();
        if asked {
            clear.extend(certificate_message(present).map_err(|e| e.to_string())?);
        }
        clear.extend_from_slice(cke);
        self.transcript.extend_from_slice(&clear);
        let session_hash = self.suite.digest(&self.transcript);
        if asked && present == Present::Throwaway {
            let cv = signed_certificate_verify(&self.transcript)?;
            self.transcript.extend_from_slice(&cv);
            clear.extend_from_slice(&cv);
        }
        let Keys {
            master,
            client: mut client_keys,
            server: mut server_keys,
        } = self.keys(pms, &session_hash)?;
        let finished = [&[20, 0, 0, 12][..], &self.verify_data(&master, "client finished")].concat();
        self.transcript.extend_from_slice(&finished);
        let mut out = frame_records(22, 0x0303, &clear);
        out.extend_from_slice(&[20, 3, 3, 0, 1, 1]);
        out.extend(client_keys.seal(22, &finished)?);
        if let Some(host) = http_host {
            out.extend(client_keys.seal(23, &http::request(host))?);
        }
        let undecided = |why: String| {
            let seen = cr.as_deref().unwrap_or("no CertificateRequest");
            Ok(outcome(Answer::Undecided, format!("{label}: {seen}, {why}")))
        };
        if let Err(why) = self.wire.send(&out).await {
            return undecided(format!("{why} after {what}"));
        }

        // The server's ChangeCipherSpec and Finished (a NewSessionTicket may come first).
        let ms = self.wire.ms;
        if let Err(stop) = self.server_finished(&mut server_keys, &master).await {
            // The server judged the client Certificate before its Finished: a certificate
            // alert there is its refusal.
            return match (&cr, stop) {
                (Some(cr), Stop::Alert(d)) if is_cert_refusal(AlertDescription::from(d)) => {
                    let ev = format!("{label}: {cr}, then alert {} after {what}", alert_name(d));
                    Ok(outcome(Answer::Refused, ev))
                }
                (_, Stop::Alert(d)) => undecided(format!("then alert {} after {what}", alert_name(d))),
                (_, Stop::Other(why)) => undecided(format!("then {why} after {what}")),
            };
        }
        let shown = completed(&label, cr.as_deref(), what);
        if http_host.is_none() {
            let answer = if asked { Answer::Accepted } else { Answer::NotAsked };
            return Ok(outcome(answer, shown));
        }
        let after = converse(&mut self.wire, &mut server_keys).await;
        let (answer, evidence, http) = judge_after(after, &shown, asked, true, false, ms);
        let mut o = outcome(answer, evidence);
        if http.is_none() {
            o.http_missing = Some(o.evidence.clone());
        }
        o.http = http;
        Ok(o)
    }
}

/// Why the server's Finished did not come.
enum Stop {
    Alert(u8),
    Other(String),
}

impl From<String> for Stop {
    fn from(why: String) -> Stop {
        Stop::Other(why)
    }
}

impl Own {
    /// Reads the server's ChangeCipherSpec and Finished (checked against the transcript,
    /// to which a NewSessionTicket before them belongs).
    async fn server_finished(&mut self, keys: &mut Records, master: &[u8]) -> Result<(), Stop> {
        let mut messages = Messages::default();
        let mut encrypted = false;
        loop {
            let (header, body) = self.wire.record().await.map_err(|e| end_text(e, self.wire.ms, "server Finished"))?;
            let data = match header[0] {
                20 if !encrypted => {
                    encrypted = true;
                    continue;
                }
                _ if encrypted => keys.open(header, body)?,
                _ => body,
            };
            match (header[0], &data[..]) {
                (21, [_, d]) => return Err(Stop::Alert(*d)),
                (22, _) => messages.push(&data)?,
                (typ, _) => return Err(Stop::Other(format!("record type {typ} before the server's Finished"))),
            }
            while let Some((t, msg)) = messages.next()? {
                match t {
                    20 if encrypted => {
                        if msg[4..] != self.verify_data(master, "server finished")[..] {
                            return Err(Stop::Other("the server's Finished does not verify".into()));
                        }
                        return Ok(());
                    }
                    4 if !encrypted => self.transcript.extend_from_slice(&msg),
                    t => return Err(Stop::Other(format!("handshake message {t} before the server's Finished"))),
                }
            }
        }
    }
}

/// Reads the answer's head under the server's keys, or what came instead.
async fn converse(wire: &mut Wire, keys: &mut Records) -> After {
    let mut answer = Vec::new();
    loop {
        let (header, body) = match wire.record().await {
            Ok(r) => r,
            Err(End::Timeout) => return After::Timeout,
            Err(End::Closed(how)) => return After::Eof(how),
            Err(End::Bad(why)) => return After::Error(why),
        };
        let data = match keys.open(header, body) {
            Ok(d) => d,
            Err(why) => return After::Error(why),
        };
        match header[0] {
            21 => {
                return match data[..] {
                    [_, 0] => After::CloseNotify,
                    [_, d] => After::Alert(AlertDescription::from(d)),
                    _ => After::Error("malformed alert".into()),
                }
            }
            23 => {
                answer.extend_from_slice(&data);
                match http::parse(&answer) {
                    http::Head::Partial => {}
                    http::Head::Done(a) => return After::Http(a),
                    http::Head::Invalid(why) => return After::NotHttp(why),
                }
            }
            // A HelloRequest or the like changes nothing kensa reads.
            22 => {}
            typ => return After::Error(format!("content type {typ}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tls13_raw::tests::hex;
    use super::*;

    /// The P_SHA256 test vector circulated on the IETF TLS working group's list
    /// (mail-archive/web/tls/current/msg03416.html), used by BearSSL and others.
    #[test]
    fn prf_matches_the_published_sha256_vector() {
        let out = prf(
            hmac::HMAC_SHA256,
            &hex("9bbe436ba940f017b17652849a71db35"),
            "test label",
            &hex("a0ba9f936cda311827a6f796ffd5198c"),
            100,
        );
        let want = "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66";
        assert_eq!(out, hex(want));
    }

    #[test]
    fn records_round_trip_both_ways_and_tampering_is_refused() {
        for (key, etm) in [(16, false), (32, false), (16, true), (32, true)] {
            let mut tx = Cbc::sha1(&vec![7; key], &[9; 20], etm);
            let mut rx = Cbc::sha1(&vec![7; key], &[9; 20], etm);
            for msg in [&b"GET / HTTP/1.1\r\n\r\n"[..], &[0u8; 16], &[1u8; 300], &[2u8; 16384]] {
                let rec = tx.seal(23, msg).unwrap();
                let header: [u8; 5] = rec[..5].try_into().unwrap();
                assert_eq!(usize::from(u16::from_be_bytes([header[3], header[4]])), rec.len() - 5);
                assert_eq!(rx.open(header, rec[5..].to_vec()).unwrap(), msg, "{key} {etm}");
            }
            let rec = tx.seal(23, b"data").unwrap();
            let header: [u8; 5] = rec[..5].try_into().unwrap();
            let mut bad = rec[5..].to_vec();
            bad[20] ^= 1;
            assert!(rx.open(header, bad).is_err(), "{key} {etm}");
            // Out of sequence: the MAC covers the sequence number.
            tx.seal(23, b"one, never delivered").unwrap();
            let second = tx.seal(23, b"two").unwrap();
            assert!(rx.open(second[..5].try_into().unwrap(), second[5..].to_vec()).is_err());
        }
    }

    /// The suite table against the registry's IANA names: key exchange, AES key size, mode
    /// and MAC, so that a mistyped code point cannot pass as another suite.
    #[test]
    fn the_suite_table_agrees_with_the_iana_names() {
        let mut seen = 0;
        for id in 0..=u16::MAX {
            let Some(s) = Suite::of(id) else { continue };
            seen += 1;
            let name = registry::suite_name(id);
            let kx = match s.exchange {
                Exchange::Ecdhe => name.starts_with("TLS_ECDHE_"),
                Exchange::Dhe => name.starts_with("TLS_DHE_"),
                Exchange::Rsa => name.starts_with("TLS_RSA_WITH_"),
            };
            let aes = name.contains(if s.key_len == 16 { "_AES_128_" } else { "_AES_256_" });
            let mode = match s.protect {
                Protect::Gcm(alg) => name.contains("_GCM_") && alg.key_len() == s.key_len,
                Protect::Cbc(mac) => {
                    let tail = match mac.digest_algorithm().output_len() {
                        20 => "_CBC_SHA",
                        32 => "_CBC_SHA256",
                        _ => "_CBC_SHA384",
                    };
                    name.ends_with(tail)
                }
            };
            let prf = name.ends_with("SHA384") == (s.hash == &digest::SHA384);
            assert!(kx && aes && mode && prf, "{id:#06x} {name}");
        }
        assert_eq!(seen, 30);
    }

    #[test]
    fn gcm_records_round_trip_and_tampering_is_refused() {
        for (alg, key) in [(&aead::AES_128_GCM, 16), (&aead::AES_256_GCM, 32)] {
            let mut tx = Gcm::new(alg, &vec![7; key], [1, 2, 3, 4]).unwrap();
            let mut rx = Gcm::new(alg, &vec![7; key], [1, 2, 3, 4]).unwrap();
            for msg in [&b"GET / HTTP/1.1\r\n\r\n"[..], &[0u8; 1], &[2u8; 16384]] {
                let rec = tx.seal(23, msg).unwrap();
                let header: [u8; 5] = rec[..5].try_into().unwrap();
                assert_eq!(usize::from(u16::from_be_bytes([header[3], header[4]])), rec.len() - 5);
                assert_eq!(rx.open(header, rec[5..].to_vec()).unwrap(), msg);
            }
            let rec = tx.seal(23, b"data").unwrap();
            let header: [u8; 5] = rec[..5].try_into().unwrap();
            let mut bad = rec[5..].to_vec();
            bad[10] ^= 1;
            assert!(rx.open(header, bad).is_err());
            // The additional data covers the content type and the sequence number.
            let rec = tx.seal(23, b"data").unwrap();
            assert!(rx.open([22, 3, 3, rec[3], rec[4]], rec[5..].to_vec()).is_err());
            for body in [vec![], vec![0; 23], vec![0; 24], vec![0xff; 40]] {
                assert!(rx.open([23, 3, 3, 0, 0], body).is_err());
            }
        }
    }

    #[test]
    fn hostile_records_and_key_exchanges_are_errors_not_panics() {
        let mut rx = Cbc::sha1(&[7; 16], &[9; 20], false);
        for body in [vec![], vec![0; 15], vec![0; 16], vec![0; 33], vec![0xff; 32], vec![0; 64]] {
            assert!(rx.open([23, 3, 3, 0, 0], body).is_err());
        }
        let mut rx = Cbc::sha1(&[7; 32], &[9; 20], true);
        for body in [vec![], vec![0; 19], vec![0; 52]] {
            assert!(rx.open([23, 3, 3, 0, 0], body).is_err());
        }
        assert_eq!(ske_point(&[3, 0, 0x17, 2, 4, 9, 0xff]), Some((0x17, &[4u8, 9][..])));
        for ske in [&[][..], &[3, 0, 0x17], &[3, 0, 0x17, 0], &[3, 0, 0x17, 5, 4], &[1, 0, 0x17, 1, 4]] {
            assert_eq!(ske_point(ske), None, "{ske:?}");
        }
        assert!(can_complete(0xC013, GROUP_X25519) && can_complete(0xC028, GROUP_SECP384R1));
        assert!(can_complete(0xC02F, GROUP_X25519) && can_complete(0x002F, 0x0019) && can_complete(0x009E, 0x0019));
        // ECDHE over secp521r1 is not done, nor suites outside the table (CHACHA20, CAMELLIA).
        assert!(!can_complete(0xC013, 0x0019) && !can_complete(0xCCA8, GROUP_X25519) && !can_complete(0x0041, GROUP_X25519));
    }
}
