//! Secrets in configs. The value is judged when parsed and then dropped: the model keeps
//! only facts about it, so no report can ever print it.

use super::Origin;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
    /// Shared secret between an authenticator (router, firewall, access point, switch, VPN
    /// gateway) and its RADIUS or TACACS+ server: who knows it can pose as either, forge the
    /// server's accept for any login, and read RADIUS's MS-MPPE keys.
    AaaServerKey,
    PrivateKey,
    /// WireGuard pre-shared key, OpenVPN static key.
    SymmetricKey,
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
    /// Replaced by a placeholder before the config was shared (`[REDACTED]`, `<removed>`,
    /// `********`): neither its strength nor how the device stores it can be read.
    Redacted,
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
    /// Starts with a factory SNMP community (`public`, `private`) and adds to it
    /// (`publicstrang`): the first guesses of a scanner's dictionary. Only MGMT005's SNMP
    /// check reads it; never serialised.
    #[serde(skip)]
    pub default_based: bool,
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
    /// The value is the one the vendor ships (FortiGate's `admin` with no password), as
    /// its documentation says (docs/vendor-defaults.md): 8-5 asks that it be changed.
    pub factory_default: bool,
    /// A keyed fingerprint of the value, for finding one secret used in several places
    /// (MGMT009); `None` when the value cannot be compared (see [`Fingerprint`]). Never
    /// serialised, never printed.
    #[serde(skip)]
    pub fingerprint: Option<Fingerprint>,
    /// What the two ends of one link that both must hold this secret share (a Wi-Fi
    /// network's SSID, a PPP or EAP account name): every access point of one SSID and its
    /// clients hold one passphrase by design, which is not reuse. `None` when the parser
    /// cannot name it.
    #[serde(skip)]
    pub link: Option<Box<str>>,
    /// The format has no other way to keep this secret than in clear (hostapd's RADIUS
    /// shared secret, a Wi-Fi passphrase in wpa_supplicant.conf): what protects it is the
    /// file's mode on the device, which a copy of the file does not show.
    #[serde(skip)]
    pub clear_by_design: bool,
    /// The peer a key both ends hold is for (an IKE peer's address), as the config writes
    /// it: one device holding one key for one peer in two places (two IOS keyrings, a
    /// keyring and `crypto isakmp key`) configures one link twice, not reuse.
    #[serde(skip)]
    pub peer: Option<Box<str>>,
}

/// HMAC-SHA256 of a secret's value under a key drawn at random once per run (per process)
/// and held only in memory: two fingerprints are equal exactly when the values are, but a
/// fingerprint cannot be tested against guesses by anyone outside this run, and none is
/// stored or printed (its `Debug` shows nothing of it).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint([u8; 32]);

impl std::fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fingerprint(..)")
    }
}

impl Fingerprint {
    /// The fingerprint of `value` under this run's key; `None` when the system's random
    /// source gave no key (nothing is then compared, and MGMT009 says so).
    pub fn of(value: &str) -> Option<Fingerprint> {
        static KEY: std::sync::OnceLock<Option<ring::hmac::Key>> = std::sync::OnceLock::new();
        let key = KEY
            .get_or_init(|| ring::hmac::Key::generate(ring::hmac::HMAC_SHA256, &ring::rand::SystemRandom::new()).ok())
            .as_ref()?;
        let tag = ring::hmac::sign(key, value.as_bytes());
        tag.as_ref().try_into().ok().map(Fingerprint)
    }
}

impl SecretKind {
    /// Whether a value of this kind is compared with the others for reuse: passwords,
    /// pre-shared keys, SNMP communities and RADIUS / TACACS+ secrets, which people choose
    /// and copy. Routing and NTP keys, private-key passphrases and generated keys are not.
    pub fn compared_for_reuse(self) -> bool {
        matches!(
            self,
            SecretKind::Password
                | SecretKind::EnablePassword
                | SecretKind::IpsecPsk
                | SecretKind::WifiPsk
                | SecretKind::UserPassword
                | SecretKind::SnmpCommunity
                | SecretKind::AaaServerKey
        )
    }

