//! STARTTLS: the plain-text exchange that turns a mail, directory, file-transfer or remote
//! desktop connection into a TLS one, run on every connection before the ClientHello so
//! both engines measure the TLS behind it exactly as they measure a TLS port.
//!
//! Each exchange is the shortest the protocol allows: SMTP (RFC 3207) greeting, `EHLO`,
//! `STARTTLS`; IMAP (RFC 3501 6.2.1) `STARTTLS`; POP3 (RFC 2595 4) `STLS`; FTP (RFC 4217)
//! `AUTH TLS`; LDAP (RFC 4511 4.14) the StartTLS extended operation; RDP ([MS-RDPBCGR]
//! 2.2.1.1) an X.224 Connection Request asking for TLS or CredSSP, both of which begin with
//! a TLS handshake. Replies are read line by line under the connection's deadline and a
//! size limit; a refusal is an error that quotes the server's words.

use super::{Phase, ProbeError};
use crate::named::named_enum;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{timeout_at, Instant};

/// Largest plain-text preamble read before TLS (greeting, capability lists).
const MAX_PREAMBLE: usize = 64 * 1024;

named_enum! {
    /// A protocol whose TLS starts after a plain-text exchange, by the name used in
    /// `smtp://host` and `--starttls smtp`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum StartTls {
        Smtp => "smtp",
        Imap => "imap",
        Pop3 => "pop3",
        Ftp => "ftp",
        Ldap => "ldap",
        Rdp => "rdp",
    }
}

