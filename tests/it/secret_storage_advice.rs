//! MGMT004's advice fits the kind of secret (issue 17 §4): a login password can be kept as
//! a one-way hash (Cisco type 8/9), but a RADIUS/TACACS+ key the device itself must use
//! cannot; the best Cisco offers there is type 6 (AES under the master key, Cisco's
//! "Secure Reversible Passwords for AAA"), which the rule's Cisco fix names.

use kensa::formats::{parse_text, Format};
use kensa::i18n::Lang;
use kensa::policy::TlsPolicy;
use kensa::rules::{Engine, Finding};

/// Cisco IOS in its own syntax: a type 7 user password and a type 7 RADIUS key.
const CISCO: &str = "version 15.2\nhostname r1\naaa new-model\nusername admin privilege 15 password 7 0822455D0A16544541\nradius-server host 192.0.2.10 auth-port 1645 acct-port 1646 key 7 070C285F4D06\nend\n";

fn mgmt004(subject_part: &str) -> Finding {
    let p = parse_text(Format::CiscoIos, "r1.cfg", CISCO);
    let f = Engine::new(TlsPolicy::builtin(), 0).check(&p.model);
    f.into_iter()
        .find(|x| x.rule == "MGMT004" && x.subject.contains(subject_part))
        .unwrap_or_else(|| panic!("no MGMT004 on {subject_part}"))
}

#[test]
fn a_radius_key_is_told_to_use_type_6_not_a_hash() {
    let f = mgmt004("RADIUS");
    let en = f.message(Lang::En);
    assert!(
        en.contains("shared secret") && en.contains("cannot be hashed") && en.contains("master key"),
        "{en}"
    );
    assert!(!en.contains("one-way hash"), "{en}");
    let ja = f.message(Lang::Ja);
    assert!(
        ja.contains("共有鍵") && ja.contains("ハッシュにできません") && ja.contains("マスター鍵"),
        "{ja}"
    );
    // The Cisco fix names type 6 for these keys beside type 8/9 for logins.
    let fix = f.meta.fix_by_format.get("cisco-ios").expect("a Cisco fix").get(Lang::En);
    assert!(fix.contains("password encryption aes (type 6)"), "{fix}");
}

#[test]
fn a_login_password_is_told_to_use_a_one_way_hash() {
    let f = mgmt004("admin");
    let en = f.message(Lang::En);
    assert!(en.contains("the password is") && en.contains("one-way hash"), "{en}");
    assert!(!en.contains("master key"), "{en}");
    let ja = f.message(Lang::Ja);
    assert!(ja.contains("パスワード") && ja.contains("一方向ハッシュ"), "{ja}");
}

/// hostapd can hold its RADIUS shared secret only in clear (hostapd.conf has no other
/// form): that is no configuration to change, so MGMT004 is a reminder (info) that the
/// file's mode protects it, not an error on a good configuration; the same key in clear on
/// a Cisco router, which offers type 6, stays an error.
#[test]
fn a_radius_key_hostapd_can_only_hold_in_clear_is_a_reminder_not_an_error() {
    let conf = "interface=wlan0\nssid=HOSP-STAFF\nwpa=2\nwpa_key_mgmt=WPA-EAP\nieee8021x=1\nauth_server_addr=192.0.2.10\nauth_server_shared_secret=Kx9#long-radius-secret-2026\n";
    let p = parse_text(Format::Hostapd, "hostapd.conf", conf);
    let f = Engine::new(TlsPolicy::builtin(), 0).check(&p.model);
    let f = f.into_iter().find(|x| x.rule == "MGMT004").expect("MGMT004 on the RADIUS secret");
    assert_eq!(f.severity, kensa::rules::Severity::Info);
    let en = f.message(Lang::En);
    assert!(en.contains("only in clear") && en.contains("readable by that service only"), "{en}");
    assert!(!en.contains("master key"), "{en}");
    let ja = f.message(Lang::Ja);
    assert!(ja.contains("平文でしか保存できません"), "{ja}");

    let cisco = "version 15.2\nhostname r1\naaa new-model\nradius-server host 192.0.2.10 key 0 Kx9#long-radius-secret-2026\nend\n";
    let p = parse_text(Format::CiscoIos, "r1.cfg", cisco);
    let f = Engine::new(TlsPolicy::builtin(), 0).check(&p.model);
    let f = f.into_iter().find(|x| x.rule == "MGMT004").expect("MGMT004 on the Cisco RADIUS key");
    assert_eq!(f.severity, kensa::rules::Severity::Error);
}

