//! The one lexer of kensa's line-oriented formats (Apache httpd, HAProxy, OpenVPN, the
//! `key=value` wireless files, Cisco IOS, YAMAHA RTX): [`Line`]s with their byte spans, and
//! the [`Word`]s of a line with theirs. What differs between vendors is said as options of
//! this one lexer, not as copies of it: how a line continues on the next ([`Join`]), how
//! words are quoted and where a comment starts ([`Syntax`]).
//!
//! Formats whose statements are not lines use their own tokeniser: nginx and strongSwan's
//! braces (`block.rs`), FortiOS (quoted values run over line ends), XML (`xml.rs`).
//!
//! Nearly every config line is ASCII and quotes nothing: such a line is split byte by byte
//! into words borrowed from the file (the fast path); only lines with quotes, escapes or
//! other than ASCII text are walked character by character. A proptest holds the two paths
//! together.

use crate::formats::is_space_byte;
use crate::model::Origin;
use crate::source::SourceFile;
use std::borrow::Cow;

/// How a line continues on the next one.
#[derive(Clone, Copy)]
pub enum Join {
    /// Every physical line stands alone (Cisco IOS, HAProxy, OpenVPN, the wireless files).
    None,
    /// A `\` at the very end of a line (before its line end) joins the next line, with a
    /// space in its place, as httpd's `ap_cfg_getline` does.
    Backslash,
    /// A line exactly `columns` wide (in terminal columns) continues on the next one,
    /// without separator, when `continues(next)` says the next line could not stand alone:
    /// a terminal that captured the text broke the command at its edge (YAMAHA `show config`).
    TerminalWrap { columns: usize, continues: fn(&str) -> bool },
}

/// How words are quoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quotes {
    /// Whitespace separates words; nothing quotes (router CLIs).
    None,
    /// A word that begins with `"` or `'` runs to the matching quote, inside which a
    /// backslash escapes the quote character and itself (httpd's `ap_getword_conf`).
    Whole,
    /// `"..."` and `'...'` may start anywhere in a word; a backslash escapes the next
    /// character outside quotes and inside double quotes (HAProxy, OpenVPN).
    Inline,
}

/// Where a comment starts (outside quotes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comment {
    /// The format has no end-of-line comment, or its parser looks at whole comment lines.
    None,
    /// This character anywhere in a line (HAProxy `#`).
    Anywhere(u8),
    /// One of these characters beginning a word (OpenVPN `#` and `;`).
    WordStart(&'static [u8]),
}

/// A format's word syntax: its quoting and its comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Syntax {
    pub quotes: Quotes,
    pub comment: Comment,
}

impl Syntax {
    /// Whitespace-separated words, nothing quoted, no comment (router CLIs).
    pub const PLAIN: Syntax = Syntax {
        quotes: Quotes::None,
        comment: Comment::None,
    };
}

/// One word of a line: its text (unquoted and unescaped) and its span in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// Borrowed from the line unless quotes or escapes made it differ.
    pub text: Cow<'a, str>,
    /// Offset of its first character (an opening quote included).
    pub start: usize,
    /// Offset just past its last character (a closing quote included).
    pub end: usize,
}

impl Word<'_> {
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// One logical line: physical lines joined as the format's [`Join`] says, without line
/// ends, with its byte span in the file. A line made of one physical line borrows the
/// file's text.
#[derive(Debug)]
pub struct Line<'a> {
    /// Offset of its first character.
    pub start: usize,
    /// Offset just past its last character (before the line end).
    pub end: usize,
    pub text: Cow<'a, str>,
    /// (offset in `text`, offset in the file) of each physical piece of a joined line;
    /// empty for a single physical line (which starts at `start`).
    pieces: Vec<(usize, usize)>,
}

impl<'a> Line<'a> {
    /// Whether physical lines were joined into this one.
    pub fn is_joined(&self) -> bool {
        !self.pieces.is_empty()
    }

    /// The file offset of byte `at` of `text`.
    pub fn file_offset(&self, at: usize) -> usize {
        if self.pieces.is_empty() {
            return self.start + at;
        }
        let i = self.pieces.partition_point(|(l, _)| *l <= at).saturating_sub(1);
        self.pieces.get(i).map_or(self.start, |(l, f)| f + (at - l))
    }

