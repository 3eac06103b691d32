//! The known-exploited table shipped with kensa (`rules/advisories/known-exploited.toml`):
//! its rows, and how a firmware version is compared with their affected ranges.

use serde::Deserialize;
use std::cmp::Ordering;

/// The advisory table, embedded at build time.
pub const TABLE: &str = include_str!("../../rules/advisories/known-exploited.toml");
pub const TABLE_PATH: &str = "rules/advisories/known-exploited.toml";

/// The shipped table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundled {
    /// When the rows were last checked against their sources (YYYY-MM-DD).
    pub checked: String,
    /// The CISA KEV catalogue version the table was compared with (YYYY-MM-DD): entries
    /// the catalogue adds after it are what `kensa advisories update` brings.
    pub kev_reviewed: String,
    pub advisory: Vec<Advisory>,
}

/// One vulnerability of one product.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advisory {
    pub cve: String,
    /// The name a format parser gives `Firmware.product`. Any name loads: a row for a
    /// product no parser reads yet simply matches nothing.
    pub product: String,
    pub title: String,
    /// The title in Japanese (the message is shown in either language).
    pub title_ja: String,
    /// Ranges [first, last], last inclusive unless written "<X". A bound with fewer parts
    /// than the version names a whole release train: ["17.10", "17.11"] is every 17.10.x
    /// and 17.11.x release.
    pub affected: Vec<(String, String)>,
    /// The fixed releases in words, for the message.
    pub fixed: String,
    /// The same in Japanese.
    pub fixed_ja: String,
    /// The first fixed release of each train that has one (checked to lie outside every
    /// affected range).
    #[serde(default)]
    pub fixed_in: Vec<String>,
    /// What must be enabled for the device to be exposed: one name (`feature = "ssl-vpn"`)
    /// or several that must all be present (`feature = ["admin-gui", "security-fabric"]`);
    /// empty = always.
    #[serde(default, deserialize_with = "one_or_many")]
    pub feature: Vec<String>,
    pub source: String,
    /// When CISA added the CVE to its KEV catalogue (YYYY-MM-DD), if it has.
    #[serde(default)]
    pub kev_added: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// `feature = "x"` or `feature = ["x", "y"]`.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) if s.is_empty() => Vec::new(),
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// Parses a table in the shipped format (the embedded one, or a copy under test).
pub fn parse(text: &str) -> Result<Bundled, String> {
    toml::from_str::<Bundled>(text).map_err(|e| format!("{TABLE_PATH}: {e}"))
}

/// A version as numbers plus a trailing suffix: "17.9.4a" → ([17, 9, 4], "a"),
/// "10.2.9-h1" → ([10, 2, 9], "-h1"), "13.1-49.15" → ([13, 1, 49, 15], ""),
/// "22.7R2.4" → ([22, 7], "R2.4").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub parts: Vec<u32>,
    pub suffix: String,
}

impl Version {
    /// Numbers separated by "." or by "-" before a digit; the first other character starts
    /// the suffix. None when the text does not start with a number.
    pub fn parse(v: &str) -> Option<Version> {
        let v = v.trim();
        let mut parts = Vec::new();
        let mut rest = v;
        loop {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            parts.push(rest[..digits].parse().ok()?);
            rest = &rest[digits..];
            let b = rest.as_bytes();
            match b {
                [b'.' | b'-', d, ..] if d.is_ascii_digit() => rest = &rest[1..],
                _ => break,
            }
        }
        Some(Version {
            parts,
            suffix: rest.to_string(),
        })
    }

    /// A firmware version as its product numbers releases. Cisco ASA writes a release as
    /// train, maintenance release and interim (`9.16(4)48` → 9.16.4.48), and the maintenance
    /// release itself (`9.16(4)` → 9.16.4) is interim 0: it sorts below 9.16.4.57 instead of
    /// naming the whole 9.16.4 line. Every other product's text is read as written, where a
    /// shorter version names a release train (IOS XE `version 17.9`).
    pub fn of_firmware(product: crate::model::Product, text: &str) -> Option<Version> {
        let mut v = Version::parse(text)?;
        if product == crate::model::Product::Asa && v.parts.len() == 3 && v.suffix.is_empty() {
            v.parts.push(0);
        }
        Some(v)
    }

    fn cmp_full(&self, other: &Version) -> Ordering {
        self.parts.cmp(&other.parts).then_with(|| cmp_natural(&self.suffix, &other.suffix))
    }
}

