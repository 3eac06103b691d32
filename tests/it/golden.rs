//! Golden tests: the full report for each bundled sample directory, in JSON (English) and
//! in the terminal format (Japanese). A change in findings shows up as a snapshot diff;
//! accept intended changes with `INSTA_UPDATE=always cargo test --test it golden` and review.

use assert_cmd::Command;

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("kensa")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("KENSA_NOW", "2026-12-01")
        // The shipped advisory table only, whatever `kensa advisories update` downloaded on
        // this machine (the reports name the table's date).
        .env("KENSA_DATA_DIR", "tests/fixtures/kev/no-downloaded-copy")
        .env("SOURCE_DATE_EPOCH", "1796083200")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert!(code == 0 || code == 1, "exit {code}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

macro_rules! golden {
    ($name:ident, $dir:literal) => {
        #[test]
        fn $name() {
            let json = run(&["lint", "--output-format", "json", "--lang", "en", $dir]);
            insta::assert_snapshot!(concat!(stringify!($name), "_json"), json);
            let human = run(&["lint", "--color", "never", "--lang", "ja", $dir]);
            insta::assert_snapshot!(concat!(stringify!($name), "_human_ja"), human);
        }
    };
}

golden!(nginx, "samples/nginx");
golden!(apache, "samples/apache");
golden!(haproxy, "samples/haproxy");
golden!(strongswan, "samples/strongswan");
golden!(openvpn, "samples/openvpn");
golden!(wireguard, "samples/wireguard");
golden!(hostapd, "samples/hostapd");
golden!(wpa_supplicant, "samples/wpa_supplicant");
golden!(networkmanager, "samples/networkmanager");
golden!(windows_wlan, "samples/windows-wlan");
golden!(fortigate, "samples/fortigate");
golden!(yamaha_rtx, "samples/yamaha-rtx");
golden!(cisco_ios, "samples/cisco-ios");
golden!(panos, "samples/panos");
golden!(allied_awplus, "samples/allied-awplus");
golden!(netscaler, "samples/netscaler");
golden!(cisco_asa, "samples/cisco-asa");
golden!(junos, "samples/junos");

#[test]
fn same_input_gives_byte_identical_output() {
    let a = run(&["lint", "--output-format", "json", "samples"]);
    let b = run(&["lint", "--output-format", "json", "samples"]);
    assert_eq!(a, b);
}

#[test]
fn rules_and_explain_speak_both_languages() {
    let en = run(&["rules", "--lang", "en"]);
    assert!(en.contains("TLS001") && en.contains("SSL 3.0, TLS 1.0 or TLS 1.1 enabled"), "{en}");
    let ja = run(&["explain", "TLS001", "--lang", "ja"]);
    assert!(ja.contains("ガイドライン条項: 13-6") && ja.contains("## 理由"), "{ja}");
}
golden!(nec_ix, "samples/nec-ix");
