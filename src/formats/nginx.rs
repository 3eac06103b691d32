//! nginx: `http`/`stream` → `server` → `location` blocks, `include` with globs, the
//! `ssl_*` and `proxy_ssl_*` directives, inheritance from outer blocks, and nginx's
//! defaults when a directive is absent (by the release pinned in kensa.toml, else the
//! newest release's, said as an assumption).

use crate::formats::block::{self, Directive};
use crate::formats::tls_common::{self, set_or, set_or_default, version_from_name, OpensslTls};
use crate::formats::ParseCx;
use crate::i18n::notes::{InheritedBy, Note};
use crate::model::{ClientAuth, Device, Origin, Setting, TlsEndpoint, TlsRole, TlsService, TlsVersion};
use crate::source::SourceFile;
use std::rc::Rc;
use std::sync::Arc;

/// nginx's `ssl_protocols` (and `proxy_ssl_protocols`) default from 1.27.3: nginx commit
/// ebd18ec18 "SSL: disabled TLSv1 and TLSv1.1 by default" (changes.xml 1.27.3).
const DEFAULT_PROTOCOLS: [TlsVersion; 2] = [TlsVersion::Tls12, TlsVersion::Tls13];
/// The default in 1.23.4 – 1.27.2: nginx commit 7b24b93d6 "SSL: enabled TLSv1.3 by default"
/// added TLSv1.3 and kept TLSv1 and TLSv1.1 (changes.xml 1.23.4).
const DEFAULT_PROTOCOLS_1_23_4: [TlsVersion; 4] = [TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12, TlsVersion::Tls13];
/// The default in 1.9.1 – 1.23.3.
const DEFAULT_PROTOCOLS_BEFORE_1_23_4: [TlsVersion; 3] = [TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12];

/// The protocols in force when `setting` (`ssl_protocols`, or `proxy_ssl_protocols` on
/// the upstream side) is absent: by the release pinned in kensa.toml `[assume] nginx`,
/// else the newest release's default, recorded as an assumption (the default changed in
/// 1.23.4 and again in 1.27.3; docs/vendor-defaults.md).
fn default_protocols(cx: &mut ParseCx, subject: &str, block: &Origin, setting: &'static str) -> Setting<Vec<TlsVersion>> {
    let pinned = cx.assumed_release("nginx").map(|r| (r.to_string(), crate::formats::release_number(r)));
    let pinned_default = |written: String, versions: &[TlsVersion], value: &str| {
        Setting::default_at(
            versions.to_vec(),
            block.with_note(Note::NotSetDefault {
                what: setting.into(),
                by: Some(format!("nginx {written}").into()),
                value: value.into(),
                assumed: true,
            }),
        )
    };
    match pinned {
        Some((written, Some(v))) if v < (1, 23, 4) => pinned_default(written, &DEFAULT_PROTOCOLS_BEFORE_1_23_4, "TLSv1 TLSv1.1 TLSv1.2"),
        Some((written, Some(v))) if v < (1, 27, 3) => pinned_default(written, &DEFAULT_PROTOCOLS_1_23_4, "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"),
        Some((written, Some(_))) => pinned_default(written, &DEFAULT_PROTOCOLS, "TLSv1.2 TLSv1.3"),
        _ => {
            cx.model.assumptions.push(crate::model::Assumption {
                subject: subject.to_string(),
                product: "nginx",
                setting,
                releases_ja: "1.27.3 以降は TLSv1.2 TLSv1.3、1.23.4〜1.27.2 は TLSv1 TLSv1.1 TLSv1.2 TLSv1.3、それより前は TLSv1 TLSv1.1 TLSv1.2".into(),
                releases_en: "TLSv1.2 TLSv1.3 from 1.27.3, TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 in 1.23.4–1.27.2, TLSv1 TLSv1.1 TLSv1.2 before".into(),
                origin: block.clone(),
            });
            Setting::default_at(
                DEFAULT_PROTOCOLS.to_vec(),
                block.with_note(Note::NotSetReleaseDependent {
                    what: setting.into(),
                    by: "nginx".into(),
                    now: "TLSv1.2 TLSv1.3".into(),
                    since: "1.27.3".into(),
                    before: "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 (1.23.4–1.27.2), TLSv1 TLSv1.1 TLSv1.2 (–1.23.3)".into(),
                }),
            )
        }
    }
}
/// nginx's `ssl_ciphers` default.
const DEFAULT_CIPHERS: &str = "HIGH:!aNULL:!MD5";
/// nginx's `proxy_ssl_ciphers` default.
const DEFAULT_PROXY_CIPHERS: &str = "DEFAULT";

