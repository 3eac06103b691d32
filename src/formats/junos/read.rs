//! Reading Junos configuration text into statements: one full path per leaf, the same
//! for the hierarchical (curly-brace) form and the `display set` form. The hierarchical
//! form `system { services { ssh; } }` becomes the path `system services ssh`, as
//! `show configuration | display set` prints it (`set system services ssh`), so the
//! collector reads one shape whatever the input was.
//!
//! The reader is iterative with a bounded stack ([`MAX_DEPTH`]): hostile nesting cannot
//! overflow it. `inactive:` statements (hierarchical) and `deactivate`/`delete` lines (set
//! form) are left out, as Junos leaves them out of the running configuration.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::ParseCx;
use crate::source::SourceFile;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Blocks nested deeper than this are refused (real Junos configurations nest about ten
/// levels: `security policies from-zone A to-zone B policy P match ...`).
pub const MAX_DEPTH: usize = 48;
/// Words in one statement path, beyond which the statement is refused.
const MAX_WORDS: usize = 256;
/// `deactivate` / `delete` lines of the set form remembered.
const MAX_DEACTIVATED: usize = 10_000;

/// Commands of a configuration session that change nothing in the configuration: a
/// `set` script or a pasted session starts with `configure` and ends with `commit` /
/// `commit and-quit` / `exit` / `quit`. Anything else outside a `set` line is said to be
/// unrecognised (`edit`, `top` and `up` move the hierarchy the next `set` lines start
/// from: not modelled, so never silently skipped).
const SESSION_COMMANDS: &[&str] = &["configure", "commit", "exit", "quit"];

/// One leaf statement: its full path (without `set`), and the span of its own text.
pub struct Stmt<'p> {
    pub path: &'p [&'p str],
    pub start: usize,
    pub end: usize,
}

impl<'p> Stmt<'p> {
    pub fn new(path: &'p [&'p str], start: usize, end: usize) -> Self {
        Stmt { path, start, end }
    }
}

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Word(Cow<'a, str>, usize, usize),
    Semi(usize),
    Open(usize),
    Close(usize),
    ListOpen(usize),
    ListClose(usize),
    Newline(usize),
}

struct Lexer<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Lexer<'a> {
    fn next_tok(&mut self) -> Option<Tok<'a>> {
        let b = self.text.as_bytes();
        loop {
            let i = self.at;
            let c = *b.get(i)?;
            match c {
                b'\n' => {
                    self.at += 1;
                    return Some(Tok::Newline(i));
                }
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => self.at += 1,
                b'#' => self.at = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p),
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    // An annotation `/* ... */`; a newline inside it still ends a set line.
                    let end = memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |p| i + 2 + p + 2);
                    self.at = end;
                }
                b'{' if b.get(i + 1) == Some(&b'{') => {
                    // A template placeholder (`{{ remote_wan_ip }}`, as Jinja and Ansible
                    // write them) is one value: Junos never opens a block straight after
                    // another without a name, so `{{` closed by `}}` on its line is no block.
                    let line_end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p);
                    if let Some(p) = memchr::memmem::find(&b[i + 2..line_end], b"}}") {
                        let end = i + 2 + p + 2;
                        self.at = end;
                        return Some(Tok::Word(Cow::Borrowed(&self.text[i..end]), i, end));
                    }
                    self.at += 1;
                    return Some(Tok::Open(i));
                }
                b';' | b'{' | b'}' | b'[' | b']' => {
                    self.at += 1;
                    return Some(match c {
                        b';' => Tok::Semi(i),
                        b'{' => Tok::Open(i),
                        b'}' => Tok::Close(i),
                        b'[' => Tok::ListOpen(i),
                        _ => Tok::ListClose(i),
                    });
                }
                b'"' => return Some(self.quoted(i)),
                _ => {
                    let len = b[i..]
                        .iter()
                        .position(|&c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c | b';' | b'{' | b'}' | b'[' | b']' | b'"'))
                        .unwrap_or(b.len() - i);
                    self.at = i + len;
                    // Never splits a character: every stop byte is ASCII.
                    return Some(Tok::Word(Cow::Borrowed(&self.text[i..i + len]), i, i + len));
                }
            }
        }
    }

    /// A `"..."` word; `\` escapes the next character. An unclosed quote runs to the end of
    /// its line (Junos never continues a quoted string over lines in a shown config).
    fn quoted(&mut self, open: usize) -> Tok<'a> {
        let b = self.text.as_bytes();
        let mut i = open + 1;
        let mut escaped = false;
        while i < b.len() {
            match b[i] {
                b'\\' => {
                    escaped = true;
                    i += 2;
                    continue;
                }
                b'"' => break,
                b'\n' => break,
                _ => i += 1,
            }
        }
        let end = i.min(b.len());
        let inner = &self.text[open + 1..end];
        let closed = b.get(end) == Some(&b'"');
        self.at = if closed { end + 1 } else { end };
        let text = if escaped {
            let mut s = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        s.push(n);
                    }
                } else {
                    s.push(c);
                }
            }
            Cow::Owned(s)
        } else {
            Cow::Borrowed(inner)
        };
        Tok::Word(text, open, self.at)
    }
}

