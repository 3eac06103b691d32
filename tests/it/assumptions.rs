//! Defaults that changed between releases (issue 17 §2): judged on the release kensa.toml
//! `[assume]` pins, and never passed on the newest release's default alone.

use assert_cmd::Command;
use serde_json::Value;

/// A server that leaves `ssl_protocols` out (nginx's default applies).
const SITE: &str = "server {\n    listen 443 ssl;\n    server_name portal.example-hospital.jp;\n    ssl_certificate certs/portal.crt;\n    ssl_certificate_key certs/portal.key;\n}\n";

fn lint(assume: Option<&str>) -> Value {
    lint_as("nginx", "portal.conf", assume, SITE)
}

/// Lints `text` as `format` with `[assume] <format> = <release>` when given.
fn lint_as(format: &str, file: &str, assume: Option<&str>, text: &str) -> Value {
    let d = tempfile::tempdir().unwrap();
    let conf = d.path().join(file);
    std::fs::write(&conf, text).unwrap();
    let toml = d.path().join("kensa.toml");
    std::fs::write(&toml, assume.map_or(String::new(), |r| format!("[assume]\n{format} = \"{r}\"\n"))).unwrap();
    let out = Command::cargo_bin("kensa")
        .unwrap()
        .env("KENSA_NOW", "2026-12-01")
        .env("SOURCE_DATE_EPOCH", "1796083200")
        .args([
            "lint",
            "--output-format",
            "json",
            "--lang",
            "en",
            "--fail-on",
            "never",
            "--as",
            format,
            "--config",
        ])
        .arg(&toml)
        .arg(&conf)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn finding<'a>(v: &'a Value, rule: &str) -> Option<&'a Value> {
    v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == rule)
}

#[test]
fn an_unpinned_release_is_a_warning_naming_the_releases() {
    let v = lint(None);
    let f = finding(&v, "CFG002").expect("CFG002 without [assume]");
    assert_eq!(f["severity"], "warning");
    let m = f["message"].as_str().unwrap();
    assert!(
        m.contains("TLSv1.2 TLSv1.3 from 1.27.3, TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 in 1.23.4–1.27.2, TLSv1 TLSv1.1 TLSv1.2 before"),
        "{m}"
    );
    assert_eq!(f["location"]["line"], 1, "at the block relying on the default");
    // Judged on the newest default meanwhile, which says so in the evidence.
    assert!(finding(&v, "TLS001").is_none(), "{v}");
    let tls002 = finding(&v, "TLS002").expect("TLS 1.2 on the newest default");
    assert!(tls002["evidence"].as_str().unwrap().contains("release not pinned"), "{tls002}");
}

#[test]
fn a_release_before_1_23_4_enables_tls_1_0_by_default() {
    for release in ["1.22", "1.22.1", "1.23.3"] {
        let v = lint(Some(release));
        assert!(finding(&v, "CFG002").is_none(), "{release}: pinned");
        let f = finding(&v, "TLS001").unwrap_or_else(|| panic!("{release}: TLS 1.0/1.1 by default: {v}"));
        let e = f["evidence"].as_str().unwrap();
        assert!(e.contains(&format!("nginx {release} default TLSv1 TLSv1.1 TLSv1.2")), "{e}");
    }
}

/// nginx 1.23.4 added TLSv1.3 to the default and kept TLSv1 and TLSv1.1 (commit 7b24b93d6);
/// only 1.27.3 dropped them (commit ebd18ec18). Debian 12's 1.22, Ubuntu 24.04's 1.24 and
/// Debian 13's 1.26 all enable TLS 1.0 when ssl_protocols is absent.
#[test]
fn releases_from_1_23_4_to_1_27_2_still_enable_tls_1_0_by_default() {
    for release in ["1.23.4", "1.24.0", "1.26", "1.27.2"] {
        let v = lint(Some(release));
        assert!(finding(&v, "CFG002").is_none(), "{release}: pinned");
        let f = finding(&v, "TLS001").unwrap_or_else(|| panic!("{release}: TLS 1.0/1.1 by default: {v}"));
        let e = f["evidence"].as_str().unwrap();
        assert!(e.contains(&format!("nginx {release} default TLSv1 TLSv1.1 TLSv1.2 TLSv1.3")), "{e}");
    }
}

