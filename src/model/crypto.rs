//! The algorithm vocabulary of VPN proposals as types with their properties, so rules ask
//! a cipher whether it is AEAD or broken instead of matching token strings (and never
//! reach into `formats` for it). A [`Proposal`](super::Proposal) holds the normalised
//! tokens its parser wrote (the table in `formats/ipsec_proposal.rs`); these types read
//! them.

/// A block cipher family with a key size in its token (`aes256`, `camellia128`, `aria192`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockFamily {
    Aes,
    Camellia,
    Aria,
}

/// The mode of a block cipher token: none written is CBC (`aes256`); AEAD modes carry
/// their ICV octets (`aes256gcm16`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockMode {
    Cbc,
    Ctr,
    Gcm(u8),
    Ccm(u8),
    /// Integrity-only ESP (`aes128gmac`): authenticates, does not encrypt.
    Gmac,
    /// OpenVPN's stream modes (`aes256cfb`, `cfb8`, `cfb1`, `ofb`).
    Cfb,
    Cfb8,
    Cfb1,
    Ofb,
}

/// An encryption token of a proposal or an OpenVPN data channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cipher {
    Null,
    Des,
    TripleDes,
    Blowfish,
    Cast128,
    Rc2,
    Seed,
    ChaCha20Poly1305,
    Block {
        family: BlockFamily,
        bits: u16,
        mode: BlockMode,
    },
    /// A token outside the vocabulary, as written.
    Other(String),
}

impl Cipher {
    /// The cipher a vocabulary token names.
    pub fn of(token: &str) -> Cipher {
        match token {
            "null" => return Cipher::Null,
            "des" => return Cipher::Des,
            "3des" => return Cipher::TripleDes,
            "cast128" => return Cipher::Cast128,
            "rc2" => return Cipher::Rc2,
            "seed" => return Cipher::Seed,
            "chacha20poly1305" => return Cipher::ChaCha20Poly1305,
            t if t.starts_with("blowfish") => return Cipher::Blowfish,
            _ => {}
        }
        Cipher::block(token).unwrap_or_else(|| Cipher::Other(token.to_string()))
    }

    fn block(token: &str) -> Option<Cipher> {
        let (family, rest) = [("aes", BlockFamily::Aes), ("camellia", BlockFamily::Camellia), ("aria", BlockFamily::Aria)]
            .into_iter()
            .find_map(|(prefix, family)| token.strip_prefix(prefix).map(|rest| (family, rest)))?;
        let bits = ["128", "192", "256"].into_iter().find(|b| rest.starts_with(b))?;
        let icv = |m: &str| m.parse::<u8>().ok().filter(|n| matches!(n, 8 | 12 | 16));
        let mode = match &rest[bits.len()..] {
            "" => BlockMode::Cbc,
            "ctr" => BlockMode::Ctr,
            "gmac" => BlockMode::Gmac,
            "cfb" => BlockMode::Cfb,
            "cfb8" => BlockMode::Cfb8,
            "cfb1" => BlockMode::Cfb1,
            "ofb" => BlockMode::Ofb,
            m => match (m.strip_prefix("gcm"), m.strip_prefix("ccm")) {
                (Some(n), _) => BlockMode::Gcm(icv(n)?),
                (_, Some(n)) => BlockMode::Ccm(icv(n)?),
                _ => return None,
            },
        };
        Some(Cipher::Block {
            family,
            bits: bits.parse().ok()?,
            mode,
        })
    }

    /// Integrity is built in (GCM, CCM, ChaCha20-Poly1305): a proposal's `none` integrity
    /// is then no gap.
    pub fn is_aead(&self) -> bool {
        matches!(
            self,
            Cipher::ChaCha20Poly1305
                | Cipher::Block {
                    mode: BlockMode::Gcm(_) | BlockMode::Ccm(_),
                    ..
                }
        )
    }

    /// Ruled out by clauses 13-8/13-10: no encryption, broken ciphers, and 64-bit blocks
    /// (DES, 3DES, Blowfish, CAST-128, RC2: Sweet32).
    pub fn is_weak(&self) -> bool {
        matches!(
            self,
            Cipher::Null | Cipher::Des | Cipher::TripleDes | Cipher::Blowfish | Cipher::Cast128 | Cipher::Rc2
        )
    }

