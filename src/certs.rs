//! Certificate and DH-parameter files: what kensa judges about them (key size, signature,
//! validity), read with x509-parser. Used by config lowering and by the probe.

use crate::model::{Certificate, CertificateFacts, CertificateState, Origin};
use std::path::Path;
use x509_parser::prelude::*;

/// Files larger than this are not certificates kensa should be reading.
const MAX_CERT_FILE: u64 = 4 * 1024 * 1024;

/// Facts about one DER certificate.
pub fn facts_from_der(der: &[u8]) -> Result<CertificateFacts, String> {
    let (_, cert) = X509Certificate::from_der(der).map_err(|e| format!("not an X.509 certificate: {e}"))?;
    Ok(facts(&cert))
}

fn facts(cert: &X509Certificate<'_>) -> CertificateFacts {
    let spki = cert.public_key();
    let key_oid = spki.algorithm.algorithm.to_id_string();
    let (key_type, key_bits) = match spki.parsed() {
        Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => ("RSA".to_string(), rsa.key_size() as u32),
        Ok(x509_parser::public_key::PublicKey::EC(ec)) => ("EC".to_string(), ec_bits(cert, ec.key_size() as u32)),
        Ok(x509_parser::public_key::PublicKey::DSA(y)) => ("DSA".to_string(), (y.len() as u32) * 8),
        _ => match key_oid.as_str() {
            "1.3.101.112" => ("Ed25519".to_string(), 256),
            "1.3.101.113" => ("Ed448".to_string(), 456),
            other => (other.to_string(), 0),
        },
    };
    let san = match cert.subject_alternative_name() {
        Ok(Some(ext)) => ext
            .value
            .general_names
            .iter()
            .filter_map(|g| match g {
                GeneralName::DNSName(s) => Some(s.to_string()),
                GeneralName::IPAddress(b) => ip_string(b),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let subject = cert.subject().to_string();
    let issuer = cert.issuer().to_string();
    let self_signed = subject == issuer;
    let factory_default = is_factory_default(&subject, &issuer);
    CertificateFacts {
        subject,
        issuer,
        san,
        key_type,
        key_bits,
        signature: signature_name(&cert.signature_algorithm.algorithm.to_id_string()),
        not_before: cert.validity().not_before.timestamp(),
        not_after: cert.validity().not_after.timestamp(),
        self_signed,
        factory_default,
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
        _ => fallback,
    }
}

fn ip_string(b: &[u8]) -> Option<String> {
    match b.len() {
        4 => Some(std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string()),
        16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(b);
            Some(std::net::Ipv6Addr::from(a).to_string())
        }
        _ => None,
    }
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
