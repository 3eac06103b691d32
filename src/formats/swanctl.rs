//! strongSwan `swanctl.conf`: the strongSwan settings syntax (`key = value`, nested
//! `name { ... }` sections, `include`), lowered per `connections.<conn>` into a
//! [`VpnTunnel`] and per `secrets.<type>` into a [`Secret`](crate::model::Secret).
//!
//! Defaults are those of swanctl.conf(5) for strongSwan 5.9 (Debian 12 ships 5.9.8):
//! `version [0]` (IKEv1 and IKEv2 accepted as responder), `proposals [default]`,
//! `esp_proposals [default]` (no DH group: no PFS), `remote_addrs [%any]`,
//! `aggressive [no]`, `local.auth` / `remote.auth [pubkey]`. swanctl uses exactly the
//! configured proposals (unlike ipsec.conf, nothing is appended), so they are strict.
//!
//! Sections may inherit from others (`conn-a : conn-defaults, connections.base {`,
//! strongswan.conf(5) "Referencing other sections", since 5.7.0): every key and subsection
//! of the referenced sections that the section does not set itself is resolved into it
//! before lowering, so a connection is judged on the proposals its template gives it, and
//! the finding points at the template's line.

use crate::diag::{DiagKind, DiagLevel};
use crate::formats::ipsec_proposal::{self, ParsedProposals};
use crate::formats::vpn_common::{dflt, is_any_address, is_any_identity, masked_origin, unquote, unrecognized_word, yes_no};
use crate::formats::{ParseCx, SecretRecord};
use crate::i18n::notes::Note;
use crate::model::{AuthMethod, Origin, Proposal, SecretKind, SecretStorage, Setting, VpnKind, VpnRole, VpnTunnel, VpnUse};
use crate::source::SourceFile;
use nom::bytes::complete::take_while1;
use nom::character::complete::space0;
use nom::IResult;
use nom::Parser;
use std::sync::Arc;

/// Sections nested deeper than this are refused (real files use 4 or 5 levels).
pub const MAX_DEPTH: usize = 32;

/// References followed through other references deeper than this are refused (a loop
/// `a : b`, `b : a` ends here).
pub const MAX_REFERENCE_DEPTH: usize = 8;

/// Keys and sections copied by resolving references, at most, per input: each reference
/// copies a whole section tree, so a hostile file could otherwise multiply itself.
pub const MAX_INHERITED_ITEMS: usize = 200_000;

/// One `key = value` line.
#[derive(Debug, Clone)]
pub struct Kv {
    pub key: String,
    pub value: String,
    pub start: usize,
    pub end: usize,
    pub src: Arc<SourceFile>,
}

/// One `name { ... }` section; sections of the same name at one level are merged, as
/// strongSwan does.
#[derive(Debug, Clone)]
pub struct Section {
    pub name: String,
    pub start: usize,
    /// End of the opening line (`name {`), for evidence.
    pub open_end: usize,
    pub src: Arc<SourceFile>,
    pub kvs: Vec<Kv>,
    pub children: Vec<Section>,
    /// Child name → position, so reopening a section is O(1) even with many siblings.
    index: std::collections::HashMap<String, usize>,
    /// While reopened: the position this section returns to in its parent.
    slot: Option<usize>,
    /// `name : a, b.c {`: the absolute names of the sections this one inherits from, with
    /// the offset of the opening line (for a diagnostic when one is missing).
    refs: Vec<(String, usize)>,
}

impl Section {
    fn new(name: String, start: usize, open_end: usize, src: Arc<SourceFile>) -> Self {
        Section {
            name,
            start,
            open_end,
            src,
            kvs: Vec::new(),
            children: Vec::new(),
            index: Default::default(),
            slot: None,
            refs: Vec::new(),
        }
    }
    /// The last value given for a key (later lines override earlier ones); an empty value
    /// (`vips =`) clears the key, as in strongSwan.
    pub fn get(&self, key: &str) -> Option<&Kv> {
        self.kvs.iter().rev().find(|k| k.key == key).filter(|k| !k.value.trim().is_empty())
    }
    /// Keys and sections in this section's tree.
    fn size(&self) -> usize {
        1 + self.kvs.len() + self.children.iter().map(Section::size).sum::<usize>()
    }
    pub fn child(&self, name: &str) -> Option<&Section> {
        self.index.get(name).and_then(|&i| self.children.get(i))
    }
    pub fn origin(&self) -> Origin {
        self.src.origin(self.start, self.open_end)
    }
}

impl Kv {
    pub fn origin(&self) -> Origin {
        if is_secret_key(&self.key) {
            masked_origin(&self.src, self.start, self.end, &self.key, " = ")
        } else {
            self.src.origin(self.start, self.end)
        }
    }
}

/// Keys whose values are secrets and never shown.
fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("secret") || k == "pin" || k.contains("password") || k == "psk"
}

