//! The list of rules: metadata from `rules/*.toml` joined with one check function each.
//! A test holds the two sides to a 1:1 mapping.

use crate::model::Model;
use crate::rules::checker::Checker;
use crate::rules::meta::RuleMeta;
use crate::rules::tls;
use crate::rules::wlan;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/rule_toml.rs"));

pub type CheckFn = fn(&Model, &mut Checker);

/// Every check function, by rule code. Add new rules here and in `rules/CODE.toml`.
pub static CHECKS: &[(&str, CheckFn)] = &[
    ("TLS001", tls::legacy_protocol::check),
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
                let meta: RuleMeta =
                    toml::from_str(text).unwrap_or_else(|e| panic!("rules/{code}.toml: {e}"));
                let meta: &'static RuleMeta = Box::leak(Box::new(meta));
                let check = CHECKS
                    .iter()
                    .find(|(c, _)| *c == meta.code)
                    .map(|(_, f)| *f);
                Rule { meta, check }
            })
            .collect();
        v.sort_by(|a, b| a.meta.code.cmp(&b.meta.code));
        v
    })
}

pub fn find(code: &str) -> Option<&'static Rule> {
    all()
        .iter()
        .find(|r| r.meta.code.eq_ignore_ascii_case(code))
}
