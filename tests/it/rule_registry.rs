//! The rule registry's contract: every rule TOML has one check function and vice versa,
//! both languages everywhere, bad and good examples that really fire / stay quiet (their
//! findings' messages, in both languages, with every placeholder filled), and every
//! clause 13-1..13-13 is covered by a rule or marked manual.

use kensa::formats::{parse_path, parse_text, Format};
use kensa::i18n::Lang;
use kensa::model::{
    Certificate, CertificateFacts, CertificateState, ChainTrust, ClientAuth, Model, Origin, PresentedChain, Setting, TlsEndpoint, TlsRole, TlsService,
    TlsVersion, TrustStore,
};
use kensa::policy::TlsPolicy;
use kensa::rules::registry::{self, CHECKS};
use kensa::rules::{Engine, Finding, Selection};
use std::path::Path;

/// 2026-12-01, so certificate fixtures judge the same on every day.
const NOW: i64 = 1_796_083_200;

/// Clauses of chapter 13 that no configuration can show (requirements.md, source M).
const MANUAL_CLAUSES: &[&str] = &["13-1", "13-3", "13-7"];

fn engine_for(code: &str) -> Engine {
    let mut e = Engine::new(TlsPolicy::builtin(), NOW);
    e.selection = Selection {
        select: vec![code.to_string()],
        ignore: vec![],
    };
    e.advisories = with_kev_copy();
    e
}

/// The shipped advisory table with a KEV copy newer than it (a fixture that lists a
/// synthetic FortiOS entry), so the rules that read a downloaded copy (NET005) have runnable
/// examples too.
fn with_kev_copy() -> std::sync::Arc<kensa::advisories::AdvisoryTable> {
    use kensa::advisories::{kev, AdvisoryTable};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kev/catalog-2026-11-20.json");
    let catalog = kev::parse_catalog(&std::fs::read(path).unwrap()).unwrap();
    let feed = kev::keep(&catalog, "fixture", "2026-11-21T00:00:00Z");
    std::sync::Arc::new(AdvisoryTable::bundled().with_feed(&feed).expect("the fixture is newer than the table"))
}

#[test]
fn every_rule_has_metadata_and_a_check_function() {
    let rules = registry::all();
    assert!(!rules.is_empty());
    for r in rules {
        if r.meta.family == "CFG" {
            continue; // engine-level rules (waivers) have no model check
        }
        assert!(r.check.is_some(), "rules/{}.toml has no check function in registry::CHECKS", r.meta.code);
    }
    for (code, _) in CHECKS {
        assert!(registry::find(code).is_some(), "check function {code} has no rules/{code}.toml");
    }
    let mut codes: Vec<&str> = CHECKS.iter().map(|(c, _)| *c).collect();
    let n = codes.len();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), n, "a code is registered twice");
}

#[test]
fn every_rule_speaks_both_languages() {
    for r in registry::all() {
        let m = r.meta;
        assert!(m.code.starts_with(&m.family), "{}: code does not start with family {}", m.code, m.family);
        for (what, t) in [("title", &m.title), ("message", &m.message), ("why", &m.why), ("fix", &m.fix)] {
            assert!(!t.ja.trim().is_empty(), "{}: {what}.ja is empty", m.code);
            assert!(!t.en.trim().is_empty(), "{}: {what}.en is empty", m.code);
            assert!(t.ja.chars().any(|c| c as u32 > 0x3000), "{}: {what}.ja has no Japanese text", m.code);
        }
        assert!(!m.clauses.is_empty(), "{}: no clause", m.code);
        for c in &m.clauses {
            let ok = c.split_once('-').is_some_and(|(a, b)| a.parse::<u8>().is_ok() && b.parse::<u8>().is_ok());
            assert!(ok, "{}: clause {c:?} is not of the form 13-6", m.code);
        }
        assert!(
            m.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}: name must be kebab-case",
            m.code
        );
    }
}

#[test]
fn every_chapter_13_clause_is_checked_or_manual() {
    for n in 1..=13 {
        let clause = format!("13-{n}");
        let covered = registry::all().iter().any(|r| r.meta.family != "CFG" && r.meta.clauses.contains(&clause));
        assert!(
            covered || MANUAL_CLAUSES.contains(&clause.as_str()),
            "clause {clause} has no rule and is not marked manual"
        );
    }
}

