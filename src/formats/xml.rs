//! A small XML reader for configuration files (Windows WLAN profiles): elements with their
//! namespace prefix and local name, attributes, text (with CDATA and entities decoded),
//! comments, processing instructions and a DOCTYPE skipped. Tokenised with nom; the tree is
//! built with an explicit stack, so nesting costs no recursion, and both depth and element
//! count are bounded. Only the five predefined entities and character references are
//! expanded (no DTD entities: nothing can grow the input).

use nom::bytes::complete::{tag, take_until, take_while, take_while1};
use nom::{IResult, Parser};

/// Deeper nesting than this is refused (WLAN profiles use about 12 levels).
pub const MAX_DEPTH: usize = 128;
/// More elements than this are refused.
pub const MAX_ELEMENTS: usize = 200_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Namespace prefix as written (`""` when none). Namespaces are matched by local name:
    /// WLAN profiles put the same names under several schema versions.
    pub prefix: String,
    pub local: String,
    pub attrs: Vec<(String, String)>,
    /// Direct text content, decoded and trimmed.
    pub text: String,
    /// Byte span of the start tag .. end of the end tag.
    pub start: usize,
    pub end: usize,
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub offset: usize,
    pub detail: String,
}

#[derive(Debug, Default)]
pub struct Document {
    pub elements: Vec<Element>,
    pub errors: Vec<XmlError>,
}

impl Document {
    /// Local names from the root down to element `i`.
    pub fn path(&self, i: usize) -> Vec<&str> {
        let mut v = Vec::new();
        let mut cur = Some(i);
        let mut guard = 0;
        while let Some(c) = cur {
            let Some(e) = self.elements.get(c) else { break };
            v.push(e.local.as_str());
            cur = e.parent;
            guard += 1;
            if guard > MAX_DEPTH + 1 {
                break;
            }
        }
        v.reverse();
        v
    }

    /// Elements whose path ends with `suffix` (local names), in document order.
    pub fn find<'a>(&'a self, suffix: &'a [&'a str]) -> impl Iterator<Item = (usize, &'a Element)> + 'a {
        self.elements.iter().enumerate().filter(move |(i, e)| {
            suffix.last().is_some_and(|l| e.local == *l) && {
                let p = self.path(*i);
                p.len() >= suffix.len() && p[p.len() - suffix.len()..] == *suffix
            }
        })
    }

    pub fn first<'a>(&'a self, suffix: &'a [&'a str]) -> Option<&'a Element> {
        self.find(suffix).next().map(|(_, e)| e)
    }

    /// Children of element `i` with local name `name`.
    pub fn children<'a>(&'a self, i: usize, name: &'a str) -> impl Iterator<Item = (usize, &'a Element)> + 'a {
        self.elements.iter().enumerate().filter(move |(_, e)| e.parent == Some(i) && e.local == name)
    }

    /// Is element `i` inside element `ancestor`?
    pub fn within(&self, i: usize, ancestor: usize) -> bool {
        let mut cur = self.elements.get(i).and_then(|e| e.parent);
        let mut guard = 0;
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.elements.get(c).and_then(|e| e.parent);
            guard += 1;
            if guard > MAX_DEPTH + 1 {
                break;
            }
        }
        false
    }
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')
}

fn name(i: &str) -> IResult<&str, &str> {
    take_while1(is_name_char).parse(i)
}

fn ws(i: &str) -> IResult<&str, &str> {
    take_while(|c: char| c.is_whitespace()).parse(i)
}

fn delimited_by<'a>(open: &'static str, close: &'static str) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    move |i| {
        let (i, _) = tag(open).parse(i)?;
        let (i, body) = take_until(close).parse(i)?;
        let (i, _) = tag(close).parse(i)?;
        Ok((i, body))
    }
}

/// `name="value"` or `name='value'`.
fn attribute(i: &str) -> IResult<&str, (&str, &str)> {
    let (i, _) = ws(i)?;
    let (i, n) = name(i)?;
    let (i, _) = ws(i)?;
    let (i, _) = tag("=").parse(i)?;
    let (i, _) = ws(i)?;
    let (i, v) = if i.starts_with('"') {
        delimited_by("\"", "\"")(i)?
    } else {
        delimited_by("'", "'")(i)?
    };
    Ok((i, (n, v)))
}

