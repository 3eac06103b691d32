//! strongSwan settings meant to be inherited (ipsec.conf `conn %default`) are judged even
//! when the input holds no conn that inherits them (issue 17 §2), at the directive, saying
//! who inherits them; only on what the section itself sets; and not twice when a conn
//! inherits them.

use kensa::formats::{parse_text, Format};
use kensa::policy::TlsPolicy;
use kensa::rules::{Engine, Finding};

/// The `conn %default` section of jabas06/l2tp-ipsec-vpn-client `README.md` (commit
/// 0a7cb870dcb1d9c9b346009b46f998f0bd494aea), an L2TP/IPsec client guide, as a file of its
/// own: the conn that inherits it lives in another file of the device.
const JABAS06_DEFAULT: &str = "config setup

conn %default
    ikelifetime=60m
    keylife=20m
    rekeymargin=3m
    keyingtries=1
    keyexchange=ikev1
    authby=secret
    ike=aes128-sha1-modp1024,3des-sha1-modp1024!
    esp=aes128-sha1-modp1024,3des-sha1-modp1024!
";

/// The conn of the same guide, `right` as a documentation address.
const JABAS06_CONN: &str = "
conn L2TP-PSK
    keyexchange=ikev1
    left=%defaultroute
    auto=add
    authby=secret
    type=transport
    leftprotoport=17/1701
    rightprotoport=17/1701
    # set this to the ip address of your vpn server
    right=192.0.2.10
";

fn findings(text: &str) -> Vec<Finding> {
    let input = parse_text(Format::IpsecConf, "ipsec.conf", text);
    // authby=secret with no ipsec.secrets beside the text: said, and nothing else.
    let psk_not_read = |d: &&kensa::diag::Diagnostic| matches!(d.kind, kensa::diag::DiagKind::PskNotRead { .. });
    assert!(input.diagnostics.iter().all(|d| psk_not_read(&d)), "{:?}", input.diagnostics);
    Engine::new(TlsPolicy::builtin(), 0).check(&input.model)
}

fn at(f: &[Finding], rule: &str) -> Vec<(String, u32)> {
    f.iter().filter(|x| x.rule == rule).map(|x| (x.subject.to_string(), x.origin.line)).collect()
}

#[test]
fn conn_default_with_no_conn_is_judged_at_its_directives() {
    let f = findings(JABAS06_DEFAULT);
    let d = "strongSwan conn %default".to_string();
    assert_eq!(at(&f, "VPN001"), [(d.clone(), 8)], "IKEv1 at keyexchange: {f:#?}");
    let weak = at(&f, "VPN003");
    assert_eq!(weak, [(d.clone(), 10), (d.clone(), 11)], "weak ike and esp: {f:#?}");
    for x in f.iter().filter(|x| x.rule == "VPN003" || x.rule == "VPN001") {
        assert!(
            x.origin.evidence.contains("inherited by every conn that does not override it"),
            "{:?}",
            x.origin.evidence
        );
    }
    // The section names DH groups in esp (PFS) and ends both lists in `!` (strict).
    assert!(at(&f, "VPN004").is_empty(), "{f:#?}");
    assert!(at(&f, "VPN005").is_empty(), "{f:#?}");
}

#[test]
fn conn_default_is_not_accused_of_what_each_conn_decides() {
    let f = findings(JABAS06_DEFAULT);
    // Peer, remote-access user authentication and gateway pinning are each conn's own.
    let rules: Vec<&str> = f.iter().map(|x| x.rule).collect();
    for rule in rules {
        assert!(["VPN001", "VPN003"].contains(&rule), "{rule} on a %default that does not decide it: {f:#?}");
    }
}

#[test]
fn conn_default_without_crypto_settings_is_not_a_tunnel() {
    let p = parse_text(
        Format::IpsecConf,
        "ipsec.conf",
        "conn %default\n\tikelifetime=60m\n\tkeyingtries=1\n\tleft=%defaultroute\n",
    );
    assert!(p.model.vpn_tunnels.is_empty(), "{:?}", p.model.vpn_tunnels);
}

#[test]
fn conn_default_without_pfs_is_judged_at_esp() {
    let f = findings("conn %default\n\tkeyexchange=ikev2\n\tike=aes256-sha256-modp2048!\n\tesp=aes256-sha256!\n");
    assert_eq!(at(&f, "VPN004"), [("strongSwan conn %default".to_string(), 4)], "{f:#?}");
    assert!(at(&f, "VPN001").is_empty(), "{f:#?}");
}

#[test]
fn conn_default_is_not_reported_twice_when_a_conn_inherits_it() {
    let f = findings(&format!("{JABAS06_DEFAULT}{JABAS06_CONN}"));
    assert!(f.iter().all(|x| &*x.subject == "strongSwan conn L2TP-PSK"), "{f:#?}");
    // The conn's findings point at the %default lines it inherits.
    assert!(at(&f, "VPN003").iter().any(|(_, line)| *line == 10), "{f:#?}");
}
