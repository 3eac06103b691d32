//! NEC UNIVERGE IX: verdicts on inputs in the vendor's real syntax (issue 22). Real public
//! configs (`tests/fixtures/nec-ix/`, sources in their first lines) and the samples give the
//! findings an expert expects and no others; the format is detected by content and steals
//! nothing; no secret is printed, however the file is read (issue 17 §5).

use crate::router_support::{judged, Finding, NOW};
use kensa::formats::{detect::detect, parse_path, parse_text, Format};
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The findings on a file, detected by content, with the number of lines not understood.
fn findings(rel: &str) -> (Vec<Finding>, usize) {
    let input = parse_path(&root().join(rel), rel, None, NOW);
    assert_eq!(input.format, Some(Format::NecIx), "{rel}");
    assert!(input.error().is_none(), "{rel}: {:?}", input.error());
    (judged(&input.model), input.unrecognized_lines)
}

fn codes(f: &[Finding]) -> BTreeSet<&str> {
    f.iter().map(|x| x.0.as_str()).collect()
}

fn has(f: &[Finding], rule: &str, subject: &str, evidence: &str) -> bool {
    f.iter().any(|x| x.0 == rule && x.3.contains(subject) && x.4.contains(evidence))
}

/// shigehiro-t/IX2025-VPN-config Router1: IKEv1 aggressive mode with a short PSK, MD5 and
/// 1024-bit, no PFS, telnet, no syslog or NTP, a DHCP WAN without an inbound filter. Its
/// map names the built-in proposal `default`, which kensa cannot see: said, not judged.
#[test]
fn shigehiro_router1_is_aggressive_md5_with_telnet() {
    let (f, unrecognized) = findings("tests/fixtures/nec-ix/shigehiro-router1.conf");
    let want = [
        "MGMT001", "MGMT003", "MGMT004", "MGMT005", "MGMT006", "MGMT007", "MGMT008", "NET002", "VPN001", "VPN002", "VPN003", "VPN004", "VPN007", "VPN008",
    ];
    assert_eq!(codes(&f), want.into_iter().collect(), "{f:#?}");
    assert!(has(&f, "VPN002", "autokey-map ipsec-policy", "key **** mode aggressive"));
    assert!(has(&f, "VPN003", "autokey-map ipsec-policy", "hash md5 group 1024-bit"));
    assert!(has(&f, "MGMT003", "telnet-server", "telnet-server ip enable"));
    assert!(has(&f, "NET002", "FastEthernet0/0.0", "ip address dhcp receive-default"));
    // A fixed peer: not "any peer". The shut PPPoE interface is not judged.
    assert!(!codes(&f).contains("VPN006"));
    assert!(!has(&f, "NET002", "FastEthernet0/0.1", ""));
    assert_eq!(unrecognized, 1, "the `default` proposal is shown as not judged");
}

/// Router2: the responder side, `peer any` in aggressive mode on a dynamic map, telnet and
/// the plain-HTTP web console.
#[test]
fn shigehiro_router2_answers_any_peer() {
    let (f, unrecognized) = findings("tests/fixtures/nec-ix/shigehiro-router2.conf");
    assert_eq!(unrecognized, 0);
    for rule in ["VPN002", "VPN006", "VPN003", "VPN004", "VPN007"] {
        assert!(
            has(&f, rule, "dynamic-map auto", "") || has(&f, rule, "IKE policy ike-policy", ""),
            "{rule}: {f:#?}"
        );
    }
    assert!(has(&f, "VPN003", "dynamic-map auto", "esp-aes-256 esp-md5"));
    assert!(has(&f, "MGMT003", "http-server", "http-server ip enable"));
    assert!(has(&f, "MGMT003", "telnet-server", ""));
    // The hash form is not plaintext: no storage finding for it. The IKE key in clear is a
    // reminder (NEC IX has no encrypted form kensa knows), not an error.
    assert!(
        f.iter()
            .filter(|x| x.0 == "MGMT004")
            .all(|x| x.3.contains("IKE policy") && x.1 == kensa::rules::Severity::Info),
        "{f:#?}"
    );
}

