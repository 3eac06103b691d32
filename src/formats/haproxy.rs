//! HAProxy 2.x: `global`/`defaults`/`frontend`/`backend`/`listen` sections, `bind ... ssl`
//! lines (server side) and `server ... ssl` lines (client side), the global
//! `ssl-default-bind-*`/`ssl-default-server-*` settings, and HSTS set with
//! `http-response set-header`.
//!
//! Defaults (HAProxy 2.x `doc/configuration.txt`):
//! - `bind`: `ssl-min-ver` defaults to TLSv1.2 since HAProxy 2.2 and to TLSv1.0 in 1.8 –
//!   2.1 (commit 2f44a59c7, 2.2-dev9); which applies is the release pinned in kensa.toml
//!   `[assume] haproxy`, else 2.2's, said as an assumption (CFG002). The maximum is the
//!   library's (TLSv1.3). `server`: HAProxy sets no minimum, so OpenSSL 3's applies — it
//!   cannot negotiate below TLSv1.2 at its default security level 1 (OpenSSL 3.0 CHANGES:
//!   "SSL 3, TLS 1.0, TLS 1.1, and DTLS 1.0 no longer work at the default security level").
//! - `ciphers`/`ciphersuites`/`curves`: OpenSSL's defaults unless the `ssl-default-*`
//!   globals say otherwise; the server's cipher preference is enforced unless
//!   `prefer-client-ciphers`.
//! - `bind ... verify` defaults to `none`. `server ... verify` defaults to the global
//!   `ssl-server-verify`, which defaults to `required`; HAProxy refuses to start when it is
//!   required but no `ca-file` is given. The peer's name is checked only against `sni` or
//!   `verifyhost` ("when no name is found, the certificate's names are ignored").
//! - DHE without `ssl-dh-param-file` uses built-in parameters of
//!   `tune.ssl.default-dh-param` bits (2048 by default in 2.x), or DH parameters stored in
//!   the first `crt` file.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::lex::{self, Word};
use crate::formats::tls_common::{self, set_or, version_from_name, version_range, OpensslTls};
use crate::formats::ParseCx;
use crate::i18n::notes::{InheritedBy, Note};
use crate::model::{
    ClientAuth, Device, MgmtProtocol, MgmtService, Origin, Reachability, SecretKind, SecretStorage, Setting, TlsEndpoint, TlsRole, TlsService, TlsVersion,
};
use crate::source::SourceFile;
use std::borrow::Cow;
use std::path::Path;

/// OpenSSL 3's effective minimum for `server` lines (see the module comment).
const SERVER_MIN: TlsVersion = TlsVersion::Tls12;

/// Which side's default minimum applies when neither the line nor the global options set
/// `ssl-min-ver`.
#[derive(Clone, Copy)]
enum Side {
    Bind,
    Server,
}

impl Side {
    /// The default minimum and the note that says where it comes from. The bind side's
    /// changed in 2.2 (TLSv1.0 in 1.8 – 2.1, TLSv1.2 since: HAProxy commit 2f44a59c7,
    /// "use TLSv1.2 as the minimum default on bind lines", docs/vendor-defaults.md): the
    /// release pinned in `[assume] haproxy` decides, else 2.2's is judged and recorded as
    /// an assumption for CFG002.
    fn default_min(self, cx: &mut ParseCx, subject: &str, block: &Origin) -> (TlsVersion, Note) {
        if let Side::Server = self {
            return (SERVER_MIN, Note::not_set_default_of("ssl-min-ver", "server", "TLS1.2-TLS1.3"));
        }
        let pinned = cx.assumed_release("haproxy").map(|r| (r.to_string(), crate::formats::release_number(r)));
        let pinned_default = |written: String, min: TlsVersion| {
            let note = Note::NotSetDefault {
                what: "ssl-min-ver".into(),
                by: Some(format!("HAProxy {written} bind").into()),
                value: format!("{min}-TLS1.3").into(),
                assumed: true,
            };
            (min, note)
        };
        match pinned {
            Some((written, Some(v))) if v < (2, 2, 0) => pinned_default(written, TlsVersion::Tls10),
            Some((written, Some(_))) => pinned_default(written, TlsVersion::Tls12),
            _ => {
                cx.model.assumptions.push(crate::model::Assumption {
                    subject: subject.to_string(),
                    product: "haproxy",
                    setting: "ssl-min-ver",
                    releases_ja: "bind 側は 2.2 以降 TLSv1.2、1.8〜2.1 は TLSv1.0".into(),
                    releases_en: "on bind lines TLSv1.2 from 2.2, TLSv1.0 in 1.8–2.1".into(),
                    origin: block.clone(),
                });
                let note = Note::NotSetReleaseDependent {
                    what: "ssl-min-ver".into(),
                    by: "HAProxy bind".into(),
                    now: "TLSv1.2".into(),
                    since: "2.2".into(),
                    before: "TLSv1.0 (1.8–2.1)".into(),
                };
                (TlsVersion::Tls12, note)
            }
        }
    }
}
/// `tune.ssl.default-dh-param` default.
const DEFAULT_DH_BITS: u32 = 2048;
/// At most this many certificates are read from a `crt <directory>`.
const MAX_DIR_CERTS: usize = 64;

type At<T> = Option<(T, Origin)>;

/// A keyword in lower case, copied only when it has capitals (HAProxy keywords are
/// case-insensitive, and nearly always written in lower case already).
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// HAProxy's word syntax: whitespace separates words, `\` escapes the next character,
/// `"..."` and `'...'` quote, an unquoted `#` starts a comment.
const SYNTAX: lex::Syntax = lex::Syntax {
    quotes: lex::Quotes::Inline,
    comment: lex::Comment::Anywhere(b'#'),
};

/// The TLS settings of one side (bind or server) from `ssl-default-*-options` or a line.
#[derive(Clone, Default)]
struct SslOpts {
    min: At<TlsVersion>,
    max: At<TlsVersion>,
    /// `no-sslv3`, `no-tlsv10`, ... as versions switched off.
    no: Vec<(TlsVersion, Origin)>,
    force: At<TlsVersion>,
    ciphers: At<String>,
    ciphersuites: At<String>,
    curves: At<String>,
    prefer_client: At<bool>,
}

impl SslOpts {
    /// Line options over the global defaults: set values win, `no-*` flags add up.
    fn over(&self, base: &SslOpts) -> SslOpts {
        let mut no = base.no.clone();
        no.extend(self.no.iter().cloned());
        tls_common::inherit!(self, base => SslOpts {
            min, max, force, ciphers, ciphersuites, curves, prefer_client,
        } merged { no })
    }

