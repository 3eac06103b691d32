//! Where a model item came from: a place in a file, or a probed target.

use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
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
    /// Where kensa's own note (` (ssl_protocols not set: ...)`) starts in `evidence`; 0 when
    /// there is none. The note is kensa's English, not config text: reports in another
    /// language render it through [`crate::i18n::notes`] (see [`Self::evidence_in`]).
    #[serde(skip)]
    pub note_at: u32,
    /// The notes after `note_at`, typed ([`crate::i18n::notes::Note`]), when a parser gave
    /// any typed note: Japanese is rendered from these, not read back from the English.
    #[serde(skip)]
    pub notes: Option<Arc<[crate::i18n::notes::Note]>>,
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
            note_at: 0,
            notes: None,
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
            note_at: 0,
            notes: None,
        }
    }

    /// The same place with different evidence text (e.g. "server { ... } relies on default").
    pub fn with_evidence(&self, evidence: &str) -> Self {
        Origin {
            evidence: Arc::from(evidence),
            note_at: 0,
            notes: None,
            ..self.clone()
        }
    }

    /// The same place with its evidence followed by ` (note)`: what a default was filled
    /// from ("server { (ssl_protocols not set: nginx default TLSv1.2 TLSv1.3)"). A typed
    /// [`Note`](crate::i18n::notes::Note) is kept beside the English for other languages;
    /// English text (`&str`, `String`) is an untyped note.
    pub fn with_note(&self, note: impl Into<crate::i18n::notes::Note>) -> Self {
        use crate::i18n::notes::Note;
        match note.into() {
            Note::Text(t) => self.with_note_parts(&[&t]),
            typed => {
                // The English goes straight into the evidence, sized first: every default
                // an endpoint relies on gets a note, and growing the text piece by piece
                // showed in profiles (docs/performance.md, session 13).
                let mut len = 0;
                typed.en_pieces(|p| len += p.len());
                let mut o = self.noted(len, |text| typed.en_pieces(|p| text.push_str(p)));
                // The notes before this one, typed or as their English text.
                let mut all: Vec<Note> = match &self.notes {
                    Some(n) => n.to_vec(),
                    None if self.note_at > 0 => earlier_notes(&self.evidence[self.note_at as usize..]),
                    None => Vec::new(),
                };
                all.push(typed);
                o.notes = Some(all.into());
                o
            }
        }
    }

    /// [`Self::with_note`] with the note given in pieces (`["ssl_ciphers", " not set: default ",
    /// "HIGH:!aNULL"]`), joined straight into the evidence: no `format!` and no second copy.
    pub fn with_note_parts(&self, note: &[&str]) -> Self {
        let mut o = self.noted(note.iter().map(|p| p.len()).sum(), |text| note.iter().for_each(|p| text.push_str(p)));
        // A typed list goes on with this note as English text.
        o.notes = self.notes.as_ref().map(|n| {
            let mut all = n.to_vec();
            all.push(crate::i18n::notes::Note::Text(note.concat().into()));
            all.into()
        });
        o
    }

    /// The same place with ` (` + what `write` writes (`note_len` bytes) + `)` after the
    /// evidence, and no typed notes (the callers set them).
    fn noted(&self, note_len: usize, write: impl FnOnce(&mut String)) -> Self {
        let mut text = String::with_capacity(self.evidence.len() + note_len + 3);
        text.push_str(&self.evidence);
        // A second note follows the first: the first one's start still marks where
        // kensa's words begin.
        let note_at = if self.note_at > 0 {
            self.note_at
        } else {
            u32::try_from(text.len()).unwrap_or(0)
        };
        text.push_str(" (");
        write(&mut text);
        text.push(')');
        Origin {
            path: self.path.clone(),
            line: self.line,
            column: self.column,
            span: self.span,
            target: self.target.clone(),
            evidence: Arc::from(text),
            note_at,
            notes: None,
        }
    }

    /// The evidence as a reader of `lang` sees it: the config text as written, followed by
    /// kensa's notes in that language.
    pub fn evidence_in(&self, lang: crate::i18n::Lang) -> std::borrow::Cow<'_, str> {
        let at = self.note_at as usize;
        match (lang, self.evidence.get(..at)) {
            (crate::i18n::Lang::Ja, Some(config)) if at > 0 => std::borrow::Cow::Owned(match &self.notes {
                Some(notes) => format!("{config}{}", crate::i18n::notes::ja_typed(notes)),
                None => format!("{config}{}", crate::i18n::notes::ja(&self.evidence[at..])),
            }),
            // A probe's evidence is kensa's own sentence about what it measured.
            (crate::i18n::Lang::Ja, _) if at == 0 && self.path.is_none() && self.target.is_some() => match crate::i18n::notes::probe_ja(&self.evidence) {
                Some(ja) => std::borrow::Cow::Owned(ja),
                None => std::borrow::Cow::Borrowed(&self.evidence),
            },
            _ => std::borrow::Cow::Borrowed(&self.evidence),
        }
    }
}

/// The English notes ` (a) (b)` as untyped notes, in order.
fn earlier_notes(text: &str) -> Vec<crate::i18n::notes::Note> {
    let inner = text.strip_prefix(" (").and_then(|n| n.strip_suffix(')')).unwrap_or(text);
    inner.split(") (").map(crate::i18n::notes::Note::from).collect()
}

/// Maps byte offsets to 1-based line/column in one source text.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The line of the last lookup. Parsers ask in file order, so the answer is nearly
    /// always that line or the next: two comparisons instead of a binary search over
    /// every line of a large file (a visible cost with one origin per directive). Relaxed
    /// atomics: a stale hint is only a slower lookup, never a wrong one.
    hint: AtomicUsize,
}

impl Clone for LineIndex {
    fn clone(&self) -> Self {
        LineIndex {
            starts: self.starts.clone(),
            hint: AtomicUsize::new(self.hint.load(Relaxed)),
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            hint: AtomicUsize::new(0),
        }
    }

    /// The 0-based line holding a byte offset (`offset` at most the text's length).
    fn line_of(&self, offset: usize) -> usize {
        let s = &self.starts;
        let within = |i: usize| s.get(i).is_some_and(|&a| a <= offset) && s.get(i + 1).is_none_or(|&b| offset < b);
        let hint = self.hint.load(Relaxed);
        let line = if within(hint) {
            hint
        } else if within(hint + 1) {
            hint + 1
        } else {
            match s.binary_search(&offset) {
                Ok(i) => i,
                Err(i) => i - 1,
            }
        };
        self.hint.store(line, Relaxed);
        line
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
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

#[cfg(test)]
mod tests {
    use super::LineIndex;

    /// Line and column by counting from the start: what the index must agree with.
    fn counted(text: &str, offset: usize) -> (u32, u32) {
        let before = &text[..offset];
        let line = before.matches('\n').count() as u32 + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        (line, col)
    }

    proptest::proptest! {
        /// Lookups in any order (the hint helps only in file order) give the counted answer.
        #[test]
        fn line_col_agrees_with_counting(text in "(a{0,3}é?\n){0,12}b{0,3}", picks in proptest::collection::vec(0usize..64, 0..24)) {
            let index = LineIndex::new(&text);
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for p in picks {
                let offset = bounds[p % bounds.len()];
                proptest::prop_assert_eq!(index.line_col(&text, offset), counted(&text, offset));
            }
        }
    }

    #[test]
    fn offsets_past_the_end_clamp_to_the_last_line() {
        let text = "a\nbc\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 3), (2, 2));
        assert_eq!(index.line_col(text, 99), (3, 1));
        assert_eq!(index.line_col(text, 0), (1, 1));
    }
}
