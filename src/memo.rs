//! Bounded per-thread memoisation for pure lookups that a fleet of configs repeats
//! (cipher-string expansion, certificate and DH file reads). Per thread, so rayon workers
//! never contend; bounded and cleared when full, so hostile input cannot grow it.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::path::Path;
use std::rc::Rc;
use std::thread::LocalKey;

/// A thread-local memo table: declare with `thread_local!` and pass to [`memo`].
/// FxHash (rustc-hash): keys are short strings and paths hashed on every lookup; the tables
/// are per thread and bounded, so hash flooding costs a few comparisons at most.
pub type Table<K, V> = RefCell<HashMap<K, V, rustc_hash::FxBuildHasher>>;

/// The cached value for `key`, or `load()` stored under it (the table is cleared first
/// when it holds `max` entries).
pub fn memo<K, Q, V>(table: &'static LocalKey<Table<K, V>>, key: &Q, max: usize, load: impl FnOnce() -> V) -> V
where
    K: Borrow<Q> + Eq + Hash,
    Q: ?Sized + Eq + Hash + ToOwned<Owned = K>,
    V: Clone,
{
    if let Some(hit) = cached(table, key) {
        return hit;
    }
    let value = load();
    store(table, key, max, value.clone());
    value
}

/// The value cached for `key`, if any.
pub fn cached<K, Q, V>(table: &'static LocalKey<Table<K, V>>, key: &Q) -> Option<V>
where
    K: Borrow<Q> + Eq + Hash,
    Q: ?Sized + Eq + Hash,
    V: Clone,
{
    table.with(|t| t.borrow().get(key).cloned())
}

/// Stores `value` under `key` (the table is cleared first when it holds `max` entries).
pub fn store<K, Q, V>(table: &'static LocalKey<Table<K, V>>, key: &Q, max: usize, value: V)
where
    K: Borrow<Q> + Eq + Hash,
    Q: ?Sized + Eq + Hash + ToOwned<Owned = K>,
{
    table.with(|t| {
        let mut t = t.borrow_mut();
        if t.len() >= max {
            t.clear();
        }
        t.insert(key.to_owned(), value);
    });
}

/// What a run knows about one directory.
#[derive(Clone)]
enum Dir {
    Missing,
    /// Exists; the names of its entries.
    Listed(Rc<HashSet<Box<[u8]>, rustc_hash::FxBuildHasher>>),
    /// Exists, but was not listed (too large, unreadable, or the listing budget is spent).
    Present,
}

/// Entries listed per directory, and in all on one thread between two clearings of the
/// table: larger directories are looked up file by file instead.
const MAX_LISTED: usize = 16_384;
const LISTED_BUDGET: usize = 65_536;
const MAX_DIRS: usize = 1024;

thread_local! {
    static DIRS: Table<Vec<u8>, Dir> = Default::default();
    static LISTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn dir_state(d: &Path) -> Dir {
    if DIRS.with(|t| t.borrow().len()) >= MAX_DIRS {
        LISTED.with(|n| n.set(0)); // `memo` is about to clear the table
    }
    memo(&DIRS, d.as_os_str().as_encoded_bytes(), MAX_DIRS, || {
        let Ok(entries) = std::fs::read_dir(d) else {
            return if d.is_dir() { Dir::Present } else { Dir::Missing };
        };
        let budget = LISTED_BUDGET.saturating_sub(LISTED.with(std::cell::Cell::get)).min(MAX_LISTED);
        let mut names = HashSet::default();
        for e in entries {
            match e {
                Ok(e) if names.len() < budget => names.insert(e.file_name().as_encoded_bytes().into()),
                _ => return Dir::Present,
            };
        }
        LISTED.with(|n| n.set(n.get() + names.len()));
        Dir::Listed(Rc::new(names))
    })
}

/// False when `p` certainly does not exist: its directory is missing, or was listed
/// without it. Configs name thousands of certificate and key paths under a handful of
/// directories, which often do not exist where kensa runs (configs copied off the servers),
/// or next to the input, where one listing answers for every name. The files on disk are
/// not expected to change during a run.
fn may_exist(p: &Path) -> bool {
    // A plain `dir/name` is split at its last `/`, what `parent` and `file_name` give for an
    // ordinary name, without parsing components (a third of this function's cost). `a//b`
    // keys its directory as `a/`: the same listing under another name.
    let plain = p
        .to_str()
        .and_then(|s| s.rsplit_once('/'))
        .filter(|(dir, name)| !dir.is_empty() && !matches!(*name, "" | "." | ".."));
    let (dir, name) = match plain {
        Some((dir, name)) => (Path::new(dir), Some(name.as_bytes())),
        None => match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => (d, p.file_name().map(|n| n.as_encoded_bytes())),
            _ => return true,
        },
    };
    match dir_state(dir) {
        Dir::Missing => false,
        Dir::Present => true,
        Dir::Listed(names) => name.is_none_or(|n| names.contains(n)),
    }
}

/// Whether `p` is a regular file; a system call only when it may exist.
pub fn is_file(p: &Path) -> bool {
    may_exist(p) && p.is_file()
}

/// Like [`is_file`], for directories.
pub fn is_dir(p: &Path) -> bool {
    may_exist(p) && p.is_dir()
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static T: Table<String, usize> = Default::default();
    }

    #[test]
    fn loads_once_and_stays_bounded() {
        let mut loads = 0;
        for _ in 0..3 {
            assert_eq!(
                memo(&T, "a", 2, || {
                    loads += 1;
                    1
                }),
                1
            );
        }
        assert_eq!(loads, 1, "a hit does not load again");
        memo(&T, "b", 2, || 2);
        memo(&T, "c", 2, || 3);
        assert!(T.with(|t| t.borrow().len()) <= 2, "the table never exceeds its bound");
    }

    #[test]
    fn file_checks_skip_missing_directories() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("cert.pem");
        std::fs::write(&f, "x").unwrap();
        assert!(is_file(&f) && !is_dir(&f));
        assert!(is_dir(dir.path()) && !is_file(dir.path()));
        assert!(!is_file(&dir.path().join("missing/cert.pem")));
        assert!(!is_file(std::path::Path::new("relative-missing.pem")));
        // The directory is listed once; names in it and not in it are both answered.
        assert!(!is_file(&dir.path().join("other.pem")));
        assert!(!is_file(&f.join("below-a-file.pem")));
        // Split at the last `/` or by components, the same answers.
        let doubled = format!("{}//cert.pem", dir.path().display());
        assert!(is_file(Path::new(&doubled)) && !is_file(Path::new(&format!("{doubled}/.."))));
        assert!(is_dir(&dir.path().join(".")) && !is_dir(&f.join("..")));
        assert!(is_file(&f));
    }
}
