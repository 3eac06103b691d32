//! The one X.509 extractor of kensa: the facts rules judge about a certificate (key size,
//! signature, validity, names, self-signed, vendor factory default), read with x509-parser,
//! for certificate files a config names and for chains a probed server presents alike; and
//! the name and chain checks the probe adds. DH-parameter files are read here too.

use crate::model::{Certificate, CertificateFacts, CertificateState, Origin};
use std::net::IpAddr;
use std::path::Path;
use x509_parser::prelude::*;
use x509_parser::public_key::PublicKey;

/// Files larger than this are not certificates kensa should be reading.
const MAX_CERT_FILE: u64 = 4 * 1024 * 1024;

/// Facts about one DER certificate.
pub fn facts_from_der(der: &[u8]) -> Result<CertificateFacts, String> {
    let (_, cert) = X509Certificate::from_der(der).map_err(|e| format!("not an X.509 certificate: {e}"))?;
    Ok(facts(&cert))
}

fn facts(cert: &X509Certificate<'_>) -> CertificateFacts {
    let (key_type, key_bits) = key_info(cert);
    let subject = cert.subject().to_string();
    let issuer = cert.issuer().to_string();
    let factory_default = is_factory_default(&subject, &issuer);
    CertificateFacts {
        san: san(cert),
        key_type,
        key_bits,
        signature: signature_name(&cert.signature_algorithm.algorithm.to_id_string()),
        not_before: cert.validity().not_before.timestamp(),
        not_after: cert.validity().not_after.timestamp(),
        self_signed: self_signed(cert),
        factory_default,
        subject,
        issuer,
    }
}

/// Key type and size. x509-parser's own `key_size` miscounts moduli without a leading zero
/// byte and counts DSA by the public value's bytes, so sizes are taken from the integers.
fn key_info(cert: &X509Certificate<'_>) -> (String, u32) {
    let spki = cert.public_key();
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => ("RSA".into(), bit_len(rsa.modulus)),
        Ok(PublicKey::EC(ec)) => ("EC".into(), ec_bits(cert, ec.key_size() as u32)),
        Ok(PublicKey::DSA(y)) => ("DSA".into(), bit_len(y)),
        _ => match spki.algorithm.algorithm.to_id_string().as_str() {
            "1.3.101.112" => ("Ed25519".into(), 256),
            "1.3.101.113" => ("Ed448".into(), 456),
            // RSA-PSS keys carry a plain RSAPublicKey in the bit string.
            "1.2.840.113549.1.1.10" => {
                let bits = x509_parser::public_key::RSAPublicKey::from_der(&spki.subject_public_key.data).map_or(0, |(_, k)| bit_len(k.modulus));
                ("RSA-PSS".into(), bits)
            }
            other => (other.to_string(), 0),
        },
    }
}

/// Bits of a big-endian unsigned integer (leading zero bytes ignored).
fn bit_len(n: &[u8]) -> u32 {
    match n.iter().position(|&b| b != 0) {
        Some(i) => ((n.len() - i - 1) * 8) as u32 + (8 - n[i].leading_zeros()),
        None => 0,
    }
}

/// EC key size from the named curve when present (the point length can mislead).
fn ec_bits(cert: &X509Certificate<'_>, fallback: u32) -> u32 {
    let params = cert.public_key().algorithm.parameters.as_ref();
    let curve = params.and_then(|p| p.as_oid().ok()).map(|o| o.to_id_string());
    match curve.as_deref() {
        Some("1.2.840.10045.3.1.7") => 256,
        Some("1.3.132.0.34") => 384,
        Some("1.3.132.0.35") => 521,
        Some("1.2.840.10045.3.1.1") => 192,
        Some("1.3.132.0.33") => 224,
        Some("1.3.132.0.10") => 256,
        Some("1.3.36.3.3.2.8.1.1.7") => 256,
        Some("1.3.36.3.3.2.8.1.1.11") => 384,
        Some("1.3.36.3.3.2.8.1.1.13") => 512,
        _ => fallback,
    }
}

