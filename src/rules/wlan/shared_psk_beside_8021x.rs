//! ## What it does
//! Notes an SSID that admits everyone with one shared passphrase while the same device
//! already runs 802.1X (WPA2/WPA3-Enterprise) on another SSID. SSIDs limited to a few
//! stations (option `small_network_max_stations`, default 16) and SSIDs with per-station
//! keys are left alone.
//!
//! ## Why
//! A passphrase known to a whole hospital is shared by staff, visitors' devices and
//! leavers, and cannot be withdrawn from one person. Clause 13-13 asks that unauthorised
//! users be kept out; where the RADIUS infrastructure for 802.1X already exists, moving
//! the large shared SSID onto it is cheap.
//!
//! ## Example
//! hostapd with `bss=wlan0_1` using WPA-EAP and the first BSS using WPA-PSK → WLAN008 on
//! the PSK one.

use crate::model::Model;
use crate::rules::msg::SharedPskBeside8021x;
use crate::rules::wlan::{access_points, is_eap, is_psk};
use crate::rules::Checker;

/// `[options]` in rules/WLAN008.toml (defaults) and `[rules.WLAN008]` in kensa.toml.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// A network with at most this many stations counts as small.
    pub small_network_max_stations: u32,
}

pub fn check(model: &Model, cx: &mut Checker) {
    let small = i64::from(cx.options::<Options>().small_network_max_stations);
    let Some(enterprise) = access_points(model).find(|w| w.auth.value.iter().any(|a| is_eap(*a))) else {
        return;
    };
    for w in access_points(model) {
        cx.examined();
        let a = &w.auth.value;
        if !a.iter().any(|x| is_psk(*x)) || a.iter().any(|x| is_eap(*x)) {
            continue;
        }
        if w.psk_per_station.as_ref().is_some_and(|s| s.value) || w.max_stations.as_ref().is_some_and(|s| i64::from(s.value) <= small) {
            continue;
        }
        cx.report(
            &w.subject,
            &w.auth.origin,
            SharedPskBeside8021x {
                enterprise: enterprise.subject.clone(),
            },
        );
    }
}
