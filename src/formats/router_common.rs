//! Helpers shared by the router/firewall formats (FortiOS, YAMAHA RTX, Cisco IOS): secret
//! handling (measure, then mask), and the mapping of
//! vendor algorithm names onto the lowercase proposal vocabulary of [`crate::model::Proposal`].

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::{ParseCx, SecretRecord};
use crate::model::{Account, InterfaceZone, MgmtProtocol, MgmtService, Model, Origin, Proposal, Reachability, SecretKind, SecretStorage, Setting, TimeSource};
use crate::source::SourceFile;

/// Masks anything that may be a secret in a line of text kensa does not positively
/// understand: everything after a secret keyword (see [`crate::model::mask_after_secret_keyword`]).
pub use crate::model::mask_after_secret_keyword as mask_line;

/// Text shown for a line kensa does not understand: its first word only (router configs put
/// secrets on the same line as their keywords, and a diagnostic must never echo one); a
/// one-word line is not shown at all.
pub fn unrecognized_text(line: &str) -> String {
    let mut ws = line.split_whitespace();
    let first = ws.next().unwrap_or("");
    if ws.next().is_some() {
        format!("{} ...", first.chars().take(40).collect::<String>())
    } else {
        "(one word, not shown)".to_string()
    }
}

/// An origin for a directive whose evidence must not show the value: the span is the real
/// one, the evidence is `masked`.
pub fn masked_origin(src: &SourceFile, start: usize, end: usize, masked: &str) -> Origin {
    src.origin_showing(start, end, &crate::formats::evidence_text(masked))
}

/// A secret-bearing command line kensa does not read: shown masked after its secret keyword
/// ([`ParseCx::secret_not_read`]).
pub fn secret_not_read(cx: &mut ParseCx, src: &SourceFile, start: usize, end: usize, line: &str, subject: &str) {
    cx.secret_not_read(&masked_origin(src, start, end, &mask_line(line)), subject);
}

/// One command line of a router CLI (Cisco IOS, Cisco ASA): its words, borrowed from the
/// file, and the span from its first word to its last.
pub struct Command<'a> {
    pub words: Vec<&'a str>,
    pub start: usize,
    pub end: usize,
}

impl Command<'_> {
    pub fn origin(&self, src: &SourceFile) -> Origin {
        src.origin(self.start, self.end)
    }
}

/// The command on the physical line `line` at offset `at`: whitespace-separated words,
/// nothing quoted (the one lexer, `formats/lex.rs`).
pub fn command(at: usize, line: &str) -> Command<'_> {
    let (ws, _) = crate::formats::lex::words(at, line, crate::formats::lex::Syntax::PLAIN);
    Command {
        words: ws.iter().map(|w| &line[w.start - at..w.end - at]).collect(),
        start: ws.first().map_or(at, |w| w.start),
        end: ws.last().map_or(at, |w| w.end),
    }
}

/// A top-level command of an IOS-like config (Cisco IOS, AlliedWare Plus) and the commands
/// of the sub-mode it opens (`interface`, `line`, `crypto map` ...); most commands open none.
pub struct Block<'a> {
    pub head: Command<'a>,
    /// Offset just past the block's last command.
    pub end: usize,
    pub children: Vec<Command<'a>>,
}

impl<'a> Block<'a> {
    /// A command with no children (yet).
    pub fn new(head: Command<'a>) -> Self {
        Block {
            end: head.end,
            head,
            children: Vec::new(),
        }
    }

    /// The whole block: its command and its children.
    pub fn origin(&self, src: &SourceFile) -> Origin {
        src.origin(self.head.start, self.end)
    }
}

/// `cmd` belongs to the sub-mode of the last block read; with no block above it, it is a
/// line kensa cannot place (`text`, shown by its first word only), counted.
pub fn push_child<'a>(cx: &mut ParseCx, src: &SourceFile, blocks: &mut [Block<'a>], cmd: Command<'a>, text: &str) {
    match blocks.last_mut() {
        Some(b) => {
            b.end = cmd.end;
            b.children.push(cmd);
        }
        None => cx.unrecognized(src, cmd.start, &unrecognized_text(text)),
    }
}

/// A bound on how many of one kind of thing a router config is judged for (a hostile file
/// must not grow memory without end): what lies beyond is said, never silently dropped.
pub struct Cap {
    pub limit: usize,
    /// What is counted, plural (`crypto map entries`).
    pub what: &'static str,
    pub level: DiagLevel,
}

