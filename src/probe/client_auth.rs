//! Client authentication, decided by what the server does with what the probe presents.
//!
//! 1. A handshake presenting no certificate (rustls at the best version it can do with the
//!    server; over HTTPS followed by `GET /`): refused (certificate alert, or an HTTP
//!    refusal such as nginx's 400) → `required`; let in → `optional`; no
//!    CertificateRequest → `none`; nothing decisive → `unknown` (a finding, never a pass).
//! 2. When a certificate was requested, a handshake presenting the run's throwaway
//!    self-signed certificate: let in → the server accepts *any* certificate (TLS009).
//!
//! When rustls cannot complete a handshake with the server: TLS 1.3 with only secp521r1 is
//! done by kensa's own TLS 1.3 handshake ([`tls13_raw`]), to the same verdicts; TLS 1.2 with
//! only AES-CBC, DHE or static RSA suites over HTTPS by kensa's own TLS 1.2 handshake
//! ([`tls12_raw`](super::tls12_raw)), up to the HTTP answer; for the rest of TLS <= 1.2
//! (those suites on other services, CAMELLIA, 3DES, ...) the raw engine drives the handshake far
//! enough to see the verdict on the client Certificate
//! ([`client_auth_raw`](super::client_auth_raw)). Every verdict carries evidence saying how
//! it was reached.

use super::client_auth_raw;
use super::client_cert::ca_names;
use super::enumerate::{Conn, RawFindings};
use super::handshake::{self, Answer, HandshakeOutcome, Present};
use super::http::HttpAnswer;
use super::tls12_raw;
use super::tls13_raw::{self, Plan};
use super::ProbeError;
use crate::model::{ClientAuth, TlsVersion};
use rustls::pki_types::ServerName;

/// What was measured about client authentication (and, over HTTPS, the service's answer).
#[derive(Debug, Clone)]
pub struct ClientAuthFacts {
    pub client_auth: ClientAuth,
    pub evidence: String,
    /// CA names of the CertificateRequest; None when none was seen.
    pub ca_names: Option<Vec<String>>,
    /// Did the server let the throwaway self-signed certificate in, and what showed it.
    pub accepts_foreign: Option<(bool, String)>,
    /// The first rustls handshake (chain, negotiated parameters), when one completed.
    pub handshake: Option<HandshakeOutcome>,
    /// Answer to `GET /` without a client certificate (HTTPS targets).
    pub http: Option<HttpAnswer>,
    /// Why an HTTPS target gave no HTTP answer to judge.
    pub http_missing: Option<String>,
}

/// Key-exchange groups the rustls engine can complete (from the provider, not a list here).
pub(crate) fn rustls_groups() -> Vec<u16> {
    rustls::crypto::ring::default_provider().kx_groups.iter().map(|g| u16::from(g.name())).collect()
}

/// TLS 1.2 suites the rustls engine can complete.
pub(crate) fn rustls_tls12_suites() -> Vec<u16> {
    rustls::crypto::ring::default_provider()
        .cipher_suites
        .iter()
        .filter(|s| s.version() == &rustls::version::TLS12)
        .map(|s| u16::from(s.suite()))
        .collect()
}

