//! Config formats. Each module turns one vendor's text into the vendor-neutral [`Model`];
//! nothing past this directory sees vendor text.

pub mod apache;
pub mod block;
pub mod detect;
pub mod haproxy;
pub mod hostapd;
pub mod lex;
pub mod nginx;
pub mod table;
// Routers and firewalls (issue 6).
pub mod allied_awplus;
pub mod cisco_asa;
pub mod cisco_ios;
pub mod fortios;
pub mod junos;
pub mod nec_ix;
pub mod netscaler;
pub mod panos;
pub mod router_common;
pub mod yamaha_rtx;
// VPN formats (strongSwan, OpenVPN, WireGuard) and their shared helpers.
pub mod ipsec_conf;
pub mod ipsec_proposal;
pub mod ipsec_secrets;
pub mod nmconnection;
pub mod openvpn;
pub mod secret_record;
pub mod swanctl;
pub mod vpn_common;
pub mod wireguard;
pub mod wlan_common;
pub mod wlan_xml;
pub mod wpa_supplicant;
pub mod xml;

use crate::diag::{DiagKind, DiagLevel, Diagnostic};
use crate::model::Model;
use crate::source::{read_source, SourceFile};
pub use secret_record::SecretRecord;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
pub use table::{FormatSpec, FORMATS};

/// Every format kensa reads. Names, detection and parsers are in [`table::FORMATS`]; the
/// variants stay in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Nginx,
    Apache,
    Haproxy,
    Fortios,
    YamahaRtx,
    CiscoIos,
    Swanctl,
    IpsecConf,
    IpsecSecrets,
    Openvpn,
    Wireguard,
    Hostapd,
    WpaSupplicant,
    Nmconnection,
    WlanXml,
    NecIx,
    AlliedWarePlus,
    CiscoAsa,
    Panos,
    Junos,
    Netscaler,
}

/// Upper bound on files pulled in by includes from one top-level input.
pub const MAX_INCLUDED_FILES: usize = 4096;
/// Upper bound on the text all includes of one input pull in. Real config trees are well
/// under a megabyte; `include /*/*;` (a fuzzer's) read 1,653 system files, 17 million
/// lines, into 1 GB of memory.
pub const MAX_INCLUDED_BYTES: u64 = 16 << 20;
/// Upper bound on include nesting.
pub const MAX_INCLUDE_DEPTH: usize = 32;

/// Include patterns with more wildcard path levels than this are not followed.
pub const MAX_WILDCARD_LEVELS: usize = 2;

/// `a/**/b***c` → `a/*/b*c`: glob(3) treats a run of stars as one.
fn collapse_stars(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        if !(c == '*' && out.ends_with('*')) {
            out.push(c);
        }
    }
    out
}

/// State shared by a format parser while it reads one input and its includes.
#[derive(Debug)]
pub struct ParseCx {
    pub model: Model,
    pub diags: Vec<Diagnostic>,
    /// Lines read (top-level file and includes).
    pub lines: usize,
    /// Lines that carried something this parser did not understand.
    pub unrecognized_lines: usize,
    /// Files read through includes, as shown paths.
    pub included: Vec<Arc<str>>,
    /// Directory of the top-level input: includes and certificate paths are also tried
    /// relative to it (a config tree copied off a server keeps working).
    pub root_dir: PathBuf,
    /// Canonical paths of the files being read, outermost first: the include-loop guard.
    /// Empty until the first include (resolving the top-level path costs system calls
    /// that most inputs, having no includes, never need).
    stack: Vec<PathBuf>,
    /// The top-level input as given (canonicalised onto `stack` at the first include).
    root: PathBuf,
    included_count: usize,
    included_bytes: u64,
    /// Unix time used to judge certificate validity (fixed in tests via KENSA_NOW).
    pub now: i64,
    /// Where the device's `/` is for the absolute paths this input names.
    pub tree: crate::tree::Tree,
    /// Files other than includes that were read because the config names them
    /// (certificates, keys, DH parameters, lists), as paths on this machine.
    pub read_files: Vec<Arc<str>>,
    /// kensa.toml `[assume]`: product → release, for release-dependent defaults.
    pub assume: Arc<std::collections::BTreeMap<String, String>>,
}

impl ParseCx {
    /// A context for text with no tree around it (tests, fuzzers): absolute paths are
    /// searched by their tails in the input's folder.
    pub fn new(root: &Path, now: i64) -> Self {
        Self::in_tree(root, now, crate::tree::Tree::in_memory(root))
    }

