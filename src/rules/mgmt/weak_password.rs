//! ## What it does
//! Flags empty, default, common or short passwords (and SNMP communities such as `public`)
//! whose value the config reveals, and administrator accounts with a well-known default name
//! (warning).
//!
//! ## Why
//! Clause 8-5 asks that factory passwords be changed and guessable passwords avoided. The
//! Osaka and Okayama hospital attacks used guessable IDs and passwords shared across the VPN
//! device and servers.
//!
//! ## Example
//! `username cisco privilege 15 password 0 cisco` → MGMT005.

use crate::model::{Model, SecretKind};
use crate::rules::mgmt::is_login_secret;
use crate::rules::{Checker, Severity};

pub fn check(model: &Model, cx: &mut Checker) {
    let min = cx.option_i64("min_length", 8).max(0) as usize;
    for s in &model.secrets {
        if !(is_login_secret(s.kind) || s.kind == SecretKind::SnmpCommunity) {
            continue;
        }
        let Some(st) = s.strength else { continue };
        let (ja, en) = if st.empty {
            ("空 (未設定)", "empty (not set)")
        } else if st.common {
            ("初期値または推測されやすい値", "a default or common value")
        } else if st.length < min && s.kind != SecretKind::SnmpCommunity {
            ("短すぎる値", "too short")
        } else {
            continue;
        };
        cx.report(
            &s.subject,
            &s.origin,
            vec![("problem_ja", ja.into()), ("problem_en", en.into()), ("length", st.length.to_string())],
        );
    }
    for a in model.accounts.iter().filter(|a| a.admin && a.default_name) {
        cx.report_as(
            Severity::Warning,
            &format!("admin {}", a.name),
            &a.origin,
            vec![
                ("problem_ja", "よく知られた初期アカウント名".into()),
                ("problem_en", "a well-known default account name".into()),
                ("length", "-".into()),
            ],
        );
    }
}
