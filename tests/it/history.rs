//! `kensa scan`, `kensa diff` and `kensa history` end to end on loopback servers whose
//! configuration the tests change between scans, and the store's faults: a scan killed
//! midway, two scans at once, a store from a newer kensa, secrets kept out of the store.

use crate::probe_support::{p, Pki, SServer};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `kensa ARGS` in `dir`, with no store or site from the environment.
pub fn kensa(dir: &Path, args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("kensa"))
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("KENSA_DB")
        .env_remove("KENSA_SITE")
        .args(args)
        .output()
        .unwrap()
}

pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `kensa scan ... --output-format json` in `dir`: (exit code, the diff it printed).
fn scan(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["scan", "--output-format", "json", "--timeout-ms", "3000"];
    all.extend_from_slice(args);
    let out = kensa(dir, &all);
    (out.status.code().unwrap(), json(&out))
}

/// The (change, rule, scope) triples of a diff.
fn changes(v: &Value) -> Vec<(String, String, String)> {
    v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["change"].as_str().unwrap().to_string(),
                c["rule"].as_str().unwrap().to_string(),
                c["scope"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(v: &Value, change: &str, rule: &str, scope: &str) -> bool {
    changes(v).iter().any(|(c, r, s)| c == change && r == rule && s == scope)
}

/// YYYY, M, D of a Unix time, for rcgen.
fn ymd(unix: i64) -> (i32, u8, u8) {
    let d = kensa::rules::waiver::date_string(unix);
    let mut it = d.split('-').map(|x| x.parse::<i32>().unwrap());
    (it.next().unwrap(), it.next().unwrap() as u8, it.next().unwrap() as u8)
}

fn inventory(targets: &[(&str, u16)]) -> String {
    targets
        .iter()
        .map(|(name, port)| format!("[[target]]\nname = \"{name}\"\nhost = \"127.0.0.1:{port}\"\nrole = \"PACS viewer\"\n\n"))
        .collect()
}

/// The "done when": a TLS 1.0 server fixed, a new TLS 1.1 one with a certificate
/// near expiry; the diff shows what was resolved and what is new, the calendar the
/// certificate that expires first.
#[test]
fn scans_of_a_changing_site_show_resolved_new_and_the_expiring_certificate() {
    let pki = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    let now = crate::probe_support::now();
    let (long_cert, long_key) = pki.rcgen_ec("long", ymd(now - 86400), ymd(now + 400 * 86400));
    let (near_cert, near_key) = pki.rcgen_ec("near", ymd(now - 86400), ymd(now + 10 * 86400));

    let legacy = SServer::start(&["-cert", p(&long_cert), "-key", p(&long_key), "-tls1", "-cipher", "ALL:@SECLEVEL=0"]);
    let port_a = legacy.port;
    std::fs::write(dir.path().join("kensa.toml"), inventory(&[("portal", port_a)])).unwrap();
    let (code, first) = scan(dir.path(), &[]);
    assert_eq!(code, 1, "a first run with errors exits 1: {first}");
    let a = format!("target:127.0.0.1:{port_a}");
    assert!(has(&first, "new", "TLS001", &a), "{first}");
    assert!(first["from"].is_null());

    // The portal is fixed (TLS 1.3 only, same port); a TLS 1.1 server joins the inventory.
    drop(legacy);
    let _fixed = SServer::start_on(&format!("127.0.0.1:{port_a}"), &["-cert", p(&long_cert), "-key", p(&long_key), "-tls1_3"]);
    let added = SServer::start(&["-cert", p(&near_cert), "-key", p(&near_key), "-tls1_1", "-cipher", "ALL:@SECLEVEL=0"]);
    std::fs::write(
        dir.path().join("kensa.toml"),
        inventory(&[("portal", port_a), ("modality gateway", added.port)]),
    )
    .unwrap();
    let (code, second) = scan(dir.path(), &[]);
    assert_eq!(code, 1, "new errors exit 1: {second}");
    let b = format!("target:127.0.0.1:{}", added.port);
    assert!(has(&second, "resolved", "TLS001", &a), "{second}");
    assert!(has(&second, "new", "TLS001", &b), "{second}");
    assert!(has(&second, "still_open", "TLS007", &a), "{second}");
    assert!(
        !changes(&second).iter().any(|(c, _, s)| c == "new" && *s == a),
        "nothing new on the fixed portal: {second}"
    );
    assert_eq!(second["from"]["id"], first["to"]["id"]);

    // `kensa diff` (the last two complete runs) says the same as the scan did.
    let out = kensa(dir.path(), &["diff", "--output-format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(changes(&json(&out)), changes(&second));

    // JSON Lines: one change per line, no "still open".
    let out = kensa(dir.path(), &["diff", "--output-format", "jsonl"]);
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| l["change"] != "still_open" && l["schema"] == "kensa/change-v1"));
    assert!(lines.iter().any(|l| l["change"] == "resolved" && l["rule"] == "TLS001"));

    // The calendar: the certificate of the new server expires first, in 9 or 10 days.
    let out = kensa(dir.path(), &["history", "certs", "--output-format", "json"]);
    let certs = json(&out);
    let first_cert = &certs["certificates"][0];
    assert_eq!(first_cert["targets"], serde_json::json!([b]), "{certs}");
    let left = first_cert["days_left"].as_i64().unwrap();
    assert!((8..=10).contains(&left), "{certs}");
    assert_eq!(certs["certificates"].as_array().unwrap().len(), 2, "{certs}");

    // Japanese too.
    let out = kensa(dir.path(), &["diff", "--lang", "ja"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("解消") && text.contains("新規") && text.contains("TLS001"), "{text}");
    let out = kensa(dir.path(), &["history", "--output-format", "json"]);
    let runs = json(&out);
    assert_eq!(runs["runs"].as_array().unwrap().len(), 2);
    assert!(runs["runs"].as_array().unwrap().iter().all(|r| r["complete"] == true));
}

/// A target that is down is recorded as such, and its findings are not resolved by it:
/// when it is back, they are still open, not new.
#[test]
fn an_unreachable_target_resolves_nothing() {
    let pki = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    let server = SServer::legacy_tls11(&pki);
    let port = server.port;
    let target = format!("127.0.0.1:{port}");
    let scope = format!("target:{target}");
    let (code, _) = scan(dir.path(), &[&target]);
    assert_eq!(code, 1);
    drop(server);
    let (code, down) = scan(dir.path(), &[&target]);
    assert_eq!(code, 2, "an unreachable target exits 2: {down}");
    assert_eq!(down["summary"]["resolved"], 0, "{down}");
    assert!(has(&down, "not_checked", "TLS001", &scope), "{down}");
    assert_eq!(down["gaps"], serde_json::json!([{"scope": scope, "reason": "unreachable"}]));
    let (cert, key) = (pki.path("legacy.crt"), pki.path("legacy.key"));
    let _back = SServer::start_on(
        &format!("127.0.0.1:{port}"),
        &["-cert", p(&cert), "-key", p(&key), "-tls1_1", "-cipher", "ALL:@SECLEVEL=0"],
    );
    let (code, back) = scan(dir.path(), &[&target]);
    assert_eq!(code, 0, "nothing new when it is back: {back}");
    assert!(has(&back, "still_open", "TLS001", &scope), "{back}");
    assert_eq!(back["summary"]["new"], 0);
    assert_eq!(back["summary"]["returned"], 0);
}

/// A loopback listener that accepts and never answers: a probe of it waits for its deadline.
pub struct Staller {
    pub port: u16,
    pub accepted: std::sync::mpsc::Receiver<()>,
}

impl Staller {
    pub fn start() -> Staller {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for s in listener.incoming().flatten() {
                held.push(s);
                let _ = tx.send(());
            }
        });
        Staller { port, accepted: rx }
    }

    /// Starts `kensa scan` of this listener in `dir` (deadline one minute) and returns once
    /// the scan has connected: its run is stored, incomplete, from then on.
    fn scan_in(&self, dir: &Path) -> std::process::Child {
        let child = Command::new(assert_cmd::cargo::cargo_bin("kensa"))
            .current_dir(dir)
            .env_remove("KENSA_DB")
            .env_remove("KENSA_SITE")
            .args(["scan", "--timeout-ms", "60000", &format!("127.0.0.1:{}", self.port)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.accepted.recv_timeout(std::time::Duration::from_secs(60)).expect("the scan connects");
        child
    }
}

fn integrity(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).unwrap()
}

#[test]
fn a_scan_killed_midway_leaves_an_incomplete_run_and_the_next_scan_works() {
    let pki = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    let server = SServer::legacy_tls11(&pki);
    let target = format!("127.0.0.1:{}", server.port);
    let (code, first) = scan(dir.path(), &[&target]);
    assert_eq!(code, 1);
    let open_before = first["summary"]["new"].as_u64().unwrap();

    let staller = Staller::start();
    let mut child = staller.scan_in(dir.path());
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let db = dir.path().join(".kensa/history.db");
    assert_eq!(integrity(&db), "ok");
    let runs = json(&kensa(dir.path(), &["history", "--output-format", "json"]));
    let runs = runs["runs"].as_array().unwrap().clone();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0]["complete"], true);
    assert_eq!(runs[0]["open_findings"].as_u64(), Some(open_before), "the earlier run is intact");
    assert_eq!(runs[1]["complete"], false);
    assert!(runs[1]["open_findings"].is_null());
    // `diff` never reads the killed run as "everything resolved": it needs two complete runs.
    let out = kensa(dir.path(), &["diff"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("two complete runs"));

    let (code, next) = scan(dir.path(), &[&target]);
    assert_eq!(code, 0, "{next}");
    assert_eq!(next["from"]["id"], runs[0]["id"], "compared with the last complete run");
    assert_eq!(next["summary"]["resolved"], 0);
    assert_eq!(next["summary"]["still_open"].as_u64(), Some(open_before));
}

#[test]
fn a_second_scan_on_the_same_store_stops_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let staller = Staller::start();
    let mut first = staller.scan_in(dir.path());
    let out = kensa(dir.path(), &["scan", "127.0.0.1:9"]);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("another kensa scan") && err.contains("without changing it"), "{err}");
    // Reading the history meanwhile works.
    let out = kensa(dir.path(), &["history", "--output-format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["runs"].as_array().unwrap().len(), 1, "only the first scan's run");
    first.kill().unwrap();
    first.wait().unwrap();
    assert_eq!(integrity(&dir.path().join(".kensa/history.db")), "ok");
}

#[test]
fn a_store_from_a_newer_kensa_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let out = kensa(dir.path(), &["scan", "--db", "h.db", "127.0.0.1:9", "--timeout-ms", "500"]);
    assert_eq!(out.status.code(), Some(2), "port 9 is closed: {}", String::from_utf8_lossy(&out.stderr));
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)", []).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    for args in [
        &["scan", "--db", "h.db", "127.0.0.1:9"][..],
        &["diff", "--db", "h.db"],
        &["history", "--db", "h.db"],
        &["history", "prune", "--keep", "1", "--db", "h.db"],
    ] {
        let out = kensa(dir.path(), args);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("schema version 99") && err.contains("newer kensa"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "the store is not rewritten");
}

