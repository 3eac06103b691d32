//! Inputs that do not show they are a whole configuration (issue 17 §3): findings that rest
//! on a setting the input does not hold are said as holding only for a whole configuration
//! (info, with the note), and the same file with its whole-configuration marker keeps them
//! as before. Real public files: Oracle's YAMAHA RTX tunnel template and a NetScaler script
//! for an appliance already running (sources in their first lines).

use kensa::formats::{parse_text, Format};
use kensa::i18n::Lang;
use kensa::policy::TlsPolicy;
use kensa::rules::{Engine, Finding, Severity};

use crate::router_support::NOW;

fn findings(format: Format, text: &str) -> Vec<Finding> {
    let input = parse_text(format, "input.conf", text);
    Engine::new(TlsPolicy::builtin(), NOW).check(&input.model)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn find<'a>(f: &'a [Finding], rule: &str, subject: &str) -> &'a Finding {
    f.iter()
        .find(|x| x.rule == rule && &*x.subject == subject)
        .unwrap_or_else(|| panic!("{rule} {subject}: {f:#?}"))
}

/// A tunnel-only YAMAHA template has no `login password` line because it is a part, not
/// because the router has none: MGMT005 says so, as does every other absence (syslog, NTP,
/// the daemons' defaults); the tunnels' own findings keep their severity.
#[test]
fn yamaha_tunnel_template_says_absences_hold_only_for_a_whole_config() {
    let text = read("tests/fixtures/real/yamaha-rtx/oci-yamaha-rtx.conf");
    let f = findings(Format::YamahaRtx, &text);
    for (rule, subject) in [("MGMT005", "YAMAHA login password"), ("MGMT007", "YAMAHA RTX"), ("MGMT008", "YAMAHA RTX")] {
        let x = find(&f, rule, subject);
        assert_eq!(x.severity, Severity::Info, "{x:#?}");
        assert!(
            x.origin.evidence.contains("not in this input, which has no # RTX… Rev.… line"),
            "{}",
            x.origin.evidence
        );
        let ja = x.origin.evidence_in(Lang::Ja);
        assert!(ja.contains("設定全体であればこの指摘が当てはまります"), "{ja}");
    }
    let vpn = f.iter().find(|x| x.rule == "VPN003").expect("VPN003");
    assert_eq!(vpn.severity, Severity::Error);
    assert!(!vpn.origin.evidence.contains("not in this input"));
    // The same lines under a `show config` header are a whole configuration: asserted.
    let whole = format!("# RTX1210 Rev.14.01.38 (Fri Jun 26 16:34:11 2020)\n{text}");
    let f = findings(Format::YamahaRtx, &whole);
    let x = find(&f, "MGMT005", "YAMAHA login password");
    assert_eq!(x.severity, Severity::Error);
    assert!(!x.origin.evidence.contains("not in this input"), "{}", x.origin.evidence);
}

/// A NetScaler script run on an appliance already set up (no `#NS` line, no NSIP) does not
/// say nsroot keeps its factory password; a saved ns.conf or a first setup does.
#[test]
fn netscaler_script_for_a_running_appliance_does_not_assert_the_factory_password() {
    let text = read("tests/fixtures/real/netscaler/ns-dbretty-storefront.conf");
    let f = findings(Format::Netscaler, &text);
    let x = find(&f, "MGMT005", "NetScaler system user nsroot");
    assert_eq!(x.severity, Severity::Info);
    assert!(x.origin.evidence.contains("which has no #NS… Build … line"), "{}", x.origin.evidence);
    for (marker, name) in [
        ("#NS13.1 Build 37.38\n", "version line"),
        ("set ns config -IPAddress 10.0.0.5 -netmask 255.255.255.0\n", "NSIP"),
    ] {
        let f = findings(Format::Netscaler, &format!("{marker}{text}"));
        let x = find(&f, "MGMT005", "NetScaler system user nsroot");
        assert_eq!(x.severity, Severity::Error, "{name}");
        assert!(!x.origin.evidence.contains("not in this input"), "{name}: {}", x.origin.evidence);
    }
}
