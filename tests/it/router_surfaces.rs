//! Issue 17 §4: surfaces real router configs hold that kensa judges now. RADIUS / TACACS+
//! server keys on Cisco IOS and FortiOS: storage (MGMT004, 14-6) and strength (MGMT005,
//! 8-5), in the vendors' syntax (Cisco `radius-server ... key 7`, `tacacs server` blocks,
//! FortiOS `config user radius` / `config user tacacs+`).

use crate::router_support;

use kensa::formats::{parse_text, Format};
use router_support::{judged, Finding};

fn rules_on(f: &[Finding], subject: &str) -> Vec<String> {
    let mut v: Vec<String> = f.iter().filter(|x| x.3 == subject).map(|x| x.0.clone()).collect();
    v.sort();
    v
}

#[test]
fn cisco_radius_and_tacacs_keys_are_judged() {
    let conf = "version 15.2\nhostname r1\naaa new-model\nradius-server host 192.0.2.10 auth-port 1645 acct-port 1646 key 7 070C285F4D06\ntacacs-server key cisco\nradius server ISE\n address ipv4 192.0.2.11 auth-port 1812 acct-port 1813\n key 6 ZTY[aQZBE`]^ThVgHVOXTbDgJTdcAAB\ntacacs server T1\n address ipv4 192.0.2.12\n key 0 q7Vt-2mWx9!kLp4sRz8#\nend\n";
    let input = parse_text(Format::CiscoIos, "r.ios", conf);
    let f = judged(&input.model);
    // Type 7 decodes to "cisco": reversible and guessable.
    assert_eq!(rules_on(&f, "Cisco RADIUS key"), ["MGMT004", "MGMT005"], "{f:#?}");
    assert_eq!(rules_on(&f, "Cisco TACACS+ key"), ["MGMT004", "MGMT005"]);
    // Type 6 is encrypted with the device's master key: nothing to say.
    assert!(rules_on(&f, "Cisco RADIUS server ISE key").is_empty());
    assert!(input.model.secrets.iter().any(|s| s.subject == "Cisco RADIUS server ISE key"));
    // A long random key in clear: stored in the file as plaintext, but not weak.
    assert_eq!(rules_on(&f, "Cisco TACACS+ server T1 key"), ["MGMT004"]);
    let evidence: Vec<&str> = f.iter().filter(|x| x.3.contains("RADIUS key")).map(|x| x.4.as_str()).collect();
    assert!(
        evidence
            .iter()
            .all(|e| *e == "radius-server host 192.0.2.10 auth-port 1645 acct-port 1646 key 7 ****"),
        "{evidence:?}"
    );
}

#[test]
fn fortios_radius_and_tacacs_keys_are_judged() {
    let conf = "#config-version=FG60E-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin\nconfig user radius\n    edit \"RAD1\"\n        set server \"192.0.2.10\"\n        set secret ENC 3Lr7bT4Hq0rq6m1cB4yVZ8n2g5QeWjC6\n    next\n    edit \"RAD2\"\n        set server \"192.0.2.11\"\n        set secret fortinet\n    next\nend\nconfig user tacacs+\n    edit \"TAC1\"\n        set server \"192.0.2.12\"\n        set key hospital\n    next\nend\n";
    let input = parse_text(Format::Fortios, "fg.conf", conf);
    let f = judged(&input.model);
    assert!(rules_on(&f, "FortiGate RADIUS server RAD1").is_empty(), "{f:#?}");
    assert_eq!(rules_on(&f, "FortiGate RADIUS server RAD2"), ["MGMT004", "MGMT005"], "{f:#?}");
    assert_eq!(rules_on(&f, "FortiGate TACACS+ server TAC1"), ["MGMT004", "MGMT005"]);
    assert!(f.iter().filter(|x| x.3.contains("server RAD2")).all(|x| x.4 == "set secret ****"));
}