impl Cap {
    pub const fn new(limit: usize, what: &'static str, level: DiagLevel) -> Self {
        Cap { limit, what, level }
    }

    /// The diagnostic at `at` for a list cut at the limit.
    pub fn report(&self, cx: &mut ParseCx, src: &SourceFile, at: usize) {
        let detail = format!("more than {} {}; the rest are not judged", self.limit, self.what);
        cx.diag(self.level, src, at, DiagKind::Syntax { detail });
    }

    /// `item` appended to `list` below the limit; the first item over it (at `at`) is
    /// reported, later ones are dropped without another diagnostic.
    pub fn push<T>(&self, cx: &mut ParseCx, src: &SourceFile, at: usize, list: &mut Vec<T>, item: T) {
        if list.len() < self.limit {
            list.push(item);
        } else if list.len() == self.limit {
            self.report(cx, src, at);
        }
    }
}

/// How an IOS-like config shows which commands belong to a sub-mode.
pub struct Layout {
    /// The config's left margin: the least indentation of a global-only command (a config
    /// pasted into a ticket or mail often has every line shifted by a space or a tab).
    /// Without such a command, the least indentation of any command line.
    pub margin: usize,
    /// No command is indented past the margin: the indentation was stripped (or never
    /// written), so which commands belong to a sub-mode is read from the commands, as IOS
    /// itself does: a command stays in the open mode until one that only the global mode
    /// has.
    pub flush: bool,
}

/// The layout of `text`, whose vendor's global-only commands (first words) are
/// `global_only`; `!` lines are comments (IOS, NEC IX).
pub fn layout(text: &str, global_only: &[&str]) -> Layout {
    let indent = |t: &str| t.len() - t.trim_start().len();
    let commands = || {
        crate::formats::lex::physical(text)
            .map(|(_, t)| t)
            .filter(|t| !t.trim().is_empty() && !t.trim_start().starts_with('!'))
    };
    let margin = commands()
        .filter(|t| t.split_whitespace().next().is_some_and(|w| global_only.contains(&w)))
        .map(indent)
        .min()
        .or_else(|| commands().map(indent).min())
        .unwrap_or(0);
    let flush = commands().all(|t| indent(t) <= margin);
    Layout { margin, flush }
}

/// `ntp server` lines and `ntp authenticate` as IOS and AlliedWare Plus write them.
#[derive(Default)]
pub struct Ntp {
    pub authenticate: bool,
    pub servers: Vec<NtpServer>,
}

pub struct NtpServer {
    pub server: String,
    /// The line names a `key`.
    pub keyed: bool,
    pub origin: Origin,
}

impl Ntp {
    /// The model's time sources: a server is authenticated when its line names a key and
    /// `ntp authenticate` is on (without it the device does not check the key).
    pub fn lower(self, model: &mut Model) {
        for s in self.servers {
            model.time_sources.push(TimeSource {
                origin: s.origin,
                server: s.server,
                authenticated: s.keyed && self.authenticate,
            });
        }
    }
}

/// The local accounts into the model. Without an authentication server (`login_by_server`
/// false) an administrator logs in with its password alone (these vendors have no local
/// second factor), which `note` says; with one, whether the server asks for a second factor
/// is not in the file: left unknown. Returns whether some administrator was so flagged.
pub fn lower_accounts(model: &mut Model, accounts: Vec<Account>, login_by_server: bool, note: &str) -> bool {
    let mut admins_flagged = false;
    for mut a in accounts {
        if !login_by_server && a.admin {
            a.second_factor = Some(Setting::default_at(false, a.origin.with_note(note)));
            admins_flagged = true;
        }
        model.accounts.push(a);
    }
    admins_flagged
}

/// What an interface `description` says of its side: a description is a person's note,
/// not configuration, so it can make an interface internal (fewer claims), never
/// internet-facing (issue 17 §3).
pub fn description_zone(zone: InterfaceZone, description: &[&str]) -> InterfaceZone {
    let d = description.join(" ").to_ascii_lowercase();
    if zone == InterfaceZone::Unknown && ["lan", "inside", "internal", "院内", "user", "server"].iter().any(|k| d.contains(k)) {
        InterfaceZone::Internal
    } else {
        zone
    }
}

