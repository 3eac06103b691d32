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

use crate::model::{Model, SecretKind};
use crate::rules::Checker;

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
    let Options { min_length: min_len, min_entropy_bits: min_bits } = cx.options();
    for s in model.secrets.iter().filter(|s| s.kind == SecretKind::IpsecPsk) {
        let Some(st) = s.strength else { continue };
        cx.examined();
        // (Japanese, English) for each reason.
        let mut why: Vec<(String, String)> = Vec::new();
        if st.empty {
            why.push(("空".into(), "empty".into()));
        } else {
            if st.length < min_len {
                why.push((format!("{} 文字 (< {min_len})", st.length), format!("{} characters (< {min_len})", st.length)));
            }
            if st.common {
                why.push(("よく使われる、または推測しやすい値".into(), "common or guessable".into()));
            }
            if st.entropy_bits < min_bits {
                why.push((
                    format!("エントロピー約 {} ビット (< {min_bits})", st.entropy_bits),
                    format!("about {} bits of entropy (< {min_bits})", st.entropy_bits),
                ));
            }
        }
        if !why.is_empty() {
            let ja = why.iter().map(|(j, _)| j.as_str()).collect::<Vec<_>>().join("、");
            let en = why.iter().map(|(_, e)| e.as_str()).collect::<Vec<_>>().join(", ");
            cx.report(&s.subject, &s.origin, vec![("reasons_ja", ja), ("reasons_en", en)]);
        }
    }
}
