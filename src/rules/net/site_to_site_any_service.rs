//! ## What it does
//! Flags site-to-site VPN tunnels whose firewall policies let every service through
//! (`service ALL`).
//!
//! ## Why
//! Clause 13-11 asks that connections to outside networks be chosen with their threats in
//! mind. In the Osaka hospital attack the meal-service vendor's tunnel carried RDP straight
//! to the hospital's servers because nothing limited what the closed network could reach.
//!
//! ## Example
//! FortiOS policy `set srcintf "to-vendor"` … `set service "ALL"` `set action accept`
//! → NET004.

use crate::model::{Model, VpnUse};
use crate::rules::msg::SiteToSiteAnyService;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for t in model.vpn_tunnels.iter().filter(|t| t.usage != VpnUse::RemoteAccess) {
        let any = |services: &Vec<String>| services.iter().any(|x| x.eq_ignore_ascii_case("ALL") || x.eq_ignore_ascii_case("any"));
        cx.judge(&t.subject, t.allowed_services.as_ref(), any, SiteToSiteAnyService);
    }
}
