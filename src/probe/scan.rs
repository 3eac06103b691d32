//! Targets, options, and the concurrent scan that turns measurements into `TlsEndpoint`s.

use super::cert::{self, KeyFamily, Presented};
use super::client_auth::{self, ClientAuthFacts};
use super::client_cert::describe_ca_names;
use super::enumerate::{enumerate, Conn, RawFindings};
use super::starttls::StartTls;
use super::{http, registry, trust, ProbeError, ResolveFailure};
use crate::i18n::Lang;
use crate::model::{Certificate, CertificateState, ClientAuth, Origin, Setting, TlsEndpoint, TlsRole, TlsService, TlsVersion};
use rustls::pki_types::ServerName;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One endpoint to probe: `host[:port]`, IPv6 in brackets when a port follows, optionally
/// behind a STARTTLS protocol (`smtp://host:25`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Name or IP literal, without brackets.
    pub host: String,
    pub port: u16,
    /// Written as `https://host[:port]`: speaks HTTP over TLS whatever the port.
    pub https: bool,
    /// Plain-text exchange before TLS (None: TLS from the first byte).
    pub starttls: Option<StartTls>,
}

impl Target {
    pub const DEFAULT_PORT: u16 = 443;

    /// Ports where a TLS service is taken to be HTTPS unless told otherwise (`https://`
    /// marks any other port): 443, the common alternates 8443 and 4443, 9443 (many admin
    /// consoles) and 10443 (FortiGate SSL-VPN).
    pub const HTTPS_PORTS: [u16; 5] = [443, 8443, 4443, 9443, 10443];

    /// Parses `host`, `host:port`, `1.2.3.4:443`, `[::1]:8443`, `::1`, `[::1]`, each
    /// optionally as `https://...` (with at most a trailing `/`) or after `smtp://`,
    /// `imap://`, `pop3://`, `ftp://`, `ldap://` or `rdp://`.
    pub fn parse(s: &str) -> Result<Target, String> {
        Self::parse_as(s, None)
    }

