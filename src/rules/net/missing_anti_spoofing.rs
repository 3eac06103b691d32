//! ## What it does
//! Flags interfaces facing the internet that neither check the source address (uRPF,
//! FortiOS src-check) nor drop private/bogon sources with an inbound filter, and devices
//! that accept IP source-routed packets.
//!
//! ## Why
//! Clause 13-2 asks for networks protected against IP spoofing and session hijacking.
//! Packets from the internet claiming an internal or private source, or carrying their own
//! route, are spoofing by definition.
//!
//! ## Example
//! Cisco `interface GigabitEthernet0/0` with `ip nat outside` and no `ip verify unicast
//! source reachable-via rx` and no `ip access-group … in` → NET002.

use crate::model::{InterfaceZone, Model};
use crate::rules::msg::MissingAntiSpoofing;
use crate::rules::Checker;

crate::i18n::terms! {
    /// What lets spoofed sources in.
    enum What {
        NoSourceCheck => "送信元アドレスの検査 (uRPF) も私設・予約アドレスを落とす受信フィルタもありません",
            "has neither a source check (uRPF) nor an inbound filter dropping private/bogon sources";
        SourceRouting => "IP ソースルーティングされたパケットを受け付けます", "accepts IP source-routed packets";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for i in model.interfaces.iter().filter(|i| i.zone == InterfaceZone::External && i.enabled) {
        cx.examined();
        let urpf = i.anti_spoofing.as_ref().is_some_and(|s| s.value);
        let bogon = i.bogon_filter.as_ref().is_some_and(|s| s.value);
        if urpf || bogon {
            continue;
        }
        let origin = i.anti_spoofing.as_ref().or(i.bogon_filter.as_ref()).map_or(&i.origin, |s| &s.origin);
        let message = MissingAntiSpoofing {
            what: What::NoSourceCheck.into(),
        };
        cx.report(&format!("interface {}", i.name), origin, message);
    }
    if let Some(d) = &model.device {
        if d.source_routing.is_some() {
            cx.examined();
        }
        if let Some(sr) = d.source_routing.as_ref().filter(|s| s.value) {
            let subject = d.hostname.clone().unwrap_or_else(|| d.product.clone());
            cx.report(
                &subject,
                &sr.origin,
                MissingAntiSpoofing {
                    what: What::SourceRouting.into(),
                },
            );
        }
    }
}
