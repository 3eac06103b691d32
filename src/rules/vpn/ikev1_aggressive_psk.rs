//! ## What it does
//! Flags IKEv1 aggressive mode combined with pre-shared-key authentication.
//!
//! ## Why
//! In aggressive mode the responder sends a hash of the PSK before either side is
//! authenticated; anyone who sees (or provokes) it can crack the PSK offline. Clause 13-4
//! asks for authentication that is hard to break.
//!
//! ## Example
//! `conn b` with `keyexchange=ikev1`, `aggressive=yes`, `authby=secret` → VPN002.

use crate::model::{AuthMethod, Model};
use crate::rules::msg::Ikev1AggressivePsk;
use crate::rules::vpn::ikev1_allowed;
use crate::rules::Checker;

crate::i18n::terms! {
    /// Whether the config turns aggressive mode on, or only leaves the vendor's default
    /// (IOS, ASA, PAN-OS `auto`) answering it: the second is true too, but not "uses".
    enum How {
        Uses => "IKEv1 アグレッシブモードを事前共有鍵で使っています", "uses IKEv1 aggressive mode with a pre-shared key";
        AnswersByDefault => "IKEv1 アグレッシブモードの接続を事前共有鍵で受け付けます (設定に無効にする行がありません)",
            "accepts IKEv1 aggressive mode with a pre-shared key (nothing in the configuration turns it off)";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        if t.aggressive.is_some() {
            cx.examined();
        }
        let Some(aggr) = t.aggressive.as_ref().filter(|a| a.value) else { continue };
        let psk = [&t.local_auth, &t.remote_auth]
            .iter()
            .any(|a| a.as_ref().is_some_and(|a| a.value == AuthMethod::Psk));
        if psk && ikev1_allowed(t) {
            let how = if aggr.defaulted { How::AnswersByDefault } else { How::Uses };
            cx.report(&t.subject, &aggr.origin, Ikev1AggressivePsk { how: how.into() });
        }
    }
}