fn is_name_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '=' | '{' | '}' | '#' | ':' | '"')
}

fn name(i: &str) -> IResult<&str, &str> {
    take_while1(is_name_char).parse(i)
}

/// `name`, then optional blanks on the same line.
fn name_then_space(i: &str) -> IResult<&str, &str> {
    let (i, n) = name(i)?;
    let (i, _) = space0(i)?;
    Ok((i, n))
}

/// Parses strongSwan settings text into a root section, following `include`.
pub fn parse_tree(cx: &mut ParseCx, src: &Arc<SourceFile>) -> Section {
    let mut stack = vec![Section::new(String::new(), 0, 0, src.clone())];
    parse_into(cx, src, &mut stack);
    while stack.len() > 1 {
        let s = stack.pop().unwrap_or_else(|| Section::new(String::new(), 0, 0, src.clone()));
        if Arc::ptr_eq(&s.src, src) {
            let (opened_line, _) = src.line_col(s.start);
            cx.diag(DiagLevel::Error, src, s.start, DiagKind::UnterminatedBlock { opened_line });
        }
        attach(&mut stack, s);
    }
    stack.pop().unwrap_or_else(|| Section::new(String::new(), 0, 0, src.clone()))
}

fn attach(stack: &mut [Section], mut s: Section) {
    if let Some(parent) = stack.last_mut() {
        match s.slot.take() {
            Some(i) if i < parent.children.len() => parent.children[i] = s,
            _ => {
                parent.index.insert(s.name.clone(), parent.children.len());
                parent.children.push(s);
            }
        }
    }
}

/// Reads one file's statements into the open section stack (includes continue the stack,
/// as strongSwan splices included text in place).
fn parse_into(cx: &mut ParseCx, src: &Arc<SourceFile>, stack: &mut Vec<Section>) {
    let text = src.text.as_str();
    let base_depth = stack.len();
    let mut rest = text;
    let mut skip_depth = 0usize;
    loop {
        rest = rest.trim_start();
        let Some(c) = rest.chars().next() else { break };
        let at = text.len() - rest.len();
        let line_end = rest.find('\n').map_or(text.len(), |n| at + n);
        let line = &text[at..line_end];
        if c == '#' {
            rest = &text[line_end..];
            continue;
        }
        if skip_depth > 0 {
            match c {
                '{' => skip_depth += 1,
                '}' => skip_depth -= 1,
                _ => {}
            }
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if c == '}' {
            if stack.len() > base_depth {
                if let Some(s) = stack.pop() {
                    attach(stack, s);
                }
            } else {
                cx.diag(DiagLevel::Error, src, at, DiagKind::UnexpectedClose);
            }
            rest = &rest[1..];
            continue;
        }
        let Ok((after, word)) = name_then_space(rest) else {
            unrecognized_word(cx, src, at, line);
            rest = &text[line_end..];
            continue;
        };
        match after.chars().next() {
            Some('=') => {
                let v = after[1..].trim_start_matches([' ', '\t']);
                let vstart = text.len() - v.len();
                let (value, end) = if v.starts_with('"') {
                    match closing_quote(v) {
                        Some(n) => (unescape(&v[1..n]), vstart + n + 1),
                        None => {
                            cx.diag(DiagLevel::Error, src, vstart, DiagKind::UnterminatedQuote);
                            break;
                        }
                    }
                } else {
                    let stop = v.find(['\n', '#', '}']).unwrap_or(v.len());
                    (v[..stop].trim_end().to_string(), vstart + stop)
                };
                let kv = Kv {
                    key: word.to_string(),
                    value,
                    start: at,
                    end,
                    src: src.clone(),
                };
                if let Some(top) = stack.last_mut() {
                    top.kvs.push(kv);
                }
                rest = &text[end.min(text.len())..];
            }
            Some('{') | Some(':') => {
                // `name {` or `name : template {` (templates are accepted, not expanded).
                let Some(brace) = after.find('{').filter(|b| !after[..*b].contains('\n')) else {
                    unrecognized_word(cx, src, at, line);
                    rest = &text[line_end..];
                    continue;
                };
                let open_end = text.len() - after.len() + brace + 1;
                skip_depth = open_within_depth(cx, stack, word, at, open_end, src);
                if let (0, Some(refs), Some(opened)) = (skip_depth, after[..brace].strip_prefix(':'), stack.last_mut()) {
                    let names = refs.split(',').map(str::trim).filter(|r| !r.is_empty());
                    opened.refs.extend(names.map(|r| (r.to_string(), at)));
                }
                rest = &text[open_end..];
            }
            _ if word == "include" => {
                let pattern = unquote(after.split(['\n', '#']).next().unwrap_or("")).trim().to_string();
                if pattern.is_empty() {
                    cx.diag(
                        DiagLevel::Error,
                        src,
                        at,
                        DiagKind::Syntax {
                            detail: "include without a path".into(),
                        },
                    );
                } else {
                    cx.include(src, at, &pattern, &mut |cx, file| parse_into(cx, file, stack));
                }
                rest = &text[line_end..];
            }
            _ => {
                // The brace may be on the next line.
                let next = after.trim_start();
                if next.starts_with('{') {
                    let open_end = text.len() - next.len() + 1;
                    skip_depth = open_within_depth(cx, stack, word, at, line_end, src);
                    rest = &text[open_end..];
                } else {
                    unrecognized_word(cx, src, at, line);
                    rest = &text[line_end..];
                }
            }
        }
    }
    // Sections this file opened but did not close.
    while stack.len() > base_depth {
        if let Some(s) = stack.pop() {
            let (opened_line, _) = s.src.line_col(s.start);
            cx.diag(DiagLevel::Error, &s.src, s.start, DiagKind::UnterminatedBlock { opened_line });
            attach(stack, s);
        }
    }
}

/// Resolves every section's references (`name : other {`) into it: keys it does not set
/// itself, then subsections, merged into its own of the same name; inherited ones follow
/// its own (strongswan.conf(5)). Returns the top-level sections some section referenced:
/// templates, not sections kensa failed to understand.
fn resolve_references(cx: &mut ParseCx, root: &mut Section) -> std::collections::HashSet<String> {
    let whole = root.clone();
    let mut r = Resolver {
        whole: &whole,
        copied: 0,
        templates: Default::default(),
    };
    r.resolve(cx, root, 0);
    r.templates
}

struct Resolver<'a> {
    /// The tree as read, where references are looked up by absolute name.
    whole: &'a Section,
    /// Keys and sections copied so far (bounded by [`MAX_INHERITED_ITEMS`]).
    copied: usize,
    templates: std::collections::HashSet<String>,
}

