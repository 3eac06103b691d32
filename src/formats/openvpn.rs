//! OpenVPN server and client configs and `.ovpn` profiles: one `directive args...` per
//! line (`#`/`;` comments), inline files (`<ca>`, `<cert>`, `<key>`, `<tls-auth>`,
//! `<tls-crypt>`, `<tls-crypt-v2>`, `<secret>`, `<auth-user-pass>`, ...) whose content is
//! skipped and never kept. One file is one [`VpnTunnel`].
//!
//! Defaults are those of openvpn(8) for OpenVPN 2.6 (Debian 12 ships 2.6.x):
//! `tls-version-min` 1.2, `data-ciphers` AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305,
//! `cipher` ignored in TLS mode (used only with `secret`, static-key mode, where it
//! defaulted to BF-CBC up to 2.4), `auth` SHA1, `verify-client-cert require`.
//!
//! In TLS mode the control channel also becomes a [`TlsEndpoint`] (service `VpnControl`), so
//! the TLS rules judge its suites and groups: `tls-cipher` (TLS ≤ 1.2, an OpenSSL cipher
//! string in which OpenVPN also accepts IANA names with dashes) expands through the same
//! OpenSSL cipher-string code as nginx's `ssl_ciphers`; unset, OpenVPN's own default
//! applies. `tls-ciphersuites` (TLS 1.3) and `tls-groups` default to OpenSSL's.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::ipsec_proposal::{openvpn_cipher, openvpn_digest};
use crate::formats::tls_common::{self, version_range, OpensslTls, OPENSSL_DEFAULT_GROUPS, OPENSSL_DEFAULT_TLS13};
use crate::formats::vpn_common::{dflt, key_file_fact, masked_origin, unrecognized_word};
use crate::formats::{lex, ParseCx};
use crate::i18n::notes::Note;
use crate::model::{
    AuthMethod, Device, Origin, Proposal, SecretKind, Setting, TlsEndpoint, TlsRole, TlsService, TlsVersion, VpnKind, VpnRole, VpnTunnel, VpnUse,
};
use crate::source::SourceFile;
use crate::tls::suites;
use std::collections::BTreeMap;

/// OpenVPN 2.6 `data-ciphers` default.
const DEFAULT_DATA_CIPHERS: &str = "AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305";
/// OpenVPN 2.5's: "By default OpenVPN 2.5 will only accept AES-256-GCM and AES-128-GCM"
/// (Changes.rst, 2.5.0).
const DEFAULT_DATA_CIPHERS_2_5: &str = "AES-256-GCM:AES-128-GCM";
/// What OpenVPN 2.4 accepts with no `cipher` and no `ncp-ciphers`: "AES-256-GCM,
/// AES-128-GCM and BF-CBC" (Changes.rst, 2.5.0), BF-CBC being the `cipher` default.
const DEFAULT_DATA_CIPHERS_2_4: &str = "AES-256-GCM:AES-128-GCM:BF-CBC";

/// The data-channel ciphers a TLS-mode config accepts with none of `data-ciphers`,
/// `ncp-ciphers` and `cipher` set: by the release pinned in kensa.toml `[assume] openvpn`,
/// else the newest release's, recorded as an assumption (2.4 still accepts BF-CBC;
/// docs/vendor-defaults.md).
fn default_data_ciphers(cx: &mut ParseCx, subject: &str, anchor: &Origin) -> (&'static str, Origin) {
    let pinned = cx.assumed_release("openvpn").map(|r| (r.to_string(), crate::formats::release_number(r)));
    let (ciphers, note) = match pinned {
        Some((written, Some(v))) => {
            let ciphers = if v < (2, 5, 0) {
                DEFAULT_DATA_CIPHERS_2_4
            } else if v < (2, 6, 0) {
                DEFAULT_DATA_CIPHERS_2_5
            } else {
                DEFAULT_DATA_CIPHERS
            };
            (
                ciphers,
                format!("data-ciphers not set: OpenVPN {written} default {ciphers}, release from kensa.toml [assume]"),
            )
        }
        _ => {
            cx.model.assumptions.push(crate::model::Assumption {
                subject: subject.to_string(),
                product: "openvpn",
                setting: "data-ciphers",
                releases_ja: "2.6 以降は AES-256-GCM AES-128-GCM CHACHA20-POLY1305、2.5 は AES-256-GCM AES-128-GCM、2.4 以前は BF-CBC も受け入れます".into(),
                releases_en: "AES-256-GCM AES-128-GCM CHACHA20-POLY1305 from 2.6, AES-256-GCM AES-128-GCM in 2.5, BF-CBC accepted as well up to 2.4".into(),
                origin: anchor.clone(),
            });
            (
                DEFAULT_DATA_CIPHERS,
                format!("data-ciphers not set: OpenVPN 2.6 default {DEFAULT_DATA_CIPHERS}; 2.4 also accepts BF-CBC, release not pinned"),
            )
        }
    };
    (ciphers, anchor.with_note(note))
}

/// `cipher X` that the accepted list (`data-ciphers`/`ncp-ciphers`, or the default one)
/// lacks, with no `data-ciphers-fallback`: OpenVPN 2.4 and 2.5 still use X with peers that cannot
/// negotiate a cipher; 2.6 ignores it ("DEPRECATED OPTION: --cipher set to ... but missing
/// in --data-ciphers ... OpenVPN ignores --cipher for cipher negotiations",
/// docs/vendor-defaults.md). With a release pinned before 2.6 the cipher is accepted (and
/// returned with the `cipher` line); without a pin 2.6 is judged and CFG002 says so there.
fn legacy_cipher_fallback(cx: &mut ParseCx, c: &Collected, list: &[String], subject: &str) -> Option<(String, Origin)> {
    let l = c.last("cipher")?;
    let cipher = l.args.first()?;
    if c.last("data-ciphers-fallback").is_some() || list.iter().any(|x| x.eq_ignore_ascii_case(cipher)) {
        return None;
    }
    match cx.assumed_release("openvpn").map(|r| (r.to_string(), crate::formats::release_number(r))) {
        Some((written, Some(v))) if v < (2, 6, 0) => {
            let note = format!("cipher {cipher}: used with peers that cannot negotiate a cipher in OpenVPN {written} (kensa.toml [assume])");
            Some((cipher.clone(), l.origin.with_note(note)))
        }
        Some(_) => None,
        None => {
            cx.model.assumptions.push(crate::model::Assumption {
                subject: subject.to_string(),
                product: "openvpn",
                setting: "data-ciphers-fallback",
                releases_ja: format!("2.4 と 2.5 では cipher の {cipher} が暗号を交渉できない相手との通信に使われ、2.6 以降は使われません"),
                releases_en: format!("cipher {cipher} is used with peers that cannot negotiate a cipher in 2.4 and 2.5, and ignored from 2.6"),
                origin: l.origin.clone(),
            });
            None
        }
    }
}

