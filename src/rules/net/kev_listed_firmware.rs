//! ## What it does
//! Notes, for each device, the vulnerabilities CISA listed in its Known Exploited
//! Vulnerabilities catalogue (KEV) for its product after kensa's table was compared with
//! the catalogue, when the KEV copy `kensa advisories update` downloaded is newer than the
//! table. KEV names no versions, so this is information only: it never says the device is
//! affected.
//!
//! ## Why
//! Clause 13-5 requires trusted network devices. Between kensa releases, KEV is where a new
//! exploited flaw in a VPN appliance shows first; the hospital should hear of it on the
//! next run, and check the vendor's advisory.
//!
//! ## Example
//! A FortiOS config, with a downloaded KEV copy that lists a FortiOS CVE the table does not
//! have → NET005 (info).

use crate::i18n::Words;
use crate::model::Model;
use crate::rules::msg::KevListedFirmware;
use crate::rules::Checker;

crate::i18n::terms! {
    /// Whether CISA knows the vulnerability to be used by ransomware.
    enum Ransomware {
        Known => "ランサムウェア攻撃での使用も確認されています。", " It is known to be used in ransomware campaigns.";
    }
}

pub fn check(model: &Model, cx: &mut Checker) {
    let Some(feed) = &cx.advisories.feed else { return };
    let catalog = feed.catalog_version.clone();
    for fw in &model.firmware {
        cx.examined();
        for e in cx.advisories.kev_only.iter().filter(|e| e.product == fw.product.name()) {
            let ransomware = if e.ransomware == "Known" {
                Ransomware::Known.into()
            } else {
                Words::nothing()
            };
            let message = KevListedFirmware {
                cve: e.cve.clone(),
                product: fw.product.to_string(),
                version: fw.version.clone(),
                name: e.name.clone(),
                date_added: e.date_added.clone(),
                catalog: catalog.clone(),
                ransomware,
            };
            let subject = format!("{} {} ({})", fw.product, fw.version, e.cve);
            cx.report(&subject, &fw.origin, message);
        }
    }
}
