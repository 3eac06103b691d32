//! stub

use crate::formats::ParseCx;
use crate::source::SourceFile;

pub fn parse(_cx: &mut ParseCx, _src: &SourceFile) {}