/// OpenVPN's `tls-cipher` default with OpenSSL, as openvpn(8) and ssl_openssl.c
/// (tls_ctx_restrict_ciphers) give it: `DEFAULT:!EXP:!LOW:!MEDIUM:!kDH:!kECDH:!DSS:!PSK:!SRP:!kRSA`.
/// `!EXP`, `!kDH` and `!kECDH` name suites OpenSSL removed in 1.1.0 and OpenSSL 3 skips them
/// as unknown words; they are left out here so the default is not reported as unknown.
const DEFAULT_TLS_CIPHER: &str = "DEFAULT:!LOW:!MEDIUM:!DSS:!PSK:!SRP:!kRSA";
/// The default as OpenVPN documents it, for evidence.
const DEFAULT_TLS_CIPHER_DOC: &str = "DEFAULT:!EXP:!LOW:!MEDIUM:!kDH:!kECDH:!DSS:!PSK:!SRP:!kRSA";

/// Inline file tags whose content is key material.
const KEY_TAGS: &[&str] = &[
    "key",
    "secret",
    "tls-auth",
    "tls-crypt",
    "tls-crypt-v2",
    "pkcs12",
    "auth-user-pass",
    "http-proxy-user-pass",
];

/// Directives OpenVPN 2.6 knows that kensa reads or deliberately ignores.
const KNOWN: &[&str] = &[
    "client",
    "server",
    "server-bridge",
    "server-ipv6",
    "mode",
    "tls-server",
    "tls-client",
    "pull",
    "remote",
    "port",
    "lport",
    "rport",
    "proto",
    "dev",
    "dev-type",
    "local",
    "ca",
    "cert",
    "key",
    "dh",
    "pkcs12",
    "crl-verify",
    "capath",
    "extra-certs",
    "tls-version-min",
    "tls-version-max",
    "tls-cipher",
    "tls-ciphersuites",
    "tls-groups",
    "ecdh-curve",
    "cipher",
    "data-ciphers",
    "data-ciphers-fallback",
    "ncp-ciphers",
    "ncp-disable",
    "auth",
    "tls-auth",
    "tls-crypt",
    "tls-crypt-v2",
    "key-direction",
    "secret",
    "remote-cert-tls",
    "verify-x509-name",
    "tls-remote",
    "ns-cert-type",
    "peer-fingerprint",
    "verify-client-cert",
    "client-cert-not-required",
    "auth-user-pass",
    "auth-user-pass-verify",
    "auth-user-pass-optional",
    "username-as-common-name",
    "plugin",
    "client-to-client",
    "duplicate-cn",
    "push",
    "redirect-gateway",
    "route",
    "route-ipv6",
    "route-nopull",
    "pull-filter",
    "script-security",
    "topology",
    "ifconfig",
    "ifconfig-pool",
    "ifconfig-pool-persist",
    "ifconfig-ipv6",
    "keepalive",
    "persist-key",
    "persist-tun",
    "status",
    "status-version",
    "log",
    "log-append",
    "verb",
    "mute",
    "explicit-exit-notify",
    "user",
    "group",
    "daemon",
    "syslog",
    "nobind",
    "resolv-retry",
    "comp-lzo",
    "compress",
    "allow-compression",
    "max-clients",
    "client-config-dir",
    "ccd-exclusive",
    "reneg-sec",
    "reneg-bytes",
    "reneg-pkts",
    "ping",
    "ping-restart",
    "ping-exit",
    "inactive",
    "tun-mtu",
    "mssfix",
    "fragment",
    "sndbuf",
    "rcvbuf",
    "float",
    "mute-replay-warnings",
    "management",
    "setenv",
    "setenv-safe",
    "ignore-unknown-option",
    "up",
    "down",
    "route-up",
    "client-connect",
    "client-disconnect",
    "learn-address",
    "tls-verify",
    "auth-nocache",
    "auth-token",
    "auth-gen-token",
    "auth-retry",
    "askpass",
    "connect-retry",
    "connect-retry-max",
    "remote-random",
    "server-poll-timeout",
    "dhcp-option",
    "block-outside-dns",
    "register-dns",
    "writepid",
    "chroot",
    "iroute",
    "iroute-ipv6",
    "tls-timeout",
    "hand-window",
    "tran-window",
    "txqueuelen",
    "http-proxy",
    "socks-proxy",
    "auth-nocache",
    "cryptoapicert",
    "providers",
    "tls-cert-profile",
    "allow-pull-fqdn",
    "route-delay",
    "route-method",
    "ip-win32",
    "windows-driver",
    "disable-dco",
    "data-ciphers-fallback",
    "fast-io",
    "multihome",
    "replay-window",
    "mark",
    "bind",
    "tun-ipv6",
    "up-delay",
    "down-pre",
    "tcp-nodelay",
    "opt-verify",
    "remote-cert-ku",
    "remote-cert-eku",
    "x509-username-field",
    "x509-track",
    "verify-hash",
    "tmp-dir",
    "machine-readable-output",
    "connection",
    "static-challenge",
    "setcon",
    "config",
    "route-gateway",
    "redirect-private",
    "link-mtu",
    "tun-mtu-extra",
    "mtu-disc",
    "compat-mode",
    "session-timeout",
];

/// A directive line: its words and where it is.
#[derive(Debug, Clone)]
struct Line {
    args: Vec<String>,
    origin: Origin,
}

struct Collected {
    /// First word → occurrences in order.
    dirs: BTreeMap<String, Vec<Line>>,
    /// Inline tag → opening line.
    inline: BTreeMap<String, Origin>,
}

impl Collected {
    fn last(&self, k: &str) -> Option<&Line> {
        self.dirs.get(k).and_then(|v| v.last())
    }
    fn all(&self, k: &str) -> &[Line] {
        self.dirs.get(k).map_or(&[], Vec::as_slice)
    }
    fn has(&self, k: &str) -> bool {
        self.dirs.contains_key(k)
    }
    /// A file directive or an inline block with that name.
    fn file_or_inline(&self, k: &str) -> Option<Origin> {
        self.inline.get(k).cloned().or_else(|| self.last(k).map(|l| l.origin.clone()))
    }
}

