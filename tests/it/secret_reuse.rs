//! MGMT009 across a site (issue 18, "password reuse across devices"): one secret on two
//! devices is one finding naming both places, and no output format, in either language,
//! ever prints a value. Each config is written in its vendor's own syntax (FortiOS CLI
//! script, YAMAHA RTX `show config`, Cisco IOS `show running-config`, hostapd.conf,
//! wpa_supplicant.conf); every secret carries the marker `KENSA-REUSE`, so the canary test
//! can look for all of them at once.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// Every secret value in this file contains it.
const MARK: &str = "KENSA-REUSE";
const SHARED: &str = "KENSA-REUSE-Shared-7q2";
/// `SHARED` as Cisco type 7 (seed 07): reversible, so MGMT009 compares the decoded value.
const SHARED_TYPE7: &str = "072404627D28543732273829491923253A36316F441644";

fn fortigate(admin_password: &str) -> String {
    format!(
        "#config-version=FG60E-6.0.4-FW-build0231-190107:opmode=0:vdom=0:user=admin\n\
         config system global\n    set hostname \"fgt-honkan\"\nend\n\
         config system admin\n    edit \"netadmin\"\n        set accprofile \"super_admin\"\n        set password {admin_password}\n    next\nend\n\
         config system snmp community\n    edit 1\n        set name \"KENSA-REUSE-fgt-community\"\n    next\nend\n"
    )
}

fn yamaha(login_user_password: &str) -> String {
    format!(
        "# RTX1210 Rev.14.01.38 (Fri Jun 26 16:34:11 2020)\n\
         login user netadmin {login_user_password}\n\
         administrator password KENSA-REUSE-rtx-admin-x9\n\
         snmp community read-only KENSA-REUSE-rtx-community\n"
    )
}

fn cisco_type7() -> String {
    format!("version 15.2\nhostname bunin-r1\nusername netops privilege 15 password 7 {SHARED_TYPE7}\nend\n")
}

/// Writes `files` into a fresh directory and lints it as one run; returns the JSON report.
fn lint_json(files: &[(&str, &str)]) -> (tempfile::TempDir, Value) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = kensa(dir.path(), &["--output-format", "json", "--lang", "en"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (dir, json)
}

fn kensa(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("kensa")
        .unwrap()
        .env("KENSA_NOW", "2026-12-01")
        .env("SOURCE_DATE_EPOCH", "1796083200")
        .arg("lint")
        .args(args)
        .args(["--fail-on", "never", "--color", "never"])
        .arg(dir)
        .output()
        .unwrap()
}

fn reuse_findings(json: &Value) -> Vec<&Value> {
    json["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "MGMT009").collect()
}

/// The messages of an input's diagnostics that contain `needle`.
fn notes<'a>(input: &'a Value, needle: &str) -> Vec<&'a str> {
    let all = input["diagnostics"].as_array().into_iter().flatten();
    all.filter_map(|d| d["message"].as_str()).filter(|m| m.contains(needle)).collect()
}

