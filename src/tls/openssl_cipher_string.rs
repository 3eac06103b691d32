//! OpenSSL cipher strings (nginx `ssl_ciphers`, Apache `SSLCipherSuite`, HAProxy `ciphers`,
//! stunnel, Postfix...) expanded into the ordered list of suites a server would offer.
//!
//! This is a port of OpenSSL 3.0's `ssl_create_cipher_list` / `ssl_cipher_process_rulestr`
//! (ssl/ssl_ciph.c), written for kensa: the same start order, the same alias table, the same
//! list operations (add, `-` delete, `+` move to end, `!` kill, `@STRENGTH`, `@SECLEVEL=n`),
//! the same `DEFAULT` and `SUITEB*` prefixes. A hand-written approximation would be wrong
//! exactly where audits care (what `-` then re-adding does, what `+AES128` moves), so the
//! integration test `tests/it/openssl_cipher_strings.rs` compares against the real binary.
//!
//! What kensa models, and why:
//! - The suite set is what a default OpenSSL 3.0 build compiles in ([`OPENSSL30_DEFAULT_ORDER`]):
//!   no RC4/3DES (`enable-weak-ssl-ciphers` is off by default), no IDEA/SEED (legacy
//!   provider), no GOST (engine), no static DH/ECDH, EXPORT, DES or KRB5 (removed in 1.1.0).
//! - Plus the legacy suites ([`LEGACY_SUITES`]) an appliance's OpenSSL 1.0.x/1.1.x still
//!   offers (RC4, 3DES, IDEA, SEED, single DES, EXPORT). A config that asks for one of them by
//!   name (`DES-CBC3-SHA`) or by a word that means only such suites (`3DES`, `RC4`, `LOW`,
//!   `EXPORT`, ...: [`LEGACY_WORDS`]) gets them in [`expand`]'s result and in
//!   [`Expansion::legacy_suites`]: OpenSSL 3.0 would skip the word, but kensa judges the
//!   device, not the machine it runs on, and the device's library offers them. Broad words
//!   (`ALL`, `HIGH`, `MEDIUM`, `DEFAULT`) keep OpenSSL 3.0's meaning and never add a legacy
//!   suite (Apache 2.2's default `HIGH:MEDIUM:!aNULL:!MD5` on a current server is not accused); every
//!   operator that removes or moves (`!`, `-`, `+`) reaches legacy suites as OpenSSL 1.x would.
//!   [`expand_openssl30`] leaves the legacy suites out: it is what the integration test
//!   compares with the local `openssl` binary.
//! - Names no build of 1.0.2 or later knows (static DH/ECDH, KRB5, Fortezza) are skipped by
//!   OpenSSL and listed in `unknown_tokens` here.
//! - OpenSSL 3.0 does not accept IANA names in cipher strings (checked against 3.0.19); they
//!   are skipped like any unknown word and reported in `unknown_tokens`.
//! - The result is filtered by the security level as OpenSSL does at handshake time
//!   (`ssl_security_default_callback`): the string's own `@SECLEVEL=n`, else
//!   [`DEFAULT_SECURITY_LEVEL`]. nginx/Apache/HAProxy never set a level themselves, so the
//!   library default applies; kensa assumes 2 (Debian/Ubuntu OpenSSL 3.0, upstream 3.2+).
//!   Upstream 3.0's compiled default is 1; for the suites a default build has, levels 1 and 2
//!   select the same suites (they differ only for RC4), so the assumption is safe.
//!   Legacy suites pass the filter unless the string sets `@SECLEVEL` itself: OpenSSL 1.0.x,
//!   the library that offers them all, has no security levels.
//!   PSK and SRP suites are kept: whether a server can use them depends on callbacks the
//!   cipher string does not show, and a linter should rather report than hide them.
//! - TLS 1.3 suites are configured separately ([`parse_tls13_ciphersuites`]) and never appear.

use super::groups;
use super::suites::{self, Au, Enc, Kx, Mac};
use crate::model::{Group, TlsVersion};
use std::sync::OnceLock;

/// Security level kensa assumes when the cipher string does not set one (see module docs).
pub const DEFAULT_SECURITY_LEVEL: u8 = 2;

/// OpenSSL 3.0's `OSSL_default_cipher_list()`, what a leading `DEFAULT` stands for.
const OPENSSL_DEFAULT_CIPHER_LIST: &str = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";

/// Result of expanding a cipher string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// TLS ≤ 1.2 suites (IANA code points) in the server's preference order, after the
    /// security-level filter.
    pub suites: Vec<u16>,
    /// Words OpenSSL does not recognise and silently skips (typos, lowercase aliases, IANA
    /// names, static DH/KRB5 names; with [`expand_openssl30`] also the legacy names).
    pub unknown_tokens: Vec<String>,
    /// The suites of `suites` that only an OpenSSL 1.0.x/1.1.x build offers (see module docs),
    /// in the same order; empty from [`expand_openssl30`].
    pub legacy_suites: Vec<u16>,
    /// The level set by `@SECLEVEL=n` in the string, if any (the last one wins, as in OpenSSL).
    pub security_level: Option<u8>,
    /// The level the filter used: `security_level`, else the default passed in.
    pub effective_security_level: u8,
}

/// Why OpenSSL would reject the string (nginx/Apache then refuse to start).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CipherStringError {
    #[error("invalid character {found:?} at byte {offset} of the cipher string")]
    InvalidCommand { offset: usize, found: char },
    #[error("unknown command @{0}")]
    InvalidSpecial(String),
    #[error("the cipher string selects no TLS 1.2-or-older cipher suite")]
    NoCipherMatch,
}

impl Expansion {
    /// The expansion of a string that failed to expand: no suite at all.
    pub fn empty() -> Self {
        Expansion {
            suites: Vec::new(),
            unknown_tokens: Vec::new(),
            legacy_suites: Vec::new(),
            security_level: None,
            effective_security_level: DEFAULT_SECURITY_LEVEL,
        }
    }
}

/// Expand `spec` the way the device's OpenSSL does (OpenSSL 3.0's rules, plus the legacy
/// suites the string asks for), filtered at the string's `@SECLEVEL` or at
/// [`DEFAULT_SECURITY_LEVEL`].
pub fn expand(spec: &str) -> Result<Expansion, CipherStringError> {
    expand_with_default_level(spec, DEFAULT_SECURITY_LEVEL)
}

/// As [`expand`], with the level to assume when the string sets none (0 = no filtering,
/// i.e. the list exactly as `SSL_CTX_set_cipher_list` stores it).
pub fn expand_with_default_level(spec: &str, default_level: u8) -> Result<Expansion, CipherStringError> {
    expand_in(table_with_legacy(), spec, default_level)
}