/// A directive value together with the directive that set it. Shared, because every
/// nested block inherits it: cloning a level is then a reference count per setting.
type At<T> = Option<Rc<(T, Origin)>>;

fn at<T>(value: T, origin: Origin) -> At<T> {
    Some(Rc::new((value, origin)))
}

/// The TLS-relevant directives of one block, before inheritance.
#[derive(Clone, Default)]
struct Level {
    protocols: At<Vec<TlsVersion>>,
    ciphers: At<String>,
    ciphersuites: At<String>,
    groups: At<String>,
    dhparam: At<String>,
    /// None when the level has none (a default `Rc` would cost an allocation per block).
    certificates: Option<Rc<Vec<(String, Origin)>>>,
    verify_client: At<String>,
    client_ca: At<String>,
    trusted_ca: At<String>,
    prefer_server: At<bool>,
    stapling: At<bool>,
    /// `add_header` lines of this level: nginx inherits them only when a level has none.
    headers: Option<Rc<Vec<(String, String, Origin)>>>,
    ssl_on: At<bool>,
    proxy_protocols: At<Vec<TlsVersion>>,
    proxy_ciphers: At<String>,
    proxy_ciphersuites: At<String>,
    proxy_verify: At<bool>,
    proxy_trusted: At<String>,
    proxy_cert: At<String>,
    proxy_server_name: At<bool>,
    proxy_ssl_on: At<bool>,
}

impl Level {
    /// This level's settings with the gaps filled from the enclosing level.
    fn inherit(&self, parent: &Level) -> Level {
        tls_common::inherit!(self, parent => Level {
            protocols, ciphers, ciphersuites, groups, dhparam, certificates, verify_client, client_ca,
            trusted_ca, prefer_server, stapling, headers, ssl_on, proxy_protocols, proxy_ciphers,
            proxy_ciphersuites, proxy_verify, proxy_trusted, proxy_cert, proxy_server_name, proxy_ssl_on,
        })
    }
}

/// Who inherits settings judged where no server block of the input does.
const INHERITED: Note = Note::Inherited(InheritedBy::NginxServer);

impl Level {
    /// Whether this level itself sets what a TLS server is judged on (a snippet of
    /// `ssl_*` directives, an `http` level holding the site-wide TLS policy).
    fn sets_server_tls(&self) -> bool {
        self.protocols.is_some() || self.ciphers.is_some() || self.ciphersuites.is_some() || self.groups.is_some() || self.dhparam.is_some()
    }

    /// This level with the evidence of its server TLS settings saying who inherits them.
    fn inherited_view(&self) -> Level {
        fn noted<T: Clone>(a: &At<T>) -> At<T> {
            a.as_deref().map(|(v, o)| Rc::new((v.clone(), o.with_note(INHERITED))))
        }
        Level {
            protocols: noted(&self.protocols),
            ciphers: noted(&self.ciphers),
            ciphersuites: noted(&self.ciphersuites),
            groups: noted(&self.groups),
            dhparam: noted(&self.dhparam),
            prefer_server: noted(&self.prefer_server),
            ..self.clone()
        }
    }

    /// The origin of the first server TLS setting of this level.
    fn first_server_tls(&self) -> Option<&Origin> {
        fn set<T>(a: &At<T>) -> Option<&Origin> {
            a.as_deref().map(|x| &x.1)
        }
        tls_common::first_origin([
            set(&self.protocols),
            set(&self.ciphers),
            set(&self.ciphersuites),
            set(&self.groups),
            set(&self.dhparam),
        ])
    }
}

