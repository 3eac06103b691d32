//! ## What it does
//! Finds one secret (a password, pre-shared key, Wi-Fi passphrase, SNMP community, RADIUS
//! or TACACS+ secret, PPP or EAP password) used in two or more places of a run: on several
//! devices, or by several accounts or links of one device. Each group is one finding at
//! its first place, naming every place, never the value.
//!
//! ## Why
//! Clause 8-5, and the MHLW checklist's item against password reuse (パスワードの使い回し
//! 禁止): a secret that leaks from one device opens every other place that uses it. The
//! values are compared by keyed fingerprints ([`crate::model::Fingerprint`]), made when
//! parsed; the rule never sees a value.
//!
//! A secret both ends of a link must hold is not reuse there: uses that name one link (an
//! SSID, a PPP or EAP account) count once, and exactly two unnamed uses in two different
//! files are taken as the two ends of one link (a tunnel's pre-shared key on both gateways).
//! One device holding one key for one peer in two places (two IOS keyrings for one peer
//! address) configures that link twice: it counts once.
//! The RADIUS / TACACS+ secrets of one device (authentication and accounting) count once.
//!
//! ## Example
//! `login password X` and `administrator password X` on a YAMAHA RTX → MGMT009.

use crate::i18n::Words;
use crate::model::{Fingerprint, Model, Secret, SecretKind, SecretStorage};
use crate::rules::msg::SecretReused;
use crate::rules::{Checker, Related};
use std::fmt::Write;

crate::i18n::terms! {
    /// Where the uses of one secret are.
    enum Scope {
        OneFile => "1 つのファイルの中の", "within one file";
        Files { n: usize } => "{n} つのファイル (機器) にまたがる", "across {n} files (devices)";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    // Every secret that can be compared was judged, whether or not it is shared.
    for _ in model.secrets.iter().filter(|s| s.fingerprint.is_some()) {
        cx.examined();
    }
    for group in groups(&model.secrets) {
        let uses: Vec<&Secret> = group.iter().map(|&i| &model.secrets[i]).collect();
        if holders(&uses) < 2 {
            continue;
        }
        let first = uses[0];
        let mut files: Vec<&str> = uses.iter().filter_map(|s| s.origin.path.as_deref()).collect();
        files.sort_unstable();
        files.dedup();
        let scope = match files.len() {
            0 | 1 => Scope::OneFile.into(),
            n => Scope::Files { n }.into(),
        };
        // One shared name per subject: a vendor's account ("user admin") stands on
        // thousands of devices, each place naming it.
        let mut names: rustc_hash::FxHashMap<&str, std::sync::Arc<str>> = Default::default();
        let related = uses[1..]
            .iter()
            .map(|s| Related {
                subject: names.entry(&s.subject).or_insert_with(|| s.subject.as_str().into()).clone(),
                origin: s.origin.clone(),
            })
            .collect();
        cx.report_related(
            &first.subject,
            &first.origin,
            SecretReused {
                count: uses.len().to_string(),
                scope,
                places: Words::from_table(&places(&uses, true), &places(&uses, false)),
            },
            related,
        );
    }
}

/// Pairs of places (indices into `secrets`) that hold one secret and that MGMT009 takes to
/// be the two ends of one link, not reuse, on nothing but that: exactly two secrets both
/// ends must hold (pre-shared keys), naming no link, in two different files. Said to the
/// reader as an assumption ([`crate::lint::judge_run`]).
pub fn assumed_link_ends(secrets: &[Secret]) -> Vec<(usize, usize)> {
    let unnamed = |&i: &usize| secrets[i].kind.held_by_both_ends() && secrets[i].link.is_none();
    groups(secrets)
        .into_iter()
        .filter(|g| g.iter().all(unnamed))
        .filter_map(|g| match *distinct_ends(g.into_iter(), |&i| &secrets[i]).as_slice() {
            [a, b] => (secrets[a].origin.path != secrets[b].origin.path).then_some((a, b)),
            _ => None,
        })
        .collect()
}

/// The uses of a key both ends hold, one per device (file) and peer: a device that holds
/// one key for one peer in two places (two keyrings) configures one link twice. Uses that
/// name no peer are all kept.
fn distinct_ends<'a, T>(uses: impl Iterator<Item = T>, secret: impl Fn(&T) -> &'a Secret) -> Vec<T> {
    let mut seen: rustc_hash::FxHashSet<(Option<&str>, &str)> = Default::default();
    uses.filter(|u| {
        let s = secret(u);
        s.peer.as_deref().is_none_or(|p| seen.insert((s.origin.path.as_deref(), p)))
    })
    .collect()
}

/// A use's place within its group: (group, path, span, line).
type Place<'a> = (usize, Option<&'a str>, (usize, usize), u32);

