//! `kensa::tls::openssl_cipher_string::expand` against the real `openssl ciphers` binary.
//!
//! What is compared, and why:
//! - `expand(s)` models the suites a server would really offer: the string's list filtered
//!   by the security level (`@SECLEVEL=n`, else kensa's assumed default 2). The matching
//!   OpenSSL command is `openssl ciphers -s -psk -srp -V -stdname 's'`: `-s` applies the
//!   level, `-psk -srp` stop `-s` from dropping PSK/SRP suites (a client-side quirk: it
//!   drops them when no client callback is set; kensa keeps them, see the module docs).
//!   When the string sets no level, `:@SECLEVEL=2` is appended so the run does not depend on
//!   this machine's compiled-in default (the last `@SECLEVEL` wins, so appending is exact).
//! - `expand_with_default_level(s, 0)` for strings without `@SECLEVEL` is compared with plain
//!   `openssl ciphers -V -stdname 's'`, which lists the configured list unfiltered, so the
//!   order of suites the level would hide (aNULL, eNULL, MD5) is checked too.
//! - TLS 1.3 suites (0x13xx) are always printed by `openssl ciphers`; they are configured
//!   separately and are removed from OpenSSL's output before comparing.
//! - An error (`Error in cipher list`, non-zero exit) must be an `Err` in kensa.
//! - OPENSSL_CONF=/dev/null keeps the distribution's openssl.cnf out of the picture.
//!
//! The lists are compared in order and must be identical. The binary is OpenSSL 3, so it is
//! compared with `expand_openssl30` (the words OpenSSL 3 knows); `expand`, which kensa judges
//! with, must agree with it once the legacy suites (only OpenSSL 1.0.x/1.1.x builds have
//! them) are taken out. The legacy suites themselves are checked by a table (below) citing
//! OpenSSL 1.0.2/1.1.1, never against the machine's library.

use kensa::tls::openssl_cipher_string::{expand, expand_openssl30, expand_with_default_level, Expansion};
use std::process::Command;

