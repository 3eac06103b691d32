//! The routing engine's own firewall filter (`interfaces lo0 unit 0 family inet filter
//! input F`): which sources reach a management service through it.
//!
//! Junos evaluates a filter's terms in the order the configuration lists them; the first
//! term whose `from` conditions match decides, and a packet no term matches is discarded
//! (Junos "Firewall Filter Components": "an implicit discard-all term" ends every filter;
//! a term without a terminating action in `then` accepts). So a filter restricts a service
//! only when every term that can take the service's packets and accepts them names its
//! sources (`source-address`, `source-prefix-list`); a term that accepts them from any
//! source (`term default then accept`, the common last term of a filter written to count,
//! not to protect) opens the service to every host, whatever the terms before it said.

use crate::model::Origin;

/// Terms kept per filter, beyond which a term is not read (a real protect-RE filter has
/// a few dozen).
pub const MAX_TERMS: usize = 1_024;
/// Sources or ports kept per term.
const MAX_PER_TERM: usize = 256;

/// One filter's terms, in configuration order.
#[derive(Default)]
pub struct Filter {
    pub terms: Vec<Term>,
}

#[derive(Default)]
pub struct Term {
    pub name: String,
    /// `from source-address A` (without `except`) and `from source-prefix-list L`.
    pub sources: Vec<String>,
    /// `from destination-port` / `port` values as written (`ssh`, `22`, `20-23`).
    pub ports: Vec<String>,
    /// `from protocol` values.
    pub protocols: Vec<String>,
    /// `then discard` / `reject`.
    pub drops: bool,
    /// `then next term`: the packet goes on to the next term.
    pub next: bool,
    pub origin: Option<Origin>,
}

impl Filter {
    /// Reads one statement under `firewall … filter F term T` (`rest` after the term name).
    pub fn statement(&mut self, term: &str, rest: &[&str], origin: impl Fn() -> Origin) {
        let t = match self.terms.iter().position(|t| t.name == term) {
            Some(i) => &mut self.terms[i],
            None if self.terms.len() < MAX_TERMS => {
                self.terms.push(Term {
                    name: term.to_string(),
                    ..Term::default()
                });
                self.terms.last_mut().expect("just pushed")
            }
            None => return,
        };
        t.origin.get_or_insert_with(&origin);
        let room = |v: &Vec<String>| v.len() < MAX_PER_TERM;
        match rest {
            ["from", "source-address", a] if room(&t.sources) => t.sources.push(a.to_string()),
            ["from", "source-prefix-list", l] if room(&t.sources) => t.sources.push(format!("prefix-list {l}")),
            ["from", "destination-port" | "port", p, ..] if room(&t.ports) => t.ports.push(p.to_string()),
            ["from", "protocol", p, ..] if room(&t.protocols) => t.protocols.push(p.to_string()),
            ["then", "discard" | "reject", ..] => t.drops = true,
            ["then", "next", "term", ..] => t.next = true,
            _ => {}
        }
    }

    /// Who reaches `service` (a `system services` name) through this filter; `port` is the
    /// port the service is configured to listen on when not its standard one (J-Web
    /// `https port 8443`): a term then matches it by that number, not by the service's name.
    pub fn reach(&self, service: &str, port: Option<u16>) -> FilterReach<'_> {
        let (mut port_name, mut number, protocol) = match service {
            "telnet" => ("telnet", 23, "tcp"),
            "ftp" => ("ftp", 21, "tcp"),
            "ssh" => ("ssh", 22, "tcp"),
            "http" => ("http", 80, "tcp"),
            "https" => ("https", 443, "tcp"),
            "snmp" => ("snmp", 161, "udp"),
            _ => return FilterReach::Sources(Vec::new()),
        };
        if let Some(n) = port.filter(|n| *n != number) {
            (port_name, number) = ("", n);
        }
        let mut sources = Vec::new();
        for t in &self.terms {
            if t.next
                || (!t.protocols.is_empty() && !t.protocols.iter().any(|p| p == protocol || p == if protocol == "tcp" { "6" } else { "17" }))
                || (!t.ports.is_empty() && !t.ports.iter().any(|p| port_matches(p, port_name, number)))
            {
                continue;
            }
            let open_source = t.sources.is_empty() || t.sources.iter().any(|s| s == "0.0.0.0/0" || s == "0/0");
            match (t.drops, open_source) {
                // Drops the service's packets from every source: later terms never see them.
                (true, true) => break,
                (true, false) => {}
                (false, true) => return FilterReach::Open(t),
                (false, false) => sources.extend(t.sources.iter().cloned()),
            }
        }
        FilterReach::Sources(sources)
    }
}

