//! Where a report goes: the one owner of the output target, the findings' memory and spill,
//! and streaming.
//!
//! A run opens a [`Sink`] for its output (`-o FILE` or standard output) and format, hands
//! [`Sink::store`] to the job, which pushes each input's findings as they are judged, and
//! ends with [`Sink::finish`], which writes the report. What happens in between is decided
//! here and nowhere else:
//!
//! - **Streaming.** A JSON or SARIF report whose output is a file that can be written again
//!   at an earlier offset (`-o FILE`, or standard output redirected with `>` to a regular
//!   file or `/dev/null`) gets its head when the sink opens and each fragment as it is
//!   pushed. Fragments of files that an input read later turned out to include are then
//!   overwritten with spaces ([`FindingStore::blank_dropped`]), which JSON reads as nothing.
//!   Standard output opened for appending (`>>`) does not stream: positional writes would
//!   land at the end.
//! - **Otherwise** (pipes, terminals, `>>`, the other formats, `--statistics`) the store
//!   keeps fragments in memory and spills past [`store::SPILL_AT`](super::store::SPILL_AT) to
//!   a temporary file; at the end the report writer copies them into the output, spilled
//!   ranges by the kernel straight to the output's descriptor.
//!
//! The `-o` file of a streamed report is created when the sink opens (before the inputs are
//! walked); any other `-o` file when the report is written.

use super::{FindingStore, OutputFormat, ProbedEndpoint, Report};
use crate::formats::ParsedInput;
use crate::i18n::Lang;
use crate::policy::TlsPolicy;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// What a run's report is and where it goes (the command line's output flags).
#[derive(Debug, Clone, Copy)]
pub struct SinkOptions<'a> {
    pub format: OutputFormat,
    pub lang: Lang,
    /// `-o FILE`; standard output when `None`.
    pub path: Option<&'a Path>,
    /// `--color`: `always`, `never`, or anything else for "when standard output is a
    /// terminal and NO_COLOR is not set".
    pub color: &'a str,
    /// `--statistics`: counts per rule instead of the report.
    pub statistics: bool,
    /// The job may stream (lint; a probe run is small and does not).
    pub streamable: bool,
}

/// Why the report could not be written.
#[derive(Debug)]
pub enum SinkError {
    /// The `-o` file could not be created.
    Create(PathBuf, io::Error),
    /// Writing the report (or the temporary file) failed.
    Write(io::Error),
}

impl SinkError {
    /// The reader went away (`kensa lint | head`): not worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, SinkError::Write(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl std::fmt::Display for SinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SinkError::Create(path, e) => write!(f, "{}: {e}", path.display()),
            SinkError::Write(e) => write!(f, "{e}"),
        }
    }
}

impl From<io::Error> for SinkError {
    fn from(e: io::Error) -> Self {
        SinkError::Write(e)
    }
}

/// A run's report on its way out.
pub struct Sink {
    store: FindingStore,
    path: Option<PathBuf>,
    /// The `-o` file, once created.
    file: Option<std::fs::File>,
    statistics: bool,
}

