//! Words a rule puts into its message, said in both languages from one place.
//!
//! A rule's vocabulary is a [`Term`]: an enum whose variants each hold their Japanese and
//! English wording side by side, values they name included (the `terms!` macro). A message
//! field of type [`Words`] takes any `Term`, so a call site names a word once instead of
//! passing a pair of strings that could drift apart or be swapped.

use super::Lang;
use serde::Serialize;
use std::borrow::Cow;

/// Something a message says, in the reader's language.
pub trait Term {
    fn say(&self, lang: Lang) -> Cow<'static, str>;
}

/// An enum of words implementing [`Term`], each variant with its Japanese and English side
/// by side: `Name => "日本語", "English";`, or with values the words name,
/// `Name { server: String } => "NTP サーバ {server}", "NTP server {server}";` (the texts
/// are then `format!` strings over the fields).
macro_rules! terms {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident $({ $($field:ident: $ty:ty),+ $(,)? })? => $ja:literal, $en:literal;)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        $vis enum $name {
            $($(#[$vmeta])* $variant $({ $($field: $ty),+ })?,)+
        }

        impl $crate::i18n::Term for $name {
            fn say(&self, lang: $crate::i18n::Lang) -> ::std::borrow::Cow<'static, str> {
                match self {
                    $($name::$variant $({ $($field),+ })? => match lang {
                        $crate::i18n::Lang::Ja => $crate::i18n::terms!(@say $ja $(, $($field),+)?),
                        $crate::i18n::Lang::En => $crate::i18n::terms!(@say $en $(, $($field),+)?),
                    },)+
                }
            }
        }
    };
    (@say $text:literal) => {
        ::std::borrow::Cow::Borrowed($text)
    };
    // A field may be named in one language only.
    (@say $text:literal, $($field:ident),+) => {{
        $(let _ = &$field;)+
        ::std::borrow::Cow::Owned(format!($text))
    }};
}
pub(crate) use terms;

/// A sentence in the reader's language, its Japanese and English side by side:
/// `say!(lang, "{n} 件あります", "{n} found")`, both `format!` strings over the names in
/// scope. One call per sentence instead of an `if ja { … } else { … }` pair, so that the two
/// languages cannot drift apart or be swapped.
macro_rules! say {
    ($lang:expr, $ja:literal, $en:literal $(,)?) => {
        match $lang {
            $crate::i18n::Lang::Ja => format!($ja),
            $crate::i18n::Lang::En => format!($en),
        }
    };
}
pub(crate) use say;

/// A message argument in both languages (a field of a rule's message struct,
/// `crate::rules::msg`). Made from a [`Term`], a list of terms, or a bilingual data
/// table's entry; never from two loose strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Words {
    ja: Cow<'static, str>,
    en: Cow<'static, str>,
}

impl Words {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    /// Terms as one list: `a、b` in Japanese, `a, b` in English.
    pub fn list<T: Term>(terms: impl IntoIterator<Item = T>) -> Words {
        let (mut ja, mut en) = (String::new(), String::new());
        for (i, t) in terms.into_iter().enumerate() {
            if i > 0 {
                ja.push('、');
                en.push_str(", ");
            }
            ja.push_str(&t.say(Lang::Ja));
            en.push_str(&t.say(Lang::En));
        }
        Words { ja: ja.into(), en: en.into() }
    }

    /// A data table's text, written in both languages there (the advisory table's titles,
    /// the release table's defaults), not words a rule makes up at its call.
    pub fn from_table(ja: &str, en: &str) -> Words {
        Words {
            ja: ja.to_string().into(),
            en: en.to_string().into(),
        }
    }

    /// Nothing, in either language (an optional sentence that does not apply).
    pub fn nothing() -> Words {
        Words { ja: "".into(), en: "".into() }
    }
}

impl<T: Term> From<T> for Words {
    fn from(t: T) -> Words {
        Words {
            ja: t.say(Lang::Ja),
            en: t.say(Lang::En),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    terms! {
        enum Fruit {
            Apple => "りんご", "an apple";
            Pear => "梨", "a pear";
        }
    }

    #[test]
    fn terms_say_each_language_and_lists_join_per_language() {
        let w = Words::from(Fruit::Apple);
        assert_eq!((w.get(Lang::Ja), w.get(Lang::En)), ("りんご", "an apple"));
        let l = Words::list([Fruit::Apple, Fruit::Pear]);
        assert_eq!((l.get(Lang::Ja), l.get(Lang::En)), ("りんご、梨", "an apple, a pear"));
    }
}
