//! Golden findings for the wireless samples: the bad ones report what their comments
//! describe, the good ones stay clean.

use kensa::formats::parse_path;
use kensa::policy::TlsPolicy;
use kensa::rules::Engine;
use std::path::Path;

fn rules_of(rel: &str) -> Vec<&'static str> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let input = parse_path(&p, rel, None, 0);
    assert!(input.error().is_none(), "{rel}: {:?}", input.error());
    assert_eq!(input.unrecognized_lines, 0, "{rel}");
    let mut v: Vec<&str> = Engine::new(TlsPolicy::builtin(), 0).check(&input.model).iter().map(|f| f.rule).collect();
    v.sort();
    v
}

#[test]
fn wireless_samples() {
    let cases: &[(&str, &[&str])] = &[
        // MGMT004 (14-6): hostapd.conf can hold the RADIUS shared secrets only in clear
        // (auth_server_shared_secret, acct_server_shared_secret); the wireless side is good.
        ("samples/hostapd/hostapd-ward-good.conf", &["MGMT004", "MGMT004"]),
        (
            "samples/hostapd/hostapd-legacy-bad.conf",
            &[
                "WLAN001", "WLAN002", "WLAN004", "WLAN005", "WLAN005", "WLAN006", "WLAN007", "WLAN009", "WLAN011", "WLAN011",
            ],
        ),
        ("samples/wpa_supplicant/wpa_supplicant-good.conf", &[]),
        // MGMT004 (14-6): the EAP password is stored in clear in the file.
        (
            "samples/wpa_supplicant/wpa_supplicant-bad.conf",
            &["MGMT004", "WLAN003", "WLAN003", "WLAN007", "WLAN010"],
        ),
        ("samples/networkmanager/HOSP-STAFF.nmconnection", &[]),
        ("samples/networkmanager/CLINIC-WIFI.nmconnection", &["WLAN003", "WLAN007", "WLAN011"]),
        // MGMT004 (14-6): the 802.1X password is stored in the keyfile in clear.
        ("samples/networkmanager/HOSP-STAFF-peap-bad.nmconnection", &["MGMT004", "WLAN003", "WLAN010"]),
        ("samples/windows-wlan/HOSP-STAFF-eaptls-good.xml", &[]),
        ("samples/windows-wlan/HOSP-STAFF-peap-bad.xml", &["WLAN010"]),
        ("samples/windows-wlan/CLINIC-WIFI-wpapsk-bad.xml", &["WLAN002", "WLAN007"]),
        // The same profile as Windows PowerShell 5.1 redirection writes it: UTF-16LE with a
        // BOM and CRLF line ends.
        ("samples/windows-wlan/CLINIC-WIFI-wpapsk-bad-utf16.xml", &["WLAN002", "WLAN007"]),
    ];
    for (path, want) in cases {
        assert_eq!(rules_of(path), *want, "{path}");
    }
}

/// The UTF-16 copy gives the same findings at the same lines and columns as the UTF-8
/// original, and no diagnostic (the BOM says what it is).
#[test]
fn utf16_profile_reads_like_its_utf8_original() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let at = |rel: &str| {
        let input = parse_path(&root.join(rel), rel, None, 0);
        assert!(input.diagnostics.is_empty(), "{rel}: {:?}", input.diagnostics);
        assert_eq!(input.format, Some(kensa::formats::Format::WlanXml), "{rel}");
        let mut v: Vec<(&str, u32, u32, String)> = Engine::new(TlsPolicy::builtin(), 0)
            .check(&input.model)
            .iter()
            .map(|f| (f.rule, f.origin.line, f.origin.column, f.origin.evidence.to_string()))
            .collect();
        v.sort();
        v
    };
    let utf8 = at("samples/windows-wlan/CLINIC-WIFI-wpapsk-bad.xml");
    assert_eq!(utf8.len(), 2);
    assert_eq!(at("samples/windows-wlan/CLINIC-WIFI-wpapsk-bad-utf16.xml"), utf8);
}
