//! The brace-block syntax nginx uses (`name args;` and `name args { ... }`), parsed into a
//! tree of directives that keep their byte spans. Iterative, so hostile nesting cannot
//! overflow the stack; every error becomes a diagnostic and parsing goes on where it can.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::ParseCx;
use crate::source::SourceFile;

/// Blocks nested deeper than this are refused (real nginx configs use 4 or 5 levels).
pub const MAX_DEPTH: usize = 64;

/// One word of a directive: a span of its file. Only a quoted word whose text differs
/// from its span (quotes, escapes) owns its text; the rest cost no allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    unquoted: Option<Box<str>>,
}

impl Word {
    /// The word's text, unquoted; `src` is the text of the file it was read from.
    pub fn text<'a>(&'a self, src: &'a str) -> &'a str {
        match &self.unquoted {
            Some(t) => t,
            None => src.get(self.start..self.end).unwrap_or(""),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub name: Word,
    pub args: Vec<Word>,
    /// Byte span from the name to the `;` or `{`.
    pub start: usize,
    pub end: usize,
    /// `Some` for block directives.
    pub children: Option<Vec<Directive>>,
}

/// Directive accessors take the text of the file the directive was read from.
impl Directive {
    pub fn name<'a>(&'a self, src: &'a str) -> &'a str {
        self.name.text(src)
    }
    pub fn arg<'a>(&'a self, src: &'a str, i: usize) -> Option<&'a str> {
        self.args.get(i).map(|w| w.text(src))
    }
    /// Arguments from the `from`-th on, joined by single spaces.
    pub fn args_joined(&self, src: &str, from: usize) -> String {
        let mut out = String::new();
        for w in self.args.iter().skip(from) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w.text(src));
        }
        out
    }
    pub fn children(&self) -> &[Directive] {
        self.children.as_deref().unwrap_or(&[])
    }
}

#[derive(Debug, PartialEq)]
enum Tok {
    Word(Word),
    Semi(usize),
    Open(usize),
    Close(usize),
    /// A quote that is never closed: the rest of the file is unreadable.
    Unterminated(usize),
}

/// Length of the whitespace character at byte `i`, if it is one. `char::is_whitespace`, as
/// this tokeniser has always separated words (nginx itself splits on ASCII space, tab and
/// line ends only); ASCII is decided from the byte alone.
fn space_len(text: &str, i: usize) -> Option<usize> {
    match text.as_bytes()[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Some(1),
        c if c < 0x80 => None,
        _ => text[i..].chars().next().filter(|c| c.is_whitespace()).map(char::len_utf8),
    }
}

/// Bytes that end a word besides whitespace.
const fn is_stop_byte(c: u8) -> bool {
    matches!(c, b';' | b'{' | b'}' | b'"' | b'\'' | b'#')
}

/// Streams the tokens of one text, byte by byte (every delimiter is ASCII; only bytes
/// of multi-byte characters are decoded, to test them for Unicode whitespace).
struct Lexer<'a> {
    text: &'a str,
    at: usize,
}

impl Lexer<'_> {
    fn next_tok(&mut self) -> Option<Tok> {
        let text = self.text;
        let b = text.as_bytes();
        loop {
            let i = self.at;
            let c = *b.get(i)?;
            if let Some(n) = space_len(text, i) {
                self.at += n;
                continue;
            }
            return Some(match c {
                b'#' => {
                    self.at = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p);
                    continue;
                }
                b';' => {
                    self.at += 1;
                    Tok::Semi(i)
                }
                b'{' => {
                    self.at += 1;
                    Tok::Open(i)
                }
                b'}' => {
                    self.at += 1;
                    Tok::Close(i)
                }
                b'"' | b'\'' => match quoted(&text[i..], c as char) {
                    Some((mut value, len)) => {
                        // A quoted word may continue unquoted ("a"b is one word in nginx).
                        let tail_end = word_end(text, i + len, false);
                        value.push_str(&text[i + len..tail_end]);
                        self.at = tail_end;
                        Tok::Word(Word {
                            start: i,
                            end: tail_end,
                            unquoted: Some(value.into_boxed_str()),
                        })
                    }
                    None => {
                        self.at = b.len();
                        Tok::Unterminated(i)
                    }
                },
                _ => {
                    // `${var}` may contain braces; take it whole. A character that starts
                    // no word (`$` of an unclosed `${`) is a word on its own.
                    let mut end = word_end(text, i, true);
                    if end == i {
                        end = i + text[i..].chars().next().map_or(1, char::len_utf8);
                    }
                    self.at = end;
                    Tok::Word(Word { start: i, end, unquoted: None })
                }
            });
        }
    }
}

