//! GitHub Actions workflow commands (`--output-format github`), as ruff writes them: one
//! `::error file=…,line=…,col=…,title=…::message` line per finding, which the runner shows
//! as an annotation on the file. Waived findings are accepted exceptions: none is written.

use crate::i18n::Lang;
use crate::rules::{Finding, Severity};
use std::fmt::Write as _;

/// One line per unwaived finding of a group.
pub fn fragment(findings: &[Finding], lang: Lang) -> Vec<u8> {
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.waiver.is_none()) {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let _ = write!(out, "::{level} ");
        match (&f.origin.path, &f.origin.target) {
            (Some(path), _) => {
                let _ = write!(out, "file={},", property(path));
                if f.origin.line > 0 {
                    let _ = write!(out, "line={},col={},", f.origin.line, f.origin.column.max(1));
                }
            }
            (None, Some(target)) => {
                // A probed endpoint is no file in the repository: named in the message.
                let _ = write!(out, "title={} ({})::{}: ", property(f.rule), property(&f.meta.name), data(target));
                out.push_str(&data(&f.message(lang)));
                out.push('\n');
                continue;
            }
            (None, None) => {}
        }
        let _ = writeln!(out, "title={} ({})::{}", property(f.rule), property(&f.meta.name), data(&f.message(lang)));
    }
    out.into_bytes()
}

/// A command's message: `%`, CR and LF escaped (the runner's own escaping).
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value: also `:` and `,`, which end a property.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_as_the_runner_reads() {
        assert_eq!(super::data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(super::property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