impl StartTls {
    pub fn parse(name: &str) -> Option<StartTls> {
        Self::ALL.into_iter().find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// The port the protocol's plain-text service listens on.
    pub fn default_port(self) -> u16 {
        match self {
            StartTls::Smtp => 25,
            StartTls::Imap => 143,
            StartTls::Pop3 => 110,
            StartTls::Ftp => 21,
            StartTls::Ldap => 389,
            StartTls::Rdp => 3389,
        }
    }
}

/// Runs the protocol's exchange on a fresh connection; on success the next byte the server
/// expects is the ClientHello.
pub async fn negotiate(s: &mut TcpStream, proto: StartTls, deadline: Instant, timeout_ms: u64) -> Result<(), ProbeError> {
    let mut p = Plain {
        s,
        deadline,
        ms: timeout_ms,
        buf: Vec::new(),
        read: 0,
        proto,
    };
    match proto {
        StartTls::Smtp => {
            p.reply("greeting", "220").await?;
            p.send(b"EHLO kensa.invalid\r\n").await?;
            p.reply("EHLO", "250").await?;
            p.send(b"STARTTLS\r\n").await?;
            p.reply("STARTTLS", "220").await
        }
        StartTls::Ftp => {
            p.reply("greeting", "220").await?;
            p.send(b"AUTH TLS\r\n").await?;
            p.reply("AUTH TLS", "234").await
        }
        StartTls::Pop3 => {
            p.line_starting("greeting", "+OK").await?;
            p.send(b"STLS\r\n").await?;
            p.line_starting("STLS", "+OK").await
        }
        StartTls::Imap => {
            p.line_starting("greeting", "* OK").await?;
            p.send(b"k1 STARTTLS\r\n").await?;
            loop {
                let line = p.line("STARTTLS").await?;
                if line.starts_with("k1 ") {
                    return expect(proto, "STARTTLS", &line, line.starts_with("k1 OK"));
                }
            }
        }
        StartTls::Ldap => {
            p.send(&LDAP_STARTTLS).await?;
            let msg = p.ber_message().await?;
            match ldap_result_code(&msg) {
                Some(0) => Ok(()),
                Some(code) => Err(refused(proto, "StartTLS", &format!("resultCode {code}"))),
                None => Err(refused(proto, "StartTLS", "no ExtendedResponse")),
            }
        }
        StartTls::Rdp => {
            p.send(&RDP_CONNECTION_REQUEST).await?;
            let pdu = p.exact(19).await?;
            rdp_selected(&pdu).map_err(|why| refused(proto, "X.224 Connection Request", &why))
        }
    }
}

/// LDAPMessage { messageID 1, extendedReq [APPLICATION 23] { requestName [0]
/// "1.3.6.1.4.1.1466.20037" } }.
const LDAP_STARTTLS: [u8; 31] = [
    0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16, b'1', b'.', b'3', b'.', b'6', b'.', b'1', b'.', b'4', b'.', b'1', b'.', b'1', b'4', b'6', b'6', b'.',
    b'2', b'0', b'0', b'3', b'7',
];

/// TPKT + X.224 Connection Request + RDP_NEG_REQ asking for PROTOCOL_SSL | PROTOCOL_HYBRID.
const RDP_CONNECTION_REQUEST: [u8; 19] = [3, 0, 0, 19, 14, 0xe0, 0, 0, 0, 0, 0, 1, 0, 8, 0, 3, 0, 0, 0];

/// The resultCode of an LDAP ExtendedResponse ([APPLICATION 24], first element ENUMERATED).
fn ldap_result_code(msg: &[u8]) -> Option<u8> {
    let at = msg.iter().position(|&b| b == 0x78)?;
    let rest = msg.get(at + 1..)?;
    let skip = match *rest.first()? {
        l if l < 0x80 => 1,
        l => 1 + (l & 0x7f) as usize,
    };
    match rest.get(skip..skip + 3)? {
        [0x0a, 0x01, code] => Some(*code),
        _ => None,
    }
}

/// Checks an X.224 Connection Confirm: an RDP_NEG_RSP choosing TLS (1) or CredSSP (2, 8).
fn rdp_selected(pdu: &[u8]) -> Result<(), String> {
    if pdu.len() < 19 || pdu[0] != 3 || pdu[5] & 0xf0 != 0xd0 {
        return Err("no X.224 Connection Confirm".into());
    }
    let selected = u32::from_le_bytes([pdu[15], pdu[16], pdu[17], pdu[18]]);
    match pdu[11] {
        2 if matches!(selected, 1 | 2 | 8) => Ok(()),
        2 => Err(format!("server selected protocol {selected} (standard RDP security, no TLS)")),
        3 => Err(format!("RDP_NEG_FAILURE code {selected}")),
        t => Err(format!("unexpected negotiation type {t}")),
    }
}

fn refused(proto: StartTls, step: &str, said: &str) -> ProbeError {
    let said: String = said.chars().filter(|c| !c.is_control()).take(120).collect();
    ProbeError::StartTls {
        proto: proto.to_string(),
        step: step.to_string(),
        said: Some(said),
    }
}

fn expect(proto: StartTls, step: &str, line: &str, ok: bool) -> Result<(), ProbeError> {
    if ok {
        Ok(())
    } else {
        Err(refused(proto, step, line))
    }
}

/// The plain-text side of one connection.
struct Plain<'s> {
    s: &'s mut TcpStream,
    deadline: Instant,
    ms: u64,
    /// Bytes received and not yet consumed.
    buf: Vec<u8>,
    /// Bytes received in all.
    read: usize,
    proto: StartTls,
}

