//! The lint driver: expand paths, parse every file in parallel, drop files that another
//! input already includes, and run the rules. Never touches the network.

use crate::diag::DiagKind;
use crate::formats::{Format, ParsedInput};
use crate::i18n::Lang;
use crate::report::{FindingStore, GroupCtx};
use crate::rules::{Engine, Finding};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Directory walks stop at this many files (a mistaken `kensa lint /` must end).
pub const MAX_WALK_FILES: usize = 200_000;

/// A file a directory walk found and left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: std::sync::Arc<str>,
    pub reason: SkipReason,
}

/// Why a walked file was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Its name says it is no config (a certificate, an archive, a document).
    NotAConfigName,
    /// Binary content, or too large to be a config.
    NotText,
    /// Text that no format recognises.
    UnknownFormat,
}

impl SkipReason {
    /// The JSON `reason` value.
    pub fn name(self) -> &'static str {
        match self {
            SkipReason::NotAConfigName => "not-a-config-name",
            SkipReason::NotText => "not-text",
            SkipReason::UnknownFormat => "unknown-format",
        }
    }
}

/// A file to read and how it was found.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    pub shown: String,
    /// Named on the command line (an unknown format is then an error, not a skip).
    pub explicit: bool,
    /// `--root` and kensa.toml `[assume]`, shared by the inputs of a run.
    pub opts: std::sync::Arc<crate::formats::ParseOptions>,
}

/// Expands the command-line paths: files as given, directories walked recursively in sorted
/// order (hidden entries skipped). Missing paths come back as errors.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<(String, std::io::Error)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let shown = p.to_string_lossy().into_owned();
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut files),
            Ok(_) => files.push(InputFile {
                path: p.clone(),
                shown,
                explicit: true,
                opts: Default::default(),
            }),
            Err(e) => errors.push((shown, e)),
        }
    }
    (files, errors)
}

fn walk(dir: &Path, out: &mut Vec<InputFile>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        let mut subdirs = Vec::new();
        for e in entries {
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(ft) = e.file_type() else { continue };
            let path = e.path();
            if ft.is_dir() {
                subdirs.push(path);
            } else if ft.is_file() && out.len() < MAX_WALK_FILES {
                out.push(InputFile {
                    shown: path.to_string_lossy().into_owned(),
                    path,
                    explicit: false,
                    opts: Default::default(),
                });
            }
        }
        // Depth-first in sorted order: push in reverse so the first sorted dir pops first.
        stack.extend(subdirs.into_iter().rev());
    }
}

/// Parses all inputs in parallel. Files of unknown format found by a directory walk are
/// skipped (counted); explicit ones keep their "unknown format" error.
pub fn parse_all(files: &[InputFile], forced: Option<Format>, now: i64) -> (Vec<ParsedInput>, Vec<Skipped>) {
    let parsed: Vec<(ParsedInput, Option<SkipReason>)> = files.par_iter().map(|f| parse_one(f, forced, now)).collect();
    let mut kept = Vec::new();
    let mut skipped = Vec::new();
    for (p, skip) in parsed {
        match skip {
            None => kept.push(p),
            Some(reason) => skipped.push(Skipped { path: p.path, reason }),
        }
    }
    let top = top_level(files, &kept);
    let mut i = 0;
    kept.retain(|_| {
        i += 1;
        top[i - 1]
    });
    (kept, skipped)
}

/// Every file read and detected (in parallel, nothing checked), with why it is left out
/// when it is: what `kensa lint --show-files` lists.
pub fn classify(files: &[InputFile], forced: Option<Format>) -> Vec<(ParsedInput, Option<SkipReason>)> {
    files
        .par_iter()
        .map(|f| {
            let (mut p, skip) = parse_one(f, forced, 0);
            p.model = Default::default();
            (p, skip)
        })
        .collect()
}

/// Files judged per parallel batch: large enough to keep both cores busy, small enough that
/// the batch's models and findings stay a few megabytes.
const BATCH: usize = 256;

