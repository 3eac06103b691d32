//! The rule engine: one rule per file, grouped by family, each judging only the model.

pub mod cfg;
pub mod checker;
pub mod meta;
pub mod registry;

/// Per rule, the struct of its message's arguments, generated from `rules/*.toml` (see
/// `build.rs`): `LegacyTlsProtocol { versions }` for TLS001 `legacy-tls-protocol`.
pub mod msg {
    include!(concat!(env!("OUT_DIR"), "/rule_messages.rs"));
}
pub mod tls;
pub mod vpn;
pub mod waiver;
pub mod wlan;
// Routers and firewalls (issue 6).
pub mod mgmt;
pub mod net;

pub use checker::{Checker, Finding, Related};
pub use meta::{RuleMeta, Scope, Severity};

use crate::model::{Model, Origin};
use crate::policy::TlsPolicy;
use std::collections::BTreeMap;
use waiver::Waiver;

/// Which rules run: ruff-style selectors (a code or a prefix such as `TLS` or `VPN00`).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    pub fn includes(&self, code: &str) -> bool {
        let hit = |sels: &[String]| {
            sels.iter()
                .any(|s| s.eq_ignore_ascii_case("ALL") || code.to_ascii_uppercase().starts_with(&s.to_ascii_uppercase()))
        };
        (self.select.is_empty() || hit(&self.select)) && !hit(&self.ignore)
    }

    /// Selectors that match no rule (a typo must not silently select nothing).
    pub fn unknown(&self) -> Vec<String> {
        self.select
            .iter()
            .chain(&self.ignore)
            .filter(|s| {
                !s.eq_ignore_ascii_case("ALL")
                    && !registry::all()
                        .iter()
                        .any(|r| r.meta.code.to_ascii_uppercase().starts_with(&s.to_ascii_uppercase()))
            })
            .cloned()
            .collect()
    }
}

/// Runs the selected rules over models and applies waivers.
pub struct Engine {
    pub policy: TlsPolicy,
    pub now: i64,
    pub selection: Selection,
    pub options: BTreeMap<String, toml::Table>,
    pub waivers: Vec<Waiver>,
    /// kensa.toml `[assume]`: the releases the audited software runs; parsers fill
    /// release-dependent defaults from it.
    pub assume: std::sync::Arc<BTreeMap<String, String>>,
    /// The known-exploited advisories firmware is judged with: the shipped table, or the
    /// newer combination with a downloaded KEV copy (NET001, NET005).
    pub advisories: std::sync::Arc<crate::advisories::AdvisoryTable>,
}

/// The rules that ran on one model (selected, with a check function), each with the
/// number of subjects it judged.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub ran: Vec<(&'static str, u32)>,
}

impl Coverage {
    /// How many subjects the rule judged; `None` when it did not run.
    pub fn examined(&self, code: &str) -> Option<u32> {
        self.ran.iter().find(|(c, _)| *c == code).map(|&(_, n)| n)
    }
}

/// Findings reserved up front per model (152 bytes each); more grow the vector as usual.
const MAX_RESERVED_FINDINGS: usize = 4096;

impl Engine {
    pub fn new(policy: TlsPolicy, now: i64) -> Self {
        Engine {
            policy,
            now,
            selection: Selection::default(),
            options: BTreeMap::new(),
            waivers: Vec::new(),
            assume: Default::default(),
            advisories: crate::advisories::AdvisoryTable::bundled(),
        }
    }

    /// How many rules run (selected, with a check function).
    pub fn selection_size(&self) -> usize {
        registry::all()
            .iter()
            .filter(|r| r.check.is_some() && self.selection.includes(&r.meta.code))
            .count()
    }

    /// All findings for one model, in a stable order: every rule, the run-level ones
    /// included (a model judged alone is the whole run).
    pub fn check(&self, model: &Model) -> Vec<Finding> {
        self.check_scoped(model, None).0
    }

    /// [`check`](Self::check), and which rules ran and how many subjects each judged
    /// ([`Checker::examined`]): what the compliance report needs to tell a met clause from
    /// one nothing checked.
    pub fn check_covered(&self, model: &Model) -> (Vec<Finding>, Coverage) {
        self.check_scoped(model, None)
    }

