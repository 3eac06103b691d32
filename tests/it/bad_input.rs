//! Bad input never panics or hangs: each case gives a diagnostic with file and line (or
//! none where the file is fine), the other inputs are still checked, and the exit code
//! says so (2 when an input could not be read or parsed).

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const GOOD_WITH_FINDING: &str = "http {\n  server {\n    listen 443 ssl;\n    ssl_protocols TLSv1 TLSv1.2;\n  }\n}\n";

fn kensa() -> Command {
    let mut c = Command::cargo_bin("kensa").unwrap();
    c.env("KENSA_NOW", "2026-12-01")
        .env("SOURCE_DATE_EPOCH", "1796083200")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    c
}

/// Lints the paths as JSON; returns (exit code, parsed report).
fn lint_json(args: &[&Path]) -> (i32, Value) {
    let out = kensa().arg("lint").args(args).args(["--output-format", "json"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "kensa panicked: {stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), v)
}

fn input<'a>(v: &'a Value, suffix: &str) -> &'a Value {
    v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"].as_str().unwrap().ends_with(suffix))
        .unwrap_or_else(|| panic!("no input {suffix} in {v}"))
}

fn diagnostics(i: &Value) -> Vec<(String, u64, String)> {
    i["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["level"].as_str().unwrap().to_string(),
                        d["line"].as_u64().unwrap(),
                        d["message"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A good file next to the bad one, to show the other inputs are still checked.
fn with_good(dir: &Path) -> std::path::PathBuf {
    let good = dir.join("good-nginx.conf");
    std::fs::write(&good, GOOD_WITH_FINDING).unwrap();
    good
}

fn assert_good_still_checked(v: &Value) {
    let found = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "TLS001" && f["location"]["path"].as_str().unwrap().ends_with("good-nginx.conf"));
    assert!(found, "the good input was not checked: {v}");
}

#[test]
fn binary_garbage_is_refused_with_a_diagnostic() {
    let d = tempfile::tempdir().unwrap();
    let bad = d.path().join("nginx.conf");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    std::fs::write(&bad, bytes).unwrap();
    let good = with_good(d.path());
    let (code, v) = lint_json(&[&bad, &good]);
    assert_eq!(code, 2);
    assert_eq!(input(&v, "nginx.conf")["error"], "binary file, not a configuration");
    assert_good_still_checked(&v);
}

#[test]
fn truncated_file_reports_the_unterminated_block_and_its_line() {
    let d = tempfile::tempdir().unwrap();
    let bad = d.path().join("nginx.conf");
    std::fs::write(&bad, "http {\n  server {\n    listen 443 ssl;\n    ssl_protocols TLSv1.3;\n    ssl_cert").unwrap();
    let good = with_good(d.path());
    let (code, v) = lint_json(&[&bad, &good]);
    assert_eq!(code, 2);
    let diags = diagnostics(input(&v, "/nginx.conf"));
    assert!(
        diags.iter().any(|(l, line, m)| l == "error" && *line == 5 && m.contains("not terminated by ;")),
        "{diags:?}"
    );
    assert!(
        diags.iter().any(|(_, line, m)| *line == 2 && m == "unterminated block opened at line 2"),
        "{diags:?}"
    );
    assert!(
        diags.iter().any(|(_, line, m)| *line == 1 && m == "unterminated block opened at line 1"),
        "{diags:?}"
    );
    assert_good_still_checked(&v);
}

#[test]
fn stray_close_and_unterminated_quote_are_located() {
    let d = tempfile::tempdir().unwrap();
    let bad = d.path().join("nginx.conf");
    std::fs::write(&bad, "http {\n}\n}\nserver_name \"unterminated;\n").unwrap();
    let (code, v) = lint_json(&[&bad]);
    assert_eq!(code, 2);
    let diags = diagnostics(input(&v, "nginx.conf"));
    assert!(diags.iter().any(|(_, line, m)| *line == 3 && m.contains("unexpected closing")), "{diags:?}");
    assert!(diags.iter().any(|(_, line, m)| *line == 4 && m == "unterminated quoted string"), "{diags:?}");
}

#[test]
fn include_loop_is_reported_not_followed_forever() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("nginx.conf"), "http {\n  include a.conf;\n}\n").unwrap();
    std::fs::write(d.path().join("a.conf"), "include b.conf;\nssl_protocols TLSv1.2;\n").unwrap();
    std::fs::write(d.path().join("b.conf"), "include a.conf;\n").unwrap();
    let (code, v) = lint_json(&[&d.path().join("nginx.conf")]);
    assert_eq!(code, 2);
    let i = input(&v, "nginx.conf");
    assert!(i["error"].as_str().unwrap().starts_with("include loop"), "{i}");
    let diags = diagnostics(i);
    assert!(
        diags
            .iter()
            .any(|(_, line, m)| *line == 1 && m.contains("include loop") && m.contains("a.conf")),
        "{diags:?}"
    );
}