/// OpenVPN's word syntax: "double" and 'single' quotes and backslash escapes; a `#` or `;`
/// that begins a word starts a comment.
const SYNTAX: lex::Syntax = lex::Syntax {
    quotes: lex::Quotes::Inline,
    comment: lex::Comment::WordStart(b"#;"),
};

/// `__LOGIN_COMMENT__auth-user-pass` → (`__LOGIN_COMMENT__`, `auth-user-pass`): a template's
/// placeholder glued before an option, which the template fills with `#` or nothing to turn
/// the line off or on.
fn template_toggle(word: &str) -> Option<(&str, &str)> {
    let inner = word.strip_prefix("__")?;
    let end = inner.find("__")?;
    let name = &inner[..end];
    let option = &inner[end + 2..];
    let is_placeholder = !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    (is_placeholder && !option.is_empty()).then(|| (&word[..end + 4], option))
}

/// A line's words, unquoted.
fn words(line: &str) -> Vec<String> {
    lex::words(0, line, SYNTAX).0.into_iter().map(|w| w.text.into_owned()).collect()
}

fn collect(cx: &mut ParseCx, src: &SourceFile) -> Collected {
    let mut c = Collected {
        dirs: BTreeMap::new(),
        inline: BTreeMap::new(),
    };
    let mut open_tag: Option<(String, usize)> = None;
    for (at, line) in lex::physical(&src.text) {
        let body = line.trim();
        let body_at = at + (line.len() - line.trim_start().len());
        if let Some((tag, _)) = &open_tag {
            if body.eq_ignore_ascii_case(&format!("</{tag}>")) {
                open_tag = None;
            }
            continue; // inline content: never read, never kept
        }
        if body.is_empty() || body.starts_with('#') || body.starts_with(';') {
            continue;
        }
        if let Some(tag) = body.strip_prefix('<').and_then(|b| b.strip_suffix('>')).filter(|t| !t.starts_with('/')) {
            let tag = tag.trim().to_ascii_lowercase();
            c.inline.insert(tag.clone(), src.origin(body_at, body_at + body.len()));
            open_tag = Some((tag, body_at));
            continue;
        }
        let mut w = words(body);
        let Some(first) = w.first() else { continue };
        let mut name = first.trim_start_matches("--").to_ascii_lowercase();
        if !KNOWN.contains(&name.as_str()) {
            let toggled = template_toggle(first).map(|(p, o)| (p.to_string(), o.to_ascii_lowercase()));
            let Some((placeholder, option)) = toggled.filter(|(_, o)| KNOWN.contains(&o.as_str())) else {
                unrecognized_word(cx, src, body_at, body);
                continue;
            };
            let directive = option.clone();
            cx.diag(DiagLevel::Warning, src, body_at, DiagKind::TemplateLine { placeholder, directive });
            w[0] = option.clone();
            name = option;
        }
        if name == "config" {
            // `config FILE` reads the file's options here, as if written in place.
            if let Some(file) = w.get(1) {
                let mut read = Vec::new();
                cx.include(src, body_at, file, &mut |cx, f| read.push(collect(cx, f)));
                for sub in read {
                    for (k, v) in sub.dirs {
                        c.dirs.entry(k).or_default().extend(v);
                    }
                    c.inline.extend(sub.inline);
                }
            }
            continue;
        }
        let origin = src.origin(body_at, body_at + body.len());
        c.dirs.entry(name).or_default().push(Line { args: w[1..].to_vec(), origin });
    }
    if let Some((tag, at)) = open_tag {
        cx.diag(
            DiagLevel::Error,
            src,
            at,
            DiagKind::Syntax {
                detail: format!("inline file <{tag}> is not closed by </{tag}>"),
            },
        );
    }
    c
}

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    let c = collect(cx, src);
    cx.model.device = Some(Device {
        product: "OpenVPN".into(),
        hostname: None,
        is_network_device: false,
        origin: src.origin(0, 0),
        source_routing: None,
    });
    if c.dirs.is_empty() && c.inline.is_empty() {
        return;
    }
    let name = src.path.rsplit(['/', '\\']).next().unwrap_or("").to_string();
    let file_origin = src.origin(0, 0).with_evidence(&name);
    let mode_server = c.last("mode").is_some_and(|l| l.args.first().is_some_and(|a| a == "server"));
    let server = c.has("server") || c.has("server-bridge") || mode_server;
    let client = c.has("client") || c.has("pull");
    let static_key = c.file_or_inline("secret");
    let tls_server = server || c.has("tls-server");
    let tls_client = client || c.has("tls-client");
    let (role, usage, anchor) = if server {
        let o = c
            .last("server")
            .or_else(|| c.last("server-bridge"))
            .or_else(|| c.last("mode"))
            .map_or(file_origin.clone(), |l| l.origin.clone());
        (VpnRole::Server, VpnUse::RemoteAccess, o)
    } else if client {
        let o = c.last("client").or_else(|| c.last("pull")).map_or(file_origin.clone(), |l| l.origin.clone());
        (VpnRole::Client, VpnUse::RemoteAccess, o)
    } else if tls_server {
        (
            VpnRole::Server,
            VpnUse::SiteToSite,
            c.last("tls-server").map_or(file_origin.clone(), |l| l.origin.clone()),
        )
    } else if tls_client {
        (
            VpnRole::Client,
            VpnUse::SiteToSite,
            c.last("tls-client").map_or(file_origin.clone(), |l| l.origin.clone()),
        )
    } else {
        (VpnRole::Peer, VpnUse::SiteToSite, static_key.clone().unwrap_or_else(|| file_origin.clone()))
    };
    let what = match role {
        VpnRole::Server => "server",
        VpnRole::Client => "client",
        VpnRole::Peer => "peer",
    };
    let mut t = VpnTunnel::new(format!("OpenVPN {what} {name}"), VpnKind::OpenVpn, usage, role, anchor.clone());
    let tls_mode = static_key.is_none() || tls_server || tls_client;
    named_files(cx, src, &c, tls_mode && role == VpnRole::Server);

    // Data channel.
    let mut ciphers: Vec<String> = Vec::new();
    let cipher_origin: Option<(Origin, bool)>;
    if tls_mode {
        if let Some(l) = c.last("data-ciphers").or_else(|| c.last("ncp-ciphers")) {
            ciphers.extend(l.args.iter().flat_map(|a| a.split(':')).map(str::to_string));
            cipher_origin = Some(match legacy_cipher_fallback(cx, &c, &ciphers, &t.subject) {
                Some((cipher, origin)) => {
                    ciphers.push(cipher);
                    (origin, false)
                }
                None => (l.origin.clone(), false),
            });
        } else if c.last("cipher").is_none() {
            let (default, origin) = default_data_ciphers(cx, &t.subject, &anchor);
            ciphers.extend(default.split(':').map(str::to_string));
            cipher_origin = Some((origin, true));
        } else {
            ciphers.extend(DEFAULT_DATA_CIPHERS.split(':').map(str::to_string));
            cipher_origin = Some(match legacy_cipher_fallback(cx, &c, &ciphers, &t.subject) {
                Some((cipher, origin)) => {
                    ciphers.push(cipher);
                    (origin, false)
                }
                None => (
                    anchor.with_note(Note::not_set_default_of("data-ciphers", "OpenVPN 2.6", DEFAULT_DATA_CIPHERS)),
                    true,
                ),
            });
        }
        if let Some(l) = c.last("data-ciphers-fallback") {
            ciphers.extend(l.args.first().cloned());
        }
    } else if let Some(l) = c.last("cipher") {
        ciphers.extend(l.args.first().cloned());
        cipher_origin = Some((l.origin.clone(), false));
    } else {
        ciphers.push("BF-CBC".into());
        cipher_origin = Some((anchor.with_note("cipher not set: static-key mode default BF-CBC"), true));
    }
    let mut props: Vec<Proposal> = Vec::new();
    for name in &ciphers {
        let Some(tok) = openvpn_cipher(name) else {
            if let Some((o, _)) = &cipher_origin {
                cx.diag_at(
                    o,
                    DiagKind::BadValue {
                        directive: "data-ciphers".into(),
                        value: name.clone(),
                    },
                );
            }
            continue;
        };
        if !props.iter().any(|p| p.encryption.first() == Some(&tok)) {
            props.push(Proposal {
                encryption: vec![tok],
                ..Proposal::default()
            });
        }
    }
    if let Some((o, defaulted)) = cipher_origin {
        t.child_proposals = Some(Setting {
            value: props.clone(),
            origin: o,
            defaulted,
        });
    }
    t.data_auth = Some(match c.last("auth") {
        Some(l) => Setting::explicit(openvpn_digest(l.args.first().map_or("", String::as_str)), l.origin.clone()),
        None => dflt("sha1".into(), &anchor, Note::not_set_default("auth", "SHA1")),
    });

    // Control channel.
    if tls_mode {
        // A value OpenVPN does not know leaves it unjudged: control_channel() reports it.
        t.tls_min_version = match c.last("tls-version-min") {
            Some(l) => match tls_version(l.args.first().map_or("", String::as_str)) {
                Some(v) => Some(Setting::explicit(v, l.origin.clone())),
                // "or-highest": an unknown version means the highest the library supports.
                None if l.args.get(1).is_some_and(|a| a == "or-highest") => Some(Setting::explicit(TlsVersion::Tls13, l.origin.clone())),
                None => None,
            },
            None => Some(dflt(
                TlsVersion::Tls12,
                &anchor,
                Note::not_set_default_of("tls-version-min", "OpenVPN 2.6", "1.2"),
            )),
        };
        let protection = c
            .file_or_inline("tls-crypt-v2")
            .or_else(|| c.file_or_inline("tls-crypt"))
            .or_else(|| c.file_or_inline("tls-auth"));
        t.control_channel_protection = Some(match protection {
            Some(o) => Setting::explicit(true, o),
            None => dflt(false, &anchor, "no tls-auth, tls-crypt or tls-crypt-v2"),
        });
        t.pfs = Some(Setting::default_at(true, anchor.with_note("TLS mode: keys from an ephemeral key exchange")));
        control_channel(cx, src, &c, &t.subject, role, &anchor);
    } else if let Some(o) = &static_key {
        t.pfs = Some(Setting::explicit(false, o.clone()));
    }

    // Authentication.
    let has_cert = c
        .file_or_inline("cert")
        .or_else(|| c.file_or_inline("pkcs12"))
        .or_else(|| c.last("cryptoapicert").map(|l| l.origin.clone()));
    let user_pass = c
        .last("auth-user-pass")
        .map(|l| l.origin.clone())
        .or_else(|| c.inline.get("auth-user-pass").cloned());
    let static_auth = |o: &Origin| Setting::explicit(AuthMethod::StaticKey, o.clone());
    if let Some(o) = static_key.as_ref().filter(|_| !tls_mode) {
        t.local_auth = Some(static_auth(o));
        t.remote_auth = Some(static_auth(o));
    } else {
        t.local_auth = Some(match (&has_cert, &user_pass) {
            (Some(o), _) => Setting::explicit(AuthMethod::Certificate, o.clone()),
            (None, Some(o)) if role == VpnRole::Client => Setting::explicit(AuthMethod::Password, o.clone()),
            _ => dflt(AuthMethod::None, &anchor, "no cert, pkcs12 or auth-user-pass"),
        });
        if role == VpnRole::Client {
            // The client checks the server by its CA (ca is mandatory in TLS mode).
            t.remote_auth = Some(match c.file_or_inline("ca").or_else(|| c.last("peer-fingerprint").map(|l| l.origin.clone())) {
                Some(o) => Setting::explicit(AuthMethod::Certificate, o),
                None => dflt(AuthMethod::None, &anchor, "no ca or peer-fingerprint"),
            });
            t.second_factor = Some(match (&has_cert, &user_pass) {
                (Some(_), Some(o)) => Setting::explicit(true, o.clone()),
                _ => dflt(false, &anchor, "certificate and auth-user-pass are not both used"),
            });
            // What makes a client refuse a server that merely holds some certificate of the
            // same CA (openvpn(8)): `remote-cert-tls server` (key usage + server EKU), the
            // EKU on its own (`remote-cert-eku "TLS Web Server Authentication"` or its OID),
            // the name (`verify-x509-name`, legacy `tls-remote`), a pinned fingerprint, the
            // legacy `ns-cert-type server`, or a `tls-verify` script (trusted to check).
            // `remote-cert-tls client` on a client checks the wrong thing and does not count.
            let server_arg = |name: &str| c.last(name).filter(|l| l.args.first().is_some_and(|a| a.eq_ignore_ascii_case("server")));
            let server_eku = c.last("remote-cert-eku").filter(|l| {
                let eku = l.args.join(" ");
                eku.eq_ignore_ascii_case("TLS Web Server Authentication") || eku == "1.3.6.1.5.5.7.3.1" || eku.eq_ignore_ascii_case("serverAuth")
            });
            let verify = server_arg("remote-cert-tls")
                .or(server_eku)
                .or_else(|| c.last("verify-x509-name"))
                .or_else(|| c.last("peer-fingerprint"))
                .or_else(|| c.last("tls-remote"))
                .or_else(|| server_arg("ns-cert-type"))
                .or_else(|| c.last("tls-verify"));
            t.verifies_server = Some(match verify {
                Some(l) => Setting::explicit(true, l.origin.clone()),
                None => dflt(false, &anchor, "no remote-cert-tls server, verify-x509-name or peer-fingerprint"),
            });
            let pulls_full = c.last("redirect-gateway").map(|l| (false, l.origin.clone()));
            let ignores = c.last("route-nopull").map(|l| (true, l.origin.clone())).or_else(|| {
                c.all("pull-filter")
                    .iter()
                    .find(|l| l.args.iter().any(|a| a.contains("redirect-gateway")) && l.args.first().is_some_and(|a| a == "ignore"))
                    .map(|l| (true, l.origin.clone()))
            });
            if let Some((v, o)) = ignores.or(pulls_full) {
                t.split_tunnel = Some(Setting::explicit(v, o));
            }
            t.peer_restricted = c.last("remote").map(|l| Setting::explicit(true, l.origin.clone()));
        } else {
            let vcc = c
                .last("verify-client-cert")
                .map(|l| (l.args.first().map_or("require".into(), |a| a.to_ascii_lowercase()), l.origin.clone()))
                .or_else(|| c.last("client-cert-not-required").map(|l| ("none".into(), l.origin.clone())));
            let requires = match &vcc {
                Some((v, o)) => Setting::explicit(v == "require", o.clone()),
                None => dflt(true, &anchor, Note::not_set_default("verify-client-cert", "require")),
            };
            let password_check = c.last("auth-user-pass-verify").map(|l| l.origin.clone()).or_else(|| {
                c.all("plugin")
                    .iter()
                    .find(|l| {
                        l.args
                            .iter()
                            .any(|a| a.contains("auth") || a.contains("pam") || a.contains("radius") || a.contains("ldap"))
                    })
                    .map(|l| l.origin.clone())
            });
            t.remote_auth = Some(match (requires.value, &password_check) {
                (true, _) => Setting {
                    value: AuthMethod::Certificate,
                    origin: requires.origin.clone(),
                    defaulted: requires.defaulted,
                },
                (false, Some(o)) => Setting::explicit(AuthMethod::Password, o.clone()),
                (false, None) => Setting::explicit(AuthMethod::None, requires.origin.clone()),
            });
            t.second_factor = Some(match (requires.value, &password_check) {
                (true, Some(o)) => Setting::explicit(true, o.clone()),
                _ => dflt(false, &anchor, "no certificate plus auth-user-pass-verify/plugin"),
            });
            t.requires_client_cert = Some(requires);
            t.per_user_credentials = Some(match c.last("duplicate-cn") {
                Some(l) => Setting::explicit(false, l.origin.clone()),
                None => dflt(true, &anchor, "duplicate-cn not set"),
            });
            if usage == VpnUse::RemoteAccess {
                t.client_to_client = Some(match c.last("client-to-client") {
                    Some(l) => Setting::explicit(true, l.origin.clone()),
                    None => dflt(false, &anchor, "client-to-client not set"),
                });
                let pushed = |what: &str| {
                    c.all("push")
                        .iter()
                        .find(|l| l.args.first().is_some_and(|a| a.trim_start().starts_with(what)))
                        .map(|l| l.origin.clone())
                };
                // `route` also finds `route-ipv6`; `route-gateway` and `route-delay` are
                // not destinations.
                let route = c
                    .all("push")
                    .iter()
                    .find(|l| {
                        l.args.first().is_some_and(|a| {
                            let w = a.split_whitespace().next().unwrap_or("");
                            w == "route" || w == "route-ipv6"
                        })
                    })
                    .map(|l| l.origin.clone());
                t.split_tunnel = Some(match (pushed("redirect-gateway"), route) {
                    (Some(o), _) => Setting::explicit(false, o),
                    // Routes without a redirect: only those networks go through the tunnel.
                    (None, Some(_)) => dflt(
                        true,
                        &anchor,
                        "no push \"redirect-gateway\": clients route only the pushed networks through the tunnel",
                    ),
                    // Nothing pushed: the server does not force a full tunnel; whether a
                    // client redirects its gateway is its own profile's choice (and files in
                    // client-config-dir may push more per client).
                    (None, None) => {
                        t.split_left_to_clients = true;
                        dflt(
                            true,
                            &anchor,
                            "neither redirect-gateway nor a route is pushed: each client's own profile decides what goes through the tunnel",
                        )
                    }
                });
            } else {
                t.peer_restricted = c.last("remote").map(|l| Setting::explicit(true, l.origin.clone()));
            }
        }
    }

    // Key material inline in this file, and inline passwords.
    let inline_key = KEY_TAGS.iter().find_map(|k| c.inline.get(*k).cloned());
    if let Some(o) = inline_key {
        t.key_file_world_readable = key_file_fact(cx, src, &o);
    }
    if let Some(o) = c.inline.get("auth-user-pass") {
        // The block's content is the user name and password; only its presence is noted.
        let masked = masked_origin(src, o.span.0, o.span.1, "<auth-user-pass>", " ");
        let subject = format!("OpenVPN {name} inline auth-user-pass");
        cx.secret(crate::formats::SecretRecord::new(
            SecretKind::UserPassword,
            crate::model::SecretStorage::Plaintext,
            subject,
            masked,
        ));
    }
    cx.model.vpn_tunnels.push(t);
}

