//! Japanese and English. Everything a person reads exists in both.

use serde::{Deserialize, Serialize};

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
