//! The finite-field key exchanges of kensa's own TLS 1.2 handshake
//! ([`tls12_raw`](super::tls12_raw)): DHE (RFC 5246 8.1.2) and static RSA (RFC 5246 7.4.7.1,
//! PKCS#1 v1.5 encryption of the premaster secret).
//!
//! ring has neither (no finite-field Diffie-Hellman, no RSA encryption), so the arithmetic is
//! `num-bigint`'s modular exponentiation. It is not constant time, and need not be: the
//! secrets are the probe's own, made for one connection that carries nothing secret, and
//! thrown away. What the server sends is bounded before any arithmetic, so that a hostile
//! server cannot make kensa spend long on one exponentiation: a DH prime of 512..=8192 bits
//! (kensa's exponent is at most 512 bits), an RSA modulus of 512..=16384 bits with a public
//! exponent of at most 64 bits (real certificates use 65537).

use num_bigint::BigUint;
use ring::rand::{SecureRandom, SystemRandom};
use x509_parser::public_key::PublicKey;

/// The DH prime sizes this handshake takes, in bits.
pub const DH_BITS: std::ops::RangeInclusive<u64> = 512..=8192;
/// The RSA modulus sizes this handshake takes, in bits.
pub const RSA_BITS: std::ops::RangeInclusive<u64> = 512..=16384;
/// The largest RSA public exponent this handshake takes, in bits.
const RSA_EXPONENT_BITS: u64 = 64;
/// kensa's DH exponent: 512 bits, twice the strength of the largest prime's (RFC 7919 5.2).
const DH_EXPONENT_BYTES: usize = 64;

/// The ClientKeyExchange message (type 16) around `body`.
fn client_key_exchange(body: &[u8]) -> Vec<u8> {
    let len = body.len() as u32 + 2;
    let mut m = vec![16, (len >> 16) as u8, (len >> 8) as u8, len as u8];
    m.extend_from_slice(&(body.len() as u16).to_be_bytes());
    m.extend_from_slice(body);
    m
}

fn random(len: usize) -> Result<Vec<u8>, String> {
    let mut out = vec![0u8; len];
    SystemRandom::new()
        .fill(&mut out)
        .map_err(|_| "no randomness for the key exchange".to_string())?;
    Ok(out)
}

/// A DHE ServerKeyExchange's group and the server's public value, checked: the prime's size
/// within [`DH_BITS`] and odd, the generator and the public value within 2..=p-2 (RFC 7919
/// 3: 1 and p-1 give away the secret).
pub struct DhParams {
    p: BigUint,
    g: BigUint,
    ys: BigUint,
}

impl DhParams {
    pub fn read(ske: &[u8]) -> Result<DhParams, String> {
        let (_, params) = tls_parser::parse_dh_params(ske).map_err(|_| "not a DHE ServerKeyExchange".to_string())?;
        let p = BigUint::from_bytes_be(params.dh_p);
        let bits = p.bits();
        if !DH_BITS.contains(&bits) {
            return Err(format!(
                "a {bits}-bit DH prime, outside the {}..={} bits this handshake takes",
                DH_BITS.start(),
                DH_BITS.end()
            ));
        }
        if !p.bit(0) {
            return Err("an even DH modulus".into());
        }
        let (g, ys) = (BigUint::from_bytes_be(params.dh_g), BigUint::from_bytes_be(params.dh_ys));
        let top = &p - 2u32;
        let inside = |v: &BigUint| *v >= BigUint::from(2u32) && *v <= top;
        if !inside(&g) {
            return Err("a DH generator outside 2..p-2".into());
        }
        if !inside(&ys) {
            return Err("a DH public value outside 2..p-2".into());
        }
        Ok(DhParams { p, g, ys })
    }

    pub fn bits(&self) -> u64 {
        self.p.bits()
    }

    /// The premaster secret (the shared value without leading zero bytes, RFC 5246 8.1.2)
    /// and the ClientKeyExchange with kensa's public value, for a fresh random exponent.
    pub fn agree(&self) -> Result<(Vec<u8>, Vec<u8>), String> {
        let x = BigUint::from_bytes_be(&random(DH_EXPONENT_BYTES)?);
        self.agree_with(&x)
    }

