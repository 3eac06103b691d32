//! A deterministic generator of realistic config trees for throughput measurements: nginx
//! sites (several `server` blocks, locations, upstream TLS, comments, an occasional shared
//! snippet included by glob), Apache httpd virtual hosts and HAProxy configs, with protocol
//! lists, cipher strings and server counts varied the way real fleets vary.
//!
//! Shared by `benches/lint_throughput.rs` and `examples/gen_corpus.rs` (`#[path]` module).

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "corpus_more.rs"]
pub mod more;

#[path = "corpus_edge.rs"]
pub mod edge;

/// xorshift64*: no dependency, same corpus on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const NGINX_PROTOCOLS: &[&str] = &[
    "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3", // Debian's stock line
    "TLSv1.2 TLSv1.3",
    "TLSv1.2 TLSv1.3",
    "TLSv1.3",
    "TLSv1.2",
    "TLSv1 TLSv1.1 TLSv1.2",
    "SSLv3 TLSv1 TLSv1.1 TLSv1.2",
];

const CIPHER_STRINGS: &[&str] = &[
    "HIGH:!aNULL:!MD5",
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
    "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5:!DSS",
    "ECDHE+AESGCM:+AES128",
    "DEFAULT:@SECLEVEL=1",
    "ALL:!EXPORT:!LOW:!aNULL:!eNULL:!SSLv2",
    "HIGH:MEDIUM:!aNULL:!MD5:!RC4",
    "AES128-SHA:AES256-SHA:DES-CBC3-SHA",
    "EECDH+AESGCM:EDH+AESGCM",
    "kEECDH+aECDSA+AES256:kEECDH+aRSA+AES256:!SHA1:!SHA256:!SHA384",
];

const TLS13_SUITES: &[&str] = &[
    "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256",
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
    "TLS_AES_256_GCM_SHA384",
];

const CURVES: &[&str] = &[
    "X25519:prime256v1:secp384r1",
    "prime256v1",
    "secp384r1",
    "auto",
    "X25519MLKEM768:X25519:prime256v1",
];

const HOSTS: &[&str] = &[
    "portal",
    "emr",
    "pacs",
    "renkei",
    "ris",
    "lis",
    "webmail",
    "intranet",
    "vpn-portal",
    "api",
    "order",
    "dicom-viewer",
    "kensa",
    "yoyaku",
];

const LOCATIONS: &[&str] = &["/", "/api/", "/static/", "/images/", "/dicom/", "/fhir/", "/admin/", "/health", "/ws/"];

/// Which generator wrote a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Nginx,
    Apache,
    Haproxy,
}

