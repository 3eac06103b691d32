//! No output format, in either language, prints a wireless secret. Every secret in
//! tests/fixtures/canary/<format>.<ext> is the canary string; kensa's output over each file
//! (findings, evidence, diagnostics) must not contain it. (The project-wide canary test can
//! take these fixtures into its table; this one keeps the wireless formats covered until then.)

use assert_cmd::Command;
use std::path::Path;

const CANARY: &str = "KENSA-CANARY-7f3a9";

#[test]
fn wireless_secrets_never_printed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/canary");
    let mut files = 0;
    for name in ["hostapd.conf", "wpa-supplicant.conf", "nmconnection.nmconnection", "wlan-xml.xml"] {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.matches(CANARY).count() >= 2, "{name} plants the canary");
        let format = name.split('.').next().unwrap();
        files += 1;
        for output in ["human", "json", "sarif", "junit", "html"] {
            for lang in ["ja", "en"] {
                let out = Command::cargo_bin("kensa")
                    .unwrap()
                    .args(["lint", "--as", format, "--output-format", output, "--lang", lang, "--fail-on", "never"])
                    .arg(&path)
                    .output()
                    .unwrap();
                let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
                assert!(!all.is_empty(), "{name} {output}: no output");
                assert!(!all.contains(CANARY), "{name} --output-format {output} --lang {lang} prints a secret:\n{all}");
            }
        }
    }
    assert_eq!(files, 4);
}
