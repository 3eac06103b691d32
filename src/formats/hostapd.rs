//! hostapd `hostapd.conf`: one radio, its first BSS (the `interface=` one) and any further
//! `bss=` sections, plus the files it names (`wpa_psk_file`, `accept_mac_file`,
//! `deny_mac_file`).
//!
//! Defaults are hostapd's own, as documented in the reference `hostapd.conf` shipped with
//! hostapd 2.10 (Debian: /usr/share/doc/hostapd/examples/hostapd.conf) and set in
//! `hostapd_config_defaults_bss()`: `wpa=0` (no WPA: an open AP), `wpa_key_mgmt=WPA-PSK`,
//! `wpa_pairwise=TKIP`, `rsn_pairwise` = the `wpa_pairwise` value, `ieee80211w=0`,
//! `ignore_broadcast_ssid=0`, `macaddr_acl=0`, `auth_algs=3`, `ieee8021x=0`, `hw_mode=b`.
//! Radio settings (`hw_mode`, `channel`, `op_class`, `ieee80211n/ac/ax`) are shared by all
//! BSSes; every `bss=` starts again from the per-BSS defaults (hostapd does not copy the
//! previous BSS).

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::vpn_common::masked_origin;
use crate::formats::wlan_common::{self as wc, KvLine};
use crate::formats::{ParseCx, SecretRecord};
use crate::i18n::notes::Note;
use crate::model::{Band, Device, Origin, Pmf, SecretKind, SecretStorage, Setting, Wlan, WlanAuth, WlanCipher, WlanRole};
use crate::source::SourceFile;

type At<T> = Option<(T, Origin)>;

#[derive(Default)]
struct Bss {
    iface: String,
    origin: Option<Origin>,
    ssid: Option<String>,
    wpa: At<i64>,
    key_mgmt: At<Vec<String>>,
    wpa_pairwise: At<Vec<WlanCipher>>,
    rsn_pairwise: At<Vec<WlanCipher>>,
    ieee80211w: At<i64>,
    sae_require_mfp: At<bool>,
    ignore_broadcast: At<i64>,
    macaddr_acl: At<i64>,
    accept_mac_file: At<String>,
    auth_algs: At<i64>,
    wep_keys: Vec<Origin>,
    wep_key_len: At<i64>,
    ieee8021x: At<bool>,
    auth_server: At<String>,
    psk: Option<Origin>,
    wpa_psk_file: At<bool>,
    wpa_psk_radius: At<i64>,
    max_num_sta: At<u32>,
}

#[derive(Default)]
struct Radio {
    /// `driver=wired` (or a MACsec wired driver): an 802.1X authenticator on an Ethernet
    /// port, not an access point. hostapd.conf: "driver=wired" for "wired IEEE 802.1X
    /// authentication".
    wired: bool,
    hw_mode: At<String>,
    channel: At<i64>,
    op_class: At<i64>,
}