    /// [`Target::parse`], with `starttls` for targets that name no protocol (`--starttls`).
    /// The default port is the protocol's.
    pub fn parse_as(s: &str, starttls: Option<StartTls>) -> Result<Target, String> {
        let s = s.trim();
        let scheme = s.get(..8).filter(|p| p.eq_ignore_ascii_case("https://"));
        let https = scheme.is_some();
        let s = if https { s[8..].strip_suffix('/').unwrap_or(&s[8..]) } else { s };
        if s.is_empty() {
            return Err("empty target".into());
        }
        let bad = |why: &str| format!("invalid target {s:?}: {why}");
        let (starttls, s) = match s.split_once("://") {
            Some((scheme, rest)) => match StartTls::parse(scheme) {
                Some(p) => (Some(p), rest),
                None => {
                    let known: Vec<&str> = StartTls::ALL.iter().map(|p| p.name()).collect();
                    return Err(bad(&format!("unknown protocol {scheme:?} (known: {})", known.join(", "))));
                }
            },
            None => (starttls, s),
        };
        let default_port = starttls.map_or(Self::DEFAULT_PORT, StartTls::default_port);
        let port_of = |p: &str| p.parse::<u16>().ok().filter(|&p| p != 0).ok_or_else(|| bad("port must be 1-65535"));
        let (host, port) = if let Some(rest) = s.strip_prefix('[') {
            let (h, after) = rest.split_once(']').ok_or_else(|| bad("missing ']'"))?;
            h.parse::<std::net::Ipv6Addr>().map_err(|_| bad("not an IPv6 address in brackets"))?;
            let port = match after {
                "" => default_port,
                p => port_of(p.strip_prefix(':').ok_or_else(|| bad("junk after ']'"))?)?,
            };
            (h.to_string(), port)
        } else if s.matches(':').count() > 1 {
            s.parse::<std::net::Ipv6Addr>().map_err(|_| bad("use [addr]:port for IPv6 with a port"))?;
            (s.to_string(), default_port)
        } else if let Some((h, p)) = s.split_once(':') {
            (h.to_string(), port_of(p)?)
        } else {
            (s.to_string(), default_port)
        };
        if host.parse::<IpAddr>().is_err() {
            let ok = host.len() <= 253
                && host
                    .split('.')
                    .all(|l| !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            if !ok {
                return Err(bad("not a host name or IP address"));
            }
        }
        Ok(Target { host, port, https, starttls })
    }

    pub fn ip(&self) -> Option<IpAddr> {
        self.host.parse().ok()
    }

    /// HTTPS when written `https://` or on one of [`Self::HTTPS_PORTS`]; the probe then
    /// sends one `GET /` after the handshake (client-certificate enforcement, HSTS).
    pub fn service(&self) -> TlsService {
        if self.https || (self.starttls.is_none() && Self::HTTPS_PORTS.contains(&self.port)) {
            TlsService::Http
        } else {
            TlsService::Other
        }
    }

    /// The Host header a browser would send: `sni` or the address, with a port other than 443.
    pub fn host_header(&self, sni: Option<&str>) -> String {
        let host = match (sni, self.ip()) {
            (Some(n), _) => n.to_string(),
            (None, Some(IpAddr::V6(_))) => format!("[{}]", self.host),
            (None, _) => self.host.clone(),
        };
        if self.port == Self::DEFAULT_PORT {
            host
        } else {
            format!("{host}:{}", self.port)
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.starttls {
            write!(f, "{p}://")?;
        }
        match self.ip() {
            Some(IpAddr::V6(_)) => write!(f, "[{}]:{}", self.host, self.port),
            _ => write!(f, "{}:{}", self.host, self.port),
        }
    }
}

/// Parses a `--targets` file: one target per line, `#` starts a comment, blank lines ignored;
/// `starttls` applies to lines that name no protocol. Errors name the line.
pub fn parse_targets_file(text: &str, starttls: Option<StartTls>) -> Result<Vec<Target>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        out.push(Target::parse_as(line, starttls).map_err(|e| format!("line {}: {e}", i + 1))?);
    }
    Ok(out)
}

#[derive(Debug, Clone)]
pub struct ProbeOptions {
    /// Server name to send (SNI) and to match the certificate against; by default the
    /// target's host when it is a name (IP literals send no SNI).
    pub sni: Option<String>,
    /// Endpoints probed at the same time.
    pub concurrency: usize,
    /// Deadline of each connection (connect + hello + answer), in milliseconds.
    pub timeout_ms: u64,
    /// Trust anchors to judge chains against instead of the system store (`--ca FILE`).
    pub ca_file: Option<std::path::PathBuf>,
}

impl Default for ProbeOptions {
    fn default() -> Self {
        ProbeOptions {
            sni: None,
            concurrency: 16,
            timeout_ms: 5000,
            ca_file: None,
        }
    }
}

/// The outcome for one target.
#[derive(Debug, Clone)]
pub struct ProbeResult {
    /// As displayed: `host:port` or `[v6]:port`.
    pub target: String,
    pub endpoint: Option<TlsEndpoint>,
    /// TCP connections (each one ClientHello or one full handshake).
    pub handshakes: u32,
    pub elapsed_ms: u64,
    pub error: Option<ProbeFailure>,
    /// Does the server certificate cover the probed name (SNI or IP)? None when unknown.
    pub name_matches: Option<bool>,
    /// Is the presented chain in issuing order (leaf first)? None when unknown.
    pub chain_in_order: Option<bool>,
    /// Raw-engine anomalies and the client-auth evidence, for verbose output.
    pub notes: Vec<String>,
    /// No version was accepted and no server name (SNI) was sent: the server may answer
    /// only for a name, so the report suggests `--sni NAME`.
    pub try_sni: bool,
}

/// Why a target has no measurement, typed until a report renders it in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeFailure {
    /// Resolving, connecting or a handshake failed.
    Error(ProbeError),
    /// Every version was refused: each version with why (the probe's evidence words), and
    /// what may be the cause when the server wants a name.
    NoVersion { refused: Vec<(String, String)>, hint: NameHint },
}

