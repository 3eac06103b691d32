//! Issue 17 §3: a value the config's owner redacted before sharing it (`[REDACTED]`,
//! `<removed>` as `show tech-support` prints it, `<REMOVED>`, `********`) is unreadable, not
//! weak: no weak-password or weak-PSK finding on it, and a diagnostic says it was not
//! judged. The same lines with a real weak value do give the finding (the control).

use crate::router_support;

use kensa::diag::DiagKind;
use kensa::formats::{parse_text, Format};
use router_support::judged;

/// (format, config with `{V}` where the secret goes, rules a weak value must trigger).
const CASES: &[(Format, &str, &[&str])] = &[
    (
        Format::CiscoIos,
        "version 15.2\nhostname r1\nusername tanaka privilege 15 password 0 {V}\nsnmp-server community {V} RO\ncrypto isakmp key {V} address 203.0.113.7\nline vty 0 4\n password {V}\n transport input ssh\nend\n",
        &["MGMT005", "VPN007"],
    ),
    (
        Format::YamahaRtx,
        "# RTX1210 Rev.14.01.38 (Fri Jun 26 16:34:11 2020)\nlogin password {V}\nadministrator password {V}\npp select anonymous\n pp auth username u1 {V}\ntunnel select 1\n ipsec tunnel 101\n  ipsec sa policy 101 1 esp aes-cbc sha-hmac\n  ipsec ike pre-shared-key 1 text {V}\n  ipsec ike remote address 1 203.0.113.7\n",
        &["MGMT005", "VPN007"],
    ),
    (
        Format::Fortios,
        "#config-version=FG60E-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin\nconfig user local\n    edit \"u1\"\n        set type password\n        set passwd {V}\n    next\nend\nconfig vpn ipsec phase1-interface\n    edit \"t1\"\n        set interface \"wan1\"\n        set remote-gw 203.0.113.7\n        set psksecret {V}\n    next\nend\n",
        &["VPN007"],
    ),
];

#[test]
fn redacted_values_are_not_judged_weak() {
    for (format, template, weak_rules) in CASES {
        let weak = parse_text(*format, "weak.conf", &template.replace("{V}", "cisco"));
        let weak_findings = judged(&weak.model);
        for rule in *weak_rules {
            assert!(
                weak_findings.iter().any(|f| f.0 == *rule),
                "{format:?}: control lacks {rule}: {weak_findings:#?}"
            );
        }
        for placeholder in ["[REDACTED]", "<removed>", "<REMOVED>", "********"] {
            let input = parse_text(*format, "shared.conf", &template.replace("{V}", placeholder));
            let f = judged(&input.model);
            for rule in *weak_rules {
                assert!(
                    !f.iter().any(|x| x.0 == *rule && weak_findings.iter().any(|w| w.3 == x.3 && w.0 == x.0)),
                    "{format:?} {placeholder}: {rule} on a redacted value: {f:#?}"
                );
            }
            let not_judged = input
                .diagnostics
                .iter()
                .filter(|d| matches!(d.kind, DiagKind::SecretNotJudged { redacted: true, .. }))
                .count();
            assert!(not_judged >= 2, "{format:?} {placeholder}: {:#?}", input.diagnostics);
            assert!(input.model.secrets.iter().all(|s| s.strength.is_none()), "{format:?} {placeholder}");
        }
    }
}