/// Expand `spec` exactly as a default OpenSSL 3.0 build does: no legacy suites, legacy words
/// unknown. What `openssl ciphers` prints on a machine with OpenSSL 3.0.
pub fn expand_openssl30(spec: &str, default_level: u8) -> Result<Expansion, CipherStringError> {
    expand_in(table(), spec, default_level)
}

fn expand_in(table: &'static [OCipher], spec: &str, default_level: u8) -> Result<Expansion, CipherStringError> {
    let mut st = State::new(table);
    st.init_order();
    st.gate_legacy = true;

    let mut rule = spec;
    if let Some(replaced) = suiteb_replacement(rule) {
        rule = replaced;
    }
    if let Some(rest) = rule.strip_prefix("DEFAULT") {
        st.process(OPENSSL_DEFAULT_CIPHER_LIST)?;
        rule = rest.strip_prefix(':').unwrap_or(rest);
    }
    if !rule.is_empty() {
        st.process(rule)?;
    }
    if let Some(e) = st.error.take() {
        return Err(e);
    }
    let configured: Vec<usize> = st.list.iter().copied().filter(|&i| st.active[i]).collect();
    if configured.is_empty() {
        return Err(CipherStringError::NoCipherMatch);
    }
    let level = st.sec_level.unwrap_or(default_level);
    let explicit_level = st.sec_level.is_some();
    let kept: Vec<&OCipher> = configured
        .into_iter()
        .map(|i| &table[i])
        .filter(|c| (c.legacy && !explicit_level) || level_allows(c, level))
        .collect();
    Ok(Expansion {
        suites: kept.iter().map(|c| c.code).collect(),
        legacy_suites: kept.iter().filter(|c| c.legacy).map(|c| c.code).collect(),
        unknown_tokens: st.unknown,
        security_level: st.sec_level,
        effective_security_level: level,
    })
}

/// `SUITEB128`, `SUITEB128ONLY`, `SUITEB128C2`, `SUITEB192` at the start of the string replace
/// the whole string (OpenSSL's `check_suiteb_cipher_list`); elsewhere they mean nothing.
fn suiteb_replacement(spec: &str) -> Option<&'static str> {
    if spec.starts_with("SUITEB128ONLY") {
        Some("ECDHE-ECDSA-AES128-GCM-SHA256")
    } else if spec.starts_with("SUITEB128C2") {
        Some("ECDHE-ECDSA-AES256-GCM-SHA384")
    } else if spec.starts_with("SUITEB128") {
        Some("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384")
    } else if spec.starts_with("SUITEB192") {
        Some("ECDHE-ECDSA-AES256-GCM-SHA384")
    } else {
        None
    }
}

/// `ssl_security_default_callback` for `SSL_SECOP_CIPHER_SUPPORTED` (OpenSSL 3.0).
fn level_allows(c: &OCipher, level: u8) -> bool {
    if level == 0 {
        return true;
    }
    let minbits: u16 = match level {
        1 => 80,
        2 => 112,
        3 => 128,
        4 => 192,
        _ => 256,
    };
    if c.bits < minbits || c.auth & A_NULL != 0 || c.mac & M_MD5 != 0 {
        return false;
    }
    if minbits > 160 && c.mac & M_SHA1 != 0 {
        return false;
    }
    if level >= 2 && c.enc == E_RC4 {
        return false;
    }
    if level >= 3 && c.mkey & (K_DHE | K_ECDHE | K_DHEPSK | K_ECDHEPSK) == 0 {
        return false;
    }
    true
}

// ---------------------------------------------------------------------------------------
// OpenSSL's algorithm bits (values are kensa's own; only the set relations matter).

const K_RSA: u32 = 1;
const K_DHE: u32 = 1 << 1;
const K_ECDHE: u32 = 1 << 2;
const K_PSK: u32 = 1 << 3;
const K_RSAPSK: u32 = 1 << 4;
const K_ECDHEPSK: u32 = 1 << 5;
const K_DHEPSK: u32 = 1 << 6;
const K_SRP: u32 = 1 << 7;
const K_GOST: u32 = 1 << 8;
const K_GOST18: u32 = 1 << 9;
const K_ANY_PSK: u32 = K_PSK | K_RSAPSK | K_ECDHEPSK | K_DHEPSK;

const A_RSA: u32 = 1;
const A_DSS: u32 = 1 << 1;
const A_NULL: u32 = 1 << 2;
const A_ECDSA: u32 = 1 << 3;
const A_PSK: u32 = 1 << 4;
const A_GOST01: u32 = 1 << 5;
const A_GOST12: u32 = 1 << 6;
const A_SRP: u32 = 1 << 7;

const E_DES: u32 = 1;
const E_3DES: u32 = 1 << 1;
const E_RC4: u32 = 1 << 2;
const E_RC2: u32 = 1 << 3;
const E_IDEA: u32 = 1 << 4;
const E_NULL: u32 = 1 << 5;
const E_AES128: u32 = 1 << 6;
const E_AES256: u32 = 1 << 7;
const E_CAMELLIA128: u32 = 1 << 8;
const E_CAMELLIA256: u32 = 1 << 9;
const E_GOST89: u32 = 1 << 10;
const E_SEED: u32 = 1 << 11;
const E_AES128GCM: u32 = 1 << 12;
const E_AES256GCM: u32 = 1 << 13;
const E_AES128CCM: u32 = 1 << 14;
const E_AES256CCM: u32 = 1 << 15;
const E_AES128CCM8: u32 = 1 << 16;
const E_AES256CCM8: u32 = 1 << 17;
const E_GOST8912: u32 = 1 << 18;
const E_CHACHA20: u32 = 1 << 19;
const E_ARIA128GCM: u32 = 1 << 20;
const E_ARIA256GCM: u32 = 1 << 21;
const E_MAGMA: u32 = 1 << 22;
const E_KUZNYECHIK: u32 = 1 << 23;
const E_AESGCM: u32 = E_AES128GCM | E_AES256GCM;
const E_AESCCM: u32 = E_AES128CCM | E_AES256CCM | E_AES128CCM8 | E_AES256CCM8;
const E_AES: u32 = E_AES128 | E_AES256 | E_AESGCM | E_AESCCM;
const E_CAMELLIA: u32 = E_CAMELLIA128 | E_CAMELLIA256;
const E_ARIA: u32 = E_ARIA128GCM | E_ARIA256GCM;
const E_CBC: u32 = E_DES | E_3DES | E_RC2 | E_IDEA | E_AES128 | E_AES256 | E_CAMELLIA128 | E_CAMELLIA256 | E_SEED;

