//! The command-line contract of design.md: selection, fail-on, exit codes, waivers,
//! languages and output files.

use crate::probe_support;

use assert_cmd::Command;
use serde_json::Value;

fn kensa() -> Command {
    let mut c = Command::cargo_bin("kensa").unwrap();
    c.env("KENSA_NOW", "2026-12-01")
        .env("SOURCE_DATE_EPOCH", "1796083200")
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

/// JUnit has one test case per input and one per rule that found something there, not
/// one per rule per file.
#[test]
fn junit_has_a_case_per_input_and_per_rule_that_applies() {
    let d = tempfile::tempdir().unwrap();
    let conf = write_conf(d.path());
    let missing = d.path().join("gone.conf");
    let out = kensa()
        .args(["lint", "--output-format", "junit", "--select", "TLS002,TLS001"])
        .arg(&conf)
        .arg(&missing)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("<testsuites name=\"kensa\" tests=\"3\" failures=\"1\" errors=\"1\">"), "{s}");
    assert!(s.contains(&format!("<testcase name=\"{}\" classname=\"kensa.input\"/>", conf.display())), "{s}");
    assert!(s.contains("<testcase name=\"TLS002 tls12-exception\" classname=\"kensa.TLS\">"), "{s}");
    assert!(!s.contains("TLS001"), "a rule that found nothing has no case: {s}");
    assert!(s.contains("<failure type=\"warning\""), "{s}");
    assert!(
        s.contains(&format!("<testcase name=\"{}\" classname=\"kensa.input\"><error message=", missing.display())),
        "{s}"
    );
}

/// `--output-format github` writes workflow commands, `gitlab` a Code Quality report with
/// a fingerprint per finding that does not depend on its line.
#[test]
fn github_and_gitlab_annotations() {
    let d = tempfile::tempdir().unwrap();
    let conf = write_conf(d.path());
    let out = kensa()
        .args(["lint", "--output-format", "github", "--select", "TLS002"])
        .arg(&conf)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        format!(
            "::warning file={},line=4,col=3,title=TLS002 (tls12-exception)::nginx server pacs.example-hospital.jp:443 enables TLS 1.2; clause 13-6 allows it only where TLS 1.3 is infeasible. If it is needed, record the reason, owner and expiry as a waiver ([[waiver]] in kensa.toml)\n",
            conf.display()
        )
    );
    let gitlab = |text: &str, select: &str| {
        std::fs::write(&conf, text).unwrap();
        let out = kensa()
            .args(["lint", "--output-format", "gitlab", "--select", select])
            .arg(&conf)
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let v = gitlab(TLS12_ONLY, "TLS002,TLS004");
    let issues = v.as_array().unwrap();
    assert_eq!(issues.len(), 2, "{v}");
    let tls002 = issues.iter().find(|i| i["check_name"] == "TLS002").unwrap();
    assert_eq!(tls002["severity"], "major");
    assert_eq!(tls002["location"]["path"], conf.to_str().unwrap());
    assert_eq!(tls002["location"]["lines"]["begin"], 4);
    assert!(tls002["description"].as_str().unwrap().starts_with("TLS002: nginx server"));
    let fingerprints: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert!(fingerprints[0] != fingerprints[1] && fingerprints.iter().all(|f| f.len() == 32));
    // Two lines added above: the same fingerprint on another line.
    let moved = gitlab(&format!("# moved\n# down\n{TLS12_ONLY}"), "TLS002,TLS004");
    let moved002 = moved.as_array().unwrap().iter().find(|i| i["check_name"] == "TLS002").unwrap();
    assert_eq!(moved002["location"]["lines"]["begin"], 6);
    assert_eq!(moved002["fingerprint"], tls002["fingerprint"]);
    // Nothing to report is an empty array.
    assert_eq!(gitlab(TLS12_ONLY, "TLS001"), serde_json::json!([]));
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
                .env("SOURCE_DATE_EPOCH", "1796083200")
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

/// The format each bundled sample is, by its directory (and, for strongSwan, its name).
fn sample_format(path: &std::path::Path) -> Option<&'static str> {
    let dir = path
        .strip_prefix(concat!(env!("CARGO_MANIFEST_DIR"), "/samples"))
        .ok()?
        .iter()
        .next()?
        .to_str()?;
    let name = path.file_name()?.to_str()?;
    Some(match dir {
        "fortigate" => "fortios",
        "networkmanager" => "nmconnection",
        "windows-wlan" => "wlan-xml",
        "wpa_supplicant" => "wpa-supplicant",
        "strongswan" if name.starts_with("swanctl") => "swanctl",
        "strongswan" if name.ends_with(".secrets") => "ipsec-secrets",
        "strongswan" => "ipsec-conf",
        // The per-device PSK list hostapd.conf names (`wpa_psk_file`): no config by itself.
        "hostapd" if name.ends_with(".wpa_psk") => return None,
        // nginx's own mime.types is included by nginx.conf, never a config by itself.
        "nginx" if name == "mime.types" => return None,
        other => Box::leak(other.to_string().into_boxed_str()),
    })
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "certs") {
                out.extend(files_under(&p));
            }
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn detected(path: &std::path::Path) -> Option<&'static str> {
    let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    kensa::formats::detect::detect(path, &text).map(|f| f.name())
}