/// Parses and checks every input in parallel, dropping each model as soon as the rules
/// have seen it, so memory never holds every model (or every finding) at once.
///
/// `judge` turns an input's findings into whatever the caller keeps (a rendered report
/// fragment, or the findings themselves) on the worker thread; `keep` receives the results
/// in input order. Returns the inputs (empty models), which of them stand on their own
/// (see [`top_level`]; the others were included by another input and their results must be
/// dropped), and how many walked files were of no known format.
pub fn lint_each<T: Send>(
    engine: &Engine,
    files: &[InputFile],
    forced: Option<Format>,
    now: i64,
    judge: impl Fn(&ParsedInput, Vec<Finding>) -> T + Sync,
    mut keep: impl FnMut(&ParsedInput, T) -> std::io::Result<()>,
) -> std::io::Result<(Vec<ParsedInput>, Vec<bool>, Vec<Skipped>)> {
    // Room for every input up front: grown by doubling, this vector of large records was
    // copied at each doubling, and the old copies' pages still counted in the peak RSS.
    let mut inputs = Vec::with_capacity(files.len());
    let mut skipped = Vec::new();
    let keep_secrets = engine.keeps_for_run();
    let judge_batch = |batch: &[InputFile]| -> Vec<(ParsedInput, Result<T, SkipReason>)> {
        batch
            .par_iter()
            .map(|f| {
                let (mut p, skip) = parse_one(f, forced, now);
                let judged = match skip {
                    Some(reason) => Err(reason),
                    None => {
                        let findings = engine.check_input(&p.model);
                        // The model goes; the secrets a run-level rule compares across
                        // inputs stay (facts and fingerprints, no values).
                        let secrets = std::mem::take(&mut p.model.secrets);
                        p.model = Default::default();
                        let judged = judge(&p, findings);
                        if keep_secrets {
                            p.model.secrets = comparable_secrets(&mut p, secrets);
                        }
                        Ok(judged)
                    }
                };
                if judged.is_err() {
                    p.model = Default::default();
                }
                (p, judged)
            })
            .collect()
    };
    // While the workers judge one batch, this thread keeps the one before (so the cores do
    // not wait for it to copy fragments out); at most two batches are in memory.
    std::thread::scope(|scope| -> std::io::Result<()> {
        let mut previous = Vec::new();
        for batch in files.chunks(BATCH) {
            let running = scope.spawn(|| judge_batch(batch));
            let kept = keep_batch(std::mem::take(&mut previous), &mut keep, &mut inputs, &mut skipped);
            previous = running.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            kept?;
        }
        keep_batch(previous, &mut keep, &mut inputs, &mut skipped)
    })?;
    let top = top_level(files, &inputs);
    Ok((inputs, top, skipped))
}

/// The secrets of an input that MGMT009 can compare (those with a fingerprint), kept until
/// the whole run is judged. The others are counted now, in the note [`judge_run`] gives
/// (it finds none left to count), so that a run of thousands of router configs does not
/// hold every hashed or encrypted password's record to the end.
fn comparable_secrets(p: &mut ParsedInput, mut secrets: Vec<crate::model::Secret>) -> Vec<crate::model::Secret> {
    note_not_compared(p, &secrets);
    secrets.retain(|s| s.fingerprint.is_some());
    secrets.shrink_to_fit();
    secrets
}

/// Notes on an input how many of its secrets MGMT009 could not compare, and why.
fn note_not_compared(p: &mut ParsedInput, secrets: &[crate::model::Secret]) {
    let not = crate::rules::mgmt::secret_reused::NotCompared::count(secrets);
    if not.total() > 0 {
        let kind = DiagKind::SecretsNotCompared {
            hashed: not.hashed,
            encrypted: not.encrypted,
            unreadable: not.unreadable,
        };
        p.diagnostics.push(crate::diag::Diagnostic::file(crate::diag::DiagLevel::Info, &p.path, kind));
    }
}

/// Hands each judged input of a batch to `keep`, in order; inputs of no known format are
/// only counted.
fn keep_batch<T>(
    done: Vec<(ParsedInput, Result<T, SkipReason>)>,
    keep: &mut impl FnMut(&ParsedInput, T) -> std::io::Result<()>,
    inputs: &mut Vec<ParsedInput>,
    skipped: &mut Vec<Skipped>,
) -> std::io::Result<()> {
    for (p, judged) in done {
        match judged {
            Ok(t) => {
                keep(&p, t)?;
                inputs.push(p);
            }
            Err(reason) => skipped.push(Skipped { path: p.path, reason }),
        }
    }
    Ok(())
}