    /// A context for an input judged in `tree`.
    pub fn in_tree(root: &Path, now: i64, tree: crate::tree::Tree) -> Self {
        let root_dir = root.parent().map(Path::to_path_buf).unwrap_or_default();
        ParseCx {
            model: Model::default(),
            diags: Vec::new(),
            lines: 0,
            unrecognized_lines: 0,
            included: Vec::new(),
            root_dir,
            stack: Vec::new(),
            root: root.to_path_buf(),
            included_count: 0,
            included_bytes: 0,
            now,
            tree,
            read_files: Vec::new(),
            assume: Arc::default(),
        }
    }

    /// The release of `product` that kensa.toml `[assume]` pins, if any.
    pub fn assumed_release(&self, product: &str) -> Option<&str> {
        self.assume.get(product).map(String::as_str)
    }

    /// Records the file of `candidates` that a reader would open (the first regular file),
    /// for the report's list of files read outside the inputs.
    pub fn note_read(&mut self, candidates: &[PathBuf]) {
        if let Some(p) = candidates.iter().find(|p| crate::memo::is_file(p)) {
            let shown = p.to_string_lossy();
            if !self.read_files.iter().any(|r| **r == *shown) {
                self.read_files.push(Arc::from(shown));
            }
        }
    }

    pub fn diag(&mut self, level: DiagLevel, src: &SourceFile, offset: usize, kind: DiagKind) {
        let (line, column) = src.line_col(offset);
        self.diags.push(Diagnostic::new(level, &src.path, line, column, kind));
    }

    /// Counts a line this parser could not interpret, with a diagnostic.
    /// The text shown is masked after any secret keyword: a line kensa cannot read is exactly
    /// where it cannot know which word is a secret (issue 17 §5).
    pub fn unrecognized(&mut self, src: &SourceFile, offset: usize, what: &str) {
        self.unrecognized_lines += 1;
        let directive: String = crate::model::mask_after_secret_keyword(what).chars().take(80).collect();
        self.diag(DiagLevel::Warning, src, offset, DiagKind::Unrecognized { directive });
    }

    /// A value this parser does not know for `directive` (a warning; the value shown up to 40
    /// characters).
    pub fn bad_value(&mut self, src: &SourceFile, offset: usize, directive: &str, value: &str) {
        let value = value.chars().take(40).collect();
        self.diag(
            DiagLevel::Warning,
            src,
            offset,
            DiagKind::BadValue {
                directive: directive.into(),
                value,
            },
        );
    }

    /// The file being read: the innermost include, or the top-level input.
    pub fn current_file(&self) -> &Path {
        self.stack.last().map_or(&self.root, |p| p)
    }

    /// Resolves a path named in `src` (include, certificate): an absolute path inside the
    /// audited tree (see [`crate::tree`]: under its root, or by its tails in the copied
    /// configuration folder; on this machine only when the input is its live file), a
    /// relative one from the file's directory, then from the top-level input's directory.
    ///
    /// Memoised per thread: every certificate, key and DH reference of every endpoint asks,
    /// and a fleet names the same files from the same directories.
    pub fn resolve(&self, src: &SourceFile, written: &str) -> Rc<[PathBuf]> {
        let relative = !Path::new(written).is_absolute();
        RESOLVE_KEY.with(|key| {
            let mut key = key.borrow_mut();
            key.clear();
            // Length-prefixed parts: what the answer depends on, unambiguously.
            let here = if relative {
                Path::new(&*src.path).parent().unwrap_or(Path::new(""))
            } else {
                Path::new("")
            };
            key.push(self.tree.kind as u8);
            for part in [
                self.tree.dir.as_os_str().as_encoded_bytes(),
                self.root_dir.as_os_str().as_encoded_bytes(),
                here.as_os_str().as_encoded_bytes(),
                written.as_bytes(),
            ] {
                key.extend_from_slice(&part.len().to_le_bytes());
                key.extend_from_slice(part);
            }
            crate::memo::memo(&RESOLVED, &key[..], MAX_MEMO_RESOLVED, || self.resolve_uncached(src, written).into())
        })
    }

