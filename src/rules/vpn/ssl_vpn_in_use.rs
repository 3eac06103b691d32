//! ## What it does
//! Notes every enabled SSL-VPN: the guideline asks for a method that resists fake servers,
//! and FortiOS 7.6.3 removed SSL-VPN tunnel mode (settings are not migrated).
//!
//! ## Why
//! Clause 13-6 says SSL-VPN must be chosen so that a fake server cannot collect credentials
//! (server certificate checked by the client, client certificates). Four of the five
//! exploited-firmware entries in kensa's table are SSL-VPN flaws.
//!
//! ## Example
//! FortiOS `config vpn ssl settings` with `set source-interface "wan1"` → VPN102.

use crate::advisories::Version;
use crate::i18n::Words;
use crate::model::{Model, Product, VpnKind};
use crate::rules::msg::SslVpnInUse;
use crate::rules::Checker;

crate::i18n::terms! {
    /// FortiOS's end of SSL-VPN tunnel mode, as it bears on the release in use.
    enum TunnelModeEnd {
        Removed => "この版の FortiOS ではトンネルモードが廃止されています。IPsec VPN への移行を確認してください。",
            "This FortiOS release no longer has tunnel mode; confirm the migration to IPsec VPN.";
        Coming => "FortiOS 7.6.3 でトンネルモードが廃止されるため、更新時には IPsec VPN への移行が必要です。",
            "FortiOS 7.6.3 removes tunnel mode; an upgrade requires moving users to IPsec VPN.";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    let fortios = model
        .firmware
        .iter()
        .find(|f| f.product == Product::FortiOs)
        .and_then(|f| Version::parse(&f.version));
    for t in model.vpn_tunnels.iter().filter(|t| t.kind == VpnKind::SslVpn) {
        cx.examined();
        let eol = match &fortios {
            Some(v) if v.parts.as_slice() >= [7, 6, 3].as_slice() => TunnelModeEnd::Removed.into(),
            Some(_) => TunnelModeEnd::Coming.into(),
            None => Words::nothing(),
        };
        cx.report(&t.subject, &t.origin, SslVpnInUse { eol });
    }
}
