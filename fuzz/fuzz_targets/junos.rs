#![no_main]
//! Any UTF-8 input: the junos parser must return (diagnostics, never a panic or a hang).

use kensa::formats::{parse_text, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = parse_text(Format::Junos, "fuzz", s);
    }
});
