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
    /// Parses kensa.toml; every `[rules.CODE]` table must fit that rule's options.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        for (code, table) in &config.rules {
            crate::rules::registry::check_options(code, table)?;
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::Config;

    #[test]
    fn rule_options_are_checked_against_the_rules_own_struct() {
        assert!(Config::parse("[rules.TLS014]\ndays = 60\n").is_ok());
        let typo = Config::parse("[rules.TLS014]\ndayz = 60\n").unwrap_err();
        assert!(typo.contains("[rules.TLS014]") && typo.contains("dayz"), "{typo}");
        let negative = Config::parse("[rules.VPN007]\nmin_length = -1\n").unwrap_err();
        assert!(negative.contains("[rules.VPN007]"), "{negative}");
        let wrong_type = Config::parse("[rules.MGMT005]\nmin_length = \"8\"\n").unwrap_err();
        assert!(wrong_type.contains("[rules.MGMT005]"), "{wrong_type}");
        assert!(Config::parse("[rules.TLS001]\nx = 1\n").unwrap_err().contains("has no options"));
        assert!(Config::parse("[rules.TLS999]\n").unwrap_err().contains("no rule TLS999"));
    }
}
