//! The raw engine: one TCP connection per ClientHello, read the first flight, close.
//!
//! Enumeration by elimination: per version, offer every candidate usable in it; the server
//! picks one; remove it and offer the rest again, until the server refuses. The picks come
//! out in the server's preference order, and the number of handshakes is (accepted + 1) per
//! version, whatever the registry size. The top two offered reversed after the others tell
//! server order from client order, usually on the hello that ends the elimination. Groups
//! likewise (TLS 1.3: empty key_share, the HelloRetryRequest names the server's pick; TLS
//! 1.2: the ECDHE ServerKeyExchange curve). Where only kensa's own TLS 1.3 handshake can
//! complete the server's groups, it rides on the HelloRetryRequests (`Raw::ride`).

use super::cert::{KeyFamily, Presented};
use super::client_auth_raw::{self, RawAuth};
use super::client_hello::{client_hello_message, frame_records, HelloSpec, KeyShares, GROUP_SECP256R1, GROUP_SECP521R1, GROUP_X25519};
use super::flight::{alert_name, ske_curve, ske_dh_bits, FlightParser, ServerFlight, StopAt};
use super::handshake::{HandshakeOutcome, Present};
use super::registry::{self, Kx};
use super::starttls::StartTls;
use super::tls12_raw;
use super::tls13_raw::{self, Retry};
use super::{Phase, ProbeError};
use crate::model::TlsVersion;
use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{timeout_at, Instant};

/// One endpoint's connection parameters and the handshake counter.
pub struct Conn {
    /// Resolved addresses; the first that accepts a connection is kept for all later ones.
    pub addrs: Vec<SocketAddr>,
    pinned: bool,
    pub sni: Option<String>,
    pub timeout: Duration,
    /// TCP connections opened so far (by both engines).
    pub handshakes: u32,
    /// Plain-text exchange run on every connection before TLS.
    pub starttls: Option<StartTls>,
    /// The Host header of the `GET /` sent after a completed handshake (HTTPS targets).
    pub http_host: Option<String>,
}

impl Conn {
    pub fn new(addr: SocketAddr, sni: Option<String>, timeout: Duration) -> Self {
        Self::with_addrs(vec![addr], sni, timeout)
    }

    pub fn with_addrs(addrs: Vec<SocketAddr>, sni: Option<String>, timeout: Duration) -> Self {
        Conn {
            addrs,
            pinned: false,
            sni,
            timeout,
            handshakes: 0,
            starttls: None,
            http_host: None,
        }
    }

    /// The address in use (the pinned one once a connection succeeded).
    pub fn addr(&self) -> SocketAddr {
        self.addrs[0]
    }

    pub fn timeout_ms(&self) -> u64 {
        self.timeout.as_millis() as u64
    }

    /// Opens a TCP connection with the deadline (and runs the STARTTLS exchange when the
    /// target needs one); counts it. Until one succeeds, a refused
    /// address gives way to the next resolved one (a name may resolve to ::1 and 127.0.0.1).
    pub async fn connect(&mut self, deadline: Instant) -> Result<TcpStream, ProbeError> {
        let ms = self.timeout_ms();
        let mut last = ProbeError::Refused;
        let candidates = if self.pinned { 1 } else { self.addrs.len() };
        for i in 0..candidates {
            self.handshakes += 1;
            let addr = self.addrs[i];
            let r = timeout_at(deadline, TcpStream::connect(addr))
                .await
                .map_err(|_| ProbeError::Timeout { ms, during: Phase::Connecting })
                .and_then(|r| {
                    r.map_err(|e| match e.kind() {
                        ErrorKind::ConnectionRefused => ProbeError::Refused,
                        _ => ProbeError::io(&e),
                    })
                });
            match r {
                Ok(mut s) => {
                    let _ = s.set_nodelay(true);
                    if !self.pinned {
                        self.addrs.swap(0, i);
                        self.pinned = true;
                    }
                    if let Some(proto) = self.starttls {
                        super::starttls::negotiate(&mut s, proto, deadline, ms).await?;
                    }
                    return Ok(s);
                }
                Err(e @ ProbeError::Timeout { .. }) => return Err(e),
                Err(e) => last = e,
            }
        }
        Err(last)
    }
}

/// The server's answer to one ClientHello.
#[derive(Debug)]
pub enum Answer {
    Flight(ServerFlight),
    /// Closed or reset before sending a single byte: a refusal by some servers.
    Closed(&'static str),
}

/// TLS alert `protocol_version` (RFC 5246 7.2.2).
const ALERT_PROTOCOL_VERSION: u8 = 70;

impl Answer {
    /// The alert description, when the answer was an alert and no ServerHello.
    fn alert(&self) -> Option<u8> {
        match self {
            Answer::Flight(f) if f.hello.is_none() => f.alert.map(|(_, d)| d),
            _ => None,
        }
    }

