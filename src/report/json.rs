//! JSON output, schema "kensa/v1" (design.md). Fields may be added; none renamed.

use super::Report;
use crate::formats::ParsedInput;
use crate::i18n::Lang;
use crate::model::{CertificateFacts, CertificateState, ChainTrust, PresentedChain, TlsVersion};
use crate::policy::TlsPolicy;
use crate::rules::{Finding, RuleMeta, Severity};
use serde_json::{json, Map, Value};
use std::io::{self, Write};

/// Everything before the first finding. [`Report::write`] puts the findings between this
/// and [`tail`]; together the same bytes as pretty-printing one `serde_json::Value`.
/// `findings` comes before `inputs` (member order carries no meaning in JSON): nothing in
/// the head depends on the inputs, so a report written to a file can take each file's
/// findings as soon as they are judged.
pub fn head(policy: &TlsPolicy, w: &mut dyn Write) -> io::Result<()> {
    w.write_all(b"{\n")?;
    member(w, "schema", &json!("kensa/v1"))?;
    member(w, "tool", &json!({"name": "kensa", "version": env!("CARGO_PKG_VERSION")}))?;
    member(w, "generated_at", &json!(crate::rfc3339(crate::run_time())))?;
    member(w, "policy", &json!({"name": policy.name, "source": policy.source}))?;
    member(w, "advisories", &crate::advisories::in_use().json())?;
    w.write_all(b"  \"findings\": [")
}

/// Everything after the last finding; `any` says whether findings were written (each
/// after a line end: `\n` before the first, `,\n` before the others).
pub fn tail(r: &Report, any: bool, w: &mut dyn Write) -> io::Result<()> {
    let s = r.summary();
    close_array(w, any)?;
    w.write_all(b"  \"inputs\": [")?;
    if !r.inputs.is_empty() {
        w.write_all(b"\n")?;
        super::write_items_par(w, r.inputs, b",\n", |out, i| push_input(out, i, r.lang))?;
    }
    close_array(w, !r.inputs.is_empty())?;
    w.write_all(b"  \"endpoints\": [")?;
    for (n, e) in r.endpoints.iter().enumerate() {
        w.write_all(if n == 0 { b"\n" } else { b",\n" })?;
        write_item(w, &endpoint_json(e, r.lang))?;
    }
    close_array(w, !r.endpoints.is_empty())?;
    if !r.skipped.is_empty() {
        let skipped: Vec<Value> = r.skipped.iter().map(|k| json!({"path": &*k.path, "reason": k.reason.name()})).collect();
        member(w, "skipped", &Value::Array(skipped))?;
    }
    if let Some(c) = r.compliance {
        member(w, "compliance", c)?;
    }
    w.write_all(b"  \"summary\": ")?;
    let summary = json!({"error": s.error, "warning": s.warning, "info": s.info, "waived": s.waived, "skipped_files": r.skipped.len()});
    write_indented(w, &pretty(&summary), "  ")?;
    w.write_all(b"\n}\n")
}

/// Findings of one group as array items (indented for the `findings` member), comma-separated.
pub fn fragment(findings: &[Finding], lang: Lang) -> Vec<u8> {
    // ~770 bytes per finding on the corpus: room for most without regrowing. A run-level
    // finding (MGMT009) may name tens of thousands of places: room for those too, or a
    // fragment of 20 MB grows by doubling and holds 48 MB at its last copy.
    let places: usize = findings.iter().flat_map(|f| f.related.iter()).map(related_room).sum();
    let mut out = Vec::with_capacity(findings.len() * 1024 + places);
    // The head a rule's findings share (rule, name, clauses, severity) is written once per
    // rule and severity: findings come sorted by line, so the rules of a file interleave.
    let mut heads: Vec<((*const RuleMeta, Severity), Vec<u8>)> = Vec::new();
    let mut middles = Middles::default();
    for (n, f) in findings.iter().enumerate() {
        if n > 0 {
            out.extend_from_slice(b",\n");
        }
        let of = (f.meta as *const RuleMeta, f.severity);
        let head = match heads.iter().position(|(k, _)| *k == of) {
            Some(i) => &heads[i].1,
            None => {
                let mut head = Vec::with_capacity(256); // ~150 bytes: no regrowing
                push_head(&mut head, f);
                heads.push((of, head));
                &heads[heads.len() - 1].1
            }
        };
        out.extend_from_slice(head);
        push_finding(&mut out, f, lang, &mut middles);
    }
    out
}