/// One nginx site file of roughly `target` bytes: servers are added until it is reached.
pub fn nginx_site(rng: &mut Rng, id: usize, target: usize, snippet: Option<&str>) -> String {
    let mut s = String::with_capacity(target + 2048);
    let _ = writeln!(s, "# /etc/nginx/sites-available/site-{id:05}.conf");
    let _ = writeln!(s, "# 管理: 情報システム課 (内線 {}) — 変更時は変更管理票を起票すること", 2000 + rng.below(999));
    let _ = writeln!(s, "# managed by ansible role nginx-tls, do not edit by hand\n");
    let shared = rng.chance(50);
    if shared {
        let _ = writeln!(s, "ssl_protocols {};", rng.pick(NGINX_PROTOCOLS));
        let _ = writeln!(s, "ssl_ciphers {};", rng.pick(CIPHER_STRINGS));
        let _ = writeln!(s, "ssl_prefer_server_ciphers {};", if rng.chance(60) { "on" } else { "off" });
        let _ = writeln!(s, "ssl_session_cache shared:SSL:10m;\nssl_session_timeout 1d;\nssl_session_tickets off;\n");
    }
    let _ = writeln!(s, "upstream backend_{id} {{");
    for i in 0..(1 + rng.below(4)) {
        let _ = writeln!(
            s,
            "    server 10.{}.{}.{}:8443 max_fails=3 fail_timeout=30s;",
            rng.below(255),
            rng.below(255),
            10 + i
        );
    }
    let _ = writeln!(s, "    keepalive 32;\n}}\n");
    let mut n = 0;
    while s.len() < target || n == 0 {
        let host = rng.pick(HOSTS);
        let name = format!("{host}{n}.site{id}.example-hospital.jp");
        if rng.chance(30) {
            let _ = writeln!(
                s,
                "server {{\n    listen 80;\n    listen [::]:80;\n    server_name {name};\n    return 301 https://$host$request_uri;\n}}\n"
            );
        }
        let _ = writeln!(s, "server {{");
        let _ = writeln!(s, "    listen 443 ssl;\n    listen [::]:443 ssl;");
        if rng.chance(50) {
            let _ = writeln!(s, "    http2 on;");
        }
        let _ = writeln!(s, "    server_name {name} {host}-alt{n}.site{id}.example-hospital.jp;");
        let _ = writeln!(s, "    root /var/www/{host}/{n};\n    index index.html;\n");
        let _ = writeln!(
            s,
            "    ssl_certificate     /etc/nginx/tls/{name}.crt;\n    ssl_certificate_key /etc/nginx/tls/{name}.key;"
        );
        match snippet {
            Some(sn) if rng.chance(40) => {
                let _ = writeln!(s, "    include {sn};");
            }
            _ => {
                if !shared || rng.chance(30) {
                    let _ = writeln!(s, "    ssl_protocols {};", rng.pick(NGINX_PROTOCOLS));
                }
                if rng.chance(70) {
                    let _ = writeln!(s, "    ssl_ciphers '{}';", rng.pick(CIPHER_STRINGS));
                }
                if rng.chance(30) {
                    let _ = writeln!(s, "    ssl_conf_command Ciphersuites {};", rng.pick(TLS13_SUITES));
                }
                if rng.chance(50) {
                    let _ = writeln!(s, "    ssl_ecdh_curve {};", rng.pick(CURVES));
                }
                if rng.chance(20) {
                    let _ = writeln!(s, "    ssl_dhparam /etc/nginx/dhparam-{}.pem;", if rng.chance(50) { 2048 } else { 1024 });
                }
            }
        }
        if rng.chance(40) {
            let _ = writeln!(s, "    ssl_verify_client {};", rng.pick(&["on", "optional", "optional_no_ca", "off"]));
            if rng.chance(70) {
                let _ = writeln!(s, "    ssl_client_certificate /etc/nginx/tls/clients-ca.pem;\n    ssl_verify_depth 2;");
            }
        }
        if rng.chance(60) {
            let _ = writeln!(
                s,
                "    ssl_stapling on;\n    ssl_stapling_verify on;\n    ssl_trusted_certificate /etc/nginx/tls/chain.pem;\n    resolver 127.0.0.53 valid=300s;"
            );
        }
        if rng.chance(60) {
            let _ = writeln!(
                s,
                "    add_header Strict-Transport-Security \"max-age={}; includeSubDomains\" always;",
                rng.pick(&["63072000", "31536000", "86400", "300"])
            );
        }
        let _ = writeln!(s, "    add_header X-Frame-Options DENY;\n    add_header X-Content-Type-Options nosniff;\n");
        let _ = writeln!(s, "    access_log /var/log/nginx/{host}{n}.access.log combined;\n    error_log /var/log/nginx/{host}{n}.error.log warn;\n    client_max_body_size {}m;\n", 1 + rng.below(200));
        for _ in 0..(1 + rng.below(5)) {
            let loc = rng.pick(LOCATIONS);
            let _ = writeln!(s, "    location {loc} {{");
            match rng.below(4) {
                0 => {
                    let _ = writeln!(s, "        proxy_pass https://backend_{id};\n        proxy_http_version 1.1;\n        proxy_set_header Host $host;\n        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n        proxy_set_header X-Forwarded-Proto $scheme;");
                    if rng.chance(60) {
                        let _ = writeln!(s, "        proxy_ssl_verify {};", if rng.chance(60) { "on" } else { "off" });
                        let _ = writeln!(
                            s,
                            "        proxy_ssl_trusted_certificate /etc/nginx/tls/internal-ca.pem;\n        proxy_ssl_server_name on;"
                        );
                    }
                    if rng.chance(40) {
                        let _ = writeln!(s, "        proxy_ssl_protocols {};", rng.pick(NGINX_PROTOCOLS));
                    }
                    if rng.chance(20) {
                        let _ = writeln!(
                            s,
                            "        proxy_ssl_certificate /etc/nginx/tls/gw-client.crt;\n        proxy_ssl_certificate_key /etc/nginx/tls/gw-client.key;"
                        );
                    }
                }
                1 => {
                    let _ = writeln!(s, "        try_files $uri $uri/ =404;\n        expires 7d;");
                }
                2 => {
                    let _ = writeln!(s, "        proxy_pass http://127.0.0.1:{};\n        proxy_read_timeout 300s;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection \"upgrade\";", 3000 + rng.below(5000));
                }
                _ => {
                    let _ = writeln!(s, "        allow 10.0.0.0/8;\n        allow 192.168.0.0/16;\n        deny all;\n        location ~* \\.(png|jpe?g|gif|svg)$ {{\n            expires 30d;\n            access_log off;\n        }}");
                }
            }
            let _ = writeln!(s, "    }}\n");
        }
        let _ = writeln!(s, "}}\n");
        n += 1;
    }
    s
}