/// `**` in an include is glob(3)'s `*` (nginx does not recurse), and patterns with many
/// wildcard levels are refused: `include /**/sites-enabled/**;` (found by the fuzzer) used
/// to walk the whole file system.
#[test]
fn include_globs_do_not_walk_the_file_system() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("conf.d/deeper")).unwrap();
    std::fs::write(d.path().join("conf.d/a.conf"), "ssl_protocols TLSv1.1 TLSv1.2;\n").unwrap();
    std::fs::write(d.path().join("conf.d/deeper/b.conf"), "ssl_protocols TLSv1 TLSv1.2;\n").unwrap();
    std::fs::write(
        d.path().join("nginx.conf"),
        "http {\n  server {\n    listen 443 ssl;\n    include conf.d/**.conf;\n  }\n  include /**/sites-enabled/**;\n  include /*/*/*/*.conf;\n}\n",
    )
    .unwrap();
    let (_, v) = lint_json(&[&d.path().join("nginx.conf")]);
    let i = input(&v, "nginx.conf");
    let included: Vec<&str> = i["included"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    assert!(included.iter().any(|p| p.ends_with("conf.d/a.conf")), "{included:?}");
    assert!(!included.iter().any(|p| p.ends_with("b.conf")), "** does not recurse: {included:?}");
    let diags = diagnostics(i);
    assert!(
        diags
            .iter()
            .any(|(_, line, m)| *line == 7 && m.contains("/*/*/*/*.conf") && m.contains("wildcard")),
        "{diags:?}"
    );
}

#[test]
fn missing_include_is_an_error_with_its_line_and_the_rest_is_checked() {
    let d = tempfile::tempdir().unwrap();
    let conf = d.path().join("nginx.conf");
    std::fs::write(
        &conf,
        "http {\n  include /nonexistent/kensa/ssl-params.conf;\n  server { listen 443 ssl; ssl_protocols TLSv1.1; }\n}\n",
    )
    .unwrap();
    let (code, v) = lint_json(&[&conf]);
    assert_eq!(code, 2);
    let diags = diagnostics(input(&v, "nginx.conf"));
    assert!(
        diags
            .iter()
            .any(|(l, line, m)| l == "error" && *line == 2 && m == "included file /nonexistent/kensa/ssl-params.conf not found"),
        "{diags:?}"
    );
    assert_rest_checked(&v);
}

/// The server block beside the bad include (`ssl_protocols TLSv1.1`) is still judged.
fn assert_rest_checked(v: &Value) {
    assert!(
        v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "TLS001"),
        "the rest is still checked"
    );
}

