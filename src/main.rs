//! The `kensa` binary: argument parsing, exit codes and output selection. The work is in
//! the library.

use clap::Parser;
use kensa::cli::{Cli, Command, Common};
use kensa::config::{Config, FailOn};
use kensa::i18n::Lang;
use kensa::policy::TlsPolicy;
use kensa::report::{FindingStore, GroupCtx, ProbedEndpoint, Report};
use kensa::rules::{registry, Engine, Selection};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Exit codes (design.md): findings at or above --fail-on = 1; usage or input errors = 2.
const EXIT_FINDINGS: u8 = 1;
const EXIT_INPUT: u8 = 2;

/// See Cargo.toml: jemalloc where it builds, the system allocator elsewhere.
#[cfg(all(
    feature = "jemalloc",
    any(target_os = "linux", target_os = "macos"),
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_INPUT } else { 0 });
        }
    };
    match cli.command {
        Command::Lint {
            paths,
            as_format,
            root,
            common,
        } => run(common, true, |engine, store| {
            let now = engine.now;
            let (mut files, missing) = kensa::lint::expand_paths(&paths);
            let opts = std::sync::Arc::new(kensa::formats::ParseOptions {
                root,
                assume: engine.assume.clone(),
            });
            files.iter_mut().for_each(|f| f.opts = opts.clone());
            // Parse, check and render file by file: models and findings never pile up.
            let (mut inputs, skipped) = kensa::lint::lint_into(engine, &files, as_format, now, store).map_err(|e| e.to_string())?;
            for (shown, err) in missing {
                let mut input = kensa::formats::ParsedInput::unread(shown.as_str().into(), as_format);
                input.diagnostics.push(kensa::diag::Diagnostic::file(
                    kensa::diag::DiagLevel::Error,
                    &shown.as_str().into(),
                    kensa::diag::DiagKind::Unreadable {
                        reason: kensa::source::io_reason(&err),
                    },
                ));
                store.add(kensa::lint::group_of(&input, store.lang).as_ctx(), &[]).map_err(|e| e.to_string())?;
                inputs.push(input);
            }
            Ok((inputs, Vec::new(), skipped))
        }),
        Command::Probe {
            targets,
            targets_file,
            sni,
            concurrency,
            timeout_ms,
            starttls,
            ca,
            common,
        } => run(common, false, |engine, store| {
            let args = kensa::probe_cli::ProbeArgs {
                sni: sni.as_deref(),
                concurrency,
                timeout_ms,
                starttls: starttls.as_deref(),
                ca_file: ca.as_deref(),
            };
            let eps = kensa::probe_cli::run(&targets, targets_file.as_deref(), &args)?;
            for p in &eps {
                let findings = match &p.endpoint {
                    Some(ep) => engine.check(&kensa::model::Model {
                        tls_endpoints: vec![ep.clone()],
                        ..Default::default()
                    }),
                    None => Vec::new(),
                };
                let group = GroupCtx {
                    key: &p.target,
                    format: None,
                    error: p.error.as_deref(),
                };
                store.add(group, &findings).map_err(|e| e.to_string())?;
            }
            Ok((Vec::new(), eps, 0))
        }),
        Command::Rules { lang, json } => {
            let lang = lang.unwrap_or_else(Lang::from_env);
            print_rules(lang, json);
            ExitCode::SUCCESS
        }
        Command::Explain { code, lang } => {
            let lang = lang.unwrap_or_else(Lang::from_env);
            match registry::find(&code) {
                Some(r) => {
                    print!("{}", kensa::explain::explain(r.meta, lang));
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "{}",
                        if lang == Lang::Ja {
                            format!("ルール {code} はありません (kensa rules で一覧)")
                        } else {
                            format!("no rule {code} (see `kensa rules`)")
                        }
                    );
                    ExitCode::from(EXIT_INPUT)
                }
            }
        }
    }
}

/// Inputs read (models dropped), probed endpoints, and files skipped; findings go to the store.
type RunResult = Result<(Vec<kensa::formats::ParsedInput>, Vec<ProbedEndpoint>, usize), String>;

