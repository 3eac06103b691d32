//! ## What it does
//! Flags access points that enable WPA (v1), client profiles that can only join WPA (v1)
//! networks, and any network whose only pairwise cipher is TKIP.
//!
//! ## Why
//! Clause 13-13 names WPA2 with AES (and, reluctantly, TKIP). WPA v1 has no AES
//! requirement and is withdrawn by the Wi-Fi Alliance; a TKIP-only network has no AES at
//! all, TKIP's Michael MIC is forgeable (Beck–Tews, Ohigashi–Morii) and 802.11n/ac/ax
//! forbid TKIP for high-throughput rates. kensa treats TKIP *only* as an error even under
//! WPA2: the clause's wording allows WPA2-TKIP, but no current device needs it and the
//! AES alternative costs nothing. A client that merely accepts WPA (v1) beside WPA2 is
//! left to WLAN003.
//!
//! ## Example
//! hostapd `wpa=2` with no `rsn_pairwise` and no `wpa_pairwise`: hostapd's default
//! pairwise cipher is TKIP → WLAN002.

use crate::model::{Model, WlanRole};
use crate::rules::msg::Wpa1OrTkipOnly;
use crate::rules::wlan::{auth_list, is_aes, is_rsn, is_wpa1};
use crate::rules::Checker;

crate::i18n::terms! {
    /// What the network uses that is too weak.
    enum What {
        /// WPA (v1) key management, with the methods the config names.
        Wpa1 { methods: String } => "WPA (v1) の {methods}", "WPA (v1) key management {methods}";
        TkipOnly => "TKIP のみの暗号化", "TKIP as the only pairwise cipher";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for w in &model.wlans {
        let auth = &w.auth.value;
        if !auth.is_empty() {
            cx.examined();
        }
        let wpa1: Vec<_> = auth.iter().copied().filter(|a| is_wpa1(*a)).collect();
        let has_rsn = auth.iter().any(|a| is_rsn(*a));
        let wpa1_problem = !wpa1.is_empty() && (w.role == WlanRole::AccessPoint || !has_rsn);
        let uses_wpa = !wpa1.is_empty() || has_rsn;
        let p = &w.pairwise.value;
        let tkip_only = uses_wpa && p.contains(&crate::model::WlanCipher::Tkip) && !p.iter().any(|c| is_aes(*c));
        if wpa1_problem {
            let what = What::Wpa1 { methods: auth_list(&wpa1) }.into();
            cx.report(&w.subject, &w.auth.origin, Wpa1OrTkipOnly { what });
        } else if tkip_only {
            cx.report(&w.subject, &w.pairwise.origin, Wpa1OrTkipOnly { what: What::TkipOnly.into() });
        }
    }
}
