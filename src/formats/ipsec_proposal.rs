//! IPsec algorithm proposals: strongSwan's proposal syntax parsed into the shared
//! [`Proposal`] vocabulary, which every IPsec format (strongSwan here; FortiOS, YAMAHA RTX,
//! Cisco IOS in the router formats) lowers into, so one set of VPN rules judges them all.
//!
//! # The vocabulary (normalised lowercase tokens)
//!
//! | field        | tokens |
//! |--------------|--------|
//! | `encryption` | `des`, `3des`, `aes128`, `aes192`, `aes256`, `aes128ctr`.. `aes256ctr`, `aes128gcm8`/`gcm12`/`gcm16` .. `aes256gcm16`, `aes128ccm8`/`ccm12`/`ccm16` .. `aes256ccm16`, `aes128gmac`.. (integrity-only ESP), `chacha20poly1305`, `camellia128`/`192`/`256` (+`ctr`, `ccm*`), `blowfish128`.., `cast128`, `null` |
//! | `integrity`  | `md5`, `sha1`, `sha256`, `sha384`, `sha512`, `aesxcbc`, `aescmac`, `none` (AEAD or explicitly none) |
//! | `prf`        | `prfmd5`, `prfsha1`, `prfsha256`, `prfsha384`, `prfsha512`, `prfaesxcbc`, `prfaescmac` |
//! | `dh_groups`  | `modp768`, `modp1024`, `modp1536`, `modp2048`, `modp3072`, `modp4096`, `modp6144`, `modp8192`, `modp1024s160`, `modp2048s224`, `modp2048s256`, `ecp192`, `ecp224`, `ecp256`, `ecp384`, `ecp521`, `ecp224bp`.. `ecp512bp`, `x25519`, `x448`, `mlkem512`, `mlkem768`, `mlkem1024` |
//!
//! Rules:
//! - Key sizes are part of the cipher token (`aes` alone means `aes128`, as in strongSwan).
//! - AEAD ciphers carry their ICV length (`aes256gcm16`); `aes256gcm` = `aes256gcm16`.
//!   AEAD proposals have an empty `integrity` (or `none`).
//! - `curve25519` / `curve448` are written `x25519` / `x448`; `ke1_mlkem768` is `mlkem768`.
//! - DH group numbers from appliances map as: 1 `modp768`, 2 `modp1024`, 5 `modp1536`,
//!   14 `modp2048`, 15 `modp3072`, 16 `modp4096`, 17 `modp6144`, 18 `modp8192`, 19 `ecp256`,
//!   20 `ecp384`, 21 `ecp521`, 22 `modp1024s160`, 23 `modp2048s224`, 24 `modp2048s256`,
//!   25 `ecp192`, 26 `ecp224`, 27..30 `ecp224bp`..`ecp512bp`, 31 `x25519`, 32 `x448`,
//!   35/36/37 `mlkem512`/`mlkem768`/`mlkem1024` ([`dh_group_from_number`]).
//! - An ESP/CHILD_SA proposal with a DH group means PFS; without one, no PFS.
//! - OpenVPN data-channel ciphers use the same encryption tokens (`AES-256-GCM` →
//!   `aes256gcm16`, `AES-256-CBC` → `aes256`, `CHACHA20-POLY1305` → `chacha20poly1305`,
//!   `BF-CBC` → `blowfish128`, `DES-EDE3-CBC` → `3des`); see [`openvpn_cipher`].
//! - What a token is (AEAD, weak, its OpenVPN name) is the model's: `crate::model::Cipher`,
//!   `Integrity`, `dh_strength`.
//!
//! Other `VpnTunnel` conventions the VPN rules rely on:
//! - `ike_version`: 1, 2, or 0 when a responder accepts both (strongSwan `version = 0`,
//!   `keyexchange=ike`): 0 is judged as "IKEv1 allowed".
//! - `strict_proposals`: Some(false) only when the responder also accepts proposals beyond
//!   the configured ones (ipsec.conf without `!`, YAMAHA without negotiate-strictly).

use crate::model::Proposal;