    fn agree_with(&self, x: &BigUint) -> Result<(Vec<u8>, Vec<u8>), String> {
        let yc = self.g.modpow(x, &self.p);
        let z = self.ys.modpow(x, &self.p);
        if z <= BigUint::from(1u32) || z == &self.p - 1u32 {
            return Err("the server's DH public value gives a degenerate shared secret".into());
        }
        Ok((z.to_bytes_be(), client_key_exchange(&yc.to_bytes_be())))
    }
}

/// The RSA public key of a certificate (DER), checked: the modulus within [`RSA_BITS`] and
/// odd, the exponent odd, at least 3 and at most 64 bits.
pub struct RsaKey {
    n: BigUint,
    e: BigUint,
}

impl RsaKey {
    pub fn of_certificate(der: &[u8]) -> Result<RsaKey, String> {
        let (_, cert) = x509_parser::parse_x509_certificate(der).map_err(|_| "the server's certificate does not parse".to_string())?;
        let Ok(PublicKey::RSA(key)) = cert.public_key().parsed() else {
            return Err("the server's certificate has no RSA key".into());
        };
        let (n, e) = (BigUint::from_bytes_be(key.modulus), BigUint::from_bytes_be(key.exponent));
        let bits = n.bits();
        if !RSA_BITS.contains(&bits) || !n.bit(0) {
            return Err(format!(
                "a {bits}-bit RSA modulus, outside the {}..={} bits this handshake takes",
                RSA_BITS.start(),
                RSA_BITS.end()
            ));
        }
        if e.bits() > RSA_EXPONENT_BITS || e < BigUint::from(3u32) || !e.bit(0) {
            return Err("an RSA public exponent this handshake does not take".into());
        }
        Ok(RsaKey { n, e })
    }

    /// The premaster secret (`client_version` and 46 random bytes) and the ClientKeyExchange
    /// carrying it encrypted to this key (PKCS#1 v1.5, RFC 8017 7.2.1).
    pub fn encrypt_premaster(&self, client_version: [u8; 2]) -> Result<(Vec<u8>, Vec<u8>), String> {
        let pms = [&client_version[..], &random(46)?].concat();
        let mut ps = random(self.len() - 3 - pms.len())?;
        for b in ps.iter_mut() {
            while *b == 0 {
                *b = random(1)?[0];
            }
        }
        let c = self.encrypt(&[&[0, 2][..], &ps, &[0], &pms].concat());
        Ok((pms, client_key_exchange(&c)))
    }

    /// The modulus length in bytes.
    fn len(&self) -> usize {
        self.n.bits().div_ceil(8) as usize
    }