/// Directives that name a file of keys or certificates (openvpn(8)); each may be given
/// inline instead (`<ca>...</ca>`).
const NAMED_FILES: &[&str] = &[
    "ca",
    "cert",
    "key",
    "tls-auth",
    "tls-crypt",
    "tls-crypt-v2",
    "secret",
    "pkcs12",
    "crl-verify",
    "extra-certs",
];

/// The server's certificate file (`cert`, not inline), which the control channel reads
/// as nginx reads `ssl_certificate`.
fn server_certificate(c: &Collected) -> Option<(String, Origin)> {
    if c.inline.contains_key("cert") {
        return None;
    }
    let l = c.last("cert")?;
    let file = l.args.first().filter(|a| !a.starts_with('['))?;
    Some((file.clone(), l.origin.clone()))
}

/// Says, at its line, each file of [`NAMED_FILES`] that is neither inline nor in the audited
/// tree: what it holds (the CA the peers are checked against, a certificate, a key) is not
/// judged, and the input is partly judged. Files are only looked for, never read, except the
/// server's certificate, which the control channel reads (`server_cert_read`); `dh` is read
/// there too.
fn named_files(cx: &mut ParseCx, src: &SourceFile, c: &Collected, server_cert_read: bool) {
    for &k in NAMED_FILES {
        if c.inline.contains_key(k) || (k == "cert" && server_cert_read) {
            continue;
        }
        let Some(l) = c.last(k) else { continue };
        // `[inline]` points at a block; `crl-verify DIR dir` names a directory.
        let Some(file) = l.args.first().filter(|a| !a.starts_with('[')) else {
            continue;
        };
        if k == "crl-verify" && l.args.get(1).is_some_and(|a| a == "dir") {
            continue;
        }
        cx.named_file_present(src, file, &l.origin);
    }
}