/// Rules about what only a live probe can observe (no config format states it): their TOML
/// examples have format "probe" and are documentation. Their runnable cases are these
/// endpoints, built here through the public model API as the probe would describe them:
/// (code, bad model, good model).
fn probe_only_cases() -> Vec<(&'static str, Model, Model)> {
    fn probed(f: impl Fn(&mut TlsEndpoint)) -> Model {
        let target = "127.0.0.1:8443";
        let o = Origin::probe(target, "probe 127.0.0.1:8443");
        let versions = Setting::explicit(vec![TlsVersion::Tls12, TlsVersion::Tls13], o.with_evidence("versions accepted: TLS1.2 TLS1.3"));
        let mut ep = TlsEndpoint::new(target.to_string(), TlsRole::Server, TlsService::Http, o, versions);
        f(&mut ep);
        Model {
            tls_endpoints: vec![ep],
            ..Model::default()
        }
    }
    let at = |evidence: &str| Origin::probe("127.0.0.1:8443", evidence);
    vec![
        (
            "TLS010",
            probed(|ep| ep.client_auth = Some(Setting::explicit(ClientAuth::Unknown, at("client certificate: no decisive answer")))),
            probed(|ep| ep.client_auth = Some(Setting::explicit(ClientAuth::Required, at("client certificate: required")))),
        ),
        (
            "TLS019",
            probed(|ep| ep.compression = Some(Setting::explicit(true, at("compression methods accepted: DEFLATE")))),
            probed(|ep| ep.compression = Some(Setting::explicit(false, at("compression methods accepted: null")))),
        ),
        (
            "TLS020",
            probed(|ep| ep.secure_renegotiation = Some(Setting::explicit(false, at("ServerHello without renegotiation_info")))),
            probed(|ep| ep.secure_renegotiation = Some(Setting::explicit(true, at("renegotiation_info present")))),
        ),
        (
            "TLS023",
            probed(|ep| ep.chains.push(chain(|c| c.trust = ChainTrust::SelfSigned { store: system_store() }))),
            probed(|ep| ep.chains.push(chain(|c| c.trust = ChainTrust::Trusted { store: system_store() }))),
        ),
        (
            "TLS025",
            probed(|ep| ep.chains.push(chain(|c| c.name_matches = Some(false)))),
            probed(|ep| ep.chains.push(chain(|_| {}))),
        ),
        (
            "TLS027",
            probed(|ep| ep.chains.push(chain(|_| {}))),
            probed(|ep| ep.chains.push(chain(|c| c.trust = ChainTrust::Trusted { store: system_store() }))),
        ),
        (
            "TLS026",
            probed(|ep| ep.chains.push(chain(|c| c.in_order = Some(false)))),
            probed(|ep| ep.chains.push(chain(|_| {}))),
        ),
    ]
}

fn system_store() -> TrustStore {
    TrustStore {
        path: "/etc/ssl/certs/ca-certificates.crt".into(),
        system: true,
    }
}

/// A probed chain of one leaf for portal.hospital.example, in order, name matching, trust
/// undecided; `f` makes it bad in one way.
fn chain(f: impl Fn(&mut PresentedChain)) -> PresentedChain {
    let o = Origin::probe("127.0.0.1:8443", "chain of 1 presented in the TLS1.3 handshake");
    let facts = CertificateFacts {
        subject: "CN=portal.hospital.example".into(),
        issuer: "CN=portal.hospital.example".into(),
        san: vec!["portal.hospital.example".into()],
        key_type: "EC".into(),
        key_bits: 256,
        signature: "ecdsa-with-SHA256".into(),
        not_before: NOW - 86_400,
        not_after: NOW + 90 * 86_400,
        self_signed: true,
        factory_default: false,
    };
    let mut c = PresentedChain {
        origin: o.clone(),
        certificates: vec![Certificate {
            origin: o,
            file: None,
            state: CertificateState::Loaded(facts),
        }],
        checked_name: "portal.hospital.example".into(),
        sni_sent: true,
        name_matches: Some(true),
        in_order: Some(true),
        trust: ChainTrust::Unknown { reason: "not judged".into() },
    };
    f(&mut c);
    c
}

/// Runs one rule over an example or fixture; returns its findings and how many subjects it
/// judged.
fn findings_of(code: &str, input: kensa::formats::ParsedInput) -> (Vec<Finding>, u32) {
    let (findings, coverage) = engine_for(code).check_covered(&input.model);
    (findings.into_iter().filter(|f| f.rule == code).collect(), coverage.examined(code).unwrap_or(0))
}

/// Every `{placeholder}` a finding's message leaves without a value, in either language.
fn unfilled_in(findings: &[Finding], case: &str, problems: &mut Vec<String>) {
    for f in findings {
        for lang in [Lang::Ja, Lang::En] {
            let missing = f.unfilled(lang);
            if !missing.is_empty() {
                problems.push(format!(
                    "{}: {case}: the {lang:?} message leaves {missing:?} unfilled: {}",
                    f.rule,
                    f.message(lang)
                ));
            }
        }
    }
}

fn fixture_dir(code: &str, kind: &str) -> Option<std::path::PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules").join(code).join(kind);
    p.is_dir().then_some(p)
}

fn lint_dir(code: &str, dir: &Path) -> (Vec<Finding>, u32) {
    let mut total = (Vec::new(), 0);
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if !p.is_file() || !kensa::formats::detect::plausible(&p) {
            continue;
        }
        let forced = p
            .extension()
            .and_then(|e| e.to_str())
            .and_then(|e| <Format as clap::ValueEnum>::from_str(e, true).ok());
        let input = parse_path(&p, &p.to_string_lossy(), forced, NOW);
        assert!(input.error().is_none(), "{code}: fixture {} does not parse: {:?}", p.display(), input.error());
        let (found, examined) = findings_of(code, input);
        total.0.extend(found);
        total.1 += examined;
    }
    total
}

