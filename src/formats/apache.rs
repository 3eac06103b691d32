//! Apache httpd 2.4 with mod_ssl (OpenSSL 3): line syntax with `\` continuations,
//! `<VirtualHost>` and the other containers, `Include`/`IncludeOptional` with globs,
//! the `SSL*` and `SSLProxy*` directives, `Header ... Strict-Transport-Security`, and
//! server-config → VirtualHost inheritance with mod_ssl's defaults when a directive is
//! absent.
//!
//! Defaults (httpd 2.4 `mod_ssl` reference and `modules/ssl/ssl_engine_{config,init}.c`):
//! - `SSLProtocol all -SSLv3`. `all` is TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 here: mod_ssl's `all`
//!   is "+SSLv3 +TLSv1 +TLSv1.1 +TLSv1.2 (+TLSv1.3 with OpenSSL 1.1.1)", SSLv3 only when the
//!   library has it — OpenSSL 3 as shipped by Debian/RHEL is built without SSLv3, and httpd
//!   ≥ 2.4.x no longer lets `all` turn it on. TLSv1/TLSv1.1 are kept although OpenSSL 3 at
//!   its default security level 1 refuses them: kensa judges what the configuration asks
//!   for, and a system crypto policy (LEGACY, `@SECLEVEL=0`) or an OpenSSL 1.1.1 build
//!   hands them out again.
//! - `SSLCipherSuite`: unset, mod_ssl uses `"!aNULL:!eNULL:!EXP:" SSL_DEFAULT_CIPHER_LIST`
//!   (`ssl_init_ctx_cipher_suite`), i.e. OpenSSL's `DEFAULT` minus anonymous, null and
//!   export suites; a configured string gets `!aNULL:!eNULL:!EXP` added the same way
//!   (`ssl_cmd_SSLCipherSuite`). TLS 1.3 suites: OpenSSL's default.
//! - `SSLHonorCipherOrder off`, `SSLVerifyClient none`, `SSLUseStapling off`,
//!   `SSLProxyVerify none`, `SSLProxyCheckPeerName on`, `SSLProxyCheckPeerCN on`.
//! - Without a DH file, mod_ssl on OpenSSL 3 lets OpenSSL pick built-in parameters matched
//!   to the certificate key (`SSL_CTX_set_dh_auto`): RSA-2048 → 2048-bit, RSA-3072/4096 →
//!   3072-bit, RSA-1024 → 1024-bit. DH parameters appended to the first
//!   `SSLCertificateFile` are used when present.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::lex::{self, Line, Word};
use crate::formats::tls_common::{self, set_or, set_or_default, version_from_name, OpensslTls};
use crate::formats::ParseCx;
use crate::i18n::notes::{InheritedBy, Note};
use crate::model::{CertificateState, ClientAuth, Device, Origin, Setting, TlsEndpoint, TlsRole, TlsService, TlsVersion};
use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Containers nested deeper than this are not tracked (real configs use 3 or 4 levels).
pub const MAX_NESTING: usize = 64;
/// mod_ssl's compile-time cipher default with OpenSSL ≥ 1.1 (see the module comment).
const DEFAULT_CIPHERS: &str = "DEFAULT:!aNULL:!eNULL:!EXP";
/// What mod_ssl adds to every configured `SSLCipherSuite`/`SSLProxyCipherSuite`.
const ALWAYS_DISABLED: &str = ":!aNULL:!eNULL:!EXP";
/// `all` as mod_ssl expands it against OpenSSL 3 (no SSLv3 compiled in).
const ALL_PROTOCOLS: [TlsVersion; 4] = [TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12, TlsVersion::Tls13];

/// A directive value together with the directive that set it.
type At<T> = Option<(T, Origin)>;

/// The TLS-relevant directives of one level (server config or one VirtualHost).
#[derive(Clone, Default)]
struct Level {
    engine: At<bool>,
    protocols: At<Vec<TlsVersion>>,
    ciphers: At<String>,
    tls13: At<String>,
    /// `SSLOpenSSLConfCmd` keys (lower-case) → value; each key inherits on its own.
    conf_cmd: BTreeMap<String, (String, Origin)>,
    certificates: Vec<(String, Origin)>,
    verify_client: At<String>,
    ca_file: At<String>,
    ca_path: At<String>,
    honor_order: At<bool>,
    stapling: At<bool>,
    /// `Header` lines naming Strict-Transport-Security: (is a set/add, value, origin).
    hsts: Vec<(bool, String, Origin)>,
    proxy_engine: At<bool>,
    proxy_protocols: At<Vec<TlsVersion>>,
    proxy_ciphers: At<String>,
    proxy_tls13: At<String>,
    proxy_verify: At<String>,
    proxy_check_name: At<bool>,
    proxy_check_cn: At<bool>,
    proxy_ca: At<String>,
    proxy_cert: At<String>,
    /// `ProxyPass`/`BalancerMember`/`RewriteRule [P]` targets over TLS.
    proxy_targets: Vec<(String, Origin)>,
}

impl Level {
    /// This VirtualHost's settings with the gaps filled from the server config (mod_ssl's
    /// `ssl_config_server_merge`: a vhost value wins, otherwise the base server's).
    fn inherit(&self, parent: &Level) -> Level {
        let mut conf_cmd = parent.conf_cmd.clone();
        conf_cmd.extend(self.conf_cmd.clone());
        let mut hsts = parent.hsts.clone();
        hsts.extend(self.hsts.iter().cloned());
        let mut proxy_targets = parent.proxy_targets.clone();
        proxy_targets.extend(self.proxy_targets.iter().cloned());
        tls_common::inherit!(self, parent => Level {
            engine, protocols, ciphers, tls13, verify_client, ca_file, ca_path, honor_order, stapling,
            proxy_engine, proxy_protocols, proxy_ciphers, proxy_tls13, proxy_verify, proxy_check_name,
            proxy_check_cn, proxy_ca, proxy_cert,
        } merged {
            conf_cmd,
            certificates: if self.certificates.is_empty() {
                parent.certificates.clone()
            } else {
                self.certificates.clone()
            },
            hsts,
            proxy_targets,
        })
    }
}

struct VHost {
    addrs: Vec<String>,
    name: Option<String>,
    level: Level,
    origin: Origin,
    /// The file the VirtualHost is in: relative certificate paths are tried next to it.
    file: Arc<str>,
}

/// What the whole configuration (top-level file and includes) said so far.
#[derive(Default)]
struct State {
    global: Level,
    vhosts: Vec<VHost>,
    /// The VirtualHost being read, if any.
    cur: Option<usize>,
    /// Depth inside `<Directory>`, `<Location>`, `<Files>`, `<Proxy>` and the like.
    dir_depth: usize,
    /// Depth inside containers whose contents do not apply (`<IfModule !ssl_module>`).
    inactive_depth: usize,
    server_root: Option<String>,
    server_name: Option<String>,
    listens: Vec<String>,
}