    /// [`check_input`](Self::check_input), and what each rule judged (see
    /// [`check_covered`](Self::check_covered)).
    pub fn check_input_covered(&self, model: &Model) -> (Vec<Finding>, Coverage) {
        self.check_scoped(model, Some(meta::Scope::Input))
    }

    /// The selected rules that judge the whole run (MGMT009), by code.
    pub fn run_rules(&self) -> impl Iterator<Item = &'static str> + '_ {
        registry::all()
            .iter()
            .filter(|r| r.meta.scope == meta::Scope::Run && r.check.is_some() && self.selection.includes(&r.meta.code))
            .map(|r| r.meta.code.as_str())
    }

    /// The findings of the per-input rules for one input's model (a run's lint judges the
    /// run-level rules once, with [`Self::check_run`]).
    pub fn check_input(&self, model: &Model) -> Vec<Finding> {
        self.check_scoped(model, Some(meta::Scope::Input)).0
    }

    /// The findings of the run-level rules over a model holding what every input kept for
    /// them (see [`Self::keeps_for_run`]).
    pub fn check_run(&self, model: &Model) -> Vec<Finding> {
        self.check_scoped(model, Some(meta::Scope::Run)).0
    }

    /// Whether a selected rule judges the whole run: then each input's secrets outlive its
    /// model, for that rule.
    pub fn keeps_for_run(&self) -> bool {
        registry::all()
            .iter()
            .any(|r| r.meta.scope == meta::Scope::Run && r.check.is_some() && self.selection.includes(&r.meta.code))
    }

    fn check_scoped(&self, model: &Model, scope: Option<meta::Scope>) -> (Vec<Finding>, Coverage) {
        // Room for the usual findings of each endpoint, tunnel and WLAN (a few each), so
        // the vector of large findings rarely moves while the rules fill it; capped, so a
        // file of 400,000 server blocks does not reserve 500 MB for findings it may not have.
        let subjects_n = model.tls_endpoints.len() + model.vpn_tunnels.len() + model.wlans.len();
        let mut out = Vec::with_capacity((8 * subjects_n + 8).min(MAX_RESERVED_FINDINGS));
        let mut subjects = checker::Subjects::default();
        let suite_classes = tls::SuiteClasses::new(model, &self.policy);
        let mut coverage = Coverage {
            ran: Vec::with_capacity(registry::all().len()),
        };
        for rule in registry::all() {
            let Some(check) = rule.check else { continue };
            if !self.selection.includes(&rule.meta.code) || scope.is_some_and(|s| s != rule.meta.scope) {
                continue;
            }
            // Every rule appends to the same vector: no per-rule vector to allocate, grow
            // and move out of.
            let mut cx = Checker {
                policy: &self.policy,
                advisories: &self.advisories,
                now: self.now,
                suite_classes: &suite_classes,
                meta: rule.meta,
                options: self.options.get(&rule.meta.code),
                findings: std::mem::take(&mut out),
                subjects: std::mem::take(&mut subjects),
                examined: 0,
            };
            check(model, &mut cx);
            out = cx.findings;
            subjects = cx.subjects;
            coverage.ran.push((rule.meta.code.as_str(), cx.examined));
        }
        if let Some(missing) = &model.excerpt {
            said_if_whole(model, missing, &mut out);
        }
        mark_client_side(model, &mut out);
        self.apply_waivers(&mut out);
        sort_findings(&mut out);
        (out, coverage)
    }

    fn apply_waivers(&self, findings: &mut [Finding]) {
        let today = self.now.div_euclid(86400);
        for f in findings.iter_mut() {
            if let Some(w) = self
                .waivers
                .iter()
                .find(|w| w.matches(f.rule, &f.subject) && w.expires_day().is_some_and(|d| d >= today))
            {
                f.waiver = Some(Box::new(w.clone()));
            }
        }
    }

