//! Hostile and broken peers on 127.0.0.1: each must give a per-target error within its
//! deadline, without a panic, without unbounded memory, and without stopping the others.

use crate::probe_support;

use kensa::probe::{probe_targets, ProbeOptions, Target};
use probe_support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(Clone, Copy, Debug)]
enum Behaviour {
    /// Accepts, reads the hello, never answers.
    Silent,
    /// Answers with binary junk.
    Garbage,
    /// Answers like an HTTP server.
    Http,
    /// A record header announcing 100 bytes, 10 bytes, then close.
    Truncated,
    /// A record header with length 65535.
    Oversized,
    /// ServerHello, then a Certificate message of 1 MiB streamed in records.
    HugeChain,
    /// Half a ServerHello, then a TCP reset.
    ResetMidHandshake,
}

fn server_hello() -> Vec<u8> {
    let mut body = vec![3, 3];
    body.extend_from_slice(&[0x42; 32]);
    body.push(0);
    body.extend_from_slice(&[0xc0, 0x2f, 0]);
    body.extend_from_slice(&[0, 5, 0xff, 0x01, 0, 1, 0]);
    let mut m = vec![2, 0, 0, body.len() as u8];
    m.extend_from_slice(&body);
    let mut r = vec![22, 3, 3, 0, m.len() as u8];
    r.extend_from_slice(&m);
    r
}

async fn behave(mut s: tokio::net::TcpStream, b: Behaviour) {
    let mut buf = [0u8; 4096];
    let _ = s.read(&mut buf).await;
    match b {
        Behaviour::Silent => {
            // hold the connection until the client gives up
            while let Ok(n) = s.read(&mut buf).await {
                if n == 0 {
                    break;
                }
            }
        }
        Behaviour::Garbage => {
            let junk: Vec<u8> = (0..200u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80).collect();
            let _ = s.write_all(&junk).await;
        }
        Behaviour::Http => {
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n").await;
        }
        Behaviour::Truncated => {
            let _ = s.write_all(&[22, 3, 3, 0, 100, 2, 0, 0, 96, 3, 3, 1, 2, 3, 4]).await;
        }
        Behaviour::Oversized => {
            let _ = s.write_all(&[22, 3, 3, 0xff, 0xff, 2, 0, 0, 0]).await;
        }
        Behaviour::HugeChain => {
            let _ = s.write_all(&server_hello()).await;
            let total: usize = 1 << 20;
            let mut msg = vec![11];
            msg.extend_from_slice(&(total as u32).to_be_bytes()[1..]);
            msg.extend_from_slice(&((total - 3) as u32).to_be_bytes()[1..]);
            msg.resize(total + 4, 0x30);
            for chunk in msg.chunks(16384) {
                let mut rec = vec![22, 3, 3];
                rec.extend_from_slice(&(chunk.len() as u16).to_be_bytes());
                rec.extend_from_slice(chunk);
                if s.write_all(&rec).await.is_err() {
                    break;
                }
            }
        }
        Behaviour::ResetMidHandshake => {
            let sh = server_hello();
            let _ = s.write_all(&sh[..20]).await;
            let _ = s.flush().await;
            let _ = s.set_zero_linger();
            drop(s);
        }
    }
}

/// A misbehaving server on its own thread (probe_support's TaskServer); stopped on drop.
struct Hostile(TaskServer);

impl Hostile {
    fn start(b: Behaviour) -> Hostile {
        Hostile(TaskServer::start(move |s| behave(s, b)))
    }

    fn target(&self) -> Target {
        Target::parse(&format!("127.0.0.1:{}", self.0.port)).unwrap()
    }
}

#[test]
fn hostile_peers_give_per_target_errors_and_the_scan_goes_on() {
    let cases = [
        (Behaviour::Silent, "timed out"),
        (Behaviour::Garbage, "not TLS"),
        (Behaviour::Http, "not TLS: server sent text"),
        (Behaviour::Truncated, "mid-handshake"),
        (Behaviour::Oversized, "record length 65535"),
        (Behaviour::HugeChain, "response too large"),
        (Behaviour::ResetMidHandshake, "mid-handshake"),
    ];
    let servers: Vec<Hostile> = cases.iter().map(|(b, _)| Hostile::start(*b)).collect();
    let pki = Pki::new();
    let (c, k) = pki.openssl_rsa("ok", 2048, "sha256");
    let good = SServer::start(&["-cert", p(&c), "-key", p(&k), "-www"]);

    // good target in the middle: input order is kept and it is unaffected
    let mut targets: Vec<Target> = servers.iter().map(|s| s.target()).collect();
    targets.insert(3, good.target());
    let opts = ProbeOptions {
        sni: None,
        concurrency: 8,
        timeout_ms: 700,
        ..ProbeOptions::default()
    };
    let results = probe_targets(&targets, &opts, None);
    assert_eq!(results.len(), targets.len());
    for (r, t) in results.iter().zip(&targets) {
        assert_eq!(r.target, t.to_string());
    }
    assert!(results[3].endpoint.is_some(), "{:?}", results[3].error);
    let hostile = results.iter().enumerate().filter(|(i, _)| *i != 3).map(|(_, r)| r);
    for (r, (b, want)) in hostile.zip(cases.iter()) {
        let err = r
            .error
            .as_ref()
            .map(|e| e.to_string())
            .unwrap_or_else(|| panic!("{b:?}: no error, endpoint {:?}", r.endpoint));
        assert!(r.endpoint.is_none(), "{b:?}");
        assert!(err.contains(want), "{b:?}: {err}");
        // the first connection fails hard: no endless retries
        assert!(r.handshakes <= 2, "{b:?}: {} handshakes", r.handshakes);
    }
}

#[test]
fn progress_is_reported_per_target() {
    let a = Hostile::start(Behaviour::Http);
    let b = Hostile::start(Behaviour::Oversized);
    let seen = std::sync::Mutex::new(Vec::new());
    let cb = |n: usize| seen.lock().unwrap().push(n);
    let opts = ProbeOptions {
        sni: None,
        concurrency: 2,
        timeout_ms: 700,
        ..ProbeOptions::default()
    };
    let r = probe_targets(&[a.target(), b.target()], &opts, Some(&cb));
    assert_eq!(r.len(), 2);
    assert_eq!(*seen.lock().unwrap(), vec![1, 2]);
}
