//! The one way a parser records a secret: [`ParseCx::secret`] with a [`SecretRecord`]. The
//! value is measured for strength, fingerprinted for reuse across the run, and dropped here;
//! the model keeps only facts about it, so no report can print it.

use crate::diag::DiagKind;
use crate::formats::ParseCx;
use crate::model::{is_redacted, Fingerprint, Origin, Secret, SecretKind, SecretStorage, SecretStrength};

/// A secret as a parser found it. Built with [`SecretRecord::new`] and the methods below,
/// handed to [`ParseCx::secret`].
#[derive(Debug, Clone)]
pub struct SecretRecord<'a> {
    kind: SecretKind,
    storage: SecretStorage,
    subject: String,
    origin: Origin,
    value: Option<&'a str>,
    account: Option<&'a str>,
    read_write: bool,
    link: Option<&'a str>,
    peer: Option<&'a str>,
    plaintext_format: bool,
    factory_default: bool,
}

impl<'a> SecretRecord<'a> {
    /// A secret of `kind`, stored as `storage`, used by `subject` ("FortiGate admin admin"),
    /// at `origin` (whose evidence is already masked).
    pub fn new(kind: SecretKind, storage: SecretStorage, subject: impl Into<String>, origin: Origin) -> Self {
        SecretRecord {
            kind,
            storage,
            subject: subject.into(),
            origin,
            value: None,
            account: None,
            read_write: false,
            link: None,
            peer: None,
            plaintext_format: false,
            factory_default: false,
        }
    }

    /// The value as the config reveals it: plaintext, or reversibly decoded (Cisco type 7).
    /// Ignored unless the storage is plaintext or reversible, or the secret is the
    /// vendor's factory default (a known hash of a known value).
    pub fn value(mut self, value: impl Into<Option<&'a str>>) -> Self {
        self.value = value.into();
        self
    }

    /// The account the secret belongs to: a password equal to it is guessable, and for a
    /// PPP, EAP or XAUTH password it names the link both ends hold it for.
    pub fn account(mut self, account: impl Into<Option<&'a str>>) -> Self {
        self.account = account.into();
        self
    }

    /// SNMP: the community grants write access.
    pub fn read_write(mut self, read_write: bool) -> Self {
        self.read_write = read_write;
        self
    }

    /// What both ends of the link share, when the secret is one both must hold (the SSID
    /// of a Wi-Fi passphrase): see [`Secret::link`].
    pub fn link(mut self, link: impl Into<Option<&'a str>>) -> Self {
        self.link = link.into();
        self
    }

    /// The peer a key both ends hold is for (an IKE peer's address): see [`Secret::peer`].
    pub fn peer(mut self, peer: &'a str) -> Self {
        self.peer = Some(peer).filter(|p| !p.is_empty());
        self
    }

    /// The format holds this secret only in plaintext (ipsec.secrets, hostapd.conf): a
    /// placeholder in a shared copy still stands for a plaintext secret on the device. A
    /// router's placeholder may have replaced a hashed one too, so there it is `Redacted`.
    pub fn plaintext_format(mut self) -> Self {
        self.plaintext_format = true;
        self
    }

    /// The value is the vendor's documented factory default for this account (cite it in
    /// docs/vendor-defaults.md): MGMT005 says so instead of merely "empty" or "common".
    pub fn factory_default(mut self) -> Self {
        self.factory_default = true;
        self
    }
}

impl ParseCx {
    /// Records a secret. A readable value is measured and fingerprinted, then dropped; a
    /// redaction placeholder (`[REDACTED]`, `********`) is unreadable, not weak: no strength,
    /// no fingerprint, and a diagnostic at its directive says it was not judged.
    pub fn secret(&mut self, r: SecretRecord) {
        // A factory default is known whatever the file stores (AlliedWare Plus ships
        // `manager` with one fixed hash of `friend`): the parser passes that value.
        let readable = matches!(r.storage, SecretStorage::Plaintext | SecretStorage::Reversible) || r.factory_default;
        let mut storage = r.storage;
        let (strength, fingerprint) = match r.value.filter(|_| readable) {
            Some(v) if is_redacted(v) => {
                self.diag_at(
                    &r.origin,
                    DiagKind::SecretNotJudged {
                        subject: r.subject.clone(),
                        redacted: true,
                    },
                );
                if storage == SecretStorage::Plaintext && !r.plaintext_format {
                    storage = SecretStorage::Redacted;
                }
                (None, None)
            }
            Some(v) => {
                // An empty value is no secret to share; MGMT005 reports it.
                let compared = r.kind.compared_for_reuse() && !v.is_empty();
                (Some(SecretStrength::measure(v, r.account)), compared.then(|| Fingerprint::of(v)).flatten())
            }
            None => (None, None),
        };
        let link = r.link.or(r.account.filter(|_| r.kind == SecretKind::UserPassword)).map(Box::from);
        self.model.secrets.push(Secret {
            kind: r.kind,
            storage,
            subject: r.subject,
            origin: r.origin,
            strength,
            read_write: r.read_write,
            factory_default: r.factory_default,
            fingerprint,
            link,
            clear_by_design: r.plaintext_format,
            peer: r.peer.map(Box::from),
        });
    }

    /// A secret-bearing line kensa does not read (a syntax it does not know): the input is
    /// counted as partly understood and a warning at `origin` (whose evidence is already
    /// masked) says the secret was not judged.
    pub fn secret_not_read(&mut self, origin: &Origin, subject: impl Into<String>) {
        self.unrecognized_lines += 1;
        self.diag_at(
            origin,
            DiagKind::SecretNotJudged {
                subject: subject.into(),
                redacted: false,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(cx: &mut ParseCx, storage: SecretStorage, value: &str) {
        let origin = Origin::file("a.conf".into(), 1, 1, (0, 1), "password ****");
        cx.secret(SecretRecord::new(SecretKind::Password, storage, "user a", origin).value(value));
    }

    /// Equal readable values get equal fingerprints; different, empty, redacted and
    /// hashed ones none that match; the fingerprint shows nothing of the value.
    #[test]
    fn fingerprints_match_exactly_equal_readable_values() {
        let mut cx = ParseCx::new(std::path::Path::new("a.conf"), 0);
        record(&mut cx, SecretStorage::Plaintext, "Sh4red-Secret!");
        record(&mut cx, SecretStorage::Reversible, "Sh4red-Secret!");
        record(&mut cx, SecretStorage::Plaintext, "Sh4red-Secret?");
        record(&mut cx, SecretStorage::Plaintext, "");
        record(&mut cx, SecretStorage::Plaintext, "[REDACTED]");
        record(&mut cx, SecretStorage::StrongHash, "Sh4red-Secret!");
        let f: Vec<Option<Fingerprint>> = cx.model.secrets.iter().map(|s| s.fingerprint).collect();
        assert!(f[0].is_some() && f[0] == f[1]);
        assert!(f[2].is_some() && f[2] != f[0]);
        assert_eq!(&f[3..], &[None, None, None]);
        assert_eq!(cx.model.secrets[4].storage, SecretStorage::Redacted);
        assert!(cx.model.secrets[5].strength.is_none());
        let shown = format!("{:?}", cx.model.secrets);
        assert!(!shown.contains("Sh4red") && shown.contains("Fingerprint(..)"), "{shown}");
    }
}
