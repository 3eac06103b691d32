//! Vulnerabilities known to be exploited: the table kensa ships
//! (`rules/advisories/known-exploited.toml`, with affected versions), the copy of CISA's KEV
//! catalogue that `kensa advisories update` keeps in the user's data directory, and which
//! of them a run uses. `lint` only reads files here; only `update` touches the network.

pub mod kev;
pub mod table;
pub mod update;

use crate::i18n::Lang;
use kev::{KevEntry, StoredFeed};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
pub use table::{in_range, range_text, Advisory, Bound, Version};

/// The file the downloaded KEV copy is kept in, inside the data directory.
pub const FEED_FILE: &str = "kev.json";

/// A stored copy larger than this is not read (the whole catalogue was 1.3 MB in 2025;
/// the kept part is a small fraction of it).
const MAX_FEED_BYTES: u64 = 64 << 20;

/// The advisories one run judges firmware with.
#[derive(Debug, Clone)]
pub struct AdvisoryTable {
    /// When the shipped rows were last checked (YYYY-MM-DD).
    pub checked: String,
    /// The KEV catalogue version the shipped table was compared with (YYYY-MM-DD).
    pub kev_reviewed: String,
    /// Rows with affected versions (NET001).
    pub rows: Vec<Advisory>,
    /// KEV entries listed after `kev_reviewed` that no row covers: known exploited, versions
    /// unknown to kensa (NET005, information only).
    pub kev_only: Vec<KevEntry>,
    /// The downloaded KEV copy in use, if any.
    pub feed: Option<FeedInfo>,
}

/// Where the KEV part of a table came from.
#[derive(Debug, Clone)]
pub struct FeedInfo {
    pub catalog_version: String,
    /// CISA's release day of that catalogue version (YYYY-MM-DD).
    pub released: String,
    /// When kensa downloaded it (RFC 3339).
    pub downloaded: String,
}

impl AdvisoryTable {
    /// The table kensa ships. Panics only if the shipped TOML is malformed (unit tests
    /// parse it).
    pub fn bundled() -> Arc<AdvisoryTable> {
        static T: OnceLock<Arc<AdvisoryTable>> = OnceLock::new();
        T.get_or_init(|| {
            let b = table::parse(table::TABLE).unwrap_or_else(|e| panic!("{e}"));
            Arc::new(AdvisoryTable {
                checked: b.checked,
                kev_reviewed: b.kev_reviewed,
                rows: b.advisory,
                kev_only: Vec::new(),
                feed: None,
            })
        })
        .clone()
    }

    /// The newer of this table and a downloaded KEV copy: the copy is used when CISA
    /// released it after the table was compared with KEV; it then dates the rows CISA
    /// lists and adds the entries listed since, that no row covers. An older copy changes
    /// nothing (None).
    pub fn with_feed(&self, feed: &StoredFeed) -> Option<AdvisoryTable> {
        if feed.released_day() <= self.kev_reviewed.as_str() {
            return None;
        }
        let mut t = self.clone();
        for row in &mut t.rows {
            if row.kev_added.is_none() {
                row.kev_added = feed.entries.iter().find(|e| e.cve == row.cve).map(|e| e.date_added.clone());
            }
        }
        t.kev_only = feed
            .entries
            .iter()
            .filter(|e| e.date_added.as_str() > self.kev_reviewed.as_str())
            .filter(|e| !self.rows.iter().any(|r| r.cve == e.cve && r.product == e.product))
            .cloned()
            .collect();
        t.feed = Some(FeedInfo {
            catalog_version: feed.catalog_version.clone(),
            released: feed.released_day().to_string(),
            downloaded: feed.downloaded.clone(),
        });
        Some(t)
    }

    /// The date the run's knowledge of exploited vulnerabilities dates from: the KEV copy's
    /// release day, else the KEV version the shipped table was compared with.
    pub fn as_of(&self) -> &str {
        self.feed.as_ref().map_or(&self.kev_reviewed, |f| &f.released)
    }

