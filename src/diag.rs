//! Diagnostics about inputs (as opposed to findings about the network): unreadable files,
//! syntax errors, include problems, unrecognised lines. Each has a file and line and a
//! message in both languages.

use crate::i18n::{say, Lang};
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiagLevel {
    /// The input could not be (fully) understood; exit code 2.
    Error,
    /// Understood, but something looks wrong (unknown directive value, decoded as Shift_JIS).
    Warning,
    /// For the record (a referenced certificate file is not present here).
    Info,
}

impl DiagLevel {
    /// The name reports use (as serialised).
    pub fn name(self) -> &'static str {
        match self {
            DiagLevel::Error => "error",
            DiagLevel::Warning => "warning",
            DiagLevel::Info => "info",
        }
    }
}

/// What went wrong, with the data needed to say it in either language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum DiagKind {
    Unreadable {
        reason: String,
    },
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    Binary,
    DecodedAs {
        encoding: String,
    },
    InvalidUtf8,
    UnknownFormat,
    UnterminatedBlock {
        opened_line: u32,
    },
    UnexpectedClose,
    UnterminatedQuote,
    MissingSemicolon {
        directive: String,
    },
    TooDeep {
        limit: usize,
    },
    Syntax {
        detail: String,
    },
    IncludeMissing {
        pattern: String,
    },
    /// An include glob that matched no file; `live` when the input is this machine's own
    /// file (an empty `conf.d/` there is simply empty).
    IncludeNoMatch {
        pattern: String,
        live: bool,
    },
    IncludeLoop {
        path: String,
    },
    /// strongSwan `name : other {`: the referenced section is in none of the files read,
    /// so what `name` inherits is unknown.
    ReferenceMissing {
        name: String,
    },
    IncludeUnreadable {
        path: String,
        reason: String,
    },
    TooManyIncludes {
        limit: usize,
    },
    IncludedTooMuch {
        limit_mib: u64,
    },
    Unrecognized {
        directive: String,
    },
    /// A secret kensa did not judge: redacted in this copy, or on a line not in the
    /// vendor's syntax (so which word is the secret is unknown; all are masked).
    SecretNotJudged {
        subject: String,
        redacted: bool,
    },
    /// Secrets of this input that MGMT009 could not compare with the others for reuse,
    /// counted by why (one note per input, not one per secret).
    SecretsNotCompared {
        hashed: usize,
        encrypted: usize,
        unreadable: usize,
    },
    /// A secret both ends of a link hold, found at exactly one other place in another
    /// file: MGMT009 takes the two as the two ends of one link (not reuse), and says so.
    SecretAssumedLinkEnd {
        subject: String,
        other: String,
    },
    BadValue {
        directive: String,
        value: String,
    },
    /// A setting written with no value where the program refuses an empty one (hostapd's
    /// `wpa_passphrase=`, WireGuard's `PrivateKey =` whose rest is a `#` comment): an
    /// unfilled template or a broken file, not a weak value; not judged.
    EmptyValue {
        directive: String,
    },
    /// A line a template switches on or off by a placeholder before it (YunoHost's
    /// `__LOGIN_COMMENT__auth-user-pass …`, filled with `#` or nothing): judged as written
    /// without the placeholder, and said, since the device's copy may have it commented out.
    TemplateLine {
        placeholder: String,
        directive: String,
    },
    UnknownCipherTokens {
        tokens: String,
    },
    /// A vendor's built-in cipher group (NetScaler `DEFAULT`, `HIGH`, `SECURE`, ...): its
    /// suites change between releases and no release-independent list exists, so it is
    /// named and not judged; not an unknown word.
    BuiltinCipherGroups {
        product: String,
        groups: String,
    },
    LegacyCipherSuites {
        names: String,
    },
    FileReferenced {
        path: String,
        state: String,
    },
    /// A connection authenticates with a pre-shared key kept elsewhere (ipsec.conf
    /// `authby=secret` and ipsec.secrets, swanctl `auth = psk` and a `secrets` section) that
    /// kensa did not read: the key's strength is not judged. `needs` says what would let
    /// kensa judge it.
    PskNotRead {
        needs: PskSource,
    },
    Utf16OddLength,
    Utf16UnpairedSurrogate {
        unit: u16,
        count: usize,
    },
    /// More diagnostics of one kind in one file than a reader can use (a file of 50,000
    /// stray `}`): the first of those left out, how many were, and where.
    Alike {
        more: usize,
        lines: String,
        like: Box<DiagKind>,
    },
}