const STRINGS: &[&str] = &[
    // Mozilla Server Side TLS intermediate (v5) and old (v5), modern v4 (TLS 1.2 part)
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305",
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA256:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:DES-CBC3-SHA",
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256",
    // Mozilla intermediate v4 (2016), with 3DES and an EDH- alias, ending in !DSS
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA:DHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA:ECDHE-ECDSA-DES-CBC3-SHA:ECDHE-RSA-DES-CBC3-SHA:EDH-RSA-DES-CBC3-SHA:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:DES-CBC3-SHA:!DSS",
    // distribution and server defaults
    "HIGH:!aNULL:!MD5",
    "HIGH:MEDIUM:!MD5:!RC4:!3DES",
    "DEFAULT",
    "ALL:!aNULL",
    "PROFILE=SYSTEM",
    // the CRYPTREC/IPA-derived high-security string and its pieces
    "ECDHE+AESGCM:DHE+aRSA+AESGCM:ECDHE+AESCCM:DHE+aRSA+AESCCM:ECDHE+CHACHA20:DHE+aRSA+CHACHA20:+AES128:+DHE",
    "ECDHE+AESGCM:+AES128",
    // widely copied blog/cipherli.st/h5bp strings
    "EECDH+AESGCM:EDH+AESGCM",
    "EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH",
    "ECDH+AESGCM:DH+AESGCM:ECDH+AES256:DH+AES256:ECDH+AES128:DH+AES:RSA+AESGCM:RSA+AES:!aNULL:!MD5:!DSS",
    "ALL:!ADH:!EXP:!LOW:!RC2:!3DES:!SEED:!RC4:+HIGH:+MEDIUM",
    "ALL:!ADH:!EXPORT:!SSLv2:RC4+RSA:+HIGH:+MEDIUM:+LOW",
    // @STRENGTH and @SECLEVEL
    "HIGH:@STRENGTH",
    "AES256:AES128:CHACHA20:@STRENGTH",
    "ALL:@SECLEVEL=0",
    "ALL:COMPLEMENTOFALL:@SECLEVEL=0",
    "ALL:COMPLEMENTOFALL:@SECLEVEL=1",
    "ALL:COMPLEMENTOFALL:@SECLEVEL=3",
    "ALL:COMPLEMENTOFALL:@SECLEVEL=4",
    "ALL:COMPLEMENTOFALL:@SECLEVEL=5",
    "SHA256:SHA384:@STRENGTH:@SECLEVEL=5",
    "DEFAULT:@SECLEVEL=3",
    "CAMELLIA:ARIA:CHACHA20:AESCCM8:@SECLEVEL=3",
    // - + ! and re-adding
    "ALL:-AES128:AES128",
    "HIGH:-ECDHE:ECDHE+AES256",
    "ALL:+aNULL:-DHE:DHE-RSA-AES128-SHA",
    "DEFAULT:!RSA:@STRENGTH",
    "DEFAULT:+SHA1:+kRSA",
    "!aNULL:HIGH",
    "-ALL:HIGH:-AESGCM",
    "HIGH!aNULL!MD5",
    "HIGH:!SSLv3:!kRSA",
    // key exchange / auth / cipher / MAC / version aliases
    "kRSA:!aNULL",
    "kRSA:@SECLEVEL=3",
    "RSA:@SECLEVEL=4",
    "3DES:RC4:HIGH",
    "aNULL:@SECLEVEL=0",
    "ADH:AECDH",
    "EXPORT:HIGH",
    "eNULL:@SECLEVEL=0",
    "NULL:eNULL:COMPLEMENTOFALL",
    "COMPLEMENTOFALL:@SECLEVEL=0",
    "COMPLEMENTOFDEFAULT",
    "ALL:COMPLEMENTOFDEFAULT",
    "COMPLEMENTOFDEFAULT+HIGH",
    "HIGH+COMPLEMENTOFDEFAULT:COMPLEMENTOFDEFAULT+AES256-SHA",
    "PSK:SRP:@SECLEVEL=1",
    "kPSK:kDHEPSK:kECDHEPSK:kRSAPSK:aPSK:aSRP",
    "ECDSA:DSS:aRSA:aPSK:@SECLEVEL=0",
    "TLSv1.2:!aNULL:!eNULL",
    "TLSv1:SSLv3",
    "TLSv1.0:MD5:@SECLEVEL=0",
    "FIPS",
    "FIPS:@SECLEVEL=4",
    "HIGH+FIPS",
    "CBC:!SHA1",
    "AESGCM:AESCCM:ARIAGCM:ARIA128:ARIA256:CAMELLIA128:CAMELLIA256",
    "kEDH:kEECDH:EDH:EECDH:DH:ECDH",
    // Suite B
    "SUITEB128",
    "SUITEB128ONLY:HIGH",
    "SUITEB128C2",
    "SUITEB192",
    "HIGH:SUITEB128",
    // literal names, combinations, junk
    "AES128-SHA:DHE-RSA-AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES128-GCM-SHA256+AESGCM:ECDHE-RSA-AES256-GCM-SHA384+aECDSA:AES256-SHA",
    "HIGH:!aNULL:foo:bar+baz:TLS_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "high:!anull",
    "DEFAULT+HIGH",
    "DEFAULTS",
    "HIGH;MEDIUM,LOW AES",
    "HIGH:@SECLEVEL=9",
    "HIGH:@FOO",
    "HIGH:#junk",
    "HIGH+",
    "",
    ":::",
];

/// Run openssl; None when it rejects the string.
fn openssl(args: &[&str], spec: &str) -> Option<Vec<u16>> {
    let out = Command::new("openssl")
        .arg("ciphers")
        .args(args)
        // `--` so that a string starting with `-` is not taken for an option.
        .args(["-V", "-stdname", "--", spec])
        .env("OPENSSL_CONF", "/dev/null")
        .output()
        .expect("openssl runs");
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).unwrap();
    Some(
        text.lines()
            .filter_map(|l| {
                let (hi, lo) = l.split_whitespace().next()?.split_once(',')?;
                let hi = u16::from_str_radix(hi.strip_prefix("0x")?, 16).ok()?;
                let lo = u16::from_str_radix(lo.strip_prefix("0x")?, 16).ok()?;
                Some(hi << 8 | lo)
            })
            .filter(|c| c >> 8 != 0x13)
            .collect(),
    )
}

