//! kensa's own notes after evidence (`listen 443 ssl; (ssl_protocols not set: ...)`)
//! in the reader's language.
//!
//! A parser says what a note means with a [`Note`]: its English is written into the
//! evidence (JSON and SARIF carry it), its Japanese is rendered from the type, and names and
//! values stay as written (they are config text). Parsers not yet moved to [`Note`] still
//! write English in a few fixed shapes ("X not set: V default Y", "no X"); for those only,
//! [`read`] recognises the shape (the stopgap this module is shrinking). A note it does not
//! know stays as written, and the Japanese-words test names it.

use std::sync::Arc;

use super::Lang;

/// A note kensa attaches after the evidence, typed by the parser that knows its meaning.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Note {
    /// `X not set: V`: absent, and kensa takes the value V (config text: `off`, `none`).
    NotSetValue { what: Arc<str>, value: Arc<str> },
    /// `X not set: [BY ]default V`: absent, so the vendor default V applies; `by` names the
    /// product (and release) whose default it is, `assumed` says the release came from
    /// kensa.toml `[assume]`.
    NotSetDefault {
        what: Arc<str>,
        by: Option<Arc<str>>,
        value: Arc<str>,
        assumed: bool,
    },
    /// `X not set: BY default NOW from SINCE; BEFORE before, release not pinned`: a default
    /// that changed in release SINCE, with no release pinned in kensa.toml.
    NotSetReleaseDependent {
        what: Arc<str>,
        by: Arc<str>,
        now: Arc<str>,
        since: Arc<str>,
        before: Arc<str>,
    },
    /// `no X`: a directive kensa looked for is absent.
    Absent { what: Arc<str> },
    /// Given once and inherited by every block of a kind that does not override it.
    Inherited(InheritedBy),
    /// A file's permission bits, in octal as `ls` and `chmod` write them (`0644`).
    FileMode(Arc<str>),
    /// Inside a conditional block kensa cannot evaluate (HAProxy `.if defined(X)` at a
    /// line): the setting applies only when the condition holds on the device.
    Conditional { condition: Arc<str>, line: Arc<str> },
    /// A Junos lo0 input filter whose term accepts the service from any source.
    FilterTermOpen { filter: Arc<str>, term: Arc<str> },
    /// The input lacks what a whole configuration of its format carries (`missing`: a
    /// `show config` header, an `ns.conf` version line): the setting may be set elsewhere,
    /// so a finding on its absence holds only if this is the whole configuration.
    IfWhole { missing: Arc<str> },
    /// English not typed yet: rendered through the stopgap that reads its shape.
    Text(Arc<str>),
}

/// Blocks a setting is inherited by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InheritedBy {
    /// nginx `server { }`.
    NginxServer,
    /// Apache `<VirtualHost>`.
    ApacheVirtualHost,
    /// HAProxy `bind ... ssl` lines.
    HaproxyBind,
    /// ipsec.conf `conn` sections.
    IpsecConn,
}

impl Note {
    pub fn not_set_value(what: &str, value: &str) -> Self {
        Note::NotSetValue {
            what: what.into(),
            value: value.into(),
        }
    }

    /// A vendor default of no named product.
    pub fn not_set_default(what: &str, value: &str) -> Self {
        Note::NotSetDefault {
            what: what.into(),
            by: None,
            value: value.into(),
            assumed: false,
        }
    }

    /// The default of `by` (a product, with its release when known).
    pub fn not_set_default_of(what: &str, by: &str, value: &str) -> Self {
        Note::NotSetDefault {
            what: what.into(),
            by: Some(by.into()),
            value: value.into(),
            assumed: false,
        }
    }

    pub fn absent(what: &str) -> Self {
        Note::Absent { what: what.into() }
    }

    /// The English, as it is written into the evidence.
    pub fn en_into(&self, out: &mut String) {
        self.en_pieces(|p| out.push_str(p));
    }

