//! ## What it does
//! Flags management protocols that carry passwords or content in clear: telnet, HTTP,
//! FTP/TFTP, and SNMP v1/v2c communities (or SNMPv3 without privacy).
//!
//! ## Why
//! Clause 13-10 requires protection against sniffing of passwords and content between
//! facilities. Telnet and HTTP logins and SNMP community strings are readable by anyone on
//! the path.
//!
//! ## Example
//! Cisco `line vty 0 4` / `transport input telnet` or `snmp-server community public RO`
//! → MGMT003.

use crate::model::{MgmtProtocol, Model};
use crate::rules::msg::CleartextManagementProtocol;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for m in &model.mgmt_services {
        cx.examined();
        if !m.enabled.value {
            continue;
        }
        let what = match m.protocol {
            p if p.is_cleartext() => format!("{p:?}").to_lowercase(),
            MgmtProtocol::Snmp => {
                let v = m.version.as_ref().map_or(2, |v| v.value);
                if v < 3 {
                    if v == 1 {
                        "SNMPv1".to_string()
                    } else {
                        "SNMPv2c".to_string()
                    }
                } else if m.strong_auth.as_ref().is_some_and(|s| !s.value) {
                    "SNMPv3 without privacy (authPriv)".to_string()
                } else {
                    continue;
                }
            }
            _ => continue,
        };
        let origin = if m.enabled.defaulted { &m.enabled.origin } else { &m.origin };
        cx.report(&m.subject, origin, CleartextManagementProtocol { protocol: what });
    }
}