    /// Whether both ends of a link hold this secret by design (a pre-shared key, a PPP or
    /// EAP password), so that two holders may be one link rather than reuse. A RADIUS or
    /// TACACS+ secret is held by the server too, but kensa reads only the clients' configs.
    pub fn held_by_both_ends(self) -> bool {
        matches!(self, SecretKind::IpsecPsk | SecretKind::WifiPsk | SecretKind::UserPassword)
    }
}

/// Shown instead of a secret value in evidence and diagnostics.
pub const SECRET_MASK: &str = "****";

/// Parts of a keyword that names a secret, in the syntaxes kensa reads and in those it may be
/// handed by mistake (Allied Telesis `crypto isakmp key`, NEC IX `password plain`, Juniper
/// `pre-shared-key ascii-text`, PAN-OS `phash`, hostapd `wpa_passphrase=`). Deliberately
/// broad: a false match only hides a harmless word, a miss prints a secret.
const SECRET_KEYWORD_PARTS: &[&str] = &[
    "key",
    "pass",
    "secret",
    "community",
    "psk",
    "auth",
    "pwd",
    "hash",
    "credential",
    "token",
    "phrase",
];

/// Words that may stand between a secret keyword and its value without being the value:
/// a one-digit storage type (`password 7 ...`), an encoding marker, a separator.
const STORAGE_QUALIFIERS: &[&str] = &["enc", "encrypted", "plain", "plaintext", "text", "ascii-text", "hexadecimal", "hex", "=", ":"];

/// True when `word` (a keyword, possibly with `=value` or `:` attached) names a secret.
pub fn is_secret_keyword(word: &str) -> bool {
    let key = word
        .split(['=', ':'])
        .next()
        .unwrap_or(word)
        .trim_matches(|c: char| c == '"' || c == '\'' || c == '-');
    let lower = key.to_ascii_lowercase();
    !lower.is_empty() && SECRET_KEYWORD_PARTS.iter().any(|p| lower.contains(p))
}

/// Masks a line kensa does not (fully) understand: from the first secret keyword on, every
/// word is `****`, except storage qualifiers directly after the keyword that are not the
/// last word (`password 7 ****`, `psksecret ENC ****`). A keyword written with its value
/// (`wpa_passphrase=...`) keeps only its name. Masking this way does not depend on knowing
/// which word the syntax makes the secret, so a misread line cannot print one.
pub fn mask_after_secret_keyword(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut masking = false;
    let mut qualifiers_allowed = false;
    for (i, w) in words.iter().enumerate() {
        let last = i + 1 == words.len();
        if masking {
            let qualifier = w.len() == 1 && w.as_bytes()[0].is_ascii_digit() || STORAGE_QUALIFIERS.contains(&w.to_ascii_lowercase().as_str());
            if qualifiers_allowed && qualifier && !last {
                out.push((*w).to_string());
            } else {
                qualifiers_allowed = false;
                out.push(SECRET_MASK.to_string());
            }
            continue;
        }
        if is_secret_keyword(w) {
            masking = true;
            qualifiers_allowed = true;
            match w.find(['=', ':']) {
                Some(k) if k + 1 < w.len() => {
                    out.push(format!("{}{SECRET_MASK}", &w[..=k]));
                    qualifiers_allowed = false;
                }
                _ => out.push((*w).to_string()),
            }
        } else {
            out.push((*w).to_string());
        }
    }
    out.join(" ")
}

/// True for a value the config's owner replaced by a placeholder before sharing it
/// (`[REDACTED]`, `<removed>` as `show tech-support` prints it, `<REMOVED>`, `********`,
/// `xxxxxxxx`), or that a published template leaves for the reader to fill in
/// (`${sharedSecret1}`, `$<sharedSecret1>`, `{{ psk }}`, `<connection_presharedkey_1>`,
/// `**INSERT_KEY**`, as vendors' and clouds' sample configurations write them):
/// unreadable, so never judged weak.
pub fn is_redacted(value: &str) -> bool {
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
    let bracketed = (v.starts_with('[') && v.ends_with(']')) || (v.starts_with('<') && v.ends_with('>'));
    // Only a bracketed value is searched for the words (ten substring searches per secret
    // showed in profiles, docs/performance.md session 15).
    let placeholder_word = || {
        let lower = v.to_ascii_lowercase();
        ["redact", "remov", "hidden", "omit", "masked", "secret", "password", "key", "psk", "shared"]
            .iter()
            .any(|w| lower.contains(w))
    };
    (bracketed && placeholder_word())
        || is_template_variable(v)
        || (v.len() >= 3 && (v.bytes().all(|b| b == b'*') || v.bytes().all(|b| b.eq_ignore_ascii_case(&b'x'))))
        || v.eq_ignore_ascii_case("redacted")
}

