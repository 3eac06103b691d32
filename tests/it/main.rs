//! Every integration test in one binary: one link instead of one per file, so a cold
//! `cargo test` spends its time compiling kensa, not linking forty test executables.
//! Each module is what was once its own `tests/<name>.rs`; run one with
//! `cargo test --test it <module>::`.

mod probe_support;
mod router_support;
mod test_inputs;

mod advisories_update;
mod assumptions;
mod bad_input;
mod cli;
mod diagnostic_flood;
mod docs_in_sync;
mod golden;
mod handover_report;
mod history;
mod history_postgres;
mod human_report;
mod inherited;
mod inherited_strongswan;
mod openssl_cipher_strings;
mod partial_inputs;
mod probe_certs;
mod probe_cli;
mod probe_client_auth;
mod probe_hostile;
mod probe_ocsp;
#[allow(clippy::bool_assert_comparison)] // `== false` reads as the measured value
mod probe_openssl;
#[allow(clippy::bool_assert_comparison)] // `== false` reads as the measured value
mod probe_rustls;
mod probe_scripted;
mod probe_starttls;
mod real_configs;
mod router_advisories;
mod router_ciscoconfparse;
mod router_exposure;
mod router_pasted;
mod router_redacted;
mod router_samples;
mod router_surfaces;
mod rule_registry;
mod sarif_schema;
mod secret_reuse;
mod secret_storage_advice;
mod secrets_canary;
mod trees;
mod trust_endpoints;
mod vendor_allied_awplus;
mod vendor_cisco_asa;
mod vendor_junos;
mod vendor_nec_ix;
mod vendor_netscaler;
mod vendor_panos;
mod vpn_debian_examples;
mod vpn_robustness;
mod vpn_samples;
mod wlan_debian_examples;
mod wlan_formats;
mod wlan_robustness;
mod wlan_samples;
mod wlan_secrets_canary;
