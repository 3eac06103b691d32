//! `kensa report`: the hand-over compliance report a vendor signs and a hospital files.
//!
//! One self-contained HTML page (no scripts, no network, system fonts, inline CSS) laid out
//! for A4 paper, a section per printed part: cover (site, scope with SHA-256 of every file,
//! run time, versions, policy, waivers), the clause matrix per device
//! ([`super::compliance`]), the MHLW checklist view ([`super::checklist`]), one section per
//! device with its findings grouped by rule (why, fix and the vendor's config line once,
//! then every place), the waiver register, and an appendix (parse coverage, files read
//! beside the inputs, probe measurements). The same content is the `compliance` member of
//! the kensa/v1 JSON (`kensa report --json`).
//!
//! Unlike `kensa lint`, the report holds every device's findings at once: it needs them
//! per device and per clause. A finding is ~150 bytes; 100,000 of them are a few tens of
//! megabytes (docs/performance.md).

use super::checklist;
use super::compliance::{self, Cell, State, CLAUSES};
use super::junit::escape_into;
use super::ProbedEndpoint;
use crate::formats::{Format, ParsedInput};
use crate::i18n::Lang;
use crate::rules::waiver::Waiver;
use crate::rules::{Coverage, Engine, Finding, Severity};
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use std::fmt::Write as _;
use std::io::{self, Write};

/// kensa.toml `[site]`: who and where the report is for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// The hospital or clinic (医療機関名).
    pub facility: Option<String>,
    /// The site or building within it.
    pub site: Option<String>,
    /// Who ran the check (`--examiner` overrides).
    pub examiner: Option<String>,
}

/// What the cover states besides the devices.
#[derive(Debug, Clone, Default)]
pub struct Cover {
    pub site: Site,
    /// kensa.toml as shown, when one was read.
    pub config: Option<String>,
    /// Unix seconds of the run ([`crate::run_time`]).
    pub generated_at: i64,
    /// `--select` / `--ignore` as given (empty: every rule).
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

/// Whether a device is a config file or a probed endpoint, with the facts the appendix shows.
#[derive(Debug)]
pub enum Source {
    Input(Box<ParsedInput>),
    Endpoint(Box<ProbedEndpoint>),
}

/// One device (an input with its includes, or a probed endpoint): what it is, what kensa
/// found, and its matrix column.
#[derive(Debug)]
pub struct Device {
    pub name: String,
    pub source: Source,
    /// Product and hostname from the model (`FortiGate fw-main`).
    pub product: Option<String>,
    /// Firmware versions the config states (`FortiOS 6.4.14 (FG60E)`).
    pub firmware: Vec<String>,
    pub findings: Vec<Finding>,
    pub coverage: Option<Coverage>,
    /// The input had lines kensa did not understand or an error, or the probe left checks
    /// undecided: clauses without findings are for a person to confirm.
    pub partly: bool,
    pub cells: Vec<Cell>,
    /// SHA-256 of the input file and of every file it included or read (path, hex).
    pub files: Vec<(String, String)>,
}

/// A waiver in kensa.toml and what became of it in this run.
#[derive(Debug)]
pub struct WaiverRow {
    pub waiver: Waiver,
    pub status: WaiverStatus,
    pub findings: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiverStatus {
    Active,
    Expired,
    MatchedNothing,
}

impl WaiverStatus {
    pub fn name(self) -> &'static str {
        match self {
            WaiverStatus::Active => "active",
            WaiverStatus::Expired => "expired",
            WaiverStatus::MatchedNothing => "matched-nothing",
        }
    }
    fn label(self, lang: Lang) -> &'static str {
        lang.of(match self {
            WaiverStatus::Active => ("有効", "active"),
            WaiverStatus::Expired => ("期限切れ", "expired"),
            WaiverStatus::MatchedNothing => ("該当なし", "matched nothing"),
        })
    }
}

/// Everything the report shows.
pub struct Handover<'a> {
    pub cover: Cover,
    pub engine: &'a Engine,
    pub devices: Vec<Device>,
    pub checklist: Vec<checklist::Verdict>,
    pub waivers: Vec<WaiverRow>,
    /// Files a directory walk left out (no configuration kensa reads), listed in the
    /// appendix: nothing read is dropped silently.
    pub skipped: Vec<crate::lint::Skipped>,
}

/// Parses and judges the inputs (in parallel) and the probed endpoints, and computes each
/// device's matrix column, the checklist and the waiver register.
pub fn build<'a>(
    engine: &'a Engine,
    cover: Cover,
    inputs: Vec<ParsedInput>,
    endpoints: Vec<ProbedEndpoint>,
    skipped: Vec<crate::lint::Skipped>,
) -> Handover<'a> {
    let mut devices: Vec<Device> = inputs.into_par_iter().map(|p| judge_input(engine, p)).collect();
    judge_run(engine, &mut devices);
    devices.extend(endpoints.into_iter().map(|e| judge_endpoint(engine, e)));
    let mut tallies = checklist::tallies();
    for d in &devices {
        checklist::add_device(&mut tallies, &d.findings, d.coverage.as_ref());
    }
    let today = engine.now.div_euclid(86400);
    let waivers = engine
        .waivers
        .iter()
        .map(|w| {
            let findings = devices.iter().flat_map(|d| &d.findings).filter(|f| f.waiver.as_deref() == Some(w)).count();
            let status = match w.expires_day() {
                Some(d) if d >= today && findings > 0 => WaiverStatus::Active,
                Some(d) if d >= today => WaiverStatus::MatchedNothing,
                _ => WaiverStatus::Expired,
            };
            WaiverRow {
                waiver: w.clone(),
                status,
                findings,
            }
        })
        .collect();
    Handover {
        cover,
        engine,
        devices,
        checklist: checklist::verdicts(&tallies),
        waivers,
        skipped,
    }
}