    /// The file offset just past byte `at - 1` of `text`: an end at a join stays on the
    /// piece before it.
    fn file_end(&self, at: usize) -> usize {
        if self.pieces.is_empty() {
            return self.start + at;
        }
        let i = self.pieces.partition_point(|(l, _)| *l < at).saturating_sub(1);
        self.pieces.get(i).map_or(self.start, |(l, f)| f + (at - l))
    }

    /// Where the line is; a joined line shows its joined text as evidence.
    pub fn origin(&self, src: &SourceFile) -> Origin {
        if self.pieces.is_empty() {
            src.origin(self.start, self.end) // the span's own text is the line
        } else {
            src.origin_showing(self.start, self.end, &crate::formats::evidence_text(&self.text))
        }
    }

    /// The line's words in the format's syntax, and whether a quote was left open.
    pub fn words(&self, syntax: Syntax) -> (Vec<Word<'_>>, bool) {
        self.words_from(0, syntax)
    }

    /// [`Line::words`] of the text from byte `from` on.
    pub fn words_from(&self, from: usize, syntax: Syntax) -> (Vec<Word<'_>>, bool) {
        split(&self.text, from, syntax, &|at, end| if end { self.file_end(at) } else { self.file_offset(at) })
    }
}

/// The words of `text`, a single physical line at file offset `base`, and whether a quote
/// was left open. The words borrow from `text` itself (not from a [`Line`]).
pub fn words(base: usize, text: &str, syntax: Syntax) -> (Vec<Word<'_>>, bool) {
    split(text, 0, syntax, &|at, _| base + at)
}

/// The physical lines of `text`: (offset, text without its `\n` or `\r\n` line end). A
/// byte order mark before the first line is not part of it.
pub fn physical(text: &str) -> impl Iterator<Item = (usize, &str)> {
    Physical::new(text).map(|(at, line, _)| (at, line))
}

/// The logical lines of `text`, physical lines joined as `join` says.
pub fn lines(text: &str, join: Join) -> Lines<'_> {
    Lines {
        phys: Physical::new(text).peekable(),
        join,
    }
}

/// Physical lines with their offset and whether a line end closed them.
struct Physical<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Physical<'a> {
    fn new(text: &'a str) -> Self {
        let pos = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        Physical { text, pos }
    }
}

impl<'a> Iterator for Physical<'a> {
    type Item = (usize, &'a str, bool);
    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.pos..).filter(|r| !r.is_empty())?;
        let at = self.pos;
        let nl = memchr::memchr(b'\n', rest.as_bytes());
        self.pos += nl.map_or(rest.len(), |i| i + 1);
        let line = &rest[..nl.unwrap_or(rest.len())];
        Some((at, line.trim_end_matches('\r'), nl.is_some()))
    }
}

/// Iterator over the logical lines of a text (see [`lines`]).
pub struct Lines<'a> {
    phys: std::iter::Peekable<Physical<'a>>,
    join: Join,
}

impl<'a> Lines<'a> {
    /// Appends the next physical line to `line` as piece (without separator).
    fn append(line: &mut Line<'a>, at: usize, body: &str) {
        if line.pieces.is_empty() {
            line.pieces.push((0, line.start));
        }
        let joined = line.text.to_mut();
        line.pieces.push((joined.len(), at));
        joined.push_str(body);
        line.end = at + body.len();
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;
    fn next(&mut self) -> Option<Line<'a>> {
        let (at, body, mut closed) = self.phys.next()?;
        let mut line = Line {
            start: at,
            end: at + body.len(),
            text: Cow::Borrowed(body),
            pieces: Vec::new(),
        };
        match self.join {
            Join::None => {}
            Join::Backslash => {
                // The text holds each piece without its `\`, a space in its place.
                let mut piece = body;
                while closed && piece.ends_with('\\') {
                    let kept = line.text.len() - 1;
                    let text = line.text.to_mut();
                    text.truncate(kept);
                    text.push(' ');
                    if line.pieces.is_empty() {
                        line.pieces.push((0, line.start));
                    }
                    let Some((next_at, next, next_closed)) = self.phys.next() else { break };
                    Self::append(&mut line, next_at, next);
                    (piece, closed) = (next, next_closed);
                }
            }
            Join::TerminalWrap { columns, continues } => {
                let mut piece = body;
                while width_is(piece, columns) {
                    match self.phys.peek() {
                        Some(&(next_at, next, _)) if continues(next) => {
                            self.phys.next();
                            Self::append(&mut line, next_at, next);
                            piece = next;
                        }
                        _ => break,
                    }
                }
            }
        }
        Some(line)
    }
}

