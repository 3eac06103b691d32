//! ## What it does
//! Flags TLS servers that do not support secure renegotiation (RFC 5746), as seen by the probe.
//!
//! ## Why
//! Clause 13-9 requires protection against message insertion. Without RFC 5746 a man in
//! the middle can splice his own request in front of a victim's session (CVE-2009-3555),
//! and the server treats both as one authenticated conversation — including the client
//! certificate the victim presents during the renegotiation.
//!
//! ## Example
//! `kensa probe 192.0.2.10:443` where the ServerHello carries no `renegotiation_info` → TLS020.

use crate::model::Model;
use crate::rules::msg::InsecureRenegotiation;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in &model.tls_endpoints {
        cx.judge(&ep.subject, ep.secure_renegotiation.as_ref(), |secure| !secure, InsecureRenegotiation);
    }
}
