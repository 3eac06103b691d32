//! Wireless parsers: documented defaults, spans, multiple BSSes, namespaces, and bad input
//! turned into diagnostics with a line.

use kensa::formats::{parse_text, Format};
use kensa::model::{Band, Pmf, SecretStorage, WlanAuth, WlanCipher, WlanRole};

#[test]
fn hostapd_bss_sections_and_pairwise_defaults() {
    let text = "interface=wlan0\nhw_mode=a\nchannel=149\nssid=A\nwpa=2\nwpa_pairwise=CCMP\nieee80211w=1\n\nbss=wlan0_1\nssid=B\nwpa=2\nwpa_key_mgmt=SAE\nieee80211w=1\nsae_require_mfp=1\nsae_password=Long-enough-passphrase-1\n";
    let p = parse_text(Format::Hostapd, "h.conf", text);
    assert!(p.error().is_none(), "{:?}", p.diagnostics);
    assert_eq!(p.model.wlans.len(), 2);
    let (a, b) = (&p.model.wlans[0], &p.model.wlans[1]);
    assert_eq!(a.ssid.as_deref(), Some("A"));
    assert_eq!(a.auth.value, [WlanAuth::Wpa2Psk]);
    assert!(a.auth.defaulted, "wpa_key_mgmt defaulted to WPA-PSK");
    // rsn_pairwise absent: takes wpa_pairwise's value, pointing at that line.
    assert_eq!(a.pairwise.value, [WlanCipher::Ccmp]);
    assert!(a.pairwise.defaulted);
    assert_eq!(a.pairwise.origin.line, 6);
    // The second BSS starts from hostapd's defaults again, but shares the radio.
    assert_eq!(b.auth.value, [WlanAuth::Wpa3Sae]);
    assert_eq!(b.pairwise.value, [WlanCipher::Tkip], "no pairwise set in this BSS: hostapd default TKIP");
    assert_eq!(b.pmf.as_ref().unwrap().value, Pmf::Required, "SAE-only + sae_require_mfp");
    assert_eq!(b.bands.as_ref().unwrap().value, [Band::Ghz5]);
    assert_eq!(b.origin.line, 9);
    // The SAE password is measured, never kept.
    let s = p.model.secrets.iter().find(|s| s.subject.contains("sae_password")).unwrap();
    assert_eq!(s.strength.unwrap().length, 24);
    assert_eq!(&*s.origin.evidence, "sae_password=****");
}

#[test]
fn hostapd_wpa_without_pairwise_is_tkip_only() {
    let p = parse_text(Format::Hostapd, "h.conf", "interface=wlan0\nssid=X\nwpa=2\nwpa_passphrase=abcdefghijklmnop\n");
    let w = &p.model.wlans[0];
    assert_eq!(w.pairwise.value, [WlanCipher::Tkip]);
    assert!(w.pairwise.origin.evidence.contains("default TKIP"));
}

#[test]
fn hostapd_bad_line_is_a_diagnostic_with_a_line() {
    let p = parse_text(Format::Hostapd, "h.conf", "interface=wlan0\nssid=X\nthis is not a setting\nwpa=two\n");
    let e = p.error().expect("invalid line is an error, as hostapd refuses it");
    assert_eq!(e.line, 3);
    assert!(p.diagnostics.iter().any(|d| d.line == 4), "{:?}", p.diagnostics);
}

#[test]
fn wpa_supplicant_defaults_and_errors() {
    let p = parse_text(
        Format::WpaSupplicant,
        "w.conf",
        "network={\n ssid=\"X\" # comment\n psk=\"pass # not a comment\"\n}\nnetwork={\n ssid=\"Y\"\n",
    );
    let w = &p.model.wlans[0];
    assert_eq!(w.ssid.as_deref(), Some("X"));
    assert_eq!(w.auth.value, [WlanAuth::WpaPsk, WlanAuth::Wpa2Psk], "proto defaults to WPA RSN");
    assert_eq!(w.pairwise.value, [WlanCipher::Tkip, WlanCipher::Ccmp]);
    assert_eq!(p.model.secrets[0].strength.unwrap().length, 20, "# inside quotes belongs to the passphrase");
    let e = p.error().expect("unterminated network block");
    assert_eq!(e.line, 5);
}

#[test]
fn networkmanager_keyfile_defaults() {
    let text = "[connection]\nid=Staff\ntype=wifi\n\n[wifi]\nssid=Staff\nmode=ap\nhidden=true\nband=a\n\n[wifi-security]\nkey-mgmt=sae\npsk=Long-enough-passphrase-1\npsk-flags=1\n";
    let p = parse_text(Format::Nmconnection, "s.nmconnection", text);
    assert!(p.error().is_none(), "{:?}", p.diagnostics);
    let w = &p.model.wlans[0];
    assert_eq!(w.role, WlanRole::AccessPoint);
    assert_eq!(w.auth.value, [WlanAuth::Wpa3Sae]);
    assert!(!w.answers_broadcast_probe.as_ref().unwrap().value);
    assert_eq!(w.pmf.as_ref().unwrap().value, Pmf::Optional);
    assert!(w.pmf.as_ref().unwrap().defaulted);
    assert_eq!(p.model.secrets[0].storage, SecretStorage::External, "psk-flags=1: agent-owned");
    // Not Wi-Fi: nothing to judge, no error.
    let p = parse_text(Format::Nmconnection, "e.nmconnection", "[connection]\nid=eth\ntype=ethernet\n");
    assert!(p.model.wlans.is_empty() && p.error().is_none());
}

#[test]
fn windows_profile_with_prefixes_and_protected_key() {
    let text = r#"<?xml version="1.0"?>
<w:WLANProfile xmlns:w="http://www.microsoft.com/networking/WLAN/profile/v1">
  <w:name>Guest &amp; Visitors</w:name>
  <w:SSIDConfig><w:SSID><w:hex>4775657374</w:hex></w:SSID></w:SSIDConfig>
  <w:MSM><w:security>
    <w:authEncryption><w:authentication>WPA3SAE</w:authentication><w:encryption>AES</w:encryption><w:useOneX>false</w:useOneX></w:authEncryption>
    <w:sharedKey><w:keyType>passPhrase</w:keyType><w:protected>true</w:protected><w:keyMaterial><![CDATA[01000000D08C9DDF0115D1118C7A00C04FC297EB]]></w:keyMaterial></w:sharedKey>
  </w:security></w:MSM>
</w:WLANProfile>"#;
    let p = parse_text(Format::WlanXml, "g.xml", text);
    assert!(p.error().is_none(), "{:?}", p.diagnostics);
    let w = &p.model.wlans[0];
    assert_eq!(w.subject, "Windows WLAN profile \"Guest & Visitors\"");
    assert_eq!(w.ssid.as_deref(), Some("Guest"));
    assert_eq!(w.auth.value, [WlanAuth::Wpa3Sae]);
    assert_eq!(w.auth.origin.line, 6);
    let s = &p.model.secrets[0];
    assert_eq!(s.storage, SecretStorage::DeviceEncrypted);
    assert!(s.strength.is_none());
    let p = parse_text(Format::WlanXml, "b.xml", "<WLANProfile>\n<name>x</name>\n<MSM><security></MSM>\n");
    assert!(p.error().is_some_and(|e| e.line >= 1));
}
