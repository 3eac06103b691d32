//! VPN rules (clauses 13-4, 13-6, 13-8, 13-9, 13-10, 13-12, 7-13, 14-5, 14-6): they judge
//! `VpnTunnel`s and IKE pre-shared keys, whether parsed from strongSwan, OpenVPN, WireGuard
//! or a router's IPsec configuration. The proposal vocabulary they read is documented in
//! `src/formats/ipsec_proposal.rs`.

pub mod aggressive_psk;
pub mod client_cert_not_required;
pub mod client_to_client;
pub mod data_channel_not_aead;
pub mod ikev1_allowed;
pub mod key_world_readable;
pub mod no_control_channel_protection;
pub mod no_pfs;
pub mod no_preshared_key;
pub mod peer_not_restricted;
pub mod proposals_not_strict;
pub mod psk_site_to_site;
pub mod remote_access_weak_auth;
pub mod server_not_verified;
pub mod split_tunnel;
pub mod static_key_mode;
pub mod tls_min_version;
pub mod unauthenticated_side;
pub mod weak_algorithm;
pub mod weak_hmac;
pub mod weak_psk;

use crate::model::{AuthMethod, Proposal, VpnTunnel};

/// Encryption the guideline's 13-8/13-10 rule out: broken or 64-bit-block ciphers, and none.
pub fn weak_encryption(e: &str) -> bool {
    matches!(e, "des" | "3des" | "null" | "cast128" | "rc2") || e.starts_with("blowfish")
}

/// Integrity algorithms that no longer guarantee integrity (MD5, SHA-1) or none at all.
pub fn weak_integrity(i: &str) -> bool {
    matches!(i, "md5" | "sha1")
}

pub fn weak_prf(p: &str) -> bool {
    matches!(p, "prfmd5" | "prfsha1")
}

/// DH groups below 112-bit strength (RFC 8247 MUST NOT / SHOULD NOT).
pub fn weak_dh(g: &str) -> bool {
    matches!(g, "modp768" | "modp1024" | "modp1536" | "modp1024s160" | "ecp192")
}

/// The weak algorithms of one proposal, as "3des, md5, modp1024".
pub fn weak_in(p: &Proposal) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    v.extend(p.encryption.iter().filter(|e| weak_encryption(e)).cloned());
    v.extend(p.integrity.iter().filter(|i| weak_integrity(i)).cloned());
    // "none" integrity only matters with a non-AEAD cipher.
    if p.integrity.iter().any(|i| i == "none") && p.encryption.iter().any(|e| !crate::formats::ipsec_proposal::is_aead(e)) {
        v.push("none".into());
    }
    v.extend(p.prf.iter().filter(|x| weak_prf(x)).cloned());
    v.extend(p.dh_groups.iter().filter(|g| weak_dh(g)).cloned());
    v
}

/// IKEv1 is allowed: version 1, or 0 ("any", strongSwan's default as responder).
pub fn ikev1_allowed(t: &VpnTunnel) -> bool {
    t.ike_version.as_ref().is_some_and(|v| v.value <= 1)
}

/// Authentication by a user's password only (no certificate): PSK groups, XAUTH, EAP
/// methods other than EAP-TLS, OpenVPN auth-user-pass without certificates.
pub fn password_like(a: &AuthMethod) -> bool {
    match a {
        AuthMethod::Eap(m) => !m.to_ascii_lowercase().contains("tls"),
        AuthMethod::Xauth | AuthMethod::Password | AuthMethod::Psk => true,
        _ => false,
    }
}

pub fn auth_name(a: &AuthMethod) -> String {
    match a {
        AuthMethod::Psk => "pre-shared key".into(),
        AuthMethod::Certificate => "certificate".into(),
        AuthMethod::Eap(m) => m.clone(),
        AuthMethod::Xauth => "XAUTH".into(),
        AuthMethod::Password => "password".into(),
        AuthMethod::PublicKey => "public key".into(),
        AuthMethod::StaticKey => "static key".into(),
        AuthMethod::None => "none".into(),
        AuthMethod::Unknown => "unknown".into(),
    }
}