#[test]
fn bad_examples_fire_and_good_examples_stay_quiet() {
    let mut problems = Vec::new();
    let probe_cases = probe_only_cases();
    for (code, _, _) in &probe_cases {
        if registry::find(code).is_none() {
            problems.push(format!("probe_only_cases() names {code}, which is not a rule"));
        }
    }
    for r in registry::all() {
        let code = r.meta.code.as_str();
        if r.check.is_none() {
            continue;
        }
        let (mut bad_cases, mut good_cases) = (0, 0);
        let mut examined_any = false;
        for ex in &r.meta.examples {
            let Ok(format) = <Format as clap::ValueEnum>::from_str(&ex.format, true) else {
                // Documentation-only examples, each run through another path below:
                // probe → probe_only_cases(), x509 → tests/fixtures/rules/<CODE>/ (kensa-toml
                // examples belong to engine-level rules, skipped above). Any other word is a
                // typo that would never run.
                let runs_elsewhere = match ex.format.as_str() {
                    "probe" => true,
                    "x509" => fixture_dir(code, ex.kind.as_str()).is_some(),
                    _ => false,
                };
                if !runs_elsewhere {
                    problems.push(format!("{code}: {} example has format {:?}, which nothing runs", ex.kind, ex.format));
                }
                continue;
            };
            let input = parse_text(format, &format!("{code}-{}.conf", ex.kind), &ex.text);
            if let Some(e) = input.error() {
                problems.push(format!("{code}: {} example does not parse: {:?}", ex.kind, e));
                continue;
            }
            let (found, examined) = findings_of(code, input);
            let n = found.len();
            // A finding on a subject the rule did not record as judged means the rule
            // misses `cx.examined()`, which the compliance report's "met" rests on.
            if examined == 0 && n > 0 {
                problems.push(format!(
                    "{code}: {} {} example: findings, but the rule judged nothing (cx.examined() not called)",
                    ex.kind, ex.format
                ));
            }
            examined_any |= examined > 0;
            match ex.kind.as_str() {
                "bad" => {
                    bad_cases += 1;
                    unfilled_in(&found, &format!("bad {} example", ex.format), &mut problems);
                    if n == 0 {
                        problems.push(format!("{code}: bad {} example produces no finding", ex.format));
                    }
                }
                "good" => {
                    good_cases += 1;
                    if n != 0 {
                        problems.push(format!("{code}: good {} example produces {n} finding(s)", ex.format));
                    }
                }
                other => problems.push(format!("{code}: example kind {other:?}")),
            }
        }
        if let Some(dir) = fixture_dir(code, "bad") {
            bad_cases += 1;
            let (found, examined) = lint_dir(code, &dir);
            unfilled_in(&found, "bad fixture", &mut problems);
            examined_any |= examined > 0;
            if found.is_empty() {
                problems.push(format!("{code}: fixture {} produces no finding", dir.display()));
            }
        }
        if let Some(dir) = fixture_dir(code, "good") {
            good_cases += 1;
            let (found, examined) = lint_dir(code, &dir);
            let n = found.len();
            examined_any |= examined > 0;
            if n != 0 {
                problems.push(format!("{code}: fixture {} produces {n} finding(s)", dir.display()));
            }
        }
        let probe_only = !r.meta.examples.is_empty() && r.meta.examples.iter().all(|e| e.format == "probe");
        let hand_built = probe_cases.iter().find(|(c, _, _)| *c == code);
        match (probe_only, hand_built) {
            (true, Some((_, bad, good))) => {
                bad_cases += 1;
                good_cases += 1;
                let found: Vec<Finding> = engine_for(code).check(bad).into_iter().filter(|f| f.rule == code).collect();
                unfilled_in(&found, "hand-built bad probe model", &mut problems);
                if found.is_empty() {
                    problems.push(format!("{code}: hand-built bad probe model produces no finding"));
                }
                let n = engine_for(code).check(good).iter().filter(|f| f.rule == code).count();
                if n != 0 {
                    problems.push(format!("{code}: hand-built good probe model produces {n} finding(s)"));
                }
            }
            (true, None) => problems.push(format!("{code}: all examples are format \"probe\" but probe_only_cases() has no models for it")),
            (false, Some(_)) => problems.push(format!("{code}: has config examples; remove it from probe_only_cases()")),
            (false, None) => {}
        }
        if !examined_any && !probe_only {
            problems.push(format!("{code}: judged nothing in any of its examples (cx.examined() not called)"));
        }
        if bad_cases == 0 || good_cases == 0 {
            problems.push(format!(
                "{code}: needs a runnable bad and good case (examples or tests/fixtures/rules/{code}/{{bad,good}}/) — has {bad_cases} bad, {good_cases} good"
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
