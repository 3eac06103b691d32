//! Citrix NetScaler ADC / Gateway: verdicts on inputs in the vendor's real syntax (issue 22).
//! `ns.conf` saves only what differs from the defaults, so most verdicts rest on Citrix's
//! documented defaults (docs/vendor-defaults.md, "Citrix NetScaler").

use kensa::formats::{detect::detect, parse_text, Format};
use kensa::model::{ClientAuth, Product, SecretStorage, TlsVersion};
use kensa::policy::TlsPolicy;
use kensa::rules::{Engine, Finding};

const NOW: i64 = 1_796_083_200;
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(rel: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{rel}")).unwrap()
}

fn findings(text: &str) -> Vec<Finding> {
    let input = parse_text(Format::Netscaler, "ns.conf", text);
    Engine::new(TlsPolicy::builtin(), NOW).check(&input.model)
}

/// (rule, subject) of every finding, sorted.
fn verdicts(text: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = findings(text).into_iter().map(|f| (f.rule.to_string(), f.subject.to_string())).collect();
    v.sort();
    v
}

fn rules(text: &str) -> Vec<String> {
    let mut r: Vec<String> = verdicts(text).into_iter().map(|(r, _)| r).collect();
    r.dedup();
    r
}

#[test]
fn samples_and_the_real_config_are_detected_as_netscaler() {
    for rel in [
        "samples/netscaler/bad.conf",
        "samples/netscaler/good.conf",
        "tests/fixtures/netscaler/default-ssl-profile-script.conf",
    ] {
        let path = std::path::PathBuf::from(format!("{ROOT}/{rel}"));
        assert_eq!(detect(&path, &read(rel)), Some(Format::Netscaler), "{rel}");
    }
    // Without the `#NS` header, NetScaler's own commands still decide.
    let headless = "set ns config -IPAddress 10.0.0.5 -netmask 255.255.255.0\nenable ns feature LB SSL\nadd lb vserver web SSL 10.0.0.20 443\n";
    assert_eq!(detect(std::path::Path::new("running.txt"), headless), Some(Format::Netscaler));
    // A Cisco IOS config is not NetScaler's.
    let ios = read("samples/cisco-ios/bad.conf");
    assert_ne!(detect(std::path::Path::new("router.conf"), &ios), Some(Format::Netscaler));
}

/// The bad sample: a 13.1-49.13 Gateway (Citrix Bleed and later KEV rows), TLS and
/// management left at their defaults, SNMP `public`, no syslog or NTP.
#[test]
fn bad_sample_gets_every_expected_finding() {
    let r = rules(&read("samples/netscaler/bad.conf"));
    for code in [
        "MGMT001", "MGMT003", "MGMT004", "MGMT005", "MGMT006", "MGMT007", "MGMT008", "NET001", "TLS001", "TLS002", "TLS003", "TLS004", "TLS007", "VPN011",
        "VPN015", "VPN017",
    ] {
        assert!(r.contains(&code.to_string()), "{code} missing from {r:?}");
    }
    let v = verdicts(&read("samples/netscaler/bad.conf"));
    let net001: Vec<&str> = v.iter().filter(|(r, _)| r == "NET001").map(|(_, s)| s.as_str()).collect();
    assert!(net001.iter().any(|s| s.contains("CVE-2023-4966")), "{net001:?}");
    // Telnet, FTP and HTTP on the NSIP by default, each said as the default it is.
    let f = findings(&read("samples/netscaler/bad.conf"));
    let telnet = f
        .iter()
        .find(|f| f.rule == "MGMT003" && f.subject.contains("NSIP") && f.subject.contains("telnet"))
        .unwrap();
    assert!(
        telnet.origin.evidence.contains("-telnet not set: NetScaler default ENABLED"),
        "{}",
        telnet.origin.evidence
    );
}

/// The hardened sample: TLS 1.3 only with mandatory client certificates on the Gateway,
/// RADIUS as second factor, management restricted by ACLs, SNMPv3, syslog, NTP. What is
/// left: nsroot's well-known name (it cannot be renamed) and the SSL-VPN note.
#[test]
fn good_sample_is_clean_but_for_what_config_cannot_change() {
    assert_eq!(
        verdicts(&read("samples/netscaler/good.conf")),
        [
            ("MGMT005".to_string(), "admin nsroot".to_string()),
            ("VPN102".to_string(), "NetScaler vpn vserver GW_REMOTE (203.0.113.20:443)".to_string())
        ]
    );
}

