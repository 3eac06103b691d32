//! Certificates presented by a probed server, turned into [`CertificateFacts`].

use crate::model::{Certificate, CertificateFacts, CertificateState, Origin};
use std::net::IpAddr;
use x509_parser::prelude::*;
use x509_parser::public_key::PublicKey;

/// Facts about one DER certificate, or why it could not be parsed.
pub fn facts(der: &[u8]) -> Result<CertificateFacts, String> {
    let (rest, c) = X509Certificate::from_der(der).map_err(|e| format!("unparsable certificate: {e}"))?;
    if !rest.is_empty() {
        return Err("trailing bytes after certificate".into());
    }
    let (key_type, key_bits) = key_info(&c);
    let sig_oid = &c.signature_algorithm.algorithm;
    let signature = x509_parser::objects::oid2sn(sig_oid, x509_parser::objects::oid_registry())
        .map(str::to_string)
        .unwrap_or_else(|_| sig_oid.to_id_string());
    Ok(CertificateFacts {
        subject: c.subject().to_string(),
        issuer: c.issuer().to_string(),
        san: san(&c),
        key_type,
        key_bits,
        signature,
        not_before: c.validity().not_before.timestamp(),
        not_after: c.validity().not_after.timestamp(),
        self_signed: self_signed(&c),
        factory_default: false,
    })
}

fn key_info(c: &X509Certificate<'_>) -> (String, u32) {
    let spki = c.public_key();
    let alg = spki.algorithm.algorithm.to_id_string();
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => ("RSA".into(), bit_len(rsa.modulus)),
        Ok(PublicKey::EC(point)) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string())
                .unwrap_or_default();
            let bits = match curve.as_str() {
                "1.2.840.10045.3.1.7" => 256,
                "1.3.132.0.34" => 384,
                "1.3.132.0.35" => 521,
                "1.3.132.0.33" => 224,
                "1.2.840.10045.3.1.1" => 192,
                "1.3.36.3.3.2.8.1.1.7" => 256,
                "1.3.36.3.3.2.8.1.1.11" => 384,
                "1.3.36.3.3.2.8.1.1.13" => 512,
                _ => point.key_size() as u32,
            };
            ("EC".into(), bits)
        }
        Ok(PublicKey::DSA(y)) => ("DSA".into(), bit_len(y)),
        _ => match alg.as_str() {
            "1.3.101.112" => ("Ed25519".into(), 256),
            "1.3.101.113" => ("Ed448".into(), 456),
            "1.2.840.113549.1.1.10" => ("RSA-PSS".into(), rsa_pss_bits(spki.subject_public_key.data.as_ref())),
            other => (other.to_string(), 0),
        },
    }
}

/// RSA-PSS keys carry a plain RSAPublicKey in the bit string.
fn rsa_pss_bits(data: &[u8]) -> u32 {
    match x509_parser::public_key::RSAPublicKey::from_der(data) {
        Ok((_, k)) => bit_len(k.modulus),
        Err(_) => 0,
    }
}

/// Bits of a big-endian unsigned integer (leading zero bytes ignored).
fn bit_len(n: &[u8]) -> u32 {
    match n.iter().position(|&b| b != 0) {
        Some(i) => ((n.len() - i - 1) * 8) as u32 + (8 - n[i].leading_zeros()),
        None => 0,
    }
}

fn san(c: &X509Certificate<'_>) -> Vec<String> {
    let Ok(Some(ext)) = c.subject_alternative_name() else {
        return Vec::new();
    };
    ext.value
        .general_names
        .iter()
        .filter_map(|g| match g {
            GeneralName::DNSName(d) => Some(d.to_string()),
            GeneralName::IPAddress(ip) => ip_from(ip).map(|i| i.to_string()),
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

/// Subject equals issuer, and the key identifiers (when both present) agree.
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
/// CN only when there is no SAN extension (legacy certificates).
pub fn matches_name(der: &[u8], name: &str) -> Option<bool> {
    let (_, c) = X509Certificate::from_der(der).ok()?;
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let ip: Option<IpAddr> = name.trim_start_matches('[').trim_end_matches(']').parse().ok();
    let has_san = matches!(c.subject_alternative_name(), Ok(Some(_)));
    if has_san {
        let Ok(Some(ext)) = c.subject_alternative_name() else {
            return Some(false);
        };
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

/// RFC 6125 matching: exact, or a wildcard as the whole left-most label.
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

/// Each certificate is issued by the next one (raw DN comparison).
pub fn chain_in_order(chain: &[Vec<u8>]) -> Option<bool> {
    let parsed: Vec<X509Certificate<'_>> = chain
        .iter()
        .map(|d| X509Certificate::from_der(d).map(|(_, c)| c))
        .collect::<Result<_, _>>()
        .ok()?;
    Some(parsed.windows(2).all(|w| w[0].issuer().as_raw() == w[1].subject().as_raw()))
}

/// Model certificates for a chain presented by `target`.
pub fn to_model(chain: &[Vec<u8>], target: &str, how: &str) -> Vec<Certificate> {
    chain
        .iter()
        .enumerate()
        .map(|(i, der)| {
            let role = if i == 0 {
                "server certificate".to_string()
            } else {
                format!("chain certificate {i}")
            };
            let origin = Origin::probe(target, &format!("{role} presented {how}"));
            let state = match facts(der) {
                Ok(f) => CertificateState::Loaded(f),
                Err(reason) => CertificateState::Unreadable { reason },
            };
            Certificate { origin, file: None, state }
        })
        .collect()
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
        let f = facts(cert.der()).unwrap();
        assert_eq!((f.key_type.as_str(), f.key_bits), ("EC", 384));
        assert_eq!(f.signature, "ecdsa-with-SHA384");
        assert!(f.self_signed);
        assert!(f.san.contains(&"localhost".to_string()) && f.san.contains(&"127.0.0.1".to_string()));
        assert_eq!(matches_name(cert.der(), "localhost"), Some(true));
        assert_eq!(matches_name(cert.der(), "127.0.0.1"), Some(true));
        assert_eq!(matches_name(cert.der(), "other.example"), Some(false));
        assert_eq!(chain_in_order(&[cert.der().to_vec()]), Some(true));
    }
}