    /// The English in pieces, in order: what [`Self::en_into`] writes, without building
    /// it, so that a caller can size the evidence before writing the note into it.
    pub fn en_pieces<'a>(&'a self, mut out: impl FnMut(&'a str)) {
        match self {
            Note::NotSetValue { what, value } => {
                out(what);
                out(" not set: ");
                out(value);
            }
            Note::NotSetDefault { what, by, value, assumed } => {
                out(what);
                out(" not set: ");
                if let Some(by) = by {
                    out(by);
                    out(" ");
                }
                out("default ");
                out(value);
                if *assumed {
                    out(", release from kensa.toml [assume]");
                }
            }
            Note::NotSetReleaseDependent { what, by, now, since, before } => {
                for p in [
                    &**what,
                    " not set: ",
                    by,
                    " default ",
                    now,
                    " from ",
                    since,
                    "; ",
                    before,
                    " before, release not pinned",
                ] {
                    out(p);
                }
            }
            Note::Absent { what } => {
                out("no ");
                out(what);
            }
            Note::Inherited(block) => {
                out("inherited by every ");
                out(match block {
                    InheritedBy::NginxServer => "server block",
                    InheritedBy::ApacheVirtualHost => "VirtualHost",
                    InheritedBy::HaproxyBind => "bind ... ssl",
                    InheritedBy::IpsecConn => "conn",
                });
                out(" that does not override it");
            }
            Note::FileMode(mode) => {
                out("file mode ");
                out(mode);
            }
            Note::Conditional { condition, line } => {
                out("only if ");
                out(condition);
                out(" at line ");
                out(line);
                out(" holds on the device");
            }
            Note::FilterTermOpen { filter, term } => {
                out("lo0 filter input ");
                out(filter);
                out(": term ");
                out(term);
                out(" accepts it from any source");
            }
            Note::IfWhole { missing } => {
                out("not in this input, which has no ");
                out(missing);
                out(" line: it may be an excerpt; this holds if it is the whole configuration");
            }
            Note::Text(t) => out(t),
        }
    }

    /// The Japanese, piece by piece: kensa's words as prose, names and values as config text.
    pub fn ja_pieces<'a>(&'a self, out: &mut impl FnMut(Piece<'a>)) {
        match self {
            Note::NotSetValue { what, value } => {
                out(Piece::Config(what));
                out(Piece::Prose(" の指定なし: "));
                out(Piece::Config(value));
            }
            Note::NotSetDefault { what, by, value, assumed } => {
                out(Piece::Config(what));
                out(Piece::Prose(" の指定なし: "));
                match by {
                    Some(by) => {
                        out(Piece::Config(by));
                        out(Piece::Prose(" の既定値 "));
                    }
                    None => out(Piece::Prose("既定値 ")),
                }
                out(Piece::Config(value));
                if *assumed {
                    out(Piece::Prose("、リリースは kensa.toml の [assume] から"));
                }
            }
            Note::NotSetReleaseDependent { what, by, now, since, before } => {
                out(Piece::Config(what));
                out(Piece::Prose(" の指定なし: "));
                out(Piece::Config(by));
                out(Piece::Prose(" の既定値 "));
                out(Piece::Config(since));
                out(Piece::Prose(" 以降は "));
                out(Piece::Config(now));
                out(Piece::Prose("、それより前は "));
                out(Piece::Config(before));
                out(Piece::Prose("、リリースは kensa.toml で指定されていません"));
            }
            Note::Absent { what } => {
                out(Piece::Config(what));
                out(Piece::Prose(" の指定なし"));
            }
            Note::Inherited(block) => {
                out(Piece::Prose("上書きしていないすべての "));
                let (name, then) = match block {
                    InheritedBy::NginxServer => ("server", " ブロックに引き継がれます"),
                    InheritedBy::ApacheVirtualHost => ("VirtualHost", " に引き継がれます"),
                    InheritedBy::HaproxyBind => ("bind ... ssl", " の行に引き継がれます"),
                    InheritedBy::IpsecConn => ("conn", " セクションに引き継がれます"),
                };
                out(Piece::Config(name));
                out(Piece::Prose(then));
            }
            Note::FileMode(mode) => {
                out(Piece::Prose("ファイルのモード "));
                out(Piece::Config(mode));
            }
            Note::Conditional { condition, line } => {
                out(Piece::Prose("行 "));
                out(Piece::Config(line));
                out(Piece::Prose(" の "));
                out(Piece::Config(condition));
                out(Piece::Prose(" の条件が機器上で成り立つときだけ有効です"));
            }
            Note::FilterTermOpen { filter, term } => {
                out(Piece::Config("lo0 filter input "));
                out(Piece::Config(filter));
                out(Piece::Prose(" の "));
                out(Piece::Config("term "));
                out(Piece::Config(term));
                out(Piece::Prose(" が送信元を限らず受け入れます"));
            }
            Note::IfWhole { missing } => {
                out(Piece::Prose("この入力には "));
                out(Piece::Config(missing));
                out(Piece::Prose(
                    " の行がなく、設定の一部の可能性があります。設定全体であればこの指摘が当てはまります",
                ));
            }
            Note::Text(t) => ja_pieces(read(t), out),
        }
    }

