//! Hand-written ClientHello writer for SSL 3.0, TLS 1.0-1.2 and TLS 1.3.
//!
//! The raw engine never completes a handshake: it sends one of these, reads the server's
//! first flight and closes. So the hello may offer everything in the registry (including
//! suites no local library implements); only the TLS 1.3 key shares must be real points,
//! because a server checks them before answering.

use crate::model::TlsVersion;
use ring::agreement;
use ring::rand::{SecureRandom, SystemRandom};

/// Largest ClientHello the writer produces; servers may reject larger ones.
pub const MAX_HELLO: usize = 16 * 1024;

pub const EXT_SERVER_NAME: u16 = 0;
pub const EXT_STATUS_REQUEST: u16 = 5;
pub const EXT_SUPPORTED_GROUPS: u16 = 10;
pub const EXT_EC_POINT_FORMATS: u16 = 11;
pub const EXT_SIGNATURE_ALGORITHMS: u16 = 13;
pub const EXT_PADDING: u16 = 21;
pub const EXT_ENCRYPT_THEN_MAC: u16 = 22;
pub const EXT_EXTENDED_MASTER_SECRET: u16 = 23;
pub const EXT_SESSION_TICKET: u16 = 35;
pub const EXT_SUPPORTED_VERSIONS: u16 = 43;
pub const EXT_PSK_KEY_EXCHANGE_MODES: u16 = 45;
pub const EXT_KEY_SHARE: u16 = 51;
pub const EXT_RENEGOTIATION_INFO: u16 = 0xff01;

pub const GROUP_X25519: u16 = 0x001d;
pub const GROUP_SECP256R1: u16 = 0x0017;
pub const GROUP_SECP521R1: u16 = 0x0019;

/// Signature schemes offered: everything registered, legacy SHA-1/MD5 included, so the
/// server can pick whatever its certificate needs.
const SIG_ALGS: &[u16] = &[
    0x0403, 0x0503, 0x0603, // ecdsa_secp*_sha*
    0x0807, 0x0808, // ed25519, ed448
    0x0804, 0x0805, 0x0806, // rsa_pss_rsae_*
    0x0809, 0x080a, 0x080b, // rsa_pss_pss_*
    0x081a, 0x081b, 0x081c, // ecdsa_brainpool*tls13
    0x0401, 0x0501, 0x0601, // rsa_pkcs1_*
    0x0303, 0x0301, 0x0302, // sha224 ecdsa/rsa/dsa
    0x0402, 0x0502, 0x0602, // dsa_sha2
    0x0203, 0x0201, 0x0202, // sha1 ecdsa/rsa/dsa
    0x0101, // rsa md5
];

/// Ephemeral key shares for TLS 1.3 hellos. Generated once per endpoint and reused: the
/// handshakes never reach the point where the secret is used.
pub struct KeyShares {
    pub x25519: Vec<u8>,
    pub secp256r1: Vec<u8>,
    /// A share for a group ring cannot do, made by the caller that completes the
    /// handshake ([`tls13_raw`](super::tls13_raw): secp521r1).
    pub other: Option<(u16, Vec<u8>)>,
}

impl KeyShares {
    pub fn generate() -> Result<Self, String> {
        let rng = SystemRandom::new();
        let public = |alg: &'static agreement::Algorithm| -> Result<Vec<u8>, String> {
            let k = agreement::EphemeralPrivateKey::generate(alg, &rng).map_err(|_| "key generation failed")?;
            let p = k.compute_public_key().map_err(|_| "key generation failed")?;
            Ok(p.as_ref().to_vec())
        };
        Ok(KeyShares {
            x25519: public(&agreement::X25519)?,
            secp256r1: public(&agreement::ECDH_P256)?,
            other: None,
        })
    }

    /// Only a share for `group`, whose public key the caller made.
    pub fn only(group: u16, public: Vec<u8>) -> Self {
        KeyShares {
            x25519: Vec::new(),
            secp256r1: Vec::new(),
            other: Some((group, public)),
        }
    }

    fn share(&self, group: u16) -> Option<&[u8]> {
        let share = match group {
            GROUP_X25519 => &self.x25519,
            GROUP_SECP256R1 => &self.secp256r1,
            _ => &self.other.as_ref().filter(|(g, _)| *g == group)?.1,
        };
        (!share.is_empty()).then_some(share.as_slice())
    }
}

