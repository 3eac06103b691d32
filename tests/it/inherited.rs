//! Settings meant to be inherited are judged even when the input holds no instance that
//! inherits them (issue 17 §2), at the directive, saying who inherits them; and not twice
//! when an instance exists.

use kensa::formats::{parse_text, Format};
use kensa::policy::TlsPolicy;
use kensa::rules::{Engine, Finding};

/// certbot's `options-ssl-nginx.conf` as older certbot releases installed it, in the layout
/// of certbot/certbot `certbot-nginx/src/certbot_nginx/_internal/tls_configs/
/// options-ssl-nginx-old.conf` (commit 521146f6ca45c16ccc7493cfb7590c5b04b32992); the
/// TLSv1/TLSv1.1 protocol line is what copies of the older file in public guides show.
const CERTBOT_OPTIONS: &str = r#"# This file contains important security parameters. If you modify this file
# manually, Certbot will be unable to automatically provide future security
# updates.

ssl_session_cache shared:le_nginx_SSL:1m;
ssl_session_timeout 1440m;

ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
ssl_prefer_server_ciphers on;

ssl_ciphers "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA";
"#;

/// Debian's nginx.conf layout: the site-wide TLS policy at the `http` level, servers in
/// `sites-enabled/` (absent from this copy).
const DEBIAN_HTTP: &str = "user www-data;\nevents {\n\tworker_connections 768;\n}\nhttp {\n\tssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;\n\tssl_prefer_server_ciphers on;\n\tinclude /etc/nginx/sites-enabled/*;\n}\n";

fn findings(name: &str, text: &str) -> Vec<Finding> {
    let input = parse_text(Format::Nginx, name, text);
    Engine::new(TlsPolicy::builtin(), 0).check(&input.model)
}

#[test]
fn a_snippet_of_ssl_directives_is_judged_at_its_directives() {
    let f = findings("options-ssl-nginx.conf", CERTBOT_OPTIONS);
    let legacy: Vec<&Finding> = f.iter().filter(|x| x.rule == "TLS001").collect();
    assert_eq!(legacy.len(), 1, "{f:#?}");
    assert_eq!(legacy[0].origin.line, 8, "at ssl_protocols");
    assert_eq!(&*legacy[0].subject, "nginx options-ssl-nginx.conf");
    assert!(
        legacy[0].origin.evidence.contains("inherited by every server block that does not override it"),
        "{:?}",
        legacy[0].origin.evidence
    );
    // What each server decides for itself is not pinned on the snippet.
    for rule in ["TLS007", "TLS018", "TLS024"] {
        assert!(!f.iter().any(|x| x.rule == rule), "{rule} on a snippet that does not set it: {f:#?}");
    }
}

#[test]
fn http_level_settings_with_no_server_are_judged() {
    let f = findings("nginx.conf", DEBIAN_HTTP);
    let legacy = f.iter().find(|x| x.rule == "TLS001").expect("TLS001 at the http level");
    assert_eq!((&*legacy.subject, legacy.origin.line), ("nginx http {}", 6));
}

#[test]
fn inherited_settings_are_not_reported_twice_when_a_server_inherits_them() {
    let text = DEBIAN_HTTP.replace(
        "\tinclude /etc/nginx/sites-enabled/*;\n",
        "\tserver {\n\t\tlisten 443 ssl;\n\t\tserver_name portal.example-hospital.jp;\n\t}\n",
    );
    let f = findings("nginx.conf", &text);
    let legacy: Vec<&str> = f.iter().filter(|x| x.rule == "TLS001").map(|x| &*x.subject).collect();
    assert_eq!(legacy, ["nginx server portal.example-hospital.jp:443"], "{f:#?}");
}