    /// Every typed kind with sample values, for the Japanese-words test.
    pub fn samples() -> Vec<Note> {
        let mut all = vec![
            Note::not_set_value("ssl_verify_client", "off"),
            Note::not_set_default("ssl_ciphers", "HIGH:!aNULL:!MD5"),
            Note::not_set_default_of("tls-version-min", "OpenVPN 2.6", "1.2"),
            Note::NotSetDefault {
                what: "ssl_protocols".into(),
                by: Some("nginx 1.22".into()),
                value: "TLSv1 TLSv1.1 TLSv1.2".into(),
                assumed: true,
            },
            Note::NotSetReleaseDependent {
                what: "ssl_protocols".into(),
                by: "nginx".into(),
                now: "TLSv1.2 TLSv1.3".into(),
                since: "1.23.4".into(),
                before: "TLSv1 TLSv1.1 TLSv1.2".into(),
            },
            Note::absent("add_header Strict-Transport-Security"),
            Note::FileMode("0644".into()),
            Note::Conditional {
                condition: ".if defined(HAPROXY_TLS)".into(),
                line: "12".into(),
            },
            Note::FilterTermOpen {
                filter: "PROTECT-RE".into(),
                term: "default".into(),
            },
            Note::IfWhole {
                missing: "# RTX… Rev.".into()
            },
        ];
        all.extend(
            [
                InheritedBy::NginxServer,
                InheritedBy::ApacheVirtualHost,
                InheritedBy::HaproxyBind,
                InheritedBy::IpsecConn,
            ]
            .map(Note::Inherited),
        );
        all
    }
}

impl From<&str> for Note {
    fn from(t: &str) -> Self {
        Note::Text(t.into())
    }
}

impl From<String> for Note {
    fn from(t: String) -> Self {
        Note::Text(t.into())
    }
}

impl From<&String> for Note {
    fn from(t: &String) -> Self {
        Note::Text(t.as_str().into())
    }
}

/// Renders typed notes (` (a) (b)` after the config text) in `lang`, piece by piece.
pub fn render_typed<'a>(notes: &'a [Note], english: &'a str, lang: Lang, mut out: impl FnMut(Piece<'a>)) {
    if lang == Lang::En {
        out(Piece::Prose(english));
        return;
    }
    for (i, note) in notes.iter().enumerate() {
        out(Piece::Prose(if i == 0 { " (" } else { ") (" }));
        note.ja_pieces(&mut out);
    }
    out(Piece::Prose(")"));
}

/// Only kensa's own words of an origin's notes in `lang`: from its typed notes, else read
/// from the English (what a test of the wording reads).
pub fn prose_of(origin: &crate::model::Origin, lang: Lang) -> String {
    let english = origin.evidence.get(origin.note_at as usize..).unwrap_or("");
    match &origin.notes {
        Some(notes) => prose_typed(notes, english, lang),
        None => prose(english, lang),
    }
}

/// Typed notes in Japanese, as one string.
pub fn ja_typed(notes: &[Note]) -> String {
    let mut s = String::new();
    render_typed(notes, "", Lang::Ja, |p| match p {
        Piece::Prose(t) | Piece::Config(t) => s.push_str(t),
    });
    s
}

/// Only kensa's own words of typed notes in `lang` (config text left out).
pub fn prose_typed(notes: &[Note], english: &str, lang: Lang) -> String {
    let mut s = String::new();
    render_typed(notes, english, lang, |p| {
        if let Piece::Prose(t) = p {
            s.push_str(t);
            s.push(' ');
        }
    });
    s
}

/// One piece of a rendered note: kensa's words, or config text shown as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Prose(&'a str),
    Config(&'a str),
}

