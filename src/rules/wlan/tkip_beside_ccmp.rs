//! ## What it does
//! Flags networks that still allow TKIP beside AES (CCMP/GCMP), and client profiles that
//! accept WPA (v1) beside WPA2.
//!
//! ## Why
//! Clause 13-13's text permits WPA2-TKIP, so this is a warning, not an error. But TKIP is
//! deprecated and broken (forgeable MIC), a station that negotiates it is held to 54 Mb/s
//! legacy rates, and mixed mode makes the group (broadcast) key TKIP for everyone. A
//! client that accepts WPA (v1) can be lured onto a downgraded network by an evil twin.
//!
//! ## Example
//! `wpa_pairwise=TKIP CCMP` in hostapd.conf, or a wpa_supplicant network without
//! `pairwise=` (default `CCMP TKIP`) → WLAN003.

use crate::model::{Model, WlanCipher, WlanRole};
use crate::rules::msg::TkipBesideCcmp;
use crate::rules::wlan::{cipher_list, is_aes, is_rsn, is_wpa1};
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for w in &model.wlans {
        let p = &w.pairwise.value;
        if !w.auth.value.is_empty() {
            cx.examined();
        }
        let uses_wpa = w.auth.value.iter().any(|a| is_wpa1(*a) || is_rsn(*a));
        if uses_wpa && p.contains(&WlanCipher::Tkip) && p.iter().any(|c| is_aes(*c)) {
            cx.report(&w.subject, &w.pairwise.origin, TkipBesideCcmp { allowed: cipher_list(p) });
        } else if w.role == WlanRole::Client
            && w.auth.value.iter().any(|a| is_wpa1(*a))
            && w.auth.value.iter().any(|a| is_rsn(*a))
            && p.iter().any(|c| is_aes(*c))
        {
            cx.report(
                &w.subject,
                &w.auth.origin,
                TkipBesideCcmp {
                    allowed: "WPA, WPA2".to_string(),
                },
            );
        }
    }
}