    /// Enabled versions, given the side (whose default minimum applies when none is set).
    fn versions(&self, cx: &mut ParseCx, side: Side, subject: &str, block: &Origin) -> Setting<Vec<TlsVersion>> {
        if let Some((v, o)) = &self.force {
            return Setting::explicit(vec![*v], o.clone());
        }
        let off = |v: TlsVersion| self.no.iter().any(|(n, _)| *n == v);
        let (lo, default_note) = match &self.min {
            Some((v, _)) => (*v, None),
            // `no-tlsv10 no-tlsv11` leave TLS 1.2 as the lowest version whichever release's
            // default minimum applies: the verdict does not rest on the release.
            None if off(TlsVersion::Tls10) && off(TlsVersion::Tls11) => (TlsVersion::Tls12, None),
            None => {
                let (v, note) = side.default_min(cx, subject, block);
                (v, Some(note))
            }
        };
        let hi = self.max.as_ref().map_or(TlsVersion::Tls13, |(v, _)| *v);
        let mut v = version_range(lo, hi);
        v.retain(|x| !self.no.iter().any(|(n, _)| n == x));
        match self.min.as_ref().or(self.max.as_ref()).map(|(_, o)| o).or(self.no.first().map(|(_, o)| o)) {
            Some(o) => Setting::explicit(v, o.clone()),
            None => match default_note {
                Some(note) => Setting::default_at(v, block.with_note(note)),
                None => Setting::default_at(v, block.clone()),
            },
        }
    }
}

/// Reads one option word (and its value) into `o`; returns how many words it used, or 0
/// when the word is not a TLS option.
fn ssl_option(words: &[Word], i: usize, o: &mut SslOpts, origin: &Origin, cx: &mut ParseCx, src: &SourceFile) -> usize {
    let Some(w) = words.get(i) else { return 0 };
    let val = words.get(i + 1).map(|w| w.text.to_string());
    let key = lowercase(&w.text);
    let version = |cx: &mut ParseCx, v: &Option<String>| -> Option<TlsVersion> {
        let v = v.as_deref()?;
        let parsed = version_from_name(v);
        if parsed.is_none() {
            cx.diag(
                DiagLevel::Warning,
                src,
                w.start,
                DiagKind::BadValue {
                    directive: key.to_string(),
                    value: v.to_string(),
                },
            );
        }
        parsed
    };
    match key.as_ref() {
        "ssl-min-ver" => {
            o.min = version(cx, &val).map(|v| (v, origin.clone()));
            2
        }
        "ssl-max-ver" => {
            o.max = version(cx, &val).map(|v| (v, origin.clone()));
            2
        }
        "ciphers" => {
            o.ciphers = val.map(|v| (v, origin.clone()));
            2
        }
        "ciphersuites" => {
            o.ciphersuites = val.map(|v| (v, origin.clone()));
            2
        }
        "curves" | "ecdhe" => {
            o.curves = val.map(|v| (v, origin.clone()));
            2
        }
        "prefer-client-ciphers" => {
            o.prefer_client = Some((true, origin.clone()));
            1
        }
        _ => {
            if let Some(v) = key.strip_prefix("no-").and_then(no_force_version) {
                o.no.push((v, origin.clone()));
                1
            } else if let Some(v) = key.strip_prefix("force-").and_then(no_force_version) {
                o.force = Some((v, origin.clone()));
                1
            } else {
                0
            }
        }
    }
}

/// `sslv3`, `tlsv10` ... `tlsv13` as used in `no-*` and `force-*`.
fn no_force_version(s: &str) -> Option<TlsVersion> {
    match s {
        "sslv3" => Some(TlsVersion::Ssl3),
        "tlsv10" => Some(TlsVersion::Tls10),
        "tlsv11" => Some(TlsVersion::Tls11),
        "tlsv12" => Some(TlsVersion::Tls12),
        "tlsv13" => Some(TlsVersion::Tls13),
        _ => None,
    }
}

/// Keywords of `bind`/`server` lines that take one value (so the value is skipped).
const VALUED: &[&str] = &[
    "crt",
    "crt-list",
    "ca-file",
    "crl-file",
    "ca-verify-file",
    "ca-sign-file",
    "ca-sign-pass",
    "ca-ignore-err",
    "crt-ignore-err",
    "alpn",
    "npn",
    "name",
    "id",
    "process",
    "thread",
    "maxconn",
    "backlog",
    "mss",
    "interface",
    "namespace",
    "nice",
    "tcp-ut",
    "uid",
    "gid",
    "user",
    "group",
    "mode",
    "level",
    "severity-output",
    "accept-netscaler-cip",
    "sigalgs",
    "client-sigalgs",
    "proto",
    "label",
    "verify",
    "sni",
    "verifyhost",
    "addr",
    "port",
    "inter",
    "fastinter",
    "downinter",
    "rise",
    "fall",
    "weight",
    "cookie",
    "maxqueue",
    "minconn",
    "slowstart",
    "on-error",
    "on-marked-down",
    "on-marked-up",
    "error-limit",
    "observe",
    "redir",
    "source",
    "usesrc",
    "check-sni",
    "check-alpn",
    "check-proto",
    "proxy-v2-options",
    "resolvers",
    "resolve-prefer",
    "resolve-net",
    "init-addr",
    "pool-max-conn",
    "pool-purge-delay",
    "pool-low-conn",
    "max-reuse",
    "agent-port",
    "agent-inter",
    "agent-send",
    "agent-addr",
    "track",
    "namespace",
    "tfo",
    "ws",
    "shard",
    "guid",
    "quic-cc-algo",
    "idle-ping",
    "hash-key",
    "set-proxy-v2-tlv-fmt",
];

/// What one `bind` or `server` line says.
#[derive(Default, Clone)]
struct LineOpts {
    ssl: bool,
    opts: SslOpts,
    crts: Vec<String>,
    ca_file: Option<String>,
    verify: Option<String>,
    sni: bool,
    verifyhost: bool,
}

fn read_line_opts(cx: &mut ParseCx, src: &SourceFile, words: &[Word], from: usize, origin: &Origin) -> LineOpts {
    let mut l = LineOpts::default();
    let mut i = from;
    while i < words.len() {
        let n = ssl_option(words, i, &mut l.opts, origin, cx, src);
        if n > 0 {
            i += n;
            continue;
        }
        let key = lowercase(&words[i].text);
        let val = words.get(i + 1).map(|w| w.text.to_string());
        match key.as_ref() {
            "ssl" => l.ssl = true,
            "no-ssl" => l.ssl = false,
            "crt" => l.crts.extend(val.clone()),
            "ca-file" => l.ca_file = val.clone(),
            "verify" => l.verify = val.clone().map(|v| v.to_ascii_lowercase()),
            "sni" => l.sni = true,
            "verifyhost" => l.verifyhost = true,
            _ => {}
        }
        i += if VALUED.contains(&key.as_ref()) { 2 } else { 1 };
    }
    l
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    None,
    Global,
    Defaults,
    Proxy,
    /// `resolvers`, `userlist`, `peers`, ...: recognised, nothing TLS in them.
    Skipped,
}

/// Global settings.
#[derive(Default)]
struct Global {
    bind: SslOpts,
    server: SslOpts,
    dh_file: At<String>,
    dh_bits: At<u32>,
    server_verify: At<String>,
    httpclient_verify: At<String>,
    crt_base: Option<String>,
    ca_base: Option<String>,
}

/// A `defaults` section: what proxies after it inherit.
#[derive(Clone, Default)]
struct Defaults<'a> {
    name: Option<String>,
    mode: Option<String>,
    default_server: Vec<Word<'a>>,
}