/// Whether `s` takes exactly `columns` terminal columns (East Asian wide and full-width
/// forms take two). Columns never exceed bytes in UTF-8: short lines need no counting.
fn width_is(s: &str, columns: usize) -> bool {
    if s.len() < columns {
        return false;
    }
    let width: usize = s
        .chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum();
    width == columns
}

/// The line without its `#` comment, when the `#` is not inside double quotes (strongSwan
/// ipsec.conf, wpa_supplicant.conf: formats whose values are read as text, not as words).
pub fn strip_hash_comment(line: &str) -> &str {
    // Most lines have no `#`, or no quote before it: found with memchr, not walked.
    match memchr::memchr2(b'#', b'"', line.as_bytes()) {
        None => return line,
        Some(i) if line.as_bytes()[i] == b'#' => return &line[..i],
        Some(_) => {}
    }
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Maps a byte position of the split text to a file offset (`true`: the end of a word).
type At<'f> = &'f dyn Fn(usize, bool) -> usize;

/// Splits `text[from..]` into words in `syntax`.
fn split<'a>(text: &'a str, from: usize, syntax: Syntax, at: At) -> (Vec<Word<'a>>, bool) {
    let b = &text.as_bytes()[from..];
    let special = match syntax.quotes {
        Quotes::None => false,
        Quotes::Whole => memchr::memchr2(b'"', b'\'', b).is_some(),
        Quotes::Inline => memchr::memchr3(b'"', b'\'', b'\\', b).is_some(),
    };
    if special {
        return match syntax.quotes {
            Quotes::Inline => split_inline(text, from, syntax.comment, at),
            _ => split_whole(text, from, syntax.comment, at),
        };
    }
    let (cut, word_start) = match syntax.comment {
        Comment::None => (text.len(), &[][..]),
        Comment::Anywhere(c) => (memchr::memchr(c, b).map_or(text.len(), |i| from + i), &[][..]),
        Comment::WordStart(cs) => (text.len(), cs),
    };
    (plain(text, from, cut, word_start, at), false)
}

/// Whitespace-separated words of `text[from..to]`, stopping at a word that begins with one
/// of `comment` (the fast path: nothing quoted).
fn plain<'a>(text: &'a str, from: usize, to: usize, comment: &[u8], at: At) -> Vec<Word<'a>> {
    // Room for a typical line's words without growing.
    let mut out = Vec::with_capacity(8);
    let mut push = |s: usize, e: usize| {
        if comment.contains(&text.as_bytes()[s]) {
            return false;
        }
        out.push(Word {
            text: Cow::Borrowed(&text[s..e]),
            start: at(s, false),
            end: at(e, true),
        });
        true
    };
    let body = &text[from..to];
    if body.is_ascii() {
        let b = text.as_bytes();
        let mut i = from;
        while i < to {
            while i < to && is_space_byte(b[i]) {
                i += 1;
            }
            let s = i;
            while i < to && !is_space_byte(b[i]) {
                i += 1;
            }
            if s < i && !push(s, i) {
                break;
            }
        }
    } else {
        let mut start = None;
        for (i, c) in body.char_indices().map(|(i, c)| (i + from, c)).chain([(to, ' ')]) {
            if c.is_whitespace() {
                if let Some(s) = start.take() {
                    if !push(s, i) {
                        break;
                    }
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
    }
    out
}

/// [`Quotes::Whole`] character by character.
fn split_whole<'a>(text: &'a str, from: usize, comment: Comment, at: At) -> (Vec<Word<'a>>, bool) {
    let mut words = Vec::new();
    let mut chars = text[from..].char_indices().map(|(i, c)| (i + from, c)).peekable();
    let mut open_quote = false;
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if starts_comment(comment, c, true) {
            break;
        }
        let (word, end) = if c == '"' || c == '\'' {
            chars.next();
            // Borrowed until an escape makes the value differ from the text.
            let body = i + 1;
            let mut owned: Option<String> = None;
            let (mut value_end, mut end) = (text.len(), text.len());
            let mut closed = false;
            while let Some((j, d)) = chars.next() {
                if d == '\\' {
                    if let Some(&(_, e)) = chars.peek() {
                        if e == c || e == '\\' {
                            owned.get_or_insert_with(|| text[body..j].to_string()).push(e);
                            chars.next();
                            continue;
                        }
                    }
                    if let Some(o) = owned.as_mut() {
                        o.push(d);
                    }
                } else if d == c {
                    closed = true;
                    (value_end, end) = (j, j + 1);
                    break;
                } else if let Some(o) = owned.as_mut() {
                    o.push(d);
                }
            }
            open_quote |= !closed;
            (owned.map_or(Cow::Borrowed(&text[body..value_end]), Cow::Owned), end)
        } else {
            let mut end = text.len();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_whitespace() || starts_comment(comment, d, false) {
                    end = j;
                    break;
                }
                chars.next();
            }
            (Cow::Borrowed(&text[i..end]), end)
        };
        words.push(Word {
            text: word,
            start: at(i, false),
            end: at(end, true),
        });
        if chars.peek().is_some_and(|&(_, d)| starts_comment(comment, d, false)) {
            break;
        }
    }
    (words, open_quote)
}