/// `tls-version-min` / `tls-version-max` values (openvpn(8): "1.0", "1.1", "1.2", "1.3").
fn tls_version(v: &str) -> Option<TlsVersion> {
    match v {
        "1.0" => Some(TlsVersion::Tls10),
        "1.1" => Some(TlsVersion::Tls11),
        "1.2" => Some(TlsVersion::Tls12),
        "1.3" => Some(TlsVersion::Tls13),
        _ => None,
    }
}

/// `tls-cipher` as OpenVPN hands it to OpenSSL (ssl_openssl.c convert_tls_list_to_openssl):
/// each `:`-separated word that is an IANA name with dashes (`TLS-DHE-RSA-WITH-AES-256-CBC-SHA`,
/// as openvpn(8) and `--show-tls` spell them; matched exactly, case-sensitively) becomes its
/// OpenSSL name, every other word passes unchanged. OpenVPN translates only the names in its
/// own table (the classic suites); kensa translates any suite its registry knows.
fn openssl_cipher_list(v: &str) -> String {
    v.split(':')
        .map(|w| {
            w.strip_prefix("TLS-")
                .and_then(|_| suites::by_iana(&w.replace('-', "_")))
                .and_then(|s| s.openssl)
                .unwrap_or(w)
        })
        .collect::<Vec<_>>()
        .join(":")
}

