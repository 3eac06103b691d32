//! Where a model item came from: a place in a file, or a probed target.

use serde::Serialize;
use std::sync::Arc;

/// A location in a config file, or the probe target that was measured.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Origin {
    /// Path as given on the command line (or joined for directory walks and includes).
    pub path: Option<Arc<str>>,
    /// 1-based line and column of the directive; 0 when there is no file.
    pub line: u32,
    pub column: u32,
    /// Byte offsets of the directive in its file.
    pub span: (usize, usize),
    /// `host:port` for probed endpoints.
    pub target: Option<Arc<str>>,
    /// The directive as written, with any secret value masked. Shown as evidence.
    pub evidence: Arc<str>,
}

impl Origin {
    pub fn file(path: Arc<str>, line: u32, column: u32, span: (usize, usize), evidence: impl Into<Arc<str>>) -> Self {
        Origin {
            path: Some(path),
            line,
            column,
            span,
            target: None,
            evidence: evidence.into(),
        }
    }

    pub fn probe(target: &str, evidence: &str) -> Self {
        Origin {
            path: None,
            line: 0,
            column: 0,
            span: (0, 0),
            target: Some(Arc::from(target)),
            evidence: Arc::from(evidence),
        }
    }

    /// The same place with different evidence text (e.g. "server { ... } relies on default").
    pub fn with_evidence(&self, evidence: &str) -> Self {
        Origin {
            evidence: Arc::from(evidence),
            ..self.clone()
        }
    }

    /// The same place with its evidence followed by ` (note)`: what a default was filled
    /// from ("server { (ssl_protocols not set: nginx default TLSv1.2 TLSv1.3)"). Built by
    /// hand: `format!` cost ~1.4k instructions a default, and every endpoint has several.
    pub fn with_note(&self, note: impl AsRef<str>) -> Self {
        let note = note.as_ref();
        let mut text = String::with_capacity(self.evidence.len() + note.len() + 3);
        text.push_str(&self.evidence);
        text.push_str(" (");
        text.push_str(note);
        text.push(')');
        Origin {
            evidence: Arc::from(text),
            ..self.clone()
        }
    }
}

/// Maps byte offsets to 1-based line/column in one source text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let col = text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The text of a 1-based line, without its line end.
    pub fn line_text<'t>(&self, text: &'t str, line: u32) -> &'t str {
        let i = (line as usize).saturating_sub(1);
        let Some(&start) = self.starts.get(i) else {
            return "";
        };
        let end = self.starts.get(i + 1).copied().unwrap_or(text.len());
        text.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }
}