    pub(crate) fn refusal(&self) -> String {
        match self {
            Answer::Closed(how) => format!("connection {how} without answer"),
            Answer::Flight(f) => match (&f.hello, f.alert) {
                (Some(h), _) => match TlsVersion::from_wire(h.version) {
                    Some(v) => format!("server answered with {v}"),
                    None => format!("server answered with version 0x{:04x}", h.version),
                },
                (None, Some((_, d))) => format!("alert {}", alert_name(d)),
                (None, None) => "no ServerHello".into(),
            },
        }
    }
}

/// Sends one ClientHello on a fresh connection and reads the answer.
pub async fn exchange(conn: &mut Conn, hello: &[u8], stop: StopAt) -> Result<Answer, ProbeError> {
    exchange_keep(conn, hello, stop).await.map(|(a, _)| a)
}

/// [`exchange`], keeping the connection open for a caller that goes on with the handshake
/// (None when the server closed it), with the connection's deadline.
pub async fn exchange_keep(conn: &mut Conn, hello: &[u8], stop: StopAt) -> Result<(Answer, Option<(TcpStream, Instant)>), ProbeError> {
    let deadline = Instant::now() + conn.timeout;
    let ms = conn.timeout_ms();
    let mut s = conn.connect(deadline).await?;
    match timeout_at(deadline, s.write_all(hello)).await {
        Err(_) => {
            return Err(ProbeError::Timeout {
                ms,
                during: Phase::SendingHello,
            })
        }
        Ok(Err(e)) if is_reset(&e) => return Ok((Answer::Closed("reset"), None)),
        Ok(Err(e)) => return Err(ProbeError::io(&e)),
        Ok(Ok(())) => {}
    }
    let mut p = FlightParser::new(stop);
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let (n, how) = match timeout_at(deadline, s.read(&mut buf)).await {
            Err(_) => {
                return Err(ProbeError::Timeout {
                    ms,
                    during: Phase::WaitingForAnswer,
                })
            }
            Ok(Ok(0)) => (0, "closed"),
            Ok(Ok(n)) => (n, ""),
            Ok(Err(e)) if is_reset(&e) => (0, "reset"),
            Ok(Err(e)) => return Err(ProbeError::io(&e)),
        };
        if n == 0 {
            let received = p.flight().bytes;
            if received == 0 {
                return Ok((Answer::Closed(how), None));
            }
            // A complete ServerHello followed by a close is still an answer.
            if p.pending() == 0 && p.flight().hello.is_some() {
                return Ok((Answer::Flight(p.into_flight()), None));
            }
            return Err(ProbeError::Truncated { bytes: received, how });
        }
        if p.feed(&buf[..n])? {
            return Ok((Answer::Flight(p.into_flight()), Some((s, deadline))));
        }
    }
}

pub(crate) fn is_reset(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe)
}

/// How the server orders suites, and the handshake that showed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderCheck {
    pub version: TlsVersion,
    /// Offered [second, first] (reversed); `chosen` is what the server took.
    pub offered: [u16; 2],
    pub chosen: u16,
    pub server_order: bool,
}

/// Everything the raw engine measured on one endpoint.
#[derive(Debug, Clone, Default)]
pub struct RawFindings {
    /// Accepted suites per enabled version, in the order the server chose them.
    pub suites: BTreeMap<TlsVersion, Vec<u16>>,
    /// Why each probed version counts as disabled.
    pub refused: BTreeMap<TlsVersion, String>,
    pub order: Option<OrderCheck>,
    /// TLS 1.3 groups in the server's order (HelloRetryRequest picks).
    pub groups13: Vec<u16>,
    /// TLS <= 1.2 ECDHE curves in the server's order (ServerKeyExchange picks).
    pub curves12: Vec<u16>,
    /// Why `curves12` may be incomplete (None: the elimination ran to its end).
    pub curves12_partial: Option<String>,
    /// Smallest DHE prime seen.
    pub dh_bits: Option<u32>,
    /// Compression selected in any TLS <= 1.2 ServerHello (DEFLATE is always offered).
    pub compression: Option<bool>,
    /// renegotiation_info in the first TLS <= 1.2 ServerHello.
    pub secure_renegotiation: Option<bool>,
    pub ocsp_stapling: Option<bool>,
    /// CertificateRequest seen in a TLS <= 1.2 flight (None when no such flight).
    pub certificate_request: Option<bool>,
    /// DER CA names of the first TLS <= 1.2 CertificateRequest seen.
    pub certificate_authorities: Vec<Vec<u8>>,
    /// Chain from the first full TLS <= 1.2 flight at the highest such version.
    pub chain: Vec<Vec<u8>>,
    pub chain_version: Option<TlsVersion>,
    /// Every distinct chain the TLS <= 1.2 flights carried (a server with an RSA and an
    /// ECDSA certificate shows each with the suites that need it).
    pub chains: Vec<Presented>,
    /// Anomalies worth reporting (server picked something not offered, ...).
    pub notes: Vec<String>,
    /// Client-certificate verdicts read on enumeration connections at the highest TLS <= 1.2
    /// version: an empty Certificate first, then the throwaway one.
    pub raw_auth: Vec<(TlsVersion, Present, RawAuth)>,
    /// kensa's own TLS 1.3 handshakes completed on enumeration connections, answering the
    /// HelloRetryRequest of a server whose only groups that handshake alone can do: no
    /// certificate first, then (when one was asked for) the throwaway one.
    pub own13: Vec<(Present, HandshakeOutcome)>,
    /// kensa's own TLS 1.2 handshakes completed on enumeration connections of an HTTPS
    /// target whose flight chose a suite rustls cannot do (AES-CBC, DHE, static RSA), up to
    /// `GET /`: no certificate first, then (when one was asked for) the throwaway one.
    pub own12: Vec<(Present, HandshakeOutcome)>,
    /// Second-certificate checks made on TLS 1.3 HelloRetryRequest connections no other
    /// check rode ([`tls13_raw::ride_chain`]): per key family asked for, the chain the
    /// server presented (None: refused, it holds no certificate of that family), or why
    /// the answer decided nothing.
    pub other13: Vec<(KeyFamily, Result<Option<Presented>, String>)>,
}

