//! The list of rules: metadata from `rules/*.toml` joined with one check function each.
//! A test holds the two sides to a 1:1 mapping.

use crate::model::Model;
use crate::rules::checker::Checker;
use crate::rules::meta::RuleMeta;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/rule_toml.rs"));

pub type CheckFn = fn(&Model, &mut Checker);
/// Deserialises a rule's merged options into its `Options` struct, or says why not.
pub type OptionsCheck = fn(&RuleMeta, Option<&toml::Table>) -> Result<(), String>;

include!(concat!(env!("OUT_DIR"), "/rule_checks.rs"));

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

/// A site's `[rules.CODE]` table from kensa.toml, checked against the rule's own `Options`
/// struct (unknown keys, wrong types, negative counts): an option that does nothing, or a typo
/// that leaves a threshold at its default, is an error the user sees, not a silent default.
pub fn check_options(code: &str, site: &toml::Table) -> Result<(), String> {
    let rule = find(code).ok_or_else(|| format!("[rules.{code}]: no rule {code}"))?;
    match OPTIONS.iter().find(|(c, _)| *c == rule.meta.code) {
        Some((_, check)) => check(rule.meta, Some(site)).map_err(|e| format!("[rules.{code}]: {e}")),
        None if site.is_empty() => Ok(()),
        None => Err(format!("[rules.{code}]: rule {code} has no options")),
    }
}
