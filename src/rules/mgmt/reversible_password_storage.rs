//! ## What it does
//! Flags login passwords stored in the config in clear or reversibly encoded (Cisco type 0
//! and type 7, `enable password`, YAMAHA `auth user` / `pp auth username`), and RADIUS /
//! TACACS+ server keys stored in clear or as type 7. Weak one-way hashes (Cisco type 5 MD5,
//! type 4) are a warning.
//!
//! ## Why
//! Clause 14-6 requires password files to be stored irreversibly and forbids plaintext
//! passwords in configuration files. Type 7 is decoded by any web page; configs travel in
//! e-mails, tickets and backups.
//!
//! ## Example
//! `username admin privilege 15 password 7 070C285F4D06` → MGMT004.

use crate::model::{Model, SecretStorage};
use crate::rules::mgmt::is_password_like_secret;
use crate::rules::{Checker, Severity};

pub fn check(model: &Model, cx: &mut Checker) {
    for s in model.secrets.iter().filter(|s| is_password_like_secret(s.kind)) {
        // An absent password (factory state) is MGMT005's finding, not a stored secret.
        if s.strength.is_some_and(|st| st.empty) {
            continue;
        }
        match s.storage {
            SecretStorage::Plaintext => cx.report(&s.subject, &s.origin, vec![("storage_ja", "平文".into()), ("storage_en", "plaintext".into())]),
            SecretStorage::Reversible => cx.report(
                &s.subject,
                &s.origin,
                vec![
                    ("storage_ja", "復号可能な符号化 (Cisco type 7 など)".into()),
                    ("storage_en", "reversible encoding (e.g. Cisco type 7)".into()),
                ],
            ),
            SecretStorage::WeakHash => cx.report_as(
                Severity::Warning,
                &s.subject,
                &s.origin,
                vec![
                    ("storage_ja", "弱いハッシュ (MD5/SHA-1)".into()),
                    ("storage_en", "weak hash (MD5/SHA-1)".into()),
                ],
            ),
            _ => {}
        }
    }
}