impl Resolver<'_> {
    fn resolve(&mut self, cx: &mut ParseCx, s: &mut Section, depth: usize) {
        for child in &mut s.children {
            self.resolve(cx, child, depth);
        }
        for (name, at) in std::mem::take(&mut s.refs) {
            let Some(found) = name.split('.').try_fold(self.whole, |sec, part| sec.child(part)) else {
                cx.diag(DiagLevel::Warning, &s.src, at, DiagKind::ReferenceMissing { name });
                continue;
            };
            self.copied += found.size();
            if depth >= MAX_REFERENCE_DEPTH || self.copied > MAX_INHERITED_ITEMS {
                cx.diag(DiagLevel::Error, &s.src, at, DiagKind::TooDeep { limit: MAX_REFERENCE_DEPTH });
                continue;
            }
            self.templates.insert(name.split('.').next().unwrap_or("").to_string());
            let mut inherited = found.clone();
            self.resolve(cx, &mut inherited, depth + 1);
            self.inherit(s, &inherited);
        }
    }

    fn inherit(&self, s: &mut Section, from: &Section) {
        for kv in &from.kvs {
            if !s.kvs.iter().any(|own| own.key == kv.key) {
                s.kvs.push(kv.clone());
            }
        }
        for c in &from.children {
            match s.index.get(&c.name) {
                Some(&i) if i < s.children.len() => self.inherit(&mut s.children[i], c),
                _ => {
                    s.index.insert(c.name.clone(), s.children.len());
                    s.children.push(c.clone());
                }
            }
        }
    }
}

/// Opens section `word` (its name line ends at `name_end`), unless sections are already
/// nested [`MAX_DEPTH`] deep: then says so and returns 1, the depth of braces to skip
/// (the section's body is not read); else 0.
fn open_within_depth(cx: &mut ParseCx, stack: &mut Vec<Section>, word: &str, at: usize, name_end: usize, src: &Arc<SourceFile>) -> usize {
    if stack.len() >= MAX_DEPTH {
        cx.diag(DiagLevel::Error, src, at, DiagKind::TooDeep { limit: MAX_DEPTH });
        return 1;
    }
    open(stack, word, at, name_end, src);
    0
}

/// Opens a section, reopening an earlier one of the same name at this level (merge).
fn open(stack: &mut Vec<Section>, word: &str, at: usize, open_end: usize, src: &Arc<SourceFile>) {
    let existing = stack.last_mut().and_then(|p| {
        let i = *p.index.get(word)?;
        let placeholder = Section::new(String::new(), 0, 0, src.clone());
        let mut taken = std::mem::replace(p.children.get_mut(i)?, placeholder);
        taken.slot = Some(i);
        Some(taken)
    });
    stack.push(existing.unwrap_or_else(|| Section::new(word.to_string(), at, open_end, src.clone())));
}

