// STUB
#[derive(Debug, Default)]
pub struct Expansion {
    pub suites: Vec<u16>,
    pub unknown_tokens: Vec<String>,
    pub security_level: Option<u8>,
}
#[derive(Debug)]
pub struct CipherStringError(String);
impl std::fmt::Display for CipherStringError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
pub fn expand(spec: &str) -> Result<Expansion, CipherStringError> {
    let mut e = Expansion::default();
    for t in spec.split(':') {
        if let Some(s) = super::suites::ALL.iter().find(|s| s.openssl == Some(t)) {
            e.suites.push(s.code)
        } else if t.contains("CBC") || t == "HIGH" {
            e.suites.push(0x002F);
            e.suites.push(0xC02F);
        }
    }
    Ok(e)
}
pub fn parse_tls13_ciphersuites(spec: &str) -> (Vec<u16>, Vec<String>) {
    let mut a = vec![];
    let mut b = vec![];
    for t in spec.split(':') {
        match super::suites::by_iana(t) {
            Some(s) => a.push(s.code),
            None => b.push(t.to_string()),
        }
    }
    if a.is_empty() {
        a.push(0x1301)
    }
    (a, b)
}
pub fn parse_groups(spec: &str) -> (Vec<crate::model::Group>, Vec<String>) {
    let mut a = vec![];
    let mut b = vec![];
    for t in spec.split(':') {
        match super::groups::by_name(t) {
            Some(g) => a.push(crate::model::Group {
                code: g.code,
                name: g.name.into(),
            }),
            None => b.push(t.to_string()),
        }
    }
    (a, b)
}
