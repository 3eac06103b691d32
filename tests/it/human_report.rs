//! The human report is rendered by miette from the masked evidence only: secrets never reach
//! it, its snippets carry the file's real line numbers, and its colours follow `--color`
//! and NO_COLOR on a real terminal.

use assert_cmd::Command;

const CANARY: &str = "KENSA-CANARY-4d1e7";

/// A Cisco IOS configuration with the canary in every secret position, each on a line kensa
/// reports (line numbers in the comments are what the snippets must show).
fn router_with_secrets() -> String {
    [
        "hostname edge",                                 // 1
        "enable password {C}",                           // 2
        "username admin password 0 {C}",                 // 3
        "snmp-server community {C} RW",                  // 4
        "crypto isakmp key {C} address 0.0.0.0 0.0.0.0", // 5
        "line vty 0 4",                                  // 6
        " password 0 {C}",                               // 7
        " transport input telnet",                       // 8
        "end",                                           // 9
    ]
    .join("\n")
    .replace("{C}", CANARY)
}

fn lint_human(path: &std::path::Path, lang: &str, color: &str) -> String {
    let out = Command::cargo_bin("kensa")
        .unwrap()
        .args(["lint", "--as", "cisco-ios", "--fail-on", "never", "--lang", lang, "--color", color])
        .arg(path)
        .output()
        .unwrap();
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    text
}

/// With colour on and off, in both languages: the canary never appears, while the masked
/// directives that hold it are shown, numbered as the file numbers them.
#[test]
fn secrets_never_reach_miette() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edge.ios");
    std::fs::write(&path, router_with_secrets()).unwrap();
    for lang in ["en", "ja"] {
        for color in ["always", "never"] {
            let text = lint_human(&path, lang, color);
            assert!(!text.contains(CANARY), "{lang} {color}: secret leaked:\n{text}");
            // Not vacuous: the lines that held secrets are findings, shown masked at their line.
            let plain = strip_ansi(&text);
            for (line, masked) in [(2, "enable password ****"), (4, "snmp-server community **** RW")] {
                let row = plain.lines().find(|l| l.trim_start().starts_with(&format!("{line} ")) && l.contains(masked));
                assert!(row.is_some(), "{lang} {color}: no snippet line {line} `{masked}`:\n{plain}");
            }
            assert_eq!(color == "always", text.contains("\x1b["), "{lang} {color}");
        }
    }
}

/// A snippet names the file, line and column of the directive, numbers its line as the file
/// does, and labels the directive with kensa's note in the reader's language.
#[test]
fn snippets_carry_real_line_numbers_and_notes_as_labels() {
    let out = Command::cargo_bin("kensa")
        .unwrap()
        .args([
            "lint",
            "--color",
            "never",
            "--lang",
            "ja",
            "--select",
            "TLS001,TLS018",
            "samples/nginx/pacs-viewer-legacy.conf",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("  x エラー[TLS001]: "), "{text}");
    assert!(
        text.contains("[samples/nginx/pacs-viewer-legacy.conf:12:9]\n 12 | ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\n"),
        "{text}"
    );
    assert!(text.contains("`-- (add_header Strict-Transport-Security の指定なし)\n"), "{text}");
    // Every finding is one paragraph: the fix follows the snippet without a blank line.
    for block in text.split("\n\n").filter(|b| b.contains("[TLS")) {
        assert!(block.contains("\n  = ガイドライン: 13-6\n  = 対処: "), "{block}");
    }
}

/// On a real terminal (a pseudo-terminal made by `script`), `--color auto` colours the
/// report with miette's unicode theme, and NO_COLOR turns colour off.
#[test]
fn no_color_on_a_terminal() {
    let kensa = assert_cmd::cargo::cargo_bin("kensa");
    let run = |no_color: bool| {
        let mut cmd = std::process::Command::new("script");
        cmd.args(["-qec"])
            .arg(format!("{} lint --lang en samples/nginx/pacs-viewer-legacy.conf", kensa.display()))
            .arg("/dev/null")
            .env("TERM", "xterm");
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        let out = cmd.output().expect("script (util-linux) runs kensa on a pseudo-terminal");
        String::from_utf8(out.stdout).unwrap()
    };
    let colored = run(false);
    assert!(colored.contains("warning[TLS018]"), "{colored}");
    assert!(colored.contains("\x1b["), "{colored}");
    assert!(colored.contains('│'), "{colored}");
    let plain = run(true);
    assert!(plain.contains("warning[TLS018]"), "{plain}");
    assert!(!plain.contains("\x1b["), "{plain}");
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
