//! ## What it does
//! Flags OpenVPN static-key mode (`secret`): one long-lived symmetric key encrypts all
//! traffic, with no key exchange and no forward secrecy.
//!
//! ## Why
//! Whoever obtains the key file can decrypt every recorded session, past and future, and
//! impersonate either end. OpenVPN 2.6 deprecates the mode. Clause 13-8 asks for
//! tamper-proof transport and 13-10 for protection against sniffing.
//!
//! ## Example
//! `secret static.key` → VPN018.

use crate::model::{AuthMethod, Model};
use crate::rules::msg::OpenvpnStaticKey;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        cx.judge(&t.subject, t.local_auth.as_ref(), |auth| *auth == AuthMethod::StaticKey, OpenvpnStaticKey);
    }
}
