//! Writing pretty-printed JSON fragments that sit inside a larger document, byte for byte as
//! `serde_json::to_string_pretty` would indent them there, without printing them at the top
//! level first and re-indenting every line (findings are rendered by the hundred thousand).
//! The JSON and SARIF writers use [`PrettyWriter`]; a serde formatter that starts at a given
//! depth is kept as the reference the tests compare them with.

#[cfg(test)]
use serde_json::ser::Formatter;
use std::io;

/// Appends `s` as a JSON string literal, escaped exactly as serde_json escapes it.
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    push_escaped(out, s);
    out.push(b'"');
}

/// Appends the escaped contents of a JSON string (no quotes). Escaping works character by
/// character, so a string written in pieces escapes the same as the whole.
pub fn push_escaped(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let len = bytes.len();
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
    // Clean bytes are copied in runs: `run` is where the pending run starts.
    let mut run = 0;
    let mut i = 0;
    while i < len {
        // Most text needs no escape: skip sixteen, then eight bytes at a time while none of
        // them is a control character, `"` or `\`, and after each escape go back to that.
        while i + 16 <= len && (escape_bits(word(i)) | escape_bits(word(i + 8))) == 0 {
            i += 16;
        }
        while i + 8 <= len && escape_bits(word(i)) == 0 {
            i += 8;
        }
        // Fewer than eight bytes left: when the last eight (some already passed) are clean,
        // so is the rest, without a look at each byte.
        if i + 8 > len && len >= 8 && escape_bits(word(len - 8)) == 0 {
            break;
        }
        for (j, &b) in bytes.iter().enumerate().take((i + 8).min(len)).skip(i) {
            let esc: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0C => b"\\f",
                0x00..=0x1F => b"",
                _ => continue,
            };
            out.extend_from_slice(&bytes[run..j]);
            if esc.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]]);
            } else {
                out.extend_from_slice(esc);
            }
            run = j + 1;
        }
        i = (i + 8).min(len);
    }
    out.extend_from_slice(&bytes[run..]);
}

/// Non-zero when a byte of `w` is below 0x20, `"` or `\` (the classic "has zero byte"
/// tricks: exact as a yes/no answer; two words can be or-ed before the test).
fn escape_bits(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w;
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    (below_space | (quote.wrapping_sub(ONES) & !quote) | (backslash.wrapping_sub(ONES) & !backslash)) & HIGH
}

/// Appends `value` pretty-printed (two-space indent) as if it were nested `levels` deep:
/// every line after the first gets `2 * levels` more spaces. The caller writes the first
/// line's indentation. The serde reference the hand-written writers are tested against.
#[cfg(test)]
pub fn push_nested<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T, levels: usize) {
    let mut ser = serde_json::Serializer::with_formatter(
        out,
        Nested {
            level: levels,
            has_value: false,
        },
    );
    value.serialize(&mut ser).expect("serialising to memory cannot fail");
}

/// serde_json's `PrettyFormatter` with two-space indent, starting at a given depth (its own
/// depth counter is private).
#[cfg(test)]
struct Nested {
    level: usize,
    has_value: bool,
}

fn indent<W: ?Sized + io::Write>(w: &mut W, level: usize) -> io::Result<()> {
    const SPACES: &[u8] = &[b' '; 64];
    let mut n = level * 2;
    while n > 0 {
        let k = n.min(SPACES.len());
        w.write_all(&SPACES[..k])?;
        n -= k;
    }
    Ok(())
}

#[cfg(test)]
impl Nested {
    /// `[` or `{`: one level deeper, nothing in it yet.
    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// `]` or `}`: on its own line at the outer indent when the container was not empty.
    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.level)?;
        }
        w.write_all(bracket)
    }
}

#[cfg(test)]
impl Formatter for Nested {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.level)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.level)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Deepest indentation (in spaces) written from [`LINE`]; deeper goes through [`indent`].
const INDENT_MAX: usize = 64;

/// `,` and a line end followed by [`INDENT_MAX`] spaces: every new line of a writer is a
/// slice of it.
static LINE: [u8; 2 + INDENT_MAX] = {
    let mut line = [b' '; 2 + INDENT_MAX];
    line[0] = b',';
    line[1] = b'\n';
    line
};

/// Writes pretty JSON by hand, laid out exactly as serde_json's pretty printer (two-space
/// indent) would lay it out `level` deep, for fixed-shape items written by the hundred
/// thousand (SARIF results), where serde's string escaping loop was the hot spot.
pub struct PrettyWriter<'a> {
    pub out: &'a mut Vec<u8>,
    level: usize,
    /// Nothing written yet in the innermost open object or array.
    empty: bool,
}

impl<'a> PrettyWriter<'a> {
    pub fn new(out: &'a mut Vec<u8>, level: usize) -> Self {
        PrettyWriter { out, level, empty: true }
    }

