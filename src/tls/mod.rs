//! TLS knowledge shared by the config parsers and the prober: the IANA suite and group
//! registries, and OpenSSL's cipher-string language (what most server configs are written in).

pub mod groups;
pub mod openssl_cipher_string;
pub mod suites;
