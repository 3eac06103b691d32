//! Issue 17 §3: "accepts connections from the internet side" only where the config says
//! the interface faces outward (FortiOS `role wan` or a carrier/public address, Cisco `ip
//! nat outside`, a public address or the default route's egress, YAMAHA `pp` / `nat
//! descriptor` / DHCP / public address). Elsewhere an unrestricted management service is
//! "not restricted to maintenance hosts", without the internet claim; a name or a
//! description ("wan2", "WAN to ISP") is not the config saying so.

use kensa::formats::{parse_text, Format};
use kensa::i18n::Lang;
use kensa::policy::TlsPolicy;
use kensa::rules::{Engine, Finding};

const NOW: i64 = 1_796_083_200;

fn findings(format: Format, text: &str) -> Vec<Finding> {
    let input = parse_text(format, "r.conf", text);
    Engine::new(TlsPolicy::builtin(), NOW).check(&input.model)
}

/// (MGMT001 messages in English and Japanese, NET002 interface subjects).
fn exposure(format: Format, text: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let f = findings(format, text);
    let mgmt = f.iter().filter(|x| x.rule == "MGMT001");
    let en = mgmt.clone().map(|x| x.message(Lang::En)).collect();
    let ja = mgmt.map(|x| x.message(Lang::Ja)).collect();
    let net = f
        .iter()
        .filter(|x| x.rule == "NET002" && x.subject.starts_with("interface"))
        .map(|x| x.subject.to_string())
        .collect();
    (en, ja, net)
}

fn claims_internet(en: &[String], ja: &[String]) -> bool {
    en.iter().any(|m| m.contains("internet")) || ja.iter().any(|m| m.contains("インターネット"))
}

const CISCO: &str = "version 15.2\nhostname r1\ninterface GigabitEthernet0/0\n description WAN to ISP\n ip address 192.168.10.1 255.255.255.0\ninterface GigabitEthernet0/1\n ip address 10.0.0.1 255.255.255.0\n{EXTRA}line vty 0 4\n transport input ssh\nend\n";

#[test]
fn cisco_claims_internet_only_where_the_config_says_so() {
    // Private addresses, a description saying "WAN": no interface is known to face out.
    let (en, ja, net) = exposure(Format::CiscoIos, &CISCO.replace("{EXTRA}", ""));
    assert!(!en.is_empty(), "vty without access-class must still be reported");
    assert!(!claims_internet(&en, &ja), "{en:?} {ja:?}");
    assert!(en.iter().all(|m| m.contains("not restricted to maintenance hosts")), "{en:?}");
    assert!(net.is_empty(), "{net:?}");
    // The default route's egress faces out.
    let (_, _, net) = exposure(Format::CiscoIos, &CISCO.replace("{EXTRA}", "ip route 0.0.0.0 0.0.0.0 192.168.10.254\n"));
    assert_eq!(net, ["interface GigabitEthernet0/0"]);
    let (_, _, net) = exposure(Format::CiscoIos, &CISCO.replace("{EXTRA}", "ip route 0.0.0.0 0.0.0.0 GigabitEthernet0/1\n"));
    assert_eq!(net, ["interface GigabitEthernet0/1"]);
    // A public address faces out; `ip nat outside` does.
    let public = CISCO.replace("10.0.0.1 255.255.255.0", "203.0.113.2 255.255.255.252");
    let (_, _, net) = exposure(Format::CiscoIos, &public.replace("{EXTRA}", ""));
    assert_eq!(net, ["interface GigabitEthernet0/1"]);
    let nat = CISCO.replace("10.0.0.1 255.255.255.0\n", "10.0.0.1 255.255.255.0\n ip nat outside\n");
    let (_, _, net) = exposure(Format::CiscoIos, &nat.replace("{EXTRA}", ""));
    assert_eq!(net, ["interface GigabitEthernet0/1"]);
}

const FORTI: &str = "#config-version=FG60E-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin\nconfig system interface\n    edit \"wan2\"\n        set ip 192.168.50.1 255.255.255.0\n        set allowaccess ping https ssh\n{EXTRA}    next\nend\n";

#[test]
fn fortios_claims_internet_for_role_wan_or_a_carrier_address_not_a_name() {
    let (en, ja, _) = exposure(Format::Fortios, &FORTI.replace("{EXTRA}", ""));
    assert_eq!(en.len(), 2, "{en:?}");
    assert!(!claims_internet(&en, &ja), "{en:?}");
    for extra in ["        set role wan\n", "        set mode dhcp\n", "        set mode pppoe\n"] {
        let (en, ja, _) = exposure(Format::Fortios, &FORTI.replace("{EXTRA}", extra));
        assert!(en.len() == 2 && claims_internet(&en, &ja), "{extra}: {en:?}");
    }
    let public = FORTI.replace("192.168.50.1", "203.0.113.10").replace("{EXTRA}", "");
    let (en, ja, _) = exposure(Format::Fortios, &public);
    assert!(claims_internet(&en, &ja), "{en:?}");
    // `role lan` with a public address (a hospital's public DMZ range) is what it says.
    let lan = FORTI.replace("192.168.50.1", "203.0.113.10").replace("{EXTRA}", "        set role lan\n");
    let (en, ja, _) = exposure(Format::Fortios, &lan);
    assert!(!claims_internet(&en, &ja), "{en:?}");
}

#[test]
fn yamaha_tunnel_hosts_are_not_the_internet_side() {
    let base =
        "# RTX1210 Rev.14.01.38 (Fri Jun 26 16:34:11 2020)\nip lan1 address 192.168.100.1/24\nip lan2 address {LAN2}\nsshd service on\nsshd host {HOST}\n";
    let (en, ja, _) = exposure(Format::YamahaRtx, &base.replace("{LAN2}", "192.168.200.1/24").replace("{HOST}", "tunnel1"));
    assert!(!claims_internet(&en, &ja), "{en:?}");
    let (en, ja, _) = exposure(Format::YamahaRtx, &base.replace("{LAN2}", "dhcp").replace("{HOST}", "lan2"));
    assert!(claims_internet(&en, &ja), "{en:?}");
    let (en, ja, _) = exposure(Format::YamahaRtx, &base.replace("{LAN2}", "203.0.113.2/29").replace("{HOST}", "lan2"));
    assert!(claims_internet(&en, &ja), "{en:?}");
}
