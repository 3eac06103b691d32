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
    /// Codes of the rules with at least one finding that is not waived, with how many.
    pub failed_rules: Vec<(&'static str, usize)>,
    /// The waivers (rule, subject) that waived a finding here.
    pub waivers_used: Vec<(String, String)>,
    /// Rules with any finding here, waived or not.
    pub rules_found: usize,
    pub bytes: Vec<u8>,
}

/// Where a group's fragment is and what it counted.
#[derive(Debug)]
struct Group {
    key: Box<str>,
    counts: Summary,
    failed_rules: Vec<(&'static str, usize)>,
    rules_found: usize,
    offset: u64,
    len: usize,
    /// Its place in `pending` while it has not been written to the file.
    pending: usize,
    /// False when the group belongs to a file that another input includes (reported there).
    kept: bool,
    /// Bytes of separator written before it, when the report streams (see [`Live`]).
    lead: u8,
}

/// A report that takes each fragment as it is pushed, instead of the spill: JSON and
/// SARIF written to a file (or /dev/null), whose head does not depend on the run.
///
/// A group dropped later (a file that an input read afterwards turned out to include) is
/// already in the file: [`FindingStore::blank_dropped`] overwrites it, and the separator
/// before the first kept group, with spaces, which JSON reads as nothing. That happens only
/// for a file that is read before its includer and stands on its own as a config; walks
/// visit a directory's files before its subdirectories, where includes usually point.
struct Live {
    /// Unbuffered: fragments are tens of kilobytes, and copying 500 MB of them through a
    /// buffer cost more than a system call each.
    out: std::fs::File,
    /// Offset in the file of the next byte given to `out`.
    at: u64,
    /// A non-empty fragment has been written.
    any: bool,
}

/// The rendered findings of a run, in order, for one output format and language.
pub struct FindingStore {
    pub format: OutputFormat,
    /// The waivers (rule, subject) that waived some finding of the run.
    pub waivers_used: std::collections::BTreeSet<(String, String)>,
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
    /// What goes between two fragments in the report (`,` and a line end in JSON and
    /// SARIF lists). The temporary file holds it before every non-empty fragment, so that a
    /// run of kept groups is one contiguous range to copy.
    sep: &'static [u8],
    /// The file descriptor the report is written to (a file, a pipe, the terminal), when
    /// known: spilled fragments are then copied to it by the kernel (`std::io::copy` uses
    /// `copy_file_range`, `splice` or `sendfile`) instead of read into this process and
    /// written out again. The copy ran alone on one core at the end of every run.
    direct: Option<std::fs::File>,
    live: Option<Live>,
    /// Group offsets are offsets in the output file (the report streamed).
    streamed: bool,
}

impl FindingStore {
    pub fn new(format: OutputFormat, lang: crate::i18n::Lang, color: bool) -> Self {
        FindingStore {
            format,
            waivers_used: Default::default(),
            lang,
            color,
            groups: Vec::new(),
            pending: Vec::new(),
            pending_len: 0,
            pending_bytes: 0,
            flushed: 0,
            file: None,
            spill_at: SPILL_AT,
            sep: match format {
                OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Gitlab => b",\n",
                OutputFormat::Human | OutputFormat::Html | OutputFormat::Junit | OutputFormat::Github => b"",
            },
            direct: None,
            live: None,
            streamed: false,
        }
    }

    /// Streams every fragment pushed from now on to `out` (which has the report's head, and
    /// is a seekable file written at offset `at` onward), each after a line end (`\n`
    /// before the first, the separator before the others). Only for JSON and SARIF.
    pub(super) fn stream_to(&mut self, out: std::fs::File, at: u64) {
        debug_assert!(self.groups.is_empty() && matches!(self.format, OutputFormat::Json | OutputFormat::Sarif));
        self.live = Some(Live { out, at, any: false });
        self.streamed = true;
    }