#[test]
fn a_snippet_without_tls_policy_is_not_a_server() {
    let f = findings("cache.conf", "ssl_session_cache shared:SSL:10m;\nssl_session_timeout 1d;\n");
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn a_modern_snippet_passes_the_protocol_rules() {
    // The Mozilla generator's "modern" profile as snippets carry it.
    let f = findings("ssl-modern.conf", "ssl_protocols TLSv1.3;\nssl_prefer_server_ciphers off;\n");
    assert!(!f.iter().any(|x| x.rule == "TLS001" || x.rule == "TLS002"), "{f:#?}");
}

/// Debian's `mods-available/ssl.conf` (the SSL global context every VirtualHost inherits),
/// directives as in deepin-community/apache2 `debian/config-dir/mods-available/ssl.conf`
/// (commit f693f8436977dc44abcb6baa2aa2052e0e3b824b), comments shortened; `{PROTOCOL}` is
/// that copy's `SSLProtocol` line or the older Debian `SSLProtocol all -SSLv3`.
const DEBIAN_SSL_CONF: &str = "SSLRandomSeed startup builtin\nSSLRandomSeed startup file:/dev/urandom 512\nSSLRandomSeed connect builtin\nSSLRandomSeed connect file:/dev/urandom 512\n\n##  SSL Global Context\n\nAddType application/x-x509-ca-cert .crt\nAddType application/x-pkcs7-crl .crl\nSSLPassPhraseDialog  exec:/usr/share/apache2/ask-for-passphrase\nSSLSessionCache     shmcb:${APACHE_RUN_DIR}/ssl_scache(512000)\nSSLSessionCacheTimeout  300\n\nSSLCipherSuite HIGH:!aNULL\n\n{PROTOCOL}\n\nSSLSessionTickets off\n";

#[test]
fn apache_server_level_ssl_settings_are_judged_without_a_virtualhost() {
    let old = DEBIAN_SSL_CONF.replace("{PROTOCOL}", "SSLProtocol all -SSLv3");
    let f = Engine::new(TlsPolicy::builtin(), 0).check(&parse_text(Format::Apache, "ssl.conf", &old).model);
    let legacy = f.iter().find(|x| x.rule == "TLS001").expect("TLS 1.0/1.1 from SSLProtocol all -SSLv3");
    assert_eq!((&*legacy.subject, legacy.origin.line), ("apache server config", 16));
    assert!(legacy.origin.evidence.contains("inherited by every VirtualHost that does not override it"));
    let suites = f.iter().find(|x| x.rule == "TLS004").expect("HIGH:!aNULL outside the high-security profile");
    assert_eq!(suites.origin.line, 14, "at SSLCipherSuite");
    for rule in ["TLS007", "TLS018", "TLS024"] {
        assert!(!f.iter().any(|x| x.rule == rule), "{rule}: {f:#?}");
    }
    let current = DEBIAN_SSL_CONF.replace("{PROTOCOL}", "SSLProtocol all all -SSLv2 -SSLv3 -TLSv1 -TLSv1.1");
    let f = Engine::new(TlsPolicy::builtin(), 0).check(&parse_text(Format::Apache, "ssl.conf", &current).model);
    assert!(!f.iter().any(|x| x.rule == "TLS001"), "{f:#?}");
    assert!(f.iter().any(|x| x.rule == "TLS002"), "TLS 1.2 still on: {f:#?}");
    // With a TLS VirtualHost that inherits it, only the VirtualHost is judged.
    let with_vhost = format!("{old}<VirtualHost *:443>\n  ServerName portal.example-hospital.jp\n  SSLEngine on\n</VirtualHost>\n");
    let f = Engine::new(TlsPolicy::builtin(), 0).check(&parse_text(Format::Apache, "ssl.conf", &with_vhost).model);
    let subjects: Vec<&str> = f.iter().filter(|x| x.rule == "TLS001").map(|x| &*x.subject).collect();
    assert_eq!(subjects, ["apache vhost portal.example-hospital.jp:443"]);
}

/// HAProxy `global` in the layout the Mozilla SSL configuration generator writes
/// (`ssl-default-bind-ciphers` / `-ciphersuites` / `-options`), "old" profile minimum.
const HAPROXY_GLOBAL: &str = "global\n    log /dev/log local0\n    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:AES128-SHA\n    ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384\n    ssl-default-bind-options ssl-min-ver TLSv1.0 no-tls-tickets\n\ndefaults\n    mode http\n    timeout connect 5s\n\nfrontend http-in\n    bind :80\n    default_backend app\n";

#[test]
fn haproxy_global_bind_defaults_are_judged_without_an_ssl_bind() {
    let f = Engine::new(TlsPolicy::builtin(), 0).check(&parse_text(Format::Haproxy, "haproxy.cfg", HAPROXY_GLOBAL).model);
    let legacy = f.iter().find(|x| x.rule == "TLS001").expect("ssl-min-ver TLSv1.0");
    assert_eq!((&*legacy.subject, legacy.origin.line), ("haproxy global ssl-default-bind", 5));
    assert!(legacy.origin.evidence.contains("inherited by every bind ... ssl"), "{}", legacy.origin.evidence);
    assert_eq!(
        f.iter().find(|x| x.rule == "TLS004").map(|x| x.origin.line),
        Some(3),
        "at ssl-default-bind-ciphers"
    );
    assert!(!f.iter().any(|x| x.rule == "TLS007" || x.rule == "TLS018"), "{f:#?}");
    let with_ssl = HAPROXY_GLOBAL.replace("bind :80", "bind :443 ssl crt /etc/haproxy/certs/portal.pem");
    let f = Engine::new(TlsPolicy::builtin(), 0).check(&parse_text(Format::Haproxy, "haproxy.cfg", &with_ssl).model);
    let subjects: Vec<&str> = f.iter().filter(|x| x.rule == "TLS001").map(|x| &*x.subject).collect();
    assert_eq!(subjects, ["haproxy frontend http-in :443"]);
}