/// Every bundled sample is detected as the format its directory names; files a config
/// names (the OpenVPN sample's DH parameters) are left out by name, as a directory walk does.
#[test]
fn every_sample_is_detected_as_its_format() {
    let samples = files_under(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/samples")));
    assert!(samples.len() > 40, "{} samples", samples.len());
    for s in samples {
        if !kensa::formats::detect::plausible(&s) {
            assert!(s.extension().is_some_and(|e| e == "pem"), "{} left out by name", s.display());
            continue;
        }
        // UTF-16 profiles are decoded before detection.
        let text = kensa::source::read_source(&s, "x", false).map(|(f, _)| f.text).unwrap_or_default();
        let found = kensa::formats::detect::detect(&s, &text).map(|f| f.name());
        assert_eq!(found, sample_format(&s), "{}", s.display());
    }
}

const FOREIGN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/foreign");

/// Prose and other programs' files are no format at all: fontconfig, D-Bus and Maven XML,
/// X11 app-defaults (`!` comments, as Cisco's), systemd units, sshd_config, passwd, JSON,
/// YAML, notes.
#[test]
fn foreign_files_are_detected_as_nothing() {
    let files = files_under(std::path::Path::new(FOREIGN));
    assert_eq!(files.len(), 10);
    for f in files {
        assert_eq!(detected(&f), None, "{}", f.display());
    }
    // The same texts under network-sounding paths: a path word alone is no evidence.
    for (name, under) in [("XClock", "cisco"), ("settings.xml", "apache2"), ("NOTES", "openvpn"), ("sshd_config", "nginx")] {
        let text = std::fs::read_to_string(std::path::Path::new(FOREIGN).join(name)).unwrap();
        let path = std::path::PathBuf::from(format!("/etc/{under}/{name}"));
        assert_eq!(kensa::formats::detect::detect(&path, &text), None, "{}", path.display());
    }
    // Other programs' files under a network config's own name: D-Bus's policy for
    // wpa_supplicant, and strongswan.conf(5)'s snippet for the swanctl tool (Debian ships both).
    let dbus = std::fs::read_to_string(std::path::Path::new(FOREIGN).join("org.example.Daemon.conf")).unwrap();
    let detect = |path: &str, text: &str| kensa::formats::detect::detect(std::path::Path::new(path), text);
    assert_eq!(detect("/etc/dbus-1/system.d/wpa_supplicant.conf", &dbus), None);
    assert_eq!(detect("/etc/strongswan.d/swanctl.conf", "swanctl {\n    # load = \n}\n"), None);
    // The real ones keep their names' weight.
    assert_eq!(
        detect(
            "/etc/wpa_supplicant/wpa_supplicant.conf",
            "ctrl_interface=/run/wpa_supplicant\nupdate_config=1\n"
        ),
        Some(kensa::formats::Format::WpaSupplicant)
    );
    assert_eq!(detect("/etc/swanctl/swanctl.conf", "connections {\n}\n"), Some(kensa::formats::Format::Swanctl));
}

/// A directory walk over foreign files and one config judges the config alone, lists what
/// it skipped (JSON `skipped[]`, `--show-files`), and reports no input error.
#[test]
fn a_walk_skips_what_it_does_not_recognise_and_lists_it() {
    let d = tempfile::tempdir().unwrap();
    for f in files_under(std::path::Path::new(FOREIGN)) {
        std::fs::copy(&f, d.path().join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(d.path().join("cert.pem"), "-----BEGIN CERTIFICATE-----\n").unwrap();
    std::fs::write(d.path().join("ld.so.cache"), b"\0\x01\x02binary\0\0\0").unwrap();
    let conf = write_conf(d.path());
    let out = kensa().args(["lint", "--output-format", "json"]).arg(d.path()).output().unwrap();
    let v = json_of(&out);
    let inputs: Vec<&str> = v["inputs"].as_array().unwrap().iter().map(|i| i["path"].as_str().unwrap()).collect();
    assert_eq!(inputs, [conf.to_str().unwrap()]);
    assert!(v["inputs"][0]["error"].is_null());
    let skipped = v["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 12, "{skipped:?}");
    assert_eq!(v["summary"]["skipped_files"], 12);
    let reason = |name: &str| {
        skipped
            .iter()
            .find(|s| s["path"].as_str().unwrap().ends_with(name))
            .map(|s| s["reason"].as_str().unwrap().to_string())
    };
    assert_eq!(reason("fonts.conf").as_deref(), Some("unknown-format"));
    assert_eq!(reason("cert.pem").as_deref(), Some("not-a-config-name"));
    assert_eq!(reason("ld.so.cache").as_deref(), Some("not-text"));
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["location"]["path"] == conf.to_str().unwrap()));
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1), "{:?}", out.status);

    let out = kensa().args(["lint", "--show-files"]).arg(d.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 13, "{text}");
    assert!(text.lines().any(|l| l.starts_with(conf.to_str().unwrap()) && l.ends_with("nginx")), "{text}");
    assert!(text.lines().any(|l| l.contains("XClock") && l.contains("skipped")), "{text}");
}