/// httpd's word syntax (`ap_getword_conf`): whitespace separates, a word that begins with
/// `"` or `'` runs to the matching quote (a backslash escapes the quote character). Comment
/// lines are skipped before words are split.
const SYNTAX: lex::Syntax = lex::Syntax {
    quotes: lex::Quotes::Whole,
    comment: lex::Comment::None,
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    VirtualHost,
    /// Conditional sections read as if their condition held.
    Transparent,
    /// Per-directory/per-URL scopes: only `Header` and proxy targets matter in them.
    Dir,
    /// Contents that do not apply.
    Inactive,
}

struct Open {
    name: String,
    offset: usize,
    kind: Kind,
    prev_vhost: Option<usize>,
}

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    cx.model.device = Some(Device {
        product: "apache".into(),
        hostname: None,
        is_network_device: false,
        origin: src.origin(0, 0),
        source_routing: None,
    });
    let mut st = State::default();
    parse_file(cx, src, &mut st);
    lower(cx, src, st);
}

/// Reads one file (the top-level one or an included one) into `st`. Containers must be
/// closed in the file that opens them, as in httpd.
fn parse_file(cx: &mut ParseCx, src: &SourceFile, st: &mut State) {
    let mut stack: Vec<Open> = Vec::new();
    let mut overflow = 0usize;
    for line in lex::lines(&src.text, lex::Join::Backslash) {
        let trimmed = line.text.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let lead = line.text.len() - trimmed.len();
        let at = line.file_offset(lead);
        if let Some(rest) = trimmed.strip_prefix("</") {
            let name = rest.trim_end().trim_end_matches('>').trim().to_ascii_lowercase();
            if overflow > 0 {
                overflow -= 1;
                continue;
            }
            match stack.iter().rposition(|o| o.name == name) {
                Some(pos) => {
                    while stack.len() > pos + 1 {
                        if let Some(o) = stack.pop() {
                            let (l, _) = src.line_col(o.offset);
                            cx.diag(DiagLevel::Error, src, o.offset, DiagKind::UnterminatedBlock { opened_line: l });
                            close(st, &o);
                        }
                    }
                    if let Some(o) = stack.pop() {
                        close(st, &o);
                    }
                }
                None => cx.diag(DiagLevel::Error, src, at, DiagKind::UnexpectedClose),
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('<') {
            let body = rest.trim_end();
            let Some(body) = body.strip_suffix('>') else {
                cx.diag(
                    DiagLevel::Error,
                    src,
                    at,
                    DiagKind::Syntax {
                        detail: format!("<{} is missing its closing '>'", first_word(body)),
                    },
                );
                continue;
            };
            let name = first_word(body).to_ascii_lowercase();
            let args_from = lead + 1 + first_word(body).len();
            let (args, _) = line.words_from(args_from.min(line.text.len()), SYNTAX);
            let args: Vec<String> = args
                .into_iter()
                .map(|w| w.text.trim_end_matches('>').to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if stack.len() >= MAX_NESTING {
                if overflow == 0 {
                    cx.diag(DiagLevel::Error, src, at, DiagKind::TooDeep { limit: MAX_NESTING });
                }
                overflow += 1;
                continue;
            }
            let kind = open_kind(cx, src, at, &name, &args, st);
            let prev_vhost = st.cur;
            match kind {
                Kind::VirtualHost => {
                    let origin = line.origin(src);
                    st.vhosts.push(VHost {
                        addrs: args,
                        name: None,
                        level: Level::default(),
                        origin,
                        file: src.path.clone(),
                    });
                    st.cur = Some(st.vhosts.len() - 1);
                }
                Kind::Dir => st.dir_depth += 1,
                Kind::Inactive => st.inactive_depth += 1,
                Kind::Transparent => {}
            }
            stack.push(Open {
                name,
                offset: at,
                kind,
                prev_vhost,
            });
            continue;
        }
        if st.inactive_depth > 0 {
            continue;
        }
        let (words, open_quote) = line.words_from(lead, SYNTAX);
        if open_quote {
            cx.diag(DiagLevel::Warning, src, at, DiagKind::UnterminatedQuote);
        }
        directive(cx, src, &line, &words, st);
    }
    while let Some(o) = stack.pop() {
        let (l, _) = src.line_col(o.offset);
        cx.diag(DiagLevel::Error, src, o.offset, DiagKind::UnterminatedBlock { opened_line: l });
        close(st, &o);
    }
}

fn first_word(s: &str) -> &str {
    s.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or("")
}

fn close(st: &mut State, o: &Open) {
    match o.kind {
        Kind::VirtualHost => st.cur = o.prev_vhost,
        Kind::Dir => st.dir_depth = st.dir_depth.saturating_sub(1),
        Kind::Inactive => st.inactive_depth = st.inactive_depth.saturating_sub(1),
        Kind::Transparent => {}
    }
}

fn open_kind(cx: &mut ParseCx, src: &SourceFile, at: usize, name: &str, args: &[String], st: &State) -> Kind {
    if st.inactive_depth > 0 {
        return Kind::Inactive;
    }
    match name {
        "virtualhost" => {
            if st.cur.is_some() {
                cx.diag(
                    DiagLevel::Error,
                    src,
                    at,
                    DiagKind::Syntax {
                        detail: "<VirtualHost> cannot be nested".into(),
                    },
                );
            }
            Kind::VirtualHost
        }
        "ifmodule" => {
            // Read as if every module were loaded, so `<IfModule !ssl_module>` (and
            // `!mod_ssl.c`) sections do not apply.
            let a = args.first().map(|s| s.to_ascii_lowercase()).unwrap_or_default();
            if a.starts_with('!') && a.contains("ssl") {
                Kind::Inactive
            } else {
                Kind::Transparent
            }
        }
        "ifdefine" | "ifversion" | "iffile" | "ifdirective" | "ifsection" | "else" | "elseif" | "if" => Kind::Transparent,
        "directory" | "directorymatch" | "location" | "locationmatch" | "files" | "filesmatch" | "proxy" | "proxymatch" | "limit" | "limitexcept"
        | "requireall" | "requireany" | "requirenone" | "authnprovideralias" | "authzprovideralias" | "mdomain" | "mdomainset" | "macro" => Kind::Dir,
        _ => {
            cx.unrecognized(src, at, &format!("<{name}"));
            Kind::Dir
        }
    }
}

/// A plausible httpd directive name; anything else is a line we did not understand.
fn is_directive_name(s: &str) -> bool {
    // Bytes, not chars: as in nginx's, every accepted character is ASCII.
    let b = s.as_bytes();
    matches!(b.first(), Some(c) if c.is_ascii_alphabetic()) && b[1..].iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
}

fn on_off(words: &[Word]) -> Option<bool> {
    match words.get(1)?.text.to_ascii_lowercase().as_str() {
        "on" => Some(true),
        "off" => Some(false),
        _ => None,
    }
}

fn is_tls_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("https://") || l.starts_with("wss://") || l.starts_with("h2://")
}

/// `SSLProtocol`/`SSLProxyProtocol` as `ssl_cmd_protocol_parse` reads it: each directive
/// starts from nothing; `+X` adds, `-X` removes, a bare word replaces what is there.
fn protocols(cx: &mut ParseCx, src: &SourceFile, name: &str, words: &[Word]) -> Vec<TlsVersion> {
    let mut set: Vec<TlsVersion> = Vec::new();
    for w in words {
        let (action, rest) = match w.text.chars().next() {
            Some(c @ ('+' | '-')) => (Some(c), &w.text[1..]),
            _ => (None, &*w.text),
        };
        let these: Vec<TlsVersion> = if rest.eq_ignore_ascii_case("all") {
            ALL_PROTOCOLS.to_vec()
        } else if let Some(v) = version_from_name(rest) {
            vec![v]
        } else {
            cx.diag(
                DiagLevel::Warning,
                src,
                w.start,
                DiagKind::BadValue {
                    directive: name.into(),
                    value: w.text.to_string(),
                },
            );
            continue;
        };
        match action {
            Some('-') => set.retain(|v| !these.contains(v)),
            Some(_) => set.extend(these),
            None => set = these,
        }
    }
    set.sort();
    set.dedup();
    set
}

/// Which level a directive outside `<Directory>`-like scopes writes to.
fn level_mut(st: &mut State) -> &mut Level {
    match st.cur.and_then(|i| st.vhosts.get_mut(i)) {
        Some(v) => &mut v.level,
        None => &mut st.global,
    }
}

fn directive(cx: &mut ParseCx, src: &SourceFile, line: &Line, words: &[Word], st: &mut State) {
    let Some(first) = words.first() else { return };
    let name = first.text.to_ascii_lowercase();
    let origin = || line.origin(src);
    let arg = |i: usize| words.get(i).map(|w| w.text.to_string());
    let in_dir = st.dir_depth > 0;
    match name.as_str() {
        "include" | "includeoptional" => {
            let Some(pattern) = arg(1) else { return };
            include(cx, src, first.start, &pattern, name == "includeoptional", st);
        }
        "header" => {
            // Header [always|onsuccess] set|add|append|merge|setifempty|unset NAME [VALUE] ...
            let mut i = 1;
            if words
                .get(i)
                .is_some_and(|w| matches!(w.text.to_ascii_lowercase().as_str(), "always" | "onsuccess"))
            {
                i += 1;
            }
            let action = words.get(i).map(|w| w.text.to_ascii_lowercase()).unwrap_or_default();
            let header = words.get(i + 1).map(|w| &*w.text).unwrap_or("");
            if header.eq_ignore_ascii_case("strict-transport-security") {
                match action.as_str() {
                    "set" | "add" | "append" | "merge" | "setifempty" => {
                        let v = words.get(i + 2).map(|w| w.text.to_string()).unwrap_or_default();
                        level_mut(st).hsts.push((true, v, origin()));
                    }
                    "unset" => level_mut(st).hsts.push((false, String::new(), origin())),
                    _ => {}
                }
            }
        }
        "proxypass" | "proxypassmatch" | "balancermember" => {
            // ProxyPass /path URL [k=v] outside a Location; ProxyPass URL inside one.
            let target = words.iter().skip(1).take(2).find(|w| w.text.contains("://"));
            if let Some(t) = target.filter(|t| is_tls_url(&t.text)) {
                level_mut(st).proxy_targets.push((t.text.to_string(), origin()));
            }
        }
        "rewriterule" => {
            let proxied = words.get(3).is_some_and(|f| {
                f.text
                    .trim_matches(['[', ']'])
                    .split(',')
                    .any(|x| x.eq_ignore_ascii_case("p") || x.eq_ignore_ascii_case("proxy"))
            });
            if let Some(t) = words.get(2).filter(|t| proxied && is_tls_url(&t.text)) {
                level_mut(st).proxy_targets.push((t.text.to_string(), origin()));
            }
        }
        // Per-directory SSL settings (renegotiation per URL) do not change the endpoint.
        _ if in_dir => {
            if !is_directive_name(&first.text) {
                cx.unrecognized(src, first.start, &line.text);
            }
        }
        "serverroot" => st.server_root = arg(1),
        "servername" => {
            let n = arg(1).map(|s| strip_scheme_port(&s));
            match st.cur.and_then(|i| st.vhosts.get_mut(i)) {
                Some(v) => v.name = n,
                None => st.server_name = n,
            }
        }
        "listen" if st.cur.is_none() => {
            if let Some(a) = arg(1) {
                st.listens.push(a);
            }
        }
        "sslengine" => {
            let v = arg(1).map(|s| s.eq_ignore_ascii_case("on"));
            level_mut(st).engine = v.map(|v| (v, origin()));
        }
        "sslprotocol" | "sslproxyprotocol" => {
            let v = protocols(cx, src, &first.text, &words[1..]);
            let l = level_mut(st);
            if name == "sslprotocol" {
                l.protocols = Some((v, origin()));
            } else {
                l.proxy_protocols = Some((v, origin()));
            }
        }
        "sslciphersuite" | "sslproxyciphersuite" => {
            // SSLCipherSuite [SSL|TLSv1.3] spec
            let (proto, spec) = match (arg(1), arg(2)) {
                (Some(p), Some(s)) => (p, s),
                (Some(s), None) => ("SSL".to_string(), s),
                _ => return,
            };
            let l = level_mut(st);
            let proxy = name == "sslproxyciphersuite";
            if proto.eq_ignore_ascii_case("tlsv1.3") {
                let slot = if proxy { &mut l.proxy_tls13 } else { &mut l.tls13 };
                *slot = Some((spec, origin()));
            } else if proto.eq_ignore_ascii_case("ssl") {
                let slot = if proxy { &mut l.proxy_ciphers } else { &mut l.ciphers };
                *slot = Some((format!("{spec}{ALWAYS_DISABLED}"), origin()));
            } else {
                cx.diag(
                    DiagLevel::Warning,
                    src,
                    first.start,
                    DiagKind::BadValue {
                        directive: first.text.to_string(),
                        value: proto,
                    },
                );
            }
        }
        "sslopensslconfcmd" => {
            if let (Some(k), Some(v)) = (arg(1), arg(2)) {
                level_mut(st).conf_cmd.insert(k.to_ascii_lowercase(), (v, origin()));
            }
        }
        "sslcertificatefile" => {
            if let Some(v) = arg(1) {
                let v = under_root(st, &v);
                level_mut(st).certificates.push((v, origin()));
            }
        }
        "sslverifyclient" => level_mut(st).verify_client = arg(1).map(|v| (v.to_ascii_lowercase(), origin())),
        "sslcacertificatefile" => level_mut(st).ca_file = arg(1).map(|v| (v, origin())),
        "sslcacertificatepath" => level_mut(st).ca_path = arg(1).map(|v| (v, origin())),
        "sslhonorcipherorder" => level_mut(st).honor_order = on_off(words).map(|v| (v, origin())),
        "sslusestapling" => level_mut(st).stapling = on_off(words).map(|v| (v, origin())),
        "sslproxyengine" => level_mut(st).proxy_engine = on_off(words).map(|v| (v, origin())),
        "sslproxyverify" => level_mut(st).proxy_verify = arg(1).map(|v| (v.to_ascii_lowercase(), origin())),
        "sslproxycheckpeername" => level_mut(st).proxy_check_name = on_off(words).map(|v| (v, origin())),
        "sslproxycheckpeercn" => level_mut(st).proxy_check_cn = on_off(words).map(|v| (v, origin())),
        "sslproxycacertificatefile" | "sslproxycacertificatepath" => level_mut(st).proxy_ca = arg(1).map(|v| (v, origin())),
        "sslproxymachinecertificatefile" | "sslproxymachinecertificatepath" => level_mut(st).proxy_cert = arg(1).map(|v| (v, origin())),
        _ if is_directive_name(&first.text) => {}
        _ => cx.unrecognized(src, first.start, &line.text),
    }
}

/// `ServerName https://www.example.jp:443` → `www.example.jp`.
fn strip_scheme_port(s: &str) -> String {
    let s = s.split_once("://").map_or(s, |(_, r)| r);
    match s.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) && !h.ends_with(':') => h.to_string(),
        _ => s.to_string(),
    }
}

