//! NET001 end to end: the version a router config names plus the features it enables decide
//! which known-exploited advisories apply (rules/advisories/known-exploited.toml). FortiOS
//! headers give the full release; Cisco IOS XE configs give only the train (`version 17.9`),
//! so a train without a fix is certain and a train with one is a warning.

use kensa::formats::{parse_text, Format};
use kensa::policy::TlsPolicy;
use kensa::rules::{Engine, Severity};

const NOW: i64 = 1_796_083_200;

/// (CVE in the subject, severity) of every NET001 finding.
fn net001(format: Format, text: &str) -> Vec<(String, Severity)> {
    let input = parse_text(format, "t.conf", text);
    let engine = Engine::new(TlsPolicy::builtin(), NOW);
    engine
        .check(&input.model)
        .into_iter()
        .filter(|f| f.rule == "NET001")
        .map(|f| {
            let cve = f.subject.rsplit('(').next().unwrap_or("").trim_end_matches(')').to_string();
            (cve, f.severity)
        })
        .collect()
}

fn cves(v: &[(String, Severity)]) -> Vec<&str> {
    let mut out: Vec<&str> = v.iter().map(|(c, _)| c.as_str()).collect();
    out.sort();
    out
}

fn fortigate(version: &str, body: &str) -> String {
    format!("#config-version=FG100F-{version}-FW-build1234-240101:opmode=0:vdom=0:user=admin\n#conf_file_ver=1\n#buildno=1234\n{body}")
}

const SSL_VPN: &str = "config vpn ssl settings\n    set source-interface \"wan1\"\n    set source-address \"all\"\nend\n";
const ADMIN_HTTPS: &str = "config system interface\n    edit \"port1\"\n        set ip 192.168.1.99 255.255.255.0\n        set allowaccess ping https ssh\n        set role lan\n    next\nend\n";
const FABRIC: &str = "config system csf\n    set status enable\n    set upstream \"10.0.0.1\"\nend\n";

#[test]
fn fortios_admin_interface_advisories_need_the_admin_gui() {
    // 7.0.16: last release before the FG-IR-24-535 fix.
    let f = net001(Format::Fortios, &fortigate("7.0.16", ADMIN_HTTPS));
    assert_eq!(cves(&f), ["CVE-2024-55591"], "{f:?}");
    assert!(f.iter().all(|(_, s)| *s == Severity::Error));
    // The fix.
    assert!(net001(Format::Fortios, &fortigate("7.0.17", ADMIN_HTTPS)).is_empty());
    // No HTTP/HTTPS administrative access anywhere: not exposed.
    let ssh_only = ADMIN_HTTPS.replace("ping https ssh", "ping ssh");
    assert!(net001(Format::Fortios, &fortigate("7.0.16", &ssh_only)).is_empty());
    // CVE-2025-24472 also needs the Security Fabric.
    let both = format!("{ADMIN_HTTPS}{FABRIC}");
    let f = net001(Format::Fortios, &fortigate("7.0.16", &both));
    assert_eq!(cves(&f), ["CVE-2024-55591", "CVE-2025-24472"], "{f:?}");
    // CVE-2022-40684: 7.2.1 flagged, 7.2.2 not.
    let f = net001(Format::Fortios, &fortigate("7.2.1", ADMIN_HTTPS));
    assert_eq!(cves(&f), ["CVE-2022-40684"], "{f:?}");
    assert!(net001(Format::Fortios, &fortigate("7.2.2", ADMIN_HTTPS)).is_empty());
}

#[test]
fn fortios_ssl_vpn_advisories_follow_the_fixes() {
    // Just below and at each fix of the four SSL-VPN advisories (only SSL-VPN enabled).
    for (below, fix, cve) in [
        ("6.0.4", "6.0.5", "CVE-2018-13379"),
        ("7.2.2", "7.2.3", "CVE-2022-42475"),
        ("6.2.13", "6.2.14", "CVE-2023-27997"),
        ("7.4.2", "7.4.3", "CVE-2024-21762"),
    ] {
        let f = net001(Format::Fortios, &fortigate(below, SSL_VPN));
        assert!(cves(&f).contains(&cve), "{below}: {f:?}");
        let g = net001(Format::Fortios, &fortigate(fix, SSL_VPN));
        assert!(!cves(&g).contains(&cve), "{fix}: {g:?}");
    }
    // 6.2.14 is the 6.2 fix for CVE-2023-27997 (6.2.15 is the FortiOS-6K7K one) but is still
    // below the CVE-2024-21762 fix.
    assert_eq!(cves(&net001(Format::Fortios, &fortigate("6.2.14", SSL_VPN))), ["CVE-2024-21762"]);
    // Without SSL-VPN none of them applies.
    assert!(net001(Format::Fortios, &fortigate("6.0.4", "")).is_empty());
}

