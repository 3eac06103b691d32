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