/// The part of a finding between its message and its line number: subject, and location
/// up to `"line": ` (or `null`). The findings of one subject in one file share it, so it
/// is rendered once per subject (up to [`Middles::MAX`] of them per fragment).
#[derive(Default)]
struct Middles {
    /// Keyed by the subject's and the path's shared text (address and length: the findings
    /// being rendered hold them, so equal keys are the same text).
    rendered: Vec<((usize, usize, usize), Vec<u8>)>,
}

impl Middles {
    const MAX: usize = 64;

    fn push(&mut self, out: &mut Vec<u8>, f: &Finding) {
        let path = f.origin.path.as_deref().map_or(0, |p| p.as_ptr() as usize);
        let key = (f.subject.as_ptr() as usize, f.subject.len(), path);
        if let Some((_, bytes)) = self.rendered.iter().find(|(k, _)| *k == key) {
            out.extend_from_slice(bytes);
            return;
        }
        let start = out.len();
        render_middle(out, f);
        if self.rendered.len() < Self::MAX {
            self.rendered.push((key, out[start..].to_vec()));
        }
    }
}

fn render_middle(out: &mut Vec<u8>, f: &Finding) {
    let mut w = super::pretty::PrettyWriter::resume(out, 3);
    subject_and_location(&mut w, &f.subject, f.origin.path.as_deref());
}

/// `"subject"` and `"location"` of a finding or a related place, up to `"line": ` inside
/// the location (true), or `null` where the place has no file (false).
fn subject_and_location(w: &mut super::pretty::PrettyWriter<'_>, subject: &str, path: Option<&str>) -> bool {
    w.str_member("subject", subject);
    w.key("location");
    match path {
        Some(path) => {
            w.open_object();
            w.str_member("path", path);
            w.key("line");
            true
        }
        None => {
            w.null();
            false
        }
    }
}

/// What every finding of one rule and severity starts with: up to the opening quote of its
/// message (rule, name, clauses and severity come from the rule's metadata).
fn push_head(out: &mut Vec<u8>, f: &Finding) {
    use super::pretty::PrettyWriter;
    out.extend_from_slice(b"    ");
    let mut w = PrettyWriter::new(out, 2);
    w.open_object();
    w.str_member("rule", f.rule);
    w.str_member("name", &f.meta.name);
    w.str_array_member("clauses", f.clauses());
    w.str_member("severity", f.severity.name());
    w.key("message");
    w.out.push(b'"');
}

/// The rest of a finding after [`push_head`]. Together they write one kensa/v1 `findings`
/// item (two levels deep) field by field: the same bytes as pretty-printing `FindingJson`
/// there (the tests compare both), without the serde machinery, a re-indenting pass or a
/// message string per finding.
fn push_finding(out: &mut Vec<u8>, f: &Finding, lang: Lang, middles: &mut Middles) {
    use super::pretty::{push_str, PrettyWriter};
    // Inside the finding's object (three levels deep), its first members written. The fixed
    // stretches between values are written as the literals a PrettyWriter would make
    // there (the serde reference tests hold them to that).
    f.push_message_json(lang, out);
    out.push(b'"');
    middles.push(out, f);
    if f.origin.path.is_some() {
        // Inside `location`, after `"line": `.
        let mut w = PrettyWriter::resume(out, 4);
        w.num(u64::from(f.origin.line));
        w.out.extend_from_slice(b",\n        \"column\": ");
        w.num(u64::from(f.origin.column));
        out.extend_from_slice(b"\n      }");
    }
    out.extend_from_slice(b",\n      \"target\": ");
    match f.origin.target.as_deref() {
        Some(t) => push_str(out, t),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\n      \"evidence\": ");
    push_str(out, &f.origin.evidence);
    if !f.related.is_empty() {
        push_related(out, &f.related);
    }
    let Some(waiver) = &f.waiver else {
        out.extend_from_slice(b",\n      \"waiver\": null\n    }");
        return;
    };
    let mut w = PrettyWriter::resume(out, 3);
    w.key("waiver");
    w.open_object();
    w.str_member("rule", &waiver.rule);
    w.str_member("subject", &waiver.subject);
    w.str_member("reason", &waiver.reason);
    w.str_member("owner", &waiver.owner);
    w.str_member("expires", &waiver.expires);
    w.close_object();
    w.close_object();
}

