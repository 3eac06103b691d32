//! The history of scheduled scans (`kensa scan`, `kensa diff`, `kensa history`): a store
//! of runs, findings and measurements, SQLite by default and PostgreSQL for a fleet.
//!
//! What a run saw is stored as *intervals*: a finding that stays open for fifty weekly runs
//! is one row from the run that first saw it until the run that no longer did
//! (`schema.rs`). A run becomes complete only in the transaction that writes what it saw,
//! so a scan killed midway leaves an incomplete run that changed nothing and that `diff`
//! never reads as "everything resolved". A target that could not be reached, or a file
//! that could not be read, is a gap of that run: it ends none of its findings.

pub mod backend;
pub mod changes;
pub mod cli;
pub mod observe;
pub mod render;
pub mod schema;

use backend::{Db, Location, ScanLock, V};
pub use changes::{Change, ChangeKind, Diff};
pub use observe::{Observed, ObservedFinding};
use rustc_hash::{FxHashMap, FxHashSet};

/// The store next to kensa.toml (or in the working directory) when `--db` is not given.
pub const DEFAULT_FILE: &str = ".kensa/history.db";

/// The site a scanner writes as when neither `--site` nor KENSA_SITE names one.
pub const DEFAULT_SITE: &str = "default";

/// An open store, for one site.
pub struct Store {
    db: Db,
    pub location: Location,
    pub site: String,
    /// Held while a scan writes: see [`ScanLock`].
    _lock: Option<ScanLock>,
}

/// One run as `kensa history` lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RunInfo {
    pub id: i64,
    pub started_at: i64,
    /// None: the scan never finished (killed, crashed, or still running).
    pub finished_at: Option<i64>,
    pub kensa_version: String,
    pub targets: i64,
    pub inputs: i64,
}

impl RunInfo {
    pub fn complete(&self) -> bool {
        self.finished_at.is_some()
    }

    fn from_row(r: &[V]) -> RunInfo {
        RunInfo {
            id: r[0].int().unwrap_or(0),
            started_at: r[1].int().unwrap_or(0),
            finished_at: r[2].int(),
            kensa_version: r[3].text(),
            targets: r[4].int().unwrap_or(0),
            inputs: r[5].int().unwrap_or(0),
        }
    }
}

const RUN_COLUMNS: &str = "id, started_at, finished_at, kensa_version, targets, inputs";

/// A certificate seen by some run, for the calendar.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CertEntry {
    pub subject: String,
    pub issuer: String,
    pub not_after: i64,
    pub key: String,
    pub signature: String,
    /// Whole days from now until it expires (negative: expired).
    pub days_left: i64,
    /// Targets that presented it.
    pub targets: Vec<String>,
    /// Still presented at the latest run that reached its targets.
    pub current: bool,
    pub first_run: i64,
    /// The first run that no longer saw it (None while it is presented).
    pub ended_run: Option<i64>,
}

/// What `history prune` removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Pruned {
    pub runs: u64,
    pub rows: u64,
}

impl Store {
    /// Opens a store to read (`diff`, `history`): never creates one.
    pub fn open_to_read(location: Location, site: &str) -> Result<Store, String> {
        let mut db = Db::open(&location, false)?;
        let v = schema::check_not_newer(&mut db, &location.shown())?;
        if v < schema::VERSION {
            if v == 0 {
                return Err(format!("{}: no runs stored yet (kensa scan records one)", location.shown()));
            }
            db.prepare_for_writing()?;
            schema::migrate(&mut db, &location.shown())?;
        }
        Ok(Store {
            db,
            location,
            site: site.to_string(),
            _lock: None,
        })
    }

