//! ## What it does
//! Flags access points that answer broadcast ("ANY") probe requests, i.e. that do not set
//! the SSID-hiding / ignore-broadcast-probe option (hostapd `ignore_broadcast_ssid=0`, its
//! default).
//!
//! ## Why
//! Clause 13-13 gives refusing "ANY" probes as an example of keeping unauthorised
//! stations out. Hiding the SSID is not a security boundary by itself: the SSID still
//! travels in clear in clients' probe requests and association frames, and clients that
//! must probe for a hidden SSID reveal it wherever they go. Do it because the guideline
//! asks for it, and rely on WPA2/WPA3 for the actual protection.
//!
//! ## Example
//! `ignore_broadcast_ssid=0` → WLAN005.

use crate::model::Model;
use crate::rules::msg::AnswersBroadcastProbe;
use crate::rules::wlan::access_points;
use crate::rules::Checker;

pub fn check(model: &Model, cx: &mut Checker) {
    for w in access_points(model) {
        cx.judge(&w.subject, w.answers_broadcast_probe.as_ref(), |answers| *answers, AnswersBroadcastProbe);
    }
}
