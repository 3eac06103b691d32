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
pub fn parse_all(
    files: &[InputFile],
    forced: Option<Format>,
    now: i64,
) -> (Vec<ParsedInput>, usize) {
    let parsed: Vec<(ParsedInput, bool)> = files
        .par_iter()
        .map(|f| {
            let forced_here = if f.explicit || forced.is_none() {
                forced
            } else {
                forced
            };
            // A walked file is only parsed when its format is known or forced.
            if !f.explicit && forced.is_none() && !crate::formats::detect::plausible(&f.path) {
                return (skipped(f), false);
            }
            let p = parse_path(&f.path, &f.shown, forced_here, now);
            let keep = f.explicit || p.format.is_some();
            (p, keep)
        })
        .collect();
    let skipped_count = parsed.iter().filter(|(_, keep)| !keep).count();
    let mut kept: Vec<ParsedInput> = parsed
        .into_iter()
        .filter(|(_, k)| *k)
        .map(|(p, _)| p)
        .collect();
    // A file another input includes is checked as part of that input, not twice.
    let included: HashSet<std::sync::Arc<str>> = kept
        .iter()
        .flat_map(|p| p.included.iter().cloned())
        .collect();
    let explicit: HashSet<&str> = files
        .iter()
        .filter(|f| f.explicit)
        .map(|f| f.shown.as_str())
        .collect();
    kept.retain(|p| explicit.contains(&*p.path) || !included.contains(&p.path));
    (kept, skipped_count)
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