/// A frontend/backend/listen section being read.
struct Proxy<'a> {
    kind: String,
    name: String,
    origin: Origin,
    mode: Option<String>,
    binds: Vec<(Vec<Word<'a>>, Origin)>,
    servers: Vec<(Vec<Word<'a>>, Origin)>,
    default_server: Vec<Word<'a>>,
    /// (sets the header, value, origin) for Strict-Transport-Security.
    hsts: Vec<(bool, String, Origin)>,
    /// The first `stats` line: the proxy serves HAProxy's statistics page.
    stats: Option<Origin>,
    /// `acl`, `http-request`, `tcp-request` lines: access may be restricted in ways kensa
    /// does not evaluate.
    access_rules: bool,
}

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    cx.model.device = Some(Device {
        product: "haproxy".into(),
        hostname: None,
        is_network_device: false,
        origin: src.origin(0, 0),
        source_routing: None,
    });
    let mut global = Global::default();
    let mut defaults: Vec<Defaults> = Vec::new();
    let mut section = Section::None;
    let mut proxy: Option<Proxy> = None;
    let mut conds = Conditions::default();
    for (start, line) in lex::physical(&src.text) {
        let (words, open_quote) = lex::words(start, line, SYNTAX);
        let Some(first) = words.first() else { continue };
        if first.text.starts_with('.') {
            conds.directive(cx, src, start, line.trim());
            continue;
        }
        if !conds.active() {
            continue; // a branch the device does not take
        }
        if open_quote {
            cx.diag(DiagLevel::Warning, src, first.start, DiagKind::UnterminatedQuote);
        }
        // The line itself is the evidence; made only for the lines a setting keeps (most
        // lines of a HAProxy config set nothing kensa judges). Inside a condition kensa
        // cannot evaluate, it says so.
        let conditional = conds.note();
        let origin = || {
            let o = src.origin(start, start + line.len());
            match &conditional {
                Some(n) => o.with_note(n.clone()),
                None => o,
            }
        };
        let key = lowercase(&first.text);
        let arg = |i: usize| words.get(i).map(|w| w.text.to_string());
        // Section headers.
        match key.as_ref() {
            "global" => {
                finish(cx, src, proxy.take(), &global);
                section = Section::Global;
                continue;
            }
            "defaults" => {
                finish(cx, src, proxy.take(), &global);
                section = Section::Defaults;
                let name = arg(1).filter(|n| n != "from");
                let base = from_defaults(&words, &defaults).cloned().unwrap_or_default();
                defaults.push(Defaults { name, ..base });
                continue;
            }
            "frontend" | "backend" | "listen" => {
                finish(cx, src, proxy.take(), &global);
                section = Section::Proxy;
                let d = from_defaults(&words, &defaults).cloned().unwrap_or_default();
                let origin = origin();
                let mut p = Proxy {
                    kind: key.to_string(),
                    name: arg(1).unwrap_or_else(|| "-".into()),
                    origin: origin.clone(),
                    mode: d.mode.clone(),
                    binds: Vec::new(),
                    servers: Vec::new(),
                    default_server: d.default_server.clone(),
                    hsts: Vec::new(),
                    stats: None,
                    access_rules: false,
                };
                // Old style `listen name addr:port`.
                if key == "listen" {
                    if let Some(a) = words.get(2).filter(|w| w.text != "from") {
                        p.binds.push((vec![first.clone(), a.clone()], origin.clone()));
                    }
                }
                proxy = Some(p);
                continue;
            }
            "resolvers" | "userlist" | "peers" | "program" | "http-errors" | "cache" | "ring" | "mailers" | "log-forward" | "crt-store" | "traces" | "acme"
            | "namespace_list" | "dynamic-update" => {
                finish(cx, src, proxy.take(), &global);
                section = Section::Skipped;
                continue;
            }
            _ => {}
        }
        if !is_keyword(&first.text) {
            cx.unrecognized(src, first.start, line.trim());
            continue;
        }
        match section {
            Section::None => cx.diag(
                DiagLevel::Warning,
                src,
                first.start,
                DiagKind::Syntax {
                    detail: format!("'{}' outside of any section", first.text),
                },
            ),
            Section::Skipped => {}
            Section::Global => global_line(cx, src, &key, &words, &origin, &mut global),
            Section::Defaults => {
                if let Some(d) = defaults.last_mut() {
                    match key.as_ref() {
                        "mode" => d.mode = arg(1),
                        "default-server" => d.default_server = words[1..].to_vec(),
                        _ => {}
                    }
                }
            }
            Section::Proxy => {
                if let Some(p) = proxy.as_mut() {
                    match key.as_ref() {
                        "stats" => stats_line(cx, src, &words, (start, start + line.len()), p),
                        "acl" | "http-request" | "tcp-request" => p.access_rules = true,
                        _ => {}
                    }
                    proxy_line(&key, &words, &origin, p);
                }
            }
        }
    }
    conds.end(cx, src);
    finish(cx, src, proxy.take(), &global);
    httpclient(cx, &global);
    judge_inherited(cx, src, &global);
}

/// Whether a condition holds, as far as kensa can know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Truth {
    Yes,
    No,
    /// Depends on the device (its environment, build or library).
    Unknown,
}

/// One open `.if` ... `.endif` block.
struct Block {
    /// Whether an earlier branch of the chain is (or may be) taken.
    taken: Truth,
    /// Whether the current branch is.
    current: Truth,
    /// The current branch's directive as written and its line, for evidence.
    condition: String,
    line: u32,
    /// Where the `.if` is, for a diagnostic when `.endif` never comes.
    at: usize,
    /// Whether every enclosing branch is read, and the innermost enclosing block whose
    /// branch kensa cannot evaluate: kept per block so that each line costs O(1) however
    /// deep a hostile file nests.
    outer_active: bool,
    outer_unknown: Option<usize>,
}

/// HAProxy's conditional blocks (configuration.txt "2.4. Conditional blocks", 2.4+):
/// `.if`/`.elif`/`.else`/`.endif` around any lines, and the `.notice`, `.warning`,
/// `.alert`, `.diag` messages, which change nothing kensa judges.
///
/// kensa evaluates what needs no knowledge of the device: `0`, `1` and other numbers
/// (empty and `0` are false), `!`, `&&`, `||`, and `version_atleast()` /
/// `version_before()` when kensa.toml `[assume] haproxy` pins the release. A branch known
/// false is skipped as HAProxy skips it. Everything else (`defined()`, `feature()`,
/// `streq()` of `"$VAR"`, `openssl_version_*()`, `enabled()`) depends on the device's
/// environment, build or library, which a copied configuration does not show: such a
/// branch is judged as if it were taken, and the evidence of every setting in it says that
/// it applies only if the condition holds (docs/vendor-defaults.md, HAProxy).
#[derive(Default)]
struct Conditions {
    stack: Vec<Block>,
}

impl Conditions {
    /// Whether lines here are read (no enclosing branch is known not taken).
    fn active(&self) -> bool {
        self.stack.last().is_none_or(|b| b.outer_active && b.current != Truth::No)
    }

    /// The innermost open block whose current branch kensa cannot evaluate.
    fn unknown(&self) -> Option<usize> {
        let b = self.stack.last()?;
        if b.current == Truth::Unknown {
            Some(self.stack.len() - 1)
        } else {
            b.outer_unknown
        }
    }