/// Why rustls cannot handshake at `v` with this server, or None when it can (as far as
/// the raw engine's measurements tell).
fn rustls_blocked(raw: &RawFindings, v: TlsVersion) -> Option<String> {
    let groups = rustls_groups();
    let names = |codes: &[u16]| {
        codes
            .iter()
            .map(|&c| super::registry::group(c).name.into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let suites = raw.suites.get(&v)?;
    match v {
        TlsVersion::Tls13 if !raw.groups13.is_empty() && !raw.groups13.iter().any(|g| groups.contains(g)) => Some(format!(
            "TLS1.3 offers only {}, a key exchange kensa's TLS library cannot complete",
            names(&raw.groups13)
        )),
        TlsVersion::Tls12 => {
            let ok = rustls_tls12_suites();
            if !suites.iter().any(|s| ok.contains(s)) {
                Some("TLS1.2 accepts only suites kensa's TLS library cannot complete (CBC, static RSA, DHE, ...)".into())
            } else if !raw.curves12.is_empty() && !raw.curves12.iter().any(|g| groups.contains(g)) {
                Some(format!(
                    "TLS1.2 offers only the curves {}, which kensa's TLS library cannot complete",
                    names(&raw.curves12)
                ))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The plan for kensa's own TLS 1.3 handshake when rustls cannot do the server's TLS 1.3
/// and that handshake can.
pub fn own_tls13(raw: &RawFindings) -> Option<Plan> {
    match Engine::for_version(raw, TlsVersion::Tls13, false) {
        Ok(Engine::Own13(plan)) => Some(plan),
        _ => None,
    }
}

/// The engine that completes handshakes with the server at one version.
#[derive(Debug, Clone)]
enum Engine {
    Rustls(TlsVersion),
    /// kensa's own TLS 1.3 handshake, for a group rustls cannot do.
    Own13(Plan),
    /// kensa's own TLS 1.2 handshake, for AES-CBC, DHE and static RSA suites rustls cannot
    /// do (HTTPS only: on other services the raw engine's verdict at the client Certificate
    /// is the answer).
    Own12(tls12_raw::Plan),
}

impl Engine {
    /// The engine for `v` (`https`: on an HTTPS target), or why none can complete a
    /// handshake there.
    fn for_version(raw: &RawFindings, v: TlsVersion, https: bool) -> Result<Engine, String> {
        match (rustls_blocked(raw, v), v) {
            (None, _) => Ok(Engine::Rustls(v)),
            (Some(why), TlsVersion::Tls13) => Plan::for_server(raw).map(Engine::Own13).ok_or(why),
            (Some(why), TlsVersion::Tls12) if https => tls12_raw::Plan::for_server(raw).map(Engine::Own12).ok_or(why),
            (Some(why), _) => Err(why),
        }
    }

    fn name(&self) -> String {
        match self {
            Engine::Rustls(v) => format!("rustls {v}"),
            Engine::Own13(plan) => format!("kensa's own TLS1.3 ({})", super::registry::group(plan.group).name),
            Engine::Own12(_) => "kensa's own TLS1.2".to_string(),
        }
    }

    /// One handshake. rustls needs the server name as a valid `ServerName` (None: the SNI is
    /// not one); kensa's own handshake sends the SNI as it is.
    /// kensa's own handshake made on an enumeration connection (answering its
    /// HelloRetryRequest, or going on from its TLS 1.2 flight) is reused, not repeated.
    async fn handshake(
        &self,
        conn: &mut Conn,
        raw: &RawFindings,
        name: Option<ServerName<'static>>,
        present: Present,
        http_host: Option<&str>,
    ) -> Result<HandshakeOutcome, ProbeError> {
        let done = match self {
            Engine::Own13(_) => raw.own13(present),
            Engine::Own12(_) => raw.own12(present),
            Engine::Rustls(_) => None,
        };
        if let Some(done) = done {
            return Ok(done.clone());
        }
        match (self, name) {
            (Engine::Rustls(v), Some(name)) => handshake::probe(conn, name, *v, present, http_host).await,
            (Engine::Rustls(_), None) => Err(ProbeError::SniNotAName(format!("{:?}", conn.sni))),
            (Engine::Own13(plan), _) => tls13_raw::probe(conn, plan, present, http_host).await,
            (Engine::Own12(plan), _) => tls12_raw::probe(conn, plan, present, http_host).await,
        }
    }
}

/// Measures client authentication on one endpoint. `name` is what rustls sends (None when
/// the SNI is not a valid name); `http_host` is set for HTTPS targets.
pub async fn measure(
    conn: &mut Conn,
    raw: &RawFindings,
    name: Option<ServerName<'static>>,
    http_host: Option<&str>,
    notes: &mut Vec<String>,
) -> ClientAuthFacts {
    let cr12 = raw.certificate_request == Some(true);
    let mut facts = ClientAuthFacts {
        client_auth: ClientAuth::Unknown,
        evidence: String::new(),
        ca_names: None,
        accepts_foreign: None,
        handshake: None,
        http: None,
        http_missing: None,
    };
    let mut blocked = Vec::new();
    let mut failed = Vec::new();

    // 1. A handshake (rustls, or kensa's own TLS 1.3 for the groups rustls lacks) presenting
    //    nothing: TLS 1.3 first, TLS 1.2 when 1.3 is not there or failed
    //    and the handshake has something to show (a CertificateRequest, a chain, HTTP).
    let mut used = None;
    for v in [TlsVersion::Tls13, TlsVersion::Tls12] {
        if !raw.suites.contains_key(&v) {
            continue;
        }
        if v == TlsVersion::Tls12 && !(cr12 || raw.chain.is_empty() || http_host.is_some()) {
            break;
        }
        let engine = match Engine::for_version(raw, v, http_host.is_some()) {
            Ok(e) => e,
            Err(why) => {
                blocked.push(why);
                continue;
            }
        };
        if matches!(engine, Engine::Rustls(_)) && name.is_none() {
            notes.push(format!("SNI {:?} is not a valid server name for rustls", conn.sni));
            break;
        }
        match engine.handshake(conn, raw, name.clone(), Present::Nothing, http_host).await {
            Ok(h) if h.answer == Answer::Undecided && cr12 && v == TlsVersion::Tls13 => {
                notes.push(format!("client auth undecided at TLS1.3: {}", h.evidence));
                facts.handshake.get_or_insert(h);
            }
            Ok(h) => {
                used = Some(engine);
                facts.handshake = Some(h);
                break;
            }
            Err(e) => failed.push(format!("{} handshake failed: {e}", engine.name())),
        }
    }
    notes.extend(failed.iter().chain(&blocked).cloned());
    // Why no handshake decided, for the evidence of an "unknown".
    blocked.append(&mut failed);

    if let Some(h) = facts.handshake.clone() {
        facts.http = h.http.clone();
        facts.http_missing = h.http_missing.clone();
        if h.certificate_requested {
            facts.ca_names = Some(h.ca_names.clone());
        }
        facts.client_auth = match h.answer {
            Answer::NotAsked => ClientAuth::None,
            Answer::Accepted => ClientAuth::Optional,
            Answer::Refused => ClientAuth::Required,
            Answer::Undecided => ClientAuth::Unknown,
        };
        facts.evidence = h.evidence.clone();
    }

    // 1b. No rustls verdict, but a CertificateRequest in clear: the raw engine decides.
    let mut raw_version = None;
    if used.is_none() && cr12 && facts.client_auth != ClientAuth::Required {
        let legacy = raw.suites.keys().rev().copied().find(|&v| v <= TlsVersion::Tls12);
        if let Some(v) = legacy {
            match raw_verdict(conn, raw, v, Present::Nothing).await {
                Ok(r) => {
                    raw_version = Some(v);
                    facts.ca_names = Some(ca_names(r.ca_der.iter().map(Vec::as_slice)));
                    let (let_in, ev) = raw_outcome(&r, http_host.is_some());
                    facts.client_auth = match let_in {
                        Some(false) => ClientAuth::Required,
                        Some(true) => ClientAuth::Optional,
                        None => ClientAuth::Unknown,
                    };
                    facts.evidence = ev;
                }
                Err(e) => notes.push(format!("raw {v} client-certificate check failed: {e}")),
            }
        }
    }
    if facts.ca_names.is_none() && cr12 {
        facts.ca_names = Some(ca_names(raw.certificate_authorities.iter().map(Vec::as_slice)));
    }
    if facts.evidence.is_empty() {
        (facts.client_auth, facts.evidence) = if raw.certificate_request == Some(false) && !raw.suites.contains_key(&TlsVersion::Tls13) {
            (ClientAuth::None, "no CertificateRequest in the TLS<=1.2 handshake".to_string())
        } else if blocked.is_empty() {
            (ClientAuth::Unknown, "not observed".to_string())
        } else {
            (ClientAuth::Unknown, format!("not observed: {}", blocked.join("; ")))
        };
    }

    // 2. A certificate was asked for: does a self-signed one get in?
    if facts.ca_names.is_some() {
        facts.accepts_foreign = foreign(conn, raw, name, used, raw_version, http_host, notes).await;
    }
    facts
}

/// A raw-engine answer as "let in?": Some(false) refused, Some(true) let in, None not
/// decided. Over HTTPS a TLS-level "let in" is not the whole truth (the service may refuse
/// above TLS, and no handshake kensa can complete shows it), so it stays undecided.
/// The raw engine's verdict on presenting `present` at `v`: the one the enumeration already
/// read, else a handshake of its own.
async fn raw_verdict(conn: &mut Conn, raw: &RawFindings, v: TlsVersion, present: Present) -> Result<client_auth_raw::RawAuth, ProbeError> {
    match raw.raw_auth(v, present) {
        Some(known) => Ok(known.clone()),
        None => client_auth_raw::probe(conn, v, &raw.suites[&v], present).await,
    }
}

fn raw_outcome(r: &client_auth_raw::RawAuth, https: bool) -> (Option<bool>, String) {
    match r.answer {
        Answer::Refused => (Some(false), r.evidence.clone()),
        Answer::Accepted if !https => (Some(true), r.evidence.clone()),
        Answer::Accepted => (
            None,
            format!(
                "{}; the TLS layer let it through, but whether the HTTPS service refuses it above TLS could not be checked (no handshake kensa can complete)",
                r.evidence
            ),
        ),
        Answer::NotAsked | Answer::Undecided => (None, r.evidence.clone()),
    }
}

/// Presents the throwaway certificate with the engine that decided step 1.
async fn foreign(
    conn: &mut Conn,
    raw: &RawFindings,
    name: Option<ServerName<'static>>,
    used: Option<Engine>,
    raw_version: Option<TlsVersion>,
    http_host: Option<&str>,
    notes: &mut Vec<String>,
) -> Option<(bool, String)> {
    let (accepted, ev) = if let Some(engine) = used {
        match engine.handshake(conn, raw, name, Present::Throwaway, http_host).await {
            Ok(h) => match h.answer {
                Answer::Accepted => (Some(true), h.evidence),
                Answer::Refused => (Some(false), h.evidence),
                _ => (None, h.evidence),
            },
            Err(e) => (None, format!("{} handshake failed: {e}", engine.name())),
        }
    } else if let Some(v) = raw_version {
        match raw_verdict(conn, raw, v, Present::Throwaway).await {
            Ok(r) => {
                let (let_in, ev) = raw_outcome(&r, http_host.is_some());
                (let_in, ev)
            }
            Err(e) => (None, format!("raw {v} handshake failed: {e}")),
        }
    } else {
        (None, "no handshake kensa can complete with this server".to_string())
    };
    match accepted {
        Some(a) => Some((a, ev)),
        None => {
            notes.push(format!("self-signed client certificate: not decided ({ev})"));
            None
        }
    }
}
