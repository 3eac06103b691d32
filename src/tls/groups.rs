//! TLS named groups (IANA "TLS Supported Groups" registry, RFC 8422 / 7919 / 8446 / 8734 and
//! the ML-KEM hybrid drafts), with the spellings OpenSSL accepts in `Groups`/`Curves` lists.
//!
//! Provenance: written by hand for kensa from the IANA registry
//! (<https://www.iana.org/assignments/tls-parameters/>, "TLS Supported Groups") and OpenSSL's
//! documented aliases (NIST names `P-256`..., `prime256v1`, `X25519`/`X448`).
//! Left out: the two `arbitrary_explicit_*` pseudo-groups (0xFF01/0xFF02), which are not groups.
//!
//! `bits` is the size a policy compares: curve size for elliptic curves (x25519 counts as 256,
//! as every guideline that says "ECDHE ≥ 256 bit" means it to pass), modulus size for FFDHE,
//! the classical component for hybrids, and twice the claimed security category for pure
//! ML-KEM (so that "≥ 256" reads the same way for all kinds).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum GroupKind {
    Ecdhe,
    Ffdhe,
    /// Classical ECDHE combined with ML-KEM (or the pre-standard Kyber).
    Hybrid,
    /// A post-quantum KEM on its own.
    Kem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct NamedGroup {
    pub code: u16,
    /// IANA name, the one kensa prints.
    pub name: &'static str,
    /// Other spellings OpenSSL accepts.
    pub openssl_aliases: &'static [&'static str],
    pub kind: GroupKind,
    pub bits: u16,
}

impl NamedGroup {
    pub fn to_model(&self) -> crate::model::Group {
        crate::model::Group {
            code: self.code,
            name: std::borrow::Cow::Borrowed(self.name),
        }
    }
}