/// [`lint_each`] keeping the findings: inputs standing on their own and their findings in
/// input order (the library form; `kensa lint` renders as it goes with [`lint_into`]).
pub fn lint_all(engine: &Engine, files: &[InputFile], forced: Option<Format>, now: i64) -> (Vec<ParsedInput>, Vec<Finding>, Vec<Skipped>) {
    let mut per = Vec::new();
    let (inputs, top, skipped) = lint_each(
        engine,
        files,
        forced,
        now,
        |_, f| f,
        |_, f| {
            per.push(f);
            Ok(())
        },
    )
    .expect("keeping findings in memory cannot fail");
    let mut findings = Vec::new();
    let mut kept = Vec::with_capacity(inputs.len());
    for ((p, f), is_top) in inputs.into_iter().zip(per).zip(top) {
        if is_top {
            kept.push(p);
            findings.extend(f);
        }
    }
    findings.extend(judge_run(engine, &mut kept));
    (kept, findings, skipped)
}

/// The run-level rules (MGMT009, one secret used in several places) over the secrets every
/// input kept, once all are judged; each input whose secrets could not all be compared
/// gets one note saying how many and why, and each of two places MGMT009 took to be the
/// two ends of one link a note naming the other. Leaves the inputs' models empty.
pub fn judge_run<P: std::borrow::BorrowMut<ParsedInput>>(engine: &Engine, inputs: &mut [P]) -> Vec<Finding> {
    if !engine.keeps_for_run() {
        return Vec::new();
    }
    let mut run = crate::model::Model::default();
    let total = inputs.iter_mut().map(|p| p.borrow_mut().model.secrets.len()).sum();
    run.secrets.reserve_exact(total);
    // The input each secret came from.
    let mut owner = Vec::with_capacity(total);
    for (i, p) in inputs.iter_mut().enumerate() {
        let p = p.borrow_mut();
        let secrets = std::mem::take(&mut p.model.secrets);
        owner.extend(std::iter::repeat_n(i, secrets.len()));
        note_not_compared(p, &secrets);
        run.secrets.extend(secrets);
    }
    // What MGMT009 assumed instead of reporting is said at both places.
    for (a, b) in crate::rules::mgmt::secret_reused::assumed_link_ends(&run.secrets) {
        for (this, other) in [(a, b), (b, a)] {
            let (s, o) = (&run.secrets[this], &run.secrets[other]);
            let input = inputs[owner[this]].borrow_mut();
            let kind = DiagKind::SecretAssumedLinkEnd {
                subject: s.subject.clone(),
                other: format!("{}:{} ({})", o.origin.path.as_deref().unwrap_or(""), o.origin.line, o.subject),
            };
            let path = s.origin.path.clone().unwrap_or_else(|| input.path.clone());
            let note = crate::diag::Diagnostic::new(crate::diag::DiagLevel::Info, &path, s.origin.line, s.origin.column, kind);
            input.diagnostics.push(note);
        }
    }
    engine.check_run(&run)
}

/// The key of the report group that holds the run-level findings (JUnit's suite name).
pub fn run_group_key(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "全入力の横断判定",
        Lang::En => "across all inputs",
    }
}

/// [`lint_each`] rendering each input's findings into `store` as soon as they exist.
/// Returns the inputs standing on their own and the skipped files; the store
/// holds one group per returned input, in the same order.
pub fn lint_into(
    engine: &Engine,
    files: &[InputFile],
    forced: Option<Format>,
    now: i64,
    store: &mut FindingStore,
) -> std::io::Result<(Vec<ParsedInput>, Vec<Skipped>)> {
    let renderer = store.renderer();
    let first = store.len();
    // A file that an input judged before it includes is reported through that input: its
    // fragment is not kept, so a streamed report never writes it (only files read before
    // their includer are dropped after they were written; see `FindingStore::blank_dropped`).
    let explicit: HashSet<&str> = files.iter().filter(|f| f.explicit).map(|f| f.shown.as_str()).collect();
    let mut included: HashSet<std::sync::Arc<str>> = HashSet::new();
    let (inputs, top, skipped) = lint_each(
        engine,
        files,
        forced,
        now,
        |p, findings| renderer.render(group_of(p, renderer.lang).as_ctx(), &findings),
        |p, mut fragment| {
            if included.contains(&p.path) && !explicit.contains(&*p.path) {
                fragment.bytes = Vec::new();
            }
            included.extend(p.included.iter().cloned());
            store.push(&p.path, fragment)
        },
    )?;
    store.keep_only(|i| i < first || top[i - first]);
    let mut kept: Vec<ParsedInput> = inputs.into_iter().zip(top).filter(|(_, t)| *t).map(|(p, _)| p).collect();
    let across = judge_run(engine, &mut kept);
    if !across.is_empty() {
        let group = GroupCtx {
            key: run_group_key(store.lang),
            format: None,
            error: None,
        };
        store.add(group, &across)?;
    }
    Ok((kept, skipped))
}