/// Settings meant to be inherited (`http`-level `ssl_*`, a snippet file of `ssl_*`
/// directives such as certbot's `options-ssl-nginx.conf`) that no server block of this
/// input inherits: judged as the server that every block not overriding them would be,
/// with each finding at the directive itself. When a server inherits them, its own
/// findings already cover them, so nothing is added.
fn judge_inherited(cx: &mut ParseCx, src: &SourceFile, own: &Level, parent: &Level, subject: String, servers_before: usize, service: TlsService) {
    let servers = cx.model.tls_endpoints.iter().filter(|e| e.role == TlsRole::Server).count();
    if servers > servers_before || !own.sets_server_tls() {
        return;
    }
    let Some(anchor) = own.first_server_tls().map(|o| o.with_note(INHERITED)) else {
        return;
    };
    let level = own.inherited_view().inherit(parent);
    let mut ep = server_endpoint(cx, src, subject, service, anchor, &level);
    tls_common::keep_level_decisions(
        &mut ep,
        tls_common::LevelSets {
            client_auth: own.verify_client.is_some(),
            hsts: own.headers.is_some(),
            stapling: own.stapling.is_some(),
            cipher_order: own.prefer_server.is_some(),
        },
    );
    cx.model.tls_endpoints.push(ep);
}

/// A child block kept for the second pass, with the file it came from.
struct Block {
    dir: Directive,
    src: Arc<SourceFile>,
}

/// Collected contents of one block level (including what its includes brought in).
#[derive(Default)]
struct Collected {
    level: Level,
    blocks: Vec<Block>,
    /// `listen` lines (server level).
    listens: Vec<(Vec<String>, Origin)>,
    server_names: Vec<String>,
    /// `proxy_pass`/`grpc_pass` targets with TLS (location level) or `proxy_pass` (stream).
    upstream_tls: Vec<(String, Origin)>,
}

pub fn parse(cx: &mut ParseCx, src: &Arc<SourceFile>) {
    let tree = block::parse_tree(cx, src);
    cx.model.device = Some(Device {
        product: "nginx".into(),
        hostname: None,
        is_network_device: false,
        origin: src.origin(0, 0),
        source_routing: None,
    });
    let mut main = Collected::default();
    collect(cx, src, tree, &mut main, Ctx::Main);
    let root = main.level.clone();
    let servers_before = cx.model.tls_endpoints.len();
    for b in std::mem::take(&mut main.blocks) {
        match b.dir.name(&b.src.text) {
            "http" => context_block(cx, b, &root, TlsService::Http),
            "stream" => context_block(cx, b, &root, TlsService::Other),
            // A conf.d / sites-enabled snippet: its servers live inside the includer's http.
            "server" => server_block(cx, b, &root, TlsService::Http),
            _ => {}
        }
    }
    // A snippet of `ssl_*` directives on its own (included by server blocks elsewhere).
    let name = src.path.rsplit(['/', '\\']).next().unwrap_or("");
    let subject = format!("nginx {name}");
    judge_inherited(cx, src, &root, &Level::default(), subject, servers_before, TlsService::Http);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Main,
    Http,
    Server,
    Location,
}

/// `http { ... }` or `stream { ... }`: gathers its level, then each server in it.
fn context_block(cx: &mut ParseCx, b: Block, root: &Level, service: TlsService) {
    let mut c = Collected::default();
    let name = b.dir.name(&b.src.text).to_string();
    collect(cx, &b.src, b.dir.children.unwrap_or_default(), &mut c, Ctx::Http);
    let level = c.level.inherit(root);
    let servers_before = cx.model.tls_endpoints.iter().filter(|e| e.role == TlsRole::Server).count();
    for s in c.blocks {
        if s.dir.name(&s.src.text) == "server" {
            server_block(cx, s, &level, service);
        }
    }
    judge_inherited(cx, &b.src, &c.level, root, format!("nginx {name} {{}}"), servers_before, service);
}

