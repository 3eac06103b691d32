//! Japanese and English. Everything a person reads exists in both.

use serde::{Deserialize, Serialize};

pub mod notes;
pub mod subjects;
mod words;

pub(crate) use words::{say, terms};
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

    /// The Japanese or the English of a `(Japanese, English)` pair, for this language: the
    /// order of rule TOML texts and `terms!` tables, so that a table of labels says each one
    /// in both languages on one line.
    pub fn of<'a>(self, (ja, en): (&'a str, &'a str)) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
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
        lang.of((&self.ja, &self.en))
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

/// A character of Japanese script (kana, kanji, Japanese punctuation, full-width forms).
pub fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Japanese puts no space between words: a template's space beside a placeholder is there
/// to set a name or config text apart (`{subject} の`). When the value's edge is Japanese
/// as well (`…の制御チャネル` + ` で`), the space would be a visible join, so it is left
/// out. `after_ja`: the value before `literal` ends in Japanese; `before_ja`: the value after
/// it starts in Japanese. English templates never have Japanese beside a space.
pub fn join_literal(literal: &str, after_ja: bool, before_ja: bool) -> &str {
    // A literal that is only a space sits between the two values.
    let mut s = literal;
    if after_ja && s.strip_prefix(' ').is_some_and(|r| r.chars().next().map_or(before_ja, is_japanese)) {
        s = &s[1..];
    }
    if before_ja && s.strip_suffix(' ').is_some_and(|r| r.chars().next_back().map_or(after_ja, is_japanese)) {
        s = &s[..s.len() - 1];
    }
    s
}

/// [`fill_with`] handing the filled text to `emit` piece by piece instead of building a
/// string (the JSON report escapes the pieces straight into its output).
pub fn fill_each<'a>(template: &str, lookup: impl Fn(&str) -> Option<&'a str>, mut emit: impl FnMut(&str)) {
    let mut rest = template;
    let mut after_ja = false;
    // memchr's SIMD search: called for every finding's message, where core's byte search
    // showed in profiles. Braces are ASCII, so byte offsets are character boundaries.
    while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
        let after = &rest[open + 1..];
        match memchr::memchr(b'}', after.as_bytes()) {
            Some(close) => {
                let value = lookup(&after[..close]);
                let before_ja = value.and_then(|v| v.chars().next()).is_some_and(is_japanese);
                emit(join_literal(&rest[..open], after_ja, before_ja));
                match value {
                    Some(v) => emit(v),
                    None => emit(&rest[open..open + close + 2]),
                }
                after_ja = value.and_then(|v| v.chars().next_back()).is_some_and(is_japanese);
                rest = &after[close + 1..];
            }
            None => {
                emit(join_literal(&rest[..open], after_ja, false));
                emit(&rest[open..]);
                after_ja = false;
                rest = "";
            }
        }
    }
    emit(join_literal(rest, after_ja, false));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A space beside a placeholder sets names apart, and goes where both sides are Japanese.
    #[test]
    fn no_space_joins_japanese_to_japanese() {
        let values = [("s", "OpenVPN server a.conf の制御チャネル"), ("p", "データチャネルの暗号"), ("n", "gw1")];
        let lookup = |key: &str| values.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        assert_eq!(
            fill_with("{s} で {n} の {p} の提案", lookup),
            "OpenVPN server a.conf の制御チャネルで gw1 のデータチャネルの暗号の提案"
        );
        assert_eq!(fill_with("{n} の {s} is {n}", lookup), "gw1 の OpenVPN server a.conf の制御チャネル is gw1");
        assert_eq!(fill_with("{missing} の {p}", lookup), "{missing} のデータチャネルの暗号");
        assert_eq!(fill_with("{s} {p}", lookup), "OpenVPN server a.conf の制御チャネルデータチャネルの暗号");
        assert_eq!(fill_with("{n} {p}", lookup), "gw1 データチャネルの暗号");
    }

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