    fn resolve_uncached(&self, src: &SourceFile, written: &str) -> Vec<PathBuf> {
        let p = Path::new(written);
        let mut out = Vec::new();
        if p.is_absolute() {
            // A glob keeps its directory: `/etc/nginx/conf.d/*.conf` must never shrink to
            // `*.conf` (which would match the including file itself).
            let glob = written.contains(['*', '?', '[']);
            self.tree.candidates(written, glob, &mut out);
        } else {
            let here = Path::new(&*src.path).parent().unwrap_or(Path::new(""));
            out.push(joined(here, p));
            if self.root_dir != here {
                out.push(joined(&self.root_dir, p));
            }
            if let Some(up) = self.root_dir.parent() {
                out.push(joined(up, p));
            }
        }
        out
    }

    /// Reads the files an include directive names (glob patterns allowed), guarding against
    /// loops, missing files and include bombs. Calls `each` for every file read.
    pub fn include(&mut self, src: &SourceFile, offset: usize, pattern: &str, each: &mut dyn FnMut(&mut ParseCx, &Arc<SourceFile>)) {
        let has_glob = pattern.contains(['*', '?', '[']);
        // nginx and Apache expand includes with glob(3): `**` is just `*`, never a recursive
        // walk (the glob crate would descend the whole tree: `include /**/x;` walked `/`).
        let collapsed;
        let pattern = if pattern.contains("**") {
            collapsed = collapse_stars(pattern);
            collapsed.as_str()
        } else {
            pattern
        };
        // Every wildcard directory level multiplies the directories read; real configs use
        // one (`conf.d/*.conf`), rarely two (`sites-*/*.conf`).
        let wild_levels = pattern.split(['/', '\\']).filter(|c| c.contains(['*', '?', '['])).count();
        if wild_levels > MAX_WILDCARD_LEVELS {
            self.diag(
                DiagLevel::Warning,
                src,
                offset,
                DiagKind::BadValue {
                    directive: "include".into(),
                    value: format!("{pattern} (more than {MAX_WILDCARD_LEVELS} wildcard path levels; not followed)"),
                },
            );
            return;
        }
        let mut found: Rc<Vec<PathBuf>> = Rc::default();
        for candidate in self.resolve(src, pattern).iter() {
            if has_glob {
                let v = glob_files(candidate);
                // A glob may match nothing (conf.d/*.conf in an empty dir): not an error.
                if !v.is_empty() {
                    found = v;
                    break;
                }
            } else if crate::memo::is_file(candidate) {
                found = Rc::new(vec![candidate.clone()]);
                break;
            }
        }
        if found.is_empty() {
            if has_glob {
                // An empty `conf.d/*.conf` is legitimate on a device, but in a copied tree it
                // often means the copy is incomplete: said, never silent.
                let live = self.tree.is_live();
                self.diag(
                    DiagLevel::Info,
                    src,
                    offset,
                    DiagKind::IncludeNoMatch {
                        pattern: pattern.to_string(),
                        live,
                    },
                );
            } else {
                // Something may be there that cannot be a config (a directory, FIFO, device).
                let special = self
                    .resolve(src, pattern)
                    .iter()
                    .find(|c| std::fs::metadata(c).is_ok_and(|m| !m.is_file()))
                    .cloned();
                let kind = match special {
                    Some(p) => DiagKind::IncludeUnreadable {
                        path: p.to_string_lossy().into_owned(),
                        reason: crate::source::NOT_REGULAR.into(),
                    },
                    None => DiagKind::IncludeMissing { pattern: pattern.to_string() },
                };
                self.diag(DiagLevel::Error, src, offset, kind);
            }
            return;
        }
        if self.stack.is_empty() {
            self.stack.push(canonical(&self.root));
        }
        for path in found.iter() {
            if self.stack.len() >= MAX_INCLUDE_DEPTH {
                self.diag(DiagLevel::Error, src, offset, DiagKind::TooDeep { limit: MAX_INCLUDE_DEPTH });
                return;
            }
            if self.included_count >= MAX_INCLUDED_FILES {
                self.diag(DiagLevel::Error, src, offset, DiagKind::TooManyIncludes { limit: MAX_INCLUDED_FILES });
                return;
            }
            // By the size the system reports, before reading: a file that would pass the
            // budget is not read at all (reading then refusing made a hostile include glob
            // cost seconds per input). `/proc` files say 0; they are counted once read.
            let size = std::fs::metadata(path).map_or(0, |m| m.len());
            if self.included_bytes.saturating_add(size) > MAX_INCLUDED_BYTES {
                let limit_mib = MAX_INCLUDED_BYTES >> 20;
                self.diag(DiagLevel::Error, src, offset, DiagKind::IncludedTooMuch { limit_mib });
                return;
            }
            let canon = canonical_memo(path);
            let shown = path.to_string_lossy().into_owned();
            if self.stack.contains(&canon) {
                self.diag(DiagLevel::Error, src, offset, DiagKind::IncludeLoop { path: shown });
                continue;
            }
            self.included_count += 1;
            match read_included(path, &shown) {
                Ok((file, diags)) => {
                    self.diags.extend(diags);
                    self.included_bytes += file.text.len() as u64;
                    self.lines += file.line_count();
                    self.included.push(file.path.clone());
                    self.stack.push(canon);
                    each(self, &file);
                    self.stack.pop();
                }
                Err(d) => {
                    let reason = d.kind.message(crate::i18n::Lang::En);
                    self.diag(DiagLevel::Error, src, offset, DiagKind::IncludeUnreadable { path: shown, reason });
                }
            }
        }
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The tails of an absolute path below its first component (`/etc/nginx/tls/a.crt` →
/// `nginx/tls/a.crt`, `tls/a.crt`, `a.crt`), without the last one for a glob.
pub(crate) fn for_each_tail(written: &str, glob: bool, mut each: impl FnMut(&Path)) {
    // A plain `/a/b/c` (no `//`, `.` components or trailing `/`) splits where its slashes
    // are: the tails are slices of it, not rebuilt from components.
    let plain = written.starts_with('/') && !written.contains("//") && !written.contains("/./") && !written.ends_with("/.") && !written.ends_with('/');
    if plain {
        let slashes: Vec<usize> = memchr::memchr_iter(b'/', written.as_bytes()).collect();
        let last = if glob { slashes.len().saturating_sub(1) } else { slashes.len() };
        for &at in slashes.get(1..last).unwrap_or_default() {
            each(Path::new(&written[at + 1..]));
        }
    } else {
        tails_by_components(written, glob).iter().for_each(|t| each(t));
    }
}

/// `base.join(tail)` in one allocation (`join` copies `base`, then grows it for `tail`).
pub(crate) fn joined(base: &Path, tail: &Path) -> PathBuf {
    let mut p = PathBuf::with_capacity(base.as_os_str().len() + 1 + tail.as_os_str().len());
    p.push(base);
    p.push(tail);
    p
}

/// [`for_each_tail`] for any path, component by component.
fn tails_by_components(written: &str, glob: bool) -> Vec<PathBuf> {
    let comps: Vec<_> = Path::new(written).components().skip(1).collect();
    let last = if glob { comps.len().saturating_sub(1) } else { comps.len() };
    (1..last).map(|i| comps[i..].iter().collect()).collect()
}

/// Entries of the per-thread [`ParseCx::resolve`] memo (cleared when full).
const MAX_MEMO_RESOLVED: usize = 4096;

thread_local! {
    static RESOLVED: crate::memo::Table<Vec<u8>, Rc<[PathBuf]>> = Default::default();
    /// The key being looked up, built in place (no allocation on a hit).
    static RESOLVE_KEY: std::cell::RefCell<Vec<u8>> = Default::default();
}

/// Included files up to this size are kept per thread for the next includer.
const MAX_MEMO_INCLUDE_BYTES: u64 = 64 << 10;
/// Entries per include memo table (cleared when full).
const MAX_MEMO_INCLUDES: usize = 256;

type ReadResult = Result<(Arc<SourceFile>, Vec<Diagnostic>), Diagnostic>;

thread_local! {
    // A fleet's sites include the same snippets (`include snippets/ssl-*.conf;` in every
    // site of a host): each include cost a directory read, a `stat` per match, a
    // `realpath` and a read, again for every includer. Files do not change during a run.
    static GLOBS: crate::memo::Table<Vec<u8>, Rc<Vec<PathBuf>>> = Default::default();
    static CANONICAL: crate::memo::Table<Vec<u8>, PathBuf> = Default::default();
    static INCLUDED: crate::memo::Table<Vec<u8>, ReadResult> = Default::default();
}

/// The regular files an include glob matches, sorted (at most one more than
/// [`MAX_INCLUDED_FILES`], so the caller can tell there were too many).
fn glob_files(pattern: &Path) -> Rc<Vec<PathBuf>> {
    crate::memo::memo(&GLOBS, pattern.as_os_str().as_encoded_bytes(), MAX_MEMO_INCLUDES, || {
        let Ok(paths) = glob::glob(&pattern.to_string_lossy()) else {
            return Rc::default();
        };
        let mut v: Vec<PathBuf> = paths.filter_map(Result::ok).take(MAX_INCLUDED_FILES + 1).filter(|p| p.is_file()).collect();
        v.sort();
        Rc::new(v)
    })
}

fn canonical_memo(p: &Path) -> PathBuf {
    crate::memo::memo(&CANONICAL, p.as_os_str().as_encoded_bytes(), MAX_MEMO_INCLUDES, || canonical(p))
}

/// [`read_source`] for an included file, kept per thread when small.
fn read_included(path: &Path, shown: &str) -> ReadResult {
    let key = path.as_os_str().as_encoded_bytes();
    if let Some(hit) = crate::memo::cached(&INCLUDED, key) {
        return hit;
    }
    let read = read_source(path, shown, false).map(|(file, diags)| (Arc::new(file), diags));
    if read.as_ref().is_ok_and(|(file, _)| (file.text.len() as u64) <= MAX_MEMO_INCLUDE_BYTES) {
        crate::memo::store(&INCLUDED, key, MAX_MEMO_INCLUDES, read.clone());
    }
    read
}

/// `1.22`, `1.22.1`, `1.23.4-1~bookworm`, `2.4` → (1, 22, 1): a release as kensa.toml
/// `[assume]` writes it, to compare with the release a default changed in.
pub fn release_number(v: &str) -> Option<(u32, u32, u32)> {
    let mut parts = v.trim().split(['.', '-', '~', '+']).map(|p| p.parse::<u32>().ok());
    let major = parts.next()??;
    let minor = parts.next().flatten().unwrap_or(0);
    let patch = parts.next().flatten().unwrap_or(0);
    Some((major, minor, patch))
}

/// The result of reading one input.
#[derive(Debug, Clone, Serialize)]
pub struct ParsedInput {
    pub path: Arc<str>,
    pub format: Option<Format>,
    pub lines: usize,
    pub unrecognized_lines: usize,
    pub included: Vec<Arc<str>>,
    pub diagnostics: Vec<Diagnostic>,
    /// The tree the input was judged in (None when it was not read).
    #[serde(skip)]
    pub tree: Option<crate::tree::Tree>,
    /// Files other than includes read because the config names them.
    pub read_files: Vec<Arc<str>>,
    #[serde(skip)]
    pub model: Model,
}

impl ParsedInput {
    /// An input with nothing read yet.
    pub fn unread(path: Arc<str>, format: Option<Format>) -> Self {
        ParsedInput {
            path,
            format,
            lines: 0,
            unrecognized_lines: 0,
            included: Vec::new(),
            diagnostics: Vec::new(),
            tree: None,
            read_files: Vec::new(),
            model: Model::default(),
        }
    }

    /// Whether part of the input went unjudged: lines not understood, a file it names not
    /// read, an include that matched nothing in a copied tree. A clean result on such an
    /// input is not evidence of the whole.
    pub fn partly_judged(&self) -> bool {
        self.unrecognized_lines > 0 || self.diagnostics.iter().any(|d| d.level != DiagLevel::Info || d.kind.leaves_unjudged())
    }

    /// The first error diagnostic, which becomes the JSON `error` of the input.
    pub fn error(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.level == DiagLevel::Error)
    }
}

/// Reads, detects and parses one file. Never panics on bad input: every problem is a
/// diagnostic. Never waits on the file (see [`crate::source::open_file`]): for files found
/// by a directory walk; [`parse_named`] for files named on the command line.
pub fn parse_path(path: &Path, shown: &str, forced: Option<Format>, now: i64) -> ParsedInput {
    parse_input(path, shown, forced, now, false, None)
}

/// [`parse_path`] for a file named on the command line, which may be a pipe to wait for.
pub fn parse_named(path: &Path, shown: &str, forced: Option<Format>, now: i64) -> ParsedInput {
    parse_input(path, shown, forced, now, true, None)
}

/// What a run tells every parser beyond the file itself.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Where the audited device's `/` is (`--root`); None to infer it (see [`crate::tree`]).
    pub root: Option<PathBuf>,
    /// kensa.toml `[assume]`: product → release (`nginx` → `1.22`).
    pub assume: Arc<std::collections::BTreeMap<String, String>>,
}

/// Reads one input judged in the tree `opts` names, or the inferred one (see
/// [`crate::tree`]), with the releases `opts` assumes; `wait` as for [`parse_named`].
pub fn parse_rooted(path: &Path, shown: &str, forced: Option<Format>, now: i64, wait: bool, opts: &Arc<ParseOptions>) -> ParsedInput {
    parse_input(path, shown, forced, now, wait, Some(opts))
}

fn parse_input(path: &Path, shown: &str, forced: Option<Format>, now: i64, wait: bool, opts: Option<&Arc<ParseOptions>>) -> ParsedInput {
    let shown_arc: Arc<str> = Arc::from(shown);
    let mut out = ParsedInput::unread(shown_arc.clone(), forced);
    let (src, diags) = match read_source(path, shown, wait) {
        Ok(x) => x,
        Err(d) => {
            out.diagnostics.push(d);
            return out;
        }
    };
    out.diagnostics.extend(diags);
    let src = Arc::new(src);
    let format = forced.or_else(|| detect::detect(path, &src.text));
    let Some(format) = format else {
        out.diagnostics.push(Diagnostic::file(DiagLevel::Error, &shown_arc, DiagKind::UnknownFormat));
        out.lines = src.line_count();
        return out;
    };
    out.format = Some(format);
    let root = opts.and_then(|o| o.root.as_deref());
    let mut cx = ParseCx::in_tree(path, now, crate::tree::Tree::infer(path, root));
    if let Some(o) = opts {
        cx.assume = o.assume.clone();
    }
    cx.model.files_are_live = cx.tree.is_live();
    cx.lines = src.line_count();
    format.parse(&mut cx, &src);
    out.lines = cx.lines;
    out.unrecognized_lines = cx.unrecognized_lines;
    out.included = cx.included;
    out.read_files = cx.read_files;
    out.tree = Some(cx.tree);
    out.diagnostics.extend(cx.diags);
    dedup_diagnostics(&mut out.diagnostics);
    crate::diag::cap_alike(&mut out.diagnostics);
    out.model = cx.model;
    out
}

/// Drops repeated diagnostics (same level, place and text), keeping the first of each. A
/// setting that several endpoints share (a global cipher list, a certificate named at the
/// `http` level) is judged once per endpoint, and its warning said once per endpoint.
fn dedup_diagnostics(diags: &mut Vec<Diagnostic>) {
    if diags.len() < 2 {
        return;
    }
    let mut seen: rustc_hash::FxHashSet<&Diagnostic> = Default::default();
    let keep: Vec<bool> = diags.iter().map(|d| seen.insert(d)).collect();
    let mut keep = keep.into_iter();
    diags.retain(|_| keep.next().unwrap_or(true));
}

/// Parses text already in memory as the given format (fuzzers, unit tests).
pub fn parse_text(format: Format, shown: &str, text: &str) -> ParsedInput {
    let src = Arc::new(SourceFile::from_text(shown, text.to_string()));
    let mut cx = ParseCx::new(Path::new(shown), 0);
    cx.lines = src.line_count();
    format.parse(&mut cx, &src);
    ParsedInput {
        path: src.path.clone(),
        format: Some(format),
        lines: cx.lines,
        unrecognized_lines: cx.unrecognized_lines,
        included: cx.included,
        read_files: cx.read_files,
        tree: Some(cx.tree),
        diagnostics: {
            let mut d = cx.diags;
            dedup_diagnostics(&mut d);
            crate::diag::cap_alike(&mut d);
            d
        },
        model: cx.model,
    }
}

pub mod tls_common;

impl SourceFile {
    /// An origin for the text between two byte offsets of this file; the evidence is that
    /// text on one line, shortened.
    pub fn origin(&self, start: usize, end: usize) -> crate::model::Origin {
        let (line, column) = self.line_col(start);
        let raw = self.text.get(start..end.min(self.text.len())).unwrap_or("");
        // Lines that are only indented (HAProxy keeps the indentation in its spans) need no
        // rewriting either: their trimmed text is the evidence.
        let trimmed = trim_evidence(raw);
        let evidence: Arc<str> = if is_evidence_already(trimmed) {
            Arc::from(trimmed)
        } else {
            Arc::from(evidence_text(raw))
        };
        crate::model::Origin::file(self.path.clone(), line, column, (start, end), evidence)
    }

