//! ## What it does
//! Flags access points without adequate Protected Management Frames (802.11w): WPA2-only
//! SSIDs where PMF is not required, WPA3-only SSIDs where it is not required (WPA3
//! mandates it), and WPA2/WPA3 transition SSIDs where it is disabled. Transition mode with
//! PMF optional is accepted: requiring it there would lock out WPA2 clients without PMF.
//!
//! ## Why
//! Without PMF anyone can forge deauthentication frames: clients are knocked off (denial
//! of service on a clinical network) and pushed towards an evil twin, which clause 13-13's
//! "keep unauthorised parties out" is meant to prevent. Client profiles are not judged:
//! the access point decides whether PMF is required.
//!
//! ## Example
//! hostapd `wpa=2`, `wpa_key_mgmt=WPA-PSK` with no `ieee80211w` (default 0) → WLAN009.

use crate::model::{Model, Pmf, WlanAuth};
use crate::rules::msg::PmfNotRequired;
use crate::rules::wlan::access_points;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for w in access_points(model) {
        let a = &w.auth.value;
        let wpa3 = a.iter().any(|x| matches!(x, WlanAuth::Wpa3Sae | WlanAuth::Wpa3Eap));
        let wpa2 = a.iter().any(|x| matches!(x, WlanAuth::Wpa2Psk | WlanAuth::Wpa2Eap));
        if !wpa3 && !wpa2 {
            continue;
        }
        cx.examined();
        let (pmf, origin) = match &w.pmf {
            Some(s) => (s.value, &s.origin),
            None => (Pmf::Disabled, &w.auth.origin),
        };
        let ok = match (wpa2, wpa3) {
            (true, true) => pmf != Pmf::Disabled,
            _ => pmf == Pmf::Required,
        };
        if !ok {
            let state = match pmf {
                Pmf::Disabled => "disabled",
                Pmf::Optional => "optional",
                Pmf::Required => "required",
            };
            let mode = match (wpa2, wpa3) {
                (true, true) => "WPA2/WPA3",
                (false, true) => "WPA3",
                _ => "WPA2",
            };
            cx.report(
                &w.subject,
                origin,
                PmfNotRequired {
                    pmf: state.to_string(),
                    mode: mode.to_string(),
                },
            );
        }
    }
}
