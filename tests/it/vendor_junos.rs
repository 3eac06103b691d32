//! Juniper Junos OS: verdicts on inputs in the vendor's real syntax (issue 22), in both the
//! hierarchical form and `display set`, on the samples, on real public configurations
//! (tests/fixtures/junos, sources in their first lines) and on each storage form of a secret.

use kensa::formats::{parse_text, Format};
use kensa::i18n::Lang;
use kensa::model::*;
use kensa::policy::TlsPolicy;
use kensa::rules::{Engine, Finding};
use std::collections::BTreeSet;

const NOW: i64 = 1_796_083_200;
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn parse(text: &str) -> kensa::formats::ParsedInput {
    parse_text(Format::Junos, "srx.conf", text)
}

fn findings(text: &str) -> Vec<Finding> {
    Engine::new(TlsPolicy::builtin(), NOW).check(&parse(text).model)
}

/// The rules that fired, once each.
fn rules(text: &str) -> BTreeSet<String> {
    findings(text).iter().map(|f| f.rule.to_string()).collect()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{rel}")).unwrap()
}

fn set(rules: &[&str]) -> BTreeSet<String> {
    rules.iter().map(|r| r.to_string()).collect()
}

/// The bad sample (hierarchical): every finding a reviewer expects, and nothing else.
#[test]
fn bad_sample_has_every_expected_finding() {
    let text = read("samples/junos/bad.conf");
    let p = parse(&text);
    assert_eq!(p.unrecognized_lines, 0, "{:?}", p.diagnostics);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let want = set(&[
        "MGMT001", "MGMT003", "MGMT004", "MGMT005", "MGMT006", "MGMT007", "MGMT008", "NET001", "NET002", "VPN001", "VPN002", "VPN003", "VPN004", "VPN006",
        "VPN007", "VPN008",
    ]);
    assert_eq!(rules(&text), want);
    let f = findings(&text);
    // telnet, J-Web http and ssh answer on the internet side; SNMP only inside, open to
    // every host there (no internet claim).
    let mgmt001 = |internet: bool| -> BTreeSet<&str> {
        f.iter()
            .filter(|x| x.rule == "MGMT001" && x.message(Lang::En).contains("internet") == internet)
            .map(|x| &*x.subject)
            .collect()
    };
    assert_eq!(mgmt001(true), ["Junos J-Web http", "Junos ssh", "Junos telnet"].into_iter().collect());
    let inside = mgmt001(false);
    assert_eq!(inside, ["Junos SNMP community (read-only)"].into_iter().collect());
    let net001 = f.iter().find(|x| x.rule == "NET001").unwrap();
    assert!(net001.message(Lang::En).contains("CVE-2023-36845"));
}

/// The good sample (`display set`): nothing to report.
#[test]
fn good_sample_is_clean() {
    let text = read("samples/junos/good.conf");
    let p = parse(&text);
    assert_eq!(p.unrecognized_lines, 0, "{:?}", p.diagnostics);
    let f = findings(&text);
    assert!(
        f.is_empty(),
        "{:?}",
        f.iter().map(|x| format!("{} {}", x.rule, x.message(Lang::En))).collect::<Vec<_>>()
    );
    let m = &p.model;
    assert_eq!(m.vpn_tunnels.len(), 1);
    let t = &m.vpn_tunnels[0];
    assert_eq!(t.ike_version.as_ref().unwrap().value, 2);
    assert_eq!(t.local_auth.as_ref().unwrap().value, AuthMethod::Certificate);
    assert!(t.pfs.as_ref().unwrap().value);
    assert!(m.time_sources.iter().all(|t| t.authenticated));
    assert!(m.mgmt_services.iter().all(|s| matches!(s.reachable_from.value, Reachability::Restricted(_))));
}