fn ios_xe(train: &str, http: &str) -> String {
    format!("!\nversion {train}\nservice timestamps log datetime msec\n!\nhostname EDGE\n!\n{http}!\nend\n")
}

#[test]
fn ios_xe_webui_needs_the_http_server_and_judges_the_train() {
    // Both CVEs of the advisory (the account creation and the root implant after it).
    let both = |s: Severity| [("CVE-2023-20198".to_string(), s), ("CVE-2023-20273".to_string(), s)];
    // Trains without a fix: certain, with either server command.
    for train in ["16.9", "17.2", "17.5", "17.8", "17.10", "17.11"] {
        for http in ["ip http server\n", "ip http secure-server\n"] {
            let f = net001(Format::CiscoIos, &ios_xe(train, http));
            assert_eq!(f, both(Severity::Error), "{train} {http}");
        }
    }
    // Trains with a fix: the exact release decides, so a warning.
    for train in ["16.12", "17.3", "17.6", "17.9", "17.12"] {
        let f = net001(Format::CiscoIos, &ios_xe(train, "ip http secure-server\n"));
        assert_eq!(f, both(Severity::Warning), "{train}");
    }
    // Later trains and configs without the HTTP server are not exposed.
    assert!(net001(Format::CiscoIos, &ios_xe("17.15", "ip http secure-server\n")).is_empty());
    for train in ["16.9", "17.10"] {
        assert!(
            net001(Format::CiscoIos, &ios_xe(train, "no ip http server\nno ip http secure-server\n")).is_empty(),
            "{train}"
        );
        assert!(net001(Format::CiscoIos, &ios_xe(train, "")).is_empty(), "{train}");
    }
}

#[test]
fn fortios_fgfm_advisory_needs_fortimanager_access() {
    let fgfm = ADMIN_HTTPS.replace("ping https ssh", "ping ssh fgfm");
    // 7.2.6: the last 7.2 release before the FG-IR-24-029 fix.
    assert_eq!(cves(&net001(Format::Fortios, &fortigate("7.2.6", &fgfm))), ["CVE-2024-23113"]);
    assert!(net001(Format::Fortios, &fortigate("7.2.7", &fgfm)).is_empty());
    // The same release without fgfm in any allowaccess: not exposed.
    let ssh_only = ADMIN_HTTPS.replace("ping https ssh", "ping ssh");
    assert!(net001(Format::Fortios, &fortigate("7.2.6", &ssh_only)).is_empty());
}

/// Rows for products no format reads yet load and wait: a firmware a future parser reports
/// as that product is judged like any other, and a product the table does not name never
/// matches a row.
#[test]
fn rows_for_unparsed_products_match_only_that_product() {
    use kensa::model::{Feature, Firmware, Model, Origin, Product};
    let firmware = |product: &str, version: &str, features: &[&str]| Model {
        firmware: vec![Firmware {
            product: Product::from_name(product).unwrap_or_else(|| panic!("{product}")),
            model: None,
            version: version.into(),
            build: None,
            origin: Origin::file("fw.conf".into(), 1, 1, (0, 0), "version line"),
            features: features.iter().map(|f| Feature::from_name(f).unwrap_or_else(|| panic!("{f}"))).collect(),
        }],
        ..Model::default()
    };
    let engine = Engine::new(TlsPolicy::builtin(), NOW);
    let found = |m: &Model| -> Vec<String> {
        engine
            .check(m)
            .into_iter()
            .filter(|f| f.rule == "NET001")
            .map(|f| f.subject.to_string())
            .collect()
    };
    assert_eq!(
        found(&firmware("PAN-OS", "10.2.8-h2", &["globalprotect"])),
        ["PAN-OS 10.2.8-h2 (CVE-2024-3400)"]
    );
    assert!(found(&firmware("PAN-OS", "10.2.8-h3", &["globalprotect"])).is_empty());
    assert!(found(&firmware("PAN-OS", "10.2.8-h2", &[])).is_empty(), "GlobalProtect off: not exposed");
    assert_eq!(
        found(&firmware("NetScaler", "13.1-49.13", &["gateway"])),
        [
            "NetScaler 13.1-49.13 (CVE-2023-4966)",
            "NetScaler 13.1-49.13 (CVE-2025-5777)",
            "NetScaler 13.1-49.13 (CVE-2025-6543)"
        ]
    );
    assert_eq!(found(&firmware("SonicOS", "7.0.1-5035", &[])), ["SonicOS 7.0.1-5035 (CVE-2024-40766)"]);
    // Names the table does not use are no product of the model: nothing can match them.
    for product in ["Palo Alto PAN-OS", "netscaler", "Some Future Gateway OS"] {
        assert!(Product::from_name(product).is_none(), "{product}");
    }
}