/// An untyped note's shape, as the stopgap reads it.
#[derive(Debug, PartialEq, Eq)]
enum Shape<'a> {
    /// `X not set` or `no X`, with what kensa takes in its place.
    Absent { what: &'a str, then: Then<'a> },
    /// A whole sentence from the vocabulary below.
    Phrase(&'static str),
    /// Not in the vocabulary: shown as written.
    Unknown(&'a str),
}

#[derive(Debug, PartialEq, Eq)]
enum Then<'a> {
    Nothing,
    /// A vendor default (`by` names the product and release, empty when unnamed), and
    /// what it means.
    Default {
        by: &'a str,
        value: &'a str,
        meaning: Option<&'static str>,
    },
    /// A value kensa takes as in force (`off`, `none`).
    Value(&'a str),
    /// What the absence means.
    Meaning(&'static str),
}

/// Sentences and clauses kensa writes in notes, English → Japanese; `{...}` in the
/// Japanese marks config text (shown without the braces).
const VOCABULARY: &[(&str, &str)] = &[
    ("PMF disabled", "PMF は無効"),
    ("answers broadcast probes", "ブロードキャストのプローブ要求に応答します"),
    ("any host", "どのホストからも接続できます"),
    ("the RADIUS server's certificate is not verified", "RADIUS サーバの証明書を検証しません"),
    ("any server name accepted", "どのサーバ名も受け入れます"),
    ("TKIP and CCMP allowed", "TKIP と CCMP を許可"),
    ("WPA and RSN allowed", "WPA と RSN を許可"),
    ("local password only", "ローカルのパスワードのみ"),
    // Cisco IOS vty logins (cisco_ios.rs `vty_password_only`).
    ("local user passwords only", "ローカル利用者のパスワードのみ"),
    ("line password only", "{line} に設定したパスワードのみ"),
    ("enable password only", "{enable} のパスワードのみ"),
    ("no login: no credentials asked", "{no login}: 認証情報を求めません"),
    (
        "clients route only the pushed networks through the tunnel",
        "クライアントは配布されたネットワークだけをトンネル経由で送ります",
    ),
    (
        "neither redirect-gateway nor a route is pushed: each client's own profile decides what goes through the tunnel",
        "{push \"redirect-gateway\"} も {push \"route\"} もありません。どの通信をトンネルに通すかは各クライアントの設定次第です",
    ),
    ("aggressive mode answered", "アグレッシブモードに応答します"),
    ("no PFS", "PFS なし"),
    ("uses wpa_pairwise", "{wpa_pairwise} の値を使います"),
    ("empty", "空"),
    ("release not pinned", "リリースは kensa.toml で指定されていません"),
    ("release from kensa.toml [assume]", "リリースは kensa.toml の [assume] から"),
    ("any peer", "どの相手も受け入れます"),
    ("no encryption", "暗号化なし"),
    (
        "Windows trusts any server certificate the user accepts",
        "Windows は利用者が受け入れたどのサーバ証明書も信頼します",
    ),
    ("2.4 GHz", "2.4 GHz"),
    (
        "no certificate plus auth-user-pass-verify/plugin",
        "証明書と {auth-user-pass-verify/plugin} の併用なし",
    ),
    ("no second remote authentication round", "相手側の 2 段目の認証なし"),
    ("no second local authentication round", "自分側の 2 段目の認証なし"),
    (
        "certificate and auth-user-pass are not both used",
        "証明書と {auth-user-pass} を併用していません",
    ),
    ("user name and password only", "ユーザ名とパスワードのみ"),
    ("password only", "パスワードのみ"),
    (
        "the pre-shared key is shared by every user: xauth is the only personal credential",
        "事前共有鍵は全利用者で共通です。個人ごとの認証情報は {xauth} だけです",
    ),
    ("TLS mode: keys from an ephemeral key exchange", "TLS モード: 鍵は一時鍵交換から"),
    ("crypto isakmp: IKEv1", "{crypto isakmp}: IKEv1"),
    ("peertype any", "{peertype any}"),
    // FortiOS dial-up phase1 without a second factor (fortios.rs), Cisco IKEv2 profiles
    // matching any peer (cisco_ios.rs).
    ("no second factor configured", "2 段目の認証の設定なし"),
    (
        "no second factor configured, XAUTH password only",
        "2 段目の認証の設定なし。{XAUTH} のパスワードのみ",
    ),
    ("match identity remote address 0.0.0.0", "{match identity remote address 0.0.0.0}"),
    (
        "zone named untrust: taken as the internet side",
        "{untrust} という名前のゾーン: インターネット側とみなします",
    ),
    ("no ca or peer-fingerprint", "{ca}・{peer-fingerprint} のいずれの指定もなし"),
    (
        "no remote section: remote.id %any, no cacerts, certs or pubkeys",
        "{remote} セクションなし: {remote.id} は {%any}、{cacerts}・{certs}・{pubkeys} のいずれの指定もなし",
    ),
    ("no cert, pkcs12 or auth-user-pass", "{cert}・{pkcs12}・{auth-user-pass} のいずれの指定もなし"),
    (
        "no tls-auth, tls-crypt or tls-crypt-v2",
        "{tls-auth}・{tls-crypt}・{tls-crypt-v2} のいずれの指定もなし",
    ),
    (
        "no remote-cert-tls server, verify-x509-name or peer-fingerprint",
        "{remote-cert-tls server}・{verify-x509-name}・{peer-fingerprint} のいずれの指定もなし",
    ),
    (
        "no domain_suffix_match / domain_match / altsubject_match: any server name accepted",
        "{domain_suffix_match}・{domain_match}・{altsubject_match} のいずれの指定もなし: どのサーバ名も受け入れます",
    ),
    ("accepts IKEv1 and IKEv2", "IKEv1 と IKEv2 を受け入れます"),
    ("accepts IKEv1 and IKEv2 as responder", "応答側として IKEv1 と IKEv2 を受け入れます"),
    ("802.1X without WPA or WEP keys: no encryption", "WPA・WEP の鍵なしの 802.1X: 暗号化なし"),
    ("static-key mode", "静的鍵モードの"),
    // AlliedWare Plus (allied_awplus.rs): a default kensa could not confirm, and the default
    // profiles whose transforms it does not assert.
    ("assumed as the factory configuration sets it", "工場出荷時の設定のとおりと仮定"),
    (
        "the default ISAKMP profile, IKEv2; its transforms not judged",
        "既定の ISAKMP プロファイル (IKEv2)。その暗号方式の組は判定していません",
    ),
    (
        "the default IPsec profile, no PFS; its transforms not judged",
        "既定の IPsec プロファイル、PFS なし。その暗号方式の組は判定していません",
    ),
    (
        "no aaa authentication login with a server group: local password only",
        "サーバグループを使う {aaa authentication login} の指定なし: ローカルのパスワードのみ",
    ),
    (
        "esp_proposals not set: strongSwan default proposal",
        "{esp_proposals} の指定なし: strongSwan の既定の提案",
    ),
    ("and no cacerts, certs or pubkeys", "{cacerts}・{certs}・{pubkeys} のいずれの指定もなし"),
    // NEC UNIVERGE IX `ike proposal` without `group`: the default is not documented to kensa.
    ("1024-bit assumed (the weaker reading)", "{1024-bit} と仮定 (弱い側の解釈)"),
];

/// Config values kensa writes after `not set:` as the value in force.
const VALUES: &[&str] = &["off", "on", "none", "required", "optional", "disable", "enable"];

fn phrase(en: &str) -> Option<&'static str> {
    VOCABULARY.iter().find(|(e, _)| *e == en).map(|(_, j)| *j)
}

fn read(note: &str) -> Shape<'_> {
    if let Some(j) = phrase(note) {
        return Shape::Phrase(j);
    }
    if let Some(what) = note.strip_suffix(" not set") {
        return Shape::Absent { what, then: Then::Nothing };
    }
    if let Some((what, rest)) = note.split_once(" not set: ") {
        return match then(rest) {
            Some(then) => Shape::Absent { what, then },
            None => Shape::Unknown(note),
        };
    }
    if let Some(rest) = note.strip_prefix("no ") {
        return match rest.split_once(": ") {
            None => Shape::Absent {
                what: rest,
                then: Then::Nothing,
            },
            Some((what, meaning)) => match phrase(meaning) {
                Some(m) => Shape::Absent { what, then: Then::Meaning(m) },
                None => Shape::Unknown(note),
            },
        };
    }
    if let Some(rest) = note.strip_prefix("global default: ") {
        return Shape::Absent {
            what: "",
            then: Then::Default {
                by: "",
                value: rest,
                meaning: None,
            },
        };
    }
    Shape::Unknown(note)
}

