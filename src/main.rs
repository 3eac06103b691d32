//! The `kensa` binary: argument parsing, exit codes and output selection. The work is in
//! the library.

use clap::{CommandFactory, Parser};
use kensa::cli::{AdvisoriesAction, Cli, Command, Common};
use kensa::config::{Config, FailOn};
use kensa::formats::Format;
use kensa::i18n::Lang;
use kensa::lint::InputFile;
use kensa::policy::TlsPolicy;
use kensa::report::{FindingStore, GroupCtx, OutputFormat, ProbedEndpoint, Sink, SinkError, SinkOptions};
use kensa::rules::{registry, Engine, Selection};
use std::io::Write;
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
            show_files,
            stdin_filename,
            common,
        } => {
            let lang = common.lang.unwrap_or_else(Lang::from_env);
            if show_files {
                let opts = std::sync::Arc::new(kensa::formats::ParseOptions { root, ..Default::default() });
                return match lint_inputs(&paths, as_format, stdin_filename.as_deref(), lang, &opts) {
                    Ok(files) => print_files(&files, as_format, lang),
                    Err(e) => {
                        eprintln!("kensa: {e}");
                        ExitCode::from(EXIT_INPUT)
                    }
                };
            }
            let first = paths.first().cloned();
            // The walk starts once the report file exists (one written into the walked
            // directory is then seen, and skipped, in every mode).
            run(common, first.as_deref(), true, |engine, store| {
                let opts = std::sync::Arc::new(kensa::formats::ParseOptions {
                    root,
                    assume: engine.assume.clone(),
                });
                let files = lint_inputs(&paths, as_format, stdin_filename.as_deref(), store.lang, &opts)?;
                let (inputs, skipped) = kensa::lint::lint_into(engine, &files, as_format, engine.now, store).map_err(|e| e.to_string())?;
                Ok((inputs, Vec::new(), skipped))
            })
        }
        Command::Probe {
            targets,
            targets_file,
            sni,
            concurrency,
            timeout_ms,
            starttls,
            ca,
            common,
        } => run(common, None, false, |engine, store| {
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
                let error = p.error.as_ref().map(|e| e.message(store.lang));
                let group = GroupCtx {
                    key: &p.target,
                    format: None,
                    error: error.as_deref(),
                };
                store.add(group, &findings).map_err(|e| e.to_string())?;
            }
            Ok((Vec::new(), eps, Vec::new()))
        }),
        Command::Scan {
            targets,
            targets_file,
            concurrency,
            timeout_ms,
            ca,
            fail_on,
            rules,
            store,
        } => {
            // The engine is set up as for `lint` and `probe`, from kensa.toml and the flags.
            let common = Common {
                lang: store.lang,
                fail_on,
                config: store.config.clone(),
                ..Common::with_rules(rules)
            };
            let (engine, lang, config) = match setup(&common, None) {
                Ok(x) => x,
                Err(code) => return code,
            };
            let request = kensa::history::cli::ScanRequest {
                targets,
                targets_file,
                concurrency,
                timeout_ms,
                ca,
                fail_on: fail_on.or(config.0.fail_on).unwrap_or(FailOn::Error),
            };
            let path = config.1.as_deref().map(std::path::Path::new);
            ExitCode::from(kensa::history::cli::scan(&engine, &config.0, path, &store, &request, lang))
        }
        Command::Diff { from, to, store } => {
            let lang = store.lang.unwrap_or_else(Lang::from_env);
            ExitCode::from(kensa::history::cli::diff(&store, from.as_deref(), to.as_deref(), lang))
        }
        Command::History { action, store } => {
            let lang = store.lang.unwrap_or_else(Lang::from_env);
            ExitCode::from(kensa::history::cli::history(&store, action.as_ref(), lang))
        }
        Command::Advisories { action } => advisories(action),
        Command::Report {
            paths,
            probe,
            examiner,
            json,
            as_format,
            root,
            sni,
            timeout_ms,
            ca,
            output,
            lang,
            config,
            rules,
        } => {
            let common = Common {
                output_format: if json { OutputFormat::Json } else { OutputFormat::Html },
                output,
                lang,
                config,
                ..Common::with_rules(rules)
            };
            let probe_args = kensa::probe_cli::ProbeArgs {
                sni: sni.as_deref(),
                concurrency: 16,
                timeout_ms,
                starttls: None,
                ca_file: ca.as_deref(),
            };
            run_report(&common, &paths, &probe, examiner, as_format, root, &probe_args)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "kensa", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Manpage => match clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kensa: {e}");
                ExitCode::from(EXIT_INPUT)
            }
        },
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
                    match lang {
                        Lang::Ja => eprintln!("ルール {code} はありません (kensa rules で一覧)"),
                        Lang::En => eprintln!("no rule {code} (see `kensa rules`)"),
                    }
                    ExitCode::from(EXIT_INPUT)
                }
            }
        }
    }
}

