//! Secrets in configs. The value is judged when parsed and then dropped: the model keeps
//! only facts about it, so no report can ever print it.

use super::Origin;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    /// Login password of an administrator or user account.
    Password,
    /// Password that enables privileged mode (Cisco enable).
    EnablePassword,
    /// IKE / IPsec pre-shared key.
    IpsecPsk,
    /// Wi-Fi WPA passphrase or PSK.
    WifiPsk,
    /// EAP or PPP user password.
    UserPassword,
    SnmpCommunity,
    /// NTP / routing protocol authentication key.
    AuthKey,
    PrivateKey,
    /// WireGuard pre-shared key, OpenVPN static key.
    SymmetricKey,
    /// RADIUS shared secret between an authenticator (AP, switch, VPN gateway) and its
    /// RADIUS server: who knows it can pose as either and read the MS-MPPE keys.
    RadiusSecret,
}

/// How the secret is stored in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretStorage {
    /// Readable as written.
    Plaintext,
    /// Encoded so that anyone can decode it (Cisco type 7, base64).
    Reversible,
    /// Encrypted with a device key (FortiOS ENC, YAMAHA encrypted).
    DeviceEncrypted,
    /// A weak one-way hash (Cisco type 5 MD5, type 4).
    WeakHash,
    /// A strong one-way hash (Cisco type 8 PBKDF2, type 9 scrypt).
    StrongHash,
    /// Not in this file (referenced elsewhere); nothing to judge.
    External,
}

/// What kensa could measure about a plaintext secret, without keeping it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SecretStrength {
    pub length: usize,
    /// Number of character classes used: lower, upper, digit, other.
    pub classes: u8,
    /// In kensa's list of common or default passwords, or equal to the account name.
    pub common: bool,
    /// Rough entropy estimate in bits (length × log2 of the alphabet used, capped by
    /// repetition).
    pub entropy_bits: u32,
    /// Empty string.
    pub empty: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Secret {
    pub kind: SecretKind,
    pub storage: SecretStorage,
    /// Who or what uses it: "user admin", "IKE peer 203.0.113.7", "SNMP community".
    pub subject: String,
    /// Evidence here is already masked.
    pub origin: Origin,
    /// Known only when stored in plaintext or reversibly.
    pub strength: Option<SecretStrength>,
    /// SNMP: write access.
    pub read_write: bool,
}

/// Common and default passwords/PSKs; a secret equal to one of these (case-insensitive) is
/// guessable. Kept short on purpose: the point is the obvious ones the incidents used.
pub const COMMON_SECRETS: &[&str] = &[
    "",
    "admin",
    "administrator",
    "password",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "pass",
    "1234",
    "12345",
    "123456",
    "1234567",
    "12345678",
    "123456789",
    "1234567890",
    "0000",
    "00000000",
    "qwerty",
    "abc123",
    "letmein",
    "welcome",
    "changeme",
    "default",
    "secret",
    "test",
    "guest",
    "root",
    "cisco",
    "fortinet",
    "yamaha",
    "public",
    "private",
    "manager",
    "user",
    "vpn",
    "vpnpass",
    "ipsec",
    "presharedkey",
    "sharedsecret",
    "hospital",
    "byouin",
    "iryou",
    "clinic",
    "wireless",
    "wifi",
    "wlan",
    "internet",
    "password1",
    "password123",
    "admin123",
    "admin1234",
    "administrator1",
    "qwertyuiop",
    "11111111",
    "88888888",
    "iloveyou",
    "sunshine",
    "monkey",
    "dragon",
    "master",
    "trustno1",
    "superuser",
    "support",
    "service",
    "maintenance",
    "hoshu",
    // FreeRADIUS's shipped client secret (raddb/clients.conf) and hostapd's examples.
    "testing123",
    "radius",
];

/// A placeholder that stands where a copy of a config had its secret removed
/// (`[REDACTED]`, `<removed>`, `********`, `<hidden>`): the value is unreadable, so its
/// strength cannot be judged (and must not be judged weak for being `********`).
pub fn is_redacted(value: &str) -> bool {
    let v = value.trim().trim_matches(['"', '\'']);
    if v.len() >= 3 && v.bytes().all(|b| b == b'*') {
        return true;
    }
    let inner = v
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| v.strip_prefix('<').and_then(|r| r.strip_suffix('>')))
        .unwrap_or(v);
    let word: String = inner.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    let bracketed = inner.len() != v.len();
    matches!(word.as_str(), "redacted" | "removed")
        || bracketed
            && matches!(
                word.as_str(),
                "hidden" | "omitted" | "masked" | "snip" | "scrubbed" | "secret" | "password" | "passwordremoved" | "secretremoved"
            )
}

impl SecretStrength {
    /// Measures a plaintext secret. `account` (e.g. the user name) counts as common.
    pub fn measure(value: &str, account: Option<&str>) -> Self {
        let length = value.chars().count();
        let (mut lower, mut upper, mut digit, mut other) = (false, false, false, false);
        for c in value.chars() {
            if c.is_ascii_lowercase() {
                lower = true
            } else if c.is_ascii_uppercase() {
                upper = true
            } else if c.is_ascii_digit() {
                digit = true
            } else {
                other = true
            }
        }
        let classes = [lower, upper, digit, other].iter().filter(|b| **b).count() as u8;
        let alphabet: f64 = [(lower, 26.0), (upper, 26.0), (digit, 10.0), (other, 33.0)]
            .iter()
            .filter(|(b, _)| *b)
            .map(|(_, n)| n)
            .sum();
        let mut distinct: Vec<char> = value.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        // Repetition ("aaaaaaaa", "abababab") caps entropy by the distinct characters used.
        let effective_len = length.min(distinct.len() * 2).max(distinct.len());
        let entropy_bits = if alphabet > 0.0 { (effective_len as f64 * alphabet.log2()) as u32 } else { 0 };
        let lowered = value.to_lowercase();
        let common = COMMON_SECRETS.contains(&lowered.as_str())
            || account.is_some_and(|a| !a.is_empty() && a.eq_ignore_ascii_case(value))
            || is_keyboard_or_digit_run(&lowered);
        SecretStrength {
            length,
            classes,
            common,
            entropy_bits,
            empty: value.is_empty(),
        }
    }
}

/// "11111111", "12345678901", "abcdefgh", "qwertyui": sequences people type as passwords.
fn is_keyboard_or_digit_run(s: &str) -> bool {
    if s.len() < 4 {
        return false;
    }
    let b = s.as_bytes();
    let same = b.iter().all(|&c| c == b[0]);
    let ascending = b.windows(2).all(|w| w[1] == w[0].wrapping_add(1) || (w[0] == b'9' && w[1] == b'0'));
    let row = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"].iter().any(|r| r.contains(s));
    same || ascending || row
}

#[cfg(test)]
mod redaction_tests {
    use super::is_redacted;

    #[test]
    fn placeholders_are_redacted_and_real_values_are_not() {
        for v in [
            "[REDACTED]",
            "<removed>",
            "********",
            "\"***\"",
            "REDACTED",
            "<hidden>",
            "[password removed]",
            "<SECRET>",
        ] {
            assert!(is_redacted(v), "{v}");
        }
        for v in ["password", "secret", "hidden", "**", "abc*", "Redact3d!", "removed-2024"] {
            assert!(!is_redacted(v), "{v}");
        }
    }
}
