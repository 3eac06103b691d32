//! Findings, rendered as soon as their input has been judged and kept out of memory.
//!
//! A run over 10,000 files can produce hundreds of thousands of findings and a report several
//! times the size of its input. Holding them as `Finding`s, then as a document tree, then as
//! one string took gigabytes. Instead each group of findings (one input file, one probe
//! target, or kensa.toml) is rendered by the worker that judged it into a byte fragment for
//! the chosen output format; fragments go to a buffer that spills to an anonymous temporary
//! file past [`SPILL_AT`] bytes, and the report writer copies them into the output between
//! the parts it renders itself (header, inputs, summary). Memory then holds the per-input
//! facts and counts, not the findings.

use super::{OutputFormat, Summary};
use crate::rules::{Finding, Severity};
use std::io::{self, Read, Seek, SeekFrom, Write};

/// Rendered bytes kept in memory before they go to the temporary file.
pub const SPILL_AT: usize = 8 << 20;

/// What a fragment renderer may know about the group it renders.
#[derive(Debug, Clone, Copy)]
pub struct GroupCtx<'a> {
    /// Input path, probe target, or the config file's path.
    pub key: &'a str,
    /// Format name of the input (selects format-specific fix text).
    pub format: Option<&'a str>,
    /// Message of the input's first error diagnostic (JUnit reports it as an error case).
    pub error: Option<&'a str>,
}

/// One group's findings, rendered, with the counts the summary and exit code need.
#[derive(Debug, Default)]
pub struct Fragment {
    pub counts: Summary,
    /// Codes of the rules with at least one finding that is not waived.
    pub failed_rules: Vec<&'static str>,
    pub bytes: Vec<u8>,
}

/// Where a group's fragment is and what it counted.
#[derive(Debug)]
struct Group {
    key: Box<str>,
    counts: Summary,
    failed_rules: Vec<&'static str>,
    offset: u64,
    len: usize,
    /// Its place in `pending` while it has not been written to the file.
    pending: usize,
    /// False when the group belongs to a file that another input includes (reported there).
    kept: bool,
}

/// The rendered findings of a run, in order, for one output format and language.
pub struct FindingStore {
    pub format: OutputFormat,
    pub lang: crate::i18n::Lang,
    pub color: bool,
    groups: Vec<Group>,
    /// Fragments not yet written to `file`, kept as rendered (copying each into one buffer
    /// was a visible share of the main thread); together they start at stream offset
    /// `flushed`.
    pending: Vec<Vec<u8>>,
    /// Length of `pending` in the stream, and the memory it holds (allocated bytes, so
    /// the bound is honest).
    pending_len: u64,
    pending_bytes: usize,
    flushed: u64,
    file: Option<std::fs::File>,
    spill_at: usize,
}

impl FindingStore {
    pub fn new(format: OutputFormat, lang: crate::i18n::Lang, color: bool) -> Self {
        FindingStore {
            format,
            lang,
            color,
            groups: Vec::new(),
            pending: Vec::new(),
            pending_len: 0,
            pending_bytes: 0,
            flushed: 0,
            file: None,
            spill_at: SPILL_AT,
        }
    }

    /// Same store with a different spill threshold (tests make it spill at once).
    pub fn with_spill_at(mut self, bytes: usize) -> Self {
        self.spill_at = bytes;
        self
    }

    /// What renders fragments for this store; `Copy`, for worker threads.
    pub fn renderer(&self) -> Renderer {
        Renderer {
            format: self.format,
            lang: self.lang,
            color: self.color,
        }
    }

    /// Renders and appends in one step (callers that are not parallel).
    pub fn add(&mut self, group: GroupCtx, findings: &[Finding]) -> io::Result<()> {
        let fragment = self.renderer().render(group, findings);
        self.push(group.key, fragment)
    }