/// What follows `X not set: `.
fn then(rest: &str) -> Option<Then<'_>> {
    if let Some(m) = phrase(rest) {
        return Some(Then::Meaning(m));
    }
    if VALUES.contains(&rest) {
        return Some(Then::Value(rest));
    }
    let (by, tail) = if let Some(t) = rest.strip_prefix("default ") {
        ("", t)
    } else {
        let (by, t) = rest.split_once(" default ")?;
        (by, t)
    };
    // `value, meaning`, `value meaning` or `value; more, meaning` (the nginx release note):
    // the meaning is the vocabulary clause that ends the text.
    let meaning = tail
        .match_indices([',', ' '])
        .find_map(|(i, sep)| phrase(tail[i + sep.len()..].trim_start()).map(|m| (&tail[..i], m)));
    let (value, meaning) = match meaning {
        Some((v, m)) => (v, Some(m)),
        None => (tail, None),
    };
    Some(Then::Default { by, value, meaning })
}

/// Renders the notes after the config text (` (a) (b)`, as [`crate::model::Origin`] keeps
/// them) in `lang`, piece by piece.
pub fn render<'a>(notes: &'a str, lang: Lang, mut out: impl FnMut(Piece<'a>)) {
    let inner = notes.strip_prefix(" (").and_then(|n| n.strip_suffix(')')).unwrap_or(notes);
    for (i, note) in inner.split(") (").enumerate() {
        out(Piece::Prose(if i == 0 { " (" } else { ") (" }));
        match lang {
            Lang::En => out(Piece::Prose(note)),
            Lang::Ja => ja_pieces(read(note), &mut out),
        }
    }
    out(Piece::Prose(")"));
}

