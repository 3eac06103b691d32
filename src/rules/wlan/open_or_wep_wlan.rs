//! ## What it does
//! Flags wireless networks (access points and client profiles) that accept open
//! association or WEP, and OWE-only networks (encrypted, but anyone may join).
//!
//! ## Why
//! Clause 13-13 asks that unauthorised users be kept out and that traffic be encrypted
//! with WPA2 (AES). An open network does neither; WEP is broken (keys recovered in
//! minutes); OWE encrypts but authenticates nobody.
//!
//! ## Example
//! hostapd.conf with `ssid=ward3` and no `wpa=` line (hostapd's default `wpa=0`) → WLAN001.

use crate::model::{Model, WlanAuth};
use crate::rules::msg::OpenOrWepWlan;
use crate::rules::wlan::auth_list;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for w in &model.wlans {
        let auth = &w.auth.value;
        if !auth.is_empty() {
            cx.examined();
        }
        let mut weak: Vec<WlanAuth> = auth.iter().copied().filter(|a| matches!(a, WlanAuth::Open | WlanAuth::Wep)).collect();
        if !auth.is_empty() && auth.iter().all(|a| matches!(a, WlanAuth::Open | WlanAuth::Wep | WlanAuth::Owe)) && auth.contains(&WlanAuth::Owe) {
            weak.push(WlanAuth::Owe);
        }
        if !weak.is_empty() {
            cx.report(&w.subject, &w.auth.origin, OpenOrWepWlan { auth: auth_list(&weak) });
        }
    }
}
