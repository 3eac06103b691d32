//! The one HTTP request the probe sends after an HTTPS handshake, and what its answer shows.
//!
//! Servers often enforce client certificates above TLS: nginx `ssl_verify_client on`
//! completes the TLS 1.3 handshake without a certificate and answers `400` ("No required SSL
//! certificate was sent"), Apache `403`, IIS `403.7`. Only the answer to a request tells them
//! from a server that lets the client in. The same answer carries `Strict-Transport-Security`.
//! Pure (no I/O): bytes in, a parsed head out, with a size limit.

use crate::model::Hsts;

/// Beginnings of the probe's notes on why HSTS was not judged (the terminal view shows
/// them as its HSTS line, in the report's language).
pub const HSTS_NOT_JUDGED_REFUSED: &str = "HSTS not judged: the only HTTP answer was a refusal";
pub const HSTS_NOT_JUDGED_ERROR_ANSWER: &str = "HSTS not judged: GET / answered";

/// The response head may not be larger than this (nginx's default buffer is 8 KiB).
pub const MAX_HEAD: usize = 16 * 1024;

/// `GET / HTTP/1.1` with the Host the client would send (SNI, else the target's address).
pub fn request(host: &str) -> Vec<u8> {
    format!("GET / HTTP/1.1\r\nHost: {host}\r\nUser-Agent: kensa-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n").into_bytes()
}

/// What the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpAnswer {
    pub status: u16,
    pub reason: String,
    /// The `Strict-Transport-Security` value, when sent.
    pub hsts: Option<String>,
    /// A phrase of the body that names the client certificate (nginx, IIS), when one was read.
    pub certificate_phrase: Option<&'static str>,
}

/// Body phrases by which servers say the refusal is about the client certificate.
const CERTIFICATE_PHRASES: [&str; 5] = [
    "No required SSL certificate was sent",
    "The SSL certificate error",
    "403.7",
    "client certificate",
    "SSL certificate",
];

impl HttpAnswer {
    /// Statuses by which servers refuse a request for want of a (valid) client certificate:
    /// 400 (nginx), 403 (Apache, IIS 403.7), 495/496 (nginx's own codes, when not mapped).
    pub fn refuses(&self) -> bool {
        matches!(self.status, 400 | 403 | 495 | 496)
    }

    /// `HTTP 400 Bad Request ("No required SSL certificate was sent")`.
    pub fn describe(&self) -> String {
        let mut s = format!("HTTP {} {}", self.status, self.reason);
        if let Some(p) = self.certificate_phrase {
            s.push_str(&format!(" (\"{p}\")"));
        }
        s
    }
}

/// Result of parsing what has arrived so far.
#[derive(Debug, PartialEq, Eq)]
pub enum Head {
    /// More bytes needed.
    Partial,
    Done(HttpAnswer),
    /// Not an HTTP answer, or a head over [`MAX_HEAD`].
    Invalid(String),
}

/// Parses the status line and headers from the start of `buf`.
pub fn parse(buf: &[u8]) -> Head {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut resp = httparse::Response::new(&mut headers);
    match resp.parse(buf) {
        Ok(httparse::Status::Partial) if buf.len() > MAX_HEAD => Head::Invalid(format!("HTTP response head over {MAX_HEAD} bytes")),
        Ok(httparse::Status::Partial) => Head::Partial,
        Ok(httparse::Status::Complete(n)) => {
            let hsts = resp
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("strict-transport-security"))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_string());
            let mut answer = HttpAnswer {
                status: resp.code.unwrap_or(0),
                reason: resp.reason.unwrap_or("").chars().filter(|c| !c.is_control()).take(80).collect(),
                hsts,
                certificate_phrase: None,
            };
            if answer.refuses() {
                let body = &buf[n..];
                answer.certificate_phrase = CERTIFICATE_PHRASES.into_iter().find(|p| contains(body, p.as_bytes()));
            }
            Head::Done(answer)
        }
        Err(e) => Head::Invalid(format!("not an HTTP answer ({e})")),
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

/// `max-age=N; includeSubDomains` as the model's [`Hsts`]; None when max-age is missing or
/// not a number (browsers then ignore the header, RFC 6797 6.1).
pub fn parse_hsts(value: &str) -> Option<Hsts> {
    let mut max_age = None;
    let mut include_subdomains = false;
    for d in value.split(';') {
        let d = d.trim();
        let (name, val) = d.split_once('=').map_or((d, None), |(n, v)| (n.trim(), Some(v.trim().trim_matches('"'))));
        if name.eq_ignore_ascii_case("max-age") {
            max_age = val.and_then(|v| v.parse::<u64>().ok());
        } else if name.eq_ignore_ascii_case("includesubdomains") {
            include_subdomains = true;
        }
    }
    max_age.map(|max_age| Hsts { max_age, include_subdomains })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nginx_refusal_with_its_phrase() {
        let b = b"HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n\r\n<html><center>No required SSL certificate was sent</center>";
        let Head::Done(a) = parse(b) else { panic!() };
        assert!(a.refuses());
        assert_eq!(a.describe(), "HTTP 400 Bad Request (\"No required SSL certificate was sent\")");
        assert_eq!(a.hsts, None);
    }

    #[test]
    fn partial_ok_and_garbage() {
        assert_eq!(parse(b"HTTP/1.1 200 OK\r\nStrict-Trans"), Head::Partial);
        let Head::Done(a) = parse(b"HTTP/1.1 200 OK\r\nstrict-transport-security: max-age=63072000; includeSubDomains\r\n\r\n") else {
            panic!()
        };
        assert!(!a.refuses());
        assert_eq!(
            parse_hsts(a.hsts.as_deref().unwrap()),
            Some(Hsts {
                max_age: 63072000,
                include_subdomains: true
            })
        );
        assert!(matches!(parse(b"SSH-2.0-OpenSSH\r\n"), Head::Invalid(_)));
        let long = [b"HTTP/1.1 200 OK\r\nX: ".as_slice(), &vec![b'a'; MAX_HEAD + 1]].concat();
        assert!(matches!(parse(&long), Head::Invalid(_)));
    }

    #[test]
    fn hsts_values() {
        assert_eq!(
            parse_hsts("max-age=\"300\""),
            Some(Hsts {
                max_age: 300,
                include_subdomains: false
            })
        );
        assert_eq!(parse_hsts("includeSubDomains"), None);
        assert_eq!(parse_hsts("max-age=abc"), None);
    }
}
