//! ## What it does
//! Flags administrator accounts that may log in from any address (FortiOS admin without
//! `trusthost1`..`trusthost10`).
//!
//! ## Why
//! Clause 7-12 limits remote login to managed maintenance; restricting each administrator to
//! the maintenance hosts keeps a stolen password from working anywhere else (CIS FortiGate
//! 2.4.2).
//!
//! ## Example
//! `config system admin` / `edit "admin"` with no `set trusthost1` → MGMT002.

use crate::model::Model;
use crate::rules::msg::AdminWithoutTrustedHosts;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for a in model.accounts.iter().filter(|a| a.admin) {
        if let Some(t) = &a.trusted_hosts {
            cx.examined();
            if t.value.is_empty() {
                cx.report(&format!("admin {}", a.name), &t.origin, AdminWithoutTrustedHosts);
            }
        }
    }
}