/// What a filter lets reach a service.
pub enum FilterReach<'a> {
    /// This term accepts the service's packets from any source.
    Open(&'a Term),
    /// Only these sources (none: the filter discards the service's packets).
    Sources(Vec<String>),
}

/// Whether a `destination-port` value (a name, a number or a `low-high` range) covers the
/// service's port.
fn port_matches(value: &str, name: &str, number: u16) -> bool {
    if !name.is_empty() && value == name {
        return true;
    }
    match value.split_once('-') {
        Some((lo, hi)) => matches!((lo.parse::<u16>(), hi.parse::<u16>()), (Ok(lo), Ok(hi)) if (lo..=hi).contains(&number)),
        None => value.parse::<u16>() == Ok(number),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(lines: &[(&str, &[&str])]) -> Filter {
        let mut f = Filter::default();
        for (term, rest) in lines {
            f.statement(term, rest, || Origin::file("t".into(), 1, 1, (0, 0), "term"));
        }
        f
    }

    #[test]
    fn terms_decide_in_order() {
        // The protect-RE shape: ICMP from anywhere, SSH from the management network, the
        // rest discarded.
        let protect = filter(&[
            ("icmp", &["from", "protocol", "icmp"]),
            ("icmp", &["then", "accept"]),
            ("ssh", &["from", "source-prefix-list", "mgmt"]),
            ("ssh", &["from", "protocol", "tcp"]),
            ("ssh", &["from", "destination-port", "ssh"]),
            ("ssh", &["then", "accept"]),
            ("rest", &["then", "discard"]),
        ]);
        assert!(matches!(protect.reach("ssh", None), FilterReach::Sources(s) if s == ["prefix-list mgmt"]));
        assert!(matches!(protect.reach("telnet", None), FilterReach::Sources(s) if s.is_empty()));
        // A final term that accepts everything opens every service the terms before it
        // did not discard.
        let counting = filter(&[
            ("ssh", &["from", "source-address", "192.0.2.0/24"]),
            ("ssh", &["from", "port", "22"]),
            ("ssh", &["then", "accept"]),
            ("default", &["then", "count"]),
            ("default", &["then", "accept"]),
        ]);
        assert!(matches!(counting.reach("ssh", None), FilterReach::Open(t) if t.name == "default"));
        // Discarded from every source before the open term: never reached.
        let closed = filter(&[
            ("no-telnet", &["from", "port", "23-23"]),
            ("no-telnet", &["then", "reject"]),
            ("all", &["then", "accept"]),
        ]);
        assert!(matches!(closed.reach("telnet", None), FilterReach::Sources(s) if s.is_empty()));
        assert!(matches!(closed.reach("ssh", None), FilterReach::Open(_)));
    }

    /// J-Web on a configured port: a term for `https` (443) does not take its packets, a
    /// term for the configured number does.
    #[test]
    fn a_configured_port_is_matched_by_number() {
        let f = filter(&[
            ("web", &["from", "source-address", "192.0.2.0/24"]),
            ("web", &["from", "destination-port", "https"]),
            ("web", &["then", "accept"]),
            ("alt", &["from", "destination-port", "8443"]),
            ("alt", &["then", "accept"]),
            ("rest", &["then", "discard"]),
        ]);
        assert!(matches!(f.reach("https", None), FilterReach::Sources(s) if s == ["192.0.2.0/24"]));
        assert!(matches!(f.reach("https", Some(8443)), FilterReach::Open(t) if t.name == "alt"));
        assert!(matches!(f.reach("https", Some(443)), FilterReach::Sources(s) if s == ["192.0.2.0/24"]));
    }
}
