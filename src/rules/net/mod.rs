//! NET rules (clauses 13-2, 13-5, 13-11): firmware, filtering, anti-spoofing and what the
//! device forwards between tunnels.

pub mod anti_spoofing;
pub mod any_service_tunnel;
pub mod known_exploited;
pub mod tunnel_to_tunnel;