/// NetScaler's own sample ns.conf (netscaler/default-ssl-profile-script): SSL vservers in
/// legacy mode, some with profiles (`legacy_1`: TLS 1.0/1.1 off, TLS 1.3 on, client
/// certificates optional), v4 with only `-dtls1 DISABLED` (every default protocol on).
#[test]
fn netscalers_own_sample_config() {
    let text = read("tests/fixtures/netscaler/default-ssl-profile-script.conf");
    let input = parse_text(Format::Netscaler, "ns.conf", &text);
    let m = &input.model;
    // Every line is NetScaler's own: commands of modules kensa does not judge are known.
    assert_eq!(input.unrecognized_lines, 0);
    let fw = &m.firmware[0];
    assert_eq!((fw.product, fw.version.as_str()), (Product::NetScaler, "13.1-37.29"));
    let ep = |name: &str| m.tls_endpoints.iter().find(|e| e.subject.contains(&format!("vserver {name} "))).unwrap();
    // v4: legacy defaults, SSLv3 included.
    assert_eq!(
        ep("v4").versions.value,
        [TlsVersion::Ssl3, TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12]
    );
    assert_eq!(ep("v2").client_auth.as_ref().unwrap().value, ClientAuth::Optional);
    // nsroot's 129-digit hash without -hashmethod is the salted SHA-512 form.
    assert_eq!(
        m.secrets.iter().find(|s| s.subject.contains("nsroot")).unwrap().storage,
        SecretStorage::StrongHash
    );
    let r = rules(&text);
    for code in ["TLS001", "TLS008", "MGMT003", "MGMT007", "MGMT008"] {
        assert!(r.contains(&code.to_string()), "{code} missing from {r:?}");
    }
    // No Gateway or AAA vserver: no advisory applies, however old the build.
    assert!(!r.contains(&"NET001".to_string()), "{r:?}");
}

/// NET001: Citrix Bleed applies to a Gateway below the fixed build, not to the fixed build,
/// not to an appliance without a Gateway or AAA vserver; FIPS builds are their own product.
#[test]
fn advisories_follow_build_and_gateway() {
    let cves = |text: &str| -> Vec<String> {
        let mut v: Vec<String> = findings(text)
            .into_iter()
            .filter(|f| f.rule == "NET001")
            .map(|f| f.subject.rsplit('(').next().unwrap_or("").trim_end_matches(')').to_string())
            .collect();
        v.sort();
        v
    };
    let gw = "add vpn vserver gw SSL 203.0.113.20 443\n";
    assert!(cves(&format!("#NS13.1 Build 49.13\n{gw}")).contains(&"CVE-2023-4966".to_string()));
    assert!(!cves(&format!("#NS13.1 Build 49.15\n{gw}")).contains(&"CVE-2023-4966".to_string()));
    assert!(cves("#NS13.1 Build 49.13\nadd lb vserver web SSL 10.0.0.20 443\n").is_empty());
    // An AAA vserver is exposed as a Gateway is.
    assert!(cves("#NS14.1 Build 8.40\nadd authentication vserver aaa SSL 10.0.0.30 443\n").contains(&"CVE-2023-4966".to_string()));
    assert!(cves(&format!("#NS14.1 Build 47.48\n{gw}")).is_empty());
    // 13.1-37.176 is a FIPS build: fixed for Citrix Bleed (37.164), not for CVE-2025-6543.
    assert_eq!(cves(&format!("#NS13.1 Build 37.176\n{gw}")), ["CVE-2025-6543"]);
}

#[test]
fn quoted_values_and_profiles_are_read() {
    let text = "#NS14.1 Build 47.48\n\
        set ssl parameter -defaultProfile ENABLED\n\
        add ssl profile \"Hospital Web\" -tls1 DISABLED -tls11 DISABLED -tls13 ENABLED\n\
        add lb vserver \"EMR portal\" SSL 10.0.0.20 443\n\
        set ssl vserver \"EMR portal\" -sslProfile \"Hospital Web\"\n\
        add lb vserver other SSL 10.0.0.21 443\n";
    let input = parse_text(Format::Netscaler, "ns.conf", text);
    let eps = &input.model.tls_endpoints;
    assert_eq!(eps[0].versions.value, [TlsVersion::Tls12, TlsVersion::Tls13]);
    // The default front-end profile: SSLv3 off, TLS 1.0-1.2 on.
    assert_eq!(eps[1].versions.value, [TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12]);
    assert_eq!(input.unrecognized_lines, 0);
}

#[test]
fn cipher_groups_expand_and_builtin_groups_are_not_judged() {
    let text = "add lb vserver web SSL 10.0.0.20 443\n\
        set ssl vserver web -ssl3 DISABLED -tls1 DISABLED -tls11 DISABLED\n\
        add ssl cipher HOSP\n\
        bind ssl cipher HOSP -cipherName TLS1.2-ECDHE-RSA-AES256-GCM-SHA384\n\
        bind ssl cipher HOSP -cipherName TLS1.2-AES128-SHA256\n\
        bind ssl vserver web -cipherName HOSP\n\
        bind ssl vserver web -cipherName HIGH\n";
    let input = parse_text(Format::Netscaler, "ns.conf", text);
    let ep = &input.model.tls_endpoints[0];
    assert_eq!(ep.cipher_suites.get(&TlsVersion::Tls12).unwrap().value.len(), 2);
    assert!(
        input.diagnostics.iter().any(|d| format!("{:?}", d.kind).contains("HIGH")),
        "{:?}",
        input.diagnostics
    );
    let r = rules(text);
    assert!(r.contains(&"TLS004".to_string()), "{r:?}");
}

