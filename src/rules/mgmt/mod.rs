//! MGMT rules (clauses 7-12, 8-5, 13-10, 13-11, 14-5, 14-6, 17-1, 17-3): the management
//! plane of network devices — who can log in, from where, over what, with which
//! credentials, and whether the device logs and keeps time.

pub mod cleartext_management;
pub mod external_management;
pub mod no_ntp;
pub mod no_remote_syslog;
pub mod no_second_factor;
pub mod no_trusted_hosts;
pub mod reversible_password;
pub mod weak_password;

use crate::model::SecretKind;

/// Login credentials of people (not keys between machines).
pub fn is_login_secret(k: SecretKind) -> bool {
    matches!(k, SecretKind::Password | SecretKind::EnablePassword | SecretKind::UserPassword)
}

/// Secrets the password rules judge (strength 8-5, storage 14-6): login credentials, RADIUS
/// shared secrets and private-key passphrases (wpa_supplicant `private_key_passwd`,
/// NetworkManager `private-key-password`), which people choose and type like passwords.
pub fn is_password_like_secret(k: SecretKind) -> bool {
    is_login_secret(k) || matches!(k, SecretKind::RadiusSecret | SecretKind::PrivateKey)
}
