//! TLS rules (clauses 13-6, 13-8, 13-9, 13-12): they judge `TlsEndpoint`s, whether parsed
//! from a server config or measured by the probe.

pub mod legacy_protocol;

use crate::model::{TlsEndpoint, TlsVersion};

/// "TLS1.0, TLS1.1" for messages.
pub fn version_list(v: &[TlsVersion]) -> String {
    v.iter().map(|x| x.name()).collect::<Vec<_>>().join(", ")
}

/// IANA names of suites, for messages.
pub fn suite_list(codes: &[u16]) -> String {
    codes
        .iter()
        .map(|c| {
            crate::tls::suites::by_code(*c)
                .map_or_else(|| format!("0x{c:04X}"), |s| s.iana.to_string())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Endpoints that accept connections (servers, portals, probed targets).
pub fn servers(m: &crate::model::Model) -> impl Iterator<Item = &TlsEndpoint> {
    m.tls_endpoints
        .iter()
        .filter(|e| e.role == crate::model::TlsRole::Server)
}