fn ja_pieces<'a>(note: Shape<'a>, out: &mut impl FnMut(Piece<'a>)) {
    match note {
        Shape::Phrase(j) => phrase_pieces(j, out),
        Shape::Unknown(n) => out(Piece::Prose(n)),
        Shape::Absent { what, then } => {
            if what.is_empty() {
                out(Piece::Prose("全体の既定値"));
            } else {
                out(Piece::Config(what));
                out(Piece::Prose(" の指定なし"));
            }
            match then {
                Then::Nothing => {}
                Then::Value(v) => {
                    out(Piece::Prose(": "));
                    out(Piece::Config(v));
                }
                Then::Meaning(m) => {
                    out(Piece::Prose(": "));
                    phrase_pieces(m, out);
                }
                Then::Default { by, value, meaning } => {
                    out(Piece::Prose(": "));
                    if let Some(j) = phrase(by) {
                        out(Piece::Prose(j));
                        out(Piece::Prose("既定値 "));
                    } else if !by.is_empty() {
                        out(Piece::Config(by));
                        out(Piece::Prose(" の既定値 "));
                    } else if !what.is_empty() {
                        out(Piece::Prose("既定値 "));
                    }
                    match value.split_once("; ").or_else(|| value.split_once(", ")) {
                        // The nginx release note: "A from R; B before, release not pinned".
                        Some((now, rest)) if value.contains(" from ") => ja_release(now, rest, out),
                        _ => out(Piece::Config(value)),
                    }
                    if let Some(m) = meaning {
                        out(Piece::Prose("、"));
                        phrase_pieces(m, out);
                    }
                }
            }
        }
    }
}

/// A vocabulary sentence: its `{config}` parts as config text, the rest as prose.
fn phrase_pieces<'a>(j: &'static str, out: &mut impl FnMut(Piece<'a>)) {
    for (i, part) in j.split(['{', '}']).enumerate() {
        if !part.is_empty() {
            out(if i % 2 == 1 { Piece::Config(part) } else { Piece::Prose(part) });
        }
    }
}

/// `TLSv1.2 TLSv1.3 from 1.23.4` + `TLSv1 TLSv1.1 TLSv1.2 before` in Japanese.
fn ja_release<'a>(now: &'a str, before: &'a str, out: &mut impl FnMut(Piece<'a>)) {
    match (now.rsplit_once(" from "), before.strip_suffix(" before")) {
        (Some((value, release)), Some(old)) => {
            out(Piece::Config(release));
            out(Piece::Prose(" 以降は "));
            out(Piece::Config(value));
            out(Piece::Prose("、それより前は "));
            out(Piece::Config(old));
        }
        _ => {
            out(Piece::Config(now));
            out(Piece::Prose("; "));
            out(Piece::Prose(before));
        }
    }
}

/// The notes in Japanese, as one string.
pub fn ja(notes: &str) -> String {
    let mut s = String::with_capacity(notes.len() * 2);
    render(notes, Lang::Ja, |p| match p {
        Piece::Prose(t) | Piece::Config(t) => s.push_str(t),
    });
    s
}

/// Only kensa's own words of the notes in `lang` (config text left out): what a test of
/// the wording reads.
pub fn prose(notes: &str, lang: Lang) -> String {
    let mut s = String::new();
    render(notes, lang, |p| {
        if let Piece::Prose(t) = p {
            s.push_str(t);
            s.push(' ');
        }
    });
    s
}