const M_MD5: u32 = 1;
const M_SHA1: u32 = 1 << 1;
const M_GOST94: u32 = 1 << 2;
const M_GOST89MAC: u32 = 1 << 3;
const M_SHA256: u32 = 1 << 4;
const M_SHA384: u32 = 1 << 5;
const M_AEAD: u32 = 1 << 6;
const M_GOST12_256: u32 = 1 << 7;
const M_GOST89MAC12: u32 = 1 << 8;

const S_NONE: u32 = 1;
const S_LOW: u32 = 1 << 1;
const S_MEDIUM: u32 = 1 << 2;
const S_HIGH: u32 = 1 << 3;
const S_FIPS: u32 = 1 << 4;
const S_NOT_DEFAULT: u32 = 1 << 5;
/// OpenSSL 1.0.x's `SSL_EXPORT` (the `EXP`/`EXPORT` aliases); no 3.0 suite has it.
const S_EXPORT: u32 = 1 << 6;
const STRONG_MASK: u32 = S_NONE | S_LOW | S_MEDIUM | S_HIGH | S_FIPS;
const DEFAULT_MASK: u32 = S_NOT_DEFAULT;
const EXPORT_MASK: u32 = S_EXPORT;

// Protocol versions as OpenSSL's `min_tls` (wire numbers).
const SSL3: u16 = 0x0300;
const TLS1: u16 = 0x0301;
const TLS1_2: u16 = 0x0303;

/// The suites a default OpenSSL 3.0 build offers for TLS ≤ 1.2, in the order its collection
/// step yields them after the start-up sort. OpenSSL collects its `ssl3_ciphers` table
/// (reversed) and then stable-sorts it by preference; only ties keep the collection order,
/// and this order (taken from `openssl ciphers -V 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'` on
/// OpenSSL 3.0.19, whose output is exactly that sorted order) resolves every tie the same
/// way. The start-up sort is still applied in [`State::init_order`], so the table only
/// supplies tie-breaking, and the unit test `start_order_is_a_fixed_point` checks that.
#[rustfmt::skip]
pub static OPENSSL30_DEFAULT_ORDER: &[u16] = &[
    0xC02C, 0xC030, 0x00A3, 0x009F, 0xCCA9, 0xCCA8, 0xCCAA, 0xC0AF,
    0xC0AD, 0xC0A3, 0xC09F, 0xC05D, 0xC061, 0xC057, 0xC053, 0x00A7,
    0xC02B, 0xC02F, 0x00A2, 0x009E, 0xC0AE, 0xC0AC, 0xC0A2, 0xC09E,
    0xC05C, 0xC060, 0xC056, 0xC052, 0x00A6, 0xC024, 0xC028, 0x006B,
    0x006A, 0xC073, 0xC077, 0x00C4, 0x00C3, 0x006D, 0x00C5, 0xC023,
    0xC027, 0x0067, 0x0040, 0xC072, 0xC076, 0x00BE, 0x00BD, 0x006C,
    0x00BF, 0xC00A, 0xC014, 0x0039, 0x0038, 0x0088, 0x0087, 0xC019,
    0x003A, 0x0089, 0xC009, 0xC013, 0x0033, 0x0032, 0x0045, 0x0044,
    0xC018, 0x0034, 0x0046, 0x00AD, 0x00AB, 0xCCAE, 0xCCAD, 0xCCAC,
    0xC0AB, 0xC0A7, 0xC06F, 0xC06D, 0x009D, 0xC0A1, 0xC09D, 0xC051,
    0x00A9, 0xCCAB, 0xC0A9, 0xC0A5, 0xC06B, 0x00AC, 0x00AA, 0xC0AA,
    0xC0A6, 0xC06E, 0xC06C, 0x009C, 0xC0A0, 0xC09C, 0xC050, 0x00A8,
    0xC0A8, 0xC0A4, 0xC06A, 0x003D, 0x00C0, 0x003C, 0x00BA, 0xC038,
    0xC036, 0xC022, 0xC021, 0xC020, 0x00B7, 0x00B3, 0x0095, 0x0091,
    0xC09B, 0xC099, 0xC097, 0x0035, 0x0084, 0x00AF, 0x008D, 0xC095,
    0xC037, 0xC035, 0xC01F, 0xC01E, 0xC01D, 0x00B6, 0x00B2, 0x0094,
    0x0090, 0xC09A, 0xC098, 0xC096, 0x002F, 0x0041, 0x00AE, 0x008C,
    0xC094, 0xC006, 0xC010, 0xC015, 0x003B, 0xC03B, 0xC03A, 0xC039,
    0x00B9, 0x00B8, 0x00B5, 0x00B4, 0x002E, 0x002D, 0x0002, 0x0001,
    0x00B1, 0x00B0, 0x002C,
];

/// One suite with OpenSSL's classification bits.
#[derive(Debug, Clone)]
struct OCipher {
    code: u16,
    name: &'static str,
    mkey: u32,
    auth: u32,
    enc: u32,
    mac: u32,
    min_tls: u16,
    strength: u32,
    bits: u16,
    /// Offered only by OpenSSL 1.0.x/1.1.x builds ([`LEGACY_SUITES`]).
    legacy: bool,
    /// The OpenSSL 1.0.x name where 1.1.0 renamed the suite (`EDH-RSA-DES-CBC3-SHA`).
    old_name: Option<&'static str>,
}

