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
pub mod tls12_kx;
pub mod tls12_raw;
pub mod tls13_raw;
pub mod trust;

pub use scan::{parse_targets_file, probe_targets, NameHint, ProbeFailure, ProbeOptions, ProbeResult, Target};
pub use starttls::StartTls;

use crate::i18n::Lang;
use std::fmt;

/// Why one connection (and so possibly one target) failed. Kept typed until a report
/// renders it in the reader's language ([`ProbeError::message`]); `Display` is the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeError {
    Resolve {
        host: String,
        why: ResolveFailure,
    },
    Refused,
    Timeout {
        ms: u64,
        during: Phase,
    },
    Flight(flight::FlightError),
    /// The server stopped in the middle of a record or message (`how`: closed or reset).
    Truncated {
        bytes: usize,
        how: &'static str,
    },
    /// An I/O error other than a refusal: its kind, and the system's own text.
    Io {
        kind: std::io::ErrorKind,
        text: String,
    },
    /// rustls gave up: its own error text (a library's words, quoted as written).
    Rustls(String),
    /// The rustls handshake's connection ended (`how`: closed, reset, unreadable).
    HandshakeEnded(&'static str),
    /// A STARTTLS step was refused (`said`: the server's answer, quoted), or the connection
    /// closed during it (`said` is `None`).
    StartTls {
        proto: String,
        step: String,
        said: Option<String>,
    },
    /// kensa's own TLS 1.3 handshake (groups rustls lacks, probe/tls13_raw.rs) could not go
    /// on: which step, and the protocol detail (the server's alert, a malformed message).
    OwnTls13(String),
    /// kensa's own TLS 1.2 handshake (AES-CBC, DHE and static RSA suites rustls lacks,
    /// probe/tls12_raw.rs) could not go on: which step, and the protocol detail.
    OwnTls12(String),
    /// The SNI to send is not a name rustls accepts (an IP literal with a port, a bad label).
    SniNotAName(String),
    /// kensa itself could not go on (no async runtime, a lost task, no key shares).
    Internal(String),
}

/// Why a name did not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveFailure {
    TimedOut,
    NoAddress,
    /// The resolver's own text.
    System(String),
}

/// What the probe was doing when its deadline passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Connecting,
    SendingHello,
    WaitingForAnswer,
    RustlsHandshake,
    StartTls,
    Tls13Certificate,
}

impl Phase {
    fn text(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Phase::Connecting => ("接続中", "connecting"),
            Phase::SendingHello => ("ClientHello の送信中", "sending ClientHello"),
            Phase::WaitingForAnswer => ("サーバの応答を待つ間", "waiting for the server's answer"),
            Phase::RustlsHandshake => ("rustls のハンドシェイク中", "in the rustls handshake"),
            Phase::StartTls => ("STARTTLS のやり取り中", "in the STARTTLS exchange"),
            Phase::Tls13Certificate => ("TLS1.3 の証明書を待つ間", "waiting for the TLS1.3 certificate"),
        };
        lang.of((ja, en))
    }
}

/// How a connection ended, in Japanese (`closed`, `reset`, `unreadable`).
fn ended_ja(how: &str) -> &'static str {
    match how {
        "reset" => "リセットされました",
        "unreadable" => "読めなくなりました",
        _ => "閉じられました",
    }
}

impl ProbeError {
    /// From an I/O error that is not a refusal.
    pub fn io(e: &std::io::Error) -> Self {
        ProbeError::Io {
            kind: e.kind(),
            text: e.to_string(),
        }
    }