/// Whether the server name may explain why no version was accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameHint {
    None,
    /// Probed by IP address without SNI.
    NoSni,
    /// The server answered unrecognized_name for this name.
    NameNotServed(String),
}

impl ProbeFailure {
    /// The failure as a reader of `lang` reads it.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ProbeFailure::Error(e) => e.message(lang),
            ProbeFailure::NoVersion { refused, hint } => match lang {
                Lang::En => {
                    let why: Vec<String> = refused.iter().map(|(v, r)| format!("{v}: {r}")).collect();
                    let hint = match hint {
                        NameHint::None => String::new(),
                        NameHint::NoSni => "; probed by IP address without SNI: if the server needs a name, try --sni NAME".to_string(),
                        NameHint::NameNotServed(n) => format!("; the server does not serve the name {n}: check --sni"),
                    };
                    format!("no SSL/TLS version accepted ({}){hint}", why.join("; "))
                }
                Lang::Ja => {
                    // Each refusal in the probe's evidence words, which notes::probe_ja reads.
                    let why: Vec<String> = refused
                        .iter()
                        .map(|(v, r)| {
                            let clause = format!("{v} refused ({r})");
                            crate::i18n::notes::probe_ja(&clause).unwrap_or(clause)
                        })
                        .collect();
                    let hint = match hint {
                        NameHint::None => String::new(),
                        NameHint::NoSni => {
                            "。サーバ名 (SNI) を送らずに IP アドレスへ接続しました。名前が必要なサーバなら --sni 名前 を試してください".to_string()
                        }
                        NameHint::NameNotServed(n) => format!("。サーバは名前 {n} を扱っていません。--sni を確認してください"),
                    };
                    format!("受け入れられた SSL/TLS のバージョンがありません ({}){hint}", why.join("、"))
                }
            },
        }
    }
}

/// The English message.
impl std::fmt::Display for ProbeFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl From<ProbeError> for ProbeFailure {
    fn from(e: ProbeError) -> Self {
        ProbeFailure::Error(e)
    }
}

/// Probes all targets, `opts.concurrency` at a time; results in input order. `progress` is
/// called with the number of finished targets after each one.
pub fn probe_targets(targets: &[Target], opts: &ProbeOptions, progress: Option<&dyn Fn(usize)>) -> Vec<ProbeResult> {
    let rt = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            return targets
                .iter()
                .map(|t| failed(t.to_string(), 0, 0, ProbeError::Internal(format!("cannot start the async runtime: {e}"))))
                .collect()
        }
    };
    rt.block_on(async {
        let sem = Arc::new(tokio::sync::Semaphore::new(opts.concurrency.max(1)));
        let mut set = tokio::task::JoinSet::new();
        for (i, t) in targets.iter().cloned().enumerate() {
            let sem = sem.clone();
            let opts = opts.clone();
            set.spawn(async move {
                let _permit = sem.acquire_owned().await;
                (i, probe_one(&t, &opts).await)
            });
        }
        let mut results: Vec<Option<ProbeResult>> = vec![None; targets.len()];
        let mut done = 0;
        while let Some(r) = set.join_next().await {
            match r {
                Ok((i, res)) => results[i] = Some(res),
                Err(e) => eprintln!("kensa: probe task failed: {e}"),
            }
            done += 1;
            if let Some(p) = progress {
                p(done);
            }
        }
        results
            .into_iter()
            .zip(targets)
            .map(|(r, t)| r.unwrap_or_else(|| failed(t.to_string(), 0, 0, ProbeError::Internal("internal error: probe task lost".into()))))
            .collect()
    })
}

fn failed(target: String, handshakes: u32, elapsed_ms: u64, error: impl Into<ProbeFailure>) -> ProbeResult {
    ProbeResult {
        target,
        endpoint: None,
        handshakes,
        elapsed_ms,
        error: Some(error.into()),
        name_matches: None,
        chain_in_order: None,
        notes: Vec::new(),
        try_sni: false,
    }
}