/// Suffixes compared with their numbers as numbers: "-h2" < "-h10", "R2" < "R2.4"; no
/// suffix sorts first ("17.9.4" < "17.9.4a").
fn cmp_natural(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let na = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let nb = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let strip = |d: &[u8]| -> usize { d.iter().take_while(|&&c| c == b'0').count() };
                let (da, db) = (&a[strip(&a[..na])..na], &b[strip(&b[..nb])..nb]);
                let o = da.len().cmp(&db.len()).then_with(|| da.cmp(db));
                if o != Ordering::Equal {
                    return o;
                }
                (a, b) = (&a[na..], &b[nb..]);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                (a, b) = (&a[1..], &b[1..]);
            }
        }
    }
}

/// One end of a range: a version, and for an upper end whether it is excluded ("<X").
#[derive(Debug, Clone)]
pub struct Bound {
    pub version: Version,
    pub exclusive: bool,
}

impl Bound {
    pub fn parse(text: &str) -> Option<Bound> {
        let (exclusive, v) = match text.trim().strip_prefix('<') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        Some(Bound {
            version: Version::parse(v)?,
            exclusive,
        })
    }
}

/// Compares `v` with a shorter bound on the bound's parts only: "17.10" stands for its
/// whole train, so every 17.10.x compares equal to it.
fn cmp_prefix(v: &Version, bound: &Version) -> Ordering {
    v.parts[..bound.parts.len()].cmp(&bound.parts[..])
}

/// Whether `v` is in [lo, hi] (or [lo, hi) when `hi` is exclusive): Some(true) certainly,
/// Some(false) certainly not, None when `v` names only a release train (Cisco
/// `version 17.9`) that is partly inside the range. A bound with fewer parts than `v` covers
/// its whole train (see [`Advisory::affected`]).
pub fn in_range(v: &Version, lo: &Version, hi: &Bound) -> Option<bool> {
    // v >= lo?
    let ge_lo = if v.parts.len() >= lo.parts.len() {
        Some(v.cmp_full(lo) != Ordering::Less)
    } else {
        match v.parts[..].cmp(&lo.parts[..v.parts.len()]) {
            Ordering::Greater => Some(true),
            Ordering::Less => Some(false),
            Ordering::Equal => None,
        }
    };
    // v <= hi (v < hi when exclusive)?
    let below_hi = |o: Ordering| if hi.exclusive { o == Ordering::Less } else { o != Ordering::Greater };
    let h = &hi.version;
    let le_hi = if v.parts.len() > h.parts.len() {
        Some(below_hi(cmp_prefix(v, h)))
    } else if v.parts.len() == h.parts.len() {
        Some(below_hi(v.cmp_full(h)))
    } else {
        match v.parts[..].cmp(&h.parts[..v.parts.len()]) {
            Ordering::Less => Some(true),
            Ordering::Greater => Some(false),
            Ordering::Equal => None,
        }
    };
    match (ge_lo, le_hi) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

impl Advisory {
    /// The affected ranges parsed; None for a bound that is not a version (a test keeps
    /// the shipped table free of them).
    pub fn ranges(&self) -> impl Iterator<Item = Option<(Version, Bound)>> + '_ {
        self.affected.iter().map(|(lo, hi)| Some((Version::parse(lo)?, Bound::parse(hi)?)))
    }

    /// Whether firmware `version` is affected, ignoring features: Some(true) certainly,
    /// Some(false) certainly not, None when only the release train is known and it is
    /// partly affected.
    pub fn affects(&self, version: &Version) -> Option<bool> {
        let mut verdict = Some(false);
        for (lo, hi) in self.ranges().flatten() {
            match in_range(version, &lo, &hi) {
                Some(true) => return Some(true),
                None => verdict = None,
                Some(false) => {}
            }
        }
        verdict
    }

    /// Whether the firmware has every feature the advisory needs.
    pub fn exposed(&self, features: &[crate::model::Feature]) -> bool {
        self.feature.iter().all(|f| features.iter().any(|x| x.name() == f))
    }

    /// The affected ranges for the message, in each language: "6.0.0–6.0.4", a range of one
    /// release or train as itself ("9.8"), an exclusive
    /// end as "9.6 以上 9.6.4.42 未満" / "9.6–9.6.4.42 (exclusive)", and a range from "0"
    /// as "22.7R2.6 より前" / "before 22.7R2.6".
    pub fn ranges_text(&self, ja: bool) -> String {
        let one = |(lo, hi): &(String, String)| range_text(lo, hi, ja);
        self.affected.iter().map(one).collect::<Vec<_>>().join(if ja { "、" } else { ", " })
    }

    /// The affected range `version` certainly lies in, by its index in `affected`.
    pub fn range_of(&self, version: &Version) -> Option<usize> {
        self.ranges().position(|r| r.is_some_and(|(lo, hi)| in_range(version, &lo, &hi) == Some(true)))
    }
}

