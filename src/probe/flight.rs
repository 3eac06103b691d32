//! Record reassembly and parsing of the server's first flight, with strict size limits.
//!
//! Pure (no I/O) so that it can be fuzzed: bytes go in through [`FlightParser::feed`] in
//! whatever pieces the network delivers, and the parser says when it has seen enough.
//! Handshake messages are parsed with `tls-parser`; extensions of the ServerHello are walked
//! here (a few fixed layouts).

use std::fmt;

/// Largest record body accepted (TLSCiphertext may carry 2^14 + 2048).
pub const MAX_RECORD: usize = 16384 + 2048;
/// Largest single handshake message accepted (a Certificate chain of this size is already
/// absurd; real chains are under 20 KiB).
pub const MAX_HANDSHAKE_MSG: usize = 128 * 1024;
/// Largest first flight (all handshake bytes up to ServerHelloDone).
pub const MAX_FLIGHT: usize = 192 * 1024;

/// The special ServerHello.random of a HelloRetryRequest (RFC 8446 4.1.3).
pub const HRR_RANDOM: [u8; 32] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e,
    0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlightError {
    /// The peer does not speak TLS (HTTP, SSH banner, SSLv2, random bytes).
    NotTls(String),
    /// TLS framing, but something no conforming server sends.
    Protocol(String),
    /// A length beyond the limits above.
    TooLarge(String),
}

impl FlightError {
    /// The error as a reader of `lang` reads it; the detail (bytes, record and message
    /// names as the wire has them) stays as written.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match (lang, self) {
            (crate::i18n::Lang::En, _) => self.to_string(),
            (_, FlightError::NotTls(s)) => format!("TLS の応答ではありません (受け取ったもの: {s})"),
            (_, FlightError::Protocol(s)) => format!("TLS のプロトコル違反です (内容: {s})"),
            (_, FlightError::TooLarge(s)) => format!("応答が大きすぎます (内容: {s})"),
        }
    }
}

impl fmt::Display for FlightError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlightError::NotTls(s) => write!(f, "not TLS: {s}"),
            FlightError::Protocol(s) => write!(f, "TLS protocol violation: {s}"),
            FlightError::TooLarge(s) => write!(f, "response too large: {s}"),
        }
    }
}

/// What the ServerHello (or HelloRetryRequest) said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerHello {
    /// legacy_version field.
    pub legacy_version: u16,
    /// The negotiated version: supported_versions when present, else legacy_version.
    pub version: u16,
    pub suite: u16,
    pub compression: u8,
    pub hello_retry: bool,
    /// TLS 1.3: group of the key_share (ServerHello) or selected_group (HRR).
    pub key_share_group: Option<u16>,
    /// TLS 1.3 ServerHello: the server's key_exchange bytes (its public key share).
    pub key_share: Vec<u8>,
    /// renegotiation_info present (RFC 5746).
    pub secure_renegotiation: bool,
    /// status_request acknowledged (OCSP stapling will follow).
    pub status_request: bool,
    pub extensions: Vec<u16>,
}

/// The server's answer to one ClientHello, as far as it was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerFlight {
    /// First fatal alert (level, description), if the server sent one.
    pub alert: Option<(u8, u8)>,
    pub hello: Option<ServerHello>,
    /// DER certificates of a TLS <= 1.2 Certificate message, as presented.
    pub certificates: Vec<Vec<u8>>,
    pub certificate_request: bool,
    /// DER names of the CAs the CertificateRequest lists (certificate_authorities).
    pub certificate_authorities: Vec<Vec<u8>>,
    /// Raw ServerKeyExchange parameters (interpreted by the caller, who knows the suite).
    pub server_key_exchange: Option<Vec<u8>>,
    pub certificate_status: bool,
    pub hello_done: bool,
    /// Total bytes received.
    pub bytes: usize,
    /// The handshake messages read, as received (headers included), for a client that goes
    /// on with the handshake on the same connection: its transcript goes on from them. A
    /// HelloRetryRequest is the only message of its flight (RFC 8446 4.4.1,
    /// [`tls13_raw`](super::tls13_raw)); a TLS <= 1.2 flight runs from the ServerHello to
    /// the ServerHelloDone ([`tls12_raw`](super::tls12_raw)).
    pub messages: Vec<u8>,
    /// Bytes received after the parser stopped (the start of the next record), when they
    /// are whole records' worth or less of the stream; None when a handshake message was cut
    /// in the middle, where nobody can go on reading.
    pub unread: Option<Vec<u8>>,
}