impl RawFindings {
    /// The verdict on `present` at `v`, when the enumeration already read it.
    pub fn raw_auth(&self, v: TlsVersion, present: Present) -> Option<&RawAuth> {
        self.raw_auth.iter().find(|(w, p, _)| *w == v && *p == present).map(|(_, _, r)| r)
    }

    /// kensa's own TLS 1.3 handshake presenting `present`, when the enumeration made it.
    pub fn own13(&self, present: Present) -> Option<&HandshakeOutcome> {
        self.own13.iter().find(|(p, _)| *p == present).map(|(_, h)| h)
    }

    /// kensa's own TLS 1.2 handshake presenting `present`, when the enumeration made it.
    pub fn own12(&self, present: Present) -> Option<&HandshakeOutcome> {
        self.own12.iter().find(|(p, _)| *p == present).map(|(_, h)| h)
    }

    /// The decided answer of the enumeration's second-certificate check for `family`: the
    /// chain, or None when the server holds no such certificate.
    pub fn other13(&self, family: KeyFamily) -> Option<Option<&Presented>> {
        self.other13.iter().find_map(|(f, r)| match r {
            Ok(p) if *f == family => Some(p.as_ref()),
            _ => None,
        })
    }
}

/// Where the server-order check looks, first choice first.
const ORDER_VERSIONS: [TlsVersion; 5] = [TlsVersion::Tls12, TlsVersion::Tls13, TlsVersion::Tls11, TlsVersion::Tls10, TlsVersion::Ssl3];

const LEGACY: [TlsVersion; 4] = [TlsVersion::Tls12, TlsVersion::Tls11, TlsVersion::Tls10, TlsVersion::Ssl3];

struct Raw<'c> {
    conn: &'c mut Conn,
    shares: KeyShares,
    f: RawFindings,
    /// The curve of the first ECDHE ServerKeyExchange per version (the server's top pick
    /// from the full list), so curve enumeration can start past it.
    first_curve: BTreeMap<TlsVersion, u16>,
    /// The TLS 1.3 order, when the joint elimination saw it; used when TLS 1.3 is where
    /// the order check looks.
    order13: Option<OrderCheck>,
    /// May the next HelloRetryRequest carry kensa's own TLS 1.3 handshake ([`Raw::ride`])?
    /// Set once the server's groups are known to be only ones that handshake alone can do;
    /// cleared when a ride learned nothing.
    rides: bool,
    /// May a TLS 1.2 flight carry kensa's own TLS 1.2 handshake ([`Raw::ride12`])? Cleared
    /// once a TLS 1.2 flight chose a suite rustls can do (the client-certificate step will
    /// use rustls), or a ride learned nothing.
    rides12: bool,
}

/// Runs the whole raw enumeration on one endpoint.
pub async fn enumerate(conn: &mut Conn) -> Result<RawFindings, ProbeError> {
    let shares = KeyShares::generate().map_err(ProbeError::Internal)?;
    let mut raw = Raw {
        conn,
        shares,
        f: RawFindings::default(),
        first_curve: BTreeMap::new(),
        order13: None,
        rides: false,
        rides12: true,
    };
    if !raw.tls13_suites_and_groups().await? {
        raw.tls13_suites().await?;
    }
    raw.legacy_suites().await?;
    raw.order().await?;
    if raw.f.groups13.is_empty() {
        raw.tls13_groups().await?;
    }
    raw.legacy_curves().await?;
    Ok(raw.f)
}

