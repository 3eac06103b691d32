//! kensa over the VPN example configs Debian ships: OpenVPN's sample-config-files
//! (package `openvpn`), strongSwan's /etc/swanctl/swanctl.conf template
//! (`strongswan-swanctl`) and /etc/ipsec.conf + /etc/ipsec.secrets (`strongswan-starter`),
//! as unpacked by `scripts/fetch-test-inputs.sh` (nothing installed; a missing tree fails
//! with that command). Every file must parse without diagnostics, and yield exactly the
//! findings written below, which come from reading the files.

use crate::test_inputs;

use kensa::diag::DiagLevel;
use kensa::formats::{parse_path, Format};
use kensa::policy::TlsPolicy;
use kensa::rules::Engine;
use std::path::{Path, PathBuf};

/// 2026-12-01
const NOW: i64 = 1_796_083_200;

fn ovpn() -> PathBuf {
    test_inputs::debian_file("openvpn", "/usr/share/doc/openvpn/examples/sample-config-files/server.conf")
        .parent()
        .unwrap()
        .to_path_buf()
}
fn swanctl() -> PathBuf {
    test_inputs::debian_file("strongswan-swanctl", "/etc/swanctl/swanctl.conf")
}
fn ipsec_conf() -> PathBuf {
    test_inputs::debian_file("strongswan-starter", "/etc/ipsec.conf")
}
fn ipsec_secrets() -> PathBuf {
    test_inputs::debian_file("strongswan-starter", "/etc/ipsec.secrets")
}

/// Parses one file, asserts it is clean, and returns its VPN findings as (rule, line).
fn lint(path: &Path, expect_format: Format) -> (kensa::formats::ParsedInput, Vec<(String, u32)>) {
    let shown = path.to_string_lossy().into_owned();
    let input = parse_path(path, &shown, None, NOW);
    assert_eq!(input.format, Some(expect_format), "{shown}: detected as {:?}", input.format);
    let diags: Vec<_> = input.diagnostics.iter().filter(|d| d.level <= DiagLevel::Warning).collect();
    assert!(diags.is_empty(), "{shown}: {diags:?}");
    assert_eq!(input.unrecognized_lines, 0, "{shown}");
    let engine = Engine::new(TlsPolicy::builtin(), NOW);
    let mut f: Vec<(String, u32)> = engine
        .check(&input.model)
        .iter()
        .filter(|f| f.rule.starts_with("VPN"))
        .map(|f| (f.rule.to_string(), f.origin.line))
        .collect();
    f.sort();
    (input, f)
}

fn codes(v: &[(String, u32)]) -> Vec<&str> {
    let mut c: Vec<&str> = v.iter().map(|(r, _)| r.as_str()).collect();
    c.dedup();
    c
}