fn server_block(cx: &mut ParseCx, mut b: Block, parent: &Level, service: TlsService) {
    let mut c = Collected::default();
    let children = b.dir.children.take().unwrap_or_default();
    collect(cx, &b.src, children, &mut c, Ctx::Server);
    let level = c.level.inherit(parent);
    let name = c.server_names.first().cloned().unwrap_or_else(|| "_".into());

    // Locations (and nested locations) may proxy to TLS upstreams.
    let mut stack: Vec<(Block, Level)> = c.blocks.into_iter().map(|blk| (blk, level.clone())).collect();
    let mut upstreams: Vec<(String, Origin, Level)> = c.upstream_tls.into_iter().map(|(u, o)| (u, o, level.clone())).collect();
    // The Strict-Transport-Security header each location sends (its own add_header lines
    // replace the server's, so this is what its responses carry).
    let mut location_sts: Vec<Option<(String, String, Origin)>> = Vec::new();
    while let Some((mut blk, outer)) = stack.pop() {
        if !matches!(blk.dir.name(&blk.src.text), "location" | "if" | "limit_except") {
            continue;
        }
        let mut lc = Collected::default();
        let children = blk.dir.children.take().unwrap_or_default();
        collect(cx, &blk.src, children, &mut lc, Ctx::Location);
        let l = lc.level.inherit(&outer);
        location_sts.push(sts_header(&l).cloned());
        for (u, o) in lc.upstream_tls {
            upstreams.push((u, o, l.clone()));
        }
        for inner in lc.blocks {
            stack.push((inner, l.clone()));
        }
    }

    for (listen, origin) in &c.listens {
        let tls = listen.iter().any(|w| w == "ssl" || w == "quic") || level.ssl_on.as_deref().is_some_and(|(on, _)| *on);
        if !tls {
            continue;
        }
        let port = listen_port(listen.first().map(String::as_str).unwrap_or("443"));
        let subject = format!("nginx server {name}:{port}");
        let mut ep = server_endpoint(
            cx,
            &b.src,
            subject,
            service,
            b.src.origin_showing(b.dir.start, b.dir.end, &origin.evidence),
            &level,
        );
        if service == TlsService::Http && sts_header(&level).is_none() {
            if let Some(hsts) = hsts_of_every_location(&location_sts) {
                ep.hsts = Some(hsts);
            }
        }
        cx.model.tls_endpoints.push(ep);
        break; // one endpoint per server block: the settings are shared by its listens
    }
    for (upstream, origin, l) in upstreams {
        // A stream `proxy_pass host:port` is TLS only with `proxy_ssl on`.
        let upstream = match upstream.strip_prefix("stream:") {
            Some(rest) if l.proxy_ssl_on.as_deref().is_some_and(|(on, _)| *on) => rest.to_string(),
            Some(_) => continue,
            None => upstream,
        };
        let subject = format!("nginx upstream {upstream} (from server {name})");
        let ep = client_endpoint(cx, &b.src, subject, service, origin, &l);
        cx.model.tls_endpoints.push(ep);
    }
}

/// The `add_header Strict-Transport-Security` line a level sends, if any.
fn sts_header(l: &Level) -> Option<&(String, String, Origin)> {
    l.headers
        .iter()
        .flat_map(|h| h.iter())
        .find(|(n, _, _)| n.eq_ignore_ascii_case("strict-transport-security"))
}

/// HSTS of a server that sends none itself but whose every location does (FADD's
/// `location / { add_header Strict-Transport-Security … }`): every response a location
/// serves carries it, so it is sent; the weakest of them is judged. None when a location
/// sends none, or the server has no location.
fn hsts_of_every_location(location_sts: &[Option<(String, String, Origin)>]) -> Option<Setting<Option<crate::model::Hsts>>> {
    if location_sts.is_empty() {
        return None;
    }
    let all: Option<Vec<_>> = location_sts
        .iter()
        .map(|s| s.as_ref().map(|(_, v, o)| (tls_common::parse_hsts(v), o)))
        .collect();
    let weakest = all?.into_iter().min_by_key(|(h, _)| h.as_ref().map_or(0, |h| h.max_age))?;
    Some(Setting::explicit(weakest.0, weakest.1.clone()))
}

