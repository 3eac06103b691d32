//! A real nginx on a free 127.0.0.1 port, with its own prefix, configuration, pid file and
//! temporary paths in a temporary directory (never /etc/nginx), in the foreground
//! (`daemon off`, `-e stderr`); stopped on drop.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Nginx {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

/// The nginx binary, or a failure that says how to install it (tests never install).
fn binary() -> PathBuf {
    let sbin = Path::new("/usr/sbin/nginx");
    if sbin.exists() {
        return sbin.to_path_buf();
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join("nginx"))
        .find(|p| p.exists());
    on_path.unwrap_or_else(|| panic!("nginx is not installed: the probe lab needs it (Debian package nginx-light, which .ci/run installs)"))
}

impl Nginx {
    /// Starts nginx with one `server` listening with TLS on a free port; `directives` go
    /// into that server block (certificates, client verification, headers).
    pub fn start(directives: &str) -> Nginx {
        Self::start_with(directives, "")
    }

    /// [`Nginx::start`] with more `server` blocks after the first (the port's default
    /// server); `PORT` in them is replaced by the port.
    pub fn start_with(directives: &str, more_servers: &str) -> Nginx {
        let bin = binary();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let conf = format!(
            "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log stderr;\n\
             events {{ worker_connections 64; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {d}/tmp;\n  proxy_temp_path {d}/tmp;\n\
               fastcgi_temp_path {d}/tmp;\n  uwsgi_temp_path {d}/tmp;\n  scgi_temp_path {d}/tmp;\n\
               server {{\n    listen 127.0.0.1:{port} ssl;\n    {directives}\n    location / {{ return 200 \"ok\\n\"; }}\n  }}\n{more}}}\n",
            more = more_servers.replace("PORT", &port.to_string())
        );
        std::fs::write(dir.path().join("nginx.conf"), conf).unwrap();
        let log = std::fs::File::create(dir.path().join("stderr.log")).unwrap();
        let mut child = Command::new(&bin)
            .args(["-p", &d, "-c", &format!("{d}/nginx.conf"), "-e", "stderr"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
        // Ready when the port accepts; a dead nginx is a failure with its own words.
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            if let Ok(Some(st)) = child.try_wait() {
                let err = std::fs::read_to_string(dir.path().join("stderr.log")).unwrap_or_default();
                panic!("nginx exited ({st}): {err}");
            }
            assert!(Instant::now() < until, "nginx did not listen on 127.0.0.1:{port}");
            std::thread::sleep(Duration::from_millis(20));
        }
        Nginx { child, port, dir }
    }

    pub fn target(&self, scheme: &str) -> kensa::probe::Target {
        kensa::probe::Target::parse(&format!("{scheme}127.0.0.1:{}", self.port)).unwrap()
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("stderr.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
