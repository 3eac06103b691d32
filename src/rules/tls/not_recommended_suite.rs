//! ## What it does
//! Warns about enabled TLS 1.2 and TLS 1.3 suites that the policy marks as neither
//! recommended nor prohibited — the CCM_8 suites with their 64-bit authentication tag.
//!
//! ## Why
//! Clause 13-6 points at CRYPTREC's 高セキュリティ型 list. CCM_8 suites are AEAD but with a
//! short tag meant for constrained devices; they are not on the recommended list, so an
//! operator should only keep them for a device that needs them.
//!
//! ## Example
//! `ssl_conf_command Ciphersuites TLS_AES_128_CCM_8_SHA256:TLS_AES_128_GCM_SHA256;` → TLS005.

use crate::model::{Model, TlsVersion};
use crate::policy::SuiteClass;
use crate::rules::msg::NotRecommendedSuite;
use crate::rules::tls::report_suites_of_class;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    report_suites_of_class(
        model,
        cx,
        SuiteClass::Neither,
        |v| v >= TlsVersion::Tls12,
        |g| NotRecommendedSuite {
            versions: g.versions,
            count: g.count,
            suites: g.suites,
        },
    );
}
