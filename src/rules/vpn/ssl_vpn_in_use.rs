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

use crate::model::{Model, VpnKind};
use crate::advisories::Version;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    let fortios = model.firmware.iter().find(|f| f.product == "FortiOS").and_then(|f| Version::parse(&f.version));
    for t in model.vpn_tunnels.iter().filter(|t| t.kind == VpnKind::SslVpn) {
        cx.examined();
        let (ja, en) = match &fortios {
            Some(v) if v.parts.as_slice() >= [7, 6, 3].as_slice() => (
                "この版の FortiOS ではトンネルモードが廃止されています。IPsec VPN への移行を確認してください。",
                "This FortiOS release no longer has tunnel mode; confirm the migration to IPsec VPN.",
            ),
            Some(_) => (
                "FortiOS 7.6.3 でトンネルモードが廃止されるため、更新時には IPsec VPN への移行が必要です。",
                "FortiOS 7.6.3 removes tunnel mode; an upgrade requires moving users to IPsec VPN.",
            ),
            None => ("", ""),
        };
        cx.report(&t.subject, &t.origin, vec![("eol_ja", ja.into()), ("eol_en", en.into())]);
    }
}