impl ServerFlight {
    pub fn is_tls13(&self) -> bool {
        self.hello.as_ref().is_some_and(|h| h.version == 0x0304)
    }
}

/// When the parser may stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopAt {
    ServerHello,
    ServerHelloDone,
}

/// Hands the whole frames at the front of `buf` to `each`, with their type and body, and
/// removes them: a frame is a `header`-byte header, from which `frame` reads the type and
/// the body's length (or refuses the frame), then the body. Stops at a frame not yet
/// complete (Ok(false): more bytes are needed), or when `each` says the flight is complete
/// (Ok(true)) or fails.
fn take_frames(
    buf: &mut Vec<u8>,
    header: usize,
    frame: impl Fn(&[u8]) -> Result<(u8, usize), FlightError>,
    mut each: impl FnMut(u8, &[u8]) -> Result<bool, FlightError>,
) -> Result<bool, FlightError> {
    let mut off = 0;
    let res = loop {
        let rest = &buf[off..];
        if rest.len() < header {
            break Ok(false);
        }
        let (typ, len) = match frame(&rest[..header]) {
            Ok(f) => f,
            Err(e) => break Err(e),
        };
        if rest.len() < header + len {
            break Ok(false);
        }
        off += header + len;
        match each(typ, &rest[header..header + len]) {
            Ok(false) => {}
            done => break done,
        }
    };
    buf.drain(..off);
    res
}

/// A TLS record header: content type (20..=24), major version 3, body length.
fn record_header(h: &[u8]) -> Result<(u8, usize), FlightError> {
    let (ct, major, len) = (h[0], h[1], u16::from_be_bytes([h[3], h[4]]) as usize);
    if !(20..=24).contains(&ct) || major != 3 {
        return Err(FlightError::Protocol(format!("bad record header {h:02x?}")));
    }
    if len > MAX_RECORD {
        return Err(FlightError::TooLarge(format!("record length {len} > {MAX_RECORD}")));
    }
    Ok((ct, len))
}

/// A handshake message header: type, 24-bit body length.
fn message_header(h: &[u8]) -> Result<(u8, usize), FlightError> {
    let (typ, len) = (h[0], u32::from_be_bytes([0, h[1], h[2], h[3]]) as usize);
    if len > MAX_HANDSHAKE_MSG {
        return Err(FlightError::TooLarge(format!(
            "handshake message type {typ} of {len} bytes > {MAX_HANDSHAKE_MSG}"
        )));
    }
    Ok((typ, len))
}

pub struct FlightParser {
    stop: StopAt,
    rec: Vec<u8>,
    hs: Vec<u8>,
    hs_total: usize,
    flight: ServerFlight,
    done: bool,
}

