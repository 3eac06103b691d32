//! The command-line contract of design.md: selection, fail-on, exit codes, waivers,
//! languages and output files.

use assert_cmd::Command;
use serde_json::Value;

fn kensa() -> Command {
    let mut c = Command::cargo_bin("kensa").unwrap();
    c.env("KENSA_NOW", "2026-12-01")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

const TLS12_ONLY: &str = "server {\n  listen 443 ssl;\n  server_name pacs.example-hospital.jp;\n  ssl_protocols TLSv1.2 TLSv1.3;\n  ssl_verify_client on;\n  ssl_client_certificate ca.crt;\n  add_header Strict-Transport-Security \"max-age=63072000\" always;\n  ssl_stapling on;\n  ssl_prefer_server_ciphers on;\n}\n";

fn write_conf(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("pacs.nginx.conf");
    std::fs::write(&p, TLS12_ONLY).unwrap();
    p
}

fn json_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn fail_on_decides_the_exit_code() {
    let d = tempfile::tempdir().unwrap();
    let conf = write_conf(d.path());
    let rules = |out: &std::process::Output| {
        json_of(out)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let out = kensa()
        .args(["lint", "--output-format", "json", "--select", "TLS002"])
        .arg(&conf)
        .output()
        .unwrap();
    assert_eq!(rules(&out), vec!["TLS002"]);
    assert_eq!(out.status.code(), Some(0), "a warning does not fail under the default --fail-on error");
    let out = kensa()
        .args(["lint", "--output-format", "json", "--select", "TLS002", "--fail-on", "warning"])
        .arg(&conf)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = kensa()
        .args([
            "lint",
            "--output-format",
            "json",
            "--select",
            "TLS",
            "--ignore",
            "TLS002,TLS004,TLS005,TLS015,TLS021",
            "--fail-on",
            "info",
        ])
        .arg(&conf)
        .output()
        .unwrap();
    assert_eq!(rules(&out), Vec::<String>::new(), "everything else about this server is fine");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn unknown_selector_is_a_usage_error() {
    let d = tempfile::tempdir().unwrap();
    let conf = write_conf(d.path());
    let out = kensa().args(["lint", "--select", "TSL001"]).arg(&conf).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("TSL001"));
    let out = kensa().args(["lint", "--no-such-flag"]).arg(&conf).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn waivers_keep_findings_visible_and_expired_ones_are_findings() {
    let d = tempfile::tempdir().unwrap();
    let conf = write_conf(d.path());
    let cfg = d.path().join("kensa.toml");
    std::fs::write(
        &cfg,
        "fail-on = \"warning\"\nselect = [\"TLS002\", \"CFG\"]\n\n[[waiver]]\nrule = \"TLS002\"\nsubject = \"nginx server pacs.example-hospital.jp:*\"\nreason = \"modality supports TLS 1.2 only\"\nowner = \"情報システム課\"\nexpires = \"2027-03-31\"\n\n[[waiver]]\nrule = \"TLS001\"\nsubject = \"*\"\nreason = \"old exception\"\nowner = \"vendor\"\nexpires = \"2025-03-31\"\n",
    )
    .unwrap();
    let out = kensa()
        .args(["lint", "--output-format", "json", "--config"])
        .arg(&cfg)
        .arg(&conf)
        .output()
        .unwrap();
    let v = json_of(&out);
    let f = &v["findings"];
    let tls002 = f
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "TLS002")
        .expect("waived finding still listed");
    assert_eq!(tls002["waiver"]["owner"], "情報システム課");
    let cfg001 = f.as_array().unwrap().iter().find(|x| x["rule"] == "CFG001").expect("expired waiver reported");
    assert!(cfg001["message"].as_str().unwrap().contains("2025-03-31"));
    assert_eq!(v["summary"]["waived"], 1);
    assert_eq!(v["summary"]["warning"], 1, "only the expired waiver counts: {v}");
    assert_eq!(out.status.code(), Some(1), "the expired waiver trips --fail-on warning");
}

#[test]
fn language_follows_flag_then_environment() {
    let d = tempfile::tempdir().unwrap();
    let conf = write_conf(d.path());
    let out = kensa()
        .env("LANG", "ja_JP.UTF-8")
        .args(["lint", "--select", "TLS002"])
        .arg(&conf)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("警告[TLS002]") && s.contains("TLS 1.2 が有効です"), "{s}");
    let out = kensa()
        .env("LANG", "ja_JP.UTF-8")
        .args(["lint", "--lang", "en", "--select", "TLS002"])
        .arg(&conf)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("warning[TLS002]") && s.contains("enables TLS 1.2"), "{s}");
}