fn closing_quote(v: &str) -> Option<usize> {
    let b = v.as_bytes();
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

pub fn parse(cx: &mut ParseCx, src: &Arc<SourceFile>) {
    let mut root = parse_tree(cx, src);
    let templates = resolve_references(cx, &mut root);
    cx.model.device = Some(crate::formats::vpn_common::strongswan_device(src));
    for top in &root.children {
        match top.name.as_str() {
            "connections" => {
                for conn in &top.children {
                    let t = lower_connection(cx, conn);
                    cx.model.vpn_tunnels.push(t);
                }
            }
            "secrets" => lower_secrets(cx, top),
            "pools" | "authorities" => {}
            name if templates.contains(name) => {}
            _ => unrecognized_word(cx, &top.src, top.start, &top.name),
        }
    }
    for kv in &root.kvs {
        unrecognized_word(cx, &kv.src, kv.start, &kv.key);
    }
    // `auth = psk` takes its key from a `secrets` section (swanctl.conf(5) "secrets.ike<suffix>"):
    // when no file this input read holds one, the key's strength is not judged.
    let psk_at = cx.model.vpn_tunnels.iter().find_map(|t| crate::formats::ipsec_conf::psk_origin(t).cloned());
    if let Some(at) = psk_at.filter(|_| !cx.model.secrets.iter().any(|s| s.kind == SecretKind::IpsecPsk)) {
        let needs = crate::diag::PskSource::SwanctlSecrets;
        cx.diag_level_at(DiagLevel::Info, &at, DiagKind::PskNotRead { needs });
    }
}

/// strongSwan `auth` keyword → model auth method.
pub fn auth_method(v: &str) -> AuthMethod {
    let v = v.trim().to_ascii_lowercase();
    let head = v.split([':', '-']).next().unwrap_or("");
    match head {
        "psk" | "secret" => AuthMethod::Psk,
        "pubkey" | "rsa" | "ecdsa" | "ed25519" | "ed448" | "bliss" | "rsasig" | "ecdsasig" => AuthMethod::Certificate,
        "eap" => AuthMethod::Eap(v.clone()),
        "xauth" => AuthMethod::Xauth,
        "null" | "never" => AuthMethod::None,
        _ => AuthMethod::Unknown,
    }
}

/// Is this method a user password (EAP except EAP-TLS/TTLS-with-certs, XAUTH)?
fn password_like(a: &AuthMethod) -> bool {
    match a {
        AuthMethod::Eap(m) => !m.contains("tls"),
        AuthMethod::Xauth | AuthMethod::Password => true,
        _ => false,
    }
}

/// Authentication rounds `local`, `local-1`, `local2`... in order.
fn rounds<'a>(conn: &'a Section, prefix: &str) -> Vec<&'a Section> {
    let mut v: Vec<(u32, &Section)> = conn
        .children
        .iter()
        .filter_map(|c| {
            let rest = c.name.strip_prefix(prefix)?;
            let n = rest.trim_start_matches(['-', '_']);
            if rest.is_empty() {
                Some((0, c))
            } else {
                n.parse::<u32>().ok().map(|n| (n, c))
            }
        })
        .collect();
    v.sort_by_key(|(n, _)| *n);
    v.into_iter().map(|(_, c)| c).collect()
}

fn proposals_setting(cx: &mut ParseCx, kv: Option<&Kv>, block: &Origin, ike: bool, what: &str) -> (Setting<Vec<Proposal>>, ParsedProposals) {
    match kv {
        Some(kv) => {
            let parsed = ipsec_proposal::parse_list(&kv.value, ike);
            if !parsed.unknown.is_empty() {
                cx.diag(
                    DiagLevel::Warning,
                    &kv.src,
                    kv.start,
                    DiagKind::BadValue {
                        directive: kv.key.clone(),
                        value: parsed.unknown.join(", "),
                    },
                );
            }
            (Setting::explicit(parsed.proposals.clone(), kv.origin()), parsed)
        }
        None => {
            let parsed = ipsec_proposal::parse_list("default", ike);
            (
                dflt(parsed.proposals.clone(), block, format!("{what} not set: strongSwan default proposal")),
                parsed,
            )
        }
    }
}

