//! Lowering shared by the OpenSSL-based TLS servers (nginx, Apache httpd, HAProxy): they
//! all speak OpenSSL's cipher-string, protocol and group syntax, so the same code turns
//! those strings into a `TlsEndpoint`.

use crate::certs;
use crate::diag::{DiagKind, DiagLevel};
use crate::formats::ParseCx;
use crate::i18n::notes::Note;
use crate::model::{Certificate, CertificateState, Origin, Setting, TlsEndpoint, TlsVersion};
use crate::source::SourceFile;
use crate::tls::{groups, openssl_cipher_string as ocs, suites};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// OpenSSL 3.0's default TLS 1.3 suites (used when a server does not set Ciphersuites).
pub const OPENSSL_DEFAULT_TLS13: &str = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";
/// OpenSSL 3.0's default group list.
pub const OPENSSL_DEFAULT_GROUPS: &str = "x25519:secp256r1:x448:secp521r1:secp384r1";

/// What an OpenSSL-based server block says about TLS, each item with where it was said
/// (or the block that relies on the default).
pub struct OpensslTls {
    pub versions: Setting<Vec<TlsVersion>>,
    pub cipher_string: Setting<String>,
    pub tls13_suites: Setting<String>,
    pub groups: Setting<String>,
    /// DH parameter file, when one is set.
    pub dhparam: Option<Setting<String>>,
    /// Whether DHE suites can be negotiated without a DH file (nginx: no; Apache and
    /// HAProxy: yes, with built-in parameters).
    pub dhe_without_file: bool,
    /// Bits of the built-in DH parameters used when no file is set.
    pub builtin_dh_bits: Option<u32>,
    /// Certificates as written, with their directive.
    pub certificates: Vec<(String, Origin)>,
}

impl OpensslTls {
    /// A TLS client's side (a proxy to its upstream): it names no certificate of its own
    /// here and no DH file, and offers DHE suites whenever its list has them (the server
    /// brings the parameters).
    pub fn client(versions: Setting<Vec<TlsVersion>>, cipher_string: Setting<String>, tls13_suites: Setting<String>, groups: Setting<String>) -> OpensslTls {
        OpensslTls {
            versions,
            cipher_string,
            tls13_suites,
            groups,
            dhparam: None,
            dhe_without_file: true,
            builtin_dh_bits: None,
            certificates: Vec::new(),
        }
    }
}

/// An inner level's settings over its outer level's (an nginx `server` in `http`, an Apache
/// VirtualHost over the server config, an HAProxy line over `ssl-default-*-options`): each
/// field listed first is the inner level's own value when it sets one and the outer level's
/// otherwise; the fields after `merged` (lists that add up, and the like) are written out.
/// `inherit!(self, parent => Level { protocols, ciphers } merged { headers })`.
macro_rules! inherit {
    ($own:expr, $outer:expr => $ty:ident { $($field:ident),+ $(,)? } $(merged { $($rest:tt)* })?) => {
        $ty {
            $($field: $own.$field.clone().or_else(|| $outer.$field.clone()),)+
            $($($rest)*)?
        }
    };
}
pub(crate) use inherit;

/// A directive's value at its line; else the product's documented `default`, at the block
/// that relies on it (`block`, made only when needed: it usually carries a note).
pub fn set_or_default<T: Clone>(set: Option<&(T, Origin)>, default: T, block: impl FnOnce() -> Origin) -> Setting<T> {
    match set {
        Some((v, o)) => Setting::explicit(v.clone(), o.clone()),
        None => Setting::default_at(default, block()),
    }
}

/// A directive's text at its line; else the product's documented `default`, at the block
/// that relies on it, noted as the default.
pub fn set_or(set: Option<&(String, Origin)>, default: &str, block: &Origin, directive: &str) -> Setting<String> {
    match set {
        Some((s, o)) => Setting::explicit(s.clone(), o.clone()),
        None => Setting::default_at(default.to_string(), block.with_note(Note::not_set_default(directive, default))),
    }
}

