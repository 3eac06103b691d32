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
    // Routers and firewalls (issue 6).
    (
        "fortios",
        "fortigate.conf",
        "#config-version=FG60E-6.0.4-FW-build0231-190107:opmode=0:vdom=0:user=admin\nconfig system admin\n    edit \"admin\"\n        set password {C}\n    next\nend\nconfig system interface\n    edit \"internal\"\n        set allowaccess ping snmp\n        set role lan\n    next\nend\nconfig system snmp community\n    edit 1\n        set name \"{C}\"\n    next\nend\nconfig user local\n    edit \"u1\"\n        set passwd {C}\n    next\nend\nconfig vpn ipsec phase1-interface\n    edit \"t1\"\n        set psksecret {C}\n        set psksecret-remote ENC {C}\n    next\nend\nconfig wireless-controller vap\n    edit \"v1\"\n        set passphrase \"{C}\"\n    next\nend\nconfig vpn certificate local\n    edit \"c\"\n        set private-key \"-----BEGIN ENCRYPTED PRIVATE KEY-----\n{C}\n-----END ENCRYPTED PRIVATE KEY-----\"\n    next\nend\nfrobnicate {C}\n{C}\nset x {C}\nconfig system global\n    set hostname \"gw\"\n",
    ),
    (
        "yamaha-rtx",
        "rtx.conf",
        "# RTX1210 Rev.14.01.38 (Fri Jun 26 16:34:11 2020)\nlogin password {C}\nadministrator password {C}\nlogin user admin {C}\npp select 1\n pp auth myname user@isp {C}\n pppoe use lan2\npp select anonymous\n pp auth username u1 {C}\ntunnel select 1\n ipsec tunnel 101\n  ipsec sa policy 101 1 esp aes-cbc sha-hmac\n  ipsec ike pre-shared-key 1 text {C}\n  ipsec ike remote address 1 any\nauth user 1 bob {C}\nsnmp community read-write {C}\nsnmpv3 usm user 1 nms group1 sha {C} aes128-cfb {C}\nfrobnicate {C}\n{C}\n",
    ),
    (
        "cisco-ios",
        "router.ios",
        " {C}\nversion 15.2\nenable password {C}\nenable secret 0 {C}\nusername bob password 0 {C}\nusername eve secret {C}\ncrypto isakmp key {C} address 0.0.0.0 0.0.0.0\ncrypto ikev2 keyring KR\n peer any\n  address 0.0.0.0 0.0.0.0\n  pre-shared-key {C}\nsnmp-server community {C} RW 10\nntp authentication-key 1 md5 {C}\nip ftp password {C}\nline vty 0 4\n password 0 {C}\n transport input telnet\ntacacs-server key {C}\nfrobnicate {C}\nbanner motd ^C {C} ^C\nend\n",
    ),
    (
        "netscaler",
        "ns.conf",
        "#NS13.1 Build 49.13\nset system user nsroot {C} -encrypted -hashmethod SHA512\nadd system user ops {C}\nadd snmp community {C} ALL\nadd snmp user mon -group g -authType SHA -authPasswd {C} -privType AES -privPasswd {C}\nadd authentication radiusAction r1 -serverIP 10.0.0.5 -radKey {C}\nadd authentication ldapAction l1 -serverIP 10.0.0.6 -ldapBindDnPassword {C} -encrypted -encryptmethod ENCMTHD_3\nset ns rpcNode 10.0.0.5 -password {C} -encrypted\nadd ssl certKey k -cert a.pem -key a.key -passcrypt {C}\nadd frobnicate thing -password {C}\nadd unknown \"{C}\n",
    ),
    (
        "cisco-asa",
        "asa.conf",
        "ASA Version 9.8(4)\nhostname fw\nenable password {C} level 15\npasswd {C}\nusername admin password {C} privilege 15\nusername ops password {C} encrypted\ninterface Gi0/0\n nameif outside\n security-level 0\nsnmp-server community {C}\nsnmp-server host outside 203.0.113.9 community {C} version 2c\nsnmp-server user u G v3 auth sha {C} priv aes 128 {C}\nntp authentication-key 1 md5 {C}\nfailover key {C}\naaa-server R (inside) host 10.0.0.5\n key {C}\n ldap-login-password {C}\ntunnel-group 198.51.100.1 type ipsec-l2l\ntunnel-group 198.51.100.1 ipsec-attributes\n ikev1 pre-shared-key {C}\n ikev2 remote-authentication pre-shared-key {C}\n ikev2 local-authentication pre-shared-key 8 {C}\nwebvpn\n enable outside\nfrobnicate secret {C}\nsmtp-server key {C}\n{C}\n",
    ),
];