/// Bytes a related place takes in a fragment, rounded up: its `related` item (under 200
/// bytes of keys and indentation around its subject, path and evidence) and its
/// `path:line (subject)` in the finding's message (a Japanese subject may be longer).
fn related_room(r: &crate::rules::Related) -> usize {
    let path = r.origin.path.as_deref().map_or(0, str::len);
    256 + 2 * (path + r.subject.len()) + r.origin.evidence.len()
}

/// `"related": [...]` of a finding (three levels deep): each other place with its subject,
/// location, target and evidence, as the finding's own.
fn push_related(out: &mut Vec<u8>, related: &[crate::rules::Related]) {
    let mut w = super::pretty::PrettyWriter::resume(out, 3);
    w.key("related");
    w.open_array();
    for r in related {
        w.item();
        w.open_object();
        if subject_and_location(&mut w, &r.subject, r.origin.path.as_deref()) {
            w.num(u64::from(r.origin.line));
            w.key("column");
            w.num(u64::from(r.origin.column));
            w.close_object();
        }
        w.key("target");
        match r.origin.target.as_deref() {
            Some(t) => w.str(t),
            None => w.null(),
        }
        w.str_member("evidence", &r.origin.evidence);
        w.close_object();
    }
    w.close_array();
}

/// A finding as kensa/v1 writes it (field order is the output order): the reference that
/// [`push_finding`] must match byte for byte.
#[cfg(test)]
#[derive(serde::Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    name: &'a str,
    clauses: &'a [String],
    severity: Severity,
    message: String,
    subject: &'a str,
    location: Option<LocationJson<'a>>,
    target: Option<&'a str>,
    evidence: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<RelatedJson<'a>>,
    waiver: &'a Option<Box<crate::rules::waiver::Waiver>>,
}

#[cfg(test)]
#[derive(serde::Serialize)]
struct RelatedJson<'a> {
    subject: &'a str,
    location: Option<LocationJson<'a>>,
    target: Option<&'a str>,
    evidence: &'a str,
}

#[cfg(test)]
#[derive(serde::Serialize)]
struct LocationJson<'a> {
    path: &'a str,
    line: u32,
    column: u32,
}

#[cfg(test)]
impl<'a> LocationJson<'a> {
    /// Where a finding or a related place is, or `None` when it is in no file (a probe).
    fn of(o: &'a crate::model::Origin) -> Option<Self> {
        o.path.as_deref().map(|path| LocationJson {
            path,
            line: o.line,
            column: o.column,
        })
    }
}

#[cfg(test)]
impl<'a> FindingJson<'a> {
    fn new(f: &'a Finding, lang: Lang) -> Self {
        FindingJson {
            rule: f.rule,
            name: &f.meta.name,
            clauses: f.clauses(),
            severity: f.severity,
            message: f.message(lang),
            subject: &f.subject,
            location: LocationJson::of(&f.origin),
            target: f.origin.target.as_deref(),
            evidence: &f.origin.evidence,
            related: f
                .related
                .iter()
                .map(|r| RelatedJson {
                    subject: &r.subject,
                    location: LocationJson::of(&r.origin),
                    target: r.origin.target.as_deref(),
                    evidence: &r.origin.evidence,
                })
                .collect(),
            waiver: &f.waiver,
        }
    }
}

