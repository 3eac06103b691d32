//! Cisco ASA: verdicts on inputs in the vendor's real syntax (issue 22): the samples, real
//! public configs (tests/fixtures/cisco-asa/, sources in their first lines), advisories
//! matched on the CLI's version form, detection against Cisco IOS, and secrets never shown.

use crate::router_support::judged;
use kensa::formats::{parse_text, Format};
use kensa::model::*;
use kensa::rules::Severity;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cisco-asa");
const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/cisco-asa");

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The rule codes of every finding on `text`, sorted.
fn rules(text: &str) -> Vec<String> {
    let p = parse_text(Format::CiscoAsa, "asa.conf", text);
    let mut r: Vec<String> = judged(&p.model).into_iter().map(|f| f.0).collect();
    r.sort();
    r
}

/// (rule, subject) of every finding.
fn findings(text: &str) -> Vec<(String, String)> {
    let p = parse_text(Format::CiscoAsa, "asa.conf", text);
    judged(&p.model).into_iter().map(|f| (f.0, f.3)).collect()
}

fn has(found: &[(String, String)], rule: &str, subject_part: &str) -> bool {
    found.iter().any(|(r, s)| r == rule && s.contains(subject_part))
}

/// An expert reading samples/cisco-asa/bad.conf expects each of these (and nothing the
/// config does not say): KEV firmware with WebVPN, the factory's blank enable password and
/// `cisco` passwd (PIX-MD5 forms), weak password hashes and a plaintext one,
/// ASDM and SSH open to the internet, SNMP `public`, telnet, IKEv1 with 3DES/MD5/group 2,
/// aggressive mode with PSKs, no PFS, weak PSKs, a group PSK for remote access, TLS 1.0 and
/// RC4/3DES on the portal, password-only AnyConnect without client certificates, split
/// tunnelling, no syslog, no anti-spoofing on the outside interface.
#[test]
fn bad_sample_gets_every_finding_an_expert_expects() {
    let found = findings(&read(&format!("{SAMPLES}/bad.conf")));
    for (rule, subject) in [
        ("NET001", "CVE-2020-3452"),
        ("MGMT005", "enable password"),
        ("MGMT005", "passwd"),
        ("MGMT004", "user admin"),
        ("MGMT004", "user vendor"),
        ("MGMT001", "http 0.0.0.0 0.0.0.0 outside"),
        ("MGMT001", "ssh 0.0.0.0 0.0.0.0 outside"),
        ("MGMT003", "snmp-server community"),
        ("MGMT005", "snmp-server community"),
        ("MGMT003", "telnet 0.0.0.0 0.0.0.0 inside"),
        ("MGMT006", "admin"),
        ("MGMT007", "KOSEI-HOSP-FW"),
        ("NET002", "GigabitEthernet1/1 (outside)"),
        ("VPN001", "crypto map outside_map 10"),
        ("VPN002", "crypto map outside_map 10"),
        ("VPN003", "crypto map outside_map 10"),
        ("VPN004", "crypto map outside_map 10"),
        ("VPN007", "tunnel-group 198.51.100.20"),
        ("VPN009", "crypto dynamic-map DYN 10"),
        ("TLS001", "webvpn enable outside"),
        ("TLS003", "webvpn enable outside"),
        ("TLS007", "webvpn enable outside"),
        ("VPN011", "webvpn"),
        ("VPN015", "webvpn"),
        ("VPN017", "webvpn"),
        ("MGMT006", "webvpn"),
    ] {
        assert!(has(&found, rule, subject), "{rule} {subject} missing: {found:#?}");
    }
    // The inside interface is not the internet; telnet there is cleartext, and open to
    // every host inside: "not restricted to maintenance hosts", without the internet claim.
    assert!(!has(&found, "NET002", "inside"), "{found:#?}");
    let p = parse_text(Format::CiscoAsa, "asa.conf", &read(&format!("{SAMPLES}/bad.conf")));
    let telnet = judged(&p.model)
        .into_iter()
        .find(|f| f.0 == "MGMT001" && f.3.contains("telnet"))
        .expect("telnet inside");
    assert_eq!(telnet.1, Severity::Warning);
}

