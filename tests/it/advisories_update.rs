//! `kensa advisories update` against a KEV catalogue served on 127.0.0.1 (a std listener
//! thread answering with fixture bytes): a good catalogue replaces the stored copy; a
//! truncated, malformed, older or refused one leaves it byte for byte and exits 2. Then
//! `lint` uses the newer copy, names its date in every report, and never opens a
//! connection, even with proxies set.

use assert_cmd::Command;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

const PROXY_VARS: [&str; 6] = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"];

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kev").join(name)).unwrap()
}

/// One HTTP response as the server sends it: the status line's code, the body, and the
/// Content-Length it announces (more than the body = the connection closes early).
struct Reply {
    status: u16,
    body: Vec<u8>,
    announced: usize,
}

impl Reply {
    fn ok(body: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            announced: body.len(),
            body,
        }
    }
}

/// Serves one reply per connection on 127.0.0.1, in order; returns the URL and the request
/// lines received. The thread ends after the last reply.
fn serve(replies: Vec<Reply>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feeds/known_exploited_vulnerabilities.json", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for reply in replies {
            let Ok((mut conn, _)) = listener.accept() else { return };
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match conn.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let first = String::from_utf8_lossy(&request).lines().next().unwrap_or("").to_string();
            log.lock().unwrap().push(first);
            let reason = if reply.status == 200 { "OK" } else { "Internal Server Error" };
            let head = format!(
                "HTTP/1.1 {} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                reply.status, reply.announced
            );
            let _ = conn.write_all(head.as_bytes());
            let _ = conn.write_all(&reply.body);
        }
    });
    (url, seen)
}

fn kensa(data: &Path) -> Command {
    let mut c = Command::cargo_bin("kensa").unwrap();
    c.env("KENSA_NOW", "2026-12-01")
        .env("KENSA_DATA_DIR", data)
        .env_remove("KENSA_KEV_URL")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    for v in PROXY_VARS {
        c.env_remove(v);
    }
    c
}

/// Runs `advisories update --url URL`; returns (exit code, stdout, stderr).
fn update(data: &Path, url: &str) -> (i32, String, String) {
    let out = kensa(data).args(["advisories", "update", "--lang", "en", "--url", url]).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn stored(data: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(data.join("kev.json")).unwrap()).unwrap()
}

#[test]
fn a_good_catalogue_is_kept_for_the_products_kensa_knows() {
    let data = tempfile::tempdir().unwrap();
    let (url, seen) = serve(vec![Reply::ok(fixture("catalog-2025-08-25.json"))]);
    let (code, out, err) = update(data.path(), &url);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("downloaded CISA KEV 2025.08.25 (released 2025-08-25, 12 entries)"), "{out}");
    assert_eq!(seen.lock().unwrap().as_slice(), ["GET /feeds/known_exploited_vulnerabilities.json HTTP/1.1"]);
    let kept = stored(data.path());
    assert_eq!(kept["schema"], "kensa-kev/1");
    assert_eq!(kept["source"], url.as_str());
    assert_eq!(kept["downloaded"], "2026-12-01T00:00:00Z");
    assert_eq!(kept["catalog_version"], "2025.08.25");
    let entries: Vec<(String, String)> = kept["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["cve"].as_str().unwrap().to_string(), e["product"].as_str().unwrap().to_string()))
        .collect();
    // Git, FortiManager and the ASA-only XSS's product words decide: only known products.
    for want in [
        ("CVE-2024-23113", "FortiOS"),
        ("CVE-2024-23113", "FortiProxy"),
        ("CVE-2024-3400", "PAN-OS"),
        ("CVE-2020-3452", "ASA"),
        ("CVE-2020-3452", "FTD"),
        ("CVE-2025-5777", "NetScaler"),
        ("CVE-2024-40766", "SonicOS"),
        ("CVE-2025-22457", "Ivanti Connect Secure"),
    ] {
        assert!(entries.contains(&(want.0.to_string(), want.1.to_string())), "{want:?} missing from {entries:?}");
    }
    assert!(!entries.iter().any(|(c, _)| c == "CVE-2025-48384" || c == "CVE-2024-47575"), "{entries:?}");
    // The same catalogue is older than nothing the table knows: lint keeps the shipped table.
    let status = kensa(data.path()).args(["advisories", "status", "--lang", "en"]).output().unwrap();
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(
        status.contains("advisories: kensa's table (checked 2026-12-07, CISA KEV as of 2025-08-25)"),
        "{status}"
    );
}

/// Stores the newer fixture catalogue and returns the stored bytes.
fn store_newer(data: &Path) -> Vec<u8> {
    let (url, _) = serve(vec![Reply::ok(fixture("catalog-2026-11-20.json"))]);
    let (code, out, err) = update(data, &url);
    assert_eq!(code, 0, "{out}{err}");
    std::fs::read(data.join("kev.json")).unwrap()
}

