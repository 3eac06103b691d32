//! What changed between two complete runs: new, resolved, came back, worse, still open,
//! and what the later run could not check (its target unreachable, its file unreadable, or
//! not scanned). A finding whose target was down is "not checked", never "resolved".

use super::backend::V;
use super::observe::severity_from_number;
use super::{RunInfo, Store};
use crate::i18n::Lang;
use serde::Serialize;

pub const FINDING_COLUMNS: &str = "fingerprint, scope, rule, severity, waived, subject, message_en, message_ja, location, evidence, first_run";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    New,
    Returned,
    Worse,
    Resolved,
    /// Open in both runs (JSON only; JSON Lines carries changes).
    StillOpen,
    /// Open in the earlier run; the later one could not judge its target or file.
    NotChecked,
}

impl ChangeKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ChangeKind::New, Lang::Ja) => "新規",
            (ChangeKind::Returned, Lang::Ja) => "再発 (解消後に再び検出)",
            (ChangeKind::Worse, Lang::Ja) => "悪化 (重大度が上昇)",
            (ChangeKind::Resolved, Lang::Ja) => "解消",
            (ChangeKind::StillOpen, Lang::Ja) => "継続",
            (ChangeKind::NotChecked, Lang::Ja) => "未確認 (接続先に到達できないか、ファイルを読めなかった)",
            (ChangeKind::New, _) => "new",
            (ChangeKind::Returned, _) => "came back (resolved earlier, found again)",
            (ChangeKind::Worse, _) => "worse (severity up)",
            (ChangeKind::Resolved, _) => "resolved",
            (ChangeKind::StillOpen, _) => "still open",
            (ChangeKind::NotChecked, _) => "not checked (target unreachable or file unreadable)",
        }
    }

    /// Changes that make `kensa scan` exit 1 when at or above --fail-on.
    pub fn alarms(self) -> bool {
        matches!(self, ChangeKind::New | ChangeKind::Returned | ChangeKind::Worse)
    }
}

/// One finding in a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub change: ChangeKind,
    pub fingerprint: String,
    pub rule: String,
    pub severity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity_before: Option<&'static str>,
    pub waived: bool,
    pub scope: String,
    pub subject: String,
    pub message: String,
    pub location: String,
    pub evidence: String,
    pub first_run: i64,
    #[serde(skip)]
    pub severity_n: i64,
    #[serde(skip)]
    pub message_en: String,
    #[serde(skip)]
    pub message_ja: String,
}

impl Change {
    pub fn from_row(r: &[V]) -> Change {
        let severity_n = r[3].int().unwrap_or(1);
        Change {
            change: ChangeKind::StillOpen,
            fingerprint: r[0].text(),
            scope: r[1].text(),
            rule: r[2].text(),
            severity: severity_from_number(severity_n).name(),
            severity_before: None,
            waived: r[4].int().unwrap_or(0) != 0,
            subject: r[5].text(),
            message: String::new(),
            message_en: r[6].text(),
            message_ja: r[7].text(),
            location: r[8].text(),
            evidence: r[9].text(),
            first_run: r[10].int().unwrap_or(0),
            severity_n,
        }
    }

    fn with(mut self, kind: ChangeKind, lang: Lang) -> Change {
        self.change = kind;
        self.message = if lang == Lang::Ja { self.message_ja.clone() } else { self.message_en.clone() };
        self
    }
}

/// The changes between two runs, sorted by kind, then severity (highest first), scope, rule.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub from: RunInfo,
    pub to: RunInfo,
    pub changes: Vec<Change>,
    /// Scopes the later run could not judge, with why.
    pub gaps: Vec<(String, String)>,
}

impl Diff {
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.change == kind).count()
    }

    /// Messages in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Diff {
        self.changes = self
            .changes
            .into_iter()
            .map(|c| {
                let k = c.change;
                c.with(k, lang)
            })
            .collect();
        self
    }
}

/// Compares the findings open at `from` with those open at `to`.
pub fn between(store: &mut Store, from: &RunInfo, to: &RunInfo) -> Result<Diff, String> {
    let before = store.open_at(from.id)?;
    let after = store.open_at(to.id)?;
    let gaps = store.gaps(to.id)?;
    let gap_scopes: rustc_hash::FxHashSet<&str> = gaps.iter().map(|(s, _)| s.as_str()).collect();
    let before_by: rustc_hash::FxHashMap<&str, &Change> = before.iter().map(|c| (c.fingerprint.as_str(), c)).collect();
    let after_fps: rustc_hash::FxHashSet<&str> = after.iter().map(|c| c.fingerprint.as_str()).collect();
    let mut changes = Vec::new();
    for c in &after {
        let kind = match before_by.get(c.fingerprint.as_str()) {
            _ if gap_scopes.contains(c.scope.as_str()) => ChangeKind::NotChecked,
            Some(b) if c.severity_n > b.severity_n => ChangeKind::Worse,
            Some(_) => ChangeKind::StillOpen,
            None if store.ended_before(&c.fingerprint, from.id.max(c.first_run))? => ChangeKind::Returned,
            None => ChangeKind::New,
        };
        let mut c = c.clone().with(kind, Lang::En);
        if kind == ChangeKind::Worse {
            c.severity_before = before_by.get(c.fingerprint.as_str()).map(|b| b.severity);
        }
        changes.push(c);
    }
    for b in &before {
        if !after_fps.contains(b.fingerprint.as_str()) {
            changes.push(b.clone().with(ChangeKind::Resolved, Lang::En));
        }
    }
    changes.sort_by(|a, b| {
        a.change
            .cmp(&b.change)
            .then(b.severity_n.cmp(&a.severity_n))
            .then_with(|| a.scope.cmp(&b.scope))
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.subject.cmp(&b.subject))
    });
    Ok(Diff {
        from: from.clone(),
        to: to.clone(),
        changes,
        gaps,
    })
}