/// Whether `c` begins a comment (`word_start`: no word is under way).
fn starts_comment(comment: Comment, c: char, word_start: bool) -> bool {
    match comment {
        Comment::None => false,
        Comment::Anywhere(x) => c == x as char,
        Comment::WordStart(cs) => word_start && c.is_ascii() && cs.contains(&(c as u8)),
    }
}

/// [`Quotes::Inline`] character by character.
fn split_inline<'a>(text: &'a str, from: usize, comment: Comment, at: At) -> (Vec<Word<'a>>, bool) {
    let mut words = Vec::new();
    // The word under way: its text, start and end (in `text`).
    let mut cur: Option<(String, usize, usize)> = None;
    let mut quote: Option<char> = None;
    let mut chars = text[from..].char_indices().map(|(i, c)| (i + from, c)).peekable();
    let mut push = |cur: &mut Option<(String, usize, usize)>| {
        if let Some((w, s, e)) = cur.take() {
            words.push(Word {
                text: Cow::Owned(w),
                start: at(s, false),
                end: at(e, true),
            });
        }
    };
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        let ch = match quote {
            Some(q) if c == q => {
                quote = None;
                None
            }
            Some('"') | None if c == '\\' => match chars.next() {
                Some((j, n)) => {
                    end = j + n.len_utf8();
                    Some(n)
                }
                None => continue,
            },
            Some(_) => Some(c),
            None if c.is_whitespace() => {
                push(&mut cur);
                continue;
            }
            None if starts_comment(comment, c, cur.is_none()) => break,
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                None
            }
            None => Some(c),
        };
        let w = cur.get_or_insert_with(|| (String::new(), i, end));
        w.2 = end;
        w.0.extend(ch);
    }
    push(&mut cur);
    (words, quote.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INLINE: Syntax = Syntax {
        quotes: Quotes::Inline,
        comment: Comment::Anywhere(b'#'),
    };
    const WHOLE: Syntax = Syntax {
        quotes: Quotes::Whole,
        comment: Comment::None,
    };
    const OPENVPN: Syntax = Syntax {
        quotes: Quotes::Inline,
        comment: Comment::WordStart(b"#;"),
    };

    fn texts(ws: &(Vec<Word>, bool)) -> (Vec<String>, bool) {
        (ws.0.iter().map(|w| w.text.to_string()).collect(), ws.1)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The byte-by-byte path splits exactly as the character path does (quotes and
        /// escapes force the character path; a line without them may take either).
        #[test]
        fn fast_path_matches_the_character_path(line in "[a-z0-9:#; \t\x0b\x0c\r\x1c\x1f\u{3000}é.-]{0,40}") {
            for comment in [Comment::None, Comment::Anywhere(b'#'), Comment::WordStart(b"#;")] {
                let fast = split(&line, 0, Syntax { quotes: Quotes::Inline, comment }, &|a, _| 7 + a);
                let slow = split_inline(&line, 0, comment, &|a, _| 7 + a);
                proptest::prop_assert_eq!(texts(&fast), texts(&slow));
                let spans = |w: &(Vec<Word>, bool)| w.0.iter().map(|w| (w.start, w.end)).collect::<Vec<_>>();
                proptest::prop_assert_eq!(spans(&fast), spans(&slow));
                let whole = split_whole(&line, 0, comment, &|a, _| 7 + a);
                proptest::prop_assert_eq!(split(&line, 0, Syntax { quotes: Quotes::Whole, comment }, &|a, _| 7 + a), whole);
            }
        }

        /// Words' spans hold their text on a single line without quotes.
        #[test]
        fn plain_spans_hold_the_words(line in "[a-z \t\u{3000}é]{0,40}") {
            for w in words(0, &line, Syntax::PLAIN).0 {
                proptest::prop_assert_eq!(&line[w.start..w.end], w.text.as_ref());
            }
        }
    }

    proptest::proptest! {
        /// The memchr shortcut cuts where walking the line character by character does.
        #[test]
        fn strip_hash_comment_agrees_with_the_walk(line in "[a#\" é]{0,12}") {
            let mut quoted = false;
            let mut want = line.as_str();
            for (i, c) in line.char_indices() {
                match c {
                    '"' => quoted = !quoted,
                    '#' if !quoted => {
                        want = &line[..i];
                        break;
                    }
                    _ => {}
                }
            }
            proptest::prop_assert_eq!(super::strip_hash_comment(&line), want);
        }
    }

    #[test]
    fn inline_quotes_escapes_and_comments() {
        let w = words(10, r#"bind :443 crt "/a b/c.pem" x\ y 'q\z' # tail"#, INLINE);
        assert_eq!(
            texts(&w),
            (
                vec!["bind", ":443", "crt", "/a b/c.pem", "x y", "q\\z"].into_iter().map(String::from).collect(),
                false
            )
        );
        assert_eq!((w.0[3].start, w.0[3].end), (24, 36));
        assert!(words(0, "a \"open", INLINE).1);
        assert_eq!(texts(&words(0, "a#b c", INLINE)).0, ["a"]);
        // OpenVPN: `#` and `;` comment only where a word begins.
        assert_eq!(texts(&words(0, "auth-user-pass a#b ;c", OPENVPN)).0, ["auth-user-pass", "a#b"]);
    }

    #[test]
    fn whole_quotes_like_ap_getword_conf() {
        let w = words(0, r#"Header set X "a \" b"'c'd e\"f"#, WHOLE);
        assert_eq!(texts(&w).0, ["Header", "set", "X", "a \" b", "c", "d", "e\\\"f"]);
        assert_eq!(w.0[3].text, Cow::<str>::Owned("a \" b".into()));
        assert!(matches!(words(0, r#"a "b c""#, WHOLE).0[1].text, Cow::Borrowed("b c")));
    }

    #[test]
    fn backslash_joins_with_a_space_and_keeps_file_offsets() {
        let text = "A b \\\n  c\r\nD \\";
        let ls: Vec<Line> = lines(text, Join::Backslash).collect();
        assert_eq!(ls.len(), 2);
        assert_eq!(ls[0].text, "A b    c");
        assert_eq!((ls[0].start, ls[0].end), (0, 9));
        let (w, _) = ls[0].words(WHOLE);
        assert_eq!((w[2].start, w[2].end), (8, 9));
        // The last line has no line end: its `\` is text.
        assert_eq!(ls[1].text, "D \\");
        assert!(!ls[1].is_joined());
    }

    #[test]
    fn terminal_wrap_joins_only_a_full_width_line_before_a_non_command() {
        fn continues(next: &str) -> bool {
            !next.starts_with("cmd")
        }
        let join = Join::TerminalWrap { columns: 10, continues };
        let text = "cmd 123456\n789 x\ncmd 123456\ncmd y\n";
        let ls: Vec<Line> = lines(text, join).collect();
        assert_eq!(
            ls.iter().map(|l| l.text.as_ref()).collect::<Vec<_>>(),
            ["cmd 123456789 x", "cmd 123456", "cmd y"]
        );
        let (w, _) = ls[0].words(Syntax::PLAIN);
        // `123456` + `789`: a word across the wrap starts before it and ends after it.
        assert_eq!((w[1].start, w[1].end), (4, 14));
        assert_eq!(&text[w[2].start..w[2].end], "x");
        // A word that ends right at the wrap ends on the first physical line.
        let ls: Vec<Line> = lines("cmd 12345 \nx\n", join).collect();
        assert_eq!(ls[0].words(Syntax::PLAIN).0[1].end, 9);
        // Wide characters take two columns.
        assert_eq!(lines("cmd 日本語\nx\n", join).count(), 1);
    }

    #[test]
    fn physical_lines_drop_line_ends_and_a_bom() {
        let v: Vec<_> = physical("\u{feff}a\r\nb\n\nc").collect();
        assert_eq!(v, [(3, "a"), (6, "b"), (8, ""), (9, "c")]);
    }
}
