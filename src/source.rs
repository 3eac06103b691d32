//! Reading input files safely: size limit, binary detection, BOM, Shift_JIS fallback.

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
/// (decoded as Shift_JIS, replaced bytes) come back beside the text.
pub fn read_source(path: &Path, shown: &str) -> Result<(SourceFile, Vec<Diagnostic>), Diagnostic> {
    let shown: Arc<str> = Arc::from(shown);
    let meta = std::fs::metadata(path).map_err(|e| Diagnostic::file(DiagLevel::Error, &shown, DiagKind::Unreadable { reason: io_reason(&e) }))?;
    if meta.is_dir() {
        return Err(Diagnostic::file(
            DiagLevel::Error,
            &shown,
            DiagKind::Unreadable {
                reason: "is a directory".into(),
            },
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::file(
            DiagLevel::Error,
            &shown,
            DiagKind::TooLarge {
                bytes: meta.len(),
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::file(DiagLevel::Error, &shown, DiagKind::Unreadable { reason: io_reason(&e) }))?;
    decode(bytes, shown)
}

/// Decodes bytes already in memory (also used by tests and fuzzers).
pub fn decode(mut bytes: Vec<u8>, shown: Arc<str>) -> Result<(SourceFile, Vec<Diagnostic>), Diagnostic> {
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

/// NUL bytes or a high share of control characters in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    !head.is_empty() && control * 10 > head.len()
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