/// Loads config and policy, runs the job, prints the report, and maps the result to an exit
/// code. A `streamable` job's JSON or SARIF report to a file (`-o`, or standard output
/// redirected to one) is written as it goes.
fn run(common: Common, streamable: bool, job: impl FnOnce(&Engine, &mut FindingStore) -> RunResult) -> ExitCode {
    let config = match load_config(&common) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kensa: {e}");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let lang = common.lang.or(config.0.lang).unwrap_or_else(Lang::from_env);
    let policy_path = common
        .policy
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned())
        .or_else(|| config.0.policy.clone());
    let policy = match policy_path {
        None => TlsPolicy::builtin(),
        Some(p) => match std::fs::read_to_string(&p)
            .map_err(|e| format!("{p}: {e}"))
            .and_then(|t| TlsPolicy::parse(&t, &p))
        {
            Ok(pol) => pol,
            Err(e) => {
                eprintln!("kensa: policy {e}");
                return ExitCode::from(EXIT_INPUT);
            }
        },
    };
    let mut engine = Engine::new(policy, kensa::now());
    let mut select = config.0.select.clone();
    select.extend(common.select.iter().cloned());
    let mut ignore = config.0.ignore.clone();
    ignore.extend(common.ignore.iter().cloned());
    engine.selection = Selection { select, ignore };
    let unknown = engine.selection.unknown();
    if !unknown.is_empty() {
        eprintln!(
            "kensa: {} {}",
            if lang == Lang::Ja {
                "該当するルールがない指定:"
            } else {
                "selectors that match no rule:"
            },
            unknown.join(", ")
        );
        return ExitCode::from(EXIT_INPUT);
    }
    engine.options = config.0.rules.clone();
    engine.waivers = config.0.waivers.clone();
    engine.assume = std::sync::Arc::new(config.0.assume.clone());

    let color = match common.color.as_str() {
        "always" => true,
        "never" => false,
        _ => common.output.is_none() && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut store = FindingStore::new(common.output_format, lang, color);
    let mut out_file = None;
    if streamable && kensa::report::streams(common.output_format) {
        out_file = match start_stream(&common, &engine.policy, lang, &mut store) {
            Ok(f) => f,
            Err(code) => return code,
        };
    }
    let (inputs, endpoints, skipped) = match job(&engine, &mut store) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("kensa: {e}");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    if let Some(path) = &config.1 {
        let origin = kensa::model::Origin::file(path.as_str().into(), 0, 0, (0, 0), "kensa.toml [[waiver]]");
        let findings = engine.waiver_findings(&origin);
        let group = GroupCtx {
            key: path,
            format: None,
            error: None,
        };
        if let Err(e) = store.add(group, &findings) {
            eprintln!("kensa: {e}");
            return ExitCode::from(EXIT_INPUT);
        }
    }
    if out_file.is_none() {
        if let Some(path) = &common.output {
            match create_output(path) {
                Ok(f) => out_file = Some(f),
                Err(code) => return code,
            }
        }
    }
    let streamed = store.finish_stream();
    if streamed.is_none() {
        // Spilled findings go from the temporary file to the output by the kernel.
        let direct = match &out_file {
            Some(f) => f.try_clone(),
            None => stdout_file(),
        };
        if let Ok(d) = direct {
            store.copy_directly_to(d);
        }
    }
    let report = Report {
        inputs: &inputs,
        endpoints: &endpoints,
        findings: &store,
        policy: &engine.policy,
        lang,
        skipped,
    };
    let written = match (streamed, out_file) {
        (Some((file, any)), _) => {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
            report
                .write_tail(any, &mut w)
                .and_then(|_| w.flush())
                .and_then(|_| store.blank_dropped(w.get_ref()))
        }
        (None, Some(f)) => {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
            report.write(&mut w).and_then(|_| w.flush())
        }
        (None, None) => {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            report.write(&mut w).and_then(|_| w.flush())
        }
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("kensa: {e}");
        }
        return ExitCode::from(EXIT_INPUT);
    }
    let fail_on = common.fail_on.or(config.0.fail_on).unwrap_or(FailOn::Error);
    let code = if report.failed_inputs() > 0 {
        ExitCode::from(EXIT_INPUT)
    } else if store.any_severity(|s| fail_on.trips(s)) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing every input's record and diagnostics one by one was
    // a serial ~15 ms on a 10,000-file run that the kernel does at exit anyway.
    std::mem::forget(inputs);
    code
}

