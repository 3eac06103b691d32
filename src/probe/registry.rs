//! Candidate cipher suites and named groups offered by the raw engine.
//!
//! Interim source: the IANA cipher-suite registry that `tls-parser` compiles in (350 suites),
//! and a private list of IANA named groups. Replaced by `crate::tls::{suites, groups}` once
//! that registry lands; the functions here are the only thing the engine calls.

use crate::model::{Group, TlsVersion};
use tls_parser::{TlsCipherKx, TlsCipherMac, TlsCipherSuite, TlsPRF};

/// Signalling values that are not suites and must never be offered as candidates.
const NOT_SUITES: [u16; 2] = [0x00ff, 0x5600];

/// Key exchange family of a suite, as far as the probe needs it (which ServerKeyExchange to
/// expect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kx {
    Ecdhe,
    Dhe,
    Tls13,
    Other,
}

fn is_tls13(s: &TlsCipherSuite) -> bool {
    s.kx == TlsCipherKx::Tls13
}

/// Lowest version a suite can be negotiated in (TLS 1.2-only for AEAD and SHA-2 PRF suites).
fn min_version(s: &TlsCipherSuite) -> TlsVersion {
    if is_tls13(s) {
        TlsVersion::Tls13
    } else if s.mac == TlsCipherMac::Aead
        || matches!(
            s.mac,
            TlsCipherMac::HmacSha256 | TlsCipherMac::HmacSha384 | TlsCipherMac::HmacSha512
        )
        || matches!(s.prf, TlsPRF::Sha256 | TlsPRF::Sha384 | TlsPRF::Sha512)
    {
        TlsVersion::Tls12
    } else {
        TlsVersion::Ssl3
    }
}

/// Every registered suite usable in `v`, in a fixed order (strongest-looking first, so that
/// a server following the client's order picks modern suites first).
pub fn suites_for(v: TlsVersion) -> Vec<u16> {
    let mut out: Vec<&TlsCipherSuite> = tls_parser::CIPHERS
        .values()
        .filter(|s| !NOT_SUITES.contains(&s.id.0) && s.id.0 != 0x0000)
        .filter(|s| {
            if v == TlsVersion::Tls13 {
                is_tls13(s)
            } else {
                !is_tls13(s) && min_version(s) <= v
            }
        })
        .collect();
    out.sort_by_key(|s| (std::cmp::Reverse(rank(s)), s.id.0));
    out.into_iter().map(|s| s.id.0).collect()
}

fn rank(s: &TlsCipherSuite) -> u8 {
    let fs = matches!(
        s.kx,
        TlsCipherKx::Ecdhe | TlsCipherKx::Dhe | TlsCipherKx::Tls13
    );
    let aead = s.mac == TlsCipherMac::Aead;
    (fs as u8) * 2 + aead as u8
}

pub fn kx(code: u16) -> Kx {
    match tls_parser::TlsCipherSuite::from_id(code).map(|s| s.kx) {
        Some(TlsCipherKx::Ecdhe) => Kx::Ecdhe,
        Some(TlsCipherKx::Dhe) => Kx::Dhe,
        Some(TlsCipherKx::Tls13) => Kx::Tls13,
        _ => Kx::Other,
    }
}

pub fn suite_name(code: u16) -> String {
    match tls_parser::TlsCipherSuite::from_id(code) {
        Some(s) => s.name.to_string(),
        None => format!("0x{code:04X}"),
    }
}

