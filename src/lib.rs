//! kensa (検査): checks hospital network configurations and live TLS endpoints against
//! chapter 13 of the MHLW medical information system security guideline 6.0.
//!
//! Pipeline: bytes → [`formats`] (detect, parse, lower) → [`model::Model`] → [`rules`] →
//! findings → [`report`]. The probe produces the same model from live endpoints.

/// Joins string pieces into one `String` with a single allocation, for the texts built
/// per directive (subjects, notes, evidence): `format!` with `&str` arguments costs about a
/// thousand instructions (the formatter, padding checks, a regrown buffer), this about a
/// hundred. Each piece is anything that is `AsRef<str>`.
macro_rules! cat {
    ($($piece:expr),+ $(,)?) => {
        [$(::core::convert::AsRef::<str>::as_ref(&$piece)),+].concat()
    };
}
pub(crate) use cat;

pub mod advisories;
pub mod certs;
pub mod cli;
pub mod config;
pub mod diag;
pub mod explain;
pub mod formats;
pub mod i18n;
pub mod lint;
pub mod memo;
pub mod model;
pub mod policy;
pub mod probe;
pub mod probe_cli;
pub mod report;
pub mod rules;
pub mod source;
pub mod tls;
pub mod tree;

/// "Now" in Unix seconds, or KENSA_NOW (seconds or YYYY-MM-DD) so tests and reports can be
/// reproduced byte for byte.
pub fn now() -> i64 {
    if let Ok(v) = std::env::var("KENSA_NOW") {
        if let Ok(n) = v.parse::<i64>() {
            return n;
        }
        if let Some(d) = rules::waiver::parse_date(&v) {
            return d * 86400;
        }
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
