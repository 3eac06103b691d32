//! The two databases behind one small interface: SQLite (a file in the project, the
//! library bundled into kensa) and PostgreSQL (a fleet's central store). The history code
//! above writes each statement once, with `?` placeholders and the types both databases
//! share (BIGINT, TEXT); this layer numbers the placeholders for PostgreSQL and converts
//! values, so the schema, its migrations and every query are the same for both.

use std::path::{Path, PathBuf};

/// A parameter or column value: the two types the schema uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum V {
    Int(Option<i64>),
    Text(Option<String>),
}

impl V {
    pub fn int(&self) -> Option<i64> {
        match self {
            V::Int(i) => *i,
            V::Text(t) => t.as_deref().and_then(|t| t.parse().ok()),
        }
    }

    /// The text, moved out (the row is read once).
    pub fn take_text(&mut self) -> String {
        match self {
            V::Text(t) => t.take().unwrap_or_default(),
            V::Int(_) => self.text(),
        }
    }

    pub fn text(&self) -> String {
        match self {
            V::Text(t) => t.clone().unwrap_or_default(),
            V::Int(i) => i.map(|i| i.to_string()).unwrap_or_default(),
        }
    }
}

impl From<i64> for V {
    fn from(i: i64) -> V {
        V::Int(Some(i))
    }
}

impl From<Option<i64>> for V {
    fn from(i: Option<i64>) -> V {
        V::Int(i)
    }
}

impl From<&str> for V {
    fn from(s: &str) -> V {
        V::Text(Some(s.to_string()))
    }
}

impl From<String> for V {
    fn from(s: String) -> V {
        V::Text(Some(s))
    }
}

impl From<Option<String>> for V {
    fn from(s: Option<String>) -> V {
        V::Text(s)
    }
}

pub type Row = Vec<V>;

