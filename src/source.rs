//! Reading input files safely: size limit, binary detection, BOM, UTF-16, Shift_JIS fallback.

use crate::diag::{DiagKind, DiagLevel, Diagnostic};
use crate::model::LineIndex;
use std::path::Path;
use std::sync::Arc;

/// Files larger than this are refused with a diagnostic instead of being read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One decoded source text with its line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as the user gave it (or joined for includes / directory walks).
    pub path: Arc<str>,
    pub text: String,
    pub index: LineIndex,
}

impl SourceFile {
    pub fn from_text(path: &str, text: String) -> Self {
        let index = LineIndex::new(&text);
        SourceFile {
            path: Arc::from(path),
            text,
            index,
        }
    }

    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        self.index.line_col(&self.text, offset)
    }

    /// Number of lines, not counting an empty last line after a final newline.
    pub fn line_count(&self) -> usize {
        let n = self.index.line_count();
        if self.text.ends_with('\n') {
            n - 1
        } else {
            n
        }
    }

    /// Byte offset of `sub` when it is a sub-slice of this file's text.
    pub fn offset_of(&self, sub: &str) -> usize {
        let base = self.text.as_ptr() as usize;
        let p = sub.as_ptr() as usize;
        if p >= base && p <= base + self.text.len() {
            p - base
        } else {
            0
        }
    }
}

/// Reads and decodes a file. Errors come back as a diagnostic for that file; warnings
/// (decoded as Shift_JIS, replaced bytes) come back beside the text. `wait` as for
/// [`open_file`].
pub fn read_source(path: &Path, shown: &str, wait: bool) -> Result<(SourceFile, Vec<Diagnostic>), Diagnostic> {
    let shown: Arc<str> = Arc::from(shown);
    let unreadable = |e: std::io::Error| Diagnostic::file(DiagLevel::Error, &shown, DiagKind::Unreadable { reason: io_reason(&e) });
    // Open first and ask the open file: one path lookup instead of two.
    let (file, meta) = open_file(path, wait).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(Diagnostic::file(
            DiagLevel::Error,
            &shown,
            DiagKind::Unreadable {
                reason: "is a directory".into(),
            },
        ));
    }
    let bytes = read_bounded(file, &meta, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Io(e) => unreadable(e),
        ReadError::TooLarge(bytes) => Diagnostic::file(DiagLevel::Error, &shown, DiagKind::TooLarge { bytes, limit: MAX_FILE_BYTES }),
    })?;
    decode(bytes, shown)
}

/// Why [`read_bounded`] gave up.
pub enum ReadError {
    Io(std::io::Error),
    /// More than the limit: the size the system reports, or what was read past it.
    TooLarge(u64),
}

/// The bytes of an opened file, at most `limit` of them: the reported size is checked
/// first, and the read stops past the limit where the size is not known ahead
/// (`/dev/zero`, a pipe named as input).
pub fn read_bounded(file: std::fs::File, meta: &std::fs::Metadata, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    if meta.len() > limit {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Why a file that is not a regular file is not read (here and for includes).
pub const NOT_REGULAR: &str = "not a regular file (a directory, device, FIFO or socket)";

/// Opens a file to read, with what it is. With `wait` false (a file a config names, or
/// one a directory walk found) the run must never stall on it: only regular files are
/// read, and they are opened without waiting (`O_NONBLOCK`), because some look regular
/// and block forever on `read` (`/proc/kmsg`, found by a fuzzer through `include /**c/*;`).
/// Files named on the command line are waited for: they may be pipes
/// (`kensa lint <(ssh router show running-config)`).
pub fn open_file(path: &Path, wait: bool) -> std::io::Result<(std::fs::File, std::fs::Metadata)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if !wait {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !wait && !meta.is_file() && !meta.is_dir() {
        return Err(std::io::Error::other(NOT_REGULAR));
    }
    Ok((file, meta))
}

/// Decodes bytes already in memory (also used by tests and fuzzers).
pub fn decode(mut bytes: Vec<u8>, shown: Arc<str>) -> Result<(SourceFile, Vec<Diagnostic>), Diagnostic> {
    if let Some(enc) = utf16_encoding(&bytes) {
        return decode_utf16(&bytes, enc, shown);
    }
    if looks_binary(&bytes) {
        return Err(Diagnostic::file(DiagLevel::Error, &shown, DiagKind::Binary));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let mut diags = Vec::new();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.into_bytes();
            let (cow, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
            if !had_errors {
                diags.push(Diagnostic::file(DiagLevel::Info, &shown, DiagKind::DecodedAs { encoding: "Shift_JIS".into() }));
                cow.into_owned()
            } else {
                diags.push(Diagnostic::file(DiagLevel::Warning, &shown, DiagKind::InvalidUtf8));
                String::from_utf8_lossy(&bytes).into_owned()
            }
        }
    };
    let index = LineIndex::new(&text);
    Ok((SourceFile { path: shown, text, index }, diags))
}

/// How a UTF-16 input was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Utf16 {
    /// `FF FE` byte order mark.
    LeBom,
    /// `FE FF` byte order mark.
    BeBom,
    /// No BOM, but the text is `<?xml` in little-endian UTF-16.
    LeGuessed,
}

/// UTF-16 with a BOM, or little-endian UTF-16 without one when the file clearly starts with
/// `<?xml`. That is what Windows PowerShell 5.1 writes for `netsh wlan show profile ... key=clear
/// > profile.xml` or `Out-File` (UTF-16LE with BOM); other tools drop the BOM.
fn utf16_encoding(bytes: &[u8]) -> Option<Utf16> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(Utf16::LeBom)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(Utf16::BeBom)
    } else if bytes.starts_with(b"<\0?\0x\0m\0l\0") {
        Some(Utf16::LeGuessed)
    } else {
        None
    }
}