/// True when the IPv4 address `hop` lies in the prefix `addr`/`len` (`len` as written: a
/// length above 32 or not a number contains nothing).
pub fn in_prefix(hop: [u8; 4], addr: &str, len: &str) -> bool {
    match (ipv4(addr), len.parse::<u32>().ok().filter(|l| *l <= 32)) {
        (Some(a), Some(len)) => {
            let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
            u32::from_be_bytes(a) & mask == u32::from_be_bytes(hop) & mask
        }
        _ => false,
    }
}

/// The first of the default routes `routes` that leaves by the interface `name` holding
/// `addresses`: the route names the interface (`ip route 0.0.0.0/0 ppp0`), or its next hop
/// lies inside one of the interface's subnets (`in_subnet`, reading an address as the
/// vendor writes it).
pub fn default_route_via<'r>(routes: &'r [String], name: &str, addresses: &[String], in_subnet: impl Fn([u8; 4], &str) -> bool) -> Option<&'r str> {
    let leaves = |via: &str| match ipv4(via) {
        Some(hop) => addresses.iter().any(|a| in_subnet(hop, a)),
        None => name == via,
    };
    routes.iter().map(String::as_str).find(|via| leaves(via))
}

/// The `encryption`, `integrity`, `prf` and `group` lines of a Cisco IKEv2 proposal (IOS
/// `crypto ikev2 proposal`, ASA `crypto ikev2 policy`), the vendor's algorithm names mapped
/// by `enc` and `hash`; other lines are left to the caller.
pub fn cisco_ikev2_proposal(children: &[Command], enc: fn(&str) -> String, hash: fn(&str) -> String) -> Proposal {
    let mut p = Proposal::default();
    for ch in children {
        match ch.words.as_slice() {
            ["encryption", algs @ ..] => p.encryption.extend(algs.iter().map(|a| enc(a))),
            ["integrity", algs @ ..] => p.integrity.extend(algs.iter().map(|a| hash(a))),
            ["prf", algs @ ..] => p.prf.extend(algs.iter().map(|a| format!("prf{}", hash(a)))),
            ["group", gs @ ..] => p.dh_groups.extend(dh_group_names(gs)),
            _ => {}
        }
    }
    p
}

/// `snmp-server community NAME ...` (IOS, AlliedWare Plus): an SNMPv2c service, reachable
/// from everywhere unless the line names an access list `acl`, into `services`; the
/// community recorded as a plaintext secret, read-write with `rw`. `origin`'s evidence is
/// already masked.
pub fn snmp_community(cx: &mut ParseCx, services: &mut Vec<MgmtService>, subject: String, origin: Origin, community: &str, rw: bool, acl: Option<&str>) {
    let reach = acl.map_or(Reachability::Unrestricted, |a| Reachability::Restricted(vec![a.to_string()]));
    services.push(MgmtService {
        subject: subject.clone(),
        protocol: MgmtProtocol::Snmp,
        origin: origin.clone(),
        enabled: Setting::explicit(true, origin.clone()),
        reachable_from: Setting::explicit(reach, origin.clone()),
        version: Some(Setting::explicit(2, origin.clone())),
        strong_auth: Some(Setting::explicit(false, origin.clone())),
    });
    let record = SecretRecord::new(SecretKind::SnmpCommunity, SecretStorage::Plaintext, subject, origin);
    cx.secret(record.value(Some(community)).read_write(rw));
}

/// The Diffie-Hellman groups a Cisco `set pfs groupN` names (`group14`: `modp2048`); none
/// for a group kensa does not know.
pub fn pfs_groups(written: &str) -> Vec<String> {
    dh_group_names([written.trim_start_matches("group")])
}

/// The child SA proposals as negotiated with PFS: each with the PFS groups `dh`.
pub fn with_pfs_groups<'p>(proposals: impl Iterator<Item = &'p Proposal>, dh: &[String]) -> Vec<Proposal> {
    proposals
        .map(|p| Proposal {
            dh_groups: dh.to_vec(),
            ..p.clone()
        })
        .collect()
}

/// PFS on where the config sets it (at `set`); else off by default, at `block`, with
/// `note` saying which line is missing.
pub fn pfs(set: Option<Origin>, block: &Origin, note: &str) -> Setting<bool> {
    match set {
        Some(o) => Setting::explicit(true, o),
        None => Setting::default_at(false, block.with_note(note)),
    }
}

