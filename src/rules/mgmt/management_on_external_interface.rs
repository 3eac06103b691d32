//! ## What it does
//! Flags management services (telnet, SSH, HTTP(S), SNMP, vendor management) that answer on
//! an interface facing the internet (error) or on every interface with no host restriction
//! (warning).
//!
//! ## Why
//! Clause 7-12 allows remote login only for managed maintenance, and 13-11 asks for devices
//! chosen and configured with external threats in mind. A login page or SSH port on the WAN
//! is scanned within minutes; the FortiGate in the Handa hospital case exposed both.
//!
//! ## Example
//! FortiOS `edit "wan1"` / `set allowaccess ping https ssh` → MGMT001 for https and ssh.

use crate::model::{MgmtProtocol, Model, Reachability};
use crate::rules::{Checker, Severity};

pub fn check(model: &Model, cx: &mut Checker) {
    for m in &model.mgmt_services {
        if !m.enabled.value || m.protocol == MgmtProtocol::Ftp || m.protocol == MgmtProtocol::Tftp {
            continue;
        }
        match &m.reachable_from.value {
            Reachability::External(ifname) => {
                cx.report(&m.subject, &m.reachable_from.origin, vec![("where", ifname.clone())]);
            }
            Reachability::Unrestricted => {
                cx.report_as(Severity::Warning, &m.subject, &m.reachable_from.origin, vec![("where", "any".into())]);
            }
            _ => {}
        }
    }
}
