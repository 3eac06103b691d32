//! The formats as one table: each entry says what the format is called (`--as` value and
//! JSON `format`), which file names are it by themselves, which path words hint at it, how
//! its content is scored, and which parser reads it. `--as`, detection and dispatch all read
//! this one slice, so a new vendor is one entry here (plus its parser and scorer).

use super::detect::{self, Sniff};
use super::{Format, ParseCx};
use crate::source::SourceFile;
use std::sync::Arc;

/// One format kensa reads.
pub struct FormatSpec {
    pub format: Format,
    /// The `--as` value and the JSON `format` field.
    pub name: &'static str,
    /// One line for `--help`.
    pub help: &'static str,
    /// Exact file names (lower case) that are this format whatever they hold...
    pub file_names: &'static [&'static str],
    /// ...unless the path has one of these words (another program's file of that name).
    pub not_under: &'static [&'static str],
    /// Words in the path (lower case) that add to a content score; never enough alone.
    pub path_hints: &'static [&'static str],
    /// Content score (see [`detect`]): how much of this format's own vocabulary the head of
    /// the file shows. Zero when it shows none, whatever the path says.
    pub score: fn(&Sniff) -> u32,
    /// Reads one top-level file (following its includes) into the model.
    pub parse: fn(&mut ParseCx, &Arc<SourceFile>),
}

/// Every format, in the order of the [`Format`] enum (a test holds them together).
pub const FORMATS: &[FormatSpec] = &[
    FormatSpec {
        format: Format::Nginx,
        name: "nginx",
        help: "nginx",
        file_names: &["nginx.conf"],
        not_under: &[],
        path_hints: &["nginx"],
        score: detect::score_nginx,
        parse: |cx, src| super::nginx::parse(cx, src),
    },
    FormatSpec {
        format: Format::Apache,
        name: "apache",
        help: "Apache httpd",
        file_names: &[
            "httpd.conf",
            "apache2.conf",
            "httpd-ssl.conf",
            "default-ssl.conf",
            "000-default.conf",
            "000-default-le-ssl.conf",
            "ports.conf",
        ],
        not_under: &[],
        path_hints: &["apache", "httpd"],
        score: detect::score_apache,
        parse: |cx, src| super::apache::parse(cx, src),
    },
    FormatSpec {
        format: Format::Haproxy,
        name: "haproxy",
        help: "HAProxy",
        file_names: &["haproxy.cfg", "haproxy.conf", "haproxy-ssl.cfg"],
        not_under: &[],
        path_hints: &["haproxy"],
        score: detect::score_haproxy,
        parse: |cx, src| super::haproxy::parse(cx, src),
    },
    FormatSpec {
        format: Format::Fortios,
        name: "fortios",
        help: "FortiGate full-configuration backup",
        file_names: &[],
        not_under: &[],
        path_hints: &["forti"],
        score: detect::score_fortios,
        parse: |cx, src| super::fortios::parse(cx, src),
    },
    FormatSpec {
        format: Format::YamahaRtx,
        name: "yamaha-rtx",
        help: "YAMAHA RTX `show config`",
        file_names: &[],
        not_under: &[],
        path_hints: &["yamaha", "rtx"],
        score: detect::score_yamaha,
        parse: |cx, src| super::yamaha_rtx::parse(cx, src),
    },
    FormatSpec {
        format: Format::CiscoIos,
        name: "cisco-ios",
        help: "Cisco IOS / IOS-XE running-config",
        file_names: &[],
        not_under: &[],
        path_hints: &["cisco", "ios"],
        score: detect::score_cisco,
        parse: |cx, src| super::cisco_ios::parse(cx, src),
    },
    FormatSpec {
        format: Format::Swanctl,
        name: "swanctl",
        help: "strongSwan swanctl.conf",
        file_names: &["swanctl.conf"],
        // strongswan.conf(5) snippets are named after the program they configure:
        // /etc/strongswan.d/swanctl.conf holds the swanctl tool's own options.
        not_under: &["strongswan.d/"],
        path_hints: &["swanctl"],
        score: detect::score_swanctl,
        parse: |cx, src| super::swanctl::parse(cx, src),
    },
    FormatSpec {
        format: Format::IpsecConf,
        name: "ipsec-conf",
        help: "strongSwan legacy ipsec.conf",
        file_names: &["ipsec.conf"],
        not_under: &[],
        path_hints: &["ipsec.d", "strongswan"],
        score: detect::score_ipsec_conf,
        parse: |cx, src| super::ipsec_conf::parse(cx, src),
    },
    FormatSpec {
        format: Format::IpsecSecrets,
        name: "ipsec-secrets",
        help: "strongSwan ipsec.secrets",
        file_names: &["ipsec.secrets"],
        not_under: &[],
        path_hints: &[],
        score: detect::score_ipsec_secrets,
        parse: |cx, src| super::ipsec_secrets::parse(cx, src),
    },
    FormatSpec {
        format: Format::Openvpn,
        name: "openvpn",
        help: "OpenVPN",
        file_names: &[],
        not_under: &[],
        path_hints: &["openvpn"],
        score: detect::score_openvpn,
        parse: |cx, src| super::openvpn::parse(cx, src),
    },
    FormatSpec {
        format: Format::Wireguard,
        name: "wireguard",
        help: "WireGuard wg-quick config",
        file_names: &[],
        not_under: &[],
        path_hints: &["wireguard"],
        score: detect::score_wireguard,
        parse: |cx, src| super::wireguard::parse(cx, src),
    },
    FormatSpec {
        format: Format::Hostapd,
        name: "hostapd",
        help: "hostapd.conf (access point)",
        file_names: &[],
        not_under: &[],
        path_hints: &[],
        score: detect::score_hostapd,
        parse: |cx, src| super::hostapd::parse(cx, src),
    },
    FormatSpec {
        format: Format::WpaSupplicant,
        name: "wpa-supplicant",
        help: "wpa_supplicant.conf (client network blocks)",
        file_names: &[],
        not_under: &[],
        path_hints: &[],
        score: detect::score_wpa_supplicant,
        parse: |cx, src| super::wpa_supplicant::parse(cx, src),
    },
    FormatSpec {
        format: Format::Nmconnection,
        name: "nmconnection",
        help: "NetworkManager keyfile (*.nmconnection), Wi-Fi connections",
        file_names: &[],
        not_under: &[],
        path_hints: &[],
        score: detect::score_nmconnection,
        parse: |cx, src| super::nmconnection::parse(cx, src),
    },
    FormatSpec {
        format: Format::WlanXml,
        name: "wlan-xml",
        help: "Windows WLAN profile XML (netsh wlan export profile)",
        file_names: &[],
        not_under: &[],
        path_hints: &[],
        score: detect::score_wlan_xml,
        parse: |cx, src| super::wlan_xml::parse(cx, src),
    },
    FormatSpec {
        format: Format::NecIx,
        name: "nec-ix",
        help: "NEC UNIVERGE IX (show running-config)",
        file_names: &[],
        not_under: &[],
        path_hints: &[],
        score: detect::score_nec_ix,
        parse: |cx, src| super::nec_ix::parse(cx, src),
    },
    FormatSpec {
        format: Format::AlliedWarePlus,
        name: "allied-awplus",
        help: "Allied Telesis AlliedWare Plus (show running-config)",
        file_names: &[],
        not_under: &[],
        path_hints: &[],
        score: detect::score_allied_awplus,
        parse: |cx, src| super::allied_awplus::parse(cx, src),
    },
    FormatSpec {
        format: Format::CiscoAsa,
        name: "cisco-asa",
        help: "Cisco ASA (show running-config)",
        file_names: &[],
        not_under: &[],
        path_hints: &["asa"],
        score: detect::score_cisco_asa,
        parse: |cx, src| super::cisco_asa::parse(cx, src),
    },
    FormatSpec {
        format: Format::Panos,
        name: "panos",
        help: "Palo Alto PAN-OS (running-config XML or set commands)",
        file_names: &[],
        not_under: &[],
        path_hints: &[],
        score: detect::score_panos,
        parse: |cx, src| super::panos::parse(cx, src),
    },
    FormatSpec {
        format: Format::Junos,
        name: "junos",
        help: "Juniper Junos OS (hierarchical or display set)",
        file_names: &[],
        not_under: &[],
        path_hints: &["junos", "juniper", "srx"],
        score: detect::score_junos,
        parse: |cx, src| super::junos::parse(cx, src),
    },
    FormatSpec {
        format: Format::Netscaler,
        name: "netscaler",
        help: "Citrix NetScaler ADC / Gateway (ns.conf)",
        file_names: &[],
        not_under: &[],
        path_hints: &["netscaler", "citrix", "nsconfig"],
        score: detect::score_netscaler,
        parse: |cx, src| super::netscaler::parse(cx, src),
    },
];