/// Suites an OpenSSL 1.0.x/1.1.x build offers that a default OpenSSL 3.0 build does not, with
/// their OpenSSL names (1.1.1 name first, then the 1.0.2 name where it differs).
///
/// Membership and names: OpenSSL 1.0.2's `ssl3_ciphers` table (ssl/s3_lib.c, branch
/// OpenSSL_1_0_2-stable; EXPORT, single DES, RC4, IDEA, SEED, 3DES) and OpenSSL 1.1.1's
/// ciphers(1) (doc/man1/ciphers.pod, branch OpenSSL_1_1_1-stable: "DES", "LOW" and "EXPORT"
/// suites "have been removed as of OpenSSL 1.1.0"; RC4 needs `enable-weak-ssl-ciphers` from
/// 1.1.0 on; 3DES, IDEA and SEED are in 1.1.1's default build). Static DH/ECDH and KRB5
/// suites are left out: kensa never judged them as offered.
#[rustfmt::skip]
pub static LEGACY_SUITES: &[(u16, &str, Option<&str>)] = &[
    (0x0003, "EXP-RC4-MD5", None),
    (0x0004, "RC4-MD5", None),
    (0x0005, "RC4-SHA", None),
    (0x0006, "EXP-RC2-CBC-MD5", None),
    (0x0007, "IDEA-CBC-SHA", None),
    (0x0008, "EXP-DES-CBC-SHA", None),
    (0x0009, "DES-CBC-SHA", None),
    (0x000A, "DES-CBC3-SHA", None),
    (0x0011, "EXP-EDH-DSS-DES-CBC-SHA", None),
    (0x0012, "EDH-DSS-DES-CBC-SHA", None),
    (0x0013, "DHE-DSS-DES-CBC3-SHA", Some("EDH-DSS-DES-CBC3-SHA")),
    (0x0014, "EXP-EDH-RSA-DES-CBC-SHA", None),
    (0x0015, "EDH-RSA-DES-CBC-SHA", None),
    (0x0016, "DHE-RSA-DES-CBC3-SHA", Some("EDH-RSA-DES-CBC3-SHA")),
    (0x0017, "EXP-ADH-RC4-MD5", None),
    (0x0018, "ADH-RC4-MD5", None),
    (0x0019, "EXP-ADH-DES-CBC-SHA", None),
    (0x001A, "ADH-DES-CBC-SHA", None),
    (0x001B, "ADH-DES-CBC3-SHA", None),
    (0x008A, "PSK-RC4-SHA", None),
    (0x008B, "PSK-3DES-EDE-CBC-SHA", None),
    (0x008E, "DHE-PSK-RC4-SHA", None),
    (0x008F, "DHE-PSK-3DES-EDE-CBC-SHA", None),
    (0x0092, "RSA-PSK-RC4-SHA", None),
    (0x0093, "RSA-PSK-3DES-EDE-CBC-SHA", None),
    (0x0096, "SEED-SHA", None),
    (0x0099, "DHE-DSS-SEED-SHA", None),
    (0x009A, "DHE-RSA-SEED-SHA", None),
    (0x009B, "ADH-SEED-SHA", None),
    (0xC007, "ECDHE-ECDSA-RC4-SHA", None),
    (0xC008, "ECDHE-ECDSA-DES-CBC3-SHA", None),
    (0xC011, "ECDHE-RSA-RC4-SHA", None),
    (0xC012, "ECDHE-RSA-DES-CBC3-SHA", None),
    (0xC016, "AECDH-RC4-SHA", None),
    (0xC017, "AECDH-DES-CBC3-SHA", None),
    (0xC01A, "SRP-3DES-EDE-CBC-SHA", None),
    (0xC01B, "SRP-RSA-3DES-EDE-CBC-SHA", None),
    (0xC01C, "SRP-DSS-3DES-EDE-CBC-SHA", None),
    (0xC033, "ECDHE-PSK-RC4-SHA", None),
    (0xC034, "ECDHE-PSK-3DES-EDE-CBC-SHA", None),
];

/// The OpenSSL name of a legacy suite ([`LEGACY_SUITES`]).
pub fn legacy_name(code: u16) -> Option<&'static str> {
    LEGACY_SUITES.iter().find(|(c, _, _)| *c == code).map(|(_, name, _)| *name)
}

/// Aliases that select only legacy suites (OpenSSL 1.1.1 ciphers(1): `3DES`, `RC4`, `RC2`,
/// `IDEA`, `SEED`, `DES`, `MD5`, `LOW`, `EXP`/`EXPORT`/`EXPORT40`). Asked for, they
/// add legacy suites; every other alias adds only what OpenSSL 3.0 has. (`MD5` in 3.0 also
/// names `NULL-MD5`; on a 1.x device it is what selects `RC4-MD5`.)
/// `MEDIUM` is a strength class like `HIGH` and keeps OpenSSL 3.0's meaning (see module docs).
pub const LEGACY_WORDS: &[&str] = &["3DES", "RC4", "RC2", "IDEA", "SEED", "DES", "MD5", "LOW", "EXP", "EXPORT", "EXPORT40"];

/// Aliases OpenSSL 3.0 no longer has (1.0.2's `DES` and `EXP`/`EXPORT`/`EXPORT40`): known
/// words only where the legacy suites are.
const ALIASES_1X_ONLY: &[&str] = &["DES", "EXP", "EXPORT", "EXPORT40"];

/// The default OpenSSL 3.0 build's suites.
fn table() -> &'static [OCipher] {
    static T: OnceLock<Vec<OCipher>> = OnceLock::new();
    T.get_or_init(|| {
        OPENSSL30_DEFAULT_ORDER
            .iter()
            .map(|&code| {
                let s = registry_suite(code);
                ocipher(s, s.openssl.expect("OpenSSL suite without an OpenSSL name"))
            })
            .collect()
    })
}

/// [`table`] followed by the [`LEGACY_SUITES`].
fn table_with_legacy() -> &'static [OCipher] {
    static T: OnceLock<Vec<OCipher>> = OnceLock::new();
    T.get_or_init(|| {
        let legacy = LEGACY_SUITES.iter().map(|&(code, name, old_name)| OCipher {
            old_name,
            legacy: true,
            ..ocipher(registry_suite(code), name)
        });
        table().iter().cloned().chain(legacy).collect()
    })
}

fn registry_suite(code: u16) -> &'static suites::CipherSuite {
    suites::by_code(code).expect("OpenSSL suite missing from registry")
}