/// One `inputs` item, written field by field (the same bytes as pretty-printing
/// [`input_json`] there, which the tests compare): with 10,000 inputs, building a
/// `serde_json::Value` per input and re-indenting it was most of the report's serial tail.
fn push_input(out: &mut Vec<u8>, i: &ParsedInput, lang: Lang) {
    use super::pretty::PrettyWriter;
    out.extend_from_slice(b"    ");
    let mut w = PrettyWriter::new(out, 2);
    w.open_object();
    w.str_member("path", &i.path);
    w.key("format");
    match i.format {
        Some(f) => w.str(f.name()),
        None => w.null(),
    }
    w.key("lines");
    w.num(i.lines as u64);
    w.key("unrecognized_lines");
    w.num(i.unrecognized_lines as u64);
    paths_member(&mut w, "included", &i.included);
    paths_member(&mut w, "read_files", &i.read_files);
    if let Some(e) = i.error() {
        w.str_member("error", &e.kind.message(lang));
    }
    if !i.diagnostics.is_empty() {
        w.key("diagnostics");
        w.open_array();
        for d in &i.diagnostics {
            w.item();
            w.open_object();
            w.str_member("level", d.level.name());
            w.str_member("path", &d.path);
            w.key("line");
            w.num(u64::from(d.line));
            w.key("column");
            w.num(u64::from(d.column));
            w.str_member("message", &d.kind.message(lang));
            w.close_object();
        }
        w.close_array();
    }
    if let Some(t) = &i.tree {
        w.key("root");
        w.open_object();
        w.str_member("path", &t.shown);
        w.str_member("kind", t.kind.name());
        w.close_object();
    }
    w.key("partly_judged");
    w.out.extend_from_slice(if i.partly_judged() { b"true" } else { b"false" });
    w.close_object();
}

/// `"key": ["a", "b"]` for a list of paths, left out when empty.
fn paths_member(w: &mut super::pretty::PrettyWriter, key: &'static str, paths: &[std::sync::Arc<str>]) {
    if paths.is_empty() {
        return;
    }
    w.key(key);
    w.open_array();
    for p in paths {
        w.item();
        w.str(p);
    }
    w.close_array();
}

/// The inputs item as it was built before [`push_input`]; the tests' reference.
#[cfg(test)]
fn input_json(i: &ParsedInput, lang: Lang) -> Value {
    let mut o = Map::new();
    o.insert("path".into(), json!(i.path));
    o.insert("format".into(), json!(i.format.map(|f| f.name())));
    o.insert("lines".into(), json!(i.lines));
    o.insert("unrecognized_lines".into(), json!(i.unrecognized_lines));
    if !i.included.is_empty() {
        o.insert("included".into(), json!(i.included));
    }
    if !i.read_files.is_empty() {
        o.insert("read_files".into(), json!(i.read_files));
    }
    if let Some(e) = i.error() {
        o.insert("error".into(), json!(e.kind.message(lang)));
    }
    let diags: Vec<Value> = i
        .diagnostics
        .iter()
        .map(|d| json!({"level": d.level, "path": d.path, "line": d.line, "column": d.column, "message": d.kind.message(lang)}))
        .collect();
    if !diags.is_empty() {
        o.insert("diagnostics".into(), Value::Array(diags));
    }
    if let Some(t) = &i.tree {
        o.insert("root".into(), json!({"path": t.shown, "kind": t.kind.name()}));
    }
    o.insert("partly_judged".into(), json!(i.partly_judged()));
    Value::Object(o)
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("JSON values serialise")
}

/// `  "key": value,` at the top level.
fn member(w: &mut dyn Write, key: &str, v: &Value) -> io::Result<()> {
    write!(w, "  {}: ", json!(key))?;
    write_indented(w, &pretty(v), "  ")?;
    w.write_all(b",\n")
}

/// An element of a top-level array: every line indented by four spaces.
fn write_item(w: &mut dyn Write, v: &Value) -> io::Result<()> {
    write_item_bytes(w, pretty(v).as_bytes())
}

fn write_item_bytes(w: &mut dyn Write, pretty: &[u8]) -> io::Result<()> {
    w.write_all(b"    ")?;
    for (n, line) in pretty.split(|&b| b == b'\n').enumerate() {
        if n > 0 {
            w.write_all(b"\n    ")?;
        }
        w.write_all(line)?;
    }
    Ok(())
}

fn close_array(w: &mut dyn Write, nonempty: bool) -> io::Result<()> {
    w.write_all(if nonempty { b"\n  ],\n" } else { b"],\n" })
}

