//! VPN tunnels: IPsec (strongSwan, appliances), OpenVPN, WireGuard.

use super::{Origin, Setting, TlsVersion};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VpnKind {
    Ipsec,
    OpenVpn,
    WireGuard,
    /// TLS-based remote access (FortiOS SSL-VPN); its TLS side is a `TlsEndpoint`.
    SslVpn,
    /// L2TP/IPsec, PPTP and similar remote-access wrappers.
    L2tp,
}

/// Site-to-site links two facilities; remote access lets a person (staff, vendor) in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VpnUse {
    SiteToSite,
    RemoteAccess,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VpnRole {
    /// Waits for peers (responder, OpenVPN server, hub).
    Server,
    /// Initiates (OpenVPN client, road-warrior initiator).
    Client,
    /// Both (site-to-site peers).
    Peer,
}

/// How a side authenticates in IKE / OpenVPN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMethod {
    Psk,
    Certificate,
    /// EAP with its method name (eap-mschapv2, eap-tls, eap-md5, ...).
    Eap(String),
    /// IKEv1 XAUTH user/password on top of PSK or certificate.
    Xauth,
    /// Username/password only (OpenVPN auth-user-pass without certificates).
    Password,
    /// WireGuard static public keys.
    PublicKey,
    /// OpenVPN static-key mode.
    StaticKey,
    None,
    Unknown,
}

/// One algorithm proposal (IKE or ESP/CHILD_SA, or an OpenVPN data channel setting).
/// Names are normalised lowercase tokens: encryption ("aes256gcm16", "aes128", "3des",
/// "des", "null", "chacha20poly1305"), integrity ("sha256", "sha1", "md5", "none"),
/// prf, dh ("modp2048", "ecp256", "x25519", "modp1024", ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Proposal {
    pub encryption: Vec<String>,
    pub integrity: Vec<String>,
    pub prf: Vec<String>,
    pub dh_groups: Vec<String>,
}

/// One VPN tunnel or VPN server/client profile.
#[derive(Debug, Clone, Serialize)]
pub struct VpnTunnel {
    /// e.g. "strongSwan connection site-b" or "YAMAHA tunnel 1".
    pub subject: String,
    pub kind: VpnKind,
    pub usage: VpnUse,
    pub role: VpnRole,
    pub origin: Origin,
    /// IKE major version (1 or 2) for IPsec.
    pub ike_version: Option<Setting<u8>>,
    /// IKEv1 aggressive mode.
    pub aggressive: Option<Setting<bool>>,
    /// Phase 1 / IKE_SA proposals.
    pub ike_proposals: Option<Setting<Vec<Proposal>>>,
    /// Phase 2 / CHILD_SA / ESP proposals, or the OpenVPN data channel.
    pub child_proposals: Option<Setting<Vec<Proposal>>>,
    /// Responder accepts only the configured proposals (strongSwan `!`, YAMAHA
    /// negotiate-strictly).
    pub strict_proposals: Option<Setting<bool>>,
    /// Perfect forward secrecy on CHILD_SAs / rekeys.
    pub pfs: Option<Setting<bool>>,
    pub local_auth: Option<Setting<AuthMethod>>,
    pub remote_auth: Option<Setting<AuthMethod>>,
    /// Second factor for remote-access users (OTP, RADIUS MFA, certificate + password).
    pub second_factor: Option<Setting<bool>>,
    /// Which peers may connect: false when any address may (right=%any, peertype any,
    /// remote address any, 0.0.0.0/0).
    pub peer_restricted: Option<Setting<bool>>,
    /// Client checks the server identity (remote-cert-tls, verify-x509-name, CA constraint).
    pub verifies_server: Option<Setting<bool>>,
    /// Server requires client certificates (OpenVPN verify-client-cert require).
    pub requires_client_cert: Option<Setting<bool>>,
    /// Clients can reach each other through the server (OpenVPN client-to-client).
    pub client_to_client: Option<Setting<bool>>,
    /// Remote-access traffic is split (only some routes through the tunnel).
    pub split_tunnel: Option<Setting<bool>>,
    /// With `split_tunnel` true: the server pushes neither a full-tunnel redirect nor any
    /// route (an OpenVPN server without `push "redirect-gateway"` or `push "route"`), so it
    /// does not force a full tunnel and each client's own profile decides what goes through.
    pub split_left_to_clients: bool,
    /// The control channel's minimum TLS version (OpenVPN `tls-version-min`, FortiOS
    /// SSL-VPN `ssl-min-proto-ver`).
    pub tls_min_version: Option<Setting<TlsVersion>>,
    /// OpenVPN tls-auth / tls-crypt / tls-crypt-v2 in use.
    pub control_channel_protection: Option<Setting<bool>>,
    /// WireGuard: peers have a pre-shared key.
    pub preshared_key: Option<Setting<bool>>,
    /// Allowed services through the tunnel, where a policy says (e.g. ["ALL"], ["RDP"]).
    pub allowed_services: Option<Setting<Vec<String>>>,
    /// OpenVPN `auth`: HMAC digest of non-AEAD data channels and of tls-auth, normalised
    /// lowercase ("sha1", "sha256", "md5", "none"). Not part of `child_proposals`, which
    /// for OpenVPN hold only the data-channel ciphers.
    pub data_auth: Option<Setting<String>>,
    /// Every user has their own credential: false when several users share one (OpenVPN
    /// `duplicate-cn`, a group PSK for remote access).
    pub per_user_credentials: Option<Setting<bool>>,
    /// The config file that holds this tunnel's private key or key material inline is
    /// readable by every local user (Unix mode o+r). None when the file mode is unknown
    /// (text given in memory, non-Unix) or the file holds no key.
    pub key_file_world_readable: Option<Setting<bool>>,
}

impl VpnTunnel {
    pub fn new(subject: String, kind: VpnKind, usage: VpnUse, role: VpnRole, origin: Origin) -> Self {
        VpnTunnel {
            subject,
            kind,
            usage,
            role,
            origin,
            ike_version: None,
            aggressive: None,
            ike_proposals: None,
            child_proposals: None,
            strict_proposals: None,
            pfs: None,
            local_auth: None,
            remote_auth: None,
            second_factor: None,
            peer_restricted: None,
            verifies_server: None,
            requires_client_cert: None,
            client_to_client: None,
            split_tunnel: None,
            split_left_to_clients: false,
            tls_min_version: None,
            control_channel_protection: None,
            preshared_key: None,
            allowed_services: None,
            data_auth: None,
            per_user_credentials: None,
            key_file_world_readable: None,
        }
    }
}