/// A shared TLS snippet (`snippets/ssl-params.conf` style).
pub fn nginx_snippet(rng: &mut Rng) -> String {
    format!(
        "# shared TLS parameters\nssl_protocols {};\nssl_ciphers {};\nssl_ecdh_curve {};\nssl_prefer_server_ciphers on;\n",
        rng.pick(NGINX_PROTOCOLS),
        rng.pick(CIPHER_STRINGS),
        rng.pick(CURVES)
    )
}

const APACHE_PROTOCOLS: &[&str] = &[
    "all -SSLv3",
    "all -SSLv3 -TLSv1 -TLSv1.1",
    "-all +TLSv1.3",
    "-all +TLSv1.2 +TLSv1.3",
    "TLSv1.2",
    "all -SSLv2 -SSLv3",
    "+TLSv1 +TLSv1.1 +TLSv1.2",
];

/// One Apache httpd file with virtual hosts until `target` bytes.
pub fn apache_site(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = String::with_capacity(target + 2048);
    let _ = writeln!(
        s,
        "# /etc/apache2/sites-available/site-{id:05}-ssl.conf\n# 電子カルテ関連 Web サーバ (外来棟)\n"
    );
    let _ = writeln!(s, "<IfModule mod_ssl.c>\n    SSLProtocol {}\n    SSLCipherSuite {}\n    SSLHonorCipherOrder on\n    SSLSessionTickets off\n    SSLUseStapling on\n    SSLStaplingCache \"shmcb:logs/ssl_stapling(32768)\"\n</IfModule>\n", rng.pick(APACHE_PROTOCOLS), rng.pick(CIPHER_STRINGS));
    let mut n = 0;
    while s.len() < target || n == 0 {
        let host = rng.pick(HOSTS);
        let name = format!("{host}{n}.site{id}.example-hospital.jp");
        let _ = writeln!(
            s,
            "<VirtualHost *:443>\n    ServerName {name}\n    ServerAdmin webmaster@example-hospital.jp\n    DocumentRoot /var/www/{host}/{n}\n"
        );
        let _ = writeln!(
            s,
            "    SSLEngine on\n    SSLCertificateFile /etc/ssl/certs/{name}.pem\n    SSLCertificateKeyFile /etc/ssl/private/{name}.key"
        );
        if rng.chance(50) {
            let _ = writeln!(s, "    SSLProtocol {}", rng.pick(APACHE_PROTOCOLS));
        }
        if rng.chance(50) {
            let _ = writeln!(s, "    SSLCipherSuite {}", rng.pick(CIPHER_STRINGS));
        }
        if rng.chance(30) {
            let _ = writeln!(s, "    SSLCipherSuite TLSv1.3 {}", rng.pick(TLS13_SUITES));
        }
        if rng.chance(30) {
            let _ = writeln!(s, "    SSLOpenSSLConfCmd Curves {}", rng.pick(CURVES));
        }
        if rng.chance(40) {
            let _ = writeln!(
                s,
                "    SSLVerifyClient {}\n    SSLVerifyDepth 2\n    SSLCACertificateFile /etc/ssl/certs/clients-ca.pem",
                rng.pick(&["require", "optional", "optional_no_ca", "none"])
            );
        }
        if rng.chance(50) {
            let _ = writeln!(s, "    Header always set Strict-Transport-Security \"max-age=63072000; includeSubDomains\"");
        }
        if rng.chance(40) {
            let _ = writeln!(s, "    SSLProxyEngine on\n    SSLProxyVerify {}\n    SSLProxyCACertificateFile /etc/ssl/certs/internal-ca.pem\n    SSLProxyProtocol {}\n    ProxyPass /api/ https://10.{}.{}.5:8443/api/\n    ProxyPassReverse /api/ https://10.{}.{}.5:8443/api/", rng.pick(&["require", "none"]), rng.pick(APACHE_PROTOCOLS), n % 255, id % 255, n % 255, id % 255);
        }
        let _ = writeln!(s, "    <Directory /var/www/{host}/{n}>\n        Options -Indexes +FollowSymLinks\n        AllowOverride None\n        Require all granted\n    </Directory>\n    <Location /admin>\n        Require ip 10.0.0.0/8\n    </Location>\n    ErrorLog ${{APACHE_LOG_DIR}}/{host}{n}-error.log\n    CustomLog ${{APACHE_LOG_DIR}}/{host}{n}-access.log combined\n</VirtualHost>\n");
        n += 1;
    }
    s
}

