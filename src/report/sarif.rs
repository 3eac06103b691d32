//! SARIF 2.1.0: a small set of serde structs, validated against the official schema in a
//! test. Probe findings use logical locations (the target), config findings physical ones.

use super::pretty::{push_escaped, PrettyWriter};
use super::{push_fix_text, Report};
use crate::i18n::Lang;
use crate::rules::Finding;
use crate::rules::{registry, Severity};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    /// Always empty: the results are streamed in where it is (see `write`).
    results: Vec<()>,
    invocations: Vec<Invocation<'a>>,
    /// `Some(empty)` marks where the inputs are streamed in; `None` when there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    artifacts: Option<Vec<Artifact<'a>>>,
    /// The known-exploited table the run judged firmware with, and its date.
    properties: RunProperties,
}

#[derive(Serialize)]
struct RunProperties {
    advisories: serde_json::Value,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Message<'a>,
    full_description: Message<'a>,
    help: Message<'a>,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    clauses: &'a [String],
    tags: Vec<String>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

/// Texts borrow from the finding or the rule where they can: a result is serialised once,
/// right after it is built.
#[derive(Serialize)]
struct Message<'a> {
    text: Cow<'a, str>,
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Message<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: ResultProperties<'a>,
}

#[cfg(test)]
#[derive(Serialize)]
struct ResultProperties<'a> {
    subject: &'a str,
    clauses: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    physical_location: Option<PhysicalLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
}

/// Another place the result is about (the other uses of a reused secret), numbered from 1.
#[cfg(test)]
#[derive(Serialize)]
struct RelatedLocation<'a> {
    id: usize,
    #[serde(flatten)]
    location: Location<'a>,
    message: Message<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region<'a>>,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: Cow<'a, str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: u32,
    start_column: u32,
    snippet: Message<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    name: &'a str,
    kind: &'static str,
}

#[cfg(test)]
#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    /// The run's start and end (RFC 3339 UTC; both `SOURCE_DATE_EPOCH` when it is set).
    start_time_utc: String,
    end_time_utc: String,
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification<'a> {
    level: &'static str,
    message: Message<'a>,
    locations: Vec<Location<'a>>,
}

#[derive(Serialize)]
struct Artifact<'a> {
    location: ArtifactLocation<'a>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF wants URIs: relative paths with forward slashes and percent-encoded specials.
/// Most paths have neither and are borrowed as they are.
fn uri(path: &str) -> Cow<'_, str> {
    let plain = |b: u8| matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' | b':');
    if path.bytes().all(plain) {
        return Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if plain(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Cow::Owned(out)
}

/// One SARIF result per finding, as items of `runs[0].results` (indented to sit there).
pub fn fragment(findings: &[Finding], lang: Lang) -> Vec<u8> {
    let rules = registry::all();
    let mut out = Vec::new();
    for (n, f) in findings.iter().enumerate() {
        if n > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(RESULT_INDENT.as_bytes());
        push_result(&mut out, f, rules, lang);
    }
    out
}

/// Results sit at `runs[0].results[i]`: four levels of two spaces.
const RESULT_INDENT: &str = "        ";

fn indent_into(out: &mut Vec<u8>, text: &str, pad: &str) {
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(pad.as_bytes());
        out.extend_from_slice(line.as_bytes());
    }
}

/// One result, written field by field at its depth: the same bytes as serialising
/// [`result`] with serde_json's pretty printer there (the tests compare both), without
/// serde's byte-at-a-time string escaping or building the result first.
fn push_result(out: &mut Vec<u8>, f: &Finding, rules: &[registry::Rule], lang: Lang) {
    let mut w = PrettyWriter::new(out, RESULT_INDENT.len() / 2);
    w.open_object();
    w.str_member("ruleId", f.rule);
    w.key("ruleIndex");
    w.num(rule_index(f, rules) as u64);
    w.str_member("level", level(f.severity));
    w.key("message");
    w.open_object();
    w.key("text");
    w.out.push(b'"');
    f.push_message_json(lang, w.out);
    w.out.extend_from_slice(b" (");
    let mut fix = String::new();
    push_fix_text(&mut fix, f, None, lang);
    push_escaped(w.out, &fix);
    w.out.extend_from_slice(b")\"");
    w.close_object();
    w.key("locations");
    w.open_array();
    w.item();
    w.open_object();
    push_location(&mut w, &f.origin);
    w.close_object();
    w.close_array();
    if !f.related.is_empty() {
        w.key("relatedLocations");
        w.open_array();
        for (i, r) in f.related.iter().enumerate() {
            w.item();
            w.open_object();
            w.key("id");
            w.num(i as u64 + 1);
            push_location(&mut w, &r.origin);
            w.key("message");
            w.open_object();
            w.str_member("text", &related_subject(r, lang));
            w.close_object();
            w.close_object();
        }
        w.close_array();
    }
    if let Some(waiver) = &f.waiver {
        w.key("suppressions");
        w.open_array();
        w.item();
        w.open_object();
        w.str_member("kind", "external");
        w.str_member("justification", &format!("{} — {} (expires {})", waiver.reason, waiver.owner, waiver.expires));
        w.close_object();
        w.close_array();
    }
    w.key("properties");
    w.open_object();
    w.str_member("subject", &f.subject);
    w.str_array_member("clauses", f.clauses());
    w.close_object();
    w.close_object();
}

