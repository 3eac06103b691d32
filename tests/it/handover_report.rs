//! `kensa report`: the hand-over compliance report. The matrix states for `samples/` are
//! asserted from the JSON, and the HTML is rendered in headless Chromium (Debian package
//! `chromium`): the DOM holds the same states, no element is wider than the A4 text
//! width, and printing gives A4 pages.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// 2026-12-01T00:00:00Z: fixes the run time every report carries.
const EPOCH: &str = "1796083200";

fn kensa() -> Command {
    let mut c = Command::cargo_bin("kensa").unwrap();
    c.env("KENSA_NOW", "2026-12-01")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn report_json(args: &[&str]) -> Value {
    let (code, v) = report_json_exit(args);
    assert_eq!(code, 0);
    v
}

/// The JSON report and the exit code (2 when an input could not be read in full: the
/// report is still written).
fn report_json_exit(args: &[&str]) -> (i32, Value) {
    let out = kensa().arg("report").args(args).arg("--json").output().unwrap();
    let code = out.status.code().unwrap();
    assert!(code == 0 || code == 2, "{}", String::from_utf8_lossy(&out.stderr));
    (code, serde_json::from_slice(&out.stdout).expect("kensa/v1 JSON"))
}

fn state<'a>(v: &'a Value, device: &str, clause: &str) -> &'a str {
    let d = v["compliance"]["devices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == device)
        .unwrap_or_else(|| panic!("no device {device}"));
    d["clauses"][clause]["state"].as_str().unwrap()
}

/// The states the samples must show, whatever else changes: what each sample is written
/// to demonstrate.
fn assert_sample_states(v: &Value) {
    let expect = [
        ("samples/nginx/pacs-viewer-legacy.conf", "13-6", "violated"),
        ("samples/nginx/pacs-viewer-legacy.conf", "13-13", "not-applicable"),
        ("samples/nginx/ipa-high-security.conf", "13-6", "pass"),
        ("samples/cisco-ios/good.conf", "17-3", "pass"),
        ("samples/cisco-ios/good.conf", "13-6", "not-applicable"),
        ("samples/cisco-ios/bad.conf", "13-10", "violated"),
        ("samples/hostapd/hostapd-legacy-bad.conf", "13-13", "violated"),
        ("samples/wireguard/wg0-client-bad.conf", "13-6", "warning"),
        ("samples/fortigate/good.conf", "7-12", "pass"),
    ];
    for (device, clause, want) in expect {
        assert_eq!(state(v, device, clause), want, "{device} {clause}");
    }
    assert_eq!(v["compliance"]["overall"]["13-6"], "violated");
}

#[test]
fn matrix_states_for_the_samples_from_json() {
    let v = report_json(&["samples"]);
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/kensa-v1.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::draft7::options().should_validate_formats(true).build(&schema).unwrap();
    for doc in [&v, &report_json(&["samples", "--lang", "ja"])] {
        let errors: Vec<String> = validator.iter_errors(doc).map(|e| format!("{e} at {}", e.instance_path)).collect();
        assert!(errors.is_empty(), "kensa report --json does not match kensa-v1.json:\n{}", errors.join("\n"));
    }
    assert_eq!(v["schema"], "kensa/v1");
    assert_eq!(v["generated_at"], "2026-12-01T00:00:00Z");
    let clauses: Vec<&str> = v["compliance"]["clauses"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert_eq!(clauses.len(), 20);
    assert_sample_states(&v);
    // Certificates beside the configs are left out by the walk, and said so.
    let skipped = v["skipped"].as_array().expect("skipped files are listed");
    assert!(skipped.iter().any(|k| k["path"] == "samples/apache/certs/client-ca.pem"));
    for d in v["compliance"]["devices"].as_array().unwrap() {
        for c in ["13-1", "13-3", "13-7"] {
            assert_eq!(d["clauses"][c]["state"], "manual", "{} {c}", d["name"]);
        }
        for (c, cell) in d["clauses"].as_object().unwrap() {
            // A pass rests on a rule that judged something, never on silence.
            if cell["state"] == "pass" {
                assert!(
                    !cell["judged_by"].as_array().unwrap().is_empty(),
                    "{} {c}: pass without a judging rule",
                    d["name"]
                );
                assert_eq!(cell["findings"], 0, "{} {c}", d["name"]);
            }
        }
        let files = d["files"].as_array().unwrap();
        assert!(files.iter().all(|f| f["sha256"].as_str().is_some_and(|h| h.len() == 64)), "{}", d["name"]);
    }
    let items = v["compliance"]["checklist"]["items"].as_array().unwrap();
    let item = |id: &str| items.iter().find(|i| i["item"] == id).unwrap_or_else(|| panic!("no item {id}"));
    assert_eq!(
        item("2-⑥")["status"],
        "findings",
        "samples/fortigate/bad.conf runs a FortiOS with known-exploited CVEs"
    );
    assert_eq!(item("2-⑬")["status"], "findings");
    assert_eq!(item("1-①")["status"], "question");
}

/// A line kensa does not understand keeps a clause without findings from passing.
#[test]
fn partly_understood_input_is_for_a_person_to_confirm() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("site.conf");
    std::fs::write(
        &conf,
        "server {\n    listen 443 ssl;\n    ssl_protocols TLSv1.3;\n    ssl_verify_client on;\n    ssl_client_certificate ca.pem;\n}\n",
    )
    .unwrap();
    let (_, clean) = report_json_exit(&[conf.to_str().unwrap()]);
    let name = conf.to_str().unwrap();
    assert_eq!(state(&clean, name, "13-8"), "pass");
    std::fs::write(
        &conf,
        "server {\n    listen 443 ssl;\n    ssl_protocols TLSv1.3;\n    ssl_verify_client on;\n    ssl_client_certificate ca.pem;\n    }}} stray\n}\n",
    )
    .unwrap();
    let (_, partly) = report_json_exit(&[conf.to_str().unwrap()]);
    let input = &partly["inputs"][0];
    assert!(
        input["unrecognized_lines"].as_u64().unwrap() > 0 || input.get("error").is_some(),
        "the stray line is not understood: {input}"
    );
    assert_eq!(state(&partly, name, "13-8"), "manual");
    let cell = &partly["compliance"]["devices"][0]["clauses"]["13-8"];
    assert_eq!(cell["reason"], "partly-understood");
}