fn lower_connection(cx: &mut ParseCx, conn: &Section) -> VpnTunnel {
    let o = conn.origin();
    let locals = rounds(conn, "local");
    let remotes = rounds(conn, "remote");
    let auth_of = |r: Option<&&Section>, side: &str| -> Setting<AuthMethod> {
        match r.and_then(|s| s.get("auth")) {
            Some(kv) => Setting::explicit(auth_method(&kv.value), kv.origin()),
            None => {
                let at = r.map_or(o.clone(), |s| s.origin());
                dflt(AuthMethod::Certificate, &at, Note::not_set_default(&format!("{side}.auth"), "pubkey"))
            }
        }
    };
    for round in locals.iter().chain(&remotes) {
        for (key, dir) in [("certs", "/etc/swanctl/x509"), ("cacerts", "/etc/swanctl/x509ca")] {
            if let Some(kv) = round.get(key) {
                for file in kv.value.split(',') {
                    cx.strongswan_file_present(&kv.src, file, dir, &kv.origin());
                }
            }
        }
    }
    let local_auth = auth_of(locals.first(), "local");
    let remote_auth = auth_of(remotes.first(), "remote");
    let pools = conn.get("pools");
    let vips = conn.get("vips");
    let client_side = vips.is_some() || password_like(&local_auth.value);
    let remote_access = pools.is_some()
        || client_side
        || password_like(&remote_auth.value)
        || remotes
            .iter()
            .skip(1)
            .any(|r| r.get("auth").is_some_and(|a| password_like(&auth_method(&a.value))));
    let remote_addrs = conn.get("remote_addrs");
    let unrestricted = remote_addrs.is_none_or(|kv| is_any_address(&kv.value));
    let role = if client_side {
        VpnRole::Client
    } else if pools.is_some() || unrestricted {
        VpnRole::Server
    } else {
        VpnRole::Peer
    };
    let usage = if remote_access { VpnUse::RemoteAccess } else { VpnUse::SiteToSite };
    let mut t = VpnTunnel::new(format!("strongSwan connection {}", conn.name), VpnKind::Ipsec, usage, role, o.clone());

    t.ike_version = Some(match conn.get("version") {
        Some(kv) => match kv.value.trim().parse::<u8>() {
            Ok(v @ 0..=2) => Setting::explicit(v, kv.origin()),
            _ => {
                cx.diag(
                    DiagLevel::Warning,
                    &kv.src,
                    kv.start,
                    DiagKind::BadValue {
                        directive: "version".into(),
                        value: kv.value.clone(),
                    },
                );
                Setting::explicit(0, kv.origin())
            }
        },
        None => dflt(0, &o, "version not set: strongSwan default 0 accepts IKEv1 and IKEv2"),
    });
    t.aggressive = Some(match conn.get("aggressive") {
        Some(kv) => Setting::explicit(yes_no(&kv.value).unwrap_or(false), kv.origin()),
        None => dflt(false, &o, Note::not_set_default("aggressive", "no")),
    });
    let (ike, _) = proposals_setting(cx, conn.get("proposals"), &o, true, "proposals");
    t.ike_proposals = Some(ike);
    t.strict_proposals = Some(dflt(true, &o, "swanctl uses only the configured proposals"));

    // CHILD_SAs: all ESP proposals together; PFS only when every child has a DH group.
    let mut child_props: Vec<Proposal> = Vec::new();
    let mut child_origin: Option<Setting<()>> = None;
    let mut no_pfs: Option<Setting<bool>> = None;
    if let Some(children) = conn.child("children") {
        for child in &children.children {
            let co = child.origin();
            let kv = child.get("esp_proposals").or_else(|| child.get("ah_proposals"));
            let (s, _) = proposals_setting(cx, kv, &co, false, "esp_proposals");
            let has_dh = !s.value.is_empty() && s.value.iter().all(|p| !p.dh_groups.is_empty());
            if !has_dh && no_pfs.is_none() {
                no_pfs = Some(Setting {
                    value: false,
                    origin: s.origin.clone(),
                    defaulted: s.defaulted,
                });
            }
            if child_origin.is_none() {
                child_origin = Some(Setting {
                    value: (),
                    origin: s.origin.clone(),
                    defaulted: s.defaulted,
                });
            }
            child_props.extend(s.value);
        }
    }
    if let Some(first) = child_origin {
        t.child_proposals = Some(Setting {
            value: child_props,
            origin: first.origin.clone(),
            defaulted: first.defaulted,
        });
        t.pfs = Some(no_pfs.unwrap_or_else(|| Setting::explicit(true, first.origin)));
    }

    // VPN014: a connection that initiates to one known gateway (remote_addrs names a host,
    // no pools handed out) and expects a certificate or raw key from it must also say
    // which gateway that is. Not judged for responders or for PSK/EAP peers.
    if role != VpnRole::Server && !unrestricted && remote_auth.value == AuthMethod::Certificate {
        t.verifies_server = Some(pins_remote(remotes.first().copied(), &o));
    }
    // A responder asks its peers for a second round (remote-2); a client gives one itself
    // (local-2, e.g. an OTP over EAP-GTC after its certificate).
    let (second_rounds, which) = if role == VpnRole::Client { (&locals, "local") } else { (&remotes, "remote") };
    let second = second_rounds.get(1).and_then(|r| r.get("auth"));
    let first_user_auth = if role == VpnRole::Client { &local_auth } else { &remote_auth };
    t.second_factor = Some(match second {
        // PSK then XAUTH/EAP (IKEv1 "hybrid" road warriors): the PSK is one key every user
        // shares, so the user's own credential is the password of the second round alone.
        Some(kv) if first_user_auth.value == AuthMethod::Psk => {
            let note = format!("the pre-shared key is shared by every user: {} is the only personal credential", &kv.value);
            Setting::explicit(false, kv.origin().with_note(&note))
        }
        Some(kv) => Setting::explicit(true, kv.origin()),
        None => dflt(false, &o, format!("no second {which} authentication round")),
    });
    // What the users themselves present, for the rules: after a shared PSK, the second round.
    let personal = second
        .filter(|_| first_user_auth.value == AuthMethod::Psk)
        .map(|kv| Setting::explicit(auth_method(&kv.value), kv.origin()));
    let (local_auth, remote_auth) = match (personal, role) {
        (Some(p), VpnRole::Client) => (p, remote_auth),
        (Some(p), _) => (local_auth, p),
        (None, _) => (local_auth, remote_auth),
    };
    t.local_auth = Some(local_auth);
    t.remote_auth = Some(remote_auth);
    t.peer_restricted = Some(match remote_addrs {
        Some(kv) => Setting::explicit(!unrestricted, kv.origin()),
        None => dflt(false, &o, Note::not_set_default("remote_addrs", "%any")),
    });
    t
}