/// Byte classes for word scanning: ASCII that continues a word, bytes that end one
/// (whitespace and `;{}"'#`), `$` (may open `${...}`) and bytes of multi-byte characters.
const WORD: u8 = 0;
const STOP: u8 = 1;
const DOLLAR: u8 = 2;
const WIDE: u8 = 3;

static CLASS: [u8; 256] = {
    let mut t = [WORD; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c >= 0x80 {
            WIDE
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) || is_stop_byte(c) {
            STOP
        } else if c == b'$' {
            DOLLAR
        } else {
            WORD
        };
        i += 1;
    }
    t
};

/// End of the word starting at `i`; with `vars`, `${name}` counts as part of it.
fn word_end(text: &str, mut i: usize, vars: bool) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        match CLASS[b[i] as usize] {
            WORD => i += 1,
            STOP => break,
            DOLLAR if vars && b.get(i + 1) == Some(&b'{') => match memchr::memchr(b'}', &b[i..]) {
                Some(close) => i += close + 1,
                None => break,
            },
            DOLLAR => i += 1,
            _ => {
                if space_len(text, i).is_some() {
                    break;
                }
                i += utf8_len(b[i]);
            }
        }
    }
    i
}

/// Length of the UTF-8 sequence a leading byte starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

/// A quoted string starting at `i[0] == q`: its unescaped value and its byte length.
fn quoted(i: &str, q: char) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = i.char_indices().skip(1);
    while let Some((pos, c)) = chars.next() {
        if c == '\\' {
            if let Some((_, n)) = chars.next() {
                match n {
                    '"' | '\'' | '\\' => out.push(n),
                    _ => {
                        out.push('\\');
                        out.push(n);
                    }
                }
            }
        } else if c == q {
            return Some((out, pos + 1));
        } else {
            out.push(c);
        }
    }
    None
}

/// Parses nginx-style text into a directive tree. Unterminated blocks, stray `}` and a
/// missing final `;` are reported and recovered from.
pub fn parse_tree(cx: &mut ParseCx, src: &SourceFile) -> Vec<Directive> {
    let text = src.text.as_str();
    let mut lexer = Lexer { text, at: 0 };
    // An unterminated quote is reported ahead of the structural errors (it explains them).
    let first_diag = cx.diags.len();
    // Stack of open blocks: (the block directive, its children so far).
    let mut stack: Vec<(Directive, Vec<Directive>)> = Vec::new();
    let mut top: Vec<Directive> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut too_deep_reported = false;
    let mut skip_depth = 0usize;

    while let Some(tok) = lexer.next_tok() {
        if let Tok::Unterminated(at) = tok {
            let (line, column) = src.line_col(at);
            let d = crate::diag::Diagnostic::new(DiagLevel::Error, &src.path, line, column, DiagKind::UnterminatedQuote);
            cx.diags.insert(first_diag, d);
            break;
        }
        if skip_depth > 0 {
            match tok {
                Tok::Open(_) => skip_depth += 1,
                Tok::Close(_) => skip_depth -= 1,
                _ => {}
            }
            continue;
        }
        match tok {
            Tok::Unterminated(_) => {} // handled above
            Tok::Word(w) => words.push(w),
            Tok::Semi(at) => {
                if words.is_empty() {
                    continue; // a stray ';' is harmless
                }
                let d = make(&mut words, at + 1, None);
                push(&mut stack, &mut top, d);
            }
            Tok::Open(at) => {
                if stack.len() >= MAX_DEPTH {
                    if !too_deep_reported {
                        cx.diag(DiagLevel::Error, src, at, DiagKind::TooDeep { limit: MAX_DEPTH });
                        too_deep_reported = true;
                    }
                    words.clear();
                    skip_depth = 1;
                    continue;
                }
                if words.is_empty() {
                    words.push(Word {
                        start: at,
                        end: at,
                        unquoted: None,
                    });
                }
                let d = make(&mut words, at + 1, Some(Vec::new()));
                // Blocks hold a handful to dozens of directives: skip the first regrowths.
                stack.push((d, Vec::with_capacity(8)));
            }
            Tok::Close(at) => {
                if !words.is_empty() {
                    let name = words[0].text(text).to_string();
                    cx.diag(DiagLevel::Error, src, words[0].start, DiagKind::MissingSemicolon { directive: name });
                    let d = make(&mut words, at, None);
                    push(&mut stack, &mut top, d);
                }
                match stack.pop() {
                    Some((mut d, children)) => {
                        d.children = Some(children);
                        push(&mut stack, &mut top, d);
                    }
                    None => cx.diag(DiagLevel::Error, src, at, DiagKind::UnexpectedClose),
                }
            }
        }
    }
    if !words.is_empty() {
        let name = words[0].text(text).to_string();
        let end = words.last().map_or(0, |w| w.end);
        cx.diag(DiagLevel::Error, src, words[0].start, DiagKind::MissingSemicolon { directive: name });
        let d = make(&mut words, end, None);
        push(&mut stack, &mut top, d);
    }
    // Close what is left open, reporting the innermost first.
    while let Some((mut d, children)) = stack.pop() {
        let (opened_line, _) = src.line_col(d.start);
        cx.diag(DiagLevel::Error, src, d.start, DiagKind::UnterminatedBlock { opened_line });
        d.children = Some(children);
        push(&mut stack, &mut top, d);
    }
    top
}