/// A JSON or SARIF report to a file takes each input's findings as soon as they are judged,
/// instead of holding them in a temporary file (five times the input on a fleet) until
/// every input is read: its head needs nothing from the run. Opens the `-o` file (returned
/// for the report's writer) and, when it or standard output can take it, writes the head
/// and sets `store` streaming.
fn start_stream(common: &Common, policy: &TlsPolicy, lang: Lang, store: &mut FindingStore) -> Result<Option<std::fs::File>, ExitCode> {
    let mut out_file = None;
    let target = match &common.output {
        Some(path) => {
            let file = create_output(path)?;
            let dup = file.try_clone().ok();
            out_file = Some(file);
            dup
        }
        // Standard output redirected to a file (`> report.json`) streams too, unless it
        // appends (`>>`): writes then ignore the offsets that blanking needs.
        None => stdout_file().ok().filter(|f| !appends(f)),
    };
    let Some(mut file) = target else { return Ok(out_file) };
    let Some(at) = seekable_at(&file) else { return Ok(out_file) };
    let mut head = Vec::new();
    kensa::report::write_head(common.output_format, policy, lang, &mut head)
        .and_then(|_| file.write_all(&head))
        .map_err(|e| {
            eprintln!("kensa: {e}");
            ExitCode::from(EXIT_INPUT)
        })?;
    store.stream_to(file, at + head.len() as u64);
    Ok(out_file)
}

/// Creates (truncates) the `-o` file; an error is reported and becomes the exit code.
fn create_output(path: &std::path::Path) -> Result<std::fs::File, ExitCode> {
    std::fs::File::create(path).map_err(|e| {
        eprintln!("kensa: {}: {e}", path.display());
        ExitCode::from(EXIT_INPUT)
    })
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

/// Whether `file` was opened for appending, as /proc tells (Linux); assumed elsewhere.
fn appends(file: &std::fs::File) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let Ok(info) = std::fs::read_to_string(format!("/proc/self/fdinfo/{}", file.as_raw_fd())) else {
            return true;
        };
        let flags = info
            .lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok());
        flags.is_none_or(|f| f & libc::O_APPEND as u32 != 0)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        true
    }
}

/// A second descriptor for standard output (sharing its offset), for kernel copies.
#[cfg(unix)]
fn stdout_file() -> std::io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    std::io::stdout().as_fd().try_clone_to_owned().map(std::fs::File::from)
}

#[cfg(not(unix))]
fn stdout_file() -> std::io::Result<std::fs::File> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// The config named by --config, else ./kensa.toml if present, else defaults.
fn load_config(common: &Common) -> Result<(Config, Option<String>), String> {
    let path = match &common.config {
        Some(p) => Some(p.clone()),
        None => Some(std::path::PathBuf::from("kensa.toml")).filter(|p| p.is_file()),
    };
    let Some(path) = path else {
        return Ok((Config::default(), None));
    };
    let shown = path.to_string_lossy().into_owned();
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{shown}: {e}"))?;
    Config::parse(&text).map(|c| (c, Some(shown.clone()))).map_err(|e| format!("{shown}: {e}"))
}

fn print_rules(lang: Lang, json: bool) {
    let rules = registry::all();
    if json {
        let v: Vec<_> = rules
            .iter()
            .map(|r| serde_json::json!({"code": r.meta.code, "name": r.meta.name, "family": r.meta.family, "clauses": r.meta.clauses, "severity": r.meta.severity, "title": r.meta.title.get(lang)}))
            .collect();
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return;
    }
    for r in rules {
        println!(
            "{:<8} {:<8} {:<14} {}",
            r.meta.code,
            r.meta.severity.name(),
            r.meta.clauses.join(","),
            r.meta.title.get(lang)
        );
    }
}