/// Waived findings make the clause 例外承認; the register says which waivers matched,
/// which matched nothing and which expired.
#[test]
fn waivers_in_the_matrix_and_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("kensa.toml");
    std::fs::write(
        &conf,
        "[site]\nfacility = \"テスト病院\"\nexaminer = \"山田\"\n\n[[waiver]]\nrule = \"TLS\"\nsubject = \"*\"\nreason = \"更新まで\"\nowner = \"情報システム課\"\nexpires = \"2027-03-31\"\n\n[[waiver]]\nrule = \"CFG002\"\nsubject = \"*\"\nreason = \"nginx 1.22\"\nowner = \"x\"\nexpires = \"2027-03-31\"\n\n[[waiver]]\nrule = \"WLAN001\"\nsubject = \"*\"\nreason = \"none\"\nowner = \"x\"\nexpires = \"2027-03-31\"\n\n[[waiver]]\nrule = \"VPN001\"\nsubject = \"*\"\nreason = \"old\"\nowner = \"x\"\nexpires = \"2020-01-01\"\n",
    )
    .unwrap();
    let v = report_json(&["--config", conf.to_str().unwrap(), "samples/nginx/pacs-viewer-legacy.conf"]);
    assert_eq!(state(&v, "samples/nginx/pacs-viewer-legacy.conf", "13-6"), "waived");
    let statuses: Vec<&str> = v["compliance"]["waivers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["active", "active", "matched-nothing", "expired"]);
    assert_eq!(v["compliance"]["site"]["facility"], "テスト病院");
    let out = kensa()
        .args(["report", "--config", conf.to_str().unwrap(), "--examiner", "佐藤", "--lang", "ja"])
        .arg("samples/nginx/pacs-viewer-legacy.conf")
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.contains("テスト病院") && html.contains("佐藤") && !html.contains("山田"),
        "--examiner wins over kensa.toml"
    );
    assert!(html.contains("2026-12-01T00:00:00Z"), "the cover carries the run time");
    assert!(html.contains("期限切れ") && html.contains("例外承認"));
    assert!(
        html.contains("data-state=\"waived\" title=\"TLS *: 更新まで (情報システム課, 2027-03-31)"),
        "a waived cell names its waiver"
    );
}