/// A FIFO behind an include (or `/proc/kmsg`, which a fuzzer reached with `include /**c/*;`
/// and which blocked `read` forever) never stalls the run: files a config names are opened
/// without waiting and refused unless regular. If this regresses, the test hangs.
#[cfg(unix)]
#[test]
fn a_fifo_behind_an_include_or_a_certificate_path_does_not_stall_the_run() {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("ssl-params.conf");
    if !std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let conf = d.path().join("nginx.conf");
    let f = fifo.display();
    std::fs::write(
        &conf,
        format!("http {{\n  include {f};\n  server {{ listen 443 ssl; ssl_certificate {f}; ssl_protocols TLSv1.1; }}\n}}\n"),
    )
    .unwrap();
    let (code, v) = lint_json(&[&conf]);
    assert_eq!(code, 2);
    let diags = diagnostics(input(&v, "nginx.conf"));
    assert!(
        diags.iter().any(|(l, line, m)| l == "error" && *line == 2 && m.contains("not a regular file")),
        "{diags:?}"
    );
    assert_rest_checked(&v);
}

/// Includes of one input stop at 16 MiB of text in all: `include /*/*;` (a fuzzer's) read
/// 1,653 system files into 1 GB of memory from a 500-byte input.
#[test]
fn includes_stop_at_their_byte_budget() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("conf.d")).unwrap();
    let block = "# padding line of a large but harmless included file\n".repeat(7 * 1024 * 1024 / 52);
    for n in 0..3 {
        std::fs::write(d.path().join(format!("conf.d/{n}.conf")), &block).unwrap();
    }
    let conf = d.path().join("nginx.conf");
    std::fs::write(
        &conf,
        "http {\n  include conf.d/*.conf;\n  server { listen 443 ssl; ssl_protocols TLSv1.1; }\n}\n",
    )
    .unwrap();
    let (code, v) = lint_json(&[&conf]);
    assert_eq!(code, 2);
    let i = input(&v, "nginx.conf");
    assert_eq!(i["included"].as_array().unwrap().len(), 2, "the third file would pass 16 MiB");
    let diags = diagnostics(i);
    assert!(diags.iter().any(|(l, line, m)| l == "error" && *line == 2 && m.contains("16 MiB")), "{diags:?}");
    assert_rest_checked(&v);
}

#[test]
fn missing_path_on_the_command_line_is_reported_and_others_checked() {
    let d = tempfile::tempdir().unwrap();
    let good = with_good(d.path());
    let missing = d.path().join("no-such.conf");
    let (code, v) = lint_json(&[&missing, &good]);
    assert_eq!(code, 2);
    assert_eq!(input(&v, "no-such.conf")["error"], "cannot read: no such file");
    assert_good_still_checked(&v);
}

#[test]
fn a_directory_of_ten_thousand_files_is_walked() {
    let d = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        let sub = d.path().join(format!("site{:02}", i % 100));
        std::fs::create_dir_all(&sub).unwrap();
        let proto = if i == 7777 { "TLSv1.1 TLSv1.3" } else { "TLSv1.3" };
        std::fs::write(
            sub.join(format!("s{i:05}.nginx.conf")),
            format!("server {{\n  listen 443 ssl;\n  server_name s{i}.example.jp;\n  ssl_protocols {proto};\n}}\n"),
        )
        .unwrap();
    }
    let (code, v) = lint_json(&[d.path()]);
    assert_eq!(v["inputs"].as_array().unwrap().len(), 10_000);
    let tls001: Vec<_> = v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "TLS001").collect();
    assert_eq!(tls001.len(), 1);
    assert!(tls001[0]["location"]["path"].as_str().unwrap().ends_with("s07777.nginx.conf"));
    assert_eq!(code, 1);
}

#[test]
fn a_fifty_megabyte_file_is_parsed() {
    let d = tempfile::tempdir().unwrap();
    let big = d.path().join("nginx.conf");
    let mut text = String::with_capacity(51 * 1024 * 1024);
    text.push_str("http {\n");
    let mut i = 0;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&format!(
            "  server {{\n    listen 443 ssl;\n    server_name h{i}.example.jp;\n    ssl_protocols TLSv1.3;\n    location / {{ root /srv/www; }}\n  }}\n"
        ));
        i += 1;
    }
    text.push_str("  server { listen 8443 ssl; server_name last.example.jp; ssl_protocols TLSv1 TLSv1.3; }\n}\n");
    std::fs::write(&big, &text).unwrap();
    let (code, v) = lint_json(&[&big]);
    assert_eq!(code, 1);
    let f: Vec<_> = v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "TLS001").collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["subject"], "nginx server last.example.jp:8443");
    assert_eq!(f[0]["location"]["line"].as_u64().unwrap() as usize, text.lines().count() - 1);
}

