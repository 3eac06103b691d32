//! The IANA TLS cipher-suite registry as a static table.
//!
//! Provenance: written by hand for kensa from the IANA "TLS Cipher Suites" registry
//! (<https://www.iana.org/assignments/tls-parameters/>, RFC 2246/4346/5246/8446 and the RFCs the
//! registry cites: 2712 KRB5, 4279/5487/5489 PSK, 4492/8422 ECC, 5054 SRP, 5288/5289 GCM,
//! 5932/6367 Camellia, 6209 ARIA, 6655/7251 CCM, 7905 ChaCha20, 8442 ECDHE_PSK AEAD,
//! 8492 ECCPWD, 8998 SM, 9150 integrity-only, 9189/9367 GOST). The `openssl` column is the name
//! OpenSSL 3.0 uses (`openssl ciphers -V -stdname`); it is `Some` exactly for the suites present
//! in OpenSSL 3.0's source, including the ones a default build leaves out (RC4 and 3DES need
//! `enable-weak-ssl-ciphers`, IDEA/SEED the legacy provider, GOST an engine/provider). Which
//! suites a default OpenSSL 3.0 build really offers is `openssl_cipher_string::OPENSSL30_DEFAULT_ORDER`.
//! For those, `min_version` is OpenSSL's own minimum version (what an OpenSSL server negotiates);
//! for the others it follows the defining RFC. The test `openssl_agrees` checks code, IANA name
//! and OpenSSL name of every suite the local `openssl` knows.
//!
//! Not included: unassigned/reserved ranges, drafts never registered (EXPORT1024, old ChaCha
//! 0xCC13..), the AEGIS TLS 1.3 suites (not yet verified against the registry), and the
//! signalling values, which live in [`SCSVS`] because they are not suites.

use crate::model::TlsVersion;
use serde::Serialize;

/// Key exchange. `Any` is TLS 1.3 (negotiated separately via groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Kx {
    Rsa,
    Dh,
    Dhe,
    Ecdh,
    Ecdhe,
    Psk,
    DhePsk,
    RsaPsk,
    EcdhePsk,
    Srp,
    Krb5,
    Gost,
    /// RFC 8492 password-based ECC key exchange (TLS_ECCPWD_*).
    EccPwd,
    Any,
    Null,
}

/// Server authentication. `Anon` = no authentication (DH_anon/ECDH_anon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Au {
    Rsa,
    Dss,
    Ecdsa,
    Anon,
    Psk,
    Srp,
    Krb5,
    Gost,
    /// RFC 8492 password authentication (TLS_ECCPWD_*).
    Pwd,
    Any,
    Null,
}

/// Bulk cipher. `Other` covers SM4 (RFC 8998).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Enc {
    Null,
    Rc2,
    Rc4,
    Des40,
    Des,
    TripleDes,
    Idea,
    Seed,
    Aes128Cbc,
    Aes256Cbc,
    Aes128Gcm,
    Aes256Gcm,
    Aes128Ccm,
    Aes256Ccm,
    Aes128Ccm8,
    Aes256Ccm8,
    Camellia128Cbc,
    Camellia256Cbc,
    Camellia128Gcm,
    Camellia256Gcm,
    Aria128Cbc,
    Aria256Cbc,
    Aria128Gcm,
    Aria256Gcm,
    ChaCha20Poly1305,
    Gost,
    Other,
}

/// Record MAC. `Aead` when the cipher authenticates (the suite's hash is then only the PRF).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Mac {
    Md5,
    Sha1,
    Sha256,
    Sha384,
    Aead,
    Gost,
    Null,
}

/// One registry entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct CipherSuite {
    pub code: u16,
    pub iana: &'static str,
    pub openssl: Option<&'static str>,
    pub kx: Kx,
    pub au: Au,
    pub enc: Enc,
    pub mac: Mac,
    /// Oldest protocol version the suite can be negotiated in.
    pub min_version: TlsVersion,
    /// A TLS 1.3 suite (usable only in TLS 1.3).
    pub tls13: bool,
    /// Effective symmetric strength in bits, as OpenSSL's `strength_bits` (3DES = 112,
    /// DES = 56, EXPORT = 40, NULL = 0). Security-level filters compare against this.
    pub enc_bits: u16,
    /// An EXPORT (40-bit) suite.
    pub export: bool,
}

impl CipherSuite {
    pub fn is_aead(&self) -> bool {
        self.mac == Mac::Aead
    }

    /// Ephemeral key exchange. TLS 1.3 suites count as forward secret: every TLS 1.3 handshake
    /// kensa models uses (EC)DHE; PSK-only resumption is a session matter, not a suite one.
    pub fn forward_secret(&self) -> bool {
        matches!(self.kx, Kx::Dhe | Kx::Ecdhe | Kx::DhePsk | Kx::EcdhePsk | Kx::Any)
    }

    /// Can this suite be negotiated in version `v`? TLS 1.3 suites only in 1.3; legacy suites
    /// never in 1.3 (or SSL 2.0, which has its own suite space); TLS 1.2-only suites (AEAD,
    /// SHA-256/384 HMAC) not below 1.2; EXPORT suites not from TLS 1.1 on (RFC 4346 A.5).
    pub fn usable_in(&self, v: TlsVersion) -> bool {
        if self.tls13 {
            return v == TlsVersion::Tls13;
        }
        if matches!(v, TlsVersion::Tls13 | TlsVersion::Ssl2) {
            return false;
        }
        if self.export && v >= TlsVersion::Tls11 {
            return false;
        }
        v >= self.min_version
    }
}

/// A signalling cipher-suite value: appears in a ClientHello's suite list but is not a suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Scsv {
    pub code: u16,
    pub iana: &'static str,
}

/// RFC 5746 and RFC 7507 signalling values.
pub static SCSVS: &[Scsv] = &[
    Scsv {
        code: 0x00FF,
        iana: "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
    },
    Scsv {
        code: 0x5600,
        iana: "TLS_FALLBACK_SCSV",
    },
];

/// Is `code` a signalling value rather than a suite?
pub fn is_scsv(code: u16) -> bool {
    SCSVS.iter().any(|s| s.code == code)
}

#[allow(clippy::too_many_arguments)]
const fn s(
    code: u16,
    iana: &'static str,
    openssl: Option<&'static str>,
    kx: Kx,
    au: Au,
    enc: Enc,
    mac: Mac,
    min_version: TlsVersion,
    tls13: bool,
    enc_bits: u16,
    export: bool,
) -> CipherSuite {
    CipherSuite {
        code,
        iana,
        openssl,
        kx,
        au,
        enc,
        mac,
        min_version,
        tls13,
        enc_bits,
        export,
    }
}

use Au as A;
use Enc as E;
use Kx as K;
use Mac as M;
use TlsVersion as V;

