//! The list of rules: metadata from `rules/*.toml` joined with one check function each.
//! A test holds the two sides to a 1:1 mapping.

use crate::model::Model;
use crate::rules::checker::Checker;
use crate::rules::meta::RuleMeta;
use crate::rules::tls;
use crate::rules::vpn;
use crate::rules::wlan;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/rule_toml.rs"));

pub type CheckFn = fn(&Model, &mut Checker);

/// Every check function, by rule code. Add new rules here and in `rules/CODE.toml`.
pub static CHECKS: &[(&str, CheckFn)] = &[
    ("TLS001", tls::legacy_protocol::check),
    ("CFG002", crate::rules::cfg::release_not_pinned::check),
    ("TLS002", tls::tls12_exception::check),
    ("TLS003", tls::prohibited_cipher_suite::check),
    ("TLS004", tls::suite_outside_high_security::check),
    ("TLS005", tls::not_recommended_suite::check),
    ("TLS006", tls::weak_key_exchange::check),
    ("TLS007", tls::client_certificate_not_required::check),
    ("TLS008", tls::client_certificate_optional::check),
    ("TLS009", tls::client_certificate_ca_missing::check),
    ("TLS010", tls::client_auth_unknown::check),
    ("TLS011", tls::certificate_weak_key::check),
    ("TLS012", tls::certificate_weak_signature::check),
    ("TLS013", tls::certificate_expired::check),
    ("TLS014", tls::certificate_expiring::check),
    ("TLS015", tls::certificate_not_checked::check),
    ("TLS016", tls::upstream_not_verified::check),
    ("TLS017", tls::upstream_without_client_certificate::check),
    ("TLS018", tls::hsts_missing::check),
    ("TLS019", tls::tls_compression::check),
    ("TLS020", tls::insecure_renegotiation::check),
    ("TLS021", tls::client_cipher_order::check),
    ("TLS022", tls::factory_default_certificate::check),
    ("TLS024", tls::ocsp_stapling_off::check),
    // VPN family
    ("VPN001", vpn::ikev1_allowed::check),
    ("VPN002", vpn::aggressive_psk::check),
    ("VPN003", vpn::weak_algorithm::check),
    ("VPN004", vpn::no_pfs::check),
    ("VPN005", vpn::proposals_not_strict::check),
    ("VPN006", vpn::peer_not_restricted::check),
    ("VPN007", vpn::weak_psk::check),
    ("VPN008", vpn::psk_site_to_site::check),
    ("VPN009", vpn::remote_access_weak_auth::check),
    ("VPN010", vpn::unauthenticated_side::check),
    ("VPN011", vpn::tls_min_version::check),
    ("VPN012", vpn::data_channel_not_aead::check),
    ("VPN013", vpn::weak_hmac::check),
    ("VPN014", vpn::server_not_verified::check),
    ("VPN015", vpn::client_cert_not_required::check),
    ("VPN016", vpn::client_to_client::check),
    ("VPN017", vpn::split_tunnel::check),
    ("VPN018", vpn::static_key_mode::check),
    ("VPN019", vpn::no_control_channel_protection::check),
    ("VPN020", vpn::no_preshared_key::check),
    ("VPN021", vpn::key_world_readable::check),
    // WLAN family
    ("WLAN001", wlan::open_or_wep::check),
    ("WLAN002", wlan::wpa1_or_tkip_only::check),
    ("WLAN003", wlan::tkip_beside_ccmp::check),
    ("WLAN004", wlan::wpa2_psk_only::check),
    ("WLAN005", wlan::answers_broadcast_probe::check),
    ("WLAN006", wlan::mac_acl_only::check),
    ("WLAN007", wlan::weak_wifi_psk::check),
    ("WLAN008", wlan::shared_psk_beside_8021x::check),
    ("WLAN009", wlan::pmf_not_required::check),
    ("WLAN010", wlan::eap_server_not_validated::check),
    ("WLAN011", wlan::band_24ghz_only::check),
    // Routers and firewalls: MGMT, NET, SSL-VPN
    ("MGMT001", crate::rules::mgmt::external_management::check),
    ("MGMT002", crate::rules::mgmt::no_trusted_hosts::check),
    ("MGMT003", crate::rules::mgmt::cleartext_management::check),
    ("MGMT004", crate::rules::mgmt::reversible_password::check),
    ("MGMT005", crate::rules::mgmt::weak_password::check),
    ("MGMT006", crate::rules::mgmt::no_second_factor::check),
    ("MGMT007", crate::rules::mgmt::no_remote_syslog::check),
    ("MGMT008", crate::rules::mgmt::no_ntp::check),
    ("NET001", crate::rules::net::known_exploited::check),
    ("NET002", crate::rules::net::anti_spoofing::check),
    ("NET003", crate::rules::net::tunnel_to_tunnel::check),
    ("NET004", crate::rules::net::any_service_tunnel::check),
    ("VPN102", crate::rules::sslvpn::ssl_vpn_in_use::check),
];

pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: Option<CheckFn>,
}

/// All rules, sorted by code. Panics only if a built-in TOML is malformed, which the
/// registry test catches before release.
pub fn all() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut v: Vec<Rule> = RULE_TOML
            .iter()
            .map(|(code, text)| {
                let meta: RuleMeta = toml::from_str(text).unwrap_or_else(|e| panic!("rules/{code}.toml: {e}"));
                let meta: &'static RuleMeta = Box::leak(Box::new(meta));
                let check = CHECKS.iter().find(|(c, _)| *c == meta.code).map(|(_, f)| *f);
                Rule { meta, check }
            })
            .collect();
        v.sort_by(|a, b| a.meta.code.cmp(&b.meta.code));
        v
    })
}

pub fn find(code: &str) -> Option<&'static Rule> {
    all().iter().find(|r| r.meta.code.eq_ignore_ascii_case(code))
}
