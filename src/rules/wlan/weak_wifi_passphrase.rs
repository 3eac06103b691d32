//! ## What it does
//! Flags Wi-Fi passphrases (WPA-PSK / SAE) shorter than 13 characters or in kensa's list of
//! common and default passwords. The value itself is never shown.
//!
//! ## Why
//! Anyone in radio range can capture one WPA2 handshake and test passphrases offline at
//! billions of guesses per second; a short or common passphrase falls in minutes. Clause
//! 8-5 forbids guessable passwords, 14-6 asks that passwords not be guessable nor kept in
//! clear, and 13-13 asks that unauthorised users be kept off the wireless LAN. 13
//! characters is the floor kensa uses (option `min_length`); a random 64-hex PSK passes.
//!
//! ## Example
//! `wpa_passphrase=hospital` → WLAN007.

use crate::model::{Model, SecretKind, SecretStorage};
use crate::rules::msg::WeakWifiPassphrase;
use crate::rules::Checker;

crate::i18n::terms! {
    /// Why the passphrase is weak.
    enum Reason {
        Common => "よく使われる推測可能な文字列です", "it is a common, guessable value";
        Short => "短すぎます", "it is too short";
    }
}

/// `[options] min_length` in rules/WLAN007.toml, `[rules.WLAN007]` in kensa.toml.
pub type Options = crate::rules::checker::MinLength;

pub fn check(model: &Model, cx: &mut Checker) {
    let min = cx.options::<Options>().min_length;
    for s in &model.secrets {
        if s.kind != SecretKind::WifiPsk || !matches!(s.storage, SecretStorage::Plaintext | SecretStorage::Reversible) {
            continue;
        }
        let Some(st) = s.strength else { continue };
        cx.examined();
        if st.common || st.length < min {
            let message = WeakWifiPassphrase {
                length: st.length.to_string(),
                min: min.to_string(),
                reason: if st.common { Reason::Common } else { Reason::Short }.into(),
            };
            cx.report(&s.subject, &s.origin, message);
        }
    }
}
