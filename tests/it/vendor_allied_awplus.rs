//! Allied Telesis AlliedWare Plus: verdicts on inputs in the vendor's real syntax (issue 22).
//!
//! The real configurations under `tests/fixtures/allied-awplus/` (sources in their first
//! lines) are judged as an expert would: what each says, kensa finds, and nothing more.

use assert_cmd::Command;
use kensa::formats::{detect::detect, parse_text, Format};
use kensa::model::*;
use std::collections::BTreeMap;
use std::path::Path;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/allied-awplus");

fn lint_json(args: &[&str], path: &Path) -> serde_json::Value {
    let out = Command::cargo_bin("kensa")
        .unwrap()
        .env("KENSA_NOW", "2026-12-01")
        .env("KENSA_DATA_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/kev/no-downloaded-copy"))
        .args(["lint", "--output-format", "json", "--fail-on", "never"])
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

/// Rule code → number of findings.
fn codes(json: &serde_json::Value) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for f in json["findings"].as_array().unwrap() {
        *out.entry(f["rule"].as_str().unwrap().to_string()).or_default() += 1;
    }
    out
}

fn expect(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(c, n)| (c.to_string(), *n)).collect()
}

/// The factory-configured switches of the Ryu certification pages: Telnet and HTTP on,
/// the `manager` account with its published password `friend` (as an MD5 hash), no
/// syslog server, no NTP; SSH off, SNMP agent without a community, management VLAN on a
/// private address (no internet claim, no anti-spoofing claim).
#[test]
fn ryu_certification_switches() {
    for name in ["ryu-x930.cfg", "ryu-x510.cfg"] {
        let json = lint_json(&[], &Path::new(FIXTURES).join(name));
        assert_eq!(json["inputs"][0]["format"], "allied-awplus", "{name}");
        assert_eq!(json["inputs"][0]["unrecognized_lines"], 0, "{name}");
        assert_eq!(
            codes(&json),
            expect(&[
                ("MGMT001", 2),
                ("MGMT003", 2),
                ("MGMT004", 1),
                ("MGMT005", 2),
                ("MGMT006", 1),
                ("MGMT007", 1),
                ("MGMT008", 1)
            ]),
            "{name}"
        );
        let factory = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "MGMT005" && f["message"].as_str().unwrap().contains("factory default"));
        assert!(factory, "{name}: manager/friend not reported as the factory default");
    }
}

/// py-networking's x210 file adds `snmp-server community public` and `service ssh`.
#[test]
fn py_networking_switch_with_public_community() {
    let json = lint_json(&[], &Path::new(FIXTURES).join("py-networking-video-2.cfg"));
    assert_eq!(json["inputs"][0]["format"], "allied-awplus");
    assert_eq!(
        codes(&json),
        expect(&[
            ("MGMT001", 4),
            ("MGMT003", 3),
            ("MGMT004", 1),
            ("MGMT005", 3),
            ("MGMT006", 1),
            ("MGMT007", 1),
            ("MGMT008", 1)
        ])
    );
    let snmp = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["subject"].as_str().unwrap().contains("SNMP"))
        .count();
    assert_eq!(snmp, 3, "SNMPv2c cleartext, common community, no source restriction");
}

/// A config written without indentation (py-networking's test text) keeps each
/// interface's and the VLAN database's lines in their mode.
#[test]
fn a_flush_config_is_read_by_its_modes() {
    let json = lint_json(&[], &Path::new(FIXTURES).join("py-networking-flush.cfg"));
    assert_eq!(json["inputs"][0]["format"], "allied-awplus");
    assert_eq!(json["inputs"][0]["unrecognized_lines"], 0);
    // No `service telnet` / `service http` line: the factory default is assumed and said.
    let telnet = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "MGMT003" && f["subject"].as_str().unwrap().contains("Telnet"))
        .expect("telnet assumed on");
    assert!(telnet["evidence"].as_str().unwrap().contains("assumed"), "{telnet}");
}

#[test]
fn firmware_from_the_show_version_capture() {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("ryu-x930.cfg")).unwrap();
    let p = parse_text(Format::AlliedWarePlus, "x930.cfg", &text);
    let fw = &p.model.firmware[0];
    assert_eq!(
        (fw.product, fw.version.as_str(), fw.model.as_deref()),
        (Product::AlliedWarePlus, "5.4.6-1.2", Some("x930"))
    );
    assert_eq!(fw.features, [Feature::HttpServer]);
}

/// The bad sample: each weakness an expert names, and where the config does not say the
/// interface faces the internet, no internet claim.
#[test]
fn bad_sample_findings() {
    let json = lint_json(&[], Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/allied-awplus/bad.conf")));
    let c = codes(&json);
    for code in [
        "MGMT003", "MGMT004", "MGMT005", "MGMT007", "MGMT008", "VPN001", "VPN002", "VPN003", "VPN004", "VPN006", "VPN007", "NET002",
    ] {
        assert!(c.contains_key(code), "{code} missing: {c:?}");
    }
    // NET002 on the PPPoE interface only (vlan1 is the hospital LAN).
    let net002: Vec<_> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "NET002")
        .map(|f| f["subject"].clone())
        .collect();
    assert_eq!(net002, [serde_json::json!("interface ppp0")]);
}