#[test]
fn crlf_bom_and_shift_jis_comments_are_read_with_correct_lines() {
    let d = tempfile::tempdir().unwrap();
    let crlf = d.path().join("crlf.nginx.conf");
    std::fs::write(&crlf, "http {\r\n  server {\r\n    listen 443 ssl;\r\n    ssl_protocols TLSv1;\r\n  }\r\n}\r\n").unwrap();
    let bom = d.path().join("bom.nginx.conf");
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend_from_slice(b"http {\n  server {\n    listen 443 ssl;\n    ssl_protocols TLSv1.1;\n  }\n}\n");
    std::fs::write(&bom, b).unwrap();
    let sjis = d.path().join("sjis.nginx.conf");
    let (comment, _, _) = encoding_rs::SHIFT_JIS.encode("# 電子カルテ用の設定 (情報システム課)\n");
    let mut s = comment.into_owned();
    s.extend_from_slice(b"http {\n  server {\n    listen 443 ssl;\n    ssl_protocols SSLv3 TLSv1.3;\n  }\n}\n");
    std::fs::write(&sjis, s).unwrap();
    let (code, v) = lint_json(&[&crlf, &bom, &sjis]);
    assert_eq!(code, 1);
    let line_of = |suffix: &str| -> u64 {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "TLS001" && f["location"]["path"].as_str().unwrap().ends_with(suffix))
            .unwrap()["location"]["line"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(line_of("crlf.nginx.conf"), 4);
    assert_eq!(line_of("bom.nginx.conf"), 4);
    assert_eq!(line_of("sjis.nginx.conf"), 5);
    assert!(diagnostics(input(&v, "crlf.nginx.conf")).is_empty());
    assert!(diagnostics(input(&v, "bom.nginx.conf")).is_empty());
    let sj = diagnostics(input(&v, "sjis.nginx.conf"));
    assert_eq!(sj, vec![("info".to_string(), 0, "not UTF-8; decoded as Shift_JIS".to_string())]);
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[test]
fn utf16_files_are_decoded_for_every_format_with_correct_lines() {
    let d = tempfile::tempdir().unwrap();
    // UTF-16LE with BOM and CRLF (Windows PowerShell 5.1 `>`), for a non-XML format too.
    let le = d.path().join("le.nginx.conf");
    let mut b = vec![0xFF, 0xFE];
    b.extend(utf16le(
        "# 電子カルテ\r\nhttp {\r\n  server {\r\n    listen 443 ssl;\r\n    ssl_protocols TLSv1;\r\n  }\r\n}\r\n",
    ));
    std::fs::write(&le, b).unwrap();
    // UTF-16BE with BOM.
    let be = d.path().join("be.nginx.conf");
    let mut b = vec![0xFE, 0xFF];
    b.extend(
        "http {\n  server {\n    listen 443 ssl;\n    ssl_protocols TLSv1.1;\n  }\n}\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes),
    );
    std::fs::write(&be, b).unwrap();
    // A WLAN profile in UTF-16LE without BOM: recognised by `<?xml`, said so in an info.
    let xml = d.path().join("CLINIC.xml");
    let profile = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/windows-wlan/CLINIC-WIFI-wpapsk-bad.xml")).unwrap();
    std::fs::write(&xml, utf16le(&profile)).unwrap();
    // Broken UTF-16: an unpaired surrogate on line 5 and an odd last byte.
    let broken = d.path().join("broken.nginx.conf");
    let mut b = vec![0xFF, 0xFE];
    b.extend(utf16le("http {\n  server {\n    listen 443 ssl;\n    ssl_protocols TLSv1;\n    # x"));
    b.extend(0xDC00u16.to_le_bytes());
    b.extend(utf16le("\n  }\n}\n"));
    b.push(0x0A);
    std::fs::write(&broken, b).unwrap();
    let original = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/windows-wlan/CLINIC-WIFI-wpapsk-bad.xml");
    let (code, v) = lint_json(&[&le, &be, &xml, &broken, &original]);
    assert_eq!(code, 1, "warnings and findings, but every input was read");
    let line_of = |rule: &str, suffix: &str| -> u64 {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule && f["location"]["path"].as_str().unwrap().ends_with(suffix))
            .unwrap_or_else(|| panic!("no {rule} in {suffix}: {v}"))["location"]["line"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(line_of("TLS001", "le.nginx.conf"), 5);
    assert_eq!(line_of("TLS001", "be.nginx.conf"), 4);
    assert_eq!(line_of("TLS001", "broken.nginx.conf"), 4);
    assert_eq!(line_of("WLAN002", "/CLINIC.xml"), line_of("WLAN002", "wpapsk-bad.xml"));
    assert_eq!(line_of("WLAN007", "/CLINIC.xml"), line_of("WLAN007", "wpapsk-bad.xml"));
    assert_eq!(input(&v, "CLINIC.xml")["format"], "wlan-xml");
    assert!(diagnostics(input(&v, "le.nginx.conf")).is_empty());
    assert!(diagnostics(input(&v, "be.nginx.conf")).is_empty());
    assert_eq!(
        diagnostics(input(&v, "CLINIC.xml")),
        vec![("info".to_string(), 0, "not UTF-8; decoded as UTF-16LE".to_string())]
    );
    let broken = diagnostics(input(&v, "broken.nginx.conf"));
    assert!(
        broken
            .iter()
            .any(|(l, line, m)| l == "warning" && *line == 5 && m.contains("unpaired UTF-16 surrogate 0xDC00")),
        "{broken:?}"
    );
    assert!(
        broken
            .iter()
            .any(|(l, line, m)| l == "warning" && *line == 8 && m.contains("odd number of bytes")),
        "{broken:?}"
    );
}

#[test]
fn binary_garbage_behind_a_utf16_bom_is_still_refused() {
    let d = tempfile::tempdir().unwrap();
    let bad = d.path().join("nginx.conf");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    std::fs::write(&bad, bytes).unwrap();
    let good = with_good(d.path());
    let (code, v) = lint_json(&[&bad, &good]);
    assert_eq!(code, 2);
    assert_eq!(input(&v, "/nginx.conf")["error"], "binary file, not a configuration");
    assert_good_still_checked(&v);
}

#[test]
fn hostile_nesting_does_not_overflow_the_stack() {
    let d = tempfile::tempdir().unwrap();
    let deep = d.path().join("nginx.conf");
    let text = format!("http {{\n{}{}\n}}\n", "location / {".repeat(200_000), "}".repeat(200_000));
    std::fs::write(&deep, text).unwrap();
    let (code, v) = lint_json(&[&deep]);
    assert_eq!(code, 2);
    let diags = diagnostics(input(&v, "nginx.conf"));
    assert!(
        diags
            .iter()
            .any(|(l, line, m)| l == "error" && *line == 2 && m == "blocks nested too deeply (limit 64)"),
        "{diags:?}"
    );
}

#[test]
fn unknown_format_explicit_file_is_exit_2_but_directories_skip_it() {
    let d = tempfile::tempdir().unwrap();
    let readme = d.path().join("notes.conf");
    std::fs::write(&readme, "これは設定ファイルではありません。\nJust notes.\n").unwrap();
    let good = with_good(d.path());
    let (code, v) = lint_json(&[&readme, &good]);
    assert_eq!(code, 2);
    assert_eq!(input(&v, "notes.conf")["error"], "unknown format (use --as FORMAT)");
    let (code, v) = lint_json(&[d.path()]);
    assert_eq!(code, 1, "walked unknown files are skipped, not errors: {v}");
    assert_eq!(v["summary"]["skipped_files"], 1);
}