/// The TLS control channel as an OpenSSL endpoint (OpenVPN 2.6 with OpenSSL 3): versions
/// from `tls-version-min`/`-max`, TLS ≤ 1.2 suites from `tls-cipher`, TLS 1.3 suites from
/// `tls-ciphersuites` (OpenVPN turns `-` into `_`), groups from `tls-groups`, each with its
/// documented default. `tls-cert-profile` sets OpenSSL's security level (insecure 0,
/// legacy 1, preferred 2, suiteb 3) unless the cipher string sets `@SECLEVEL` itself; its
/// default (legacy, level 1) selects the same suites as kensa's assumed level 2 for
/// everything OpenSSL 3.0 builds. `ecdh-curve` is ignored by OpenSSL 1.1+ builds.
fn control_channel(cx: &mut ParseCx, src: &SourceFile, c: &Collected, subject: &str, role: VpnRole, anchor: &Origin) {
    let tls_role = match role {
        VpnRole::Server => TlsRole::Server,
        VpnRole::Client => TlsRole::Client,
        VpnRole::Peer => return,
    };
    let note = |n: Note| anchor.with_note(n);
    let version_of = |cx: &mut ParseCx, key: &str, default: TlsVersion| -> (TlsVersion, Option<Origin>) {
        let Some(l) = c.last(key) else { return (default, None) };
        let arg = l.args.first().map_or("", String::as_str);
        let v = match tls_version(arg) {
            Some(v) => v,
            // "or-highest": an unknown version means the highest the library supports.
            None if l.args.get(1).is_some_and(|a| a == "or-highest") => TlsVersion::Tls13,
            None => {
                cx.diag_at(
                    &l.origin,
                    crate::diag::DiagKind::BadValue {
                        directive: key.into(),
                        value: arg.into(),
                    },
                );
                default
            }
        };
        (v, Some(l.origin.clone()))
    };
    let (min, min_origin) = version_of(cx, "tls-version-min", TlsVersion::Tls12);
    let (max, _) = version_of(cx, "tls-version-max", TlsVersion::Tls13);
    let range = version_range(min, max);
    let versions = match min_origin {
        Some(o) => Setting::explicit(range, o),
        None => Setting::default_at(range, note(Note::not_set_default_of("tls-version-min", "OpenVPN 2.6", "1.2"))),
    };
    let level = c.last("tls-cert-profile").and_then(|l| match l.args.first()?.as_str() {
        "insecure" => Some(0),
        "legacy" => Some(1),
        "preferred" => Some(2),
        "suiteb" => Some(3),
        _ => None,
    });
    let with_level = |s: String| match level {
        Some(n) if !s.contains("@SECLEVEL") => format!("{s}:@SECLEVEL={n}"),
        _ => s,
    };
    let cipher_string = match c.last("tls-cipher") {
        Some(l) => Setting::explicit(with_level(openssl_cipher_list(l.args.first().map_or("", String::as_str))), l.origin.clone()),
        None => Setting::default_at(
            with_level(DEFAULT_TLS_CIPHER.to_string()),
            note(Note::not_set_default_of("tls-cipher", "OpenVPN", DEFAULT_TLS_CIPHER_DOC)),
        ),
    };
    let tls13_suites = match c.last("tls-ciphersuites") {
        Some(l) => Setting::explicit(l.args.first().map_or(String::new(), |a| a.replace('-', "_")), l.origin.clone()),
        None => Setting::default_at(
            OPENSSL_DEFAULT_TLS13.to_string(),
            note(Note::not_set_default_of("tls-ciphersuites", "OpenSSL", OPENSSL_DEFAULT_TLS13)),
        ),
    };
    let groups = match c.last("tls-groups") {
        Some(l) => Setting::explicit(l.args.first().cloned().unwrap_or_default(), l.origin.clone()),
        None => Setting::default_at(
            OPENSSL_DEFAULT_GROUPS.to_string(),
            note(Note::not_set_default_of("tls-groups", "OpenSSL", OPENSSL_DEFAULT_GROUPS)),
        ),
    };
    // DHE needs DH parameters on the server (`dh file` or an inline <dh>); `dh none`, or no
    // `dh` at all, leaves ECDHE only. A `dh file` is read as nginx's ssl_dhparam is (through
    // the audited tree's path resolution) so its size is judged; an inline <dh> is not
    // measured. A client offers DHE suites whenever its list has them.
    let dh_file = c
        .last("dh")
        .filter(|_| tls_role == TlsRole::Server)
        .and_then(|l| l.args.first().filter(|a| *a != "none").map(|a| Setting::explicit(a.clone(), l.origin.clone())));
    let dhe = tls_role == TlsRole::Client || c.inline.contains_key("dh") || dh_file.is_some();
    let spec = OpensslTls {
        versions: versions.clone(),
        cipher_string,
        tls13_suites,
        groups,
        dhparam: dh_file,
        dhe_without_file: dhe,
        builtin_dh_bits: None,
        certificates: if tls_role == TlsRole::Server {
            server_certificate(c).into_iter().collect()
        } else {
            Vec::new()
        },
    };
    let mut ep = TlsEndpoint::new(format!("{subject} control channel"), tls_role, TlsService::VpnControl, anchor.clone(), versions);
    tls_common::fill_endpoint(cx, src, &mut ep, spec);
    cx.model.tls_endpoints.push(ep);
}