#[test]
fn a_bad_download_is_refused_and_the_stored_copy_kept() {
    let data = tempfile::tempdir().unwrap();
    let before = store_newer(data.path());
    let full = fixture("catalog-2026-11-20.json");
    let half = full[..full.len() / 2].to_vec();
    let cases = vec![
        // The connection closes before the announced length: reqwest says so.
        (
            "cut-off body",
            Reply {
                status: 200,
                body: half.clone(),
                announced: full.len(),
            },
            "download failed",
        ),
        // A whole response whose JSON stops halfway.
        ("truncated JSON", Reply::ok(half), "refused the download as a KEV catalogue"),
        (
            "not JSON",
            Reply::ok(b"<html><body>Service Unavailable</body></html>".to_vec()),
            "refused the download as a KEV catalogue",
        ),
        (
            "fewer entries than it says",
            Reply::ok(
                String::from_utf8(full.clone())
                    .unwrap()
                    .replace("\"count\": 14", "\"count\": 1400")
                    .into_bytes(),
            ),
            "says 1400 entries but holds 14",
        ),
        (
            "HTTP 500",
            Reply {
                status: 500,
                body: b"oops".to_vec(),
                announced: 4,
            },
            "the server answered HTTP 500",
        ),
        ("older catalogue", Reply::ok(fixture("catalog-2025-08-25.json")), "is older than the stored one"),
    ];
    for (what, reply, says) in cases {
        let (url, seen) = serve(vec![reply]);
        let (code, out, err) = update(data.path(), &url);
        assert_eq!(code, 2, "{what}: {out}{err}");
        assert!(err.contains(says) && err.contains("the stored table is kept"), "{what}: {err}");
        assert_eq!(seen.lock().unwrap().len(), 1, "{what}: one request");
        assert_eq!(std::fs::read(data.path().join("kev.json")).unwrap(), before, "{what}: stored copy changed");
        let leftovers: Vec<_> = std::fs::read_dir(data.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, ["kev.json"], "{what}: temporary files left");
    }
    // Nothing listens: a connection error, same outcome.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/kev.json", closed.local_addr().unwrap());
    drop(closed);
    let (code, _, err) = update(data.path(), &url);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("download failed"), "{err}");
    assert_eq!(std::fs::read(data.path().join("kev.json")).unwrap(), before);
}