/// Where a configuration keeps the pre-shared keys its connections use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PskSource {
    /// strongSwan/Libreswan `ipsec.secrets`, beside `ipsec.conf`.
    IpsecSecrets,
    /// A `secrets` section of swanctl.conf or a file it includes.
    SwanctlSecrets,
}

impl DiagKind {
    /// Whether this note (of level info) means part of the input went unjudged: a file the
    /// config names that was not read, an include that matched nothing in a copied tree.
    pub fn leaves_unjudged(&self) -> bool {
        match self {
            DiagKind::Alike { like, .. } => like.leaves_unjudged(),
            _ => matches!(
                self,
                DiagKind::FileReferenced { .. } | DiagKind::PskNotRead { .. } | DiagKind::IncludeNoMatch { live: false, .. }
            ),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        use DiagKind::*;
        match self {
            Unreadable { reason } => say!(lang, "読み込めません: {reason}", "cannot read: {reason}"),
            TooLarge { bytes, limit } => say!(lang, "ファイルが大きすぎます ({bytes} バイト、上限 {limit} バイト)", "file too large ({bytes} bytes, limit {limit})"),
            Binary => say!(lang, "バイナリファイルのため解析できません", "binary file, not a configuration"),
            DecodedAs { encoding } => say!(lang, "UTF-8 ではないため {encoding} として読みました", "not UTF-8; decoded as {encoding}"),
            InvalidUtf8 => say!(lang, "UTF-8 として不正なバイトを置き換えて読みました", "invalid UTF-8 bytes replaced"),
            UnknownFormat => say!(lang, "形式を判別できません (--as で指定してください)", "unknown format (use --as FORMAT)"),
            UnterminatedBlock { opened_line } => say!(lang, "{opened_line} 行目で開いたブロックが閉じられていません", "unterminated block opened at line {opened_line}"),
            UnexpectedClose => say!(lang, "対応するブロックのない閉じ括弧です", "unexpected closing of a block that was not opened"),
            UnterminatedQuote => say!(lang, "引用符が閉じられていません", "unterminated quoted string"),
            MissingSemicolon { directive } => say!(lang, "ディレクティブ {directive} が ; で終わっていません", "directive {directive} is not terminated by ;"),
            TooDeep { limit } => say!(lang, "ブロックの入れ子が深すぎます (上限 {limit})", "blocks nested too deeply (limit {limit})"),
            Syntax { detail } => say!(lang, "構文エラー: {detail}", "syntax error: {detail}"),
            IncludeMissing { pattern } => say!(lang, "include 先 {pattern} が見つかりません", "included file {pattern} not found"),
            IncludeNoMatch { pattern, live: true } => say!(
                lang,
                "include {pattern} に一致するファイルはありません (判定するものはありません)",
                "include {pattern} matches no file (nothing to judge)"
            ),
            IncludeNoMatch { pattern, live: false } => say!(
                lang,
                "include {pattern} に一致するファイルが点検対象のツリーにありません。機器上で空なら問題ありませんが、写しが不完全なら、機器上でそこに置かれた設定は判定されていません",
                "include {pattern} matches no file in the audited tree: fine if it is empty on the device, but if the copy is incomplete, what the device holds there is not judged"
            ),
            ReferenceMissing { name } => say!(
                lang,
                "参照先のセクション {name} が読み込んだファイルのどこにもありません。このセクションが引き継ぐ設定は判定していません",
                "referenced section {name} is in none of the files read: what this section inherits was not judged"
            ),
            IncludeLoop { path } => say!(lang, "include が循環しています: {path}", "include loop: {path}"),
            IncludeUnreadable { path, reason } => say!(lang, "include 先 {path} を読めません: {reason}", "cannot read included file {path}: {reason}"),
            TooManyIncludes { limit } => say!(lang, "include が多すぎます (上限 {limit})", "too many included files (limit {limit})"),
            // Includes of one input pulled in more than `formats::MAX_INCLUDED_BYTES`.
            IncludedTooMuch { limit_mib } => say!(
                lang,
                "include で読み込んだ量が上限 ({limit_mib} MiB) を超えたため、以降の include は読みません",
                "included files exceed {limit_mib} MiB in all; further includes are not read"
            ),
            Unrecognized { directive } => say!(lang, "解釈できない行です: {directive}", "unrecognised line: {directive}"),
            SecretNotJudged { subject, redacted: true } => say!(
                lang,
                "{subject} の値は伏せ字に置き換えられているため、強度を判定していません",
                "the value of {subject} is redacted in this copy; its strength is not judged"
            ),
            SecretNotJudged { subject, redacted: false } => say!(
                lang,
                "{subject}: この機種の構文として読めないため、秘密情報を伏せ、判定していません",
                "{subject}: not in this vendor's syntax; the secret is masked and not judged"
            ),
            SecretsNotCompared { hashed, encrypted, unreadable } => {
                let mut parts = Vec::new();
                for (n, what_ja, what_en) in [
                    (hashed, "一方向ハッシュ", "stored as one-way hashes"),
                    (encrypted, "機器の鍵で暗号化", "encrypted with the device's key"),
                    (unreadable, "伏せ字または読み取れない値", "redacted or unreadable"),
                ] {
                    if *n > 0 {
                        parts.push(say!(lang, "{what_ja} {n} 件", "{n} {what_en}"));
                    }
                }
                let total = hashed + encrypted + unreadable;
                let parts = parts.join(lang.of(("、", ", ")));
                say!(
                    lang,
                    "この入力の秘密情報のうち {total} 件は、値を比べられないため使い回しを判定していません ({parts})",
                    "{total} secret(s) here could not be compared with the others for reuse ({parts})"
                )
            }
            EmptyValue { directive } => say!(
                lang,
                "{directive} の値が空です。空の値は受け付けられないため、判定していません",
                "{directive} has no value; the program refuses it empty, so it is not judged"
            ),
            TemplateLine { placeholder, directive } => say!(
                lang,
                "{directive} の前にテンプレートの置換文字列 {placeholder} があり、機器上では行が無効にされている場合があります。有効な行として判定しました",
                "{directive} follows the template placeholder {placeholder}, which may turn the line off on the device; judged as on"
            ),
            SecretAssumedLinkEnd { subject, other } => say!(
                lang,
                "{subject}: 同じ秘密情報が {other} にもあります。一つの接続の両端とみなし、使い回しとはしていません",
                "{subject}: the same secret is also at {other}; kensa takes the two as the two ends of one link, not as reuse"
            ),
            BadValue { directive, value } => say!(lang, "{directive} の値 {value} を解釈できません", "cannot understand value {value} of {directive}"),
            UnknownCipherTokens { tokens } => say!(lang, "暗号スイート指定に不明な語があります: {tokens}", "unknown words in cipher specification: {tokens}"),
            BuiltinCipherGroups { product, groups } => say!(
                lang,
                "{product} の組み込み暗号グループ {groups} は版によって中身が変わるため、その暗号スイートは判定していません (暗号名を一つずつ割り当てると判定できます)",
                "{product} built-in cipher group {groups}: its suites change between releases and are not judged (bind the cipher names one by one to have them judged)"
            ),
            // A cipher string names suites only OpenSSL 1.0.x/1.1.x offers: the assumption
            // behind judging them as offered.
            LegacyCipherSuites { names } => say!(
                lang,
                "OpenSSL 1.0.x/1.1.x だけが提供する暗号スイートを指定しています。機器のライブラリが提供するものとして判定しました (OpenSSL 3.0 の標準ビルドでは無視されます): {names}",
                "names suites only OpenSSL 1.0.x/1.1.x offers; judged as offered by the device's library (a default OpenSSL 3.0 build skips them): {names}"
            ),
            // The copy replaced a secret by a placeholder: nothing to measure.
            FileReferenced { path, state } => {
                let state = match state.as_str() {
                    "missing" => lang.of(("点検対象のツリーに無いため判定していません", "not in the audited tree, not judged")),
                    other => other,
                };
                say!(lang, "参照されたファイル {path}: {state}", "referenced file {path}: {state}")
            }
            PskNotRead { needs } => {
                let needs = lang.of(match needs {
                    PskSource::IpsecSecrets => (
                        "--root で etc/ipsec.secrets を含む機器のツリーを指定するか、ipsec.secrets を入力に加えてください",
                        "give --root with the device's etc/ipsec.secrets, or ipsec.secrets as an input",
                    ),
                    PskSource::SwanctlSecrets => (
                        "secrets セクションを含む swanctl.conf (または conf.d のファイル) を入力に加えてください",
                        "give the swanctl.conf (or conf.d file) that holds the secrets section as an input",
                    ),
                });
                say!(
                    lang,
                    "事前共有鍵はこの入力が読み込んでいないファイルにあるため、鍵の強度を判定していません ({needs})",
                    "the pre-shared key is kept in a file this input did not read: its strength is not judged ({needs})"
                )
            }
            // A UTF-16 file with an odd number of bytes: the dangling last byte is dropped.
            Utf16OddLength => say!(
                lang,
                "UTF-16 のファイルなのにバイト数が奇数です (途中で切れている可能性があります)。最後の 1 バイトは読み飛ばしました",
                "UTF-16 file with an odd number of bytes (truncated?); the last byte was ignored"
            ),
            // UTF-16 code units that pair with nothing (the first one shown), read as U+FFFD.
            Utf16UnpairedSurrogate { unit, count } => say!(
                lang,
                "UTF-16 として不正な対のないサロゲート 0x{unit:04X} があります (全 {count} 箇所、U+FFFD に置き換えて読みました)",
                "unpaired UTF-16 surrogate 0x{unit:04X} ({count} in the file, replaced by U+FFFD)"
            ),
            Alike { more, lines, like } => {
                let like = like.message(lang);
                say!(lang, "ほかに同じ種類の診断が {more} 件あります (行 {lines}): {like}", "and {more} more like this at lines {lines}: {like}")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub level: DiagLevel,
    pub path: Arc<str>,
    /// 1-based; 0 when the whole file is meant.
    pub line: u32,
    pub column: u32,
    #[serde(flatten)]
    pub kind: DiagKind,
}

impl Diagnostic {
    pub fn new(level: DiagLevel, path: &Arc<str>, line: u32, column: u32, kind: DiagKind) -> Self {
        Diagnostic {
            level,
            path: path.clone(),
            line,
            column,
            kind,
        }
    }
    pub fn file(level: DiagLevel, path: &Arc<str>, kind: DiagKind) -> Self {
        Diagnostic::new(level, path, 0, 0, kind)
    }
}

/// Diagnostics of one kind (same level, file and kind of problem) kept per input before
/// the rest are told as one [`DiagKind::Alike`].
pub const MAX_ALIKE: usize = 20;
/// Lines of the diagnostics left out that an [`DiagKind::Alike`] names (then the last).
const ALIKE_LINES_SHOWN: usize = 10;

/// Keeps the first [`MAX_ALIKE`] diagnostics of each kind per file and tells the rest as
/// one diagnostic in the place of the first left out: a file of 50,000 stray `}` must not
/// bury the report (and every output) under 50,000 identical lines, yet must not pass
/// silently either.
pub fn cap_alike(diags: &mut Vec<Diagnostic>) {
    type Key = (DiagLevel, Arc<str>, std::mem::Discriminant<DiagKind>);
    if diags.len() <= MAX_ALIKE {
        return;
    }
    // Per kind: how many were seen, and where its summary sits in `out` with the lines
    // it names.
    let mut seen: rustc_hash::FxHashMap<Key, (usize, Option<usize>)> = Default::default();
    let mut summaries: Vec<(usize, usize, Vec<u32>, u32)> = Vec::new();
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diags.len().min(256));
    for d in diags.drain(..) {
        let entry = seen.entry((d.level, d.path.clone(), std::mem::discriminant(&d.kind))).or_insert((0, None));
        entry.0 += 1;
        if entry.0 <= MAX_ALIKE {
            out.push(d);
            continue;
        }
        match entry.1 {
            Some(i) => {
                let (_, more, lines, last) = &mut summaries[i];
                *more += 1;
                if lines.len() < ALIKE_LINES_SHOWN {
                    lines.push(d.line);
                } else {
                    *last = d.line;
                }
            }
            None => {
                entry.1 = Some(summaries.len());
                summaries.push((out.len(), 1, vec![d.line], 0));
                out.push(d);
            }
        }
    }
    for (at, more, lines, last) in summaries {
        let mut shown: Vec<String> = lines.iter().map(u32::to_string).collect();
        if more > lines.len() {
            if more > lines.len() + 1 {
                shown.push("…".into());
            }
            shown.push(last.to_string());
        }
        let first = &mut out[at];
        let like = std::mem::replace(&mut first.kind, DiagKind::Binary);
        first.kind = DiagKind::Alike {
            more,
            lines: shown.join(", "),
            like: Box::new(like),
        };
    }
    *diags = out;
}