/// Nothing to check is never a green run: a wrong path and an empty directory exit 2 with
/// a message; in JSON mode the report stays a valid document and standard error gives the
/// reason in one line.
#[test]
fn zero_inputs_exit_2_with_a_reason() {
    let d = tempfile::tempdir().unwrap();
    let empty = d.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("README"), "Nothing here yet.\n").unwrap();
    let out = kensa().args(["lint"]).arg(&empty).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("found no configuration to check (1 file(s) skipped"), "{err}");
    for fmt in ["json", "sarif"] {
        let out = kensa()
            .args(["lint", "--output-format", fmt])
            .arg(d.path().join("no-such-dir"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{fmt}");
        json_of(&out);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{fmt}: {err}");
        assert!(err.contains("exit 2: 1 input(s) could not be read"), "{fmt}: {err}");
    }
}

/// Exit 2 (an input could not be read) wins over exit 1, but standard error says that
/// findings at or above --fail-on were found too.
#[test]
fn exit_2_does_not_hide_findings() {
    let d = tempfile::tempdir().unwrap();
    let conf = write_conf(d.path());
    let missing = d.path().join("gone.conf");
    for fmt in ["human", "json"] {
        let out = kensa()
            .args(["lint", "--fail-on", "warning", "--output-format", fmt])
            .arg(&conf)
            .arg(&missing)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{fmt}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("findings at or above --fail-on were also found (exit 1 otherwise)"),
            "{fmt}: {err}"
        );
    }
    // Without findings that fail the run, the human report alone tells why.
    let out = kensa().args(["lint", "--fail-on", "never"]).arg(&conf).arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn rules_of(out: &std::process::Output) -> Vec<String> {
    let mut v: Vec<String> = json_of(out)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    v.dedup();
    v
}

/// kensa.toml is found from the linted path upward (as ruff finds its configuration);
/// `--select` replaces its selection and `--extend-select` adds to it (the same for
/// ignore); `--config` wins over the one found.
#[test]
fn configuration_is_discovered_and_combined_like_ruff() {
    let d = tempfile::tempdir().unwrap();
    let project = d.path().join("project");
    let sub = project.join("nginx/sites");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(project.join("kensa.toml"), "select = [\"TLS002\", \"TLS005\"]\nignore = [\"TLS005\"]\n").unwrap();
    let conf = write_conf(&sub);
    let lint = |args: &[&str]| {
        kensa()
            .current_dir(d.path())
            .args(["lint", "--output-format", "json"])
            .args(args)
            .arg(&conf)
            .output()
            .unwrap()
    };
    assert_eq!(rules_of(&lint(&[])), ["TLS002"], "the project's kensa.toml, found above the file");
    assert_eq!(rules_of(&lint(&["--select", "TLS004"])), ["TLS004"], "--select replaces");
    assert_eq!(rules_of(&lint(&["--extend-select", "TLS004"])), ["TLS004", "TLS002"], "--extend-select adds");
    assert_eq!(rules_of(&lint(&["--ignore", "TLS002"])), ["TLS005"], "--ignore replaces");
    assert_eq!(rules_of(&lint(&["--extend-ignore", "TLS002"])), Vec::<String>::new(), "--extend-ignore adds");
    let other = d.path().join("other.toml");
    std::fs::write(&other, "select = [\"TLS004\"]\n").unwrap();
    let out = lint(&["--config", other.to_str().unwrap()]);
    assert_eq!(rules_of(&out), ["TLS004"], "--config wins");
    // With no kensa.toml above the path, the working directory's applies.
    let elsewhere = tempfile::tempdir().unwrap();
    let conf2 = write_conf(elsewhere.path());
    let out = kensa()
        .current_dir(&project)
        .args(["lint", "--output-format", "json"])
        .arg(&conf2)
        .output()
        .unwrap();
    assert_eq!(rules_of(&out), ["TLS002"]);
}

/// A waiver that waives nothing, or names no rule, is a warning with its line in
/// kensa.toml; an expired waiver's finding points at its `[[waiver]]` line.
#[test]
fn waivers_that_do_nothing_are_reported_with_their_line() {
    let d = tempfile::tempdir().unwrap();
    let conf = write_conf(d.path());
    let waiver = |rule: &str, subject: &str, expires: &str| {
        format!("[[waiver]]\nrule = \"{rule}\"\nsubject = \"{subject}\"\nreason = \"modality\"\nowner = \"IT\"\nexpires = \"{expires}\"\n\n")
    };
    let toml = [
        "fail-on = \"warning\"\n\n".to_string(),
        waiver("TLS002", "nginx server pacs.example-hospital.jp:*", "2027-03-31"),
        waiver("TLS099", "*", "2027-03-31"),
        waiver("TLS001", "*", "2027-03-31"),
        waiver("TLS018", "nginx server other:*", "2025-01-31"),
    ]
    .concat();
    std::fs::write(d.path().join("kensa.toml"), &toml).unwrap();
    let out = kensa()
        .current_dir(d.path())
        .args(["lint", "--output-format", "json", "--select", "TLS002,TLS001,CFG"])
        .arg(&conf)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(err.contains("warning: kensa.toml:10: waiver names no rule: TLS099"), "{err}");
    assert!(err.contains("warning: kensa.toml:17: waiver matches no finding: TLS001 *"), "{err}");
    assert_eq!(err.lines().count(), 2, "the used waiver and the expired one are not warned about: {err}");
    let v = json_of(&out);
    let expired: Vec<&Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "CFG001").collect();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0]["location"]["path"], "kensa.toml");
    assert_eq!(expired[0]["location"]["line"], 24);
    let waived: Vec<&Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "TLS002").collect();
    assert!(waived.iter().all(|f| !f["waiver"].is_null()));
}

