// STUB
pub struct NamedGroup {
    pub code: u16,
    pub name: &'static str,
    pub bits: u16,
}
pub static ALL: &[NamedGroup] = &[NamedGroup {
    code: 29,
    name: "x25519",
    bits: 256,
}];
pub fn by_code(c: u16) -> Option<&'static NamedGroup> {
    ALL.iter().find(|g| g.code == c)
}
pub fn by_name(n: &str) -> Option<&'static NamedGroup> {
    ALL.iter().find(|g| g.name.eq_ignore_ascii_case(n))
}
