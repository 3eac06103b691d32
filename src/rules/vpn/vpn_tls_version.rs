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

use crate::model::Model;
use crate::rules::{Checker, Severity};

pub fn check(model: &Model, cx: &mut Checker) {
    for t in &model.vpn_tunnels {
        let Some(v) = &t.tls_min_version else { continue };
        cx.examined();
        let n = v.value.trim();
        let version: f32 = n.parse().unwrap_or(0.0);
        if version >= 1.3 {
            continue;
        }
        let severity = if (version - 1.2).abs() < 0.01 { Severity::Warning } else { Severity::Error };
        cx.report_as(severity, &t.subject, &v.origin, vec![("version", crate::cat!("TLS ", n))]);
    }
}