/// Decodes UTF-16 into UTF-8. Line ends are kept as they are, so lines and columns match the
/// original file. A dangling last byte and unpaired surrogates are warnings at their line
/// (the text is still read, with U+FFFD); input that is not text even as UTF-16 (a random
/// file that happens to start with `FF FE`) is refused as binary, as in the 8-bit path.
fn decode_utf16(bytes: &[u8], enc: Utf16, shown: Arc<str>) -> Result<(SourceFile, Vec<Diagnostic>), Diagnostic> {
    let body = if enc == Utf16::LeGuessed { bytes } else { &bytes[2..] };
    let le = enc != Utf16::BeBom;
    let units = body.chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    if looks_binary_utf16(units.clone().take(4096)) {
        return Err(Diagnostic::file(DiagLevel::Error, &shown, DiagKind::Binary));
    }
    let mut text = String::with_capacity(body.len());
    let (mut line, mut col) = (1u32, 1u32);
    let mut unpaired: Option<(u32, u32, u16)> = None;
    let mut count = 0usize;
    for r in char::decode_utf16(units) {
        let c = match r {
            Ok(c) => c,
            Err(e) => {
                count += 1;
                unpaired.get_or_insert((line, col, e.unpaired_surrogate()));
                '\u{FFFD}'
            }
        };
        text.push(c);
        if c == '\n' {
            line = line.saturating_add(1);
            col = 1;
        } else {
            col = col.saturating_add(1);
        }
    }
    let mut diags = Vec::new();
    if enc == Utf16::LeGuessed {
        diags.push(Diagnostic::file(DiagLevel::Info, &shown, DiagKind::DecodedAs { encoding: "UTF-16LE".into() }));
    }
    if let Some((l, c, unit)) = unpaired {
        diags.push(Diagnostic::new(
            DiagLevel::Warning,
            &shown,
            l,
            c,
            DiagKind::Utf16UnpairedSurrogate { unit, count },
        ));
    }
    if body.len() % 2 == 1 {
        diags.push(Diagnostic::new(DiagLevel::Warning, &shown, line, col, DiagKind::Utf16OddLength));
    }
    let index = LineIndex::new(&text);
    Ok((SourceFile { path: shown, text, index }, diags))
}

/// The UTF-16 counterpart of [`looks_binary`], on the first code units: a NUL, a high share
/// of control characters, or too little ASCII. Every format kensa reads is mostly ASCII
/// keywords and punctuation even with Japanese names in it; random bytes read as UTF-16 are
/// almost all CJK and surrogate code units.
fn looks_binary_utf16(head: impl Iterator<Item = u16>) -> bool {
    let (mut n, mut ascii, mut control) = (0usize, 0usize, 0usize);
    for u in head {
        n += 1;
        if u == 0 {
            return true;
        }
        if u < 0x80 {
            ascii += 1;
        }
        if u < 0x20 && !matches!(u, 0x09 | 0x0A | 0x0D | 0x0C) {
            control += 1;
        }
    }
    n > 0 && (control * 10 > n || ascii * 4 < n)
}

