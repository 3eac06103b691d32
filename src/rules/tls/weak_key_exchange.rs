//! ## What it does
//! Flags key-exchange groups the policy does not accept (or smaller than its minimum), and
//! finite-field DH parameters smaller than the policy's minimum when DHE suites are enabled.
//!
//! ## Why
//! Clause 13-6 requires CRYPTREC's 高セキュリティ型 settings, which set minimum sizes for
//! the ephemeral key exchange (ECDHE ≥ 256 bit, DHE ≥ 2048 bit). A weak key exchange lets
//! recorded traffic be decrypted later (Logjam for 1024-bit DH).
//!
//! ## Example
//! `ssl_ecdh_curve secp192r1:x25519;` → TLS006 (secp192r1 is 192 bit).

use crate::i18n::Words;
use crate::model::{Model, TlsVersion};
use crate::rules::msg::WeakKeyExchange;
use crate::rules::Checker;
use crate::tls::{groups, suites};

pub fn check(model: &Model, cx: &mut Checker) {
    let gp = &cx.policy.groups;
    let (min_ec, min_dh) = (gp.min_ec_bits, gp.min_dh_bits);
    // The weak groups of the last list judged: endpoints share their group lists (`Arc`).
    let mut last: Option<((usize, usize), (String, String))> = None;
    for ep in &model.tls_endpoints {
        if ep.groups.is_some() || ep.dh_bits.is_some() {
            cx.examined();
        }
        if let Some(gs) = &ep.groups {
            let key = (gs.value.as_ptr() as usize, gs.value.len());
            let weak = match &last {
                Some((k, weak)) if *k == key => weak.clone(),
                _ => {
                    let weak: Vec<(String, String)> = gs
                        .value
                        .iter()
                        .filter_map(|g| {
                            let known = groups::by_code(g.code);
                            let bits = known.map(|k| k.bits as u32);
                            let min = match known.map(|k| k.kind) {
                                Some(groups::GroupKind::Ffdhe) => min_dh,
                                _ => min_ec,
                            };
                            let small = bits.is_some_and(|b| b < min);
                            (small || !cx.policy.group_ok_in_model(g)).then(|| match bits {
                                Some(b) => (format!("{} ({b} ビット)", g.name), format!("{} ({b} bits)", g.name)),
                                None => (g.name.to_string(), g.name.to_string()),
                            })
                        })
                        .collect();
                    let ja = weak.iter().map(|w| w.0.as_str()).collect::<Vec<_>>().join("、");
                    let en = weak.iter().map(|w| w.1.as_str()).collect::<Vec<_>>().join(", ");
                    last = Some((key, (ja.clone(), en.clone())));
                    (ja, en)
                }
            };
            if !weak.1.is_empty() {
                let weak = Words::from_table(&weak.0, &weak.1);
                cx.report(&ep.subject, &gs.origin, WeakKeyExchange { weak });
            }
        }
        if let Some(dh) = &ep.dh_bits {
            let dhe_enabled = ep
                .cipher_suites
                .iter()
                .filter(|(v, _)| **v < TlsVersion::Tls13 && ep.enables(**v))
                .any(|(_, s)| {
                    s.value
                        .iter()
                        .any(|&c| suites::by_code(c).is_some_and(|x| matches!(x.kx, suites::Kx::Dhe | suites::Kx::DhePsk)))
                });
            if dhe_enabled && dh.value < min_dh {
                cx.report(
                    &ep.subject,
                    &dh.origin,
                    WeakKeyExchange {
                        weak: Words::from_table(&format!("DH {} ビット (< {min_dh})", dh.value), &format!("DH {} bits (< {min_dh})", dh.value)),
                    },
                );
            }
        }
    }
}