/// Paths of the primary and related places of a finding, file names only.
fn places(f: &Value) -> Vec<String> {
    let name = |loc: &Value| Path::new(loc["path"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned();
    let mut v = vec![name(&f["location"])];
    v.extend(f["related"].as_array().into_iter().flatten().map(|r| name(&r["location"])));
    v
}

#[test]
fn two_devices_sharing_a_password_give_one_finding_naming_both() {
    let (_dir, json) = lint_json(&[("fortigate.conf", &fortigate(SHARED)), ("rtx1210.conf", &yamaha(SHARED))]);
    let found = reuse_findings(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = found[0];
    assert_eq!(places(f), ["fortigate.conf", "rtx1210.conf"]);
    assert_eq!(f["clauses"], serde_json::json!(["8-5"]));
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("2 places across 2 files"), "{message}");
    assert!(
        message.contains("fortigate.conf:") && message.contains("rtx1210.conf:2 (YAMAHA login user netadmin)"),
        "{message}"
    );
    assert_eq!(f["related"][0]["subject"], "YAMAHA login user netadmin");
    assert_eq!(
        json["summary"]["error"].as_u64().unwrap() as usize,
        json["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").count()
    );
}

#[test]
fn a_cisco_type_7_password_is_compared_decoded() {
    let (_dir, json) = lint_json(&[("bunin-r1.cfg", &cisco_type7()), ("fortigate.conf", &fortigate(SHARED))]);
    let found = reuse_findings(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(places(found[0]), ["bunin-r1.cfg", "fortigate.conf"]);
}

#[test]
fn different_passwords_give_no_finding() {
    let (_dir, json) = lint_json(&[
        ("fortigate.conf", &fortigate("KENSA-REUSE-fgt-only-3v")),
        ("rtx1210.conf", &yamaha("KENSA-REUSE-rtx-only-8k")),
    ]);
    assert!(reuse_findings(&json).is_empty(), "{:#?}", reuse_findings(&json));
}

#[test]
fn one_password_for_two_accounts_of_one_device_is_reuse_within_the_file() {
    let text = "# RTX1210 Rev.14.01.38 (Fri Jun 26 16:34:11 2020)\nlogin password KENSA-REUSE-one-box\nadministrator password KENSA-REUSE-one-box\n";
    let (_dir, json) = lint_json(&[("rtx1210.conf", text)]);
    let found = reuse_findings(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0]["message"].as_str().unwrap().contains("within one file"), "{}", found[0]);
    assert_eq!(places(found[0]), ["rtx1210.conf", "rtx1210.conf"]);
}

#[test]
fn salted_hashes_are_said_to_be_not_compared() {
    // The same type 9 (scrypt) hash text on two routers: kensa does not compare stored forms.
    let hash = "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM";
    let r = |host: &str| format!("version 15.2\nhostname {host}\nusername netops privilege 15 secret 9 {hash}\nenable secret 9 {hash}\nend\n");
    let (_dir, json) = lint_json(&[("r1.cfg", &r("r1")), ("r2.cfg", &r("r2"))]);
    assert!(reuse_findings(&json).is_empty());
    for input in json["inputs"].as_array().unwrap() {
        let notes = notes(input, "could not be compared");
        assert_eq!(
            notes,
            ["2 secret(s) here could not be compared with the others for reuse (2 stored as one-way hashes)"],
            "{input}"
        );
    }
}

#[test]
fn a_pre_shared_key_on_both_ends_of_a_tunnel_is_not_reuse_but_on_three_gateways_it_is() {
    let psk = "KENSA-REUSE-tunnel-psk-5t";
    let rtx = |peer: &str| {
        format!(
            "# RTX1210 Rev.14.01.38 (Fri Jun 26 16:34:11 2020)\ntunnel select 1\n ipsec tunnel 101\n  ipsec sa policy 101 1 esp aes-cbc sha-hmac\n  ipsec ike pre-shared-key 1 text {psk}\n  ipsec ike remote address 1 {peer}\n tunnel enable 1\n"
        )
    };
    let fgt = format!(
        "#config-version=FG60E-6.0.4-FW-build0231-190107:opmode=0:vdom=0:user=admin\nconfig vpn ipsec phase1-interface\n    edit \"to-branch\"\n        set interface \"wan1\"\n        set remote-gw 203.0.113.20\n        set psksecret {psk}\n    next\nend\n"
    );
    let (_dir, json) = lint_json(&[("branch-rtx.conf", &rtx("203.0.113.10")), ("honkan-fgt.conf", &fgt)]);
    assert!(reuse_findings(&json).is_empty(), "two ends of one tunnel: {:#?}", reuse_findings(&json));
    // The assumption is said at both ends, each naming the other.
    for (input, other) in json["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .zip(["honkan-fgt.conf:6 (FortiGate IPsec to-branch)", "branch-rtx.conf:5 (YAMAHA IPsec gateway 1)"])
    {
        let notes = notes(input, "two ends of one link");
        assert_eq!(notes.len(), 1, "{input}");
        assert!(notes[0].contains(other), "{} should name {other}", notes[0]);
    }
    let (_dir, json) = lint_json(&[
        ("branch-a-rtx.conf", &rtx("203.0.113.10")),
        ("branch-b-rtx.conf", &rtx("203.0.113.10")),
        ("honkan-fgt.conf", &fgt),
    ]);
    let found = reuse_findings(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(places(found[0]), ["branch-a-rtx.conf", "branch-b-rtx.conf", "honkan-fgt.conf"]);
}

#[test]
fn one_ssid_shares_its_passphrase_but_two_ssids_must_not() {
    let ap = |ssid: &str| format!("interface=wlan0\nssid={ssid}\nwpa=2\nwpa_key_mgmt=WPA-PSK\nrsn_pairwise=CCMP\nwpa_passphrase=KENSA-REUSE-wifi-4r\n");
    let client = "network={\n\tssid=\"byoutou-staff\"\n\tkey_mgmt=WPA-PSK\n\tpsk=\"KENSA-REUSE-wifi-4r\"\n}\n";
    let (_dir, json) = lint_json(&[("hostapd.conf", &ap("byoutou-staff")), ("wpa_supplicant.conf", client)]);
    assert!(reuse_findings(&json).is_empty(), "an access point and its client: {:#?}", reuse_findings(&json));
    let (_dir, json) = lint_json(&[("hostapd.conf", &ap("byoutou-staff")), ("guest-hostapd.conf", &ap("byoutou-guest"))]);
    let found = reuse_findings(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(places(found[0]), ["guest-hostapd.conf", "hostapd.conf"]);
}

/// Output formats and the flags that select them.
const OUTPUTS: &[&[&str]] = &[
    &["--output-format", "human"],
    &["--output-format", "json"],
    &["--output-format", "sarif"],
    &["--output-format", "junit"],
    &["--output-format", "html"],
    &["--output-format", "github"],
    &["--output-format", "gitlab"],
    &["--output-format", "human", "--statistics"],
    &["--output-format", "json", "--statistics"],
];

/// The canary: the shared password, and every other secret of the site, never appear in
/// any output format in either language, while the reuse finding itself is reported.
#[test]
fn no_output_format_prints_a_secret_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("fortigate.conf", fortigate(SHARED)),
        ("rtx1210.conf", yamaha(SHARED)),
        ("bunin-r1.cfg", cisco_type7()),
    ];
    for (name, text) in &files {
        assert!(text.contains(MARK) || text.contains(SHARED_TYPE7));
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let mut leaks = Vec::new();
    for output in OUTPUTS {
        for lang in ["en", "ja"] {
            let mut args = output.to_vec();
            args.extend(["--lang", lang]);
            let out = kensa(dir.path(), &args);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stdout.contains("MGMT009"), "{args:?}: no reuse finding in\n{stdout}\n{stderr}");
            for (stream, text) in [("stdout", &stdout), ("stderr", &stderr)] {
                for secret in [MARK, SHARED_TYPE7] {
                    if let Some(line) = text.lines().find(|l| l.contains(secret)) {
                        leaks.push(format!("{args:?} {stream}: {line}"));
                    }
                }
            }
        }
    }
    assert!(leaks.is_empty(), "secret printed:\n{}", leaks.join("\n"));
}

/// SARIF names the other places as relatedLocations.
#[test]
fn sarif_lists_the_other_places_as_related_locations() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fortigate.conf"), fortigate(SHARED)).unwrap();
    std::fs::write(dir.path().join("rtx1210.conf"), yamaha(SHARED)).unwrap();
    let out = kensa(dir.path(), &["--output-format", "sarif", "--lang", "ja"]);
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let reuse: Vec<&Value> = results.iter().filter(|r| r["ruleId"] == "MGMT009").collect();
    assert_eq!(reuse.len(), 1);
    let related = reuse[0]["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    let uri = related[0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
    assert!(uri.ends_with("rtx1210.conf"), "{uri}");
    assert_eq!(related[0]["physicalLocation"]["region"]["startLine"], 2);
    let text = reuse[0]["message"]["text"].as_str().unwrap();
    assert!(text.contains("2 つのファイル (機器) にまたがる 2 か所"), "{text}");
}

#[test]
fn one_access_point_uses_one_radius_secret_for_authentication_and_accounting() {
    let ap = |name: &str| {
        format!(
            "interface=wlan0\nssid=byoutou-{name}\nwpa=2\nwpa_key_mgmt=WPA-EAP\nrsn_pairwise=CCMP\nieee8021x=1\n\
             auth_server_addr=192.0.2.10\nauth_server_port=1812\nauth_server_shared_secret=KENSA-REUSE-radius-6w\n\
             acct_server_addr=192.0.2.10\nacct_server_port=1813\nacct_server_shared_secret=KENSA-REUSE-radius-6w\n"
        )
    };
    let (_dir, json) = lint_json(&[("ward-a-hostapd.conf", &ap("a"))]);
    assert!(reuse_findings(&json).is_empty(), "{:#?}", reuse_findings(&json));
    // Two access points with one client secret: a leak from either lets anyone pose as both.
    let (_dir, json) = lint_json(&[("ward-a-hostapd.conf", &ap("a")), ("ward-b-hostapd.conf", &ap("b"))]);
    let found = reuse_findings(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        places(found[0]),
        ["ward-a-hostapd.conf", "ward-a-hostapd.conf", "ward-b-hostapd.conf", "ward-b-hostapd.conf"]
    );
}

/// 8-5's other half: FortiGate ships `admin` with no password (FortiOS Administration
/// Guide, "Default administrator password"); MGMT005 says it is the factory default, and
/// another account without a password is only "empty".
#[test]
fn fortigate_admin_without_password_is_reported_as_the_factory_default() {
    use kensa::formats::{parse_text, Format};
    use kensa::i18n::Lang;
    let text = "#config-version=FG60E-6.0.4-FW-build0231-190107:opmode=0:vdom=0:user=admin\n\
                config system admin\n    edit \"admin\"\n        set accprofile \"super_admin\"\n    next\n\
                \x20   edit \"ops\"\n        set accprofile \"super_admin\"\n    next\nend\n";
    let p = parse_text(Format::Fortios, "fgt.conf", text);
    let findings = kensa::rules::Engine::new(kensa::policy::TlsPolicy::builtin(), 0).check(&p.model);
    let message = |subject: &str, lang: Lang| {
        findings
            .iter()
            .find(|f| f.rule == "MGMT005" && &*f.subject == subject)
            .unwrap_or_else(|| panic!("no MGMT005 on {subject}"))
            .message(lang)
    };
    assert_eq!(
        message("FortiGate admin admin", Lang::En),
        "FortiGate admin admin: the password is still the vendor's factory default (no password)"
    );
    assert!(message("FortiGate admin admin", Lang::Ja).contains("パスワードが出荷時の初期状態 (未設定) のままです"));
    assert_eq!(
        message("FortiGate admin ops", Lang::En),
        "FortiGate admin ops: the password (or community) is empty (not set)"
    );
    // No value, nothing to reuse.
    assert!(findings.iter().all(|f| f.rule != "MGMT009"));
}

/// A file named on the command line and also included by another input is read twice;
/// its secret is still one place, not two.
#[test]
fn a_secret_read_through_an_include_and_on_its_own_is_one_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("conf.d")).unwrap();
    let main = "connections {\n   branch {\n      version = 2\n      remote_addrs = 203.0.113.20\n      local { auth = psk }\n      remote { auth = psk }\n      children { net { esp_proposals = aes256gcm16-modp3072 } }\n   }\n}\ninclude conf.d/*.conf\n";
    let secrets = "secrets {\n   ike-branch {\n      id = 203.0.113.20\n      secret = \"KENSA-REUSE-once-only-2z\"\n   }\n}\n";
    std::fs::write(dir.path().join("swanctl.conf"), main).unwrap();
    std::fs::write(dir.path().join("conf.d/secrets.conf"), secrets).unwrap();
    let out = Command::cargo_bin("kensa")
        .unwrap()
        .args(["lint", "--as", "swanctl", "--output-format", "json", "--fail-on", "never"])
        .arg(dir.path().join("swanctl.conf"))
        .arg(dir.path().join("conf.d/secrets.conf"))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["inputs"].as_array().unwrap().len(), 2, "both named, both inputs");
    assert!(reuse_findings(&json).is_empty(), "{:#?}", reuse_findings(&json));
}