    /// Findings about the waivers themselves: expired or malformed ones, each at its own
    /// place in kensa.toml (`origin_of` gives it from the waiver's index).
    pub fn waiver_findings(&self, origin_of: impl Fn(usize) -> Origin) -> Vec<Finding> {
        let Some(rule) = registry::find("CFG001") else {
            return Vec::new();
        };
        let today = self.now.div_euclid(86400);
        let mut cx = Checker {
            policy: &self.policy,
            advisories: &self.advisories,
            now: self.now,
            suite_classes: &Default::default(),
            meta: rule.meta,
            options: None,
            findings: Vec::new(),
            subjects: Default::default(),
            examined: 0,
        };
        for (i, w) in self.waivers.iter().enumerate() {
            let expired = w.expires_day().is_none_or(|d| d < today);
            if expired {
                let subject = format!("waiver {} {}", w.rule, w.subject);
                let message = msg::ExpiredWaiver {
                    rule: w.rule.clone(),
                    expires: w.expires.clone(),
                    owner: w.owner.clone(),
                };
                cx.report(&subject, &origin_of(i), message);
            }
        }
        cx.findings
    }
}

/// Orders findings by place (path, target, line, column), then rule and subject. Stable.
///
/// Sorts indices, then moves each finding once: a finding is large, and sorting them in
/// place moved each several times (docs/performance.md).
pub fn sort_findings(v: &mut [Finding]) {
    if v.len() < 2 {
        return;
    }
    let first = &v[0].origin;
    let one_place = v
        .iter()
        .all(|f| same_arc(&f.origin.path, &first.path) && same_arc(&f.origin.target, &first.target));
    let mut order: Vec<u32> = if one_place {
        // Nearly always: every finding of a model in one file. Place is then line and
        // column, sorted as one number beside the index; only ties look at the findings.
        let mut keyed: Vec<(u64, u32)> = v
            .iter()
            .enumerate()
            .map(|(i, f)| ((u64::from(f.origin.line) << 32) | u64::from(f.origin.column), i as u32))
            .collect();
        keyed.sort_by(|&(ka, a), &(kb, b)| {
            ka.cmp(&kb).then_with(|| {
                let (a, b) = (&v[a as usize], &v[b as usize]);
                a.rule.cmp(b.rule).then_with(|| a.subject.cmp(&b.subject))
            })
        });
        keyed.into_iter().map(|(_, i)| i).collect()
    } else {
        let mut order: Vec<u32> = (0..v.len() as u32).collect();
        order.sort_by(|&a, &b| finding_order(&v[a as usize], &v[b as usize]));
        order
    };
    permute(v, &mut order);
}

/// Both absent, or the same shared string (not merely equal text).
fn same_arc(a: &Option<std::sync::Arc<str>>, b: &Option<std::sync::Arc<str>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => std::sync::Arc::ptr_eq(x, y),
        _ => false,
    }
}

fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    same_or_cmp(&a.origin.path, &b.origin.path)
        .then_with(|| same_or_cmp(&a.origin.target, &b.origin.target))
        .then(a.origin.line.cmp(&b.origin.line))
        .then(a.origin.column.cmp(&b.origin.column))
        .then_with(|| a.rule.cmp(b.rule))
        .then_with(|| a.subject.cmp(&b.subject))
}