impl FlightParser {
    pub fn new(stop: StopAt) -> Self {
        FlightParser {
            stop,
            rec: Vec::new(),
            hs: Vec::new(),
            hs_total: 0,
            flight: ServerFlight::default(),
            done: false,
        }
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Bytes received so far that were not yet a complete record or message.
    pub fn pending(&self) -> usize {
        self.rec.len() + self.hs.len()
    }

    pub fn flight(&self) -> &ServerFlight {
        &self.flight
    }

    pub fn into_flight(mut self) -> ServerFlight {
        self.flight.unread = self.hs.is_empty().then(|| std::mem::take(&mut self.rec));
        self.flight
    }

    /// Feeds received bytes; returns Ok(true) once enough has been seen.
    pub fn feed(&mut self, data: &[u8]) -> Result<bool, FlightError> {
        if self.done {
            return Ok(true);
        }
        if self.flight.bytes == 0 && !data.is_empty() {
            sniff(data)?;
        }
        self.flight.bytes += data.len();
        self.rec.extend_from_slice(data);
        // Out of `self` while its records are read, so that reading one can borrow `self`.
        let mut rec = std::mem::take(&mut self.rec);
        let res = take_frames(&mut rec, 5, record_header, |ct, body| self.record(ct, body));
        self.rec = rec;
        if let Ok(true) = res {
            self.done = true;
        }
        res
    }

    fn record(&mut self, ct: u8, body: &[u8]) -> Result<bool, FlightError> {
        match ct {
            21 => {
                if body.len() < 2 {
                    return Err(FlightError::Protocol("short alert".into()));
                }
                let (level, desc) = (body[0], body[1]);
                // Warnings other than close_notify (e.g. unrecognized_name) do not end the flight.
                if level == 1 && desc != 0 {
                    return Ok(false);
                }
                self.flight.alert = Some((level, desc));
                Ok(true)
            }
            22 => {
                self.hs_total += body.len();
                if self.hs_total > MAX_FLIGHT {
                    return Err(FlightError::TooLarge(format!("handshake flight over {MAX_FLIGHT} bytes")));
                }
                self.hs.extend_from_slice(body);
                self.messages()
            }
            20 => Ok(false), // ChangeCipherSpec (TLS 1.3 middlebox compatibility)
            23 => {
                if self.flight.hello.is_none() {
                    Err(FlightError::Protocol("application data before ServerHello".into()))
                } else {
                    Ok(true)
                }
            }
            _ => Ok(false), // heartbeat
        }
    }

    fn messages(&mut self) -> Result<bool, FlightError> {
        let mut hs = std::mem::take(&mut self.hs);
        let res = take_frames(&mut hs, 4, message_header, |typ, body| self.message(typ, body));
        self.hs = hs;
        res
    }

    fn message(&mut self, typ: u8, body: &[u8]) -> Result<bool, FlightError> {
        if self.flight.hello.is_none() && typ != 2 {
            return Err(FlightError::Protocol(format!("handshake message {typ} before ServerHello")));
        }
        self.flight.messages.push(typ);
        self.flight.messages.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
        self.flight.messages.extend_from_slice(body);
        match typ {
            2 => {
                if self.flight.hello.is_some() {
                    return Err(FlightError::Protocol("second ServerHello".into()));
                }
                let sh = parse_server_hello(body)?;
                let stop = sh.hello_retry || sh.version == 0x0304 || self.stop == StopAt::ServerHello;
                self.flight.hello = Some(sh);
                Ok(stop)
            }
            11 => {
                let (_, msg) = tls_parser::parse_tls_handshake_msg_certificate(body).map_err(|_| FlightError::Protocol("malformed Certificate".into()))?;
                if let tls_parser::TlsMessageHandshake::Certificate(c) = msg {
                    self.flight.certificates = c.cert_chain.iter().map(|c| c.data.to_vec()).collect();
                }
                Ok(false)
            }
            12 => {
                self.flight.server_key_exchange = Some(body.to_vec());
                Ok(false)
            }
            13 => {
                let (_, msg) =
                    tls_parser::parse_tls_handshake_msg_certificaterequest(body).map_err(|_| FlightError::Protocol("malformed CertificateRequest".into()))?;
                if let tls_parser::TlsMessageHandshake::CertificateRequest(cr) = msg {
                    self.flight.certificate_authorities = cr.unparsed_ca.iter().map(|n| n.to_vec()).collect();
                }
                self.flight.certificate_request = true;
                Ok(false)
            }
            14 => {
                self.flight.hello_done = true;
                Ok(true)
            }
            22 => {
                self.flight.certificate_status = true;
                Ok(false)
            }
            _ => Ok(false),
        }
    }
}

/// Recognises answers that are not TLS at all, for a useful error message.
fn sniff(data: &[u8]) -> Result<(), FlightError> {
    let b = data[0];
    if (20..=24).contains(&b) {
        return Ok(());
    }
    if b & 0x80 != 0 && data.len() >= 3 && data[2] == 4 {
        return Err(FlightError::NotTls("SSLv2 ServerHello (SSL 2.0 only server)".into()));
    }
    let head: String = data.iter().take(16).map(|&c| if (0x20..0x7f).contains(&c) { c as char } else { '.' }).collect();
    let printable = data
        .iter()
        .take(16)
        .filter(|c| (0x20..0x7f).contains(*c) || **c == b'\r' || **c == b'\n')
        .count();
    if printable * 2 > data.len().min(16) {
        Err(FlightError::NotTls(format!("server sent text {head:?}")))
    } else {
        Err(FlightError::NotTls(format!("first bytes {:02x?}", &data[..data.len().min(8)])))
    }
}

pub(crate) fn parse_server_hello(body: &[u8]) -> Result<ServerHello, FlightError> {
    let bad = |what: &str| FlightError::Protocol(format!("malformed ServerHello ({what})"));
    let sh = tls_parser::parse_tls_handshake_server_hello(body).map_err(|_| bad("layout"))?.1;
    let hello_retry = sh.random == HRR_RANDOM;
    let mut out = ServerHello {
        legacy_version: sh.version.0,
        version: sh.version.0,
        suite: sh.cipher.0,
        compression: sh.compression.0,
        hello_retry,
        key_share_group: None,
        key_share: Vec::new(),
        secure_renegotiation: false,
        status_request: false,
        extensions: Vec::new(),
    };
    let mut ext = sh.ext.unwrap_or(&[]);
    while !ext.is_empty() {
        if ext.len() < 4 {
            return Err(bad("extension header"));
        }
        let typ = u16::from_be_bytes([ext[0], ext[1]]);
        let len = u16::from_be_bytes([ext[2], ext[3]]) as usize;
        let data = ext.get(4..4 + len).ok_or_else(|| bad("extension length"))?;
        ext = &ext[4 + len..];
        if out.extensions.contains(&typ) {
            return Err(bad("duplicate extension"));
        }
        out.extensions.push(typ);
        match typ {
            43 => {
                if data.len() != 2 {
                    return Err(bad("supported_versions"));
                }
                out.version = u16::from_be_bytes([data[0], data[1]]);
            }
            51 => {
                if data.len() < 2 {
                    return Err(bad("key_share"));
                }
                out.key_share_group = Some(u16::from_be_bytes([data[0], data[1]]));
                // ServerHello: group(2), key_exchange<1..2^16-1>; HRR: the group alone. A
                // share of the wrong length stays empty (the enumeration needs only the group).
                if let [_, _, a, b, key @ ..] = data {
                    if key.len() == usize::from(u16::from_be_bytes([*a, *b])) {
                        out.key_share = key.to_vec();
                    }
                }
            }
            0xff01 => out.secure_renegotiation = true,
            5 => out.status_request = true,
            _ => {}
        }
    }
    if out.version == 0x0304 && out.legacy_version != 0x0303 {
        return Err(bad("TLS 1.3 with legacy_version other than 1.2"));
    }
    Ok(out)
}

/// Named curve of an ECDHE ServerKeyExchange.
pub fn ske_curve(ske: &[u8]) -> Option<u16> {
    // ECParameters: curve_type(1) = named_curve(3), namedcurve(2)
    match ske {
        [3, a, b, ..] => Some(u16::from_be_bytes([*a, *b])),
        _ => None,
    }
}

/// Prime size in bits of a DHE ServerKeyExchange.
pub fn ske_dh_bits(ske: &[u8]) -> Option<u32> {
    let (_, p) = tls_parser::parse_dh_params(ske).ok()?;
    let prime = p.dh_p;
    let lead = prime.iter().position(|&b| b != 0)?;
    let first = prime[lead];
    Some(((prime.len() - lead - 1) * 8) as u32 + (8 - first.leading_zeros()))
}

/// Human name of an alert description.
pub fn alert_name(desc: u8) -> String {
    let n = match desc {
        0 => "close_notify",
        10 => "unexpected_message",
        20 => "bad_record_mac",
        22 => "record_overflow",
        40 => "handshake_failure",
        42 => "bad_certificate",
        43 => "unsupported_certificate",
        46 => "certificate_unknown",
        47 => "illegal_parameter",
        48 => "unknown_ca",
        49 => "access_denied",
        50 => "decode_error",
        51 => "decrypt_error",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        90 => "user_canceled",
        109 => "missing_extension",
        110 => "unsupported_extension",
        112 => "unrecognized_name",
        116 => "certificate_required",
        120 => "no_application_protocol",
        _ => return format!("alert {desc}"),
    };
    n.to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A TLS 1.2 ServerHello record for `suite` with the given extensions.
    pub fn server_hello_record(version: u16, random: [u8; 32], suite: u16, exts: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut body = vec![];
        body.extend_from_slice(&version.to_be_bytes());
        body.extend_from_slice(&random);
        body.push(0);
        body.extend_from_slice(&suite.to_be_bytes());
        body.push(0);
        let mut e = vec![];
        for (t, d) in exts {
            e.extend_from_slice(&t.to_be_bytes());
            e.extend_from_slice(&(d.len() as u16).to_be_bytes());
            e.extend_from_slice(d);
        }
        body.extend_from_slice(&(e.len() as u16).to_be_bytes());
        body.extend_from_slice(&e);
        handshake_record(2, &body)
    }

    pub fn handshake_record(typ: u8, body: &[u8]) -> Vec<u8> {
        let mut m = vec![typ];
        m.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
        m.extend_from_slice(body);
        crate::probe::client_hello::frame_records(22, 0x0303, &m)
    }

    #[test]
    fn parses_tls12_flight_byte_by_byte() {
        let mut bytes = server_hello_record(0x0303, [7; 32], 0xc02f, &[(0xff01, vec![0]), (11, vec![1, 0])]);
        bytes.extend(handshake_record(13, &[1, 1, 0, 2, 4, 1, 0, 0]));
        bytes.extend(handshake_record(14, &[]));
        let mut p = FlightParser::new(StopAt::ServerHelloDone);
        let mut done = false;
        for b in &bytes {
            done = p.feed(std::slice::from_ref(b)).unwrap();
        }
        assert!(done);
        let f = p.into_flight();
        let h = f.hello.as_ref().unwrap();
        assert_eq!((h.version, h.suite, h.secure_renegotiation), (0x0303, 0xc02f, true));
        assert!(f.certificate_request && f.hello_done);
    }

    #[test]
    fn recognises_hrr_and_tls13() {
        let b = server_hello_record(0x0303, HRR_RANDOM, 0x1302, &[(43, vec![3, 4]), (51, vec![0, 0x18])]);
        let mut p = FlightParser::new(StopAt::ServerHelloDone);
        assert!(p.feed(&b).unwrap());
        let f = p.into_flight();
        // kept for a client that answers on the same connection: the message as received
        assert_eq!(f.messages, b[5..]);
        assert_eq!(f.unread.as_deref(), Some(&[][..]));
        let h = f.hello.unwrap();
        assert!(h.hello_retry);
        assert_eq!((h.version, h.suite, h.key_share_group), (0x0304, 0x1302, Some(0x18)));
        // What follows the HelloRetryRequest in the same read (a ChangeCipherSpec cut in
        // two) is handed on, not dropped.
        let mut p = FlightParser::new(StopAt::ServerHello);
        assert!(p.feed(&[&b[..], &[20, 3, 3]].concat()).unwrap());
        assert_eq!(p.into_flight().unread, Some(vec![20, 3, 3]));
        assert!(h.key_share.is_empty(), "an HRR names the group only");
        // A ServerHello's share is kept; one whose length disagrees is left out.
        for (ks, want) in [(vec![0, 0x19, 0, 3, 1, 2, 3], vec![1, 2, 3]), (vec![0, 0x19, 0, 9, 1, 2, 3], vec![])] {
            let b = server_hello_record(0x0303, [1; 32], 0x1301, &[(43, vec![3, 4]), (51, ks)]);
            let mut p = FlightParser::new(StopAt::ServerHelloDone);
            assert!(p.feed(&b).unwrap());
            assert_eq!(p.into_flight().hello.unwrap().key_share, want);
        }
    }

    #[test]
    fn limits_and_garbage() {
        let mut p = FlightParser::new(StopAt::ServerHelloDone);
        assert!(matches!(p.feed(b"HTTP/1.1 400 Bad Request\r\n"), Err(FlightError::NotTls(_))));
        let mut p = FlightParser::new(StopAt::ServerHelloDone);
        assert!(matches!(p.feed(&[22, 3, 3, 0xff, 0xff]), Err(FlightError::TooLarge(_))));
        let mut p = FlightParser::new(StopAt::ServerHelloDone);
        let mut b = server_hello_record(0x0303, [1; 32], 0x002f, &[]);
        b.extend_from_slice(&[22, 3, 3, 0, 4, 11, 0x10, 0, 0]);
        assert!(matches!(p.feed(&b), Err(FlightError::TooLarge(_))));
        let mut p = FlightParser::new(StopAt::ServerHelloDone);
        assert_eq!(p.feed(&[21, 3, 3, 0, 2, 2, 40]), Ok(true));
        assert_eq!(p.flight().alert, Some((2, 40)));
    }

    #[test]
    fn dh_bits() {
        let mut ske = vec![0, 3, 0x80, 0, 1];
        ske.extend_from_slice(&[0, 1, 2, 0, 1, 5]);
        assert_eq!(ske_dh_bits(&ske), Some(24));
        assert_eq!(ske_curve(&[3, 0, 0x1d, 32]), Some(0x1d));
    }
}