/// A block opened by `words {`.
struct Frame<'a> {
    words: Vec<Cow<'a, str>>,
    inactive: bool,
    open_at: usize,
}

/// The statement being read.
#[derive(Default)]
struct Pending<'a> {
    words: Vec<Cow<'a, str>>,
    /// `[ a b c ]` members, and the words after the list.
    list: Option<Vec<Cow<'a, str>>>,
    after_list: Vec<Cow<'a, str>>,
    in_list: bool,
    inactive: bool,
    /// A `set`-form line: ends at its newline.
    set_line: bool,
    start: Option<usize>,
    end: usize,
}

impl Pending<'_> {
    fn is_empty(&self) -> bool {
        self.words.is_empty() && self.list.is_none() && !self.inactive
    }
}

/// Words that start a set-form command at the top level.
const SET_VERBS: &[&str] = &["set", "deactivate", "delete", "activate", "protect", "unprotect", "annotate", "insert"];

/// Reads `src` and calls `each` for every active leaf statement, in file order.
pub fn statements(cx: &mut ParseCx, src: &SourceFile, each: &mut dyn FnMut(&mut ParseCx, &Stmt)) {
    let text = &src.text;
    let deactivated = set_form_deactivations(text);
    let set_form = is_set_form(text);
    let mut lx = Lexer { text, at: 0 };
    let mut stack: Vec<Frame> = Vec::new();
    // Blocks opened past MAX_DEPTH: skipped whole.
    let mut too_deep = 0usize;
    let mut p = Pending::default();
    // Where `edit PATH` has moved a set script: its `set` lines are relative to it.
    let mut edit = EditLevel::default();
    skip_cli_artifact(&mut lx, text, 0, 0);
    while let Some(tok) = lx.next_tok() {
        match tok {
            Tok::Newline(at) => {
                if p.set_line {
                    let pend = std::mem::take(&mut p);
                    emit_set(cx, src, &pend, &edit, &deactivated, each);
                } else if set_form && stack.is_empty() && !p.in_list && !p.words.is_empty() {
                    // In a set script every line is one command: a line that is no `set`
                    // line ends at its newline instead of running into the next ones.
                    let pend = std::mem::take(&mut p);
                    if !edit.navigate(&pend.words) && !SESSION_COMMANDS.contains(&first_word(&pend)) {
                        cx.unrecognized(src, pend.start.unwrap_or(at), &first_word_shown(&pend.words));
                    }
                } else if p.is_empty() && at + 1 < text.len() {
                    skip_cli_artifact(&mut lx, text, at + 1, stack.len());
                }
            }
            Tok::Word(w, s, e) => {
                if too_deep > 0 {
                    continue;
                }
                if p.is_empty() && stack.is_empty() && SET_VERBS.contains(&w.as_ref()) {
                    p.set_line = true;
                }
                if p.is_empty() && !p.set_line && matches!(w.as_ref(), "inactive:" | "protect:" | "replace:" | "active:") {
                    p.inactive |= w == "inactive:";
                    // An annotation alone opens no statement.
                    p.start.get_or_insert(s);
                    continue;
                }
                p.start.get_or_insert(s);
                p.end = e;
                if p.in_list {
                    p.list.get_or_insert_with(Vec::new).push(w);
                } else if p.list.is_some() {
                    p.after_list.push(w);
                } else if p.words.len() < MAX_WORDS {
                    p.words.push(w);
                }
            }
            Tok::ListOpen(at) => {
                p.start.get_or_insert(at);
                p.in_list = true;
                p.list.get_or_insert_with(Vec::new);
            }
            Tok::ListClose(at) => {
                p.in_list = false;
                p.end = at + 1;
            }
            Tok::Semi(at) => {
                if too_deep > 0 {
                    continue;
                }
                p.end = at + 1;
                let pend = std::mem::take(&mut p);
                if pend.set_line {
                    emit_set(cx, src, &pend, &edit, &deactivated, each);
                } else if !pend.words.is_empty() || pend.list.is_some() {
                    let inactive = pend.inactive || stack.iter().any(|f| f.inactive);
                    if !inactive {
                        emit(cx, &stack, &pend, each);
                    }
                }
            }
            Tok::Open(at) => {
                if too_deep > 0 || stack.len() >= MAX_DEPTH {
                    if too_deep == 0 {
                        cx.diag(DiagLevel::Error, src, at, DiagKind::TooDeep { limit: MAX_DEPTH });
                    }
                    too_deep += 1;
                    p = Pending::default();
                    continue;
                }
                let pend = std::mem::take(&mut p);
                let mut words = pend.words;
                words.extend(pend.list.unwrap_or_default());
                words.extend(pend.after_list);
                stack.push(Frame {
                    words,
                    inactive: pend.inactive,
                    open_at: pend.start.unwrap_or(at),
                });
            }
            Tok::Close(at) => {
                if too_deep > 0 {
                    too_deep -= 1;
                    continue;
                }
                if !p.words.is_empty() && !p.set_line {
                    // `foo }`: a statement without its `;` (as some hand-written files do).
                    cx.diag(
                        DiagLevel::Warning,
                        src,
                        p.start.unwrap_or(at),
                        DiagKind::MissingSemicolon {
                            directive: first_word_shown(&p.words),
                        },
                    );
                }
                p = Pending::default();
                if stack.pop().is_none() {
                    cx.diag(DiagLevel::Error, src, at, DiagKind::UnexpectedClose);
                }
            }
        }
    }
    if p.set_line {
        emit_set(cx, src, &p, &edit, &deactivated, each);
    } else if set_form && stack.is_empty() && !p.words.is_empty() {
        if !matches!(p.words[0].as_ref(), "edit" | "top" | "up") && !SESSION_COMMANDS.contains(&p.words[0].as_ref()) {
            cx.unrecognized(src, p.start.unwrap_or(0), &first_word_shown(&p.words));
        }
    } else if !p.words.is_empty() {
        cx.diag(
            DiagLevel::Warning,
            src,
            p.start.unwrap_or(0),
            DiagKind::MissingSemicolon {
                directive: first_word_shown(&p.words),
            },
        );
    }
    if let Some(f) = stack.first() {
        let (opened_line, _) = src.line_col(f.open_at);
        cx.diag(DiagLevel::Error, src, f.open_at, DiagKind::UnterminatedBlock { opened_line });
    }
}

