//! ## What it does
//! Warns about TLS servers for which kensa could not tell whether a client certificate is
//! required (typically a probed endpoint that neither requested a certificate nor rejected
//! the connection in a way that shows the answer).
//!
//! ## Why
//! Clauses 13-6 and 13-12 require client-certificate authentication. "Unknown" is never a
//! pass: the operator has to confirm the setting on the server itself.
//!
//! ## Example
//! `kensa probe 192.0.2.10:443` where the server closed the connection before the answer
//! was visible → TLS010.

use crate::model::{ClientAuth, Model};
use crate::rules::msg::ClientAuthUnknown;
use crate::rules::tls::servers;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in servers(model) {
        cx.judge(&ep.subject, ep.client_auth.as_ref(), |auth| *auth == ClientAuth::Unknown, ClientAuthUnknown);
    }
}