    /// Goes on writing inside a container `level` deep that already has members (written
    /// earlier, or copied from a prefix this writer rendered before).
    pub fn resume(out: &'a mut Vec<u8>, level: usize) -> Self {
        PrettyWriter { out, level, empty: false }
    }

    /// `,` when asked, a line end and the indentation of the current level: one copy out of
    /// [`LINE`] unless nested deeper than it reaches.
    fn line_break(&mut self, comma: bool) {
        let width = 2 * self.level;
        if width <= INDENT_MAX {
            self.out.extend_from_slice(&LINE[usize::from(!comma)..2 + width]);
        } else {
            self.out.extend_from_slice(if comma { b",\n" } else { b"\n" });
            let _ = indent(self.out, self.level);
        }
    }

    fn next_line(&mut self) {
        self.line_break(!self.empty);
        self.empty = false;
    }

    pub fn open_object(&mut self) {
        self.out.push(b'{');
        self.level += 1;
        self.empty = true;
    }

    pub fn open_array(&mut self) {
        self.out.push(b'[');
        self.level += 1;
        self.empty = true;
    }

    fn close(&mut self, bracket: u8) {
        self.level -= 1;
        if !self.empty {
            self.line_break(false);
        }
        self.out.push(bracket);
        self.empty = false;
    }

    pub fn close_object(&mut self) {
        self.close(b'}');
    }

    pub fn close_array(&mut self) {
        self.close(b']');
    }

    /// `"key": ` on a new line of the open object; the value follows. Keys are literals of
    /// the report formats, which never need escaping.
    pub fn key(&mut self, key: &'static str) {
        debug_assert!(!key.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'), "{key}");
        self.next_line();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    /// A new line for the next item of the open array; the value follows.
    pub fn item(&mut self) {
        self.next_line();
    }

    pub fn str(&mut self, s: &str) {
        push_str(self.out, s);
    }

    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// A number, in decimal (without the formatting machinery: two per finding).
    pub fn num(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    /// `"key": ["a", "b"]`.
    pub fn str_array_member(&mut self, key: &'static str, items: &[String]) {
        self.key(key);
        self.open_array();
        for item in items {
            self.item();
            self.str(item);
        }
        self.close_array();
    }

    /// `"key": "value"`.
    pub fn str_member(&mut self, key: &'static str, value: &str) {
        self.key(key);
        self.str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_like_serde_json() {
        let mut all: String = (0u32..0x80).filter_map(char::from_u32).collect();
        all.push_str("é日本語\u{2028}\u{FEFF}😀\"\\/");
        let long = "0123456789abcdef日本語 plain text, then a quote: \" and more plain text\\";
        for s in [
            all.as_str(),
            "",
            "plain",
            "\u{1F}x\u{7F}",
            long,
            &long[..30],
            "abcdefgh\n",
            "abcdefg\n",
            "abcdefghij\t",
            "0123456789abcdef0\"",
            "0123456789abcdef01234\\x",
        ] {
            let mut out = Vec::new();
            push_str(&mut out, s);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(s).unwrap());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn escapes_any_text_like_serde_json(s in "(\\PC|[\"\\\\\\x00-\\x1f])*") {
            let mut out = Vec::new();
            push_str(&mut out, &s);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }

    proptest::proptest! {
        #[test]
        fn numbers_like_display(n: u64) {
            let mut out = Vec::new();
            PrettyWriter::new(&mut out, 0).num(n);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }

    /// The writer lays out nesting past the prebuilt indentation as serde does.
    #[test]
    fn deep_nesting_like_serde_pretty() {
        let mut v = json!({"k": [1, 2]});
        for _ in 0..40 {
            v = json!([v, {"k": []}]);
        }
        fn write(w: &mut PrettyWriter, v: &serde_json::Value) {
            match v {
                serde_json::Value::Array(items) => {
                    w.open_array();
                    for item in items {
                        w.item();
                        write(w, item);
                    }
                    w.close_array();
                }
                serde_json::Value::Object(m) => {
                    w.open_object();
                    for (k, item) in m {
                        assert_eq!(k, "k");
                        w.key("k");
                        write(w, item);
                    }
                    w.close_object();
                }
                serde_json::Value::Number(n) => w.num(n.as_u64().unwrap()),
                other => panic!("{other}"),
            }
        }
        let mut out = Vec::new();
        write(&mut PrettyWriter::new(&mut out, 0), &v);
        assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string_pretty(&v).unwrap());
    }

    #[test]
    fn nested_equals_reindented_pretty() {
        let v = json!({"a": [], "b": {}, "c": [1, {"d": null, "e": ["x\ny", true]}], "f": {"g": 1.5}});
        for levels in [0, 2, 4, 40] {
            let mut out = Vec::new();
            push_nested(&mut out, &v, levels);
            let pad = " ".repeat(levels * 2);
            let want = serde_json::to_string_pretty(&v).unwrap().replace('\n', &format!("\n{pad}"));
            assert_eq!(String::from_utf8(out).unwrap(), want);
        }
    }
}
