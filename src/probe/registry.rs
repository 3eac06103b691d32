//! Candidate cipher suites and named groups offered by the raw engine, from kensa's IANA
//! registries (`crate::tls::suites`, `crate::tls::groups`): every assigned suite, including
//! those no local TLS library implements, so the probe sees what the server really accepts.

use crate::model::{Group, TlsVersion};
use crate::tls::{groups, suites};

/// Key exchange family of a suite, as far as the probe needs it (which ServerKeyExchange to
/// expect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kx {
    Ecdhe,
    Dhe,
    Tls13,
    Other,
}

/// Every registered suite usable in `v`, in a fixed order (forward-secret AEAD first, so
/// that a server following the client's order picks modern suites first).
pub fn suites_for(v: TlsVersion) -> Vec<u16> {
    let mut out: Vec<&suites::CipherSuite> = suites::ALL
        .iter()
        .filter(|s| s.code != 0x0000 && !suites::is_scsv(s.code) && s.usable_in(v))
        .collect();
    out.sort_by_key(|s| (std::cmp::Reverse((s.forward_secret() as u8) * 2 + s.is_aead() as u8), s.code));
    out.into_iter().map(|s| s.code).collect()
}

pub fn kx(code: u16) -> Kx {
    match suites::by_code(code) {
        Some(s) if s.tls13 => Kx::Tls13,
        Some(s) => match s.kx {
            suites::Kx::Ecdhe | suites::Kx::EcdhePsk => Kx::Ecdhe,
            suites::Kx::Dhe | suites::Kx::DhePsk => Kx::Dhe,
            _ => Kx::Other,
        },
        None => Kx::Other,
    }
}

pub fn suite_name(code: u16) -> String {
    match suites::by_code(code) {
        Some(s) => s.iana.to_string(),
        None => format!("0x{code:04X}"),
    }
}

/// Offer order of groups: what modern clients prefer first, then the rest by code point.
const PREFERRED: [u16; 6] = [0x11ec, 0x001d, 0x0017, 0x0018, 0x0019, 0x001e];

fn ordered(filter: impl Fn(&groups::NamedGroup) -> bool) -> Vec<u16> {
    let mut out: Vec<u16> = PREFERRED.iter().copied().filter(|&c| groups::by_code(c).is_some_and(&filter)).collect();
    out.extend(groups::ALL.iter().filter(|g| filter(g) && !PREFERRED.contains(&g.code)).map(|g| g.code));
    out
}

/// Groups offered in TLS 1.3 hellos: the whole registry (a server picking a legacy curve in
/// TLS 1.3 is worth seeing).
pub fn groups_tls13() -> Vec<u16> {
    ordered(|_| true)
}

/// Elliptic curves for ECDHE in TLS 1.0-1.2 (no finite-field or KEM groups).
pub fn curves_tls12() -> Vec<u16> {
    ordered(|g| g.kind == groups::GroupKind::Ecdhe)
}

/// Everything, for the supported_groups extension of a TLS 1.0-1.2 hello.
pub fn all_groups() -> Vec<u16> {
    ordered(|_| true)
}

pub fn group(code: u16) -> Group {
    match groups::by_code(code) {
        Some(g) => g.to_model(),
        None => Group {
            code,
            name: format!("0x{code:04X}").into(),
        },
    }
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
        for c in [0x0005, 0x000a, 0x0002, 0x0018, 0x0041, 0xc050, 0xc0a0, 0xcca8, 0x002f] {
            assert!(t12.contains(&c), "{c:04x}");
        }
        // EXPORT: offered where it can be negotiated (up to TLS 1.0)
        assert!(t10.contains(&0x0003) && !t12.contains(&0x0003));
        assert_eq!(groups_tls13()[..2], [0x11ec, 0x001d]);
        assert!(curves_tls12().contains(&0x0013) && !curves_tls12().contains(&0x0100));
        assert!(!t10.contains(&0xc02f));
        assert!(!t12.contains(&0x00ff) && !t12.contains(&0x1301));
    }
}