    /// Appends a rendered group. Errors writing the temporary file are returned (disk full).
    pub fn push(&mut self, key: &str, fragment: Fragment) -> io::Result<()> {
        let offset = self.flushed + self.pending_len;
        let len = fragment.bytes.len();
        self.groups.push(Group {
            key: key.into(),
            counts: fragment.counts,
            failed_rules: fragment.failed_rules,
            offset,
            len,
            pending: self.pending.len(),
            kept: true,
        });
        self.pending_len += len as u64;
        self.pending_bytes += fragment.bytes.capacity();
        self.pending.push(fragment.bytes);
        if self.pending_bytes >= self.spill_at {
            if let Err(e) = self.spill() {
                if self.file.is_some() {
                    return Err(e); // the file exists but cannot take more: disk full
                }
                // No temporary file can be made (read-only or missing TMPDIR): keep going in
                // memory rather than fail the run.
                match self.lang {
                    crate::i18n::Lang::Ja => eprintln!("kensa: 一時ファイルを作成できません ({e})。レポートをメモリ上に保持して続行します"),
                    crate::i18n::Lang::En => eprintln!("kensa: cannot create a temporary file ({e}); keeping the report in memory"),
                }
                self.spill_at = usize::MAX;
            }
        }
        Ok(())
    }

    fn spill(&mut self) -> io::Result<()> {
        if self.file.is_none() {
            self.file = Some(tempfile::tempfile()?);
        }
        let file = self.file.as_mut().expect("created above");
        for fragment in &self.pending {
            file.write_all(fragment)?;
            self.flushed += fragment.len() as u64;
        }
        self.pending.clear();
        self.pending_len = 0;
        self.pending_bytes = 0;
        Ok(())
    }

    /// Drops the groups at the given positions (files reported through an including input).
    pub fn keep_only(&mut self, mut keep: impl FnMut(usize) -> bool) {
        for (i, g) in self.groups.iter_mut().enumerate() {
            g.kept = g.kept && keep(i);
        }
    }

    /// Number of groups pushed (kept or not).
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Counts over the kept groups.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for g in self.groups.iter().filter(|g| g.kept) {
            s.error += g.counts.error;
            s.warning += g.counts.warning;
            s.info += g.counts.info;
            s.waived += g.counts.waived;
        }
        s
    }

    /// Distinct rules with an unwaived finding in a kept group.
    pub fn failed_rules(&self) -> std::collections::BTreeSet<&'static str> {
        self.groups.iter().filter(|g| g.kept).flat_map(|g| g.failed_rules.iter().copied()).collect()
    }

    /// Keys of the kept groups, in push order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().filter(|g| g.kept).map(|g| &*g.key)
    }

    /// Copies the kept, non-empty fragments to `w` in push order (or ordered by key),
    /// writing `sep` between two of them. Returns how many were written.
    pub fn copy_to(&self, w: &mut dyn Write, sep: &[u8], by_key: bool) -> io::Result<usize> {
        let mut order: Vec<usize> = (0..self.groups.len()).filter(|&i| self.groups[i].kept && self.groups[i].len > 0).collect();
        if by_key {
            order.sort_by(|&a, &b| self.groups[a].key.cmp(&self.groups[b].key));
        }
        let mut chunk = vec![0u8; 64 << 10];
        for (n, &i) in order.iter().enumerate() {
            if n > 0 {
                w.write_all(sep)?;
            }
            let (offset, len) = (self.groups[i].offset, self.groups[i].len);
            if offset >= self.flushed {
                w.write_all(&self.pending[self.groups[i].pending])?;
                continue;
            }
            // `&File` reads and seeks without `&mut self`.
            let mut file: &std::fs::File = self.file.as_ref().expect("offsets below `flushed` are in the file");
            file.seek(SeekFrom::Start(offset))?;
            let mut left = len;
            while left > 0 {
                let want = left.min(chunk.len());
                file.read_exact(&mut chunk[..want])?;
                w.write_all(&chunk[..want])?;
                left -= want;
            }
            // The next append must go to the end of the file again.
            file.seek(SeekFrom::End(0))?;
        }
        Ok(order.len())
    }

    /// Whether any kept group has rendered bytes.
    pub fn has_output(&self) -> bool {
        self.groups.iter().any(|g| g.kept && g.len > 0)
    }

    /// Whether any kept, unwaived finding trips the given predicate on its severity.
    pub fn any_severity(&self, trips: impl Fn(Severity) -> bool) -> bool {
        let s = self.summary();
        (s.error > 0 && trips(Severity::Error)) || (s.warning > 0 && trips(Severity::Warning)) || (s.info > 0 && trips(Severity::Info))
    }
}

