//! ## What it does
//! Flags endpoints that present a vendor's factory-default certificate (for example
//! FortiGate's `Fortinet_Factory`), which every unit of the product shares or which the
//! vendor's own CA issued for no name of yours.
//!
//! ## Why
//! Clause 13-6 requires that an SSL-VPN "resists fake servers". A factory certificate
//! does not: users are taught to accept a warning, and the same certificate (or one from
//! the same vendor CA) can be presented by any other unit of that product.
//!
//! ## Example
//! FortiGate `set servercert "Fortinet_Factory"` in `config vpn ssl settings` → TLS022.

use crate::model::Model;
use crate::rules::msg::FactoryDefaultCertificate;
use crate::rules::tls::{certificate_name, loaded_leaves};
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for ep in &model.tls_endpoints {
        for (c, f) in loaded_leaves(ep) {
            cx.examined();
            if f.factory_default {
                // A file gets its subject beside it; a certificate with no file (probed, or
                // held by the device) is named by its subject already.
                let name = certificate_name(c, Some(f));
                let shown = if c.file.is_some() { format!("{name} ({})", f.subject) } else { name };
                cx.report(&ep.subject, &c.origin, FactoryDefaultCertificate { certificate: shown });
            }
        }
    }
}
