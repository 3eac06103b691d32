//! What a rule's check function gets: the policy, the clock, its own options, and a way to
//! report findings. Findings hold arguments, not rendered text, so every report can speak
//! either language.

use crate::i18n::Lang;
use crate::model::Origin;
use crate::policy::TlsPolicy;
use crate::rules::meta::{RuleMeta, Severity};
use crate::rules::waiver::Waiver;
use serde::Serialize;

/// One finding: a rule, the thing it is about, where, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub subject: String,
    pub origin: Origin,
    /// Values for the message placeholders (never secret values). Keys are the literals the
    /// rules write, so a finding does not allocate them.
    pub args: Vec<(&'static str, String)>,
    /// Set when a waiver in kensa.toml covers this finding.
    pub waiver: Option<Waiver>,
    #[serde(skip)]
    pub meta: &'static RuleMeta,
}

impl Finding {
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::fill_with(self.meta.message.get(lang), |key| self.arg(key))
    }

    /// The message in pieces, without building it (renderers that escape as they write).
    pub fn message_pieces(&self, lang: Lang, emit: impl FnMut(&str)) {
        crate::i18n::fill_each(self.meta.message.get(lang), |key| self.arg(key), emit)
    }

    /// The value of a message placeholder.
    fn arg(&self, key: &str) -> Option<&str> {
        match self.args.iter().find(|(k, _)| *k == key) {
            Some((_, v)) => Some(v.as_str()),
            None if key == "subject" => Some(self.subject.as_str()),
            None => None,
        }
    }

    pub fn clauses(&self) -> &'static [String] {
        &self.meta.clauses
    }
}

/// Passed to every check function.
pub struct Checker<'a> {
    pub policy: &'a TlsPolicy,
    /// Unix seconds "now", for certificate validity (fixed by KENSA_NOW in tests).
    pub now: i64,
    pub(crate) meta: &'static RuleMeta,
    pub(crate) options: Option<&'a toml::Table>,
    pub(crate) findings: Vec<Finding>,
}

impl<'a> Checker<'a> {
    /// Reports a finding at the rule's own severity.
    pub fn report(&mut self, subject: &str, origin: &Origin, args: Vec<(&'static str, String)>) {
        self.report_as(self.meta.severity, subject, origin, args);
    }

    /// Reports at another severity (e.g. a rule that warns for one case and errs for another).
    /// `args` is moved into the finding: the rules build these strings for it alone.
    pub fn report_as(&mut self, severity: Severity, subject: &str, origin: &Origin, args: Vec<(&'static str, String)>) {
        self.findings.push(Finding {
            rule: meta_code(self.meta),
            severity,
            subject: subject.to_string(),
            origin: origin.clone(),
            args,
            waiver: None,
            meta: self.meta,
        });
    }

    /// A numeric option: kensa.toml `[rules.CODE]` first, then the rule's TOML default.
    pub fn option_i64(&self, key: &str, fallback: i64) -> i64 {
        self.options
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_integer())
            .or_else(|| self.meta.option_i64(key))
            .unwrap_or(fallback)
    }
}

fn meta_code(m: &'static RuleMeta) -> &'static str {
    m.code.as_str()
}