/// A directive from the words gathered so far (at least one); `words` is emptied and its
/// buffer kept for the next directive, so each directive allocates only its exact args.
fn make(words: &mut Vec<Word>, end: usize, children: Option<Vec<Directive>>) -> Directive {
    let args: Vec<Word> = words.drain(1..).collect();
    // Callers never pass an empty list; an empty name would just match no directive.
    let name = words.pop().unwrap_or(Word {
        start: end,
        end,
        unquoted: None,
    });
    let start = name.start;
    Directive {
        name,
        args,
        start,
        end,
        children,
    }
}

fn push(stack: &mut [(Directive, Vec<Directive>)], top: &mut Vec<Directive>, d: Directive) {
    match stack.last_mut() {
        Some((_, children)) => children.push(d),
        None => top.push(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokeniser this one replaced (nom, char by char), kept as the reference the
    /// byte-wise lexer must agree with.
    fn reference_lex(text: &str) -> Vec<Tok> {
        use nom::bytes::complete::{take_till, take_while1};
        use nom::Parser;
        fn is_word_char(c: char) -> bool {
            !c.is_whitespace() && !matches!(c, ';' | '{' | '}' | '"' | '\'' | '#')
        }
        fn word_with_vars(i: &str) -> Option<(&str, &str)> {
            let mut end = 0;
            let b = i.as_bytes();
            while end < b.len() {
                if b[end] == b'$' && b.get(end + 1) == Some(&b'{') {
                    match i[end..].find('}') {
                        Some(close) => {
                            end += close + 1;
                            continue;
                        }
                        None => break,
                    }
                }
                let c = i[end..].chars().next()?;
                if !is_word_char(c) {
                    break;
                }
                end += c.len_utf8();
            }
            (end > 0).then(|| (&i[end..], &i[..end]))
        }
        let mut toks = Vec::new();
        let mut rest = text;
        loop {
            rest = rest.trim_start();
            let Some(c) = rest.chars().next() else { break };
            let at = text.len() - rest.len();
            match c {
                '#' => {
                    rest = take_till::<_, _, nom::error::Error<&str>>(|c| c == '\n')
                        .parse(rest)
                        .map(|(r, _)| r)
                        .unwrap_or("")
                }
                ';' | '{' | '}' => {
                    toks.push(match c {
                        ';' => Tok::Semi(at),
                        '{' => Tok::Open(at),
                        _ => Tok::Close(at),
                    });
                    rest = &rest[1..];
                }
                '"' | '\'' => match quoted(rest, c) {
                    Some((mut value, len)) => {
                        let mut end = at + len;
                        if let Ok((r2, tail)) = take_while1::<_, _, nom::error::Error<&str>>(is_word_char).parse(&rest[len..]) {
                            value.push_str(tail);
                            end += tail.len();
                            rest = r2;
                        } else {
                            rest = &rest[len..];
                        }
                        toks.push(Tok::Word(Word {
                            start: at,
                            end,
                            unquoted: Some(value.into_boxed_str()),
                        }));
                    }
                    None => {
                        toks.push(Tok::Unterminated(at));
                        break;
                    }
                },
                _ => {
                    let (r, w) = word_with_vars(rest).unwrap_or((&rest[c.len_utf8()..], &rest[..c.len_utf8()]));
                    toks.push(Tok::Word(Word {
                        start: at,
                        end: at + w.len(),
                        unquoted: None,
                    }));
                    rest = r;
                }
            }
        }
        toks
    }

    fn lex_all(text: &str) -> Vec<Tok> {
        let mut lexer = Lexer { text, at: 0 };
        std::iter::from_fn(|| lexer.next_tok()).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn bytewise_lexer_agrees_with_the_reference(text in "[a-z0-9 $;{}#\"'\\\\\n\t\r\u{0b}\u{0c}\u{1c}\u{85}\u{a0}\u{3000}é漢]{0,40}") {
            prop_assert_eq!(lex_all(&text), reference_lex(&text));
        }
    }

    #[test]
    fn lexer_cases() {
        for text in [
            "a ${x}} b;",
            "x${ y",
            "\"a\"b c;",
            "'q\\'s'",
            "a#c\nb;",
            "a\u{3000}b;",
            "k \"unterminated",
            "é{}",
        ] {
            assert_eq!(lex_all(text), reference_lex(text), "{text:?}");
        }
    }
}