async fn resolve(t: &Target, timeout: Duration) -> Result<Vec<SocketAddr>, ProbeError> {
    if let Some(ip) = t.ip() {
        return Ok(vec![SocketAddr::new(ip, t.port)]);
    }
    let lookup = tokio::net::lookup_host((t.host.as_str(), t.port));
    let addrs: Vec<SocketAddr> = tokio::time::timeout(timeout, lookup)
        .await
        .map_err(|_| ProbeError::Resolve {
            host: t.host.clone(),
            why: ResolveFailure::TimedOut,
        })?
        .map_err(|e| ProbeError::Resolve {
            host: t.host.clone(),
            why: ResolveFailure::System(e.to_string()),
        })?
        .collect();
    if addrs.is_empty() {
        return Err(ProbeError::Resolve {
            host: t.host.clone(),
            why: ResolveFailure::NoAddress,
        });
    }
    Ok(addrs)
}

/// Probes one target with both engines.
pub async fn probe_one(t: &Target, opts: &ProbeOptions) -> ProbeResult {
    let start = Instant::now();
    let target = t.to_string();
    let timeout = Duration::from_millis(opts.timeout_ms.max(1));
    let addrs = match resolve(t, timeout).await {
        Ok(a) => a,
        Err(e) => return failed(target, 0, start.elapsed().as_millis() as u64, e),
    };
    let sni = opts.sni.clone().or_else(|| t.ip().is_none().then(|| t.host.clone()));
    let mut conn = Conn::with_addrs(addrs, sni.clone(), timeout);
    conn.starttls = t.starttls;
    let http_host = (t.service() == TlsService::Http).then(|| t.host_header(sni.as_deref()));
    conn.http_host = http_host.clone();
    let raw = match enumerate(&mut conn).await {
        Ok(r) => r,
        Err(e) => return failed(target, conn.handshakes, start.elapsed().as_millis() as u64, e),
    };
    if raw.suites.is_empty() {
        let refused: Vec<(String, String)> = raw.refused.iter().map(|(v, r)| (v.to_string(), r.to_string())).collect();
        let hint = match &sni {
            None => NameHint::NoSni,
            Some(n) if refused.iter().any(|(_, r)| r.contains("unrecognized_name")) => NameHint::NameNotServed(n.clone()),
            Some(_) => NameHint::None,
        };
        let failure = ProbeFailure::NoVersion { refused, hint };
        let mut r = failed(target, conn.handshakes, start.elapsed().as_millis() as u64, failure);
        r.try_sni = sni.is_none();
        return r;
    }

    let mut notes = raw.notes.clone();
    let addr = conn.addr();
    let name = match &sni {
        Some(n) => ServerName::try_from(n.clone()).ok(),
        None => Some(ServerName::IpAddress(addr.ip().into())),
    };
    let auth = client_auth::measure(&mut conn, &raw, name, http_host.as_deref(), &mut notes).await;
    let hs = auth.handshake.clone();

    let presented = all_chains(&mut conn, &raw, hs.as_ref(), &sni, &mut notes).await;
    let probed_name = sni.clone().unwrap_or_else(|| addr.ip().to_string());
    let checked = cert::Checked {
        name: &probed_name,
        sni_sent: sni.is_some(),
    };
    let anchors = trust::anchors(opts.ca_file.as_deref());
    if let Err(why) = &anchors {
        notes.push(format!("chain trust not judged: {why}"));
    }
    let mut ep = build_endpoint(t, &target, &raw, &auth, &mut notes);
    ep.chains = cert::to_model(&presented, &target, &checked, &anchors);
    ep.certificates = ep.chains.iter().filter_map(|c| c.certificates.first().cloned()).collect();
    if ep.chains.is_empty() {
        // Never a silent pass: TLS015 says the certificate was not checked, and why.
        let why = notes.iter().rev().find(|n| n.contains("handshake failed")).cloned();
        let reason = format!(
            "no handshake reached the server's Certificate message{}",
            why.map(|w| format!(" ({w})")).unwrap_or_default()
        );
        let state = CertificateState::Unreadable { reason };
        ep.certificates.push(Certificate {
            origin: Origin::probe(&target, "no certificate seen"),
            file: None,
            state,
        });
    }
    let first = ep.chains.first();
    ProbeResult {
        target,
        handshakes: conn.handshakes,
        elapsed_ms: start.elapsed().as_millis() as u64,
        error: None,
        name_matches: first.and_then(|c| c.name_matches),
        chain_in_order: first.and_then(|c| c.in_order),
        endpoint: Some(ep),
        notes,
        try_sni: false,
    }
}