/// Classify a registry entry the way OpenSSL 3.0's `ssl3_ciphers` table does. The
/// `NOT_DEFAULT` and `FIPS` rules reproduce OpenSSL's per-suite flags for every suite of a
/// default build (checked against `COMPLEMENTOFDEFAULT` and `FIPS` in the integration test).
fn ocipher(s: &'static suites::CipherSuite, name: &'static str) -> OCipher {
    let mkey = match s.kx {
        Kx::Rsa => K_RSA,
        Kx::Dhe => K_DHE,
        Kx::Ecdhe => K_ECDHE,
        Kx::Psk => K_PSK,
        Kx::RsaPsk => K_RSAPSK,
        Kx::EcdhePsk => K_ECDHEPSK,
        Kx::DhePsk => K_DHEPSK,
        Kx::Srp => K_SRP,
        Kx::Gost => K_GOST,
        _ => 0,
    };
    let auth = match s.au {
        Au::Rsa => A_RSA,
        Au::Dss => A_DSS,
        Au::Anon => A_NULL,
        Au::Ecdsa => A_ECDSA,
        Au::Psk => A_PSK,
        Au::Srp => A_SRP,
        Au::Gost => A_GOST12,
        _ => 0,
    };
    let enc = match s.enc {
        Enc::Null => E_NULL,
        Enc::Rc2 => E_RC2,
        Enc::Rc4 => E_RC4,
        Enc::Des | Enc::Des40 => E_DES,
        Enc::TripleDes => E_3DES,
        Enc::Idea => E_IDEA,
        Enc::Seed => E_SEED,
        Enc::Aes128Cbc => E_AES128,
        Enc::Aes256Cbc => E_AES256,
        Enc::Aes128Gcm => E_AES128GCM,
        Enc::Aes256Gcm => E_AES256GCM,
        Enc::Aes128Ccm => E_AES128CCM,
        Enc::Aes256Ccm => E_AES256CCM,
        Enc::Aes128Ccm8 => E_AES128CCM8,
        Enc::Aes256Ccm8 => E_AES256CCM8,
        Enc::Camellia128Cbc => E_CAMELLIA128,
        Enc::Camellia256Cbc => E_CAMELLIA256,
        Enc::Aria128Gcm => E_ARIA128GCM,
        Enc::Aria256Gcm => E_ARIA256GCM,
        Enc::ChaCha20Poly1305 => E_CHACHA20,
        Enc::Gost => E_GOST8912,
        _ => 0,
    };
    let mac = match s.mac {
        Mac::Md5 => M_MD5,
        Mac::Sha1 => M_SHA1,
        Mac::Sha256 => M_SHA256,
        Mac::Sha384 => M_SHA384,
        Mac::Aead => M_AEAD,
        Mac::Gost => M_GOST89MAC12,
        Mac::Null => 0,
    };
    let min_tls = match s.min_version {
        TlsVersion::Ssl3 => SSL3,
        TlsVersion::Tls10 => TLS1,
        v => v.wire(),
    };
    // 1.0.2's classes (after 1.0.2i moved 3DES to MEDIUM): EXPORT suites are in no class
    // but EXPORT, single DES is LOW, RC4/IDEA/SEED/3DES are MEDIUM. No 3.0 suite is any of
    // these, so the 3.0 table is unchanged.
    let mut strength = match s.enc_bits {
        _ if s.export => S_EXPORT,
        _ if matches!(s.enc, Enc::Rc4 | Enc::Idea | Enc::Seed) => S_MEDIUM,
        0 => S_NONE,
        1..=63 => S_LOW,
        64..=112 => S_MEDIUM,
        _ => S_HIGH,
    };
    if s.enc != Enc::Null && (s.au == Au::Dss || s.au == Au::Anon || enc & (E_AESCCM | E_ARIA | E_CAMELLIA) != 0) {
        strength |= S_NOT_DEFAULT;
    }
    if enc & (E_AES128 | E_AES256 | E_AESGCM | E_3DES) != 0 && s.kx != Kx::Srp {
        strength |= S_FIPS;
    }
    OCipher {
        code: s.code,
        name,
        mkey,
        auth,
        enc,
        mac,
        min_tls,
        strength,
        bits: s.enc_bits,
        legacy: false,
        old_name: None,
    }
}

/// An alias of OpenSSL 3.0's `cipher_aliases` table: zero fields are "any".
struct Alias {
    name: &'static str,
    mkey: u32,
    auth: u32,
    enc: u32,
    mac: u32,
    min_tls: u16,
    strength: u32,
}

const fn al(name: &'static str, mkey: u32, auth: u32, enc: u32, mac: u32) -> Alias {
    Alias {
        name,
        mkey,
        auth,
        enc,
        mac,
        min_tls: 0,
        strength: 0,
    }
}

const fn alv(name: &'static str, min_tls: u16) -> Alias {
    Alias {
        name,
        mkey: 0,
        auth: 0,
        enc: 0,
        mac: 0,
        min_tls,
        strength: 0,
    }
}

const fn als(name: &'static str, enc: u32, strength: u32) -> Alias {
    Alias {
        name,
        mkey: 0,
        auth: 0,
        enc,
        mac: 0,
        min_tls: 0,
        strength,
    }
}

#[rustfmt::skip]
static ALIASES: &[Alias] = &[
    al("ALL", 0, 0, !E_NULL, 0),
    al("COMPLEMENTOFALL", 0, 0, E_NULL, 0),
    als("COMPLEMENTOFDEFAULT", 0, S_NOT_DEFAULT),
    al("kRSA", K_RSA, 0, 0, 0),
    al("kEDH", K_DHE, 0, 0, 0),
    al("kDHE", K_DHE, 0, 0, 0),
    al("DH", K_DHE, 0, 0, 0),
    al("kEECDH", K_ECDHE, 0, 0, 0),
    al("kECDHE", K_ECDHE, 0, 0, 0),
    al("ECDH", K_ECDHE, 0, 0, 0),
    al("kPSK", K_PSK, 0, 0, 0),
    al("kRSAPSK", K_RSAPSK, 0, 0, 0),
    al("kECDHEPSK", K_ECDHEPSK, 0, 0, 0),
    al("kDHEPSK", K_DHEPSK, 0, 0, 0),
    al("kSRP", K_SRP, 0, 0, 0),
    al("kGOST", K_GOST, 0, 0, 0),
    al("kGOST18", K_GOST18, 0, 0, 0),
    al("aRSA", 0, A_RSA, 0, 0),
    al("aDSS", 0, A_DSS, 0, 0),
    al("DSS", 0, A_DSS, 0, 0),
    al("aNULL", 0, A_NULL, 0, 0),
    al("aECDSA", 0, A_ECDSA, 0, 0),
    al("ECDSA", 0, A_ECDSA, 0, 0),
    al("aPSK", 0, A_PSK, 0, 0),
    al("aGOST01", 0, A_GOST01, 0, 0),
    al("aGOST12", 0, A_GOST12, 0, 0),
    al("aGOST", 0, A_GOST01 | A_GOST12, 0, 0),
    al("aSRP", 0, A_SRP, 0, 0),
    al("EDH", K_DHE, !A_NULL, 0, 0),
    al("DHE", K_DHE, !A_NULL, 0, 0),
    al("EECDH", K_ECDHE, !A_NULL, 0, 0),
    al("ECDHE", K_ECDHE, !A_NULL, 0, 0),
    al("NULL", 0, 0, E_NULL, 0),
    al("RSA", K_RSA, A_RSA, 0, 0),
    al("ADH", K_DHE, A_NULL, 0, 0),
    al("AECDH", K_ECDHE, A_NULL, 0, 0),
    al("PSK", K_ANY_PSK, 0, 0, 0),
    al("SRP", K_SRP, 0, 0, 0),
    al("3DES", 0, 0, E_3DES, 0),
    al("RC4", 0, 0, E_RC4, 0),
    al("RC2", 0, 0, E_RC2, 0),
    al("IDEA", 0, 0, E_IDEA, 0),
    al("SEED", 0, 0, E_SEED, 0),
    al("eNULL", 0, 0, E_NULL, 0),
    al("GOST", 0, 0, E_GOST89 | E_GOST8912 | E_MAGMA | E_KUZNYECHIK, 0),
    al("AES128", 0, 0, E_AES128 | E_AES128GCM | E_AES128CCM | E_AES128CCM8, 0),
    al("AES256", 0, 0, E_AES256 | E_AES256GCM | E_AES256CCM | E_AES256CCM8, 0),
    al("AES", 0, 0, E_AES, 0),
    al("AESGCM", 0, 0, E_AESGCM, 0),
    al("AESCCM", 0, 0, E_AESCCM, 0),
    al("AESCCM8", 0, 0, E_AES128CCM8 | E_AES256CCM8, 0),
    al("CAMELLIA128", 0, 0, E_CAMELLIA128, 0),
    al("CAMELLIA256", 0, 0, E_CAMELLIA256, 0),
    al("CAMELLIA", 0, 0, E_CAMELLIA, 0),
    al("CHACHA20", 0, 0, E_CHACHA20, 0),
    al("GOST2012-GOST8912-GOST8912", 0, 0, E_GOST8912, 0),
    al("ARIA", 0, 0, E_ARIA, 0),
    al("ARIAGCM", 0, 0, E_ARIA, 0),
    al("ARIA128", 0, 0, E_ARIA128GCM, 0),
    al("ARIA256", 0, 0, E_ARIA256GCM, 0),
    al("CBC", 0, 0, E_CBC, 0),
    al("MD5", 0, 0, 0, M_MD5),
    al("SHA1", 0, 0, 0, M_SHA1),
    al("SHA", 0, 0, 0, M_SHA1),
    al("GOST94", 0, 0, 0, M_GOST94),
    al("GOST89MAC", 0, 0, 0, M_GOST89MAC | M_GOST89MAC12),
    al("SHA256", 0, 0, 0, M_SHA256),
    al("SHA384", 0, 0, 0, M_SHA384),
    al("GOST12", 0, 0, 0, M_GOST12_256),
    alv("SSLv3", SSL3),
    alv("TLSv1", TLS1),
    alv("TLSv1.0", TLS1),
    alv("TLSv1.2", TLS1_2),
    als("LOW", 0, S_LOW),
    als("MEDIUM", 0, S_MEDIUM),
    als("HIGH", 0, S_HIGH),
    als("FIPS", !E_NULL, S_FIPS),
    Alias { name: "EDH-DSS-DES-CBC3-SHA", mkey: K_DHE, auth: A_DSS, enc: E_3DES, mac: M_SHA1, min_tls: 0, strength: S_HIGH | S_FIPS },
    Alias { name: "EDH-RSA-DES-CBC3-SHA", mkey: K_DHE, auth: A_RSA, enc: E_3DES, mac: M_SHA1, min_tls: 0, strength: S_HIGH | S_FIPS },
    // OpenSSL 1.0.2 only (see ALIASES_1X_ONLY).
    al("DES", 0, 0, E_DES, 0),
    als("EXP", 0, S_EXPORT),
    als("EXPORT", 0, S_EXPORT),
    als("EXPORT40", 0, S_EXPORT),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Del,
    Ord,
    Kill,
    Bump,
    Special,
}