/// What one ClientHello offers.
#[derive(Debug, Clone)]
pub struct HelloSpec<'a> {
    /// Highest version offered. TLS1.3 means `supported_versions = [TLS1.3]` only.
    pub version: TlsVersion,
    pub suites: &'a [u16],
    /// supported_groups content (empty = extension left out).
    pub groups: &'a [u16],
    /// TLS 1.3: groups to send key shares for (those [`KeyShares`] holds);
    /// an empty list sends an empty key_share, asking the server to pick (HelloRetryRequest).
    pub key_shares: &'a [u16],
    pub sni: Option<&'a str>,
    /// Offer DEFLATE before null compression (TLS <= 1.2).
    pub offer_deflate: bool,
}

/// Big-endian byte writer with back-patched length prefixes.
#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_be_bytes());
    }
    pub fn u24(&mut self, v: usize) {
        debug_assert!(v < 1 << 24);
        self.buf.extend_from_slice(&(v as u32).to_be_bytes()[1..]);
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }
    /// Writes `f`'s output prefixed by its length in `width` bytes (1, 2 or 3).
    pub fn len_prefixed(&mut self, width: usize, f: impl FnOnce(&mut Writer)) {
        let at = self.buf.len();
        self.buf.extend(std::iter::repeat_n(0, width));
        f(self);
        let len = self.buf.len() - at - width;
        assert!(len < 1 << (8 * width), "length prefix overflow");
        let be = (len as u32).to_be_bytes();
        self.buf[at..at + width].copy_from_slice(&be[4 - width..]);
    }
    fn ext(&mut self, typ: u16, f: impl FnOnce(&mut Writer)) {
        self.u16(typ);
        self.len_prefixed(2, f);
    }
}

fn random32() -> [u8; 32] {
    let mut r = [0u8; 32];
    // SystemRandom only fails when the OS has no randomness source; a zero random is
    // still a valid hello for probing.
    let _ = SystemRandom::new().fill(&mut r);
    r
}

/// The handshake message (type 1 + length + body), without record framing.
pub fn client_hello_message(spec: &HelloSpec<'_>, shares: Option<&KeyShares>) -> Vec<u8> {
    client_hello_signing(spec, shares, SIG_ALGS)
}

/// [`client_hello_message`] offering only the signature schemes `sig_algs`: a TLS 1.3
/// server picks its certificate by them, so this asks for one key type's certificate.
pub fn client_hello_signing(spec: &HelloSpec<'_>, shares: Option<&KeyShares>, sig_algs: &[u16]) -> Vec<u8> {
    let tls13 = spec.version == TlsVersion::Tls13;
    let ssl3 = spec.version == TlsVersion::Ssl3;
    let mut w = Writer::default();
    w.u8(1);
    w.len_prefixed(3, |w| {
        w.u16(if tls13 { 0x0303 } else { spec.version.wire() });
        w.bytes(&random32());
        if tls13 {
            // A non-empty legacy session id: middlebox-compatibility mode, as browsers send.
            w.len_prefixed(1, |w| w.bytes(&random32()));
        } else {
            w.u8(0);
        }
        w.len_prefixed(2, |w| {
            for &s in spec.suites {
                w.u16(s);
            }
            if ssl3 {
                w.u16(0x00ff); // TLS_EMPTY_RENEGOTIATION_INFO_SCSV: SSL 3.0 carries no extensions
            }
        });
        if tls13 || !spec.offer_deflate {
            w.bytes(&[1, 0]);
        } else {
            w.bytes(&[2, 1, 0]);
        }
        if ssl3 {
            return;
        }
        w.len_prefixed(2, |w| {
            if let Some(name) = spec.sni {
                w.ext(EXT_SERVER_NAME, |w| {
                    w.len_prefixed(2, |w| {
                        w.u8(0);
                        w.len_prefixed(2, |w| w.bytes(name.as_bytes()));
                    })
                });
            }
            if !tls13 {
                w.ext(EXT_RENEGOTIATION_INFO, |w| w.u8(0));
            }
            if !spec.groups.is_empty() {
                w.ext(EXT_SUPPORTED_GROUPS, |w| w.len_prefixed(2, |w| spec.groups.iter().for_each(|&g| w.u16(g))));
                w.ext(EXT_EC_POINT_FORMATS, |w| w.len_prefixed(1, |w| w.bytes(&[0, 1, 2])));
            }
            if spec.version >= TlsVersion::Tls12 {
                w.ext(EXT_SIGNATURE_ALGORITHMS, |w| w.len_prefixed(2, |w| sig_algs.iter().for_each(|&s| w.u16(s))));
            }
            w.ext(EXT_SESSION_TICKET, |_| {});
            w.ext(EXT_STATUS_REQUEST, |w| w.bytes(&[1, 0, 0, 0, 0]));
            w.ext(EXT_EXTENDED_MASTER_SECRET, |_| {});
            if !tls13 {
                w.ext(EXT_ENCRYPT_THEN_MAC, |_| {});
            }
            if tls13 {
                w.ext(EXT_SUPPORTED_VERSIONS, |w| w.len_prefixed(1, |w| w.u16(0x0304)));
                w.ext(EXT_PSK_KEY_EXCHANGE_MODES, |w| w.bytes(&[1, 1]));
                w.ext(EXT_KEY_SHARE, |w| {
                    w.len_prefixed(2, |w| {
                        for &g in spec.key_shares {
                            if let Some(k) = shares.and_then(|s| s.share(g)) {
                                w.u16(g);
                                w.len_prefixed(2, |w| w.bytes(k));
                            }
                        }
                    })
                });
            }
        });
    });
    // Pad handshake messages of 256..=511 bytes to at least 512: some middleboxes and old
    // F5 stacks hang on that size (RFC 7685).
    let total = w.buf.len();
    if !ssl3 && (256..512).contains(&total) {
        let pad = 512usize.saturating_sub(total + 4);
        let mut body = w.buf;
        body.extend_from_slice(&EXT_PADDING.to_be_bytes());
        body.extend_from_slice(&(pad as u16).to_be_bytes());
        body.extend(std::iter::repeat_n(0, pad));
        fix_lengths(&mut body, pad + 4);
        return body;
    }
    w.buf
}