/// Decodes a Cisco type-7 password (Vigenère with a fixed key; anyone can reverse it), so its
/// strength can be measured. None when the text is not valid type 7.
pub fn cisco_type7_decode(enc: &str) -> Option<String> {
    const XLAT: &[u8] = b"dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";
    if enc.len() < 4 || enc.len() % 2 != 0 || !enc.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let seed: usize = enc.get(..2)?.parse().ok()?;
    let mut out = String::new();
    let bytes = enc.get(2..)?;
    for (i, pair) in bytes.as_bytes().chunks(2).enumerate() {
        let hex = std::str::from_utf8(pair).ok()?;
        let v = u8::from_str_radix(hex, 16).ok()?;
        let k = XLAT.get((seed + i) % XLAT.len())?;
        out.push((v ^ k) as char);
    }
    Some(out)
}

/// IKE/IPsec Diffie-Hellman group number (RFC 3526/5114/5903/7748 registry) → vocabulary.
pub fn dh_group_number(n: u32) -> Option<&'static str> {
    // The shared vocabulary's table (formats::ipsec_proposal).
    u16::try_from(n).ok().and_then(crate::formats::ipsec_proposal::dh_group_from_number)
}

/// Diffie-Hellman group numbers as written (`14`, `"20"`) as group names; unknown numbers
/// are dropped.
pub fn dh_group_names(numbers: impl IntoIterator<Item = impl AsRef<str>>) -> Vec<String> {
    numbers
        .into_iter()
        .filter_map(|v| v.as_ref().parse().ok().and_then(dh_group_number))
        .map(str::to_string)
        .collect()
}

/// Parses an IPv4 dotted quad.
pub fn ipv4(s: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut it = s.split('.');
    for o in out.iter_mut() {
        *o = it.next()?.parse().ok()?;
    }
    it.next().is_none().then_some(out)
}

/// True for an address that stands for "any" (0.0.0.0, ::, any, *).
pub fn is_any_address(s: &str) -> bool {
    matches!(s, "0.0.0.0" | "0.0.0.0/0" | "::" | "::/0" | "any" | "*" | "0.0.0.0/0.0.0.0")
}

/// True for an IPv4 address (with or without `/len`) that is routable on the internet: not
/// private, loopback, link-local, shared (CGNAT), multicast or reserved. An interface holding
/// one faces outward (issue 17 §3: the config says so, no name or description guessed).
/// Documentation ranges (203.0.113.0/24 ...) count as public: examples use them for exactly that.
pub fn is_public_ipv4(addr: &str) -> bool {
    let a = addr.split('/').next().unwrap_or(addr);
    ipv4(a).is_some_and(|[a, ..]| a != 0 && a != 255) && !is_bogon_prefix(a)
}

/// Private, loopback, link-local and other bogon IPv4 sources that must never arrive on a
/// WAN interface (RFC 1918, RFC 6890).
pub fn is_bogon_prefix(addr: &str) -> bool {
    let a = addr.split('/').next().unwrap_or(addr);
    match ipv4(a) {
        Some([10, ..]) | Some([127, ..]) | Some([0, ..]) => true,
        Some([172, b, ..]) if (16..32).contains(&b) => true,
        Some([192, 168, ..]) | Some([169, 254, ..]) => true,
        Some([100, b, ..]) if (64..128).contains(&b) => true,
        Some([a, ..]) if a >= 224 => true,
        _ => false,
    }
}

/// A template placeholder written with spaces (`{{ remote_wan_ip }}`, as Ansible and Jinja
/// write them) at the start of `words`: the whole value and how many words it took. Read as
/// words, `{{` would stand for the address and push the line's keywords out of place.
pub fn placeholder_value(words: &[&str]) -> Option<(String, usize)> {
    let first = words.first()?;
    if !first.starts_with("{{") || first.ends_with("}}") {
        return None;
    }
    let end = words.iter().position(|w| w.ends_with("}}"))?;
    Some((words[..=end].join(" "), end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type7_decodes_the_classic_example() {
        // The widely published example: "cisco" encoded as type 7.
        assert_eq!(cisco_type7_decode("070C285F4D06").as_deref(), Some("cisco"));
        assert_eq!(cisco_type7_decode("zz"), None);
    }

    #[test]
    fn public_addresses() {
        assert!(is_public_ipv4("203.0.113.2") && is_public_ipv4("198.51.100.1/30"));
        assert!(!is_public_ipv4("192.168.1.1") && !is_public_ipv4("100.64.0.1") && !is_public_ipv4("dhcp"));
    }

    #[test]
    fn bogons() {
        assert!(is_bogon_prefix("10.0.0.0/8"));
        assert!(is_bogon_prefix("172.20.0.0"));
        assert!(!is_bogon_prefix("203.0.113.1"));
    }
}
