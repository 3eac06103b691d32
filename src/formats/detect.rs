//! Format auto-detection: by file name and directory first, then by content. Each format
//! scores the text; the best score above a threshold wins, so a config needs only a couple
//! of characteristic lines to be recognised and a README never is.

use super::Format;
use std::path::Path;

/// Extensions that are never configs kensa reads (certificates, keys, docs, images,
/// archives): a directory walk skips them without opening them.
const NEVER: &[&str] = &[
    "pem", "crt", "cer", "der", "key", "csr", "p12", "pfx", "jks", "md", "rst", "txt.gz", "gz",
    "xz", "zst", "bz2", "zip", "tar", "png", "jpg", "jpeg", "gif", "svg", "pdf", "html", "css",
    "js", "json", "lock", "rs", "py", "sh", "so", "o", "a", "exe", "dll", "bin", "img", "iso",
    "log",
];

/// Could this file be a config at all (without reading it)?
pub fn plausible(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    !NEVER.iter().any(|ext| name.ends_with(&format!(".{ext}")))
}

/// Picks the format of a file, or None when nothing fits well enough.
pub fn detect(path: &Path, text: &str) -> Option<Format> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let full = path.to_string_lossy().to_ascii_lowercase();
    match name.as_str() {
        "nginx.conf" => return Some(Format::Nginx),
        "httpd.conf" | "apache2.conf" | "httpd-ssl.conf" => return Some(Format::Apache),
        "haproxy.cfg" => return Some(Format::Haproxy),
        _ => {}
    }
    // Only the first 64 KiB is sniffed: enough for any header, cheap for a 50 MB file.
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let mut scores = [
        (Format::Nginx, score_nginx(head)),
        (Format::Apache, score_apache(head)),
        (Format::Haproxy, score_haproxy(head)),
    ];
    // Directory names are a hint, not a verdict.
    for (f, s) in scores.iter_mut() {
        let hint = match f {
            Format::Nginx => full.contains("nginx"),
            Format::Apache => full.contains("apache") || full.contains("httpd"),
            Format::Haproxy => full.contains("haproxy"),
        };
        if hint {
            *s += 2;
        }
    }
    scores.sort_by_key(|(_, s)| std::cmp::Reverse(*s));
    let (best, score) = scores[0];
    (score >= 3 && score > scores[1].1).then_some(best)
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn score_nginx(text: &str) -> u32 {
    let mut s: u32 = 0;
    for l in lines(text) {
        let first = l.split_whitespace().next().unwrap_or("");
        if matches!(
            first,
            "server" | "http" | "location" | "upstream" | "stream" | "events"
        ) && l.ends_with('{')
        {
            s += 2;
        } else if l.ends_with(';')
            && (first.starts_with("ssl_")
                || first.starts_with("proxy_")
                || matches!(
                    first,
                    "listen"
                        | "server_name"
                        | "root"
                        | "worker_processes"
                        | "include"
                        | "add_header"
                ))
        {
            s += 1;
        }
        if s > 20 {
            break;
        }
    }
    s
}

fn score_apache(text: &str) -> u32 {
    let mut s: u32 = 0;
    for l in lines(text) {
        let first = l.split_whitespace().next().unwrap_or("");
        if first.starts_with("<VirtualHost")
            || first.starts_with("<IfModule")
            || first.starts_with("<Directory")
            || first.starts_with("</")
        {
            s += 2;
        } else if first.starts_with("SSL")
            || matches!(
                first,
                "ServerName"
                    | "DocumentRoot"
                    | "Listen"
                    | "LoadModule"
                    | "ServerRoot"
                    | "Include"
                    | "IncludeOptional"
                    | "Header"
            )
        {
            s += 1;
        }
        if l.ends_with(';') || l.ends_with('{') {
            s = s.saturating_sub(1);
        }
        if s > 20 {
            break;
        }
    }
    s
}

fn score_haproxy(text: &str) -> u32 {
    let mut s: u32 = 0;
    for l in lines(text) {
        let first = l.split_whitespace().next().unwrap_or("");
        if matches!(
            first,
            "global" | "defaults" | "frontend" | "backend" | "listen"
        ) && !l.ends_with(';')
            && !l.ends_with('{')
        {
            s += 2;
        } else if matches!(
            first,
            "bind" | "mode" | "balance" | "timeout" | "default_backend" | "use_backend" | "maxconn"
        ) || first.starts_with("ssl-default-")
        {
            s += 1;
        }
        if s > 20 {
            break;
        }
    }
    s
}
