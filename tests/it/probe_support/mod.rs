//! Shared helpers of the probe lab: loopback `openssl s_server`s, certificates, and the
//! expected suite sets computed by `openssl ciphers` (independently of kensa).
#![allow(dead_code)]

pub mod nginx;

use kensa::model::{ClientAuth, TlsEndpoint, TlsVersion};
use kensa::probe::{probe_targets, registry, ProbeOptions, ProbeResult, Target};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running `openssl s_server` on 127.0.0.1; killed on drop.
pub struct SServer {
    child: Child,
    pub port: u16,
}

impl SServer {
    /// Starts `openssl s_server -accept 127.0.0.1:0 <args>` and waits for its ACCEPT line.
    pub fn start(args: &[&str]) -> SServer {
        Self::start_on("127.0.0.1:0", args)
    }

    /// Same on another loopback address (`[::1]:0`).
    pub fn start_on(accept: &str, args: &[&str]) -> SServer {
        let mut child = Command::new("openssl")
            .arg("s_server")
            .args(["-accept", accept])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl s_server");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut port = None;
        for line in lines.by_ref() {
            let Ok(line) = line else { break };
            if let Some(addr) = line.strip_prefix("ACCEPT ") {
                port = addr.rsplit(':').next().and_then(|p| p.trim().parse().ok());
                break;
            }
            // Given a port (a server restarted on the port a test probed before), s_server
            // prints a bare `ACCEPT`.
            if line.trim() == "ACCEPT" {
                port = accept.rsplit(':').next().and_then(|p| p.parse().ok()).filter(|&p: &u16| p != 0);
                break;
            }
        }
        // Keep draining so s_server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let Some(port) = port else {
            let _ = child.kill();
            panic!("s_server {args:?} did not start");
        };
        SServer { child, port }
    }

    /// A legacy server: TLS 1.1 only, every suite (`ALL:@SECLEVEL=0`), a 2048-bit RSA
    /// certificate made in `pki`.
    pub fn legacy_tls11(pki: &Pki) -> SServer {
        let (cert, key) = pki.openssl_rsa("legacy", 2048, "sha256");
        Self::start(&["-cert", p(&cert), "-key", p(&key), "-tls1_1", "-cipher", "ALL:@SECLEVEL=0"])
    }

    pub fn target(&self) -> Target {
        Target::parse(&format!("127.0.0.1:{}", self.port)).unwrap()
    }
}

impl Drop for SServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A directory with certificates made for one test.
pub struct Pki {
    pub dir: tempfile::TempDir,
}