/// Parses a space-separated protocol list in OpenSSL server style (`TLSv1 TLSv1.1`),
/// Apache style (`all -SSLv3 +TLSv1.2`) is handled by `apache_protocols`.
pub fn version_from_name(s: &str) -> Option<TlsVersion> {
    match s.to_ascii_lowercase().trim_start_matches(['+', '-']) {
        "sslv2" => Some(TlsVersion::Ssl2),
        "sslv3" => Some(TlsVersion::Ssl3),
        "tlsv1" | "tlsv1.0" | "tls1.0" | "tls1_0" | "tlsv10" => Some(TlsVersion::Tls10),
        "tlsv1.1" | "tls1.1" | "tls1_1" | "tlsv11" => Some(TlsVersion::Tls11),
        "tlsv1.2" | "tls1.2" | "tls1_2" | "tlsv12" => Some(TlsVersion::Tls12),
        "tlsv1.3" | "tls1.3" | "tls1_3" | "tlsv13" => Some(TlsVersion::Tls13),
        _ => None,
    }
}

/// All versions from `min` to `max` inclusive, as a min/max protocol setting gives them.
pub fn version_range(min: TlsVersion, max: TlsVersion) -> Vec<TlsVersion> {
    TlsVersion::ALL
        .into_iter()
        .filter(|v| *v >= min && *v <= max && *v != TlsVersion::Ssl2)
        .collect()
}

/// Cipher strings already expanded on this thread, bounded so hostile input cannot grow it.
const EXPANSION_CACHE_MAX: usize = 256;

/// What decides which suites of an expansion are usable: version, key mask, DHE available.
type UsableKey = (TlsVersion, u8, bool);

/// Parsed names (shared) and the names that were not understood.
type Parsed<T> = Rc<(Arc<[T]>, Vec<String>)>;

/// A cipher string's expansion and the suite lists already derived from it.
struct Expanded {
    expansion: Result<ocs::Expansion, ocs::CipherStringError>,
    /// [`usable_suites`] results by (version, key mask, DHE available).
    usable: RefCell<Vec<(UsableKey, Arc<[u16]>)>>,
}

thread_local! {
    static EXPANSIONS: crate::memo::Table<String, Rc<Expanded>> = Default::default();
}

/// [`ocs::expand`] memoised per thread. Expansion is a pure function of the string and
/// costs tens of microseconds, while a fleet of configs repeats a handful of strings
/// thousands of times (it was a third of `kensa lint` time on a 100 MB corpus). Shared, not
/// cloned: copying the suite list out on every hit was itself a visible cost.
fn expand_cached(spec: &str) -> Rc<Expanded> {
    crate::memo::memo(&EXPANSIONS, spec, EXPANSION_CACHE_MAX, || {
        Rc::new(Expanded {
            expansion: ocs::expand(spec),
            usable: RefCell::default(),
        })
    })
}

thread_local! {
    static TLS13_SUITES: crate::memo::Table<String, Parsed<u16>> = Default::default();
    static GROUPS: crate::memo::Table<String, Parsed<crate::model::Group>> = Default::default();
}

/// [`ocs::parse_tls13_ciphersuites`] memoised per thread (every endpoint without its own
/// list parses OpenSSL's default again).
fn tls13_suites_cached(spec: &str) -> Parsed<u16> {
    crate::memo::memo(&TLS13_SUITES, spec, EXPANSION_CACHE_MAX, || {
        let (codes, unknown) = ocs::parse_tls13_ciphersuites(spec);
        Rc::new((codes.into(), unknown))
    })
}

/// [`ocs::parse_groups`] memoised per thread.
fn groups_cached(spec: &str) -> Parsed<crate::model::Group> {
    crate::memo::memo(&GROUPS, spec, EXPANSION_CACHE_MAX, || {
        let (groups, unknown) = ocs::parse_groups(spec);
        Rc::new((groups.into(), unknown))
    })
}

/// The loaded certificates' key types as a bit set (RSA, EC, DSA, other): what suite
/// selection needs of them.
fn key_mask<'a>(key_types: impl Iterator<Item = &'a str>) -> u8 {
    key_types.fold(0, |m, k| {
        m | match k {
            "RSA" => 1,
            "EC" => 2,
            "DSA" => 4,
            _ => 8,
        }
    })
}

