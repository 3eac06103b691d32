//! Palo Alto PAN-OS: verdicts on inputs in the vendor's real syntax (issue 22): `set`
//! commands and the running-config XML, the samples, real public configurations (Batfish's
//! parser tests, Palo Alto's iron-skillet template), the advisory rows, detection beside the
//! other XML format, and secrets that never reach any output.

use crate::router_support::judged;
use kensa::formats::{detect::detect, parse_text, Format};
use kensa::rules::Severity;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(rel)).unwrap()
}

/// Sorted, deduplicated rule codes of every finding on `text`.
fn codes(text: &str) -> Vec<String> {
    let input = parse_text(Format::Panos, "t.conf", text);
    let mut c: Vec<String> = judged(&input.model).into_iter().map(|f| f.0).collect();
    c.sort();
    c.dedup();
    c
}

fn has(all: &[String], code: &str) -> bool {
    all.iter().any(|c| c == code)
}

#[test]
fn samples_and_real_configs_are_detected_as_panos() {
    for rel in [
        "samples/panos/bad.conf",
        "samples/panos/good.xml",
        "tests/fixtures/panos/batfish-mgmt-iface.conf",
        "tests/fixtures/panos/batfish-ike-crypto-profiles.conf",
        "tests/fixtures/panos/batfish-ignored-lines.conf",
        "tests/fixtures/panos/batfish-log-settings-syslog.conf",
        "tests/fixtures/panos/iron-skillet-full.xml",
        "tests/fixtures/panos/iron-skillet-set.conf",
    ] {
        let text = read(rel);
        assert_eq!(detect(Path::new(rel), &text), Some(Format::Panos), "{rel}");
    }
}

/// PAN-OS XML and Windows WLAN profiles are both XML: neither takes the other, and XML
/// from other programs stays nobody's.
#[test]
fn xml_detection_keeps_to_its_own_vocabulary() {
    let wlan = read("samples/windows-wlan/HOSP-STAFF-eaptls-good.xml");
    assert_eq!(detect(Path::new("x.xml"), &wlan), Some(Format::WlanXml));
    let pan = read("samples/panos/good.xml");
    assert_eq!(detect(Path::new("x.xml"), &pan), Some(Format::Panos));
    let maven = read("tests/fixtures/foreign/settings.xml");
    assert_eq!(detect(Path::new("settings.xml"), &maven), None);
    // A `<config>` element alone is not PAN-OS.
    assert_eq!(
        detect(Path::new("c.xml"), "<?xml version=\"1.0\"?>\n<config>\n  <item>1</item>\n</config>\n"),
        None
    );
    // JunOS `set` lines are not PAN-OS `set` lines.
    let junos = "set system host-name r1\nset interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24\nset security ike proposal p1 authentication-method pre-shared-keys\n";
    assert_ne!(detect(Path::new("r.conf"), junos), Some(Format::Panos));
}

/// The bad sample: everything an auditor expects, each from its line.
#[test]
fn bad_sample_gives_the_expected_findings() {
    let c = codes(&read("samples/panos/bad.conf"));
    for code in [
        "NET001", "MGMT001", "MGMT002", "MGMT003", "MGMT004", "MGMT005", "MGMT006", "MGMT007", "MGMT008", "NET002", "VPN001", "VPN002", "VPN003", "VPN004",
        "VPN006", "VPN009", "VPN011", "VPN015", "VPN017", "TLS001", "TLS007",
    ] {
        assert!(has(&c, code), "{code} missing: {c:?}");
    }
}

/// The good sample (XML): only the notice that an SSL-VPN runs.
#[test]
fn good_sample_is_clean_but_for_the_ssl_vpn_notice() {
    assert_eq!(codes(&read("samples/panos/good.xml")), ["VPN102"]);
}