#[test]
fn a_damaged_stored_copy_is_reported_and_the_shipped_table_used() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("kev.json"), b"{\"schema\": \"kensa-kev/1\", \"entr").unwrap();
    let out = kensa(data.path())
        .args(["lint", "--lang", "en", "--color", "never", "samples/fortigate/bad.conf"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(stderr.contains("cannot use the downloaded CISA KEV copy"), "{stderr}");
    assert!(
        stdout.contains("advisories: kensa's table (checked 2026-12-07, CISA KEV as of 2025-08-25)"),
        "{stdout}"
    );
    // An update replaces the damaged copy.
    store_newer(data.path());
}

/// With the newer copy stored, lint names it in every report, adds NET005 for the CVE CISA
/// listed after the table was reviewed, dates NET001's rows, and opens no connection: every
/// proxy variable points at a loopback listener that must see nothing.
#[test]
fn lint_uses_the_newer_copy_and_never_touches_the_network() {
    let data = tempfile::tempdir().unwrap();
    store_newer(data.path());
    let trap = TcpListener::bind("127.0.0.1:0").unwrap();
    trap.set_nonblocking(true).unwrap();
    let proxy = format!("http://{}", trap.local_addr().unwrap());
    let lint = |format: &str| {
        let mut c = kensa(data.path());
        for v in PROXY_VARS {
            c.env(v, &proxy);
        }
        let out = c
            .args([
                "lint",
                "--lang",
                "en",
                "--color",
                "never",
                "--output-format",
                format,
                "samples/fortigate/bad.conf",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let human = lint("human");
    assert!(
        human.contains("advisories: kensa's table (checked 2026-12-07) and CISA KEV 2026.11.20 (released 2026-11-20, downloaded 2026-12-01)"),
        "{human}"
    );
    assert!(human.contains("info[NET005]"), "{human}");
    assert!(
        human.contains("CISA added CVE-2026-99901 (Fortinet FortiOS Example Vulnerability (synthetic test entry)) for FortiOS"),
        "{human}"
    );
    assert!(human.contains("It is known to be used in ransomware campaigns."), "{human}");
    // The PAN-OS entry concerns no device here.
    assert!(!human.contains("CVE-2026-99902"), "{human}");
    assert!(human.contains("(in CISA KEV since 2021-11-03)"), "{human}");

    let json: serde_json::Value = serde_json::from_str(&lint("json")).unwrap();
    let a = &json["advisories"];
    assert_eq!(a["date"], "2026-11-20");
    assert_eq!(a["table"]["checked"], "2026-12-07");
    assert_eq!(a["kev"]["catalog_version"], "2026.11.20");
    assert_eq!(a["kev"]["downloaded"], "2026-12-01T00:00:00Z");
    let sarif: serde_json::Value = serde_json::from_str(&lint("sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["properties"]["advisories"]["kev"]["catalog_version"], "2026.11.20");
    let html = lint("html");
    assert!(
        html.contains("and CISA KEV 2026.11.20 (released 2026-11-20, downloaded 2026-12-01)</p>"),
        "{html}"
    );

    match trap.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("lint connected to the proxy: {other:?}"),
    }
}

/// Over HTTPS (`openssl s_server -WWW` on 127.0.0.1): the server's certificate is checked
/// against the CA bundle the system names (SSL_CERT_FILE here, as for the probe), and a
/// server the bundle does not vouch for is refused like any failed download.
#[test]
fn https_downloads_check_the_server_against_the_system_bundle() {
    let pki = crate::probe_support::Pki::new();
    let issue = |name: &str| {
        let ca_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.distinguished_name.push(rcgen::DnType::CommonName, format!("{name} test CA"));
        ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let leaf = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
        let cert = leaf.signed_by(&key, &ca_cert, &ca_key).unwrap();
        let paths = (
            pki.path(&format!("{name}-ca.pem")),
            pki.path(&format!("{name}.crt")),
            pki.path(&format!("{name}.key")),
        );
        std::fs::write(&paths.0, ca_cert.pem()).unwrap();
        std::fs::write(&paths.1, cert.pem()).unwrap();
        std::fs::write(&paths.2, key.serialize_pem()).unwrap();
        paths
    };
    let (ca, cert, key) = issue("kev");
    let (other_ca, _, _) = issue("other");
    let p = |x: &Path| x.to_str().unwrap().to_string();
    // -WWW serves files under the working directory: the crate root, for the tests.
    let server = crate::probe_support::SServer::start(&["-WWW", "-cert", &p(&cert), "-key", &p(&key)]);
    let url = format!("https://127.0.0.1:{}/tests/fixtures/kev/catalog-2025-08-25.json", server.port);
    let run = |bundle: &Path| {
        let data = tempfile::tempdir().unwrap();
        let out = kensa(data.path())
            .env("SSL_CERT_FILE", bundle)
            .args(["advisories", "update", "--lang", "en", "--url", &url])
            .output()
            .unwrap();
        let stored = data.path().join("kev.json").is_file();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned(), stored)
    };
    let (code, err, stored) = run(&ca);
    assert_eq!(code, Some(0), "{err}");
    assert!(stored);
    let (code, err, stored) = run(&other_ca);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("download failed") && !stored, "{err}");
}

/// Every row of the shipped table survives an update: the KEV entry of its CVE (CISA's own
/// words for NetScaler, PAN-OS, ASA, Junos … in the 2025-08-25 catalogue) is kept under the
/// row's product (FIPS and NDcPP builds are NetScaler to CISA), with the date the row
/// names as `kev_added`.
#[test]
fn every_table_row_keeps_its_kev_entry_through_an_update() {
    let data = tempfile::tempdir().unwrap();
    let (url, _) = serve(vec![Reply::ok(fixture("catalog-2025-08-25-table.json"))]);
    let (code, out, err) = update(data.path(), &url);
    assert_eq!(code, 0, "{out}{err}");
    let kept = stored(data.path());
    let entries = kept["entries"].as_array().unwrap();
    let table = kensa::advisories::table::parse(kensa::advisories::table::TABLE).unwrap();
    for row in &table.advisory {
        let mut product = row.product.trim_end_matches(" FIPS").trim_end_matches(" NDcPP");
        // CISA lists CVE-2024-21762 for FortiOS only (the FortiProxy row has Fortinet's word).
        if (row.cve.as_str(), product) == ("CVE-2024-21762", "FortiProxy") {
            product = "FortiOS";
        }
        let entry = entries
            .iter()
            .find(|e| e["cve"] == row.cve.as_str() && e["product"] == product)
            .unwrap_or_else(|| panic!("{} {product}: no KEV entry kept", row.cve));
        assert_eq!(entry["date_added"].as_str(), row.kev_added.as_deref(), "{} {product}", row.cve);
    }
    // The Junos J-Web chain and the ArcaneDoor pair are among them.
    for (cve, product) in [
        ("CVE-2023-36851", "Junos OS"),
        ("CVE-2024-20359", "ASA"),
        ("CVE-2019-19781", "NetScaler"),
        ("CVE-2025-0108", "PAN-OS"),
    ] {
        assert!(entries.iter().any(|e| e["cve"] == cve && e["product"] == product), "{cve} {product}");
    }
}