    /// The note for a line inside a branch kensa could not evaluate (the innermost).
    fn note(&self) -> Option<Note> {
        let b = &self.stack[self.unknown()?];
        Some(Note::Conditional {
            condition: b.condition.as_str().into(),
            line: b.line.to_string().into(),
        })
    }

    /// A line starting with `.`.
    fn directive(&mut self, cx: &mut ParseCx, src: &SourceFile, at: usize, text: &str) {
        // `.if streq(0, 1)  # example`: the comment is not part of the condition.
        let text = text.find(" #").or_else(|| text.find("\t#")).map_or(text, |i| text[..i].trim_end());
        let (word, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let line = src.line_col(at).0;
        let syntax = |cx: &mut ParseCx, detail: String| cx.diag(DiagLevel::Error, src, at, DiagKind::Syntax { detail });
        match word {
            ".if" => {
                // Inside a branch not taken, nothing is evaluated.
                let outer_active = self.active();
                let t = if outer_active { eval(cx, rest) } else { Truth::No };
                let outer_unknown = self.unknown();
                self.stack.push(Block {
                    taken: t,
                    current: t,
                    condition: text.to_string(),
                    line,
                    at,
                    outer_active,
                    outer_unknown,
                });
            }
            ".elif" | ".else" => {
                let Some(b) = self.stack.last_mut() else {
                    return syntax(cx, format!("{word} without .if"));
                };
                let this = if word == ".else" {
                    Truth::Yes
                } else if b.outer_active {
                    eval(cx, rest)
                } else {
                    Truth::No
                };
                b.current = match (b.taken, this) {
                    (Truth::Yes, _) | (_, Truth::No) => Truth::No,
                    (Truth::No, t) => t,
                    (Truth::Unknown, _) => Truth::Unknown,
                };
                b.taken = match (b.taken, b.current) {
                    (Truth::Yes, _) | (_, Truth::Yes) => Truth::Yes,
                    (Truth::No, Truth::No) => Truth::No,
                    _ => Truth::Unknown,
                };
                b.condition = text.to_string();
                b.line = line;
            }
            ".endif" => {
                if self.stack.pop().is_none() {
                    syntax(cx, ".endif without .if".into());
                }
            }
            ".notice" | ".warning" | ".alert" | ".diag" => {}
            _ => cx.unrecognized(src, at, text),
        }
    }

    /// At the end of the file: HAProxy refuses a `.if` that is never closed.
    fn end(&mut self, cx: &mut ParseCx, src: &SourceFile) {
        if let Some(b) = self.stack.first() {
            let detail = format!("{} is not closed by .endif", b.condition);
            cx.diag(DiagLevel::Error, src, b.at, DiagKind::Syntax { detail });
        }
        self.stack.clear();
    }
}

/// `a || b` (`decides` is Yes) or `a && b` (`decides` is No): one part that decides settles
/// it, every part the other way settles it the other way, anything else stays unknown.
fn combine(parts: impl Iterator<Item = Truth>, decides: Truth) -> Truth {
    let other = if decides == Truth::Yes { Truth::No } else { Truth::Yes };
    let mut all_other = true;
    for t in parts {
        if t == decides {
            return decides;
        }
        all_other &= t == other;
    }
    if all_other {
        other
    } else {
        Truth::Unknown
    }
}

/// A `.if` condition, as far as kensa can know it without the device (see [`Conditions`]).
fn eval(cx: &ParseCx, cond: &str) -> Truth {
    let cond = cond.trim();
    // `||` binds less tightly than `&&`.
    for (op, decides) in [("||", Truth::Yes), ("&&", Truth::No)] {
        if cond.contains(op) {
            return combine(cond.split(op).map(|c| eval(cx, c)), decides);
        }
    }
    // Negations counted, not recursed into: a hostile `.if !!!…` must not exhaust the stack.
    let negated = cond.trim_start_matches(['!', ' ', '\t']);
    if negated.len() != cond.len() {
        let odd = cond[..cond.len() - negated.len()].matches('!').count() % 2 == 1;
        return match (eval(cx, negated), odd) {
            (Truth::Yes, true) => Truth::No,
            (Truth::No, true) => Truth::Yes,
            (t, _) => t,
        };
    }
    let term = cond.trim_matches('"');
    if term.is_empty() {
        return Truth::No;
    }
    if let Ok(n) = term.parse::<i64>() {
        return if n == 0 { Truth::No } else { Truth::Yes };
    }
    let call = |name: &str| {
        term.strip_prefix(name)
            .and_then(|r| r.strip_prefix('('))
            .and_then(|r| r.strip_suffix(')'))
            .map(|a| a.trim().trim_matches('"'))
    };
    let pinned = cx.assumed_release("haproxy").and_then(crate::formats::release_number);
    let versus = |arg: &str| Some((pinned?, crate::formats::release_number(arg)?));
    // Strings compared without a variable in them are constants.
    let pair = |name: &str| {
        let args = call(name).filter(|a| !a.contains('$'))?;
        let (a, b) = args.split_once(',')?;
        Some(a.trim().trim_matches('"') == b.trim().trim_matches('"'))
    };
    if let Some(eq) = pair("streq") {
        return if eq { Truth::Yes } else { Truth::No };
    }
    if let Some(eq) = pair("strneq") {
        return if eq { Truth::No } else { Truth::Yes };
    }
    if let Some((running, asked)) = call("version_atleast").and_then(versus) {
        return if running >= asked { Truth::Yes } else { Truth::No };
    }
    if let Some((running, asked)) = call("version_before").and_then(versus) {
        return if running < asked { Truth::Yes } else { Truth::No };
    }
    Truth::Unknown
}

/// A `stats` line of a proxy. `stats auth <user>:<password>` holds a password in clear
/// (HAProxy configuration manual, "stats auth"): it is measured, never kept, and the
/// evidence shows the user only.
fn stats_line(cx: &mut ParseCx, src: &SourceFile, words: &[Word], span: (usize, usize), p: &mut Proxy) {
    let origin = || src.origin(span.0, span.1);
    if words.get(1).is_some_and(|w| w.text.eq_ignore_ascii_case("auth")) {
        let cred = words.get(2).map_or("", |w| w.text.as_ref());
        let (user, pass) = cred.split_once(':').unwrap_or((cred, ""));
        let shown = format!("stats auth {user}:{}", crate::formats::vpn_common::MASK);
        let o = src.origin_showing(span.0, span.1, &shown);
        let subject = format!("haproxy {} {} stats user {user}", p.kind, p.name);
        let record = crate::formats::SecretRecord::new(SecretKind::Password, SecretStorage::Plaintext, subject, o.clone());
        cx.secret(record.value(pass).account(user).plaintext_format());
        p.stats.get_or_insert(o);
    } else {
        p.stats.get_or_insert_with(origin);
    }
}

/// `httpclient.ssl.verify none` (global): HAProxy's internal HTTP client (Lua, ACME,
/// health checks) does not check the servers it talks to. Default `required`.
fn httpclient(cx: &mut ParseCx, g: &Global) {
    let Some((v, o)) = &g.httpclient_verify else { return };
    let none = Setting::explicit(v != "required", o.clone());
    if !none.value {
        return;
    }
    let versions = Setting::explicit(Vec::new(), o.clone());
    let mut ep = TlsEndpoint::new("haproxy httpclient".into(), TlsRole::Client, TlsService::Other, o.clone(), versions);
    ep.verify_peer = Some(Setting::explicit(false, o.clone()));
    cx.model.tls_endpoints.push(ep);
}

/// The statistics page of a proxy as a management service: cleartext HTTP when a bind of
/// the proxy has no `ssl`.
fn stats_service(cx: &mut ParseCx, p: &Proxy, plain_bind: Option<&Origin>) {
    let Some(stats) = &p.stats else { return };
    let (protocol, origin) = match plain_bind {
        Some(b) => (MgmtProtocol::Http, b.clone()),
        None => (MgmtProtocol::Https, stats.clone()),
    };
    let reachable = if p.access_rules {
        Reachability::Restricted(vec!["acl / http-request rules (not evaluated)".into()])
    } else {
        Reachability::Unrestricted
    };
    cx.model.mgmt_services.push(MgmtService {
        subject: format!("haproxy {} {} stats page", p.kind, p.name),
        protocol,
        origin: origin.clone(),
        enabled: Setting::explicit(true, stats.clone()),
        reachable_from: Setting::explicit(reachable, origin),
        version: None,
        strong_auth: None,
    });
}

/// The OpenSSL-style settings of a `bind ... ssl` (or of the global defaults binds inherit).
fn bind_spec(
    opts: &SslOpts,
    versions: Setting<Vec<TlsVersion>>,
    origin: &Origin,
    g: &Global,
    dhparam: Option<Setting<String>>,
    certificates: Vec<(String, Origin)>,
) -> OpensslTls {
    OpensslTls {
        versions,
        cipher_string: set_or(opts.ciphers.as_ref(), "DEFAULT", origin, "ciphers"),
        tls13_suites: set_or(opts.ciphersuites.as_ref(), tls_common::OPENSSL_DEFAULT_TLS13, origin, "ciphersuites"),
        groups: set_or(opts.curves.as_ref(), "auto", origin, "curves"),
        dhparam,
        dhe_without_file: true,
        builtin_dh_bits: Some(g.dh_bits.as_ref().map_or(DEFAULT_DH_BITS, |(b, _)| *b)),
        certificates,
    }
}

/// Who inherits `ssl-default-bind-*` settings judged where no `bind ... ssl` of the input does.
const INHERITED: Note = Note::Inherited(InheritedBy::HaproxyBind);

/// `global` `ssl-default-bind-*` settings that no `bind ... ssl` of this input inherits:
/// judged as the bind that every one not overriding them would be, each finding at the
/// directive. When a bind inherits them, its own findings already cover them.
fn judge_inherited(cx: &mut ParseCx, src: &SourceFile, g: &Global) {
    fn noted<T: Clone>(a: &At<T>) -> At<T> {
        a.as_ref().map(|(v, o)| (v.clone(), o.with_note(INHERITED)))
    }
    fn set<T>(a: &At<T>) -> Option<&Origin> {
        a.as_ref().map(|x| &x.1)
    }
    let b = &g.bind;
    if cx.model.tls_endpoints.iter().any(|e| e.role == TlsRole::Server) {
        return;
    }
    let first = tls_common::first_origin([
        set(&b.min),
        set(&b.max),
        set(&b.force),
        set(&b.ciphers),
        set(&b.ciphersuites),
        set(&b.curves),
        b.no.first().map(|x| &x.1),
    ]);
    let Some(anchor) = first.map(|o| o.with_note(INHERITED)) else {
        return;
    };
    let opts = SslOpts {
        min: noted(&b.min),
        max: noted(&b.max),
        no: b.no.iter().map(|(v, o)| (*v, o.with_note(INHERITED))).collect(),
        force: noted(&b.force),
        ciphers: noted(&b.ciphers),
        ciphersuites: noted(&b.ciphersuites),
        curves: noted(&b.curves),
        prefer_client: noted(&b.prefer_client),
    };
    let versions = opts.versions(cx, Side::Bind, "haproxy global ssl-default-bind", &anchor);
    let mut ep = TlsEndpoint::new(
        "haproxy global ssl-default-bind".into(),
        TlsRole::Server,
        TlsService::Other,
        anchor.clone(),
        versions.clone(),
    );
    let dhparam = g.dh_file.as_ref().map(|(v, o)| Setting::explicit(v.clone(), o.clone()));
    tls_common::fill_endpoint(cx, src, &mut ep, bind_spec(&opts, versions, &anchor, g, dhparam, Vec::new()));
    // Client certificates, HSTS and stapling are each bind's and frontend's own.
    ep.client_auth = None;
    ep.hsts = None;
    ep.ocsp_stapling = None;
    ep.server_preference = opts.prefer_client.as_ref().map(|(_, o)| Setting::explicit(false, o.clone()));
    cx.model.tls_endpoints.push(ep);
}

/// `... from NAME`: the named defaults; otherwise the last defaults section.
fn from_defaults<'d, 'a>(words: &[Word], defaults: &'d [Defaults<'a>]) -> Option<&'d Defaults<'a>> {
    match words.iter().position(|w| w.text == "from").and_then(|i| words.get(i + 1)) {
        Some(n) => defaults.iter().rev().find(|d| d.name.as_deref() == Some(n.text.as_ref())),
        None => defaults.last(),
    }
}

