//! Rule metadata, one TOML file per rule under `rules/`: code, clauses, severity, and the
//! Japanese and English texts a person reads.

use crate::i18n::{Lang, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        lang.of(match self {
            Severity::Error => ("エラー", self.name()),
            Severity::Warning => ("警告", self.name()),
            Severity::Info => ("情報", self.name()),
        })
    }
}

/// What a rule judges at once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Each input's model on its own, as soon as it is parsed.
    #[default]
    Input,
    /// One model holding what every input of the run kept for it (the secrets, for
    /// MGMT009), after all inputs are parsed: a comparison across devices.
    Run,
}

/// A bad or good configuration snippet that shows what the rule means.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Example {
    /// "bad" or "good"
    pub kind: String,
    /// Format name as in `--as` (nginx, apache, ...), or "probe".
    pub format: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    pub code: String,
    /// kebab-case name, stable like the code.
    pub name: String,
    pub family: String,
    /// Guideline clauses, e.g. "13-6".
    pub clauses: Vec<String>,
    pub severity: Severity,
    /// Model types the rule reads (TlsEndpoint, VpnTunnel, ...).
    pub applies_to: Vec<String>,
    pub title: Text,
    /// Finding message; `{subject}` and rule-specific `{placeholders}` are filled in.
    pub message: Text,
    /// Why the guideline asks for this.
    pub why: Text,
    /// How to fix it, in general.
    pub fix: Text,
    /// Format-specific fixes (nginx, apache, fortios, ...).
    /// Keys `<format>-client` hold the example for a TLS client side (a proxy to its
    /// upstream), where the server-side directive would change nothing.
    #[serde(default)]
    pub fix_by_format: BTreeMap<String, Text>,
    /// How to fix it when the finding is about a TLS client side, where `fix` would speak
    /// of clients instead of the upstream server.
    #[serde(default)]
    pub fix_client: Option<Text>,
    /// Thresholds a site may tune in kensa.toml ([rules.TLS014] days = 60).
    #[serde(default)]
    pub options: toml::Table,
    pub examples: Vec<Example>,
    /// What the rule judges at once: one input's model (the default), or the whole run.
    #[serde(default)]
    pub scope: Scope,
    /// `message` split and JSON-escaped once per language (JSON and SARIF render hundreds
    /// of thousands of messages; scanning each template and escaping its text again showed
    /// in profiles: docs/performance.md).
    #[serde(skip)]
    json_message: std::sync::OnceLock<[Vec<crate::i18n::Piece>; 2]>,
}

impl RuleMeta {
    /// The message template of `lang`, split, its text JSON-escaped.
    pub fn json_message(&self, lang: crate::i18n::Lang) -> &[crate::i18n::Piece] {
        let both = self.json_message.get_or_init(|| {
            let split = |t: &str| {
                crate::i18n::split_template(t, |text| {
                    let mut out = Vec::with_capacity(text.len());
                    crate::report::pretty::push_escaped(&mut out, text);
                    out
                })
            };
            [split(&self.message.ja), split(&self.message.en)]
        });
        match lang {
            crate::i18n::Lang::Ja => &both[0],
            crate::i18n::Lang::En => &both[1],
        }
    }
}
