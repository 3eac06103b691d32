//! Helpers shared by the VPN formats (strongSwan, OpenVPN, WireGuard): defaults with
//! evidence, secret-safe diagnostics, and the file-permission check for key material.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::ParseCx;
use crate::model::{Device, Origin, Setting};
use crate::source::SourceFile;

/// Evidence shown instead of a secret value.
pub const MASK: &str = crate::model::SECRET_MASK;

/// The device a strongSwan file (ipsec.conf, ipsec.secrets, swanctl.conf) describes.
pub fn strongswan_device(src: &SourceFile) -> Device {
    Device {
        product: "strongSwan".into(),
        hostname: None,
        is_network_device: false,
        origin: src.origin(0, 0),
        source_routing: None,
    }
}

/// A setting filled from the product's documented default; the evidence names it.
pub fn dflt<T>(value: T, block: &Origin, note: impl Into<crate::i18n::notes::Note>) -> Setting<T> {
    Setting::default_at(value, block.with_note(note))
}

/// An explicit setting whose evidence must not show the value (`secret = ****`).
pub fn masked_origin(src: &SourceFile, start: usize, end: usize, key: &str, sep: &str) -> Origin {
    src.origin_showing(start, end, &[key, sep, MASK].concat())
}

/// Counts an unrecognised line, showing only its first word: VPN configs put secrets on
/// the same line as their keywords, and a diagnostic must never echo one. A line that is a
/// single word is not shown at all: that is what a key or password continuation line looks
/// like.
pub fn unrecognized_word(cx: &mut ParseCx, src: &SourceFile, offset: usize, line: &str) {
    let mut words = line.split(|c: char| c.is_whitespace() || c == '=' || c == ':').filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    let shown = if words.next().is_some() {
        let word: String = first.chars().take(40).collect();
        format!("{word} ...")
    } else {
        "(one word, not shown)".to_string()
    };
    cx.unrecognized(src, offset, &shown);
}

/// The permission bits of the file behind `src` (the real path when the shown one
/// differs). None when it is not a file on this machine (in-memory text) or the platform
/// has no Unix modes.
fn file_mode(cx: &ParseCx, src: &SourceFile) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = [cx.current_file(), std::path::Path::new(&*src.path)]
            .into_iter()
            .find_map(|p| std::fs::metadata(p).ok().filter(|m| m.is_file()))?;
        Some(meta.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = (cx, src);
        None
    }
}

/// The key-material permission fact for a tunnel whose config holds a key inline: whether
/// every local user can read the file (mode o+r), with the mode as `0644` for evidence.
pub fn key_file_fact(cx: &ParseCx, src: &SourceFile, key_origin: &Origin) -> Option<Setting<bool>> {
    let mode = file_mode(cx, src)?;
    Some(Setting::explicit(
        mode & 0o004 != 0,
        key_origin.with_note(crate::i18n::notes::Note::FileMode(format!("{mode:04o}").into())),
    ))
}

/// `yes`/`no` style booleans of strongSwan and wg-quick.
pub fn yes_no(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" | "1" | "on" | "enable" | "enabled" => Some(true),
        "no" | "false" | "0" | "off" | "disable" | "disabled" => Some(false),
        _ => None,
    }
}

/// Strips one pair of surrounding double or single quotes.
pub fn unquote(v: &str) -> &str {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// Addresses that admit any peer: `%any`, `0.0.0.0/0`, `::/0`, empty.
pub fn is_any_address(list: &str) -> bool {
    let items: Vec<&str> = list.split([',', ' ']).map(str::trim).filter(|s| !s.is_empty()).collect();
    items.is_empty()
        || items.iter().any(|a| {
            matches!(
                a.to_ascii_lowercase().as_str(),
                "%any" | "%any4" | "%any6" | "0.0.0.0/0" | "::/0" | "0.0.0.0" | "::"
            )
        })
}

impl ParseCx {
    /// A warning at an origin already computed (after the source text is gone).
    pub(crate) fn diag_at(&mut self, o: &Origin, kind: DiagKind) {
        self.diag_level_at(DiagLevel::Warning, o, kind);
    }

    /// A diagnostic of any level at an origin already computed.
    pub(crate) fn diag_level_at(&mut self, level: DiagLevel, o: &Origin, kind: DiagKind) {
        if let Some(path) = o.path.clone() {
            self.diags.push(crate::diag::Diagnostic::new(level, &path, o.line, o.column, kind));
        }
    }

    /// Whether a file the config names at `origin` (a CA, certificate, key, DH or list
    /// file) is in the audited tree, resolved as every named path is ([`ParseCx::resolve`]).
    /// When it is not, an information diagnostic at that line says it was not judged, which
    /// marks the input partly judged, as nginx's `ssl_certificate` is. The file is only
    /// looked for, not read (a key file's content is never read).
    ///
    /// The name is shown unless it could be a secret: a word with no `/` and no `.` after a
    /// secret keyword (`key KENSA...` in a file of another syntax read as OpenVPN) is
    /// masked, since kensa cannot tell a file name from a key there.
    pub(crate) fn named_file_present(&mut self, src: &SourceFile, written: &str, origin: &Origin) -> bool {
        let present = self.resolve(src, written).iter().any(|p| crate::memo::is_file(p));
        if !present {
            let keyword = origin.evidence.split_whitespace().next().is_some_and(crate::model::is_secret_keyword);
            let shown = if keyword && !written.contains(['/', '.']) { MASK } else { written };
            let kind = DiagKind::FileReferenced {
                path: shown.to_string(),
                state: "missing".into(),
            };
            self.diag_level_at(DiagLevel::Info, origin, kind);
        }
        present
    }

    /// A certificate file strongSwan reads from its own folder when the path is relative
    /// (ipsec.conf(5) `leftcert`: "relative to /etc/ipsec.d/certs"; swanctl.conf(5)
    /// `certs`/`cacerts`: "relative path from the swanctl x509[ca] directory"), looked for
    /// as [`ParseCx::named_file_present`] does. `%smartcard...` and other `%` values name no
    /// file.
    pub(crate) fn strongswan_file_present(&mut self, src: &SourceFile, written: &str, dir: &str, origin: &Origin) {
        let written = unquote(written.trim());
        if written.is_empty() || written.starts_with('%') {
            return;
        }
        let path = if std::path::Path::new(written).is_absolute() {
            written.to_string()
        } else {
            format!("{dir}/{written}")
        };
        self.named_file_present(src, &path, origin);
    }
}

/// strongSwan identities that stand for "any identity" (`identification_create_from_string`
/// turns these into ID_ANY): `%any`, `%any6`, `*`, `0.0.0.0`, `::`, `0::0`.
pub fn is_any_identity(v: &str) -> bool {
    matches!(unquote(v), "%any" | "%any6" | "*" | "0.0.0.0" | "::" | "0::0")
}
