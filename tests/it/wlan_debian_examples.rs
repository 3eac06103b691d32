//! kensa over the wireless examples Debian ships: hostapd's reference hostapd.conf and
//! wpasupplicant's examples directory, as unpacked by `scripts/fetch-test-inputs.sh`
//! (nothing installed; a missing tree fails with that command).

use crate::test_inputs;

use kensa::formats::{parse_path, Format, ParsedInput};
use kensa::policy::TlsPolicy;
use kensa::rules::{Engine, Finding};
use std::path::{Path, PathBuf};

fn hostapd_conf() -> PathBuf {
    test_inputs::debian_file("hostapd", "/usr/share/doc/hostapd/examples/hostapd.conf")
}
fn wpa_examples() -> PathBuf {
    test_inputs::debian_file("wpasupplicant", "/usr/share/doc/wpasupplicant/examples/wpa2-eap-ccmp.conf")
        .parent()
        .unwrap()
        .to_path_buf()
}

fn lint(path: &Path) -> (ParsedInput, Vec<Finding>) {
    let input = parse_path(path, &path.to_string_lossy(), None, 0);
    let findings = Engine::new(TlsPolicy::builtin(), 0).check(&input.model);
    (input, findings)
}

fn codes(f: &[Finding]) -> Vec<&'static str> {
    let mut v: Vec<&str> = f.iter().map(|f| f.rule).collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn hostapd_reference_config_is_an_open_ap() {
    let (input, findings) = lint(&hostapd_conf());
    assert_eq!(input.format, Some(Format::Hostapd));
    assert!(input.error().is_none(), "parse error: {:?}", input.error());
    assert_eq!(input.unrecognized_lines, 0);
    assert_eq!(input.model.wlans.len(), 1, "one BSS (the bss= sections are commented out)");
    let w = &input.model.wlans[0];
    assert_eq!(w.ssid.as_deref(), Some("test"));
    // No wpa= line: hostapd's default wpa=0 is an open AP, and the finding says so.
    let open: Vec<&Finding> = findings.iter().filter(|f| f.rule == "WLAN001").collect();
    assert_eq!(open.len(), 1, "{:?}", codes(&findings));
    assert!(open[0].origin.evidence.contains("wpa not set"), "{}", open[0].origin.evidence);
    // ignore_broadcast_ssid=0 and hw_mode=g are written out in the file.
    assert!(codes(&findings).contains(&"WLAN005"));
    assert!(codes(&findings).contains(&"WLAN011"));
}

#[test]
fn wpasupplicant_examples() {
    let examples = wpa_examples();
    let mut entries: Vec<_> = std::fs::read_dir(&examples).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    let mut seen = 0;
    for p in &entries {
        let (input, _) = lint(p);
        if input.format.is_none() {
            // udhcpd-p2p.conf is a udhcpd config, not wpa_supplicant's.
            continue;
        }
        seen += 1;
        assert!(input.error().is_none(), "{}: parse error {:?}", p.display(), input.error());
        assert_eq!(input.unrecognized_lines, 0, "{}", p.display());
    }
    assert!(seen >= 8, "only {seen} example files recognised");

    let file = |n: &str| lint(&examples.join(n));
    let (_, f) = file("plaintext.conf");
    assert_eq!(codes(&f), ["WLAN001"], "open network");
    let (_, f) = file("wep.conf");
    assert!(codes(&f).contains(&"WLAN001"), "static WEP: {:?}", codes(&f));
    let (_, f) = file("ieee8021x.conf");
    assert!(codes(&f).contains(&"WLAN001"), "dynamic WEP (key_mgmt=IEEE8021X): {:?}", codes(&f));
    let (_, f) = file("wpa-psk-tkip.conf");
    assert!(codes(&f).contains(&"WLAN002"), "WPA/TKIP: {:?}", codes(&f));
    // "secret passphrase" is 17 characters: long enough, and not in the common list.
    assert!(!codes(&f).contains(&"WLAN007"));
    let (_, f) = file("wpa-roam.conf");
    assert!(codes(&f).contains(&"WLAN001"), "roam template associates with any open AP");

    // WPA2-EAP/CCMP with EAP-TLS and a ca_cert: clean except WLAN010, because the example
    // pins the CA but sets no domain_suffix_match/domain_match, so any certificate that
    // CA ever issued (another client's, for instance) would be accepted as the RADIUS
    // server. That is exactly the 13-9 gap the rule exists for. MGMT004 (14-6): the
    // example keeps private_key_passwd in clear in the file.
    let (input, f) = file("wpa2-eap-ccmp.conf");
    assert_eq!(
        codes(&f),
        ["MGMT004", "WLAN010"],
        "{:?}",
        f.iter().map(|x| x.message(kensa::i18n::Lang::En)).collect::<Vec<_>>()
    );
    let w = &input.model.wlans[0];
    assert!(w.ca_pinned.as_ref().is_some_and(|s| s.value));
    assert!(w.server_name_matched.as_ref().is_some_and(|s| !s.value));
    // The private key passphrase is recorded as a secret and masked in evidence.
    assert!(input.model.secrets.iter().any(|s| s.origin.evidence.contains("****")));
    assert!(!input.model.secrets.iter().any(|s| s.origin.evidence.contains("PKCS#12 passhrase")));
}