/// Renders groups of findings for one output format and language.
#[derive(Debug, Clone, Copy)]
pub struct Renderer {
    pub format: OutputFormat,
    pub lang: crate::i18n::Lang,
    pub color: bool,
}

impl Renderer {
    /// One group's findings as a fragment of the report, with their counts. Pure.
    pub fn render(&self, group: GroupCtx, findings: &[Finding]) -> Fragment {
        let mut counts = Summary::default();
        let mut failed_rules: Vec<&'static str> = Vec::new();
        for f in findings {
            if f.waiver.is_some() {
                counts.waived += 1;
                continue;
            }
            match f.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
            if !failed_rules.contains(&f.rule) {
                failed_rules.push(f.rule);
            }
        }
        let bytes = match self.format {
            OutputFormat::Json => super::json::fragment(findings, self.lang),
            OutputFormat::Sarif => super::sarif::fragment(findings, self.lang),
            OutputFormat::Human => super::human::fragment(group, findings, self.lang, self.color),
            OutputFormat::Html => super::html::fragment(findings, self.lang),
            OutputFormat::Junit => super::junit::fragment(group, findings, self.lang),
        };
        Fragment { counts, failed_rules, bytes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fragment(text: &str) -> Fragment {
        let mut bytes = Vec::with_capacity(text.len());
        bytes.extend_from_slice(text.as_bytes());
        Fragment { bytes, ..Fragment::default() }
    }

    /// Spilling at any threshold, with groups partly in the file and partly pending when
    /// the report is written, and dropped or empty groups among them, copies the same
    /// bytes as keeping everything in memory.
    #[test]
    fn spilled_and_pending_groups_copy_as_in_memory() {
        let texts: Vec<String> = (0..40)
            .map(|i| if i % 7 == 3 { String::new() } else { format!("<{i}:{}>", "x".repeat(i * 3)) })
            .collect();
        let copy = |spill_at: usize, by_key: bool| {
            let mut store = FindingStore::new(OutputFormat::Json, crate::i18n::Lang::En, false).with_spill_at(spill_at);
            for (i, t) in texts.iter().enumerate() {
                store.push(&format!("k{:02}", 39 - i), fragment(t)).unwrap();
            }
            store.keep_only(|i| i % 5 != 2);
            let mut out = Vec::new();
            let n = store.copy_to(&mut out, b",", by_key).unwrap();
            (n, String::from_utf8(out).unwrap(), store.file.is_some(), store.pending.len())
        };
        for by_key in [false, true] {
            let (n, expected, spilled, _) = copy(usize::MAX, by_key);
            assert!(!spilled && n > 20 && expected.contains("<39:"), "{expected}");
            for spill_at in [1, 10, 50, 200, 700, 1000, 1500] {
                let (m, got, spilled, pending) = copy(spill_at, by_key);
                assert!(spilled, "{spill_at}");
                assert_eq!((m, &got), (n, &expected), "spill at {spill_at}, {pending} pending");
            }
            // At least one threshold leaves groups pending after a spill.
            let pendings: Vec<usize> = [10, 50, 200, 700, 1000, 1500].iter().map(|&s| copy(s, by_key).3).collect();
            assert!(pendings.iter().any(|&p| p > 0), "{pendings:?}");
        }
    }
}
