//! The management plane and the rest of a router/firewall: services, accounts, logging,
//! time, interfaces, filter policies, firmware.

use super::{Origin, Setting};
use crate::named::named_enum;
use serde::Serialize;

/// The product a model describes.
#[derive(Debug, Clone, Serialize)]
pub struct Device {
    /// "FortiGate", "YAMAHA RTX", "Cisco IOS", "nginx", ...
    pub product: String,
    /// Hostname when the config names one.
    pub hostname: Option<String>,
    /// True for routers/firewalls/appliances: whole-device rules (remote syslog, NTP,
    /// anti-spoofing) only apply to these.
    pub is_network_device: bool,
    pub origin: Origin,
    /// IP source routing accepted (Cisco `ip source-route`, on by default in IOS).
    pub source_routing: Option<Setting<bool>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MgmtProtocol {
    Telnet,
    Ssh,
    Http,
    Https,
    Snmp,
    Ftp,
    Tftp,
    /// Vendor-specific (FortiManager fgfm, ...).
    Other,
}

impl MgmtProtocol {
    /// Protocols that carry passwords or content in clear (clause 13-10).
    pub fn is_cleartext(self) -> bool {
        matches!(self, MgmtProtocol::Telnet | MgmtProtocol::Http | MgmtProtocol::Ftp | MgmtProtocol::Tftp)
    }
}

/// From where a management service can be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "scope", content = "detail")]
pub enum Reachability {
    /// Restricted to listed admin hosts/networks (trusthost, access-class, host lan1 ...).
    Restricted(Vec<String>),
    /// Enabled on an interface facing the internet / WAN.
    External(String),
    /// Enabled with no restriction known.
    Unrestricted,
    /// Only on internal interfaces, but not restricted to admin hosts.
    Internal(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct MgmtService {
    pub subject: String,
    pub protocol: MgmtProtocol,
    pub origin: Origin,
    pub enabled: Setting<bool>,
    pub reachable_from: Setting<Reachability>,
    /// SNMP version (1, 2 for v2c, 3) or SSH protocol version.
    pub version: Option<Setting<u8>>,
    /// SNMPv3: authPriv. SSH: strong settings. None when not applicable.
    pub strong_auth: Option<Setting<bool>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub name: String,
    pub origin: Origin,
    /// Administrator (privilege 15, super_admin, administrator).
    pub admin: bool,
    /// Account used for VPN / remote access.
    pub remote_access: bool,
    /// Vendor default account name ("admin", "root", "cisco").
    pub default_name: bool,
    /// Has a second factor (FortiToken, RADIUS with OTP, certificate + password).
    pub second_factor: Option<Setting<bool>>,
    /// Restricted to admin hosts (FortiOS trusthost).
    pub trusted_hosts: Option<Setting<Vec<String>>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogTarget {
    pub origin: Origin,
    /// "syslog 192.0.2.10", "buffered", "fortianalyzer"
    pub destination: String,
    pub remote: bool,
    /// Transport is protected (TLS, reliable+encrypted).
    pub encrypted: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimeSource {
    pub origin: Origin,
    pub server: String,
    pub authenticated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InterfaceZone {
    /// Faces the internet or a carrier network.
    External,
    Internal,
    Tunnel,
    Unknown,
}

#[derive(Debug, Clone, Serialize)]
pub struct Interface {
    pub name: String,
    pub origin: Origin,
    pub zone: InterfaceZone,
    pub enabled: bool,
    /// Unicast reverse-path forwarding / FortiOS src-check.
    pub anti_spoofing: Option<Setting<bool>>,
    /// An inbound filter that drops private/bogon sources.
    pub bogon_filter: Option<Setting<bool>>,
    /// Inbound filter applied at all.
    pub inbound_filter: Option<Setting<bool>>,
    pub addresses: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FilterAction {
    Allow,
    Deny,
}

/// A firewall policy / filter line, reduced to what rules judge.
#[derive(Debug, Clone, Serialize)]
pub struct FilterPolicy {
    pub subject: String,
    pub origin: Origin,
    pub action: FilterAction,
    pub from_zone: InterfaceZone,
    pub to_zone: InterfaceZone,
    pub from_interfaces: Vec<String>,
    pub to_interfaces: Vec<String>,
    pub sources: Vec<String>,
    pub destinations: Vec<String>,
    /// Service names or "ALL".
    pub services: Vec<String>,
    pub ips_profile: bool,
    pub logging: bool,
}

named_enum! {
    /// A firmware product: those kensa reads a release from, and those the advisory table
    /// (`rules/advisories/known-exploited.toml`) names for formats still to come (issue 22), so
    /// a new format only has to report its product. Named as the table and the messages name it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(into = "&'static str")]
    pub enum Product {
        FortiOs => "FortiOS",
        FortiProxy => "FortiProxy",
        Ios => "IOS",
        IosXe => "IOS XE",
        YamahaRtx => "YAMAHA RTX",
        Asa => "ASA",
        PanOs => "PAN-OS",
        NetScaler => "NetScaler",
        NetScalerFips => "NetScaler FIPS",
        NetScalerNdcpp => "NetScaler NDcPP",
        IvantiConnectSecure => "Ivanti Connect Secure",
        JunosOs => "Junos OS",
        SonicOs => "SonicOS",
        /// NEC UNIVERGE IX router firmware.
        UnivergeIx => "UNIVERGE IX",
        /// Allied Telesis AlliedWare Plus.
        AlliedWarePlus => "AlliedWare Plus",
    }
}

named_enum! {
    /// A feature whose being enabled decides whether an advisory applies, named as the
    /// advisory table writes it (`ssl-vpn`, `admin-gui`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(into = "&'static str")]
    pub enum Feature {
        /// FortiOS SSL-VPN portal or tunnel.
        SslVpn => "ssl-vpn",
        /// The administrative web interface answers on some interface (FortiOS `allowaccess
        /// https`, PAN-OS management port HTTPS).
        AdminGui => "admin-gui",
        /// FortiOS Security Fabric (`config system csf`, `set status enable`).
        SecurityFabric => "security-fabric",
        /// Cisco IOS `ip http server` / `ip http secure-server`.
        HttpServer => "http-server",
        /// FortiOS FortiManager access (`fgfm` in an interface's `allowaccess`).
        Fgfm => "fgfm",
        /// NetScaler configured as a Gateway (VPN virtual server) or AAA virtual server.
        Gateway => "gateway",
        /// PAN-OS GlobalProtect portal or gateway.
        Globalprotect => "globalprotect",
        /// Cisco ASA WebVPN / AnyConnect.
        Webvpn => "webvpn",
        /// Junos J-Web.
        JWeb => "j-web",
        /// Junos on EX switches or SRX firewalls.
        ExOrSrx => "ex-or-srx",
        /// Junos on an EX switch (switching configuration and nothing of an SRX).
        ExSeries => "ex-series",
        /// Junos on an SRX firewall (security zones, policies, NAT, flow, screens or a chassis
        /// cluster).
        SrxSeries => "srx-series",
    }
}

/// A device's firmware release, with the features advisories depend on.
#[derive(Debug, Clone, Serialize)]
pub struct Firmware {
    pub product: Product,
    /// Model when known (FG60E, RTX1210)
    pub model: Option<String>,
    /// Version as "6.0.4" or "17.9.3".
    pub version: String,
    pub build: Option<String>,
    pub origin: Origin,
    /// Features that advisories depend on.
    pub features: Vec<Feature>,
}