/// NozShiro/IX2105-Config: L2TP/IPsec remote access with a group PSK (`peer any`, main mode),
/// 3DES and 1024-bit offered, plaintext PPP passwords, SSH and the web console with no
/// access list, NTP without authentication, the PPPoE interface without an inbound filter
/// (the two spare PPPoE interfaces with `no ip address` and no binding carry no IP).
#[test]
fn nozshiro_l2tp_remote_access() {
    let (f, unrecognized) = findings("tests/fixtures/nec-ix/nozshiro-ix2105-l2tp.conf");
    assert_eq!(unrecognized, 0);
    let want = [
        "MGMT001", "MGMT003", "MGMT004", "MGMT005", "MGMT006", "MGMT007", "MGMT008", "NET002", "VPN001", "VPN003", "VPN004", "VPN007", "VPN009",
    ];
    assert_eq!(codes(&f), want.into_iter().collect(), "{f:#?}");
    assert!(!codes(&f).contains("VPN002"), "main mode");
    assert!(has(
        &f,
        "VPN009",
        "dynamic-map l2tp-ipsec-map",
        "authentication password vpnuser.example.com ****"
    ));
    assert!(has(&f, "MGMT004", "PPP flets-v4", "****"));
    assert!(has(&f, "MGMT001", "ssh-server", "no ssh-server ip access-list"));
    assert_eq!(f.iter().filter(|x| x.0 == "NET002").count(), 1);
    // NTP is set, not authenticated: a note, not "no NTP".
    assert!(has(&f, "MGMT008", "", "ntp server 133.243.238.163"));
}

#[test]
fn bad_sample_is_the_vendor_maintenance_pattern() {
    let (f, unrecognized) = findings("samples/nec-ix/bad.conf");
    assert_eq!(unrecognized, 0);
    assert!(has(&f, "MGMT004", "NEC IX user admin", "username admin password plain **** administrator"));
    assert!(has(&f, "MGMT005", "NEC IX user admin", ""));
    assert!(has(&f, "VPN002", "maint-map", "peer any key **** mode aggressive"));
    assert!(has(&f, "VPN006", "maint-map", "peer any"));
    assert!(has(&f, "VPN003", "maint-map", "encryption 3des hash md5 group 1024-bit"));
    assert!(has(&f, "MGMT003", "SNMP community", "snmp-agent ip community ****"));
    assert!(has(&f, "MGMT005", "SNMP community", ""));
    assert!(has(&f, "NET002", "GigaEthernet0.1", "encapsulation pppoe"));
    for rule in ["MGMT001", "MGMT006", "MGMT007", "MGMT008", "VPN001", "VPN004", "VPN007"] {
        assert!(codes(&f).contains(rule), "{rule}");
    }
}

/// The good sample keeps only what its config honestly shows: IKEv1 with a PSK (IKEv2 is
/// not judged yet) kept in clear, a local administrator password, NTP without
/// authentication.
#[test]
fn good_sample_is_quiet() {
    let (f, unrecognized) = findings("samples/nec-ix/good.conf");
    assert_eq!(unrecognized, 0);
    assert_eq!(codes(&f), ["MGMT004", "MGMT006", "MGMT008", "VPN001", "VPN008"].into_iter().collect(), "{f:#?}");
    assert!(f.iter().all(|x| x.1 != kensa::rules::Severity::Error), "{f:#?}");
}

/// A config pasted with every line shifted (tickets, mail) gives the same verdicts; so does
/// one whose indentation was lost.
#[test]
fn shifted_or_flush_configs_give_the_same_verdicts() {
    let text = std::fs::read_to_string(root().join("samples/nec-ix/bad.conf")).unwrap();
    let verdicts = |t: &str| {
        let p = parse_text(Format::NecIx, "bad.conf", t);
        assert_eq!(p.unrecognized_lines, 0);
        judged(&p.model).into_iter().map(|f| (f.0, f.3)).collect::<BTreeSet<_>>()
    };
    let shifted: String = text.lines().map(|l| format!(" {l}\n")).collect();
    let flush: String = text.lines().map(|l| format!("{}\n", l.trim_start())).collect();
    assert_eq!(verdicts(&shifted), verdicts(&text));
    assert_eq!(verdicts(&flush), verdicts(&text));
}

#[test]
fn detected_by_content_and_steals_nothing() {
    for rel in [
        "samples/nec-ix/bad.conf",
        "samples/nec-ix/good.conf",
        "tests/fixtures/nec-ix/shigehiro-router1.conf",
        "tests/fixtures/nec-ix/shigehiro-router2.conf",
        "tests/fixtures/nec-ix/nozshiro-ix2105-l2tp.conf",
    ] {
        let text = std::fs::read_to_string(root().join(rel)).unwrap();
        assert_eq!(detect(Path::new("running.txt"), &text), Some(Format::NecIx), "{rel}");
    }
    // Without the banner: the IX's own commands still decide against IOS.
    let headless = "hostname ix\n!\ninterface GigaEthernet0.0\n  ip address 192.168.1.1/24\n  no shutdown\n!\ntelnet-server ip enable\n";
    assert_eq!(detect(Path::new("r.txt"), headless), Some(Format::NecIx));
    // IOS, YAMAHA and FortiOS samples stay theirs.
    for (rel, format) in [
        ("samples/cisco-ios/bad.conf", Format::CiscoIos),
        ("samples/yamaha-rtx/bad.conf", Format::YamahaRtx),
        ("samples/fortigate/bad.conf", Format::Fortios),
    ] {
        let text = std::fs::read_to_string(root().join(rel)).unwrap();
        assert_eq!(detect(Path::new("running.txt"), &text), Some(format), "{rel}");
    }
}

