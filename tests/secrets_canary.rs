//! No output format ever prints a secret. A distinctive canary value is planted in every
//! secret position of a config in each format (well-formed lines, and malformed lines whose
//! text ends up in diagnostics), kensa is run through its CLI with every output format and
//! both languages, and the canary must not appear in stdout or stderr.
//!
//! Add a row to `CASES` for each new format that carries secrets (router and wireless
//! formats: PSKs, enable secrets, SNMP communities, WPA passphrases).

use assert_cmd::Command;

const CANARY: &str = "KENSA-CANARY-7f3a9";

/// (`--as` format, file name, text with `{C}` where the canary goes).
const CASES: &[(&str, &str, &str)] = &[
    (
        "swanctl",
        "swanctl.conf",
        r#"connections {
   site {
      version = 1
      aggressive = yes
      remote_addrs = %any
      local { auth = psk }
      remote { auth = psk }
      children { net { esp_proposals = 3des-md5 } }
   }
}
secrets {
   ike-site {
      id = 203.0.113.2
      secret = "{C}"
   }
   ike-plain {
      secret = {C}
   }
   eap-alice {
      id = alice
      secret = {C}
   }
   private-gw {
      file = gw.key
      secret = {C}
   }
   broken secret {C}
   psk: {C}
}
"#,
    ),
    (
        "ipsec-secrets",
        "ipsec.secrets",
        "# ipsec.secrets\n: PSK \"{C}\"\n198.51.100.1 203.0.113.2 : PSK {C}\nalice : EAP \"{C}\"\nbob : XAUTH {C}\n: RSA gw.key {C}\nnot a secret line {C}\n{C}\n",
    ),
    ("ipsec-conf", "ipsec.conf", "psk={C}\nconn x\n\tauthby=secret\n\tright=%any\n\tauto=add\n\t{C}\n\tbogus {C}=1\n"),
    (
        "openvpn",
        "client.ovpn",
        "client\ndev tun\nremote vpn.example.jp 1194\nauth-user-pass\n<auth-user-pass>\nalice\n{C}\n</auth-user-pass>\n<key>\n-----BEGIN PRIVATE KEY-----\n{C}\n-----END PRIVATE KEY-----\n</key>\n<tls-crypt>\n{C}\n</tls-crypt>\n<secret>\n{C}\n</secret>\npassword {C}\n{C}\n<tls-auth>\n{C}\n",
    ),
    (
        "wireguard",
        "wg0.conf",
        "[Interface]\nPrivateKey = {C}\nAddress = 10.0.0.2/32\nPrivateKey: {C}\n{C}\n[Peer]\nPublicKey = GtL7fZc/bLnqZldpVofMCD6hDjrK28SsdLxevJ+qtKU=\nPresharedKey = {C}\nPresharedKey {C}\nAllowedIPs = 10.0.0.0/24\nEndpoint = vpn.example.jp:51820\n[{C}]\n",
    ),
    (
        "nginx",
        "nginx.conf",
        "http {\n    server {\n        listen 443 ssl;\n        ssl_protocols TLSv1 TLSv1.2;\n        ssl_password_file /etc/nginx/{C}.pass;\n        location / {\n            proxy_set_header Authorization \"Basic {C}\";\n            proxy_pass https://backend;\n        }\n    }\n}\n",
    ),
];

const OUTPUT_FORMATS: &[&str] = &["human", "json", "sarif", "junit", "html"];

#[test]
fn canary_never_appears_in_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut leaks = Vec::new();
    for (format, name, template) in CASES {
        let text = template.replace("{C}", CANARY);
        assert!(text.contains(CANARY));
        let sub = dir.path().join(format);
        std::fs::create_dir_all(&sub).unwrap();
        let path = sub.join(name);
        std::fs::write(&path, &text).unwrap();
        for output in OUTPUT_FORMATS {
            for lang in ["en", "ja"] {
                let out = Command::cargo_bin("kensa")
                    .unwrap()
                    .env("KENSA_NOW", "2026-12-01")
                    .args(["lint", "--as", format, "--output-format", output, "--lang", lang, "--fail-on", "never", "--color", "never"])
                    .arg(&path)
                    .output()
                    .unwrap();
                let stdout = String::from_utf8_lossy(&out.stdout);
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(!stdout.trim().is_empty(), "{format} {output}: empty report; stderr: {stderr}");
                for (stream, s) in [("stdout", &stdout), ("stderr", &stderr)] {
                    if s.contains(CANARY) {
                        let line = s.lines().find(|l| l.contains(CANARY)).unwrap_or("");
                        leaks.push(format!("{format} --output-format {output} --lang {lang}: {stream}: {line}"));
                    }
                }
            }
        }
    }
    assert!(leaks.is_empty(), "secret leaked:\n{}", leaks.join("\n"));
}

#[test]
fn canary_files_are_really_judged() {
    // The VPN cases must produce findings about the planted secrets (a parser that skipped
    // them would pass the leak test vacuously).
    let dir = tempfile::tempdir().unwrap();
    for (format, name, template) in CASES.iter().filter(|(f, _, _)| *f == "ipsec-secrets" || *f == "swanctl") {
        let path = dir.path().join(name);
        std::fs::write(&path, template.replace("{C}", CANARY)).unwrap();
        let out = Command::cargo_bin("kensa")
            .unwrap()
            .args(["lint", "--as", format, "--output-format", "json", "--select", "VPN007", "--fail-on", "never"])
            .arg(&path)
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let n = json["findings"].as_array().map_or(0, |a| a.len());
        assert!(n >= 2, "{format}: expected weak-PSK findings for the planted keys, got {n}");
    }
}
