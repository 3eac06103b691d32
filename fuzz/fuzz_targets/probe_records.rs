//! The probe's response path: record reassembly, handshake parsing, ServerKeyExchange and
//! certificate interpretation, fed in pieces the way a network would deliver them; and what
//! kensa's own TLS 1.2 handshake reads from the server: the ECDHE point, the DHE parameters,
//! an RSA certificate's key, protected records (opened under fixed keys: AES-CBC
//! MAC-then-encrypt and encrypt-then-MAC, AES-GCM), the HTTP answer.
#![no_main]

use kensa::certs;
use kensa::probe::flight::{ske_curve, ske_dh_bits, FlightParser, StopAt};
use kensa::probe::tls12_kx::{DhParams, RsaKey};
use kensa::probe::tls12_raw::{self, Cbc, Gcm, Records};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.is_empty() {
        return;
    }
    // First byte: piece size (1..=256) and stop mode; the rest is what the server sends.
    let piece = (data[0] as usize % 255) + 1;
    let stop = if data[0] & 0x80 == 0 { StopAt::ServerHelloDone } else { StopAt::ServerHello };
    let body = &data[1..];
    let mut p = FlightParser::new(stop);
    for chunk in body.chunks(piece) {
        match p.feed(chunk) {
            Ok(true) | Err(_) => break,
            Ok(false) => {}
        }
        assert!(p.pending() <= 2 * (kensa::probe::flight::MAX_FLIGHT + 16384 + 2048 + 5));
    }
    let f = p.into_flight();
    if let Some(ske) = &f.server_key_exchange {
        let _ = ske_curve(ske);
        let _ = ske_dh_bits(ske);
        let _ = tls12_raw::ske_point(ske);
    }
    let _ = tls12_raw::completes(&f);
    let _ = tls12_raw::ske_point(body);
    // The records as protected ones, under both MAC orders and both key sizes.
    let all = [
        Records::Cbc(Cbc::sha1(&[7; 16], &[9; 20], false)),
        Records::Cbc(Cbc::sha1(&[7; 32], &[9; 20], true)),
        Records::Gcm(Gcm::aes(&[7; 16], [1, 2, 3, 4]).expect("a valid key")),
    ];
    for mut keys in all {
        let mut rest = body;
        while let [typ, a, b, c, d, tail @ ..] = rest {
            let len = usize::from(u16::from_be_bytes([*c, *d])).min(tail.len());
            let _ = keys.open([*typ, *a, *b, *c, *d], tail[..len].to_vec());
            rest = &tail[len..];
        }
    }
    let _ = kensa::probe::http::parse(body);
    let _ = certs::chain_in_order(&f.certificates);
    for der in &f.certificates {
        let _ = certs::facts_from_der(der);
        let _ = certs::matches_name(der, "localhost");
    }
    let _ = ske_dh_bits(body);
    // DHE parameters and an RSA key, bounded before any arithmetic.
    if let Ok(dh) = DhParams::read(body) {
        let _ = dh.agree();
    }
    if let Ok(rsa) = RsaKey::of_certificate(body) {
        let _ = rsa.encrypt_premaster([3, 3]);
    }
    let _ = certs::facts_from_der(body);
    if let Ok(s) = std::str::from_utf8(body) {
        let _ = kensa::probe::Target::parse(s);
        let _ = kensa::probe::parse_targets_file(s, None);
        let _ = kensa::probe::Target::parse_as(s, Some(kensa::probe::StartTls::Smtp));
    }
});