/// A search pattern, as `ssl_cipher_apply_rule` takes it.
#[derive(Default, Clone, Copy)]
struct Pattern {
    cipher: Option<u16>,
    mkey: u32,
    auth: u32,
    enc: u32,
    mac: u32,
    min_tls: u16,
    strength: u32,
    /// A word of the item names legacy suites: only such an item adds them.
    legacy: bool,
}

impl Pattern {
    fn matches(&self, c: &OCipher) -> bool {
        if self.cipher.is_some_and(|id| id != c.code) {
            return false;
        }
        (self.mkey == 0 || self.mkey & c.mkey != 0)
            && (self.auth == 0 || self.auth & c.auth != 0)
            && (self.enc == 0 || self.enc & c.enc != 0)
            && (self.mac == 0 || self.mac & c.mac != 0)
            && (self.min_tls == 0 || self.min_tls == c.min_tls)
            && (self.strength & STRONG_MASK == 0 || self.strength & STRONG_MASK & c.strength != 0)
            && (self.strength & DEFAULT_MASK == 0 || self.strength & DEFAULT_MASK & c.strength != 0)
            && (self.strength & EXPORT_MASK == 0 || self.strength & EXPORT_MASK & c.strength != 0)
    }
}

/// OpenSSL's doubly linked list as a Vec of table indices plus an `active` flag per suite.
struct State {
    table: &'static [OCipher],
    list: Vec<usize>,
    active: Vec<bool>,
    sec_level: Option<u8>,
    unknown: Vec<String>,
    error: Option<CipherStringError>,
    /// Set after the start-up order: from then on only legacy words add legacy suites.
    gate_legacy: bool,
}

impl State {
    fn new(table: &'static [OCipher]) -> Self {
        State {
            table,
            list: (0..table.len()).collect(),
            active: vec![false; table.len()],
            sec_level: None,
            unknown: Vec::new(),
            error: None,
            gate_legacy: false,
        }
    }

    /// `ssl_cipher_apply_rule`. `strength_bits` ≥ 0 selects by strength only (used by
    /// `@STRENGTH`). Forward operations append matches to the tail in list order; `Del` and
    /// `Bump` walk backwards and prepend, which keeps the matches' relative order too.
    fn apply(&mut self, p: Pattern, op: Op, strength_bits: Option<u16>) {
        let table = self.table;
        let is_match = |i: usize| match strength_bits {
            Some(b) => table[i].bits == b,
            None => p.matches(&table[i]),
        };
        let mut moved = Vec::new();
        let mut rest = Vec::with_capacity(self.list.len());
        for &i in &self.list {
            let m = is_match(i);
            let take = match op {
                Op::Add => m && !self.active[i] && (p.legacy || !self.gate_legacy || !table[i].legacy),
                Op::Ord | Op::Del | Op::Bump => m && self.active[i],
                Op::Kill => m,
                Op::Special => false,
            };
            if take {
                moved.push(i);
            } else {
                rest.push(i);
            }
        }
        match op {
            Op::Add => {
                for &i in &moved {
                    self.active[i] = true;
                }
                rest.extend(moved);
                self.list = rest;
            }
            Op::Ord => {
                rest.extend(moved);
                self.list = rest;
            }
            Op::Del | Op::Bump => {
                if op == Op::Del {
                    for &i in &moved {
                        self.active[i] = false;
                    }
                }
                moved.extend(rest);
                self.list = moved;
            }
            Op::Kill => {
                for &i in &moved {
                    self.active[i] = false;
                }
                self.list = rest;
            }
            Op::Special => {}
        }
    }

    fn rule(&mut self, op: Op, f: impl FnOnce(&mut Pattern)) {
        let mut p = Pattern::default();
        f(&mut p);
        self.apply(p, op, None);
    }

