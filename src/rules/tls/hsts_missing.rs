//! ## What it does
//! Warns about HTTPS servers that send no `Strict-Transport-Security` header, or one whose
//! `max-age` is shorter than `min_max_age` seconds (option, default one year).
//!
//! ## Why
//! Clause 13-6 requires HTTPS with TLS 1.3 over open networks. Without HSTS a browser that
//! is sent to `http://` first (a bookmark, a typed name) can be kept on plain HTTP by a
//! man in the middle (SSL stripping), and the TLS settings never come into play.
//!
//! ## Example
//! `server { listen 443 ssl; ... }` without `add_header Strict-Transport-Security ...` → TLS018.

use crate::model::{Model, TlsService};
use crate::rules::msg::HstsMissing;
use crate::rules::tls::servers;
use crate::rules::Checker;

/// `[options]` in rules/TLS018.toml (defaults) and `[rules.TLS018]` in kensa.toml.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// A shorter `max-age` is reported (seconds).
    pub min_max_age: u64,
}

pub fn check(model: &Model, cx: &mut Checker) {
    let min = cx.options::<Options>().min_max_age;
    for ep in servers(model).filter(|e| e.service == TlsService::Http) {
        let Some(h) = &ep.hsts else { continue };
        cx.examined();
        let shown = match &h.value {
            None => "-".to_string(),
            Some(x) if x.max_age < min => format!("max-age={}", x.max_age),
            Some(_) => continue,
        };
        cx.report(
            &ep.subject,
            &h.origin,
            HstsMissing {
                hsts: shown,
                min_max_age: min.to_string(),
            },
        );
    }
}
