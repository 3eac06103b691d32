//! Policy tables loaded from data under `rules/`: which TLS suites and groups 13-6 allows.
//! Data, not code, so a site can correct a row without a rebuild.

use crate::tls::suites::{self, CipherSuite};
use serde::Deserialize;

/// The policy compiled into kensa (rules/policy/tls.toml).
pub const DEFAULT_TLS_POLICY: &str = include_str!("../../rules/policy/tls.toml");
pub const DEFAULT_TLS_POLICY_SOURCE: &str = "rules/policy/tls.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuiteClass {
    /// 利用推奨 in 高セキュリティ型.
    Recommended,
    /// Neither recommended nor prohibited: allowed with a warning.
    Neither,
    /// Outside 高セキュリティ型 (CBC, static RSA, SHA-1 MAC ...).
    Outside,
    /// Prohibited in every profile (NULL, anon, EXPORT, RC4, DES, 3DES, IDEA, MD5).
    Prohibited,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SuiteRow {
    codes: Vec<u16>,
    class: String,
    #[allow(dead_code)]
    provenance: String,
    #[allow(dead_code)]
    confidence: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Prohibited {
    encryption: Vec<String>,
    authentication: Vec<String>,
    mac: Vec<String>,
    export: bool,
    #[allow(dead_code)]
    provenance: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupPolicy {
    pub acceptable: Vec<String>,
    pub min_ec_bits: u32,
    pub min_dh_bits: u32,
    #[allow(dead_code)]
    provenance: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificatePolicy {
    pub min_rsa_bits: u32,
    pub min_ec_bits: u32,
    pub min_dsa_bits: u32,
    pub weak_signatures: Vec<String>,
    /// Where the thresholds come from (documentation; reports name the policy file).
    #[allow(dead_code)]
    provenance: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TlsPolicyFile {
    name: String,
    title: String,
    version: String,
    suite: Vec<SuiteRow>,
    prohibited: Prohibited,
    groups: GroupPolicy,
    certificates: CertificatePolicy,
}

/// The TLS policy rules judge against.
#[derive(Debug, Clone)]
pub struct TlsPolicy {
    pub name: String,
    pub title: String,
    pub version: String,
    /// Where it was loaded from (shown in reports).
    pub source: String,
    /// Class of every code point, indexed by code: rules classify each enabled suite of
    /// every endpoint several times, and a hashed lookup showed up in profiles.
    classes: Box<[SuiteClass]>,
    prohibited: Prohibited,
    pub groups: GroupPolicy,
    /// Registry groups whose own name is acceptable, by code (see [`Self::group_ok_in_model`]).
    acceptable_codes: Vec<u16>,
    pub certificates: CertificatePolicy,
}

impl TlsPolicy {
    pub fn builtin() -> TlsPolicy {
        TlsPolicy::parse(DEFAULT_TLS_POLICY, DEFAULT_TLS_POLICY_SOURCE).expect("built-in TLS policy is valid")
    }

    pub fn parse(text: &str, source: &str) -> Result<TlsPolicy, String> {
        let f: TlsPolicyFile = toml::from_str(text).map_err(|e| format!("{source}: {e}"))?;
        let mut classes = vec![SuiteClass::Outside; 1 << 16].into_boxed_slice();
        for row in &f.suite {
            let class = match row.class.as_str() {
                "recommended" => SuiteClass::Recommended,
                "neither" => SuiteClass::Neither,
                "outside" => SuiteClass::Outside,
                "prohibited" => SuiteClass::Prohibited,
                other => return Err(format!("{source}: unknown suite class {other:?}")),
            };
            for &c in &row.codes {
                classes[usize::from(c)] = class;
            }
        }
        let mut policy = TlsPolicy {
            name: f.name,
            title: f.title,
            version: f.version,
            source: source.to_string(),
            classes,
            prohibited: f.prohibited,
            groups: f.groups,
            acceptable_codes: Vec::new(),
            certificates: f.certificates,
        };
        policy.acceptable_codes = crate::tls::groups::ALL.iter().filter(|g| policy.group_ok(g.name)).map(|g| g.code).collect();
        // Property-based prohibitions win over any row, whatever the version; resolved
        // once here so judging a suite is a table lookup.
        for suite in suites::ALL {
            if policy.is_prohibited(suite) {
                policy.classes[usize::from(suite.code)] = SuiteClass::Prohibited;
            }
        }
        Ok(policy)
    }

    /// The class of a suite under this policy. Unknown code points are judged `Outside`.
    pub fn classify(&self, code: u16) -> SuiteClass {
        self.classes[usize::from(code)]
    }

    fn is_prohibited(&self, s: &CipherSuite) -> bool {
        let enc = enc_family(s).to_string();
        let au = format!("{:?}", s.au).to_ascii_lowercase();
        let mac = format!("{:?}", s.mac).to_ascii_lowercase();
        (self.prohibited.export && s.export)
            || self.prohibited.encryption.contains(&enc)
            || self.prohibited.authentication.contains(&au)
            || self.prohibited.mac.contains(&mac)
    }

    /// Is this group acceptable, and if not, why (its size).
    pub fn group_ok(&self, name: &str) -> bool {
        self.groups.acceptable.iter().any(|g| g.eq_ignore_ascii_case(name))
    }

    /// [`Self::group_ok`] for a group of the model: a code lookup when it carries its code's
    /// registry name (every group a parser or the prober names), else the name comparison
    /// (19 case-insensitive comparisons per group of every endpoint showed in profiles).
    pub fn group_ok_in_model(&self, g: &crate::model::Group) -> bool {
        match crate::tls::groups::by_code(g.code) {
            Some(known) if known.name == g.name => self.acceptable_codes.contains(&g.code),
            _ => self.group_ok(&g.name),
        }
    }
}

/// Policy-level name of a suite's bulk cipher family.
fn enc_family(s: &CipherSuite) -> &'static str {
    use crate::tls::suites::Enc::*;
    match s.enc {
        Null => "null",
        Rc2 => "rc2",
        Rc4 => "rc4",
        Des40 => "des40",
        Des => "des",
        TripleDes => "3des",
        Idea => "idea",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::TlsPolicy;
    use crate::model::Group;

    /// The code lookup answers as the name comparison does, for every registry group and for
    /// groups whose name is not their code's own (unknown codes, other spellings).
    #[test]
    fn group_lookup_by_code_agrees_with_the_names() {
        let p = TlsPolicy::builtin();
        let mut groups: Vec<Group> = crate::tls::groups::ALL
            .iter()
            .map(|g| Group {
                code: g.code,
                name: g.name.into(),
            })
            .collect();
        groups.push(Group {
            code: 0x001d,
            name: "X25519".into(),
        });
        groups.push(Group {
            code: 0x0017,
            name: "prime256v1".into(),
        });
        groups.push(Group {
            code: 0xfefe,
            name: "x25519".into(),
        });
        groups.push(Group {
            code: 0xfefe,
            name: "0xfefe".into(),
        });
        assert!(groups.iter().any(|g| p.group_ok(&g.name)) && groups.iter().any(|g| !p.group_ok(&g.name)));
        for g in &groups {
            assert_eq!(p.group_ok_in_model(g), p.group_ok(&g.name), "{g:?}");
        }
    }
}