/// Adds `extra` to the handshake length and the extensions length of a finished hello.
fn fix_lengths(msg: &mut [u8], extra: usize) {
    let hl = u32::from_be_bytes([0, msg[1], msg[2], msg[3]]) as usize + extra;
    msg[1..4].copy_from_slice(&(hl as u32).to_be_bytes()[1..]);
    // Walk to the extensions length: version(2) random(32) sid cs comp.
    let mut p = 4 + 2 + 32;
    p += 1 + msg[p] as usize;
    p += 2 + u16::from_be_bytes([msg[p], msg[p + 1]]) as usize;
    p += 1 + msg[p] as usize;
    let el = u16::from_be_bytes([msg[p], msg[p + 1]]) as usize + extra;
    msg[p..p + 2].copy_from_slice(&(el as u16).to_be_bytes());
}

/// The second ClientHello after a HelloRetryRequest: `first` (a hello this module wrote)
/// with its key_share list replaced by one share of `group`, everything else byte for byte
/// the same, as RFC 8446 4.1.2 requires. None when `first` has no key_share or does not
/// parse.
pub fn with_key_share(first: &[u8], group: u16, public: &[u8]) -> Option<Vec<u8>> {
    second_hello(first, group, public, None)
}

/// [`with_key_share`] offering only the signature schemes `sig_algs`: a question RFC 8446
/// 4.1.2 does not let a client ask in its second ClientHello, asked where the first hello's
/// connection would otherwise be closed unused (the second-certificate check,
/// [`tls13_raw::ride_chain`](super::tls13_raw::ride_chain)). None as for [`with_key_share`],
/// or when `first` has no signature_algorithms.
pub fn with_key_share_signing(first: &[u8], group: u16, public: &[u8], sig_algs: &[u16]) -> Option<Vec<u8>> {
    second_hello(first, group, public, Some(sig_algs))
}

fn second_hello(first: &[u8], group: u16, public: &[u8], sig_algs: Option<&[u16]>) -> Option<Vec<u8>> {
    // version(2) random(32), then session id, suites, compression methods, extensions.
    let mut p = 4 + 2 + 32;
    p += 1 + usize::from(*first.get(p)?);
    p += 2 + usize::from(u16::from_be_bytes([*first.get(p)?, *first.get(p + 1)?]));
    p += 1 + usize::from(*first.get(p)?);
    let ext_len = usize::from(u16::from_be_bytes([*first.get(p)?, *first.get(p + 1)?]));
    let mut exts = first.get(p + 2..p + 2 + ext_len)?;
    let mut w = Writer::default();
    let (mut replaced, mut signing) = (false, sig_algs.is_none());
    while !exts.is_empty() {
        let typ = u16::from_be_bytes([*exts.first()?, *exts.get(1)?]);
        let len = usize::from(u16::from_be_bytes([*exts.get(2)?, *exts.get(3)?]));
        let data = exts.get(4..4 + len)?;
        exts = &exts[4 + len..];
        if typ == EXT_KEY_SHARE {
            replaced = true;
            w.ext(typ, |w| {
                w.len_prefixed(2, |w| {
                    w.u16(group);
                    w.len_prefixed(2, |w| w.bytes(public));
                })
            });
        } else if let (EXT_SIGNATURE_ALGORITHMS, Some(algs)) = (typ, sig_algs) {
            signing = true;
            w.ext(typ, |w| w.len_prefixed(2, |w| algs.iter().for_each(|&s| w.u16(s))));
        } else {
            w.u16(typ);
            w.len_prefixed(2, |w| w.bytes(data));
        }
    }
    if !(replaced && signing) {
        return None;
    }
    let mut msg = Writer::default();
    msg.u8(1);
    msg.len_prefixed(3, |m| {
        m.bytes(&first[4..p]);
        m.len_prefixed(2, |m| m.bytes(&w.buf));
    });
    Some(msg.buf)
}

