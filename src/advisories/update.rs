//! `kensa advisories update`: downloads CISA's KEV catalogue, checks it, and keeps the
//! entries for the products kensa knows in the data directory. The old copy stays until
//! the new one is checked and written whole (a temporary file renamed over it).

use super::kev::{self, StoredFeed};
use super::{read_feed, FEED_FILE};
use crate::i18n::Lang;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// CISA's catalogue (https://www.cisa.gov/known-exploited-vulnerabilities-catalog, "JSON").
pub const KEV_URL: &str = "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json";

/// A response larger than this is refused (the catalogue was 1.3 MB in 2025).
const MAX_BODY: usize = 64 << 20;

/// Why an update failed; the stored copy is unchanged in every case.
#[derive(Debug)]
pub enum UpdateError {
    /// No data directory could be determined.
    NoDataDir,
    /// The request failed (connection, TLS, timeout, a body cut off).
    Fetch(String),
    /// The server answered with another status than 200.
    Status(u16),
    /// The body is not a whole, well-formed KEV catalogue.
    Invalid(String),
    /// The catalogue is older than the stored copy.
    Older { new: String, stored: String },
    /// The copy could not be written.
    Write(PathBuf, String),
}

impl UpdateError {
    pub fn message(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let kept = if ja {
            "保存済みの表はそのまま使います"
        } else {
            "the stored table is kept"
        };
        let what = match (self, ja) {
            (UpdateError::NoDataDir, true) => "保存先が決まりません (--data-dir か KENSA_DATA_DIR を指定してください)".to_string(),
            (UpdateError::NoDataDir, false) => "no data directory (give --data-dir or set KENSA_DATA_DIR)".to_string(),
            (UpdateError::Fetch(e), true) => format!("ダウンロードに失敗しました: {e}"),
            (UpdateError::Fetch(e), false) => format!("download failed: {e}"),
            (UpdateError::Status(s), true) => format!("サーバが HTTP {s} を返しました"),
            (UpdateError::Status(s), false) => format!("the server answered HTTP {s}"),
            (UpdateError::Invalid(e), true) => format!("受け取ったデータを KEV カタログとして受け付けられません: {e}"),
            (UpdateError::Invalid(e), false) => format!("refused the download as a KEV catalogue: {e}"),
            (UpdateError::Older { new, stored }, true) => {
                format!("受け取ったカタログ ({new} 公開) は保存済みのもの ({stored} 公開) より古いため使いません")
            }
            (UpdateError::Older { new, stored }, false) => {
                format!("the catalogue received (released {new}) is older than the stored one (released {stored})")
            }
            (UpdateError::Write(p, e), true) => format!("{}: 書き込めません: {e}", p.display()),
            (UpdateError::Write(p, e), false) => format!("{}: cannot write: {e}", p.display()),
        };
        format!("{what}; {kept}")
    }
}

/// What an update kept, and the catalogue it replaced.
#[derive(Debug)]
pub struct Updated {
    pub path: PathBuf,
    pub feed: StoredFeed,
    pub previous: Option<String>,
}

impl Updated {
    pub fn message(&self, lang: Lang) -> String {
        let f = &self.feed;
        let products = {
            let mut p: Vec<&str> = f.entries.iter().map(|e| e.product.as_str()).collect();
            p.sort_unstable();
            p.dedup();
            p.join(", ")
        };
        if lang == Lang::Ja {
            format!(
                "CISA KEV {} ({} 公開、全 {} 件) を取得し、kensa が扱う製品の {} 件 ({products}) を {} に保存しました",
                f.catalog_version,
                f.released_day(),
                f.catalog_count,
                f.entries.len(),
                self.path.display()
            )
        } else {
            format!(
                "downloaded CISA KEV {} (released {}, {} entries) and kept the {} for products kensa knows ({products}) in {}",
                f.catalog_version,
                f.released_day(),
                f.catalog_count,
                f.entries.len(),
                self.path.display()
            )
        }
    }
}

/// Downloads the catalogue at `url`, checks it, and replaces the copy in `dir`.
pub fn update(url: &str, dir: Option<&Path>, now: i64) -> Result<Updated, UpdateError> {
    let dir = dir.ok_or(UpdateError::NoDataDir)?;
    let body = fetch(url)?;
    let catalog = kev::parse_catalog(&body).map_err(UpdateError::Invalid)?;
    let feed = kev::keep(&catalog, url, &crate::report::json::rfc3339(now));
    // A copy that cannot be read is replaced; one that reads is only replaced by a
    // catalogue at least as new (a stale mirror never rolls the table back).
    let previous = read_feed(dir).ok().flatten();
    if let Some(old) = &previous {
        if feed.released_day() < old.released_day() {
            return Err(UpdateError::Older {
                new: feed.released_day().to_string(),
                stored: old.released_day().to_string(),
            });
        }
    }
    let path = store(dir, &feed)?;
    Ok(Updated {
        path,
        feed,
        previous: previous.map(|p| p.catalog_version),
    })
}

/// Writes the copy next to the old one and renames it over it.
fn store(dir: &Path, feed: &StoredFeed) -> Result<PathBuf, UpdateError> {
    let path = dir.join(FEED_FILE);
    let failed = |e: std::io::Error| UpdateError::Write(path.clone(), crate::source::io_reason(&e));
    std::fs::create_dir_all(dir).map_err(failed)?;
    let tmp = dir.join(format!("{FEED_FILE}.{}.tmp", std::process::id()));
    let text = serde_json::to_string_pretty(feed).map_err(|e| UpdateError::Write(path.clone(), e.to_string()))?;
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.write_all(b"\n")?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|_| std::fs::rename(&tmp, &path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(failed(e));
    }
    Ok(path)
}

/// The body of a 200 response, at most [`MAX_BODY`] bytes. Proxies come from the usual
/// environment variables (HTTPS_PROXY, NO_PROXY); HTTPS server certificates are checked
/// against the system's CA bundle, as the probe does (a hospital proxy's CA included).
fn fetch(url: &str) -> Result<Vec<u8>, UpdateError> {
    let fetch_err = |e: reqwest::Error| UpdateError::Fetch(error_chain(&e));
    let roots = match crate::probe::trust::anchors(None) {
        Ok(a) => a.roots(),
        Err(_) => Arc::new(rustls::RootCertStore::empty()),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| UpdateError::Fetch(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let client = reqwest::Client::builder()
        .use_preconfigured_tls(tls)
        .connect_timeout(Duration::from_secs(30))
        .timeout(Duration::from_secs(300))
        .user_agent(concat!("kensa/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(fetch_err)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| UpdateError::Fetch(e.to_string()))?;
    rt.block_on(async {
        let mut resp = client.get(url).send().await.map_err(fetch_err)?;
        if resp.status() != reqwest::StatusCode::OK {
            return Err(UpdateError::Status(resp.status().as_u16()));
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(fetch_err)? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(UpdateError::Invalid(format!("more than {MAX_BODY} bytes")));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    })
}

/// A reqwest error with its causes ("error sending request: connection refused").
fn error_chain(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(c) = source {
        s.push_str(": ");
        s.push_str(&c.to_string());
        source = c.source();
    }
    s
}