#[test]
fn management_switches_and_acls() {
    let text = "set ns config -IPAddress 192.168.10.5 -netmask 255.255.255.0\n\
        set ns ip 192.168.10.5 -telnet DISABLED -ftp DISABLED -gui SECUREONLY\n\
        add ns acl A1 ALLOW -srcIP = 192.168.99.10-192.168.99.20 -destIP = 192.168.10.5 -priority 10\n\
        add ns acl A2 DENY -destIP = 192.168.10.5 -priority 100\n";
    let input = parse_text(Format::Netscaler, "ns.conf", text);
    let protos: Vec<String> = input.model.mgmt_services.iter().map(|m| format!("{:?}", m.protocol)).collect();
    assert_eq!(protos, ["Ssh", "Https"]);
    let r = rules(text);
    assert!(!r.contains(&"MGMT001".to_string()) && !r.contains(&"MGMT003".to_string()), "{r:?}");
}

/// Secrets in every NetScaler position never reach the model, a diagnostic or a finding's
/// text in either language (the CLI in every output format: `secrets_canary`).
#[test]
fn netscaler_secrets_never_leave_the_parser() {
    const C: &str = "KENSA-CANARY-ns-4d2";
    let text = format!(
        "#NS13.1 Build 49.13\n\
         set system user nsroot {C} -encrypted -hashmethod SHA512\n\
         add system user ops {C}\n\
         add snmp community {C} ALL\n\
         add snmp trap generic 10.0.0.9 -communityName {C}\n\
         add authentication radiusAction r1 -serverIP 10.0.0.5 -radKey {C}\n\
         set ns encryptionParams -method AES256 -keyValue {C} -encrypted -encryptmethod ENCMTHD_3 -kek\n\
         add frobnicate thing -password {C}\n\
         add unknown \"{C}\n"
    );
    let input = parse_text(Format::Netscaler, "ns.conf", &text);
    let shown = format!("{:?}{:?}", input.model, input.diagnostics);
    assert!(!shown.contains(C), "{shown}");
    for f in Engine::new(TlsPolicy::builtin(), NOW).check(&input.model) {
        for lang in [kensa::i18n::Lang::En, kensa::i18n::Lang::Ja] {
            let said = format!("{} {} {}", f.subject, f.message(lang), f.origin.evidence_in(lang));
            assert!(!said.contains(C), "{said}");
        }
    }
    // The plaintext ones are really judged (not skipped).
    let r = rules(&text);
    assert!(r.contains(&"MGMT004".to_string()) && r.contains(&"MGMT005".to_string()), "{r:?}");
}

/// No `set system user nsroot PASSWORD` line: Citrix's documented default password applies
/// (its reset procedure removes exactly that line). A written hash is not the default.
#[test]
fn nsroot_without_a_password_line_keeps_the_factory_password() {
    let text = "#NS13.1 Build 59.19\nset ns config -IPAddress 10.0.0.5 -netmask 255.255.255.0\nset system user nsroot -externalAuth DISABLED\n";
    let f = findings(text);
    let factory = f
        .iter()
        .find(|f| f.rule == "MGMT005" && &*f.subject == "NetScaler system user nsroot")
        .expect("factory password");
    assert!(
        factory.origin.evidence.contains("set system user nsroot PASSWORD not set"),
        "{}",
        factory.origin.evidence
    );
    assert!(!f.iter().any(|f| f.rule == "MGMT004"), "the default is not stored in the file");
    let hashed = "#NS13.1 Build 59.19\nset system user nsroot 5eedf36339877ce962ba444554975ddc67543a4ee93e2c1f6b00dd162f0b7b76b65af4aa7b2e284571673a37999a45b6d15dabe3ab3f70671096b731e7284043d -encrypted -hashmethod SHA512\n";
    assert!(!findings(hashed).iter().any(|f| &*f.subject == "NetScaler system user nsroot"));
}

/// AAA (Gateway local) users' passwords are secrets as system users' are.
#[test]
fn aaa_user_passwords_are_secrets() {
    let input = parse_text(
        Format::Netscaler,
        "ns.conf",
        "add aaa user doctor1 -password Tanaka2024\nadd aaa user doctor2 -password 6f1c2d -encrypted -encryptmethod ENCMTHD_3\n",
    );
    let storage: Vec<SecretStorage> = input
        .model
        .secrets
        .iter()
        .filter(|s| s.subject.contains("AAA user"))
        .map(|s| s.storage)
        .collect();
    assert_eq!(storage, [SecretStorage::Plaintext, SecretStorage::DeviceEncrypted]);
}

/// `-snmp DISABLED` on the only management address: communities answer nobody.
#[test]
fn snmp_disabled_on_the_nsip_answers_nobody() {
    let base = "set ns config -IPAddress 10.0.0.5 -netmask 255.255.255.0\nadd snmp community hospital-ro ALL\n";
    let on = findings(base);
    assert!(on.iter().any(|f| f.rule == "MGMT003" && f.subject.contains("SNMP")));
    let off = findings(&format!("{base}set ns ip 10.0.0.5 -snmp DISABLED\n"));
    assert!(!off.iter().any(|f| f.rule == "MGMT003" && f.subject.contains("SNMP")));
}