/// Writes pretty-printed JSON with `pad` before every line but the first (JSON strings hold
/// no raw newlines, so splitting on them is safe).
fn write_indented(w: &mut dyn Write, text: &str, pad: &str) -> io::Result<()> {
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            w.write_all(b"\n")?;
            w.write_all(pad.as_bytes())?;
        }
        w.write_all(line.as_bytes())?;
    }
    Ok(())
}

fn endpoint_json(p: &super::ProbedEndpoint, lang: Lang) -> Value {
    let mut o = Map::new();
    o.insert("target".into(), json!(p.target));
    if let Some(ep) = &p.endpoint {
        o.insert("versions".into(), json!(ep.versions.value.iter().map(|v| v.name()).collect::<Vec<_>>()));
        let mut suites = Map::new();
        for (v, s) in &ep.cipher_suites {
            suites.insert(
                v.name().into(),
                json!(s
                    .value
                    .iter()
                    .map(|c| crate::tls::suites::by_code(*c).map_or_else(|| format!("0x{c:04X}"), |x| x.iana.to_string()))
                    .collect::<Vec<_>>()),
            );
        }
        o.insert("cipher_suites".into(), Value::Object(suites));
        o.insert(
            "groups".into(),
            json!(ep
                .groups
                .as_ref()
                .map(|g| g.value.iter().map(|x| x.name.clone()).collect::<Vec<_>>())
                .unwrap_or_default()),
        );
        if ep.groups_partial {
            o.insert("groups_partial".into(), json!(true));
        }
        o.insert("client_auth".into(), json!(ep.client_auth.as_ref().map_or("unknown", |c| c.value.name())));
        if let Some(c) = &ep.client_auth {
            o.insert("client_auth_evidence".into(), json!(&*c.origin.evidence));
        }
        if let Some(n) = &ep.client_ca_names {
            o.insert("client_ca_names".into(), json!(n.value));
        }
        if let Some(f) = &ep.accepts_foreign_client_cert {
            o.insert("accepts_foreign_client_cert".into(), json!(f.value));
        }
        if let Some(h) = &ep.hsts {
            o.insert("hsts".into(), json!(h.value));
        }
        if let Some(sp) = &ep.server_preference {
            o.insert("server_preference".into(), json!(sp.value));
        }
        if let Some(c) = ep.certificates.first() {
            if let CertificateState::Loaded(f) = &c.state {
                o.insert("certificate".into(), certificate_json(f));
            }
        }
        if !ep.chains.is_empty() {
            o.insert("certificates".into(), Value::Array(ep.chains.iter().map(chain_json).collect()));
        }
        let _ = TlsVersion::Tls13;
    }
    o.insert("handshakes".into(), json!(p.handshakes));
    o.insert("elapsed_ms".into(), json!(p.elapsed_ms));
    if let Some(e) = &p.error {
        o.insert("error".into(), json!(e.message(lang)));
    }
    Value::Object(o)
}

fn certificate_json(f: &CertificateFacts) -> Value {
    json!({"subject": f.subject, "issuer": f.issuer, "san": f.san, "key": format!("{} {}", f.key_type, f.key_bits), "signature": f.signature,
           "not_before": rfc3339(f.not_before), "not_after": rfc3339(f.not_after)})
}

/// One presented chain: how it was seen, the verdicts, and each certificate as sent.
fn chain_json(c: &PresentedChain) -> Value {
    let certs: Vec<Value> = c
        .certificates
        .iter()
        .map(|cert| match &cert.state {
            CertificateState::Loaded(f) => {
                let mut v = certificate_json(f);
                v["self_signed"] = json!(f.self_signed);
                v["factory_default"] = json!(f.factory_default);
                v
            }
            CertificateState::Unreadable { reason } => json!({"unreadable": reason}),
            CertificateState::Missing => json!({"unreadable": "missing"}),
        })
        .collect();
    let trust = match &c.trust {
        ChainTrust::Trusted { store } => json!({"verdict": "trusted", "store": store.path}),
        ChainTrust::SelfSigned { store } => json!({"verdict": "self_signed", "store": store.path}),
        ChainTrust::Untrusted { store, problem } => json!({"verdict": "untrusted", "store": store.path, "problem": problem}),
        ChainTrust::Unknown { reason } => json!({"verdict": "unknown", "reason": reason}),
    };
    json!({"presented": c.origin.evidence, "name": c.checked_name, "sni_sent": c.sni_sent, "name_matches": c.name_matches,
           "in_order": c.in_order, "trust": trust, "chain": certs})
}