    /// `ssl_cipher_strength_sort`: active suites, strongest first, stable.
    fn strength_sort(&mut self) {
        let mut bits: Vec<u16> = self.list.iter().filter(|&&i| self.active[i]).map(|&i| self.table[i].bits).collect();
        bits.sort_unstable_by(|a, b| b.cmp(a));
        bits.dedup();
        for b in bits {
            self.apply(Pattern::default(), Op::Ord, Some(b));
        }
    }

    /// The start-up preference order of `ssl_create_cipher_list` (OpenSSL 3.0).
    fn init_order(&mut self) {
        use Op::*;
        self.rule(Add, |p| {
            p.mkey = K_ECDHE;
            p.auth = A_ECDSA
        });
        self.rule(Add, |p| p.mkey = K_ECDHE);
        self.rule(Del, |p| p.mkey = K_ECDHE);
        self.rule(Add, |p| p.enc = E_AESGCM);
        self.rule(Add, |p| p.enc = E_CHACHA20);
        self.rule(Add, |p| p.enc = E_AES ^ E_AESGCM);
        self.rule(Add, |_| {});
        self.rule(Ord, |p| p.mac = M_MD5);
        self.rule(Ord, |p| p.auth = A_NULL);
        self.rule(Ord, |p| p.mkey = K_RSA);
        self.rule(Ord, |p| p.mkey = K_PSK);
        self.rule(Ord, |p| p.enc = E_RC4);
        self.strength_sort();
        self.rule(Bump, |p| p.min_tls = TLS1_2);
        self.rule(Bump, |p| p.mac = M_AEAD);
        self.rule(Bump, |p| p.mkey = K_DHE | K_ECDHE);
        self.rule(Bump, |p| {
            p.mkey = K_DHE | K_ECDHE;
            p.mac = M_AEAD
        });
        self.rule(Del, |_| {});
    }

    fn lookup(&self, word: &str) -> Option<Pattern> {
        if let Some(c) = self.table.iter().find(|c| c.name == word || c.old_name == Some(word)) {
            return Some(Pattern {
                cipher: Some(c.code),
                mkey: c.mkey,
                auth: c.auth,
                enc: c.enc,
                mac: c.mac,
                min_tls: c.min_tls,
                strength: c.strength,
                legacy: c.legacy,
            });
        }
        let has_legacy = self.table.last().is_some_and(|c| c.legacy);
        if !has_legacy && ALIASES_1X_ONLY.contains(&word) {
            return None;
        }
        ALIASES.iter().find(|a| a.name == word).map(|a| Pattern {
            cipher: None,
            mkey: a.mkey,
            auth: a.auth,
            enc: a.enc,
            mac: a.mac,
            min_tls: a.min_tls,
            strength: a.strength,
            legacy: has_legacy && LEGACY_WORDS.contains(&a.name),
        })
    }

    /// `ssl_cipher_process_rulestr`.
    fn process(&mut self, rule: &str) -> Result<(), CipherStringError> {
        let s = rule.as_bytes();
        let is_sep = |c: u8| matches!(c, b':' | b' ' | b';' | b',');
        let is_word = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'=');
        let mut l = 0;
        while l < s.len() {
            let ch = s[l];
            let op = match ch {
                b'-' => Op::Del,
                b'+' => Op::Ord,
                b'!' => Op::Kill,
                b'@' => Op::Special,
                _ => Op::Add,
            };
            if op != Op::Add {
                l += 1;
            }
            if is_sep(ch) {
                l += 1;
                continue;
            }
            let mut pat = Pattern::default();
            let mut found = false;
            let mut word_start;
            loop {
                word_start = l;
                while l < s.len() && is_word(s[l]) {
                    l += 1;
                }
                if l == word_start {
                    // Rust strings are UTF-8; report the whole character.
                    let found = rule[l..].chars().next().unwrap_or('\0');
                    return Err(CipherStringError::InvalidCommand { offset: l, found });
                }
                if op == Op::Special {
                    break;
                }
                let multi = l < s.len() && s[l] == b'+';
                let word = &rule[word_start..l];
                if multi {
                    l += 1;
                }
                let Some(a) = self.lookup(word) else {
                    self.unknown.push(word.to_string());
                    found = false;
                    break;
                };
                found = and_pattern(&mut pat, &a);
                pat.legacy |= a.legacy;
                if !found || !multi {
                    break;
                }
            }
            if op == Op::Special {
                let word = &rule[word_start..l];
                if word == "STRENGTH" {
                    self.strength_sort();
                } else if word.len() == 10 && word.starts_with("SECLEVEL=") {
                    let level = s[word_start + 9].wrapping_sub(b'0');
                    if level <= 5 {
                        self.sec_level = Some(level);
                    } else {
                        self.error.get_or_insert(CipherStringError::InvalidSpecial(word.to_string()));
                    }
                } else {
                    self.error.get_or_insert(CipherStringError::InvalidSpecial(word.to_string()));
                }
                while l < s.len() && !is_sep(s[l]) {
                    l += 1;
                }
            } else if found {
                self.apply(pat, op, None);
            } else {
                while l < s.len() && !is_sep(s[l]) {
                    l += 1;
                }
            }
        }
        Ok(())
    }
}

/// Combine one more `+`-joined word into the pattern (bitwise AND of each non-zero field, as
/// OpenSSL does). Returns false when a field becomes empty: the combination matches nothing
/// and OpenSSL ignores the whole item.
fn and_pattern(pat: &mut Pattern, a: &Pattern) -> bool {
    fn and(acc: &mut u32, v: u32) -> bool {
        if v != 0 {
            if *acc != 0 {
                *acc &= v;
                if *acc == 0 {
                    return false;
                }
            } else {
                *acc = v;
            }
        }
        true
    }
    if !(and(&mut pat.mkey, a.mkey) && and(&mut pat.auth, a.auth) && and(&mut pat.enc, a.enc) && and(&mut pat.mac, a.mac)) {
        return false;
    }
    for mask in [STRONG_MASK, DEFAULT_MASK, EXPORT_MASK] {
        let v = a.strength & mask;
        if v != 0 {
            if pat.strength & mask != 0 {
                pat.strength &= v | !mask;
                if pat.strength & mask == 0 {
                    return false;
                }
            } else if mask == STRONG_MASK {
                // OpenSSL assigns here, dropping a NOT_DEFAULT bit set by an earlier word:
                // `COMPLEMENTOFDEFAULT+HIGH` selects all of HIGH. Reproduced on purpose.
                pat.strength = v | (pat.strength & EXPORT_MASK);
            } else {
                pat.strength |= v;
            }
        }
    }
    if a.cipher.is_some() {
        // An explicit suite: its protocol version is not part of the search pattern.
        pat.cipher = a.cipher;
    } else if a.min_tls != 0 {
        if pat.min_tls != 0 && pat.min_tls != a.min_tls {
            return false;
        }
        pat.min_tls = a.min_tls;
    }
    true
}