pub fn parse(cx: &mut ParseCx, src: &SourceFile) {
    let mut radio = Radio::default();
    // Boxed: a BSS is large and a file may have dozens; the vector moves pointers.
    let mut bsses: Vec<Box<Bss>> = vec![Box::new(Bss {
        origin: Some(src.origin(0, 0)),
        ..Bss::default()
    })];
    let mut device_origin: Option<Origin> = None;
    for (at, raw) in crate::formats::lex::physical(&src.text) {
        let line = raw.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // hostapd: "Line N: invalid line" and refuses the file.
        let Some(kv) = wc::key_value(cx, src, at, line) else { continue };
        // Built only for the settings that keep one (most lines are not read further).
        let origin = || src.origin(kv.start, kv.end);
        if kv.key == "bss" {
            bsses.push(Box::new(Bss {
                iface: kv.value.trim().to_string(),
                origin: Some(origin()),
                ..Bss::default()
            }));
            continue;
        }
        if kv.key == "interface" && device_origin.is_none() {
            device_origin = Some(origin());
        }
        let Some(bss) = bsses.last_mut() else {
            continue;
        };
        setting(cx, src, &kv, origin, bss, &mut radio);
    }
    if let (Some(first), Some(o)) = (bsses.first_mut(), &device_origin) {
        first.origin = Some(o.clone());
    }
    cx.model.device = Some(Device {
        product: "hostapd".into(),
        hostname: None,
        is_network_device: false,
        origin: device_origin.unwrap_or_else(|| src.origin(0, 0)),
        source_routing: None,
    });
    if radio.wired {
        // No radio, no SSID: no wireless LAN to judge. What a wired authenticator holds that
        // kensa judges (RADIUS shared secrets) was recorded while reading.
        return;
    }
    let bands = bands(src, &radio);
    for (i, bss) in bsses.into_iter().enumerate() {
        // The first section is a BSS only when the file says anything about one.
        if i == 0 && bss.ssid.is_none() && bss.wpa.is_none() && bss.iface.is_empty() && bss.key_mgmt.is_none() {
            continue;
        }
        lower(cx, src, *bss, bands.clone());
    }
}