/// A whole value that is a template's variable: `${name}`, `$<name>`, `{{ name }}`,
/// `%%name%%`, `**NAME**`. Only the whole value counts: `pa${ss}` is a password.
fn is_template_variable(v: &str) -> bool {
    let wrapped = |open: &str, close: &str| {
        v.len() > open.len() + close.len() && v.starts_with(open) && v.ends_with(close) && !v[open.len()..v.len() - close.len()].contains(close)
    };
    wrapped("${", "}") || wrapped("$<", ">") || wrapped("{{", "}}") || wrapped("%%", "%%") || wrapped("**", "**")
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
            default_based: ["public", "private"].iter().any(|d| lowered.len() > d.len() && lowered.starts_with(d)),
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
    // Only a value no longer than a row can be part of it (no substring search otherwise).
    let row = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"]
        .iter()
        .any(|r| s.len() <= r.len() && r.contains(s));
    same || ascending || row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_after_a_secret_keyword_is_masked() {
        let cases = [
            // Allied Telesis, NEC IX, Juniper, Cisco ASA, PAN-OS, hostapd, Cisco IOS.
            ("crypto isakmp key 8 S3cr3t address 203.0.113.7", "crypto isakmp key 8 **** **** ****"),
            ("username admin password plain S3cr3t administrator", "username admin password plain **** ****"),
            (
                "set security ike policy P mode aggressive proposals P pre-shared-key ascii-text \"S3cr3t\"",
                "set security ike policy P mode aggressive proposals P pre-shared-key ascii-text ****",
            ),
            ("ikev1 pre-shared-key S3cr3t", "ikev1 pre-shared-key ****"),
            (
                "set network ike gateway GW authentication pre-shared-key key S3cr3t",
                "set network ike gateway GW authentication **** **** ****",
            ),
            ("wpa_passphrase=S3cr3t", "wpa_passphrase=****"),
            ("secret = S3cr3t", "secret = ****"),
            ("username bob password 7 070C285F4D06", "username bob password 7 ****"),
            ("set psksecret ENC abcdef", "set psksecret ENC ****"),
            ("snmp-server community public RO", "snmp-server community **** ****"),
            // A type digit or qualifier that is the last word may be the secret itself.
            ("enable password 7", "enable password ****"),
            ("ssl_protocols TLSv1.2;", "ssl_protocols TLSv1.2;"),
        ];
        for (line, want) in cases {
            assert_eq!(mask_after_secret_keyword(line), want, "{line}");
            assert!(!mask_after_secret_keyword(line).contains("S3cr3t"));
        }
    }

    #[test]
    fn placeholders_are_redacted_values() {
        for v in [
            "[REDACTED]",
            "<removed>",
            "<REMOVED>",
            "********",
            "\"<removed>\"",
            "\"***\"",
            "xxxxxxxx",
            "<password>",
            "REDACTED",
            "<hidden>",
            "[password removed]",
            "<SECRET>",
            "${sharedSecret1}",
            "$<sharedSecret1>",
            "{{ psk }}",
            "<connection_presharedkey_1>",
            "**INSERT_KEY_HERE**",
            "[password]",
        ] {
            assert!(is_redacted(v), "{v}");
        }
        for v in [
            "cisco",
            "Passw0rd!",
            "x",
            "**",
            "$9$abc",
            "<cisco>",
            "password",
            "secret",
            "hidden",
            "abc*",
            "Redact3d!",
            "removed-2024",
            "pa${ss}",
            "${a}b${c}",
        ] {
            assert!(!is_redacted(v), "{v}");
        }
    }
}