/// Relative file names in httpd are relative to ServerRoot.
fn under_root(st: &State, written: &str) -> String {
    match &st.server_root {
        Some(root) if !Path::new(written).is_absolute() && !written.contains('$') => {
            format!("{}/{written}", root.trim_end_matches('/'))
        }
        _ => written.to_string(),
    }
}

/// Does anything exist for this include pattern (a file, or a glob match)?
fn include_exists(cx: &ParseCx, src: &SourceFile, pattern: &str) -> bool {
    let has_glob = pattern.contains(['*', '?', '[']);
    cx.resolve(src, pattern).iter().any(|c| {
        if has_glob {
            glob::glob(&c.to_string_lossy())
                .map(|mut g| g.any(|p| p.is_ok_and(|p| p.is_file())))
                .unwrap_or(false)
        } else {
            c.is_file() || c.is_dir()
        }
    })
}

fn include(cx: &mut ParseCx, src: &SourceFile, offset: usize, pattern: &str, optional: bool, st: &mut State) {
    // ServerRoot-relative first, then as written (relative to the file / the input).
    let mut pattern = pattern.to_string();
    if st.server_root.is_some() && !Path::new(&pattern).is_absolute() {
        let rooted = under_root(st, &pattern);
        if include_exists(cx, src, &rooted) {
            pattern = rooted;
        }
    }
    // `Include dir/` reads every file in the directory.
    if cx.resolve(src, &pattern).iter().any(|p| p.is_dir()) {
        pattern = format!("{}/*", pattern.trim_end_matches('/'));
    }
    if !include_exists(cx, src, &pattern) {
        if optional {
            // Legitimate on a server, but in a copied tree it may mean the copy is
            // incomplete: said, never silent.
            let live = cx.tree.is_live();
            cx.diag(DiagLevel::Info, src, offset, DiagKind::IncludeNoMatch { pattern, live });
        } else {
            // httpd: a missing file, or a wildcard matching nothing, fails `Include`.
            cx.diag(DiagLevel::Error, src, offset, DiagKind::IncludeMissing { pattern });
        }
        return;
    }
    cx.include(src, offset, &pattern, &mut |cx, file| parse_file(cx, file, st));
}

