//! Reports: for people (terminal, HTML) and machines (JSON "kensa/v1", SARIF 2.1.0, JUnit).
//! Every format is built from the same [`Report`]; none prints a secret, because the model
//! holds none and evidence is masked at parse time.

pub mod checklist;
pub mod compliance;
pub mod github;
pub mod gitlab;
pub mod handover;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod pretty;
pub mod probe_view;
pub mod sarif;
pub mod sink;
pub mod store;

use crate::diag::{DiagLevel, Diagnostic};
use crate::formats::ParsedInput;
use crate::i18n::Lang;
use crate::model::TlsEndpoint;
use crate::policy::TlsPolicy;
use crate::rules::{Finding, Severity};
pub use sink::{Sink, SinkError, SinkOptions};
use std::io::{self, Write};
pub use store::{FindingStore, Fragment, GroupCtx};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
    Junit,
    Html,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// A probed endpoint with the measurement facts reports show beside the model.
#[derive(Debug, Clone)]
pub struct ProbedEndpoint {
    pub target: String,
    pub endpoint: Option<TlsEndpoint>,
    pub handshakes: u32,
    pub elapsed_ms: u64,
    /// Why nothing was measured, rendered in the report's language.
    pub error: Option<crate::probe::ProbeFailure>,
    /// The failure may be for want of a server name: the report suggests `--sni NAME`.
    pub try_sni: bool,
    /// What the probe noted beside the model (undecided checks, HSTS not judged, ...).
    pub notes: Vec<String>,
}

/// Everything one run produced.
pub struct Report<'a> {
    pub inputs: &'a [ParsedInput],
    pub endpoints: &'a [ProbedEndpoint],
    /// Findings, already rendered for the output format the store was made for.
    pub findings: &'a FindingStore,
    pub policy: &'a TlsPolicy,
    pub lang: Lang,
    /// Files found in directories and left out (no config kensa reads), listed in JSON
    /// and counted in every summary.
    pub skipped: &'a [crate::lint::Skipped],
    /// The hand-over report's clause matrix, checklist and waivers (`kensa report --json`;
    /// [`handover::Handover::compliance_json`]); JSON only.
    pub compliance: Option<&'a serde_json::Value>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub waived: usize,
}

impl Summary {
    /// Unwaived findings of severity `s`.
    pub fn of(&self, s: Severity) -> usize {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }

    /// Counts one unwaived finding of severity `s`.
    pub fn count(&mut self, s: Severity) {
        let slot = match s {
            Severity::Error => &mut self.error,
            Severity::Warning => &mut self.warning,
            Severity::Info => &mut self.info,
        };
        *slot += 1;
    }

    /// Adds another group's counts.
    pub fn add(&mut self, other: &Summary) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
        self.waived += other.waived;
    }
}

impl Report<'_> {
    pub fn summary(&self) -> Summary {
        self.findings.summary()
    }

    /// Input diagnostics, all inputs, in order.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.inputs.iter().flat_map(|i| i.diagnostics.iter())
    }

    pub fn failed_inputs(&self) -> usize {
        failed_count(self.inputs, self.endpoints)
    }

    /// Writes the report in the store's output format.
    pub fn write(&self, w: &mut dyn Write) -> io::Result<()> {
        match self.findings.format {
            OutputFormat::Human => human::write(self, w),
            OutputFormat::Json | OutputFormat::Sarif => {
                write_head(self.findings.format, self.policy, self.lang, w)?;
                let any = self.findings.has_output();
                if any {
                    // Each finding follows a line end, as when they stream.
                    w.write_all(b"\n")?;
                    self.findings.copy_to(w, false)?;
                }
                self.write_tail(any, w)
            }
            OutputFormat::Junit => junit::write(self, w),
            OutputFormat::Html => html::write(self, w),
            OutputFormat::Github => self.findings.copy_to(w, false).map(drop),
            OutputFormat::Gitlab => {
                if !self.findings.has_output() {
                    return w.write_all(b"[]\n");
                }
                w.write_all(b"[\n")?;
                self.findings.copy_to(w, false)?;
                w.write_all(b"\n]\n")
            }
        }
    }

    /// The rest of a report whose head ([`write_head`]) and findings were streamed; `any`
    /// says whether a finding was.
    pub fn write_tail(&self, any: bool, w: &mut dyn Write) -> io::Result<()> {
        match self.findings.format {
            OutputFormat::Json => json::tail(self, any, w),
            OutputFormat::Sarif => sarif::tail(self, any, w),
            OutputFormat::Human | OutputFormat::Junit | OutputFormat::Html | OutputFormat::Github | OutputFormat::Gitlab => {
                Err(io::Error::other("only JSON and SARIF reports stream"))
            }
        }
    }

    /// The report as a string (tests, small runs).
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        self.write(&mut out).expect("writing to memory cannot fail");
        String::from_utf8(out).expect("every renderer writes UTF-8")
    }
}

