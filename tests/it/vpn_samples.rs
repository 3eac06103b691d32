//! Golden findings for the VPN samples: every sample parses cleanly, each bad one yields
//! exactly the VPN findings listed here (rule, line), and each good one yields none.
//! Files are copied to a temporary directory with mode 0644 (a normal checkout), so the
//! key-file permission rule (VPN021) judges the same everywhere.

use kensa::formats::parse_path;
use kensa::policy::TlsPolicy;
use kensa::rules::Engine;
use std::path::Path;

/// 2026-12-01
const NOW: i64 = 1_796_083_200;

const GOLDEN: &[(&str, &[(&str, u32)])] = &[
    (
        "strongswan/ipsec-bad.conf",
        &[
            ("VPN001", 12),
            ("VPN008", 13),
            ("VPN006", 18),
            ("VPN003", 20),
            ("VPN005", 20),
            ("VPN003", 21),
            ("VPN004", 21),
            ("VPN002", 22),
        ],
    ),
    ("strongswan/ipsec-bad.secrets", &[("VPN007", 3)]),
    ("strongswan/ipsec-good.conf", &[]),
    ("strongswan/ipsec-good.secrets", &[]),
    (
        "strongswan/swanctl-bad.conf",
        &[
            ("VPN006", 6),
            ("VPN001", 7),
            ("VPN002", 8),
            ("VPN003", 10),
            ("VPN008", 16),
            ("VPN003", 23),
            ("VPN004", 23),
            ("VPN001", 30),
            ("VPN009", 38),
            ("VPN004", 42),
            ("VPN007", 59),
        ],
    ),
    ("strongswan/swanctl-good.conf", &[]),
    // A road-warrior laptop that pins neither the gateway's identity nor its CA.
    ("strongswan/swanctl-laptop-bad.conf", &[("VPN014", 20)]),
    ("strongswan/swanctl-laptop-good.conf", &[]),
    ("strongswan/ipsec-laptop-bad.conf", &[("VPN014", 17)]),
    (
        "openvpn/client-bad.ovpn",
        &[("VPN014", 2), ("VPN019", 2), ("VPN009", 9), ("VPN011", 10), ("VPN013", 12)],
    ),
    ("openvpn/client-good.ovpn", &[]),
    (
        "openvpn/server-bad.conf",
        &[
            ("VPN017", 9),
            ("VPN019", 9),
            ("VPN015", 13),
            ("VPN009", 15),
            ("VPN016", 18),
            ("VPN011", 20),
            ("VPN003", 22),
            ("VPN012", 22),
            ("VPN013", 23),
        ],
    ),
    ("openvpn/server-good.conf", &[]),
    ("openvpn/site-static-key.conf", &[("VPN018", 6), ("VPN012", 7)]),
    ("wireguard/wg0-client-bad.conf", &[("VPN021", 3), ("VPN020", 7), ("VPN017", 9)]),
    ("wireguard/wg0-client-good.conf", &[]),
    ("wireguard/wg0-server.conf", &[]),
];

#[test]
fn vpn_samples_give_their_golden_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let tmp = tempfile::tempdir().unwrap();
    let engine = Engine::new(TlsPolicy::builtin(), NOW);
    let mut problems = Vec::new();
    for (rel, expected) in GOLDEN {
        let dir = tmp.path().join(Path::new(rel).parent().unwrap());
        std::fs::create_dir_all(&dir).unwrap();
        let copy = tmp.path().join(rel);
        std::fs::copy(root.join(rel), &copy).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        let input = parse_path(&copy, rel, None, NOW);
        assert!(input.format.is_some(), "{rel}: format not detected");
        let bad: Vec<_> = input.diagnostics.iter().filter(|d| d.level <= kensa::diag::DiagLevel::Warning).collect();
        assert!(bad.is_empty(), "{rel}: diagnostics {bad:?}");
        assert_eq!(input.unrecognized_lines, 0, "{rel}");
        let mut got: Vec<(&str, u32)> = engine
            .check(&input.model)
            .iter()
            .filter(|f| f.rule.starts_with("VPN"))
            .map(|f| (f.rule, f.origin.line))
            .collect();
        let mut want: Vec<(&str, u32)> = expected.to_vec();
        got.sort();
        want.sort();
        if got != want {
            problems.push(format!("{rel}:\n  expected {want:?}\n  got      {got:?}"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn vpn_key_file_mode_decides_vpn021() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/wireguard/wg0-client-bad.conf");
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("wg0.conf");
    std::fs::copy(src, &copy).unwrap();
    let engine = Engine::new(TlsPolicy::builtin(), NOW);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for (mode, fires) in [(0o600, false), (0o640, false), (0o644, true), (0o604, true)] {
            std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(mode)).unwrap();
            let input = parse_path(&copy, "wg0.conf", None, NOW);
            let n = engine.check(&input.model).iter().filter(|f| f.rule == "VPN021").count();
            assert_eq!(n > 0, fires, "mode {mode:o}");
        }
    }
}

#[test]
fn vpn_includes_are_followed_and_findings_point_into_them() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("conf.d")).unwrap();
    std::fs::write(d.join("swanctl.conf"), "# main file\ninclude conf.d/*.conf\n").unwrap();
    std::fs::write(
        d.join("conf.d/branch.conf"),
        "connections {\n   branch {\n      version = 2\n      remote_addrs = 203.0.113.2\n      children {\n         net {\n            esp_proposals = aes128-sha1\n         }\n      }\n   }\n}\n",
    )
    .unwrap();
    std::fs::write(d.join("ipsec.conf"), "config setup\ninclude /etc/ipsec.d/*.conf\n").unwrap();
    std::fs::create_dir_all(d.join("ipsec.d")).unwrap();
    std::fs::write(
        d.join("ipsec.d/site.conf"),
        "conn site\n\tkeyexchange=ikev2\n\tright=%any\n\tauthby=secret\n\tauto=add\n",
    )
    .unwrap();
    std::fs::write(d.join("ipsec.secrets"), "include ipsec.d/*.secrets\n").unwrap();
    std::fs::write(d.join("ipsec.d/site.secrets"), ": PSK \"short\"\n").unwrap();
    let engine = Engine::new(TlsPolicy::builtin(), NOW);
    for (file, rule, included) in [
        ("swanctl.conf", "VPN003", "conf.d/branch.conf"),
        ("ipsec.conf", "VPN006", "ipsec.d/site.conf"),
        ("ipsec.secrets", "VPN007", "ipsec.d/site.secrets"),
    ] {
        let p = d.join(file);
        let input = parse_path(&p, &p.to_string_lossy(), None, NOW);
        assert!(input.error().is_none(), "{file}: {:?}", input.diagnostics);
        // ipsec.conf also reads the ipsec.secrets beside it for its authby=secret conn.
        let expected = if file == "ipsec.conf" { 3 } else { 1 };
        assert_eq!(input.included.len(), expected, "{file}: {:?}", input.included);
        let f = engine
            .check(&input.model)
            .into_iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{file}: no {rule}"));
        assert!(
            f.origin.path.as_deref().unwrap_or("").ends_with(included),
            "{file}: {rule} points at {:?}",
            f.origin.path
        );
    }
}