/// One affected range for the message (see [`Advisory::ranges_text`]).
pub fn range_text(lo: &str, hi: &str, ja: bool) -> String {
    match (hi.strip_prefix('<'), lo, ja) {
        (None, _, _) if lo == hi => lo.to_string(),
        (None, _, _) => format!("{lo}–{hi}"),
        (Some(h), "0", true) => format!("{h} より前"),
        (Some(h), "0", false) => format!("before {h}"),
        (Some(h), _, true) => format!("{lo} 以上 {h} 未満"),
        (Some(h), _, false) => format!("{lo}–{h} (exclusive)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Feature, Product};

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    fn incl(s: &str) -> Bound {
        Bound::parse(s).unwrap()
    }

    fn table() -> Bundled {
        parse(TABLE).unwrap()
    }

    fn adv(cve: &str) -> Advisory {
        let t = table();
        t.advisory
            .into_iter()
            .find(|a| a.cve == cve)
            .unwrap_or_else(|| panic!("{cve} not in the table"))
    }

    fn adv_of(cve: &str, product: &str) -> Advisory {
        table().advisory.into_iter().find(|a| a.cve == cve && a.product == product).unwrap()
    }

    #[test]
    fn versions_parse_in_each_vendors_notation() {
        for (text, parts, suffix) in [
            ("17.9.4a", &[17, 9, 4][..], "a"),
            ("16.12.1z2", &[16, 12, 1], "z2"),
            ("15.2(4)M7", &[15, 2], "(4)M7"),
            ("10.2.9-h1", &[10, 2, 9], "-h1"),
            ("13.1-49.15", &[13, 1, 49, 15], ""),
            ("22.7R2.4", &[22, 7], "R2.4"),
            ("6.5.4.14-109n", &[6, 5, 4, 14, 109], "n"),
            ("9.16.4.42", &[9, 16, 4, 42], ""),
        ] {
            assert_eq!(
                v(text),
                Version {
                    parts: parts.to_vec(),
                    suffix: suffix.into()
                },
                "{text}"
            );
        }
        for bad in ["", "v7.0", "R2", "-1", "99999999999.1"] {
            assert_eq!(Version::parse(bad), None, "{bad:?}");
        }
    }

    /// ASA's maintenance release without an interim is interim 0, an exact release; other
    /// products' short versions still name their train.
    #[test]
    fn asa_maintenance_releases_are_exact() {
        let asa = |t: &str| Version::of_firmware(Product::Asa, t).unwrap();
        let a = adv("CVE-2024-20353");
        assert_eq!(a.affects(&asa("9.20.2")), Some(true), "9.20(2) is before 9.20(2)10");
        assert_eq!(a.affects(&asa("9.16.4")), Some(true));
        assert_eq!(a.affects(&asa("9.16.4.57")), Some(false));
        assert_eq!(a.affects(&asa("9.16")), None, "a train with a fix stays a warning");
        assert_eq!(a.affects(&v("9.20.2")), None, "without the product it is a train");
        let xe = Version::of_firmware(Product::IosXe, "17.9").unwrap();
        assert_eq!(xe.parts, [17, 9]);
    }

    #[test]
    fn suffixes_compare_their_numbers_as_numbers() {
        let lo = v("10.2.3");
        assert_eq!(in_range(&v("10.2.3-h12"), &lo, &incl("<10.2.3-h13")), Some(true));
        assert_eq!(in_range(&v("10.2.3-h13"), &lo, &incl("<10.2.3-h13")), Some(false));
        assert_eq!(in_range(&v("10.2.3-h100"), &lo, &incl("<10.2.3-h13")), Some(false));
        assert_eq!(in_range(&v("10.2.3"), &lo, &incl("<10.2.3-h13")), Some(true));
        let lo = v("22.7R2");
        assert_eq!(in_range(&v("22.7R2.4"), &lo, &incl("22.7R2.4")), Some(true));
        assert_eq!(in_range(&v("22.7R2.10"), &lo, &incl("22.7R2.4")), Some(false));
        assert_eq!(in_range(&v("22.7R1.9"), &lo, &incl("22.7R2.4")), Some(false));
    }

    #[test]
    fn inclusive_and_exclusive_ends() {
        assert_eq!(in_range(&v("6.0.4"), &v("6.0.0"), &incl("6.0.4")), Some(true));
        assert_eq!(in_range(&v("6.0.5"), &v("6.0.0"), &incl("6.0.4")), Some(false));
        assert_eq!(in_range(&v("17.9.4a"), &v("17.7.0"), &incl("17.9.4")), Some(false));
        assert_eq!(in_range(&v("17.9.4"), &v("17.7.0"), &incl("17.9.4")), Some(true));
        assert_eq!(in_range(&v("17.9"), &v("17.7.0"), &incl("17.9.4")), None);
        assert_eq!(in_range(&v("17.12"), &v("17.7.0"), &incl("17.9.4")), Some(false));
        // A NetScaler train as the lower end, the fix excluded.
        let lo = v("13.1");
        assert_eq!(in_range(&v("13.1-49.14"), &lo, &incl("<13.1-49.15")), Some(true));
        assert_eq!(in_range(&v("13.1-49.15"), &lo, &incl("<13.1-49.15")), Some(false));
        assert_eq!(in_range(&v("13.0-92.18"), &lo, &incl("<13.1-49.15")), Some(false));
        assert_eq!(in_range(&v("13.1"), &lo, &incl("<13.1-49.15")), None);
        // An exclusive train end: everything before the 17.10 train.
        assert_eq!(in_range(&v("17.9.9"), &v("17.1"), &incl("<17.10")), Some(true));
        assert_eq!(in_range(&v("17.10.1"), &v("17.1"), &incl("<17.10")), Some(false));
    }

    #[test]
    fn two_part_bounds_cover_whole_trains() {
        let (lo, hi) = (v("17.10"), incl("17.11"));
        for x in ["17.10", "17.11", "17.10.1", "17.10.1b", "17.11.1a", "17.11.99SW"] {
            assert_eq!(in_range(&v(x), &lo, &hi), Some(true), "{x}");
        }
        for x in ["17.9", "17.9.4", "17.12", "17.12.1", "16.11.2"] {
            assert_eq!(in_range(&v(x), &lo, &hi), Some(false), "{x}");
        }
        // A train that is only partly inside a range stays uncertain.
        assert_eq!(in_range(&v("17.12"), &v("17.12.1"), &incl("17.12.1a")), None);
    }

    /// Every row of the shipped table: both titles, https sources, dates, bounds that parse,
    /// each range not empty, the ranges of a row in order and apart, and no fixed release
    /// inside any of them.
    #[test]
    fn every_row_is_well_formed_and_its_fixes_lie_outside_its_ranges() {
        let t = table();
        assert!(t.advisory.len() >= 20, "{} rows", t.advisory.len());
        for d in [&t.checked, &t.kev_reviewed] {
            assert!(crate::rules::waiver::parse_date(d).is_some() && d.len() == 10, "{d}");
        }
        let mut seen = std::collections::BTreeSet::new();
        for a in &t.advisory {
            let id = format!("{} {}", a.cve, a.product);
            assert!(seen.insert(id.clone()), "{id}: two rows");
            assert!(a.cve.starts_with("CVE-") && a.cve.len() >= 13, "{id}: cve");
            assert!(!a.title.trim().is_empty() && a.title.is_ascii(), "{id}: English title");
            assert!(a.title_ja.chars().any(|c| c as u32 > 0x3000), "{id}: title_ja is not Japanese");
            assert!(!a.fixed_ja.is_ascii() || a.fixed_ja == a.fixed.replace(", ", "、"), "{id}: fixed_ja");
            assert!(!a.product.trim().is_empty(), "{id}: product");
            assert!(a.source.starts_with("https://"), "{id}: source {}", a.source);
            if let Some(d) = &a.kev_added {
                assert!(crate::rules::waiver::parse_date(d).is_some() && d.len() == 10, "{id}: kev_added {d}");
                assert!(d.as_str() <= t.checked.as_str(), "{id}: listed after the table was checked");
            }
            assert!(!a.affected.is_empty(), "{id}: no ranges");
            let ranges: Vec<(Version, Bound)> = a
                .ranges()
                .enumerate()
                .map(|(i, r)| r.unwrap_or_else(|| panic!("{id}: range {i} {:?} does not parse", a.affected[i])))
                .collect();
            for (i, (lo, hi)) in ranges.iter().enumerate() {
                let (lo_text, hi_text) = &a.affected[i];
                assert!(!lo_text.starts_with('<'), "{id}: a lower end cannot be exclusive");
                // Not empty: the lower end itself lies inside unless it is a whole train.
                let first = in_range(lo, lo, hi);
                assert_ne!(first, Some(false), "{id}: range {lo_text}–{hi_text} is empty");
                // In order and apart: the next range starts above this one's end.
                if let Some((next, _)) = ranges.get(i + 1) {
                    assert_eq!(
                        in_range(next, lo, hi),
                        Some(false),
                        "{id}: range {} overlaps {lo_text}–{hi_text}",
                        a.affected[i + 1].0
                    );
                    assert!(next.parts >= lo.parts, "{id}: ranges out of order at {}", a.affected[i + 1].0);
                }
            }
            for fix in &a.fixed_in {
                let f = Version::parse(fix).unwrap_or_else(|| panic!("{id}: fixed_in {fix} does not parse"));
                assert_eq!(a.affects(&f), Some(false), "{id}: fixed release {fix} lies in an affected range");
                assert!(
                    a.fixed.contains(fix.as_str()) && a.fixed_ja.contains(fix.as_str()),
                    "{id}: {fix} not named in fixed/fixed_ja"
                );
            }
        }
    }

    /// A product or feature name the model has no variant for would never match a firmware:
    /// every row must name ones the formats can report (a typo is caught here).
    #[test]
    fn every_row_names_a_product_and_features_the_model_knows() {
        for a in table().advisory {
            assert!(Product::from_name(&a.product).is_some(), "{}: product {:?}", a.cve, a.product);
            for f in &a.feature {
                assert!(Feature::from_name(f).is_some(), "{}: feature {f:?}", a.cve);
            }
        }
    }

    #[test]
    fn features_must_all_be_present() {
        let a = adv("CVE-2025-24472");
        assert_eq!(a.feature, ["admin-gui", "security-fabric"]);
        assert!(!a.exposed(&[Feature::AdminGui]));
        assert!(a.exposed(&[Feature::SecurityFabric, Feature::AdminGui]));
        let b = adv("CVE-2023-20198");
        assert_eq!(b.feature, ["http-server"]);
        assert!(!b.exposed(&[]));
    }

    /// For the fixes of every train: the release just below is flagged, the fix is not.
    #[test]
    fn just_below_each_fix_is_flagged_and_the_fix_is_not() {
        // (CVE, product, [(release just below a fix, the fix)])
        type Cases = [(&'static str, &'static str, &'static [(&'static str, &'static str)])];
        let cases: &Cases = &[
            ("CVE-2018-13379", "FortiOS", &[("5.4.12", "5.4.13"), ("5.6.7", "5.6.8"), ("6.0.4", "6.0.5")]),
            (
                "CVE-2022-42475",
                "FortiOS",
                &[
                    ("6.0.15", "6.0.16"),
                    ("6.2.11", "6.2.12"),
                    ("6.4.10", "6.4.11"),
                    ("7.0.8", "7.0.9"),
                    ("7.2.2", "7.2.3"),
                ],
            ),
            (
                "CVE-2023-27997",
                "FortiOS",
                &[
                    ("6.0.16", "6.0.17"),
                    ("6.2.13", "6.2.14"),
                    ("6.4.12", "6.4.13"),
                    ("7.0.11", "7.0.12"),
                    ("7.2.4", "7.2.5"),
                ],
            ),
            (
                "CVE-2024-21762",
                "FortiOS",
                &[
                    ("6.2.15", "6.2.16"),
                    ("6.4.14", "6.4.15"),
                    ("7.0.13", "7.0.14"),
                    ("7.2.6", "7.2.7"),
                    ("7.4.2", "7.4.3"),
                ],
            ),
            (
                "CVE-2024-21762",
                "FortiProxy",
                &[("2.0.13", "2.0.14"), ("7.0.14", "7.0.15"), ("7.2.8", "7.2.9"), ("7.4.2", "7.4.3")],
            ),
            ("CVE-2022-40684", "FortiOS", &[("7.0.6", "7.0.7"), ("7.2.1", "7.2.2")]),
            ("CVE-2024-55591", "FortiOS", &[("7.0.16", "7.0.17")]),
            ("CVE-2025-24472", "FortiOS", &[("7.0.16", "7.0.17")]),
            ("CVE-2024-23113", "FortiOS", &[("7.0.13", "7.0.14"), ("7.2.6", "7.2.7"), ("7.4.2", "7.4.3")]),
            (
                "CVE-2023-20198",
                "IOS XE",
                &[
                    ("16.12.10", "16.12.10a"),
                    ("17.3.8", "17.3.8a"),
                    ("17.6.6", "17.6.6a"),
                    ("17.9.4", "17.9.4a"),
                    ("17.12.1a", "17.12.2"),
                ],
            ),
            ("CVE-2023-20273", "IOS XE", &[("17.9.4", "17.9.4a"), ("17.12.1a", "17.12.2")]),
            (
                "CVE-2020-3452",
                "ASA",
                &[("9.6.4.41", "9.6.4.42"), ("9.8.4.19", "9.8.4.20"), ("9.14.1.9", "9.14.1.10")],
            ),
            (
                "CVE-2024-3400",
                "PAN-OS",
                &[
                    ("10.2.9", "10.2.9-h1"),
                    ("10.2.3-h12", "10.2.3-h13"),
                    ("11.0.3-h9", "11.0.3-h10"),
                    ("11.1.2-h2", "11.1.2-h3"),
                ],
            ),
            (
                "CVE-2023-4966",
                "NetScaler",
                &[("13.0-92.18", "13.0-92.19"), ("13.1-49.13", "13.1-49.15"), ("14.1-8.4", "14.1-8.50")],
            ),
            (
                "CVE-2023-4966",
                "NetScaler FIPS",
                &[("13.1-37.163", "13.1-37.164"), ("12.1-55.299", "12.1-55.300")],
            ),
            ("CVE-2025-5777", "NetScaler", &[("13.1-58.31", "13.1-58.32"), ("14.1-43.50", "14.1-43.56")]),
            ("CVE-2025-6543", "NetScaler", &[("13.1-59.18", "13.1-59.19"), ("14.1-47.40", "14.1-47.46")]),
            ("CVE-2025-6543", "NetScaler FIPS", &[("13.1-37.235", "13.1-37.236")]),
            (
                "CVE-2023-36845",
                "Junos OS",
                &[
                    ("20.4R3-S8", "20.4R3-S9"),
                    ("21.2R3-S6", "21.2R3-S7"),
                    ("21.2R3", "21.2R3-S7"),
                    ("22.3R2-S1", "22.3R2-S2"),
                    ("22.3R3", "22.3R3-S1"),
                    ("22.4R2", "22.4R2-S1"),
                    ("22.4R1-S2", "22.4R3"),
                    ("23.2R1", "23.2R1-S1"),
                ],
            ),
            ("CVE-2018-13382", "FortiOS", &[("5.4.10", "5.4.11"), ("5.6.8", "5.6.9"), ("6.0.4", "6.0.5")]),
            ("CVE-2018-13382", "FortiProxy", &[("1.2.8", "1.2.9"), ("2.0.0", "2.0.1")]),
            ("CVE-2025-0282", "Ivanti Connect Secure", &[("22.7R2.4", "22.7R2.5")]),
            ("CVE-2025-22457", "Ivanti Connect Secure", &[("22.7R2.5", "22.7R2.6"), ("9.1R18.9", "22.7R2.6")]),
            (
                "CVE-2019-19781",
                "NetScaler",
                &[
                    ("10.5-70.11", "10.5-70.12"),
                    ("11.1-63.14", "11.1-63.15"),
                    ("12.0-63.12", "12.0-63.13"),
                    ("12.1-55.13", "12.1-55.18"),
                    ("13.0-47.22", "13.0-47.24"),
                ],
            ),
            ("CVE-2023-3519", "NetScaler", &[("13.0-91.12", "13.0-91.13"), ("13.1-48.47", "13.1-49.13")]),
            (
                "CVE-2023-3519",
                "NetScaler FIPS",
                &[("13.1-37.150", "13.1-37.159"), ("12.1-55.296", "12.1-55.297")],
            ),
            ("CVE-2023-3519", "NetScaler NDcPP", &[("12.1-55.291", "12.1-55.297")]),
            (
                "CVE-2024-9474",
                "PAN-OS",
                &[
                    ("10.1.8-h3", "10.1.9-h14"),
                    ("10.1.9-h13", "10.1.9-h14"),
                    ("10.1.14-h5", "10.1.14-h6"),
                    ("10.2.4-h31", "10.2.4-h32"),
                    ("11.0.6", "11.0.6-h1"),
                    ("11.2.4", "11.2.4-h1"),
                ],
            ),
            (
                "CVE-2025-0108",
                "PAN-OS",
                &[
                    ("10.1.14-h8", "10.1.14-h9"),
                    ("10.2.5-h6", "10.2.7-h24"),
                    ("10.2.12-h5", "10.2.12-h6"),
                    ("10.2.13", "10.2.13-h3"),
                    ("11.1.2-h17", "11.1.2-h18"),
                    ("11.1.4-h7", "11.1.6-h1"),
                    ("11.2.4-h3", "11.2.4-h4"),
                ],
            ),
            (
                "CVE-2024-20353",
                "ASA",
                &[
                    ("9.12.4.65", "9.12.4.67"),
                    ("9.14.4.23", "9.14.4.24"),
                    ("9.16.4.55", "9.16.4.57"),
                    ("9.17.1.33", "9.17.1.39"),
                    ("9.18.4.8", "9.18.4.22"),
                    ("9.19.1.27", "9.19.1.28"),
                    ("9.20.1.5", "9.20.2.10"),
                ],
            ),
            ("CVE-2024-20359", "ASA", &[("9.16.4.48", "9.16.4.57"), ("9.18.3.56", "9.18.4.22")]),
            (
                "CVE-2023-36844",
                "Junos OS",
                &[
                    ("21.2R3-S6", "21.2R3-S7"),
                    ("22.3R2-S2", "22.3R3-S1"),
                    ("22.4R2-S1", "22.4R2-S2"),
                    ("23.2R1", "23.2R1-S1"),
                ],
            ),
            (
                "CVE-2023-36846",
                "Junos OS",
                &[
                    ("20.4R3-S7", "20.4R3-S8"),
                    ("22.1R3-S2", "22.1R3-S3"),
                    ("22.3R2-S1", "22.3R2-S2"),
                    ("22.4R2", "22.4R2-S1"),
                ],
            ),
            ("CVE-2023-36847", "Junos OS", &[("21.4R3-S3", "21.4R3-S4"), ("22.2R3", "22.2R3-S1")]),
            (
                "CVE-2023-36851",
                "Junos OS",
                &[("21.2R3-S7", "21.2R3-S8"), ("22.4R2-S1", "22.4R2-S2"), ("23.2R1-S1", "23.2R1-S2")],
            ),
            (
                "CVE-2024-40766",
                "SonicOS",
                &[
                    ("5.9.2.14-12o", "5.9.2.14-13o"),
                    ("6.5.4.14-109n", "6.5.4.15-116n"),
                    ("6.5.2.8-1n", "6.5.2.8-2n"),
                ],
            ),
        ];
        for (cve, product, pairs) in cases {
            let a = adv_of(cve, product);
            for (below, fix) in pairs.iter() {
                assert_eq!(a.affects(&v(below)), Some(true), "{cve} {product} {below}");
                assert_eq!(a.affects(&v(fix)), Some(false), "{cve} {product} {fix}");
            }
        }
    }

    #[test]
    fn unaffected_branches_are_not_flagged() {
        for (cve, x) in [
            ("CVE-2018-13379", "6.2.0"),
            ("CVE-2018-13379", "5.4.5"),
            ("CVE-2023-27997", "7.4.0"),
            ("CVE-2024-21762", "7.6.0"),
            ("CVE-2022-40684", "6.4.9"),
            ("CVE-2024-55591", "6.4.15"),
            ("CVE-2024-55591", "7.2.0"),
            ("CVE-2025-24472", "7.4.1"),
            ("CVE-2024-23113", "6.4.15"),
            ("CVE-2024-3400", "10.1.12"),
            ("CVE-2024-3400", "11.2.0"),
            ("CVE-2020-3452", "9.7.1.4"),
            ("CVE-2025-0282", "22.7R1.2"),
            ("CVE-2023-36845", "21.2R3-S10"),
            ("CVE-2023-36845", "22.3R2-S3"),
            ("CVE-2023-36845", "23.4R1"),
            ("CVE-2019-19781", "13.1-12.50"),
            ("CVE-2019-19781", "10.1-135.8"),
            ("CVE-2023-3519", "14.1-4.42"),
            ("CVE-2024-9474", "10.0.12"),
            ("CVE-2024-9474", "11.2.5"),
            ("CVE-2025-0108", "11.2.5"),
            ("CVE-2024-20353", "9.17.1.39"),
            ("CVE-2024-20353", "9.22.1.1"),
            ("CVE-2024-20359", "9.6.4.45"),
            ("CVE-2023-36846", "23.2R1"),
            ("CVE-2023-36847", "22.3R3"),
            ("CVE-2023-36851", "20.4R3-S8"),
        ] {
            assert_eq!(adv(cve).affects(&v(x)), Some(false), "{cve} {x}");
        }
        // ASA 9.8 and 9.15 have no fix for the ArcaneDoor pair: every release, and a config
        // that names only the train, is affected.
        for cve in ["CVE-2024-20353", "CVE-2024-20359"] {
            for x in ["9.8.4.48", "9.8.4.99", "9.15.1.21", "9.15"] {
                assert_eq!(adv(cve).affects(&v(x)), Some(true), "{cve} {x}");
            }
        }
        // PAN-OS 11.0 is not in the CVE-2025-0108 record (end of life): not judged.
        assert_eq!(adv("CVE-2025-0108").affects(&v("11.0.3")), Some(false));
        // 6.0 never got a fix for CVE-2024-21762: its last release is still affected.
        assert_eq!(adv("CVE-2024-21762").affects(&v("6.0.17")), Some(true));
    }

    /// CVE-2023-20198: every IOS XE release Cisco lists as affected matches, trains without a
    /// fix match whole (a config naming only the train is certain), trains with a fix warn.
    #[test]
    fn ios_xe_webui_covers_every_affected_release() {
        let a = adv("CVE-2023-20198");
        for x in [
            "16.1.1",
            "16.3.1a",
            "16.6.4a",
            "16.9.8",
            "16.10.1g",
            "16.11.1s",
            "16.12.1z2",
            "17.1.1t",
            "17.2.3",
            "17.3.1z",
            "17.4.2a",
            "17.5.1c",
            "17.6.1z1",
            "17.7.2",
            "17.8.1a",
            "17.9.1y1",
            "17.10.1b",
            "17.11.1a",
            "17.11.99SW",
            "17.12.1",
            "17.12.1a",
        ] {
            assert_eq!(a.affects(&v(x)), Some(true), "{x}");
        }
        for train in ["16.1", "16.9", "16.11", "17.1", "17.2", "17.4", "17.5", "17.7", "17.8", "17.10", "17.11"] {
            assert_eq!(a.affects(&v(train)), Some(true), "train {train} has no fix");
        }
        for train in ["16.12", "17.3", "17.6", "17.9", "17.12"] {
            assert_eq!(a.affects(&v(train)), None, "train {train} has a fix");
        }
        for x in ["3.16", "17.13", "17.15.1", "17.6.7", "17.9.5"] {
            assert_eq!(a.affects(&v(x)), Some(false), "{x}");
        }
    }

    /// Junos releases carry their release and service numbers in the suffix: the trains
    /// compare by number, the suffixes naturally.
    #[test]
    fn junos_jweb_trains_and_service_releases() {
        let a = adv("CVE-2023-36845");
        for x in ["19.4R3-S12", "20.4R3-S8", "21.1R1", "21.1R3-S4", "22.3R1", "22.3R2-S1", "22.3R3", "23.2R1"] {
            assert_eq!(a.affects(&v(x)), Some(true), "{x}");
        }
        for x in [
            "20.4R3-S9",
            "20.4R3-S10",
            "21.2R3-S7",
            "22.3R2-S2",
            "22.3R3-S1",
            "22.4R3",
            "22.4R3-S1",
            "23.2R2",
            "23.4R1",
        ] {
            assert_eq!(a.affects(&v(x)), Some(false), "{x}");
        }
        assert_eq!(a.feature, ["j-web", "ex-or-srx"]);
    }

    /// The loader takes any product name: a row for a product no parser reads loads.
    #[test]
    fn rows_for_products_kensa_does_not_parse_load() {
        let text = r#"
checked = "2026-12-07"
kev_reviewed = "2025-08-25"
[[advisory]]
cve = "CVE-2099-0001"
product = "Some Future Gateway OS"
title = "t"
title_ja = "題"
affected = [["1.0", "<1.2"]]
fixed = "1.2"
fixed_ja = "1.2"
source = "https://example.invalid/"
"#;
        let t = parse(text).unwrap();
        assert_eq!(t.advisory[0].product, "Some Future Gateway OS");
        assert!(parse(&text.replace("fixed_ja", "fixd_ja")).is_err(), "unknown fields are refused");
    }

    #[test]
    fn ranges_read_in_both_languages() {
        assert_eq!(adv("CVE-2025-22457").ranges_text(false), "before 22.7R2.6");
        assert_eq!(adv("CVE-2025-22457").ranges_text(true), "22.7R2.6 より前");
        let asa = adv("CVE-2020-3452");
        assert!(asa.ranges_text(false).starts_with("9.6–9.6.4.42 (exclusive), 9.8–9.8.4.20 (exclusive)"));
        assert!(asa.ranges_text(true).starts_with("9.6 以上 9.6.4.42 未満、9.8 以上 9.8.4.20 未満"));
        assert_eq!(adv("CVE-2024-55591").ranges_text(true), "7.0.0–7.0.16");
        assert!(adv("CVE-2024-20359").ranges_text(false).starts_with("9.8, 9.12–9.12.4.67 (exclusive)"));
    }
}