/// Turns what was read into endpoints: one server endpoint per VirtualHost with
/// SSLEngine on (or the main server when there is no VirtualHost), one client endpoint per
/// VirtualHost that proxies over TLS.
/// Who inherits server-config settings judged where no VirtualHost of the input does.
const INHERITED: Note = Note::Inherited(InheritedBy::ApacheVirtualHost);

/// Server-level `SSLProtocol`/`SSLCipherSuite` (Debian's `mods-available/ssl.conf`) that no
/// TLS VirtualHost of this input inherits: judged as the VirtualHost that every one not
/// overriding them would be, each finding at the directive. When a VirtualHost inherits
/// them, its own findings already cover them.
fn judge_inherited(cx: &mut ParseCx, src: &SourceFile, global: &Level) {
    fn noted<T: Clone>(a: &At<T>) -> At<T> {
        a.as_ref().map(|(v, o)| (v.clone(), o.with_note(INHERITED)))
    }
    let servers = cx.model.tls_endpoints.iter().filter(|e| e.role == TlsRole::Server).count();
    fn set<T>(a: &At<T>) -> Option<&Origin> {
        a.as_ref().map(|x| &x.1)
    }
    let anchor = tls_common::first_origin([set(&global.protocols), set(&global.ciphers), set(&global.tls13)]).map(|o| o.with_note(INHERITED));
    let Some(anchor) = anchor.filter(|_| servers == 0) else {
        return;
    };
    let level = Level {
        protocols: noted(&global.protocols),
        ciphers: noted(&global.ciphers),
        tls13: noted(&global.tls13),
        honor_order: noted(&global.honor_order),
        ..global.clone()
    };
    let mut ep = server_endpoint(cx, src, "apache server config".into(), anchor, &level);
    tls_common::keep_level_decisions(
        &mut ep,
        tls_common::LevelSets {
            client_auth: global.verify_client.is_some(),
            hsts: !global.hsts.is_empty(),
            stapling: global.stapling.is_some(),
            cipher_order: global.honor_order.is_some(),
        },
    );
    cx.model.tls_endpoints.push(ep);
}

