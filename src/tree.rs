//! Where the audited device's `/` is: absolute paths a config names (includes,
//! certificates, keys, DH parameters, accept/deny lists) are looked up in the audited tree,
//! never on the machine kensa runs on, unless the input is that machine's own live file.
//!
//! - `--root DIR` says where the device's `/` is.
//! - Otherwise the folder above the nearest `etc/` the input sits in is the root
//!   (`~/audit/hospital-a/etc/nginx/nginx.conf` → `~/audit/hospital-a`); FreeBSD-style
//!   `usr/local/etc/` counts from above `usr/local`.
//! - An input with no `etc/` above it (`samples/nginx/debian/nginx.conf`) is a copy of the
//!   vendor's configuration folder (`/etc/nginx`) on its own: an absolute path is looked for
//!   by its trailing components inside the input's folder (`/etc/nginx/mime.types` →
//!   `mime.types`, `/etc/nginx/snippets/a.conf` → `snippets/a.conf`), never outside it.
//! - When that root is the running machine's `/` (`kensa lint /etc/nginx/nginx.conf`,
//!   `--root /`), the input is the live file: absolute paths are read where they are, and
//!   file modes describe the device.
//!
//! The running machine's `/` is `KENSA_HOST_ROOT` when set. That variable is for tests:
//! they point it at a temporary folder to prove which of two files with the same absolute
//! path kensa read, without writing to the real `/etc`.

use serde::Serialize;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

/// How the root of an input's tree was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RootKind {
    /// The input is the running machine's own file: paths are read where they are.
    Live,
    /// `--root DIR`.
    Given,
    /// The folder above the `etc/` the input sits in.
    Inferred,
    /// No `etc/` above the input: its folder is a copy of the configuration folder.
    ConfigDir,
}

impl RootKind {
    pub fn name(self) -> &'static str {
        match self {
            RootKind::Live => "live",
            RootKind::Given => "given",
            RootKind::Inferred => "inferred",
            RootKind::ConfigDir => "config-dir",
        }
    }
}

/// The tree one input is judged in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tree {
    pub kind: RootKind,
    /// Where absolute paths are re-rooted (the device's `/`), or the configuration folder
    /// they are searched in by their tails ([`RootKind::ConfigDir`]).
    pub dir: PathBuf,
    /// `dir` as reports show it: relative when the input was given relative.
    pub shown: String,
}

impl Tree {
    /// Whether the input is the running machine's live file.
    pub fn is_live(&self) -> bool {
        self.kind == RootKind::Live
    }

    /// The tree for an in-memory text (no file behind it): its folder, searched by tails.
    pub fn in_memory(input: &Path) -> Tree {
        let dir = parent_of(input);
        Tree {
            kind: RootKind::ConfigDir,
            shown: shown_dir(&dir),
            dir,
        }
    }

    /// Decides the tree of `input` (as given on the command line or found by a walk).
    pub fn infer(input: &Path, given: Option<&Path>) -> Tree {
        if let Some(root) = given {
            let kind = if is_host_root(root) { RootKind::Live } else { RootKind::Given };
            return Tree {
                kind,
                dir: root.to_path_buf(),
                shown: shown_dir(root),
            };
        }
        let Some(root) = root_above_etc(input) else {
            return Tree::in_memory(input);
        };
        let kind = if is_host_root(&root) { RootKind::Live } else { RootKind::Inferred };
        Tree {
            kind,
            shown: shown_dir(&root),
            dir: root,
        }
    }

    /// Where an absolute path written in a config is looked for, in order.
    pub fn candidates(&self, written: &str, glob: bool, out: &mut Vec<PathBuf>) {
        match self.kind {
            RootKind::ConfigDir => super::formats::for_each_tail(written, glob, |tail| out.push(super::formats::joined(&self.dir, tail))),
            _ => out.push(rerooted(&self.dir, written)),
        }
    }
}

/// `/etc/x` under `root` (`root` = `/` gives the path itself).
fn rerooted(root: &Path, written: &str) -> PathBuf {
    let rel = Path::new(written.trim_start_matches('/'));
    if root == Path::new("/") {
        Path::new("/").join(rel)
    } else {
        root.join(rel)
    }
}

