//! kensa.toml: selection, thresholds, policy file and waivers for a site.
//!
//! ```toml
//! select = ["TLS", "VPN"]
//! ignore = ["TLS021"]
//! fail-on = "warning"
//! policy = "policy/tls-site.toml"
//! [rules.TLS014]
//! days = 60
//! [[waiver]]
//! rule = "TLS002"
//! subject = "nginx server pacs.example.jp:*"
//! reason = "modality supports TLS 1.2 only"
//! owner = "情報システム課 山田"
//! expires = "2027-03-31"
//! [assume]
//! nginx = "1.22"   # the release running the configs, where a default depends on it
//! ```

use crate::rules::meta::Severity;
use crate::rules::waiver::Waiver;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOn>,
    pub lang: Option<crate::i18n::Lang>,
    pub policy: Option<String>,
    #[serde(default)]
    pub rules: BTreeMap<String, toml::Table>,
    #[serde(default, rename = "waiver")]
    pub waivers: Vec<Waiver>,
    /// Releases the audited software runs (`nginx = "1.22"`), for defaults that changed
    /// between releases (docs/trees.md, docs/vendor-defaults.md).
    #[serde(default)]
    pub assume: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// Does a finding of this severity make the run fail?
    pub fn trips(self, s: Severity) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Info => true,
        }
    }
}

impl Config {
    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}