/// NUL bytes or a high share of control characters in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    // Branch-free into byte-sized counters (a chunk of 255 cannot overflow one), so the
    // compiler counts sixteen bytes per step.
    let control: usize = head
        .chunks(255)
        .map(|chunk| {
            let n = chunk
                .iter()
                .fold(0u8, |n, &b| n + u8::from((b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0c)));
            usize::from(n)
        })
        .sum();
    !head.is_empty() && control * 10 > head.len()
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        // A special file opened without waiting (`/proc/kmsg`) that has nothing to give yet.
        std::io::ErrorKind::WouldBlock => "a special file that would wait for data".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_means_a_nul_or_more_than_a_tenth_control_bytes() {
        // 10 control bytes in 100 is text, 11 is not; tabs, line ends and form feeds are text.
        let with = |control: usize| {
            let mut b = vec![b'a'; 100 - control];
            b.extend(std::iter::repeat_n(0x01, control));
            b
        };
        assert!(!looks_binary(&with(10)));
        assert!(looks_binary(&with(11)));
        assert!(!looks_binary(&[b'\t', b'\n', b'\r', 0x0c].repeat(300)));
        assert!(looks_binary(b"text\0"));
        // Past the first 255 bytes the count goes on (the counter is per chunk).
        let mut long = vec![b'a'; 3000];
        long.extend(std::iter::repeat_n(0x1b, 400));
        assert!(looks_binary(&long));
        assert!(!looks_binary(&long[..3300]));
    }

    /// A file a config names is opened without waiting: opening a FIFO for reading blocks
    /// until a writer comes (forever, here) unless `O_NONBLOCK` is given. Regressing hangs.
    #[cfg(unix)]
    #[test]
    fn a_fifo_named_by_a_config_is_refused_without_waiting() {
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("params.conf");
        if !std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available here");
            return;
        }
        let e = read_source(&fifo, "params.conf", false).unwrap_err();
        assert!(
            matches!(&e.kind, DiagKind::Unreadable { reason } if reason.contains("not a regular file")),
            "{e:?}"
        );
        let e = open_file(&fifo, false).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_is_refused_not_read_forever() {
        let e = read_source(Path::new("/dev/zero"), "/dev/zero", true).unwrap_err();
        assert!(matches!(e.kind, DiagKind::TooLarge { .. }), "{e:?}");
    }

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut v = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        v
    }

    #[test]
    fn utf16_with_and_without_bom_decodes_with_lines_kept() {
        let xml = "<?xml version=\"1.0\"?>\r\n<WLANProfile>\r\n\t<name>病棟</name>\r\n</WLANProfile>\r\n";
        let (f, d) = decode(utf16le(xml, true), Arc::from("p.xml")).unwrap();
        assert_eq!(f.text, xml);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(f.line_count(), 4);
        let mut be = vec![0xFE, 0xFF];
        be.extend(xml.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be, Arc::from("p.xml")).unwrap().0.text, xml);
        let (f, d) = decode(utf16le(xml, false), Arc::from("p.xml")).unwrap();
        assert_eq!(f.text, xml);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].level, &d[0].kind),
            (DiagLevel::Info, &DiagKind::DecodedAs { encoding: "UTF-16LE".into() })
        );
    }

    #[test]
    fn broken_utf16_is_a_located_warning_not_a_panic() {
        // A lone high surrogate on line 2, column 3.
        let mut b = utf16le("<a>\n<b", true);
        b.extend(0xD800u16.to_le_bytes());
        b.extend(utf16le("/>\n", false));
        let (f, d) = decode(b.clone(), Arc::from("p.xml")).unwrap();
        assert!(f.text.contains('\u{FFFD}'));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].level, d[0].line, d[0].column), (DiagLevel::Warning, 2, 3));
        assert_eq!(d[0].kind, DiagKind::Utf16UnpairedSurrogate { unit: 0xD800, count: 1 });
        // An odd byte count: the last byte is dropped, the warning is on the last line.
        b.push(b'x');
        let (_, d) = decode(b, Arc::from("p.xml")).unwrap();
        assert_eq!(d.last().map(|x| (&x.kind, x.line)), Some((&DiagKind::Utf16OddLength, 3)));
        // Degenerate inputs.
        for bytes in [vec![0xFF, 0xFE], vec![0xFF, 0xFE, 0x41], vec![0xFE, 0xFF, 0xD8], b"<\0?\0x\0m\0l\0".to_vec()] {
            let _ = decode(bytes, Arc::from("p.xml"));
        }
    }

    #[test]
    fn garbage_behind_a_utf16_bom_is_still_binary() {
        let mut b = vec![0xFF, 0xFE];
        b.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 1));
        assert_eq!(decode(b, Arc::from("x.conf")).unwrap_err().kind, DiagKind::Binary);
        // UTF-16 with NULs in it (e.g. UTF-32 read as UTF-16) is not text either.
        let mut b = vec![0xFF, 0xFE, 0x00, 0x00];
        b.extend(utf16le("server {}", false).iter().flat_map(|&x| [x, 0]));
        assert_eq!(decode(b, Arc::from("x.conf")).unwrap_err().kind, DiagKind::Binary);
    }
}