/// Inputs that could not be read or parsed and targets that could not be probed: what
/// makes a run incomplete (exit 2).
pub fn failed_count(inputs: &[ParsedInput], endpoints: &[ProbedEndpoint]) -> usize {
    inputs.iter().filter(|i| i.error().is_some()).count() + endpoints.iter().filter(|e| e.error.is_some()).count()
}

/// Whether reports of this format can take findings as they come: their head needs nothing
/// from the run. (The terminal report lists input diagnostics first, HTML and JUnit open
/// with totals.)
pub fn streams(format: OutputFormat) -> bool {
    matches!(format, OutputFormat::Json | OutputFormat::Sarif)
}

/// The part of a streaming report before its findings.
pub fn write_head(format: OutputFormat, policy: &TlsPolicy, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    match format {
        OutputFormat::Json => json::head(policy, w),
        OutputFormat::Sarif => sarif::head(lang, w),
        OutputFormat::Human | OutputFormat::Junit | OutputFormat::Html | OutputFormat::Github | OutputFormat::Gitlab => {
            Err(io::Error::other("only JSON and SARIF reports stream"))
        }
    }
}

/// Writes `items` with `sep` between them, each rendered by `render` on the rayon pool and
/// written in order. The inputs list and its diagnostics (tens of thousands of entries on a
/// fleet) were rendered by the main thread alone after every file had been judged: a
/// serial tail of the run. Windows of [`WINDOW`] items bound what is held at once.
pub fn write_items_par<T: Sync>(w: &mut dyn Write, items: &[T], sep: &[u8], render: impl Fn(&mut Vec<u8>, &T) + Sync) -> io::Result<()> {
    use rayon::prelude::*;
    const WINDOW: usize = 4096;
    const CHUNK: usize = 256;
    for (n, window) in items.chunks(WINDOW).enumerate() {
        let parts: Vec<Vec<u8>> = window
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut out = Vec::new();
                for (k, item) in chunk.iter().enumerate() {
                    if n + c + k > 0 {
                        out.extend_from_slice(sep);
                    }
                    render(&mut out, item);
                }
                out
            })
            .collect();
        for part in parts {
            w.write_all(&part)?;
        }
    }
    Ok(())
}

/// Where a finding is, as one string ("path:line:col" or the probe target).
pub fn location_string(f: &Finding) -> String {
    let mut out = String::new();
    push_location(&mut out, f);
    out
}

/// [`location_string`] appended to `out`.
pub fn push_location(out: &mut String, f: &Finding) {
    use std::fmt::Write as _;
    match (&f.origin.path, &f.origin.target) {
        (Some(p), _) if f.origin.line > 0 => {
            let _ = write!(out, "{}:{}:{}", p, f.origin.line, f.origin.column);
        }
        (Some(p), _) => out.push_str(p),
        (None, Some(t)) => out.push_str(t),
        (None, None) => {}
    }
}

pub fn diag_location(d: &Diagnostic) -> String {
    if d.line > 0 {
        format!("{}:{}:{}", d.path, d.line, d.column)
    } else {
        d.path.to_string()
    }
}

