//! Bounded per-thread memoisation for pure lookups that a fleet of configs repeats
//! (cipher-string expansion, certificate and DH file reads). Per thread, so rayon workers
//! never contend; bounded and cleared when full, so hostile input cannot grow it.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;
use std::thread::LocalKey;

/// A thread-local memo table: declare with `thread_local!` and pass to [`memo`].
pub type Table<K, V> = RefCell<HashMap<K, V>>;

/// The cached value for `key`, or `load()` stored under it (the table is cleared first
/// when it holds `max` entries).
pub fn memo<K, Q, V>(table: &'static LocalKey<Table<K, V>>, key: &Q, max: usize, load: impl FnOnce() -> V) -> V
where
    K: Borrow<Q> + Eq + Hash,
    Q: ?Sized + Eq + Hash + ToOwned<Owned = K>,
    V: Clone,
{
    if let Some(hit) = table.with(|t| t.borrow().get(key).cloned()) {
        return hit;
    }
    let value = load();
    table.with(|t| {
        let mut t = t.borrow_mut();
        if t.len() >= max {
            t.clear();
        }
        t.insert(key.to_owned(), value.clone());
    });
    value
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
}
