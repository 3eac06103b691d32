//! The lint driver: expand paths, parse every file in parallel, drop files that another
//! input already includes, and run the rules. Never touches the network.

use crate::formats::{parse_path, Format, ParsedInput};
use crate::rules::{Engine, Finding};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Directory walks stop at this many files (a mistaken `kensa lint /` must end).
pub const MAX_WALK_FILES: usize = 200_000;

/// A file to read and how it was found.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    pub shown: String,
    /// Named on the command line (an unknown format is then an error, not a skip).
    pub explicit: bool,
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
                });
            }
        }
        // Depth-first in sorted order: push in reverse so the first sorted dir pops first.
        stack.extend(subdirs.into_iter().rev());
    }
}

/// Parses all inputs in parallel. Files of unknown format found by a directory walk are
/// skipped (counted); explicit ones keep their "unknown format" error.
pub fn parse_all(files: &[InputFile], forced: Option<Format>, now: i64) -> (Vec<ParsedInput>, usize) {
    let parsed: Vec<(ParsedInput, bool)> = files.par_iter().map(|f| parse_one(f, forced, now)).collect();
    let (kept, skipped): (Vec<_>, Vec<_>) = parsed.into_iter().partition(|(_, keep)| *keep);
    let mut kept: Vec<ParsedInput> = kept.into_iter().map(|(p, _)| p).collect();
    let top = top_level(files, &kept);
    let mut i = 0;
    kept.retain(|_| {
        i += 1;
        top[i - 1]
    });
    (kept, skipped.len())
}

/// Parses and checks every input in parallel, dropping each model as soon as the rules
/// have seen it, so memory holds the findings and per-file facts, never every model at
/// once (`kensa lint` on 10,000 files). Same inputs, findings and order as
/// [`parse_all`] followed by [`check_all`]; the returned inputs have empty models.
pub fn lint_all(engine: &Engine, files: &[InputFile], forced: Option<Format>, now: i64) -> (Vec<ParsedInput>, Vec<Finding>, usize) {
    let done: Vec<(ParsedInput, Vec<Finding>, bool)> = files
        .par_iter()
        .map(|f| {
            let (mut p, keep) = parse_one(f, forced, now);
            let findings = if keep { engine.check(&p.model) } else { Vec::new() };
            p.model = Default::default();
            (p, findings, keep)
        })
        .collect();
    let skipped = done.iter().filter(|(_, _, keep)| !keep).count();
    let (inputs, per): (Vec<ParsedInput>, Vec<Vec<Finding>>) = done.into_iter().filter(|(_, _, keep)| *keep).map(|(p, f, _)| (p, f)).unzip();
    let top = top_level(files, &inputs);
    let mut findings = Vec::new();
    let mut kept = Vec::with_capacity(inputs.len());
    for ((p, f), is_top) in inputs.into_iter().zip(per).zip(top) {
        if is_top {
            kept.push(p);
            findings.extend(f);
        }
    }
    (kept, findings, skipped)
}

/// Reads one input; `false` when a directory walk found a file of no known format.
fn parse_one(f: &InputFile, forced: Option<Format>, now: i64) -> (ParsedInput, bool) {
    // A walked file is only parsed when its format is known or forced.
    if !f.explicit && forced.is_none() && !crate::formats::detect::plausible(&f.path) {
        return (skipped(f), false);
    }
    let p = parse_path(&f.path, &f.shown, forced, now);
    let keep = f.explicit || p.format.is_some();
    (p, keep)
}

/// Which inputs stand on their own: a file another input includes is checked as part of
/// that input, not twice (unless it was named on the command line).
fn top_level(files: &[InputFile], inputs: &[ParsedInput]) -> Vec<bool> {
    let included: HashSet<&str> = inputs.iter().flat_map(|p| p.included.iter().map(|s| &**s)).collect();
    let explicit: HashSet<&str> = files.iter().filter(|f| f.explicit).map(|f| f.shown.as_str()).collect();
    inputs.iter().map(|p| explicit.contains(&*p.path) || !included.contains(&*p.path)).collect()
}

fn skipped(f: &InputFile) -> ParsedInput {
    ParsedInput {
        path: std::sync::Arc::from(f.shown.as_str()),
        format: None,
        lines: 0,
        unrecognized_lines: 0,
        included: Vec::new(),
        diagnostics: Vec::new(),
        model: Default::default(),
    }
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
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("snippets")).unwrap();
        std::fs::write(d.join("snippets/tls.conf"), "ssl_protocols TLSv1 TLSv1.2;\n").unwrap();
        std::fs::write(
            d.join("nginx.conf"),
            "http {\n  server {\n    listen 443 ssl;\n    include snippets/*.conf;\n  }\n}\n",
        )
        .unwrap();
        std::fs::write(d.join("other.conf"), "server {\n  listen 8443 ssl;\n  ssl_protocols TLSv1.1 TLSv1.3;\n}\n").unwrap();
        std::fs::write(d.join("README.md"), "# not a config\n").unwrap();
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
        assert_eq!(a_skipped, 2);
        assert!(
            !paths(&b_inputs).iter().any(|p| p.ends_with("tls.conf")),
            "the snippet is checked through nginx.conf only"
        );
        let key = |v: &[Finding]| v.iter().map(|f| (f.rule, f.subject.clone(), f.origin.line)).collect::<Vec<_>>();
        assert_eq!(key(&a_findings), key(&b_findings));
        for subject in ["nginx server _:443", "nginx server _:8443"] {
            assert!(
                b_findings.iter().any(|f| f.rule == "TLS001" && f.subject == subject),
                "TLS001 on {subject}: {:?}",
                key(&b_findings)
            );
        }
        assert!(b_inputs.iter().all(|p| p.model.is_empty()), "models are dropped once judged");
    }
}
