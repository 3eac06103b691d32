//! The fleet store: `--db postgres://...` against a real PostgreSQL server that each test
//! starts itself — `initdb` into a temporary folder and `pg_ctl start` listening only on a
//! Unix socket in that folder (no TCP port). The server binaries come from PG_BINDIR, else
//! `pg_config --bindir`, else /usr/lib/postgresql/*/bin (Debian package `postgresql`).
//! initdb refuses to run as root: as root (CI), the cluster is made and run as `nobody`
//! through `runuser`.

use crate::history::{json, Staller};
use crate::probe_support::{Pki, SServer};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A throwaway PostgreSQL cluster; stopped (immediately) on drop.
struct Pg {
    dir: tempfile::TempDir,
    bindir: PathBuf,
    as_nobody: bool,
}

impl Pg {
    fn start() -> Pg {
        let bindir = server_bindir().unwrap_or_else(|| {
            panic!("PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package `postgresql`, or set PG_BINDIR to their folder")
        });
        let dir = tempfile::tempdir().unwrap();
        // SAFETY: geteuid has no preconditions.
        let as_nobody = unsafe { libc::geteuid() } == 0;
        if as_nobody {
            let st = Command::new("chown").args(["nobody:", dir.path().to_str().unwrap()]).status().unwrap();
            assert!(st.success(), "chown of the cluster folder to nobody");
        }
        let pg = Pg { dir, bindir, as_nobody };
        let data = pg.data();
        pg.run(
            "initdb",
            &["-D", &data, "-U", "kensa", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"],
        );
        let socket_dir = pg.dir.path().to_str().unwrap().to_string();
        let opts = format!("-k {socket_dir} -c listen_addresses= -p 5432 -F");
        let log = pg.dir.path().join("log").to_str().unwrap().to_string();
        pg.run("pg_ctl", &["-D", &data, "-l", &log, "-w", "-o", &opts, "start"]);
        pg
    }

    fn data(&self) -> String {
        self.dir.path().join("data").to_str().unwrap().to_string()
    }

    /// A server tool, run as `nobody` when the tests run as root.
    fn tool(&self, tool: &str) -> Command {
        let exe = self.bindir.join(tool);
        if self.as_nobody {
            let mut c = Command::new("runuser");
            c.args(["-u", "nobody", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        }
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let out = self.tool(tool).args(args).current_dir(self.dir.path()).output().unwrap();
        assert!(
            out.status.success(),
            "{tool} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// `postgresql://kensa@%2Ftmp%2F...:5432/postgres`: the socket folder, percent-encoded.
    fn url(&self) -> String {
        format!("postgresql://kensa@{}:5432/postgres", self.dir.path().to_str().unwrap().replace('/', "%2F"))
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.tool("pg_ctl").args(["-D", &data, "-m", "immediate", "stop"]).output();
    }
}

fn server_bindir() -> Option<PathBuf> {
    let has_initdb = |d: &Path| d.join("initdb").is_file() && d.join("pg_ctl").is_file();
    if let Some(d) = std::env::var_os("PG_BINDIR") {
        return Some(PathBuf::from(d)).filter(|d| has_initdb(d));
    }
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    if let Some(d) = from_pg_config.filter(|d| has_initdb(d)) {
        return Some(d);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|d| has_initdb(d))
        .collect();
    found.sort();
    found.pop()
}

fn kensa(args: &[&str]) -> Output {
    crate::history::kensa(&std::env::temp_dir(), args)
}

fn scan(url: &str, site: &str, target: &str) -> (i32, Value) {
    let out = kensa(&["scan", "--db", url, "--site", site, "--output-format", "json", "--timeout-ms", "3000", target]);
    (out.status.code().unwrap(), json(&out))
}

/// Two hospitals' scanners share one store; each sees only its own runs, changes and
/// certificates. A scan killed midway leaves its run incomplete and its lock released.
#[test]
fn a_fleet_store_keeps_sites_apart_and_survives_a_killed_scan() {
    let pg = Pg::start();
    let url = pg.url();
    let pki = Pki::new();
    let legacy = SServer::legacy_tls11(&pki);
    let a_target = format!("127.0.0.1:{}", legacy.port);
    let (code, a1) = scan(&url, "hospital-a", &a_target);
    assert_eq!(code, 1, "{a1}");
    assert!(a1["summary"]["new"].as_u64().unwrap() > 0);

    // Hospital B's scan hangs on a silent endpoint, then is killed (SIGKILL).
    let staller = Staller::start();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kensa"))
        .args([
            "scan",
            "--db",
            &url,
            "--site",
            "hospital-b",
            "--timeout-ms",
            "60000",
            &format!("127.0.0.1:{}", staller.port),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    staller.accepted.recv_timeout(std::time::Duration::from_secs(60)).expect("the scan connects");
    // Meanwhile: B's second scan stops with a clear message; A scans on.
    let out = kensa(&["scan", "--db", &url, "--site", "hospital-b", "127.0.0.1:9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("another kensa scan"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, a2) = scan(&url, "hospital-a", &a_target);
    assert_eq!(code, 0, "{a2}");
    child.kill().unwrap();
    child.wait().unwrap();

    let runs = |site: &str| json(&kensa(&["history", "--db", &url, "--site", site, "--output-format", "json"]))["runs"].clone();
    let a_runs = runs("hospital-a");
    assert_eq!(a_runs.as_array().unwrap().len(), 2);
    assert!(a_runs.as_array().unwrap().iter().all(|r| r["complete"] == true));
    let b_runs = runs("hospital-b");
    assert_eq!(b_runs.as_array().unwrap().len(), 1);
    assert_eq!(b_runs[0]["complete"], false, "the killed scan's run is incomplete");

    // The lock died with the process: B scans again, and sees only its own findings.
    let fixed = SServer::start(&[
        "-cert",
        pki.path("legacy.crt").to_str().unwrap(),
        "-key",
        pki.path("legacy.key").to_str().unwrap(),
        "-tls1_3",
    ]);
    let (code, b) = scan(&url, "hospital-b", &format!("127.0.0.1:{}", fixed.port));
    assert_eq!(code, 1, "{b}");
    assert!(b["from"].is_null(), "B's first complete run: {b}");
    assert!(
        b["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["scope"] != format!("target:{a_target}").as_str()),
        "{b}"
    );
    let d = json(&kensa(&["diff", "--db", &url, "--site", "hospital-a", "--output-format", "json"]));
    assert_eq!(d["summary"]["still_open"], a1["summary"]["new"], "{d}");
    let certs = json(&kensa(&["history", "certs", "--db", &url, "--site", "hospital-b", "--output-format", "json"]));
    assert_eq!(certs["certificates"].as_array().unwrap().len(), 1, "{certs}");
}

#[test]
fn a_fleet_store_from_a_newer_kensa_is_refused_and_left_unchanged() {
    let pg = Pg::start();
    let url = pg.url();
    let out = kensa(&["scan", "--db", &url, "--timeout-ms", "500", "127.0.0.1:9"]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)", &[]).unwrap();
    let count = |c: &mut postgres::Client| -> i64 {
        c.query_one("SELECT (SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM gaps)", &[])
            .unwrap()
            .get(0)
    };
    let before = count(&mut c);
    let out = kensa(&["scan", "--db", &url, "127.0.0.1:9"]);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("schema version 99") && err.contains("newer kensa"), "{err}");
    assert_eq!(count(&mut c), before, "nothing written");
}