fn fmt(v: &Option<Vec<u16>>) -> String {
    match v {
        None => "error".into(),
        Some(v) => v.iter().map(|c| format!("{c:04X}")).collect::<Vec<_>>().join(" "),
    }
}

#[test]
fn expand_matches_openssl() {
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!("skipping: the openssl binary is not installed");
        return;
    }
    assert!(STRINGS.len() >= 30);
    let mut failures = Vec::new();
    let mut compared = 0;
    let mut non_empty = 0;
    for &s in STRINGS {
        let with_level = if s.contains("@SECLEVEL=") {
            s.to_string()
        } else {
            format!("{s}:@SECLEVEL=2")
        };
        let want = openssl(&["-s", "-psk", "-srp"], &with_level);
        let got = expand_openssl30(s, 2).ok().map(|e| e.suites);
        compared += 1;
        non_empty += usize::from(want.as_ref().is_some_and(|v| !v.is_empty()));
        if want != got {
            failures.push(format!("{s:?} (filtered)\n  openssl: {}\n  kensa:   {}", fmt(&want), fmt(&got)));
        }
        check_legacy_is_only_added(s, 2, &mut failures);
        if !s.contains("@SECLEVEL") {
            check_legacy_is_only_added(s, 0, &mut failures);
            let want = openssl(&[], s);
            let got = expand_openssl30(s, 0).ok().map(|e| e.suites);
            compared += 1;
            if want != got {
                failures.push(format!("{s:?} (unfiltered)\n  openssl: {}\n  kensa:   {}", fmt(&want), fmt(&got)));
            }
        }
    }
    eprintln!("{compared} comparisons over {} strings", STRINGS.len());
    // Guard against a vacuous pass (e.g. an openssl that rejects everything).
    assert!(non_empty >= 50, "only {non_empty} strings gave suites");
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// `expand` = `expand_openssl30` plus legacy suites: taking the legacy suites out of
/// `expand`'s list must give OpenSSL 3.0's list, in the same order.
fn check_legacy_is_only_added(s: &str, level: u8, failures: &mut Vec<String>) {
    let without_legacy = |e: Expansion| -> Vec<u16> { e.suites.iter().copied().filter(|c| !e.legacy_suites.contains(c)).collect() };
    let with = expand_with_default_level(s, level).map(without_legacy);
    let v30 = expand_openssl30(s, level).map(|e| e.suites);
    let agrees = match (&with, &v30) {
        (Ok(a), Ok(b)) => a == b,
        // OpenSSL 3.0 finds nothing; on a 1.x device the legacy words alone select suites.
        (Ok(a), Err(_)) => a.is_empty(),
        (Err(a), Err(b)) => a == b,
        (Err(_), Ok(_)) => false,
    };
    if !agrees {
        failures.push(format!("{s:?} at level {level}: expand without legacy {with:?}, OpenSSL 3.0 {v30:?}"));
    }
}

#[test]
fn unknown_tokens_and_levels_are_reported() {
    let e = expand_openssl30("HIGH:!aNULL:foo:bar+baz:DES-CBC3-SHA:@SECLEVEL=3", 2).unwrap();
    assert_eq!(e.unknown_tokens, ["foo", "bar", "DES-CBC3-SHA"]);
    assert_eq!(e.security_level, Some(3));
    assert_eq!(e.effective_security_level, 3);
    let e = expand("HIGH:!aNULL:foo:bar+baz:DES-CBC3-SHA:@SECLEVEL=3").unwrap();
    assert_eq!(e.unknown_tokens, ["foo", "bar"]);
    assert_eq!(e.security_level, Some(3));
    assert_eq!(e.effective_security_level, 3);
}