/// Every assigned suite, sorted by code (binary search relies on it).
#[rustfmt::skip]
pub static ALL: &[CipherSuite] = &[
    s(0x0000, "TLS_NULL_WITH_NULL_NULL", None, K::Null, A::Null, E::Null, M::Null, V::Ssl3, false, 0, false),
    s(0x0001, "TLS_RSA_WITH_NULL_MD5", Some("NULL-MD5"), K::Rsa, A::Rsa, E::Null, M::Md5, V::Ssl3, false, 0, false),
    s(0x0002, "TLS_RSA_WITH_NULL_SHA", Some("NULL-SHA"), K::Rsa, A::Rsa, E::Null, M::Sha1, V::Ssl3, false, 0, false),
    s(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5", None, K::Rsa, A::Rsa, E::Rc4, M::Md5, V::Ssl3, false, 40, true),
    s(0x0004, "TLS_RSA_WITH_RC4_128_MD5", Some("RC4-MD5"), K::Rsa, A::Rsa, E::Rc4, M::Md5, V::Ssl3, false, 128, false),
    s(0x0005, "TLS_RSA_WITH_RC4_128_SHA", Some("RC4-SHA"), K::Rsa, A::Rsa, E::Rc4, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", None, K::Rsa, A::Rsa, E::Rc2, M::Md5, V::Ssl3, false, 40, true),
    s(0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA", Some("IDEA-CBC-SHA"), K::Rsa, A::Rsa, E::Idea, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", None, K::Rsa, A::Rsa, E::Des40, M::Sha1, V::Ssl3, false, 40, true),
    s(0x0009, "TLS_RSA_WITH_DES_CBC_SHA", None, K::Rsa, A::Rsa, E::Des, M::Sha1, V::Ssl3, false, 56, false),
    s(0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", Some("DES-CBC3-SHA"), K::Rsa, A::Rsa, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0x000B, "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA", None, K::Dh, A::Dss, E::Des40, M::Sha1, V::Ssl3, false, 40, true),
    s(0x000C, "TLS_DH_DSS_WITH_DES_CBC_SHA", None, K::Dh, A::Dss, E::Des, M::Sha1, V::Ssl3, false, 56, false),
    s(0x000D, "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA", None, K::Dh, A::Dss, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0x000E, "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA", None, K::Dh, A::Rsa, E::Des40, M::Sha1, V::Ssl3, false, 40, true),
    s(0x000F, "TLS_DH_RSA_WITH_DES_CBC_SHA", None, K::Dh, A::Rsa, E::Des, M::Sha1, V::Ssl3, false, 56, false),
    s(0x0010, "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA", None, K::Dh, A::Rsa, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", None, K::Dhe, A::Dss, E::Des40, M::Sha1, V::Ssl3, false, 40, true),
    s(0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA", None, K::Dhe, A::Dss, E::Des, M::Sha1, V::Ssl3, false, 56, false),
    s(0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", Some("DHE-DSS-DES-CBC3-SHA"), K::Dhe, A::Dss, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", None, K::Dhe, A::Rsa, E::Des40, M::Sha1, V::Ssl3, false, 40, true),
    s(0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA", None, K::Dhe, A::Rsa, E::Des, M::Sha1, V::Ssl3, false, 56, false),
    s(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", Some("DHE-RSA-DES-CBC3-SHA"), K::Dhe, A::Rsa, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5", None, K::Dhe, A::Anon, E::Rc4, M::Md5, V::Ssl3, false, 40, true),
    s(0x0018, "TLS_DH_anon_WITH_RC4_128_MD5", Some("ADH-RC4-MD5"), K::Dhe, A::Anon, E::Rc4, M::Md5, V::Ssl3, false, 128, false),
    s(0x0019, "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA", None, K::Dhe, A::Anon, E::Des40, M::Sha1, V::Ssl3, false, 40, true),
    s(0x001A, "TLS_DH_anon_WITH_DES_CBC_SHA", None, K::Dhe, A::Anon, E::Des, M::Sha1, V::Ssl3, false, 56, false),
    s(0x001B, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA", Some("ADH-DES-CBC3-SHA"), K::Dhe, A::Anon, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0x001E, "TLS_KRB5_WITH_DES_CBC_SHA", None, K::Krb5, A::Krb5, E::Des, M::Sha1, V::Ssl3, false, 56, false),
    s(0x001F, "TLS_KRB5_WITH_3DES_EDE_CBC_SHA", None, K::Krb5, A::Krb5, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0x0020, "TLS_KRB5_WITH_RC4_128_SHA", None, K::Krb5, A::Krb5, E::Rc4, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0021, "TLS_KRB5_WITH_IDEA_CBC_SHA", None, K::Krb5, A::Krb5, E::Idea, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0022, "TLS_KRB5_WITH_DES_CBC_MD5", None, K::Krb5, A::Krb5, E::Des, M::Md5, V::Ssl3, false, 56, false),
    s(0x0023, "TLS_KRB5_WITH_3DES_EDE_CBC_MD5", None, K::Krb5, A::Krb5, E::TripleDes, M::Md5, V::Ssl3, false, 112, false),
    s(0x0024, "TLS_KRB5_WITH_RC4_128_MD5", None, K::Krb5, A::Krb5, E::Rc4, M::Md5, V::Ssl3, false, 128, false),
    s(0x0025, "TLS_KRB5_WITH_IDEA_CBC_MD5", None, K::Krb5, A::Krb5, E::Idea, M::Md5, V::Ssl3, false, 128, false),
    s(0x0026, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA", None, K::Krb5, A::Krb5, E::Des40, M::Sha1, V::Ssl3, false, 40, true),
    s(0x0027, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA", None, K::Krb5, A::Krb5, E::Rc2, M::Sha1, V::Ssl3, false, 40, true),
    s(0x0028, "TLS_KRB5_EXPORT_WITH_RC4_40_SHA", None, K::Krb5, A::Krb5, E::Rc4, M::Sha1, V::Ssl3, false, 40, true),
    s(0x0029, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5", None, K::Krb5, A::Krb5, E::Des40, M::Md5, V::Ssl3, false, 40, true),
    s(0x002A, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5", None, K::Krb5, A::Krb5, E::Rc2, M::Md5, V::Ssl3, false, 40, true),
    s(0x002B, "TLS_KRB5_EXPORT_WITH_RC4_40_MD5", None, K::Krb5, A::Krb5, E::Rc4, M::Md5, V::Ssl3, false, 40, true),
    s(0x002C, "TLS_PSK_WITH_NULL_SHA", Some("PSK-NULL-SHA"), K::Psk, A::Psk, E::Null, M::Sha1, V::Ssl3, false, 0, false),
    s(0x002D, "TLS_DHE_PSK_WITH_NULL_SHA", Some("DHE-PSK-NULL-SHA"), K::DhePsk, A::Psk, E::Null, M::Sha1, V::Ssl3, false, 0, false),
    s(0x002E, "TLS_RSA_PSK_WITH_NULL_SHA", Some("RSA-PSK-NULL-SHA"), K::RsaPsk, A::Rsa, E::Null, M::Sha1, V::Ssl3, false, 0, false),
    s(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", Some("AES128-SHA"), K::Rsa, A::Rsa, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0030, "TLS_DH_DSS_WITH_AES_128_CBC_SHA", None, K::Dh, A::Dss, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0031, "TLS_DH_RSA_WITH_AES_128_CBC_SHA", None, K::Dh, A::Rsa, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", Some("DHE-DSS-AES128-SHA"), K::Dhe, A::Dss, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", Some("DHE-RSA-AES128-SHA"), K::Dhe, A::Rsa, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA", Some("ADH-AES128-SHA"), K::Dhe, A::Anon, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", Some("AES256-SHA"), K::Rsa, A::Rsa, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x0036, "TLS_DH_DSS_WITH_AES_256_CBC_SHA", None, K::Dh, A::Dss, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x0037, "TLS_DH_RSA_WITH_AES_256_CBC_SHA", None, K::Dh, A::Rsa, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", Some("DHE-DSS-AES256-SHA"), K::Dhe, A::Dss, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", Some("DHE-RSA-AES256-SHA"), K::Dhe, A::Rsa, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x003A, "TLS_DH_anon_WITH_AES_256_CBC_SHA", Some("ADH-AES256-SHA"), K::Dhe, A::Anon, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x003B, "TLS_RSA_WITH_NULL_SHA256", Some("NULL-SHA256"), K::Rsa, A::Rsa, E::Null, M::Sha256, V::Tls12, false, 0, false),
    s(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", Some("AES128-SHA256"), K::Rsa, A::Rsa, E::Aes128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256", Some("AES256-SHA256"), K::Rsa, A::Rsa, E::Aes256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x003E, "TLS_DH_DSS_WITH_AES_128_CBC_SHA256", None, K::Dh, A::Dss, E::Aes128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x003F, "TLS_DH_RSA_WITH_AES_128_CBC_SHA256", None, K::Dh, A::Rsa, E::Aes128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", Some("DHE-DSS-AES128-SHA256"), K::Dhe, A::Dss, E::Aes128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", Some("CAMELLIA128-SHA"), K::Rsa, A::Rsa, E::Camellia128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0042, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA", None, K::Dh, A::Dss, E::Camellia128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0043, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA", None, K::Dh, A::Rsa, E::Camellia128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0044, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA", Some("DHE-DSS-CAMELLIA128-SHA"), K::Dhe, A::Dss, E::Camellia128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", Some("DHE-RSA-CAMELLIA128-SHA"), K::Dhe, A::Rsa, E::Camellia128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0046, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA", Some("ADH-CAMELLIA128-SHA"), K::Dhe, A::Anon, E::Camellia128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", Some("DHE-RSA-AES128-SHA256"), K::Dhe, A::Rsa, E::Aes128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x0068, "TLS_DH_DSS_WITH_AES_256_CBC_SHA256", None, K::Dh, A::Dss, E::Aes256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x0069, "TLS_DH_RSA_WITH_AES_256_CBC_SHA256", None, K::Dh, A::Rsa, E::Aes256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x006A, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", Some("DHE-DSS-AES256-SHA256"), K::Dhe, A::Dss, E::Aes256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", Some("DHE-RSA-AES256-SHA256"), K::Dhe, A::Rsa, E::Aes256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x006C, "TLS_DH_anon_WITH_AES_128_CBC_SHA256", Some("ADH-AES128-SHA256"), K::Dhe, A::Anon, E::Aes128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x006D, "TLS_DH_anon_WITH_AES_256_CBC_SHA256", Some("ADH-AES256-SHA256"), K::Dhe, A::Anon, E::Aes256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", Some("CAMELLIA256-SHA"), K::Rsa, A::Rsa, E::Camellia256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x0085, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA", None, K::Dh, A::Dss, E::Camellia256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x0086, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA", None, K::Dh, A::Rsa, E::Camellia256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x0087, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA", Some("DHE-DSS-CAMELLIA256-SHA"), K::Dhe, A::Dss, E::Camellia256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", Some("DHE-RSA-CAMELLIA256-SHA"), K::Dhe, A::Rsa, E::Camellia256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x0089, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA", Some("ADH-CAMELLIA256-SHA"), K::Dhe, A::Anon, E::Camellia256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x008A, "TLS_PSK_WITH_RC4_128_SHA", Some("PSK-RC4-SHA"), K::Psk, A::Psk, E::Rc4, M::Sha1, V::Ssl3, false, 128, false),
    s(0x008B, "TLS_PSK_WITH_3DES_EDE_CBC_SHA", Some("PSK-3DES-EDE-CBC-SHA"), K::Psk, A::Psk, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0x008C, "TLS_PSK_WITH_AES_128_CBC_SHA", Some("PSK-AES128-CBC-SHA"), K::Psk, A::Psk, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x008D, "TLS_PSK_WITH_AES_256_CBC_SHA", Some("PSK-AES256-CBC-SHA"), K::Psk, A::Psk, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x008E, "TLS_DHE_PSK_WITH_RC4_128_SHA", Some("DHE-PSK-RC4-SHA"), K::DhePsk, A::Psk, E::Rc4, M::Sha1, V::Ssl3, false, 128, false),
    s(0x008F, "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA", Some("DHE-PSK-3DES-EDE-CBC-SHA"), K::DhePsk, A::Psk, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA", Some("DHE-PSK-AES128-CBC-SHA"), K::DhePsk, A::Psk, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0091, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA", Some("DHE-PSK-AES256-CBC-SHA"), K::DhePsk, A::Psk, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x0092, "TLS_RSA_PSK_WITH_RC4_128_SHA", Some("RSA-PSK-RC4-SHA"), K::RsaPsk, A::Rsa, E::Rc4, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0093, "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA", Some("RSA-PSK-3DES-EDE-CBC-SHA"), K::RsaPsk, A::Rsa, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA", Some("RSA-PSK-AES128-CBC-SHA"), K::RsaPsk, A::Rsa, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA", Some("RSA-PSK-AES256-CBC-SHA"), K::RsaPsk, A::Rsa, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0x0096, "TLS_RSA_WITH_SEED_CBC_SHA", Some("SEED-SHA"), K::Rsa, A::Rsa, E::Seed, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0097, "TLS_DH_DSS_WITH_SEED_CBC_SHA", None, K::Dh, A::Dss, E::Seed, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0098, "TLS_DH_RSA_WITH_SEED_CBC_SHA", None, K::Dh, A::Rsa, E::Seed, M::Sha1, V::Ssl3, false, 128, false),
    s(0x0099, "TLS_DHE_DSS_WITH_SEED_CBC_SHA", Some("DHE-DSS-SEED-SHA"), K::Dhe, A::Dss, E::Seed, M::Sha1, V::Ssl3, false, 128, false),
    s(0x009A, "TLS_DHE_RSA_WITH_SEED_CBC_SHA", Some("DHE-RSA-SEED-SHA"), K::Dhe, A::Rsa, E::Seed, M::Sha1, V::Ssl3, false, 128, false),
    s(0x009B, "TLS_DH_anon_WITH_SEED_CBC_SHA", Some("ADH-SEED-SHA"), K::Dhe, A::Anon, E::Seed, M::Sha1, V::Ssl3, false, 128, false),
    s(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", Some("AES128-GCM-SHA256"), K::Rsa, A::Rsa, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", Some("AES256-GCM-SHA384"), K::Rsa, A::Rsa, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", Some("DHE-RSA-AES128-GCM-SHA256"), K::Dhe, A::Rsa, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", Some("DHE-RSA-AES256-GCM-SHA384"), K::Dhe, A::Rsa, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0x00A0, "TLS_DH_RSA_WITH_AES_128_GCM_SHA256", None, K::Dh, A::Rsa, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0x00A1, "TLS_DH_RSA_WITH_AES_256_GCM_SHA384", None, K::Dh, A::Rsa, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0x00A2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", Some("DHE-DSS-AES128-GCM-SHA256"), K::Dhe, A::Dss, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0x00A3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", Some("DHE-DSS-AES256-GCM-SHA384"), K::Dhe, A::Dss, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0x00A4, "TLS_DH_DSS_WITH_AES_128_GCM_SHA256", None, K::Dh, A::Dss, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0x00A5, "TLS_DH_DSS_WITH_AES_256_GCM_SHA384", None, K::Dh, A::Dss, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0x00A6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256", Some("ADH-AES128-GCM-SHA256"), K::Dhe, A::Anon, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0x00A7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384", Some("ADH-AES256-GCM-SHA384"), K::Dhe, A::Anon, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0x00A8, "TLS_PSK_WITH_AES_128_GCM_SHA256", Some("PSK-AES128-GCM-SHA256"), K::Psk, A::Psk, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0x00A9, "TLS_PSK_WITH_AES_256_GCM_SHA384", Some("PSK-AES256-GCM-SHA384"), K::Psk, A::Psk, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0x00AA, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", Some("DHE-PSK-AES128-GCM-SHA256"), K::DhePsk, A::Psk, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0x00AB, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384", Some("DHE-PSK-AES256-GCM-SHA384"), K::DhePsk, A::Psk, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0x00AC, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", Some("RSA-PSK-AES128-GCM-SHA256"), K::RsaPsk, A::Rsa, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0x00AD, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384", Some("RSA-PSK-AES256-GCM-SHA384"), K::RsaPsk, A::Rsa, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0x00AE, "TLS_PSK_WITH_AES_128_CBC_SHA256", Some("PSK-AES128-CBC-SHA256"), K::Psk, A::Psk, E::Aes128Cbc, M::Sha256, V::Tls10, false, 128, false),
    s(0x00AF, "TLS_PSK_WITH_AES_256_CBC_SHA384", Some("PSK-AES256-CBC-SHA384"), K::Psk, A::Psk, E::Aes256Cbc, M::Sha384, V::Tls10, false, 256, false),
    s(0x00B0, "TLS_PSK_WITH_NULL_SHA256", Some("PSK-NULL-SHA256"), K::Psk, A::Psk, E::Null, M::Sha256, V::Tls10, false, 0, false),
    s(0x00B1, "TLS_PSK_WITH_NULL_SHA384", Some("PSK-NULL-SHA384"), K::Psk, A::Psk, E::Null, M::Sha384, V::Tls10, false, 0, false),
    s(0x00B2, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256", Some("DHE-PSK-AES128-CBC-SHA256"), K::DhePsk, A::Psk, E::Aes128Cbc, M::Sha256, V::Tls10, false, 128, false),
    s(0x00B3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384", Some("DHE-PSK-AES256-CBC-SHA384"), K::DhePsk, A::Psk, E::Aes256Cbc, M::Sha384, V::Tls10, false, 256, false),
    s(0x00B4, "TLS_DHE_PSK_WITH_NULL_SHA256", Some("DHE-PSK-NULL-SHA256"), K::DhePsk, A::Psk, E::Null, M::Sha256, V::Tls10, false, 0, false),
    s(0x00B5, "TLS_DHE_PSK_WITH_NULL_SHA384", Some("DHE-PSK-NULL-SHA384"), K::DhePsk, A::Psk, E::Null, M::Sha384, V::Tls10, false, 0, false),
    s(0x00B6, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256", Some("RSA-PSK-AES128-CBC-SHA256"), K::RsaPsk, A::Rsa, E::Aes128Cbc, M::Sha256, V::Tls10, false, 128, false),
    s(0x00B7, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384", Some("RSA-PSK-AES256-CBC-SHA384"), K::RsaPsk, A::Rsa, E::Aes256Cbc, M::Sha384, V::Tls10, false, 256, false),
    s(0x00B8, "TLS_RSA_PSK_WITH_NULL_SHA256", Some("RSA-PSK-NULL-SHA256"), K::RsaPsk, A::Rsa, E::Null, M::Sha256, V::Tls10, false, 0, false),
    s(0x00B9, "TLS_RSA_PSK_WITH_NULL_SHA384", Some("RSA-PSK-NULL-SHA384"), K::RsaPsk, A::Rsa, E::Null, M::Sha384, V::Tls10, false, 0, false),
    s(0x00BA, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256", Some("CAMELLIA128-SHA256"), K::Rsa, A::Rsa, E::Camellia128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x00BB, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256", None, K::Dh, A::Dss, E::Camellia128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x00BC, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256", None, K::Dh, A::Rsa, E::Camellia128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x00BD, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256", Some("DHE-DSS-CAMELLIA128-SHA256"), K::Dhe, A::Dss, E::Camellia128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x00BE, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", Some("DHE-RSA-CAMELLIA128-SHA256"), K::Dhe, A::Rsa, E::Camellia128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x00BF, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256", Some("ADH-CAMELLIA128-SHA256"), K::Dhe, A::Anon, E::Camellia128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0x00C0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256", Some("CAMELLIA256-SHA256"), K::Rsa, A::Rsa, E::Camellia256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x00C1, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256", None, K::Dh, A::Dss, E::Camellia256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x00C2, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256", None, K::Dh, A::Rsa, E::Camellia256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x00C3, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256", Some("DHE-DSS-CAMELLIA256-SHA256"), K::Dhe, A::Dss, E::Camellia256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x00C4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256", Some("DHE-RSA-CAMELLIA256-SHA256"), K::Dhe, A::Rsa, E::Camellia256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x00C5, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256", Some("ADH-CAMELLIA256-SHA256"), K::Dhe, A::Anon, E::Camellia256Cbc, M::Sha256, V::Tls12, false, 256, false),
    s(0x00C6, "TLS_SM4_GCM_SM3", None, K::Any, A::Any, E::Other, M::Aead, V::Tls13, true, 128, false),
    s(0x00C7, "TLS_SM4_CCM_SM3", None, K::Any, A::Any, E::Other, M::Aead, V::Tls13, true, 128, false),
    s(0x1301, "TLS_AES_128_GCM_SHA256", Some("TLS_AES_128_GCM_SHA256"), K::Any, A::Any, E::Aes128Gcm, M::Aead, V::Tls13, true, 128, false),
    s(0x1302, "TLS_AES_256_GCM_SHA384", Some("TLS_AES_256_GCM_SHA384"), K::Any, A::Any, E::Aes256Gcm, M::Aead, V::Tls13, true, 256, false),
    s(0x1303, "TLS_CHACHA20_POLY1305_SHA256", Some("TLS_CHACHA20_POLY1305_SHA256"), K::Any, A::Any, E::ChaCha20Poly1305, M::Aead, V::Tls13, true, 256, false),
    s(0x1304, "TLS_AES_128_CCM_SHA256", Some("TLS_AES_128_CCM_SHA256"), K::Any, A::Any, E::Aes128Ccm, M::Aead, V::Tls13, true, 128, false),
    s(0x1305, "TLS_AES_128_CCM_8_SHA256", Some("TLS_AES_128_CCM_8_SHA256"), K::Any, A::Any, E::Aes128Ccm8, M::Aead, V::Tls13, true, 128, false),
    s(0xC001, "TLS_ECDH_ECDSA_WITH_NULL_SHA", None, K::Ecdh, A::Ecdsa, E::Null, M::Sha1, V::Tls10, false, 0, false),
    s(0xC002, "TLS_ECDH_ECDSA_WITH_RC4_128_SHA", None, K::Ecdh, A::Ecdsa, E::Rc4, M::Sha1, V::Tls10, false, 128, false),
    s(0xC003, "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA", None, K::Ecdh, A::Ecdsa, E::TripleDes, M::Sha1, V::Tls10, false, 112, false),
    s(0xC004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", None, K::Ecdh, A::Ecdsa, E::Aes128Cbc, M::Sha1, V::Tls10, false, 128, false),
    s(0xC005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", None, K::Ecdh, A::Ecdsa, E::Aes256Cbc, M::Sha1, V::Tls10, false, 256, false),
    s(0xC006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA", Some("ECDHE-ECDSA-NULL-SHA"), K::Ecdhe, A::Ecdsa, E::Null, M::Sha1, V::Tls10, false, 0, false),
    s(0xC007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", Some("ECDHE-ECDSA-RC4-SHA"), K::Ecdhe, A::Ecdsa, E::Rc4, M::Sha1, V::Tls10, false, 128, false),
    s(0xC008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", Some("ECDHE-ECDSA-DES-CBC3-SHA"), K::Ecdhe, A::Ecdsa, E::TripleDes, M::Sha1, V::Tls10, false, 112, false),
    s(0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", Some("ECDHE-ECDSA-AES128-SHA"), K::Ecdhe, A::Ecdsa, E::Aes128Cbc, M::Sha1, V::Tls10, false, 128, false),
    s(0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", Some("ECDHE-ECDSA-AES256-SHA"), K::Ecdhe, A::Ecdsa, E::Aes256Cbc, M::Sha1, V::Tls10, false, 256, false),
    s(0xC00B, "TLS_ECDH_RSA_WITH_NULL_SHA", None, K::Ecdh, A::Rsa, E::Null, M::Sha1, V::Tls10, false, 0, false),
    s(0xC00C, "TLS_ECDH_RSA_WITH_RC4_128_SHA", None, K::Ecdh, A::Rsa, E::Rc4, M::Sha1, V::Tls10, false, 128, false),
    s(0xC00D, "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA", None, K::Ecdh, A::Rsa, E::TripleDes, M::Sha1, V::Tls10, false, 112, false),
    s(0xC00E, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", None, K::Ecdh, A::Rsa, E::Aes128Cbc, M::Sha1, V::Tls10, false, 128, false),
    s(0xC00F, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", None, K::Ecdh, A::Rsa, E::Aes256Cbc, M::Sha1, V::Tls10, false, 256, false),
    s(0xC010, "TLS_ECDHE_RSA_WITH_NULL_SHA", Some("ECDHE-RSA-NULL-SHA"), K::Ecdhe, A::Rsa, E::Null, M::Sha1, V::Tls10, false, 0, false),
    s(0xC011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA", Some("ECDHE-RSA-RC4-SHA"), K::Ecdhe, A::Rsa, E::Rc4, M::Sha1, V::Tls10, false, 128, false),
    s(0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", Some("ECDHE-RSA-DES-CBC3-SHA"), K::Ecdhe, A::Rsa, E::TripleDes, M::Sha1, V::Tls10, false, 112, false),
    s(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", Some("ECDHE-RSA-AES128-SHA"), K::Ecdhe, A::Rsa, E::Aes128Cbc, M::Sha1, V::Tls10, false, 128, false),
    s(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", Some("ECDHE-RSA-AES256-SHA"), K::Ecdhe, A::Rsa, E::Aes256Cbc, M::Sha1, V::Tls10, false, 256, false),
    s(0xC015, "TLS_ECDH_anon_WITH_NULL_SHA", Some("AECDH-NULL-SHA"), K::Ecdhe, A::Anon, E::Null, M::Sha1, V::Tls10, false, 0, false),
    s(0xC016, "TLS_ECDH_anon_WITH_RC4_128_SHA", Some("AECDH-RC4-SHA"), K::Ecdhe, A::Anon, E::Rc4, M::Sha1, V::Tls10, false, 128, false),
    s(0xC017, "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA", Some("AECDH-DES-CBC3-SHA"), K::Ecdhe, A::Anon, E::TripleDes, M::Sha1, V::Tls10, false, 112, false),
    s(0xC018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", Some("AECDH-AES128-SHA"), K::Ecdhe, A::Anon, E::Aes128Cbc, M::Sha1, V::Tls10, false, 128, false),
    s(0xC019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA", Some("AECDH-AES256-SHA"), K::Ecdhe, A::Anon, E::Aes256Cbc, M::Sha1, V::Tls10, false, 256, false),
    s(0xC01A, "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA", Some("SRP-3DES-EDE-CBC-SHA"), K::Srp, A::Srp, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0xC01B, "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA", Some("SRP-RSA-3DES-EDE-CBC-SHA"), K::Srp, A::Rsa, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0xC01C, "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA", Some("SRP-DSS-3DES-EDE-CBC-SHA"), K::Srp, A::Dss, E::TripleDes, M::Sha1, V::Ssl3, false, 112, false),
    s(0xC01D, "TLS_SRP_SHA_WITH_AES_128_CBC_SHA", Some("SRP-AES-128-CBC-SHA"), K::Srp, A::Srp, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0xC01E, "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", Some("SRP-RSA-AES-128-CBC-SHA"), K::Srp, A::Rsa, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0xC01F, "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA", Some("SRP-DSS-AES-128-CBC-SHA"), K::Srp, A::Dss, E::Aes128Cbc, M::Sha1, V::Ssl3, false, 128, false),
    s(0xC020, "TLS_SRP_SHA_WITH_AES_256_CBC_SHA", Some("SRP-AES-256-CBC-SHA"), K::Srp, A::Srp, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0xC021, "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", Some("SRP-RSA-AES-256-CBC-SHA"), K::Srp, A::Rsa, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0xC022, "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", Some("SRP-DSS-AES-256-CBC-SHA"), K::Srp, A::Dss, E::Aes256Cbc, M::Sha1, V::Ssl3, false, 256, false),
    s(0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", Some("ECDHE-ECDSA-AES128-SHA256"), K::Ecdhe, A::Ecdsa, E::Aes128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", Some("ECDHE-ECDSA-AES256-SHA384"), K::Ecdhe, A::Ecdsa, E::Aes256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC025, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", None, K::Ecdh, A::Ecdsa, E::Aes128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC026, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", None, K::Ecdh, A::Ecdsa, E::Aes256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", Some("ECDHE-RSA-AES128-SHA256"), K::Ecdhe, A::Rsa, E::Aes128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", Some("ECDHE-RSA-AES256-SHA384"), K::Ecdhe, A::Rsa, E::Aes256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC029, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", None, K::Ecdh, A::Rsa, E::Aes128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC02A, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", None, K::Ecdh, A::Rsa, E::Aes256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", Some("ECDHE-ECDSA-AES128-GCM-SHA256"), K::Ecdhe, A::Ecdsa, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", Some("ECDHE-ECDSA-AES256-GCM-SHA384"), K::Ecdhe, A::Ecdsa, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC02D, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", None, K::Ecdh, A::Ecdsa, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC02E, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", None, K::Ecdh, A::Ecdsa, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Some("ECDHE-RSA-AES128-GCM-SHA256"), K::Ecdhe, A::Rsa, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", Some("ECDHE-RSA-AES256-GCM-SHA384"), K::Ecdhe, A::Rsa, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC031, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", None, K::Ecdh, A::Rsa, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", None, K::Ecdh, A::Rsa, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC033, "TLS_ECDHE_PSK_WITH_RC4_128_SHA", Some("ECDHE-PSK-RC4-SHA"), K::EcdhePsk, A::Psk, E::Rc4, M::Sha1, V::Tls10, false, 128, false),
    s(0xC034, "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA", Some("ECDHE-PSK-3DES-EDE-CBC-SHA"), K::EcdhePsk, A::Psk, E::TripleDes, M::Sha1, V::Tls10, false, 112, false),
    s(0xC035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA", Some("ECDHE-PSK-AES128-CBC-SHA"), K::EcdhePsk, A::Psk, E::Aes128Cbc, M::Sha1, V::Tls10, false, 128, false),
    s(0xC036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA", Some("ECDHE-PSK-AES256-CBC-SHA"), K::EcdhePsk, A::Psk, E::Aes256Cbc, M::Sha1, V::Tls10, false, 256, false),
    s(0xC037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", Some("ECDHE-PSK-AES128-CBC-SHA256"), K::EcdhePsk, A::Psk, E::Aes128Cbc, M::Sha256, V::Tls10, false, 128, false),
    s(0xC038, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384", Some("ECDHE-PSK-AES256-CBC-SHA384"), K::EcdhePsk, A::Psk, E::Aes256Cbc, M::Sha384, V::Tls10, false, 256, false),
    s(0xC039, "TLS_ECDHE_PSK_WITH_NULL_SHA", Some("ECDHE-PSK-NULL-SHA"), K::EcdhePsk, A::Psk, E::Null, M::Sha1, V::Tls10, false, 0, false),
    s(0xC03A, "TLS_ECDHE_PSK_WITH_NULL_SHA256", Some("ECDHE-PSK-NULL-SHA256"), K::EcdhePsk, A::Psk, E::Null, M::Sha256, V::Tls10, false, 0, false),
    s(0xC03B, "TLS_ECDHE_PSK_WITH_NULL_SHA384", Some("ECDHE-PSK-NULL-SHA384"), K::EcdhePsk, A::Psk, E::Null, M::Sha384, V::Tls10, false, 0, false),
    s(0xC03C, "TLS_RSA_WITH_ARIA_128_CBC_SHA256", None, K::Rsa, A::Rsa, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC03D, "TLS_RSA_WITH_ARIA_256_CBC_SHA384", None, K::Rsa, A::Rsa, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC03E, "TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256", None, K::Dh, A::Dss, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC03F, "TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384", None, K::Dh, A::Dss, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC040, "TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256", None, K::Dh, A::Rsa, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC041, "TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384", None, K::Dh, A::Rsa, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC042, "TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256", None, K::Dhe, A::Dss, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC043, "TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384", None, K::Dhe, A::Dss, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC044, "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256", None, K::Dhe, A::Rsa, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC045, "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384", None, K::Dhe, A::Rsa, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC046, "TLS_DH_anon_WITH_ARIA_128_CBC_SHA256", None, K::Dhe, A::Anon, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC047, "TLS_DH_anon_WITH_ARIA_256_CBC_SHA384", None, K::Dhe, A::Anon, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC048, "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256", None, K::Ecdhe, A::Ecdsa, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC049, "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384", None, K::Ecdhe, A::Ecdsa, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC04A, "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256", None, K::Ecdh, A::Ecdsa, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC04B, "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384", None, K::Ecdh, A::Ecdsa, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC04C, "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256", None, K::Ecdhe, A::Rsa, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC04D, "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384", None, K::Ecdhe, A::Rsa, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC04E, "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256", None, K::Ecdh, A::Rsa, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC04F, "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384", None, K::Ecdh, A::Rsa, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256", Some("ARIA128-GCM-SHA256"), K::Rsa, A::Rsa, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC051, "TLS_RSA_WITH_ARIA_256_GCM_SHA384", Some("ARIA256-GCM-SHA384"), K::Rsa, A::Rsa, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC052, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256", Some("DHE-RSA-ARIA128-GCM-SHA256"), K::Dhe, A::Rsa, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC053, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384", Some("DHE-RSA-ARIA256-GCM-SHA384"), K::Dhe, A::Rsa, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC054, "TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256", None, K::Dh, A::Rsa, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC055, "TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384", None, K::Dh, A::Rsa, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC056, "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256", Some("DHE-DSS-ARIA128-GCM-SHA256"), K::Dhe, A::Dss, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC057, "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384", Some("DHE-DSS-ARIA256-GCM-SHA384"), K::Dhe, A::Dss, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC058, "TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256", None, K::Dh, A::Dss, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC059, "TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384", None, K::Dh, A::Dss, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC05A, "TLS_DH_anon_WITH_ARIA_128_GCM_SHA256", None, K::Dhe, A::Anon, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC05B, "TLS_DH_anon_WITH_ARIA_256_GCM_SHA384", None, K::Dhe, A::Anon, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC05C, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256", Some("ECDHE-ECDSA-ARIA128-GCM-SHA256"), K::Ecdhe, A::Ecdsa, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC05D, "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384", Some("ECDHE-ECDSA-ARIA256-GCM-SHA384"), K::Ecdhe, A::Ecdsa, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC05E, "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256", None, K::Ecdh, A::Ecdsa, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC05F, "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384", None, K::Ecdh, A::Ecdsa, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC060, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256", Some("ECDHE-ARIA128-GCM-SHA256"), K::Ecdhe, A::Rsa, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC061, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384", Some("ECDHE-ARIA256-GCM-SHA384"), K::Ecdhe, A::Rsa, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC062, "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256", None, K::Ecdh, A::Rsa, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC063, "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384", None, K::Ecdh, A::Rsa, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC064, "TLS_PSK_WITH_ARIA_128_CBC_SHA256", None, K::Psk, A::Psk, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC065, "TLS_PSK_WITH_ARIA_256_CBC_SHA384", None, K::Psk, A::Psk, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC066, "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256", None, K::DhePsk, A::Psk, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC067, "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384", None, K::DhePsk, A::Psk, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC068, "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256", None, K::RsaPsk, A::Rsa, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC069, "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384", None, K::RsaPsk, A::Rsa, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC06A, "TLS_PSK_WITH_ARIA_128_GCM_SHA256", Some("PSK-ARIA128-GCM-SHA256"), K::Psk, A::Psk, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC06B, "TLS_PSK_WITH_ARIA_256_GCM_SHA384", Some("PSK-ARIA256-GCM-SHA384"), K::Psk, A::Psk, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC06C, "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256", Some("DHE-PSK-ARIA128-GCM-SHA256"), K::DhePsk, A::Psk, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC06D, "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384", Some("DHE-PSK-ARIA256-GCM-SHA384"), K::DhePsk, A::Psk, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC06E, "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256", Some("RSA-PSK-ARIA128-GCM-SHA256"), K::RsaPsk, A::Rsa, E::Aria128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC06F, "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384", Some("RSA-PSK-ARIA256-GCM-SHA384"), K::RsaPsk, A::Rsa, E::Aria256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC070, "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256", None, K::EcdhePsk, A::Psk, E::Aria128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC071, "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384", None, K::EcdhePsk, A::Psk, E::Aria256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", Some("ECDHE-ECDSA-CAMELLIA128-SHA256"), K::Ecdhe, A::Ecdsa, E::Camellia128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC073, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", Some("ECDHE-ECDSA-CAMELLIA256-SHA384"), K::Ecdhe, A::Ecdsa, E::Camellia256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC074, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", None, K::Ecdh, A::Ecdsa, E::Camellia128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC075, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", None, K::Ecdh, A::Ecdsa, E::Camellia256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", Some("ECDHE-RSA-CAMELLIA128-SHA256"), K::Ecdhe, A::Rsa, E::Camellia128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", Some("ECDHE-RSA-CAMELLIA256-SHA384"), K::Ecdhe, A::Rsa, E::Camellia256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC078, "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256", None, K::Ecdh, A::Rsa, E::Camellia128Cbc, M::Sha256, V::Tls12, false, 128, false),
    s(0xC079, "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384", None, K::Ecdh, A::Rsa, E::Camellia256Cbc, M::Sha384, V::Tls12, false, 256, false),
    s(0xC07A, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256", None, K::Rsa, A::Rsa, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC07B, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384", None, K::Rsa, A::Rsa, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC07C, "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", None, K::Dhe, A::Rsa, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC07D, "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", None, K::Dhe, A::Rsa, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC07E, "TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256", None, K::Dh, A::Rsa, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC07F, "TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384", None, K::Dh, A::Rsa, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC080, "TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256", None, K::Dhe, A::Dss, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC081, "TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384", None, K::Dhe, A::Dss, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC082, "TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256", None, K::Dh, A::Dss, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC083, "TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384", None, K::Dh, A::Dss, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC084, "TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256", None, K::Dhe, A::Anon, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC085, "TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384", None, K::Dhe, A::Anon, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC086, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256", None, K::Ecdhe, A::Ecdsa, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC087, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", None, K::Ecdhe, A::Ecdsa, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC088, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256", None, K::Ecdh, A::Ecdsa, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC089, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", None, K::Ecdh, A::Ecdsa, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC08A, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", None, K::Ecdhe, A::Rsa, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC08B, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", None, K::Ecdhe, A::Rsa, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC08C, "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256", None, K::Ecdh, A::Rsa, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC08D, "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384", None, K::Ecdh, A::Rsa, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC08E, "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256", None, K::Psk, A::Psk, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC08F, "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384", None, K::Psk, A::Psk, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC090, "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256", None, K::DhePsk, A::Psk, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC091, "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384", None, K::DhePsk, A::Psk, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC092, "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256", None, K::RsaPsk, A::Rsa, E::Camellia128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC093, "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384", None, K::RsaPsk, A::Rsa, E::Camellia256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC094, "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256", Some("PSK-CAMELLIA128-SHA256"), K::Psk, A::Psk, E::Camellia128Cbc, M::Sha256, V::Tls10, false, 128, false),
    s(0xC095, "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384", Some("PSK-CAMELLIA256-SHA384"), K::Psk, A::Psk, E::Camellia256Cbc, M::Sha384, V::Tls10, false, 256, false),
    s(0xC096, "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", Some("DHE-PSK-CAMELLIA128-SHA256"), K::DhePsk, A::Psk, E::Camellia128Cbc, M::Sha256, V::Tls10, false, 128, false),
    s(0xC097, "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", Some("DHE-PSK-CAMELLIA256-SHA384"), K::DhePsk, A::Psk, E::Camellia256Cbc, M::Sha384, V::Tls10, false, 256, false),
    s(0xC098, "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256", Some("RSA-PSK-CAMELLIA128-SHA256"), K::RsaPsk, A::Rsa, E::Camellia128Cbc, M::Sha256, V::Tls10, false, 128, false),
    s(0xC099, "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384", Some("RSA-PSK-CAMELLIA256-SHA384"), K::RsaPsk, A::Rsa, E::Camellia256Cbc, M::Sha384, V::Tls10, false, 256, false),
    s(0xC09A, "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", Some("ECDHE-PSK-CAMELLIA128-SHA256"), K::EcdhePsk, A::Psk, E::Camellia128Cbc, M::Sha256, V::Tls10, false, 128, false),
    s(0xC09B, "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", Some("ECDHE-PSK-CAMELLIA256-SHA384"), K::EcdhePsk, A::Psk, E::Camellia256Cbc, M::Sha384, V::Tls10, false, 256, false),
    s(0xC09C, "TLS_RSA_WITH_AES_128_CCM", Some("AES128-CCM"), K::Rsa, A::Rsa, E::Aes128Ccm, M::Aead, V::Tls12, false, 128, false),
    s(0xC09D, "TLS_RSA_WITH_AES_256_CCM", Some("AES256-CCM"), K::Rsa, A::Rsa, E::Aes256Ccm, M::Aead, V::Tls12, false, 256, false),
    s(0xC09E, "TLS_DHE_RSA_WITH_AES_128_CCM", Some("DHE-RSA-AES128-CCM"), K::Dhe, A::Rsa, E::Aes128Ccm, M::Aead, V::Tls12, false, 128, false),
    s(0xC09F, "TLS_DHE_RSA_WITH_AES_256_CCM", Some("DHE-RSA-AES256-CCM"), K::Dhe, A::Rsa, E::Aes256Ccm, M::Aead, V::Tls12, false, 256, false),
    s(0xC0A0, "TLS_RSA_WITH_AES_128_CCM_8", Some("AES128-CCM8"), K::Rsa, A::Rsa, E::Aes128Ccm8, M::Aead, V::Tls12, false, 128, false),
    s(0xC0A1, "TLS_RSA_WITH_AES_256_CCM_8", Some("AES256-CCM8"), K::Rsa, A::Rsa, E::Aes256Ccm8, M::Aead, V::Tls12, false, 256, false),
    s(0xC0A2, "TLS_DHE_RSA_WITH_AES_128_CCM_8", Some("DHE-RSA-AES128-CCM8"), K::Dhe, A::Rsa, E::Aes128Ccm8, M::Aead, V::Tls12, false, 128, false),
    s(0xC0A3, "TLS_DHE_RSA_WITH_AES_256_CCM_8", Some("DHE-RSA-AES256-CCM8"), K::Dhe, A::Rsa, E::Aes256Ccm8, M::Aead, V::Tls12, false, 256, false),
    s(0xC0A4, "TLS_PSK_WITH_AES_128_CCM", Some("PSK-AES128-CCM"), K::Psk, A::Psk, E::Aes128Ccm, M::Aead, V::Tls12, false, 128, false),
    s(0xC0A5, "TLS_PSK_WITH_AES_256_CCM", Some("PSK-AES256-CCM"), K::Psk, A::Psk, E::Aes256Ccm, M::Aead, V::Tls12, false, 256, false),
    s(0xC0A6, "TLS_DHE_PSK_WITH_AES_128_CCM", Some("DHE-PSK-AES128-CCM"), K::DhePsk, A::Psk, E::Aes128Ccm, M::Aead, V::Tls12, false, 128, false),
    s(0xC0A7, "TLS_DHE_PSK_WITH_AES_256_CCM", Some("DHE-PSK-AES256-CCM"), K::DhePsk, A::Psk, E::Aes256Ccm, M::Aead, V::Tls12, false, 256, false),
    s(0xC0A8, "TLS_PSK_WITH_AES_128_CCM_8", Some("PSK-AES128-CCM8"), K::Psk, A::Psk, E::Aes128Ccm8, M::Aead, V::Tls12, false, 128, false),
    s(0xC0A9, "TLS_PSK_WITH_AES_256_CCM_8", Some("PSK-AES256-CCM8"), K::Psk, A::Psk, E::Aes256Ccm8, M::Aead, V::Tls12, false, 256, false),
    s(0xC0AA, "TLS_PSK_DHE_WITH_AES_128_CCM_8", Some("DHE-PSK-AES128-CCM8"), K::DhePsk, A::Psk, E::Aes128Ccm8, M::Aead, V::Tls12, false, 128, false),
    s(0xC0AB, "TLS_PSK_DHE_WITH_AES_256_CCM_8", Some("DHE-PSK-AES256-CCM8"), K::DhePsk, A::Psk, E::Aes256Ccm8, M::Aead, V::Tls12, false, 256, false),
    s(0xC0AC, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", Some("ECDHE-ECDSA-AES128-CCM"), K::Ecdhe, A::Ecdsa, E::Aes128Ccm, M::Aead, V::Tls12, false, 128, false),
    s(0xC0AD, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM", Some("ECDHE-ECDSA-AES256-CCM"), K::Ecdhe, A::Ecdsa, E::Aes256Ccm, M::Aead, V::Tls12, false, 256, false),
    s(0xC0AE, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", Some("ECDHE-ECDSA-AES128-CCM8"), K::Ecdhe, A::Ecdsa, E::Aes128Ccm8, M::Aead, V::Tls12, false, 128, false),
    s(0xC0AF, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", Some("ECDHE-ECDSA-AES256-CCM8"), K::Ecdhe, A::Ecdsa, E::Aes256Ccm8, M::Aead, V::Tls12, false, 256, false),
    s(0xC0B0, "TLS_ECCPWD_WITH_AES_128_GCM_SHA256", None, K::EccPwd, A::Pwd, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xC0B1, "TLS_ECCPWD_WITH_AES_256_GCM_SHA384", None, K::EccPwd, A::Pwd, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xC0B2, "TLS_ECCPWD_WITH_AES_128_CCM_SHA256", None, K::EccPwd, A::Pwd, E::Aes128Ccm, M::Aead, V::Tls12, false, 128, false),
    s(0xC0B3, "TLS_ECCPWD_WITH_AES_256_CCM_SHA384", None, K::EccPwd, A::Pwd, E::Aes256Ccm, M::Aead, V::Tls12, false, 256, false),
    s(0xC0B4, "TLS_SHA256_SHA256", None, K::Any, A::Any, E::Null, M::Sha256, V::Tls13, true, 0, false),
    s(0xC0B5, "TLS_SHA384_SHA384", None, K::Any, A::Any, E::Null, M::Sha384, V::Tls13, true, 0, false),
    s(0xC100, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC", Some("GOST2012-KUZNYECHIK-KUZNYECHIKOMAC"), K::Gost, A::Gost, E::Gost, M::Gost, V::Tls12, false, 256, false),
    s(0xC101, "TLS_GOSTR341112_256_WITH_MAGMA_CTR_OMAC", Some("GOST2012-MAGMA-MAGMAOMAC"), K::Gost, A::Gost, E::Gost, M::Gost, V::Tls12, false, 256, false),
    s(0xC102, "TLS_GOSTR341112_256_WITH_28147_CNT_IMIT", Some("GOST2012-GOST8912-GOST8912"), K::Gost, A::Gost, E::Gost, M::Gost, V::Tls12, false, 256, false),
    s(0xC103, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L", None, K::Any, A::Any, E::Gost, M::Aead, V::Tls13, true, 256, false),
    s(0xC104, "TLS_GOSTR341112_256_WITH_MAGMA_MGM_L", None, K::Any, A::Any, E::Gost, M::Aead, V::Tls13, true, 256, false),
    s(0xC105, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S", None, K::Any, A::Any, E::Gost, M::Aead, V::Tls13, true, 256, false),
    s(0xC106, "TLS_GOSTR341112_256_WITH_MAGMA_MGM_S", None, K::Any, A::Any, E::Gost, M::Aead, V::Tls13, true, 256, false),
    s(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", Some("ECDHE-RSA-CHACHA20-POLY1305"), K::Ecdhe, A::Rsa, E::ChaCha20Poly1305, M::Aead, V::Tls12, false, 256, false),
    s(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", Some("ECDHE-ECDSA-CHACHA20-POLY1305"), K::Ecdhe, A::Ecdsa, E::ChaCha20Poly1305, M::Aead, V::Tls12, false, 256, false),
    s(0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", Some("DHE-RSA-CHACHA20-POLY1305"), K::Dhe, A::Rsa, E::ChaCha20Poly1305, M::Aead, V::Tls12, false, 256, false),
    s(0xCCAB, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", Some("PSK-CHACHA20-POLY1305"), K::Psk, A::Psk, E::ChaCha20Poly1305, M::Aead, V::Tls12, false, 256, false),
    s(0xCCAC, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", Some("ECDHE-PSK-CHACHA20-POLY1305"), K::EcdhePsk, A::Psk, E::ChaCha20Poly1305, M::Aead, V::Tls12, false, 256, false),
    s(0xCCAD, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256", Some("DHE-PSK-CHACHA20-POLY1305"), K::DhePsk, A::Psk, E::ChaCha20Poly1305, M::Aead, V::Tls12, false, 256, false),
    s(0xCCAE, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256", Some("RSA-PSK-CHACHA20-POLY1305"), K::RsaPsk, A::Rsa, E::ChaCha20Poly1305, M::Aead, V::Tls12, false, 256, false),
    s(0xD001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", None, K::EcdhePsk, A::Psk, E::Aes128Gcm, M::Aead, V::Tls12, false, 128, false),
    s(0xD002, "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384", None, K::EcdhePsk, A::Psk, E::Aes256Gcm, M::Aead, V::Tls12, false, 256, false),
    s(0xD003, "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256", None, K::EcdhePsk, A::Psk, E::Aes128Ccm8, M::Aead, V::Tls12, false, 128, false),
    s(0xD005, "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256", None, K::EcdhePsk, A::Psk, E::Aes128Ccm, M::Aead, V::Tls12, false, 128, false),
];

/// Look a suite up by code point: one load from a 128 KiB index built on first use (cipher
/// string expansion and every suite list in a message look codes up).
pub fn by_code(code: u16) -> Option<&'static CipherSuite> {
    static INDEX: std::sync::OnceLock<Box<[u16]>> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        // Position + 1 of each code in ALL; 0 = not a suite.
        let mut index = vec![0u16; 1 << 16].into_boxed_slice();
        for (i, s) in ALL.iter().enumerate() {
            index[usize::from(s.code)] = u16::try_from(i + 1).expect("fewer than 65535 suites");
        }
        index
    });
    match index[usize::from(code)] {
        0 => None,
        i => Some(&ALL[usize::from(i) - 1]),
    }
}

/// Look a suite up by its IANA name (exact, as the registry spells it).
pub fn by_iana(name: &str) -> Option<&'static CipherSuite> {
    ALL.iter().find(|c| c.iana == name)
}

/// Look a suite up by its OpenSSL name (exact; OpenSSL's own matching is case-sensitive).
pub fn by_openssl(name: &str) -> Option<&'static CipherSuite> {
    ALL.iter().find(|c| c.openssl == Some(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::process::Command;

    #[test]
    fn codes_sorted_unique_names_unique() {
        assert!(ALL.windows(2).all(|w| w[0].code < w[1].code), "sorted by code");
        let mut iana = HashSet::new();
        let mut ossl = HashSet::new();
        for s in ALL {
            assert!(iana.insert(s.iana), "duplicate IANA name {}", s.iana);
            if let Some(o) = s.openssl {
                assert!(ossl.insert(o), "duplicate OpenSSL name {o}");
            }
            assert!(!is_scsv(s.code), "{} is an SCSV", s.iana);
            assert!(s.iana.starts_with("TLS_"));
        }
    }

    #[test]
    fn attributes_are_consistent() {
        for s in ALL {
            assert_eq!(s.tls13, s.min_version == TlsVersion::Tls13, "{}", s.iana);
            assert_eq!(s.tls13, s.kx == Kx::Any, "{}", s.iana);
            assert_eq!(s.enc == Enc::Null, s.enc_bits == 0, "{}", s.iana);
            assert_eq!(s.export, s.enc_bits == 40, "{}", s.iana);
            if s.is_aead() && !s.tls13 {
                assert_eq!(s.min_version, TlsVersion::Tls12, "{}", s.iana);
            }
        }
        let c = by_code(0xC02F).unwrap();
        assert!(c.is_aead() && c.forward_secret());
        assert!(c.usable_in(TlsVersion::Tls12));
        assert!(!c.usable_in(TlsVersion::Tls11) && !c.usable_in(TlsVersion::Tls13));
        let r = by_openssl("AES128-SHA").unwrap();
        assert!(!r.forward_secret() && r.usable_in(TlsVersion::Ssl3));
        assert!(!r.usable_in(TlsVersion::Tls13));
        let t = by_iana("TLS_AES_128_GCM_SHA256").unwrap();
        assert!(t.usable_in(TlsVersion::Tls13) && !t.usable_in(TlsVersion::Tls12));
        let e = by_code(0x0003).unwrap();
        assert!(e.export && e.usable_in(TlsVersion::Tls10) && !e.usable_in(TlsVersion::Tls11));
        assert!(is_scsv(0x00FF) && is_scsv(0x5600) && by_code(0x00FF).is_none());
        assert_eq!(by_code(0x1305).unwrap().enc, Enc::Aes128Ccm8);
    }

    /// Every suite the local OpenSSL knows must be in the table with the same code, IANA
    /// name and OpenSSL name.
    #[test]
    fn openssl_agrees() {
        let out = match Command::new("openssl")
            .args(["ciphers", "-V", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"])
            .env("OPENSSL_CONF", "/dev/null")
            .output()
        {
            Ok(o) if o.status.success() => o,
            Ok(o) => panic!("openssl ciphers failed: {}", String::from_utf8_lossy(&o.stderr)),
            Err(e) => {
                eprintln!("skipping openssl_agrees: cannot run openssl ({e})");
                return;
            }
        };
        let text = String::from_utf8(out.stdout).unwrap();
        let mut n = 0;
        for line in text.lines() {
            // "0xC0,0x2C - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 - ECDHE-ECDSA-AES256-GCM-SHA384 TLSv1.2 ..."
            let f: Vec<&str> = line.split_whitespace().collect();
            let (hi, lo) = f[0].split_once(',').unwrap();
            let code = u16::from_str_radix(&hi[2..], 16).unwrap() << 8 | u16::from_str_radix(&lo[2..], 16).unwrap();
            let s = by_code(code).unwrap_or_else(|| panic!("{code:#06x} missing"));
            assert_eq!(s.iana, f[2], "{code:#06x}");
            assert_eq!(s.openssl, Some(f[4]), "{code:#06x}");
            let v = match f[5] {
                "SSLv3" => TlsVersion::Ssl3,
                "TLSv1" => TlsVersion::Tls10,
                "TLSv1.2" => TlsVersion::Tls12,
                "TLSv1.3" => TlsVersion::Tls13,
                other => panic!("version {other}"),
            };
            assert_eq!(s.min_version, v, "{}", s.iana);
            n += 1;
        }
        assert!(n > 100, "only {n} suites listed");
    }
}
