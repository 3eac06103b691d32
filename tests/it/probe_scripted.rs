//! A scripted TLS 1.3 "server" that answers ClientHellos by a fixed policy (first flight
//! only), to check what no local library can serve: post-quantum hybrid group detection
//! (X25519MLKEM768) through HelloRetryRequest, and the server's group order.

use kensa::model::{ClientAuth, TlsVersion};
use kensa::probe::{probe_targets, ProbeOptions, Target};
use tls_parser::{parse_tls_extensions, parse_tls_plaintext, TlsExtension, TlsMessage, TlsMessageHandshake};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SUITES: [u16; 2] = [0x1302, 0x1301];
const GROUPS: [u16; 3] = [0x11ec, 0x001d, 0x0017];
const HRR: [u8; 32] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e,
    0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];

fn answer(hello: &[u8]) -> Vec<u8> {
    answer_with(hello, &GROUPS, &[9; 32])
}

/// The answer of a server with `groups` (in its order) whose ServerHello carries `share`.
fn answer_with(hello: &[u8], server_groups: &[u16], share: &[u8]) -> Vec<u8> {
    let alert = |d: u8| vec![21, 3, 3, 0, 2, 2, d];
    let Ok((_, rec)) = parse_tls_plaintext(hello) else {
        return alert(50);
    };
    let Some(TlsMessage::Handshake(TlsMessageHandshake::ClientHello(ch))) = rec.msg.first() else {
        return alert(10);
    };
    let exts = ch.ext.and_then(|e| parse_tls_extensions(e).ok()).map(|(_, e)| e).unwrap_or_default();
    let mut tls13 = false;
    let mut groups = vec![];
    let mut shares = vec![];
    for e in &exts {
        match e {
            TlsExtension::SupportedVersions(v) => tls13 = v.iter().any(|v| v.0 == 0x0304),
            TlsExtension::EllipticCurves(g) => groups = g.iter().map(|g| g.0).collect(),
            TlsExtension::KeyShare(data) if data.len() >= 2 => {
                let mut d = &data[2..];
                while d.len() >= 4 {
                    let g = u16::from_be_bytes([d[0], d[1]]);
                    let l = u16::from_be_bytes([d[2], d[3]]) as usize;
                    shares.push(g);
                    d = &d[(4 + l).min(d.len())..];
                }
            }
            _ => {}
        }
    }
    if !tls13 {
        return alert(70);
    }
    let offered: Vec<u16> = ch.ciphers.iter().map(|c| c.0).collect();
    let Some(&suite) = SUITES.iter().find(|s| offered.contains(s)) else {
        return alert(40);
    };
    let Some(&group) = server_groups.iter().find(|g| groups.contains(g)) else {
        return alert(40);
    };
    let (random, key_share) = if shares.contains(&group) {
        let mut ks = group.to_be_bytes().to_vec();
        ks.extend_from_slice(&(share.len() as u16).to_be_bytes());
        ks.extend_from_slice(share);
        ([7u8; 32], ks)
    } else {
        (HRR, group.to_be_bytes().to_vec())
    };
    let mut body = vec![3, 3];
    body.extend_from_slice(&random);
    body.push(32);
    body.extend_from_slice(&[1; 32]);
    body.extend_from_slice(&suite.to_be_bytes());
    body.push(0);
    let mut ext = vec![0, 43, 0, 2, 3, 4, 0, 51];
    ext.extend_from_slice(&(key_share.len() as u16).to_be_bytes());
    ext.extend_from_slice(&key_share);
    body.extend_from_slice(&(ext.len() as u16).to_be_bytes());
    body.extend_from_slice(&ext);
    let mut msg = vec![2, 0];
    msg.extend_from_slice(&(body.len() as u16).to_be_bytes());
    msg.extend_from_slice(&body);
    let mut rec = vec![22, 3, 3];
    rec.extend_from_slice(&(msg.len() as u16).to_be_bytes());
    rec.extend_from_slice(&msg);
    rec
}

/// Reads one whole record (the ClientHello); None when the client went away.
async fn read_record(s: &mut tokio::net::TcpStream) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; 8192];
    let mut got = 0;
    while got < 5 || got < 5 + u16::from_be_bytes([buf[3], buf[4]]) as usize {
        match s.read(&mut buf[got..]).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => got += n,
        }
        if got == buf.len() {
            return None;
        }
    }
    buf.truncate(got);
    Some(buf)
}

#[test]
fn pq_hybrid_group_and_server_group_order_via_hello_retry_request() {
    let server = crate::probe_support::TaskServer::start(|mut s| async move {
        if let Some(hello) = read_record(&mut s).await {
            let _ = s.write_all(&answer(&hello)).await;
        }
    });
    let port = server.port;
    let t = Target::parse(&format!("127.0.0.1:{port}")).unwrap();
    let opts = ProbeOptions {
        sni: None,
        concurrency: 1,
        timeout_ms: 2000,
        ..ProbeOptions::default()
    };
    let r = probe_targets(&[t], &opts, None).pop().unwrap();
    drop(server);

    let ep = r.endpoint.as_ref().unwrap_or_else(|| panic!("{:?}", r.error));
    assert_eq!(ep.versions.value, vec![TlsVersion::Tls13]);
    assert_eq!(*ep.cipher_suites[&TlsVersion::Tls13].value, SUITES[..], "server order");
    let groups: Vec<String> = ep.groups.as_ref().unwrap().value.iter().map(|g| g.name.to_string()).collect();
    assert_eq!(groups, ["X25519MLKEM768", "x25519", "secp256r1"]);
    // the scripted server cannot finish a handshake: client auth is unknown, never a pass
    assert_eq!(ep.client_auth.as_ref().unwrap().value, ClientAuth::Unknown);
    assert!(ep.server_preference.as_ref().unwrap().value);
}

