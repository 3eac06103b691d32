//! What a rule's check function gets: the policy, the clock, its own options, and a way to
//! report findings. Findings hold arguments, not rendered text, so every report can speak
//! either language.

use crate::i18n::Lang;
use crate::model::{Origin, Setting};
use crate::policy::TlsPolicy;
use crate::rules::meta::{RuleMeta, Severity};
use crate::rules::waiver::Waiver;
use serde::Serialize;
use std::sync::Arc;

/// One finding: a rule, the thing it is about, where, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// Shared by the findings about one subject (see [`Subjects`]).
    pub subject: Arc<str>,
    pub origin: Origin,
    /// Values for the message placeholders (never secret values), from the rule's message
    /// struct ([`Message`]); keys are its field names, so a finding does not allocate them.
    pub args: Vec<(&'static str, Arg)>,
    /// Set when a waiver in kensa.toml covers this finding. Boxed: few findings have one,
    /// and unboxed it was 120 of a finding's 264 bytes, moved with it by every sort and
    /// vector growth.
    pub waiver: Option<Box<Waiver>>,
    #[serde(skip)]
    pub meta: &'static RuleMeta,
    /// The finding is about a TLS client side (a proxy to its upstream, a VPN client): its
    /// fix names the client-side directives and speaks of the upstream server.
    #[serde(skip)]
    pub client_side: bool,
    /// The subject in Japanese word order, worked out when a Japanese report first asks
    /// ([`SubjectJa`]); shared by the findings about one subject.
    #[serde(skip)]
    pub subject_ja: Arc<SubjectJa>,
    /// Other places the finding is about (the other uses of a reused secret): JSON
    /// `related`, SARIF `relatedLocations`. Empty for nearly every finding.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub related: Box<[Related]>,
}

/// Another place a finding is about, and what is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub subject: Arc<str>,
    /// Evidence here is masked like the finding's own.
    pub origin: Origin,
}