/// `kensa advisories update|status`. Update: exit 0 when the copy was replaced, 2 when
/// anything failed (the stored copy is then unchanged).
fn advisories(action: AdvisoriesAction) -> ExitCode {
    use kensa::advisories::{data_dir, for_run, update, AdvisoryTable};
    match action {
        AdvisoriesAction::Update { url, place } => {
            let lang = place.lang.unwrap_or_else(Lang::from_env);
            let dir = data_dir(place.data_dir.as_deref());
            match update::update(&url, dir.as_deref(), kensa::now()) {
                Ok(done) => {
                    println!("{}", done.message(lang));
                    let (table, _) = for_run(dir.as_deref());
                    println!("{}: {}", AdvisoryTable::heading(lang), table.summary(lang));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("kensa: {}", e.message(lang));
                    ExitCode::from(EXIT_INPUT)
                }
            }
        }
        AdvisoriesAction::Status { place } => {
            let lang = place.lang.unwrap_or_else(Lang::from_env);
            let dir = data_dir(place.data_dir.as_deref());
            let (table, problem) = for_run(dir.as_deref());
            println!("{}: {}", AdvisoryTable::heading(lang), table.summary(lang));
            if let Some(d) = &dir {
                let shown = d.join(kensa::advisories::FEED_FILE);
                let present = shown.is_file();
                match (lang, present) {
                    (Lang::Ja, true) => println!("ダウンロード済みのコピー: {}", shown.display()),
                    (Lang::Ja, false) => println!("ダウンロード済みのコピーはありません ({})", shown.display()),
                    (_, true) => println!("downloaded copy: {}", shown.display()),
                    (_, false) => println!("no downloaded copy ({})", shown.display()),
                }
            }
            match problem {
                Some(p) => {
                    eprintln!("kensa: {}", p.message(lang));
                    ExitCode::from(EXIT_INPUT)
                }
                None => ExitCode::SUCCESS,
            }
        }
    }
}

/// The files `kensa lint` reads: the paths expanded (directories walked), `-` as standard
/// input (which needs `--as`: there is no file name to go by). A path that does not exist
/// is kept, as an input that cannot be read.
/// The inputs of a lint run, each judged with `opts` (`--root`, kensa.toml `[assume]`).
fn lint_inputs(
    paths: &[std::path::PathBuf],
    as_format: Option<Format>,
    stdin_name: Option<&str>,
    lang: Lang,
    opts: &std::sync::Arc<kensa::formats::ParseOptions>,
) -> Result<Vec<InputFile>, String> {
    let ja = lang == Lang::Ja;
    let stdin = std::path::Path::new("-");
    let named: Vec<std::path::PathBuf> = paths.iter().filter(|p| p.as_path() != stdin).cloned().collect();
    let (mut files, missing) = kensa::lint::expand_paths(&named);
    if named.len() < paths.len() {
        if as_format.is_none() {
            return Err(if ja {
                "標準入力 (-) から読むときは --as で形式を指定してください".into()
            } else {
                "reading standard input (-) needs --as FORMAT".into()
            });
        }
        files.push(InputFile {
            path: "/dev/stdin".into(),
            shown: stdin_name.unwrap_or("-").to_string(),
            explicit: true,
            opts: opts.clone(),
        });
    }
    // A path that does not exist is kept as an input that could not be read.
    files.extend(missing.into_iter().map(|(shown, _)| InputFile {
        path: shown.clone().into(),
        shown,
        explicit: true,
        opts: opts.clone(),
    }));
    files.iter_mut().for_each(|f| f.opts = opts.clone());
    Ok(files)
}