/// `--statistics` counts findings per rule, as ruff's does.
#[test]
fn statistics_count_findings_per_rule() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = kensa()
        .args(["lint", "--statistics", "--select", "TLS002,TLS011"])
        .arg(root.join("samples/nginx"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').map(str::trim).collect()).collect();
    assert_eq!(
        lines,
        [["5", "TLS002", "warning", "tls12-exception"], ["2", "TLS011", "error", "certificate-weak-key"]],
        "{text}"
    );
    let out = kensa()
        .args(["lint", "--statistics", "--output-format", "json", "--select", "TLS002"])
        .arg(root.join("samples/nginx"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v, serde_json::json!([{"code": "TLS002", "name": "tls12-exception", "count": 5}]));
}

/// Shell completions for four shells and a man page come from the command definition.
#[test]
fn completions_and_man_page() {
    for (shell, marker) in [
        ("bash", "_kensa()"),
        ("zsh", "#compdef kensa"),
        ("fish", "complete -c kensa"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = kensa().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(marker) && text.contains("extend-select"), "{shell}: {text}");
    }
    let out = kensa().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = kensa().arg("manpage").output().unwrap();
    let man = String::from_utf8(out.stdout).unwrap();
    assert!(man.contains(".TH kensa 1") && man.contains("lint"), "{man}");
}

/// `-` reads one config from standard input; `--as` says its format and
/// `--stdin-filename` the name the report shows.
#[test]
fn standard_input_with_as_and_a_name() {
    let out = kensa()
        .args(["lint", "--output-format", "json", "--select", "TLS002"])
        .args(["--as", "nginx", "--stdin-filename", "pacs.conf", "-"])
        .write_stdin(TLS12_ONLY)
        .output()
        .unwrap();
    let v = json_of(&out);
    assert_eq!(v["inputs"][0]["path"], "pacs.conf");
    assert_eq!(v["findings"][0]["rule"], "TLS002");
    assert_eq!(v["findings"][0]["location"]["path"], "pacs.conf");
    assert_eq!(v["findings"][0]["location"]["line"], 4);
    let out = kensa().args(["lint", "-"]).write_stdin(TLS12_ONLY).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs --as"));
}

/// The fix example for the input's format is its own line in the human report and its own
/// `<code>` line in HTML, after the general fix.
#[test]
fn fix_example_on_its_own_line() {
    let d = tempfile::tempdir().unwrap();
    let conf = write_conf(d.path());
    let out = kensa().args(["lint", "--select", "TLS002"]).arg(&conf).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let fix = text.lines().position(|l| l.starts_with("  = fix: Enable TLS 1.3 only.")).expect(&text);
    assert!(!text.lines().nth(fix).unwrap().contains("ssl_protocols"), "{text}");
    assert_eq!(text.lines().nth(fix + 1), Some("  = example: ssl_protocols TLSv1.3;"), "{text}");
    let out = kensa().args(["lint", "--lang", "ja", "--select", "TLS002"]).arg(&conf).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("\n  = 設定例: ssl_protocols TLSv1.3;\n"));
    let out = kensa()
        .args(["lint", "--output-format", "html", "--select", "TLS002"])
        .arg(&conf)
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("[[waiver]] in kensa.toml.<br><code>ssl_protocols TLSv1.3;</code></td>"), "{html}");
}

