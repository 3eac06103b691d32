//! The MHLW checklist view of the hand-over report: the items configurations and probes can
//! evidence, with what kensa found, and every other item as a question for the operator.
//! The mapping is data (`rules/checklist/mhlw-2025.toml`, with its provenance); an item is
//! never marked as met on kensa's word: "no findings" still asks the operator its question.

use crate::i18n::Lang;
use crate::rules::{Coverage, Finding, Severity};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The checklist data file, embedded.
pub const SOURCE_PATH: &str = "rules/checklist/mhlw-2025.toml";
const TEXT: &str = include_str!("../../rules/checklist/mhlw-2025.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    pub checklist: Header,
    #[serde(rename = "item")]
    pub items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub title_ja: String,
    pub title_en: String,
    pub edition_ja: String,
    pub edition_en: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// As numbered in the checklist ("2-⑧").
    pub id: String,
    /// The number and wording were checked against the official text.
    pub confirmed: bool,
    /// The guideline 6.0 システム運用編 section the checklist manual cites ("" when none).
    pub guideline: String,
    pub text_ja: String,
    pub text_en: String,
    /// Rules whose findings and judged subjects are evidence for the item.
    pub rules: Vec<String>,
    pub question_ja: String,
    pub question_en: String,
}

impl Item {
    pub fn text(&self, lang: Lang) -> &str {
        lang.of((&self.text_ja, &self.text_en))
    }
    pub fn question(&self, lang: Lang) -> &str {
        lang.of((&self.question_ja, &self.question_en))
    }
}

impl Header {
    pub fn title(&self, lang: Lang) -> &str {
        lang.of((&self.title_ja, &self.title_en))
    }
    pub fn edition(&self, lang: Lang) -> &str {
        lang.of((&self.edition_ja, &self.edition_en))
    }
}

/// The embedded checklist (its rules are checked against the registry by a test).
pub fn checklist() -> &'static Checklist {
    static C: OnceLock<Checklist> = OnceLock::new();
    C.get_or_init(|| toml::from_str(TEXT).unwrap_or_else(|e| panic!("{SOURCE_PATH}: {e}")))
}

/// What kensa can say about one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Findings (warning or error, not waived) by the item's rules.
    Findings,
    /// Every finding is waived.
    Waived,
    /// The item's rules judged something and found nothing; the operator still confirms.
    NoFindings,
    /// Nothing in scope that the item's rules judge.
    NotChecked,
    /// No configuration shows it: a question for the operator.
    Question,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Findings => "findings",
            Status::Waived => "waived",
            Status::NoFindings => "no-findings",
            Status::NotChecked => "not-checked",
            Status::Question => "question",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        lang.of(match self {
            Status::Findings => ("指摘あり", "findings"),
            Status::Waived => ("例外承認", "waived"),
            Status::NoFindings => ("指摘なし (要確認)", "no findings (confirm)"),
            Status::NotChecked => ("対象なし (要確認)", "nothing to check (confirm)"),
            Status::Question => ("運用者に確認", "ask the operator"),
        })
    }
}

/// An item's status and evidence over all devices.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub item: &'static str,
    pub status: Status,
    /// Findings by the item's rules (not waived), and devices they are on.
    pub findings: u32,
    pub devices_with_findings: u32,
    /// Devices on which the item's rules judged something.
    pub devices_judged: u32,
    pub rules: Vec<&'static str>,
}

/// Running totals for one item while devices are added.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    findings: u32,
    waived: u32,
    devices_with_findings: u32,
    devices_judged: u32,
}

/// Adds one device's findings and coverage to the tallies (one per checklist item).
pub fn add_device(tallies: &mut [Tally], findings: &[Finding], coverage: Option<&Coverage>) {
    for (item, t) in checklist().items.iter().zip(tallies.iter_mut()) {
        if item.rules.is_empty() {
            continue;
        }
        let of_item = |f: &&Finding| item.rules.iter().any(|r| r == f.rule) && f.severity > Severity::Info;
        let open = findings.iter().filter(of_item).filter(|f| f.waiver.is_none()).count() as u32;
        t.findings += open;
        t.waived += findings.iter().filter(of_item).filter(|f| f.waiver.is_some()).count() as u32;
        t.devices_with_findings += u32::from(open > 0);
        let judged = coverage.is_some_and(|c| item.rules.iter().any(|r| c.examined(r).is_some_and(|n| n > 0)));
        t.devices_judged += u32::from(judged);
    }
}

/// The verdicts, one per item, from the tallies of every device.
pub fn verdicts(tallies: &[Tally]) -> Vec<Verdict> {
    checklist()
        .items
        .iter()
        .zip(tallies)
        .map(|(item, t)| {
            let status = if item.rules.is_empty() {
                Status::Question
            } else if t.findings > 0 {
                Status::Findings
            } else if t.waived > 0 {
                Status::Waived
            } else if t.devices_judged > 0 {
                Status::NoFindings
            } else {
                Status::NotChecked
            };
            Verdict {
                item: item.id.as_str(),
                status,
                findings: t.findings,
                devices_with_findings: t.devices_with_findings,
                devices_judged: t.devices_judged,
                rules: item.rules.iter().map(String::as_str).collect(),
            }
        })
        .collect()
}

/// Empty tallies, one per item.
pub fn tallies() -> Vec<Tally> {
    vec![Tally::default(); checklist().items.len()]
}

#[cfg(test)]
mod tests {
    /// Every rule the checklist names exists; every item has both languages.
    #[test]
    fn checklist_names_real_rules_and_speaks_both_languages() {
        let c = super::checklist();
        assert!(!c.items.is_empty());
        for item in &c.items {
            for r in &item.rules {
                assert!(crate::rules::registry::find(r).is_some(), "{}: no rule {r}", item.id);
            }
            for t in [&item.text_ja, &item.text_en, &item.question_ja, &item.question_en] {
                assert!(!t.trim().is_empty(), "{}: empty text", item.id);
            }
        }
    }
}