/// `kensa lint --show-files`: every file found, with the format detected or why it was
/// skipped. Nothing is checked.
fn print_files(files: &[InputFile], as_format: Option<Format>, lang: Lang) -> ExitCode {
    let mut out = std::io::stdout().lock();
    for (input, skip) in kensa::lint::classify(files, as_format) {
        let what = match (skip, input.format, input.error()) {
            (Some(reason), _, _) => format!("{} ({})", if lang == Lang::Ja { "スキップ" } else { "skipped" }, reason.name()),
            (None, _, Some(e)) => e.kind.message(lang),
            (None, Some(format), None) => format.name().to_string(),
            (None, None, None) => String::new(),
        };
        if writeln!(out, "{}\t{what}", input.path).is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

/// kensa.toml and the path it was read from (as shown), if one was.
type LoadedConfig = (Config, Option<String>);

/// Loads kensa.toml and the policy and builds the engine with the selection, options,
/// waivers and assumptions: the same for every command that judges. Errors are printed.
fn setup(common: &Common, first: Option<&std::path::Path>) -> Result<(Engine, Lang, LoadedConfig), ExitCode> {
    let config = match load_config(common, first) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kensa: {e}");
            return Err(ExitCode::from(EXIT_INPUT));
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
                return Err(ExitCode::from(EXIT_INPUT));
            }
        },
    };
    let mut engine = Engine::new(policy, kensa::now());
    let (select, ignore) = kensa::config::selection(
        &config.0,
        common.select.as_deref(),
        &common.extend_select,
        common.ignore.as_deref(),
        &common.extend_ignore,
    );
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
        return Err(ExitCode::from(EXIT_INPUT));
    }
    // The known-exploited table: the shipped one, or with the KEV copy `kensa advisories
    // update` downloaded when that is newer. Only read here: lint never downloads.
    let (advisories, problem) = kensa::advisories::for_run(kensa::advisories::data_dir(None).as_deref());
    if let Some(p) = problem {
        let label = if lang == Lang::Ja { "警告" } else { "warning" };
        eprintln!("kensa: {label}: {}", p.message(lang));
    }
    kensa::advisories::set_in_use(advisories.clone());
    engine.advisories = advisories;
    engine.options = config.0.rules.clone();
    engine.waivers = config.0.waivers.clone();
    engine.assume = std::sync::Arc::new(config.0.assume.clone());
    Ok((engine, lang, config))
}