const HAPROXY_MIN: &[&str] = &["TLSv1.2", "TLSv1.3", "TLSv1.0", "TLSv1.1"];

/// One HAProxy config with frontends/backends until `target` bytes.
pub fn haproxy_cfg(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = String::with_capacity(target + 2048);
    let _ = writeln!(s, "# /etc/haproxy/haproxy.cfg (site {id})\nglobal\n    log /dev/log local0\n    chroot /var/lib/haproxy\n    user haproxy\n    group haproxy\n    daemon\n    maxconn 4096");
    let _ = writeln!(s, "    ssl-default-bind-ciphers {}\n    ssl-default-bind-ciphersuites {}\n    ssl-default-bind-options ssl-min-ver {} no-tls-tickets\n    ssl-default-server-ciphers {}\n", rng.pick(CIPHER_STRINGS), rng.pick(TLS13_SUITES), rng.pick(HAPROXY_MIN), rng.pick(CIPHER_STRINGS));
    let _ = writeln!(s, "defaults\n    mode http\n    log global\n    option httplog\n    option dontlognull\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n");
    let mut n = 0;
    while s.len() < target || n == 0 {
        let host = rng.pick(HOSTS);
        let _ = writeln!(
            s,
            "frontend fe_{host}_{n}\n    bind :{} ssl crt /etc/haproxy/certs/{host}{n}.pem ssl-min-ver {} alpn h2,http/1.1",
            443 + n,
            rng.pick(HAPROXY_MIN)
        );
        if rng.chance(40) {
            let _ = writeln!(
                s,
                "    bind :{} ssl crt /etc/haproxy/certs/{host}{n}.pem ciphers {} verify required ca-file /etc/haproxy/ca/clients.pem",
                9443 + n,
                rng.pick(CIPHER_STRINGS)
            );
        }
        let _ = writeln!(
            s,
            "    http-response set-header Strict-Transport-Security \"max-age=31536000\"\n    default_backend be_{host}_{n}\n"
        );
        let _ = writeln!(s, "backend be_{host}_{n}\n    balance roundrobin\n    option httpchk GET /health");
        for i in 0..(1 + rng.below(4)) {
            let verify = if rng.chance(60) {
                "verify required ca-file /etc/haproxy/ca/internal.pem"
            } else {
                "verify none"
            };
            let _ = writeln!(s, "    server app{i} 10.{}.{}.{}:8443 ssl {verify} check", id % 255, n % 255, 10 + i);
        }
        s.push('\n');
        n += 1;
    }
    s
}