/// One configuration in both forms gives the same verdicts.
#[test]
fn hierarchical_and_set_forms_judge_alike() {
    let hier = "version 21.4R3-S4.9;\nsystem {\n    host-name gw;\n    services {\n        telnet;\n        web-management {\n            https {\n                system-generated-certificate;\n            }\n        }\n    }\n    ntp {\n        server 192.168.1.5;\n    }\n}\ninterfaces {\n    ge-0/0/0 {\n        unit 0 {\n            family inet {\n                dhcp;\n            }\n        }\n    }\n}\nsecurity {\n    zones {\n        security-zone untrust {\n            interfaces {\n                ge-0/0/0.0 {\n                    host-inbound-traffic {\n                        system-services {\n                            all;\n                            telnet {\n                                except;\n                            }\n                        }\n                    }\n                }\n            }\n        }\n    }\n}\n";
    let flat = "set version 21.4R3-S4.9\nset system host-name gw\nset system services telnet\nset system services web-management https system-generated-certificate\nset system ntp server 192.168.1.5\nset interfaces ge-0/0/0 unit 0 family inet dhcp\nset security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services all\nset security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services telnet except\n";
    let key = |t: &str| -> Vec<(String, String, u32)> {
        let mut v: Vec<_> = findings(t).iter().map(|f| (f.rule.to_string(), f.subject.to_string(), 0)).collect();
        v.sort();
        v
    };
    assert_eq!(key(hier), key(flat));
    let f = findings(flat);
    // https on the DHCP (carrier) interface: exposed; telnet excepted there: not exposed.
    let exposed: Vec<&str> = f.iter().filter(|x| x.rule == "MGMT001").map(|x| &*x.subject).collect();
    assert_eq!(exposed, ["Junos J-Web https"]);
    assert!(f.iter().any(|x| x.rule == "NET001"), "J-Web on an SRX at 21.4R3-S4");
}