/// DNS names and IP addresses of the subjectAltName extension.
fn san(cert: &X509Certificate<'_>) -> Vec<String> {
    let Ok(Some(ext)) = cert.subject_alternative_name() else {
        return Vec::new();
    };
    ext.value
        .general_names
        .iter()
        .filter_map(|g| match g {
            GeneralName::DNSName(s) => Some(s.to_string()),
            GeneralName::IPAddress(b) => ip_from(b).map(|ip| ip.to_string()),
            _ => None,
        })
        .collect()
}

fn ip_from(b: &[u8]) -> Option<IpAddr> {
    match b.len() {
        4 => Some(IpAddr::from(<[u8; 4]>::try_from(b).ok()?)),
        16 => Some(IpAddr::from(<[u8; 16]>::try_from(b).ok()?)),
        _ => None,
    }
}

/// Subject equals issuer, and the key identifiers (when both present) agree: a CA that
/// issues under its own name with a new key is not self-signed.
fn self_signed(c: &X509Certificate<'_>) -> bool {
    if c.subject().as_raw() != c.issuer().as_raw() {
        return false;
    }
    let mut ski = None;
    let mut aki = None;
    for e in c.extensions() {
        match e.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(k) => ski = Some(k.0),
            ParsedExtension::AuthorityKeyIdentifier(a) => aki = a.key_identifier.as_ref().map(|k| k.0),
            _ => {}
        }
    }
    match (ski, aki) {
        (Some(s), Some(a)) => s == a,
        _ => true,
    }
}

/// Does the certificate cover `name` (a DNS name or an IP literal)? SAN first; the subject
/// CN only when there is no SAN extension (RFC 6125 6.4.4, legacy certificates). None when
/// the certificate cannot be parsed.
pub fn matches_name(der: &[u8], name: &str) -> Option<bool> {
    let (_, c) = X509Certificate::from_der(der).ok()?;
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let ip: Option<IpAddr> = name.trim_start_matches('[').trim_end_matches(']').parse().ok();
    if let Ok(Some(ext)) = c.subject_alternative_name() {
        return Some(ext.value.general_names.iter().any(|g| match (g, ip) {
            (GeneralName::DNSName(d), None) => dns_match(d, &name),
            (GeneralName::IPAddress(b), Some(ip)) => ip_from(b) == Some(ip),
            _ => false,
        }));
    }
    if ip.is_some() {
        return Some(false);
    }
    let found = c.subject().iter_common_name().filter_map(|cn| cn.as_str().ok()).any(|cn| dns_match(cn, &name));
    Some(found)
}

/// RFC 6125 6.4.3 as browsers apply it: exact (case-insensitive), or a wildcard that is the
/// whole left-most label and stands for exactly one non-empty label, never directly under a
/// top-level domain.
fn dns_match(pattern: &str, name: &str) -> bool {
    let p = pattern.trim_end_matches('.').to_ascii_lowercase();
    if let Some(rest) = p.strip_prefix("*.") {
        match name.split_once('.') {
            Some((label, tail)) => !label.is_empty() && tail == rest && rest.contains('.'),
            None => false,
        }
    } else {
        p == name
    }
}

/// Each certificate is issued by the next one (raw DN comparison). None when one of them
/// cannot be parsed.
pub fn chain_in_order(chain: &[Vec<u8>]) -> Option<bool> {
    let parsed: Vec<X509Certificate<'_>> = chain
        .iter()
        .map(|d| X509Certificate::from_der(d).map(|(_, c)| c))
        .collect::<Result<_, _>>()
        .ok()?;
    Some(parsed.windows(2).all(|w| w[0].issuer().as_raw() == w[1].subject().as_raw()))
}

/// Vendor factory certificates that every unit of a product shares.
fn is_factory_default(subject: &str, issuer: &str) -> bool {
    ["Fortinet_Factory", "FortiGate", "FGT", "Fortinet Ltd"]
        .iter()
        .any(|m| subject.contains(m) && issuer.contains("Fortinet"))
}

