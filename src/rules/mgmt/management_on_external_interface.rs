//! ## What it does
//! Flags management services (telnet, SSH, HTTP(S), SNMP, vendor management) that answer on
//! an interface facing the internet (error) or with no host restriction (warning). Only the
//! first says "internet side": the parsers mark an interface outward only where the config
//! says so (FortiOS `role wan`, Cisco `ip nat outside` or the default route's egress, YAMAHA
//! `pp` / `nat descriptor`, a public or carrier-assigned address); an unrestricted service
//! elsewhere is "not restricted to maintenance hosts" (7-12), without the internet claim.
//! That holds inside too: a service opened on an inside interface or zone (FortiOS `role
//! lan`, a YAMAHA `telnetd host lan1`, an SRX zone's `host-inbound-traffic`, a PAN-OS
//! profile on a trust interface, an ASA `nameif inside`) and not limited to maintenance
//! hosts answers every PC on that network, the path ransomware takes once one PC is in
//! (warning, naming the interfaces).
//!
//! ## Why
//! Clause 7-12 allows remote login only for managed maintenance, and 13-11 asks for devices
//! chosen and configured with external threats in mind. A login page or SSH port on the WAN
//! is scanned within minutes; the FortiGate in the Handa hospital case exposed both.
//!
//! ## Example
//! FortiOS `edit "wan1"` / `set allowaccess ping https ssh` → MGMT001 for https and ssh.

use crate::model::{MgmtProtocol, Model, Reachability};
use crate::rules::msg::ManagementOnExternalInterface;
use crate::rules::{Checker, Severity};

crate::i18n::terms! {
    /// Who can reach the service (the message's predicate after the service's name).
    enum Reach {
        Internet { ifname: String } => "がインターネット側 ({ifname}) から接続できる状態です", "accepts connections from the internet side ({ifname})";
        Anyone => "の接続元が保守端末に限定されていません (接続元の制限がありません)", "is not restricted to maintenance hosts (no source restriction)";
        Inside { ifname: String } => "の接続元が保守端末に限定されていません ({ifname} 側のどの端末からも接続できます)", "is not restricted to maintenance hosts (any host on the {ifname} side can connect)";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for m in &model.mgmt_services {
        if !m.enabled.value || m.protocol == MgmtProtocol::Ftp || m.protocol == MgmtProtocol::Tftp {
            continue;
        }
        cx.examined();
        match &m.reachable_from.value {
            Reachability::External(ifname) => {
                let message = ManagementOnExternalInterface {
                    reach: Reach::Internet { ifname: ifname.clone() }.into(),
                };
                cx.report(&m.subject, &m.reachable_from.origin, message)
            }
            Reachability::Unrestricted => {
                let message = ManagementOnExternalInterface { reach: Reach::Anyone.into() };
                cx.report_as(Severity::Warning, &m.subject, &m.reachable_from.origin, message)
            }
            // Inside, only logins and SNMP: FortiAP control (capwap) and FortiManager (fgfm)
            // talk to the FortiGate from its own network by design.
            Reachability::Internal(_) if m.protocol == MgmtProtocol::Other => {}
            Reachability::Internal(ifname) => {
                let message = ManagementOnExternalInterface {
                    reach: Reach::Inside { ifname: ifname.clone() }.into(),
                };
                cx.report_as(Severity::Warning, &m.subject, &m.reachable_from.origin, message)
            }
            Reachability::Restricted(_) => {}
        }
    }
}