    /// Opens (or creates) a store to write a scan or prune it: refuses a newer schema before
    /// writing anything, migrates an older one, and takes the scan lock.
    pub fn open_to_write(location: Location, site: &str) -> Result<Store, String> {
        let shown = location.shown();
        let mut db = Db::open(&location, true)?;
        schema::check_not_newer(&mut db, &shown)?;
        let lock = ScanLock::take(&mut db, &location, site)?;
        let Some(lock) = lock else {
            return Err(format!(
                "{shown}: another kensa scan or prune is writing to this store for site {site:?}; this one stops without changing it (try again when it has finished) / 別の kensa scan または prune がこのストア (サイト {site:?}) に書き込み中のため、変更せずに終了します"
            ));
        };
        db.prepare_for_writing()?;
        schema::migrate(&mut db, &shown)?;
        Ok(Store {
            db,
            location,
            site: site.to_string(),
            _lock: Some(lock),
        })
    }

    /// Records the start of a run. It stays incomplete until [`Store::record`] commits.
    pub fn start_run(&mut self, started_at: i64) -> Result<i64, String> {
        let rows = self.db.query(
            "INSERT INTO runs (site, started_at, kensa_version) VALUES (?, ?, ?) RETURNING id",
            &[self.site.as_str().into(), started_at.into(), env!("CARGO_PKG_VERSION").into()],
        )?;
        rows.first().and_then(|r| r[0].int()).ok_or_else(|| "the store returned no run id".to_string())
    }

    /// Writes what run `run` saw and marks it complete, in one transaction.
    pub fn record(&mut self, run: i64, seen: &Observed, finished_at: i64) -> Result<(), String> {
        self.db.begin()?;
        match self.record_in_transaction(run, seen, finished_at) {
            Ok(()) => self.db.commit(),
            Err(e) => {
                self.db.rollback();
                Err(e)
            }
        }
    }

    fn record_in_transaction(&mut self, run: i64, seen: &Observed, finished_at: i64) -> Result<(), String> {
        let site: V = self.site.as_str().into();
        let gap_scopes: FxHashSet<&str> = seen.gaps.iter().map(|(s, _)| s.as_str()).collect();
        let mut not_scanned: Vec<String> = Vec::new();

        // Findings: open intervals by fingerprint.
        let open = self.db.query(
            "SELECT id, fingerprint, severity, waived, location, scope FROM findings WHERE site = ? AND ended_run IS NULL",
            std::slice::from_ref(&site),
        )?;
        let mut by_fp: FxHashMap<String, (i64, i64, i64, String, String, bool)> = FxHashMap::default();
        for r in open {
            by_fp.insert(
                r[1].text(),
                (
                    r[0].int().unwrap_or(0),
                    r[2].int().unwrap_or(0),
                    r[3].int().unwrap_or(0),
                    r[4].text(),
                    r[5].text(),
                    false,
                ),
            );
        }
        for f in seen.unique_findings() {
            match by_fp.get_mut(&f.fingerprint) {
                Some(row) if row.1 == f.severity => {
                    row.5 = true;
                    if row.2 != i64::from(f.waived) || row.3 != f.location {
                        self.db.execute(
                            "UPDATE findings SET waived = ?, location = ?, evidence = ? WHERE id = ?",
                            &[i64::from(f.waived).into(), f.location.as_str().into(), f.evidence.as_str().into(), row.0.into()],
                        )?;
                    }
                }
                Some(row) => {
                    // Same problem, another severity: a new interval, so `diff` sees it get worse.
                    row.5 = true;
                    self.db.execute("UPDATE findings SET ended_run = ? WHERE id = ?", &[run.into(), row.0.into()])?;
                    self.insert_finding(run, f)?;
                }
                None => self.insert_finding(run, f)?,
            }
        }
        for (_, (id, _, _, _, scope, kept)) in by_fp.iter() {
            if *kept {
                continue;
            }
            if seen.judged.contains(scope.as_str()) {
                self.db.execute("UPDATE findings SET ended_run = ? WHERE id = ?", &[run.into(), (*id).into()])?;
            } else if !gap_scopes.contains(scope.as_str()) {
                not_scanned.push(scope.clone());
            }
        }

        // Measurements: open intervals by (scope, kind, value).
        let open = self.db.query(
            "SELECT id, scope, kind, value FROM measurements WHERE site = ? AND ended_run IS NULL",
            std::slice::from_ref(&site),
        )?;
        let mut by_key: FxHashMap<(String, String, String), (i64, bool)> = FxHashMap::default();
        for r in open {
            by_key.insert((r[1].text(), r[2].text(), r[3].text()), (r[0].int().unwrap_or(0), false));
        }
        for m in &seen.measurements {
            match by_key.get_mut(m) {
                Some(row) => row.1 = true,
                None => {
                    self.db.execute(
                        "INSERT INTO measurements (site, scope, kind, value, first_run) VALUES (?, ?, ?, ?, ?)",
                        &[site.clone(), m.0.as_str().into(), m.1.as_str().into(), m.2.as_str().into(), run.into()],
                    )?;
                    by_key.insert(m.clone(), (0, true));
                }
            }
        }
        for ((scope, _, _), (id, kept)) in &by_key {
            if !kept && seen.judged.contains(scope.as_str()) {
                self.db
                    .execute("UPDATE measurements SET ended_run = ? WHERE id = ?", &[run.into(), (*id).into()])?;
            }
        }

        not_scanned.sort();
        not_scanned.dedup();
        let gaps = seen
            .gaps
            .iter()
            .map(|(s, r)| (s.as_str(), r.as_str()))
            .chain(not_scanned.iter().map(|s| (s.as_str(), "not_scanned")));
        for (scope, reason) in gaps {
            self.db.execute(
                "INSERT INTO gaps (run_id, scope, reason) VALUES (?, ?, ?)",
                &[run.into(), scope.into(), reason.into()],
            )?;
        }
        self.db.execute(
            "UPDATE runs SET finished_at = ?, targets = ?, inputs = ? WHERE id = ?",
            &[finished_at.into(), (seen.targets as i64).into(), (seen.inputs as i64).into(), run.into()],
        )?;
        Ok(())
    }

