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
use crate::i18n::{Lang, Term};
use crate::rules::msg::NoAuthenticatedTimeSource;
use crate::rules::{Checker, Severity};
use std::borrow::Cow;

/// What is wrong with the device's time source.
enum Detail<'a> {
    NoServer,
    Unauthenticated(&'a str),
}

impl Term for Detail<'_> {
    fn say(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            (Detail::NoServer, Lang::Ja) => "NTP サーバが設定されていません".into(),
            (Detail::NoServer, Lang::En) => "no NTP server is configured".into(),
            (Detail::Unauthenticated(server), Lang::Ja) => format!("NTP サーバ {server} を認証なしで使っています").into(),
            (Detail::Unauthenticated(server), Lang::En) => format!("NTP server {server} is used without authentication").into(),
        }
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    let Some(d) = &model.device else { return };
    if !d.is_network_device {
        return;
    }
    let subject = d.hostname.clone().unwrap_or_else(|| d.product.clone());
    if model.time_sources.is_empty() {
        cx.report(&subject, &d.origin, NoAuthenticatedTimeSource { detail: Detail::NoServer.into() });
    } else if !model.time_sources.iter().any(|t| t.authenticated) {
        let t = &model.time_sources[0];
        let message = NoAuthenticatedTimeSource {
            detail: Detail::Unauthenticated(&t.server).into(),
        };
        cx.report_as(Severity::Info, &subject, &t.origin, message);
    }
}
