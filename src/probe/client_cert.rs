//! What the probe presents and reads for client authentication: the throwaway client
//! certificate, and the CA names of a server's CertificateRequest.
//!
//! Whether a server accepts *any* client certificate cannot be read from its
//! CertificateRequest: a server may verify against a CA without naming it, or name a CA and
//! verify nothing. The only honest test is to present a certificate no CA issued and watch
//! what the server does. The certificate is a self-signed ECDSA P-256 certificate made in
//! memory once per process (rcgen, key from ring); it is never written anywhere.

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::sign::CertifiedKey;
use std::sync::{Arc, OnceLock};
use x509_parser::prelude::{FromDer, X509Name};

/// Subject of the throwaway certificate: says what it is to a server operator reading logs.
pub const THROWAWAY_CN: &str = "kensa probe throwaway client certificate (self-signed, not trusted)";

/// The throwaway certificate: DER for the raw engine, the signing key for rustls.
pub struct Throwaway {
    pub der: Vec<u8>,
    pub key: Arc<CertifiedKey>,
}

/// The run's throwaway certificate, made on first use.
pub fn throwaway() -> Result<&'static Throwaway, String> {
    static CERT: OnceLock<Result<Throwaway, String>> = OnceLock::new();
    CERT.get_or_init(make).as_ref().map_err(Clone::clone)
}

fn make() -> Result<Throwaway, String> {
    let err = |e: &dyn std::fmt::Display| format!("throwaway client certificate: {e}");
    let key_pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).map_err(|e| err(&e))?;
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(|e| err(&e))?;
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, THROWAWAY_CN);
    let cert = params.self_signed(&key_pair).map_err(|e| err(&e))?;
    let der = cert.der().to_vec();
    let pkcs8 = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key_pair.serialize_der()));
    let signer = rustls::crypto::ring::sign::any_supported_type(&pkcs8).map_err(|e| err(&e))?;
    let key = Arc::new(CertifiedKey::new(vec![CertificateDer::from(der.clone())], signer));
    Ok(Throwaway { der, key })
}

/// Readable DNs (`CN=Hospital Client CA, O=...`) of the DER-encoded names a
/// CertificateRequest lists; a name that does not decode is shown by its size.
pub fn ca_names<'a>(names: impl IntoIterator<Item = &'a [u8]>) -> Vec<String> {
    names
        .into_iter()
        .map(|der| match X509Name::from_der(der) {
            Ok((_, name)) => name.to_string(),
            Err(_) => format!("(undecodable name of {} bytes)", der.len()),
        })
        .collect()
}

/// "names CN=A; CN=B" or "names no CA", for evidence.
pub fn describe_ca_names(names: &[String]) -> String {
    if names.is_empty() {
        "names no CA".to_string()
    } else {
        format!("names {}", names.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throwaway_is_self_signed_and_made_once() {
        let a = throwaway().unwrap();
        let b = throwaway().unwrap();
        assert!(std::ptr::eq(a, b));
        let (_, c) = x509_parser::parse_x509_certificate(&a.der).unwrap();
        assert_eq!(c.subject(), c.issuer());
        assert!(c.subject().to_string().contains("kensa probe throwaway"));
    }

    #[test]
    fn names_decode_and_garbage_is_shown_by_size() {
        let a = throwaway().unwrap();
        let (_, c) = x509_parser::parse_x509_certificate(&a.der).unwrap();
        let names = ca_names([c.subject().as_raw(), &[0x30, 0x05, 1][..]]);
        assert_eq!(names[0], format!("CN={THROWAWAY_CN}"));
        assert_eq!(names[1], "(undecodable name of 3 bytes)");
        assert_eq!(describe_ca_names(&[]), "names no CA");
    }
}
