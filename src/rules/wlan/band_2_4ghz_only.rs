//! ## What it does
//! Notes radios (and client profiles pinned to a band) that use only the 2.4 GHz band.
//!
//! ## Why
//! Clause 13-13 asks that the radio environment be considered (電波特性を勘案) so that
//! wireless LANs do not interfere with each other or with medical equipment. 2.4 GHz has
//! three non-overlapping channels and is shared with microwave ovens, Bluetooth and some
//! medical telemetry; 5 GHz (or 6 GHz) usually serves a hospital better. Information only.
//!
//! ## Example
//! `hw_mode=g` → WLAN011.

use crate::model::{Band, Model};
use crate::rules::msg::Band24ghzOnly;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for w in &model.wlans {
        let only_2_4ghz = |bands: &Vec<Band>| !bands.is_empty() && bands.iter().all(|b| *b == Band::Ghz2_4);
        cx.judge(&w.subject, w.bands.as_ref(), only_2_4ghz, Band24ghzOnly);
    }
}
