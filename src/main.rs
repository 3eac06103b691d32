//! The `kensa` binary: argument parsing, exit codes and output selection. The work is in
//! the library.

use clap::Parser;
use kensa::cli::{Cli, Command, Common};
use kensa::config::{Config, FailOn};
use kensa::i18n::Lang;
use kensa::policy::TlsPolicy;
use kensa::report::{ProbedEndpoint, Report};
use kensa::rules::{registry, Engine, Finding, Selection};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Exit codes (design.md): findings at or above --fail-on = 1; usage or input errors = 2.
const EXIT_FINDINGS: u8 = 1;
const EXIT_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_INPUT } else { 0 });
        }
    };
    match cli.command {
        Command::Lint { paths, as_format, common } => run(common, |engine, _| {
            let now = engine.now;
            let (files, missing) = kensa::lint::expand_paths(&paths);
            // Parse and check file by file (models dropped as soon as judged).
            let (mut inputs, findings, skipped) = kensa::lint::lint_all(engine, &files, as_format, now);
            for (shown, err) in missing {
                inputs.push(kensa::formats::ParsedInput {
                    path: shown.as_str().into(),
                    format: as_format,
                    lines: 0,
                    unrecognized_lines: 0,
                    included: Vec::new(),
                    diagnostics: vec![kensa::diag::Diagnostic::file(
                        kensa::diag::DiagLevel::Error,
                        &shown.as_str().into(),
                        kensa::diag::DiagKind::Unreadable {
                            reason: kensa::source::io_reason(&err),
                        },
                    )],
                    model: Default::default(),
                });
            }
            Ok((inputs, Vec::new(), findings, skipped))
        }),
        Command::Probe {
            targets,
            targets_file,
            sni,
            concurrency,
            timeout_ms,
            common,
        } => run(common, |engine, _| {
            let eps = kensa::probe_cli::run(&targets, targets_file.as_deref(), sni.as_deref(), concurrency, timeout_ms)?;
            let mut findings = Vec::new();
            for p in &eps {
                if let Some(ep) = &p.endpoint {
                    let model = kensa::model::Model {
                        tls_endpoints: vec![ep.clone()],
                        ..Default::default()
                    };
                    findings.extend(engine.check(&model));
                }
            }
            Ok((Vec::new(), eps, findings, 0))
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

type RunResult = Result<(Vec<kensa::formats::ParsedInput>, Vec<ProbedEndpoint>, Vec<Finding>, usize), String>;

/// Loads config and policy, runs the job, prints the report, and maps the result to an exit
/// code.
fn run(common: Common, job: impl FnOnce(&Engine, Lang) -> RunResult) -> ExitCode {
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

    let (inputs, endpoints, mut findings, skipped) = match job(&engine, lang) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("kensa: {e}");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    if let Some(path) = &config.1 {
        let origin = kensa::model::Origin::file(path.as_str().into(), 0, 0, (0, 0), "kensa.toml [[waiver]]");
        findings.extend(engine.waiver_findings(&origin));
    }
    let report = Report {
        inputs: &inputs,
        endpoints: &endpoints,
        findings: &findings,
        policy: &engine.policy,
        lang,
        skipped,
    };
    let color = match common.color.as_str() {
        "always" => true,
        "never" => false,
        _ => common.output.is_none() && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let text = report.render(common.output_format, color);
    let written = match &common.output {
        Some(p) => std::fs::write(p, text.as_bytes()).map_err(|e| e.to_string()),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|_| out.flush()).map_err(|e| e.to_string())
        }
    };
    if let Err(e) = written {
        if !e.contains("Broken pipe") {
            eprintln!("kensa: {e}");
        }
        return ExitCode::from(EXIT_INPUT);
    }
    if report.failed_inputs() > 0 {
        return ExitCode::from(EXIT_INPUT);
    }
    let fail_on = common.fail_on.or(config.0.fail_on).unwrap_or(FailOn::Error);
    if findings.iter().any(|f| f.waiver.is_none() && fail_on.trips(f.severity)) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
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