fn lower(cx: &mut ParseCx, src: &SourceFile, st: State) {
    let mut hosts: Vec<(String, Level, Origin, Arc<str>)> = Vec::new();
    for v in &st.vhosts {
        let level = v.level.inherit(&st.global);
        let name = v
            .name
            .clone()
            .or_else(|| st.server_name.clone())
            .unwrap_or_else(|| host_of(v.addrs.first().map(String::as_str).unwrap_or("_default_")));
        let port = v.addrs.first().map_or("*".to_string(), |a| port_of(a));
        hosts.push((format!("{name}:{port}"), level, v.origin.clone(), v.file.clone()));
    }
    if st.vhosts.is_empty() && st.global.engine.as_ref().is_some_and(|(on, _)| *on) {
        let name = st.server_name.clone().unwrap_or_else(|| "_default_".into());
        let port = st
            .listens
            .iter()
            .map(|l| port_of(l))
            .find(|p| p == "443")
            .or_else(|| st.listens.first().map(|l| port_of(l)))
            .unwrap_or_else(|| "443".into());
        let origin = st.global.engine.as_ref().map(|(_, o)| o.clone()).unwrap_or_else(|| src.origin(0, 0));
        hosts.push((format!("{name}:{port}"), st.global.clone(), origin, src.path.clone()));
    }
    for (who, level, origin, file) in hosts {
        let file_src = SourceFile::from_text(&file, String::new());
        if level.engine.as_ref().is_some_and(|(on, _)| *on) {
            let ep = server_endpoint(cx, &file_src, format!("apache vhost {who}"), origin.clone(), &level);
            cx.model.tls_endpoints.push(ep);
        }
        let proxy_on = level.proxy_engine.as_ref().is_some_and(|(on, _)| *on);
        if proxy_on || !level.proxy_targets.is_empty() {
            let (target, at) = match level.proxy_targets.first() {
                Some((t, o)) => (t.clone(), o.clone()),
                None => (
                    "(SSLProxyEngine on)".to_string(),
                    level.proxy_engine.as_ref().map_or(origin.clone(), |(_, o)| o.clone()),
                ),
            };
            let ep = client_endpoint(cx, &file_src, format!("apache vhost {who} proxy to {target}"), at, &level);
            cx.model.tls_endpoints.push(ep);
        }
    }
    judge_inherited(cx, src, &st.global);
}

fn host_of(addr: &str) -> String {
    match addr.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => h.to_string(),
        _ => addr.to_string(),
    }
}

fn port_of(addr: &str) -> String {
    match addr.rsplit_once(':') {
        Some((_, p)) if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) => p.to_string(),
        _ if !addr.is_empty() && addr.chars().all(|c| c.is_ascii_digit()) => addr.to_string(),
        _ => "*".into(),
    }
}

fn conf(l: &Level, key: &str) -> At<String> {
    l.conf_cmd.get(key).cloned()
}

/// Applies `SSLOpenSSLConfCmd MinProtocol/MaxProtocol`, which mod_ssl hands to OpenSSL
/// after `SSLProtocol`.
fn clamp_versions(versions: Setting<Vec<TlsVersion>>, l: &Level) -> Setting<Vec<TlsVersion>> {
    let min = conf(l, "minprotocol").and_then(|(v, o)| version_from_name(&v).map(|x| (x, o)));
    let max = conf(l, "maxprotocol").and_then(|(v, o)| version_from_name(&v).map(|x| (x, o)));
    if min.is_none() && max.is_none() {
        return versions;
    }
    let lo = min.as_ref().map_or(TlsVersion::Ssl3, |(v, _)| *v);
    let hi = max.as_ref().map_or(TlsVersion::Tls13, |(v, _)| *v);
    let origin = min.or(max).map(|(_, o)| o).unwrap_or(versions.origin);
    Setting::explicit(versions.value.into_iter().filter(|v| *v >= lo && *v <= hi).collect(), origin)
}

/// OpenSSL 3's `SSL_CTX_set_dh_auto` choice for an RSA key of this size.
fn auto_dh_bits(rsa_bits: u32) -> u32 {
    match rsa_bits {
        b if b >= 15360 => 8192,
        b if b >= 7680 => 8192,
        b if b >= 3072 => 3072,
        b if b >= 2048 => 2048,
        _ => 1024,
    }
}

fn server_endpoint(cx: &mut ParseCx, src: &SourceFile, subject: String, block: Origin, l: &Level) -> TlsEndpoint {
    let versions = set_or_default(l.protocols.as_ref(), ALL_PROTOCOLS.to_vec(), || {
        block.with_note(Note::not_set_default_of("SSLProtocol", "mod_ssl", "all -SSLv3 = TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"))
    });
    let versions = clamp_versions(versions, l);
    let mut ep = TlsEndpoint::new(subject, TlsRole::Server, TlsService::Http, block.clone(), versions.clone());
    let ciphers = conf(l, "cipherstring")
        .map(|(v, o)| (format!("{v}{ALWAYS_DISABLED}"), o))
        .or_else(|| l.ciphers.clone());
    let tls13 = conf(l, "ciphersuites").or_else(|| l.tls13.clone());
    let groups = conf(l, "groups")
        .or_else(|| conf(l, "curves"))
        .or_else(|| conf(l, "ecdhparameters").filter(|(v, _)| !v.eq_ignore_ascii_case("automatic")));
    let mut dhparam = conf(l, "dhparameters").map(|(v, o)| Setting::explicit(v, o));
    if dhparam.is_none() {
        // DH parameters appended to the first certificate file are used (mod_ssl ≥ 2.4.7).
        if let Some((cert, o)) = l.certificates.first() {
            if let Some(Ok(_)) = crate::certs::load_dh_bits(&cx.resolve(src, cert)) {
                dhparam = Some(Setting::explicit(cert.clone(), o.clone()));
            }
        }
    }
    let spec = OpensslTls {
        versions,
        cipher_string: set_or(ciphers.as_ref(), DEFAULT_CIPHERS, &block, "SSLCipherSuite"),
        tls13_suites: set_or(tls13.as_ref(), tls_common::OPENSSL_DEFAULT_TLS13, &block, "SSLCipherSuite TLSv1.3"),
        groups: set_or(groups.as_ref(), "auto", &block, "SSLOpenSSLConfCmd Curves"),
        dhparam,
        dhe_without_file: true,
        builtin_dh_bits: Some(2048),
        certificates: l.certificates.clone(),
    };
    tls_common::fill_endpoint(cx, src, &mut ep, spec);
    // Built-in DH parameters follow the certificate's RSA key size.
    if let Some(dh) = ep.dh_bits.as_mut().filter(|d| d.defaulted) {
        let rsa = ep.certificates.iter().find_map(|c| match &c.state {
            CertificateState::Loaded(f) if f.key_type == "RSA" => Some(f.key_bits),
            _ => None,
        });
        if let Some(bits) = rsa {
            dh.value = auto_dh_bits(bits);
        }
    }

    ep.client_auth = Some(match &l.verify_client {
        Some((v, o)) if v == "require" => Setting::explicit(ClientAuth::Required, o.clone()),
        Some((v, o)) if v == "optional" || v == "optional_no_ca" => Setting::explicit(ClientAuth::Optional, o.clone()),
        Some((_, o)) => Setting::explicit(ClientAuth::None, o.clone()),
        None => Setting::default_at(ClientAuth::None, block.with_note(Note::not_set_value("SSLVerifyClient", "none"))),
    });
    if l.verify_client.as_ref().is_some_and(|(v, _)| v == "require" || v == "optional") {
        ep.client_ca = l.ca_file.clone().or_else(|| l.ca_path.clone()).map(|(v, o)| Setting::explicit(v, o));
    }
    ep.server_preference = Some(set_or_default(l.honor_order.as_ref(), false, || {
        block.with_note(Note::not_set_value("SSLHonorCipherOrder", "off"))
    }));
    ep.ocsp_stapling = Some(set_or_default(l.stapling.as_ref(), false, || {
        block.with_note(Note::not_set_value("SSLUseStapling", "off"))
    }));
    // Header lines apply in order: the last set/unset wins.
    let sts = l.hsts.iter().fold(None, |acc, (set, v, o)| if *set { Some((v, o)) } else { acc.and(None) });
    ep.hsts = Some(match sts {
        Some((v, o)) => Setting::explicit(tls_common::parse_hsts(v), o.clone()),
        None => Setting::default_at(None, block.with_note(Note::absent("Header set Strict-Transport-Security"))),
    });
    ep
}

