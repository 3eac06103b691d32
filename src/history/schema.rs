//! The store's schema, one numbered migration at a time, the same for SQLite and
//! PostgreSQL (only the type of a generated key differs, written `{id}` below).
//!
//! A finding or a measurement is stored once per stretch of runs in which it stays the
//! same: `first_run` is the run that first saw it, `ended_run` the first complete run that
//! judged its target or file and no longer saw it (NULL while it lasts). A finding open for
//! a year is one row, so the store grows with change, not with time.
//! Runs whose target was unreachable (or whose file could not be read) are noted in
//! `gaps`; they end nothing.

use super::backend::{Db, V};

/// The schema this kensa writes. A store at a higher version was made by a newer kensa and
/// is refused untouched.
pub const VERSION: i64 = 1;

/// Migration N brings a store from version N-1 to N.
const MIGRATIONS: &[&str] = &[
    // 1: runs, finding and measurement intervals, gaps.
    "CREATE TABLE runs (
        id {id},
        site TEXT NOT NULL,
        started_at BIGINT NOT NULL,
        finished_at BIGINT,
        kensa_version TEXT NOT NULL,
        targets BIGINT NOT NULL DEFAULT 0,
        inputs BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX runs_site ON runs (site, id);
    CREATE TABLE findings (
        id {id},
        site TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        scope TEXT NOT NULL,
        rule TEXT NOT NULL,
        severity BIGINT NOT NULL,
        waived BIGINT NOT NULL DEFAULT 0,
        subject TEXT NOT NULL,
        message_en TEXT NOT NULL,
        message_ja TEXT NOT NULL,
        location TEXT NOT NULL,
        evidence TEXT NOT NULL,
        first_run BIGINT NOT NULL,
        ended_run BIGINT
    );
    CREATE INDEX findings_open ON findings (site, ended_run);
    CREATE INDEX findings_fingerprint ON findings (site, fingerprint);
    CREATE TABLE measurements (
        id {id},
        site TEXT NOT NULL,
        scope TEXT NOT NULL,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        first_run BIGINT NOT NULL,
        ended_run BIGINT
    );
    CREATE INDEX measurements_open ON measurements (site, ended_run);
    CREATE INDEX measurements_kind ON measurements (site, kind);
    CREATE TABLE gaps (
        run_id BIGINT NOT NULL,
        scope TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX gaps_run ON gaps (run_id);",
];

/// The store's version: 0 for an empty store (no `schema_version` table yet).
pub fn current(db: &mut Db) -> Result<i64, String> {
    let exists = if db.is_postgres() {
        db.query_int(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_version' AND table_schema = current_schema()",
            &[],
        )?
    } else {
        db.query_int("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", &[])?
    };
    if exists.unwrap_or(0) == 0 {
        return Ok(0);
    }
    Ok(db.query_int("SELECT MAX(version) FROM schema_version", &[])?.unwrap_or(0))
}

/// Refuses a store from a newer kensa, before anything is written to it.
pub fn check_not_newer(db: &mut Db, shown: &str) -> Result<i64, String> {
    let v = current(db)?;
    if v > VERSION {
        return Err(format!(
            "{shown}: this history store has schema version {v}, written by a newer kensa; this kensa knows up to version {VERSION} and leaves the store unchanged (use the newer kensa) / この履歴ストアは新しい kensa が書いたもの (スキーマ {v}) です。この kensa は {VERSION} までしか扱えないため、変更せずに終了します"
        ));
    }
    Ok(v)
}

/// Brings the store to [`VERSION`], each step in its own transaction.
pub fn migrate(db: &mut Db, shown: &str) -> Result<(), String> {
    let id = if db.is_postgres() { "BIGSERIAL PRIMARY KEY" } else { "INTEGER PRIMARY KEY" };
    db.begin()?;
    let result = (|| {
        db.batch("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL, applied_at BIGINT NOT NULL)")?;
        // Read again inside the transaction: another kensa may have migrated meanwhile.
        let mut v = check_not_newer(db, shown)?;
        while v < VERSION {
            db.batch(&MIGRATIONS[v as usize].replace("{id}", id))?;
            v += 1;
            db.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                &[V::from(v), V::from(crate::now())],
            )?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => db.commit(),
        Err(e) => {
            db.rollback();
            Err(e)
        }
    }
}
