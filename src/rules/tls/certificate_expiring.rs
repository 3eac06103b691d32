//! ## What it does
//! Warns about server certificates that expire within `days` days (option, default 30).
//!
//! ## Why
//! Clause 13-6 asks for TLS that resists a fake server; an expired certificate breaks
//! that (see TLS013). Renewal in a hospital often needs a vendor visit or a change window,
//! so kensa warns while there is still time.
//!
//! ## Example
//! A certificate with notAfter two weeks from now → TLS014. Tune with
//! `[rules.TLS014] days = 60` in kensa.toml.

use crate::model::Model;
use crate::rules::tls::{certificate_name, loaded_leaves};
use crate::rules::waiver::date_string;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    let now = cx.now;
    let days = cx.option_i64("days", cx.policy.certificates.expiry_warning_days).max(0);
    for ep in &model.tls_endpoints {
        for (c, f) in loaded_leaves(ep) {
            let valid = now >= f.not_before && now <= f.not_after;
            if valid && f.not_after - now <= days.saturating_mul(86400) {
                let left = (f.not_after - now) / 86400;
                let args = [
                    ("certificate", certificate_name(c, Some(f))),
                    ("not_after", date_string(f.not_after)),
                    ("days_left", left.to_string()),
                    ("days", days.to_string()),
                ];
                cx.report(&ep.subject, &c.origin, &args);
            }
        }
    }
}