/// Writes about `total_bytes` in `files` files under `dir` (70% nginx, 20% Apache, 10%
/// HAProxy by count; sizes vary 0.25x–1.75x around the mean). Returns bytes written and the
/// file list. About 1 nginx site in 10 includes a shared snippet by glob.
pub fn generate(dir: &Path, total_bytes: usize, files: usize) -> std::io::Result<(u64, Vec<PathBuf>)> {
    let mut rng = Rng::new(0x6b656e7361);
    let mean = (total_bytes / files.max(1)).max(512);
    let mut written = 0u64;
    let mut out = Vec::with_capacity(files);
    let per_dir = 100;
    for i in 0..files {
        let group = i / per_dir;
        let size = mean / 4 + rng.below(mean * 3 / 2 + 1);
        let roll = rng.below(10);
        let (sub, name, text) = if roll < 7 {
            let sub = format!("nginx/g{group:03}");
            let snippet = if rng.chance(10) { Some("snippets/ssl-*.conf") } else { None };
            (sub, format!("site-{i:05}.conf"), nginx_site(&mut rng, i, size, snippet))
        } else if roll < 9 {
            (format!("apache2/g{group:03}"), format!("site-{i:05}-ssl.conf"), apache_site(&mut rng, i, size))
        } else {
            (format!("haproxy/g{group:03}"), format!("haproxy-{i:05}.cfg"), haproxy_cfg(&mut rng, i, size))
        };
        let d = dir.join(&sub);
        std::fs::create_dir_all(&d)?;
        if sub.starts_with("nginx") && !d.join("snippets").exists() {
            std::fs::create_dir_all(d.join("snippets"))?;
            let sn = nginx_snippet(&mut rng);
            written += sn.len() as u64;
            std::fs::write(d.join("snippets/ssl-params.conf"), sn)?;
        }
        let p = d.join(name);
        written += text.len() as u64;
        std::fs::write(&p, text)?;
        out.push(p);
    }
    Ok((written, out))
}

/// The formats of the mixed corpus, by family directory, with their share of the file
/// count (percent) and a generator taking (rng, id, target size).
type Gen = fn(&mut Rng, usize, usize) -> String;
const MIX: &[(&str, &str, &str, usize, Gen)] = &[
    // family, format dir, file name pattern ({} = id), percent, generator
    ("tls", "nginx", "site-{}.conf", 28, |r, i, t| nginx_site(r, i, t, None)),
    ("tls", "apache2", "site-{}-ssl.conf", 8, apache_site),
    ("tls", "haproxy", "haproxy-{}.cfg", 4, haproxy_cfg),
    ("vpn", "swanctl", "site-{}.swanctl.conf", 5, more::swanctl),
    ("vpn", "ipsec", "ipsec-{}.conf", 5, more::ipsec_conf),
    ("vpn", "openvpn", "server-{}.conf", 5, more::openvpn),
    ("vpn", "wireguard", "wg-{}.conf", 5, more::wireguard),
    ("wlan", "hostapd", "hostapd-{}.conf", 5, more::hostapd),
    ("wlan", "wpa_supplicant", "wpa_supplicant-{}.conf", 4, more::wpa_supplicant),
    ("wlan", "networkmanager", "HOSP-{}.nmconnection", 3, |r, i, _| more::nmconnection(r, i)),
    ("wlan", "windows-wlan", "Wi-Fi-HOSP-{}.xml", 3, |r, i, _| more::wlan_xml(r, i)),
    ("router", "fortigate", "FG100F-{}.conf", 10, more::fortios),
    ("router", "yamaha-rtx", "rtx-{}.txt", 8, more::yamaha),
    ("router", "cisco-ios", "rtr-{}-confg", 7, more::cisco),
];

