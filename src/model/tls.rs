//! TLS endpoints: a server block of nginx/Apache/HAProxy, an upstream (client) side, an
//! SSL-VPN portal or admin GUI of an appliance, or a live endpoint measured by the probe.

use super::{Origin, Setting};
use crate::named::named_enum;
use serde::Serialize;
use std::sync::Arc;

named_enum! {
    /// Protocol versions, ordered oldest first. Display names follow design.md.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(into = "&'static str")]
    pub enum TlsVersion {
        Ssl2 => "SSL2.0",
        Ssl3 => "SSL3.0",
        Tls10 => "TLS1.0",
        Tls11 => "TLS1.1",
        Tls12 => "TLS1.2",
        Tls13 => "TLS1.3",
    }
}

impl TlsVersion {
    /// The record-layer / ClientHello version number.
    pub fn wire(self) -> u16 {
        match self {
            TlsVersion::Ssl2 => 0x0002,
            TlsVersion::Ssl3 => 0x0300,
            TlsVersion::Tls10 => 0x0301,
            TlsVersion::Tls11 => 0x0302,
            TlsVersion::Tls12 => 0x0303,
            TlsVersion::Tls13 => 0x0304,
        }
    }

    pub fn from_wire(v: u16) -> Option<Self> {
        TlsVersion::ALL.into_iter().find(|x| x.wire() == v)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsRole {
    /// Accepts TLS connections (a web server, VPN portal, admin GUI, probed endpoint).
    Server,
    /// Opens TLS connections (a reverse proxy to its upstream, a VPN client).
    Client,
}

/// What the TLS endpoint carries; HSTS only makes sense for HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TlsService {
    Http,
    SslVpn,
    AdminGui,
    Other,
    /// The TLS control channel of a VPN (OpenVPN): its protocol versions come from the
    /// VPN's own setting (`tls-version-min`) and are judged by the VPN rules (VPN011), its
    /// suites and groups by the TLS rules.
    VpnControl,
}

/// Whether the server asks for and insists on a client certificate (clause 13-6/13-12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClientAuth {
    Required,
    Optional,
    None,
    /// Could not be told (e.g. the probe saw no decisive answer). Never a pass.
    Unknown,
}

impl ClientAuth {
    pub fn name(self) -> &'static str {
        match self {
            ClientAuth::Required => "required",
            ClientAuth::Optional => "optional",
            ClientAuth::None => "none",
            ClientAuth::Unknown => "unknown",
        }
    }
}

/// A named group (curve or finite-field group), by IANA name and code point.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Group {
    pub code: u16,
    /// The registry name (borrowed from the static table; owned only for unknown codes).
    pub name: std::borrow::Cow<'static, str>,
}

/// HSTS as configured or observed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hsts {
    pub max_age: u64,
    pub include_subdomains: bool,
}

/// A certificate referenced by a config or presented by a server.
#[derive(Debug, Clone, Serialize)]
pub struct Certificate {
    pub origin: Origin,
    /// File path as written in the config (None for probed certificates).
    pub file: Option<String>,
    pub state: CertificateState,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum CertificateState {
    /// Parsed successfully.
    Loaded(CertificateFacts),
    /// The config names a file that is not there (lint runs anywhere; this is info only).
    Missing,
    /// The file exists but could not be read or parsed.
    Unreadable { reason: String },
}

/// What kensa judges about a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateFacts {
    pub subject: String,
    pub issuer: String,
    pub san: Vec<String>,
    /// "RSA", "EC", "Ed25519", "DSA", ...
    pub key_type: String,
    pub key_bits: u32,
    /// e.g. "sha256WithRSAEncryption"
    pub signature: String,
    /// Seconds since the Unix epoch.
    pub not_before: i64,
    pub not_after: i64,
    pub self_signed: bool,
    /// True for a certificate known to be a vendor's factory default (e.g. Fortinet_Factory).
    pub factory_default: bool,
}