    /// Ends streaming: the writer (for the report's tail) and whether any fragment was
    /// written. `None` when the store was not streaming.
    pub(super) fn finish_stream(&mut self) -> Option<(std::fs::File, bool)> {
        self.live.take().map(|l| (l.out, l.any))
    }

    /// Overwrites with spaces, in the streamed report `file`, the groups dropped after they
    /// were written, and the separator before the first kept one (see [`Live`]).
    pub(super) fn blank_dropped(&self, file: &std::fs::File) -> io::Result<()> {
        if !self.streamed {
            return Ok(());
        }
        let mut first_kept = true;
        for g in self.groups.iter().filter(|g| g.len > 0) {
            let lead = u64::from(g.lead);
            if !g.kept {
                blank(file, g.offset - lead, lead + g.len as u64)?;
            } else if first_kept {
                first_kept = false;
                // `\n` before it stays; a `,\n` would follow nothing.
                if g.lead as usize == self.sep.len() {
                    blank(file, g.offset - lead, lead)?;
                }
            }
        }
        Ok(())
    }

    /// Copies spilled fragments straight to `out`, a duplicate of the descriptor under the
    /// writer that [`copy_to`](Self::copy_to) gets (they share the file offset): that
    /// writer is flushed before each copy.
    pub(super) fn copy_directly_to(&mut self, out: std::fs::File) {
        self.direct = Some(out);
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
    pub fn push(&mut self, key: &str, mut fragment: Fragment) -> io::Result<()> {
        self.waivers_used.extend(std::mem::take(&mut fragment.waivers_used));
        if let Some(live) = &mut self.live {
            let len = fragment.bytes.len();
            let lead: &[u8] = match (len, live.any) {
                (0, _) => b"",
                (_, false) => b"\n",
                (_, true) => self.sep,
            };
            write_both(&mut live.out, lead, &fragment.bytes)?;
            live.at += (lead.len() + len) as u64;
            live.any |= len > 0;
            self.groups.push(Group {
                key: key.into(),
                counts: fragment.counts,
                failed_rules: fragment.failed_rules,
                rules_found: fragment.rules_found,
                offset: live.at - len as u64,
                len,
                pending: usize::MAX,
                kept: true,
                lead: lead.len() as u8,
            });
            return Ok(());
        }
        let len = fragment.bytes.len();
        // In the stream a non-empty fragment follows its separator.
        let sep = if len > 0 { self.sep.len() as u64 } else { 0 };
        let offset = self.flushed + self.pending_len + sep;
        self.groups.push(Group {
            key: key.into(),
            counts: fragment.counts,
            failed_rules: fragment.failed_rules,
            rules_found: fragment.rules_found,
            offset,
            len,
            pending: self.pending.len(),
            kept: true,
            lead: 0,
        });
        self.pending_len += sep + len as u64;
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
        for fragment in self.pending.iter().filter(|f| !f.is_empty()) {
            file.write_all(self.sep)?;
            file.write_all(fragment)?;
            self.flushed += (self.sep.len() + fragment.len()) as u64;
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
            s.add(&g.counts);
        }
        s
    }

    /// Distinct rules with an unwaived finding in a kept group.
    pub fn failed_rules(&self) -> std::collections::BTreeSet<&'static str> {
        self.groups
            .iter()
            .filter(|g| g.kept)
            .flat_map(|g| g.failed_rules.iter().map(|(code, _)| *code))
            .collect()
    }

    /// JUnit test cases over the kept groups: one per group, one per rule with findings.
    pub fn junit_cases(&self) -> usize {
        self.groups.iter().filter(|g| g.kept).map(|g| 1 + g.rules_found).sum()
    }

    /// Groups and rules with an unwaived finding: JUnit's failed cases.
    pub fn failed_cases(&self) -> usize {
        self.groups.iter().filter(|g| g.kept).map(|g| g.failed_rules.len()).sum()
    }

    /// Unwaived findings per rule over the kept groups (`--statistics`).
    pub fn rule_counts(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let mut counts = std::collections::BTreeMap::new();
        for (code, n) in self.groups.iter().filter(|g| g.kept).flat_map(|g| g.failed_rules.iter()) {
            *counts.entry(*code).or_insert(0) += n;
        }
        counts
    }