/// Whether a remote authentication round pins who the peer is (swanctl.conf(5), 5.9):
/// - `id` other than `%any`: the peer's certificate must certify that identity (subject or
///   subjectAltName);
/// - `certs` / `cert<suffix> { }` / `pubkeys`: only that certificate or raw key is accepted;
/// - `cacerts` / `cacert<suffix> { }` / `ca_id`: a CA constraint (pins the server only when
///   server certificates come from a CA that issues no client certificates, which kensa
///   cannot see; it is taken as intent, as ipsec.conf's `rightca` is);
/// - `cert_policy`: a policy OID only the server's certificate carries (like OpenVPN's
///   `remote-cert-tls server`).
///
/// Unset, `id` is `%any`. swanctl does not fall back to `remote_addrs` (ipsec.conf's rightid
/// does, to `right`) nor to a configured certificate's subject: charon then accepts whatever
/// identity the responder sends, as long as a certificate for it chains to any CA loaded
/// from x509ca, so a client certificate of the same CA can pose as the gateway.
fn pins_remote(round: Option<&Section>, conn: &Origin) -> Setting<bool> {
    let Some(r) = round else {
        return dflt(false, conn, "no remote section: remote.id %any, no cacerts, certs or pubkeys");
    };
    let id = r.get("id");
    if let Some(kv) = id.filter(|kv| !is_any_identity(&kv.value)) {
        return Setting::explicit(true, kv.origin());
    }
    for key in ["certs", "pubkeys", "cacerts", "ca_id", "cert_policy"] {
        if let Some(kv) = r.get(key) {
            return Setting::explicit(true, kv.origin());
        }
    }
    if let Some(s) = r.children.iter().find(|c| c.name.starts_with("cert") || c.name.starts_with("cacert")) {
        return Setting::explicit(true, s.origin());
    }
    match id {
        Some(kv) => Setting::explicit(false, kv.origin()),
        None => dflt(false, &r.origin(), "remote.id not set: default %any, and no cacerts, certs or pubkeys"),
    }
}

