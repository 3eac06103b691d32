//! The vendor-neutral model. Parsers lower vendor text into these types; rules read only
//! these types. Every item carries an [`Origin`] so a finding can point at the line that
//! caused it (or at the probe target that showed it).

mod crypto;
mod device;
mod origin;
mod secret;
mod tls;
mod vpn;
mod wlan;

pub use crypto::*;
pub use device::*;
pub use origin::*;
pub use secret::*;
pub use tls::*;
pub use vpn::*;
pub use wlan::*;

use serde::Serialize;

/// Everything kensa learned from one input (a config file with its includes, or a probed
/// endpoint). Rules run over one `Model` at a time.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Model {
    pub tls_endpoints: Vec<TlsEndpoint>,
    pub vpn_tunnels: Vec<VpnTunnel>,
    pub wlans: Vec<Wlan>,
    pub mgmt_services: Vec<MgmtService>,
    pub accounts: Vec<Account>,
    pub secrets: Vec<Secret>,
    pub log_targets: Vec<LogTarget>,
    pub time_sources: Vec<TimeSource>,
    pub interfaces: Vec<Interface>,
    pub filter_policies: Vec<FilterPolicy>,
    pub firmware: Vec<Firmware>,
    /// What kind of device or software this model describes, when the format says so
    /// ("nginx", "FortiGate", ...). Rules that only make sense for a whole device (remote
    /// syslog, NTP) look at this.
    pub device: Option<Device>,
    /// The files behind this model are the running machine's own live files (see
    /// [`crate::tree`]): file modes describe the device. False for a copied tree, where a
    /// mode is only the copy's.
    pub files_are_live: bool,
    /// Vendor defaults that changed between releases, filled without the release pinned
    /// in kensa.toml `[assume]`: judged on the newest release's default, and said.
    pub assumptions: Vec<Assumption>,
    /// The input does not show it is a whole configuration (a YAMAHA file without its
    /// `show config` header, a NetScaler script without the `#NS` version line): what a
    /// whole one carries, as config text. Findings resting on an absent setting are then
    /// said as holding only for a whole configuration ([`crate::rules::Engine`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<std::sync::Arc<str>>,
}

/// A default that depends on the release of the software (nginx `ssl_protocols`: changed in
/// 1.23.4 and in 1.27.3), filled with the newest release's value because kensa.toml `[assume]`
/// does not say which release runs the config.
#[derive(Debug, Clone, Serialize)]
pub struct Assumption {
    pub subject: String,
    /// The `[assume]` key (`nginx`).
    pub product: &'static str,
    /// The directive left out (`ssl_protocols`).
    pub setting: &'static str,
    /// Which releases give which default, in Japanese and English.
    pub releases_ja: String,
    pub releases_en: String,
    /// The block that relies on the default.
    pub origin: Origin,
}

impl Model {
    pub fn is_empty(&self) -> bool {
        self.tls_endpoints.is_empty()
            && self.vpn_tunnels.is_empty()
            && self.wlans.is_empty()
            && self.mgmt_services.is_empty()
            && self.accounts.is_empty()
            && self.secrets.is_empty()
            && self.log_targets.is_empty()
            && self.time_sources.is_empty()
            && self.interfaces.is_empty()
            && self.filter_policies.is_empty()
            && self.firmware.is_empty()
            && self.device.is_none()
            && self.assumptions.is_empty()
    }

    /// Appends another model (used when one input yields several partial models).
    pub fn extend(&mut self, other: Model) {
        self.tls_endpoints.extend(other.tls_endpoints);
        self.vpn_tunnels.extend(other.vpn_tunnels);
        self.wlans.extend(other.wlans);
        self.mgmt_services.extend(other.mgmt_services);
        self.accounts.extend(other.accounts);
        self.secrets.extend(other.secrets);
        self.log_targets.extend(other.log_targets);
        self.time_sources.extend(other.time_sources);
        self.interfaces.extend(other.interfaces);
        self.filter_policies.extend(other.filter_policies);
        self.firmware.extend(other.firmware);
        self.assumptions.extend(other.assumptions);
        if self.excerpt.is_none() {
            self.excerpt = other.excerpt;
        }
        if self.device.is_none() {
            self.device = other.device;
        }
    }
}

/// A value read from a config (or measured), together with where it came from and whether
/// the vendor's default filled it in because the line was absent.
#[derive(Debug, Clone, Serialize)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
    /// True when the config did not say this and the product's documented default applies;
    /// `origin` then points at the block that relies on the default.
    pub defaulted: bool,
}

impl<T> Setting<T> {
    pub fn explicit(value: T, origin: Origin) -> Self {
        Setting {
            value,
            origin,
            defaulted: false,
        }
    }
    pub fn default_at(value: T, origin: Origin) -> Self {
        Setting {
            value,
            origin,
            defaulted: true,
        }
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Setting<U> {
        Setting {
            value: f(self.value),
            origin: self.origin,
            defaulted: self.defaulted,
        }
    }
}