    fn insert_finding(&mut self, run: i64, f: &ObservedFinding) -> Result<(), String> {
        self.db.execute(
            "INSERT INTO findings (site, fingerprint, scope, rule, severity, waived, subject, message_en, message_ja, location, evidence, first_run)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            &[
                self.site.as_str().into(),
                f.fingerprint.as_str().into(),
                f.scope.as_str().into(),
                f.rule.as_str().into(),
                f.severity.into(),
                i64::from(f.waived).into(),
                f.subject.as_str().into(),
                f.message_en.as_str().into(),
                f.message_ja.as_str().into(),
                f.location.as_str().into(),
                f.evidence.as_str().into(),
                run.into(),
            ],
        )?;
        Ok(())
    }

    /// Every run of the site, oldest first.
    pub fn runs(&mut self) -> Result<Vec<RunInfo>, String> {
        let rows = self.db.query(
            &format!("SELECT {RUN_COLUMNS} FROM runs WHERE site = ? ORDER BY id"),
            &[self.site.as_str().into()],
        )?;
        Ok(rows.iter().map(|r| RunInfo::from_row(r)).collect())
    }

    /// Findings open at some run from `from` to `to` (complete runs only have any), each
    /// with the run that ended it: one read serves both ends of a diff.
    pub fn open_between(&mut self, from: i64, to: i64) -> Result<Vec<(Change, Option<i64>)>, String> {
        let rows = self.db.query(
            &format!(
                "SELECT {}, ended_run FROM findings WHERE site = ? AND first_run <= ? AND (ended_run IS NULL OR ended_run > ?)",
                changes::FINDING_COLUMNS
            ),
            &[self.site.as_str().into(), to.into(), from.into()],
        )?;
        Ok(rows
            .into_iter()
            .map(|mut r| {
                let ended = r[11].int();
                (Change::from_row(&mut r), ended)
            })
            .collect())
    }

    /// The scopes a run could not judge, with why (`unreachable`, `unreadable`, `not_scanned`).
    pub fn gaps(&mut self, run: i64) -> Result<Vec<(String, String)>, String> {
        let rows = self.db.query("SELECT scope, reason FROM gaps WHERE run_id = ? ORDER BY scope", &[run.into()])?;
        Ok(rows.iter().map(|r| (r[0].text(), r[1].text())).collect())
    }

    /// Did an interval of this fingerprint end at or before `run` (the finding was resolved
    /// once and is back)?
    pub fn ended_before(&mut self, fingerprint: &str, run: i64) -> Result<bool, String> {
        let n = self.db.query_int(
            "SELECT COUNT(*) FROM findings WHERE site = ? AND fingerprint = ? AND ended_run IS NOT NULL AND ended_run <= ?",
            &[self.site.as_str().into(), fingerprint.into(), run.into()],
        )?;
        Ok(n.unwrap_or(0) > 0)
    }

    /// The certificate calendar: every certificate any run saw, soonest expiry first.
    pub fn certificates(&mut self, now: i64) -> Result<Vec<CertEntry>, String> {
        let rows = self.db.query(
            "SELECT scope, value, first_run, ended_run FROM measurements WHERE site = ? AND kind = 'certificate' ORDER BY id",
            &[self.site.as_str().into()],
        )?;
        let mut by_value: Vec<(String, CertEntry)> = Vec::new();
        for r in rows {
            let value = r[1].text();
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&value) else { continue };
            let (first, ended, scope) = (r[2].int().unwrap_or(0), r[3].int(), r[0].text());
            let entry = match by_value.iter_mut().find(|(k, _)| *k == value) {
                Some((_, e)) => e,
                None => {
                    let not_after = v["not_after"].as_i64().unwrap_or(0);
                    by_value.push((
                        value.clone(),
                        CertEntry {
                            subject: v["subject"].as_str().unwrap_or("").into(),
                            issuer: v["issuer"].as_str().unwrap_or("").into(),
                            not_after,
                            key: v["key"].as_str().unwrap_or("").into(),
                            signature: v["signature"].as_str().unwrap_or("").into(),
                            days_left: (not_after - now).div_euclid(86400),
                            targets: Vec::new(),
                            current: false,
                            first_run: first,
                            ended_run: ended,
                        },
                    ));
                    &mut by_value.last_mut().expect("just pushed").1
                }
            };
            if !entry.targets.contains(&scope) {
                entry.targets.push(scope);
            }
            entry.first_run = entry.first_run.min(first);
            entry.current |= ended.is_none();
            entry.ended_run = match (entry.ended_run, ended) {
                (None, _) | (_, None) => None,
                (Some(a), Some(b)) => Some(a.max(b)),
            };
        }
        let mut out: Vec<CertEntry> = by_value.into_iter().map(|(_, e)| e).collect();
        for e in &mut out {
            e.targets.sort();
        }
        out.sort_by(|a, b| a.not_after.cmp(&b.not_after).then_with(|| a.subject.cmp(&b.subject)));
        Ok(out)
    }

    /// Keeps the newest `keep` complete runs (and runs newer than them) and, with
    /// `before`, only runs started at or after that time; removes older runs, their gaps,
    /// and the intervals that ended before the oldest run kept.
    pub fn prune(&mut self, keep: Option<usize>, before: Option<i64>) -> Result<Pruned, String> {
        let runs = self.runs()?;
        let complete: Vec<&RunInfo> = runs.iter().filter(|r| r.complete()).collect();
        let mut oldest_kept = runs.first().map_or(0, |r| r.id);
        if let Some(k) = keep {
            let k = k.max(1);
            if complete.len() > k {
                oldest_kept = oldest_kept.max(complete[complete.len() - k].id);
            }
        }
        if let Some(t) = before {
            // Never prune the newest complete run: the next scan compares against it.
            let newest = complete.last().map_or(i64::MAX, |r| r.id);
            let first_recent = runs.iter().find(|r| r.started_at >= t).map_or(i64::MAX, |r| r.id);
            oldest_kept = oldest_kept.max(first_recent.min(newest));
        }
        let site: V = self.site.as_str().into();
        self.db.begin()?;
        let result = (|| -> Result<Pruned, String> {
            let mut rows = 0;
            rows += self.db.execute(
                "DELETE FROM findings WHERE site = ? AND ended_run IS NOT NULL AND ended_run <= ?",
                &[site.clone(), oldest_kept.into()],
            )?;
            rows += self.db.execute(
                "DELETE FROM measurements WHERE site = ? AND ended_run IS NOT NULL AND ended_run <= ?",
                &[site.clone(), oldest_kept.into()],
            )?;
            rows += self.db.execute(
                "DELETE FROM gaps WHERE run_id IN (SELECT id FROM runs WHERE site = ? AND id < ?)",
                &[site.clone(), oldest_kept.into()],
            )?;
            let n = self
                .db
                .execute("DELETE FROM runs WHERE site = ? AND id < ?", &[site.clone(), oldest_kept.into()])?;
            Ok(Pruned { runs: n, rows })
        })();
        match result {
            Ok(p) => {
                self.db.commit()?;
                Ok(p)
            }
            Err(e) => {
                self.db.rollback();
                Err(e)
            }
        }
    }

    /// Two complete runs: by id, by date (`YYYY-MM-DD`: the last complete run started that
    /// day or before), or by default the last two.
    pub fn pick_runs(&mut self, from: Option<&str>, to: Option<&str>) -> Result<(RunInfo, RunInfo), String> {
        let runs = self.runs()?;
        let complete: Vec<RunInfo> = runs.into_iter().filter(RunInfo::complete).collect();
        let find = |spec: &str| -> Result<RunInfo, String> {
            if let Ok(id) = spec.parse::<i64>() {
                return complete
                    .iter()
                    .find(|r| r.id == id)
                    .cloned()
                    .ok_or_else(|| format!("no complete run {id} for site {:?} (kensa history lists them)", self.site));
            }
            let day = crate::rules::waiver::parse_date(spec).ok_or_else(|| format!("{spec:?}: neither a run id nor a date YYYY-MM-DD"))?;
            complete
                .iter()
                .rev()
                .find(|r| r.started_at.div_euclid(86400) <= day)
                .cloned()
                .ok_or_else(|| format!("no complete run on or before {spec} for site {:?}", self.site))
        };
        match (from, to) {
            (Some(a), Some(b)) => Ok((find(a)?, find(b)?)),
            (Some(a), None) => {
                let last = complete.last().cloned().ok_or_else(|| "no complete run stored".to_string())?;
                Ok((find(a)?, last))
            }
            _ => match complete.as_slice() {
                [.., a, b] => Ok((a.clone(), b.clone())),
                _ => Err(format!(
                    "kensa diff needs two complete runs for site {:?}; the store has {}",
                    self.site,
                    complete.len()
                )),
            },
        }
    }

    /// The changes between two runs (see [`changes`]).
    pub fn diff(&mut self, from: &RunInfo, to: &RunInfo) -> Result<Diff, String> {
        changes::between(self, from, to)
    }

    /// The last complete run before `run`, if any (what a scan compares itself with).
    pub fn previous_complete(&mut self, run: i64) -> Result<Option<RunInfo>, String> {
        let rows = self.db.query(
            &format!("SELECT {RUN_COLUMNS} FROM runs WHERE site = ? AND id < ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1"),
            &[self.site.as_str().into(), run.into()],
        )?;
        Ok(rows.first().map(|r| RunInfo::from_row(r)))
    }

    pub fn run(&mut self, id: i64) -> Result<RunInfo, String> {
        let rows = self.db.query(&format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = ?"), &[id.into()])?;
        rows.first().map(|r| RunInfo::from_row(r)).ok_or_else(|| format!("no run {id}"))
    }

    /// Open findings per run, for `kensa history`.
    pub fn open_count(&mut self, run: i64) -> Result<i64, String> {
        Ok(self
            .db
            .query_int(
                "SELECT COUNT(*) FROM findings WHERE site = ? AND first_run <= ? AND (ended_run IS NULL OR ended_run > ?)",
                &[self.site.as_str().into(), run.into(), run.into()],
            )?
            .unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: i64) -> ObservedFinding {
        ObservedFinding {
            fingerprint: "f1".into(),
            scope: "target:127.0.0.1:8443".into(),
            rule: "TLS002".into(),
            severity,
            waived: false,
            subject: "127.0.0.1:8443".into(),
            message_en: "enables TLS 1.2".into(),
            message_ja: "TLS 1.2 が有効です".into(),
            location: "127.0.0.1:8443".into(),
            evidence: "ServerHello for TLS1.2".into(),
        }
    }

    fn seen(findings: Vec<ObservedFinding>) -> Observed {
        let mut o = Observed {
            findings,
            targets: 1,
            ..Default::default()
        };
        o.judged.insert("target:127.0.0.1:8443".into());
        o
    }

    fn kinds(d: &Diff) -> Vec<ChangeKind> {
        d.changes.iter().map(|c| c.change).collect()
    }

    /// Worse, resolved, came back, and a day's date picking a run, on a SQLite store.
    #[test]
    fn a_finding_that_gets_worse_is_resolved_and_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_to_write(Location::Sqlite(dir.path().join("h.db")), "s").unwrap();
        let day = 86400;
        let mut runs = Vec::new();
        for (i, obs) in [seen(vec![finding(2)]), seen(vec![finding(3)]), seen(vec![]), seen(vec![finding(3)])]
            .iter()
            .enumerate()
        {
            let id = store.start_run(i as i64 * 7 * day).unwrap();
            store.record(id, obs, i as i64 * 7 * day + 60).unwrap();
            runs.push(store.run(id).unwrap());
        }
        let d = store.diff(&runs[0], &runs[1]).unwrap();
        assert_eq!(kinds(&d), [ChangeKind::Worse]);
        assert_eq!(d.changes[0].severity_before, Some("warning"));
        assert_eq!(kinds(&store.diff(&runs[1], &runs[2]).unwrap()), [ChangeKind::Resolved]);
        assert_eq!(kinds(&store.diff(&runs[2], &runs[3]).unwrap()), [ChangeKind::Returned]);
        // Two intervals at error severity and one at warning, not a row per run.
        assert_eq!(store.db.query_int("SELECT COUNT(*) FROM findings", &[]).unwrap(), Some(3));
        // 1970-01-08 is the day of the second run.
        let (a, b) = store.pick_runs(Some("1970-01-08"), None).unwrap();
        assert_eq!((a.id, b.id), (runs[1].id, runs[3].id));
    }

    /// An unreachable target's finding stays open through the gap; an incomplete run is
    /// never picked for a diff.
    #[test]
    fn gaps_end_nothing_and_incomplete_runs_are_not_compared() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_to_write(Location::Sqlite(dir.path().join("h.db")), "s").unwrap();
        let first = store.start_run(0).unwrap();
        store.record(first, &seen(vec![finding(3)]), 1).unwrap();
        let down = Observed {
            gaps: vec![("target:127.0.0.1:8443".into(), "unreachable".into())],
            ..Default::default()
        };
        let second = store.start_run(2).unwrap();
        store.record(second, &down, 3).unwrap();
        let _killed = store.start_run(4).unwrap();
        let (a, b) = store.pick_runs(None, None).unwrap();
        assert_eq!((a.id, b.id), (first, second));
        let d = store.diff(&a, &b).unwrap();
        assert_eq!(kinds(&d), [ChangeKind::NotChecked]);
        assert_eq!(d.gaps, [("target:127.0.0.1:8443".to_string(), "unreachable".to_string())]);
        assert_eq!(store.open_count(second).unwrap(), 1);
    }
}