    /// The failure as a reader of `lang` reads it. Protocol, suite and library names and the
    /// server's or system's own words stay as written.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Ja => match self {
                ProbeError::Resolve { host, why } => match why {
                    ResolveFailure::TimedOut => format!("{host} の名前解決が時間切れになりました"),
                    ResolveFailure::NoAddress => format!("{host} にはアドレスがありません"),
                    ResolveFailure::System(t) => format!("{host} の名前を解決できません (リゾルバの応答: {t})"),
                },
                ProbeError::Refused => "接続を拒否されました".to_string(),
                ProbeError::Timeout { ms, during } => format!("{}に {ms} ミリ秒の期限を過ぎました", during.text(lang)),
                ProbeError::Flight(e) => e.message(lang),
                ProbeError::Truncated { bytes, how } => {
                    format!("ハンドシェイクの途中、{bytes} バイトを受け取ったところで接続が{}", ended_ja(how))
                }
                ProbeError::Io { kind, text } => {
                    use std::io::ErrorKind as K;
                    match kind {
                        K::ConnectionReset => "接続がリセットされました".to_string(),
                        K::ConnectionAborted => "接続が中断されました".to_string(),
                        K::BrokenPipe => "接続が切れていました".to_string(),
                        K::UnexpectedEof => "接続が途中で閉じられました".to_string(),
                        K::AddrNotAvailable => "接続元のアドレスを使えません".to_string(),
                        K::TimedOut => "接続が時間切れになりました".to_string(),
                        _ => format!("入出力エラー (OS の応答: {text})"),
                    }
                }
                ProbeError::Rustls(e) => format!("rustls のハンドシェイクが失敗しました: {e}"),
                ProbeError::HandshakeEnded(how) => format!("rustls のハンドシェイク中に接続が{}", ended_ja(how)),
                ProbeError::StartTls { proto, step, said: Some(said) } => {
                    format!("{proto} の {step} を拒否されました (サーバの応答: {said})")
                }
                ProbeError::StartTls { proto, step, said: None } => format!("{proto} の {step} で接続が閉じられました"),
                ProbeError::OwnTls13(e) => format!("kensa 独自の TLS1.3 ハンドシェイクが続けられませんでした: {e}"),
                ProbeError::OwnTls12(e) => format!("kensa 独自の TLS1.2 ハンドシェイクが続けられませんでした: {e}"),
                ProbeError::SniNotAName(sni) => format!("SNI {sni} は rustls が受け付けるサーバ名ではありません"),
                ProbeError::Internal(e) => format!("kensa の内部エラー: {e}"),
            },
        }
    }
}

impl fmt::Display for ProbeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProbeError::Resolve { host, why } => match why {
                ResolveFailure::TimedOut => write!(f, "cannot resolve: {host}: timed out"),
                ResolveFailure::NoAddress => write!(f, "cannot resolve: {host}: no address"),
                ResolveFailure::System(t) => write!(f, "cannot resolve: {host}: {t}"),
            },
            ProbeError::Refused => write!(f, "connection refused"),
            ProbeError::Timeout { ms, during } => write!(f, "timed out after {ms} ms {}", during.text(Lang::En)),
            ProbeError::Flight(e) => write!(f, "{e}"),
            ProbeError::Truncated { bytes, how } => {
                write!(f, "connection {how} mid-handshake after {bytes} bytes")
            }
            ProbeError::Io { text, .. } => write!(f, "i/o error: {text}"),
            ProbeError::Rustls(e) => write!(f, "rustls handshake: {e}"),
            ProbeError::HandshakeEnded(how) => write!(f, "rustls handshake: connection {how}"),
            ProbeError::StartTls { proto, step, said: Some(said) } => write!(f, "{proto} {step} refused: {said}"),
            ProbeError::StartTls { proto, step, said: None } => write!(f, "{proto} {step}: connection closed"),
            ProbeError::OwnTls13(e) => write!(f, "kensa's own TLS 1.3 handshake: {e}"),
            ProbeError::OwnTls12(e) => write!(f, "kensa's own TLS 1.2 handshake: {e}"),
            ProbeError::SniNotAName(sni) => write!(f, "SNI {sni} is not a valid server name for rustls"),
            ProbeError::Internal(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for ProbeError {}

impl From<flight::FlightError> for ProbeError {
    fn from(e: flight::FlightError) -> Self {
        ProbeError::Flight(e)
    }
}