/// strongSwan's `default` IKE proposal as built by charon 5.9 (`proposal_create_default`
/// and `proposal_create_default_aead` in libstrongswan/crypto/proposal/proposal.c): the
/// algorithms with at least 128-bit strength. (charon appends SHA-1 and, before 6.0, 3DES
/// as least-preferred fallbacks; kensa does not count those against `default`, as the
/// strongSwan documentation calls the set "supported algorithms considered safe".)
pub fn strongswan_default_ike() -> Vec<Proposal> {
    vec![
        Proposal {
            encryption: toks(&["aes128", "aes192", "aes256", "camellia128", "camellia192", "camellia256"]),
            integrity: toks(&["sha256", "sha384", "sha512"]),
            prf: toks(&["prfsha256", "prfsha384", "prfsha512", "prfaesxcbc", "prfaescmac"]),
            dh_groups: default_dh(),
        },
        Proposal {
            encryption: toks(&["aes128gcm16", "aes192gcm16", "aes256gcm16", "chacha20poly1305"]),
            integrity: Vec::new(),
            prf: toks(&["prfsha256", "prfsha384", "prfsha512"]),
            dh_groups: default_dh(),
        },
    ]
}

/// strongSwan's `default` ESP proposal (charon 5.9: AES-GCM and AES-CBC with SHA-2, and no
/// DH group, so no PFS on rekeying; swanctl.conf(5) `esp_proposals [default]`).
pub fn strongswan_default_esp() -> Vec<Proposal> {
    vec![
        Proposal {
            encryption: toks(&["aes128gcm16", "aes256gcm16"]),
            ..Proposal::default()
        },
        Proposal {
            encryption: toks(&["aes128", "aes192", "aes256"]),
            integrity: toks(&["sha256", "sha384", "sha512"]),
            ..Proposal::default()
        },
    ]
}

fn default_dh() -> Vec<String> {
    toks(&[
        "ecp256", "ecp384", "ecp521", "x25519", "x448", "modp3072", "modp4096", "modp6144", "modp8192", "modp2048",
    ])
}

fn toks(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// What a proposal list said, beyond its algorithms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedProposals {
    pub proposals: Vec<Proposal>,
    /// Ended with `!` (ipsec.conf: accept only these).
    pub strict: bool,
    /// Contained the keyword `default`.
    pub uses_default: bool,
    /// Tokens this parser does not know (reported as a diagnostic by the caller).
    pub unknown: Vec<String>,
}

/// Which part of a proposal a token belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlgKind {
    Encryption,
    Integrity,
    Prf,
    Dh,
    /// esn/noesn: not judged.
    Other,
}

/// Parses a comma-separated strongSwan proposal list (`ike=`, `esp=`, `proposals`,
/// `esp_proposals`). `ike` selects the IKE `default` (else ESP) and deriving the PRF from
/// the integrity algorithm when none is given, as charon does.
pub fn parse_list(text: &str, ike: bool) -> ParsedProposals {
    let mut out = ParsedProposals::default();
    let mut text = text.trim();
    if let Some(t) = text.strip_suffix('!') {
        out.strict = true;
        text = t.trim_end();
    }
    // ipsec.conf(5): "an exclamation mark (!) can be added at the end"; accept it after
    // any proposal of the list too.
    if text.split(',').any(|p| p.trim().ends_with('!')) {
        out.strict = true;
    }
    for part in text.split(',').map(|p| p.trim().trim_end_matches('!').trim()).filter(|p| !p.is_empty()) {
        if part.eq_ignore_ascii_case("default") {
            out.uses_default = true;
            out.proposals.extend(if ike { strongswan_default_ike() } else { strongswan_default_esp() });
            continue;
        }
        let (p, unknown) = parse_one(part, ike);
        out.unknown.extend(unknown);
        if p != Proposal::default() {
            out.proposals.push(p);
        }
    }
    out
}

