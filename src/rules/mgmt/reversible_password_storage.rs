//! ## What it does
//! Flags login passwords stored in the config in clear or reversibly encoded (Cisco type 0
//! and type 7, `enable password`, YAMAHA `auth user` / `pp auth username`), and RADIUS /
//! TACACS+ server keys and IKE pre-shared keys stored in clear or reversibly (Cisco
//! `crypto isakmp key` without type 6, Junos `$9$`). Weak one-way hashes (Cisco type 5 MD5,
//! type 4) are a warning. A pre-shared key in a format with no encrypted form kensa knows
//! (ipsec.secrets, swanctl.conf, YAMAHA RTX, NEC IX) is a reminder (info): nothing in the
//! file can be changed to store it better, but every copy of the file holds it.
//!
//! ## Why
//! Clause 14-6 requires password files to be stored irreversibly and forbids plaintext
//! passwords in configuration files. Type 7 is decoded by any web page; configs travel in
//! e-mails, tickets and backups.
//!
//! ## Example
//! `username admin privilege 15 password 7 070C285F4D06` → MGMT004.

use crate::model::{Model, Secret, SecretKind, SecretStorage};
use crate::rules::mgmt::is_password_like_secret;
use crate::rules::msg::ReversiblePasswordStorage;
use crate::rules::{Checker, Severity};

crate::i18n::terms! {
    /// How the secret is kept in the file.
    enum Storage {
        Plaintext => "平文", "plaintext";
        Reversible => "復号可能な符号化 (Cisco type 7 など)", "reversible encoding (e.g. Cisco type 7)";
        WeakHash => "弱いハッシュ (MD5/SHA-1)", "weak hash (MD5/SHA-1)";
    }
}

crate::i18n::terms! {
    /// What the secret is.
    enum What {
        SharedSecret => "共有鍵", "shared secret";
        PresharedKey => "事前共有鍵", "pre-shared key";
        Passphrase => "秘密鍵のパスフレーズ", "private-key passphrase";
        Password => "パスワード", "password";
    }
}

crate::i18n::terms! {
    /// How a secret of its kind can be kept better.
    enum Remedy {
        DeviceKey => "機器自身がサーバとの通信に使う鍵はハッシュにできません。機器が対応していれば機器のマスター鍵で暗号化して保存し、対応していなければ設定ファイルをそのサービスだけが読めるようにしてください",
            "a key the device itself must use with its server cannot be hashed: store it encrypted under the device's master key where the device offers that, else keep the file readable by that service only";
        PeerKey => "事前共有鍵は機器自身が相手との認証に使うため、ハッシュにできません。機器が対応していれば機器のマスター鍵で暗号化して保存し、対応していなければ証明書による認証に移してください",
            "a pre-shared key the device itself must present to its peer cannot be hashed: store it encrypted under the device's master key where the device offers that, else move the tunnel to certificate authentication";
        PeerKeyInClear => "kensa はこの形式で事前共有鍵を暗号化して保存する方法を把握していません。設定ファイルとその写しを厳重に管理し、証明書による認証への移行を検討してください",
            "kensa knows no encrypted form for this key in this format: guard the file and every copy of it, and consider certificate authentication";
        OutOfFile => "設定ファイルに置かず、接続時に入力するか鍵の保管機能に預けてください",
            "keep it out of the file: have it asked for at connection time or held by a secret store";
        SentPassword => "機器が送る、またはチャレンジ応答で照合するパスワードはハッシュにできません。設定ファイルに置かず接続時に入力するか、利用者を RADIUS 等の外部認証へ移してください",
            "a password the device must send or check by challenge-response cannot be hashed: keep it out of the file (asked for at connection time) or move the users to an external authentication server (RADIUS)";
        FileMode => "この形式は共有鍵を平文でしか保存できません。設定ファイルをそのサービスだけが読めるようにしてください (機器上のファイルの権限は設定ファイルの写しからは分かりません)",
            "this format can keep the shared secret only in clear: keep the file readable by that service only (the file's mode on the device does not show in a copy of it)";
        Hash => "機器が対応していれば一方向ハッシュで保存し、対応していなければ管理者を RADIUS 等の外部認証で認証してください",
            "store it as a strong one-way hash where the device offers one, else authenticate administrators at an external server (RADIUS)";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    for s in model.secrets.iter().filter(|s| judged(s)) {
        // An absent password (factory state) is MGMT005's finding, not a stored secret.
        if s.strength.is_some_and(|st| st.empty) {
            continue;
        }
        cx.examined();
        let (storage, severity) = match s.storage {
            SecretStorage::Plaintext => (Storage::Plaintext, cx.meta.severity),
            SecretStorage::Reversible => (Storage::Reversible, cx.meta.severity),
            SecretStorage::WeakHash => (Storage::WeakHash, Severity::Warning),
            _ => continue,
        };
        let (what, mut remedy) = remedy(s.kind);
        // A device key the format can only hold in clear (hostapd's RADIUS secret) is not
        // a configuration to change: the file's mode is what protects it, a reminder.
        let severity = match remedy {
            Remedy::DeviceKey if s.clear_by_design => {
                remedy = Remedy::FileMode;
                Severity::Info
            }
            Remedy::PeerKey if s.clear_by_design => {
                remedy = Remedy::PeerKeyInClear;
                Severity::Info
            }
            _ => severity,
        };
        let message = ReversiblePasswordStorage {
            what: what.into(),
            storage: storage.into(),
            remedy: remedy.into(),
        };
        cx.report_as(severity, &s.subject, &s.origin, message);
    }
}

/// The secrets this rule judges: password-like ones and IKE pre-shared keys.
fn judged(s: &Secret) -> bool {
    is_password_like_secret(s.kind) || s.kind == SecretKind::IpsecPsk
}

/// What the secret is and how it can be stored better, by its kind (vendor commands are
/// in the rule's fix by format): a login password can be kept as a one-way hash where the
/// device offers one; a key the device itself must present to its RADIUS or TACACS+ server
/// cannot be hashed (the best Cisco offers there is type 6, AES under a master key); a
/// password the device must send or check by challenge-response (EAP, PPP) cannot be
/// hashed either; a private-key passphrase is best kept out of the file.
fn remedy(kind: SecretKind) -> (What, Remedy) {
    match kind {
        SecretKind::AaaServerKey => (What::SharedSecret, Remedy::DeviceKey),
        SecretKind::IpsecPsk => (What::PresharedKey, Remedy::PeerKey),
        SecretKind::PrivateKey => (What::Passphrase, Remedy::OutOfFile),
        SecretKind::UserPassword => (What::Password, Remedy::SentPassword),
        _ => (What::Password, Remedy::Hash),
    }
}
