//! Terminal output, rendered by miette's graphical handler: severity, rule and message, the
//! location and the directive with kensa's note as its label, then the clause, the fix and
//! the fix example each on its own line.
//!
//! miette prints the source it is given, so it is never given the file: its source is a
//! [`MaskedEvidence`], the directive as the parser recorded it with every secret already
//! masked, carrying the directive's real line and column. No raw line can reach it.

use super::{diag_level_label, diag_location, fix_example, push_location, GroupCtx, Report};
use crate::diag::DiagLevel;
use crate::i18n::Lang;
use crate::rules::{Finding, Severity};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::fmt::Write as _;
use std::io;

/// The only source text miette sees: masked evidence, placed at its line and column in the
/// file so miette numbers it as the file does.
#[derive(Debug)]
struct MaskedEvidence {
    /// The path shown in the snippet's header.
    name: String,
    text: String,
    /// 0-based line and column of the evidence's first character in the file.
    line: usize,
    column: usize,
}

impl SourceCode for MaskedEvidence {
    fn read_span<'a>(&'a self, span: &SourceSpan, before: usize, after: usize) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        // Columns count from the evidence's start only on its first line.
        let column = if inner.line() == 0 { self.column + inner.column() } else { inner.column() };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            self.line + inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// One finding as miette sees it.
#[derive(Debug)]
struct FindingReport {
    /// `severity[RULE]: message`, in the reader's language.
    headline: String,
    severity: miette::Severity,
    evidence: Option<MaskedEvidence>,
    /// The directive underlined, labelled with kensa's note when there is one.
    label: Option<LabeledSpan>,
}

impl std::fmt::Display for FindingReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.headline)
    }
}

impl std::error::Error for FindingReport {}

impl Diagnostic for FindingReport {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.evidence.as_ref().map(|e| e as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

/// miette's handler as kensa uses it: with colour, its unicode theme; without, its plain
/// ASCII theme (what it picks itself off a terminal). Lines wrap at the terminal's width on a
/// terminal and never in files and pipes, where a finding stays one greppable line.
fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::none() };
    let width = terminal_width();
    GraphicalReportHandler::new_themed(theme)
        .with_urls(false)
        .with_context_lines(0)
        .without_syntax_highlighting()
        .with_break_words(false)
        .with_wrap_lines(width.is_some())
        .with_width(width.unwrap_or(usize::MAX / 2))
}

/// Columns of the terminal on standard output, `None` when it is not one.
#[cfg(unix)]
fn terminal_width() -> Option<usize> {
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one `winsize` into the struct it is given, and fails without
    // writing on anything that is not a terminal.
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
    (ok && size.ws_col > 0).then_some(usize::from(size.ws_col))
}

#[cfg(not(unix))]
fn terminal_width() -> Option<usize> {
    None
}