/// The CVE of every NET001 finding on `text`, with its product and severity ("NetScaler
/// FIPS", Error), sorted.
fn advisories(format: Format, text: &str) -> Vec<(String, Severity)> {
    let mut v = net001(format, text);
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn has_cve(found: &[(String, Severity)], cve: &str) -> bool {
    found.iter().any(|(c, _)| c == cve)
}

/// NetScaler (`#NS` header of ns.conf): CVE-2019-19781 needs no feature (the record names no
/// condition), CVE-2023-3519 a Gateway or AAA virtual server; the build just below each fix
/// fires and the fix does not; FIPS builds have their own fixes.
#[test]
fn netscaler_rce_advisories_follow_the_builds() {
    let gw = "set ns config -IPAddress 10.0.0.10 -netmask 255.255.255.0\nadd vpn vserver gw SSL 203.0.113.20 443\n";
    let lb = "set ns config -IPAddress 10.0.0.10 -netmask 255.255.255.0\nadd lb vserver web SSL 10.0.0.20 443\n";
    // 13.0-47.22: below the CVE-2019-19781 fix, with or without a Gateway.
    assert!(has_cve(&advisories(Format::Netscaler, &format!("#NS13.0 Build 47.22\n{lb}")), "CVE-2019-19781"));
    assert!(!has_cve(
        &advisories(Format::Netscaler, &format!("#NS13.0 Build 47.24\n{lb}")),
        "CVE-2019-19781"
    ));
    assert!(has_cve(&advisories(Format::Netscaler, &format!("#NS12.1 Build 55.13\n{lb}")), "CVE-2019-19781"));
    assert!(!has_cve(
        &advisories(Format::Netscaler, &format!("#NS12.1 Build 55.18\n{lb}")),
        "CVE-2019-19781"
    ));
    // CVE-2023-3519: 13.1-48.47 with a Gateway fires (an error), the fix 13.1-49.13 does not,
    // and a load balancer alone is not exposed.
    let f = advisories(Format::Netscaler, &format!("#NS13.1 Build 48.47\n{gw}"));
    assert!(f.contains(&("CVE-2023-3519".to_string(), Severity::Error)), "{f:?}");
    assert!(!has_cve(&advisories(Format::Netscaler, &format!("#NS13.1 Build 49.13\n{gw}")), "CVE-2023-3519"));
    assert!(!has_cve(&advisories(Format::Netscaler, &format!("#NS13.1 Build 48.47\n{lb}")), "CVE-2023-3519"));
    assert!(has_cve(&advisories(Format::Netscaler, &format!("#NS13.0 Build 91.12\n{gw}")), "CVE-2023-3519"));
    assert!(!has_cve(&advisories(Format::Netscaler, &format!("#NS13.0 Build 91.13\n{gw}")), "CVE-2023-3519"));
    // A FIPS build (13.1 build 37.x with x >= 100): fixed in 37.159, not in 49.13.
    assert!(has_cve(&advisories(Format::Netscaler, &format!("#NS13.1 Build 37.150\n{gw}")), "CVE-2023-3519"));
    assert!(!has_cve(
        &advisories(Format::Netscaler, &format!("#NS13.1 Build 37.159\n{gw}")),
        "CVE-2023-3519"
    ));
}

/// PAN-OS hotfixes: the hotfix just below the fix of the running maintenance release is
/// affected, the fix and any later hotfix are not. Both need the management web interface,
/// which answers on the management port unless HTTPS is disabled.
#[test]
fn panos_management_advisories_follow_the_hotfixes() {
    let conf = |v: &str| format!("sw-version: {v}\nset deviceconfig system hostname fw\n");
    let f = |v: &str| advisories(Format::Panos, &conf(v));
    // CVE-2024-9474 (with CVE-2024-0012 in 10.2 and later; 10.1 only has CVE-2024-9474).
    assert!(has_cve(&f("10.1.14-h5"), "CVE-2024-9474"));
    assert!(!has_cve(&f("10.1.14-h6"), "CVE-2024-9474"));
    assert!(has_cve(&f("10.1.8-h3"), "CVE-2024-9474"), "10.1.8 has no hotfix of its own");
    assert!(has_cve(&f("10.2.4-h31"), "CVE-2024-9474"));
    assert!(!has_cve(&f("10.2.4-h32"), "CVE-2024-9474"));
    assert!(!has_cve(&f("10.2.4-h40"), "CVE-2024-9474"), "a later hotfix is fixed");
    assert!(!has_cve(&f("10.0.12"), "CVE-2024-9474"));
    // CVE-2025-0108: 10.2.7-h23 affected, 10.2.7-h24 fixed; 11.1.2-h17 / -h18.
    assert!(has_cve(&f("10.2.7-h23"), "CVE-2025-0108"));
    assert!(!has_cve(&f("10.2.7-h24"), "CVE-2025-0108"));
    assert!(has_cve(&f("11.1.2-h17"), "CVE-2025-0108"));
    assert!(!has_cve(&f("11.1.2-h18"), "CVE-2025-0108"));
    assert!(has_cve(&f("11.1.5"), "CVE-2025-0108"));
    assert!(f("11.2.4-h4").is_empty(), "{:?}", f("11.2.4-h4"));
    // The management web interface off: none of them.
    let off = "sw-version: 10.2.7-h23\nset deviceconfig system service disable-https yes\n";
    assert!(advisories(Format::Panos, off).is_empty());
}

/// Cisco ASA (`ASA Version 9.16(4)48`): the ArcaneDoor pair. CVE-2024-20353 needs the VPN
/// web server (WebVPN / AnyConnect), CVE-2024-20359 nothing; a maintenance release without
/// an interim (`9.20(2)`) is that exact release, so certain.
#[test]
fn asa_arcanedoor_advisories_follow_interim_releases() {
    let webvpn = "interface GigabitEthernet0/0\n nameif outside\n security-level 0\n ip address 203.0.113.2 255.255.255.0\nwebvpn\n enable outside\n anyconnect enable\n";
    let conf = |v: &str, extra: &str| format!(": Saved\n:\nASA Version {v}\n!\nhostname fw\n{extra}");
    let both = |s: Severity| vec![("CVE-2024-20353".to_string(), s), ("CVE-2024-20359".to_string(), s)];
    assert_eq!(advisories(Format::CiscoAsa, &conf("9.16(4)48", webvpn)), both(Severity::Error));
    assert!(advisories(Format::CiscoAsa, &conf("9.16(4)57", webvpn)).is_empty());
    assert!(advisories(Format::CiscoAsa, &conf("9.16(4)62", webvpn)).is_empty());
    assert_eq!(advisories(Format::CiscoAsa, &conf("9.20(2)", webvpn)), both(Severity::Error));
    assert!(advisories(Format::CiscoAsa, &conf("9.20(2)10", webvpn)).is_empty());
    // 9.8 has no fix: its last release is affected.
    let f = advisories(Format::CiscoAsa, &conf("9.8(4)48", webvpn));
    assert!(has_cve(&f, "CVE-2024-20353") && has_cve(&f, "CVE-2024-20359"), "{f:?}");
    // Without WebVPN only the persistence flaw applies.
    assert_eq!(
        advisories(Format::CiscoAsa, &conf("9.18(4)8", "")),
        [("CVE-2024-20359".to_string(), Severity::Error)]
    );
}

/// Junos J-Web (JSA72300): each CVE names its platform. An SRX (security zones) gets the SRX
/// ones, an EX (PoE) the EX ones; the release just below each fix fires, the fix does not.
#[test]
fn junos_jweb_advisories_follow_the_platform() {
    let jweb = "set system services web-management https system-generated-certificate\n";
    let srx = |v: &str| format!("set version {v}\n{jweb}set security zones security-zone untrust interfaces ge-0/0/0.0\n");
    let ex = |v: &str| format!("set version {v}\n{jweb}set poe interface all\n");
    let cves = |t: &str| -> Vec<String> { advisories(Format::Junos, t).into_iter().map(|(c, _)| c).collect() };
    assert_eq!(cves(&srx("22.1R3-S2.4")), ["CVE-2023-36845", "CVE-2023-36846", "CVE-2023-36851"]);
    assert_eq!(cves(&srx("22.1R3-S4.2")), ["CVE-2023-36851"]);
    assert!(cves(&srx("22.1R3-S5.3")).is_empty());
    assert_eq!(cves(&ex("21.4R3-S3.4")), ["CVE-2023-36844", "CVE-2023-36845", "CVE-2023-36847"]);
    assert_eq!(cves(&ex("21.4R3-S4.1")), ["CVE-2023-36844", "CVE-2023-36845"]);
    assert!(cves(&ex("21.4R3-S5.2")).is_empty());
    // 22.4R2-S1 fixes CVE-2023-36845/-36847 but not CVE-2023-36844 (22.4R2-S2) on EX.
    assert_eq!(cves(&ex("22.4R2-S1.6")), ["CVE-2023-36844"]);
    // Without J-Web, nothing.
    assert!(cves("set version 22.1R3-S2.4\nset security zones security-zone untrust interfaces ge-0/0/0.0\n").is_empty());
}