/// The hand-over report (`kensa report`) judges reuse across its devices as `lint` does: the
/// shared password makes 8-5 不適合 on both gateways, and the finding is in each device's
/// section; with different passwords both devices pass 8-5 with MGMT009 among the rules that
/// judged it.
#[test]
fn the_report_shows_a_shared_password_on_both_devices() {
    let report = |a: &str, b: &str| -> Value {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("fortigate.conf"), fortigate(a)).unwrap();
        std::fs::write(dir.path().join("rtx1210.conf"), yamaha(b)).unwrap();
        let out = Command::cargo_bin("kensa")
            .unwrap()
            .env("KENSA_NOW", "2026-12-01")
            .env("SOURCE_DATE_EPOCH", "1796083200")
            .args(["report", "--json", "--lang", "en"])
            .arg(dir.path())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(!text.contains(a) && !text.contains(b), "a secret in the report");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    };
    let cell = |v: &Value, file: &str| -> Value {
        let d = v["compliance"]["devices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"].as_str().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("no device {file}: {v:#}"))
            .clone();
        d["clauses"]["8-5"].clone()
    };
    let shared = report(SHARED, SHARED);
    for file in ["fortigate.conf", "rtx1210.conf"] {
        assert_eq!(cell(&shared, file)["state"], "violated", "{file}: {:#}", cell(&shared, file));
    }
    let reuse = reuse_findings(&shared);
    assert!(!reuse.is_empty(), "MGMT009 in the report's findings");
    // YAMAHA's administrator password is set and the FortiGate admin has one: nothing else
    // in 8-5 is wrong when the passwords differ, so the clause passes and names MGMT009.
    let apart = report("KENSA-REUSE-fgt-only-3vQ9#x", "KENSA-REUSE-rtx-only-8kW2$z");
    assert!(reuse_findings(&apart).is_empty());
    for file in ["fortigate.conf", "rtx1210.conf"] {
        let c = cell(&apart, file);
        assert!(c["judged_by"].as_array().unwrap().iter().any(|r| r == "MGMT009"), "{file}: {c:#}");
    }
}