impl Finding {
    /// How to fix it, in general: the rule's client-side wording for a client side.
    pub fn fix(&self, lang: Lang) -> &'static str {
        match (&self.meta.fix_client, self.client_side) {
            (Some(t), true) => t.get(lang),
            _ => self.meta.fix.get(lang),
        }
    }

    /// The fix example for an input format: `fix_by_format.<format>-client` for a client
    /// side when the rule has one (the plain key is for rules that judge only one role, or
    /// whose directive serves both).
    pub fn fix_example(&self, format: &str, lang: Lang) -> Option<&'static str> {
        let by = &self.meta.fix_by_format;
        let client = if self.client_side { by.get(&format!("{format}-client")) } else { None };
        // An empty client example says the format has no client-side directive for it.
        client.or_else(|| by.get(format)).map(|t| t.get(lang)).filter(|t| !t.is_empty())
    }

    /// The subject as a reader of `lang` reads it (Japanese word order around the names).
    pub fn subject_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => self.subject_ja.get(&self.subject).unwrap_or(&self.subject),
            Lang::En => &self.subject,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::fill_with(self.meta.message.get(lang), |key| self.arg(key, lang))
    }

    /// The message in pieces, without building it (renderers that escape as they write).
    pub fn message_pieces(&self, lang: Lang, emit: impl FnMut(&str)) {
        crate::i18n::fill_each(self.meta.message.get(lang), |key| self.arg(key, lang), emit)
    }

    /// The message, JSON-escaped (no quotes), into `out`: the same bytes as escaping each
    /// of [`message_pieces`](Self::message_pieces), with the template's text escaped once.
    pub fn push_message_json(&self, lang: Lang, out: &mut Vec<u8>) {
        let pieces = self.meta.json_message(lang);
        // Joins as `fill_each` does (i18n::join_literal): the literals are JSON-escaped, but
        // a space and Japanese text escape to themselves.
        let mut after_ja = false;
        // Each value is looked up once: as the piece after a literal, then as itself.
        let value = |i: usize| match pieces.get(i) {
            Some(crate::i18n::Piece::Value { key, .. }) => self.arg(key, lang),
            _ => None,
        };
        let mut next = value(0);
        for (i, piece) in pieces.iter().enumerate() {
            let this = std::mem::replace(&mut next, value(i + 1));
            match piece {
                crate::i18n::Piece::Literal(text) => {
                    let before_ja = next.and_then(|v| v.chars().next()).is_some_and(crate::i18n::is_japanese);
                    // Only Japanese beside a literal can change it (join_literal).
                    let joined = if after_ja || before_ja { std::str::from_utf8(text).ok() } else { None };
                    match joined {
                        Some(t) => out.extend_from_slice(crate::i18n::join_literal(t, after_ja, before_ja).as_bytes()),
                        None => out.extend_from_slice(text),
                    }
                    after_ja = false;
                }
                crate::i18n::Piece::Value { written, .. } => match this {
                    Some(v) => {
                        crate::report::pretty::push_escaped(out, v);
                        after_ja = v.chars().next_back().is_some_and(crate::i18n::is_japanese);
                    }
                    None => {
                        out.extend_from_slice(written);
                        after_ja = false;
                    }
                },
            }
        }
    }

    /// The value of a message placeholder: `{x}` names a field `x`; `{x_ja}` in the
    /// Japanese text and `{x_en}` in the English one name the words field `x`.
    fn arg(&self, key: &str, lang: Lang) -> Option<&str> {
        let stem = key.strip_suffix(match lang {
            Lang::Ja => "_ja",
            Lang::En => "_en",
        });
        let found = self.args.iter().find_map(|(k, v)| match v {
            Arg::Text(t) if *k == key => Some(t.as_str()),
            Arg::Words(w) if *k == key || stem == Some(*k) => Some(w.get(lang)),
            _ => None,
        });
        match found {
            Some(v) => Some(v),
            None if key == "subject" => Some(self.subject_in(lang)),
            None => None,
        }
    }

    /// The placeholders of the message in `lang` that this finding has no value for (the
    /// rule's message struct makes this empty; the registry test holds every rule to it).
    pub fn unfilled(&self, lang: Lang) -> Vec<String> {
        crate::i18n::split_template(self.meta.message.get(lang), |t| t.as_bytes().to_vec())
            .into_iter()
            .filter_map(|piece| match piece {
                crate::i18n::Piece::Value { key, .. } if self.arg(&key, lang).is_none() => Some(key.into()),
                _ => None,
            })
            .collect()
    }

    pub fn clauses(&self) -> &'static [String] {
        &self.meta.clauses
    }
}

/// One value of a finding's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    /// Language-neutral: names, numbers, the config's own text.
    Text(String),
    /// Words, said in the reader's language.
    Words(crate::i18n::Words),
}