fn setting(cx: &mut ParseCx, src: &SourceFile, kv: &KvLine, origin: impl Fn() -> Origin, bss: &mut Bss, radio: &mut Radio) {
    let v = kv.value.trim();
    // hostapd reads these numbers with atoi(): the leading digits count and the rest of
    // the line is ignored (`wpa=3   # WPA + WPA2` is 3; `#` starts a comment only at the
    // start of a line). The rest is still said, as kensa reads no more of it than hostapd.
    let int = |cx: &mut ParseCx| -> Option<i64> {
        let n = wc::small_int(v).or_else(|| leading_int(v));
        if wc::small_int(v).is_none() {
            cx.bad_value(src, kv.value_start, kv.key, v);
        }
        n
    };
    match kv.key {
        "interface" => bss.iface = v.to_string(),
        "ssid" => bss.ssid = Some(v.to_string()),
        // ssid2: a quoted string, or hex, or P"printf-escaped".
        "ssid2" => bss.ssid = Some(wc::ssid_value(v)),
        "wpa" => bss.wpa = int(cx).map(|n| (n, origin())),
        "wpa_key_mgmt" => bss.key_mgmt = Some((v.split_whitespace().map(str::to_string).collect(), origin())),
        "wpa_pairwise" => bss.wpa_pairwise = Some((wc::cipher_list(cx, src, kv, &[]), origin())),
        "rsn_pairwise" => bss.rsn_pairwise = Some((wc::cipher_list(cx, src, kv, &[]), origin())),
        "ieee80211w" => bss.ieee80211w = int(cx).map(|n| (n, origin())),
        "sae_require_mfp" => bss.sae_require_mfp = int(cx).map(|n| (n != 0, origin())),
        "ignore_broadcast_ssid" => bss.ignore_broadcast = int(cx).map(|n| (n, origin())),
        "macaddr_acl" => bss.macaddr_acl = int(cx).map(|n| (n, origin())),
        // The integrated EAP server's files (hostapd.conf "Integrated EAP server").
        "ca_cert" | "server_cert" | "private_key" | "dh_file" | "eap_user_file" | "server_cert2" | "private_key2" => file_reference(cx, src, kv),
        "accept_mac_file" | "deny_mac_file" => {
            file_reference(cx, src, kv);
            if kv.key == "accept_mac_file" {
                bss.accept_mac_file = Some((v.to_string(), origin()));
            }
        }
        "auth_algs" => bss.auth_algs = int(cx).map(|n| (n, origin())),
        "wep_key0" | "wep_key1" | "wep_key2" | "wep_key3" => {
            let o = masked_origin(src, kv.start, kv.end, kv.key, "=");
            let value = wc::unquote(kv.value);
            let subject = format!("hostapd {} WEP key {}", bss_name(bss), &kv.key[7..]);
            cx.secret(
                SecretRecord::new(SecretKind::SymmetricKey, SecretStorage::Plaintext, subject, o.clone())
                    .value(value)
                    .plaintext_format(),
            );
            bss.wep_keys.push(o);
        }
        "wep_key_len_broadcast" | "wep_key_len_unicast" => bss.wep_key_len = int(cx).map(|n| (n, origin())),
        "ieee8021x" => bss.ieee8021x = int(cx).map(|n| (n != 0, origin())),
        "auth_server_addr" => bss.auth_server = Some((v.to_string(), origin())),
        "auth_server_shared_secret" | "acct_server_shared_secret" => {
            let o = masked_origin(src, kv.start, kv.end, kv.key, "=");
            // Named by its directive: config text reads the same in both languages.
            let owner = if radio.wired { format!("port {}", bss.iface) } else { bss_name(bss) };
            let subject = format!("hostapd {owner} {}", kv.key);
            cx.secret(
                SecretRecord::new(SecretKind::AaaServerKey, SecretStorage::Plaintext, subject, o)
                    .value(kv.value)
                    .plaintext_format(),
            );
        }
        "wpa_passphrase" | "wpa_psk" | "sae_password" => {
            let o = masked_origin(src, kv.start, kv.end, kv.key, "=");
            // sae_password may carry |mac=..|vlanid=..|id=.. after the password.
            let value = if kv.key == "sae_password" {
                kv.value.split('|').next().unwrap_or("")
            } else {
                kv.value
            };
            // hostapd refuses a passphrase outside 8..63 characters and does not start: an
            // empty one is an unfilled template, not a weak key.
            if value.is_empty() {
                let directive = kv.key.to_string();
                cx.diag(crate::diag::DiagLevel::Warning, src, kv.start, crate::diag::DiagKind::EmptyValue { directive });
                return;
            }
            let subject = format!("hostapd {} {}", bss_name(bss), kv.key);
            let record = SecretRecord::new(SecretKind::WifiPsk, SecretStorage::Plaintext, subject, o.clone()).value(value);
            cx.secret(record.link(bss.ssid.as_deref()).plaintext_format());
            bss.psk = Some(o);
        }
        "wpa_psk_file" => {
            let per_station = psk_file(cx, src, kv, &bss_name(bss), bss.ssid.as_deref());
            bss.wpa_psk_file = Some((per_station, origin()));
        }
        "wpa_psk_radius" => bss.wpa_psk_radius = int(cx).map(|n| (n, origin())),
        "max_num_sta" => bss.max_num_sta = int(cx).and_then(|n| u32::try_from(n).ok()).map(|n| (n, origin())),
        "driver" => radio.wired = matches!(v, "wired" | "macsec_linux" | "macsec_qca"),
        "hw_mode" => radio.hw_mode = Some((v.to_ascii_lowercase(), origin())),
        "channel" => radio.channel = wc::small_int(v).map(|n| (n, origin())),
        "op_class" => radio.op_class = int(cx).map(|n| (n, origin())),
        _ => {}
    }
}

fn bss_name(bss: &Bss) -> String {
    match (&bss.ssid, bss.iface.is_empty()) {
        (Some(s), _) => format!("SSID \"{s}\""),
        (None, false) => format!("BSS {}", bss.iface),
        (None, true) => "BSS".into(),
    }
}

/// Notes a referenced file (MAC list, the EAP server's CA, certificate, key, DH
/// parameters, user file) that is not in the audited tree: what it holds is not judged.
fn file_reference(cx: &mut ParseCx, src: &SourceFile, kv: &KvLine) {
    let origin = src.origin(kv.start, kv.end);
    cx.named_file_present(src, kv.value.trim(), &origin);
}