/// `kensa report`: judges the inputs and probes, and writes the hand-over report (HTML or
/// JSON). Exit 0 when written; 2 when nothing could be judged, an input could not be read
/// or a target not probed (the report is still written and says so), or on usage errors.
fn run_report(
    common: &Common,
    paths: &[std::path::PathBuf],
    probe: &[String],
    examiner: Option<String>,
    as_format: Option<Format>,
    root: Option<std::path::PathBuf>,
    probe_args: &kensa::probe_cli::ProbeArgs,
) -> ExitCode {
    if paths.is_empty() && probe.is_empty() {
        eprintln!("kensa: report needs PATH... or --probe TARGET");
        return ExitCode::from(EXIT_INPUT);
    }
    let (engine, lang, (config, config_path)) = match setup(common, paths.first().map(|p| p.as_path())) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let opts = std::sync::Arc::new(kensa::formats::ParseOptions {
        root,
        assume: engine.assume.clone(),
    });
    let built = lint_inputs(paths, as_format, None, lang, &opts).and_then(|files| {
        let (inputs, skipped) = kensa::lint::parse_all(&files, as_format, engine.now);
        let endpoints = if probe.is_empty() {
            Vec::new()
        } else {
            kensa::probe_cli::run(probe, None, probe_args)?
        };
        Ok((inputs, endpoints, skipped))
    });
    let (inputs, endpoints, skipped) = match built {
        Ok(x) => x,
        Err(e) => {
            eprintln!("kensa: {e}");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let mut site = config.site.clone();
    if examiner.is_some() {
        site.examiner = examiner;
    }
    let cover = kensa::report::handover::Cover {
        site,
        config: config_path,
        generated_at: kensa::run_time(),
        select: engine.selection.select.clone(),
        ignore: engine.selection.ignore.clone(),
    };
    let failed = kensa::report::failed_count(&inputs, &endpoints);
    let nothing = inputs.is_empty() && endpoints.is_empty();
    let report = kensa::report::handover::build(&engine, cover, inputs, endpoints, skipped);
    let written = kensa::report::sink::write_whole(common.output.as_deref(), |w| {
        if common.output_format == OutputFormat::Json {
            report.write_json(lang, w)
        } else {
            report.write_html(lang, w)
        }
    });
    if let Err(e) = written {
        return output_failed(&e);
    }
    if nothing {
        eprintln!("kensa: {}", nothing_reason(0, lang));
        return ExitCode::from(EXIT_INPUT);
    }
    if failed > 0 {
        eprintln!("kensa: {}", exit2_reason(failed, false, false, lang));
        return ExitCode::from(EXIT_INPUT);
    }
    ExitCode::SUCCESS
}

/// Inputs read (models dropped), probed endpoints, and files skipped; findings go to the store.
type RunResult = Result<(Vec<kensa::formats::ParsedInput>, Vec<ProbedEndpoint>, Vec<kensa::lint::Skipped>), String>;

/// Loads config and policy, runs the job, prints the report, and maps the result to an exit
/// code. A `streamable` job's JSON or SARIF report to a file (`-o`, or standard output
/// redirected to one) is written as it goes (`report::Sink`).
fn run(common: Common, first: Option<&std::path::Path>, streamable: bool, job: impl FnOnce(&Engine, &mut FindingStore) -> RunResult) -> ExitCode {
    let (engine, lang, config) = match setup(&common, first) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let opts = SinkOptions {
        format: common.output_format,
        lang,
        path: common.output.as_deref(),
        color: &common.color,
        statistics: common.statistics,
        streamable,
    };
    let mut sink = match Sink::open(opts, &engine.policy) {
        Ok(s) => s,
        Err(e) => return output_failed(&e),
    };
    let (inputs, endpoints, skipped) = match job(&engine, sink.store()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("kensa: {e}");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    if let Some(path) = &config.1 {
        let lines = &config.0.waiver_lines;
        let findings = engine.waiver_findings(|i| {
            let line = lines.get(i).copied().unwrap_or(0);
            kensa::model::Origin::file(path.as_str().into(), line, u32::from(line > 0), (0, 0), "kensa.toml [[waiver]]")
        });
        let group = GroupCtx {
            key: path,
            format: None,
            error: None,
        };
        if let Err(e) = sink.store().add(group, &findings) {
            eprintln!("kensa: {e}");
            return ExitCode::from(EXIT_INPUT);
        }
        waiver_warnings(&engine, lines, path, sink.findings(), lang);
    }
    if let Err(e) = sink.finish(&inputs, &endpoints, &skipped, &engine.policy) {
        return output_failed(&e);
    }
    let fail_on = common.fail_on.or(config.0.fail_on).unwrap_or(FailOn::Error);
    let failed = kensa::report::failed_count(&inputs, &endpoints);
    let tripped = sink.findings().any_severity(|s| fail_on.trips(s));
    let code = if inputs.is_empty() && endpoints.is_empty() {
        // Nothing was judged: never a green run.
        eprintln!("kensa: {}", nothing_reason(skipped.len(), lang));
        ExitCode::from(EXIT_INPUT)
    } else if failed > 0 {
        // Exit 2 wins (the run is incomplete), but never hides findings that fail the run:
        // standard error says so, and in JSON/SARIF modes gives the one-line reason.
        if common.output_format != OutputFormat::Human || tripped {
            eprintln!("kensa: {}", exit2_reason(failed, !endpoints.is_empty(), tripped, lang));
        }
        ExitCode::from(EXIT_INPUT)
    } else if tripped {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing every input's record and diagnostics one by one is
    // serial work the kernel does at exit anyway (docs/performance.md).
    std::mem::forget(inputs);
    code
}

/// A report that could not be written: said on standard error (unless the reader went
/// away), exit 2.
fn output_failed(e: &SinkError) -> ExitCode {
    if !e.is_broken_pipe() {
        eprintln!("kensa: {e}");
    }
    ExitCode::from(EXIT_INPUT)
}

/// Why a run that judged nothing exits 2.
fn nothing_reason(skipped: usize, lang: Lang) -> String {
    if lang == Lang::Ja {
        format!("終了コード 2: 点検できる設定ファイルがありませんでした (形式不明などでスキップしたファイル {skipped} 件。--show-files で一覧)")
    } else {
        format!("exit 2: found no configuration to check ({skipped} file(s) skipped; --show-files lists them)")
    }
}

/// Why a run exits 2, in one line: inputs not read or targets not probed, and whether
/// findings that fail the run were found besides (which would have made it exit 1).
fn exit2_reason(failed: usize, probing: bool, tripped: bool, lang: Lang) -> String {
    let what = match (lang, probing) {
        (Lang::Ja, false) => format!("{failed} 件の入力を読み込めないか解析できませんでした"),
        (Lang::Ja, true) => format!("{failed} 件の接続先を測定できませんでした"),
        (_, false) => format!("{failed} input(s) could not be read or parsed"),
        (_, true) => format!("{failed} target(s) could not be probed"),
    };
    match (lang, tripped) {
        (Lang::Ja, false) => format!("終了コード 2: {what}"),
        (Lang::Ja, true) => format!("終了コード 2: {what}。--fail-on に達する所見もあります (それだけなら終了コード 1)"),
        (_, false) => format!("exit 2: {what}"),
        (_, true) => format!("exit 2: {what}; findings at or above --fail-on were also found (exit 1 otherwise)"),
    }
}

/// Warns about waivers that name no rule, or that waived nothing in this run (a waiver
/// that outlived its reason should be removed), each with its line in kensa.toml.
fn waiver_warnings(engine: &Engine, lines: &[u32], path: &str, store: &FindingStore, lang: Lang) {
    let today = engine.now.div_euclid(86400);
    for (i, w) in engine.waivers.iter().enumerate() {
        let at = format!("{path}:{}", lines.get(i).copied().unwrap_or(0));
        let family = w.rule.chars().all(|c| c.is_ascii_alphabetic());
        let known = registry::all()
            .iter()
            .any(|r| r.meta.code == w.rule || family && r.meta.code.starts_with(&w.rule));
        let expired = w.expires_day().is_none_or(|d| d < today);
        let used = store.waivers_used.contains(&(w.rule.clone(), w.subject.clone()));
        let what = match (known, used || expired, lang) {
            (false, _, Lang::Ja) => format!("例外承認のルール {} は存在しません", w.rule),
            (false, _, _) => format!("waiver names no rule: {}", w.rule),
            (true, false, Lang::Ja) => format!("例外承認 ({} {}) に該当する所見がありません", w.rule, w.subject),
            (true, false, _) => format!("waiver matches no finding: {} {}", w.rule, w.subject),
            (true, true, _) => continue,
        };
        let label = if lang == Lang::Ja { "警告" } else { "warning" };
        eprintln!("kensa: {label}: {at}: {what}");
    }
}

/// The config named by --config, else the nearest kensa.toml above the first path, else
/// ./kensa.toml, else defaults.
fn load_config(common: &Common, first: Option<&std::path::Path>) -> Result<LoadedConfig, String> {
    let path = match &common.config {
        Some(p) => Some(p.clone()),
        None => Config::discover(first),
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
            r.meta.severity.label(lang),
            r.meta.clauses.join(","),
            r.meta.title.get(lang)
        );
    }
}