/// Every chain the server presented: the rustls handshake's, then each distinct one of the
/// TLS <= 1.2 flights (one per certificate key type the accepted suites need), then, for a
/// TLS 1.3-only server, the other key type's if it holds one (asked on an enumeration
/// connection when one was free, [`super::tls13_raw::ride_chain`], else on its own).
async fn all_chains(
    conn: &mut Conn,
    raw: &RawFindings,
    hs: Option<&super::handshake::HandshakeOutcome>,
    sni: &Option<String>,
    notes: &mut Vec<String>,
) -> Vec<Presented> {
    let mut all = Vec::new();
    if let Some(h) = hs.filter(|h| !h.chain.is_empty()) {
        let how = format!("in the {} handshake", h.version.map_or("TLS", |v| v.name()));
        cert::add_distinct(&mut all, Presented { how, chain: h.chain.clone() });
    }
    for p in &raw.chains {
        cert::add_distinct(&mut all, p.clone());
    }
    let tls13_only = raw.suites.keys().all(|&v| v == TlsVersion::Tls13) && raw.suites.contains_key(&TlsVersion::Tls13);
    let families: Vec<Option<KeyFamily>> = all.iter().map(|p| KeyFamily::of(&p.chain[0])).collect();
    if let (true, [Some(seen)]) = (tls13_only, families.as_slice()) {
        let name = match sni {
            Some(n) => ServerName::try_from(n.clone()).ok(),
            None => Some(ServerName::IpAddress(conn.addr().ip().into())),
        };
        let found = match (raw.other13(seen.other()), client_auth::own_tls13(raw), name) {
            // Answered on an enumeration connection: no connection of its own.
            (Some(known), _, _) => Some(Ok(known.cloned())),
            (None, Some(plan), _) => Some(super::tls13_raw::other_chain(conn, &plan, *seen).await),
            (None, None, Some(name)) => Some(cert::other_tls13_chain(conn, name, *seen).await),
            (None, None, None) => {
                notes.push(format!(
                    "TLS1.3 second-certificate check not done: SNI {sni:?} is not a valid server name for rustls"
                ));
                None
            }
        };
        match found {
            Some(Ok(Some(p))) => cert::add_distinct(&mut all, p),
            Some(Err(e)) => notes.push(format!("TLS1.3 second-certificate check failed: {e}")),
            Some(Ok(None)) | None => {}
        }
    }
    all
}