/// Parses one dash-separated proposal (`aes256gcm16-prfsha384-ecp384`).
pub fn parse_one(text: &str, ike: bool) -> (Proposal, Vec<String>) {
    let mut p = Proposal::default();
    let mut unknown = Vec::new();
    for tok in text.split('-').map(str::trim).filter(|t| !t.is_empty()) {
        match classify(tok) {
            Some((AlgKind::Encryption, n)) => push_unique(&mut p.encryption, n),
            Some((AlgKind::Integrity, n)) => push_unique(&mut p.integrity, n),
            Some((AlgKind::Prf, n)) => push_unique(&mut p.prf, n),
            Some((AlgKind::Dh, n)) => push_unique(&mut p.dh_groups, n),
            Some((AlgKind::Other, _)) => {}
            None => unknown.push(tok.to_string()),
        }
    }
    if ike && p.prf.is_empty() {
        // "If no PRF is given, the algorithms defined for integrity are used for the PRF"
        // (ipsec.conf(5), ike=).
        let derived: Vec<String> = p.integrity.iter().filter(|i| *i != "none").map(|i| format!("prf{i}")).collect();
        p.prf = derived;
    }
    (p, unknown)
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// Classifies and normalises one strongSwan algorithm keyword.
pub fn classify(tok: &str) -> Option<(AlgKind, String)> {
    let t = tok.to_ascii_lowercase();
    let t = t.as_str();
    let enc = |s: &str| Some((AlgKind::Encryption, s.to_string()));
    let integ = |s: &str| Some((AlgKind::Integrity, s.to_string()));
    let dh = |s: &str| Some((AlgKind::Dh, s.to_string()));
    match t {
        "null" => return enc("null"),
        "des" | "descbc" => return enc("des"),
        "3des" | "3descbc" | "des3" => return enc("3des"),
        "aes" => return enc("aes128"),
        "camellia" => return enc("camellia128"),
        "blowfish" => return enc("blowfish128"),
        "cast" | "cast128" => return enc("cast128"),
        "chacha20poly1305" | "chacha20-poly1305" => return enc("chacha20poly1305"),
        "md5" | "md5_128" | "hmac_md5" => return integ("md5"),
        "sha" | "sha1" | "sha1_160" | "hmac_sha1" => return integ("sha1"),
        "sha256" | "sha2_256" | "sha256_96" | "sha2_256_96" => return integ("sha256"),
        "sha384" | "sha2_384" => return integ("sha384"),
        "sha512" | "sha2_512" => return integ("sha512"),
        "aesxcbc" => return integ("aesxcbc"),
        "aescmac" => return integ("aescmac"),
        "none" => return integ("none"),
        "curve25519" | "x25519" => return dh("x25519"),
        "curve448" | "x448" => return dh("x448"),
        "esn" | "noesn" => return Some((AlgKind::Other, t.to_string())),
        _ => {}
    }
    if let Some(rest) = t.strip_prefix("prf") {
        return match classify(rest) {
            Some((AlgKind::Integrity, n)) if n != "none" => Some((AlgKind::Prf, format!("prf{n}"))),
            _ => None,
        };
    }
    if t.starts_with("modp") || t.starts_with("ecp") {
        let known = [
            "modp768",
            "modp1024",
            "modp1536",
            "modp2048",
            "modp3072",
            "modp4096",
            "modp6144",
            "modp8192",
            "modp1024s160",
            "modp2048s224",
            "modp2048s256",
            "ecp192",
            "ecp224",
            "ecp256",
            "ecp384",
            "ecp521",
            "ecp224bp",
            "ecp256bp",
            "ecp384bp",
            "ecp512bp",
        ];
        return known.contains(&t).then(|| (AlgKind::Dh, t.to_string()));
    }
    // strongSwan ≥ 6.0 key exchange methods (ke1_mlkem768) and plain ML-KEM names.
    let kem = t.split_once('_').filter(|(p, _)| p.starts_with("ke")).map_or(t, |(_, r)| r);
    if matches!(kem, "mlkem512" | "mlkem768" | "mlkem1024") {
        return dh(kem);
    }
    if let Some(n) = t.strip_prefix("dh").and_then(|n| n.parse::<u16>().ok()) {
        return dh_group_from_number(n).map(|s| (AlgKind::Dh, s.to_string()));
    }
    for family in ["aes", "camellia", "blowfish"] {
        if let Some(rest) = t.strip_prefix(family) {
            return block_cipher(family, rest);
        }
    }
    None
}

/// `aes256gcm16`, `aes128ctr`, `aes192ccm12`, `aes256gcm128`, `aes128gmac` ...
fn block_cipher(family: &str, rest: &str) -> Option<(AlgKind, String)> {
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let mode = &rest[digits.len()..];
    let bits = if digits.is_empty() { "128" } else { digits.as_str() };
    let valid_bits = match family {
        "blowfish" => matches!(bits, "128" | "192" | "256"),
        _ => matches!(bits, "128" | "192" | "256"),
    };
    if !valid_bits {
        return None;
    }
    let base = format!("{family}{bits}");
    let icv = |m: &str, kind: &str| -> Option<String> {
        // gcm16/gcm128 = 16-octet ICV, gcm12/gcm96, gcm8/gcm64; bare gcm = 16.
        let n = m.strip_prefix(kind)?;
        let octets = match n {
            "" | "16" | "128" => "16",
            "12" | "96" => "12",
            "8" | "64" => "8",
            _ => return None,
        };
        Some(format!("{base}{kind}{octets}"))
    };
    match mode {
        "" | "cbc" => Some((AlgKind::Encryption, base)),
        "ctr" => Some((AlgKind::Encryption, format!("{base}ctr"))),
        "gmac" => Some((AlgKind::Encryption, format!("{base}gmac"))),
        m if m.starts_with("gcm") => icv(m, "gcm").map(|s| (AlgKind::Encryption, s)),
        m if m.starts_with("ccm") => icv(m, "ccm").map(|s| (AlgKind::Encryption, s)),
        _ => None,
    }
}

/// IKE DH group number (IANA "Transform Type 4") → vocabulary token.
pub fn dh_group_from_number(n: u16) -> Option<&'static str> {
    Some(match n {
        1 => "modp768",
        2 => "modp1024",
        5 => "modp1536",
        14 => "modp2048",
        15 => "modp3072",
        16 => "modp4096",
        17 => "modp6144",
        18 => "modp8192",
        19 => "ecp256",
        20 => "ecp384",
        21 => "ecp521",
        22 => "modp1024s160",
        23 => "modp2048s224",
        24 => "modp2048s256",
        25 => "ecp192",
        26 => "ecp224",
        27 => "ecp224bp",
        28 => "ecp256bp",
        29 => "ecp384bp",
        30 => "ecp512bp",
        31 => "x25519",
        32 => "x448",
        35 => "mlkem512",
        36 => "mlkem768",
        37 => "mlkem1024",
        _ => return None,
    })
}

