//! Glue between `kensa probe` and the probe engine.

use crate::report::ProbedEndpoint;
use std::path::Path;

pub fn run(
    _targets: &[String],
    _file: Option<&Path>,
    _sni: Option<&str>,
    _concurrency: usize,
    _timeout_ms: u64,
) -> Result<Vec<ProbedEndpoint>, String> {
    Err("the probe engine is not built into this version yet".into())
}