/// Frames a handshake message into records (split at 2^14 bytes).
pub fn frame_records(content_type: u8, record_version: u16, msg: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(msg.len() + 5 * (msg.len() / 16384 + 1));
    for chunk in msg.chunks(16384) {
        out.push(content_type);
        out.extend_from_slice(&record_version.to_be_bytes());
        out.extend_from_slice(&(chunk.len() as u16).to_be_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

/// A complete ClientHello as sent on the wire.
pub fn client_hello(spec: &HelloSpec<'_>, shares: Option<&KeyShares>) -> Vec<u8> {
    let msg = client_hello_message(spec, shares);
    let rv = if spec.version == TlsVersion::Ssl3 { 0x0300 } else { 0x0301 };
    frame_records(22, rv, &msg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tls_parser::{parse_tls_plaintext, TlsMessage, TlsMessageHandshake};

    fn parse(bytes: &[u8]) -> (u16, Vec<u16>, Vec<u8>, Option<Vec<u8>>) {
        let (rest, rec) = parse_tls_plaintext(bytes).expect("record");
        assert!(rest.is_empty());
        match &rec.msg[0] {
            TlsMessage::Handshake(TlsMessageHandshake::ClientHello(ch)) => (
                ch.version.0,
                ch.ciphers.iter().map(|c| c.0).collect(),
                ch.comp.iter().map(|c| c.0).collect(),
                ch.ext.map(|e| e.to_vec()),
            ),
            other => panic!("not a ClientHello: {other:?}"),
        }
    }

    fn ext_types(mut e: &[u8]) -> Vec<u16> {
        let mut out = vec![];
        while e.len() >= 4 {
            let t = u16::from_be_bytes([e[0], e[1]]);
            let l = u16::from_be_bytes([e[2], e[3]]) as usize;
            out.push(t);
            e = &e[4 + l..];
        }
        assert!(e.is_empty());
        out
    }

    #[test]
    fn tls12_hello_round_trips_through_tls_parser() {
        let suites = crate::probe::registry::suites_for(TlsVersion::Tls12);
        let groups = crate::probe::registry::all_groups();
        let spec = HelloSpec {
            version: TlsVersion::Tls12,
            suites: &suites,
            groups: &groups,
            key_shares: &[],
            sni: Some("example.org"),
            offer_deflate: true,
        };
        let bytes = client_hello(&spec, None);
        assert!(bytes.len() < MAX_HELLO);
        let (v, cs, comp, ext) = parse(&bytes);
        assert_eq!(v, 0x0303);
        assert_eq!(cs, suites);
        assert_eq!(comp, vec![1, 0]);
        let types = ext_types(&ext.unwrap());
        for t in [
            EXT_SERVER_NAME,
            EXT_RENEGOTIATION_INFO,
            EXT_SUPPORTED_GROUPS,
            EXT_SIGNATURE_ALGORITHMS,
            EXT_STATUS_REQUEST,
        ] {
            assert!(types.contains(&t), "{t}");
        }
        assert!(!types.contains(&EXT_SUPPORTED_VERSIONS));
    }

    #[test]
    fn tls13_hello_has_versions_and_real_shares() {
        let shares = KeyShares::generate().unwrap();
        assert_eq!(shares.x25519.len(), 32);
        assert_eq!(shares.secp256r1.len(), 65);
        let spec = HelloSpec {
            version: TlsVersion::Tls13,
            suites: &[0x1301, 0x1302],
            groups: &[GROUP_X25519, GROUP_SECP256R1],
            key_shares: &[GROUP_X25519, GROUP_SECP256R1],
            sni: None,
            offer_deflate: true,
        };
        let bytes = client_hello(&spec, Some(&shares));
        let (v, cs, comp, ext) = parse(&bytes);
        assert_eq!((v, cs, comp), (0x0303, vec![0x1301, 0x1302], vec![0]));
        let types = ext_types(&ext.unwrap());
        assert!(types.contains(&EXT_SUPPORTED_VERSIONS) && types.contains(&EXT_KEY_SHARE));
        // padded out of the 256..511 range
        assert!(bytes.len() - 5 >= 512 || bytes.len() - 5 < 256, "{}", bytes.len());
    }

    /// The hello that answers a HelloRetryRequest is the first with only the key share
    /// changed: same random, session id, suites and every other extension in order.
    #[test]
    fn second_hello_changes_only_the_key_share() {
        let shares = KeyShares::generate().unwrap();
        let spec = HelloSpec {
            version: TlsVersion::Tls13,
            suites: &[0x1301, 0x1302, 0x1303],
            groups: &[GROUP_X25519, GROUP_SECP521R1],
            key_shares: &[],
            sni: Some("portal.example"),
            offer_deflate: false,
        };
        let first = client_hello_message(&spec, Some(&shares));
        let public = vec![4u8; 133];
        let second = with_key_share(&first, GROUP_SECP521R1, &public).unwrap();
        let record = |m: &[u8]| frame_records(22, 0x0301, m);
        let (v1, cs1, _, e1) = parse(&record(&first));
        let (v2, cs2, _, e2) = parse(&record(&second));
        assert_eq!((v1, &cs1), (v2, &cs2));
        assert_eq!(first[4..4 + 2 + 32 + 33], second[4..4 + 2 + 32 + 33], "version, random, session id");
        let (e1, e2) = (e1.unwrap(), e2.unwrap());
        assert_eq!(ext_types(&e1), ext_types(&e2));
        let share = [&[0, 137, 0, 0x19, 0, 133][..], &public].concat();
        assert!(e2.windows(share.len()).any(|w| w == share), "one secp521r1 share");
        assert_eq!(e1.len() + share.len() - 2, e2.len(), "nothing else changed size");
        assert_eq!(u32::from_be_bytes([0, second[1], second[2], second[3]]) as usize, second.len() - 4);
        assert_eq!(with_key_share(&first[..40], GROUP_SECP521R1, &public), None);
        let legacy = client_hello_message(
            &HelloSpec {
                version: TlsVersion::Tls12,
                ..spec
            },
            None,
        );
        assert_eq!(with_key_share(&legacy, GROUP_SECP521R1, &public), None, "no key_share to replace");

        // Offering only ECDSA schemes: the signature_algorithms content changes, nothing else
        // but the key share, and every extension keeps its place.
        let ecdsa = [0x0403, 0x0503, 0x0603];
        let third = with_key_share_signing(&first, GROUP_SECP521R1, &public, &ecdsa).unwrap();
        let (v3, cs3, _, e3) = parse(&record(&third));
        assert_eq!((v1, &cs1), (v3, &cs3));
        let e3 = e3.unwrap();
        assert_eq!(ext_types(&e1), ext_types(&e3));
        let algs = [&[0, 13, 0, 8, 0, 6][..], &[4, 3, 5, 3, 6, 3]].concat();
        assert!(e3.windows(algs.len()).any(|w| w == algs), "only the ECDSA schemes");
        assert_eq!(e2.len() - SIG_ALGS.len() * 2 + ecdsa.len() * 2, e3.len(), "nothing else changed size");
        assert_eq!(u32::from_be_bytes([0, third[1], third[2], third[3]]) as usize, third.len() - 4);
    }

    #[test]
    fn ssl3_hello_has_scsv_and_no_extensions() {
        let spec = HelloSpec {
            version: TlsVersion::Ssl3,
            suites: &[0x000a, 0x0005],
            groups: &[],
            key_shares: &[],
            sni: Some("x"),
            offer_deflate: false,
        };
        let bytes = client_hello(&spec, None);
        assert_eq!(&bytes[1..3], &[3, 0]);
        let (v, cs, _, ext) = parse(&bytes);
        assert_eq!((v, cs), (0x0300, vec![0x000a, 0x0005, 0x00ff]));
        assert!(ext.is_none());
    }

    #[test]
    fn padding_keeps_lengths_consistent() {
        for n in 0..200 {
            let suites: Vec<u16> = (0..n).map(|i| 0x0100 + i).collect();
            let spec = HelloSpec {
                version: TlsVersion::Tls12,
                suites: &suites,
                groups: &[GROUP_X25519],
                key_shares: &[],
                sni: None,
                offer_deflate: false,
            };
            let bytes = client_hello(&spec, None);
            assert!(!(256..512).contains(&(bytes.len() - 5)), "{n}: {}", bytes.len());
            let (_, cs, _, ext) = parse(&bytes);
            assert_eq!(cs.len(), n as usize);
            ext_types(&ext.unwrap());
        }
    }
}