pub fn diag_level_label(l: DiagLevel, lang: Lang) -> &'static str {
    lang.of(match l {
        DiagLevel::Error => ("入力エラー", "input error"),
        DiagLevel::Warning => ("入力警告", "input warning"),
        DiagLevel::Info => ("入力情報", "input note"),
    })
}

/// Fix text for the finding's input format when the rule has one, else the general fix.
pub fn fix_text(f: &Finding, format: Option<&str>, lang: Lang) -> String {
    let mut out = String::new();
    push_fix_text(&mut out, f, format, lang);
    out
}

/// The fix example for the finding's input format (config text), when the rule has one.
pub fn fix_example<'a>(f: &'a Finding, format: Option<&str>, lang: Lang) -> Option<&'a str> {
    format.and_then(|fm| f.fix_example(fm, lang))
}

/// [`fix_text`] appended to `out`.
pub fn push_fix_text(out: &mut String, f: &Finding, format: Option<&str>, lang: Lang) {
    out.push_str(f.fix(lang));
    if let Some(t) = fix_example(f, format, lang) {
        out.push(' ');
        out.push_str(t);
    }
}

/// One finding per registered rule, with everything a hand-written writer must escape or
/// special-case: probe and file origins (with and without a line), quotes, backslashes,
/// control characters and Japanese in every text, waivers, and a rule without clauses.
/// The JSON and SARIF writers are compared against their serde references on these.
#[cfg(test)]
pub(crate) fn hostile_findings() -> Vec<crate::rules::Finding> {
    use crate::model::Origin;
    use crate::rules::{registry, waiver::Waiver, Finding};
    registry::all()
        .iter()
        .enumerate()
        .map(|(i, rule)| Finding {
            rule: rule.meta.code.as_str(),
            severity: rule.meta.severity,
            subject: format!("server {{x}} \"{i}\" 日本").into(),
            origin: match i % 4 {
                0 => Origin::probe("10.0.0.1:443", "probe \"x\"\t\u{1}"),
                1 => Origin::file("dir/サイト a\\b.conf".into(), 0, 0, (0, 0), ""),
                _ => Origin::file(
                    "dir/サイト\\a.conf".into(),
                    i as u32,
                    (i % 3) as u32,
                    (0, 1),
                    "ssl_ciphers \"HIGH:!aNULL\";\r\t\u{1}",
                ),
            },
            args: vec![
                ("versions", "TLS1.0, \"TLS1.1\"\n".to_string().into()),
                ("count", i.to_string().into()),
                ("suites", "A\\B".to_string().into()),
            ],
            waiver: (i % 5 == 1).then(|| {
                Box::new(Waiver {
                    rule: "TLS".into(),
                    subject: "*".into(),
                    reason: "legacy \"device\"\n".into(),
                    owner: "情報".into(),
                    expires: "2027-01-01".into(),
                })
            }),
            meta: if i == 2 {
                let mut m = rule.meta.clone();
                m.clauses.clear();
                Box::leak(Box::new(m))
            } else {
                rule.meta
            },
            client_side: i % 7 == 3,
            subject_ja: Default::default(),
            related: if i % 6 == 4 {
                vec![
                    crate::rules::Related {
                        subject: "user \"b\" 日本".into(),
                        origin: Origin::file("dir/サイト b\\c.conf".into(), 7, 2, (0, 1), "password \"****\"\t"),
                    },
                    crate::rules::Related {
                        subject: "probe".into(),
                        origin: Origin::probe("10.0.0.2:443", "x"),
                    },
                ]
                .into()
            } else {
                Box::default()
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn items_written_in_parallel_come_out_in_order_with_one_separator_between_two() {
        // Across several windows and chunks, and for the small and empty cases.
        for n in [0usize, 1, 2, 255, 256, 257, 4096, 4097, 10_000] {
            let items: Vec<usize> = (0..n).collect();
            let mut out = Vec::new();
            super::write_items_par(&mut out, &items, b",\n", |o, i| o.extend_from_slice(i.to_string().as_bytes())).unwrap();
            let expected = items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",\n");
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{n} items");
        }
    }
}