/// One IOS router holding one peer's key in two keyrings (batfish's ios-crypto: one keyring
/// bound by address, one by interface, both for 1.2.3.4) configures one link twice: not
/// reuse, and with the peer's own config beside it the two devices are the link's two ends.
/// The same key for two different peers is reuse.
#[test]
fn one_peers_key_in_two_keyrings_is_one_link_not_reuse() {
    let ios = |peers: [&str; 2]| {
        format!(
            "version 15.2\nhostname ios-crypto\n!\ncrypto keyring ISAKMP-KEYRING-ADDRESS\n  pre-shared-key address {} key KENSA-REUSE-kr-psk\n  local-address 2.3.4.6\ncrypto keyring ISAKMP-KEYRING-INTERFACE\n  pre-shared-key address {} key KENSA-REUSE-kr-psk\n  local-address TenGigabitEthernet0/0\n!\ninterface TenGigabitEthernet0/0\n ip address 2.3.4.6 255.255.255.0\n!\nend\n",
            peers[0], peers[1]
        )
    };
    let (_dir, json) = lint_json(&[("ios-crypto.ios", &ios(["1.2.3.4", "1.2.3.4"]))]);
    assert!(reuse_findings(&json).is_empty(), "{:#?}", reuse_findings(&json));
    let peer = "version 15.2\nhostname peer\n!\ncrypto isakmp key KENSA-REUSE-kr-psk address 2.3.4.6\n!\nend\n";
    let (_dir, json) = lint_json(&[("ios-crypto.ios", &ios(["1.2.3.4", "1.2.3.4"])), ("peer.ios", peer)]);
    assert!(reuse_findings(&json).is_empty(), "{:#?}", reuse_findings(&json));
    let said: usize = json["inputs"].as_array().unwrap().iter().map(|i| notes(i, "two ends of one link").len()).sum();
    assert_eq!(said, 2, "the assumption is said at both ends: {json:#}");
    let (_dir, json) = lint_json(&[("ios-crypto.ios", &ios(["1.2.3.4", "5.6.7.8"]))]);
    assert_eq!(reuse_findings(&json).len(), 1, "two peers, one key");
}
