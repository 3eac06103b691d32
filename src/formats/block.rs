//! The brace-block syntax nginx uses (`name args;` and `name args { ... }`), parsed into a
//! tree of directives that keep their byte spans. Iterative, so hostile nesting cannot
//! overflow the stack; every error becomes a diagnostic and parsing goes on where it can.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::ParseCx;
use crate::source::SourceFile;
use nom::bytes::complete::{take_till, take_while1};
use nom::IResult;
use nom::Parser;

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
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, ';' | '{' | '}' | '"' | '\'' | '#')
}

fn word(i: &str) -> IResult<&str, &str> {
    take_while1(is_word_char).parse(i)
}

fn comment(i: &str) -> IResult<&str, &str> {
    take_till(|c| c == '\n').parse(i)
}

/// Lexes the whole text. Errors (unterminated quotes) become diagnostics.
fn lex(cx: &mut ParseCx, src: &SourceFile) -> Vec<Tok> {
    let text = src.text.as_str();
    let mut toks = Vec::with_capacity(text.len() / 8);
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        let Some(c) = rest.chars().next() else { break };
        let at = text.len() - rest.len();
        match c {
            '#' => rest = comment(rest).map(|(r, _)| r).unwrap_or(""),
            ';' => {
                toks.push(Tok::Semi(at));
                rest = &rest[1..];
            }
            '{' => {
                toks.push(Tok::Open(at));
                rest = &rest[1..];
            }
            '}' => {
                toks.push(Tok::Close(at));
                rest = &rest[1..];
            }
            '"' | '\'' => match quoted(rest, c) {
                Some((value, len)) => {
                    // A quoted word may continue unquoted ("a"b is one word in nginx).
                    let mut text_v = value;
                    let mut end = at + len;
                    if let Ok((r2, tail)) = word(&rest[len..]) {
                        text_v.push_str(tail);
                        end += tail.len();
                        rest = r2;
                    } else {
                        rest = &rest[len..];
                    }
                    toks.push(Tok::Word(Word {
                        start: at,
                        end,
                        unquoted: Some(text_v.into_boxed_str()),
                    }));
                }
                None => {
                    cx.diag(DiagLevel::Error, src, at, DiagKind::UnterminatedQuote);
                    break;
                }
            },
            _ => {
                // `${var}` may contain braces; take it whole.
                let (r, w) = match word_with_vars(rest) {
                    Some(x) => x,
                    None => (&rest[c.len_utf8()..], &rest[..c.len_utf8()]),
                };
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

/// A word, where `${name}` counts as part of it.
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
    if end == 0 {
        None
    } else {
        Some((&i[end..], &i[..end]))
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
    let toks = lex(cx, src);
    let text = src.text.as_str();
    // Stack of open blocks: (the block directive, its children so far).
    let mut stack: Vec<(Directive, Vec<Directive>)> = Vec::new();
    let mut top: Vec<Directive> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut too_deep_reported = false;
    let mut skip_depth = 0usize;

    for tok in toks {
        if skip_depth > 0 {
            match tok {
                Tok::Open(_) => skip_depth += 1,
                Tok::Close(_) => skip_depth -= 1,
                _ => {}
            }
            continue;
        }
        match tok {
            Tok::Word(w) => words.push(w),
            Tok::Semi(at) => {
                if words.is_empty() {
                    continue; // a stray ';' is harmless
                }
                let d = make(std::mem::take(&mut words), at + 1, None);
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
                let d = make(std::mem::take(&mut words), at + 1, Some(Vec::new()));
                stack.push((d, Vec::new()));
            }
            Tok::Close(at) => {
                if !words.is_empty() {
                    let name = words[0].text(text).to_string();
                    cx.diag(DiagLevel::Error, src, words[0].start, DiagKind::MissingSemicolon { directive: name });
                    let d = make(std::mem::take(&mut words), at, None);
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
        let d = make(words, end, None);
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

fn make(mut words: Vec<Word>, end: usize, children: Option<Vec<Directive>>) -> Directive {
    let name = words.remove(0);
    let start = name.start;
    Directive {
        name,
        args: words,
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
