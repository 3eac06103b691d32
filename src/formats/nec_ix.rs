//! NEC UNIVERGE IX: not written yet (issue 22). Replace this module following the walkthrough in
//! docs/architecture.md ("Adding a vendor").

use super::ParseCx;
use crate::source::SourceFile;
use std::sync::Arc;

/// Reads one `nec-ix` file into the model.
pub fn parse(_cx: &mut ParseCx, _src: &Arc<SourceFile>) {}
