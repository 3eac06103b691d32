//! Wireless LAN rules (clause 13-13, and 13-9 for enterprise clients). They judge `Wlan`s,
//! whichever product they came from: hostapd, wpa_supplicant, NetworkManager, Windows
//! profiles, or a firewall's wireless controller.

pub mod answers_broadcast_probe;
pub mod band_24ghz_only;
pub mod eap_server_not_validated;
pub mod mac_acl_only;
pub mod open_or_wep;
pub mod pmf_not_required;
pub mod shared_psk_beside_8021x;
pub mod tkip_beside_ccmp;
pub mod weak_wifi_psk;
pub mod wpa1_or_tkip_only;
pub mod wpa2_psk_only;

use crate::model::{Wlan, WlanAuth, WlanCipher, WlanRole};

pub fn auth_name(a: WlanAuth) -> &'static str {
    match a {
        WlanAuth::Open => "open",
        WlanAuth::Owe => "OWE",
        WlanAuth::Wep => "WEP",
        WlanAuth::WpaPsk => "WPA-PSK",
        WlanAuth::WpaEap => "WPA-EAP",
        WlanAuth::Wpa2Psk => "WPA2-PSK",
        WlanAuth::Wpa2Eap => "WPA2-EAP",
        WlanAuth::Wpa3Sae => "WPA3-SAE",
        WlanAuth::Wpa3Eap => "WPA3-EAP",
    }
}

pub fn auth_list(v: &[WlanAuth]) -> String {
    v.iter().map(|a| auth_name(*a)).collect::<Vec<_>>().join(", ")
}

pub fn cipher_name(c: WlanCipher) -> &'static str {
    match c {
        WlanCipher::None => "none",
        WlanCipher::Wep => "WEP",
        WlanCipher::Tkip => "TKIP",
        WlanCipher::Ccmp => "CCMP",
        WlanCipher::Ccmp256 => "CCMP-256",
        WlanCipher::Gcmp => "GCMP",
        WlanCipher::Gcmp256 => "GCMP-256",
    }
}

pub fn cipher_list(v: &[WlanCipher]) -> String {
    v.iter().map(|c| cipher_name(*c)).collect::<Vec<_>>().join(", ")
}

/// WPA v1 (TKIP-era) key management.
pub fn is_wpa1(a: WlanAuth) -> bool {
    matches!(a, WlanAuth::WpaPsk | WlanAuth::WpaEap)
}

/// RSN key management (WPA2 / WPA3).
pub fn is_rsn(a: WlanAuth) -> bool {
    matches!(a, WlanAuth::Wpa2Psk | WlanAuth::Wpa2Eap | WlanAuth::Wpa3Sae | WlanAuth::Wpa3Eap)
}

pub fn is_eap(a: WlanAuth) -> bool {
    matches!(a, WlanAuth::WpaEap | WlanAuth::Wpa2Eap | WlanAuth::Wpa3Eap)
}

/// Shared-secret key management (one passphrase for the SSID).
pub fn is_psk(a: WlanAuth) -> bool {
    matches!(a, WlanAuth::WpaPsk | WlanAuth::Wpa2Psk | WlanAuth::Wpa3Sae)
}

pub fn is_aes(c: WlanCipher) -> bool {
    matches!(c, WlanCipher::Ccmp | WlanCipher::Ccmp256 | WlanCipher::Gcmp | WlanCipher::Gcmp256)
}

pub fn access_points(m: &crate::model::Model) -> impl Iterator<Item = &Wlan> {
    m.wlans.iter().filter(|w| w.role == WlanRole::AccessPoint)
}
