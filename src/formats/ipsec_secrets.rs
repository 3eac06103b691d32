//! strongSwan `ipsec.secrets` (ipsec.secrets(5)): `[ids] : TYPE value` entries and
//! `include`. PSK entries become IKE pre-shared-key [`Secret`](crate::model::Secret)s and
//! EAP/XAUTH/NTLM entries user passwords, judged by strength only; RSA/ECDSA/P12 entries
//! name key files (their optional passphrase is not judged). No value is ever kept.

use crate::formats::vpn_common::{masked_origin, unquote, unrecognized_word};
use crate::formats::{ParseCx, SecretRecord};
use crate::model::{SecretKind, SecretStorage};
use crate::source::SourceFile;
use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while1};
use nom::character::complete::{char as ch, space0, space1};
use nom::IResult;
use nom::Parser;
use std::sync::Arc;

/// ` : PSK ` — the separator and the secret type.
fn separator_and_type(i: &str) -> IResult<&str, &str> {
    let (i, _) = space0(i)?;
    let (i, _) = ch(':').parse(i)?;
    let (i, _) = space0(i)?;
    let (i, t) = alt((
        tag_no_case("PSK"),
        tag_no_case("EAP"),
        tag_no_case("XAUTH"),
        tag_no_case("NTLM"),
        tag_no_case("RSA"),
        tag_no_case("ECDSA"),
        tag_no_case("BLISS"),
        tag_no_case("PKCS8"),
        tag_no_case("P12"),
        tag_no_case("PIN"),
        tag_no_case("PRIVATE"),
    ))
    .parse(i)?;
    let (i, _) = alt((space1, nom::combinator::eof)).parse(i)?;
    Ok((i, t))
}

fn selector(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| !c.is_whitespace() && c != ':').parse(i)
}

pub fn parse(cx: &mut ParseCx, src: &Arc<SourceFile>) {
    cx.model.device = Some(crate::formats::vpn_common::strongswan_device(src));
    read(cx, src);
}

/// Reads one secrets file (and what it includes) into `cx`; also the standard
/// ipsec.secrets an ipsec.conf input reads beside itself.
pub(crate) fn read(cx: &mut ParseCx, src: &Arc<SourceFile>) {
    let text = src.text.as_str();
    // Entries may continue on indented lines; join them first.
    let mut entries: Vec<(usize, String)> = Vec::new();
    for (at, line) in crate::formats::lex::physical(text) {
        let body = line.trim();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let continuation = line.starts_with([' ', '\t']) && entries.last().is_some_and(|(_, e)| !e.contains(':') || e.trim_end().ends_with(':'));
        match entries.last_mut() {
            Some((_, e)) if continuation => {
                e.push(' ');
                e.push_str(body);
            }
            _ => entries.push((at + (line.len() - line.trim_start().len()), body.to_string())),
        }
    }
    for (at, entry) in entries {
        if let Some(pattern) = entry.strip_prefix("include").filter(|r| r.starts_with([' ', '\t'])) {
            let pattern = unquote(pattern.trim()).to_string();
            cx.include(src, at, &pattern, &mut |cx, file| read(cx, file));
            continue;
        }
        let mut rest = entry.as_str();
        let mut ids: Vec<String> = Vec::new();
        let kind = loop {
            if let Ok((after, t)) = separator_and_type(rest) {
                break Some((t.to_ascii_uppercase(), after));
            }
            match selector(rest.trim_start()) {
                Ok((after, id)) => {
                    ids.push(unquote(id).to_string());
                    rest = after;
                }
                Err(_) => break None,
            }
        };
        let Some((kind, value)) = kind else {
            unrecognized_word(cx, src, at, &entry);
            continue;
        };
        let secret_kind = match kind.as_str() {
            "PSK" => SecretKind::IpsecPsk,
            "EAP" | "XAUTH" | "NTLM" => SecretKind::UserPassword,
            _ => continue,
        };
        let value = secret_value(value);
        let end = at + entry.find(':').unwrap_or(0) + 1;
        let shown_ids = if ids.is_empty() { "any peer".to_string() } else { ids.join(" ") };
        let origin = masked_origin(src, at, end, format!("{} : {kind}", ids.join(" ")).trim_start(), " ");
        let subject = match secret_kind {
            SecretKind::IpsecPsk => format!("ipsec.secrets PSK for {shown_ids}"),
            _ => format!("ipsec.secrets {kind} password for {shown_ids}"),
        };
        let account = if secret_kind == SecretKind::UserPassword {
            ids.first().map(String::as_str)
        } else {
            None
        };
        cx.secret(
            SecretRecord::new(secret_kind, SecretStorage::Plaintext, subject, origin)
                .value(value.as_str())
                .account(account)
                .plaintext_format(),
        );
    }
}

/// The secret as written: `"quoted"`, `'quoted'`, `0x...`/`0s...` (measured as written), or
/// a bare word.
fn secret_value(v: &str) -> String {
    let v = v.trim();
    if let Some(q) = v.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let inner = &v[1..];
        return inner.find(q).map_or(inner, |e| &inner[..e]).to_string();
    }
    v.split_whitespace().next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use crate::formats::Format;
    use crate::model::SecretKind;
    use crate::testutil::parse_clean;

    #[test]
    fn psk_and_eap_entries() {
        let text =
            "# ipsec.secrets\n: PSK \"v3ry-l0ng-and-rand0m-Secret!\"\n198.51.100.1 203.0.113.2 : PSK 0x7a1b2c3d\nalice : EAP \"alice\"\n: RSA moonKey.pem\n";
        let p = parse_clean(Format::IpsecSecrets, "ipsec.secrets", text);
        let s = &p.model.secrets;
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].kind, SecretKind::IpsecPsk);
        assert_eq!(s[0].strength.unwrap().length, 28);
        assert_eq!(s[1].subject, "ipsec.secrets PSK for 198.51.100.1 203.0.113.2");
        assert_eq!(s[1].strength.unwrap().length, 10);
        assert!(s[2].strength.unwrap().common, "password equal to the user name");
        assert!(s.iter().all(|x| x.origin.evidence.contains("****")));
        assert!(!format!("{:?}", p.model).contains("v3ry"));
    }
}