/// The first word of a statement, for a diagnostic (the rest may hold a secret).
fn first_word_shown(words: &[Cow<str>]) -> String {
    words.first().map_or_else(String::new, |w| w.chars().take(40).collect())
}

/// Lines a terminal capture holds besides the configuration: the prompt
/// (`admin@srx> show configuration | display set`), `{master:0}` / `{primary:node0}`,
/// `[edit]`, and the pager's `---(more)---`. Skipped at the start of a top-level line.
fn skip_cli_artifact(lx: &mut Lexer, text: &str, line_start: usize, depth: usize) {
    if depth > 0 {
        return;
    }
    let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..]).map_or(text.len(), |p| line_start + p);
    let line = text[line_start..line_end].trim();
    let first = line.split_whitespace().next().unwrap_or("");
    let prompt = first.contains('@') && (first.ends_with('>') || first.ends_with('#'));
    let braces = line.starts_with('{') && line.ends_with('}') && line.contains(':') && !line[1..].contains('{');
    let edit = line.starts_with("[edit") && line.ends_with(']');
    let more = line.starts_with("---(more");
    if prompt || braces || edit || more {
        lx.at = line_end;
    }
}

/// A hierarchical statement: the enclosing blocks' words and its own, one path per list
/// member (`members [ a b ];` is `members a` and `members b`, as `display set` prints it).
fn emit(cx: &mut ParseCx, stack: &[Frame], p: &Pending, each: &mut dyn FnMut(&mut ParseCx, &Stmt)) {
    let start = p.start.unwrap_or(0);
    let mut base: Vec<&str> = stack.iter().flat_map(|f| f.words.iter().map(|w| w.as_ref())).collect();
    base.extend(p.words.iter().map(|w| w.as_ref()));
    if base.len() > MAX_WORDS {
        return;
    }
    match &p.list {
        None => each(cx, &Stmt::new(&base, start, p.end)),
        Some(members) => {
            let n = base.len();
            for m in members {
                base.truncate(n);
                base.push(m.as_ref());
                base.extend(p.after_list.iter().map(|w| w.as_ref()));
                each(cx, &Stmt::new(&base, start, p.end));
            }
        }
    }
}

