//! ## What it does
//! Flags enterprise (802.1X / EAP) client profiles that do not pin the RADIUS server's CA,
//! do not check the server's name, or let the user accept an unknown server.
//!
//! ## Why
//! Clause 13-9 asks that man-in-the-middle attacks be prevented. A client that does not
//! verify the RADIUS server joins any "evil twin" access point with the same SSID and
//! hands it an MSCHAPv2 exchange (crackable to the user's domain password) or its inner
//! credentials. A CA alone is not enough: any certificate from that CA (another client's,
//! or a public CA's) would pass unless the server name is also checked. A prompt asking
//! the user to trust an unknown server is answered "yes".
//!
//! ## Example
//! A wpa_supplicant `network={ key_mgmt=WPA-EAP eap=PEAP ... }` without `ca_cert` and
//! `domain_suffix_match` → WLAN010.

use crate::i18n::Words;
use crate::model::{Model, WlanRole};
use crate::rules::msg::EapServerNotValidated;
use crate::rules::Checker;

crate::i18n::terms! {
    /// What the client does that lets a fake access point collect its credentials.
    enum Problem {
        CaNotPinned => "RADIUS サーバ証明書の CA を固定していない", "does not pin the RADIUS server's CA";
        NameNotChecked => "サーバ名を照合していない", "does not check the server's name";
        UserAccepts => "未知のサーバを利用者に承認させる", "lets the user accept an unknown server";
        InnerPap => "内側の認証が PAP でパスワードそのものを送る", "sends the password itself (EAP-TTLS inner PAP)";
    }
}

/// EAP methods that involve no server certificate: SIM/AKA/AKA' authenticate the network
/// through the SIM (RFC 4186, 4187, 9048), EAP-pwd by the shared password (RFC 5931). There is
/// no CA or server name to pin, so not pinning one is no finding.
const NO_SERVER_CERTIFICATE: &[&str] = &["sim", "aka", "aka'", "aka-prime", "aka_prime", "pwd"];

fn uses_server_certificate(w: &crate::model::Wlan) -> bool {
    w.eap_methods.is_empty() || !w.eap_methods.iter().all(|m| NO_SERVER_CERTIFICATE.contains(&m.to_ascii_lowercase().as_str()))
}

pub fn check(model: &Model, cx: &mut Checker) {
    for w in model.wlans.iter().filter(|w| w.role == WlanRole::Client && uses_server_certificate(w)) {
        let mut problems = Vec::new();
        let mut origin = None;
        if w.ca_pinned.is_some() || w.server_name_matched.is_some() || w.user_prompt_for_server.is_some() {
            cx.examined();
        }
        if let Some(s) = w.ca_pinned.as_ref().filter(|s| !s.value) {
            problems.push(Problem::CaNotPinned);
            origin.get_or_insert(&s.origin);
        }
        if let Some(s) = w.server_name_matched.as_ref().filter(|s| !s.value) {
            problems.push(Problem::NameNotChecked);
            origin.get_or_insert(&s.origin);
        }
        if let Some(s) = w.user_prompt_for_server.as_ref().filter(|s| s.value) {
            problems.push(Problem::UserAccepts);
            origin.get_or_insert(&s.origin);
        }
        // EAP-TTLS with inner PAP hands the password itself, not a challenge response, to
        // the unverified server (13-10: passwords sniffed).
        let ttls_pap = w.eap_methods.iter().any(|m| m.eq_ignore_ascii_case("ttls")) && w.inner_methods.iter().any(|m| m == "pap");
        if origin.is_some() && ttls_pap {
            problems.push(Problem::InnerPap);
        }
        if let Some(o) = origin {
            let problems = Words::list(problems);
            cx.report(&w.subject, o, EapServerNotValidated { problems });
        }
    }
}