fn build_endpoint(t: &Target, target: &str, raw: &RawFindings, auth: &ClientAuthFacts, notes: &mut Vec<String>) -> TlsEndpoint {
    let o = |ev: &str| Origin::probe(target, ev);
    let versions: Vec<TlsVersion> = raw.suites.keys().copied().collect();
    let refused: Vec<String> = raw.refused.iter().map(|(v, r)| format!("{v} refused ({r})")).collect();
    let names: Vec<&str> = versions.iter().map(|v| v.name()).collect();
    let mut ev = format!("ServerHello for {}", names.join(", "));
    if !refused.is_empty() {
        ev.push_str("; ");
        ev.push_str(&refused.join("; "));
    }
    let mut ep = TlsEndpoint::new(
        target.to_string(),
        TlsRole::Server,
        t.service(),
        o(&format!("probed endpoint {target}")),
        Setting::explicit(versions.clone(), o(&ev)),
    );
    for (v, suites) in &raw.suites {
        let names: Vec<String> = suites.iter().map(|&s| registry::suite_name(s)).collect();
        let ev = format!("{v}: server chose, in this order, {}", names.join(", "));
        ep.cipher_suites.insert(*v, Setting::explicit(suites.as_slice().into(), o(&ev)));
    }

    let mut groups = raw.groups13.clone();
    for c in &raw.curves12 {
        if !groups.contains(c) {
            groups.push(*c);
        }
    }
    if !groups.is_empty() {
        let g: Vec<_> = groups.iter().map(|&c| registry::group(c)).collect();
        let mut parts = Vec::new();
        if !raw.groups13.is_empty() {
            let n: Vec<String> = raw.groups13.iter().map(|&c| registry::group(c).name.into_owned()).collect();
            parts.push(format!("TLS1.3 HelloRetryRequest picks: {}", n.join(", ")));
        }
        if !raw.curves12.is_empty() {
            let n: Vec<String> = raw.curves12.iter().map(|&c| registry::group(c).name.into_owned()).collect();
            parts.push(format!("ECDHE ServerKeyExchange curves: {}", n.join(", ")));
        }
        if let Some(why) = &raw.curves12_partial {
            parts.push(format!("list may be partial: {why}"));
            notes.push(format!("groups partial: {why}"));
            ep.groups_partial = true;
        }
        ep.groups = Some(Setting::explicit(g.into(), o(&parts.join("; "))));
    }
    if let Some(bits) = raw.dh_bits {
        ep.dh_bits = Some(Setting::explicit(bits, o(&format!("DHE ServerKeyExchange prime of {bits} bits"))));
    }
    if let Some(ord) = &raw.order {
        let ev = format!(
            "{}: offered {} before {}, server chose {}",
            ord.version,
            registry::suite_name(ord.offered[0]),
            registry::suite_name(ord.offered[1]),
            registry::suite_name(ord.chosen)
        );
        ep.server_preference = Some(Setting::explicit(ord.server_order, o(&ev)));
    }
    let legacy = versions.iter().any(|&v| v <= TlsVersion::Tls12);
    // A yes or no the handshake showed, with the evidence that says which.
    let answer = |value: bool, yes: &str, no: &str| Some(Setting::explicit(value, o(if value { yes } else { no })));
    if let Some(c) = raw.compression {
        ep.compression = answer(c, "ServerHello selected DEFLATE compression", "DEFLATE offered, null compression selected");
    } else if !legacy {
        ep.compression = Some(Setting::explicit(false, o("TLS1.3 only: no compression in TLS 1.3")));
    }
    if let Some(r) = raw.secure_renegotiation {
        ep.secure_renegotiation = answer(r, "renegotiation_info in ServerHello", "no renegotiation_info in ServerHello");
    } else if !legacy {
        ep.secure_renegotiation = Some(Setting::explicit(true, o("TLS1.3 only: renegotiation does not exist in TLS 1.3")));
    }
    if let Some(s) = raw.ocsp_stapling {
        ep.ocsp_stapling = answer(s, "CertificateStatus (OCSP) stapled", "status_request sent, no OCSP response stapled");
    } else if let Some((stapled, TlsVersion::Tls13)) = auth.handshake.as_ref().and_then(|h| h.ocsp_stapled.zip(h.version)) {
        // A TLS 1.3-only server: the raw engine saw no first flight in clear, the rustls
        // handshake saw the Certificate message and its status_request extension.
        let (yes, no) = (
            "TLS1.3 Certificate: OCSP response stapled",
            "TLS1.3: status_request sent, no OCSP response stapled",
        );
        ep.ocsp_stapling = answer(stapled, yes, no);
    }

    // Client authentication.
    notes.push(format!("client auth {}: {}", auth.client_auth.name(), auth.evidence));
    ep.client_auth = Some(Setting::explicit(auth.client_auth, o(&auth.evidence)));
    if let Some(names) = &auth.ca_names {
        let ev = format!("CertificateRequest {}", describe_ca_names(names));
        ep.client_ca_names = Some(Setting::explicit(names.clone(), o(&ev)));
    }
    if let Some((accepted, ev)) = &auth.accepts_foreign {
        ep.accepts_foreign_client_cert = Some(Setting::explicit(*accepted, o(ev)));
    }

    // HSTS, from the answer to a request the server let through.
    if ep.service == TlsService::Http {
        match (&auth.http, &auth.http_missing) {
            (Some(a), _) if a.refuses() && auth.client_auth == ClientAuth::Required => {
                notes.push(format!("{} without a client certificate ({})", http::HSTS_NOT_JUDGED_REFUSED, a.describe()));
            }
            (Some(a), _) if a.hsts.is_none() && a.status >= 400 => {
                notes.push(format!(
                    "{} {} without the header, and some servers (nginx add_header without `always`) add it only to successful answers",
                    http::HSTS_NOT_JUDGED_ERROR_ANSWER,
                    a.describe()
                ));
            }
            (Some(a), _) => {
                let ev = match &a.hsts {
                    Some(v) => format!("{} to GET /: Strict-Transport-Security: {v}", a.describe()),
                    None => format!("{} to GET /: no Strict-Transport-Security header", a.describe()),
                };
                ep.hsts = Some(Setting::explicit(a.hsts.as_deref().and_then(http::parse_hsts), o(&ev)));
            }
            (None, Some(why)) => notes.push(format!("HSTS not judged: no HTTP answer ({why})")),
            (None, None) => notes.push("HSTS not judged: no HTTPS request could be sent (no handshake kensa can complete)".to_string()),
        }
    }

    ep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_forms() {
        let t = |s: &str| Target::parse(s).map(|t| (t.host, t.port));
        assert_eq!(t("example.org"), Ok(("example.org".into(), 443)));
        assert_eq!(t("example.org:8443"), Ok(("example.org".into(), 8443)));
        assert_eq!(t("127.0.0.1:2762"), Ok(("127.0.0.1".into(), 2762)));
        assert_eq!(t("[::1]:8443"), Ok(("::1".into(), 8443)));
        assert_eq!(t("[::1]"), Ok(("::1".into(), 443)));
        assert_eq!(t("::1"), Ok(("::1".into(), 443)));
        assert!(t("example.org:0").is_err());
        assert!(t("example.org:99999").is_err());
        assert!(t("[::1]x").is_err());
        assert!(t("exa mple.org").is_err());
        assert!(t("").is_err());
        assert_eq!(Target::parse("[::1]:8443").unwrap().to_string(), "[::1]:8443");
        assert_eq!(Target::parse("h:443").unwrap().service(), TlsService::Http);
        assert_eq!(Target::parse("h:2762").unwrap().service(), TlsService::Other);
        assert_eq!(Target::parse("h:10443").unwrap().service(), TlsService::Http);
        let h = Target::parse("HTTPS://[::1]:2762/").unwrap();
        assert_eq!((h.host.as_str(), h.port, h.service()), ("::1", 2762, TlsService::Http));
        assert_eq!(h.to_string(), "[::1]:2762");
        assert_eq!(h.host_header(None), "[::1]:2762");
        assert_eq!(h.host_header(Some("portal.example")), "portal.example:2762");
        assert_eq!(Target::parse("https://portal.example").unwrap().host_header(None), "portal.example");
        assert!(t("https://").is_err());
        assert!(t("https://h/path").is_err());
    }

    #[test]
    fn targets_file() {
        let ts = parse_targets_file("# lab\n127.0.0.1:8443\n\n  [::1]:443  # v6\nportal.example\n", None).unwrap();
        assert_eq!(ts.len(), 3);
        assert_eq!(ts[2].port, 443);
        let e = parse_targets_file("ok:1\nbad:port\n", None).unwrap_err();
        assert!(e.starts_with("line 2:"), "{e}");
    }
}