/// Reads a `wpa_psk_file` (hostapd.wpa_psk format: `[keyid=..] [vlanid=..] [wps=..] MAC
/// passphrase-or-hex`) when it is present: every passphrase is measured and recorded.
/// Returns whether the keys are station-specific (any MAC other than 00:00:00:00:00:00);
/// a file that cannot be read is assumed to hold per-station keys (its purpose).
fn psk_file(cx: &mut ParseCx, src: &SourceFile, kv: &KvLine, bss: &str, ssid: Option<&str>) -> bool {
    let path = kv.value.trim().to_string();
    let o = src.origin(kv.start, kv.end);
    if !cx.named_file_present(src, &path, &o) {
        cx.secret(SecretRecord::new(
            SecretKind::WifiPsk,
            SecretStorage::External,
            format!("hostapd {bss} wpa_psk_file"),
            o,
        ));
        return true;
    }
    let mut per_station = false;
    let mut any = false;
    cx.include(src, kv.start, &path, &mut |cx, file| {
        for (at, raw) in crate::formats::lex::physical(&file.text) {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut rest = line;
            while let Some((word, tail)) = rest.split_once(' ') {
                if word.contains('=') {
                    rest = tail.trim_start();
                } else {
                    break;
                }
            }
            let is_mac = |m: &str| m.len() == 17 && m.bytes().enumerate().all(|(i, b)| if i % 3 == 2 { b == b':' } else { b.is_ascii_hexdigit() });
            let Some((mac, secret)) = rest.split_once(char::is_whitespace).filter(|(m, _)| is_mac(m)) else {
                cx.diag(
                    DiagLevel::Warning,
                    file,
                    at,
                    DiagKind::Syntax {
                        detail: "expected MAC address and passphrase".into(),
                    },
                );
                continue;
            };
            any = true;
            if mac != "00:00:00:00:00:00" {
                per_station = true;
            }
            let o = file.origin_showing(at, at + raw.len(), &format!("{mac} ****"));
            let record = SecretRecord::new(SecretKind::WifiPsk, SecretStorage::Plaintext, format!("hostapd {bss} wpa_psk_file {mac}"), o);
            cx.secret(record.value(secret.trim()).link(ssid).plaintext_format());
        }
    });
    per_station || !any
}

fn bands(_src: &SourceFile, radio: &Radio) -> Option<Setting<Vec<Band>>> {
    let six = radio.op_class.as_ref().is_some_and(|(n, _)| (131..=137).contains(n));
    let band_of = |mode: &str| -> Option<Vec<Band>> {
        match mode {
            "a" if six => Some(vec![Band::Ghz6]),
            "a" => Some(vec![Band::Ghz5]),
            "b" | "g" => Some(vec![Band::Ghz2_4]),
            // ad = 60 GHz (not modelled); any = ACS picks the band.
            _ => None,
        }
    };
    match &radio.hw_mode {
        Some((m, o)) => band_of(m).map(|b| Setting::explicit(b, o.clone())),
        None => {
            let o = radio.channel.as_ref().map(|(_, o)| o.clone())?;
            Some(Setting::default_at(
                vec![Band::Ghz2_4],
                o.with_note("hw_mode not set: hostapd default b, 2.4 GHz"),
            ))
        }
    }
}