    /// The name an OpenVPN user writes for it (`aes256` → `AES-256-CBC`): findings about
    /// OpenVPN speak OpenVPN. The weak families whose modes share one token are named by
    /// family ("BF (Blowfish)"); the evidence line shows what was written.
    pub fn openvpn_name(&self) -> String {
        let fixed = match self {
            Cipher::Null => "none",
            Cipher::Blowfish => "BF (Blowfish)",
            Cipher::Des => "DES",
            Cipher::TripleDes => "3DES (DES-EDE3)",
            Cipher::Cast128 => "CAST5-CBC",
            Cipher::Rc2 => "RC2",
            Cipher::Seed => "SEED-CBC",
            Cipher::ChaCha20Poly1305 => "CHACHA20-POLY1305",
            Cipher::Other(token) => token,
            Cipher::Block { family, bits, mode } => {
                let family = match family {
                    BlockFamily::Aes => "AES",
                    BlockFamily::Camellia => "CAMELLIA",
                    BlockFamily::Aria => "ARIA",
                };
                let mode = match mode {
                    BlockMode::Cbc => "CBC",
                    BlockMode::Ctr => "CTR",
                    BlockMode::Gcm(_) => "GCM",
                    BlockMode::Ccm(_) => "CCM",
                    // No OpenVPN cipher: the token as written.
                    BlockMode::Gmac => return format!("{}{bits}gmac", family.to_lowercase()),
                    BlockMode::Cfb => "CFB",
                    BlockMode::Cfb8 => "CFB8",
                    BlockMode::Cfb1 => "CFB1",
                    BlockMode::Ofb => "OFB",
                };
                return format!("{family}-{bits}-{mode}");
            }
        };
        fixed.to_string()
    }
}

/// An integrity (or, with `prf` before it, a PRF) token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Integrity {
    Md5,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
    AesXcbc,
    AesCmac,
    /// No integrity algorithm: fine only beside an AEAD cipher.
    None,
    Other(String),
}

impl Integrity {
    pub fn of(token: &str) -> Integrity {
        match token {
            "md5" => Integrity::Md5,
            "sha1" => Integrity::Sha1,
            "sha256" => Integrity::Sha256,
            "sha384" => Integrity::Sha384,
            "sha512" => Integrity::Sha512,
            "aesxcbc" => Integrity::AesXcbc,
            "aescmac" => Integrity::AesCmac,
            "none" => Integrity::None,
            other => Integrity::Other(other.to_string()),
        }
    }

    /// A PRF token (`prfsha256`) as the hash it is built on.
    pub fn of_prf(token: &str) -> Integrity {
        match token.strip_prefix("prf") {
            Some("none") | None => Integrity::Other(token.to_string()),
            Some(hash) => Integrity::of(hash),
        }
    }

    /// No longer guarantees integrity: MD5 and SHA-1 (collisions; RFC 8247 demotes both).
    pub fn is_weak(&self) -> bool {
        matches!(self, Integrity::Md5 | Integrity::Sha1)
    }
}

/// A Diffie-Hellman group (key exchange method) token, by strength class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DhStrength {
    /// Below 112-bit strength (RFC 8247 MUST NOT / SHOULD NOT): 768- to 1536-bit MODP,
    /// the 1024-bit group with 160-bit subgroup, 192-bit ECP.
    Weak,
    Adequate,
    /// Not in the vocabulary: not judged.
    Unknown,
}

/// The strength class of a DH group token.
pub fn dh_strength(token: &str) -> DhStrength {
    match token {
        "modp768" | "modp1024" | "modp1536" | "modp1024s160" | "ecp192" => DhStrength::Weak,
        t if t.starts_with("modp") || t.starts_with("ecp") || t.starts_with("mlkem") || matches!(t, "x25519" | "x448") => DhStrength::Adequate,
        _ => DhStrength::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The properties the VPN rules read, on the vocabulary's tokens.
    #[test]
    fn properties_of_the_vocabulary() {
        for aead in ["aes256gcm16", "aes128ccm8", "camellia256ccm12", "chacha20poly1305"] {
            assert!(Cipher::of(aead).is_aead(), "{aead}");
        }
        for not in ["aes256", "aes128ctr", "aes128gmac", "3des", "aes256gcm9", "unknown"] {
            assert!(!Cipher::of(not).is_aead(), "{not}");
        }
        for weak in ["des", "3des", "null", "cast128", "rc2", "blowfish128", "blowfish256"] {
            assert!(Cipher::of(weak).is_weak(), "{weak}");
        }
        assert!(!Cipher::of("aes128").is_weak() && !Cipher::of("seed").is_weak());
        assert!(Integrity::of("sha1").is_weak() && !Integrity::of("sha256").is_weak());
        assert!(Integrity::of_prf("prfmd5").is_weak() && !Integrity::of_prf("prfsha384").is_weak());
        assert_eq!(dh_strength("modp1024"), DhStrength::Weak);
        assert_eq!(dh_strength("ecp256"), DhStrength::Adequate);
        assert_eq!(dh_strength("mlkem768"), DhStrength::Adequate);
        assert_eq!(dh_strength("dh99"), DhStrength::Unknown);
    }
}