/// One group's findings, each one paragraph followed by a blank line.
pub fn fragment(group: GroupCtx, findings: &[Finding], lang: Lang, color: bool) -> Vec<u8> {
    let handler = handler(color);
    let mut out = String::with_capacity(findings.len() * 512);
    let clause_label = if lang == Lang::Ja { "ガイドライン" } else { "guideline" };
    let fix_label = if lang == Lang::Ja { "対処" } else { "fix" };
    let example_label = if lang == Lang::Ja { "設定例" } else { "example" };
    for f in findings {
        let mut headline = format!("{}[{}]: ", f.severity.label(lang), f.rule);
        f.message_pieces(lang, |piece| headline.push_str(piece));
        let evidence = f.origin.evidence_in(lang);
        // Config text is the snippet; kensa's note after it is the label.
        let config_len = match f.origin.note_at as usize {
            0 => evidence.len(),
            at => at.min(evidence.len()),
        };
        let config = evidence[..config_len].trim_end();
        let note = evidence[config_len..].trim();
        let mut footer = String::new();
        let (source, label) = match &f.origin.path {
            Some(path) if f.origin.line > 0 && !config.is_empty() => (
                Some(MaskedEvidence {
                    name: path.to_string(),
                    text: config.to_string(),
                    line: f.origin.line as usize - 1,
                    column: (f.origin.column as usize).saturating_sub(1),
                }),
                Some(LabeledSpan::new_primary_with_span(
                    (!note.is_empty()).then(|| note.to_string()),
                    (0, config.len()),
                )),
            ),
            // A probe's measurement, or a file as a whole: the place and what was seen on one line.
            _ => {
                footer.push_str("= ");
                push_location(&mut footer, f);
                if !evidence.is_empty() {
                    let _ = write!(footer, ": {evidence}");
                }
                footer.push('\n');
                (None, None)
            }
        };
        let _ = write!(footer, "= {clause_label}: {}", f.clauses().join(", "));
        let _ = write!(footer, "\n= {fix_label}: {}", f.fix(lang));
        // The example for this input's format: config text, copied as it is.
        if let Some(example) = fix_example(f, group.format, lang) {
            let _ = write!(footer, "\n= {example_label}: {example}");
        }
        if let Some(w) = &f.waiver {
            let (label, until) = if lang == Lang::Ja {
                ("例外承認済み", "期限")
            } else {
                ("waived", "until")
            };
            let _ = write!(footer, "\n= {label}: {} ({}, {until} {})", w.reason, w.owner, w.expires);
        }
        let report = FindingReport {
            headline,
            severity: match f.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            evidence: source,
            label,
        };
        let _ = handler.render_report(&mut out, &report);
        // The clause, fix and example follow the snippet as lines of their own, without the
        // blank line miette puts before a footer: a finding stays one paragraph.
        for line in footer.lines() {
            let _ = writeln!(out, "  {line}");
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// ANSI styling of the report's head and summary lines (the findings are miette's).
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

pub fn write(r: &Report, w: &mut dyn io::Write) -> io::Result<()> {
    let st = Style { on: r.findings.color };
    let lang = r.lang;
    let mut out = String::new();
    for d in r.diagnostics() {
        let code = match d.level {
            DiagLevel::Error => "1;31",
            DiagLevel::Warning => "1;33",
            DiagLevel::Info => "2",
        };
        let _ = writeln!(
            out,
            "{}: {}: {}",
            st.paint(code, diag_level_label(d.level, lang)),
            diag_location(d),
            d.kind.message(lang)
        );
    }
    for p in r.endpoints {
        if let Some(e) = &p.error {
            let label = if lang == Lang::Ja { "プローブ失敗" } else { "probe failed" };
            let _ = writeln!(out, "{}: {}: {}", st.paint("1;31", label), p.target, e.message(lang));
            if p.try_sni {
                let hint = if lang == Lang::Ja {
                    "サーバ名 (SNI) を送らずに接続しました。名前を指定しないと応答しないサーバかもしれません: --sni 名前 を試してください"
                } else {
                    "no server name (SNI) was sent; the server may answer only for a name: try --sni NAME"
                };
                let _ = writeln!(out, "  = {hint}");
            }
        }
    }
    // What was measured, per endpoint, before the findings.
    for p in r.endpoints.iter().filter(|p| p.endpoint.is_some()) {
        if !out.is_empty() {
            out.push('\n');
        }
        super::probe_view::write(&mut out, p, lang, &|s| st.paint("1", s));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    w.write_all(out.as_bytes())?;
    r.findings.copy_to(w, false)?;
    let mut out = String::new();
    let s = r.summary();
    let inputs = r.inputs.len() + r.endpoints.len();
    let failed = r.failed_inputs();
    let skipped = r.skipped.len();
    // The counts, then what was not read and what was skipped, when there was any.
    let (counts, unread, unknown) = match lang {
        Lang::Ja => (
            format!(
                "エラー {} 件、警告 {} 件、情報 {} 件 (例外承認 {} 件) / 入力 {inputs} 件",
                s.error, s.warning, s.info, s.waived
            ),
            format!("、うち {failed} 件は読み込みまたは解析に失敗"),
            format!("、形式不明でスキップしたファイル {skipped} 件"),
        ),
        Lang::En => (
            format!(
                "{} error(s), {} warning(s), {} info ({} waived) in {inputs} input(s)",
                s.error, s.warning, s.info, s.waived
            ),
            format!("; {failed} could not be read or parsed"),
            format!("; {skipped} file(s) of unknown format skipped"),
        ),
    };
    let mut line = counts;
    if failed > 0 {
        line.push_str(&unread);
    }
    if skipped > 0 {
        line.push_str(&unknown);
    }
    let _ = writeln!(out, "{}", st.paint("1", &line));
    let _ = writeln!(
        out,
        "{} {} ({})",
        if lang == Lang::Ja { "ポリシー:" } else { "policy:" },
        r.policy.name,
        r.policy.source
    );
    let advisories = crate::advisories::in_use();
    let _ = writeln!(out, "{}: {}", crate::advisories::AdvisoryTable::heading(lang), advisories.summary(lang));
    outside_files(&mut out, r, lang);
    w.write_all(out.as_bytes())
}

/// Files shown in the summary's list of files read outside the inputs, at most.
const MAX_OUTSIDE_SHOWN: usize = 20;

/// How many inputs were only partly judged, and which files outside the inputs were read
/// (includes, certificates, DH parameters): a clean result is evidence only of what was read.
fn outside_files(out: &mut String, r: &Report, lang: Lang) {
    let partly = r.inputs.iter().filter(|i| i.partly_judged()).count();
    if partly > 0 {
        let _ = match lang {
            Lang::Ja => writeln!(out, "一部しか判定できなかった入力: {partly} 件 (上の診断を参照)"),
            Lang::En => writeln!(out, "partly judged inputs: {partly} (see the diagnostics above)"),
        };
    }
    let mut files: Vec<&str> = r.inputs.iter().flat_map(|i| i.included.iter().chain(&i.read_files)).map(|p| &**p).collect();
    files.sort_unstable();
    files.dedup();
    if files.is_empty() {
        return;
    }
    let _ = match lang {
        Lang::Ja => writeln!(out, "入力の外から読んだファイル: {} 件", files.len()),
        Lang::En => writeln!(out, "files read outside the inputs: {}", files.len()),
    };
    for f in files.iter().take(MAX_OUTSIDE_SHOWN) {
        let _ = writeln!(out, "  {f}");
    }
    if files.len() > MAX_OUTSIDE_SHOWN {
        let rest = files.len() - MAX_OUTSIDE_SHOWN;
        let _ = match lang {
            Lang::Ja => writeln!(out, "  ほか {rest} 件 (JSON の inputs[].included / read_files に全件)"),
            Lang::En => writeln!(out, "  and {rest} more (all in JSON inputs[].included / read_files)"),
        };
    }
}