/// The edge devices added with issue 22, in their own family directory `edge` so that
/// their throughput can be set beside the older `router` family's; each has this share
/// (percent) of `files` on top of [`MIX`], drawn from its own generator so the files of
/// the older families stay byte-identical.
const EDGE: &[(&str, &str, usize, Gen)] = &[
    ("nec-ix", "ix-{}.txt", 2, edge::nec_ix),
    ("allied-awplus", "ar-{}.cfg", 2, edge::awplus),
    ("cisco-asa", "asa-{}.cfg", 2, edge::asa),
    ("panos", "pa-{}.conf", 2, edge::panos),
    ("junos", "srx-{}.conf", 2, edge::junos),
    ("netscaler", "ns-{}.conf", 2, edge::netscaler),
];

/// Writes about `total_bytes` in about `files` files of every supported format under
/// `dir/<family>/<format>/gNNN/` (families tls, vpn, wlan, router; shares in [`MIX`]),
/// then the [`EDGE`] formats under `dir/edge/<format>/` (about 12% more files and bytes).
/// One-profile formats (NetworkManager, Windows WLAN) stay small, as they are in real
/// life; the others vary 0.25x–1.75x around the mean. Returns bytes written and the files.
pub fn generate_all(dir: &Path, total_bytes: usize, files: usize) -> std::io::Result<(u64, Vec<PathBuf>)> {
    let mut rng = Rng::new(0x6b65_6e73_6132);
    let mean = (total_bytes / files.max(1)).max(512);
    let mut written = 0u64;
    let mut out = Vec::with_capacity(files);
    let mut i = 0;
    while written < total_bytes as u64 && i < files * 4 {
        let mut roll = rng.below(100);
        let &(family, format, pattern, _, generate) = MIX
            .iter()
            .find(|m| {
                let hit = roll < m.3;
                roll = roll.saturating_sub(m.3);
                hit
            })
            .unwrap_or(&MIX[0]);
        let size = mean / 4 + rng.below(mean * 3 / 2 + 1);
        let text = generate(&mut rng, i, size);
        let d = dir.join(family).join(format).join(format!("g{:03}", i / 100));
        std::fs::create_dir_all(&d)?;
        let p = d.join(pattern.replace("{}", &format!("{i:05}")));
        written += text.len() as u64;
        std::fs::write(&p, text)?;
        out.push(p);
        i += 1;
    }
    let mut rng = Rng::new(0x6b65_6e73_6133);
    for &(format, pattern, percent, generate) in EDGE {
        for k in 0..(files * percent / 100).max(1) {
            let size = mean / 4 + rng.below(mean * 3 / 2 + 1);
            let text = generate(&mut rng, k, size);
            let d = dir.join("edge").join(format).join(format!("g{:03}", k / 100));
            std::fs::create_dir_all(&d)?;
            let p = d.join(pattern.replace("{}", &format!("{k:05}")));
            written += text.len() as u64;
            std::fs::write(&p, text)?;
            out.push(p);
        }
    }
    Ok((written, out))
}

/// One Cisco IOS running-config of at least `lines` lines (issue 6: "a 40,000-line IOS
/// config in well under a second"), written to `dir/rtr-40k-confg`.
pub fn generate_ios_lines(dir: &Path, lines: usize) -> std::io::Result<(u64, Vec<PathBuf>)> {
    let mut rng = Rng::new(40_000);
    let mut target = lines * 30;
    loop {
        let text = more::cisco(&mut rng, 1, target);
        let n = text.lines().count();
        if n >= lines {
            std::fs::create_dir_all(dir)?;
            let p = dir.join("rtr-40k-confg");
            std::fs::write(&p, &text)?;
            return Ok((text.len() as u64, vec![p]));
        }
        target = target * lines / n.max(1) + 1024;
    }
}
