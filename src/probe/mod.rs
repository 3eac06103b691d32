//! Live TLS probing: two engines that fill the same [`TlsEndpoint`](crate::model::TlsEndpoint)
//! the config parsers produce.
//!
//! - the raw engine ([`client_hello`], [`flight`], [`enumerate`]) writes its own ClientHellos,
//!   reads only the server's first flight, and enumerates versions, suites (with the
//!   server's order) and groups by elimination;
//! - the rustls engine ([`handshake`]) completes a real handshake to record the chain and
//!   to decide client authentication, presenting nothing and then the run's throwaway
//!   certificate ([`client_cert`]), and over HTTPS reads the answer to one request ([`http`]);
//!   where rustls has no key exchange the server accepts (TLS 1.3 with only secp521r1),
//!   kensa's own TLS 1.3 handshake ([`tls13_raw`]) does the same;
//! - [`cert`] collects every chain the server presents (one per key type), [`trust`] judges
//!   them against the system store or `--ca`; [`starttls`] opens SMTP, IMAP, POP3, FTP,
//!   LDAP and RDP connections for TLS; [`scan`] runs many targets with deadlines.

pub mod cert;
pub mod client_auth;
pub mod client_auth_raw;
pub mod client_cert;
pub mod client_hello;
pub mod enumerate;
pub mod flight;
pub mod handshake;
pub mod http;
pub mod registry;
pub mod scan;
pub mod starttls;
pub mod tls13_raw;
pub mod trust;

pub use scan::{parse_targets_file, probe_targets, ProbeOptions, ProbeResult, Target};
pub use starttls::StartTls;

use std::fmt;

/// Why one connection (and so possibly one target) failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeError {
    Resolve(String),
    Refused,
    Timeout {
        ms: u64,
        during: &'static str,
    },
    Flight(flight::FlightError),
    /// The server stopped in the middle of a record or message.
    Truncated {
        bytes: usize,
        how: &'static str,
    },
    Io(String),
    Other(String),
}

impl fmt::Display for ProbeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProbeError::Resolve(s) => write!(f, "cannot resolve: {s}"),
            ProbeError::Refused => write!(f, "connection refused"),
            ProbeError::Timeout { ms, during } => write!(f, "timed out after {ms} ms {during}"),
            ProbeError::Flight(e) => write!(f, "{e}"),
            ProbeError::Truncated { bytes, how } => {
                write!(f, "connection {how} mid-handshake after {bytes} bytes")
            }
            ProbeError::Io(s) => write!(f, "i/o error: {s}"),
            ProbeError::Other(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for ProbeError {}

impl From<flight::FlightError> for ProbeError {
    fn from(e: flight::FlightError) -> Self {
        ProbeError::Flight(e)
    }
}
