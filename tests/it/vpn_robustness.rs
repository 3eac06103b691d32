//! The VPN parsers never panic, whatever the text: random sequences of each format's own
//! tokens (proptest), plus hand-made hostile inputs (deep nesting, also= loops, include
//! loops, unterminated blocks and quotes).

use kensa::formats::{parse_path, parse_text, Format};
use proptest::prelude::*;

const FORMATS: &[Format] = &[Format::Swanctl, Format::IpsecConf, Format::IpsecSecrets, Format::Openvpn, Format::Wireguard];

const TOKENS: &[&str] = &[
    "\n",
    "\n",
    " ",
    "\t",
    "{",
    "}",
    "=",
    ":",
    "\"",
    "'",
    "#",
    ";",
    "\\",
    "!",
    ",",
    "-",
    "<",
    ">",
    "</",
    "[",
    "]",
    "connections",
    "children",
    "secrets",
    "local",
    "remote-2",
    "auth",
    "psk",
    "pubkey",
    "eap-mschapv2",
    "null",
    "version",
    "0",
    "1",
    "2",
    "proposals",
    "esp_proposals",
    "default",
    "aes256gcm16",
    "3des",
    "md5",
    "modp1024",
    "ecp384",
    "x25519",
    "remote_addrs",
    "%any",
    "pools",
    "include",
    "conn",
    "%default",
    "also",
    "auto",
    "add",
    "keyexchange",
    "ikev1",
    "authby",
    "secret",
    "aggressive",
    "yes",
    "right",
    "left",
    "PSK",
    "EAP",
    "RSA",
    "client",
    "server",
    "10.8.0.0",
    "tls-version-min",
    "data-ciphers",
    "AES-256-CBC",
    "auth",
    "SHA1",
    "secret",
    "push",
    "redirect-gateway",
    "<key>",
    "</key>",
    "<tls-crypt>",
    "verify-client-cert",
    "none",
    "[Interface]",
    "[Peer]",
    "PrivateKey",
    "PublicKey",
    "AllowedIPs",
    "0.0.0.0/0",
    "Endpoint",
    "PresharedKey",
    "ListenPort",
    "é",
    "日本",
    "\u{0}",
];

fn config_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..300).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn vpn_parsers_never_panic(text in config_text(), which in 0..FORMATS.len()) {
        let _ = parse_text(FORMATS[which], "random.conf", &text);
    }

    #[test]
    fn vpn_parsers_never_panic_on_any_string(text in "\\PC{0,400}", which in 0..FORMATS.len()) {
        let _ = parse_text(FORMATS[which], "random.conf", &text);
    }
}

/// What one hostile input must end with: a parse error of the named kind at a line, or a
/// model of a stated size. Each case asserts its own outcome (the test once parsed eleven and
/// checked one).
enum Outcome {
    Error(&'static str),
    Tunnels(usize),
    Secrets(usize),
}

#[test]
fn hostile_inputs_end_with_diagnostics() {
    use Outcome::*;
    let deep = "a {\n".repeat(50_000);
    let closes = "}\n".repeat(50_000);
    let many_conns: String = (0..3_000).map(|i| format!("conn c{i}\n\talso=c{}\n\tauto=add\n", i + 1)).collect();
    let many_sections: String = (0..5_000).map(|i| format!("connections {{ c{} {{ version = 2 }} }}\n", i % 7)).collect();
    let cases: &[(Format, &str, Outcome)] = &[
        // Deep nesting is refused with a diagnostic, not followed.
        (Format::Swanctl, &deep, Error("TooDeep")),
        (Format::Swanctl, &closes, Error("UnexpectedClose")),
        // 5,000 sections naming seven connections merge into seven.
        (Format::Swanctl, &many_sections, Tunnels(7)),
        (Format::Swanctl, "secrets { ike { secret = \"unterminated\n", Error("UnterminatedQuote")),
        // A 3,000-long also= chain whose last link names nothing.
        (Format::IpsecConf, &many_conns, Error("also=c3000 names no conn")),
        // also= naming itself is followed once.
        (Format::IpsecConf, "conn a\n\talso=a\n\tauto=add\n", Tunnels(1)),
        (Format::Openvpn, "client\n<key>\nno end\n", Error("inline file <key> is not closed")),
        (Format::Openvpn, &"<ca>\n".repeat(10_000), Error("inline file <ca> is not closed")),
        (
            Format::Wireguard,
            &"[Peer]\nAllowedIPs = 0.0.0.0/0\n".repeat(10_000),
            Error("no [Interface] section"),
        ),
        // 10,000 quotes pair up into one quoted secret.
        (Format::IpsecSecrets, &": PSK \"".repeat(10_000), Secrets(1)),
    ];
    for (i, (f, text, want)) in cases.iter().enumerate() {
        let p = parse_text(*f, "hostile.conf", text);
        match want {
            Error(kind) => {
                let e = p.error().unwrap_or_else(|| panic!("case {i} ({f:?}): no error; {:?}", p.diagnostics));
                assert!(e.line >= 1, "case {i}: error without a line");
                assert!(format!("{:?}", e.kind).contains(kind), "case {i} ({f:?}): {:?}", e.kind);
            }
            Tunnels(n) => {
                assert!(p.error().is_none(), "case {i} ({f:?}): {:?}", p.error());
                assert_eq!(p.model.vpn_tunnels.len(), *n, "case {i} ({f:?})");
            }
            Secrets(n) => {
                assert!(p.error().is_none(), "case {i} ({f:?}): {:?}", p.error());
                assert_eq!(p.model.secrets.len(), *n, "case {i} ({f:?})");
            }
        }
    }
}

#[test]
fn include_loops_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("swanctl.conf");
    std::fs::write(&a, "include swanctl.conf\nconnections { x { version = 2 } }\n").unwrap();
    let p = parse_path(&a, &a.to_string_lossy(), None, 0);
    assert!(
        p.diagnostics.iter().any(|d| matches!(d.kind, kensa::diag::DiagKind::IncludeLoop { .. })),
        "{:?}",
        p.diagnostics
    );
    assert_eq!(p.model.vpn_tunnels.len(), 1);
}