const fn g(code: u16, name: &'static str, openssl_aliases: &'static [&'static str], kind: GroupKind, bits: u16) -> NamedGroup {
    NamedGroup {
        code,
        name,
        openssl_aliases,
        kind,
        bits,
    }
}

use GroupKind::{Ecdhe as EC, Ffdhe as FF, Hybrid as HY, Kem as KEM};

/// Every group, sorted by code.
#[rustfmt::skip]
pub static ALL: &[NamedGroup] = &[
    g(0x0001, "sect163k1", &["K-163"], EC, 163),
    g(0x0002, "sect163r1", &[], EC, 163),
    g(0x0003, "sect163r2", &["B-163"], EC, 163),
    g(0x0004, "sect193r1", &[], EC, 193),
    g(0x0005, "sect193r2", &[], EC, 193),
    g(0x0006, "sect233k1", &["K-233"], EC, 233),
    g(0x0007, "sect233r1", &["B-233"], EC, 233),
    g(0x0008, "sect239k1", &[], EC, 239),
    g(0x0009, "sect283k1", &["K-283"], EC, 283),
    g(0x000A, "sect283r1", &["B-283"], EC, 283),
    g(0x000B, "sect409k1", &["K-409"], EC, 409),
    g(0x000C, "sect409r1", &["B-409"], EC, 409),
    g(0x000D, "sect571k1", &["K-571"], EC, 571),
    g(0x000E, "sect571r1", &["B-571"], EC, 571),
    g(0x000F, "secp160k1", &[], EC, 160),
    g(0x0010, "secp160r1", &[], EC, 160),
    g(0x0011, "secp160r2", &[], EC, 160),
    g(0x0012, "secp192k1", &[], EC, 192),
    g(0x0013, "secp192r1", &["prime192v1", "P-192"], EC, 192),
    g(0x0014, "secp224k1", &[], EC, 224),
    g(0x0015, "secp224r1", &["P-224"], EC, 224),
    g(0x0016, "secp256k1", &[], EC, 256),
    g(0x0017, "secp256r1", &["prime256v1", "P-256"], EC, 256),
    g(0x0018, "secp384r1", &["P-384"], EC, 384),
    g(0x0019, "secp521r1", &["P-521"], EC, 521),
    g(0x001A, "brainpoolP256r1", &[], EC, 256),
    g(0x001B, "brainpoolP384r1", &[], EC, 384),
    g(0x001C, "brainpoolP512r1", &[], EC, 512),
    g(0x001D, "x25519", &["X25519"], EC, 256),
    g(0x001E, "x448", &["X448"], EC, 448),
    g(0x001F, "brainpoolP256r1tls13", &[], EC, 256),
    g(0x0020, "brainpoolP384r1tls13", &[], EC, 384),
    g(0x0021, "brainpoolP512r1tls13", &[], EC, 512),
    g(0x0022, "GC256A", &[], EC, 256),
    g(0x0023, "GC256B", &[], EC, 256),
    g(0x0024, "GC256C", &[], EC, 256),
    g(0x0025, "GC256D", &[], EC, 256),
    g(0x0026, "GC512A", &[], EC, 512),
    g(0x0027, "GC512B", &[], EC, 512),
    g(0x0028, "GC512C", &[], EC, 512),
    g(0x0029, "curveSM2", &["SM2"], EC, 256),
    g(0x0100, "ffdhe2048", &[], FF, 2048),
    g(0x0101, "ffdhe3072", &[], FF, 3072),
    g(0x0102, "ffdhe4096", &[], FF, 4096),
    g(0x0103, "ffdhe6144", &[], FF, 6144),
    g(0x0104, "ffdhe8192", &[], FF, 8192),
    g(0x0200, "MLKEM512", &[], KEM, 256),
    g(0x0201, "MLKEM768", &[], KEM, 384),
    g(0x0202, "MLKEM1024", &[], KEM, 512),
    g(0x11EB, "SecP256r1MLKEM768", &["P256MLKEM768"], HY, 256),
    g(0x11EC, "X25519MLKEM768", &[], HY, 256),
    g(0x11ED, "SecP384r1MLKEM1024", &["P384MLKEM1024"], HY, 384),
    g(0x6399, "X25519Kyber768Draft00", &[], HY, 256),
    g(0x639A, "SecP256r1Kyber768Draft00", &[], HY, 256),
];

/// Look a group up by code point.
pub fn by_code(code: u16) -> Option<&'static NamedGroup> {
    ALL.binary_search_by_key(&code, |g| g.code).ok().map(|i| &ALL[i])
}

/// Look a group up by IANA name or OpenSSL alias, ignoring case (configs spell `X25519`,
/// `x25519`, `P-256`, `prime256v1` interchangeably, and OpenSSL accepts them all).
pub fn by_name(name: &str) -> Option<&'static NamedGroup> {
    ALL.iter()
        .find(|g| g.name.eq_ignore_ascii_case(name) || g.openssl_aliases.iter().any(|a| a.eq_ignore_ascii_case(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_sorted_and_unique() {
        assert!(ALL.windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn names_and_aliases_unique_ignoring_case() {
        // An alias may repeat its own group's name in OpenSSL's capitalisation (`X25519`),
        // but no spelling may name two groups.
        let mut seen = std::collections::HashMap::new();
        for g in ALL {
            for n in std::iter::once(&g.name).chain(g.openssl_aliases.iter()) {
                let prev = seen.insert(n.to_ascii_lowercase(), g.code);
                assert!(prev.is_none_or(|c| c == g.code), "{n} names two groups");
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(by_name("prime256v1").unwrap().name, "secp256r1");
        assert_eq!(by_name("P-384").unwrap().code, 0x18);
        assert_eq!(by_name("X25519").unwrap().name, "x25519");
        assert_eq!(by_code(0x11EC).unwrap().name, "X25519MLKEM768");
        assert_eq!(by_code(0x11EB).unwrap().name, "SecP256r1MLKEM768");
        assert_eq!(by_code(0x11ED).unwrap().name, "SecP384r1MLKEM1024");
        assert_eq!(by_code(0x0100).unwrap().bits, 2048);
        assert_eq!(by_name("x25519").unwrap().to_model().code, 29);
        assert!(by_name("nonsense").is_none());
    }
}