/// What a probe measured, as its evidence says it in English ("TLS1.3: handshake completed
/// without a CertificateRequest", "ServerHello for TLS1.2; TLS1.0 refused (alert ...)"),
/// in Japanese; protocol, suite and alert names stay as written. `None` when the sentence
/// is not in this vocabulary.
pub fn probe_ja(evidence: &str) -> Option<String> {
    let parts: Vec<String> = evidence.split("; ").map(probe_clause_ja).collect::<Option<_>>()?;
    Some(parts.join("、"))
}

fn probe_clause_ja(c: &str) -> Option<String> {
    if let Some(v) = c.strip_suffix(": handshake completed without a CertificateRequest") {
        return Some(format!("{}: CertificateRequest なしでハンドシェイクが完了", handshake_ja(v)));
    }
    if let Some((what, r)) = c.split_once(" presented in the ") {
        let what = match (what, what.strip_prefix("chain of ")) {
            ("server certificate", _) => "サーバ証明書".to_string(),
            (_, Some(n)) => format!("証明書チェーン ({n} 枚)"),
            _ => return None,
        };
        return match r.split_once(" handshake choosing ") {
            Some((v, suite)) => Some(format!("{suite} を選んだ {v} のハンドシェイクで提示された{what}")),
            None => r.strip_suffix(" handshake").map(|v| format!("{v} のハンドシェイクで提示された{what}")),
        };
    }
    if let Some(v) = c.strip_prefix("no CertificateRequest in the ").and_then(|r| r.strip_suffix(" handshake")) {
        return Some(format!("{v} のハンドシェイクに CertificateRequest なし"));
    }
    if let Some(bits) = c.strip_prefix("DHE ServerKeyExchange prime of ").and_then(|r| r.strip_suffix(" bits")) {
        return Some(format!("DHE ServerKeyExchange の素数 {bits} ビット"));
    }
    if let Some(vs) = c.strip_prefix("ServerHello for ") {
        return Some(format!("{vs} で ServerHello"));
    }
    if let Some((v, why)) = c.split_once(" refused (") {
        let why = why.strip_suffix(')')?;
        // The enumeration's shortcut (src/probe/enumerate.rs): a lower version not asked
        // because a higher one's hello met protocol_version, which rules out every version
        // up to it (RFC 5246 E.1).
        let skipped = why
            .strip_prefix("not probed: the ")
            .and_then(|r| r.split_once(" hello was refused with alert protocol_version, which means no version up to "))
            .map(|(asked, upto)| format!("未測定: {asked} の ClientHello がアラート protocol_version で拒否されたため、{upto} 以下のバージョンはないと判断"));
        let why = match (why.strip_prefix("alert "), why.strip_prefix("server answered with "), skipped) {
            (Some(alert), _, _) => format!("アラート {alert}"),
            (_, Some(answer), _) => format!("サーバは {answer} で応答"),
            (_, _, Some(skipped)) => skipped,
            _ => return None,
        };
        return Some(format!("{v} は拒否 ({why})"));
    }
    if let Some((v, list)) = c.split_once(": server chose, in this order, ") {
        return Some(format!("{v}: サーバが選んだ順に {list}"));
    }
    if let Some((v, rest)) = c.split_once(": offered ") {
        let (offered, chose) = rest.split_once(", server chose ")?;
        let (first, second) = offered.split_once(" before ")?;
        return Some(format!("{v}: {first} を {second} より先に提示し、サーバは {chose} を選択"));
    }
    None
}

