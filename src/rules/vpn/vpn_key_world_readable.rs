//! ## What it does
//! Flags VPN configs that hold a private key or key material inline (WireGuard
//! `PrivateKey`, OpenVPN `<key>`/`<tls-crypt>`/`<secret>`) and are readable by every local
//! user.
//!
//! ## Why
//! Clause 14-6 forbids plaintext secrets in config files readable by others: any local
//! account (or a compromised service) can copy the key and impersonate the VPN endpoint.
//!
//! ## Example
//! `/etc/wireguard/wg0.conf` with mode 0644 and a `PrivateKey` line → VPN021; mode 0600
//! passes.

use crate::model::Model;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    let mut seen: Vec<(Option<&str>, u32)> = Vec::new();
    for t in &model.vpn_tunnels {
        if let Some(v) = t.key_file_world_readable.as_ref().filter(|v| v.value) {
            // One finding per key line, not per peer sharing it.
            let key = (v.origin.path.as_deref(), v.origin.line);
            if !seen.contains(&key) {
                seen.push(key);
                cx.report(&t.subject, &v.origin, vec![]);
            }
        }
    }
}