/// Runs headless Chromium with the flags that keep it off the network and out of the
/// user's profile. Missing Chromium fails the test naming the package to install.
fn chromium(profile: &Path, args: &[&str]) -> std::process::Output {
    let bin = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .unwrap_or_else(|| panic!("headless Chromium is needed: install the Debian package `chromium`"));
    let out = std::process::Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Measures every element after layout and writes the verdict into the DOM: nothing may
/// reach past the body (182 mm, A4 less its margins), and no box may hold content wider
/// than itself. Added to a copy of the report: the report itself has no scripts.
const WIDTH_CHECK: &str = r#"<script>
(function () {
  var body = document.body.getBoundingClientRect();
  var a4Text = 182 / 25.4 * 96 + 1;
  var bad = [];
  if (body.width > a4Text) bad.push('body ' + body.width);
  document.querySelectorAll('body *').forEach(function (e) {
    if (e.tagName === 'SCRIPT') return;
    var r = e.getBoundingClientRect();
    var over = r.right > body.right + 0.5 || r.left < body.left - 0.5;
    var inner = e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1;
    if (over || inner) bad.push(e.tagName + '.' + e.className + ' ' + Math.round(r.width) + 'px: ' + (e.textContent || '').slice(0, 30));
  });
  document.body.setAttribute('data-width-check', bad.length ? 'FAIL ' + bad.slice(0, 8).join(' | ') : 'ok');
})();
</script>"#;

/// The values of `attr="..."` in order of appearance.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!("{attr}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Every `data-device`/`data-state` cell of the matrix, with its row's clause.
fn dom_cells(dom: &str) -> Vec<(String, String, String)> {
    let mut cells = Vec::new();
    for row in dom.split("<tr data-clause=\"").skip(1) {
        let clause = &row[..row.find('"').unwrap()];
        let row = &row[..row.find("</tr>").unwrap()];
        let devices = attr_values(row, "data-device");
        let states = attr_values(row, "data-state");
        assert_eq!(devices.len(), states.len());
        for (d, s) in devices.into_iter().zip(states) {
            cells.push((clause.to_string(), d.to_string(), s.to_string()));
        }
    }
    cells
}

#[test]
fn report_renders_in_headless_chromium_on_a4() {
    let json = report_json(&["samples"]);
    let dir = tempfile::tempdir().unwrap();
    for lang in ["ja", "en"] {
        let html_path: PathBuf = dir.path().join(format!("report-{lang}.html"));
        let out = kensa().args(["report", "samples", "--lang", lang, "-o"]).arg(&html_path).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let html = std::fs::read_to_string(&html_path).unwrap();
        // Self-contained: no scripts, and nothing fetched (no external sheet, image or font).
        for fetch in ["<script", "<link", " src=", "href=\"http", "@import", "url("] {
            assert!(!html.contains(fetch), "{lang}: the report contains {fetch}");
        }
        let checked = dir.path().join(format!("checked-{lang}.html"));
        std::fs::write(&checked, html.replace("</body>", &format!("{WIDTH_CHECK}</body>"))).unwrap();
        let profile = tempfile::tempdir().unwrap();
        let url = format!("file://{}", checked.display());
        // A4 at 96 dpi: 794 × 1123 CSS pixels.
        let dom = chromium(profile.path(), &["--window-size=794,1123", "--virtual-time-budget=5000", "--dump-dom", &url]);
        let dom = String::from_utf8(dom.stdout).unwrap();
        let verdict = attr_values(&dom, "data-width-check");
        assert_eq!(verdict, ["ok"], "{lang}: elements wider than the page");

        // One row per clause in the site table, and every device cell as the JSON says.
        let cells = dom_cells(&dom);
        let overall: Vec<&(String, String, String)> = cells.iter().filter(|(_, d, _)| d == "*").collect();
        let clauses: Vec<&str> = json["compliance"]["clauses"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(overall.iter().map(|(c, _, _)| c.as_str()).collect::<Vec<_>>(), clauses, "{lang}");
        for (clause, _, s) in &overall {
            assert_eq!(json["compliance"]["overall"][clause.as_str()], s.as_str(), "{lang} site {clause}");
        }
        let devices = json["compliance"]["devices"].as_array().unwrap();
        let per_device = cells.len() - overall.len();
        assert_eq!(per_device, devices.len() * clauses.len(), "{lang}: a cell per device and clause");
        for (clause, device, s) in cells.iter().filter(|(_, d, _)| d != "*") {
            assert_eq!(state(&json, device, clause), s, "{lang} {device} {clause}");
        }
        assert!(cells
            .iter()
            .any(|(c, d, s)| c == "13-6" && d == "samples/nginx/pacs-viewer-legacy.conf" && s == "violated"));

        // The flat CI report (`lint --output-format html`) fits the page too.
        let flat = kensa().args(["lint", "samples", "--output-format", "html", "--lang", lang]).output().unwrap();
        let flat_path = dir.path().join(format!("flat-{lang}.html"));
        let flat_html = String::from_utf8(flat.stdout).unwrap();
        assert!(
            flat_html.contains("<tr class=\"waived\">") || !flat_html.contains("<em>"),
            "waived rows are marked"
        );
        std::fs::write(&flat_path, flat_html.replace("</body>", &format!("{WIDTH_CHECK}</body>"))).unwrap();
        let profile = tempfile::tempdir().unwrap();
        let flat_url = format!("file://{}", flat_path.display());
        let flat_dom = chromium(
            profile.path(),
            &["--window-size=794,1123", "--virtual-time-budget=5000", "--dump-dom", &flat_url],
        );
        let flat_dom = String::from_utf8(flat_dom.stdout).unwrap();
        assert_eq!(attr_values(&flat_dom, "data-width-check"), ["ok"], "{lang}: flat report wider than the page");

        // Printed: every page is A4 (595 × 842 pt).
        let pdf = dir.path().join(format!("report-{lang}.pdf"));
        let profile = tempfile::tempdir().unwrap();
        chromium(
            profile.path(),
            &[
                "--no-pdf-header-footer",
                &format!("--print-to-pdf={}", pdf.display()),
                &format!("file://{}", html_path.display()),
            ],
        );
        let bytes = std::fs::read(&pdf).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let boxes = attr_like_media_boxes(&text);
        assert!(boxes.len() > 3, "{lang}: a page per section at least, got {}", boxes.len());
        for (w, h) in boxes {
            assert!((w - 595.0).abs() < 1.5 && (h - 842.0).abs() < 1.5, "{lang}: page {w} × {h} pt is not A4");
        }
    }
}

/// Width and height of every `/MediaBox [0 0 W H]` in a PDF.
fn attr_like_media_boxes(pdf: &str) -> Vec<(f64, f64)> {
    pdf.match_indices("/MediaBox [")
        .map(|(i, _)| {
            let rest = &pdf[i + "/MediaBox [".len()..];
            let nums: Vec<f64> = rest[..rest.find(']').unwrap()].split_whitespace().map(|n| n.parse().unwrap()).collect();
            (nums[2] - nums[0], nums[3] - nums[1])
        })
        .collect()
}

/// JSON, SARIF and both HTML reports carry the run's time; SOURCE_DATE_EPOCH fixes it.
#[test]
fn every_report_carries_the_run_time() {
    let sample = "samples/nginx/pacs-viewer-legacy.conf";
    for format in ["json", "sarif", "html"] {
        let out = kensa().args(["lint", "--output-format", format, sample]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("2026-12-01T00:00:00Z"), "{format}: no run time");
    }
    let out = kensa().args(["lint", "--output-format", "sarif", sample]).output().unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["startTimeUtc"], "2026-12-01T00:00:00Z");
    assert_eq!(invocation["endTimeUtc"], "2026-12-01T00:00:00Z");
    // Without SOURCE_DATE_EPOCH, the clock: some time after this test was written.
    let out = kensa()
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["lint", "--output-format", "json", sample])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let at = v["generated_at"].as_str().unwrap();
    assert!(at.len() == 20 && at.ends_with('Z') && at.as_bytes()[10] == b'T' && at >= "2026-01-01", "{at}");
}