    /// [`Self::origin`] with evidence other than the text at the span (a masked secret, a
    /// summary): the span's own text is not copied only to be replaced.
    pub fn origin_showing(&self, start: usize, end: usize, evidence: &str) -> crate::model::Origin {
        let (line, column) = self.line_col(start);
        crate::model::Origin::file(self.path.clone(), line, column, (start, end), evidence)
    }
}

/// `char::is_whitespace` for an ASCII byte: `u8::is_ascii_whitespace` plus the vertical
/// tab (0x0b). The byte-wise splitters use it to cut exactly where the `str` methods do.
pub(crate) const fn is_space_byte(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `raw` without the ASCII whitespace around it (what [`evidence_text`] drops there).
fn trim_evidence(raw: &str) -> &str {
    raw.trim_matches(|c: char| c.is_ascii() && is_space_byte(c as u8))
}

/// True when [`evidence_text`] would return `raw` unchanged: short, one line, single
/// spaces between words (most directives), so the copy through a `String` can be skipped.
/// Stricter than needed on one point: any control character sends the text the long way
/// (which leaves those that are not whitespace as they are).
fn is_evidence_already(raw: &str) -> bool {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = !LOW;
    let b = raw.as_bytes();
    if b.len() > 200 || b.first().is_none_or(|&c| c == b' ') || b.last().is_none_or(|&c| c == b' ') {
        return false;
    }
    // Eight bytes at a time (origins are made for every directive kept, and this walk was
    // half of making one): nothing outside ASCII, no control character (every whitespace
    // but the space is one), no two spaces in a row.
    let mut chunks = b.chunks_exact(8);
    let mut after_space = false;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // ASCII bytes plus 0x60 reach 0x80 exactly when they are 0x20 or above (at most
        // 0xdf: no carry into the next byte).
        if w & HIGH != 0 || (w + 0x6060_6060_6060_6060) & HIGH != HIGH {
            return false;
        }
        // 0x80 in each byte that is a space (exact per byte, no borrow between bytes).
        let x = w ^ 0x2020_2020_2020_2020;
        let spaces = !(((x & LOW) + LOW) | x | LOW);
        if spaces & (spaces >> 8) != 0 || (after_space && spaces & 0x80 != 0) {
            return false;
        }
        after_space = spaces >> 63 != 0;
    }
    for &c in chunks.remainder() {
        if c == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if !(0x20..0x80).contains(&c) {
            return false;
        } else {
            after_space = false;
        }
    }
    true
}

/// `text.split_inclusive('\n')`, found with memchr: the `char` pattern verifies each match
/// with a `memcmp` call, a visible cost on formats read line by line.
pub fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        let (line, next) = rest.split_at(cut);
        rest = next;
        Some(line)
    })
}