    /// What the report names after "advisories:" (human, HTML).
    pub fn summary(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        match (&self.feed, ja) {
            (None, true) => format!("kensa 同梱の表 ({} 確認、CISA KEV {} 時点)", self.checked, self.kev_reviewed),
            (None, false) => format!("kensa's table (checked {}, CISA KEV as of {})", self.checked, self.kev_reviewed),
            (Some(f), true) => format!(
                "kensa 同梱の表 ({} 確認) と CISA KEV {} ({} 公開、{} 取得)",
                self.checked,
                f.catalog_version,
                f.released,
                day(&f.downloaded)
            ),
            (Some(f), false) => format!(
                "kensa's table (checked {}) and CISA KEV {} (released {}, downloaded {})",
                self.checked,
                f.catalog_version,
                f.released,
                day(&f.downloaded)
            ),
        }
    }

    /// The label before [`summary`](Self::summary).
    pub fn heading(lang: Lang) -> &'static str {
        if lang == Lang::Ja {
            "脆弱性情報"
        } else {
            "advisories"
        }
    }

    /// The JSON report's `advisories` member (docs/json.md).
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "date": self.as_of(),
            "table": {"source": table::TABLE_PATH, "checked": self.checked, "kev_reviewed": self.kev_reviewed},
            "kev": self.feed.as_ref().map(|f| serde_json::json!({
                "catalog_version": f.catalog_version,
                "released": f.released,
                "downloaded": f.downloaded,
            })),
        })
    }
}

/// The day of an RFC 3339 time.
fn day(t: &str) -> &str {
    t.get(..10).unwrap_or(t)
}

/// Where `kensa advisories update` keeps its copy: `given` (`--data-dir`), else
/// $KENSA_DATA_DIR, else the XDG data directory ($XDG_DATA_HOME/kensa, or
/// ~/.local/share/kensa), else %LOCALAPPDATA%\kensa on Windows.
pub fn data_dir(given: Option<&Path>) -> Option<PathBuf> {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(d) = given.map(Path::to_path_buf).or_else(|| env("KENSA_DATA_DIR")) {
        return Some(d);
    }
    if let Some(x) = env("XDG_DATA_HOME").filter(|p| p.is_absolute()) {
        return Some(x.join("kensa"));
    }
    if cfg!(windows) {
        if let Some(l) = env("LOCALAPPDATA") {
            return Some(l.join("kensa"));
        }
    }
    env("HOME").map(|h| h.join(".local/share/kensa"))
}

/// Why a stored KEV copy was not used (the run then uses the shipped table and says so).
#[derive(Debug)]
pub struct FeedProblem {
    pub path: PathBuf,
    pub reason: String,
}

impl FeedProblem {
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::Ja {
            format!(
                "{}: ダウンロード済みの CISA KEV を読めません ({})。kensa 同梱の表だけで判定します (kensa advisories update で取り直せます)",
                self.path.display(),
                self.reason
            )
        } else {
            format!(
                "{}: cannot use the downloaded CISA KEV copy ({}); judging with kensa's own table only (`kensa advisories update` fetches it again)",
                self.path.display(),
                self.reason
            )
        }
    }
}

/// Reads the stored KEV copy in `dir`: Ok(None) when there is none.
pub fn read_feed(dir: &Path) -> Result<Option<StoredFeed>, FeedProblem> {
    let path = dir.join(FEED_FILE);
    let problem = |reason: String| FeedProblem { path: path.clone(), reason };
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(problem(crate::source::io_reason(&e))),
    };
    if !meta.is_file() || meta.len() > MAX_FEED_BYTES {
        return Err(problem(format!("not a regular file of at most {MAX_FEED_BYTES} bytes")));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| problem(crate::source::io_reason(&e)))?;
    StoredFeed::parse(&text).map(Some).map_err(problem)
}

/// The table a run uses: the shipped one, or the newer combination with the KEV copy in
/// the data directory. A copy that cannot be read is reported, never silently skipped.
pub fn for_run(dir: Option<&Path>) -> (Arc<AdvisoryTable>, Option<FeedProblem>) {
    let bundled = AdvisoryTable::bundled();
    let Some(dir) = dir else { return (bundled, None) };
    match read_feed(dir) {
        Ok(Some(feed)) => match bundled.with_feed(&feed) {
            Some(t) => (Arc::new(t), None),
            None => (bundled, None),
        },
        Ok(None) => (bundled, None),
        Err(p) => (bundled, Some(p)),
    }
}

