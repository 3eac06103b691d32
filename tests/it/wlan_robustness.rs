//! Deterministic mutation smoke test for the wireless parsers (the fuzz targets go further):
//! every prefix of each sample, and a few thousand seeded edits with the characters these
//! syntaxes care about, must parse without panicking.

use kensa::formats::{parse_text, Format};

const SAMPLES: &[(Format, &str)] = &[
    (Format::Hostapd, include_str!("../../samples/hostapd/hostapd-legacy-bad.conf")),
    (Format::Hostapd, include_str!("../../samples/hostapd/hostapd-ward-good.conf")),
    (Format::WpaSupplicant, include_str!("../../samples/wpa_supplicant/wpa_supplicant-bad.conf")),
    (Format::Nmconnection, include_str!("../../samples/networkmanager/HOSP-STAFF.nmconnection")),
    (Format::WlanXml, include_str!("../../samples/windows-wlan/HOSP-STAFF-peap-bad.xml")),
    (Format::WlanXml, include_str!("../../samples/windows-wlan/HOSP-STAFF-eaptls-good.xml")),
];

const SPECIAL: &[&str] = &[
    "{",
    "}",
    "<",
    ">",
    "</",
    "/>",
    "=",
    "\"",
    "'",
    "#",
    "&",
    "&#x;",
    "&amp",
    ";",
    "[",
    "]",
    "\n",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?",
    "é",
    "\u{3000}",
    "bss=",
    "network={",
];

#[test]
fn prefixes_and_seeded_edits_never_panic() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for (format, text) in SAMPLES {
        for (i, _) in text.char_indices().step_by(3) {
            let _ = parse_text(*format, "p", &text[..i]);
        }
        for _ in 0..400 {
            let mut s = text.to_string();
            for _ in 0..(1 + next() % 4) {
                let mut at = (next() as usize) % (s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                if next() % 3 == 0 && at < s.len() {
                    let mut end = (at + 1 + (next() as usize) % 40).min(s.len());
                    while !s.is_char_boundary(end) {
                        end -= 1;
                    }
                    s.replace_range(at..end, "");
                } else {
                    s.insert_str(at, SPECIAL[(next() as usize) % SPECIAL.len()]);
                }
            }
            let _ = parse_text(*format, "m", &s);
        }
    }
}