impl Sink {
    /// Opens the sink; a streamed report's `-o` file is created and its head written now.
    pub fn open(opts: SinkOptions, policy: &TlsPolicy) -> Result<Sink, SinkError> {
        let color = match opts.color {
            "always" => true,
            "never" => false,
            _ => opts.path.is_none() && io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        let mut sink = Sink {
            store: FindingStore::new(opts.format, opts.lang, color),
            path: opts.path.map(Path::to_path_buf),
            file: None,
            statistics: opts.statistics,
        };
        if opts.streamable && !opts.statistics && super::streams(opts.format) {
            sink.start_stream(policy)?;
        }
        Ok(sink)
    }

    /// Where the job puts each input's findings.
    pub fn store(&mut self) -> &mut FindingStore {
        &mut self.store
    }

    /// The findings so far (counts, waivers used).
    pub fn findings(&self) -> &FindingStore {
        &self.store
    }

    /// Writes the head of a streamed report and sets the store streaming, when the output
    /// can take it (see the module documentation).
    fn start_stream(&mut self, policy: &TlsPolicy) -> Result<(), SinkError> {
        let target = match &self.path {
            Some(_) => {
                let file = self.create()?;
                file.try_clone().ok()
            }
            None => stdout_file().ok().filter(|f| !appends(f)),
        };
        let Some(mut file) = target else { return Ok(()) };
        let Some(at) = seekable_at(&file) else { return Ok(()) };
        let mut head = Vec::new();
        super::write_head(self.store.format, policy, self.store.lang, &mut head)?;
        file.write_all(&head)?;
        self.store.stream_to(file, at + head.len() as u64);
        Ok(())
    }

    /// Creates (truncates) the `-o` file, once.
    fn create(&mut self) -> Result<&std::fs::File, SinkError> {
        let path = self.path.as_deref().expect("only an -o report has a file");
        if self.file.is_none() {
            let file = std::fs::File::create(path).map_err(|e| SinkError::Create(path.to_path_buf(), e))?;
            self.file = Some(file);
        }
        Ok(self.file.as_ref().expect("created above"))
    }

    /// Writes the report: the tail of a streamed one (then blanks the groups dropped after
    /// they were written), else the whole report with the stored findings copied in.
    pub fn finish(
        &mut self,
        inputs: &[ParsedInput],
        endpoints: &[ProbedEndpoint],
        skipped: &[crate::lint::Skipped],
        policy: &TlsPolicy,
    ) -> Result<(), SinkError> {
        let streamed = self.store.finish_stream();
        let mut file = None;
        if streamed.is_none() {
            if self.path.is_some() {
                self.create()?;
                file = self.file.take();
            }
            // Spilled findings go from the temporary file to the output by the kernel.
            let direct = match &file {
                Some(f) => f.try_clone(),
                None => stdout_file(),
            };
            if let Ok(d) = direct {
                self.store.copy_directly_to(d);
            }
        }
        let report = Report {
            inputs,
            endpoints,
            findings: &self.store,
            policy,
            lang: self.store.lang,
            skipped,
            compliance: None,
        };
        let write = |w: &mut dyn Write| {
            if self.statistics {
                write_statistics(&report, w)
            } else {
                report.write(w)
            }
        };
        match (streamed, file) {
            (Some((out, any)), _) => {
                let mut w = io::BufWriter::with_capacity(1 << 16, out);
                report.write_tail(any, &mut w)?;
                w.flush()?;
                Ok(self.store.blank_dropped(w.get_ref())?)
            }
            (None, Some(f)) => buffered(f, write),
            (None, None) => buffered(io::stdout().lock(), write),
        }
    }
}

/// Writes a report rendered whole (the hand-over report) to `path`, or to standard output.
pub fn write_whole(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), SinkError> {
    match path {
        Some(p) => buffered(std::fs::File::create(p).map_err(|e| SinkError::Create(p.to_path_buf(), e))?, write),
        None => buffered(io::stdout().lock(), write),
    }
}

/// Runs `write` through a 64 KiB buffer over `out`, flushed.
fn buffered(out: impl Write, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), SinkError> {
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    write(&mut w)?;
    Ok(w.flush()?)
}

/// `--statistics`: the count of findings per rule (like ruff's: count, code, name; a JSON
/// array in JSON mode) instead of the report.
fn write_statistics(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    use crate::rules::registry;
    let counts = report.findings.rule_counts();
    let rules = counts.iter().map(|(code, n)| (registry::find(code).map(|r| r.meta), code, n));
    if report.findings.format == OutputFormat::Json {
        let v: Vec<_> = rules
            .map(|(meta, code, n)| serde_json::json!({"code": code, "name": meta.map(|m| m.name.as_str()), "count": n}))
            .collect();
        return writeln!(w, "{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    for (meta, code, n) in rules {
        let (name, severity) = meta.map_or(("", ""), |m| (m.name.as_str(), m.severity.name()));
        writeln!(w, "{n:>5}\t{code:<8}\t{severity:<8}\t{name}")?;
    }
    Ok(())
}

/// Where writing to `file` starts, when the report can be streamed into it: a file that can
/// be written again at an earlier offset (a regular file, /dev/null), not a FIFO.
#[cfg(unix)]
fn seekable_at(file: &std::fs::File) -> Option<u64> {
    use std::io::Seek;
    use std::os::unix::fs::FileTypeExt;
    let kind = file.metadata().ok()?.file_type();
    if !(kind.is_file() || kind.is_char_device()) {
        return None;
    }
    let mut f: &std::fs::File = file;
    f.stream_position().ok()
}

/// Elsewhere reports do not stream: blanking a dropped file needs positional writes.
#[cfg(not(unix))]
fn seekable_at(_: &std::fs::File) -> Option<u64> {
    None
}

/// Whether `file` was opened for appending (its status flags); assumed where unknown.
#[cfg(unix)]
fn appends(file: &std::fs::File) -> bool {
    use std::os::fd::AsRawFd;
    // SAFETY: F_GETFL reads the flags of a descriptor `file` keeps open; no memory is passed.
    let flags = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETFL) };
    flags < 0 || flags & libc::O_APPEND != 0
}

#[cfg(not(unix))]
fn appends(_: &std::fs::File) -> bool {
    true
}

/// A second descriptor for standard output (sharing its offset), for kernel copies.
#[cfg(unix)]
fn stdout_file() -> io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    io::stdout().as_fd().try_clone_to_owned().map(std::fs::File::from)
}

#[cfg(not(unix))]
fn stdout_file() -> io::Result<std::fs::File> {
    Err(io::ErrorKind::Unsupported.into())
}