/// Every [`Format`], in table order (what clap offers for `--as`).
pub const ALL: [Format; FORMATS.len()] = {
    let mut all = [Format::Nginx; FORMATS.len()];
    let mut i = 0;
    while i < FORMATS.len() {
        all[i] = FORMATS[i].format;
        i += 1;
    }
    all
};

impl Format {
    /// This format's entry in [`FORMATS`].
    pub fn spec(self) -> &'static FormatSpec {
        &FORMATS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// Parses one top-level file (following its includes) into a model.
    pub fn parse(self, cx: &mut ParseCx, src: &Arc<SourceFile>) {
        // Room for the endpoints a file of this size usually has: growing a vector of these
        // large structs copied them all at every doubling (docs/performance.md). HAProxy
        // writes one (a `bind` or a `server ... ssl`) every ~150 bytes, nginx and httpd a
        // server block every kilobyte or so; capped, so a huge file reserves no more.
        let bytes_per_endpoint = match self {
            Format::Haproxy => Some(128),
            Format::Nginx | Format::Apache => Some(512),
            _ => None,
        };
        if let Some(bytes) = bytes_per_endpoint {
            cx.model.tls_endpoints.reserve((src.text.len() / bytes).clamp(8, 256));
        }
        (self.spec().parse)(cx, src)
    }
}

impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let spec = self.spec();
        Some(clap::builder::PossibleValue::new(spec.name).help(spec.help))
    }
}

impl serde::Serialize for Format {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_enum_order() {
        for (i, spec) in FORMATS.iter().enumerate() {
            assert_eq!(spec.format as usize, i, "{}", spec.name);
        }
    }
}
