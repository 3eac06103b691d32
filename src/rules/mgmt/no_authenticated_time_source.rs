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
use crate::rules::msg::NoAuthenticatedTimeSource;
use crate::rules::{Checker, Severity};

crate::i18n::terms! {
    /// What is wrong with the device's time source.
    enum Detail {
        NoServer => "NTP サーバが設定されていません", "no NTP server is configured";
        Unauthenticated { server: String } => "NTP サーバ {server} を認証なしで使っています", "NTP server {server} is used without authentication";
    }
}

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
            NoAuthenticatedTimeSource {
                detail: Detail::NoServer.into(),
            },
        );
    } else if !model.time_sources.iter().any(|t| t.authenticated) {
        let t = &model.time_sources[0];
        let message = NoAuthenticatedTimeSource {
            detail: Detail::Unauthenticated { server: t.server.clone() }.into(),
        };
        cx.report_as(Severity::Info, &subject, &t.origin, message);
    }
}