/// Readable name of a signature algorithm OID.
pub fn signature_name(oid: &str) -> String {
    match oid {
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "rsassaPss",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.3.101.112" => "ED25519",
        "1.3.101.113" => "ED448",
        "1.2.840.10040.4.3" => "dsa-with-sha1",
        "2.16.840.1.101.3.4.3.2" => "dsa-with-sha256",
        "1.2.840.113549.1.1.2" => "md2WithRSAEncryption",
        other => return other.to_string(),
    }
    .to_string()
}

/// True for signatures made with a broken hash (SHA-1, MD5, MD2).
pub fn signature_is_weak(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("sha1") || n.contains("md5") || n.contains("md2")
}

/// Per-thread memo of the files found: a fleet's configs name the same few certificate and
/// DH files hundreds of times, and each costs a read and an X.509 parse. Files are not
/// expected to change during one run. Bounded; cleared when full.
const FILE_CACHE_MAX: usize = 512;

thread_local! {
    static CERT_CACHE: crate::memo::Table<Vec<u8>, CertificateState> = Default::default();
    static DH_CACHE: crate::memo::Table<Vec<u8>, Result<u32, String>> = Default::default();
}

/// Reads the first certificate of a PEM or DER file named by a config.
pub fn load_certificate(candidates: &[std::path::PathBuf], written: &str, origin: Origin) -> Certificate {
    let state = match candidates.iter().find(|p| crate::memo::is_file(p)) {
        None => CertificateState::Missing,
        Some(path) => crate::memo::memo(&CERT_CACHE, path.as_os_str().as_encoded_bytes(), FILE_CACHE_MAX, || certificate_state(path)),
    };
    Certificate {
        origin,
        file: Some(written.to_string()),
        state,
    }
}

fn certificate_state(path: &Path) -> CertificateState {
    match read_limited(path) {
        Err(reason) => CertificateState::Unreadable { reason },
        Ok(bytes) => match first_der(&bytes, "CERTIFICATE") {
            Some(der) => match facts_from_der(&der) {
                Ok(f) => CertificateState::Loaded(f),
                Err(reason) => CertificateState::Unreadable { reason },
            },
            None => CertificateState::Unreadable {
                reason: "no certificate found in file".into(),
            },
        },
    }
}

/// Size in bits of the prime in a PEM/DER "DH PARAMETERS" file.
pub fn load_dh_bits(candidates: &[std::path::PathBuf]) -> Option<Result<u32, String>> {
    let path = candidates.iter().find(|p| crate::memo::is_file(p))?;
    Some(crate::memo::memo(&DH_CACHE, path.as_os_str().as_encoded_bytes(), FILE_CACHE_MAX, || {
        read_limited(path).and_then(|bytes| {
            let der = first_der(&bytes, "DH PARAMETERS")
                .or_else(|| first_der(&bytes, "X9.42 DH PARAMETERS"))
                .ok_or_else(|| "no DH PARAMETERS block".to_string())?;
            dh_prime_bits(&der).ok_or_else(|| "malformed DH parameters".to_string())
        })
    }))
}

/// A certificate or DH file a config names: never waited for, never read past the limit.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use crate::source::{io_reason, open_file, read_bounded, ReadError};
    let (file, meta) = open_file(path, false).map_err(|e| io_reason(&e))?;
    read_bounded(file, &meta, MAX_CERT_FILE).map_err(|e| match e {
        ReadError::Io(e) => io_reason(&e),
        ReadError::TooLarge(n) => format!("file too large ({n} bytes)"),
    })
}

/// The DER of the first PEM block with this label, or the bytes themselves if they are DER.
pub fn first_der(bytes: &[u8], label: &str) -> Option<Vec<u8>> {
    if bytes.first() == Some(&0x30) {
        return Some(bytes.to_vec());
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin)? + begin.len();
    let stop = text[start..].find(&end)? + start;
    base64_decode(&text[start..stop])
}