fn client_endpoint(cx: &mut ParseCx, src: &SourceFile, subject: String, origin: Origin, l: &Level) -> TlsEndpoint {
    let versions = set_or_default(l.proxy_protocols.as_ref(), ALL_PROTOCOLS.to_vec(), || {
        origin.with_note(Note::not_set_default_of("SSLProxyProtocol", "mod_ssl", "all -SSLv3"))
    });
    let mut ep = TlsEndpoint::new(subject, TlsRole::Client, TlsService::Http, origin.clone(), versions.clone());
    let ciphers = set_or(l.proxy_ciphers.as_ref(), DEFAULT_CIPHERS, &origin, "SSLProxyCipherSuite");
    let tls13 = set_or(
        l.proxy_tls13.as_ref(),
        tls_common::OPENSSL_DEFAULT_TLS13,
        &origin,
        "SSLProxyCipherSuite TLSv1.3",
    );
    let groups = Setting::default_at("auto".into(), origin.clone());
    let spec = OpensslTls::client(versions, ciphers, tls13, groups);
    tls_common::fill_endpoint(cx, src, &mut ep, spec);
    let verify = match &l.proxy_verify {
        Some((v, o)) => Setting::explicit(v == "require", o.clone()),
        None => Setting::default_at(false, origin.with_note(Note::not_set_value("SSLProxyVerify", "none"))),
    };
    // mod_ssl compares the upstream's name with the certificate (SSLProxyCheckPeerName,
    // falling back to the CN check) whatever SSLProxyVerify says; without chain
    // verification that check proves nothing, which the rules judge from verify_peer.
    ep.verify_name = Some(match (&l.proxy_check_name, &l.proxy_check_cn) {
        (Some((v, o)), _) => Setting::explicit(*v, o.clone()),
        (None, Some((v, o))) => Setting::explicit(*v, o.clone()),
        (None, None) => Setting::default_at(true, origin.with_note(Note::not_set_value("SSLProxyCheckPeerName", "on"))),
    });
    ep.verify_peer = Some(verify);
    ep.trusted_ca = l.proxy_ca.as_ref().map(|(v, o)| Setting::explicit(v.clone(), o.clone()));
    ep.presents_client_cert = Some(match &l.proxy_cert {
        Some((_, o)) => Setting::explicit(true, o.clone()),
        None => Setting::default_at(false, origin.clone()),
    });
    ep
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{parse_path, parse_text, Format, ParsedInput};
    use crate::model::TlsVersion::*;

    // The line splitter and tokeniser before words borrowed from the file (owned strings),
    // kept as the reference the borrowing ones must agree with.
    /// One logical line (continuations joined), with its byte span in the file.
    struct RefLine {
        start: usize,
        end: usize,
        text: String,
        /// (offset in `text`, offset in the file) for each physical piece.
        pieces: Vec<(usize, usize)>,
    }

    impl RefLine {
        fn file_offset(&self, at: usize) -> usize {
            let i = self.pieces.partition_point(|(l, _)| *l <= at).saturating_sub(1);
            self.pieces.get(i).map_or(self.start, |(l, f)| f + (at - l))
        }
    }

    /// Splits a file into logical lines: `\` at the very end of a line (before `\n` or
    /// `\r\n`) joins the next line, as `ap_cfg_getline` does.
    fn ref_logical_lines(text: &str) -> Vec<RefLine> {
        let mut out = Vec::new();
        let mut pos = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        let mut cur: Option<RefLine> = None;
        while pos < text.len() {
            let rest = &text[pos..];
            let nl = rest.find('\n');
            let raw_end = nl.map_or(text.len(), |i| pos + i);
            let next = nl.map_or(text.len(), |i| pos + i + 1);
            // Every `\r` before the line end goes (httpd trims trailing whitespace).
            let body = text[pos..raw_end].trim_end_matches('\r');
            let (content, cont) = match body.strip_suffix('\\') {
                Some(c) if nl.is_some() => (c, true),
                _ => (body, false),
            };
            let line = cur.get_or_insert_with(|| RefLine {
                start: pos,
                end: pos,
                text: String::new(),
                pieces: Vec::new(),
            });
            line.pieces.push((line.text.len(), pos));
            line.text.push_str(content);
            line.end = pos + body.len();
            if cont {
                line.text.push(' ');
            } else if let Some(l) = cur.take() {
                out.push(l);
            }
            pos = next;
        }
        if let Some(l) = cur.take() {
            out.push(l);
        }
        out
    }

    /// Splits a logical line into words like `ap_getword_conf`: whitespace separates, `"..."`
    /// and `'...'` quote (a backslash escapes the quote character). Returns the words and
    /// whether a quote was left open.
    fn ref_split_words(line: &RefLine, from: usize) -> (Vec<(String, usize)>, bool) {
        let text = &line.text;
        let mut words = Vec::new();
        let mut chars = text[from..].char_indices().map(|(i, c)| (i + from, c)).peekable();
        let mut open_quote = false;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() {
                chars.next();
                continue;
            }
            let start = line.file_offset(i);
            let mut w = String::new();
            if c == '"' || c == '\'' {
                chars.next();
                let mut closed = false;
                while let Some((_, d)) = chars.next() {
                    if d == '\\' {
                        if let Some(&(_, e)) = chars.peek() {
                            if e == c || e == '\\' {
                                w.push(e);
                                chars.next();
                                continue;
                            }
                        }
                        w.push(d);
                    } else if d == c {
                        closed = true;
                        break;
                    } else {
                        w.push(d);
                    }
                }
                open_quote |= !closed;
            } else {
                while let Some(&(_, d)) = chars.peek() {
                    if d.is_whitespace() {
                        break;
                    }
                    w.push(d);
                    chars.next();
                }
            }
            words.push((w, start));
        }
        (words, open_quote)
    }

    /// Per logical line: its words with offsets, an open quote, its span, a mapped offset.
    type Split = Vec<(Vec<(String, usize)>, bool, usize, usize, usize)>;

    fn words_of(text: &str) -> Split {
        lex::lines(text, lex::Join::Backslash)
            .map(|l| {
                let (w, open) = l.words(SYNTAX);
                let probe = l.text.len() / 2;
                (
                    w.into_iter().map(|w| (w.text.into_owned(), w.start)).collect(),
                    open,
                    l.start,
                    l.end,
                    l.file_offset(probe),
                )
            })
            .collect()
    }

    fn ref_words_of(text: &str) -> Split {
        ref_logical_lines(text)
            .iter()
            .map(|l| {
                let (w, open) = ref_split_words(l, 0);
                (w, open, l.start, l.end, l.file_offset(l.text.len() / 2))
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn borrowing_splitter_agrees_with_the_reference(text in "[a-z< >\"'\\\\\n\r\t\u{3000}é]{0,40}") {
            let got = words_of(&text);
            let want = ref_words_of(&text);
            proptest::prop_assert_eq!(got, want);
        }
    }

    fn parse(text: &str) -> ParsedInput {
        parse_text(Format::Apache, "test/apache2.conf", text)
    }

    use crate::formats::syntax_diagnostics as syntax;

    fn server(p: &ParsedInput) -> &TlsEndpoint {
        p.model.tls_endpoints.iter().find(|e| e.role == TlsRole::Server).expect("a server endpoint")
    }

    fn proto(words: &str) -> Vec<TlsVersion> {
        let mut cx = ParseCx::new(Path::new("x.conf"), 0);
        let src = SourceFile::from_text("x.conf", String::new());
        let ws: Vec<Word> = words
            .split_whitespace()
            .map(|w| Word {
                text: w.into(),
                start: 0,
                end: 0,
            })
            .collect();
        protocols(&mut cx, &src, "SSLProtocol", &ws)
    }

    #[test]
    fn protocol_syntax() {
        assert_eq!(proto("all -SSLv3"), vec![Tls10, Tls11, Tls12, Tls13]);
        assert_eq!(proto("all -SSLv3 -TLSv1 -TLSv1.1"), vec![Tls12, Tls13]);
        assert_eq!(proto("-all +TLSv1.3"), vec![Tls13]);
        assert_eq!(proto("+TLSv1.2"), vec![Tls12]);
        assert_eq!(proto("TLSv1.2 +TLSv1.3"), vec![Tls12, Tls13]);
        // A bare word replaces what came before.
        assert_eq!(proto("all TLSv1.2"), vec![Tls12]);
        assert_eq!(proto("+SSLv3 +TLSv1.2"), vec![Ssl3, Tls12]);
    }

    #[test]
    fn vhost_inherits_server_config_and_overrides() {
        let p = parse(
            "SSLProtocol -all +TLSv1.2 +TLSv1.3\nSSLCipherSuite HIGH\nSSLHonorCipherOrder on\nHeader always set Strict-Transport-Security \"max-age=31536000\"\n\
             <VirtualHost *:443>\n  ServerName a.example.jp\n  SSLEngine on\n</VirtualHost>\n\
             <VirtualHost *:8443>\n  ServerName b.example.jp\n  SSLEngine on\n  SSLProtocol -all +TLSv1.3\n  SSLHonorCipherOrder off\n</VirtualHost>\n",
        );
        assert!(p.diagnostics.iter().all(|d| d.level != DiagLevel::Error), "{:?}", p.diagnostics);
        let a = &p.model.tls_endpoints[0];
        let b = &p.model.tls_endpoints[1];
        assert_eq!(a.subject, "apache vhost a.example.jp:443");
        assert_eq!(b.subject, "apache vhost b.example.jp:8443");
        assert_eq!(a.versions.value, vec![Tls12, Tls13]);
        assert_eq!(a.versions.origin.line, 1);
        assert!(!a.versions.defaulted);
        assert_eq!(b.versions.value, vec![Tls13]);
        assert_eq!(b.versions.origin.line, 12);
        assert_eq!(a.server_preference.as_ref().map(|s| s.value), Some(true));
        assert_eq!(b.server_preference.as_ref().map(|s| s.value), Some(false));
        let hsts = b.hsts.as_ref().and_then(|h| h.value.clone()).expect("inherited HSTS");
        assert_eq!(hsts.max_age, 31536000);
    }

    #[test]
    fn defaults_when_unset() {
        let p = parse("<VirtualHost _default_:443>\nSSLEngine on\n</VirtualHost>\n");
        let e = server(&p);
        assert_eq!(e.subject, "apache vhost _default_:443");
        assert!(e.versions.defaulted);
        assert!(e.versions.origin.evidence.contains("SSLProtocol not set"), "{}", e.versions.origin.evidence);
        assert_eq!(e.versions.origin.line, 1);
        assert_eq!(e.client_auth.as_ref().map(|s| (s.value, s.defaulted)), Some((ClientAuth::None, true)));
        assert_eq!(e.server_preference.as_ref().map(|s| (s.value, s.defaulted)), Some((false, true)));
        assert_eq!(e.ocsp_stapling.as_ref().map(|s| (s.value, s.defaulted)), Some((false, true)));
        assert!(e.hsts.as_ref().is_some_and(|h| h.value.is_none() && h.defaulted));
        assert_eq!(e.dh_bits.as_ref().map(|d| d.value), Some(2048));
        assert!(e.cipher_suites.get(&Tls13).is_some_and(|s| s.defaulted));
    }

    /// A vhost without SSLEngine, and one inside `<IfModule !mod_ssl.c>` (skipped), are not
    /// TLS endpoints.
    #[test]
    fn vhosts_without_tls_are_not_endpoints() {
        for text in [
            "<VirtualHost *:80>\nServerName plain.example.jp\n</VirtualHost>\n",
            "<IfModule !mod_ssl.c>\n<VirtualHost *:443>\nSSLEngine on\n</VirtualHost>\n</IfModule>\n",
        ] {
            assert!(parse(text).model.tls_endpoints.is_empty(), "{text}");
        }
    }

    #[test]
    fn tls13_ciphersuite_form_and_conf_cmd() {
        let p = parse(
            "<VirtualHost *:443>\nSSLEngine on\nSSLProtocol TLSv1.2 +TLSv1.3\nSSLCipherSuite HIGH\nSSLCipherSuite TLSv1.3 TLS_AES_128_GCM_SHA256\n\
             SSLOpenSSLConfCmd MinProtocol TLSv1.3\nSSLVerifyClient require\nSSLCACertificateFile /etc/ca.pem\n</VirtualHost>\n",
        );
        let e = server(&p);
        assert_eq!(e.versions.value, vec![Tls13]);
        assert_eq!(e.versions.origin.line, 6);
        assert_eq!(e.cipher_suites.get(&Tls13).map(|s| s.value.clone()), Some(vec![0x1301].into()));
        assert_eq!(e.client_auth.as_ref().map(|s| s.value), Some(ClientAuth::Required));
        assert_eq!(e.client_ca.as_ref().map(|s| s.value.as_str()), Some("/etc/ca.pem"));
    }

    #[test]
    fn proxy_client_side_defaults_to_no_verification() {
        let p = parse("<VirtualHost *:443>\nSSLEngine on\nSSLProxyEngine on\nProxyPass /app/ https://backend.local/app/\n</VirtualHost>\n");
        let c = p.model.tls_endpoints.iter().find(|e| e.role == TlsRole::Client).expect("client endpoint");
        assert_eq!(c.subject, "apache vhost *:443 proxy to https://backend.local/app/");
        assert_eq!(c.origin.line, 4);
        assert_eq!(c.verify_peer.as_ref().map(|s| (s.value, s.defaulted)), Some((false, true)));
        assert_eq!(c.verify_name.as_ref().map(|s| s.value), Some(true));
        let p = parse("SSLProxyVerify require\nSSLProxyCheckPeerName off\n<VirtualHost *:443>\nSSLProxyEngine on\n</VirtualHost>\n");
        let c = &p.model.tls_endpoints[0];
        assert_eq!(c.role, TlsRole::Client);
        assert_eq!(c.verify_peer.as_ref().map(|s| (s.value, s.origin.line)), Some((true, 1)));
        assert_eq!(c.verify_name.as_ref().map(|s| s.value), Some(false));
    }

    #[test]
    fn continuation_lines_join() {
        let p = parse("<VirtualHost *:443>\nSSLEngine on\nSSLProtocol -all \\\n    +TLSv1.2 \\\n    +TLSv1.3\nSSLCipherSuite HIGH\n</VirtualHost>\n");
        let e = server(&p);
        assert_eq!(e.versions.value, vec![Tls12, Tls13]);
        assert_eq!(e.versions.origin.line, 3);
        assert!(syntax(&p).is_empty(), "{:?}", p.diagnostics);
    }

    #[test]
    fn unterminated_and_stray_containers() {
        let p = parse("# header\n<VirtualHost *:443>\nSSLEngine on\n<Directory /var/www>\n</Directory>\n");
        let d = p
            .diagnostics
            .iter()
            .find(|d| matches!(d.kind, DiagKind::UnterminatedBlock { .. }))
            .expect("unterminated");
        assert_eq!(d.kind, DiagKind::UnterminatedBlock { opened_line: 2 });
        assert_eq!(d.line, 2);
        let p = parse("SSLEngine on\n</VirtualHost>\n");
        assert!(p.diagnostics.iter().any(|d| d.kind == DiagKind::UnexpectedClose && d.line == 2));
        let p = parse("<IfModule mod_ssl.c>\n<VirtualHost *:443>\n</IfModule>\n");
        assert!(p.diagnostics.iter().any(|d| d.kind == DiagKind::UnterminatedBlock { opened_line: 2 }));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let mut s = String::new();
        for _ in 0..10_000 {
            s.push_str("<IfModule x>\n");
        }
        for _ in 0..10_000 {
            s.push_str("</IfModule>\n");
        }
        let p = parse(&s);
        assert!(p.diagnostics.iter().any(|d| matches!(d.kind, DiagKind::TooDeep { .. })));
        assert!(!p.diagnostics.iter().any(|d| d.kind == DiagKind::UnexpectedClose));
    }

    #[test]
    fn crlf_and_bom() {
        let p = parse("\u{feff}<VirtualHost *:443>\r\nSSLEngine on\r\nSSLProtocol -all \\\r\n +TLSv1.3\r\n</VirtualHost>\r\n");
        assert!(syntax(&p).is_empty(), "{:?}", p.diagnostics);
        let e = server(&p);
        assert_eq!(e.versions.value, vec![Tls13]);
        assert_eq!(e.versions.origin.line, 3);
    }

    #[test]
    fn garbage_lines_are_counted() {
        let p = parse("SSLEngine on\n}}} {{{\n=weird\n");
        assert_eq!(p.unrecognized_lines, 2);
    }

    #[test]
    fn include_glob_loop_and_missing() {
        let dir = crate::testutil::temp_tree(&[
            (
                "apache2.conf",
                "SSLProtocol -all +TLSv1.3\nIncludeOptional sites-enabled/*.conf\nIncludeOptional conf-enabled/*.conf\nInclude ports.conf\nIncludeOptional nothing.conf\n",
            ),
            (
                "sites-enabled/a.conf",
                "<VirtualHost *:443>\nServerName a.example.jp\nSSLEngine on\nInclude loop.conf\n</VirtualHost>\n",
            ),
            ("sites-enabled/b.conf", "<VirtualHost *:8443>\nServerName b.example.jp\nSSLEngine on\n</VirtualHost>\n"),
            ("loop.conf", "Include sites-enabled/a.conf\nSSLHonorCipherOrder on\n"),
        ]);
        let main = dir.path().join("apache2.conf");
        let p = parse_path(&main, &main.to_string_lossy(), Some(Format::Apache), 0);
        let subjects: Vec<&str> = p.model.tls_endpoints.iter().map(|e| e.subject.as_str()).collect();
        assert_eq!(subjects, vec!["apache vhost a.example.jp:443", "apache vhost b.example.jp:8443"]);
        assert!(p.model.tls_endpoints.iter().all(|e| e.versions.value == vec![Tls13]));
        // The include inside the VirtualHost lands in that VirtualHost.
        assert_eq!(p.model.tls_endpoints[0].server_preference.as_ref().map(|s| s.value), Some(true));
        assert_eq!(p.model.tls_endpoints[1].server_preference.as_ref().map(|s| s.value), Some(false));
        assert!(
            p.diagnostics.iter().any(|d| matches!(d.kind, DiagKind::IncludeLoop { .. })),
            "{:?}",
            p.diagnostics
        );
        let missing: Vec<_> = p.diagnostics.iter().filter(|d| matches!(d.kind, DiagKind::IncludeMissing { .. })).collect();
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert_eq!((missing[0].level, missing[0].line), (DiagLevel::Error, 4));
    }

    /// `ServerRoot "/srv/httpd"` in a copied tree (root: the folder above `etc/`): relative
    /// includes are read under the tree's `/srv/httpd`.
    #[test]
    fn serverroot_relative_include() {
        let dir = crate::testutil::temp_tree(&[
            ("srv/httpd/conf.d/ssl.conf", "<VirtualHost *:443>\nSSLEngine on\n</VirtualHost>\n"),
            ("etc/httpd/conf/httpd.conf", "ServerRoot \"/srv/httpd\"\nInclude conf.d/*.conf\n"),
        ]);
        let main = dir.path().join("etc/httpd/conf/httpd.conf");
        let p = parse_path(&main, &main.to_string_lossy(), Some(Format::Apache), 0);
        assert_eq!(p.model.tls_endpoints.len(), 1, "{:?}", p.diagnostics);
    }
}