/// The run-level rules (MGMT009: one secret in several places) over every input's secrets,
/// as `lint` judges them: each finding goes to every device it names (its own place and the
/// related ones), so a password shared by two gateways is 不適合 on both; a device with
/// secrets that could be compared counts as judged by those rules.
fn judge_run(engine: &Engine, devices: &mut [Device]) {
    let comparable: Vec<u32> = devices
        .iter()
        .map(|d| match &d.source {
            Source::Input(p) => p.model.secrets.iter().filter(|s| s.fingerprint.is_some()).count() as u32,
            Source::Endpoint(_) => 0,
        })
        .collect();
    let mut inputs: Vec<&mut ParsedInput> = devices
        .iter_mut()
        .filter_map(|d| match &mut d.source {
            Source::Input(p) => Some(&mut **p),
            Source::Endpoint(_) => None,
        })
        .collect();
    let found = crate::lint::judge_run(engine, &mut inputs);
    let run_rules: Vec<&'static str> = engine.run_rules().collect();
    for (d, n) in devices.iter_mut().zip(comparable) {
        let Source::Input(p) = &d.source else { continue };
        let files: Vec<&str> = std::iter::once(&p.path).chain(&p.included).chain(&p.read_files).map(|f| &**f).collect();
        let names = |o: &crate::model::Origin| o.path.as_deref().is_some_and(|path| files.contains(&path));
        let mine: Vec<Finding> = found
            .iter()
            .filter(|f| names(&f.origin) || f.related.iter().any(|r| names(&r.origin)))
            .cloned()
            .collect();
        if let Some(cov) = d.coverage.as_mut() {
            cov.ran.extend(run_rules.iter().map(|&code| (code, n)));
        }
        if !mine.is_empty() || n > 0 {
            d.findings.extend(mine);
            d.cells = compliance::judge(&d.findings, d.coverage.as_ref(), d.partly);
        }
    }
}

fn judge_input(engine: &Engine, mut p: ParsedInput) -> Device {
    let (findings, coverage) = engine.check_input_covered(&p.model);
    // The same notion as the JSON input's `partly_judged`: unrecognised lines, a warning
    // or error, a named file not read.
    let partly = p.partly_judged();
    let cells = compliance::judge(&findings, Some(&coverage), partly);
    let product = p.model.device.as_ref().map(|d| match &d.hostname {
        Some(h) => format!("{} {h}", d.product),
        None => d.product.clone(),
    });
    let firmware = p
        .model
        .firmware
        .iter()
        .map(|f| match &f.model {
            Some(m) => format!("{} {} ({m})", f.product, f.version),
            None => format!("{} {}", f.product, f.version),
        })
        .collect();
    // Only the secrets outlive the model: the run-level rules compare them across devices.
    let secrets = std::mem::take(&mut p.model.secrets);
    p.model = crate::model::Model { secrets, ..Default::default() };
    let files = std::iter::once(&p.path)
        .chain(&p.included)
        .chain(&p.read_files)
        .filter_map(|path| sha256_file(path).map(|h| (path.to_string(), h)))
        .collect();
    Device {
        name: p.path.to_string(),
        product: product.or_else(|| p.format.map(|f| f.name().to_string())),
        firmware,
        findings,
        coverage: Some(coverage),
        partly,
        cells,
        files,
        source: Source::Input(Box::new(p)),
    }
}

fn judge_endpoint(engine: &Engine, e: ProbedEndpoint) -> Device {
    let judged = e.endpoint.as_ref().map(|ep| {
        engine.check_covered(&crate::model::Model {
            tls_endpoints: vec![ep.clone()],
            ..Default::default()
        })
    });
    let (findings, coverage) = match judged {
        Some((f, c)) => (f, Some(c)),
        None => (Vec::new(), None),
    };
    let partly = !e.notes.is_empty();
    let cells = compliance::judge(&findings, coverage.as_ref(), partly);
    Device {
        name: e.target.clone(),
        product: None,
        firmware: Vec::new(),
        findings,
        coverage,
        partly,
        cells,
        files: Vec::new(),
        source: Source::Endpoint(Box::new(e)),
    }
}

/// SHA-256 of a file, hex; `None` when it cannot be read now (standard input, gone). Only
/// regular files are read, without waiting (see [`crate::source::open_file`]).
fn sha256_file(path: &str) -> Option<String> {
    use std::io::Read;
    let (mut file, meta) = crate::source::open_file(std::path::Path::new(path), false).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => ctx.update(&buf[..n]),
            Err(_) => return None,
        }
    }
    let mut hex = String::with_capacity(64);
    for b in ctx.finish().as_ref() {
        let _ = write!(hex, "{b:02x}");
    }
    Some(hex)
}

/// The worst state over devices, for the site column: a violation anywhere is the site's,
/// and one device to confirm keeps the site from passing.
pub fn overall(states: impl Iterator<Item = State>) -> State {
    let rank = |s: State| match s {
        State::Violated => 0,
        State::Warning => 1,
        State::Manual => 2,
        State::Waived => 3,
        State::Pass => 4,
        State::NotApplicable => 5,
    };
    states.min_by_key(|s| rank(*s)).unwrap_or(State::NotApplicable)
}

