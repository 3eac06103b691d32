//! ## What it does
//! Notes access points whose strongest offer is WPA2-Personal (one pre-shared key), with
//! neither WPA3-SAE nor 802.1X (WPA2/WPA3-Enterprise) available on that SSID.
//!
//! ## Why
//! WPA2-PSK with AES satisfies clause 13-13. But anyone who captures one handshake can
//! test passphrases offline, every user shares the same key, and a leaver keeps it.
//! WPA3-SAE resists offline guessing; 802.1X gives each user their own credential. This
//! is information only, and only for SSIDs where WPA2-PSK is the best offered (an SSID
//! that already offers SAE or 802.1X is not noted).
//!
//! ## Example
//! hostapd `wpa=2`, `wpa_key_mgmt=WPA-PSK`, `rsn_pairwise=CCMP` → WLAN004.

use crate::model::{Model, WlanAuth};
use crate::rules::msg::Wpa2PskOnly;
use crate::rules::wlan::{access_points, is_eap};
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for w in access_points(model) {
        let a = &w.auth.value;
        if !a.is_empty() {
            cx.examined();
        }
        if a.contains(&WlanAuth::Wpa2Psk) && !a.iter().any(|x| *x == WlanAuth::Wpa3Sae || is_eap(*x)) {
            cx.report(&w.subject, &w.auth.origin, Wpa2PskOnly);
        }
    }
}
