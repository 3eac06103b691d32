//! Does a presented chain lead to a trust anchor? Judged with rustls's webpki path builder
//! against the system's CA bundle, or against `--ca FILE` (hospitals run private CAs).
//!
//! Why the system bundle and not a compiled-in list (webpki-roots): the bundle is what the
//! hospital's own clients on that machine trust, it includes the private CAs the IT
//! department installed (`update-ca-certificates`), and it is updated with the OS instead
//! of aging with kensa's binary. rustls-native-certs would read the same files through a new
//! dependency; the few well-known bundle paths are read here instead.
//!
//! Expiry is judged by TLS013, so a chain whose leaf is outside its validity is checked at a
//! moment inside it: an expired certificate from a trusted CA is "trusted, expired", not
//! "untrusted". Names are judged apart (the leaf against the SNI), so the path is built
//! without a name.

use crate::model::{ChainTrust, TrustProblem, TrustStore};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, UnixTime};
use rustls::RootCertStore;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Where Linux distributions (and Alpine, macOS) keep the system's CA bundle.
const SYSTEM_BUNDLES: [&str; 4] = [
    "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu
    "/etc/pki/tls/certs/ca-bundle.crt",   // RHEL, Fedora
    "/etc/ssl/ca-bundle.pem",             // SUSE
    "/etc/ssl/cert.pem",                  // Alpine, macOS
];

/// A set of trust anchors and where they came from.
#[derive(Debug, Clone)]
pub struct Anchors {
    pub store: TrustStore,
    roots: Arc<RootCertStore>,
}

impl Anchors {
    /// The certificates themselves, for a TLS client of kensa's own (`advisories update`).
    pub fn roots(&self) -> Arc<RootCertStore> {
        self.roots.clone()
    }
}

/// The anchors one run judges chains against: the `--ca` file's, else the system's. The
/// error says why none could be read (then every chain's trust is unknown).
pub fn anchors(ca_file: Option<&Path>) -> Result<Anchors, String> {
    match ca_file {
        Some(path) => {
            // Read once per run, not once per target (a --targets list may hold thousands).
            static GIVEN: Mutex<Vec<(PathBuf, Result<Anchors, String>)>> = Mutex::new(Vec::new());
            let mut given = GIVEN.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((_, a)) = given.iter().find(|(p, _)| p == path) {
                return a.clone();
            }
            let a = load(path, false);
            given.push((path.to_path_buf(), a.clone()));
            a
        }
        None => {
            static SYSTEM: OnceLock<Result<Anchors, String>> = OnceLock::new();
            SYSTEM.get_or_init(system).clone()
        }
    }
}

fn system() -> Result<Anchors, String> {
    let env = std::env::var_os("SSL_CERT_FILE").map(std::path::PathBuf::from);
    let candidates = env.into_iter().chain(SYSTEM_BUNDLES.iter().map(std::path::PathBuf::from));
    for path in candidates {
        if path.is_file() {
            return load(&path, true);
        }
    }
    Err(format!("no system CA bundle found (looked for {}); use --ca FILE", SYSTEM_BUNDLES.join(", ")))
}

fn load(path: &Path, system: bool) -> Result<Anchors, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {}", path.display(), crate::source::io_reason(&e)))?;
    let mut roots = RootCertStore::empty();
    let ders: Vec<CertificateDer<'static>> = if bytes.first() == Some(&0x30) {
        vec![CertificateDer::from(bytes)]
    } else {
        CertificateDer::pem_slice_iter(&bytes).filter_map(Result::ok).collect()
    };
    let (added, _) = roots.add_parsable_certificates(ders);
    if added == 0 {
        return Err(format!("{}: no usable CA certificate", path.display()));
    }
    Ok(Anchors {
        store: TrustStore {
            path: path.display().to_string(),
            system,
        },
        roots: Arc::new(roots),
    })
}

/// Judges one chain (leaf first). `validity` is the leaf's (not_before, not_after) when
/// readable; `self_signed` whether the leaf is.
pub fn judge(anchors: &Result<Anchors, String>, chain: &[Vec<u8>], validity: Option<(i64, i64)>, self_signed: bool) -> ChainTrust {
    let a = match anchors {
        Ok(a) => a,
        Err(why) => return ChainTrust::Unknown { reason: why.clone() },
    };
    let Some(leaf) = chain.first() else {
        return ChainTrust::Unknown {
            reason: "no certificate presented".into(),
        };
    };
    let leaf = CertificateDer::from(leaf.as_slice());
    if self_signed {
        // A self-signed certificate is trusted only as an anchor itself (a hospital may
        // give it with --ca); webpki would refuse it as an end entity either way.
        let mut own = RootCertStore::empty();
        let is_anchor = own.add(leaf.clone()).is_ok() && own.roots.iter().all(|r| a.roots.roots.contains(r));
        let store = a.store.clone();
        return if is_anchor {
            ChainTrust::Trusted { store }
        } else {
            ChainTrust::SelfSigned { store }
        };
    }
    let parsed = match rustls::server::ParsedCertificate::try_from(&leaf) {
        Ok(p) => p,
        Err(e) => return ChainTrust::Unknown { reason: format!("{e}") },
    };
    let intermediates: Vec<CertificateDer<'_>> = chain[1..].iter().map(|d| CertificateDer::from(d.as_slice())).collect();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let at = match validity {
        Some((nb, _)) if now < nb => nb + 1,
        Some((_, na)) if now > na => na - 1,
        _ => now,
    };
    let time = UnixTime::since_unix_epoch(Duration::from_secs(at.max(0) as u64));
    let algs = rustls::crypto::ring::default_provider().signature_verification_algorithms.all;
    let store = a.store.clone();
    match rustls::client::verify_server_cert_signed_by_trust_anchor(&parsed, &a.roots, &intermediates, time, algs) {
        Ok(()) => ChainTrust::Trusted { store },
        Err(rustls::Error::InvalidCertificate(e)) => ChainTrust::Untrusted { store, problem: problem(&e) },
        Err(e) => ChainTrust::Untrusted {
            store,
            problem: TrustProblem::Other(format!("{e:?}")),
        },
    }
}

/// The verifier's error as a problem the rule can word.
fn problem(e: &rustls::CertificateError) -> TrustProblem {
    use rustls::CertificateError as E;
    match e {
        E::UnknownIssuer => TrustProblem::UnknownIssuer,
        E::BadSignature => TrustProblem::BadSignature,
        E::UnsupportedSignatureAlgorithmContext { .. } | E::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => TrustProblem::UnsupportedSignature,
        E::InvalidPurpose | E::InvalidPurposeContext { .. } => TrustProblem::WrongPurpose,
        other => TrustProblem::Other(format!("{other:?}")),
    }
}
