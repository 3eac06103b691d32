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
//! [[target]]        # the inventory of `kensa scan` (src/inventory.rs)
//! name = "PACS viewer"
//! host = "pacs.example.jp:443"
//! [site]           # for `kensa report`
//! facility = "○○病院"
//! site = "本館"
//! examiner = "山田 太郎 (○○システム株式会社)"
//! ```

use crate::rules::meta::Severity;
use crate::rules::waiver::Waiver;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    /// The inventory `kensa scan` probes (src/inventory.rs).
    #[serde(default, rename = "target")]
    pub targets: Vec<crate::inventory::Target>,
    /// The devices whose configuration files `kensa scan` lints.
    #[serde(default, rename = "device")]
    pub devices: Vec<crate::inventory::Device>,
    /// Who and where the hand-over report (`kensa report`) is for.
    #[serde(default)]
    pub site: crate::report::handover::Site,
    /// The line of each waiver's `[[waiver]]` header (1-based; 0 when written otherwise).
    #[serde(skip)]
    pub waiver_lines: Vec<u32>,
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
        let mut config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        for (code, table) in &config.rules {
            crate::rules::registry::check_options(code, table)?;
        }
        crate::inventory::validate(text, &config.targets, &config.devices)?;
        let mut headers = crate::inventory::header_lines(text, "[[waiver]]").into_iter();
        config.waiver_lines = config.waivers.iter().map(|_| headers.next().unwrap_or(0)).collect();
        Ok(config)
    }

    /// The kensa.toml that applies to `path`: the nearest one in its directory or above,
    /// else the one in the working directory (as ruff finds pyproject.toml).
    pub fn discover(path: Option<&Path>) -> Option<PathBuf> {
        let start = path.and_then(|p| std::path::absolute(p).ok());
        let start = start.as_deref().map(|p| if p.is_dir() { p } else { p.parent().unwrap_or(p) });
        let here = std::env::current_dir().ok();
        let found = start.into_iter().flat_map(Path::ancestors).find(|d| d.join("kensa.toml").is_file());
        match found {
            // The working directory's own is shown as `kensa.toml`, as before discovery.
            Some(d) if Some(d) != here.as_deref() => Some(d.join("kensa.toml")),
            _ => Some(PathBuf::from("kensa.toml")).filter(|p| p.is_file()),
        }
    }
}

/// The rule selection from kensa.toml and the command line, as ruff combines them:
/// `--select`/`--ignore` replace the file's lists, `--extend-select`/`--extend-ignore` add.
pub fn selection(
    file: &Config,
    select: Option<&[String]>,
    extend_select: &[String],
    ignore: Option<&[String]>,
    extend_ignore: &[String],
) -> (Vec<String>, Vec<String>) {
    let mut s = select.map_or_else(|| file.select.clone(), <[String]>::to_vec);
    s.extend(extend_select.iter().cloned());
    let mut i = ignore.map_or_else(|| file.ignore.clone(), <[String]>::to_vec);
    i.extend(extend_ignore.iter().cloned());
    (s, i)
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