/// Where `edit` has moved a set script: the `edit` steps taken, each undone whole by `exit`
/// (the CLI's "return to the previous level"), all by `top`. After `up`, whose step is one
/// hierarchy level (one word or a keyword and its name) the words do not tell, the place is
/// unknown until `top`: the `set` lines there are said, not read at a guessed path.
#[derive(Default)]
struct EditLevel<'a> {
    steps: Vec<Vec<Cow<'a, str>>>,
    lost: bool,
}

impl<'a> EditLevel<'a> {
    /// Moves for an `edit PATH` / `top` / `up [N]` / `exit` line (the last only below the
    /// top: there it leaves the session); whether the line was such a move.
    fn navigate(&mut self, words: &[Cow<'a, str>]) -> bool {
        match words.first().map(|w| w.as_ref()) {
            Some("edit") if words.len() > 1 => {
                if self.steps.iter().map(Vec::len).sum::<usize>() + words.len() <= MAX_WORDS {
                    self.steps.push(words[1..].to_vec());
                }
                true
            }
            Some("top") if words.len() == 1 => {
                *self = EditLevel::default();
                true
            }
            Some("up") if words.len() <= 2 => {
                self.lost = true;
                true
            }
            Some("exit") if words.len() == 1 && !self.steps.is_empty() => {
                self.steps.pop();
                true
            }
            _ => false,
        }
    }

    fn prefix(&self) -> impl Iterator<Item = &Cow<'a, str>> {
        self.steps.iter().flatten()
    }
}

fn first_word<'p>(p: &'p Pending) -> &'p str {
    p.words.first().map_or("", |w| w.as_ref())
}