/// A plausible HAProxy keyword.
fn is_keyword(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '(' | ')' | ','))
}

fn global_line(cx: &mut ParseCx, src: &SourceFile, key: &str, words: &[Word], origin: &dyn Fn() -> Origin, g: &mut Global) {
    let arg = words.get(1).map(|w| w.text.to_string());
    match key {
        "ssl-default-bind-ciphers" => g.bind.ciphers = arg.map(|v| (v, origin())),
        "ssl-default-bind-ciphersuites" => g.bind.ciphersuites = arg.map(|v| (v, origin())),
        "ssl-default-bind-curves" => g.bind.curves = arg.map(|v| (v, origin())),
        "ssl-default-server-ciphers" => g.server.ciphers = arg.map(|v| (v, origin())),
        "ssl-default-server-ciphersuites" => g.server.ciphersuites = arg.map(|v| (v, origin())),
        "ssl-default-server-curves" => g.server.curves = arg.map(|v| (v, origin())),
        "ssl-default-bind-options" | "ssl-default-server-options" => {
            let mut o = SslOpts::default();
            let at = origin();
            let mut i = 1;
            while i < words.len() {
                let n = ssl_option(words, i, &mut o, &at, cx, src);
                i += n.max(1);
            }
            let slot = if key == "ssl-default-bind-options" { &mut g.bind } else { &mut g.server };
            let (ciphers, suites, curves) = (slot.ciphers.take(), slot.ciphersuites.take(), slot.curves.take());
            *slot = SslOpts {
                ciphers,
                ciphersuites: suites,
                curves,
                ..o
            };
        }
        "ssl-dh-param-file" => g.dh_file = arg.map(|v| (v, origin())),
        "tune.ssl.default-dh-param" => match arg.as_deref().map(str::parse::<u32>) {
            Some(Ok(b)) => g.dh_bits = Some((b, origin())),
            _ => cx.diag(
                DiagLevel::Warning,
                src,
                words[0].start,
                DiagKind::BadValue {
                    directive: key.into(),
                    value: arg.unwrap_or_default(),
                },
            ),
        },
        "ssl-server-verify" => g.server_verify = arg.map(|v| (v.to_ascii_lowercase(), origin())),
        "httpclient.ssl.verify" => g.httpclient_verify = arg.map(|v| (v.to_ascii_lowercase(), origin())),
        "crt-base" => g.crt_base = arg,
        "ca-base" => g.ca_base = arg,
        _ => {}
    }
}