/// The suites of a cipher string's expansion that a server can negotiate at version `v`
/// with certificates of these key types (`key_mask`, 0 = none loaded: all) and, for DHE,
/// DH parameters. Kept with the expansion: a fleet repeats a few combinations thousands of
/// times.
/// A cipher string that failed to expand has none.
fn usable_suites(expanded: &Expanded, v: TlsVersion, key_mask: u8, dhe_available: bool) -> Arc<[u16]> {
    let key = (v, key_mask, dhe_available);
    if let Some((_, hit)) = expanded.usable.borrow().iter().find(|(k, _)| *k == key) {
        return hit.clone();
    }
    let codes: Arc<[u16]> = {
        let usable = |code: u16| -> bool {
            let Some(s) = suites::by_code(code) else {
                return false;
            };
            if !s.usable_in(v) || matches!(s.kx, suites::Kx::Dhe) && !dhe_available {
                return false;
            }
            match s.au {
                _ if key_mask == 0 => true,
                suites::Au::Rsa => key_mask & 1 != 0,
                suites::Au::Ecdsa => key_mask & 2 != 0,
                suites::Au::Dss => key_mask & 4 != 0,
                _ => true,
            }
        };
        let all = expanded.expansion.as_ref().map_or(&[][..], |e| &e.suites[..]);
        all.iter().copied().filter(|&c| usable(c)).collect()
    };
    expanded.usable.borrow_mut().push((key, codes.clone()));
    codes
}

/// Cipher-string keywords of OpenSSL 1.x that 3.0 no longer knows (export, SSLv2, Kerberos,
/// static DH/ECDH, Fortezza). Mozilla's "old" and many vendor strings still exclude them.
const LEGACY_KEYWORDS: &[&str] = &[
    "EXPORT", "EXP", "EXPORT40", "EXPORT56", "SSLv2", "KRB5", "kKRB5", "aKRB5", "kDH", "kDHr", "kDHd", "aDH", "kECDH", "kECDHr", "kECDHe", "aECDH", "FZA",
    "kFZA", "aFZA", "eFZA",
];

/// True when `token` is a legacy keyword that the cipher string only ever excludes
/// (`!EXPORT`, `-SSLv2`): excluding what the library no longer has changes nothing, so it
/// is not worth a warning. A typo (`!aNUL`) or a legacy name asked for (`DES-CBC3-SHA`)
/// still is.
fn only_excludes_legacy(spec: &str, token: &str) -> bool {
    LEGACY_KEYWORDS.contains(&token)
        && spec
            .split([':', ',', ' '])
            .flat_map(|part| part.split('+'))
            .filter(|w| w.trim_start_matches(['!', '-', '+']) == token)
            .all(|w| w.starts_with(['!', '-']))
}