/// Collapses whitespace and shortens a directive to one readable line of evidence.
pub fn evidence_text(raw: &str) -> String {
    if !raw.is_ascii() {
        return evidence_text_chars(raw);
    }
    // ASCII (nearly every config line): whitespace runs found byte by byte; the same
    // result as the char-wise version below (a proptest holds them together).
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len().min(201));
    let mut i = 0;
    loop {
        while i < b.len() && is_space_byte(b[i]) {
            i += 1;
        }
        if i == b.len() {
            break;
        }
        let start = i;
        while i < b.len() && !is_space_byte(b[i]) {
            i += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&raw[start..i.min(start + 201)]);
        if out.len() > 200 {
            out.truncate(197);
            out.push_str("...");
            break;
        }
    }
    out
}

/// [`evidence_text`] for any text: words split at Unicode whitespace.
fn evidence_text_chars(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len().min(200));
    for (i, w) in raw.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
        if out.len() > 200 {
            let mut cut = 197;
            while !out.is_char_boundary(cut) {
                cut -= 1;
            }
            out.truncate(cut);
            out.push_str("...");
            break;
        }
    }
    out
}

/// Diagnostics about the syntax of a parsed input (not about cipher words, which depend on
/// src/tls, bad values or referenced files), for the parsers' tests.
#[cfg(test)]
pub(crate) fn syntax_diagnostics(p: &ParsedInput) -> Vec<&crate::diag::Diagnostic> {
    p.diagnostics
        .iter()
        .filter(|d| {
            !matches!(
                d.kind,
                DiagKind::UnknownCipherTokens { .. } | DiagKind::BadValue { .. } | DiagKind::FileReferenced { .. }
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{evidence_text, is_evidence_already};

    proptest::proptest! {
        #[test]
        fn lines_inclusive_is_split_inclusive(text in "(a{0,3}\r?\n?é?){0,8}") {
            proptest::prop_assert_eq!(super::lines_inclusive(&text).collect::<Vec<_>>(), text.split_inclusive('\n').collect::<Vec<_>>());
        }
    }

    #[test]
    fn evidence_shortcut_only_where_text_is_unchanged() {
        let samples = [
            "ssl_protocols TLSv1.2 TLSv1.3;",
            "ssl_protocols  TLSv1.2;",
            " listen 443;",
            "listen 443; ",
            "a\tb",
            "a\nb",
            "a\u{0b}b",
            "a\u{3000}b",
            "ssl_ciphers 'HIGH:!aNULL';",
            "",
            &"x".repeat(200),
            &"x".repeat(201),
        ];
        for s in samples {
            if is_evidence_already(s) {
                assert_eq!(evidence_text(s), s, "{s:?}");
            }
        }
        assert!(is_evidence_already("ssl_protocols TLSv1.2 TLSv1.3;"));
        assert!(!is_evidence_already("a\u{3000}b") && !is_evidence_already(&"x".repeat(201)));
    }

    proptest::proptest! {
        /// Slicing a plain absolute path gives the tails its components give.
        #[test]
        fn path_tails_by_slicing_match_components(parts in proptest::collection::vec("[a-z.*]{0,3}", 1..6), glob: bool, trail: bool) {
            let written = format!("/{}{}", parts.join("/"), if trail { "/" } else { "" });
            let mut sliced = Vec::new();
            super::for_each_tail(&written, glob, |t| sliced.push(t.to_path_buf()));
            proptest::prop_assert_eq!(sliced, super::tails_by_components(&written, glob), "{}", written);
        }

        /// One-allocation joins give what `Path::join` gives.
        #[test]
        fn joined_matches_path_join(base in "(/?[a-z.]{0,3}){0,4}/?", tail in "(/?[a-z.*]{0,3}){0,4}/?") {
            let (base, tail) = (std::path::Path::new(&base), std::path::Path::new(&tail));
            proptest::prop_assert_eq!(super::joined(base, tail), base.join(tail));
        }

        /// The byte-wise cleaning of ASCII text gives what the char-wise one gives.
        #[test]
        fn evidence_text_ascii_path_matches_chars(s in "[a-z; \t\n\u{0b}\u{0c}\r]{0,40}|[a-z ]{150,260}|(x{0,60} ){0,8}") {
            proptest::prop_assert_eq!(evidence_text(&s), super::evidence_text_chars(&s));
        }

        /// The shortcut is taken only where the text would come out unchanged.
        #[test]
        fn evidence_shortcut_is_sound(s in "[a-z; \t\n\u{0b}\u{0c}\r\u{3000}é]{0,12}|x{195,205}") {
            if is_evidence_already(&s) {
                proptest::prop_assert_eq!(evidence_text(&s), s);
            }
        }

        /// The word-at-a-time test answers as a byte-by-byte walk does.
        #[test]
        fn evidence_shortcut_word_test_agrees_with_a_walk(s in "[a-z \t\u{1}\u{1f}\u{7f}é]{0,40}|(x{1,9} ){1,6}x") {
            let b = s.as_bytes();
            let walk = !b.is_empty()
                && b.len() <= 200
                && b[0] != b' '
                && b[b.len() - 1] != b' '
                && !s.contains("  ")
                && b.iter().all(|&c| (0x20..0x80).contains(&c));
            proptest::prop_assert_eq!(is_evidence_already(&s), walk);
        }

        /// Indented lines take the shortcut through their trimmed text, unchanged too.
        #[test]
        fn trimmed_shortcut_is_sound(pad in "[ \t\n\u{0b}\u{0c}\r]{0,3}", s in "[a-z; \t\u{3000}é]{0,12}|x{195,205}", tail in "[ \t\r\n]{0,3}") {
            let raw = format!("{pad}{s}{tail}");
            let trimmed = super::trim_evidence(&raw);
            if is_evidence_already(trimmed) {
                proptest::prop_assert_eq!(evidence_text(&raw), trimmed);
            }
        }
    }
}