/// The good sample: only what a TLS 1.2-only ASA honestly leaves (TLS 1.3 needs 9.19 and
/// AnyConnect 5), and the SSL-VPN information note.
#[test]
fn good_sample_is_clean_but_for_tls12() {
    let found = rules(&read(&format!("{SAMPLES}/good.conf")));
    assert_eq!(found, ["TLS002", "TLS002", "VPN011", "VPN102"]);
    let p = parse_text(Format::CiscoAsa, "good.conf", &read(&format!("{SAMPLES}/good.conf")));
    assert_eq!(p.unrecognized_lines, 0, "{:?}", p.diagnostics);
    // The IKEv2 site-to-site tunnel is judged: certificates, AES-GCM, group 20, PFS.
    let t = p.model.vpn_tunnels.iter().find(|t| t.subject.contains("outside_map 10")).unwrap();
    assert_eq!(t.ike_version.as_ref().unwrap().value, 2);
    assert_eq!(t.remote_auth.as_ref().unwrap().value, AuthMethod::Certificate);
    assert!(t.pfs.as_ref().unwrap().value);
    assert_eq!(t.ike_proposals.as_ref().unwrap().value[0].dh_groups, ["ecp384"]);
    // Secrets `show running-config` masks are unreadable, not weak.
    assert!(p.model.secrets.iter().any(|s| s.storage == SecretStorage::Redacted));
    assert!(p.model.secrets.iter().all(|s| s.strength.is_none()));
}

/// mpenning/ciscoconfparse sample_01.asa, a real ASA 9.0(3): an expert expects weak MD5
/// password hashes (enable, passwd, user), the `passwd` still the factory `cisco`
/// (`2KFQnbNIdI.2KYOU`), SNMPv2c `public`, no anti-spoofing on the DHCP
/// outside interface, ASDM on the 9.0 SSL default (SSLv3/TLS 1.0), NTP without
/// authentication, and a password-only administrator. Nothing else: SSH and ASDM are
/// restricted to inside networks, syslog is sent.
#[test]
fn ciscoconfparse_sample_gets_what_an_expert_expects() {
    let text = read(&format!("{FIXTURES}/ciscoconfparse-sample_01.asa"));
    let found = rules(&text);
    assert_eq!(
        found,
        ["MGMT003", "MGMT004", "MGMT004", "MGMT004", "MGMT005", "MGMT005", "MGMT006", "MGMT008", "NET002", "TLS001"],
        "{:#?}",
        findings(&text)
    );
    let p = parse_text(Format::CiscoAsa, "sample_01.asa", &text);
    assert_eq!(p.unrecognized_lines, 0, "{:?}", p.diagnostics);
    let outside = p.model.interfaces.iter().find(|i| i.name.contains("OUTSIDE")).unwrap();
    assert_eq!(outside.zone, InterfaceZone::External);
    let inside = p.model.interfaces.iter().find(|i| i.name.contains("INSIDE")).unwrap();
    assert_eq!(inside.zone, InterfaceZone::Internal);
    assert!(inside.anti_spoofing.as_ref().unwrap().value);
    assert_eq!(p.model.firmware[0].version, "9.0.3");
    assert!(p.model.firmware[0].features.is_empty());
}

/// batfish testconfigs: telnet to `inside` is cleartext management; `http` lines without
/// `http server enable` open nothing; NTP with a trusted key is authenticated time; logging
/// hosts with `logging enable` are remote syslog.
#[test]
fn batfish_configs_get_what_an_expert_expects() {
    let aaa = findings(&read(&format!("{FIXTURES}/batfish-aaaAuthenticationAsa.asa")));
    assert!(has(&aaa, "MGMT003", "telnet 0.0.0.0 0.0.0.0 inside"), "{aaa:#?}");
    assert!(!aaa.iter().any(|(r, s)| s.contains("http") && r != "MGMT007"), "{aaa:#?}");
    let ntp = rules(&read(&format!("{FIXTURES}/batfish-asa-ntp.asa")));
    assert_eq!(ntp, ["MGMT007"]);
    let logging = rules(&read(&format!("{FIXTURES}/batfish-asa-logging.asa")));
    assert_eq!(logging, ["MGMT008"]);
}

const WEBVPN: &str = "webvpn\n enable outside\n anyconnect enable\n";
const OUTSIDE: &str = "interface GigabitEthernet0/0\n nameif outside\n security-level 0\n ip address 203.0.113.2 255.255.255.0\n";

