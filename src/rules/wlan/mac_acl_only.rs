//! ## What it does
//! Notes access points where a MAC address list is the only thing deciding who may join
//! (no WPA passphrase, SAE or 802.1X on that SSID).
//!
//! ## Why
//! Clause 13-13 mentions MAC address filtering, and the guideline itself warns that it is
//! of limited value: a MAC address is sent in clear and easily spoofed, and modern phones
//! and PCs randomise their MAC per network, which breaks allow-lists. A MAC list is a
//! supplement to WPA2/WPA3 authentication, never a replacement. An SSID without a MAC
//! list is not a finding on its own.
//!
//! ## Example
//! hostapd `macaddr_acl=1` + `accept_mac_file=...` with no `wpa=` → WLAN006 (and WLAN001).

use crate::model::{Model, WlanAuth};
use crate::rules::msg::MacAclOnly;
use crate::rules::wlan::access_points;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for w in access_points(model) {
        let Some(acl) = &w.mac_acl else { continue };
        cx.examined();
        let a = &w.auth.value;
        if acl.value && !a.is_empty() && a.iter().all(|x| matches!(x, WlanAuth::Open | WlanAuth::Owe | WlanAuth::Wep)) {
            cx.report(&w.subject, &acl.origin, MacAclOnly);
        }
    }
}
