//! TLS vocabulary shared by config parsers and the probe: the IANA cipher-suite and group
//! registries, and OpenSSL's cipher-string language.
pub mod groups;
pub mod openssl_cipher_string;
pub mod suites;