    /// Keys of the kept groups, in push order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().filter(|g| g.kept).map(|g| &*g.key)
    }

    /// Copies the kept, non-empty fragments to `w` in push order (or ordered by key), with
    /// the format's separator between two of them. Returns how many were written.
    ///
    /// Fragments in the temporary file that follow each other there (with their separators
    /// between them) are copied as one range: one `sendfile` or `copy_file_range` for a whole
    /// run instead of a flush, two seeks and a copy per input.
    pub fn copy_to(&self, w: &mut dyn Write, by_key: bool) -> io::Result<usize> {
        if self.streamed {
            return Err(io::Error::other("the findings were streamed to the output already"));
        }
        let mut order: Vec<usize> = (0..self.groups.len()).filter(|&i| self.groups[i].kept && self.groups[i].len > 0).collect();
        if by_key {
            order.sort_by(|&a, &b| self.groups[a].key.cmp(&self.groups[b].key));
        }
        let mut at = 0;
        while at < order.len() {
            if at > 0 {
                w.write_all(self.sep)?;
            }
            let first = &self.groups[order[at]];
            if first.offset >= self.flushed {
                w.write_all(&self.pending[first.pending])?;
                at += 1;
                continue;
            }
            let mut end = first.offset + first.len as u64;
            at += 1;
            while let Some(next) = order.get(at).map(|&i| &self.groups[i]) {
                if next.offset >= self.flushed || next.offset != end + self.sep.len() as u64 {
                    break;
                }
                end = next.offset + next.len as u64;
                at += 1;
            }
            self.copy_spilled(w, first.offset, end - first.offset)?;
        }
        Ok(order.len())
    }

    /// Copies `len` bytes of the temporary file from `offset` to `w` (or to the output's
    /// descriptor by the kernel, after flushing `w`).
    fn copy_spilled(&self, w: &mut dyn Write, offset: u64, len: u64) -> io::Result<()> {
        // `&File` reads and seeks without `&mut self`.
        let mut file: &std::fs::File = self.file.as_ref().expect("offsets below `flushed` are in the file");
        file.seek(SeekFrom::Start(offset))?;
        let copied = match self.direct.as_ref() {
            Some(mut out) => {
                w.flush()?;
                io::copy(&mut file.take(len), &mut out)?
            }
            None => io::copy(&mut file.take(len), w)?,
        };
        if copied != len {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "temporary file shorter than written"));
        }
        // The next append must go to the end of the file again.
        file.seek(SeekFrom::End(0))?;
        Ok(())
    }

    /// Whether any kept group has rendered bytes.
    pub fn has_output(&self) -> bool {
        self.groups.iter().any(|g| g.kept && g.len > 0)
    }

    /// Whether any kept, unwaived finding trips the given predicate on its severity.
    pub fn any_severity(&self, trips: impl Fn(Severity) -> bool) -> bool {
        let s = self.summary();
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .any(|sev| s.of(sev) > 0 && trips(sev))
    }
}