/// Issue 17 §4, 14-5: a Cisco privilege-15 local user logs in with a password only unless
/// logins go to an authentication server (which may ask for a second factor: unknown).
#[test]
fn cisco_administrators_without_a_second_factor() {
    let base = "version 17.9\nhostname r1\n{AAA}username netops privilege 15 algorithm-type scrypt secret 9 $9$yqpQZ8.cP3e9Vr$1xZzvE2y5X2a.4tN6T0r9vGb1o4dJt8zW3nS5kQ2pLc\nusername viewer privilege 1 secret 9 $9$yqpQZ8.cP3e9Vr$1xZzvE2y5X2a.4tN6T0r9vGb1o4dJt8zW3nS5kQ2pLc\nend\n";
    let local = judged(
        &parse_text(
            Format::CiscoIos,
            "r.ios",
            &base.replace("{AAA}", "aaa new-model\naaa authentication login default local\n"),
        )
        .model,
    );
    assert_eq!(rules_on(&local, "administrator netops"), ["MGMT006"], "{local:#?}");
    assert!(rules_on(&local, "administrator viewer").is_empty());
    let server = judged(
        &parse_text(
            Format::CiscoIos,
            "r.ios",
            &base.replace("{AAA}", "aaa new-model\naaa authentication login default group tacacs+ local\n"),
        )
        .model,
    );
    assert!(!server.iter().any(|f| f.0 == "MGMT006"), "{server:#?}");
}

/// Issue 17 §4: YAMAHA `l2tp tunnel auth on PASSWORD` and `pp auth myname NAME PASSWORD`
/// hold passwords in clear. They are recorded as secrets (measured, never shown), in a real
/// RTX830 `show config` (tests/fixtures/routers/rtx830-l2tpv3-center.conf, source in its
/// first lines) and in the sample's PPPoE login.
#[test]
fn yamaha_l2tp_tunnel_auth_and_pp_myname_are_recorded() {
    use kensa::model::{SecretKind, SecretStorage};
    let read = |rel: &str| std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap();
    let input = parse_text(Format::YamahaRtx, "rtx830.conf", &read("tests/fixtures/routers/rtx830-l2tpv3-center.conf"));
    assert_eq!(input.unrecognized_lines, 0, "{:?}", input.diagnostics);
    let l2tp = input
        .model
        .secrets
        .iter()
        .find(|s| s.subject == "YAMAHA L2TP tunnel 1 auth")
        .expect("l2tp tunnel auth recorded");
    assert_eq!((l2tp.kind, l2tp.storage), (SecretKind::AuthKey, SecretStorage::Plaintext));
    assert_eq!(l2tp.strength.map(|s| s.length), Some("yamaha".len()));
    assert_eq!(&*l2tp.origin.evidence, "l2tp tunnel auth on ****");
    assert_eq!(l2tp.origin.line, 34);
    // The IPsec key of the same tunnel is judged as before.
    assert!(judged(&input.model)
        .iter()
        .any(|f| f.0 == "VPN007" && f.4 == "ipsec ike pre-shared-key 1 text ****"));

    let input = parse_text(Format::YamahaRtx, "bad.conf", &read("samples/yamaha-rtx/bad.conf"));
    let myname = input
        .model
        .secrets
        .iter()
        .find(|s| s.subject == "YAMAHA PPP myname user01@isp.example.ne.jp")
        .expect("pp auth myname recorded");
    assert_eq!((myname.kind, myname.storage), (SecretKind::AuthKey, SecretStorage::Plaintext));
    assert_eq!(myname.strength.map(|s| s.length), Some("p4ssw0rd".len()));
    assert_eq!(&*myname.origin.evidence, "pp auth myname user01@isp.example.ne.jp ****");
    for s in &input.model.secrets {
        assert!(
            !s.origin.evidence.contains("p4ssw0rd") && !s.origin.evidence.contains("yamaha"),
            "{}",
            s.origin.evidence
        );
    }
}