#[test]
fn debian_openvpn_sample_configs() {
    // (file, expected rule codes): read from the files as shipped with OpenVPN 2.6.
    let expected: &[(&str, &[&str])] = &[
        // `server 10.8.0.0 ...` with certificates; tls-version-min unset (2.6 default 1.2:
        // warning), `;push "redirect-gateway def1 bypass-dhcp"` commented out (split
        // tunnel), `;tls-auth ta.key 0` commented out (no control-channel protection).
        ("server.conf", &["VPN011", "VPN017", "VPN019"]),
        // `client` with `remote-cert-tls server` (verifies the server); TLS 1.2 default and
        // tls-auth commented out.
        ("client.conf", &["VPN011", "VPN019"]),
        // tls-client peer with inline <key> and <tls-auth> in a 0644 file under
        // /usr/share/doc: the private key is world-readable (VPN021); TLS 1.2 default.
        ("loopback-client", &["VPN011", "VPN021"]),
        // tls-server peer, tls-auth file, AES-256-GCM: only the TLS 1.2 default.
        ("loopback-server", &["VPN011"]),
    ];
    let mut problems = Vec::new();
    for (file, want) in expected {
        let (input, got) = lint(&ovpn().join(file), Format::Openvpn);
        assert_eq!(input.model.vpn_tunnels.len(), 1, "{file}");
        if codes(&got) != *want {
            problems.push(format!("{file}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    // README is prose and must not be taken for a config.
    let readme = ovpn().join("README");
    if readme.is_file() {
        let text = std::fs::read_to_string(&readme).unwrap_or_default();
        assert_eq!(kensa::formats::detect::detect(&readme, &text), None, "README detected as a config");
    }
}

#[test]
fn debian_strongswan_configs_as_shipped() {
    // swanctl.conf is a fully commented template plus `include conf.d/*.conf` (empty dir):
    // nothing to judge and nothing wrong.
    let (input, got) = lint(&swanctl(), Format::Swanctl);
    assert!(input.model.vpn_tunnels.is_empty() && got.is_empty(), "{got:?}");
    // ipsec.conf has only `config setup` and commented sample conns.
    let (input, got) = lint(&ipsec_conf(), Format::IpsecConf);
    assert!(input.model.vpn_tunnels.is_empty() && got.is_empty(), "{got:?}");
    // ipsec.secrets holds only comments (and possibly an include of an absent file).
    let (input, got) = lint(&ipsec_secrets(), Format::IpsecSecrets);
    assert!(input.model.secrets.is_empty() && got.is_empty(), "{got:?}");
}

/// Writes a copy of `src` with the commented settings uncommented (the prose stays
/// commented), so the shipped samples and the template are parsed as configs.
fn uncommented(src: &Path, dir: &Path, name: &str, is_setting: fn(&str) -> bool) -> PathBuf {
    let text = std::fs::read_to_string(src).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        match trimmed.strip_prefix('#') {
            Some(rest) if is_setting(rest.strip_prefix(' ').unwrap_or(rest)) => {
                out.push_str(indent);
                out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    let p = dir.join(name);
    std::fs::write(&p, out).unwrap();
    p
}

fn ipsec_setting(t: &str) -> bool {
    (t.starts_with("conn ") && t.split_whitespace().count() == 2)
        || (t.starts_with(char::is_whitespace)
            && t.trim_start()
                .split_once('=')
                .is_some_and(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')))
}

fn swanctl_setting(t: &str) -> bool {
    let t = t.trim();
    if t == "}" {
        return true;
    }
    let head = t.split(['=', '{']).next().unwrap_or("").trim();
    let name_ok = !head.is_empty() && head.chars().all(|c| c.is_ascii_alphanumeric() || "_-.<>%".contains(c));
    name_ok && (t.contains('=') || t.ends_with('{'))
}

#[test]
fn debian_strongswan_samples_uncommented() {
    let tmp = tempfile::tempdir().unwrap();
    // ipsec.conf's two sample conns: certificates, fixed right=192.168.0.2, auto=start and
    // every other setting at its ipsec.conf(5) default: keyexchange=ike accepts IKEv1 as
    // responder (VPN001, warning) and esp=aes128-sha256 has no DH group (VPN004, warning).
    let p = uncommented(&ipsec_conf(), tmp.path(), "ipsec.conf", ipsec_setting);
    let (input, got) = lint(&p, Format::IpsecConf);
    assert_eq!(input.model.vpn_tunnels.len(), 2, "sample-self-signed and sample-with-ca-cert");
    assert_eq!(codes(&got), ["VPN001", "VPN004"], "{got:?}");
    assert_eq!(got.len(), 4, "two findings per conn: {got:?}");

    // swanctl.conf's template with every documented default written out: version = 0
    // (VPN001), esp_proposals = default without DH (VPN004), remote_addrs = %any on a
    // connection with no pools (site-to-site responder open to anyone: VPN006). The
    // template's `secret =` lines are empty, which strongSwan treats as unset: no PSK to
    // judge, so no VPN007.
    let p = uncommented(&swanctl(), tmp.path(), "swanctl.conf", swanctl_setting);
    let (input, got) = lint(&p, Format::Swanctl);
    assert_eq!(input.model.vpn_tunnels.len(), 1, "the <conn> template");
    assert_eq!(codes(&got), ["VPN001", "VPN004", "VPN006"], "{got:?}");
}