/// Builds the endpoint's protocol/suite/group/certificate part from OpenSSL-style settings.
pub fn fill_endpoint(cx: &mut ParseCx, src: &SourceFile, ep: &mut TlsEndpoint, spec: OpensslTls) {
    // Certificates first: the key types decide which suites can be negotiated.
    for (written, origin) in &spec.certificates {
        if written.contains('$') {
            continue; // a variable (ssl_certificate $ssl_server_name.crt) names no one file
        }
        let candidates = cx.resolve(src, written);
        cx.note_read(&candidates);
        let cert = certs::load_certificate(&candidates, written, origin.clone());
        note_certificate(cx, &cert);
        ep.certificates.push(cert);
    }
    let key_mask = key_mask(ep.certificates.iter().filter_map(|c| match &c.state {
        CertificateState::Loaded(f) => Some(f.key_type.as_str()),
        _ => None,
    }));

    // DH parameters.
    let mut dhe_available = spec.dhe_without_file;
    if let Some(dh) = &spec.dhparam {
        let candidates = cx.resolve(src, &dh.value);
        cx.note_read(&candidates);
        match certs::load_dh_bits(&candidates) {
            Some(Ok(bits)) => {
                dhe_available = true;
                ep.dh_bits = Some(Setting {
                    value: bits,
                    origin: dh.origin.clone(),
                    defaulted: false,
                });
            }
            Some(Err(reason)) => {
                dhe_available = true;
                report_file(cx, &dh.origin, &dh.value, &reason);
            }
            None => {
                dhe_available = true;
                report_file(cx, &dh.origin, &dh.value, "missing");
            }
        }
    } else if dhe_available {
        if let Some(bits) = spec.builtin_dh_bits {
            ep.dh_bits = Some(Setting::default_at(bits, spec.cipher_string.origin.clone()));
        }
    }

    // Cipher suites for TLS <= 1.2.
    let expanded = expand_cached(&spec.cipher_string.value);
    let failed;
    let expansion = match &expanded.expansion {
        Ok(e) => e,
        Err(e) => {
            warn_at(
                cx,
                src,
                &spec.cipher_string.origin,
                DiagKind::BadValue {
                    directive: "cipher list".into(),
                    value: e.to_string(),
                },
            );
            failed = ocs::Expansion::empty();
            &failed
        }
    };
    let unknown: Vec<&str> = expansion
        .unknown_tokens
        .iter()
        .map(String::as_str)
        .filter(|t| !only_excludes_legacy(&spec.cipher_string.value, t))
        .collect();
    if !unknown.is_empty() {
        warn_at(cx, src, &spec.cipher_string.origin, DiagKind::UnknownCipherTokens { tokens: unknown.join(":") });
    }
    if !expansion.legacy_suites.is_empty() {
        let names: Vec<&str> = expansion.legacy_suites.iter().filter_map(|&c| ocs::legacy_name(c)).collect();
        let kind = DiagKind::LegacyCipherSuites { names: names.join(":") };
        diag_at(cx, src, &spec.cipher_string.origin, DiagLevel::Info, kind);
    }
    ep.cipher_suites.reserve(spec.versions.value.len());
    for &v in &spec.versions.value {
        if v == TlsVersion::Tls13 {
            let cached = tls13_suites_cached(&spec.tls13_suites.value);
            let (codes, unknown) = (cached.0.clone(), &cached.1);
            if !unknown.is_empty() {
                warn_at(cx, src, &spec.tls13_suites.origin, DiagKind::UnknownCipherTokens { tokens: unknown.join(":") });
            }
            ep.cipher_suites.insert(
                v,
                Setting {
                    value: codes,
                    origin: spec.tls13_suites.origin.clone(),
                    defaulted: spec.tls13_suites.defaulted,
                },
            );
        } else {
            let codes = usable_suites(&expanded, v, key_mask, dhe_available);
            ep.cipher_suites.insert(
                v,
                Setting {
                    value: codes,
                    origin: spec.cipher_string.origin.clone(),
                    defaulted: spec.cipher_string.defaulted,
                },
            );
        }
    }
    // A version with no usable suite cannot be negotiated: OpenSSL refuses it.
    let live: Vec<TlsVersion> = spec
        .versions
        .value
        .iter()
        .copied()
        .filter(|v| ep.cipher_suites.get(v).is_some_and(|s| !s.value.is_empty()))
        .collect();
    ep.cipher_suites.retain(|v, _| live.contains(v));
    ep.versions = Setting {
        value: live,
        origin: spec.versions.origin,
        defaulted: spec.versions.defaulted,
    };

    let cached = groups_cached(&spec.groups.value);
    let (gs, unknown) = (&cached.0, &cached.1);
    if !unknown.is_empty() && !spec.groups.value.eq_ignore_ascii_case("auto") {
        warn_at(
            cx,
            src,
            &spec.groups.origin,
            DiagKind::BadValue {
                directive: "groups".into(),
                value: unknown.join(":"),
            },
        );
    }
    let gs = if gs.is_empty() {
        groups_cached(OPENSSL_DEFAULT_GROUPS).0.clone()
    } else {
        gs.clone()
    };
    let _ = groups::ALL.len();
    ep.groups = Some(Setting {
        value: gs,
        origin: spec.groups.origin,
        defaulted: spec.groups.defaulted,
    });
}