/// The good sample has nothing to report but the note that its site-to-site tunnel
/// authenticates by pre-shared key (true, and only informational).
#[test]
fn good_sample_is_clean() {
    let json = lint_json(&[], Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/allied-awplus/good.conf")));
    assert_eq!(codes(&json), expect(&[("VPN008", 1)]));
    assert_eq!(json["findings"][0]["severity"], "info");
    assert_eq!(json["inputs"][0]["partly_judged"], false);
}

/// AlliedWare Plus files are not Cisco IOS and IOS files are not AlliedWare Plus (issue
/// 17 §5: the IOS parser once printed an Allied `crypto isakmp key 8` secret).
#[test]
fn detection_keeps_ios_and_alliedware_apart() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ours: Vec<_> = std::fs::read_dir(FIXTURES).unwrap().map(|e| e.unwrap().path()).collect();
    ours.extend(
        [
            "samples/allied-awplus/bad.conf",
            "samples/allied-awplus/good.conf",
            "tests/fixtures/canary/foreign/allied-telesis.conf",
        ]
        .map(|p| root.join(p)),
    );
    for p in &ours {
        let text = std::fs::read_to_string(p).unwrap();
        assert_eq!(detect(p, &text), Some(Format::AlliedWarePlus), "{}", p.display());
        // Pasted into a ticket with every line shifted by a space: still ours.
        let shifted: String = text.lines().map(|l| format!(" {l}\n")).collect();
        assert_eq!(detect(p, &shifted), Some(Format::AlliedWarePlus), "{} shifted", p.display());
    }
    // Only two lines of its own among many IOS-like ones (`!`, `hostname`, `ip route`,
    // `service`, `end`): still AlliedWare Plus.
    let mut sparse = String::from("!\nhostname r\n!\nservice password-encryption\n!\n");
    for i in 0..12 {
        sparse.push_str(&format!("!\nip route 10.{i}.0.0/16 192.168.1.254\n"));
    }
    sparse.push_str("!\ninterface eth1\n ip address dhcp\n!\ninterface vlan1\n ip address 192.168.1.1/24\n!\nend\n");
    assert_eq!(detect(Path::new("r.cfg"), &sparse), Some(Format::AlliedWarePlus));
    let ios: Vec<_> = [
        "samples/cisco-ios/bad.conf",
        "samples/cisco-ios/good.conf",
        "tests/fixtures/routers/ciscoconfparse-sample_01.ios",
        "tests/fixtures/routers/ciscoconfparse-sample_08.ios",
    ]
    .map(|p| root.join(p))
    .into();
    for p in &ios {
        let text = std::fs::read_to_string(p).unwrap();
        assert_eq!(detect(p, &text), Some(Format::CiscoIos), "{}", p.display());
    }
}

/// A config pasted with an extra leading space gives the same verdict.
#[test]
fn pasted_config_gives_the_same_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/allied-awplus/bad.conf")).unwrap();
    let clean = dir.path().join("clean.conf");
    let shifted = dir.path().join("shifted.conf");
    std::fs::write(&clean, &text).unwrap();
    std::fs::write(&shifted, text.lines().map(|l| format!(" {l}\n")).collect::<String>()).unwrap();
    let a = codes(&lint_json(&["--as", "allied-awplus"], &clean));
    let b = codes(&lint_json(&["--as", "allied-awplus"], &shifted));
    assert_eq!(a, b);
    assert!(a.len() >= 10, "{a:?}");
}

const CANARY: &str = "KENSA-CANARY-7f3a9";

/// Every secret position AlliedWare Plus has, with the canary as its value.
const CANARY_CONFIG: &str =
    "!\nhostname r\nusername manager privilege 15 password {C}\nusername ops privilege 15 password 8 {C}\nenable password {C}\nenable secret 8 {C}\n\
snmp-server community {C} rw\nsnmp-server host 192.0.2.5 version 2c {C}\nsnmp-server user u g auth sha {C} priv aes {C}\n\
radius-server host 192.0.2.10 key {C}\nradius-server key 8 {C}\ntacacs-server host 192.0.2.11 key {C}\n\
ntp authentication-key 1 md5 {C} trusted\ncrypto isakmp key {C} address 203.0.113.7\ncrypto isakmp key 8 {C} hostname peer.example.jp\n\
crypto isakmp key 8 {C}\ncrypto isakmp key {C} {C} {C}\nkey chain K\n key 1\n  key-string {C}\n\
interface ppp0\n ppp username u@isp.example.jp\n ppp password {C}\n ip ospf authentication-key {C}\n\
interface tunnel0\n tunnel protection ipsec\n crypto isakmp key 8 {C} address 198.51.100.2\n\
mystery-command password {C}\n{C}\n";

/// No output format, in either language, prints a secret from an AlliedWare Plus config —
/// nor from the foreign-syntax canary files forced through this parser.
#[test]
fn canary_never_appears_in_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("awplus.cfg");
    std::fs::write(&own, CANARY_CONFIG.replace("{C}", CANARY)).unwrap();
    let foreign = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/canary/foreign");
    let mut files = vec![own];
    files.extend(std::fs::read_dir(foreign).unwrap().map(|e| e.unwrap().path()));
    let leaks: Vec<String> = files
        .iter()
        .flat_map(|path| crate::secrets_canary::leaks_in_every_output("allied-awplus", path, CANARY))
        .collect();
    assert!(leaks.is_empty(), "secret leaked:\n{}", leaks.join("\n"));
    // And the planted secrets were really read: the plaintext ones are judged.
    let p = parse_text(Format::AlliedWarePlus, "c.cfg", &CANARY_CONFIG.replace("{C}", CANARY));
    assert!(p.model.secrets.len() >= 10, "{}", p.model.secrets.len());
    assert!(p.model.secrets.iter().any(|s| s.kind == SecretKind::IpsecPsk && s.strength.is_some()));
}