/// OpenVPN / OpenSSL data-channel cipher name → vocabulary token (None when unknown).
pub fn openvpn_cipher(name: &str) -> Option<String> {
    let n = name.trim().to_ascii_uppercase();
    let s = match n.as_str() {
        "NONE" => "null",
        "BF-CBC" | "BF-CFB" | "BF-OFB" => "blowfish128",
        "DES-CBC" | "DES-CFB" | "DES-OFB" | "DESX-CBC" => "des",
        "DES-EDE3-CBC" | "DES-EDE-CBC" | "DES-EDE3-CFB" | "DES-EDE3-OFB" => "3des",
        "CAST5-CBC" => "cast128",
        "RC2-CBC" | "RC2-40-CBC" | "RC2-64-CBC" => "rc2",
        "SEED-CBC" => "seed",
        "CHACHA20-POLY1305" => "chacha20poly1305",
        _ => {
            for (family, tok) in [("AES-", "aes"), ("CAMELLIA-", "camellia"), ("ARIA-", "aria")] {
                if let Some(rest) = n.strip_prefix(family) {
                    let (bits, mode) = rest.split_once('-')?;
                    if !matches!(bits, "128" | "192" | "256") {
                        return None;
                    }
                    return Some(match mode {
                        "GCM" => format!("{tok}{bits}gcm16"),
                        "CCM" => format!("{tok}{bits}ccm16"),
                        "CBC" => format!("{tok}{bits}"),
                        "CTR" => format!("{tok}{bits}ctr"),
                        "CFB" | "CFB8" | "CFB1" | "OFB" => {
                            format!("{tok}{bits}{}", mode.to_ascii_lowercase())
                        }
                        _ => return None,
                    });
                }
            }
            return None;
        }
    };
    Some(s.to_string())
}

