//! Issue 17 §2: router configs as they arrive in tickets and mails judge the same as the
//! clean file. Cisco IOS is read by command, not by layout: every line shifted right by a
//! space (or a tab) gives the same findings, apart from columns. YAMAHA `show config`
//! captured in an 80-column terminal has its wrapped lines joined again.

use crate::router_support;

use kensa::formats::{parse_text, Format};
use kensa::rules::Severity;
use router_support::{judged, Finding};
use std::path::Path;

/// Every finding (sorted), and the unrecognised-line count.
type Findings = (Vec<Finding>, usize);

fn findings(format: Format, text: &str) -> Findings {
    let input = parse_text(format, "pasted.conf", text);
    let mut v = judged(&input.model);
    v.sort_by(|a, b| (&a.0, a.2, &a.3, &a.4).cmp(&(&b.0, b.2, &b.3, &b.4)));
    (v, input.unrecognized_lines)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn shifted(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}\n")).collect()
}

const CISCO: &[&str] = &[
    "samples/cisco-ios/bad.conf",
    "samples/cisco-ios/good.conf",
    "tests/fixtures/routers/ciscoconfparse-sample_01.ios",
    "tests/fixtures/routers/ciscoconfparse-sample_08.ios",
];

#[test]
fn cisco_shifted_right_judges_the_same() {
    for rel in CISCO {
        let clean = read(rel);
        let want = findings(Format::CiscoIos, &clean);
        assert!(!want.0.is_empty() || rel.contains("good"), "{rel}: no findings to compare");
        for by in [" ", "  ", "\t"] {
            assert_eq!(findings(Format::CiscoIos, &shifted(&clean, by)), want, "{rel} shifted by {by:?}");
        }
    }
}

#[test]
fn cisco_children_still_belong_to_their_command_when_shifted() {
    // The vty block's telnet is judged under the shift as without it.
    let text = " version 15.2\n hostname r1\n line vty 0 4\n  transport input telnet\n  password 7 070C285F4D06\n end\n";
    let (f, unrecognized) = findings(Format::CiscoIos, text);
    assert_eq!(unrecognized, 0);
    assert!(f.iter().any(|x| x.0 == "MGMT003" && x.3.contains("telnet")), "{f:?}");
    assert!(f.iter().any(|x| x.0 == "MGMT004" && x.4 == "password 7 ****"), "{f:?}");
}

#[test]
fn cisco_with_indentation_stripped_judges_the_same() {
    // Sub-mode membership read from the commands: `interface`'s `ip nat outside`, the vty's
    // `transport input`, the crypto blocks' `set` lines stay with their command.
    for rel in CISCO {
        let clean = read(rel);
        let want = findings(Format::CiscoIos, &clean);
        let flush: String = clean.lines().map(|l| format!("{}\n", l.trim_start())).collect();
        assert_ne!(flush, clean, "{rel}: nothing to strip");
        assert_eq!(findings(Format::CiscoIos, &flush), want, "{rel} with indentation stripped");
    }
}

/// Wraps every line as an 80-column terminal does: the part past column 80 on the next
/// line, without a separator (the samples are ASCII: one column per character).
fn wrapped_at_80(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        for (i, part) in chars.chunks(80).enumerate() {
            if i == 0 || !part.is_empty() {
                out.extend(part);
                out.push('\n');
            }
        }
        if chars.is_empty() {
            out.push('\n');
        }
    }
    out
}

/// Findings without their line numbers (wrapping adds lines).
fn without_lines(f: Findings) -> (Vec<(String, Severity, String, String)>, usize) {
    let mut v: Vec<_> = f.0.into_iter().map(|(r, s, _, subj, ev)| (r, s, subj, ev)).collect();
    v.sort_by(|a, b| (&a.0, &a.2, &a.3).cmp(&(&b.0, &b.2, &b.3)));
    (v, f.1)
}

#[test]
fn yamaha_lines_wrapped_at_80_columns_are_joined() {
    for rel in ["samples/yamaha-rtx/bad.conf", "samples/yamaha-rtx/good.conf"] {
        let clean = read(rel);
        let wrapped = wrapped_at_80(&clean);
        assert_ne!(wrapped, clean, "{rel}: nothing to wrap");
        assert_eq!(
            without_lines(findings(Format::YamahaRtx, &wrapped)),
            without_lines(findings(Format::YamahaRtx, &clean)),
            "{rel}"
        );
    }
}

const TUNNEL: &str = "tunnel select 1\n description {D}\n ipsec tunnel 101\n  ipsec sa policy 101 1 esp aes-cbc sha-hmac\n  ipsec ike remote address 1 any\n  ipsec ike pre-shared-key 1 text abc\n tunnel enable 1\n";

#[test]
fn yamaha_wrap_inside_a_word_or_before_a_space_is_joined() {
    let clean = findings(Format::YamahaRtx, &TUNNEL.replace("{D}", "x"));
    assert!(clean.0.iter().any(|f| f.0 == "VPN007"), "{clean:?}");
    // `  ipsec ike` + spaces: the terminal breaks inside `pre-shared-key`, or right before it.
    for pad in [60, 69] {
        let long = format!("  ipsec ike{} pre-shared-key 1 text abc", " ".repeat(pad));
        let wrapped = format!("{}\n{}", &long[..80], &long[80..]);
        let text = TUNNEL.replace("{D}", "x").replace("  ipsec ike pre-shared-key 1 text abc", &wrapped);
        assert_eq!(text.lines().count(), TUNNEL.lines().count() + 1);
        assert_eq!(without_lines(findings(Format::YamahaRtx, &text)), without_lines(clean.clone()), "pad {pad}");
    }
}

#[test]
fn yamaha_line_exactly_80_wide_before_a_command_stays_apart() {
    // ` description x...` exactly 80 columns, then `ipsec tunnel 101`: a command of its
    // own, not a continuation (joining it would lose the tunnel's policy).
    let d80 = "x".repeat(80 - " description ".len());
    let text = TUNNEL.replace("{D}", &d80);
    assert!(text.lines().any(|l| l.len() == 80));
    assert_eq!(findings(Format::YamahaRtx, &text), findings(Format::YamahaRtx, &TUNNEL.replace("{D}", "x")));
}