/// The facts about an input that its report group shows.
pub struct InputGroup<'a> {
    pub key: &'a str,
    pub format: Option<&'static str>,
    pub error: Option<String>,
}

impl InputGroup<'_> {
    pub fn as_ctx(&self) -> GroupCtx<'_> {
        GroupCtx {
            key: self.key,
            format: self.format,
            error: self.error.as_deref(),
        }
    }
}

pub fn group_of(p: &ParsedInput, lang: Lang) -> InputGroup<'_> {
    InputGroup {
        key: &p.path,
        format: p.format.map(|f| f.name()),
        error: p.error().map(|d| d.kind.message(lang)),
    }
}

/// Reads one input; why it is left out when a directory walk found a file that is no
/// config: a name no config has, binary or huge content, or text of no known format. A
/// walked file that cannot be read at all (permissions) is kept: it may be a config, and
/// its one error line says so.
fn parse_one(f: &InputFile, forced: Option<Format>, now: i64) -> (ParsedInput, Option<SkipReason>) {
    // A walked file is only parsed when its format is known or forced.
    if !f.explicit && forced.is_none() && !crate::formats::detect::plausible(&f.path) {
        return (skipped(f), Some(SkipReason::NotAConfigName));
    }
    let p = crate::formats::parse_rooted(&f.path, &f.shown, forced, now, f.explicit, &f.opts);
    if f.explicit || p.format.is_some() {
        return (p, None);
    }
    let reason = match p.error().map(|d| &d.kind) {
        Some(DiagKind::Unreadable { .. }) => return (p, None),
        Some(DiagKind::Binary | DiagKind::TooLarge { .. }) => SkipReason::NotText,
        _ => SkipReason::UnknownFormat,
    };
    (p, Some(reason))
}

/// Which inputs stand on their own: a file another input includes is checked as part of
/// that input, not twice (unless it was named on the command line).
fn top_level(files: &[InputFile], inputs: &[ParsedInput]) -> Vec<bool> {
    let included: HashSet<&str> = inputs.iter().flat_map(|p| p.included.iter().map(|s| &**s)).collect();
    let explicit: HashSet<&str> = files.iter().filter(|f| f.explicit).map(|f| f.shown.as_str()).collect();
    inputs.iter().map(|p| explicit.contains(&*p.path) || !included.contains(&*p.path)).collect()
}

fn skipped(f: &InputFile) -> ParsedInput {
    ParsedInput::unread(std::sync::Arc::from(f.shown.as_str()), None)
}