/// Minimal standard base64 decoding (PEM bodies); whitespace ignored.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        } as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// DHParameter ::= SEQUENCE { prime INTEGER, base INTEGER, ... }: bits of the prime.
fn dh_prime_bits(der: &[u8]) -> Option<u32> {
    let (tag, body, _) = der_tlv(der)?;
    if tag != 0x30 {
        return None;
    }
    let (tag, int, _) = der_tlv(body)?;
    if tag != 0x02 {
        return None;
    }
    let int = match int.iter().position(|&b| b != 0) {
        Some(i) => &int[i..],
        None => return Some(0),
    };
    Some(int.len() as u32 * 8 - int[0].leading_zeros())
}

fn der_tlv(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *b.first()?;
    let l0 = *b.get(1)? as usize;
    let (len, hdr) = if l0 < 0x80 {
        (l0, 2)
    } else {
        let n = l0 & 0x7f;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *b.get(2 + i)? as usize;
        }
        (len, 2 + n)
    };
    let body = b.get(hdr..hdr.checked_add(len)?)?;
    Some((tag, body, &b[hdr + len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_rules() {
        assert!(dns_match("*.example.org", "www.example.org"));
        assert!(!dns_match("*.example.org", "example.org"));
        assert!(!dns_match("*.example.org", "a.b.example.org"));
        assert!(!dns_match("*.org", "example.org"));
        assert!(dns_match("Example.ORG", "example.org"));
        assert!(!dns_match("w*.example.org", "www.example.org"), "partial wildcards are not honoured");
    }

    #[test]
    fn bits() {
        assert_eq!(bit_len(&[0, 0x80, 0]), 16);
        assert_eq!(bit_len(&[0x01]), 1);
        assert_eq!(bit_len(&[]), 0);
    }

    #[test]
    fn rcgen_certificate_facts() {
        let mut params = rcgen::CertificateParams::new(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
        params.distinguished_name.push(rcgen::DnType::CommonName, "kensa test");
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P384_SHA384).unwrap();
        let cert = params.self_signed(&key).unwrap();
        let f = facts_from_der(cert.der()).unwrap();
        assert_eq!((f.key_type.as_str(), f.key_bits), ("EC", 384));
        assert_eq!(f.signature, "ecdsa-with-SHA384");
        assert!(f.self_signed && !f.factory_default);
        assert!(f.san.contains(&"localhost".to_string()) && f.san.contains(&"127.0.0.1".to_string()));
        assert_eq!(matches_name(cert.der(), "localhost"), Some(true));
        assert_eq!(matches_name(cert.der(), "127.0.0.1"), Some(true));
        assert_eq!(matches_name(cert.der(), "other.example"), Some(false));
        assert_eq!(chain_in_order(&[cert.der().to_vec()]), Some(true));
    }

    /// The probe and lint share this extractor, so a FortiGate's factory certificate is
    /// recognised wherever it is seen (the subject and issuer FortiOS 7 units ship with).
    #[test]
    fn factory_certificate_is_recognised() {
        let ca_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut ca_p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        for (t, v) in [
            (rcgen::DnType::CountryName, "US"),
            (rcgen::DnType::OrganizationName, "Fortinet Ltd."),
            (rcgen::DnType::CommonName, "fortinet-subca2001"),
        ] {
            ca_p.distinguished_name.push(t, v);
        }
        let ca = ca_p.self_signed(&ca_key).unwrap();
        let mut p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        for (t, v) in [
            (rcgen::DnType::OrganizationName, "Fortinet"),
            (rcgen::DnType::OrganizationalUnitName, "FortiGate"),
            (rcgen::DnType::CommonName, "FGT60FTK2109XXXX"),
        ] {
            p.distinguished_name.push(t, v);
        }
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let leaf = p.signed_by(&key, &ca, &ca_key).unwrap();
        let f = facts_from_der(leaf.der()).unwrap();
        assert!(f.factory_default && !f.self_signed, "{f:?}");
        assert_eq!(chain_in_order(&[leaf.der().to_vec(), ca.der().to_vec()]), Some(true));
        assert_eq!(chain_in_order(&[ca.der().to_vec(), leaf.der().to_vec()]), Some(false));
    }
}