/// Where the store is: a SQLite file or a PostgreSQL URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    /// `postgres://...` or `postgresql://...` is a PostgreSQL server; anything else a file.
    pub fn parse(spec: &str) -> Location {
        let lower = spec.get(..13).unwrap_or(spec).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            Location::Postgres(spec.to_string())
        } else {
            Location::Sqlite(PathBuf::from(spec))
        }
    }

    /// How the store is named in messages: the file, or the URL without its password.
    pub fn shown(&self) -> String {
        match self {
            Location::Sqlite(p) => p.display().to_string(),
            Location::Postgres(url) => without_password(url),
        }
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:****@host/db`: the URL may come from
/// a Kubernetes Secret and must not reach a log.
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let auth_end = rest.find('/').unwrap_or(rest.len());
    match rest[..auth_end].rfind('@') {
        Some(at) => {
            let userinfo = &rest[..at];
            let user = userinfo.split_once(':').map_or(userinfo, |(u, _)| u);
            let masked = if userinfo.contains(':') { format!("{user}:****") } else { user.to_string() };
            format!("{scheme}://{masked}{}", &rest[at..])
        }
        None => url.to_string(),
    }
}

pub enum Db {
    Sqlite(rusqlite::Connection),
    Postgres(Box<postgres::Client>),
}

/// How long a SQLite writer waits for another one's transaction before giving up.
const BUSY_TIMEOUT_MS: u64 = 10_000;

impl Db {
    /// Opens the store without changing it (no pragma that writes, no table made): the
    /// schema version is read before anything is written, so a newer store is left alone.
    pub fn open(loc: &Location, create: bool) -> Result<Db, String> {
        match loc {
            Location::Sqlite(path) => {
                if !create && !path.is_file() {
                    return Err(format!("{}: no history store here (kensa scan makes one)", path.display()));
                }
                if create {
                    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                    }
                }
                let c = rusqlite::Connection::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
                c.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(Db::Sqlite(c))
            }
            Location::Postgres(url) => {
                let c = postgres::Client::connect(url, postgres::NoTls).map_err(|e| format!("{}: {e}", without_password(url)))?;
                Ok(Db::Postgres(Box::new(c)))
            }
        }
    }

    /// Settings for writing: SQLite's write-ahead log lets `kensa diff` read while a scan
    /// writes. Called only once the schema is known to be this kensa's or older.
    pub fn prepare_for_writing(&mut self) -> Result<(), String> {
        match self {
            Db::Sqlite(c) => c.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(())).map_err(|e| e.to_string()),
            Db::Postgres(_) => Ok(()),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Db::Postgres(_))
    }

    /// Several statements without parameters (migrations).
    pub fn batch(&mut self, sql: &str) -> Result<(), String> {
        match self {
            Db::Sqlite(c) => c.execute_batch(sql).map_err(|e| e.to_string()),
            Db::Postgres(c) => c.batch_execute(sql).map_err(|e| e.to_string()),
        }
    }

    /// Starts a transaction that writes (SQLite takes its write lock now, not at the first
    /// write, so two writers wait for each other instead of failing midway).
    pub fn begin(&mut self) -> Result<(), String> {
        self.batch(if self.is_postgres() { "BEGIN" } else { "BEGIN IMMEDIATE" })
    }

    pub fn commit(&mut self) -> Result<(), String> {
        self.batch("COMMIT")
    }

    pub fn rollback(&mut self) {
        let _ = self.batch("ROLLBACK");
    }

    pub fn execute(&mut self, sql: &str, params: &[V]) -> Result<u64, String> {
        match self {
            Db::Sqlite(c) => {
                let mut st = c.prepare_cached(sql).map_err(|e| format!("{e} in {sql}"))?;
                st.execute(rusqlite::params_from_iter(params.iter().map(sqlite_value)))
                    .map(|n| n as u64)
                    .map_err(|e| format!("{e} in {sql}"))
            }
            Db::Postgres(c) => {
                let sql = numbered(sql);
                let boxed = pg_params(params);
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = boxed.iter().map(|b| &**b as _).collect();
                c.execute(sql.as_str(), &refs).map_err(|e| pg_error(&e, &sql))
            }
        }
    }

    pub fn query(&mut self, sql: &str, params: &[V]) -> Result<Vec<Row>, String> {
        match self {
            Db::Sqlite(c) => {
                let mut st = c.prepare_cached(sql).map_err(|e| format!("{e} in {sql}"))?;
                let n = st.column_count();
                let rows = st
                    .query_map(rusqlite::params_from_iter(params.iter().map(sqlite_value)), |r| {
                        (0..n)
                            .map(|i| {
                                Ok(match r.get_ref(i)? {
                                    rusqlite::types::ValueRef::Integer(v) => V::Int(Some(v)),
                                    rusqlite::types::ValueRef::Null => V::Int(None),
                                    rusqlite::types::ValueRef::Real(f) => V::Int(Some(f as i64)),
                                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                                        V::Text(Some(String::from_utf8_lossy(t).into_owned()))
                                    }
                                })
                            })
                            .collect::<Result<Row, rusqlite::Error>>()
                    })
                    .map_err(|e| format!("{e} in {sql}"))?;
                rows.collect::<Result<Vec<_>, _>>().map_err(|e| format!("{e} in {sql}"))
            }
            Db::Postgres(c) => {
                let sql = numbered(sql);
                let boxed = pg_params(params);
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = boxed.iter().map(|b| &**b as _).collect();
                let rows = c.query(sql.as_str(), &refs).map_err(|e| pg_error(&e, &sql))?;
                rows.iter().map(pg_row).collect()
            }
        }
    }

    /// The first column of the first row, as a number.
    pub fn query_int(&mut self, sql: &str, params: &[V]) -> Result<Option<i64>, String> {
        Ok(self.query(sql, params)?.first().and_then(|r| r.first()).and_then(V::int))
    }
}

fn sqlite_value(v: &V) -> rusqlite::types::Value {
    match v {
        V::Int(Some(i)) => rusqlite::types::Value::Integer(*i),
        V::Text(Some(t)) => rusqlite::types::Value::Text(t.clone()),
        V::Int(None) | V::Text(None) => rusqlite::types::Value::Null,
    }
}

fn pg_params(params: &[V]) -> Vec<Box<dyn postgres::types::ToSql + Sync>> {
    params
        .iter()
        .map(|v| -> Box<dyn postgres::types::ToSql + Sync> {
            match v {
                V::Int(i) => Box::new(*i),
                V::Text(t) => Box::new(t.clone()),
            }
        })
        .collect()
}

fn pg_row(r: &postgres::Row) -> Result<Row, String> {
    use postgres::types::Type;
    (0..r.len())
        .map(|i| {
            let t = r.columns()[i].type_();
            let v = if *t == Type::INT8 {
                V::Int(r.try_get::<_, Option<i64>>(i).map_err(|e| e.to_string())?)
            } else if *t == Type::INT4 {
                V::Int(r.try_get::<_, Option<i32>>(i).map_err(|e| e.to_string())?.map(i64::from))
            } else if *t == Type::BOOL {
                V::Int(r.try_get::<_, Option<bool>>(i).map_err(|e| e.to_string())?.map(i64::from))
            } else {
                V::Text(r.try_get::<_, Option<String>>(i).map_err(|e| e.to_string())?)
            };
            Ok(v)
        })
        .collect()
}

fn pg_error(e: &postgres::Error, sql: &str) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} in {sql}", db.message()),
        None => format!("{e} in {sql}"),
    }
}

/// `?` placeholders numbered for PostgreSQL: `a = ? AND b = ?` → `a = $1 AND b = $2`. The
/// statements kensa writes have no `?` inside string literals.
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

/// One scan at a time per store and site: a second one stops with a clear message instead
/// of interleaving its run with the first. SQLite: an advisory lock on a file beside the
/// database; PostgreSQL: a session advisory lock. Both end with the process, even on
/// `kill -9`, so a killed scan never blocks the next one.
pub enum ScanLock {
    #[cfg(unix)]
    File(std::fs::File),
    Session,
    #[cfg(not(unix))]
    None,
}

impl ScanLock {
    pub fn take(db: &mut Db, loc: &Location, site: &str) -> Result<Option<ScanLock>, String> {
        match loc {
            Location::Sqlite(path) => file_lock(&lock_path(path)),
            Location::Postgres(_) => {
                let got = db.query_int(
                    "SELECT CASE WHEN pg_try_advisory_lock(hashtext(?)) THEN 1 ELSE 0 END",
                    &[format!("kensa scan {site}").into()],
                )?;
                Ok((got == Some(1)).then_some(ScanLock::Session))
            }
        }
    }
}

/// `history.db` → `history.db.lock`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    db.with_file_name(name)
}

#[cfg(unix)]
fn file_lock(path: &Path) -> Result<Option<ScanLock>, String> {
    use std::os::fd::AsRawFd;
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    // SAFETY: flock on a descriptor this function owns; no memory is passed.
    let r = unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    Ok((r == 0).then_some(ScanLock::File(f)))
}

#[cfg(not(unix))]
fn file_lock(_path: &Path) -> Result<Option<ScanLock>, String> {
    Ok(Some(ScanLock::None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgres() {
        assert_eq!(numbered("SELECT a FROM t WHERE b = ? AND c > ?"), "SELECT a FROM t WHERE b = $1 AND c > $2");
    }

    #[test]
    fn urls_are_shown_without_their_password() {
        assert_eq!(
            without_password("postgres://kensa:s3cret@db.example/kensa"),
            "postgres://kensa:****@db.example/kensa"
        );
        assert_eq!(without_password("postgresql://kensa@db/k"), "postgresql://kensa@db/k");
        assert_eq!(Location::parse("POSTGRES://x/y"), Location::Postgres("POSTGRES://x/y".into()));
        assert_eq!(Location::parse("h.db"), Location::Sqlite("h.db".into()));
    }
}