fn lower(cx: &mut ParseCx, src: &SourceFile, bss: Bss, bands: Option<Setting<Vec<Band>>>) {
    let block = bss.origin.clone().unwrap_or_else(|| src.origin(0, 0));
    let name = if bss.iface.is_empty() { "wlan0".to_string() } else { bss.iface.clone() };
    let subject = match &bss.ssid {
        Some(s) => format!("hostapd {name} SSID \"{s}\""),
        None => format!("hostapd {name}"),
    };
    let dflt = |note: Note| block.with_note(note);
    let wpa = bss.wpa.as_ref().map_or(0, |(n, _)| *n);
    let (wpa1, rsn) = (wpa & 1 != 0, wpa & 2 != 0);
    let dot1x = bss.ieee8021x.as_ref().is_some_and(|(b, _)| *b);

    let (auth, pairwise) = if !wpa1 && !rsn {
        let wep = !bss.wep_keys.is_empty() || (dot1x && bss.wep_key_len.as_ref().is_some_and(|(n, _)| *n > 0));
        let why = match &bss.wpa {
            Some((_, o)) => o.clone(),
            None => dflt("wpa not set: hostapd default 0, no WPA".into()),
        };
        if wep {
            let o = bss
                .wep_keys
                .first()
                .cloned()
                .or_else(|| bss.wep_key_len.as_ref().map(|(_, o)| o.clone()))
                .unwrap_or(why);
            (Setting::explicit(vec![WlanAuth::Wep], o.clone()), Setting::explicit(vec![WlanCipher::Wep], o))
        } else {
            let o = match (&bss.ieee8021x, dot1x) {
                (Some((_, o)), true) => o.with_note("802.1X without WPA or WEP keys: no encryption"),
                _ => why,
            };
            let s = if bss.wpa.is_some() {
                Setting::explicit(vec![WlanAuth::Open], o.clone())
            } else {
                Setting::default_at(vec![WlanAuth::Open], o.clone())
            };
            let c = Setting {
                value: vec![WlanCipher::None],
                origin: o,
                defaulted: s.defaulted,
            };
            (s, c)
        }
    } else {
        let (names, km_origin, km_default) = match &bss.key_mgmt {
            Some((v, o)) => (v.clone(), o.clone(), false),
            None => (
                vec!["WPA-PSK".to_string()],
                dflt(Note::not_set_default_of("wpa_key_mgmt", "hostapd", "WPA-PSK")),
                true,
            ),
        };
        let mut auth = Vec::new();
        for n in &names {
            match wc::key_mgmt(n, wpa1, rsn) {
                Some(v) => auth.extend(v),
                None if wc::key_mgmt_ignored(n) => {}
                None => cx.bad_value(src, km_origin.span.0, "wpa_key_mgmt", n),
            }
        }
        let auth = Setting {
            value: wc::norm(auth),
            origin: km_origin,
            defaulted: km_default,
        };
        // wpa_pairwise default TKIP; rsn_pairwise defaults to the wpa_pairwise value.
        let wpa_p: Setting<Vec<WlanCipher>> = match &bss.wpa_pairwise {
            Some((v, o)) => Setting::explicit(v.clone(), o.clone()),
            None => Setting::default_at(vec![WlanCipher::Tkip], dflt(Note::not_set_default_of("wpa_pairwise", "hostapd", "TKIP"))),
        };
        let rsn_p: Setting<Vec<WlanCipher>> = match (&bss.rsn_pairwise, &bss.wpa_pairwise) {
            (Some((v, o)), _) => Setting::explicit(v.clone(), o.clone()),
            (None, Some((v, o))) => Setting::default_at(v.clone(), o.with_note("rsn_pairwise not set: uses wpa_pairwise")),
            (None, None) => Setting::default_at(
                vec![WlanCipher::Tkip],
                dflt("rsn_pairwise and wpa_pairwise not set: hostapd default TKIP".into()),
            ),
        };
        let pairwise = match (wpa1, rsn) {
            (true, true) => {
                let mut v = wpa_p.value.clone();
                v.extend(rsn_p.value.iter().copied());
                let o = if rsn_p.defaulted { wpa_p.origin.clone() } else { rsn_p.origin.clone() };
                Setting {
                    value: wc::norm(v),
                    origin: o,
                    defaulted: wpa_p.defaulted && rsn_p.defaulted,
                }
            }
            (true, false) => wpa_p,
            _ => rsn_p,
        };
        (auth, pairwise)
    };

    let wpa_on = wpa1 || rsn;
    let mut w = Wlan::new(subject, WlanRole::AccessPoint, block.clone(), auth, pairwise);
    w.ssid = bss.ssid.clone();
    if wpa_on {
        let mut pmf = match &bss.ieee80211w {
            Some((n, o)) => Setting::explicit(wc::pmf_of(*n), o.clone()),
            None => Setting::default_at(Pmf::Disabled, dflt("ieee80211w not set: hostapd default 0, PMF disabled".into())),
        };
        // SAE-only BSS with optional PMF and sae_require_mfp=1: every station negotiates PMF.
        let sae_only = !w.auth.value.is_empty() && w.auth.value.iter().all(|a| *a == WlanAuth::Wpa3Sae);
        if let Some((true, o)) = &bss.sae_require_mfp {
            if sae_only && pmf.value == Pmf::Optional {
                pmf = Setting::explicit(Pmf::Required, o.clone());
            }
        }
        w.pmf = Some(pmf);
    }
    w.answers_broadcast_probe = Some(match &bss.ignore_broadcast {
        Some((n, o)) => Setting::explicit(*n == 0, o.clone()),
        None => Setting::default_at(true, dflt("ignore_broadcast_ssid not set: hostapd default 0, answers broadcast probes".into())),
    });
    // macaddr_acl: 0 = accept unless in deny list, 1 = deny unless in accept list, 2 = RADIUS.
    w.mac_acl = Some(match &bss.macaddr_acl {
        Some((n, o)) => Setting::explicit(*n == 1 || *n == 2, o.clone()),
        None => Setting::default_at(false, dflt(Note::not_set_default_of("macaddr_acl", "hostapd", "0"))),
    });
    let eap = w
        .auth
        .value
        .iter()
        .any(|a| matches!(a, WlanAuth::WpaEap | WlanAuth::Wpa2Eap | WlanAuth::Wpa3Eap));
    w.radius = Some(match (&bss.ieee8021x, &bss.auth_server) {
        (Some((true, o)), _) => Setting::explicit(true, o.clone()),
        _ if eap => Setting::explicit(true, w.auth.origin.clone()),
        (_, Some((_, o))) => Setting::explicit(bss.macaddr_acl.as_ref().is_some_and(|(n, _)| *n == 2), o.clone()),
        _ => Setting::default_at(false, dflt(Note::not_set_default_of("ieee8021x", "hostapd", "0"))),
    });
    w.bands = bands;
    w.max_stations = bss.max_num_sta.map(|(n, o)| Setting::explicit(n, o));
    let psk = w
        .auth
        .value
        .iter()
        .any(|a| matches!(a, WlanAuth::WpaPsk | WlanAuth::Wpa2Psk | WlanAuth::Wpa3Sae));
    if psk {
        w.psk_per_station = Some(match (&bss.wpa_psk_file, &bss.wpa_psk_radius) {
            (_, Some((n, o))) if *n > 0 => Setting::explicit(true, o.clone()),
            (Some((per, o)), _) => Setting::explicit(*per, o.clone()),
            _ => Setting::default_at(false, bss.psk.clone().unwrap_or_else(|| block.clone())),
        });
    }
    let _ = &bss.auth_algs;
    let _ = &bss.accept_mac_file;
    cx.model.wlans.push(w);
}

/// The number C's `atoi` reads at the start of `v` (an optional sign, then digits).
fn leading_int(v: &str) -> Option<i64> {
    let t = v.trim_start();
    let sign = usize::from(t.starts_with(['-', '+']));
    let digits = t[sign..].bytes().take_while(u8::is_ascii_digit).count();
    t[..sign + digits].parse().ok().filter(|_| digits > 0)
}

#[cfg(test)]
mod tests {
    use super::leading_int;

    #[test]
    fn numbers_are_read_as_hostapd_reads_them() {
        assert_eq!(leading_int("3                         # 3 = WPA + WPA2"), Some(3));
        assert_eq!(leading_int("-1"), Some(-1));
        assert_eq!(leading_int("# 2"), None);
        assert_eq!(leading_int("two"), None);
    }
}
