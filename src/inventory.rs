//! The site's inventory in kensa.toml: the TLS endpoints `kensa scan` probes (`[[target]]`)
//! and the devices whose configuration files it lints (`[[device]]`).
//!
//! ```toml
//! [[target]]
//! name = "PACS viewer"
//! host = "pacs.example.jp:443"
//! sni = "pacs.example.jp"        # optional: server name to send
//! role = "PACS viewer"           # optional: what it is, shown in reports
//!
//! [[device]]
//! name = "core router"
//! paths = ["configs/rtx1300.conf"]
//! role = "VPN hub"
//! owner = "○○通信 (carrier)"    # optional: who is responsible (13-1 責任分界)
//! ```
//!
//! Each entry is checked when kensa.toml is read, and an error names the line of its
//! `[[target]]` or `[[device]]` header, so a typo stops the run instead of silently leaving
//! an endpoint out of every scheduled scan.

use crate::probe::scan::Target as ProbeTarget;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One endpoint of the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub name: String,
    /// `host[:port]` as `kensa probe` takes it (also `smtp://host:25` and the like).
    pub host: String,
    /// Server name to send instead of the host.
    pub sni: Option<String>,
    pub role: Option<String>,
}

/// One device whose configuration files are linted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Device {
    pub name: String,
    /// Files or directories, relative to the folder of kensa.toml.
    pub paths: Vec<PathBuf>,
    pub role: Option<String>,
    /// Who is responsible for it (an internal team or a carrier).
    pub owner: Option<String>,
}

impl Target {
    /// The target as the probe takes it.
    pub fn parsed(&self) -> Result<ProbeTarget, String> {
        ProbeTarget::parse(&self.host)
    }
}

/// Checks the inventory as read from `text` (the kensa.toml it came from): every target
/// parses as a probe target, names are unique and not empty, every device names a path.
/// Errors name the line of the entry's header.
pub fn validate(text: &str, targets: &[Target], devices: &[Device]) -> Result<(), String> {
    let target_lines = header_lines(text, "[[target]]");
    let device_lines = header_lines(text, "[[device]]");
    let at = |lines: &[u32], i: usize| lines.get(i).map_or_else(String::new, |l| format!("line {l}: "));
    let mut names = std::collections::HashSet::new();
    for (i, t) in targets.iter().enumerate() {
        if t.name.trim().is_empty() {
            return Err(format!("{}[[target]] needs a name", at(&target_lines, i)));
        }
        if !names.insert(("target", t.name.as_str())) {
            return Err(format!("{}[[target]] name {:?} is used twice", at(&target_lines, i), t.name));
        }
        t.parsed().map_err(|e| format!("{}[[target]] {:?}: {e}", at(&target_lines, i), t.name))?;
        if let Some(sni) = &t.sni {
            ProbeTarget::parse(sni).map_err(|e| format!("{}[[target]] {:?} sni: {e}", at(&target_lines, i), t.name))?;
        }
    }
    for (i, d) in devices.iter().enumerate() {
        if d.name.trim().is_empty() {
            return Err(format!("{}[[device]] needs a name", at(&device_lines, i)));
        }
        if !names.insert(("device", d.name.as_str())) {
            return Err(format!("{}[[device]] name {:?} is used twice", at(&device_lines, i), d.name));
        }
        if d.paths.is_empty() {
            return Err(format!("{}[[device]] {:?} names no paths", at(&device_lines, i), d.name));
        }
    }
    Ok(())
}

/// The 1-based line of each `header` (`[[waiver]]`) in `text`, in order.
pub fn header_lines(text: &str, header: &str) -> Vec<u32> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(header))
        .map(|(n, _)| n as u32 + 1)
        .collect()
}

/// A device path as the scan reads it: relative paths are taken from the folder of
/// kensa.toml (`base`), as a site's inventory is written beside its configs.
pub fn device_path(base: Option<&Path>, path: &Path) -> PathBuf {
    match base {
        Some(b) if path.is_relative() && !b.as_os_str().is_empty() => b.join(path),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    #[test]
    fn inventory_is_read_and_bad_entries_name_their_line() {
        let ok = Config::parse(
            "[[target]]\nname = \"PACS\"\nhost = \"127.0.0.1:8443\"\nrole = \"PACS viewer\"\n[[device]]\nname = \"rtx\"\npaths = [\"rtx.conf\"]\nowner = \"carrier\"\n",
        )
        .unwrap();
        assert_eq!(ok.targets[0].name, "PACS");
        assert_eq!(ok.devices[0].owner.as_deref(), Some("carrier"));
        let bad_port = Config::parse("select = []\n\n[[target]]\nname = \"x\"\nhost = \"127.0.0.1:99999\"\n").unwrap_err();
        assert!(bad_port.contains("line 3") && bad_port.contains("port"), "{bad_port}");
        let unknown = Config::parse("[[target]]\nname = \"x\"\nhost = \"a:1\"\nport = 3\n").unwrap_err();
        assert!(unknown.contains("port") && unknown.contains("line"), "{unknown}");
        let twice = Config::parse("[[device]]\nname = \"a\"\npaths = [\"x\"]\n[[device]]\nname = \"a\"\npaths = [\"y\"]\n").unwrap_err();
        assert!(twice.contains("line 4") && twice.contains("twice"), "{twice}");
        let no_paths = Config::parse("[[device]]\nname = \"a\"\npaths = []\n").unwrap_err();
        assert!(no_paths.contains("line 1"), "{no_paths}");
    }
}