/// "TLS1.3" as it is; "TLS1.3 with secp521r1 (kensa's own handshake)" (src/probe/tls13_raw.rs)
/// as "TLS1.3 (secp521r1、kensa 自身のハンドシェイク)".
fn handshake_ja(v: &str) -> String {
    match v.strip_suffix(" (kensa's own handshake)").and_then(|r| r.split_once(" with ")) {
        Some((version, group)) => format!("{version} ({group}、kensa 自身のハンドシェイク)"),
        None => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vendor_default_reads_as_japanese_with_its_value_as_written() {
        assert_eq!(
            ja(" (tls-version-min not set: OpenVPN 2.6 default 1.2)"),
            " (tls-version-min の指定なし: OpenVPN 2.6 の既定値 1.2)"
        );
        assert_eq!(
            ja(" (ssl_ciphers not set: default HIGH:!aNULL:!MD5)"),
            " (ssl_ciphers の指定なし: 既定値 HIGH:!aNULL:!MD5)"
        );
        assert_eq!(
            ja(" (ieee80211w not set: hostapd default 0, PMF disabled)"),
            " (ieee80211w の指定なし: hostapd の既定値 0、PMF は無効)"
        );
    }

    #[test]
    fn absent_directives_and_chained_notes() {
        assert_eq!(ja(" (no access-class)"), " (access-class の指定なし)");
        assert_eq!(ja(" (ssl_verify_client not set: off)"), " (ssl_verify_client の指定なし: off)");
        assert_eq!(
            ja(" (ssl_protocols not set: nginx default TLSv1.2 TLSv1.3 from 1.23.4; TLSv1 TLSv1.1 TLSv1.2 before, release not pinned)"),
            " (ssl_protocols の指定なし: nginx の既定値 1.23.4 以降は TLSv1.2 TLSv1.3、それより前は TLSv1 TLSv1.1 TLSv1.2、リリースは kensa.toml で指定されていません)"
        );
    }

    /// Typed notes write the same English into the evidence as parsers wrote by hand, and
    /// render Japanese from the type, after an untyped note too.
    #[test]
    fn typed_notes_keep_their_english_and_render_japanese_from_the_type() {
        use crate::model::Origin;
        let block = Origin::file("a.conf".into(), 3, 1, (0, 8), "server {");
        let o = block
            .with_note(Note::not_set_value("ssl_verify_client", "off"))
            .with_note(Note::Inherited(InheritedBy::NginxServer));
        assert_eq!(
            &*o.evidence,
            "server { (ssl_verify_client not set: off) (inherited by every server block that does not override it)"
        );
        assert_eq!(
            o.evidence_in(Lang::Ja),
            "server { (ssl_verify_client の指定なし: off) (上書きしていないすべての server ブロックに引き継がれます)"
        );
        let o = block
            .with_note("hw_mode not set: hostapd default b, 2.4 GHz")
            .with_note(Note::FileMode("0644".into()));
        assert_eq!(&*o.evidence, "server { (hw_mode not set: hostapd default b, 2.4 GHz) (file mode 0644)");
        assert_eq!(
            o.evidence_in(Lang::Ja),
            "server { (hw_mode の指定なし: hostapd の既定値 b、2.4 GHz) (ファイルのモード 0644)"
        );
        for note in Note::samples() {
            let mut en = String::new();
            note.en_into(&mut en);
            assert_eq!(&*block.with_note(note.clone()).evidence, format!("server {{ ({en})"), "{note:?}");
        }
    }

    #[test]
    fn config_text_inside_a_sentence_is_shown_without_its_marks() {
        assert_eq!(ja(" (crypto isakmp: IKEv1)"), " (crypto isakmp: IKEv1)");
        assert_eq!(prose(" (crypto isakmp: IKEv1)", Lang::Ja), " ( : IKEv1 ) ");
    }

    #[test]
    fn an_unknown_note_stays_as_written() {
        assert_eq!(ja(" (something new)"), " (something new)");
        assert_eq!(prose(" (something new)", Lang::Ja), " ( something new ) ");
    }

    #[test]
    fn probe_sentences_read_as_japanese_and_unknown_ones_stay() {
        let cases = [
            (
                "TLS1.1 refused (alert protocol_version); TLS1.2 refused (server answered with TLS1.1)",
                Some("TLS1.1 は拒否 (アラート protocol_version)、TLS1.2 は拒否 (サーバは TLS1.1 で応答)"),
            ),
            (
                "SSL3.0 refused (not probed: the TLS1.0 hello was refused with alert protocol_version, which means no version up to TLS1.0)",
                Some("SSL3.0 は拒否 (未測定: TLS1.0 の ClientHello がアラート protocol_version で拒否されたため、TLS1.0 以下のバージョンはないと判断)"),
            ),
            (
                "TLS1.3 with secp521r1 (kensa's own handshake): handshake completed without a CertificateRequest",
                Some("TLS1.3 (secp521r1、kensa 自身のハンドシェイク): CertificateRequest なしでハンドシェイクが完了"),
            ),
            ("something new", None),
        ];
        for (sentence, want) in cases {
            assert_eq!(probe_ja(sentence).as_deref(), want, "{sentence}");
        }
    }
}
