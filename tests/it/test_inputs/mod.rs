//! Where the tests find the public inputs that `scripts/fetch-test-inputs.sh` fetched into
//! `target/test-inputs/` (or the folder `KENSA_TEST_INPUTS` names): Debian's example configs
//! unpacked (never installed), the ciscoconfparse2 sdist, the SARIF 2.1.0 schema. A missing
//! input fails the test with the command to run: a test that skipped would pass on a machine
//! that checked nothing.
#![allow(dead_code)]

use std::path::PathBuf;

const FETCH: &str = "scripts/fetch-test-inputs.sh";

/// `relative` inside the test-inputs folder; fails with the fetch command when absent.
pub fn path(relative: &str) -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = match std::env::var_os("KENSA_TEST_INPUTS") {
        Some(dir) => manifest.join(dir),
        None => manifest.join("target/test-inputs"),
    };
    let p = base.join(relative);
    assert!(
        p.exists(),
        "{} is missing: run `{FETCH}` first (it fetches the tests' public inputs; nothing is installed)",
        p.display()
    );
    p
}

/// A file of Debian's `package`, written as its absolute path on a Debian system
/// (`/etc/ipsec.conf`), from the package's unpacked tree.
pub fn debian_file(package: &str, absolute: &str) -> PathBuf {
    path(&format!("debian/{package}{absolute}"))
}