/// Lower-case English words that Japanese text may carry because they are config text or
/// command names that the rules quote (`aggressive = no`, `remote-cert-tls server`,
/// `openssl rand`). Capitalised names (`WireGuard`), acronyms (`TLS`), and words with digits
/// or punctuation (`tls-version-min`, `TLSv1.3`) are config text or names by their shape.
const QUOTED_WORDS: &[&str] = &[
    "admin",
    "aggressive",
    "assume",
    "anon",
    "auth",
    "authPriv",
    "chmod",
    "cisco",
    "client",
    "crypto",
    "days",
    "deauthentication",
    "expires",
    "genpsk",
    "hostapd",
    "ike",
    "include",
    "ipsec",
    "isakmp",
    "kensa",
    "lint",
    "nginx",
    "no",
    "none",
    "off",
    "on",
    "openssl",
    "openvpn",
    "optional",
    "private",
    "probe",
    "pubkey",
    "public",
    "push",
    "rand",
    "require",
    "required",
    "rustls",
    "right",
    "rightca",
    "rightid",
    "secret",
    "server",
    "set",
    "strongSwan",
    "subjectAltName",
    "syslog",
    "telnet",
    "true",
    "trusthost",
    "type",
    "uRPF",
    "upstream",
    "version",
    "waiver",
    "wg",
];

/// English words in Japanese text that are neither names nor config text, and the
/// spelling サーバー (kensa writes サーバ).
fn stray_english(text: &str) -> Vec<String> {
    let mut stray = Vec::new();
    if text.contains("サーバー") {
        stray.push("サーバー".to_string());
    }
    for run in text.split(|c: char| !c.is_ascii_graphic()) {
        let word = run.trim_matches(|c: char| "()[],.;:'\"`{}".contains(c));
        let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic());
        let lower = word.starts_with(|c: char| c.is_ascii_lowercase());
        let format_name = kensa::formats::FORMATS.iter().any(|f| f.name == word);
        if plain && lower && !QUOTED_WORDS.contains(&word) && !format_name {
            stray.push(word.to_string());
        }
    }
    stray
}

