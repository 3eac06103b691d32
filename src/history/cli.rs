//! `kensa scan`, `kensa diff` and `kensa history`: what each does with the store, and its
//! exit code (0 nothing to report, 1 new/returned/worse findings at or above --fail-on,
//! 2 usage, store or input problems; docs/scheduling.md).

use super::backend::Location;
use super::observe::{file_scope, target_scope, Observed};
use super::render;
use super::{RunInfo, Store};
use crate::cli::{HistoryAction, StoreArgs};
use crate::config::{Config, FailOn};
use crate::i18n::Lang;
use crate::lint::InputFile;
use crate::probe::scan::{parse_targets_file, probe_targets, ProbeOptions, Target};
use crate::rules::Engine;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const EXIT_OK: u8 = 0;
pub const EXIT_CHANGES: u8 = 1;
pub const EXIT_PROBLEM: u8 = 2;

/// The store `--db` names, else `.kensa/history.db` beside kensa.toml (or in the working
/// directory).
pub fn location(args: &StoreArgs, config_path: Option<&Path>) -> Location {
    match &args.db {
        Some(spec) => Location::parse(spec),
        None => {
            let base = config_path.and_then(Path::parent).filter(|p| !p.as_os_str().is_empty());
            Location::Sqlite(base.map_or_else(|| PathBuf::from(super::DEFAULT_FILE), |b| b.join(super::DEFAULT_FILE)))
        }
    }
}

pub fn site(args: &StoreArgs) -> String {
    args.site
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| super::DEFAULT_SITE.to_string())
}

/// What `kensa scan` was asked beyond the inventory.
#[derive(Debug, Clone)]
pub struct ScanRequest {
    pub targets: Vec<String>,
    pub targets_file: Option<PathBuf>,
    pub concurrency: usize,
    pub timeout_ms: u64,
    pub ca: Option<PathBuf>,
    pub fail_on: FailOn,
}

/// One endpoint to probe, with the server name its inventory entry sends.
struct ScanTarget {
    target: Target,
    sni: Option<String>,
}

fn say(lang: Lang, ja: &str, en: &str) -> String {
    if lang == Lang::Ja {
        ja.to_string()
    } else {
        en.to_string()
    }
}

/// Runs a scan: probes and lints, stores the run, prints what changed since the last
/// complete run, returns the exit code.
pub fn scan(engine: &Engine, config: &Config, config_path: Option<&Path>, args: &StoreArgs, req: &ScanRequest, lang: Lang) -> u8 {
    match scan_inner(engine, config, config_path, args, req, lang) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("kensa: {e}");
            EXIT_PROBLEM
        }
    }
}

fn scan_inner(engine: &Engine, config: &Config, config_path: Option<&Path>, args: &StoreArgs, req: &ScanRequest, lang: Lang) -> Result<u8, String> {
    let targets = scan_targets(config, req)?;
    let base = config_path.and_then(Path::parent);
    let paths: Vec<PathBuf> = config
        .devices
        .iter()
        .flat_map(|d| d.paths.iter().map(|p| crate::inventory::device_path(base, p)))
        .collect();
    if targets.is_empty() && paths.is_empty() {
        return Err(say(
            lang,
            "点検対象がありません: kensa.toml に [[target]] / [[device]] を書くか、接続先を引数か --targets FILE で指定してください",
            "nothing to scan: list [[target]] / [[device]] entries in kensa.toml, or give targets as arguments or --targets FILE",
        ));
    }
    if let Some(ca) = &req.ca {
        crate::probe::trust::anchors(Some(ca))?;
    }
    let location = location(args, config_path);
    let site = site(args);
    let mut store = Store::open_to_write(location, &site)?;
    let started = crate::now();
    let run = store.start_run(started)?;

    let mut seen = Observed {
        targets: targets.len(),
        ..Default::default()
    };
    probe_into(engine, &targets, req, &mut seen);
    let missing = lint_into(engine, &paths, &mut seen);
    for m in &missing {
        seen.gaps.push((file_scope(m), "unreadable".into()));
    }
    store.record(run, &seen, crate::now().max(started))?;

    let this = store.run(run)?;
    let previous = store.previous_complete(run)?.unwrap_or(RunInfo {
        id: 0,
        started_at: 0,
        finished_at: Some(0),
        kensa_version: String::new(),
        targets: 0,
        inputs: 0,
    });
    let diff = store.diff(&previous, &this)?.in_lang(lang);
    let mut out = std::io::stdout().lock();
    render::write_diff(&diff, &site, args.output_format, lang, &mut out)
        .and_then(|_| out.flush())
        .map_err(|e| e.to_string())?;
    let problems = seen.gaps.iter().filter(|(_, r)| r != "not_scanned").count();
    let alarming = diff
        .changes
        .iter()
        .any(|c| c.change.alarms() && !c.waived && req.fail_on.trips(super::observe::severity_from_number(c.severity_n)));
    if problems > 0 {
        eprintln!(
            "kensa: {}",
            if lang == Lang::Ja {
                format!("終了コード 2: {problems} 件の接続先またはファイルを点検できませんでした (実行 {run} は記録済み。それらの所見は解消扱いにしていません)")
            } else {
                format!("exit 2: {problems} target(s) or file(s) could not be judged (run {run} is stored; their findings were not taken as resolved)")
            }
        );
        return Ok(EXIT_PROBLEM);
    }
    Ok(if alarming { EXIT_CHANGES } else { EXIT_OK })
}