impl Handover<'_> {
    /// The site column of the matrix, one state per clause.
    pub fn overall(&self) -> Vec<State> {
        (0..CLAUSES.len()).map(|i| overall(self.devices.iter().map(|d| d.cells[i].state))).collect()
    }

    /// The `compliance` member of the kensa/v1 JSON (docs/json.md).
    pub fn compliance_json(&self, lang: Lang) -> Value {
        let site = &self.cover.site;
        let devices: Vec<Value> = self
            .devices
            .iter()
            .map(|d| {
                let mut cells = Map::new();
                for c in &d.cells {
                    let mut cell = Map::new();
                    cell.insert("state".into(), json!(c.state.name()));
                    if let Some(r) = c.reason {
                        cell.insert("reason".into(), json!(r.name()));
                    }
                    cell.insert("judged_by".into(), json!(c.judged_by));
                    cell.insert("findings".into(), json!(c.findings));
                    cell.insert("waived".into(), json!(c.waived));
                    cell.insert("notes".into(), json!(c.notes));
                    cells.insert(c.clause.into(), Value::Object(cell));
                }
                json!({
                    "name": d.name,
                    "kind": match d.source { Source::Input(_) => "input", Source::Endpoint(_) => "endpoint" },
                    "product": d.product,
                    "firmware": d.firmware,
                    "partly_judged": d.partly,
                    "files": d.files.iter().map(|(p, h)| json!({"path": p, "sha256": h})).collect::<Vec<_>>(),
                    "clauses": cells,
                })
            })
            .collect();
        let overall: Map<String, Value> = CLAUSES.iter().zip(self.overall()).map(|(c, s)| (c.to_string(), json!(s.name()))).collect();
        let list = checklist::checklist();
        let items: Vec<Value> = list
            .items
            .iter()
            .zip(&self.checklist)
            .map(|(item, v)| {
                json!({
                    "item": item.id,
                    "confirmed": item.confirmed,
                    "guideline": item.guideline,
                    "text": item.text(lang),
                    "status": v.status.name(),
                    "rules": v.rules,
                    "findings": v.findings,
                    "devices_with_findings": v.devices_with_findings,
                    "devices_judged": v.devices_judged,
                    "question": item.question(lang),
                })
            })
            .collect();
        let waivers: Vec<Value> = self
            .waivers
            .iter()
            .map(|w| {
                json!({
                    "rule": w.waiver.rule, "subject": w.waiver.subject, "reason": w.waiver.reason,
                    "owner": w.waiver.owner, "expires": w.waiver.expires, "status": w.status.name(),
                    "findings": w.findings,
                })
            })
            .collect();
        json!({
            "site": {"facility": site.facility, "site": site.site, "examiner": site.examiner},
            "config": self.cover.config,
            "clauses": CLAUSES,
            "overall": overall,
            "devices": devices,
            "checklist": {
                "title": list.checklist.title(lang),
                "edition": list.checklist.edition(lang),
                "source": list.checklist.source,
                "data": checklist::SOURCE_PATH,
                "items": items,
            },
            "waivers": waivers,
        })
    }

    /// The kensa/v1 JSON: findings, inputs and endpoints as `kensa lint`/`probe` write
    /// them, and the `compliance` member.
    pub fn write_json(self, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
        let compliance = self.compliance_json(lang);
        let mut store = super::FindingStore::new(super::OutputFormat::Json, lang, false);
        for d in &self.devices {
            let (format, error) = match &d.source {
                Source::Input(p) => (p.format.map(|f| f.name()), p.error().map(|e| e.kind.message(lang))),
                Source::Endpoint(e) => (None, e.error.as_ref().map(|x| x.message(lang))),
            };
            let group = super::GroupCtx {
                key: &d.name,
                format,
                error: error.as_deref(),
            };
            store.add(group, &d.findings)?;
        }
        let mut inputs = Vec::new();
        let mut endpoints = Vec::new();
        for d in self.devices {
            match d.source {
                Source::Input(p) => inputs.push(*p),
                Source::Endpoint(e) => endpoints.push(*e),
            }
        }
        let report = super::Report {
            inputs: &inputs,
            endpoints: &endpoints,
            findings: &store,
            policy: &self.engine.policy,
            lang,
            skipped: &self.skipped,
            compliance: Some(&compliance),
        };
        report.write(w)
    }

    /// The HTML report.
    pub fn write_html(&self, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
        let t = Words::of(lang);
        let mut o = String::with_capacity(1 << 16);
        let _ = write!(
            o,
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>\n<style>{CSS}</style></head><body>\n",
            lang_code(lang),
            t.title
        );
        self.cover_html(&mut o, &t, lang);
        self.matrix_html(&mut o, &t, lang);
        self.checklist_html(&mut o, &t, lang);
        w.write_all(o.as_bytes())?;
        for (n, d) in self.devices.iter().enumerate() {
            let mut o = String::with_capacity(4096 + d.findings.len() * 256);
            device_html(&mut o, n, d, &t, lang);
            w.write_all(o.as_bytes())?;
        }
        let mut o = String::new();
        self.waivers_html(&mut o, &t, lang);
        self.appendix_html(&mut o, &t, lang);
        o.push_str("</body></html>\n");
        w.write_all(o.as_bytes())
    }

    fn cover_html(&self, o: &mut String, t: &Words, lang: Lang) {
        let site = &self.cover.site;
        let none = t.not_given;
        let _ = write!(
            o,
            "<section class=\"cover\" id=\"cover\"><h1>{}</h1><p class=\"sub\">{}</p><table class=\"kv\">",
            t.title, t.subtitle
        );
        let mut row = |k: &str, v: &str| {
            let _ = write!(o, "<tr><th>{k}</th><td>");
            escape_into(o, v);
            o.push_str("</td></tr>");
        };
        row(t.facility, site.facility.as_deref().unwrap_or(none));
        row(t.site, site.site.as_deref().unwrap_or(none));
        row(t.examiner, site.examiner.as_deref().unwrap_or(none));
        row(t.run_at, &crate::rfc3339(self.cover.generated_at));
        row(t.version, &format!("kensa {}", env!("CARGO_PKG_VERSION")));
        let rules_run = self.engine.selection_size();
        let selection = if self.cover.select.is_empty() && self.cover.ignore.is_empty() {
            t.all_rules.to_string()
        } else {
            format!("select: {} / ignore: {}", self.cover.select.join(","), self.cover.ignore.join(","))
        };
        row(t.rules, &format!("{rules_run} ({selection})"));
        let p = &self.engine.policy;
        row(t.policy, &format!("{} — {} ({} {})", p.name, p.title, p.source, p.version));
        let list = checklist::checklist();
        row(
            t.checklist,
            &format!("{} {} ({})", list.checklist.title(lang), list.checklist.edition(lang), checklist::SOURCE_PATH),
        );
        row(t.config, self.cover.config.as_deref().unwrap_or(none));
        row(t.waivers, &self.waivers.len().to_string());
        let inputs = self.devices.iter().filter(|d| matches!(d.source, Source::Input(_))).count();
        row(t.scope, &t.scope_counts(inputs, self.devices.len() - inputs));
        o.push_str("</table>");
        // The state legend, so the matrix reads without the text.
        let _ = write!(o, "<h2>{}</h2><table class=\"legend\">", t.legend);
        for (s, meaning) in t.states {
            let _ = write!(o, "<tr><td class=\"state s-{}\">{}</td><td>{meaning}</td></tr>", s.name(), s.label(lang));
        }
        o.push_str("</table>");
        let _ = write!(
            o,
            "<h2>{}</h2><table class=\"files\"><colgroup><col class=\"w-path\"><col></colgroup><tr><th>{}</th><th>SHA-256</th></tr>",
            t.files, t.file
        );
        for d in &self.devices {
            for (path, hash) in &d.files {
                o.push_str("<tr><td>");
                escape_into(o, path);
                let _ = write!(o, "</td><td class=\"hash\">{hash}</td></tr>");
            }
            if let Source::Endpoint(e) = &d.source {
                o.push_str("<tr><td>");
                escape_into(o, &e.target);
                let _ = write!(o, "</td><td>{}</td></tr>", t.probed);
            }
        }
        o.push_str("</table></section>\n");
    }

    fn matrix_html(&self, o: &mut String, t: &Words, lang: Lang) {
        const PER_TABLE: usize = 6;
        let _ = write!(o, "<section id=\"matrix\"><h2>{}</h2><p>{}</p>", t.matrix, t.matrix_note);
        // The site as a whole first, then the devices, a few per table so no table is
        // wider than the page.
        let overall = self.overall();
        let _ = write!(
            o,
            "<table class=\"matrix\" data-table=\"overall\"><tr><th class=\"clause\">{}</th><th>{}</th></tr>",
            t.clause, t.overall
        );
        for (c, s) in CLAUSES.iter().zip(&overall) {
            let _ = write!(
                o,
                "<tr data-clause=\"{c}\"><th class=\"clause\">{c} {}</th><td class=\"state s-{}\" data-device=\"*\" data-state=\"{}\">{}</td></tr>",
                clause_title(c, lang),
                s.name(),
                s.name(),
                s.label(lang)
            );
        }
        o.push_str("</table>");
        for (k, chunk) in self.devices.chunks(PER_TABLE).enumerate() {
            let _ = write!(
                o,
                "<table class=\"matrix devices\" data-table=\"{k}\"><tr><th class=\"clause\">{}</th>",
                t.clause
            );
            for (j, d) in chunk.iter().enumerate() {
                let n = k * PER_TABLE + j + 1;
                let _ = write!(o, "<th class=\"dev\"><a href=\"#device-{n}\">D{n}</a><br><span class=\"name\">");
                escape_into(o, short_name(&d.name));
                o.push_str("</span></th>");
            }
            o.push_str("</tr>");
            for (i, c) in CLAUSES.iter().enumerate() {
                let _ = write!(o, "<tr data-clause=\"{c}\"><th class=\"clause\">{c}</th>");
                for d in chunk {
                    let cell = &d.cells[i];
                    let _ = write!(o, "<td class=\"state s-{}\" data-device=\"", cell.state.name());
                    escape_into(o, &d.name);
                    let _ = write!(o, "\" data-state=\"{}\"", cell.state.name());
                    if let Some(r) = cell.reason {
                        o.push_str(" title=\"");
                        escape_into(o, r.text(lang));
                        o.push('"');
                    } else if cell.state == State::Waived {
                        // Which waivers: the register has the rest.
                        o.push_str(" title=\"");
                        escape_into(o, &waivers_of(&d.findings, c).join("; "));
                        o.push('"');
                    }
                    let _ = write!(o, ">{}</td>", cell.state.label(lang));
                }
                o.push_str("</tr>");
            }
            o.push_str("</table>");
        }
        o.push_str("</section>\n");
    }

    fn checklist_html(&self, o: &mut String, t: &Words, lang: Lang) {
        let list = checklist::checklist();
        let _ = write!(
            o,
            "<section id=\"checklist\"><h2>{} — {} {}</h2><p>{}</p><table class=\"checklist\"><colgroup><col class=\"w-id\"><col><col class=\"w-status\"><col class=\"w-evidence\"></colgroup><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            t.checklist_view,
            escape_str(list.checklist.title(lang)),
            escape_str(list.checklist.edition(lang)),
            t.checklist_note,
            t.item,
            t.item_text,
            t.status,
            t.evidence
        );
        for (item, v) in list.items.iter().zip(&self.checklist) {
            let _ = write!(
                o,
                "<tr data-item=\"{}\" data-status=\"{}\"><td>{}",
                escape_str(&item.id),
                v.status.name(),
                escape_str(&item.id)
            );
            if !item.confirmed {
                let _ = write!(o, "<br><small>{}</small>", t.unconfirmed);
            }
            o.push_str("</td><td>");
            escape_into(o, item.text(lang));
            if !item.guideline.is_empty() {
                let _ = write!(o, "<br><small>{} ", t.guideline);
                escape_into(o, &item.guideline);
                o.push_str("</small>");
            }
            let _ = write!(o, "</td><td class=\"status c-{}\">{}</td><td>", v.status.name(), v.status.label(lang));
            if !v.rules.is_empty() {
                o.push_str(&t.item_evidence(v));
                o.push_str("<br>");
            }
            let _ = write!(o, "<strong>{}</strong> ", t.question);
            escape_into(o, item.question(lang));
            o.push_str("</td></tr>");
        }
        o.push_str("</table></section>\n");
    }

    fn waivers_html(&self, o: &mut String, t: &Words, lang: Lang) {
        let _ = write!(o, "<section id=\"waivers\"><h2>{}</h2>", t.waiver_register);
        if self.waivers.is_empty() {
            let _ = writeln!(o, "<p>{}</p></section>", t.no_waivers);
            return;
        }
        let _ = write!(
            o,
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            t.rule, t.subject, t.reason, t.owner, t.expires, t.status
        );
        for w in &self.waivers {
            o.push_str("<tr><td>");
            for v in [&w.waiver.rule, &w.waiver.subject, &w.waiver.reason, &w.waiver.owner, &w.waiver.expires] {
                escape_into(o, v);
                o.push_str("</td><td>");
            }
            let _ = write!(
                o,
                "<span class=\"w-{}\">{}</span> ({})</td></tr>",
                w.status.name(),
                w.status.label(lang),
                t.count(w.findings)
            );
        }
        o.push_str("</table></section>\n");
    }

    fn appendix_html(&self, o: &mut String, t: &Words, lang: Lang) {
        let _ = write!(
            o,
            "<section id=\"appendix\"><h2>{}</h2><h3>{}</h3><table class=\"coverage\"><colgroup><col class=\"w-path\"><col class=\"w-format\"><col class=\"w-num\"><col class=\"w-num\"><col></colgroup><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            t.appendix, t.coverage, t.file, t.format, t.lines_understood, t.lines_not, t.diagnostics
        );
        for d in &self.devices {
            let Source::Input(p) = &d.source else { continue };
            o.push_str("<tr><td>");
            escape_into(o, &p.path);
            let _ = write!(
                o,
                "</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>",
                p.format.map_or("?", Format::name),
                p.lines.saturating_sub(p.unrecognized_lines),
                p.unrecognized_lines
            );
            for (n, diag) in p.diagnostics.iter().take(5).enumerate() {
                if n > 0 {
                    o.push_str("<br>");
                }
                escape_into(o, &format!("{}: {}", super::diag_location(diag), diag.kind.message(lang)));
            }
            if p.diagnostics.len() > 5 {
                let _ = write!(o, "<br>… (+{})", p.diagnostics.len() - 5);
            }
            o.push_str("</td></tr>");
        }
        o.push_str("</table>");
        let _ = write!(o, "<h3>{}</h3>", t.read_outside);
        let read: Vec<(&str, &str)> = self
            .devices
            .iter()
            .filter_map(|d| match &d.source {
                Source::Input(p) => Some((d, p)),
                Source::Endpoint(_) => None,
            })
            .flat_map(|(d, p)| p.read_files.iter().map(move |f| (&*d.name, &**f)))
            .collect();
        if read.is_empty() {
            let _ = write!(o, "<p>{}</p>", t.none);
        } else {
            let _ = write!(o, "<table><tr><th>{}</th><th>{}</th></tr>", t.file, t.read_by);
            for (by, f) in read {
                o.push_str("<tr><td>");
                escape_into(o, f);
                o.push_str("</td><td>");
                escape_into(o, by);
                o.push_str("</td></tr>");
            }
            o.push_str("</table>");
        }
        if !self.skipped.is_empty() {
            let _ = write!(
                o,
                "<h3>{}</h3><table><colgroup><col class=\"w-path\"><col></colgroup><tr><th>{}</th><th>{}</th></tr>",
                t.skipped, t.file, t.reason
            );
            for k in &self.skipped {
                o.push_str("<tr><td>");
                escape_into(o, &k.path);
                let _ = write!(o, "</td><td>{}</td></tr>", k.reason.name());
            }
            o.push_str("</table>");
        }
        let _ = write!(o, "<h3>{}</h3>", t.probes);
        let mut any = false;
        for d in &self.devices {
            let Source::Endpoint(e) = &d.source else { continue };
            any = true;
            let mut block = String::new();
            super::probe_view::write(&mut block, e, lang, &|s| s.to_string());
            if let Some(err) = &e.error {
                let _ = writeln!(block, "{}: {err}", e.target);
            }
            for note in &e.notes {
                let _ = writeln!(block, "{note}");
            }
            o.push_str("<pre>");
            escape_into(o, &block);
            o.push_str("</pre>");
        }
        if !any {
            let _ = write!(o, "<p>{}</p>", t.none);
        }
        o.push_str("</section>\n");
    }
}

