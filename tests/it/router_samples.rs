//! The router/firewall samples give the findings their comments promise: the bad ones show
//! the incident patterns (known-exploited FortiOS with SSL-VPN on the WAN, YAMAHA IPsec on
//! IKE defaults with `remote address any`, Cisco type 7 / telnet / public), the good ones
//! stay quiet apart from the notes listed here.

use crate::router_support;

use kensa::formats::parse_path;
use kensa::rules::Severity;
use router_support::{judged, NOW};
use std::collections::BTreeSet;
use std::path::Path;

fn findings(rel: &str) -> Vec<(String, Severity, u32, String, String)> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let input = parse_path(&p, rel, None, NOW);
    assert!(input.format.is_some(), "{rel}: format not detected");
    assert!(input.error().is_none(), "{rel}: {:?}", input.error());
    assert_eq!(input.unrecognized_lines, 0, "{rel}: {:?}", input.diagnostics);
    judged(&input.model)
}

fn codes(v: &[(String, Severity, u32, String, String)]) -> BTreeSet<String> {
    v.iter().map(|f| f.0.clone()).collect()
}

fn has(v: &[(String, Severity, u32, String, String)], rule: &str, subject_part: &str, evidence_part: &str) -> bool {
    v.iter().any(|f| f.0 == rule && f.3.contains(subject_part) && f.4.contains(evidence_part))
}

#[test]
fn fortigate_bad_is_the_handa_pattern() {
    let f = findings("samples/fortigate/bad.conf");
    for cve in ["CVE-2018-13379", "CVE-2022-42475", "CVE-2023-27997", "CVE-2024-21762"] {
        assert!(has(&f, "NET001", cve, "#config-version=FG60E-6.0.4"), "{cve}");
    }
    assert!(has(&f, "MGMT001", "https on wan1", "set allowaccess ping https ssh"));
    assert!(has(&f, "MGMT001", "ssh on wan1", ""));
    assert!(has(&f, "MGMT002", "admin admin", "trusthost1..10 not set"));
    assert!(has(&f, "MGMT006", "remote-access user hoshu01", "two-factor not set"));
    assert!(has(&f, "VPN017", "SSL-VPN on wan1", "split-tunneling not set: default enable"));
    assert!(has(&f, "VPN011", "SSL-VPN on wan1", "tlsv1-0/tlsv1-1 not set: default tlsv1-1 enable"));
    // One setting, one finding: the SSL-VPN's minimum version is VPN011's, not TLS001/TLS002's.
    assert!(!has(&f, "TLS001", "SSL-VPN on wan1", ""));
    assert!(!has(&f, "TLS002", "SSL-VPN on wan1", ""));
    assert!(has(&f, "TLS001", "admin GUI", ""), "the admin GUI has no VPN setting: TLS001 judges it");
    assert!(has(&f, "VPN102", "SSL-VPN", ""));
    assert!(has(&f, "VPN002", "to-vendor", "set mode aggressive"));
    assert!(has(&f, "VPN006", "to-vendor", "set type dynamic"));
    assert!(has(&f, "NET004", "to-vendor", ""));
    assert!(has(&f, "MGMT005", "SNMP community", "set name ****"));
    assert!(has(&f, "MGMT007", "FG60E-BYOUIN", ""));
}

#[test]
fn yamaha_bad_relies_on_ike_defaults() {
    let f = findings("samples/yamaha-rtx/bad.conf");
    assert!(has(&f, "VPN003", "gateway 1", "(ipsec ike encryption not set: default 3des-cbc)"));
    assert!(has(&f, "VPN001", "gateway 1", "(ipsec ike version not set: default 1)"));
    assert!(has(&f, "VPN004", "gateway 1", "(ipsec ike pfs not set: default off)"));
    assert!(has(&f, "VPN005", "gateway 1", "negotiate-strictly not set"));
    assert!(has(&f, "VPN006", "gateway 1", "ipsec ike remote address 1 any"));
    assert!(has(&f, "VPN007", "gateway 2", "ipsec ike pre-shared-key 2 text ****"));
    assert!(has(&f, "MGMT004", "PPP user vpnuser", "pp auth username vpnuser ****"));
    assert!(has(&f, "MGMT004", "login user admin", ""));
    assert!(has(&f, "MGMT005", "login password", "(login password not set: empty)"));
    assert!(has(&f, "MGMT003", "telnetd", "telnetd service not set: default on"));
    assert!(has(&f, "MGMT001", "telnetd", "telnetd host any"));
    assert!(has(&f, "NET002", "pp 1", "secure filter in not set"));
    // The defaulted findings point at the tunnel that relies on the default.
    let t = f.iter().find(|x| x.0 == "VPN003" && x.4.contains("3des-cbc")).unwrap();
    assert_eq!(t.2, 37, "tunnel select 1 is line 37");
}

#[test]
fn cisco_bad_shows_type7_telnet_and_communities() {
    let f = findings("samples/cisco-ios/bad.conf");
    assert!(has(&f, "MGMT004", "Cisco enable password", "enable password 7 ****"));
    assert!(has(&f, "MGMT004", "Cisco user admin", "password 7 ****"));
    assert!(has(&f, "MGMT003", "line vty 0 4 (telnet)", ""));
    assert!(has(&f, "MGMT003", "Cisco ip http server", "ip http server"));
    assert!(has(&f, "MGMT005", "SNMP community (RW)", "snmp-server community ****"));
    assert!(has(&f, "NET002", "CLINIC-RTR", "IOS default ip source-route on"));
    assert!(has(&f, "VPN002", "dynamic-map DYN 10", "aggressive-mode disable not set"));
    assert!(has(&f, "VPN003", "dynamic-map DYN 10", "encr 3des"));
    assert!(has(&f, "VPN006", "dynamic-map DYN 10", "0.0.0.0 0.0.0.0"));
}

#[test]
fn good_samples_stay_quiet() {
    let f = findings("samples/fortigate/good.conf");
    assert!(f.is_empty(), "{f:#?}");
    let f = findings("samples/cisco-ios/good.conf");
    assert!(f.is_empty(), "{f:#?}");
    // RTX cannot authenticate ntpdate or use certificates with this setup, and holds its
    // pre-shared key only in clear: notes only.
    let f = findings("samples/yamaha-rtx/good.conf");
    assert_eq!(codes(&f), ["MGMT004", "MGMT008", "VPN008"].iter().map(|s| s.to_string()).collect(), "{f:#?}");
    assert!(f.iter().all(|x| x.1 == Severity::Info), "{f:#?}");
}
