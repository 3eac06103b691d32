//! ## What it does
//! Flags enabled cipher suites that CRYPTREC prohibits in every profile: NULL encryption,
//! anonymous key exchange, EXPORT, RC4, DES, 3DES, IDEA and MD5 — in any protocol version.
//!
//! ## Why
//! Clause 13-6 requires the 高セキュリティ型 settings of the CRYPTREC TLS guideline, and
//! 13-8 requires that data cannot be altered in transit. These suites give no
//! confidentiality (NULL), no authentication of the server (anon: any machine in the path
//! can pose as it) or ciphers broken in practice.
//!
//! ## Example
//! `ssl_ciphers "ALL:@SECLEVEL=0";` enables the anonymous `AECDH` suites → TLS003.

use crate::model::Model;
use crate::policy::SuiteClass;
use crate::rules::msg::ProhibitedCipherSuite;
use crate::rules::tls::report_suites_of_class;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    report_suites_of_class(
        model,
        cx,
        SuiteClass::Prohibited,
        |_| true,
        |g| ProhibitedCipherSuite {
            versions: g.versions,
            count: g.count,
            suites: g.suites,
        },
    );
}