fn net001(text: &str) -> Vec<String> {
    findings(text).into_iter().filter(|(r, _)| r == "NET001").map(|(_, s)| s).collect()
}

/// The advisory table writes ASA releases as Cisco's advisories do ("9.8.4.20"); the config
/// says `ASA Version 9.8(4)20`. CVE-2020-3452 needs the web services (WebVPN or IKEv2
/// client services).
#[test]
fn advisories_match_the_cli_version_form_and_the_web_services() {
    let conf = |v: &str, extra: &str| format!("ASA Version {v}\nhostname fw\n{OUTSIDE}{extra}");
    assert!(net001(&conf("9.8(4)10", WEBVPN)).iter().any(|s| s.contains("CVE-2020-3452")));
    // 9.8.4.20 fixes CVE-2020-3452 (the 9.8 train has no fix for the ArcaneDoor pair).
    assert!(!net001(&conf("9.8(4)20", WEBVPN)).iter().any(|s| s.contains("CVE-2020-3452")), "fixed release");
    // Without the web services CVE-2020-3452 does not apply (CVE-2024-20359 needs none).
    assert!(!net001(&conf("9.8(4)10", "")).iter().any(|s| s.contains("CVE-2020-3452")), "no web services");
    let ikev2 = conf("9.14(1)6", "crypto ikev2 enable outside client-services port 443\n");
    assert!(net001(&ikev2).iter().any(|s| s.contains("CVE-2020-3452")));
    let p = parse_text(Format::CiscoAsa, "a.conf", &conf("9.8(4)10", WEBVPN));
    assert_eq!(p.model.firmware[0].product, Product::Asa);
    assert_eq!(p.model.firmware[0].version, "9.8.4.10");
}

/// ASA is detected by its own lines, never taken for IOS, and IOS never for ASA.
#[test]
fn asa_and_ios_are_told_apart() {
    use kensa::formats::detect::detect;
    let path = std::path::Path::new("running-config.txt");
    for f in ["bad.conf", "good.conf"] {
        let text = read(&format!("{SAMPLES}/{f}"));
        assert_eq!(detect(path, &text), Some(Format::CiscoAsa), "{f}");
        // An excerpt without the version line: nameif / security-level / tunnel-group.
        let excerpt: String = text
            .lines()
            .filter(|l| !l.starts_with("ASA Version") && !l.starts_with(':'))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(detect(path, &excerpt), Some(Format::CiscoAsa), "{f} without ASA Version");
    }
    for f in std::fs::read_dir(FIXTURES).unwrap() {
        let p = f.unwrap().path();
        assert_eq!(detect(&p, &read(p.to_str().unwrap())), Some(Format::CiscoAsa), "{}", p.display());
    }
    for f in ["bad.conf", "good.conf"] {
        let ios = read(&format!("{}/samples/cisco-ios/{f}", env!("CARGO_MANIFEST_DIR")));
        assert_eq!(detect(path, &ios), Some(Format::CiscoIos), "IOS {f}");
    }
    for f in ["ciscoconfparse-sample_01.ios", "ciscoconfparse-sample_08.ios"] {
        let ios = read(&format!("{}/tests/fixtures/routers/{f}", env!("CARGO_MANIFEST_DIR")));
        assert_eq!(detect(path, &ios), Some(Format::CiscoIos), "{f}");
    }
}