/// The OpenVPN control channel is judged by the TLS suite rules, at the OpenVPN line that
/// enables the suites (or the block relying on the default), and its versions only by
/// VPN011 (no TLS001/TLS002 twin for the same tls-version-min).
#[test]
fn openvpn_control_channel_suites_are_judged_by_the_tls_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/openvpn");
    let engine = Engine::new(TlsPolicy::builtin(), NOW);
    let tls = |file: &str| -> Vec<(String, u32, String, String)> {
        let input = parse_path(&root.join(file), file, None, NOW);
        let mut v: Vec<_> = engine
            .check(&input.model)
            .iter()
            .filter(|f| f.rule.starts_with("TLS") && f.rule != "TLS015")
            .map(|f| (f.rule.to_string(), f.origin.line, f.subject.to_string(), f.origin.evidence.to_string()))
            .collect();
        v.sort();
        v
    };
    // tls-cipher TLS-DHE-RSA-WITH-AES-256-CBC-SHA:TLS-RSA-WITH-AES-256-CBC-SHA (IANA names,
    // translated): CBC suites outside the high-security profile at TLS 1.2.
    let got = tls("server-bad.conf");
    assert_eq!(got.len(), 2, "{got:?}");
    let (rule, line, subject, evidence) = &got[0];
    assert_eq!((rule.as_str(), *line), ("TLS004", 21));
    assert_eq!(subject, "OpenVPN server server-bad.conf control channel");
    assert!(evidence.starts_with("tls-cipher TLS-DHE-RSA"), "{evidence}");
    // `dh dh1024.pem`: the DH parameters the sample ships are 1024 bits.
    let (rule, line, _, evidence) = &got[1];
    assert_eq!((rule.as_str(), *line, evidence.as_str()), ("TLS006", 8, "dh dh1024.pem"));
    // The server's `cert` is read as nginx's ssl_certificate is: the samples ship no PKI,
    // so TLS015 says the certificate was not checked, at its line.
    let input = parse_path(&root.join("server-bad.conf"), "server-bad.conf", None, NOW);
    let unread: Vec<_> = engine
        .check(&input.model)
        .into_iter()
        .filter(|f| f.rule == "TLS015")
        .map(|f| f.origin.line)
        .collect();
    assert_eq!(unread, [6]);
    // No tls-cipher: OpenVPN's default list, which keeps CBC suites at TLS 1.2 (1.1 is
    // VPN011's business, not TLS001's).
    let got = tls("client-bad.ovpn");
    assert!(got.iter().all(|(r, ..)| r != "TLS001" && r != "TLS002"), "{got:?}");
    let t004 = got.iter().find(|(r, ..)| r == "TLS004").unwrap_or_else(|| panic!("{got:?}"));
    assert_eq!(t004.1, 2, "points at `client`");
    assert!(t004.3.contains("tls-cipher not set: OpenVPN default"), "{}", t004.3);
    // TLS 1.3 only, chosen suites and groups: nothing.
    for good in ["client-good.ovpn", "server-good.conf"] {
        assert_eq!(tls(good), Vec::new(), "{good}");
    }
}