/// A certificate chain a probed server presented (one per key type it holds), as sent, and
/// what kensa found about the chain as a whole.
#[derive(Debug, Clone, Serialize)]
pub struct PresentedChain {
    /// The handshake that showed it (version and suite, or the signature schemes offered).
    pub origin: Origin,
    /// Leaf first, in the order the server sent them.
    pub certificates: Vec<Certificate>,
    /// The name the leaf was checked against: the SNI sent, else the IP address probed.
    pub checked_name: String,
    /// False when the target was probed by IP address without SNI.
    pub sni_sent: bool,
    /// Does the leaf cover `checked_name` (RFC 6125)? None when the leaf is unreadable.
    pub name_matches: Option<bool>,
    /// Is each certificate issued by the next one? None when one is unreadable.
    pub in_order: Option<bool>,
    pub trust: ChainTrust,
}

/// Does a presented chain lead to a trust anchor?
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "verdict")]
pub enum ChainTrust {
    /// Chains to an anchor of `store`.
    Trusted { store: TrustStore },
    /// The leaf is self-signed and not itself an anchor of `store`.
    SelfSigned { store: TrustStore },
    /// Does not chain to an anchor of `store`, for `problem`.
    Untrusted { store: TrustStore, problem: TrustProblem },
    /// Not decided: no store could be read, or the chain could not be parsed.
    Unknown { reason: String },
}

/// The trust anchors a chain was judged against: the system's CA bundle, or `--ca FILE`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustStore {
    pub path: String,
    /// True for the system bundle, false for a file given with `--ca`.
    pub system: bool,
}

/// Why a chain does not lead to a trust anchor (the rule words each in both languages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrustProblem {
    /// No anchor issued it: an unknown CA, or an intermediate the server does not send.
    UnknownIssuer,
    /// A signature in the chain does not verify.
    BadSignature,
    /// Signed with an algorithm the verifier refuses (SHA-1, MD5).
    UnsupportedSignature,
    /// Not valid for TLS server authentication (extended key usage, CA flags).
    WrongPurpose,
    /// Anything else the path builder refused, by its name.
    Other(String),
}

/// Accepted cipher suites per protocol version, ordered by version: a map of at most six
/// entries kept as a short sorted list. (A `BTreeMap` allocated a 1 KB node for every
/// endpoint whatever it held: a third of a large config's model.)
#[derive(Debug, Clone, Default)]
pub struct SuitesByVersion(Vec<(TlsVersion, Suites)>);

/// One version's suites (IANA code points, shared) and where they were set.
pub type Suites = Setting<Arc<[u16]>>;
type SuiteEntry<'a> = (&'a TlsVersion, &'a Suites);
/// What iterating a [`SuitesByVersion`] gives: `(&version, &suites)`, as a `BTreeMap` would.
pub type SuitesIter<'a> = std::iter::Map<std::slice::Iter<'a, (TlsVersion, Suites)>, for<'b> fn(&'b (TlsVersion, Suites)) -> SuiteEntry<'b>>;

impl SuitesByVersion {
    /// Sets the suites of `version`, replacing any it had.
    pub fn insert(&mut self, version: TlsVersion, suites: Suites) {
        match self.0.binary_search_by_key(&version, |(v, _)| *v) {
            Ok(i) => self.0[i].1 = suites,
            Err(i) => self.0.insert(i, (version, suites)),
        }
    }

    /// Room for `n` more versions (a parser knows how many it will set).
    pub fn reserve(&mut self, n: usize) {
        self.0.reserve_exact(n);
    }

    pub fn get(&self, version: &TlsVersion) -> Option<&Suites> {
        self.0.iter().find(|(v, _)| v == version).map(|(_, s)| s)
    }

    /// Entries in version order, as `BTreeMap::iter` gives them.
    pub fn iter(&self) -> SuitesIter<'_> {
        self.0.iter().map(|(v, s)| (v, s))
    }

    pub fn values(&self) -> impl Iterator<Item = &Suites> {
        self.0.iter().map(|(_, s)| s)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&TlsVersion, &Suites) -> bool) {
        self.0.retain(|(v, s)| keep(v, s));
    }
}