/// A set-form line: `set PATH` is a statement unless a `deactivate`/`delete` line names it
/// or a block above it; the other verbs are read by [`set_form_deactivations`].
fn emit_set(cx: &mut ParseCx, src: &SourceFile, p: &Pending, edit: &EditLevel, deactivated: &Deactivated, each: &mut dyn FnMut(&mut ParseCx, &Stmt)) {
    let Some((verb, rest)) = p.words.split_first() else { return };
    if verb != "set" {
        return;
    }
    let start = p.start.unwrap_or(0);
    if edit.lost {
        cx.unrecognized(src, start, "set");
        return;
    }
    let mut emit = |cx: &mut ParseCx, path: &[&str]| {
        if !is_deactivated(path, start, deactivated) {
            each(cx, &Stmt::new(path, start, p.end));
        }
    };
    let mut path: Vec<&str> = edit.prefix().chain(rest).map(|w| w.as_ref()).collect();
    if let Some(list) = &p.list {
        // `set x [ a b ]` is rare in a shown config; each member is its own statement.
        let n = path.len();
        for m in list {
            path.truncate(n);
            path.push(m.as_ref());
            emit(cx, &path);
        }
        return;
    }
    if path.is_empty() {
        cx.unrecognized(src, start, "set");
        return;
    }
    emit(cx, &path);
}

/// Paths `deactivate` and `delete` lines name (set form), joined by spaces, with where a
/// `delete` was written: a deactivated statement stays inactive wherever its `set` line
/// is, but `delete` removes only what was set before it. A script that says
/// `delete security` and then sets the zones anew (a lab's `.cmd` file, a pasted session)
/// keeps the new zones.
type Deactivated = FxHashMap<String, Option<usize>>;

fn is_deactivated(path: &[&str], at: usize, deactivated: &Deactivated) -> bool {
    if deactivated.is_empty() {
        return false;
    }
    let mut prefix = String::new();
    for w in path {
        if !prefix.is_empty() {
            prefix.push(' ');
        }
        prefix.push_str(w);
        match deactivated.get(&prefix) {
            Some(None) => return true,
            Some(Some(deleted_at)) if at < *deleted_at => return true,
            _ => {}
        }
    }
    false
}

/// The paths `deactivate PATH` and `delete PATH` lines name (set form).
/// `activate` after `deactivate` is not modelled: a shown configuration never holds both.
fn set_form_deactivations(text: &str) -> Deactivated {
    let mut out = Deactivated::default();
    if memchr::memmem::find(text.as_bytes(), b"deactivate ").is_none() && memchr::memmem::find(text.as_bytes(), b"delete ").is_none() {
        return out;
    }
    for (offset, line) in crate::formats::lex::physical(text) {
        let t = line.trim_start();
        let (rest, deleted_at) = match (t.strip_prefix("deactivate "), t.strip_prefix("delete ")) {
            (Some(rest), _) => (rest, None),
            (None, Some(rest)) => (rest, Some(offset)),
            (None, None) => continue,
        };
        if out.len() >= MAX_DEACTIVATED {
            break;
        }
        let words: Vec<&str> = rest.split_whitespace().map(|w| w.trim_matches('"')).collect();
        let entry = out.entry(words.join(" ")).or_insert(deleted_at);
        if deleted_at.is_none() {
            *entry = None;
        } else if let (Some(was), Some(now)) = (*entry, deleted_at) {
            *entry = Some(was.max(now));
        }
    }
    out
}