impl Arg {
    /// The value in one language (language-neutral text is the same in both).
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match self {
            Arg::Text(t) => t,
            Arg::Words(w) => w.get(lang),
        }
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<crate::i18n::Words> for Arg {
    fn from(w: crate::i18n::Words) -> Arg {
        Arg::Words(w)
    }
}

/// A rule's message arguments: the struct `build.rs` generates from the placeholders of
/// its TOML `[message]` (`crate::rules::msg`), so a rule cannot leave one unfilled.
pub trait Message {
    /// The rule whose message this fills.
    const CODE: &'static str;
    fn into_args(self) -> Vec<(&'static str, Arg)>;
}

/// Passed to every check function.
pub struct Checker<'a> {
    pub policy: &'a TlsPolicy,
    /// The known-exploited advisories of this run.
    pub advisories: &'a crate::advisories::AdvisoryTable,
    /// Unix seconds "now", for certificate validity (fixed by KENSA_NOW in tests).
    pub now: i64,
    /// The model's suites sorted into the policy's classes (made once per model).
    pub suite_classes: &'a crate::rules::tls::SuiteClasses,
    pub(crate) meta: &'static RuleMeta,
    pub(crate) options: Option<&'a toml::Table>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) subjects: Subjects,
    /// Subjects the rule judged (see [`Checker::examined`]).
    pub(crate) examined: u32,
}

/// The subjects reported so far in one model's check, so that the findings of all rules
/// about one endpoint share its name (and its Japanese word order, worked out at most once
/// per subject, see [`SubjectJa`]) instead of copying it once each. Keyed by the
/// address of the text the rule passed (the model's own strings, stable while it is
/// checked), and always confirmed by comparing the text, so a temporary reusing an
/// address cannot be mistaken for another subject.
#[derive(Default)]
pub(crate) struct Subjects(rustc_hash::FxHashMap<usize, Subject>);

/// A subject's name and the place for its Japanese form.
#[derive(Clone)]
struct Subject {
    name: Arc<str>,
    ja: Arc<SubjectJa>,
}

/// A subject's Japanese word order ([`crate::i18n::subjects::ja`]), worked out the first
/// time a Japanese report asks for it: an English report never does, and working it out
/// for every subject of every model was a twentieth of an English lint run
/// (docs/performance.md, session 15).
#[derive(Debug, Default)]
pub struct SubjectJa(std::sync::OnceLock<Option<Box<str>>>);

impl SubjectJa {
    /// `subject` (the subject this belongs to) in Japanese, or `None` when it reads the same.
    pub fn get(&self, subject: &str) -> Option<&str> {
        self.0.get_or_init(|| crate::i18n::subjects::ja(subject).map(Box::from)).as_deref()
    }
}

impl Subjects {
    fn get(&mut self, subject: &str) -> Subject {
        let key = subject.as_ptr() as usize;
        match self.0.get(&key) {
            Some(known) if *known.name == *subject => known.clone(),
            _ => {
                let new = Subject {
                    name: subject.into(),
                    ja: Arc::default(),
                };
                self.0.insert(key, new.clone());
                new
            }
        }
    }
}

impl<'a> Checker<'a> {
    /// Records that the rule judged one subject it applies to (an endpoint's protocol
    /// list, a tunnel's proposals, a WLAN's authentication), whether or not it found
    /// anything. The compliance report shows a clause as met only where a rule for it
    /// judged something and found nothing: silence alone is never a pass.
    pub fn examined(&mut self) {
        self.examined += 1;
    }

    /// Judges one setting of one subject, the shape most rules share: a subject whose input
    /// decided the setting was examined, and one whose value `is_bad` is reported where the
    /// setting was made. A subject the input says nothing about is neither: the rule cannot
    /// judge it, so it neither passes nor fails here.
    pub fn judge<T, M: Message>(&mut self, subject: &str, setting: Option<&Setting<T>>, is_bad: impl FnOnce(&T) -> bool, message: M) {
        let Some(setting) = self.decided(setting) else { return };
        if is_bad(&setting.value) {
            self.report(subject, &setting.origin, message);
        }
    }

    /// `value` as the input decided it, counting its subject as examined when it did (None:
    /// the input does not say, and the rule cannot judge the subject on it).
    pub fn decided<T>(&mut self, value: Option<T>) -> Option<T> {
        if value.is_some() {
            self.examined();
        }
        value
    }

    /// Reports a finding at the rule's own severity.
    pub fn report<M: Message>(&mut self, subject: &str, origin: &Origin, message: M) {
        self.report_as(self.meta.severity, subject, origin, message);
    }

    /// Reports at another severity (e.g. a rule that warns for one case and errs for another).
    /// The message's values are moved into the finding: the rules build them for it alone.
    pub fn report_as<M: Message>(&mut self, severity: Severity, subject: &str, origin: &Origin, message: M) {
        // Another rule's message struct would leave this rule's placeholders unfilled; every
        // rule's examples run in the registry test, which runs this check.
        debug_assert_eq!(M::CODE, self.meta.code, "{} reported with {}'s message", self.meta.code, M::CODE);
        let args = message.into_args();
        let Subject { name, ja } = self.subjects.get(subject);
        self.findings.push(Finding {
            rule: meta_code(self.meta),
            severity,
            subject: name,
            origin: origin.clone(),
            args,
            waiver: None,
            meta: self.meta,
            client_side: false,
            subject_ja: ja,
            related: Box::default(),
        });
    }

