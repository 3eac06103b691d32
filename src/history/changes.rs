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
        lang.of(match self {
            ChangeKind::New => ("新規", "new"),
            ChangeKind::Returned => ("再発 (解消後に再び検出)", "came back (resolved earlier, found again)"),
            ChangeKind::Worse => ("悪化 (重大度が上昇)", "worse (severity up)"),
            ChangeKind::Resolved => ("解消", "resolved"),
            ChangeKind::StillOpen => ("継続", "still open"),
            ChangeKind::NotChecked => (
                "未確認 (接続先に到達できないか、ファイルを読めなかった)",
                "not checked (target unreachable or file unreadable)",
            ),
        })
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
    /// A row of [`FINDING_COLUMNS`], its texts moved out.
    pub fn from_row(r: &mut [V]) -> Change {
        let severity_n = r[3].int().unwrap_or(1);
        Change {
            change: ChangeKind::StillOpen,
            fingerprint: r[0].take_text(),
            scope: r[1].take_text(),
            rule: r[2].take_text(),
            severity: severity_from_number(severity_n).name(),
            severity_before: None,
            waived: r[4].int().unwrap_or(0) != 0,
            subject: r[5].take_text(),
            message: String::new(),
            message_en: r[6].take_text(),
            message_ja: r[7].take_text(),
            location: r[8].take_text(),
            evidence: r[9].take_text(),
            first_run: r[10].int().unwrap_or(0),
            severity_n,
        }
    }

    fn with(mut self, kind: ChangeKind) -> Change {
        self.change = kind;
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
        for c in &mut self.changes {
            let (ja, en) = (std::mem::take(&mut c.message_ja), std::mem::take(&mut c.message_en));
            c.message = if lang == Lang::Ja { ja } else { en };
        }
        self
    }
}

/// Compares the findings open at `from` with those open at `to`. Most findings are one
/// interval open at both ends (still open): they are read once and moved, not copied.
pub fn between(store: &mut Store, from: &RunInfo, to: &RunInfo) -> Result<Diff, String> {
    let rows = store.open_between(from.id, to.id)?;
    let gaps = store.gaps(to.id)?;
    let gap_scopes: rustc_hash::FxHashSet<&str> = gaps.iter().map(|(s, _)| s.as_str()).collect();
    let open_at = |c: &Change, ended: Option<i64>, run: i64| c.first_run <= run && ended.is_none_or(|e| e > run);
    let mut changes = Vec::with_capacity(rows.len());
    let mut only_before: rustc_hash::FxHashMap<String, Change> = rustc_hash::FxHashMap::default();
    let mut only_after = Vec::new();
    for (c, ended) in rows {
        match (open_at(&c, ended, from.id), open_at(&c, ended, to.id)) {
            (true, true) if gap_scopes.contains(c.scope.as_str()) => changes.push(c.with(ChangeKind::NotChecked)),
            (true, true) => changes.push(c.with(ChangeKind::StillOpen)),
            (true, false) => {
                only_before.insert(c.fingerprint.clone(), c);
            }
            (false, true) => only_after.push(c),
            (false, false) => {}
        }
    }
    for c in only_after {
        let kind = match only_before.remove(c.fingerprint.as_str()) {
            _ if gap_scopes.contains(c.scope.as_str()) => ChangeKind::NotChecked,
            Some(b) if c.severity_n > b.severity_n => {
                let mut c = c.with(ChangeKind::Worse);
                c.severity_before = Some(b.severity);
                changes.push(c);
                continue;
            }
            // Another interval of the same problem at a lower severity: still open.
            Some(_) => ChangeKind::StillOpen,
            None if store.ended_before(&c.fingerprint, from.id.max(c.first_run))? => ChangeKind::Returned,
            None => ChangeKind::New,
        };
        changes.push(c.with(kind));
    }
    changes.extend(only_before.into_values().map(|b| b.with(ChangeKind::Resolved)));
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