/// The members of a SARIF location for an origin: the file and region, or the probe target.
fn push_location(w: &mut PrettyWriter, o: &crate::model::Origin) {
    match (&o.path, &o.target) {
        (Some(p), _) => push_physical_location(w, p, o.line, o.column, &o.evidence),
        (None, t) => {
            w.key("logicalLocations");
            w.open_array();
            w.item();
            w.open_object();
            w.str_member("name", t.as_deref().unwrap_or(""));
            w.str_member("kind", "resource");
            w.close_object();
            w.close_array();
        }
    }
}

/// What is at a related location, in the report's language where the subject has a
/// Japanese form.
fn related_subject(r: &crate::rules::Related, lang: Lang) -> String {
    match lang {
        Lang::Ja => crate::i18n::subjects::ja(&r.subject).unwrap_or_else(|| r.subject.to_string()),
        Lang::En => r.subject.to_string(),
    }
}

/// `"physicalLocation": {...}` of a result or notification: the file, and the region when
/// there is a line (0 means the whole file).
fn push_physical_location(w: &mut PrettyWriter, path: &str, line: u32, column: u32, snippet: &str) {
    w.key("physicalLocation");
    w.open_object();
    w.key("artifactLocation");
    w.open_object();
    w.str_member("uri", &uri(path));
    w.close_object();
    if line > 0 {
        w.key("region");
        w.open_object();
        w.key("startLine");
        w.num(u64::from(line));
        w.key("startColumn");
        w.num(u64::from(column.max(1)));
        w.key("snippet");
        w.open_object();
        w.str_member("text", snippet);
        w.close_object();
        w.close_object();
    }
    w.close_object();
}

/// Position of the finding's rule in `rules` (the driver's rule list). A finding carries
/// its rule's own meta: found by address before comparing codes.
fn rule_index(f: &Finding, rules: &[registry::Rule]) -> usize {
    rules
        .iter()
        .position(|x| std::ptr::eq(x.meta, f.meta))
        .or_else(|| rules.iter().position(|x| x.meta.code == f.rule))
        .unwrap_or(0)
}

/// The result as serde structs: the reference [`push_result`] must match byte for byte.
#[cfg(test)]
fn result<'a>(f: &'a Finding, rules: &[registry::Rule], lang: Lang) -> SResult<'a> {
    let rule_index = rule_index(f, rules);
    let location_of = |o: &'a crate::model::Origin| match (&o.path, &o.target) {
        (Some(p), _) => Location {
            physical_location: Some(PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri(p) },
                region: (o.line > 0).then(|| Region {
                    start_line: o.line,
                    start_column: o.column.max(1),
                    snippet: Message {
                        text: Cow::Borrowed(&o.evidence),
                    },
                }),
            }),
            logical_locations: Vec::new(),
        },
        (None, t) => Location {
            physical_location: None,
            logical_locations: vec![LogicalLocation {
                name: t.as_deref().unwrap_or(""),
                kind: "resource",
            }],
        },
    };
    let location = location_of(&f.origin);
    let related_locations = f
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| RelatedLocation {
            id: i + 1,
            location: location_of(&r.origin),
            message: Message {
                text: Cow::Owned(related_subject(r, lang)),
            },
        })
        .collect();
    // "message (fix)", built in one string.
    let mut text = String::with_capacity(512);
    f.message_pieces(lang, |piece| text.push_str(piece));
    text.push_str(" (");
    push_fix_text(&mut text, f, None, lang);
    text.push(')');
    SResult {
        rule_id: f.rule,
        rule_index,
        level: level(f.severity),
        message: Message { text: Cow::Owned(text) },
        locations: [location],
        related_locations,
        suppressions: f
            .waiver
            .iter()
            .map(|w| Suppression {
                kind: "external",
                justification: format!("{} — {} (expires {})", w.reason, w.owner, w.expires),
            })
            .collect(),
        properties: ResultProperties {
            subject: &f.subject,
            clauses: f.clauses(),
        },
    }
}