/// A probed endpoint is a device of the report: a TLS 1.1 `openssl s_server` on 127.0.0.1
/// violates 13-6, and its measurement is in the appendix. A target that cannot be reached
/// is for a person to confirm on every clause, never a pass (exit 2, report still written).
#[test]
fn probed_endpoints_are_devices_of_the_report() {
    let pki = crate::probe_support::Pki::new();
    let server = crate::probe_support::SServer::legacy_tls11(&pki);
    let target = format!("127.0.0.1:{}", server.port);
    // A port nothing listens on: bind one, then close it.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("127.0.0.1:{}", l.local_addr().unwrap().port())
    };
    let (code, v) = report_json_exit(&["--probe", &target, "--probe", &closed, "--timeout-ms", "3000"]);
    assert_eq!(code, 2, "the closed port was not measured");
    assert_eq!(state(&v, &target, "13-6"), "violated");
    let down = v["compliance"]["devices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == closed.as_str())
        .unwrap();
    for (clause, cell) in down["clauses"].as_object().unwrap() {
        assert_eq!(cell["state"], "manual", "{closed} {clause}");
    }
    assert_eq!(down["clauses"]["13-6"]["reason"], "not-measured");
    let out = kensa()
        .args(["report", "--lang", "en", "--timeout-ms", "3000", "--probe", &target])
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let appendix = &html[html.find("id=\"appendix\"").unwrap()..];
    assert!(appendix.contains(&target) && appendix.contains("TLS1.1"), "the appendix shows the measurement");
}