/// Parse a TLS 1.3 `Ciphersuites` value (`ssl_conf_command Ciphersuites`, Apache
/// `SSLCipherSuite TLSv1.3`, HAProxy `ciphersuites`): colon-separated IANA names, matched
/// case-sensitively as OpenSSL does. Returns the TLS 1.3 codes in order (duplicates dropped)
/// and the names that are not TLS 1.3 suites, which OpenSSL would skip.
pub fn parse_tls13_ciphersuites(spec: &str) -> (Vec<u16>, Vec<String>) {
    let mut codes = Vec::new();
    let mut unknown = Vec::new();
    for name in spec.split(':').map(str::trim).filter(|n| !n.is_empty()) {
        match suites::by_iana(name).filter(|s| s.tls13 && s.openssl.is_some()) {
            Some(s) => {
                if !codes.contains(&s.code) {
                    codes.push(s.code);
                }
            }
            None => unknown.push(name.to_string()),
        }
    }
    (codes, unknown)
}

/// OpenSSL 3.0's default group list, what `auto` (nginx `ssl_ecdh_curve auto`) and an
/// absent setting mean (observed in the supported_groups extension `openssl s_client` 3.0.19
/// sends without configuration).
pub const OPENSSL30_DEFAULT_GROUPS: &[u16] = &[0x001D, 0x0017, 0x001E, 0x0019, 0x0018, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104];

/// Parse a groups/curves list (`ssl_ecdh_curve`, `SSLOpenSSLConfCmd Curves|Groups`,
/// HAProxy `curves`): colon-separated names in any of OpenSSL's spellings, or `auto`.
/// Returns the groups in order and the names not recognised. Note that OpenSSL 3.0 rejects
/// the whole list when one name is unknown (3.3+ skips it); the caller decides what to report.
/// OpenSSL 3.5 list syntax (`?name`, `*name`, `/` tuple separators) is accepted too.
pub fn parse_groups(spec: &str) -> (Vec<Group>, Vec<String>) {
    let mut out: Vec<Group> = Vec::new();
    let mut unknown = Vec::new();
    let spec = spec.trim();
    if spec.eq_ignore_ascii_case("auto") {
        let v = OPENSSL30_DEFAULT_GROUPS
            .iter()
            .filter_map(|&c| groups::by_code(c))
            .map(|g| g.to_model())
            .collect();
        return (v, unknown);
    }
    for raw in spec.split([':', '/']) {
        let name = raw.trim().trim_start_matches(['?', '*']);
        if name.is_empty() || name.eq_ignore_ascii_case("DEFAULT") {
            continue;
        }
        match groups::by_name(name) {
            Some(g) => {
                if !out.iter().any(|x| x.code == g.code) {
                    out.push(g.to_model());
                }
            }
            None => unknown.push(name.to_string()),
        }
    }
    (out, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_build_suite_has_an_openssl_name_and_is_legacy() {
        for &c in OPENSSL30_DEFAULT_ORDER {
            let s = suites::by_code(c).unwrap();
            assert!(s.openssl.is_some() && !s.tls13, "{c:#06x}");
        }
        let mut sorted = OPENSSL30_DEFAULT_ORDER.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), OPENSSL30_DEFAULT_ORDER.len());
    }

    #[test]
    fn start_order_is_a_fixed_point() {
        // ALL:COMPLEMENTOFALL lists the start order with eNULL suites moved to the end.
        let e = expand_with_default_level("ALL:COMPLEMENTOFALL", 0).unwrap();
        let mut expect: Vec<u16> = OPENSSL30_DEFAULT_ORDER.to_vec();
        let (a, b): (Vec<u16>, Vec<u16>) = expect.drain(..).partition(|&c| suites::by_code(c).unwrap().enc != Enc::Null);
        expect = a.into_iter().chain(b).collect();
        assert_eq!(e.suites, expect);
    }

    #[test]
    fn operators() {
        let e = expand("ECDHE+AESGCM:!aNULL").unwrap();
        assert_eq!(e.suites, vec![0xC02C, 0xC030, 0xC02B, 0xC02F]);
        let e = expand("ECDHE+AESGCM:+AES128").unwrap();
        assert_eq!(e.suites, vec![0xC02C, 0xC030, 0xC02B, 0xC02F]);
        let e = expand("AES128-SHA:AES256-SHA:-AES128-SHA").unwrap();
        assert_eq!(e.suites, vec![0x0035]);
        let e = expand_openssl30("HIGH:!aNULL:!MD5:bogus:DES-CBC3-SHA", 2).unwrap();
        assert_eq!(e.unknown_tokens, vec!["bogus", "DES-CBC3-SHA"]);
        let e = expand("HIGH:!aNULL:!MD5:bogus:DES-CBC3-SHA").unwrap();
        assert_eq!(e.unknown_tokens, vec!["bogus"]);
        assert_eq!(e.legacy_suites, vec![0x000A]);
        assert_eq!(e.suites.last(), Some(&0x000A));
        assert_eq!(e.security_level, None);
        assert_eq!(e.effective_security_level, 2);
        assert_eq!(expand("aNULL").unwrap().suites, Vec::<u16>::new());
        assert_eq!(expand("aNULL:@SECLEVEL=0").unwrap().security_level, Some(0));
        assert_eq!(expand("nonsense"), Err(CipherStringError::NoCipherMatch));
        assert!(matches!(expand("HIGH:#x"), Err(CipherStringError::InvalidCommand { .. })));
        assert!(matches!(expand("HIGH:@SECLEVEL=9"), Err(CipherStringError::InvalidSpecial(_))));
    }

    #[test]
    fn tls13_and_groups() {
        let (c, u) = parse_tls13_ciphersuites("TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256: tls_aes_128_gcm_sha256");
        assert_eq!(c, vec![0x1302, 0x1303]);
        assert_eq!(u, vec!["tls_aes_128_gcm_sha256"]);
        let (g, u) = parse_groups("X25519:prime256v1:secp384r1:foo");
        let names: Vec<_> = g.iter().map(|g| &*g.name).collect();
        assert_eq!(names, ["x25519", "secp256r1", "secp384r1"]);
        assert_eq!(u, vec!["foo"]);
        let (g, _) = parse_groups("auto");
        assert_eq!(g[0].name, "x25519");
        assert_eq!(g.len(), 10);
        let (g, u) = parse_groups("X25519MLKEM768:x25519");
        assert_eq!(g.len(), 2);
        assert!(u.is_empty());
    }
}
