//! ## What it does
//! Notes TLS clients (a reverse proxy towards its upstream, a sync client) that present no
//! client certificate, so the upstream cannot authenticate them by certificate.
//!
//! ## Why
//! Clause 13-12 asks for mutual authentication between communicating parties, including
//! outsourced services. When the proxy presents a certificate, the upstream can refuse
//! everything that is not the proxy. Info only: the upstream may authenticate the proxy in
//! another way kensa cannot see.
//!
//! ## Example
//! `proxy_pass https://pacs.internal;` without `proxy_ssl_certificate` → TLS017.

use crate::model::Model;
use crate::rules::msg::UpstreamWithoutClientCertificate;
use crate::rules::tls::clients;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in clients(model) {
        let presents = ep.presents_client_cert.as_ref();
        cx.judge(&ep.subject, presents, |presents| !presents, UpstreamWithoutClientCertificate);
    }
}
