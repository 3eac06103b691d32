//! ## What it does
//! Flags a setting judged on a vendor default that changed between releases (nginx
//! `ssl_protocols`: TLSv1 TLSv1.1 TLSv1.2 before 1.23.4, TLSv1.3 added in 1.23.4, TLSv1 and
//! TLSv1.1 dropped in 1.27.3; HAProxy's bind-side `ssl-min-ver`, TLSv1.0 before 2.2) when
//! kensa.toml `[assume]` does not say which release runs the config.
//!
//! ## Why
//! A copied config does not say its release. Judging the absent directive on the newest
//! release's default alone could pass a server that, on an older release, still offers
//! TLS 1.0 (clause 13-6). The finding sits at the block that relies on the default and
//! names the releases; pinning the release (`[assume] nginx = "1.22"`) makes kensa judge
//! that release's default instead, and this finding goes away.
//!
//! ## Example
//! `server { listen 443 ssl; }` with no `ssl_protocols` and no `[assume] nginx` → CFG002;
//! with `ssl_protocols TLSv1.3;`, or with the release pinned, no finding.

use crate::i18n::Words;
use crate::model::Model;
use crate::rules::msg::ReleaseNotPinned;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for a in &model.assumptions {
        cx.examined();
        let message = ReleaseNotPinned {
            product: a.product.to_string(),
            setting: a.setting.to_string(),
            releases: Words::from_table(&a.releases_ja, &a.releases_en),
        };
        cx.report(&a.subject, &a.origin, message);
    }
}