/// The uses (indices into `secrets`) of each fingerprint seen at least twice, in the order
/// of their first use; a place recorded twice (an input named on the command line and
/// included by another) counts once.
fn groups(secrets: &[Secret]) -> Vec<Vec<usize>> {
    let mut index: rustc_hash::FxHashMap<Fingerprint, usize> = Default::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // (group, path, span, line) of every place already counted: a set, because one secret
    // may stand in thousands of files (a vendor's standard password), where comparing each
    // new place with all the group's earlier ones grows with the square.
    let mut places: rustc_hash::FxHashSet<Place> = Default::default();
    for (i, s) in secrets.iter().enumerate() {
        let Some(fp) = s.fingerprint else { continue };
        let at = *index.entry(fp).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if places.insert((at, s.origin.path.as_deref(), s.origin.span, s.origin.line)) {
            groups[at].push(i);
        }
    }
    groups.retain(|g| g.len() >= 2);
    groups
}

/// How many holders the uses of one secret stand for. Every login password, enable
/// password and community is one. A device is one RADIUS / TACACS+ client whose
/// authentication and accounting share one secret by design (a server keys its secret by
/// client): its uses count once. A secret both ends of a link hold counts once per link it
/// names (SSID, account); one that names none counts once when it may belong to a link of
/// its kind named here, and two such in two different files are taken as the two ends of
/// one link.
fn holders(uses: &[&Secret]) -> usize {
    // Sets, not lists: a vendor's one RADIUS secret or Wi-Fi passphrase may stand on
    // thousands of devices or SSIDs.
    let mut links: rustc_hash::FxHashSet<(SecretKind, &str)> = Default::default();
    let mut aaa_clients: rustc_hash::FxHashSet<Option<&str>> = Default::default();
    let mut unnamed: Vec<&Secret> = Vec::new();
    let mut n = 0;
    for s in uses {
        match (s.kind, s.link.as_deref()) {
            (SecretKind::AaaServerKey, _) => {
                aaa_clients.insert(s.origin.path.as_deref());
            }
            (kind, _) if !kind.held_by_both_ends() => n += 1,
            (kind, Some(link)) => {
                links.insert((kind, link));
            }
            (_, None) => unnamed.push(s),
        }
    }
    let linked_kinds: rustc_hash::FxHashSet<SecretKind> = links.iter().map(|(kind, _)| *kind).collect();
    unnamed.retain(|s| !linked_kinds.contains(&s.kind));
    let unnamed = distinct_ends(unnamed.into_iter(), |s| s);
    n += links.len() + aaa_clients.len();
    n + match unnamed.as_slice() {
        [a, b] if a.origin.path != b.origin.path => 1,
        ends => ends.len(),
    }
}

/// `path:line (subject)` of every use, in the language's words for the subject.
fn places(uses: &[&Secret], ja: bool) -> String {
    // One secret may stand in thousands of places (a vendor's account on every device),
    // and this runs on one thread once the whole run is read: each subject's Japanese is
    // worked out once, and every place is written into `out`, not formatted apart.
    let mut ja_of: rustc_hash::FxHashMap<&str, Option<String>> = Default::default();
    let mut out = String::new();
    for (i, s) in uses.iter().enumerate() {
        if i > 0 {
            out.push_str(if ja { "、" } else { "; " });
        }
        let subject = match ja {
            true => ja_of.entry(&s.subject).or_insert_with(|| crate::i18n::subjects::ja(&s.subject)).as_deref(),
            false => None,
        };
        let subject = subject.unwrap_or(&s.subject);
        let _ = match (&s.origin.path, &s.origin.target) {
            (Some(path), _) => write!(out, "{path}:{} ({subject})", s.origin.line),
            (None, Some(target)) => write!(out, "{target} ({subject})"),
            (None, None) => out.write_str(subject),
        };
    }
    out
}

/// Secrets of an input that could not be compared with the others, by why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NotCompared {
    /// Stored as a one-way hash (salted, or of unknown salting): equal passwords look different.
    pub hashed: usize,
    /// Encrypted with the device's own key (FortiOS ENC, Cisco type 6, YAMAHA encrypted).
    pub encrypted: usize,
    /// Redacted in this copy, or a value kensa could not read or decode.
    pub unreadable: usize,
}

impl NotCompared {
    /// Counts the secrets of a kind MGMT009 compares that carry no fingerprint. Empty
    /// values (no secret at all) and secrets kept in other files are not counted.
    pub fn count(secrets: &[Secret]) -> Self {
        let mut n = NotCompared::default();
        for s in secrets.iter().filter(|s| s.kind.compared_for_reuse() && s.fingerprint.is_none()) {
            match s.storage {
                SecretStorage::WeakHash | SecretStorage::StrongHash => n.hashed += 1,
                SecretStorage::DeviceEncrypted => n.encrypted += 1,
                SecretStorage::External => {}
                SecretStorage::Plaintext | SecretStorage::Reversible if s.strength.is_some_and(|st| st.empty) => {}
                SecretStorage::Plaintext | SecretStorage::Reversible | SecretStorage::Redacted => n.unreadable += 1,
            }
        }
        n
    }

    pub fn total(&self) -> usize {
        self.hashed + self.encrypted + self.unreadable
    }
}