/// The inventory's targets, then those given as arguments and in --targets FILE.
fn scan_targets(config: &Config, req: &ScanRequest) -> Result<Vec<ScanTarget>, String> {
    let mut out = Vec::new();
    for t in &config.targets {
        out.push(ScanTarget {
            target: t.parsed()?,
            sni: t.sni.clone(),
        });
    }
    for t in &req.targets {
        out.push(ScanTarget {
            target: Target::parse(t)?,
            sni: None,
        });
    }
    if let Some(f) = &req.targets_file {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {}", f.display(), crate::source::io_reason(&e)))?;
        for target in parse_targets_file(&text, None).map_err(|e| format!("{}: {e}", f.display()))? {
            out.push(ScanTarget { target, sni: None });
        }
    }
    // The same endpoint named twice is probed once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|t| seen.insert((t.target.to_string(), t.sni.clone())));
    Ok(out)
}

/// Probes every target (grouped by the server name they send) and judges what answered.
fn probe_into(engine: &Engine, targets: &[ScanTarget], req: &ScanRequest, seen: &mut Observed) {
    let mut groups: Vec<(Option<String>, Vec<Target>)> = Vec::new();
    for t in targets {
        match groups.iter_mut().find(|(s, _)| *s == t.sni) {
            Some((_, list)) => list.push(t.target.clone()),
            None => groups.push((t.sni.clone(), vec![t.target.clone()])),
        }
    }
    for (sni, list) in groups {
        let opts = ProbeOptions {
            sni,
            concurrency: req.concurrency.max(1),
            timeout_ms: req.timeout_ms.max(1),
            ca_file: req.ca.clone(),
        };
        for r in probe_targets(&list, &opts, None) {
            let scope = target_scope(&r.target);
            match &r.endpoint {
                Some(ep) => {
                    let findings = engine.check(&crate::model::Model {
                        tls_endpoints: vec![ep.clone()],
                        ..Default::default()
                    });
                    seen.findings.extend(findings.iter().map(|f| super::ObservedFinding::new(f, scope.clone())));
                    seen.add_endpoint(&r.target, ep);
                    seen.judged.insert(scope);
                }
                None => seen.gaps.push((scope, "unreachable".into())),
            }
        }
    }
}

/// Lints the inventory's files; returns the paths that do not exist.
fn lint_into(engine: &Engine, paths: &[PathBuf], seen: &mut Observed) -> Vec<String> {
    if paths.is_empty() {
        return Vec::new();
    }
    let (files, missing) = crate::lint::expand_paths(paths);
    let files: Vec<InputFile> = files;
    let (inputs, findings, _skipped) = crate::lint::lint_all(engine, &files, None, engine.now);
    seen.inputs = inputs.len();
    for input in &inputs {
        let scopes = std::iter::once(&input.path).chain(input.included.iter());
        if input.error().is_some() {
            seen.gaps.push((file_scope(&input.path), "unreadable".into()));
        } else {
            seen.judged.extend(scopes.map(|p| file_scope(p)));
        }
    }
    seen.add_findings(&findings);
    missing.into_iter().map(|(shown, _)| shown).collect()
}

/// `kensa diff`.
pub fn diff(args: &StoreArgs, from: Option<&str>, to: Option<&str>, lang: Lang) -> u8 {
    let run = || -> Result<u8, String> {
        let mut store = open_to_read(args)?;
        let (a, b) = store.pick_runs(from, to)?;
        let d = store.diff(&a, &b)?.in_lang(lang);
        let mut out = std::io::stdout().lock();
        render::write_diff(&d, &store.site, args.output_format, lang, &mut out).map_err(|e| e.to_string())?;
        Ok(EXIT_OK)
    };
    report(run())
}

/// `kensa history [certs | prune]`.
pub fn history(args: &StoreArgs, action: Option<&HistoryAction>, lang: Lang) -> u8 {
    let run = || -> Result<u8, String> {
        let mut out = std::io::stdout().lock();
        match action {
            None => {
                let mut store = open_to_read(args)?;
                let mut rows = Vec::new();
                for r in store.runs()? {
                    let open = if r.complete() { store.open_count(r.id)? } else { 0 };
                    rows.push((r, open));
                }
                render::write_runs(&rows, &store.site, args.output_format, lang, &mut out)
            }
            Some(HistoryAction::Certs) => {
                let mut store = open_to_read(args)?;
                let certs = store.certificates(crate::now())?;
                render::write_certs(&certs, &store.site, args.output_format, lang, &mut out)
            }
            Some(HistoryAction::Prune { keep, older_than_days }) => {
                if keep.is_none() && older_than_days.is_none() {
                    return Err(say(
                        lang,
                        "prune には --keep N か --older-than-days DAYS が必要です",
                        "prune needs --keep N or --older-than-days DAYS",
                    ));
                }
                let loc = location(args, config_path(args).as_deref());
                if let Location::Sqlite(p) = &loc {
                    if !p.is_file() {
                        return Err(format!("{}: no history store here (kensa scan makes one)", p.display()));
                    }
                }
                let mut store = Store::open_to_write(loc, &site(args))?;
                let before = older_than_days.map(|d| crate::now() - i64::from(d) * 86400);
                let p = store.prune(*keep, before)?;
                render::write_pruned(&p, args.output_format, lang, &mut out)
            }
        }
        .map_err(|e| e.to_string())?;
        Ok(EXIT_OK)
    };
    report(run())
}

fn report(r: Result<u8, String>) -> u8 {
    match r {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kensa: {e}");
            EXIT_PROBLEM
        }
    }
}

fn config_path(args: &StoreArgs) -> Option<PathBuf> {
    args.config.clone().or_else(|| Config::discover(None))
}

fn open_to_read(args: &StoreArgs) -> Result<Store, String> {
    Store::open_to_read(location(args, config_path(args).as_deref()), &site(args))
}