/// What a scripted secp521r1-only TLS 1.3 server does after its ServerHello to kensa's own
/// TLS 1.3 handshake (the only hello that carries a secp521r1 key share).
#[derive(Clone, Copy, Debug)]
enum AfterHello {
    /// Its key share is 133 bytes that are no point on the curve.
    NotAPoint,
    /// A record that does not decrypt.
    Garbage,
    /// A record header announcing 65535 bytes.
    Oversized,
    /// Half a record, then close.
    Truncated,
    /// Nothing, with the connection held open.
    Silent,
}

async fn serve_p521(mut s: tokio::net::TcpStream, how: AfterHello) {
    // A HelloRetryRequest leaves the connection open: kensa may answer it with the second
    // ClientHello there (its own handshake riding on the enumeration), which gets the same
    // treatment as a first hello with a secp521r1 share.
    loop {
        let Some(hello) = read_record(&mut s).await else { return };
        let point = p521::EncodedPoint::from(p521::ecdh::EphemeralSecret::random(&mut p521::elliptic_curve::rand_core::OsRng).public_key());
        let share = match how {
            AfterHello::NotAPoint => vec![4; 133],
            _ => point.as_bytes().to_vec(),
        };
        let reply = answer_with(&hello, &[0x0019], &share);
        let retry = reply.get(11..43) == Some(&HRR[..]);
        let server_hello = reply.get(11..43) == Some(&[7u8; 32][..]);
        if s.write_all(&reply).await.is_err() {
            return;
        }
        if server_hello {
            break;
        }
        if !retry {
            return;
        }
    }
    let more: Vec<u8> = match how {
        AfterHello::NotAPoint => return,
        AfterHello::Garbage => [&[23u8, 3, 3, 0, 64][..], &[0x55; 64]].concat(),
        AfterHello::Oversized => vec![23, 3, 3, 0xff, 0xff],
        AfterHello::Truncated => [&[23u8, 3, 3, 0, 100][..], &[0x55; 10]].concat(),
        AfterHello::Silent => {
            let mut buf = [0u8; 1024];
            while let Ok(n) = s.read(&mut buf).await {
                if n == 0 {
                    break;
                }
            }
            return;
        }
    };
    let _ = s.write_all(&more).await;
}

/// Hostile answers to kensa's own TLS 1.3 handshake: each gives client auth "unknown" with
/// what went wrong in its evidence (a finding, TLS010) and the certificate reported as not
/// checked (TLS015), within the deadline and without a panic.
#[test]
fn hostile_p521_servers_leave_client_auth_unknown_with_the_reason() {
    let cases = [
        (AfterHello::NotAPoint, "the server's key share is not a secp521r1 point"),
        (AfterHello::Garbage, "a record that does not decrypt"),
        (AfterHello::Oversized, "record length 65535"),
        (AfterHello::Truncated, "connection closed before the server Finished"),
        (AfterHello::Silent, "no server Finished within 1500 ms"),
    ];
    let servers: Vec<_> = cases
        .iter()
        .map(|&(how, _)| crate::probe_support::TaskServer::start(move |s| serve_p521(s, how)))
        .collect();
    let targets: Vec<Target> = servers.iter().map(|s| Target::parse(&format!("127.0.0.1:{}", s.port)).unwrap()).collect();
    let opts = ProbeOptions {
        sni: None,
        concurrency: 8,
        timeout_ms: 1500,
        ..ProbeOptions::default()
    };
    let results = probe_targets(&targets, &opts, None);
    drop(servers);
    for (r, (how, want)) in results.iter().zip(cases) {
        let ep = r.endpoint.as_ref().unwrap_or_else(|| panic!("{how:?}: {:?}", r.error));
        let groups: Vec<String> = ep.groups.as_ref().unwrap().value.iter().map(|g| g.name.to_string()).collect();
        assert_eq!(groups, ["secp521r1"], "{how:?}");
        let auth = ep.client_auth.as_ref().unwrap();
        assert_eq!(auth.value, ClientAuth::Unknown, "{how:?}");
        assert!(auth.origin.evidence.contains(want), "{how:?}: {}", auth.origin.evidence);
        assert!(auth.origin.evidence.contains("kensa's own TLS1.3 (secp521r1) handshake failed"), "{how:?}");
        let found = crate::probe_support::rules_on(ep);
        assert!(found.contains(&"TLS010") && found.contains(&"TLS015"), "{how:?}: {found:?}");
    }
}