/// A message template without its `{placeholder}`s (filled with names and config text).
fn without_placeholders(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        match rest[open..].find('}') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every rule's Japanese title, message, reason and fix, every input diagnostic in
/// Japanese, and `kensa rules` / `kensa explain` in Japanese read as Japanese: no English
/// words outside names, numbers and config text, and one spelling of サーバ.
#[test]
fn japanese_reads_as_japanese() {
    use kensa::diag::DiagKind;
    use kensa::i18n::Lang;
    let mut found = Vec::new();
    for rule in kensa::rules::registry::all() {
        let m = rule.meta;
        for (part, text) in [("title", &m.title), ("message", &m.message), ("why", &m.why), ("fix", &m.fix)] {
            for w in stray_english(&without_placeholders(text.get(Lang::Ja))) {
                found.push(format!("{} {part}: {w}", m.code));
            }
        }
    }
    let s = || "x.conf".to_string();
    let diags = [
        DiagKind::Unreadable { reason: s() },
        DiagKind::TooLarge { bytes: 1, limit: 1 },
        DiagKind::Binary,
        DiagKind::DecodedAs { encoding: "Shift_JIS".into() },
        DiagKind::InvalidUtf8,
        DiagKind::UnknownFormat,
        DiagKind::UnterminatedBlock { opened_line: 1 },
        DiagKind::UnexpectedClose,
        DiagKind::UnterminatedQuote,
        DiagKind::MissingSemicolon { directive: s() },
        DiagKind::TooDeep { limit: 1 },
        DiagKind::Syntax { detail: s() },
        DiagKind::IncludeMissing { pattern: s() },
        DiagKind::IncludeLoop { path: s() },
        DiagKind::IncludeUnreadable { path: s(), reason: s() },
        DiagKind::TooManyIncludes { limit: 1 },
        DiagKind::IncludedTooMuch { limit_mib: 1 },
        DiagKind::Unrecognized { directive: s() },
        DiagKind::BadValue { directive: s(), value: s() },
        DiagKind::UnknownCipherTokens { tokens: s() },
        DiagKind::BuiltinCipherGroups { product: s(), groups: s() },
        DiagKind::FileReferenced { path: s(), state: s() },
        DiagKind::Utf16OddLength,
        DiagKind::Utf16UnpairedSurrogate { unit: 0xd800, count: 1 },
    ];
    for d in &diags {
        for w in stray_english(&d.message(Lang::Ja)) {
            found.push(format!("diagnostic {d:?}: {w}"));
        }
    }
    let rules = kensa().args(["rules", "--lang", "ja"]).output().unwrap();
    for w in stray_english(&String::from_utf8(rules.stdout).unwrap()) {
        found.push(format!("kensa rules: {w}"));
    }
    for rule in kensa::rules::registry::all() {
        let out = kensa().args(["explain", &rule.meta.code, "--lang", "ja"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        // The examples (``` blocks) and `quoted` fix lines are config text: only the prose
        // is judged.
        let prose = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        for w in stray_english(&prose) {
            found.push(format!("kensa explain {}: {w}", rule.meta.code));
        }
        // Model type names are the code's words, not the reader's.
        for kind in rule.meta.applies_to.iter().filter(|k| prose.contains(k.as_str())) {
            found.push(format!("kensa explain {}: {kind}", rule.meta.code));
        }
    }
    for (what, text) in japanese_texts_without_input() {
        for w in stray_english(&text) {
            found.push(format!("{what}: {w} in {text}"));
        }
    }
    found.sort();
    found.dedup();
    assert!(found.is_empty(), "{} stray English words:\n{}", found.len(), found.join("\n"));
}

/// kensa's Japanese that no input needs: every typed note kind (its prose, config text left
/// out), every probe failure (with neutral details), and every subject shape (names left
/// out), each named for the failure message.
fn japanese_texts_without_input() -> Vec<(String, String)> {
    use kensa::i18n::{notes, subjects, Lang};
    use kensa::probe::flight::FlightError;
    use kensa::probe::{NameHint, Phase, ProbeError, ProbeFailure, ResolveFailure};
    let mut texts = Vec::new();
    for note in notes::Note::samples() {
        let mut prose = String::new();
        notes::render_typed(std::slice::from_ref(&note), "", Lang::Ja, |p| {
            if let notes::Piece::Prose(t) = p {
                prose.push_str(t);
            }
        });
        texts.push((format!("note {note:?}"), prose));
    }
    let detail = || "0".to_string();
    let mut errors = vec![
        ProbeError::Refused,
        ProbeError::Truncated { bytes: 5, how: "closed" },
        ProbeError::Truncated { bytes: 5, how: "reset" },
        ProbeError::Rustls(detail()),
        ProbeError::HandshakeEnded("unreadable"),
        ProbeError::StartTls {
            proto: "SMTP".into(),
            step: "EHLO".into(),
            said: Some(detail()),
        },
        ProbeError::StartTls {
            proto: "SMTP".into(),
            step: "EHLO".into(),
            said: None,
        },
        ProbeError::Internal(detail()),
        ProbeError::Flight(FlightError::NotTls(detail())),
        ProbeError::Flight(FlightError::Protocol(detail())),
        ProbeError::Flight(FlightError::TooLarge(detail())),
    ];
    for why in [ResolveFailure::TimedOut, ResolveFailure::NoAddress, ResolveFailure::System(detail())] {
        errors.push(ProbeError::Resolve {
            host: "pacs.example.jp".into(),
            why,
        });
    }
    for during in [
        Phase::Connecting,
        Phase::SendingHello,
        Phase::WaitingForAnswer,
        Phase::RustlsHandshake,
        Phase::StartTls,
        Phase::Tls13Certificate,
    ] {
        errors.push(ProbeError::Timeout { ms: 2000, during });
    }
    for kind in [
        std::io::ErrorKind::ConnectionReset,
        std::io::ErrorKind::ConnectionAborted,
        std::io::ErrorKind::BrokenPipe,
        std::io::ErrorKind::UnexpectedEof,
        std::io::ErrorKind::AddrNotAvailable,
        std::io::ErrorKind::TimedOut,
        std::io::ErrorKind::Other,
    ] {
        errors.push(ProbeError::Io { kind, text: detail() });
    }
    let mut failures: Vec<ProbeFailure> = errors.into_iter().map(ProbeFailure::Error).collect();
    for hint in [NameHint::None, NameHint::NoSni, NameHint::NameNotServed("pacs.example.jp".into())] {
        let refused = vec![
            ("TLS1.2".to_string(), "alert handshake_failure".to_string()),
            ("TLS1.3".to_string(), "server answered with TLS1.2".to_string()),
        ];
        failures.push(ProbeFailure::NoVersion { refused, hint });
    }
    for f in &failures {
        texts.push((format!("probe failure {f:?}"), f.message(Lang::Ja)));
    }
    for subject in [
        "nginx upstream https://10.0.0.5:8443 (from server pacs.example.jp)",
        "apache vhost _default_:443 proxy to https://10.0.0.5/",
        "FortiGate admin GUI on port1",
        "FortiGate http on wan1",
        "NetworkManager connection ward-wifi",
        "strongSwan connection site",
        "Windows WLAN profile ward",
        "OpenVPN client c.ovpn control channel",
        "WireGuard wg0 peer abc=",
        "Cisco ISAKMP key for 0.0.0.0",
        "haproxy listen stats stats page",
        "ipsec.secrets PSK for any peer",
        "OpenVPN peer 10.0.0.1",
        "probed endpoint 127.0.0.1:443",
    ] {
        let ja = subjects::ja(subject).unwrap_or_else(|| panic!("subject shape not read: {subject}"));
        // Names are config text: what is left when the English subject's words are removed
        // is kensa's glue.
        let english: Vec<&str> = subject.split_whitespace().collect();
        let glue: String = ja.split_whitespace().filter(|w| !english.contains(w)).collect::<Vec<_>>().join(" ");
        texts.push((format!("subject {subject}"), glue));
    }
    texts
}

/// Japanese puts no space before or after の where Japanese text meets it: such a space is
/// a template join ("... の データチャネルの暗号 の提案"). Checked on the Japanese report of
/// every sample and fixture, and on every text of [`japanese_texts_without_input`].
#[test]
fn no_space_joins_around_no() {
    let out = kensa()
        .args(["lint", "--color", "never", "--lang", "ja", "--fail-on", "never", "samples", "tests/fixtures"])
        .output()
        .unwrap();
    let mut texts = vec![("kensa lint samples tests/fixtures".to_string(), String::from_utf8(out.stdout).unwrap())];
    texts.extend(japanese_texts_without_input());
    let ja = kensa::i18n::is_japanese;
    let mut found = Vec::new();
    for (what, text) in &texts {
        for line in text.lines() {
            let chars: Vec<char> = line.chars().collect();
            for w in chars.windows(3) {
                let before = w[1] == ' ' && w[2] == 'の' && ja(w[0]);
                let after = w[0] == 'の' && w[1] == ' ' && ja(w[2]);
                if before || after {
                    found.push(format!("{what}: {line}"));
                    break;
                }
            }
        }
    }
    assert!(found.is_empty(), "{} joins:\n{}", found.len(), found.join("\n"));
}

/// A probe target that cannot be reached makes the exit 2, but the findings on the target
/// that answered are still reported, and standard error says they would fail the run.
#[test]
fn unreachable_probe_target_does_not_hide_findings() {
    let pki = probe_support::Pki::new();
    let server = probe_support::SServer::legacy_tls11(&pki);
    let up = format!("127.0.0.1:{}", server.port);
    // A port nothing listens on: the connection is refused at once.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    let out = kensa()
        .args(["probe", "--output-format", "json", "--timeout-ms", "3000"])
        .args([&up, &closed])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v = json_of(&out);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "TLS001" && f["target"] == up.as_str()),
        "{v}"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("exit 2: 1 target(s) could not be probed; findings at or above --fail-on were also found"),
        "{err}"
    );
}

/// English words that make a sentence and never name a directive or value.
const SENTENCE_WORDS: &[&str] = &["a", "the", "with", "and", "or", "not", "only", "every", "from", "by", "is", "are", "default"];

/// English words kensa put around names in subjects ("http on wan1", "profile").
const SUBJECT_GLUE: &[&str] = &[
    "on",
    "for",
    "to",
    "connection",
    "profile",
    "peer",
    "channel",
    "page",
    "proxy",
    "probed",
    "endpoint",
    "upstream",
];

/// kensa's notes after the evidence (what a default was filled from, what was absent,
/// what is inherited) and the subjects read as Japanese for every finding on every sample
/// and fixture: the prose of each note, config text left out, has no English words, and no
/// English glue is left around the names in a subject.
#[test]
fn evidence_notes_read_as_japanese() {
    use kensa::i18n::{notes, Lang};
    let paths = [std::path::PathBuf::from("samples"), std::path::PathBuf::from("tests/fixtures")];
    let (files, _) = kensa::lint::expand_paths(&paths);
    let engine = kensa::rules::Engine::new(kensa::policy::TlsPolicy::builtin(), 0);
    let (_, findings, _) = kensa::lint::lint_all(&engine, &files, None, 0);
    let mut found = Vec::new();
    let mut noted = 0;
    for f in &findings {
        // The subject: names as written, kensa's glue around them in Japanese.
        let subject = f.subject_in(Lang::Ja);
        for w in subject.split_whitespace().filter(|w| SENTENCE_WORDS.contains(w) || SUBJECT_GLUE.contains(w)) {
            found.push(format!("{} subject: {w} in {subject}", f.rule));
        }
        let at = f.origin.note_at as usize;
        if at == 0 {
            continue;
        }
        noted += 1;
        let tail = &f.origin.evidence[at..];
        for w in stray_english(&notes::prose_of(&f.origin, Lang::Ja)) {
            found.push(format!("{}: {w} in {tail}", f.rule));
        }
        // Config text is shown as written, but English sentence words are never config
        // text: a note read wrongly would leave them in its config pieces.
        let ja = f.origin.evidence_in(Lang::Ja)[at..].to_string();
        for w in ja.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| SENTENCE_WORDS.contains(w)) {
            found.push(format!("{}: {w} in {ja}", f.rule));
        }
    }
    assert!(noted > 50, "only {noted} findings carry a note");
    found.sort();
    found.dedup();
    assert!(found.is_empty(), "{} stray English words:\n{}", found.len(), found.join("\n"));
}