impl Plain<'_> {
    async fn send(&mut self, bytes: &[u8]) -> Result<(), ProbeError> {
        match timeout_at(self.deadline, self.s.write_all(bytes)).await {
            Err(_) => Err(ProbeError::Timeout {
                ms: self.ms,
                during: Phase::StartTls,
            }),
            Ok(Err(e)) => Err(ProbeError::io(&e)),
            Ok(Ok(())) => Ok(()),
        }
    }

    /// Reads more bytes into `buf`.
    async fn fill(&mut self, step: &str) -> Result<(), ProbeError> {
        if self.read >= MAX_PREAMBLE {
            return Err(refused(self.proto, step, &format!("more than {MAX_PREAMBLE} bytes before TLS")));
        }
        let mut chunk = [0u8; 4096];
        let n = match timeout_at(self.deadline, self.s.read(&mut chunk)).await {
            Err(_) => {
                return Err(ProbeError::Timeout {
                    ms: self.ms,
                    during: Phase::StartTls,
                })
            }
            Ok(Err(e)) => return Err(ProbeError::io(&e)),
            Ok(Ok(n)) => n,
        };
        if n == 0 {
            return Err(ProbeError::StartTls {
                proto: self.proto.to_string(),
                step: step.to_string(),
                said: None,
            });
        }
        self.read += n;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    /// One line, without its line end (lossy UTF-8: only shown in messages).
    async fn line(&mut self, step: &str) -> Result<String, ProbeError> {
        loop {
            if let Some(i) = self.buf.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.buf.drain(..=i).collect();
                return Ok(String::from_utf8_lossy(&line).trim_end().to_string());
            }
            self.fill(step).await?;
        }
    }

    async fn line_starting(&mut self, step: &str, prefix: &str) -> Result<(), ProbeError> {
        let line = self.line(step).await?;
        expect(self.proto, step, &line, line.starts_with(prefix))
    }

    /// A reply of SMTP/FTP shape: `code-text` lines, then `code text`; it must carry `code`.
    async fn reply(&mut self, step: &str, code: &str) -> Result<(), ProbeError> {
        loop {
            let line = self.line(step).await?;
            let b = line.as_bytes();
            let last = b.len() == 3 || (b.len() > 3 && b[3] == b' ');
            if b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) && last {
                return expect(self.proto, step, &line, line.starts_with(code));
            }
        }
    }

    async fn exact(&mut self, n: usize) -> Result<Vec<u8>, ProbeError> {
        while self.buf.len() < n {
            self.fill("negotiation").await?;
        }
        Ok(self.buf.drain(..n).collect())
    }

    /// One BER SEQUENCE (an LDAPMessage), by its length header.
    async fn ber_message(&mut self) -> Result<Vec<u8>, ProbeError> {
        let head = loop {
            if self.buf.len() >= 2 {
                let l0 = self.buf[1] as usize;
                let hdr = if l0 < 0x80 { 2 } else { 2 + (l0 & 0x7f) };
                if hdr > 6 {
                    return Err(refused(self.proto, "StartTLS", "oversized response length"));
                }
                if self.buf.len() >= hdr {
                    let len = if l0 < 0x80 {
                        l0
                    } else {
                        self.buf[2..hdr].iter().fold(0usize, |a, &b| (a << 8) | b as usize)
                    };
                    break hdr + len;
                }
            }
            self.fill("StartTLS").await?;
        };
        if head > MAX_PREAMBLE {
            return Err(refused(self.proto, "StartTLS", "oversized response"));
        }
        self.exact(head).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in StartTls::ALL {
            assert_eq!(StartTls::parse(p.name()), Some(p));
        }
        assert_eq!(StartTls::parse("SMTP"), Some(StartTls::Smtp));
        assert_eq!(StartTls::parse("https"), None);
    }

    #[test]
    fn ldap_request_is_well_formed() {
        assert_eq!(LDAP_STARTTLS[1] as usize, LDAP_STARTTLS.len() - 2);
        assert_eq!(&LDAP_STARTTLS[9..], b"1.3.6.1.4.1.1466.20037");
        // ExtendedResponse { success, "", "" } as OpenLDAP sends it.
        let ok = [0x30, 0x0c, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00];
        assert_eq!(ldap_result_code(&ok), Some(0));
        let refused = [0x30, 0x0c, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01, 0x02, 0x04, 0x00, 0x04, 0x00];
        assert_eq!(ldap_result_code(&refused), Some(2));
    }

    #[test]
    fn rdp_confirm() {
        let mut cc = [3, 0, 0, 19, 14, 0xd0, 0, 0, 0x12, 0x34, 0, 2, 0, 8, 0, 1, 0, 0, 0];
        assert_eq!(rdp_selected(&cc), Ok(()));
        cc[15] = 0;
        assert!(rdp_selected(&cc).unwrap_err().contains("standard RDP security"));
        cc[11] = 3;
        cc[15] = 5;
        assert!(rdp_selected(&cc).unwrap_err().contains("FAILURE code 5"));
        assert_eq!(RDP_CONNECTION_REQUEST[3] as usize, RDP_CONNECTION_REQUEST.len());
    }
}
