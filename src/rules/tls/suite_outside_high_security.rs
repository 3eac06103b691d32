//! ## What it does
//! Flags TLS 1.2 cipher suites outside CRYPTREC's 高セキュリティ型 (high-security) profile:
//! CBC mode, SHA-1 MACs, static RSA or DH key exchange (no forward secrecy).
//!
//! ## Why
//! Clause 13-6 requires the 高セキュリティ型 settings of CRYPTREC TLS暗号設定ガイドライン
//! 3.0.1, which for TLS 1.2 allow only forward-secret AEAD suites; 13-8 asks that tampering
//! in transit be ruled out, which AEAD does and MAC-then-encrypt CBC has repeatedly failed
//! to (Lucky13, POODLE-TLS). Suites of older versions are TLS001's concern; prohibited ones
//! are TLS003's.
//!
//! ## Example
//! nginx's default `ssl_ciphers HIGH:!aNULL:!MD5;` keeps `AES128-SHA` and other CBC suites → TLS004.

use crate::model::{Model, TlsVersion};
use crate::policy::SuiteClass;
use crate::rules::msg::SuiteOutsideHighSecurity;
use crate::rules::tls::report_suites_of_class;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    report_suites_of_class(
        model,
        cx,
        SuiteClass::Outside,
        |v| v == TlsVersion::Tls12,
        |g| SuiteOutsideHighSecurity {
            count: g.count,
            suites: g.suites,
        },
    );
}