/// OpenVPN `auth` digest → integrity token ("SHA256" → "sha256", "none" → "none").
pub fn openvpn_digest(name: &str) -> String {
    let n = name.trim().to_ascii_lowercase().replace(['-', '_'], "");
    match n.as_str() {
        "sha" | "sha1" => "sha1".into(),
        "sha2256" => "sha256".into(),
        "sha2384" => "sha384".into(),
        "sha2512" => "sha512".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cipher;

    /// Every cipher name OpenVPN users write comes back as they would write it (the
    /// single-token weak families by family name).
    #[test]
    fn openvpn_cipher_names_round_trip() {
        for bits in ["128", "192", "256"] {
            for family in ["AES", "CAMELLIA", "ARIA"] {
                for mode in ["GCM", "CCM", "CBC", "CTR", "CFB", "CFB8", "CFB1", "OFB"] {
                    let name = format!("{family}-{bits}-{mode}");
                    let token = openvpn_cipher(&name).unwrap_or_else(|| panic!("{name}"));
                    assert_eq!(Cipher::of(&token).openvpn_name(), name, "{name} -> {token}");
                }
            }
        }
        for (name, shown) in [
            ("BF-CBC", "BF (Blowfish)"),
            ("bf-ofb", "BF (Blowfish)"),
            ("DES-EDE3-CBC", "3DES (DES-EDE3)"),
            ("CHACHA20-POLY1305", "CHACHA20-POLY1305"),
            ("none", "none"),
        ] {
            assert_eq!(Cipher::of(&openvpn_cipher(name).unwrap()).openvpn_name(), shown, "{name}");
        }
    }

    fn one(s: &str) -> Proposal {
        let p = parse_list(s, true);
        assert!(p.unknown.is_empty(), "{s}: {:?}", p.unknown);
        p.proposals.into_iter().next().unwrap()
    }

    #[test]
    fn aead_ike_proposal() {
        let p = one("aes256gcm16-prfsha384-ecp384");
        assert_eq!(p.encryption, ["aes256gcm16"]);
        assert!(p.integrity.is_empty());
        assert_eq!(p.prf, ["prfsha384"]);
        assert_eq!(p.dh_groups, ["ecp384"]);
    }

    #[test]
    fn prf_derived_from_integrity_and_curve_names_normalised() {
        let p = one("aes128-sha256-x25519");
        assert_eq!(
            (p.encryption.as_slice(), p.integrity.as_slice(), p.prf.as_slice(), p.dh_groups.as_slice()),
            (
                &["aes128".to_string()][..],
                &["sha256".to_string()][..],
                &["prfsha256".to_string()][..],
                &["x25519".to_string()][..]
            )
        );
        assert_eq!(one("aes128-sha256-curve25519").dh_groups, ["x25519"]);
        assert_eq!(one("aes-sha-modp1024").encryption, ["aes128"]);
    }

    #[test]
    fn weak_legacy_proposal() {
        let p = one("3des-md5-modp1024");
        assert_eq!(p.encryption, ["3des"]);
        assert_eq!(p.integrity, ["md5"]);
        assert_eq!(p.prf, ["prfmd5"]);
        assert_eq!(p.dh_groups, ["modp1024"]);
    }

    #[test]
    fn strict_suffix_default_and_lists() {
        let l = parse_list("aes256-sha256-modp2048,aes128gcm16-ecp256!", false);
        assert!(l.strict);
        assert_eq!(l.proposals.len(), 2);
        assert_eq!(l.proposals[1].encryption, ["aes128gcm16"]);
        assert!(l.proposals[1].prf.is_empty(), "ESP has no PRF");
        let d = parse_list("default", true);
        assert!(d.uses_default && !d.strict);
        assert!(d.proposals.iter().all(|p| !p.dh_groups.is_empty()));
        let e = parse_list("default", false);
        assert!(e.proposals.iter().all(|p| p.dh_groups.is_empty()), "default ESP has no PFS");
    }

    #[test]
    fn icv_aliases_and_unknown_tokens() {
        assert_eq!(one("aes128gcm128-prfsha256-ecp256").encryption, ["aes128gcm16"]);
        assert_eq!(one("aes256gcm64-prfsha256-ecp256").encryption, ["aes256gcm8"]);
        assert_eq!(one("aes256gcm-prfsha256-ke1_mlkem768-ecp256").dh_groups, ["mlkem768", "ecp256"]);
        let l = parse_list("aes999-sha256-modp2048,rot13", true);
        assert_eq!(l.unknown, ["aes999", "rot13"]);
    }

    #[test]
    fn openvpn_names() {
        assert_eq!(openvpn_cipher("AES-256-GCM").as_deref(), Some("aes256gcm16"));
        assert_eq!(openvpn_cipher("aes-128-cbc").as_deref(), Some("aes128"));
        assert_eq!(openvpn_cipher("BF-CBC").as_deref(), Some("blowfish128"));
        assert_eq!(openvpn_cipher("CHACHA20-POLY1305").as_deref(), Some("chacha20poly1305"));
        assert_eq!(openvpn_digest("SHA512"), "sha512");
        assert!(Cipher::of("aes128gcm16").is_aead() && !Cipher::of("aes128").is_aead());
    }
}