#[cfg(test)]
mod tests {
    use crate::formats::{parse_text, Format};
    use crate::model::{AuthMethod, VpnRole};
    use crate::testutil::parse_clean;

    /// An unknown tls-version-min is a diagnostic and leaves the minimum unjudged (it used to
    /// be read as a number and accused as "TLS 1.5" below 1.2); "or-highest" means TLS 1.3.
    #[test]
    fn unknown_tls_version_min_is_not_judged() {
        let base = "client\ndev tun\nremote vpn.example.jp 1194\nca ca.crt\n";
        let p = parse_text(Format::Openvpn, "c.ovpn", &format!("{base}tls-version-min 1.5\n"));
        assert!(p.model.vpn_tunnels[0].tls_min_version.is_none());
        assert!(p.diagnostics.iter().any(|d| format!("{d:?}").contains("1.5")), "{:?}", p.diagnostics);
        let p = parse_text(Format::Openvpn, "c.ovpn", &format!("{base}tls-version-min 1.4 or-highest\n"));
        let min = p.model.vpn_tunnels[0].tls_min_version.as_ref().map(|s| s.value);
        assert_eq!(min, Some(crate::model::TlsVersion::Tls13));
    }

    #[test]
    fn client_profile_with_inline_blocks() {
        let text = "client\ndev tun\nproto udp\nremote vpn.example.jp 1194\n<ca>\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n</ca>\n<key>\nKENSA-SECRET-KEY\n</key>\ntls-version-min 1.0\ncipher AES-256-CBC\nauth SHA1 # legacy\n";
        let p = parse_clean(Format::Openvpn, "hospital.ovpn", text);
        let t = &p.model.vpn_tunnels[0];
        assert_eq!(t.role, VpnRole::Client);
        assert_eq!(t.tls_min_version.as_ref().unwrap().value, crate::model::TlsVersion::Tls10);
        assert!(!t.verifies_server.as_ref().unwrap().value);
        assert_eq!(t.data_auth.as_ref().unwrap().value, "sha1");
        // cipher is ignored in TLS mode (2.6): the default AEAD list applies.
        assert!(t
            .child_proposals
            .as_ref()
            .unwrap()
            .value
            .iter()
            .all(|p| p.encryption[0].contains("gcm") || p.encryption[0] == "chacha20poly1305"));
        assert!(!format!("{:?}", p.model).contains("KENSA-SECRET"));
    }