/// Configs of a device in the inventory: secrets never reach the store, and a finding keeps
/// its identity when lines move above it.
#[test]
fn device_findings_survive_moved_lines_and_secrets_never_enter_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let canary_password = "Kanary0Pw9xQ";
    let canary_community = "kanaryComm7z";
    let config = format!(
        "hostname core\n!\nenable password {canary_password}\nusername vendor password 0 {canary_password}\nsnmp-server community {canary_community} RW\nline vty 0 4\n transport input telnet\n!\nend\n"
    );
    std::fs::create_dir(dir.path().join("configs")).unwrap();
    std::fs::write(dir.path().join("configs/core.conf"), &config).unwrap();
    std::fs::write(
        dir.path().join("kensa.toml"),
        "[[device]]\nname = \"core router\"\npaths = [\"configs/core.conf\"]\nrole = \"core\"\nowner = \"情報システム課\"\n",
    )
    .unwrap();
    let (code, first) = scan(dir.path(), &[]);
    assert_eq!(code, 1, "{first}");
    let found = first["summary"]["new"].as_u64().unwrap();
    assert!(found >= 3, "{first}");
    assert!(
        first["changes"].as_array().unwrap().iter().all(|c| c["scope"] == "file:configs/core.conf"),
        "{first}"
    );

    // Five lines inserted above: the same findings, nothing new or resolved.
    std::fs::write(dir.path().join("configs/core.conf"), format!("!\n!\n!\n!\n!\n{config}")).unwrap();
    let (code, second) = scan(dir.path(), &[]);
    assert_eq!(code, 0, "{second}");
    assert_eq!(second["summary"]["still_open"].as_u64(), Some(found), "{second}");
    assert_eq!(second["summary"]["new"], 0);
    assert_eq!(second["summary"]["resolved"], 0);
    let moved = second["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["location"].as_str().unwrap().ends_with(":8"));
    assert!(moved, "locations follow the lines: {second}");

    for name in ["history.db", "history.db-wal"] {
        let path = dir.path().join(".kensa").join(name);
        let Ok(bytes) = std::fs::read(&path) else { continue };
        for canary in [canary_password, canary_community] {
            assert!(!bytes.windows(canary.len()).any(|w| w == canary.as_bytes()), "{canary} in {name}");
        }
    }
}

#[test]
fn prune_keeps_the_newest_runs() {
    let pki = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    let server = SServer::legacy_tls11(&pki);
    // Targets from a file, as `kensa probe --targets` takes them.
    std::fs::write(dir.path().join("targets.txt"), format!("# PACS\n127.0.0.1:{}\n", server.port)).unwrap();
    for _ in 0..3 {
        let (code, v) = scan(dir.path(), &["--targets", "targets.txt"]);
        assert_ne!(code, 2, "{v}");
        assert_eq!(v["to"]["targets"], 1);
    }
    let out = kensa(dir.path(), &["history", "prune", "--keep", "2", "--output-format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["runs_removed"], 1);
    let runs = json(&kensa(dir.path(), &["history", "--output-format", "json"]));
    let runs = runs["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    assert!(runs[0]["open_findings"].as_u64().unwrap() > 0, "findings open since the pruned run are kept");
    let out = kensa(dir.path(), &["diff", "--output-format", "json"]);
    assert_eq!(json(&out)["summary"]["new"], 0);
}
