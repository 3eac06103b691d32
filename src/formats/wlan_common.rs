//! Pieces the wireless formats share: key-management and cipher names (hostapd and
//! wpa_supplicant spell them the same way), `key=value` splitting with byte spans, and
//! secret handling (measured, then masked; the value never reaches the model).

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::ParseCx;
use crate::model::{Pmf, WlanAuth, WlanCipher};
use crate::source::SourceFile;
use nom::bytes::complete::{take_till, take_while1};
use nom::character::complete::char as ch;
use nom::sequence::terminated;
use nom::{IResult, Parser};

/// One `key=value` line: the key, the raw value (not unquoted) and their byte offsets.
#[derive(Debug, Clone)]
pub struct KvLine<'a> {
    pub key: &'a str,
    pub value: &'a str,
    /// Offset of the key (start of the directive).
    pub start: usize,
    /// Offset just past the value.
    pub end: usize,
    /// Offset of the value.
    pub value_start: usize,
}

fn key(i: &str) -> IResult<&str, &str> {
    terminated(take_while1(|c: char| c != '=' && c != '\n' && c != '\r'), ch('=')).parse(i)
}

fn rest_of_line(i: &str) -> IResult<&str, &str> {
    take_till(|c| c == '\n' || c == '\r').parse(i)
}

/// Splits `key=value` at the first `=`. `line` must be a sub-slice of `src.text`.
pub fn split_kv<'a>(src: &SourceFile, line: &'a str) -> Option<KvLine<'a>> {
    let (after, k) = key(line).ok()?;
    let (_, v) = rest_of_line(after).ok()?;
    let k = k.trim_end();
    if k.is_empty() || k.contains(char::is_whitespace) {
        return None;
    }
    let start = src.offset_of(line);
    let value_start = src.offset_of(v);
    Some(KvLine {
        key: k,
        value: v,
        start,
        end: value_start + v.len(),
        value_start,
    })
}

/// The `key=value` line at `at`; a line that is not one where the format wants one is an
/// error that does not show the line (it may hold a secret), counted as not understood.
pub fn key_value<'a>(cx: &mut ParseCx, src: &SourceFile, at: usize, line: &'a str) -> Option<KvLine<'a>> {
    let kv = split_kv(src, line);
    if kv.is_none() {
        cx.diag(
            DiagLevel::Error,
            src,
            at,
            DiagKind::Syntax {
                detail: "expected key=value (line not shown: it may hold a secret)".into(),
            },
        );
        cx.unrecognized_lines += 1;
    }
    kv
}

/// Evidence text for a secret directive: the key with the value masked.
pub fn masked(key: &str, sep: &str) -> String {
    [key, sep, crate::formats::vpn_common::MASK].concat()
}

/// Removes one level of double quotes, if present.
pub fn unquote(v: &str) -> &str {
    let t = v.trim();
    if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') {
        &t[1..t.len() - 1]
    } else {
        t
    }
}