/// Whether the text is a set script (`display set`, a `.cmd` file, a pasted session):
/// it has top-level `set` lines and no line that opens a block.
fn is_set_form(text: &str) -> bool {
    if memchr::memmem::find(text.as_bytes(), b"set ").is_none() {
        return false;
    }
    let mut set_lines = false;
    for (_, line) in crate::formats::lex::physical(text) {
        let t = line.trim();
        if t.ends_with('{') {
            return false;
        }
        set_lines |= t.starts_with("set ");
    }
    set_lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> (Vec<String>, Vec<crate::diag::Diagnostic>) {
        let src = SourceFile::from_text("t.conf", text.to_string());
        let mut cx = ParseCx::new(std::path::Path::new("t.conf"), 0);
        let mut out = Vec::new();
        statements(&mut cx, &src, &mut |_, s| out.push(s.path.join(" ")));
        (out, cx.diags)
    }

    #[test]
    fn hierarchical_and_set_forms_give_the_same_paths() {
        let h = "## Last commit: 2024-01-01 by admin\nversion 21.4R3-S5.4;\nsystem {\n    host-name \"srx 1\";\n    services {\n        ssh;\n        web-management { http { interface [ ge-0/0/0.0 ge-0/0/1.0 ]; } }\n    }\n    /* note */\n    inactive: ntp { server 192.0.2.1; }\n}\n";
        let s = "set version 21.4R3-S5.4\nset system host-name \"srx 1\"\nset system services ssh\nset system services web-management http interface ge-0/0/0.0\nset system services web-management http interface ge-0/0/1.0\nset system ntp server 192.0.2.1\ndeactivate system ntp\n";
        let (a, da) = paths(h);
        let (b, db) = paths(s);
        assert_eq!(a, b);
        assert!(da.is_empty() && db.is_empty(), "{da:?} {db:?}");
        assert_eq!(a[1], "system host-name srx 1");
    }

    #[test]
    fn prompts_and_status_lines_are_not_statements() {
        let (a, _) = paths("admin@srx> show configuration | display set \n{primary:node0}\nset system host-name a\n");
        assert_eq!(a, ["system host-name a"]);
    }

    #[test]
    fn a_set_session_is_read_line_by_line() {
        // A lab's `.cmd` file: the session's own commands around the `set` lines, a
        // `delete` before the part it sets anew, a separator a published template holds.
        let (a, d) = paths("configure\nset system host-name a\ndelete security\nset security zones security-zone lan interfaces ge-0/0/1.0\n------\nset system services ssh\ncommit and-quit\nquit");
        assert_eq!(
            a,
            [
                "system host-name a",
                "security zones security-zone lan interfaces ge-0/0/1.0",
                "system services ssh"
            ]
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(matches!(&d[0].kind, DiagKind::Unrecognized { directive } if directive == "------"), "{d:?}");
        // `delete` removes what was set before it; `deactivate` wherever it stands.
        let (a, _) = paths("set system ntp server 192.0.2.1\ndelete system ntp\ndeactivate system syslog\nset system syslog host 192.0.2.2 any any\n");
        assert!(a.is_empty(), "{a:?}");
    }

    #[test]
    fn edit_exit_top_and_up_move_a_set_script() {
        let text = "edit security ike policy P\nset proposals X\nexit\nedit system\nset host-name {{ name }}\ntop\nset system ntp server 192.0.2.1\nedit interfaces ge-0/0/0\nup\nset unit 0\n";
        let (a, d) = paths(text);
        assert_eq!(
            a,
            [
                "security ike policy P proposals X",
                "system host-name {{ name }}",
                "system ntp server 192.0.2.1"
            ]
        );
        // After `up` the level is not known: the `set` line is said, not read at a guess.
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(matches!(&d[0].kind, DiagKind::Unrecognized { directive } if directive == "set"), "{d:?}");
    }

    #[test]
    fn deep_nesting_is_refused_not_recursed() {
        let deep = "a {".repeat(100_000) + &"}".repeat(100_000);
        let (a, d) = paths(&deep);
        assert!(a.is_empty());
        assert!(d.iter().any(|d| matches!(d.kind, DiagKind::TooDeep { .. })), "{d:?}");
        let (_, d) = paths("system {\n host-name a;\n");
        assert!(d.iter().any(|d| matches!(d.kind, DiagKind::UnterminatedBlock { opened_line: 1 })), "{d:?}");
        let (_, d) = paths("}\n");
        assert!(d.iter().any(|d| matches!(d.kind, DiagKind::UnexpectedClose)));
    }
}
