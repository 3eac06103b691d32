//! ## What it does
//! Flags VPN configs that hold a private key or key material inline (WireGuard
//! `PrivateKey`, OpenVPN `<key>`/`<tls-crypt>`/`<secret>`) and are readable by every local
//! user.
//!
//! ## Why
//! Clause 14-6 forbids plaintext secrets in config files readable by others: any local
//! account (or a compromised service) can copy the key and impersonate the VPN endpoint.
//!
//! A mode describes the device only when kensa reads the device's own live file
//! (`kensa lint /etc/wireguard/wg0.conf` on that machine). On a copy (an audit folder, a
//! checkout) the mode is the copy's: the finding says so at info level and asks for the
//! mode to be checked on the device, instead of accusing it.
//!
//! ## Example
//! `/etc/wireguard/wg0.conf` with mode 0644 and a `PrivateKey` line → VPN021; mode 0600
//! passes.

use crate::model::Model;
use crate::rules::msg::VpnKeyWorldReadable;
use crate::rules::{Checker, Severity};

crate::i18n::terms! {
    /// What the file's mode says: on the device itself, or on a copy.
    enum State {
        Live => "が、すべてのローカル利用者から読めます", "is readable by every local user";
        Copied => "の写しは誰でも読めるモードです。機器上のファイルのモードはこの写しからは分からないため、機器で確認してください",
            "is world-readable as copied; the mode on the device cannot be seen from a copy: check it there";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    let (severity, state) = if model.files_are_live {
        (cx.meta.severity, State::Live)
    } else {
        (Severity::Info, State::Copied)
    };
    let mut seen: Vec<(Option<&str>, u32)> = Vec::new();
    for t in &model.vpn_tunnels {
        if t.key_file_world_readable.is_some() {
            cx.examined();
        }
        if let Some(v) = t.key_file_world_readable.as_ref().filter(|v| v.value) {
            // One finding per key line, not per peer sharing it.
            let key = (v.origin.path.as_deref(), v.origin.line);
            if !seen.contains(&key) {
                seen.push(key);
                cx.report_as(severity, &t.subject, &v.origin, VpnKeyWorldReadable { state: state.clone().into() });
            }
        }
    }
}
