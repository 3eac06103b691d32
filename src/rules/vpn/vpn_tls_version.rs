//! ## What it does
//! Flags TLS-based VPNs (OpenVPN control channel) whose minimum TLS version is below 1.2
//! (error) or exactly 1.2 (warning: allowed only as a documented exception). OpenVPN 2.6
//! defaults to 1.2 when `tls-version-min` is absent.
//!
//! ## Why
//! Clause 13-6 asks TLS VPNs over open networks to use TLS 1.3, allowing TLS 1.2 only where
//! 1.3 is infeasible; TLS 1.0/1.1 are outside every CRYPTREC profile but the exception one.
//!
//! ## Example
//! `tls-version-min 1.0` → VPN011 (error); `tls-version-min 1.3` passes.

use crate::model::{Model, TlsVersion};
use crate::rules::msg::VpnTlsVersion;
use crate::rules::{Checker, Severity};

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        let Some(v) = &t.tls_min_version else { continue };
        cx.examined();
        let severity = match v.value {
            TlsVersion::Tls13 => continue,
            TlsVersion::Tls12 => Severity::Warning,
            _ => Severity::Error,
        };
        // "TLS1.2" as the message writes it: "TLS 1.2".
        let version = v.value.name().replacen("TLS", "TLS ", 1);
        cx.report_as(severity, &t.subject, &v.origin, VpnTlsVersion { version });
    }
}