    /// Reports a finding at the rule's own severity that is also about other places.
    pub fn report_related<M: Message>(&mut self, subject: &str, origin: &Origin, message: M, related: Vec<Related>) {
        self.report(subject, origin, message);
        if let Some(f) = self.findings.last_mut() {
            f.related = related.into_boxed_slice();
        }
    }

    /// The rule's options as its own `Options` struct: the rule's TOML `[options]` (the one
    /// place defaults live) overlaid with kensa.toml `[rules.CODE]`. kensa.toml was checked
    /// against the same struct when it was loaded ([`crate::rules::registry::check_options`]),
    /// and the registry test runs every rule on its defaults, so this cannot fail on input.
    pub fn options<T: serde::de::DeserializeOwned>(&self) -> T {
        merged_options(self.meta, self.options).unwrap_or_else(|e| panic!("{}: options do not fit the rule's Options struct: {e}", self.meta.code))
    }
}

/// The options of a rule whose only threshold is a minimum length (MGMT005 passwords,
/// WLAN007 passphrases): `[options] min_length` in its TOML, `[rules.CODE] min_length` in
/// kensa.toml. A rule file names it as its own: `pub type Options = MinLength;`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinLength {
    /// Shorter secrets are reported (characters).
    pub min_length: usize,
}

/// `meta`'s TOML `[options]` overlaid with a site's `[rules.CODE]` table, as `T`.
pub fn merged_options<T: serde::de::DeserializeOwned>(meta: &RuleMeta, site: Option<&toml::Table>) -> Result<T, String> {
    let mut merged = meta.options.clone();
    if let Some(site) = site {
        merged.extend(site.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    T::deserialize(toml::Value::Table(merged)).map_err(|e| e.message().trim().to_string())
}

fn meta_code(m: &'static RuleMeta) -> &'static str {
    m.code.as_str()
}

#[cfg(test)]
mod tests {
    use super::{Lang, Subjects};
    use std::sync::Arc;

    /// A finding without its message's values is caught, in each language, by name; with
    /// them, nothing is unfilled.
    #[test]
    fn unfilled_names_the_placeholders_without_a_value() {
        let rule = crate::rules::registry::find("MGMT006").unwrap();
        let mut f = crate::report::hostile_findings().remove(0);
        f.meta = rule.meta;
        f.args = Vec::new();
        assert_eq!(f.unfilled(Lang::En), ["role_en", "factor_en"]);
        assert_eq!(f.unfilled(Lang::Ja), ["role_ja", "factor_ja"]);
        use crate::i18n::Term;
        crate::i18n::terms! {
            enum W { X => "語", "word"; }
        }
        f.args = vec![
            ("role", crate::i18n::Words::from(W::X).into()),
            ("factor", crate::i18n::Words::from(W::X).into()),
        ];
        assert!(f.unfilled(Lang::En).is_empty() && f.unfilled(Lang::Ja).is_empty());
        assert_eq!(W::X.say(Lang::Ja), "語");
        assert!(
            f.message(Lang::Ja).contains("語") && f.message(Lang::En).contains("word"),
            "{}",
            f.message(Lang::En)
        );
    }

    /// A subject seen before is shared; text at a remembered address that has changed (a
    /// temporary whose memory was reused) is never answered with the old subject.
    #[test]
    fn subjects_are_shared_only_when_the_text_is_the_same() {
        let mut subjects = Subjects::default();
        let mut text = String::from("nginx server a.example:443");
        let first = subjects.get(&text).name;
        assert!(Arc::ptr_eq(&first, &subjects.get(&text).name));
        text.replace_range(13..14, "b"); // same address, same length, other text
        let second = subjects.get(&text).name;
        assert_eq!(&*second, "nginx server b.example:443");
        assert_eq!(&*first, "nginx server a.example:443");
    }
}
