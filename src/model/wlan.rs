//! Wireless LANs: access points (hostapd, FortiOS VAPs) and client profiles
//! (wpa_supplicant, NetworkManager, Windows WLAN profiles).

use super::{Origin, Setting};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WlanRole {
    AccessPoint,
    Client,
}

/// Authentication / key management, strongest last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WlanAuth {
    Open,
    /// Opportunistic Wireless Encryption: encrypted but unauthenticated.
    Owe,
    Wep,
    WpaPsk,
    WpaEap,
    Wpa2Psk,
    Wpa2Eap,
    Wpa3Sae,
    Wpa3Eap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WlanCipher {
    None,
    Wep,
    Tkip,
    Ccmp,
    Ccmp256,
    Gcmp,
    Gcmp256,
}

/// Protected Management Frames (802.11w).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pmf {
    Disabled,
    Optional,
    Required,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    Ghz2_4,
    Ghz5,
    Ghz6,
}

/// One SSID as served by an AP or as joined by a client profile.
#[derive(Debug, Clone, Serialize)]
pub struct Wlan {
    pub subject: String,
    pub role: WlanRole,
    pub origin: Origin,
    pub ssid: Option<String>,
    /// All key managements enabled (a BSS may allow several, e.g. WPA2-PSK + WPA3-SAE).
    pub auth: Setting<Vec<WlanAuth>>,
    pub pairwise: Setting<Vec<WlanCipher>>,
    pub pmf: Option<Setting<Pmf>>,
    /// AP: answers broadcast/ANY probe requests (false = ignore_broadcast_ssid / hidden).
    pub answers_broadcast_probe: Option<Setting<bool>>,
    /// AP: MAC address access control list in use.
    pub mac_acl: Option<Setting<bool>>,
    /// AP: 802.1X / RADIUS available.
    pub radius: Option<Setting<bool>>,
    pub bands: Option<Setting<Vec<Band>>>,
    /// Client (enterprise): pins the RADIUS server's CA.
    pub ca_pinned: Option<Setting<bool>>,
    /// Client (enterprise): matches the RADIUS server's name.
    pub server_name_matched: Option<Setting<bool>>,
    /// Client (enterprise): asks the user to accept unknown servers.
    pub user_prompt_for_server: Option<Setting<bool>>,
    /// EAP methods in use (peap, ttls, tls, ...).
    pub eap_methods: Vec<String>,
    /// Client: the inner (phase 2) methods of a tunnelled EAP method, lowercase (`pap`,
    /// `mschapv2`, `gtc`): with EAP-TTLS/PAP the password itself goes to the server.
    pub inner_methods: Vec<String>,
    /// AP: most stations the BSS admits (hostapd `max_num_sta`), when configured; rules
    /// use it to tell a small closed SSID from a large shared one.
    pub max_stations: Option<Setting<u32>>,
    /// AP: station-specific PSKs (hostapd `wpa_psk_file` with per-MAC keys, PSKs handed out
    /// by RADIUS) instead of one key every user shares.
    pub psk_per_station: Option<Setting<bool>>,
}

impl Wlan {
    pub fn new(subject: String, role: WlanRole, origin: Origin, auth: Setting<Vec<WlanAuth>>, pairwise: Setting<Vec<WlanCipher>>) -> Self {
        Wlan {
            subject,
            role,
            origin,
            ssid: None,
            auth,
            pairwise,
            pmf: None,
            answers_broadcast_probe: None,
            mac_acl: None,
            radius: None,
            bands: None,
            ca_pinned: None,
            server_name_matched: None,
            user_prompt_for_server: None,
            eap_methods: Vec::new(),
            inner_methods: Vec::new(),
            max_stations: None,
            psk_per_station: None,
        }
    }
}
