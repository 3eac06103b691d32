//! Issue 17 §2–§4 for the TLS, VPN and wireless parsers: verdicts a hospital engineer can
//! trust. Every input is in the vendor's real syntax; fixtures taken from public configs
//! cite their source in their first lines.

use kensa::formats::{parse_path, Format, ParsedInput};
use kensa::i18n::Lang;
use kensa::policy::TlsPolicy;
use kensa::rules::Engine;
use std::path::Path;

/// 2026-12-01
const NOW: i64 = 1_796_083_200;

/// (rule, line, English message) of every finding.
fn findings_of(input: &ParsedInput) -> Vec<(&'static str, u32, String)> {
    let engine = Engine::new(TlsPolicy::builtin(), NOW);
    engine
        .check(&input.model)
        .iter()
        .map(|f| (f.rule, f.origin.line, f.message(Lang::En)))
        .collect()
}

/// Lint `text` as a file of `format`, read from disk as `kensa lint --as` does.
fn lint(format: Format, text: &str) -> (ParsedInput, Vec<(&'static str, u32, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.conf");
    std::fs::write(&path, text).unwrap();
    let input = parse_path(&path, "input.conf", Some(format), NOW);
    let f = findings_of(&input);
    (input, f)
}

fn fixture(name: &str) -> (ParsedInput, Vec<(&'static str, u32, String)>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trust_endpoints").join(name);
    let input = parse_path(&path, name, None, NOW);
    let f = findings_of(&input);
    (input, f)
}

fn rules(f: &[(&'static str, u32, String)]) -> Vec<&'static str> {
    f.iter().map(|(r, _, _)| *r).collect()
}

fn diag_messages(input: &ParsedInput) -> Vec<String> {
    input.diagnostics.iter().map(|d| d.kind.message(Lang::En)).collect()
}

// ---------------------------------------------------------------------------------------
// §2 cipher-string words for suites OpenSSL 3 no longer has

#[test]
fn legacy_suite_names_are_prohibited_suites_not_unknown_words() {
    let (input, f) = fixture("nginx-mozilla-old.conf");
    let tls003: Vec<_> = f.iter().filter(|(r, _, _)| *r == "TLS003").collect();
    assert_eq!(tls003.len(), 1, "{f:#?}");
    assert_eq!(tls003[0].1, 10);
    assert!(tls003[0].2.contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA"), "{}", tls003[0].2);
    let diags = diag_messages(&input);
    assert!(!diags.iter().any(|m| m.contains("unknown words")), "{diags:?}");
    // The assumption is said, at the directive.
    assert!(
        diags
            .iter()
            .any(|m| m.contains("only OpenSSL 1.0.x/1.1.x offers") && m.contains("DES-CBC3-SHA")),
        "{diags:?}"
    );
}

/// An Apache TLS virtual host with this `SSLCipherSuite`.
fn apache_vhost(ciphers: &str) -> String {
    format!("Listen 443\n<VirtualHost *:443>\n    SSLEngine on\n    SSLCertificateFile /etc/ssl/certs/site.pem\n    SSLProtocol -all +TLSv1.2\n    SSLCipherSuite {ciphers}\n</VirtualHost>\n")
}

/// An nginx TLS server with this `ssl_ciphers`.
fn nginx_server(ciphers: &str) -> String {
    format!("server {{\n    listen 443 ssl;\n    ssl_protocols TLSv1.2;\n    ssl_ciphers {ciphers};\n}}\n")
}

#[test]
fn legacy_aliases_asked_for_are_prohibited_in_every_openssl_server() {
    let cases: &[(Format, String, &str)] = &[
        (
            Format::Nginx,
            nginx_server("HIGH:!aNULL:RC4:3DES"),
            "TLS_RSA_WITH_RC4_128_SHA",
        ),
        (
            Format::Apache,
            apache_vhost("HIGH:!aNULL:!MD5:DES-CBC-SHA"),
            "TLS_RSA_WITH_DES_CBC_SHA",
        ),
        (
            Format::Haproxy,
            "frontend web\n    bind :443 ssl crt /etc/haproxy/site.pem ciphers HIGH:!aNULL:IDEA-CBC-SHA ssl-min-ver TLSv1.2\n    default_backend app\nbackend app\n    server a 10.0.0.2:80\n".into(),
            "TLS_RSA_WITH_IDEA_CBC_SHA",
        ),
    ];
    for (format, text, suite) in cases {
        let (input, f) = lint(*format, text);
        let hit = f.iter().find(|(r, _, _)| *r == "TLS003");
        assert!(
            hit.is_some_and(|(_, _, m)| m.contains(suite)),
            "{format:?}: {f:#?}\n{:?}",
            diag_messages(&input)
        );
    }
}

#[test]
fn broad_class_words_keep_openssl_3_meaning() {
    // Apache 2.2's default SSLCipherSuite: MEDIUM is a class like HIGH, not a legacy word.
    let (_, f) = lint(Format::Apache, &apache_vhost("HIGH:MEDIUM:!aNULL:!MD5"));
    assert!(!rules(&f).contains(&"TLS003"), "{f:#?}");
}

#[test]
fn excluding_legacy_words_adds_nothing() {
    // The Debian/Apache and cipherli.st style: legacy words only ever excluded.
    let (input, f) = lint(
        Format::Nginx,
        &nginx_server("EECDH+AESGCM:EDH+AESGCM:!aNULL:!MD5:!3DES:!RC4:!DES:!EXPORT:!LOW:!SEED:!IDEA"),
    );
    assert!(!rules(&f).contains(&"TLS003"), "{f:#?}");
    let diags = diag_messages(&input);
    assert!(!diags.iter().any(|m| m.contains("OpenSSL 1.0.x")), "{diags:?}");
}

// ---------------------------------------------------------------------------------------
// §3 authentication semantics

#[test]
fn wired_8021x_authenticator_is_not_a_wireless_network() {
    let (input, f) = fixture("hostapd-wired.conf");
    assert!(input.model.wlans.is_empty());
    assert!(!f.iter().any(|(r, _, _)| r.starts_with("WLAN")), "{f:#?}");
    // Its RADIUS parts are judged: stored in clear (14-6) and the well-known `radius` (8-5).
    for line in [40, 45] {
        let at: Vec<_> = f.iter().filter(|(_, l, _)| *l == line).map(|(r, _, _)| *r).collect();
        assert_eq!(at, ["MGMT004", "MGMT005"], "line {line}: {f:#?}");
    }
    for s in &input.model.secrets {
        assert!(s.origin.evidence.ends_with("_shared_secret=****"), "{}", s.origin.evidence);
    }
}

#[test]
fn eap_sim_has_no_server_certificate_to_pin() {
    let (_, f) = fixture("wpa_supplicant-eap.conf");
    let wlan010: Vec<_> = f.iter().filter(|(r, _, _)| *r == "WLAN010").collect();
    // The EAP-TLS network pins its CA but not the server name; the SIM network has nothing
    // to pin.
    assert_eq!(wlan010.len(), 1, "{f:#?}");
    assert!(wlan010[0].2.contains("\"example\"") && !wlan010[0].2.contains("CA"), "{}", wlan010[0].2);
}

#[test]
fn redacted_secrets_are_unreadable_not_weak() {
    for name in ["wpa_supplicant-eap.conf", "swanctl-redacted.conf"] {
        let (input, f) = fixture(name);
        let redacted = input
            .diagnostics
            .iter()
            .filter(|d| matches!(d.kind, kensa::diag::DiagKind::SecretNotJudged { redacted: true, .. }))
            .count();
        assert!(redacted >= 1, "{name}: {:?}", diag_messages(&input));
        // No strength verdict on a placeholder: `********` is not a weak password.
        let weak: Vec<_> = f.iter().filter(|(r, _, m)| *r == "MGMT005" && !m.contains("smart card PIN")).collect();
        assert!(weak.is_empty(), "{name}: {weak:#?}");
    }
}

#[test]
fn certificate_login_is_not_called_password_only() {
    let (_, f) = fixture("openvpn-client.conf");
    let m: Vec<_> = f.iter().filter(|(r, _, _)| *r == "MGMT006").map(|(_, _, m)| m.as_str()).collect();
    assert_eq!(m.len(), 1, "{f:#?}");
    assert!(m[0].contains("with a certificate only") && !m[0].contains("password"), "{}", m[0]);
    assert!(!f.iter().any(|(r, _, _)| *r == "VPN009"), "{f:#?}");
    // swanctl: users log in by EAP-MSCHAPv2, a password: that one is said.
    let (_, f) = fixture("swanctl-redacted.conf");
    assert!(f.iter().any(|(r, _, m)| *r == "MGMT006" && m.contains("with a password only")), "{f:#?}");
    assert!(f.iter().any(|(r, _, _)| *r == "VPN009"), "{f:#?}");
}

// ---------------------------------------------------------------------------------------
// §4 surfaces not judged before

#[test]
fn haproxy_stats_auth_on_plain_http_and_httpclient_without_verification() {
    let (input, f) = fixture("haproxy-stats.cfg");
    let at = |rule: &str| f.iter().filter(|(r, _, _)| *r == rule).map(|(_, l, _)| *l).collect::<Vec<_>>();
    assert_eq!(at("MGMT003"), [25], "cleartext stats page at its plain bind: {f:#?}");
    assert_eq!(at("MGMT004"), [30], "password stored in clear: {f:#?}");
    assert_eq!(at("MGMT005"), [30], "admin:admin is a default: {f:#?}");
    assert_eq!(at("TLS016"), [12], "httpclient.ssl.verify none: {f:#?}");
    // The password never reaches the model's evidence; the user name does.
    let s = &input.model.secrets[0];
    assert_eq!(&*s.origin.evidence, "stats auth admin:****");
    for (_, _, m) in &f {
        assert!(!m.contains("admin:admin"), "{m}");
    }
}

#[test]
fn haproxy_stats_behind_ssl_is_not_cleartext() {
    let (_, f) = lint(
        Format::Haproxy,
        "listen stats\n    mode http\n    bind :8404 ssl crt /etc/haproxy/site.pem\n    stats enable\n    stats auth ops:Vq8-mT2!xR5@kL9w\n",
    );
    assert!(!f.iter().any(|(r, _, _)| matches!(*r, "MGMT003" | "MGMT005")), "{f:#?}");
    assert!(f.iter().any(|(r, _, _)| *r == "MGMT004"), "{f:#?}");
}

#[test]
fn openvpn_dh_file_size_is_judged() {
    let (input, f) = fixture("openvpn-dh/server.conf");
    let ep = input
        .model
        .tls_endpoints
        .iter()
        .find(|e| e.subject.contains("control channel"))
        .expect("control channel");
    assert_eq!(ep.dh_bits.as_ref().map(|d| d.value), Some(1024));
    let weak: Vec<_> = f.iter().filter(|(r, _, _)| *r == "TLS006").collect();
    assert_eq!(weak.len(), 1, "{f:#?}");
    assert_eq!(weak[0].1, 10);
    assert!(weak[0].2.contains("DH 1024 bits"), "{}", weak[0].2);
    let (input, f) = fixture("openvpn-dh/server-2048.conf");
    let ep = input.model.tls_endpoints.iter().find(|e| e.subject.contains("control channel")).unwrap();
    assert_eq!(ep.dh_bits.as_ref().map(|d| d.value), Some(2048));
    assert!(!f.iter().any(|(r, _, _)| *r == "TLS006"), "{f:#?}");
}

#[test]
fn openvpn_dh_file_missing_is_said_not_passed() {
    let (input, _) = lint(
        Format::Openvpn,
        "port 1194\ndev tun\nca ca.crt\ncert server.crt\nkey server.key\ndh /etc/openvpn/dh4096.pem\nserver 10.8.0.0 255.255.255.0\n",
    );
    let diags = diag_messages(&input);
    assert!(diags.iter().any(|m| m.contains("/etc/openvpn/dh4096.pem")), "{diags:?}");
}

#[test]
fn eap_ttls_inner_pap_without_ca_pinning_says_the_password_goes_out() {
    // wpa_supplicant.conf(5) syntax; NetworkManager keyfile syntax (nm-settings-keyfile(5)).
    let wpa = "network={\n\tssid=\"campus\"\n\tkey_mgmt=WPA-EAP\n\teap=TTLS\n\tidentity=\"user@example.ac.jp\"\n\tanonymous_identity=\"anonymous@example.ac.jp\"\n\tpassword=\"Wq3-vN8!kR2@pZ7x\"\n\tphase2=\"auth=PAP\"\n\tieee80211w=2\n}\n";
    let nm = "[connection]\nid=campus\ntype=wifi\n\n[wifi]\nmode=infrastructure\nssid=campus\n\n[wifi-security]\nkey-mgmt=wpa-eap\n\n[802-1x]\neap=ttls;\nidentity=user@example.ac.jp\nphase2-auth=pap\npassword-flags=1\n";
    for (format, text) in [(Format::WpaSupplicant, wpa), (Format::Nmconnection, nm)] {
        let (_, f) = lint(format, text);
        let m: Vec<_> = f.iter().filter(|(r, _, _)| *r == "WLAN010").map(|(_, _, m)| m.as_str()).collect();
        assert_eq!(m.len(), 1, "{format:?}: {f:#?}");
        assert!(m[0].contains("sends the password itself (EAP-TTLS inner PAP)"), "{format:?}: {}", m[0]);
    }
    // With the CA and name pinned, inner PAP goes only to the right server: no finding.
    let pinned = wpa.replace(
        "\tphase2",
        "\tca_cert=\"/etc/cert/ca.pem\"\n\tdomain_suffix_match=\"radius.example.ac.jp\"\n\tphase2",
    );
    let (_, f) = lint(Format::WpaSupplicant, &pinned);
    assert!(!f.iter().any(|(r, _, _)| *r == "WLAN010"), "{f:#?}");
}

#[test]
fn networkmanager_private_key_password_is_a_masked_secret_whose_storage_is_judged() {
    // nm-settings-keyfile(5) syntax; private-key-password-flags=0: NetworkManager keeps it
    // in this file, in clear.
    let text = "[connection]\nid=HOSP-STAFF\ntype=wifi\n\n[wifi]\nssid=HOSP-STAFF\n\n[wifi-security]\nkey-mgmt=wpa-eap\npmf=3\n\n[802-1x]\neap=tls;\nidentity=cart-3f-07@example-hospital.jp\nca-cert=/etc/ssl/certs/hospital-radius-ca.pem\ndomain-suffix-match=radius.example-hospital.jp\nclient-cert=/etc/ssl/certs/cart-3f-07.pem\nprivate-key=/etc/ssl/private/cart-3f-07.key\nprivate-key-password=Kq7!vT3-mW9@xZ2p\nprivate-key-password-flags=0\n";
    let (input, f) = lint(Format::Nmconnection, text);
    let hits: Vec<_> = f.iter().filter(|(r, _, _)| *r == "MGMT004").collect();
    assert_eq!(hits.len(), 1, "{f:#?}");
    assert_eq!(hits[0].1, 19);
    let dump = format!("{:?}{:?}", input.model, f);
    assert!(!dump.contains("Kq7!vT3"), "the passphrase leaked");
    // Held by a secret agent (flags=1): not in the file, nothing stored to judge.
    let (_, f) = lint(
        Format::Nmconnection,
        &text.replace("private-key-password-flags=0", "private-key-password-flags=1"),
    );
    assert!(!f.iter().any(|(r, _, _)| *r == "MGMT004"), "{f:#?}");
}

#[test]
fn shared_psk_then_xauth_is_a_password_only_remote_access() {
    let (_, f) = fixture("swanctl-xauth-psk.conf");
    let at = |rule: &str| f.iter().filter(|(r, _, _)| *r == rule).map(|(_, l, m)| (*l, m.clone())).collect::<Vec<_>>();
    let mgmt006 = at("MGMT006");
    assert_eq!(mgmt006.len(), 1, "{f:#?}");
    assert_eq!(mgmt006[0].0, 17);
    assert!(mgmt006[0].1.contains("with a password only"), "{}", mgmt006[0].1);
    let vpn009 = at("VPN009");
    assert!(vpn009.len() == 1 && vpn009[0].1.contains("XAUTH"), "{f:#?}");
}