/// Rearranges `v` so that position `j` holds what was at `order[j]`, following each cycle
/// of the permutation with swaps; `order` is used up (left as the identity).
fn permute<T>(v: &mut [T], order: &mut [u32]) {
    for i in 0..v.len() {
        let mut j = i;
        loop {
            let k = order[j] as usize;
            order[j] = j as u32;
            if k == i {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// Compares two optional shared strings; the findings of one file share its path `Arc`, so
/// most comparisons are settled by the pointer without reading the path.
fn same_or_cmp(a: &Option<std::sync::Arc<str>>, b: &Option<std::sync::Arc<str>>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) if std::sync::Arc::ptr_eq(x, y) => std::cmp::Ordering::Equal,
        _ => a.as_deref().cmp(&b.as_deref()),
    }
}

/// Marks the findings about a TLS client side (by the subject its endpoint was reported
/// under), so their fixes name the client-side directives. One place, after every rule: no
/// rule has to remember it.
fn mark_client_side(model: &Model, findings: &mut [Finding]) {
    let clients: rustc_hash::FxHashSet<&str> = model
        .tls_endpoints
        .iter()
        .filter(|e| e.role == crate::model::TlsRole::Client)
        .map(|e| &*e.subject)
        .collect();
    if clients.is_empty() {
        return;
    }
    for f in findings.iter_mut() {
        f.client_side = clients.contains(&*f.subject);
    }
}

/// On an input that does not show it is a whole configuration ([`Model::excerpt`]), a
/// finding that rests on a setting the input does not hold (a vendor default filled in, a
/// whole-device absence said at the device: no password line, no syslog, no NTP) is said as
/// holding only if the input is the whole configuration, at info: the setting may be made
/// in the part not shown. Findings on what the input does say keep their severity.
fn said_if_whole(model: &Model, missing: &std::sync::Arc<str>, findings: &mut [Finding]) {
    let device = model.device.as_ref().map(|d| &d.origin);
    for f in findings.iter_mut().filter(|f| rests_on_absence(&f.origin, device)) {
        f.severity = Severity::Info;
        f.origin = f.origin.with_note(crate::i18n::notes::Note::IfWhole { missing: missing.clone() });
    }
}

/// Whether `o` stands for a setting the input does not hold: the device's own place (where
/// parsers put whole-device absences and defaults), or a place whose note says the setting
/// is not set or absent.
fn rests_on_absence(o: &Origin, device: Option<&Origin>) -> bool {
    use crate::i18n::notes::Note;
    if device.is_some_and(|d| d.path == o.path && d.span == o.span) {
        return true;
    }
    match &o.notes {
        Some(notes) => notes.iter().any(|n| match n {
            Note::NotSetValue { .. } | Note::NotSetDefault { .. } | Note::NotSetReleaseDependent { .. } | Note::Absent { .. } => true,
            Note::Text(t) => t.contains(" not set") || t.starts_with("no "),
            _ => false,
        }),
        None => {
            let note = o.evidence.get(o.note_at as usize..).filter(|_| o.note_at > 0).unwrap_or("");
            note.contains(" not set") || note.starts_with(" (no ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    proptest::proptest! {
        /// Any permutation is applied as `order` says.
        #[test]
        fn permute_applies_the_order(order in Just((0u32..40).collect::<Vec<_>>()).prop_shuffle()) {
            let mut v: Vec<u32> = (100..100 + order.len() as u32).collect();
            let want: Vec<u32> = order.iter().map(|&i| v[i as usize]).collect();
            let mut o = order.clone();
            permute(&mut v, &mut o);
            proptest::prop_assert_eq!(v, want);
        }
    }

    proptest::proptest! {
        /// Findings of one file (one path, no target) take the keyed sort: the same order
        /// as a stable sort by `finding_order`, ties in input order.
        #[test]
        fn one_file_sort_matches_a_stable_sort(places in proptest::collection::vec((0u32..4, 0u32..3, 0usize..3, 0usize..2), 0..40)) {
            let template = crate::report::hostile_findings().remove(0);
            let path: Option<std::sync::Arc<str>> = Some("site.conf".into());
            let rules = ["TLS001", "TLS002", "VPN001"];
            let subjects = ["a", "b"];
            let mut findings: Vec<Finding> = places
                .iter()
                .enumerate()
                .map(|(i, &(line, column, rule, subject))| {
                    let mut f = template.clone();
                    f.origin.path = path.clone();
                    f.origin.target = None;
                    f.origin.line = line;
                    f.origin.column = column;
                    f.rule = rules[rule];
                    f.subject = subjects[subject].into();
                    f.args = vec![("n", i.to_string().into())];
                    f
                })
                .collect();
            let mut want = findings.clone();
            want.sort_by(finding_order);
            sort_findings(&mut findings);
            let key = |f: &Finding| f.args.clone();
            proptest::prop_assert_eq!(findings.iter().map(key).collect::<Vec<_>>(), want.iter().map(key).collect::<Vec<_>>());
        }
    }

    /// The index sort gives the order a stable sort of the findings gives, ties included
    /// (the same place and rule, in input order).
    #[test]
    fn sort_findings_matches_a_stable_sort() {
        let mut findings = crate::report::hostile_findings();
        // Copies, marked, in reverse: each ties with its original, which must stay first.
        let twice: Vec<Finding> = findings
            .iter()
            .rev()
            .cloned()
            .map(|mut f| {
                f.args.push(("copy", String::new().into()));
                f
            })
            .collect();
        findings.extend(twice);
        let mut want = findings.clone();
        want.sort_by(finding_order);
        sort_findings(&mut findings);
        let key = |f: &Finding| (f.rule, f.origin.line, f.origin.target.clone(), f.args.clone());
        assert_eq!(findings.iter().map(key).collect::<Vec<_>>(), want.iter().map(key).collect::<Vec<_>>());
    }
}