/// Decodes `&lt; &gt; &amp; &quot; &apos; &#NN; &#xHH;`; anything else is kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        let semi = after.find(';').filter(|&n| n <= 10);
        let decoded = semi.and_then(|n| {
            let ent = &after[..n];
            let c = match ent {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let num = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
                        u32::from_str_radix(h, 16).ok()
                    } else {
                        ent.strip_prefix('#').and_then(|d| d.parse::<u32>().ok())
                    };
                    num.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, n))
        });
        match decoded {
            Some((c, n)) => {
                out.push(c);
                rest = &after[n + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn split_name(n: &str) -> (String, String) {
    match n.split_once(':') {
        Some((p, l)) => (p.to_string(), l.to_string()),
        None => (String::new(), n.to_string()),
    }
}

/// Parses a whole document. Never panics; problems are collected in `errors` with their
/// byte offsets and reading goes on where it can.
const CDATA: &str = "<![CDATA[";

/// The constructs that run from an opening to a closing mark, with the error an unclosed
/// one gives; tried in this order, before other `<!` declarations.
const DELIMITED: [(&str, &str, &str); 3] = [
    ("<!--", "-->", "unterminated comment"),
    (CDATA, "]]>", "unterminated CDATA section"),
    ("<?", "?>", "unterminated processing instruction"),
];

pub fn parse(text: &str) -> Document {
    let mut doc = Document::default();
    let mut stack: Vec<usize> = Vec::new();
    let mut rest = text;
    let at = |r: &str| text.len() - r.len();
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            add_text(&mut doc, &stack, rest);
            break;
        };
        if lt > 0 {
            add_text(&mut doc, &stack, &rest[..lt]);
            rest = &rest[lt..];
        }
        let here = at(rest);
        if let Some(&(open, close, unterminated)) = DELIMITED.iter().find(|(open, ..)| rest.starts_with(open)) {
            let Ok((r, body)) = delimited_by(open, close)(rest) else {
                doc.errors.push(XmlError {
                    offset: here,
                    detail: unterminated.into(),
                });
                break;
            };
            // A CDATA section is text; comments and processing instructions are skipped.
            if open == CDATA {
                if let Some(&top) = stack.last() {
                    doc.elements[top].text.push_str(body.trim());
                }
            }
            rest = r;
        } else if rest.starts_with("<!") {
            // DOCTYPE (with an internal subset in [...]) or another declaration: skipped.
            let close = if let Some(b) = rest.find('[').filter(|&b| rest.find('>').is_some_and(|g| b < g)) {
                rest[b..].find("]>").map(|n| b + n + 2)
            } else {
                rest.find('>').map(|n| n + 1)
            };
            match close {
                Some(n) => rest = &rest[n..],
                None => {
                    doc.errors.push(XmlError {
                        offset: here,
                        detail: "unterminated declaration".into(),
                    });
                    break;
                }
            }
        } else if let Some(r) = rest.strip_prefix("</") {
            let Ok((r, n)) = name(r) else {
                doc.errors.push(XmlError {
                    offset: here,
                    detail: "malformed end tag".into(),
                });
                rest = &rest[2..];
                continue;
            };
            let (r, _) = ws(r).unwrap_or((r, ""));
            let Some(r) = r.strip_prefix('>') else {
                doc.errors.push(XmlError {
                    offset: here,
                    detail: format!("end tag </{n}> not closed by >"),
                });
                rest = r;
                continue;
            };
            let (_, local) = split_name(n);
            let end = at(r);
            match stack.iter().rposition(|&i| doc.elements[i].local == local && qualified(&doc.elements[i]) == n) {
                Some(pos) => {
                    if pos + 1 != stack.len() {
                        doc.errors.push(XmlError {
                            offset: here,
                            detail: format!("end tag </{n}> closes unclosed elements"),
                        });
                    }
                    for &i in &stack[pos..] {
                        doc.elements[i].end = end;
                    }
                    stack.truncate(pos);
                }
                None => doc.errors.push(XmlError {
                    offset: here,
                    detail: format!("end tag </{n}> without start tag"),
                }),
            }
            rest = r;
        } else {
            let Ok((mut r, n)) = name(&rest[1..]) else {
                doc.errors.push(XmlError {
                    offset: here,
                    detail: "'<' not starting a tag".into(),
                });
                rest = &rest[1..];
                continue;
            };
            let mut attrs = Vec::new();
            while let Ok((r2, (an, av))) = attribute(r) {
                if attrs.len() < 256 {
                    attrs.push((an.to_string(), decode_entities(av)));
                }
                r = r2;
            }
            let (r2, _) = ws(r).unwrap_or((r, ""));
            let (self_closing, r3) = if let Some(x) = r2.strip_prefix("/>") {
                (true, x)
            } else if let Some(x) = r2.strip_prefix('>') {
                (false, x)
            } else {
                doc.errors.push(XmlError {
                    offset: here,
                    detail: format!("start tag <{n}> not closed by >"),
                });
                // Skip to the next '>' so one broken tag does not derail the rest.
                match r2.find('>') {
                    Some(g) => (false, &r2[g + 1..]),
                    None => break,
                }
            };
            if stack.len() >= MAX_DEPTH {
                doc.errors.push(XmlError {
                    offset: here,
                    detail: format!("elements nested too deeply (limit {MAX_DEPTH})"),
                });
                break;
            }
            if doc.elements.len() >= MAX_ELEMENTS {
                doc.errors.push(XmlError {
                    offset: here,
                    detail: format!("too many elements (limit {MAX_ELEMENTS})"),
                });
                break;
            }
            let (prefix, local) = split_name(n);
            let end = at(r3);
            doc.elements.push(Element {
                prefix,
                local,
                attrs,
                text: String::new(),
                start: here,
                end,
                parent: stack.last().copied(),
            });
            if !self_closing {
                stack.push(doc.elements.len() - 1);
            }
            rest = r3;
        }
    }
    if let Some(&open) = stack.first() {
        let e = &doc.elements[open];
        doc.errors.push(XmlError {
            offset: e.start,
            detail: format!("element <{}> is never closed", qualified(e)),
        });
    }
    doc
}

fn qualified(e: &Element) -> String {
    if e.prefix.is_empty() {
        e.local.clone()
    } else {
        format!("{}:{}", e.prefix, e.local)
    }
}

fn add_text(doc: &mut Document, stack: &[usize], raw: &str) {
    let t = raw.trim();
    if t.is_empty() {
        return;
    }
    if let Some(&top) = stack.last() {
        let el = &mut doc.elements[top];
        if el.text.len() < 1 << 20 {
            el.text.push_str(&decode_entities(t));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_attributes_cdata_comments_entities() {
        let d = parse(
            r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><a:Root xmlns:a="urn:x" k='v&amp;w'><!-- c --><b x="1">t &lt;1&gt; &#x41;</b><c><![CDATA[<raw>]]></c><d/></a:Root>"#,
        );
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(d.elements[0].local, "Root");
        assert_eq!(d.elements[0].prefix, "a");
        assert_eq!(d.elements[0].attrs[1], ("k".into(), "v&w".into()));
        assert_eq!(d.first(&["Root", "b"]).unwrap().text, "t <1> A");
        assert_eq!(d.first(&["c"]).unwrap().text, "<raw>");
        assert!(d.first(&["Root", "d"]).is_some());
    }

    #[test]
    fn broken_input_gives_errors_not_panics() {
        for s in [
            "<a><b></a>",
            "<a",
            "</x>",
            "<a x=>",
            "<!-- x",
            "<![CDATA[",
            "<a>&#xFFFFFFFF;</a>",
            "<<<<",
            "&&&;",
        ] {
            let _ = parse(s);
        }
        let deep = "<a>".repeat(10_000);
        let d = parse(&deep);
        assert!(d.errors.iter().any(|e| e.detail.contains("too deeply")));
        assert!(!parse("<a><b></a>").errors.is_empty());
    }
}