#[test]
fn every_output_format_renders_and_can_go_to_a_file() {
    let d = tempfile::tempdir().unwrap();
    let conf = write_conf(d.path());
    for (fmt, marker) in [
        ("human", "TLS002"),
        ("json", "\"schema\": \"kensa/v1\""),
        ("sarif", "\"version\": \"2.1.0\""),
        ("junit", "<testsuites"),
        ("html", "<!DOCTYPE html>"),
    ] {
        let out_path = d.path().join(format!("report.{fmt}"));
        let out = kensa()
            .args(["lint", "--fail-on", "never", "--output-format", fmt, "-o"])
            .arg(&out_path)
            .arg(&conf)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{fmt}");
        assert!(out.stdout.is_empty(), "{fmt}: report goes to the file, not stdout");
        let text = std::fs::read_to_string(&out_path).unwrap();
        assert!(text.contains(marker), "{fmt}: {text}");
    }
}

#[test]
fn junit_counts_failures_per_rule() {
    let d = tempfile::tempdir().unwrap();
    let conf = write_conf(d.path());
    let out = kensa()
        .args(["lint", "--output-format", "junit", "--select", "TLS002,TLS001"])
        .arg(&conf)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("<testcase name=\"TLS001 legacy-tls-protocol\" classname=\"kensa.TLS\"/>"), "{s}");
    assert!(s.contains("<failure type=\"warning\""), "{s}");
    assert!(s.contains("failures=\"1\""), "{s}");
}

/// JSON and SARIF written with `-o` stream each input's findings as they are judged; on
/// standard output (a pipe here) they go through the temporary file. Both give the same
/// bytes, on every sample and fixture (including includes of files that stand on their
/// own, which a streamed report must leave out).
#[test]
fn streamed_and_spilled_reports_are_the_same_bytes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let d = tempfile::tempdir().unwrap();
    let empty = d.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let everything = [root.join("samples"), root.join("tests/fixtures")];
    for (inputs, min_len) in [(&everything[..], 100_000), (&[empty][..], 100)] {
        for fmt in ["json", "sarif"] {
            let out_path = d.path().join(format!("report.{fmt}"));
            let args = ["lint", "--output-format", fmt];
            let streamed = kensa().args(args).arg("-o").arg(&out_path).args(inputs).output().unwrap();
            let piped = kensa().args(args).args(inputs).output().unwrap();
            assert_eq!(streamed.status.code(), piped.status.code(), "{fmt}");
            let file = std::fs::read(&out_path).unwrap();
            assert!(file.len() > min_len, "{fmt}: {} bytes", file.len());
            assert!(file == piped.stdout, "{fmt} {inputs:?}: the streamed report differs from the piped one");
        }
    }
}