/// 2027-01-01T00:00:00Z
pub fn rfc3339(unix: i64) -> String {
    let day = crate::rules::waiver::date_string(unix);
    let secs = unix.rem_euclid(86400);
    format!("{day}T{:02}:{:02}:{:02}Z", secs / 3600, (secs / 60) % 60, secs % 60)
}

pub fn severity_name(s: Severity) -> &'static str {
    s.name()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old way: serde_json pretty, then every line indented by four spaces.
    fn reference(findings: &[Finding], lang: Lang) -> Vec<u8> {
        let mut out = Vec::new();
        for (n, f) in findings.iter().enumerate() {
            if n > 0 {
                out.extend_from_slice(b",\n");
            }
            let one = serde_json::to_vec_pretty(&FindingJson::new(f, lang)).unwrap();
            write_item_bytes(&mut out, &one).unwrap();
        }
        out
    }

    /// Every bundled sample and fixture, and one input with every field and hostile text,
    /// gives the same `inputs` item as the serde reference, in both languages.
    #[test]
    fn input_items_match_serde_pretty() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (files, _) = crate::lint::expand_paths(&[root.join("samples"), root.join("tests/fixtures")]);
        let mut inputs: Vec<ParsedInput> = files.iter().map(|f| crate::formats::parse_path(&f.path, &f.shown, None, 0)).collect();
        let odd: std::sync::Arc<str> = "dir/\"quoted\"\\back\tslash\u{1}/設定.conf".into();
        let mut hostile = crate::formats::parse_path(std::path::Path::new("/nonexistent/x.conf"), &odd, None, 0);
        hostile.included = vec![odd.clone(), "b.conf".into()];
        hostile.read_files = vec![odd.clone()];
        hostile.format = None;
        inputs.push(hostile);
        assert!(inputs.iter().any(|i| !i.included.is_empty()) && inputs.iter().any(|i| i.error().is_some()));
        assert!(inputs.iter().filter(|i| !i.diagnostics.is_empty()).count() > 10);
        for lang in [Lang::Ja, Lang::En] {
            for i in &inputs {
                let mut ours = Vec::new();
                push_input(&mut ours, i, lang);
                let mut theirs = Vec::new();
                write_item(&mut theirs, &input_json(i, lang)).unwrap();
                assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs).unwrap(), "{}", i.path);
            }
        }
    }

    #[test]
    fn fragment_matches_serde_pretty() {
        let findings = crate::report::hostile_findings();
        for lang in [Lang::Ja, Lang::En] {
            assert_eq!(
                String::from_utf8(fragment(&findings, lang)).unwrap(),
                String::from_utf8(reference(&findings, lang)).unwrap()
            );
            assert_eq!(fragment(&findings[..1], lang), reference(&findings[..1], lang));
        }
        assert!(fragment(&[], Lang::En).is_empty());
    }

    /// Rules that come back after others (their head is reused) and findings that share a
    /// subject and a path (their middle is reused), as a sorted file's findings do.
    #[test]
    fn fragment_reusing_heads_and_middles_matches_serde_pretty() {
        let once = crate::report::hostile_findings();
        let subjects: [std::sync::Arc<str>; 2] = ["nginx server \"a\"".into(), "サーバ b\\".into()];
        let path: std::sync::Arc<str> = "dir/x \"y\".conf".into();
        let mut findings: Vec<Finding> = once.iter().chain(once.iter()).cloned().collect();
        for (i, f) in findings.iter_mut().enumerate() {
            f.subject = subjects[i % 2].clone();
            if f.origin.path.is_some() {
                f.origin.path = Some(path.clone());
            }
        }
        for lang in [Lang::Ja, Lang::En] {
            assert_eq!(
                String::from_utf8(fragment(&findings, lang)).unwrap(),
                String::from_utf8(reference(&findings, lang)).unwrap()
            );
        }
    }
}