fn lower_secrets(cx: &mut ParseCx, secrets: &Section) {
    for s in &secrets.children {
        let kind = match s.name.split(['-', '_']).next().unwrap_or("") {
            "ike" => SecretKind::IpsecPsk,
            "eap" | "xauth" | "ntlm" => SecretKind::UserPassword,
            // private/rsa/ecdsa/pkcs8/pkcs12/token: passphrases of key files, not judged here.
            _ => continue,
        };
        let Some(kv) = s.get("secret") else { continue };
        let ids: Vec<&str> = s.kvs.iter().filter(|k| k.key.starts_with("id")).map(|k| k.value.as_str()).collect();
        let subject = if ids.is_empty() {
            format!("strongSwan secret {}", s.name)
        } else {
            format!("strongSwan secret {} ({})", s.name, ids.join(", "))
        };
        let account = if kind == SecretKind::UserPassword { ids.first().copied() } else { None };
        cx.secret(
            SecretRecord::new(kind, SecretStorage::Plaintext, subject, kv.origin())
                .value(kv.value.as_str())
                .account(account)
                .plaintext_format(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::DiagKind;
    use crate::formats::{parse_text, Format};
    use crate::model::{AuthMethod, VpnRole, VpnUse};
    use crate::testutil::parse_clean;

    const SITE: &str = r#"
connections {
   site-b {
      version = 2
      local_addrs = 198.51.100.1
      remote_addrs = 203.0.113.2
      proposals = aes256gcm16-prfsha384-ecp384
      local {
         auth = psk
         id = hq.example.jp
      }
      remote {
         auth = psk
         id = branch.example.jp
      }
      children {
         net {
            local_ts = 10.1.0.0/16
            remote_ts = 10.2.0.0/16
            esp_proposals = aes256gcm16-ecp384
            start_action = trap
         }
      }
   }
}
secrets {
   ike-branch {
      id-1 = hq.example.jp
      id-2 = branch.example.jp
      secret = "short"
   }
}
"#;

    #[test]
    fn site_to_site_with_psk() {
        let p = parse_clean(Format::Swanctl, "swanctl.conf", SITE);
        let t = &p.model.vpn_tunnels[0];
        assert_eq!(t.subject, "strongSwan connection site-b");
        assert_eq!((t.usage, t.role), (VpnUse::SiteToSite, VpnRole::Peer));
        assert_eq!(t.ike_version.as_ref().unwrap().value, 2);
        assert_eq!(t.local_auth.as_ref().unwrap().value, AuthMethod::Psk);
        assert!(t.pfs.as_ref().unwrap().value);
        assert!(t.peer_restricted.as_ref().unwrap().value);
        let s = &p.model.secrets[0];
        assert_eq!(s.strength.unwrap().length, 5);
        assert_eq!(&*s.origin.evidence, "secret = ****");
        assert_eq!(s.origin.line, 30);
    }

    /// strongswan.conf(5) "Referencing other sections": a connection is judged on what its
    /// template gives it, at the template's line; its own settings win.
    const TEMPLATED: &str = r#"
conn-defaults {
   version = 1
   proposals = 3des-sha1-modp1024
   local {
      auth = psk
   }
   remote {
      auth = psk
   }
}
child-defaults {
   esp_proposals = aes128-sha1
}
connections {
   branch : conn-defaults {
      remote_addrs = 203.0.113.2
      children {
         net : child-defaults {
            local_ts = 10.1.0.0/16
         }
      }
   }
   strong : conn-defaults {
      version = 2
      proposals = aes256gcm16-prfsha384-ecp384
      remote_addrs = 203.0.113.3
      remote {
         auth = pubkey
      }
   }
   copy : connections.branch {
      remote_addrs = 203.0.113.4
   }
}
"#;

    #[test]
    fn sections_inherit_from_the_sections_they_reference() {
        let p = parse_text(Format::Swanctl, "swanctl.conf", TEMPLATED);
        // auth = psk with no secrets section: said, nothing else.
        assert!(
            p.diagnostics.iter().all(|d| matches!(d.kind, DiagKind::PskNotRead { .. })),
            "{:?}",
            p.diagnostics
        );
        assert_eq!(p.unrecognized_lines, 0, "templates are not unrecognized sections");
        let by = |name: &str| {
            let subject = format!("strongSwan connection {name}");
            p.model.vpn_tunnels.iter().find(|t| t.subject == subject).unwrap_or_else(|| panic!("{name}"))
        };
        let branch = by("branch");
        let v = branch.ike_version.as_ref().unwrap();
        assert_eq!((v.value, v.defaulted, v.origin.line), (1, false, 3), "IKEv1 from the template's line");
        assert_eq!(branch.ike_proposals.as_ref().unwrap().origin.line, 4);
        assert_eq!(branch.local_auth.as_ref().unwrap().value, AuthMethod::Psk);
        assert!(!branch.pfs.as_ref().unwrap().value, "child-defaults' ESP proposal has no DH group");
        let strong = by("strong");
        assert_eq!(strong.ike_version.as_ref().unwrap().value, 2, "own settings win");
        assert_eq!(strong.remote_auth.as_ref().unwrap().value, AuthMethod::Certificate);
        assert_eq!(strong.local_auth.as_ref().unwrap().value, AuthMethod::Psk, "inherited subsection merged");
        let copy = by("copy");
        assert_eq!(copy.ike_version.as_ref().unwrap().value, 1, "a reference to a referencing section follows it");
        assert!(!copy.pfs.as_ref().unwrap().value);
    }

    #[test]
    fn missing_and_looping_references_are_diagnostics_not_hangs() {
        let text = "connections {\n a : nowhere {\n  remote_addrs = 192.0.2.1\n }\n b : connections.c {\n }\n c : connections.b {\n }\n}\n";
        let p = parse_text(Format::Swanctl, "swanctl.conf", text);
        let kinds: Vec<_> = p.diagnostics.iter().map(|d| (&d.kind, d.line)).collect();
        assert!(
            kinds
                .iter()
                .any(|(k, line)| matches!(k, DiagKind::ReferenceMissing { name } if name == "nowhere") && *line == 2),
            "{kinds:?}"
        );
        assert!(kinds.iter().any(|(k, _)| matches!(k, DiagKind::TooDeep { .. })), "{kinds:?}");
        assert_eq!(p.model.vpn_tunnels.len(), 3);
    }

    #[test]
    fn defaults_and_merging() {
        let text = "connections {\n rw {\n  pools = p\n  remote { auth = eap-mschapv2 }\n }\n}\nconnections {\n rw {\n  children { c { } }\n }\n}\n";
        let p = parse_text(Format::Swanctl, "swanctl.conf", text);
        assert_eq!(p.model.vpn_tunnels.len(), 1, "same-named sections merge");
        let t = &p.model.vpn_tunnels[0];
        assert_eq!(t.usage, VpnUse::RemoteAccess);
        assert_eq!(t.ike_version.as_ref().unwrap().value, 0);
        assert!(t.ike_version.as_ref().unwrap().defaulted);
        assert!(!t.pfs.as_ref().unwrap().value, "default ESP proposal has no DH group");
        assert!(!t.peer_restricted.as_ref().unwrap().value);
    }

    /// A staff laptop's connection to the hospital gateway, with the given remote round.
    fn laptop(remote: &str) -> String {
        format!(
            "connections {{\n laptop {{\n  remote_addrs = vpn.example-hospital.jp\n  vips = 0.0.0.0\n  local {{\n   auth = pubkey\n   certs = staff.pem\n  }}\n{remote}  children {{\n   c {{\n    remote_ts = 0.0.0.0/0\n   }}\n  }}\n }}\n}}\n"
        )
    }

    #[test]
    fn initiator_must_pin_the_gateway() {
        let verifies = |text: &str| {
            // certs = staff.pem is not beside the text (nor secrets for a PSK): notes only.
            let p = parse_text(Format::Swanctl, "swanctl.conf", text);
            assert!(p
                .diagnostics
                .iter()
                .all(|d| matches!(&d.kind, DiagKind::FileReferenced { path, .. } if path.ends_with(".pem")) || matches!(d.kind, DiagKind::PskNotRead { .. })));
            p.model.vpn_tunnels[0].verifies_server.clone()
        };
        // remote.id unset is %any: not pinned, by default, pointing at the remote section.
        let v = verifies(&laptop("  remote {\n   auth = pubkey\n  }\n")).unwrap();
        assert!(!v.value && v.defaulted);
        assert_eq!(v.origin.line, 9);
        assert!(v.origin.evidence.contains("remote.id not set"), "{}", v.origin.evidence);
        // No remote section at all: remote.auth defaults to pubkey, nothing pinned.
        let v = verifies(&laptop("")).unwrap();
        assert!(!v.value && v.defaulted);
        // An explicit %any is not a pin either, and is the line shown.
        let v = verifies(&laptop("  remote {\n   auth = pubkey\n   id = %any\n  }\n")).unwrap();
        assert!(!v.value && !v.defaulted);
        assert_eq!(v.origin.line, 11);
        for pin in [
            "   id = vpn.example-hospital.jp\n",
            "   id = \"C=JP, O=Example Hospital, CN=vpn.example-hospital.jp\"\n",
            "   cacerts = hospital-server-ca.pem\n",
            "   certs = vpn-gw.pem\n",
            "   pubkeys = vpn-gw.pub\n",
            "   cert_policy = 1.3.6.1.4.1.99999.1.2\n",
            "   cacert-token {\n    handle = 0a0b\n   }\n",
        ] {
            let v = verifies(&laptop(&format!("  remote {{\n   auth = pubkey\n{pin}  }}\n"))).unwrap();
            assert!(v.value && !v.defaulted, "{pin}");
        }
        // Not judged: PSK peers, responders (remote_addrs %any, pools).
        assert!(verifies(&laptop("  remote {\n   auth = psk\n  }\n")).is_none());
        let responder = laptop("").replace("remote_addrs = vpn.example-hospital.jp", "remote_addrs = %any");
        assert!(verifies(&responder).is_none());
        assert!(verifies(&laptop("").replace("vips = 0.0.0.0", "pools = p")).is_none());
        // A client's second factor is its own second round, not the gateway's.
        let p = parse_text(Format::Swanctl, "swanctl.conf", &laptop(""));
        let f = p.model.vpn_tunnels[0].second_factor.clone().unwrap();
        assert!(!f.value && f.origin.evidence.contains("no second local authentication round"));
        let two = laptop("").replace("  local {", "  local-2 {\n   auth = eap-gtc\n  }\n  local {");
        let p = parse_text(Format::Swanctl, "swanctl.conf", &two);
        assert!(p.model.vpn_tunnels[0].second_factor.as_ref().unwrap().value);
        // A site-to-site initiator with a certificate peer is judged the same way.
        assert!(
            !verifies(SITE.replace("auth = psk", "auth = pubkey").replace("id = branch.example.jp", "").as_str())
                .unwrap()
                .value
        );
    }

    #[test]
    fn broken_input_gives_diagnostics_not_panics() {
        for text in [
            "connections {\n a {\n",
            "}\n}",
            "x = \"unterminated",
            "{{{{",
            "connections { a { version = 7 } }",
            &"a {\n".repeat(100),
        ] {
            let p = parse_text(Format::Swanctl, "swanctl.conf", text);
            assert!(!p.diagnostics.is_empty(), "{text:?}");
        }
    }
}