/// The same settings as `set` lines and as XML give the same verdicts.
#[test]
fn set_and_xml_are_one_format() {
    let set = "set deviceconfig system hostname fw\nset deviceconfig system ip-address 10.0.0.5\nset deviceconfig system service disable-telnet no\nset network ike gateway gw protocol ikev1 exchange-mode aggressive\nset network ike gateway gw authentication pre-shared-key key -AQ==x\nset network ike gateway gw peer-address ip 198.51.100.2\nset network ike crypto-profiles ike-crypto-profiles default encryption [ aes-128-cbc 3des ]\nset network ike crypto-profiles ike-crypto-profiles default hash sha1\nset network ike crypto-profiles ike-crypto-profiles default dh-group group2\n";
    let xml = r#"<config version="10.1.0" urldb="paloaltonetworks"><devices><entry name="localhost.localdomain">
<deviceconfig><system><hostname>fw</hostname><ip-address>10.0.0.5</ip-address><service><disable-telnet>no</disable-telnet></service></system></deviceconfig>
<network><ike><gateway><entry name="gw"><protocol><ikev1><exchange-mode>aggressive</exchange-mode></ikev1></protocol>
<authentication><pre-shared-key><key>-AQ==x</key></pre-shared-key></authentication><peer-address><ip>198.51.100.2</ip></peer-address></entry></gateway>
<crypto-profiles><ike-crypto-profiles><entry name="default"><encryption><member>aes-128-cbc</member><member>3des</member></encryption>
<hash><member>sha1</member></hash><dh-group><member>group2</member></dh-group></entry></ike-crypto-profiles></crypto-profiles></ike></network>
</entry></devices></config>"#;
    // The XML's schema version names only the 10.1 train, which NET001 warns about; the
    // set lines name no release.
    let (a, mut b) = (codes(set), codes(xml));
    assert!(has(&b, "NET001"), "{b:?}");
    b.retain(|c| c != "NET001");
    assert_eq!(a, b);
    for code in ["MGMT003", "VPN001", "VPN002", "VPN003"] {
        assert!(has(&a, code), "{code}: {a:?}");
    }
}

/// Defaults: an IKEv1 gateway without `exchange-mode` answers aggressive mode (auto), and
/// says so; `main` does not. A crypto profile no gateway uses is not judged.
#[test]
fn exchange_mode_default_and_unused_profiles() {
    let base = "set deviceconfig system hostname fw\nset network ike gateway gw authentication pre-shared-key key -AQ==x\nset network ike gateway gw peer-address ip 198.51.100.2\n";
    let m = parse_text(Format::Panos, "t", base).model;
    let t = &m.vpn_tunnels[0];
    let aggr = t.aggressive.as_ref().unwrap();
    assert!(aggr.value && aggr.defaulted);
    assert!(
        aggr.origin.evidence.contains("exchange-mode not set: PAN-OS default auto"),
        "{}",
        aggr.origin.evidence
    );
    // The gateway names the `default` profile, which this file does not hold: said, not guessed.
    let input = parse_text(Format::Panos, "t", base);
    assert!(input.unrecognized_lines > 0);
    assert!(t.ike_proposals.is_none());
    let main = format!("{base}set network ike gateway gw protocol ikev1 exchange-mode main\n");
    assert!(!has(&codes(&main), "VPN002"));
    // Batfish's crypto-profile test: weak profiles, but no gateway uses them.
    let c = codes(&read("tests/fixtures/panos/batfish-ike-crypto-profiles.conf"));
    assert!(!c.iter().any(|x| x.starts_with("VPN")), "{c:?}");
}

