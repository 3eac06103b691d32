//! Enums whose variants each have one fixed name.

/// An enum whose variants each have one fixed name (as an advisory table, a flag or a
/// report writes it), with `ALL` (declaration order), `name()`, `from_name()`, `Display`
/// and `From<_> for &'static str` (for `#[serde(into = "&'static str")]`) by that name:
/// one list of names instead of a hand-written `ALL` array, `name` match and lookup for
/// each such enum.
///
/// ```text
/// named_enum! {
///     #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
///     #[serde(into = "&'static str")]
///     pub enum Feature {
///         /// FortiOS SSL-VPN portal or tunnel.
///         SslVpn => "ssl-vpn",
///         AdminGui => "admin-gui",
///     }
/// }
/// ```
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The variant's name.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The variant of this name, written exactly as [`name`](Self::name) writes it.
            pub fn from_name(name: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.name() == name)
            }
        }

        impl From<$name> for &'static str {
            fn from(v: $name) -> &'static str {
                v.name()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

pub(crate) use named_enum;