/// Runs the engine over every parsed input, in parallel, findings in input order.
pub fn check_all(engine: &Engine, inputs: &[ParsedInput]) -> Vec<Finding> {
    let per: Vec<Vec<Finding>> = inputs.par_iter().map(|i| engine.check(&i.model)).collect();
    per.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::TlsPolicy;

    /// The streaming driver gives exactly what parse_all + check_all give, including the
    /// rule that a file included by another input is not checked on its own.
    #[test]
    fn lint_all_matches_parse_all_then_check_all() {
        let dir = crate::testutil::temp_tree(&[
            ("snippets/tls.conf", "ssl_protocols TLSv1 TLSv1.2;\n"),
            ("nginx.conf", "http {\n  server {\n    listen 443 ssl;\n    include snippets/*.conf;\n  }\n}\n"),
            ("other.conf", "server {\n  listen 8443 ssl;\n  ssl_protocols TLSv1.1 TLSv1.3;\n}\n"),
            ("README.md", "# not a config\n"),
        ]);
        let d = dir.path();
        let (files, missing) = expand_paths(&[d.to_path_buf()]);
        assert!(missing.is_empty());
        let engine = Engine::new(TlsPolicy::builtin(), 0);

        let (a_inputs, a_skipped) = parse_all(&files, None, 0);
        let a_findings = check_all(&engine, &a_inputs);
        let (b_inputs, b_findings, b_skipped) = lint_all(&engine, &files, None, 0);

        let paths = |v: &[ParsedInput]| v.iter().map(|p| p.path.to_string()).collect::<Vec<_>>();
        assert_eq!(paths(&a_inputs), paths(&b_inputs));
        assert_eq!(a_skipped, b_skipped);
        // README.md, and the one-line snippet (no format recognisable on its own).
        assert_eq!(a_skipped.len(), 2);
        assert!(
            !paths(&b_inputs).iter().any(|p| p.ends_with("tls.conf")),
            "the snippet is checked through nginx.conf only"
        );
        let key = |v: &[Finding]| v.iter().map(|f| (f.rule, f.subject.clone(), f.origin.line)).collect::<Vec<_>>();
        assert_eq!(key(&a_findings), key(&b_findings));
        for subject in ["nginx server _:443", "nginx server _:8443"] {
            assert!(
                b_findings.iter().any(|f| f.rule == "TLS001" && *f.subject == *subject),
                "TLS001 on {subject}: {:?}",
                key(&b_findings)
            );
        }
        assert!(b_inputs.iter().all(|p| p.model.is_empty()), "models are dropped once judged");
    }

    /// Rendering through the spill file gives the same bytes as rendering in memory, in
    /// every output format, and included files are dropped from the report in both.
    #[test]
    fn spilled_report_equals_in_memory_report() {
        use crate::report::{OutputFormat, Report};
        let dir = crate::testutil::temp_tree(&[
            ("conf.d/old.conf", "ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\nssl_ciphers HIGH:!aNULL;\n"),
            ("nginx.conf", "http {\n  server {\n    listen 443 ssl;\n    include conf.d/*.conf;\n  }\n}\n"),
        ]);
        let d = dir.path();
        for n in 0..5 {
            std::fs::write(
                d.join(format!("site{n}.conf")),
                format!("server {{\n  listen {} ssl;\n  ssl_protocols TLSv1.1 TLSv1.2;\n}}\n", 8000 + n),
            )
            .unwrap();
        }
        let (files, _) = expand_paths(&[d.to_path_buf()]);
        let engine = Engine::new(TlsPolicy::builtin(), 0);
        let policy = TlsPolicy::builtin();
        for format in [
            OutputFormat::Json,
            OutputFormat::Sarif,
            OutputFormat::Junit,
            OutputFormat::Human,
            OutputFormat::Html,
            OutputFormat::Github,
            OutputFormat::Gitlab,
        ] {
            let mut texts = Vec::new();
            // In memory, spilled at once, and spilled part way (some groups in the file,
            // the rest still pending when the report is written).
            for spill_at in [usize::MAX, 1, 3000] {
                let mut store = FindingStore::new(format, Lang::En, false).with_spill_at(spill_at);
                let (inputs, skipped) = lint_into(&engine, &files, None, 0, &mut store).unwrap();
                assert_eq!(inputs.len(), 6, "nginx.conf and five sites; the included snippet is not its own input");
                assert_eq!(store.keys().count(), 6);
                let report = Report {
                    inputs: &inputs,
                    endpoints: &[],
                    findings: &store,
                    policy: &policy,
                    lang: Lang::En,
                    skipped: &skipped,
                    compliance: None,
                };
                texts.push(report.render());
            }
            assert_eq!(texts[0], texts[1], "{format:?}");
            assert_eq!(texts[0], texts[2], "{format:?}");
            assert!(texts[0].contains("TLS001"), "{format:?}: {}", texts[0]);
            if format == OutputFormat::Json {
                let v: serde_json::Value = serde_json::from_str(&texts[0]).expect("valid JSON");
                let findings = v["findings"].as_array().unwrap();
                let tls001 = findings.iter().filter(|f| f["rule"] == "TLS001").count();
                assert_eq!(tls001, 6, "one TLS001 per server: {}", texts[0]);
                assert_eq!(
                    v["summary"]["error"].as_u64().unwrap() as usize,
                    findings.iter().filter(|f| f["severity"] == "error").count()
                );
            }
        }
    }
}