/// Interface management profiles: on an interface in the untrust zone (or with a public
/// address) a service answers the internet (error); on a trust interface it answers every
/// host inside, "not restricted to maintenance hosts" without the internet claim (warning).
#[test]
fn interface_management_profiles_follow_the_zone() {
    let text = "set deviceconfig system hostname fw\nset deviceconfig system permitted-ip 10.0.0.9/32\nset network interface ethernet ethernet1/1 layer3 ip 10.1.1.1/24\nset network interface ethernet ethernet1/1 layer3 interface-management-profile mp\nset network interface ethernet ethernet1/2 layer3 ip 10.2.2.1/24\nset network interface ethernet ethernet1/2 layer3 interface-management-profile mp\nset network profiles interface-management-profile mp https yes\nset network profiles interface-management-profile mp http yes\nset zone untrust network layer3 ethernet1/1\nset zone trust network layer3 ethernet1/2\n";
    let f = judged(&parse_text(Format::Panos, "t", text).model);
    let mgmt001: Vec<&str> = f.iter().filter(|x| x.0 == "MGMT001" && x.1 == Severity::Error).map(|x| x.3.as_str()).collect();
    assert!(mgmt001.iter().all(|s| s.contains("ethernet1/1")), "{mgmt001:?}");
    assert!(
        mgmt001.iter().any(|s| s.contains("ethernet1/1 interface-management-profile mp https")),
        "{mgmt001:?}"
    );
    let inside: Vec<&str> = f
        .iter()
        .filter(|x| x.0 == "MGMT001" && x.1 == Severity::Warning)
        .map(|x| x.3.as_str())
        .collect();
    assert_eq!(
        inside,
        [
            "PAN-OS ethernet1/2 interface-management-profile mp http",
            "PAN-OS ethernet1/2 interface-management-profile mp https"
        ]
    );
    // HTTP is cleartext wherever it is.
    assert_eq!(f.iter().filter(|x| x.0 == "MGMT003").count(), 2, "{f:#?}");
}