/// One device's section: what it is, its clause states in one line, and its findings
/// grouped by rule (why and fix once per rule, then every place with its evidence).
fn device_html(o: &mut String, n: usize, d: &Device, t: &Words, lang: Lang) {
    let _ = write!(o, "<section class=\"device\" id=\"device-{}\"><h2>D{} ", n + 1, n + 1);
    escape_into(o, &d.name);
    o.push_str("</h2><table class=\"kv\">");
    let _ = write!(o, "<tr><th>{}</th><td>", t.product);
    escape_into(o, d.product.as_deref().unwrap_or(t.not_stated));
    let _ = write!(o, "</td></tr><tr><th>{}</th><td>", t.firmware);
    escape_into(
        o,
        &if d.firmware.is_empty() {
            t.not_stated.to_string()
        } else {
            d.firmware.join(", ")
        },
    );
    o.push_str("</td></tr>");
    if d.partly {
        let _ = write!(o, "<tr><th>{}</th><td>{}</td></tr>", t.note, t.partly);
    }
    o.push_str("</table>");
    let format = match &d.source {
        Source::Input(p) => p.format.map(Format::name),
        Source::Endpoint(_) => None,
    };
    if d.findings.is_empty() {
        let _ = writeln!(o, "<p>{}</p></section>", t.no_findings);
        return;
    }
    // Rules in the order of their first finding (findings are sorted by place).
    let mut rules: Vec<&'static str> = Vec::new();
    for f in &d.findings {
        if !rules.contains(&f.rule) {
            rules.push(f.rule);
        }
    }
    for rule in rules {
        let mut of_rule = d.findings.iter().filter(|f| f.rule == rule);
        let first = of_rule.next().expect("a rule listed has a finding");
        let meta = first.meta;
        let worst = d.findings.iter().filter(|f| f.rule == rule).map(|f| f.severity).max().unwrap_or(Severity::Info);
        let _ = write!(
            o,
            "<div class=\"rule\"><h3><span class=\"sev {}\">{}</span> {} ",
            worst.name(),
            worst.label(lang),
            meta.code
        );
        escape_into(o, meta.title.get(lang));
        let _ = write!(
            o,
            " <small>({} {})</small></h3><p><strong>{}</strong> ",
            t.clauses,
            meta.clauses.join(", "),
            t.why
        );
        escape_into(o, meta.why.get(lang));
        let _ = write!(o, "</p><p><strong>{}</strong> ", t.fix);
        escape_into(o, first.fix(lang));
        if let Some(example) = format.and_then(|fm| first.fix_example(fm, lang)) {
            o.push_str("<br><code>");
            escape_into(o, example);
            o.push_str("</code>");
        }
        let _ = write!(
            o,
            "</p><table class=\"places\"><colgroup><col class=\"w-sev\"><col><col class=\"w-where\"></colgroup><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            t.severity, t.message, t.location
        );
        for f in std::iter::once(first).chain(of_rule) {
            let _ = write!(o, "<tr><td><span class=\"sev {}\">{}</span>", f.severity.name(), f.severity.label(lang));
            if f.waiver.is_some() {
                let _ = write!(o, "<br><span class=\"waived\">{}</span>", State::Waived.label(lang));
            }
            o.push_str("</td><td>");
            f.message_pieces(lang, |piece| escape_into(o, piece));
            if let Some(w) = &f.waiver {
                let _ = write!(o, "<br><em>{}: ", State::Waived.label(lang));
                escape_into(o, &format!("{} ({}, {})", w.reason, w.owner, w.expires));
                o.push_str("</em>");
            }
            o.push_str("</td><td>");
            let mut place = String::new();
            super::push_location(&mut place, f);
            escape_into(o, &place);
            let evidence = f.origin.evidence_in(lang);
            if !evidence.is_empty() {
                o.push_str("<br><code>");
                escape_into(o, &evidence);
                o.push_str("</code>");
            }
            o.push_str("</td></tr>");
        }
        o.push_str("</table></div>");
    }
    o.push_str("</section>\n");
}