/// The log around its lists, serialised with those lists empty. The envelope is small;
/// results, notifications and artifacts (one per finding, diagnostic and input: hundreds
/// of thousands on a fleet) are streamed into it where its empty lists are.
fn envelope(lang: Lang, execution_successful: bool, has_inputs: bool) -> String {
    let rules = registry::all();
    let descriptors: Vec<ReportingDescriptor> = rules
        .iter()
        .map(|rule| {
            let m = rule.meta;
            ReportingDescriptor {
                id: &m.code,
                name: &m.name,
                short_description: Message {
                    text: m.title.get(lang).into(),
                },
                full_description: Message { text: m.why.get(lang).into() },
                help: Message { text: m.fix.get(lang).into() },
                default_configuration: Configuration { level: level(m.severity) },
                properties: RuleProperties {
                    clauses: &m.clauses,
                    tags: std::iter::once(m.family.clone())
                        .chain(m.clauses.iter().map(|c| format!("mhlw-6.0/{c}")))
                        .collect(),
                },
            }
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "kensa",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: descriptors,
                },
            },
            results: Vec::new(),
            invocations: vec![Invocation {
                execution_successful,
                start_time_utc: crate::rfc3339(crate::run_time()),
                end_time_utc: crate::rfc3339(crate::run_end_time()),
                tool_execution_notifications: Vec::new(),
            }],
            artifacts: has_inputs.then(Vec::new),
            properties: RunProperties {
                advisories: crate::advisories::in_use().json(),
            },
        }],
    };
    serde_json::to_string_pretty(&log).expect("SARIF serialises")
}

/// The results list, empty, in the envelope.
const RESULTS: &str = "\"results\": []";

/// Everything before the first result; nothing in it depends on the run, so a log written
/// to a file can take each file's results as soon as they are judged.
pub fn head(lang: Lang, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let envelope = envelope(lang, true, false);
    let at = envelope.find(RESULTS).expect("the envelope has one results list");
    w.write_all(&envelope.as_bytes()[..at])?;
    w.write_all(&RESULTS.as_bytes()[..RESULTS.len() - 1])
}

/// Everything after the last result; `any` says whether results were written (each after
/// a line end: `\n` before the first, `,\n` before the others).
pub fn tail(r: &Report, any: bool, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let lang = r.lang;
    let envelope = envelope(lang, r.failed_inputs() == 0, !r.inputs.is_empty());
    let at = envelope.find(RESULTS).expect("the envelope has one results list");
    if any {
        write!(w, "\n{}]", &RESULT_INDENT[2..])?;
    } else {
        w.write_all(b"]")?;
    }
    let mut rest = &envelope[at + RESULTS.len()..];
    let diagnostics: Vec<&crate::diag::Diagnostic> = r.diagnostics().collect();
    rest = splice(w, rest, "toolExecutionNotifications", NOTIFICATION_INDENT, !diagnostics.is_empty(), |w| {
        super::write_items_par(w, &diagnostics, b",\n", |out, d| push_notification(out, d, lang))
    })?;
    if !r.inputs.is_empty() {
        rest = splice(w, rest, "artifacts", RESULT_INDENT, true, |w| {
            super::write_items_par(w, r.inputs, b",\n", |out, i| {
                let artifact = Artifact {
                    location: ArtifactLocation { uri: uri(&i.path) },
                };
                indent_into(out, &serde_json::to_string_pretty(&artifact).expect("SARIF serialises"), RESULT_INDENT);
            })
        })?;
    }
    w.write_all(rest.as_bytes())?;
    w.write_all(b"\n")
}

/// Notifications sit at `runs[0].invocations[0].toolExecutionNotifications[i]`.
const NOTIFICATION_INDENT: &str = "            ";