fn listen_port(addr: &str) -> String {
    if addr.starts_with("unix:") {
        return addr.to_string();
    }
    match addr.rsplit_once(':') {
        Some((_, p)) if p.chars().all(|c| c.is_ascii_digit()) => p.to_string(),
        _ if addr.chars().all(|c| c.is_ascii_digit()) => addr.to_string(),
        _ => "443".into(),
    }
}

fn server_endpoint(cx: &mut ParseCx, src: &SourceFile, subject: String, service: TlsService, block: Origin, l: &Level) -> TlsEndpoint {
    let versions = match l.protocols.as_deref() {
        Some((v, o)) => Setting::explicit(v.clone(), o.clone()),
        None => default_protocols(cx, &subject, &block, "ssl_protocols"),
    };
    let mut ep = TlsEndpoint::new(subject, TlsRole::Server, service, block.clone(), versions.clone());
    let spec = OpensslTls {
        versions,
        cipher_string: set_or(l.ciphers.as_deref(), DEFAULT_CIPHERS, &block, "ssl_ciphers"),
        tls13_suites: set_or(
            l.ciphersuites.as_deref(),
            tls_common::OPENSSL_DEFAULT_TLS13,
            &block,
            "ssl_conf_command Ciphersuites",
        ),
        groups: set_or(l.groups.as_deref(), "auto", &block, "ssl_ecdh_curve"),
        dhparam: l.dhparam.as_deref().map(|(v, o)| Setting::explicit(v.clone(), o.clone())),
        dhe_without_file: false,
        builtin_dh_bits: None,
        certificates: l.certificates.as_deref().cloned().unwrap_or_default(),
    };
    tls_common::fill_endpoint(cx, src, &mut ep, spec);

    let verify = l.verify_client.as_deref().map(|(v, o)| (v.to_ascii_lowercase(), o.clone()));
    ep.client_auth = Some(match &verify {
        Some((v, o)) if v == "on" => Setting::explicit(ClientAuth::Required, o.clone()),
        Some((v, o)) if v == "optional" || v == "optional_no_ca" => Setting::explicit(ClientAuth::Optional, o.clone()),
        Some((_, o)) => Setting::explicit(ClientAuth::None, o.clone()),
        None => Setting::default_at(ClientAuth::None, block.with_note(Note::not_set_value("ssl_verify_client", "off"))),
    });
    if verify.as_ref().is_some_and(|(v, _)| v != "off") {
        // optional_no_ca does not verify against any CA.
        let ca = if verify.as_ref().is_some_and(|(v, _)| v == "optional_no_ca") {
            None
        } else {
            l.client_ca.clone().or_else(|| l.trusted_ca.clone())
        };
        ep.client_ca = ca.map(|x| Setting::explicit(x.0.clone(), x.1.clone()));
    }
    ep.server_preference = Some(set_or_default(l.prefer_server.as_deref(), false, || block.clone()));
    ep.ocsp_stapling = Some(set_or_default(l.stapling.as_deref(), false, || block.clone()));
    if service == TlsService::Http {
        let sts = sts_header(l);
        ep.hsts = Some(match sts {
            Some((_, v, o)) => Setting::explicit(tls_common::parse_hsts(v), o.clone()),
            None => Setting::default_at(None, block.with_note(Note::absent("add_header Strict-Transport-Security"))),
        });
    }
    ep
}