impl Pki {
    pub fn new() -> Pki {
        Pki {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Self-signed RSA certificate for localhost/127.0.0.1 via the openssl CLI.
    pub fn openssl_rsa(&self, name: &str, bits: u32, digest: &str) -> (PathBuf, PathBuf) {
        self.openssl_rsa_subject(name, bits, digest, "/CN=localhost")
    }

    /// [`Pki::openssl_rsa`] with another subject (`/CN=localhost/O=...`).
    pub fn openssl_rsa_subject(&self, name: &str, bits: u32, digest: &str, subject: &str) -> (PathBuf, PathBuf) {
        let (cert, key) = (self.path(&format!("{name}.crt")), self.path(&format!("{name}.key")));
        let st = Command::new("openssl")
            .args(["req", "-x509", "-newkey", &format!("rsa:{bits}"), "-nodes", &format!("-{digest}")])
            .args(["-days", "30", "-subj", subject, "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(st.success());
        (cert, key)
    }

    /// ECDSA P-256 certificate by rcgen, valid between two (year, month, day) dates.
    pub fn rcgen_ec(&self, name: &str, not_before: (i32, u8, u8), not_after: (i32, u8, u8)) -> (PathBuf, PathBuf) {
        let mut p = rcgen::CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
        p.distinguished_name.push(rcgen::DnType::CommonName, "localhost");
        p.not_before = rcgen::date_time_ymd(not_before.0, not_before.1, not_before.2);
        p.not_after = rcgen::date_time_ymd(not_after.0, not_after.1, not_after.2);
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let c = p.self_signed(&key).unwrap();
        let (cert, keyf) = (self.path(&format!("{name}.crt")), self.path(&format!("{name}.key")));
        std::fs::write(&cert, c.pem()).unwrap();
        std::fs::write(&keyf, key.serialize_pem()).unwrap();
        (cert, keyf)
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

pub fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// IANA names `openssl ciphers` lists for a cipher string at one version, optionally
/// limited to suites an RSA certificate (or none) can serve.
pub fn openssl_suites(version_flag: &str, cipher: &str, rsa_only: bool) -> BTreeSet<String> {
    let out = Command::new("openssl")
        .args(["ciphers", "-v", "-stdname", "-s", version_flag, cipher])
        .output()
        .unwrap();
    assert!(out.status.success(), "openssl ciphers {cipher}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| {
            !rsa_only || {
                let au = l.split_whitespace().find(|f| f.starts_with("Au=")).unwrap_or("");
                let kx = l.split_whitespace().find(|f| f.starts_with("Kx=")).unwrap_or("");
                matches!(au, "Au=RSA" | "Au=None" | "Au=any") && !kx.contains("PSK") && !kx.contains("SRP")
            }
        })
        .map(|l| l.split(" - ").next().unwrap().trim().to_string())
        .collect()
}

/// TLS 1.3 suites an `-ciphersuites` string enables.
pub fn tls13_suites(list: &str) -> BTreeSet<String> {
    list.split(':').map(str::to_string).collect()
}

pub fn probe(target: Target, opts: &ProbeOptions) -> ProbeResult {
    let mut r = probe_targets(&[target], opts, None);
    r.pop().unwrap()
}

pub fn opts() -> ProbeOptions {
    ProbeOptions {
        sni: None,
        concurrency: 4,
        timeout_ms: 5000,
        ..ProbeOptions::default()
    }
}

pub fn endpoint(r: &ProbeResult) -> &TlsEndpoint {
    match &r.endpoint {
        Some(e) => e,
        None => panic!("{}: no endpoint: {:?}", r.target, r.error),
    }
}

/// Accepted suites per version, by IANA name.
pub fn suites(ep: &TlsEndpoint) -> BTreeMap<TlsVersion, BTreeSet<String>> {
    ep.cipher_suites
        .iter()
        .map(|(v, s)| (*v, s.value.iter().map(|&c| registry::suite_name(c)).collect()))
        .collect()
}

pub fn ordered(ep: &TlsEndpoint, v: TlsVersion) -> Vec<String> {
    ep.cipher_suites[&v].value.iter().map(|&c| registry::suite_name(c)).collect()
}

pub fn client_auth(ep: &TlsEndpoint) -> ClientAuth {
    ep.client_auth.as_ref().expect("client_auth measured").value
}

/// The rules that fire on one probed endpoint (built-in policy, today), each once, sorted.
pub fn rules_on(ep: &TlsEndpoint) -> Vec<&'static str> {
    let model = kensa::model::Model {
        tls_endpoints: vec![ep.clone()],
        ..Default::default()
    };
    let found: BTreeSet<&'static str> = kensa::rules::Engine::new(kensa::policy::TlsPolicy::builtin(), now())
        .check(&model)
        .iter()
        .map(|f| f.rule)
        .collect();
    found.into_iter().collect()
}

pub fn every_origin_is_the_probe(ep: &TlsEndpoint, target: &str) {
    let mut origins = vec![&ep.origin, &ep.versions.origin];
    origins.extend(ep.cipher_suites.values().map(|s| &s.origin));
    origins.extend(ep.groups.iter().map(|s| &s.origin));
    origins.extend(ep.client_auth.iter().map(|s| &s.origin));
    origins.extend(ep.server_preference.iter().map(|s| &s.origin));
    origins.extend(ep.certificates.iter().map(|c| &c.origin));
    for o in origins {
        assert_eq!(o.target.as_deref(), Some(target));
        assert!(o.path.is_none());
        assert!(!o.evidence.is_empty());
    }
}

/// A loopback server on its own thread and tokio runtime that runs `serve` on every
/// accepted connection; stopped on drop.
pub struct TaskServer {
    pub port: u16,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TaskServer {
    pub fn start<F, Fut>(serve: F) -> TaskServer
    where
        F: Fn(tokio::net::TcpStream) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        std_listener.set_nonblocking(true).unwrap();
        let port = std_listener.local_addr().unwrap().port();
        let (tx, mut rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(std_listener).unwrap();
                loop {
                    tokio::select! {
                        _ = &mut rx => break,
                        a = listener.accept() => {
                            if let Ok((tcp, _)) = a {
                                tokio::spawn(serve(tcp));
                            }
                        }
                    }
                }
            });
        });
        TaskServer {
            port,
            stop: Some(tx),
            thread: Some(thread),
        }
    }
}

impl Drop for TaskServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