impl<'a> IntoIterator for &'a SuitesByVersion {
    type Item = SuiteEntry<'a>;
    type IntoIter = SuitesIter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::ops::Index<&TlsVersion> for SuitesByVersion {
    type Output = Suites;
    fn index(&self, version: &TlsVersion) -> &Self::Output {
        self.get(version).expect("no suites for this version")
    }
}

/// Serialised as the map it stands for.
impl Serialize for SuitesByVersion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// One TLS endpoint, as configured or as measured.
#[derive(Debug, Clone, Serialize)]
pub struct TlsEndpoint {
    /// Human name of what this is, e.g. "nginx server example.org:443" or "127.0.0.1:8443".
    pub subject: String,
    pub role: TlsRole,
    pub service: TlsService,
    /// The block that defines the endpoint (server block, VirtualHost, bind line, target).
    pub origin: Origin,
    /// Enabled protocol versions.
    pub versions: Setting<Vec<TlsVersion>>,
    /// Accepted cipher suites (IANA code points) per enabled version, in preference order.
    /// Each version's list names a suite at most once. Shared: a fleet's endpoints repeat a
    /// few lists, derived once per thread.
    pub cipher_suites: SuitesByVersion,
    /// Key-exchange groups offered/accepted, in preference order. None when unknown.
    pub groups: Option<Setting<Arc<[Group]>>>,
    /// Probe: `groups` may miss some the server accepts (the evidence says why).
    pub groups_partial: bool,
    /// Finite-field DH parameter size in bits, when DHE is possible and the size is known.
    pub dh_bits: Option<Setting<u32>>,
    /// Server side: does it demand client certificates. Client side: None.
    pub client_auth: Option<Setting<ClientAuth>>,
    /// Server side: the CA file used to verify client certificates.
    pub client_ca: Option<Setting<String>>,
    /// Probe: the CA names (readable DNs) the server's CertificateRequest lists; an empty
    /// list when it names none. None when no CertificateRequest was seen.
    pub client_ca_names: Option<Setting<Vec<String>>>,
    /// Probe: did the server accept a self-signed client certificate kensa made for the run
    /// (true: any certificate gets in). None when not tried or not decided.
    pub accepts_foreign_client_cert: Option<Setting<bool>>,
    /// Client side: does it verify the server's certificate chain.
    pub verify_peer: Option<Setting<bool>>,
    /// Client side: does it check the server's name (verify_name / SNI match).
    pub verify_name: Option<Setting<bool>>,
    /// Client side: the CA used to verify the server.
    pub trusted_ca: Option<Setting<String>>,
    /// Client side: does it present a client certificate.
    pub presents_client_cert: Option<Setting<bool>>,
    /// Does the server choose the suite (true) or follow the client's order (false).
    pub server_preference: Option<Setting<bool>>,
    pub hsts: Option<Setting<Option<Hsts>>>,
    pub ocsp_stapling: Option<Setting<bool>>,
    /// Probe: TLS compression accepted (CRIME).
    pub compression: Option<Setting<bool>>,
    /// Probe: RFC 5746 secure renegotiation supported.
    pub secure_renegotiation: Option<Setting<bool>>,
    /// End-entity certificates: those a config names, or the leaf of each chain a probed
    /// server presented.
    pub certificates: Vec<Certificate>,
    /// Probe: every chain the server presented, one per key type (empty for configs).
    pub chains: Vec<PresentedChain>,
}

impl TlsEndpoint {
    /// A new endpoint with nothing known beyond its versions.
    pub fn new(subject: String, role: TlsRole, service: TlsService, origin: Origin, versions: Setting<Vec<TlsVersion>>) -> Self {
        TlsEndpoint {
            subject,
            role,
            service,
            origin,
            versions,
            cipher_suites: SuitesByVersion::default(),
            groups: None,
            groups_partial: false,
            dh_bits: None,
            client_auth: None,
            client_ca: None,
            client_ca_names: None,
            accepts_foreign_client_cert: None,
            verify_peer: None,
            verify_name: None,
            trusted_ca: None,
            presents_client_cert: None,
            server_preference: None,
            hsts: None,
            ocsp_stapling: None,
            compression: None,
            secure_renegotiation: None,
            certificates: Vec::new(),
            chains: Vec::new(),
        }
    }

    pub fn enables(&self, v: TlsVersion) -> bool {
        self.versions.value.contains(&v)
    }
}