#[test]
fn a_release_from_1_27_3_has_the_new_default() {
    for release in ["1.27.3", "1.28.0", "1.29"] {
        let v = lint(Some(release));
        assert!(finding(&v, "CFG002").is_none() && finding(&v, "TLS001").is_none(), "{release}: {v}");
    }
}

#[test]
fn the_japanese_message_names_the_releases() {
    let out = Command::cargo_bin("kensa")
        .unwrap()
        .args(["explain", "CFG002", "--lang", "ja"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[assume]") && text.contains("1.27.3"), "{text}");
}

// OpenVPN's data-channel default changed between releases: 2.4 accepts AES-256-GCM,
// AES-128-GCM and BF-CBC when no `cipher` and no `ncp-ciphers` are set, 2.5 only the two
// GCM ciphers (OpenVPN Changes.rst, 2.5.0, "Removal of BF-CBC support in default
// configuration"), 2.6 adds CHACHA20-POLY1305.

/// A TLS-mode server in openvpn(8) syntax with no `cipher`, `ncp-ciphers` or
/// `data-ciphers` line (written for this test, after the layout of OpenVPN's
/// sample-config-files/server.conf).
const SERVER: &str = "port 1194\nproto udp\ndev tun\nca ca.crt\ncert server.crt\nkey server.key\ndh none\ntls-crypt ta.key\nserver 10.8.0.0 255.255.255.0\nkeepalive 10 120\nauth SHA256\ntls-version-min 1.2\nverify-client-cert require\n";

#[test]
fn without_a_pin_the_newest_default_is_judged_and_said_to_be_an_assumption() {
    let v = lint_as("openvpn", "server.conf", None, SERVER);
    let cfg = finding(&v, "CFG002").unwrap_or_else(|| panic!("CFG002 expected: {v}"));
    let m = cfg["message"].as_str().unwrap();
    assert!(m.contains("data-ciphers") && m.contains("BF-CBC accepted as well up to 2.4"), "{m}");
    assert!(finding(&v, "VPN003").is_none(), "{v}");
}

#[test]
fn openvpn_2_4_accepts_bf_cbc() {
    let v = lint_as("openvpn", "server.conf", Some("2.4.12"), SERVER);
    let weak = finding(&v, "VPN003").unwrap_or_else(|| panic!("BF-CBC on 2.4: {v}"));
    assert!(weak["message"].as_str().unwrap().contains("Blowfish"), "{weak}");
    assert!(
        weak["evidence"]
            .as_str()
            .unwrap()
            .contains("OpenVPN 2.4.12 default AES-256-GCM:AES-128-GCM:BF-CBC"),
        "{weak}"
    );
    assert!(finding(&v, "CFG002").is_none(), "the release is pinned: {v}");
}

#[test]
fn openvpn_2_5_and_2_6_do_not_accept_bf_cbc() {
    for release in ["2.5", "2.6.3"] {
        let v = lint_as("openvpn", "server.conf", Some(release), SERVER);
        assert!(finding(&v, "VPN003").is_none(), "{release}: {v}");
        assert!(finding(&v, "CFG002").is_none(), "{release}: {v}");
    }
}

#[test]
fn an_openvpn_config_that_names_its_ciphers_needs_no_pin() {
    let v = lint_as("openvpn", "server.conf", None, &format!("{SERVER}data-ciphers AES-256-GCM:AES-128-GCM\n"));
    assert!(finding(&v, "CFG002").is_none(), "{v}");
}

/// A server that proxies to an HTTPS upstream without `proxy_ssl_protocols`.
const PROXY: &str = "server {\n    listen 443 ssl;\n    server_name portal.example-hospital.jp;\n    ssl_protocols TLSv1.2 TLSv1.3;\n    location / {\n        proxy_pass https://10.20.0.15:8443;\n    }\n}\n";

#[test]
fn proxy_ssl_protocols_depends_on_the_release_too() {
    let v = lint_as("nginx", "portal.conf", None, PROXY);
    let f = finding(&v, "CFG002").unwrap_or_else(|| panic!("CFG002 on the upstream: {v}"));
    assert!(f["message"].as_str().unwrap().contains("proxy_ssl_protocols"), "{f}");
    assert_eq!(f["location"]["line"], 6, "at proxy_pass");
    let v = lint_as("nginx", "portal.conf", Some("1.22"), PROXY);
    assert!(finding(&v, "CFG002").is_none(), "{v}");
    let e: Vec<&str> = v["findings"].as_array().unwrap().iter().filter_map(|f| f["evidence"].as_str()).collect();
    assert!(
        e.iter()
            .any(|e| e.contains("proxy_ssl_protocols not set: nginx 1.22 default TLSv1 TLSv1.1 TLSv1.2")),
        "the upstream is judged on 1.22's default: {v}"
    );
}

/// An HAProxy frontend whose `bind ... ssl` line sets no `ssl-min-ver`, with no
/// `ssl-default-bind-options` either.
const HAPROXY: &str = "global\n    log 127.0.0.1 local0\nfrontend portal\n    mode http\n    bind :443 ssl crt /etc/haproxy/certs/portal.pem\n    default_backend app\nbackend app\n    server app1 10.0.0.10:8080\n";

/// HAProxy raised the bind-side minimum from TLSv1.0 (1.8 – 2.1) to TLSv1.2 in 2.2
/// (commit 2f44a59c7, "use TLSv1.2 as the minimum default on bind lines"): a pinned 2.0 or
/// 2.1 enables TLS 1.0 and 1.1, a pinned 2.2 or later does not, and without a pin the 2.2
/// default is judged and said to be an assumption.
#[test]
fn haproxy_before_2_2_enables_tls_1_0_on_bind_lines_by_default() {
    for release in ["1.8.30", "2.0", "2.1.12"] {
        let v = lint_as("haproxy", "haproxy.cfg", Some(release), HAPROXY);
        assert!(finding(&v, "CFG002").is_none(), "{release}: pinned");
        let f = finding(&v, "TLS001").unwrap_or_else(|| panic!("{release}: TLS 1.0/1.1 by default: {v}"));
        let e = f["evidence"].as_str().unwrap();
        assert!(e.contains(&format!("HAProxy {release} bind default TLS1.0-TLS1.3")), "{e}");
    }
    for release in ["2.2", "2.8.5", "3.0"] {
        let v = lint_as("haproxy", "haproxy.cfg", Some(release), HAPROXY);
        assert!(finding(&v, "CFG002").is_none() && finding(&v, "TLS001").is_none(), "{release}: {v}");
    }
    let v = lint_as("haproxy", "haproxy.cfg", None, HAPROXY);
    let f = finding(&v, "CFG002").expect("CFG002 without [assume] haproxy");
    let m = f["message"].as_str().unwrap();
    assert!(m.contains("ssl-min-ver") && m.contains("TLSv1.0 in 1.8–2.1"), "{m}");
    assert_eq!(f["location"]["line"], 5, "at the bind line relying on the default");
    assert!(finding(&v, "TLS001").is_none(), "{v}");
}

/// `cipher AES-256-CBC` beside `ncp-ciphers AES-128-GCM`, as in a real server config
/// (tests/fixtures/real/openvpn/openvpn-snippets-server.conf): 2.4 and 2.5 still use the
/// CBC cipher with peers that cannot negotiate, 2.6 ignores it.
const REAL_OPENVPN: &str = include_str!("../fixtures/real/openvpn/openvpn-snippets-server.conf");

#[test]
fn an_openvpn_cipher_left_out_of_data_ciphers_depends_on_the_release() {
    let v = lint_as("openvpn", "server.conf", None, REAL_OPENVPN);
    let f = finding(&v, "CFG002").unwrap_or_else(|| panic!("CFG002 at the cipher line: {v}"));
    let m = f["message"].as_str().unwrap();
    assert!(
        m.contains("data-ciphers-fallback") && m.contains("AES-256-CBC") && m.contains("ignored from 2.6"),
        "{m}"
    );
    assert!(f["evidence"].as_str().unwrap().contains("cipher AES-256-CBC"), "{f}");
    assert!(finding(&v, "VPN012").is_none(), "2.6 is judged: {v}");
    for release in ["2.4.12", "2.5"] {
        let v = lint_as("openvpn", "server.conf", Some(release), REAL_OPENVPN);
        let f = finding(&v, "VPN012").unwrap_or_else(|| panic!("{release}: CBC fallback accepted: {v}"));
        assert!(f["evidence"].as_str().unwrap().contains("cipher AES-256-CBC"), "{release}: {f}");
        assert!(finding(&v, "CFG002").is_none(), "{release}: {v}");
    }
    let v = lint_as("openvpn", "server.conf", Some("2.6.3"), REAL_OPENVPN);
    assert!(finding(&v, "VPN012").is_none() && finding(&v, "CFG002").is_none(), "{v}");
}

/// CFG002's fix names the product the finding is about, in both languages: a HAProxy
/// finding says `haproxy = "..."` and an OpenVPN one `openvpn = "..."`, and neither shows
/// nginx's directive or release (issue 17: the hint was nginx's for every product).
#[test]
fn the_release_pin_hint_names_the_product_of_the_finding() {
    use kensa::formats::{parse_text, Format};
    use kensa::i18n::Lang;
    use kensa::policy::TlsPolicy;
    use kensa::report::fix_text;
    use kensa::rules::Engine;
    let cases = [
        (
            Format::Haproxy,
            "haproxy",
            "global\n  ssl-default-bind-options no-sslv3\nfrontend f\n  bind :443 ssl crt a.pem\n",
            "haproxy = \"2.8\"",
        ),
        (
            Format::Openvpn,
            "openvpn",
            "port 1194\nproto udp\ndev tun\nca ca.crt\ncert server.crt\nkey server.key\ncipher AES-256-CBC\nserver 10.8.0.0 255.255.255.0\n",
            "openvpn = \"2.6\"",
        ),
        (
            Format::Nginx,
            "nginx",
            "server {\n    listen 443 ssl;\n    server_name a.example.jp;\n}\n",
            "nginx = \"1.22\"",
        ),
    ];
    for (format, name, text, pin) in cases {
        let p = parse_text(format, "cfg", text);
        let f = Engine::new(TlsPolicy::builtin(), 0).check(&p.model);
        let f = f.iter().find(|x| x.rule == "CFG002").unwrap_or_else(|| panic!("no CFG002 for {name}: {f:#?}"));
        for lang in [Lang::Ja, Lang::En] {
            let fix = fix_text(f, Some(name), lang);
            assert!(fix.contains(pin), "{name} {lang:?}: {fix}");
            if name != "nginx" {
                assert!(!fix.contains("nginx") && !fix.contains("ssl_protocols"), "{name} {lang:?}: {fix}");
            }
        }
    }
}

/// A FortiOS copy without its `#config-version=` header (pasted from the CLI into a ticket)
/// does not say the release: the SSL-VPN's and the admin GUI's TLS floors then rest on the
/// train's default, which changed (TLS 1.1 in 6.0, TLS 1.2 from 6.2 for the SSL-VPN;
/// `tlsv1-1 tlsv1-2` before 6.4 for the admin GUI). CFG002 says so; `[assume] fortios`
/// decides; the header decides without a pin.
const FORTIOS_NO_HEADER: &str = "config system interface
    edit \"wan1\"
        set ip 203.0.113.10 255.255.255.0
        set allowaccess https
        set role wan
    next
end
config system global
    set hostname \"fg-clinic\"
end
config vpn ssl settings
    set servercert \"Fortinet_Factory\"
    set source-interface \"wan1\"
end
";

#[test]
fn a_fortios_copy_without_its_release_needs_the_release_pinned() {
    let v = lint_as("fortios", "fg.conf", None, FORTIOS_NO_HEADER);
    let pins: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "CFG002")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        pins.iter().any(|m| m.contains("ssl-min-proto-ver") && m.contains("tls1-2 from 6.2")),
        "{pins:?}"
    );
    assert!(pins.iter().any(|m| m.contains("admin-https-ssl-versions")), "{pins:?}");
    // Pinned to 6.0: the SSL-VPN takes TLS 1.1 by default (TLS001), and no CFG002.
    let v = lint_as("fortios", "fg.conf", Some("6.0"), FORTIOS_NO_HEADER);
    assert!(finding(&v, "CFG002").is_none(), "{v}");
    assert!(finding(&v, "TLS001").is_some(), "{v}");
    // Pinned to 7.2: the newest defaults, nothing assumed.
    let v = lint_as("fortios", "fg.conf", Some("7.2"), FORTIOS_NO_HEADER);
    assert!(finding(&v, "CFG002").is_none() && finding(&v, "TLS001").is_none(), "{v}");
    // The header says the release: no pin needed.
    let with_header = format!("#config-version=FG60F-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin\n{FORTIOS_NO_HEADER}");
    let v = lint_as("fortios", "fg.conf", None, &with_header);
    assert!(finding(&v, "CFG002").is_none(), "{v}");
}