fn client_endpoint(cx: &mut ParseCx, src: &SourceFile, subject: String, service: TlsService, origin: Origin, l: &Level) -> TlsEndpoint {
    let versions = match l.proxy_protocols.as_deref() {
        Some((v, o)) => Setting::explicit(v.clone(), o.clone()),
        None => default_protocols(cx, &subject, &origin, "proxy_ssl_protocols"),
    };
    let mut ep = TlsEndpoint::new(subject, TlsRole::Client, service, origin.clone(), versions.clone());
    let ciphers = set_or(l.proxy_ciphers.as_deref(), DEFAULT_PROXY_CIPHERS, &origin, "proxy_ssl_ciphers");
    let tls13 = set_or(
        l.proxy_ciphersuites.as_deref(),
        tls_common::OPENSSL_DEFAULT_TLS13,
        &origin,
        "proxy_ssl_conf_command Ciphersuites",
    );
    let groups = Setting::default_at("auto".into(), origin.clone());
    let spec = OpensslTls::client(versions, ciphers, tls13, groups);
    tls_common::fill_endpoint(cx, src, &mut ep, spec);
    ep.verify_peer = Some(set_or_default(l.proxy_verify.as_deref(), false, || {
        origin.with_note(Note::not_set_value("proxy_ssl_verify", "off"))
    }));
    // proxy_ssl_verify checks the name too (proxy_ssl_name defaults to the proxy_pass host).
    ep.verify_name = ep.verify_peer.clone();
    ep.trusted_ca = l.proxy_trusted.as_deref().map(|(v, o)| Setting::explicit(v.clone(), o.clone()));
    ep.presents_client_cert = Some(match l.proxy_cert.as_deref() {
        Some((_, o)) => Setting::explicit(true, o.clone()),
        None => Setting::default_at(false, origin.clone()),
    });
    ep
}

fn on_off(d: &Directive, text: &str) -> Option<bool> {
    match d.arg(text, 0)?.to_ascii_lowercase().as_str() {
        "on" => Some(true),
        "off" => Some(false),
        _ => None,
    }
}

/// A plausible nginx directive name; anything else is a line we did not understand.
fn is_directive_name(s: &str) -> bool {
    // Bytes, not chars: every accepted character is ASCII, and a byte of a multi-byte
    // character fails the same test its character would.
    let b = s.as_bytes();
    matches!(b.first(), Some(c) if c.is_ascii_alphabetic() || *c == b'_')
        && b[1..].iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
}