/// How ASA stores each password form: `pbkdf2` a strong hash, `encrypted` the MD5-based
/// one, none the value itself; `*****` (as `show running-config` masks keys) unreadable.
#[test]
fn password_forms_are_read_as_asa_stores_them() {
    let conf = "ASA Version 9.12(4)\n\
enable password $sha512$5000$abcdefghijklmnopqrstuv==$ABCDEFGHIJKLMNOPQRSTUV== pbkdf2\n\
username a password $sha512$5000$abcdefghijklmnopqrstuv==$ABCDEFGHIJKLMNOPQRSTUV== pbkdf2 privilege 15\n\
username b password dXRTaA5wrZ3OL8gz encrypted privilege 15\n\
username c password Kango2024 privilege 2\n\
username d nopassword\n\
tunnel-group 198.51.100.1 type ipsec-l2l\n\
tunnel-group 198.51.100.1 ipsec-attributes\n\
 ikev1 pre-shared-key *****\n\
snmp-server community *****\n";
    let p = parse_text(Format::CiscoAsa, "a.conf", conf);
    let storage = |subject: &str| {
        let s = p.model.secrets.iter().find(|s| s.subject == subject).unwrap_or_else(|| panic!("{subject}"));
        (s.storage, s.strength.map(|st| st.length))
    };
    assert_eq!(storage("Cisco ASA enable password"), (SecretStorage::StrongHash, None));
    assert_eq!(storage("Cisco ASA user a"), (SecretStorage::StrongHash, None));
    assert_eq!(storage("Cisco ASA user b"), (SecretStorage::WeakHash, None));
    assert_eq!(storage("Cisco ASA user c"), (SecretStorage::Plaintext, Some(9)));
    assert_eq!(storage("Cisco ASA user d"), (SecretStorage::Plaintext, Some(0)));
    assert_eq!(storage("Cisco ASA tunnel-group 198.51.100.1"), (SecretStorage::Redacted, None));
    assert_eq!(storage("Cisco ASA snmp-server community"), (SecretStorage::Redacted, None));
    let admins: Vec<&str> = p.model.accounts.iter().filter(|a| a.admin).map(|a| a.name.as_str()).collect();
    assert_eq!(admins, ["a", "b"]);
}

/// A config pasted without indentation (as vendor guides print it) or shifted right gives
/// the verdicts of the running config.
#[test]
fn layout_does_not_change_the_verdict() {
    let indented = format!("ASA Version 9.10(1)\nhostname fw\n{OUTSIDE}crypto ikev1 enable outside\ncrypto ikev1 policy 1\n authentication pre-share\n encryption aes-256\n hash sha\n group 2\n lifetime 28800\ntunnel-group 198.51.100.7 type ipsec-l2l\ntunnel-group 198.51.100.7 ipsec-attributes\n ikev1 pre-shared-key Tokyo-Clinic-VPN-Key-2024!\ncrypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac\ncrypto map mymap 1 set peer 198.51.100.7\ncrypto map mymap 1 match address ipsec-acl\ncrypto map mymap 1 set ikev1 transform-set TS\ncrypto map mymap interface outside\n");
    let flush: String = indented.lines().map(|l| format!("{}\n", l.trim_start())).collect();
    let shifted: String = indented.lines().map(|l| format!("  {l}\n")).collect();
    let want = rules(&indented);
    assert!(want.contains(&"VPN001".to_string()) && want.contains(&"VPN003".to_string()), "{want:?}");
    assert_eq!(rules(&flush), want);
    assert_eq!(rules(&shifted), want);
    let p = parse_text(Format::CiscoAsa, "flush.conf", &flush);
    let t = &p.model.vpn_tunnels[0];
    assert_eq!(t.ike_proposals.as_ref().unwrap().value[0].encryption, ["aes256"]);
    assert_eq!(t.ike_proposals.as_ref().unwrap().value[0].dh_groups, ["modp1024"]);
    assert_eq!(t.remote_auth.as_ref().unwrap().value, AuthMethod::Psk);
}

/// Management access: SSH from anywhere on the security-level 0 interface faces the
/// internet; telnet there only works inside IPsec (not the internet claim); `http` lines
/// open ASDM only with `http server enable`.
#[test]
fn management_access_follows_nameif_and_security_level() {
    let base = format!(
        "ASA Version 9.16(4)\nhostname fw\n{OUTSIDE}interface GigabitEthernet0/1\n nameif inside\n security-level 100\n ip address 192.168.1.1 255.255.255.0\n"
    );
    let f = findings(&format!(
        "{base}ssh 0.0.0.0 0.0.0.0 outside\ntelnet 0.0.0.0 0.0.0.0 outside\nhttp 0.0.0.0 0.0.0.0 outside\n"
    ));
    assert!(has(&f, "MGMT001", "ssh 0.0.0.0 0.0.0.0 outside"), "{f:#?}");
    assert!(!has(&f, "MGMT001", "telnet"), "{f:#?}");
    assert!(has(&f, "MGMT003", "telnet 0.0.0.0 0.0.0.0 outside"), "{f:#?}");
    assert!(!f.iter().any(|(_, s)| s.contains("http")), "no http server enable: {f:#?}");
    let f = findings(&format!(
        "{base}http server enable\nhttp 192.168.1.0 255.255.255.0 inside\nssh 192.168.1.10 255.255.255.255 inside\nssl server-version tlsv1.2\n"
    ));
    assert!(!f.iter().any(|(r, _)| r == "MGMT001" || r == "TLS001"), "{f:#?}");
    // An interface named outside without security-level gets level 0 by the ASA's rule.
    let p = parse_text(
        Format::CiscoAsa,
        "a.conf",
        "interface Gi0/0\n nameif outside\n ip address 10.0.0.2 255.255.255.0\n",
    );
    assert_eq!(p.model.interfaces[0].zone, InterfaceZone::External);
}