fn note_certificate(cx: &mut ParseCx, cert: &Certificate) {
    let state = match &cert.state {
        CertificateState::Loaded(_) => return,
        CertificateState::Missing => "missing".to_string(),
        CertificateState::Unreadable { reason } => reason.clone(),
    };
    report_file(cx, &cert.origin, cert.file.as_deref().unwrap_or(""), &state);
}

fn report_file(cx: &mut ParseCx, origin: &Origin, path: &str, state: &str) {
    let kind = DiagKind::FileReferenced {
        path: path.to_string(),
        state: state.to_string(),
    };
    cx.diag_level_at(DiagLevel::Info, origin, kind);
}

/// Parses `max-age=31536000; includeSubDomains` from a Strict-Transport-Security value.
pub fn parse_hsts(value: &str) -> Option<crate::model::Hsts> {
    let mut max_age = None;
    let mut include_subdomains = false;
    for part in value.split(';') {
        let p = part.trim();
        if let Some(v) = p.strip_prefix("max-age=").or_else(|| p.strip_prefix("Max-Age=")) {
            max_age = v.trim_matches('"').parse::<u64>().ok();
        } else if p.eq_ignore_ascii_case("includesubdomains") {
            include_subdomains = true;
        }
    }
    max_age.map(|max_age| crate::model::Hsts { max_age, include_subdomains })
}

/// A warning at the directive a setting came from (or at the input when it has no file).
fn warn_at(cx: &mut ParseCx, src: &SourceFile, o: &Origin, kind: DiagKind) {
    diag_at(cx, src, o, DiagLevel::Warning, kind);
}

/// A diagnostic at the directive a setting came from (or at the input when it has no file).
fn diag_at(cx: &mut ParseCx, src: &SourceFile, o: &Origin, level: DiagLevel, kind: DiagKind) {
    cx.diags.push(crate::diag::Diagnostic::new(
        level,
        o.path.as_ref().unwrap_or(&src.path),
        o.line,
        o.column,
        kind,
    ));
}

/// Which per-server decisions a level of inherited settings makes itself.
pub struct LevelSets {
    pub client_auth: bool,
    pub hsts: bool,
    pub stapling: bool,
    pub cipher_order: bool,
}

/// Trims an endpoint that stands for settings meant to be inherited (an nginx `http`
/// level or snippet, Apache's server config) with no server inheriting them: what each
/// server decides for itself (client certificates, HSTS, stapling, cipher order) is judged
/// on the servers, not on a level that does not set it.
pub fn keep_level_decisions(ep: &mut TlsEndpoint, sets: LevelSets) {
    if !sets.client_auth {
        ep.client_auth = None;
        ep.client_ca = None;
    }
    if !sets.hsts {
        ep.hsts = None;
    }
    if !sets.stapling {
        ep.ocsp_stapling = None;
    }
    if !sets.cipher_order {
        ep.server_preference = None;
    }
}

/// The earliest of the origins that are set (the directive a level's inherited settings
/// are anchored at).
pub fn first_origin<'a>(origins: impl IntoIterator<Item = Option<&'a Origin>>) -> Option<&'a Origin> {
    origins.into_iter().flatten().min_by_key(|o| o.line)
}

#[cfg(test)]
mod tests {
    use super::only_excludes_legacy;

    #[test]
    fn excluded_legacy_keywords_are_not_unknown_word_warnings() {
        let spec = "ALL:!EXPORT:!LOW:!aNULL:!eNULL:-SSLv2";
        assert!(only_excludes_legacy(spec, "EXPORT"));
        assert!(only_excludes_legacy(spec, "SSLv2"));
        // Asked for, not excluded: still worth a warning.
        assert!(!only_excludes_legacy("HIGH:EXPORT", "EXPORT"));
        assert!(!only_excludes_legacy("HIGH:!EXPORT:EXP", "EXP"));
        // A typo in an exclusion means the exclusion does nothing: keep the warning.
        assert!(!only_excludes_legacy("HIGH:!aNUL", "aNUL"));
        // A legacy suite name is never silenced, negated or not.
        assert!(!only_excludes_legacy("HIGH:!DES-CBC3-SHA", "DES-CBC3-SHA"));
    }
}
