// STUB until branch `ciphers` lands
use crate::model::TlsVersion;
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kx {
    Rsa,
    Dhe,
    Ecdhe,
    Any,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Au {
    Rsa,
    Ecdsa,
    Dss,
    Anon,
    Any,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    Null,
    Rc2,
    Rc4,
    Des40,
    Des,
    TripleDes,
    Idea,
    Aes128Gcm,
    Other,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mac {
    Aead,
    Sha1,
    Md5,
}
pub struct CipherSuite {
    pub code: u16,
    pub iana: &'static str,
    pub openssl: Option<&'static str>,
    pub kx: Kx,
    pub au: Au,
    pub enc: Enc,
    pub mac: Mac,
    pub min_version: TlsVersion,
    pub tls13: bool,
    pub enc_bits: u16,
    pub export: bool,
}
pub static ALL: &[CipherSuite] = &[
    CipherSuite {
        code: 0x1301,
        iana: "TLS_AES_128_GCM_SHA256",
        openssl: Some("TLS_AES_128_GCM_SHA256"),
        kx: Kx::Any,
        au: Au::Any,
        enc: Enc::Aes128Gcm,
        mac: Mac::Aead,
        min_version: TlsVersion::Tls13,
        tls13: true,
        enc_bits: 128,
        export: false,
    },
    CipherSuite {
        code: 0xC02F,
        iana: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        openssl: Some("ECDHE-RSA-AES128-GCM-SHA256"),
        kx: Kx::Ecdhe,
        au: Au::Rsa,
        enc: Enc::Aes128Gcm,
        mac: Mac::Aead,
        min_version: TlsVersion::Tls12,
        tls13: false,
        enc_bits: 128,
        export: false,
    },
    CipherSuite {
        code: 0x002F,
        iana: "TLS_RSA_WITH_AES_128_CBC_SHA",
        openssl: Some("AES128-SHA"),
        kx: Kx::Rsa,
        au: Au::Rsa,
        enc: Enc::Other,
        mac: Mac::Sha1,
        min_version: TlsVersion::Ssl3,
        tls13: false,
        enc_bits: 128,
        export: false,
    },
];
pub fn by_code(c: u16) -> Option<&'static CipherSuite> {
    ALL.iter().find(|s| s.code == c)
}
pub fn by_iana(n: &str) -> Option<&'static CipherSuite> {
    ALL.iter().find(|s| s.iana == n)
}
impl CipherSuite {
    pub fn usable_in(&self, v: TlsVersion) -> bool {
        if self.tls13 {
            v == TlsVersion::Tls13
        } else {
            v != TlsVersion::Tls13 && (v >= self.min_version)
        }
    }
    pub fn is_aead(&self) -> bool {
        self.mac == Mac::Aead
    }
    pub fn forward_secret(&self) -> bool {
        matches!(self.kx, Kx::Dhe | Kx::Ecdhe | Kx::Any)
    }
}