fn proxy_line<'a>(key: &str, words: &[Word<'a>], origin: &dyn Fn() -> Origin, p: &mut Proxy<'a>) {
    match key {
        "mode" => p.mode = words.get(1).map(|w| w.text.to_ascii_lowercase()),
        "bind" => p.binds.push((words.to_vec(), origin())),
        "server" => p.servers.push((words.to_vec(), origin())),
        "default-server" => p.default_server = words[1..].to_vec(),
        "http-response" | "http-after-response" => {
            let action = words.get(1).map(|w| w.text.to_ascii_lowercase()).unwrap_or_default();
            let header = words.get(2).map(|w| w.text.as_ref()).unwrap_or("");
            if header.eq_ignore_ascii_case("strict-transport-security") {
                match action.as_str() {
                    "set-header" | "add-header" => p.hsts.push((true, words.get(3).map(|w| w.text.to_string()).unwrap_or_default(), origin())),
                    "del-header" => p.hsts.push((false, String::new(), origin())),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Prefixes `crt-base`/`ca-base` to a relative path.
fn based(base: &Option<String>, written: &str) -> String {
    match base {
        Some(b) if !Path::new(written).is_absolute() => {
            format!("{}/{written}", b.trim_end_matches('/'))
        }
        _ => written.to_string(),
    }
}

/// The certificate files a `crt` names: the file, or the files of a directory.
fn crt_files(cx: &ParseCx, src: &SourceFile, written: &str) -> Vec<String> {
    let Some(dir) = cx.resolve(src, written).iter().find(|p| crate::memo::is_dir(p)).cloned() else {
        return vec![written.to_string()];
    };
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .filter(|p| !matches!(p.extension().and_then(|e| e.to_str()), Some("key" | "ocsp" | "issuer" | "sctl")))
                .map(|p| p.to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files.truncate(MAX_DIR_CERTS);
    files
}

/// Lowers one finished frontend/backend/listen section.
fn finish(cx: &mut ParseCx, src: &SourceFile, p: Option<Proxy>, g: &Global) {
    let Some(p) = p else { return };
    let service = if p.mode.as_deref() == Some("http") {
        TlsService::Http
    } else {
        TlsService::Other
    };
    let mut plain_bind = None;
    for (words, origin) in &p.binds {
        let l = read_line_opts(cx, src, words, 2, origin);
        if !l.ssl {
            plain_bind.get_or_insert(origin);
            continue;
        }
        let addr = words.get(1).map_or("*", |w| w.text.as_ref());
        let subject = format!("haproxy {} {} {addr}", p.kind, p.name);
        let opts = l.opts.over(&g.bind);
        // QUIC carries TLS 1.3 and nothing older (RFC 9001 section 4.2): `ssl-min-ver`
        // and its release-dependent default do not apply to `quic4@`/`quic6@` binds.
        let versions = if addr.starts_with("quic4@") || addr.starts_with("quic6@") {
            Setting::explicit(vec![TlsVersion::Tls13], origin.clone())
        } else {
            opts.versions(cx, Side::Bind, &subject, origin)
        };
        let mut ep = TlsEndpoint::new(subject, TlsRole::Server, service, origin.clone(), versions.clone());
        let mut certificates = Vec::new();
        for c in &l.crts {
            for f in crt_files(cx, src, &based(&g.crt_base, c)) {
                certificates.push((f, origin.clone()));
            }
        }
        let mut dhparam = g.dh_file.as_ref().map(|(v, o)| Setting::explicit(v.clone(), o.clone()));
        if dhparam.is_none() {
            if let Some((f, o)) = certificates.first() {
                if let Some(Ok(_)) = crate::certs::load_dh_bits(&cx.resolve(src, f)) {
                    dhparam = Some(Setting::explicit(f.clone(), o.clone()));
                }
            }
        }
        tls_common::fill_endpoint(cx, src, &mut ep, bind_spec(&opts, versions, origin, g, dhparam, certificates));
        ep.client_auth = Some(match l.verify.as_deref() {
            Some("required") => Setting::explicit(ClientAuth::Required, origin.clone()),
            Some("optional") => Setting::explicit(ClientAuth::Optional, origin.clone()),
            Some(_) => Setting::explicit(ClientAuth::None, origin.clone()),
            None => Setting::default_at(ClientAuth::None, origin.with_note(Note::not_set_value("verify", "none"))),
        });
        if matches!(l.verify.as_deref(), Some("required" | "optional")) {
            ep.client_ca = l.ca_file.as_ref().map(|c| Setting::explicit(based(&g.ca_base, c), origin.clone()));
        }
        ep.server_preference = Some(match &opts.prefer_client {
            Some((_, o)) => Setting::explicit(false, o.clone()),
            None => Setting::default_at(true, origin.clone()),
        });
        ep.ocsp_stapling = None;
        if service == TlsService::Http {
            let sts = p.hsts.iter().fold(None, |acc, (set, v, o)| if *set { Some((v, o)) } else { acc.and(None) });
            ep.hsts = Some(match sts {
                Some((v, o)) => Setting::explicit(tls_common::parse_hsts(v), o.clone()),
                None => Setting::default_at(None, p.origin.with_note(Note::absent("http-response set-header Strict-Transport-Security"))),
            });
        }
        cx.model.tls_endpoints.push(ep);
    }
    stats_service(cx, &p, plain_bind);
    for (words, origin) in &p.servers {
        // default-server options first, the server line's own after them (they win).
        let mut all: Vec<Word> = words.iter().take(3).cloned().collect();
        all.extend(p.default_server.iter().cloned());
        all.extend(words.iter().skip(3).cloned());
        let l = read_line_opts(cx, src, &all, 3, origin);
        if !l.ssl {
            continue;
        }
        let name = words.get(1).map_or("-", |w| w.text.as_ref());
        let addr = words.get(2).map_or("-", |w| w.text.as_ref());
        let subject = format!("haproxy {} {} server {name} {addr}", p.kind, p.name);
        let opts = l.opts.over(&g.server);
        let versions = opts.versions(cx, Side::Server, &subject, origin);
        let mut ep = TlsEndpoint::new(subject, TlsRole::Client, service, origin.clone(), versions.clone());
        let ciphers = set_or(opts.ciphers.as_ref(), "DEFAULT", origin, "ciphers");
        let tls13 = set_or(opts.ciphersuites.as_ref(), tls_common::OPENSSL_DEFAULT_TLS13, origin, "ciphersuites");
        let groups = set_or(opts.curves.as_ref(), "auto", origin, "curves");
        let spec = OpensslTls::client(versions, ciphers, tls13, groups);
        tls_common::fill_endpoint(cx, src, &mut ep, spec);
        let verify = match (&l.verify, &g.server_verify) {
            (Some(v), _) => Setting::explicit(v == "required", origin.clone()),
            (None, Some((v, o))) => Setting::explicit(v == "required", o.clone()),
            (None, None) => Setting::default_at(true, origin.with_note(Note::not_set_default_of("verify", "ssl-server-verify", "required"))),
        };
        if verify.value && l.ca_file.is_none() {
            cx.diag(
                DiagLevel::Warning,
                src,
                origin.span.0,
                DiagKind::Syntax {
                    detail: format!("server {name}: verify is required but no ca-file is given (HAProxy refuses to start)"),
                },
            );
        }
        ep.verify_name = Some(Setting {
            value: verify.value && (l.sni || l.verifyhost),
            origin: verify.origin.clone(),
            defaulted: verify.defaulted,
        });
        ep.verify_peer = Some(verify);
        ep.trusted_ca = l.ca_file.as_ref().map(|c| Setting::explicit(based(&g.ca_base, c), origin.clone()));
        ep.presents_client_cert = Some(if l.crts.is_empty() {
            Setting::default_at(false, origin.clone())
        } else {
            Setting::explicit(true, origin.clone())
        });
        cx.model.tls_endpoints.push(ep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{parse_text, Format, ParsedInput};
    use crate::model::TlsVersion::*;

    fn parse(text: &str) -> ParsedInput {
        parse_text(Format::Haproxy, "test/haproxy.cfg", text)
    }

    use crate::formats::syntax_diagnostics as syntax;

    #[test]
    fn bind_defaults() {
        let p = parse("defaults\n  mode http\nfrontend fe\n  bind :443 ssl crt /nonexistent/site.pem\n");
        assert!(syntax(&p).is_empty(), "{:?}", p.diagnostics);
        let e = &p.model.tls_endpoints[0];
        assert_eq!(e.subject, "haproxy frontend fe :443");
        assert_eq!((e.role, e.service), (TlsRole::Server, TlsService::Http));
        assert!(e.versions.defaulted);
        assert!(!e.enables(Tls11) && !e.enables(Tls10));
        assert_eq!(e.client_auth.as_ref().map(|s| (s.value, s.defaulted)), Some((ClientAuth::None, true)));
        assert_eq!(e.server_preference.as_ref().map(|s| s.value), Some(true));
        assert!(e.hsts.as_ref().is_some_and(|h| h.value.is_none() && h.defaulted));
        assert_eq!(e.dh_bits.as_ref().map(|d| d.value), Some(2048));
        // The missing certificate is an info diagnostic.
        assert!(p
            .diagnostics
            .iter()
            .any(|d| d.level == DiagLevel::Info && matches!(d.kind, DiagKind::FileReferenced { .. })));
    }

    /// A global cipher list is judged for every bind that uses it; its warning is given once.
    #[test]
    fn a_shared_setting_is_warned_about_once() {
        let p = parse("global\n  ssl-default-bind-ciphers HIGH:NOT-A-SUITE\nfrontend a\n  bind :443 ssl crt x.pem\n  bind :8443 ssl crt x.pem\n");
        assert_eq!(p.model.tls_endpoints.len(), 2);
        let unknown: Vec<_> = p
            .diagnostics
            .iter()
            .filter(|d| matches!(d.kind, DiagKind::UnknownCipherTokens { .. }))
            .collect();
        assert_eq!(unknown.len(), 1, "{:?}", p.diagnostics);
        assert_eq!(unknown[0].line, 2);
    }

    #[test]
    fn global_defaults_and_bind_overrides() {
        let p = parse(
            "global\n  ssl-default-bind-ciphers HIGH\n  ssl-default-bind-options ssl-min-ver TLSv1.0 no-tls-tickets\n  tune.ssl.default-dh-param 1024\n\
             frontend a\n  mode tcp\n  bind :443 ssl crt x.pem\n  bind :8443 ssl crt x.pem ssl-min-ver TLSv1.2 verify required ca-file ca.pem\n  bind :80\n",
        );
        let eps = &p.model.tls_endpoints;
        assert_eq!(eps.len(), 2);
        assert_eq!(eps[0].service, TlsService::Other);
        assert_eq!(eps[0].versions.value, vec![Tls10, Tls11, Tls12, Tls13]);
        assert_eq!(eps[0].versions.origin.line, 3);
        assert_eq!(eps[0].dh_bits.as_ref().map(|d| d.value), Some(1024));
        assert_eq!(eps[1].versions.value, vec![Tls12, Tls13]);
        assert_eq!(eps[1].versions.origin.line, 8);
        assert_eq!(eps[1].client_auth.as_ref().map(|s| s.value), Some(ClientAuth::Required));
        assert_eq!(eps[1].client_ca.as_ref().map(|s| s.value.as_str()), Some("ca.pem"));
    }

    #[test]
    fn no_and_force_flags() {
        let p = parse("global\n  ssl-default-bind-ciphers HIGH\nfrontend a\n  bind :1 ssl ssl-min-ver TLSv1.0 no-tlsv10\n  bind :2 ssl force-tlsv13\n  bind :3 ssl ssl-max-ver TLSv1.2\n");
        let v: Vec<Vec<TlsVersion>> = p.model.tls_endpoints.iter().map(|e| e.versions.value.clone()).collect();
        assert_eq!(v, vec![vec![Tls11, Tls12, Tls13], vec![Tls13], vec![Tls12]]);
    }

    #[test]
    fn servers_verify_by_default_and_default_server() {
        let p = parse(
            "backend b\n  mode http\n  default-server ssl ca-file ca.pem\n  server s1 10.0.0.1:443 sni str(a.example.jp)\n  server s2 10.0.0.2:443 verify none\n  server s3 10.0.0.3:80 no-ssl\n",
        );
        let eps = &p.model.tls_endpoints;
        assert_eq!(eps.len(), 2, "{:?}", eps.iter().map(|e| &e.subject).collect::<Vec<_>>());
        assert_eq!(eps[0].subject, "haproxy backend b server s1 10.0.0.1:443");
        assert_eq!(eps[0].role, TlsRole::Client);
        assert_eq!(eps[0].verify_peer.as_ref().map(|s| (s.value, s.defaulted)), Some((true, true)));
        assert_eq!(eps[0].verify_name.as_ref().map(|s| s.value), Some(true));
        assert_eq!(eps[0].trusted_ca.as_ref().map(|s| s.value.as_str()), Some("ca.pem"));
        assert_eq!(eps[1].verify_peer.as_ref().map(|s| (s.value, s.defaulted)), Some((false, false)));
        assert_eq!(eps[1].verify_name.as_ref().map(|s| s.value), Some(false));
    }

    #[test]
    fn global_server_verify_none_and_missing_ca() {
        let p = parse("global\n  ssl-server-verify none\nbackend b\n  server s1 10.0.0.1:443 ssl\n");
        assert_eq!(
            p.model.tls_endpoints[0].verify_peer.as_ref().map(|s| (s.value, s.origin.line)),
            Some((false, 2))
        );
        let p = parse("backend b\n  server s1 10.0.0.1:443 ssl\n");
        assert!(p
            .diagnostics
            .iter()
            .any(|d| matches!(&d.kind, DiagKind::Syntax { detail } if detail.contains("no ca-file")) && d.line == 2));
    }

    #[test]
    fn hsts_from_http_response() {
        let p = parse(
            "frontend f\n  mode http\n  bind :443 ssl crt a.pem\n  http-response set-header Strict-Transport-Security max-age=31536000;\\ includeSubDomains\n",
        );
        let h = p.model.tls_endpoints[0].hsts.as_ref().and_then(|h| h.value.clone()).expect("hsts");
        assert_eq!((h.max_age, h.include_subdomains), (31536000, true));
        let p = parse("frontend f\n  mode http\n  bind :443 ssl crt a.pem\n  http-response set-header Strict-Transport-Security \"max-age=600\" # short\n");
        assert_eq!(
            p.model.tls_endpoints[0].hsts.as_ref().and_then(|h| h.value.clone()).map(|h| h.max_age),
            Some(600)
        );
    }

    #[test]
    fn listen_and_skipped_sections() {
        let p = parse("userlist admins\n  user a password $6$abc\nresolvers dns\n  nameserver d 10.0.0.53:53\nlisten l 0.0.0.0:8080\n  bind :8443 ssl crt a.pem\n  server x 10.0.0.9:8443 ssl verify none\n");
        assert_eq!(p.model.tls_endpoints.len(), 2);
        assert_eq!(p.model.tls_endpoints[0].subject, "haproxy listen l :8443");
        assert!(syntax(&p).is_empty(), "{:?}", p.diagnostics);
    }

    /// Conditional blocks (configuration.txt 2.4): a branch known false is skipped, one kensa
    /// cannot evaluate is judged with a note saying it is conditional, and none of the
    /// directives is an unrecognised line.
    #[test]
    fn conditional_blocks() {
        let base = "frontend f\n";
        let bind = "  bind :443 ssl crt a.pem ssl-min-ver TLSv1.0\n";
        let binds = |text: &str| -> Vec<String> {
            let p = parse(text);
            assert_eq!(p.unrecognized_lines, 0, "{:?}", p.diagnostics);
            p.model.tls_endpoints.iter().map(|e| e.versions.origin.evidence.to_string()).collect()
        };
        assert!(binds(&format!("{base}.if 0\n{bind}.endif\n")).is_empty());
        assert_eq!(binds(&format!("{base}.if 1  # always\n{bind}.endif\n")).len(), 1);
        assert!(binds(&format!("{base}.if streq(a,b)\n{bind}.endif\n")).is_empty());
        assert!(binds(&format!("{base}.if !streq(a,a)\n{bind}.endif\n")).is_empty());
        assert!(binds(&format!("{base}.if defined(X) && 0\n{bind}.endif\n")).is_empty());
        assert!(!binds(&format!("{base}.if defined(X) || 1\n{bind}.endif\n"))[0].contains("only if"));
        // The .else of a true branch is skipped, that of a false one read.
        assert!(binds(&format!("{base}.if 1\n.else\n{bind}.endif\n")).is_empty());
        assert_eq!(binds(&format!("{base}.if 0\n.elif 0\n.else\n{bind}.endif\n")).len(), 1);
        // Nested in a false branch: skipped whatever the inner condition.
        assert!(binds(&format!("{base}.if 0\n.if 1\n{bind}.endif\n.endif\n")).is_empty());
        // The device's environment decides: judged, and the evidence says so.
        let ev = binds(&format!("{base}.if defined(TLS_LEGACY)\n.notice \"legacy TLS\"\n{bind}.endif\n"));
        assert_eq!(ev.len(), 1);
        assert!(ev[0].contains("only if .if defined(TLS_LEGACY) at line 2 holds on the device"), "{ev:?}");
        // The .else of a condition kensa cannot evaluate is conditional too.
        let ev = binds(&format!("{base}.if feature(QUIC)\n.else\n{bind}.endif\n"));
        assert!(ev[0].contains("only if .else at line 3"), "{ev:?}");
        // Unbalanced blocks are errors, as HAProxy refuses them.
        assert!(parse(&format!("{base}.if 1\n{bind}")).error().is_some());
        assert!(parse(&format!("{base}.endif\n")).error().is_some());
        assert!(parse(&format!("{base}.else\n")).error().is_some());
        // A hostile chain of negations is counted, not recursed into.
        let many = "!".repeat(1 << 20);
        assert!(binds(&format!("{base}.if {many}1\n{bind}.endif\n")).len() == 1);
        // Deep nesting costs each line O(1): 50,000 levels and as many lines read quickly.
        let deep = format!(
            "{base}{}{}{}",
            ".if 1\n".repeat(50_000),
            "  bind :80\n".repeat(50_000),
            ".endif\n".repeat(50_000)
        );
        assert!(parse(&deep).error().is_none());
    }

    /// `version_atleast()` / `version_before()` are evaluated only with the release pinned.
    #[test]
    fn conditional_on_the_pinned_release() {
        let text = "frontend f\n.if version_atleast(2.8)\n  bind :443 ssl crt a.pem\n.endif\n";
        let binds = |pin: Option<&str>| {
            let mut cx = ParseCx::new(Path::new("h.cfg"), 0);
            if let Some(r) = pin {
                cx.assume = std::sync::Arc::new([("haproxy".to_string(), r.to_string())].into());
            }
            super::parse(&mut cx, &SourceFile::from_text("h.cfg", text.to_string()));
            let ev: Vec<String> = cx.model.tls_endpoints.iter().map(|e| e.versions.origin.evidence.to_string()).collect();
            ev
        };
        assert!(binds(Some("2.6")).is_empty());
        assert!(!binds(Some("2.8.3"))[0].contains("only if"));
        assert!(binds(None)[0].contains("only if .if version_atleast(2.8)"));
    }

    #[test]
    fn crlf_bom_comments_and_garbage() {
        let p = parse("\u{feff}# c\r\nfrontend f\r\n  bind :443 ssl crt a.pem ssl-min-ver TLSv1.3 # trailing\r\n  }}}\r\n");
        assert_eq!(p.model.tls_endpoints[0].versions.value, vec![Tls13]);
        assert_eq!(p.model.tls_endpoints[0].versions.origin.line, 3);
        assert_eq!(p.unrecognized_lines, 1);
        let p = parse("bind :443 ssl\n");
        assert!(p.diagnostics.iter().any(|d| matches!(d.kind, DiagKind::Syntax { .. })));
        let p = parse("frontend f\n  http-response set-header X \"unterminated\n");
        assert!(p.diagnostics.iter().any(|d| d.kind == DiagKind::UnterminatedQuote));
    }

    #[test]
    fn crt_directory_loads_each_file() {
        let dir = crate::testutil::temp_tree(&[
            ("certs/a.pem", "not a cert"),
            ("certs/b.pem", "not a cert"),
            ("certs/b.pem.key", "secret"),
            ("haproxy.cfg", "frontend f\n  bind :443 ssl crt certs/\n"),
        ]);
        let cfg = dir.path().join("haproxy.cfg");
        let p = crate::formats::parse_path(&cfg, &cfg.to_string_lossy(), Some(Format::Haproxy), 0);
        assert_eq!(p.model.tls_endpoints[0].certificates.len(), 2);
    }
}
