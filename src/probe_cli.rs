//! Glue between `kensa probe` and the probe engine: target lists, options, a progress bar
//! on a terminal, and conversion to the report's endpoint records.

use crate::probe::scan::{parse_targets_file, probe_targets, ProbeOptions, Target};
use crate::probe::StartTls;
use crate::report::ProbedEndpoint;
use std::io::IsTerminal;
use std::path::Path;

/// What `kensa probe` was asked beyond its targets.
#[derive(Debug, Clone, Default)]
pub struct ProbeArgs<'a> {
    pub sni: Option<&'a str>,
    pub concurrency: usize,
    pub timeout_ms: u64,
    /// `--starttls PROTO`: for targets that name no protocol.
    pub starttls: Option<&'a str>,
    /// `--ca FILE`: trust anchors instead of the system store.
    pub ca_file: Option<&'a Path>,
}

pub fn run(targets: &[String], file: Option<&Path>, args: &ProbeArgs<'_>) -> Result<Vec<ProbedEndpoint>, String> {
    let starttls = match args.starttls {
        None => None,
        Some(name) => Some(StartTls::parse(name).ok_or_else(|| {
            let known: Vec<&str> = StartTls::ALL.iter().map(|p| p.name()).collect();
            format!("--starttls {name}: unknown protocol (known: {})", known.join(", "))
        })?),
    };
    let mut list = Vec::new();
    for t in targets {
        list.push(Target::parse_as(t, starttls)?);
    }
    if let Some(f) = file {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {}", f.display(), crate::source::io_reason(&e)))?;
        list.extend(parse_targets_file(&text, starttls).map_err(|e| format!("{}: {e}", f.display()))?);
    }
    if list.is_empty() {
        return Err("no targets given (TARGET... or --targets FILE)".into());
    }
    if let Some(ca) = args.ca_file {
        crate::probe::trust::anchors(Some(ca))?;
    }
    let opts = ProbeOptions {
        sni: args.sni.map(str::to_string),
        concurrency: args.concurrency.max(1),
        timeout_ms: args.timeout_ms.max(1),
        ca_file: args.ca_file.map(Path::to_path_buf),
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(list.len() as u64);
        b.set_style(indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()));
        b
    });
    let tick = |done: usize| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    };
    let results = probe_targets(&list, &opts, Some(&tick));
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(results
        .into_iter()
        .map(|r| ProbedEndpoint {
            target: r.target,
            endpoint: r.endpoint,
            handshakes: r.handshakes,
            elapsed_ms: r.elapsed_ms,
            error: r.error,
            try_sni: r.try_sni,
            notes: r.notes,
        })
        .collect())
}
