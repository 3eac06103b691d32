//! nginx parser on arbitrary input: any UTF-8 text goes straight to the parser; any bytes
//! also go through the source decoder (binary sniffing, BOM, UTF-16, Shift_JIS fallback) first.
//! The parser must never panic or hang, whatever it is given.
#![no_main]

use kensa::formats::{parse_text, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = parse_text(Format::Nginx, "fuzz", s);
    }
    if let Ok((src, _diags)) = kensa::source::decode(data.to_vec(), "fuzz".into()) {
        let _ = parse_text(Format::Nginx, "fuzz", &src.text);
    }
});