/// Reads the directives of one block level (following includes) into `c`.
fn collect(cx: &mut ParseCx, src: &Arc<SourceFile>, dirs: Vec<Directive>, c: &mut Collected, ctx: Ctx) {
    // Owned: block directives move into `c.blocks` whole (cloning each subtree at every
    // level was the top allocation cost on large configs).
    for d in dirs {
        if d.children.is_some() {
            let name = d.name(&src.text);
            if !name.is_empty() && is_directive_name(name) {
                c.blocks.push(Block { dir: d, src: src.clone() });
            } else {
                cx.unrecognized(src, d.start, &src.text[d.start..d.end.min(src.text.len())]);
            }
            continue;
        }
        let d = &d;
        let text = src.text.as_str();
        let name = d.name(text);
        let origin = || src.origin(d.start, d.end);
        match name {
            "include" => {
                if let Some(pattern) = d.arg(text, 0) {
                    let pattern = pattern.to_string();
                    cx.include(src, d.start, &pattern, &mut |cx, file| {
                        let tree = block::parse_tree(cx, file);
                        collect(cx, file, tree, c, ctx);
                    });
                }
            }
            "ssl_protocols" => {
                let mut v: Vec<TlsVersion> = Vec::new();
                for w in &d.args {
                    match version_from_name(w.text(text)) {
                        Some(x) => v.push(x),
                        None => cx.diag(
                            crate::diag::DiagLevel::Warning,
                            src,
                            w.start,
                            crate::diag::DiagKind::BadValue {
                                directive: name.into(),
                                value: w.text(text).to_string(),
                            },
                        ),
                    }
                }
                v.sort();
                v.dedup();
                c.level.protocols = at(v, origin());
            }
            "proxy_ssl_protocols" | "grpc_ssl_protocols" | "uwsgi_ssl_protocols" => {
                let mut v: Vec<TlsVersion> = d.args.iter().filter_map(|w| version_from_name(w.text(text))).collect();
                v.sort();
                v.dedup();
                c.level.proxy_protocols = at(v, origin());
            }
            "ssl_ciphers" => c.level.ciphers = at(d.args_joined(text, 0), origin()),
            "proxy_ssl_ciphers" | "grpc_ssl_ciphers" | "uwsgi_ssl_ciphers" => c.level.proxy_ciphers = at(d.args_joined(text, 0), origin()),
            "ssl_conf_command" | "proxy_ssl_conf_command" => {
                let key = d.arg(text, 0).unwrap_or("").to_ascii_lowercase();
                let val = d.args_joined(text, 1);
                let proxy = name.starts_with("proxy_");
                match (key.as_str(), proxy) {
                    ("ciphersuites", false) => c.level.ciphersuites = at(val, origin()),
                    ("ciphersuites", true) => c.level.proxy_ciphersuites = at(val, origin()),
                    ("groups" | "curves", false) => c.level.groups = at(val, origin()),
                    ("minprotocol", false) => {
                        if let Some(min) = version_from_name(&val) {
                            let v = tls_common::version_range(min, TlsVersion::Tls13);
                            c.level.protocols = at(v, origin());
                        }
                    }
                    _ => {}
                }
            }
            "ssl_ecdh_curve" => c.level.groups = at(d.args_joined(text, 0), origin()),
            "ssl_dhparam" => c.level.dhparam = d.arg(text, 0).and_then(|v| at(v.to_string(), origin())),
            "ssl_certificate" => {
                if let Some(v) = d.arg(text, 0) {
                    Rc::make_mut(c.level.certificates.get_or_insert_default()).push((v.to_string(), origin()));
                }
            }
            "ssl_verify_client" => c.level.verify_client = d.arg(text, 0).and_then(|v| at(v.to_string(), origin())),
            "ssl_client_certificate" => c.level.client_ca = d.arg(text, 0).and_then(|v| at(v.to_string(), origin())),
            "ssl_trusted_certificate" => c.level.trusted_ca = d.arg(text, 0).and_then(|v| at(v.to_string(), origin())),
            "ssl_prefer_server_ciphers" => c.level.prefer_server = on_off(d, text).and_then(|v| at(v, origin())),
            "ssl_stapling" => c.level.stapling = on_off(d, text).and_then(|v| at(v, origin())),
            "ssl" => c.level.ssl_on = on_off(d, text).and_then(|v| at(v, origin())),
            "add_header" => {
                if let (Some(n), Some(v)) = (d.arg(text, 0), d.arg(text, 1)) {
                    Rc::make_mut(c.level.headers.get_or_insert_default()).push((n.to_string(), v.to_string(), origin()));
                }
            }
            "proxy_ssl_verify" | "grpc_ssl_verify" | "uwsgi_ssl_verify" => c.level.proxy_verify = on_off(d, text).and_then(|v| at(v, origin())),
            "proxy_ssl_trusted_certificate" | "grpc_ssl_trusted_certificate" => {
                c.level.proxy_trusted = d.arg(text, 0).and_then(|v| at(v.to_string(), origin()))
            }
            "proxy_ssl_certificate" | "grpc_ssl_certificate" => c.level.proxy_cert = d.arg(text, 0).and_then(|v| at(v.to_string(), origin())),
            "proxy_ssl_server_name" => c.level.proxy_server_name = on_off(d, text).and_then(|v| at(v, origin())),
            "proxy_ssl" => c.level.proxy_ssl_on = on_off(d, text).and_then(|v| at(v, origin())),
            "listen" if ctx == Ctx::Server => c.listens.push((d.args.iter().map(|w| w.text(text).to_string()).collect(), origin())),
            "server_name" if ctx == Ctx::Server => c.server_names.extend(d.args.iter().map(|w| w.text(text).to_string())),
            "proxy_pass" | "grpc_pass" | "uwsgi_pass" => {
                let target = d.arg(text, 0).unwrap_or("");
                let lower = target.to_ascii_lowercase();
                let tls = lower.starts_with("https://") || lower.starts_with("grpcs://") || lower.starts_with("suwsgi://");
                if tls {
                    c.upstream_tls.push((target.to_string(), origin()));
                } else if ctx == Ctx::Server && !target.contains("://") {
                    // stream { server { proxy_pass host:port; proxy_ssl on; } }
                    c.upstream_tls.push((format!("stream:{target}"), origin()));
                }
            }
            _ if is_directive_name(name) => {}
            _ => cx.unrecognized(src, d.start, &src.text[d.start..d.end.min(src.text.len())]),
        }
    }
}
