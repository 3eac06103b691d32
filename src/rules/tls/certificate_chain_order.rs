//! ## What it does
//! Flags probed servers that send their certificate chain out of issuing order (each
//! certificate must be followed by its issuer, RFC 5246 7.4.2).
//!
//! ## Why
//! Clause 13-6 relies on clients verifying the server certificate; older clients and
//! embedded devices fail on a chain in another order, and then run with verification off.
//!
//! ## Example
//! A chain sent as leaf, root, intermediate → TLS026.

use crate::model::{CertificateState, Model};
use crate::rules::msg::CertificateChainOrder;
use crate::rules::tls::{chain_leaf_name, presented_chains};
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for (ep, chain) in presented_chains(model) {
        if cx.decided(chain.in_order) != Some(false) {
            continue;
        }
        let order: Vec<&str> = chain
            .certificates
            .iter()
            .map(|c| match &c.state {
                CertificateState::Loaded(f) => f.subject.as_str(),
                _ => "?",
            })
            .collect();
        let args = CertificateChainOrder {
            certificate: chain_leaf_name(chain),
            order: order.join(" → "),
        };
        cx.report(&ep.subject, &chain.origin, args);
    }
}