/// CVE-2024-3400 needs an affected release and GlobalProtect; the hotfix and a firewall
/// without GlobalProtect are clean of it; a schema version names only the train (a warning).
#[test]
fn globalprotect_advisory_follows_release_and_feature() {
    let gp = "set global-protect global-protect-gateway gw local-address interface ethernet1/1\n";
    let net001 = |text: &str| -> Vec<(String, Severity)> {
        judged(&parse_text(Format::Panos, "t", text).model)
            .into_iter()
            .filter(|f| f.0 == "NET001" && f.3.contains("CVE-2024-3400"))
            .map(|f| (f.3, f.1))
            .collect()
    };
    let hit = net001(&format!("sw-version: 10.2.7\n{gp}"));
    assert!(hit.iter().any(|(s, sev)| s.contains("CVE-2024-3400") && *sev == Severity::Error), "{hit:?}");
    assert!(net001(&format!("sw-version: 10.2.9-h1\n{gp}")).is_empty());
    assert!(net001("sw-version: 10.2.7\nset deviceconfig system hostname fw\n").is_empty());
    let xml = |attrs: &str| {
        format!(
            r#"<config {attrs} urldb="paloaltonetworks"><devices><entry name="localhost.localdomain"><vsys><entry name="vsys1"><global-protect><global-protect-gateway><entry name="gw"><local-address><interface>ethernet1/1</interface></local-address></entry></global-protect-gateway></global-protect></entry></vsys></entry></devices></config>"#
        )
    };
    let train = net001(&xml(r#"version="11.1.0""#));
    assert!(
        train.iter().any(|(s, sev)| s.contains("PAN-OS 11.1 ") && *sev == Severity::Warning),
        "{train:?}"
    );
    assert!(net001(&xml(r#"version="11.1.0" detail-version="11.1.6""#)).is_empty());
    assert!(net001(&xml(r#"version="10.1.0""#)).is_empty());
}

/// CVE-2024-0012 needs an affected release and the management web interface, which
/// answers on the management port unless HTTPS is disabled there.
#[test]
fn management_web_interface_advisory() {
    let cves = |text: &str| -> Vec<String> {
        judged(&parse_text(Format::Panos, "t", text).model)
            .into_iter()
            .filter(|f| f.0 == "NET001")
            .map(|f| f.3)
            .collect()
    };
    let hit = cves("sw-version: 11.1.4-h6\nset deviceconfig system hostname fw\n");
    assert!(hit.iter().any(|s| s.contains("CVE-2024-0012")), "{hit:?}");
    // 11.1.4-h7 fixes CVE-2024-0012 (CVE-2025-0108 waits for 11.1.6-h1).
    assert!(!cves("sw-version: 11.1.4-h7\nset deviceconfig system hostname fw\n")
        .iter()
        .any(|s| s.contains("CVE-2024-0012")));
    // 10.1 is not affected by CVE-2024-0012 (it is by CVE-2024-9474 and CVE-2025-0108).
    let v10_1 = cves("sw-version: 10.1.14\nset deviceconfig system hostname fw\n");
    assert!(!v10_1.iter().any(|s| s.contains("CVE-2024-0012")), "{v10_1:?}");
    let off = "sw-version: 11.1.4-h6\nset deviceconfig system service disable-https yes\n";
    assert!(cves(off).is_empty());
}

/// Real public configurations: what an auditor expects, and nothing the file does not say.
#[test]
fn real_public_configs() {
    // Batfish mgmt-iface: a public management address, no permitted-ip, no syslog, no NTP.
    let c = codes(&read("tests/fixtures/panos/batfish-mgmt-iface.conf"));
    assert_eq!(c, ["MGMT001", "MGMT007", "MGMT008"]);
    let f = judged(&parse_text(Format::Panos, "t", &read("tests/fixtures/panos/batfish-mgmt-iface.conf")).model);
    assert!(f.iter().any(|x| x.0 == "MGMT001" && x.1 == Severity::Error && x.3.contains("https")));
    // Batfish syslog: remote syslog servers are configured.
    assert!(!has(&codes(&read("tests/fixtures/panos/batfish-log-settings-syslog.conf")), "MGMT007"));
    // Batfish ignored-lines: telnet and HTTP disabled, an MD5-crypt admin hash.
    let c = codes(&read("tests/fixtures/panos/batfish-ignored-lines.conf"));
    assert!(has(&c, "MGMT004") && !has(&c, "MGMT003"), "{c:?}");
    // iron-skillet (XML and set): a hardened template: no cleartext management, syslog
    // configured; MD5-crypt admin hash (XML), no permitted-ip, NTP without authentication.
    for rel in ["tests/fixtures/panos/iron-skillet-full.xml", "tests/fixtures/panos/iron-skillet-set.conf"] {
        let c = codes(&read(rel));
        for code in ["MGMT001", "MGMT002", "MGMT006", "MGMT008"] {
            assert!(has(&c, code), "{rel}: {code} missing: {c:?}");
        }
        for code in ["MGMT003", "MGMT007", "VPN003"] {
            assert!(!has(&c, code), "{rel}: {code}: {c:?}");
        }
        // Only the schema's 10.1 train is known: advisories partly covering it warn, never
        // accuse.
        let f = judged(&parse_text(Format::Panos, "t", &read(rel)).model);
        assert!(f.iter().filter(|x| x.0 == "NET001").all(|x| x.1 == Severity::Warning), "{rel}");
    }
    assert!(has(&codes(&read("tests/fixtures/panos/iron-skillet-full.xml")), "MGMT004"));
}

/// Password storage: MD5-crypt is weak, SHA-256-crypt strong; a master-key-encrypted PSK is
/// device-encrypted; one written in clear is plaintext and measured.
#[test]
fn secret_storage_forms() {
    use kensa::model::SecretStorage;
    let text = "set mgt-config users a phash $1$abc$def\nset mgt-config users b phash $5$abc$def\nset network ike gateway g1 authentication pre-shared-key key -AQ==abc\nset network ike gateway g2 authentication pre-shared-key key cisco\n";
    let m = parse_text(Format::Panos, "t", text).model;
    let storage = |subject: &str| m.secrets.iter().find(|s| s.subject.contains(subject)).map(|s| s.storage).unwrap();
    assert_eq!(storage("administrator a"), SecretStorage::WeakHash);
    assert_eq!(storage("administrator b"), SecretStorage::StrongHash);
    assert_eq!(storage("gateway g1"), SecretStorage::DeviceEncrypted);
    assert_eq!(storage("gateway g2"), SecretStorage::Plaintext);
    assert!(has(&codes(text), "VPN007"));
}

const CANARY: &str = "KENSA-CANARY-PANOS-51c2";

/// No output format, in either language, ever prints a secret of a PAN-OS file, well
/// formed or not.
#[test]
fn canary_never_appears_in_any_output() {
    let set = "sw-version: 10.2.7\nset deviceconfig system hostname fw\nset mgt-config users admin phash {C}\nset mgt-config users admin password {C}\nset network ike gateway g authentication pre-shared-key key {C}\nset network ike gateway g peer-address dynamic\nset deviceconfig system snmp-setting access-setting version v2c snmp-community-string {C}\nset shared server-profile radius r server s secret {C}\nset shared local-user-database user u phash {C}\nset unknown-thing password {C}\nnonsense {C} key {C}\nset shared log-settings syslog p server s server 10.0.0.1\n";
    let xml = r#"<config version="10.2.0" urldb="paloaltonetworks"><mgt-config><users><entry name="admin"><phash>{C}</phash></entry></users></mgt-config>
<devices><entry name="localhost.localdomain"><network><ike><gateway><entry name="g"><authentication><pre-shared-key><key>{C}</key></pre-shared-key></authentication></entry></gateway></ike></network>
<deviceconfig><system><snmp-setting><access-setting><version><v2c><snmp-community-string>{C}</snmp-community-string></v2c></version></access-setting></snmp-setting>
<snmp-setting><access-setting><version><v3><users><entry name="n"><authpwd>{C}</authpwd><privpwd>{C}</privpwd></entry></users></v3></version></access-setting></snmp-setting></system></deviceconfig>
<weird><password>{C}</password></weird></entry></devices></config>"#;
    let dir = tempfile::tempdir().unwrap();
    let mut leaks = Vec::new();
    for (name, template) in [("fw.conf", set), ("fw.xml", xml)] {
        let path = dir.path().join(name);
        std::fs::write(&path, template.replace("{C}", CANARY)).unwrap();
        leaks.extend(crate::secrets_canary::leaks_in_every_output("panos", &path, CANARY));
    }
    assert!(leaks.is_empty(), "secret leaked:\n{}", leaks.join("\n"));
    // The canary file is really judged: the plaintext PSK and community are measured.
    let c = codes(&set.replace("{C}", CANARY));
    assert!(has(&c, "MGMT003") && has(&c, "VPN002"), "{c:?}");
}

/// CVE-2024-9474 names a hotfix for every maintenance release (37 ranges): NET001 says the
/// range the running release lies in and its fix, not all of them, in either language.
#[test]
fn net001_names_the_running_releases_range_and_fix_only() {
    let input = parse_text(Format::Panos, "bad.conf", &read("samples/panos/bad.conf"));
    let engine = kensa::rules::Engine::new(kensa::policy::TlsPolicy::builtin(), crate::router_support::NOW);
    let f = engine.check(&input.model);
    let x = f.iter().find(|x| x.rule == "NET001" && x.subject.contains("CVE-2024-9474")).expect("NET001");
    let en = x.message(kensa::i18n::Lang::En);
    assert!(en.contains("(10.2.7–10.2.7-h18 (exclusive))"), "{en}");
    assert!(
        en.contains("Fixed in: 10.2.7-h18 (for the running release's line; the fixed releases of the other 36 ranges"),
        "{en}"
    );
    assert!(!en.contains("10.1."), "{en}");
    let ja = x.message(kensa::i18n::Lang::Ja);
    assert!(ja.contains("10.2.7 以上 10.2.7-h18 未満") && ja.contains("ほかの 36 範囲"), "{ja}");
}