/// WebVPN without `ssl server-version` on 9.x accepts TLS 1.0 (said as the default relied
/// on); certificate plus AAA login on every remote-access group is client certificates and
/// a second factor; the built-in DefaultWEBVPNGroup is password only.
#[test]
fn webvpn_defaults_and_authentication() {
    let conf = format!("ASA Version 9.16(4)\n{OUTSIDE}{WEBVPN}");
    let p = parse_text(Format::CiscoAsa, "a.conf", &conf);
    let ep = p.model.tls_endpoints.iter().find(|e| e.service == TlsService::SslVpn).unwrap();
    assert!(ep.versions.defaulted && ep.enables(TlsVersion::Tls10) && !ep.enables(TlsVersion::Tls13));
    assert!(
        ep.versions.origin.evidence.contains("ssl server-version not set"),
        "{}",
        ep.versions.origin.evidence
    );
    let f = findings(&conf);
    assert!(
        has(&f, "MGMT006", "webvpn") && has(&f, "TLS007", "webvpn") && has(&f, "TLS001", "webvpn"),
        "{f:#?}"
    );
    let cert = format!("{conf}crypto ca trustpoint CA\n enrollment terminal\nssl server-version tlsv1.2\ntunnel-group STAFF type remote-access\ntunnel-group STAFF webvpn-attributes\n authentication aaa certificate\n");
    let f = findings(&cert);
    assert!(
        !f.iter().any(|(r, _)| ["MGMT006", "TLS007", "TLS009", "VPN015", "TLS001"].contains(&r.as_str())),
        "{f:#?}"
    );
}

const CANARY: &str = "KENSA-CANARY-7f3a9";

/// No secret of an ASA config reaches the model or a diagnostic, whether kensa reads its
/// line or not (tests/it/secrets_canary.rs runs the same lines through every output format).
#[test]
fn canary_never_reaches_the_model_or_a_diagnostic() {
    let text = format!(
        "ASA Version 9.8(4)\nhostname fw\nenable password {C} level 15\npasswd {C}\nusername admin password {C} privilege 15\nusername ops password {C} encrypted\n{OUTSIDE}snmp-server community {C}\nsnmp-server host outside 203.0.113.9 community {C} version 2c\nsnmp-server user u G v3 auth sha {C} priv aes 128 {C}\nntp authentication-key 1 md5 {C}\nfailover key {C}\naaa-server R (inside) host 10.0.0.5\n key {C}\n ldap-login-password {C}\ntunnel-group 198.51.100.1 type ipsec-l2l\ntunnel-group 198.51.100.1 ipsec-attributes\n ikev1 pre-shared-key {C}\n ikev2 remote-authentication pre-shared-key {C}\n ikev2 local-authentication pre-shared-key 8 {C}\nwebvpn\n enable outside\nfrobnicate secret {C}\nsmtp-server key {C}\n{C}\n",
        C = CANARY
    );
    let p = parse_text(Format::CiscoAsa, "asa.conf", &text);
    let shown = format!("{:?}\n{:?}", p.model, p.diagnostics);
    assert!(!shown.contains(CANARY), "{}", shown.lines().find(|l| l.contains(CANARY)).unwrap_or(""));
    // The file is really judged: the secrets were read, and the unknown lines counted.
    assert!(p.model.secrets.len() >= 12, "{}", p.model.secrets.len());
    assert!(p.unrecognized_lines >= 2, "{}", p.unrecognized_lines);
}
