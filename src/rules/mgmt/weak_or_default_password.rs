//! ## What it does
//! Flags vendor factory-default passwords (said as such), empty, default, common or short
//! passwords, RADIUS / TACACS+ server keys (and SNMP
//! communities such as `public`)
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
use crate::rules::mgmt::is_password_like_secret;
use crate::rules::msg::WeakOrDefaultPassword;
use crate::rules::{Checker, Severity};

crate::i18n::terms! {
    /// What is weak about a password or community, or about an administrator's name.
    enum Problem {
        FactoryEmpty => "パスワードが出荷時の初期状態 (未設定) のままです", "the password is still the vendor's factory default (no password)";
        FactoryPublished => "パスワードが出荷時の初期値 (公開されている値) のままです", "the password is still the vendor's published factory default";
        Empty => "パスワード (またはコミュニティ名) が空 (未設定) です", "the password (or community) is empty (not set)";
        Common { length: usize } => "パスワード (またはコミュニティ名) が初期値または推測されやすい値です (長さ {length})",
            "the password (or community) is a default or common value (length {length})";
        Short { length: usize, min: usize } => "パスワードが短すぎます (長さ {length}、{min} 文字以上が必要)",
            "the password is too short (length {length}, at least {min} needed)";
        DefaultCommunityBased => "コミュニティ名が出荷時の初期値 (public/private) に文字を足しただけで、推測されやすい値です",
            "the community is the factory default (public/private) with something added, an easy guess";
        DefaultAdminName => "管理者アカウント名がよく知られた初期値です", "the administrator account has a well-known default name";
    }
}

/// `[options] min_length` in rules/MGMT005.toml, `[rules.MGMT005]` in kensa.toml.
pub type Options = crate::rules::checker::MinLength;

pub fn check(model: &Model, cx: &mut Checker) {
    let min = cx.options::<Options>().min_length;
    for s in &model.secrets {
        if !(is_password_like_secret(s.kind) || s.kind == SecretKind::SnmpCommunity) {
            continue;
        }
        let Some(st) = s.strength else { continue };
        cx.examined();
        let problem = if s.factory_default && st.empty {
            Problem::FactoryEmpty
        } else if s.factory_default {
            Problem::FactoryPublished
        } else if st.empty {
            Problem::Empty
        } else if st.common {
            Problem::Common { length: st.length }
        } else if st.length < min && s.kind != SecretKind::SnmpCommunity {
            Problem::Short { length: st.length, min }
        } else if st.default_based && s.kind == SecretKind::SnmpCommunity {
            // A guess, not the default itself: a warning.
            let message = WeakOrDefaultPassword {
                problem: Problem::DefaultCommunityBased.into(),
            };
            cx.report_as(Severity::Warning, &s.subject, &s.origin, message);
            continue;
        } else {
            continue;
        };
        cx.report(&s.subject, &s.origin, WeakOrDefaultPassword { problem: problem.into() });
    }
    // The name, not the password, is what is known here: it is the first half of a guess.
    for a in model.accounts.iter().filter(|a| a.admin && a.default_name) {
        let message = WeakOrDefaultPassword {
            problem: Problem::DefaultAdminName.into(),
        };
        cx.report_as(Severity::Warning, &format!("admin {}", a.name), &a.origin, message);
    }
}