/// IKE pre-shared keys follow the same storage model as passwords and RADIUS keys: a key
/// kept in clear where the vendor documents an encrypted form (IOS without type 6, ASA
/// without `8`, AlliedWare Plus without `8`) is an MGMT004 error; an encrypted one is not
/// reported; a redacted one (`*****`, as ASA's `show running-config` prints it) is
/// unreadable, not clear; a key in a format with no encrypted form kensa knows
/// (ipsec.secrets, YAMAHA RTX, NEC IX) is a reminder (info), as hostapd's RADIUS secret.
#[test]
fn pre_shared_keys_follow_the_secret_storage_model() {
    use kensa::rules::Severity::{Error, Info};
    let judged = |format: Format, text: &str| -> Vec<(u32, kensa::rules::Severity)> {
        let p = parse_text(format, "cfg", text);
        let f = Engine::new(TlsPolicy::builtin(), 0).check(&p.model);
        for x in &f {
            let shown = format!("{} {} {} {:?}", x.message(Lang::En), x.subject, x.origin.evidence, p.diagnostics);
            assert!(!shown.contains("Kq7-vT2m"), "secret shown: {shown}");
        }
        f.iter().filter(|x| x.rule == "MGMT004").map(|x| (x.origin.line, x.severity)).collect()
    };
    let ios = "version 15.2\nhostname r1\ncrypto isakmp key Kq7-vT2m-Rx9w-Lp4z address 203.0.113.7\ncrypto isakmp key 0 Kq7-vT2m-Rx9w-Lp4y address 203.0.113.8\ncrypto isakmp key 6 FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB address 203.0.113.9\ncrypto keyring KR\n pre-shared-key address 203.0.113.10 key Kq7-vT2m-Rx9w-Lp4x\n pre-shared-key address 203.0.113.11 key 6 FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAC\nend\n";
    assert_eq!(judged(Format::CiscoIos, ios), [(3, Error), (4, Error), (7, Error)]);
    let asa = "ASA Version 9.8(4)\nhostname fw\ntunnel-group 203.0.113.7 type ipsec-l2l\ntunnel-group 203.0.113.7 ipsec-attributes\n ikev1 pre-shared-key Kq7-vT2m-Rx9w-Lp4z\ntunnel-group 203.0.113.8 type ipsec-l2l\ntunnel-group 203.0.113.8 ipsec-attributes\n ikev1 pre-shared-key *****\n";
    assert_eq!(judged(Format::CiscoAsa, asa), [(5, Error)]);
    let awp = "hostname awp\ncrypto isakmp key Kq7-vT2m-Rx9w-Lp4z address 203.0.113.7\ncrypto isakmp key 8 pX9w2Kd8Lq3m7Vb1Nc5Z address 198.51.100.20\n";
    assert_eq!(judged(Format::AlliedWarePlus, awp), [(2, Error)]);
    let nec = "hostname ix\nike proposal ikeprop encryption aes-256 hash sha2-256 group 2048-bit\nike policy honkan peer 203.0.113.10 key Kq7-vT2m-Rx9w-Lp4z ikeprop\n";
    assert_eq!(judged(Format::NecIx, nec), [(3, Info)]);
    let rtx = "ip route default gateway pp 1\ntunnel select 1\n ipsec tunnel 101\n  ipsec sa policy 101 1 esp aes-cbc sha-hmac\n  ipsec ike pre-shared-key 1 text Kq7-vT2m-Rx9w-Lp4z\n  ipsec ike remote address 1 203.0.113.7\n tunnel enable 1\n";
    assert_eq!(judged(Format::YamahaRtx, rtx), [(5, Info)]);
    let secrets = "203.0.113.1 203.0.113.7 : PSK \"Kq7-vT2m-Rx9w-Lp4z\"\n";
    assert_eq!(judged(Format::IpsecSecrets, secrets), [(1, Info)]);
}

/// The advice for a pre-shared key: it cannot be hashed; encrypt it under the master key
/// (Cisco: `password encryption aes`) or move to certificates.
#[test]
fn a_pre_shared_key_in_clear_is_told_to_encrypt_or_use_certificates() {
    let p = parse_text(
        Format::CiscoIos,
        "r1.cfg",
        "version 15.2\ncrypto isakmp key Kq7-vT2m-Rx9w-Lp4z address 203.0.113.7\nend\n",
    );
    let f = Engine::new(TlsPolicy::builtin(), 0).check(&p.model);
    let f = f.into_iter().find(|x| x.rule == "MGMT004").expect("MGMT004 on the ISAKMP key");
    let en = f.message(Lang::En);
    assert!(
        en.contains("pre-shared key is stored in the configuration as plaintext") && en.contains("certificate"),
        "{en}"
    );
    let ja = f.message(Lang::Ja);
    assert!(ja.contains("事前共有鍵が設定ファイルに平文で保存されています") && ja.contains("証明書"), "{ja}");
    let fix = f.meta.fix_by_format.get("cisco-ios").expect("a Cisco fix").get(Lang::En);
    assert!(fix.contains("crypto isakmp key") && fix.contains("password encryption aes"), "{fix}");
}