/// A finding about a TLS client side (nginx `proxy_pass https`, Apache `ProxyPass` with
/// `SSLProxy*`, HAProxy `server ... ssl`) suggests the client-side directive, never the
/// server-side one that would leave the upstream connection as it is, and its fix speaks
/// of the upstream server, in both languages; so does its message (one wording per role).
#[test]
fn client_side_findings_suggest_client_side_directives() {
    const SERVER_SIDE: &[&str] = &[
        "ssl_protocols ",
        "ssl_ciphers ",
        "SSLProtocol ",
        "SSLCipherSuite ",
        "ssl-default-bind",
        "ssl_conf_command ",
        "SSLOpenSSLConfCmd ",
    ];
    for (lang, example_label, fix_label) in [("en", "= example: ", "= fix: "), ("ja", "= 設定例: ", "= 対処: ")] {
        let out = kensa()
            .args(["lint", "--color", "never", "--lang", lang, "samples/nginx", "samples/apache", "samples/haproxy"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let mut examples = Vec::new();
        for block in text.split("\n\n") {
            let head = block.lines().next().unwrap_or("");
            let client = [
                "nginx upstream ",
                " proxy to https://",
                "haproxy backend ",
                " の上流サーバ ",
                " のプロキシ先 https://",
            ]
            .iter()
            .any(|c| head.contains(c));
            if !client {
                continue;
            }
            // The message speaks of the upstream server, never of clients (only of the
            // client certificate this side presents).
            let message = head.replace("client certificate", "").replace("クライアント証明書", "");
            assert!(
                !message.contains("client") && !message.contains("クライアント"),
                "{lang}: a client side's message speaks of clients:\n{block}"
            );
            let line = |label: &str| block.lines().find_map(|l| l.trim_start().strip_prefix(label)).map(str::to_string);
            if let Some(example) = line(example_label) {
                assert!(
                    !SERVER_SIDE.iter().any(|d| example.starts_with(d)),
                    "{lang}: server-side fix for a client side:\n{block}"
                );
                examples.push(example);
            }
            if head.contains("[TLS002]") {
                let fix = line(fix_label).unwrap();
                assert!(fix.contains("upstream server") || fix.contains("接続先サーバ"), "{lang}: {fix}");
            }
        }
        for directive in [
            "proxy_ssl_protocols TLSv1.3;",
            "proxy_ssl_ciphers ",
            "SSLProxyProtocol -all +TLSv1.3",
            "ssl ssl-min-ver TLSv1.3",
        ] {
            assert!(examples.iter().any(|e| e.contains(directive)), "{lang}: no {directive} among {examples:#?}");
        }
    }
}

/// Probe failures are typed until the report renders them: in Japanese a refused
/// connection and a server that never answers read as Japanese, in English as before.
#[test]
fn probe_failures_read_in_the_reports_language() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    // Accepted by the kernel, never answered: the deadline passes waiting for the answer.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_addr = silent.local_addr().unwrap().to_string();
    let run = |lang: &str| {
        let out = kensa()
            .args(["probe", "--color", "never", "--timeout-ms", "300", "--lang", lang, &closed, &silent_addr])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stdout).unwrap()
    };
    let ja = run("ja");
    assert!(ja.contains(&format!("プローブ失敗: {closed}: 接続を拒否されました\n")), "{ja}");
    assert!(
        ja.contains(&format!("プローブ失敗: {silent_addr}: サーバの応答を待つ間に 300 ミリ秒の期限を過ぎました\n")),
        "{ja}"
    );
    let en = run("en");
    assert!(en.contains(&format!("probe failed: {closed}: connection refused\n")), "{en}");
    assert!(
        en.contains(&format!(
            "probe failed: {silent_addr}: timed out after 300 ms waiting for the server's answer\n"
        )),
        "{en}"
    );
    drop(silent);
}

/// A probe of a loopback server in Japanese: the evidence under each finding (what the
/// probe measured) reads as Japanese outside protocol, suite and alert names.
#[test]
fn probe_evidence_reads_as_japanese() {
    let pki = probe_support::Pki::new();
    let server = probe_support::SServer::legacy_tls11(&pki);
    let target = format!("127.0.0.1:{}", server.port);
    let out = kensa().args(["probe", "--color", "never", "--lang", "ja", &target]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // The measured view's evidence lines, and each finding's `= target: evidence` line.
    let measured = text.lines().filter_map(|l| l.trim_start().strip_prefix("| "));
    let under_findings: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix(&format!("  = {target}: "))).collect();
    assert!(!under_findings.is_empty(), "{text}");
    let evidence: Vec<&str> = measured.chain(under_findings).collect();
    let mut found = Vec::new();
    for line in &evidence {
        for w in stray_english(line) {
            found.push(format!("{w} in {line}"));
        }
    }
    assert!(found.is_empty(), "{} stray English words:\n{}", found.len(), found.join("\n"));
}