    /// The files a parsed input said it could not find, with their lines.
    fn missing_files(p: &crate::formats::ParsedInput) -> Vec<(u32, &str)> {
        p.diagnostics
            .iter()
            .filter_map(|d| match &d.kind {
                crate::diag::DiagKind::FileReferenced { path, .. } => Some((d.line, path.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn server_defaults_and_static_key() {
        let text = "port 1194\nproto udp\ndev tun\nca ca.crt\ncert server.crt\nkey server.key  # keep secret\ndh dh2048.pem\nserver 10.8.0.0 255.255.255.0\nclient-to-client\nduplicate-cn\n";
        let p = parse_text(Format::Openvpn, "server.conf", text);
        // Only the files it names, which are not beside this in-memory text: each at its line.
        let missing = missing_files(&p);
        assert_eq!(p.diagnostics.len(), missing.len(), "{:?}", p.diagnostics);
        assert_eq!(missing, [(4, "ca.crt"), (6, "server.key"), (5, "server.crt"), (7, "dh2048.pem")]);
        let t = &p.model.vpn_tunnels[0];
        assert_eq!(t.role, VpnRole::Server);
        assert!(t.split_tunnel.as_ref().unwrap().value);
        assert!(t.client_to_client.as_ref().unwrap().value);
        assert!(!t.per_user_credentials.as_ref().unwrap().value);
        assert!(t.requires_client_cert.as_ref().unwrap().value);
        let s = parse_text(
            Format::Openvpn,
            "p2p.conf",
            "dev tun\nremote 203.0.113.9\nifconfig 10.4.0.1 10.4.0.2\nsecret static.key\ncipher DES-CBC\n",
        );
        let t = &s.model.vpn_tunnels[0];
        assert_eq!(t.local_auth.as_ref().unwrap().value, AuthMethod::StaticKey);
        assert!(!t.pfs.as_ref().unwrap().value);
        assert_eq!(t.child_proposals.as_ref().unwrap().value[0].encryption, ["des"]);
    }

    #[test]
    fn control_channel_is_a_tls_endpoint() {
        use crate::model::{TlsRole, TlsService, TlsVersion};
        let server = "port 1194\nproto udp\ndev tun\nca ca.crt\ncert server.crt\nkey server.key\nserver 10.8.0.0 255.255.255.0\n";
        let ep_of = |text: &str| {
            let p = parse_text(Format::Openvpn, "server.conf", text);
            let named_file = |d: &crate::diag::Diagnostic| matches!(&d.kind, crate::diag::DiagKind::FileReferenced { .. });
            assert!(p.diagnostics.iter().all(named_file), "{:?}", p.diagnostics);
            assert_eq!(p.model.tls_endpoints.len(), 1);
            p.model.tls_endpoints[0].clone()
        };
        // Unset: OpenVPN's default list at TLS 1.2, OpenSSL's TLS 1.3 suites, no DHE
        // without `dh`, and every item says it relies on a default.
        let ep = ep_of(server);
        assert_eq!((ep.role, ep.service), (TlsRole::Server, TlsService::VpnControl));
        assert_eq!(ep.subject, "OpenVPN server server.conf control channel");
        assert_eq!(ep.versions.value, [TlsVersion::Tls12, TlsVersion::Tls13]);
        let t12 = &ep.cipher_suites[&TlsVersion::Tls12];
        assert!(t12.defaulted && t12.origin.evidence.contains("tls-cipher not set: OpenVPN default DEFAULT:!EXP"));
        assert!(t12.value.contains(&0xC02F) && t12.value.contains(&0xC028), "ECDHE GCM and CBC suites");
        assert!(!t12.value.contains(&0x009E) && !t12.value.contains(&0x002F), "no DHE without dh, no kRSA");
        assert!(ep.cipher_suites[&TlsVersion::Tls13].defaulted);
        assert!(ep.groups.as_ref().unwrap().defaulted);
        // A DH file makes DHE possible.
        assert!(ep_of(&format!("{server}dh dh2048.pem\n")).cipher_suites[&TlsVersion::Tls12]
            .value
            .contains(&0x009E));
        // IANA names with dashes are translated, and the line is the origin.
        let ep = ep_of(&format!(
            "{server}dh dh.pem\ntls-cipher TLS-DHE-RSA-WITH-AES-256-CBC-SHA\ntls-version-min 1.0\n"
        ));
        let t12 = &ep.cipher_suites[&TlsVersion::Tls12];
        assert_eq!(t12.value, [0x0039].into());
        assert_eq!((t12.origin.line, t12.defaulted), (9, false));
        assert_eq!(ep.versions.value, [TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12, TlsVersion::Tls13]);
        // @SECLEVEL=0 and the OpenSSL syntax pass through; kRSA suites come back.
        let ep = ep_of(&format!("{server}tls-cipher DEFAULT:@SECLEVEL=0\n"));
        assert!(ep.cipher_suites[&TlsVersion::Tls12].value.contains(&0x002F));
        // TLS 1.3 suites with dashes, groups, and a TLS 1.3-only channel.
        let ep = ep_of(&format!(
            "{server}tls-version-min 1.3\ntls-ciphersuites TLS-AES-256-GCM-SHA384:TLS_CHACHA20_POLY1305_SHA256\ntls-groups X25519:secp384r1\n"
        ));
        assert_eq!(ep.versions.value, [TlsVersion::Tls13]);
        assert_eq!(ep.cipher_suites[&TlsVersion::Tls13].value, [0x1302, 0x1303].into());
        assert_eq!(ep.groups.as_ref().unwrap().value.len(), 2);
        // Clients are TLS clients; static-key peers have no TLS at all.
        let p = parse_text(Format::Openvpn, "c.ovpn", "client\nremote vpn.example.jp\nca ca.crt\n");
        assert_eq!(p.model.tls_endpoints[0].role, TlsRole::Client);
        let p = parse_text(Format::Openvpn, "p2p.conf", "dev tun\nremote 203.0.113.9\nsecret static.key\n");
        assert!(p.model.tls_endpoints.is_empty());
        // A bad version is a diagnostic at its line, never a panic.
        let p = parse_text(Format::Openvpn, "s.conf", &format!("{server}tls-version-min 9.9\n"));
        let bad: Vec<_> = p
            .diagnostics
            .iter()
            .filter(|d| matches!(d.kind, crate::diag::DiagKind::BadValue { .. }))
            .collect();
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, 8);
    }

    /// The options that pin the server count; `remote-cert-tls client` on a client does not.
    #[test]
    fn server_verification_options() {
        let base = "client\ndev tun\nremote vpn.example.jp 1194\nca ca.crt\ncert c.crt\nkey c.key\n";
        let verifies = |extra: &str| {
            let p = parse_text(Format::Openvpn, "c.ovpn", &format!("{base}{extra}"));
            p.model.vpn_tunnels[0].verifies_server.as_ref().map(|s| s.value)
        };
        assert_eq!(verifies(""), Some(false));
        assert_eq!(verifies("remote-cert-tls server\n"), Some(true));
        assert_eq!(verifies("remote-cert-tls client\n"), Some(false), "checks the wrong role");
        assert_eq!(verifies("remote-cert-eku \"TLS Web Server Authentication\"\n"), Some(true));
        assert_eq!(verifies("remote-cert-eku 1.3.6.1.5.5.7.3.1\n"), Some(true));
        assert_eq!(verifies("remote-cert-eku \"TLS Web Client Authentication\"\n"), Some(false));
        assert_eq!(verifies("ns-cert-type server\n"), Some(true));
        assert_eq!(verifies("tls-verify /etc/openvpn/verify-cn.sh\n"), Some(true));
        assert_eq!(verifies("verify-x509-name vpn.example.jp name\n"), Some(true));
    }

    /// What the server pushes decides VPN017's wording: a redirect is a full tunnel, routes
    /// without one a split tunnel, nothing at all leaves the choice to each client.
    #[test]
    fn what_a_server_pushes_about_the_tunnel() {
        let base = "port 1194\ndev tun\nca ca.crt\ncert s.crt\nkey s.key\nserver 10.8.0.0 255.255.255.0\n";
        let split = |extra: &str| {
            let p = parse_text(Format::Openvpn, "server.conf", &format!("{base}{extra}"));
            let t = &p.model.vpn_tunnels[0];
            (t.split_tunnel.as_ref().unwrap().value, t.split_left_to_clients)
        };
        assert_eq!(split("push \"redirect-gateway def1\"\n"), (false, false));
        assert_eq!(split("push \"route 192.168.10.0 255.255.255.0\"\n"), (true, false));
        assert_eq!(split("push \"route-ipv6 2001:db8::/64\"\n"), (true, false));
        assert_eq!(split(""), (true, true));
        // route-gateway and DNS options are not destinations.
        assert_eq!(split("push \"route-gateway 10.8.0.1\"\npush \"dhcp-option DNS 10.8.0.1\"\n"), (true, true));
    }

    /// Files the config names are looked for in the tree; inline blocks are read instead;
    /// a name that could be a secret after a secret keyword is not shown.
    #[test]
    fn named_files_not_in_the_tree_are_said() {
        let text = "client\ndev tun\nremote vpn.example.jp\n<ca>\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n</ca>\ncert /etc/openvpn/client.crt\nkey KENSA-NOT-A-PATH\ntls-crypt ta.key\n";
        let p = parse_text(Format::Openvpn, "c.ovpn", text);
        let missing = missing_files(&p);
        assert_eq!(missing, [(9, "/etc/openvpn/client.crt"), (10, "****"), (11, "ta.key")]);
        assert!(p.partly_judged());
    }

    #[test]
    fn unterminated_inline_block_is_an_error() {
        let p = parse_text(Format::Openvpn, "x.ovpn", "client\n<key>\nabc\n");
        assert!(p.error().is_some());
    }
}