/// An SSID as hostapd (`ssid2=`) and wpa_supplicant (`ssid=`) write it: `"text"`,
/// `P"text"` (printf-escaped) or hex.
pub fn ssid_value(v: &str) -> String {
    if let Some(p) = v.strip_prefix('P') {
        return unquote(p).to_string();
    }
    if v.starts_with('"') {
        return unquote(v).to_string();
    }
    let bytes: Vec<u8> = (0..v.len() / 2)
        .filter_map(|i| v.get(2 * i..2 * i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `ieee80211w=` (hostapd, wpa_supplicant): 0 disabled, 1 optional, 2 required.
pub fn pmf_of(n: i64) -> Pmf {
    match n {
        1 => Pmf::Optional,
        2 => Pmf::Required,
        _ => Pmf::Disabled,
    }
}

/// A 256-bit PSK written as 64 hex digits (not a passphrase).
pub fn is_hex_psk(v: &str) -> bool {
    v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Key management suites as hostapd's `wpa_key_mgmt` and wpa_supplicant's `key_mgmt` name
/// them (hostapd.conf and wpa_supplicant.conf reference files), for a BSS that enables WPA
/// (v1, `wpa1`) and/or RSN (WPA2/WPA3, `rsn`). `None` for names that are not about joining a
/// network (DPP, OSEN, WPS) or unknown; `Some(vec![])` for a known suite the protocols in use
/// cannot carry (SAE under WPA v1).
pub fn key_mgmt(name: &str, wpa1: bool, rsn: bool) -> Option<Vec<WlanAuth>> {
    let n = name.to_ascii_uppercase();
    let mut v = Vec::new();
    let mut both = |a: WlanAuth, b: WlanAuth| {
        if wpa1 {
            v.push(a);
        }
        if rsn {
            v.push(b);
        }
    };
    match n.as_str() {
        "WPA-PSK" | "WPA-PSK-SHA256" | "FT-PSK" => both(WlanAuth::WpaPsk, WlanAuth::Wpa2Psk),
        // IBSS (ad-hoc) WPA-None: a fixed WPA v1-era group key, removed from wpa_supplicant 2.10.
        "WPA-NONE" => v.push(WlanAuth::WpaPsk),
        "WPA-EAP" | "WPA-EAP-SHA256" | "FT-EAP" | "FT-EAP-SHA384" | "WPA-EAP-SHA384" | "FILS-SHA256" | "FILS-SHA384" | "FT-FILS-SHA256" | "FT-FILS-SHA384" => {
            both(WlanAuth::WpaEap, WlanAuth::Wpa2Eap)
        }
        "WPA-EAP-SUITE-B" | "WPA-EAP-SUITE-B-192" => {
            if rsn {
                v.push(WlanAuth::Wpa3Eap)
            }
        }
        "SAE" | "FT-SAE" | "SAE-EXT-KEY" | "FT-SAE-EXT-KEY" => {
            if rsn {
                v.push(WlanAuth::Wpa3Sae)
            }
        }
        "OWE" => {
            if rsn {
                v.push(WlanAuth::Owe)
            }
        }
        _ => return None,
    }
    Some(v)
}

/// Key management names that are valid but carry no WLAN access decision kensa models.
pub fn key_mgmt_ignored(name: &str) -> bool {
    matches!(name.to_ascii_uppercase().as_str(), "DPP" | "OSEN" | "WPS" | "PASN")
}

/// Pairwise cipher names (`wpa_pairwise`, `rsn_pairwise`, `pairwise`).
pub fn cipher(name: &str) -> Option<WlanCipher> {
    Some(match name.to_ascii_uppercase().as_str() {
        "CCMP" | "CCMP-128" | "AES" => WlanCipher::Ccmp,
        "CCMP-256" => WlanCipher::Ccmp256,
        "GCMP" | "GCMP-128" => WlanCipher::Gcmp,
        "GCMP-256" => WlanCipher::Gcmp256,
        "TKIP" => WlanCipher::Tkip,
        "NONE" => WlanCipher::None,
        "WEP40" | "WEP104" | "WEP" => WlanCipher::Wep,
        _ => return None,
    })
}

/// Parses a whitespace (or `;`) separated cipher list, reporting unknown names.
pub fn cipher_list(cx: &mut ParseCx, src: &SourceFile, kv: &KvLine, sep: &[char]) -> Vec<WlanCipher> {
    let mut out = Vec::new();
    for w in kv.value.split(|c: char| c.is_whitespace() || sep.contains(&c)).filter(|w| !w.is_empty()) {
        match cipher(w) {
            Some(c) => out.push(c),
            None => cx.bad_value(src, kv.value_start, kv.key, w),
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Sorted, deduplicated.
pub fn norm<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v.dedup();
    v
}

/// A small integer setting (`wpa=2`, `ieee80211w=1`).
pub fn small_int(v: &str) -> Option<i64> {
    v.trim().parse::<i64>().ok()
}