/// IANA named groups (TLS Supported Groups registry), code and name.
pub const GROUPS: &[(u16, &str)] = &[
    (0x11ec, "X25519MLKEM768"),
    (0x001d, "x25519"),
    (0x0017, "secp256r1"),
    (0x0018, "secp384r1"),
    (0x0019, "secp521r1"),
    (0x001e, "x448"),
    (0x11eb, "SecP256r1MLKEM768"),
    (0x11ed, "SecP384r1MLKEM1024"),
    (0x0200, "MLKEM512"),
    (0x0201, "MLKEM768"),
    (0x0202, "MLKEM1024"),
    (0x6399, "X25519Kyber768Draft00"),
    (0x639a, "SecP256r1Kyber768Draft00"),
    (0x001a, "brainpoolP256r1"),
    (0x001b, "brainpoolP384r1"),
    (0x001c, "brainpoolP512r1"),
    (0x001f, "brainpoolP256r1tls13"),
    (0x0020, "brainpoolP384r1tls13"),
    (0x0021, "brainpoolP512r1tls13"),
    (0x0022, "GC256A"),
    (0x0023, "GC256B"),
    (0x0024, "GC256C"),
    (0x0025, "GC256D"),
    (0x0026, "GC512A"),
    (0x0027, "GC512B"),
    (0x0028, "GC512C"),
    (0x0029, "curveSM2"),
    (0x0100, "ffdhe2048"),
    (0x0101, "ffdhe3072"),
    (0x0102, "ffdhe4096"),
    (0x0103, "ffdhe6144"),
    (0x0104, "ffdhe8192"),
    (0x0016, "secp256k1"),
    (0x0015, "secp224r1"),
    (0x0014, "secp224k1"),
    (0x0013, "secp192r1"),
    (0x0012, "secp192k1"),
    (0x0011, "secp160r2"),
    (0x0010, "secp160r1"),
    (0x000f, "secp160k1"),
    (0x000e, "sect571r1"),
    (0x000d, "sect571k1"),
    (0x000c, "sect409r1"),
    (0x000b, "sect409k1"),
    (0x000a, "sect283r1"),
    (0x0009, "sect283k1"),
    (0x0008, "sect239k1"),
    (0x0007, "sect233r1"),
    (0x0006, "sect233k1"),
    (0x0005, "sect193r2"),
    (0x0004, "sect193r1"),
    (0x0003, "sect163r2"),
    (0x0002, "sect163r1"),
    (0x0001, "sect163k1"),
];

/// Groups that can be offered in a TLS 1.3 ClientHello.
pub fn groups_tls13() -> Vec<u16> {
    GROUPS
        .iter()
        .map(|g| g.0)
        .filter(|&c| !(0x0001..=0x0016).contains(&c) && !(0x001a..=0x001c).contains(&c))
        .collect()
}

/// Elliptic curves usable for ECDHE in TLS 1.0-1.2 (no finite-field or KEM groups).
pub fn curves_tls12() -> Vec<u16> {
    GROUPS
        .iter()
        .map(|g| g.0)
        .filter(|&c| (0x0001..=0x001e).contains(&c) || c == 0x0029)
        .collect()
}

/// Everything, for the supported_groups extension of a TLS 1.0-1.2 hello.
pub fn all_groups() -> Vec<u16> {
    GROUPS.iter().map(|g| g.0).collect()
}

pub fn group(code: u16) -> Group {
    let name = GROUPS
        .iter()
        .find(|g| g.0 == code)
        .map(|g| g.1.to_string())
        .unwrap_or_else(|| format!("0x{code:04X}"));
    Group { code, name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_the_registry() {
        let t12 = suites_for(TlsVersion::Tls12);
        let t10 = suites_for(TlsVersion::Tls10);
        let t13 = suites_for(TlsVersion::Tls13);
        assert!(t12.len() > 300, "{}", t12.len());
        assert!(t10.len() > 100 && t10.len() < t12.len());
        for c in [0x1301, 0x1302, 0x1303, 0x1304, 0x1305] {
            assert!(t13.contains(&c));
        }
        // RC4, 3DES, NULL, EXPORT, anon, Camellia, ARIA, CCM_8, ChaCha20, static RSA
        for c in [
            0x0005, 0x000a, 0x0002, 0x0003, 0x0018, 0x0041, 0xc050, 0xc0a0, 0xcca8, 0x002f,
        ] {
            assert!(t12.contains(&c), "{c:04x}");
        }
        assert!(!t10.contains(&0xc02f));
        assert!(!t12.contains(&0x00ff) && !t12.contains(&0x1301));
    }
}
