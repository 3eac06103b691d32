//! Format detection on arbitrary text, under a few file names (the name is checked first,
//! then the content is scored).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for name in ["fuzz", "conf.d/site.conf", "/etc/nginx/sites-enabled/default", "/etc/haproxy/x.cfg"] {
        let _ = kensa::formats::detect::detect(Path::new(name), s);
    }
});
