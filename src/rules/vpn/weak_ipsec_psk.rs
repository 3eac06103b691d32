//! ## What it does
//! Flags IKE pre-shared keys that are short (under `min_length`, default 20 characters),
//! common or equal to an ID, or of low estimated entropy (under `min_entropy_bits`,
//! default 64). Only the measured strength is used; the key itself is never kept.
//!
//! ## Why
//! A PSK that can be guessed or cracked offline (IKEv1 aggressive mode, or a captured
//! IKEv2 exchange against a rogue responder) lets an attacker into the closed network.
//! Clause 13-4 names the pre-shared key as acceptable only when hard to break.
//!
//! ## Example
//! `: PSK "hospital"` in ipsec.secrets → VPN007.

use crate::i18n::Words;
use crate::model::{Model, SecretKind};
use crate::rules::msg::WeakIpsecPsk;
use crate::rules::Checker;

crate::i18n::terms! {
    /// Why a pre-shared key is weak.
    enum Reason {
        Empty => "空", "empty";
        Short { length: usize, min: usize } => "{length} 文字 (< {min})", "{length} characters (< {min})";
        Common => "よく使われる、または推測しやすい値", "common or guessable";
        LowEntropy { bits: u32, min: u32 } => "エントロピー約 {bits} ビット (< {min})", "about {bits} bits of entropy (< {min})";
    }
}

/// `[options]` in rules/VPN007.toml (defaults) and `[rules.VPN007]` in kensa.toml.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Shorter keys are reported (characters).
    pub min_length: usize,
    /// Keys with less estimated entropy are reported (bits).
    pub min_entropy_bits: u32,
}

pub fn check(model: &Model, cx: &mut Checker) {
    let Options {
        min_length: min_len,
        min_entropy_bits: min_bits,
    } = cx.options();
    for s in model.secrets.iter().filter(|s| s.kind == SecretKind::IpsecPsk) {
        let Some(st) = s.strength else { continue };
        cx.examined();
        let mut why = Vec::new();
        if st.empty {
            why.push(Reason::Empty);
        } else {
            if st.length < min_len {
                why.push(Reason::Short {
                    length: st.length,
                    min: min_len,
                });
            }
            if st.common {
                why.push(Reason::Common);
            }
            if st.entropy_bits < min_bits {
                why.push(Reason::LowEntropy {
                    bits: st.entropy_bits,
                    min: min_bits,
                });
            }
        }
        if !why.is_empty() {
            cx.report(&s.subject, &s.origin, WeakIpsecPsk { reasons: Words::list(why) });
        }
    }
}