/// Pseudo-random strings built from OpenSSL's vocabulary (fixed seed, so reproducible):
/// catches divergences in operator interplay that hand-picked strings miss.
#[test]
fn random_strings_match_openssl() {
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!("skipping: the openssl binary is not installed");
        return;
    }
    const WORDS: &[&str] = &[
        "ALL",
        "HIGH",
        "MEDIUM",
        "DEFAULT",
        "COMPLEMENTOFALL",
        "COMPLEMENTOFDEFAULT",
        "aNULL",
        "eNULL",
        "NULL",
        "kRSA",
        "RSA",
        "DHE",
        "EDH",
        "kDHE",
        "ECDHE",
        "EECDH",
        "ECDH",
        "DH",
        "aRSA",
        "aECDSA",
        "ECDSA",
        "DSS",
        "PSK",
        "SRP",
        "AES",
        "AES128",
        "AES256",
        "AESGCM",
        "AESCCM",
        "AESCCM8",
        "CHACHA20",
        "CAMELLIA",
        "ARIA",
        "CBC",
        "SHA",
        "SHA1",
        "SHA256",
        "SHA384",
        "MD5",
        "TLSv1.2",
        "TLSv1",
        "SSLv3",
        "FIPS",
        "3DES",
        "RC4",
        "ADH",
        "AECDH",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "AES256-SHA",
        "DHE-RSA-CHACHA20-POLY1305",
        "ECDHE-ECDSA-AES256-CCM8",
        "PSK-AES128-CBC-SHA",
        "bogus",
        "LOW",
        "EXPORT",
        "kEECDH",
        "aPSK",
        "aSRP",
        "kECDHEPSK",
        "TLSv1.0",
        "ARIA128",
        "CAMELLIA256",
        "SUITEB128",
        "@STRENGTH",
        "EDH-RSA-DES-CBC3-SHA",
        "RSA-PSK-AES256-GCM-SHA384",
        "SRP-DSS-AES-256-CBC-SHA",
    ];
    const SEPS: &[&str] = &[":", ":", ":", ",", " ", ";"];
    const OPS: &[&str] = &["", "", "", "!", "-", "+"];
    // KENSA_CIPHER_FUZZ=<count>,<seed> runs a longer or different series.
    let (count, mut seed) = std::env::var("KENSA_CIPHER_FUZZ")
        .ok()
        .and_then(|v| {
            let (n, s) = v.split_once(',')?;
            Some((n.parse().ok()?, s.parse().ok()?))
        })
        .unwrap_or((150usize, 0x6b656e7361u64));
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut failures = Vec::new();
    for _ in 0..count {
        let mut items = Vec::new();
        for _ in 0..1 + next(6) {
            let mut item = OPS[next(OPS.len())].to_string();
            item.push_str(WORDS[next(WORDS.len())]);
            if next(4) == 0 {
                item.push('+');
                item.push_str(WORDS[next(WORDS.len())]);
            }
            items.push(item);
        }
        match next(6) {
            0 => items.push("@STRENGTH".into()),
            1 => items.push(format!("@SECLEVEL={}", next(6))),
            _ => {}
        }
        let mut s = String::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                s.push_str(SEPS[next(SEPS.len())]);
            }
            s.push_str(item);
        }
        let with_level = if s.contains("@SECLEVEL=") { s.clone() } else { format!("{s}:@SECLEVEL=2") };
        let want = openssl(&["-s", "-psk", "-srp"], &with_level);
        let got = expand_openssl30(&s, 2).ok().map(|e| e.suites);
        if want != got {
            failures.push(format!("{s:?}\n  openssl: {}\n  kensa:   {}", fmt(&want), fmt(&got)));
        }
        check_legacy_is_only_added(&s, 2, &mut failures);
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// Legacy cipher-string words: what an appliance's OpenSSL 1.0.x/1.1.x offers for them, never
/// what this machine's OpenSSL 3 does. Membership from OpenSSL 1.0.2's `ssl3_ciphers`
/// (ssl/s3_lib.c, OpenSSL_1_0_2-stable) and OpenSSL 1.1.1's ciphers(1) (doc/man1/ciphers.pod,
/// OpenSSL_1_1_1-stable): `3DES` = triple-DES suites, `RC4`, `IDEA`, `SEED` = those ciphers,
/// `DES` and `LOW` = single (56-bit) DES, `EXP`/`EXPORT` = the 40-bit export suites, `MD5` =
/// suites with an MD5 MAC. (`MEDIUM`, a strength class like `HIGH`, keeps OpenSSL 3.0's
/// meaning and adds none of them.)
#[test]
fn legacy_words_select_the_suites_openssl_1x_offers() {
    // (string, legacy suites expected). Compared as sets: without a 1.0.2 binary to compare
    // with, the order among legacy suites is not asserted (TLS003 judges presence).
    let cases: &[(&str, &[u16])] = &[
        ("DES-CBC3-SHA", &[0x000A]),
        ("RC4-SHA:RC4-MD5", &[0x0004, 0x0005]),
        ("IDEA-CBC-SHA", &[0x0007]),
        ("SEED-SHA", &[0x0096]),
        ("DES-CBC-SHA", &[0x0009]),
        ("EXP-RC4-MD5:EXP-DES-CBC-SHA", &[0x0003, 0x0008]),
        // 1.0.2's names for the DHE 3DES suites and 1.1.1's
        ("EDH-RSA-DES-CBC3-SHA:DHE-DSS-DES-CBC3-SHA", &[0x0013, 0x0016]),
        ("kRSA+3DES", &[0x000A]),
        ("ECDHE+3DES:!aNULL", &[0xC008, 0xC012]),
        // RSA = kRSA+aRSA: the export RC4 suite too, as 1.0.2 lists it
        ("HIGH:!aNULL:RC4+RSA", &[0x0003, 0x0004, 0x0005]),
        ("HIGH:SEED:!aNULL:!PSK:!SRP", &[0x0096, 0x0099, 0x009A]),
        // DES = the DES cipher, export DES40 included
        ("HIGH:DES+kRSA", &[0x0008, 0x0009]),
        ("HIGH:EXPORT+kRSA", &[0x0003, 0x0006, 0x0008]),
        ("HIGH:LOW:!aNULL:!DSS", &[0x0009, 0x0015]),
        ("HIGH:MD5:!aNULL:!eNULL", &[0x0003, 0x0004, 0x0006]),
    ];
    let mut failures = Vec::new();
    for &(s, want) in cases {
        let e = expand(s).unwrap_or_else(|err| panic!("{s}: {err}"));
        let mut got = e.legacy_suites.clone();
        got.sort_unstable();
        if got != want {
            failures.push(format!("{s:?}: got {got:04X?}, want {want:04X?}"));
        }
        if !e.legacy_suites.iter().all(|c| e.suites.contains(c)) || !e.unknown_tokens.is_empty() {
            failures.push(format!("{s:?}: legacy suites not in the list, or unknown words {:?}", e.unknown_tokens));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Broad words keep OpenSSL 3.0's meaning, exclusions reach legacy suites, and the
/// exclusion-only strings common in real configs add nothing.
#[test]
fn legacy_suites_only_when_asked_for() {
    for s in [
        "HIGH:!aNULL:!MD5",
        "ALL:!aNULL",
        "DEFAULT",
        "HIGH:MEDIUM:!MD5:!RC4:!3DES:!SEED:!IDEA",
        "HIGH:MEDIUM:!aNULL:!MD5",
        "ALL:!ADH:!EXPORT:!LOW:!RC2:!3DES:!SEED:!RC4:!IDEA:+HIGH:+MEDIUM",
        "RC4-SHA:DES-CBC3-SHA:HIGH:!MEDIUM",
        "3DES:-3DES:HIGH",
        "EECDH+AESGCM:EDH+AESGCM:!3DES:!RC4:!DES:!EXP",
    ] {
        let e = expand(s).unwrap();
        assert!(e.legacy_suites.is_empty(), "{s}: {:04X?}", e.legacy_suites);
    }
    // Legacy suites are offered whatever kensa's assumed security level (1.0.x has none) ...
    assert_eq!(expand("HIGH:RC4-MD5").unwrap().legacy_suites, [0x0004]);
    // ... but a string that sets @SECLEVEL is filtered as OpenSSL 1.1.x would.
    assert!(expand("HIGH:RC4-MD5:@SECLEVEL=1").unwrap().legacy_suites.is_empty());
    // OpenSSL 3.0 alone finds nothing in `3DES`; the device does.
    assert!(expand_openssl30("3DES", 2).is_err());
    // 3DES: the 14 triple-DES suites of the legacy table (RSA, DHE, ADH, PSK, ECDHE, AECDH, SRP).
    assert_eq!(expand("3DES").unwrap().suites.len(), 14);
}