/// Writes `a` then `b` with as few system calls as the kernel allows (usually one).
fn write_both(w: &mut std::fs::File, a: &[u8], b: &[u8]) -> io::Result<()> {
    let mut parts = [io::IoSlice::new(a), io::IoSlice::new(b)];
    let mut left = &mut parts[..];
    while left.iter().any(|p| !p.is_empty()) {
        match w.write_vectored(left) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => io::IoSlice::advance_slices(&mut left, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Writes `len` spaces at `offset` of `file`.
#[cfg(unix)]
fn blank(file: &std::fs::File, offset: u64, len: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    let spaces = [b' '; 8192];
    let mut done = 0;
    while done < len {
        let n = (len - done).min(spaces.len() as u64);
        file.write_all_at(&spaces[..n as usize], offset + done)?;
        done += n;
    }
    Ok(())
}

#[cfg(not(unix))]
fn blank(_: &std::fs::File, _: u64, _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
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
        let mut failed_rules: Vec<(&'static str, usize)> = Vec::new();
        let mut waivers_used: Vec<(String, String)> = Vec::new();
        for f in findings {
            if let Some(w) = &f.waiver {
                counts.waived += 1;
                if !waivers_used.iter().any(|(r, s)| *r == w.rule && *s == w.subject) {
                    waivers_used.push((w.rule.clone(), w.subject.clone()));
                }
                continue;
            }
            counts.count(f.severity);
            match failed_rules.iter_mut().find(|(code, _)| *code == f.rule) {
                Some((_, n)) => *n += 1,
                None => failed_rules.push((f.rule, 1)),
            }
        }
        let bytes = match self.format {
            OutputFormat::Json => super::json::fragment(findings, self.lang),
            OutputFormat::Sarif => super::sarif::fragment(findings, self.lang),
            OutputFormat::Human => super::human::fragment(group, findings, self.lang, self.color),
            OutputFormat::Html => super::html::fragment(group, findings, self.lang),
            OutputFormat::Junit => super::junit::fragment(group, findings, self.lang),
            OutputFormat::Github => super::github::fragment(findings, self.lang),
            OutputFormat::Gitlab => super::gitlab::fragment(findings, self.lang),
        };
        let rules: rustc_hash::FxHashSet<&'static str> = findings.iter().map(|f| f.rule).collect();
        Fragment {
            counts,
            failed_rules,
            waivers_used,
            rules_found: rules.len(),
            bytes,
        }
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
            let n = store.copy_to(&mut out, by_key).unwrap();
            (n, String::from_utf8(out).unwrap(), store.file.is_some(), store.pending.len())
        };
        for by_key in [false, true] {
            let (n, expected, spilled, _) = copy(usize::MAX, by_key);
            // In memory: the kept, non-empty texts in order, separated as JSON lists are.
            let mut kept: Vec<&String> = texts.iter().enumerate().filter(|(i, t)| i % 5 != 2 && !t.is_empty()).map(|(_, t)| t).collect();
            if by_key {
                kept.reverse();
            }
            let joined = kept.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(",\n");
            assert!(!spilled && n == kept.len() && expected == joined, "{expected}");
            for spill_at in [1, 10, 50, 200, 700, 1000, 1500] {
                let (m, got, spilled, pending) = copy(spill_at, by_key);
                assert!(spilled, "{spill_at}");
                assert_eq!((m, &got), (n, &expected), "spill at {spill_at}, {pending} pending");
            }
            // Copied by the kernel into a file written through a buffer (the `-o` case): the
            // same bytes, in place between what the buffer wrote before and after.
            for spill_at in [1, 200, 1500] {
                let out = tempfile::tempfile().unwrap();
                let mut store = FindingStore::new(OutputFormat::Json, crate::i18n::Lang::En, false).with_spill_at(spill_at);
                for (i, t) in texts.iter().enumerate() {
                    store.push(&format!("k{:02}", 39 - i), fragment(t)).unwrap();
                }
                store.keep_only(|i| i % 5 != 2);
                store.copy_directly_to(out.try_clone().unwrap());
                let mut w = io::BufWriter::new(out.try_clone().unwrap());
                w.write_all(b"head[").unwrap();
                store.copy_to(&mut w, by_key).unwrap();
                w.write_all(b"]tail").unwrap();
                w.flush().unwrap();
                drop(w);
                let mut got = String::new();
                let mut out = out;
                out.seek(SeekFrom::Start(0)).unwrap();
                out.read_to_string(&mut got).unwrap();
                assert_eq!(got, format!("head[{expected}]tail"), "spill at {spill_at}");
            }
            // At least one threshold leaves groups pending after a spill.
            let pendings: Vec<usize> = [10, 50, 200, 700, 1000, 1500].iter().map(|&s| copy(s, by_key).3).collect();
            assert!(pendings.iter().any(|&p| p > 0), "{pendings:?}");
        }
    }
}