    /// `m`^e mod n, as many bytes as the modulus.
    fn encrypt(&self, m: &[u8]) -> Vec<u8> {
        let c = BigUint::from_bytes_be(m).modpow(&self.e, &self.n).to_bytes_be();
        [vec![0; self.len() - c.len()], c].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ffdhe2048 prime of RFC 7919 appendix A.1, generator 2.
    const FFDHE2048: &str = "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695A9E13641146433FBCC939DCE249B3EF97D2FE363630C75D8F681B202AEC4617AD3DF1ED5D5FD65612433F51F5F066ED0856365553DED1AF3B557135E7F57C935984F0C70E0E68B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A797ABC0AB182B324FB61D108A94BB2C8E3FBB96ADAB760D7F4681D4F42A3DE394DF4AE56EDE76372BB190B07A7C8EE0A6D709E02FCE1CDF7E2ECC03404CD28342F619172FE9CE98583FF8E4F1232EEF28183C3FE3B1B4C6FAD733BB5FCBC2EC22005C58EF1837D1683B2C6F34A26C1B2EFFA886B423861285C97FFFFFFFFFFFFFFFF";

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    fn ske(p: &[u8], g: &[u8], ys: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for v in [p, g, ys] {
            out.extend_from_slice(&(v.len() as u16).to_be_bytes());
            out.extend_from_slice(v);
        }
        out.extend_from_slice(&[4, 1, 0, 0]); // a signature the key exchange does not read
        out
    }

    /// Both sides of a DHE exchange over ffdhe2048 reach the same premaster secret, and the
    /// ClientKeyExchange carries kensa's public value with its length.
    #[test]
    fn dhe_both_sides_agree() {
        let p = BigUint::from_bytes_be(&hex(FFDHE2048));
        let server_x = BigUint::from(0x1234_5678_9abc_def0u64);
        let ys = BigUint::from(2u32).modpow(&server_x, &p);
        let params = DhParams::read(&ske(&hex(FFDHE2048), &[2], &ys.to_bytes_be())).unwrap();
        assert_eq!(params.bits(), 2048);
        let (pms, cke) = params.agree().unwrap();
        assert_eq!(cke[0], 16);
        let len = usize::from(u16::from_be_bytes([cke[4], cke[5]]));
        assert_eq!((cke.len(), u32::from_be_bytes([0, cke[1], cke[2], cke[3]]) as usize), (6 + len, 2 + len));
        let yc = BigUint::from_bytes_be(&cke[6..]);
        assert_eq!(yc.modpow(&server_x, &p).to_bytes_be(), pms);
        assert_ne!(pms[0], 0, "leading zero bytes are stripped");
    }

    #[test]
    fn dhe_parameters_out_of_bounds_are_refused() {
        let p = hex(FFDHE2048);
        let pm1 = (BigUint::from_bytes_be(&p) - 1u32).to_bytes_be();
        let cases: [(Vec<u8>, &str); 7] = [
            (ske(&p[..32], &[2], &[5]), "256-bit DH prime"),
            (ske(&[&[0x80][..], &[0; 1024], &[1]].concat(), &[2], &[5]), "8208-bit DH prime"),
            (ske(&[&p[..255], &[0xfe]].concat(), &[2], &[5]), "even"),
            (ske(&p, &[1], &[5]), "generator"),
            (ske(&p, &pm1, &[5]), "generator"),
            (ske(&p, &[2], &pm1), "public value"),
            (ske(&p, &[2], &[1]), "public value"),
        ];
        for (bytes, why) in cases {
            let err = DhParams::read(&bytes).err().expect(why);
            assert!(err.contains(why), "{err} / {why}");
        }
        for cut in [&[][..], &[0, 5, 1], &ske(&p, &[2], &[5])[..100]] {
            assert!(DhParams::read(cut).is_err());
        }
    }

    /// A server value whose shared secret is 1 for kensa's exponent is refused, not used.
    #[test]
    fn a_degenerate_shared_secret_is_refused() {
        let p = hex(FFDHE2048);
        let params = DhParams::read(&ske(&p, &[2], &[2])).unwrap();
        let order = (BigUint::from_bytes_be(&p) - 1u32) / 2u32; // 2 has order q = (p-1)/2
        assert!(params.agree_with(&order).unwrap_err().contains("degenerate"));
    }

    /// PKCS#1 v1.5: decrypting with the private exponent gives 00 02, nonzero padding, 00 and
    /// the premaster secret, which starts with the client version.
    #[test]
    fn rsa_premaster_is_pkcs1_v15_encrypted() {
        // A 511-bit modulus from two known primes (p = 2^256 - 189, q = 2^255 - 19) and
        // e = 65537: the private exponent is at hand to decrypt with.
        let p = (BigUint::from(1u32) << 256usize) - 189u32;
        let q = (BigUint::from(1u32) << 255usize) - 19u32;
        let n = &p * &q;
        let e = BigUint::from(65537u32);
        let phi = (&p - 1u32) * (&q - 1u32);
        let d = e.modinv(&phi).expect("e invertible");
        let key = RsaKey { n: n.clone(), e };
        let (pms, cke) = key.encrypt_premaster([3, 3]).unwrap();
        assert_eq!((pms.len(), &pms[..2]), (48, &[3u8, 3][..]));
        let k = key.len();
        assert_eq!(usize::from(u16::from_be_bytes([cke[4], cke[5]])), k);
        let m = BigUint::from_bytes_be(&cke[6..]).modpow(&d, &n).to_bytes_be();
        // to_bytes_be drops the leading 00: 02, k - 51 nonzero bytes, 00, the premaster.
        assert_eq!((m.len(), m[0]), (k - 1, 2));
        assert!(m[1..k - 50].iter().all(|&b| b != 0));
        assert_eq!(m[k - 50], 0);
        assert_eq!(&m[k - 49..], &pms[..]);
    }
}