/// The running machine's `/`: `KENSA_HOST_ROOT` (tests), else `/`.
pub fn host_root() -> &'static Path {
    static HOST: OnceLock<PathBuf> = OnceLock::new();
    HOST.get_or_init(|| match std::env::var_os("KENSA_HOST_ROOT") {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => PathBuf::from("/"),
    })
}

/// Whether `dir` is the running machine's `/` (by canonical paths; the machine's is
/// resolved once per run).
fn is_host_root(dir: &Path) -> bool {
    static HOST: OnceLock<Option<PathBuf>> = OnceLock::new();
    let host = HOST.get_or_init(|| std::fs::canonicalize(host_root()).ok());
    match (host, std::fs::canonicalize(dir)) {
        (Some(h), Ok(d)) => *h == d,
        _ => false,
    }
}

/// The folder above the nearest `etc` component of `input` (made absolute from the current
/// folder when relative, without following links), skipping a `usr/local` just above it.
/// As given when the `etc` is inside the given path, absolute otherwise.
fn root_above_etc(input: &Path) -> Option<PathBuf> {
    let absolute;
    let path = if input.is_absolute() || input.components().any(|c| c == Component::Normal("etc".as_ref())) {
        input
    } else {
        absolute = std::env::current_dir().ok()?.join(input);
        &absolute
    };
    let comps: Vec<Component> = path.components().collect();
    // The last `etc` that is a folder (not the file name itself).
    let at = comps[..comps.len().saturating_sub(1)]
        .iter()
        .rposition(|c| *c == Component::Normal("etc".as_ref()))?;
    let mut end = at;
    if end >= 2 && comps[end - 2] == Component::Normal("usr".as_ref()) && comps[end - 1] == Component::Normal("local".as_ref()) {
        end -= 2;
    }
    let root: PathBuf = comps[..end].iter().collect();
    Some(if root.as_os_str().is_empty() { PathBuf::from(".") } else { root })
}

fn parent_of(p: &Path) -> PathBuf {
    p.parent().map(Path::to_path_buf).unwrap_or_default()
}

fn shown_dir(d: &Path) -> String {
    if d.as_os_str().is_empty() {
        ".".into()
    } else {
        d.to_string_lossy().into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_the_folder_above_etc() {
        assert_eq!(
            root_above_etc(Path::new("/home/a/audit/hospital-a/etc/nginx/nginx.conf")),
            Some(PathBuf::from("/home/a/audit/hospital-a"))
        );
        assert_eq!(root_above_etc(Path::new("audit/etc/nginx/nginx.conf")), Some(PathBuf::from("audit")));
        assert_eq!(root_above_etc(Path::new("etc/nginx/nginx.conf")), Some(PathBuf::from(".")));
        assert_eq!(root_above_etc(Path::new("/x/usr/local/etc/nginx/nginx.conf")), Some(PathBuf::from("/x")));
        // The nearest etc wins; a file named etc is not a folder.
        assert_eq!(root_above_etc(Path::new("/a/etc/b/etc/ipsec.conf")), Some(PathBuf::from("/a/etc/b")));
        assert_eq!(root_above_etc(Path::new("/srv/copies/etc")), None);
        assert_eq!(root_above_etc(Path::new("/srv/copies/nginx/nginx.conf")), None);
    }

    #[test]
    fn absolute_paths_are_rerooted_or_searched_by_tails() {
        let t = Tree {
            kind: RootKind::Inferred,
            dir: PathBuf::from("/audit/a"),
            shown: "/audit/a".into(),
        };
        let mut v = Vec::new();
        t.candidates("/etc/ssl/x.pem", false, &mut v);
        assert_eq!(v, [PathBuf::from("/audit/a/etc/ssl/x.pem")]);
        let t = Tree::in_memory(Path::new("copy/nginx.conf"));
        let mut v = Vec::new();
        t.candidates("/etc/nginx/snippets/a.conf", false, &mut v);
        assert_eq!(
            v,
            [
                PathBuf::from("copy/nginx/snippets/a.conf"),
                PathBuf::from("copy/snippets/a.conf"),
                PathBuf::from("copy/a.conf")
            ]
        );
        assert!(!v.iter().any(|p| p.starts_with("/etc")), "never the host's file");
    }
}
