//! ## What it does
//! Flags network devices without a time source (warning), and devices whose NTP is not
//! authenticated (info).
//!
//! ## Why
//! Clause 17-3 requires reliable, synchronised time so that logs of different devices can be
//! put side by side. Unauthenticated NTP can be shifted by anyone on the path.
//!
//! ## Example
//! A YAMAHA RTX without `ntpdate` (or a `schedule at … ntpdate`) → MGMT008.

use crate::model::Model;
use crate::rules::{Checker, Severity};

pub fn check(model: &Model, cx: &mut Checker) {
    let Some(d) = &model.device else { return };
    if !d.is_network_device {
        return;
    }
    cx.examined();
    let subject = d.hostname.clone().unwrap_or_else(|| d.product.clone());
    if model.time_sources.is_empty() {
        cx.report(
            &subject,
            &d.origin,
            vec![
                ("detail_ja", "NTP サーバが設定されていません".into()),
                ("detail_en", "no NTP server is configured".into()),
            ],
        );
    } else if !model.time_sources.iter().any(|t| t.authenticated) {
        let t = &model.time_sources[0];
        cx.report_as(
            Severity::Info,
            &subject,
            &t.origin,
            vec![
                ("detail_ja", format!("NTP サーバ {} を認証なしで使っています", t.server)),
                ("detail_en", format!("NTP server {} is used without authentication", t.server)),
            ],
        );
    }
}