impl Raw<'_> {
    fn sni(&self) -> Option<String> {
        self.conn.sni.clone()
    }

    async fn hello13(&mut self, suites: &[u16], groups: &[u16], key_shares: &[u16]) -> Result<Answer, ProbeError> {
        let sni = self.sni();
        let spec = HelloSpec {
            version: TlsVersion::Tls13,
            suites,
            groups,
            key_shares,
            sni: sni.as_deref(),
            offer_deflate: false,
        };
        let hello = client_hello_message(&spec, Some(&self.shares));
        let bytes = frame_records(22, 0x0301, &hello);
        let present = self.next_ride();
        let family = self.next_chain_ride();
        if present.is_none() && family.is_none() {
            return exchange(self.conn, &bytes, StopAt::ServerHello).await;
        }
        let (a, stream) = exchange_keep(self.conn, &bytes, StopAt::ServerHello).await?;
        let Some(retry) = self.retry(&a, stream, hello) else {
            return Ok(a);
        };
        match (present, family) {
            (Some(present), _) => self.ride(present, retry).await,
            (None, Some(family)) => {
                let found = tls13_raw::ride_chain(retry, family).await;
                self.f.other13.push((family, found));
            }
            (None, None) => {}
        }
        Ok(a)
    }

    /// The key family the next HelloRetryRequest that carries no client-certificate ride
    /// asks a chain for (ECDSA, then RSA): a TLS 1.3-only server's second certificate is
    /// then known without a connection of its own ([`tls13_raw::ride_chain`]).
    fn next_chain_ride(&self) -> Option<KeyFamily> {
        [KeyFamily::Ecdsa, KeyFamily::Rsa]
            .into_iter()
            .find(|&k| !self.f.other13.iter().any(|(f, _)| *f == k))
    }

    /// What the next ride presents: no certificate, then the throwaway one when the first
    /// showed a CertificateRequest; None when there is nothing left to ride.
    fn next_ride(&self) -> Option<Present> {
        match self.f.own13.as_slice() {
            _ if !self.rides => None,
            [] => Some(Present::Nothing),
            [(Present::Nothing, h)] if h.certificate_requested => Some(Present::Throwaway),
            _ => None,
        }
    }

    /// The HelloRetryRequest `a` as a connection kensa's own TLS 1.3 handshake can go on
    /// on: a group that handshake can do, and no cookie (which would have to be echoed: such
    /// a server gets connections of its own). None otherwise (the connection is dropped).
    fn retry(&self, a: &Answer, stream: Option<(TcpStream, Instant)>, first_hello: Vec<u8>) -> Option<Retry> {
        let (Answer::Flight(f), Some((tcp, deadline))) = (a, stream) else {
            return None;
        };
        let h = f.hello.as_ref().filter(|h| h.hello_retry && h.version == 0x0304)?;
        let (group, unread) = (h.key_share_group?, f.unread.clone()?);
        if !tls13_raw::can_complete(h.suite, group) || h.extensions.contains(&44) {
            return None;
        }
        Some(Retry {
            tcp,
            deadline,
            ms: self.conn.timeout_ms(),
            unread,
            first_hello,
            retry_request: f.messages.clone(),
            suite: h.suite,
            group,
        })
    }

    /// When a hello was answered with a HelloRetryRequest for a group kensa's own TLS 1.3
    /// handshake can do, that handshake goes on on the same connection
    /// ([`tls13_raw::ride`]): the client-certificate checks then cost no connection of their
    /// own. The enumeration's measurement is the HelloRetryRequest, already read.
    async fn ride(&mut self, present: Present, retry: Retry) {
        let http_host = self.conn.http_host.clone();
        match tls13_raw::ride(retry, present, http_host.as_deref()).await {
            Ok(o) => self.f.own13.push((present, o)),
            // Nothing learned: the client-certificate step opens its own connections.
            Err(_) => self.rides = false,
        }
    }

    /// Once the joint elimination knows the TLS 1.3 groups: rides are allowed when every
    /// group is one rustls cannot do and kensa's own handshake can (the client-certificate
    /// step would use that handshake anyway).
    fn allow_rides(&mut self, groups: &[u16]) {
        let rustls = super::client_auth::rustls_groups();
        self.rides = !groups.is_empty() && !groups.iter().any(|g| rustls.contains(g)) && groups.iter().any(|g| tls13_raw::GROUPS.contains(g));
    }

    async fn hello_legacy(&mut self, v: TlsVersion, suites: &[u16], groups: &[u16]) -> Result<Answer, ProbeError> {
        let (a, stream, hello) = self.hello_legacy_keep(v, suites, groups).await?;
        if let (true, Some(_), Answer::Flight(ServerFlight { hello: Some(h), .. })) = (self.rides12, &self.conn.http_host, &a) {
            self.rides12 = h.version != TlsVersion::Tls12.wire() || !super::client_auth::rustls_tls12_suites().contains(&h.suite);
        }
        match self.next_ride12(v, &a) {
            Some(present) => self.ride12(present, &a, stream, &hello).await,
            None => self.drive_client_auth(v, &a, stream).await,
        }
        Ok(a)
    }

    /// What kensa's own TLS 1.2 handshake presents on this connection of an HTTPS target,
    /// in place of the raw drive: no certificate first, then the throwaway one when a
    /// certificate was asked for; None when it does not ride here. It rides only where the
    /// client-certificate step and HSTS will need it: TLS 1.2 is the best version, and no
    /// TLS 1.2 flight chose a suite rustls can do (servers choose those first, by their own
    /// order or kensa's, which lists AEAD suites first), on a flight whose suite and curve
    /// it can complete.
    fn next_ride12(&self, v: TlsVersion, a: &Answer) -> Option<Present> {
        let Answer::Flight(f) = a else { return None };
        let wanted = self.rides12
            && self.conn.http_host.is_some()
            && v == TlsVersion::Tls12
            && !self.f.suites.contains_key(&TlsVersion::Tls13)
            && tls12_raw::completes(f);
        match self.f.own12.as_slice() {
            _ if !wanted => None,
            [] => Some(Present::Nothing),
            [(Present::Nothing, h)] if h.certificate_requested => Some(Present::Throwaway),
            _ => None,
        }
    }

    /// kensa's own TLS 1.2 handshake on an enumeration connection ([`tls12_raw::ride`]):
    /// the enumeration's measurement is the flight, already read.
    async fn ride12(&mut self, present: Present, a: &Answer, stream: Option<(TcpStream, Instant)>, hello: &[u8]) {
        let (Answer::Flight(f), Some(stream)) = (a, stream) else { return };
        let http_host = self.conn.http_host.clone();
        match tls12_raw::ride(stream, self.conn.timeout_ms(), hello, f, present, http_host.as_deref()).await {
            Ok(o) => self.f.own12.push((present, o)),
            // Nothing learned: the client-certificate step opens its own connection.
            Err(_) => self.rides12 = false,
        }
    }

    /// While the client-certificate verdicts at the highest TLS <= 1.2 version are still
    /// missing, a complete flight there with a CertificateRequest is answered on its own
    /// connection: first with an empty Certificate, then (on the next such flight) with the
    /// throwaway one ([`client_auth_raw::drive`]). The client-auth step uses them when
    /// rustls cannot handshake with the server, without connections of its own.
    async fn drive_client_auth(&mut self, v: TlsVersion, a: &Answer, stream: Option<(TcpStream, Instant)>) {
        let Answer::Flight(f) = a else { return };
        let at_v = f.hello.as_ref().is_some_and(|h| h.version == v.wire());
        let highest = self.f.raw_auth.first().is_none_or(|(w, _, _)| *w == v) && !self.f.suites.keys().any(|&w| w > v && w <= TlsVersion::Tls12);
        if !(at_v && f.hello_done && f.certificate_request && highest) || self.f.raw_auth.len() >= 2 {
            return;
        }
        let present = if self.f.raw_auth.is_empty() { Present::Nothing } else { Present::Throwaway };
        // A failure here (no throwaway certificate) leaves the verdict to the client-auth step.
        if let Ok(r) = client_auth_raw::drive(stream, f, v, present, self.conn.timeout_ms()).await {
            self.f.raw_auth.push((v, present, r));
        }
    }

    /// One TLS <= 1.2 hello: the answer, the connection when still open, and the
    /// ClientHello message (for a handshake that goes on there).
    async fn hello_legacy_keep(
        &mut self,
        v: TlsVersion,
        suites: &[u16],
        groups: &[u16],
    ) -> Result<(Answer, Option<(TcpStream, Instant)>, Vec<u8>), ProbeError> {
        let sni = self.sni();
        let spec = HelloSpec {
            version: v,
            suites,
            groups,
            key_shares: &[],
            sni: sni.as_deref(),
            offer_deflate: true,
        };
        let hello = client_hello_message(&spec, None);
        let rv = if v == TlsVersion::Ssl3 { 0x0300 } else { 0x0301 };
        let (a, stream) = exchange_keep(self.conn, &frame_records(22, rv, &hello), StopAt::ServerHelloDone).await?;
        Ok((a, stream, hello))
    }

    /// The suite a TLS 1.3 answer chose (ServerHello or HelloRetryRequest).
    fn tls13_pick(a: &Answer) -> Option<u16> {
        match a {
            Answer::Flight(f) if f.is_tls13() => f.hello.as_ref().map(|h| h.suite),
            _ => None,
        }
    }

    /// TLS 1.3 suites and groups eliminated together. Every hello carries an empty
    /// key_share, so the server answers with a HelloRetryRequest naming its pick of both
    /// (RFC 8446 4.1.4); both picks leave the next offer. Suites + groups take about
    /// max(suites, groups) + 2 connections instead of suites + groups + 2.
    ///
    /// - Once two suites are known, the top two go last and reversed at the end of each
    ///   offer (as in [`Self::legacy_suites`]): the hello that ends the suites also tells
    ///   server order from client order, and a refusal can only be the groups' end.
    /// - A refusal of unknown suites with unknown groups ends whichever list ran out. The
    ///   next hello offers each list's unknown entries first and its known ones after:
    ///   a new suite means the groups had run out, a new group that the suites had, and
    ///   either way the elimination goes on. Only a pick of known ones (a server choosing
    ///   by its own order, or both lists done) leaves it open; then, as when the server is
    ///   known to choose by its own order, the known suites with the remaining groups tell.
    /// - Once the suites are done, the first hello offering the known ones offers the top
    ///   two reversed (the order check for free).
    ///
    /// Returns false, having recorded nothing, when the first hello is refused with an alert
    /// other than `protocol_version`: a server that refuses an empty key_share instead of
    /// asking for one is enumerated the ordinary way ([`Self::tls13_suites`]), at the cost
    /// of one connection.
    async fn tls13_suites_and_groups(&mut self) -> Result<bool, ProbeError> {
        let mut suites_left = registry::suites_for(TlsVersion::Tls13);
        let mut groups_left = registry::groups_tls13();
        let (mut suites, mut groups): (Vec<u16>, Vec<u16>) = (Vec::new(), Vec::new());
        let (mut suites_done, mut groups_done) = (false, false);
        // The last refusal may have been the suites' end or the groups' end: the known
        // suites with the remaining groups are asked next.
        let mut which = false;
        // The last refusal may have been either end: both lists are offered unknown first.
        let mut both = false;
        let mut rides_decided = false;
        while !(suites_done && groups_done) {
            if groups_done && !rides_decided {
                self.allow_rides(&groups);
                rides_decided = true;
            }
            let two = (suites.len() >= 2 && self.order13.is_none()).then(|| [suites[1], suites[0]]);
            let (fold, fold_end) = match two {
                Some(t) if suites_done => (Some(t), None),
                Some(t) if !both => (None, Some(t)),
                _ => (None, None),
            };
            let offer_s: Vec<u16> = match (fold, fold_end) {
                (Some(t), _) => t.into_iter().chain(suites[2..].iter().copied()).collect(),
                _ if suites_done => suites.clone(),
                _ if both => suites_left.iter().chain(&suites).copied().collect(),
                (_, Some(t)) => suites_left.iter().copied().chain(t).collect(),
                _ => suites_left.clone(),
            };
            let offer_g: Vec<u16> = match () {
                _ if groups_done => groups.clone(),
                _ if both => groups_left.iter().chain(&groups).copied().collect(),
                _ => groups_left.clone(),
            };
            let a = self.hello13(&offer_s, &offer_g, &[]).await?;
            let picks = match &a {
                Answer::Flight(f) if f.is_tls13() => f.hello.as_ref().and_then(|h| Some((h.suite, h.key_share_group?))),
                _ => None,
            };
            let Some((s, g)) = picks.filter(|(s, g)| offer_s.contains(s) && offer_g.contains(g)) else {
                if let Some((s, g)) = picks {
                    self.f
                        .notes
                        .push(format!("TLS1.3: server chose suite 0x{s:04X} and group 0x{g:04X}, not both offered"));
                    break;
                }
                if suites.is_empty() {
                    if a.alert().is_some_and(|d| d != ALERT_PROTOCOL_VERSION) {
                        return Ok(false);
                    }
                    self.f.refused.insert(TlsVersion::Tls13, a.refusal());
                    return Ok(true);
                }
                if both {
                    self.f
                        .notes
                        .push(format!("TLS1.3: a hello with the accepted suites and groups was refused ({})", a.refusal()));
                    break;
                }
                if which {
                    // Known suites with the remaining groups refused too: the groups ran
                    // out; whether the suites had is asked next, with the known groups.
                    (which, suites_done, groups_done) = (false, false, true);
                } else if suites_done {
                    groups_done = true;
                } else if groups_done {
                    suites_done = true;
                } else if fold_end.is_some() {
                    // Known suites were offered: the groups ran out.
                    groups_done = true;
                } else if self.order13.as_ref().is_some_and(|o| o.server_order) {
                    (which, suites_done) = (true, true);
                } else {
                    both = true;
                }
                continue;
            };
            which = false;
            let order = |offered: [u16; 2]| OrderCheck {
                version: TlsVersion::Tls13,
                offered,
                chosen: s,
                server_order: s == offered[1],
            };
            if let Some(offered) = fold {
                self.order13 = Some(order(offered));
            }
            let new_s = !suites_done && suites_left.contains(&s);
            let new_g = !groups_done && groups_left.contains(&g);
            if let Some(offered) = fold_end.filter(|t| t.contains(&s)) {
                self.order13 = Some(order(offered));
                // Client order, and none of the suites offered before the two was acceptable.
                suites_done |= s == offered[0];
            }
            if std::mem::take(&mut both) {
                match (new_s, new_g) {
                    (true, false) => groups_done = true,
                    (false, true) => suites_done = true,
                    // Known ones picked: not told; the known suites with the remaining groups.
                    (false, false) => (which, suites_done) = (true, true),
                    (true, true) => {}
                }
            }
            if new_s {
                suites.push(s);
                suites_left.retain(|&x| x != s);
                suites_done |= suites_left.is_empty();
            }
            if new_g {
                groups.push(g);
                groups_left.retain(|&x| x != g);
                groups_done |= groups_left.is_empty();
            }
        }
        if !suites.is_empty() {
            self.f.suites.insert(TlsVersion::Tls13, suites);
        }
        self.f.groups13 = groups;
        Ok(true)
    }

    async fn tls13_suites(&mut self) -> Result<(), ProbeError> {
        let groups = registry::groups_tls13();
        let mut remaining = registry::suites_for(TlsVersion::Tls13);
        let mut accepted = Vec::new();
        loop {
            let a = self.hello13(&remaining, &groups, &[GROUP_X25519, GROUP_SECP256R1]).await?;
            let Some(pick) = Self::tls13_pick(&a) else {
                if accepted.is_empty() {
                    self.f.refused.insert(TlsVersion::Tls13, a.refusal());
                }
                break;
            };
            if !remaining.contains(&pick) {
                self.f.notes.push(format!("TLS1.3: server chose 0x{pick:04X}, which was not offered"));
                break;
            }
            accepted.push(pick);
            remaining.retain(|&s| s != pick);
            if remaining.is_empty() {
                break;
            }
        }
        if !accepted.is_empty() {
            self.f.suites.insert(TlsVersion::Tls13, accepted);
        }
        Ok(())
    }

    async fn legacy_suites(&mut self) -> Result<(), ProbeError> {
        let groups = registry::all_groups();
        // A hello for version v answered with a lower version w is w's first pick.
        let mut carried: Option<(TlsVersion, ServerFlight)> = None;
        for v in LEGACY {
            let mut remaining = registry::suites_for(v);
            let mut accepted = Vec::new();
            loop {
                // Once two suites are known, the top two go last and reversed at the end of
                // each offer, so the hello that ends the elimination also tells server order
                // from client order (see `fold_order`).
                let fold = (accepted.len() >= 2 && self.f.order.is_none() && self.orders_at(v)).then(|| [accepted[1], accepted[0]]);
                let a = match carried.take() {
                    Some((w, f)) if w == v => Answer::Flight(f),
                    _ => {
                        let mut offer = remaining.clone();
                        offer.extend(fold.iter().flatten());
                        self.hello_legacy(v, &offer, &groups).await?
                    }
                };
                let flight = match a {
                    Answer::Flight(f) if f.hello.as_ref().is_some_and(|h| h.version == v.wire()) => f,
                    Answer::Flight(f) if accepted.is_empty() && f.hello.is_some() => {
                        let hv = f.hello.as_ref().map_or(0, |h| h.version);
                        let a = Answer::Flight(f);
                        self.f.refused.insert(v, a.refusal());
                        match TlsVersion::from_wire(hv) {
                            Some(w) if w < v && w >= TlsVersion::Ssl3 => {
                                if let Answer::Flight(f) = a {
                                    carried = Some((w, f));
                                }
                            }
                            _ => self.f.notes.push(format!("{v}: server answered with version 0x{hv:04x}")),
                        }
                        break;
                    }
                    other => {
                        if accepted.is_empty() {
                            self.f.refused.insert(v, other.refusal());
                            if other.alert() == Some(ALERT_PROTOCOL_VERSION) {
                                self.refuse_below(v);
                                return Ok(());
                            }
                        }
                        break;
                    }
                };
                let Some(h) = flight.hello.clone() else { break };
                if let Some(offered) = fold.filter(|o| o.contains(&h.suite)) {
                    self.absorb(v, &flight, false);
                    self.f.order = Some(OrderCheck {
                        version: v,
                        offered,
                        chosen: h.suite,
                        server_order: h.suite == offered[1],
                    });
                    if h.suite == offered[0] {
                        // Client order, and nothing offered before the two was acceptable:
                        // the elimination is complete.
                        break;
                    }
                    continue;
                }
                if !remaining.contains(&h.suite) {
                    self.f.notes.push(format!("{v}: server chose 0x{:04X}, which was not offered", h.suite));
                    break;
                }
                self.absorb(v, &flight, accepted.is_empty());
                accepted.push(h.suite);
                remaining.retain(|&s| s != h.suite);
                if remaining.is_empty() {
                    break;
                }
            }
            if !accepted.is_empty() {
                self.f.suites.insert(v, accepted);
            }
        }
        Ok(())
    }

    /// A `protocol_version` alert to a hello for `v` says the server has no version up to
    /// `v`: a server must answer with the highest version it supports below the client's
    /// (RFC 5246 E.1, RFC 4346 E.1, RFC 2246 E.1). The lower versions are recorded as
    /// refused, with that reason, without a connection each.
    fn refuse_below(&mut self, v: TlsVersion) {
        for w in LEGACY.into_iter().filter(|&w| w < v) {
            let why = format!("not probed: the {v} hello was refused with alert protocol_version, which means no version up to {v}");
            self.f.refused.insert(w, why);
        }
    }

    /// Collects what a TLS <= 1.2 flight shows besides the suite.
    fn absorb(&mut self, v: TlsVersion, flight: &ServerFlight, first_of_version: bool) {
        let Some(h) = &flight.hello else { return };
        let first_legacy = self.f.secure_renegotiation.is_none();
        if first_legacy {
            self.f.secure_renegotiation = Some(h.secure_renegotiation);
            self.f.ocsp_stapling = Some(h.status_request && flight.certificate_status);
        }
        if first_of_version && self.f.chain_version.is_none() && !flight.certificates.is_empty() {
            self.f.chain = flight.certificates.clone();
            self.f.chain_version = Some(v);
        }
        let leaf = flight.certificates.first();
        if leaf.is_some() && !self.f.chains.iter().any(|p| p.chain.first() == leaf) {
            let how = format!("in the {v} handshake choosing {}", registry::suite_name(h.suite));
            self.f.chains.push(Presented {
                how,
                chain: flight.certificates.clone(),
            });
        }
        self.f.compression = Some(self.f.compression.unwrap_or(false) || h.compression != 0);
        if flight.certificate_request && self.f.certificate_request != Some(true) {
            self.f.certificate_authorities = flight.certificate_authorities.clone();
        }
        self.f.certificate_request = Some(self.f.certificate_request.unwrap_or(false) || flight.certificate_request);
        if let Some(ske) = &flight.server_key_exchange {
            match registry::kx(h.suite) {
                Kx::Ecdhe => {
                    if let Some(c) = ske_curve(ske) {
                        self.first_curve.entry(v).or_insert(c);
                    }
                }
                Kx::Dhe => {
                    if let Some(bits) = ske_dh_bits(ske) {
                        self.f.dh_bits = Some(self.f.dh_bits.map_or(bits, |b: u32| b.min(bits)));
                    }
                }
                _ => {}
            }
        }
    }

    /// Is `v` the version the order check uses, as far as the versions enumerated before it
    /// tell (the first of [`ORDER_VERSIONS`] with two accepted suites)?
    fn orders_at(&self, v: TlsVersion) -> bool {
        ORDER_VERSIONS
            .into_iter()
            .take_while(|&w| w != v)
            .all(|w| self.f.suites.get(&w).is_none_or(|s| s.len() < 2))
    }

    /// One handshake offering the top two suites reversed, unless the suite elimination
    /// already told the order on its last hello.
    ///
    /// Folding it into the elimination: the top two picks p1, p2 go reversed at the end of
    /// the offer, after the suites not yet seen. A server choosing by its own order takes
    /// p1 (it ranked p1 above everything else offered); one following the client's order
    /// takes the first acceptable suite offered, so p2 only when none of the others is
    /// acceptable, which also ends the elimination: one connection less.
    async fn order(&mut self) -> Result<(), ProbeError> {
        if self.f.order.is_some() {
            return Ok(());
        }
        let pick = ORDER_VERSIONS.into_iter().find(|v| self.f.suites.get(v).is_some_and(|s| s.len() >= 2));
        let Some(v) = pick else { return Ok(()) };
        if let Some(o) = self.order13.take().filter(|_| v == TlsVersion::Tls13) {
            self.f.order = Some(o);
            return Ok(());
        }
        let s = &self.f.suites[&v];
        let offered = [s[1], s[0]];
        let a = if v == TlsVersion::Tls13 {
            self.hello13(&offered, &registry::groups_tls13(), &[GROUP_X25519, GROUP_SECP256R1]).await?
        } else {
            self.hello_legacy(v, &offered, &registry::all_groups()).await?
        };
        let chosen = match &a {
            Answer::Flight(f) => f.hello.as_ref().map(|h| h.suite),
            _ => None,
        };
        match chosen {
            Some(c) if c == offered[0] || c == offered[1] => {
                self.f.order = Some(OrderCheck {
                    version: v,
                    offered,
                    chosen: c,
                    server_order: c == offered[1],
                });
            }
            _ => self.f.notes.push(format!("{v}: order check inconclusive ({})", a.refusal())),
        }
        Ok(())
    }

    async fn tls13_groups(&mut self) -> Result<(), ProbeError> {
        let Some(suites) = self.f.suites.get(&TlsVersion::Tls13).cloned() else {
            return Ok(());
        };
        let mut remaining = registry::groups_tls13();
        loop {
            // Empty key_share: the server must name its pick in a HelloRetryRequest.
            let a = self.hello13(&suites, &remaining, &[]).await?;
            let g = match &a {
                Answer::Flight(f) if f.is_tls13() => f.hello.as_ref().and_then(|h| h.key_share_group),
                _ => None,
            };
            let Some(g) = g else { break };
            if !remaining.contains(&g) {
                self.f.notes.push(format!("TLS1.3: server selected group 0x{g:04X}, which was not offered"));
                break;
            }
            self.f.groups13.push(g);
            remaining.retain(|&x| x != g);
            if remaining.is_empty() {
                break;
            }
        }
        Ok(())
    }

    async fn legacy_curves(&mut self) -> Result<(), ProbeError> {
        let found = LEGACY.into_iter().find_map(|v| {
            let ecdhe: Vec<u16> = self.f.suites.get(&v)?.iter().copied().filter(|&s| registry::kx(s) == Kx::Ecdhe).collect();
            (!ecdhe.is_empty()).then_some((v, ecdhe))
        });
        let Some((v, ecdhe)) = found else {
            return Ok(());
        };
        // Curves already seen in TLS 1.3 are in the result; offering only the others finds
        // the union with fewer handshakes (the order of shared curves comes from TLS 1.3).
        let mut remaining = registry::curves_tls12();
        remaining.retain(|c| !self.f.groups13.contains(c));
        if let Some(&top) = self.first_curve.get(&v) {
            self.f.curves12.push(top);
            remaining.retain(|&c| c != top);
        }
        // A TLS 1.2 server may use its ECDSA certificate only with a client that lists the
        // certificate's curve (RFC 8422 5.1): once that curve has been eliminated, an ECDSA-only
        // server refuses every later offer. Then the curve is kept last in each offer; a server
        // that follows the client's order picks it only when it has no other curve left.
        let cert_curve = self.ecdsa_certificate_curve();
        let mut keep: Option<u16> = None;
        while !remaining.is_empty() {
            let mut offer = remaining.clone();
            offer.extend(keep);
            let a = self.hello_legacy(v, &ecdhe, &offer).await?;
            let curve = match &a {
                Answer::Flight(f) => f
                    .hello
                    .as_ref()
                    .filter(|h| registry::kx(h.suite) == Kx::Ecdhe)
                    .and(f.server_key_exchange.as_deref())
                    .and_then(ske_curve),
                _ => None,
            };
            match curve {
                Some(c) if remaining.contains(&c) => {
                    self.f.curves12.push(c);
                    remaining.retain(|&x| x != c);
                }
                Some(c) if Some(c) == keep => {
                    if self.f.order.as_ref().is_none_or(|o| o.server_order) {
                        let name = registry::group(c).name;
                        self.f.curves12_partial = Some(format!(
                            "{v}: the server's ECDSA certificate needs {name} in every offer and the server chooses by its own order, so curves it ranks below {name} cannot be seen"
                        ));
                    }
                    break;
                }
                Some(c) => {
                    self.f.notes.push(format!("{v}: server used curve 0x{c:04X}, which was not offered"));
                    break;
                }
                None => match cert_curve.filter(|k| keep.is_none() && !remaining.contains(k)) {
                    Some(k) => keep = Some(k),
                    None => break,
                },
            }
        }
        Ok(())
    }

    /// The named curve of the ECDSA certificate the TLS <= 1.2 flights showed, if any.
    fn ecdsa_certificate_curve(&self) -> Option<u16> {
        self.f.chains.iter().find_map(|p| {
            let f = crate::certs::facts_from_der(p.chain.first()?).ok()?;
            match (f.key_type.as_str(), f.key_bits) {
                ("EC", 256) => Some(GROUP_SECP256R1),
                ("EC", 384) => Some(0x0018),
                ("EC", 521) => Some(GROUP_SECP521R1),
                _ => None,
            }
        })
    }
}