/// Writes `text` up to the empty list `"key": []`, then that list filled by `items` (which
/// writes the elements, each indented by `pad`, comma-separated) unless `nonempty` is false,
/// and returns the text after the list. Byte-identical to serialising the filled list.
fn splice<'t>(
    w: &mut dyn std::io::Write,
    text: &'t str,
    key: &str,
    pad: &str,
    nonempty: bool,
    items: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<&'t str> {
    let marker = format!("\"{key}\": []");
    let at = text.find(&marker).expect("the envelope has each spliced list once");
    w.write_all(&text.as_bytes()[..at])?;
    if nonempty {
        writeln!(w, "\"{key}\": [")?;
        items(w)?;
        write!(w, "\n{}]", &pad[2..])?;
    } else {
        w.write_all(marker.as_bytes())?;
    }
    Ok(&text[at + marker.len()..])
}

/// One tool-execution notification, written field by field (the same bytes as serialising
/// [`notification`] there, which the tests compare): one per input diagnostic, 150,000 on
/// the 100 MB corpus, written serially after the workers are done.
fn push_notification(out: &mut Vec<u8>, d: &crate::diag::Diagnostic, lang: Lang) {
    out.extend_from_slice(NOTIFICATION_INDENT.as_bytes());
    let mut w = PrettyWriter::new(out, NOTIFICATION_INDENT.len() / 2);
    w.open_object();
    w.str_member("level", notification_level(d.level));
    w.key("message");
    w.open_object();
    w.str_member("text", &d.kind.message(lang));
    w.close_object();
    w.key("locations");
    w.open_array();
    w.item();
    w.open_object();
    push_physical_location(&mut w, &d.path, d.line, d.column, "");
    w.close_object();
    w.close_array();
    w.close_object();
}

fn notification_level(level: crate::diag::DiagLevel) -> &'static str {
    match level {
        crate::diag::DiagLevel::Error => "error",
        crate::diag::DiagLevel::Warning => "warning",
        crate::diag::DiagLevel::Info => "note",
    }
}

/// The notification as it was serialised before [`push_notification`]; the tests' reference.
#[cfg(test)]
fn notification(d: &crate::diag::Diagnostic, lang: Lang) -> Notification<'_> {
    Notification {
        level: notification_level(d.level),
        message: Message {
            text: d.kind.message(lang).into(),
        },
        locations: vec![Location {
            physical_location: Some(PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri(&d.path) },
                region: (d.line > 0).then(|| Region {
                    start_line: d.line,
                    start_column: d.column.max(1),
                    snippet: Message { text: "".into() },
                }),
            }),
            logical_locations: Vec::new(),
        }],
    }
}

#[cfg(test)]
mod result_tests {
    use super::*;

    /// Every diagnostic the bundled samples and fixtures produce, and one with a hostile
    /// path and no line, gives the serde reference's bytes in both languages.
    #[test]
    fn push_notification_matches_serde() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (files, _) = crate::lint::expand_paths(&[root.join("samples"), root.join("tests/fixtures")]);
        let mut diags: Vec<crate::diag::Diagnostic> = files
            .iter()
            .flat_map(|f| crate::formats::parse_path(&f.path, &f.shown, None, 0).diagnostics)
            .collect();
        let odd: std::sync::Arc<str> = "dir/\"q\" \\x\u{1}/設定.conf".into();
        diags.push(crate::diag::Diagnostic::file(
            crate::diag::DiagLevel::Warning,
            &odd,
            crate::diag::DiagKind::InvalidUtf8,
        ));
        assert!(diags.len() > 20 && diags.iter().any(|d| d.line == 0) && diags.iter().any(|d| d.line > 0));
        for lang in [Lang::Ja, Lang::En] {
            for d in &diags {
                let mut mine = Vec::new();
                push_notification(&mut mine, d, lang);
                let mut want = Vec::new();
                indent_into(&mut want, &serde_json::to_string_pretty(&notification(d, lang)).unwrap(), NOTIFICATION_INDENT);
                assert_eq!(String::from_utf8(mine).unwrap(), String::from_utf8(want).unwrap());
            }
        }
    }

    #[test]
    fn push_result_matches_serde() {
        let rules = registry::all();
        for f in crate::report::hostile_findings() {
            for lang in [Lang::Ja, Lang::En] {
                let mut mine = Vec::new();
                push_result(&mut mine, &f, rules, lang);
                let mut want = Vec::new();
                super::super::pretty::push_nested(&mut want, &result(&f, rules, lang), RESULT_INDENT.len() / 2);
                assert_eq!(String::from_utf8(mine).unwrap(), String::from_utf8(want).unwrap());
            }
        }
    }
}