const CANARY: &str = "KENSA-CANARY-7f3a9";

/// Every secret-bearing IX line (well-formed, and forms kensa does not know).
fn nec_canary() -> String {
    [
        "! IX Series IX2215 (magellan-sec) Software, Version 10.2.16, RELEASE SOFTWARE",
        "hostname ix",
        "username admin password plain {C} administrator",
        "username op password plain 2 {C} operator",
        "username maint password hash {C} administrator",
        "username odd password secret {C}",
        "ike proposal p encryption aes-256 hash sha2-256 group 2048-bit",
        "ike policy a peer any key {C} mode aggressive p",
        "ike policy b key-type char peer 203.0.113.9 key {C} p",
        "ike policy c peer 203.0.113.10 key char {C} p",
        "ike policy d peer 203.0.113.11 pre-shared {C} p",
        "ikev2 authentication psk id ipv4 203.0.113.9 key char {C}",
        "ipsec autokey-map m acl peer 203.0.113.9 p2",
        "ipsec autokey-proposal p2 esp-aes-256 esp-sha2-256",
        "snmp-agent ip enable",
        "snmp-agent ip community {C} read-only",
        "snmp-agent ip host 192.168.1.5 {C} version 2",
        "snmpv3 user u g auth sha plain {C} priv aes secret {C}",
        "http-server username admin password {C}",
        "http-server username web secret-password {C}",
        "nm account g password secret {C}",
        "radius host ip 192.0.2.1 auth-port 1812 key 0 {C}",
        "l2tp password plain {C}",
        "ppp profile isp",
        "  authentication myname user@isp.example.jp",
        "  authentication password user@isp.example.jp {C}",
        "  authentication secret-password 1 user2 {C}",
        "  bogus-secret {C}",
        "frobnicate password {C}",
        "{C}",
    ]
    .join("\n")
    .replace("{C}", CANARY)
}

/// Issue 17 §5: no output of the `nec-ix` parser, nor of the IOS-like parsers that might
/// misread an IX file, prints a secret; nor does `nec-ix` print the foreign canary files.
#[test]
fn secrets_never_printed_whoever_reads_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let nec = dir.path().join("ix.conf");
    std::fs::write(&nec, nec_canary()).unwrap();
    let foreign_dir = root().join("tests/fixtures/canary/foreign");
    let mut runs: Vec<(&str, std::path::PathBuf)> = ["nec-ix", "cisco-ios", "yamaha-rtx", "fortios"].into_iter().map(|f| (f, nec.clone())).collect();
    for e in std::fs::read_dir(&foreign_dir).unwrap() {
        runs.push(("nec-ix", e.unwrap().path()));
    }
    let leaks: Vec<String> = runs
        .iter()
        .flat_map(|(format, path)| crate::secrets_canary::leaks_in_every_output(format, path, CANARY))
        .collect();
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

/// The canary's secrets are really read (the leak test is not passed by skipping them).
#[test]
fn canary_secrets_are_judged() {
    let p = parse_text(Format::NecIx, "ix.conf", &nec_canary());
    let kinds: Vec<_> = p.model.secrets.iter().map(|s| (s.kind, s.storage)).collect();
    use kensa::model::{SecretKind as K, SecretStorage as S};
    for want in [
        (K::Password, S::Plaintext),
        (K::Password, S::DeviceEncrypted),
        (K::IpsecPsk, S::Plaintext),
        (K::SnmpCommunity, S::Plaintext),
        (K::UserPassword, S::Plaintext),
        (K::UserPassword, S::DeviceEncrypted),
    ] {
        assert!(kinds.contains(&want), "{want:?} in {kinds:?}");
    }
    // ike policies a, b, c and the IKEv2 key.
    assert_eq!(p.model.secrets.iter().filter(|s| s.kind == K::IpsecPsk).count(), 4, "{kinds:?}");
    // The unknown forms are counted: the file is shown as partly judged.
    assert!(p.unrecognized_lines >= 3, "{}", p.unrecognized_lines);
}