const OUTPUT_FORMATS: &[&str] = &["human", "json", "sarif", "junit", "html"];

/// Runs `kensa lint --as FORMAT` on `path` in every output format and both languages; each
/// output line holding `canary` is a leak ("FORMAT --output-format O --lang L: stream: line").
/// Vendor tests call it with their own canary files.
pub fn leaks_in_every_output(format: &str, path: &std::path::Path, canary: &str) -> Vec<String> {
    let mut leaks = Vec::new();
    for output in OUTPUT_FORMATS {
        for lang in ["en", "ja"] {
            let out = Command::cargo_bin("kensa")
                .unwrap()
                .env("KENSA_NOW", "2026-12-01")
                .args([
                    "lint",
                    "--as",
                    format,
                    "--output-format",
                    output,
                    "--lang",
                    lang,
                    "--fail-on",
                    "never",
                    "--color",
                    "never",
                ])
                .arg(path)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stdout.trim().is_empty(), "{format} {output}: empty report; stderr: {stderr}");
            for (stream, s) in [("stdout", &stdout), ("stderr", &stderr)] {
                if s.contains(canary) {
                    let line = s.lines().find(|l| l.contains(canary)).unwrap_or("");
                    leaks.push(format!("{format} --output-format {output} --lang {lang}: {stream}: {line}"));
                }
            }
        }
    }
    leaks
}

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
        leaks.extend(leaks_in_every_output(format, &path, CANARY));
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

/// Issue 17 §5: configurations of vendors kensa does not support (Allied Telesis, NEC IX,
/// Juniper, Cisco ASA, PAN-OS; `tests/fixtures/canary/foreign`) forced through every parser.
/// A parser that misreads such a file must still mask every value after a secret-bearing
/// keyword, in every output format and both languages.
#[test]
fn foreign_syntax_through_every_parser_never_leaks() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/canary/foreign");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 5, "foreign canary fixtures missing");
    let mut leaks = Vec::new();
    for path in &files {
        assert!(std::fs::read_to_string(path).unwrap().contains(CANARY));
        // Every `--as` format, from the one table: a new vendor is included by being added.
        for format in kensa::formats::FORMATS.iter().map(|spec| spec.name) {
            for output in OUTPUT_FORMATS {
                for lang in ["en", "ja"] {
                    let out = Command::cargo_bin("kensa")
                        .unwrap()
                        .env("KENSA_NOW", "2026-12-01")
                        .args(["lint", "--as", format, "--output-format", output, "--lang", lang])
                        .args(["--fail-on", "never", "--color", "never"])
                        .arg(path)
                        .output()
                        .unwrap();
                    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
                        let s = String::from_utf8_lossy(bytes);
                        if let Some(line) = s.lines().find(|l| l.contains(CANARY)) {
                            let name = path.file_name().unwrap().to_string_lossy();
                            leaks.push(format!("{name} --as {format} {output} {lang}: {stream}: {line}"));
                        }
                    }
                }
            }
        }
    }
    assert!(leaks.is_empty(), "secret leaked ({}):\n{}", leaks.len(), leaks.join("\n"));
}
