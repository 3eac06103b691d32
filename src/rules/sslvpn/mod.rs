//! VPN rules specific to TLS-based remote access (FortiOS SSL-VPN). The TLS side of the
//! portal is a `TlsEndpoint` judged by the TLS rules; these judge the VPN itself
//! (split tunnelling is VPN017, TLS minimum version VPN011, client certificates VPN015).

pub mod ssl_vpn_in_use;
