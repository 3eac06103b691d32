//! ## What it does
//! Flags network devices that send their logs nowhere outside the device.
//!
//! ## Why
//! Clause 17-1 requires access logs, and 13-11 asks that external connections be monitored.
//! A router's own log buffer is lost on reboot and erased by an intruder; the investigation
//! reports of the hospital attacks could not reconstruct the VPN logins for this reason.
//!
//! ## Example
//! A Cisco config without `logging host` → MGMT007.

use crate::model::Model;
use crate::rules::msg::NoRemoteSyslog;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    let Some(d) = &model.device else { return };
    if !d.is_network_device {
        return;
    }
    cx.examined();
    if model.log_targets.iter().any(|l| l.remote) {
        return;
    }
    // Named by its hostname, with the product beside it; by the product when it has none.
    let (subject, product_suffix) = match &d.hostname {
        Some(h) => (h.clone(), format!(" ({})", d.product)),
        None => (d.product.clone(), String::new()),
    };
    cx.report(&subject, &d.origin, NoRemoteSyslog { product_suffix });
}