/// Real public configuration: an IBM Cloud vSRX `show security` (IKEv1, group 2, a 6-character PSK).
#[test]
fn real_vsrx_security_section() {
    let text = read("tests/fixtures/junos/ibm-vsrx-security.conf");
    let p = parse(&text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    // The `$9$` PSK is reversible: MGMT004 as for Junos RADIUS secrets.
    assert_eq!(rules(&text), set(&["MGMT004", "MGMT007", "MGMT008", "VPN001", "VPN003", "VPN007", "VPN008"]));
    let f = findings(&text);
    let weak: Vec<String> = f.iter().filter(|x| x.rule == "VPN003").map(|x| x.message(Lang::En)).collect();
    assert!(weak.iter().all(|m| m.contains("modp1024")) && weak.len() == 2, "{weak:?}");
    let psk = p.model.secrets.iter().find(|s| s.kind == SecretKind::IpsecPsk).unwrap();
    assert_eq!(psk.storage, SecretStorage::Reversible);
    assert_eq!(psk.strength.unwrap().length, 6);
}

/// Real public configuration: IBM Cloud's route-based vSRX set commands (IKEv2, group 19,
/// PFS): only the PSK notes (site-to-site PSK, kept as reversible `$9$`) and the absent
/// logging/time sections.
#[test]
fn real_vsrx_route_based_set_commands() {
    let text = read("tests/fixtures/junos/ibm-vpc-route-based.set");
    let p = parse(&text);
    assert_eq!(p.unrecognized_lines, 0, "{:?}", p.diagnostics);
    assert_eq!(rules(&text), set(&["MGMT004", "MGMT007", "MGMT008", "VPN008"]));
    // 23.2R1-S1 is fixed for CVE-2023-36845, and J-Web is not configured anyway.
    assert_eq!(p.model.firmware[0].version, "23.2R1-S1.6");
}

/// Real public configuration: the default IBM Cloud ships on a vSRX (18.4R1-S1.3, J-Web,
/// redacted passwords). The lo0 input filter is taken as restricting J-Web on the public
/// port (its terms are not read), so no MGMT001 there.
#[test]
fn real_vsrx_default_configuration() {
    let text = read("tests/fixtures/junos/ibm-vsrx-default.conf");
    let p = parse(&text);
    assert_eq!(p.unrecognized_lines, 0, "{:?}", p.diagnostics);
    assert_eq!(rules(&text), set(&["MGMT003", "MGMT006", "MGMT007", "MGMT008", "NET001", "NET002"]));
    // The published passwords are placeholders: nothing about them is judged.
    assert!(p.model.secrets.iter().all(|s| s.strength.is_none()));
}

/// CVE-2023-36845: an affected release with J-Web on an SRX fires; the fixed release, a
/// device without J-Web, and a device kensa cannot tell is an EX or SRX do not.
#[test]
fn jweb_advisory_follows_release_feature_and_platform() {
    let conf = |v: &str, jweb: bool, srx: bool| {
        let mut t = format!("set version {v}\n");
        if jweb {
            t.push_str("set system services web-management https system-generated-certificate\n");
        }
        if srx {
            t.push_str("set security zones security-zone trust interfaces ge-0/0/1.0\n");
        }
        t
    };
    let kev = |t: &str| findings(t).iter().any(|f| f.rule == "NET001" && f.message(Lang::En).contains("CVE-2023-36845"));
    assert!(kev(&conf("21.4R3-S4.9", true, true)));
    assert!(kev(&conf("12.1X46-D40.2", true, true)));
    assert!(!kev(&conf("21.4R3-S5.4", true, true)));
    assert!(!kev(&conf("22.4R3.25", true, true)));
    assert!(!kev(&conf("21.4R3-S4.9", false, true)));
    assert!(!kev(&conf("21.4R3-S4.9", true, false)));
    let ex = "set version 20.4R3-S1.3\nset system services web-management http\nset poe interface all\n";
    assert!(kev(ex), "an EX (PoE) with J-Web");
}

/// Each way Junos keeps a secret: `$1$` MD5-crypt is a weak hash, `$6$` a strong one,
/// `$9$` reversible (decoded and measured), `$8$` encrypted under the master password, a
/// community in clear, and a redacted value unreadable.
#[test]
fn secret_storage_forms() {
    let t = "set system root-authentication encrypted-password \"$1$aB3dE5fG$hIjKlMnOpQrStUvWxYz012\"
set system login user a class super-user
set system login user a authentication encrypted-password \"$6$q1W2e3R4$T5y6U7i8O9p0\"
set system login user b authentication encrypted-password \"<removed>\"
set system login user c authentication plain-text-password-value \"Kensa2024\"
set security ike policy P pre-shared-key ascii-text \"$9$ICLRclws4ZDkwYDkqm3n/CtpBEcyl\"
set system radius-server 192.0.2.9 secret \"$8$aes256-gcm$hmac-sha2-256$100$q1Zmq/vyuAo$2nvM1gxzcmc$6ZAZnxtUWfUpyvHjFzIqqg$bdJCv\"
set snmp community hospital-ro authorization read-only
";
    let p = parse(t);
    let by = |subject: &str| {
        p.model
            .secrets
            .iter()
            .find(|s| s.subject == subject)
            .unwrap_or_else(|| panic!("{subject}: {:?}", p.model.secrets))
    };
    assert_eq!(by("Junos root-authentication").storage, SecretStorage::WeakHash);
    assert_eq!(by("Junos login user a").storage, SecretStorage::StrongHash);
    assert_eq!(by("Junos login user b").storage, SecretStorage::Redacted);
    assert_eq!(by("Junos login user c").storage, SecretStorage::Plaintext);
    let psk = by("Junos IKE policy P");
    assert_eq!(psk.storage, SecretStorage::Reversible);
    assert_eq!(psk.strength.unwrap().length, 9, "$9$ of hospital1, decoded and measured");
    assert_eq!(by("Junos RADIUS server 192.0.2.9").storage, SecretStorage::DeviceEncrypted);
    assert_eq!(by("Junos SNMP community (read-only)").storage, SecretStorage::Plaintext);
    for s in &p.model.secrets {
        assert!(s.origin.evidence.contains("****"), "{}", s.origin.evidence);
    }
}

/// Issue 17 §3: the internet claim only where the config says the interface faces out. A
/// service allowed in a zone of private interfaces is inside; one no zone allows answers
/// only on the management port; a lo0 input filter restricts every service.
#[test]
fn exposure_follows_zones_addresses_and_the_routing_engine_filter() {
    let base = "set system services ssh\nset interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24\nset security zones security-zone trust interfaces ge-0/0/1.0 host-inbound-traffic system-services ssh\n";
    let mgmt = |t: &str| {
        findings(t)
            .into_iter()
            .filter(|f| f.rule == "MGMT001")
            .map(|f| f.message(Lang::En))
            .collect::<Vec<_>>()
    };
    // SSH let in by the trust zone, no lo0 filter: every host inside reaches it.
    let inside = mgmt(base);
    assert!(
        inside.len() == 1 && inside[0].contains("not restricted to maintenance hosts (any host on the ge-0/0/1.0 side"),
        "{inside:?}"
    );
    // Let in by no zone: only the out-of-band port fxp0 answers, the management network.
    assert!(mgmt("set system services ssh\nset security zones security-zone trust interfaces ge-0/0/1.0\n").is_empty());
    // A zone named untrust with a private address: taken as the internet side, and said.
    let named = format!("{base}set interfaces ge-0/0/0 unit 0 family inet address 192.168.100.2/24\nset security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ssh\n");
    let f = findings(&named);
    let m = f.iter().find(|x| x.rule == "MGMT001").expect("untrust zone");
    assert!(m.message(Lang::En).contains("internet side"));
    let p = parse(&named);
    let wan = p.model.interfaces.iter().find(|i| i.name == "ge-0/0/0.0").unwrap();
    assert_eq!(wan.zone, InterfaceZone::External);
    assert!(wan.origin.evidence.contains("zone named untrust"), "{}", wan.origin.evidence);
    assert!(!wan.origin.evidence_in(Lang::Ja).contains("taken as"), "{}", wan.origin.evidence_in(Lang::Ja));
    // The same zone with a differently named zone and a private address: inside.
    let other = named.replace("untrust", "branch");
    assert!(mgmt(&other).iter().all(|m| !m.contains("internet")), "{:?}", mgmt(&other));
    // The routing engine's own filter restricts it.
    let filtered = format!("{named}set interfaces lo0 unit 0 family inet filter input PROTECT-RE\n");
    assert!(mgmt(&filtered).is_empty());
    // Not an SRX: services answer on every interface; a public address faces out.
    let router = "set system services telnet\nset interfaces ge-0/0/0 unit 0 family inet address 203.0.113.5/30\n";
    assert!(mgmt(router).iter().any(|m| m.contains("ge-0/0/0.0")));
    let inside = "set system services telnet\nset interfaces ge-0/0/0 unit 0 family inet address 10.0.0.5/24\n";
    assert!(mgmt(inside).iter().all(|m| !m.contains("internet")));
    // A switch's default route leads to the core router, not out: no internet claim; an
    // SRX's leads out.
    let switch = "set system services telnet\nset interfaces irb unit 10 family inet address 192.168.10.2/24\nset routing-options static route 0.0.0.0/0 next-hop 192.168.10.1\n";
    let m = mgmt(switch);
    assert!(m.len() == 1 && !m[0].contains("internet"), "{m:?}");
    let srx = format!("{switch}set security zones security-zone wan interfaces irb.10 host-inbound-traffic system-services telnet\n");
    assert!(mgmt(&srx).iter().any(|m| m.contains("internet side (irb.10)")), "{:?}", mgmt(&srx));
}

/// What the running configuration leaves out is not judged: `inactive:` blocks,
/// `deactivate` lines, groups nobody applies. Applied groups count.
#[test]
fn inactive_deactivated_and_unapplied_config_is_not_judged() {
    let hier = "system {\n    inactive: services {\n        telnet;\n    }\n}\n";
    assert!(parse(hier).model.mgmt_services.is_empty());
    let flat = "set system services telnet\ndeactivate system services telnet\n";
    assert!(parse(flat).model.mgmt_services.is_empty());
    let unapplied = "set groups lab system services telnet\n";
    assert!(parse(unapplied).model.mgmt_services.is_empty());
    let applied = "set groups lab system services telnet\nset apply-groups lab\n";
    assert_eq!(parse(applied).model.mgmt_services.len(), 1);
}

/// Several leaves of one container on one `set` line, as hand-written configurations do.
#[test]
fn flat_runs_of_leaves_are_read() {
    let t = "set security ike proposal P authentication-method pre-shared-keys dh-group group2 encryption-algorithm 3des-cbc
set security ike policy IP mode aggressive proposals P pre-shared-key ascii-text \"$9$ICLRclws4ZDkwYDkqm3n/CtpBEcyl\"
set security ike gateway G ike-policy IP address 198.51.100.1 external-interface ge-0/0/0.0
set security ipsec vpn V ike gateway G
";
    let r = rules(t);
    assert!(r.contains("VPN002") && r.contains("VPN003") && r.contains("VPN007"), "{r:?}");
    let p = parse(t);
    let psk = p.model.secrets.iter().find(|s| s.kind == SecretKind::IpsecPsk).unwrap();
    assert!(!psk.origin.evidence.contains("$9$"), "{}", psk.origin.evidence);
}

/// Hostile input: deep nesting, unbalanced braces, a huge flat file: diagnostics, no panic.
#[test]
fn hostile_input_gives_diagnostics_not_panics() {
    let deep = "a {".repeat(50_000);
    let p = parse(&deep);
    assert!(!p.diagnostics.is_empty());
    let p = parse("system {\n services {\n telnet;\n");
    assert!(!p.diagnostics.is_empty());
    assert_eq!(p.model.mgmt_services.len(), 1, "the statements read before the end count");
    let many: String = (0..20_000).map(|i| format!("set snmp community c{i} authorization read-only\n")).collect();
    let p = parse(&many);
    assert!(p.model.secrets.len() <= 10_000);
}

/// Detection: both forms are Junos; VyOS `set` lines and a Cisco config are not.
#[test]
fn detection_needs_junos_vocabulary() {
    let detect = |name: &str, text: &str| kensa::formats::detect::detect(std::path::Path::new(name), text).map(|f| f.name());
    assert_eq!(detect("srx.txt", &read("samples/junos/bad.conf")), Some("junos"));
    assert_eq!(detect("srx.txt", &read("samples/junos/good.conf")), Some("junos"));
    assert_eq!(detect("x.conf", &read("tests/fixtures/junos/ibm-vsrx-security.conf")), Some("junos"));
    let vyos = "set system host-name vyos\nset interfaces ethernet eth0 address dhcp\nset service ssh port 22\nset protocols static route 0.0.0.0/0 next-hop 192.0.2.1\nset firewall name WAN default-action drop\n";
    assert_ne!(detect("vyos.conf", vyos), Some("junos"));
    assert_ne!(
        detect(
            "r.conf",
            "version 15.2\nhostname r1\ninterface Gi0/0\n ip address 10.0.0.1 255.0.0.0\nline vty 0 4\nend\n"
        ),
        Some("junos")
    );
}

const CANARY: &str = "KENSA-CANARY-7f3a9";
/// The canary as Junos stores it (`$9$`).
const CANARY_9: &str = "$9$ICLcrKXx-24Jn/Cp0IhclevW8xJZDiH.0Bw24ZDj0B1EclM8X7NbXx";

/// No output format, in either language, prints a Junos secret: in clear or as its `$9$`
/// text, in every position Junos writes one, well-formed or not.
#[test]
fn canary_never_appears_in_any_output() {
    let text = format!(
        "set version 21.4R3-S4.9
set system root-authentication plain-text-password-value \"{CANARY}\"
set system login user admin class super-user
set system login user admin authentication plain-text-password-value {CANARY}
set system radius-server 192.0.2.9 secret \"{CANARY_9}\"
set system tacplus-server 192.0.2.10 secret {CANARY}
set system ntp authentication-key 1 type md5 value \"{CANARY_9}\"
set snmp community {CANARY} authorization read-write
set snmp community {CANARY} clients 192.0.2.0/24
set snmp v3 usm local-engine user nms authentication-sha authentication-key \"{CANARY_9}\"
set security ike policy P pre-shared-key ascii-text \"{CANARY_9}\"
set security ike policy Q mode main proposals X pre-shared-key hexadecimal {CANARY}
set interfaces pp0 unit 0 ppp-options chap default-chap-secret \"{CANARY_9}\"
set interfaces pp0 unit 0 family inet negotiate-address
set protocols ospf area 0 interface ge-0/0/0.0 authentication md5 1 key \"{CANARY_9}\"
set frobnicate {CANARY}
set {CANARY}
set snmp community
"
    );
    let hier = format!("system {{\n    root-authentication {{\n        encrypted-password \"{CANARY_9}\";\n    }}\n    login {{\n        user x {{\n            authentication {{\n                encrypted-password {CANARY};\n            }}\n        }}\n    }}\n}}\nsnmp {{\n    community \"{CANARY}\" {{\n        authorization read-only;\n    }}\n}}\nfoo {CANARY} {{\n    bar {CANARY}\n}}\n");
    let dir = tempfile::tempdir().unwrap();
    let mut leaks = Vec::new();
    for (name, t) in [("srx.set", &text), ("srx.conf", &hier)] {
        let path = dir.path().join(name);
        std::fs::write(&path, t).unwrap();
        for secret in [CANARY, CANARY_9, &CANARY_9[3..]] {
            leaks.extend(crate::secrets_canary::leaks_in_every_output("junos", &path, secret));
        }
    }
    assert!(leaks.is_empty(), "secret leaked:\n{}", leaks.join("\n"));
    // The canary file is judged, not skipped.
    let p = parse(&text);
    assert!(
        p.model.secrets.len() >= 8,
        "{:?}",
        p.model.secrets.iter().map(|s| &s.subject).collect::<Vec<_>>()
    );
}