/// A file read before the input that includes it has been written when the include is
/// found: the streamed report blanks it (JSON ignores the spaces) and gives the same
/// document as the piped one, with the file's findings reported only through its includer.
#[test]
fn a_file_included_by_a_later_input_is_blanked_from_a_streamed_report() {
    let d = tempfile::tempdir().unwrap();
    let confs = d.path().join("confs");
    std::fs::create_dir(&confs).unwrap();
    // a-site.conf stands on its own and is read first; z-main.conf, read last, includes it.
    let site = "server {\n  listen 443 ssl;\n  server_name emr.example.jp;\n  ssl_protocols TLSv1 TLSv1.2;\n}\n";
    std::fs::write(confs.join("a-site.conf"), site).unwrap();
    std::fs::write(
        confs.join("m-other.conf"),
        "server {\n  listen 8443 ssl;\n  ssl_protocols TLSv1.1 TLSv1.3;\n}\n",
    )
    .unwrap();
    std::fs::write(
        confs.join("z-main.conf"),
        "http {\n  ssl_prefer_server_ciphers on;\n  include a-site.conf;\n}\n",
    )
    .unwrap();
    for fmt in ["json", "sarif"] {
        let out_path = d.path().join(format!("report.{fmt}"));
        let streamed = kensa()
            .args(["lint", "--output-format", fmt, "-o"])
            .arg(&out_path)
            .arg(&confs)
            .output()
            .unwrap();
        let piped = kensa().args(["lint", "--output-format", fmt]).arg(&confs).output().unwrap();
        assert_eq!(streamed.status.code(), Some(1), "{fmt}: {}", String::from_utf8_lossy(&streamed.stderr));
        let file = std::fs::read(&out_path).unwrap();
        let blanked = |report: &[u8]| report.windows(64).any(|w| w.iter().all(|&b| b == b' '));
        assert!(blanked(&file), "{fmt}: the dropped group was written, then blanked");
        let streamed: Value = serde_json::from_slice(&file).expect("the blanked report is valid JSON");
        assert_eq!(streamed, json_of(&piped), "{fmt}");
        assert!(!blanked(&piped.stdout), "{fmt}: a pipe gets the report through the temporary file");
        // Standard output redirected to a file (`> report`) streams the same way...
        let redirected = d.path().join(format!("redirected.{fmt}"));
        let lint = || {
            let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("kensa"));
            c.env("KENSA_NOW", "2026-12-01")
                .env_remove("LANG")
                .env_remove("LC_ALL")
                .env_remove("LC_MESSAGES");
            c.args(["lint", "--output-format", fmt]).arg(&confs);
            c
        };
        let status = lint().stdout(std::fs::File::create(&redirected).unwrap()).status().unwrap();
        assert_eq!(status.code(), Some(1));
        assert!(std::fs::read(&redirected).unwrap() == file, "{fmt}: `> file` and `-o file` give the same bytes");
        // ...but not when it appends (`>> report`): positional writes would go to the end.
        let appended = d.path().join(format!("appended.{fmt}"));
        std::fs::write(&appended, "earlier output\n").unwrap();
        let append = std::fs::OpenOptions::new().append(true).open(&appended).unwrap();
        assert_eq!(lint().stdout(append).status().unwrap().code(), Some(1));
        let mut want = b"earlier output\n".to_vec();
        want.extend_from_slice(&piped.stdout);
        assert!(std::fs::read(&appended).unwrap() == want, "{fmt}: appended after what was there, not blanked");
        if fmt == "json" {
            let emr: Vec<_> = streamed["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"] == "TLS001" && f["subject"] == "nginx server emr.example.jp:443")
                .collect();
            assert_eq!(emr.len(), 1, "reported once, through z-main.conf");
            let inputs: Vec<_> = streamed["inputs"].as_array().unwrap().iter().map(|i| i["path"].as_str().unwrap()).collect();
            assert!(inputs.iter().all(|p| !p.ends_with("a-site.conf")), "{inputs:?}");
            assert_eq!(inputs.len(), 2);
        }
    }
}

/// The report is created before the inputs are walked: one written into the directory
/// being checked is not read as an input (its name and content are of no known format).
#[test]
fn a_report_written_into_the_walked_directory_is_not_an_input() {
    let d = tempfile::tempdir().unwrap();
    write_conf(d.path());
    for (fmt, name) in [("json", "report.json"), ("sarif", "report.conf")] {
        let inside = d.path().join(name);
        let outside = tempfile::NamedTempFile::new().unwrap();
        for out in [&inside, &outside.path().to_path_buf()] {
            let run = kensa().args(["lint", "--output-format", fmt, "-o"]).arg(out).arg(d.path()).output().unwrap();
            assert_eq!(run.status.code(), Some(1), "{fmt}: {}", String::from_utf8_lossy(&run.stderr));
        }
        let a: Value = serde_json::from_slice(&std::fs::read(&inside).unwrap()).unwrap();
        let b: Value = serde_json::from_slice(&std::fs::read(outside.path()).unwrap()).unwrap();
        assert_eq!(a, b, "{fmt}: the same report whether it is written inside the directory or not");
        let listed = if fmt == "json" { &a["inputs"] } else { &a["runs"][0]["artifacts"] };
        assert!(!listed.to_string().contains(name), "{fmt}: {listed}");
        assert!(listed.to_string().contains("pacs.nginx.conf"), "{fmt}: {listed}");
        std::fs::remove_file(&inside).unwrap();
    }
}