static IN_USE: OnceLock<Arc<AdvisoryTable>> = OnceLock::new();

/// Records the table this process judges with, so every report can name its date. Set
/// once, by the binary; later calls change nothing.
pub fn set_in_use(t: Arc<AdvisoryTable>) {
    let _ = IN_USE.set(t);
}

/// The table this process judges with ([`set_in_use`]), else the shipped one.
pub fn in_use() -> Arc<AdvisoryTable> {
    IN_USE.get().cloned().unwrap_or_else(AdvisoryTable::bundled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(catalog: &str) -> StoredFeed {
        let c = kev::parse_catalog(catalog.as_bytes()).unwrap();
        kev::keep(&c, "https://www.cisa.gov/", "2026-12-01T00:00:00Z")
    }

    const NEWER: &str = include_str!("../../tests/fixtures/kev/catalog-2026-11-20.json");
    const REVIEWED: &str = include_str!("../../tests/fixtures/kev/catalog-2025-08-25.json");

    #[test]
    fn a_copy_no_newer_than_the_review_changes_nothing() {
        assert!(AdvisoryTable::bundled().with_feed(&feed(REVIEWED)).is_none());
    }

    /// The newer copy adds only what CISA listed after the review and no row covers, and
    /// dates rows that had no KEV date.
    #[test]
    fn a_newer_copy_adds_only_later_uncovered_entries() {
        let mut base = (*AdvisoryTable::bundled()).clone();
        let row = base.rows.iter_mut().find(|r| r.cve == "CVE-2024-3400").unwrap();
        row.kev_added = None;
        let t = base.with_feed(&feed(NEWER)).unwrap();
        let only: Vec<(&str, &str)> = t.kev_only.iter().map(|e| (e.cve.as_str(), e.product.as_str())).collect();
        assert_eq!(only, [("CVE-2026-99901", "FortiOS"), ("CVE-2026-99902", "PAN-OS")]);
        let dated = t.rows.iter().find(|r| r.cve == "CVE-2024-3400").unwrap();
        assert_eq!(dated.kev_added.as_deref(), Some("2024-04-12"));
        assert_eq!(t.as_of(), "2026-11-20");
        assert_eq!(
            t.summary(Lang::En),
            "kensa's table (checked 2026-12-07) and CISA KEV 2026.11.20 (released 2026-11-20, downloaded 2026-12-01)"
        );
        assert_eq!(
            t.summary(Lang::Ja),
            "kensa 同梱の表 (2026-12-07 確認) と CISA KEV 2026.11.20 (2026-11-20 公開、2026-12-01 取得)"
        );
        assert_eq!(t.json()["kev"]["catalog_version"], "2026.11.20");
        assert_eq!(AdvisoryTable::bundled().json()["kev"], serde_json::Value::Null);
    }

    #[test]
    fn the_data_directory_follows_flag_then_environment() {
        assert_eq!(data_dir(Some(Path::new("/x"))), Some(PathBuf::from("/x")));
    }

    #[test]
    fn a_stored_copy_of_another_schema_or_damaged_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_feed(dir.path()).unwrap().is_none(), "no copy: nothing to say");
        let mut f = feed(NEWER);
        std::fs::write(dir.path().join(FEED_FILE), serde_json::to_string(&f).unwrap()).unwrap();
        assert_eq!(read_feed(dir.path()).unwrap().unwrap().catalog_version, "2026.11.20");
        f.schema = "kensa-kev/9".into();
        std::fs::write(dir.path().join(FEED_FILE), serde_json::to_string(&f).unwrap()).unwrap();
        let p = read_feed(dir.path()).unwrap_err();
        assert!(p.reason.contains("kensa-kev/9"), "{}", p.reason);
        assert!(p.message(Lang::Ja).contains("kensa 同梱の表だけで判定します"));
        let (t, problem) = for_run(Some(dir.path()));
        assert!(problem.is_some() && t.feed.is_none());
    }
}
