//! kensa (検査): checks hospital network configurations and live TLS endpoints against
//! chapter 13 of the MHLW medical information system security guideline 6.0.
//!
//! Pipeline: bytes → [`formats`] (detect, parse, lower) → [`model::Model`] → [`rules`] →
//! findings → [`report`]. The probe produces the same model from live endpoints.

pub mod advisories;
pub mod certs;
pub mod cli;
pub mod config;
pub mod diag;
pub mod explain;
pub mod formats;
pub mod history;
pub mod i18n;
pub mod inventory;
pub mod lint;
pub mod memo;
pub mod model;
mod named;
pub mod policy;
pub mod probe;
pub mod probe_cli;
pub mod report;
pub mod rules;
pub mod source;
pub mod tls;
pub mod tree;

/// When this run started, in Unix seconds: `SOURCE_DATE_EPOCH` when set (reproducible
/// output, as reproducible builds use it; tests set it), else the clock, read once so that
/// every report of the run carries the same time (JSON `generated_at`, SARIF invocation
/// start, the HTML cover).
pub fn run_time() -> i64 {
    static AT: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *AT.get_or_init(clock_or_source_date)
}

/// When this run ended (SARIF's invocation end): read once, when a report first asks.
pub fn run_end_time() -> i64 {
    static AT: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *AT.get_or_init(|| clock_or_source_date().max(run_time()))
}

/// The clock, or `SOURCE_DATE_EPOCH` when set.
fn clock_or_source_date() -> i64 {
    if let Some(n) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse::<i64>().ok()) {
        return n;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A Unix time as RFC 3339 UTC (`2026-12-01T09:30:00Z`).
pub fn rfc3339(unix: i64) -> String {
    let secs = unix.rem_euclid(86400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        rules::waiver::date_string(unix),
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

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

/// Helpers for the in-crate tests.
#[cfg(test)]
pub(crate) mod testutil {
    /// A temporary folder holding `files` (a path relative to it, and the text), with the
    /// folders they are in.
    pub fn temp_tree(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    /// `text` parsed as `format` (from a file named `name`), which must parse without a
    /// diagnostic.
    pub fn parse_clean(format: crate::formats::Format, name: &str, text: &str) -> crate::formats::ParsedInput {
        let p = crate::formats::parse_text(format, name, text);
        assert!(p.diagnostics.is_empty(), "{name}: {:?}", p.diagnostics);
        p
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_of_unix_times() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1796083200 + 3600 * 9 + 61), "2026-12-01T09:01:01Z");
        assert_eq!(super::rfc3339(951782400), "2000-02-29T00:00:00Z");
    }
}