/// The waivers (rule, reason, owner, expiry) behind a device's waived findings on a clause.
fn waivers_of(findings: &[Finding], clause: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in findings.iter().filter(|f| f.clauses().iter().any(|c| c == clause)) {
        if let Some(w) = &f.waiver {
            let text = format!("{} {}: {} ({}, {})", w.rule, w.subject, w.reason, w.owner, w.expires);
            if !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
}

/// The last two path components (the matrix header has little room; the full path is in
/// the device's section and on the cover).
fn short_name(name: &str) -> &str {
    let mut cut = name.len();
    for _ in 0..2 {
        match name[..cut].rfind('/') {
            Some(i) => cut = i,
            None => return name,
        }
    }
    &name[cut + 1..]
}

fn escape_str(s: &str) -> String {
    super::junit::escape(s)
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    }
}

/// The clause in a few words, for the site column.
pub fn clause_title(clause: &str, lang: Lang) -> &'static str {
    let (ja, en) = match clause {
        "13-1" => ("責任分界の明確化", "responsibility boundaries"),
        "13-2" => ("セッション乗っ取り・なりすましの防止", "session hijack and spoofing"),
        "13-3" => ("閉域網の通信経路の範囲確認", "carrier closed-network scope"),
        "13-4" => ("通信の相互認証 (閉域網)", "endpoint authentication"),
        "13-5" => ("信頼できる機器、拠点間の回り込み防止", "trusted devices, no transit"),
        "13-6" => ("TLS 1.3 と TLS 設定", "TLS 1.3 and TLS settings"),
        "13-7" => ("情報そのものの暗号化", "encrypting the information"),
        "13-8" => ("改ざん防止", "integrity in transit"),
        "13-9" => ("中間者攻撃の防止", "man-in-the-middle"),
        "13-10" => ("盗聴の防止", "sniffing"),
        "13-11" => ("外部接続の脅威対策と監視", "external connections"),
        "13-12" => ("通信相手の相互認証", "mutual authentication"),
        "13-13" => ("無線 LAN", "wireless LAN"),
        "7-12" => ("保守のためのリモートログイン", "maintenance remote login"),
        "7-13" => ("職員のリモートアクセス", "staff remote access"),
        "8-5" => ("初期パスワードの変更", "factory passwords"),
        "14-5" => ("二要素認証", "two-factor authentication"),
        "14-6" => ("パスワードの保存", "password storage"),
        "17-1" => ("アクセスログの記録", "access logs"),
        "17-3" => ("時刻の同期", "time synchronisation"),
        _ => ("", ""),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// A4 (210 × 297 mm) with 14 mm margins leaves 182 mm; the screen layout uses the same
/// width, so what fits on screen fits on paper. Tables are fixed-layout and wrap anywhere,
/// so a long path or evidence line never widens them; state words never break.
const CSS: &str = "@page{size:A4;margin:14mm}\
*{box-sizing:border-box}\
html{font-family:system-ui,'Noto Sans CJK JP','Hiragino Sans','Yu Gothic','Meiryo',sans-serif;font-size:9.5pt;line-height:1.45;color:#111}\
body{width:182mm;max-width:100%;margin:0 auto;padding:0}\
section{break-before:page;page-break-before:always}\
section.cover{break-before:auto;page-break-before:auto}\
h1{font-size:17pt;margin:0 0 2mm}h2{font-size:13pt;margin:4mm 0 2mm;border-bottom:1px solid #444}h3{font-size:10.5pt;margin:3mm 0 1mm}\
.sub{color:#444;margin:0 0 4mm}\
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:0 0 3mm}\
th,td{border:1px solid #999;padding:1mm 1.5mm;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:normal}\
th{background:#eee}\
tr{break-inside:avoid;page-break-inside:avoid}\
table.kv th{width:38mm}\
code,pre{font-family:ui-monospace,'Noto Sans Mono CJK JP','DejaVu Sans Mono',monospace;font-size:8.5pt;white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4}\
pre{padding:2mm;margin:0 0 3mm}\
.state,.status{word-break:keep-all}.sev,.waived{white-space:nowrap}\
table.legend td.state{width:24mm}\
.matrix th.clause{width:auto}.matrix td,.matrix th.dev{width:21mm;text-align:center}\
.matrix[data-table=overall] td{width:30mm}\
.matrix .name{font-weight:normal;font-size:7.5pt;overflow-wrap:anywhere;white-space:normal}\
.s-pass{background:#d8f0d8}.s-violated{background:#f6c8c8}.s-warning{background:#fbe5b8}.s-waived{background:#dcdcf6}.s-not-applicable{background:#f2f2f2;color:#555}.s-manual{background:#fff6c0}\
.c-findings{background:#f6c8c8}.c-waived{background:#dcdcf6}.c-no-findings{background:#e6f4e6}.c-not-checked,.c-question{background:#fff6c0}\
.sev.error{color:#a00;font-weight:bold}.sev.warning{color:#950}.sev.info{color:#05a}\
col.w-id{width:14mm}col.w-status{width:30mm}col.w-evidence{width:62mm}col.w-sev{width:18mm}col.w-where{width:62mm}col.w-path{width:70mm}col.w-format{width:24mm}col.w-num{width:20mm}\
.num{text-align:right}.hash{font-family:ui-monospace,monospace;font-size:7pt}\
table.files td{padding:0.2mm 1.5mm;font-size:8pt;line-height:1.25}table.files td.hash{font-size:6.5pt}table.files col.w-path{width:78mm}\
.rule{break-inside:auto}small{color:#444}\
@media print{a{color:inherit;text-decoration:none}}";

/// Every word of the report's own, in one language.
struct Words {
    title: &'static str,
    subtitle: &'static str,
    facility: &'static str,
    site: &'static str,
    examiner: &'static str,
    run_at: &'static str,
    version: &'static str,
    rules: &'static str,
    all_rules: &'static str,
    policy: &'static str,
    checklist: &'static str,
    config: &'static str,
    waivers: &'static str,
    scope: &'static str,
    not_given: &'static str,
    legend: &'static str,
    states: [(State, &'static str); 6],
    files: &'static str,
    file: &'static str,
    probed: &'static str,
    matrix: &'static str,
    matrix_note: &'static str,
    clause: &'static str,
    overall: &'static str,
    checklist_view: &'static str,
    checklist_note: &'static str,
    item: &'static str,
    item_text: &'static str,
    status: &'static str,
    evidence: &'static str,
    unconfirmed: &'static str,
    guideline: &'static str,
    question: &'static str,
    waiver_register: &'static str,
    no_waivers: &'static str,
    rule: &'static str,
    subject: &'static str,
    reason: &'static str,
    owner: &'static str,
    expires: &'static str,
    appendix: &'static str,
    coverage: &'static str,
    format: &'static str,
    lines_understood: &'static str,
    lines_not: &'static str,
    diagnostics: &'static str,
    read_outside: &'static str,
    read_by: &'static str,
    skipped: &'static str,
    probes: &'static str,
    none: &'static str,
    product: &'static str,
    firmware: &'static str,
    not_stated: &'static str,
    note: &'static str,
    partly: &'static str,
    no_findings: &'static str,
    clauses: &'static str,
    why: &'static str,
    fix: &'static str,
    severity: &'static str,
    message: &'static str,
    location: &'static str,
    lang: Lang,
}

/// The legend: what each state means, in Japanese and English.
const STATES: [(State, &str, &str); 6] = [
    (
        State::Pass,
        "この項目を点検するルールが対象を点検し、問題は見つかりませんでした",
        "a rule for the clause checked something here and found no problem",
    ),
    (
        State::Violated,
        "ガイドラインの要求を満たしていません (エラー)",
        "the clause is violated (error)",
    ),
    (
        State::Warning,
        "例外としての文書化または改善が必要です (警告)",
        "allowed only as a documented exception, or to improve (warning)",
    ),
    (
        State::Waived,
        "指摘はすべて有効な例外承認の対象です",
        "every finding is covered by an active waiver",
    ),
    (
        State::NotApplicable,
        "この項目が対象とする設定がありません",
        "nothing here that the clause applies to",
    ),
    (
        State::Manual,
        "設定からは判断できない、または入力を解釈しきれなかったため、運用者の確認が必要です",
        "no configuration shows it, or the input was only partly understood: the operator confirms",
    ),
];

impl Words {
    fn of(lang: Lang) -> Words {
        // Each label's Japanese and English side by side, so that neither language can
        // miss one or swap two.
        macro_rules! words {
            ($($field:ident: $ja:literal, $en:literal;)+) => {
                Words {
                    $($field: lang.of(($ja, $en)),)+
                    states: STATES.map(|(state, ja, en)| (state, lang.of((ja, en)))),
                    lang,
                }
            };
        }
        words! {
            title: "ネットワーク設定 点検報告書", "Network configuration inspection report";
            subtitle:
                "医療情報システムの安全管理に関するガイドライン 第6.0版 システム運用編 13章 (関連: 7-12, 7-13, 8-5, 14-5, 14-6, 17-1, 17-3)",
                "MHLW Guidelines for the Security Management of Medical Information Systems 6.0, operations volume, chapter 13 (related: 7-12, 7-13, 8-5, 14-5, 14-6, 17-1, 17-3)";
            facility: "医療機関", "Facility";
            site: "拠点", "Site";
            examiner: "点検者", "Examiner";
            run_at: "点検日時 (UTC)", "Run at (UTC)";
            version: "ツール", "Tool";
            rules: "実行したルール", "Rules run";
            all_rules: "全ルール", "all rules";
            policy: "TLS ポリシー", "TLS policy";
            checklist: "チェックリスト", "Checklist";
            config: "設定ファイル", "Configuration";
            waivers: "例外承認の件数", "Waivers";
            scope: "対象", "Scope";
            not_given: "(記載なし)", "(not given)";
            legend: "判定の凡例", "Legend";
            files: "点検したファイル", "Files checked";
            file: "ファイル", "File";
            probed: "接続して測定", "probed";
            matrix: "条項別の判定", "Clause matrix";
            matrix_note:
                "「適合」は、その条項を点検するルールが対象を実際に点検し、問題を見つけなかった場合だけです。何も点検しなかった条項は「該当なし」です。",
                "\"pass\" means a rule for the clause actually checked something on the device and found nothing; a clause nothing checked is \"not applicable\".";
            clause: "条項", "Clause";
            overall: "全体", "Site";
            checklist_view: "チェックリストとの対応", "Checklist view";
            checklist_note:
                "設定と測定から根拠を示せる項目には点検結果を、それ以外の項目には運用者への確認事項を示します。指摘がなくても、項目を満たすかどうかは運用者が確認してください。",
                "Items that configurations and measurements can evidence show what kensa found; every other item is a question for the operator. No findings does not by itself mean an item is met: the operator confirms.";
            item: "項目", "Item";
            item_text: "内容", "Text";
            status: "状態", "Status";
            evidence: "根拠と確認事項", "Evidence and question";
            unconfirmed: "(番号未確認)", "(number unconfirmed)";
            guideline: "ガイドライン:", "Guideline:";
            question: "確認事項:", "Question:";
            waiver_register: "例外承認の一覧", "Waiver register";
            no_waivers: "例外承認はありません。", "No waivers.";
            rule: "ルール", "Rule";
            subject: "対象", "Subject";
            reason: "理由", "Reason";
            owner: "責任者", "Owner";
            expires: "期限", "Expires";
            appendix: "付録", "Appendix";
            coverage: "入力ごとの解釈状況", "Parse coverage per input";
            format: "形式", "Format";
            lines_understood: "解釈した行", "Lines understood";
            lines_not: "解釈できない行", "Lines not understood";
            diagnostics: "入力の診断", "Input diagnostics";
            read_outside: "入力の外で読んだファイル", "Files read outside the inputs";
            read_by: "読んだ入力", "Read by";
            skipped: "点検しなかったファイル (設定ファイルではないと判断)", "Files left out (not a configuration kensa reads)";
            probes: "測定結果", "Probe measurements";
            none: "なし", "None.";
            product: "機種", "Product";
            firmware: "ファームウェア", "Firmware";
            not_stated: "(設定に記載なし)", "(not stated in the configuration)";
            note: "注記", "Note";
            partly:
                "入力の一部を解釈できなかったため、指摘のない条項は「要確認」としています。",
                "Part of the input was not understood: clauses without findings are marked for confirmation.";
            no_findings: "指摘はありません。", "No findings.";
            clauses: "条項", "clauses";
            why: "理由:", "Why:";
            fix: "対処:", "Fix:";
            severity: "重大度", "Severity";
            message: "内容", "Finding";
            location: "場所", "Where";
        }
    }

    fn scope_counts(&self, inputs: usize, endpoints: usize) -> String {
        match self.lang {
            Lang::Ja => format!("設定ファイル {inputs} 件、接続先 {endpoints} 件"),
            Lang::En => format!("{inputs} configuration inputs, {endpoints} endpoints"),
        }
    }

    fn count(&self, findings: usize) -> String {
        match self.lang {
            Lang::Ja => format!("該当 {findings} 件"),
            Lang::En => format!("{findings} findings"),
        }
    }

    fn item_evidence(&self, v: &checklist::Verdict) -> String {
        let rules = v.rules.join(", ");
        match self.lang {
            Lang::Ja => format!(
                "ルール {rules}: 点検した機器 {} 台、指摘 {} 件 (機器 {} 台)",
                v.devices_judged, v.findings, v.devices_with_findings
            ),
            Lang::En => format!(
                "rules {rules}: {} devices checked, {} findings on {} devices",
                v.devices_judged, v.findings, v.devices_with_findings
            ),
        }
    }
}
