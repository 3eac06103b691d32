//! Japanese and English. Everything a person reads exists in both.

use serde::{Deserialize, Serialize};

pub mod notes;
pub mod subjects;
mod words;

pub(crate) use words::terms;
pub use words::{Term, Words};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    #[default]
    En,
}

impl Lang {
    /// From LANG / LC_ALL / LC_MESSAGES: Japanese when the locale starts with "ja".
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                return if v.to_ascii_lowercase().starts_with("ja") { Lang::Ja } else { Lang::En };
            }
        }
        Lang::En
    }
}

/// A text in both languages, as stored in rule TOML files.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Text {
    pub ja: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    /// Fills `{name}` placeholders from `args`; unknown placeholders stay as written.
    pub fn render(&self, lang: Lang, args: &[(String, String)]) -> String {
        fill(self.get(lang), args)
    }
}

pub fn fill(template: &str, args: &[(String, String)]) -> String {
    fill_with(template, |key| args.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()))
}

/// [`fill`] with a lookup function (no argument list to build).
pub fn fill_with<'a>(template: &str, lookup: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    fill_each(template, lookup, |piece| out.push_str(piece));
    out
}

/// A message template split once at its `{placeholders}`, its literal text already
/// rendered for one output (JSON-escaped): filling it copies the literals and renders only
/// the values. Splits as [`fill_each`] does, unknown placeholders included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Literal(Box<[u8]>),
    /// A placeholder's name, and the placeholder as written, rendered (emitted when the
    /// finding has no such value).
    Value {
        key: Box<str>,
        written: Box<[u8]>,
    },
}

/// Splits `template` into [`Piece`]s, rendering literal text with `render`.
pub fn split_template(template: &str, render: impl Fn(&str) -> Vec<u8>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        literal.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            literal.push_str(&rest[open..]);
            rest = "";
            break;
        };
        if !literal.is_empty() {
            pieces.push(Piece::Literal(render(&std::mem::take(&mut literal)).into()));
        }
        pieces.push(Piece::Value {
            key: after[..close].into(),
            written: render(&rest[open..open + close + 2]).into(),
        });
        rest = &after[close + 1..];
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        pieces.push(Piece::Literal(render(&literal).into()));
    }
    pieces
}

/// [`fill_with`] handing the filled text to `emit` piece by piece instead of building a
/// string (the JSON report escapes the pieces straight into its output).
pub fn fill_each<'a>(template: &str, lookup: impl Fn(&str) -> Option<&'a str>, mut emit: impl FnMut(&str)) {
    let mut rest = template;
    // memchr's SIMD search: called for every finding's message, where core's byte search
    // showed in profiles. Braces are ASCII, so byte offsets are character boundaries.
    while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
        emit(&rest[..open]);
        let after = &rest[open + 1..];
        match memchr::memchr(b'}', after.as_bytes()) {
            Some(close) => {
                let key = &after[..close];
                match lookup(key) {
                    Some(v) => emit(v),
                    None => emit(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                emit(&rest[open..]);
                rest = "";
            }
        }
    }
    emit(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A split template, filled, gives what `fill_each` gives, for every way a template can
    /// hold braces.
    #[test]
    fn split_template_fills_as_fill_each_does() {
        let values = [("x", "V\"1\""), ("subject", "サーバ {y}")];
        let lookup = |key: &str| values.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        for template in [
            "",
            "plain 日本語",
            "{x}",
            "a {x} b {subject}.",
            "{x}{x}",
            "{unknown} stays",
            "{} empty",
            "unclosed {x",
            "a {b{x} c",
            "} stray {x} {",
            "\"quoted\" \\ {x}\\",
        ] {
            let mut want = String::new();
            fill_each(template, lookup, |p| want.push_str(p));
            let mut got = Vec::new();
            for piece in split_template(template, |t| t.as_bytes().to_vec()) {
                match piece {
                    Piece::Literal(t) => got.extend_from_slice(&t),
                    Piece::Value { key, written } => match lookup(&key) {
                        Some(v) => got.extend_from_slice(v.as_bytes()),
                        None => got.extend_from_slice(&written),
                    },
                }
            }
            assert_eq!(String::from_utf8(got).unwrap(), want, "{template:?}");
        }
    }
}
